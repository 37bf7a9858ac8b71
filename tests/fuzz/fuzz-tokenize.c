/* fuzz-tokenize.c - libFuzzer target: the command-line tokenizer.
 * Any bytes: tok_split never crashes, and every word it returns, quoted
 * with tok_quote, splits back to itself. */
#include <config.h>

#include "cmd/tokenize.h"
#include "core/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = xstrndup((const char *)data, size);
	tok_line tl;
	char err[600];
	if (tok_split(line, &tl, err, sizeof err) == 0) {
		for (int c = 0; c < tl.n; c++)
			for (int i = 0; i < tl.cmd[c].n; i++) {
				const char *w = tl.cmd[c].w[i].text;
				char *q = tok_quote(w);
				size_t n = strlen(q) + 3;
				char *again = xmalloc(n);
				memcpy(again, "x ", 2);
				memcpy(again + 2, q, strlen(q) + 1);
				tok_line t2;
				/* a word may hold characters that the line may not
				 * (a \u escape of a tab, say); those must still come
				 * back the same when they split at all */
				if (tok_split(again, &t2, err, sizeof err) == 0) {
					if (t2.n != 1 || t2.cmd[0].n != 2 || strcmp(t2.cmd[0].w[1].text, w) != 0)
						abort();
					tok_line_free(&t2);
				}
				free(again);
				free(q);
			}
		tok_line_free(&tl);
	}
	free(line);
	return 0;
}
