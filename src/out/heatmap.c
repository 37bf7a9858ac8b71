/* heatmap.c - matrices as pictures: a shade per value with a legend and
 * row and column labels, or the numbers themselves (`values`, for screen
 * readers and for copying); and out_heatmap(), which hands a heatmap to
 * the current sink.
 *
 * Two ramps: sequential (low to high, ten levels) and diverging
 * (negative, zero, positive: weights).  Both are ASCII even where Unicode
 * is allowed: ten shades of ASCII read better than Unicode's four shade
 * blocks, and the workspace colours the cells anyway.  Masked cells
 * (a causal mask) are blank, and when a mask is present the lowest shade
 * is a dot so blank means masked only.  A matrix wider than the space is
 * shown in blocks, each the mean of its values (the most common value
 * for a categorical map such as decision regions), and the note under
 * it says so.  Marks (data points over decision regions) are drawn over
 * their cells.  Network diagrams (a heatmap of weights per layer, under
 * its name) are laid out here too.  NaN and infinity are shown as '?'
 * and counted.  Laid out as a picture (picture.h) like the charts.  Not an image viewer: no
 * interpolation, no colour maps beyond the shade levels.
 */
#include <config.h>

#include "out/chart.h"
#include "out/out.h"
#include "core/alloc.h"
#include "util/i18n.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== ramps ============================================================= */

static const char *const seq_ascii[] = {" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"};
static const char *const seq_ascii_masked[] = {".", ":", "-", "=", "+", "*", "#", "%", "@"};
/* strong negative .. zero .. strong positive: minus-like glyphs below,
 * plus-like above */
static const char *const div_ramp[] = {"#", "=", "-", ",", " ", "'", "+", "*", "@"};
static const char *const div_ramp_masked[] = {"#", "=", "-", ",", ".", "'", "+", "*", "@"};

typedef struct ramp {
	const char *const *g;
	int n;
} ramp;

static ramp
ramp_for(const heatmap *h)
{
	ramp r;
	int masked = h->mask != NULL;
	if (h->diverging) {
		r.g = masked ? div_ramp_masked : div_ramp;
		r.n = 9;
	} else {
		r.g = masked ? seq_ascii_masked : seq_ascii;
		r.n = masked ? 9 : 10;
	}
	return r;
}

/* ==== the matrix as shown (pooled into blocks when too big) =========== */

#define CAT_MAX 64   /* classes a categorical heatmap may hold */

typedef struct grid {
	int rows, cols;    /* cells shown */
	int fr, fc;        /* block size: rows and columns per cell */
	double *v;         /* [rows][cols] mean of the block's values (categorical:
	                    * the most common one) */
	unsigned char *st; /* 0 value, 1 masked, 2 not finite */
	char *mk;          /* [rows][cols] the block's first mark, or 0 */
	double lo, hi;     /* the range the shades span */
	long nonfinite;
} grid;

