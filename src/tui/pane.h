/* pane.h - the workspace's panes as small classes, htop style.
 *
 * A pane kind is a const pane_class of functions (draw, scroll, free);
 * a pane is a struct that starts with the base `pane` and adds its own
 * state.  The workspace (tui.c) places panes by the layout, gives each a
 * curses window, and calls draw when something changed.  Kinds: the
 * output pane (the session's log, scrollable), picture panes (the chart
 * and view panes: a chart, a heatmap or a page of text) and the status
 * line.  Panes never read the keyboard: keys arrive as commands (scroll,
 * focus), so every key is a command `help keys` lists.
 */
#ifndef NN_TUI_PANE_H
#define NN_TUI_PANE_H

#include <stddef.h>

#include <curses.h>

#include "cmd/plotsrc.h"
#include "cmd/session.h"
#include "out/out.h"
#include "out/picture.h"

typedef struct pane pane;

/* What a handler did (flag bits). */
enum { PANE_HANDLED = 1, PANE_REDRAW = 2 };

typedef struct pane_class {
	const char *name;
	/* draw: fill p->win (inside the title row, which tui.c draws) */
	void (*draw)(pane *p, session *s);
	/* scroll: -1 a page up, +1 down, -2 to the top, +2 to the end */
	int (*scroll_by)(pane *p, int how);
	void (*free)(pane *p);
} pane_class;

struct pane {
	const pane_class *cls;
	WINDOW *win;        /* the body below the title row; NULL while hidden */
	int y, x, h, w;     /* the body's place and size */
	int focus;
	char title[160];    /* shown in the title row */
};

/* pane_draw_pic: draw a picture into p's body from row y0, clipped. */
void pane_draw_pic(pane *p, const picture *pic, int y0);
/* pane_put_text: one line of text at (y, x) of p's body, clipped to the
 * width, with a role's attributes; returns the columns used. */
int pane_put_text(pane *p, int y, int x, const char *s, int role);

/* ==== the output pane (pane-output.c) =================================== */
pane *output_pane_new(void);
/* output_pane_clear: start the pane after what the log holds now. */
void output_pane_clear(pane *p);
/* output_pane_hide: lines [from, to) of the log belong elsewhere (a page
 * in the view pane) and are skipped. */
void output_pane_hide(pane *p, size_t from, size_t to);
/* output_pane_follow: back to the newest output. */
void output_pane_follow(pane *p);

/* ==== picture panes: chart and view (pane-pic.c) ======================== */
pane *pic_pane_new(const char *name, const char *empty_note);
/* pic_pane_set: take the picture in *pic (now owned; *pic is zeroed);
 * source and its argument name the plot source for live redraws. */
void pic_pane_set(pane *p, plot_pic *pic, const char *source, int argc, const char *const *argv);
/* pic_pane_page: start a page of text titled title (view capture). */
void pic_pane_page(pane *p, const char *title);
/* pic_pane_page_add: text for the page (complete or partial lines). */
void pic_pane_page_add(pane *p, enum out_kind kind, const char *s, size_t n);
/* pic_pane_live: refill from the live source, if any; 1 if it changed. */
int pic_pane_live(pane *p, session *s);
/* pic_pane_pick_live: when a job starts, follow the first live plot
 * source that has something to show -- a chart (the loss when training)
 * or, with heatmap, a heatmap (the decision regions) -- unless the pane
 * already follows one or shows a page; 1 if it does now. */
int pic_pane_pick_live(pane *p, session *s, int heatmap);
/* pic_pane_has_live: whether the pane follows a plot source. */
int pic_pane_has_live(const pane *p);

/* ==== the status line (pane-status.c) =================================== */
pane *status_pane_new(void);
/* status_pane_progress: the transient progress text (NULL clears). */
void status_pane_progress(pane *p, const char *text);
/* status_fields: the session's status as one line of text (the one
 * place that reads the data, model and training state for it). */
void status_fields(session *s, char *buf, size_t n);

/* pane_put_row: wrapped row sub of text t (at the pane's width) on row y. */
void pane_put_row(pane *p, int y, const char *t, int sub, int role);
/* pane_rows_of: the rows text takes wrapped at w columns (at least 1);
 * pane_row_of: where row sub of it starts, its length in *len and the
 * column it is drawn from in *indent (NULL: not wanted).  A line that
 * starts with blanks wraps under itself: its later rows are indented
 * as much (at most a third of the width). */
int pane_rows_of(const char *s, int w);
const char *pane_row_of(const char *s, int w, int sub, size_t *len, int *indent);

/* pane_free: free any pane through its class. */
void pane_free(pane *p);

/* The output kinds' colour roles. */
int role_of_kind(enum out_kind kind);

#endif
