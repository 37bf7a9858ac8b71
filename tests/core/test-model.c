/* test-model.c - layers, activations and losses: known answers with
 * hand-set weights, the loss formulas by hand, every activation against
 * its definition, a gradient check of every activation with every loss
 * (float backprop against central differences of an independent double
 * forward), dropout, freezing, and the L1/L2 penalties. */
#include <config.h>

#include "../tap.h"
#include "core/gradcheck.h"
#include "core/loss.h"
#include "core/model.h"
#include "core/train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int
near(double got, double want, double tol)
{
	return fabs(got - want) <= tol;
}

/* ==== a network with hand-set weights ==================================
 * x = (1, 2); W1 = [0.5 -1; 0.25 0.5], b1 = (0.1, -0.2), relu;
 * W2 = [1; 2], b2 = 0.5; target 1, mse.
 *   z1 = (1.1, -0.2), h1 = (1.1, 0), z2 = 1.6, loss = 0.36
 *   dz2 = 2 (1.6 - 1) = 1.2; dW2 = h1 dz2 = (1.32, 0); db2 = 1.2
 *   dh1 = dz2 W2^T = (1.2, 2.4); dz1 = (1.2, 0)
 *   dW1 = x^T dz1 = [1.2 0; 2.4 0]; db1 = (1.2, 0) */
static void
test_known_answer(void)
{
	model *m = model_new(2);
	model_add_dense(m, 2, ACT_RELU, INIT_GLOROT, 0);
	model_add_dense(m, 1, ACT_IDENTITY, INIT_GLOROT, 0);
	ok(m->n_params == 9 && model_n_out(m) == 1, "2-2-1 has 9 parameters");
	const float W1[] = {0.5f, -1.0f, 0.25f, 0.5f}, b1[] = {0.1f, -0.2f}, W2[] = {1.0f, 2.0f}, b2[] = {0.5f};
	memcpy(layer_W(m, 0), W1, sizeof W1);
	memcpy(layer_b(m, 0), b1, sizeof b1);
	memcpy(layer_W(m, 1), W2, sizeof W2);
	memcpy(layer_b(m, 1), b2, sizeof b2);
	ok(layer_W(m, 1) == m->params + 6 && layer_b(m, 0) == m->params + 4, "W and b are views of one array");
	float x[2] = {1.0f, 2.0f}, t[1] = {1.0f}, g[1];
	const float *h = model_forward(m, x, 1, 0, NULL);
	ok(near(m->layers[0].z[0], 1.1, 1e-6) && near(m->layers[0].z[1], -0.2, 1e-6), "z1 = (1.1, -0.2)");
	ok(near(m->layers[0].h[0], 1.1, 1e-6) && m->layers[0].h[1] == 0, "h1 = relu(z1) = (1.1, 0)");
	ok(near(h[0], 1.6, 1e-6), "output 1.6");
	loss_cfg lc;
	loss_defaults(&lc, LOSS_MSE);
	double L = loss_batch(&lc, ACT_IDENTITY, model_out_z(m), h, 1, 1, NULL, t, g, NULL);
	ok(near(L, 0.36, 1e-6) && near(g[0], 1.2, 1e-6), "mse 0.36, gradient 1.2");
	model_zero_grads(m);
	model_backward(m, g, 0, 1);
	const float *dW1 = layer_dW(m, 0), *db1 = layer_db(m, 0), *dW2 = layer_dW(m, 1), *db2 = layer_db(m, 1);
	ok(near(dW2[0], 1.32, 1e-6) && dW2[1] == 0 && near(db2[0], 1.2, 1e-6), "dW2 = (1.32, 0), db2 = 1.2");
	ok(near(m->layers[0].dh[0], 1.2, 1e-6) && near(m->layers[0].dh[1], 2.4, 1e-6), "dh1 = (1.2, 2.4)");
	ok(near(dW1[0], 1.2, 1e-6) && dW1[1] == 0 && near(dW1[2], 2.4, 1e-6) && dW1[3] == 0, "dW1 = [1.2 0; 2.4 0]");
	ok(near(db1[0], 1.2, 1e-6) && db1[1] == 0, "db1 = (1.2, 0)");
	ok(near(gradcheck_loss(m, NULL, &lc, x, 1, NULL, t), 0.36, 1e-6), "the double reference agrees: 0.36");
	/* gradients accumulate until zeroed; overwriting gives the bits of
	 * zeroing first */
	float once[9];
	memcpy(once, m->grads, sizeof once);
	model_backward(m, g, 0, 1);
	ok(near(layer_dW(m, 1)[0], 2.64, 1e-6), "a second backward adds to the gradient");
	model_backward(m, g, 0, 0);
	ok(memcmp(once, m->grads, sizeof once) == 0, "accumulate = 0 overwrites: the bits of zero, then add");
	char buf[64];
	model_describe(m, buf, sizeof buf);
	is_str(buf, "2-2relu-1", "model_describe");
	model_free(m);
}

