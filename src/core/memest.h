/* memest.h - how much GPU memory training or running a transformer needs.
 *
 * A model is described by its architecture (layers L, hidden size h, heads
 * a, key/value heads, vocabulary V, context, MLP width f); a run by the
 * sequence length s, the micro-batch b per GPU, the number format, the
 * optimiser, mixed precision, recomputation, ZeRO stage and GPU count.
 * Every result is an exact count of bytes (uint64_t), term by term, each
 * term with its formula as ASCII text, so the lab can print both and the
 * tests can compare them with numbers worked out by hand.
 *
 * Sources of the formulas (cited in nnlab(1)):
 *  - model states: Rajbhandari et al., "ZeRO: Memory Optimizations Toward
 *    Training Trillion Parameter Models", SC 2020: mixed-precision Adam
 *    keeps 2P (fp16 weights) + 2P (fp16 gradients) + 12P (fp32 master
 *    weights, momentum, variance) = 16P bytes; ZeRO stages 1, 2, 3
 *    partition the optimiser state, then the gradients, then the weights
 *    over N data-parallel GPUs.
 *  - activations: Korthikanti et al., "Reducing Activation Recomputation
 *    in Large Transformer Models", 2022, section 4.1: a GPT layer stores
 *    s*b*h*(34 + 5*a*s/h) bytes in 16-bit without recomputation; selective
 *    recomputation drops the 5*a*s^2*b attention part; full recomputation
 *    keeps only each layer's input, 2*s*b*h bytes.
 * The LLaMA layer (RMSNorm, rotary, SwiGLU, no dropout) is tallied
 * tensor by tensor in the same way.  Not a profiler: allocator slack,
 * workspace buffers and the CUDA context come on top, and are said so.
 */
#ifndef NN_CORE_MEMEST_H
#define NN_CORE_MEMEST_H

#include <stdint.h>

enum memest_arch {
	MEMEST_GPT,    /* GPT-2/3: learned positions, tied embeddings, biases, GeLU MLP */
	MEMEST_BERT,   /* BERT encoder: as GPT plus token types and a pooler */
	MEMEST_LLAMA,  /* LLaMA: rotary positions, untied head, no biases, SwiGLU */
};

enum memest_dtype { MEMEST_FP32, MEMEST_FP16, MEMEST_BF16, MEMEST_INT8, MEMEST_INT4, MEMEST_NDTYPES };
extern const char *const memest_dtype_names[];  /* "fp32", ..., NULL */
/* memest_dtype_bits: 32, 16, 16, 8, 4. */
int memest_dtype_bits(enum memest_dtype d);

typedef struct memest_model {
	const char *name;
	enum memest_arch arch;
	int layers, hidden, heads, kv_heads;  /* kv_heads == heads without GQA */
	long vocab, ctx, ffn;                 /* ctx: positions the model was built for */
	uint64_t published;                   /* the count its authors published; 0 if none */
	const char *published_as;             /* "110M", "6.7B" */
	const char *source;                   /* where that number was published */
} memest_model;

/* The presets, ending with a zeroed entry. */
extern const memest_model memest_presets[];
const memest_model *memest_preset_find(const char *name);

/* ==== parameters ======================================================== */

/* The parameter count by the architecture formula, in parts. */
typedef struct memest_params {
	uint64_t embed;     /* token embeddings V*h (+ BERT's token types 2*h) */
	uint64_t pos;       /* learned positions ctx*h (0 for rotary) */
	uint64_t layer;     /* one layer */
	uint64_t layers;    /* L * layer */
	uint64_t final;     /* final norm (GPT, LLaMA) or embedding norm (BERT) */
	uint64_t head;      /* untied output projection V*h (LLaMA), BERT pooler h^2+h */
	uint64_t total;
} memest_params;

void memest_count_params(const memest_model *m, memest_params *p);
/* memest_layer_formula: the per-layer formula as text for m's arch. */
const char *memest_layer_formula(const memest_model *m);
/* memest_total_formula: the whole-model formula as text. */
const char *memest_total_formula(const memest_model *m);

/* ==== terms ============================================================= */

typedef struct memest_term {
	const char *name;
	const char *formula;  /* ASCII: "2*P", "E*a*s^2*b" */
	uint64_t bytes;
} memest_term;

enum { MEMEST_MAXTERMS = 14 };
typedef struct memest_terms {
	memest_term t[MEMEST_MAXTERMS];
	int n;
	uint64_t total;
} memest_terms;

/* memest_layer_activations: what one layer keeps for the backward pass,
 * tensor by tensor, for sequence s, micro-batch b, E bytes per value
 * (2 for 16-bit, 4 for fp32; dropout masks take 1 byte per value).
 * selective: leave out the tensors that selective recomputation rebuilds
 * (softmax and attention dropout, the a*s^2*b terms). */
