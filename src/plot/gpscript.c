/* gpscript.c - gnuplot scripts for charts and heatmaps (see gnuplot.h):
 * targets, string quoting, and the scripts with their data inline.
 * Builds text only; running gnuplot is gnuplot.c's business.
 */
#include <config.h>

#include "plot/gnuplot.h"
#include "util/utf8.h"
#include "util/i18n.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Okabe-Ito: told apart by people with any common colour blindness. */
static const char *const series_rgb[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                         "#56B4E9", "#CC79A7", "#F0E442", "#000000"};
#define NRGB (sizeof series_rgb / sizeof series_rgb[0])

/* ==== targets =========================================================== */

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && strcasecmp(s + n - m, suffix) == 0;
}

int
gp_target_parse(const char *to, gp_target *t, char *err, size_t errlen)
{
	memset(t, 0, sizeof *t);
	t->cols = 80;
	t->rows = 24;
	if (strcmp(to, "window") == 0) {
		t->kind = GP_WINDOW;
		return 0;
	}
	if (strcmp(to, "dumb") == 0) {
		t->kind = GP_DUMB;
		return 0;
	}
	size_t n = strlen(to);
	if (n == 0) {
		snprintf(err, errlen, _("to= needs a value; write to=window, to=dumb or to=FILE.png (or .svg, .pdf)"));
		return -1;
	}
	if (n >= sizeof t->file) {
		snprintf(err, errlen, _("the file name is %zu bytes long; use one under %zu"), n, sizeof t->file);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)to[i] < 0x20 || to[i] == 0x7f) {
			snprintf(err, errlen, _("the file name contains a control character (byte %zu); choose a plain name"),
			         i + 1);
			return -1;
		}
	if (utf8_invalid_at(to, n) != (size_t)-1) {
		snprintf(err, errlen, _("the file name is not valid UTF-8; choose a plain name"));
		return -1;
	}
	if (to[0] == '|') {
		/* gnuplot would run the rest as a command and pipe the image to it */
		snprintf(err, errlen, _("a file name cannot start with '|' (gnuplot takes it as a command to run); write "
		                        "./%s for a file of that name"),
		         to);
		return -1;
	}
	if (to[n - 1] == '/') {
		snprintf(err, errlen, _("'%s' is a directory; give a file name ending in .png, .svg or .pdf"), to);
		return -1;
	}
	if (ends_with(to, ".png"))
		t->kind = GP_PNG;
	else if (ends_with(to, ".svg"))
		t->kind = GP_SVG;
	else if (ends_with(to, ".pdf"))
		t->kind = GP_PDF;
	else {
		snprintf(err, errlen,
		         _("'%s' is not a place to plot to; write to=window, to=dumb, or a file name ending in .png, .svg "
		           "or .pdf"),
		         to);
		return -1;
	}
	memcpy(t->file, to, n + 1);
	return 0;
}

/* ==== quoting =========================================================== */

void
gp_quote(strbuf *b, const char *s)
{
	sb_putc(b, '\'');
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n;) {
		size_t len;
		int32_t cp = utf8_decode(s + i, n - i, &len);
		if (cp < 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			sb_putc(b, '?');
			i += len ? len : 1;
			continue;
		}
		if (cp == '\'')
			sb_puts(b, "''");
		else
			sb_add(b, s + i, len);
		i += len;
	}
	sb_putc(b, '\'');
}

/* ==== common parts ====================================================== */

/* The terminal and the output file.  Returns whether titles and labels
 * are translated (gp_titles_zh); an image in Chinese then uses a font
 * with Chinese glyphs. */
static int
put_terminal(const gp_target *t, strbuf *b)
{
	int zh = gp_titles_zh(t);
	const char *cjk = zh && t->kind != GP_WINDOW && t->kind != GP_DUMB ? gp_cjk_font() : NULL;
	strbuf font;
	sb_init(&font);
	sb_printf(&font, "%s,10", cjk ? cjk : "sans");
	sb_puts(b, "reset\nset encoding utf8\n");
	switch (t->kind) {
	case GP_WINDOW:
		sb_printf(b, "set terminal %s noenhanced title 'nnlab'\n", t->window ? t->window : "qt");
		break;
	case GP_DUMB:
		sb_printf(b, "set terminal dumb size %d,%d nofeed noenhanced\nset output\n", t->cols, t->rows);
		break;
	case GP_PNG:
		sb_puts(b, "set terminal pngcairo size 900,560 noenhanced font ");
		gp_quote(b, font.s);
		sb_putc(b, '\n');
		break;
	case GP_SVG:
		sb_puts(b, "set terminal svg size 900,560 noenhanced font ");
		gp_quote(b, font.s);
		sb_puts(b, " background '#ffffff'\n");
		break;
	case GP_PDF:
		sb_puts(b, "set terminal pdfcairo size 6in,3.75in noenhanced font ");
		gp_quote(b, font.s);
		sb_putc(b, '\n');
		break;
	}
	if (t->kind == GP_PNG || t->kind == GP_SVG || t->kind == GP_PDF) {
		sb_puts(b, "set output ");
		gp_quote(b, t->file);
		sb_putc(b, '\n');
	}
	sb_puts(b, "set termoption noenhanced\n");
	sb_free(&font);
	return zh;
}