/* ==== the losses by hand ================================================ */
static void
test_losses(void)
{
	loss_cfg c;
	float z[3] = {1, 2, 3}, g[3];
	int y = 2;
	loss_defaults(&c, LOSS_CE);
	double L = loss_batch(&c, ACT_IDENTITY, z, z, 1, 3, &y, NULL, g, NULL);
	ok(near(L, 0.40760596444438, 1e-7), "ce of logits (1,2,3), label 2: log(e+e^2+e^3) - 3 (%.9f)", L);
	ok(near(g[0], 0.09003057, 1e-7) && near(g[1], 0.24472847, 1e-7) && near(g[2], -0.33475904, 1e-7),
	   "ce gradient softmax - onehot");
	/* mean over the batch: two rows, the gradient halves */
	float z2[6] = {1, 2, 3, 0, 0, 0}, g2[6];
	int y2[2] = {2, 0};
	double rl[2];
	L = loss_batch(&c, ACT_IDENTITY, z2, z2, 2, 3, y2, NULL, g2, rl);
	ok(near(L, (0.40760596444438 + log(3.0)) / 2, 1e-7) && near(rl[1], log(3.0), 1e-7), "ce is the mean over rows");
	ok(near(g2[0], 0.09003057 / 2, 1e-7) && near(g2[3], (1.0 / 3 - 1) / 2, 1e-7), "its gradient is divided by n");
	/* stable for huge logits */
	float zb[2] = {1000, -1000}, gb[2];
	int yb = 1;
	L = loss_batch(&c, ACT_IDENTITY, zb, zb, 1, 2, &yb, NULL, gb, NULL);
	ok(near(L, 2000, 1e-3) && near(gb[0], 1, 1e-7) && near(gb[1], -1, 1e-7), "ce of (1000, -1000) is 2000, not inf");
	/* softmax output + ce: fused, same numbers */
	float p[3];
	act_forward(ACT_SOFTMAX, z, p, 1, 3);
	ok(near(p[0] + p[1] + p[2], 1, 1e-6) && near(p[2], 0.66524096, 1e-7), "softmax(1,2,3)");
	ok(loss_fused(LOSS_CE, ACT_SOFTMAX) && loss_fused(LOSS_CE, ACT_IDENTITY) && !loss_fused(LOSS_CE, ACT_TANH) &&
	   loss_fused(LOSS_BCE, ACT_SIGMOID) && !loss_fused(LOSS_MSE, ACT_IDENTITY), "which losses fuse");
	L = loss_batch(&c, ACT_SOFTMAX, z, p, 1, 3, &y, NULL, g, NULL);
	ok(near(L, 0.40760596444438, 1e-7) && near(g[2], -0.33475904, 1e-7), "softmax + ce = ce on the logits");

	loss_defaults(&c, LOSS_BCE);
	float u[1] = {0.5f}, t[1] = {1};
	L = loss_batch(&c, ACT_IDENTITY, u, u, 1, 1, NULL, t, g, NULL);
	ok(near(L, 0.47407698418010, 1e-7) && near(g[0], -0.37754067, 1e-7), "bce(0.5 | 1) = log(1+e^-0.5), grad sigmoid - 1");
	int lab = 0;
	L = loss_batch(&c, ACT_IDENTITY, u, u, 1, 1, &lab, NULL, g, NULL);
	ok(near(L, 0.97407698418010, 1e-7) && near(g[0], 0.62245933, 1e-7), "bce with the label 0");
	float big[1] = {-100};
	L = loss_batch(&c, ACT_IDENTITY, big, big, 1, 1, NULL, t, g, NULL);
	ok(near(L, 100, 1e-6), "bce stays finite for logit -100");

	loss_defaults(&c, LOSS_HUBER);
	float hh[2] = {3, 1.5f}, ht[2] = {1, 1}, hg[2];
	L = loss_batch(&c, ACT_IDENTITY, hh, hh, 1, 2, NULL, ht, hg, NULL);
	ok(near(L, (1.5 + 0.125) / 2, 1e-7) && near(hg[0], 0.5, 1e-7) && near(hg[1], 0.25, 1e-7),
	   "huber: 1.5 for error 2, 0.125 for 0.5, gradient clipped at delta");
	loss_defaults(&c, LOSS_MSE);
	int lab3 = 1;
	float o3[3] = {0.2f, 0.7f, 0.1f}, g3[3];
	L = loss_batch(&c, ACT_IDENTITY, o3, o3, 1, 3, &lab3, NULL, g3, NULL);
	ok(near(L, (0.04 + 0.09 + 0.01) / 3, 1e-7) && near(g3[1], 2 * -0.3 / 3, 1e-7), "mse against one-hot labels");
	ok(loss_predict(&c, ACT_IDENTITY, o3, o3, 3) == 1, "predict: the largest output");
	float tie[3] = {0.5f, 0.5f, 0.1f};
	ok(loss_predict(&c, ACT_IDENTITY, tie, tie, 3) == 0, "predict: ties go to the lower index");
	loss_defaults(&c, LOSS_BCE);
	float one[1] = {0.1f};
	ok(loss_predict(&c, ACT_IDENTITY, one, one, 1) == 1 && loss_predict(&c, ACT_SIGMOID, one, one, 1) == 0,
	   "predict with one output: logit > 0, or probability > 0.5");

	/* penalties */
	loss_defaults(&c, LOSS_MSE);
	c.l1 = 0.1;
	c.l2 = 0.5;
	float w[3] = {1, -2, 0}, gw[3] = {0, 0, 0};
	double pen = loss_penalty(&c, w, 3, gw);
	ok(near(pen, 0.3 + 1.25, 1e-7), "penalty 0.1 * 3 + 0.25 * 5 = 1.55");
	ok(near(gw[0], 0.6, 1e-7) && near(gw[1], -1.1, 1e-7) && gw[2] == 0, "its gradient l1 sign(w) + l2 w");
}

