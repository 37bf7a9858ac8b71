#!/bin/sh
# glossary.sh - the glossary as shipped and its commands end to end:
#  - every glossary file is listed in glossary/local.mk (so it is installed)
#  - 'glossary check' finds no problem
#  - (every entry's try: line runs: tests/glossary-demos-N.sh, in parts)
#  - bad input: each message asserted, and `show state` unchanged
#  - a malformed file is skipped with a FILE:LINE warning, never a crash
#  - demo echoes each command, stops at an error, refuses missing commands
. "${top_srcdir:-..}/tests/setup.sh"
gdir=$top_srcdir/glossary
NNLAB_DATADIR=$top_srcdir
export NNLAB_DATADIR

# ---- every file installed --------------------------------------------------
for f in "$gdir"/*.term "$gdir"/*.compare; do
	b=glossary/$(basename "$f")
	if grep -q "^	$b\( \\\\\)*\$" "$gdir/local.mk"; then :; else
		not_ok "$b is not listed in glossary/local.mk"
	fi
done
n_files=$(ls "$gdir"/*.term "$gdir"/*.compare | wc -l)
n_listed=$(grep -c '^	glossary/' "$gdir/local.mk")
is "glossary/local.mk lists every glossary file" "$n_listed" "$n_files"

# ---- glossary check ---------------------------------------------------------
out=$(nn -c 'glossary check' 2>&1) && rc=0 || rc=$?
is "glossary check: exit status 0" "$rc" "0"
contains "glossary check: no problems" "$out" "entries and 3 comparison pages; 0 problems"

# ---- bad input: message, and show state unchanged -----------------------------
state0=$(nn -c 'seed 5; set digits 6; show state' | sed -n '/^seed: /,$p')
# bad NAME LINE MESSAGE
bad() {
	printf 'seed 5\nset digits 6\n%s\nshow state\n' "$2" >"$TMPD/bad.nn"
	out=$(nn --keep-going "$TMPD/bad.nn" 2>&1) && rc=0 || rc=$?
	is "$1: exit status 1" "$rc" "1"
	contains "$1: message" "$out" "$3"
	state=$(printf '%s\n' "$out" | sed -n '/^seed: /,$p')
	is "$1: state unchanged" "$state" "$state0"
}
bad "define, no term" "define" \
	"bad.nn:3: error: 'define' needs a term, e.g. 'define learning rate' or 'define 学习率'; type 'glossary' for the list"
bad "define, unknown" "define zzzqx" \
	"error: no glossary entry is called 'zzzqx' and none mentions it; type 'glossary' for the list"
bad "define, ambiguous" "define grad" \
	"error: 'grad' could mean gpu-memory, gradient, gradient-check, gradient-descent or vanishing-gradient; type more of the name"
bad "define, misspelt" "define gradeint descent" \
	"error: no glossary entry is called 'gradeint descent'; did you mean gradient-descent?"
bad "define, only mentioned" "define hyperplane" \
	"error: no glossary entry is called 'hyperplane', but 2 mention it (neuron, perceptron); type 'glossary search hyperplane'"
bad "glossary, unknown topic" "glossary zzzqx" \
	"error: 'zzzqx' is neither a topic (basics, learning, training, networks, language, large) nor a term; type 'glossary search zzzqx' to search the texts"
bad "glossary search, no word" "glossary search" \
	"error: 'glossary search' needs a word, e.g. 'glossary search gradient'"
bad "glossary check, extra word" "glossary check now" \
	"error: 'glossary check' got an unexpected argument 'now'; usage: glossary check"
bad "demo, no term" "demo" \
	"error: 'demo' needs a term, e.g. 'demo learning rate'; type 'glossary' for the list"
bad "demo, unknown" "demo zzzqx" \
	"error: no glossary entry is called 'zzzqx' and none mentions it"
bad "compare, unknown page" "compare zzzqx" \
	"error: no comparison page 'zzzqx'; the pages are mining, networks, transformer"
bad "compare, two names" "compare networks mining" \
	"error: 'compare' got an unexpected argument 'mining'; usage: compare [NAME]"
bad "define, key=value" "define lr=0.1" \
	"error: 'define' takes no key=value options, but got 'lr='; type 'help define'"

# ---- a glossary of our own: malformed files, demos ------------------------------
mkdir -p "$TMPD/data/glossary"
own=$TMPD/data/glossary
entry() {  # entry ID TRY [EXTRA-HEADER]
	link=good
	[ "$1" = good ] && link=fails
	cat >"$own/$1.term" <<EOF
term: $1 term
zh: 词$1
alias: $1 alias
alias-zh: 别名$1
topic: basics
short: The $1 entry.
see: $link
try: $2
${3:-}

[explain]
About $1.
[example]
  $1 = 1
EOF
}
entry good "seed 7; seed"
entry fails "seed 3; seed banana; seed 4"
entry absent "seed 2; nosuchcmd 1"
entry nested "demo good"
entry broken "seed 1" "colour: red"
NNLAB_DATADIR=$TMPD/data
out=$(nn -c 'define good' 2>&1) && rc=0 || rc=$?
is "malformed file: the others still work" "$rc" "0"
contains "malformed file: warning with FILE:LINE" "$out" \
	"warning: $own/broken.term:9: unknown field 'colour'; the fields are term, zh, alias, alias-zh, topic, short, short-zh, see, try; that file is left out of the glossary"
contains "malformed file: the good entry is shown" "$out" "good term (词good)"
n=$(printf '%s\n' "$out" | grep -c 'warning:')
is "malformed file: warned once" "$n" "1"
out=$(nn -c 'define good; define 词good; glossary' 2>&1)
n=$(printf '%s\n' "$out" | grep -c 'warning:')
is "malformed file: warned once per session" "$n" "1"
out=$(nn -c 'glossary check' 2>&1) && rc=0 || rc=$?
is "glossary check with a broken file: exit status 1" "$rc" "1"
contains "glossary check: names the broken file" "$out" "error: $own/broken.term:9: unknown field 'colour'"
contains "glossary check: counts" "$out" "glossary check: 4 entries and 0 comparison pages; 1 problem"
contains "glossary check: notes the missing command" "$out" "1 try: lines use commands this build does not have yet: absent (nosuchcmd)"

out=$(nn -c 'demo good' 2>&1) && rc=0 || rc=$?
is "demo: exit status 0" "$rc" "0"
contains "demo: heading" "$out" "demo of good term (词good): seed 7; seed"
contains "demo: each command echoed, then its output" "$out" "nnlab> seed 7
seed 7: data, weights and shuffles now repeat exactly for the same commands
nnlab> seed
seed 7 (0 random draws since)"
out=$(nn -c 'demo 词good' 2>&1)
contains "demo: by the Chinese name" "$out" "nnlab> seed 7"
out=$(nn -c 'demo fails' 2>&1) && rc=0 || rc=$?
is "demo that fails: exit status 1" "$rc" "1"
contains "demo that fails: the error" "$out" "nnlab> seed banana
-c:1: error: the seed 'banana' is not a whole number"
case $out in *"nnlab> seed 4"*) not_ok "demo that fails: stops at the error" ;; *) ok "demo that fails: stops at the error" ;; esac
contains "demo that fails: says so" "$out" "(the demo of 'fails' stopped at the error above)"
printf 'seed 5\nset digits 6\ndemo absent\nshow state\n' >"$TMPD/absent.nn"
out=$(nn --keep-going "$TMPD/absent.nn" 2>&1) && rc=0 || rc=$?
is "demo, missing command: exit status 1" "$rc" "1"
contains "demo, missing command: message" "$out" \
	"error: the demo of 'absent' needs the command 'nosuchcmd', which this build of nnlab does not have yet; 'define absent' explains the idea meanwhile"
case $out in *"nnlab> seed 2"*) not_ok "demo, missing command: runs nothing" ;; *) ok "demo, missing command: runs nothing" ;; esac
state=$(printf '%s\n' "$out" | sed -n '/^seed: /,$p')
is "demo, missing command: state unchanged" "$state" "$state0"
out=$(nn -c 'demo nested' 2>&1) && rc=0 || rc=$?
is "demo inside a demo: exit status 1" "$rc" "1"
contains "demo inside a demo: refused" "$out" "error: a demo cannot start another demo; run it on its own line"
out=$(nn -c 'set echo off; demo good; show settings' 2>&1)
contains "demo echoes even with echo off" "$out" "nnlab> seed 7"
contains "demo restores the echo setting" "$out" "echo        off"

# no glossary at all
NNLAB_DATADIR=$TMPD/nowhere
out=$(nn -c 'define learning rate' 2>&1) && rc=0 || rc=$?
is "no glossary directory: exit status 1" "$rc" "1"
contains "no glossary directory: warning" "$out" "warning: cannot open the glossary directory '$TMPD/nowhere/glossary': No such file or directory"
contains "no glossary directory: error" "$out" "error: the glossary is empty (no entries in '$TMPD/nowhere/glossary'); set NNLAB_DATADIR to the directory that holds glossary/"
out=$(nn -c 'glossary check' 2>&1) && rc=0 || rc=$?
is "no glossary directory: glossary check fails" "$rc" "1"
contains "no glossary directory: glossary check says why" "$out" "error: cannot open the glossary directory '$TMPD/nowhere/glossary': No such file or directory"
done_testing
