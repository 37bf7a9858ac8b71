#!/bin/sh
# big-bad.sh - bad input to mem, quant, rl and gd: each line is refused
# with the message asserted here, exit status 1, and `show state` prints
# the same before and after (no draw from the random stream, nothing
# changed).
. "${top_srcdir:-..}/tests/setup.sh"

# check_bad CMD MESSAGE: CMD fails with MESSAGE and changes nothing
check_bad() {
	printf 'seed 5\nrl grid episodes=1\nshow state\n%s\nshow state\n' "$1" >"$TMPD/script"
	out=$(nn --keep-going "$TMPD/script" 2>&1) && rc=0 || rc=$?
	if [ "$rc" -eq 1 ]; then ok "'$1': exit status 1"; else not_ok "'$1': exit status $rc (want 1)"; fi
	contains "'$1': message" "$out" "script:4: error: $2"
	before=$(printf '%s\n' "$out" | sed -n '/^seed: /,/^settings: /p' | head -3)
	after=$(printf '%s\n' "$out" | sed -n '/^seed: /,/^settings: /p' | tail -3)
	case $before in *"random stream: 0 draws"*) not_ok "'$1': the set-up drew nothing" ;; esac
	is "'$1': state unchanged" "$after" "$before"
}

check_bad 'mem' "'mem' needs a model: a preset such as gpt2 or llama-7b"
check_bad 'mem gpt5' "unknown model 'gpt5'; did you mean 'gpt2'?"
check_bad 'mem gpt2 dtype=int8' "dtype=int8 stores weights for inference"
check_bad 'mem gpt2 mixed dtype=fp32' "'mixed' keeps 16-bit weights beside fp32 master copies"
check_bad 'mem gpt2 recompute selective' "give 'recompute' (keep only layer inputs) or 'selective'"
check_bad 'mem gpt2 zero=4' "zero= '4' is out of range; use a value from 0 to 3"
check_bad 'mem hidden=768 layers=2 heads=5' "hidden=768 is not divisible by heads=5"
check_bad 'mem layers=12' "layers= needs hidden= too"
check_bad 'mem params=1.5' "params='1.5' is not a whole number"
check_bad 'mem fit gpt2' "'mem fit' needs gpu=SIZE"
check_bad 'mem fit gpt2 gpu=80G' "gpu='80G' is ambiguous; write 80GB (powers of 10) or 80GiB (powers of 2)"
check_bad 'mem fit gpt2 gpu=80' "gpu='80' has no unit"
check_bad 'mem fit params=7B gpu=80GB' "'mem fit' needs the layers to count activations"
check_bad 'mem infer gpt2 mixed' "'mixed' is about training; 'mem infer' takes the number format as dtype="
check_bad 'quant bits abc' "'abc' is not a number; give a decimal such as 0.1"
check_bad 'quant bits 1e400' "'1e400' is beyond a double (about 1.8e308); write inf for infinity"
check_bad 'quant bits fp16:0x10000' "'fp16:0x10000' is not a valid fp16 pattern"
check_bad 'quant bits fp8:0x00' "'fp8:0x00': the format before ':' must be fp32, fp16 or bf16"
check_bad 'quant bits 1 zero=200' "zero= '200' is out of range"
check_bad 'rl bandit eps=2' "eps='2': '2' is not a probability from 0 to 1"
check_bad 'rl bandit eps=0.1,,0.2' "eps='0.1,,0.2' is not a list of probabilities"
check_bad 'rl bandit steps=100000 runs=10000' "steps x runs x eps values = 3000000000 pulls is too many"
check_bad 'rl grid map=lake' "map='lake' is not known; did you mean 'maze'?"
check_bad 'rl grid alpha=0' "alpha= '0' is out of range"
check_bad 'gd valley' "unknown surface 'valley'; choose bowl, rosenbrock, himmelblau or saddle"
check_bad 'gd bowl from=1' "from='1' is not a point; write it as from=X,Y"
check_bad 'gd bowl from=1e9,0' "from='1e9,0' is out of range"
check_bad 'gd bowl optim=rmsprop' "optim='rmsprop' is not known; choose one of sgd, momentum, adam"
check_bad 'gd bowl lr=0' "lr= '0' is out of range"

