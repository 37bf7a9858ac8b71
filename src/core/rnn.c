/* rnn.c - the character RNN: forward and backward through time, the W3
 * training scheme, perplexity and sampling (see rnn.h).  Products go
 * through gemm.h, tanh and exp through vmath.h, so results are the same
 * bits on every x86-64 machine. */
#include <config.h>

#include "core/rnn.h"
#include "core/alloc.h"
#include "core/flat.h"
#include "core/gemm.h"
#include "core/vmath.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ==== the model ========================================================= */

static void
rnn_views(rnn *m)
{
	size_t V = (size_t)m->V, H = (size_t)m->H;
	m->Wxh = m->params;
	m->Whh = m->Wxh + V * H;
	m->bh = m->Whh + H * H;
	m->Why = m->bh + H;
	m->by = m->Why + H * V;
}

rnn *
rnn_new(int V, int H, int recurrent)
{
	rnn *m = xcalloc(1, sizeof *m);
	m->V = V;
	m->H = H;
	m->recurrent = recurrent ? 1 : 0;
	m->n_params = (size_t)V * H + (size_t)H * H + (size_t)H + (size_t)H * V + (size_t)V;
	m->params = xcalloc(m->n_params, sizeof(float));
	m->grads = xcalloc(m->n_params, sizeof(float));
	rnn_views(m);
	return m;
}

void
rnn_free(rnn *m)
{
	if (!m)
		return;
	free(m->params);
	free(m->grads);
	free(m);
}

rnn *
rnn_clone(const rnn *m)
{
	rnn *c = rnn_new(m->V, m->H, m->recurrent);
	memcpy(c->params, m->params, m->n_params * sizeof(float));
	memcpy(c->grads, m->grads, m->n_params * sizeof(float));
	return c;
}

void
rnn_init(rnn *m, rng_t *r)
{
	double k = 1.0 / sqrt((double)m->H);
	for (size_t i = 0; i < m->n_params; i++)
		m->params[i] = rng_uf(r, -k, k);
	if (!m->recurrent)
		memset(m->Whh, 0, (size_t)m->H * m->H * sizeof(float));
}

uint64_t
rnn_checksum(const rnn *m)
{
	return flat_checksum(FLAT_CHECKSUM_INIT, m->params, m->n_params);
}

void
rnn_work_init(rnn_work *w, const rnn *m, int B, int T)
{
	size_t V = (size_t)m->V, H = (size_t)m->H, BT = (size_t)B * T;
	w->B = B;
	w->T = T;
	w->hs = xcalloc(BT * H + (size_t)B * H, sizeof(float));
	w->logits = xcalloc(BT * V, sizeof(float));
	w->dhs = xcalloc(BT * H, sizeof(float));
	w->xb = xcalloc((size_t)V * H, sizeof(float));
	w->ones = xmalloc(BT * sizeof(float));
	for (size_t i = 0; i < BT; i++)
		w->ones[i] = 1.0f;
	w->WhhT = xcalloc(H * H, sizeof(float));
	w->tmp = xcalloc(H * V > V ? H * V : V, sizeof(float));
}

void
rnn_work_free(rnn_work *w)
{
	free(w->hs);
	free(w->logits);
	free(w->dhs);
	free(w->xb);
	free(w->ones);
	free(w->WhhT);
	free(w->tmp);
	memset(w, 0, sizeof *w);
}

/* ==== forward and backward through time ================================= */

/* Softmax cross-entropy of rows [n][V] against tgt [n]: returns the
 * summed loss in double; with grad, each row becomes
 * (softmax - onehot) * scale. */
