/* gan.h - a tiny generative adversarial network on numbers: a generator
 * G turns a standard normal z into a number x, a discriminator D gives the
 * logit s of "x is real"; they are trained against each other until G's
 * numbers are distributed like the target's.
 *
 * The target is the mixture 0.5 N(m1, sd^2) + 0.5 N(m2, sd^2).  G is
 * 1 - H tanh - H tanh - 1 and D is 1 - H tanh - H tanh - 1 (a logit), both
 * dense models (model.h) trained with adam (beta1 0.5).  One step is:
 *   D: B real samples and B fakes G(z); L_D = mean softplus(-s_real) +
 *      mean softplus(s_fake) (= -ln D(x) - ln(1 - D(G(z)))); update D.
 *   G: B new fakes; L_G = mean softplus(-s_fake) (= -ln D(G(z)), the
 *      non-saturating loss); its gradient reaches G through D's input
 *      (dL/dx = dz of D's first layer . W1^T); update G only.
 * Draws, per step, from the caller's stream: for each real sample a
 * uniform (which component: the first when u < 0.5) then a normal; then B
 * normals z for the D step's fakes, then B normals z for the G step.
 * Not the `gan` command (cmd-gan.c).
 */
#ifndef NN_CORE_GAN_H
#define NN_CORE_GAN_H

#include "core/model.h"
#include "core/optim.h"
#include "core/rng.h"

typedef struct gan {
	model *g, *d;
	optim_cfg opt_g, opt_d;
	optim_state st_g, st_d;
	int batch;              /* B */
	double m1, m2, sd;      /* the target mixture */
	float *z;               /* [B] noise */
	float *x;               /* [2B] D's input: reals, then fakes */
	float *grad;            /* [2B] dL/ds, then dL/dx */
	double loss_d, loss_g;  /* of the last step */
	double d_real, d_fake;  /* D's mean probability on the last reals and fakes */
	long steps;
} gan;

/* gan_new: weights drawn from r (G's, then D's, glorot); adam with lr and
 * beta1 0.5 for both. */
gan *gan_new(int hidden, double lr, int batch, double m1, double m2, double sd, rng_t *r);
void gan_free(gan *g);
/* gan_real: n samples of the target. */
void gan_real(const gan *g, rng_t *r, float *x, int n);
/* gan_step: one D step and one G step. */
void gan_step(gan *g, rng_t *r);
/* gan_sample: n samples G(z), z drawn from r (n normals); n <= any size. */
void gan_sample(gan *g, rng_t *r, float *x, int n);
/* gan_dgrad: fill grad [n] with dL/dx for loss gradients gs [n] on D's
 * logits at inputs x [n] (a forward and backward pass of D; D's gradients
 * are overwritten, its weights untouched). */
void gan_dgrad(gan *g, const float *x, const float *gs, int n, float *grad);

#endif
