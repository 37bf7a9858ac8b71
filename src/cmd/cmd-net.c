/* cmd-net.c - the `net` command: build a network layer by layer, show
 * it, draw its weights again, look at them, freeze and unfreeze layers.
 *
 * Every subcommand checks all of its input first and then changes the
 * session; weights are drawn from the session's random stream in layer
 * order, W row-major [in][out] (WORKLOADS.md), so `seed 1; data spiral
 * n=100 classes=3 noise=0.2; net new 2 64 tanh 64 tanh 3` starts exactly
 * where workload W1 starts.  The numbers come from src/core (model.c).
 * Not the training commands (cmd-train.c) nor save/load (cmd-netfile.c).
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/netcmd.h"
#include "cmd/plotsrc.h"
#include "core/alloc.h"
#include "core/loss.h"
#include "core/model.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== layer specifications ============================================== */

typedef struct layer_spec {
	int dropout;    /* 1: a dropout layer of rate */
	int units;
	int act;        /* activation, ACT_IDENTITY unless given */
	int act_given;
	float rate;
} layer_spec;

/* An unknown word: suggest an activation. */
static int
bad_word(const char *w)
{
	char sug[200];
	const char *names[ACT_COUNT + 2];
	int n = 0;
	for (int i = 0; act_names[i]; i++)
		names[n++] = act_names[i];
	names[n++] = "dropout";
	cmd_suggest(w, names, n, sug, sizeof sug);
	if (sug[0])
		return out_error("'%s' is not a layer size or an activation; did you mean %s?", w, sug);
	return out_error("'%s' is not a layer size or an activation (identity, sigmoid, tanh, relu, leaky_relu, "
	                 "gelu, softmax) nor 'dropout P'",
	                 w);
}

/* parse_specs: argv[from..] as layer sizes, activations after them and
 * 'dropout P'; at most max specs.  -1 after an error. */
static int
parse_specs(cmd_args *a, int from, layer_spec *spec, int max, int *nspec)
{
	int n = 0;
	for (int i = from; i < a->argc; i++) {
		const char *w = a->argv[i];
		long v;
		const char *why;
		int act = act_parse(w);
		if (text_parse_long(w, &v, &why) == 0) {
			if (v < 1 || v > NET_MAX_UNITS)
				return out_error("a layer of %s units is out of range; use 1 to %d units", w, NET_MAX_UNITS);
			if (n == max)
				return out_error("more than %d layers; nnlab keeps networks to %d layers", max, max);
			spec[n++] = (layer_spec){.units = (int)v, .act = ACT_IDENTITY};
		} else if (act >= 0) {
			if (n == 0 || spec[n - 1].dropout)
				return out_error("'%s' must follow a layer size, e.g. '64 %s'", w, w);
			if (spec[n - 1].act_given)
				return out_error("the layer of %d units already has activation '%s'; give one activation per "
				                 "layer", spec[n - 1].units, act_names[spec[n - 1].act]);
			spec[n - 1].act = act;
			spec[n - 1].act_given = 1;
		} else if (strcmp(w, "dropout") == 0) {
			double p;
			if (i + 1 >= a->argc)
				return out_error("'dropout' needs the probability of dropping a unit, e.g. 'dropout 0.2'");
			if (text_parse_double(a->argv[i + 1], &p, &why) < 0 || p < 0 || p >= 1)
				return out_error("dropout probability '%s' is not valid; give a number from 0 to below 1, e.g. "
				                 "0.2", a->argv[i + 1]);
			if (n == max)
				return out_error("more than %d layers; nnlab keeps networks to %d layers", max, max);
			spec[n++] = (layer_spec){.dropout = 1, .rate = (float)p};
			i++;
		} else {
			return bad_word(w);
		}
	}
	*nspec = n;
	return 0;
}

/* init= and std=, checked together. */
static int
parse_init(cmd_args *a, int *init, float *std, int def)
{
	double sd;
	if (arg_choice(a, "init", init_names, def, init) < 0 || arg_double(a, "std", 0.1, 1e-6, 10.0, &sd) < 0)
		return -1;
	if (arg_has(a, "std") && *init != INIT_NORMAL)
		return out_error("std= goes with init=normal (glorot and he choose their own scale); write "
		                 "'init=normal std=%s'", arg_str(a, "std", ""));
	*std = (float)sd;
	return 0;
}

/* The parameters a list of specs adds after in inputs; -1 when too many. */
static long
specs_params(int in, const layer_spec *spec, int n, long already)
{
	long total = already;
	for (int i = 0; i < n; i++) {
		if (spec[i].dropout)
			continue;
		total += (long)in * spec[i].units + spec[i].units;
		in = spec[i].units;
		if (total > NET_MAX_PARAMS)
			return -1;
	}
	return total;
}

static int
too_big(void)
{
	char b[32];
	return out_error("that network would have more than %s parameters (%s of weights); nnlab keeps networks "
	                 "smaller, so use fewer or narrower layers",
	                 net_count(NET_MAX_PARAMS, b, sizeof b), "190 MiB");
}

static void
add_specs(model *m, const layer_spec *spec, int n, int init, float std)
{
	for (int i = 0; i < n; i++) {
		if (spec[i].dropout)
			model_add_dropout(m, spec[i].rate);
		else
			model_add_dense(m, spec[i].units, spec[i].act, init, std);
	}
}

