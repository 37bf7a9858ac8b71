#!/bin/sh
# shipped-lessons.sh - every shipped lesson is installed, parses, and runs
# unattended with its own answers (nnlab --check-lesson), all its checks
# holding; and lessons cannot write outside the state directory.
. "${top_srcdir:-..}/tests/setup.sh"
dir=$top_srcdir/lessons
n=0
for l in "$dir"/*.lesson; do
	name=$(basename "$l" .lesson)
	n=$((n + 1))
	out=$(nn -q --check-lesson "$l" 2>&1) && rc=0 || rc=$?
	if [ "$rc" -eq 0 ]; then ok "lesson $name runs unattended and its checks hold"; else
		not_ok "lesson $name"; diag "$out"; fi
	if grep -q "lessons/$name.lesson" "$top_srcdir/lessons/local.mk"; then ok "lesson $name is installed"; else
		not_ok "lesson $name is not listed in lessons/local.mk"; fi
done
if [ "$n" -ge 10 ]; then ok "at least 10 lessons ($n)"; else not_ok "only $n lessons"; fi

# the write guard: a lesson's own commands may not write outside the state dir
cat >"$TMPD/writer.lesson" <<EOT
title: A lesson that writes
--- one
> It tries to write a file outside the state directory.
run: log save $TMPD/outside.txt
--- two
> And inside it, which is allowed.
run: log save $XDG_STATE_HOME/nnlab/inside.txt
EOT
out=$(nn --check-lesson "$TMPD/writer.lesson" 2>&1) && rc=0 || rc=$?
is "a lesson writing outside the state directory fails its check" "$rc" "1"
contains "the write is refused with a reason" "$out" "outside nnlab's state directory"
check "nothing was written outside" test ! -e "$TMPD/outside.txt"
check "writing inside the state directory works" test -f "$XDG_STATE_HOME/nnlab/inside.txt"
# the learner may write anywhere by typing the command
out=$(nn --lesson "$TMPD/writer.lesson" -c "log save $TMPD/typed.txt" 2>&1) && rc=0 || rc=$?
check "a command the learner types may write outside" test -f "$TMPD/typed.txt"
done_testing
