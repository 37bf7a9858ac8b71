#!/bin/sh
# more-first.sh - the greeting a first-time learner gets: started with no
# arguments on a terminal, in line mode (--plain, or a small terminal)
# and in the workspace, nnlab says in the same three lines what it is,
# 'lesson start' for the first lesson, 'help' and 'define'; and the
# greeting's 'define' examples work.  Scripts get no greeting.
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"

greet1="a lab for learning how neural networks and large models work."
greet2="New here? Type 'lesson start' for the first lesson."
greet3="'help' lists the commands; 'define WORD' explains a term (define 学习率)."

# scripts and pipes: no greeting
out=$(printf 'seed 2\n' | nn 2>&1)
case $out in *"lesson start"*) not_ok "a script gets no greeting" ;; *) ok "a script gets no greeting" ;; esac

# the examples in the greeting are glossary entries
out=$(nn -c 'define 学习率' 2>&1) && rc=0 || rc=$?
is "the greeting's define example works" "$rc" "0"
contains "define 学习率" "$out" "learning rate (学习率)"

if ! command -v tmux >/dev/null 2>&1; then
	echo "# tmux is not installed: the terminal cases are skipped"
	done_testing
	exit 0
fi
loc=$(locale -a 2>/dev/null | grep -i -m1 -E '^c\.utf-?8$' || locale -a 2>/dev/null | grep -i -m1 -E 'utf-?8$' || true)
. "${top_srcdir:-..}/tests/tmuxlib.sh"
nsock=0
sock=nnlab-more-$$-0
trap 'T kill-server 2>/dev/null || true; rm -rf "$TMPD"' EXIT
# screen COLS ROWS ARGS: start nnlab on a terminal of that size, wait for
# its prompt, and leave the screen in $scr
screen() {
	T kill-server 2>/dev/null || true
	nsock=$((nsock + 1))
	sock=nnlab-more-$$-$nsock
	T new-session -d -s nn -x "$1" -y "$2" \
		"env LC_ALL=${loc:-C} NO_COLOR= XDG_STATE_HOME=$TMPD/state $NNLAB $3; sleep $(tscale 30)"
	# the prompt, then the greeting (a slow run draws the panes after it)
	wait_for "nnlab>" || true
	wait_for "New here?" || true
	scr=$(cap_opts=-J cap)
	keys 'quit' Enter
}
for mode in "--plain:line mode" ":the workspace"; do
	args=${mode%%:*} name=${mode#*:}
	screen 160 40 "$args"
	flat=$(printf '%s\n' "$scr" | tr -s ' ')
	contains "$name: what it is" "$flat" "$greet1"
	contains "$name: lesson start and help" "$flat" "$greet2"
	contains "$name: define" "$flat" "$greet3"
done
T kill-server 2>/dev/null || true
done_testing
