/* test-gloss-examples.c - the numbers in the glossary's worked examples,
 * recomputed here from their definitions (libm, and small algorithms:
 * least squares, k-means, gradient descent, byte pair encoding, IEEE
 * half-precision rounding) and looked for, formatted, in the entries.
 * An example whose arithmetic is wrong fails here.
 *
 * Links libnncontent.a (to read the entries), libnnutil.a, libnncore.a
 * and -lm. */
#include <config.h>

#include "content/glossary.h"
#include "core/alloc.h"
#include "core/rng.h"
#include "util/strbuf.h"
#include "../tap.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static glossary *G;

/* All of an entry's text in one string. */
static char *
entry_text(const gloss_entry *e)
{
	strbuf b;
	sb_init(&b);
	const char *parts[] = {e->shortdef, e->explain, e->formula, e->example, e->note};
	for (int k = 0; k < 5; k++)
		if (parts[k])
			sb_printf(&b, "%s\n", parts[k]);
	return sb_steal(&b);
}

/* has: entry id's text contains want (computed and formatted here). */
static void
has(const char *id, const char *want)
{
	const gloss_entry *e = gloss_get(G, id);
	if (!e) {
		ok(0, "%s: the entry exists", id);
		return;
	}
	char *t = entry_text(e);
	/* the text may break a line where the number has a space */
	strbuf flat;
	sb_init(&flat);
	for (const char *p = t; *p; p++) {
		if (*p == '\n' || *p == ' ') {
			if (flat.len && flat.s[flat.len - 1] != ' ')
				sb_putc(&flat, ' ');
			continue;
		}
		sb_putc(&flat, *p);
	}
	/* ... and may align columns with several spaces */
	strbuf w;
	sb_init(&w);
	for (const char *p = want; *p; p++)
		if (*p != ' ' || (w.len && w.s[w.len - 1] != ' '))
			sb_putc(&w, *p);
	ok(strstr(flat.s, w.s) != NULL, "%s: \"%s\"", id, w.s);
	sb_free(&w);
	sb_free(&flat);
	free(t);
}

/* Numbers as the glossary prints them: fixed decimals, U+2212 for minus. */
static char ring[32][64];
static int ringpos;

static const char *
f(int prec, double v)
{
	char *buf = ring[ringpos++ % 32];
	char tmp[60];
	snprintf(tmp, sizeof tmp, "%.*f", prec, fabs(v));
	int neg = v < 0 && strspn(tmp, "0.") != strlen(tmp);
	snprintf(buf, 64, "%s%s", neg ? "\xe2\x88\x92" : "", tmp);
	return buf;
}

/* Whole numbers with thousands separators: 3152384 -> "3,152,384". */
static const char *
grouped(long long v)
{
	char *buf = ring[ringpos++ % 32];
	char tmp[40];
	snprintf(tmp, sizeof tmp, "%lld", v);
	size_t n = strlen(tmp), o = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}

static char want[512];
#define W(...) (snprintf(want, sizeof want, __VA_ARGS__), want)

static double
sig(double x)
{
	return 1.0 / (1.0 + exp(-x));
}

static void
softmax(const double *z, int n, double T, double *p)
{
	double m = z[0], s = 0;
	for (int i = 1; i < n; i++)
		if (z[i] > m)
			m = z[i];
	for (int i = 0; i < n; i++)
		s += p[i] = exp((z[i] - m) / T);
	for (int i = 0; i < n; i++)
		p[i] /= s;
}

/* fp16 bits of a positive double, round to nearest even */
static unsigned
half_bits(double v)
{
	int e = (int)floor(log2(v));
	if (e < -14) {
		double m = rint(v / ldexp(1.0, -24));
		return (unsigned)m;
	}
	double m = rint(v / ldexp(1.0, e - 10));
	if (m >= 2048) {
		m /= 2;
		e++;
	}
	return (unsigned)((e + 15) << 10) | ((unsigned)m - 1024u);
}

static double
half_value(unsigned h)
{
	int e = (int)((h >> 10) & 31);
	double m = h & 1023;
	return e == 0 ? ldexp(m, -24) : ldexp(1024 + m, e - 25);
}

/* ==== basics ============================================================ */

