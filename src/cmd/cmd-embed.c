/* cmd-embed.c - the embed command: word vectors trained by skip-gram with
 * negative sampling, nearest neighbours, cosine similarity, and a labelled
 * 2-D projection.  The training is core/embed.c; this file runs it as a
 * job, keeps the session's vectors and draws the projection as text. */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/plotsrc.h"
#include "cmd/seqlab.h"
#include "core/alloc.h"
#include "core/embed.h"
#include "core/vocab.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLOT_W 64  /* columns of the plot at most (at 80 columns of output) */
#define PLOT_H 20

typedef struct embed_state {
	embed *e;
	char *source;
	long min_count;
	long text_words;     /* words of the text inside the vocabulary */
	double *loss;        /* each epoch's mean loss, for `plot embed-loss` */
	long nloss;
} embed_state;

static void
es_free(embed_state *es)
{
	if (!es)
		return;
	embed_free(es->e);
	free(es->source);
	free(es->loss);
	free(es);
}

void
embed_state_free(seqlab *q)
{
	es_free(q->embed);
	q->embed = NULL;
}

void
embed_state_dump(const seqlab *q, strbuf *out)
{
	const embed_state *es = q->embed;
	if (!es)
		return;
	char hex[17];
	sb_printf(out, "embed: words=%d dim=%d window=%d epochs=%ld source=", es->e->voc->n - 1, es->e->dim,
	          es->e->window, es->e->epochs);
	seq_quote(out, es->source, 40);
	sb_printf(out, " checksum=%s\n", seq_hex64(embed_checksum(es->e), hex));
}

int
embed_state_probe(const seqlab *q, const char *name, double *out)
{
	const embed_state *es = q->embed;
	if (strcmp(name, "words") == 0)
		*out = es ? es->e->voc->n - 1 : 0;
	else if (strcmp(name, "dim") == 0)
		*out = es ? es->e->dim : 0;
	else if (strcmp(name, "loss") == 0)
		*out = es ? es->e->last_loss : 0;
	else
		return 0;
	return 1;
}

static embed_state *
es_get(session *s)
{
	embed_state *es = s->seq ? s->seq->embed : NULL;
	if (!es)
		out_error("no word vectors yet; train some with 'embed train FILE', e.g. embed train networks");
	return es;
}

/* The id of word in the embedding's vocabulary, or -1 after an error
 * that suggests close words. */
static int
word_id(const embed_state *es, const char *word)
{
	wordseq ws;
	wordseq_split(&ws, word, strlen(word));
	int id = ws.n == 1 ? vocab_find(es->e->voc, ws.w[0]) : -1;
	if (id > 0) {
		wordseq_free(&ws);
		return id;
	}
	const vocab *v = es->e->voc;
	char sug[300] = "";
	cmd_suggest(ws.n == 1 ? ws.w[0] : word, (const char *const *)v->word + 1, v->n - 1, sug, sizeof sug);
	wordseq_free(&ws);
	if (sug[0])
		return out_error("'%s' is not in the vocabulary of the vectors (%d words seen at least %ld times in '%s'); "
		                 "did you mean %s?", word, v->n - 1, es->min_count, es->source, sug);
	return out_error("'%s' is not in the vocabulary of the vectors (%d words seen at least %ld times in '%s'); "
	                 "'embed plot' shows some that are", word, v->n - 1, es->min_count, es->source);
}

/* ==== embed train ======================================================= */

/* A punctuation mark that ends a sentence: windows stop there. */
static int
sentence_end(const char *p)
{
	/* . ! ? ; and their full-width forms */
	static const char *const ends[] = {".", "!", "?", ";", "\xe3\x80\x82", "\xef\xbc\x81", "\xef\xbc\x9f",
	                                   "\xef\xbc\x9b", NULL};
	for (int i = 0; ends[i]; i++)
		if (strcmp(p, ends[i]) == 0)
			return 1;
	return 0;
}

typedef struct embed_job {
	job j;
	embed_trainer tr;
	long every;           /* report every this many epochs */
} embed_job;

