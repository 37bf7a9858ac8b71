/* utf8.h - UTF-8 validation, decoding and display width.
 *
 * nnlab works on bytes that must be UTF-8; these helpers check input at the
 * edges, measure text for columns (CJK characters take two), and make any
 * string safe to show on a terminal.  Independent of the C locale.
 */
#ifndef NN_UTIL_UTF8_H
#define NN_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/* utf8_decode: the code point at s (n bytes available) and its length in
 * *len; -1 (and *len = 1) for an invalid or truncated sequence, overlong
 * forms and surrogates included. */
int32_t utf8_decode(const char *s, size_t n, size_t *len);
/* utf8_valid: offset of the first invalid byte, or (size_t)-1 if valid. */
size_t utf8_invalid_at(const char *s, size_t n);
/* utf8_cpwidth: columns a code point takes: 0, 1 or 2 (East Asian wide). */
int utf8_cpwidth(int32_t cp);
/* utf8_width: columns the string takes (invalid bytes count 1 each). */
size_t utf8_width(const char *s);
/* utf8_pad: the printf field width ("%-*s") that pads s to w columns: a
 * Chinese character takes two columns but three bytes. */
int utf8_pad(int w, const char *s);
/* utf8_prefix_by_width: bytes of s that fit in cols columns, never
 * splitting a character. */
size_t utf8_prefix_by_width(const char *s, size_t cols);
/* utf8_is_bidi_control: whether cp is a bidirectional formatting
 * character (the marks, embeddings, overrides and isolates). */
int utf8_is_bidi_control(int32_t cp);
/* utf8_append_safe: append s to b with C0 controls and DEL shown as ^X
 * and ^?, C1 controls and bidirectional formatting characters as \uNNNN,
 * invalid bytes as \xNN, keeping \n and \t only if keep_newlines.
 * Nothing it appends can drive a terminal or reorder the text shown. */
void utf8_append_safe(strbuf *b, const char *s, size_t n, int keep_newlines);
/* Line breaking in Chinese text, which has no spaces: a line may break
 * between two characters when either is wide (CJK), except before a
 * closing mark (，。、；：！？）》」 ...) or after an opening one（《「 ...). */
int utf8_no_break_before(int32_t cp);
int utf8_no_break_after(int32_t cp);
/* utf8_break_between: whether a line may break between before and after
 * (code points; -1 for an invalid byte: no). */
int utf8_break_between(int32_t before, int32_t after);
/* utf8_encode: write cp to out (4 bytes room), return length. */
size_t utf8_encode(int32_t cp, char *out);

#endif
