#!/bin/sh
# data-bad.sh - bad `data` commands and broken CSV files: each gives its
# exact message and leaves the session as it was (the `show state` before
# and after are identical: seed, stream position, data checksum).
. "${top_srcdir:-..}/tests/setup.sh"
D=$top_srcdir/tests/data
cd "$TMPD"

# run_bad NAME CMD WANT: the session first holds some data (and has drawn
# from its stream); CMD must fail with the message WANT and change nothing.
run_bad() {
	name=$1 cmd=$2 want=$3
	printf 'seed 5\ndata moons n=10 test=0.2\nshow state\n%s\nshow state\n' "$cmd" >script
	out=$(nn --keep-going script 2>&1) && rc=0 || rc=$?
	is "$name: exit status" "$rc" "1"
	err=$(printf '%s\n' "$out" | grep 'error: ' || true)
	is "$name: message" "$err" "script:4: error: $want"
	# the two state dumps: from each 'seed: ' line on, errors left out
	before=$(printf '%s\n' "$out" | awk '/^seed: /{k++} k==1 && !/error: /')
	after=$(printf '%s\n' "$out" | awk '/^seed: /{k++} k==2')
	is "$name: state unchanged" "$after" "$before"
	case $before in
	*"data: moons n=20 train=16 d=2 k=2 checksum="*) ;;
	*) not_ok "$name: the data was there before"; diag "$before" ;;
	esac
}

# ==== generators and their options ======================================
run_bad "n=0" "data spiral n=0" "n= '0' is out of range; use a value from 2 to 333333"
run_bad "n=1 for a spiral" "data spiral n=1" "n= '1' is out of range; use a value from 2 to 333333"
run_bad "n too large" "data xor n=600000" "n= '600000' is out of range; use a value from 1 to 500000"
run_bad "n not a number" "data xor n=ten" "n= 'ten' is not a whole number; give a whole number from 1 to 500000"
run_bad "classes=1" "data blobs classes=1" "classes= '1' is out of range; use a value from 2 to 1000"
run_bad "classes for xor" "data xor classes=3" \
	"'data xor' takes no option 'classes='; it takes n=, noise=, seed=, at=, test="
run_bad "negative noise" "data circle noise=-1" "noise= '-1' is out of range; use a value from 0 to 10"
run_bad "noise nan" "data circle noise=nan" "noise= 'nan' is not a number; give a number such as 1"
run_bad "test too big" "data spiral test=0.95" "test= '0.95' is out of range; use a value from 0 to 0.9"
run_bad "test leaves no test row" "data xor n=2 test=0.1" \
	"test=0.1 puts 0 of the 4 rows in the test set; choose a fraction that leaves rows on both sides, or make more points"
run_bad "at without seed" "data spiral at=5" "at= goes with seed=: 'seed=N at=C' starts at draw C of seed N's stream"
run_bad "seed out of range" "data spiral seed=-1" "seed= '-1' is out of range; use a value from 0 to 2147483647"
run_bad "stray word" "data spiral big" "'data spiral' got an unexpected argument 'big'; usage: data spiral [n=N] [noise=X] ..."
run_bad "unknown kind" "data spirals" "unknown subcommand 'data spirals'; did you mean 'data spiral'? type 'help data'"
run_bad "no subcommand" "data" "'data' needs a subcommand: spiral, xor, circle, moons, blobs, sine, linear, shapes, load, export, show, split, standardize; type 'help data'"

# ==== split, standardize, export ========================================
run_bad "split without test=" "data split" "'data split' needs test=F, the fraction to hold out, e.g. 'data split test=0.2'"
run_bad "split test=1" "data split test=1" "test= '1' is out of range; use a value from 0 to 0.9"
run_bad "split too small" "data split test=0.01" \
	"test=0.01 puts 0 of the 20 rows in the test set; choose a fraction that leaves rows on both sides, or make more points"
run_bad "standardize with an argument" "data standardize all" \
	"'data standardize' got an unexpected argument 'all'; usage: data standardize"
run_bad "export without a file" "data export" "'data export' needs more arguments; usage: data export FILE.csv"
run_bad "export to a missing directory" "data export nodir/x.csv" \
	"cannot write 'nodir/x.csv': No such file or directory; choose a directory you can write to"

