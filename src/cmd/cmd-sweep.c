/* cmd-sweep.c - `sweep`: a hyper-parameter search over learning rates,
 * batch sizes and seeds, and `plot sweep`.
 *
 * Every run trains its own copy of the current network, from the same
 * weights, on the same data, with the trainer's loss and optimiser; only
 * the rate, the batch and the seed of its shuffling stream differ.  The
 * runs are shared out among worker threads (one per core, at most
 * SWEEP_THREADS); each run is deterministic on its own, and the results
 * are printed in a fixed order after all are done, so the output does
 * not depend on the threads.  The sweep is a job: in the workspace the
 * prompt stays live, and Ctrl-C or `stop` ends it, keeping the runs that
 * finished.  The best run becomes the current network.
 * Not the training loop (core/train.c) and not `lrfind` (cmd-train.c).
 */
#include <config.h>

#include "cmd/cmd-families.h"
#include "cmd/cmd.h"
#include "cmd/netcmd.h"
#include "cmd/plotsrc.h"
#include "core/alloc.h"
#include "core/gemm.h"
#include "core/kern.h"
#include "core/loss.h"
#include "core/model.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/train.h"
#include "out/chart.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/utf8.h"

#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SWEEP_MAX_VALUES 8   /* values in one list */
#define SWEEP_MAX_RUNS 64
#define SWEEP_MAX_SEEDS 10
#define SWEEP_THREADS 8
#define SWEEP_CHART_RUNS 6   /* curves drawn at most: the best runs */
#define SWEEP_LEGEND_COLS 64 /* and as many as fit a legend of one line */

/* The last sweep's curves, for `plot sweep` (netlab.h: nl->sweep). */
typedef struct sweep_store {
	int n;
	char **names;    /* [n] legend */
	double **loss;   /* [n][len[i]] mean training loss per epoch */
	size_t *len;
	double *epoch;   /* [epochs] 1, 2, ...: the x of every curve */
} sweep_store;

/* One run: its settings, its copy of the network, its results. */
typedef struct sweep_run {
	double lr;
	int batch, seed;      /* seed: 1..seeds */
	model *m;
	trainer t;
	rng_t r;
	double *curve;        /* [epochs] mean batch loss of each epoch */
	long n_curve;
	double final_loss, best_loss;
	eval_result tr, te;   /* after the last epoch */
	double ms;
	int diverged;         /* the epoch it diverged in, or 0 */
	int done;             /* finished (all epochs, or diverged) */
} sweep_run;

typedef struct sweep_job {
	job j;
	dataset *ds;          /* a copy: the workers never touch the session */
	sweep_run *runs;
	int n, seeds;
	long epochs;
	int test;             /* the data has test rows */
	pthread_t th[SWEEP_THREADS];
	int nth;
	int started;          /* sweep_start was called */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int next;             /* the next run to start (under mu) */
	int n_done;           /* runs done (under mu) */
	atomic_int stop;
	double last_progress;
} sweep_job;

/* ==== the workers ======================================================= */

/* Train run r for the job's epochs, stopping early when it diverges (the
 * rule of `train`: a loss that is not finite or ten times the first) or
 * when the sweep is stopped (then the run is not done). */
static void
run_train(sweep_job *sj, sweep_run *r)
{
	double t0 = out_clock_ms();
	double ref = INFINITY;
	for (long ep = 0; ep < sj->epochs; ep++) {
		do {
			double loss = trainer_step(&r->t, r->m, sj->ds, &r->r);
			if (r->t.step == 1)
				ref = loss;
			if (!isfinite(loss) || loss > 10 * ref) {
				r->diverged = (int)ep + 1;
				r->final_loss = loss;
				goto out;
			}
			if (atomic_load(&sj->stop))
				return;
		} while (r->t.pos != 0);
		const train_hist *h = trainer_last_hist(&r->t);
		if (r->t.n_hist == 1 && h->loss > ref)
			ref = h->loss;
		r->curve[r->n_curve++] = h->loss;
		r->final_loss = h->loss;
		if (h->loss < r->best_loss)
			r->best_loss = h->loss;
	}
out:
	model_evaluate(r->m, &r->t.loss, sj->ds, 0, sj->ds->n_train, &r->tr, NULL);
	if (sj->test)
		model_evaluate(r->m, &r->t.loss, sj->ds, sj->ds->n_train, sj->ds->n, &r->te, NULL);
	r->ms = out_clock_ms() - t0;
	r->done = 1;
}

