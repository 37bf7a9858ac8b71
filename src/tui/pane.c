/* pane.c - what every pane kind shares: drawing a picture's cells in
 * their roles' colours, clipped text, wrapped rows, freeing. */
#include <config.h>

#include "tui/pane.h"
#include "tui/colors.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

int
role_of_kind(enum out_kind kind)
{
	switch (kind) {
	case OUT_ERROR: return ROLE_ERROR;
	case OUT_WARN: return ROLE_WARN;
	case OUT_NOTE: return ROLE_NOTE;
	case OUT_ECHO: return ROLE_ECHO;
	case OUT_HEAD: return ROLE_HEAD;
	default: return ROLE_NORMAL;
	}
}

int
pane_put_text(pane *p, int y, int x, const char *s, int role)
{
	if (!p->win || y < 0 || y >= p->h || x >= p->w)
		return 0;
	strbuf b;
	sb_init(&b);
	utf8_append_safe(&b, s, strlen(s), 0);
	size_t keep = utf8_prefix_by_width(b.s, (size_t)(p->w - x));
	b.s[keep] = '\0';
	wattrset(p->win, color_attr(role));
	mvwaddstr(p->win, y, x, b.s);
	wattrset(p->win, A_NORMAL);
	int used = (int)utf8_width(b.s);
	sb_free(&b);
	return used;
}

/* The colour role of a picture cell's role. */
static int
cell_role(const picture *pic, int role)
{
	if (role >= PIC_RAMP && role < PIC_RAMP + 10 && pic->ramp_levels > 0) {
		int l = role - PIC_RAMP;
		if (pic->diverging)
			return ROLE_DIV + (l < 9 ? l : 8);
		/* spread the levels in use over the ten colours */
		int c = pic->ramp_levels > 1 ? l * 9 / (pic->ramp_levels - 1) : 0;
		return ROLE_SEQ + c;
	}
	if (role >= PIC_SERIES && role < PIC_SERIES + PIC_NSERIES)
		return ROLE_SERIES + (role - PIC_SERIES) % ROLE_NSERIES;
	switch (role) {
	case PIC_TITLE: return ROLE_TITLE;
	case PIC_AXIS: return ROLE_AXIS;
	case PIC_TICK: return ROLE_TICK;
	case PIC_NOTE: return ROLE_NOTE;
	default: return ROLE_NORMAL;
	}
}

void
pane_draw_pic(pane *p, const picture *pic, int y0)
{
	if (!p->win)
		return;
	int fill = colors_fill_cells();
	for (int y = 0; y < pic->h && y0 + y < p->h; y++) {
		if (y0 + y < 0)
			continue;
		for (int x = 0; x < pic->w && x < p->w; x++) {
			const pic_cell *c = pic_cell_at(pic, x, y);
			if (!c->g[0] || (c->g[0] == ' ' && c->role == PIC_BLANK))
				continue;  /* continuation of a wide character, or blank */
			int role = cell_role(pic, c->role);
			/* in 256 colours a heatmap cell is a coloured block, and
			 * the legend's ramp a colour bar */
			const char *g = c->g;
			if (fill && c->role >= PIC_RAMP && c->role < PIC_RAMP + 10)
				g = " ";
			if (x + (int)utf8_width(g) > p->w)
				break;
			wattrset(p->win, color_attr(role));
			mvwaddstr(p->win, y0 + y, x, g);
		}
	}
	wattrset(p->win, A_NORMAL);
}

/* The code point that ends just before byte j of s (j > 0). */
static int32_t
cp_before(const char *s, size_t j)
{
	size_t i = j - 1, len;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && j - i < 4)
		i--;
	int32_t cp = utf8_decode(s + i, j - i, &len);
	return i + len == j ? cp : -1;
}

/* One row of s at w columns: *len bytes shown (as many as fit, broken
 * at a blank when that keeps a word whole, or between Chinese characters
 * but never before '，' or after '（'); returns where the next row
 * starts (after the blank the break used). */
static const char *
row_span(const char *s, int w, size_t *len)
{
	size_t k = utf8_prefix_by_width(s, (size_t)(w > 0 ? w : 1));
	if (k == 0 && *s)
		k = 1;  /* a character wider than the row: show it anyway */
	if (!s[k]) {
		*len = k;
		return s + k;
	}
	if (s[k] == ' ') {
		*len = k;
		return s + k + 1;
	}
	for (size_t j = k; j > 1; j--) {
		if (s[j - 1] == ' ') {
			*len = j - 1;
			return s + j;
		}
		/* a character boundary between two characters, one of them wide */
		if (((unsigned char)s[j] & 0xC0) != 0x80 && ((unsigned char)s[j] >= 0x80 || (unsigned char)s[j - 1] >= 0x80)) {
			size_t l;
			if (utf8_break_between(cp_before(s, j), utf8_decode(s + j, strnlen(s + j, 4), &l))) {
				*len = j;
				return s + j;
			}
		}
	}
	*len = k;
	return s + k;
}

/* The indent of s's continuation rows: its leading blanks, so that an
 * indented line (a formula, a table row) wraps under itself; at most a
 * third of the row, none for a line of blanks. */
static int
row_indent(const char *s, int w)
{
	size_t n = strspn(s, " ");
	if (!s[n])
		return 0;
	return (int)n < w / 3 ? (int)n : w / 3;
}

