/* cmd-predict.c - running the current network on rows of a CSV file:
 * `predict FILE.csv [out=FILE]` in a session (reached from the `predict`
 * command of cmd-train.c when its first word is a file name), and
 * `nnlab --model FILE.nnl --predict FILE.csv` from the shell, which writes
 * the CSV to standard output so another program can use a trained model.
 *
 * The input file has one row per sample: the feature columns the network
 * takes, in the data's order, and optionally one more column, the label
 * (a class name or number, or the real target), which then gives the
 * accuracy (or the mean squared error).  A first row that is not all
 * numbers is a header.  The output is CSV: the features (%.9g), the
 * predicted class or value, and for class labels one probability per
 * class (%.6f).  Features are taken as the data holds them (standardised
 * data wants standardised rows), exactly as `predict X1 X2` does.
 * Not a CSV library (core/csv.c parses training data) and not a server.
 */
#include <config.h>

#include "cmd/cmd-families.h"
#include "cmd/cmd.h"
#include "cmd/netcmd.h"
#include "cmd/tokenize.h"
#include "core/act.h"
#include "core/alloc.h"
#include "core/loss.h"
#include "core/model.h"
#include "core/vmath.h"
#include "out/out.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREDICT_MAX_BYTES (64u << 20)
#define PREDICT_SHOW_ROWS 20
#define CSV_ROWS_MAX_PREDICT 1000000

/* The rows read: n rows of d features, and a label per row when given. */
typedef struct pred_rows {
	int n, d;
	float *x;        /* [n][d] */
	int has_label;
	int *y;          /* [n] class labels (classification) */
	double *t;       /* [n] targets (regression, one output) */
} pred_rows;

static void
pred_rows_free(pred_rows *r)
{
	free(r->x);
	free(r->y);
	free(r->t);
}

/* ==== reading =========================================================== */

/* Split line [p, e) at commas into fields (trimmed, outer quotes removed),
 * NUL-terminating them in place.  Returns the number of fields (at most
 * max + 1, so that too many can be reported). */
static int
split_fields(char *p, char *e, char **f, int max)
{
	int n = 0;
	for (;;) {
		char *c = p;
		while (c < e && *c != ',')
			c++;
		char *a = p, *b = c;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
			b--;
		if (b - a >= 2 && *a == '"' && b[-1] == '"') {
			a++;
			b--;
		}
		*b = '\0';
		if (n <= max)
			f[n] = a;
		n++;
		if (c >= e)
			break;
		p = c + 1;
	}
	return n;
}

static int
parse_num(const char *s, double *v)
{
	const char *why;
	return text_parse_double(s, v, &why) == 0 && isfinite(*v) ? 0 : -1;
}

/* The class that label names: a class name of the data, else its number. */
static int
class_of(const dataset *ds, int k, const char *label)
{
	for (int c = 0; ds && ds->class_names && c < ds->k; c++)
		if (strcmp(ds->class_names[c], label) == 0)
			return c;
	long v;
	const char *why;
	if (text_parse_long(label, &v, &why) == 0 && v >= 0 && v < k)
		return (int)v;
	return -1;
}

/* Read path into rows for a network of d inputs and k outputs; ds (may be
 * NULL) names the classes.  0, or -1 with "FILE:LINE: ..." in err. */
