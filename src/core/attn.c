/* attn.c - self-attention forward and backward, position encodings and
 * the toy task (see attn.h).  The products go through gemm.h and the
 * exponentials through vmath.h, so every number is the same on every
 * x86-64 machine. */
#include <config.h>

#include "core/attn.h"
#include "core/alloc.h"
#include "core/gemm.h"
#include "core/flat.h"
#include "core/kern.h"
#include "core/vmath.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int
attn_shape_set(attn_shape *sh, int T, int d, int heads, int causal)
{
	if (T < 1 || T > ATTN_MAX_T || d < 1 || d > ATTN_MAX_D || heads < 1 || d % heads != 0)
		return -1;
	sh->T = T;
	sh->d = d;
	sh->heads = heads;
	sh->dk = d / heads;
	sh->causal = causal ? 1 : 0;
	return 0;
}

void
attn_cache_init(attn_cache *c, const attn_shape *sh)
{
	size_t td = (size_t)sh->T * (size_t)sh->d;
	size_t htt = (size_t)sh->heads * (size_t)sh->T * (size_t)sh->T;
	c->sh = *sh;
	c->Q = xcalloc(td, sizeof(float));
	c->K = xcalloc(td, sizeof(float));
	c->V = xcalloc(td, sizeof(float));
	c->Z = xcalloc(td, sizeof(float));
	c->work = xcalloc(td > (size_t)sh->T ? td : (size_t)sh->T, sizeof(float));
	c->scores = xcalloc(htt, sizeof(float));
	c->scaled = xcalloc(htt, sizeof(float));
	c->weights = xcalloc(htt, sizeof(float));
}

void
attn_cache_free(attn_cache *c)
{
	free(c->Q);
	free(c->K);
	free(c->V);
	free(c->Z);
	free(c->work);
	free(c->scores);
	free(c->scaled);
	free(c->weights);
	memset(c, 0, sizeof *c);
}

void
attn_softmax_row(float *w, const float *s, int n, int T, float *tmp)
{
	float mx = s[0];
	for (int j = 1; j < n; j++)
		if (s[j] > mx)
			mx = s[j];
	for (int j = 0; j < n; j++)
		tmp[j] = s[j] - mx;
	vm_exp(w, tmp, (size_t)n);
	float sum = 0.0f;
	for (int j = 0; j < n; j++)
		sum += w[j];
	for (int j = 0; j < n; j++)
		w[j] /= sum;
	for (int j = n; j < T; j++)
		w[j] = 0.0f;
}

/* ==== the softmax rows, once per instruction set ======================== */

#define SIMD_BODY "core/attn-kern.h"
#include "core/simd-each.h"

/* The T x T block of one head: scaled from the scores (masked when
 * causal), and the weights: softmax of each row of scaled. */
static void
softmax_block(const float *S, float *Sc, float *W, int T, int causal, float root)
{
	for (int i = 0; i < T; i++) {
		size_t o = (size_t)i * T;
		KERN_CALL(attn_scale_row, (S + o, Sc + o, W + o, causal ? i + 1 : T, T, root));
	}
	/* exp(-inf) is exactly 0: the masked weights */
	vm_exp(W, W, (size_t)T * T);
	for (int i = 0; i < T; i++)
		KERN_CALL(attn_norm_row, (W + (size_t)i * T, T));
}

void
attn_forward(attn_cache *c, const float *X, const float *Wq, const float *Wk, const float *Wv)
{
	const attn_shape *sh = &c->sh;
	int T = sh->T, d = sh->d, dk = sh->dk;
	size_t td = (size_t)T * (size_t)d, tt = (size_t)T * (size_t)T;
	memset(c->Q, 0, td * sizeof(float));
	memset(c->K, 0, td * sizeof(float));
	memset(c->V, 0, td * sizeof(float));
	memset(c->Z, 0, td * sizeof(float));
	gemm_nn(T, d, d, X, d, Wq, d, c->Q, d, 0);
	gemm_nn(T, d, d, X, d, Wk, d, c->K, d, 0);
	gemm_nn(T, d, d, X, d, Wv, d, c->V, d, 0);
	float root = sqrtf((float)dk);
	for (int h = 0; h < sh->heads; h++) {
		float *S = c->scores + (size_t)h * tt;
		float *Sc = c->scaled + (size_t)h * tt;
		float *W = c->weights + (size_t)h * tt;
		memset(S, 0, tt * sizeof(float));
		/* scores = Q_h . K_h^T; the work buffer takes K_h^T */
		gemm_nt(T, T, dk, c->Q + h * dk, d, c->K + h * dk, d, S, T, c->work, 0);
		softmax_block(S, Sc, W, T, sh->causal, root);
		gemm_nn(T, dk, T, W, T, c->V + h * dk, d, c->Z + h * dk, d, 0);
	}
}

size_t
attn_scratch_len(const attn_shape *sh)
{
	return 4 * (size_t)sh->T * (size_t)sh->d + (size_t)sh->T * (size_t)sh->T +
	       (size_t)sh->d * (size_t)sh->d;
}

