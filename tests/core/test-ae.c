/* test-ae.c - the autoencoder: its data (the rows as their own targets),
 * its baseline against a direct computation, and a seeded run: the 2-D
 * points of a sine curve through a code of one number come back with an
 * error near the noise, and the code follows the place along the curve. */
#include <config.h>

#include "../tap.h"
#include "core/ae.h"
#include "core/optim.h"
#include "core/train.h"

#include <math.h>
#include <stdlib.h>

int
main(void)
{
	rng_t r;
	rng_init(&r, 1);
	dataset *src = dataset_sine(&r, 200, 0.05);
	dataset_split(src, &r, 0.25);
	dataset *ds = ae_dataset(src);
	int same = ds->d == 2 && ds->k == 2 && ds->regression && ds->n == 200 && ds->n_train == 150;
	for (int i = 0; i < ds->n; i++)
		same &= ds->x[2 * i] == src->x[i] && ds->x[2 * i + 1] == src->t[i] && ds->t[2 * i] == src->x[i] &&
		        ds->t[2 * i + 1] == src->t[i];
	ok(same, "sine's rows (x, t) are the features and the targets, with the same split");

	/* the baseline by hand: the training means, then the test mse */
	double mx = 0, mt = 0, e = 0;
	for (int i = 0; i < 150; i++)
		mx += src->x[i], mt += src->t[i];
	mx /= 150, mt /= 150;
	for (int i = 150; i < 200; i++)
		e += (src->x[i] - mx) * (src->x[i] - mx) + (src->t[i] - mt) * (src->t[i] - mt);
	close_enough(ae_baseline(ds, 150, 200), e / 100, 1e-9, 1e-9, "baseline: the test mse of the training means");

	model *m = ae_model(2, 16, 1);
	ok(m->n_layers == 4 && model_n_out(m) == 2 && m->layers[AE_CODE_LAYER].out == 1 &&
	   m->layers[AE_CODE_LAYER].act == ACT_IDENTITY, "2-16tanh-1-16tanh-2, the code is layer 2");
	model_init(m, &r);
	trainer t;
	trainer_init(&t);
	trainer_reset(&t, m);
	optim_defaults(&t.opt, OPT_ADAM, 0.01);
	loss_defaults(&t.loss, LOSS_MSE);
	int steps = trainer_steps_per_epoch(&t, ds) * 300;
	for (int i = 0; i < steps; i++)
		trainer_step(&t, m, ds, &r);
	eval_result te;
	model_evaluate(m, &t.loss, ds, 150, 200, &te, NULL);
	double base = ae_baseline(ds, 150, 200);
	/* the noise (sd 0.05 on t only) cannot be reconstructed: mse >= 0.05^2 / 2 */
	ok(te.loss < 0.005 && te.loss < 0.01 * base,
	   "seed 1, sine n=200 noise 0.05, code 1, adam 0.01, 300 epochs: test mse %.5f < 0.005 (baseline %.4f)",
	   te.loss, base);
	/* the code follows x: their correlation */
	double sx = 0, sc = 0, sxx = 0, scc = 0, sxc = 0;
	for (int i = 0; i < ds->n; i++) {
		float c;
		ae_code(m, ds->x + 2 * i, &c);
		double x = ds->x[2 * i];
		sx += x, sc += c, sxx += x * x, scc += (double)c * c, sxc += x * c;
	}
	double n = ds->n, corr = (sxc - sx * sc / n) / sqrt((sxx - sx * sx / n) * (scc - sc * sc / n));
	ok(fabs(corr) > 0.95, "the one-number code follows x along the curve (correlation %.4f)", corr);
	trainer_free(&t);
	model_free(m);
	dataset_free(ds);
	dataset_free(src);
	return done_testing();
}
