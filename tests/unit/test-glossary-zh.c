/* test-glossary-zh.c - the Chinese side of the glossary (src/content):
 * the short-zh: field and the -zh sections of .term files, columns-zh:
 * and the -zh sections of .compare files (good and bad, with the exact
 * messages), lookup and "did you mean" with Chinese input, search and
 * snippets in either language, and wrapping Chinese text by display
 * width (between characters, never inside one, never a closing mark at
 * the start of a line).
 *
 * Widths and character boundaries are checked with this file's own small
 * UTF-8 reader, not with src/util/utf8.c, so a bug there cannot hide a
 * bug in the layout.  Not here: the shipped files (test-gloss-zh-shipped)
 * and the commands (transcripts, tests/glossary-zh.sh).  Links
 * libnncontent.a, libnnutil.a and libnncore.a only. */
#include <config.h>

#include "content/glossary.h"
#include "content/textfmt.h"
#include "core/alloc.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "../tap.h"
#include "gloss-testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ==== an independent UTF-8 reader ======================================= */

/* The length of the character starting with byte c (1 for a stray byte). */
static size_t
seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Display columns: the CJK, full-width and ideographic punctuation
 * blocks this glossary uses take two, everything else one (the test texts
 * use nothing else). */
static int
cols_of(const char *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t l = seq_len(c);
		unsigned cp = c;
		if (l == 3 && i + 2 < n)
			cp = (unsigned)(c & 0x0F) << 12 | (unsigned)(s[i + 1] & 0x3F) << 6 | (unsigned)(s[i + 2] & 0x3F);
		int wide = l == 3 && ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
		                      (cp >= 0xFF01 && cp <= 0xFF60));
		w += wide ? 2 : 1;
		i += l;
	}
	return w;
}

/* Whether s is whole characters: no sequence cut at either end. */
static int
whole_chars(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 && c < 0xC0)
			return 0;
		size_t l = seq_len(c);
		for (size_t k = 1; k < l; k++)
			if (i + k >= n || ((unsigned char)s[i + k] & 0xC0) != 0x80)
				return 0;
		i += l;
	}
	return 1;
}

/* ==== .term files ======================================================= */

static const char term[] =
	"term: learning rate\n"                               /* 1 */
	"zh: 学习率\n"                                        /* 2 */
	"alias: LR\n"                                         /* 3 */
	"topic: training\n"                                   /* 4 */
	"short: The size of each step.\n"                     /* 5 */
	"short-zh: 每一步走多远。\n"                          /* 6 */
	"see: gradient\n"                                     /* 7 */
	"try: seed 1\n"                                       /* 8 */
	"\n"                                                  /* 9 */
	"[explain]\n"                                         /* 10 */
	"It scales the gradient.\n"                           /* 11 */
	"\n"                                                  /* 12 */
	"[explain-zh]\n"                                      /* 13 */
	"它缩放梯度，\n"                                      /* 14 */
	"决定步长。\n"                                        /* 15 */
	"\n"                                                  /* 16 */
	"[formula]\n"                                         /* 17 */
	"  w <- w - eta*g, which converges if eta < 1/a\n"    /* 18 */
	"[formula-zh]\n"                                      /* 19 */
	"  w <- w - eta*g，当 eta < 1/a 时收敛\n"             /* 20 */
	"[example]\n"                                         /* 21 */
	"  eta = 0.1: 0.8, 0.64\n"                            /* 22 */
	"[example-zh]\n"                                      /* 23 */
	"  eta = 0.1：0.8, 0.64\n"                            /* 24 */
	"[note]\n"                                            /* 25 */
	"The notes say otherwise.\n"                          /* 26 */
	"[note-zh]\n"                                         /* 27 */
	"笔记的说法不对。\n";                                 /* 28 */

