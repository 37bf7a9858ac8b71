/* cmd-ae.c - the `ae` command: an autoencoder demo on the current data.
 *
 * It builds d - H tanh - C - H tanh - d (core/ae.h), trains it with adam
 * and loss mse to give back each row of the current data (features, and
 * the target of regression data) through a code of C numbers, and shows
 * the reconstruction error against the best a network that ignores its
 * input can do, a picture of rows and their reconstructions, and the
 * learned code.  Weights and shuffles come from the session's stream; the
 * lab's data and network are left as they are.  Not the network lab's
 * `train` (cmd-train.c): the autoencoder is a demo of its own.
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/netcmd.h"
#include "core/ae.h"
#include "core/alloc.h"
#include "core/loss.h"
#include "core/optim.h"
#include "core/train.h"
#include "out/chart.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AE_MAX_COLUMNS 4096

/* The 2-D picture: the rows and their reconstructions as two series. */
static void
ae_scatter(model *m, const dataset *ds, int r0, int r1)
{
	int n = r1 - r0;
	double *x = xmalloc(sizeof(double) * 2 * n), *y = xmalloc(sizeof(double) * 2 * n);
	int *cls = xmalloc(sizeof(int) * 2 * n);
	const float *h = model_forward(m, ds->x + (size_t)r0 * 2, n, 0, NULL);
	for (int i = 0; i < n; i++) {
		x[i] = ds->x[(size_t)(r0 + i) * 2];
		y[i] = ds->x[(size_t)(r0 + i) * 2 + 1];
		cls[i] = 0;
		x[n + i] = h[(size_t)i * 2];
		y[n + i] = h[(size_t)i * 2 + 1];
		cls[n + i] = 1;
	}
	const char *const names[] = {_("data"), _("reconstruction")};
	chart_series se = {.name = _("rows"), .x = x, .y = y, .n = (size_t)(2 * n), .cls = cls};
	chart c = {.kind = CHART_SCATTER, .title = _("the rows and what the autoencoder gives back"),
	           .xlabel = _("column 1"), .ylabel = _("column 2"), .series = &se, .nseries = 1, .class_names = names,
	           .nclasses = 2};
	out_chart(&c);
	free(x);
	free(y);
	free(cls);
}

/* A square image row next to its reconstruction. */
static void
ae_images(model *m, const dataset *ds, int row, int side)
{
	const float *in = ds->x + (size_t)row * ds->d;
	const float *h = model_forward(m, in, 1, 0, NULL);
	int cols = 2 * side + 1;
	float *v = xcalloc((size_t)side * cols, sizeof *v);
	unsigned char *mask = xcalloc((size_t)side * cols, 1);
	for (int y = 0; y < side; y++) {
		for (int x = 0; x < side; x++) {
			v[(size_t)y * cols + x] = in[y * side + x];
			v[(size_t)y * cols + side + 1 + x] = h[y * side + x];
		}
		mask[(size_t)y * cols + side] = 1;
	}
	char title[96];
	snprintf(title, sizeof title, _("row %d: the input (left), its reconstruction (right)"), row + 1);
	heatmap hm = {.title = title, .rows = side, .cols = cols, .v = v, .mask = mask};
	out_heatmap(&hm);
	free(v);
	free(mask);
}

