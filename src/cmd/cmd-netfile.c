/* cmd-netfile.c - the network in files: `save` and `load` (nnlab's own
 * versioned text format, documented in nnlab-formats(5)), and `export`
 * (the model as JSON, the training history as CSV, for NumPy or PyTorch
 * to check nnlab's numbers).
 *
 * Saves are written atomically (file_write_atomic: a temporary file, then
 * rename), so a crash or a full disk never destroys an earlier save.
 * `load` parses and checks the whole file into new structures first and
 * reports the first problem as FILE:LINE; only a file that is right in
 * every part replaces the session's network (and, through its recipe,
 * its data).  Floats are written with 9 significant digits, which read
 * back to the same bits.  Not the `data export` of cmd-data.c.
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/netcmd.h"
#include "cmd/tokenize.h"
#include "core/alloc.h"
#include "core/loss.h"
#include "core/model.h"
#include "core/optim.h"
#include "core/train.h"
#include "out/out.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NETFILE_VERSION 1
/* The largest save read: 256 MiB holds some six million parameters with
 * Adam's state, far more than a network trained here.  A save's lines are
 * long (rows of numbers), so one of more than NETFILE_BYTES_PER_LINE lines
 * a byte on average is refused too: the line index would outgrow it. */
#define NETFILE_MAX_BYTES (256L * 1024 * 1024)
#define NETFILE_BYTES_PER_LINE 8

/* ==== writing =========================================================== */

/* n floats, 9 significant digits each (enough to read back the same
 * float), per_line to a line. */
static void
put_floats(strbuf *b, const float *v, size_t n, size_t per_line)
{
	for (size_t i = 0; i < n; i++)
		sb_printf(b, "%.9g%c", (double)v[i], (i + 1) % per_line == 0 || i + 1 == n ? '\n' : ' ');
}

/* A double that reads back exactly (history, hyperparameters). */
static void
put_double(strbuf *b, double v)
{
	if (isnan(v))
		sb_puts(b, "nan");
	else
		sb_printf(b, "%.17g", v);
}

/* layer_w_shape: W as rows x cols ([in][out], or [KH*KW*C][K] for conv). */
static void
layer_w_shape(const layer *L, int *rows, int *cols)
{
	*cols = L->kind == LAYER_CONV ? L->oc : L->out;
	*rows = (int)(layer_n_weights(L) / (size_t)*cols);
}

static void
netfile_write(session *s, const netlab *nl, strbuf *b)
{
	const model *m = nl->model;
	const trainer *t = nl->tr;
	const optim_cfg *o = &t->opt;
	sb_printf(b, "nnlab-model %d\n", NETFILE_VERSION);
	sb_printf(b, "# %s %s: a network and how it trains; the format is in nnlab-formats(5)\n", PACKAGE_NAME,
	          PACKAGE_VERSION);
	sb_printf(b, "input %d\n", m->n_in);
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		if (L->kind == LAYER_DROPOUT)
			sb_printf(b, "dropout %.9g\n", (double)L->rate);
		else if (L->kind == LAYER_CONV)
			sb_printf(b, "conv %d %dx%d %dx%dx%d %s %s %.9g %s\n", L->oc, L->kh, L->kw, L->ih, L->iw, L->ic,
			          act_names[L->act], init_names[L->init], (double)L->init_std,
			          L->frozen ? "frozen" : "trainable");
		else if (L->kind == LAYER_POOL)
			sb_printf(b, "pool %d %dx%dx%d\n", L->kh, L->ih, L->iw, L->ic);
		else
			sb_printf(b, "dense %d %s %s %.9g %s\n", L->out, act_names[L->act], init_names[L->init],
			          (double)L->init_std, L->frozen ? "frozen" : "trainable");
	}
	sb_printf(b, "loss %s %s delta=%.9g l1=", loss_names[net_loss_kind(nl)], nl->loss_set ? "set" : "auto",
	          (double)t->loss.delta);
	put_double(b, t->loss.l1);
	sb_puts(b, " l2=");
	put_double(b, t->loss.l2);
	sb_printf(b, "\noptim %s", optim_names[o->kind]);
	const char *keys[] = {"lr", "momentum", "beta1", "beta2", "rho", "eps", "wd", "clip"};
	const double vals[] = {o->lr, o->momentum, o->beta1, o->beta2, o->rho, o->eps, o->decay, o->clip};
	for (int i = 0; i < 8; i++) {
		sb_printf(b, " %s=", keys[i]);
		put_double(b, vals[i]);
	}
	sb_printf(b, "\nbatch %d\nepochs %ld\n", t->batch, nl->epochs);
	sb_printf(b, "progress epochs=%ld steps=%ld updates=%ld b1t=", t->epoch, t->step, t->ost.t);
	put_double(b, t->ost.b1t);
	sb_puts(b, " b2t=");
	put_double(b, t->ost.b2t);
	sb_putc(b, '\n');
	if (nl->data) {
		sb_printf(b, "data n=%d train=%d d=%d k=%d checksum=%016llx\n", nl->data->n, nl->data->n_train,
		          nl->data->d, nl->data->k, (unsigned long long)dataset_checksum(nl->data));
		if (nl->data_recipe)
			sb_printf(b, "recipe %s\n", nl->data_recipe);
	}
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		if (!layer_has_params(L))
			continue;
		int rows, cols;
		layer_w_shape(L, &rows, &cols);
		sb_printf(b, "W %d %d %d\n", l + 1, rows, cols);
		for (int i = 0; i < rows; i++)
			put_floats(b, layer_W(m, l) + (size_t)i * cols, (size_t)cols, (size_t)cols);
		sb_printf(b, "b %d %d\n", l + 1, cols);
		put_floats(b, layer_b(m, l), (size_t)cols, (size_t)cols);
	}
	/* the optimiser's state, when it has one */
	if (t->ost.n == m->n_params && o->kind != OPT_SGD) {
		if (o->kind != OPT_RMSPROP) {
			sb_printf(b, "m %zu\n", t->ost.n);
			put_floats(b, t->ost.m, t->ost.n, 16);
		}
		if (o->kind == OPT_RMSPROP || o->kind == OPT_ADAM) {
			sb_printf(b, "v %zu\n", t->ost.n);
			put_floats(b, t->ost.v, t->ost.n, 16);
		}
	}
	sb_printf(b, "history %zu\n", t->n_hist);
	for (size_t i = 0; i < t->n_hist; i++) {
		const train_hist *h = &t->hist[i];
		sb_printf(b, "%ld %ld", h->epoch, h->step);
		const double hv[] = {h->lr, h->loss, h->acc, h->train_loss, h->train_acc, h->test_loss, h->test_acc};
		for (int k = 0; k < 7; k++) {
			sb_putc(b, ' ');
			put_double(b, hv[k]);
		}
		sb_putc(b, '\n');
	}
	sb_puts(b, "end\n");
	(void)s;
}

