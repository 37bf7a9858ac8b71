#!/bin/sh
# lesson-zh.sh - the lesson commands in Chinese mode: lesson list shows
# the Chinese titles of the lessons/zh/ twins, aligned by display width;
# a lesson without a twin starts in English after a one-line note; answers
# typed with a Chinese input method (full-width, a choice's Chinese text)
# are read as the learner meant; a bad answer changes nothing.  Language
# independent: the catalogue's translations are not asserted here (the
# Chinese transcript lesson-zh does that).
. "${top_srcdir:-..}/tests/setup.sh"

# the shipped lessons: every line of the list shows the twin's title
out=$(nn --lang zh -c 'lesson list' 2>&1)
for l in "$top_srcdir"/lessons/zh/*.lesson; do
	name=$(basename "$l" .lesson)
	title=$(sed -n 's/^title: *//p' "$l")
	want=$(printf '  %-24s %s' "$name" "$title")
	contains "lesson list in Chinese: $name with its Chinese title" "$out" "$want"
done
out=$(nn --lang en -c 'lesson list' 2>&1)
contains "lesson list in English: the English title" "$out" \
	"$(printf '  %-24s %s' 01-training "$(sed -n 's/^title: *//p' "$top_srcdir/lessons/01-training.lesson")")"

# a data directory of our own: a name in Chinese, a lesson with no twin
d=$TMPD/data
mkdir -p "$d/lessons/zh"
cat >"$d/lessons/01-pair.lesson" <<'EOT'
title: A pair
--- q
ask: Which one?
choice: right
choice: wrong
answer: a
EOT
cat >"$d/lessons/zh/01-pair.lesson" <<'EOT'
title: 一对
lang: zh
--- q
ask: 哪一个？
choice: 对
choice: 错
answer: a
EOT
cat >"$d/lessons/02-alone.lesson" <<'EOT'
title: Alone in English
--- one
> Only English here.
EOT
cp "$d/lessons/zh/01-pair.lesson" "$d/lessons/zh/学习率.lesson"
out=$(NNLAB_DATADIR=$d nn --lang zh -c 'lesson list' 2>&1)
contains "a Chinese lesson name is padded by display width" "$out" "$(printf '  学习率%19s一对' '')"
contains "... like an ASCII one" "$out" "$(printf '  01-pair%18s一对' '')"
contains "a lesson with no twin is listed with its English title" "$out" "$(printf '  02-alone%17sAlone in English' '')"
out=$(NNLAB_DATADIR=$d nn --lang zh -c 'lesson start 02-alone' 2>&1)
n=$(printf '%s\n' "$out" | grep -c "'02-alone'" || true)
is "Chinese mode, no twin: one note naming the lesson" "$n" "1"
contains "... and the English lesson runs" "$out" "Only English here."
out=$(NNLAB_DATADIR=$d nn --lang en -c 'lesson start 02-alone' 2>&1)
n=$(printf '%s\n' "$out" | grep -c "'02-alone'" || true)
is "English mode: no note" "$n" "0"

# answers as a Chinese input method types them (in English mode, so the
# messages are the msgids, the Chinese lesson named by its path)
zp=$d/lessons/zh/01-pair.lesson
out=$(nn -c "lesson start $zp; answer 对。" 2>&1)
contains "a choice named by its Chinese text" "$out" "Right."
out=$(nn -c "lesson start $zp; answer （ａ）" 2>&1)
contains "a full-width (a)" "$out" "Right."
out=$(nn -c "lesson start $zp; answer 错" 2>&1)
contains "the other choice's text is wrong" "$out" "Not quite."
cd "$TMPD"
run_bad "an answer that is no choice" "lesson start $zp" "answer 也许" \
	"'也许' is not a possible answer; answer with the letter of a choice"
done_testing
