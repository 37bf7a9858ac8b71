/* test-embed.c - word embeddings (core/embed.c): cosine similarity and
 * nearest neighbours on hand-set vectors, the PCA projection against
 * points of known structure and against a Jacobi eigen-decomposition
 * written here, and skip-gram training that pulls words of the same
 * contexts together, lowers its loss and repeats exactly from a seed.
 * Links libnncore.a and -lm only. */
#include <config.h>

#include "core/embed.h"
#include "core/rng.h"
#include "core/vocab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/tap.h"

/* An embedding over the words "a".."e" with vectors set by hand. */
static embed *
hand_embed(const float *vecs, int nw, int dim)
{
	vocab *v = vocab_new();
	char w[4] = "a";
	for (int i = 0; i < nw; i++) {
		w[0] = (char)('a' + i);
		vocab_add(v, w, 10 - i);
	}
	rng_t r;
	rng_init(&r, 1);
	embed *e = embed_new(v, dim, 2, 5, &r);
	memcpy(e->vin + dim, vecs, (size_t)nw * dim * sizeof(float));
	return e;
}

static void
test_similarity(void)
{
	const float vecs[] = {1, 0, 1, 1, -1, 0, 0, 0, 2, 0.5f};
	embed *e = hand_embed(vecs, 5, 2);
	close_enough(embed_cosine(e, 1, 2), 1 / sqrt(2.0), 1e-12, 0, "cosine((1,0), (1,1)) = 1/sqrt 2");
	close_enough(embed_cosine(e, 1, 3), -1, 1e-12, 0, "cosine((1,0), (-1,0)) = -1");
	close_enough(embed_cosine(e, 1, 4), 0, 0, 0, "cosine with the zero vector is 0");
	close_enough(embed_cosine(e, 1, 5), 2 / sqrt(4.25), 1e-12, 0, "cosine((1,0), (2,0.5)) = 2/sqrt 4.25");
	int ids[4];
	double sims[4];
	int n = embed_nearest(e, 1, 3, ids, sims);
	/* from a: e 0.970, b 0.707, d 0 (the zero vector), c -1 */
	ok(n == 3 && ids[0] == 5 && ids[1] == 2 && ids[2] == 4, "nearest to a: e, b, then the zero vector d");
	ok(sims[0] >= sims[1] && sims[1] >= sims[2], "similarities best first");
	n = embed_nearest(e, 4, 4, ids, sims);
	ok(n == 4 && ids[0] == 1 && ids[1] == 2 && ids[2] == 3 && ids[3] == 5,
	   "equal similarities (all 0) keep the lower id first");
	embed_free(e);
}

/* ==== PCA ================================================================ */

/* Jacobi rotations: the eigenvalues of the symmetric A [n][n] into ev
 * and its eigenvectors as the columns of Vm. */
static void
jacobi(double *A, int n, double *ev, double *Vm)
{
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			Vm[i * n + j] = i == j;
	for (int sweep = 0; sweep < 100; sweep++) {
		double off = 0;
		for (int p = 0; p < n; p++)
			for (int q = p + 1; q < n; q++)
				off += A[p * n + q] * A[p * n + q];
		if (off < 1e-30)
			break;
		for (int p = 0; p < n; p++)
			for (int q = p + 1; q < n; q++) {
				if (fabs(A[p * n + q]) < 1e-300)
					continue;
				double theta = (A[q * n + q] - A[p * n + p]) / (2 * A[p * n + q]);
				double t = (theta >= 0 ? 1 : -1) / (fabs(theta) + sqrt(theta * theta + 1));
				double c = 1 / sqrt(t * t + 1), s = t * c;
				for (int k = 0; k < n; k++) {
					double akp = A[k * n + p], akq = A[k * n + q];
					A[k * n + p] = c * akp - s * akq;
					A[k * n + q] = s * akp + c * akq;
				}
				for (int k = 0; k < n; k++) {
					double apk = A[p * n + k], aqk = A[q * n + k];
					A[p * n + k] = c * apk - s * aqk;
					A[q * n + k] = s * apk + c * aqk;
				}
				for (int k = 0; k < n; k++) {
					double vkp = Vm[k * n + p], vkq = Vm[k * n + q];
					Vm[k * n + p] = c * vkp - s * vkq;
					Vm[k * n + q] = s * vkp + c * vkq;
				}
			}
	}
	for (int i = 0; i < n; i++)
		ev[i] = A[i * n + i];
}

