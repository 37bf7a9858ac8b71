/* test-attn.c - self-attention (core/attn.c) against a hand-computed
 * case and an independent double-precision implementation written here:
 * every intermediate, softmax rows summing to 1, masked entries exactly
 * 0, the backward pass by central differences, the same bits at every
 * SIMD level, the position encodings, and the toy task learning to
 * reverse (W4's reference values are checked by tests/seq-bench.sh).
 * Links libnncore.a and -lm only. */
#include <config.h>

#include "core/attn.h"
#include "core/kern.h"
#include "core/rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tests/tap.h"

/* ==== the independent implementation ==================================== */

/* Everything in double from float inputs, the textbook way: per head,
 * q.k sums, exp/sum softmax with libm. */
typedef struct ref {
	int T, d, h, dk, causal;
	double *Q, *K, *V, *S, *Sc, *A, *Z;
} ref;

static void
ref_forward(ref *r, const float *X, const float *Wq, const float *Wk, const float *Wv)
{
	int T = r->T, d = r->d;
	for (int i = 0; i < T; i++)
		for (int j = 0; j < d; j++) {
			double q = 0, k = 0, v = 0;
			for (int m = 0; m < d; m++) {
				q += (double)X[i * d + m] * Wq[m * d + j];
				k += (double)X[i * d + m] * Wk[m * d + j];
				v += (double)X[i * d + m] * Wv[m * d + j];
			}
			r->Q[i * d + j] = q;
			r->K[i * d + j] = k;
			r->V[i * d + j] = v;
		}
	for (int h = 0; h < r->h; h++) {
		double *S = r->S + h * T * T, *Sc = r->Sc + h * T * T, *A = r->A + h * T * T;
		for (int i = 0; i < T; i++) {
			double mx = -INFINITY, sum = 0;
			for (int j = 0; j < T; j++) {
				double s = 0;
				for (int m = 0; m < r->dk; m++)
					s += r->Q[i * d + h * r->dk + m] * r->K[j * d + h * r->dk + m];
				S[i * T + j] = s;
				Sc[i * T + j] = (r->causal && j > i) ? -INFINITY : s / sqrt((double)r->dk);
				if (Sc[i * T + j] > mx)
					mx = Sc[i * T + j];
			}
			for (int j = 0; j < T; j++)
				sum += exp(Sc[i * T + j] - mx);
			for (int j = 0; j < T; j++)
				A[i * T + j] = exp(Sc[i * T + j] - mx) / sum;
		}
		for (int i = 0; i < T; i++)
			for (int m = 0; m < r->dk; m++) {
				double z = 0;
				for (int j = 0; j < T; j++)
					z += A[i * T + j] * r->V[j * d + h * r->dk + m];
				r->Z[i * d + h * r->dk + m] = z;
			}
	}
}

static void
ref_init(ref *r, int T, int d, int h, int causal)
{
	r->T = T;
	r->d = d;
	r->h = h;
	r->dk = d / h;
	r->causal = causal;
	r->Q = calloc((size_t)T * d, sizeof(double));
	r->K = calloc((size_t)T * d, sizeof(double));
	r->V = calloc((size_t)T * d, sizeof(double));
	r->Z = calloc((size_t)T * d, sizeof(double));
	r->S = calloc((size_t)h * T * T, sizeof(double));
	r->Sc = calloc((size_t)h * T * T, sizeof(double));
	r->A = calloc((size_t)h * T * T, sizeof(double));
}

static void
ref_free(ref *r)
{
	free(r->Q);
	free(r->K);
	free(r->V);
	free(r->Z);
	free(r->S);
	free(r->Sc);
	free(r->A);
}

/* The largest relative difference |a - b| / max(1, |b|) over n entries
 * (infinities must match exactly). */
