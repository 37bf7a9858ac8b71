/* test-distill.c - knowledge distillation (src/core/distill.c): the loss
 * against a hand computation (the glossary's example, T = 4), its limits
 * (alpha 0 is cross-entropy; a student equal to the teacher has no soft
 * loss), its gradient against central differences, and the seeded outcome
 * of the `distill` demo's recipe: a 2-64-64-3 teacher on a spiral with
 * half the rows held out; a 2-8-3 student distilled at T = 4, alpha 0.5
 * beats the same student (same initial weights, same batches) trained on
 * labels alone on the test rows.  Not a law: with 4 hidden units labels
 * alone won on this seed.  Links libnncore.a and -lm only.
 */
#include <config.h>

#include "core/dataset.h"
#include "core/distill.h"
#include "core/model.h"
#include "core/rng.h"
#include "core/train.h"
#include "../tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void
test_loss(void)
{
	const float t[3] = {3, 1, 0.2f}, s0[3] = {0, 0, 0};
	/* p = softmax(t/4) by hand */
	double e[3] = {exp(0.75), exp(0.25), exp((double)0.2f / 4)}, z = e[0] + e[1] + e[2];
	double kl = 0;
	for (int j = 0; j < 3; j++)
		kl += e[j] / z * log(e[j] / z * 3);
	close_enough(e[0] / z, 0.4755, 5e-5, 0, "softmax((3,1,0.2)/4)[0] as the glossary says");
	close_enough(distill_loss(t, s0, NULL, 1, 3, 4, 1, NULL), 16 * kl, 1e-12, 1e-9,
	             "T^2 KL(p||uniform) for the glossary's teacher");
	int y = 2;
	close_enough(distill_loss(t, s0, &y, 1, 3, 4, 0, NULL), log(3), 1e-12, 1e-9, "alpha 0: cross-entropy");
	close_enough(distill_loss(t, t, &y, 1, 3, 4, 1, NULL), 0, 1e-12, 0, "student = teacher: no soft loss");

	/* the gradient against central differences, several rows, mixed */
	rng_t r;
	rng_init(&r, 11);
	enum { N = 4, K = 5 };
	float tt[N * K], ss[N * K], g[N * K];
	int lab[N];
	for (int i = 0; i < N * K; i++) {
		tt[i] = rng_uf(&r, -3, 3);
		ss[i] = rng_uf(&r, -3, 3);
	}
	for (int i = 0; i < N; i++)
		lab[i] = (int)rng_below(&r, K);
	const double Ts[] = {1, 2.5, 8}, alphas[] = {0, 0.7, 1};
	for (int a = 0; a < 3; a++)
		for (int b = 0; b < 3; b++) {
			distill_loss(tt, ss, lab, N, K, Ts[a], alphas[b], g);
			double worst = 0;
			for (int i = 0; i < N * K; i++) {
				float keep = ss[i];
				ss[i] = keep + 1e-2f;
				double up = distill_loss(tt, ss, lab, N, K, Ts[a], alphas[b], NULL);
				double h1 = (double)ss[i] - keep;
				ss[i] = keep - 1e-2f;
				double dn = distill_loss(tt, ss, lab, N, K, Ts[a], alphas[b], NULL);
				double h2 = keep - (double)ss[i];
				ss[i] = keep;
				double num = (up - dn) / (h1 + h2);
				worst = fmax(worst, fabs(num - g[i]) / fmax(1e-3, fabs(num)));
			}
			ok(worst < 2e-3, "gradient, T=%g alpha=%g: largest relative difference %.2e", Ts[a], alphas[b], worst);
		}
}

static model *
mlp(int h1, int h2)
{
	model *m = model_new(2);
	model_add_dense(m, h1, ACT_TANH, INIT_GLOROT, 0);
	if (h2)
		model_add_dense(m, h2, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 3, ACT_IDENTITY, INIT_GLOROT, 0);
	return m;
}

static void
test_outcome(void)
{
	rng_t r;
	rng_init(&r, 0);
	dataset *ds = dataset_spiral(&r, 100, 3, 0.2);
	dataset_split(ds, &r, 0.5);
	model *teacher = mlp(64, 64);
	model_init(teacher, &r);
	trainer t;
	trainer_init(&t);
	t.opt.lr = 0.5;
	trainer_reset(&t, teacher);
	for (int i = 0; i < 3000; i++)
		trainer_step(&t, teacher, ds, &r);
	eval_result et, e1, e2;
	model_evaluate(teacher, &t.loss, ds, ds->n_train, ds->n, &et, NULL);
	model *plain = mlp(8, 0);
	model_init(plain, &r);
	model *dist = model_clone(plain);
	distill_cfg c = {.T = 4, .alpha = 0, .lr = 0.5, .batch = 32, .epochs = 300};
	rng_t r2 = r;
	distill_train(plain, teacher, ds, &c, &r);
	c.alpha = 0.5;
	distill_train(dist, teacher, ds, &c, &r2);
	model_evaluate(plain, &t.loss, ds, ds->n_train, ds->n, &e1, NULL);
	model_evaluate(dist, &t.loss, ds, ds->n_train, ds->n, &e2, NULL);
	diag("teacher %zu params test %.4f; student %zu params: labels %.4f, distilled %.4f", teacher->n_params, et.acc,
	     plain->n_params, e1.acc, e2.acc);
	ok(et.acc > 0.9, "the teacher learned the spiral (test accuracy %.4f)", et.acc);
	ok(e2.correct > e1.correct, "the distilled student beats labels alone on the test rows (%ld > %ld of %ld)",
	   e2.correct, e1.correct, e1.n);
	trainer_free(&t);
	model_free(teacher);
	model_free(plain);
	model_free(dist);
	dataset_free(ds);
}

int
main(void)
{
	test_loss();
	test_outcome();
	return done_testing();
}
