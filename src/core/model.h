/* model.h - a feed-forward network: dense layers (y = x.W + b, then an
 * activation) and dropout layers, with every parameter in one contiguous
 * array.
 *
 * Legend for the shape comments:
 *   B  rows in the batch of the last forward pass (at most cap_rows)
 *   I  inputs of a layer (n_in for the first)
 *   O  outputs of a layer
 *   P  parameters of the whole model
 * W of a dense layer is stored [I][O] (the convention of WORKLOADS.md), b
 * is [O]; layer l's W starts at params + w_off and its b at params + b_off,
 * appended in layer order, so the optimiser, `net weights` and the save
 * file each walk one array.  grads has the same layout and ACCUMULATES
 * (model_zero_grads clears it).  The forward pass keeps what the backward
 * pass and the visualiser need: every layer's pre-activation z and output
 * h, the dropout masks, and after backward the gradients dz and dh.
 * Conv and pool layers (conv.h explains the image layout) see their
 * input rows as images H x W x C, channels-last: pixel (y, x) channel c of
 * a row is element (y*W + x)*C + c.  A conv layer's W is [KH*KW*C][K]
 * (row (ky*KW + kx)*C + c, column filter k) and b is [K]; a pool layer has
 * no parameters.  layer_n_params says how many a layer owns.
 * Not a trainer (train.h) and not an optimiser (optim.h).
 */
#ifndef NN_CORE_MODEL_H
#define NN_CORE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/act.h"
#include "core/rng.h"

enum layer_kind { LAYER_DENSE, LAYER_DROPOUT, LAYER_CONV, LAYER_POOL };
enum init_kind { INIT_GLOROT, INIT_HE, INIT_NORMAL, INIT_COUNT };

/* init_names: indexed by enum init_kind, NULL-terminated. */
extern const char *const init_names[];
int init_parse(const char *s);

typedef struct layer {
	enum layer_kind kind;
	int in, out;            /* I and O (dropout: I == O) */
	enum act_kind act;      /* dense: applied after x.W + b */
	enum init_kind init;    /* dense: how W is drawn */
	float init_std;         /* INIT_NORMAL: the standard deviation */
	float rate;             /* dropout: the probability of dropping a unit */
	int frozen;             /* dense: W and b keep their values */
	size_t w_off, b_off;    /* W [I][O] and b [O] within params */
	/* buffers of the last forward/backward pass */
	float *z;               /* [B][O] pre-activation x.W + b (dense) */
	float *h;               /* [B][O] output */
	float *dz;              /* [B][O] d loss / d z (dense) */
	float *dh;              /* [B][O] d loss / d h */
	unsigned char *keep;    /* [B][O] dropout: 1 kept (scaled), 0 dropped */
	float scale;            /* dropout: 1/(1-rate) when training, else 1 */
	/* conv and pool (stride 1 'valid' conv; pool windows KH x KW, stride
	 * the window, leftover edge pixels ignored) */
	int ih, iw, ic;         /* input image H, W, C */
	int kh, kw;             /* kernel or pooling window */
	int oh, ow, oc;         /* output image H, W, C (conv: oc = K filters) */
	float *col;             /* conv: [B*OH*OW][KH*KW*C] input patches */
	float *dcol;            /* conv: [B*OH*OW][KH*KW*C] their gradient */
	int *arg;               /* pool: [B][O] input index of each maximum */
} layer;

typedef struct model {
	int n_in;               /* inputs of the network */
	int n_layers;
	layer *layers;          /* [n_layers] */
	size_t n_params;        /* P */
	float *params;          /* [P] every weight and bias */
	float *grads;           /* [P] their gradients, accumulated */
	int cap_rows;           /* rows the buffers hold */
	int rows;               /* B of the last forward pass */
	const float *x;         /* [B][n_in] input of the last forward (not owned) */
	float *work;            /* transposed W for gemm_nt, max I*O floats */
	size_t work_len;
} model;

/* model_new: no layers yet; n_in >= 1. */
model *model_new(int n_in);
void model_free(model *m);
/* model_clone: architecture, parameters and gradients (no buffers). */
model *model_clone(const model *m);
/* model_copy_params: dst's parameters become src's (same architecture). */
void model_copy_params(model *dst, const model *src);

