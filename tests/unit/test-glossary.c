/* test-glossary.c - the glossary parser, lookup, search and text layout
 * (src/content), and the shipped glossary itself: every entry parses,
 * every link resolves, every term the notes use is there, the notes'
 * errors appear only where an entry corrects them.
 *
 * Links libnncontent.a, libnnutil.a and libnncore.a only: the content
 * layer must not need commands or output. */
#include <config.h>

#include "content/glossary.h"
#include "content/textfmt.h"
#include "core/alloc.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "../tap.h"
#include "gloss-testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ==== helpers =========================================================== */

static const char base[] =
	"term: softmax\n"                               /* 1 */
	"zh: 归一化指数函数\n"                           /* 2 */
	"alias: softmax function, Normalised Exp\n"      /* 3 */
	"alias-zh: Softmax 函数，归一化函数、软最大\n"   /* 4 */
	"topic: basics\n"                               /* 5 */
	"short: Turns scores into probabilities.\n"     /* 6 */
	"see: cross-entropy, temperature\n"             /* 7 */
	"try: seed 1; seed\n"                           /* 8 */
	"\n"                                            /* 9 */
	"[explain]\n"                                   /* 10 */
	"Exponentiate,\n"                               /* 11 */
	"then normalise.\n"                             /* 12 */
	"[example]\n"                                   /* 13 */
	"  softmax(0, 0) = (0.5, 0.5)\n";               /* 14 */

/* ==== parser ============================================================ */

static void
test_parse_good(void)
{
	gloss_entry e;
	char err[800];
	int rc = parse_as(base, &e, err, sizeof err);
	ok(rc == 0, "the base entry parses (%s)", err);
	if (rc)
		return;
	is_str(e.id, "x", "id from the file name");
	is_str(e.term, "softmax", "term");
	is_str(e.zh, "归一化指数函数", "zh");
	ok(e.nalias == 5 && e.nalias_en == 2, "aliases: 2 English, 3 Chinese (got %zu, %zu)", e.nalias, e.nalias_en);
	if (e.nalias == 5) {
		is_str(e.alias[1], "Normalised Exp", "English alias kept as written");
		is_str(e.alias[2], "Softmax 函数", "Chinese list split at the full-width comma");
		is_str(e.alias[3], "归一化函数", "... and at the enumeration comma");
		is_str(e.alias[4], "软最大", "last Chinese alias");
	}
	is_str(gloss_topics[e.topic][0], "basics", "topic");
	ok(e.nsee == 2 && strcmp(e.see[1], "temperature") == 0, "see: two links");
	is_str(e.try_line, "seed 1; seed", "try line");
	is_str(e.explain, "Exponentiate,\nthen normalise.", "explain keeps its lines");
	is_str(e.example, "  softmax(0, 0) = (0.5, 0.5)", "example keeps the leading spaces");
	ok(e.formula == NULL && e.note == NULL, "absent sections are NULL");
	gloss_entry_free(&e);

	/* CRLF line ends, comments and blank lines in the header */
	char *crlf = subst(base, "topic: basics\n", "# a comment\r\n\r\ntopic: basics\r\n");
	rc = parse_as(crlf, &e, err, sizeof err);
	ok(rc == 0, "comments, blank lines and CRLF are accepted (%s)", err);
	if (rc == 0) {
		is_str(gloss_topics[e.topic][0], "basics", "CRLF value trimmed");
		gloss_entry_free(&e);
	}
	free(crlf);
}

