#!/bin/sh
# tui-tmux.sh - the workspace in a real pseudo-terminal, driven by tmux:
# start nnlab at 80x24 and at 120x40, type commands, capture the screen,
# and check the panes, the chart, the status line and the prompt; a job
# (training) that keeps the prompt usable, changes the status as it runs,
# survives a resize and stops on Ctrl-C; an RNN's training on the status
# line; Chinese typed at the prompt with
# the cursor in the right column; completion in a pane; leaving (quit and
# SIGTERM) restores the terminal and saves the history; a small terminal
# and --plain get line mode.
. "${top_srcdir:-..}/tests/setup.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
loc=$(locale -a 2>/dev/null | grep -i -m1 -E '^c\.utf-?8$' || locale -a 2>/dev/null | grep -i -m1 -E 'utf-?8$' || true)
# a fresh tmux server (socket) for every start: a server being killed
# cannot take the next session with it
nsock=0
sock=nnlab-test-$$-0
. "$top_srcdir/tests/tmuxlib.sh"
stop_servers() {
	i=0
	while [ $i -le $nsock ]; do
		tmux -L "nnlab-test-$$-$i" kill-server 2>/dev/null || true
		i=$((i + 1))
	done
}
trap 'stop_servers; rm -rf "$TMPD"' EXIT
cd "$TMPD"

# the training job: the network lab's 'train' on a large spiral (60000
# points, so 2000 epochs outlast the test: Ctrl-C ends it)
job_data='data spiral n=20000'
job_net='net new 2 32 tanh 3'
job_start='train 2000'

# start COLS ROWS [ARGS]: nnlab in a fresh tmux session; when it leaves,
# the shell records its exit status and the terminal modes
start() {
	T kill-server 2>/dev/null || true
	nsock=$((nsock + 1))
	sock=nnlab-test-$$-$nsock
	rm -f "$TMPD/after"
	T new-session -d -s nn -x "$1" -y "$2" \
		"env LC_ALL=${loc:-C} NO_COLOR= ${start_env:-} XDG_STATE_HOME=${state_dir:-$TMPD/state} NNLAB_TUI_STATS=$TMPD/stats $NNLAB ${3:-}; rc=\$?; { stty -a; echo EXIT=\$rc; } >$TMPD/after; sleep 60"
}
# wait_after TEXT: until the shell after nnlab has written TEXT
wait_after() {
	n=0
	while [ $n -lt $(($(tscale 5) * 20)) ]; do
		grep -q "$1" "$TMPD/after" 2>/dev/null && return 0
		sleep 0.05
		n=$((n + 1))
	done
	return 1
}
status_line() { cap | tail -2 | head -1; }
# status_loss: the loss the status line shows now, or nothing
status_loss() { status_line | sed -n 's/.*| loss \([0-9.e+-]*\) .*/\1/p'; }

# ==== 80x24 =================================================================
start 80 24
check "80x24: the prompt appears" wait_for "nnlab>"
has "80x24: the output pane" "output"
has "80x24: the chart pane" "chart"
has "80x24: the view pane" "view"
has "80x24: the status line" "F1 help"
is "80x24: the prompt is on the last row" "$(cap | tail -1 | cut -c1-6)" "nnlab>"

keys 'data spiral n=50 classes=3' Enter
check "80x24: the status line shows the data" wait_for "data spiral 150"
keys 'plot data' Enter
check "80x24: the chart pane shows the plot" wait_for "chart: data"
if [ -n "$loc" ]; then
	case $(cap) in *[⠁-⣿]*) ok "80x24: the chart is drawn in braille" ;; *) not_ok "80x24: the chart is drawn in braille"; cap | sed 's/^/# /' ;; esac
else
	ok "# SKIP 80x24: braille (no UTF-8 locale)"
fi
has "80x24: the output says where the chart is" "is in the chart pane"

keys F1
check "80x24: F1 shows help in the view pane" wait_for "view: help"

# Chinese at the prompt: 'define 轮次' is 7 + 4 + 4 columns after 'nnlab> '
if [ -n "$loc" ]; then
	keys 'define 轮次'
	wait_for "define 轮次" || true
	is "Chinese: the cursor after two wide characters" "$(cursor)" 18
	keys Left
	sleep 0.2
	is "Chinese: one character left is two columns" "$(cursor)" 16
	keys C-a
	sleep 0.2
	is "Chinese: the start of the line" "$(cursor)" 7
	keys C-e Enter
	check "Chinese: the term is looked up" wait_for "epoch"
