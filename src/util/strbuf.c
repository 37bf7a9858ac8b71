/* strbuf.c - growable strings (see strbuf.h). */
#include <config.h>

#include "util/strbuf.h"
#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
sb_grow(strbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void
sb_init(strbuf *b)
{
	b->s = xmalloc(64);
	b->s[0] = '\0';
	b->len = 0;
	b->cap = 64;
}

void
sb_free(strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
sb_clear(strbuf *b)
{
	b->len = 0;
	b->s[0] = '\0';
}

void
sb_add(strbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sb_puts(strbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void
sb_putc(strbuf *b, char c)
{
	sb_add(b, &c, 1);
}

void
sb_pad(strbuf *b, char c, size_t n)
{
	sb_grow(b, n);
	memset(b->s + b->len, c, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sb_vprintf(strbuf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	sb_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
sb_printf(strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
sb_steal(strbuf *b)
{
	char *s = b->s;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}