static void
grid_make(const heatmap *h, int fr, int fc, grid *g)
{
	g->fr = fr;
	g->fc = fc;
	g->rows = (h->rows + fr - 1) / fr;
	g->cols = (h->cols + fc - 1) / fc;
	size_t n = (size_t)g->rows * (size_t)g->cols;
	g->v = xcalloc(n ? n : 1, sizeof *g->v);
	g->st = xcalloc(n ? n : 1, 1);
	g->mk = xcalloc(n ? n : 1, 1);
	g->nonfinite = 0;
	int any = 0;
	double mn = 0, mx = 0;
	for (int r = 0; r < g->rows; r++)
		for (int c = 0; c < g->cols; c++) {
			double sum = 0;
			int cnt = 0, unmasked = 0;
			int votes[CAT_MAX] = {0};
			char mark = 0;
			for (int i = r * fr; i < (r + 1) * fr && i < h->rows; i++)
				for (int j = c * fc; j < (c + 1) * fc && j < h->cols; j++) {
					size_t at = (size_t)i * (size_t)h->cols + (size_t)j;
					if (h->marks && !mark && isalnum((unsigned char)h->marks[at]))
						mark = h->marks[at];
					if (h->mask && h->mask[at])
						continue;
					unmasked++;
					if (!isfinite(h->v[at])) {
						g->nonfinite++;
						continue;
					}
					sum += h->v[at];
					cnt++;
					if (h->categorical && h->v[at] >= 0 && h->v[at] < CAT_MAX)
						votes[(int)h->v[at]]++;
				}
			size_t at = (size_t)r * (size_t)g->cols + (size_t)c;
			g->mk[at] = mark;
			if (!unmasked) {
				g->st[at] = 1;
			} else if (!cnt) {
				g->st[at] = 2;
			} else {
				double v = sum / cnt;
				if (h->categorical) {
					/* the most common class; the lowest on a tie */
					int best = 0;
					for (int k = 1; k < CAT_MAX; k++)
						if (votes[k] > votes[best])
							best = k;
					if (votes[best] > 0)
						v = best;
				}
				g->v[at] = v;
				if (!any++)
					mn = mx = v;
				mn = fmin(mn, v);
				mx = fmax(mx, v);
			}
		}
	if (h->lo != h->hi) {
		mn = fmin(h->lo, h->hi);
		mx = fmax(h->lo, h->hi);
	}
	if (h->diverging) {
		double m = fmax(fabs(mn), fabs(mx));
		mn = -m;
		mx = m;
	}
	g->lo = mn;
	g->hi = mx;
}

static void
grid_free(grid *g)
{
	free(g->v);
	free(g->st);
	free(g->mk);
}

/* The shade level of v. */
static int
level_of(const grid *g, const ramp *r, int diverging, double v)
{
	if (diverging) {
		int half = r->n / 2;
		if (g->hi <= 0)
			return half;
		double f = v / g->hi;
		int b = (int)floor(fabs(f) * half + 0.5);
		if (b > half)
			b = half;
		return f < 0 ? half - b : half + b;
	}
	if (g->hi <= g->lo)
		return r->n / 2;
	double f = (v - g->lo) / (g->hi - g->lo);
	int l = (int)floor(f * r->n);
	return l < 0 ? 0 : l >= r->n ? r->n - 1 : l;
}

/* The shade of class v in a categorical map: classes spread over the
 * ramp from its second level, so no class is blank. */
static int
class_level(const grid *g, const ramp *r, double v)
{
	int k = (int)(g->hi - g->lo) + 1;
	if (k <= 1)
		return r->n / 2;
	int l = 1 + (int)floor((v - g->lo) * (r->n - 2) / (k - 1) + 0.5);
	return l < 1 ? 1 : l >= r->n ? r->n - 1 : l;
}

/* ==== number formats ==================================================== */

typedef struct numfmt {
	int integral;   /* every value a whole number */
	int sci;        /* exponent form */
	int decimals;
} numfmt;

/* One fixed format for every value in v[0..n-1] (those with st 0). */
static numfmt
numfmt_for(const double *v, const unsigned char *st, size_t n)
{
	numfmt f = {1, 0, 0};
	double maxabs = 0;
	for (size_t i = 0; i < n; i++) {
		if (st && st[i])
			continue;
		if (v[i] != floor(v[i]))
			f.integral = 0;
		maxabs = fmax(maxabs, fabs(v[i]));
	}
	if (f.integral && maxabs < 1e9)
		return f;
	f.integral = 0;
	if (maxabs != 0 && (maxabs < 1e-3 || maxabs >= 1e6)) {
		f.sci = 1;
		f.decimals = 3;
		return f;
	}
	int d = maxabs > 0 ? 3 - (int)floor(log10(maxabs)) : 3;
	f.decimals = d < 0 ? 0 : d > 6 ? 6 : d;
	return f;
}

static void
numfmt_put(const numfmt *f, double v, char *buf, size_t n)
{
	if (!isfinite(v))
		snprintf(buf, n, isnan(v) ? "nan" : v < 0 ? "-inf" : "inf");
	else if (f->integral)
		snprintf(buf, n, "%.0f", v);
	else if (f->sci)
		snprintf(buf, n, "%.*e", f->decimals, v);
	else
		snprintf(buf, n, "%.*f", f->decimals, v == 0 ? 0.0 : v);
	/* no "-0.000": a value that rounds to zero prints unsigned */
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1)) {
		memmove(buf, buf + 1, strlen(buf));
	}
}

