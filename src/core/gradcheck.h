/* gradcheck.h - checking backpropagation against central differences.
 *
 * The numeric derivative is (L(w + eps) - L(w - eps)) / (2 eps) where L is
 * recomputed by an independent forward pass in DOUBLE precision (its own
 * activations and losses, from libm), so the comparison measures the float32
 * backprop, not float32 rounding in the differences.  Dropout counts as
 * the identity (it is random); L1/L2 penalties are included.  Note that a
 * relu kink within eps of a pre-activation makes the numeric derivative
 * meaningless there.  Not a test framework: the tests and the `gradcheck`
 * command decide what error is acceptable.
 */
#ifndef NN_CORE_GRADCHECK_H
#define NN_CORE_GRADCHECK_H

#include <stddef.h>

#include "core/loss.h"
#include "core/model.h"

/* gradcheck_loss: the mean loss plus penalties of rows x [rows][n_in]
 * (labels [rows] or targets [rows][k]) computed in double with the
 * parameters theta [P] (NULL: the model's own). */
double gradcheck_loss(const model *m, const double *theta, const loss_cfg *c, const float *x, int rows,
                      const int *labels, const float *targets);
/* gradcheck_numeric: the central difference for parameter index p. */
double gradcheck_numeric(const model *m, const loss_cfg *c, const float *x, int rows, const int *labels,
                         const float *targets, size_t p, double eps);

typedef struct gradcheck_result {
	size_t checked;     /* parameters compared (0: a layer without any) */
	double max_rel;     /* largest |b - n| / max(|b|, |n|, floor) */
	size_t worst;       /* its index within the layer (W row-major, then b) */
	double backprop;    /* the two derivatives there */
	double numeric;
} gradcheck_result;

/* gradcheck_run: backprop (float, the model's own code, no dropout) against
 * gradcheck_numeric for up to max_per_layer evenly spaced parameters of
 * every dense or conv layer; out[n_layers].  floor keeps derivatives that are
 * nearly zero from dividing by nothing (1e-6 is a good value).  The model's
 * parameters are left exactly as they were; its grads hold the backprop
 * gradient. */
void gradcheck_run(model *m, const loss_cfg *c, const float *x, int rows, const int *labels,
                   const float *targets, double eps, size_t max_per_layer, double floor,
                   gradcheck_result *out);

#endif