static double
maxdiff(const float *a, const double *b, size_t n)
{
	double worst = 0;
	for (size_t i = 0; i < n; i++) {
		if (isinf(b[i]) || isinf(a[i])) {
			if ((double)a[i] != b[i])
				return INFINITY;
			continue;
		}
		double d = fabs(a[i] - b[i]) / (fabs(b[i]) > 1 ? fabs(b[i]) : 1);
		if (d > worst)
			worst = d;
	}
	return worst;
}

static void
fill(float *v, size_t n, rng_t *r, double a)
{
	for (size_t i = 0; i < n; i++)
		v[i] = rng_uf(r, -a, a);
}

/* ==== a hand-computed case ============================================= */

static void
test_hand(void)
{
	/* T = 2, d = 2, one head; X = [[1, 0], [0, 2]], Wq = Wk = Wv = I.
	 * Q = K = V = X; scores = X X^T = [[1, 0], [0, 4]];
	 * scaled = scores / sqrt 2 = [[0.70710678, 0], [0, 2.82842712]];
	 * row 0: e^0.70710678 = 2.02811498, so the weights are
	 *   2.02811498 / 3.02811498 = 0.66976155 and 1 / 3.02811498 = 0.33023845;
	 * row 1: e^2.82842712 = 16.9188287: 1 / 17.9188287 = 0.05580722 and
	 *   16.9188287 / 17.9188287 = 0.94419278;
	 * Z = weights.V: row 0 = (0.66976155, 2 * 0.33023845 = 0.66047690),
	 *   row 1 = (0.05580722, 2 * 0.94419278 = 1.88838556). */
	const float X[] = {1, 0, 0, 2}, I[] = {1, 0, 0, 1};
	attn_shape sh;
	attn_shape_set(&sh, 2, 2, 1, 0);
	attn_cache c;
	attn_cache_init(&c, &sh);
	attn_forward(&c, X, I, I, I);
	const double S[] = {1, 0, 0, 4}, Sc[] = {0.70710678, 0, 0, 2.82842712};
	const double A[] = {0.66976155, 0.33023845, 0.05580722, 0.94419278};
	const double Z[] = {0.66976155, 0.66047690, 0.05580722, 1.88838556};
	ok(maxdiff(c.scores, S, 4) < 1e-7, "hand case: scores = Q.K^T");
	ok(maxdiff(c.scaled, Sc, 4) < 1e-6, "hand case: scaled = scores / sqrt(2)");
	ok(maxdiff(c.weights, A, 4) < 1e-6, "hand case: softmax weights");
	ok(maxdiff(c.Z, Z, 4) < 1e-6, "hand case: Z = weights.V");
	attn_cache_free(&c);

	/* the same with the causal mask: row 0 sees only itself */
	attn_shape_set(&sh, 2, 2, 1, 1);
	attn_cache_init(&c, &sh);
	attn_forward(&c, X, I, I, I);
	ok(c.weights[0] == 1.0f && c.weights[1] == 0.0f, "hand case, causal: row 0 is (1, 0) exactly");
	ok(isinf(c.scaled[1]) && c.scaled[1] < 0, "hand case, causal: the masked score is -inf");
	ok(fabs(c.weights[2] - 0.05580722) < 1e-6 && fabs(c.weights[3] - 0.94419278) < 1e-6,
	   "hand case, causal: row 1 unchanged");
	attn_cache_free(&c);
}

/* ==== against the independent implementation ============================= */