/* ==== activations against their definitions ============================ */
static double
act_def(enum act_kind a, double z)
{
	switch (a) {
	case ACT_SIGMOID: return 1 / (1 + exp(-z));
	case ACT_TANH: return tanh(z);
	case ACT_RELU: return z > 0 ? z : 0;
	case ACT_LEAKY_RELU: return z > 0 ? z : 0.01 * z;
	case ACT_GELU: return 0.5 * z * (1 + tanh(sqrt(2 / M_PI) * (z + 0.044715 * z * z * z)));
	default: return z;
	}
}

static void
test_activations(void)
{
	enum { N = 61 };
	float z[N], h[N], dh[N], dz[N];
	for (int i = 0; i < N; i++) {
		z[i] = (float)(-3.05 + 0.1 * i);
		dh[i] = 1.0f;
	}
	for (int a = ACT_IDENTITY; a <= ACT_GELU; a++) {
		act_forward(a, z, h, 1, N);
		act_backward(a, z, h, dh, dz, 1, N);
		double fe = 0, be = 0;
		for (int i = 0; i < N; i++) {
			fe = fmax(fe, fabs(h[i] - act_def(a, z[i])));
			double num = (act_def(a, z[i] + 1e-6) - act_def(a, z[i] - 1e-6)) / 2e-6;
			be = fmax(be, fabs(dz[i] - num));
		}
		ok(fe < 1e-6 && be < 1e-5, "%s: forward and derivative match the definition (%.1g, %.1g)",
		   act_names[a], fe, be);
	}
	/* softmax backward: the Jacobian-vector product */
	float sz[4] = {0.5f, -1, 2, 0}, sh[4], sdh[4] = {1, -2, 0.5f, 3}, sdz[4];
	act_forward(ACT_SOFTMAX, sz, sh, 1, 4);
	act_backward(ACT_SOFTMAX, sz, sh, sdh, sdz, 1, 4);
	double worst = 0;
	for (int j = 0; j < 4; j++) {
		double s = 0;
		for (int i = 0; i < 4; i++)
			s += sdh[i] * sh[i] * ((i == j) - sh[j]);
		worst = fmax(worst, fabs(sdz[j] - s));
	}
	ok(worst < 1e-6, "softmax backward = J^T dh (%.1g)", worst);
	ok(act_parse("leaky_relu") == ACT_LEAKY_RELU && act_parse("Tanh") < 0, "act_parse");
	float nz[2] = {NAN, -1}, nh[2];
	act_forward(ACT_RELU, nz, nh, 1, 2);
	ok(isnan(nh[0]) && nh[1] == 0, "relu lets NaN through (a diverged net shows in the loss)");
}

