/* cmd-vocab.c - the vocab command: build a word vocabulary from a text,
 * encode text into ids with [UNK] for the words outside it, and extend it
 * to watch the [UNK] rate fall.  The vocabulary itself is core/vocab.c;
 * this file keeps the session's copy and reports. */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/seqlab.h"
#include "core/alloc.h"
#include "core/vocab.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VOCAB_SHOW_TOKENS 60

typedef struct vocab_state {
	vocab *v;
	char *source;        /* the text it was built from, as named */
	wordseq text;        /* that text's tokens */
	int distinct;        /* distinct tokens in it */
	char *last;          /* the last text encoded, or NULL */
	wordseq last_ws;
} vocab_state;

static void
vs_free(vocab_state *vs)
{
	if (!vs)
		return;
	vocab_free(vs->v);
	free(vs->source);
	wordseq_free(&vs->text);
	free(vs->last);
	wordseq_free(&vs->last_ws);
	free(vs);
}

void
vocab_state_free(seqlab *q)
{
	vs_free(q->vocab);
	q->vocab = NULL;
}

static double
unk_rate(const vocab_state *vs, const wordseq *ws)
{
	return ws->n ? (double)vocab_unk_count(vs->v, ws, 0) / ws->n : 0.0;
}

void
vocab_state_dump(const seqlab *q, strbuf *out)
{
	const vocab_state *vs = q->vocab;
	if (!vs)
		return;
	char hex[17];
	sb_printf(out, "vocab: entries=%d source=", vs->v->n);
	seq_quote(out, vs->source, 40);
	sb_printf(out, " unk=%.4f checksum=%s\n", unk_rate(vs, &vs->text), seq_hex64(vocab_checksum(vs->v), hex));
}

int
vocab_state_probe(const seqlab *q, const char *name, double *out)
{
	const vocab_state *vs = q->vocab;
	if (strcmp(name, "size") == 0)
		*out = vs ? vs->v->n : 0;
	else if (strcmp(name, "unk_rate") == 0)
		*out = vs ? unk_rate(vs, &vs->text) : 0;
	else
		return 0;
	return 1;
}

static vocab_state *
vs_get(session *s)
{
	vocab_state *vs = s->seq ? s->seq->vocab : NULL;
	if (!vs)
		out_error("no vocabulary yet; build one with 'vocab build FILE', e.g. vocab build networks");
	return vs;
}

/* "word (count), ..." for the first n entries after [UNK]. */
static void
list_words(strbuf *b, const vocab *v, int from, int n, int counts)
{
	for (int i = from; i < v->n && i < from + n; i++) {
		if (i > from)
			sb_puts(b, ", ");
		seq_quote(b, v->word[i], 24);
		if (counts)
			sb_printf(b, " (%ld)", v->count[i]);
	}
}

/* ==== vocab build ======================================================= */

static int
cmd_vocab_build(session *s, cmd_args *a)
{
	long size;
	if (args_min(a, 1, "vocab build FILE [size=N]") < 0 || args_max(a, 1, "vocab build FILE [size=N]") < 0 ||
	    arg_long(a, "size", 1000, 2, 100000, &size) < 0)
		return -1;
	corpus c;
	if (corpus_load(a->argv[0], &c) < 0)
		return -1;
	vocab_state *vs = xcalloc(1, sizeof *vs);
	wordseq_split(&vs->text, c.text, c.len);
	vs->v = vocab_build(&vs->text, (int)size, 1, 0);
	vs->distinct = vocab_distinct(&vs->text, 0);
	vs->source = xstrdup(c.name);
	corpus_free(&c);
	seqlab *q = seqlab_get(s);
	vs_free(q->vocab);
	q->vocab = vs;

	long unk = vocab_unk_count(vs->v, &vs->text, 0);
	out_printf(_("read '%s': %d tokens, %d distinct (words, punctuation marks, CJK characters)\n"), vs->source,
	           vs->text.n, vs->distinct);
	if (vs->v->n - 1 < vs->distinct)
		out_printf(_("vocabulary: [UNK] + the %d most frequent = %d entries (size=%ld)\n"), vs->v->n - 1, vs->v->n,
		           size);
	else
		out_printf(_("vocabulary: [UNK] + all %d distinct tokens = %d entries\n"), vs->v->n - 1, vs->v->n);
	out_printf(_("[UNK] rate on this text: %.2f%%: %ld of its %d tokens (%d different ones) are outside the "
	             "vocabulary\n"), 100.0 * unk_rate(vs, &vs->text), unk, vs->text.n, vs->distinct - (vs->v->n - 1));
	strbuf b;
	sb_init(&b);
	list_words(&b, vs->v, 1, 12, 1);
	out_printf(_("most frequent: %s\n"), b.s);
	sb_free(&b);
	seq_note(s, _("'vocab encode \"some text\"' shows the ids a model would see\n"));
	return 0;
}