static void
test_against_ref(int T, int d, int heads, int causal, uint64_t seed)
{
	rng_t r;
	rng_init(&r, seed);
	float *X = malloc((size_t)T * d * sizeof *X), *W = malloc(3 * (size_t)d * d * sizeof *W);
	fill(X, (size_t)T * d, &r, 1.0);
	fill(W, 3 * (size_t)d * d, &r, 0.5);
	attn_shape sh;
	attn_shape_set(&sh, T, d, heads, causal);
	attn_cache c;
	attn_cache_init(&c, &sh);
	attn_forward(&c, X, W, W + d * d, W + 2 * d * d);
	ref rf;
	ref_init(&rf, T, d, heads, causal);
	ref_forward(&rf, X, W, W + d * d, W + 2 * d * d);
	size_t td = (size_t)T * d, htt = (size_t)heads * T * T;
	char name[80];
	snprintf(name, sizeof name, "T=%d d=%d heads=%d%s", T, d, heads, causal ? " causal" : "");
	double dq = maxdiff(c.Q, rf.Q, td), dk = maxdiff(c.K, rf.K, td), dv = maxdiff(c.V, rf.V, td);
	ok(dq < 1e-5 && dk < 1e-5 && dv < 1e-5, "%s: Q, K, V match (largest difference %.2g)", name,
	   fmax(dq, fmax(dk, dv)));
	double ds = maxdiff(c.scores, rf.S, htt), dsc = maxdiff(c.scaled, rf.Sc, htt);
	ok(ds < 1e-5 && dsc < 1e-5, "%s: scores and scaled match (%.2g)", name, fmax(ds, dsc));
	double da = maxdiff(c.weights, rf.A, htt);
	ok(da < 1e-5, "%s: weights match (%.2g)", name, da);
	double dz = maxdiff(c.Z, rf.Z, td);
	ok(dz < 1e-5, "%s: Z matches (%.2g)", name, dz);
	/* every row sums to 1; masked entries are exactly 0 */
	double worst = 0;
	int masked_ok = 1, positive = 1;
	for (int h = 0; h < heads; h++)
		for (int i = 0; i < T; i++) {
			double s = 0;
			for (int j = 0; j < T; j++) {
				float w = c.weights[(size_t)h * T * T + (size_t)i * T + j];
				s += w;
				if (causal && j > i)
					masked_ok &= w == 0.0f;
				else
					positive &= w > 0.0f;
			}
			if (fabs(s - 1) > worst)
				worst = fabs(s - 1);
		}
	ok(worst < 1e-6, "%s: every row of weights sums to 1 (worst %.2g)", name, worst);
	ok(positive, "%s: every visible weight is positive", name);
	if (causal)
		ok(masked_ok, "%s: every masked weight is exactly 0", name);
	ref_free(&rf);
	attn_cache_free(&c);
	free(X);
	free(W);
}

/* ==== the backward pass ================================================== */

/* loss = sum of R (.) Z, in double through the independent forward. */
static double
ref_loss(int T, int d, int heads, int causal, const float *X, const float *W, const double *R)
{
	ref rf;
	ref_init(&rf, T, d, heads, causal);
	ref_forward(&rf, X, W, W + d * d, W + 2 * d * d);
	double l = 0;
	for (int i = 0; i < T * d; i++)
		l += R[i] * rf.Z[i];
	ref_free(&rf);
	return l;
}

/* The largest relative difference between the analytic gradient g [n]
 * of the loss with respect to p [n] (p is X or W) and central
 * differences of ref_loss. */
static double
numgrad_worst(float *p, size_t n, const float *g, int T, int d, int heads, int causal, const float *X,
              const float *W, const double *R)
{
	const float eps = 1e-3f;
	double worst = 0;
	for (size_t i = 0; i < n; i++) {
		float keep = p[i];
		p[i] = keep + eps;
		double up = ref_loss(T, d, heads, causal, X, W, R);
		p[i] = keep - eps;
		double dn = ref_loss(T, d, heads, causal, X, W, R);
		p[i] = keep;
		double num = (up - dn) / ((double)(keep + eps) - (double)(keep - eps));
		worst = fmax(worst, fabs(num - g[i]) / fmax(1.0, fabs(num)));
	}
	return worst;
}