static void *
sweep_worker(void *arg)
{
	sweep_job *sj = arg;
	for (;;) {
		pthread_mutex_lock(&sj->mu);
		int i = sj->next < sj->n && !atomic_load(&sj->stop) ? sj->next++ : -1;
		pthread_mutex_unlock(&sj->mu);
		if (i < 0)
			break;
		run_train(sj, &sj->runs[i]);
		pthread_mutex_lock(&sj->mu);
		if (sj->runs[i].done)
			sj->n_done++;
		pthread_cond_signal(&sj->cv);
		pthread_mutex_unlock(&sj->mu);
	}
	return NULL;
}

static int
cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > SWEEP_THREADS ? SWEEP_THREADS : (int)n;
}

/* Start the workers, with every signal blocked in them so that Ctrl-C
 * reaches the main thread.  When none can start, nth stays 0 and the
 * slices do the runs themselves, one per slice. */
static void
sweep_start(sweep_job *sj)
{
	(void)kern_level();  /* settle the kernels before threads read them */
	int want = cpu_count() < sj->n ? cpu_count() : sj->n;
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	gemm_threads_enter(); /* one BLAS thread per call while the runs share the cores */
	for (int i = 0; i < want; i++)
		if (pthread_create(&sj->th[sj->nth], NULL, sweep_worker, sj) == 0)
			sj->nth++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* ==== the job =========================================================== */

static int
sweep_slice(session *s, job *j)
{
	(void)s;
	sweep_job *sj = (sweep_job *)j;
	if (!sj->started) {
		sj->started = 1;
		sweep_start(sj);
	}
	if (sj->nth == 0) {
		/* no threads: do one run here, a slice at a time */
		int i = sj->next < sj->n ? sj->next++ : -1;
		if (i >= 0) {
			run_train(sj, &sj->runs[i]);
			sj->n_done += sj->runs[i].done;
		}
		return sj->next >= sj->n ? JOB_DONE : JOB_MORE;
	}
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += 20 * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&sj->mu);
	int before = sj->n_done;
	while (sj->n_done == before && sj->n_done < sj->n)
		if (pthread_cond_timedwait(&sj->cv, &sj->mu, &until) != 0)
			break;
	int done = sj->n_done;
	pthread_mutex_unlock(&sj->mu);
	double now = out_clock_ms();
	if (now - sj->last_progress > 150) {
		out_progress("sweep: %d of %d runs done", done, sj->n);
		sj->last_progress = now;
	}
	return done >= sj->n ? JOB_DONE : JOB_MORE;
}

static void
sweep_store_set(netlab *nl, sweep_store *st)
{
	sweep_store_free(nl->sweep);
	nl->sweep = st;
}

void
sweep_store_free(struct sweep_store *st)
{
	if (!st)
		return;
	for (int i = 0; i < st->n; i++) {
		free(st->names[i]);
		free(st->loss[i]);
	}
	free(st->names);
	free(st->loss);
	free(st->len);
	free(st->epoch);
	free(st);
}

/* The order of the table: finished runs before diverged ones, then by
 * test accuracy (training accuracy without test rows; the loss for real
 * targets), then by final loss, then in the order they were listed. */
static const sweep_run *sort_base;
static int sort_test, sort_reg;

static int
run_cmp(const void *pa, const void *pb)
{
	const sweep_run *a = &sort_base[*(const int *)pa], *b = &sort_base[*(const int *)pb];
	if (!!a->diverged != !!b->diverged)
		return a->diverged ? 1 : -1;
	if (!a->diverged) {
		const eval_result *ea = sort_test ? &a->te : &a->tr, *eb = sort_test ? &b->te : &b->tr;
		if (!sort_reg && ea->acc != eb->acc)
			return ea->acc > eb->acc ? -1 : 1;
		if (sort_reg && ea->loss != eb->loss)
			return ea->loss < eb->loss ? -1 : 1;
		if (a->final_loss != b->final_loss)
			return a->final_loss < b->final_loss ? -1 : 1;
	}
	return *(const int *)pa - *(const int *)pb;
}

static void
run_name(const sweep_job *sj, const sweep_run *r, char *buf, size_t n)
{
	if (sj->seeds > 1)
		snprintf(buf, n, "lr %g b %d s%d", r->lr, r->batch, r->seed);
	else
		snprintf(buf, n, "lr %g b %d", r->lr, r->batch);
}

