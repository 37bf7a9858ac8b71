/* test-conv.c - the conv and max-pool layers and the shapes images: a
 * convolution and a pooling worked by hand, the layers against a direct
 * (no patches) computation on random data, gradient checks of networks
 * mixing conv, pool and dense layers against the core's double-precision
 * central differences, the shapes generator's pictures and stream use,
 * and a seeded small CNN reaching a stated test accuracy. */
#include <config.h>

#include "../tap.h"
#include "core/conv.h"
#include "core/gradcheck.h"
#include "core/images.h"
#include "core/loss.h"
#include "core/model.h"
#include "core/optim.h"
#include "core/train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ==== by hand ==========================================================
 * A 3x3 grey image 1..9 (row-major), one 2x2 filter [1 0; 0 -1], bias 0.5,
 * 'valid': the output is 2x2, each x(y,x) - x(y+1,x+1) + 0.5 = -4 + 0.5. */
static void
test_by_hand(void)
{
	model *m = model_new(9);
	model_add_conv(m, 3, 3, 1, 1, 2, 2, ACT_IDENTITY, INIT_GLOROT, 0);
	ok(m->n_params == 5 && model_n_out(m) == 4, "conv 1 filter 2x2 over 3x3: 5 parameters, 4 outputs");
	const float W[] = {1, 0, 0, -1}, x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
	memcpy(layer_W(m, 0), W, sizeof W);
	layer_b(m, 0)[0] = 0.5f;
	const float *h = model_forward(m, x, 1, 0, NULL);
	ok(h[0] == -3.5f && h[1] == -3.5f && h[2] == -3.5f && h[3] == -3.5f, "every output is 1 - 5 + 0.5 = -3.5");
	/* backward with g = (1, 2, 3, 4) on the outputs:
	 * dW(ky,kx) = sum g * x(oy+ky, ox+kx): dW00 = 1+4+12+20 = 37,
	 * dW11 = 5+12+24+36 = 77; db = 10 */
	const float g[] = {1, 2, 3, 4};
	model_backward(m, g, 0, 0);
	const float *dW = layer_dW(m, 0);
	ok(dW[0] == 37 && dW[1] == 47 && dW[2] == 67 && dW[3] == 77 && layer_db(m, 0)[0] == 10,
	   "dW = [37 47; 67 77], db = 10");
	model_free(m);

	/* max-pool 2 over a 4x5x1 image: the last column is ignored */
	const float img[] = {1, 5, 2, 0, 9, 3, 4, 8, 1, 9, 0, 0, 7, 7, 9, 2, 1, 6, 3, 9};
	float y[4];
	int arg[4];
	pool_forward(img, 1, 4, 5, 1, 2, y, arg);
	ok(y[0] == 5 && y[1] == 8 && y[2] == 2 && y[3] == 7, "pool 2: maxima (5, 8, 2, 7), the fifth column ignored");
	ok(arg[0] == 1 && arg[1] == 7 && arg[2] == 15 && arg[3] == 12, "ties go to the first maximum (index 12)");
	float dy[] = {1, 2, 3, 4}, dx[20];
	pool_backward(dy, arg, 1, 20, 4, dx);
	double sum = 0;
	for (int i = 0; i < 20; i++)
		sum += dx[i];
	ok(dx[1] == 1 && dx[7] == 2 && dx[15] == 3 && dx[12] == 4 && sum == 10, "pool backward routes dy to the maxima");
}

/* ==== against a direct computation ===================================== */

static double
direct_conv(const float *x, const float *W, const float *b, int iw, int ic, int kh, int kw, int oc, int oy,
            int ox, int o)
{
	double s = b[o];
	for (int ky = 0; ky < kh; ky++)
		for (int kx = 0; kx < kw; kx++)
			for (int c = 0; c < ic; c++)
				s += (double)x[((oy + ky) * iw + ox + kx) * ic + c] * W[((ky * kw + kx) * ic + c) * oc + o];
	return s;
}

