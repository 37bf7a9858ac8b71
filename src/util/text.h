/* text.h - small text utilities: strict number parsing, edit distance,
 * identifiers, and the fixed number formats nnlab prints.
 *
 * Strict means the whole string is a number: no trailing junk, no NaN or
 * infinity, no overflow.  Not a general-purpose string library.
 */
#ifndef NN_UTIL_TEXT_H
#define NN_UTIL_TEXT_H

#include <stddef.h>

/* text_parse_double: 0 and *out on success; -1 with why ("not a number",
 * "not finite", "out of range") otherwise. */
int text_parse_double(const char *s, double *out, const char **why);
/* text_parse_long: decimal integer, 0 or -1 with why. */
int text_parse_long(const char *s, long *out, const char **why);
/* text_edit_distance: Damerau-Levenshtein (optimal string alignment)
 * distance between a and b counted in characters (code points), so that
 * one mistyped Chinese character costs 1; stops early with limit+1 when
 * it is above limit or a string is longer than 64 characters. */
int text_edit_distance(const char *a, const char *b, int limit);
/* text_close_enough: whether a typo 'typed' plausibly meant 'cand'. */
int text_close_enough(const char *typed, const char *cand);
/* text_fmt_num: v in a fixed human format into buf: up to 6 significant
 * digits, no exponent between 1e-4 and 1e6, "nan", "inf", "-inf". */
const char *text_fmt_num(double v, char *buf, size_t n);
/* text_starts_with: whether s begins with prefix. */
int text_starts_with(const char *s, const char *prefix);

#endif
