#!/bin/sh
# untrusted.sh - what comes from outside nnlab (file names, CSV headers
# and cells, tokens typed, texts for the RNN, lessons, the glossary, saved
# models, gnuplot's own output) is shown harmlessly: the bytes nnlab
# prints hold no ESC, BEL, DEL or other C0 control, no C1 control and no
# bidirectional override or isolate, raw.  Strings sent to gnuplot cannot
# run a command there; lessons cannot write outside the state directory;
# huge files are refused quickly, naming the limit, within bounded memory.
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"

ESC=$(printf '\033')
BEL=$(printf '\007')
RLO=$(printf '\342\200\256')   # U+202E RIGHT-TO-LEFT OVERRIDE
LRI=$(printf '\342\201\246')   # U+2066 LEFT-TO-RIGHT ISOLATE

# harmless NAME FILE: FILE holds no control byte but newline and tab, no
# C1 control (U+0080..U+009F) and no bidirectional formatting character
harmless() {
	h=" $(od -An -tx1 -v "$2" | tr -s ' \n' '  ') "
	if printf '%s\n' "$h" | grep -Eq ' (0[0-8]|0[b-f]|1[0-9a-f]|7f) | c2 [89][0-9a-f] | e2 80 (8e|8f|a[a-e]) | e2 81 a[6-9] | d8 9c '; then
		not_ok "$1"
		diag "raw control bytes in the output:" "$(od -c "$2" | grep -E '033|007|342' | head -3)"
	else
		ok "$1"
	fi
}
# run OUT ARGS...: nnlab with ARGS, all its output in the file OUT
run() { o=$1; shift; nn "$@" >"$o" 2>&1 && rc=0 || rc=$?; }
has() { if grep -qF -- "$3" "$2"; then ok "$1"; else not_ok "$1"; diag "$2 lacks: $3"; head -20 "$2" | sed 's/^/# /'; fi; }

# ==== 1. control characters in what nnlab shows ===========================

# a CSV whose header is an OSC title sequence: refused, and said harmlessly
printf '%s\n' "${ESC}]0;pwned${BEL},b,label" "1,2,x" "3,4,y" "5,6,x" "7,8,y" >osc.csv
run o1 -k -c 'data load osc.csv; data show'
has "CSV header with ESC ] 0: refused" o1 "osc.csv:1:1: the column name contains the control character U+001B"
harmless "CSV header with ESC ] 0: output harmless" o1
# a cell with ESC [ 2 J
printf '%s\n' "a,b,label" "1,2,${ESC}[2Jx" "3,4,y" >cell.csv
run o2 -k -c 'data load cell.csv'
has "CSV cell with ESC [ 2 J: refused" o2 "cell.csv:2:3: the label contains the control character U+001B"
harmless "CSV cell with ESC [ 2 J: output harmless" o2
# bidirectional overrides in a header and a class label: loaded, shown escaped
printf '%s\n' "a${RLO}b,b,label" "1,2,x${LRI}q" "3,4,y" "5,6,x${LRI}q" "7,8,y" >bidi.csv
run o3 -k -c 'data load bidi.csv; data show; plot data'
is "CSV with bidi overrides: loaded" "$rc" 0
has "CSV with bidi overrides: the header shown as \\u202E" o3 'a\u202Eb'
has "CSV with bidi overrides: the label shown as \\u2066" o3 'x\u2066q'
harmless "CSV with bidi overrides: output harmless (data show, plot)" o3

# file names with ESC in them: on the command line (a shell glob could
# give them), and a file of that name in a directory nnlab lists
run o4 "x${ESC}[2J.nns"
has "script name with ESC: the error shows ^[" o4 "cannot open 'x^[[2J.nns'"
harmless "script name with ESC: output harmless" o4
for opt in "--lesson=l${ESC}]0;t${BEL}" "--check-lesson=l${ESC}[2J" "--seed=${ESC}[2J" "--lang=${ESC}[2J" "--bad${ESC}[2J" "-${ESC}"; do
	run o5 "$opt"
	harmless "option '$(printf '%s' "$opt" | cut -c1-8 | tr -d '\033\007')...' with ESC: output harmless" o5
done
run o5 script.nns "${ESC}[2J"
has "an extra argument with ESC: refused" o5 "unexpected argument '^[[2J'"
harmless "an extra argument with ESC: output harmless" o5

