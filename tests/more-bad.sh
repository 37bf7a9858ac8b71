#!/bin/sh
# more-bad.sh - bad input to `sweep` and `predict FILE.csv`, and the
# plausible things a new learner types (a glossary word as a command,
# `plot loss` or `train` too early): each gives its exact message, which
# says what to do next, and leaves the session as it was (the `show
# state` before and after are identical).
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"

# run_bad NAME SETUP CMD WANT is in tests/setup.sh
S='seed 5;data moons n=10 test=0.2;net new 2 4 tanh 2;optim adam;train 2'
bad() { run_bad "$1" "$S" "$2" "$3"; }

# ==== sweep =============================================================
bad "sweep with nothing to try" "sweep" \
	"'sweep' needs values to try: lr=R,R... and/or batch=N,N..., e.g. 'sweep lr=0.001,0.01,0.1 batch=16,64'"
bad "sweep: a rate that is not a number" "sweep lr=0.1,fast" \
	"lr=0.1,fast: 'fast' is not a number from 1e-08 to 100; e.g. lr=0.01,0.1"
bad "sweep: a negative rate" "sweep lr=-0.1" "lr=-0.1: '-0.1' is not a number from 1e-08 to 100; e.g. lr=0.01,0.1"
bad "sweep: an empty item" "sweep lr=0.1,,0.2" \
	"lr=0.1,,0.2: '' is not a value; give numbers separated by commas, e.g. lr=0.01,0.1"
bad "sweep: a batch larger than the data" "sweep batch=8,17" \
	"batch=8,17: '17' is not a whole number from 1 to 16; e.g. batch=16,64"
bad "sweep: a fractional batch" "sweep batch=2.5" \
	"batch=2.5: '2.5' is not a whole number from 1 to 16; e.g. batch=16,64"
bad "sweep: a value twice" "sweep lr=0.1,0.1" "lr=0.1,0.1: '0.1' is given twice; list each value once"
bad "sweep: too many values" "sweep lr=1,2,3,4,5,6,7,8,9" \
	"lr=1,2,3,4,5,6,7,8,9: at most 8 values in a list; sweep fewer at a time"
bad "sweep: too many runs" "sweep lr=1,2,3,4 batch=1,2,3,4 seeds=5" \
	"4 rates x 4 batch sizes x 5 seeds is 80 runs; a sweep runs at most 64, so give fewer values"
bad "sweep: seeds=0" "sweep lr=0.1 seeds=0" "seeds= '0' is out of range; use a value from 1 to 10"
bad "sweep: epochs=0" "sweep lr=0.1 epochs=0" "epochs= '0' is out of range; use a value from 1 to 100000"
bad "sweep: an unknown option" "sweep lr=0.1 momentum=0.9" \
	"$(nn -c 'sweep lr=0.1 momentum=0.9' 2>&1 | sed 's/^-c:1: error: //')"
bad "sweep: a stray word" "sweep lr=0.1 fast" \
	"$(nn -c 'sweep lr=0.1 fast' 2>&1 | sed 's/^-c:1: error: //')"
run_bad "sweep without data" "seed 5" "sweep lr=0.1" \
	"there is no data yet; make some first, e.g. 'data spiral n=100 classes=3'"
run_bad "sweep without a network" "seed 5;data xor n=10" "sweep lr=0.1" \
	"there is no network yet; build one for the data 'xor' (2 features, 2 classes) first, e.g. 'net new 2 16 tanh 2'"

# ==== predict FILE.csv ==================================================
printf 'x1,x2\n0,1\n0.5\n' >short.csv
printf '0,1\n0,abc\n' >word.csv
printf '0,1,0\n1,1,cat\n' >label.csv
printf 'a,b\n' >empty.csv
printf '0,1,2,3\n' >wide.csv
printf '0,1\n0,1,1\n' >ragged.csv
bad "predict: no such file" "predict missing.csv" \
	"cannot open 'missing.csv': No such file or directory; give the path of a CSV file of at most 64 MiB"
bad "predict: a short row" "predict short.csv" \
	"short.csv:3: 1 column, but the network takes 2 features; give 2 columns (the features) or 3 (the features, then the label)"
bad "predict: a word for a number" "predict word.csv" \
	"word.csv:2:2: 'abc' is not a number; every feature must be a number"
bad "predict: an unknown label" "predict label.csv" \
	"label.csv:2:3: 'cat' is not one of the network's 2 classes; give a class name of the data or a number from 0 to 1"
bad "predict: only a header" "predict empty.csv" \
	"empty.csv has no rows of numbers; give one row per sample, 2 features each"
bad "predict: too many columns" "predict wide.csv" \
	"wide.csv:1: 4 columns, but the network takes 2 features; give 2 columns (the features) or 3 (the features, then the label)"
bad "predict: rows of different widths" "predict ragged.csv" \
	"ragged.csv:2: 3 columns, but the rows before have 2; give every row the same columns"
bad "predict: out= with numbers" "predict 0 1 out=p.csv" \
	"'out=' goes with a file of rows: 'predict FILE.csv out=FILE'; the numbers typed after 'predict' are only shown"
mkdir ro && chmod 500 ro
if [ "$(id -u)" != 0 ]; then
	printf '0,1\n' >ok.csv
	bad "predict: out= in a read-only directory" "predict ok.csv out=ro/p.csv" \
		"$(nn -c "$(printf '%s;' 'seed 5' 'data moons n=10 test=0.2' 'net new 2 4 tanh 2') predict ok.csv out=ro/p.csv" 2>&1 | sed 's/^-c:1: error: //')"
fi
run_bad "predict without a network" "seed 5" "predict short.csv" \
	"there is no network yet; build one first, e.g. 'net new 2 16 tanh 3'"

# ==== the first five minutes ============================================
run_bad "a glossary word as a command" "seed 5" "perplexity" "'perplexity' is a glossary term: type 'define perplexity'"
run_bad "a Chinese glossary word" "seed 5" "学习率" "'学习率' is a glossary term: type 'define 学习率'"
run_bad "two words of a term" "seed 5" "learning rate" "'learning rate' is a glossary term: type 'define learning rate'"
run_bad "help with a term" "seed 5" "help perplexity" "'perplexity' is a glossary term: type 'define perplexity'"
run_bad "a typo is not a term" "seed 5" "trian" "unknown command 'trian'; did you mean 'train'? type 'help' for the list"
run_bad "plot loss first thing" "seed 5" "plot loss" \
	"there is no training history yet; make data, build a network, then train, e.g. 'data spiral n=100 classes=3', 'net new 2 16 tanh 3', 'train'"
run_bad "plot loss with data only" "seed 5;data blobs n=10 classes=4" "plot loss" \
	"there is no training history yet; build a network for the data 'blobs', then train, e.g. 'net new 2 16 tanh 4', 'train'"
run_bad "plot loss before training" "seed 5;data xor n=10;net new 2 4 tanh 2" "plot loss" \
	"there is no training history yet; 'train' first"
run_bad "train with no data" "seed 5" "train" "there is no data yet; make some first, e.g. 'data spiral n=100 classes=3'"
run_bad "train with no network" "seed 5;data sine n=20" "train" \
	"there is no network yet; build one for the data 'sine' (1 feature, 1 target) first, e.g. 'net new 1 16 tanh 1'"
done_testing