static int
embed_slice(session *s, job *j)
{
	embed_job *ej = (embed_job *)j;
	double t0 = seq_clock();
	int finished = 0;
	for (;;) {
		int epoch_done;
		finished = embed_trainer_run(&ej->tr, &s->rng, 256, &epoch_done);
		embed_state *es = s->seq->embed;
		if (epoch_done && es->nloss < ej->tr.epochs)
			es->loss[es->nloss++] = ej->tr.e->last_loss;
		if (epoch_done && (ej->tr.epoch % ej->every == 0 || ej->tr.epoch == ej->tr.epochs))
			out_printf(_("epoch %4ld of %ld: mean loss %.4f per (word, context) pair\n"), ej->tr.epoch,
			           ej->tr.epochs, ej->tr.e->last_loss);
		if (finished)
			break;
		if (seq_clock() - t0 > SEQ_SLICE_MS)
			break;
	}
	out_progress("training word vectors: %.0f%%", 100.0 * embed_trainer_progress(&ej->tr));
	return finished ? JOB_DONE : JOB_MORE;
}

static void
embed_finish(session *s, job *j, int stopped, int failed)
{
	embed_job *ej = (embed_job *)j;
	embed_state *es = s->seq->embed;
	(void)failed;
	if (stopped)
		out_printf(_("stopped in epoch %ld of %ld; the vectors learned so far are kept\n"), ej->tr.epoch + 1,
		           ej->tr.epochs);
	out_printf(_("trained on %ld (word, context) pairs\n"), es->e->pairs);
	/* suggest a frequent word of some length */
	const vocab *v = es->e->voc;
	for (int i = 1; i < v->n; i++)
		if (strlen(v->word[i]) >= 6) {
			seq_note(s, _("try: embed near %s\n"), v->word[i]);
			break;
		}
	embed_trainer_free(&ej->tr);
	free(ej);
}

static int
cmd_embed_train(session *s, cmd_args *a)
{
	static const char usage[] = "embed train FILE [dim=16] [window=2] ...";
	long dim, window, epochs, neg, minc;
	double lr, sample;
	if (args_min(a, 1, usage) < 0 || args_max(a, 1, usage) < 0 ||
	    arg_long(a, "dim", 16, 2, EMBED_MAX_DIM, &dim) < 0 || arg_long(a, "window", 2, 1, 10, &window) < 0 ||
	    arg_long(a, "epochs", 50, 1, 10000, &epochs) < 0 || arg_long(a, "neg", 5, 1, 20, &neg) < 0 ||
	    arg_long(a, "min", 2, 1, 1000, &minc) < 0 || arg_double(a, "lr", 0.05, 1e-5, 1.0, &lr) < 0 ||
	    arg_double(a, "sample", 1e-3, 0, 1, &sample) < 0)
		return -1;
	corpus c;
	if (corpus_load(a->argv[0], &c) < 0)
		return -1;
	wordseq ws;
	wordseq_split(&ws, c.text, c.len);
	vocab *v = vocab_build(&ws, EMBED_MAX_WORDS, minc, 1);
	if (v->n - 1 < 3) {
		int n = v->n - 1;
		vocab_free(v);
		wordseq_free(&ws);
		out_error("'%s' has only %d word%s seen at least %ld times; give a longer text or a lower min=", c.name, n,
		          n == 1 ? "" : "s", minc);
		corpus_free(&c);
		return -1;
	}
	int *ids = xmalloc((size_t)(ws.n ? ws.n : 1) * sizeof *ids);
	size_t n = 0, in_vocab = 0;
	for (int i = 0; i < ws.n; i++) {
		if (ws.punct[i]) {
			if (sentence_end(ws.w[i]))
				ids[n++] = EMBED_BREAK;
			continue;
		}
		int id = vocab_find(v, ws.w[i]);
		if (id > 0) {
			ids[n++] = id;
			in_vocab++;
		}
	}
	int words = wordseq_words(&ws);
	wordseq_free(&ws);

	embed_state *es = xcalloc(1, sizeof *es);
	es->e = embed_new(v, (int)dim, (int)window, (int)neg, &s->rng);
	es->source = xstrdup(c.name);
	es->min_count = minc;
	es->text_words = (long)in_vocab;
	es->loss = xcalloc((size_t)epochs, sizeof *es->loss);
	seqlab *q = seqlab_get(s);
	es_free(q->embed);
	q->embed = es;
	out_printf(_("'%s': %d words, %d distinct seen at least %ld times (the others are left out)\n"), c.name, words,
	           v->n - 1, minc);
	out_printf(_("skip-gram with negative sampling: %ld-dim vectors, window %ld each side, %ld negatives, "
	             "%ld epoch%s, lr %g falling to 0\n"), dim, window, neg, epochs, epochs == 1 ? "" : "s", lr);
	corpus_free(&c);

	embed_job *ej = xcalloc(1, sizeof *ej);
	embed_trainer_init(&ej->tr, es->e, ids, n, epochs, lr, sample);
	ej->every = epochs >= 10 ? epochs / 10 : 1;
	free(ids);
	return seq_run_job(s, &ej->j, _("word vector training"), embed_slice, embed_finish);
}