/* A title or label: translated when zh (a text with no translation, a
 * data set's name say, is shown as it is). */
static const char *
tr(int zh, const char *text)
{
	return zh && text && text[0] ? _(text) : text;
}

static void
put_label(strbuf *b, int zh, const char *what, const char *text)
{
	if (!text || !text[0])
		return;
	sb_printf(b, "set %s ", what);
	gp_quote(b, tr(zh, text));
	sb_puts(b, " noenhanced\n");
}

static void
put_end(const gp_target *t, strbuf *b)
{
	if (t->kind == GP_PNG || t->kind == GP_SVG || t->kind == GP_PDF)
		sb_puts(b, "unset output\n");
}

static void
put_num(strbuf *b, double v)
{
	if (v == 0)
		sb_putc(b, '0');  /* never "-0" */
	else if (isfinite(v))
		sb_printf(b, "%.9g", v);
	else
		sb_puts(b, "NaN");
}

/* ==== charts ============================================================ */

/* The point style of series or class k: a filled circle in its colour,
 * or on the dumb terminal the glyph nnlab's own charts use for it. */
static void
put_points(strbuf *b, const gp_target *t, int k)
{
	static const char glyphs[] = "*ox+#@%&=~^$svwz";
	if (t->kind == GP_DUMB)
		sb_printf(b, "points pt '%c'", glyphs[k % 16]);
	else
		sb_printf(b, "points pt 7 ps 0.7 lc rgb '%s'", series_rgb[k % NRGB]);
}

/* Whether point i of s can be drawn (what the text renderer shows too). */
static int
point_ok(const chart *c, const chart_series *s, size_t i)
{
	double x = s->x ? s->x[i] : (double)i, y = s->y[i];
	if (!isfinite(x) || !isfinite(y))
		return 0;
	if ((c->logx && x <= 0) || (c->logy && y <= 0))
		return 0;
	return 1;
}

/* One datablock: x y per line; a gap (blank line) where a point is
 * missing, so the line breaks there as in the text chart.  Only points of
 * class cls when cls >= 0. */
static int
put_block(strbuf *b, const chart *c, const chart_series *s, const char *name, int cls)
{
	int rows = 0, gap = 0;
	sb_printf(b, "%s << EOD\n", name);
	for (size_t i = 0; i < s->n; i++) {
		if (cls >= 0 && (!s->cls || s->cls[i] != cls))
			continue;
		if (!point_ok(c, s, i)) {
			if (!gap && rows)
				sb_putc(b, '\n');
			gap = 1;
			continue;
		}
		gap = 0;
		put_num(b, s->x ? s->x[i] : (double)i);
		sb_putc(b, ' ');
		put_num(b, s->y[i]);
		sb_putc(b, '\n');
		rows++;
	}
	sb_puts(b, "EOD\n");
	return rows;
}

void
gp_script_chart(const chart *c, const gp_target *t, strbuf *b)
{
	int zh = put_terminal(t, b);
	put_label(b, zh, "title", c->title);
	put_label(b, zh, "xlabel", c->xlabel);
	put_label(b, zh, "ylabel", c->ylabel);
	sb_puts(b, "set key noenhanced\nset grid\n");
	if (c->logx)
		sb_puts(b, "set logscale x\n");
	if (c->logy)
		sb_puts(b, "set logscale y\n");
	int scatter = c->kind == CHART_SCATTER;
	int by_class = scatter && c->nseries > 0 && c->series[0].cls;
	strbuf plot;
	sb_init(&plot);
	int nplots = 0;
	if (by_class) {
		const chart_series *s = &c->series[0];
		int maxc = c->nclasses - 1;
		for (size_t i = 0; i < s->n; i++)
			if (s->cls[i] > maxc)
				maxc = s->cls[i];
		for (int k = 0; k <= maxc; k++) {
			char name[32];
			snprintf(name, sizeof name, "$class%d", k);
			if (put_block(b, c, s, name, k) == 0)
				continue;
			char dflt[32];
			snprintf(dflt, sizeof dflt, zh ? _("class %d") : "class %d", k);
			const char *title = c->class_names && k < c->nclasses && c->class_names[k] ? c->class_names[k] : dflt;
			sb_printf(&plot, "%s%s using 1:2 with ", nplots ? ", \\\n     " : "", name);
			put_points(&plot, t, k);
			sb_puts(&plot, " title ");
			gp_quote(&plot, tr(zh, title));
			nplots++;
		}
	} else {
		for (int k = 0; k < c->nseries; k++) {
			const chart_series *s = &c->series[k];
			char name[32];
			snprintf(name, sizeof name, "$series%d", k);
			if (put_block(b, c, s, name, -1) == 0)
				continue;
			sb_printf(&plot, "%s%s using 1:2 with ", nplots ? ", \\\n     " : "", name);
			if (scatter)
				put_points(&plot, t, k);
			else
				sb_printf(&plot, "lines lw 2 lc rgb '%s'", series_rgb[k % NRGB]);
			sb_puts(&plot, " title ");
			if (s->name && s->name[0])
				gp_quote(&plot, tr(zh, s->name));
			else
				sb_puts(&plot, "''");
			nplots++;
		}
	}
	if (nplots)
		sb_printf(b, "plot %s\n", plot.s);
	else
		sb_puts(b, "print 'nothing to plot: no points'\n");
	sb_free(&plot);
	put_end(t, b);
}

