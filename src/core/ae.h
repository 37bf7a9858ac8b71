/* ae.h - an autoencoder: a network trained to give back its own input
 * through a narrow middle layer (the code), so the code must keep what
 * matters about the data.
 *
 * The network is d - H tanh - C - H tanh - d: the encoder is the first two
 * dense layers, the code is the C outputs of layer 2 (no activation), the
 * decoder the last two; loss mse against the input itself.  The data is
 * any dataset's features: ae_dataset makes them the targets too.
 * Not a trainer (train.h does the training) and not the `ae` command.
 */
#ifndef NN_CORE_AE_H
#define NN_CORE_AE_H

#include "core/dataset.h"
#include "core/model.h"

#define AE_CODE_LAYER 1

/* ae_dataset: a regression dataset whose rows are src's features, then
 * its targets when src is a regression (so 'data sine' gives the 2-D
 * points (x, t)), as both features and targets; the same rows and split;
 * named "NAME-ae". */
dataset *ae_dataset(const dataset *src);
/* ae_model: d - hidden tanh - code - hidden tanh - d, weights zero until
 * model_init. */
model *ae_model(int d, int hidden, int code);
/* ae_baseline: the mse, over rows [r0, r1) and every column, of answering
 * every row with the mean of the training rows (what a network that
 * ignores its input can do at best). */
double ae_baseline(const dataset *ds, int r0, int r1);
/* ae_code: the code of row x [d] (code [C]), by a forward pass of m. */
void ae_code(model *m, const float *x, float *code);

#endif
