#!/bin/sh
# fault-winch.sh - a storm of window-size changes while the workspace
# trains: tmux resizes the window a few hundred times, to sizes from
# 60x20 (under the workspace's minimum) to 140x45, while SIGWINCH is also
# sent straight to nnlab in bursts.  nnlab must not crash, must draw the
# panes at the final size (the screen captured from tmux: the top border,
# the status line and the prompt span the final width and height), and
# the training must give the same numbers as the same training with no
# resizing (the epoch lines and the final line of `log save` compared).
. "${top_srcdir:-..}/tests/setup.sh"
if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
# one tmux server per session (calm, storm): a new session on the socket
# of a server that is still shutting down would fail ("server exited
# unexpectedly")
sock=nnlab-winch-$$-calm
cap_opts=-N
. "$top_srcdir/tests/tmuxlib.sh"
trap 'for s in calm storm; do tmux -L "nnlab-winch-$$-$s" kill-server 2>/dev/null || true; done; rm -rf "$TMPD"' EXIT
cd "$TMPD"

# session NAME STORM: start the workspace at 100x30, train, and (STORM=1)
# resize all the while; end at 110x35, save the log to NAME.log, quit
session() {
	sock=nnlab-winch-$$-$1
	T kill-server 2>/dev/null || true
	rm -f "$TMPD/after"
	T new-session -d -s nn -x 100 -y 30 \
		"exec env LC_ALL=C NO_COLOR= XDG_STATE_HOME=$TMPD/state $NNLAB"
	wait_for "nnlab>" 30 || { not_ok "$1: the workspace starts"; return; }
	pid=$(T display -p -t nn '#{pane_pid}')
	T send-keys -t nn 'data spiral n=5000' Enter
	wait_for "data spiral 15000" 30 || true
	T send-keys -t nn 'net new 2 32 tanh 3' Enter 'train 400' Enter
	if [ "$2" = 1 ]; then
		i=0
		while [ $i -lt 240 ]; do
			T resize-window -t nn -x $((60 + i * 37 % 81)) -y $((20 + i * 11 % 26)) 2>/dev/null || true
			if [ $((i % 20)) = 0 ]; then
				j=0
				while [ $j -lt 50 ]; do kill -WINCH "$pid" 2>/dev/null || true; j=$((j + 1)); done
			fi
			i=$((i + 1))
		done
		case $(cap) in *"done: 400 epochs"*) diag "the training ended before the storm" ;;
		*) diag "the training outlasted the storm" ;; esac
	fi
	T resize-window -t nn -x 110 -y 35
	if wait_for "done: 400 epochs" 600; then ok "$1: the training ends"; else not_ok "$1: the training ends"; cap | sed 's/^/# /'; fi
	check "$1: nnlab is still running" kill -0 "$pid"
	sleep 0.5
	T send-keys -t nn "log save $1.log" Enter
	wait_for "saved" 30 || true
	screen=$(cap)
	T send-keys -t nn quit Enter
}

session calm 0
session storm 1
is "storm: the screen has the final height" "$(printf '%s\n' "$screen" | wc -l)" 35
is "storm: the top border spans the final width" "$(printf '%s\n' "$screen" | head -1 | awk '{ print length($0) }')" 110
status=$(printf '%s\n' "$screen" | tail -2 | head -1)
is "storm: the status line spans the final width" "$(printf '%s\n' "$status" | awk '{ print length($0) }')" 110
contains "storm: the status line ends in its last column" "$status" "F1 help"
is "storm: the prompt is on the last row" "$(printf '%s\n' "$screen" | tail -1 | cut -c1-6)" "nnlab>"
contains "storm: the chart pane is drawn" "$screen" "chart: loss"
contains "storm: the view pane is drawn" "$screen" "decision regions"
# the numbers: every epoch line and the last line, with and without
nums() { grep -E '^ +[0-9]+ +[0-9]+ +[0-9.]+ +[0-9.]+%$|^done: ' "$1" 2>/dev/null || true; }
is "storm: as many epoch lines as the calm run" "$(nums storm.log | wc -l)" "$(nums calm.log | wc -l)"
if [ -n "$(nums calm.log)" ] && [ "$(nums storm.log)" = "$(nums calm.log)" ]; then
	ok "storm: the same losses and accuracies as the calm run"
else
	not_ok "storm: the same losses and accuracies as the calm run"
	diff calm.log storm.log | head -20 | sed 's/^/# /'
fi
is "storm: the same final loss line" "$(nums storm.log | tail -2)" "$(nums calm.log | tail -2)"
done_testing
