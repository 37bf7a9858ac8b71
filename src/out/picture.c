/* picture.c - the cell grid that charts and heatmaps are laid out in (see
 * picture.h).  Knows nothing of axes or shades; only cells, roles and
 * safe text. */
#include <config.h>

#include "out/picture.h"
#include "core/alloc.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

void
pic_init(picture *p, int w, int h)
{
	if (w < 0)
		w = 0;
	if (h < 0)
		h = 0;
	p->w = w;
	p->h = h;
	p->ramp_levels = 0;
	p->diverging = 0;
	p->cells = xcalloc((size_t)w * (size_t)h + 1, sizeof *p->cells);
	for (int i = 0; i < w * h; i++)
		p->cells[i].g[0] = ' ';
}

void
pic_free(picture *p)
{
	free(p->cells);
	p->cells = NULL;
	p->w = p->h = 0;
}

const pic_cell *
pic_cell_at(const picture *p, int x, int y)
{
	if (x < 0 || y < 0 || x >= p->w || y >= p->h)
		return NULL;
	return &p->cells[(size_t)y * (size_t)p->w + (size_t)x];
}

/* Decode one displayable character at s: its bytes and width; anything a
 * terminal could act on (controls, invalid bytes, zero-width marks)
 * becomes '?'. */
static size_t
next_char(const char *s, char out[5], int *width)
{
	size_t len;
	int32_t cp = utf8_decode(s, strlen(s), &len);
	int w = cp < 0 ? 0 : utf8_cpwidth(cp);
	if (w == 0) {
		out[0] = '?';
		out[1] = '\0';
		*width = 1;
		return len ? len : 1;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	*width = w;
	return len;
}

/* Blank the other half of a wide character that (x, y) is part of. */
static void
unsplit(picture *p, int x, int y)
{
	pic_cell *c = &p->cells[(size_t)y * (size_t)p->w + (size_t)x];
	if (c->g[0] == '\0' && x > 0) {
		pic_cell *l = c - 1;
		strcpy(l->g, " ");
		l->role = PIC_BLANK;
	} else if (c->g[0] != '\0' && x + 1 < p->w && c[1].g[0] == '\0') {
		strcpy(c[1].g, " ");
		c[1].role = PIC_BLANK;
	}
}

int
pic_put(picture *p, int x, int y, const char *utf8, int role)
{
	char g[5];
	int w;
	next_char(utf8, g, &w);
	if (x < 0 || y < 0 || y >= p->h || x + w > p->w)
		return w;
	unsplit(p, x, y);
	if (w == 2)
		unsplit(p, x + 1, y);
	pic_cell *c = &p->cells[(size_t)y * (size_t)p->w + (size_t)x];
	memcpy(c->g, g, sizeof c->g);
	c->role = (unsigned char)role;
	if (w == 2) {
		c[1].g[0] = '\0';
		c[1].role = (unsigned char)role;
	}
	return w;
}

int
pic_text(picture *p, int x, int y, const char *s, int maxw, int role)
{
	int used = 0;
	while (*s) {
		char g[5];
		int w;
		size_t len = next_char(s, g, &w);
		if (used + w > maxw)
			break;
		pic_put(p, x + used, y, g, role);
		used += w;
		s += len;
	}
	return used;
}

int
pic_text_clip(picture *p, int x, int y, const char *s, int maxw, const char *ell, int role)
{
	if (pic_text_width(s) <= maxw)
		return pic_text(p, x, y, s, maxw, role);
	int ew = pic_text_width(ell);
	if (ew >= maxw)
		return pic_text(p, x, y, s, maxw, role);
	int used = pic_text(p, x, y, s, maxw - ew, role);
	return used + pic_text(p, x + used, y, ell, ew, role);
}

int
pic_text_wrap(picture *p, int x, int y, const char *s, int w, int role)
{
	int lines = 0;
	if (w < 1)
		w = 1;
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		/* the longest run of words that fits */
		const char *end = s, *q = s;
		int used = 0;
		while (*q) {
			const char *we = q;
			while (*we && *we != ' ')
				we++;
			char word[256];
			size_t wl = (size_t)(we - q) < sizeof word - 1 ? (size_t)(we - q) : sizeof word - 1;
			memcpy(word, q, wl);
			word[wl] = '\0';
			int ww = pic_text_width(word);
			int need = used ? used + 1 + ww : ww;
			if (need > w && used)
				break;
			used = need;
			end = we;
			q = we;
			while (*q == ' ')
				q++;
			if (used >= w)
				break;
		}
		if (p) {
			char line[1024];
			size_t n = (size_t)(end - s) < sizeof line - 1 ? (size_t)(end - s) : sizeof line - 1;
			memcpy(line, s, n);
			line[n] = '\0';
			pic_text(p, x, y + lines, line, w, role);
		}
		lines++;
		s = end;
	}
	return lines;
}

int
pic_text_width(const char *s)
{
	int used = 0;
	while (*s) {
		char g[5];
		int w;
		s += next_char(s, g, &w);
		used += w;
	}
	return used;
}

void
pic_to_text(const picture *p, strbuf *b)
{
	for (int y = 0; y < p->h; y++) {
		size_t keep = b->len;
		for (int x = 0; x < p->w; x++) {
			const pic_cell *c = &p->cells[(size_t)y * (size_t)p->w + (size_t)x];
			sb_puts(b, c->g);
			if (c->g[0] && strcmp(c->g, " ") != 0)
				keep = b->len;
		}
		b->len = keep;
		b->s[b->len] = '\0';
		sb_putc(b, '\n');
	}
}
