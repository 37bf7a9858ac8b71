/* embed.c - skip-gram with negative sampling, similarity and the PCA
 * projection (see embed.h).  Sigmoids go through vmath.h and losses
 * through nn_log, so a seed gives the same vectors on every machine. */
#include <config.h>

#include "core/embed.h"
#include "core/alloc.h"
#include "core/flat.h"
#include "core/vmath.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

embed *
embed_new(vocab *voc, int dim, int window, int negative, rng_t *r)
{
	embed *e = xcalloc(1, sizeof *e);
	int N = voc->n;
	e->voc = voc;
	e->dim = dim;
	e->window = window;
	e->negative = negative;
	e->vin = xcalloc((size_t)N * dim, sizeof(float));
	e->vout = xcalloc((size_t)N * dim, sizeof(float));
	for (size_t i = (size_t)dim; i < (size_t)N * dim; i++)
		e->vin[i] = rng_uf(r, -0.5 / dim, 0.5 / dim);
	/* the noise distribution: count^0.75, [UNK] excluded */
	e->cum = xcalloc((size_t)N, sizeof(double));
	double acc = 0.0;
	for (int w = 1; w < N; w++) {
		acc += pow((double)voc->count[w], 0.75);
		e->cum[w] = acc;
	}
	for (int w = 1; w < N; w++)
		e->cum[w] /= acc > 0 ? acc : 1.0;
	return e;
}

void
embed_free(embed *e)
{
	if (!e)
		return;
	vocab_free(e->voc);
	free(e->vin);
	free(e->vout);
	free(e->cum);
	free(e);
}

uint64_t
embed_checksum(const embed *e)
{
	size_t n = (size_t)e->voc->n * e->dim;
	uint64_t h = flat_checksum(FLAT_CHECKSUM_INIT, e->vin, n);
	return flat_checksum(h, e->vout, n);
}

