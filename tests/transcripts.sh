#!/bin/sh
# transcripts.sh - run every tests/transcripts/NAME.cmds in batch mode
# (LC_ALL=C, seed 0, --echo, --keep-going) and compare the output, stdout
# and stderr together, with NAME.out byte for byte.  A diff is shown on
# failure.  NNLAB_REGEN=1 rewrites the .out files instead (review the diff!);
# NNLAB_ONLY='net-*' limits the run to the transcripts whose names match.
# NAME.args, when present, holds extra options for that run (--lang zh).
# In the scratch directory, data/ and lessons/ lead to tests/data and
# tests/lessons, so transcripts name fixtures by short relative paths.
. "${top_srcdir:-..}/tests/setup.sh"
dir=$top_srcdir/tests/transcripts
for cmds in "$dir"/*.cmds; do
	name=$(basename "$cmds" .cmds)
	# NNLAB_ONLY=GLOB runs (and regenerates) only the matching transcripts
	case $name in ${NNLAB_ONLY:-*}) ;; *) continue ;; esac
	want=$dir/$name.out
	got=$TMPD/$name.got
	# each transcript runs in its own scratch directory, so files it
	# writes are relative and disappear afterwards
	mkdir -p "$TMPD/run-$name"
	# fixtures are reachable by short relative names: data/FILE.csv,
	# lessons/FILE.lesson
	ln -s "$top_srcdir/tests/data" "$TMPD/run-$name/data"
	ln -s "$top_srcdir/tests/lessons" "$TMPD/run-$name/lessons"
	# NAME.args, if present, holds extra options (such as --lang zh)
	args=
	[ ! -f "$dir/$name.args" ] || args=$(cat "$dir/$name.args")
	# shellcheck disable=SC2086 # the options are words
	( cd "$TMPD/run-$name" && TRANSCRIPT_DIR=$dir nn --seed 0 --echo --keep-going $args "$cmds" ) >"$got" 2>&1 || true
	# the script's own path appears in FILE:LINE messages: make it stable
	sed -i "s|$dir/||g" "$got"
	if [ "${NNLAB_REGEN:-0}" = 1 ]; then
		cp "$got" "$want"
		ok "$name (regenerated)"
	elif [ ! -f "$want" ]; then
		not_ok "$name: $want is missing"
	elif cmp -s "$got" "$want"; then
		ok "$name"
	else
		not_ok "$name"
		diff -u "$want" "$got" | head -60 | sed 's/^/# /'
	fi
done
done_testing