static int
check_writable(session *s, const char *path)
{
	if (!path[0])
		return out_error("the file name is empty; give one, e.g. 'save model.nn'");
	return session_check_write(s, path);
}

static int
cmd_save(session *s, cmd_args *a)
{
	if (args_min(a, 1, "save FILE") < 0 || args_max(a, 1, "save FILE") < 0)
		return -1;
	netlab *nl = net_lab(s);
	if (!nl->model)
		return out_error("there is no network to save; build one first, e.g. 'net new 2 16 tanh 3'");
	const char *path = a->argv[0];
	if (check_writable(s, path) < 0)
		return -1;
	strbuf b;
	sb_init(&b);
	netfile_write(s, nl, &b);
	char err[NN_ERRLEN];
	int rc = file_write_atomic(path, b.s, b.len, err);
	if (rc < 0) {
		sb_free(&b);
		/* err says the earlier file, if any, is unchanged */
		return out_error("%s; choose a directory you can write to", err);
	}
	char c1[32], c2[32], desc[512];
	model_describe(nl->model, desc, sizeof desc);
	out_printf(_("saved %s (%s parameters, %ld epochs trained) to '%s', %s\n"), desc,
	           net_count((long)nl->model->n_params, c1, sizeof c1), nl->tr->epoch, path, net_bytes((double)b.len, c2, sizeof c2));
	sb_free(&b);
	return 0;
}

const cmd_entry cmd_save_entry = {
	.name = "save",
	.topic = "net",
	.usage = "save FILE",
	.summary = N_("save the network, its training state and the data recipe"),
	.help = N_("Writes the network (its layers and every weight and bias, exactly), how it trains (loss, "
	        "optimiser with its state, learning rate, batch, epochs and the steps done), the training "
	        "history, and the recipe of the current data, in nnlab's text format (nnlab-formats(5)).  The file "
	        "is written to a temporary name and then renamed, so an earlier save survives any failure.  "
	        "'load FILE' brings it all back."),
	.examples = "save spiral.nn",
	.exec = cmd_save,
	.complete = COMPLETE_FILE,
	.flags = CMD_JOB_OK,
};

/* ==== reading =========================================================== */

typedef struct rline {
	char *s;
	long no;
} rline;

typedef struct reader {
	const char *path;
	char *buf;
	rline *lines;     /* the lines that are not blank or comments */
	size_t n, i;      /* how many; the next one */
	long line;        /* number of the line just read (for messages) */
	long last;        /* number of the file's last line */
} reader;

