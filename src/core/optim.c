/* optim.c - optimisers (see optim.h). */
#include <config.h>

#include "core/optim.h"
#include "core/alloc.h"

#include "core/kern.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ==== the elementwise updates, per instruction set ===================== */

#define SIMD_BODY "core/optim-kern.h"
#include "core/simd-each.h"

/* ==== names, defaults, state ============================================ */

const char *const optim_names[] = {"sgd", "momentum", "nesterov", "rmsprop", "adam", NULL};

int
optim_parse(const char *s)
{
	for (int i = 0; optim_names[i]; i++)
		if (strcmp(optim_names[i], s) == 0)
			return i;
	return -1;
}

void
optim_defaults(optim_cfg *c, enum optim_kind kind, double lr)
{
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->lr = lr;
	c->momentum = 0.9;
	c->beta1 = 0.9;
	c->beta2 = 0.999;
	c->rho = 0.99;
	c->eps = 1e-8;
}

void
optim_state_reset(optim_state *s, size_t n)
{
	s->m = xreallocarray(s->m, n ? n : 1, sizeof *s->m);
	s->v = xreallocarray(s->v, n ? n : 1, sizeof *s->v);
	memset(s->m, 0, n * sizeof *s->m);
	memset(s->v, 0, n * sizeof *s->v);
	s->n = n;
	s->t = 0;
	s->b1t = s->b2t = 1.0;
}

void
optim_state_free(optim_state *s)
{
	free(s->m);
	free(s->v);
	memset(s, 0, sizeof *s);
}

void
optim_state_copy(optim_state *dst, const optim_state *src)
{
	optim_state_reset(dst, src->n);
	memcpy(dst->m, src->m, src->n * sizeof *dst->m);
	memcpy(dst->v, src->v, src->n * sizeof *dst->v);
	dst->t = src->t;
	dst->b1t = src->b1t;
	dst->b2t = src->b2t;
}

double
optim_grad_norm(const model *m)
{
	double ss = 0;
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		if (!layer_has_params(L) || L->frozen)
			continue;
		const float *g = m->grads + L->w_off;
		size_t n = layer_n_params(L);
		for (size_t i = 0; i < n; i++)
			ss += (double)g[i] * g[i];
	}
	return sqrt(ss);
}

/* The update of n parameters w with gradients g and state sm, sv. */
static void
update_run(const optim_cfg *c, float *w, float *g, float *sm, float *sv, size_t n, float bc1, float bc2)
{
	const float lr = (float)c->lr;
	switch (c->kind) {
	case OPT_SGD:
		KERN_CALL(opt_sgd, (w, g, lr, n));
		break;
	case OPT_MOMENTUM:
	case OPT_NESTEROV:
		KERN_CALL(opt_momentum, (w, g, sm, (float)c->momentum, lr, c->kind == OPT_NESTEROV, n));
		break;
	case OPT_RMSPROP:
		KERN_CALL(opt_rmsprop, (w, g, sv, (float)c->rho, (float)(1.0 - c->rho), lr, (float)c->eps, n));
		break;
	case OPT_ADAM: {
		const float k[8] = {(float)c->beta1, (float)(1.0 - c->beta1), (float)c->beta2,
		                    (float)(1.0 - c->beta2), bc1, bc2, lr, (float)c->eps};
		KERN_CALL(opt_adam, (w, g, sm, sv, k, n));
		break;
	}
	case OPT_COUNT:
		break;
	}
}

double
optim_step(const optim_cfg *c, optim_state *s, model *m)
{
	double norm = -1;
	if (c->clip > 0)
		norm = optim_grad_norm(m);
	if (c->clip > 0 && norm > c->clip) {
		const float f = (float)(c->clip / norm);
		for (int l = 0; l < m->n_layers; l++) {
			layer *L = &m->layers[l];
			if (!layer_has_params(L) || L->frozen)
				continue;
			KERN_CALL(opt_scale, (m->grads + L->w_off, f, layer_n_params(L)));
		}
	}
	s->t++;
	/* Adam's bias corrections 1 - beta^t, the powers kept in double */
	s->b1t *= c->beta1;
	s->b2t *= c->beta2;
	const float bc1 = (float)(1.0 - s->b1t), bc2 = (float)(1.0 - s->b2t);
	const float shrink = (float)(c->lr * c->decay);
	for (int l = 0; l < m->n_layers; l++) {
		layer *L = &m->layers[l];
		if (!layer_has_params(L) || L->frozen)
			continue;
		size_t nw = layer_n_weights(L), n = layer_n_params(L);
		float *w = m->params + L->w_off;
		if (c->decay > 0)
			KERN_CALL(opt_sgd, (w, w, shrink, nw));
		update_run(c, w, m->grads + L->w_off, s->m + L->w_off, s->v + L->w_off, n, bc1, bc2);
	}
	return norm;
}
