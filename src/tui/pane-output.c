/* pane-output.c - the output pane: the session's log (out/outlog.h) shown
 * from the bottom, long lines wrapped, with scrollback.
 *
 * The pane keeps no text of its own: it reads the log, so what it shows
 * is exactly what `log save` writes.  It either follows the newest output
 * or, once scrolled up, stays on a fixed line while output arrives.
 * `clear` moves its first line; pages captured for the view pane are
 * ranges of the log it skips.  Not a pager: no search, no selection.
 */
#include <config.h>

#include "tui/pane.h"
#include "tui/colors.h"
#include "core/alloc.h"
#include "out/outlog.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct range {
	size_t from, to;
} range;

typedef struct output_pane {
	pane base;
	size_t start;        /* first log line shown */
	int follow;          /* showing the newest output */
	size_t top;          /* when not following: the line at the top ... */
	int top_sub;         /* ... and which of its wrapped rows */
	range *hidden;
	size_t nhidden;
} output_pane;

/* ==== lines and rows ==================================================== */

/* Line i of what the pane shows; i == outlog_end() is the pending line.
 * NULL if hidden or gone. */
static const char *
line_at(const output_pane *o, size_t i, enum out_kind *kind)
{
	for (size_t k = 0; k < o->nhidden; k++)
		if (i >= o->hidden[k].from && i < o->hidden[k].to)
			return NULL;
	if (i == outlog_end()) {
		*kind = OUT_TEXT;
		const char *p = outlog_pending();
		return p[0] ? p : NULL;
	}
	return outlog_line(i, kind);
}

static size_t
first_line(const output_pane *o)
{
	size_t f = outlog_first();
	return o->start > f ? o->start : f;
}

/* Step a position (line, sub) by delta rows (negative: up), staying within
 * the lines shown; returns the rows actually moved. */
static int
step_rows(const output_pane *o, size_t *line, int *sub, int delta, int w)
{
	size_t lo = first_line(o), hi = outlog_end();
	int moved = 0;
	enum out_kind k;
	while (delta < 0) {
		if (*sub > 0) {
			(*sub)--;
		} else {
			size_t i = *line;
			const char *t = NULL;
			while (i > lo && !(t = line_at(o, i - 1, &k)))
				i--;
			if (!t)
				break;
			*line = i - 1;
			*sub = pane_rows_of(t, w) - 1;
		}
		delta++;
		moved--;
	}
	while (delta > 0) {
		const char *t = line_at(o, *line, &k);
		if (t && *sub + 1 < pane_rows_of(t, w)) {
			(*sub)++;
		} else {
			size_t i = *line + 1;
			while (i <= hi && !line_at(o, i, &k))
				i++;
			if (i > hi)
				break;
			*line = i;
			*sub = 0;
		}
		delta--;
		moved++;
	}
	return moved;
}

/* The position of the bottom row (the last row of the newest line). */
static void
bottom_pos(const output_pane *o, size_t *line, int *sub, int w)
{
	enum out_kind k;
	size_t i = outlog_end() + 1, lo = first_line(o);
	const char *t = NULL;
	while (i > lo && !(t = line_at(o, i - 1, &k)))
		i--;
	if (!t) {
		*line = lo;
		*sub = 0;
		return;
	}
	*line = i - 1;
	*sub = pane_rows_of(t, w) - 1;
}

/* The top row of the page shown now: a page above the newest line when
 * following, else where the pane was scrolled to. */
static void
top_pos(output_pane *o, size_t *line, int *sub, int w, int h)
{
	if (o->follow) {
		bottom_pos(o, line, sub, w);
		step_rows(o, line, sub, -(h - 1), w);
		return;
	}
	if (o->top < first_line(o)) {
		o->top = first_line(o);
		o->top_sub = 0;
	}
	*line = o->top;
	*sub = o->top_sub;
}

/* ==== the class ========================================================= */

static void
output_draw(pane *p, session *s)
{
	(void)s;
	output_pane *o = (output_pane *)p;
	int w = p->w, h = p->h;
	if (w < 1 || h < 1)
		return;
	size_t line;
	int sub;
	top_pos(o, &line, &sub, w, h);
	enum out_kind kind;
	const char *t = line_at(o, line, &kind);
	if (!t) {
		/* the top position is hidden or empty: move to something shown */
		if (step_rows(o, &line, &sub, 1, w) == 0)
			return;
	}
	for (int row = 0; row < h; row++) {
		t = line_at(o, line, &kind);
		if (t)
			pane_put_row(p, row, t, sub, role_of_kind(kind));
		if (step_rows(o, &line, &sub, 1, w) == 0)
			break;
	}
}

static int
output_scroll(pane *p, int how)
{
	output_pane *o = (output_pane *)p;
	int w = p->w > 0 ? p->w : 1, h = p->h > 1 ? p->h : 2;
	size_t line;
	int sub;
	top_pos(o, &line, &sub, w, h);
	switch (how) {
	case -2:
		line = first_line(o);
		sub = 0;
		break;
	case 2:
		o->follow = 1;
		return PANE_HANDLED | PANE_REDRAW;
	default:
		step_rows(o, &line, &sub, how * (h - 1), w);
		break;
	}
	/* at or past the last page: follow again */
	size_t bl;
	int bs;
	bottom_pos(o, &bl, &bs, w);
	step_rows(o, &bl, &bs, -(h - 1), w);
	if (line > bl || (line == bl && sub >= bs)) {
		o->follow = 1;
	} else {
		o->follow = 0;
		o->top = line;
		o->top_sub = sub;
	}
	return PANE_HANDLED | PANE_REDRAW;
}

static void
output_free(pane *p)
{
	output_pane *o = (output_pane *)p;
	free(o->hidden);
}

static const pane_class output_class = {
	.name = "output",
	.draw = output_draw,
	.scroll_by = output_scroll,
	.free = output_free,
};

pane *
output_pane_new(void)
{
	output_pane *o = xcalloc(1, sizeof *o);
	o->base.cls = &output_class;
	o->follow = 1;
	o->start = 0;
	snprintf(o->base.title, sizeof o->base.title, "output");
	return &o->base;
}

void
output_pane_clear(pane *p)
{
	output_pane *o = (output_pane *)p;
	o->start = outlog_end();
	o->follow = 1;
}

void
output_pane_hide(pane *p, size_t from, size_t to)
{
	output_pane *o = (output_pane *)p;
	if (to <= from)
		return;
	o->hidden = xreallocarray(o->hidden, o->nhidden + 1, sizeof *o->hidden);
	o->hidden[o->nhidden++] = (range){from, to};
}

void
output_pane_follow(pane *p)
{
	((output_pane *)p)->follow = 1;
}
