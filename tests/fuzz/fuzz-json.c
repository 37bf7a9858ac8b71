/* fuzz-json.c - libFuzzer target: JSON string escaping.  The output of
 * json_string is a valid JSON string literal that decodes to the input
 * (invalid UTF-8 bytes become U+FFFD). */
#include <config.h>

#include "core/alloc.h"
#include "util/json.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* decode the JSON string literal at s; abort if it is not valid */
static void
decode(const char *s, strbuf *out)
{
	if (*s++ != '"')
		abort();
	while (*s != '"') {
		unsigned char c = (unsigned char)*s;
		if (c == '\0' || c < 0x20)
			abort();
		if (c == '\\') {
			s++;
			switch (*s) {
			case '"': sb_putc(out, '"'); s++; break;
			case '\\': sb_putc(out, '\\'); s++; break;
			case 'n': sb_putc(out, '\n'); s++; break;
			case 't': sb_putc(out, '\t'); s++; break;
			case 'u': {
				int cp = 0;
				for (int k = 1; k <= 4; k++) {
					int h = hex(s[k]);
					if (h < 0)
						abort();
					cp = cp * 16 + h;
				}
				char enc[4];
				sb_add(out, enc, utf8_encode(cp, enc));
				s += 5;
				break;
			}
			default:
				abort();
			}
		} else {
			sb_putc(out, (char)c);
			s++;
		}
	}
	if (s[1] != '\0')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = xstrndup((const char *)data, size);
	strbuf b, back, want;
	sb_init(&b);
	sb_init(&back);
	sb_init(&want);
	json_string(&b, in);
	decode(b.s, &back);
	/* what should come back: the input with invalid bytes as U+FFFD */
	size_t n = strlen(in), i = 0, len;
	while (i < n) {
		if (utf8_decode(in + i, n - i, &len) < 0)
			sb_puts(&want, "\xef\xbf\xbd");
		else
			sb_add(&want, in + i, len);
		i += len;
	}
	if (strcmp(back.s, want.s) != 0)
		abort();
	sb_free(&b);
	sb_free(&back);
	sb_free(&want);
	free(in);
	return 0;
}
