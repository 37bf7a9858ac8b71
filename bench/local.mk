# bench/local.mk - `make bench`: workloads W1 and W2 of
# ../shared/bench/WORKLOADS.md run by nnlab's core and, interleaved, by the
# PyTorch and NumPy peers (bench/run.sh).  The program is built with the
# rest but never installed, and `make check` does not run it: timing is
# not a test.
noinst_PROGRAMS += bench/nnbench
bench_nnbench_SOURCES = bench/bench.c
bench_nnbench_CPPFLAGS = $(AM_CPPFLAGS) $(BLAS_CFLAGS)
bench_nnbench_LDADD = $(NNBLAS_LIB) libnncore.a $(BLAS_LIBS) -lm
EXTRA_DIST += bench/run.sh

.PHONY: bench
bench: bench/nnbench
	top_srcdir=$(abs_top_srcdir) NNBENCH=$(abs_top_builddir)/bench/nnbench \
	  $(SHELL) $(srcdir)/bench/run.sh

# W3 and W4: the sequence family's bench (bench/bench-seq.c, bench-seq.sh),
# run by `make bench-w3w4` and, as a prerequisite, by `make bench`;
# tests/seq-bench.sh checks its figures.
check_PROGRAMS += bench/bench-seq
bench_bench_seq_SOURCES = bench/bench-seq.c
bench_bench_seq_LDADD = libnncore.a -lm
EXTRA_DIST += bench/bench-seq.sh
.PHONY: bench-w3w4
bench: bench-w3w4
bench-w3w4: bench/bench-seq$(EXEEXT)
	BENCH=bench/bench-seq$(EXEEXT) PEERS=$(abs_top_srcdir)/../shared/bench/peers \
	  $(SHELL) $(srcdir)/bench/bench-seq.sh

# The workspace's drawing cost while training (bench/bench-tui.sh): run by
# `make bench-tui` and, as a prerequisite, by `make bench`; it prints the
# share of the time spent drawing (NNLAB_TUI_STATS).  Timing, not a test.
EXTRA_DIST += bench/bench-tui.sh
.PHONY: bench-tui
bench: bench-tui
bench-tui: nnlab$(EXEEXT)
	NNLAB=$(abs_top_builddir)/nnlab$(EXEEXT) $(SHELL) $(srcdir)/bench/bench-tui.sh