static void
test_pca_known(void)
{
	/* points a*u + b*v + c*w in 4-D with u, v, w orthonormal and the
	 * spreads 3 > 2 > 0.5: the components are u and v */
	const int n = 400, D = 4;
	const double u[4] = {0.5, 0.5, 0.5, 0.5}, v[4] = {0.5, -0.5, 0.5, -0.5}, w[4] = {0.5, 0.5, -0.5, -0.5};
	float *x = malloc((size_t)n * D * sizeof *x), *p = malloc((size_t)n * 2 * sizeof *p);
	double *a = malloc((size_t)n * sizeof *a), *b = malloc((size_t)n * sizeof *b);
	rng_t r;
	rng_init(&r, 3);
	double sa = 0, sb = 0, sc = 0;
	for (int i = 0; i < n; i++) {
		a[i] = 3 * rng_normal(&r);
		b[i] = 2 * rng_normal(&r);
		double c = 0.5 * rng_normal(&r);
		for (int k = 0; k < D; k++)
			x[i * D + k] = (float)(a[i] * u[k] + b[i] * v[k] + c * w[k] + 1.0);
	}
	/* the centred spreads along u, v, w of the points as stored */
	double mean[4] = {0};
	for (int i = 0; i < n; i++)
		for (int k = 0; k < D; k++)
			mean[k] += x[i * D + k] / (double)n;
	for (int i = 0; i < n; i++) {
		double pa = 0, pb = 0, pc = 0;
		for (int k = 0; k < D; k++) {
			pa += (x[i * D + k] - mean[k]) * u[k];
			pb += (x[i * D + k] - mean[k]) * v[k];
			pc += (x[i * D + k] - mean[k]) * w[k];
		}
		sa += pa * pa;
		sb += pb * pb;
		sc += pc * pc;
	}
	double frac[2];
	embed_pca2(x, n, D, p, frac);
	/* the components are u and v up to sign (and the slight mixing of a
	 * finite sample): the projections correlate with (x - mean).u and
	 * (x - mean).v almost perfectly */
	double s11 = 0, s22 = 0, s12 = 0, t11 = 0, t22 = 0, t12 = 0;
	for (int i = 0; i < n; i++) {
		double pa = 0, pb = 0;
		for (int k = 0; k < D; k++) {
			pa += (x[i * D + k] - mean[k]) * u[k];
			pb += (x[i * D + k] - mean[k]) * v[k];
		}
		s11 += pa * pa;
		s22 += (double)p[2 * i] * p[2 * i];
		s12 += pa * p[2 * i];
		t11 += pb * pb;
		t22 += (double)p[2 * i + 1] * p[2 * i + 1];
		t12 += pb * p[2 * i + 1];
	}
	double c1 = fabs(s12) / sqrt(s11 * s22), c2 = fabs(t12) / sqrt(t11 * t22);
	ok(c1 > 0.998 && c2 > 0.99, "PCA finds the directions of largest spread (correlations %.5f, %.5f)", c1, c2);
	double tot = sa + sb + sc;
	ok(fabs(frac[0] - sa / tot) < 0.01 && fabs(frac[1] - sb / tot) < 0.01,
	   "variance shares %.3f and %.3f (the spreads give %.3f and %.3f)", frac[0], frac[1], sa / tot, sb / tot);
	free(x);
	free(p);
	free(a);
	free(b);
}

static void
test_pca_jacobi(void)
{
	const int n = 60, D = 6;
	float x[60 * 6], p[60 * 2];
	rng_t r;
	rng_init(&r, 9);
	for (int i = 0; i < n * D; i++)
		x[i] = rng_uf(&r, -1, 1) * (float)(1 + (i % D));
	double frac[2];
	embed_pca2(x, n, D, p, frac);
	/* the covariance in double and its eigenvectors by Jacobi */
	double mean[6] = {0}, C[36] = {0}, ev[6], Vm[36];
	for (int i = 0; i < n; i++)
		for (int k = 0; k < D; k++)
			mean[k] += x[i * D + k] / n;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < D; j++)
			for (int k = 0; k < D; k++)
				C[j * D + k] += (x[i * D + j] - mean[j]) * (x[i * D + k] - mean[k]);
	double tr = 0;
	for (int k = 0; k < D; k++)
		tr += C[k * D + k];
	jacobi(C, D, ev, Vm);
	int i1 = 0, i2 = -1;
	for (int k = 1; k < D; k++)
		if (ev[k] > ev[i1])
			i1 = k;
	for (int k = 0; k < D; k++)
		if (k != i1 && (i2 < 0 || ev[k] > ev[i2]))
			i2 = k;
	ok(fabs(frac[0] - ev[i1] / tr) < 1e-6 && fabs(frac[1] - ev[i2] / tr) < 1e-6,
	   "variance shares match Jacobi's eigenvalues (%.6f, %.6f)", ev[i1] / tr, ev[i2] / tr);
	double worst = 0;
	for (int i = 0; i < n; i++) {
		double a = 0, b = 0;
		for (int k = 0; k < D; k++) {
			a += (x[i * D + k] - mean[k]) * Vm[k * D + i1];
			b += (x[i * D + k] - mean[k]) * Vm[k * D + i2];
		}
		worst = fmax(worst, fabs(fabs(p[2 * i]) - fabs(a)));
		worst = fmax(worst, fabs(fabs(p[2 * i + 1]) - fabs(b)));
	}
	ok(worst < 1e-4, "projections match Jacobi's eigenvectors up to sign (largest difference %.2g)", worst);
}

