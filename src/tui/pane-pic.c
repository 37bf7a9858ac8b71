/* pane-pic.c - picture panes: the chart pane and the view pane.
 *
 * A picture pane shows one of: a chart or heatmap description (laid out
 * by out/chart.h for the pane's size, in colour), or a page of text that
 * a command printed into it (`view CMD`, F1).  A chart that came from a
 * plot source (`plot loss`) remembers the source and is refilled while a
 * job runs, so the loss curve grows as training goes.  The layout is
 * cached and redone only when the picture or the size changes.  Not an
 * image viewer.
 */
#include <config.h>

#include "tui/pane.h"
#include "tui/colors.h"
#include "core/alloc.h"
#include "out/chart.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct page_line {
	char *text;
	enum out_kind kind;
} page_line;

typedef struct pic_pane {
	pane base;
	char name[32];
	const char *empty_note;
	plot_pic pic;            /* the picture, if any */
	char *source, *arg;      /* its plot source, for live redraws */
	picture cache;           /* pic laid out ... */
	int cache_w, cache_h;    /* ... for this size (0: none) */
	int show_page;           /* showing the page, not the picture */
	page_line *page;
	size_t npage;
	strbuf partial;          /* an unfinished last line of the page */
	int page_top;            /* first row of the page shown */
} pic_pane;

static void
drop_cache(pic_pane *pp)
{
	if (pp->cache_w)
		pic_free(&pp->cache);
	pp->cache_w = pp->cache_h = 0;
}

static void
drop_page(pic_pane *pp)
{
	for (size_t i = 0; i < pp->npage; i++)
		free(pp->page[i].text);
	free(pp->page);
	pp->page = NULL;
	pp->npage = 0;
	sb_clear(&pp->partial);
	pp->page_top = 0;
}

/* ==== the page ========================================================== */

static int
page_rows(const pic_pane *pp, int w)
{
	int rows = 0;
	for (size_t i = 0; i < pp->npage; i++)
		rows += pane_rows_of(pp->page[i].text, w);
	if (pp->partial.len)
		rows += pane_rows_of(pp->partial.s, w);
	return rows;
}

static void
draw_page(pic_pane *pp)
{
	pane *p = &pp->base;
	int w = p->w, row = -pp->page_top;
	for (size_t i = 0; i <= pp->npage && row < p->h; i++) {
		const char *t;
		int role;
		if (i < pp->npage) {
			t = pp->page[i].text;
			role = role_of_kind(pp->page[i].kind);
		} else {
			if (!pp->partial.len)
				break;
			t = pp->partial.s;
			role = ROLE_NORMAL;
		}
		int n = pane_rows_of(t, w);
		for (int sub = 0; sub < n && row < p->h; sub++, row++)
			if (row >= 0)
				pane_put_row(p, row, t, sub, role);
	}
}

/* ==== the class ========================================================= */

static void
pic_draw(pane *p, session *s)
{
	(void)s;
	pic_pane *pp = (pic_pane *)p;
	if (p->w < 1 || p->h < 1)
		return;
	if (pp->show_page) {
		draw_page(pp);
		return;
	}
	if (!pp->pic.c && !pp->pic.h && !pp->pic.d) {
		/* wrapped, one column in from the border like a page's rows */
		char note[512];
		snprintf(note, sizeof note, " %s", _(pp->empty_note));
		int n = pane_rows_of(note, p->w);
		for (int r = 0; r < n && r < p->h; r++)
			pane_put_row(p, r, note, r, ROLE_NOTE);
		return;
	}
	if (pp->cache_w != p->w || pp->cache_h != p->h) {
		drop_cache(pp);
		int unicode = out_unicode();
		if (pp->pic.c)
			chart_render_pic(pp->pic.c, p->w, p->h, unicode, colors_scheme() != SCHEME_MONO, &pp->cache);
		else if (pp->pic.h)
			heatmap_render_pic(pp->pic.h, p->w, p->h, unicode, &pp->cache);
		else
			netdiag_render_pic(pp->pic.d, p->w, p->h, unicode, &pp->cache);
		pp->cache_w = p->w;
		pp->cache_h = p->h;
	}
	pane_draw_pic(p, &pp->cache, 0);
}

static int
pic_scroll(pane *p, int how)
{
	pic_pane *pp = (pic_pane *)p;
	if (!pp->show_page)
		return 0;
	int total = page_rows(pp, p->w > 0 ? p->w : 1), page = p->h > 1 ? p->h - 1 : 1;
	int last = total - p->h > 0 ? total - p->h : 0;
	switch (how) {
	case -2: pp->page_top = 0; break;
	case 2: pp->page_top = last; break;
	default: pp->page_top += how * page; break;
	}
	if (pp->page_top > last)
		pp->page_top = last;
	if (pp->page_top < 0)
		pp->page_top = 0;
	return PANE_HANDLED | PANE_REDRAW;
}

