/* cmd-plot.c - the picture commands: plot (nnlab's charts or gnuplot),
 * layout, focus, scroll and view (the workspace's panes), log (the
 * session's output); the plot sources table and the plotter setting.
 *
 * `plot WHAT` fills a chart or heatmap from a plot source (plotsrc.h) and
 * sends it where it was asked: nnlab's own text chart (the workspace's
 * chart pane, or the output), or gnuplot (src/plot) drawing a window, a
 * dumb-terminal picture or a PNG, SVG or PDF file.  gnuplot missing or
 * dying never loses the picture: the built-in chart is drawn instead.
 * The pane commands talk to the workspace only through workspace.h; in
 * line and batch modes they explain that they need it.  Not a plotting
 * language: the pictures are the ones the sources describe.
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/netcmd.h"
#include "cmd/netlab.h"
#include "cmd/plotsrc.h"
#include "cmd/workspace.h"
#include "core/alloc.h"
#include "core/loss.h"
#include "core/model.h"
#include "core/train.h"
#include "out/chart.h"
#include "out/out.h"
#include "out/outlog.h"
#include "plot/gnuplot.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ==== the sources table ================================================= */

/* Every picture `plot` knows.  Families add their own here (and their
 * names to plot_words below, for completion). */
const plot_source *const plot_sources[] = {
	&plot_source_data,
	&plot_source_boundary,
	&plot_source_net,
	&plot_source_loss,
	&plot_source_accuracy,
	&plot_source_lrfind,
	&plot_source_sweep,
	&plot_source_weights,
	&plot_source_attn,
	&plot_source_attn_task,
	&plot_source_rnn_loss,
	&plot_source_embed_loss,
	&plot_source_gd,
	&plot_source_gd_loss,
	&plot_source_rl,
	NULL,
};

/* What may follow `plot`: the sources and the subcommand (completion).
 * tests/unit/test-plot.c checks every source is here. */
const char *const plot_words[] = {"data", "boundary", "net", "loss", "accuracy", "lrfind", "sweep", "weights", "attn", "attn-task", "rnn-loss", "embed-loss",
                                  "gd", "gd-loss", "rl", "script", NULL};

const plot_source *
plot_source_find(const char *name, int report)
{
	const char *names[64];
	int n = 0;
	for (int i = 0; plot_sources[i]; i++) {
		if (strcmp(plot_sources[i]->name, name) == 0)
			return plot_sources[i];
		if (n < 64)
			names[n++] = plot_sources[i]->name;
	}
	if (report) {
		char sug[200];
		cmd_suggest(name, names, n, sug, sizeof sug);
		strbuf l;
		sb_init(&l);
		for (int i = 0; i < n; i++)
			sb_printf(&l, "%s%s", i ? ", " : "", names[i]);
		if (sug[0])
			out_error("nnlab cannot plot '%s'; did you mean %s? it plots %s", name, sug, l.s);
		else
			out_error("nnlab cannot plot '%s'; it plots %s (type 'plot' for what each shows)", name, l.s);
		sb_free(&l);
	}
	return NULL;
}

void
plot_pic_free(plot_pic *p)
{
	chart_free(p->c);
	heatmap_free(p->h);
	netdiag_free(p->d);
	p->c = NULL;
	p->h = NULL;
	p->d = NULL;
}

void
plot_pic_chart(plot_pic *p, const chart *c)
{
	p->c = chart_dup(c);
	p->h = NULL;
	p->d = NULL;
}

void
plot_pic_heatmap(plot_pic *p, const heatmap *h)
{
	p->h = heatmap_dup(h);
	p->c = NULL;
	p->d = NULL;
}

void
plot_pic_netdiag(plot_pic *p, const netdiag *d)
{
	p->d = netdiag_dup(d);
	p->c = NULL;
	p->h = NULL;
}

int
plot_source_fed(const plot_source *src, session *s)
{
	return src->fed_by && src->fed_by == s->last_slice;
}

const plot_source *
plot_first_live(session *s, int chart, plot_pic *out)
{
	/* first the sources the job feeds, then any */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; plot_sources[i]; i++) {
			const plot_source *src = plot_sources[i];
			if (!src->live || src->nargs || (pass == 0 && !plot_source_fed(src, s)))
				continue;
			plot_pic pic = {0};
			out_set_mute(1);
			int rc = src->fill(s, 0, NULL, &pic);
			out_set_mute(0);
			if (rc == 0 && (pic.c != NULL) == (chart != 0)) {
				*out = pic;
				return src;
			}
			plot_pic_free(&pic);
		}
	return NULL;
}

const char *
plot_pic_title(const plot_pic *p)
{
	return p->c ? p->c->title : p->h ? p->h->title : p->d ? p->d->title : NULL;
}

/* ==== the data source =================================================== */

/* The current data as a scatter plot: two features coloured by class, or
 * the one feature against the target (regression). */
static int
fill_data(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	netlab *nl = s->net;
	if (!nl || !nl->data)
		return out_error("there is no data to plot yet; make some first, e.g. 'data spiral' (type 'help data')");
	const dataset *ds = nl->data;
	int n = ds->n;
	double *px = xmalloc((size_t)(n ? n : 1) * sizeof *px);
	double *py = xmalloc((size_t)(n ? n : 1) * sizeof *py);
	int two = ds->d >= 2;
	for (int i = 0; i < n; i++) {
		px[i] = ds->x[(size_t)i * (size_t)ds->d];
		py[i] = two ? ds->x[(size_t)i * (size_t)ds->d + 1] : ds->regression ? ds->t[(size_t)i * (size_t)ds->k] : 0;
	}
	char title[200];
	if (ds->d > 2)
		snprintf(title, sizeof title, _("%s: %d points (the first 2 of %d features)"), ds->name, n, ds->d);
	else
		snprintf(title, sizeof title, _("%s: %d points"), ds->name, n);
	int by_class = !ds->regression && ds->y;
	chart_series ser = {.name = ds->name, .x = px, .y = py, .n = (size_t)n, .cls = by_class ? ds->y : NULL};
	chart c = {
		.kind = CHART_SCATTER,
		.title = title,
		.xlabel = ds->feature_names ? ds->feature_names[0] : "x1",
		.ylabel = two ? (ds->feature_names ? ds->feature_names[1] : "x2") : (ds->target_name ? ds->target_name : "y"),
		.series = &ser,
		.nseries = 1,
	};
	char **names = NULL;
	if (by_class) {
		names = xcalloc((size_t)ds->k + 1, sizeof *names);
		for (int k = 0; k < ds->k; k++) {
			char buf[24];
			snprintf(buf, sizeof buf, "%d", k);
			names[k] = xstrdup(ds->class_names && ds->class_names[k] ? ds->class_names[k] : buf);
		}
		c.class_names = (const char *const *)names;
		c.nclasses = ds->k;
	}
	plot_pic_chart(out, &c);
	for (int k = 0; names && k < ds->k; k++)
		free(names[k]);
	free(names);
	free(px);
	free(py);
	return 0;
}

