/* cmd-parallel.c - the `parallel` command: data parallelism measured on
 * the current network and data.  One batch's gradient from N worker
 * threads against one worker, then the same SGD steps both ways from
 * copies of the current weights, with the wall-clock speed-up on request.
 *
 * The threads and the all-reduce are src/core/parallel.c's.  Not
 * `train`: the session's network, its trainer and the random stream are
 * left as they are.
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/netcmd.h"
#include "core/alloc.h"
#include "core/optim.h"
#include "core/parallel.h"
#include "out/out.h"
#include "util/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const parallel_keys[] = {"workers", "batch", "steps", NULL};
static const char *const parallel_words[] = {"time", NULL};

static double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double
max_abs_diff(const float *a, const float *b, size_t n, double *largest)
{
	double d = 0, s = 0;
	for (size_t i = 0; i < n; i++) {
		d = fmax(d, fabs((double)a[i] - b[i]));
		s = fmax(s, fabs((double)b[i]));
	}
	*largest = s;
	return d;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double
median(double *v, long n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* steps SGD steps on consecutive batches of the training rows, taken
 * by one worker and by many in turn, step by step, so that a stall of the
 * machine hits both alike; the median time of a step each way into ms1
 * and msn.  -1 if the learner stopped it (Ctrl-C). */
static int
run_both(model *one, parallel *p1, model *many, parallel *pn, const optim_cfg *oc, const loss_cfg *c,
         const dataset *ds, int batch, long steps, double *ms1, double *msn)
{
	optim_state st1, stn;
	memset(&st1, 0, sizeof st1);
	memset(&stn, 0, sizeof stn);
	optim_state_reset(&st1, one->n_params);
	optim_state_reset(&stn, many->n_params);
	double *t1 = xmalloc((size_t)steps * sizeof *t1), *tn = xmalloc((size_t)steps * sizeof *tn);
	int at = 0, stopped = 0;
	const int *y = ds->regression ? NULL : ds->y;
	for (long i = 0; i < steps; i++) {
		if (session_poll()) {
			stopped = 1;
			break;
		}
		int rows = ds->n_train - at < batch ? ds->n_train - at : batch;
		const float *x = ds->x + (size_t)at * ds->d;
		const int *yb = y ? y + at : NULL;
		const float *tb = ds->regression ? ds->t + (size_t)at * ds->k : NULL;
		double t0 = now_ms();
		parallel_grad(p1, one, c, x, yb, tb, rows);
		optim_step(oc, &st1, one);
		double t_mid = now_ms();
		parallel_grad(pn, many, c, x, yb, tb, rows);
		optim_step(oc, &stn, many);
		t1[i] = t_mid - t0;
		tn[i] = now_ms() - t_mid;
		at = at + rows >= ds->n_train ? 0 : at + rows;
	}
	if (!stopped) {
		*ms1 = median(t1, steps);
		*msn = median(tn, steps);
	}
	free(t1);
	free(tn);
	optim_state_free(&st1);
	optim_state_free(&stn);
	return stopped ? -1 : 0;
}

