#!/bin/sh
# fuzz-regressions.sh - inputs that once crashed a fuzz target
# (tests/fuzz/regressions) go through the same path in the normal build:
# nnlab must refuse each with an error and exit 1, never crash.
. "${top_srcdir:-..}/tests/setup.sh"
for f in "$top_srcdir"/tests/fuzz/regressions/*; do
	name=$(basename "$f")
	case $name in
	modelfile-*) cmd="load $f" ;;
	csv-*) cmd="data load $f" ;;
	*) continue ;;
	esac
	out=$(nn -c "$cmd" 2>&1) && rc=0 || rc=$?
	is "$name: refused with status 1 (no crash)" "$rc" "1"
	contains "$name: says why" "$out" "error: "
done
done_testing
