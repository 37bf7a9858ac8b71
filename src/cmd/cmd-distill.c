/* cmd-distill.c - the `distill` command: the current network as the
 * teacher, a small student (one tanh layer) trained twice from the same
 * initial weights on the same batches, once on the labels alone and once
 * on the teacher's outputs softened at temperature T mixed with the
 * labels; parameter counts and accuracies side by side.
 *
 * The loss and the loop are src/core/distill.c's.  Not a way to keep the
 * student: the session's network stays the teacher.
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/netcmd.h"
#include "core/distill.h"
#include "core/dataset.h"
#include "core/loss.h"
#include "core/train.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/utf8.h"

#include <stdio.h>
#include <string.h>

static const char *const distill_keys[] = {"hidden", "T", "alpha", "epochs", "lr", NULL};

static void
row(const char *who, const model *m, const dataset *ds, loss_cfg *c)
{
	eval_result tr, te;
	char b1[32], b2[32], b3[32], d[128];
	model_describe(m, d, sizeof d);
	model_evaluate((model *)m, c, ds, 0, ds->n_train, &tr, NULL);
	out_printf("  %-*s %-18s %9s", utf8_pad(22, who), who, d, net_count((long)m->n_params, b1, sizeof b1));
	if (ds->n > ds->n_train) {
		model_evaluate((model *)m, c, ds, ds->n_train, ds->n, &te, NULL);
		out_printf("  %8s  %8s\n", net_pct(tr.acc, b2, sizeof b2), net_pct(te.acc, b3, sizeof b3));
	} else {
		out_printf("  %8s  %8s\n", net_pct(tr.acc, b2, sizeof b2), "-");
	}
}

static int
cmd_distill(session *s, cmd_args *a)
{
	const char *usage = "distill [hidden=N] [T=X] [alpha=A] [epochs=N] [lr=X]";
	if (args_max(a, 0, usage) < 0)
		return -1;
	long hidden, epochs;
	double T, alpha, lr;
	if (arg_long(a, "hidden", 8, 1, 4096, &hidden) < 0 || arg_double(a, "T", 4, 0.05, 100, &T) < 0 ||
	    arg_double(a, "alpha", 0.5, 0, 1, &alpha) < 0 || arg_long(a, "epochs", 300, 1, 100000, &epochs) < 0 ||
	    arg_double(a, "lr", 0.5, 1e-6, 10, &lr) < 0)
		return -1;
	netlab *nl = net_lab(s);
	model *teacher;
	const dataset *ds;
	model *own_teacher = NULL;
	dataset *own_data = NULL;
	if (!nl->model && !nl->data) {
		/* no network and no data: the demo's own teacher, from the stream */
		own_data = dataset_spiral(&s->rng, 100, 3, 0.2);
		dataset_split(own_data, &s->rng, 0.5);
		own_teacher = model_new(2);
		model_add_dense(own_teacher, 64, ACT_TANH, INIT_GLOROT, 0);
		model_add_dense(own_teacher, 64, ACT_TANH, INIT_GLOROT, 0);
		model_add_dense(own_teacher, 3, ACT_IDENTITY, INIT_GLOROT, 0);
		model_init(own_teacher, &s->rng);
		trainer t;
		trainer_init(&t);
		t.opt.lr = 0.5;
		trainer_reset(&t, own_teacher);
		long steps = 400L * trainer_steps_per_epoch(&t, own_data);
		long i;
		for (i = 0; i < steps && !session_poll(); i++)
			trainer_step(&t, own_teacher, own_data, &s->rng);
		trainer_free(&t);
		if (i < steps) {
			model_free(own_teacher);
			dataset_free(own_data);
			return session_stopped("distill");
		}
		out_printf(_("no network yet: the teacher is 2-64tanh-64tanh-3 trained 400 epochs (sgd lr 0.5) on a "
		             "spiral of 300 points (noise 0.2), half held out; the session's data and network stay empty\n"));
		teacher = own_teacher;
		ds = own_data;
	} else {
		if (net_check_fit(nl, 0) < 0)
			return -1;
		teacher = nl->model;
		ds = nl->data;
		if (ds->regression || net_loss_kind(nl) != LOSS_CE || model_last_act(teacher) != ACT_IDENTITY ||
		    teacher->layers[teacher->n_layers - 1].kind != LAYER_DENSE)
			return out_error("distillation here needs a classifier whose last layer gives logits (loss ce, no "
			                 "activation on the output), e.g. 'data spiral' and 'net new 2 64 tanh 64 tanh 3'");
	}
	if (alpha == 0)
		out_note("alpha=0 trains the distilled student on labels alone too: both rows will be the same");

	loss_cfg c;
	loss_defaults(&c, LOSS_CE);
	model *plain = model_new(teacher->n_in);
	model_add_dense(plain, (int)hidden, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(plain, model_n_out(teacher), ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(plain, &s->rng);
	model *dist = model_clone(plain);
	/* both students see the same batches: the labels-only run draws from
	 * a copy of the stream, the distilled run from the stream itself */
	rng_t copy = s->rng;
	distill_cfg dc = {.T = T, .alpha = 0, .lr = lr, .batch = 32, .epochs = epochs, .stop = session_poll};
	out_printf(_("teacher: %s; student: %d-%ldtanh-%d from the same initial weights, "
	             "sgd lr %g, batch 32, %ld epochs, the same batches\n"),
	           own_teacher ? _("the one above") : _("the current network"), teacher->n_in, hidden, model_n_out(teacher), lr,
	           epochs);
	out_printf(_("distilled loss: %g x T^2 KL(softmax(teacher/T) || softmax(student/T)) + %g x CE(labels), T = %g\n"),
	           alpha, 1 - alpha, T);
	distill_train(plain, teacher, ds, &dc, &copy);
	dc.alpha = alpha;
	distill_train(dist, teacher, ds, &dc, &s->rng);
	int rc = 0;
	if (nn_interrupted) {
		rc = session_stopped("distill");
	} else {
		const char *h[4] = {_("network"), _("params"), _("train"), _("test")};
		out_printf("\n  %-22s %-*s %*s  %*s  %*s\n", "", utf8_pad(18, h[0]), h[0], utf8_pad(9, h[1]), h[1],
		           utf8_pad(8, h[2]), h[2], utf8_pad(8, h[3]), h[3]);
		row(_("teacher"), teacher, ds, &c);
		row(_("student, labels only"), plain, ds, &c);
		row(_("student, distilled"), dist, ds, &c);
	}
	model_free(plain);
	model_free(dist);
	model_free(own_teacher);
	dataset_free(own_data);
	return rc;
}

const cmd_entry cmd_distill_entry = {
	.name = "distill",
	.topic = "big",
	.usage = "distill [hidden=N] [T=X] [alpha=A] [epochs=N] [lr=X]",
	.summary = N_("train a small student on the network's soft outputs"),
	.help = N_("Knowledge distillation with the current network as the teacher.  A student with one tanh layer "
	        "of hidden= units (8) is drawn once and trained twice from those same weights on the same "
	        "batches: on the labels alone, and on alpha x T^2 x KL(softmax(teacher/T) || softmax(student/T)) "
	        "+ (1 - alpha) x cross-entropy with the labels (Hinton, Vinyals and Dean 2015).  A temperature T "
	        "above 1 (4) softens the teacher's probabilities, so the student also learns how the teacher "
	        "ranks the wrong classes; T^2 keeps that term's gradient on the scale of the label term.  The "
	        "table shows parameter counts and accuracies on the training and test rows.  Distillation often "
	        "helps a small student but not always: try hidden=4 or T=8.  The teacher must be a trained "
	        "classifier whose last layer has no activation.  With no network and no data yet, 'distill' "
	        "makes its own teacher first: 2-64tanh-64tanh-3 trained 400 epochs (sgd lr 0.5) on a spiral of "
	        "300 points with half held out, drawn from the session's stream; the session's data and network "
	        "stay empty."),
	.examples = "data spiral n=100\ndata split test=0.5\nnet new 2 64 tanh 64 tanh 3\nlr 0.5\ntrain 400\n"
	            "distill\ndistill hidden=4 T=8",
	.exec = cmd_distill,
	.keys = distill_keys,
};