/* The chart of the stored curves in *c, its series in ser[]: the best
 * runs with at least one epoch, as many as keep the legend on one line
 * (at most SWEEP_CHART_RUNS); title[] holds the title.  Returns how many
 * curves it draws. */
static int
store_chart(const sweep_store *st, chart_series *ser, chart *c, char *title, size_t tlen)
{
	int k = 0, used = 0;
	for (int i = 0; i < st->n && k < SWEEP_CHART_RUNS; i++) {
		int w = 5 + (int)strlen(st->names[i]);  /* glyph, gaps, name */
		if (st->len[i] == 0 || (k > 0 && used + w > SWEEP_LEGEND_COLS))
			continue;
		used += w;
		ser[k++] = (chart_series){.name = st->names[i], .x = st->epoch, .y = st->loss[i], .n = st->len[i]};
	}
	if (k < st->n)
		snprintf(title, tlen, _("sweep: the training loss of the %d best runs (b: batch%s)"), k,
		         strstr(st->names[0], " s") ? _(", s: seed") : "");
	else
		snprintf(title, tlen, _("sweep: the training loss of each run (b: batch%s)"),
		         strstr(st->names[0], " s") ? _(", s: seed") : "");
	*c = (chart){.kind = CHART_LINE, .title = title, .xlabel = _("epoch"),
	             .ylabel = _("training loss (mean over each epoch)"), .logy = 1, .series = ser, .nseries = k};
	return k;
}

/* head_width: the columns a heading's column takes: its format's
 * width, or the heading's display width when that is wider. */
static int
head_width(const char *head, int width)
{
	int w = (int)utf8_width(head);
	return w > width ? w : width;
}

/* put_head: a space, then head right-aligned in width columns (by
 * display width: a Chinese character takes two). */
static void
put_head(strbuf *b, const char *head, int width)
{
	int w = (int)utf8_width(head);
	sb_pad(b, ' ', (size_t)(1 + (w < width ? width - w : 0)));
	sb_puts(b, head);
}

