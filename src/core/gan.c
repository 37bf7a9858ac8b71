/* gan.c - the tiny GAN on numbers (see gan.h). */
#include <config.h>

#include "core/gan.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static model *
gan_net(int hidden, rng_t *r)
{
	model *m = model_new(1);
	model_add_dense(m, hidden, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, hidden, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 1, ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(m, r);
	return m;
}

gan *
gan_new(int hidden, double lr, int batch, double m1, double m2, double sd, rng_t *r)
{
	gan *g = xcalloc(1, sizeof *g);
	g->g = gan_net(hidden, r);
	g->d = gan_net(hidden, r);
	optim_defaults(&g->opt_g, OPT_ADAM, lr);
	g->opt_g.beta1 = 0.5;
	g->opt_d = g->opt_g;
	optim_state_reset(&g->st_g, g->g->n_params);
	optim_state_reset(&g->st_d, g->d->n_params);
	g->batch = batch;
	g->m1 = m1, g->m2 = m2, g->sd = sd;
	g->z = xmalloc((size_t)batch * sizeof *g->z);
	g->x = xmalloc(2 * (size_t)batch * sizeof *g->x);
	g->grad = xmalloc(2 * (size_t)batch * sizeof *g->grad);
	return g;
}

void
gan_free(gan *g)
{
	if (!g)
		return;
	model_free(g->g);
	model_free(g->d);
	optim_state_free(&g->st_g);
	optim_state_free(&g->st_d);
	free(g->z);
	free(g->x);
	free(g->grad);
	free(g);
}

void
gan_real(const gan *g, rng_t *r, float *x, int n)
{
	for (int i = 0; i < n; i++) {
		double m = rng_uniform(r) < 0.5 ? g->m1 : g->m2;
		x[i] = (float)(m + g->sd * rng_normal(r));
	}
}

void
gan_sample(gan *g, rng_t *r, float *x, int n)
{
	float *z = xmalloc((size_t)(n > 0 ? n : 1) * sizeof *z);
	for (int i = 0; i < n; i++)
		z[i] = (float)rng_normal(r);
	const float *h = model_forward(g->g, z, n, 0, NULL);
	memcpy(x, h, (size_t)n * sizeof *x);
	free(z);
}

/* softplus(v) = ln(1 + e^v), without overflow */
static double
softplus(double v)
{
	return v > 0 ? v + log1p(exp(-v)) : log1p(exp(v));
}

static double
sigmoid(double v)
{
	return 1.0 / (1.0 + exp(-v));
}

void
gan_dgrad(gan *g, const float *x, const float *gs, int n, float *grad)
{
	model *d = g->d;
	model_forward(d, x, n, 0, NULL);
	model_backward(d, gs, 1, 0);
	const layer *L0 = &d->layers[0];
	const float *W0 = layer_W(d, 0);  /* [1][H] */
	for (int i = 0; i < n; i++) {
		double s = 0;
		for (int o = 0; o < L0->out; o++)
			s += (double)L0->dz[(size_t)i * L0->out + o] * W0[o];
		grad[i] = (float)s;
	}
}

void
gan_step(gan *g, rng_t *r)
{
	int B = g->batch;
	/* ---- D: reals then fakes ---- */
	gan_real(g, r, g->x, B);
	gan_sample(g, r, g->x + B, B);
	const float *s = model_forward(g->d, g->x, 2 * B, 0, NULL);
	double ld = 0, pr = 0, pf = 0;
	for (int i = 0; i < 2 * B; i++) {
		int real = i < B;
		double p = sigmoid(s[i]);
		ld += real ? softplus(-s[i]) : softplus(s[i]);
		g->grad[i] = (float)((p - (real ? 1.0 : 0.0)) / B);
		if (real)
			pr += p;
		else
			pf += p;
	}
	g->loss_d = ld / B;
	g->d_real = pr / B;
	g->d_fake = pf / B;
	model_backward(g->d, g->grad, 1, 0);
	optim_step(&g->opt_d, &g->st_d, g->d);

	/* ---- G: new fakes, through D to G ---- */
	for (int i = 0; i < B; i++)
		g->z[i] = (float)rng_normal(r);
	const float *xf = model_forward(g->g, g->z, B, 0, NULL);
	memcpy(g->x, xf, (size_t)B * sizeof *g->x);
	s = model_forward(g->d, g->x, B, 0, NULL);
	double lg = 0;
	for (int i = 0; i < B; i++) {
		lg += softplus(-s[i]);
		g->grad[i] = (float)((sigmoid(s[i]) - 1.0) / B);
	}
	g->loss_g = lg / B;
	gan_dgrad(g, g->x, g->grad, B, g->grad + B);
	/* G's buffers still hold the forward of z: its output h = x */
	model_backward(g->g, g->grad + B, 0, 0);
	optim_step(&g->opt_g, &g->st_g, g->g);
	g->steps++;
}
