#!/bin/sh
# seq-export.sh - `attn export` read back by an independent program: the
# keys are exactly those of nnlab-formats(5), and the attention is
# recomputed from X, Wq, Wk and Wv in Python (plain floats, no numpy) to
# match scores, scaled, weights and Z; every row of weights sums to 1 and
# the masked entries are null in scaled and 0 in weights.  Skipped
# without a python3.
. "${top_srcdir:-..}/tests/setup.sh"
PY=
for p in /usr/bin/python3 python3; do
	if command -v "$p" >/dev/null 2>&1; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
	echo "1..0 # SKIP no python3 to read the JSON back"
	exit 0
fi
cd "$TMPD"
nn -c 'attn "the cat sat on the mat" d=8 seed=3; attn export one.json' >/dev/null
nn -c 'attn "a b a c" d=6 heads=3 causal seed=4; attn export three.json' >/dev/null
cat >check.py <<'PY'
import json, math, sys
KEYS = ["tokens", "X", "Wq", "Wk", "Wv", "Q", "K", "V", "scores", "scaled", "weights", "Z"]
n = 0
def ok(cond, what):
    global n
    n += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (n, what))
def matmul(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]
def worst(a, b):
    w = 0.0
    for ra, rb in zip(a, b):
        for x, y in zip(ra, rb):
            if x is None or y is None:
                if x is not y:
                    return float("inf")
                continue
            w = max(w, abs(x - y) / max(1.0, abs(y)))
    return w
def head(o, name, causal):
    ok(list(o.keys()) == KEYS, "%s: the keys are exactly %s" % (name, ", ".join(KEYS)))
    T, dk = len(o["tokens"]), len(o["Wq"][0])
    Q, K, V = (matmul(o["X"], o[w]) for w in ("Wq", "Wk", "Wv"))
    ok(max(worst(Q, o["Q"]), worst(K, o["K"]), worst(V, o["V"])) < 1e-5, "%s: Q, K, V = X.W" % name)
    S = [[sum(q * k for q, k in zip(Q[i], K[j])) for j in range(T)] for i in range(T)]
    ok(worst(S, o["scores"]) < 1e-5, "%s: scores = Q.K^T" % name)
    Sc = [[None if causal and j > i else S[i][j] / math.sqrt(dk) for j in range(T)] for i in range(T)]
    ok(worst(Sc, o["scaled"]) < 1e-5, "%s: scaled = scores / sqrt(d_k), masked entries null" % name)
    W = []
    for row in Sc:
        vis = [x for x in row if x is not None]
        m = max(vis)
        e = [0.0 if x is None else math.exp(x - m) for x in row]
        s = sum(e)
        W.append([x / s for x in e])
    ok(worst(W, o["weights"]) < 1e-5, "%s: weights = softmax of each row" % name)
    ok(all(abs(sum(r) - 1) < 1e-6 for r in o["weights"]), "%s: every row of weights sums to 1" % name)
    if causal:
        ok(all(o["weights"][i][j] == 0 for i in range(T) for j in range(i + 1, T)), "%s: masked weights are 0" % name)
    Z = matmul(W, V)
    ok(worst(Z, o["Z"]) < 1e-5, "%s: Z = weights.V" % name)
one = json.load(open("one.json"))
head(one, "one head", False)
three = json.load(open("three.json"))
ok(list(three.keys()) == ["heads"] and len(three["heads"]) == 3, "three heads: one object each under \"heads\"")
for h, o in enumerate(three["heads"]):
    head(o, "head %d of 3" % (h + 1), True)
print("1..%d" % n)
PY
"$PY" check.py
