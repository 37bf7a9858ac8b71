#!/bin/sh
# run.sh SRCDIR TARGET... - run each libFuzzer target for $FUZZ_TIME
# seconds (or $FUZZ_RUNS executions) from its seed corpus and dictionary; print one summary line per
# target (executions, coverage, corpus size).  Exits 1 on the first crash;
# the crashing input is kept as fuzz-crash-TARGET-*.
set -u
srcdir=$1
shift
time=${FUZZ_TIME:-60}
# FUZZ_RUNS=N: N executions from seed 1 instead of a time budget, so a
# smoke run (CI) is the same run every time
if [ -n "${FUZZ_RUNS:-}" ]; then
	budget="-runs=$FUZZ_RUNS -seed=1"
	what="$FUZZ_RUNS runs"
else
	budget="-max_total_time=$time"
	what="${time}s"
fi
status=0
for t in "$@"; do
	mkdir -p "fuzz-corpus/$t"
	seeds=$srcdir/tests/fuzz/corpus/$t
	dict=$srcdir/tests/fuzz/$t.dict
	log=fuzz-$t.log
	# shellcheck disable=SC2086
	./tests/fuzz/fuzz-$t $budget -timeout=20 -rss_limit_mb=2048 \
		-dict="$dict" -artifact_prefix="fuzz-crash-$t-" -print_final_stats=1 \
		"fuzz-corpus/$t" "$seeds" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1 | sed 's/cov: //')
	ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n1 | sed 's/ft: //')
	files=$(ls "fuzz-corpus/$t" | wc -l)
	if [ $rc -eq 0 ]; then
		echo "fuzz $t: $what, ${execs:-?} executions, coverage ${cov:-?} edges (${ft:-?} features), corpus $files files"
	else
		echo "fuzz $t: FAILED (status $rc) after ${execs:-?} executions; see $log and fuzz-crash-$t-*"
		grep -A15 'ERROR: \|runtime error\|deadly signal' "$log" | head -30
		status=1
	fi
done
exit $status
