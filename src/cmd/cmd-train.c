/* cmd-train.c - how the network trains and what it learned: loss, optim,
 * lr, batch, epochs, train, stop, step, eval, predict, gradcheck, lrfind;
 * and the pictures of training for `plot` (loss, accuracy, lrfind).
 *
 * The textbook steps of training are all visible here with the real
 * numbers: `step explain` runs one iteration stage by stage, `train` runs
 * many as a job (slices of about 10 ms, so the workspace stays live; Ctrl-C
 * or `stop` ends it at a step boundary with the weights kept) and stops a
 * diverging run, restoring the last good weights.  Every command checks
 * everything before it changes the session.  The arithmetic is src/core's
 * (train.c, model.c); this file talks to people.  Not the network's shape
 * (cmd-net.c) nor files (cmd-netfile.c).
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/netcmd.h"
#include "cmd/plotsrc.h"
#include "core/alloc.h"
#include "core/gradcheck.h"
#include "core/loss.h"
#include "core/model.h"
#include "core/optim.h"
#include "core/parallel.h"
#include "core/train.h"
#include "core/vmath.h"
#include "out/chart.h"
#include "out/out.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== loss ============================================================== */

static void
loss_describe(session *s, netlab *nl, strbuf *b)
{
	const trainer *t = nl->tr;
	int lk = net_loss_kind(nl);
	char d[32], l1[32], l2[32];
	sb_printf(b, _("loss %s"), loss_names[lk]);
	if (!nl->loss_set)
		sb_printf(b, _(" (the default for %s; 'loss NAME' to choose)"),
		          nl->data && nl->data->regression ? _("real targets") : _("class labels"));
	sb_puts(b, _(": "));
	switch (lk) {
	case LOSS_CE:
		sb_puts(b, _("cross-entropy, -log of the softmax probability of the right class, averaged over the "
		           "batch; its gradient with respect to the logits is (softmax - onehot) / n\n"));
		break;
	case LOSS_MSE:
		sb_puts(b, _("mean squared error, (output - target)^2 averaged over the batch and the outputs; its "
		           "gradient is 2 (output - target) / (n k)\n"));
		break;
	case LOSS_BCE:
		sb_puts(b, _("binary cross-entropy, -[t log p + (1-t) log(1-p)] with p = sigmoid(logit), averaged; its "
		           "gradient with respect to the logit is (p - t) / (n k)\n"));
		break;
	default:
		sb_printf(b, _("Huber, error^2/2 while |error| <= delta (%s), then delta (|error| - delta/2): squared "
		             "near the target, straight far from it, so outliers pull less\n"),
		          net_num(s, t->loss.delta, d, sizeof d));
		break;
	}
	if (t->loss.l1 > 0 || t->loss.l2 > 0)
		sb_printf(b, _("penalty added: %s * sum |w| + %s/2 * sum w^2 over the weights (not the biases)\n"),
		          net_num(s, t->loss.l1, l1, sizeof l1), net_num(s, t->loss.l2, l2, sizeof l2));
	else
		sb_puts(b, _("no L1 or L2 penalty (l1= and l2= add one)\n"));
}

static const char *const loss_words[] = {"mse", "ce", "bce", "huber", "auto", NULL};

static int
cmd_loss(session *s, cmd_args *a)
{
	static const char usage[] = "loss [mse|ce|bce|huber|auto] [delta=D] [l1=X] [l2=X]";
	if (args_max(a, 1, usage) < 0)
		return -1;
	netlab *nl = net_lab(s);
	int kind = -1;
	if (a->argc == 1) {
		for (int i = 0; loss_words[i]; i++)
			if (strcmp(loss_words[i], a->argv[0]) == 0)
				kind = i;
		if (kind < 0) {
			char sug[200];
			cmd_suggest(a->argv[0], loss_words, 5, sug, sizeof sug);
			if (sug[0])
				return out_error("'%s' is not a loss; did you mean %s? the losses are mse, ce, bce, huber and "
				                 "auto", a->argv[0], sug);
			return out_error("'%s' is not a loss; choose mse, ce, bce, huber or auto", a->argv[0]);
		}
	}
	double delta, l1, l2;
	trainer *t = nl->tr;
	if (arg_double(a, "delta", t->loss.delta, 1e-6, 1e6, &delta) < 0 || arg_double(a, "l1", t->loss.l1, 0, 10, &l1) < 0 ||
	    arg_double(a, "l2", t->loss.l2, 0, 10, &l2) < 0)
		return -1;
	if (arg_has(a, "delta") && !(kind == LOSS_HUBER || (kind < 0 && net_loss_kind(nl) == LOSS_HUBER)))
		return out_error("delta= belongs to the Huber loss; write 'loss huber delta=%s'", arg_str(a, "delta", ""));
	if (kind == 4) {
		nl->loss_set = 0;
	} else if (kind >= 0) {
		nl->loss_set = 1;
		t->loss.kind = kind;
	}
	t->loss.delta = (float)delta;
	t->loss.l1 = l1;
	t->loss.l2 = l2;
	strbuf b;
	sb_init(&b);
	loss_describe(s, nl, &b);
	out_printf("%s", b.s);
	sb_free(&b);
	return 0;
}

const cmd_entry cmd_loss_entry = {
	.name = "loss",
	.topic = "net",
	.usage = "loss [mse|ce|bce|huber|auto] [delta=D] [l1=X] [l2=X]",
	.summary = N_("show or choose the loss function and the weight penalties"),
	.help = N_("The loss measures how wrong the network is on a batch; training follows its gradient down.  "
	        "ce (cross-entropy) is for class labels: the outputs are logits and the softmax is taken inside the "
	        "loss, which is both simpler and numerically stable.  mse (mean squared error) is for real targets.  "
	        "bce (binary cross-entropy) is for one output per yes/no question, with the sigmoid inside.  huber is "
	        "squared near the target and straight further out (delta= sets where), so outliers pull less.  "
	        "Losses are means over the batch.  'auto' (the default) picks ce for class labels and mse for real "
	        "targets.\n"
	        "\n"
	        "l1=X adds X * sum |w| and l2=X adds X/2 * sum w^2 over the weights (not the biases): penalties "
	        "that keep weights small, a guard against overfitting."),
	.examples = "loss\nloss ce\nloss mse\nloss huber delta=0.5\nloss l2=0.001\nloss auto",
	.exec = cmd_loss,
	.keys = (const char *const[]){"delta", "l1", "l2", NULL},
	.words = loss_words,
};

/* ==== optim ============================================================= */

static void
optim_describe(session *s, const trainer *t, strbuf *b)
{
	const optim_cfg *o = &t->opt;
	char lr[32], p1[32], p2[32], p3[32];
	net_num(s, o->lr, lr, sizeof lr);
	sb_printf(b, _("optimiser %s, lr %s: "), optim_names[o->kind], lr);
	switch (o->kind) {
	case OPT_SGD:
		sb_puts(b, "w <- w - lr g\n");
		break;
	case OPT_MOMENTUM:
		sb_printf(b, "v <- mu v + g; w <- w - lr v (mu = %s)\n", net_num(s, o->momentum, p1, sizeof p1));
		break;
	case OPT_NESTEROV:
		sb_printf(b, "v <- mu v + g; w <- w - lr (g + mu v) (mu = %s)\n", net_num(s, o->momentum, p1, sizeof p1));
		break;
	case OPT_RMSPROP:
		sb_printf(b, _("s <- rho s + (1 - rho) g^2; w <- w - lr g / (sqrt(s) + eps) (rho = %s, eps = %s)\n"),
		          net_num(s, o->rho, p1, sizeof p1), net_num(s, o->eps, p2, sizeof p2));
		break;
	default:
		sb_printf(b, _("m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2; w <- w - lr m' / (sqrt(v') + eps) with "
		             "m' = m / (1 - b1^t), v' = v / (1 - b2^t) (b1 = %s, b2 = %s, eps = %s)\n"),
		          net_num(s, o->beta1, p1, sizeof p1), net_num(s, o->beta2, p2, sizeof p2),
		          net_num(s, o->eps, p3, sizeof p3));
		break;
	}
	if (o->decay > 0)
		sb_printf(b, _("weight decay %s: first w <- w - lr %s w, on the weights (not the biases)\n"),
		          net_num(s, o->decay, p1, sizeof p1), p1);
	if (o->clip > 0)
		sb_printf(b, _("gradients longer than %s are scaled down to that length first\n"),
		          net_num(s, o->clip, p2, sizeof p2));
}

