/* tokenize.h - the lexical layer of the nnlab command language.
 *
 *   line    := command { ';' command } [ '#' comment ]
 *   command := word { word }
 *   word    := bare | "double-quoted" | 'single-quoted' | key=value
 *
 * Double-quoted strings take the escapes \" \\ \n \t and \uXXXX; single
 * quotes are literal.  A '#' that begins a word starts a comment.  A word
 * whose unquoted start is an identifier followed by '=' is a key=value pair
 * (the value may be quoted: prime="to be").  The tokenizer never executes or
 * looks anything up; it refuses invalid UTF-8, control characters and
 * unbalanced quotes with a message naming the column.
 */
#ifndef NN_CMD_TOKENIZE_H
#define NN_CMD_TOKENIZE_H

#include <stddef.h>

/* The longest line nnlab accepts, in bytes. */
#define NN_LINE_MAX 8192

typedef struct tok {
	char *text;  /* the whole word, quotes removed, escapes applied */
	char *key;   /* key of a key=value word, else NULL */
	char *val;   /* its value, else NULL */
	int quoted;  /* any part was quoted */
	int col;     /* 1-based column where the word starts */
} tok;

typedef struct tok_cmd {
	tok *w;
	int n;
	char *src;   /* the command's source text, trimmed (for history, echo) */
} tok_cmd;

typedef struct tok_line {
	tok_cmd *cmd;
	int n;
} tok_line;

/* tok_split: split line into commands and words.  0 on success; -1 with a
 * message in err ("unterminated string starting at column 7; close it with
 * a double quote") and *out empty. */
int tok_split(const char *line, tok_line *out, char *err, size_t errlen);
void tok_line_free(tok_line *l);
/* tok_quote: a word quoted so tok_split reads it back as itself. */
char *tok_quote(const char *word);

#endif