/* Notes on what was built: stacked linear layers; softmax inside. */
static void
note_shape(const model *m)
{
	int prev = -1;
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		if (L->kind != LAYER_DENSE)
			continue;
		if (prev >= 0 && m->layers[prev].act == ACT_IDENTITY)
			out_note("note: layer %d has no activation, so layers %d and %d together are one linear map; "
			         "give layer %d one, e.g. tanh or relu",
			         prev + 1, prev + 1, l + 1, prev + 1);
		if (L->act == ACT_SOFTMAX && l != m->n_layers - 1)
			out_note("note: softmax in a hidden layer (layer %d) squeezes its outputs to sum to 1; it is "
			         "usually kept for the output", l + 1);
		prev = l;
	}
}

static long
weight_count(const model *m, int from)
{
	long w = 0;
	for (int l = from; l < m->n_layers; l++)
		w += (long)layer_n_weights(&m->layers[l]);
	return w;
}

/* "glorot" or "he, normal(0.1)" ... the rules used from layer from on. */
static void
init_summary(const model *m, int from, char *buf, size_t n)
{
	buf[0] = '\0';
	size_t used = 0;
	int seen[INIT_COUNT] = {0};
	for (int l = from; l < m->n_layers && used < n; l++) {
		const layer *L = &m->layers[l];
		if (!layer_has_params(L) || seen[L->init])
			continue;
		seen[L->init] = 1;
		if (L->init == INIT_NORMAL)
			used += (size_t)snprintf(buf + used, n - used, _("%snormal, std %g"), used ? ", " : "",
			                         (double)L->init_std);
		else
			used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? ", " : "", init_names[L->init]);
	}
}

/* ==== conv and pool layers ==============================================
 * 'net add conv K KHxKW [ACT] [in=HxWxC]' and 'net add pool P'.  A conv or
 * pool layer sees its input as an image H x W x C, channels-last (core/
 * conv.h): in=HxWxC when given; else after a conv or pool layer (and any
 * dropout after it) that layer's output image; first, a square grey image
 * when the inputs are a square number (144 = 12 x 12 x 1); after a dense
 * layer, only with in=. */

/* parse_dims: "12x12x1" or "3x3" (n numbers, net_parse_dims), or with
 * single 1 one number meaning n copies of it ("3" is 3x3). */
static int
parse_dims(const char *w, int n, int single, int *v)
{
	if (single && !strchr(w, 'x')) {
		if (net_parse_dims(w, 1, v) < 0)
			return -1;
		for (int i = 1; i < n; i++)
			v[i] = v[0];
		return 0;
	}
	return net_parse_dims(w, n, v);
}

/* image_in: the image the next layer sees, or an error. */
static int
image_in(const model *m, cmd_args *a, const char *what, int *h, int *w, int *c)
{
	int n = model_n_out(m);
	if (arg_has(a, "in")) {
		int v[3];
		const char *s = arg_str(a, "in", "");
		if (parse_dims(s, 3, 0, v) < 0)
			return out_error("in=%s is not an image shape; write HEIGHTxWIDTHxCHANNELS, e.g. in=12x12x1", s);
		if ((long)v[0] * v[1] * v[2] != n)
			return out_error("in=%s is %ld values but the %s gets %d; give a shape of %d values", s,
			                 (long)v[0] * v[1] * v[2], what, n, n);
		*h = v[0], *w = v[1], *c = v[2];
		return 0;
	}
	if (model_out_image(m, h, w, c))
		return 0;
	if (m->n_layers > 0)
		return out_error("the layer before gives %d values that are not an image; give their shape, e.g. "
		                 "in=%dx1x1, or put the %s first", n, n, what);
	int side = (int)lround(sqrt((double)n));
	if (side * side != n)
		return out_error("the %s gets %d values, which is not a square image; give its shape, e.g. in=%dx1x1",
		                 what, n, n);
	*h = *w = side, *c = 1;
	return 0;
}

static int
net_add_conv(session *s, netlab *nl, cmd_args *a)
{
	static const char usage[] = "net add conv K KHxKW [ACT] [in=HxWxC]";
	model *m = nl->model;
	if (a->argc < 3 || a->argc > 4)
		return out_error("'net add conv' takes the number of filters and their size; usage: %s, e.g. 'net add "
		                 "conv 8 3x3 relu'", usage);
	long k;
	int ks[2], ih, iw, ic, init;
	float std;
	if (pos_long(a, 1, _("the number of filters"), 1, 1024, &k) < 0)
		return -1;
	if (parse_dims(a->argv[2], 2, 1, ks) < 0)
		return out_error("'%s' is not a filter size; write HEIGHTxWIDTH, e.g. 3x3", a->argv[2]);
	int act = ACT_IDENTITY;
	if (a->argc == 4) {
		act = act_parse(a->argv[3]);
		if (act < 0)
			return bad_word(a->argv[3]);
		if (act == ACT_SOFTMAX)
			return out_error("softmax makes a conv layer's outputs sum to 1 over the whole image; use relu or "
			                 "tanh, and keep softmax for the output layer");
	}
	if (parse_init(a, &init, &std, INIT_GLOROT) < 0 || image_in(m, a, _("conv layer"), &ih, &iw, &ic) < 0)
		return -1;
	if (ks[0] > ih || ks[1] > iw)
		return out_error("a %dx%d filter does not fit in the %dx%d image; use at most %dx%d", ks[0], ks[1], ih,
		                 iw, ih, iw);
	if (m->n_layers >= NET_MAX_LAYERS)
		return out_error("the network has %d layers already, the most nnlab keeps", NET_MAX_LAYERS);
	if ((long)m->n_params + (long)ks[0] * ks[1] * ic * k + k > NET_MAX_PARAMS)
		return too_big();
	int l = model_add_conv(m, ih, iw, ic, (int)k, ks[0], ks[1], act, init, std);
	model_init_layer(m, l, &s->rng);
	net_model_changed(nl);
	const layer *L = &m->layers[l];
	char name[128], cnt[32], wc[32], dc[32], desc[512];
	net_layer_name(m, l, name, sizeof name);
	model_describe(m, desc, sizeof desc);
	out_printf(_("added %s: %s weights drawn from the session stream (%s), biases 0; network %s, %s "
	           "parameters\n"),
	           name, net_count((long)layer_n_weights(L), wc, sizeof wc),
	           init == INIT_NORMAL ? "normal" : init_names[init], desc,
	           net_count((long)m->n_params, cnt, sizeof cnt));
	out_printf(_("each filter slides over every position of the image ('valid', stride 1) with the same "
	           "weights; a dense layer with the same inputs and outputs would need %s weights\n"),
	           net_count((long)L->in * L->out, dc, sizeof dc));
	if (nl->tr->step > 0 || nl->tr->n_hist > 0)
		out_note("the network changed: training starts again from epoch 0");
	return 0;
}

