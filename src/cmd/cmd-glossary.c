/* cmd-glossary.c - the glossary commands: define, glossary, demo, compare
 * (topic "learn"), and tab completion of glossary terms.
 *
 * The files are parsed by src/content/glossary.c on first use, from
 * nn_data_dir()/glossary; this file only looks terms up and lays them out
 * (src/content/textfmt.c wraps the text).  A file that does not parse is
 * reported once as a warning and left out; nothing here ever stops for it.
 * In Chinese (i18n_lang() == LANG_ZH) every part of an entry or page is
 * shown from its Chinese twin where the file has one, in English where it
 * has not, and names read "学习率 (learning rate)".
 * Lessons are not here (cmd-lesson.c).
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/tokenize.h"
#include "content/glossary.h"
#include "content/textfmt.h"
#include "core/alloc.h"
#include "out/out.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The glossary as loaded for this session (s->content). */
struct content {
	glossary *g;
	size_t warned;  /* warnings of g already shown */
	int dir_warned; /* g->dir_error shown */
};

/* ==== loading =========================================================== */

static glossary *
gloss_load_default(void)
{
	strbuf dir;
	sb_init(&dir);
	sb_printf(&dir, "%s/glossary", nn_data_dir());
	glossary *g = gloss_load(dir.s);
	sb_free(&dir);
	return g;
}

/* The session's glossary, loaded on first use; quiet: do not show the
 * warnings yet (completion runs in the middle of a line). */
static glossary *
glossary_get(session *s, int quiet)
{
	if (!s->content) {
		s->content = xcalloc(1, sizeof *s->content);
		s->content->g = gloss_load_default();
	}
	struct content *c = s->content;
	if (!quiet) {
		for (; c->warned < c->g->nwarn; c->warned++)
			out_warn("%s; that file is left out of the glossary", c->g->warn[c->warned]);
		if (c->g->dir_error && !c->dir_warned)
			out_warn("%s", c->g->dir_error);
		c->dir_warned = 1;
	}
	return c->g;
}

void
glossary_state_free(session *s)
{
	if (!s->content)
		return;
	gloss_free(s->content->g);
	free(s->content);
	s->content = NULL;
}

static int
text_width(session *s)
{
	int w = s->width ? s->width : out_width();
	return w > 100 ? 100 : w < 40 ? 40 : w;
}

/* zh: whether entries are shown in Chinese */
static int
zh_mode(void)
{
	return i18n_lang() == LANG_ZH;
}

/* "English (中文)", or "中文 (English)" in Chinese, appended to b. */
static void
both_names(strbuf *b, const char *en, const char *zh)
{
	if (zh_mode())
		sb_printf(b, "%s (%s)", zh, en);
	else
		sb_printf(b, "%s (%s)", en, zh);
}

/* A heading "title (中文)" ("中文 (title)" in Chinese), wrapped to the
 * width. */
static void
show_heading(session *s, const char *title, const char *zh)
{
	strbuf t, b;
	sb_init(&t);
	sb_init(&b);
	both_names(&t, title, zh);
	textfmt_para(&b, t.s, t.len, 0, 2, text_width(s));
	out_kprintf(OUT_HEAD, "%s", b.s);
	sb_free(&t);
	sb_free(&b);
}

/* Join the positional words into one query ("gradient descent"). */
static char *
join_args(cmd_args *a, int from)
{
	strbuf b;
	sb_init(&b);
	for (int i = from; i < a->argc; i++)
		sb_printf(&b, "%s%s", i > from ? " " : "", a->argv[i]);
	return sb_steal(&b);
}

/* ==== finding an entry ================================================== */

/* The ids of the hits ("a, b or c"); in Chinese each with its Chinese
 * name, "梯度 (gradient)", since the ids stay what is typed. */
static void
list_ids(strbuf *b, const gloss_hits *h)
{
	for (size_t i = 0; i < h->n; i++) {
		int last = i + 1 == h->n && h->total == h->n;
		sb_puts(b, i == 0 ? "" : last ? i18n_pick(" or ", " 或 ") : i18n_pick(", ", "、"));
		if (zh_mode())
			sb_printf(b, "%s (%s)", h->e[i]->zh, h->e[i]->id);
		else
			sb_puts(b, h->e[i]->id);
	}
	if (h->total > h->n)
		sb_printf(b, _(" (and %zu more)"), h->total - h->n);
}