static void
basics(void)
{
	/* least squares through (1,2.9), (2,5.1), (3,7.0) */
	double x[3] = {1, 2, 3}, y[3] = {2.9, 5.1, 7.0}, xm = 2, ym = 0, sxy = 0, sxx = 0;
	for (int i = 0; i < 3; i++)
		ym += y[i] / 3;
	for (int i = 0; i < 3; i++) {
		sxy += (x[i] - xm) * (y[i] - ym);
		sxx += (x[i] - xm) * (x[i] - xm);
	}
	double w = sxy / sxx, b = ym - w * xm;
	has("machine-learning", W("= %s / %s = %s", f(1, sxy), f(0, sxx), f(2, w)));
	has("machine-learning", W("= %s − %s·2 = %s", f(1, ym), f(2, w), f(2, b)));
	has("machine-learning", W("y = %s·4 + %s = %s", f(2, w), f(2, b), f(2, w * 4 + b)));

	long p = 2 * 64 + 64 + 64 * 64 + 64 + 64 * 3 + 3;
	has("parameter", W("= %ld parameters", p));
	has("parameter", W("%ld × 4 = %ld bytes, about %s KiB", p, p * 4, f(1, p * 4 / 1024.0)));
	has("deep-learning", W("%ld parameters in all", p));
	has("deep-neural-network", W("has h = %d units", (int)floor((p - 3) / 6.0)));

	/* the 2-2-1 forward pass */
	double x0 = 1, x1 = 2, z0 = x0 * 0.5 + x1 * 0.25, z1 = x0 * -1 + x1 * 0.5 + 0.5;
	double h0 = z0 > 0 ? z0 : 0, h1 = z1 > 0 ? z1 : 0;
	has("neural-network", W("= (%s, %s)", f(1, z0), f(1, z1)));
	has("neural-network", W("y = %s·2 + %s·(−1) + 0.1 = %s", f(1, h0), f(1, h1), f(1, h0 * 2 - h1 + 0.1)));

	has("neuron", W("a = σ(−0.1) = 1 / (1 + e^0.1) = %s", f(4, sig(0.4 * 1 - 0.2 * 3 + 0.1))));
	has("layer", W("parameters 2·16 + 16 = %d;  multiply-adds 32·2·16 = %d", 2 * 16 + 16, 32 * 2 * 16));

	has("sigmoid", W("σ(2) = %s      σ(−2) = %s", f(4, sig(2)), f(4, sig(-2))));
	has("sigmoid", W("σ′(2) = %s · %s = %s", f(4, sig(2)), f(4, sig(-2)), f(4, sig(2) * (1 - sig(2)))));
	has("sigmoid", W("0.25⁵ = %s", f(5, pow(0.25, 5))));
	has("tanh", W("tanh(0.5) = %s     tanh′(0.5) = 1 − %s² = %s", f(4, tanh(0.5)), f(4, tanh(0.5)),
	              f(4, 1 - tanh(0.5) * tanh(0.5))));
	has("tanh", W("tanh(2)   = %s     tanh′(2)   = 1 − %s² = %s", f(4, tanh(2)), f(4, tanh(2)),
	              f(4, 1 - tanh(2) * tanh(2))));

	double z[3] = {2.0, 1.0, 0.1}, pr[3];
	softmax(z, 3, 1, pr);
	has("softmax", W("e^z = (%s, %s, %s),  sum %s", f(3, exp(2)), f(3, exp(1)), f(3, exp(0.1)),
	                 f(3, exp(2) + exp(1) + exp(0.1))));
	has("softmax", W("softmax(z) = (%s, %s, %s)", f(4, pr[0]), f(4, pr[1]), f(4, pr[2])));
	has("softmax", W("e^ = (1, %s, %s), sum %s", f(4, exp(-1)), f(4, exp(-1.9)), f(4, 1 + exp(-1) + exp(-1.9))));

	has("classification", W("loss −ln 0.7 = %s", f(4, -log(0.7))));
	has("classification", W("loss −ln 0.1 = %s", f(4, -log(0.1))));
	double pred[3] = {2.5, 0.0, 2.1}, tgt[3] = {3, -0.5, 2}, mse = 0, mae = 0;
	for (int i = 0; i < 3; i++) {
		mse += (pred[i] - tgt[i]) * (pred[i] - tgt[i]) / 3;
		mae += fabs(pred[i] - tgt[i]) / 3;
	}
	has("regression", W("MSE = (0.25 + 0.25 + 0.01) / 3 = %s", f(2, mse)));
	has("regression", W("MAE = (0.5 + 0.5 + 0.1) / 3 = %s", f(4, mae)));
	has("mean-squared-error", W("= 0.51 / 3 = %s", f(2, mse)));
	has("mean-squared-error", W("= (%s, %s, %s)", f(4, 2 * (pred[0] - tgt[0]) / 3), f(4, 2 * (pred[1] - tgt[1]) / 3),
	                            f(4, 2 * (pred[2] - tgt[2]) / 3)));

	has("train-test-split", W("training accuracy 148/150 = %s,  test accuracy 43/50 = %s", f(3, 148 / 150.0),
	                          f(3, 43 / 50.0)));
	has("train-test-split", W("The %s gap", f(3, 148 / 150.0 - 43 / 50.0)));
	double prec = 8 / 12.0, rec = 8 / 10.0;
	has("accuracy", W("accuracy  = (8 + 86) / 100 = %s", f(2, 94 / 100.0)));
	has("accuracy", W("precision = 8/12 = %s,  recall = 8/10 = %s,  F1 = %s", f(3, prec), f(3, rec),
	                  f(3, 2 * prec * rec / (prec + rec))));
	has("feature", W("(0.3, 0.4): r² = 0.09 + 0.16 = %s", f(2, 0.3 * 0.3 + 0.4 * 0.4)));
	has("feature", W("(0.6, 0.8): r² = 0.36 + 0.64 = %s", f(2, 0.6 * 0.6 + 0.8 * 0.8)));
	has("feature", W("0.75² = %s", f(4, 0.75 * 0.75)));
	has("dimensionality-reduction", W("u = (%s, %s)", f(4, sqrt(0.5)), f(4, sqrt(0.5))));
	has("dimensionality-reduction", W("codes are −%s, 0, %s", f(4, sqrt(2)), f(4, sqrt(2))));
	has("random-seed", W("draw 600 + 4416 + 300 = %d", 600 + (2 * 64 + 64 * 64 + 64 * 3) + 300));
	/* the formula shown is the generator nnlab uses */
	const uint64_t k1 = 0x9E3779B97F4A7C15ULL, k2 = 0xBF58476D1CE4E5B9ULL, k3 = 0x94D049BB133111EBULL;
	has("random-seed", W("z = seed + (++ctr) · 0x%016llX", (unsigned long long)k1));
	has("random-seed", W("z = (z ⊕ (z ≫ 30)) · 0x%016llX", (unsigned long long)k2));
	has("random-seed", W("z = (z ⊕ (z ≫ 27)) · 0x%016llX", (unsigned long long)k3));
	rng_t r;
	rng_init(&r, 42);
	int same = 1;
	for (uint64_t ctr = 1; ctr <= 5; ctr++) {
		uint64_t z = 42 + ctr * k1;
		z = (z ^ (z >> 30)) * k2;
		z = (z ^ (z >> 27)) * k3;
		same &= (z ^ (z >> 31)) == rng_u64(&r);
	}
	ok(same, "random-seed: the formula gives nnlab's first five draws after seed 42");
	has("one-hot", W("√2 = %s", f(4, sqrt(2))));
	has("inference", W("2·64 + 64·64 + 64·3 = %d", 2 * 64 + 64 * 64 + 64 * 3));
	has("inference", W("about %s per example", grouped(3 * (2 * 64 + 64 * 64 + 64 * 3))));
	has("hyperparameter", W("⌈300/32⌉ = %d steps", (300 + 31) / 32));
	has("hyperparameter", W("2000 × 10 = %d parameter updates", 2000 * ((300 + 31) / 32)));
}