static int
read_rows(const char *path, int d, int k, const dataset *ds, int regression, pred_rows *r, char *err, size_t elen)
{
	char ferr[NN_ERRLEN];
	char *buf;
	size_t len;
	memset(r, 0, sizeof *r);
	if (file_read(path, PREDICT_MAX_BYTES, &buf, &len, ferr) < 0) {
		snprintf(err, elen, _("%s; give the path of a CSV file of at most %u MiB"), ferr, PREDICT_MAX_BYTES >> 20);
		return -1;
	}
	char **f = xmalloc((size_t)(d + 2) * sizeof *f);
	int cap = 0, line = 0, cols = -1, rc = 0;
	char *p = buf, *end = buf + len;
	if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
		p += 3;
	while (p < end && rc == 0) {
		char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		line++;
		char *next = e + 1;
		char *q = p;
		while (q < e && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q == e) {  /* blank line */
			p = next;
			continue;
		}
		int nf = split_fields(p, e, f, d + 1);
		if (nf != d && nf != d + 1) {
			snprintf(err, elen, _("%s:%d: %d column%s, but the network takes %d feature%s; give %d columns "
			         "(the features) or %d (the features, then the label)"),
			         path, line, nf, nf == 1 ? "" : "s", d, d == 1 ? "" : "s", d, d + 1);
			rc = -1;
			break;
		}
		double v;
		int numeric = 1;
		for (int i = 0; i < d; i++)
			if (parse_num(f[i], &v) < 0)
				numeric = 0;
		if (!numeric && r->n == 0 && cols < 0) {  /* the header */
			cols = nf;
			p = next;
			continue;
		}
		if (cols >= 0 && nf != cols) {
			snprintf(err, elen, _("%s:%d: %d columns, but the rows before have %d; give every row the same columns"),
			         path, line, nf, cols);
			rc = -1;
			break;
		}
		cols = nf;
		if (r->n == cap) {
			cap = cap ? cap * 2 : 64;
			r->x = xrealloc(r->x, (size_t)cap * (size_t)d * sizeof *r->x);
			r->y = xrealloc(r->y, (size_t)cap * sizeof *r->y);
			r->t = xrealloc(r->t, (size_t)cap * sizeof *r->t);
		}
		for (int i = 0; i < d && rc == 0; i++) {
			if (parse_num(f[i], &v) < 0 || fabs(v) > 1e30) {
				snprintf(err, elen, _("%s:%d:%d: '%s' is not a number; every feature must be a number"), path, line,
				         i + 1, f[i]);
				rc = -1;
			}
			r->x[(size_t)r->n * (size_t)d + (size_t)i] = (float)v;
		}
		if (rc == 0 && nf == d + 1) {
			const char *lab = f[d];
			if (regression) {
				if (k != 1 || parse_num(lab, &v) < 0) {
					snprintf(err, elen, _("%s:%d:%d: '%s' is not a target value; the last column must be a number"),
					         path, line, d + 1, lab);
					rc = -1;
				}
				r->t[r->n] = v;
			} else {
				int c = class_of(ds, k, lab);
				if (c < 0) {
					snprintf(err, elen, _("%s:%d:%d: '%s' is not one of the network's %d classes; give a class "
					         "name of the data or a number from 0 to %d"),
					         path, line, d + 1, lab, k, k - 1);
					rc = -1;
				}
				r->y[r->n] = c;
			}
		}
		if (r->n >= CSV_ROWS_MAX_PREDICT) {
			snprintf(err, elen, _("%s:%d: more than %d rows; split the file"), path, line, CSV_ROWS_MAX_PREDICT);
			rc = -1;
		}
		r->n++;
		p = next;
	}
	if (rc == 0 && r->n == 0) {
		snprintf(err, elen, _("%s has no rows of numbers; give one row per sample, %d feature%s each"), path, d,
		         d == 1 ? "" : "s");
		rc = -1;
	}
	r->d = d;
	r->has_label = cols == d + 1;
	free(f);
	free(buf);
	if (rc < 0)
		pred_rows_free(r);
	return rc;
}

/* ==== predicting ======================================================== */

/* The result as CSV in b; *correct (classification) or *sse (regression)
 * summed over rows with a label. */
static void
predict_rows(netlab *nl, const pred_rows *r, strbuf *b, long *correct, double *sse)
{
	model *m = nl->model;
	const dataset *ds = nl->data && nl->data->d == m->n_in ? nl->data : NULL;
	int k = model_n_out(m), d = r->d;
	int regression = ds ? ds->regression : net_loss_kind(nl) == LOSS_MSE || net_loss_kind(nl) == LOSS_HUBER;
	enum act_kind last = model_last_act(m);
	int lk = nl->tr->loss.kind;
	char c[64];
	for (int i = 0; i < d; i++)
		sb_printf(b, "%s,", ds ? ds->feature_names[i] : (snprintf(c, sizeof c, "x%d", i + 1), c));
	if (regression) {
		for (int j = 0; j < k; j++)
			sb_printf(b, j ? ",predicted%d" : k > 1 ? "predicted%d" : "predicted", j + 1);
	} else {
		sb_puts(b, "predicted");
		for (int j = 0; j < (k == 1 ? 2 : k); j++)
			sb_printf(b, ",p_%s", ds ? net_class_name(ds, j, c, sizeof c) : (snprintf(c, sizeof c, "%d", j), c));
	}
	sb_putc(b, '\n');
	float *p = xmalloc((size_t)(k > 2 ? k : 2) * sizeof *p);
	const int chunk = 256;
	model_reserve(m, chunk);
	for (int r0 = 0; r0 < r->n; r0 += chunk) {
		int rows = r->n - r0 < chunk ? r->n - r0 : chunk;
		const float *h = model_forward(m, r->x + (size_t)r0 * (size_t)d, rows, 0, NULL);
		const float *z = model_out_z(m);
		for (int i = 0; i < rows; i++) {
			const float *hi = h + (size_t)i * (size_t)k, *zi = z + (size_t)i * (size_t)k;
			const float *xi = r->x + (size_t)(r0 + i) * (size_t)d;
			for (int j = 0; j < d; j++)
				sb_printf(b, "%.9g,", (double)xi[j]);
			if (regression) {
				for (int j = 0; j < k; j++)
					sb_printf(b, "%s%.9g", j ? "," : "", (double)hi[j]);
				if (r->has_label) {
					double e = (double)hi[0] - r->t[r0 + i];
					*sse += e * e;
				}
				sb_putc(b, '\n');
				continue;
			}
			int cls = loss_predict(&nl->tr->loss, last, zi, hi, k);
			int np = k;
			if (k == 1) {  /* one output: the probability of class 1 */
				float q = last == ACT_SIGMOID ? hi[0] : vm_sigmoidf(zi[0]);
				p[0] = 1 - q;
				p[1] = q;
				np = 2;
			} else if (last == ACT_SOFTMAX) {
				memcpy(p, hi, (size_t)k * sizeof *p);
			} else {
				act_forward(ACT_SOFTMAX, loss_fused(lk, last) ? zi : hi, p, 1, k);
			}
			sb_puts(b, ds ? net_class_name(ds, cls, c, sizeof c) : (snprintf(c, sizeof c, "%d", cls), c));
			for (int j = 0; j < np; j++)
				sb_printf(b, ",%.6f", (double)p[j]);
			sb_putc(b, '\n');
			if (r->has_label && r->y[r0 + i] == cls)
				(*correct)++;
		}
	}
	free(p);
}