static void
test_direct(void)
{
	rng_t r;
	rng_init(&r, 3);
	const int rows = 3, ih = 7, iw = 6, ic = 2, k = 4, kh = 3, kw = 2;
	model *m = model_new(ih * iw * ic);
	model_add_conv(m, ih, iw, ic, k, kh, kw, ACT_IDENTITY, INIT_GLOROT, 0);
	model_add_pool(m, ih - kh + 1, iw - kw + 1, k, 2);
	model_init(m, &r);
	for (int i = 0; i < k; i++)
		layer_b(m, 0)[i] = rng_uf(&r, -1, 1);
	float *x = malloc(sizeof(float) * rows * ih * iw * ic);
	for (int i = 0; i < rows * ih * iw * ic; i++)
		x[i] = rng_uf(&r, -1, 1);
	const float *h = model_forward(m, x, rows, 0, NULL);
	const layer *C = &m->layers[0], *P = &m->layers[1];
	ok(C->oh == 5 && C->ow == 5 && P->oh == 2 && P->ow == 2 && model_n_out(m) == 16,
	   "7x6x2 -> conv 4 3x2 -> 5x5x4 -> pool 2 -> 2x2x4");
	double worst = 0, worst_pool = 0;
	for (int b = 0; b < rows; b++) {
		const float *xb = x + (size_t)b * ih * iw * ic;
		for (int oy = 0; oy < C->oh; oy++)
			for (int ox = 0; ox < C->ow; ox++)
				for (int o = 0; o < k; o++) {
					double want = direct_conv(xb, layer_W(m, 0), layer_b(m, 0), iw, ic, kh, kw, k, oy, ox, o);
					double got = C->h[(size_t)b * C->out + (oy * C->ow + ox) * k + o];
					worst = fmax(worst, fabs(got - want));
				}
		for (int oy = 0; oy < 2; oy++)
			for (int ox = 0; ox < 2; ox++)
				for (int o = 0; o < k; o++) {
					double mx = -HUGE_VAL;
					for (int dy = 0; dy < 2; dy++)
						for (int dx = 0; dx < 2; dx++)
							mx = fmax(mx, direct_conv(xb, layer_W(m, 0), layer_b(m, 0), iw, ic, kh, kw, k,
							                          oy * 2 + dy, ox * 2 + dx, o));
					worst_pool = fmax(worst_pool, fabs(h[(size_t)b * 16 + (oy * 2 + ox) * k + o] - mx));
				}
	}
	ok(worst < 1e-5, "conv matches the direct sum (largest difference %.3g)", worst);
	ok(worst_pool < 1e-5, "pool matches the direct maximum (largest difference %.3g)", worst_pool);
	/* col2im is the adjoint of im2col: <im2col(x), c> = <x, col2im(c)> */
	int np = rows * C->oh * C->ow * kh * kw * ic;
	float *col = malloc(sizeof(float) * np), *cv = malloc(sizeof(float) * np);
	float *back = malloc(sizeof(float) * rows * ih * iw * ic);
	conv_im2col(x, rows, ih, iw, ic, kh, kw, col);
	for (int i = 0; i < np; i++)
		cv[i] = rng_uf(&r, -1, 1);
	conv_col2im(cv, rows, ih, iw, ic, kh, kw, back);
	double lhs = 0, rhs = 0;
	for (int i = 0; i < np; i++)
		lhs += (double)col[i] * cv[i];
	for (int i = 0; i < rows * ih * iw * ic; i++)
		rhs += (double)x[i] * back[i];
	ok(fabs(lhs - rhs) < 1e-4, "col2im is the adjoint of im2col (%.6f vs %.6f)", lhs, rhs);
	free(col);
	free(cv);
	free(back);
	free(x);
	model_free(m);
}

/* ==== gradient checks ================================================== */

