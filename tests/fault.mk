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
# directory, in this session or a later one: a test is not run again when
# its log says it passed under memcheck (every log of this run starts with
# the line "# under valgrind memcheck") and what it ran is unchanged.
# tests/valgrind-ids keeps, for each test, a checksum of the nnlab binary,
# the test itself (script or program), tests/setup.sh and the valgrind
# wrapper and suppressions, as they were when the run started: content,
# not time stamps, so a rebuild of the same code (or a fresh checkout)
# keeps what was done (the kept logs are touched, so that make does not
# run a test again only because its program was relinked).  A script that
# sources more than setup.sh names those files in a comment line
# "# valgrind-id also: FILE..." (paths from the source tree), so they count
# too.  TESTS='...' on the command line runs a part of the suite; the
# records of the other tests are kept for a later resumed run.
VALGRIND_TIME_FACTOR = 20
VALGRIND_IDS = tests/valgrind-ids
check-valgrind: all
	@$(MAKE) $(AM_MAKEFLAGS) $(check_PROGRAMS) >/dev/null
	@vgid() { \
	  if test -f "$$1"; then f=$$1; else f=$(srcdir)/$$1; fi; \
	  also=; case $$f in *.sh) also=`sed -n 's|^# valgrind-id also:||p' "$$f"`;; esac; \
	  for a in $$also; do set -- "$$@" "$(srcdir)/$$a"; done; shift; \
	  cat nnlab$(EXEEXT) "$$f" "$$@" $(srcdir)/tests/setup.sh $(srcdir)/tests/valgrind-run.sh \
	      $(srcdir)/tests/valgrind.supp | cksum | tr ' ' -; \
	}; \
	if test "$(VALGRIND_RESUME)" = 1 && test -d tests/valgrind-logs && test -f $(VALGRIND_IDS); then \
	  done=0; \
	  for t in $(TESTS); do \
	    b=$${t%$(EXEEXT)}; b=$${b%.sh}; \
	    if grep -q '^# under valgrind memcheck' "$$b.log" 2>/dev/null && \
	       grep -q '^:global-test-result: \(PASS\|SKIP\)' "$$b.trs" 2>/dev/null && \
	       test "$$(sed -n "s|^$$t ||p" $(VALGRIND_IDS))" = "$$(vgid $$t)"; then \
	      done=$$((done + 1)); touch "$$b.log" "$$b.trs"; \
	    else rm -f "$$b.log" "$$b.trs"; fi; \
	  done; \
	  echo "check-valgrind: going on; $$done tests already done under memcheck"; \
	else \
	  rm -rf tests/valgrind-logs $(VALGRIND_IDS); \
	fi; \
	for t in $(TESTS); do echo "$$t $$(vgid $$t)"; done >$(VALGRIND_IDS).new; \
	if test -f $(VALGRIND_IDS); then \
	  $(AWK) 'NR == FNR { run[$$1] = 1; next } !($$1 in run)' \
	      $(VALGRIND_IDS).new $(VALGRIND_IDS) >>$(VALGRIND_IDS).new; \
	fi; \
	mv -f $(VALGRIND_IDS).new $(VALGRIND_IDS)
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
	-rm -rf tests/valgrind-logs $(VALGRIND_IDS)