static void
sweep_report(session *s, netlab *nl, sweep_job *sj, int stopped)
{
	int *ord = xmalloc((size_t)sj->n * sizeof *ord);
	int nd = 0;
	for (int i = 0; i < sj->n; i++)
		if (sj->runs[i].done)
			ord[nd++] = i;
	if (stopped)
		out_printf(_("stopped: %d of %d runs finished; the table shows those\n"), nd, sj->n);
	if (nd == 0) {
		out_printf(_("no run finished, so the network is unchanged\n"));
		free(ord);
		return;
	}
	int reg = sj->ds->regression;
	sort_base = sj->runs;
	sort_test = sj->test;
	sort_reg = reg;
	qsort(ord, (size_t)nd, sizeof *ord, run_cmp);
	int show_time = !s->batch;  /* wall time differs run to run; scripts show steps only */
	strbuf b;
	sb_init(&b);
	/* the header: each heading right-aligned over its column; a column
	 * is as wide as its number format, or as its heading when the
	 * (translated) heading is wider */
	enum { C_RANK, C_LR, C_BATCH, C_SEED, C_FINAL, C_BEST, C_TRAIN, C_TEST, C_STEPS, C_TIME, C_COUNT };
	const char *head[C_COUNT] = {_("rank"), _("lr"), _("batch"), _("seed"), _("final loss"), _("best loss"),
	                             reg ? _("train loss") : _("train acc"), reg ? _("test loss") : _("test acc"),
	                             _("steps"), _("time")};
	static const int fmt_w[C_COUNT] = {4, 8, 5, 4, 10, 10, 10, 10, 7, 7};
	int w[C_COUNT], show[C_COUNT];
	for (int i = 0; i < C_COUNT; i++) {
		w[i] = head_width(head[i], reg || (i != C_TRAIN && i != C_TEST) ? fmt_w[i] : 9);
		show[i] = 1;
	}
	show[C_SEED] = sj->seeds > 1;
	show[C_TEST] = sj->test;
	show[C_TIME] = show_time;
	sb_puts(&b, " ");
	for (int i = 0; i < C_COUNT; i++)
		if (show[i])
			put_head(&b, head[i], w[i]);
	sb_puts(&b, _("  result\n"));
	char c1[32], c2[32], c3[32], c4[32];
	for (int k = 0; k < nd; k++) {
		const sweep_run *r = &sj->runs[ord[k]];
		sb_printf(&b, "  %*d %*s %*d", w[C_RANK], k + 1, w[C_LR], net_num(s, r->lr, c1, sizeof c1), w[C_BATCH],
		          r->batch);
		if (show[C_SEED])
			sb_printf(&b, " %*d", w[C_SEED], r->seed);
		sb_printf(&b, " %*s %*s", w[C_FINAL], net_num(s, r->final_loss, c1, sizeof c1), w[C_BEST],
		          r->n_curve ? net_num(s, r->best_loss, c2, sizeof c2) : "-");
		if (reg) {
			sb_printf(&b, " %*s", w[C_TRAIN], net_num(s, r->tr.loss, c3, sizeof c3));
			if (show[C_TEST])
				sb_printf(&b, " %*s", w[C_TEST], net_num(s, r->te.loss, c4, sizeof c4));
		} else {
			sb_printf(&b, " %*s", w[C_TRAIN], net_pct(r->tr.acc, c3, sizeof c3));
			if (show[C_TEST])
				sb_printf(&b, " %*s", w[C_TEST], net_pct(r->te.acc, c4, sizeof c4));
		}
		sb_printf(&b, " %*ld", w[C_STEPS], r->t.step);
		if (show[C_TIME])
			sb_printf(&b, " %*.2f s", w[C_TIME] - 2, r->ms / 1000);
		if (r->diverged)
			sb_printf(&b, _("  diverged in epoch %d\n"), r->diverged);
		else
			sb_puts(&b, _("  ok\n"));
	}
	out_printf("%s", b.s);
	sb_free(&b);

	/* the curves, best first */
	sweep_store *st = xcalloc(1, sizeof *st);
	st->n = nd;
	st->names = xcalloc((size_t)nd, sizeof *st->names);
	st->loss = xcalloc((size_t)nd, sizeof *st->loss);
	st->len = xcalloc((size_t)nd, sizeof *st->len);
	for (int k = 0; k < nd; k++) {
		const sweep_run *r = &sj->runs[ord[k]];
		char name[96];
		run_name(sj, r, name, sizeof name);
		st->names[k] = xstrdup(name);
		st->len[k] = (size_t)r->n_curve;
		st->loss[k] = xmalloc(((size_t)r->n_curve + 1) * sizeof *st->loss[k]);
		memcpy(st->loss[k], r->curve, (size_t)r->n_curve * sizeof *r->curve);
	}
	st->epoch = xmalloc((size_t)sj->epochs * sizeof *st->epoch);
	for (long e = 0; e < sj->epochs; e++)
		st->epoch[e] = (double)(e + 1);
	chart_series ser[SWEEP_CHART_RUNS];
	chart c;
	char title[120];
	if (store_chart(st, ser, &c, title, sizeof title))
		out_chart(&c);
	sweep_store_set(nl, st);

	sweep_run *best = &sj->runs[ord[0]];
	char d1[256], d2[256];
	model_describe(nl->model, d1, sizeof d1);
	model_describe(best->m, d2, sizeof d2);
	if (strcmp(d1, d2) != 0 || nl->model->n_params != best->m->n_params) {
		out_printf(_("the network was rebuilt while the sweep ran, so it is left as it is\n"));
	} else if (best->diverged) {
		out_printf(_("every run diverged, so the network is unchanged; try smaller rates, e.g. 'sweep lr=%g,%g'\n"),
		           best->lr / 100, best->lr / 10);
	} else {
		/* the best run's weights and trainer (history, optimiser state,
		 * rate, batch) become the session's */
		char name[96], c1[32];
		snprintf(name, sizeof name, _("lr %s, batch %d"), net_num(s, best->lr, c1, sizeof c1), best->batch);
		if (sj->seeds > 1)
			snprintf(name + strlen(name), sizeof name - strlen(name), _(", seed %d"), best->seed);
		model_copy_params(nl->model, best->m);
		trainer tmp = *nl->tr;
		*nl->tr = best->t;
		best->t = tmp;
		out_printf(_("kept the best run (%s) as the network: its weights, rate and batch; 'train' goes on from "
		           "there, 'plot sweep' draws the curves again\n"), name);
	}
	free(ord);
}

