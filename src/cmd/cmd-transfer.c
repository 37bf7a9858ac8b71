/* cmd-transfer.c - the `transfer` command: transfer learning made
 * measurable.  A 2-64tanh-64tanh-3 network is pre-trained on a spiral of
 * 300 points; a small, noisier spiral is the related target task.  The
 * pre-trained network with its lower layers frozen is fine-tuned on it,
 * and a network with fresh weights is trained from scratch on the same
 * batches; the epochs (and steps) each takes to reach the target test
 * accuracy are printed side by side.
 *
 * Everything it draws comes from the session's stream, in the order the
 * help text gives.  Not a way to change the session's data or network:
 * both are left as they were (see lessons/12-fine-tuning.lesson for the
 * same steps by hand).
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/netcmd.h"
#include "core/dataset.h"
#include "core/model.h"
#include "core/train.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const transfer_keys[] = {"target", "epochs", "freeze", "pretrain", NULL};

static model *
make_net(rng_t *r)
{
	model *m = model_new(2);
	model_add_dense(m, 64, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 64, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 3, ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(m, r);
	return m;
}

typedef struct race {
	long reached;     /* first epoch with test accuracy >= target, or -1 */
	long steps;       /* steps done by then */
	double acc;       /* test accuracy after the last epoch */
	double best;
} race;

/* train m on ds for epochs, evaluating the test rows after each epoch */
static void
run_race(model *m, const dataset *ds, long epochs, double target, rng_t *r, race *out)
{
	trainer t;
	trainer_init(&t);
	trainer_reset(&t, m);
	loss_cfg c = t.loss;
	out->reached = -1;
	out->steps = 0;
	out->best = 0;
	for (long e = 1; e <= epochs; e++) {
		int per = trainer_steps_per_epoch(&t, ds);
		for (int i = 0; i < per && !session_poll(); i++)
			trainer_step(&t, m, ds, r);
		if (nn_interrupted)
			break;
		eval_result ev;
		model_evaluate(m, &c, ds, ds->n_train, ds->n, &ev, NULL);
		out->acc = ev.acc;
		out->best = fmax(out->best, ev.acc);
		if (out->reached < 0 && ev.acc >= target) {
			out->reached = e;
			out->steps = t.step;
		}
	}
	trainer_free(&t);
}

static void
race_line(const char *who, const race *x)
{
	char b1[64], b2[32], b3[32];
	if (x->reached > 0)
		snprintf(b1, sizeof b1, _("epoch %ld (%ld steps)"), x->reached, x->steps);
	else
		snprintf(b1, sizeof b1, "%s", _("not reached"));
	out_printf("  %-*s %-*s %9s %9s\n", utf8_pad(30, who), who, utf8_pad(22, b1), b1, net_pct(x->best, b2, sizeof b2), net_pct(x->acc, b3, sizeof b3));
}

/* The race's table and what it shows. */
static void
report(const race *ft, const race *sc, long epochs, double target, int freeze)
{
	char b1[32];
	out_printf(_("\n%ld epochs each on the same batches, test accuracy checked after every epoch; target %s\n"), epochs,
	           net_pct(target, b1, sizeof b1));
	const char *h[3] = {_("reaches the target at"), _("best"), _("last")};
	out_printf("  %-30s %-*s %*s %*s\n", "", utf8_pad(22, h[0]), h[0], utf8_pad(9, h[1]), h[1], utf8_pad(9, h[2]), h[2]);
	race_line(freeze > 1 ? _("fine-tuned, layers 1-2 frozen")
	          : freeze   ? _("fine-tuned, layer 1 frozen")
	                     : _("fine-tuned, nothing frozen"),
	          ft);
	race_line(_("from scratch (random weights)"), sc);
	if (ft->reached > 0 && (sc->reached < 0 || ft->reached < sc->reached))
		out_printf("%s", sc->reached < 0 ? _("the pre-trained start reaches the target first; from scratch it does "
		                                     "not get there in this budget\n")
		                                 : _("the pre-trained start reaches the target first\n"));
	else if (sc->reached > 0 && (ft->reached < 0 || sc->reached < ft->reached))
		out_printf(_("from scratch reaches the target first: here the pre-trained features did not help\n"));
	else if (ft->reached > 0)
		out_printf(_("both reach the target in the same epoch\n"));
	else
		out_printf(_("neither reaches the target in this budget; try more epochs= or a lower target=\n"));
	out_printf(_("the session's data and network are unchanged\n"));
}

