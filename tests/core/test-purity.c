/* test-purity.c - the numeric core needs libc and libm only.
 *
 * This program is linked with every object of libnncore.a (the linker's
 * --whole-archive) and -lm, nothing else: a core file that called curses,
 * readline, stdio output of the UI or a BLAS would fail to link here.  It
 * then trains a small network, to show the core works on its own. */
#include <config.h>

#include "../tap.h"
#include "core/dataset.h"
#include "core/gemm.h"
#include "core/model.h"
#include "core/train.h"

int
main(void)
{
	ok(gemm_backend_get() == NULL, "no matrix backend is registered in the bare core");
	rng_t r;
	rng_init(&r, 3);
	dataset *ds = dataset_spiral(&r, 30, 2, 0.1);
	model *m = model_new(2);
	model_add_dense(m, 16, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 2, ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(m, &r);
	trainer t;
	trainer_init(&t);
	trainer_reset(&t, m);
	optim_defaults(&t.opt, OPT_ADAM, 0.02);
	eval_result before, after;
	model_evaluate(m, &t.loss, ds, 0, ds->n, &before, NULL);
	for (int s = 0; s < 200; s++)
		trainer_step(&t, m, ds, &r);
	model_evaluate(m, &t.loss, ds, 0, ds->n, &after, NULL);
	ok(after.loss < before.loss / 2, "a network trains with the core alone (loss %.3f -> %.3f)", before.loss,
	   after.loss);
	trainer_free(&t);
	model_free(m);
	dataset_free(ds);
	return done_testing();
}
