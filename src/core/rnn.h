/* rnn.h - a character-level vanilla RNN: tanh hidden state, a dense
 * output over the symbols, trained by truncated backpropagation through
 * time on parallel streams of a text, exactly as the W3 workload of the
 * bench (WORKLOADS.md section 4); perplexity; sampling.
 *
 * Legend for the shape comments:
 *   V  symbols (characters or bytes: vocab.h symset)
 *   H  hidden units
 *   B  streams trained side by side (the batch)
 *   T  time steps per chunk (the truncation length)
 * The model, for the symbol x_t (one-hot) and the state h_{t-1}:
 *   h_t      = tanh(x_t.W_xh + h_{t-1}.W_hh + b_h)
 *   logits_t = h_t.W_hy + b_y
 * and the loss is the mean cross-entropy of the next symbol.  x_t.W_xh is
 * the row x_t of W_xh.  All parameters sit in one array, in the order
 * W_xh [V][H], W_hh [H][H], b_h [H], W_hy [H][V], b_y [V] (the order W3
 * draws them in); grads has the same layout and accumulates.
 *
 * With recurrent = 0, W_hh stays zero: h_t depends on the current symbol
 * only, which makes the same code a feed-forward next-symbol model for
 * the memory demo.  Not an LSTM or GRU, and no gradient clipping unless
 * the optimiser's configuration asks for it.
 */
#ifndef NN_CORE_RNN_H
#define NN_CORE_RNN_H

#include <stddef.h>
#include <stdint.h>

#include "core/optim.h"
#include "core/rng.h"

#define RNN_MAX_H 1024
#define RNN_MAX_T 512
#define RNN_MAX_B 256

typedef struct rnn {
	int V, H;
	int recurrent;        /* 0: W_hh is held at zero */
	size_t n_params;      /* P */
	float *params;        /* [P] */
	float *Wxh;           /* [V][H] */
	float *Whh;           /* [H][H] */
	float *bh;            /* [H] */
	float *Why;           /* [H][V] */
	float *by;            /* [V] */
	float *grads;         /* [P] same layout, accumulated */
} rnn;

/* rnn_new: zero parameters. */
rnn *rnn_new(int V, int H, int recurrent);
void rnn_free(rnn *m);
rnn *rnn_clone(const rnn *m);
/* rnn_init: every parameter uniform in (-k, k), k = 1/sqrt(H), drawn in
 * the layout's order (W3's initialisation); W_hh is drawn and then
 * zeroed when the model is not recurrent, so both kinds of model drawn
 * from the same stream start from the same other weights. */
void rnn_init(rnn *m, rng_t *r);

/* Buffers for chunks of up to B streams by T steps. */
typedef struct rnn_work {
	int B, T;
	float *hs;       /* [T+1][B][H] the state before the chunk, then h_0 .. h_{T-1} */
	float *logits;   /* [T][B][V]; after a backward pass, d loss / d logits */
	float *dhs;      /* [T][B][H] d loss / d h, then d loss / d pre-activation */
	float *xb;       /* [V][H] W_xh + b_h: the pre-activation's input part per symbol */
	float *ones;     /* [T*B] ones: column sums as a product */
	float *WhhT;     /* [H][H] W_hh transposed for the backward pass */
	float *tmp;      /* [max(V, H*V)] scratch */
} rnn_work;

void rnn_work_init(rnn_work *w, const rnn *m, int B, int T);
void rnn_work_free(rnn_work *w);

/* rnn_chunk: run n <= T steps of B streams: in and tgt are [n][B]
 * (time-major) symbol ids, h [B][H] the state, replaced by the state
 * after the last step.  Returns the summed cross-entropy of the n*B
 * predictions (double).  With backward, ADDS the gradient of the MEAN
 * loss (the sum divided by n*B) to m->grads; no gradient flows into the
 * state h came in with (truncated BPTT). */
double rnn_chunk(rnn *m, rnn_work *w, const int *in, const int *tgt, int n, float *h, int backward);

/* rnn_eval: the mean cross-entropy (nats per symbol) of the ids [L]
 * split into B streams of S = floor(L/B) symbols, each evaluated from a
 * zero state over its positions 0 .. npos-1 (npos <= S-1) in chunks of
 * T; W3's final perplexity is exp(rnn_eval(m, ids, L, 16, 32, C*32)). */
double rnn_eval(rnn *m, const int *ids, size_t L, int B, int T, size_t npos);

/* The same evaluation in slices, for long texts. */
typedef struct rnn_evaluator {
	rnn *m;               /* not owned */
	const int *ids;       /* [L] not owned */
	int B, T;
	size_t S, npos, pos;  /* positions evaluated so far: pos */
	double sum;           /* summed cross-entropy so far */
	float *h;             /* [B][H] */
	int *in, *tgt;        /* [T][B] */
	rnn_work w;
} rnn_evaluator;

void rnn_eval_init(rnn_evaluator *ev, rnn *m, const int *ids, size_t L, int B, int T, size_t npos);
/* rnn_eval_run: up to max_chunks more chunks; 1 when all are done. */
int rnn_eval_run(rnn_evaluator *ev, long max_chunks);
/* rnn_eval_mean: the mean cross-entropy of the positions done so far. */
double rnn_eval_mean(const rnn_evaluator *ev);
void rnn_eval_free(rnn_evaluator *ev);

/* ==== training: the W3 scheme ===========================================
 * Stream b is ids[b*S .. (b+1)*S-1], S = floor(L/B); a pass has
 * C = floor((S-1)/T) chunks; step s uses chunk c = s mod C, inputs
 * stream_b[c*T + t], targets stream_b[c*T + t + 1].  The state is zero
 * at c = 0 and otherwise carried over, detached. */
typedef struct rnn_trainer {
	rnn *m;               /* not owned */
	int B, T;
	int *ids;             /* [L] owned copy */
	size_t L, S;
	long C;               /* chunks per pass */
	long step;            /* steps taken (the next chunk is step mod C) */
	float *h;             /* [B][H] the carried state */
	int *in, *tgt;        /* [T][B] */
	optim_cfg opt;
	optim_state ost;
	rnn_work w;
} rnn_trainer;

/* rnn_trainer_min_len: the shortest text B streams of chunks of T need. */
size_t rnn_trainer_min_len(int B, int T);
/* rnn_trainer_init: -1 if the text is shorter than rnn_trainer_min_len. */
int rnn_trainer_init(rnn_trainer *tr, rnn *m, const int *ids, size_t L, int B, int T,
                     const optim_cfg *opt);
void rnn_trainer_free(rnn_trainer *tr);
/* rnn_trainer_step: one optimiser step; returns the chunk's mean loss. */
double rnn_trainer_step(rnn_trainer *tr);

/* ==== sampling ========================================================== */

/* rnn_step1: one step of one stream: h [H] advances on symbol x and
 * probs [V] receives softmax(logits / temp) (temp > 0).  tmp holds
 * max(H, V) floats. */
void rnn_step1(const rnn *m, float *h, int x, double temp, float *probs, float *tmp);
/* rnn_pick: a symbol drawn from probs [V] with one uniform from r; with
 * top_k > 0 only the top_k most likely (ties: lower id) can be drawn. */
int rnn_pick(const float *probs, int V, int top_k, rng_t *r);

/* rnn_checksum: FNV-1a of the parameters' bits. */
uint64_t rnn_checksum(const rnn *m);

#endif
