/* strbuf.h - a growable, always NUL-terminated byte string.
 *
 * The one string builder of nnlab: output lines, JSON, file contents.  Not a
 * rope or a text editor buffer.
 */
#ifndef NN_UTIL_STRBUF_H
#define NN_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
	char *s;     /* NUL-terminated; never NULL after sb_init */
	size_t len;  /* bytes before the NUL */
	size_t cap;
} strbuf;

void sb_init(strbuf *b);
void sb_free(strbuf *b);
void sb_clear(strbuf *b);
void sb_add(strbuf *b, const char *s, size_t n);
void sb_puts(strbuf *b, const char *s);
void sb_putc(strbuf *b, char c);
void sb_printf(strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *b, const char *fmt, va_list ap);
/* sb_pad: append n copies of c. */
void sb_pad(strbuf *b, char c, size_t n);
/* sb_steal: the string, now owned by the caller; b is left empty and
 * needs sb_init before it is used again (sb_free on it is harmless). */
char *sb_steal(strbuf *b);

#endif
