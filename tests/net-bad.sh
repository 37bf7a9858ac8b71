#!/bin/sh
# net-bad.sh - bad input to the network and training commands: each gives
# its exact message and leaves the session as it was (the `show state`
# before and after are identical: seed, stream position, data, model,
# training set-up and progress).
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"

# run_bad NAME SETUP CMD WANT is in tests/setup.sh
# the usual session: data, a network, an optimiser with state, progress
S='seed 5;data moons n=10 test=0.2;net new 2 4 tanh 2;optim adam;train 2'
bad() { run_bad "$1" "$S" "$2" "$3"; }

# ==== net ===============================================================
bad "net new without inputs" "net new" "'net new' needs more arguments; usage: net new IN [N [ACT]]... [init=I]"
bad "zero inputs" "net new 0 3" "the number of inputs '0' is out of range; use a value from 1 to 65536"
bad "a misspelt activation" "net new 2 tahn 3" "'tahn' is not a layer size or an activation; did you mean 'tanh'?"
bad "an activation first" "net new 2 tanh" "'tanh' must follow a layer size, e.g. '64 tanh'"
bad "two activations" "net new 2 8 tanh relu 3" "the layer of 8 units already has activation 'tanh'; give one activation per layer"
bad "a huge layer" "net new 2 100000" "a layer of 100000 units is out of range; use 1 to 65536 units"
bad "too many parameters" "net new 2 60000 60000" \
	"that network would have more than 50,000,000 parameters (190 MiB of weights); nnlab keeps networks smaller, so use fewer or narrower layers"
bad "dropout of 1.5" "net new 2 8 dropout 1.5 3" "dropout probability '1.5' is not valid; give a number from 0 to below 1, e.g. 0.2"
bad "dropout without a rate" "net new 2 8 dropout" "'dropout' needs the probability of dropping a unit, e.g. 'dropout 0.2'"
bad "an unknown init" "net new 2 8 init=xavier" "init='xavier' is not known; choose one of glorot, he, normal"
bad "std without normal" "net new 2 8 std=0.1" \
	"std= goes with init=normal (glorot and he choose their own scale); write 'init=normal std=0.1'"
bad "net add alone" "net add" "'net add' needs more arguments; usage: net add N [ACT]|dropout P"
bad "net add two layers" "net add 8 9" "'net add' adds one layer; usage: net add N [ACT]|dropout P"
bad "net add an activation" "net add relu" "'relu' must follow a layer size, e.g. '64 relu'"
bad "layer 0" "net weights 0" "the layer number '0' is out of range; use a value from 1 to 2"
bad "layer x" "net weights x" "the layer number 'x' is not a whole number; give a whole number from 1 to 2"
bad "freeze nothing" "net freeze" "'net freeze' needs more arguments; usage: net freeze LAYER|all"
bad "freeze a missing layer" "net freeze 3" "the layer number '3' is out of range; use a value from 1 to 2"
bad "init xavier" "net init xavier" "'xavier' is not an initialisation; choose glorot, he or normal"
bad "init he with std" "net init he std=0.1" "std= goes with 'net init normal'; write 'net init normal std=0.1'"
bad "net show extra" "net show extra" "'net show' got an unexpected argument 'extra'; usage: net show"
bad "an unknown subcommand" "net bogus" "unknown subcommand 'net bogus'; type 'help net' for its subcommands"
run_bad "add without a network" "seed 5" "net add 3" "there is no network to add to; start one with its inputs, e.g. 'net new 2'"
run_bad "show without a network" "seed 5" "net show" "there is no network yet; build one, e.g. 'net new 2 16 tanh 3'"
run_bad "dropout layer weights" "seed 5;net new 2 4 dropout 0.5 2" "net weights 2" \
	"layer 2 is a dropout layer and has no weights; 'net show' lists the layers"