/* ==== gradient check: every activation with every loss ================= */
static void
test_gradcheck(void)
{
	rng_t r;
	rng_init(&r, 11);
	enum { ROWS = 5 };
	float x[ROWS * 3];
	for (int i = 0; i < ROWS * 3; i++)
		x[i] = rng_uf(&r, -1, 1);
	int labels[ROWS] = {0, 1, 2, 1, 0};
	float targets[ROWS * 3];
	for (int i = 0; i < ROWS * 3; i++)
		targets[i] = rng_uf(&r, 0, 1);
	int all_good = 1;
	double worst = 0;
	for (int hidden = ACT_IDENTITY; hidden <= ACT_SOFTMAX; hidden++) {
		for (int lk = LOSS_MSE; lk <= LOSS_HUBER; lk++) {
			for (int last = ACT_IDENTITY; last <= ACT_SOFTMAX; last++) {
				if (last == ACT_RELU || last == ACT_LEAKY_RELU)
					continue;  /* kinks at the output add nothing new */
				model *m = model_new(3);
				model_add_dense(m, 6, hidden, INIT_GLOROT, 0);
				model_add_dense(m, 5, ACT_TANH, INIT_HE, 0);
				model_add_dense(m, 3, last, INIT_NORMAL, 0.5f);
				model_init(m, &r);
				for (int l = 0; l < 3; l++)
					for (int o = 0; o < m->layers[l].out; o++)
						layer_b(m, l)[o] = rng_uf(&r, -0.3, 0.3);
				loss_cfg c;
				loss_defaults(&c, lk);
				c.l1 = 0.01;
				c.l2 = 0.02;
				c.delta = 0.3f;
				gradcheck_result res[3];
				const int *lab = lk == LOSS_HUBER || lk == LOSS_BCE ? NULL : labels;
				const float *tg = lab ? NULL : targets;
				gradcheck_run(m, &c, x, ROWS, lab, tg, 1e-6, 0, 1e-4, res);
				for (int l = 0; l < 3; l++) {
					worst = fmax(worst, res[l].max_rel);
					if (!(res[l].max_rel < 1e-3)) {
						all_good = 0;
						diag("hidden %s, loss %s, output %s, layer %d: %.3g (backprop %.9g, numeric %.9g)",
						     act_names[hidden], loss_names[lk], act_names[last], l + 1, res[l].max_rel,
						     res[l].backprop, res[l].numeric);
					}
				}
				model_free(m);
			}
		}
	}
	ok(all_good, "backprop = central differences within 1e-3 (floor 1e-4) for every activation x loss x output (worst %.2g)", worst);

	/* the bookkeeping of gradcheck_run: recompute its maximum */
	model *m = model_new(3);
	model_add_dense(m, 4, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 3, ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(m, &r);
	loss_cfg c;
	loss_defaults(&c, LOSS_CE);
	gradcheck_result res[2];
	float before[64];
	memcpy(before, m->params, m->n_params * sizeof *before);
	gradcheck_run(m, &c, x, ROWS, labels, NULL, 1e-6, 5, 1e-6, res);
	ok(res[0].checked == 5 && res[1].checked == 5, "max_per_layer limits the parameters checked");
	ok(memcmp(before, m->params, m->n_params * sizeof *before) == 0, "the parameters are left exactly as they were");
	double num = gradcheck_numeric(m, &c, x, ROWS, labels, NULL, m->layers[1].w_off + res[1].worst, 1e-6);
	ok(num == res[1].numeric && m->grads[m->layers[1].w_off + res[1].worst] == res[1].backprop,
	   "the worst entry is reported with both derivatives");
	/* and a wrong gradient is caught: 1% off shows as 1e-2 */
	size_t p = m->layers[0].w_off + 1;
	double n1 = gradcheck_numeric(m, &c, x, ROWS, labels, NULL, p, 1e-6);
	double wrong = m->grads[p] * 1.01;
	ok(fabs(wrong - n1) / fmax(fabs(wrong), fabs(n1)) > 5e-3, "a gradient 1%% off is far outside the tolerance");
	model_free(m);
}

/* ==== dropout and freezing ============================================= */
static void
test_dropout(void)
{
	rng_t r;
	rng_init(&r, 5);
	model *m = model_new(1000);
	model_add_dropout(m, 0.25f);
	model_add_dense(m, 1, ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(m, &r);
	float *x = malloc(2000 * sizeof *x);
	for (int i = 0; i < 2000; i++)
		x[i] = 1.0f + (float)(i % 7);
	uint64_t ctr = r.ctr;
	model_forward(m, x, 2, 1, &r);
	ok(r.ctr - ctr == 2000, "training dropout draws one uniform per unit (%llu)", (unsigned long long)(r.ctr - ctr));
	int kept = 0, scaled = 1;
	for (int i = 0; i < 2000; i++) {
		kept += m->layers[0].keep[i];
		float want = m->layers[0].keep[i] ? x[i] * (float)(1 / 0.75) : 0.0f;
		scaled &= m->layers[0].h[i] == want;
	}
	ok(kept > 1400 && kept < 1600, "about 75%% of the units are kept (%d of 2000)", kept);
	ok(scaled, "kept units are scaled by 1/(1-p), the others are 0");
	float g[2] = {1, 1};
	model_backward(m, g, 1, 0);
	/* no trainable layer before the dropout: nothing flows to the input,
	 * so check the mask through a model with a dense layer first */
	model_free(m);

	m = model_new(3);
	model_add_dense(m, 50, ACT_TANH, INIT_GLOROT, 0);
	model_add_dropout(m, 0.5f);
	model_add_dense(m, 2, ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(m, &r);
	float xi[3] = {0.3f, -0.2f, 0.9f};
	model_forward(m, xi, 1, 1, &r);
	float go[2] = {0.5f, -1.0f};
	model_backward(m, go, 1, 0);
	int masked = 1;
	const float *W3 = layer_W(m, 2);
	for (int u = 0; u < 50; u++) {
		float want = m->layers[1].keep[u] ? (go[0] * W3[u * 2] + go[1] * W3[u * 2 + 1]) * 2.0f : 0.0f;
		masked &= fabsf(m->layers[0].dh[u] - want) < 1e-6f;
	}
	ok(masked, "backward through dropout: the same mask and scale");
	ctr = r.ctr;
	model_forward(m, xi, 1, 0, NULL);
	int ident = 1;
	for (int u = 0; u < 50; u++)
		ident &= m->layers[1].h[u] == m->layers[0].h[u];
	ok(ident && r.ctr == ctr, "evaluation: dropout is the identity and draws nothing");
	model_free(m);
	free(x);

	/* freezing: a frozen layer's parameters keep their values */
	rng_init(&r, 3);
	dataset *ds = dataset_spiral(&r, 20, 3, 0.1);
	m = model_new(2);
	model_add_dense(m, 16, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 3, ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(m, &r);
	m->layers[0].frozen = 1;
	float w0[64], w1[64];
	memcpy(w0, layer_W(m, 0), 32 * sizeof(float));
	memcpy(w1, layer_W(m, 1), 48 * sizeof(float));
	trainer t;
	trainer_init(&t);
	trainer_reset(&t, m);
	for (int s = 0; s < 5; s++)
		trainer_step(&t, m, ds, &r);
	ok(memcmp(w0, layer_W(m, 0), 32 * sizeof(float)) == 0, "frozen layer 1 is unchanged after 5 steps");
	ok(memcmp(w1, layer_W(m, 1), 48 * sizeof(float)) != 0, "layer 2 trained");
	int zero = 1;
	for (int i = 0; i < 32 + 16; i++)
		zero &= layer_dW(m, 0)[i] == 0;
	ok(zero, "no gradient is accumulated for the frozen layer");
	ok(model_trainable(m), "still trainable");
	m->layers[1].frozen = 1;
	ok(!model_trainable(m), "all frozen: nothing to train");
	trainer_free(&t);
	model_free(m);
	dataset_free(ds);
}

int
main(void)
{
	test_known_answer();
	test_losses();
	test_activations();
	test_gradcheck();
	test_dropout();
	return done_testing();
}