/* ==== labels ============================================================ */

/* The label of row or column i (first of its block), in buf. */
static const char *
label_of(const char *const *labels, int i, char *buf, size_t n)
{
	if (labels && labels[i])
		return labels[i];
	snprintf(buf, n, "%d", i);
	return buf;
}

#define LABEL_MAX 16   /* columns a row label may take */

static int
row_label_width(const heatmap *h, int fr)
{
	int w = 1;
	for (int i = 0; i < h->rows; i += fr) {
		char buf[24];
		int lw = pic_text_width(label_of(h->row_labels, i, buf, sizeof buf));
		if (lw > w)
			w = lw;
	}
	return w > LABEL_MAX ? LABEL_MAX : w;
}

static int
col_label_width(const heatmap *h, int fc)
{
	int w = 1;
	for (int j = 0; j < h->cols; j += fc) {
		char buf[24];
		int lw = pic_text_width(label_of(h->col_labels, j, buf, sizeof buf));
		if (lw > w)
			w = lw;
	}
	return w;
}

static void
put_row_label(picture *p, const heatmap *h, int i, int y, int rlw)
{
	char buf[24];
	const char *l = label_of(h->row_labels, i, buf, sizeof buf);
	int lw = pic_text_width(l);
	int x = !h->row_labels && lw < rlw ? rlw - lw : 0;  /* numbers right-aligned */
	pic_text(p, x, y, l, rlw, PIC_TICK);
}

/* ==== shades ============================================================ */

/* How the column labels go: one row with a label per cell (cell width
 * fits the longest), a ruler with an index every few cells, or the
 * labels written downwards, one character a row. */
enum colmode { COLS_ROW, COLS_RULER, COLS_DOWN };

#define DOWN_MAX 8   /* characters of a column label written downwards */

typedef struct shade_layout {
	int fr, fc, cw;
	enum colmode mode;
	int head;        /* rows the column labels take */
	int rlw;
} shade_layout;

static void
shade_plan(const heatmap *h, int width, int max_rows, shade_layout *L)
{
	L->fr = max_rows > 0 && h->rows > max_rows ? (h->rows + max_rows - 1) / max_rows : 1;
	L->rlw = row_label_width(h, L->fr);
	int avail = width - L->rlw - 1;
	if (avail < 1)
		avail = 1;
	int clw = col_label_width(h, 1);
	L->fc = 1;
	if (h->cols * (clw + 1 > 2 ? clw + 1 : 2) <= avail) {
		L->cw = clw + 1 > 2 ? clw + 1 : 2;
		L->mode = COLS_ROW;
		L->head = 1;
		return;
	}
	L->cw = h->cols * 2 <= avail ? 2 : 1;
	if (h->cols > avail)
		L->fc = (h->cols + avail - 1) / avail;
	if (!h->col_labels || L->fc > 1) {
		L->mode = COLS_RULER;
		L->head = 1;
		return;
	}
	L->mode = COLS_DOWN;
	int most = 1;
	for (int j = 0; j < h->cols; j++) {
		int n = 0;
		for (const char *s = h->col_labels[j] ? h->col_labels[j] : ""; *s; s++)
			n += ((unsigned char)*s & 0xC0) != 0x80;
		if (n > most)
			most = n;
	}
	L->head = most > DOWN_MAX ? DOWN_MAX : most;
}

