/* test-tokenize.c - unit tests of the command-line tokenizer. */
#include <config.h>

#include "cmd/tokenize.h"
#include "core/alloc.h"
#include "../tap.h"

#include <stdlib.h>
#include <string.h>

/* Render a tokenized line as "cmd1: w|w|k=v ; cmd2: ..." for comparison. */
static char *
render(const char *line, char *err, size_t errlen)
{
	tok_line tl;
	if (tok_split(line, &tl, err, errlen) < 0)
		return NULL;
	static char buf[NN_LINE_MAX * 2];
	buf[0] = '\0';
	for (int c = 0; c < tl.n; c++) {
		if (c)
			strcat(buf, " ; ");
		for (int i = 0; i < tl.cmd[c].n; i++) {
			tok *t = &tl.cmd[c].w[i];
			if (i)
				strcat(buf, "|");
			if (t->key) {
				strcat(buf, "{");
				strcat(buf, t->key);
				strcat(buf, "=");
				strcat(buf, t->val);
				strcat(buf, "}");
			} else {
				strcat(buf, t->text);
			}
		}
	}
	tok_line_free(&tl);
	return buf;
}

static void
want(const char *line, const char *expect)
{
	char err[300];
	char *got = render(line, err, sizeof err);
	is_str(got ? got : err, expect, line);
}

static void
want_error(const char *line, const char *fragment)
{
	char err[300] = "";
	char *got = render(line, err, sizeof err);
	int good = got == NULL && strstr(err, fragment) != NULL;
	ok(good, "error for [%s] mentions '%s'", line, fragment);
	if (!good)
		diag("got: %s", got ? got : err);
}

int
main(void)
{
	want("help", "help");
	want("  seed   42  ", "seed|42");
	want("a b; c d", "a|b ; c|d");
	want("a;;b", "a ; b");
	want(";", "");
	want("", "");
	want("   # only a comment", "");
	want("seed 1 # set the seed", "seed|1");
	want("attn \"the cat sat\" d=8", "attn|the cat sat|{d=8}");
	want("rnn sample prime=\"to be\"", "rnn|sample|{prime=to be}");
	want("x \"a;b\" 'c;d'", "x|a;b|c;d");
	want("x \"say \\\"hi\\\"\"", "x|say \"hi\"");
	want("x \"back\\\\slash\"", "x|back\\slash");
	want("x \"tab\\there\"", "x|tab\there");
	want("x \"\\u4e2d\\u6587\"", "x|\xe4\xb8\xad\xe6\x96\x87");
	want("x \"a=b\"", "x|a=b");
	want("x a=b=c", "x|{a=b=c}");
	want("x =b", "x|=b");
	want("x 1=2", "x|1=2");
	want("x key=", "x|{key=}");
	want("x ab#c", "x|ab#c");
	want("define 学习率", "define|学习率");
	want("x\tb", "x|b");
	want("net add 64 relu init=he", "net|add|64|relu|{init=he}");
	want_error("x \"open", "unterminated string starting at column 3");
	want_error("x 'open", "close it with a single quote");
	want_error("x \"bad \\q\"", "unknown escape");
	want_error("x \"\\u12\"", "bad \\u escape");
	want_error("x \"\\u0007\"", "bad \\u escape");
	want_error("x \xff", "not valid UTF-8 (byte 0xFF at column 3)");
	want_error("x \xe4\xb8", "not valid UTF-8");
	want_error("x \xc0\x80", "not valid UTF-8");
	want_error("x \x1b[31m", "control character 0x1B at column 3");  /* ESC */
	want_error("\x7f", "control character 0x7F");

	/* a line over the limit is refused, not truncated */
	char *big = xmalloc(NN_LINE_MAX + 10);
	memset(big, 'a', NN_LINE_MAX + 1);
	big[NN_LINE_MAX + 1] = '\0';
	want_error(big, "the line is too long");
	memset(big, 'a', NN_LINE_MAX);
	big[NN_LINE_MAX] = '\0';
	char err[300];
	ok(render(big, err, sizeof err) != NULL, "a line of exactly NN_LINE_MAX bytes is accepted");
	free(big);

	/* tok_quote round-trips */
	const char *words[] = {"plain", "two words", "semi;colon", "quote\"d", "back\\slash", "a=b", "#hash", "", "中文"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		char *q = tok_quote(words[i]);
		char line[200];
		snprintf(line, sizeof line, "x %s", q);
		tok_line tl;
		int split = tok_split(line, &tl, err, sizeof err) == 0;
		int good = split && tl.n == 1 && tl.cmd[0].n == 2 &&
		           strcmp(tl.cmd[0].w[1].text, words[i]) == 0 && tl.cmd[0].w[1].key == NULL;
		ok(good, "tok_quote round-trips [%s] as %s", words[i], q);
		if (split)
			tok_line_free(&tl);
		free(q);
	}
	/* the source text of each command is kept, trimmed */
	tok_line tl;
	tok_split("  seed 1 ;  help  # c", &tl, err, sizeof err);
	ok(tl.n == 2 && strcmp(tl.cmd[0].src, "seed 1") == 0 && strcmp(tl.cmd[1].src, "help") == 0,
	   "command source text is trimmed");
	tok_line_free(&tl);
	return done_testing();
}
