/* cmd-data.c - the `data` command: make a dataset with a built-in
 * generator, load one from CSV, export it, show it, split it into training
 * and test rows, standardise its features.
 *
 * Every subcommand checks all of its input, builds the new dataset aside,
 * and only then replaces the session's data and advances the session's
 * random stream, so a failed command changes nothing.  Each success also
 * records a recipe (netlab.h) that rebuilds the data exactly.  The numbers
 * come from src/core (dataset.c, csv.c); this file only talks to people.
 * Not the network or training commands (cmd-net.c, cmd-train.c).
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/netlab.h"
#include "cmd/tokenize.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/dataset.h"
#include "core/images.h"
#include "out/chart.h"
#include "out/out.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/utf8.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== shared pieces ===================================================== */

/* fmt_exact: v with as few digits as read back to the same double. */
static const char *
fmt_exact(double v, char *buf, size_t n)
{
	for (int prec = 6; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

/* Where the random numbers come from: the session's stream, or a fresh
 * stream (seed=N) started at draw at=C. */
typedef struct stream_choice {
	rng_t r;
	int own;       /* 1: seed= given; the session's stream is untouched */
} stream_choice;

static int
stream_parse(session *s, cmd_args *a, stream_choice *sc)
{
	long seed, at;
	if (arg_long(a, "seed", 0, 0, 2147483647L, &seed) < 0 || arg_long(a, "at", 0, 0, LONG_MAX, &at) < 0)
		return -1;
	if (arg_has(a, "at") && !arg_has(a, "seed"))
		return out_error("at= goes with seed=: 'seed=N at=C' starts at draw C of seed N's stream");
	sc->own = arg_has(a, "seed");
	if (sc->own) {
		sc->r.seed = (uint64_t)seed;
		sc->r.ctr = (uint64_t)at;
	} else {
		sc->r = s->rng;
	}
	return 0;
}

/* stream_recipe: " seed=S at=C" pinning the stream as it was before. */
static void
stream_recipe(strbuf *b, const rng_t *before)
{
	sb_printf(b, " seed=%llu at=%llu", (unsigned long long)before->seed, (unsigned long long)before->ctr);
}

/* stream_commit: after success, the session's stream moves on (unless a
 * seed= stream was used); returns the number of uniforms drawn. */
static uint64_t
stream_commit(session *s, const stream_choice *sc, const rng_t *before)
{
	if (!sc->own)
		s->rng = sc->r;
	return sc->r.ctr - before->ctr;
}

static void
stream_note(const stream_choice *sc, const rng_t *before, uint64_t drawn)
{
	if (drawn == 0)
		return;
	out_note("drew %llu random numbers from %s seed %llu (draws %llu to %llu)\n", (unsigned long long)drawn,
	         sc->own ? _("the fresh stream of") : _("the session's stream,"), (unsigned long long)before->seed,
	         (unsigned long long)before->ctr + 1, (unsigned long long)(before->ctr + drawn));
}

/* test_parse: test=F, a fraction from 0 up to 0.9. */
static int
test_parse(cmd_args *a, double *test)
{
	return arg_double(a, "test", 0.0, 0.0, 0.9, test);
}

/* test_check: test=F must leave rows on both sides. */
static int
test_check(double test, int n)
{
	if (test == 0.0)
		return 0;
	int nt = dataset_split_test_rows(n, test);
	if (nt < 1 || nt >= n) {
		char buf[32];
		return out_error("test=%s puts %d of the %d rows in the test set; choose a fraction that leaves rows "
		                 "on both sides, or make more points",
		                 fmt_exact(test, buf, sizeof buf), nt, n);
	}
	return 0;
}

/* recipe_start: the current recipe and "; ", to append a command to. */
static void
recipe_start(strbuf *b, const netlab *nl)
{
	if (nl->data_recipe && nl->data_recipe[0])
		sb_printf(b, "%s; ", nl->data_recipe);
}

static netlab *
data_need(session *s)
{
	netlab *nl = s->net;
	if (!nl || !nl->data) {
		out_error("there is no data yet; make some with 'data spiral' (or xor, moons, ...) or 'data load "
		          "FILE.csv'");
		return NULL;
	}
	return nl;
}

static const char *
class_name(const dataset *ds, int c, char *buf, size_t n)
{
	if (ds->class_names && ds->class_names[c])
		return ds->class_names[c];
	snprintf(buf, n, "%d", c);
	return buf;
}

/* split_line: "240 for training, 60 held out for testing". */
static void
split_line(const dataset *ds)
{
	if (ds->n_train == ds->n)
		out_printf(_("  all %d rows for training, none held out for testing (test=0.2 would hold out 20%%)\n"),
		           ds->n);
	else
		out_printf(_("  %d rows for training, %d held out for testing\n"), ds->n_train, ds->n - ds->n_train);
}

/* ==== generators ======================================================== */

typedef struct gen_def {
	const char *name;
	int classes;        /* fixed number of classes; 0: classes= (default 3); -1: regression */
	int min_n;
	double noise;       /* default noise */
	const char *shape;  /* what the points are, for the summary */
	/* the generator: with a number of classes, or without */
	dataset *(*make_k)(rng_t *r, int n, int classes, double noise);
	dataset *(*make)(rng_t *r, int n, double noise);
} gen_def;

static const gen_def gens[] = {
	{"spiral", 0, 2, 0.2, N_("interleaved spiral arms"), dataset_spiral, NULL},
	{"xor", 2, 1, 0.1, N_("clusters at the corners of the unit square, labelled a XOR b"), NULL, dataset_xor},
	{"circle", 2, 1, 0.1, N_("a circle of radius 0.5 inside a circle of radius 1"), NULL, dataset_circle},
	{"moons", 2, 2, 0.1, N_("two interleaved half circles"), NULL, dataset_moons},
	{"blobs", 0, 1, 0.5, N_("gaussian blobs around a circle of radius 2"), dataset_blobs, NULL},
	{"sine", -1, 2, 0.1, N_("t = sin x on -pi..pi, plus noise"), NULL, dataset_sine},
	{"linear", -1, 2, 0.1, N_("t = 2x + 0.5 on -1..1, plus noise"), NULL, dataset_linear},
	{"shapes", IMAGES_CLASSES, 1, 0.3, N_("outlines of a square, a plus, an x and a circle, 5 to 8 pixels across, "
	 "anywhere in the picture"), NULL, images_shapes},
	{NULL, 0, 0, 0, NULL, NULL, NULL},
};

static const gen_def *
gen_find(const char *name)
{
	for (const gen_def *g = gens; g->name; g++)
		if (strcmp(g->name, name) == 0)
			return g;
	return NULL;
}

/* data_generate: every generator subcommand; the generator is named by
 * the subcommand ("data spiral"). */
static int
data_generate(session *s, cmd_args *a)
{
	const gen_def *g = gen_find(strchr(a->name, ' ') + 1);
	char usage[64];
	snprintf(usage, sizeof usage, "data %s [n=N] [noise=X] ...", g->name);
	if (args_max(a, 0, usage) < 0)
		return -1;
	long n, k = g->classes > 0 ? g->classes : 3;
	double noise, test;
	if (g->classes == 0 && arg_long(a, "classes", 3, 2, DATASET_MAX_CLASSES, &k) < 0)
		return -1;
	long per = g->classes < 0 ? 1 : k;
	if (arg_long(a, "n", 100, g->min_n, DATASET_MAX_ROWS / per, &n) < 0)
		return -1;
	if (arg_double(a, "noise", g->noise, 0.0, 10.0, &noise) < 0 || test_parse(a, &test) < 0)
		return -1;
	stream_choice sc;
	if (stream_parse(s, a, &sc) < 0)
		return -1;
	int rows = (int)(n * per);
	if (test_check(test, rows) < 0)
		return -1;

	/* everything checked: draw */
	rng_t before = sc.r;
	dataset *ds = g->make_k ? g->make_k(&sc.r, (int)n, (int)k, noise) : g->make(&sc.r, (int)n, noise);
	if (test > 0)
		dataset_split(ds, &sc.r, test);
	strbuf recipe;
	sb_init(&recipe);
	char nb[32], tb[32];
	sb_printf(&recipe, "data %s n=%ld", g->name, n);
	if (g->classes == 0)
		sb_printf(&recipe, " classes=%ld", k);
	sb_printf(&recipe, " noise=%s", fmt_exact(noise, nb, sizeof nb));
	stream_recipe(&recipe, &before);
	if (test > 0)
		sb_printf(&recipe, " test=%s", fmt_exact(test, tb, sizeof tb));
	uint64_t drawn = stream_commit(s, &sc, &before);
	netlab_set_data(s, ds, recipe.s);
	sb_free(&recipe);

	if (g->classes < 0)
		out_printf(_("%s: %d points, 1 feature x, 1 target t: %s %s\n"), g->name, rows, _(g->shape),
		           fmt_exact(noise, nb, sizeof nb));
	else if (g->make == images_shapes)
		out_printf(_("%s: %d grey images of %dx%d pixels (%d features, row by row), %ld classes of %ld: %s "
		           "(noise %s)\n"),
		           g->name, rows, IMAGES_SIDE, IMAGES_SIDE, ds->d, k, n, _(g->shape), fmt_exact(noise, nb, sizeof nb));
	else
		out_printf(_("%s: %d points, 2 features, %ld classes of %ld: %s (noise %s)\n"), g->name, rows, k, n,
		           _(g->shape), fmt_exact(noise, nb, sizeof nb));
	split_line(ds);
	stream_note(&sc, &before, drawn);
	return 0;
}

/* ==== load ============================================================== */

static int
data_load(session *s, cmd_args *a)
{
	static const char usage[] = "data load FILE.csv [target=COL] [standardize] [regression] [test=F]";
	int want_std = arg_flag(a, "standardize");
	int want_reg = arg_flag(a, "regression");
	if (args_max(a, 1, usage) < 0)
		return -1;
	const char *path = NULL;
	for (int i = 0; i < a->argc; i++)
		if (i >= 64 || !a->used[i])
			path = a->argv[i];
	if (!path)
		return out_error("'data load' needs a file name; usage: %s", usage);
	double test;
	stream_choice sc;
	if (test_parse(a, &test) < 0 || stream_parse(s, a, &sc) < 0)
		return -1;
	const char *target = arg_str(a, "target", NULL);
	if (target && !*target)
		return out_error("target= is empty; give a column name or number, e.g. target=species or target=5");

	char ferr[NN_ERRLEN];
	char *buf;
	size_t len;
	if (file_read(path, CSV_MAX_BYTES, &buf, &len, ferr) < 0) {
		if (strstr(ferr, "too large"))
			return out_error("%s; nnlab loads CSV files of at most %u MiB", ferr, CSV_MAX_BYTES >> 20);
		return out_error("%s; check the file name", ferr);
	}
	csv_options o = {path, target, want_reg};
	csv_info info;
	dataset *ds;
	char perr[600];
	int rc = csv_parse(buf, len, &o, &ds, &info, perr, sizeof perr);
	free(buf);
	if (rc < 0)
		return out_error("%s", perr);
	if (test_check(test, ds->n) < 0) {
		dataset_free(ds);
		return -1;
	}

	rng_t before = sc.r;
	if (test > 0)
		dataset_split(ds, &sc.r, test);
	if (want_std)
		dataset_standardize(ds, NULL, NULL);
	strbuf recipe;
	sb_init(&recipe);
	char *q = tok_quote(path);
	sb_printf(&recipe, "data load %s target=%d", q, info.target_col);
	free(q);
	if (ds->regression && !info.auto_regression)
		sb_puts(&recipe, " regression");
	if (test > 0) {
		char tb[32];
		stream_recipe(&recipe, &before);
		sb_printf(&recipe, " test=%s", fmt_exact(test, tb, sizeof tb));
	}
	if (want_std)
		sb_puts(&recipe, " standardize");
	uint64_t drawn = stream_commit(s, &sc, &before);
	netlab_set_data(s, ds, recipe.s);
	sb_free(&recipe);

	strbuf b;
	sb_init(&b);
	sb_printf(&b, _("loaded %s: %d rows, %d feature%s"), ds->name, ds->n, ds->d, ds->d == 1 ? "" : "s");
	if (ds->regression)
		sb_printf(&b, _(", a number to predict"));
	else
		sb_printf(&b, _(", %d classes"), ds->k);
	sb_printf(&b, _(" (target: column %d"), info.target_col);
	if (ds->target_name)
		sb_printf(&b, _(", '%s'"), ds->target_name);
	sb_puts(&b, _(")\n"));
	out_printf("%s", b.s);
	sb_free(&b);
	out_printf("  %s\n", info.header ? _("the first row is a header of column names")
	                                 : _("no header row: the columns are called x1, x2, ..."));
	if (info.auto_regression)
		out_printf(_("  the target holds real numbers ('%s' on line %d), so this is regression\n"), info.real_text,
		           info.real_line);
	split_line(ds);
	if (want_std)
		out_printf(_("  features standardized with the training rows' mean and standard deviation\n"));
	stream_note(&sc, &before, drawn);
	return 0;
}

/* ==== export ============================================================ */

static int
data_export(session *s, cmd_args *a)
{
	if (args_min(a, 1, "data export FILE.csv") < 0 || args_max(a, 1, "data export FILE.csv") < 0)
		return -1;
	netlab *nl = data_need(s);
	if (!nl)
		return -1;
	if (session_check_write(s, a->argv[0]) < 0)
		return -1;
	const dataset *ds = nl->data;
	size_t len;
	char *text = csv_format(ds, &len);
	char err[NN_ERRLEN];
	int rc = file_write_atomic(a->argv[0], text, len, err);
	free(text);
	if (rc < 0)
		return out_error("%s; choose a directory you can write to", err);
	out_printf(_("wrote %d rows of %s to %s: %d feature%s, then the %s\n"), ds->n, ds->name, a->argv[0], ds->d,
	           ds->d == 1 ? "" : "s", ds->regression ? _("target") : _("class label"));
	if (ds->n_train < ds->n)
		out_note("training rows first, then the %d test rows; the file does not mark the split\n",
		         ds->n - ds->n_train);
	return 0;
}

/* ==== show ============================================================== */

/* pad_to: s then spaces up to width columns (UTF-8 aware); long names are
 * cut to width - 1 columns. */
static void
pad_to(strbuf *b, const char *s, size_t width)
{
	size_t keep = utf8_prefix_by_width(s, width - 1);
	sb_add(b, s, keep);
	char cut[512];
	snprintf(cut, sizeof cut, "%.*s", (int)keep, s);
	size_t w = utf8_width(cut);
	sb_pad(b, ' ', width > w ? width - w : 1);
}

static void
show_number(strbuf *b, double v)
{
	char buf[32];
	sb_printf(b, " %10s", text_fmt_num(v, buf, sizeof buf));
}

/* One row of the column table: min, max, mean, standard deviation over
 * all n rows of column j of v[n][stride]. */
static void
show_column(strbuf *b, const char *name, const float *v, int n, int stride, int j)
{
	double lo = INFINITY, hi = -INFINITY, sum = 0, ss = 0;
	for (int i = 0; i < n; i++) {
		double x = v[(size_t)i * stride + j];
		lo = x < lo ? x : lo;
		hi = x > hi ? x : hi;
		sum += x;
	}
	double mean = sum / n;
	for (int i = 0; i < n; i++) {
		double e = v[(size_t)i * stride + j] - mean;
		ss += e * e;
	}
	sb_puts(b, "  ");
	pad_to(b, name, 16);
	show_number(b, lo);
	show_number(b, hi);
	show_number(b, mean);
	show_number(b, sqrt(ss / n));
	sb_putc(b, '\n');
}

enum { SHOW_MAX_CLASSES = 20 };

static void
show_classes(strbuf *b, const dataset *ds)
{
	int *cnt = xcalloc((size_t)ds->k * 2, sizeof *cnt);
	for (int i = 0; i < ds->n; i++)
		cnt[2 * ds->y[i] + (i >= ds->n_train)]++;
	sb_puts(b, _("  class                count   train    test\n"));
	for (int c = 0; c < ds->k && c < SHOW_MAX_CLASSES; c++) {
		char buf[24];
		sb_puts(b, "  ");
		pad_to(b, class_name(ds, c, buf, sizeof buf), 20);
		sb_printf(b, "%6d  %6d  %6d\n", cnt[2 * c] + cnt[2 * c + 1], cnt[2 * c], cnt[2 * c + 1]);
	}
	if (ds->k > SHOW_MAX_CLASSES)
		sb_printf(b, _("  ... and %d more classes\n"), ds->k - SHOW_MAX_CLASSES);
	free(cnt);
}

static void
show_plot(const dataset *ds)
{
	int n = ds->n;
	double *px = xmalloc((size_t)n * sizeof *px);
	double *py = xmalloc((size_t)n * sizeof *py);
	for (int i = 0; i < n; i++) {
		px[i] = ds->x[(size_t)i * ds->d];
		py[i] = ds->d == 2 ? ds->x[(size_t)i * 2 + 1] : ds->t[(size_t)i * ds->k];
	}
	char title[160];
	snprintf(title, sizeof title, _("%s: %d points"), ds->name, n);
	chart_series ser = {.name = ds->name, .x = px, .y = py, .n = (size_t)n, .cls = ds->regression ? NULL : ds->y};
	chart c = {
		.kind = CHART_SCATTER,
		.title = title,
		.xlabel = ds->feature_names ? ds->feature_names[0] : "x1",
		.ylabel = ds->d == 2 ? (ds->feature_names ? ds->feature_names[1] : "x2")
		                     : (ds->target_name ? ds->target_name : "t"),
		.series = &ser,
		.nseries = 1,
	};
	char **names = NULL;
	if (ser.cls) {
		names = xcalloc((size_t)ds->k, sizeof *names);
		for (int k = 0; k < ds->k; k++) {
			char buf[24];
			names[k] = xstrdup(class_name(ds, k, buf, sizeof buf));
		}
		c.class_names = (const char *const *)names;
		c.nclasses = ds->k;
	}
	out_chart(&c);
	if (names)
		for (int k = 0; k < ds->k; k++)
			free(names[k]);
	free(names);
	free(px);
	free(py);
}

static int
data_show(session *s, cmd_args *a)
{
	if (args_max(a, 0, "data show") < 0)
		return -1;
	netlab *nl = data_need(s);
	if (!nl)
		return -1;
	const dataset *ds = nl->data;
	strbuf b;
	sb_init(&b);
	sb_printf(&b, _("%s: %d rows (%d training, %d test), %d feature%s, "), ds->name, ds->n, ds->n_train,
	          ds->n - ds->n_train, ds->d, ds->d == 1 ? "" : "s");
	if (ds->regression)
		sb_printf(&b, _("regression (%d target%s)\n"), ds->k, ds->k == 1 ? "" : "s");
	else
		sb_printf(&b, _("%d classes\n"), ds->k);
	if (nl->data_recipe)
		sb_printf(&b, _("recipe: %s\n"), nl->data_recipe);
	sb_printf(&b, _("checksum: %016llx\n"), (unsigned long long)dataset_checksum(ds));
	if (!ds->regression)
		show_classes(&b, ds);
	sb_puts(&b, _("  column (all rows)       min        max       mean         sd\n"));
	enum { SHOW_MAX_FEATURES = 30 };
	for (int j = 0; j < ds->d && j < SHOW_MAX_FEATURES; j++)
		show_column(&b, ds->feature_names ? ds->feature_names[j] : "x", ds->x, ds->n, ds->d, j);
	if (ds->d > SHOW_MAX_FEATURES)
		sb_printf(&b, _("  ... and %d more features\n"), ds->d - SHOW_MAX_FEATURES);
	if (ds->regression)
		for (int c = 0; c < ds->k; c++) {
			char name[128];
			snprintf(name, sizeof name, _("%s (target)"), ds->target_name ? ds->target_name : "t");
			show_column(&b, name, ds->t, ds->n, ds->k, c);
		}
	out_printf("%s", b.s);
	sb_free(&b);
	if (ds->d == 2 || (ds->d == 1 && ds->regression))
		show_plot(ds);
	return 0;
}

/* ==== split ============================================================= */

static int
data_split(session *s, cmd_args *a)
{
	if (args_max(a, 0, "data split test=F") < 0)
		return -1;
	if (!arg_has(a, "test"))
		return out_error("'data split' needs test=F, the fraction to hold out, e.g. 'data split test=0.2'");
	double test;
	stream_choice sc;
	if (test_parse(a, &test) < 0 || stream_parse(s, a, &sc) < 0)
		return -1;
	netlab *nl = data_need(s);
	if (!nl || test_check(test, nl->data->n) < 0)
		return -1;
	rng_t before = sc.r;
	dataset *ds = dataset_clone(nl->data);
	dataset_split(ds, &sc.r, test);
	strbuf recipe;
	sb_init(&recipe);
	char tb[32];
	recipe_start(&recipe, nl);
	sb_printf(&recipe, "data split test=%s", fmt_exact(test, tb, sizeof tb));
	if (test > 0)
		stream_recipe(&recipe, &before);
	uint64_t drawn = stream_commit(s, &sc, &before);
	netlab_set_data(s, ds, recipe.s);
	sb_free(&recipe);
	if (test > 0)
		out_printf(_("split %s: the %d rows in a random order, the first %d for training, the last %d for "
		           "testing\n"),
		           ds->name, ds->n, ds->n_train, ds->n - ds->n_train);
	else
		out_printf(_("split %s: all %d rows for training again\n"), ds->name, ds->n);
	stream_note(&sc, &before, drawn);
	return 0;
}

/* ==== standardize ======================================================= */

static int
data_standardize(session *s, cmd_args *a)
{
	if (args_max(a, 0, "data standardize") < 0)
		return -1;
	netlab *nl = data_need(s);
	if (!nl)
		return -1;
	dataset *ds = dataset_clone(nl->data);
	double *mean = xmalloc((size_t)ds->d * sizeof *mean);
	double *sd = xmalloc((size_t)ds->d * sizeof *sd);
	dataset_standardize(ds, mean, sd);
	strbuf recipe;
	sb_init(&recipe);
	recipe_start(&recipe, nl);
	sb_puts(&recipe, "data standardize");
	netlab_set_data(s, ds, recipe.s);
	sb_free(&recipe);
	strbuf b;
	sb_init(&b);
	sb_printf(&b, _("standardized %d feature%s: x' = (x - mean) / sd, with the mean and sd of the %d training rows\n"),
	          ds->d, ds->d == 1 ? "" : "s", ds->n_train);
	sb_puts(&b, _("  feature                mean         sd\n"));
	for (int j = 0; j < ds->d && j < 30; j++) {
		sb_puts(&b, "  ");
		pad_to(&b, ds->feature_names[j], 16);
		show_number(&b, mean[j]);
		show_number(&b, sd[j]);
		sb_putc(&b, '\n');
	}
	if (ds->d > 30)
		sb_printf(&b, _("  ... and %d more features\n"), ds->d - 30);
	out_printf("%s", b.s);
	free(mean);
	free(sd);
	sb_free(&b);
	return 0;
}

/* ==== the table entry =================================================== */

static const char *const gen_keys_k[] = {"n", "classes", "noise", "seed", "at", "test", NULL};
static const char *const gen_keys[] = {"n", "noise", "seed", "at", "test", NULL};
static const char *const load_keys[] = {"target", "test", "seed", "at", NULL};
static const char *const load_words[] = {"standardize", "regression", NULL};
static const char *const split_keys[] = {"test", "seed", "at", NULL};

static const cmd_sub data_subs[] = {
	{.name = "spiral", .usage = "spiral [n=100] [classes=3] [noise=0.2] [seed=N] [test=F]",
	 .summary = N_("interleaved spiral arms (n points per class)"), .exec = data_generate, .keys = gen_keys_k},
	{.name = "xor", .usage = "xor [n=100] [noise=0.1] [seed=N] [test=F]",
	 .summary = N_("the XOR problem: corner clusters labelled a XOR b"), .exec = data_generate, .keys = gen_keys},
	{.name = "circle", .usage = "circle [n=100] [noise=0.1] [seed=N] [test=F]",
	 .summary = N_("a small circle inside a large one"), .exec = data_generate, .keys = gen_keys},
	{.name = "moons", .usage = "moons [n=100] [noise=0.1] [seed=N] [test=F]",
	 .summary = N_("two interleaved half circles"), .exec = data_generate, .keys = gen_keys},
	{.name = "blobs", .usage = "blobs [n=100] [classes=3] [noise=0.5] [seed=N] [test=F]",
	 .summary = N_("gaussian blobs, one per class"), .exec = data_generate, .keys = gen_keys_k},
	{.name = "sine", .usage = "sine [n=100] [noise=0.1] [seed=N] [test=F]",
	 .summary = N_("regression: t = sin x plus noise"), .exec = data_generate, .keys = gen_keys},
	{.name = "linear", .usage = "linear [n=100] [noise=0.1] [seed=N] [test=F]",
	 .summary = N_("regression: t = 2x + 0.5 plus noise"), .exec = data_generate, .keys = gen_keys},
	{.name = "shapes", .usage = "shapes [n=100] [noise=0.3] [seed=N] [test=F]",
	 .summary = N_("12x12 images of four shapes (n per class), for conv layers"), .exec = data_generate,
	 .keys = gen_keys},
	{.name = "load", .usage = "load FILE.csv [target=COL] [standardize] [regression] [test=F]",
	 .summary = N_("read a CSV file: features, then a label column"), .exec = data_load, .keys = load_keys,
	 .words = load_words, .complete = COMPLETE_FILE},
	{.name = "export", .usage = "export FILE.csv", .summary = N_("write the data as CSV (features, then the label)"),
	 .exec = data_export, .complete = COMPLETE_FILE, .flags = CMD_JOB_OK},
	{.name = "show", .usage = "show", .summary = N_("class counts, column ranges and a scatter plot"),
	 .exec = data_show, .flags = CMD_JOB_OK},
	{.name = "split", .usage = "split test=F [seed=N]", .summary = N_("hold out a random fraction for testing"),
	 .exec = data_split, .keys = split_keys},
	{.name = "standardize", .usage = "standardize",
	 .summary = N_("rescale each feature to mean 0, sd 1 (training rows' statistics)"), .exec = data_standardize},
	{0},
};

const cmd_entry cmd_data_entry = {
	.name = "data",
	.topic = "data",
	.usage = "data KIND|load|export|show|split|standardize",
	.summary = N_("make, load, inspect or split the dataset"),
	.help = N_("A network learns from a dataset: rows of numbers (the features) each with the answer it "
	        "should give (a class label, or a number to predict).  'data KIND' makes one of the built-in "
	        "datasets, KIND being spiral, xor, circle, moons, blobs (classification, n points per class, "
	        "2 features) or sine, linear (regression, n points, 1 feature).  noise= sets how far the "
	        "points scatter.  'data shapes' makes 12x12 grey images (144 features, row by row) of four "
	        "outline shapes, square, plus, x and circle, each 5 to 8 pixels across at a random place, with "
	        "gaussian noise of sd noise= on every pixel: data for conv layers ('help net').\n"
	        "\n"
	        "The points are drawn from the session's random stream (see 'help seed'), so 'seed 1; data "
	        "spiral' gives the same 300 points on every machine: exactly the data of the bench workload W1, "
	        "which NumPy and PyTorch reproduce.  seed=N draws from a fresh stream of seed N instead and "
	        "leaves the session's stream alone.\n"
	        "\n"
	        "test=F holds out a fraction F of the rows, chosen at random, as a test set: training never "
	        "sees them, so the accuracy on them tells how well the network generalises.  'data split "
	        "test=F' does this to the current data.  'data standardize' shifts and scales every feature to "
	        "mean 0 and standard deviation 1, using the statistics of the training rows only (the test "
	        "rows must not leak into training).\n"
	        "\n"
	        "'data load FILE.csv' reads comma-separated values: one row per point, the feature columns, and "
	        "the target column (the last one unless target=NAME or target=NUMBER says otherwise).  A first "
	        "row of names is recognised as a header.  Labels may be words or whole numbers; a target of "
	        "real numbers (or the word regression) makes it a regression.  Any bad value is reported as "
	        "FILE:LINE:COLUMN and the current data stays as it was.  Limits: 64 MiB, 1000000 rows, 1000 "
	        "columns, 1000 classes.\n"
	        "\n"
	        "'data show' prints the counts per class, the range of each column and, for 2-D data, a scatter "
	        "plot.  'data export FILE.csv' writes the data back as CSV."),
	.examples = "seed 1\ndata spiral n=100 classes=3 noise=0.2\ndata show\ndata moons n=200 test=0.25\n"
	            "data load iris.csv target=species standardize test=0.2\ndata export spiral.csv",
	.subs = data_subs,
};