static int
cmd_parallel(session *s, cmd_args *a)
{
	const char *usage = "parallel [workers=N] [batch=B] [steps=S] [time]";
	int timed = arg_flag(a, "time");
	if (args_max(a, 0, usage) < 0)
		return -1;
	long workers, batch, steps;
	if (arg_long(a, "workers", 2, 2, PARALLEL_MAX_WORKERS, &workers) < 0 ||
	    arg_long(a, "batch", 256, 1, 1000000, &batch) < 0 || arg_long(a, "steps", 50, 1, 1000000, &steps) < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (net_check_fit(nl, 1) < 0)
		return -1;
	model *m = nl->model;
	for (int l = 0; l < m->n_layers; l++)
		if (m->layers[l].kind == LAYER_DROPOUT)
			return out_error("the network has dropout (layer %d), whose random draws would depend on how the "
			                 "batch is split; remove it to compare ('net pop' or 'net new')", l + 1);
	const dataset *ds = nl->data;
	if (batch > ds->n_train)
		batch = ds->n_train;
	loss_cfg c = nl->tr->loss;
	c.kind = net_loss_kind(nl);

	model *one = model_clone(m), *many = model_clone(m);
	parallel *p1 = parallel_new(one, 1), *pn = parallel_new(many, (int)workers);
	if (!p1 || !pn) {
		parallel_free(p1);
		parallel_free(pn);
		model_free(one);
		model_free(many);
		return out_error("could not start %ld worker threads; try fewer workers=", workers);
	}
	const int *y = ds->regression ? NULL : ds->y;
	const float *t = ds->regression ? ds->t : NULL;
	double l1 = parallel_grad(p1, one, &c, ds->x, y, t, (int)batch);
	double ln = parallel_grad(pn, many, &c, ds->x, y, t, (int)batch);
	double largest, d = max_abs_diff(many->grads, one->grads, m->n_params, &largest);
	char b1[32], b2[32], desc[256];
	model_describe(m, desc, sizeof desc);
	out_printf(_("data parallelism on %s: each batch of %ld rows split across %ld threads, each with its own "
	             "copy of the weights; their gradients, each weighted by its share of the rows, summed (the "
	             "all-reduce)\n"),
	           desc, batch, workers);
	out_printf(_("one batch (the first %ld training rows), %s parameters:\n"), batch,
	           net_count((long)m->n_params, b1, sizeof b1));
	out_printf(_("  loss          1 worker %.9f, %ld workers %.9f\n"), l1, workers, ln);
	out_printf(_("  gradient      largest |g| %.4e, largest difference %.4e (%s)\n"), largest, d,
	           d == 0 ? _("bit-identical") : _("not bit-identical: the split changes the order of float sums"));

	double ms1 = 0, msn = 0;
	if (run_both(one, p1, many, pn, &nl->tr->opt, &c, ds, (int)batch, steps, &ms1, &msn) < 0) {
		parallel_free(p1);
		parallel_free(pn);
		model_free(one);
		model_free(many);
		return session_stopped("parallel");
	}
	d = max_abs_diff(many->params, one->params, m->n_params, &largest);
	out_printf(_("%ld %s steps (lr %s) from the current weights on consecutive batches, both ways:\n"), steps,
	           optim_names[nl->tr->opt.kind], net_num(s, nl->tr->opt.lr, b2, sizeof b2));
	out_printf(_("  weights       largest |w| %.4e, largest difference %.4e\n"), largest, d);
	if (timed)
		out_printf(_("  time          a step (median of %ld, the two taken in turn): 1 worker %.3f ms, %ld workers "
		             "%.3f ms: speed-up %.2fx on this machine\n"),
		           steps, ms1, workers, msn, ms1 / msn);
	else
		out_printf(_("  (add 'time' to measure the speed-up on this machine)\n"));
	out_printf(_("the session's network is unchanged\n"));
	parallel_free(p1);
	parallel_free(pn);
	model_free(one);
	model_free(many);
	return 0;
}

const cmd_entry cmd_parallel_entry = {
	.name = "parallel",
	.topic = "big",
	.usage = "parallel [workers=N] [batch=B] [steps=S] [time]",
	.summary = N_("data parallelism: one batch split across threads"),
	.help = N_("Data parallelism on the current network and data.  Each batch is split across workers= threads "
	        "(2); each thread copies the weights, runs forward and backward on its rows, and the gradients, "
	        "each weighted by its share of the rows, are summed: the all-reduce of distributed training, here "
	        "in one machine's memory.  The command compares the gradient of the first batch= training rows "
	        "(256) with one worker and with N, then runs steps= (50) optimiser steps both ways from copies "
	        "of the current weights and shows how far apart the weights end.  The results agree to float "
	        "precision but are not bit-identical: floating-point addition is not associative, and the split "
	        "changes the order in which the gradient sums add up their rows.  With 'time' it measures both "
	        "runs and prints the speed-up; small networks gain little, because waking the threads and "
	        "summing their gradients on every batch costs about as much as the work.  Each worker makes its "
	        "matrix products with one BLAS thread; a single worker's large products may already use every core "
	        "through the BLAS library, so on a machine with few cores 'train' alone can be as fast as "
	        "'train workers=N', and data parallelism pays where one worker cannot use the cores by itself.  "
	        "The network must have no dropout.  The session's network is not changed."),
	.examples = "data spiral n=500\nnet new 2 256 tanh 256 tanh 3\nparallel\nparallel workers=2 batch=512 steps=100 time",
	.exec = cmd_parallel,
	.keys = parallel_keys,
	.words = parallel_words,
	.complete = COMPLETE_WORDS,
};
