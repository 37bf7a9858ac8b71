#!/bin/sh
# soak-tui.sh - the workspace for ten minutes in tmux with training
# running (a new 'train' job whenever the last one ends) while the window
# is resized every second.  Afterwards nnlab must be alive and answer a
# command, the screen must be sane (capture-pane: the panes, the status
# line, the prompt on the last row, no escape bytes), its resident memory
# (VmRSS) must not have grown after the warm-up, and 'quit' must restore
# the terminal (canonical mode and echo) with exit status 0.  Not part of
# `make check`: `make soak` runs it.  Linux only (/proc), needs tmux.
#
# Environment: NNLAB (default ./nnlab), SOAK_SECONDS (600), SOAK_MARGIN_KB
# (2048), SOAK_WARMUP (seconds, 60).
set -eu
LC_ALL=C
export LC_ALL
: "${NNLAB:=./nnlab}"
NNLAB=$(cd "$(dirname "$NNLAB")" && pwd)/$(basename "$NNLAB")
secs=${SOAK_SECONDS:-600}
margin=${SOAK_MARGIN_KB:-2048}
warm=${SOAK_WARMUP:-60}
if ! command -v tmux >/dev/null 2>&1 || [ ! -r /proc/self/status ]; then
	echo "soak-tui: SKIP: needs tmux and /proc"
	exit 0
fi
loc=$(locale -a 2>/dev/null | grep -i -m1 -E '^c\.utf-?8$' || locale -a 2>/dev/null | grep -i -m1 -E 'utf-?8$' || true)
D=$(mktemp -d "${TMPDIR:-/tmp}/nnlab-soak.XXXXXX")
sock=nnlab-soak-$$
T() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null || true; rm -rf "$D"' EXIT
cap() { T capture-pane -p -t nn; }
keys() { T send-keys -t nn "$@"; }
wait_for() {
	n=0
	while [ $n -lt $((${2:-5} * 10)) ]; do
		case $(cap) in *"$1"*) return 0 ;; esac
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}
fail=0
bad() { echo "soak-tui: FAIL: $*"; fail=1; }

# the inner shell execs nnlab, so the pid file names nnlab itself; when
# it leaves, the outer shell records its status and the terminal modes
T new-session -d -s nn -x 100 -y 30 \
	"sh -c 'echo \$\$ >$D/pid; exec env LC_ALL=${loc:-C} NO_COLOR= XDG_STATE_HOME=$D/state nice -n 10 $NNLAB --seed 0'; rc=\$?; { stty -a; echo EXIT=\$rc; } >$D/after; sleep 60"
wait_for "nnlab>" 10 || { bad "the workspace did not start"; cap; exit 1; }
pid=$(cat "$D/pid")
keys 'data spiral n=3000' Enter
wait_for "data spiral 9000" 10 || bad "the data was not made"
keys 'net new 2 24 tanh 3' Enter
wait_for "| 2-24tanh-3" 5 || bad "the network was not made"
keys 'plot boundary' Enter
sleep 1

sizes="80x24 120x40 100x30 70x20 132x43 90x28 80x24 160x50"
start=$(date +%s)
now=$start
jobs=0 resizes=0 samples= sz=100x30
next_sample=$start
while [ $((now - start)) -lt "$secs" ]; do
	kill -0 "$pid" 2>/dev/null || { bad "nnlab died after $((now - start))s"; break; }
	# a new job whenever none is running (the status line says so; below
	# 80x24 there is only a notice, so wait for a size with panes)
	case $sz:$(cap | tail -2) in
	70x20:*|*"Ctrl-C stops"*) ;;
	*) keys 'train 1000' Enter; jobs=$((jobs + 1)) ;;
	esac
	set -- $sizes
	i=$((resizes % $#))
	eval sz=\${$((i + 1))}
	T resize-window -t nn -x "${sz%x*}" -y "${sz#*x}"
	resizes=$((resizes + 1))
	if [ "$now" -ge "$next_sample" ]; then
		rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || true)
		[ -n "$rss" ] && { samples="$samples $((now - start)):$rss"; echo "soak-tui: t=$((now - start))s rss=$rss kB jobs=$jobs resizes=$resizes"; }
		next_sample=$((now + 10))
	fi
	sleep 1
	now=$(date +%s)
done
echo "soak-tui: ran $((now - start))s: $jobs train jobs started, $resizes resizes"

# alive, and answering: stop the job, go back to 80x24, ask for 'eval'
T resize-window -t nn -x 80 -y 24
keys C-c
sleep 1
kill -0 "$pid" 2>/dev/null || bad "nnlab is not running at the end"
keys 'eval' Enter
wait_for "confusion matrix" 60 || bad "nnlab did not answer 'eval' after the soak"
sleep 0.5
screen=$(cap)
echo "$screen" | sed 's/^/soak-tui: | /'
case $screen in *output*) ;; *) bad "no output pane on the final screen" ;; esac
case $screen in *"chart"*) ;; *) bad "no chart pane on the final screen" ;; esac
case $screen in *"F1 help"*) ;; *) bad "no status line on the final screen" ;; esac
case $(echo "$screen" | tail -1) in "nnlab>"*) ;; *) bad "the prompt is not on the last row" ;; esac
rows=$(echo "$screen" | wc -l)
[ "$rows" -eq 24 ] || bad "the screen has $rows rows, not 24"
wide=$(echo "$screen" | awk '{ if (length($0) > 80) n++ } END { print n + 0 }')
[ "$wide" -eq 0 ] || [ -n "$loc" ] || bad "$wide rows wider than 80 columns"
rss_end=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || echo 0)
samples="$samples $((now - start + 2)):$rss_end"
echo "$samples" | tr ' ' '\n' | sed '/^$/d' | awk -F: -v margin="$margin" -v warm="$warm" '
	{ t[NR] = $1; r[NR] = $2 }
	END {
		b = 0
		for (i = 1; i <= NR; i++) if (t[i] >= warm) { b = i; break }
		if (b == 0 || b == NR) { print "soak-tui: FAIL: too few samples after the warm-up"; exit 1 }
		max = r[b]; at = t[b]
		for (i = b; i <= NR; i++) if (r[i] > max) { max = r[i]; at = t[i] }
		printf "soak-tui: %d samples; at the end of the warm-up (t=%ds) %d kB; largest after it %d kB (t=%ds); last %d kB; growth %d kB (margin %d kB)\n", NR, t[b], r[b], max, at, r[NR], max - r[b], margin
		if (max - r[b] > margin) { print "soak-tui: FAIL: the resident memory grew"; exit 1 }
		print "soak-tui: PASS: the resident memory stayed flat"
	}' || fail=1

# quit restores the terminal and leaves with status 0
keys 'quit' Enter
n=0
while ! grep -q EXIT= "$D/after" 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
if ! grep -q EXIT= "$D/after" 2>/dev/null; then
	bad "nnlab did not leave on 'quit'"
else
	grep -qx EXIT=0 "$D/after" || bad "nnlab left with $(grep EXIT= "$D/after")"
	grep -Eq '(^| )icanon( |;|$)' "$D/after" || bad "the terminal is not back in canonical mode"
	grep -Eq '(^| )echo( |;|$)' "$D/after" || bad "echo is not back on"
fi
[ $fail -eq 0 ] && echo "soak-tui: PASS"
exit $fail
