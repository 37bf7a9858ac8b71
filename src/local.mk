# src/local.mk: the nnlab program itself.
bin_PROGRAMS += nnlab
nnlab_SOURCES = src/main.c
nnlab_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS) $(READLINE_CFLAGS)
# Libraries in dependency order: front ends, commands, content, output,
# utilities, the numeric core.
NNLAB_LIBS = libnntui.a libnncmd.a libnnplot.a libnncontent.a libnnout.a \
	libnnutil.a $(NNBLAS_LIB) libnncore.a
nnlab_LDADD = $(NNLAB_LIBS) $(NCURSESW_LIBS) $(READLINE_LIBS) $(BLAS_LIBS) $(LIBINTL) -lm
