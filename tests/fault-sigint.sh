#!/bin/sh
# fault-sigint.sh - Ctrl-C (SIGINT) at random moments during the long
# jobs: training, rnn training and sampling, a sweep and a lesson whose
# step trains.  nnlab runs in a pseudo-terminal (tests/fault-pty.py), in
# line mode and in the workspace; each trial waits a random time (from a
# seeded stream: FAULT_SEED, default 1, so a failing trial can be run
# again), sends SIGINT and then checks that the program survived, the
# prompt came back, and the model is consistent: it saves and loads back
# to the same checksum, eval and perplexity give finite numbers, show
# state is sane.  Ctrl-C may land before, during or after the job: every
# case must end the same way.  Nothing here is timed.
. "${top_srcdir:-..}/tests/setup.sh"
if ! command -v python3 >/dev/null 2>&1 || ! infocmp xterm >/dev/null 2>&1; then
	echo "1..0 # SKIP needs python3 and the xterm terminfo entry"
	exit 0
fi
cd "$TMPD"
t=$(tscale 120)
cat >intr.lesson <<'EOF'
title: Interrupted training
about: A lesson whose first step trains for a long time, for the fault tests.
summary: Training runs inside a lesson step.

--- one
> A long training run inside a lesson.
run: data spiral n=5000
run: net new 2 32 tanh 3
run: train 200

--- two
> The end.
EOF

# the delays: a seeded stream of numbers from 0 to 1.5 seconds
delays=$(awk -v s="${FAULT_SEED:-1}" 'BEGIN { srand(s); for (i = 0; i < 64; i++) printf "%.2f\n", rand() * 1.5 }')
trial=0

# setup and job of each kind; verify: what shows the model is consistent
setup_net='data spiral n=5000
net new 2 32 tanh 3'
verify_net='show state
save m.nnl
load m.nnl
show state
eval'
verify_rnn='show state
rnn sample n=40
rnn ppl networks'

# run MODE KIND SETUP JOB STARTED VERIFY: one trial.  Ctrl-C comes a
# random time after the job has shown it started (STARTED, a pattern of
# its first output in line mode; the status line's "Ctrl-C stops" in the
# workspace): during the job or after it ended.  In the workspace what
# it printed is read from `log save`.
run() {
	mode=$1 kind=$2 setup=$3 job=$4 started=$5 verify=$6
	trial=$((trial + 1))
	d=$(echo "$delays" | sed -n "${trial}p")
	arg=--plain
	[ "$mode" = line ] || { arg=; started='Ctrl-C stops'; }
	{
		echo 'wait nnlab> '
		[ -z "$setup" ] || printf '%s\n' "$setup" | while IFS= read -r c; do
			printf 'send %s\\r\nwait nnlab> \n' "$c"
		done
		printf 'send %s\\r\nwait %s\nsleep %s\nkill SIGINT\n' "$job" "$started" "$d"
		# the prompt comes back: a command typed now runs
		printf 'sleep 0.2\nsend \\x15echo-back\\r\n'
		[ "$mode" = workspace ] || printf 'wait unknown command .echo-back\n'
		printf '%s\n' "$verify" | while IFS= read -r c; do printf 'send %s\\r\nsleep 0.1\n' "$c"; done
		[ "$mode" = line ] || printf 'sleep 2\nsend log save w.txt\\r\nsleep 0.5\n'
		printf 'send quit\\r\nexit 60\n'
	} >actions
	rm -f m.nnl w.txt
	r=$(TERM=xterm XDG_STATE_HOME=$TMPD/state python3 "$top_srcdir/tests/fault-pty.py" -s 120x40 -t "$t" \
		-o o.txt -- "$NNLAB" $arg <actions 2>&1) || true
	name="$mode $kind, Ctrl-C after ${d}s (trial $trial)"
	is "$name: survives, leaves with status 0" "$(echo "$r" | head -1)" "status 0"
	# what the session printed, as text
	if [ "$mode" = line ]; then
		tr -d '\r' <o.txt | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' >text.txt
	else
		cp w.txt text.txt 2>/dev/null || : >text.txt
	fi
	contains "$name: the prompt came back" "$(cat text.txt)" "unknown command 'echo-back'"
	# (in the lines with numbers: sampled text may hold "inf" by chance)
	bad=$(grep -E '^(train:|test:|  this RNN|  uniform model|rnn:|model:|progress:|training:)' text.txt |
		grep -i -E '(^|[^a-z])-?(nan|inf)([^a-z]|$)' || true)
	is "$name: only finite numbers" "$bad" ""
	if [ "$verify" = "$verify_net" ]; then
		sums=$(sed -n 's/^model: .*checksum=\([0-9a-f]*\).*/\1/p' text.txt)
		n=$(echo "$sums" | grep -c . || true)
		u=$(echo "$sums" | sort -u | grep -c . || true)
		is "$name: save and load give back the same model" "$n $u" "2 1"
		contains "$name: eval answers" "$(cat text.txt)" "train: 15,000 samples, loss "
	else
		contains "$name: the rnn samples" "$(cat text.txt)" "40 characters at temperature 0.8"
		contains "$name: its perplexity" "$(cat text.txt)" "  this RNN  "
	fi
}

for mode in line workspace; do
	run $mode train "$setup_net" 'train 200' 'epoch +step' "$verify_net"
	run $mode sweep "$setup_net" 'sweep lr=0.01,0.1 batch=16,32 epochs=20' 'sweep: 4 runs' "$verify_net"
	run $mode "rnn train" 'rnn new hidden=32' 'rnn train networks steps=100000' 'step +loss' "$verify_rnn"
	run $mode "rnn sample" 'rnn new hidden=64
rnn train networks steps=1' 'rnn sample n=1000000' 'characters at temperature' "$verify_rnn"
	run $mode lesson '' 'lesson start intr.lesson' 'epoch +step' "$verify_net"
done
# more of the training, where Ctrl-C can fall in more kinds of places
for i in 1 2 3 4 5 6; do
	run line train "$setup_net" 'train 200' 'epoch +step' "$verify_net"
done
run workspace train "$setup_net" 'train 200' 'epoch +step' "$verify_net"
run workspace train "$setup_net" 'train 200' 'epoch +step' "$verify_net"
done_testing
