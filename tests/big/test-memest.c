/* test-memest.c - the memory estimator of src/core/memest.c against
 * numbers worked out by hand and numbers published elsewhere:
 *  - parameter counts of the released models (the Hugging Face
 *    implementations count 124,439,808 for GPT-2, 109,482,240 for
 *    bert-base-uncased, 6,738,415,616 for LLaMA-7B, 68,976,648,192 for
 *    Llama-2-70B);
 *  - the ZeRO paper's own example (Rajbhandari et al. 2020, figure 1:
 *    7.5B parameters, Adam, 64 GPUs: 120 GB, 31.4 GB, 16.6 GB, 1.9 GB);
 *  - the closed form s*b*h*(34 + 5*a*s/h) of Korthikanti et al. 2022
 *    against the sum of the tensor-by-tensor terms;
 *  - the notes' formula to the byte.
 * Links libnncore.a and -lm only.
 */
#include <config.h>

#include "core/memest.h"
#include "../tap.h"

#include <stdint.h>
#include <string.h>

static int
is_u64(uint64_t got, uint64_t want, const char *name)
{
	return ok(got == want, "%s: %llu (want %llu)", name, (unsigned long long)got, (unsigned long long)want);
}

static void
test_params(void)
{
	static const struct {
		const char *name;
		uint64_t want;
	} known[] = {
		{"gpt2", 124439808ULL},        {"gpt2-medium", 354823168ULL}, {"gpt2-large", 774030080ULL},
		{"gpt2-xl", 1557611200ULL},    {"bert-base", 109482240ULL},   {"bert-large", 335141888ULL},
		{"gpt3-175b", 174604259328ULL}, {"llama-7b", 6738415616ULL},   {"llama-13b", 13015864320ULL},
		{"llama-65b", 65285660672ULL}, {"llama-70b", 68976648192ULL},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		const memest_model *m = memest_preset_find(known[i].name);
		memest_params p;
		if (!ok(m != NULL, "preset %s exists", known[i].name))
			continue;
		memest_count_params(m, &p);
		char what[64];
		snprintf(what, sizeof what, "%s parameters", known[i].name);
		is_u64(p.total, known[i].want, what);
	}
	/* the parts of GPT-2 small: 12*L*h^2 + 13*L*h + V*h + ctx*h + 2h */
	memest_params p;
	memest_count_params(memest_preset_find("gpt2"), &p);
	ok(p.embed == 50257ULL * 768 && p.pos == 1024ULL * 768 && p.layer == 12ULL * 768 * 768 + 13 * 768 &&
	   p.final == 2 * 768 && p.head == 0,
	   "gpt2: embeddings, positions, one layer, final norm, tied head");
	int n = 0;
	for (const memest_model *m = memest_presets; m->name; m++)
		n++;
	ok(n >= 10 && memest_preset_find("nonesuch") == NULL, "%d presets; unknown names are not found", n);
}

static void
test_zero_paper(void)
{
	/* Psi = 7.5B, mixed-precision Adam (K = 12), N_d = 64 */
	memest_model none = {0};
	memest_cfg c = {.params = 7500000000ULL, .dtype = MEMEST_FP16, .mixed = 1, .optim = MEMEST_ADAM, .gpus = 64};
	memest_train t;
	static const uint64_t want[4] = {120000000000ULL, 31406250000ULL, 16640625000ULL, 1875000000ULL};
	for (int z = 0; z <= 3; z++) {
		c.zero = z;
		memest_training(&none, &c, &t);
		char what[80];
		snprintf(what, sizeof what, "ZeRO paper, 7.5B on 64 GPUs, stage %d", z);
		is_u64(t.total_gpu, want[z], what);
	}
	ok(t.act_gpu == 0, "no architecture, no activations");
	c.zero = 0;
	c.gpus = 1;
	memest_training(&none, &c, &t);
	ok(t.weights == 2 * c.params && t.grads == 2 * c.params && t.master == 4 * c.params && t.optim == 8 * c.params,
	   "mixed Adam: 2P + 2P + 4P + 8P = 16P");
	c.mixed = 0;
	c.dtype = MEMEST_FP32;
	c.optim = MEMEST_MOMENTUM;
	memest_training(&none, &c, &t);
	ok(t.total_gpu == 12 * c.params, "fp32 with momentum: 4P + 4P + 4P = 12P");
	c.optim = MEMEST_SGD;
	memest_training(&none, &c, &t);
	ok(t.total_gpu == 8 * c.params, "fp32 plain SGD: 4P + 4P = 8P");
	c.mixed = 1;
	c.dtype = MEMEST_BF16;
	memest_training(&none, &c, &t);
	ok(t.total_gpu == 8 * c.params, "mixed SGD: 2P + 2P + 4P master = 8P");
	ok(memest_zero_share(10, 3) == 4 && memest_zero_share(9, 3) == 3 && memest_zero_share(7, 1) == 7,
	   "a ZeRO shard rounds up");
}

