#!/usr/bin/python3
"""dataset-ref.py - reference values for tests/core/test-dataset.c.

An independent computation of nnlab's generators, split and standardisation
from their specification (src/core/dataset.h; spiral: WORKLOADS.md section 2),
using the random stream of the NumPy bench peer.  Run with Debian's
interpreter from the source tree:

    /usr/bin/python3 tests/core/dataset-ref.py

and paste what it prints into test-dataset.c.  Not run by `make check`
(the test holds the constants, so it needs no Python).
"""
import math
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "shared", "bench", "peers"))
sys.path.insert(0, "/work/shared/bench/peers")
import numpy as np  # noqa: E402
import numpy_peer as peer  # noqa: E402


def f32(v):
    return struct.unpack("<f", struct.pack("<f", v))[0]


def fnv(n, n_train, d, k, reg, x, labels):
    h = 0xCBF29CE484222325
    def u32(h, v):
        for b in struct.pack("<I", v & 0xFFFFFFFF):
            h ^= b
            h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
        return h
    for v in (n, n_train, d, k, reg):
        h = u32(h, v)
    for v in x:
        h = u32(h, struct.unpack("<I", struct.pack("<f", v))[0])
    for v in labels:
        h = u32(h, struct.unpack("<I", struct.pack("<f", v))[0] if reg else v)
    return h


def normals(rng, count):
    return [float(z) for z in rng.normal(count)]


def points2(rng, centres, noise):
    """centres: list of (cx, cy, label) in row order; z1 then z2 per point."""
    z = normals(rng, 2 * len(centres))
    x, y = [], []
    for p, (cx, cy, lab) in enumerate(centres):
        x += [f32(cx + noise * z[2 * p]), f32(cy + noise * z[2 * p + 1])]
        y.append(lab)
    return x, y


def xor(rng, n, noise):
    c = []
    for j in range(2):
        for i in range(n):
            a, b = i % 2, i % 2
            if j == 1:
                b = 1 - a
            c.append((a, b, j))
    return points2(rng, c, noise)


def circle(rng, n, noise):
    c = [((0.5, 1.0)[j] * math.cos(2 * math.pi * i / n), (0.5, 1.0)[j] * math.sin(2 * math.pi * i / n), j)
         for j in range(2) for i in range(n)]
    return points2(rng, c, noise)


def moons(rng, n, noise):
    c = []
    for j in range(2):
        for i in range(n):
            a = math.pi * i / (n - 1)
            c.append((math.cos(a), math.sin(a), 0) if j == 0 else (1 - math.cos(a), 0.5 - math.sin(a), 1))
    return points2(rng, c, noise)


def blobs(rng, n, k, noise):
    c = [(2 * math.cos(2 * math.pi * j / k), 2 * math.sin(2 * math.pi * j / k), j) for j in range(k) for i in range(n)]
    return points2(rng, c, noise)


def regression(rng, n, noise, lo, hi, f):
    z = normals(rng, n)
    x = [lo + (hi - lo) * i / (n - 1) for i in range(n)]
    return [f32(v) for v in x], [f32(f(x[i]) + noise * z[i]) for i in range(n)]


def show(name, n, n_train, d, k, reg, x, lab, rng, picks):
    print("/* %s: ctr after %d */" % (name, rng.ctr))
    print("#define REF_%s_SUM 0x%016xULL" % (name.upper(), fnv(n, n_train, d, k, reg, x, lab)))
    for p in picks:
        print("/* %s row %d: */ {%d, %s, %s}," % (name, p, p, x[p * d].hex(), x[p * d + d - 1].hex()))


def main():
    r = peer.Rng(1)
    X, y = peer.spiral_data(r, 100, 3)
    xs = [float(v) for v in X.reshape(-1)]
    show("spiral", 300, 300, 2, 3, 0, xs, [int(v) for v in y], r, (0, 1, 57, 100, 199, 299))

    # the split after the data: a permutation of 300 from the same stream
    perm = r.permutation(300)
    xs2 = [xs[2 * q + c] for q in perm for c in range(2)]
    ys2 = [int(y[q]) for q in perm]
    show("split", 300, 240, 2, 3, 0, xs2, ys2, r, (0, 239, 240, 299))
    # standardise with the 240 training rows
    for c in range(2):
        col = [xs2[2 * i + c] for i in range(240)]
        m = sum(col) / 240
        sd = math.sqrt(sum((v - m) ** 2 for v in col) / 240)
        print("/* standardize feature %d: */ {%r, %r}," % (c, m, sd))
        for i in range(300):
            xs2[2 * i + c] = f32((xs2[2 * i + c] - m) / sd)
    show("std", 300, 240, 2, 3, 0, xs2, ys2, r, (0, 299))

    r = peer.Rng(7)
    x, lab = xor(r, 10, 0.1)
    show("xor", 20, 20, 2, 2, 0, x, lab, r, (0, 1, 10, 11, 19))
    r = peer.Rng(7)
    x, lab = circle(r, 10, 0.1)
    show("circle", 20, 20, 2, 2, 0, x, lab, r, (0, 3, 10, 17))
    r = peer.Rng(7)
    x, lab = moons(r, 10, 0.1)
    show("moons", 20, 20, 2, 2, 0, x, lab, r, (0, 5, 10, 19))
    r = peer.Rng(7)
    x, lab = blobs(r, 10, 4, 0.5)
    show("blobs", 40, 40, 2, 4, 0, x, lab, r, (0, 10, 25, 39))
    r = peer.Rng(7)
    x, t = regression(r, 50, 0.1, -math.pi, math.pi, math.sin)
    show("sine", 50, 50, 1, 1, 1, x, t, r, ())
    print("/* sine t[0], t[49]: */ %s %s" % (t[0].hex(), t[49].hex()))
    r = peer.Rng(7)
    x, t = regression(r, 50, 0.1, -1.0, 1.0, lambda v: 2 * v + 0.5)
    show("linear", 50, 50, 1, 1, 1, x, t, r, ())
    print("/* linear t[0], t[49]: */ %s %s" % (t[0].hex(), t[49].hex()))


main()
