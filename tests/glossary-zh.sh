#!/bin/sh
# glossary-zh.sh - the glossary commands in Chinese, end to end:
#  - 'define' shows the Chinese texts of an entry, headed "中文 (English)",
#    and falls back to English part by part where the file has no twin
#  - the listing shows short-zh:, and its columns line up by display width
#  - 'compare' shows columns-zh:, [intro-zh] and [rows-zh]
#  - bad input in Chinese: the suggestions name entries "中文 (id)", the
#    exit status is 1 and `show state` is unchanged
#  - 'glossary check' reports a [rows-zh] with the wrong number of cells
#    or rows, and a -zh section without its English one, as FILE:LINE
# The assertions do not depend on the message catalogue: they look at the
# glossary's own Chinese text, ids and numbers, never at translated
# messages, so they hold before and after po/zh_CN.po has nnlab's
# glossary messages.
. "${top_srcdir:-..}/tests/setup.sh"

mkdir -p "$TMPD/data/glossary"
own=$TMPD/data/glossary
cat >"$own/alpha.term" <<'EOF'
term: alpha rate
zh: 阿尔法率
alias: AR
alias-zh: 甲率
topic: training
short: The English definition of alpha.
short-zh: 阿尔法的中文定义，它比较长，用来检查列表按显示宽度截断时不会切开一个汉字。
see: beta
try: seed 1

[explain]
The English explanation.

[explain-zh]
中文的解释，第一行
接着第二行。

[formula]
  a = 2·b, where b is the beta rate

[formula-zh]
  a = 2·b，其中 b 是贝塔率

[example]
  a = 2·0.25 = 0.5

[example-zh]
  a = 2·0.25 = 0.5（中文例子）

[note]
The English note.
EOF
cat >"$own/beta.term" <<'EOF'
term: beta
zh: 贝塔
alias-zh: 贝率
topic: training
short: The English definition of beta.
see: alpha
try: seed 2

[explain]
Beta has no Chinese text at all.

[example]
  b = 0.25
EOF
cat >"$own/pair.compare" <<'EOF'
title: A pair
zh: 一对
columns: name | what
columns-zh: 名称 | 是什么
see: alpha, beta

[intro]
The English intro.

[intro-zh]
中文的引言。

[rows]
alpha | the first
beta | the second

[rows-zh]
阿尔法 | 第一个
贝塔 | 第二个
EOF
NNLAB_DATADIR=$TMPD/data
export NNLAB_DATADIR

# ---- define in Chinese ------------------------------------------------------------
out=$(nn --lang zh -c 'define 甲率' 2>&1) && rc=0 || rc=$?
is "define in Chinese: exit status 0" "$rc" "0"
first=$(printf '%s\n' "$out" | head -1)
is "define in Chinese: the heading is '中文 (English)'" "$first" "阿尔法率 (alpha rate)"
contains "define in Chinese: short-zh" "$out" "阿尔法的中文定义"
contains "define in Chinese: [explain-zh], its lines joined without a space" "$out" "  中文的解释，第一行接着第二行。"
contains "define in Chinese: [formula-zh]" "$out" "    a = 2·b，其中 b 是贝塔率"
contains "define in Chinese: [example-zh]" "$out" "    a = 2·0.25 = 0.5（中文例子）"
contains "define in Chinese: [note] without a twin falls back to English" "$out" "  The English note."
contains "define in Chinese: the see-also link with its Chinese name" "$out" "beta (贝塔)"
contains "define in Chinese: topic in Chinese first" "$out" "训练 (Training)"
case $out in
*"The English explanation"*|*"English definition of alpha"*) not_ok "define in Chinese: no English where there is Chinese" ;;
*) ok "define in Chinese: no English where there is Chinese" ;;
esac
out=$(nn --lang zh -c 'define beta' 2>&1)
contains "an entry with no Chinese text: heading still Chinese first" "$out" "贝塔 (beta)"
contains "an entry with no Chinese text: English definition" "$out" "The English definition of beta."
contains "an entry with no Chinese text: English explanation" "$out" "  Beta has no Chinese text at all."
out=$(nn -c 'define 甲率' 2>&1)
first=$(printf '%s\n' "$out" | head -1)
is "define in English: the heading is 'English (中文)'" "$first" "alpha rate (阿尔法率)"
contains "define in English: the English explanation" "$out" "  The English explanation."
case $out in
*"中文的解释"*) not_ok "define in English: no Chinese text" ;;
*) ok "define in English: no Chinese text" ;;
esac

