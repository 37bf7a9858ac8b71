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

# the Chinese twins (lessons/zh/NAME.lesson) run unattended in Chinese mode
for l in "$dir"/zh/*.lesson; do
	name=$(basename "$l" .lesson)
	out=$(nn -q --lang zh --check-lesson "$l" 2>&1) && rc=0 || rc=$?
	if [ "$rc" -eq 0 ]; then ok "lesson zh/$name runs unattended in Chinese and its checks hold"; else
		not_ok "lesson zh/$name"; diag "$out"; fi
	if grep -q "lessons/zh/$name.lesson" "$top_srcdir/lessons/local.mk"; then ok "lesson zh/$name is installed"; else
		not_ok "lesson zh/$name is not listed in lessons/local.mk"; fi
	if grep -q '^lang: *zh$' "$l"; then ok "lesson zh/$name says lang: zh"; else
		not_ok "lesson zh/$name has no 'lang: zh' line"; fi
done
# ... and do what their English lessons do: the same steps, labels,
# commands, checks (their messages aside), answers and number of choices.
# skeleton FILE: one line per such directive, prefixed by its step
skeleton() {
	sed -e 's/^[ 	]*//' -e 's/[ 	]*$//' "$1" | awk '
	/^---/ { n++; label = $0; sub(/^---[ \t]*/, "", label); step = "step " n (label != "" ? " (" label ")" : ""); print step; next }
	/^(run|run-fails|type|answer|goto|on-wrong):/ { print step ": " $0; next }
	/^expect:/ { e = $0; sub(/[ \t]*;.*/, "", e); print step ": " e; next }
	/^(ask|choice):/ { k = $0; sub(/:.*/, ":", k); print step ": " k; next }'
}
# twin_diff EN ZH: the first difference, or nothing
twin_diff() {
	skeleton "$1" >"$TMPD/sk-en"
	skeleton "$2" >"$TMPD/sk-zh"
	awk 'NR == FNR { en[FNR] = $0; ne = FNR; next }
	{ zh[FNR] = $0; nz = FNR }
	END {
		for (i = 1; i <= (ne > nz ? ne : nz); i++)
			if (en[i] != zh[i]) {
				printf "the English lesson has \"%s\" where the Chinese one has \"%s\"\n", \
					i <= ne ? en[i] : "(nothing more)", i <= nz ? zh[i] : "(nothing more)"
				exit
			}
	}' "$TMPD/sk-en" "$TMPD/sk-zh"
}
for l in "$dir"/*.lesson; do
	name=$(basename "$l" .lesson)
	if [ ! -f "$dir/zh/$name.lesson" ]; then
		not_ok "lesson $name has no Chinese twin lessons/zh/$name.lesson"
		continue
	fi
	d=$(twin_diff "$l" "$dir/zh/$name.lesson")
	if [ -z "$d" ]; then ok "lesson zh/$name has the steps, commands, checks and answers of $name"; else
		not_ok "lesson zh/$name differs from $name: $d"; fi
done
# the comparison catches a changed command, a lost step and a changed check
sed 's/^run: data xor$/run: data moons/' "$dir/zh/01-training.lesson" >"$TMPD/t1.lesson"
d=$(twin_diff "$dir/01-training.lesson" "$TMPD/t1.lesson")
is "a changed command is found, with its lesson step" "$d" \
	'the English lesson has "step 1 (start): run: data xor" where the Chinese one has "step 1 (start): run: data moons"'
awk '/^--- end/ { exit } { print }' "$dir/zh/01-training.lesson" >"$TMPD/t2.lesson"
d=$(twin_diff "$dir/01-training.lesson" "$TMPD/t2.lesson")
contains "a missing step is found" "$d" '"(nothing more)"'
sed 's/^expect: train.acc >= 0.99/expect: train.acc >= 0.9/' "$dir/zh/01-training.lesson" >"$TMPD/t3.lesson"
d=$(twin_diff "$dir/01-training.lesson" "$TMPD/t3.lesson")
contains "a changed check is found" "$d" 'step 6 (repeat): expect: train.acc >= 0.99"'
sed 's/^expect: train.acc >= 0.99 ; .*/expect: train.acc >= 0.99 ; another message/' "$dir/zh/01-training.lesson" >"$TMPD/t4.lesson"
d=$(twin_diff "$dir/01-training.lesson" "$TMPD/t4.lesson")
is "a check's message may differ (it is translated)" "$d" ""

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
