/* test-glossary-cmd.c - the glossary commands in process: tab completion
 * of terms after define, demo and glossary (through the completer that
 * cmd_init installs), and lazy loading on first use.  The
 * commands' output is tested by the transcripts and tests/glossary.sh. */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/session.h"
#include "out/out.h"
#include "../tap.h"

#include <stdlib.h>
#include <string.h>

static int
has(char **v, const char *want)
{
	for (size_t i = 0; v && v[i]; i++)
		if (strcmp(v[i], want) == 0)
			return 1;
	return 0;
}

static size_t
count(char **v)
{
	size_t n = 0;
	while (v && v[n])
		n++;
	return n;
}

static void
drop(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static char **
complete(session *s, const char *w0, const char *w1, const char *prefix)
{
	const char *words[2] = {w0, w1};
	int file = 0;
	char **v = cmd_complete_words(s, words, w1 ? 2 : 1, prefix, &file);
	ok(!file, "'%s %s%s': not file names", w0, w1 ? w1 : "", prefix);
	return v;
}

int
main(void)
{
	session s;
	session_init(&s, 0);
	out_set_quiet(1);
	ok(s.content == NULL, "nothing is loaded at start");
	cmd_init();

	char **v = complete(&s, "define", NULL, "gradient-d");
	ok(count(v) == 1 && has(v, "gradient-descent"), "define gradient-d<Tab> -> gradient-descent");
	drop(v);
	ok(s.content != NULL, "completion loaded the glossary");

	v = complete(&s, "demo", NULL, "梯度");
	ok(has(v, "梯度") && has(v, "梯度下降") && has(v, "梯度检验"), "demo 梯度<Tab> offers the Chinese names (%zu)",
	   count(v));
	drop(v);

	v = complete(&s, "glossary", NULL, "se");
	ok(has(v, "search") && has(v, "self-attention") && has(v, "self-supervised-learning"),
	   "glossary se<Tab>: the subcommand and the terms");
	drop(v);

	v = complete(&s, "define", NULL, "RL");
	ok(has(v, "RLHF") && has(v, "RL"), "one-word aliases are offered as written");
	drop(v);

	v = complete(&s, "define", NULL, "");
	size_t n = count(v);
	int spaces = 0;
	for (size_t i = 0; i < n; i++)
		spaces |= strchr(v[i], ' ') != NULL;
	ok(n > 150 && !spaces, "every term, none with a space (%zu)", n);
	drop(v);

	v = complete(&s, "compare", NULL, "n");
	ok(count(v) == 1 && has(v, "networks"), "compare n<Tab> -> networks");
	drop(v);

	v = complete(&s, "seed", NULL, "gr");
	ok(count(v) == 0, "no terms after other commands");
	drop(v);

	/* define and demo resolve the same names */
	ok(cmd_run_line(&s, "define gradient descent") == 0, "define gradient descent");
	ok(cmd_run_line(&s, "define 学习率") == 0, "define 学习率");
	ok(cmd_run_line(&s, "define nothing-like-this-at-all") < 0, "define of nonsense fails");
	ok(cmd_run_line(&s, "demo random seed") == 0 && s.seed == 0, "demo random seed runs its commands");
	ok(cmd_run_line(&s, "compare transformer") == 0, "compare transformer");
	session_free(&s);
	ok(s.content == NULL, "session_free releases the glossary");
	return done_testing();
}
