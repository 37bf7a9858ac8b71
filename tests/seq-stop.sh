#!/bin/sh
# seq-stop.sh - Ctrl-C (SIGINT) during a long job of the sequence
# commands stops it at a step boundary and keeps what it learned: rnn
# train, rnn sample, attn train and embed train each print that they were
# stopped, and `show state` afterwards holds the model as it was when
# stopped (the steps done equal the steps reported).  Nothing here is
# timed: the signal is repeated until nnlab ends.
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"

# interrupted NAME COMMANDS: run them, send SIGINT every second until
# nnlab ends, and leave the output in $out.  nnlab is started directly
# (not through a shell function), so the signal reaches it; if it has not
# ended after 60 signals (times NNLAB_TIME_FACTOR: under valgrind one step
# of a large RNN takes many seconds) it is terminated and the case fails.
interrupted() {
	"$NNLAB" -c "$2" >out.txt 2>&1 &
	pid=$!
	# Ctrl-C once a second until nnlab ends: on a slow machine (a sanitizer
	# build) the first one may land in an earlier command of the line, and
	# the long job must still be stopped; a late one is harmless
	t=0 lim=$(tscale 60)
	while kill -0 "$pid" 2>/dev/null && [ $t -lt "$lim" ]; do
		sleep "${SEQ_STOP_DELAY:-1}"
		kill -INT "$pid" 2>/dev/null || true
		t=$((t + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		sleep 1
		kill -KILL "$pid" 2>/dev/null || true
		not_ok "$1: Ctrl-C did not stop it within $lim seconds"
	fi
	wait "$pid" && rc=0 || rc=$?
	out=$(cat out.txt)
	is "$1: exit status 0 after Ctrl-C" "$rc" "0"
}

interrupted "rnn train" 'seed 1; rnn new hidden=32; rnn train networks steps=1000000; show state'
contains "rnn train: says it stopped" "$out" "of 1000000 steps; the weights learned so far are kept"
done_n=$(printf '%s\n' "$out" | sed -n 's/^stopped after \([0-9]*\) of 1000000 steps.*/\1/p')
state_n=$(printf '%s\n' "$out" | sed -n 's/^rnn: .* steps=\([0-9]*\) .*/\1/p')
is "rnn train: show state has the steps done ($done_n)" "$state_n" "$done_n"
case $done_n in '' | 0) not_ok "rnn train: some steps were done" ;; *) ok "rnn train: some steps were done" ;; esac

interrupted "rnn sample" 'seed 1; rnn new hidden=512; rnn train networks steps=1; rnn sample n=1000000; show state'
contains "rnn sample: says it stopped" "$out" "of 1000000 characters)"
contains "rnn sample: the model is kept" "$out" "rnn: hidden=512 seq=32 vocab="

interrupted "attn train" 'seed 1; attn train steps=1000000 len=16 d=64 batch=256; show state'
contains "attn train: says it stopped" "$out" "of 1000000 steps; the weights learned so far are kept"
contains "attn train: the heatmap after stopping" "$out" "after training: the attention weights"
contains "attn train: the model is kept" "$out" "attn task: reverse len=16 symbols=8 d=64 steps="

interrupted "embed train" 'seed 1; embed train networks+training+language+history epochs=3000 dim=300; show state'
contains "embed train: says it stopped" "$out" "of 3000; the vectors learned so far are kept"
contains "embed train: the vectors are kept" "$out" "embed: words=532 dim=300 window=2 epochs="
done_testing
