/* netcmd.c - the network lab's shared pieces (see netcmd.h): the model
 * and trainer in the session, fit checks, formats, compact matrices, and
 * the "net" family hooks. */
#include <config.h>

#include "cmd/netcmd.h"
#include "cmd/cmd-families.h"
#include "core/alloc.h"
#include "core/loss.h"
#include "out/out.h"
#include "util/i18n.h"
#ifdef HAVE_CBLAS
#include "core/gemm-blas.h"
#endif

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== the session's model and trainer ================================== */

void
netrun_free(netrun *r)
{
	if (!r)
		return;
	free(r->lr);
	free(r->loss);
	memset(r, 0, sizeof *r);
}

static void
net_free_model(netlab *nl)
{
	model_free(nl->model);
	nl->model = NULL;
	if (nl->tr) {
		trainer_free(nl->tr);
		free(nl->tr);
		nl->tr = NULL;
	}
	if (nl->run) {
		netrun_free(nl->run);
		free(nl->run);
		nl->run = NULL;
	}
	sweep_store_free(nl->sweep);  /* cmd-sweep.c */
	nl->sweep = NULL;
}

netlab *
net_lab(session *s)
{
	netlab *nl = netlab_get(s);
	if (!nl->tr) {
		nl->tr = xcalloc(1, sizeof *nl->tr);
		trainer_init(nl->tr);
		nl->epochs = 100;
		nl->free_model = net_free_model;
#ifdef HAVE_CBLAS
		/* large layers may use the CBLAS (NNLAB_BLAS=0 keeps them built
		 * in); small ones never do, so transcripts do not change */
		gemm_blas_install();
#endif
	}
	return nl;
}

void
net_set_model(netlab *nl, model *m)
{
	model_free(nl->model);
	nl->model = m;
	net_model_changed(nl);
}

void
net_model_changed(netlab *nl)
{
	trainer_reset(nl->tr, nl->model);
}

/* ==== checks ============================================================ */

int
net_need_model(const netlab *nl)
{
	if (!nl->model && nl->data)  /* a network that fits the data */
		return out_error("there is no network yet; build one for the data '%s' (%d feature%s, %d %s) first, "
		                 "e.g. 'net new %d 16 tanh %d'",
		                 nl->data->name, nl->data->d, nl->data->d == 1 ? "" : "s", nl->data->k,
		                 nl->data->regression ? (nl->data->k == 1 ? _("target") : _("targets")) : _("classes"),
		                 nl->data->d, nl->data->k);
	if (!nl->model)
		return out_error("there is no network yet; build one first, e.g. 'net new 2 16 tanh 3'");
	if (nl->model->n_layers == 0)
		return out_error("the network has no layers yet; add some, e.g. 'net add 16 tanh' then 'net add 3'");
	return 0;
}

int
net_need_data(const netlab *nl)
{
	if (!nl->data)
		return out_error("there is no data yet; make some first, e.g. 'data spiral n=100 classes=3'");
	return 0;
}

int
net_loss_kind(const netlab *nl)
{
	if (nl->loss_set)
		return nl->tr->loss.kind;
	return nl->data && nl->data->regression ? LOSS_MSE : LOSS_CE;
}

