#!/bin/sh
# linemode.sh - the interactive line mode in a real pseudo-terminal (tmux):
# the prompt, tab completion of commands and subcommands, Ctrl-C clearing
# the line, Chinese input, and the history kept across runs.
. "${top_srcdir:-..}/tests/setup.sh"
if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
sock=$TMPD/tmux.sock
T() { tmux -u -S "$sock" "$@"; }
trap 'T kill-server 2>/dev/null || true; rm -rf "$TMPD"' EXIT
screen() { T capture-pane -t t -p; }
# wait_for TEXT: poll the screen for up to 5 s
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		case $(screen) in *"$1"*) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
start() {
	T new-session -d -s t -x 80 -y 24 \
		"env LC_ALL=C.UTF-8 XDG_STATE_HOME=$XDG_STATE_HOME NO_COLOR=1 $NNLAB --plain"
}

start
check "greeting and prompt" wait_for "nnlab>"
T send-keys -t t 'seed 4' Enter
check "a command runs" wait_for "seed 4: data"
T send-keys -t t 'sh' Tab
check "tab completes a command" wait_for "nnlab> show"
T send-keys -t t 'sta' Tab Enter
check "tab completes a subcommand" wait_for "random stream: 0 draws"
T send-keys -t t 'some half-typed line' C-c
check "Ctrl-C clears the line" wait_for "^C"
T send-keys -t t 'seed' Enter
check "the session survives Ctrl-C" wait_for "seed 4 (0 random draws since)"
T send-keys -t t 'seed 学习率' Enter
check "Chinese input is echoed whole" wait_for "nnlab> seed 学习率"
T send-keys -t t 'quit' Enter
sleep 0.5
hist=$XDG_STATE_HOME/nnlab/history
check "history file written" test -f "$hist"
if grep -q '^seed 4$' "$hist" 2>/dev/null; then ok "history holds the commands"; else not_ok "history holds the commands"; fi
T kill-server 2>/dev/null || true

# a second run recalls the history with Up
start
wait_for "nnlab>" || true
T send-keys -t t Up Up Up
check "history is kept across runs" wait_for "nnlab> seed"
T send-keys -t t C-u C-d
sleep 0.3
T kill-server 2>/dev/null || true
done_testing