/* `plot embed-loss`: each epoch's mean loss per (word, context) pair,
 * following the training in the workspace's chart pane. */
static int
fill_embed_loss(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	const embed_state *es = s->seq ? s->seq->embed : NULL;
	if (!es || es->nloss == 0)
		return out_error("the word vectors have not trained an epoch yet; try 'embed train networks'");
	double *x = xmalloc((size_t)es->nloss * sizeof *x);
	for (long i = 0; i < es->nloss; i++)
		x[i] = (double)(i + 1);
	chart_series ser = {.name = _("mean loss per (word, context) pair"), .x = x, .y = es->loss,
	                    .n = (size_t)es->nloss};
	chart c = {.kind = CHART_LINE, .title = _("word vectors: training loss"), .xlabel = _("epoch"),
	           .ylabel = _("loss"), .series = &ser, .nseries = 1};
	plot_pic_chart(out, &c);
	free(x);
	return 0;
}

const plot_source plot_source_embed_loss = {
	.name = "embed-loss",
	.summary = N_("the word vectors' training loss per epoch"),
	.fill = fill_embed_loss,
	.live = 1,
	.fed_by = embed_slice,
};

/* ==== near, sim ========================================================= */

static int
cmd_embed_near(session *s, cmd_args *a)
{
	long k;
	if (args_min(a, 1, "embed near WORD [k=5]") < 0 || args_max(a, 1, "embed near WORD [k=5]") < 0 ||
	    arg_long(a, "k", 5, 1, 100, &k) < 0)
		return -1;
	embed_state *es = es_get(s);
	if (!es)
		return -1;
	int w = word_id(es, a->argv[0]);
	if (w < 0)
		return -1;
	int *ids = xmalloc((size_t)k * sizeof *ids);
	double *sims = xmalloc((size_t)k * sizeof *sims);
	int n = embed_nearest(es->e, w, (int)k, ids, sims);
	out_printf(_("nearest to '%s' (cosine similarity of the %d-dim vectors):\n"), es->e->voc->word[w], es->e->dim);
	for (int i = 0; i < n; i++) {
		strbuf b;
		sb_init(&b);
		seq_quote(&b, es->e->voc->word[ids[i]], 24);
		/* padded by display width: a CJK word is two columns a character */
		size_t bw = utf8_width(b.s);  /* over 24 with escaped controls */
		sb_pad(&b, ' ', bw < 24 ? 24 - bw : 0);
		out_printf("  %2d  %s %7.4f\n", i + 1, b.s, sims[i]);
		sb_free(&b);
	}
	free(ids);
	free(sims);
	return 0;
}

static int
cmd_embed_sim(session *s, cmd_args *a)
{
	if (args_min(a, 2, "embed sim A B") < 0 || args_max(a, 2, "embed sim A B") < 0)
		return -1;
	embed_state *es = es_get(s);
	if (!es)
		return -1;
	int x = word_id(es, a->argv[0]);
	if (x < 0)
		return -1;
	int y = word_id(es, a->argv[1]);
	if (y < 0)
		return -1;
	out_printf(_("cosine('%s', '%s') = %.4f  (1: same direction, 0: unrelated, -1: opposite)\n"), es->e->voc->word[x],
	           es->e->voc->word[y], embed_cosine(es->e, x, y));
	return 0;
}

/* ==== plot ============================================================== */

