#!/bin/sh
# cnn-bad.sh - bad input to the conv, pool, shapes, ae and gan commands: each gives
# its exact message and leaves the session as it was (the `show state`
# before and after are identical); and a broken conv layer in a save file
# is refused with FILE:LINE.
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"

# run_bad (setup.sh): the message, and `show state` unchanged.
# a small CNN on the shapes, trained for one epoch
S='seed 5;data shapes n=8 test=0.25;net new 144;net add conv 2 3x3 relu;net add pool 2;net add 4;train 1'
bad() { run_bad "$1" "$S" "$2" "$3"; }

# ==== data shapes =======================================================
bad "shapes n=0" "data shapes n=0" "n= '0' is out of range; use a value from 1 to 250000"
bad "shapes classes" "data shapes classes=3" "'data shapes' takes no option 'classes='; it takes n=, noise=, seed=, at=, test="
bad "shapes noise" "data shapes noise=-1" "noise= '-1' is out of range; use a value from 0 to 10"

# ==== net add conv / pool ================================================
bad "conv without a size" "net add conv 8" \
	"'net add conv' takes the number of filters and their size; usage: net add conv K KHxKW [ACT] [in=HxWxC], e.g. 'net add conv 8 3x3 relu'"
bad "conv of 0 filters" "net add conv 0 3x3" "the number of filters '0' is out of range; use a value from 1 to 1024"
bad "a bad filter size" "net add conv 8 3y3" "'3y3' is not a filter size; write HEIGHTxWIDTH, e.g. 3x3"
bad "a bad activation" "net add conv 8 3x3 rellu" "'rellu' is not a layer size or an activation; did you mean 'relu'?"
bad "softmax conv" "net add conv 8 3x3 softmax" \
	"softmax makes a conv layer's outputs sum to 1 over the whole image; use relu or tanh, and keep softmax for the output layer"
run_bad "first conv, not square" "seed 5;net new 5" "net add conv 8 3x3" \
	"the conv layer gets 5 values, which is not a square image; give its shape, e.g. in=5x1x1"
bad "conv after dense" "net add conv 8 2x2" \
	"the layer before gives 4 values that are not an image; give their shape, e.g. in=4x1x1, or put the conv layer first"
run_bad "a filter too big" "seed 5;net new 144;net add conv 2 3x3;net add pool 2" "net add conv 4 6x6" \
	"a 6x6 filter does not fit in the 5x5 image; use at most 5x5"
bad "a bad in=" "net add conv 8 3x3 in=12x12" "in=12x12 is not an image shape; write HEIGHTxWIDTHxCHANNELS, e.g. in=12x12x1"
bad "in= of the wrong size" "net add conv 8 3x3 in=2x3x1" "in=2x3x1 is 6 values but the conv layer gets 4; give a shape of 4 values"
bad "in= on a dense layer" "net add 8 in=2x2x1" "in= gives the image shape of a conv or pool layer; a dense layer takes the values as they are"
bad "pool without a size" "net add pool" "'net add pool' takes the window size; usage: net add pool P [in=HxWxC], e.g. 'net add pool 2'"
bad "pool too big" "net add pool 3 in=2x2x1" "a 3x3 window does not fit in the 2x2 image; use at most 2"
bad "pool with init" "net add pool 2 init=he" "a pool layer has no weights, so no init= or std=; write 'net add pool 2'"
run_bad "conv without a network" "seed 5" "net add conv 8 3x3" "there is no network to add to; start one with its inputs, e.g. 'net new 2'"

# ==== net filters / maps =================================================
bad "filters of a pool layer" "net filters 2" "layer 2 is not a conv layer; layer 1 is, e.g. 'net filters 1'"
bad "maps of a dense layer" "net maps 3" "layer 3 is not a conv layer or a pool layer; layer 1 is, e.g. 'net maps 1'"
bad "filters of layer 9" "net filters 9" "the layer number '9' is out of range; use a value from 1 to 3"
bad "maps row 0" "net maps 1 0" "the row '0' is out of range; use a value from 1 to 32"
run_bad "filters without conv" "seed 5;net new 2 3" "net filters 1" \
	"the network has no conv layer; add one, e.g. 'net new 144' then 'net add conv 8 3x3 relu'"
