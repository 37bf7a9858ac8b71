/* loss.h - loss functions: mean squared error, cross-entropy (softmax
 * fused, numerically stable), binary cross-entropy (sigmoid fused) and
 * Huber; their gradients; and the class a row of outputs predicts.
 *
 * Losses are means over the batch (and, except for cross-entropy, over the
 * outputs), reported in double.  Targets are class labels (one-hot, or the
 * label itself for a single output) or real values [n][k].  The L1 and L2
 * penalties live in the configuration here because they belong to the
 * objective; model.c's callers add them (loss_penalty).  Not an optimiser.
 */
#ifndef NN_CORE_LOSS_H
#define NN_CORE_LOSS_H

#include "core/act.h"

#include <stddef.h>

enum loss_kind { LOSS_MSE, LOSS_CE, LOSS_BCE, LOSS_HUBER, LOSS_COUNT };

/* loss_names: indexed by enum loss_kind, NULL-terminated. */
extern const char *const loss_names[];
int loss_parse(const char *s);

typedef struct loss_cfg {
	enum loss_kind kind;
	float delta;  /* huber: |error| where the square turns linear (1) */
	double l1;    /* penalty l1 * sum |w| over the weights (not biases) */
	double l2;    /* penalty (l2 / 2) * sum w^2 over the weights */
} loss_cfg;

/* loss_defaults: kind with delta 1, no penalties. */
void loss_defaults(loss_cfg *c, enum loss_kind kind);

/* loss_fused: 1 when the loss differentiates through the last activation
 * itself: ce after identity or softmax (gradient (softmax(z) - t)/n) and
 * bce after identity or sigmoid (gradient (sigmoid(z) - t)/(n k)).  Any
 * other activation's outputs are taken as the logits. */
int loss_fused(enum loss_kind l, enum act_kind last);

/* loss_batch: the mean loss of n rows of k outputs.  z and h are the last
 * layer's pre-activation and output; labels [n] or targets [n][k] (one of
 * them NULL).  When g is not NULL it receives the gradient [n][k] of the
 * mean loss: with respect to z if loss_fused(), else with respect to h.
 * row_loss [n], if not NULL, receives each row's loss. */
double loss_batch(const loss_cfg *c, enum act_kind last, const float *z, const float *h, int n, int k,
                  const int *labels, const float *targets, float *g, double *row_loss);

/* loss_predict: the class one row of outputs predicts: the largest output
 * (lowest index on ties), or with a single output 1 when its probability
 * (sigmoid(z) for bce on logits, else h) exceeds 0.5. */
int loss_predict(const loss_cfg *c, enum act_kind last, const float *z, const float *h, int k);

/* loss_penalty: the L1/L2 penalty of weights w[n] (double), and when g is
 * not NULL adds its gradient l1 * sign(w) + l2 * w to g. */
double loss_penalty(const loss_cfg *c, const float *w, size_t n, float *g);

#endif
