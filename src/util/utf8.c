/* utf8.c - UTF-8 helpers (see utf8.h). */
#include <config.h>

#include "util/utf8.h"

#include <string.h>

int32_t
utf8_decode(const char *str, size_t n, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;
	*len = 1;
	if (n == 0)
		return -1;
	unsigned c = s[0];
	if (c < 0x80)
		return (int32_t)c;
	int need;
	int32_t cp, min;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1; cp = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2; cp = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3; cp = c & 0x07; min = 0x10000;
	} else {
		return -1;
	}
	if ((size_t)need >= n)
		return -1;
	for (int i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*len = (size_t)need + 1;
	return cp;
}

size_t
utf8_invalid_at(const char *s, size_t n)
{
	size_t i = 0, len;
	while (i < n) {
		if (utf8_decode(s + i, n - i, &len) < 0)
			return i;
		i += len;
	}
	return (size_t)-1;
}

/* East Asian Wide and Fullwidth ranges (Unicode 15, abridged to the blocks
 * learners meet: CJK, Hangul, kana, fullwidth forms, emoji). */
static const struct { int32_t lo, hi; } wide_ranges[] = {
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A},
	{0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3},
	{0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653},
	{0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
	{0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
	{0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA},
	{0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA},
	{0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
	{0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E},
	{0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
	{0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C},
	{0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x2E80, 0x303E},
	{0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
	{0xA000, 0xA4CF}, {0xA960, 0xA97F}, {0xAC00, 0xD7A3},
	{0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
	{0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4},
	{0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004},
	{0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
	{0x1F200, 0x1F251}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF},
	{0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

int
utf8_cpwidth(int32_t cp)
{
	if (cp == 0)
		return 0;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	/* combining marks and zero-width characters */
	if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x20D0 && cp <= 0x20FF) || utf8_is_bidi_control(cp))
		return 0;
	size_t lo = 0, hi = sizeof wide_ranges / sizeof wide_ranges[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < wide_ranges[mid].lo)
			hi = mid;
		else if (cp > wide_ranges[mid].hi)
			lo = mid + 1;
		else
			return 2;
	}
	return 1;
}

size_t
utf8_width(const char *s)
{
	size_t n = strlen(s), i = 0, w = 0, len;
	while (i < n) {
		int32_t cp = utf8_decode(s + i, n - i, &len);
		w += cp < 0 ? 1 : (size_t)utf8_cpwidth(cp);
		i += len;
	}
	return w;
}

size_t
utf8_prefix_by_width(const char *s, size_t cols)
{
	size_t n = strlen(s), i = 0, w = 0, len;
	while (i < n) {
		int32_t cp = utf8_decode(s + i, n - i, &len);
		size_t cw = cp < 0 ? 1 : (size_t)utf8_cpwidth(cp);
		if (w + cw > cols)
			break;
		w += cw;
		i += len;
	}
	return i;
}

int
utf8_is_bidi_control(int32_t cp)
{
	/* LRM, RLM and ALM, the embeddings and overrides U+202A..U+202E and
	 * the isolates U+2066..U+2069: they reorder what follows them, so a
	 * name could show other text than it holds (CVE-2021-42574) */
	return cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

void
utf8_append_safe(strbuf *b, const char *s, size_t n, int keep_newlines)
{
	size_t i = 0, len;
	while (i < n) {
		int32_t cp = utf8_decode(s + i, n - i, &len);
		if (cp < 0) {
			sb_printf(b, "\\x%02X", (unsigned char)s[i]);
		} else if (cp == '\n' || cp == '\t') {
			if (keep_newlines)
				sb_putc(b, (char)cp);
			else
				sb_puts(b, cp == '\n' ? "\\n" : "\\t");
		} else if (cp < 0x20) {
			sb_putc(b, '^');
			sb_putc(b, (char)(cp + '@'));
		} else if (cp == 0x7F) {
			sb_puts(b, "^?");
		} else if ((cp >= 0x80 && cp < 0xA0) || utf8_is_bidi_control(cp)) {
			sb_printf(b, "\\u%04X", (unsigned)cp);
		} else {
			sb_add(b, s + i, len);
		}
		i += len;
	}
}

size_t
utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int
utf8_no_break_before(int32_t cp)
{
	/* ，。、；：！？）》」』”’…．】〉～ */
	static const int32_t set[] = {
		0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF09, 0x300B, 0x300D,
		0x300F, 0x201D, 0x2019, 0x2026, 0xFF0E, 0x3011, 0x3009, 0xFF5E,
	};
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		if (cp == set[i])
			return 1;
	return 0;
}

int
utf8_no_break_after(int32_t cp)
{
	/* （《「『“‘【〈 */
	static const int32_t set[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x201C, 0x2018, 0x3010, 0x3008};
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		if (cp == set[i])
			return 1;
	return 0;
}

int
utf8_break_between(int32_t before, int32_t after)
{
	if (before < 0 || after < 0 || utf8_no_break_before(after) || utf8_no_break_after(before))
		return 0;
	return utf8_cpwidth(before) == 2 || utf8_cpwidth(after) == 2;
}

int
utf8_pad(int w, const char *s)
{
	return w + (int)(strlen(s) - utf8_width(s));
}
