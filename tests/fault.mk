# tests/fault.mk: fault injection (issue 9) and `make check-valgrind`.
#
# The fault tests put nnlab where things go wrong -- a full disk, a
# directory that cannot be written, gnuplot dying, signals at any moment,
# the window resized in a storm, standard input closing early -- and check
# that nothing is lost and the session goes on.  tests/fault-pty.py runs
# nnlab in a pseudo-terminal for the interactive ones.
dist_check_SCRIPTS += tests/fault-save.sh tests/fault-stdin.sh tests/fault-signals.sh \
	tests/fault-sigint.sh tests/fault-winch.sh tests/fault-gnuplot.sh
EXTRA_DIST += tests/fault-pty.py tests/valgrind-run.sh tests/valgrind-summary.sh tests/valgrind.supp

# make check-valgrind: the whole test suite with every nnlab a shell test
# starts (tests/setup.sh wraps $NNLAB) and every C test program
# (LOG_COMPILER) under valgrind memcheck; errors and leaks of any kind but
# "still reachable" fail it.  Each process leaves a log in
# tests/valgrind-logs, added up at the end by tests/valgrind-summary.sh.
# Waits in the tests are stretched VALGRIND_TIME_FACTOR times.  Slow: memcheck
# runs each fused multiply-add of the kernels through a helper call, so
# training is about a thousand times slower than natively, and the whole
# suite takes hours on a small machine; not part of `make check` or CI.
#
# VALGRIND_RESUME=1 goes on with an interrupted run in the same build
# directory: the tests whose logs say they passed under memcheck (every
# log of this run starts with the line "# under valgrind memcheck") and are
# newer than the nnlab binary are not run again; all others are.
VALGRIND_TIME_FACTOR = 20
check-valgrind: all
	@if test "$(VALGRIND_RESUME)" = 1 && test -d tests/valgrind-logs; then \
	  find tests -name '*.log' ! -name test-suite.log ! -path 'tests/valgrind-logs/*' | while read -r f; do \
	    t=$${f%.log}.trs; \
	    if grep -q '^# under valgrind memcheck' "$$f" && test -f "$$t" && test ! "$$f" -ot nnlab$(EXEEXT) && \
	       grep -q '^:global-test-result: \(PASS\|SKIP\)' "$$t"; then :; else rm -f "$$f" "$$t"; fi; \
	  done; \
	  echo "check-valgrind: going on; $$(find tests -name '*.trs' | wc -l) tests already done under memcheck"; \
	else \
	  rm -rf tests/valgrind-logs; \
	fi
	$(MKDIR_P) tests/valgrind-logs
	@rc=0; keep=; test "$(VALGRIND_RESUME)" != 1 || keep='RECHECK_LOGS='; \
	NNLAB_VALGRIND=1 NNLAB_VALGRIND_LOGDIR=$(abs_top_builddir)/tests/valgrind-logs \
	NNLAB_TIME_FACTOR=$(VALGRIND_TIME_FACTOR) \
	$(MAKE) $(AM_MAKEFLAGS) check $$keep LOG_COMPILER='$(SHELL) $(abs_top_srcdir)/tests/valgrind-run.sh --tap' || rc=1; \
	$(SHELL) $(srcdir)/tests/valgrind-summary.sh tests/valgrind-logs || rc=1; \
	exit $$rc
.PHONY: check-valgrind
clean-local: clean-valgrind-logs
clean-valgrind-logs:
	-rm -rf tests/valgrind-logs