static void
put_col_labels(picture *p, const heatmap *h, const shade_layout *L, int y, int ncells)
{
	int x0 = L->rlw + 1;
	if (L->mode == COLS_ROW) {
		for (int j = 0; j < h->cols; j++) {
			char buf[24];
			pic_text(p, x0 + j * L->cw, y, label_of(h->col_labels, j, buf, sizeof buf), L->cw - 1, PIC_TICK);
		}
		return;
	}
	if (L->mode == COLS_RULER) {
		/* an index every k cells, k from 1, 2, 5, 10, 20, 50 ... */
		int widest = (int)snprintf(NULL, 0, "%d", h->cols - 1);
		int k = 1;
		for (int m = 0; k * L->cw < widest + 1; m++)
			k = (m % 3 == 0 ? 2 : m % 3 == 1 ? 5 : 10) * (int)pow(10, m / 3);
		for (int c = 0; c < ncells; c += k) {
			char buf[24];
			snprintf(buf, sizeof buf, "%d", c * L->fc);
			pic_text(p, x0 + c * L->cw, y, buf, (int)strlen(buf), PIC_TICK);
		}
		return;
	}
	for (int j = 0; j < h->cols; j++) {
		const char *s = h->col_labels[j] ? h->col_labels[j] : "";
		for (int r = 0; r < L->head && *s; r++) {
			/* one character; too wide for the cell shows as '?' */
			char ch[5];
			size_t len = 1;
			while (s[len] && ((unsigned char)s[len] & 0xC0) == 0x80 && len < 4)
				len++;
			memcpy(ch, s, len);
			ch[len] = '\0';
			if (pic_text_width(ch) > L->cw)
				strcpy(ch, "?");
			pic_put(p, x0 + j * L->cw, y + r, ch, PIC_TICK);
			s += len;
		}
	}
}

/* The title's rows at this width, from the top: it wraps at its words
 * when it is wider (a view pane of the workspace at 80x24 is 34 columns),
 * or, compact, keeps to one row ending in "..."; p NULL counts. */
static int
put_title(picture *p, const heatmap *h, int width, int compact)
{
	if (!h->title || !h->title[0])
		return 0;
	if (!compact)
		return pic_text_wrap(p, 0, 0, h->title, width, PIC_TITLE);
	if (p)
		pic_text_clip(p, 0, 0, h->title, width, "...", PIC_TITLE);
	return 1;
}

