/* chart.c - line charts and scatter plots as text: axes with nice tick
 * labels, a legend, linear or log scales, braille dots (2x4 per cell) or
 * ASCII glyphs; and out_chart(), which hands a chart to the current sink.
 *
 * The layout is built as a picture (picture.h) so the workspace can draw
 * it in colour and the plain sink as lines of text; the unit tests check
 * the text.  Autoscaling widens both axes to multiples of a 1-2-5 tick
 * step (whole decades on a log axis), so every tick label names the value
 * of its row or column.  Points that cannot be drawn -- NaN, infinity,
 * zero or negative values on a log axis -- are skipped and counted in a
 * note under the chart.  Not a general plotting library: no fixed ranges,
 * no error bars, no second y axis.
 */
#include <config.h>

#include "out/chart.h"
#include "out/out.h"
#include "core/alloc.h"
#include "util/i18n.h"

#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows of plot a chart in a pane keeps before its title gives up lines. */
#define MIN_PLOT_ROWS 4

/* One glyph per series (line charts) or class (scatter plots) where they
 * cannot be told apart by colour; series beyond 16 reuse them. */
static const char glyphs[PIC_NSERIES + 1] = "*ox+#@%&=~^$svwz";

int
out_unicode(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* ==== axes ============================================================== */

typedef struct axis {
	int log;          /* values are log10 of the data */
	double lo, hi;    /* the range shown (log10 units on a log axis) */
	double step;      /* between ticks, same units */
	long t0;          /* ticks are (t0 + i) * step, i = 0..nt-1; on a log
	                   * axis lo + i * step (whole decades) */
	int nt;
} axis;

/* Intervals a step gives over [dmin, dmax] once widened to its
 * multiples. */
static long
step_intervals(double dmin, double dmax, double step)
{
	return (long)(ceil(dmax / step - 1e-9) - floor(dmin / step + 1e-9));
}

/* A 1-2-5 step for about target intervals over [dmin, dmax]: of the steps
 * near the plain choice, the one whose widened range wastes least,
 * with between target/2 and 1.5 target + 1 intervals. */
static double
nice_step(double dmin, double dmax, int target, double min_step)
{
	double raw = (dmax - dmin) / target;
	double mag = pow(10, floor(log10(raw)));
	static const double mult[] = {1, 2, 5};
	double best = 0, best_cover = -1;
	long best_dev = 0;
	for (int e = -1; e <= 1; e++)
		for (int m = 0; m < 3; m++) {
			double step = mult[m] * mag * pow(10, e);
			long n = step_intervals(dmin, dmax, step);
			if (step < min_step || n < 1 || 2 * n < target || 2 * n > 3 * target + 2)
				continue;
			double cover = (dmax - dmin) / ((double)n * step);
			long dev = labs(n - target);
			if (cover > best_cover + 1e-9 || (fabs(cover - best_cover) <= 1e-9 && dev < best_dev)) {
				best = step;
				best_cover = cover;
				best_dev = dev;
			}
		}
	if (best > 0)
		return best;
	/* no candidate in the band: the plain 1-2-5 rounding of raw */
	double f = raw / mag;
	double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
	return step < min_step ? min_step : step;
}

/* axis_fit: the range and ticks for data in [dmin, dmax] (already log10
 * on a log axis) with about target tick intervals; whole: the data are
 * whole numbers (steps, epochs), so ticks are too. */
static void
axis_fit(axis *a, double dmin, double dmax, int target, int log, int whole)
{
	a->log = log;
	if (target < 1)
		target = 1;
	if (log) {
		/* whole decades; a tick every step decades from the lowest */
		double lo = floor(dmin + 1e-9), hi = ceil(dmax - 1e-9);
		if (hi <= lo) {
			lo -= 1;
			hi += 1;
		}
		double step = ceil((hi - lo) / target);
		if (step < 1)
			step = 1;
		a->nt = (int)ceil((hi - lo) / step - 1e-9) + 1;
		a->lo = lo;
		a->hi = lo + (a->nt - 1) * step;
		a->step = step;
		a->t0 = 0;
		return;
	}
	if (dmax <= dmin) {
		double pad = dmin != 0 ? fabs(dmin) * 0.1 : 1;
		dmin -= pad;
		dmax += pad;
	}
	double step = nice_step(dmin, dmax, target, whole ? 1 : 0);
	a->step = step;
	a->t0 = (long)floor(dmin / step + 1e-9);
	a->nt = (int)step_intervals(dmin, dmax, step) + 1;
	if (a->nt < 2)
		a->nt = 2;
	a->lo = (double)a->t0 * step;
	a->hi = (double)(a->t0 + a->nt - 1) * step;
}

static double
axis_tick(const axis *a, int i)
{
	if (a->log)
		return a->lo + i * a->step;
	return (double)(a->t0 + i) * a->step;
}

/* The label of a tick value (log10 units on a log axis), in a fixed
 * format: decimals enough for the step, exponents for huge or tiny. */
static void
axis_label(const axis *a, double v, char *buf, size_t n)
{
	if (a->log) {
		long e = (long)floor(v + 0.5);
		if (e >= 0 && e <= 5)
			snprintf(buf, n, "%.0f", pow(10, (double)e));
		else if (e < 0 && e >= -4)
			snprintf(buf, n, "%.*f", (int)-e, pow(10, (double)e));
		else
			snprintf(buf, n, "1e%ld", e);
		return;
	}
	if (fabs(v) < a->step * 1e-6)
		v = 0;
	int k = (int)floor(log10(a->step) + 1e-9);
	double maxabs = fmax(fabs(a->lo), fabs(a->hi));
	if (v == 0) {
		snprintf(buf, n, "0");
	} else if (maxabs >= 1e6 || k < -4) {
		int p = (int)floor(log10(maxabs) + 1e-9) - k;
		snprintf(buf, n, "%.*e", p < 0 ? 0 : p > 6 ? 6 : p, v);
	} else {
		snprintf(buf, n, "%.*f", k < 0 ? -k : 0, v);
	}
}

static int
axis_label_width(const axis *a)
{
	int w = 1;
	for (int i = 0; i < a->nt; i++) {
		char buf[40];
		axis_label(a, axis_tick(a, i), buf, sizeof buf);
		int l = (int)strlen(buf);
		if (l > w)
			w = l;
	}
	return w;
}

/* Position of v on an axis of n dots: 0 .. n-1 (rows count downwards
 * when flip is set). */
static int
axis_pos(const axis *a, double v, int n, int flip)
{
	double f = (v - a->lo) / (a->hi - a->lo);
	if (flip)
		f = 1 - f;
	int p = (int)floor(f * (n - 1) + 0.5);
	return p < 0 ? 0 : p >= n ? n - 1 : p;
}

/* ==== the points ======================================================== */

typedef struct scan {
	double xmin, xmax, ymin, ymax;
	long shown, nonfinite, nonpositive, noclass;
	int maxclass;     /* highest class seen (scatter with cls) */
	int xwhole;       /* every x shown is a whole number */
} scan;

/* A point's coordinates on the axes (log10 applied); 0 if it is shown,
 * else why not: 1 not finite, 2 not positive on a log axis, 3 no class. */
static int
point_at(const chart *c, const chart_series *s, size_t i, double *px, double *py)
{
	double x = s->x ? s->x[i] : (double)i, y = s->y[i];
	if (!isfinite(x) || !isfinite(y))
		return 1;
	if ((c->logx && x <= 0) || (c->logy && y <= 0))
		return 2;
	if (c->kind == CHART_SCATTER && s->cls && s->cls[i] < 0)
		return 3;
	*px = c->logx ? log10(x) : x;
	*py = c->logy ? log10(y) : y;
	return 0;
}

static void
scan_points(const chart *c, scan *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->maxclass = -1;
	sc->xwhole = !c->logx;
	for (int k = 0; k < c->nseries; k++) {
		const chart_series *s = &c->series[k];
		for (size_t i = 0; i < s->n; i++) {
			double x, y;
			switch (point_at(c, s, i, &x, &y)) {
			case 1: sc->nonfinite++; continue;
			case 2: sc->nonpositive++; continue;
			case 3: sc->noclass++; continue;
			default: break;
			}
			if (x != floor(x))
				sc->xwhole = 0;
			if (sc->shown++ == 0) {
				sc->xmin = sc->xmax = x;
				sc->ymin = sc->ymax = y;
			}
			sc->xmin = fmin(sc->xmin, x);
			sc->xmax = fmax(sc->xmax, x);
			sc->ymin = fmin(sc->ymin, y);
			sc->ymax = fmax(sc->ymax, y);
			if (c->kind == CHART_SCATTER && s->cls && s->cls[i] > sc->maxclass)
				sc->maxclass = s->cls[i];
		}
	}
}

/* ==== the canvas ======================================================== */

/* The plot area: braille dots or glyphs per cell, and who drew them. */
typedef struct canvas {
	int w, h;                 /* cells */
	unsigned char *bits;      /* [h][w] braille dots */
	unsigned char *brole;     /* series/class index that last set a dot */
	char *glyph;              /* [h][w] a glyph, 0 for none */
	unsigned char *grole;
} canvas;

static void
canvas_init(canvas *cv, int w, int h)
{
	size_t n = (size_t)w * (size_t)h;
	cv->w = w;
	cv->h = h;
	cv->bits = xcalloc(n, 1);
	cv->brole = xcalloc(n, 1);
	cv->glyph = xcalloc(n, 1);
	cv->grole = xcalloc(n, 1);
}

static void
canvas_free(canvas *cv)
{
	free(cv->bits);
	free(cv->brole);
	free(cv->glyph);
	free(cv->grole);
}

/* Braille dot (dx 0..1, dy 0..3) -> bit of U+2800. */
static const unsigned char braille_bit[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};

/* A mark at dot (x, y) of a grid of 2x4 dots per cell (fine) or one per
 * cell: a braille dot, or the glyph of index k in the dot's cell.  In
 * Unicode every series is placed on the fine grid, so glyphs and braille
 * land in the rows the tick labels name. */
typedef struct pen {
	canvas *cv;
	int fine;
	int braille;
	int k;            /* series or class index */
} pen;

static void
pen_dot(const pen *p, int x, int y)
{
	canvas *cv = p->cv;
	int sx = p->fine ? 2 : 1, sy = p->fine ? 4 : 1;
	int cx = x / sx, cy = y / sy;
	if (cx < 0 || cy < 0 || cx >= cv->w || cy >= cv->h)
		return;
	size_t at = (size_t)cy * (size_t)cv->w + (size_t)cx;
	int role = p->k % PIC_NSERIES;
	if (p->braille) {
		cv->bits[at] |= braille_bit[y % 4][x % 2];
		cv->brole[at] = (unsigned char)role;
	} else {
		cv->glyph[at] = glyphs[role];
		cv->grole[at] = (unsigned char)role;
	}
}

/* Bresenham from (x0, y0) to (x1, y1), both ends drawn. */
static void
pen_line(const pen *p, int x0, int y0, int x1, int y1)
{
	int dx = abs(x1 - x0), dy = -abs(y1 - y0);
	int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
	int err = dx + dy;
	for (;;) {
		pen_dot(p, x0, y0);
		if (x0 == x1 && y0 == y1)
			break;
		int e2 = 2 * err;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

/* ==== layout ============================================================ */

typedef struct legend_entry {
	const char *g;    /* sample glyph */
	int role;
	char name[80];
} legend_entry;

/* Whether series or class k is drawn in braille. */
static int
uses_braille(const chart *c, int unicode, int colour, int k)
{
	if (!unicode)
		return 0;
	if (colour)
		return 1;
	if (c->kind == CHART_SCATTER && c->nseries > 0 && c->series[0].cls)
		return 0;
	return k == 0;
}

/* Whether the scatter's points are coloured/glyphed by class. */
static int
by_class(const chart *c)
{
	return c->kind == CHART_SCATTER && c->nseries > 0 && c->series[0].cls;
}

static int
legend_entries(const chart *c, const scan *sc, int unicode, int colour, legend_entry **out)
{
	legend_entry *e = NULL;
	int n = 0;
	if (by_class(c)) {
		int nk = sc->maxclass + 1;
		if (c->nclasses > nk)
			nk = c->nclasses;
		e = xcalloc((size_t)nk + 1, sizeof *e);
		for (int k = 0; k < nk; k++, n++) {
			int br = uses_braille(c, unicode, colour, k);
			e[n].g = br ? "\xe2\xa3\xbf" : NULL;
			e[n].role = PIC_SERIES + k % PIC_NSERIES;
			if (c->class_names && k < c->nclasses && c->class_names[k])
				snprintf(e[n].name, sizeof e[n].name, "%s", c->class_names[k]);
			else
				snprintf(e[n].name, sizeof e[n].name, _("class %d"), k);
		}
	} else if (c->nseries > 1 || (c->nseries == 1 && c->series[0].name && c->series[0].name[0])) {
		e = xcalloc((size_t)c->nseries + 1, sizeof *e);
		for (int k = 0; k < c->nseries; k++, n++) {
			int br = uses_braille(c, unicode, colour, k);
			e[n].g = br ? "\xe2\xa3\xbf" : NULL;
			e[n].role = PIC_SERIES + k % PIC_NSERIES;
			if (c->series[k].name && c->series[k].name[0])
				snprintf(e[n].name, sizeof e[n].name, "%s", c->series[k].name);
			else
				snprintf(e[n].name, sizeof e[n].name, _("series %d"), k + 1);
		}
	}
	*out = e;
	return n;
}

/* Lines the legend takes at width w, starting at column x0. */
static int
legend_place(picture *p, int y, int x0, int w, const legend_entry *e, int n, const char *ell)
{
	int lines = n > 0, x = x0;
	for (int i = 0; i < n; i++) {
		int ew = 2 + pic_text_width(e[i].name);
		if (x > x0 && x + ew > w) {
			lines++;
			x = x0;
		}
		if (p) {
			int yy = y + lines - 1;
			if (e[i].g) {
				pic_put(p, x, yy, e[i].g, e[i].role);
			} else {
				char g[2] = {glyphs[(e[i].role - PIC_SERIES) % PIC_NSERIES], '\0'};
				pic_put(p, x, yy, g, e[i].role);
			}
			pic_text_clip(p, x + 2, yy, e[i].name, w - x - 2, ell, PIC_TEXT);
		}
		x += ew + 3;
	}
	return lines;
}

typedef struct notes {
	char line[3][120];
	int n;
} notes;

static void
notes_make(const scan *sc, notes *nt)
{
	nt->n = 0;
	if (sc->nonfinite)
		snprintf(nt->line[nt->n++], sizeof nt->line[0], _("(%ld point%s not shown: NaN or infinite)"),
		         sc->nonfinite, sc->nonfinite == 1 ? "" : "s");
	if (sc->nonpositive)
		snprintf(nt->line[nt->n++], sizeof nt->line[0], _("(%ld point%s not shown: <= 0 on a log scale)"),
		         sc->nonpositive, sc->nonpositive == 1 ? "" : "s");
	if (sc->noclass)
		snprintf(nt->line[nt->n++], sizeof nt->line[0], _("(%ld point%s not shown: no class)"), sc->noclass,
		         sc->noclass == 1 ? "" : "s");
}

/* Draw every series onto the canvas. */
static void
draw_series(const chart *c, const axis *ax, const axis *ay, canvas *cv, int unicode, int colour)
{
	for (int k = 0; k < c->nseries; k++) {
		const chart_series *s = &c->series[k];
		int have_prev = 0, px = 0, py = 0;
		for (size_t i = 0; i < s->n; i++) {
			double x, y;
			if (point_at(c, s, i, &x, &y) != 0) {
				have_prev = 0;  /* a gap breaks the line */
				continue;
			}
			int idx = by_class(c) ? s->cls[i] : k;
			pen pn = {cv, unicode, uses_braille(c, unicode, colour, idx), idx};
			int sx = unicode ? 2 : 1, sy = unicode ? 4 : 1;
			int dx = axis_pos(ax, x, cv->w * sx, 0);
			int dy = axis_pos(ay, y, cv->h * sy, 1);
			if (c->kind == CHART_LINE && have_prev)
				pen_line(&pn, px, py, dx, dy);
			else
				pen_dot(&pn, dx, dy);
			have_prev = 1;
			px = dx;
			py = dy;
		}
	}
}

/* Lay c out in a picture width wide.  plot_h > 0 fixes the plot area's
 * height; else total_h fixes the whole picture's. */
static void
chart_layout(const chart *c, int width, int plot_h, int total_h, int unicode, int colour, picture *p)
{
	scan sc;
	scan_points(c, &sc);
	notes nt;
	notes_make(&sc, &nt);
	if (width < 20)
		width = 20;
	const char *v_axis = unicode ? "\xe2\x94\x82" : "|";    /* │ */
	const char *v_tick = unicode ? "\xe2\x94\xa4" : "+";    /* ┤ */
	const char *h_axis = unicode ? "\xe2\x94\x80" : "-";    /* ─ */
	const char *h_tick = unicode ? "\xe2\x94\xac" : "+";    /* ┬ */
	const char *corner = unicode ? "\xe2\x94\x94" : "+";    /* └ */

	/* a title wider than the picture wraps at its words (a chart pane
	 * of the workspace at 80x24 is 34 columns) */
	int has_title = c->title && c->title[0] ? pic_text_wrap(NULL, 0, 0, c->title, width, PIC_TITLE) : 0;
	if (sc.shown == 0) {
		const char *none = _("(nothing to plot: no points)");
		int lines = has_title + pic_text_wrap(NULL, 0, 0, none, width, PIC_NOTE);
		for (int i = 0; i < nt.n; i++)
			lines += pic_text_wrap(NULL, 0, 0, nt.line[i], width, PIC_NOTE);
		pic_init(p, width, lines);
		int y = 0;
		if (has_title)
			y += pic_text_wrap(p, 0, y, c->title, width, PIC_TITLE);
		y += pic_text_wrap(p, 0, y, none, width, PIC_NOTE);
		for (int i = 0; i < nt.n; i++)
			y += pic_text_wrap(p, 0, y, nt.line[i], width, PIC_NOTE);
		return;
	}

	legend_entry *le;
	int nle = legend_entries(c, &sc, unicode, colour, &le);
	int has_ylab = (c->ylabel && c->ylabel[0]) || c->logy;
	int has_xlab = (c->xlabel && c->xlabel[0]) || c->logx;
	const char *ell = unicode ? "\xe2\x80\xa6" : "...";  /* … */
	int legend_lines = legend_place(NULL, 0, 0, width, le, nle, ell);
	int note_lines = 0;
	for (int i = 0; i < nt.n; i++)
		note_lines += pic_text_wrap(NULL, 0, 0, nt.line[i], width, PIC_NOTE);
	int extras = has_title + has_ylab + 2 + has_xlab + legend_lines + note_lines;
	/* in a pane of fixed height the plot comes first: a title that would
	 * leave it fewer than MIN_PLOT_ROWS rows keeps to one line, cut */
	int title_cut = 0;
	if (plot_h <= 0 && has_title > 1 && total_h - extras < MIN_PLOT_ROWS) {
		extras -= has_title - 1;
		has_title = 1;
		title_cut = 1;
	}
	if (plot_h <= 0)
		plot_h = total_h - extras;
	if (plot_h < 2)
		plot_h = 2;

	/* y ticks first: their labels decide the left margin */
	axis ay;
	axis_fit(&ay, sc.ymin, sc.ymax, c->logy ? plot_h / 2 : plot_h / 3, c->logy, 0);
	int ylw = axis_label_width(&ay);
	int left = ylw + 2;
	int plot_w = width - left - 1;
	if (c->width > 0 && c->width < plot_w)
		plot_w = c->width;
	if (plot_w < 4)
		plot_w = 4;
	/* x ticks: as many as fit with two blanks between labels */
	axis ax;
	for (int target = plot_w / 6 > 1 ? plot_w / 6 : 1;; target--) {
		axis_fit(&ax, sc.xmin, sc.xmax, target, c->logx, sc.xwhole);
		double span_cols = (double)(plot_w - 1) * ax.step / (ax.hi - ax.lo);
		if (target <= 1 || span_cols >= axis_label_width(&ax) + 2)
			break;
	}

	pic_init(p, width, extras + plot_h);
	int y = 0;
	if (title_cut) {
		pic_text_clip(p, 0, y++, c->title, width, ell, PIC_TITLE);
	} else if (has_title == 1) {
		int tw = pic_text_width(c->title);
		int tx = left + (plot_w - tw) / 2;
		pic_text(p, tx < 0 ? 0 : tx, y++, c->title, width, PIC_TITLE);
	} else if (has_title) {
		y += pic_text_wrap(p, 0, y, c->title, width, PIC_TITLE);
	}
	if (has_ylab) {
		char buf[200];
		snprintf(buf, sizeof buf, "%s%s%s", c->ylabel ? c->ylabel : "",
		         c->ylabel && c->ylabel[0] && c->logy ? " " : "", c->logy ? _("(log scale)") : "");
		pic_text(p, 0, y++, buf, width, PIC_TICK);
	}
	int top = y;

	/* the y axis with its ticks */
	for (int r = 0; r < plot_h; r++)
		pic_put(p, left - 1, top + r, v_axis, PIC_AXIS);
	int ydots = plot_h * (unicode ? 4 : 1);
	int last_row = -1;
	for (int i = ay.nt - 1; i >= 0; i--) {
		double v = axis_tick(&ay, i);
		int row = axis_pos(&ay, v, ydots, 1) / (unicode ? 4 : 1);
		if (row == last_row)
			continue;
		last_row = row;
		char buf[40];
		axis_label(&ay, v, buf, sizeof buf);
		int lw = (int)strlen(buf);
		pic_text(p, ylw - lw, top + row, buf, lw, PIC_TICK);
		pic_put(p, left - 1, top + row, v_tick, PIC_AXIS);
	}

	/* the points */
	canvas cv;
	canvas_init(&cv, plot_w, plot_h);
	draw_series(c, &ax, &ay, &cv, unicode, colour);
	for (int r = 0; r < plot_h; r++)
		for (int col = 0; col < plot_w; col++) {
			size_t at = (size_t)r * (size_t)plot_w + (size_t)col;
			if (cv.glyph[at]) {
				char g[2] = {cv.glyph[at], '\0'};
				pic_put(p, left + col, top + r, g, PIC_SERIES + cv.grole[at]);
			} else if (cv.bits[at]) {
				char g[5];
				g[0] = (char)0xe2;
				g[1] = (char)(0xa0 | (cv.bits[at] >> 6));
				g[2] = (char)(0x80 | (cv.bits[at] & 0x3f));
				g[3] = '\0';
				pic_put(p, left + col, top + r, g, PIC_SERIES + cv.brole[at]);
			}
		}
	canvas_free(&cv);

	/* the x axis, its ticks and their labels */
	y = top + plot_h;
	pic_put(p, left - 1, y, corner, PIC_AXIS);
	for (int col = 0; col < plot_w; col++)
		pic_put(p, left + col, y, h_axis, PIC_AXIS);
	int xdots = plot_w * (unicode ? 2 : 1);
	int prev_end = -1000;
	for (int i = 0; i < ax.nt; i++) {
		double v = axis_tick(&ax, i);
		int col = axis_pos(&ax, v, xdots, 0) / (unicode ? 2 : 1);
		pic_put(p, left + col, y, h_tick, PIC_AXIS);
		char buf[40];
		axis_label(&ax, v, buf, sizeof buf);
		int lw = (int)strlen(buf);
		int start = left + col - (lw - 1) / 2;
		if (start + lw > width)
			start = width - lw;
		if (start < 0)
			start = 0;
		if (start <= prev_end + 1)
			continue;
		pic_text(p, start, y + 1, buf, lw, PIC_TICK);
		prev_end = start + lw - 1;
	}
	y += 2;
	if (has_xlab) {
		char buf[200];
		snprintf(buf, sizeof buf, "%s%s%s", c->xlabel ? c->xlabel : "",
		         c->xlabel && c->xlabel[0] && c->logx ? " " : "", c->logx ? "(log scale)" : "");
		int lw = pic_text_width(buf);
		int x = left + (plot_w - lw) / 2;
		pic_text(p, x < 0 ? 0 : x, y++, buf, width, PIC_TICK);
	}
	y += legend_place(p, y, left, width, le, nle, ell);
	for (int i = 0; i < nt.n; i++)
		y += pic_text_wrap(p, 0, y, nt.line[i], width, PIC_NOTE);
	free(le);
}

/* ==== entry points ====================================================== */

void
chart_render_pic(const chart *c, int width, int height, int unicode, int colour, picture *p)
{
	chart_layout(c, width, 0, height, unicode, colour, p);
}

void
chart_render_text(const chart *c, int width, int height, int unicode, strbuf *b)
{
	picture p;
	if (height <= 0)
		height = c->height > 0 ? c->height : 12;
	chart_layout(c, width, height, 0, unicode, 0, &p);
	pic_to_text(&p, b);
	pic_free(&p);
}

void
out_chart(const chart *c)
{
	if (out_sink_chart(c))
		return;
	strbuf b;
	sb_init(&b);
	chart_render_text(c, out_width(), 0, out_unicode(), &b);
	out_printf("%s", b.s);
	sb_free(&b);
}

/* ==== copies ============================================================ */

static char *
dup_str(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void *
dup_mem(const void *p, size_t n)
{
	if (!p)
		return NULL;
	void *q = xmalloc(n ? n : 1);
	memcpy(q, p, n);
	return q;
}

chart *
chart_dup(const chart *c)
{
	chart *d = xmalloc(sizeof *d);
	*d = *c;
	d->title = dup_str(c->title);
	d->xlabel = dup_str(c->xlabel);
	d->ylabel = dup_str(c->ylabel);
	chart_series *ss = xcalloc((size_t)(c->nseries > 0 ? c->nseries : 1), sizeof *ss);
	for (int k = 0; k < c->nseries; k++) {
		const chart_series *s = &c->series[k];
		ss[k].name = dup_str(s->name);
		ss[k].n = s->n;
		ss[k].x = dup_mem(s->x, s->n * sizeof *s->x);
		ss[k].y = dup_mem(s->y, s->n * sizeof *s->y);
		ss[k].cls = dup_mem(s->cls, s->n * sizeof *s->cls);
	}
	d->series = ss;
	if (c->class_names) {
		const char **names = xcalloc((size_t)c->nclasses + 1, sizeof *names);
		for (int k = 0; k < c->nclasses; k++)
			names[k] = dup_str(c->class_names[k]);
		d->class_names = names;
	}
	return d;
}

void
chart_free(chart *c)
{
	if (!c)
		return;
	free((char *)c->title);
	free((char *)c->xlabel);
	free((char *)c->ylabel);
	for (int k = 0; k < c->nseries; k++) {
		free((char *)c->series[k].name);
		free((double *)c->series[k].x);
		free((double *)c->series[k].y);
		free((int *)c->series[k].cls);
	}
	free((chart_series *)c->series);
	if (c->class_names) {
		for (int k = 0; k < c->nclasses; k++)
			free((char *)c->class_names[k]);
		free((char **)c->class_names);
	}
	free(c);
}