static void
test_parse_bad(void)
{
	bad_edit(base, "unknown field", "alias: softmax function, Normalised Exp\n", "colour: red\n",
	         "x.term:3: unknown field 'colour'; the fields are term, zh, alias, alias-zh, topic, short, short-zh, see, try");
	bad_edit(base, "field twice", "alias: softmax function, Normalised Exp\n", "zh: 又一个\n",
	         "x.term:3: field 'zh' is given twice (first on line 2); keep one");
	bad_edit(base, "empty field", "zh: 归一化指数函数\n", "zh:   \n",
	         "x.term:2: field 'zh' is empty; give it a value or remove the line");
	bad_edit(base, "missing field", "try: seed 1; seed\n", "",
	         "x.term: the field 'try:' is missing; add it to the header");
	bad_edit(base, "unknown section", "[example]\n", "[examples]\n",
	         "x.term:13: unknown section '[examples]'; the sections are [explain], [formula], [example], [note], "
	         "[explain-zh], [formula-zh], [example-zh], [note-zh]");
	bad_edit(base, "section twice", "[example]\n", "[explain]\n",
	         "x.term:13: section [explain] appears twice (first on line 10); merge them");
	bad_edit(base, "missing section", "[example]\n  softmax(0, 0) = (0.5, 0.5)\n", "",
	         "x.term: the section [example] is missing; add it after the header");
	bad_edit(base, "empty section", "[example]\n", "[note]\n\n[example]\n",
	         "x.term:13: the section [note] is empty; write its text or remove it");
	bad_edit(base, "unknown topic", "topic: basics", "topic: maths",
	         "x.term:5: unknown topic 'maths'; choose one of basics, learning, training, networks, language, large");
	bad_edit(base, "topic by title is not an id", "topic: basics", "topic: Basics",
	         "x.term:5: unknown topic 'Basics'; choose one of basics, learning, training, networks, language, large");
	bad_edit(base, "bad link name", "see: cross-entropy", "see: Cross_Entropy",
	         "x.term:7: 'Cross_Entropy' is not an entry name; see: takes file names such as learning-rate");
	bad_edit(base, "empty see list", "see: cross-entropy, temperature", "see: , ,",
	         "x.term:7: see: lists no entries; name at least one related entry");
	bad_edit(base, "empty alias", "alias: softmax function, Normalised Exp", "alias: softmax function,, x",
	         "x.term:3: an empty item in alias:; separate names with single commas");
	bad_edit(base, "tab", "short: Turns", "short:\tTurns",
	         "x.term:6: a tab character (column 7); use spaces");
	bad_edit(base, "control character", "then normalise.", "then \033[2J normalise.",
	         "x.term:12: a control character 0x1B (column 6); remove it");
	bad_edit(base, "invalid UTF-8", "then normalise.", "then \xff normalise.",
	         "x.term:12: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
	bad_edit(base, "text before a section", "topic: basics\n", "topic: basics\nhello world\n",
	         "x.term:6: expected 'field: value' or a [section] line, not 'hello world'");
	char longval[600];
	memset(longval, 'a', sizeof longval - 1);
	longval[sizeof longval - 1] = '\0';
	char line[700];
	snprintf(line, sizeof line, "short: %s", longval);
	bad_edit(base, "over-long field", "short: Turns scores into probabilities.", line,
	         "x.term:6: field 'short' is too long (599 bytes; at most 400)");

	/* NUL bytes */
	gloss_entry e;
	char err[800];
	const char nul[] = "term: a\0b\n";
	int rc = gloss_parse_term("x.term", "x", nul, sizeof nul - 1, &e, err, sizeof err);
	ok(rc < 0, "NUL bytes: refused");
	is_str(err, "x.term: contains NUL bytes; a glossary file is UTF-8 text", "NUL bytes: message");
	/* an invalid file name */
	rc = gloss_parse_term("Bad_Name.term", "Bad_Name", base, strlen(base), &e, err, sizeof err);
	ok(rc < 0, "bad id: refused");
	is_str(err, "Bad_Name.term: 'Bad_Name' is not a valid entry name; name the file with lower-case letters, "
	            "digits and '-'", "bad id: message");
	/* empty file */
	bad_term("empty file", "", "x.term: the field 'term:' is missing; add it to the header");
}

static const char cmp_base[] =
	"title: Two networks\n"                 /* 1 */
	"zh: 两种网络\n"                        /* 2 */
	"see: cnn\n"                            /* 3 */
	"columns: network | good for | idea\n"  /* 4 */
	"[intro]\n"                             /* 5 */
	"Compare them.\n"                       /* 6 */
	"[rows]\n"                              /* 7 */
	"CNN | images,\n"                       /* 8 */
	"  audio | filters\n"                   /* 9 */
	"\n"                                    /* 10 */
	"RNN | text | state\n"                  /* 11 */
	"[note]\n"                              /* 12 */
	"Both learn features.\n";               /* 13 */

static void
bad_compare(const char *name, const char *from, const char *to, const char *want)
{
	char *t = subst(cmp_base, from, to);
	compare_refused(name, t, want);
	free(t);
}

static void
test_compare(void)
{
	gloss_compare c;
	char err[800] = "";
	int rc = gloss_parse_compare("y.compare", "y", cmp_base, strlen(cmp_base), &c, err, sizeof err);
	ok(rc == 0, "a comparison page parses (%s)", err);
	if (rc == 0) {
		ok(c.ncols == 3 && c.nrows == 2, "3 columns, 2 rows (got %zu, %zu)", c.ncols, c.nrows);
		if (c.nrows == 2) {
			is_str(c.rows[0][1], "images, audio", "a continuation line joins its row");
			is_str(c.rows[1][2], "state", "last cell");
		}
		is_str(c.cols[2], "idea", "column heading trimmed");
		is_str(c.note, "Both learn features.", "note");
		gloss_compare_free(&c);
	}
	bad_compare("too few cells", "RNN | text | state", "RNN | text",
	            "y.compare:11: this row has 2 cells but there are 3 columns");
	bad_compare("too many cells", "RNN | text | state", "RNN | text | state | more",
	            "y.compare:11: this row has 4 cells but there are 3 columns");
	bad_compare("empty cell", "RNN | text | state", "RNN |  | state",
	            "y.compare:11: cell 2 is empty; write '-' for nothing");
	bad_compare("continuation first", "CNN | images,\n", "  images,\n",
	            "y.compare:8: a continuation line (starting with a space) before any row");
	bad_compare("one column", "columns: network | good for | idea", "columns: network",
	            "y.compare:4: a comparison needs at least two columns, separated by '|'");
	bad_compare("no rows section", "[rows]\n", "[intro]\n",
	            "y.compare:7: section [intro] appears twice (first on line 5); merge them");
}

/* ==== a directory, links, lookup ======================================== */

static const char term_a[] =
	"term: learning rate\nzh: 学习率\nalias: LR, step size\nalias-zh: 步长\ntopic: training\n"
	"short: The size of each step.\nsee: gradient-descent\ntry: seed 1\n"
	"[explain]\nIt scales the gradient.  A saddle is flat.\n[example]\nlr 0.1 halves it.\n";
static const char term_b[] =
	"term: gradient descent\nzh: 梯度下降\nalias: GD\ntopic: training\n"
	"short: Downhill steps.\nsee: learning-rate, no-such-entry\ntry: seed 2\n"
	"[explain]\nMove against the gradient.\n[example]\nw = 0.6\n[note]\nThe notes call it slow.\n";
static const char term_c[] =
	"term: gradient\nzh: 梯度\nalias: partial derivatives, LR\ntopic: training\n"
	"short: Slopes of the loss.\nsee: gradient-descent\ntry: seed 3\n"
	"[explain]\nOne number per parameter.\n[example]\n(2, 3)\n";
static const char term_d[] =
	"term: embedding\nzh: 嵌入\nalias-zh: 词向量\ntopic: language\n"
	"short: A vector per token.\nsee: gradient\ntry: seed 4\n"
	"[explain]\nLearned vectors.\n[example]\ncos = 0.9562\n";
static const char term_bad[] = "term: broken\nzh: 坏\ncolour: red\n";

static void
test_directory(const char *dir)
{
	write_file(dir, "learning-rate.term", term_a);
	write_file(dir, "gradient-descent.term", term_b);
	write_file(dir, "gradient.term", term_c);
	write_file(dir, "embedding.term", term_d);
	write_file(dir, "broken.term", term_bad);
	write_file(dir, "README", "not a glossary file\n");
	write_file(dir, "two.compare", cmp_base);
	glossary *g = gloss_load(dir);
	ok(g->n == 4, "4 entries load, the broken one is left out (got %zu)", g->n);
	ok(g->nc == 1, "1 comparison page");
	ok(g->nwarn == 1, "1 warning (got %zu)", g->nwarn);
	if (g->nwarn == 1) {
		char want[1200];
		snprintf(want, sizeof want, "%s/broken.term:3: unknown field 'colour'; the fields are term, zh, alias, "
		                            "alias-zh, topic, short, short-zh, see, try", dir);
		is_str(g->warn[0], want, "the warning is FILE:LINE: message");
	}
	ok(g->n == 4 && strcmp(g->e[0].id, "embedding") == 0 && strcmp(g->e[3].id, "learning-rate") == 0,
	   "entries sorted by id");
	ok(gloss_get(g, "gradient") != NULL && gloss_get(g, "gradien") == NULL, "gloss_get is exact");
	ok(gloss_get_compare(g, "tw") != NULL, "a comparison page by prefix");

	char **msgs = NULL;
	size_t nmsgs = 0;
	size_t np = gloss_check(g, &msgs, &nmsgs);
	ok(np == 3, "gloss_check finds 3 problems (got %zu)", np);
	char want[1200];
	snprintf(want, sizeof want, "%s/gradient-descent.term:6: see: names 'no-such-entry', which is not an entry; "
	                            "fix the name or add no-such-entry.term", dir);
	ok(nmsgs >= 1 && strcmp(msgs[0], want) == 0, "a dangling link, with FILE:LINE");
	if (nmsgs >= 1 && strcmp(msgs[0], want) != 0)
		diag("got: %s", msgs[0]);
	snprintf(want, sizeof want, "%s/two.compare:3: see: names 'cnn', which is not an entry; fix the name or add "
	                            "cnn.term", dir);
	ok(nmsgs >= 2 && strcmp(msgs[1], want) == 0, "a dangling link of a comparison page");
	snprintf(want, sizeof want, "%s/learning-rate.term: the name 'LR' also belongs to 'gradient'; each name may "
	                            "lead to one entry", dir);
	ok(nmsgs >= 3 && strcmp(msgs[2], want) == 0, "a name claimed by two entries");
	if (nmsgs >= 3 && strcmp(msgs[2], want) != 0)
		diag("got: %s", msgs[2]);
	for (size_t i = 0; i < nmsgs; i++)
		free(msgs[i]);
	free(msgs);

	/* lookup */
	static const struct {
		const char *q;
		enum gloss_how how;
		const char *id;
	} cases[] = {
		{"learning-rate", GLOSS_EXACT, "learning-rate"},
		{"Learning Rate", GLOSS_EXACT, "learning-rate"},
		{"learning_rate", GLOSS_EXACT, "learning-rate"},
		{"  learning   rate ", GLOSS_EXACT, "learning-rate"},
		{"学习率", GLOSS_EXACT, "learning-rate"},
		{"步长", GLOSS_EXACT, "learning-rate"},
		{"step size", GLOSS_EXACT, "learning-rate"},
		{"gd", GLOSS_EXACT, "gradient-descent"},
		{"gradient", GLOSS_EXACT, "gradient"},
		{"embeddings", GLOSS_EXACT, "embedding"},
		{"词向量", GLOSS_EXACT, "embedding"},
		{"learn", GLOSS_PREFIX, "learning-rate"},
		{"partial", GLOSS_PREFIX, "gradient"},
		{"descent", GLOSS_WORD, "gradient-descent"},
		{"下降", GLOSS_WORD, "gradient-descent"},
		{"derivatives", GLOSS_WORD, "gradient"},
		{"lr", GLOSS_AMBIGUOUS, NULL},
		{"grad", GLOSS_AMBIGUOUS, NULL},
		{"梯度", GLOSS_EXACT, "gradient"},
		{"梯", GLOSS_AMBIGUOUS, NULL},
		{"embeding", GLOSS_NONE, "embedding"},
		{"gradeint", GLOSS_NONE, "gradient"},
		{"learnign rate", GLOSS_NONE, "learning-rate"},
		{"zebra", GLOSS_NONE, NULL},
		{"", GLOSS_NONE, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		gloss_hits h;
		gloss_lookup(g, cases[i].q, &h);
		int good = h.how == cases[i].how;
		if (cases[i].id)
			good = good && h.n >= 1 && strcmp(h.e[0]->id, cases[i].id) == 0;
		else if (cases[i].how == GLOSS_NONE)
			good = good && h.n == 0;
		else
			good = good && h.n >= 2;
		ok(good, "lookup '%s' -> how %d, %s (got how %d, %zu hits, first %s)", cases[i].q, (int)cases[i].how,
		   cases[i].id ? cases[i].id : "-", (int)h.how, h.n, h.n ? h.e[0]->id : "-");
	}
	gloss_hits h;
	gloss_lookup(g, "grad", &h);
	ok(h.n == 2 && h.total == 2, "'grad' names both gradient entries (got %zu)", h.n);

	/* completion names */
	char **names = gloss_names(g, "gr");
	size_t nn = 0;
	while (names[nn])
		nn++;
	ok(nn == 2 && strcmp(names[0], "gradient") == 0 && strcmp(names[1], "gradient-descent") == 0,
	   "completion of 'gr': the two ids (got %zu)", nn);
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	names = gloss_names(g, "梯");
	nn = 0;
	while (names[nn])
		nn++;
	ok(nn == 2, "completion of '梯': two Chinese names (got %zu)", nn);
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	names = gloss_names(g, "");
	nn = 0;
	int spaces = 0;
	while (names[nn])
		spaces |= strchr(names[nn++], ' ') != NULL;
	ok(!spaces && nn == 12, "completion offers ids, Chinese names and one-word aliases, never spaces (got %zu)", nn);
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(names);

	/* full-text search */
	size_t idx[8];
	const char *w1[] = {"SADDLE"};
	size_t n = gloss_search(g, w1, 1, idx, 8);
	ok(n == 1 && strcmp(g->e[idx[0]].id, "learning-rate") == 0, "search ignores case");
	char snip[200];
	gloss_search_snippet(&g->e[idx[0]], "saddle", 0, snip, sizeof snip);
	is_str(snip, "A saddle is flat.", "the snippet is the sentence that matched");
	const char *w2[] = {"gradient"};
	n = gloss_search(g, w2, 1, idx, 8);
	ok(n == 3, "'gradient' is in three entries (got %zu)", n);
	ok(n == 3 && strcmp(g->e[idx[0]].id, "gradient") == 0 && strcmp(g->e[idx[2]].id, "learning-rate") == 0,
	   "names rank first, body text last");
	gloss_search_snippet(&g->e[idx[0]], "gradient", 0, snip, sizeof snip);
	is_str(snip, "Slopes of the loss.", "a name match shows the definition");
	gloss_search_snippet(&g->e[idx[2]], "gradient", 0, snip, sizeof snip);
	is_str(snip, "It scales the gradient. A saddle is flat.", "sentence with spaces made single");
	char tiny[12];
	gloss_search_snippet(gloss_get(g, "embedding"), "token", 0, tiny, sizeof tiny);
	is_str(tiny, "A vector pe", "a snippet is cut to the buffer");
	char cjk[8];
	gloss_search_snippet(gloss_get(g, "gradient-descent"), "notes", 0, cjk, sizeof cjk);
	is_str(cjk, "The not", "cut at the buffer, ASCII");
	const char *w3[] = {"no such words"};
	ok(gloss_search(g, w3, 1, idx, 8) == 0, "no match");
	gloss_free(g);

	/* a missing directory gives one warning and an empty glossary */
	char missing[1100];
	snprintf(missing, sizeof missing, "%s/nowhere", dir);
	g = gloss_load(missing);
	ok(g->n == 0 && g->nwarn == 0 && g->dir_error && strstr(g->dir_error, "No such file or directory"),
	   "a missing directory: empty, with the reason");
	gloss_free(g);
}

/* ==== text layout ======================================================= */

static void
test_textfmt(void)
{
	strbuf b;
	sb_init(&b);
	const char *en = "The gradient of the loss says, for every parameter, how fast the loss grows when that "
	                 "parameter grows; supercalifragilisticexpialidociousness is a long word.";
	textfmt_para(&b, en, strlen(en), 2, 4, 30);
	ok(widest(b.s) <= 30, "English wraps within 30 columns (widest %zu)", widest(b.s));
	ok(strncmp(b.s, "  The", 5) == 0 && strstr(b.s, "\n    ") != NULL, "first and hanging indents");
	/* the words come back in order */
	strbuf j;
	sb_init(&j);
	for (const char *p = b.s; *p; p++)
		if (*p != ' ' && *p != '\n')
			sb_putc(&j, *p);
	strbuf w;
	sb_init(&w);
	for (const char *p = en; *p; p++)
		if (*p != ' ')
			sb_putc(&w, *p);
	is_str(j.s, w.s, "no character lost or reordered");
	sb_free(&j);
	sb_free(&w);

	sb_clear(&b);
	const char *zh = "学习率（learning rate）控制每一步的大小，太大会发散。太小则收敛很慢，需要更多的迭代次数。";
	textfmt_para(&b, zh, strlen(zh), 0, 0, 20);
	ok(widest(b.s) <= 20, "Chinese wraps within 20 columns (widest %zu)", widest(b.s));
	int bad_start = 0, bad_end = 0;
	for (const char *p = b.s; *p; p++) {
		if (p == b.s || p[-1] == '\n')
			bad_start |= strncmp(p, "，", 3) == 0 || strncmp(p, "。", 3) == 0 || strncmp(p, "）", 3) == 0;
		if (p[0] == '\n' && p - b.s >= 3)
			bad_end |= strncmp(p - 3, "（", 3) == 0;
	}
	ok(!bad_start, "no line starts with ， 。 or ）");
	ok(!bad_end, "no line ends with （");
	ok(strstr(b.s, "learning rate") || strstr(b.s, "learning\nrate"), "English inside Chinese keeps its words");
	ok(strchr(b.s, '\n') != NULL && strstr(b.s, " \n") == NULL, "no trailing spaces");

	sb_clear(&b);
	textfmt_block(&b, "one\ntwo\n\n  pre  formatted\nthree\n第一行\n第二行", 2, 40);
	is_str(b.s, "  one two\n\n    pre  formatted\n  three 第一行第二行\n",
	       "block: paragraphs joined, Chinese lines joined without a space, preformatted kept");

	/* tables */
	const char *head[] = {"aspect", "first", "second"};
	const char *r0[] = {"speed", "fast and parallel over all positions", "slow, one step at a time"};
	const char *r1[] = {"memory", "n squared", "constant"};
	const char *const *rows[] = {r0, r1};
	sb_clear(&b);
	textfmt_table(&b, head, 3, rows, 2, 0, 40);
	ok(widest(b.s) <= 40, "a table fits 40 columns (widest %zu)", widest(b.s));
	ok(strstr(b.s, "------") != NULL && strncmp(b.s, "aspect", 6) == 0, "headings and a rule");
	sb_clear(&b);
	textfmt_table(&b, head, 3, rows, 2, 0, 200);
	ok(strchr(b.s, '\n') && widest(b.s) == utf8_width("speed   fast and parallel over all positions  slow, one step at a time"),
	   "a wide terminal gets one line per row");
	sb_clear(&b);
	textfmt_table(&b, head, 3, rows, 2, 0, 28);
	ok(strstr(b.s, "speed\n  first: fast") != NULL, "too narrow for columns: cards");
	ok(widest(b.s) <= 28, "cards fit too (widest %zu)", widest(b.s));
	sb_free(&b);
}

/* ==== the shipped glossary ============================================== */

static void
test_shipped(const char *srcdir)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/glossary", srcdir);
	glossary *g = gloss_load(dir);
	ok(g->nwarn == 0, "every shipped glossary file parses (%zu warnings)", g->nwarn);
	for (size_t i = 0; i < g->nwarn; i++)
		diag("%s", g->warn[i]);
	ok(g->n >= 60, "at least 60 entries (%zu)", g->n);
	char **msgs = NULL;
	size_t nmsgs = 0;
	ok(gloss_check(g, &msgs, &nmsgs) == 0, "every see-also link resolves, no name is claimed twice");
	for (size_t i = 0; i < nmsgs; i++) {
		diag("%s", msgs[i]);
		free(msgs[i]);
	}
	free(msgs);
	ok(g->nc == 3 && gloss_get_compare(g, "networks") && gloss_get_compare(g, "transformer") &&
	   gloss_get_compare(g, "mining"), "the three comparison pages");

	int per_topic[8] = {0};
	size_t no_en = 0, no_zh = 0, wide = 0;
	for (size_t i = 0; i < g->n; i++) {
		const gloss_entry *e = &g->e[i];
		per_topic[e->topic]++;
		no_en += e->nalias_en == 0;
		no_zh += e->nalias == e->nalias_en;
		const char *secs[] = {e->explain, e->formula, e->example, e->note};
		for (int k = 0; k < 4; k++) {
			if (!secs[k])
				continue;
			char *copy = xstrdup(secs[k]);
			for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n"))
				if (line[0] == ' ' && utf8_width(line) > 78) {
					diag("%s: a preformatted line of %zu columns: %s", e->id, utf8_width(line), line);
					wide++;
				}
			free(copy);
		}
	}
	int empty_topic = 0;
	for (int t = 0; gloss_topics[t][0]; t++)
		empty_topic |= per_topic[t] == 0;
	ok(!empty_topic, "every topic has entries");
	ok(no_en == 0 && no_zh == 0, "every entry has English and Chinese aliases (%zu, %zu lack them)", no_en, no_zh);
	ok(wide == 0, "preformatted lines fit 80 columns after the 2-column indent");

	/* every term of the notes, in English and as the notes write it */
	static const char *const must[] = {
		"machine learning", "neural network", "deep neural network", "recurrent neural network",
		"cost function", "loss function", "gradient descent", "learning rate", "supervised learning",
		"self-supervised learning", "reinforcement learning", "transfer learning", "large model",
		"small model", "self-attention", "Transformer", "alignment", "RLHF", "fine-tuning", "quantisation",
		"quantization", "embedding", "dense low-dimensional vector", "vocabulary expansion", "batch size",
		"perplexity", "epoch", "overfitting", "activation function", "backpropagation", "softmax",
		"cross-entropy", "Adam", "convolutional neural network", "GAN", "autoencoder",
		"graph neural network", "deep belief network", "tokeniser", "tokenizer", "pre-training",
		"knowledge distillation", "data parallelism", "mixed precision",
		"机器学习", "神经网络", "深度神经网络", "循环神经网络", "代价函数", "损失函数", "梯度下降法",
		"学习率", "监督学习", "自监督学习", "强化学习", "迁移学习", "大模型", "小模型", "对齐", "微调",
		"大模型量化", "低维稠密向量", "词表扩充", "batchSize", "困惑度", "Preplexity", "自注意力",
		"卷积神经网络", "深度信念网络", "自动编码器", "生成对抗网络", "图神经网络", "知识蒸馏", "数据并行",
		"均方误差", "交叉熵", "数据挖掘",
	};
	size_t missing = 0;
	for (size_t i = 0; i < sizeof must / sizeof must[0]; i++) {
		gloss_hits h;
		gloss_lookup(g, must[i], &h);
		if (h.how != GLOSS_EXACT) {
			diag("'%s' is not a glossary name (how %d)", must[i], (int)h.how);
			missing++;
		}
	}
	ok(missing == 0, "all %zu terms of the notes are names of entries", sizeof must / sizeof must[0]);

	/* the notes' mistakes appear only in notes that correct them */
	static const char *const wrong[] = {"Recursive", "Preplexity", "对数尖锐度", "based only on attention"};
	for (size_t k = 0; k < sizeof wrong / sizeof wrong[0]; k++) {
		size_t outside = 0, inside = 0;
		for (size_t i = 0; i < g->n; i++) {
			const gloss_entry *e = &g->e[i];
			const char *body[] = {e->shortdef, e->explain, e->formula, e->example, e->term};
			for (int s = 0; s < 5; s++)
				outside += body[s] && strstr(body[s], wrong[k]) != NULL;
			inside += e->note && strstr(e->note, wrong[k]) != NULL;
		}
		ok(outside == 0 && inside >= (k == 3 ? 0u : 1u), "'%s' only in a correcting note (%zu outside, %zu inside)",
		   wrong[k], outside, inside);
	}
	const gloss_entry *rlhf = gloss_get(g, "rlhf");
	ok(rlhf && strstr(rlhf->shortdef, "Reinforcement Learning from Human Feedback"), "RLHF is spelled out right");
	const gloss_entry *ppl = gloss_get(g, "perplexity");
	ok(ppl && strstr(ppl->formula, "exp") && strstr(ppl->shortdef, "negative log-likelihood"),
	   "perplexity is exp of the mean negative log-likelihood");
	const gloss_entry *bs = gloss_get(g, "batch-size");
	ok(bs && strstr(bs->explain, "critical batch size") && strstr(bs->formula, "samples per epoch = B × iterations per epoch"),
	   "batch size: the per-step cost and samples per epoch = B × iterations per epoch");
	const gloss_entry *tf = gloss_get(g, "transformer");
	ok(tf && strstr(tf->explain, "decoder-only") && strstr(tf->explain, "encoder-only") &&
	   strstr(tf->explain, "feed-forward"), "the Transformer: encoder-only, decoder-only, feed-forward layers");
	gloss_free(g);
}

int
main(void)
{
	test_parse_good();
	test_parse_bad();
	test_compare();
	char tmpl[] = "/tmp/nnlab-gloss.XXXXXX";
	char *dir = mkdtemp(tmpl);
	ok(dir != NULL, "a scratch directory");
	if (dir) {
		test_directory(dir);
		char cmd[1200];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			diag("could not remove %s", dir);
	}
	test_textfmt();
	const char *src = getenv("top_srcdir");
	test_shipped(src && src[0] ? src : "..");
	return done_testing();
}