/* ==== vocab encode ====================================================== */

static char *
joined(cmd_args *a)
{
	strbuf b;
	sb_init(&b);
	for (int i = 0; i < a->argc; i++) {
		if (i)
			sb_putc(&b, ' ');
		sb_puts(&b, a->argv[i]);
	}
	return sb_steal(&b);
}

static void
show_encoding(const vocab_state *vs, const wordseq *ws)
{
	strbuf ids, seen;
	sb_init(&ids);
	sb_init(&seen);
	int unk = 0;
	for (int i = 0; i < ws->n && i < VOCAB_SHOW_TOKENS; i++) {
		int id = vocab_id(vs->v, ws->w[i]);
		sb_printf(&ids, "%s%d", i ? " " : "", id);
		if (i)
			sb_putc(&seen, ' ');
		if (id == VOCAB_UNK)
			sb_puts(&seen, VOCAB_UNK_NAME);
		else
			seq_quote(&seen, ws->w[i], 24);
	}
	for (int i = 0; i < ws->n; i++)
		unk += vocab_find(vs->v, ws->w[i]) < 0;
	const char *more = ws->n > VOCAB_SHOW_TOKENS ? " ..." : "";
	out_printf(_("ids:    %s%s\n"), ids.s, more);
	out_printf(_("tokens: %s%s\n"), seen.s, more);
	out_printf(_("%d tokens, %d of them [UNK] (%.1f%%)\n"), ws->n, unk, ws->n ? 100.0 * unk / ws->n : 0.0);
	sb_free(&ids);
	sb_free(&seen);
}

static int
cmd_vocab_encode(session *s, cmd_args *a)
{
	if (args_min(a, 1, "vocab encode TEXT") < 0)
		return -1;
	vocab_state *vs = vs_get(s);
	if (!vs)
		return -1;
	char *text = joined(a);
	wordseq ws;
	wordseq_split(&ws, text, strlen(text));
	if (ws.n == 0) {
		wordseq_free(&ws);
		free(text);
		return out_error("the text has no tokens; give some words, e.g. vocab encode \"the cat sat\"");
	}
	show_encoding(vs, &ws);
	int unk = 0;
	for (int i = 0; i < ws.n; i++)
		unk += vocab_find(vs->v, ws.w[i]) < 0;
	if (unk)
		seq_note(s, _("an [UNK] loses the word's meaning: every unknown word looks the same to the model; "
		              "'vocab extend WORD...' adds words\n"));
	free(vs->last);
	wordseq_free(&vs->last_ws);
	vs->last = text;
	vs->last_ws = ws;
	return 0;
}

/* ==== vocab extend ====================================================== */

static int
cmd_vocab_extend(session *s, cmd_args *a)
{
	if (args_min(a, 1, "vocab extend WORD...") < 0)
		return -1;
	vocab_state *vs = vs_get(s);
	if (!vs)
		return -1;
	/* every word must be one token; check them all before adding any */
	for (int i = 0; i < a->argc; i++) {
		wordseq ws;
		wordseq_split(&ws, a->argv[i], strlen(a->argv[i]));
		int n = ws.n;
		wordseq_free(&ws);
		if (n != 1) {
			if (n == 0)
				return out_error("'%s' is blank, not one token; add the words of it one by one", a->argv[i]);
			return out_error("'%s' is several tokens, not one token; add the words of it one by one",
			                 a->argv[i]);
		}
	}
	double before = unk_rate(vs, &vs->text);
	double before_last = vs->last ? unk_rate(vs, &vs->last_ws) : 0;
	strbuf added, had;
	sb_init(&added);
	sb_init(&had);
	int nadded = 0;
	for (int i = 0; i < a->argc; i++) {
		wordseq ws;
		wordseq_split(&ws, a->argv[i], strlen(a->argv[i]));
		const char *w = ws.w[0];
		if (vocab_find(vs->v, w) >= 0) {
			sb_puts(&had, had.len ? ", " : "");
			seq_quote(&had, w, 24);
		} else {
			/* its occurrences in the source text stop being [UNK] */
			long cnt = 0;
			for (int t = 0; t < vs->text.n; t++)
				cnt += strcmp(vs->text.w[t], w) == 0;
			int id = vocab_add(vs->v, w, cnt);
			vs->v->count[VOCAB_UNK] -= cnt;
			sb_puts(&added, added.len ? ", " : "");
			seq_quote(&added, w, 24);
			sb_printf(&added, _(" (id %d)"), id);
			nadded++;
		}
		wordseq_free(&ws);
	}
	if (nadded)
		out_printf(_("added %d word%s: %s\n"), nadded, nadded > 1 ? "s" : "", added.s);
	if (had.len)
		out_printf(_("already in the vocabulary: %s\n"), had.s);
	out_printf(_("vocabulary: %d entries\n"), vs->v->n);
	strbuf src;
	sb_init(&src);
	seq_quote(&src, vs->source, 40);
	out_printf(_("[UNK] rate on '%s': %.2f%% -> %.2f%%\n"), src.s, 100.0 * before, 100.0 * unk_rate(vs, &vs->text));
	if (vs->last)
		out_printf(_("[UNK] rate on the last encoded text: %.1f%% -> %.1f%%\n"), 100.0 * before_last,
		           100.0 * unk_rate(vs, &vs->last_ws));
	if (nadded)
		seq_note(s, _("a real model must also learn embeddings for the new ids before they mean anything: "
		              "vocabulary expansion comes with further training\n"));
	sb_free(&src);
	sb_free(&added);
	sb_free(&had);
	return 0;
}

