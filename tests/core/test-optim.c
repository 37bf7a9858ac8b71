/* test-optim.c - each optimiser's update against an independent double
 * implementation of PyTorch's formulas over several steps; weight decay
 * (weights only), clipping by the global norm, frozen layers. */
#include <config.h>

#include "../tap.h"
#include "core/optim.h"

#include <math.h>
#include <string.h>

/* One layer 3 -> 2: 6 weights then 2 biases. */
enum { P = 8, NW = 6, STEPS = 6 };

static double
grad_at(int step, int i)
{
	return sin(1.0 + 0.7 * i + 1.3 * step) * (i % 3 == 0 ? 2.0 : 0.5);
}

/* The reference: the formulas of optim.h in double. */
static void
reference(const optim_cfg *c, double w[P], int steps)
{
	double m[P] = {0}, v[P] = {0};
	for (int t = 1; t <= steps; t++) {
		double g[P], ss = 0;
		for (int i = 0; i < P; i++) {
			g[i] = grad_at(t, i);
			ss += g[i] * g[i];
		}
		double norm = sqrt(ss);
		if (c->clip > 0 && norm > c->clip)
			for (int i = 0; i < P; i++)
				g[i] *= c->clip / norm;
		for (int i = 0; i < NW; i++)
			w[i] -= c->lr * c->decay * w[i];
		for (int i = 0; i < P; i++) {
			switch (c->kind) {
			case OPT_SGD:
				w[i] -= c->lr * g[i];
				break;
			case OPT_MOMENTUM:
				m[i] = c->momentum * m[i] + g[i];
				w[i] -= c->lr * m[i];
				break;
			case OPT_NESTEROV:
				m[i] = c->momentum * m[i] + g[i];
				w[i] -= c->lr * (g[i] + c->momentum * m[i]);
				break;
			case OPT_RMSPROP:
				v[i] = c->rho * v[i] + (1 - c->rho) * g[i] * g[i];
				w[i] -= c->lr * g[i] / (sqrt(v[i]) + c->eps);
				break;
			case OPT_ADAM:
				m[i] = c->beta1 * m[i] + (1 - c->beta1) * g[i];
				v[i] = c->beta2 * v[i] + (1 - c->beta2) * g[i] * g[i];
				w[i] -= c->lr * (m[i] / (1 - pow(c->beta1, t))) / (sqrt(v[i] / (1 - pow(c->beta2, t))) + c->eps);
				break;
			default:
				break;
			}
		}
	}
}

static double
run(const optim_cfg *c, const char *what)
{
	model *m = model_new(3);
	model_add_dense(m, 2, ACT_IDENTITY, INIT_GLOROT, 0);
	double ref[P];
	for (int i = 0; i < P; i++)
		ref[i] = m->params[i] = (float)(0.1 * i - 0.35);
	optim_state s;
	memset(&s, 0, sizeof s);
	optim_state_reset(&s, m->n_params);
	double norm = 0;
	for (int t = 1; t <= STEPS; t++) {
		double ss = 0;
		for (int i = 0; i < P; i++) {
			m->grads[i] = (float)grad_at(t, i);
			ss += (double)m->grads[i] * m->grads[i];
		}
		double got = optim_step(c, &s, m);
		if (c->clip > 0)
			norm = fmax(norm, fabs(got - sqrt(ss)));
	}
	reference(c, ref, STEPS);
	double worst = 0;
	for (int i = 0; i < P; i++)
		worst = fmax(worst, fabs(m->params[i] - ref[i]) / (1e-3 + fabs(ref[i])));
	ok(worst < 2e-6 && norm < 1e-6 && s.t == STEPS, "%s: %d steps match the double formulas (worst %.2g)", what,
	   STEPS, worst);
	optim_state_free(&s);
	model_free(m);
	return worst;
}

int
main(void)
{
	optim_cfg c;
	const char *names[] = {"sgd", "momentum", "nesterov", "rmsprop", "adam"};
	for (int k = OPT_SGD; k <= OPT_ADAM; k++) {
		optim_defaults(&c, k, k >= OPT_RMSPROP ? 0.01 : 0.1);
		run(&c, names[k]);
	}
	optim_defaults(&c, OPT_ADAM, 0.05);
	c.beta1 = 0.8;
	c.beta2 = 0.95;
	c.eps = 1e-3;
	run(&c, "adam with other betas and eps");
	optim_defaults(&c, OPT_MOMENTUM, 0.1);
	c.momentum = 0.5;
	run(&c, "momentum 0.5");
	optim_defaults(&c, OPT_SGD, 0.1);
	c.decay = 0.5;
	run(&c, "sgd with weight decay 0.5 (weights only)");
	optim_defaults(&c, OPT_ADAM, 0.01);
	c.decay = 0.1;
	run(&c, "adam with decoupled weight decay");
	optim_defaults(&c, OPT_SGD, 0.1);
	c.clip = 0.5;
	run(&c, "sgd with the gradient clipped to norm 0.5");
	optim_defaults(&c, OPT_RMSPROP, 0.01);
	c.clip = 1.0;
	run(&c, "rmsprop clipped to norm 1");

	ok(optim_parse("nesterov") == OPT_NESTEROV && optim_parse("SGD") < 0 && !strcmp(optim_names[OPT_ADAM], "adam"),
	   "names");

	/* the first Adam step moves every weight by about lr, whatever g */
	model *m = model_new(3);
	model_add_dense(m, 2, ACT_IDENTITY, INIT_GLOROT, 0);
	optim_defaults(&c, OPT_ADAM, 0.001);
	optim_state s;
	memset(&s, 0, sizeof s);
	optim_state_reset(&s, m->n_params);
	for (int i = 0; i < P; i++)
		m->grads[i] = (float)(i + 1) * (i % 2 ? -1e-3f : 1e3f);
	optim_step(&c, &s, m);
	int unit = 1;
	for (int i = 0; i < P; i++)
		unit &= fabs(fabs(m->params[i]) - 0.001) < 1e-6;
	ok(unit, "Adam's first step is lr * sign(g) (bias correction)");
	ok(optim_step(&c, &s, m) == -1, "no clipping: the norm is not computed (-1)");

	/* frozen layers are skipped */
	memset(m->params, 0, P * sizeof *m->params);
	m->layers[0].frozen = 1;
	optim_defaults(&c, OPT_SGD, 1.0);
	optim_step(&c, &s, m);
	int still = 1;
	for (int i = 0; i < P; i++)
		still &= m->params[i] == 0;
	ok(still, "a frozen layer is not updated");
	m->layers[0].frozen = 0;
	ok(fabs(optim_grad_norm(m) - 1e3 * sqrt(1 + 9 + 25 + 49)) < 1e-2, "optim_grad_norm");
	optim_state_free(&s);
	model_free(m);
	return done_testing();
}
