#!/bin/sh
# big-stop.sh - Ctrl-C during the demos that compute to their end rather
# than as jobs (gan, ae, distill, transfer, parallel): SIGINT stops the
# demo, which says so, the script goes on to its next command, and the
# session is as before the demo (show state).  Each demo is given enough
# work to last minutes; the signal is sent once the process has used half
# a second of CPU time (the set-up before the demo takes milliseconds).
# Under valgrind (NNLAB_TIME_FACTOR) the CPU time and the waits are
# stretched alike: memcheck's own start-up takes seconds of CPU.
. "${top_srcdir:-..}/tests/setup.sh"

# stop_demo NAME SETUP DEMO
stop_demo() {
	printf '%s\nshow state\n%s\nshow state\n' "$2" "$3" >"$TMPD/script"
	: >"$TMPD/out"
	"$NNLAB" --keep-going "$TMPD/script" >"$TMPD/out" 2>&1 &
	pid=$!
	busy_wait $pid 5
	kill -INT $pid 2>/dev/null || true
	if ! end_wait $pid 30; then
		kill -9 $pid
		not_ok "$1: still running $(tscale 30) s after Ctrl-C"
	else
		ok "$1: ended after Ctrl-C"
	fi
	wait $pid && rc=0 || rc=$?
	is "$1: exit status" "$rc" 0
	out=$(cat "$TMPD/out")
	contains "$1: says it was stopped" "$out" "stopped: '$1' was interrupted before it finished"
	before=$(printf '%s\n' "$out" | awk '/^seed: /{n++} n==1 && /^(seed|data|model|training|progress): /')
	after=$(printf '%s\n' "$out" | awk '/^seed: /{n++} n==2 && /^(seed|data|model|training|progress): /')
	is "$1: the session's data and network are as before" "$after" "$before"
}

stop_demo gan 'seed 1' 'gan steps=200000 batch=64 hidden=64'
stop_demo ae 'data sine n=4000' 'ae epochs=50000 hidden=64'
stop_demo distill 'data spiral n=2000; net new 2 64 tanh 64 tanh 3' 'distill epochs=100000 hidden=256'
stop_demo transfer 'seed 1' 'transfer epochs=10000 pretrain=10000'
stop_demo parallel 'data spiral n=2000; net new 2 256 tanh 256 tanh 3' 'parallel steps=1000000 batch=1024 time'
done_testing
