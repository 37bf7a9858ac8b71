# src/plot: gnuplot as an external process (one handle owning the pipe).