# a token typed with an escape: \u001b in double quotes is refused, a
# bidi override is taken and shown escaped (and measured: 'attn' laid out
# its rows by the raw width and crashed)
printf '%s\n' 'attn "a \u001b[2J b"' 'data load "n\u001b[31mame.csv"' >tok.nns
run o6 -k tok.nns
has "\\u001b typed: refused" o6 "bad \\u escape at column 9"
harmless "\\u001b typed: output harmless" o6
run o7 -c 'attn "a \u202e b"; vocab build bidi.csv; vocab show; vocab encode "a \u202e b"'
is "\\u202e typed: attn and vocab run (status 0)" "$rc" 0
has "\\u202e typed: attn shows it escaped" o7 'a | \u202E | b'
harmless "\\u202e typed: output harmless" o7
# a raw control character in a script line
printf 'seed 1\nseed 2%s[2J\n' "$ESC" >raw.nns
run o8 raw.nns
has "raw ESC in a script line: refused with FILE:LINE" o8 "raw.nns:2: error: control character 0x1B"
harmless "raw ESC in a script line: output harmless" o8

# a text for the RNN, the vocabulary and the embeddings full of escapes
awk -v e="$ESC" -v b="$BEL" -v r="$RLO" 'BEGIN { for (i = 0; i < 200; i++) printf "the cat %s]0;pwned%s sat %s[2J on the %s mat\n", e, b, e, r }' >evil.txt
run o9 -c 'vocab build evil.txt; vocab show; rnn new hidden=16 seq=8; rnn train evil.txt steps=40; rnn sample n=400 temp=1.5; rnn ppl evil.txt; embed train evil.txt dim=4 epochs=3; embed near cat'
is "RNN text with escapes: runs (status 0)" "$rc" 0
has "RNN text with escapes: the sample shows escapes as ^[" o9 '^['
has "RNN text with escapes: the vocabulary shows \\u202E" o9 '\u202E'
harmless "RNN text with escapes: output harmless (vocab, rnn sample, embed)" o9