static int
net_add_pool(session *s, netlab *nl, cmd_args *a)
{
	static const char usage[] = "net add pool P [in=HxWxC]";
	model *m = nl->model;
	if (a->argc != 2)
		return out_error("'net add pool' takes the window size; usage: %s, e.g. 'net add pool 2'", usage);
	long p;
	int ih, iw, ic;
	if (pos_long(a, 1, _("the pooling window"), 1, NET_MAX_UNITS, &p) < 0)
		return -1;
	if (arg_has(a, "init") || arg_has(a, "std"))
		return out_error("a pool layer has no weights, so no init= or std=; write 'net add pool %ld'", p);
	if (image_in(m, a, _("pool layer"), &ih, &iw, &ic) < 0)
		return -1;
	if (p > ih || p > iw)
		return out_error("a %ldx%ld window does not fit in the %dx%d image; use at most %d", p, p, ih, iw,
		                 ih < iw ? ih : iw);
	if (m->n_layers >= NET_MAX_LAYERS)
		return out_error("the network has %d layers already, the most nnlab keeps", NET_MAX_LAYERS);
	int l = model_add_pool(m, ih, iw, ic, (int)p);
	net_model_changed(nl);
	char name[128], desc[512];
	net_layer_name(m, l, name, sizeof name);
	model_describe(m, desc, sizeof desc);
	out_printf(_("added %s: each %ldx%ld window keeps its largest value%s; network %s\n"), name, p, p,
	           ih % p || iw % p ? _(" (the rows and columns left over are dropped)") : "", desc);
	(void)s;
	if (nl->tr->step > 0 || nl->tr->n_hist > 0)
		out_note("the network changed: training starts again from epoch 0");
	return 0;
}

/* ==== net new / add ===================================================== */

static int
net_new(session *s, cmd_args *a)
{
	static const char usage[] = "net new IN [N [ACT]]... [init=I]";
	if (args_min(a, 1, usage) < 0)
		return -1;
	long in;
	if (pos_long(a, 0, _("the number of inputs"), 1, NET_MAX_UNITS, &in) < 0)
		return -1;
	layer_spec spec[NET_MAX_LAYERS];
	int n, init;
	float std;
	if (parse_specs(a, 1, spec, NET_MAX_LAYERS, &n) < 0 || parse_init(a, &init, &std, INIT_GLOROT) < 0)
		return -1;
	if (specs_params((int)in, spec, n, 0) < 0)
		return too_big();
	if (n > 0 && spec[n - 1].dropout)
		out_note("note: the network ends with dropout; add an output layer before training ('net add N')");

	netlab *nl = net_lab(s);
	model *m = model_new((int)in);
	add_specs(m, spec, n, init, std);
	model_init(m, &s->rng);
	net_set_model(nl, m);

	char desc[512], cnt[32], wc[32], is[128];
	model_describe(m, desc, sizeof desc);
	if (n == 0) {
		out_printf(_("network with %ld input%s and no layers yet; add them with 'net add N [ACT]'\n"), in,
		           in == 1 ? "" : "s");
		return 0;
	}
	init_summary(m, 0, is, sizeof is);
	out_printf(_("network %s: %d layer%s, %s parameters; %s weights drawn from the session stream (%s), "
	           "biases 0\n"),
	           desc, m->n_layers, m->n_layers == 1 ? "" : "s", net_count((long)m->n_params, cnt, sizeof cnt),
	           net_count(weight_count(m, 0), wc, sizeof wc), is);
	note_shape(m);
	return 0;
}

