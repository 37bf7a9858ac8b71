/* loss.c - loss functions (see loss.h). */
#include <config.h>

#include "core/loss.h"
#include "core/alloc.h"
#include "core/vmath.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const loss_names[] = {"mse", "ce", "bce", "huber", NULL};

int
loss_parse(const char *s)
{
	for (int i = 0; loss_names[i]; i++)
		if (strcmp(loss_names[i], s) == 0)
			return i;
	return -1;
}

void
loss_defaults(loss_cfg *c, enum loss_kind kind)
{
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->delta = 1.0f;
}

int
loss_fused(enum loss_kind l, enum act_kind last)
{
	if (l == LOSS_CE)
		return last == ACT_IDENTITY || last == ACT_SOFTMAX;
	if (l == LOSS_BCE)
		return last == ACT_IDENTITY || last == ACT_SIGMOID;
	return 0;
}

/* The target of output j of row i. */
static inline float
target_of(const int *labels, const float *targets, int i, int j, int k)
{
	if (targets)
		return targets[(size_t)i * k + j];
	if (k == 1)
		return (float)labels[i];
	return labels[i] == j ? 1.0f : 0.0f;
}

/* Cross-entropy of softmax(u) against one-hot labels (or target
 * distributions): row loss = log sum e^(u - max) - sum t (u - max), with
 * the exponentials in float (vm_exp) summed in double; gradient
 * (softmax(u) - t) / n. */
static double
ce_rows(const float *u, int n, int k, const int *labels, const float *targets, float *g,
        double *row_loss)
{
	float ebuf[64];
	float *e = k <= 64 ? ebuf : xmalloc((size_t)k * sizeof *e);
	const float inv_n = (float)(1.0 / n);
	double total = 0;
	for (int i = 0; i < n; i++) {
		const float *ui = u + (size_t)i * k;
		float mx = ui[0];
		for (int j = 1; j < k; j++)
			if (ui[j] > mx || mx != mx)
				mx = ui[j];
		for (int j = 0; j < k; j++)
			e[j] = ui[j] - mx;
		vm_exp(e, e, (size_t)k);
		double sd = 0;
		float sf = 0;
		for (int j = 0; j < k; j++) {
			sd += e[j];
			sf += e[j];
		}
		double lse = nn_log(sd), li = 0;
		for (int j = 0; j < k; j++) {
			float t = target_of(labels, targets, i, j, k);
			if (t != 0)
				li += (double)t * (lse - ((double)ui[j] - mx));
			if (g)
				g[(size_t)i * k + j] = (e[j] / sf - t) * inv_n;
		}
		if (row_loss)
			row_loss[i] = li;
		total += li;
	}
	if (e != ebuf)
		free(e);
	return total / n;
}

/* Binary cross-entropy on logits u: max(u,0) - u t + log(1 + e^-|u|);
 * gradient (sigmoid(u) - t) / (n k); p holds sigmoid(u) when known. */
static double
bce_rows(const float *u, const float *p, int n, int k, const int *labels, const float *targets,
         float *g, double *row_loss)
{
	const float inv = (float)(1.0 / ((double)n * k));
	double total = 0;
	for (int i = 0; i < n; i++) {
		double li = 0;
		for (int j = 0; j < k; j++) {
			size_t ix = (size_t)i * k + j;
			float t = target_of(labels, targets, i, j, k);
			double ud = u[ix];
			float em = vm_expf(-fabsf(u[ix]));
			li += (ud > 0 ? ud : 0) - ud * t + nn_log(1.0 + (double)em);
			if (g) {
				float s = p ? p[ix] : vm_sigmoidf(u[ix]);
				g[ix] = (s - t) * inv;
			}
		}
		if (row_loss)
			row_loss[i] = li / k;
		total += li;
	}
	return total / ((double)n * k);
}

double
loss_batch(const loss_cfg *c, enum act_kind last, const float *z, const float *h, int n, int k,
           const int *labels, const float *targets, float *g, double *row_loss)
{
	int fused = loss_fused(c->kind, last);
	const float inv = (float)(1.0 / ((double)n * k));
	double total = 0;
	switch (c->kind) {
	case LOSS_CE:
		return ce_rows(fused ? z : h, n, k, labels, targets, g, row_loss);
	case LOSS_BCE:
		return bce_rows(fused ? z : h, fused && last == ACT_SIGMOID ? h : NULL, n, k, labels, targets, g,
		                row_loss);
	case LOSS_MSE:
	case LOSS_HUBER:
		for (int i = 0; i < n; i++) {
			double li = 0;
			for (int j = 0; j < k; j++) {
				size_t ix = (size_t)i * k + j;
				float r = h[ix] - target_of(labels, targets, i, j, k);
				double rd = r;
				if (c->kind == LOSS_MSE) {
					li += rd * rd;
					if (g)
						g[ix] = 2.0f * r * inv;
				} else {
					float d = c->delta;
					double ad = fabs(rd);
					li += ad <= d ? 0.5 * rd * rd : d * (ad - 0.5 * d);
					if (g)
						g[ix] = (r > d ? d : r < -d ? -d : r) * inv;
				}
			}
			if (row_loss)
				row_loss[i] = li / k;
			total += li;
		}
		return total / ((double)n * k);
	case LOSS_COUNT:
		break;
	}
	return NAN;
}

int
loss_predict(const loss_cfg *c, enum act_kind last, const float *z, const float *h, int k)
{
	if (k == 1) {
		float p = c->kind == LOSS_BCE && last == ACT_IDENTITY ? vm_sigmoidf(z[0]) : h[0];
		return p > 0.5f;
	}
	int best = 0;
	for (int j = 1; j < k; j++)
		if (h[j] > h[best])
			best = j;
	return best;
}

double
loss_penalty(const loss_cfg *c, const float *w, size_t n, float *g)
{
	double pen = 0;
	if (c->l1 == 0 && c->l2 == 0)
		return 0;
	const float l1 = (float)c->l1, l2 = (float)c->l2;
	for (size_t i = 0; i < n; i++) {
		double wd = w[i];
		pen += c->l1 * fabs(wd) + 0.5 * c->l2 * wd * wd;
		if (g)
			g[i] += (w[i] > 0 ? l1 : w[i] < 0 ? -l1 : 0.0f) + l2 * w[i];
	}
	return pen;
}