else
	for t in 1 2 3 4; do ok "# SKIP Chinese input: no UTF-8 locale"; done
fi

# completion: the candidates in a pane, the unique one completed
keys 'lay' Tab
sleep 0.3
is "completion: a unique prefix completes" "$(cap | tail -1)" "nnlab> layout"
keys C-u 'l' Tab Tab
check "completion: the candidates are listed in a pane" wait_for "completions"
has "completion: 'log' among them" "log"
keys C-u
sleep 0.2

# a job typed as a learner would: the prompt stays usable, the status
# line names the data and the network and changes, the chart pane follows
# the falling loss, the view pane the decision regions; resize; Ctrl-C
keys "$job_data" Enter
check "job: the data is made" wait_for "data spiral 60000" 10
keys "$job_net" Enter
check "status: the network is named" wait_for "| 2-32tanh-3" 5
keys 'plot boundary' Enter
check "view: the decision regions of the untrained network" wait_for "view: boundary" 5
keys "$job_start" Enter
check "job: the status line shows it running" wait_for "Ctrl-C stops" 10
check "job: the chart pane follows the loss" wait_for "chart: loss" 10
has "job: the view pane keeps the decision regions" "view: boundary"
check "status: the step is shown" wait_for "| step " 5
n=0; l1=
while [ -z "$l1" ] && [ $n -lt $(($(tscale 5) * 20)) ]; do l1=$(status_loss); sleep 0.05; n=$((n + 1)); done
s1=$(status_line)
sleep 1.5
# a slow run (valgrind) may need longer to reach another loss
n=0; l2=$(status_loss)
while [ "$l2" = "$l1" ] && [ $n -lt $(($(tscale 10) * 20)) ]; do sleep 0.05; l2=$(status_loss); n=$((n + 1)); done
s2=$(status_line)
if [ "$s1" != "$s2" ]; then ok "job: the status line changes as it runs"; else not_ok "job: the status line changes as it runs"; diag "$s1"; fi
if [ -n "$l1" ] && [ -n "$l2" ] && awk -v a="$l1" -v b="$l2" 'BEGIN { exit !(b < a) }'; then
	ok "job: the loss on the status line falls ($l1, then $l2)"
else
	not_ok "job: the loss on the status line falls (${l1:-?}, then ${l2:-?})"; diag "$s1"; diag "$s2"
fi
case $(cap) in *"loss (log scale)"*|*"training loss"*) ok "job: the chart is the loss curve" ;; *) not_ok "job: the chart is the loss curve"; cap | sed 's/^/# /' ;; esac
keys 'lr 0.05' Enter
check "job: 'lr' typed during the job takes effect at once" wait_for "lr 0.05 (was 0.1)" 5
keys 'help keys' Enter
check "job: a command typed during the job runs" wait_for "leave nnlab"
T resize-window -t nn -x 70 -y 20
check "resize: a terminal below 80x24 shows a notice" wait_for "needs at least 80x24"
lacks "resize: no panes in the notice" "output ─"
T resize-window -t nn -x 100 -y 30
check "resize: larger during training, the panes return" wait_for "chart: loss"
T resize-window -t nn -x 80 -y 24
check "resize: back to 80x24, the panes return" wait_for "chart: loss"
has "resize: the job is still running" "Ctrl-C stops"
keys C-c
check "Ctrl-C: the job stops" wait_for "F1 help" 5
check "Ctrl-C: and says so" wait_for "stopped at epoch" 5
# 80 columns hold only some of the fields: the ones cut go whole ("acc
# 97." would misread), so what is shown is the wide status up to a " | "
st80=$(status_line | sed 's/ *F1 help *$//')
T resize-window -t nn -x 200 -y 30
n=0 st200=
while [ ${#st200} -le 80 ] && [ $n -lt $(($(tscale 5) * 20)) ]; do
	sleep 0.05
	case $(status_line) in *"F1 help"*) st200=$(status_line | sed 's/ *F1 help *$//') ;; esac
	n=$((n + 1))
done
T resize-window -t nn -x 80 -y 24
wait_for "chart: loss" || true
case $st200 in
"$st80 | "*) ok "status at 80 columns: whole fields only (${st80##*| })" ;;
*) not_ok "status at 80 columns: whole fields only"; diag "80: $st80"; diag "200: $st200" ;;
esac
# the output pane alone, so eval's lines are not wrapped beside the chart
keys 'layout output' Enter 'clear' Enter
keys 'eval' Enter
wait_for "accuracy " 30 || true
acc=$(cap | tr '\n' ' ' | sed -n 's/.*accuracy \([0-9.]*\)%.*/\1/p')
# three classes: chance is 33%; the untrained network is near it
if [ -n "$acc" ] && awk -v a="$acc" 'BEGIN { exit !(a > 60) }'; then
	ok "Ctrl-C: the trained weights are kept (eval: accuracy $acc%)"