# lessons and the glossary from a data directory someone else wrote
mkdir -p dd/lessons dd/glossary
cp "$top_srcdir"/glossary/*.term dd/glossary/
for f in "$top_srcdir"/glossary/*.compare; do [ -f "$f" ] && cp "$f" dd/glossary/; done
cp "$top_srcdir/tests/lessons/demo.lesson" "dd/lessons/x${ESC}]0;pwned${BEL}y.lesson"
cp "$top_srcdir/tests/lessons/demo.lesson" "dd/lessons/b${RLO}idi.lesson"
sed "s/^> Everything random/> Everything ${ESC}[2J random/" "$top_srcdir/tests/lessons/demo.lesson" >dd/lessons/clear.lesson
sed "s/^> Everything random/> Everything ${RLO}random/" "$top_srcdir/tests/lessons/demo.lesson" >dd/lessons/rlo.lesson
sed "s/^short: The share/short: The ${ESC}]0;pwned${BEL}share/" "$top_srcdir/glossary/accuracy.term" >dd/glossary/accuracy.term
sed "s/^short: \(.*\)/short: ${RLO}\1/" "$top_srcdir/glossary/adam.term" >dd/glossary/adam.term
cp "$top_srcdir/glossary/loss-function.term" "dd/glossary/z${ESC}[2Jz.term"
printf '%s\n' 'lesson list' 'lesson start clear' 'lesson start rlo' 'define adam' 'define accuracy' 'glossary search share' 'glossary check' >dd.nns
NNLAB_DATADIR=$TMPD/dd run o10 -k dd.nns
has "a lesson whose name has ESC: listed as ^[" o10 'x^[]0;pwned^Gy'
has "a lesson whose name has U+202E: listed as \\u202E" o10 'b\u202Eidi'
has "a lesson with ESC [ 2 J in its text: refused" o10 "clear.lesson:7: error: control character in the line"
has "a lesson with U+202E in its text: shown escaped" o10 'Everything \u202Erandom'
has "a glossary entry with ESC: left out, said so" o10 "accuracy.term:6: a control character 0x1B"
has "a glossary entry with U+202E: shown escaped" o10 '\u202EAn optimiser'
has "a glossary file name with ESC: shown as ^[" o10 "z^[[2Jz.term"
harmless "lessons and glossary with escapes: output harmless" o10
run o11 --check-lesson dd/lessons/clear.lesson
harmless "--check-lesson of a lesson with ESC: output harmless" o11

# a saved model with escapes in its fields
nn -q -c 'seed 1; data xor n=10; net new 2 4 tanh 2; train 2; save ok.nnl'
sed "s/^recipe data xor/recipe data ${ESC}]0;pwned${BEL}xor/" ok.nnl >r.nnl
sed "s/^dense 4 tanh/dense 4 ta${ESC}[2Jnh/" ok.nnl >l.nnl
sed "s/^recipe data xor n=10/recipe data xor n=10${RLO}/" ok.nnl >b.nnl
printf '%s\n' 'load r.nnl' 'load l.nnl' 'load b.nnl' >m.nns
run o12 -k m.nns
has "model file with ESC in the recipe: refused" o12 "the data recipe in 'r.nnl' is not a list of 'data' commands"
has "model file with ESC in a layer: refused" o12 "l.nnl:4:"
has "model file with U+202E in the recipe: refused" o12 "b.nnl"
harmless "model files with escapes: output harmless" o12

# gnuplot's own output (its complaints, the dumb picture) read back
mkdir fake
cat >fake/gnuplot <<'EOS'
#!/bin/sh
while IFS= read -r line; do
	case $line in
	"print GPVAL_TERMINALS") echo "dumb png" >&2 ;;
	"print 'NNLAB-SYNC-"*) m=${line#print \'}; m=${m%\'}
		printf '\033]0;pwned\007 \033[2J picture \342\200\256\n' ; printf 'warning: \033[31m red \302\233 \n%s\n' "$m" >&2 ;;
	esac
done
EOS
chmod +x fake/gnuplot
NNLAB_GNUPLOT=$TMPD/fake/gnuplot run o13 -k -c 'seed 1; data spiral n=20; plot data to=dumb'
has "gnuplot's stderr with escapes: reported" o13 "red"
harmless "gnuplot's output with escapes: output harmless" o13

# the workspace: escapes from outside reach no terminal; an OSC 0 would
# set the pane's title
if command -v tmux >/dev/null 2>&1; then
	loc=$(locale -a 2>/dev/null | grep -i -m1 -E '^c\.utf-?8$' || locale -a 2>/dev/null | grep -i -m1 -E 'utf-?8$' || true)
	sock=nnlab-untrusted-$$
	T() { tmux -L "$sock" -f /dev/null "$@"; }
	T new-session -d -s nn -x 100 -y 30 "env LC_ALL=${loc:-C} NNLAB_DATADIR=$TMPD/dd XDG_STATE_HOME=$TMPD/state $NNLAB; touch $TMPD/left; sleep 30"
	T set-option -t nn allow-rename on >/dev/null 2>&1 || true
	T set-option -w -t nn allow-set-title on >/dev/null 2>&1 || true
	wait_cap() { n=0; while [ $n -lt $(tscale 100) ]; do T capture-pane -p -t nn | grep -qF -- "$1" && return 0; sleep 0.1; n=$((n + 1)); done; return 1; }
	wait_cap "nnlab>" || true
	cp bidi.csv "w${RLO}x.csv"
	T send-keys -t nn 'data load "w\u202ex.csv"' Enter
	check "workspace: a file name with U+202E loads" wait_cap "loaded w"
	T send-keys -t nn 'lesson list' Enter
	check "workspace: the lessons are listed" wait_cap "type 'lesson start NAME'"
	T capture-pane -p -t nn >screen
	has "workspace: ESC ] 0 ; pwned in a lesson's name shown as text" screen 'x^[]0;pwned^Gy'
	T send-keys -t nn 'rnn new hidden=16 seq=8' Enter
	T send-keys -t nn 'rnn train evil.txt steps=30' Enter
	check "workspace: the RNN trains on the text" wait_cap "trained 30 steps" 
	T send-keys -t nn 'rnn sample n=200 temp=1.5' Enter
	wait_cap "characters at temperature" && ok "workspace: the RNN's sample is shown" || {
		not_ok "workspace: the RNN's sample is shown"; T capture-pane -p -t nn | sed 's/^/# /'; }
	sleep 0.5
	T capture-pane -p -t nn >screen
	has "workspace: the status line shows the data name escaped" screen 'w\u202Ex'
	has "workspace: the escapes show as ^[" screen '^['
	is "workspace: no escape sequence set the pane's title" "$(T display -p -t nn '#{pane_title}' | grep -c pwned)" 0
	T send-keys -t nn 'quit' Enter
	# let nnlab leave before the server goes: the server's SIGHUP arriving
	# while a sanitizer build checks for leaks at exit can leave that
	# check hung, spinning, after the test (seen once in CI)
	n=0
	while [ ! -e "$TMPD/left" ] && [ $n -lt $(tscale 100) ]; do sleep 0.1; n=$((n + 1)); done
	check "workspace: quit leaves" [ -e "$TMPD/left" ]
	T kill-server 2>/dev/null || true
else
	for i in 1 2 3 4 5 6 7 8 9; do ok "# SKIP workspace: tmux not installed"; done
fi

# ==== 2. strings that reach gnuplot cannot run commands there ============

# a fake gnuplot that records the script it is sent
fake_gnuplot fake/gnuplot "dumb png svg pdfcairo"
Q="q'; system 'touch pwned1'; print '"
B='`touch pwned2`'
D='"x""; system ""touch pwned3""; """'   # x"; system "touch pwned3"; " quoted for CSV
M='@mac'
printf '%s\n' "$Q,$B,label" "1,2,$D" "3,4,$M" "5,6,$D" "2,1,$M" >hostile.csv
cp hostile.csv "d'; system 'touch pwned4'; print 'd.csv"
{
	echo 'data load hostile.csv'
	for w in data boundary net loss accuracy 'weights 1'; do
		echo "plot $w to=dumb"
		echo "plot $w to=\"o'; system 'touch pwned5'; print '.png\""
	done
	echo "data load \"d'; system 'touch pwned4'; print 'd.csv\""
	echo 'plot data to=dumb'
	echo "attn \"it's \`touch pwned6\` a'; system 'touch pwned7'; print 'b @mac\""
	echo 'plot attn to=dumb'
	echo 'plot attn to=a.svg'
	echo "plot data to=\"|touch pwned8;.png\""
	echo "plot data to=\"!touch pwned9;.png\""
} >gp.nns
sed -i '1a net new 2 4 tanh 2\ntrain 3' gp.nns
rm -f gp.log
GPLOG=$TMPD/gp.log NNLAB_GNUPLOT=$TMPD/fake/gnuplot run o20 -k gp.nns
check "gnuplot: the fake gnuplot was sent the scripts" test -s gp.log
has "gnuplot: a file name starting with '|' is refused" o20 "a file name cannot start with '|'"
for s in 'set xlabel' 'set ylabel' 'set title' 'set output' 'title '; do
	grep -q "$s" gp.log && ok "gnuplot: the scripts have '$s'" || not_ok "gnuplot: the scripts have '$s'"
done
# outside single-quoted strings ('' is a quote inside one) and the data
# blocks, no line may hold what the hostile strings carried
awk '
	/^\$[a-z_]* << EOD$/ { inblock = 1; next }
	inblock { if ($0 == "EOD") inblock = 0; next }
	{
		line = $0
		gsub(/\047([^\047]|\047\047)*\047/, "S", line)
		if (line ~ /touch|system|pwned|`|@mac|^[ \t]*!/)
			{ print NR ": " $0; bad = 1 }
	}
	END { exit bad }' gp.log >gp.bad && ok "gnuplot: no hostile text outside a quoted string" || {
	not_ok "gnuplot: no hostile text outside a quoted string"; head -5 gp.bad | sed 's/^/# /'; }
n=$(grep -c "touch pwned" gp.log || true)
if [ "$n" -ge 6 ]; then ok "gnuplot: the hostile strings did reach the scripts, quoted ($n lines)"; else not_ok "gnuplot: the hostile strings did reach the scripts ($n lines)"; fi
check "gnuplot: no '|' output reached gnuplot" sh -c '! grep -q "^set output .|" gp.log'
# and with the real gnuplot, nothing ran
if command -v gnuplot >/dev/null 2>&1; then
	run o21 -k gp.nns
	ls pwned* >/dev/null 2>&1 && { not_ok "gnuplot (real): no injected command ran"; ls pwned* | sed 's/^/# /'; } || ok "gnuplot (real): no injected command ran"
	check "gnuplot (real): the hostile file name is written as it is" test -s "o'; system 'touch pwned5'; print '.png"
	check "gnuplot (real): '!touch pwned9;.png' is a plain file" test -s '!touch pwned9;.png'
else
	ok "# SKIP gnuplot (real): not installed"; ok "# SKIP"; ok "# SKIP"
fi

# ==== 3. lessons cannot write outside the state directory ================

S=$TMPD/state/nnlab
mkdir -p "$S" outside
ln -s "$TMPD/outside" "$S/linkdir"
echo orig >outside/kept.csv
ln -s "$TMPD/outside/kept.csv" "$S/kept.csv"
printf '1,2\n3,4\n' >rows.csv
{
	printf 'title: Writes\nabout: every command that writes\nsummary: writes\n\n--- one\n> writing\n'
	printf 'run: %s\n' 'seed 1' 'data xor n=10' 'net new 2 4 tanh 2' 'train 2' 'attn "a b c"' "save $S/in.nnl"
	for p in out.x "$S/../out.x" "$S/linkdir/out.x" "../${TMPD##*/}/out.x"; do
		printf 'run: %s\n' "save ${p%.x}1.nnl" "export ${p%.x}2.json" "export ${p%.x}3.csv" "data export ${p%.x}4.csv" \
			"log save ${p%.x}5.txt" "plot data to=${p%.x}6.png" "predict rows.csv out=${p%.x}7.csv" "attn export ${p%.x}8.json"
	done
	printf 'run: %s\n' "data export $S/kept.csv" 'history'
} >w.lesson
run o30 -k --lesson w.lesson -c next
has "lesson: writing inside the state directory works" o30 "saved 2-4tanh-2"
check "lesson: the file inside was written" test -s "$S/in.nnl"
n=$(grep -c "this lesson wants to write" o30 || true)
is "lesson: every write outside refused (8 commands x 4 paths: plain, .., a symlinked directory, ../)" "$n" 32
check "lesson: nothing written outside" sh -c '! ls out[1-8]* outside/out* 2>/dev/null | grep -q .'
is "lesson: a symlink in the state directory is replaced, not followed" "$(cat outside/kept.csv)" orig
# typed by the learner, the same command writes where it is told
run o31 -c "seed 1; data xor n=10; data export typed.csv"
check "typed: the learner's own command writes anywhere" test -s typed.csv

