/* test-gloss-zh-shipped.c - the Chinese text of the shipped glossary:
 * every .term has short-zh: and [explain-zh] and [example-zh], and a
 * [note-zh] where it has a [note]; every .compare has columns-zh:,
 * [intro-zh] and [rows-zh]; the Chinese texts keep the numbers of the
 * worked examples and formulas (every number of an English preformatted
 * line is in the Chinese twin's preformatted lines, and the twin brings
 * no number the English text does not have); and every Chinese line fits
 * 78 columns.
 *
 * The parser itself is tested in test-glossary-zh; this test reads
 * top_srcdir/glossary.  Links libnncontent.a, libnnutil.a and libnncore.a
 * only. */
#include <config.h>

#include "content/glossary.h"
#include "core/alloc.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "../tap.h"
#include "gloss-testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== numbers =========================================================== */

typedef struct numbers {
	char **v;
	size_t n;
} numbers;

static void
numbers_free(numbers *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static int
numbers_has(const numbers *s, const char *x)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], x) == 0)
			return 1;
	return 0;
}

/* The numbers of text ("0.8", "300", "1e-8" gives "1" and "8"; digit
 * groups "116,000" give "116000"), from its preformatted lines only
 * (pre) or from all of it. */
static void
numbers_of(const char *text, int pre, numbers *out)
{
	memset(out, 0, sizeof *out);
	if (!text)
		return;
	const char *line = text;
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		if (!pre || line[0] == ' ') {
			for (size_t i = 0; i < n;) {
				if (!(line[i] >= '0' && line[i] <= '9')) {
					i++;
					continue;
				}
				char num[64];
				size_t k = 0;
				while (i < n && k + 1 < sizeof num) {
					char c = line[i];
					int digit_next = i + 1 < n && line[i + 1] >= '0' && line[i + 1] <= '9';
					/* a group separator: ',' and exactly three digits */
					int group = c == ',' && i + 3 < n + 1 && digit_next && line[i + 2] >= '0' && line[i + 2] <= '9' &&
					            line[i + 3] >= '0' && line[i + 3] <= '9' &&
					            !(i + 4 < n && line[i + 4] >= '0' && line[i + 4] <= '9');
					if (c >= '0' && c <= '9')
						num[k++] = c;
					else if (c == '.' && digit_next)
						num[k++] = c;
					else if (!group)
						break;
					i++;
				}
				num[k] = '\0';
				if (!numbers_has(out, num)) {
					out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
					out->v[out->n++] = xstrdup(num);
				}
			}
		}
		if (!nl)
			break;
		line = nl + 1;
	}
}

/* The numbers of en's preformatted lines missing from zh's, and the
 * numbers of zh's preformatted lines that en does not have anywhere, in
 * why; 0 when there are none. */
static int
numbers_kept(const char *en, const char *zh, strbuf *why)
{
	numbers a, b, all;
	numbers_of(en, 1, &a);
	numbers_of(zh, 1, &b);
	numbers_of(en, 0, &all);
	int bad = 0;
	for (size_t i = 0; i < a.n; i++)
		if (!numbers_has(&b, a.v[i])) {
			sb_printf(why, " missing %s", a.v[i]);
			bad = 1;
		}
	for (size_t i = 0; i < b.n; i++)
		if (!numbers_has(&all, b.v[i])) {
			/* small counts spelled out in English ("nine of 32") */
			char *end;
			long v = strtol(b.v[i], &end, 10);
			if (*end == '\0' && v >= 0 && v <= 12)
				continue;
			sb_printf(why, " new %s", b.v[i]);
			bad = 1;
		}
	numbers_free(&a);
	numbers_free(&b);
	numbers_free(&all);
	return bad;
}

/* ==== the shipped files ================================================= */