# ==== loss, optim, lr, batch, epochs ====================================
bad "loss cee" "loss cee" "'cee' is not a loss; did you mean 'ce'? the losses are mse, ce, bce, huber and auto"
bad "negative l2" "loss mse l2=-1" "l2= '-1' is out of range; use a value from 0 to 10"
bad "delta for ce" "loss ce delta=0.5" "delta= belongs to the Huber loss; write 'loss huber delta=0.5'"
bad "two losses" "loss ce mse" "'loss' got an unexpected argument 'mse'; usage: loss [mse|ce|bce|huber|auto] [delta=D] [l1=X] [l2=X]"
bad "optim adamw" "optim adamw" "'adamw' is not an optimiser; did you mean 'adam'? the optimisers are sgd, momentum, nesterov, rmsprop and adam"
bad "momentum 1" "optim sgd momentum=1" "momentum= '1' is out of range; use a value from 0 to 0.999999"
bad "lr as an option" "optim sgd lr=0.1" "'optim' takes no option 'lr='; it takes momentum=, beta1=, beta2=, rho=, eps=, wd=, clip="
bad "lr 0" "lr 0" "the learning rate '0' is out of range; use a value from 1.0000e-12 to 100"
bad "lr fast" "lr fast" "the learning rate 'fast' is not a number; give a number such as 1e-12"
bad "two rates" "lr 1 2" "'lr' got an unexpected argument '2'; usage: lr [RATE]"
bad "batch 0" "batch 0" "the batch size '0' is out of range; use a value from 1 to 1000000"
bad "batch 3.5" "batch 3.5" "the batch size '3.5' is not a whole number; give a whole number from 1 to 1000000"
bad "epochs 0" "epochs 0" "the number of epochs '0' is out of range; use a value from 1 to 10000000"

# ==== train, step, eval, predict ========================================
bad "train 0" "train 0" "the number of epochs '0' is out of range; use a value from 1 to 100000000"
bad "epochs and steps" "train 10 epochs steps" "'train' counts in epochs or in steps, not both; usage: train [N] [epochs|steps] [every=K] [workers=W]"
bad "every 0" "train 5 every=0" "every= '0' is out of range; use a value from 1 to 100000000"
bad "train many" "train many" "the number of epochs 'many' is not a whole number; give a whole number from 1 to 100000000"
bad "step now" "step now" "'step' got an unexpected argument 'now'; usage: step [explain]"
bad "eval all" "eval all" "'eval' got an unexpected argument 'all'; usage: eval"
bad "predict one number" "predict 1" "'predict' needs one number per feature of the data 'moons' (2), got 1; e.g. 'predict 0.5 -0.2'"
bad "predict a word" "predict 1 x" "a feature value 'x' is not a number; give a number such as 1"
bad "stop with nothing running" "stop" "nothing is running; 'stop' ends a job such as 'train' at its next step"
# what does not fit together
run_bad "no data" "seed 5;net new 2 4 2" "train" "there is no data yet; make some first, e.g. 'data spiral n=100 classes=3'"
run_bad "no network" "seed 5;data xor n=5" "train" "there is no network yet; build one for the data 'xor' (2 features, 2 classes) first, e.g. 'net new 2 16 tanh 2'"
run_bad "inputs" "seed 5;data xor n=5;net new 3 4 2" "train" \
	"the network takes 3 inputs but the data 'xor' has 2 features; start the network with 2, e.g. 'net new 2 16 tanh 2'"
run_bad "outputs" "seed 5;data spiral n=5 classes=3;net new 2 4 2" "train" \
	"the network has 2 outputs but the data 'spiral' has 3 classes; end the network with 3 units (one per class)"
run_bad "ce on one output" "seed 5;data xor n=5;net new 2 4 1" "train" \
	"cross-entropy needs one output per class, 2 here, but the network has 1; end it with 2 units, or use 'loss bce' with one output for two classes"
run_bad "ce on real targets" "seed 5;data sine n=20;net new 1 4 1;loss ce" "train" \
	"cross-entropy needs class labels, but the data 'sine' has real targets; use 'loss mse' or 'loss huber'"
