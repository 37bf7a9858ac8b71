#!/bin/sh
# run.sh - `make bench`: workloads W1 and W2 of WORKLOADS.md, run by nnlab
# (bench/nnbench, with the CBLAS backend when built with one, and again
# with NNLAB_BLAS=0 for the built-in kernels alone) and by the PyTorch and
# NumPy peer scripts, interleaved round by round so that all of them see
# the same machine; then the median of each figure over the rounds, and
# the ratios the issue asks for.  A benchmark, not a test: it never fails
# because of a figure.
#
# Environment: BENCH_ROUNDS (default 5), NNBENCH (the binary), PEERS (the
# directory of the peer scripts, default ../shared/bench/peers beside the
# source tree), PYTHON (default /usr/bin/python3, Debian's, which has
# python3-torch and python3-numpy), BENCH_LOG (keep the raw lines there).
set -u
: "${top_srcdir:=.}"
: "${BENCH_ROUNDS:=5}"
: "${NNBENCH:=./bench/nnbench}"
: "${PEERS:=$top_srcdir/../shared/bench/peers}"
: "${PYTHON:=/usr/bin/python3}"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
export OMP_NUM_THREADS OPENBLAS_NUM_THREADS MKL_NUM_THREADS
log=${BENCH_LOG:-$(mktemp "${TMPDIR:-/tmp}/nnlab-bench.XXXXXX")}
: >"$log"

have_peer() {  # have_peer SCRIPT MODULE
	[ -f "$PEERS/$1" ] || { echo "# skipping $1: not found in $PEERS"; return 1; }
	"$PYTHON" -c "import $2" 2>/dev/null || { echo "# skipping $1: $PYTHON cannot import $2"; return 1; }
	return 0
}
numpy=0 torch=0
have_peer numpy_peer.py numpy && numpy=1
have_peer torch_peer.py torch && torch=1
blas=0
"$NNBENCH" W1 2>/dev/null | grep -q 'peer=nnlab ' && blas=1

echo "# $BENCH_ROUNDS interleaved rounds; raw lines in $log"
r=1
while [ "$r" -le "$BENCH_ROUNDS" ]; do
	echo "# round $r of $BENCH_ROUNDS"
	echo "# round $r" >>"$log"
	for w in W1 W2; do
		"$NNBENCH" "$w" >>"$log"
		# W1 never uses the backend (its layers are small); W2 does
		if [ "$w" = W2 ] && [ "$blas" = 1 ]; then NNLAB_BLAS=0 "$NNBENCH" "$w" >>"$log"; fi
		if [ "$numpy" = 1 ]; then (cd "$PEERS" && "$PYTHON" numpy_peer.py "$w") >>"$log"; fi
		if [ "$torch" = 1 ]; then (cd "$PEERS" && "$PYTHON" torch_peer.py "$w") >>"$log"; fi
	done
	r=$((r + 1))
done
grep '^# peer' "$log" | sort -u

# medians per workload and peer, then the ratios
awk '
function median(key,   n, i, j, t, v) {
	n = cnt[key]
	for (i = 1; i <= n; i++) v[i] = val[key, i]
	for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
	return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
function add(key, x) { cnt[key]++; val[key, cnt[key]] = x }
/^# round / { round = $3 }
/^workload=/ {
	w = ""; p = ""
	for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
	w = f["workload"]; p = f["peer"]; seen[w, p] = 1
	for (k in f) if (k != "workload" && k != "peer" && k != "metric") add(w SUBSEP p SUBSEP k, f[k])
	per[w, p, round] = (w == "W1") ? f["ms_per_epoch"] : f["value"]
	rounds[round] = 1
	delete f
}
# the median over the rounds of the ratio within each round (robust to a
# machine that is faster in one round than in the next)
function ratio(w, a, b, inv,   r, n, key) {
	n = 0
	for (r in rounds) if ((w, a, r) in per && (w, b, r) in per && per[w, b, r] > 0) {
		n++
		val["ratio", n] = inv ? per[w, b, r] / per[w, a, r] : per[w, a, r] / per[w, b, r]
	}
	cnt["ratio"] = n
	return n ? median("ratio") : 0
}
function m(w, p, k) { return ((w, p, k) in cnt) ? median(w SUBSEP p SUBSEP k) : "" }
function verdict(x, target) { return x >= target ? "meets" : "BELOW" }
END {
	n = split("nnlab nnlab-builtin numpy torch", peers, " ")
	print ""
	print "W1 spiral MLP (median of the rounds)      ms/epoch   train_acc  final_loss"
	for (i = 1; i <= n; i++) if (("W1", peers[i]) in seen)
		printf "  %-38s %9.4f   %9s  %10s\n", peers[i], m("W1", peers[i], "ms_per_epoch"), m("W1", peers[i], "value"), m("W1", peers[i], "final_loss")
	print "W2 wide MLP (median of the rounds)        steps/s    GFLOP/s    last_step_loss"
	for (i = 1; i <= n; i++) if (("W2", peers[i]) in seen)
		printf "  %-38s %9.1f   %9.2f  %10s\n", peers[i], m("W2", peers[i], "value"), m("W2", peers[i], "gflops"), m("W2", peers[i], "last_step_loss")
	print ""
	me = ("W1", "nnlab") in seen ? "nnlab" : "nnlab-builtin"
	t1 = m("W1", me, "ms_per_epoch")
	print "ratios: the median over the rounds of the ratio within each round (in brackets: the ratio of the medians)"
	if (("W1", "torch") in seen) { x = ratio("W1", me, "torch", 1); printf "W1: %.1fx faster than PyTorch per epoch [%.1fx] (target 10x: %s)\n", x, m("W1", "torch", "ms_per_epoch") / t1, verdict(x, 10) }
	if (("W1", "numpy") in seen) { x = ratio("W1", me, "numpy", 1); printf "W1: %.1fx faster than NumPy per epoch [%.1fx] (target 2x: %s)\n", x, m("W1", "numpy", "ms_per_epoch") / t1, verdict(x, 2) }
	if (("W2", "nnlab") in seen && ("W2", "numpy") in seen) { x = ratio("W2", "nnlab", "numpy", 0); printf "W2: %.2fx NumPy steps/s with CBLAS [%.2fx] (target 1.2x: %s)\n", x, m("W2", "nnlab", "value") / m("W2", "numpy", "value"), verdict(x, 1.2) }
	if (("W2", "nnlab-builtin") in seen && ("W2", "numpy") in seen) { x = ratio("W2", "nnlab-builtin", "numpy", 0); printf "W2: %.2fx NumPy steps/s with the built-in kernels alone [%.2fx]\n", x, m("W2", "nnlab-builtin", "value") / m("W2", "numpy", "value") }
	if (("W2", "nnlab-builtin") in seen) { x = m("W2", "nnlab-builtin", "gflops"); printf "W2: %.1f nominal GFLOP/s with the built-in kernels alone (target 60: %s)\n", x, verdict(x, 60) }
	if (("W2", "torch") in seen && ("W2", "nnlab") in seen) { x = ratio("W2", "nnlab", "torch", 0); printf "W2: %.2fx PyTorch steps/s [%.2fx]\n", x, m("W2", "nnlab", "value") / m("W2", "torch", "value") }
}' "$log"
[ -n "${BENCH_LOG:-}" ] || rm -f "$log"
exit 0
