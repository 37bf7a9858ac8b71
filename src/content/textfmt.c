/* textfmt.c - wrapping paragraphs (English and Chinese) and laying out
 * tables for a given width (see textfmt.h).  Appends to strbufs; never
 * prints and knows nothing of terminals beyond display columns. */
#include <config.h>

#include "content/textfmt.h"
#include "core/alloc.h"
#include "util/i18n.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ==== line breaking ===================================================== */

/* Marks that may not start a line (they stay with what precedes them:
 * '，' '）') and marks that may not end one (they stay with what follows:
 * '（'): the sets of util/utf8.h, shared with the help text's wrapper. */
static int
is_closing(int32_t cp)
{
	return utf8_no_break_before(cp);
}

static int
is_opening(int32_t cp)
{
	return utf8_no_break_after(cp);
}

/* A unit is the smallest piece a line break may not split: a run of
 * narrow characters (a word) or one wide character, with the marks glued
 * to it. */
typedef struct unit {
	size_t off, len;   /* bytes in the paragraph */
	int width;         /* columns */
	int space_before;  /* a space separates it from the unit before */
} unit;

enum { U_CLOSED, U_WORD, U_GLUE };

/* ASCII marks that stay with a wide character next to them: '(' before
 * one ("(学习率"), ')' and the like after one ("器)", "率,"). */
static int
is_ascii_open(int32_t cp)
{
	return cp == '(' || cp == '[' || cp == '"' || cp == '\'';
}

static int
is_ascii_close(int32_t cp)
{
	return cp == ')' || cp == ']' || cp == ',' || cp == '.' || cp == ';' || cp == ':' || cp == '!' ||
	       cp == '?' || cp == '"' || cp == '\'';
}

static size_t
units_split(const char *s, size_t n, unit **out)
{
	unit *u = NULL;
	size_t nu = 0, cap = 0;
	int state = U_CLOSED, pending = 0;
	int32_t prev = -1;  /* the code point before, -1 after a space */
	size_t i = 0;
	while (i < n) {
		size_t cl;
		int32_t cp = utf8_decode(s + i, n - i, &cl);
		int w = cp < 0 ? 1 : utf8_cpwidth(cp);
		if (cp == ' ') {
			state = U_CLOSED;
			pending = 1;
			prev = -1;
			i += cl;
			continue;
		}
		int append;
		int glue = nu > 0 && !pending && prev >= 0 &&
		           ((w == 1 && is_ascii_close(cp) && utf8_cpwidth(prev) == 2) ||
		            (w == 2 && is_ascii_open(prev) && state == U_WORD && u[nu - 1].len == 1));
		prev = cp;
		if (cp >= 0 && (is_closing(cp) || glue) && nu > 0 && !pending) {
			/* glue to the unit before, open or not */
			u[nu - 1].len = i + cl - u[nu - 1].off;
			u[nu - 1].width += w;
			i += cl;
			continue;
		}
		if (cp >= 0 && is_opening(cp))
			append = state == U_GLUE;
		else if (w == 2)
			append = state == U_GLUE;
		else
			append = state != U_CLOSED;
		if (append) {
			u[nu - 1].len = i + cl - u[nu - 1].off;
			u[nu - 1].width += w;
		} else {
			if (nu == cap) {
				cap = cap ? cap * 2 : 32;
				u = xreallocarray(u, cap, sizeof *u);
			}
			u[nu].off = i;
			u[nu].len = cl;
			u[nu].width = w;
			u[nu].space_before = pending && nu > 0;
			nu++;
		}
		pending = 0;
		if (cp >= 0 && is_opening(cp))
			state = U_GLUE;
		else if (w == 2)
			state = U_CLOSED;
		else
			state = U_WORD;
		i += cl;
	}
	*out = u;
	return nu;
}

