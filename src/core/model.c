/* model.c - the feed-forward network (see model.h). */
#include <config.h>

#include "core/model.h"
#include "core/alloc.h"
#include "core/conv.h"
#include "core/gemm.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const init_names[] = {"glorot", "he", "normal", NULL};

int
init_parse(const char *s)
{
	for (int i = 0; init_names[i]; i++)
		if (strcmp(init_names[i], s) == 0)
			return i;
	return -1;
}

/* ==== building ========================================================== */

model *
model_new(int n_in)
{
	model *m = xcalloc(1, sizeof *m);
	m->n_in = n_in;
	return m;
}

static void
layer_free_buffers(layer *L)
{
	free(L->z);
	free(L->h);
	free(L->dz);
	free(L->dh);
	free(L->keep);
	free(L->col);
	free(L->dcol);
	free(L->arg);
	L->z = L->h = L->dz = L->dh = L->col = L->dcol = NULL;
	L->keep = NULL;
	L->arg = NULL;
}

void
model_free(model *m)
{
	if (!m)
		return;
	for (int l = 0; l < m->n_layers; l++)
		layer_free_buffers(&m->layers[l]);
	free(m->layers);
	free(m->params);
	free(m->grads);
	free(m->work);
	free(m);
}

model *
model_clone(const model *m)
{
	model *c = xcalloc(1, sizeof *c);
	c->n_in = m->n_in;
	c->n_layers = m->n_layers;
	c->layers = xcalloc((size_t)(m->n_layers > 0 ? m->n_layers : 1), sizeof *c->layers);
	for (int l = 0; l < m->n_layers; l++) {
		c->layers[l] = m->layers[l];
		c->layers[l].z = c->layers[l].h = c->layers[l].dz = c->layers[l].dh = NULL;
		c->layers[l].keep = NULL;
		c->layers[l].col = c->layers[l].dcol = NULL;
		c->layers[l].arg = NULL;
	}
	c->n_params = m->n_params;
	c->params = xmalloc((m->n_params ? m->n_params : 1) * sizeof *c->params);
	c->grads = xmalloc((m->n_params ? m->n_params : 1) * sizeof *c->grads);
	if (m->n_params) {
		memcpy(c->params, m->params, m->n_params * sizeof *c->params);
		memcpy(c->grads, m->grads, m->n_params * sizeof *c->grads);
	}
	return c;
}

void
model_copy_params(model *dst, const model *src)
{
	memcpy(dst->params, src->params, src->n_params * sizeof *dst->params);
}

static void
layer_alloc_buffers(model *m, layer *L)
{
	size_t n = (size_t)m->cap_rows * (size_t)L->out;
	if (n == 0)
		return;
	L->h = xrealloc(L->h, n * sizeof *L->h);
	L->dh = xrealloc(L->dh, n * sizeof *L->dh);
	if (L->kind == LAYER_DENSE || L->kind == LAYER_CONV) {
		L->z = xrealloc(L->z, n * sizeof *L->z);
		L->dz = xrealloc(L->dz, n * sizeof *L->dz);
	} else if (L->kind == LAYER_POOL) {
		L->arg = xrealloc(L->arg, n * sizeof *L->arg);
	} else {
		L->keep = xrealloc(L->keep, n * sizeof *L->keep);
	}
	if (L->kind == LAYER_CONV) {
		size_t nc = (size_t)m->cap_rows * L->oh * L->ow * L->kh * L->kw * L->ic;
		L->col = xrealloc(L->col, nc * sizeof *L->col);
		L->dcol = xrealloc(L->dcol, nc * sizeof *L->dcol);
	}
}

static layer *
model_push(model *m)
{
	m->layers = xreallocarray(m->layers, (size_t)m->n_layers + 1, sizeof *m->layers);
	layer *L = &m->layers[m->n_layers++];
	memset(L, 0, sizeof *L);
	L->in = model_n_out(m);
	return L;
}