static int
cmd_optim(session *s, cmd_args *a)
{
	static const char usage[] = "optim [sgd|momentum|nesterov|rmsprop|adam] [KEY=VALUE]...";
	if (args_max(a, 1, usage) < 0)
		return -1;
	netlab *nl = net_lab(s);
	trainer *t = nl->tr;
	int kind = t->opt.kind;
	if (a->argc == 1) {
		kind = optim_parse(a->argv[0]);
		if (kind < 0) {
			char sug[200];
			cmd_suggest(a->argv[0], optim_names, OPT_COUNT, sug, sizeof sug);
			if (sug[0])
				return out_error("'%s' is not an optimiser; did you mean %s? the optimisers are sgd, momentum, "
				                 "nesterov, rmsprop and adam", a->argv[0], sug);
			return out_error("'%s' is not an optimiser; choose sgd, momentum, nesterov, rmsprop or adam",
			                 a->argv[0]);
		}
	}
	optim_cfg c = t->opt;
	if (arg_double(a, "momentum", c.momentum, 0, 0.999999, &c.momentum) < 0 ||
	    arg_double(a, "beta1", c.beta1, 0, 0.999999, &c.beta1) < 0 ||
	    arg_double(a, "beta2", c.beta2, 0, 0.999999, &c.beta2) < 0 ||
	    arg_double(a, "rho", c.rho, 0, 0.999999, &c.rho) < 0 || arg_double(a, "eps", c.eps, 1e-12, 1, &c.eps) < 0 ||
	    arg_double(a, "wd", c.decay, 0, 10, &c.decay) < 0 || arg_double(a, "clip", c.clip, 0, 1e6, &c.clip) < 0)
		return -1;
	int changed = kind != (int)t->opt.kind;
	c.kind = kind;
	t->opt = c;
	if (changed)
		optim_state_reset(&t->ost, nl->model ? nl->model->n_params : 0);
	strbuf b;
	sb_init(&b);
	optim_describe(s, t, &b);
	if (changed && nl->model && kind != OPT_SGD)
		sb_puts(&b, _("(its state starts from zero)\n"));
	out_printf("%s", b.s);
	sb_free(&b);
	return 0;
}

const cmd_entry cmd_optim_entry = {
	.name = "optim",
	.topic = "net",
	.usage = "optim [sgd|momentum|nesterov|rmsprop|adam] [KEY=VALUE]...",
	.summary = N_("show or choose how the weights follow the gradient"),
	.help = N_("sgd moves every weight against its gradient, scaled by the learning rate.  momentum keeps a "
	        "running sum of gradients (momentum=0.9) so steps build up along consistent directions; nesterov "
	        "looks ahead along it.  rmsprop divides each step by a running root-mean-square of its gradient "
	        "(rho=0.99, eps=1e-8).  adam combines both with bias corrections (beta1=0.9, beta2=0.999, "
	        "eps=1e-8).  The formulas are PyTorch's.\n"
	        "\n"
	        "wd=D is weight decay (w <- w - lr D w before each step, on the weights only: AdamW's form); "
	        "clip=C scales the whole gradient down to length C when it is longer.  Switching optimiser "
	        "starts its state (momentum, moments) from zero; the learning rate is kept ('lr')."),
	.examples = "optim\noptim sgd\noptim momentum momentum=0.9\noptim adam\noptim adam wd=0.01\noptim sgd clip=1",
	.exec = cmd_optim,
	.keys = (const char *const[]){"momentum", "beta1", "beta2", "rho", "eps", "wd", "clip", NULL},
	.words = optim_names,
};

/* ==== lr / batch / epochs =============================================== */

static int
cmd_lr(session *s, cmd_args *a)
{
	if (args_max(a, 1, "lr [RATE]") < 0)
		return -1;
	netlab *nl = net_lab(s);
	char b1[32], b2[32];
	if (a->argc == 0) {
		out_printf(_("lr %s: each step moves the weights by %s times the gradient (as the optimiser says)\n"),
		           net_num(s, nl->tr->opt.lr, b1, sizeof b1), b1);
		return 0;
	}
	double lr;
	if (pos_double(a, 0, _("the learning rate"), 1e-12, 100, &lr) < 0)
		return -1;
	double old = nl->tr->opt.lr;
	nl->tr->opt.lr = lr;
	out_printf(_("lr %s (was %s)%s\n"), net_num(s, lr, b1, sizeof b1), net_num(s, old, b2, sizeof b2),
	           s->job ? _(", from the next step") : "");
	return 0;
}

const cmd_entry cmd_lr_entry = {
	.name = "lr",
	.topic = "net",
	.usage = "lr [RATE]",
	.summary = N_("show or set the learning rate"),
	.help = N_("The learning rate scales every step: too small and training crawls, too large and the loss "
	        "oscillates or blows up.  It may be changed while 'train' runs in the workspace; the next step "
	        "uses it.  'lrfind' suggests one."),
	.examples = "lr\nlr 0.1\nlr 0.001",
	.exec = cmd_lr,
	.flags = CMD_JOB_OK,
};

static void
batch_explain(session *s, netlab *nl, strbuf *b)
{
	int bs = nl->tr->batch;
	(void)s;
	sb_printf(b, _("batch %d: each step averages the gradient over %d sample%s\n"), bs, bs, bs == 1 ? "" : "s");
	if (!nl->data)
		return;
	int n = nl->data->n_train, steps = (n + bs - 1) / bs, last = n - (steps - 1) * bs;
	if (bs >= n)
		sb_printf(b, _("the data '%s' has %d training samples: one batch holds them all, so every step is "
		             "full-batch gradient descent and an epoch is 1 step\n"),
		          nl->data->name, n);
	else if (last == bs)
		sb_printf(b, _("the data '%s' has %d training samples: an epoch is %d steps, and samples per epoch = "
		             "batch size x steps per epoch = %d x %d = %d\n"),
		          nl->data->name, n, steps, bs, steps, n);
	else
		sb_printf(b, _("the data '%s' has %d training samples: an epoch is %d steps, %d of %d and a last one of "
		             "%d; samples per epoch = batch size x steps per epoch only when the batch divides the data "
		             "(%d x %d = %d, the short last step makes it %d)\n"),
		          nl->data->name, n, steps, steps - 1, bs, last, bs, steps, bs * steps, n);
	if (bs == 1)
		sb_puts(b, _("one sample per step is stochastic gradient descent in its first sense: the noisiest "
		           "gradient, the most steps\n"));
}