/* resolve: the entry a query means, or NULL after an error that says what
 * to type instead. */
static const gloss_entry *
resolve(glossary *g, const char *query)
{
	if (g->n == 0)
		return out_error("the glossary is empty (no entries in '%s'); set NNLAB_DATADIR to the directory "
		                 "that holds glossary/", g->dir), NULL;
	gloss_hits h;
	gloss_lookup(g, query, &h);
	if (h.how == GLOSS_EXACT)
		return h.e[0];
	if (h.how == GLOSS_PREFIX || h.how == GLOSS_WORD) {
		out_note("('%s' taken as '%s')", query, h.e[0]->id);
		return h.e[0];
	}
	strbuf l;
	sb_init(&l);
	list_ids(&l, &h);
	if (h.how == GLOSS_AMBIGUOUS) {
		out_error("'%s' could mean %s; type more of the name", query, l.s);
	} else if (h.n) {
		out_error("no glossary entry is called '%s'; did you mean %s?", query, l.s);
	} else {
		const char *w[1] = {query};
		size_t idx[3];
		size_t n = gloss_search(g, w, 1, idx, 3);
		if (n) {
			strbuf m;
			sb_init(&m);
			for (size_t i = 0; i < n && i < 3; i++)
				sb_printf(&m, "%s%s", i ? ", " : "", g->e[idx[i]].id);
			out_error("no glossary entry is called '%s', but %zu mention it (%s%s); type 'glossary search %s'",
			          query, n, m.s, n > 3 ? ", ..." : "", query);
			sb_free(&m);
		} else {
			out_error("no glossary entry is called '%s' and none mentions it; type 'glossary' for the list",
			          query);
		}
	}
	sb_free(&l);
	return NULL;
}

/* The entry the positional words name, or NULL after an error. */
static const gloss_entry *
resolve_args(session *s, cmd_args *a)
{
	glossary *g = glossary_get(s, 0);
	char *q = join_args(a, 0);
	const gloss_entry *e = resolve(g, q);
	free(q);
	return e;
}

/* A glossary word typed where a command was expected: the whole line,
 * or else its first word, must name an entry exactly (no prefixes, so a
 * mistyped command is not taken for a term). */
int
glossary_term_hint(session *s, const char *const *words, int n)
{
	if (n < 1)
		return 0;
	glossary *g = glossary_get(s, 1);
	strbuf q;
	sb_init(&q);
	for (int i = 0; i < n; i++)
		sb_printf(&q, "%s%s", i ? " " : "", words[i]);
	int rc = 0;
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		const char *w = pass == 0 ? q.s : words[0];
		if (pass == 1 && n == 1)
			break;
		gloss_hits h;
		gloss_lookup(g, w, &h);
		if (h.how == GLOSS_EXACT) {
			out_error("'%s' is a glossary term: type 'define %s'", w, w);
			rc = -1;
		}
	}
	sb_free(&q);
	return rc;
}

/* ==== showing an entry ================================================== */

static void
show_section(strbuf *b, const char *title, const char *text, int width)
{
	if (!text)
		return;
	sb_printf(b, "\n%s\n", title);
	textfmt_block(b, text, 2, width);
}

/* The see-also line: the ids (what 'define' takes), in Chinese each with
 * its Chinese name. */
static void
show_see(session *s, strbuf *b, char *const *see, size_t nsee, int width)
{
	glossary *g = glossary_get(s, 1);
	strbuf l;
	sb_init(&l);
	sb_puts(&l, _("See also: "));
	int indent = (int)utf8_width(l.s);
	for (size_t i = 0; i < nsee; i++) {
		const gloss_entry *e = zh_mode() ? gloss_get(g, see[i]) : NULL;
		sb_printf(&l, "%s%s", i ? i18n_pick(", ", "，") : "", see[i]);
		if (e)
			sb_printf(&l, " (%s)", e->zh);
	}
	textfmt_para(b, l.s, l.len, 0, indent, width);
	sb_free(&l);
}

