/* gloss-testlib.h - helpers the glossary's C tests share: replacing a
 * piece of a test file's text, parsing it as x.term and asserting the
 * refusal message, writing scratch files, the widest line of a layout.
 * Header-only (static functions, after tap.h), like tests/tap.h; not a
 * test of anything itself. */
#ifndef NN_TESTS_GLOSS_TESTLIB_H
#define NN_TESTS_GLOSS_TESTLIB_H

#include "content/glossary.h"
#include "core/alloc.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s with the first occurrence of from replaced by to (malloc'd). */
static __attribute__((unused)) char *
subst(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	if (!p) {
		printf("# subst: '%s' not found\n", from);
		return xstrdup(s);
	}
	strbuf b;
	sb_init(&b);
	sb_add(&b, s, (size_t)(p - s));
	sb_puts(&b, to);
	sb_puts(&b, p + strlen(from));
	return sb_steal(&b);
}

/* parse text as x.term; the error message (or "") in err */
static int __attribute__((unused))
parse_as(const char *text, gloss_entry *e, char *err, size_t n)
{
	err[0] = '\0';
	return gloss_parse_term("x.term", "x", text, strlen(text), e, err, n);
}

/* text must not parse, with exactly the message want */
static void __attribute__((unused))
bad_term(const char *name, const char *text, const char *want)
{
	gloss_entry e;
	char err[800];
	int rc = parse_as(text, &e, err, sizeof err);
	ok(rc < 0, "%s: refused", name);
	is_str(err, want, name);
	if (rc == 0)
		gloss_entry_free(&e);
}

/* text with from replaced by to must not parse, with exactly the
 * message want */
static void __attribute__((unused))
bad_edit(const char *text, const char *name, const char *from, const char *to, const char *want)
{
	char *t = subst(text, from, to);
	bad_term(name, t, want);
	free(t);
}

/* text must not parse as y.compare, with exactly the message want */
static void __attribute__((unused))
compare_refused(const char *name, const char *text, const char *want)
{
	gloss_compare c;
	char err[800] = "";
	int rc = gloss_parse_compare("y.compare", "y", text, strlen(text), &c, err, sizeof err);
	ok(rc < 0, "%s: refused", name);
	is_str(err, want, name);
	if (rc == 0)
		gloss_compare_free(&c);
}

static void __attribute__((unused))
write_file(const char *dir, const char *name, const char *text)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		printf("# cannot write %s\n", path);
		return;
	}
	fputs(text, f);
	fclose(f);
}

/* the widest line of s in display columns (0 for NULL) */
static size_t __attribute__((unused))
widest(const char *s)
{
	size_t most = 0;
	if (!s)
		return 0;
	char *copy = xstrdup(s);
	for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
		size_t w = utf8_width(line);
		if (w > most)
			most = w;
	}
	free(copy);
	return most;
}

#endif