const plot_source plot_source_data = {
	.name = "data",
	.summary = N_("the current data: two features coloured by class, or x against the target"),
	.fill = fill_data,
};

/* ==== the boundary source =============================================== */

/* The grid the decision regions are computed on: cells of about the same
 * width and height on a terminal (characters are twice as tall as wide). */
#define BOUNDARY_COLS 48
#define BOUNDARY_ROWS 24

/* boundary_range: the range of feature f over every row, widened a little. */
static void
boundary_range(const dataset *ds, int f, double *lo, double *hi)
{
	*lo = *hi = ds->x[f];
	for (int i = 1; i < ds->n; i++) {
		double v = ds->x[(size_t)i * (size_t)ds->d + (size_t)f];
		*lo = v < *lo ? v : *lo;
		*hi = v > *hi ? v : *hi;
	}
	/* a margin of 5% on each side; a flat feature gets a width of 1 */
	double m = *hi > *lo ? (*hi - *lo) * 0.05 : 0.5;
	*lo -= m;
	*hi += m;
}

/* The decision regions of the current 2-D classifier: the class it
 * predicts at the centre of every cell of a grid over the data's range,
 * with the data points drawn over it as their class digits.  The model
 * is run on a copy, so nothing the trainer keeps is touched. */
static int
fill_boundary(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	netlab *nl = s->net;
	if (!nl || !nl->data)
		return out_error("there is no data to plot yet; make 2-D classes first, e.g. 'data spiral' (type 'help "
		                 "data')");
	const dataset *ds = nl->data;
	if (ds->regression || !ds->y)
		return out_error("decision regions need class labels, but the data '%s' has real targets; try 'plot data' "
		                 "or 'plot loss'", ds->name);
	if (ds->d != 2)
		return out_error("decision regions are drawn over two features, but the data '%s' has %d; use 2-D data "
		                 "such as 'data spiral' or 'data moons'", ds->name, ds->d);
	if (ds->k > 36)
		return out_error("the data '%s' has %d classes; decision regions are drawn for at most 36", ds->name,
		                 ds->k);
	if (!nl->model)
		return out_error("there is no network yet to draw the decision regions of; make one, e.g. 'net new 2 16 "
		                 "tanh %d'", ds->k);
	if (net_check_fit(nl, 0) < 0)
		return -1;
	double x0, x1, y0, y1;
	boundary_range(ds, 0, &x0, &x1);
	boundary_range(ds, 1, &y0, &y1);
	int rows = BOUNDARY_ROWS, cols = BOUNDARY_COLS;
	size_t cells = (size_t)rows * (size_t)cols;
	/* row 0 is the top of the picture: the largest second feature */
	float *grid = xmalloc(cells * 2 * sizeof *grid);
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++) {
			size_t at = (size_t)r * (size_t)cols + (size_t)c;
			grid[at * 2] = (float)(x0 + (c + 0.5) * (x1 - x0) / cols);
			grid[at * 2 + 1] = (float)(y1 - (r + 0.5) * (y1 - y0) / rows);
		}
	model *m = model_clone(nl->model);
	const float *h = model_forward(m, grid, (int)cells, 0, NULL);
	const float *z = model_out_z(m);
	int k = model_n_out(m);
	enum act_kind last = model_last_act(m);
	loss_cfg lc = nl->tr ? nl->tr->loss : (loss_cfg){0};
	lc.kind = (enum loss_kind)net_loss_kind(nl);
	float *cls = xmalloc(cells * sizeof *cls);
	for (size_t i = 0; i < cells; i++)
		cls[i] = (float)loss_predict(&lc, last, z + i * (size_t)k, h + i * (size_t)k, k);
	model_free(m);
	free(grid);
	/* the data points: the most common class among the points in a cell */
	char *marks = xcalloc(cells, 1);
	int *votes = xcalloc(cells * (size_t)ds->k, sizeof *votes);
	for (int i = 0; i < ds->n; i++) {
		double px = ds->x[(size_t)i * 2], py = ds->x[(size_t)i * 2 + 1];
		int c = (int)floor((px - x0) / (x1 - x0) * cols), r = (int)floor((y1 - py) / (y1 - y0) * rows);
		if (c < 0 || c >= cols || r < 0 || r >= rows || ds->y[i] < 0 || ds->y[i] >= ds->k)
			continue;
		size_t at = (size_t)r * (size_t)cols + (size_t)c;
		votes[at * (size_t)ds->k + (size_t)ds->y[i]]++;
	}
	for (size_t at = 0; at < cells; at++) {
		int best = -1, most = 0;
		for (int j = 0; j < ds->k; j++)
			if (votes[at * (size_t)ds->k + (size_t)j] > most)
				most = votes[at * (size_t)ds->k + (size_t)j], best = j;
		if (best >= 0)
			marks[at] = "0123456789abcdefghijklmnopqrstuvwxyz"[best];
	}
	free(votes);
	/* row labels: the second feature at every fourth row */
	char **rl = xcalloc((size_t)rows, sizeof *rl);
	for (int r = 0; r < rows; r++) {
		char buf[32] = "";
		if (r % 4 == 0 || r == rows - 1)
			snprintf(buf, sizeof buf, "%.2f", y1 - (r + 0.5) * (y1 - y0) / rows);
		rl[r] = xstrdup(buf);
	}
	char desc[200], title[400];
	model_describe(nl->model, desc, sizeof desc);
	const char *f1 = ds->feature_names ? ds->feature_names[0] : "x1";
	const char *f2 = ds->feature_names ? ds->feature_names[1] : "x2";
	snprintf(title, sizeof title, _("decision regions of %s on %s (%s %.2f to %.2f across, %s up)"), desc, ds->name,
	         f1, x0, x1, f2);
	heatmap hm = {
		.title = title,
		.rows = rows,
		.cols = cols,
		.v = cls,
		.row_labels = (const char *const *)rl,
		.lo = 0,
		.hi = ds->k - 1,
		.categorical = 1,
		.marks = marks,
		.x0 = x0,
		.x1 = x1,
		.y0 = y0,
		.y1 = y1,
		.xname = f1,
		.yname = f2,
	};
	if (ds->k == 1)
		hm.lo = hm.hi = 0;
	plot_pic_heatmap(out, &hm);
	for (int r = 0; r < rows; r++)
		free(rl[r]);
	free(rl);
	free(marks);
	free(cls);
	return 0;
}

