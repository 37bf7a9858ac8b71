/* test-parallel.c - data parallelism (src/core/parallel.c): the gradient
 * summed over N worker threads equals the one computed on the whole batch
 * by the model itself (bit for bit with one worker; within float
 * tolerance with 2..5, uneven splits included, because the split changes
 * the order of the sums), for cross-entropy and mse with an L2 penalty;
 * and 100 SGD steps with 2 workers end within tolerance of 1 worker.
 * Links libnncore.a and -lm only (pthreads are in libc).
 */
#include <config.h>

#include "core/dataset.h"
#include "core/loss.h"
#include "core/model.h"
#include "core/optim.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "core/train.h"
#include "../tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* the reference: one forward and backward over all rows, plus penalties */
static double
whole(model *m, const loss_cfg *c, const float *x, const int *y, const float *t, int rows)
{
	const float *h = model_forward(m, x, rows, 0, NULL);
	int k = model_n_out(m);
	float *g = malloc((size_t)rows * k * sizeof *g);
	enum act_kind last = model_last_act(m);
	double l = loss_batch(c, last, model_out_z(m), h, rows, k, y, t, g, NULL);
	model_backward(m, g, loss_fused(c->kind, last), 0);
	for (int i = 0; i < m->n_layers; i++)
		if (layer_has_params(&m->layers[i]))
			loss_penalty(c, layer_W(m, i), layer_n_weights(&m->layers[i]), layer_dW(m, i));
	free(g);
	return l;
}

static double
maxdiff(const float *a, const float *b, size_t n, double *scale)
{
	double d = 0, s = 0;
	for (size_t i = 0; i < n; i++) {
		d = fmax(d, fabs((double)a[i] - b[i]));
		s = fmax(s, fabs((double)b[i]));
	}
	*scale = s;
	return d;
}

static void
compare(const char *what, model *m, const loss_cfg *c, const float *x, const int *y, const float *t, int rows)
{
	double l0 = whole(m, c, x, y, t, rows);
	float *ref = malloc(m->n_params * sizeof *ref);
	memcpy(ref, m->grads, m->n_params * sizeof *ref);
	for (int n = 1; n <= 5; n++) {
		parallel *p = parallel_new(m, n);
		double l = parallel_grad(p, m, c, x, y, t, rows);
		double s, d = maxdiff(m->grads, ref, m->n_params, &s);
		if (n == 1)
			ok(d == 0 && l == l0, "%s, 1 worker: the same bits as the whole batch", what);
		else
			ok(d <= 1e-6 && fabs(l - l0) <= 1e-6 * fabs(l0),
			   "%s, %d workers, %d rows: max |diff| %.3g (largest gradient %.3g), loss %.9g vs %.9g", what, n, rows, d,
			   s, l, l0);
		parallel_free(p);
	}
	free(ref);
}

int
main(void)
{
	rng_t r;
	rng_init(&r, 1);
	dataset *ds = dataset_spiral(&r, 50, 3, 0.2);
	model *m = model_new(2);
	model_add_dense(m, 64, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 64, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 3, ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(m, &r);
	loss_cfg c;
	loss_defaults(&c, LOSS_CE);
	compare("ce", m, &c, ds->x, ds->y, NULL, 64);
	compare("ce", m, &c, ds->x, ds->y, NULL, 37);
	c.l2 = 1e-3;
	compare("ce + l2", m, &c, ds->x, ds->y, NULL, 150);
	/* regression: mse on made-up targets */
	float *t = malloc(150 * 3 * sizeof *t);
	for (int i = 0; i < 150 * 3; i++)
		t[i] = rng_uf(&r, -1, 1);
	loss_defaults(&c, LOSS_MSE);
	compare("mse", m, &c, ds->x, NULL, t, 150);
	free(t);

	/* training: 100 sgd steps, 1 worker on the model vs 2 workers */
	loss_defaults(&c, LOSS_CE);
	model *a = model_clone(m), *b = model_clone(m);
	optim_cfg oc;
	optim_defaults(&oc, OPT_SGD, 0.1);
	optim_state sa, sb;
	memset(&sa, 0, sizeof sa);
	memset(&sb, 0, sizeof sb);
	optim_state_reset(&sa, m->n_params);
	optim_state_reset(&sb, m->n_params);
	parallel *p = parallel_new(b, 2);
	for (int step = 0; step < 100; step++) {
		int r0 = (step * 32) % 128;
		whole(a, &c, ds->x + (size_t)r0 * 2, ds->y + r0, NULL, 32);
		optim_step(&oc, &sa, a);
		parallel_grad(p, b, &c, ds->x + (size_t)r0 * 2, ds->y + r0, NULL, 32);
		optim_step(&oc, &sb, b);
	}
	double s, d = maxdiff(b->params, a->params, m->n_params, &s);
	ok(d < 1e-5 * s, "100 sgd steps, 2 workers vs 1: weights within %.3g (largest %.3g)", d, s);
	diag("bit-identical after 100 steps: %s", d == 0 ? "yes" : "no (summation order)");
	parallel_free(p);
	optim_state_free(&sa);
	optim_state_free(&sb);
	model_free(a);
	model_free(b);
	model_free(m);
	dataset_free(ds);
	return done_testing();
}