/* ==== training =========================================================== */

/* Two groups of words that never share a context: sentences of g1..g6
 * and sentences of h1..h6, alternating. */
static embed *
train_groups(uint64_t seed, double *first_loss, double *last_loss)
{
	char text[80000] = "";
	size_t len = 0;
	rng_t r;
	rng_init(&r, 42);
	for (int s = 0; s < 600; s++) {
		char g = s % 2 ? 'h' : 'g';
		for (int k = 0; k < 10; k++)
			len += (size_t)snprintf(text + len, sizeof text - len, "%c%d ", g, 1 + (int)rng_below(&r, 6));
		len += (size_t)snprintf(text + len, sizeof text - len, ". ");
	}
	wordseq ws;
	wordseq_split(&ws, text, len);
	vocab *v = vocab_build(&ws, 0, 1, 1);
	int *ids = malloc((size_t)ws.n * sizeof *ids);
	size_t n = 0;
	for (int i = 0; i < ws.n; i++)
		ids[n++] = ws.punct[i] ? EMBED_BREAK : vocab_find(v, ws.w[i]);
	wordseq_free(&ws);
	rng_init(&r, seed);
	embed *e = embed_new(v, 8, 2, 5, &r);
	embed_trainer tr;
	embed_trainer_init(&tr, e, ids, n, 10, 0.05, 0);
	int done, epoch_done, epochs = 0;
	do {
		done = embed_trainer_run(&tr, &r, 1000, &epoch_done);
		if (epoch_done && ++epochs == 1)
			*first_loss = e->last_loss;
	} while (!done);
	*last_loss = e->last_loss;
	embed_trainer_free(&tr);
	free(ids);
	return e;
}

static void
test_training(void)
{
	double l0, l1;
	embed *e = train_groups(5, &l0, &l1);
	ok(e->epochs == 10 && l1 < l0, "10 epochs; the loss fell from %.4f to %.4f", l0, l1);
	double within = 0, across = 0;
	int nw = 0, na = 0;
	for (int i = 1; i < e->voc->n; i++)
		for (int j = i + 1; j < e->voc->n; j++) {
			double s = embed_cosine(e, i, j);
			if (e->voc->word[i][0] == e->voc->word[j][0]) {
				within += s;
				nw++;
			} else {
				across += s;
				na++;
			}
		}
	within /= nw;
	across /= na;
	ok(within > across + 0.5, "words of the same contexts end up close: mean cosine %.3f within groups, %.3f across",
	   within, across);
	int ids[5];
	double sims[5];
	int g1 = vocab_find(e->voc, "g1");
	int n = embed_nearest(e, g1, 5, ids, sims);
	int all_g = n == 5;
	for (int k = 0; k < n; k++)
		all_g &= e->voc->word[ids[k]][0] == 'g';
	ok(all_g, "the 5 nearest words of g1 are g2..g6");
	double a, b;
	embed *e2 = train_groups(5, &a, &b);
	ok(embed_checksum(e) == embed_checksum(e2) && a == l0 && b == l1, "the same seed gives the same vectors");
	embed_free(e2);
	e2 = train_groups(6, &a, &b);
	ok(embed_checksum(e) != embed_checksum(e2), "another seed gives other vectors");
	embed_free(e2);
	embed_free(e);
}

int
main(void)
{
	test_similarity();
	test_pca_known();
	test_pca_jacobi();
	test_training();
	return done_testing();
}
