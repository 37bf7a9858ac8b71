/* memest.c - the GPU memory estimator (see memest.h for the sources).
 *
 * All arithmetic is in uint64_t bytes and saturates at UINT64_MAX instead
 * of wrapping, so an absurd request reads as "too much", never as a small
 * number.  Not a parser or a printer: the mem command does both.
 */
#include <config.h>

#include "core/memest.h"

#include <stddef.h>
#include <string.h>

const char *const memest_dtype_names[] = {"fp32", "fp16", "bf16", "int8", "int4", NULL};
const char *const memest_optim_names[] = {"sgd", "momentum", "adam", NULL};

int
memest_dtype_bits(enum memest_dtype d)
{
	static const int bits[] = {32, 16, 16, 8, 4};
	return bits[d];
}

int
memest_optim_copies(enum memest_optim o)
{
	return o == MEMEST_ADAM ? 2 : o == MEMEST_MOMENTUM ? 1 : 0;
}

/* ==== presets ===========================================================
 * Architecture numbers from the papers and released configurations.
 * published: the count the authors printed; memest_count_params gives the
 * count the architecture implies, and `mem presets` shows both. */
const memest_model memest_presets[] = {
	{"bert-base", MEMEST_BERT, 12, 768, 12, 12, 30522, 512, 3072, 110000000ULL, "110M",
	 "Devlin et al. 2019"},
	{"bert-large", MEMEST_BERT, 24, 1024, 16, 16, 30522, 512, 4096, 340000000ULL, "340M",
	 "Devlin et al. 2019"},
	{"gpt2", MEMEST_GPT, 12, 768, 12, 12, 50257, 1024, 3072, 117000000ULL, "117M",
	 "Radford et al. 2019"},
	{"gpt2-medium", MEMEST_GPT, 24, 1024, 16, 16, 50257, 1024, 4096, 345000000ULL, "345M",
	 "Radford et al. 2019"},
	{"gpt2-large", MEMEST_GPT, 36, 1280, 20, 20, 50257, 1024, 5120, 762000000ULL, "762M",
	 "Radford et al. 2019"},
	{"gpt2-xl", MEMEST_GPT, 48, 1600, 25, 25, 50257, 1024, 6400, 1542000000ULL, "1542M",
	 "Radford et al. 2019"},
	{"gpt3-175b", MEMEST_GPT, 96, 12288, 96, 96, 50257, 2048, 49152, 175000000000ULL, "175.0B",
	 "Brown et al. 2020"},
	{"llama-7b", MEMEST_LLAMA, 32, 4096, 32, 32, 32000, 2048, 11008, 6700000000ULL, "6.7B",
	 "Touvron et al. 2023a"},
	{"llama-13b", MEMEST_LLAMA, 40, 5120, 40, 40, 32000, 2048, 13824, 13000000000ULL, "13.0B",
	 "Touvron et al. 2023a"},
	{"llama-65b", MEMEST_LLAMA, 80, 8192, 64, 64, 32000, 2048, 22016, 65200000000ULL, "65.2B",
	 "Touvron et al. 2023a"},
	{"llama-70b", MEMEST_LLAMA, 80, 8192, 64, 8, 32000, 4096, 28672, 70000000000ULL, "70B",
	 "Touvron et al. 2023b"},
	{NULL, MEMEST_GPT, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL},
};

const memest_model *
memest_preset_find(const char *name)
{
	for (const memest_model *m = memest_presets; m->name; m++)
		if (strcmp(m->name, name) == 0)
			return m;
	return NULL;
}

/* ==== saturating arithmetic ============================================= */

static uint64_t
mul(uint64_t a, uint64_t b)
{
	if (a != 0 && b > UINT64_MAX / a)
		return UINT64_MAX;
	return a * b;
}

static uint64_t
mul3(uint64_t a, uint64_t b, uint64_t c)
{
	return mul(mul(a, b), c);
}

static uint64_t
add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* ==== parameters ======================================================== */

static uint64_t
kv_dim(const memest_model *m)
{
	if (m->heads <= 0)
		return (uint64_t)m->hidden;
	return (uint64_t)m->kv_heads * (uint64_t)(m->hidden / m->heads);
}

void
memest_count_params(const memest_model *m, memest_params *p)
{
	uint64_t h = (uint64_t)m->hidden, L = (uint64_t)m->layers, V = (uint64_t)m->vocab;
	uint64_t f = (uint64_t)m->ffn, ctx = (uint64_t)m->ctx;
	memset(p, 0, sizeof *p);
	if (m->arch == MEMEST_LLAMA) {
		/* q, o: h*h; k, v: h*d_kv; SwiGLU gate, up, down: 3*h*f; 2 RMSNorms */
		p->embed = mul(V, h);
		p->layer = add(add(mul3(2, h, h), mul3(2, h, kv_dim(m))), add(mul3(3, h, f), 2 * h));
		p->final = h;
		p->head = mul(V, h);
	} else {
		/* attention q,k,v,o with biases 4h^2+4h; MLP 2hf+f+h; 2 norms 4h */
		p->embed = add(mul(V, h), m->arch == MEMEST_BERT ? 2 * h : 0);
		p->pos = mul(ctx, h);
		p->layer = add(add(mul3(4, h, h), mul3(2, h, f)), add(f, 9 * h));
		p->final = 2 * h;
		p->head = m->arch == MEMEST_BERT ? add(mul(h, h), h) : 0;
	}
	p->layers = mul(L, p->layer);
	p->total = add(add(add(p->embed, p->pos), add(p->layers, p->final)), p->head);
}