const plot_source plot_source_boundary = {
	.name = "boundary",
	.summary = N_("the decision regions of the 2-D classifier, with the data over them"),
	.fill = fill_boundary,
	.live = 1,
};

/* ==== the network diagram =============================================== */

/* The network as a diagram: the input, then every layer with its size and
 * activation and its weights shaded by sign and size (a row per unit, a
 * column per input).  After a step, each layer with weights shows the
 * size of its last gradient, and the layer whose gradient was largest
 * against its weights -- the one that step changed most -- is marked. */
static int
fill_net(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	netlab *nl = s->net;
	if (!nl || !nl->model)
		return out_error("there is no network to draw yet; make one, e.g. 'net new 2 16 tanh 3' (type 'help net')");
	const model *m = nl->model;
	netdiag_layer *L = xcalloc((size_t)m->n_layers, sizeof *L);
	char **notes = xcalloc((size_t)m->n_layers, sizeof *notes);
	float **wt = xcalloc((size_t)m->n_layers, sizeof *wt);
	double best = 0;
	int hot = -1;
	for (int l = 0; l < m->n_layers; l++) {
		const layer *ly = &m->layers[l];
		char name[200];
		net_layer_name(m, l, name, sizeof name);
		L[l].name = xstrdup(name);
		size_t nw = layer_n_weights(ly);
		if (!layer_has_params(ly) || nw == 0)
			continue;
		/* W is [I][O] (conv: [KH*KW*C][K]); shown a row per unit */
		int units = ly->kind == LAYER_CONV ? ly->oc : ly->out;
		int ins = (int)(nw / (size_t)units);
		const float *W = m->params + ly->w_off, *dW = m->grads + ly->w_off;
		wt[l] = xmalloc(nw * sizeof *wt[l]);
		double w2 = 0, g2 = 0;
		for (int i = 0; i < ins; i++)
			for (int o = 0; o < units; o++) {
				float w = W[(size_t)i * (size_t)units + (size_t)o];
				float g = dW[(size_t)i * (size_t)units + (size_t)o];
				wt[l][(size_t)o * (size_t)ins + (size_t)i] = w;
				w2 += (double)w * w;
				g2 += (double)g * g;
			}
		L[l].rows = units;
		L[l].cols = ins;
		L[l].w = wt[l];
		char nb[160];
		snprintf(nb, sizeof nb, _("|W| %.3g, last gradient |dW| %.3g%s"), sqrt(w2), sqrt(g2),
		         ly->frozen ? _(" (frozen)") : "");
		notes[l] = xstrdup(nb);
		L[l].note = notes[l];
		double rel = w2 > 0 ? sqrt(g2 / w2) : sqrt(g2);
		if (!ly->frozen && rel > best)
			best = rel, hot = l;
	}
	if (hot >= 0)
		L[hot].hot = 1;
	char desc[200], title[300], input[300];
	model_describe(m, desc, sizeof desc);
	char np[40];
	snprintf(title, sizeof title, _("network %s: %s parameters"), desc, net_count((long)m->n_params, np, sizeof np));
	const dataset *ds = nl->data;
	if (ds && ds->d == m->n_in && ds->feature_names && ds->d <= 4) {
		size_t len = (size_t)snprintf(input, sizeof input, _("input: %d feature%s ("), m->n_in, m->n_in == 1 ? "" : "s");
		for (int i = 0; i < ds->d && len < sizeof input; i++)
			len += (size_t)snprintf(input + len, sizeof input - len, "%s%s", i ? ", " : "", ds->feature_names[i]);
		if (len < sizeof input)
			snprintf(input + len, sizeof input - len, ")");
	} else {
		snprintf(input, sizeof input, _("input: %d feature%s"), m->n_in, m->n_in == 1 ? "" : "s");
	}
	netdiag d = {
		.title = title,
		.input = input,
		.nlayers = m->n_layers,
		.layers = L,
		.legend = hot >= 0 ? _("weights: rows are units, columns inputs; > the layer the last step changed most")
		                   : _("weights: rows are units, columns inputs"),
	};
	plot_pic_netdiag(out, &d);
	for (int l = 0; l < m->n_layers; l++) {
		free((char *)L[l].name);
		free(notes[l]);
		free(wt[l]);
	}
	free(L);
	free(notes);
	free(wt);
	return 0;
}

const plot_source plot_source_net = {
	.name = "net",
	.summary = N_("the network: its layers, their sizes, activations and weights"),
	.fill = fill_net,
	.live = 1,
};

/* ==== the plotter: the family's state =================================== */