int
net_check_fit(const netlab *nl, int training)
{
	if (net_need_data(nl) < 0 || net_need_model(nl) < 0)
		return -1;
	const model *m = nl->model;
	const dataset *ds = nl->data;
	if (m->layers[m->n_layers - 1].kind == LAYER_CONV || m->layers[m->n_layers - 1].kind == LAYER_POOL)
		return out_error("the network ends with a %s layer, whose output is an image; add a dense output "
		                 "layer after it, e.g. 'net add %d'",
		                 m->layers[m->n_layers - 1].kind == LAYER_CONV ? "conv" : "pool", ds->k);
	if (m->layers[m->n_layers - 1].kind != LAYER_DENSE)
		return out_error("the network ends with a dropout layer, which would drop outputs; add an output "
		                 "layer after it, e.g. 'net add %d'", ds->k);
	if (m->n_in != ds->d)
		return out_error("the network takes %d input%s but the data '%s' has %d feature%s; start the network "
		                 "with %d, e.g. 'net new %d 16 tanh %d'",
		                 m->n_in, m->n_in == 1 ? "" : "s", ds->name, ds->d, ds->d == 1 ? "" : "s", ds->d, ds->d,
		                 ds->k);
	int lk = net_loss_kind(nl), out = model_n_out(m);
	const char *ln = loss_names[lk];
	if (ds->regression) {
		if (lk == LOSS_CE)
			return out_error("cross-entropy needs class labels, but the data '%s' has real targets; use "
			                 "'loss mse' or 'loss huber'", ds->name);
		if (out != ds->k)
			return out_error("the network has %d output%s but the data '%s' has %d target%s; end the network "
			                 "with %d unit%s", out, out == 1 ? "" : "s", ds->name, ds->k, ds->k == 1 ? "" : "s",
			                 ds->k, ds->k == 1 ? "" : "s");
		if (lk == LOSS_BCE)
			for (size_t i = 0; i < (size_t)ds->n * ds->k; i++)
				if (!(ds->t[i] >= 0 && ds->t[i] <= 1))
					return out_error("binary cross-entropy needs targets between 0 and 1, but the data '%s' "
					                 "has %g; use 'loss mse'", ds->name, (double)ds->t[i]);
	} else {
		if (lk == LOSS_CE && out != ds->k) {
			if (out == 1)
				return out_error("cross-entropy needs one output per class, %d here, but the network has 1; "
				                 "end it with %d units, or use 'loss bce' with one output for two classes",
				                 ds->k, ds->k);
			return out_error("the network has %d outputs but the data '%s' has %d classes; end the network with "
			                 "%d units (one per class)", out, ds->name, ds->k, ds->k);
		}
		if (lk != LOSS_CE && out != ds->k && !(out == 1 && ds->k == 2))
			return out_error("the network has %d output%s but the data '%s' has %d classes; with loss %s end it "
			                 "with %d units%s", out, out == 1 ? "" : "s", ds->name, ds->k, ln, ds->k,
			                 ds->k == 2 ? _(", or 1 for two classes") : "");
	}
	if (training && !model_trainable(m))
		return out_error("every layer is frozen, so training would change nothing; 'net unfreeze all' first");
	return 0;
}

void
net_sync(netlab *nl)
{
	trainer *t = nl->tr;
	t->loss.kind = net_loss_kind(nl);
	uint64_t sum = nl->data ? dataset_checksum(nl->data) : 0;
	if (sum != nl->data_sum) {
		if (t->pos > 0)
			out_note("the data changed in the middle of epoch %ld: a new epoch starts", t->epoch + 1);
		trainer_restart_epoch(t);
		nl->data_sum = sum;
	}
}

/* ==== formats =========================================================== */

const char *
net_num(const session *s, double v, char *buf, size_t n)
{
	if (isnan(v))
		snprintf(buf, n, "nan");
	else if (isinf(v))
		snprintf(buf, n, v > 0 ? "inf" : "-inf");
	else
		snprintf(buf, n, "%.*g", s->digits, v == 0 ? 0.0 : v);
	return buf;
}

const char *
net_pct(double acc, char *buf, size_t n)
{
	if (isnan(acc))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.2f%%", 100.0 * acc);
	return buf;
}

const char *
net_count(long v, char *buf, size_t n)
{
	char digits[32];
	snprintf(digits, sizeof digits, "%ld", v < 0 ? -v : v);
	size_t len = strlen(digits), o = 0;
	if (v < 0 && o + 1 < n)
		buf[o++] = '-';
	for (size_t i = 0; i < len && o + 2 < n; i++) {
		buf[o++] = digits[i];
		if ((len - i - 1) % 3 == 0 && i + 1 < len)
			buf[o++] = ',';
	}
	buf[o] = '\0';
	return buf;
}