# ---- the listing --------------------------------------------------------------------
out=$(nn --lang zh -c 'set width 60; glossary training' 2>&1)
contains "listing in Chinese: the topic Chinese first" "$out" "训练 (Training)"
line=$(printf '%s\n' "$out" | grep '^  alpha ')
contains "listing in Chinese: short-zh" "$line" "阿尔法率      阿尔法的中文定义"
# dw TEXT: display columns of TEXT (ASCII one, the Chinese of these tests two)
dw() {
	c=$(printf '%s' "$1" | LC_ALL=C.UTF-8 wc -m)
	b=$(printf '%s' "$1" | LC_ALL=C wc -c)
	echo $((c + (b - c) / 2))
}
# no line is wider than 60 columns, and the definitions start at display
# column 40 whether the Chinese name before them is 2 or 4 characters
widest=0
for id in alpha beta; do
	l=$(printf '%s\n' "$out" | grep "^  $id ")
	w=$(dw "$l")
	[ "$w" -le "$widest" ] || widest=$w
done
if [ "$widest" -le 60 ]; then ok "listing in Chinese: every line fits 60 columns ($widest)"; else
	not_ok "listing in Chinese: every line fits 60 columns ($widest)"; fi
pa=$(printf '%s\n' "$out" | grep '^  alpha ' | sed 's/阿尔法的.*//')
pb=$(printf '%s\n' "$out" | grep '^  beta ' | sed 's/The English.*//')
is "listing in Chinese: definitions aligned by display width (alpha)" "$(dw "$pa")" "40"
is "listing in Chinese: definitions aligned by display width (beta)" "$(dw "$pb")" "40"
case $line in
*...) ok "listing in Chinese: a long short-zh is cut with '...'" ;;
*) not_ok "listing in Chinese: a long short-zh is cut with '...'"; diag "$line" ;;
esac
# the cut is between characters: the line is valid UTF-8
if printf '%s\n' "$line" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; then
	ok "listing in Chinese: the cut never splits a character"
else
	not_ok "listing in Chinese: the cut never splits a character"
fi
blank=$(printf '%s\n' "$out" | grep '^  beta ')
contains "listing in Chinese: no short-zh falls back to English" "$blank" "贝塔          The English"

# ---- compare --------------------------------------------------------------------------
out=$(nn --lang zh -c 'compare pair' 2>&1)
contains "compare in Chinese: title" "$out" "一对 (A pair)"
contains "compare in Chinese: [intro-zh]" "$out" "中文的引言。"
contains "compare in Chinese: columns-zh" "$out" "名称    是什么"
contains "compare in Chinese: [rows-zh]" "$out" "阿尔法  第一个"
out=$(nn -c 'compare pair' 2>&1)
contains "compare in English: columns" "$out" "name   what"
contains "compare in English: rows" "$out" "alpha  the first"

# ---- bad input in Chinese: suggestions, status, state unchanged ---------------------------
state0=$(nn --lang zh -c 'seed 5; show state' | sed -n '/^seed: /,$p')
bad() {  # bad NAME LINE NEEDLE
	printf 'seed 5\n%s\nshow state\n' "$2" >"$TMPD/bad.nn"
	out=$(nn --lang zh --keep-going "$TMPD/bad.nn" 2>&1) && rc=0 || rc=$?
	is "$1: exit status 1" "$rc" "1"
	contains "$1: message" "$out" "$3"
	state=$(printf '%s\n' "$out" | sed -n '/^seed: /,$p')
	is "$1: state unchanged" "$state" "$state0"
}
bad "one wrong character" "define 阿尔法律" "阿尔法率 (alpha)"
bad "one missing character" "define 阿法率" "阿尔法率 (alpha)"
bad "ambiguous Chinese" "define 率" "阿尔法率 (alpha) 或 贝塔 (beta)"
bad "unknown Chinese" "define 猫猫狗狗" "'猫猫狗狗'"

# ---- glossary check finds broken Chinese twins ------------------------------------------
sed 's/^贝塔 | 第二个$/贝塔 第二个/' "$own/pair.compare" >"$TMPD/p" && mv "$TMPD/p" "$own/pair.compare"
out=$(nn -c 'glossary check' 2>&1) && rc=0 || rc=$?
is "[rows-zh] with a cell short: glossary check fails" "$rc" "1"
contains "[rows-zh] with a cell short: FILE:LINE" "$out" \
	"error: $own/pair.compare:19: this row has 1 cells but there are 2 columns"
sed 's/^贝塔 第二个$//' "$own/pair.compare" >"$TMPD/p" && mv "$TMPD/p" "$own/pair.compare"
out=$(nn -c 'glossary check' 2>&1) && rc=0 || rc=$?
is "[rows-zh] a row short: glossary check fails" "$rc" "1"
contains "[rows-zh] a row short: FILE:LINE" "$out" \
	"error: $own/pair.compare:17: [rows-zh] has 1 rows but [rows] has 2; translate each row once, in the same order"
rm "$own/pair.compare"
printf '\n[note-zh]\n没有英文的注。\n' >>"$own/beta.term"
out=$(nn -c 'glossary check' 2>&1) && rc=0 || rc=$?
is "[note-zh] without [note]: glossary check fails" "$rc" "1"
contains "[note-zh] without [note]: FILE:LINE" "$out" \
	"error: $own/beta.term:15: [note-zh] translates [note], which this file does not have; add [note] or remove [note-zh]"

done_testing