static void
sweep_finish(session *s, job *j, int stopped, int failed)
{
	(void)failed;
	sweep_job *sj = (sweep_job *)j;
	atomic_store(&sj->stop, 1);
	for (int i = 0; i < sj->nth; i++)
		pthread_join(sj->th[i], NULL);
	if (sj->started)
		gemm_threads_leave();
	out_progress_clear();
	netlab *nl = s->net;
	if (nl && nl->model)
		sweep_report(s, nl, sj, stopped);
	for (int i = 0; i < sj->n; i++) {
		sweep_run *r = &sj->runs[i];
		model_free(r->m);
		trainer_free(&r->t);
		free(r->curve);
	}
	free(sj->runs);
	dataset_free(sj->ds);
	pthread_mutex_destroy(&sj->mu);
	pthread_cond_destroy(&sj->cv);
	free(sj);
}

/* ==== the command ======================================================= */

/* Parse the list key=A,B,C into v[] (at most SWEEP_MAX_VALUES, each in
 * [lo, hi]); whole numbers when integer.  Returns the count, or -1. */
static int
parse_list(cmd_args *a, const char *key, double lo, double hi, int integer, double *v)
{
	const char *val = arg_str(a, key, NULL);
	if (!val)
		return 0;
	int n = 0;
	const char *p = val;
	for (;;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char item[64];
		if (len == 0 || len >= sizeof item)
			return out_error("%s=%s: '%.*s' is not a value; give numbers separated by commas, e.g. %s=%s", key,
			                 val, (int)len, p, key, integer ? "16,64" : "0.01,0.1");
		memcpy(item, p, len);
		item[len] = '\0';
		double x;
		long l;
		const char *why;
		int bad = integer ? text_parse_long(item, &l, &why) < 0 : text_parse_double(item, &x, &why) < 0;
		if (integer && !bad)
			x = (double)l;
		if (bad || !(x >= lo && x <= hi))
			return out_error("%s=%s: '%s' is not %s from %g to %g; e.g. %s=%s", key, val, item,
			                 integer ? _("a whole number") : _("a number"), lo, hi, key, integer ? "16,64" : "0.01,0.1");
		if (n == SWEEP_MAX_VALUES)
			return out_error("%s=%s: at most %d values in a list; sweep fewer at a time", key, val,
			                 SWEEP_MAX_VALUES);
		for (int i = 0; i < n; i++)
			if (v[i] == x)
				return out_error("%s=%s: '%s' is given twice; list each value once", key, val, item);
		v[n++] = x;
		if (!e)
			break;
		p = e + 1;
	}
	return n;
}

static int
cmd_sweep(session *s, cmd_args *a)
{
	static const char usage[] = "sweep [lr=R,R...] [batch=N,N...] [epochs=N] [seeds=N]";
	netlab *nl = net_lab(s);
	if (args_max(a, 0, usage) < 0)
		return -1;
	if (!arg_has(a, "lr") && !arg_has(a, "batch"))
		return out_error("'sweep' needs values to try: lr=R,R... and/or batch=N,N..., e.g. 'sweep "
		                 "lr=0.001,0.01,0.1 batch=16,64'");
	if (net_check_fit(nl, 1) < 0)
		return -1;
	double lrs[SWEEP_MAX_VALUES], bs[SWEEP_MAX_VALUES];
	int nlr = parse_list(a, "lr", 1e-8, 100, 0, lrs);
	if (nlr < 0)
		return -1;
	int nb = parse_list(a, "batch", 1, nl->data->n_train, 1, bs);
	if (nb < 0)
		return -1;
	long epochs, seeds;
	if (arg_long(a, "epochs", nl->epochs, 1, 100000, &epochs) < 0 ||
	    arg_long(a, "seeds", 1, 1, SWEEP_MAX_SEEDS, &seeds) < 0)
		return -1;
	if (nlr == 0)
		lrs[nlr++] = nl->tr->opt.lr;
	if (nb == 0)
		bs[nb++] = nl->tr->batch;
	long n = (long)nlr * nb * seeds;
	if (n > SWEEP_MAX_RUNS)
		return out_error("%d rates x %d batch sizes x %ld seed%s is %ld runs; a sweep runs at most %d, so "
		                 "give fewer values", nlr, nb, seeds, seeds == 1 ? "" : "s", n, SWEEP_MAX_RUNS);

	net_sync(nl);
	sweep_job *sj = xcalloc(1, sizeof *sj);
	sj->j.name = N_("the sweep");
	sj->j.slice = sweep_slice;
	sj->j.finish = sweep_finish;
	sj->ds = dataset_clone(nl->data);
	sj->n = (int)n;
	sj->seeds = (int)seeds;
	sj->epochs = epochs;
	sj->test = nl->data->n > nl->data->n_train;
	pthread_mutex_init(&sj->mu, NULL);
	pthread_cond_init(&sj->cv, NULL);
	atomic_init(&sj->stop, 0);
	sj->runs = xcalloc((size_t)n, sizeof *sj->runs);
	/* the shuffling streams: one draw from the session's stream, then
	 * seed j of every run is the stream (base + j) */
	uint64_t base = rng_u64(&s->rng);
	int k = 0;
	long steps = 0;
	for (int i = 0; i < nlr; i++)
		for (int b = 0; b < nb; b++)
			for (int sd = 1; sd <= seeds; sd++, k++) {
				sweep_run *r = &sj->runs[k];
				r->lr = lrs[i];
				r->batch = (int)bs[b];
				r->seed = sd;
				r->m = model_clone(nl->model);
				trainer_init(&r->t);
				r->t.loss = nl->tr->loss;
				r->t.opt = nl->tr->opt;
				r->t.opt.lr = r->lr;
				r->t.batch = r->batch;
				r->t.shuffle = nl->tr->shuffle;
				trainer_reset(&r->t, r->m);
				rng_init(&r->r, base + (uint64_t)sd);
				r->curve = xmalloc((size_t)epochs * sizeof *r->curve);
				r->best_loss = INFINITY;
				steps += epochs * trainer_steps_per_epoch(&r->t, sj->ds);
			}
	char desc[256], c1[32];
	model_describe(nl->model, desc, sizeof desc);
	out_printf(_("sweep: %ld run%s of %ld epoch%s (%s steps in all) on copies of %s, each from its current "
	           "weights on the data '%s'; %s, loss %s\n"),
	           n, n == 1 ? "" : "s", epochs, epochs == 1 ? "" : "s", net_count(steps, c1, sizeof c1), desc,
	           nl->data->name, optim_names[nl->tr->opt.kind], loss_names[nl->tr->loss.kind]);
	return session_run_job(s, &sj->j);
}