/* ==== learning ========================================================== */

static void
learning(void)
{
	has("supervised-learning", W("−ln 0.8 = %s", f(4, -log(0.8))));
	has("supervised-learning", W("−ln 0.3 = %s", f(4, -log(0.3))));

	/* k-means on 1, 2, 9, 10, 11 from centres 1, 2 */
	double pts[5] = {1, 2, 9, 10, 11}, c[2] = {1, 2};
	double hist[3][2];
	for (int it = 0; it < 3; it++) {
		double s[2] = {0, 0};
		int n[2] = {0, 0};
		for (int i = 0; i < 5; i++) {
			int k = fabs(pts[i] - c[0]) <= fabs(pts[i] - c[1]) ? 0 : 1;
			s[k] += pts[i];
			n[k]++;
		}
		c[0] = s[0] / n[0];
		c[1] = s[1] / n[1];
		hist[it][0] = c[0];
		hist[it][1] = c[1];
	}
	has("unsupervised-learning", W("centres → %s, (2+9+10+11)/4 = %s", f(0, hist[0][0]), f(0, hist[0][1])));
	has("unsupervised-learning", W("centres → %s, %s", f(1, hist[1][0]), f(0, hist[1][1])));
	ok(hist[2][0] == hist[1][0] && hist[2][1] == hist[1][1], "k-means has converged after two updates");

	double q = 1;
	q = q + (0 - q) / 2;
	double q3 = q + (1 - q) / 3;
	has("reinforcement-learning", W("then 1 + (0 − 1)/2 = %s, then %s + (1 − %s)/3 = %s", f(1, q), f(1, q), f(1, q),
	                                f(4, q3)));
	has("reinforcement-learning", W("G = 0 + 0.9·0 + 0.81·1 = %s", f(2, 0.9 * 0.9)));
	has("self-supervised-learning", W("L = 122,681 bytes and so gives %s", grouped(122681 - 1)));
	has("transfer-learning", W("64·3 + 3 = 195 of the 4547 parameters to train: %s%%", f(1, 100.0 * 195 / 4547)));
	has("data-mining", W("support(bread, milk) = 3/5 = %s", f(2, 0.6)));
	has("data-mining", W("confidence(bread → milk) = 0.60 / 0.80 = %s", f(2, 0.6 / 0.8)));
}

/* ==== training ========================================================== */

/* gradient descent on f(x) = x^4 - 2x^2 + 0.3x with lr 0.05 */
static double
descend(double x)
{
	for (int i = 0; i < 2000; i++)
		x -= 0.05 * (4 * x * x * x - 4 * x + 0.3);
	return x;
}