static void
show_entry(session *s, const gloss_entry *e)
{
	int width = text_width(s);
	int zh = zh_mode();
	show_heading(s, e->term, e->zh);
	strbuf b;
	sb_init(&b);
	if (e->nalias) {
		/* the aliases of the language shown first */
		strbuf al;
		sb_init(&al);
		size_t nen = e->nalias_en, nzh = e->nalias - e->nalias_en;
		for (int part = 0; part < 2; part++) {
			int chinese = part == 0 ? zh : !zh;
			size_t from = chinese ? nen : 0, n = chinese ? nzh : nen;
			for (size_t i = 0; i < n; i++)
				sb_printf(&al, "%s%s", i ? (chinese && zh ? "、" : ", ") : al.len ? "; " : "",
				          e->alias[from + i]);
		}
		sb_puts(&b, _("also: "));
		textfmt_para(&b, al.s, al.len, 0, (int)utf8_width(_("also: ")), width);
		sb_free(&al);
	}
	sb_printf(&b, _("topic: %s (%s)\n\n"), gloss_topics[e->topic][zh ? 2 : 1], gloss_topics[e->topic][zh ? 1 : 2]);
	const char *shortdef = i18n_pick(e->shortdef, e->short_zh);
	textfmt_para(&b, shortdef, strlen(shortdef), 0, 0, width);
	sb_putc(&b, '\n');
	textfmt_block(&b, i18n_pick(e->explain, e->explain_zh), 2, width);
	show_section(&b, _("Formula"), e->formula ? i18n_pick(e->formula, e->formula_zh) : NULL, width);
	show_section(&b, _("Example"), i18n_pick(e->example, e->example_zh), width);
	show_section(&b, _("Note"), e->note ? i18n_pick(e->note, e->note_zh) : NULL, width);
	sb_putc(&b, '\n');
	show_see(s, &b, e->see, e->nsee, width);
	sb_printf(&b, _("Try: %s\n"), e->try_line);
	out_printf("%s", b.s);
	out_note("(type 'demo %s' to run it; 'define NAME' follows a link)", e->id);
	sb_free(&b);
}

/* ==== define ============================================================ */

static int
cmd_define(session *s, cmd_args *a)
{
	if (a->argc == 0)
		return out_error("'define' needs a term, e.g. 'define learning rate' or 'define 学习率'; "
		                 "type 'glossary' for the list");
	const gloss_entry *e = resolve_args(s, a);
	if (!e)
		return -1;
	show_entry(s, e);
	return 0;
}

const cmd_entry cmd_define_entry = {
	.name = "define",
	.topic = "learn",
	.usage = "define TERM",
	.summary = N_("explain a term: definition, formula, worked example, links"),
	.help = N_("Looks TERM up in the glossary, in English or Chinese, by its name, an alias or the "
	           "start of a name ('define lr', 'define 学习率', 'define backprop'), ignoring case and "
	           "the difference between spaces and hyphens.  A term may be several words.  A name "
	           "that fits several entries lists them; a misspelt one gets 'did you mean'.\n"
	           "\n"
	           "The entry shows the term in both languages, a one-line definition, an explanation, "
	           "the formula where there is one, a worked example with real numbers, and notes where "
	           "the notes nnlab grew from got something wrong.  'See also' names related entries: "
	           "'define NAME' follows a link.  'Try' is a line of nnlab commands that shows the idea "
	           "live; 'demo TERM' runs it.\n"
	           "\n"
	           "In Chinese ('set lang zh' or '--lang zh') the entry is shown in Chinese wherever it "
	           "has a translation, part by part, headed by the Chinese name with the English one "
	           "beside it."),
	.examples = "define learning rate\ndefine 困惑度\ndefine rlhf\ndefine softm",
	.exec = cmd_define,
	.complete = COMPLETE_TERM,
	.flags = CMD_JOB_OK,
};

/* ==== glossary ========================================================== */

/* One listing line: id, Chinese name, and as much of text (the
 * definition or a search hit) as fits, cut at a space (or between two
 * Chinese characters).  Columns are counted by display width. */