const char *
memest_layer_formula(const memest_model *m)
{
	if (m->arch == MEMEST_LLAMA)
		return m->kv_heads == m->heads ? "4*h^2 + 3*h*f + 2*h" : "2*h^2 + 2*h*d_kv + 3*h*f + 2*h";
	return m->ffn == 4L * m->hidden ? "12*h^2 + 13*h" : "4*h^2 + 2*h*f + f + 9*h";
}

const char *
memest_total_formula(const memest_model *m)
{
	switch (m->arch) {
	case MEMEST_LLAMA:
		return "2*V*h + L*(layer) + h";
	case MEMEST_BERT:
		return "V*h + 2*h + n_ctx*h + 2*h + L*(layer) + h^2 + h";
	default:
		return "V*h + n_ctx*h + L*(layer) + 2*h";
	}
}

/* ==== activations ======================================================= */

static void
term(memest_terms *o, const char *name, const char *formula, uint64_t bytes)
{
	o->t[o->n].name = name;
	o->t[o->n].formula = formula;
	o->t[o->n].bytes = bytes;
	o->n++;
	o->total = add(o->total, bytes);
}

void
memest_layer_activations(const memest_model *m, uint64_t s, uint64_t b, int ebytes, int selective,
                         memest_terms *o)
{
	uint64_t h = (uint64_t)m->hidden, a = (uint64_t)m->heads, f = (uint64_t)m->ffn, E = (uint64_t)ebytes;
	uint64_t sbh = mul3(s, b, h), sbf = mul3(s, b, f), as2b = mul(mul3(a, s, s), b);
	memset(o, 0, sizeof *o);
	if (m->arch == MEMEST_LLAMA) {
		term(o, "RMSNorm inputs (2)", "2*E*s*b*h", mul(2 * E, sbh));
		term(o, "QKV projection input", "E*s*b*h", mul(E, sbh));
		term(o, "Q after rotation", "E*s*b*h", mul(E, sbh));
		term(o, "K and V", "2*E*s*b*d_kv", mul(2 * E, mul3(s, b, kv_dim(m))));
		if (!selective)
			term(o, "softmax output", "E*a*s^2*b", mul(E, as2b));
		term(o, "out-projection input", "E*s*b*h", mul(E, sbh));
		term(o, "MLP input", "E*s*b*h", mul(E, sbh));
		term(o, "gate and up outputs", "2*E*s*b*f", mul(2 * E, sbf));
		term(o, "down-projection input", "E*s*b*f", mul(E, sbf));
		return;
	}
	/* Korthikanti et al. 2022, section 4.1, with E = 2 */
	term(o, "layer norm inputs (2)", "2*E*s*b*h", mul(2 * E, sbh));
	term(o, "QKV projection input", "E*s*b*h", mul(E, sbh));
	term(o, "Q and K", "2*E*s*b*h", mul(2 * E, sbh));
	if (!selective) {
		term(o, "softmax output", "E*a*s^2*b", mul(E, as2b));
		term(o, "softmax dropout mask", "a*s^2*b", as2b);
		term(o, "softmax dropout output", "E*a*s^2*b", mul(E, as2b));
	}
	term(o, "V", "E*s*b*h", mul(E, sbh));
	term(o, "out-projection input", "E*s*b*h", mul(E, sbh));
	term(o, "attention dropout mask", "s*b*h", sbh);
	term(o, "MLP input", "E*s*b*h", mul(E, sbh));
	term(o, "GeLU input", "E*s*b*f", mul(E, sbf));
	term(o, "GeLU output", "E*s*b*f", mul(E, sbf));
	term(o, "MLP dropout mask", "s*b*h", sbh);
}

/* ==== training ========================================================== */

uint64_t
memest_zero_share(uint64_t bytes, uint64_t n)
{
	if (n <= 1)
		return bytes;
	return bytes / n + (bytes % n != 0);
}