static int
cmd_batch(session *s, cmd_args *a)
{
	if (args_max(a, 1, "batch [N]") < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (a->argc == 1) {
		long v;
		if (pos_long(a, 0, _("the batch size"), 1, 1000000, &v) < 0)
			return -1;
		nl->tr->batch = (int)v;
	}
	strbuf b;
	sb_init(&b);
	batch_explain(s, nl, &b);
	out_printf("%s", b.s);
	sb_free(&b);
	return 0;
}

const cmd_entry cmd_batch_entry = {
	.name = "batch",
	.topic = "net",
	.usage = "batch [N]",
	.summary = N_("show or set the batch size, and what it means for an epoch"),
	.help = N_("A step computes the loss and its gradient on a batch of N training samples and updates the "
	        "weights once.  An epoch passes over every training sample once, in a new random order, so it "
	        "takes ceil(samples / N) steps: samples per epoch = batch size x steps per epoch when N divides "
	        "the data, and the last step is shorter when it does not.  Larger batches give a less noisy "
	        "gradient and fewer but costlier steps per epoch; they are not simply faster, and very large ones "
	        "can generalise worse.  Sizes that are powers of two (16 to 512) are a common start."),
	.examples = "batch\nbatch 32\nbatch 1",
	.exec = cmd_batch,
};

static int
cmd_epochs(session *s, cmd_args *a)
{
	if (args_max(a, 1, "epochs [N]") < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (a->argc == 1) {
		long v;
		if (pos_long(a, 0, _("the number of epochs"), 1, 10000000, &v) < 0)
			return -1;
		nl->epochs = v;
	}
	out_printf(_("epochs %ld: what 'train' runs when given no number\n"), nl->epochs);
	return 0;
}

const cmd_entry cmd_epochs_entry = {
	.name = "epochs",
	.topic = "net",
	.usage = "epochs [N]",
	.summary = N_("show or set how many epochs 'train' runs by default"),
	.help = N_("An epoch is one pass over the training samples.  'train' with no number runs this many."),
	.examples = "epochs\nepochs 500",
	.exec = cmd_epochs,
};

/* ==== train ============================================================= */

typedef struct train_job {
	job j;
	long target;          /* t->step when done */
	long every;           /* report every this many epochs */
	long start_epoch, start_step;
	int steps_mode;
	int test;             /* the data has test rows */
	int regression;
	double ref;           /* the loss divergence is measured against */
	model *good;          /* parameters at the last good epoch end */
	optim_state good_ost;
	long good_epoch, good_step;
	double last_progress; /* ms */
	char why[512];        /* what went wrong, when it did */
	struct parallel *par; /* workers=: the data-parallel workers, or NULL */
} train_job;

static void
train_header(strbuf *b, const train_job *tj)
{
	sb_puts(b, _("    epoch     step   train loss"));
	if (!tj->regression)
		sb_puts(b, _("   train acc"));
	if (tj->test) {
		sb_puts(b, _("    test loss"));
		if (!tj->regression)
			sb_puts(b, _("    test acc"));
	}
	sb_putc(b, '\n');
}

/* Evaluate, store in the newest history row when it ends the epoch just
 * done, and print one line. */
static void
train_report(session *s, netlab *nl, train_job *tj)
{
	trainer *t = nl->tr;
	const dataset *ds = nl->data;
	eval_result tr, te = {0};
	model_evaluate(nl->model, &t->loss, ds, 0, ds->n_train, &tr, NULL);
	if (tj->test)
		model_evaluate(nl->model, &t->loss, ds, ds->n_train, ds->n, &te, NULL);
	train_hist *h = trainer_last_hist(t);
	if (h && h->step == t->step) {
		h->train_loss = tr.loss;
		h->train_acc = tr.acc;
		if (tj->test) {
			h->test_loss = te.loss;
			h->test_acc = te.acc;
		}
	}
	char b1[32], b2[32], b3[32], b4[32];
	strbuf b;
	sb_init(&b);
	sb_printf(&b, "%9ld %8ld %12s", t->epoch, t->step, net_num(s, tr.loss, b1, sizeof b1));
	if (!tj->regression)
		sb_printf(&b, " %11s", net_pct(tr.acc, b2, sizeof b2));
	if (tj->test) {
		sb_printf(&b, " %12s", net_num(s, te.loss, b3, sizeof b3));
		if (!tj->regression)
			sb_printf(&b, " %11s", net_pct(te.acc, b4, sizeof b4));
	}
	sb_putc(&b, '\n');
	out_printf("%s", b.s);
	sb_free(&b);
}

static void
snapshot_good(netlab *nl, train_job *tj)
{
	model_copy_params(tj->good, nl->model);
	optim_state_copy(&tj->good_ost, &nl->tr->ost);
	tj->good_epoch = nl->tr->epoch;
	tj->good_step = nl->tr->step;
}

static void
restore_good(netlab *nl, train_job *tj)
{
	trainer *t = nl->tr;
	model_copy_params(nl->model, tj->good);
	optim_state_copy(&t->ost, &tj->good_ost);
	t->epoch = tj->good_epoch;
	t->step = tj->good_step;
	/* drop the rows after the good point (by step: the history may have
	 * been thinned since, train.h) */
	while (t->n_hist > 0 && t->hist[t->n_hist - 1].step > tj->good_step)
		t->n_hist--;
	trainer_restart_epoch(t);
}

static int
train_slice(session *s, job *j)
{
	train_job *tj = (train_job *)j;
	netlab *nl = s->net;
	trainer *t = nl->tr;
	double t0 = out_clock_ms();
	while (t->step < tj->target) {
		double loss = trainer_step(t, nl->model, nl->data, &s->rng);
		if (t->step == tj->start_step + 1 && t->n_hist == 0)
			tj->ref = loss;
		if (!isfinite(loss) || loss > 10 * tj->ref) {
			char b1[32], b2[32];
			snprintf(tj->why, sizeof tj->why, _("at epoch %ld, step %ld the loss became %s (it started at %s)"),
			         t->epoch + (t->pos > 0), t->step, net_num(s, loss, b1, sizeof b1),
			         net_num(s, tj->ref, b2, sizeof b2));
			restore_good(nl, tj);
			return JOB_FAILED;
		}
		if (t->pos == 0) {  /* an epoch ended */
			if (t->n_hist == 1)
				tj->ref = t->hist[0].loss > tj->ref ? t->hist[0].loss : tj->ref;
			long done = t->epoch - tj->start_epoch;
			if (done == 1 || t->epoch % tj->every == 0 || t->step >= tj->target)
				train_report(s, nl, tj);
			snapshot_good(nl, tj);
		}
		if (nn_interrupted)
			return JOB_MORE;
		double now = out_clock_ms();
		if (now - tj->last_progress > 150) {
			char b1[32];
			long total = tj->target - tj->start_step;
			out_progress("training: epoch %ld, step %ld of %ld, loss %s, lr %g", t->epoch + (t->pos > 0),
			             t->step - tj->start_step, total, net_num(s, t->batch_loss, b1, sizeof b1), t->opt.lr);
			tj->last_progress = now;
		}
		if (now - t0 > 10)
			break;
	}
	return t->step >= tj->target ? JOB_DONE : JOB_MORE;
}

static void
train_finish(session *s, job *j, int stopped, int failed)
{
	train_job *tj = (train_job *)j;
	netlab *nl = s->net;
	trainer *t = nl ? nl->tr : NULL;
	if (t && failed) {
		char lr1[32], lr2[32];
		out_error("training diverged: %s; the weights of epoch %ld are back.  The learning rate %s is probably "
		          "too high: each step overshoots the minimum and the next gradient is larger still; try "
		          "'lr %s' (divide it by ten)",
		          tj->why, t->epoch, net_num(s, t->opt.lr, lr1, sizeof lr1), net_num(s, t->opt.lr / 10, lr2, sizeof lr2));
	} else if (t && stopped) {
		out_printf(_("stopped at epoch %ld, step %ld; the weights are kept ('train' goes on from here)\n"),
		           t->epoch + (t->pos > 0), t->step);
	} else if (t) {
		if (t->pos != 0)  /* a run of steps that ended inside an epoch */
			train_report(s, nl, tj);
		long steps = t->step - tj->start_step, eps = t->epoch - tj->start_epoch;
		if (tj->start_step == 0)
			out_printf(_("done: %ld epoch%s, %ld step%s\n"), t->epoch, t->epoch == 1 ? "" : "s", t->step,
			           t->step == 1 ? "" : "s");
		else
			out_printf(_("done: %ld more step%s (%ld more epoch%s); %ld epoch%s, %ld step%s in all\n"), steps,
			           steps == 1 ? "" : "s", eps, eps == 1 ? "" : "s", t->epoch, t->epoch == 1 ? "" : "s",
			           t->step, t->step == 1 ? "" : "s");
	}
	if (tj->par) {
		net_lab(s)->tr->par = NULL;
		parallel_free(tj->par);
	}
	model_free(tj->good);
	optim_state_free(&tj->good_ost);
	free(tj);
	/* one more tick with the job over: live pictures (a gnuplot window)
	 * show where training ended, not where their throttle last let them */
	out_tick();
}

static int
cmd_train(session *s, cmd_args *a)
{
	static const char usage[] = "train [N] [epochs|steps] [every=K] [workers=W]";
	netlab *nl = net_lab(s);
	int steps_mode = arg_flag(a, "steps") || arg_flag(a, "step");
	int epochs_word = arg_flag(a, "epochs") || arg_flag(a, "epoch");
	if (steps_mode && epochs_word)
		return out_error("'train' counts in epochs or in steps, not both; usage: %s", usage);
	if (args_max(a, 1, usage) < 0)
		return -1;
	long n = nl->epochs, every;
	for (int i = 0; i < a->argc; i++)
		if (!a->used[i] && pos_long(a, i, steps_mode ? _("the number of steps") : _("the number of epochs"), 1,
		                            100000000L, &n) < 0)
			return -1;
	long workers;
	if (arg_long(a, "every", 0, 1, 100000000L, &every) < 0 ||
	    arg_long(a, "workers", 1, 1, 16, &workers) < 0 || net_check_fit(nl, 1) < 0)
		return -1;
	if (workers > 1)
		for (int l = 0; l < nl->model->n_layers; l++)
			if (nl->model->layers[l].kind == LAYER_DROPOUT)
				return out_error("workers= splits the batch across threads, and each would draw its own dropout "
				                 "masks; train without workers=, or without the dropout layer");
	net_sync(nl);
	trainer *t = nl->tr;
	int per_epoch = trainer_steps_per_epoch(t, nl->data);
	long nsteps = steps_mode ? n : n * per_epoch - (t->pos > 0 ? (t->pos + t->batch - 1) / t->batch : 0);
	if (nsteps <= 0)
		nsteps = per_epoch;
	long nep = steps_mode ? (nsteps + per_epoch - 1) / per_epoch : n;
	if (every == 0)
		every = nep >= 10 ? (nep + 9) / 10 : 1;

	train_job *tj = xcalloc(1, sizeof *tj);
	tj->j.name = N_("training");
	tj->j.slice = train_slice;
	tj->j.finish = train_finish;
	tj->target = t->step + nsteps;
	tj->every = every;
	tj->start_epoch = t->epoch;
	tj->start_step = t->step;
	tj->steps_mode = steps_mode;
	tj->test = nl->data->n > nl->data->n_train;
	tj->regression = nl->data->regression;
	tj->ref = t->n_hist ? t->hist[0].loss : INFINITY;
	tj->good = model_clone(nl->model);
	snapshot_good(nl, tj);
	if (workers > 1) {
		tj->par = parallel_new(nl->model, (int)workers);
		if (!tj->par) {
			model_free(tj->good);
			optim_state_free(&tj->good_ost);
			free(tj);
			return out_error("cannot start %ld worker threads; train without workers=", workers);
		}
		t->par = tj->par;
	}

	char desc[512], lr[32], c1[32];
	model_describe(nl->model, desc, sizeof desc);
	strbuf b;
	sb_init(&b);
	sb_printf(&b, _("training %s on '%s': %s training samples, batch %d, %d step%s per epoch; %s, lr %s, loss %s; "),
	          desc, nl->data->name, net_count(nl->data->n_train, c1, sizeof c1), t->batch, per_epoch,
	          per_epoch == 1 ? "" : "s", optim_names[t->opt.kind], net_num(s, t->opt.lr, lr, sizeof lr),
	          loss_names[t->loss.kind]);
	if (steps_mode)
		sb_printf(&b, _("%ld step%s\n"), nsteps, nsteps == 1 ? "" : "s");
	else
		sb_printf(&b, _("%ld epoch%s\n"), n, n == 1 ? "" : "s");
	if (tj->par)
		sb_printf(&b, _("data parallel: %ld workers, each takes about %d of the %d rows of a batch; their gradients "
		          "are summed (an all-reduce) before the update, as one worker on the whole batch would have "
		          "it (up to the order of float sums)\n"), workers, (t->batch + (int)workers - 1) / (int)workers,
		          t->batch);
	train_header(&b, tj);
	out_printf("%s", b.s);
	sb_free(&b);
	return session_run_job(s, &tj->j);
}

const cmd_entry cmd_train_entry = {
	.name = "train",
	.topic = "net",
	.usage = "train [N] [epochs|steps] [every=K] [workers=W]",
	.summary = N_("train the network for N epochs (or steps)"),
	.help = N_("Runs the textbook loop: for every batch, the forward pass and the loss, the gradient of the loss "
	        "by backpropagation, and the update of every weight by the optimiser; each epoch visits the "
	        "training samples once in a new random order drawn from the session's stream.  Without N it runs "
	        "'epochs' epochs.  Every K epochs (every=K; about ten lines by default) it prints the loss and "
	        "accuracy on the training samples, and on the test samples when the data has a split.  On a "
	        "terminal a progress line shows the current step.  The printed loss and accuracy are measured on "
	        "all the samples with the weights at the end of the epoch; the workspace's status line and the loss "
	        "chart show the mean over the epoch's batches, each measured before its update, so they differ a "
	        "little (most early on, when the weights change fast).\n"
	        "\n"
	        "Ctrl-C (or 'stop' in the workspace) ends training at the next step with the weights kept; 'train' "
	        "then goes on from there.  If the loss becomes infinite or not a number, or grows to ten times "
	        "where it started, training has diverged: it stops, puts back the weights of the last good epoch, "
	        "and says what to try.  'lr' changes the learning rate, even while training runs in the workspace.\n"
	        "\n"
	        "workers=W splits every batch across W threads, each with its own copy of the network, and sums "
	        "their gradients before the one update (data parallelism, as large models are trained on many "
	        "GPUs).  The update equals that of one worker up to the order of float additions; whether it is "
	        "faster depends on the network's size (threads cost more than a small network's work)."),
	.examples = "train\ntrain 200\ntrain 2000 every=500\ntrain 25 steps\ntrain 50 workers=2",
	.exec = cmd_train,
	.keys = (const char *const[]){"every", "workers", NULL},
	.words = (const char *const[]){"epochs", "steps", NULL},
};

/* ==== stop ============================================================== */

static int
cmd_stop(session *s, cmd_args *a)
{
	if (args_max(a, 0, "stop") < 0)
		return -1;
	if (!s->job)
		return out_error("nothing is running; 'stop' ends a job such as 'train' at its next step");
	out_printf(_("stopping %s at the next step\n"), _(s->job->name));
	session_job_stop(s);
	return 0;
}

const cmd_entry cmd_stop_entry = {
	.name = "stop",
	.topic = "net",
	.usage = "stop",
	.summary = N_("stop the running training at the next step"),
	.help = N_("Ends the running job (training, sampling) at its next step; the weights it reached are kept.  "
	        "Ctrl-C does the same.  In a script, 'train' has finished before the next line runs, so there is "
	        "nothing to stop."),
	.examples = "stop",
	.exec = cmd_stop,
	.flags = CMD_JOB_OK,
};

/* ==== step ============================================================== */

static const char *
act_deriv(enum act_kind a)
{
	switch (a) {
	case ACT_SIGMOID: return "h (1 - h)";
	case ACT_TANH: return "(1 - h^2)";
	case ACT_RELU: return "[z > 0]";
	case ACT_LEAKY_RELU: return "([z > 0] + 0.01 [z <= 0])";
	case ACT_GELU: return "gelu'(z)";
	case ACT_SOFTMAX: return _("the softmax Jacobian");
	default: return "1";
	}
}

/* The rows a batch drew, as "rows 17, 254, 3, ... of the data". */
static void
batch_rows(const trainer *t, strbuf *b)
{
	int shown = t->rows < 6 ? t->rows : 5;
	sb_puts(b, _("rows "));
	for (int i = 0; i < shown; i++)
		sb_printf(b, "%s%zu", i ? ", " : "", t->idx[i] + 1);
	if (t->rows > shown)
		sb_puts(b, ", ...");
	sb_puts(b, _(" of the data"));
}

static void
step_explain(session *s, netlab *nl, const float *before, int batch_no, int per_epoch, double loss)
{
	const model *m = nl->model;
	const trainer *t = nl->tr;
	const dataset *ds = nl->data;
	int R = 4, C = 6, n = t->rows, k = model_n_out(m), lk = t->loss.kind;
	char b1[32], b2[32], b3[32];
	strbuf b;
	sb_init(&b);
	sb_printf(&b, _("step %ld: epoch %ld, batch %d of %d, %d sample%s ("), t->step, t->epoch + (t->pos > 0 || t->step == 0),
	          batch_no, per_epoch, n, n == 1 ? "" : "s");
	batch_rows(t, &b);
	sb_puts(&b, _(")\n\n1. forward pass\n"));
	net_matrix(s, &b, _("inputs x"), t->bx, n, ds->d, R, C, 2);
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		char name[96], zn[16], hn[16];
		net_layer_name(m, l, name, sizeof name);
		if (L->kind == LAYER_DROPOUT) {
			sb_printf(&b, _("  %s: each unit kept with probability %g and scaled by %g, or set to 0\n"), name,
			          1.0 - L->rate, (double)L->scale);
			snprintf(hn, sizeof hn, "h%d", l + 1);
			net_matrix(s, &b, hn, L->h, n, L->out, R, C, 4);
			continue;
		}
		char in[16];
		snprintf(in, sizeof in, l ? "h%d" : "x", l);
		if (L->kind == LAYER_POOL) {
			sb_printf(&b, _("  %s: h%d = the largest value of each window of %s\n"), name, l + 1, in);
			snprintf(hn, sizeof hn, "h%d", l + 1);
			net_matrix(s, &b, hn, L->h, n, L->out, R, C, 4);
			continue;
		}
		if (L->kind == LAYER_CONV)
			sb_printf(&b, _("  %s: z%d = every %dx%d patch of %s . W%d + b%d, h%d = %s(z%d)\n"), name, l + 1, L->kh,
			          L->kw, in, l + 1, l + 1, l + 1, act_names[L->act], l + 1);
		else
			sb_printf(&b, _("  %s: z%d = %s.W%d + b%d, h%d = %s(z%d)\n"), name, l + 1, in, l + 1, l + 1, l + 1,
			          act_names[L->act], l + 1);
		snprintf(zn, sizeof zn, "z%d", l + 1);
		snprintf(hn, sizeof hn, "h%d", l + 1);
		net_matrix(s, &b, zn, L->z, n, L->out, R, C, 4);
		if (L->act != ACT_IDENTITY)
			net_matrix(s, &b, hn, L->h, n, L->out, R, C, 4);
	}
	int last = m->n_layers - 1;
	const layer *LL = &m->layers[last];
	sb_printf(&b, _("\n2. loss %s over the batch\n"), loss_names[lk]);
	if (!ds->regression && (lk == LOSS_CE || k > 1)) {
		int rows = n < R ? n : R;
		double *rl = xmalloc((size_t)n * sizeof *rl);
		loss_batch(&t->loss, LL->act, model_out_z(m), LL->h, n, k, t->by, t->bt, NULL, rl);
		sb_puts(&b, _("    sample  label  predicted        loss\n"));
		for (int i = 0; i < rows; i++) {
			int p = loss_predict(&t->loss, LL->act, model_out_z(m) + (size_t)i * k, LL->h + (size_t)i * k, k);
			sb_printf(&b, "  %8zu  %5s  %9s  %10s\n", t->idx[i] + 1, net_class_name(ds, t->by[i], b1, sizeof b1),
			          net_class_name(ds, p, b2, sizeof b2), net_num(s, rl[i], b3, sizeof b3));
		}
		if (n > rows)
			sb_puts(&b, "         :\n");
		free(rl);
	}
	sb_printf(&b, _("  loss = %s (the mean over %d sample%s)\n"), net_num(s, loss, b1, sizeof b1), n, n == 1 ? "" : "s");
	if (t->penalty > 0)
		sb_printf(&b, _("  plus the L1/L2 penalty %s\n"), net_num(s, t->penalty, b2, sizeof b2));

	sb_puts(&b, _("\n3. backward pass: the gradient of the loss, layer by layer from the output\n"));
	int fused = loss_fused(lk, LL->act);
	if (lk == LOSS_CE && fused)
		sb_printf(&b, _("  dL/dz%d = (softmax(z%d) - onehot(label)) / %d\n"), last + 1, last + 1, n);
	else if (lk == LOSS_BCE && fused)
		sb_printf(&b, _("  dL/dz%d = (sigmoid(z%d) - target) / (%d x %d)\n"), last + 1, last + 1, n, k);
	else
		sb_printf(&b, _("  dL/dh%d from the loss, then dL/dz%d = dL/dh%d * %s\n"), last + 1, last + 1, last + 1,
		          act_deriv(LL->act));
	for (int l = last; l >= 0; l--) {
		const layer *L = &m->layers[l];
		char name[96], mn[24];
		net_layer_name(m, l, name, sizeof name);
		if (L->kind == LAYER_DROPOUT) {
			sb_printf(&b, _("  %s: the gradient passes the kept units only, scaled the same way\n"), name);
			continue;
		}
		if (L->kind == LAYER_POOL) {
			sb_printf(&b, _("  %s: each window's gradient goes to its largest input, the others get 0\n"), name);
			continue;
		}
		sb_printf(&b, _("  %s:"), name);
		if (l != last || !fused)
			sb_printf(&b, " dz%d = dh%d * %s;", l + 1, l + 1, act_deriv(L->act));
		if (L->frozen)
			sb_puts(&b, _(" frozen, no dW;"));
		else if (L->kind == LAYER_CONV)
			sb_printf(&b, _(" dW%d = the patches^T.dz%d summed over every position, db%d = the sums of dz%d per "
			          "filter;%s"), l + 1, l + 1, l + 1, l + 1, l > 0 ? _(" each patch gets dz.W^T back,") : "");
		else if (l)
			sb_printf(&b, _(" dW%d = h%d^T.dz%d, db%d = the column sums of dz%d;"), l + 1, l, l + 1, l + 1, l + 1);
		else
			sb_printf(&b, _(" dW1 = x^T.dz1, db1 = the column sums of dz1;"));
		if (l > 0)
			sb_printf(&b, " dh%d = dz%d.W%d^T", l, l + 1, l + 1);
		while (b.len && (b.s[b.len - 1] == ';'))
			b.s[--b.len] = '\0';
		sb_putc(&b, '\n');
		snprintf(mn, sizeof mn, "dz%d", l + 1);
		net_matrix(s, &b, mn, L->dz, n, L->out, R, C, 4);
		if (!L->frozen) {
			/* W is [in][out] for a dense layer, [KH*KW*C][K] for a conv
			 * layer, whose b has one bias per filter */
			int wr = L->kind == LAYER_CONV ? L->kh * L->kw * L->ic : L->in;
			int wc = L->kind == LAYER_CONV ? L->oc : L->out;
			snprintf(mn, sizeof mn, "dW%d", l + 1);
			net_matrix(s, &b, mn, layer_dW(m, l), wr, wc, R, C, 4);
			snprintf(mn, sizeof mn, "db%d", l + 1);
			net_matrix(s, &b, mn, layer_db(m, l), 1, wc, 1, C, 4);
		}
	}
	double norm = t->grad_norm >= 0 ? t->grad_norm : optim_grad_norm(m);
	sb_printf(&b, _("  gradient norm %s\n"), net_num(s, norm, b1, sizeof b1));

	const optim_cfg *o = &t->opt;
	sb_printf(&b, _("\n4. update (%s, lr %s): "), optim_names[o->kind], net_num(s, o->lr, b2, sizeof b2));
	if (o->kind == OPT_SGD)
		sb_printf(&b, _("w <- w - %s g for every trainable weight and bias, so the change is -lr g\n"), b2);
	else
		sb_puts(&b, _("each weight moves as 'optim' describes; the change is shown\n"));
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		if (L->kind != LAYER_DENSE || L->frozen)
			continue;
		size_t nw = (size_t)L->in * L->out;
		float *dw = xmalloc(nw * sizeof *dw);
		const float *w = layer_W(m, l), *w0 = before + L->w_off;
		for (size_t i = 0; i < nw; i++)
			dw[i] = w[i] - w0[i];
		char mn[32];
		snprintf(mn, sizeof mn, _("change of W%d"), l + 1);
		net_matrix(s, &b, mn, dw, L->in, L->out, R, C, 2);
		free(dw);
	}
	out_printf("%s", b.s);
	sb_free(&b);
}

