/* optim.h - optimisers: plain SGD, momentum, Nesterov momentum, RMSprop
 * and Adam, with decoupled weight decay and gradient-norm clipping.
 *
 * The formulas are PyTorch's (torch.optim), so a peer script can follow
 * nnlab step for step:
 *   sgd       w -= lr g
 *   momentum  v = mu v + g;              w -= lr v
 *   nesterov  v = mu v + g;              w -= lr (g + mu v)
 *   rmsprop   s = rho s + (1 - rho) g^2; w -= lr g / (sqrt(s) + eps)
 *   adam      m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
 *             w -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * Weight decay (decay > 0) first shrinks the weights, not the biases:
 * w -= lr decay w (AdamW's decoupled form; for sgd it equals an L2 penalty
 * of decay/2 w^2).  Clipping (clip > 0) rescales the whole gradient to norm
 * clip when its norm is larger.  Frozen layers are skipped.  Arithmetic is
 * float32 elementwise with the hyperparameters rounded to float once.
 * Not a learning-rate schedule.
 */
#ifndef NN_CORE_OPTIM_H
#define NN_CORE_OPTIM_H

#include <stddef.h>

#include "core/model.h"

enum optim_kind { OPT_SGD, OPT_MOMENTUM, OPT_NESTEROV, OPT_RMSPROP, OPT_ADAM, OPT_COUNT };

/* optim_names: indexed by enum optim_kind, NULL-terminated. */
extern const char *const optim_names[];
int optim_parse(const char *s);

typedef struct optim_cfg {
	enum optim_kind kind;
	double lr;
	double momentum;  /* momentum, nesterov (0.9) */
	double beta1;     /* adam (0.9) */
	double beta2;     /* adam (0.999) */
	double rho;       /* rmsprop (0.99, PyTorch's alpha) */
	double eps;       /* rmsprop, adam (1e-8) */
	double decay;     /* decoupled weight decay (0) */
	double clip;      /* largest gradient norm, 0 = no clipping */
} optim_cfg;

/* The per-parameter state, laid out like the model's params. */
typedef struct optim_state {
	size_t n;         /* P */
	float *m;         /* [P] momentum buffer, Adam's first moment */
	float *v;         /* [P] RMSprop's and Adam's second moment */
	long t;           /* updates done */
	double b1t, b2t;  /* beta1^t and beta2^t, multiplied up step by step */
} optim_state;

/* optim_defaults: kind with PyTorch's defaults and lr. */
void optim_defaults(optim_cfg *c, enum optim_kind kind, double lr);
/* optim_state_reset: zeroed state for n parameters. */
void optim_state_reset(optim_state *s, size_t n);
void optim_state_free(optim_state *s);
void optim_state_copy(optim_state *dst, const optim_state *src);

/* optim_grad_norm: the Euclidean norm of the trainable gradients (double). */
double optim_grad_norm(const model *m);
/* optim_step: one update of every trainable parameter from m->grads
 * (clipped first when c->clip > 0).  Returns the gradient norm before
 * clipping when clipping is on (it is computed only then), else -1;
 * optim_grad_norm gives it on demand, the gradients being unchanged. */
double optim_step(const optim_cfg *c, optim_state *s, model *m);

#endif