/* model_add_dense: append out units with activation act; W and b are zero
 * until model_init_layer.  Returns the layer index. */
int model_add_dense(model *m, int out, enum act_kind act, enum init_kind init, float init_std);
/* model_add_dropout: append a dropout layer, 0 <= rate < 1. */
int model_add_dropout(model *m, float rate);
/* model_add_conv: append k filters of kh x kw over the image ih x iw x ic
 * (ih*iw*ic must equal model_n_out, kh <= ih, kw <= iw); 'valid', stride
 * 1, so the output is (ih-kh+1) x (iw-kw+1) x k; act is applied to each
 * output (not softmax).  Zero until model_init_layer. */
int model_add_conv(model *m, int ih, int iw, int ic, int k, int kh, int kw, enum act_kind act,
                   enum init_kind init, float init_std);
/* model_add_pool: append a max-pool of p x p windows, stride p, over the
 * image ih x iw x ic (ih, iw >= p); output (ih/p) x (iw/p) x ic. */
int model_add_pool(model *m, int ih, int iw, int ic, int p);
/* model_out_image: the image shape of the last layer's output if it is a
 * conv or pool layer, or dropout layers after one (returns 1), else 0. */
int model_out_image(const model *m, int *h, int *w, int *c);
/* layer_has_params: dense and conv layers; layer_n_params: W and b;
 * layer_n_weights: W only. */
int layer_has_params(const layer *L);
size_t layer_n_params(const layer *L);
size_t layer_n_weights(const layer *L);
/* model_remove_last: drop the last layer (its parameters too). */
void model_remove_last(model *m);

/* model_n_out: the outputs of the last layer (n_in with no layers). */
int model_n_out(const model *m);
/* model_last_act: the activation of the last dense layer (identity if none). */
enum act_kind model_last_act(const model *m);
/* model_last_dense: index of the last dense layer, or -1. */
int model_last_dense(const model *m);
/* layer_W, layer_b: views into params (valid until the model changes). */
float *layer_W(const model *m, int l);
float *layer_b(const model *m, int l);
float *layer_dW(const model *m, int l);
float *layer_db(const model *m, int l);
/* layer_input: the input rows of layer l in the last forward pass. */
const float *layer_input(const model *m, int l);
/* layer_offload: GEMM_OFFLOAD when l's products may use a BLAS backend
 * (gemm.h), else 0. */
int layer_offload(const layer *L);

/* model_init_layer: draw W of dense layer l from r by its init rule
 * (glorot: U(-a, a), a = sqrt(6/(I+O)); he: a = sqrt(6/I); normal:
 * std * N(0,1)), row-major [I][O], one draw per weight; b = 0. */
void model_init_layer(model *m, int l, rng_t *r);
/* model_init: every dense layer in order. */
void model_init(model *m, rng_t *r);

/* model_reserve: buffers for at least rows rows. */
void model_reserve(model *m, int rows);
/* model_forward: x [rows][n_in] through every layer.  train = 1 applies
 * dropout, drawing one uniform per unit of each dropout layer from r in
 * row-major order (r may be NULL when train = 0).  Returns the last
 * layer's output h [rows][n_out]. */
const float *model_forward(model *m, const float *x, int rows, int train, rng_t *r);
/* model_backward: g [rows][n_out] is the gradient of the loss with respect
 * to the last dense layer's z (g_is_dz = 1, a fused loss) or to the
 * network's output h.  accumulate = 1 adds to grads (frozen layers
 * excepted); 0 overwrites them (frozen layers' with zeros), the same bits
 * as model_zero_grads first, without the extra pass.  Fills every dz and
 * dh. */
void model_backward(model *m, const float *g, int g_is_dz, int accumulate);
void model_zero_grads(model *m);

/* model_trainable_weights: whether any dense layer is not frozen. */
int model_trainable(const model *m);
/* model_checksum: FNV-1a over the architecture and the parameter bits. */
uint64_t model_checksum(const model *m);
/* model_describe: "2-64tanh-64tanh-3" into buf. */
void model_describe(const model *m, char *buf, size_t len);
/* model_finite: 1 if every parameter is finite. */
int model_finite(const model *m);

#endif
