/* gradcheck.c - central differences against backprop (see gradcheck.h). */
#include <config.h>

#include "core/gradcheck.h"
#include "core/alloc.h"
#include "core/train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ==== the double-precision reference forward ============================ */

static double
ref_act(enum act_kind a, double z)
{
	switch (a) {
	case ACT_SIGMOID: return 1.0 / (1.0 + exp(-z));
	case ACT_TANH: return tanh(z);
	case ACT_RELU: return z > 0 ? z : 0;
	case ACT_LEAKY_RELU: return z > 0 ? z : (double)ACT_LEAKY_SLOPE * z;
	case ACT_GELU: {
		double v = sqrt(2.0 / M_PI) * (z + 0.044715 * z * z * z);
		return 0.5 * z * (1.0 + tanh(v));
	}
	default: return z;
	}
}

/* ref_image: a conv or pool layer on one image, by the definition (each
 * output pixel summed or maximised over its window directly, no patches). */
static void
ref_image(const model *m, const layer *L, const double *theta, const double *x, double *y)
{
	for (int oy = 0; oy < L->oh; oy++)
		for (int ox = 0; ox < L->ow; ox++)
			for (int o = 0; o < L->oc; o++) {
				double *dst = &y[((size_t)oy * L->ow + ox) * L->oc + o];
				if (L->kind == LAYER_POOL) {
					double mx = -HUGE_VAL;
					for (int dy = 0; dy < L->kh; dy++)
						for (int dx = 0; dx < L->kw; dx++) {
							double v = x[((size_t)(oy * L->kh + dy) * L->iw + ox * L->kw + dx) * L->ic + o];
							mx = v > mx ? v : mx;
						}
					*dst = mx;
					continue;
				}
				size_t bi = L->b_off + (size_t)o;
				double s = theta ? theta[bi] : m->params[bi];
				for (int ky = 0; ky < L->kh; ky++)
					for (int kx = 0; kx < L->kw; kx++)
						for (int c = 0; c < L->ic; c++) {
							size_t wi = L->w_off + (((size_t)ky * L->kw + kx) * L->ic + c) * L->oc + o;
							s += x[((size_t)(oy + ky) * L->iw + ox + kx) * L->ic + c] *
							     (theta ? theta[wi] : m->params[wi]);
						}
				*dst = ref_act(L->act, s);
			}
}

static double
ref_target(const int *labels, const float *targets, int i, int j, int k)
{
	if (targets)
		return targets[(size_t)i * k + j];
	if (k == 1)
		return labels[i];
	return labels[i] == j ? 1.0 : 0.0;
}

double
gradcheck_loss(const model *m, const double *theta, const loss_cfg *c, const float *x, int rows,
               const int *labels, const float *targets)
{
	size_t width = (size_t)m->n_in;
	for (int l = 0; l < m->n_layers; l++)
		if ((size_t)m->layers[l].out > width)
			width = (size_t)m->layers[l].out;
	double *cur = xmalloc(width * sizeof *cur), *nxt = xmalloc(width * sizeof *nxt);
	double *zl = xmalloc(width * sizeof *zl);
	int k = model_n_out(m);
	enum act_kind last = model_last_act(m);
	int fused = loss_fused(c->kind, last);
	double total = 0;
	for (int i = 0; i < rows; i++) {
		int w = m->n_in;
		for (int j = 0; j < w; j++)
			cur[j] = x[(size_t)i * w + j];
		for (int l = 0; l < m->n_layers; l++) {
			const layer *L = &m->layers[l];
			if (L->kind == LAYER_CONV || L->kind == LAYER_POOL) {
				ref_image(m, L, theta, cur, nxt);
				memcpy(cur, nxt, (size_t)L->out * sizeof *cur);
				w = L->out;
				continue;
			}
			if (L->kind != LAYER_DENSE) {
				memcpy(zl, cur, (size_t)w * sizeof *zl);  /* dropout: identity */
				continue;
			}
			for (int o = 0; o < L->out; o++) {
				size_t bi = L->b_off + (size_t)o;
				double s = theta ? theta[bi] : m->params[bi];
				for (int q = 0; q < L->in; q++) {
					size_t wi = L->w_off + (size_t)q * L->out + o;
					s += cur[q] * (theta ? theta[wi] : m->params[wi]);
				}
				zl[o] = s;
			}
			if (L->act == ACT_SOFTMAX) {
				double mx = zl[0], sum = 0;
				for (int o = 1; o < L->out; o++)
					mx = zl[o] > mx ? zl[o] : mx;
				for (int o = 0; o < L->out; o++)
					sum += exp(zl[o] - mx);
				for (int o = 0; o < L->out; o++)
					nxt[o] = exp(zl[o] - mx) / sum;
			} else {
				for (int o = 0; o < L->out; o++)
					nxt[o] = ref_act(L->act, zl[o]);
			}
			memcpy(cur, nxt, (size_t)L->out * sizeof *cur);
			w = L->out;
		}
		/* cur = h, zl = z of the last layer */
		const double *u = fused ? zl : cur;
		double li = 0;
		if (c->kind == LOSS_CE) {
			double mx = u[0], sum = 0;
			for (int j = 1; j < k; j++)
				mx = u[j] > mx ? u[j] : mx;
			for (int j = 0; j < k; j++)
				sum += exp(u[j] - mx);
			double lse = mx + log(sum);
			for (int j = 0; j < k; j++)
				li += ref_target(labels, targets, i, j, k) * (lse - u[j]);
		} else {
			for (int j = 0; j < k; j++) {
				double t = ref_target(labels, targets, i, j, k);
				if (c->kind == LOSS_BCE) {
					li += (u[j] > 0 ? u[j] : 0) - u[j] * t + log1p(exp(-fabs(u[j])));
				} else {
					double r = cur[j] - t, d = c->delta;
					if (c->kind == LOSS_MSE)
						li += r * r;
					else
						li += fabs(r) <= d ? 0.5 * r * r : d * (fabs(r) - 0.5 * d);
				}
			}
			li /= k;
		}
		total += li;
	}
	free(cur);
	free(nxt);
	free(zl);
	double pen = 0;
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		if (!layer_has_params(L))
			continue;
		for (size_t q = 0; q < layer_n_weights(L); q++) {
			double wv = theta ? theta[L->w_off + q] : m->params[L->w_off + q];
			pen += c->l1 * fabs(wv) + 0.5 * c->l2 * wv * wv;
		}
	}
	return total / rows + pen;
}