static void
shade_layout_pic(const heatmap *h, int width, int max_rows, int compact, picture *p)
{
	shade_layout L;
	shade_plan(h, width, max_rows, &L);
	grid g;
	grid_make(h, L.fr, L.fc, &g);
	ramp rp = ramp_for(h);
	int has_title = put_title(NULL, h, width, compact);
	char pooled[200] = "", skipped[200] = "";
	if ((L.fr > 1 || L.fc > 1) && !compact)
		snprintf(pooled, sizeof pooled, _("(%d x %d values in blocks of %d x %d, each shown as its %s)"),
		         h->rows, h->cols, L.fr, L.fc, h->categorical ? _("most common value") : _("mean"));
	if (g.nonfinite)
		snprintf(skipped, sizeof skipped, _("(%ld value%s not a finite number, left out; '?' where nothing was left)"),
		         g.nonfinite, g.nonfinite == 1 ? "" : "s");
	numfmt f = numfmt_for((double[]){g.lo, g.hi}, NULL, 2);
	char lo[40], hi[40];
	numfmt_put(&f, g.lo, lo, sizeof lo);
	numfmt_put(&f, g.hi, hi, sizeof hi);
	/* legend: low [ramp] high, and what blank means beside it if it fits */
	const char *masked_note = _("blank: masked");
	const char *marks_note = _("digits: the data");
	int by_class = h->categorical && g.hi - g.lo < 16;
	int legend_w = L.rlw + 1;
	if (by_class)  /* "0 .  1 +  2 @": as drawn below */
		for (int c = (int)g.lo; c <= (int)g.hi; c++)
			legend_w += snprintf(NULL, 0, "%s%d ", c > (int)g.lo ? "  " : "", c) + 1;
	else
		legend_w += (int)strlen(lo) + 2 + rp.n + 2 + (int)strlen(hi);
	/* what the digits and the blanks mean: beside the legend if it fits,
	 * else a line of its own */
	int marks_line = by_class && h->marks && legend_w + 3 + pic_text_width(marks_note) > width;
	if (by_class && h->marks && !marks_line)
		legend_w += 3 + pic_text_width(marks_note);
	int mask_line = h->mask && legend_w + 3 + pic_text_width(masked_note) > width;
	int notes = pic_text_wrap(NULL, 0, 0, pooled, width, PIC_NOTE) + pic_text_wrap(NULL, 0, 0, skipped, width, PIC_NOTE);
	pic_init(p, width, has_title + L.head + g.rows + 1 + marks_line + mask_line + notes);
	p->ramp_levels = rp.n;
	p->diverging = h->diverging;
	int y = put_title(p, h, width, compact);
	put_col_labels(p, h, &L, y, g.cols);
	y += L.head;
	for (int r = 0; r < g.rows; r++, y++) {
		put_row_label(p, h, r * L.fr, y, L.rlw);
		for (int c = 0; c < g.cols; c++) {
			size_t at = (size_t)r * (size_t)g.cols + (size_t)c;
			const char *gl;
			int role;
			if (g.st[at] == 1) {
				gl = " ";
				role = PIC_MASKED;
			} else if (g.st[at] == 2) {
				gl = "?";
				role = PIC_NOTE;
			} else {
				int l = h->categorical ? class_level(&g, &rp, g.v[at]) : level_of(&g, &rp, h->diverging, g.v[at]);
				gl = rp.g[l];
				role = PIC_RAMP + l;
			}
			for (int k = 0; k < L.cw; k++)
				pic_put(p, L.rlw + 1 + c * L.cw + k, y, gl, role);
			if (g.mk[at]) {
				/* a mark (a data point) over the cell, in its class's colour
				 * when the mark is a class digit */
				char m[2] = {g.mk[at], '\0'};
				int mr = isdigit((unsigned char)m[0]) ? PIC_SERIES + (m[0] - '0') % PIC_NSERIES : PIC_TEXT;
				pic_put(p, L.rlw + 1 + c * L.cw + (L.cw > 1), y, m, mr);
			}
		}
	}
	int x = L.rlw + 1;
	if (by_class) {
		/* a shade per class: "0 .  1 +  2 @" */
		for (int c = (int)g.lo; c <= (int)g.hi; c++) {
			char buf[24];
			snprintf(buf, sizeof buf, "%s%d ", c > (int)g.lo ? "  " : "", c);
			x += pic_text(p, x, y, buf, width, PIC_TICK);
			int l = class_level(&g, &rp, c);
			x += pic_put(p, x, y, rp.g[l], PIC_RAMP + l);
		}
		if (h->marks && !marks_line) {
			x += 3;
			x += pic_text(p, x, y, marks_note, width - x, PIC_TEXT);
		}
	} else {
		x += pic_text(p, x, y, lo, width, PIC_TICK);
		x += pic_text(p, x, y, " [", width, PIC_TEXT);
		for (int l = 0; l < rp.n; l++)
			x += pic_put(p, x, y, rp.g[l], PIC_RAMP + l);
		x += pic_text(p, x, y, "] ", width, PIC_TEXT);
		x += pic_text(p, x, y, hi, width, PIC_TICK);
	}
	if (h->mask && !mask_line)
		pic_text(p, x + 3, y, masked_note, width - x - 3, PIC_TEXT);
	y++;
	if (marks_line)
		pic_text(p, L.rlw + 1, y++, marks_note, width - L.rlw - 1, PIC_TEXT);
	if (mask_line)
		pic_text(p, L.rlw + 1, y++, masked_note, width - L.rlw - 1, PIC_TEXT);
	y += pic_text_wrap(p, 0, y, pooled, width, PIC_NOTE);
	pic_text_wrap(p, 0, y, skipped, width, PIC_NOTE);
	grid_free(&g);
}

/* ==== values ============================================================ */

#define VLABEL_MAX 12   /* columns a column label may take in values mode */