static void
test_backward(int T, int d, int heads, int causal)
{
	rng_t r;
	rng_init(&r, 99);
	float *X = malloc((size_t)T * d * sizeof *X), *W = malloc(3 * (size_t)d * d * sizeof *W);
	fill(X, (size_t)T * d, &r, 1.0);
	fill(W, 3 * (size_t)d * d, &r, 0.5);
	double *R = malloc((size_t)T * d * sizeof *R);
	float *dZ = malloc((size_t)T * d * sizeof *dZ);
	for (int i = 0; i < T * d; i++) {
		dZ[i] = rng_uf(&r, -1, 1);
		R[i] = dZ[i];
	}
	attn_shape sh;
	attn_shape_set(&sh, T, d, heads, causal);
	attn_cache c;
	attn_cache_init(&c, &sh);
	attn_forward(&c, X, W, W + d * d, W + 2 * d * d);
	float *dX = calloc((size_t)T * d, sizeof *dX), *dW = calloc(3 * (size_t)d * d, sizeof *dW);
	float *scratch = malloc(attn_scratch_len(&sh) * sizeof *scratch);
	attn_backward(&c, X, W, W + d * d, W + 2 * d * d, dZ, dX, dW, dW + d * d, dW + 2 * d * d, scratch);
	/* central differences of the double loss, on the float inputs */
	double worst_x = numgrad_worst(X, (size_t)T * d, dX, T, d, heads, causal, X, W, R);
	double worst_w = numgrad_worst(W, 3 * (size_t)d * d, dW, T, d, heads, causal, X, W, R);
	ok(worst_x < 1e-4, "gradient check T=%d d=%d heads=%d%s: dX (worst %.2g)", T, d, heads,
	   causal ? " causal" : "", worst_x);
	ok(worst_w < 1e-4, "gradient check T=%d d=%d heads=%d%s: dWq, dWk, dWv (worst %.2g)", T, d, heads,
	   causal ? " causal" : "", worst_w);
	attn_cache_free(&c);
	free(X);
	free(W);
	free(R);
	free(dZ);
	free(dX);
	free(dW);
	free(scratch);
}

/* ==== the same bits at every SIMD level ================================== */

static void
test_simd_identity(void)
{
	int T = 13, d = 24;
	rng_t r;
	rng_init(&r, 5);
	float *X = malloc((size_t)T * d * sizeof *X), *W = malloc(3 * (size_t)d * d * sizeof *W);
	fill(X, (size_t)T * d, &r, 1.0);
	fill(W, 3 * (size_t)d * d, &r, 0.5);
	attn_shape sh;
	attn_shape_set(&sh, T, d, 3, 1);
	attn_cache base, c;
	attn_cache_init(&base, &sh);
	attn_cache_init(&c, &sh);
	int best = kern_best_level();
	kern_set_level(KERN_SCALAR);
	attn_forward(&base, X, W, W + d * d, W + 2 * d * d);
	for (int lv = KERN_AVX2; lv <= best; lv++) {
		kern_set_level(lv);
		attn_forward(&c, X, W, W + d * d, W + 2 * d * d);
		int same = memcmp(base.Z, c.Z, (size_t)T * d * sizeof(float)) == 0 &&
		           memcmp(base.weights, c.weights, (size_t)3 * T * T * sizeof(float)) == 0;
		ok(same, "attention at level %s gives the scalar path's bits", kern_level_name(lv));
	}
	if (best == KERN_SCALAR)
		ok(1, "# SKIP no SIMD level on this machine to compare");
	kern_set_level(best);
	attn_cache_free(&base);
	attn_cache_free(&c);
	free(X);
	free(W);
}

/* ==== position encodings ================================================= */

static void
test_posenc(void)
{
	float pe[5 * 6];
	attn_posenc(pe, 5, 6);
	close_enough(pe[0 * 6 + 0], 0.0, 0, 0, "pe[0][0] = sin 0");
	close_enough(pe[0 * 6 + 1], 1.0, 0, 0, "pe[0][1] = cos 0");
	close_enough(pe[1 * 6 + 0], sin(1.0), 1e-7, 0, "pe[1][0] = sin 1");
	close_enough(pe[1 * 6 + 1], cos(1.0), 1e-7, 0, "pe[1][1] = cos 1");
	close_enough(pe[3 * 6 + 2], sin(3.0 / pow(10000.0, 2.0 / 6)), 1e-7, 0, "pe[3][2] = sin(3 / 10000^(2/6))");
	close_enough(pe[4 * 6 + 5], cos(4.0 / pow(10000.0, 4.0 / 6)), 1e-7, 0, "pe[4][5] = cos(4 / 10000^(4/6))");
}