enum plotter_mode { PLOTTER_TEXT, PLOTTER_GNUPLOT };
static const char *const plotter_names[] = {"text", "gnuplot", NULL};

/* Live windows are redrawn at most this often while a job runs. */
#define LIVE_MS 500

struct plotter {
	enum plotter_mode mode;
	gnuplot *gp;
	/* the window being kept up to date while training runs */
	char *live;            /* source name, or NULL */
	char *live_arg;        /* its argument, or NULL */
	gp_target live_target;
	long live_last_ms;
	int live_pending;      /* a redraw the throttle held back */
	/* the job for which a live window was last looked for (set plotter
	 * gnuplot opens the loss by itself when a job starts) */
	const void *auto_job;
};

static struct plotter *
plotter_get_state(session *s)
{
	if (!s->plot) {
		s->plot = xcalloc(1, sizeof *s->plot);
		s->plot->mode = PLOTTER_TEXT;
	}
	return s->plot;
}

static gnuplot *
plotter_gnuplot(session *s)
{
	struct plotter *p = plotter_get_state(s);
	if (!p->gp) {
		const char *prog = getenv("NNLAB_GNUPLOT");
		p->gp = gp_new(prog);
	}
	return p->gp;
}

static void
live_clear(struct plotter *p)
{
	free(p->live);
	free(p->live_arg);
	p->live = p->live_arg = NULL;
}

void
plot_family_free(session *s)
{
	if (!s->plot)
		return;
	out_set_tick_hook(NULL, NULL);
	gp_free(s->plot->gp);
	live_clear(s->plot);
	free(s->plot);
	s->plot = NULL;
}

static void live_tick(void *ctx);

int
plotter_set(session *s, const char *value)
{
	for (int i = 0; plotter_names[i]; i++)
		if (strcmp(value, plotter_names[i]) == 0) {
			plotter_get_state(s)->mode = (enum plotter_mode)i;
			if (i == PLOTTER_TEXT)
				live_clear(s->plot);
			else
				out_set_tick_hook(live_tick, s);
			return 0;
		}
	return out_error("plotter '%s' is not known; choose text (nnlab's own charts) or gnuplot", value);
}

void
plotter_get(session *s, strbuf *out)
{
	sb_puts(out, plotter_names[s->plot ? s->plot->mode : PLOTTER_TEXT]);
}

/* ==== sending pictures to gnuplot ======================================= */

static void
script_for(const plot_pic *pic, const gp_target *t, strbuf *b)
{
	if (pic->c)
		gp_script_chart(pic->c, t, b);
	else if (pic->h)
		gp_script_heatmap(pic->h, t, b);
	else
		gp_script_netdiag(pic->d, t, b);
}

/* Which window terminal this gnuplot has, if a window can open here at
 * all; NULL with why filled in otherwise. */
static const char *
window_terminal(gnuplot *g, char *why, size_t n)
{
	const char *disp = getenv("DISPLAY"), *way = getenv("WAYLAND_DISPLAY");
	if (!(disp && disp[0]) && !(way && way[0])) {
		snprintf(why, n, "%s", _("there is no display here (DISPLAY is not set)"));
		return NULL;
	}
	static const char *const terms[] = {"qt", "wxt", "x11", NULL};
	for (int i = 0; terms[i]; i++) {
		int r = gp_has_terminal(g, terms[i], why, n);
		if (r < 0)
			return NULL;
		if (r)
			return terms[i];
	}
	snprintf(why, n, "%s", _("this gnuplot cannot open windows; install gnuplot-qt for that"));
	return NULL;
}