/* ==== heatmaps ========================================================== */

/* Tick labels for an axis: explicit when there are labels and few enough
 * of them to read, else gnuplot's numbers. */
static void
put_tics(strbuf *b, const char *axis, const char *const *labels, int n)
{
	if (!labels || n > 60)
		return;
	sb_printf(b, "set %s (", axis);
	for (int i = 0; i < n; i++) {
		if (i)
			sb_puts(b, ", ");
		char buf[24];
		snprintf(buf, sizeof buf, "%d", i);
		gp_quote(b, labels[i] ? labels[i] : buf);
		sb_printf(b, " %d", i);
	}
	sb_puts(b, ") noenhanced\n");
}

/* The heatmap's axes, palette, data and plot command (no terminal). */
static void
heatmap_body(const heatmap *h, strbuf *b)
{
	sb_puts(b, "unset key\nset tics out nomirror\n");
	/* on a plane (decision regions): the axes in the data's own units,
	 * cell (c, r) centred at x0 + (c + 1/2) dx, y1 - (r + 1/2) dy; ux and
	 * uy are gnuplot's using expressions for a cell's column and row */
	int plane = h->x1 > h->x0 && h->y1 > h->y0 && h->cols > 0 && h->rows > 0;
	strbuf ux, uy;
	sb_init(&ux);
	sb_init(&uy);
	if (plane) {
		sb_puts(b, "set xrange [");
		put_num(b, h->x0);
		sb_putc(b, ':');
		put_num(b, h->x1);
		sb_puts(b, "]\nset yrange [");
		put_num(b, h->y0);
		sb_putc(b, ':');
		put_num(b, h->y1);
		sb_puts(b, "]\n");
		put_label(b, 0, "xlabel", h->xname);
		put_label(b, 0, "ylabel", h->yname);
		sb_putc(&ux, '(');
		put_num(&ux, h->x0);
		sb_puts(&ux, " + ($1 + 0.5) * ");
		put_num(&ux, (h->x1 - h->x0) / h->cols);
		sb_putc(&ux, ')');
		sb_putc(&uy, '(');
		put_num(&uy, h->y1);
		sb_puts(&uy, " - ($2 + 0.5) * ");
		put_num(&uy, (h->y1 - h->y0) / h->rows);
		sb_putc(&uy, ')');
	} else {
		sb_printf(b, "set xrange [-0.5:%d.5]\nset yrange [%d.5:-0.5]\n", h->cols - 1, h->rows - 1);
		put_tics(b, "xtics", h->col_labels, h->cols);
		put_tics(b, "ytics", h->row_labels, h->rows);
		sb_putc(&ux, '1');
		sb_putc(&uy, '2');
	}
	/* the range: given, or the data's; symmetric about zero if diverging */
	double lo = h->lo, hi = h->hi;
	if (lo == hi) {
		int any = 0;
		for (long i = 0; i < (long)h->rows * h->cols; i++) {
			if ((h->mask && h->mask[i]) || !isfinite(h->v[i]))
				continue;
			if (!any++)
				lo = hi = h->v[i];
			lo = fmin(lo, h->v[i]);
			hi = fmax(hi, h->v[i]);
		}
	}
	if (h->categorical && hi >= lo && hi < 64) {
		/* one colour per class (Okabe-Ito, safe for colour-blind eyes),
		 * each class centred on its colour */
		static const char *const okabe[] = {"#E69F00", "#56B4E9", "#009E73", "#F0E442",
		                                    "#0072B2", "#D55E00", "#CC79A7", "#999999"};
		int k = (int)hi + 1;
		lo = -0.5;
		hi = k - 0.5;
		sb_printf(b, "set palette maxcolors %d\nset palette defined (", k);
		for (int i = 0; i < k; i++)
			sb_printf(b, "%s%d '%s'", i ? ", " : "", i, okabe[i % 8]);
		sb_puts(b, ")\n");
		if (k > 1)
			sb_printf(b, "set cbtics 1\n");
	} else if (h->diverging) {
		double m = fmax(fabs(lo), fabs(hi));
		lo = -m;
		hi = m;
		sb_puts(b, "set palette defined (0 '#0072B2', 1 '#F7F7F7', 2 '#D55E00')\n");
	} else {
		/* viridis, which reads in grey and with colour blindness */
		sb_puts(b, "set palette defined (0 '#440154', 1 '#3B528B', 2 '#21918C', 3 '#5EC962', 4 '#FDE725')\n");
	}
	if (hi > lo) {
		sb_puts(b, "set cbrange [");
		put_num(b, lo);
		sb_putc(b, ':');
		put_num(b, hi);
		sb_puts(b, "]\n");
	}
	sb_puts(b, "$matrix << EOD\n");
	for (int r = 0; r < h->rows; r++) {
		for (int c = 0; c < h->cols; c++) {
			long i = (long)r * h->cols + c;
			if (c)
				sb_putc(b, ' ');
			put_num(b, h->mask && h->mask[i] ? NAN : h->v[i]);
		}
		sb_putc(b, '\n');
	}
	sb_puts(b, "EOD\n");
	/* marks (data points): letters and digits only, so nothing to escape */
	int nmarks = 0;
	for (long i = 0; h->marks && i < (long)h->rows * h->cols; i++) {
		if (!isalnum((unsigned char)h->marks[i]))
			continue;
		if (!nmarks++)
			sb_puts(b, "$marks << EOD\n");
		sb_printf(b, "%ld %ld \"%c\"\n", i % h->cols, i / h->cols, h->marks[i]);
	}
	if (nmarks)
		sb_puts(b, "EOD\n");
	if (plane)
		sb_printf(b, "plot $matrix matrix using %s:%s:3 with image", ux.s, uy.s);
	else
		sb_puts(b, "plot $matrix matrix with image");
	if (h->values)
		sb_printf(b, ", \\\n     $matrix matrix using %s:%s:($3 == $3 ? sprintf('%%.3g', $3) : '') with labels",
		          ux.s, uy.s);
	if (nmarks)
		sb_printf(b, ", \\\n     $marks using %s:%s:3 with labels font ',9' tc rgb 'black'", ux.s, uy.s);
	sb_putc(b, '\n');
	sb_free(&ux);
	sb_free(&uy);
}