/* ==== shapes ============================================================= */

static void
test_shapes(void)
{
	attn_shape sh;
	ok(attn_shape_set(&sh, 4, 10, 4, 0) < 0, "d=10 with 4 heads is refused");
	ok(attn_shape_set(&sh, 4, 12, 4, 0) == 0 && sh.dk == 3, "d=12 with 4 heads gives d_k = 3");
	ok(attn_shape_set(&sh, 0, 8, 1, 0) < 0, "no tokens is refused");
	ok(attn_shape_set(&sh, ATTN_MAX_T + 1, 8, 1, 0) < 0, "too many tokens is refused");
}

/* ==== the toy task ======================================================= */

static void
test_toy(void)
{
	rng_t r;
	rng_init(&r, 7);
	attn_toy *t = attn_toy_new(ATTN_TASK_REVERSE, 5, 4, 8, 3, 0.01, &r);
	/* gradient check of the whole model on a few sequences */
	int seqs[3 * 4];
	for (int i = 0; i < 12; i++)
		seqs[i] = (int)rng_below(&r, 5);
	attn_toy_loss_grad(t, seqs, 3);
	float *g = malloc(t->n_params * sizeof *g);
	memcpy(g, t->grads, t->n_params * sizeof *g);
	double worst = 0;
	const float eps = 1e-2f;
	for (size_t i = 0; i < t->n_params; i += 3) {
		float keep = t->params[i];
		t->params[i] = keep + eps;
		double up = attn_toy_loss_grad(t, seqs, 3);
		t->params[i] = keep - eps;
		double dn = attn_toy_loss_grad(t, seqs, 3);
		t->params[i] = keep;
		double num = (up - dn) / ((double)(keep + eps) - (double)(keep - eps));
		worst = fmax(worst, fabs(num - g[i]) / fmax(1e-2, fabs(num) + fabs(g[i])));
	}
	ok(worst < 2e-2, "toy model: gradients match central differences (worst relative %.2g)", worst);
	free(g);
	attn_toy_free(t);

	/* reversing 6 symbols of 8: learned in 300 steps */
	rng_init(&r, 0);
	t = attn_toy_new(ATTN_TASK_REVERSE, 8, 6, 16, 16, 0.01, &r);
	for (int s = 0; s < 300; s++)
		attn_toy_step(t, &r);
	long good = 0;
	double on = 0;
	for (int k = 0; k < 100; k++) {
		int seq[6], c;
		for (int i = 0; i < 6; i++)
			seq[i] = (int)rng_below(&r, 8);
		attn_toy_eval(t, seq, &c);
		good += c;
		for (int i = 0; i < 6; i++)
			on += t->cache.weights[i * 6 + (5 - i)];
	}
	ok(good >= 594, "toy reverse task: %ld of 600 positions right after 300 steps (want >= 99%%)", good);
	ok(on / 600 > 0.5, "toy reverse task: %.3f of each row's weight on the mirrored position (want > 0.5)",
	   on / 600);
	attn_toy_free(t);
}

int
main(void)
{
	test_hand();
	test_against_ref(5, 8, 1, 0, 1);
	test_against_ref(5, 8, 2, 1, 2);
	test_against_ref(7, 12, 3, 0, 3);
	test_against_ref(1, 4, 1, 1, 4);
	test_backward(4, 6, 1, 0);
	test_backward(5, 6, 2, 1);
	test_simd_identity();
	test_posenc();
	test_shapes();
	test_toy();
	return done_testing();
}
