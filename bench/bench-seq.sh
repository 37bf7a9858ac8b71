#!/bin/sh
# bench-seq.sh - W3 (character RNN) and W4 (attention) of
# ../shared/bench/WORKLOADS.md: nnlab's bench/bench-seq and the PyTorch
# peer, interleaved in one run (RUNS rounds, 5 by default), then the median
# of each figure and the ratios against the targets of issue 5:
#   W3  tokens per second   nnlab >= 2 x PyTorch (single thread)
#   W4  us per forward      nnlab >= 1.3 x faster than PyTorch
# Environment: BENCH (the bench-seq binary), PEERS (the peer scripts'
# directory), PYTHON (Debian's /usr/bin/python3), RUNS.  Not a test.
set -eu
: "${BENCH:=bench/bench-seq}"
: "${PEERS:=$(dirname "$0")/../../shared/bench/peers}"
: "${PYTHON:=/usr/bin/python3}"
: "${RUNS:=5}"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
export OMP_NUM_THREADS OPENBLAS_NUM_THREADS MKL_NUM_THREADS
out=$(mktemp "${TMPDIR:-/tmp}/bench-seq.XXXXXX")
trap 'rm -f "$out"' EXIT

torch=yes
if [ ! -f "$PEERS/torch_peer.py" ]; then
	echo "# PyTorch peer skipped: $PEERS/torch_peer.py not found (set PEERS)"
	torch=no
elif ! "$PYTHON" -c 'import torch' 2>/dev/null; then
	echo "# PyTorch peer skipped: $PYTHON cannot import torch (apt-get install python3-torch)"
	torch=no
fi

i=1
while [ "$i" -le "$RUNS" ]; do
	for w in W3 W4; do
		"$BENCH" "$w" | tee -a "$out" | grep -v '^#' || true
		if [ $torch = yes ]; then
			"$PYTHON" "$PEERS/torch_peer.py" "$w" | tee -a "$out" | grep -v '^#' || true
		fi
	done
	i=$((i + 1))
done

# medians per workload and peer, and the ratios
awk '
/^workload=/ {
	w = ""; p = ""; v = ""
	for (i = 1; i <= NF; i++) {
		split($i, kv, "=")
		if (kv[1] == "workload") w = kv[2]
		else if (kv[1] == "peer") p = kv[2]
		else if (kv[1] == "value") v = kv[2]
	}
	k = w " " p; n[k]++; val[k, n[k]] = v
}
function median(k,   m, i, j, t, a) {
	m = n[k]
	for (i = 1; i <= m; i++) a[i] = val[k, i] + 0
	for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
END {
	if (("W3 nnlab") in n) {
		a = median("W3 nnlab")
		printf "# W3 tokens/s, median of %d: nnlab %.0f", n["W3 nnlab"], a
		if (("W3 torch") in n) { b = median("W3 torch"); printf ", torch %.0f; nnlab/torch = %.2f (target >= 2)", b, a / b }
		printf "\n"
	}
	if (("W4 nnlab") in n) {
		a = median("W4 nnlab")
		printf "# W4 us/forward, median of %d: nnlab %.2f", n["W4 nnlab"], a
		if (("W4 torch") in n) { b = median("W4 torch"); printf ", torch %.2f; torch/nnlab = %.2f (target >= 1.3)", b, b / a }
		printf "\n"
	}
}' "$out"