static void
test_activations(void)
{
	const memest_model *g = memest_preset_find("gpt3-175b");
	uint64_t s = 2048, b = 1, h = 12288, a = 96;
	memest_terms t;
	memest_layer_activations(g, s, b, 2, 0, &t);
	is_u64(t.total, s * b * h * 34 + 5 * a * s * s * b, "GPT-3 layer, 16-bit: s*b*h*(34 + 5*a*s/h)");
	memest_layer_activations(g, s, b, 2, 1, &t);
	is_u64(t.total, s * b * h * 34, "selective recomputation: 34*s*b*h");
	memest_layer_activations(g, s, b, 4, 0, &t);
	is_u64(t.total, s * b * h * 66 + 9 * a * s * s * b, "fp32: 64 bytes of values + 2 of masks per s*b*h, 9*a*s^2*b");
	/* other shapes: the closed form holds for any s, b, h, a with f = 4h */
	int bad = 0;
	for (uint64_t hh = 64; hh <= 4096; hh *= 4)
		for (uint64_t ss = 1; ss <= 4096; ss *= 8)
			for (uint64_t bb = 1; bb <= 16; bb *= 2) {
				memest_model m = {"x", MEMEST_GPT, 2, (int)hh, 8, 8, 1000, 4096, (long)(4 * hh), 0, NULL, NULL};
				memest_layer_activations(&m, ss, bb, 2, 0, &t);
				if (t.total != ss * bb * hh * 34 + 5 * 8 * ss * ss * bb)
					bad++;
			}
	ok(bad == 0, "closed form of Korthikanti et al. on 60 shapes");

	/* LLaMA-7B, 16-bit: 12*s*b*h + 4*s*b*d_kv + 6*s*b*f + 2*a*s^2*b */
	const memest_model *l = memest_preset_find("llama-7b");
	memest_layer_activations(l, 2048, 1, 2, 0, &t);
	is_u64(t.total, 2048ULL * (12 * 4096 + 4 * 4096 + 6 * 11008) + 2ULL * 32 * 2048 * 2048,
	       "LLaMA-7B layer, 16-bit");
	const memest_model *l70 = memest_preset_find("llama-70b");
	memest_layer_activations(l70, 4096, 1, 2, 0, &t);
	is_u64(t.total, 4096ULL * (12 * 8192 + 4 * 1024 + 6 * 28672) + 2ULL * 64 * 4096 * 4096,
	       "Llama-2-70B layer: K and V are 8 heads of 128");

	/* the whole run: GPT-2, fp32 Adam, s = 1024, b = 4 */
	const memest_model *m = memest_preset_find("gpt2");
	memest_cfg c = {.dtype = MEMEST_FP32, .optim = MEMEST_ADAM, .gpus = 1, .seq = 1024, .batch = 4};
	memest_train tr;
	memest_training(m, &c, &tr);
	uint64_t P = 124439808ULL, sbh = 1024ULL * 4 * 768;
	is_u64(tr.states_gpu, 16 * P, "gpt2 fp32 Adam states 16P");
	is_u64(tr.act_stored, 12 * (66 * sbh + 9 * 12ULL * 1024 * 1024 * 4), "gpt2 activations of 12 layers");
	is_u64(tr.logits, 4ULL * 1024 * 4 * 50257, "gpt2 fp32 logits 4*s*b*V");
	is_u64(tr.total_gpu, 16 * P + tr.act_stored + tr.logits, "gpt2 total");
	c.recompute = MEMEST_RC_FULL;
	memest_training(m, &c, &tr);
	is_u64(tr.act_stored, 12 * 4 * sbh, "full recomputation keeps L layer inputs (4 bytes each in fp32)");
	is_u64(tr.act_peak_extra, 66 * sbh + 9 * 12ULL * 1024 * 1024 * 4, "plus one layer rebuilt during backward");
	c.recompute = MEMEST_RC_NONE;
	c.gpus = 8;
	c.zero = 3;
	memest_training(m, &c, &tr);
	ok(tr.states_gpu == 16 * P / 8 && tr.act_stored == 12 * (66 * sbh + 9 * 12ULL * 1024 * 1024 * 4),
	   "ZeRO-3 on 8 GPUs divides the states by 8 and leaves the activations");
}