void
gp_script_heatmap(const heatmap *h, const gp_target *t, strbuf *b)
{
	int zh = put_terminal(t, b);
	put_label(b, zh, "title", h->title);
	heatmap_body(h, b);
	put_end(t, b);
}

/* ==== network diagrams ================================================== */

void
gp_script_netdiag(const netdiag *d, const gp_target *t, strbuf *b)
{
	int zh = put_terminal(t, b);
	int n = 0;
	for (int i = 0; i < d->nlayers; i++)
		n += d->layers[i].w && d->layers[i].rows > 0 && d->layers[i].cols > 0;
	/* one panel per layer with weights, side by side, in the order the
	 * signal flows; the hot layer's title starts with '>' as in the text */
	sb_printf(b, "set multiplot layout 1,%d title ", n ? n : 1);
	gp_quote(b, d->title ? tr(zh, d->title) : "");
	sb_puts(b, " noenhanced\n");
	for (int i = 0; i < d->nlayers; i++) {
		const netdiag_layer *L = &d->layers[i];
		if (!L->w || L->rows <= 0 || L->cols <= 0)
			continue;
		char name[300];
		snprintf(name, sizeof name, "%s%s", L->hot ? "> " : "", L->name ? L->name : "");
		put_label(b, zh, "title", name);
		sb_puts(b, "set xlabel ");
		gp_quote(b, tr(zh, N_("input")));
		sb_puts(b, "\nset ylabel ");
		gp_quote(b, tr(zh, N_("unit")));
		sb_putc(b, '\n');
		sb_printf(b, "set xtics %s\nset ytics %s\n", L->cols <= 20 ? "1" : "autofreq", L->rows <= 20 ? "1" : "autofreq");
		heatmap h = {.rows = L->rows, .cols = L->cols, .v = L->w, .diverging = 1};
		heatmap_body(&h, b);
	}
	sb_puts(b, "unset multiplot\n");
	put_end(t, b);
}