run_bad "bce on real targets" "seed 5;data sine n=20;net new 1 4 1;loss bce" "train" \
	"binary cross-entropy needs targets between 0 and 1, but the data 'sine' has -0.265637; use 'loss mse'"
run_bad "all frozen" "seed 5;data xor n=5;net new 2 4 2;net freeze all" "train" \
	"every layer is frozen, so training would change nothing; 'net unfreeze all' first"
run_bad "dropout at the end" "seed 5;data xor n=5;net new 2 4 2 dropout 0.5" "step" \
	"the network ends with a dropout layer, which would drop outputs; add an output layer after it, e.g. 'net add 2'"
run_bad "mse outputs" "seed 5;data spiral n=5 classes=3;net new 2 4 1;loss mse" "eval" \
	"the network has 1 output but the data 'spiral' has 3 classes; with loss mse end it with 3 units"
run_bad "no layers" "seed 5;data xor n=5;net new 2" "step" \
	"the network has no layers yet; add some, e.g. 'net add 16 tanh' then 'net add 3'"

# ==== gradcheck, lrfind =================================================
bad "rows 0" "gradcheck rows=0" "rows= '0' is out of range; use a value from 1 to 256"
bad "eps 1" "gradcheck eps=1" "eps= '1' is out of range; use a value from 1.0000e-09 to 0.1"
bad "more rows than data" "gradcheck rows=100" "rows=100 is more than the 16 training samples; use at most 16"
bad "a sweep downwards" "lrfind from=1 to=0.1" "to=0.1 must be larger than from=1; the sweep goes up"
bad "manual with steps" "lrfind manual steps=10" "'lrfind manual' takes only from= (the rate to start at); to= and steps= belong to the sweep"
bad "too few steps" "lrfind steps=5" "steps= '5' is out of range; use a value from 10 to 100000"

# ==== save, load, export ================================================
bad "save without a file" "save" "'save' needs more arguments; usage: save FILE"
bad "save into a missing directory" "save nodir/x.nn" "cannot write 'nodir/x.nn': No such file or directory; choose a directory you can write to"
bad "load a missing file" "load nosuch.nn" "cannot open 'nosuch.nn': No such file or directory"
bad "load without a file" "load" "'load' needs more arguments; usage: load FILE"
bad "export a text file" "export x.txt" \
	"'export' writes FILE.json (the network) or FILE.csv (the training history), and 'x.txt' ends in neither; name the file so"
bad "export into a missing directory" "export nodir/x.json" "cannot write 'nodir/x.json': No such file or directory; choose a directory you can write to"
run_bad "save without a network" "seed 5" "save x.nn" "there is no network to save; build one first, e.g. 'net new 2 16 tanh 3'"
run_bad "export without history" "seed 5;net new 2 3 2" "export h.csv" "there is no training history to export yet; 'train' first"

# ==== divergence: stopped, explained, the last good weights back =========
printf 'seed 5\ndata spiral n=30 classes=3\nnet new 2 16 tanh 3\ntrain 3\nshow state\nlr 30\ntrain 50\nshow state\n' >div
out=$(nn --keep-going div 2>&1) && rc=0 || rc=$?
is "divergence: exit status" "$rc" "1"
contains "divergence: explained" "$out" "error: training diverged: at epoch"
contains "divergence: what to try" "$out" "try 'lr 3' (divide it by ten)"
m1=$(printf '%s\n' "$out" | awk '/^seed: /{k++} k==1' | grep '^model: ')
m2=$(printf '%s\n' "$out" | awk '/^seed: /{k++} k==2' | grep '^model: ')
p2=$(printf '%s\n' "$out" | awk '/^seed: /{k++} k==2' | grep '^progress: ')
case $p2 in
*"position=0"*) ok "divergence: back at an epoch boundary" ;;
*) not_ok "divergence: back at an epoch boundary"; diag "$p2" ;;
esac
case $out in
*"the weights of epoch 3 are back"*) is "divergence: the weights of epoch 3 restored exactly" "$m2" "$m1" ;;
*) ok "divergence after epoch 3: the weights of a later good epoch were kept" ;;
esac
done_testing