# ==== 4. huge inputs: refused at once, naming the limit =================

mkdir big
for f in big.csv big.txt big.nns big.lesson big.nnl; do truncate -s 1G "big/$f"; done
# an ASan build reserves terabytes of address space: no ulimit -v for it
lim=524288
(ulimit -v $lim; "$NNLAB" --version) >/dev/null 2>&1 || { lim=unlimited; echo "# no ulimit -v: $NNLAB cannot start under one (a sanitizer build?)"; }
bounded() {  # NAME WANT ARGS...: under 512 MB of address space, 20 s
	name=$1 want=$2; shift 2
	out=$( (ulimit -v $lim; timeout 20 "$NNLAB" "$@") 2>&1) && rc=0 || rc=$?
	case $rc:$out in
	124:*|137:*) not_ok "$name: finished in time (status $rc)" ;;
	*"$want"*) ok "$name" ;;
	*) not_ok "$name"; diag "$out" ;;
	esac
}
if [ "${NNLAB_VALGRIND:-0}" = 1 ]; then
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do ok "# SKIP huge files under valgrind (ulimit -v)"; done
else
	bounded "1 GB CSV: refused, the limit named" "is too large (1073741824 bytes; the limit is 67108864)" -c 'data load big/big.csv'
	bounded "1 GB CSV to predict: refused" "the limit is 67108864" -c 'data xor; net new 2 2; predict big/big.csv'
	bounded "1 GB text for vocab: refused" "the limit is 8388608" -c 'vocab build big/big.txt'
	bounded "1 GB text for the RNN: refused" "the limit is 8388608" -c 'rnn new; rnn train big/big.txt'
	bounded "1 GB text for embeddings: refused" "the limit is 8388608" -c 'embed train big/big.txt'
	bounded "1 GB script (source): refused" "the limit is 4194304" -c 'source big/big.nns'
	bounded "1 GB script (FILE): refused" "the limit is 4194304" big/big.nns
	bounded "1 GB lesson: refused" "the limit is 1048576" --lesson big/big.lesson
	bounded "1 GB model file: refused before it is read" "does not start with 'nnlab-model'" -c 'load big/big.nnl'
	bounded "/dev/zero as a model: refused" "does not start with 'nnlab-model'" -c 'load /dev/zero'
	bounded "/dev/zero as a CSV: refused at the limit" "is too large (over 67108864 bytes)" -c 'data load /dev/zero'
	{ echo 'nnlab-model 1'; head -c 3000000 /dev/zero | tr '\0' '\n'; } >big/lines.nnl
	bounded "a model file of empty lines: refused" "too many for an nnlab save file" -c 'load big/lines.nnl'
	awk 'BEGIN { printf "seed 1\nseed "; for (i = 0; i < 1048576; i++) printf "1"; printf "\n" }' >big/long.nns
	bounded "a 1 MB line in a script: FILE:LINE" "long.nns:2: error: the line is too long (1048581 bytes; the limit is 8192)" big/long.nns
	awk 'BEGIN { printf "a,b,label\n1,2,x\n"; for (i = 0; i < 350000; i++) printf "3,"; printf "y\n" }' >big/long.csv
	bounded "a 1 MB line in a CSV: FILE:LINE" "long.csv:3: more than 1000 columns" -c 'data load big/long.csv'
fi
rm -rf big

done_testing