static int
cmd_ae(session *s, cmd_args *a)
{
	static const char usage[] = "ae [code=C] [hidden=H] [epochs=N] [lr=X]";
	if (args_max(a, 0, usage) < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (!nl->data)
		return out_error("the autoencoder learns the current data, and there is none yet; make some first, "
		                 "e.g. 'data sine n=200 test=0.25' (2-D points) or 'data shapes test=0.25' (images)");
	const dataset *src = nl->data;
	int d = src->d + (src->regression ? src->k : 0);
	if (d < 2)
		return out_error("the data '%s' has one column, which cannot be squeezed into fewer numbers; use data "
		                 "with 2 or more, e.g. 'data sine'", src->name);
	if (d > AE_MAX_COLUMNS)
		return out_error("the data '%s' has %d columns; the autoencoder demo takes at most %d", src->name, d,
		                 AE_MAX_COLUMNS);
	long code, hidden, epochs;
	double lr;
	if (arg_long(a, "code", 1, 1, d, &code) < 0 || arg_long(a, "hidden", 16, 1, 1024, &hidden) < 0 ||
	    arg_long(a, "epochs", 300, 1, 100000, &epochs) < 0 || arg_double(a, "lr", 0.01, 1e-6, 1.0, &lr) < 0)
		return -1;
	if (code >= d)
		return out_error("code=%ld keeps as many numbers as the %d columns, so nothing is squeezed; use fewer, "
		                 "e.g. code=%d", code, d, d - 1);
	if ((double)src->n_train * (double)epochs * d * hidden > 4e10)
		return out_error("that is too much work for a demo (%d rows x %ld epochs); use fewer epochs", src->n_train,
		                 epochs);

	/* everything checked: build and train */
	dataset *ds = ae_dataset(src);
	model *m = ae_model(d, (int)hidden, (int)code);
	model_init(m, &s->rng);
	trainer t;
	trainer_init(&t);
	trainer_reset(&t, m);
	optim_defaults(&t.opt, OPT_ADAM, lr);
	loss_defaults(&t.loss, LOSS_MSE);
	int test = ds->n_train < ds->n;
	char desc[256], c1[32], c2[32], c3[32];
	model_describe(m, desc, sizeof desc);
	out_printf(_("autoencoder %s on '%s': %d column%s through a code of %ld; %d training rows%s; adam lr %s, "
	             "batch 32, loss mse against the row itself\n"),
	           desc, src->name, d, d == 1 ? "" : "s", code, ds->n_train, test ? _(", the rest held out") : "",
	           net_num(s, lr, c1, sizeof c1));
	strbuf b;
	sb_init(&b);
	sb_printf(&b, _("    epoch   train mse%s\n"), test ? _("    test mse") : "");
	int spe = trainer_steps_per_epoch(&t, ds);
	long every = epochs >= 6 ? (epochs + 5) / 6 : 1;
	double *hist = xmalloc(sizeof(double) * (size_t)epochs);
	eval_result tr = {0}, te = {0};
	for (long e = 1; e <= epochs; e++) {
		for (int i = 0; i < spe && !session_poll(); i++)
			trainer_step(&t, m, ds, &s->rng);
		if (nn_interrupted) {
			sb_free(&b);
			free(hist);
			trainer_free(&t);
			model_free(m);
			dataset_free(ds);
			return session_stopped("ae");
		}
		const train_hist *th = trainer_last_hist(&t);
		hist[e - 1] = th ? th->loss : NAN;
		if (e % every == 0 || e == epochs) {
			model_evaluate(m, &t.loss, ds, 0, ds->n_train, &tr, NULL);
			sb_printf(&b, "  %7ld  %10s", e, net_num(s, tr.loss, c1, sizeof c1));
			if (test) {
				model_evaluate(m, &t.loss, ds, ds->n_train, ds->n, &te, NULL);
				sb_printf(&b, "  %10s", net_num(s, te.loss, c2, sizeof c2));
			}
			sb_putc(&b, '\n');
		}
	}
	out_printf("%s", b.s);
	sb_free(&b);
	chart_series se = {.name = _("training mse"), .y = hist, .n = (size_t)epochs};
	chart c = {.kind = CHART_LINE, .title = _("reconstruction error per epoch (log scale)"), .xlabel = _("epoch"),
	           .ylabel = "mse", .logy = 1, .series = &se, .nseries = 1};
	out_chart(&c);
	free(hist);
	int r0 = test ? ds->n_train : 0;
	double base = ae_baseline(ds, r0, ds->n), got = test ? te.loss : tr.loss;
	out_printf(test ? _("answering every test row with the mean of the training rows gives mse %s; the code of "
	                    "%ld gives %s, %s%% of that\n")
	                : _("answering every training row with the mean of the training rows gives mse %s; the code "
	                    "of %ld gives %s, %s%% of that\n"),
	           net_num(s, base, c1, sizeof c1), code, net_num(s, got, c2, sizeof c2),
	           net_num(s, 100.0 * got / base, c3, sizeof c3));
	int side = (int)lround(sqrt((double)d));
	if (d == 2)
		ae_scatter(m, ds, r0, ds->n);
	else if (side * side == d && side >= 4)
		ae_images(m, ds, r0, side);

	/* the learned code of a few rows */
	float code_v[64];
	sb_init(&b);
	sb_printf(&b, test ? _("the code of the first test rows (layer %d's %ld output%s):\n")
	                   : _("the code of the first training rows (layer %d's %ld output%s):\n"),
	          AE_CODE_LAYER + 1, code, code == 1 ? "" : "s");
	int shown = ds->n - r0 < 8 ? ds->n - r0 : 8;
	for (int i = r0; i < r0 + shown; i++) {
		const float *x = ds->x + (size_t)i * d;
		sb_printf(&b, _("  row %4d  (%s"), i + 1, net_num(s, x[0], c1, sizeof c1));
		for (int j = 1; j < d && j < 3; j++)
			sb_printf(&b, ", %s", net_num(s, x[j], c1, sizeof c1));
		sb_puts(&b, d > 3 ? _(", ...)  code") : _(")  code"));
		ae_code(m, x, code_v);
		for (int j = 0; j < code && j < 64; j++)
			sb_printf(&b, " %s", net_num(s, code_v[j], c1, sizeof c1));
		sb_putc(&b, '\n');
	}
	if (!src->regression && src->k <= 16) {
		sb_puts(&b, _("the mean code of each class (the labels were never shown to the autoencoder):\n"));
		double *mean = xcalloc((size_t)src->k * code, sizeof *mean);
		long *cnt = xcalloc((size_t)src->k, sizeof *cnt);
		for (int i = 0; i < src->n; i++) {
			ae_code(m, ds->x + (size_t)i * d, code_v);
			cnt[src->y[i]]++;
			for (int j = 0; j < code && j < 64; j++)
				mean[(size_t)src->y[i] * code + j] += code_v[j];
		}
		for (int k = 0; k < src->k; k++) {
			sb_printf(&b, "  %-10s", net_class_name(src, k, c2, sizeof c2));
			for (int j = 0; j < code && j < 64; j++)
				sb_printf(&b, " %s", net_num(s, cnt[k] ? mean[(size_t)k * code + j] / cnt[k] : 0, c1, sizeof c1));
			sb_putc(&b, '\n');
		}
		free(mean);
		free(cnt);
	}
	out_printf("%s", b.s);
	sb_free(&b);
	trainer_free(&t);
	model_free(m);
	dataset_free(ds);
	return 0;
}

static const char *const ae_keys[] = {"code", "hidden", "epochs", "lr", NULL};

const cmd_entry cmd_ae_entry = {
	.name = "ae",
	.topic = "net",
	.usage = "ae [code=C] [hidden=H] [epochs=N] [lr=X]",
	.summary = N_("an autoencoder: squeeze the current data through a code of C numbers and back"),
	.help = N_("An autoencoder is a network trained to give back its own input through a narrow middle layer, "
	        "the code; no labels are used, the data is its own target.  'ae' trains one on the current data: "
	        "each row (its features, and the target of regression data, so 'data sine' gives 2-D points "
	        "(x, t)) goes through D - H tanh - C - H tanh - D, with adam (lr=, 0.01 by default), batch 32 "
	        "and loss mse against the row itself, for epochs= (300) epochs.  The weights and shuffles come "
	        "from the session's random stream; the lab's data and network stay as they are.\n"
	        "\n"
	        "It reports the reconstruction error (mse over every number of every row) as it trains and "
	        "compares it with answering every row with the mean of the training rows, the best a network "
	        "that ignores its input can do.  Then it shows the rows and their reconstructions (a scatter "
	        "plot for 2-D data, a picture for square images), the code of a few rows and, for labelled data, "
	        "the mean code of each class: rows that look alike get similar codes.  Points along a curve "
	        "need only one number, their place along it: 'data sine' through code=1 is reconstructed "
	        "almost exactly."),
	.examples = "seed 1\ndata sine n=200 noise=0.05 test=0.25\nae code=1\ndata shapes test=0.25\nae code=4 hidden=32 "
	            "epochs=60",
	.exec = cmd_ae,
	.keys = ae_keys,
};
