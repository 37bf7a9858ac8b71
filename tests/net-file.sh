#!/bin/sh
# net-file.sh - save, load and export: a save/load round trip is bit-exact
# (the same `show state`, the same file written again); broken save files
# are refused with FILE:LINE and the session is left exactly as it was; a
# recipe in a file may rebuild the data but run nothing else; the JSON
# export computes what `predict` prints (checked with NumPy when there is
# one); the CSV export has a row per epoch.
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"

# ==== the round trip ====================================================
nn -c 'seed 5; data moons n=10 test=0.2; net new 2 4 tanh dropout 0.1 2; net freeze 1; net unfreeze 1;
optim adam wd=0.01 clip=3; loss ce l2=0.001; lr 0.05; batch 7; epochs 9; train 3; save good.nn; show state' \
	>first.txt 2>&1 || { not_ok "making a save file"; cat first.txt; }
nn -c 'load good.nn; save again.nn; show state' >second.txt 2>&1 || { not_ok "loading it"; cat second.txt; }
if cmp -s good.nn again.nn; then ok "save, load, save: the same file"; else not_ok "save, load, save differ"; diff good.nn again.nn | head | sed 's/^/# /'; fi
# everything but the seed and the stream position is the session's own
st1=$(sed -n '/^data: /,$p' first.txt)
st2=$(sed -n '/^data: /,$p' second.txt)
is "load restores data, model, settings, optimiser state and progress" "$st2" "$st1"
contains "the data came back through the recipe" "$(cat second.txt)" "its data was rebuilt from the recipe"
# saved mid-epoch: training resumes at the next epoch, and the weights
# trained after a load are the weights trained after the save
nn -c 'seed 9; data xor n=8; net new 2 3 tanh 2; train 2; save a.nn; train 3; show state' >c1.txt 2>&1
nn -c 'seed 9; data xor n=8; net new 2 3 tanh 2; train 2; load a.nn; train 3; show state' >c2.txt 2>&1
is "training on after load = training on after save" "$(sed -n '/^model: /p' c2.txt)" "$(sed -n '/^model: /p' c1.txt)"
# CRLF line ends, blank lines and comments are fine
sed 's/$/\r/' good.nn | awk '{ print } NR == 3 { print ""; print "# a comment" }' >crlf.nn
out=$(nn -c 'load crlf.nn; show state' 2>&1) && rc=0 || rc=$?
is "CRLF and comments: loads" "$rc" "0"
is "CRLF and comments: the same state" "$(printf '%s\n' "$out" | sed -n '/^data: /,$p')" "$st1"