static void
list_line(strbuf *b, const gloss_entry *e, const char *text, int width)
{
	sb_printf(b, "  %s", e->id);
	size_t w = utf8_width(e->id) + 2;
	size_t pad = w < 26 ? 26 - w : 1;
	sb_pad(b, ' ', pad);
	w += pad;
	sb_puts(b, e->zh);
	w += utf8_width(e->zh);
	pad = w < 40 ? 40 - w : 1;
	sb_pad(b, ' ', pad);
	w += pad;
	size_t room = (size_t)width > w + 12 ? (size_t)width - w - 1 : 12;
	if (utf8_width(text) <= room) {
		sb_puts(b, text);
	} else {
		size_t keep = utf8_prefix_by_width(text, room - 3);
		/* inside a word of narrow characters: back to the space before
		 * it; after a wide character the cut is already a break */
		size_t lead = keep;
		while (lead > 0 && ((unsigned char)text[lead - 1] & 0xC0) == 0x80)
			lead--;
		size_t cl;
		int32_t before = lead > 0 ? utf8_decode(text + lead - 1, keep - lead + 1, &cl) : -1;
		if (before < 0 || utf8_cpwidth(before) != 2) {
			size_t cut = keep;
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut > keep / 2)
				keep = cut;
		}
		while (keep > 0 && text[keep - 1] == ' ')
			keep--;
		sb_add(b, text, keep);
		sb_puts(b, "...");
	}
	sb_putc(b, '\n');
}

static void
list_topic(strbuf *b, const glossary *g, int t, int width)
{
	sb_putc(b, '\n');
	both_names(b, gloss_topics[t][1], gloss_topics[t][2]);
	sb_putc(b, '\n');
	for (size_t i = 0; i < g->n; i++)
		if (g->e[i].topic == t)
			list_line(b, &g->e[i], i18n_pick(g->e[i].shortdef, g->e[i].short_zh), width);
}

static int
cmd_glossary(session *s, cmd_args *a)
{
	glossary *g = glossary_get(s, 0);
	int width = text_width(s);
	if (a->argc == 0) {
		strbuf b, head;
		sb_init(&b);
		sb_init(&head);
		int ntopics = 0;
		while (gloss_topics[ntopics][0])
			ntopics++;
		sb_printf(&head, _("The glossary: %zu terms in %d topics.  'define TERM' explains one, 'demo TERM' "
		                   "runs its demo, 'glossary search WORDS' searches the texts, 'compare' lists the "
		                   "comparison pages."), g->n, ntopics);
		textfmt_para(&b, head.s, head.len, 0, 0, width);
		sb_free(&head);
		for (int t = 0; gloss_topics[t][0]; t++)
			list_topic(&b, g, t, width);
		out_printf("%s", b.s);
		sb_free(&b);
		return 0;
	}
	char *q = join_args(a, 0);
	int t = gloss_topic_find(q);
	if (t >= 0) {
		free(q);
		strbuf b;
		sb_init(&b);
		list_topic(&b, g, t, width);
		out_printf("%s", b.s + 1);  /* without the blank line before */
		sb_free(&b);
		return 0;
	}
	/* a term after 'glossary' shows it */
	gloss_hits h;
	gloss_lookup(g, q, &h);
	if (h.how == GLOSS_NONE) {
		strbuf l;
		sb_init(&l);
		for (int k = 0; gloss_topics[k][0]; k++)
			sb_printf(&l, "%s%s", k ? ", " : "", gloss_topics[k][0]);
		out_error("'%s' is neither a topic (%s) nor a term; type 'glossary search %s' to search the texts",
		          q, l.s, q);
		sb_free(&l);
		free(q);
		return -1;
	}
	const gloss_entry *e = resolve(g, q);
	free(q);
	if (!e)
		return -1;
	show_entry(s, e);
	return 0;
}