const char *
net_bytes(double bytes, char *buf, size_t n)
{
	if (bytes < 1024)
		snprintf(buf, n, _("%.0f bytes"), bytes);
	else if (bytes < 1024.0 * 1024)
		snprintf(buf, n, "%.1f KiB", bytes / 1024);
	else if (bytes < 1024.0 * 1024 * 1024)
		snprintf(buf, n, "%.1f MiB", bytes / (1024.0 * 1024));
	else
		snprintf(buf, n, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
	return buf;
}

int
net_parse_dims(const char *s, int n, int *v)
{
	const char *p = s;
	for (int i = 0; i < n; i++) {
		char *end;
		if (*p < '0' || *p > '9')
			return -1;
		long x = strtol(p, &end, 10);
		if (x < 1 || x > NET_MAX_UNITS || (i + 1 < n ? *end != 'x' : *end != '\0'))
			return -1;
		v[i] = (int)x;
		p = end + 1;
	}
	return 0;
}

void
net_layer_name(const model *m, int l, char *buf, size_t n)
{
	const layer *L = &m->layers[l];
	if (L->kind == LAYER_DROPOUT)
		snprintf(buf, n, _("layer %d (dropout %g)"), l + 1, (double)L->rate);
	else if (L->kind == LAYER_CONV)
		snprintf(buf, n, _("layer %d (conv %d filter%s %dx%d, %dx%dx%d -> %dx%dx%d, %s)"), l + 1, L->oc,
		         L->oc == 1 ? "" : "s", L->kh, L->kw, L->ih, L->iw, L->ic, L->oh, L->ow, L->oc, act_names[L->act]);
	else if (L->kind == LAYER_POOL)
		snprintf(buf, n, _("layer %d (max-pool %dx%d, %dx%dx%d -> %dx%dx%d)"), l + 1, L->kh, L->kw, L->ih, L->iw,
		         L->ic, L->oh, L->ow, L->oc);
	else
		snprintf(buf, n, _("layer %d (dense %d -> %d, %s)"), l + 1, L->in, L->out, act_names[L->act]);
}

const char *
net_class_name(const dataset *ds, int c, char *buf, size_t n)
{
	if (ds && ds->class_names && c >= 0 && c < ds->k && ds->class_names[c])
		snprintf(buf, n, "%s", ds->class_names[c]);
	else
		snprintf(buf, n, "%d", c);
	return buf;
}

/* Which rows or columns to show: all when they fit, else the first
 * max-1, an ellipsis (-1), and the last. */
static int
pick(int total, int max, int *idx)
{
	if (max < 2)
		max = 2;
	if (total <= max) {
		for (int i = 0; i < total; i++)
			idx[i] = i;
		return total;
	}
	for (int i = 0; i < max - 2; i++)
		idx[i] = i;
	idx[max - 2] = -1;
	idx[max - 1] = total - 1;
	return max;
}

void
net_matrix(const session *s, strbuf *b, const char *name, const float *v, int rows, int cols, int max_rows,
           int max_cols, int indent)
{
	int ri[64], ci[64];
	if (max_rows > 64)
		max_rows = 64;
	if (max_cols > 64)
		max_cols = 64;
	int nr = pick(rows, max_rows, ri), nc, w;
	char cell[48];
	/* one width for every shown number; as many columns as the output
	 * is wide (the workspace's output pane is narrower than a terminal),
	 * but at least the first, the ellipsis and the last */
	for (;;) {
		nc = pick(cols, max_cols, ci);
		w = 3;
		for (int i = 0; i < nr; i++)
			for (int j = 0; j < nc; j++)
				if (ri[i] >= 0 && ci[j] >= 0) {
					int len = (int)strlen(net_num(s, v[(size_t)ri[i] * cols + ci[j]], cell, sizeof cell));
					w = len > w ? len : w;
				}
		int fit = (out_width() - indent - 2 + 1) / (w + 1);
		if (nc <= fit || nc <= 3)
			break;
		max_cols = fit > 3 ? fit : 3;
	}
	if (name && rows == 1)
		sb_printf(b, "%*s%s [%d]%s\n", indent, "", name, cols, cols > nc ? _(" (ends shown)") : "");
	else if (name)
		sb_printf(b, "%*s%s [%d][%d]%s\n", indent, "", name, rows, cols,
		          rows > nr || cols > nc ? _(" (corners shown)") : "");
	for (int i = 0; i < nr; i++) {
		sb_pad(b, ' ', (size_t)indent + 2);
		for (int j = 0; j < nc; j++) {
			if (ri[i] < 0)
				sb_printf(b, "%s%*s", j ? " " : "", w, ci[j] < 0 ? "" : ":");
			else if (ci[j] < 0)
				sb_printf(b, "%s%*s", j ? " " : "", w, "...");
			else
				sb_printf(b, "%s%*s", j ? " " : "", w,
				          net_num(s, v[(size_t)ri[i] * cols + ci[j]], cell, sizeof cell));
		}
		/* trailing spaces of the ':' row would make transcripts fragile */
		while (b->len && b->s[b->len - 1] == ' ')
			b->s[--b->len] = '\0';
		sb_putc(b, '\n');
	}
}

/* ==== the "net" family ================================================== */

static uint64_t
fnv_floats(uint64_t h, const float *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t u;
		memcpy(&u, &v[i], sizeof u);
		for (int k = 0; k < 4; k++) {
			h ^= (u >> (8 * k)) & 0xff;
			h *= 0x100000001b3ULL;
		}
	}
	return h;
}

/* Whether the training set-up is still nnlab's default and nothing was
 * trained: then `show state` says nothing about it, so a session that
 * never used these commands (or only failed to) keeps its digest. */
