# src/plot: gnuplot as an external process (one handle owning the pipe),
# and the scripts nnlab sends it.
noinst_LIBRARIES += libnnplot.a
libnnplot_a_SOURCES = \
	src/plot/gnuplot.c src/plot/gnuplot.h \
	src/plot/gpscript.c