void memest_layer_activations(const memest_model *m, uint64_t s, uint64_t b, int ebytes, int selective,
                              memest_terms *out);

/* ==== training ========================================================== */

enum memest_optim { MEMEST_SGD, MEMEST_MOMENTUM, MEMEST_ADAM };
extern const char *const memest_optim_names[];  /* "sgd", "momentum", "adam", NULL */
enum memest_recompute { MEMEST_RC_NONE, MEMEST_RC_SELECTIVE, MEMEST_RC_FULL };

typedef struct memest_cfg {
	uint64_t params;            /* 0: by the architecture formula */
	enum memest_dtype dtype;    /* of weights and gradients (fp16/bf16 when mixed) */
	int mixed;                  /* 16-bit weights and gradients, fp32 master weights and states */
	enum memest_optim optim;
	enum memest_recompute recompute;
	int zero;                   /* 0..3 */
	uint64_t gpus;              /* data-parallel GPUs, >= 1 */
	uint64_t seq, batch;        /* batch: sequences per GPU (micro-batch) */
} memest_cfg;

typedef struct memest_train {
	uint64_t params;
	int ebytes;                 /* bytes per activation value */
	/* the model states of the whole model, then what one GPU holds */
	uint64_t weights, grads, master, optim;
	uint64_t weights_gpu, grads_gpu, master_gpu, optim_gpu;
	uint64_t states_gpu;        /* the sum of the four above */
	memest_terms layer;         /* one layer's activations as stored */
	memest_terms layer_all;     /* one layer's activations, nothing recomputed */
	uint64_t act_stored;        /* what all L layers keep through the forward pass */
	uint64_t act_peak_extra;    /* full recompute: one layer rebuilt during backward */
	uint64_t logits;            /* 4*s*b*V: fp32 logits for the loss */
	uint64_t act_gpu;           /* act_stored + act_peak_extra + logits */
	uint64_t total_gpu;
} memest_train;

/* memest_optim_copies: 0, 1, 2 values kept per parameter. */
int memest_optim_copies(enum memest_optim o);
/* memest_training: every term for one GPU.  Activations are 0 when the
 * model has no architecture (layers == 0). */
void memest_training(const memest_model *m, const memest_cfg *c, memest_train *t);
/* memest_zero_share: what one of n GPUs holds of `bytes` that is
 * partitioned (rounded up: the last shard is padded). */
uint64_t memest_zero_share(uint64_t bytes, uint64_t n);

/* ==== inference ========================================================= */

typedef struct memest_infer {
	uint64_t weights;   /* P * bits / 8 */
	uint64_t kv_cache;  /* 2*L*s*b*kv_dim*E: keys and values of every position */
	uint64_t total;
} memest_infer;

/* memest_inference: weights in dtype, the key/value cache in fp32 when the
 * weights are fp32 and in 16-bit otherwise (int8/int4 weights are
 * dequantised to 16-bit for the matrix products). */
void memest_inference(const memest_model *m, uint64_t params, enum memest_dtype d, uint64_t seq, uint64_t batch,
                      memest_infer *r);

/* ==== the reverse questions ============================================= */

/* memest_fit_batch: the largest micro-batch (c->batch ignored) whose
 * training total fits in budget bytes; 0 if not even one sequence does. */
uint64_t memest_fit_batch(const memest_model *m, const memest_cfg *c, uint64_t budget);
/* memest_fit_seq: the largest sequence length up to limit (c->seq
 * ignored); 0 if not even 1 fits. */
uint64_t memest_fit_seq(const memest_model *m, const memest_cfg *c, uint64_t budget, uint64_t limit);

/* ==== the notes' formula ================================================ */

/* The formula of the notes (section 3.3), exactly as written:
 *   GPU_mem = params*dtype + (embed*batch + ratio*(params + embed*batch))
 * computed exactly with ratio = ratio_num/ratio_den: the result is
 * *num / ratio_den.  As written it mixes units: params*dtype is bytes,
 * embed*batch and params inside the bracket are counts of values.
 * in_bytes: the other reading, every count times dtype bytes:
 *   params*dtype + (embed*batch*dtype + ratio*(params*dtype + embed*batch*dtype))
 * (pass batch*seq as batch for the reading with one vector per token). */
void memest_notes_formula(uint64_t params, uint64_t dtype_bytes, uint64_t embed, uint64_t batch,
                          uint64_t ratio_num, uint64_t ratio_den, int in_bytes, uint64_t *num);

#endif
