/* attn.h - scaled dot-product self-attention, forward and backward, with
 * every intermediate kept; sinusoidal position encodings; and a toy task
 * (copy, reverse or shift a short sequence) on which one attention layer
 * learns to look at the right position.
 *
 * Legend for the shape comments:
 *   T   tokens (rows of X)
 *   d   model width (columns of X)
 *   h   heads; dk = d / h columns per head
 * Matrices are row-major float32.  Wq, Wk and Wv are [d][d], stored
 * [in][out] like every weight in nnlab; head j uses the columns
 * j*dk .. j*dk+dk-1 of Q, K, V (and of Wq, Wk, Wv) and writes the same
 * columns of Z, so Z holds the heads side by side.  For one head:
 *   Q = X.Wq   K = X.Wk   V = X.Wv
 *   scores  = Q.K^T
 *   scaled  = scores / sqrt(dk)        (causal: -inf above the diagonal)
 *   weights = softmax of each row      (masked entries exactly 0)
 *   Z       = weights.V
 * No output projection, no residual, no layer norm: those belong to a
 * Transformer block, not to attention.  Not a Transformer.
 */
#ifndef NN_CORE_ATTN_H
#define NN_CORE_ATTN_H

#include <stddef.h>
#include <stdint.h>

#include "core/optim.h"
#include "core/rng.h"

#define ATTN_MAX_T 256
#define ATTN_MAX_D 1024

typedef struct attn_shape {
	int T, d, heads, dk;
	int causal;          /* 1: token i sees only tokens 0..i */
} attn_shape;

/* attn_shape_set: fill sh; -1 if d is not a multiple of heads or a size
 * is out of range (1 <= T <= ATTN_MAX_T, 1 <= d <= ATTN_MAX_D). */
int attn_shape_set(attn_shape *sh, int T, int d, int heads, int causal);

/* What the forward pass computes and keeps (the visualiser shows all of
 * it; the backward pass needs Q, K, V and weights). */
typedef struct attn_cache {
	attn_shape sh;
	float *Q, *K, *V;    /* [T][d] */
	float *scores;       /* [h][T][T] Q_j.K_j^T */
	float *scaled;       /* [h][T][T] scores / sqrt(dk); -inf where masked */
	float *weights;      /* [h][T][T] softmax rows; 0 where masked */
	float *Z;            /* [T][d] */
	float *work;         /* [T][d] scratch */
} attn_cache;

void attn_cache_init(attn_cache *c, const attn_shape *sh);
void attn_cache_free(attn_cache *c);

/* attn_forward: everything above from X [T][d] and the weights. */
void attn_forward(attn_cache *c, const float *X, const float *Wq, const float *Wk, const float *Wv);

/* attn_backward: from dZ [T][d], ADD the gradients to dX [T][d] (may be
 * NULL) and dWq, dWk, dWv [d][d].  Uses c from the forward pass with the
 * same X and weights; scratch is 4*T*d + T*T floats. */
void attn_backward(const attn_cache *c, const float *X, const float *Wq, const float *Wk,
                   const float *Wv, const float *dZ, float *dX, float *dWq, float *dWk, float *dWv,
                   float *scratch);
size_t attn_scratch_len(const attn_shape *sh);

/* attn_softmax_row: w = softmax(s) over the first n entries, w[n..T-1]
 * = 0 (the causal mask: pass n = i + 1 for row i).  The largest entry is
 * subtracted first, so no score overflows.  tmp holds n floats. */
void attn_softmax_row(float *w, const float *s, int n, int T, float *tmp);

/* attn_posenc: the sinusoidal position encodings [T][d] of "Attention Is
 * All You Need": pe[p][2i] = sin(p / 10000^(2i/d)), pe[p][2i+1] = cos(the
 * same angle), computed in double and rounded once. */
void attn_posenc(float *pe, int T, int d);

/* ==== the toy task ======================================================
 * Sequences of T symbols drawn uniformly from V; the target at position i
 * is the symbol at position src(i): copy i, reverse T-1-i, shift i-1
 * (position 0 takes the last symbol).  The model: X = E[symbol] + PE
 * (E learned, PE fixed), one attention head of width d, logits = Z.Wo + bo,
 * cross-entropy averaged over all positions of the batch, Adam.  Since
 * nothing else moves information between positions, attention must learn
 * to look at position src(i): the weights' heatmap turns from a blur into
 * a sharp (anti-)diagonal. */
enum attn_task { ATTN_TASK_COPY, ATTN_TASK_REVERSE, ATTN_TASK_SHIFT, ATTN_TASK_COUNT };
extern const char *const attn_task_names[]; /* indexed by enum attn_task, NULL-terminated */
int attn_task_src(enum attn_task task, int T, int i);

typedef struct attn_toy {
	enum attn_task task;
	int V, T, d, batch;
	size_t n_params;
	float *params;       /* [P] E, Wq, Wk, Wv, Wo, bo in this order */
	float *E;            /* [V][d] */
	float *Wq, *Wk, *Wv; /* [d][d] */
	float *Wo;           /* [d][V] */
	float *bo;           /* [V] */
	float *grads;        /* [P] same layout */
	optim_cfg opt;       /* Adam */
	optim_state ost;
	long steps;          /* Adam steps taken */
	float *pe;           /* [T][d] */
	/* buffers of the last example */
	attn_cache cache;
	float *X, *logits, *dZ, *dX, *scratch;
	int *seq;            /* [batch][T] */
} attn_toy;

#define ATTN_TOY_MAX_V 64

/* attn_toy_new: the model with its weights drawn from r: E ~ N(0, 1)
 * row by row, then Wq, Wk, Wv glorot-uniform, Wo glorot-uniform, bo 0.
 * 2 <= V <= ATTN_TOY_MAX_V. */
attn_toy *attn_toy_new(enum attn_task task, int V, int T, int d, int batch, double lr, rng_t *r);
void attn_toy_free(attn_toy *t);
/* attn_toy_step: one Adam step on a fresh batch drawn from r; returns
 * the batch's mean loss. */
double attn_toy_step(attn_toy *t, rng_t *r);
/* attn_toy_eval: the forward pass on the sequence seq [T]: loss (mean
 * over positions), correct predictions (*correct, may be NULL); the
 * weights of this example stay in t->cache. */
double attn_toy_eval(attn_toy *t, const int *seq, int *correct);
/* attn_toy_loss_grad: loss and gradients (into t->grads, cleared first)
 * of the n sequences seqs [n][T]; the gradient checker calls it. */
double attn_toy_loss_grad(attn_toy *t, const int *seqs, int n);

#endif
