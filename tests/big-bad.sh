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
done_testing