/* ==== table rows ==========================================================
 *
 * A table laid out for 80 columns wraps in a narrower pane (the output
 * pane at 80x24 is 44 columns).  Wrapped at its blanks, each row would
 * break at a different place and the columns after the break would land
 * anywhere.  A table row is instead cut at a place that depends only on
 * the pane's width, never inside a cell: row r >= 1 shows the columns
 * [C_r - K, C_r - K + w) of the line, where C_1 = w and C_(r+1) = C_r +
 * w - K, and a cell that crosses the end of a row's window goes whole to
 * the next row.  Every row of a table is cut the same way, so its cells
 * stay under their headings in the continuation rows too (cells of a
 * left-aligned column of uneven widths may be split between the two). */

/* A table row: cells set apart by at least three blanks, at least twice. */
static int
is_table_row(const char *s)
{
	const char *p = s + strspn(s, " ");
	int runs = 0;
	while (*p) {
		if (p[0] == ' ' && p[1] == ' ' && p[2] == ' ') {
			size_t n = strspn(p, " ");
			if (!p[n])
				break;
			runs++;
			p += n;
		} else {
			p++;
		}
	}
	return runs >= 2;
}

/* The cells of a line: byte offset and columns of each cell's start and
 * end (a cell runs to two blanks in a row). */
#define TABLE_CELLS 64
typedef struct cells {
	int n;
	size_t at[TABLE_CELLS];
	int c0[TABLE_CELLS], c1[TABLE_CELLS];
} cells;

static int
cells_of(const char *s, cells *c)
{
	size_t n = strlen(s), i = 0, len;
	int col = 0;
	c->n = 0;
	while (i < n) {
		if (s[i] == ' ') {
			i++;
			col++;
			continue;
		}
		if (c->n == TABLE_CELLS)
			return -1;
		c->at[c->n] = i;
		c->c0[c->n] = col;
		while (i < n && !(s[i] == ' ' && (i + 1 == n || s[i + 1] == ' '))) {
			int32_t cp = utf8_decode(s + i, n - i, &len);
			col += cp < 0 ? 1 : utf8_cpwidth(cp);
			i += len;
		}
		c->c1[c->n++] = col;
	}
	return 0;
}

/* Row sub (-1: none) of table row s at w columns: its start, length and
 * indent; returns the rows it takes, or 0 if it is not cut as a table
 * (not a table row, not wider than w, or a cell too wide to move). */
static int
table_row(const char *s, int w, int sub, const char **start, size_t *len, int *indent)
{
	int K = w / 4 < 12 ? w / 4 : 12;
	if (K < 4 || !is_table_row(s) || (int)utf8_width(s) <= w)
		return 0;
	cells c;
	if (cells_of(s, &c) < 0)
		return 0;
	int rows = 0, first = 0, from = 0;  /* from: column the row's window starts at */
	int end = w;                        /* column the row's window ends at */
	while (first < c.n) {
		int k = first;
		while (k < c.n && c.c1[k] <= end)
			k++;
		if (k < c.n && c.c0[k] < end - K)
			return 0;  /* a cell wider than K across the cut */
		if (k == first && k < c.n && c.c1[k] > end - K + w)
			return 0;  /* a cell wider than a row */
		if (rows == sub) {
			*start = s + c.at[first];
			*len = (k < c.n ? c.at[k] : strlen(s)) - c.at[first];
			while (*len > 0 && (*start)[*len - 1] == ' ')
				(*len)--;
			*indent = rows ? c.c0[first] - from : 0;
			if (rows == 0) {  /* the leading blanks too */
				*len += c.at[first];
				*start = s;
			}
		}
		rows++;
		first = k;
		from = end - K;
		end = from + w;
	}
	return rows;
}

int
pane_rows_of(const char *s, int w)
{
	const char *st;
	size_t len;
	int ind, t = table_row(s, w, -1, &st, &len, &ind);
	if (t > 0)
		return t;
	int rows = 1;
	ind = row_indent(s, w);
	for (const char *next = row_span(s, w, &len); *next; next = row_span(next, w - ind, &len))
		rows++;
	return rows;
}

const char *
pane_row_of(const char *s, int w, int sub, size_t *len, int *indent)
{
	const char *st;
	int tind, t = table_row(s, w, sub, &st, len, &tind);
	if (t > 0) {
		if (sub >= t)
			table_row(s, w, t - 1, &st, len, &tind);
		if (indent)
			*indent = tind;
		return st;
	}
	int ind = row_indent(s, w);
	for (int r = 0;; r++) {
		const char *next = row_span(s, r ? w - ind : w, len);
		if (r == sub || !*next) {
			if (indent)
				*indent = r ? ind : 0;
			return s;
		}
		s = next;
	}
}

void
pane_put_row(pane *p, int y, const char *t, int sub, int role)
{
	size_t len;
	int ind;
	const char *r = pane_row_of(t, p->w, sub, &len, &ind);
	char buf[2048];
	if (len >= sizeof buf)
		len = sizeof buf - 1;
	memcpy(buf, r, len);
	buf[len] = '\0';
	pane_put_text(p, y, ind, buf, role);
}

void
pane_free(pane *p)
{
	if (!p)
		return;
	if (p->win)
		delwin(p->win);
	if (p->cls->free)
		p->cls->free(p);
	free(p);
}