void
textfmt_para(strbuf *b, const char *text, size_t len, int first, int rest, int width)
{
	if (width < rest + 8)
		width = rest + 8;
	if (width < first + 8)
		width = first + 8;
	unit *u;
	size_t nu = units_split(text, len, &u);
	sb_pad(b, ' ', (size_t)first);
	int col = first, content = 0;
	for (size_t k = 0; k < nu; k++) {
		const char *p = text + u[k].off;
		int sep = content && u[k].space_before;
		if (content && col + sep + u[k].width > width) {
			sb_putc(b, '\n');
			sb_pad(b, ' ', (size_t)rest);
			col = rest;
			content = 0;
			sep = 0;
		}
		if (sep) {
			sb_putc(b, ' ');
			col++;
		}
		if (col + u[k].width <= width) {
			sb_add(b, p, u[k].len);
			col += u[k].width;
			content = 1;
			continue;
		}
		/* too wide for any line: split it between characters */
		size_t i = 0;
		while (i < u[k].len) {
			size_t fit = utf8_prefix_by_width(p + i, (size_t)(width - col));
			/* utf8_prefix_by_width reads to the NUL: bound it */
			if (fit > u[k].len - i)
				fit = u[k].len - i;
			if (fit == 0) {
				if (content || col > rest) {
					sb_putc(b, '\n');
					sb_pad(b, ' ', (size_t)rest);
					col = rest;
					content = 0;
					continue;
				}
				size_t cl;
				utf8_decode(p + i, u[k].len - i, &cl);
				fit = cl;
			}
			char *piece = xstrndup(p + i, fit);
			sb_puts(b, piece);
			col += (int)utf8_width(piece);
			free(piece);
			content = 1;
			i += fit;
			if (i < u[k].len) {
				sb_putc(b, '\n');
				sb_pad(b, ' ', (size_t)rest);
				col = rest;
				content = 0;
			}
		}
	}
	sb_putc(b, '\n');
	free(u);
}

/* ==== blocks of text ==================================================== */

/* Whether the last character of a and the first of b are both wide (so
 * joining two lines of Chinese needs no space). */
static int
wide_join(const char *a, size_t alen, const char *b)
{
	if (alen == 0)
		return 0;
	size_t i = alen - 1;
	while (i > 0 && ((unsigned char)a[i] & 0xC0) == 0x80)
		i--;
	size_t cl;
	int32_t x = utf8_decode(a + i, alen - i, &cl);
	int32_t y = utf8_decode(b, strlen(b), &cl);
	return x >= 0 && y >= 0 && utf8_cpwidth(x) == 2 && utf8_cpwidth(y) == 2;
}

void
textfmt_block(strbuf *b, const char *text, int indent, int width)
{
	strbuf para;
	sb_init(&para);
	const char *p = text;
	int last_blank = 1;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		int blank = n == 0, pre = n > 0 && p[0] == ' ';
		if ((blank || pre) && para.len) {
			textfmt_para(b, para.s, para.len, indent, indent, width);
			sb_clear(&para);
			last_blank = 0;
		}
		if (blank) {
			if (!last_blank)
				sb_putc(b, '\n');
			last_blank = 1;
		} else if (pre) {
			sb_pad(b, ' ', (size_t)indent);
			sb_add(b, p, n);
			sb_putc(b, '\n');
			last_blank = 0;
		} else {
			char *line = xstrndup(p, n);
			if (para.len && !wide_join(para.s, para.len, line))
				sb_putc(&para, ' ');
			sb_puts(&para, line);
			free(line);
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	if (para.len)
		textfmt_para(b, para.s, para.len, indent, indent, width);
	sb_free(&para);
}

/* ==== tables ============================================================ */

/* Wrap one cell into lines of at most w columns. */
static size_t
cell_lines(const char *text, int w, char ***out)
{
	strbuf t;
	sb_init(&t);
	textfmt_para(&t, text, strlen(text), 0, 0, w);
	char **v = NULL;
	size_t n = 0;
	const char *p = t.s;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = xstrndup(p, len);
		if (!nl)
			break;
		p = nl + 1;
	}
	sb_free(&t);
	*out = v;
	return n;
}