static void
test_term_good(void)
{
	gloss_entry e;
	char err[800];
	int rc = parse_as(term, &e, err, sizeof err);
	ok(rc == 0, "a term with every Chinese twin parses (%s)", err);
	if (rc)
		return;
	is_str(e.short_zh, "每一步走多远。", "short-zh");
	is_str(e.explain_zh, "它缩放梯度，\n决定步长。", "[explain-zh] keeps its lines");
	is_str(e.formula_zh, "  w <- w - eta*g，当 eta < 1/a 时收敛", "[formula-zh] keeps the leading spaces");
	is_str(e.example_zh, "  eta = 0.1：0.8, 0.64", "[example-zh]");
	is_str(e.note_zh, "笔记的说法不对。", "[note-zh]");
	is_str(e.explain, "It scales the gradient.", "the English [explain] is still its own");
	is_str(e.note, "The notes say otherwise.", "the English [note] is still its own");
	gloss_entry_free(&e);

	/* none of the twins is required: an English-only entry still parses,
	 * and its twins are NULL (the display falls back to English) */
	char *t = subst(term, "short-zh: 每一步走多远。\n", "");
	char *t2 = subst(t, "[note-zh]\n笔记的说法不对。\n", "");
	char *t3 = subst(t2, "[explain-zh]\n它缩放梯度，\n决定步长。\n", "");
	rc = parse_as(t3, &e, err, sizeof err);
	ok(rc == 0, "an entry without some twins parses (%s)", err);
	if (rc == 0) {
		ok(e.short_zh == NULL && e.explain_zh == NULL && e.note_zh == NULL,
		   "the missing twins are NULL");
		ok(e.example_zh != NULL && e.formula_zh != NULL, "the present twins are kept");
		gloss_entry_free(&e);
	}
	free(t);
	free(t2);
	free(t3);

	/* a twin may come anywhere after the header, even before its English
	 * section */
	t = subst(term, "[explain]\nIt scales the gradient.\n\n[explain-zh]\n它缩放梯度，\n决定步长。\n",
	          "[explain-zh]\n它缩放梯度，\n决定步长。\n[explain]\nIt scales the gradient.\n");
	rc = parse_as(t, &e, err, sizeof err);
	ok(rc == 0, "a twin before its English section is accepted (%s)", err);
	if (rc == 0) {
		is_str(e.explain, "It scales the gradient.", "... and the English text is right");
		is_str(e.explain_zh, "它缩放梯度，\n决定步长。", "... and so is the Chinese");
		gloss_entry_free(&e);
	}
	free(t);

	/* short-zh: may take 600 bytes (200 Chinese characters) */
	strbuf longzh;
	sb_init(&longzh);
	sb_puts(&longzh, "short-zh: ");
	for (int i = 0; i < 200; i++)
		sb_puts(&longzh, "长");
	sb_putc(&longzh, '\n');
	t = subst(term, "short-zh: 每一步走多远。\n", longzh.s);
	rc = parse_as(t, &e, err, sizeof err);
	ok(rc == 0, "a short-zh: of 600 bytes is accepted (%s)", err);
	if (rc == 0)
		gloss_entry_free(&e);
	free(t);
	sb_free(&longzh);
}