double
gradcheck_numeric(const model *m, const loss_cfg *c, const float *x, int rows, const int *labels,
                  const float *targets, size_t p, double eps)
{
	double *theta = xmalloc((m->n_params ? m->n_params : 1) * sizeof *theta);
	for (size_t i = 0; i < m->n_params; i++)
		theta[i] = m->params[i];
	double w0 = theta[p];
	theta[p] = w0 + eps;
	double lp = gradcheck_loss(m, theta, c, x, rows, labels, targets);
	theta[p] = w0 - eps;
	double lm = gradcheck_loss(m, theta, c, x, rows, labels, targets);
	free(theta);
	return (lp - lm) / (2 * eps);
}

/* ==== comparison ======================================================== */

void
gradcheck_run(model *m, const loss_cfg *c, const float *x, int rows, const int *labels,
              const float *targets, double eps, size_t max_per_layer, double floor,
              gradcheck_result *out)
{
	int k = model_n_out(m);
	enum act_kind last = model_last_act(m);
	float *g = xmalloc((size_t)rows * k * sizeof *g);
	const float *h = model_forward(m, x, rows, 0, NULL);
	loss_batch(c, last, model_out_z(m), h, rows, k, labels, targets, g, NULL);
	model_backward(m, g, loss_fused(c->kind, last), 0);
	for (int l = 0; l < m->n_layers; l++) {
		layer *L = &m->layers[l];
		if (layer_has_params(L))
			loss_penalty(c, layer_W(m, l), layer_n_weights(L), layer_dW(m, l));
	}
	free(g);

	double *theta = xmalloc((m->n_params ? m->n_params : 1) * sizeof *theta);
	for (size_t i = 0; i < m->n_params; i++)
		theta[i] = m->params[i];
	for (int l = 0; l < m->n_layers; l++) {
		layer *L = &m->layers[l];
		gradcheck_result *r = &out[l];
		memset(r, 0, sizeof *r);
		if (!layer_has_params(L))
			continue;
		size_t n = layer_n_params(L);
		size_t count = max_per_layer && n > max_per_layer ? max_per_layer : n;
		for (size_t s = 0; s < count; s++) {
			size_t q = count == n ? s : s * n / count;
			size_t p = L->w_off + q;
			double w0 = theta[p];
			theta[p] = w0 + eps;
			double lp = gradcheck_loss(m, theta, c, x, rows, labels, targets);
			theta[p] = w0 - eps;
			double lm = gradcheck_loss(m, theta, c, x, rows, labels, targets);
			theta[p] = w0;
			double num = (lp - lm) / (2 * eps), bp = m->grads[p];
			double den = fabs(bp) > fabs(num) ? fabs(bp) : fabs(num);
			if (den < floor)
				den = floor;
			double rel = fabs(bp - num) / den;
			if (r->checked == 0 || rel > r->max_rel || rel != rel) {
				r->max_rel = rel;
				r->worst = q;
				r->backprop = bp;
				r->numeric = num;
			}
			r->checked++;
		}
	}
	free(theta);
}