static double
ce_rows(float *z, const int *tgt, int n, int V, int grad, float scale)
{
	double loss = 0.0;
	for (int r = 0; r < n; r++) {
		float *row = z + (size_t)r * V;
		float mx = row[0];
		for (int k = 1; k < V; k++)
			if (row[k] > mx)
				mx = row[k];
		for (int k = 0; k < V; k++)
			row[k] -= mx;
		float zt = row[tgt[r]];
		vm_exp(row, row, (size_t)V);
		float sum = 0.0f;
		for (int k = 0; k < V; k++)
			sum += row[k];
		/* -log softmax = log(sum of e^(z - max)) - (z_t - max) */
		loss += nn_log((double)sum) - (double)zt;
		if (grad) {
			float inv = scale / sum;
			for (int k = 0; k < V; k++)
				row[k] *= inv;
			row[tgt[r]] -= scale;
		}
	}
	return loss;
}

double
rnn_chunk(rnn *m, rnn_work *w, const int *in, const int *tgt, int n, float *h, int backward)
{
	int B = w->B, H = m->H, V = m->V;
	size_t BH = (size_t)B * H;
	float *hs = w->hs;
	memcpy(hs, h, BH * sizeof(float));
	/* x_t.W_xh is a row of W_xh; with the bias added once per symbol */
	for (int v = 0; v < V; v++)
		for (int j = 0; j < H; j++)
			w->xb[(size_t)v * H + j] = m->Wxh[(size_t)v * H + j] + m->bh[j];
	for (int t = 0; t < n; t++) {
		const float *prev = hs + (size_t)t * BH;
		float *cur = hs + (size_t)(t + 1) * BH;
		for (int b = 0; b < B; b++)
			memcpy(cur + (size_t)b * H, w->xb + (size_t)in[(size_t)t * B + b] * H, (size_t)H * sizeof(float));
		if (m->recurrent)
			gemm_nn(B, H, H, prev, H, m->Whh, H, cur, H, 0);
		vm_tanh(cur, cur, BH);
	}
	memcpy(h, hs + (size_t)n * BH, BH * sizeof(float));
	/* logits of every step at once: [n*B][V] */
	int rows = n * B;
	for (int r = 0; r < rows; r++)
		memcpy(w->logits + (size_t)r * V, m->by, (size_t)V * sizeof(float));
	gemm_nn(rows, V, H, hs + BH, H, m->Why, V, w->logits, V, 0);
	double loss = ce_rows(w->logits, tgt, rows, V, backward, 1.0f / (float)rows);
	if (!backward)
		return loss;

	float *gWxh = m->grads;
	float *gWhh = gWxh + (size_t)V * H;
	float *gbh = gWhh + (size_t)H * H;
	float *gWhy = gbh + H;
	float *gby = gWhy + (size_t)H * V;
	const float *dlog = w->logits;
	/* the output layer: dW_hy += H^T.dlogits, db_y += column sums (as
	 * ones.dlogits: 1*x + c is x + c exactly), dH = dlogits.W_hy^T */
	gemm_tn(H, V, rows, hs + BH, H, dlog, V, gWhy, V, 0);
	gemm_nn(1, V, rows, w->ones, rows, dlog, V, gby, V, 0);
	memset(w->dhs, 0, (size_t)rows * H * sizeof(float));
	gemm_nt(rows, H, V, dlog, V, m->Why, V, w->dhs, H, w->tmp, 0);
	/* back through time: dz_t = dh_t * (1 - h_t^2), and the gradient
	 * dz_t.W_hh^T flows into dh_t-1, accumulated onto what the output
	 * layer sent there */
	if (m->recurrent)
		for (int i = 0; i < H; i++)
			for (int j = 0; j < H; j++)
				w->WhhT[(size_t)j * H + i] = m->Whh[(size_t)i * H + j];
	for (int t = n - 1; t >= 0; t--) {
		float *dz = w->dhs + (size_t)t * BH;
		vm_tanh_grad(dz, hs + (size_t)(t + 1) * BH, dz, BH);
		if (m->recurrent && t > 0)
			gemm_nn(B, H, H, dz, H, w->WhhT, H, dz - BH, H, 0);
	}
	/* the weights of all steps at once: dW_hh += H_prev^T.dZ,
	 * db_h += column sums of dZ, and each dz row into its symbol's row
	 * of W_xh */
	if (m->recurrent)
		gemm_tn(H, H, rows, hs, H, w->dhs, H, gWhh, H, 0);
	gemm_nn(1, H, rows, w->ones, rows, w->dhs, H, gbh, H, 0);
	for (int r = 0; r < rows; r++) {
		const float *dz = w->dhs + (size_t)r * H;
		float *g = gWxh + (size_t)in[r] * H;
		for (int j = 0; j < H; j++)
			g[j] += dz[j];
	}
	return loss;
}