static void
test_term_bad(void)
{
	bad_edit(term, "[note-zh] without [note]", "[note]\nThe notes say otherwise.\n", "",
	         "x.term:25: [note-zh] translates [note], which this file does not have; add [note] or "
	         "remove [note-zh]");
	bad_edit(term, "[formula-zh] without [formula]", "[formula]\n  w <- w - eta*g, which converges if eta < 1/a\n",
	         "", "x.term:17: [formula-zh] translates [formula], which this file does not have; add "
	             "[formula] or remove [formula-zh]");
	bad_edit(term, "[formula-zh] the same as [formula]", "  w <- w - eta*g，当 eta < 1/a 时收敛\n",
	         "  w <- w - eta*g, which converges if eta < 1/a\n",
	         "x.term:19: [formula-zh] is the same as [formula]; remove it (a formula without words is "
	         "shared)");
	bad_edit(term, "empty [explain-zh]", "它缩放梯度，\n决定步长。\n", "\n",
	         "x.term:13: the section [explain-zh] is empty; write its text or remove it");
	bad_edit(term, "[example-zh] twice", "[note]\n", "[example-zh]\n再来一次。\n[note]\n",
	         "x.term:25: section [example-zh] appears twice (first on line 23); merge them");
	bad_edit(term, "short-zh: twice", "see: gradient\n", "short-zh: 又一个\nsee: gradient\n",
	         "x.term:7: field 'short-zh' is given twice (first on line 6); keep one");
	bad_edit(term, "empty short-zh:", "short-zh: 每一步走多远。\n", "short-zh:\n",
	         "x.term:6: field 'short-zh' is empty; give it a value or remove the line");
	bad_edit(term, "invalid UTF-8 in [explain-zh]", "决定步长。\n", "决定\xff步长。\n",
	         "x.term:15: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
	bad_edit(term, "a tab in [example-zh]", "  eta = 0.1：0.8, 0.64\n", "  eta = 0.1：\t0.8\n",
	         "x.term:24: a tab character (column 15); use spaces");
	bad_edit(term, "unknown Chinese section", "[note-zh]\n", "[summary-zh]\n",
	         "x.term:27: unknown section '[summary-zh]'; the sections are [explain], [formula], [example], "
	         "[note], [explain-zh], [formula-zh], [example-zh], [note-zh]");
	/* too long: 201 characters are 603 bytes */
	strbuf longzh;
	sb_init(&longzh);
	sb_puts(&longzh, "short-zh: ");
	for (int i = 0; i < 201; i++)
		sb_puts(&longzh, "长");
	sb_putc(&longzh, '\n');
	bad_edit(term, "short-zh: too long", "short-zh: 每一步走多远。\n", longzh.s,
	         "x.term:6: field 'short-zh' is too long (603 bytes; at most 600)");
	sb_free(&longzh);
}

/* ==== .compare files ==================================================== */

static const char cmp[] =
	"title: Two nets\n"                                /* 1 */
	"zh: 两种网络\n"                                   /* 2 */
	"columns: network | good for | idea\n"             /* 3 */
	"columns-zh: 网络 | 擅长 | 思想\n"                 /* 4 */
	"[intro]\n"                                        /* 5 */
	"Two of them.\n"                                   /* 6 */
	"[intro-zh]\n"                                     /* 7 */
	"其中两种。\n"                                     /* 8 */
	"[rows]\n"                                         /* 9 */
	"CNN | images | filters\n"                         /* 10 */
	"RNN | sequences,\n"                               /* 11 */
	"  speech | a hidden state\n"                      /* 12 */
	"[rows-zh]\n"                                      /* 13 */
	"CNN | 图像 | 滤波器\n"                            /* 14 */
	"RNN | 序列、\n"                                   /* 15 */
	"  语音 | 隐藏状态\n"                              /* 16 */
	"[note]\n"                                         /* 17 */
	"The notes add a third.\n"                         /* 18 */
	"[note-zh]\n"                                      /* 19 */
	"笔记多列了一种。\n";                              /* 20 */

static void
bad_compare(const char *name, const char *from, const char *to, const char *want)
{
	char *t = subst(cmp, from, to);
	compare_refused(name, t, want);
	free(t);
}

static void
test_compare(void)
{
	gloss_compare c;
	char err[800] = "";
	int rc = gloss_parse_compare("y.compare", "y", cmp, strlen(cmp), &c, err, sizeof err);
	ok(rc == 0, "a comparison page with Chinese twins parses (%s)", err);
	if (rc == 0) {
		ok(c.ncols == 3 && c.nrows == 2, "3 columns, 2 rows");
		ok(c.cols_zh && strcmp(c.cols_zh[0], "网络") == 0 && strcmp(c.cols_zh[2], "思想") == 0,
		   "columns-zh split at '|'");
		ok(c.rows_zh && strcmp(c.rows_zh[1][1], "序列、 语音") == 0,
		   "a continued Chinese row is joined like an English one (got '%s')", c.rows_zh ? c.rows_zh[1][1] : "");
		ok(c.rows_zh && strcmp(c.rows_zh[0][2], "滤波器") == 0, "a Chinese cell");
		is_str(c.rows[1][1], "sequences, speech", "the English rows are their own");
		is_str(c.intro_zh, "其中两种。", "[intro-zh]");
		is_str(c.note_zh, "笔记多列了一种。", "[note-zh]");
		gloss_compare_free(&c);
	}
	/* the twins are optional */
	char *t = subst(cmp, "[rows-zh]\nCNN | 图像 | 滤波器\nRNN | 序列、\n  语音 | 隐藏状态\n", "");
	rc = gloss_parse_compare("y.compare", "y", t, strlen(t), &c, err, sizeof err);
	ok(rc == 0 && c.rows_zh == NULL && c.cols_zh != NULL, "a page without [rows-zh] parses (%s)", err);
	if (rc == 0)
		gloss_compare_free(&c);
	free(t);

	bad_compare("columns-zh: one heading short", "columns-zh: 网络 | 擅长 | 思想", "columns-zh: 网络 | 擅长",
	            "y.compare:4: columns-zh: has 2 headings but columns: has 3; give one heading per column");
	bad_compare("columns-zh: an empty heading", "columns-zh: 网络 | 擅长 | 思想", "columns-zh: 网络 |  | 思想",
	            "y.compare:4: cell 2 is empty; write '-' for nothing");
	bad_compare("[rows-zh] a row short", "RNN | 序列、\n  语音 | 隐藏状态\n", "",
	            "y.compare:13: [rows-zh] has 1 rows but [rows] has 2; translate each row once, in the same "
	            "order");
	bad_compare("[rows-zh] a row too many", "  语音 | 隐藏状态\n", "  语音 | 隐藏状态\nGAN | 图像 | 对抗\n",
	            "y.compare:13: [rows-zh] has 3 rows but [rows] has 2; translate each row once, in the same "
	            "order");
	bad_compare("[rows-zh] a cell short", "CNN | 图像 | 滤波器\n", "CNN | 图像 滤波器\n",
	            "y.compare:14: this row has 2 cells but there are 3 columns");
	bad_compare("[rows-zh] a cell too many", "  语音 | 隐藏状态\n", "  语音 | 隐藏状态 | 多余\n",
	            "y.compare:15: this row has 4 cells but there are 3 columns");
	bad_compare("[note-zh] without [note]", "[note]\nThe notes add a third.\n", "",
	            "y.compare:17: [note-zh] translates [note], which this file does not have; add [note] or "
	            "remove [note-zh]");
}

/* ==== lookup and search ================================================= */

static const char t_lr[] =
	"term: learning rate\nzh: 学习率\nalias-zh: 步长\ntopic: training\n"
	"short: The size of each step.\nshort-zh: 每一步走多远。\nsee: gradient\ntry: seed 1\n"
	"[explain]\nIt scales Adam's steps too.  A saddle is flat.\n"
	"[explain-zh]\n它决定步长。Adam 的步长\n也由它缩放。\n"
	"[example]\nlr 0.1\n";
static const char t_g[] =
	"term: gradient\nzh: 梯度\ntopic: training\n"
	"short: Slopes of the loss.\nsee: learning-rate\ntry: seed 2\n"
	"[explain]\nOne number per parameter.\n[example]\n(2, 3)\n";
static const char t_gd[] =
	"term: gradient descent\nzh: 梯度下降\ntopic: training\n"
	"short: Downhill steps.\nsee: gradient\ntry: seed 3\n"
	"[explain]\nMove against the gradient.\n[explain-zh]\n沿负梯度方向移动，遇到鞍点会变慢。\n[example]\nw = 0.6\n";

static void
test_lookup(const char *dir)
{
	write_file(dir, "learning-rate.term", t_lr);
	write_file(dir, "gradient.term", t_g);
	write_file(dir, "gradient-descent.term", t_gd);
	glossary *g = gloss_load(dir);
	ok(g->n == 3 && g->nwarn == 0, "3 entries load (%zu, %zu warnings)", g->n, g->nwarn);
	if (g->n != 3) {
		gloss_free(g);
		return;
	}
	gloss_hits h;
	gloss_lookup(g, "学习率", &h);
	ok(h.how == GLOSS_EXACT && strcmp(h.e[0]->id, "learning-rate") == 0, "the Chinese name is exact");
	gloss_lookup(g, "步长", &h);
	ok(h.how == GLOSS_EXACT && strcmp(h.e[0]->id, "learning-rate") == 0, "a Chinese alias is exact");
	gloss_lookup(g, "梯度下", &h);
	ok(h.how == GLOSS_PREFIX && strcmp(h.e[0]->id, "gradient-descent") == 0, "a Chinese prefix");
	gloss_lookup(g, "下降", &h);
	ok(h.how == GLOSS_WORD && strcmp(h.e[0]->id, "gradient-descent") == 0, "a run inside a Chinese name");
	gloss_lookup(g, "梯", &h);
	ok(h.how == GLOSS_AMBIGUOUS && h.total == 2, "one character of two names is ambiguous");
	/* did you mean, counted in characters */
	gloss_lookup(g, "学习律", &h);
	ok(h.how == GLOSS_NONE && h.n == 1 && strcmp(h.e[0]->id, "learning-rate") == 0,
	   "one wrong character: did you mean learning-rate (n=%zu)", h.n);
	gloss_lookup(g, "学率", &h);
	ok(h.how == GLOSS_NONE && h.n == 1 && strcmp(h.e[0]->id, "learning-rate") == 0,
	   "one missing character: did you mean learning-rate");
	gloss_lookup(g, "梯度下降法", &h);
	ok(h.how == GLOSS_NONE && h.n >= 1 && strcmp(h.e[0]->id, "gradient-descent") == 0,
	   "one extra character: did you mean gradient-descent");
	gloss_lookup(g, "学费率高", &h);
	ok(h.how == GLOSS_NONE && h.n == 0, "two wrong characters of four: no suggestion (n=%zu)", h.n);
	gloss_lookup(g, "率", &h);
	ok(h.how == GLOSS_WORD && strcmp(h.e[0]->id, "learning-rate") == 0, "a single character inside a name");
	gloss_lookup(g, "猫", &h);
	ok(h.how == GLOSS_NONE && h.n == 0, "a single unrelated character: nothing, no suggestion");

	/* search reads the Chinese texts too */
	const char *w1[] = {"鞍点"};
	size_t idx[4];
	size_t n = gloss_search(g, w1, 1, idx, 4);
	ok(n == 1 && strcmp(g->e[idx[0]].id, "gradient-descent") == 0, "search finds a word of [explain-zh]");
	const char *w2[] = {"每一步"};
	n = gloss_search(g, w2, 1, idx, 4);
	ok(n == 1 && strcmp(g->e[idx[0]].id, "learning-rate") == 0, "search finds a word of short-zh:");
	/* snippets: the language asked for first */
	const gloss_entry *lr = gloss_get(g, "learning-rate");
	char snip[200];
	gloss_search_snippet(lr, "adam", 1, snip, sizeof snip);
	is_str(snip, "Adam 的步长也由它缩放。", "zh snippet: the Chinese sentence, lines joined without a space");
	gloss_search_snippet(lr, "adam", 0, snip, sizeof snip);
	is_str(snip, "It scales Adam's steps too. A saddle is flat.", "en snippet: the English sentence, spaces made single");
	gloss_search_snippet(lr, "步长", 1, snip, sizeof snip);
	is_str(snip, "每一步走多远。", "a word of a name: the Chinese definition");
	gloss_search_snippet(lr, "步长", 0, snip, sizeof snip);
	is_str(snip, "The size of each step.", "... or the English one");
	gloss_search_snippet(gloss_get(g, "gradient-descent"), "鞍点", 0, snip, sizeof snip);
	is_str(snip, "沿负梯度方向移动，遇到鞍点会变慢。", "a word only in Chinese: found in English mode too");
	char tiny[10];
	gloss_search_snippet(lr, "adam", 1, tiny, sizeof tiny);
	ok(whole_chars(tiny, strlen(tiny)) && strlen(tiny) <= 9, "a cut snippet ends on a whole character ('%s')",
	   tiny);
	gloss_free(g);
}

/* ==== wrapping Chinese ================================================== */

/* Check a wrapped paragraph: every line at most width columns and made of
 * whole characters, no line starting with a closing mark, and the lines
 * joined back (indent removed; a space only where the text had one) give
 * the text. */
static void
check_wrap(const char *name, const char *text, int width, int indent)
{
	strbuf b;
	sb_init(&b);
	textfmt_para(&b, text, strlen(text), indent, indent, width);
	int fits = 1, whole = 1, closing = 0, lines = 0;
	strbuf back;
	sb_init(&back);
	const char *p = b.s;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		lines++;
		if (cols_of(p, n) > width) {
			fits = 0;
			diag("%s: line of %d columns: %.*s", name, cols_of(p, n), (int)n, p);
		}
		whole &= whole_chars(p, n);
		const char *q = p + indent;
		static const char *const closers[] = {"，", "。", "；", "：", "）", "、", ")", ",", NULL};
		for (int k = 0; closers[k]; k++)
			if (strncmp(q, closers[k], strlen(closers[k])) == 0) {
				closing = 1;
				diag("%s: a line starts with '%s'", name, closers[k]);
			}
		if (back.len) {
			/* a break at a space dropped it; a break between two
			 * Chinese characters had none */
			if (strncmp(text, back.s, back.len) == 0 && text[back.len] == ' ')
				sb_putc(&back, ' ');
		}
		sb_add(&back, q, n - (size_t)indent);
		if (!nl)
			break;
		p = nl + 1;
	}
	ok(fits, "%s: every line fits %d columns", name, width);
	ok(whole, "%s: no character is split", name);
	ok(!closing, "%s: no line starts with a closing mark", name);
	is_str(back.s, text, name);
	ok(lines > 1, "%s: wrapped (%d lines)", name, lines);
	sb_free(&back);
	sb_free(&b);
}

