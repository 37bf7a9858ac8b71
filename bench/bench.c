/* bench.c - workloads W1 and W2 of WORKLOADS.md, run by nnlab's own core
 * (the same trainer the `train` command uses), timed by the median-per-unit
 * protocol of its section 0 and printed in its line format:
 *   workload=W1 peer=nnlab seconds=S metric=train_acc value=V ...
 * Usage: nnbench [W1|W2|all].  The peer is "nnlab" when a CBLAS backend
 * is in use for the large products and "nnlab-builtin" otherwise
 * (NNLAB_BLAS=0, or a build without CBLAS).  Not a test: it asserts
 * nothing; bench/run.sh compares it with the peers.
 */
#include <config.h>

#include "core/dataset.h"
#include "core/gemm.h"
#include "core/kern.h"
#include "core/model.h"
#include "core/train.h"
#ifdef HAVE_CBLAS
#include "core/gemm-blas.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static const char *peer;

/* ==== W1: spiral, 2-64 tanh-64 tanh-3, sgd 0.1, batch 32, 2000 epochs === */
static void
bench_w1(void)
{
	enum { EPOCHS = 2000 };
	rng_t r;
	rng_init(&r, 1);
	dataset *ds = dataset_spiral(&r, 100, 3, 0.2);
	model *m = model_new(2);
	model_add_dense(m, 64, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 64, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 3, ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(m, &r);
	trainer t;
	trainer_init(&t);
	trainer_reset(&t, m);
	int steps = trainer_steps_per_epoch(&t, ds);
	double *ep = malloc(EPOCHS * sizeof *ep), wall = 0;
	for (int e = 0; e < EPOCHS; e++) {
		/* the shuffling keys are drawn outside the timed region, as
		 * the peers draw theirs up front */
		trainer_begin_epoch(&t, ds, &r);
		double t0 = now();
		for (int s = 0; s < steps; s++)
			trainer_step(&t, m, ds, &r);
		ep[e] = now() - t0;
		wall += ep[e];
	}
	eval_result ev;
	model_evaluate(m, &t.loss, ds, 0, ds->n, &ev, NULL);
	double med = median(ep, EPOCHS);
	printf("workload=W1 peer=%s seconds=%.6f metric=train_acc value=%.4f ms_per_epoch=%.4f wall_s=%.4f "
	       "final_loss=%.5f steps=%ld\n",
	       peer, med * EPOCHS, ev.acc, med * 1e3, wall, ev.loss, t.step);
	fflush(stdout);
	free(ep);
	trainer_free(&t);
	model_free(m);
	dataset_free(ds);
}

/* ==== W2: 784-256 relu-128 relu-10, sgd 0.01, batch 64, 500 steps ====== */
static void
bench_w2(void)
{
	enum { POOL = 1024, STEPS = 500, B = 64 };
	rng_t r;
	rng_init(&r, 2);
	dataset *ds = dataset_new("w2", POOL, 784, 10, 0);
	for (size_t i = 0; i < (size_t)POOL * 784; i++)
		ds->x[i] = rng_uf(&r, 0.0, 1.0);
	for (int i = 0; i < POOL; i++)
		ds->y[i] = (int)(rng_uniform(&r) * 10);
	model *m = model_new(784);
	model_add_dense(m, 256, ACT_RELU, INIT_HE, 0);
	model_add_dense(m, 128, ACT_RELU, INIT_HE, 0);
	model_add_dense(m, 10, ACT_IDENTITY, INIT_HE, 0);
	model_init(m, &r);
	trainer t;
	trainer_init(&t);
	trainer_reset(&t, m);
	optim_defaults(&t.opt, OPT_SGD, 0.01);
	t.batch = B;
	t.shuffle = 0;  /* step s uses rows 64 s mod 1024 ... + 63 */
	double *st = malloc(STEPS * sizeof *st), wall = 0, loss = 0;
	for (int s = 0; s < STEPS; s++) {
		trainer_begin_epoch(&t, ds, &r);
		double t0 = now();
		loss = trainer_step(&t, m, ds, &r);
		st[s] = now() - t0;
		wall += st[s];
	}
	double med = median(st, STEPS);
	const double flop_step = 6.0 * 235146 * B;
	printf("workload=W2 peer=%s seconds=%.6f metric=steps_per_s value=%.2f gflops=%.2f wall_s=%.4f "
	       "wall_steps_per_s=%.2f last_step_loss=%.5f\n",
	       peer, med * STEPS, 1.0 / med, flop_step / med / 1e9, wall, STEPS / wall, loss);
	fflush(stdout);
	free(st);
	trainer_free(&t);
	model_free(m);
	dataset_free(ds);
}

int
main(int argc, char **argv)
{
	const char *which = argc > 1 ? argv[1] : "all";
	if (strcmp(which, "W1") && strcmp(which, "W2") && strcmp(which, "all")) {
		fprintf(stderr, "usage: nnbench [W1|W2|all]\n");
		return 2;
	}
	int blas = 0;
#ifdef HAVE_CBLAS
	blas = gemm_blas_install();
#endif
	peer = blas ? "nnlab" : "nnlab-builtin";
	printf("# peer=%s nnlab=%s kernels=%s matrix_backend=%s threads=1\n", peer, PACKAGE_VERSION,
	       kern_level_name(kern_level()), blas ? gemm_backend_get()->name : "built-in");
	if (!strcmp(which, "W1") || !strcmp(which, "all"))
		bench_w1();
	if (!strcmp(which, "W2") || !strcmp(which, "all"))
		bench_w2();
	return 0;
}