/* model_grow: room for the parameters of L, placed at the end. */
static void
model_grow(model *m, layer *L, size_t nw, size_t nb)
{
	L->w_off = m->n_params;
	L->b_off = m->n_params + nw;
	size_t np = L->b_off + nb;
	m->params = xreallocarray(m->params, np, sizeof *m->params);
	m->grads = xreallocarray(m->grads, np, sizeof *m->grads);
	memset(m->params + m->n_params, 0, (np - m->n_params) * sizeof *m->params);
	memset(m->grads + m->n_params, 0, (np - m->n_params) * sizeof *m->grads);
	m->n_params = np;
	if (nw > m->work_len) {
		m->work = xrealloc(m->work, nw * sizeof *m->work);
		m->work_len = nw;
	}
}

int
model_add_dense(model *m, int out, enum act_kind act, enum init_kind init, float init_std)
{
	int in = model_n_out(m);
	layer *L = model_push(m);
	L->kind = LAYER_DENSE;
	L->in = in;
	L->out = out;
	L->act = act;
	L->init = init;
	L->init_std = init_std;
	model_grow(m, L, (size_t)in * out, (size_t)out);
	layer_alloc_buffers(m, L);
	return m->n_layers - 1;
}

int
model_add_conv(model *m, int ih, int iw, int ic, int k, int kh, int kw, enum act_kind act,
               enum init_kind init, float init_std)
{
	layer *L = model_push(m);
	L->kind = LAYER_CONV;
	L->ih = ih, L->iw = iw, L->ic = ic;
	L->kh = kh, L->kw = kw;
	L->oh = ih - kh + 1, L->ow = iw - kw + 1, L->oc = k;
	L->in = ih * iw * ic;
	L->out = L->oh * L->ow * k;
	L->act = act;
	L->init = init;
	L->init_std = init_std;
	model_grow(m, L, (size_t)kh * kw * ic * k, (size_t)k);
	layer_alloc_buffers(m, L);
	return m->n_layers - 1;
}

int
model_add_pool(model *m, int ih, int iw, int ic, int p)
{
	layer *L = model_push(m);
	L->kind = LAYER_POOL;
	L->ih = ih, L->iw = iw, L->ic = ic;
	L->kh = L->kw = p;
	L->oh = ih / p, L->ow = iw / p, L->oc = ic;
	L->in = ih * iw * ic;
	L->out = L->oh * L->ow * ic;
	L->act = ACT_IDENTITY;
	L->w_off = L->b_off = m->n_params;
	layer_alloc_buffers(m, L);
	return m->n_layers - 1;
}

int
model_out_image(const model *m, int *h, int *w, int *c)
{
	int l = m->n_layers - 1;
	while (l >= 0 && m->layers[l].kind == LAYER_DROPOUT)
		l--;
	if (l < 0)
		return 0;
	const layer *L = &m->layers[l];
	if (L->kind != LAYER_CONV && L->kind != LAYER_POOL)
		return 0;
	*h = L->oh, *w = L->ow, *c = L->oc;
	return 1;
}

int
layer_has_params(const layer *L)
{
	return L->kind == LAYER_DENSE || L->kind == LAYER_CONV;
}

size_t
layer_n_weights(const layer *L)
{
	if (L->kind == LAYER_DENSE)
		return (size_t)L->in * L->out;
	if (L->kind == LAYER_CONV)
		return (size_t)L->kh * L->kw * L->ic * L->oc;
	return 0;
}

size_t
layer_n_params(const layer *L)
{
	if (L->kind == LAYER_DENSE)
		return (size_t)L->in * L->out + (size_t)L->out;
	if (L->kind == LAYER_CONV)
		return layer_n_weights(L) + (size_t)L->oc;
	return 0;
}

int
model_add_dropout(model *m, float rate)
{
	int in = model_n_out(m);
	layer *L = model_push(m);
	L->kind = LAYER_DROPOUT;
	L->in = L->out = in;
	L->act = ACT_IDENTITY;
	L->rate = rate;
	L->scale = 1.0f;
	L->w_off = L->b_off = m->n_params;
	layer_alloc_buffers(m, L);
	return m->n_layers - 1;
}

