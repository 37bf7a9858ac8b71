/* distill.h - knowledge distillation (Hinton, Vinyals and Dean 2015): a
 * student trained on a teacher's softened output probabilities.
 *
 * With teacher logits t, student logits s, temperature T and p = softmax(t/T),
 * q = softmax(s/T), the loss of one row is
 *   alpha * T^2 * KL(p || q) + (1 - alpha) * CE(y, softmax(s))
 * and its gradient with respect to s is
 *   alpha * T * (q - p) + (1 - alpha) * (softmax(s) - onehot(y)).
 * The T^2 keeps the soft term's gradient on the scale of the label term's
 * as T grows.  Not a general trainer (train.h): plain mini-batch SGD, the
 * last layer's outputs taken as logits.
 */
#ifndef NN_CORE_DISTILL_H
#define NN_CORE_DISTILL_H

#include "core/dataset.h"
#include "core/model.h"
#include "core/rng.h"

/* distill_loss: the mean loss over rows of k logits; labels may be NULL
 * when alpha is 1.  g [rows][k], when not NULL, receives the gradient of
 * the mean with respect to s. */
double distill_loss(const float *t, const float *s, const int *labels, int rows, int k, double T, double alpha,
                    float *g);

typedef struct distill_cfg {
	double T;       /* temperature, > 0 */
	double alpha;   /* weight of the soft term, 0..1 (0: labels only) */
	double lr;      /* SGD learning rate */
	int batch;
	long epochs;
	int (*stop)(void); /* NULL, or polled after every batch: nonzero ends the training early */
} distill_cfg;

/* distill_train: train student on the training rows of ds: per epoch one
 * permutation from r (rng_permutation), then batches in order; each step
 * forwards the batch through the teacher (when alpha > 0; no dropout) and
 * the student, and takes one SGD step on distill_loss.  Teacher and
 * student end in identity layers (logits).  Returns the last epoch's mean
 * loss (NaN when c->stop ended it first). */
double distill_train(model *student, model *teacher, const dataset *ds, const distill_cfg *c, rng_t *r);

#endif