# check_bad_after SETUP CMD MESSAGE [PREP]: SETUP (lines), then PREP
# (default 'quant int8'), then CMD fails with MESSAGE and `show state`
# (the rnn: line holds the RNN's checksum) is the same before and after
check_bad_after() {
	printf 'seed 5\n%s\n%s\nshow state\n%s\nshow state\n' "$1" "${4:-quant int8}" "$2" >"$TMPD/script"
	out=$(nn --keep-going "$TMPD/script" 2>&1) && rc=0 || rc=$?
	if [ "$rc" -eq 1 ]; then ok "'$2': exit status 1"; else not_ok "'$2': exit status $rc (want 1)"; fi
	contains "'$2': message" "$out" "error: $3"
	st='/^(seed|random stream|settings|data|model|training|progress|quant|rnn): /'
	before=$(printf '%s\n' "$out" | awk "/^seed: /{n++} n==1 && $st")
	after=$(printf '%s\n' "$out" | awk "/^seed: /{n++} n==2 && $st")
	[ -n "${4:-}" ] || case $before in *"quant: "*) ;; *) not_ok "'$2': the set-up did not quantise the weights" ;; esac
	is "'$2': state unchanged" "$after" "$before"
}
# check_bad_net CMD MESSAGE [PREP]: with a trained network and data
check_bad_net() {
	check_bad_after 'data spiral n=30
net new 2 8 tanh 3
train 2' "$@"
}
# check_bad_rnn CMD MESSAGE [PREP]: with a trained character RNN
check_bad_rnn() {
	check_bad_after 'rnn new hidden=16
rnn train networks steps=20' "$@"
}

check_bad 'quant int8' "there is no network to quantise; build one first"
check_bad 'quant undo' "nothing to undo: the weights are not quantised"
check_bad_net 'quant fp16 per-channel' "'per-channel' applies to int8 and int4"
check_bad_net 'quant bf16 asym' "'asym' applies to int8 and int4"
check_bad_net 'quant int4 sym' "'quant int4' got an unexpected argument 'sym'"
check_bad_net 'quant undo now' "'quant undo' got an unexpected argument 'now'"
check_bad_net 'distill alpha=2' "alpha= '2' is out of range"
check_bad_net 'distill T=0' "T= '0' is out of range"
check_bad_net 'distill hidden=0' "hidden= '0' is out of range"
check_bad_net 'distill extra' "'distill' got an unexpected argument 'extra'"
check_bad_net 'distill' "distillation here needs a classifier whose last layer gives logits" 'net new 2 8 tanh 3 sigmoid'
check_bad 'parallel' "there is no data yet; make some first"
check_bad_net 'parallel workers=1' "workers= '1' is out of range"
check_bad_net 'parallel workers=65' "workers= '65' is out of range"
check_bad_net 'parallel batch=0' "batch= '0' is out of range"
check_bad_net 'parallel fast' "'parallel' got an unexpected argument 'fast'"
check_bad_net 'parallel' "the network has dropout (layer 2)" 'net new 2 8 tanh dropout 0.5 3
quant int8'
check_bad 'transfer target=2' "target= '2' is out of range"
check_bad 'transfer freeze=3' "freeze= '3' is out of range"
check_bad 'transfer epochs=0' "epochs= '0' is out of range"
check_bad 'transfer now' "'transfer' got an unexpected argument 'now'"
check_bad_net 'quant undo' "the network changed since 'quant int8' (trained, rebuilt or loaded)" 'quant int8
train 1'

check_bad 'quant int8 model=rnn' "there is no trained character RNN to quantise; train one first"
check_bad 'quant int8 model=cnn' "model="
check_bad_net 'quant int8 text=networks' "text= names the text for the RNN's perplexity; add model=rnn"
check_bad_rnn 'quant int8 text=no-such-text' "no file 'no-such-text', and nnlab ships no text of that name"
check_bad_rnn 'quant int4 model=rnn text=zh-networks' "'zh-networks' has"
check_bad_rnn 'quant undo' "the character RNN changed since 'quant int8' (trained, rebuilt or loaded)" 'quant int8
rnn train networks steps=2'
check_bad_rnn 'quant fp16 asym' "'asym' applies to int8 and int4"

# the seeded outcomes the help texts promise
printf 'seed 0\ntransfer\n' >"$TMPD/script"
out=$(nn --keep-going "$TMPD/script" 2>&1)
contains "transfer: the fine-tuned network reaches 90%" "$out" "fine-tuned, layer 1 frozen     epoch "
contains "transfer: from scratch does not, in 100 epochs" "$out" "from scratch (random weights)  not reached"
printf 'seed 0\ndistill hidden=12 alpha=0.9\nshow state\n' >"$TMPD/script"
out=$(nn --keep-going "$TMPD/script" 2>&1)
contains "distill with no network: its own teacher" "$out" "no network yet: the teacher is 2-64tanh-64tanh-3"
case $out in
*"data: spiral"* | *"model: "*) not_ok "distill: the session's data and network stay empty" ;;
*) ok "distill: the session's data and network stay empty" ;;
esac
done_testing