/* Report at the current line; always -1. */
static int
rd_error(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int
rd_error(reader *r, const char *fmt, ...)
{
	char msg[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	long old_line;
	const char *old = out_get_where(&old_line);
	char *keep = old ? xstrdup(old) : NULL;
	out_set_where(r->path, r->line);
	out_error("%s", msg);
	if (keep)
		out_set_where(keep, old_line);
	else
		out_clear_where();
	free(keep);
	return -1;
}

/* Cut the buffer into lines (CRLF too), keeping those with content. */
static void
rd_split(reader *r)
{
	size_t cap = 0;
	long no = 0;
	char *p = r->buf;
	while (*p) {
		char *s = p, *nl = strchr(s, '\n');
		if (nl) {
			*nl = '\0';
			p = nl + 1;
		} else {
			p = s + strlen(s);
		}
		no++;
		size_t len = strlen(s);
		if (len && s[len - 1] == '\r')
			s[--len] = '\0';
		const char *q = s;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == '\0' || *q == '#')
			continue;
		if (r->n == cap) {
			cap = cap ? 2 * cap : 256;
			r->lines = xreallocarray(r->lines, cap, sizeof *r->lines);
		}
		r->lines[r->n++] = (rline){s, no};
	}
	r->last = no;
}

/* The next line with content (consumed), or NULL at the end. */
static char *
rd_line(reader *r)
{
	if (r->i < r->n) {
		r->line = r->lines[r->i].no;
		return r->lines[r->i++].s;
	}
	r->line = r->last + 1;
	return NULL;
}

/* The next line's first word is w (the line is not consumed). */
static int
rd_next_is(reader *r, const char *w)
{
	if (r->i >= r->n)
		return 0;
	const char *s = r->lines[r->i].s;
	size_t k = strlen(w);
	return strncmp(s, w, k) == 0 && (s[k] == ' ' || s[k] == '\0');
}

/* Expect a line starting with the word kw; *rest is what follows it. */
static int
rd_expect(reader *r, const char *kw, char **rest)
{
	char *s = rd_line(r);
	if (!s)
		return rd_error(r, _("the file ends where '%s' was expected; the file is cut short"), kw);
	size_t n = strlen(kw);
	if (strncmp(s, kw, n) != 0 || (s[n] != ' ' && s[n] != '\0')) {
		char shown[40];
		snprintf(shown, sizeof shown, "%.32s%s", s, strlen(s) > 32 ? "..." : "");
		return rd_error(r, _("'%s' where '%s' was expected; is this an nnlab save file?"), shown, kw);
	}
	*rest = s + n + (s[n] == ' ');
	return 0;
}

static int
rd_long(reader *r, const char *text, const char *what, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (end == text || *end || errno || v < lo || v > hi)
		return rd_error(r, _("%s '%s' is not a whole number from %ld to %ld"), what, text, lo, hi);
	*out = v;
	return 0;
}

static int
rd_double(reader *r, const char *text, const char *what, int finite, double *out)
{
	char *end;
	double v = strtod(text, &end);
	if (end == text || *end || (finite && !isfinite(v)))
		return rd_error(r, _("%s '%s' is not a%s number"), what, text, finite ? _(" finite") : "");
	*out = v;
	return 0;
}

/* Split s at spaces into at most max words: their number, or -1 when
 * the line has more (a damaged line; w then holds the first max, and no
 * caller may read past them). */
static int
split_words(char *s, char **w, int max)
{
	int n = 0;
	while (*s && n < max + 1) {
		while (*s == ' ')
			*s++ = '\0';
		if (!*s)
			break;
		if (n < max)
			w[n] = s;
		n++;
		while (*s && *s != ' ')
			s++;
	}
	return n > max ? -1 : n;
}

/* key=value among words; NULL if absent. */
static const char *
kv_find(char **w, int n, const char *key)
{
	size_t kl = strlen(key);
	for (int i = 0; i < n; i++)
		if (strncmp(w[i], key, kl) == 0 && w[i][kl] == '=')
			return w[i] + kl + 1;
	return NULL;
}

static int
rd_kv_double(reader *r, char **w, int n, const char *key, int finite, double *out)
{
	const char *v = kv_find(w, n, key);
	if (!v)
		return rd_error(r, _("the line lacks %s=; the file is damaged"), key);
	char what[40];
	snprintf(what, sizeof what, "%s=", key);
	return rd_double(r, v, what, finite, out);
}

/* count floats from the following lines into v. */
static int
rd_floats(reader *r, float *v, size_t count, const char *what, int finite)
{
	size_t got = 0;
	while (got < count) {
		char *s = rd_line(r);
		if (!s)
			return rd_error(r, _("the file ends inside %s (%zu of %zu numbers read); it is cut short"), what, got,
			                count);
		while (*s) {
			while (*s == ' ')
				s++;
			if (!*s)
				break;
			char *end;
			float f = strtof(s, &end);
			if (end == s || (*end && *end != ' ')) {
				char word[40];
				size_t wl = strcspn(s, " ");
				snprintf(word, sizeof word, "%.*s", (int)(wl < 32 ? wl : 32), s);
				return rd_error(r, _("'%s' in %s is not a number"), word, what);
			}
			if (finite && !isfinite(f))
				return rd_error(r, _("%s holds '%.*s'; the numbers of a saved network are finite"), what,
				                (int)(end - s), s);
			if (got == count)
				return rd_error(r, _("%s has more than %zu numbers"), what, count);
			v[got++] = f;
			s = end;
		}
	}
	return 0;
}

/* Everything a file holds, before it goes into the session. */
typedef struct loaded {
	model *m;
	trainer t;
	long epochs;
	int loss_set;
	int has_data;
	uint64_t data_sum;
	int data_n, data_train, data_d, data_k;
	char *recipe;
} loaded;

static void
loaded_free(loaded *ld)
{
	model_free(ld->m);
	trainer_free(&ld->t);
	free(ld->recipe);
}

/* 'conv K KHxKW HxWxC ACT INIT STD trainable|frozen' or 'pool P HxWxC'. */
static int
parse_image_layer(reader *r, model *m, char **w, int n, long *params)
{
	int img[3], ks[2];
	long k;
	int conv = w[0][0] == 'c';
	if (conv && n != 8)
		return rd_error(r, _("a conv layer reads 'conv FILTERS KHxKW HxWxC ACTIVATION INIT STD trainable|frozen'"));
	if (!conv && n != 3)
		return rd_error(r, _("a pool layer reads 'pool P HxWxC'"));
	if (rd_long(r, w[1], conv ? _("the number of filters") : _("the pooling window"), 1, NET_MAX_UNITS, &k) < 0)
		return -1;
	if (conv && net_parse_dims(w[2], 2, ks) < 0)
		return rd_error(r, _("'%s' is not a filter size KHxKW"), w[2]);
	if (net_parse_dims(w[conv ? 3 : 2], 3, img) < 0)
		return rd_error(r, _("'%s' is not an image shape HxWxC"), w[conv ? 3 : 2]);
	if ((long)img[0] * img[1] * img[2] != model_n_out(m))
		return rd_error(r, _("the image %s is not the %d values the layer before gives"), w[conv ? 3 : 2],
		                model_n_out(m));
	if (m->n_layers >= NET_MAX_LAYERS)
		return rd_error(r, _("the network has more than %d layers"), NET_MAX_LAYERS);
	if (!conv) {
		if (k > img[0] || k > img[1])
			return rd_error(r, _("a %ldx%ld window does not fit in the %dx%d image"), k, k, img[0], img[1]);
		model_add_pool(m, img[0], img[1], img[2], (int)k);
		return 0;
	}
	if (ks[0] > img[0] || ks[1] > img[1])
		return rd_error(r, _("a %dx%d filter does not fit in the %dx%d image"), ks[0], ks[1], img[0], img[1]);
	int act = act_parse(w[4]), init = init_parse(w[5]);
	double std = 0;
	if (act < 0 || act == ACT_SOFTMAX)
		return rd_error(r, _("'%s' is not an activation a conv layer takes"), w[4]);
	if (init < 0)
		return rd_error(r, _("'%s' is not an initialisation (glorot, he, normal)"), w[5]);
	if (rd_double(r, w[6], _("the initial std"), 1, &std) < 0)
		return -1;
	if (strcmp(w[7], "trainable") && strcmp(w[7], "frozen"))
		return rd_error(r, _("'%s' should be 'trainable' or 'frozen'"), w[7]);
	*params += (long)ks[0] * ks[1] * img[2] * k + k;
	if (*params > NET_MAX_PARAMS)
		return rd_error(r, _("the network is larger than nnlab keeps (%ld parameters at most)"), NET_MAX_PARAMS);
	int l = model_add_conv(m, img[0], img[1], img[2], (int)k, ks[0], ks[1], act, init, (float)std);
	m->layers[l].frozen = w[7][0] == 'f';
	return 0;
}

static int
parse_layers(reader *r, loaded *ld)
{
	char *rest;
	long in;
	if (rd_expect(r, "input", &rest) < 0 || rd_long(r, rest, _("the number of inputs"), 1, NET_MAX_UNITS, &in) < 0)
		return -1;
	ld->m = model_new((int)in);
	long params = 0;
	while (rd_next_is(r, "dense") || rd_next_is(r, "dropout") || rd_next_is(r, "conv") || rd_next_is(r, "pool")) {
		char *s = rd_line(r);
		char *w[8];
		int n = split_words(s, w, 8);
		if (n >= 1 && strcmp(w[0], "dense") == 0) {
			long units;
			if (n != 6)
				return rd_error(r, _("a dense layer reads 'dense UNITS ACTIVATION INIT STD trainable|frozen'"));
			if (rd_long(r, w[1], _("the number of units"), 1, NET_MAX_UNITS, &units) < 0)
				return -1;
			int act = act_parse(w[2]), init = init_parse(w[3]);
			double std = 0;
			if (act < 0)
				return rd_error(r, _("'%s' is not an activation nnlab knows"), w[2]);
			if (init < 0)
				return rd_error(r, _("'%s' is not an initialisation (glorot, he, normal)"), w[3]);
			if (rd_double(r, w[4], _("the initial std"), 1, &std) < 0)
				return -1;
			if (strcmp(w[5], "trainable") && strcmp(w[5], "frozen"))
				return rd_error(r, _("'%s' should be 'trainable' or 'frozen'"), w[5]);
			params += (long)model_n_out(ld->m) * units + units;
			if (params > NET_MAX_PARAMS || ld->m->n_layers >= NET_MAX_LAYERS)
				return rd_error(r, _("the network is larger than nnlab keeps (%ld parameters, %d layers at most)"),
				                NET_MAX_PARAMS, NET_MAX_LAYERS);
			int l = model_add_dense(ld->m, (int)units, act, init, (float)std);
			ld->m->layers[l].frozen = w[5][0] == 'f';
		} else if (n >= 1 && strcmp(w[0], "dropout") == 0) {
			double p = 0;
			if (n != 2)
				return rd_error(r, _("a dropout layer reads 'dropout P'"));
			if (rd_double(r, w[1], _("the dropout probability"), 1, &p) < 0)
				return -1;
			if (p < 0 || p >= 1)
				return rd_error(r, _("the dropout probability %s is not from 0 to below 1"), w[1]);
			if (ld->m->n_layers >= NET_MAX_LAYERS)
				return rd_error(r, _("the network has more than %d layers"), NET_MAX_LAYERS);
			model_add_dropout(ld->m, (float)p);
		} else if (n >= 1 && (strcmp(w[0], "conv") == 0 || strcmp(w[0], "pool") == 0)) {
			if (parse_image_layer(r, ld->m, w, n, &params) < 0)
				return -1;
		} else {
			return rd_error(r, _("a layer line reads 'dense ...', 'dropout P', 'conv ...' or 'pool ...'"));
		}
	}
	if (ld->m->n_layers == 0)
		return rd_error(r, _("the network has no layers; the file is damaged"));
	return 0;
}

static int
parse_settings(reader *r, loaded *ld)
{
	char *rest, *w[16];
	int n;
	trainer *t = &ld->t;
	/* loss NAME set|auto delta= l1= l2= */
	if (rd_expect(r, "loss", &rest) < 0)
		return -1;
	n = split_words(rest, w, 16);
	if (n < 0)
		return rd_error(r, _("the line has too many words; the file is damaged"));
	int lk = n >= 2 ? loss_parse(w[0]) : -1;
	if (lk < 0 || (strcmp(w[1], "set") && strcmp(w[1], "auto")))
		return rd_error(r, _("a loss line reads 'loss NAME set|auto delta=D l1=X l2=X'"));
	double delta, l1, l2;
	if (rd_kv_double(r, w, n, "delta", 1, &delta) < 0 || rd_kv_double(r, w, n, "l1", 1, &l1) < 0 ||
	    rd_kv_double(r, w, n, "l2", 1, &l2) < 0)
		return -1;
	if (delta <= 0 || l1 < 0 || l2 < 0)
		return rd_error(r, _("delta must be above 0 and the penalties 0 or more"));
	t->loss.kind = lk;
	t->loss.delta = (float)delta;
	t->loss.l1 = l1;
	t->loss.l2 = l2;
	ld->loss_set = w[1][0] == 's';
	/* optim NAME lr= ... */
	if (rd_expect(r, "optim", &rest) < 0)
		return -1;
	n = split_words(rest, w, 16);
	if (n < 0)
		return rd_error(r, _("the line has too many words; the file is damaged"));
	int ok = n >= 1 ? optim_parse(w[0]) : -1;
	if (ok < 0)
		return rd_error(r, _("'%s' is not an optimiser nnlab knows"), n >= 1 ? w[0] : "");
	optim_cfg *o = &t->opt;
	o->kind = ok;
	if (rd_kv_double(r, w, n, "lr", 1, &o->lr) < 0 || rd_kv_double(r, w, n, "momentum", 1, &o->momentum) < 0 ||
	    rd_kv_double(r, w, n, "beta1", 1, &o->beta1) < 0 || rd_kv_double(r, w, n, "beta2", 1, &o->beta2) < 0 ||
	    rd_kv_double(r, w, n, "rho", 1, &o->rho) < 0 || rd_kv_double(r, w, n, "eps", 1, &o->eps) < 0 ||
	    rd_kv_double(r, w, n, "wd", 1, &o->decay) < 0 || rd_kv_double(r, w, n, "clip", 1, &o->clip) < 0)
		return -1;
	if (!(o->lr > 0) || o->momentum < 0 || o->momentum >= 1 || o->beta1 < 0 || o->beta1 >= 1 || o->beta2 < 0 ||
	    o->beta2 >= 1 || o->rho < 0 || o->rho >= 1 || !(o->eps > 0) || o->decay < 0 || o->clip < 0)
		return rd_error(r, _("an optimiser setting is out of range (lr and eps above 0, the betas, rho and "
		                   "momentum from 0 to below 1)"));
	long v;
	if (rd_expect(r, "batch", &rest) < 0 || rd_long(r, rest, _("the batch size"), 1, 1000000, &v) < 0)
		return -1;
	t->batch = (int)v;
	if (rd_expect(r, "epochs", &rest) < 0 || rd_long(r, rest, _("the number of epochs"), 1, 10000000, &ld->epochs) < 0)
		return -1;
	/* progress epochs= steps= updates= b1t= b2t= */
	if (rd_expect(r, "progress", &rest) < 0)
		return -1;
	n = split_words(rest, w, 16);
	if (n < 0)
		return rd_error(r, _("the line has too many words; the file is damaged"));
	double ep, st, up;
	if (rd_kv_double(r, w, n, "epochs", 1, &ep) < 0 || rd_kv_double(r, w, n, "steps", 1, &st) < 0 ||
	    rd_kv_double(r, w, n, "updates", 1, &up) < 0 || rd_kv_double(r, w, n, "b1t", 1, &t->ost.b1t) < 0 ||
	    rd_kv_double(r, w, n, "b2t", 1, &t->ost.b2t) < 0)
		return -1;
	if (ep < 0 || st < 0 || up < 0 || ep > 1e15 || st > 1e15 || up > 1e15 || ep != floor(ep) || st != floor(st) ||
	    up != floor(up))
		return rd_error(r, _("the epochs, steps and updates done must be whole numbers, 0 or more"));
	t->epoch = (long)ep;
	t->step = (long)st;
	t->ost.t = (long)up;
	return 0;
}

static int
parse_data(reader *r, loaded *ld)
{
	if (!rd_next_is(r, "data"))
		return 0;
	char *s = rd_line(r);
	char *w[8];
	int n = split_words(s + 5, w, 8);
	if (n < 0)
		return rd_error(r, _("the line has too many words; the file is damaged"));
	const char *sum = kv_find(w, n, "checksum");
	double dn, dt, dd, dk;
	if (!sum || strlen(sum) != 16 || strspn(sum, "0123456789abcdef") != 16)
		return rd_error(r, _("the data line lacks a checksum of 16 hex digits"));
	if (rd_kv_double(r, w, n, "n", 1, &dn) < 0 || rd_kv_double(r, w, n, "train", 1, &dt) < 0 ||
	    rd_kv_double(r, w, n, "d", 1, &dd) < 0 || rd_kv_double(r, w, n, "k", 1, &dk) < 0)
		return -1;
	ld->has_data = 1;
	ld->data_sum = strtoull(sum, NULL, 16);
	ld->data_n = (int)dn;
	ld->data_train = (int)dt;
	ld->data_d = (int)dd;
	ld->data_k = (int)dk;
	if (rd_next_is(r, "recipe")) {
		s = rd_line(r);
		if (strlen(s) < 8)
			return rd_error(r, _("the recipe is empty; the file is damaged"));
		ld->recipe = xstrdup(s + 7);
	}
	return 0;
}

static int
parse_numbers(reader *r, loaded *ld)
{
	model *m = ld->m;
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		if (!layer_has_params(L))
			continue;
		int wr, wc;
		layer_w_shape(L, &wr, &wc);
		char *rest, *w[4], what[32];
		long li, in, out;
		if (rd_expect(r, "W", &rest) < 0)
			return -1;
		if (split_words(rest, w, 4) != 3 || rd_long(r, w[0], _("the layer number"), 1, m->n_layers, &li) < 0 ||
		    rd_long(r, w[1], _("the rows of W"), 1, NET_MAX_UNITS, &in) < 0 ||
		    rd_long(r, w[2], _("the columns of W"), 1, NET_MAX_UNITS, &out) < 0)
			return rd_error(r, _("a weight matrix starts with 'W LAYER ROWS COLUMNS'"));
		if (li != l + 1 || in != wr || out != wc)
			return rd_error(r, _("W %ld [%ld][%ld] does not match layer %d of the network (%s %d -> %d)"), li, in,
			                out, l + 1, L->kind == LAYER_CONV ? "conv, W" : "dense", wr, wc);
		snprintf(what, sizeof what, "W%d", l + 1);
		if (rd_floats(r, layer_W(m, l), (size_t)in * out, what, 1) < 0)
			return -1;
		if (rd_expect(r, "b", &rest) < 0)
			return -1;
		if (split_words(rest, w, 4) != 2 || rd_long(r, w[0], _("the layer number"), 1, m->n_layers, &li) < 0 ||
		    rd_long(r, w[1], _("the length of b"), 1, NET_MAX_UNITS, &out) < 0)
			return rd_error(r, _("a bias vector starts with 'b LAYER LENGTH'"));
		if (li != l + 1 || out != wc)
			return rd_error(r, _("b %ld [%ld] does not match layer %d of the network (%d biases)"), li, out, l + 1,
			                wc);
		snprintf(what, sizeof what, "b%d", l + 1);
		if (rd_floats(r, layer_b(m, l), (size_t)out, what, 1) < 0)
			return -1;
	}
	trainer *t = &ld->t;
	double b1t = t->ost.b1t, b2t = t->ost.b2t;
	long updates = t->ost.t;
	optim_state_reset(&t->ost, m->n_params);
	/* the optimiser's state: m and v, as its kind has them */
	int want_m = t->opt.kind == OPT_MOMENTUM || t->opt.kind == OPT_NESTEROV || t->opt.kind == OPT_ADAM;
	int want_v = t->opt.kind == OPT_RMSPROP || t->opt.kind == OPT_ADAM;
	for (int which = 0; which < 2; which++) {
		int want = which ? want_v : want_m;
		if (!rd_next_is(r, which ? "v" : "m"))
			continue;
		char *s = rd_line(r);
		if (!want)
			return rd_error(r, _("optimiser %s keeps no '%c' state, yet the file has one"), optim_names[t->opt.kind],
			                which ? 'v' : 'm');
		long cnt;
		if (rd_long(r, s + 2, _("the state's length"), 0, NET_MAX_PARAMS, &cnt) < 0)
			return -1;
		if ((size_t)cnt != m->n_params)
			return rd_error(r, _("the optimiser state has %ld numbers but the network %zu parameters"), cnt,
			                m->n_params);
		if (rd_floats(r, which ? t->ost.v : t->ost.m, (size_t)cnt, which ? _("the state v") : _("the state m"), 1) < 0)
			return -1;
	}
	t->ost.b1t = b1t;
	t->ost.b2t = b2t;
	t->ost.t = updates;
	/* history */
	char *rest;
	long nh;
	if (rd_expect(r, "history", &rest) < 0 || rd_long(r, rest, _("the history's length"), 0, TRAIN_HIST_MAX, &nh) < 0)
		return -1;
	t->hist = xreallocarray(t->hist, (size_t)(nh ? nh : 1), sizeof *t->hist);
	t->cap_hist = (size_t)(nh ? nh : 1);
	for (long i = 0; i < nh; i++) {
		char *s = rd_line(r), *w[10];
		if (!s)
			return rd_error(r, _("the file ends inside the history (%ld of %ld rows); it is cut short"), i, nh);
		if (split_words(s, w, 10) != 9)
			return rd_error(r, _("a history row has 9 numbers: epoch step lr loss acc train_loss train_acc "
			                   "test_loss test_acc"));
		train_hist *h = &t->hist[i];
		long e, st;
		double *dv[] = {&h->lr, &h->loss, &h->acc, &h->train_loss, &h->train_acc, &h->test_loss, &h->test_acc};
		if (rd_long(r, w[0], _("the epoch"), 1, 1000000000000L, &e) < 0 ||
		    rd_long(r, w[1], _("the step"), 1, 1000000000000L, &st) < 0)
			return -1;
		for (int k = 0; k < 7; k++)
			if (rd_double(r, w[2 + k], _("a history value"), 0, dv[k]) < 0)
				return -1;
		h->epoch = e;
		h->step = st;
		if (i > 0 && (e <= t->hist[i - 1].epoch || st <= t->hist[i - 1].step))
			return rd_error(r, _("the history's epochs and steps must grow from row to row"));
		t->n_hist = (size_t)i + 1;
	}
	if (nh > 0 && (t->hist[nh - 1].epoch > t->epoch || t->hist[nh - 1].step > t->step))
		return rd_error(r, _("the history goes past the progress line (epoch %ld, step %ld); the file is damaged"),
		                t->epoch, t->step);
	char *s = rd_line(r);
	if (!s || strcmp(s, "end") != 0)
		return rd_error(r, _("%s where 'end' was expected; the file is damaged or cut short"),
		                s ? _("more text") : _("the end of the file"));
	if (rd_line(r))
		return rd_error(r, _("text after 'end'; the file is damaged"));
	return 0;
}