void
attn_backward(const attn_cache *c, const float *X, const float *Wq, const float *Wk, const float *Wv,
              const float *dZ, float *dX, float *dWq, float *dWk, float *dWv, float *scratch)
{
	const attn_shape *sh = &c->sh;
	int T = sh->T, d = sh->d, dk = sh->dk;
	size_t td = (size_t)T * (size_t)d, tt = (size_t)T * (size_t)T;
	float *dQ = scratch;          /* [T][d] */
	float *dK = dQ + td;          /* [T][d] */
	float *dV = dK + td;          /* [T][d] */
	float *dW = dV + td;          /* [T][T] d loss / d weights, then d scores */
	float *work = dW + tt;        /* [max(T*d, d*d)] transposes for gemm_nt */
	memset(dQ, 0, 3 * td * sizeof(float));
	float root = sqrtf((float)dk);
	for (int h = 0; h < sh->heads; h++) {
		const float *A = c->weights + (size_t)h * tt;
		memset(dW, 0, tt * sizeof(float));
		/* dweights = dZ_h . V_h^T;  dV_h = weights^T . dZ_h */
		gemm_nt(T, T, dk, dZ + h * dk, d, c->V + h * dk, d, dW, T, work, 0);
		gemm_tn(T, dk, T, A, T, dZ + h * dk, d, dV + h * dk, d, 0);
		/* through the softmax: ds_j = a_j (g_j - sum_k a_k g_k), then
		 * through the division by sqrt(dk); masked entries have a = 0 */
		for (int i = 0; i < T; i++) {
			const float *a = A + (size_t)i * T;
			float *g = dW + (size_t)i * T;
			float dot = 0.0f;
			for (int j = 0; j < T; j++)
				dot += a[j] * g[j];
			for (int j = 0; j < T; j++)
				g[j] = a[j] * (g[j] - dot) / root;
		}
		/* dQ_h = dS . K_h;  dK_h = dS^T . Q_h */
		gemm_nn(T, dk, T, dW, T, c->K + h * dk, d, dQ + h * dk, d, 0);
		gemm_tn(T, dk, T, dW, T, c->Q + h * dk, d, dK + h * dk, d, 0);
	}
	gemm_tn(d, d, T, X, d, dQ, d, dWq, d, 0);
	gemm_tn(d, d, T, X, d, dK, d, dWk, d, 0);
	gemm_tn(d, d, T, X, d, dV, d, dWv, d, 0);
	if (dX) {
		gemm_nt(T, d, d, dQ, d, Wq, d, dX, d, work, 0);
		gemm_nt(T, d, d, dK, d, Wk, d, dX, d, work, 0);
		gemm_nt(T, d, d, dV, d, Wv, d, dX, d, work, 0);
	}
}

void
attn_posenc(float *pe, int T, int d)
{
	for (int p = 0; p < T; p++) {
		for (int i = 0; i < d; i++) {
			double angle = p / pow(10000.0, (double)(i - i % 2) / d);
			pe[(size_t)p * d + i] = (float)(i % 2 ? cos(angle) : sin(angle));
		}
	}
}

/* ==== the toy task ====================================================== */

const char *const attn_task_names[] = {"copy", "reverse", "shift", NULL};

int
attn_task_src(enum attn_task task, int T, int i)
{
	switch (task) {
	case ATTN_TASK_REVERSE:
		return T - 1 - i;
	case ATTN_TASK_SHIFT:
		return i == 0 ? T - 1 : i - 1;
	default:
		return i;
	}
}

attn_toy *
attn_toy_new(enum attn_task task, int V, int T, int d, int batch, double lr, rng_t *r)
{
	attn_toy *t = xcalloc(1, sizeof *t);
	t->task = task;
	t->V = V;
	t->T = T;
	t->d = d;
	t->batch = batch;
	optim_defaults(&t->opt, OPT_ADAM, lr);
	size_t dd = (size_t)d * d;
	t->n_params = (size_t)V * d + 3 * dd + (size_t)d * V + (size_t)V;
	t->params = xcalloc(t->n_params, sizeof(float));
	t->grads = xcalloc(t->n_params, sizeof(float));
	optim_state_reset(&t->ost, t->n_params);
	t->E = t->params;
	t->Wq = t->E + (size_t)V * d;
	t->Wk = t->Wq + dd;
	t->Wv = t->Wk + dd;
	t->Wo = t->Wv + dd;
	t->bo = t->Wo + (size_t)d * V;
	for (size_t i = 0; i < (size_t)V * d; i++)
		t->E[i] = (float)rng_normal(r);
	double a = sqrt(6.0 / (d + d));
	for (size_t i = 0; i < 3 * dd; i++)
		t->Wq[i] = rng_uf(r, -a, a);
	double ao = sqrt(6.0 / (d + V));
	for (size_t i = 0; i < (size_t)d * V; i++)
		t->Wo[i] = rng_uf(r, -ao, ao);
	t->pe = xmalloc((size_t)T * d * sizeof(float));
	attn_posenc(t->pe, T, d);
	/* the caller keeps T and d in range; the shape is then always valid */
	attn_shape sh = {.T = T, .d = d, .heads = 1, .dk = d, .causal = 0};
	attn_cache_init(&t->cache, &sh);
	t->X = xmalloc((size_t)T * d * sizeof(float));
	t->logits = xmalloc((size_t)T * V * sizeof(float));
	t->dZ = xmalloc((size_t)T * d * sizeof(float));
	t->dX = xmalloc((size_t)T * d * sizeof(float));
	/* the attention's scratch, or Wo transposed */
	t->scratch = xmalloc((attn_scratch_len(&sh) + (size_t)d * V) * sizeof(float));
	t->seq = xmalloc((size_t)batch * T * sizeof(int));
	return t;
}