/* One table row: each cell wrapped to its column, the lines side by side. */
static size_t
table_row(strbuf *b, const char *const *cells, size_t ncols, const int *w, int indent)
{
	char ***lines = xcalloc(ncols, sizeof *lines);
	size_t *nl = xcalloc(ncols, sizeof *nl), most = 0;
	for (size_t c = 0; c < ncols; c++) {
		nl[c] = cell_lines(cells[c], w[c], &lines[c]);
		if (nl[c] > most)
			most = nl[c];
	}
	for (size_t r = 0; r < most; r++) {
		strbuf line;
		sb_init(&line);
		sb_pad(&line, ' ', (size_t)indent);
		for (size_t c = 0; c < ncols; c++) {
			const char *s = r < nl[c] ? lines[c][r] : "";
			sb_puts(&line, s);
			if (c + 1 < ncols)
				sb_pad(&line, ' ', (size_t)(w[c] - (int)utf8_width(s) + 2));
		}
		while (line.len && line.s[line.len - 1] == ' ')
			line.s[--line.len] = '\0';
		sb_puts(b, line.s);
		sb_putc(b, '\n');
		sb_free(&line);
	}
	for (size_t c = 0; c < ncols; c++) {
		for (size_t r = 0; r < nl[c]; r++)
			free(lines[c][r]);
		free(lines[c]);
	}
	free(lines);
	free(nl);
	return most;
}

static void
table_cards(strbuf *b, const char *const *head, size_t ncols, const char *const *const *rows, size_t nrows,
            int indent, int width)
{
	for (size_t r = 0; r < nrows; r++) {
		if (r)
			sb_putc(b, '\n');
		textfmt_para(b, rows[r][0], strlen(rows[r][0]), indent, indent + 2, width);
		for (size_t c = 1; c < ncols; c++) {
			strbuf t;
			sb_init(&t);
			/* "heading: text", with a full-width colon in Chinese */
			sb_printf(&t, "%s%s%s", head[c], i18n_pick(": ", "："), rows[r][c]);
			textfmt_para(b, t.s, t.len, indent + 2, indent + 4, width);
			sb_free(&t);
		}
	}
}

void
textfmt_table(strbuf *b, const char *const *head, size_t ncols, const char *const *const *rows, size_t nrows,
              int indent, int width)
{
	enum { MINCOL = 10, GAP = 2 };
	int *w = xcalloc(ncols, sizeof *w);
	int sum = 0, avail = width - indent - GAP * (int)(ncols - 1);
	for (size_t c = 0; c < ncols; c++) {
		w[c] = (int)utf8_width(head[c]);
		for (size_t r = 0; r < nrows; r++) {
			int cw = (int)utf8_width(rows[r][c]);
			if (cw > w[c])
				w[c] = cw;
		}
		sum += w[c];
	}
	/* narrow the widest column, one column at a time */
	int cards = 0;
	while (sum > avail) {
		size_t wide = ncols;
		for (size_t c = 0; c < ncols; c++)
			if (w[c] > MINCOL && (wide == ncols || w[c] > w[wide]))
				wide = c;
		if (wide == ncols) {
			cards = 1;
			break;
		}
		w[wide]--;
		sum--;
	}
	if (cards) {
		table_cards(b, head, ncols, rows, nrows, indent, width);
		free(w);
		return;
	}
	size_t hl = table_row(b, head, ncols, w, indent);
	(void)hl;
	sb_pad(b, ' ', (size_t)indent);
	for (size_t c = 0; c < ncols; c++) {
		sb_pad(b, '-', (size_t)w[c]);
		if (c + 1 < ncols)
			sb_pad(b, ' ', GAP);
	}
	sb_putc(b, '\n');
	/* rows that wrap are set apart by blank lines */
	int tall = 0;
	for (size_t r = 0; r < nrows && !tall; r++)
		for (size_t c = 0; c < ncols; c++)
			tall |= (int)utf8_width(rows[r][c]) > w[c];
	for (size_t r = 0; r < nrows; r++) {
		if (r && tall)
			sb_putc(b, '\n');
		table_row(b, rows[r], ncols, w, indent);
	}
	free(w);
}
