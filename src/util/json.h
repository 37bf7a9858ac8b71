/* json.h - writing JSON strings and numbers.
 *
 * The one place nnlab escapes text for JSON: every export that writes a
 * name, a token or a label goes through json_string, so no input can break
 * out of a string or produce invalid JSON (the fuzz target fuzz-json checks
 * that the output always parses back to the input).  Not a parser.
 */
#ifndef NN_UTIL_JSON_H
#define NN_UTIL_JSON_H

#include "util/strbuf.h"

/* json_string: s as a quoted JSON string: '"' and '\\' escaped, control
 * characters as \uXXXX, invalid UTF-8 bytes as U+FFFD. */
void json_string(strbuf *b, const char *s);
/* json_number: v as a JSON number (%.9g, enough to round-trip a float);
 * NaN and infinity, which JSON lacks, as null. */
void json_number(strbuf *b, double v);

#endif