static int
glossary_search_cmd(session *s, cmd_args *a)
{
	if (a->argc == 0)
		return out_error("'glossary search' needs a word, e.g. 'glossary search gradient'");
	glossary *g = glossary_get(s, 0);
	int width = text_width(s);
	/* several words are searched as one phrase */
	char *q = join_args(a, 0);
	const char *words[1] = {q};
	size_t *idx = xmalloc(sizeof *idx * (g->n + 1));
	size_t n = gloss_search(g, words, 1, idx, g->n);
	if (n == 0) {
		out_printf(_("no entry mentions '%s'; try fewer or shorter words, or 'glossary' for the list\n"), q);
	} else {
		strbuf b;
		sb_init(&b);
		if (n == 1)
			sb_printf(&b, _("1 entry mentions '%s':\n"), q);
		else
			sb_printf(&b, _("%zu entries mention '%s':\n"), n, q);
		for (size_t i = 0; i < n; i++) {
			const gloss_entry *e = &g->e[idx[i]];
			char snip[400];
			gloss_search_snippet(e, q, zh_mode(), snip, sizeof snip);
			list_line(&b, e, snip, width);
		}
		out_printf("%s", b.s);
		sb_free(&b);
	}
	free(q);
	free(idx);
	return 0;
}

/* Whether every command of a try: line exists in this build; the first
 * missing one in missing[]. */
static int
try_commands_exist(const char *line, char *missing, size_t len, char *err, size_t errlen)
{
	tok_line tl;
	if (tok_split(line, &tl, err, errlen) < 0)
		return -1;
	int ok = 1;
	for (int i = 0; i < tl.n && ok; i++) {
		if (tl.cmd[i].n == 0)
			continue;
		if (!cmd_find(tl.cmd[i].w[0].text, 0)) {
			snprintf(missing, len, "%s", tl.cmd[i].w[0].text);
			ok = 0;
		}
	}
	tok_line_free(&tl);
	return ok;
}

static int
glossary_check_cmd(session *s, cmd_args *a)
{
	if (args_max(a, 0, "glossary check") < 0)
		return -1;
	/* read the files again, so an author sees their latest edits */
	glossary *g = gloss_load_default();
	char **msgs = NULL;
	size_t nmsgs = 0;
	if (g->dir_error) {
		msgs = xreallocarray(msgs, nmsgs + 1, sizeof *msgs);
		msgs[nmsgs++] = xstrdup(g->dir_error);
	}
	for (size_t i = 0; i < g->nwarn; i++) {
		msgs = xreallocarray(msgs, nmsgs + 1, sizeof *msgs);
		msgs[nmsgs++] = xstrdup(g->warn[i]);
	}
	gloss_check(g, &msgs, &nmsgs);
	/* try: lines must at least be valid command lines */
	size_t later = 0;
	strbuf pending;
	sb_init(&pending);
	for (size_t i = 0; i < g->n; i++) {
		char missing[64], err[600];
		int rc = try_commands_exist(g->e[i].try_line, missing, sizeof missing, err, sizeof err);
		if (rc < 0) {
			strbuf m;
			sb_init(&m);
			sb_printf(&m, "%s: try: %s", g->e[i].file, err);
			msgs = xreallocarray(msgs, nmsgs + 1, sizeof *msgs);
			msgs[nmsgs++] = sb_steal(&m);
		} else if (rc == 0) {
			sb_printf(&pending, "%s%s (%s)", later ? ", " : "", g->e[i].id, missing);
			later++;
		}
	}
	for (size_t i = 0; i < nmsgs; i++)
		out_error("%s", msgs[i]);
	if (nmsgs == 1)
		out_printf(_("glossary check: %zu entries and %zu comparison pages; 1 problem\n"), g->n, g->nc);
	else
		out_printf(_("glossary check: %zu entries and %zu comparison pages; %zu problems\n"), g->n, g->nc,
		           nmsgs);
	if (later) {
		strbuf m, w;
		sb_init(&m);
		sb_init(&w);
		sb_printf(&m, "%zu try: lines use commands this build does not have yet: %s", later, pending.s);
		textfmt_para(&w, m.s, m.len, 0, 2, text_width(s));
		out_note("%s", w.s);
		sb_free(&w);
		sb_free(&m);
	}
	sb_free(&pending);
	for (size_t i = 0; i < nmsgs; i++)
		free(msgs[i]);
	free(msgs);
	/* keep the fresh copy */
	glossary_state_free(s);
	s->content = xcalloc(1, sizeof *s->content);
	s->content->g = g;
	s->content->warned = g->nwarn;
	s->content->dir_warned = 1;
	return nmsgs ? -1 : 0;
}

