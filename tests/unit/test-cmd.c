/* test-cmd.c - command lookup, dispatch, argument checks and completion,
 * run against the real command table with a capturing output sink. */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/session.h"
#include "core/alloc.h"
#include "out/out.h"
#include "util/strbuf.h"
#include "../tap.h"

#include <stdlib.h>
#include <string.h>

static strbuf captured;

static void
cap_write(void *ctx, enum out_kind kind, const char *s, size_t n)
{
	(void)ctx;
	(void)kind;
	sb_add(&captured, s, n);
}

static const out_ops cap_ops = {.write = cap_write};

static session S;

/* run a line; return what it printed */
static const char *
run(const char *line, int *rc)
{
	sb_clear(&captured);
	*rc = cmd_run_line(&S, line);
	return captured.s;
}

static void
expect_error(const char *line, const char *fragment)
{
	int rc;
	strbuf before, after;
	sb_init(&before);
	sb_init(&after);
	session_state_dump(&S, &before);
	const char *o = run(line, &rc);
	int good = rc < 0 && strncmp(o, "error: ", 7) == 0 && strstr(o, fragment) != NULL;
	ok(good, "[%s] fails with '%s'", line, fragment);
	if (!good)
		diag("rc=%d output: %s", rc, o);
	session_state_dump(&S, &after);
	ok(strcmp(before.s, after.s) == 0, "[%s] leaves the session state unchanged", line);
	sb_free(&before);
	sb_free(&after);
}

static void
expect_ok(const char *line, const char *fragment)
{
	int rc;
	const char *o = run(line, &rc);
	int good = rc == 0 && strstr(o, fragment) != NULL;
	ok(good, "[%s] prints '%s'", line, fragment);
	if (!good)
		diag("rc=%d output: %s", rc, o);
}

static int
has(char **v, const char *s)
{
	for (size_t i = 0; v && v[i]; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

static void
free_v(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

int
main(void)
{
	sb_init(&captured);
	out_set_sink(&cap_ops, NULL);
	session_init(&S, 0);

	/* lookup */
	ok(cmd_find("help", 0) && strcmp(cmd_find("help", 0)->name, "help") == 0, "exact name");
	ok(cmd_find("?", 0) && strcmp(cmd_find("?", 0)->name, "help") == 0, "alias ?");
	ok(cmd_find("exit", 0) && strcmp(cmd_find("exit", 0)->name, "quit") == 0, "alias exit");
	ok(cmd_find("hist", 0) && strcmp(cmd_find("hist", 0)->name, "history") == 0, "unique prefix");
	ok(cmd_find("se", 0) == NULL, "ambiguous prefix finds nothing");

	expect_error("se", "ambiguous command 'se', could be: seed, set");
	expect_error("sede 4", "did you mean 'seed'");
	expect_error("frobnicate", "unknown command 'frobnicate'; type 'help'");
	expect_error("show setings", "did you mean 'show settings'");
	expect_error("show", "'show' needs a subcommand: settings, state");
	expect_error("seed x", "the seed 'x' is not a whole number");
	expect_error("seed 1.5", "not a whole number");
	expect_error("seed -1", "out of range");
	expect_error("seed 99999999999999999999999", "out of range");
	expect_error("seed 1 2", "unexpected argument '2'");
	expect_error("seed n=3", "takes no key=value options");
	expect_error("set", "needs a setting and a value");
	expect_error("set digits", "needs a value");
	expect_error("set digits 12", "from 2 to 9");
	expect_error("set digits nan", "from 2 to 9");
	expect_error("set digts 3", "did you mean 'digits'");
	expect_error("set echo maybe", "not on or off");
	expect_error("set width 10", "40 to 400");
	expect_error("set digits=3", "without '='");
	expect_error("lr=0.1", "must start with a command");
	expect_error("help nosuch", "unknown command 'nosuch'");
	expect_error("source", "needs more arguments");
	expect_error("source /nonexistent/file.nn", "cannot open '/nonexistent/file.nn'");
	expect_error("history x", "not a whole number");
	expect_error("x \"unbalanced", "unterminated string");

	/* a failing command stops the rest of the line */
	int rc;
	run("seed 7; nosuch; seed 8", &rc);
	ok(rc < 0 && S.seed == 7, "commands after an error on the same line do not run");

	expect_ok("seed 3", "seed 3:");
	ok(S.seed == 3 && S.rng.ctr == 0, "seed resets the stream");
	expect_ok("seed", "seed 3 (0 random draws since)");
	expect_ok("set digits 6", "digits = 6");
	ok(S.digits == 6, "set digits changes the setting");
	expect_ok("hel seed", "usage: seed [N]");
	expect_ok("help show state", "usage: show state");
	expect_ok("help keys", "Ctrl-C");
	expect_ok("show state", "seed: 3");
	expect_ok("quit", "");
	ok(S.quit == 1, "quit sets the quit flag");
	S.quit = 0;

	/* completion */
	int file;
	char **c = cmd_complete_words(&S, NULL, 0, "se", &file);
	ok(has(c, "seed") && has(c, "set") && !has(c, "help"), "complete command names by prefix");
	free_v(c);
	const char *w1[] = {"show"};
	c = cmd_complete_words(&S, w1, 1, "s", &file);
	ok(has(c, "settings") && has(c, "state"), "complete subcommands");
	free_v(c);
	const char *w2[] = {"source"};
	c = cmd_complete_words(&S, w2, 1, "", &file);
	ok(file == 1, "source completes file names");
	free_v(c);
	const char *w3[] = {"help"};
	c = cmd_complete_words(&S, w3, 1, "ver", &file);
	ok(has(c, "version"), "help completes command names");
	free_v(c);

	session_free(&S);
	sb_free(&captured);
	return done_testing();
}