void
rnn_eval_init(rnn_evaluator *ev, rnn *m, const int *ids, size_t L, int B, int T, size_t npos)
{
	memset(ev, 0, sizeof *ev);
	ev->m = m;
	ev->ids = ids;
	ev->B = B;
	ev->T = T;
	ev->S = L / (size_t)B;
	ev->npos = ev->S == 0 ? 0 : npos < ev->S - 1 ? npos : ev->S - 1;
	rnn_work_init(&ev->w, m, B, T);
	ev->h = xcalloc((size_t)B * m->H, sizeof(float));
	ev->in = xmalloc((size_t)B * T * sizeof(int));
	ev->tgt = xmalloc((size_t)B * T * sizeof(int));
}

int
rnn_eval_run(rnn_evaluator *ev, long max_chunks)
{
	int B = ev->B, T = ev->T;
	for (long k = 0; k < max_chunks && ev->pos < ev->npos; k++) {
		size_t p = ev->pos;
		int n = ev->npos - p < (size_t)T ? (int)(ev->npos - p) : T;
		for (int t = 0; t < n; t++) {
			for (int b = 0; b < B; b++) {
				ev->in[(size_t)t * B + b] = ev->ids[(size_t)b * ev->S + p + t];
				ev->tgt[(size_t)t * B + b] = ev->ids[(size_t)b * ev->S + p + t + 1];
			}
		}
		ev->sum += rnn_chunk(ev->m, &ev->w, ev->in, ev->tgt, n, ev->h, 0);
		ev->pos += (size_t)n;
	}
	return ev->pos >= ev->npos;
}

double
rnn_eval_mean(const rnn_evaluator *ev)
{
	return ev->pos ? ev->sum / ((double)ev->pos * ev->B) : 0.0;
}

void
rnn_eval_free(rnn_evaluator *ev)
{
	free(ev->h);
	free(ev->in);
	free(ev->tgt);
	rnn_work_free(&ev->w);
	memset(ev, 0, sizeof *ev);
}

double
rnn_eval(rnn *m, const int *ids, size_t L, int B, int T, size_t npos)
{
	rnn_evaluator ev;
	rnn_eval_init(&ev, m, ids, L, B, T, npos);
	rnn_eval_run(&ev, LONG_MAX);
	double mean = rnn_eval_mean(&ev);
	rnn_eval_free(&ev);
	return mean;
}

/* ==== training ========================================================== */

size_t
rnn_trainer_min_len(int B, int T)
{
	/* each stream needs one chunk and the target after it */
	return (size_t)B * ((size_t)T + 1);
}

int
rnn_trainer_init(rnn_trainer *tr, rnn *m, const int *ids, size_t L, int B, int T, const optim_cfg *opt)
{
	memset(tr, 0, sizeof *tr);
	if (L < rnn_trainer_min_len(B, T))
		return -1;
	tr->m = m;
	tr->B = B;
	tr->T = T;
	tr->L = L;
	tr->S = L / (size_t)B;
	tr->C = (long)((tr->S - 1) / (size_t)T);
	tr->ids = xmalloc(L * sizeof(int));
	memcpy(tr->ids, ids, L * sizeof(int));
	tr->h = xcalloc((size_t)B * m->H, sizeof(float));
	tr->in = xmalloc((size_t)B * T * sizeof(int));
	tr->tgt = xmalloc((size_t)B * T * sizeof(int));
	tr->opt = *opt;
	optim_state_reset(&tr->ost, m->n_params);
	rnn_work_init(&tr->w, m, B, T);
	return 0;
}

