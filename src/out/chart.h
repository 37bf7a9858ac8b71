/* chart.h - charts and heatmaps as the output interface sees them.
 *
 * Commands describe a picture (series of points, a matrix of values) and
 * hand it to out_chart() / out_heatmap(); the current sink decides how it
 * is shown: the plain sink renders it as text into the output stream (so
 * scripts, lessons and transcripts show it), the workspace draws it in a
 * pane.  gnuplot (src/plot) renders the same descriptions to windows and
 * files.  Rendering never changes the data; NaN and infinity are skipped
 * and said so.
 */
#ifndef NN_OUT_CHART_H
#define NN_OUT_CHART_H

#include <stddef.h>

#include "out/picture.h"
#include "util/strbuf.h"

enum chart_kind { CHART_LINE, CHART_SCATTER };

typedef struct chart_series {
	const char *name;    /* legend text */
	const double *x;     /* NULL: x = 0, 1, 2, ... */
	const double *y;
	size_t n;
	const int *cls;      /* scatter: a class per point (glyph/colour), or NULL */
} chart_series;

typedef struct chart {
	enum chart_kind kind;
	const char *title;
	const char *xlabel, *ylabel;
	int logx, logy;      /* log10 axes (non-positive values skipped) */
	const chart_series *series;
	int nseries;
	int width, height;   /* cells for the plot area; 0: choose from out_width() */
	/* scatter with cls: a name per class for the legend (NULL: "class K") */
	const char *const *class_names;
	int nclasses;        /* classes named in class_names */
} chart;

typedef struct heatmap {
	const char *title;
	int rows, cols;
	const float *v;                  /* [rows][cols] */
	const char *const *row_labels;   /* NULL: 0..rows-1 */
	const char *const *col_labels;   /* NULL: 0..cols-1 */
	const unsigned char *mask;       /* [rows][cols], 1 = blank (causal mask), or NULL */
	int diverging;                   /* 1: signed ramp centred on 0 (weights) */
	int values;                      /* 1: print the numbers instead of shades */
	double lo, hi;                   /* colour range; lo == hi: autoscale */
	int categorical;                 /* 1: values are classes 0..63; a pooled block
	                                  * shows its most common value, not the mean */
	const char *marks;               /* [rows][cols]: an ASCII letter or digit drawn
	                                  * over the cell (data points), 0 = none; or NULL */
	/* the plane the cells tile, for pictures with real axes (gnuplot):
	 * column 0 starts at x0, row 0 is the top, at y1; x0 == x1: none */
	double x0, x1, y0, y1;
	const char *xname, *yname;       /* the axes' names, or NULL */
} heatmap;

/* out_chart / out_heatmap: show through the current sink. */
void out_chart(const chart *c);
void out_heatmap(const heatmap *h);

/* The text renderers the plain sink uses (also unit-tested): append the
 * picture to b in at most width columns.  unicode selects braille/block
 * characters; otherwise pure ASCII. */
void chart_render_text(const chart *c, int width, int height, int unicode, strbuf *b);
void heatmap_render_text(const heatmap *h, int width, int unicode, strbuf *b);

/* The same layouts as pictures (picture.h), for the workspace, which
 * draws each cell in the colour of its role.  Here width and height are
 * the whole picture (title, axes, legend included).  colour: series and
 * classes are told apart by colour, so every one of them may be drawn in
 * braille; without it (plain text) only the first series is braille and
 * the others, and the classes of a scatter plot, get glyphs of their own. */
void chart_render_pic(const chart *c, int width, int height, int unicode, int colour, picture *p);
void heatmap_render_pic(const heatmap *h, int width, int height, int unicode, picture *p);

/* Deep copies, for sinks that keep a picture to redraw it later (the
 * workspace's chart pane) and free it with chart_free / heatmap_free. */
chart *chart_dup(const chart *c);
void chart_free(chart *c);
heatmap *heatmap_dup(const heatmap *h);
void heatmap_free(heatmap *h);

/* A network diagram: the input, then every layer with its size and
 * activation, and its weights as a diverging heatmap (a row per unit of
 * the layer, a column per input: sign and magnitude).  The layer marked
 * hot is highlighted (the one the last step changed most). */
typedef struct netdiag_layer {
	const char *name;    /* "layer 1 (dense 2 -> 16, tanh)" */
	const char *note;    /* e.g. "grad 0.031"; or NULL */
	int rows, cols;      /* the weights shown: units x inputs; 0 x 0: none */
	const float *w;      /* [rows][cols] */
	int hot;
} netdiag_layer;

typedef struct netdiag {
	const char *title;
	const char *input;   /* "input: 2 features (x1, x2)" */
	int nlayers;
	const netdiag_layer *layers;
	const char *legend;  /* a line under it, or NULL */
} netdiag;

/* netdiag_render_text / _pic: as the heatmaps; every layer's weights get
 * an equal share of the height (pooled into blocks when they do not fit). */
void netdiag_render_text(const netdiag *d, int width, int unicode, strbuf *b);
void netdiag_render_pic(const netdiag *d, int width, int height, int unicode, picture *p);
netdiag *netdiag_dup(const netdiag *d);
void netdiag_free(netdiag *d);

/* out_unicode: whether text output may use braille and box drawing
 * characters: the locale's codeset is UTF-8 (LC_ALL=C gives ASCII). */
int out_unicode(void);

#endif