void
attn_toy_free(attn_toy *t)
{
	if (!t)
		return;
	free(t->params);
	free(t->grads);
	optim_state_free(&t->ost);
	free(t->pe);
	attn_cache_free(&t->cache);
	free(t->X);
	free(t->logits);
	free(t->dZ);
	free(t->dX);
	free(t->scratch);
	free(t->seq);
	free(t);
}

/* One sequence forward; with grads, also backward (adding into t->grads
 * scaled for a mean over n sequences).  Returns the sum of the position
 * losses. */
static double
toy_one(attn_toy *t, const int *seq, int n, int backward, int *correct)
{
	int T = t->T, d = t->d, V = t->V;
	for (int i = 0; i < T; i++)
		for (int k = 0; k < d; k++)
			t->X[(size_t)i * d + k] = t->E[(size_t)seq[i] * d + k] + t->pe[(size_t)i * d + k];
	attn_forward(&t->cache, t->X, t->Wq, t->Wk, t->Wv);
	for (int i = 0; i < T; i++)
		memcpy(t->logits + (size_t)i * V, t->bo, (size_t)V * sizeof(float));
	gemm_nn(T, V, d, t->cache.Z, d, t->Wo, V, t->logits, V, 0);
	double loss = 0.0;
	int good = 0;
	float tmp[ATTN_TOY_MAX_V], p[ATTN_TOY_MAX_V];
	for (int i = 0; i < T; i++) {
		float *z = t->logits + (size_t)i * V;
		int want = seq[attn_task_src(t->task, T, i)];
		int best = 0;
		for (int k = 1; k < V; k++)
			if (z[k] > z[best])
				best = k;
		good += best == want;
		float mx = z[best];
		for (int k = 0; k < V; k++)
			tmp[k] = z[k] - mx;
		vm_exp(p, tmp, (size_t)V);
		float sum = 0.0f;
		for (int k = 0; k < V; k++)
			sum += p[k];
		loss += nn_log((double)sum) - (double)tmp[want];
		if (backward) {
			/* d loss / d logits of the mean over n*T positions, kept in z */
			float scale = 1.0f / (float)(n * T);
			for (int k = 0; k < V; k++)
				z[k] = (p[k] / sum - (k == want ? 1.0f : 0.0f)) * scale;
		}
	}
	if (correct)
		*correct = good;
	if (!backward)
		return loss;
	size_t dd = (size_t)d * d;
	float *gE = t->grads, *gWq = gE + (size_t)V * d, *gWk = gWq + dd, *gWv = gWk + dd;
	float *gWo = gWv + dd, *gbo = gWo + (size_t)d * V;
	/* logits = Z.Wo + bo */
	gemm_tn(d, V, T, t->cache.Z, d, t->logits, V, gWo, V, 0);
	for (int i = 0; i < T; i++)
		for (int k = 0; k < V; k++)
			gbo[k] += t->logits[(size_t)i * V + k];
	memset(t->dZ, 0, (size_t)T * d * sizeof(float));
	gemm_nt(T, d, V, t->logits, V, t->Wo, V, t->dZ, d, t->scratch, 0);
	memset(t->dX, 0, (size_t)T * d * sizeof(float));
	attn_backward(&t->cache, t->X, t->Wq, t->Wk, t->Wv, t->dZ, t->dX, gWq, gWk, gWv, t->scratch);
	/* X = E[seq] + PE: the rows of dX go back to the symbols' rows */
	for (int i = 0; i < T; i++)
		for (int k = 0; k < d; k++)
			gE[(size_t)seq[i] * d + k] += t->dX[(size_t)i * d + k];
	return loss;
}

double
attn_toy_loss_grad(attn_toy *t, const int *seqs, int n)
{
	memset(t->grads, 0, t->n_params * sizeof(float));
	double loss = 0.0;
	for (int b = 0; b < n; b++)
		loss += toy_one(t, seqs + (size_t)b * t->T, n, 1, NULL);
	return loss / ((double)n * t->T);
}

double
attn_toy_step(attn_toy *t, rng_t *r)
{
	for (int i = 0; i < t->batch * t->T; i++)
		t->seq[i] = (int)rng_below(r, (uint64_t)t->V);
	double loss = attn_toy_loss_grad(t, t->seq, t->batch);
	t->steps++;
	flat_optim_step(&t->opt, &t->ost, t->params, t->grads, t->n_params);
	return loss;
}

double
attn_toy_eval(attn_toy *t, const int *seq, int *correct)
{
	return toy_one(t, seq, 1, 0, correct) / t->T;
}
