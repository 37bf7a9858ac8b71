/* textfmt.h - laying out glossary and lesson text for a terminal of a
 * given width: paragraphs wrapped between words or between Chinese
 * characters (never putting a closing mark like '，' or '）' at the start
 * of a line), preformatted lines kept, and tables whose cells wrap.
 *
 * The text convention (nnlab-glossary(5)): lines are joined into
 * paragraphs; a blank line ends a paragraph; a line that starts with a
 * space is preformatted and kept as it is.  This module appends to a
 * strbuf and never prints; widths are display columns (CJK counts two).
 */
#ifndef NN_CONTENT_TEXTFMT_H
#define NN_CONTENT_TEXTFMT_H

#include <stddef.h>

#include "util/strbuf.h"

/* textfmt_para: one paragraph (no newlines) wrapped to width columns, the
 * first line indented by first columns and the others by rest. */
void textfmt_para(strbuf *b, const char *text, size_t len, int first, int rest, int width);

/* textfmt_block: text by the convention above, every line indented by
 * indent columns (preformatted lines too), wrapped at width. */
void textfmt_block(strbuf *b, const char *text, int indent, int width);

/* textfmt_table: a table of nrows rows of ncols cells under the headings
 * head[], indented by indent and fitting width: the widest columns are
 * narrowed and their cells wrapped.  When even narrowed columns do not
 * fit, each row is laid out as a card instead ("heading: text" lines).
 * rows[r][c] is the cell text. */
void textfmt_table(strbuf *b, const char *const *head, size_t ncols, const char *const *const *rows,
                   size_t nrows, int indent, int width);

#endif
