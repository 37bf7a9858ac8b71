/* train.c - mini-batch training and evaluation (see train.h). */
#include <config.h>

#include "core/train.h"
#include "core/alloc.h"
#include "core/parallel.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Rows per chunk when evaluating: results never depend on it, since each
 * row of a product is computed alone (gemm.h). */
#define EVAL_CHUNK 32

void
trainer_init(trainer *t)
{
	memset(t, 0, sizeof *t);
	loss_defaults(&t->loss, LOSS_CE);
	optim_defaults(&t->opt, OPT_SGD, 0.1);
	t->batch = 32;
	t->shuffle = 1;
}

void
trainer_free(trainer *t)
{
	optim_state_free(&t->ost);
	free(t->perm);
	free(t->xb);
	free(t->yb);
	free(t->tb);
	free(t->g);
	free(t->idx);
	free(t->hist);
	t->perm = NULL;
	t->xb = t->tb = t->g = NULL;
	t->yb = NULL;
	t->idx = NULL;
	t->hist = NULL;
	t->n_hist = t->cap_hist = 0;
	t->cap = t->n_perm = 0;
	t->cap_x = t->cap_t = t->cap_g = 0;
}

void
trainer_reset(trainer *t, const model *m)
{
	optim_state_reset(&t->ost, m ? m->n_params : 0);
	t->epoch = t->step = 0;
	t->pos = 0;
	t->perm_ready = 0;
	t->rows = 0;
	t->ep_loss = 0;
	t->ep_correct = t->ep_rows = 0;
	t->n_hist = 0;
	t->batch_loss = t->penalty = t->grad_norm = 0;
}

void
trainer_restart_epoch(trainer *t)
{
	t->pos = 0;
	t->perm_ready = 0;
	t->ep_loss = 0;
	t->ep_correct = t->ep_rows = 0;
}

int
trainer_steps_per_epoch(const trainer *t, const dataset *ds)
{
	return (ds->n_train + t->batch - 1) / t->batch;
}

void
trainer_begin_epoch(trainer *t, const dataset *ds, rng_t *r)
{
	if (t->pos != 0 || t->perm_ready)
		return;
	if (t->n_perm != ds->n_train) {
		t->perm = xreallocarray(t->perm, (size_t)ds->n_train, sizeof *t->perm);
		t->n_perm = ds->n_train;
	}
	if (t->shuffle)
		rng_permutation(r, t->perm, (size_t)ds->n_train);
	else
		for (int i = 0; i < ds->n_train; i++)
			t->perm[i] = (size_t)i;
	t->perm_ready = 1;
}

/* Grow buf (of *cap elements) to at least n elements. */
static void *
grow(void *buf, size_t *cap, size_t n, size_t size)
{
	if (n <= *cap && buf)
		return buf;
	*cap = n > *cap ? n : *cap;
	return xreallocarray(buf, *cap ? *cap : 1, size);
}

static void
trainer_reserve(trainer *t, const dataset *ds, int n_out, int rows)
{
	size_t r = (size_t)rows;
	t->xb = grow(t->xb, &t->cap_x, r * ds->d, sizeof *t->xb);
	t->tb = grow(t->tb, &t->cap_t, r * ds->k, sizeof *t->tb);
	t->g = grow(t->g, &t->cap_g, r * n_out, sizeof *t->g);
	size_t c = (size_t)t->cap;
	t->yb = grow(t->yb, &c, r, sizeof *t->yb);
	c = (size_t)t->cap;
	t->idx = grow(t->idx, &c, r, sizeof *t->idx);
	t->cap = (int)c;
}

const float *
model_out_z(const model *m)
{
	const layer *L = &m->layers[m->n_layers - 1];
	return L->kind == LAYER_DENSE ? L->z : L->h;
}

/* Copy rows idx[0..n-1] of ds into x (and labels or targets). */
static void
gather_rows(const dataset *ds, const size_t *idx, int n, float *x, int *y, float *tv)
{
	for (int i = 0; i < n; i++) {
		size_t r = idx[i];
		memcpy(x + (size_t)i * ds->d, ds->x + r * ds->d, (size_t)ds->d * sizeof *x);
		if (ds->regression)
			memcpy(tv + (size_t)i * ds->k, ds->t + r * ds->k, (size_t)ds->k * sizeof *tv);
		else
			y[i] = ds->y[r];
	}
}

/* hist_thin: drop every other row but the newest (the first is kept), so
 * the older part of a long history gets sparser and recent epochs stay
 * dense. */
static void
hist_thin(trainer *t)
{
	size_t n = t->n_hist, k = 0;
	for (size_t i = 0; i + 1 < n; i += 2)
		t->hist[k++] = t->hist[i];
	t->hist[k++] = t->hist[n - 1];
	t->n_hist = k;
}

static void
hist_push(trainer *t)
{
	while (t->n_hist >= TRAIN_HIST_MAX)
		hist_thin(t);
	if (t->n_hist == t->cap_hist) {
		t->cap_hist = t->cap_hist ? 2 * t->cap_hist : 256;
		t->hist = xreallocarray(t->hist, t->cap_hist, sizeof *t->hist);
	}
	train_hist *h = &t->hist[t->n_hist++];
	h->epoch = t->epoch;
	h->step = t->step;
	h->lr = t->opt.lr;
	h->loss = t->ep_rows ? t->ep_loss / t->ep_rows : NAN;
	h->acc = NAN;
	h->train_loss = h->train_acc = h->test_loss = h->test_acc = NAN;
}