static void
check_net(model *m, enum loss_kind lk, int rows, int k, const char *name)
{
	rng_t r;
	rng_init(&r, 11);
	model_init(m, &r);
	for (size_t i = 0; i < m->n_params; i++)
		if (m->params[i] == 0)
			m->params[i] = rng_uf(&r, -0.3, 0.3);  /* non-zero biases */
	float *x = malloc(sizeof(float) * rows * m->n_in);
	for (int i = 0; i < rows * m->n_in; i++)
		x[i] = rng_uf(&r, -1, 1);
	int *labels = malloc(sizeof(int) * rows);
	float *targets = malloc(sizeof(float) * rows * k);
	for (int i = 0; i < rows; i++)
		labels[i] = (int)rng_below(&r, (uint64_t)k);
	for (int i = 0; i < rows * k; i++)
		targets[i] = rng_uf(&r, -1, 1);
	loss_cfg lc;
	loss_defaults(&lc, lk);
	lc.l2 = 0.01;
	gradcheck_result *res = calloc((size_t)m->n_layers, sizeof *res);
	gradcheck_run(m, &lc, x, rows, lk == LOSS_CE ? labels : NULL, lk == LOSS_CE ? NULL : targets, 1e-3, 200,
	              1e-6, res);
	double worst = 0;
	size_t checked = 0;
	for (int l = 0; l < m->n_layers; l++) {
		checked += res[l].checked;
		if (res[l].max_rel > worst)
			worst = res[l].max_rel;
	}
	ok(worst < 2e-3 && checked > 0, "gradcheck %s: %zu parameters, largest relative error %.3g", name, checked,
	   worst);
	free(res);
	free(x);
	free(labels);
	free(targets);
}

static void
test_gradcheck(void)
{
	model *m = model_new(6 * 6 * 2);
	model_add_conv(m, 6, 6, 2, 3, 3, 3, ACT_TANH, INIT_GLOROT, 0);
	model_add_pool(m, 4, 4, 3, 2);
	model_add_dense(m, 3, ACT_IDENTITY, INIT_GLOROT, 0);
	check_net(m, LOSS_CE, 4, 3, "conv tanh, pool, dense, ce");
	model_free(m);

	m = model_new(5 * 7);
	model_add_conv(m, 5, 7, 1, 2, 2, 3, ACT_SIGMOID, INIT_HE, 0);
	model_add_conv(m, 4, 5, 2, 3, 2, 2, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 4, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 2, ACT_IDENTITY, INIT_GLOROT, 0);
	check_net(m, LOSS_MSE, 3, 2, "conv sigmoid, conv tanh, dense, dense, mse");
	model_free(m);

	/* a frozen first conv still passes gradients to nothing; the second
	 * one's are still right */
	m = model_new(6 * 6);
	model_add_conv(m, 6, 6, 1, 2, 3, 3, ACT_TANH, INIT_GLOROT, 0);
	model_add_pool(m, 4, 4, 2, 2);
	model_add_conv(m, 2, 2, 2, 2, 2, 2, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 2, ACT_IDENTITY, INIT_GLOROT, 0);
	check_net(m, LOSS_CE, 5, 2, "conv, pool, conv 2x2, dense, ce");
	model_free(m);
}

/* ==== the shapes images ================================================ */