const cmd_entry cmd_sweep_entry = {
	.name = "sweep",
	.topic = "net",
	.usage = "sweep [lr=R,R...] [batch=N,N...] [epochs=N] [seeds=N]",
	.summary = N_("train a copy of the network for each learning rate and batch size, and keep the best"),
	.help = N_("A hyper-parameter search: one run per combination of the rates in lr= and the batch sizes in "
	        "batch= (the current value when a list is left out), each training its own copy of the network "
	        "from the same weights on the same data for epochs= epochs (default: the 'epochs' setting).  "
	        "seeds=N repeats every combination with N shuffling orders, to show how much of a difference is "
	        "luck.  The runs share the machine's cores.\n\n"
	        "The table lists the runs best first (by test accuracy, or training accuracy when no rows are "
	        "held out, or the loss for real targets): the mean training loss of the last and of the best epoch, the "
	        "accuracy, the training steps, in the workspace and line mode the time, and whether the run "
	        "diverged (a loss ten times its first one: the rate is too high).  The loss curves of the best runs (as "
	        "many as the legend holds on one line) are drawn in one chart ('plot sweep' again later), and the "
	        "best run becomes the network, with its rate and batch.  Ctrl-C or 'stop' ends the sweep and keeps the runs that finished."),
	.examples = "sweep lr=0.001,0.01,0.1 batch=16,64 epochs=20\nsweep lr=0.03,0.1,0.3 seeds=3 epochs=10",
	.keys = (const char *const[]){"lr", "batch", "epochs", "seeds", NULL},
	.exec = cmd_sweep,
};

/* ==== plot sweep ======================================================== */

static int
fill_sweep(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	netlab *nl = s->net;
	if (!nl || !nl->sweep)
		return out_error("there is no sweep yet; run one first, e.g. 'sweep lr=0.01,0.1 batch=16,64 epochs=20'");
	chart_series ser[SWEEP_CHART_RUNS];
	chart c;
	char title[120];
	if (store_chart(nl->sweep, ser, &c, title, sizeof title) == 0)
		return out_error("no run of the last sweep finished an epoch; sweep again with smaller rates");
	plot_pic_chart(out, &c);
	return 0;
}

const plot_source plot_source_sweep = {
	.name = "sweep",
	.summary = N_("the training loss curves of the last sweep, best runs first"),
	.fill = fill_sweep,
};
