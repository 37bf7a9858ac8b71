#!/bin/sh
# fault-stdin.sh - standard input ending or vanishing early: a writer that
# stops half way through a line and closes the pipe, nnlab < /dev/null,
# standard input closed outright, a script file whose last line has no
# newline, and an interactive terminal hung up in the middle of a job
# (line mode and the workspace).  Each must end cleanly with status 0
# (the commands it did get run, the history kept), never hang: every run
# is under `timeout`, which turns a hang into a failure.
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"
t=$(tscale 60)

# a writer that sends two whole commands and half of a third, then goes
out=$({ printf 'data xor\nnet new 2 4 tanh 2\n'; printf 'train 2'; } | timeout "$t" "$NNLAB" 2>&1) && rc=0 || rc=$?
is "pipe closed mid-line: status 0" "$rc" 0
contains "pipe closed mid-line: the unfinished last line runs" "$out" "done: 2 epochs, 14 steps"

# the writer goes while nnlab is still busy with a long command
out=$({ printf 'data spiral n=2000\nnet new 2 16 tanh 3\ntrain 20\n'; } | timeout "$t" "$NNLAB" 2>&1) && rc=0 || rc=$?
is "pipe closed during a job: status 0" "$rc" 0
contains "pipe closed during a job: the job finishes" "$out" "done: 20 epochs"

out=$(timeout "$t" "$NNLAB" </dev/null 2>&1) && rc=0 || rc=$?
is "stdin /dev/null: status 0" "$rc" 0
is "stdin /dev/null: no output" "$out" ""

out=$(timeout "$t" "$NNLAB" <&- 2>&1) && rc=0 || rc=$?
is "stdin closed: status 0" "$rc" 0

printf 'data xor\nshow state' >nonl
out=$(timeout "$t" "$NNLAB" nonl 2>&1) && rc=0 || rc=$?
is "script without a final newline: status 0" "$rc" 0
contains "script without a final newline: its last line runs" "$out" "data: xor n=200"
out=$(printf 'data xor; show state' | timeout "$t" "$NNLAB" 2>&1) && rc=0 || rc=$?
is "piped line without a newline: status 0" "$rc" 0
contains "piped line without a newline: it runs" "$out" "data: xor n=200"

# the terminal hung up during training: the job stops, nnlab leaves
# with status 0 and the history holds the commands typed
if command -v python3 >/dev/null 2>&1 && infocmp xterm >/dev/null 2>&1; then
	for mode in --plain workspace; do
		rm -rf state
		arg=$mode
		[ "$mode" = --plain ] || arg=
		r=$(printf '%s\n' 'wait nnlab> ' 'send data spiral n=20000\r' 'wait spiral' 'sleep 0.2' \
			'send net new 2 32 tanh 3\r' 'wait 2-32tanh-3' 'sleep 0.2' 'send train 2000\r' 'wait training' \
			'sleep 0.5' 'hangup' 'exit 30' |
			TERM=xterm XDG_STATE_HOME=$TMPD/state python3 "$top_srcdir/tests/fault-pty.py" -s 100x30 \
				-t "$t" -o pty.out -- "$NNLAB" $arg) || true
		# (what it writes after the hangup, like leaving the alternate
		# screen, has nowhere to go)
		is "hangup, $mode: nnlab leaves with status 0" "$(echo "$r" | head -1)" "status 0"
		is "hangup, $mode: the history holds the commands" "$(cat state/nnlab/history 2>/dev/null)" \
			"data spiral n=20000
net new 2 32 tanh 3
train 2000"
	done
else
	for i in 1 2 3 4; do ok "# SKIP a hung-up terminal: no python3 or no xterm terminfo"; done
fi
done_testing