double
trainer_step(trainer *t, model *m, const dataset *ds, rng_t *r)
{
	int n_out = model_n_out(m);
	trainer_begin_epoch(t, ds, r);
	int rows = ds->n_train - t->pos < t->batch ? ds->n_train - t->pos : t->batch;
	trainer_reserve(t, ds, n_out, rows);
	for (int i = 0; i < rows; i++)
		t->idx[i] = t->perm[t->pos + i];
	if (t->shuffle) {
		gather_rows(ds, t->idx, rows, t->xb, t->yb, t->tb);
		t->bx = t->xb;
		t->by = ds->regression ? NULL : t->yb;
		t->bt = ds->regression ? t->tb : NULL;
	} else {  /* consecutive rows: use them where they are */
		t->bx = ds->x + (size_t)t->pos * ds->d;
		t->by = ds->regression ? NULL : ds->y + t->pos;
		t->bt = ds->regression ? ds->t + (size_t)t->pos * ds->k : NULL;
	}
	t->rows = rows;

	enum act_kind last = model_last_act(m);
	const int *labels = t->by;
	const float *targets = t->bt;
	double loss;
	const float *h;
	if (t->par) {
		/* the workers compute the gradient of the batch (penalties
		 * included) and count its right answers for the epoch's
		 * accuracy, all from their own forward passes */
		loss = parallel_grad(t->par, m, &t->loss, t->bx, labels, targets, rows);
		h = NULL;
	} else {
		h = model_forward(m, t->bx, rows, 1, r);
		loss = loss_batch(&t->loss, last, model_out_z(m), h, rows, n_out, labels, targets, t->g, NULL);
	}
	t->batch_correct = 0;
	if (t->par) /* the workers counted their rows' right answers */
		t->batch_correct = ds->regression ? 0 : parallel_correct(t->par);
	else if (!ds->regression)
		for (int i = 0; i < rows; i++)
			t->batch_correct += loss_predict(&t->loss, last, model_out_z(m) + (size_t)i * n_out,
			                                 h + (size_t)i * n_out, n_out) == t->by[i];

	if (!t->par)
		model_backward(m, t->g, loss_fused(t->loss.kind, last), 0);
	t->penalty = 0;
	for (int l = 0; l < m->n_layers; l++) {
		layer *L = &m->layers[l];
		if (layer_has_params(L))
			t->penalty += loss_penalty(&t->loss, layer_W(m, l), layer_n_weights(L),
			                           L->frozen || t->par ? NULL : layer_dW(m, l));
	}
	if (t->ost.n != m->n_params)
		optim_state_reset(&t->ost, m->n_params);
	t->grad_norm = optim_step(&t->opt, &t->ost, m);

	t->batch_loss = loss;
	t->ep_loss += loss * rows;
	t->ep_correct += t->batch_correct;
	t->ep_rows += rows;
	t->pos += rows;
	t->step++;
	if (t->pos >= ds->n_train) {
		t->epoch++;
		hist_push(t);
		if (!ds->regression)
			t->hist[t->n_hist - 1].acc = (double)t->ep_correct / (double)t->ep_rows;
		t->pos = 0;
		t->perm_ready = 0;
		t->ep_loss = 0;
		t->ep_correct = t->ep_rows = 0;
	}
	return loss;
}

train_hist *
trainer_last_hist(trainer *t)
{
	return t->n_hist ? &t->hist[t->n_hist - 1] : NULL;
}

void
model_evaluate(model *m, const loss_cfg *c, const dataset *ds, int r0, int r1, eval_result *out,
               long *confusion)
{
	int n_out = model_n_out(m);
	enum act_kind last = model_last_act(m);
	double total = 0;
	long correct = 0;
	for (int i0 = r0; i0 < r1; i0 += EVAL_CHUNK) {
		int rows = r1 - i0 < EVAL_CHUNK ? r1 - i0 : EVAL_CHUNK;
		const float *x = ds->x + (size_t)i0 * ds->d;
		const float *h = model_forward(m, x, rows, 0, NULL);
		const float *z = model_out_z(m);
		const int *labels = ds->regression ? NULL : ds->y + i0;
		const float *targets = ds->regression ? ds->t + (size_t)i0 * ds->k : NULL;
		total += loss_batch(c, last, z, h, rows, n_out, labels, targets, NULL, NULL) * rows;
		if (ds->regression)
			continue;
		for (int i = 0; i < rows; i++) {
			int p = loss_predict(c, last, z + (size_t)i * n_out, h + (size_t)i * n_out, n_out);
			int y = ds->y[i0 + i];
			correct += p == y;
			if (confusion && p >= 0 && p < ds->k && y >= 0 && y < ds->k)
				confusion[(size_t)y * ds->k + p]++;
		}
	}
	out->n = r1 - r0;
	out->loss = out->n ? total / out->n : NAN;
	out->correct = correct;
	out->acc = ds->regression || out->n == 0 ? NAN : (double)correct / out->n;
}