static void
training(void)
{
	has("loss-function", W("p = 0.9 → %s     p = 0.5 → %s     p = 0.1 → %s", f(4, -log(0.9)), f(4, -log(0.5)),
	                       f(4, -log(0.1))));
	double z[3] = {2.0, 1.0, 0.1}, p[3];
	softmax(z, 3, 1, p);
	has("cross-entropy", W("CE = −ln %s = %s", f(4, p[0]), f(4, -log(p[0]))));
	has("cross-entropy", W("= (%s, %s, %s)", f(4, p[0] - 1), f(4, p[1]), f(4, p[2])));
	has("cross-entropy", W("−ln 0.8 = %s", f(4, -log(0.8))));

	double fx = 1.001 * 1.001 + 6, fy = 0.999 * 0.999 + 6;
	has("gradient", W("= (%s − %s) / 0.002 = %s", f(6, fx), f(6, fy), f(3, (fx - fy) / 0.002)));
	has("gradient", W("lowers f from 7 to 0.64 + 5.1 = %s", f(2, 0.8 * 0.8 + 3 * 1.7)));

	/* gradient descent on (w-3)^2 */
	double w = 0, ws[3];
	for (int i = 0; i < 3; i++)
		ws[i] = w = w - 0.1 * 2 * (w - 3);
	has("gradient-descent", W("w = 0 − 0.1·(−6.0) = %s", f(1, ws[0])));
	has("gradient-descent", W("w = 0.6 + 0.48 = %s", f(2, ws[1])));
	has("gradient-descent", W("w = %s", f(3, ws[2])));
	has("convergence", W("k > ln(%s)/ln(0.8) = %s: %d steps", f(6, 0.001 / 3), f(1, log(0.001 / 3) / log(0.8)),
	                     (int)ceil(log(0.001 / 3) / log(0.8))));

	/* learning rates on w^2 */
	double a = 1, seq[3];
	for (int i = 0; i < 3; i++)
		seq[i] = a = a - 1.1 * 2 * a;
	has("learning-rate", W("w = %s, %s, %s (diverges)", f(1, seq[0]), f(2, seq[1]), f(3, seq[2])));
	has("sgd", W("⌈300/32⌉ = %d steps per epoch", (300 + 31) / 32));
	has("batch-size", W("B = 32:  ⌈300/32⌉ = %d iterations", (300 + 31) / 32));
	has("epoch", W("batches of 100: %d iterations per epoch", 50000 / 100));
	has("epoch", W("20 epochs are %s iterations", grouped(20 * 50000 / 100)));
	long fwd = 32L * (2 * 64 + 64 * 64 + 64 * 3);
	has("iteration", W("32 × 4416 = %s multiply-adds", grouped(fwd)));
	has("iteration", W("3 × %s = %s", grouped(fwd), grouped(3 * fwd)));

	/* one sigmoid neuron */
	double zz = 0.8 * 1.5 - 0.2, y = sig(zz), L = (y - 1) * (y - 1), dy = 2 * (y - 1), dz = dy * y * (1 - y);
	has("backpropagation", W("z = %s,  y = σ(1) = %s,  L = %s", f(1, zz), f(4, y), f(4, L)));
	has("backpropagation", W("∂L/∂y = 2(y − t) = %s", f(4, dy)));
	has("backpropagation", W("∂y/∂z = y(1 − y) = %s  → ∂L/∂z = %s", f(4, y * (1 - y)), f(4, dz)));
	has("backpropagation", W("∂L/∂w = %s · x = %s,   ∂L/∂b = %s", f(4, dz), f(4, dz * 1.5), f(4, dz)));

	double r1 = descend(0.5), r2 = descend(-0.5), r0 = descend(0.0);
#define FQ(x) ((x) * (x) * (x) * (x) - 2 * (x) * (x) + 0.3 * (x))
	has("local-minimum", W("ends at x = %s,  f = %s", f(3, r1), f(3, FQ(r1))));
	has("local-minimum", W("ends at x = %s, f = %s", f(3, r2), f(3, FQ(r2))));
	ok(fabs(r0 - r2) < 1e-9, "from x = 0 descent reaches the global minimum");

	double v = 0, vs[4];
	for (int i = 0; i < 4; i++)
		vs[i] = v = 0.9 * v + 1;
	has("momentum", W("v = %s,  %s,  %s,  %s", f(0, vs[0]), f(1, vs[1]), f(2, vs[2]), f(3, vs[3])));

	double m = 0.1 * 0.5, vv = 0.001 * 0.25;
	has("adam", W("m = 0.1·0.5 = %s,        v = 0.001·0.25 = %s", f(2, m), f(5, vv)));
	has("adam", W("m̂ = 0.05/0.1 = %s,        v̂ = 0.00025/0.001 = %s", f(1, m / 0.1), f(2, vv / 0.001)));

	has("weight-initialisation", W("a = √(6/66)  = %s", f(4, sqrt(6.0 / 66))));
	has("weight-initialisation", W("a = √(6/128) = %s, variance %s²/3 = 2/128 = %s", f(4, sqrt(6.0 / 128)),
	                               f(4, sqrt(6.0 / 128)), f(4, 6.0 / 128 / 3)));
	has("weight-initialisation", W("a = √(6/64) = %s", f(4, sqrt(6.0 / 64))));

	/* least squares line and the interpolating quartic through 5 points */
	double xs[5] = {0, 1, 2, 3, 4}, ys[5] = {0.1, 1.2, 1.9, 3.2, 3.9};
	double xm = 2, ym = 0, sxy = 0, sxx = 0, e2 = 0;
	for (int i = 0; i < 5; i++)
		ym += ys[i] / 5;
	for (int i = 0; i < 5; i++) {
		sxy += (xs[i] - xm) * (ys[i] - ym);
		sxx += (xs[i] - xm) * (xs[i] - xm);
	}
	double slope = sxy / sxx, icpt = ym - slope * xm;
	for (int i = 0; i < 5; i++)
		e2 += pow(slope * xs[i] + icpt - ys[i], 2) / 5;
	double quartic5 = 0;  /* Lagrange interpolation at x = 5 */
	for (int i = 0; i < 5; i++) {
		double l = 1;
		for (int j = 0; j < 5; j++)
			if (j != i)
				l *= (5 - xs[j]) / (xs[i] - xs[j]);
		quartic5 += ys[i] * l;
	}
	has("overfitting", W("y = %sx + %s, training MSE %s", f(2, slope), f(2, icpt), f(4, e2)));
	has("overfitting", W("predicts %s at x = 5", f(2, slope * 5 + icpt)));
	has("overfitting", W("training MSE 0.000, predicts %s at x = 5", f(2, quartic5)));

	has("regularisation", W("0.999¹⁰⁰⁰ = %s", f(4, pow(0.999, 1000))));
	has("dropout", W("y = (2, 0, 6, 0) / 0.5 = (%d, 0, %d, 0)", 4, 12));
	has("vanishing-gradient", W("0.25¹⁰ = %.1fe-7", pow(0.25, 10) * 1e7));
	has("vanishing-gradient", W("0.9⁵⁰ = %s", f(4, pow(0.9, 50))));
	has("vanishing-gradient", W("1.1⁵⁰ = %s", f(1, pow(1.1, 50))));
	has("vanishing-gradient", W("‖g‖ = %s, to c = 5 gives (%s, %s)", f(0, hypot(30, 40)), f(0, 30 * 5 / hypot(30, 40)),
	                            f(0, 40 * 5 / hypot(30, 40))));
	has("hyperparameter-search", W("1 − 0.95⁶⁰ = %s", f(3, 1 - pow(0.95, 60))));
	has("gradient-check", W("(2.01³ − 1.99³)/0.02 = (%s − %s)/0.02 = %s", f(6, pow(2.01, 3)), f(6, pow(1.99, 3)),
	                        f(4, (pow(2.01, 3) - pow(1.99, 3)) / 0.02)));
	has("gradient-check", W("(2.01³ − 2³)/0.01 = %s", f(4, (pow(2.01, 3) - 8) / 0.01)));
	double hs[5] = {150, 160, 170, 180, 190}, mu = 170, var = 0;
	for (int i = 0; i < 5; i++)
		var += (hs[i] - mu) * (hs[i] - mu) / 5;
	double sd = sqrt(var);
	has("standardisation", W("σ = √%s = %s", f(0, var), f(3, sd)));
	has("standardisation", W("z = %s, %s, 0, %s, %s", f(3, (150 - mu) / sd), f(3, (160 - mu) / sd), f(3, (180 - mu) / sd),
	                         f(3, (190 - mu) / sd)));
}