/* Only `data` commands may be replayed from a file: a damaged or hostile
 * save must not run anything else. */
static int
recipe_safe(const char *recipe)
{
	tok_line tl;
	char err[600];
	if (tok_split(recipe, &tl, err, sizeof err) < 0)
		return 0;
	int safe = tl.n > 0;
	for (int i = 0; i < tl.n; i++) {
		const tok_cmd *c = &tl.cmd[i];
		if (c->n < 2 || strcmp(c->w[0].text, "data") != 0 || c->w[0].quoted || c->w[1].key ||
		    !strcmp(c->w[1].text, "export") || !strcmp(c->w[1].text, "show"))
			safe = 0;
	}
	tok_line_free(&tl);
	return safe;
}

/* Rebuild the saved data from its recipe unless the session has it
 * already; on failure the session's data is as before.  1 rebuilt, 0
 * kept, -1 error. */
static int
restore_data(session *s, netlab *nl, const loaded *ld, const char *path)
{
	if (!ld->has_data)
		return 0;
	if (nl->data && dataset_checksum(nl->data) == ld->data_sum)
		return 0;
	if (!ld->recipe)
		return out_error("'%s' was saved with data (checksum %016llx) that is not the current data, and the "
		                 "file has no recipe to rebuild it; make that data first, then load",
		                 path, (unsigned long long)ld->data_sum);
	if (!recipe_safe(ld->recipe))
		return out_error("the data recipe in '%s' is not a list of 'data' commands; the file is damaged", path);
	dataset *old = nl->data;
	char *old_recipe = nl->data_recipe;
	nl->data = NULL;
	nl->data_recipe = NULL;
	int echo = s->echo;
	s->echo = 0;
	out_set_mute(1);
	int rc = cmd_run_line(s, ld->recipe);
	out_set_mute(0);
	s->echo = echo;
	int good = rc == 0 && nl->data && dataset_checksum(nl->data) == ld->data_sum;
	if (!good) {
		dataset_free(nl->data);
		free(nl->data_recipe);
		nl->data = old;
		nl->data_recipe = old_recipe;
		return out_error("the data of '%s' could not be rebuilt from its recipe '%s'%s; nothing was loaded",
		                 path, ld->recipe, rc == 0 ? _(" (it gives different numbers)") : "");
	}
	dataset_free(old);
	free(old_recipe);
	return 1;
}

