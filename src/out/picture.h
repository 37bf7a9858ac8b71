/* picture.h - a grid of character cells, each with a semantic role: what
 * the chart and heatmap renderers lay out.
 *
 * The renderers (chart.c, heatmap.c) place every glyph of a picture --
 * axes, tick labels, braille dots, shades, legends -- into a picture; the
 * plain sink turns it into lines of text (pic_to_text), the workspace
 * draws the same cells with a colour per role.  So one layout serves
 * both, and what the unit tests check is what the workspace shows.
 * Cells hold one character each (a wide character takes two cells, the
 * second marked as its continuation).  Text put into a picture is
 * sanitised: control characters and invalid UTF-8 become '?', so nothing
 * in a label can drive a terminal.  Not a general canvas or a widget.
 */
#ifndef NN_OUT_PICTURE_H
#define NN_OUT_PICTURE_H

#include "util/strbuf.h"

/* What a cell shows; the workspace maps roles to colours. */
enum pic_role {
	PIC_BLANK = 0,
	PIC_TEXT,          /* ordinary text: legends, notes */
	PIC_TITLE,         /* the picture's title */
	PIC_AXIS,          /* axis lines and tick marks */
	PIC_TICK,          /* tick labels, row and column labels */
	PIC_NOTE,          /* asides: points skipped, pooling */
	PIC_SERIES = 16,   /* + series or class index (0..PIC_NSERIES-1) */
	PIC_RAMP = 64,     /* + shade level (0..picture.ramp_levels-1) */
	PIC_MASKED = 200,  /* a masked heatmap cell */
};
#define PIC_NSERIES 16

typedef struct pic_cell {
	char g[5];            /* one character, UTF-8, NUL-terminated; "" = continuation */
	unsigned char role;   /* enum pic_role */
} pic_cell;

typedef struct picture {
	int w, h;
	pic_cell *cells;      /* [h][w] */
	int ramp_levels;      /* heatmaps: shade levels in use (PIC_RAMP + 0..n-1) */
	int diverging;        /* heatmaps: the middle level is zero */
} picture;

/* pic_init: a w x h picture of blanks. */
void pic_init(picture *p, int w, int h);
void pic_free(picture *p);
/* pic_put: one character (the first of utf8) at (x, y); a wide character
 * also claims x+1.  Outside the picture: ignored.  Returns its width. */
int pic_put(picture *p, int x, int y, const char *utf8, int role);
/* pic_text: put s from column x, at most maxw columns (never splitting a
 * character); returns the columns used. */
int pic_text(picture *p, int x, int y, const char *s, int maxw, int role);
/* pic_text_clip: like pic_text, but a string longer than maxw columns
 * ends in ell ("..." or a one-column ellipsis) so that it reads as cut,
 * not as whole. */
int pic_text_clip(picture *p, int x, int y, const char *s, int maxw, const char *ell, int role);
/* pic_text_wrap: put s from column x, broken at blanks into lines of at
 * most w columns (a longer word is cut); returns the lines it takes.
 * With p NULL, only counts them. */
int pic_text_wrap(picture *p, int x, int y, const char *s, int w, int role);
/* pic_cell_at: the cell at (x, y), or NULL outside. */
const pic_cell *pic_cell_at(const picture *p, int x, int y);
/* pic_to_text: every row as a line, trailing blanks removed. */
void pic_to_text(const picture *p, strbuf *b);

/* pic_text_width: columns s takes once sanitised as pic_text does. */
int pic_text_width(const char *s);

#endif