/* ==== networks ========================================================== */

static void
networks(void)
{
	/* XOR by the hand-set ReLU network */
	int good = 1;
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 2; b++) {
			double h1 = fmax(0, a + b), h2 = fmax(0, a + b - 1);
			good &= (h1 - 2 * h2) == (double)(a ^ b);
		}
	ok(good, "multilayer-perceptron: the hand-set network computes XOR");
	good = 1;
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 2; b++)
			good &= ((a + b - 1.5) > 0) == (a && b);
	ok(good, "perceptron: w = (1, 1), b = -1.5 computes AND");

	has("cnn", W("(1·1 + 2·0 + 3·(−1), 2·1 + 3·0 + 4·(−1)) = (%s, %s)", f(0, 1 - 3.0), f(0, 2 - 4.0)));
	has("cnn", W("8·(9 + 1) = %d parameters", 8 * (9 + 1)));
	has("cnn", W("144·800 + 800 = %s", grouped(144 * 800 + 800)));
	has("cnn", W("output 8 maps of %d×%d", 12 - 3 + 1, 12 - 3 + 1));

	double h = 0, hs[3];
	double in[3] = {1, 0, 0};
	for (int t = 0; t < 3; t++)
		hs[t] = h = tanh(0.5 * in[t] + 0.8 * h);
	has("rnn", W("h₁ = tanh(0.5)            = %s", f(4, hs[0])));
	has("rnn", W("h₂ = tanh(0.8 · %s)   = %s", f(4, hs[0]), f(4, hs[1])));
	has("rnn", W("h₃ = tanh(0.8 · %s)   = %s", f(4, hs[1]), f(4, hs[2])));

	double c = 0.9 * 2.0 + 0.5 * 0.6;
	has("lstm", W("c = 0.9·2.0 + 0.5·0.6 = %s,   h = 0.8·tanh(2.1) = 0.8·%s = %s", f(1, c), f(4, tanh(c)),
	              f(4, 0.8 * tanh(c))));
	has("lstm", W("0.9¹⁰ = %s", f(3, pow(0.9, 10))));
	has("lstm", W("with f = 0.99, %s", f(3, pow(0.99, 10))));

	double u = sqrt(0.5);
	has("autoencoder", W("x = (2, 2): code %s", f(4, (2 + 2) * u)));
	double code = (2 + 1) * u;
	has("autoencoder", W("x = (2, 1): code %s, x̂ = (%s, %s), error 0.5² + 0.5² = %s", f(4, code), f(1, code * u),
	                     f(1, code * u), f(1, pow(2 - code * u, 2) + pow(1 - code * u, 2))));

	has("gan", W("L_D = −ln 0.9 − ln 0.8 = %s + %s = %s", f(4, -log(0.9)), f(4, -log(0.8)), f(4, -log(0.9) - log(0.8))));
	has("gan", W("L_G = −ln 0.2 = %s", f(4, -log(0.2))));
	has("gan", W("2·ln 2 = %s", f(4, 2 * log(2))));
	has("gnn", W("mean(1, 3, 5) = %s,   h_A′ = relu(0.5·3) = %s", f(0, 3), f(1, 1.5)));
	has("deep-belief-network", W("E(1, 1) = −0.5 + 0.2 − 1.0 = %s", f(1, -0.5 + 0.2 - 1.0)));
	has("deep-belief-network", W("σ(0.8) = %s", f(4, sig(0.8))));

	long d = 512, ff = 2048;
	long att = 4 * d * d + 4 * d, ffn = d * ff + ff + ff * d + d, ln = 2 * 2 * d;
	has("transformer", W("attention: 4·512² + 4·512 = %s", grouped(att)));
	has("transformer", W("FFN:       512·2048 + 2048 + 2048·512 + 512 = %s", grouped(ffn)));
	has("transformer", W("two layer norms: 2·2·512 = %s", grouped(ln)));
	has("transformer", W("in all %s per block", grouped(att + ffn + ln)));
	ok(fabs((double)ffn / (att + ffn + ln) - 2.0 / 3) < 0.01, "transformer: the feed-forward part is two thirds");
	has("residual-connection", W("0.8²⁰ = %s", f(4, pow(0.8, 20))));
	has("multi-head-attention", W("4 · 512² = %s", grouped(4 * 512 * 512)));
}

