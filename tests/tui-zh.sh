#!/bin/sh
# tui-zh.sh - the workspace in Chinese (--lang zh) at 80x24 under tmux:
# pane titles, the status line and F1's help in Chinese; Chinese and mixed
# Chinese/ASCII typed at the prompt with the cursor in the right column
# while it moves (Left, Right, Home, End); no screen line wider than 80
# columns and the pane borders in one column on every row, as wide
# characters fill the panes.  The catalogue is the build tree's (or
# NNLAB_LOCALEDIR's).
. "${top_srcdir:-..}/tests/setup.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
loc=$(locale -a 2>/dev/null | grep -i -m1 -E '^c\.utf-?8$' || locale -a 2>/dev/null | grep -i -m1 -E 'utf-?8$' || true)
if [ -z "$loc" ]; then
	echo "1..0 # SKIP no UTF-8 locale to show Chinese in"
	exit 0
fi
sock=nnlab-zh-$$
. "$top_srcdir/tests/tmuxlib.sh"
trap 'T kill-server 2>/dev/null || true; rm -rf "$TMPD"' EXIT
cd "$TMPD"

envs="LC_ALL=$loc NO_COLOR= XDG_STATE_HOME=$TMPD/state"
[ -z "${NNLAB_LOCALEDIR:-}" ] || envs="$envs NNLAB_LOCALEDIR=$NNLAB_LOCALEDIR"
T new-session -d -s nn -x 80 -y 24 \
	"env $envs $NNLAB --lang zh; echo EXIT=\$? >$TMPD/after; sleep 60"
# settle: wait until the cursor column stops changing (the key is drawn)
settle() {
	last=x n=0
	while [ $n -lt 40 ]; do
		c=$(cursor)
		[ "$c" = "$last" ] && return 0
		last=$c
		sleep 0.1
		n=$((n + 1))
	done
}
width() { LC_ALL=$loc wc -L; }
# geometry NAME: every line at most 80 columns wide, and the vertical
# border between the panes in the same column on every row that has one
geometry() {
	cap >screen
	wide=$(while IFS= read -r l; do
		c=$(printf '%s\n' "$l" | width)
		[ "$c" -le 80 ] || echo "$c: $l"
	done <screen)
	is "$1: no line wider than 80 columns" "$wide" ""
	cols=$(while IFS= read -r l; do
		case $l in *│*) printf '%s\n' "${l%%│*}" | width ;; esac
	done <screen | sort -u)
	n=$(printf '%s\n' "$cols" | grep -c . || true)
	is "$1: the pane border is in one column on every row ($(echo $cols))" "$n" 1
	rows=$(grep -c '│' screen || true)
	check "$1: the border runs down the screen ($rows rows)" test "$rows" -ge 18
}

check "the prompt appears" wait_for "nnlab>"
has "the output pane's title in Chinese" "─ 输出 ─"
has "the chart pane's title in Chinese" "─ 图表 ─"
has "the view pane's title in Chinese" "─ 查看 ─"
has "the status line: F1 帮助" "F1 帮助"
has "the greeting in Chinese" "第一次来？"
has "the chart pane's note in Chinese" "（图表显示在这里"
status=$(cap | tail -2 | head -1)
is "the status line ends at the right edge" "$(printf '%s\n' "$status" | width)" 79
geometry "at start"

keys 'data spiral n=50 classes=3' Enter
check "the status line shows the data in Chinese" wait_for "数据 spiral 150"
keys F1
check "F1: the view pane's title" wait_for "查看: help"
has "F1: a topic title in Chinese" "会话"
has "F1: a summary in Chinese" "随机种子"
geometry "with Chinese help in the view pane"

# ---- the cursor on a Chinese line: 'nnlab> ' is 7 columns -------------------
keys 'define 学习率'
settle
is "typed 'define 学习率': the cursor after three wide characters" "$(cursor)" 20
keys Left
settle
is "Left: one character back is two columns" "$(cursor)" 18
keys Left Left
settle
is "Left twice more: before 学" "$(cursor)" 14
keys Right
settle
is "Right: over one wide character" "$(cursor)" 16
keys Home
settle
is "Home: the start of the line" "$(cursor)" 7
keys End
settle
is "End: the end of the line" "$(cursor)" 20
keys Right
settle
is "Right at the end stays" "$(cursor)" 20
has "the line shows as typed" "nnlab> define 学习率"
keys C-u
settle
is "C-u: the line is empty" "$(cursor)" 7
# mixed: a 学 b 习 c is 1+2+1+2+1 columns
keys 'define a学b习c'
settle
is "mixed 'a学b习c': the cursor at the end" "$(cursor)" 21
keys Left
settle
is "mixed: Left over c" "$(cursor)" 20
keys Left
settle
is "mixed: Left over 习" "$(cursor)" 18
keys Left Left
settle
is "mixed: Left over b and 学" "$(cursor)" 15
keys BSpace
settle
is "mixed: Backspace deletes a (one column)" "$(cursor)" 14
has "mixed: the line after the deletion" "nnlab> define 学b习c"
keys End
settle
is "mixed: End after the deletion" "$(cursor)" 20
keys C-u
settle

# ---- Chinese output filling the panes ------------------------------------------
keys 'define 学习率' Enter
check "define 学习率: the entry is shown" wait_for "demo learning-rate"
keys 'help keys' Enter
check "help keys in Chinese" wait_for "按键"
keys 'set digits x' Enter
check "an error in Chinese" wait_for "错误："
geometry "after Chinese output"

keys 'quit' Enter
n=0
while [ $n -lt 100 ] && ! grep -q EXIT= "$TMPD/after" 2>/dev/null; do sleep 0.05; n=$((n + 1)); done
is "quit: nnlab leaves with status 0" "$(cat "$TMPD/after" 2>/dev/null)" "EXIT=0"
done_testing