void
model_remove_last(model *m)
{
	if (m->n_layers == 0)
		return;
	layer *L = &m->layers[m->n_layers - 1];
	m->n_params = L->w_off;
	layer_free_buffers(L);
	m->n_layers--;
}

/* ==== views ============================================================= */

int
model_n_out(const model *m)
{
	return m->n_layers ? m->layers[m->n_layers - 1].out : m->n_in;
}

enum act_kind
model_last_act(const model *m)
{
	if (m->n_layers == 0 || m->layers[m->n_layers - 1].kind != LAYER_DENSE)
		return ACT_IDENTITY;
	return m->layers[m->n_layers - 1].act;
}

int
model_last_dense(const model *m)
{
	for (int l = m->n_layers - 1; l >= 0; l--)
		if (m->layers[l].kind == LAYER_DENSE)
			return l;
	return -1;
}

float *
layer_W(const model *m, int l)
{
	return m->params + m->layers[l].w_off;
}

float *
layer_b(const model *m, int l)
{
	return m->params + m->layers[l].b_off;
}

float *
layer_dW(const model *m, int l)
{
	return m->grads + m->layers[l].w_off;
}

float *
layer_db(const model *m, int l)
{
	return m->grads + m->layers[l].b_off;
}

const float *
layer_input(const model *m, int l)
{
	return l == 0 ? m->x : m->layers[l - 1].h;
}

int
layer_offload(const layer *L)
{
	return (long)L->in * L->out >= GEMM_OFFLOAD_MIN_WEIGHTS ? GEMM_OFFLOAD : 0;
}

/* ==== initialisation ==================================================== */

void
model_init_layer(model *m, int l, rng_t *r)
{
	layer *L = &m->layers[l];
	if (!layer_has_params(L))
		return;
	float *W = layer_W(m, l);
	size_t n = layer_n_weights(L);
	/* fan-in and fan-out: a conv weight meets KH*KW*C inputs and feeds
	 * KH*KW*K outputs */
	int fan_in = L->in, fan_out = L->out;
	if (L->kind == LAYER_CONV)
		fan_in = L->kh * L->kw * L->ic, fan_out = L->kh * L->kw * L->oc;
	double a;
	switch (L->init) {
	case INIT_NORMAL:
		for (size_t i = 0; i < n; i++)
			W[i] = (float)(L->init_std * rng_normal(r));
		break;
	case INIT_HE:
		a = sqrt(6.0 / fan_in);
		for (size_t i = 0; i < n; i++)
			W[i] = rng_uf(r, -a, a);
		break;
	default:
		a = sqrt(6.0 / (fan_in + fan_out));
		for (size_t i = 0; i < n; i++)
			W[i] = rng_uf(r, -a, a);
		break;
	}
	memset(layer_b(m, l), 0, (layer_n_params(L) - n) * sizeof(float));
}

void
model_init(model *m, rng_t *r)
{
	for (int l = 0; l < m->n_layers; l++)
		model_init_layer(m, l, r);
}

/* ==== forward and backward ============================================== */

void
model_reserve(model *m, int rows)
{
	if (rows <= m->cap_rows)
		return;
	m->cap_rows = rows;
	for (int l = 0; l < m->n_layers; l++)
		layer_alloc_buffers(m, &m->layers[l]);
}