static int
net_add(session *s, cmd_args *a)
{
	static const char usage[] = "net add N [ACT]|dropout P";
	if (args_min(a, 1, usage) < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (!nl->model)
		return out_error("there is no network to add to; start one with its inputs, e.g. 'net new 2'");
	if (strcmp(a->argv[0], "conv") == 0)
		return net_add_conv(s, nl, a);
	if (strcmp(a->argv[0], "pool") == 0)
		return net_add_pool(s, nl, a);
	if (arg_has(a, "in"))
		return out_error("in= gives the image shape of a conv or pool layer; a dense layer takes the values "
		                 "as they are");
	layer_spec spec[2];
	int n, init;
	float std;
	if (parse_specs(a, 0, spec, 2, &n) < 0 || parse_init(a, &init, &std, INIT_GLOROT) < 0)
		return -1;
	if (n != 1)
		return out_error("'net add' adds one layer; usage: %s", usage);
	if (nl->model->n_layers >= NET_MAX_LAYERS)
		return out_error("the network has %d layers already, the most nnlab keeps", NET_MAX_LAYERS);
	if (specs_params(model_n_out(nl->model), spec, 1, (long)nl->model->n_params) < 0)
		return too_big();

	model *m = nl->model;
	int l = m->n_layers;
	add_specs(m, spec, 1, init, std);
	model_init_layer(m, l, &s->rng);
	net_model_changed(nl);
	char name[96], cnt[32], wc[32], desc[512];
	net_layer_name(m, l, name, sizeof name);
	model_describe(m, desc, sizeof desc);
	if (spec[0].dropout)
		out_printf(_("added %s: in training each unit is dropped with probability %g and the rest scaled by "
		           "1/(1-%g); network %s\n"),
		           name, (double)spec[0].rate, (double)spec[0].rate, desc);
	else
		out_printf(_("added %s: %s weights drawn from the session stream (%s), biases 0; network %s, %s "
		           "parameters\n"),
		           name, net_count(weight_count(m, l), wc, sizeof wc),
		           init == INIT_NORMAL ? "normal" : init_names[init], desc,
		           net_count((long)m->n_params, cnt, sizeof cnt));
	if (l > 0)
		note_shape(m);
	if (nl->tr->step > 0 || nl->tr->n_hist > 0)
		out_note("the network changed: training starts again from epoch 0");
	return 0;
}

/* ==== net show ========================================================== */

/* What the network's outputs mean to the loss. */
static void
output_meaning(const netlab *nl, strbuf *b)
{
	const model *m = nl->model;
	int out = model_n_out(m), lk = net_loss_kind(nl);
	enum act_kind last = model_last_act(m);
	sb_printf(b, _("  output: %d number%s"), out, out == 1 ? "" : "s");
	if (lk == LOSS_CE && loss_fused(LOSS_CE, last))
		sb_printf(b, _(", %s for loss ce (the softmax is taken inside the loss)\n"),
		          last == ACT_SOFTMAX ? _("probabilities (softmax)") : _("logits"));
	else if (lk == LOSS_CE)
		sb_printf(b, _(" after %s, taken as logits by loss ce\n"), act_names[last]);
	else if (lk == LOSS_BCE && last == ACT_SIGMOID)
		sb_printf(b, _(", probabilities (sigmoid) for loss bce\n"));
	else if (lk == LOSS_BCE)
		sb_printf(b, _(", logits for loss bce (the sigmoid is taken inside the loss)\n"));
	else
		sb_printf(b, _(" compared with the targets by loss %s\n"), loss_names[lk]);
}

static int
net_show(session *s, cmd_args *a)
{
	if (args_max(a, 0, "net show") < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (!nl->model)
		return out_error("there is no network yet; build one, e.g. 'net new 2 16 tanh 3'");
	const model *m = nl->model;
	strbuf b;
	sb_init(&b);
	char desc[512], c1[32], c2[32], c3[32];
	model_describe(m, desc, sizeof desc);
	sb_printf(&b, _("network %s\n"), desc);
	if (m->n_layers)
		sb_puts(&b, _("  layer  kind      in    out  activation  init            weights  biases  frozen\n"));
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		if (L->kind == LAYER_DROPOUT) {
			sb_printf(&b, "  %5d  dropout %4d %6d  p = %g\n", l + 1, L->in, L->out, (double)L->rate);
			continue;
		}
		if (L->kind == LAYER_POOL) {
			sb_printf(&b, _("  %5d  pool    %4d %6d  max %dx%d: %dx%dx%d -> %dx%dx%d\n"), l + 1, L->in, L->out, L->kh,
			          L->kw, L->ih, L->iw, L->ic, L->oh, L->ow, L->oc);
			continue;
		}
		char ib[32];
		if (L->init == INIT_NORMAL)
			snprintf(ib, sizeof ib, "normal %g", (double)L->init_std);
		else
			snprintf(ib, sizeof ib, "%s", init_names[L->init]);
		sb_printf(&b, "  %5d  %-7s %4d %6d  %-10s  %-12s %8s %7s%s\n", l + 1,
		          L->kind == LAYER_CONV ? "conv" : "dense", L->in, L->out, act_names[L->act], ib,
		          net_count((long)layer_n_weights(L), c1, sizeof c1),
		          net_count((long)(layer_n_params(L) - layer_n_weights(L)), c2, sizeof c2),
		          L->frozen ? _("  yes") : "");
		if (L->kind == LAYER_CONV)
			sb_printf(&b, _("         %d filters %dx%d over %dx%dx%d -> %dx%dx%d\n"), L->oc, L->kh, L->kw, L->ih,
			          L->iw, L->ic, L->oh, L->ow, L->oc);
	}
	trainer *t = nl->tr;
	double pbytes = 4.0 * (double)m->n_params;
	int copies = t->opt.kind == OPT_ADAM ? 2 : t->opt.kind == OPT_SGD ? 0 : 1;
	long act = 0;
	for (int l = 0; l < m->n_layers; l++)
		act += m->layers[l].out;
	sb_printf(&b, _("  parameters: %s (%s as float32)\n"), net_count((long)m->n_params, c1, sizeof c1),
	          net_bytes(pbytes, c2, sizeof c2));
	sb_printf(&b, _("  training memory: %s for the weights%s; %s of activations for a batch of %d\n"),
	          net_bytes(pbytes * (2 + copies), c1, sizeof c1),
	          copies == 2   ? _(", their gradients and adam's two moments")
	          : copies == 1 ? _(", their gradients and the optimiser's state")
	                        : _(" and their gradients"),
	          net_bytes(4.0 * 4 * (double)act * t->batch, c3, sizeof c3), t->batch);
	if (m->n_layers) {
		sb_printf(&b, _("  input: %d feature%s\n"), m->n_in, m->n_in == 1 ? "" : "s");
		if (m->layers[m->n_layers - 1].kind == LAYER_DENSE)
			output_meaning(nl, &b);
	}
	sb_printf(&b, _("  trained: %ld epoch%s (%ld step%s)\n"), t->epoch, t->epoch == 1 ? "" : "s", t->step,
	          t->step == 1 ? "" : "s");
	out_printf("%s", b.s);
	sb_free(&b);
	return 0;
}

/* ==== net init ========================================================== */

static int
net_init(session *s, cmd_args *a)
{
	static const char usage[] = "net init [glorot|he|normal] [std=S]";
	if (args_max(a, 1, usage) < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (net_need_model(nl) < 0)
		return -1;
	int init = -1;
	float std = 0.1f;
	if (a->argc == 1) {
		init = init_parse(a->argv[0]);
		if (init < 0) {
			char sug[200];
			cmd_suggest(a->argv[0], init_names, INIT_COUNT, sug, sizeof sug);
			if (sug[0])
				return out_error("'%s' is not an initialisation; did you mean %s? they are glorot, he and normal",
				                 a->argv[0], sug);
			return out_error("'%s' is not an initialisation; choose glorot, he or normal", a->argv[0]);
		}
	}
	double sd;
	if (arg_double(a, "std", 0.1, 1e-6, 10.0, &sd) < 0)
		return -1;
	if (arg_has(a, "std") && init != INIT_NORMAL)
		return out_error("std= goes with 'net init normal'; write 'net init normal std=%s'", arg_str(a, "std", ""));
	std = (float)sd;
	model *m = nl->model;
	for (int l = 0; l < m->n_layers; l++)
		if (init >= 0 && m->layers[l].kind == LAYER_DENSE) {
			m->layers[l].init = init;
			m->layers[l].init_std = std;
		}
	model_init(m, &s->rng);
	net_model_changed(nl);
	char is[128], wc[32];
	init_summary(m, 0, is, sizeof is);
	out_printf(_("%s weights drawn again from the session stream (%s), biases 0; training starts again from "
	           "epoch 0\n"),
	           net_count(weight_count(m, 0), wc, sizeof wc), is);
	return 0;
}

/* ==== net weights ======================================================= */

static void
stats(const float *v, size_t n, double *mean, double *sd, double *mn, double *mx)
{
	double s = 0, ss = 0;
	*mn = INFINITY;
	*mx = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		s += v[i];
		*mn = v[i] < *mn ? v[i] : *mn;
		*mx = v[i] > *mx ? v[i] : *mx;
	}
	*mean = n ? s / n : 0;
	for (size_t i = 0; i < n; i++)
		ss += (v[i] - *mean) * (v[i] - *mean);
	*sd = n ? sqrt(ss / n) : 0;
}

static int
pos_long_layer(const netlab *nl, cmd_args *a, int i, int *l)
{
	long v;
	if (pos_long(a, i, _("the layer number"), 1, nl->model->n_layers, &v) < 0)
		return -1;
	*l = (int)v - 1;
	return 0;
}

static int
layer_arg(const netlab *nl, cmd_args *a, int i, int dense, int *l)
{
	long v;
	if (pos_long(a, i, _("the layer number"), 1, nl->model->n_layers, &v) < 0)
		return -1;
	*l = (int)v - 1;
	if (dense && !layer_has_params(&nl->model->layers[*l]))
		return out_error("layer %ld is a %s layer and has no weights; 'net show' lists the layers", v,
		                 nl->model->layers[*l].kind == LAYER_POOL ? "pool" : "dropout");
	return 0;
}

static int
net_weights(session *s, cmd_args *a)
{
	if (args_max(a, 1, "net weights [LAYER]") < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (net_need_model(nl) < 0)
		return -1;
	const model *m = nl->model;
	strbuf b;
	sb_init(&b);
	char c[4][48], lnum[16];
	if (a->argc == 1) {
		int l;
		if (layer_arg(nl, a, 0, 1, &l) < 0) {
			sb_free(&b);
			return -1;
		}
		const layer *L = &m->layers[l];
		char name[96];
		net_layer_name(m, l, name, sizeof name);
		sb_printf(&b, "%s%s\n", name, L->frozen ? _(", frozen") : "");
		int wr = L->kind == LAYER_CONV ? L->kh * L->kw * L->ic : L->in;
		int wcols = L->kind == LAYER_CONV ? L->oc : L->out;
		net_matrix(s, &b, "W", layer_W(m, l), wr, wcols, 8, 8, 2);
		net_matrix(s, &b, "b", layer_b(m, l), 1, wcols, 1, 8, 2);
		out_printf("%s", b.s);
		sb_free(&b);
		return 0;
	}
	sb_puts(&b, _("  layer  values          mean         sd        min        max\n"));
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		if (!layer_has_params(L))
			continue;
		int wr = L->kind == LAYER_CONV ? L->kh * L->kw * L->ic : L->in;
		int wcols = L->kind == LAYER_CONV ? L->oc : L->out;
		for (int w = 0; w < 2; w++) {
			double mean, sd, mn, mx;
			size_t n = w ? (size_t)wcols : (size_t)wr * wcols;
			stats(w ? layer_b(m, l) : layer_W(m, l), n, &mean, &sd, &mn, &mx);
			char shape[32];
			if (w)
				snprintf(shape, sizeof shape, "b [%d]", wcols);
			else
				snprintf(shape, sizeof shape, "W [%d][%d]", wr, wcols);
			snprintf(lnum, sizeof lnum, "%d", l + 1);
			sb_printf(&b, "  %5s  %-12s %10s %10s %10s %10s\n", w ? "" : lnum, shape, net_num(s, mean, c[0], sizeof c[0]), net_num(s, sd, c[1], sizeof c[1]),
			          net_num(s, mn, c[2], sizeof c[2]), net_num(s, mx, c[3], sizeof c[3]));
		}
	}
	sb_puts(&b, _("('net weights LAYER' prints one layer's numbers; 'plot weights LAYER' draws them)\n"));
	out_printf("%s", b.s);
	sb_free(&b);
	return 0;
}

/* ==== freeze / unfreeze ================================================= */

static int
set_frozen(session *s, cmd_args *a, int frozen)
{
	const char *usage = frozen ? "net freeze LAYER|all" : "net unfreeze LAYER|all";
	if (args_min(a, 1, usage) < 0 || args_max(a, 1, usage) < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (net_need_model(nl) < 0)
		return -1;
	model *m = nl->model;
	int all = strcmp(a->argv[0], "all") == 0, l = -1;
	if (!all && layer_arg(nl, a, 0, 1, &l) < 0)
		return -1;
	for (int i = 0; i < m->n_layers; i++)
		if ((all || i == l) && layer_has_params(&m->layers[i]))
			m->layers[i].frozen = frozen;
	strbuf list;
	sb_init(&list);
	for (int i = 0; i < m->n_layers; i++)
		if (m->layers[i].frozen)
			sb_printf(&list, "%s%d", list.len ? ", " : "", i + 1);
	if (all)
		out_printf(_("every layer is %s"), frozen ? _("frozen") : _("trainable"));
	else {
		char name[96];
		net_layer_name(m, l, name, sizeof name);
		out_printf(_("%s is %s"), name, frozen ? _("frozen: training leaves its weights as they are") : _("trainable again"));
	}
	out_printf(_("; frozen layers: %s\n"), list.len ? list.s : _("none"));
	sb_free(&list);
	return 0;
}

static int
net_freeze(session *s, cmd_args *a)
{
	return set_frozen(s, a, 1);
}

static int
net_unfreeze(session *s, cmd_args *a)
{
	return set_frozen(s, a, 0);
}

/* ==== net filters / net maps ============================================
 * Pictures of what a conv layer learned and what it sees: its filters, and
 * the maps it makes of one image, laid out as tiles side by side with a
 * blank column (and row) between them. */

typedef struct tiles {
	int rows, cols;         /* the whole picture */
	float *v;               /* [rows][cols] */
	unsigned char *mask;    /* [rows][cols] 1 between tiles */
} tiles;

/* tiles_new: a grid of gr x gc tiles of th x tw, all blank. */
static void
tiles_new(tiles *t, int gr, int gc, int th, int tw)
{
	t->rows = gr * (th + 1) - 1;
	t->cols = gc * (tw + 1) - 1;
	size_t n = (size_t)t->rows * t->cols;
	t->v = xcalloc(n, sizeof *t->v);
	t->mask = xmalloc(n);
	memset(t->mask, 1, n);
}

/* tiles_set: pixel (y, x) of tile (r, c). */
static void
tiles_set(tiles *t, int th, int tw, int r, int c, int y, int x, float v)
{
	size_t i = (size_t)(r * (th + 1) + y) * t->cols + (size_t)(c * (tw + 1) + x);
	t->v[i] = v;
	t->mask[i] = 0;
}

static void
tiles_free(tiles *t)
{
	free(t->v);
	free(t->mask);
}

/* image_layer_arg: argv[i] names a conv layer (or a pool layer, pool_ok). */
static int
image_layer_arg(const netlab *nl, cmd_args *a, int i, int pool_ok, int *l)
{
	const model *m = nl->model;
	if (pos_long_layer(nl, a, i, l) < 0)
		return -1;
	const layer *L = &m->layers[*l];
	if (L->kind != LAYER_CONV && !(pool_ok && L->kind == LAYER_POOL)) {
		for (int j = 0; j < m->n_layers; j++)
			if (m->layers[j].kind == LAYER_CONV)
				return out_error("layer %d is not a conv layer%s; layer %d is, e.g. 'net %s %d'", *l + 1,
				                 pool_ok ? _(" or a pool layer") : "", j + 1, pool_ok ? "maps" : "filters", j + 1);
		return out_error("the network has no conv layer; add one, e.g. 'net new 144' then 'net add conv 8 3x3 "
		                 "relu'");
	}
	return 0;
}

static int
net_filters(session *s, cmd_args *a)
{
	static const char usage[] = "net filters LAYER";
	if (args_min(a, 1, usage) < 0 || args_max(a, 1, usage) < 0)
		return -1;
	netlab *nl = net_lab(s);
	int l;
	if (net_need_model(nl) < 0 || image_layer_arg(nl, a, 0, 0, &l) < 0)
		return -1;
	const model *m = nl->model;
	const layer *L = &m->layers[l];
	const float *W = layer_W(m, l);
	tiles t;
	tiles_new(&t, L->ic, L->oc, L->kh, L->kw);
	for (int c = 0; c < L->ic; c++)
		for (int k = 0; k < L->oc; k++)
			for (int y = 0; y < L->kh; y++)
				for (int x = 0; x < L->kw; x++)
					tiles_set(&t, L->kh, L->kw, c, k, y, x, W[((size_t)(y * L->kw + x) * L->ic + c) * L->oc + k]);
	char title[240];
	snprintf(title, sizeof title, _("layer %d: %d filters %dx%d, left to right%s"), l + 1, L->oc, L->kh, L->kw,
	         L->ic > 1 ? _("; input channels down") : "");
	heatmap h = {.title = title, .rows = t.rows, .cols = t.cols, .v = t.v, .mask = t.mask, .diverging = 1};
	out_heatmap(&h);
	tiles_free(&t);
	char c1[32], c2[32];
	out_printf(_("each filter is %dx%dx%d weights (%s in all) that meet every %dx%d patch of the %dx%dx%d input: "
	           "the same weights everywhere (shared), and only a small neighbourhood at a time (local); a "
	           "dense layer from the same %d inputs to the same %d outputs has %s weights, one per pair\n"),
	           L->kh, L->kw, L->ic, net_count((long)layer_n_weights(L), c1, sizeof c1), L->kh, L->kw, L->ih, L->iw,
	           L->ic, L->in, L->out, net_count((long)L->in * L->out, c2, sizeof c2));
	return 0;
}

/* The image shape of the network's input: that of its first conv or pool
 * layer when nothing comes before it. */
static int
input_image(const model *m, int *h, int *w, int *c)
{
	const layer *L = &m->layers[0];
	if (L->kind != LAYER_CONV && L->kind != LAYER_POOL)
		return 0;
	*h = L->ih, *w = L->iw, *c = L->ic;
	return 1;
}

static int
net_maps(session *s, cmd_args *a)
{
	static const char usage[] = "net maps LAYER [ROW]";
	if (args_min(a, 1, usage) < 0 || args_max(a, 2, usage) < 0)
		return -1;
	netlab *nl = net_lab(s);
	int l;
	if (net_need_model(nl) < 0 || image_layer_arg(nl, a, 0, 1, &l) < 0 || net_need_data(nl) < 0)
		return -1;
	const dataset *ds = nl->data;
	const model *m = nl->model;
	if (m->n_in != ds->d)
		return out_error("the network takes %d inputs but the data '%s' has %d features; make data that fits, "
		                 "e.g. 'data shapes'", m->n_in, ds->name, ds->d);
	long row = ds->n_train < ds->n ? ds->n_train + 1 : 1;
	if (a->argc == 2 && pos_long(a, 1, _("the row"), 1, ds->n, &row) < 0)
		return -1;
	/* a copy runs the row, so the network's buffers keep the last batch */
	model *c = model_clone(m);
	const float *x = ds->x + (size_t)(row - 1) * ds->d;
	model_forward(c, x, 1, 0, NULL);
	const layer *L = &c->layers[l];
	char title[240], cls[64];
	int ih, iw, ic;
	if (input_image(c, &ih, &iw, &ic)) {
		tiles t;
		tiles_new(&t, 1, ic, ih, iw);
		for (int ch = 0; ch < ic; ch++)
			for (int y = 0; y < ih; y++)
				for (int xx = 0; xx < iw; xx++)
					tiles_set(&t, ih, iw, 0, ch, y, xx, x[(size_t)(y * iw + xx) * ic + ch]);
		snprintf(title, sizeof title, _("row %ld%s%s: the input, %dx%dx%d"), row, ds->regression ? "" : _(", class "),
		         ds->regression ? "" : net_class_name(ds, ds->y[row - 1], cls, sizeof cls), ih, iw, ic);
		heatmap h = {.title = title, .rows = t.rows, .cols = t.cols, .v = t.v, .mask = t.mask};
		out_heatmap(&h);
		tiles_free(&t);
	}
	tiles t;
	tiles_new(&t, 1, L->oc, L->oh, L->ow);
	for (int k = 0; k < L->oc; k++)
		for (int y = 0; y < L->oh; y++)
			for (int xx = 0; xx < L->ow; xx++)
				tiles_set(&t, L->oh, L->ow, 0, k, y, xx, L->h[(size_t)(y * L->ow + xx) * L->oc + k]);
	snprintf(title, sizeof title, _("layer %d (%s): %d maps %dx%d, left to right"), l + 1,
	         L->kind == LAYER_CONV ? "conv" : "pool", L->oc, L->oh, L->ow);
	heatmap h = {.title = title, .rows = t.rows, .cols = t.cols, .v = t.v, .mask = t.mask};
	out_heatmap(&h);
	tiles_free(&t);
	double mx = -INFINITY;
	int best = 0;
	for (int k = 0; k < L->oc; k++) {
		double sum = 0;
		for (int p = 0; p < L->oh * L->ow; p++)
			sum += L->h[(size_t)p * L->oc + k];
		if (sum > mx)
			mx = sum, best = k;
	}
	char c1[32];
	out_printf(_("a map is bright where its filter matches the picture; map %d responds most to this one (sum %s)\n"),
	           best + 1, net_num(s, mx, c1, sizeof c1));
	model_free(c);
	return 0;
}

/* ==== the picture for `plot weights LAYER` =============================== */

static int
fill_weights(session *s, int argc, const char *const *argv, plot_pic *out)
{
	netlab *nl = s->net;
	if (!nl || !nl->model || nl->model->n_layers == 0)
		return out_error("there is no network yet; build one, e.g. 'net new 2 16 tanh 3'");
	const model *m = nl->model;
	if (argc < 1)
		return out_error("'plot weights' needs the layer, e.g. 'plot weights 1'");
	long v;
	const char *why;
	if (text_parse_long(argv[0], &v, &why) < 0 || v < 1 || v > m->n_layers)
		return out_error("layer '%s' is not valid; give a number from 1 to %d ('net show' lists them)", argv[0],
		                 m->n_layers);
	int l = (int)v - 1;
	const layer *L = &m->layers[l];
	if (!layer_has_params(L))
		return out_error("layer %ld is a %s layer and has no weights", v, L->kind == LAYER_POOL ? "pool" : "dropout");
	char title[200], name[128];
	net_layer_name(m, l, name, sizeof name);
	snprintf(title, sizeof title, _("W of %s: rows are inputs, columns outputs"), name);
	int conv = L->kind == LAYER_CONV;
	heatmap h = {.title = title, .rows = conv ? L->kh * L->kw * L->ic : L->in, .cols = conv ? L->oc : L->out,
	             .v = layer_W(m, l), .diverging = 1};
	plot_pic_heatmap(out, &h);
	return 0;
}

const plot_source plot_source_weights = {
	.name = "weights",
	.args = "LAYER",
	.nargs = 1,
	.summary = N_("a layer's weight matrix W [in][out], positive and negative in two colours"),
	.fill = fill_weights,
	.live = 1,
};

/* ==== the table entry =================================================== */

static const char *const init_keys[] = {"init", "std", NULL};

static const cmd_sub net_subs[] = {
	{.name = "new", .usage = "new IN [N [ACT]]... [init=I]", .summary = N_("a new network: inputs, then layer sizes and activations"),
	 .exec = net_new, .keys = init_keys, .words = act_names},
	{.name = "add", .usage = "add N [ACT]|dropout P|conv K KHxKW [ACT]|pool P",
	 .summary = N_("add a dense layer of N units, a dropout, conv or max-pool layer"),
	 .exec = net_add, .keys = (const char *const[]){"init", "std", "in", NULL}, .words = act_names},
	{.name = "show", .usage = "show", .summary = N_("the layers, their shapes and parameter counts, the memory"),
	 .exec = net_show, .flags = CMD_JOB_OK},
	{.name = "init", .usage = "init [glorot|he|normal] [std=S]", .summary = N_("draw every weight again"),
	 .exec = net_init, .keys = (const char *const[]){"std", NULL}, .words = init_names},
	{.name = "weights", .usage = "weights [LAYER]", .summary = N_("statistics of every layer's weights, or one layer's numbers"),
	 .exec = net_weights, .flags = CMD_JOB_OK},
	{.name = "filters", .usage = "filters LAYER", .summary = N_("a conv layer's filters as heatmaps"),
	 .exec = net_filters, .flags = CMD_JOB_OK},
	{.name = "maps", .usage = "maps LAYER [ROW]",
	 .summary = N_("the feature maps a conv or pool layer makes of one image"), .exec = net_maps,
	 .flags = CMD_JOB_OK},
	{.name = "freeze", .usage = "freeze LAYER|all", .summary = N_("keep a layer's weights as they are while training"),
	 .exec = net_freeze},
	{.name = "unfreeze", .usage = "unfreeze LAYER|all", .summary = N_("let training change a layer again"),
	 .exec = net_unfreeze},
	{0},
};

static int
net_default(session *s, cmd_args *a)
{
	/* 'net' alone shows the network; 'net WORD' is a subcommand that
	 * does not exist (the dispatcher found none) */
	if (a->argc > 0) {
		cmd_find_sub(&cmd_net_entry, a->argv[0], 1);
		return -1;
	}
	return net_show(s, a);
}

const cmd_entry cmd_net_entry = {
	.name = "net",
	.topic = "net",
	.usage = "net new|add|show|init|weights|filters|maps|freeze|unfreeze",
	.summary = N_("build a network layer by layer and look inside it"),
	.help = N_("'net new IN N1 ACT1 N2 ACT2 ... NK' builds a feed-forward network: IN inputs (the data's "
	        "features), then each layer's number of units, each followed by its activation (identity, "
	        "sigmoid, tanh, relu, leaky_relu, gelu or softmax; none means identity).  'dropout P' between "
	        "layers adds a dropout layer.  Each dense layer computes y = x.W + b with W stored [in][out], "
	        "then its activation.  The weights are drawn at once from the session's random stream, layer by "
	        "layer, row by row: init=glorot (the default: uniform in +-sqrt(6/(in+out))), init=he (+-sqrt(6/in), "
	        "for relu) or init=normal std=S; biases start at 0.  'net add' appends one layer and draws its "
	        "weights.  Changing the network starts training again from epoch 0.\n"
	        "\n"
	        "'net show' lists the layers with their shapes and parameter counts (weights in*out plus biases "
	        "out per layer), and the memory they take.  'net weights' gives the mean, spread and range of every "
	        "layer's weights; 'net weights 2' prints layer 2's W and b.  'net freeze 1' keeps layer 1 as it "
	        "is while the others train (as when fine-tuning a pre-trained network); 'net unfreeze all' undoes "
	        "it.  'net init' draws every weight again.\n"
	        "\n"
	        "Conv layers are for images.  'net add conv 8 3x3 relu' adds 8 filters of 3x3 weights; each "
	        "slides over every position of the image (stride 1, 'valid': no padding, so a 12x12 image gives "
	        "10x10 maps) and its output there is the sum of the patch times the filter, plus a bias, then "
	        "the activation.  The same few weights serve the whole image (shared weights) and each output "
	        "sees only its patch (locality), so a shape is recognised wherever it is.  'net add pool 2' keeps "
	        "the largest value of each 2x2 window (stride 2), halving the maps.  An image row is stored "
	        "row by row, channels last (pixel (y, x), channel c at (y*W + x)*C + c); the first conv or pool "
	        "layer reads a square number of inputs as a square grey image (144 = 12x12x1), or in=HxWxC "
	        "says the shape; later ones take the image the conv or pool layer before makes (after a dense "
	        "layer, in= is needed).  A dense layer after them "
	        "takes all the maps' values as one row.  'net filters 1' draws layer 1's filters; 'net maps 1' "
	        "the maps it makes of one image (the first test row, or ROW)."),
	.examples = "net new 2 16 tanh 3\nnet new 2 64 relu dropout 0.2 64 relu 3 init=he\nnet new 2\nnet add 16 tanh\n"
	            "net add 3\nnet show\nnet weights 1\nnet freeze 1\nnet init normal std=0.01\n"
	            "net new 144\nnet add conv 8 3x3 relu\nnet add pool 2\nnet add 4\nnet filters 1\nnet maps 1",
	.exec = net_default,
	.subs = net_subs,
};