/* Checks shared by both ways in: a network with layers, ending dense. */
static int
predict_need_model(netlab *nl)
{
	if (net_need_model(nl) < 0)
		return -1;
	const model *m = nl->model;
	if (m->layers[m->n_layers - 1].kind != LAYER_DENSE)
		return out_error("the network ends with a dropout layer; add an output layer after it, e.g. 'net add 3'");
	return 0;
}

int
predict_file(session *s, const char *path, const char *out_path, int to_stdout)
{
	netlab *nl = net_lab(s);
	if (predict_need_model(nl) < 0 || (out_path && session_check_write(s, out_path) < 0))
		return -1;
	model *m = nl->model;
	const dataset *ds = nl->data && nl->data->d == m->n_in ? nl->data : NULL;
	int k = model_n_out(m);
	int regression = ds ? ds->regression : net_loss_kind(nl) == LOSS_MSE || net_loss_kind(nl) == LOSS_HUBER;
	pred_rows r;
	char err[1024];
	if (read_rows(path, m->n_in, k, ds, regression, &r, err, sizeof err) < 0)
		return out_error("%s", err);
	strbuf b;
	sb_init(&b);
	long correct = 0;
	double sse = 0;
	net_sync(nl);
	predict_rows(nl, &r, &b, &correct, &sse);
	int rc = 0;
	if (to_stdout) {
		if (fwrite(b.s, 1, b.len, stdout) != b.len || fflush(stdout) != 0)
			rc = out_error("cannot write the predictions to standard output; is the disk or pipe full?");
	} else if (out_path) {
		char ferr[NN_ERRLEN];
		if (file_write_atomic(out_path, b.s, b.len, ferr) < 0)
			rc = out_error("%s; choose a file in a directory you can write", ferr);
		else
			out_printf(_("wrote %d prediction%s to %s (features, predicted %s%s)\n"), r.n, r.n == 1 ? "" : "s",
			           out_path, regression ? _("value") : _("class"), regression ? "" : _(", one probability per class"));
	} else {
		/* the first rows on screen */
		const char *q = b.s;
		for (int line = 0; line <= PREDICT_SHOW_ROWS && *q; line++) {
			const char *e = strchr(q, '\n');
			out_printf("%.*s\n", (int)(e - q), q);
			q = e + 1;
		}
		if (r.n > PREDICT_SHOW_ROWS)
			out_printf(_("... %d more row%s; out=FILE writes them all\n"), r.n - PREDICT_SHOW_ROWS,
			           r.n - PREDICT_SHOW_ROWS == 1 ? "" : "s");
	}
	if (rc == 0 && !to_stdout && r.has_label) {
		char c1[32], c2[32];
		if (regression)
			out_printf(_("mean squared error against the file's targets: %s over %d row%s\n"),
			           net_num(s, sse / r.n, c1, sizeof c1), r.n, r.n == 1 ? "" : "s");
		else
			out_printf(_("accuracy against the file's labels: %s (%ld of %s right)\n"),
			           net_pct((double)correct / r.n, c1, sizeof c1), correct, net_count(r.n, c2, sizeof c2));
	}
	sb_free(&b);
	pred_rows_free(&r);
	return rc;
}

/* The sink of --predict: standard output carries only the CSV, so errors
 * and warnings go to standard error and the rest (the report of `load`)
 * is dropped. */
static void
stderr_write(void *ctx, enum out_kind kind, const char *s, size_t n)
{
	(void)ctx;
	if (kind == OUT_ERROR || kind == OUT_WARN)
		fwrite(s, 1, n, stderr);
}

static void
stderr_progress(void *ctx, const char *line)
{
	(void)ctx;
	(void)line;
}

static int
stderr_width(void *ctx)
{
	(void)ctx;
	return 80;
}

static void
stderr_flush(void *ctx)
{
	(void)ctx;
	fflush(stderr);
}

static const out_ops stderr_sink = {
	.write = stderr_write,
	.progress = stderr_progress,
	.width = stderr_width,
	.flush = stderr_flush,
};

int
predict_shell(session *s, const char *model_file, const char *csv_file)
{
	out_set_sink(&stderr_sink, NULL);
	strbuf line;
	sb_init(&line);
	char *q = tok_quote(model_file);
	sb_printf(&line, "load %s", q);
	free(q);
	int rc = cmd_run_line(s, line.s);
	sb_free(&line);
	if (rc == 0)
		rc = predict_file(s, csv_file, NULL, 1);
	out_set_sink(NULL, NULL);
	return rc;
}