# ==== broken files ======================================================
# bad NAME FILE WANT: loading FILE fails with WANT and changes nothing
bad() {
	name=$1 file=$2 want=$3
	printf 'seed 7\ndata xor n=5\nnet new 2 3 2\ntrain 1\nshow state\nload %s\nshow state\n' "$file" >script
	out=$(nn --keep-going script 2>&1) && rc=0 || rc=$?
	is "$name: exit status" "$rc" "1"
	err=$(printf '%s\n' "$out" | grep 'error: ' || true)
	is "$name: message" "$err" "$want"
	before=$(printf '%s\n' "$out" | awk '/^seed: /{k++} k==1 && !/error: /')
	after=$(printf '%s\n' "$out" | awk '/^seed: /{k++} k==2')
	is "$name: state unchanged" "$after" "$before"
}
mk() { sed "$2" good.nn >"$1"; }
at() { grep -n "$1" good.nn | head -n 1 | cut -d: -f1; }  # the line of a pattern
W1=$(at '^W 1 ') W3=$(at '^W 3 ') M=$(at '^m ') H=$(at '^history') E=$(at '^end') O=$(at '^optim')
printf 'hello\n' >hello.nn
bad "not a save file" hello.nn "hello.nn:1: error: 'hello' where 'nnlab-model' was expected; is this an nnlab save file?"
mk v2.nn '1s/1/2/'
bad "a newer format" v2.nn "v2.nn:1: error: 'v2.nn' is format 2, written by a newer nnlab; this one reads format 1"
head -n $((W3 + 2)) good.nn >cut.nn
bad "cut short" cut.nn "cut.nn:$((W3 + 3)): error: the file ends inside W3 (4 of 8 numbers read); it is cut short"
mk num.nn "$((W1 + 1))s/^[^ ]*/abc/"
bad "not a number" num.nn "num.nn:$((W1 + 1)): error: 'abc' in W1 is not a number"
mk nan.nn "$((W1 + 2))s/^[^ ]*/nan/"
bad "NaN weight" nan.nn "nan.nn:$((W1 + 2)): error: W1 holds 'nan'; the numbers of a saved network are finite"
mk shape.nn "${W1}s/W 1 2 4/W 1 2 5/"
bad "wrong shape" shape.nn "shape.nn:$W1: error: W 1 [2][5] does not match layer 1 of the network (dense 2 -> 4)"
mk act.nn '0,/tanh/s/tanh/tahn/'
bad "unknown activation" act.nn "act.nn:4: error: 'tahn' is not an activation nnlab knows"
mk many.nn "$((W1 + 2))s/\$/ 0.5/"
bad "a number too many" many.nn "many.nn:$((W1 + 2)): error: W1 has more than 8 numbers"
mk state.nn "${M}s/^m 22\$/m 21/"
bad "optimiser state of the wrong length" state.nn "state.nn:$M: error: the optimiser state has 21 numbers but the network 22 parameters"
mk hist.nn "$((H + 2))s/^2 [0-9]*/1 3/"
bad "history out of order" hist.nn "hist.nn:$((H + 2)): error: the history's epochs and steps must grow from row to row"
mk lr.nn 's/ lr=[^ ]*/ lr=-1/'
bad "a negative learning rate" lr.nn "lr.nn:$O: error: an optimiser setting is out of range (lr and eps above 0, the betas, rho and momentum from 0 to below 1)"
cp good.nn tail.nn
echo junk >>tail.nn
bad "text after end" tail.nn "tail.nn:$((E + 1)): error: text after 'end'; the file is damaged"
printf 'nnlab-model 1\n\0\n' >nul.nn
bad "NUL bytes" nul.nn "script:6: error: 'nul.nn' holds NUL bytes and is not an nnlab save file"
bad "no such file" nosuch.nn "script:6: error: cannot open 'nosuch.nn': No such file or directory"
# a recipe may only rebuild data; anything else is refused unrun
mk evil.nn 's/^recipe .*/recipe data moons n=10 noise=0.1 seed=5 at=0 test=0.2; save pwned.nn/'
bad "a recipe that saves a file" evil.nn "script:6: error: the data recipe in 'evil.nn' is not a list of 'data' commands; the file is damaged"
if [ -e pwned.nn ]; then not_ok "the hostile recipe ran"; else ok "the hostile recipe did not run"; fi
mk gone.nn 's/^recipe .*/recipe data load missing.csv/'
bad "a recipe that fails" gone.nn "script:6: error: the data of 'gone.nn' could not be rebuilt from its recipe 'data load missing.csv'; nothing was loaded"
mk other.nn 's/^recipe .*/recipe data moons n=10 noise=0.2 seed=5 at=0 test=0.2/'
bad "a recipe that gives other numbers" other.nn \
	"script:6: error: the data of 'other.nn' could not be rebuilt from its recipe 'data moons n=10 noise=0.2 seed=5 at=0 test=0.2' (it gives different numbers); nothing was loaded"

# ==== exports ===========================================================
nn -c 'seed 3; data spiral n=20 classes=3; net new 2 8 tanh 8 relu 3; train 12 every=4; export net.json; export hist.csv; predict 0.5 -0.2' \
	>ex.txt 2>&1
is "the history has a header and a row per epoch" "$(wc -l <hist.csv | tr -d ' ')" "13"
is "the CSV header" "$(head -n 1 hist.csv)" "epoch,step,lr,loss,acc,train_loss,train_acc,test_loss,test_acc"
is "an epoch without an evaluation has empty fields" "$(sed -n 3p hist.csv | cut -d, -f6-)" ",,,"
if /usr/bin/python3 -c 'import json, numpy' 2>/dev/null; then
	want=$(sed -n 's/^input (0.5, -0.2) -> output (\(.*\))$/\1/p' ex.txt)
	got=$(/usr/bin/python3 - <<'PY'
import json, numpy as np
net = json.load(open("net.json"))
x = np.array([[0.5, -0.2]], np.float32)
for L in net["layers"]:
    if L["type"] == "dense":
        x = x @ np.array(L["W"], np.float32) + np.array(L["b"], np.float32)
        x = {"tanh": np.tanh, "relu": lambda v: np.maximum(v, 0)}.get(L["activation"], lambda v: v)(x)
print(", ".join("%.4g" % v for v in x[0]))
PY
)
	is "NumPy on the JSON export computes what 'predict' prints" "$got" "$want"
else
	ok "# SKIP /usr/bin/python3 with numpy is not installed"
fi
done_testing