static void
test_wrap(void)
{
	const char *zh = "梯度下降沿着损失的负梯度方向，把每个参数移动一小步；只要步子足够小，损失就会下降。"
	                 "不断重复这一过程，参数就会逐渐接近一个极小值。";
	for (int w = 12; w <= 41; w++) {
		char name[64];
		snprintf(name, sizeof name, "Chinese at width %d", w);
		check_wrap(name, zh, w, 0);
	}
	const char *mixed = "学习率 (learning rate) 决定步长：太小则收敛很慢，太大则会发散（见 'lrfind'）。"
	                    "Adam 的默认值是 0.001，而普通 SGD 常用 0.1。";
	for (int w = 16; w <= 40; w += 3) {
		char name[64];
		snprintf(name, sizeof name, "mixed at width %d", w);
		check_wrap(name, mixed, w, 2);
	}
	/* English words are never split, and "(学" and "器)" stay together */
	strbuf b;
	sb_init(&b);
	const char *see = "see: adam (Adam 优化器)，sgd (随机梯度下降)，convergence (收敛)";
	int bad = 0;
	for (int w = 14; w <= 40; w++) {
		sb_clear(&b);
		textfmt_para(&b, see, strlen(see), 0, 0, w);
		for (const char *p = b.s; (p = strchr(p, '\n')) != NULL; p++) {
			if (p > b.s && p[-1] == '(')
				bad |= 1;
			if (p[1] == ')')
				bad |= 2;
			if (p > b.s && p[-1] >= 'a' && p[-1] <= 'z' && p[1] >= 'a' && p[1] <= 'z')
				bad |= 4;
		}
	}
	ok(bad == 0, "'(' never ends a line, ')' never starts one, no word is split (%d)", bad);
	sb_free(&b);

	/* blocks: two lines of Chinese join without a space, Chinese and
	 * English with one */
	sb_init(&b);
	textfmt_block(&b, "它决定\n步长。\nAdam\n也用它。", 0, 80);
	is_str(b.s, "它决定步长。 Adam 也用它。\n", "block: Chinese lines join without a space");
	sb_free(&b);

	/* a table of Chinese cells: the columns line up by display width */
	const char *head[] = {"网络", "擅长"};
	const char *r0[] = {"CNN", "图像"};
	const char *r1[] = {"循环神经网络", "序列"};
	const char *const *rows[] = {r0, r1};
	sb_init(&b);
	textfmt_table(&b, head, 2, rows, 2, 2, 60);
	int aligned = 1;
	const char *cells[] = {"擅长", "图像", "序列"};
	int col = -1;
	for (int k = 0; k < 3; k++) {
		const char *at = strstr(b.s, cells[k]);
		if (!at) {
			aligned = 0;
			continue;
		}
		const char *start = at;
		while (start > b.s && start[-1] != '\n')
			start--;
		int c = cols_of(start, (size_t)(at - start));
		if (col < 0)
			col = c;
		aligned &= c == col;
	}
	ok(aligned && col == 2 + 12 + 2, "table: the second column starts at column %d on every line", col);
	sb_free(&b);

	/* narrow: cards, with a full-width colon in Chinese */
	i18n_set(LANG_ZH);
	sb_init(&b);
	textfmt_table(&b, head, 2, rows, 2, 0, 12);
	ok(strstr(b.s, "  擅长：图像\n") != NULL, "cards in Chinese: 'heading：text'");
	sb_free(&b);
	i18n_set(LANG_EN);
	sb_init(&b);
	textfmt_table(&b, head, 2, rows, 2, 0, 12);
	ok(strstr(b.s, "  擅长: 图像\n") != NULL, "cards in English: 'heading: text'");
	sb_free(&b);
}

int
main(void)
{
	test_term_good();
	test_term_bad();
	test_compare();
	char tmpl[] = "/tmp/nnlab-gzh.XXXXXX";
	char *dir = mkdtemp(tmpl);
	ok(dir != NULL, "a scratch directory");
	if (dir) {
		test_lookup(dir);
		char cmd[1200];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			diag("could not remove %s", dir);
	}
	test_wrap();
	return done_testing();
}