/* A word drawn from the noise distribution: the first w with cum[w] > u. */
static int
noise_word(const embed *e, rng_t *r)
{
	double u = rng_uniform(r);
	int lo = 1, hi = e->voc->n - 1;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (e->cum[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* ==== training ========================================================== */

void
embed_trainer_init(embed_trainer *tr, embed *e, const int *ids, size_t n, long epochs, double lr,
                   double sample)
{
	memset(tr, 0, sizeof *tr);
	tr->e = e;
	tr->ids = xmalloc((n ? n : 1) * sizeof(int));
	memcpy(tr->ids, ids, n * sizeof(int));
	tr->n = n;
	tr->kept = xmalloc((n ? n : 1) * sizeof(int));
	tr->nkept = 0;
	tr->epochs = epochs;
	tr->lr0 = lr;
	tr->grad = xmalloc((size_t)e->dim * sizeof(float));
	/* word2vec's subsampling: keep w with (sqrt(f/t) + 1) t / f */
	int N = e->voc->n;
	long total = 0;
	for (int w = 1; w < N; w++)
		total += e->voc->count[w];
	tr->keep_p = xmalloc((size_t)N * sizeof(double));
	tr->keep_p[0] = 0.0;
	for (int w = 1; w < N; w++) {
		double f = total > 0 ? (double)e->voc->count[w] / (double)total : 1.0;
		double p = f > 0 && sample > 0 ? (sqrt(f / sample) + 1.0) * sample / f : 1.0;
		tr->keep_p[w] = p < 1.0 ? p : 1.0;
	}
	tr->pos = 0;
	tr->epoch = 0;
}

void
embed_trainer_free(embed_trainer *tr)
{
	free(tr->ids);
	free(tr->kept);
	free(tr->keep_p);
	free(tr->grad);
	memset(tr, 0, sizeof *tr);
}

double
embed_trainer_progress(const embed_trainer *tr)
{
	if (tr->epochs <= 0)
		return 1.0;
	double in_epoch = tr->nkept ? (double)tr->pos / (double)tr->nkept : 0.0;
	double p = ((double)tr->epoch + in_epoch) / (double)tr->epochs;
	return p < 1.0 ? p : 1.0;
}

/* One pair: centre c predicts o (label 1) and the negatives (label 0). */
static void
train_pair(embed_trainer *tr, int c, int o, double lr, rng_t *r)
{
	embed *e = tr->e;
	int D = e->dim;
	float *vc = e->vin + (size_t)c * D;
	float *g = tr->grad;
	memset(g, 0, (size_t)D * sizeof(float));
	float flr = (float)lr;
	for (int k = 0; k <= e->negative; k++) {
		int target = o, label = 1;
		if (k > 0) {
			target = noise_word(e, r);
			if (target == o)
				continue;
			label = 0;
		}
		float *u = e->vout + (size_t)target * D;
		float dot = 0.0f;
		for (int i = 0; i < D; i++)
			dot += vc[i] * u[i];
		float s = vm_sigmoidf(dot);
		/* -log sigmoid(dot) for the pair, -log sigmoid(-dot) = -log(1 - s) for a negative */
		double p = label ? (double)s : 1.0 - (double)s;
		tr->loss_sum -= nn_log(p > 1e-300 ? p : 1e-300);
		float step = flr * ((float)label - s);
		for (int i = 0; i < D; i++) {
			g[i] += step * u[i];
			u[i] += step * vc[i];
		}
	}
	for (int i = 0; i < D; i++)
		vc[i] += g[i];
	tr->loss_n++;
	e->pairs++;
}

static void
start_epoch(embed_trainer *tr, rng_t *r)
{
	tr->nkept = 0;
	for (size_t i = 0; i < tr->n; i++) {
		int w = tr->ids[i];
		if (w == EMBED_BREAK) {
			/* one break between sentences that kept a word */
			if (tr->nkept && tr->kept[tr->nkept - 1] != EMBED_BREAK)
				tr->kept[tr->nkept++] = EMBED_BREAK;
		} else if (rng_uniform(r) < tr->keep_p[w]) {
			tr->kept[tr->nkept++] = w;
		}
	}
	tr->pos = 0;
	tr->loss_sum = 0.0;
	tr->loss_n = 0;
}

int
embed_trainer_run(embed_trainer *tr, rng_t *r, long max_centres, int *epoch_done)
{
	embed *e = tr->e;
	*epoch_done = 0;
	if (tr->epoch >= tr->epochs)
		return 1;
	if (!tr->started) {
		start_epoch(tr, r);
		tr->started = 1;
	}
	for (long done = 0; done < max_centres; done++) {
		if (tr->pos >= tr->nkept) {
			e->last_loss = tr->loss_n ? tr->loss_sum / (double)tr->loss_n : 0.0;
			e->epochs++;
			tr->epoch++;
			*epoch_done = 1;
			if (tr->epoch >= tr->epochs)
				return 1;
			start_epoch(tr, r);
			return 0;
		}
		double lr = tr->lr0 * (1.0 - embed_trainer_progress(tr));
		if (lr < tr->lr0 * 1e-4)
			lr = tr->lr0 * 1e-4;
		size_t i = tr->pos++;
		int c = tr->kept[i];
		if (c == EMBED_BREAK)
			continue;
		/* the words before, then after, up to a sentence break */
		for (size_t k = 1; k <= (size_t)e->window && k <= i && tr->kept[i - k] != EMBED_BREAK; k++)
			train_pair(tr, c, tr->kept[i - k], lr, r);
		for (size_t k = 1; k <= (size_t)e->window && i + k < tr->nkept && tr->kept[i + k] != EMBED_BREAK; k++)
			train_pair(tr, c, tr->kept[i + k], lr, r);
	}
	return 0;
}

/* ==== similarity ========================================================= */

double
embed_cosine(const embed *e, int a, int b)
{
	const float *x = e->vin + (size_t)a * e->dim, *y = e->vin + (size_t)b * e->dim;
	double xy = 0, xx = 0, yy = 0;
	for (int i = 0; i < e->dim; i++) {
		xy += (double)x[i] * y[i];
		xx += (double)x[i] * x[i];
		yy += (double)y[i] * y[i];
	}
	if (xx == 0 || yy == 0)
		return 0.0;
	return xy / (sqrt(xx) * sqrt(yy));
}

int
embed_nearest(const embed *e, int w, int k, int *ids, double *sims)
{
	int n = 0;
	for (int c = 1; c < e->voc->n; c++) {
		if (c == w)
			continue;
		double s = embed_cosine(e, w, c);
		/* insertion into the sorted top list; equal similarity keeps
		 * the lower id first */
		int pos = n;
		while (pos > 0 && sims[pos - 1] < s)
			pos--;
		if (pos >= k)
			continue;
		int last = n < k ? n : k - 1;
		for (int q = last; q > pos; q--) {
			ids[q] = ids[q - 1];
			sims[q] = sims[q - 1];
		}
		ids[pos] = c;
		sims[pos] = s;
		if (n < k)
			n++;
	}
	return n;
}

/* ==== PCA =============================================================== */

/* The leading eigenvector of the symmetric matrix C [D][D] by power
 * iteration from a fixed start; returns its eigenvalue. */
static double
power_iter(const double *C, int D, double *v, double *tmp)
{
	for (int i = 0; i < D; i++)
		v[i] = 1.0 + 0.1 * i;
	double lambda = 0.0;
	for (int it = 0; it < 1000; it++) {
		double norm = 0.0;
		for (int i = 0; i < D; i++)
			norm += v[i] * v[i];
		norm = sqrt(norm);
		if (norm == 0.0)
			return 0.0;
		for (int i = 0; i < D; i++)
			v[i] /= norm;
		for (int i = 0; i < D; i++) {
			double s = 0.0;
			for (int j = 0; j < D; j++)
				s += C[(size_t)i * D + j] * v[j];
			tmp[i] = s;
		}
		double nl = 0.0, diff = 0.0;
		for (int i = 0; i < D; i++)
			nl += v[i] * tmp[i];
		for (int i = 0; i < D; i++) {
			double dd = tmp[i] - nl * v[i];
			diff += dd * dd;
		}
		memcpy(v, tmp, (size_t)D * sizeof *v);
		lambda = nl;
		if (sqrt(diff) <= 1e-13 * (fabs(nl) > 1e-300 ? fabs(nl) : 1e-300))
			break;
	}
	double norm = 0.0;
	for (int i = 0; i < D; i++)
		norm += v[i] * v[i];
	norm = sqrt(norm);
	for (int i = 0; i < D; i++)
		v[i] = norm > 0 ? v[i] / norm : 0.0;
	/* sign: the largest coordinate positive */
	int big = 0;
	for (int i = 1; i < D; i++)
		if (fabs(v[i]) > fabs(v[big]))
			big = i;
	if (v[big] < 0)
		for (int i = 0; i < D; i++)
			v[i] = -v[i];
	return lambda;
}

void
embed_pca2(const float *x, int n, int dim, float *out, double frac[2])
{
	int D = dim;
	double *mean = xcalloc((size_t)D, sizeof *mean);
	double *C = xcalloc((size_t)D * D, sizeof *C);
	double *v1 = xcalloc((size_t)D, sizeof *v1), *v2 = xcalloc((size_t)D, sizeof *v2);
	double *tmp = xcalloc((size_t)D, sizeof *tmp);
	for (int p = 0; p < n; p++)
		for (int i = 0; i < D; i++)
			mean[i] += x[(size_t)p * D + i];
	for (int i = 0; i < D; i++)
		mean[i] /= n > 0 ? n : 1;
	for (int p = 0; p < n; p++) {
		const float *row = x + (size_t)p * D;
		for (int i = 0; i < D; i++)
			for (int j = 0; j < D; j++)
				C[(size_t)i * D + j] += (row[i] - mean[i]) * (row[j] - mean[j]);
	}
	double trace = 0.0;
	for (int i = 0; i < D; i++)
		trace += C[(size_t)i * D + i];
	double l1 = power_iter(C, D, v1, tmp);
	/* deflate: C - l1 v1 v1^T leaves the second component on top */
	for (int i = 0; i < D; i++)
		for (int j = 0; j < D; j++)
			C[(size_t)i * D + j] -= l1 * v1[i] * v1[j];
	double l2 = D > 1 ? power_iter(C, D, v2, tmp) : 0.0;
	frac[0] = trace > 0 ? l1 / trace : 0.0;
	frac[1] = trace > 0 ? l2 / trace : 0.0;
	for (int p = 0; p < n; p++) {
		const float *row = x + (size_t)p * D;
		double a = 0.0, b = 0.0;
		for (int i = 0; i < D; i++) {
			a += (row[i] - mean[i]) * v1[i];
			b += (row[i] - mean[i]) * v2[i];
		}
		out[(size_t)p * 2] = (float)a;
		out[(size_t)p * 2 + 1] = (float)b;
	}
	free(mean);
	free(C);
	free(v1);
	free(v2);
	free(tmp);
}
