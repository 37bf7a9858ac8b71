/* distill.c - knowledge distillation: the loss and a small SGD loop
 * (distill.h).  Not the `distill` command (cmd-distill.c).
 */
#include <config.h>

#include "core/distill.h"
#include "core/alloc.h"
#include "core/optim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* softmax of z/T in double, stable */
static void
soft(const float *z, int k, double T, double *p)
{
	double m = z[0];
	for (int j = 1; j < k; j++)
		m = z[j] > m ? z[j] : m;
	double sum = 0;
	for (int j = 0; j < k; j++)
		sum += p[j] = exp((z[j] - m) / T);
	for (int j = 0; j < k; j++)
		p[j] /= sum;
}

double
distill_loss(const float *t, const float *s, const int *labels, int rows, int k, double T, double alpha, float *g)
{
	double *p = xmalloc((size_t)k * 3 * sizeof *p), *q = p + k, *q1 = q + k;
	double total = 0;
	for (int i = 0; i < rows; i++) {
		const float *ti = t + (size_t)i * k, *si = s + (size_t)i * k;
		double soft_term = 0, hard = 0;
		if (alpha > 0) {
			soft(ti, k, T, p);
			soft(si, k, T, q);
			for (int j = 0; j < k; j++)
				if (p[j] > 0)
					soft_term += p[j] * (log(p[j]) - log(q[j]));
		}
		if (alpha < 1) {
			soft(si, k, 1, q1);
			hard = -log(q1[labels[i]]);
		}
		total += alpha * T * T * soft_term + (1 - alpha) * hard;
		if (g)
			for (int j = 0; j < k; j++) {
				double d = 0;
				if (alpha > 0)
					d += alpha * T * (q[j] - p[j]);
				if (alpha < 1)
					d += (1 - alpha) * (q1[j] - (j == labels[i]));
				g[(size_t)i * k + j] = (float)(d / rows);
			}
	}
	free(p);
	return total / rows;
}

double
distill_train(model *student, model *teacher, const dataset *ds, const distill_cfg *c, rng_t *r)
{
	int n = ds->n_train, d = ds->d, k = model_n_out(student);
	size_t *perm = xmalloc((size_t)n * sizeof *perm);
	float *xb = xmalloc((size_t)c->batch * d * sizeof *xb);
	float *tb = xmalloc((size_t)c->batch * k * sizeof *tb);
	float *g = xmalloc((size_t)c->batch * k * sizeof *g);
	int *yb = xmalloc((size_t)c->batch * sizeof *yb);
	optim_cfg oc;
	optim_defaults(&oc, OPT_SGD, c->lr);
	optim_state os;
	memset(&os, 0, sizeof os);
	optim_state_reset(&os, student->n_params);
	double ep_loss = 0;
	for (long e = 0; e < c->epochs; e++) {
		rng_permutation(r, perm, (size_t)n);
		ep_loss = 0;
		for (int at = 0; at < n; at += c->batch) {
			int rows = n - at < c->batch ? n - at : c->batch;
			for (int i = 0; i < rows; i++) {
				memcpy(xb + (size_t)i * d, ds->x + perm[at + i] * d, (size_t)d * sizeof *xb);
				yb[i] = ds->y[perm[at + i]];
			}
			if (c->alpha > 0)
				memcpy(tb, model_forward(teacher, xb, rows, 0, NULL), (size_t)rows * k * sizeof *tb);
			const float *s = model_forward(student, xb, rows, 0, NULL);
			ep_loss += distill_loss(tb, s, yb, rows, k, c->T, c->alpha, g) * rows;
			model_backward(student, g, 1, 0);
			optim_step(&oc, &os, student);
			if (c->stop && c->stop()) {
				e = c->epochs;
				ep_loss = NAN * n;
				break;
			}
		}
		ep_loss /= n;
	}
	optim_state_free(&os);
	free(perm);
	free(xb);
	free(tb);
	free(g);
	free(yb);
	return ep_loss;
}