run_bad "maps without data" "seed 5;net new 144;net add conv 2 3x3" "net maps 1" \
	"there is no data yet; make some first, e.g. 'data spiral n=100 classes=3'"
run_bad "maps of other data" "seed 5;data spiral n=5;net new 144;net add conv 2 3x3" "net maps 1" \
	"the network takes 144 inputs but the data 'spiral' has 2 features; make data that fits, e.g. 'data shapes'"
run_bad "train ending in pool" "seed 5;data shapes n=8;net new 144;net add pool 2" "train 1" \
	"the network ends with a pool layer, whose output is an image; add a dense output layer after it, e.g. 'net add 4'"
bad "weights of a pool layer" "net weights 2" "layer 2 is a pool layer and has no weights; 'net show' lists the layers"

# ==== ae / gan ===========================================================
run_bad "ae without data" "seed 5" "ae" \
	"the autoencoder learns the current data, and there is none yet; make some first, e.g. 'data sine n=200 test=0.25' (2-D points) or 'data shapes test=0.25' (images)"
run_bad "ae code too wide" "seed 5;data sine n=20" "ae code=2" \
	"code=2 keeps as many numbers as the 2 columns, so nothing is squeezed; use fewer, e.g. code=1"
bad "ae code=0" "ae code=0" "code= '0' is out of range; use a value from 1 to 144"
bad "ae epochs" "ae epochs=0" "epochs= '0' is out of range; use a value from 1 to 100000"
bad "ae lr" "ae lr=2" "lr= '2' is out of range; use a value from 1.0000e-06 to 1"
bad "ae extra" "ae 3" "'ae' got an unexpected argument '3'; usage: ae [code=C] [hidden=H] [epochs=N] [lr=X]"
bad "gan steps" "gan steps=5" "steps= '5' is out of range; use a value from 10 to 200000"
bad "gan hidden" "gan hidden=300" "hidden= '300' is out of range; use a value from 1 to 256"
bad "gan batch" "gan batch=x" "batch= 'x' is not a whole number; give a whole number from 1 to 4096"
bad "gan unknown key" "gan m1=3" "'gan' takes no option 'm1='; it takes steps=, lr=, hidden=, batch="
bad "gan too much" "gan steps=200000 batch=4096 hidden=256" \
	"that is too much work for a demo (200000 steps of 4096 samples); use fewer steps"

# ==== a damaged conv layer in a save file ================================
printf 'seed 5\ndata shapes n=8\nnet new 144\nnet add conv 2 3x3 relu\nnet add pool 2\nnet add 4\nsave good.nn\n' >mk
nn mk >/dev/null
sed 's/^conv 2 3x3 12x12x1/conv 2 3x3 12x11x1/' good.nn >bad1.nn
sed 's/^pool 2 10x10x2/pool 20 10x10x2/' good.nn >bad2.nn
sed 's/^conv 2 3x3 12x12x1 relu/conv 2 3x3 12x12x1 softmax/' good.nn >bad3.nn
for f in bad1 bad2 bad3; do
	printf 'load %s.nn\n' "$f" >ld
	out=$(nn --keep-going ld 2>&1 || true)
	case $f in
	bad1) want="$f.nn:4: error: the image 12x11x1 is not the 144 values the layer before gives" ;;
	bad2) want="$f.nn:5: error: a 20x20 window does not fit in the 10x10 image" ;;
	bad3) want="$f.nn:4: error: 'softmax' is not an activation a conv layer takes" ;;
	esac
	is "load $f: the line and the problem" "$(printf '%s\n' "$out" | grep 'error: ' | sed 's/;.*//')" "$want"
done
printf 'load good.nn\nshow state\n' >ld
nn ld >/dev/null && ok=0 || ok=1
is "the undamaged file loads" "$ok" "0"

done_testing