/* Whether a file over 1 MiB (or not a regular file: /dev/zero, a pipe)
 * has the save header as its first line that is not blank or a comment,
 * within its first 4 KiB (or no such line there); anything else is
 * refused before the whole file is read.  Smaller files are read, and
 * the parser says exactly what is wrong with them. */
static int
looks_like_save(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0 || S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && st.st_size <= (1L << 20)))
		return 1;  /* file_read says why, or the parser does */
	FILE *f = fopen(path, "rb");
	if (!f)
		return 1;
	char head[4096];
	size_t n = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	head[n] = '\0';
	const char *p = head;
	while ((size_t)(p - head) < n) {
		p += strspn(p, " \t\r\n");
		if (*p != '#')
			break;
		p += strcspn(p, "\n");
	}
	return (size_t)(p - head) >= n || strncmp(p, "nnlab-model", 11) == 0;
}

static int
cmd_load(session *s, cmd_args *a)
{
	if (args_min(a, 1, "load FILE") < 0 || args_max(a, 1, "load FILE") < 0)
		return -1;
	const char *path = a->argv[0];
	netlab *nl = net_lab(s);
	char err[NN_ERRLEN];
	reader r = {.path = path};
	size_t len, nlines = 0;
	if (!looks_like_save(path))
		return out_error("'%s' does not start with 'nnlab-model', so it is not an nnlab save file; give a file "
		                 "written by 'save'", path);
	if (file_read(path, (size_t)NETFILE_MAX_BYTES, &r.buf, &len, err) < 0)
		return out_error("%s", err);
	if (memchr(r.buf, '\0', len)) {
		free(r.buf);
		return out_error("'%s' holds NUL bytes and is not an nnlab save file", path);
	}
	for (const char *p = r.buf; (p = strchr(p, '\n')) != NULL; p++)
		nlines++;
	if (nlines > len / NETFILE_BYTES_PER_LINE + 1000) {
		free(r.buf);
		return out_error("'%s' has %zu lines in %zu bytes, too many for an nnlab save file (whose lines are rows of "
		                 "numbers); give a file written by 'save'", path, nlines, len);
	}
	rd_split(&r);
	loaded ld;
	memset(&ld, 0, sizeof ld);
	trainer_init(&ld.t);
	char *rest;
	int rc = -1;
	long version;
	if (rd_expect(&r, "nnlab-model", &rest) == 0 &&
	    rd_long(&r, rest, _("the format version"), 1, 1000000, &version) == 0) {
		if (version > NETFILE_VERSION)
			rd_error(&r, _("'%s' is format %ld, written by a newer nnlab; this one reads format %d"), path, version,
			         NETFILE_VERSION);
		else if (parse_layers(&r, &ld) == 0 && parse_settings(&r, &ld) == 0 && parse_data(&r, &ld) == 0 &&
		         parse_numbers(&r, &ld) == 0)
			rc = 0;
	}
	free(r.buf);
	free(r.lines);
	int rebuilt = 0;
	if (rc == 0) {
		rebuilt = restore_data(s, nl, &ld, path);
		rc = rebuilt < 0 ? -1 : 0;
	}
	if (rc < 0) {
		loaded_free(&ld);
		return -1;
	}
	/* everything is checked: the session takes it */
	model_free(nl->model);
	nl->model = ld.m;
	ld.m = NULL;
	trainer_free(nl->tr);
	*nl->tr = ld.t;
	nl->epochs = ld.epochs;
	nl->loss_set = ld.loss_set;
	nl->data_sum = nl->data ? dataset_checksum(nl->data) : 0;
	free(ld.recipe);
	char desc[512], c1[32];
	model_describe(nl->model, desc, sizeof desc);
	out_printf(_("loaded %s (%s parameters, %ld epochs trained) from '%s'%s\n"), desc,
	           net_count((long)nl->model->n_params, c1, sizeof c1), nl->tr->epoch, path,
	           rebuilt ? _("; its data was rebuilt from the recipe") : ld.has_data ? _("; the data is the one it was saved with") : "");
	return 0;
}