int
main(void)
{
	/* the number reader itself, on known text */
	numbers t;
	numbers_of("  a = 0.8, b = 116,000 (1e-8)\nprose 42\n  3·0.8ᵏ", 1, &t);
	ok(t.n == 5 && strcmp(t.v[0], "0.8") == 0 && strcmp(t.v[1], "116000") == 0 && strcmp(t.v[2], "1") == 0 &&
	   strcmp(t.v[3], "8") == 0 && strcmp(t.v[4], "3") == 0 && !numbers_has(&t, "42"),
	   "numbers of preformatted lines: 0.8, 116000, 1, 8, 3 (got %zu)", t.n);
	numbers_free(&t);
	strbuf why;
	sb_init(&why);
	ok(numbers_kept("  w = 0.64\n", "  w = 0.64（慢）\n", &why) == 0, "the same numbers are kept");
	ok(numbers_kept("  w = 0.64\n", "  w = 0.65\n", &why) == 1, "a changed number is caught");
	is_str(why.s, " missing 0.64 new 0.65", "... and named");
	sb_free(&why);

	const char *src = getenv("top_srcdir");
	strbuf dir;
	sb_init(&dir);
	sb_printf(&dir, "%s/glossary", src && src[0] ? src : "..");
	glossary *g = gloss_load(dir.s);
	ok(g->n >= 60 && g->nwarn == 0, "the shipped glossary loads: %zu entries, %zu warnings", g->n, g->nwarn);
	strbuf miss, nums, wide;
	sb_init(&miss);
	sb_init(&nums);
	sb_init(&wide);
	size_t complete = 0;
	for (size_t i = 0; i < g->n; i++) {
		const gloss_entry *e = &g->e[i];
		strbuf m;
		sb_init(&m);
		if (!e->short_zh)
			sb_puts(&m, " short-zh:");
		if (!e->explain_zh)
			sb_puts(&m, " [explain-zh]");
		if (!e->example_zh)
			sb_puts(&m, " [example-zh]");
		if (e->note && !e->note_zh)
			sb_puts(&m, " [note-zh]");
		if (m.len)
			sb_printf(&miss, "%s%s (%s)", miss.len ? ", " : "", e->id, m.s + 1);
		else
			complete++;
		sb_free(&m);
		strbuf w;
		sb_init(&w);
		if (e->example_zh && numbers_kept(e->example, e->example_zh, &w))
			sb_printf(&nums, "%s%s [example-zh]:%s", nums.len ? "; " : "", e->id, w.s);
		sb_clear(&w);
		if (e->formula_zh && numbers_kept(e->formula, e->formula_zh, &w))
			sb_printf(&nums, "%s%s [formula-zh]:%s", nums.len ? "; " : "", e->id, w.s);
		sb_free(&w);
		const char *zh[] = {e->explain_zh, e->formula_zh, e->example_zh, e->note_zh};
		for (int k = 0; k < 4; k++)
			if (widest(zh[k]) > 78) {
				sb_printf(&wide, "%s%s", wide.len ? ", " : "", e->id);
				break;
			}
	}
	ok(miss.len == 0, "every entry has short-zh:, [explain-zh], [example-zh] and [note-zh] where it has a "
	                  "[note] (%zu of %zu complete)", complete, g->n);
	if (miss.len)
		diag("incomplete: %s", miss.s);
	ok(nums.len == 0, "the Chinese worked examples and formulas keep the English numbers");
	if (nums.len)
		diag("%s", nums.s);
	ok(wide.len == 0, "every Chinese line fits 78 columns");
	if (wide.len)
		diag("too wide: %s", wide.s);
	sb_clear(&miss);
	for (size_t i = 0; i < g->nc; i++) {
		const gloss_compare *c = &g->c[i];
		if (!c->cols_zh || !c->intro_zh || !c->rows_zh)
			sb_printf(&miss, "%s%s (%s%s%s)", miss.len ? ", " : "", c->id, c->cols_zh ? "" : " columns-zh:",
			          c->intro_zh ? "" : " [intro-zh]", c->rows_zh ? "" : " [rows-zh]");
	}
	ok(g->nc == 3 && miss.len == 0, "every comparison page has columns-zh:, [intro-zh] and [rows-zh]");
	if (miss.len)
		diag("incomplete:%s", miss.s);
	sb_free(&miss);
	sb_free(&nums);
	sb_free(&wide);
	gloss_free(g);
	sb_free(&dir);
	return done_testing();
}