const float *
model_forward(model *m, const float *x, int rows, int train, rng_t *r)
{
	model_reserve(m, rows);
	m->rows = rows;
	m->x = x;
	for (int l = 0; l < m->n_layers; l++) {
		layer *L = &m->layers[l];
		const float *in = layer_input(m, l);
		size_t n = (size_t)rows * L->out;
		if (L->kind == LAYER_DENSE) {
			const float *b = layer_b(m, l);
			for (int i = 0; i < rows; i++)
				memcpy(L->z + (size_t)i * L->out, b, (size_t)L->out * sizeof *b);
			gemm_nn(rows, L->out, L->in, in, L->in, layer_W(m, l), L->out, L->z, L->out,
			        layer_offload(L));
			act_forward(L->act, L->z, L->h, rows, L->out);
		} else if (L->kind == LAYER_CONV) {
			int np = rows * L->oh * L->ow, kc = L->kh * L->kw * L->ic;
			const float *b = layer_b(m, l);
			conv_im2col(in, rows, L->ih, L->iw, L->ic, L->kh, L->kw, L->col);
			for (int i = 0; i < np; i++)
				memcpy(L->z + (size_t)i * L->oc, b, (size_t)L->oc * sizeof *b);
			gemm_nn(np, L->oc, kc, L->col, kc, layer_W(m, l), L->oc, L->z, L->oc, 0);
			act_forward(L->act, L->z, L->h, np, L->oc);
		} else if (L->kind == LAYER_POOL) {
			pool_forward(in, rows, L->ih, L->iw, L->ic, L->kh, L->h, L->arg);
		} else if (train) {
			L->scale = (float)(1.0 / (1.0 - L->rate));
			for (size_t i = 0; i < n; i++) {
				L->keep[i] = rng_uniform(r) >= L->rate;
				L->h[i] = L->keep[i] ? in[i] * L->scale : 0.0f;
			}
		} else {
			L->scale = 1.0f;
			memset(L->keep, 1, n);
			memcpy(L->h, in, n * sizeof *L->h);
		}
	}
	return m->n_layers ? m->layers[m->n_layers - 1].h : x;
}

void
model_zero_grads(model *m)
{
	memset(m->grads, 0, m->n_params * sizeof *m->grads);
}

void
model_backward(model *m, const float *g, int g_is_dz, int accumulate)
{
	int over = accumulate ? 0 : GEMM_OVERWRITE;
	int rows = m->rows;
	/* the first layer whose inputs need a gradient: any trainable dense
	 * layer before l needs dh of layer l-1 */
	int first_trainable = m->n_layers;
	for (int l = 0; l < m->n_layers; l++)
		if (layer_has_params(&m->layers[l]) && !m->layers[l].frozen) {
			first_trainable = l;
			break;
		}
	for (int l = m->n_layers - 1; l >= 0; l--) {
		layer *L = &m->layers[l];
		size_t n = (size_t)rows * L->out;
		int last = l == m->n_layers - 1;
		if (L->kind == LAYER_DENSE) {
			if (last && g_is_dz) {
				memcpy(L->dz, g, n * sizeof *g);
				memcpy(L->dh, g, n * sizeof *g);
			} else {
				if (last)
					memcpy(L->dh, g, n * sizeof *g);
				act_backward(L->act, L->z, L->h, L->dh, L->dz, rows, L->out);
			}
			if (!L->frozen) {
				gemm_tn(L->in, L->out, rows, layer_input(m, l), L->in, L->dz, L->out, layer_dW(m, l),
				        L->out, layer_offload(L) | over);
				gemm_colsum(layer_db(m, l), L->dz, rows, L->out, over);
			} else if (!accumulate) {
				memset(layer_dW(m, l), 0, ((size_t)L->in * L->out + (size_t)L->out) * sizeof(float));
			}
			if (l > 0 && first_trainable < l)
				gemm_nt(rows, L->in, L->out, L->dz, L->out, layer_W(m, l), L->out, m->layers[l - 1].dh,
				        L->in, m->work, layer_offload(L) | GEMM_OVERWRITE);
		} else if (L->kind == LAYER_CONV) {
			int np = rows * L->oh * L->ow, kc = L->kh * L->kw * L->ic;
			if (last)
				memcpy(L->dh, g, n * sizeof *g);
			act_backward(L->act, L->z, L->h, L->dh, L->dz, np, L->oc);
			if (!L->frozen) {
				gemm_tn(kc, L->oc, np, L->col, kc, L->dz, L->oc, layer_dW(m, l), L->oc, over);
				gemm_colsum(layer_db(m, l), L->dz, np, L->oc, over);
			} else if (!accumulate) {
				memset(layer_dW(m, l), 0, layer_n_params(L) * sizeof(float));
			}
			if (l > 0 && first_trainable < l) {
				gemm_nt(np, kc, L->oc, L->dz, L->oc, layer_W(m, l), L->oc, L->dcol, kc, m->work,
				        GEMM_OVERWRITE);
				conv_col2im(L->dcol, rows, L->ih, L->iw, L->ic, L->kh, L->kw, m->layers[l - 1].dh);
			}
		} else if (L->kind == LAYER_POOL) {
			if (last)
				memcpy(L->dh, g, n * sizeof *g);
			if (l > 0 && first_trainable < l)
				pool_backward(L->dh, L->arg, rows, L->in, L->out, m->layers[l - 1].dh);
		} else {
			if (last)
				memcpy(L->dh, g, n * sizeof *g);
			if (l > 0 && first_trainable < l) {
				float *pdh = m->layers[l - 1].dh;
				for (size_t i = 0; i < n; i++)
					pdh[i] = L->keep[i] ? L->dh[i] * L->scale : 0.0f;
			}
		}
	}
}