else
	not_ok "Ctrl-C: the trained weights are kept (eval: accuracy ${acc:-?}%)"; cap | sed 's/^/# /'
fi

keys 'layout projector' Enter
sleep 0.3
case $(cap | head -1) in *chart*) ok "layout projector: the chart on top" ;; *) not_ok "layout projector: the chart on top"; cap | sed 's/^/# /' ;; esac
keys 'log save session.log' Enter
check "log save: reports" wait_for "lines of output to session.log"
check "log save: the file holds the commands and their output" grep -q "nnlab> data spiral n=50 classes=3" session.log

keys 'quit' Enter
check "quit: nnlab leaves with status 0" wait_after "EXIT=0"
check "quit: the terminal is back in canonical mode" grep -Eq '(^| )icanon( |$)' "$TMPD/after"
check "quit: echo is back on" grep -Eq '(^| )echo( |$)' "$TMPD/after"
check "quit: the history is saved" grep -qx "plot data" "$TMPD/state/nnlab/history"
# drawing cost (NNLAB_TUI_STATS) is recorded; its size is a benchmark,
# not a test: 'make bench-tui' measures it (bench/bench-tui.sh)
check "NNLAB_TUI_STATS: the drawing share is recorded" grep -q "draw_share" "$TMPD/stats"
diag "$(tail -1 "$TMPD/stats")"

# ==== the sequence lab at 80x24 =============================================
# with no data for the network, the status line shows the RNN (it said
# "no data" while an RNN trained); the chart's long title stays one line
# (a state directory of its own: the lesson below keeps no progress for
# the one at 120x40)
state_dir=$TMPD/state-seq start 80 24
check "RNN: the prompt appears" wait_for "nnlab>"
keys 'rnn new hidden=16' Enter
check "RNN: the status line names it" wait_for "RNN hidden 16" 5
keys 'rnn train networks steps=100000' Enter
check "RNN: training shows on the status line" wait_for "RNN hidden 16 | chars 49 | step " 10
# status_re RE [S]: until the status line matches the extended regex RE
status_re() {
	_n=0
	while [ $_n -lt $(($(tscale "${2:-5}") * 20)) ]; do
		status_line | grep -Eq "$1" && return 0
		sleep 0.05
		_n=$((_n + 1))
	done
	return 1
}
check "RNN: with the step and the loss, while it runs" status_re '\| step [0-9]+ \| loss [0-9.]+ .*Ctrl-C stops' 10
lacks "RNN: not 'no data'" "no data"
keys C-c
check "RNN: Ctrl-C stops it" wait_for "F1 help" 10
check "RNN: the loss chart" wait_for "chart: rnn-loss" 5
# the title is wider than the pane: one line, cut with an ellipsis (it
# was cut without one), so that the plot keeps its rows
if [ -n "$loc" ]; then
	has "RNN: the chart's title on one line, cut with an ellipsis" "│RNN training: loss per character (…"
else
	has "RNN: the chart's title on one line, cut with an ellipsis" "RNN training: loss per charact..."
fi
lacks "RNN: the title's end not on a line of its own" "(nats)"
# the chart turns to what a new job feeds: the word vectors' loss takes
# the place of the RNN's (a live chart used to stay until replaced by hand)
keys 'embed train networks epochs=5' Enter
check "embed train: the chart pane follows its loss" wait_for "chart: embed-loss" 20
has "embed train: the chart's title" "word vectors: training loss"
# with data for the network too, the fields of what runs come first
keys 'data spiral n=50' Enter 'rnn train networks steps=100000' Enter
check "status: the RNN's fields first while it trains, the data's after" status_re '^ RNN hidden 16 \| .*Ctrl-C stops' 10
keys C-c
check "status: Ctrl-C stops the RNN" wait_for "F1 help" 10
# a lesson in the 34-column view pane: the pane's title cut with an
# ellipsis; the command to type whole on a line of its own
keys 'lesson start 01-training' Enter
check "lesson at 80x24: the step in the view pane" wait_for "│A neural network learns" 5
keys 'next' Enter
if [ -n "$loc" ]; then
	has "lesson at 80x24: the view pane's title ends in an ellipsis" "view: Training a network, step… ─"
else
	has "lesson at 80x24: the view pane's title ends in an ellipsis" "view: Training a network, st... "