/* Whether the cells [x, x+w) of row y are free in a plot pw wide. */
static int
cells_free(char grid[PLOT_H][PLOT_W + 1], int pw, int y, int x, int w)
{
	if (x < 0 || x + w > pw)
		return 0;
	for (int i = x; i < x + w; i++)
		if (grid[y][i] != ' ')
			return 0;
	return 1;
}

static int
cmd_embed_plot(session *s, cmd_args *a)
{
	long n;
	if (arg_long(a, "n", 30, 2, 200, &n) < 0)
		return -1;
	embed_state *es = es_get(s);
	if (!es)
		return -1;
	const vocab *v = es->e->voc;
	int *pick = xmalloc((size_t)(a->argc > n ? a->argc : n) * sizeof *pick);
	int np = 0;
	if (a->argc > 0) {
		for (int i = 0; i < a->argc; i++) {
			int id = word_id(es, a->argv[i]);
			if (id < 0) {
				free(pick);
				return -1;
			}
			pick[np++] = id;
		}
		if (np < 2) {
			free(pick);
			return out_error("a projection needs at least 2 words; name more, or none for the most frequent");
		}
	} else {
		/* the most frequent words of four letters or more: the shortest
		 * ones are mostly function words */
		for (int i = 1; i < v->n && np < n; i++)
			if (utf8_width(v->word[i]) >= 4)
				pick[np++] = i;
		for (int i = 1; i < v->n && np < 2; i++)
			if (utf8_width(v->word[i]) < 4)
				pick[np++] = i;
	}
	int D = es->e->dim;
	float *x = xmalloc((size_t)np * D * sizeof *x);
	float *p2 = xmalloc((size_t)np * 2 * sizeof *p2);
	for (int i = 0; i < np; i++)
		memcpy(x + (size_t)i * D, es->e->vin + (size_t)pick[i] * D, (size_t)D * sizeof *x);
	double frac[2];
	embed_pca2(x, np, D, p2, frac);
	float lo[2] = {p2[0], p2[1]}, hi[2] = {p2[0], p2[1]};
	for (int i = 1; i < np; i++)
		for (int k = 0; k < 2; k++) {
			if (p2[2 * i + k] < lo[k])
				lo[k] = p2[2 * i + k];
			if (p2[2 * i + k] > hi[k])
				hi[k] = p2[2 * i + k];
		}
	/* as wide as the output allows (the workspace's output pane at 80x24
	 * is 44 columns), with its frame */
	int pw = out_width() - 2;
	pw = pw > PLOT_W ? PLOT_W : pw < 16 ? 16 : pw;
	char grid[PLOT_H][PLOT_W + 1];
	for (int y = 0; y < PLOT_H; y++) {
		memset(grid[y], ' ', (size_t)pw);
		grid[y][pw] = '\0';
	}
	int *cx = xmalloc((size_t)np * sizeof *cx), *cy = xmalloc((size_t)np * sizeof *cy);
	for (int i = 0; i < np; i++) {
		double fx = hi[0] > lo[0] ? (p2[2 * i] - lo[0]) / (hi[0] - lo[0]) : 0.5;
		double fy = hi[1] > lo[1] ? (p2[2 * i + 1] - lo[1]) / (hi[1] - lo[1]) : 0.5;
		cx[i] = (int)lround(fx * (pw - 1));
		cy[i] = PLOT_H - 1 - (int)lround(fy * (PLOT_H - 1));
		grid[cy[i]][cx[i]] = '*';
	}
	/* labels right of their point, else left of it; in frequency order,
	 * a label that fits nowhere is listed below */
	strbuf unl;
	sb_init(&unl);
	for (int i = 0; i < np; i++) {
		const char *w = v->word[pick[i]];
		int wl = (int)strlen(w);
		int ascii = 1;
		for (int k = 0; k < wl; k++)
			ascii &= (unsigned char)w[k] < 0x80;
		int y = cy[i];
		if (ascii && cells_free(grid, pw, y, cx[i] + 1, wl + 1))
			memcpy(&grid[y][cx[i] + 2], w, (size_t)wl);
		else if (ascii && cells_free(grid, pw, y, cx[i] - wl - 1, wl + 1))
			memcpy(&grid[y][cx[i] - wl - 1], w, (size_t)wl);
		else {
			sb_puts(&unl, unl.len ? ", " : "");
			seq_quote(&unl, w, 24);
		}
	}
	out_printf(_("%d words on their first two principal components (PC1 %.1f%%, PC2 %.1f%% of the variance):\n"), np,
	           100.0 * frac[0], 100.0 * frac[1]);
	strbuf b;
	sb_init(&b);
	sb_putc(&b, '+');
	sb_pad(&b, '-', (size_t)pw);
	sb_puts(&b, "+\n");
	for (int y = 0; y < PLOT_H; y++)
		sb_printf(&b, "|%s|\n", grid[y]);
	sb_putc(&b, '+');
	sb_pad(&b, '-', (size_t)pw);
	sb_puts(&b, "+\n");
	out_printf("%s", b.s);
	sb_free(&b);
	out_printf(_("PC1 runs left to right from %.3f to %.3f, PC2 bottom to top from %.3f to %.3f\n"), lo[0], hi[0],
	           lo[1], hi[1]);
	if (unl.len)
		out_printf(_("not labelled (no room): %s\n"), unl.s);
	seq_note(s, _("words used in similar contexts get similar vectors and land close together; two "
	              "components keep only part of the %d dimensions, so 'embed near' is the better judge\n"), D);
	sb_free(&unl);
	free(cx);
	free(cy);
	free(x);
	free(p2);
	free(pick);
	return 0;
}