# ==== broken CSV files ==================================================
cp "$D"/*.csv .
run_bad "missing file" "data load nosuch.csv" \
	"cannot open 'nosuch.csv': No such file or directory; check the file name"
run_bad "a directory" "data load ." "'.' is a directory, not a file; check the file name"
run_bad "load without a file" "data load" \
	"'data load' needs a file name; usage: data load FILE.csv [target=COL] [standardize] [regression] [test=F]"
run_bad "not a number" "data load bad-number.csv" \
	"bad-number.csv:17:3: 'abc' is not a number; fix the value or remove the row"
run_bad "ragged row" "data load bad-ragged.csv" \
	"bad-ragged.csv:4: 2 fields, but the header has 3; every row needs one value per column"
run_bad "missing value" "data load bad-missing.csv" \
	"bad-missing.csv:3:2: the value is missing; fill it in or remove the row"
run_bad "NaN" "data load bad-nan.csv" \
	"bad-nan.csv:3:2: 'NaN' is not a finite number; replace it with a value or remove the row"
run_bad "-inf" "data load bad-inf.csv" \
	"bad-inf.csv:3:1: '-inf' is not a finite number; replace it with a value or remove the row"
run_bad "duplicate column name" "data load bad-dup-header.csv" \
	"bad-dup-header.csv:1:3: the column name 'a' repeats column 1; rename one of them"
run_bad "unclosed quote" "data load bad-quote.csv" \
	"bad-quote.csv:3:3: the quote that opens field 3 is never closed; close it with \""
run_bad "header only" "data load bad-header-only.csv" \
	"bad-header-only.csv: only a header row, no data; add rows of values below it"
run_bad "empty file" "data load bad-empty.csv" \
	"bad-empty.csv: the file is empty; it needs a row per point, each with features and a label"
run_bad "one class" "data load bad-one-class.csv" \
	"bad-one-class.csv: every row has the label 'x'; a classifier needs at least two classes"
run_bad "unknown target" "data load iris-mini.csv target=species2" \
	"iris-mini.csv: there is no column 'species2'; the columns are 'sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'"
run_bad "target out of range" "data load iris-mini.csv target=6" \
	"iris-mini.csv: target=6 is not a column: the file has 5 columns; give 1 to 5 or a name"
run_bad "empty target" "data load iris-mini.csv target=" \
	"target= is empty; give a column name or number, e.g. target=species or target=5"
run_bad "text target as regression" "data load iris-mini.csv regression" \
	"iris-mini.csv:2:5: 'setosa' is not a number; fix the value or remove the row"
run_bad "test too small for the file" "data load real-target.csv test=0.1" \
	"test=0.1 puts 0 of the 4 rows in the test set; choose a fraction that leaves rows on both sides, or make more points"

# bytes that cannot be typed into a fixture file
printf 'a,b,label\n1,2,caf\351\n3,4,x\n' >nonutf8.csv
run_bad "not UTF-8" "data load nonutf8.csv" \
	"nonutf8.csv:2:3: the label has the byte 0xE9, which is not UTF-8; save the file as UTF-8"
printf 'a\033[2J,b,label\n1,2,x\n3,4,y\n' >ctrl.csv
run_bad "control character in a header" "data load ctrl.csv" \
	"ctrl.csv:1:1: the column name contains the control character U+001B; remove it"
printf 'a,b,label\n1,2,x\n3\0,4,y\n' >nul.csv
run_bad "NUL byte" "data load nul.csv" "nul.csv:3: the file contains a NUL byte; it is not a CSV text file"
printf 'a,b,label\r1,2,x\r3,4,y\r' >cr.csv
run_bad "old Mac line ends" "data load cr.csv" \
	"cr.csv:1:3: a carriage return without a line feed; save the file with LF or CRLF line ends"
truncate -s 65M big.csv
run_bad "over 64 MiB" "data load big.csv" \
	"'big.csv' is too large (68157440 bytes; the limit is 67108864); nnlab loads CSV files of at most 64 MiB"

# an escape sequence in a file never reaches the terminal
out=$(nn -c 'data load ctrl.csv' 2>&1 || true)
case $out in *"$(printf '\033')"*) not_ok "no escape byte echoed" ;; *) ok "no escape byte echoed" ;; esac

# an export that fails leaves an earlier file intact
nn -c 'seed 1; data xor n=2 noise=0; data export keep.csv' >/dev/null
chmod a-w .
if [ -w . ]; then
	ok "# SKIP running as root: the directory stays writable"
else
	out=$(nn -c 'data spiral; data export keep.csv' 2>&1 || true)
	contains "export into a read-only directory fails" "$out" "error: cannot write 'keep.csv'"
fi
chmod u+w .
is "the earlier export is intact" "$(cat keep.csv)" "x1,x2,y
0,0,0
1,1,0
0,1,1
1,0,1"
done_testing
