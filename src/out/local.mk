# src/out: the output interface (text, errors, progress) and the plain
# sink.  Commands write through it; curses never appears here.
noinst_LIBRARIES += libnnout.a
libnnout_a_SOURCES = \
	src/out/out.c src/out/out.h \
	src/out/picture.c src/out/picture.h \
	src/out/chart.c src/out/chart.h \
	src/out/heatmap.c \
	src/out/outlog.c src/out/outlog.h