static int
cmd_step(session *s, cmd_args *a)
{
	int explain = arg_flag(a, "explain");
	if (args_max(a, 0, "step [explain]") < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (net_check_fit(nl, 1) < 0)
		return -1;
	net_sync(nl);
	trainer *t = nl->tr;
	model *m = nl->model;
	int per_epoch = trainer_steps_per_epoch(t, nl->data);
	int batch_no = t->pos / t->batch + 1;
	float *before = xmalloc(m->n_params * sizeof *before);
	memcpy(before, m->params, m->n_params * sizeof *before);
	double loss = trainer_step(t, m, nl->data, &s->rng);
	char b1[32], b2[32];
	if (!isfinite(loss)) {
		memcpy(m->params, before, m->n_params * sizeof *before);
		free(before);
		return out_error("the loss of this batch is %s, so the step was undone; the learning rate %s is probably "
		                 "too high: try 'lr %s'",
		                 net_num(s, loss, b1, sizeof b1), net_num(s, t->opt.lr, b2, sizeof b2),
		                 net_num(s, t->opt.lr / 10, b1, sizeof b1));
	}
	if (explain) {
		step_explain(s, nl, before, batch_no, per_epoch, loss);
	} else {
		double norm = t->grad_norm >= 0 ? t->grad_norm : optim_grad_norm(m);
		char b3[32];
		out_printf(_("step %ld (epoch %ld, batch %d of %d, %d samples): loss %s, gradient norm %s; %s with lr %s\n"),
		           t->step, t->epoch + (t->pos > 0), batch_no, per_epoch, t->rows, net_num(s, loss, b1, sizeof b1),
		           net_num(s, norm, b2, sizeof b2), optim_names[t->opt.kind], net_num(s, t->opt.lr, b3, sizeof b3));
	}
	free(before);
	return 0;
}

const cmd_entry cmd_step_entry = {
	.name = "step",
	.topic = "net",
	.usage = "step [explain]",
	.summary = N_("one training step; 'explain' shows every stage with its numbers"),
	.help = N_("Runs one iteration of training on the next batch, exactly as 'train' would.  'step explain' "
	        "prints it stage by stage with the real numbers: the inputs, each layer's pre-activation z = x.W + b "
	        "and activation h, the loss of each sample and of the batch, the gradient flowing back through "
	        "every layer (dz, dW, db), and how much every weight moved.  Large matrices show their corners.  "
	        "'set digits' chooses how many digits."),
	.examples = "step\nstep explain",
	.exec = cmd_step,
	.words = (const char *const[]){"explain", NULL},
};

/* ==== eval ============================================================== */

static void
eval_line(session *s, strbuf *b, const char *what, const eval_result *ev, int regression)
{
	char b1[32], b2[32];
	sb_printf(b, _("%-6s %s samples, loss %s"), what, net_count(ev->n, b2, sizeof b2), net_num(s, ev->loss, b1, sizeof b1));
	if (!regression)
		sb_printf(b, _(", accuracy %s (%ld right)"), net_pct(ev->acc, b2, sizeof b2), ev->correct);
	sb_putc(b, '\n');
}

static int
cmd_eval(session *s, cmd_args *a)
{
	if (args_max(a, 0, "eval") < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (net_check_fit(nl, 0) < 0)
		return -1;
	net_sync(nl);
	const dataset *ds = nl->data;
	int k = ds->k, test = ds->n > ds->n_train;
	long *ctr = xcalloc((size_t)k * k, sizeof *ctr), *cte = xcalloc((size_t)k * k, sizeof *cte);
	eval_result tr, te;
	model_evaluate(nl->model, &nl->tr->loss, ds, 0, ds->n_train, &tr, ds->regression ? NULL : ctr);
	strbuf b;
	sb_init(&b);
	char b1[32], desc[512];
	model_describe(nl->model, desc, sizeof desc);
	sb_printf(&b, _("network %s, loss %s\n"), desc, loss_names[nl->tr->loss.kind]);
	eval_line(s, &b, _("train:"), &tr, ds->regression);
	if (test) {
		model_evaluate(nl->model, &nl->tr->loss, ds, ds->n_train, ds->n, &te, ds->regression ? NULL : cte);
		eval_line(s, &b, _("test:"), &te, ds->regression);
		if (!ds->regression && tr.acc >= 0.9 && tr.acc - te.acc > 0.05)
			sb_printf(&b, _("the test accuracy is well below the training accuracy: the network may be "
			              "overfitting (memorising the training samples rather than the pattern)\n"));
	} else {
		sb_puts(&b, _("test:  no test samples ('data split test=0.2' keeps a fifth aside)\n"));
	}
	if (!ds->regression && tr.acc < 0.8)
		sb_printf(&b, _("even the training samples are often wrong: the network underfits so far (train longer, "
		              "try another learning rate, or give it more units)\n"));
	if (!ds->regression && k <= 12) {
		const long *cm = test ? cte : ctr;
		sb_printf(&b, _("confusion matrix of the %s samples (rows: true class, columns: predicted)\n"),
		          test ? _("test") : _("training"));
		sb_printf(&b, "  %8s", "");
		for (int j = 0; j < k; j++)
			sb_printf(&b, " %7s", net_class_name(ds, j, b1, sizeof b1));
		sb_putc(&b, '\n');
		for (int i = 0; i < k; i++) {
			sb_printf(&b, "  %8s", net_class_name(ds, i, b1, sizeof b1));
			for (int j = 0; j < k; j++)
				sb_printf(&b, " %7ld", cm[(size_t)i * k + j]);
			sb_putc(&b, '\n');
		}
	}
	out_printf("%s", b.s);
	sb_free(&b);
	free(ctr);
	free(cte);
	return 0;
}

const cmd_entry cmd_eval_entry = {
	.name = "eval",
	.topic = "net",
	.usage = "eval",
	.summary = N_("the loss and accuracy on the training and test samples"),
	.help = N_("Runs the network forward (dropout off) over every training sample, and every test sample when "
	        "the data is split, and prints the mean loss and the accuracy: the fraction of samples whose "
	        "largest output is the right class.  For class labels it also prints the confusion matrix, of the "
	        "test samples when there are some.  A test accuracy well below the training accuracy is the sign "
	        "of overfitting."),
	.examples = "eval",
	.exec = cmd_eval,
	.flags = CMD_JOB_OK,
};

/* ==== predict =========================================================== */

static int
cmd_predict(session *s, cmd_args *a)
{
	netlab *nl = net_lab(s);
	double v0;
	const char *why0;
	if (a->argc == 1 && text_parse_double(a->argv[0], &v0, &why0) < 0 &&
	    ((strlen(a->argv[0]) > 4 && strcmp(a->argv[0] + strlen(a->argv[0]) - 4, ".csv") == 0) ||
	     file_exists(a->argv[0])))
		return predict_file(s, a->argv[0], arg_str(a, "out", NULL), 0);  /* cmd-predict.c */
	if (arg_has(a, "out"))
		return out_error("'out=' goes with a file of rows: 'predict FILE.csv out=FILE'; the numbers typed after "
		                 "'predict' are only shown");
	if (net_check_fit(nl, 0) < 0)
		return -1;
	const dataset *ds = nl->data;
	if (a->argc != ds->d)
		return out_error("'predict' needs one number per feature of the data '%s' (%d), got %d; e.g. 'predict%s'",
		                 ds->name, ds->d, a->argc, ds->d == 2 ? " 0.5 -0.2" : ds->d == 1 ? " 0.5" : " ...");
	float *x = xmalloc((size_t)ds->d * sizeof *x);
	for (int i = 0; i < ds->d; i++) {
		double v;
		if (pos_double(a, i, _("a feature value"), -1e30, 1e30, &v) < 0) {
			free(x);
			return -1;
		}
		x[i] = (float)v;
	}
	net_sync(nl);
	model *m = nl->model;
	int k = model_n_out(m);
	const float *h = model_forward(m, x, 1, 0, NULL);
	const float *z = model_out_z(m);
	enum act_kind last = model_last_act(m);
	strbuf b;
	sb_init(&b);
	char c[48], c2[48];
	sb_puts(&b, _("input ("));
	for (int i = 0; i < ds->d; i++)
		sb_printf(&b, "%s%s", i ? ", " : "", net_num(s, x[i], c, sizeof c));
	sb_puts(&b, _(") -> output ("));
	for (int j = 0; j < k; j++)
		sb_printf(&b, "%s%s", j ? ", " : "", net_num(s, h[j], c, sizeof c));
	sb_puts(&b, ")\n");
	int lk = nl->tr->loss.kind;
	if (!ds->regression) {
		if (k > 1 && (lk == LOSS_CE) && last != ACT_SOFTMAX) {
			float *p = xmalloc((size_t)k * sizeof *p);
			act_forward(ACT_SOFTMAX, loss_fused(lk, last) ? z : h, p, 1, k);
			sb_puts(&b, _("softmax:"));
			for (int j = 0; j < k; j++)
				sb_printf(&b, _("%s class %s %s"), j ? _(",") : "", net_class_name(ds, j, c2, sizeof c2),
				          net_pct(p[j], c, sizeof c));
			sb_putc(&b, '\n');
			free(p);
		} else if (k == 1 && lk == LOSS_BCE && last == ACT_IDENTITY) {
			sb_printf(&b, _("sigmoid: %s\n"), net_pct(vm_sigmoidf(z[0]), c, sizeof c));
		}
		int p = loss_predict(&nl->tr->loss, last, z, h, k);
		sb_printf(&b, _("predicted class: %s\n"), net_class_name(ds, p, c, sizeof c));
	}
	out_printf("%s", b.s);
	sb_free(&b);
	free(x);
	return 0;
}

const cmd_entry cmd_predict_entry = {
	.name = "predict",
	.topic = "net",
	.usage = "predict X1 [X2]...|FILE.csv [out=FILE]",
	.summary = N_("run the network on one sample you type, or on the rows of a CSV file"),
	.help = N_("Gives one number per feature of the data and runs the network forward on them (dropout off): "
	        "the outputs, for class labels the softmax probabilities and the predicted class.  The numbers "
	        "are taken as the data holds them (standardised, if it was).\n\n"
	        "'predict FILE.csv' runs it on every row of a file: the feature columns in the data's order and, "
	        "optionally, a last column with the label, which gives the accuracy; a first row of names is a "
	        "header.  It shows the first rows as CSV (the features, the predicted class or value, and one "
	        "probability per class); out=FILE writes them all.  From the shell, 'nnlab --model NET.nnl "
	        "--predict FILE.csv' writes the same CSV to standard output with no prompt, so another program "
	        "can use a network saved with 'save'."),
	.examples = "predict 0.5 -0.2\npredict 0 0\npredict new.csv\npredict new.csv out=predictions.csv",
	.keys = (const char *const[]){"out", NULL},
	.complete = COMPLETE_FILE,
	.exec = cmd_predict,
	.flags = CMD_JOB_OK,
};

/* ==== gradcheck ========================================================= */

static int
cmd_gradcheck(session *s, cmd_args *a)
{
	if (args_max(a, 0, "gradcheck [rows=N] [eps=E] [n=N]") < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (net_check_fit(nl, 0) < 0)
		return -1;
	long rows, per;
	double eps;
	const dataset *ds = nl->data;
	if (arg_long(a, "rows", ds->n_train < 8 ? ds->n_train : 8, 1, 256, &rows) < 0 ||
	    arg_double(a, "eps", 1e-6, 1e-9, 0.1, &eps) < 0 || arg_long(a, "n", 50, 1, 1000000, &per) < 0)
		return -1;
	if (rows > ds->n_train)
		return out_error("rows=%ld is more than the %d training samples; use at most %d", rows, ds->n_train,
		                 ds->n_train);
	net_sync(nl);
	model *m = nl->model;
	gradcheck_result *res = xcalloc((size_t)m->n_layers, sizeof *res);
	const float floor = 1e-4f;
	gradcheck_run(m, &nl->tr->loss, ds->x, (int)rows, ds->regression ? NULL : ds->y,
	              ds->regression ? ds->t : NULL, eps, (size_t)per, floor, res);
	strbuf b;
	sb_init(&b);
	char c1[32], c2[32], c3[32], c4[32];
	sb_printf(&b, _("gradient check on the first %ld training sample%s: backpropagation (float32) against central "
	              "differences (L(w+eps) - L(w-eps)) / 2eps of a double-precision forward pass, eps %g\n"),
	          rows, rows == 1 ? "" : "s", eps);
	sb_puts(&b, _("  layer  parameters  checked  largest relative error  where          backprop       numeric\n"));
	double worst = 0;
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		if (!layer_has_params(L))
			continue;
		const gradcheck_result *r = &res[l];
		char where[64];
		size_t nw = layer_n_weights(L), cols = L->kind == LAYER_CONV ? (size_t)L->oc : (size_t)L->out;
		if (r->worst < nw)
			snprintf(where, sizeof where, "W%d[%zu][%zu]", l + 1, r->worst / cols, r->worst % cols);
		else
			snprintf(where, sizeof where, "b%d[%zu]", l + 1, r->worst - nw);
		snprintf(c3, sizeof c3, "%.2g", r->max_rel);
		sb_printf(&b, "  %5d  %10s  %7zu  %22s  %-12s %10s %13s\n", l + 1, net_count((long)layer_n_params(L), c4, sizeof c4),
		          r->checked, c3, where, net_num(s, r->backprop, c1, sizeof c1), net_num(s, r->numeric, c2, sizeof c2));
		worst = r->max_rel > worst || isnan(r->max_rel) ? r->max_rel : worst;
	}
	sb_printf(&b, _("(relative error |b - n| / max(|b|, |n|, %g); at most %ld evenly spaced parameters per layer)\n"),
	          (double)floor, per);
	if (worst < 1e-4)
		sb_puts(&b, _("verdict: backpropagation agrees with the numeric gradient (float32 rounding explains the rest)\n"));
	else if (worst < 1e-2)
		sb_puts(&b, _("verdict: close; float32 rounding in tiny gradients, or a relu kink within eps of a "
		            "pre-activation, can give errors this size\n"));
	else
		sb_puts(&b, _("verdict: backpropagation and the numeric gradient DISAGREE: the gradient is wrong "
		            "somewhere (or eps is too large for these numbers)\n"));
	out_printf("%s", b.s);
	sb_free(&b);
	free(res);
	return 0;
}

const cmd_entry cmd_gradcheck_entry = {
	.name = "gradcheck",
	.topic = "net",
	.usage = "gradcheck [rows=N] [eps=E] [n=N]",
	.summary = N_("check backpropagation against numeric derivatives"),
	.help = N_("Backpropagation computes the gradient of the loss with respect to every weight at once; a "
	        "numeric derivative moves one weight by +-eps and watches the loss change.  This compares the two "
	        "on the first rows= training samples (8) for up to n= parameters per layer (50), and prints the "
	        "largest relative error of each layer.  The numeric side runs in double precision, so errors near "
	        "1e-6 are float32 rounding; errors near 1 mean a wrong gradient.  Dropout counts as off."),
	.examples = "gradcheck\ngradcheck rows=32 n=1000",
	.exec = cmd_gradcheck,
	.keys = (const char *const[]){"rows", "eps", "n", NULL},
};

/* ==== lrfind ============================================================ */

/* A copy of the network and its training set-up, to experiment on. */
typedef struct trial {
	model *m;
	trainer t;
} trial;

static void
trial_start(trial *tr, const netlab *nl)
{
	tr->m = model_clone(nl->model);
	trainer_init(&tr->t);
	tr->t.loss = nl->tr->loss;
	tr->t.opt = nl->tr->opt;
	tr->t.batch = nl->tr->batch;
	trainer_reset(&tr->t, tr->m);
}

static void
trial_end(trial *tr)
{
	trainer_free(&tr->t);
	model_free(tr->m);
}

static void
lrfind_chart(const netrun *r)
{
	chart_series ser = {.name = _("smoothed loss"), .x = r->lr, .y = r->loss, .n = (size_t)r->n};
	chart c = {.kind = CHART_LINE, .title = _("lrfind: loss against learning rate"), .xlabel = _("learning rate"),
	           .ylabel = _("loss"), .logx = 1, .series = &ser, .nseries = 1};
	out_chart(&c);
}

static int
lrfind_sweep(session *s, netlab *nl, double from, double to, long steps)
{
	trial tr;
	trial_start(&tr, nl);
	netrun *r = xcalloc(1, sizeof *r);
	r->lr = xmalloc((size_t)steps * sizeof *r->lr);
	r->loss = xmalloc((size_t)steps * sizeof *r->loss);
	double avg = 0, best = INFINITY, best_lr = from, climb_lr = 0;
	const double beta = 0.9;
	for (long i = 0; i < steps; i++) {
		double lr = from * pow(to / from, (double)i / (double)(steps - 1));
		tr.t.opt.lr = lr;
		double loss = trainer_step(&tr.t, tr.m, nl->data, &s->rng);
		if (!isfinite(loss))
			break;
		avg = beta * avg + (1 - beta) * loss;
		double sm = avg / (1 - pow(beta, (double)(i + 1)));
		r->lr[r->n] = lr;
		r->loss[r->n] = sm;
		r->n++;
		if (sm < best) {
			best = sm;
			best_lr = lr;
		}
		/* where the loss starts to climb for good: 25% above its low */
		if (climb_lr == 0 && i > 5 && sm > 1.25 * best)
			climb_lr = lr;
		if (sm > 4 * best && i > 5)
			break;
	}
	trial_end(&tr);
	if (climb_lr == 0)
		climb_lr = r->n ? r->lr[r->n - 1] : to;
	r->suggest = climb_lr / 10;
	char b1[32], b2[32], b3[32];
	strbuf b;
	sb_init(&b);
	sb_printf(&b, _("lrfind: %d training steps on a copy of the network, the rate growing from %g to %g by the same "
	              "factor each step (the loss smoothed over about ten steps)\n"),
	          r->n, from, to);
	sb_puts(&b, _("  learning rate        loss\n"));
	int every = r->n > 12 ? (r->n + 11) / 12 : 1;
	for (int i = 0; i < r->n; i++)
		if (i % every == 0 || i == r->n - 1)
			sb_printf(&b, "  %13s  %10s\n", net_num(s, r->lr[i], b1, sizeof b1), net_num(s, r->loss[i], b2, sizeof b2));
	if (r->n < steps)
		sb_printf(&b, _("  (stopped at lr %s: the loss blew up)\n"), net_num(s, r->n ? r->lr[r->n - 1] : from, b1, sizeof b1));
	out_printf("%s", b.s);
	sb_free(&b);
	if (r->n >= 2)
		lrfind_chart(r);
	out_printf(_("the loss is lowest near lr %s and climbs from about %s; a rate ten times below the climb, %s, "
	           "learns fast without blowing up: 'lr %s' to use it (your network is unchanged)\n"),
	           net_num(s, best_lr, b1, sizeof b1), net_num(s, climb_lr, b2, sizeof b2),
	           net_num(s, r->suggest, b3, sizeof b3), b3);
	if (nl->run) {
		netrun_free(nl->run);
		free(nl->run);
	}
	nl->run = r;
	return 0;
}

/* The rule of thumb, walked: start at from, train a few epochs on a copy,
 * divide by ten while the loss oscillates or diverges, keep the first rate
 * at which it falls steadily. */
static int
lrfind_manual(session *s, netlab *nl, double from)
{
	enum { EPOCHS = 5, TRIALS = 6 };
	const dataset *ds = nl->data;
	int per_epoch = trainer_steps_per_epoch(nl->tr, ds);
	char b1[32], b2[32];
	out_printf(_("the rule of thumb: start at lr %s, train a little and watch the loss; while it oscillates or "
	           "diverges, divide the rate by ten; keep the first rate at which it falls steadily, then train on "
	           "to convergence.  Each try trains a copy of the network for %d epochs (%d steps) from the same "
	           "weights.\n"),
	           net_num(s, from, b1, sizeof b1), EPOCHS, EPOCHS * per_epoch);
	eval_result e0;
	model_evaluate(nl->model, &nl->tr->loss, ds, 0, ds->n_train, &e0, NULL);
	double lr = from, kept = -1, kept_drop = 0;
	for (int trial_no = 0; trial_no < TRIALS && kept < 0; trial_no++, lr /= 10) {
		trial tr;
		trial_start(&tr, nl);
		tr.t.opt.lr = lr;
		int finite = 1, rising = 0;
		strbuf b;
		sb_init(&b);
		sb_printf(&b, _("  lr %-8s loss %s ->"), net_num(s, lr, b1, sizeof b1), net_num(s, e0.loss, b2, sizeof b2));
		double prev = e0.loss, lastl = e0.loss;
		for (int e = 0; e < EPOCHS && finite; e++) {
			for (int st = 0; st < per_epoch && finite; st++)
				finite = isfinite(trainer_step(&tr.t, tr.m, ds, &s->rng));
			if (!finite)
				break;
			/* the loss on all training samples, free of batch noise */
			eval_result ev;
			model_evaluate(tr.m, &tr.t.loss, ds, 0, ds->n_train, &ev, NULL);
			sb_printf(&b, " %s", net_num(s, ev.loss, b1, sizeof b1));
			rising |= !(ev.loss < prev);
			prev = lastl = ev.loss;
		}
		const char *verdict;
		if (!finite || !isfinite(lastl) || lastl > 2 * e0.loss) {
			verdict = _("diverges: divide by ten");
			if (!finite)
				sb_puts(&b, _(" (not a number)"));
		} else if (rising) {
			verdict = _("oscillates: divide by ten");
		} else {
			verdict = _("falls steadily: keep it");
			kept = lr;
			kept_drop = (e0.loss - lastl) / e0.loss;
		}
		sb_printf(&b, _(": %s\n"), verdict);
		out_printf("%s", b.s);
		sb_free(&b);
		trial_end(&tr);
	}
	if (kept < 0) {
		out_printf(_("no rate from %s down to %s made the loss fall steadily; check the data and the network "
		           "('gradcheck', 'net show')\n"),
		           net_num(s, from, b1, sizeof b1), net_num(s, from / 1e5, b2, sizeof b2));
		return 0;
	}
	nl->tr->opt.lr = kept;
	out_printf(_("lr is now %s; your network's weights are as they were.  Now train on to convergence: 'train'\n"),
	           net_num(s, kept, b1, sizeof b1));
	if (kept == from && kept_drop < 0.05)
		out_note("note: the loss fell only %.1f%% in %d epochs: the rule only ever divides the rate, but a rate "
		         "this slow may be too small; try a larger one by hand (e.g. 'lr %s') and watch for oscillation",
		         100 * kept_drop, EPOCHS, net_num(s, kept * 10, b2, sizeof b2));
	return 0;
}

static int
cmd_lrfind(session *s, cmd_args *a)
{
	static const char usage[] = "lrfind [manual] [from=R] [to=R] [steps=N]";
	int manual = arg_flag(a, "manual");
	if (args_max(a, 0, usage) < 0)
		return -1;
	netlab *nl = net_lab(s);
	double from, to;
	long steps;
	if (arg_double(a, "from", manual ? 0.01 : 1e-5, 1e-12, 100, &from) < 0 ||
	    arg_double(a, "to", 10, 1e-12, 1000, &to) < 0 || arg_long(a, "steps", 100, 10, 100000, &steps) < 0)
		return -1;
	if (manual && (arg_has(a, "to") || arg_has(a, "steps")))
		return out_error("'lrfind manual' takes only from= (the rate to start at); to= and steps= belong to the "
		                 "sweep");
	if (!manual && !(to > from))
		return out_error("to=%s must be larger than from=%s; the sweep goes up", arg_str(a, "to", "10"),
		                 arg_str(a, "from", "1e-05"));
	if (net_check_fit(nl, 1) < 0)
		return -1;
	net_sync(nl);
	return manual ? lrfind_manual(s, nl, from) : lrfind_sweep(s, nl, from, to, steps);
}

const cmd_entry cmd_lrfind_entry = {
	.name = "lrfind",
	.topic = "net",
	.usage = "lrfind [manual] [from=R] [to=R] [steps=N]",
	.summary = N_("find a good learning rate: a sweep, or the rule of thumb"),
	/* xgettext:no-c-format */
	.help = N_("'lrfind' runs a learning-rate range test on a copy of the network: steps= training steps (100) "
	        "with the rate growing exponentially from from= (1e-5) to to= (10), stopping when the loss blows "
	        "up.  It prints and draws the smoothed loss against the rate and suggests a rate ten times below "
	        "the one where the loss starts to climb (25% above its lowest).  It is most telling on a fresh "
	        "network.\n"
	        "\n"
	        "'lrfind manual' walks the rule of thumb instead: start at 0.01 (from=), train a few epochs and "
	        "watch the loss; while it oscillates or diverges divide the rate by ten; keep the first rate at "
	        "which it falls steadily (it becomes the learning rate), then 'train' on to convergence.  The rule "
	        "never raises the rate, so when the loss falls but slowly it says so.\n"
	        "\n"
	        "Both leave your network's weights alone; the batches they train on are drawn from the session's "
	        "stream."),
	.examples = "lrfind\nlrfind from=1e-4 to=1 steps=50\nlrfind manual\nlrfind manual from=0.1",
	.exec = cmd_lrfind,
	.keys = (const char *const[]){"from", "to", "steps", NULL},
	.words = (const char *const[]){"manual", NULL},
};

/* ==== pictures for `plot` =============================================== */

static int
need_history(session *s, netlab **out)
{
	netlab *nl = s->net;
	if (!nl || !nl->data)  /* say every step still to take */
		return out_error("there is no training history yet; make data, build a network, then train, e.g. "
		                 "'data spiral n=100 classes=3', 'net new 2 16 tanh 3', 'train'");
	if (!nl->model || !nl->tr)
		return out_error("there is no training history yet; build a network for the data '%s', then train, "
		                 "e.g. 'net new %d 16 tanh %d', 'train'", nl->data->name, nl->data->d, nl->data->k);
	if (nl->tr->n_hist == 0)
		return out_error("there is no training history yet; 'train' first");
	*out = nl;
	return 0;
}

/* Series of the history: column 0 running loss, 1 running accuracy,
 * 2 evaluated test loss, 3 evaluated test accuracy. */
static int
fill_history(session *s, int acc, plot_pic *out)
{
	netlab *nl = NULL;
	if (need_history(s, &nl) < 0)
		return -1;
	const trainer *t = nl->tr;
	size_t n = t->n_hist, nt = 0;
	double *x = xmalloc(n * sizeof *x), *y = xmalloc(n * sizeof *y);
	double *tx = xmalloc(n * sizeof *tx), *ty = xmalloc(n * sizeof *ty);
	for (size_t i = 0; i < n; i++) {
		x[i] = (double)t->hist[i].epoch;
		y[i] = acc ? t->hist[i].acc : t->hist[i].loss;
		double v = acc ? t->hist[i].test_acc : t->hist[i].test_loss;
		if (!isnan(v)) {
			tx[nt] = x[i];
			ty[nt++] = v;
		}
	}
	if (acc && isnan(y[0])) {
		free(x);
		free(y);
		free(tx);
		free(ty);
		return out_error("the data has real targets, so there is no accuracy to plot; 'plot loss' instead");
	}
	chart_series ser[2] = {
		{.name = acc ? _("training accuracy (during each epoch)") : _("training loss (mean over each epoch)"), .x = x,
		 .y = y, .n = n},
		{.name = acc ? _("test accuracy") : _("test loss"), .x = tx, .y = ty, .n = nt},
	};
	chart c = {.kind = CHART_LINE, .title = acc ? _("accuracy") : _("loss"), .xlabel = _("epoch"),
	           .ylabel = acc ? _("accuracy") : _("loss"), .logy = !acc, .series = ser, .nseries = nt ? 2 : 1};
	plot_pic_chart(out, &c);
	free(x);
	free(y);
	free(tx);
	free(ty);
	return 0;
}

static int
fill_loss(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	return fill_history(s, 0, out);
}

static int
fill_accuracy(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	return fill_history(s, 1, out);
}

static int
fill_lrfind(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	netlab *nl = s->net;
	if (!nl || !nl->run || nl->run->n < 2)
		return out_error("there is no learning-rate sweep yet; run 'lrfind' first");
	chart_series ser = {.name = _("smoothed loss"), .x = nl->run->lr, .y = nl->run->loss, .n = (size_t)nl->run->n};
	chart c = {.kind = CHART_LINE, .title = _("lrfind: loss against learning rate"), .xlabel = _("learning rate"),
	           .ylabel = _("loss"), .logx = 1, .series = &ser, .nseries = 1};
	plot_pic_chart(out, &c);
	return 0;
}

const plot_source plot_source_loss = {
	.name = "loss",
	.summary = N_("the training loss per epoch (and the test loss where evaluated)"),
	.fill = fill_loss,
	.live = 1,
	.fed_by = train_slice,
};

const plot_source plot_source_accuracy = {
	.name = "accuracy",
	.summary = N_("the training accuracy per epoch (and the test accuracy where evaluated)"),
	.fill = fill_accuracy,
	.live = 1,
	.fed_by = train_slice,
};

const plot_source plot_source_lrfind = {
	.name = "lrfind",
	.summary = N_("the last learning-rate sweep: loss against rate"),
	.fill = fill_lrfind,
};