static const cmd_sub glossary_subs[] = {
	{.name = "search", .usage = "search WORDS", .summary = N_("entries whose text contains WORDS"),
	 .exec = glossary_search_cmd, .flags = CMD_JOB_OK},
	{.name = "check", .usage = "check", .summary = N_("re-read the files and report every problem"),
	 .exec = glossary_check_cmd, .flags = CMD_JOB_OK},
	{0},
};

const cmd_entry cmd_glossary_entry = {
	.name = "glossary",
	.topic = "learn",
	.usage = "glossary [TOPIC|TERM|search WORDS|check]",
	.summary = N_("list the glossary by topic, or search it"),
	.help = N_("With no argument, lists every term by topic with its Chinese name and a one-line "
	           "definition.  'glossary TOPIC' lists one topic (basics, learning, training, networks, "
	           "language, large); 'glossary TERM' is the same as 'define TERM'.\n"
	           "\n"
	           "'glossary search WORDS' finds the entries whose text contains WORDS, one word or a "
	           "phrase (case ignored), best matches first: names, then definitions, then the rest, "
	           "each with the sentence that matched.\n"
	           "\n"
	           "'glossary check' reads the glossary files again and reports every file that does not "
	           "parse (FILE:LINE), every see-also link that leads nowhere, and every name that two "
	           "entries claim; it notes the try: lines whose commands this build does not have yet.  "
	           "Teachers adding entries use it; the format is in nnlab-glossary(5)."),
	.examples = "glossary\nglossary training\nglossary search softmax\nglossary check",
	.exec = cmd_glossary,
	.subs = glossary_subs,
	.complete = COMPLETE_TERM,
	.flags = CMD_JOB_OK,
};

/* ==== demo ============================================================== */

static int demo_depth;

static int
cmd_demo(session *s, cmd_args *a)
{
	if (a->argc == 0)
		return out_error("'demo' needs a term, e.g. 'demo learning rate'; type 'glossary' for the list");
	if (demo_depth > 0)
		return out_error("a demo cannot start another demo; run it on its own line");
	const gloss_entry *e = resolve_args(s, a);
	if (!e)
		return -1;
	char missing[64], err[600];
	int rc = try_commands_exist(e->try_line, missing, sizeof missing, err, sizeof err);
	if (rc < 0)
		return out_error("the demo of '%s' is not a valid command line (%s); fix try: in %s", e->id, err,
		                 e->file);
	if (rc == 0)
		return out_error("the demo of '%s' needs the command '%s', which this build of nnlab does not "
		                 "have yet; 'define %s' explains the idea meanwhile",
		                 e->id, missing, e->id);
	strbuf name;
	sb_init(&name);
	both_names(&name, e->term, e->zh);
	out_kprintf(OUT_HEAD, _("demo of %s: %s\n"), name.s, e->try_line);
	sb_free(&name);
	/* the entry may go away if a command reloads the glossary: copy */
	char *line = xstrdup(e->try_line), *id = xstrdup(e->id);
	int echo = s->echo;
	s->echo = 1;
	demo_depth++;
	rc = cmd_run_line(s, line);
	demo_depth--;
	s->echo = echo;
	if (rc < 0)
		out_note("(the demo of '%s' stopped at the error above)", id);
	else
		out_note("(end of the demo; 'define %s' explains what it showed)", id);
	free(line);
	free(id);
	return rc;
}

const cmd_entry cmd_demo_entry = {
	.name = "demo",
	.topic = "learn",
	.usage = "demo TERM",
	.summary = N_("run the live demonstration of a glossary term"),
	.help = N_("Runs the try: line of TERM's glossary entry, a few nnlab commands that show the idea "
	           "with real numbers, printing each command before its output.  TERM is looked up as "
	           "by 'define'.  The commands change the session like typed ones (the data, the model, "
	           "the seed).  A demo whose commands are not in this build yet says so and runs nothing."),
	.examples = "demo random seed\ndemo learning-rate\ndemo self-attention",
	.exec = cmd_demo,
	.complete = COMPLETE_TERM,
};

