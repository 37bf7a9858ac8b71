/* json.c - JSON strings and numbers (see json.h). */
#include <config.h>

#include "util/json.h"
#include "util/utf8.h"

#include <math.h>
#include <string.h>

void
json_string(strbuf *b, const char *s)
{
	size_t n = strlen(s), i = 0, len;
	sb_putc(b, '"');
	while (i < n) {
		int32_t cp = utf8_decode(s + i, n - i, &len);
		if (cp < 0)
			sb_puts(b, "\\ufffd");
		else if (cp == '"' || cp == '\\')
			sb_printf(b, "\\%c", (char)cp);
		else if (cp == '\n')
			sb_puts(b, "\\n");
		else if (cp == '\t')
			sb_puts(b, "\\t");
		else if (cp < 0x20 || cp == 0x7F)
			sb_printf(b, "\\u%04x", (unsigned)cp);
		else
			sb_add(b, s + i, len);
		i += len;
	}
	sb_putc(b, '"');
}

void
json_number(strbuf *b, double v)
{
	if (!isfinite(v))
		sb_puts(b, "null");
	else
		sb_printf(b, "%.9g", v);
}