fi
has "lesson at 80x24: 'Now type:' alone at the end of a line" "│Now type:
"
has "lesson at 80x24: the command whole on a line of its own" "│    net new 2 4 tanh 1 sigmoid"
keys 'quit' Enter
wait_after "EXIT=" || true

# ==== 120x40 ================================================================
start 120 40
check "120x40: the prompt appears" wait_for "nnlab>"
keys 'data spiral n=30 classes=2' Enter 'plot data' Enter
check "120x40: the chart" wait_for "chart: data"
has "120x40: the status line" "data spiral 60"
is "120x40: the screen is 40 rows" "$(cap | wc -l | tr -d ' ')" 40
is "120x40: the prompt on the last row" "$(cap | tail -1 | cut -c1-6)" "nnlab>"

# the network diagram in the view pane; a step marks the layer it changed
# most, at once (no job runs)
keys 'net new 2 4 tanh 2' Enter 'plot net' Enter
check "net diagram: in the view pane" wait_for "view: net"
has "net diagram: a layer with its size and activation" "layer 1 (dense 2 -> 4, tanh)"
lacks "net diagram: nothing marked before a step" "> layer"
keys 'step' Enter
check "net diagram: after 'step' the layer it changed most is marked" wait_for "> layer"

# a lesson: the current step's text in the view pane, following 'next'
if [ -d "${top_srcdir:-..}/lessons" ]; then
	keys "lesson start" Enter
	check "lesson: the step's text in the view pane" wait_for "step 1 of"
	keys Enter
	check "lesson: Enter moves the view pane to the next step" wait_for "step 2 of"
	keys 'lesson stop' Enter
	sleep 0.3
else
	ok "# SKIP lesson: no lessons"
	ok "# SKIP lesson: no lessons"
fi

# SIGTERM: the terminal restored and the history saved
keys 'seed 7' Enter
sleep 0.3
sh_pid=$(T display -p -t nn '#{pane_pid}')
nn_pid=$(pgrep -P "$sh_pid" | head -1)
if [ -n "$nn_pid" ]; then
	kill -TERM "$nn_pid"
	check "SIGTERM: nnlab leaves" wait_after "EXIT="
	check "SIGTERM: the terminal is restored" grep -Eq '(^| )icanon( |$)' "$TMPD/after"
	check "SIGTERM: the history is saved" grep -qx "seed 7" "$TMPD/state/nnlab/history"
else
	not_ok "SIGTERM: nnlab's process was not found"
fi

# ==== colour schemes ========================================================
# the escape sequences on screen: 256 colours, 8 colours, NO_COLOR
colours() { T capture-pane -e -p -t nn | grep -o "$(printf '\033')\[[0-9;]*m" | sort -u | tr '\n' ' '; }
for scheme in "TERM=xterm-256color" "TERM=xterm" "TERM=xterm-256color NO_COLOR=1"; do
	start_env=$scheme
	start 100 30
	wait_for "nnlab>" || true
	keys 'data spiral n=30 classes=3' Enter 'plot data' Enter
	wait_for "chart: data" || true
	c=$(colours)
	case $scheme in
	*NO_COLOR=1*)
		case $c in *"[3"[0-7]m*|*";3"[0-7]m*|*"38;5;"*) not_ok "NO_COLOR: no colours"; diag "$c" ;; *) ok "NO_COLOR: no colours" ;; esac
		case $c in *"[7m"*|*"[1m"*) ok "NO_COLOR: bold and reverse instead" ;; *) not_ok "NO_COLOR: bold and reverse instead"; diag "$c" ;; esac ;;
	*256color*)
		case $c in *"38;5;"*) ok "256 colours: the palette is used" ;; *) not_ok "256 colours: the palette is used"; diag "$c" ;; esac ;;
	*)
		case $c in *"38;5;"*) not_ok "8 colours: no 256-colour codes"; diag "$c" ;; *"[3"[1-6]m*) ok "8 colours: the basic colours are used" ;; *) not_ok "8 colours: the basic colours are used"; diag "$c" ;; esac ;;
	esac
	keys 'quit' Enter
	wait_after "EXIT=" || true
done
start_env=

# ==== line mode =============================================================
start 70 20
check "70x20: line mode, with a note" wait_for "the workspace needs 80x24"
keys 'quit' Enter
wait_after "EXIT=" || true
start 100 30 --plain
check "--plain: line mode" wait_for "nnlab>"
lacks "--plain: no panes" "F1 help"
keys 'quit' Enter
wait_after "EXIT=" || true
done_testing