static void
pic_pane_free(pane *p)
{
	pic_pane *pp = (pic_pane *)p;
	plot_pic_free(&pp->pic);
	drop_cache(pp);
	drop_page(pp);
	sb_free(&pp->partial);
	free(pp->source);
	free(pp->arg);
}

static const pane_class pic_class = {
	.name = "picture",
	.draw = pic_draw,
	.scroll_by = pic_scroll,
	.free = pic_pane_free,
};

pane *
pic_pane_new(const char *name, const char *empty_note)
{
	pic_pane *pp = xcalloc(1, sizeof *pp);
	pp->base.cls = &pic_class;
	snprintf(pp->name, sizeof pp->name, "%s", name);
	snprintf(pp->base.title, sizeof pp->base.title, "%s", name);
	pp->empty_note = empty_note;
	sb_init(&pp->partial);
	return &pp->base;
}

/* The title: the pane's name and what it shows. */
static void
set_title(pic_pane *pp, const char *what)
{
	if (what && what[0])
		snprintf(pp->base.title, sizeof pp->base.title, "%s: %s", pp->name, what);
	else
		snprintf(pp->base.title, sizeof pp->base.title, "%s", pp->name);
}

void
pic_pane_set(pane *p, plot_pic *pic, const char *source, int argc, const char *const *argv)
{
	pic_pane *pp = (pic_pane *)p;
	plot_pic_free(&pp->pic);
	drop_cache(pp);
	pp->pic = *pic;
	pic->c = NULL;
	pic->h = NULL;
	pic->d = NULL;
	pp->show_page = 0;
	if (source != pp->source) {
		free(pp->source);
		free(pp->arg);
		pp->source = source ? xstrdup(source) : NULL;
		pp->arg = source && argc > 0 ? xstrdup(argv[0]) : NULL;
	}
	const char *t = plot_pic_title(&pp->pic);
	set_title(pp, source ? source : t);
}

void
pic_pane_page(pane *p, const char *title)
{
	pic_pane *pp = (pic_pane *)p;
	drop_page(pp);
	pp->show_page = 1;
	set_title(pp, title);
}

void
pic_pane_page_add(pane *p, enum out_kind kind, const char *s, size_t n)
{
	pic_pane *pp = (pic_pane *)p;
	while (n > 0) {
		const char *nl = memchr(s, '\n', n);
		size_t len = nl ? (size_t)(nl - s) : n;
		sb_add(&pp->partial, s, len);
		if (!nl)
			return;
		strbuf safe;
		sb_init(&safe);
		utf8_append_safe(&safe, pp->partial.s, pp->partial.len, 0);
		pp->page = xreallocarray(pp->page, pp->npage + 1, sizeof *pp->page);
		pp->page[pp->npage].text = sb_steal(&safe);
		pp->page[pp->npage].kind = kind;
		pp->npage++;
		sb_clear(&pp->partial);
		s += len + 1;
		n -= len + 1;
	}
}

int
pic_pane_has_live(const pane *p)
{
	const pic_pane *pp = (const pic_pane *)p;
	return pp->source != NULL && !pp->show_page;
}

int
pic_pane_pick_live(pane *p, session *s, int heatmap)
{
	pic_pane *pp = (pic_pane *)p;
	const plot_source *cur = pp->source && !pp->show_page ? plot_source_find(pp->source, 0) : NULL;
	/* already following what the job feeds */
	if (cur && cur->live && plot_source_fed(cur, s))
		return 1;
	/* a page (help, a lesson's step) is being read: leave it */
	if (pp->show_page && pp->npage)
		return 0;
	plot_pic pic = {0};
	const plot_source *src = plot_first_live(s, !heatmap, &pic);
	/* another live picture stays unless the job feeds a different one
	 * (the network's loss gives way when an RNN starts training) */
	if (cur && cur->live && (!src || !plot_source_fed(src, s))) {
		plot_pic_free(&pic);
		return 1;
	}
	if (!src)
		return 0;
	pic_pane_set(p, &pic, src->name, 0, NULL);
	return 1;
}

int
pic_pane_live(pane *p, session *s)
{
	pic_pane *pp = (pic_pane *)p;
	if (!pp->source || pp->show_page)
		return 0;
	const plot_source *src = plot_source_find(pp->source, 0);
	if (!src || !src->live)
		return 0;
	const char *argv[1] = {pp->arg};
	plot_pic pic = {0};
	/* a source with nothing to show yet says so; not here, every frame */
	out_set_mute(1);
	int rc = src->fill(s, pp->arg ? 1 : 0, argv, &pic);
	out_set_mute(0);
	if (rc < 0)
		return 0;
	plot_pic_free(&pp->pic);
	drop_cache(pp);
	pp->pic = pic;
	return 1;
}