static void
values_layout_pic(const heatmap *h, int width, picture *p)
{
	size_t n = (size_t)h->rows * (size_t)h->cols;
	double *v = xcalloc(n ? n : 1, sizeof *v);
	unsigned char *st = xcalloc(n ? n : 1, 1);
	int any_mask = 0;
	for (size_t i = 0; i < n; i++) {
		v[i] = h->v[i];
		if (h->mask && h->mask[i])
			st[i] = 1, any_mask = 1;
		else if (!isfinite(v[i]))
			st[i] = 2;
	}
	numfmt f = numfmt_for(v, st, n);
	/* every column as wide as its widest entry */
	int rlw = row_label_width(h, 1);
	int *cwid = xcalloc((size_t)h->cols + 1, sizeof *cwid);
	for (int j = 0; j < h->cols; j++) {
		char buf[40];
		int w = pic_text_width(label_of(h->col_labels, j, buf, sizeof buf));
		cwid[j] = w > VLABEL_MAX ? VLABEL_MAX : w;
		for (int i = 0; i < h->rows; i++) {
			size_t at = (size_t)i * (size_t)h->cols + (size_t)j;
			numfmt_put(&f, v[at], buf, sizeof buf);
			int l = st[at] == 1 ? 1 : (int)strlen(buf);
			if (l > cwid[j])
				cwid[j] = l;
		}
	}
	/* blocks of columns that fit the width */
	int nblocks = 0, lines = 0;
	for (int j = 0; j < h->cols;) {
		int x = rlw, j0 = j;
		while (j < h->cols && (j == j0 || x + 2 + cwid[j] <= width))
			x += 2 + cwid[j++];
		nblocks++;
	}
	int has_title = put_title(NULL, h, width, 0);
	const char *mask_note = _("(- marks a masked entry)");
	int mask_lines = any_mask ? pic_text_wrap(NULL, 0, 0, mask_note, width, PIC_NOTE) : 0;
	lines = has_title + nblocks * (h->rows + 1) + (nblocks > 1 ? nblocks * 2 - 1 : 0) + mask_lines;
	pic_init(p, width, lines);
	int y = put_title(p, h, width, 0);
	for (int j = 0; j < h->cols;) {
		int x = rlw, j0 = j;
		while (j < h->cols && (j == j0 || x + 2 + cwid[j] <= width))
			x += 2 + cwid[j++];
		if (nblocks > 1) {
			if (j0 > 0)
				y++;
			char buf[80];
			snprintf(buf, sizeof buf, _("columns %d to %d:"), j0, j - 1);
			pic_text(p, 0, y++, buf, width, PIC_NOTE);
		}
		x = rlw;
		for (int jj = j0; jj < j; jj++) {
			char buf[40];
			const char *l = label_of(h->col_labels, jj, buf, sizeof buf);
			int lw = pic_text_width(l);
			if (lw > cwid[jj])
				lw = cwid[jj];
			pic_text(p, x + 2 + cwid[jj] - lw, y, l, lw, PIC_TICK);
			x += 2 + cwid[jj];
		}
		y++;
		for (int i = 0; i < h->rows; i++, y++) {
			put_row_label(p, h, i, y, rlw);
			x = rlw;
			for (int jj = j0; jj < j; jj++) {
				size_t at = (size_t)i * (size_t)h->cols + (size_t)jj;
				char buf[40];
				if (st[at] == 1)
					strcpy(buf, "-");
				else
					numfmt_put(&f, v[at], buf, sizeof buf);
				int l = (int)strlen(buf);
				pic_text(p, x + 2 + cwid[jj] - l, y, buf, l, st[at] == 1 ? PIC_MASKED : PIC_TEXT);
				x += 2 + cwid[jj];
			}
		}
	}
	if (any_mask)
		pic_text_wrap(p, 0, y, mask_note, width, PIC_NOTE);
	free(cwid);
	free(v);
	free(st);
}

/* ==== entry points ====================================================== */

/* compact: for a pane with few rows, the title on one line (cut) and no
 * note on pooling, so that the cells keep the rows */
static void
heatmap_layout(const heatmap *h, int width, int max_rows, int compact, picture *p)
{
	if (width < 20)
		width = 20;
	if (h->rows <= 0 || h->cols <= 0 || !h->v) {
		const char *empty = _("(nothing to show: the matrix is empty)");
		int has_title = put_title(NULL, h, width, 0);
		pic_init(p, width, has_title + pic_text_wrap(NULL, 0, 0, empty, width, PIC_NOTE));
		put_title(p, h, width, 0);
		pic_text_wrap(p, 0, has_title, empty, width, PIC_NOTE);
		return;
	}
	if (h->values)
		values_layout_pic(h, width, p);
	else
		shade_layout_pic(h, width, max_rows, compact, p);
}

/* Rows of cells the text form shows before it pools rows into blocks. */
#define TEXT_MAX_ROWS 48