const cmd_entry cmd_load_entry = {
	.name = "load",
	.topic = "net",
	.usage = "load FILE",
	.summary = N_("load a network saved with 'save'"),
	.help = N_("Reads a file written by 'save' and checks every part of it (format, layer shapes, every number, "
	        "the optimiser's state, the history) before anything changes; a damaged file is reported as "
	        "FILE:LINE with what is wrong, and the session stays as it was.  When the file was saved with data "
	        "that is not the current data, its recipe rebuilds it (the same numbers, checked by checksum).  "
	        "Training goes on from where it was saved, at the start of the next epoch."),
	.examples = "load spiral.nn",
	.exec = cmd_load,
	.complete = COMPLETE_FILE,
};

/* ==== export ============================================================ */

static void
json_floats(strbuf *b, const float *v, size_t n)
{
	sb_putc(b, '[');
	for (size_t i = 0; i < n; i++)
		sb_printf(b, "%s%.9g", i ? ", " : "", (double)v[i]);
	sb_putc(b, ']');
}

static void
export_json(const netlab *nl, strbuf *b)
{
	const model *m = nl->model;
	sb_printf(b, "{\n  \"format\": \"nnlab-model-json\",\n  \"version\": 1,\n  \"input\": %d,\n  \"loss\": \"%s\",\n"
	             "  \"layers\": [",
	          m->n_in, loss_names[net_loss_kind(nl)]);
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		sb_puts(b, l ? ",\n    {" : "\n    {");
		if (L->kind == LAYER_DROPOUT) {
			sb_printf(b, "\"type\": \"dropout\", \"in\": %d, \"out\": %d, \"rate\": %.9g}", L->in, L->out,
			          (double)L->rate);
			continue;
		}
		if (L->kind == LAYER_POOL) {
			sb_printf(b, "\"type\": \"maxpool\", \"in\": %d, \"out\": %d, \"image\": [%d, %d, %d], \"size\": %d}",
			          L->in, L->out, L->ih, L->iw, L->ic, L->kh);
			continue;
		}
		if (L->kind == LAYER_CONV) {
			sb_printf(b, "\"type\": \"conv\", \"in\": %d, \"out\": %d, \"image\": [%d, %d, %d], "
			             "\"kernel\": [%d, %d], \"filters\": %d, \"activation\": \"%s\", \"frozen\": %s,\n"
			             "     \"layout\": \"channels-last; W [kh*kw*c][filters], row (ky*kw + kx)*c + ch\",\n"
			             "     \"W\": [",
			          L->in, L->out, L->ih, L->iw, L->ic, L->kh, L->kw, L->oc, act_names[L->act],
			          L->frozen ? "true" : "false");
			int wr = L->kh * L->kw * L->ic;
			for (int i = 0; i < wr; i++) {
				sb_puts(b, i ? ",\n           " : "");
				json_floats(b, layer_W(m, l) + (size_t)i * L->oc, (size_t)L->oc);
			}
			sb_puts(b, "],\n     \"b\": ");
			json_floats(b, layer_b(m, l), (size_t)L->oc);
			sb_putc(b, '}');
			continue;
		}
		sb_printf(b, "\"type\": \"dense\", \"in\": %d, \"out\": %d, \"activation\": \"%s\", \"frozen\": %s,\n"
		             "     \"W\": [",
		          L->in, L->out, act_names[L->act], L->frozen ? "true" : "false");
		for (int i = 0; i < L->in; i++) {
			sb_puts(b, i ? ",\n           " : "");
			json_floats(b, layer_W(m, l) + (size_t)i * L->out, (size_t)L->out);
		}
		sb_puts(b, "],\n     \"b\": ");
		json_floats(b, layer_b(m, l), (size_t)L->out);
		sb_putc(b, '}');
	}
	sb_puts(b, "\n  ]\n}\n");
}