static void
test_shapes(void)
{
	rng_t r;
	rng_init(&r, 5);
	dataset *ds = images_shapes(&r, 6, 0.0);
	ok(ds->n == 24 && ds->d == 144 && ds->k == 4 && ds->y[0] == 0 && ds->y[23] == 3,
	   "24 images of 144 pixels, 4 classes in order");
	ok(r.ctr == 24 * (3 + 144 * 2), "each image draws 3 uniforms and 144 normals (%llu draws)",
	   (unsigned long long)r.ctr);
	/* replay the draws by hand: the first square */
	rng_t q;
	rng_init(&q, 5);
	int s = 5 + (int)rng_below(&q, 4), y0 = (int)rng_below(&q, (uint64_t)(13 - s)),
	    x0 = (int)rng_below(&q, (uint64_t)(13 - s));
	int on = 0, right = 1;
	for (int y = 0; y < 12; y++)
		for (int x = 0; x < 12; x++) {
			int want = y >= y0 && y < y0 + s && x >= x0 && x < x0 + s &&
			           (y == y0 || y == y0 + s - 1 || x == x0 || x == x0 + s - 1);
			on += want;
			right &= ds->x[y * 12 + x] == (float)want;
		}
	ok(right && on == 4 * s - 4, "the first image is a %dx%d square outline at (%d, %d)", s, s, y0, x0);
	int sym = 1;
	for (int c = 0; c < 4; c++)
		for (int sz = 5; sz <= 8; sz++)
			for (int y = 0; y < sz; y++)
				for (int x = 0; x < sz; x++)
					sym &= images_shape(c, sz, y, x) == images_shape(c, sz, x, y);
	ok(sym, "every shape is symmetric about its diagonal");
	ok(images_shape(3, 7, 0, 3) && !images_shape(3, 7, 0, 0) && !images_shape(3, 7, 3, 3) &&
	   images_shape(1, 6, 3, 0) && images_shape(2, 5, 4, 0),
	   "circle, plus and x strokes where expected");
	dataset_free(ds);
	rng_init(&r, 5);
	ds = images_shapes(&r, 6, 0.3);
	rng_init(&q, 5);
	dataset *clean = images_shapes(&q, 6, 0.0);
	double mean = 0, var = 0;
	for (int i = 0; i < ds->n * ds->d; i++) {
		double e = ds->x[i] - clean->x[i];
		mean += e;
		var += e * e;
	}
	mean /= ds->n * ds->d;
	var = var / (ds->n * ds->d) - mean * mean;
	ok(fabs(mean) < 0.03 && fabs(sqrt(var) - 0.3) < 0.02, "noise 0.3: mean %.4f, std %.4f", mean, sqrt(var));
	dataset_free(ds);
	dataset_free(clean);
}

/* ==== a small CNN learns the shapes =====================================
 * seed 1, 100 shapes per class with noise 0.3, a quarter held out, adam
 * 0.01, batch 32, 40 epochs.  The two-conv network generalises; a dense
 * network with more parameters learns the training set just as well but
 * not the test set: it has to learn each shape at every position anew. */

static double
train_shapes(int conv, double *train_acc, size_t *params)
{
	rng_t r;
	rng_init(&r, 1);
	dataset *ds = images_shapes(&r, 100, 0.3);
	dataset_split(ds, &r, 0.25);
	model *m = model_new(144);
	if (conv) {
		model_add_conv(m, 12, 12, 1, 8, 3, 3, ACT_RELU, INIT_HE, 0);
		model_add_pool(m, 10, 10, 8, 2);
		model_add_conv(m, 5, 5, 8, 16, 3, 3, ACT_RELU, INIT_HE, 0);
		model_add_pool(m, 3, 3, 16, 3);
	} else {
		model_add_dense(m, 32, ACT_RELU, INIT_HE, 0);
	}
	model_add_dense(m, 4, ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(m, &r);
	trainer t;
	trainer_init(&t);
	trainer_reset(&t, m);
	optim_defaults(&t.opt, OPT_ADAM, 0.01);
	int steps = trainer_steps_per_epoch(&t, ds) * 40;
	for (int i = 0; i < steps; i++)
		trainer_step(&t, m, ds, &r);
	eval_result ev, tr;
	model_evaluate(m, &t.loss, ds, ds->n_train, ds->n, &ev, NULL);
	model_evaluate(m, &t.loss, ds, 0, ds->n_train, &tr, NULL);
	*train_acc = tr.acc;
	*params = m->n_params;
	trainer_free(&t);
	model_free(m);
	dataset_free(ds);
	return ev.acc;
}

static void
test_training(void)
{
	double tr_c, tr_d;
	size_t p_c, p_d;
	double conv = train_shapes(1, &tr_c, &p_c), dense = train_shapes(0, &tr_d, &p_d);
	ok(conv >= 0.93 && tr_c == 1.0, "conv 8 3x3 relu, pool 2, conv 16 3x3 relu, pool 3, dense 4 (%zu parameters): "
	   "test accuracy %.4f >= 0.93, train %.4f", p_c, conv, tr_c);
	ok(tr_d == 1.0 && dense < conv - 0.3, "dense 32 relu, dense 4 (%zu parameters): train %.4f but test only "
	   "%.4f", p_d, tr_d, dense);
}

int
main(void)
{
	test_by_hand();
	test_direct();
	test_gradcheck();
	test_shapes();
	test_training();
	return done_testing();
}