void
heatmap_render_text(const heatmap *h, int width, int unicode, strbuf *b)
{
	picture p;
	(void)unicode;  /* the shades are ASCII in both forms (see the top) */
	heatmap_layout(h, width, TEXT_MAX_ROWS, 0, &p);
	pic_to_text(&p, b);
	pic_free(&p);
}

void
heatmap_render_pic(const heatmap *h, int width, int height, int unicode, picture *p)
{
	(void)unicode;
	/* as many rows of cells as fit with the title, labels, legend and
	 * notes: try from all of them down until the picture fits; when that
	 * leaves the cells fewer than half the pane (a view pane at 80x24 has
	 * 11 rows), the compact layout instead */
	int most = h->rows < height ? h->rows : height;
	int enough = most < height / 2 ? most : height / 2;
	for (int compact = 0; compact < 2; compact++) {
		int rows = most;
		for (;; rows--) {
			heatmap_layout(h, width, rows > 1 ? rows : 1, compact, p);
			if (p->h <= height || rows <= 1 || h->values)
				break;
			pic_free(p);
		}
		if (rows >= enough || compact || h->values)
			return;
		pic_free(p);
	}
}

void
out_heatmap(const heatmap *h)
{
	if (out_sink_heatmap(h))
		return;
	strbuf b;
	sb_init(&b);
	heatmap_render_text(h, out_width(), out_unicode(), &b);
	out_printf("%s", b.s);
	sb_free(&b);
}

/* ==== copies ============================================================ */

static const char *const *
dup_labels(const char *const *l, int n)
{
	if (!l)
		return NULL;
	char **d = xcalloc((size_t)n + 1, sizeof *d);
	for (int i = 0; i < n; i++)
		d[i] = l[i] ? xstrdup(l[i]) : NULL;
	return (const char *const *)d;
}

static void
free_labels(const char *const *l, int n)
{
	if (!l)
		return;
	for (int i = 0; i < n; i++)
		free((char *)l[i]);
	free((char **)l);
}

heatmap *
heatmap_dup(const heatmap *h)
{
	heatmap *d = xmalloc(sizeof *d);
	*d = *h;
	size_t n = h->rows > 0 && h->cols > 0 ? (size_t)h->rows * (size_t)h->cols : 0;
	d->title = h->title ? xstrdup(h->title) : NULL;
	if (h->v) {
		float *v = xmalloc((n ? n : 1) * sizeof *v);
		memcpy(v, h->v, n * sizeof *v);
		d->v = v;
	}
	if (h->mask) {
		unsigned char *m = xmalloc(n ? n : 1);
		memcpy(m, h->mask, n);
		d->mask = m;
	}
	if (h->marks) {
		char *m = xmalloc(n ? n : 1);
		memcpy(m, h->marks, n);
		d->marks = m;
	}
	d->row_labels = dup_labels(h->row_labels, h->rows);
	d->col_labels = dup_labels(h->col_labels, h->cols);
	d->xname = h->xname ? xstrdup(h->xname) : NULL;
	d->yname = h->yname ? xstrdup(h->yname) : NULL;
	return d;
}

void
heatmap_free(heatmap *h)
{
	if (!h)
		return;
	free((char *)h->title);
	free((float *)h->v);
	free((unsigned char *)h->mask);
	free((char *)h->marks);
	free_labels(h->row_labels, h->rows);
	free_labels(h->col_labels, h->cols);
	free((char *)h->xname);
	free((char *)h->yname);
	free(h);
}

/* ==== network diagrams ================================================== */

/* The rows of weights each layer may use when height rows are available
 * (height <= 0: as many as the text form allows). */
static int
netdiag_share(const netdiag *d, int height)
{
	if (height <= 0)
		return 12;
	int fixed = (d->title ? 1 : 0) + (d->input ? 1 : 0) + (d->legend ? 1 : 0), nw = 0;
	for (int i = 0; i < d->nlayers; i++) {
		fixed++;                        /* the layer's name */
		nw += d->layers[i].rows > 0;
	}
	/* each heatmap has a header row and a legend row besides its cells */
	int left = height - fixed - 3 * nw;
	int share = nw ? left / nw : 0;
	return share < 1 ? 1 : share;
}

