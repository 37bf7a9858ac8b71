/* parallel.h - data parallelism on one machine: a batch split across N
 * worker threads, each with its own replica of the model, and the
 * gradients summed (an all-reduce) into the model's.
 *
 * Worker w takes rows [w*B/N, (w+1)*B/N) of a batch of B rows, copies the
 * model's parameters (the broadcast), runs forward and backward on its
 * rows with the loss gradient scaled by rows_w/B, so that the sum over
 * workers is the gradient of the mean loss over the whole batch.  The
 * sums run in worker order, so the result is the same from run to run,
 * but not bit-identical to one worker on the whole batch: floating-point
 * addition is not associative, and the split changes the order in which
 * each dW = X^T.dZ adds up its rows.  No dropout (a replica's draws would
 * depend on the split).  Not an optimiser: callers step on m->grads.
 */
#ifndef NN_CORE_PARALLEL_H
#define NN_CORE_PARALLEL_H

#include "core/loss.h"
#include "core/model.h"

#define PARALLEL_MAX_WORKERS 64

typedef struct parallel parallel;

/* parallel_new: workers replicas of m (1..PARALLEL_MAX_WORKERS); NULL if
 * a thread could not be made.  The architecture must not change while
 * it lives. */
parallel *parallel_new(const model *m, int workers);
void parallel_free(parallel *p);
int parallel_workers(const parallel *p);

/* parallel_grad: m->grads = the gradient of the mean loss of x [rows][n_in]
 * (labels [rows] or targets [rows][k]), L1/L2 penalties included (as
 * trainer_step adds them), computed by p's workers.  Returns the mean
 * loss (penalties excluded).  rows >= 1. */
double parallel_grad(parallel *p, model *m, const loss_cfg *c, const float *x, const int *labels,
                     const float *targets, int rows);

/* parallel_correct: of the last parallel_grad's rows with labels, how many
 * the model answered right (loss_predict on the workers' forward passes;
 * 0 without labels). */
long parallel_correct(const parallel *p);

#endif