static const cmd_sub embed_subs[] = {
	{.name = "train",
	 .usage = "train FILE [dim=16] [window=2] [epochs=50] [neg=5] [min=2] [lr=0.05] [sample=0.001]",
	 .summary = N_("learn word vectors from a text (skip-gram, negative sampling)"),
	 .exec = cmd_embed_train,
	 .keys = (const char *const[]){"dim", "window", "epochs", "neg", "min", "lr", "sample", NULL},
	 .complete = COMPLETE_FILE},
	{.name = "near", .usage = "near WORD [k=5]", .summary = N_("the words whose vectors are closest"),
	 .exec = cmd_embed_near, .keys = (const char *const[]){"k", NULL}},
	{.name = "sim", .usage = "sim A B", .summary = N_("the cosine similarity of two words"), .exec = cmd_embed_sim},
	{.name = "plot", .usage = "plot [n=30] [WORD...]", .summary = N_("a 2-D projection with labelled points"),
	 .exec = cmd_embed_plot, .keys = (const char *const[]){"n", NULL}},
	{0},
};

const cmd_entry cmd_embed_entry = {
	.name = "embed",
	.topic = "seq",
	.usage = "embed train|near|sim|plot",
	.summary = N_("word embeddings: dense vectors whose distances mean something"),
	.help = N_("An embedding maps each word of a large vocabulary (one dimension per word, if written "
	        "one-hot) to a dense vector of a few dimensions.  'embed train FILE' learns them with "
	        "word2vec's skip-gram with negative sampling: each word's vector is pushed towards the "
	        "context vectors of the words within window= of it and away from neg= words drawn at "
	        "random, so words used in similar contexts end up with similar vectors.  Words seen fewer "
	        "than min= times are left out; a word that makes up a share f of the text is "
	        "skipped with probability 1 - (sqrt(f/sample) + 1) sample/f (word2vec's subsampling, "
	        "sample=0 for none), so that frequent words like 'the' dominate less; windows stop at "
	        "the end of a sentence.  FILE is a path, a text nnlab ships, or 'glossary', or several of them "
	        "joined by '+'.\n"
	        "\n"
	        "'embed near WORD' lists the closest words by cosine similarity, 'embed sim A B' gives the "
	        "similarity of two words, and 'embed plot' projects the vectors of the most frequent words "
	        "(or of the words named) onto their two principal components and draws them with labels.  "
	        "On texts of a few thousand words the vectors are rough: related words drift together, "
	        "but far from reliably."),
	.examples = "embed train networks+training+language+history dim=16 window=2\nembed near network\n"
	            "embed sim input output\nembed plot n=25\nembed plot query key value token word",
	.subs = embed_subs,
};