void
memest_training(const memest_model *m, const memest_cfg *c, memest_train *t)
{
	memset(t, 0, sizeof *t);
	memest_params pp;
	memest_count_params(m, &pp);
	uint64_t P = c->params ? c->params : pp.total;
	uint64_t bw = c->mixed ? 2 : (uint64_t)memest_dtype_bits(c->dtype) / 8;
	uint64_t bs = c->mixed ? 4 : bw;  /* bytes per optimiser value */
	uint64_t n = c->gpus ? c->gpus : 1;
	t->params = P;
	t->ebytes = (int)bw;
	t->weights = mul(P, bw);
	t->grads = mul(P, bw);
	t->master = c->mixed ? mul(P, 4) : 0;
	t->optim = mul3(P, (uint64_t)memest_optim_copies(c->optim), bs);
	/* ZeRO: stage 1 partitions the optimiser state (the fp32 master
	 * weights belong to it), stage 2 also the gradients, stage 3 also
	 * the weights */
	t->master_gpu = c->zero >= 1 ? memest_zero_share(t->master, n) : t->master;
	t->optim_gpu = c->zero >= 1 ? memest_zero_share(t->optim, n) : t->optim;
	t->grads_gpu = c->zero >= 2 ? memest_zero_share(t->grads, n) : t->grads;
	t->weights_gpu = c->zero >= 3 ? memest_zero_share(t->weights, n) : t->weights;
	t->states_gpu = add(add(t->weights_gpu, t->grads_gpu), add(t->master_gpu, t->optim_gpu));

	if (m->layers > 0 && m->hidden > 0) {
		uint64_t L = (uint64_t)m->layers;
		memest_layer_activations(m, c->seq, c->batch, t->ebytes, 0, &t->layer_all);
		if (c->recompute == MEMEST_RC_SELECTIVE)
			memest_layer_activations(m, c->seq, c->batch, t->ebytes, 1, &t->layer);
		else
			t->layer = t->layer_all;
		if (c->recompute == MEMEST_RC_FULL) {
			t->act_stored = mul(L, mul(bw, mul3(c->seq, c->batch, (uint64_t)m->hidden)));
			t->act_peak_extra = t->layer_all.total;
		} else {
			t->act_stored = mul(L, t->layer.total);
		}
		t->logits = mul(4, mul3(c->seq, c->batch, (uint64_t)m->vocab));
		t->act_gpu = add(add(t->act_stored, t->act_peak_extra), t->logits);
	}
	t->total_gpu = add(t->states_gpu, t->act_gpu);
}

/* ==== inference ========================================================= */

void
memest_inference(const memest_model *m, uint64_t params, enum memest_dtype d, uint64_t seq, uint64_t batch,
                 memest_infer *r)
{
	memest_params pp;
	memest_count_params(m, &pp);
	uint64_t P = params ? params : pp.total;
	uint64_t bits = mul(P, (uint64_t)memest_dtype_bits(d));
	r->weights = bits / 8 + (bits % 8 != 0);
	r->kv_cache = 0;
	if (m->arch != MEMEST_BERT && m->layers > 0) {
		uint64_t E = d == MEMEST_FP32 ? 4 : 2;
		r->kv_cache = mul(2 * E, mul(mul3((uint64_t)m->layers, seq, batch), kv_dim(m)));
	}
	r->total = add(r->weights, r->kv_cache);
}

/* ==== reverse questions ================================================= */

static uint64_t
total_with(const memest_model *m, const memest_cfg *c, uint64_t seq, uint64_t batch)
{
	memest_cfg k = *c;
	memest_train t;
	k.seq = seq;
	k.batch = batch;
	memest_training(m, &k, &t);
	return t.total_gpu;
}

uint64_t
memest_fit_batch(const memest_model *m, const memest_cfg *c, uint64_t budget)
{
	/* the total is fixed + batch * per_sequence, exactly */
	uint64_t fixed = total_with(m, c, c->seq, 0);
	uint64_t one = total_with(m, c, c->seq, 1);
	if (one > budget)
		return 0;
	uint64_t per = one - fixed;
	if (per == 0)
		return UINT64_MAX;
	return (budget - fixed) / per;
}

uint64_t
memest_fit_seq(const memest_model *m, const memest_cfg *c, uint64_t budget, uint64_t limit)
{
	if (limit < 1 || total_with(m, c, 1, c->batch) > budget)
		return 0;
	/* the total grows with s (linearly and through a*s^2*b): bisect */
	uint64_t lo = 1, hi = limit;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo + 1) / 2;
		if (total_with(m, c, mid, c->batch) <= budget)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* ==== the notes' formula ================================================ */

void
memest_notes_formula(uint64_t params, uint64_t dtype_bytes, uint64_t embed, uint64_t batch, uint64_t ratio_num,
                     uint64_t ratio_den, int in_bytes, uint64_t *num)
{
	uint64_t eb = mul(embed, batch), p = params;
	if (in_bytes) {
		eb = mul(eb, dtype_bytes);
		p = mul(p, dtype_bytes);
	}
	*num = add(mul(add(mul(params, dtype_bytes), eb), ratio_den), mul(ratio_num, add(p, eb)));
}
