#!/bin/sh
# linemode.sh - the interactive line mode in a real pseudo-terminal (tmux):
# the prompt, tab completion of commands and subcommands, Ctrl-C clearing
# the line, Chinese input, and the history kept across runs.
. "${top_srcdir:-..}/tests/setup.sh"
if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
. "${top_srcdir:-..}/tests/tmuxlib.sh"
nsock=0
sock=nnlab-line-$$-0
trap 'T kill-server 2>/dev/null || true; rm -rf "$TMPD"' EXIT
# start: nnlab in line mode on an 80x24 terminal, on a fresh tmux server
start() {
	T kill-server 2>/dev/null || true
	nsock=$((nsock + 1))
	sock=nnlab-line-$$-$nsock
	T new-session -d -s nn -x 80 -y 24 \
		"env LC_ALL=C.UTF-8 XDG_STATE_HOME=$XDG_STATE_HOME NO_COLOR=1 $NNLAB --plain"
}
# ended: until nnlab has exited (its tmux session is gone), at most 5 s
ended() {
	_n=0
	while T has-session -t nn 2>/dev/null && [ $_n -lt $(($(tscale 5) * 20)) ]; do
		sleep 0.05
		_n=$((_n + 1))
	done
}

start
check "greeting and prompt" wait_for "nnlab>"
keys 'seed 4' Enter
check "a command runs" wait_for "seed 4: data"
keys 'sh' Tab
check "tab completes a command" wait_for "nnlab> show"
keys 'sta' Tab Enter
check "tab completes a subcommand" wait_for "random stream: 0 draws"
keys 'some half-typed line' C-c
check "Ctrl-C clears the line" wait_for "^C"
keys 'seed' Enter
check "the session survives Ctrl-C" wait_for "seed 4 (0 random draws since)"
keys 'seed 学习率' Enter
check "Chinese input is echoed whole" wait_for "nnlab> seed 学习率"
keys 'quit' Enter
ended
hist=$XDG_STATE_HOME/nnlab/history
check "history file written" test -f "$hist"
if grep -q '^seed 4$' "$hist" 2>/dev/null; then ok "history holds the commands"; else not_ok "history holds the commands"; fi
T kill-server 2>/dev/null || true

# a second run recalls the history with Up
start
wait_for "nnlab>" || true
keys Up Up Up
check "history is kept across runs" wait_for "nnlab> seed"
keys C-u C-d
ended
T kill-server 2>/dev/null || true
done_testing