/* ==== compare =========================================================== */

static int
cmd_compare(session *s, cmd_args *a)
{
	if (args_max(a, 1, "compare [NAME]") < 0)
		return -1;
	glossary *g = glossary_get(s, 0);
	strbuf names;
	sb_init(&names);
	for (size_t i = 0; i < g->nc; i++)
		sb_printf(&names, "%s%s", i ? ", " : "", g->c[i].id);
	if (a->argc == 0) {
		if (g->nc == 0) {
			sb_free(&names);
			return out_error("there are no comparison pages in '%s'; set NNLAB_DATADIR to the directory "
			                 "that holds glossary/", g->dir);
		}
		strbuf b;
		sb_init(&b);
		sb_puts(&b, _("Comparison pages ('compare NAME' shows one):\n"));
		int width = text_width(s);
		for (size_t i = 0; i < g->nc; i++) {
			/* the title wrapped at column 16, the id in front of it */
			strbuf line, t;
			sb_init(&line);
			sb_init(&t);
			both_names(&t, g->c[i].title, g->c[i].zh);
			textfmt_para(&line, t.s, t.len, 16, 16, width);
			size_t idl = strlen(g->c[i].id);
			if (idl <= 13)
				memcpy(line.s + 2, g->c[i].id, idl);
			else
				sb_printf(&b, "  %s\n", g->c[i].id);
			sb_puts(&b, line.s);
			sb_free(&t);
			sb_free(&line);
		}
		out_printf("%s", b.s);
		sb_free(&b);
		sb_free(&names);
		return 0;
	}
	const gloss_compare *c = gloss_get_compare(g, a->argv[0]);
	if (!c) {
		int rc = out_error("no comparison page '%s'; the pages are %s", a->argv[0], names.s);
		sb_free(&names);
		return rc;
	}
	sb_free(&names);
	int width = text_width(s);
	show_heading(s, c->title, c->zh);
	strbuf b;
	sb_init(&b);
	/* each part in Chinese where the page has it */
	int zh = zh_mode();
	char **cols = zh && c->cols_zh ? c->cols_zh : c->cols;
	char ***rows = zh && c->rows_zh ? c->rows_zh : c->rows;
	sb_putc(&b, '\n');
	textfmt_block(&b, i18n_pick(c->intro, c->intro_zh), 0, width);
	sb_putc(&b, '\n');
	textfmt_table(&b, (const char *const *)cols, c->ncols, (const char *const *const *)rows, c->nrows, 0, width);
	if (c->note) {
		sb_putc(&b, '\n');
		textfmt_block(&b, i18n_pick(c->note, c->note_zh), 0, width);
	}
	if (c->nsee) {
		sb_putc(&b, '\n');
		show_see(s, &b, c->see, c->nsee, width);
	}
	out_printf("%s", b.s);
	sb_free(&b);
	return 0;
}

const cmd_entry cmd_compare_entry = {
	.name = "compare",
	.topic = "learn",
	.usage = "compare [NAME]",
	.summary = N_("comparison tables: kinds of network, Transformer, data mining"),
	.help = N_("With no argument, lists the comparison pages.  'compare networks' sets the kinds of "
	           "neural network side by side (what each is good for, the data it expects, its key "
	           "idea); 'compare transformer' compares the Transformer with recurrent, convolutional "
	           "and fully connected networks; 'compare mining' sets data mining, data modelling and "
	           "large models apart.  A name may be shortened.  Narrow terminals get each row as a "
	           "card instead of a table."),
	.examples = "compare\ncompare networks\ncompare transformer",
	.exec = cmd_compare,
	.words = (const char *const[]){"networks", "transformer", "mining", NULL},
	.complete = COMPLETE_WORDS,
	.flags = CMD_JOB_OK,
};

/* ==== completion ======================================================== */

char **
glossary_complete_terms(session *s, const char *prefix)
{
	return gloss_names(glossary_get(s, 1), prefix);
}