/* Report what gnuplot said: errors as errors (-1), the rest as warnings. */
static int
report_msgs(const char *msgs)
{
	int bad = 0;
	const char *p = msgs;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		/* skip blank lines and gnuplot's echo of the offending line */
		const char *q = p;
		while (q < p + len && (*q == ' ' || *q == '\t'))
			q++;
		/* masked cells are sent as NaN on purpose */
		int expected = memmem(p, len, "missing or undefined values", 27) != NULL;
		if (q < p + len && !expected) {
			strbuf line;
			sb_init(&line);
			utf8_append_safe(&line, q, (size_t)(p + len - q), 0);
			if (strstr(line.s, "line ") && strstr(line.s, ":") && !strstr(line.s, "warning")) {
				out_error("gnuplot refused the script: %s; type 'plot script ...' to see it", line.s);
				bad = 1;
			} else if (strstr(line.s, "warning")) {
				out_warn("gnuplot: %s", line.s);
			}
			sb_free(&line);
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return bad ? -1 : 0;
}

/* Draw pic with nnlab's own renderer (the chart pane in the workspace). */
static void
show_builtin(session *s, plot_pic *pic, const char *source, int argc, const char *const *argv)
{
	(void)s;
	void *ctx;
	const workspace_ops *ws = workspace_get(&ctx);
	if (ws && ws->show && ws->show(ctx, pic, source, argc, argv) == 0)
		return;
	if (pic->c) {
		out_chart(pic->c);
	} else if (pic->h) {
		out_heatmap(pic->h);
	} else {
		strbuf b;
		sb_init(&b);
		netdiag_render_text(pic->d, out_width(), out_unicode(), &b);
		out_printf("%s", b.s);
		sb_free(&b);
	}
}

/* Print a dumb-terminal picture: without the form feed gnuplot starts
 * it with, blank lines at its ends, or blanks at the ends of lines. */
static void
print_dumb(const char *text)
{
	strbuf b;
	sb_init(&b);
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		size_t start = b.len;
		for (size_t i = 0; i < len; i++)
			if (p[i] != '\f')
				sb_putc(&b, p[i]);
		while (b.len > start && b.s[b.len - 1] == ' ')
			b.len--;
		if (b.len == start && start == 0) {
			/* a blank line before the picture */
		} else {
			b.s[b.len] = '\0';
			sb_putc(&b, '\n');
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	while (b.len >= 2 && b.s[b.len - 1] == '\n' && b.s[b.len - 2] == '\n')
		b.len--;
	b.s[b.len] = '\0';
	if (b.len)
		out_printf("%s", b.s);
	sb_free(&b);
}

/* Send pic to gnuplot at target t.  0 on success; -1 after a message:
 * an error, or a warning when soft (nnlab then draws the picture itself,
 * so nothing asked for is lost). */
static int
send_gnuplot(session *s, const plot_pic *pic, const gp_target *t, int soft)
{
	gnuplot *g = plotter_gnuplot(s);
	strbuf script, out, msgs;
	sb_init(&script);
	sb_init(&out);
	sb_init(&msgs);
	script_for(pic, t, &script);
	char err[600];
	int rc = gp_run(g, script.s, &out, &msgs, err, sizeof err);
	if (rc < 0 && soft) {
		out_warn("%s", err);
	} else if (rc < 0) {
		out_error("%s", err);
	} else {
		rc = report_msgs(msgs.s);
		if (t->kind == GP_DUMB)
			print_dumb(out.s);
	}
	sb_free(&script);
	sb_free(&out);
	sb_free(&msgs);
	return rc;
}

/* ==== live windows during training ====================================== */

/* With no live window yet, when a job starts: follow the first live chart
 * that has something to show (the loss when training) in a window, if a
 * window can open here; asked once per job. */
static void
live_pick(session *s, struct plotter *p)
{
	if (p->auto_job == s->job)
		return;
	p->auto_job = s->job;
	char why[600];
	const char *term = window_terminal(plotter_gnuplot(s), why, sizeof why);
	if (!term)
		return;
	plot_pic pic = {0};
	const plot_source *src = plot_first_live(s, 1, &pic);
	plot_pic_free(&pic);
	if (src) {
		gp_target_parse("window", &p->live_target, NULL, 0);
		p->live_target.window = term;
		p->live = xstrdup(src->name);
		p->live_last_ms = 0;
		out_note("(the %s is drawn in a gnuplot window while %s runs)", src->name, s->job->name);
	}
}

static void
live_tick(void *ctx)
{
	session *s = ctx;
	struct plotter *p = s->plot;
	if (!p || p->mode != PLOTTER_GNUPLOT)
		return;
	/* the tick after a job ended (train_finish gives one) draws the
	 * last state the throttle held back */
	if (!s->job && !(p->live && p->live_pending))
		return;
	if (s->job && !p->live)
		live_pick(s, p);
	if (!p->live)
		return;
	long now = (long)out_clock_ms();
	if (s->job && now - p->live_last_ms < LIVE_MS) {
		p->live_pending = 1;
		return;
	}
	p->live_last_ms = now;
	p->live_pending = 0;
	const plot_source *src = plot_source_find(p->live, 0);
	if (!src)
		return;
	const char *argv[1] = {p->live_arg};
	plot_pic pic = {0};
	if (src->fill(s, p->live_arg ? 1 : 0, argv, &pic) < 0 || send_gnuplot(s, &pic, &p->live_target, 1) < 0) {
		out_note("(the live %s window stops updating; 'plot %s' starts it again)", p->live, p->live);
		live_clear(p);
	}
	plot_pic_free(&pic);
}

/* ==== plot ============================================================== */

static void
plot_list(void)
{
	out_printf(_("plot WHAT draws one of these (to=window|dumb|FILE.png|FILE.svg|FILE.pdf for gnuplot):\n"));
	for (int i = 0; plot_sources[i]; i++) {
		const plot_source *src = plot_sources[i];
		char what[64];
		snprintf(what, sizeof what, "%s%s%s", src->name, src->args ? " " : "", src->args ? src->args : "");
		out_printf("  %-16s %s\n", what, _(src->summary));
	}
}

/* Parse WHAT [ARG] [to=...] and fill the picture; everything is checked
 * before anything is drawn.  -1 after an error. */
static int
plot_prepare(session *s, cmd_args *a, const char *usage, const plot_source **srcp, plot_pic *pic, gp_target *t,
             int *have_to)
{
	if (args_min(a, 1, usage) < 0)
		return -1;
	const plot_source *src = plot_source_find(a->argv[0], 1);
	if (!src)
		return -1;
	if (a->argc - 1 < src->nargs)
		return out_error("'plot %s' needs %s; write 'plot %s %s'", src->name, src->args, src->name, src->args);
	if (a->argc - 1 > src->nargs && !src->nargs)
		return out_error("'plot %s' takes nothing more, not '%s'; type 'plot' for the list", src->name,
		                 a->argv[1]);
	if (a->argc - 1 > src->nargs)
		return out_error("'plot %s' takes %s, not '%s'; type 'plot' for the list", src->name, src->args,
		                 a->argv[1 + src->nargs]);
	const char *to = arg_str(a, "to", NULL);
	*have_to = to != NULL;
	if (to) {
		char err[600];
		if (gp_target_parse(to, t, err, sizeof err) < 0)
			return out_error("%s", err);
		if (t->file[0] && session_check_write(s, t->file) < 0)
			return -1;
	} else {
		gp_target_parse("window", t, NULL, 0);
	}
	int w = out_width();
	t->cols = w < 40 ? 40 : w;
	t->rows = 24;
	*srcp = src;
	/* Chinese titles only where they can be drawn: an image file needs a
	 * font with the glyphs (gp_titles_zh says whether there is one) */
	if (i18n_lang() == LANG_ZH && !gp_titles_zh(t)) {
		i18n_set(LANG_EN);
		int rc = src->fill(s, a->argc - 1, a->argv + 1, pic);
		i18n_set(LANG_ZH);
		return rc;
	}
	return src->fill(s, a->argc - 1, a->argv + 1, pic);
}

/* Whether the picture gnuplot wrote at path is whole: it ends the way a
 * PNG (the IEND chunk), an SVG (</svg>) or a PDF (%%EOF) ends, so a file
 * cut short by a full disk is never taken for the picture. */
static int
picture_complete(const char *path, enum gp_kind kind)
{
	static const char *const ends[] = {"", "", "IEND", "</svg>", "%%EOF"};
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char tail[64];
	size_t n = 0;
	if (fseek(f, -(long)sizeof tail, SEEK_END) != 0)
		rewind(f);
	n = fread(tail, 1, sizeof tail, f);
	fclose(f);
	size_t el = strlen(ends[kind]);
	for (size_t i = 0; el && i + el <= n; i++)
		if (memcmp(tail + i, ends[kind], el) == 0)
			return 1;
	return 0;
}

static int
cmd_plot(session *s, cmd_args *a)
{
	if (a->argc == 0 && a->nkv == 0) {
		plot_list();
		return 0;
	}
	const plot_source *src;
	plot_pic pic = {0};
	gp_target t;
	int have_to;
	if (plot_prepare(s, a, "plot WHAT [to=window|dumb|FILE.png|FILE.svg|FILE.pdf]", &src, &pic, &t, &have_to) < 0)
		return -1;
	struct plotter *p = plotter_get_state(s);
	int argc = a->argc - 1;
	const char *const *argv = a->argv + 1;
	if (!have_to && p->mode == PLOTTER_TEXT) {
		show_builtin(s, &pic, src->name, argc, argv);
		plot_pic_free(&pic);
		return 0;
	}
	int rc = 0;
	if (t.kind == GP_WINDOW) {
		char why[600];
		gnuplot *g = plotter_gnuplot(s);
		t.window = window_terminal(g, why, sizeof why);
		if (!t.window) {
			if (have_to) {
				out_error("no gnuplot window can open: %s; write to=FILE.png (or .svg, .pdf) or to=dumb", why);
				show_builtin(s, &pic, src->name, argc, argv);
				plot_pic_free(&pic);
				return -1;
			}
			out_note("(no gnuplot window: %s; drawn with gnuplot's dumb terminal)", why);
			t.kind = GP_DUMB;
		}
	}
	int soft = t.kind == GP_WINDOW || t.kind == GP_DUMB;
	/* a file is drawn beside its name and renamed over it only once
	 * gnuplot has finished it, so a full disk keeps an earlier picture */
	gp_target sent = t;
	if (t.file[0] && strlen(t.file) + 24 < sizeof sent.file)
		sprintf(sent.file + strlen(t.file), ".tmp.%ld", (long)getpid());
	if (t.file[0]) {
		/* a directory that cannot take the file is said plainly (gnuplot
		 * would only say "cannot open file") */
		int fd = open(sent.file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0) {
			out_error("cannot write '%s': %s; choose a directory you can write to", t.file, nn_strerror(errno));
			plot_pic_free(&pic);
			return -1;
		}
		close(fd);
	}
	if (send_gnuplot(s, &pic, &sent, soft) < 0) {
		if (t.file[0])
			unlink(sent.file);
		/* the picture is not lost: nnlab draws it itself */
		out_note("(nnlab's own chart instead:)");
		show_builtin(s, &pic, src->name, argc, argv);
		rc = soft ? 0 : -1;
	} else if (t.file[0]) {
		static const char *const kinds[] = {"", "", N_("PNG image"), N_("SVG image"), N_("PDF document")};
		if (picture_complete(sent.file, t.kind) && (strcmp(sent.file, t.file) == 0 || rename(sent.file, t.file) == 0)) {
			out_printf(_("wrote %s (%s)\n"), t.file, _(kinds[t.kind]));
		} else {
			unlink(sent.file);
			rc = out_error("gnuplot did not finish writing '%s'; is the disk full or the directory not writable? "
			               "(an earlier file of that name is unchanged)", t.file);
		}
	} else if (t.kind == GP_WINDOW) {
		out_printf(_("drawn in a gnuplot window%s\n"), src->live ? _(" (kept up to date while training runs)") : "");
		live_clear(p);
		if (src->live) {
			p->live = xstrdup(src->name);
			p->live_arg = argc ? xstrdup(argv[0]) : NULL;
			p->live_target = t;
			out_set_tick_hook(live_tick, s);
		}
	}
	plot_pic_free(&pic);
	return rc;
}

static int
cmd_plot_script(session *s, cmd_args *a)
{
	const plot_source *src;
	plot_pic pic = {0};
	gp_target t;
	int have_to;
	if (plot_prepare(s, a, "plot script WHAT [to=...]", &src, &pic, &t, &have_to) < 0)
		return -1;
	if (t.kind == GP_WINDOW)
		t.window = "qt";
	strbuf b;
	sb_init(&b);
	script_for(&pic, &t, &b);
	out_printf(_("# the gnuplot script for 'plot %s'; run it with: gnuplot -persist FILE\n%s"), src->name, b.s);
	sb_free(&b);
	plot_pic_free(&pic);
	return 0;
}

static const char *const plot_keys[] = {"to", NULL};

static const cmd_sub plot_subs[] = {
	{.name = "script",
	 .usage = "script WHAT [to=...]",
	 .summary = N_("print the gnuplot script that draws WHAT, data included"),
	 .exec = cmd_plot_script,
	 .keys = plot_keys,
	 .words = plot_words,
	 .complete = COMPLETE_WORDS,
	 .flags = CMD_JOB_OK},
	{0},
};

const cmd_entry cmd_plot_entry = {
	.name = "plot",
	.topic = "plot",
	.usage = "plot WHAT [to=window|dumb|FILE.png|FILE.svg|FILE.pdf]",
	.summary = N_("draw a picture of the data, the training or the model"),
	.help = N_("Draws WHAT: type 'plot' alone for the list.  With 'set plotter text' (the default) "
	        "nnlab draws it itself: in the chart pane of the workspace, or as text in the "
	        "output.  to= hands it to gnuplot instead: to=window opens a gnuplot window, "
	        "to=dumb draws it as gnuplot's text picture, and a file name ending in .png, .svg "
	        "or .pdf writes an image (no display needed).  With 'set plotter gnuplot', plain "
	        "'plot WHAT' goes to a gnuplot window, which a live picture such as the loss keeps "
	        "up to date while training runs (with none open, training opens the loss there).\n"
	        "\n"
	        "'plot boundary' shades the class the network predicts over the plane of a two-feature "
	        "dataset, with the data points over it as their class digits, so you see where the "
	        "decision boundaries run.  'plot net' draws the network: each layer with its size and "
	        "activation, and its weights shaded by sign and size (a row per unit, a column per "
	        "input); after a 'step' the layer whose weights that step changed most is marked "
	        "with '>'.  In the workspace both go to the view pane and follow training as it runs.\n"
	        "\n"
	        "'plot script WHAT' prints the gnuplot script instead of running it: the "
	        "commands and the data, so you can see how the picture is made and change it.  "
	        "Without gnuplot installed (apt-get install gnuplot-nox, or gnuplot-qt for "
	        "windows), nnlab says so and draws its own chart."),
	.examples = "plot data\nplot data to=dumb\nplot data to=spiral.png\nplot boundary\nplot net\nplot script data",
	.exec = cmd_plot,
	.subs = plot_subs,
	.keys = plot_keys,
	.words = plot_words,
	.complete = COMPLETE_WORDS,
	.flags = CMD_JOB_OK,
};

/* ==== layouts and panes ================================================= */

const char *const workspace_layouts[][2] = {
	{"standard", N_("output on the left; chart and view panes on the right")},
	{"wide", N_("chart and view side by side on top, output below")},
	{"output", N_("the output pane alone")},
	{"projector", N_("one large chart above the output, bold and high contrast")},
	{NULL, NULL},
};

const char *const workspace_panes[][2] = {
	{"output", N_("commands and what they print (PgUp/PgDn scroll back)")},
	{"chart", N_("charts: loss curves, scatter plots")},
	{"view", N_("heatmaps, the network and pages: help, glossary entries, the lesson's step")},
	{NULL, NULL},
};

static const workspace_ops *ws_ops;
static void *ws_ctx;

void
workspace_set(const workspace_ops *ops, void *ctx)
{
	ws_ops = ops;
	ws_ctx = ops ? ctx : NULL;
}

const workspace_ops *
workspace_get(void **ctx)
{
	if (ctx)
		*ctx = ws_ctx;
	return ws_ops;
}

static int
table_index(const char *const t[][2], const char *name)
{
	for (int i = 0; t[i][0]; i++)
		if (strcmp(t[i][0], name) == 0)
			return i;
	return -1;
}

int
workspace_layout_index(const char *name)
{
	return table_index(workspace_layouts, name);
}

int
workspace_pane_index(const char *name)
{
	return table_index(workspace_panes, name);
}

static int
no_workspace(const char *what)
{
	return out_error("%s needs the full-screen workspace, which is not running here; start nnlab on a terminal "
	                 "of at least 80x24 without --plain",
	                 what);
}

/* The names of a table, for messages: "a, b or c". */
static void
table_names(const char *const t[][2], strbuf *b)
{
	int n = 0;
	while (t[n][0])
		n++;
	for (int i = 0; i < n; i++)
		sb_printf(b, "%s%s", i == 0 ? "" : i == n - 1 ? _(" or ") : i18n_pick(", ", "、"), t[i][0]);
}

static int
cmd_layout(session *s, cmd_args *a)
{
	(void)s;
	if (args_max(a, 1, "layout [NAME]") < 0)
		return -1;
	void *ctx;
	const workspace_ops *ws = workspace_get(&ctx);
	if (a->argc == 0) {
		int cur = ws ? ws->current_layout(ctx) : -1;
		out_printf(_("layouts of the workspace:\n"));
		for (int i = 0; workspace_layouts[i][0]; i++)
			out_printf("%s %-10s %s\n", i == cur ? "*" : " ", workspace_layouts[i][0], _(workspace_layouts[i][1]));
		if (!ws)
			out_note("(line mode: layouts apply when nnlab runs full-screen)");
		return 0;
	}
	int i = workspace_layout_index(a->argv[0]);
	if (i < 0) {
		strbuf b;
		sb_init(&b);
		table_names(workspace_layouts, &b);
		out_error("there is no layout '%s'; choose %s", a->argv[0], b.s);
		sb_free(&b);
		return -1;
	}
	if (!ws)
		return no_workspace("'layout'");
	ws->layout(ctx, i);
	return 0;
}

static const char *const layout_words[] = {"standard", "wide", "output", "projector", NULL};

const cmd_entry cmd_layout_entry = {
	.name = "layout",
	.topic = "plot",
	.usage = "layout [NAME]",
	.summary = N_("list the workspace's layouts, or switch to one"),
	.help = N_("The workspace arranges its panes in one of these layouts: standard (output on "
	        "the left, the chart and view panes on the right), wide (chart and view side by "
	        "side above the output), output (the output alone, for reading long text) and "
	        "projector (output and one large chart in high contrast, for a classroom).  "
	        "'layout' lists them and marks the current one."),
	.examples = "layout\nlayout projector\nlayout standard",
	.exec = cmd_layout,
	.words = layout_words,
	.complete = COMPLETE_WORDS,
	.flags = CMD_JOB_OK | CMD_NO_HISTORY,
};

static int
cmd_focus(session *s, cmd_args *a)
{
	(void)s;
	if (args_min(a, 1, "focus output|chart|view|next") < 0 || args_max(a, 1, "focus output|chart|view|next") < 0)
		return -1;
	int i = strcmp(a->argv[0], "next") == 0 ? -1 : workspace_pane_index(a->argv[0]);
	if (i < 0 && strcmp(a->argv[0], "next") != 0)
		return out_error("there is no pane '%s'; choose output, chart, view or next", a->argv[0]);
	void *ctx;
	const workspace_ops *ws = workspace_get(&ctx);
	if (!ws)
		return no_workspace("'focus'");
	if (ws->focus(ctx, i) < 0)
		return out_error("the %s layout has no %s pane; 'layout standard' has them all",
		                 workspace_layouts[ws->current_layout(ctx)][0], a->argv[0]);
	return 0;
}

static const char *const focus_words[] = {"output", "chart", "view", "next", NULL};

const cmd_entry cmd_focus_entry = {
	.name = "focus",
	.topic = "plot",
	.usage = "focus output|chart|view|next",
	.summary = N_("move the keyboard focus to a pane of the workspace"),
	.help = N_("The focused pane has a highlighted title; PgUp and PgDn scroll it.  F6 runs "
	           "'focus next'.  Typing always goes to the command line."),
	.examples = "focus view\nfocus next",
	.exec = cmd_focus,
	.words = focus_words,
	.complete = COMPLETE_WORDS,
	.flags = CMD_JOB_OK | CMD_NO_HISTORY,
};

static int
cmd_scroll(session *s, cmd_args *a)
{
	(void)s;
	static const char *const how[] = {"top", "up", "", "down", "bottom", NULL};
	if (args_min(a, 1, "scroll up|down|top|bottom") < 0 || args_max(a, 1, "scroll up|down|top|bottom") < 0)
		return -1;
	int h = -1;
	for (int i = 0; how[i]; i++)
		if (how[i][0] && strcmp(a->argv[0], how[i]) == 0)
			h = i;
	if (h < 0)
		return out_error("'scroll %s' is not a direction; write scroll up, down, top or bottom", a->argv[0]);
	void *ctx;
	const workspace_ops *ws = workspace_get(&ctx);
	if (!ws)
		return no_workspace("'scroll'");
	ws->scroll(ctx, h - 2);
	return 0;
}

static const char *const scroll_words[] = {"up", "down", "top", "bottom", NULL};

const cmd_entry cmd_scroll_entry = {
	.name = "scroll",
	.topic = "plot",
	.usage = "scroll up|down|top|bottom",
	.summary = N_("scroll the focused pane of the workspace"),
	.help = N_("Scrolls the focused pane a page up or down, or to its start or end.  PgUp and "
	           "PgDn run 'scroll up' and 'scroll down'."),
	.examples = "scroll up\nscroll bottom",
	.exec = cmd_scroll,
	.words = scroll_words,
	.complete = COMPLETE_WORDS,
	.flags = CMD_JOB_OK | CMD_NO_HISTORY,
};

/* ==== view ============================================================== */

static int view_depth;

static int
cmd_view(session *s, cmd_args *a)
{
	if (a->argc == 0)
		return out_error("'view' needs a command whose output to show, e.g. 'view help plot'");
	/* the command is the rest of the source text after the first word */
	const char *rest = a->src;
	while (*rest == ' ' || *rest == '\t')
		rest++;
	while (*rest && *rest != ' ' && *rest != '\t')
		rest++;
	while (*rest == ' ' || *rest == '\t')
		rest++;
	if (view_depth > 0)
		return out_error("'view' inside 'view' shows nothing more; write 'view %s' alone", rest);
	void *ctx;
	const workspace_ops *ws = workspace_get(&ctx);
	int captured = ws && ws->capture && ws->capture(ctx, 1, rest) == 0;
	view_depth++;
	int rc = cmd_run_line(s, rest);
	view_depth--;
	if (captured)
		ws->capture(ctx, 0, NULL);
	return rc;
}

const cmd_entry cmd_view_entry = {
	.name = "view",
	.topic = "plot",
	.usage = "view CMD",
	.summary = N_("show what a command prints in the view pane"),
	.help = N_("Runs CMD with its output in the workspace's view pane instead of the output pane, "
	        "so a help page or a glossary entry stays in sight while you work.  F1 runs 'view "
	        "help'.  In line mode, and in layouts without a view pane, the output goes where it "
	        "always goes."),
	.examples = "view help\nview help plot",
	.exec = cmd_view,
	.complete = COMPLETE_COMMAND,
	.flags = CMD_JOB_OK | CMD_ANY_KEYS,
};

/* ==== log =============================================================== */

static int
cmd_log(session *s, cmd_args *a)
{
	(void)s;
	if (args_max(a, 0, "log [save FILE]") < 0)
		return -1;
	size_t first = outlog_first(), end = outlog_end();
	out_printf(_("the log holds %zu lines of output (lines %zu to %zu of this session); 'log save FILE' writes "
	             "them\n"),
	           end - first, end > first ? first + 1 : first, end);
	return 0;
}

static int
cmd_log_save(session *s, cmd_args *a)
{
	if (args_min(a, 1, "log save FILE") < 0 || args_max(a, 1, "log save FILE") < 0)
		return -1;
	const char *path = a->argv[0];
	if (!path[0])
		return out_error("'log save' needs a file name, e.g. 'log save session.txt'");
	if (session_check_write(s, path) < 0)
		return -1;
	char err[600];
	size_t first = outlog_first();
	long n = outlog_save(path, first, err, sizeof err);
	if (n < 0)
		return out_error("%s; choose a directory you can write to", err);
	if (first > 0)
		out_printf(_("saved the last %ld lines of output to %s (the first %zu did not fit in the log)\n"), n, path,
		           first);
	else
		out_printf(_("saved %ld lines of output to %s\n"), n, path);
	return 0;
}

static const cmd_sub log_subs[] = {
	{.name = "save",
	 .usage = "save FILE",
	 .summary = N_("write everything nnlab has printed this session to FILE"),
	 .exec = cmd_log_save,
	 .complete = COMPLETE_FILE,
	 .flags = CMD_JOB_OK},
	{0},
};

const cmd_entry cmd_log_entry = {
	.name = "log",
	.topic = "plot",
	.usage = "log [save FILE]",
	.summary = N_("save the session's output to a file"),
	.help = N_("nnlab keeps what it printed this session (the last 100000 lines), in the "
	        "workspace and in line mode alike, with your commands.  'log save FILE' writes "
	        "it, so nothing that scrolled away or was cleared is lost.  'log' alone says how "
	        "much it holds."),
	.examples = "log\nlog save session.txt",
	.exec = cmd_log,
	.subs = log_subs,
	.flags = CMD_JOB_OK | CMD_NO_HISTORY,
};