/* ==== summaries ========================================================= */

int
model_trainable(const model *m)
{
	for (int l = 0; l < m->n_layers; l++)
		if (layer_has_params(&m->layers[l]) && !m->layers[l].frozen)
			return 1;
	return 0;
}

static uint64_t
fnv_add(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t
fnv_int(uint64_t h, int32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 24)};
	return fnv_add(h, b, 4);
}

uint64_t
model_checksum(const model *m)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	h = fnv_int(h, m->n_in);
	h = fnv_int(h, m->n_layers);
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		h = fnv_int(h, (int32_t)L->kind);
		h = fnv_int(h, L->in);
		h = fnv_int(h, L->out);
		h = fnv_int(h, (int32_t)L->act);
		uint32_t rb;
		memcpy(&rb, &L->rate, sizeof rb);
		h = fnv_int(h, (int32_t)rb);
		if (L->kind == LAYER_CONV || L->kind == LAYER_POOL) {
			h = fnv_int(h, L->ih);
			h = fnv_int(h, L->iw);
			h = fnv_int(h, L->kh);
		}
	}
	for (size_t i = 0; i < m->n_params; i++) {
		uint32_t u;
		memcpy(&u, &m->params[i], sizeof u);
		h = fnv_int(h, (int32_t)u);
	}
	return h;
}

void
model_describe(const model *m, char *buf, size_t len)
{
	size_t used = (size_t)snprintf(buf, len, "%d", m->n_in);
	for (int l = 0; l < m->n_layers && used < len; l++) {
		const layer *L = &m->layers[l];
		if (L->kind == LAYER_DROPOUT)
			used += (size_t)snprintf(buf + used, len - used, "-dropout%g", (double)L->rate);
		else if (L->kind == LAYER_CONV)
			used += (size_t)snprintf(buf + used, len - used, "-conv%dx%dx%d%s", L->oc, L->kh, L->kw,
			                         L->act == ACT_IDENTITY ? "" : act_names[L->act]);
		else if (L->kind == LAYER_POOL)
			used += (size_t)snprintf(buf + used, len - used, "-pool%d", L->kh);
		else if (L->act == ACT_IDENTITY)
			used += (size_t)snprintf(buf + used, len - used, "-%d", L->out);
		else
			used += (size_t)snprintf(buf + used, len - used, "-%d%s", L->out, act_names[L->act]);
	}
}

int
model_finite(const model *m)
{
	for (size_t i = 0; i < m->n_params; i++)
		if (!isfinite(m->params[i]))
			return 0;
	return 1;
}