static int
cmd_transfer(session *s, cmd_args *a)
{
	const char *usage = "transfer [target=A] [epochs=N] [freeze=K] [pretrain=N]";
	if (args_max(a, 0, usage) < 0)
		return -1;
	double target;
	long epochs, freeze, pretrain;
	if (arg_double(a, "target", 0.9, 0.34, 1, &target) < 0 || arg_long(a, "epochs", 100, 1, 10000, &epochs) < 0 ||
	    arg_long(a, "freeze", 1, 0, 2, &freeze) < 0 || arg_long(a, "pretrain", 500, 0, 10000, &pretrain) < 0)
		return -1;

	rng_t *r = &s->rng;
	char b1[32];
	/* 1. the source task and pre-training */
	dataset *src = dataset_spiral(r, 100, 3, 0.2), *tgt = NULL;
	model *pre = make_net(r), *scratch = NULL;
	trainer t;
	trainer_init(&t);
	trainer_reset(&t, pre);
	long steps = pretrain * trainer_steps_per_epoch(&t, src);
	for (long i = 0; i < steps && !session_poll(); i++)
		trainer_step(&t, pre, src, r);
	eval_result ev;
	if (!nn_interrupted)
		model_evaluate(pre, &t.loss, src, 0, src->n, &ev, NULL);
	trainer_free(&t);
	race ft, sc;
	if (!nn_interrupted) {
		out_printf(_("source task: spiral of 300 points (noise 0.2); 2-64tanh-64tanh-3 pre-trained %ld epochs "
		             "(sgd lr 0.1, batch 32): training accuracy %s\n"),
		           pretrain, net_pct(ev.acc, b1, sizeof b1));
		/* 2. the target task */
		tgt = dataset_spiral(r, 30, 3, 0.25);
		dataset_split(tgt, r, 0.5);
		out_printf(_("target task: a noisier spiral of 90 points (noise 0.25), %d to train on, %d held out to test\n"),
		           tgt->n_train, tgt->n - tgt->n_train);
		/* 3. the two runs on the same batches */
		for (int l = 0; l < freeze; l++)
			pre->layers[l].frozen = 1;
		scratch = make_net(r);
		rng_t same = *r;
		run_race(pre, tgt, epochs, target, r, &ft);
		run_race(scratch, tgt, epochs, target, &same, &sc);
	}
	int rc = 0;
	if (nn_interrupted)
		rc = session_stopped("transfer");
	else
		report(&ft, &sc, epochs, target, freeze);
	model_free(pre);
	model_free(scratch);
	dataset_free(src);
	dataset_free(tgt);
	return rc;
}

const cmd_entry cmd_transfer_entry = {
	.name = "transfer",
	.topic = "big",
	.usage = "transfer [target=A] [epochs=N] [freeze=K] [pretrain=N]",
	.summary = N_("fine-tuning against training from scratch, measured"),
	.help = N_("Transfer learning as a race.  A 2-64tanh-64tanh-3 network is pre-trained for pretrain= epochs "
	        "(500) on a spiral of 300 points (noise 0.2).  The target task is related but small: a noisier "
	        "spiral of 90 points (noise 0.25), half held out to test.  The pre-trained network, with its "
	        "first freeze= layers (1) frozen, is fine-tuned on the target; a network with fresh random "
	        "weights is trained on it from scratch, on the same batches.  After every epoch (of epochs=, "
	        "100) both are tested on the held-out points; the table shows the epoch and step at which each "
	        "first reaches target= accuracy (0.9), and the best and last test accuracy.\n"
	        "\n"
	        "Everything is drawn from the session's stream in this order: the source spiral, the network's "
	        "weights, pre-training, the target spiral and its split, the fresh network's weights, then the "
	        "batches (both runs see the same ones).  The session's data and network are not changed.  "
	        "lessons/12-fine-tuning.lesson walks through the same steps by hand."),
	.examples = "transfer\ntransfer target=0.95 epochs=200\ntransfer freeze=0\ntransfer pretrain=0",
	.exec = cmd_transfer,
	.keys = transfer_keys,
};