/* ==== language ========================================================== */

/* byte pair encoding: merge the most frequent adjacent pair n times */
static size_t
bpe_len(const char *text, int merges)
{
	int seq[64], n = 0, next = 256;
	for (const char *p = text; *p; p++)
		seq[n++] = (unsigned char)*p;
	for (int m = 0; m < merges; m++) {
		int best = 0, ba = 0, bb = 0;
		for (int i = 0; i + 1 < n; i++) {
			int count = 0;
			for (int j = 0; j + 1 < n; j++)
				if (seq[j] == seq[i] && seq[j + 1] == seq[i + 1]) {
					count++;
					j++;  /* non-overlapping */
				}
			if (count > best) {
				best = count;
				ba = seq[i];
				bb = seq[i + 1];
			}
		}
		int o = 0;
		for (int i = 0; i < n; i++) {
			if (i + 1 < n && seq[i] == ba && seq[i + 1] == bb) {
				seq[o++] = next;
				i++;
			} else {
				seq[o++] = seq[i];
			}
		}
		n = o;
		next++;
	}
	return (size_t)n;
}

static void
language(void)
{
	has("token", W("characters: %zu tokens", strlen("the cat sat")));
	has("tokeniser", W("ZabdZabac   (%zu symbols)", bpe_len("aaabdaaabac", 1)));
	has("tokeniser", W("ZYdZYac     (%zu)", bpe_len("aaabdaaabac", 2)));
	has("tokeniser", W("XdXac       (%zu)", bpe_len("aaabdaaabac", 3)));
	has("vocabulary", W("50,257 × 768 = %s parameters", grouped(50257L * 768)));
	has("vocabulary-expansion", W("18,000 × 4096 = %s", grouped(18000L * 4096)));
	double e2[3] = {1, 2, 0}, e3[3] = {2, 3, 1};
	double dot = 0, n2 = 0, n3 = 0;
	for (int i = 0; i < 3; i++) {
		dot += e2[i] * e3[i];
		n2 += e2[i] * e2[i];
		n3 += e3[i] * e3[i];
	}
	has("embedding", W("(2 + 6 + 0) / (√5 · √14) = %s / %s = %s", f(0, dot), f(4, sqrt(n2 * n3)),
	                   f(4, dot / sqrt(n2 * n3))));
	double ca = (1 * 2 + 2 * 0 + 2 * 1) / (3 * sqrt(5));
	has("cosine-similarity", W("‖b‖ = √5 = %s", f(4, sqrt(5))));
	has("cosine-similarity", W("cos(a, b) = 4 / %s = %s   (an angle of about %s°)", f(4, 3 * sqrt(5)), f(4, ca),
	                           f(1, acos(ca) * 180 / M_PI)));
	has("dense-vector", W("√2 = %s", f(4, sqrt(2))));

	double pj = 0.05 * 0.01 * 0.2, nll = -log(pj) / 3;
	has("language-model", W("= %s", f(4, pj)));
	has("language-model", W("= −ln(0.0001)/3 = %s per token", f(4, nll)));
	has("language-model", W("perplexity = e^%s = %s", f(4, nll), f(2, exp(nll))));

	double ps[4] = {0.5, 0.25, 0.125, 0.5}, mean = 0;
	for (int i = 0; i < 4; i++)
		mean += -log(ps[i]) / 4;
	has("perplexity", W("−ln p = %s, %s, %s, %s;  mean %s", f(4, -log(ps[0])), f(4, -log(ps[1])), f(4, -log(ps[2])),
	                    f(4, -log(ps[3])), f(4, mean)));
	has("perplexity", W("PPL = e^%s = %s", f(4, mean), f(3, exp(mean))));
	has("perplexity", W("= %s^(1/4)", f(0, 1 / (0.5 * 0.25 * 0.125 * 0.5))));
	ok(fabs(pow(128, 0.25) - exp(mean)) < 1e-12, "perplexity: both forms agree");

	/* self-attention by hand */
	double Q[2][2] = {{1, 0}, {0, 1}}, K[2][2] = {{1, 0}, {1, 1}}, V[2][2] = {{1, 2}, {3, 4}};
	double S[2][2], Wt[2][2], Z[2][2];
	for (int i = 0; i < 2; i++) {
		for (int j = 0; j < 2; j++)
			S[i][j] = (Q[i][0] * K[j][0] + Q[i][1] * K[j][1]) / sqrt(2);
		softmax(S[i], 2, 1, Wt[i]);
		for (int c = 0; c < 2; c++)
			Z[i][c] = Wt[i][0] * V[0][c] + Wt[i][1] * V[1][c];
	}
	has("self-attention", W("÷ √2 → [[%s, %s], [0, %s]]", f(4, S[0][0]), f(4, S[0][1]), f(4, S[1][1])));
	has("self-attention", W("softmax rows: [%s, %s] and [%s, %s]", f(1, Wt[0][0]), f(1, Wt[0][1]), f(4, Wt[1][0]),
	                        f(4, Wt[1][1])));
	has("self-attention", W("token 1 → (%s, %s),  token 2 → (%s, %s)", f(0, Z[0][0]), f(0, Z[0][1]), f(4, Z[1][0]),
	                        f(4, Z[1][1])));
	has("positional-encoding", W("i = 0: sin(1) = %s,    cos(1) = %s", f(4, sin(1)), f(4, cos(1))));
	has("positional-encoding", W("i = 1: sin(1/100) = %s, cos(1/100) = %s", f(4, sin(0.01)), f(4, cos(0.01))));
	double cz[2] = {2, 1}, cp[2];
	softmax(cz, 2, 1, cp);
	has("causal-mask", W("masked: (2, 1, −∞) → softmax (%s, %s, 0)", f(4, cp[0]), f(4, cp[1])));
	double tz[3] = {2, 1, 0}, tp[3];
	const double temps[3] = {0.5, 1, 2};
	const char *lab[3] = {"T = 0.5:  ", "T = 1:    ", "T = 2:    "};
	for (int k = 0; k < 3; k++) {
		softmax(tz, 3, temps[k], tp);
		has("temperature", W("%s(%s, %s, %s)", lab[k], f(4, tp[0]), f(4, tp[1]), f(4, tp[2])));
	}
}