/* ==== vocab show ======================================================== */

static int
cmd_vocab_show(session *s, cmd_args *a)
{
	long n;
	if (args_max(a, 0, "vocab show [n=20]") < 0 || arg_long(a, "n", 20, 1, 100000, &n) < 0)
		return -1;
	vocab_state *vs = vs_get(s);
	if (!vs)
		return -1;
	out_printf(_("vocabulary of %d entries from '%s':\n"), vs->v->n, vs->source);
	/* TRANSLATORS: the heading of the columns "%6d  %-24s %8ld": keep
	 * the words over their columns (a Chinese character is two wide). */
	out_printf(_("    id  token                       count\n"));
	for (int i = 0; i < vs->v->n && i < n; i++) {
		strbuf w;
		sb_init(&w);
		seq_quote(&w, vs->v->word[i], 24);
		/* padded by display width: a CJK token is two columns a character */
		size_t ww = utf8_width(w.s);  /* over 24 with escaped controls */
		sb_pad(&w, ' ', ww < 24 ? 24 - ww : 0);
		out_printf("%6d  %s %8ld%s\n", i, w.s, vs->v->count[i],
		           i == 0 ? _("  (tokens of the text outside the vocabulary)") : "");
		sb_free(&w);
	}
	if (n < vs->v->n)
		out_printf(_("... %d more\n"), vs->v->n - (int)n);
	return 0;
}

static const cmd_sub vocab_subs[] = {
	{.name = "build", .usage = "build FILE [size=1000]", .summary = N_("the most frequent tokens of a text"),
	 .exec = cmd_vocab_build, .keys = (const char *const[]){"size", NULL}, .complete = COMPLETE_FILE},
	{.name = "encode", .usage = "encode TEXT", .summary = N_("the ids of a text, [UNK] for unknown words"),
	 .exec = cmd_vocab_encode},
	{.name = "extend", .usage = "extend WORD...", .summary = N_("add words and watch the [UNK] rate fall"),
	 .exec = cmd_vocab_extend},
	{.name = "show", .usage = "show [n=20]", .summary = N_("the entries with their counts"), .exec = cmd_vocab_show,
	 .keys = (const char *const[]){"n", NULL}},
	{0},
};

const cmd_entry cmd_vocab_entry = {
	.name = "vocab",
	.topic = "seq",
	.usage = "vocab build|encode|extend|show",
	.summary = N_("a word vocabulary: token ids and [UNK]"),
	.help = N_("A model reads numbers, not words: a vocabulary numbers the tokens it knows.  'vocab build "
	        "FILE' cuts a text into tokens (lowercased words, punctuation marks, single CJK characters) "
	        "and keeps the size-1 most frequent, plus id 0, [UNK], which every other token becomes.  "
	        "FILE is a path, the name of a text nnlab ships (networks, training, language, history, "
	        "zh-networks), or 'glossary'; several joined by '+' (networks+training) are read one "
	        "after another.\n"
	        "\n"
	        "'vocab encode TEXT' shows the ids a model would see and how much became [UNK]: all "
	        "unknown words look the same, so their meaning is lost.  'vocab extend WORD...' adds words "
	        "(vocabulary expansion) and shows the [UNK] rate fall, on the text the vocabulary came from "
	        "and on the last encoded text.  'vocab show' lists the entries with their counts."),
	.examples = "vocab build networks size=300\nvocab encode \"the transformer replaced the rnn\"\n"
	            "vocab extend transformer rnn\nvocab show n=10",
	.subs = vocab_subs,
};