void
rnn_trainer_free(rnn_trainer *tr)
{
	free(tr->ids);
	free(tr->h);
	free(tr->in);
	free(tr->tgt);
	optim_state_free(&tr->ost);
	rnn_work_free(&tr->w);
	memset(tr, 0, sizeof *tr);
}

double
rnn_trainer_step(rnn_trainer *tr)
{
	rnn *m = tr->m;
	int B = tr->B, T = tr->T;
	long c = tr->step % tr->C;
	if (c == 0)
		memset(tr->h, 0, (size_t)B * m->H * sizeof(float));
	size_t base = (size_t)c * T;
	for (int t = 0; t < T; t++) {
		for (int b = 0; b < B; b++) {
			tr->in[(size_t)t * B + b] = tr->ids[(size_t)b * tr->S + base + t];
			tr->tgt[(size_t)t * B + b] = tr->ids[(size_t)b * tr->S + base + t + 1];
		}
	}
	memset(m->grads, 0, m->n_params * sizeof(float));
	double loss = rnn_chunk(m, &tr->w, tr->in, tr->tgt, T, tr->h, 1);
	flat_optim_step(&tr->opt, &tr->ost, m->params, m->grads, m->n_params);
	if (!m->recurrent)
		memset(m->Whh, 0, (size_t)m->H * m->H * sizeof(float));
	tr->step++;
	return loss / ((double)B * T);
}

/* ==== sampling ========================================================== */

void
rnn_step1(const rnn *m, float *h, int x, double temp, float *probs, float *tmp)
{
	int H = m->H, V = m->V;
	/* tmp first holds the new state, then the logits */
	float *nh = tmp;
	for (int j = 0; j < H; j++)
		nh[j] = m->Wxh[(size_t)x * H + j] + m->bh[j];
	if (m->recurrent)
		gemm_nn(1, H, H, h, H, m->Whh, H, nh, H, 0);
	vm_tanh(h, nh, (size_t)H);
	memcpy(probs, m->by, (size_t)V * sizeof(float));
	gemm_nn(1, V, H, h, H, m->Why, V, probs, V, 0);
	float mx = probs[0];
	for (int k = 1; k < V; k++)
		if (probs[k] > mx)
			mx = probs[k];
	float it = (float)(1.0 / temp);
	for (int k = 0; k < V; k++)
		tmp[k] = (probs[k] - mx) * it;
	vm_exp(probs, tmp, (size_t)V);
	float sum = 0.0f;
	for (int k = 0; k < V; k++)
		sum += probs[k];
	for (int k = 0; k < V; k++)
		probs[k] /= sum;
}

static int
desc_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x < y) - (x > y);
}

int
rnn_pick(const float *probs, int V, int top_k, rng_t *r)
{
	/* top_k: keep the entries above the top_k-th largest probability,
	 * and of those equal to it the first ones in id order, top_k in all */
	float thr = -1.0f;
	int keep_eq = V;
	if (top_k > 0 && top_k < V) {
		float *sorted = xmalloc((size_t)V * sizeof *sorted);
		memcpy(sorted, probs, (size_t)V * sizeof *sorted);
		qsort(sorted, (size_t)V, sizeof *sorted, desc_float);
		thr = sorted[top_k - 1];
		int above = 0;
		while (above < top_k && sorted[above] > thr)
			above++;
		keep_eq = top_k - above;
		free(sorted);
	}
	double total = 0.0;
	int eq = 0;
	for (int k = 0; k < V; k++)
		if (probs[k] > thr || (probs[k] == thr && eq++ < keep_eq))
			total += probs[k];
	double u = rng_uniform(r) * total, acc = 0.0;
	int last = 0;
	eq = 0;
	for (int k = 0; k < V; k++) {
		if (probs[k] > thr || (probs[k] == thr && eq++ < keep_eq)) {
			acc += probs[k];
			last = k;
			if (u < acc)
				return k;
		}
	}
	return last;
}