/* ==== large models ====================================================== */

static void
large(void)
{
	double flops = 6 * 175e9 * 300e9;
	has("large-model", W("= %s·10²³ FLOPs", f(2, flops / 1e23)));
	has("pre-training", W("about %s·10²³ FLOPs", f(2, flops / 1e23)));
	has("pre-training", W("that is %s·10⁹ GPU-seconds, about %d GPU-years", f(2, flops / 1e14 / 1e9),
	                      (int)lround(flops / 1e14 / (365.25 * 86400) / 10) * 10));
	has("pre-training", W("in a 128-token sequence about %d tokens", (int)lround(0.15 * 128)));
	has("large-model", W("175·10⁹ × 2 bytes = %d GB", (int)(175e9 * 2 / 1e9)));
	has("small-model", W("%d MB in fp32, %d MB in fp16, %d MB in int8, %d MB in int4", (int)(1e8 * 4 / 1e6),
	                     (int)(1e8 * 2 / 1e6), (int)(1e8 / 1e6), (int)(1e8 / 2 / 1e6)));
	has("fine-tuning", W("7·10⁹ × 16 = %d GB", (int)(7e9 * 16 / 1e9)));
	has("fine-tuning", W("2 · 4096 · 8 = %s numbers instead of %s: %s%%", grouped(2 * 4096 * 8),
	                     grouped(4096L * 4096), f(2, 100.0 * 2 * 4096 * 8 / (4096.0 * 4096))));
	has("alignment", W("objective 2.0 − 0.1 · 5.0 = %s", f(1, 2.0 - 0.1 * 5.0)));
	has("rlhf", W("P(preferred wins) = σ(0.9) = %s,  L = −ln %s = %s", f(4, sig(0.9)), f(4, sig(0.9)),
	              f(4, -log(sig(0.9)))));

	/* symmetric int8 */
	double wq[4] = {0.4213, -1.27, 0.0331, 0.9062}, scale = 1.27 / 127;
	double q[4], err[4], worst = 0;
	for (int i = 0; i < 4; i++) {
		q[i] = nearbyint(wq[i] / scale);
		err[i] = fabs(q[i] * scale - wq[i]);
		if (err[i] > worst)
			worst = err[i];
	}
	has("quantisation", W("q = (%s, %s, %s, %s),   ŵ = (%s, %s, %s, %s)", f(0, q[0]), f(0, q[1]), f(0, q[2]),
	                      f(0, q[3]), f(2, q[0] * scale), f(2, q[1] * scale), f(2, q[2] * scale), f(2, q[3] * scale)));
	has("quantisation", W("errors (%s, %s, %s, %s)", f(4, err[0]), f(0, err[1]), f(4, err[2]), f(4, err[3])));
	ok(worst <= scale / 2, "quantisation: every error is at most scale/2");

	/* 0.1 in three formats */
	float tenth = 0.1f;
	uint32_t bits;
	memcpy(&bits, &tenth, 4);
	has("floating-point-format", W("fp32 0x%08X = %.15f", (unsigned)bits, (double)tenth));
	unsigned hb = half_bits(0.1);
	has("floating-point-format", W("fp16 0x%04X     = %.13f", hb, half_value(hb)));
	uint32_t bf = (bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16;
	uint32_t back = bf << 16;
	float bfv;
	memcpy(&bfv, &back, 4);
	has("floating-point-format", W("bf16 0x%04X     = %.11f", (unsigned)bf, (double)bfv));
	has("floating-point-format", W("overflows above %.0f", half_value(0x7BFF)));
	ok(half_bits(1e-8) == 0, "mixed-precision: 1e-8 becomes 0 in fp16");
	has("mixed-precision", W("smallest subnormal (%se-8)", f(2, ldexp(1.0, -24) * 1e8)));
	has("mixed-precision", W("stored in fp16 as about %se-5", f(3, half_value(half_bits(1.024e-5)) * 1e5)));

	double tl[3] = {3, 1, 0.2}, t1[3], t4[3];
	softmax(tl, 3, 1, t1);
	softmax(tl, 3, 4, t4);
	has("knowledge-distillation", W("T = 1: (%s, %s, %s)", f(4, t1[0]), f(4, t1[1]), f(4, t1[2])));
	has("knowledge-distillation", W("T = 4: (%s, %s, %s)", f(4, t4[0]), f(4, t4[1]), f(4, t4[2])));
	has("data-parallelism", W("2 · 7/8 · 3 GB = %s GB", f(2, 2 * 7.0 / 8 * 3)));
	has("distributed-training", W("7.5·10⁹ × 16 = %d GB", (int)(7.5e9 * 16 / 1e9)));
	has("distributed-training", W("120 / 64 = %s GB", f(3, 120.0 / 64)));

	double s = 2048, bsz = 1, hid = 4096, heads = 32, layers = 32;
	double per = s * bsz * hid * (34 + 5 * heads * s / hid);
	has("gpu-memory", W("= %s bytes", grouped((long long)per)));
	has("gpu-memory", W("32 layers: %s GB of activations; with recomputation %s GB", f(1, per * layers / 1e9),
	                    f(2, 2 * s * bsz * hid * layers / 1e9)));
	double notes_bert = 110e6 * 4 + (768.0 * 256 + 1.5 * (110e6 + 768.0 * 256));
	has("gpu-memory", W("it gives about %s GB", f(2, notes_bert / 1e9)));
	has("gpu-memory", W("take %d GB more", (int)lround(6.7e9 * 16 / 1e9)));
}

int
main(void)
{
	const char *src = getenv("top_srcdir");
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/glossary", src && src[0] ? src : "..");
	G = gloss_load(dir);
	ok(G->n >= 60 && G->nwarn == 0, "the glossary loads (%zu entries)", G->n);
	basics();
	learning();
	training();
	networks();
	language();
	large();
	gloss_free(G);
	return done_testing();
}