static void
test_inference_and_fit(void)
{
	const memest_model *l = memest_preset_find("llama-7b");
	memest_infer r;
	memest_inference(l, 0, MEMEST_FP16, 2048, 1, &r);
	is_u64(r.weights, 2 * 6738415616ULL, "llama-7b fp16 weights 2P");
	is_u64(r.kv_cache, 2ULL * 2 * 32 * 2048 * 4096, "llama-7b KV cache 2*E*L*s*b*h");
	memest_inference(l, 0, MEMEST_INT4, 2048, 1, &r);
	is_u64(r.weights, 6738415616ULL / 2, "int4 weights P/2");
	memest_inference(memest_preset_find("bert-base"), 0, MEMEST_FP32, 512, 1, &r);
	is_u64(r.kv_cache, 0, "an encoder keeps no KV cache");

	/* gpt2, fp32 Adam, s = 1024 on 80 GB: 16P + b*(12*(66 sbh + 9 a s^2) + 4 s V) */
	const memest_model *m = memest_preset_find("gpt2");
	memest_cfg c = {.dtype = MEMEST_FP32, .optim = MEMEST_ADAM, .gpus = 1, .seq = 1024};
	uint64_t budget = 80000000000ULL;
	uint64_t b = memest_fit_batch(m, &c, budget);
	is_u64(b, 35, "gpt2 fp32 Adam s=1024 on 80 GB: batch 35 (hand: (80e9 - 1991036928) / 2187661312)");
	memest_train t;
	c.batch = b;
	memest_training(m, &c, &t);
	ok(t.total_gpu <= budget, "batch 35 fits");
	c.batch = b + 1;
	memest_training(m, &c, &t);
	ok(t.total_gpu > budget, "batch 36 does not");
	c.batch = 8;
	uint64_t s = memest_fit_seq(m, &c, budget, 1u << 20);
	c.seq = s;
	memest_training(m, &c, &t);
	int fits = t.total_gpu <= budget;
	c.seq = s + 1;
	memest_training(m, &c, &t);
	ok(fits && t.total_gpu > budget && s > 1024, "longest sequence at batch 8: %llu fits, one more does not",
	   (unsigned long long)s);
	c.seq = 1024;
	ok(memest_fit_batch(memest_preset_find("gpt3-175b"), &c, budget) == 0, "GPT-3 does not fit one GPU at all");
	/* absurd sizes saturate instead of wrapping round to small numbers */
	c.seq = 1u << 20;
	c.batch = 1u << 20;
	memest_training(memest_preset_find("gpt3-175b"), &c, &t);
	ok(t.act_stored == UINT64_MAX && t.total_gpu == UINT64_MAX && t.logits == 4ULL * (1u << 20) * (1u << 20) * 50257,
	   "a million sequences of a million tokens: activations saturate at 2^64-1, the logits do not yet");
}

static void
test_notes(void)
{
	uint64_t num;
	/* BERT-Base row: 110e6*4 + (768*256 + 1.5*(110e6 + 768*256)) */
	memest_notes_formula(110000000ULL, 4, 768, 256, 15, 10, 0, &num);
	is_u64(num, 6054915200ULL, "notes, BERT row: 605,491,520.0 (times 10)");
	/* GPT-2 row: 770e6*2 + (1024*64 + 1.2*(770e6 + 65536)) = 2,464,144,179.2 */
	memest_notes_formula(770000000ULL, 2, 1024, 64, 12, 10, 0, &num);
	is_u64(num, 24641441792ULL, "notes, GPT-2 row: 2,464,144,179.2 (times 10)");
	/* GPT-3 row with 2 bytes: 350e9 + 24576 + 2*(175e9 + 24576) */
	memest_notes_formula(175000000000ULL, 2, 12288, 2, 2, 1, 0, &num);
	is_u64(num, 700000073728ULL, "notes, GPT-3 row: 700,000,073,728");
	/* every count in bytes, BERT: 440e6 + 786432 + 1.5*(440e6 + 786432) */
	memest_notes_formula(110000000ULL, 4, 768, 256, 15, 10, 1, &num);
	is_u64(num, 11019660800ULL, "notes in bytes, BERT row: 1,101,966,080.0 (times 10)");
	/* one vector per token, BERT: 440e6 + 100663296 + 1.5*(110e6 + 100663296) */
	memest_notes_formula(110000000ULL, 4, 768, 256ULL * 512, 15, 10, 0, &num);
	is_u64(num, 8566582400ULL, "notes per token, BERT row: 856,658,240.0 (times 10)");
}

int
main(void)
{
	test_params();
	test_zero_paper();
	test_activations();
	test_inference_and_fit();
	test_notes();
	return done_testing();
}
