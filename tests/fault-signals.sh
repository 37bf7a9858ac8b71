#!/bin/sh
# fault-signals.sh - SIGTERM and SIGHUP in the workspace and in line mode,
# at the prompt and during training, with a half-typed line waiting: nnlab
# leaves with status 0, the terminal modes are the ones it was given
# (compared in the pseudo-terminal before and after, as `stty -g` would),
# no alternate screen is left on, and the history file holds the commands
# typed.  In batch mode (-c, a script) the signal stops the job and the
# script: no later command runs.  Runs nnlab in a pseudo-terminal
# (tests/fault-pty.py).
. "${top_srcdir:-..}/tests/setup.sh"
if ! command -v python3 >/dev/null 2>&1 || ! infocmp xterm >/dev/null 2>&1; then
	echo "1..0 # SKIP needs python3 and the xterm terminfo entry"
	exit 0
fi
cd "$TMPD"
t=$(tscale 60)

for mode in line workspace; do
	arg=
	[ $mode = workspace ] || arg=--plain
	for sig in SIGTERM SIGHUP; do
		for when in prompt job; do
			rm -rf state
			{
				printf '%s\n' 'wait nnlab> ' 'send data spiral n=20000\r' 'wait spiral' 'sleep 0.2' \
					'send net new 2 32 tanh 3\r' 'wait 2-32tanh-3' 'sleep 0.2'
				if [ $when = job ]; then
					printf '%s\n' 'send train 2000\r' 'wait training' 'sleep 0.5'
				else
					printf '%s\n' 'send lr 0.0'
				fi
				printf '%s\n' "kill $sig" 'exit 30'
			} >actions
			r=$(TERM=xterm XDG_STATE_HOME=$TMPD/state python3 "$top_srcdir/tests/fault-pty.py" -s 100x30 \
				-t "$t" -o pty.out -- "$NNLAB" $arg <actions) || true
			is "$mode, $sig at the $when: status 0, terminal restored" "$r" "status 0
termios same
altscreen balanced"
			want='data spiral n=20000
net new 2 32 tanh 3'
			[ $when = prompt ] || want="$want
train 2000"
			is "$mode, $sig at the $when: the history holds the commands" \
				"$(cat state/nnlab/history 2>/dev/null)" "$want"
			if [ $mode = workspace ]; then
				contains "$mode, $sig at the $when: says so after the screen is gone" "$(cat pty.out)" \
					"nnlab: stopped by a signal; the terminal is restored and the history saved"
			elif [ $when = job ]; then
				contains "$mode, $sig at the $when: the job stopped" "$(cat pty.out)" "stopped at epoch"
			fi
		done
	done
done

# batch mode (a script, -c): the job stops, no later command runs, and
# nnlab says so and ends with status 1
printf 'data spiral n=20000\nnet new 2 32 tanh 3\ntrain 2000\ntrain 2000\nshow state\n' >long.nn
for sig in SIGTERM SIGHUP; do
	for how in -c script; do
		if [ $how = -c ]; then set -- -c "$(tr '\n' ';' <long.nn)"; else set -- long.nn; fi
		r=$(printf '%s\n' 'wait epoch +step' 'sleep 0.3' "kill $sig" 'exit 30' |
			python3 "$top_srcdir/tests/fault-pty.py" -t "$t" -o pty.out -- "$NNLAB" "$@") || true
		is "batch $how, $sig: status 1" "$(echo "$r" | head -1)" "status 1"
		out=$(tr -d '\r' <pty.out)
		contains "batch $how, $sig: the job stopped" "$out" "stopped at epoch"
		contains "batch $how, $sig: says the rest did not run" "$out" \
			"nnlab: stopped by a signal; the rest of the commands did not run"
		n=$(printf '%s\n' "$out" | grep -c '^training 2-32tanh-3' || true)
		is "batch $how, $sig: no later command ran" "$n $(printf '%s\n' "$out" | grep -c '^seed: ' || true)" "1 0"
	done
done
done_testing