static void
csv_value(strbuf *b, double v)
{
	sb_putc(b, ',');
	if (!isnan(v))
		sb_printf(b, "%.9g", v);
}

static void
export_csv(const netlab *nl, strbuf *b)
{
	const trainer *t = nl->tr;
	sb_puts(b, "epoch,step,lr,loss,acc,train_loss,train_acc,test_loss,test_acc\n");
	for (size_t i = 0; i < t->n_hist; i++) {
		const train_hist *h = &t->hist[i];
		sb_printf(b, "%ld,%ld", h->epoch, h->step);
		csv_value(b, h->lr);
		csv_value(b, h->loss);
		csv_value(b, h->acc);
		csv_value(b, h->train_loss);
		csv_value(b, h->train_acc);
		csv_value(b, h->test_loss);
		csv_value(b, h->test_acc);
		sb_putc(b, '\n');
	}
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcmp(s + n - k, suffix) == 0;
}

static int
cmd_export(session *s, cmd_args *a)
{
	if (args_min(a, 1, "export FILE.json|FILE.csv") < 0 || args_max(a, 1, "export FILE.json|FILE.csv") < 0)
		return -1;
	const char *path = a->argv[0];
	int json = ends_with(path, ".json"), csv = ends_with(path, ".csv");
	if (!json && !csv)
		return out_error("'export' writes FILE.json (the network) or FILE.csv (the training history), and "
		                 "'%s' ends in neither; name the file so", path);
	netlab *nl = net_lab(s);
	if (json && !nl->model)
		return out_error("there is no network to export; build one first, e.g. 'net new 2 16 tanh 3'");
	if (csv && nl->tr->n_hist == 0)
		return out_error("there is no training history to export yet; 'train' first");
	if (check_writable(s, path) < 0)
		return -1;
	strbuf b;
	sb_init(&b);
	if (json)
		export_json(nl, &b);
	else
		export_csv(nl, &b);
	char err[NN_ERRLEN], c1[32];
	if (file_write_atomic(path, b.s, b.len, err) < 0) {
		sb_free(&b);
		return out_error("%s; choose a directory you can write to", err);
	}
	if (json)
		out_printf(_("exported the network to '%s' (JSON, W as rows [in][out]), %s\n"), path,
		           net_bytes((double)b.len, c1, sizeof c1));
	else
		out_printf(_("exported the training history to '%s' (CSV, %zu epochs), %s\n"), path, nl->tr->n_hist,
		           net_bytes((double)b.len, c1, sizeof c1));
	sb_free(&b);
	return 0;
}

const cmd_entry cmd_export_entry = {
	.name = "export",
	.topic = "net",
	.usage = "export FILE.json|FILE.csv",
	.summary = N_("write the network as JSON, or the training history as CSV"),
	.help = N_("'export FILE.json' writes the network for other programs: its input size, loss and layers, "
	        "each dense layer with its activation, W as a list of rows [in][out] and b (numbers with 9 "
	        "significant digits, which read back to the same float32).  'export FILE.csv' writes the history "
	        "of training, one row per epoch: epoch, step, lr, the mean batch loss and accuracy of the epoch, "
	        "and the full evaluations on the training and test samples where 'train' made them (empty "
	        "otherwise).  nnlab-formats(5) describes both, so NumPy or PyTorch can check nnlab's numbers."),
	.examples = "export spiral.json\nexport history.csv",
	.exec = cmd_export,
	.complete = COMPLETE_FILE,
	.flags = CMD_JOB_OK,
};
