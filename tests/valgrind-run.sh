#!/bin/sh
# valgrind-run.sh - run one program under valgrind memcheck for
# `make check-valgrind`: every nnlab started by a shell test (through the
# NNLAB wrapper tests/setup.sh makes when NNLAB_VALGRIND=1) and every C
# test program (LOG_COMPILER) comes through here.
#
# Each process writes its own log, NNLAB_VALGRIND_LOGDIR/vg.PID.log;
# tests/valgrind-summary.sh reads them all afterwards, so an error is
# caught even when the test that ran the program ignores its exit status
# and its standard error.  Leaks of every kind but "still reachable" are
# errors (exit status 99).  Not a general valgrind front end.
# --tap (as make's LOG_COMPILER): first say, as a TAP comment in the
# test's log, that it ran under memcheck (VALGRIND_RESUME looks for it).
if [ "${1:-}" = --tap ]; then
	shift
	echo "# under valgrind memcheck"
fi
logdir=${NNLAB_VALGRIND_LOGDIR:-${TMPDIR:-/tmp}}
supp=${top_srcdir:-$(dirname "$0")/..}/tests/valgrind.supp
exec "${VALGRIND:-valgrind}" --tool=memcheck --leak-check=full \
	--show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible \
	--error-exitcode=99 --num-callers=30 \
	--suppressions="$supp" \
	--log-file="$logdir/vg.%p.log" "$@"