static void
netdiag_layout(const netdiag *d, int width, int height, picture *p)
{
	if (width < 20)
		width = 20;
	int share = netdiag_share(d, height);
	picture *sub = xcalloc((size_t)(d->nlayers ? d->nlayers : 1), sizeof *sub);
	int total = (d->title ? 1 : 0) + (d->input ? 1 : 0) + (d->legend ? 1 : 0);
	for (int i = 0; i < d->nlayers; i++) {
		const netdiag_layer *L = &d->layers[i];
		total++;
		if (L->rows > 0 && L->cols > 0 && L->w) {
			heatmap h = {.rows = L->rows, .cols = L->cols, .v = L->w, .diverging = 1};
			heatmap_layout(&h, width - 4, share, 0, &sub[i]);
			total += sub[i].h;
		}
	}
	pic_init(p, width, total);
	p->diverging = 1;
	int y = 0;
	if (d->title)
		pic_text(p, 0, y++, d->title, width, PIC_TITLE);
	if (d->input)
		pic_text(p, 0, y++, d->input, width, PIC_TEXT);
	for (int i = 0; i < d->nlayers; i++) {
		const netdiag_layer *L = &d->layers[i];
		int x = pic_text(p, 0, y, L->hot ? "> " : "  ", width, L->hot ? PIC_TITLE : PIC_TEXT);
		x += pic_text(p, x, y, L->name, width - x, L->hot ? PIC_TITLE : PIC_TICK);
		if (L->note) {
			x += pic_text(p, x, y, "  ", width - x, PIC_TEXT);
			pic_text(p, x, y, L->note, width - x, PIC_NOTE);
		}
		y++;
		if (!sub[i].w)
			continue;
		p->ramp_levels = sub[i].ramp_levels;
		for (int r = 0; r < sub[i].h; r++, y++)
			for (int c = 0; c < sub[i].w && c + 4 < width; c++) {
				const pic_cell *cell = pic_cell_at(&sub[i], c, r);
				if (cell->g[0])
					pic_put(p, 4 + c, y, cell->g, cell->role);
			}
		pic_free(&sub[i]);
	}
	if (d->legend)
		pic_text(p, 0, y, d->legend, width, PIC_NOTE);
	free(sub);
}

void
netdiag_render_text(const netdiag *d, int width, int unicode, strbuf *b)
{
	picture p;
	(void)unicode;
	netdiag_layout(d, width, 0, &p);
	pic_to_text(&p, b);
	pic_free(&p);
}

void
netdiag_render_pic(const netdiag *d, int width, int height, int unicode, picture *p)
{
	(void)unicode;
	netdiag_layout(d, width, height, p);
}

netdiag *
netdiag_dup(const netdiag *d)
{
	netdiag *n = xmalloc(sizeof *n);
	*n = *d;
	n->title = d->title ? xstrdup(d->title) : NULL;
	n->input = d->input ? xstrdup(d->input) : NULL;
	n->legend = d->legend ? xstrdup(d->legend) : NULL;
	netdiag_layer *l = xcalloc((size_t)(d->nlayers ? d->nlayers : 1), sizeof *l);
	for (int i = 0; i < d->nlayers; i++) {
		const netdiag_layer *s = &d->layers[i];
		l[i] = *s;
		l[i].name = xstrdup(s->name ? s->name : "");
		l[i].note = s->note ? xstrdup(s->note) : NULL;
		if (s->w && s->rows > 0 && s->cols > 0) {
			size_t n = (size_t)s->rows * (size_t)s->cols;
			float *w = xmalloc(n * sizeof *w);
			memcpy(w, s->w, n * sizeof *w);
			l[i].w = w;
		} else {
			l[i].w = NULL;
		}
	}
	n->layers = l;
	return n;
}

void
netdiag_free(netdiag *d)
{
	if (!d)
		return;
	for (int i = 0; i < d->nlayers; i++) {
		free((char *)d->layers[i].name);
		free((char *)d->layers[i].note);
		free((float *)d->layers[i].w);
	}
	free((netdiag_layer *)d->layers);
	free((char *)d->title);
	free((char *)d->input);
	free((char *)d->legend);
	free(d);
}
