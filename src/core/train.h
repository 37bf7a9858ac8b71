/* train.h - mini-batch training of a model on a dataset, one step at a
 * time, and evaluation.
 *
 * Each epoch visits the training rows (0..n_train-1) in the order of a
 * permutation drawn from the caller's stream when the epoch's first batch
 * is needed (rng_permutation: n_train uniforms; or in order, drawing
 * nothing, when shuffle is 0), in consecutive batches; the last batch of
 * an epoch holds what is left.  A step is: gather the
 * batch, forward (dropout draws from the same stream), loss and its
 * gradient, backward, L1/L2 penalty gradients, the optimiser update.  This
 * is exactly workload W1 of WORKLOADS.md when the model is 2-64-64-3 tanh
 * with glorot weights, loss ce, sgd lr 0.1 and batch 32.
 * The trainer never keeps the dataset or the model: callers pass them to
 * every call, so replacing either cannot leave a dangling pointer.
 * Not the `train` command (cmd-train.c), which adds reporting and
 * divergence checks.
 */
#ifndef NN_CORE_TRAIN_H
#define NN_CORE_TRAIN_H

#include <stddef.h>

#include "core/dataset.h"
#include "core/loss.h"
#include "core/model.h"
#include "core/optim.h"
#include "core/rng.h"

/* One row of history per completed epoch, at most TRAIN_HIST_MAX rows:
 * when the history is full, every other row but the newest is dropped
 * (the first stays), so a session of millions of epochs keeps flat memory
 * and its older epochs are sampled more sparsely.  Rows carry their own
 * epoch and step, so nothing may assume row i is epoch i + 1. */
#define TRAIN_HIST_MAX 16384
/* One row of the history. */
typedef struct train_hist {
	long epoch;        /* 1, 2, ... */
	long step;         /* steps done at the end of the epoch */
	double lr;         /* the learning rate of its last step */
	double loss;       /* mean batch loss over the epoch's samples */
	double acc;        /* fraction of its samples classified right in
	                    * their forward pass; NaN for regression */
	double train_loss, train_acc;  /* full evaluations when made, else NaN */
	double test_loss, test_acc;
} train_hist;

typedef struct trainer {
	loss_cfg loss;
	optim_cfg opt;
	optim_state ost;
	int batch;
	int shuffle;       /* 1: a new permutation per epoch; 0: rows in order
	                    * (nothing drawn), as workload W2 wants */
	long epoch;        /* epochs completed */
	long step;         /* steps completed */
	int pos;           /* rows of this epoch's permutation used so far */
	int perm_ready;    /* the permutation of the current epoch is drawn */
	int n_perm;
	size_t *perm;      /* [n_train] */
	/* the last batch */
	int rows, cap;     /* rows of the last batch; rows the buffers hold */
	size_t cap_x, cap_t, cap_g;
	float *xb;         /* [cap][d] gathered inputs (shuffled epochs) */
	int *yb;           /* [cap] gathered labels */
	float *tb;         /* [cap][k] gathered targets */
	const float *bx;   /* [rows][d] the batch's inputs: xb, or the rows in
	                    * place in the dataset when not shuffled */
	const int *by;     /* [rows] its labels (classification), or NULL */
	const float *bt;   /* [rows][k] its targets (regression), or NULL */
	float *g;          /* [rows][n_out] loss gradient */
	size_t *idx;       /* [rows] the dataset rows of the batch */
	double batch_loss; /* its mean loss, penalties excluded */
	double penalty;    /* its L1/L2 penalty */
	int batch_correct;
	struct parallel *par; /* data parallelism: the batch's gradient is
	                    * computed by these workers (parallel.h), or NULL;
	                    * not owned: whoever sets it frees it */
	double grad_norm;  /* before clipping; -1 when clipping is off (then
	                    * optim_grad_norm gives it: grads are unchanged) */
	/* the epoch in progress */
	double ep_loss;    /* sum of loss * rows */
	long ep_correct, ep_rows;
	/* history */
	train_hist *hist;
	size_t n_hist, cap_hist;
} trainer;

/* trainer_init: loss ce, sgd lr 0.1, batch 32, shuffled, nothing done. */
void trainer_init(trainer *t);
void trainer_free(trainer *t);
/* trainer_reset: back to epoch 0 with a fresh optimiser state for m and no
 * history; the configuration is kept. */
void trainer_reset(trainer *t, const model *m);
/* trainer_restart_epoch: the next step starts a new epoch (the data
 * changed); counters and history are kept. */
void trainer_restart_epoch(trainer *t);

/* trainer_steps_per_epoch: ceil(n_train / batch). */
int trainer_steps_per_epoch(const trainer *t, const dataset *ds);
/* trainer_begin_epoch: draw the epoch's permutation now if the next step
 * starts an epoch and it is not drawn yet (the bench draws it outside its
 * timer; trainer_step does it otherwise). */
void trainer_begin_epoch(trainer *t, const dataset *ds, rng_t *r);
/* trainer_step: one training step; returns the batch's mean loss before
 * the update (penalties excluded).  The model's buffers then hold the
 * batch's forward and backward pass, grads its gradient. */
double trainer_step(trainer *t, model *m, const dataset *ds, rng_t *r);
/* trainer_last_hist: the newest history row, or NULL. */
train_hist *trainer_last_hist(trainer *t);

/* Evaluation of rows [r0, r1) without dropout, in chunks. */
typedef struct eval_result {
	long n;            /* rows */
	double loss;       /* mean loss, penalties excluded */
	long correct;      /* classification only */
	double acc;        /* correct / n, NaN for regression */
} eval_result;

/* model_evaluate: confusion, when not NULL, is [k][k] counts of (true
 * class, predicted class), added to. */
void model_evaluate(model *m, const loss_cfg *c, const dataset *ds, int r0, int r1, eval_result *out,
                    long *confusion);
/* model_out_z: the last layer's pre-activation (its output when the last
 * layer is not dense), as loss_batch wants it. */
const float *model_out_z(const model *m);

#endif