static int
setup_untouched(const netlab *nl)
{
	trainer d;
	trainer_init(&d);
	const trainer *t = nl->tr;
	int same = !nl->model && !nl->loss_set && nl->epochs == 100 && t->batch == d.batch && t->step == 0 &&
	           t->n_hist == 0 && t->ost.n == 0 && t->loss.kind == d.loss.kind && t->loss.delta == d.loss.delta &&
	           t->loss.l1 == d.loss.l1 && t->loss.l2 == d.loss.l2 && memcmp(&t->opt, &d.opt, sizeof d.opt) == 0;
	trainer_free(&d);
	return same;
}

void
net_dump(session *s, strbuf *out)
{
	netlab *nl = s->net;
	if (!nl || !nl->tr || setup_untouched(nl))
		return;
	const trainer *t = nl->tr;
	if (nl->model) {
		char desc[512];
		model_describe(nl->model, desc, sizeof desc);
		sb_printf(out, "model: %s params=%zu frozen=", desc, nl->model->n_params);
		int any = 0;
		for (int l = 0; l < nl->model->n_layers; l++)
			if (nl->model->layers[l].frozen) {
				sb_printf(out, "%s%d", any ? "," : "", l + 1);
				any = 1;
			}
		sb_printf(out, "%s checksum=%016llx\n", any ? "" : "none", (unsigned long long)model_checksum(nl->model));
	}
	const optim_cfg *o = &t->opt;
	sb_printf(out, "training: loss=%s%s delta=%.9g l1=%.9g l2=%.9g optim=%s lr=%.9g momentum=%.9g beta1=%.9g "
	          "beta2=%.9g rho=%.9g eps=%.9g wd=%.9g clip=%.9g batch=%d epochs=%ld\n",
	          loss_names[net_loss_kind(nl)], nl->loss_set ? "" : "(auto)", (double)t->loss.delta, t->loss.l1,
	          t->loss.l2, optim_names[o->kind], o->lr, o->momentum, o->beta1, o->beta2, o->rho, o->eps, o->decay,
	          o->clip, t->batch, nl->epochs);
	uint64_t h = 0xcbf29ce484222325ULL;
	h = fnv_floats(h, t->ost.m, t->ost.n);
	h = fnv_floats(h, t->ost.v, t->ost.n);
	sb_printf(out, "progress: epochs=%ld steps=%ld position=%d history=%zu optimiser-state=%016llx\n", t->epoch,
	          t->step, t->pos, t->n_hist, (unsigned long long)h);
}

const char *const net_probe_names[] = {"train.acc", "train.loss", "test.acc", "test.loss", "train.epochs",
                                      "train.steps", "train.lr", "train.batch", "net.params", "net.layers",
                                      "epoch.loss", "epoch.acc", NULL};

int
net_probe(session *s, const char *name, double *out)
{
	int known = 0;
	for (int i = 0; net_probe_names[i]; i++)
		known |= strcmp(net_probe_names[i], name) == 0;
	if (!known)
		return 0;
	*out = NAN;
	netlab *nl = s->net;
	if (!nl || !nl->tr)
		return 1;
	const trainer *t = nl->tr;
	if (!strcmp(name, "train.epochs"))
		*out = (double)t->epoch;
	else if (!strcmp(name, "train.steps"))
		*out = (double)t->step;
	else if (!strcmp(name, "train.lr"))
		*out = t->opt.lr;
	else if (!strcmp(name, "train.batch"))
		*out = t->batch;
	else if (!strcmp(name, "net.params"))
		*out = nl->model ? (double)nl->model->n_params : 0;
	else if (!strcmp(name, "net.layers"))
		*out = nl->model ? nl->model->n_layers : 0;
	else if (!strncmp(name, "epoch.", 6)) {
		/* the last completed epoch's means, from the history: cheap
		 * enough for the status line to read every frame */
		const train_hist *hr = t->n_hist ? &t->hist[t->n_hist - 1] : NULL;
		if (hr)
			*out = strcmp(name, "epoch.acc") == 0 ? hr->acc : hr->loss;
	} else {
		/* an evaluation, silently: a probe never talks */
		out_set_mute(1);
		int fit = net_check_fit(nl, 0);
		out_set_mute(0);
		if (fit < 0)
			return 1;
		loss_cfg c = t->loss;
		c.kind = net_loss_kind(nl);
		int test = !strncmp(name, "test.", 5);
		int r0 = test ? nl->data->n_train : 0, r1 = test ? nl->data->n : nl->data->n_train;
		if (r1 <= r0)
			return 1;
		eval_result ev;
		model_evaluate(nl->model, &c, nl->data, r0, r1, &ev, NULL);
		*out = strstr(name, ".acc") ? ev.acc : ev.loss;
	}
	return 1;
}
