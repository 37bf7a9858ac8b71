/* cmd-attn.c - the attn command: self-attention over a sentence, one
 * stage at a time with the real numbers, its weights as a heatmap, a JSON
 * export of every matrix, and a toy task on which attention learns where
 * to look.  The arithmetic is in core/attn.c; this file draws the inputs,
 * keeps the session state and explains. */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/plotsrc.h"
#include "cmd/seqlab.h"
#include "core/alloc.h"
#include "core/attn.h"
#include "core/flat.h"
#include "core/vocab.h"
#include "out/chart.h"
#include "out/out.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ATTN_DEMO_MAX_T 24
#define ATTN_DEMO_MAX_D 64
#define ATTN_DEMO_MAX_HEADS 8
#define ATTN_STAGES 6
#define ATTN_SHOW_COLS 12

/* The sentence being walked through. */
typedef struct attn_demo {
	char *sentence;
	wordseq ws;           /* its tokens */
	attn_shape sh;
	long seed;            /* seed=N, or -1: the session's stream */
	float *X;             /* [T][d] token embedding + position encoding */
	float *pe;            /* [T][d] the position encodings alone */
	float *W;             /* [3][d][d] Wq, Wk, Wv */
	attn_cache c;
	int stage;            /* stages shown so far, 0..6 */
} attn_demo;

/* The toy task's model and the fixed sequences it is judged on. */
typedef struct toy_state {
	attn_toy *t;
	int nval;
	int *val;             /* [nval][T] */
	double acc;           /* share of positions predicted right */
	double on_target;     /* mean weight on the position to copy from */
	double loss;          /* mean loss on val */
	long steps_wanted;
} toy_state;

static void
demo_free(attn_demo *a)
{
	if (!a)
		return;
	free(a->sentence);
	wordseq_free(&a->ws);
	free(a->X);
	free(a->pe);
	free(a->W);
	attn_cache_free(&a->c);
	free(a);
}

static void
toy_free(toy_state *ts)
{
	if (!ts)
		return;
	attn_toy_free(ts->t);
	free(ts->val);
	free(ts);
}

void
attn_state_free(seqlab *q)
{
	demo_free(q->attn);
	q->attn = NULL;
	toy_free(q->toy);
	q->toy = NULL;
}

void
attn_state_dump(const seqlab *q, strbuf *out)
{
	char hex[17];
	const attn_demo *a = q->attn;
	if (a) {
		uint64_t h = flat_checksum(FLAT_CHECKSUM_INIT, a->X, (size_t)a->sh.T * a->sh.d);
		h = flat_checksum(h, a->W, 3 * (size_t)a->sh.d * a->sh.d);
		sb_puts(out, "attn: \"");
		seq_quote(out, a->sentence, 40);
		sb_printf(out, "\" tokens=%d d=%d heads=%d causal=%s stage=%d/%d checksum=%s\n", a->sh.T, a->sh.d,
		          a->sh.heads, a->sh.causal ? "on" : "off", a->stage, ATTN_STAGES, seq_hex64(h, hex));
	}
	const toy_state *ts = q->toy;
	if (ts) {
		const attn_toy *t = ts->t;
		sb_printf(out, "attn task: %s len=%d symbols=%d d=%d steps=%ld checksum=%s\n",
		          attn_task_names[t->task], t->T, t->V, t->d, t->steps,
		          seq_hex64(flat_checksum(FLAT_CHECKSUM_INIT, t->params, t->n_params), hex));
	}
}

/* The largest weight of each row, averaged (how peaked the rows are). */
static double
mean_row_max(const float *w, int T)
{
	double s = 0;
	for (int i = 0; i < T; i++) {
		float mx = 0;
		for (int j = 0; j < T; j++)
			if (w[(size_t)i * T + j] > mx)
				mx = w[(size_t)i * T + j];
		s += mx;
	}
	return s / T;
}

int
attn_state_probe(const seqlab *q, const char *name, double *out)
{
	const attn_demo *a = q->attn;
	const toy_state *ts = q->toy;
	if (strcmp(name, "tokens") == 0)
		*out = a ? a->sh.T : 0;
	else if (strcmp(name, "d") == 0)
		*out = a ? a->sh.d : 0;
	else if (strcmp(name, "heads") == 0)
		*out = a ? a->sh.heads : 0;
	else if (strcmp(name, "stage") == 0)
		*out = a ? a->stage : 0;
	else if (strcmp(name, "max_weight") == 0)
		*out = a ? mean_row_max(a->c.weights, a->sh.T) : 0;
	else if (strcmp(name, "task_acc") == 0)
		*out = ts ? ts->acc : 0;
	else if (strcmp(name, "task_steps") == 0)
		*out = ts ? (double)ts->t->steps : 0;
	else
		return 0;
	return 1;
}

/* ==== attn SENTENCE ===================================================== */

static const char attn_usage[] = "attn SENTENCE [d=8] [heads=1] [causal] [seed=N]";

static attn_demo *
demo_get(session *s)
{
	attn_demo *a = s->seq ? s->seq->attn : NULL;
	if (!a)
		out_error("no sentence yet; start with e.g. attn \"the cat sat on the mat\"");
	return a;
}

static const char *const *
demo_labels(const attn_demo *a)
{
	return (const char *const *)a->ws.w;
}

static void
show_x(session *s, const attn_demo *a)
{
	out_printf(_("\nstage 0: X = token embedding + position encoding  [%d x %d]\n"), a->sh.T, a->sh.d);
	seq_note(s, _("each token's embedding is a random vector, the same for the same word; the position "
	              "encoding adds sin/cos waves of its position, so 'cat' first and 'cat' last differ\n"));
	seq_matrix(s, NULL, a->X, a->sh.T, a->sh.d, a->sh.d, demo_labels(a), NULL, "x", ATTN_SHOW_COLS);
}

static void
head_title(char *buf, size_t n, const char *what, const attn_demo *a, int h)
{
	if (a->sh.heads > 1)
		snprintf(buf, n, _("%s, head %d of %d:"), what, h + 1, a->sh.heads);
	else
		snprintf(buf, n, _("%s:"), what);
}

/* Softmax of each row of m [T][T] (no mask) into w: for the comparison
 * of scaled and unscaled scores. */
static void
softmax_rows(const float *m, float *w, int T, int causal, float *tmp)
{
	for (int i = 0; i < T; i++)
		attn_softmax_row(w + (size_t)i * T, m + (size_t)i * T, causal ? i + 1 : T, T, tmp);
}

static double
spread(const float *m, int T, int causal)
{
	/* the standard deviation of the visible entries */
	double s = 0, ss = 0;
	long n = 0;
	for (int i = 0; i < T; i++)
		for (int j = 0; j < (causal ? i + 1 : T); j++) {
			s += m[(size_t)i * T + j];
			ss += (double)m[(size_t)i * T + j] * m[(size_t)i * T + j];
			n++;
		}
	double mean = s / n, var = ss / n - mean * mean;
	return var > 0 ? sqrt(var) : 0;
}

/* The causal mask of T x T weights, repeated for `copies` blocks side by
 * side (malloc'd), or NULL without a mask. */
static unsigned char *
causal_mask(const attn_demo *a, int copies)
{
	int T = a->sh.T, cols = T * copies;
	if (!a->sh.causal)
		return NULL;
	unsigned char *mask = xcalloc((size_t)T * cols, 1);
	for (int i = 0; i < T; i++)
		for (int j = 0; j < cols; j++)
			mask[(size_t)i * cols + j] = j % T > i;
	return mask;
}

static void
show_weights_heatmap(const attn_demo *a, int h, const char *title)
{
	int T = a->sh.T;
	unsigned char *mask = causal_mask(a, 1);
	heatmap hm = {
		.title = title,
		.rows = T,
		.cols = T,
		.v = a->c.weights + (size_t)h * T * T,
		.row_labels = demo_labels(a),
		.col_labels = demo_labels(a),
		.mask = mask,
		.lo = 0.0,
		.hi = 1.0,
	};
	out_heatmap(&hm);
	free(mask);
}

/* The weights of head h with each row's sum in a last column. */
static void
show_weights_numbers(session *s, const attn_demo *a, int h, const char *title)
{
	int T = a->sh.T;
	float *ws = xmalloc((size_t)T * (T + 1) * sizeof *ws);
	const char **cl = xmalloc((size_t)(T + 1) * sizeof *cl);
	for (int i = 0; i < T; i++) {
		double sum = 0;
		for (int j = 0; j < T; j++) {
			ws[(size_t)i * (T + 1) + j] = a->c.weights[(size_t)h * T * T + (size_t)i * T + j];
			sum += ws[(size_t)i * (T + 1) + j];
		}
		ws[(size_t)i * (T + 1) + T] = (float)sum;
		cl[i] = a->ws.w[i];
	}
	cl[T] = _("| sum");
	seq_matrix(s, title, ws, T, T + 1, T + 1, demo_labels(a), cl, NULL, T + 1);
	free(cl);
	free(ws);
}

static void
show_stage(session *s, const attn_demo *a, int k)
{
	int T = a->sh.T, d = a->sh.d, dk = a->sh.dk, H = a->sh.heads;
	size_t tt = (size_t)T * T;
	char title[160];
	const char *const *lab = demo_labels(a);
	switch (k) {
	case 1:
		out_printf(_("\nstage 1: Q = X.Wq, K = X.Wk, V = X.Wv  [%d x %d each]\n"), T, d);
		seq_note(s, _("the query says what a token looks for, the key what it offers, the value what it "
		              "passes on; Wq, Wk and Wv are learned in a real model (here random: glorot-uniform)%s\n"),
		         H > 1 ? _("; head j uses its own d_k columns of each") : "");
		seq_matrix(s, i18n_pick("Q:", "Q："), a->c.Q, T, d, d, lab, NULL, "q", ATTN_SHOW_COLS);
		seq_matrix(s, i18n_pick("K:", "K："), a->c.K, T, d, d, lab, NULL, "k", ATTN_SHOW_COLS);
		seq_matrix(s, i18n_pick("V:", "V："), a->c.V, T, d, d, lab, NULL, "v", ATTN_SHOW_COLS);
		break;
	case 2:
		out_printf(_("\nstage 2: scores = Q.K^T  [%d x %d%s]\n"), T, T, H > 1 ? _(" per head") : "");
		seq_note(s, _("row i, column j: the dot product of token i's query with token j's key - how well "
		              "they match\n"));
		for (int h = 0; h < H; h++) {
			head_title(title, sizeof title, _("scores"), a, h);
			seq_matrix(s, title, a->c.scores + h * tt, T, T, T, lab, lab, NULL, ATTN_SHOW_COLS);
		}
		break;
	case 3: {
		out_printf(_("\nstage 3: scaled = scores / sqrt(d_k) = scores / %.4f%s\n"), sqrt((double)dk),
		           a->sh.causal ? _(", then the causal mask") : "");
		seq_note(s, _("a dot product of d_k terms grows like sqrt(d_k); unscaled, large scores push softmax "
		              "to nearly 0 and 1, where its gradient vanishes and learning stalls\n"));
		float *w = xmalloc(tt * sizeof *w);
		float *tmp = xmalloc((size_t)T * sizeof *tmp);
		for (int h = 0; h < H; h++) {
			head_title(title, sizeof title, _("scaled"), a, h);
			seq_matrix(s, title, a->c.scaled + h * tt, T, T, T, lab, lab, NULL, ATTN_SHOW_COLS);
			softmax_rows(a->c.scores + h * tt, w, T, a->sh.causal, tmp);
			double raw_max = mean_row_max(w, T);
			double sc_max = mean_row_max(a->c.weights + h * tt, T);
			out_printf(_("spread (standard deviation): scores %.3f, scaled %.3f; the largest weight of a "
			             "row averages %.3f without the division, %.3f with it\n"),
			           spread(a->c.scores + h * tt, T, a->sh.causal),
			           spread(a->c.scaled + h * tt, T, a->sh.causal), raw_max, sc_max);
		}
		if (a->sh.causal)
			seq_note(s, _("causal mask: token i may not look at later tokens, so the entries right of the "
			              "diagonal are set to -inf; softmax turns them into exactly 0\n"));
		free(w);
		free(tmp);
		break;
	}
	case 4:
		out_printf(_("\nstage 4: weights = softmax of each row of scaled\n"));
		seq_note(s, _("each weight lies between 0 and 1 and every row sums to 1: row i says how token i "
		              "divides its attention among the tokens\n"));
		for (int h = 0; h < H; h++) {
			head_title(title, sizeof title, _("weights"), a, h);
			show_weights_numbers(s, a, h, title);
			show_weights_heatmap(a, h, title);
		}
		break;
	case 5:
		out_printf(_("\nstage 5: Z = weights.V  [%d x %d%s]\n"), T, dk, H > 1 ? _(" per head") : "");
		seq_note(s, _("each token's output is the average of all value vectors, weighted by its row of "
		              "weights\n"));
		for (int h = 0; h < H; h++) {
			head_title(title, sizeof title, "Z", a, h);
			seq_matrix(s, title, a->c.Z + h * dk, T, dk, d, lab, NULL, "z", ATTN_SHOW_COLS);
		}
		break;
	case 6:
		out_printf(_("\nstage 6: Z goes on to the next layer  [%d x %d]\n"), T, d);
		if (H > 1)
			seq_matrix(s, _("Z, the heads side by side:"), a->c.Z, T, d, d, lab, NULL, "z", ATTN_SHOW_COLS);
		seq_note(s, _("in a Transformer block a projection W_O mixes the heads, Z is added to X (the residual) "
		              "and normalised, and a feed-forward layer follows; blocks are stacked.  Every row of Z "
		              "came from one matrix product over all tokens at once - unlike an RNN, which must "
		              "read the tokens one after another\n"));
		break;
	default:
		break;
	}
}

/* The embeddings, encodings and weights for a sentence: everything drawn
 * from r, in the documented order. */
static attn_demo *
demo_build(const char *sentence, wordseq *ws, const attn_shape *sh, long seed, rng_t *r)
{
	attn_demo *a = xcalloc(1, sizeof *a);
	a->sentence = xstrdup(sentence);
	a->ws = *ws;
	a->sh = *sh;
	a->seed = seed;
	int T = sh->T, d = sh->d;
	a->X = xmalloc((size_t)T * d * sizeof *a->X);
	a->pe = xmalloc((size_t)T * d * sizeof *a->pe);
	a->W = xmalloc(3 * (size_t)d * d * sizeof *a->W);
	attn_posenc(a->pe, T, d);
	/* one embedding row per distinct token, drawn at its first use */
	vocab *seen = vocab_new();
	float *emb = xmalloc((size_t)T * d * sizeof *emb);
	for (int i = 0; i < T; i++) {
		int id = vocab_find(seen, a->ws.w[i]);
		if (id < 0) {
			id = vocab_add(seen, a->ws.w[i], 0);
			for (int k = 0; k < d; k++)
				emb[(size_t)(id - 1) * d + k] = (float)rng_normal(r);
		}
		for (int k = 0; k < d; k++)
			a->X[(size_t)i * d + k] = emb[(size_t)(id - 1) * d + k] + a->pe[(size_t)i * d + k];
	}
	free(emb);
	vocab_free(seen);
	double lim = sqrt(6.0 / (2.0 * d));
	for (size_t i = 0; i < 3 * (size_t)d * d; i++)
		a->W[i] = rng_uf(r, -lim, lim);
	attn_cache_init(&a->c, sh);
	attn_forward(&a->c, a->X, a->W, a->W + (size_t)d * d, a->W + 2 * (size_t)d * d);
	return a;
}

/* Join the positional words into one sentence. */
static char *
join_words(cmd_args *a)
{
	strbuf b;
	sb_init(&b);
	for (int i = 0; i < a->argc; i++) {
		if (i < 64 && a->used[i])
			continue;
		if (b.len)
			sb_putc(&b, ' ');
		sb_puts(&b, a->argv[i]);
	}
	return sb_steal(&b);
}

static int
cmd_attn(session *s, cmd_args *a)
{
	long d, heads, seed;
	int causal = arg_flag(a, "causal");
	if (arg_long(a, "d", 8, 2, ATTN_DEMO_MAX_D, &d) < 0 ||
	    arg_long(a, "heads", 1, 1, ATTN_DEMO_MAX_HEADS, &heads) < 0 ||
	    arg_long(a, "seed", -1, 0, 2147483647L, &seed) < 0)
		return -1;
	char *sentence = join_words(a);
	if (!sentence[0]) {
		free(sentence);
		return out_error("'attn' needs a sentence, e.g. attn \"the cat sat on the mat\"; type 'help attn'");
	}
	if (d % heads != 0) {
		free(sentence);
		return out_error("d=%ld is not divisible by heads=%ld: each head gets d/heads columns; "
		                 "choose d as a multiple of %ld (e.g. d=%ld)", d, heads, heads, heads * ((d + heads - 1) / heads));
	}
	wordseq ws;
	wordseq_split(&ws, sentence, strlen(sentence));
	if (ws.n == 0) {
		wordseq_free(&ws);
		free(sentence);
		return out_error("the sentence has no tokens; give some words, e.g. attn \"the cat sat\"");
	}
	if (ws.n > ATTN_DEMO_MAX_T) {
		int n = ws.n;
		wordseq_free(&ws);
		free(sentence);
		return out_error("the sentence has %d tokens; attn shows at most %d (every matrix is tokens x tokens), "
		                 "so shorten it", n, ATTN_DEMO_MAX_T);
	}
	attn_shape sh;
	attn_shape_set(&sh, ws.n, (int)d, (int)heads, causal);
	rng_t priv;
	rng_t *r = &s->rng;
	if (seed >= 0) {
		rng_init(&priv, (uint64_t)seed);
		r = &priv;
	}
	attn_demo *dm = demo_build(sentence, &ws, &sh, seed, r);
	free(sentence);
	seqlab *q = seqlab_get(s);
	demo_free(q->attn);
	q->attn = dm;

	strbuf b;
	sb_init(&b);
	for (int i = 0; i < dm->sh.T; i++) {
		if (i)
			sb_puts(&b, " | ");
		seq_quote(&b, dm->ws.w[i], 20);
	}
	out_printf(_("self-attention over %d tokens: %s\n"), dm->sh.T, b.s);
	sb_free(&b);
	out_printf(_("d=%d, %d head%s of d_k=%d, %s; embeddings and weights drawn from %s\n"), dm->sh.d, dm->sh.heads,
	           dm->sh.heads > 1 ? "s" : "", dm->sh.dk, dm->sh.causal ? _("causal mask") : _("no mask"),
	           seed >= 0 ? _("their own stream (seed=N)") : _("the session's stream"));
	show_x(s, dm);
	seq_note(s, _("type 'attn step' for the next stage (Q, K and V), or 'attn explain' for all six\n"));
	return 0;
}

static int
cmd_attn_step(session *s, cmd_args *a)
{
	if (args_max(a, 0, "attn step") < 0)
		return -1;
	attn_demo *dm = demo_get(s);
	if (!dm)
		return -1;
	if (dm->stage >= ATTN_STAGES)
		return out_error("all %d stages are shown; 'attn explain' shows them again, 'attn weights' the weights, "
		                 "or give a new sentence", ATTN_STAGES);
	dm->stage++;
	show_stage(s, dm, dm->stage);
	if (dm->stage < ATTN_STAGES)
		seq_note(s, _("'attn step' again for stage %d\n"), dm->stage + 1);
	return 0;
}

static int
cmd_attn_explain(session *s, cmd_args *a)
{
	if (args_max(a, 0, "attn explain") < 0)
		return -1;
	attn_demo *dm = demo_get(s);
	if (!dm)
		return -1;
	show_x(s, dm);
	for (int k = 1; k <= ATTN_STAGES; k++)
		show_stage(s, dm, k);
	dm->stage = ATTN_STAGES;
	return 0;
}

static int
cmd_attn_weights(session *s, cmd_args *a)
{
	if (args_max(a, 0, "attn weights") < 0)
		return -1;
	attn_demo *dm = demo_get(s);
	if (!dm)
		return -1;
	char title[160];
	for (int h = 0; h < dm->sh.heads; h++) {
		head_title(title, sizeof title,
		           _("attention weights (row: the token looking; column: the token looked at)"), dm, h);
		show_weights_numbers(s, dm, h, title);
		show_weights_heatmap(dm, h, title);
	}
	return 0;
}

/* ==== attn export ======================================================= */

static void
json_num(strbuf *b, float v)
{
	if (isfinite(v))
		sb_printf(b, "%.9g", (double)v);
	else
		sb_puts(b, "null");
}

/* "key": [[...], ...] for m [rows][cols] with row stride ld. */
static void
json_matrix(strbuf *b, const char *key, const float *m, int rows, int cols, int ld, const char *indent)
{
	sb_printf(b, "%s\"%s\": [", indent, key);
	for (int i = 0; i < rows; i++) {
		sb_puts(b, i ? ",\n" : "\n");
		sb_printf(b, "%s  [", indent);
		for (int j = 0; j < cols; j++) {
			if (j)
				sb_puts(b, ", ");
			json_num(b, m[(size_t)i * ld + j]);
		}
		sb_putc(b, ']');
	}
	sb_printf(b, "\n%s]", indent);
}

/* One head's object: the twelve keys, with the head's columns of the
 * weights, Q, K, V and Z. */
static void
json_head(strbuf *b, const attn_demo *a, int h, const char *indent)
{
	int T = a->sh.T, d = a->sh.d, dk = a->sh.dk, off = h * dk;
	size_t tt = (size_t)T * T, dd = (size_t)d * d;
	sb_printf(b, "%s\"tokens\": [", indent);
	for (int i = 0; i < T; i++) {
		if (i)
			sb_puts(b, ", ");
		json_string(b, a->ws.w[i]);
	}
	sb_puts(b, "],\n");
	json_matrix(b, "X", a->X, T, d, d, indent);
	sb_puts(b, ",\n");
	json_matrix(b, "Wq", a->W + off, d, dk, d, indent);
	sb_puts(b, ",\n");
	json_matrix(b, "Wk", a->W + dd + off, d, dk, d, indent);
	sb_puts(b, ",\n");
	json_matrix(b, "Wv", a->W + 2 * dd + off, d, dk, d, indent);
	sb_puts(b, ",\n");
	json_matrix(b, "Q", a->c.Q + off, T, dk, d, indent);
	sb_puts(b, ",\n");
	json_matrix(b, "K", a->c.K + off, T, dk, d, indent);
	sb_puts(b, ",\n");
	json_matrix(b, "V", a->c.V + off, T, dk, d, indent);
	sb_puts(b, ",\n");
	json_matrix(b, "scores", a->c.scores + h * tt, T, T, T, indent);
	sb_puts(b, ",\n");
	json_matrix(b, "scaled", a->c.scaled + h * tt, T, T, T, indent);
	sb_puts(b, ",\n");
	json_matrix(b, "weights", a->c.weights + h * tt, T, T, T, indent);
	sb_puts(b, ",\n");
	json_matrix(b, "Z", a->c.Z + off, T, dk, d, indent);
	sb_putc(b, '\n');
}

static int
cmd_attn_export(session *s, cmd_args *a)
{
	if (args_min(a, 1, "attn export FILE.json") < 0 || args_max(a, 1, "attn export FILE.json") < 0)
		return -1;
	attn_demo *dm = demo_get(s);
	if (!dm)
		return -1;
	const char *path = a->argv[0];
	if (session_check_write(s, path) < 0)
		return -1;
	strbuf b;
	sb_init(&b);
	if (dm->sh.heads == 1) {
		sb_puts(&b, "{\n");
		json_head(&b, dm, 0, "  ");
		sb_puts(&b, "}\n");
	} else {
		sb_puts(&b, "{\n  \"heads\": [\n");
		for (int h = 0; h < dm->sh.heads; h++) {
			sb_puts(&b, "    {\n");
			json_head(&b, dm, h, "      ");
			sb_puts(&b, h + 1 < dm->sh.heads ? "    },\n" : "    }\n");
		}
		sb_puts(&b, "  ]\n}\n");
	}
	char err[NN_ERRLEN];
	int rc = file_write_atomic(path, b.s, b.len, err);
	size_t len = b.len;
	sb_free(&b);
	if (rc < 0)
		return out_error("%s; choose another file name", err);
	out_printf(_("wrote %s (%zu bytes): tokens, X, Wq, Wk, Wv, Q, K, V, scores, scaled, weights, Z%s\n"), path, len,
	           dm->sh.heads > 1 ? _(" for each head under \"heads\"") : "");
	return 0;
}

/* ==== attn train: the toy task ========================================== */

#define TOY_VAL 64

typedef struct toy_job {
	job j;
	long steps;           /* to run in this command */
	long done;
	long every;           /* report interval */
	double loss_sum;
	long loss_n;
} toy_job;

/* Judge the model on the fixed sequences: accuracy, mean weight on the
 * source position, mean loss; the cache keeps the last one's weights. */
static void
toy_judge(toy_state *ts)
{
	attn_toy *t = ts->t;
	int T = t->T;
	long good = 0;
	double on = 0, loss = 0;
	for (int k = 0; k < ts->nval; k++) {
		int c;
		loss += attn_toy_eval(t, ts->val + (size_t)k * T, &c);
		good += c;
		for (int i = 0; i < T; i++)
			on += t->cache.weights[(size_t)i * T + attn_task_src(t->task, T, i)];
	}
	ts->acc = (double)good / ((double)ts->nval * T);
	ts->on_target = on / ((double)ts->nval * T);
	ts->loss = loss / ts->nval;
}

/* The labels a, b, c, ... of the example sequence (symbols in order). */
static const char *const toy_names[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
                                        "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"};

/* The weights of the example a, b, c, ... as a heatmap description
 * (pointing into t's buffers and the label table). */
static heatmap
toy_example(attn_toy *t, const char **lab, const char *title)
{
	int T = t->T;
	int seq[ATTN_MAX_T];
	for (int i = 0; i < T; i++) {
		seq[i] = i % t->V;
		lab[i] = toy_names[seq[i]];
	}
	attn_toy_eval(t, seq, NULL);
	heatmap hm = {
		.title = title,
		.rows = T,
		.cols = T,
		.v = t->cache.weights,
		.row_labels = lab,
		.col_labels = lab,
		.lo = 0.0,
		.hi = 1.0,
	};
	return hm;
}

static void
toy_heatmap(toy_state *ts, const char *title)
{
	const char *lab[ATTN_MAX_T];
	heatmap hm = toy_example(ts->t, lab, title);
	out_heatmap(&hm);
}

static void
toy_report(toy_state *ts, toy_job *tj)
{
	toy_judge(ts);
	out_printf("%6ld  %9.4f  %8.3f  %14.3f\n", ts->t->steps, tj->loss_n ? tj->loss_sum / tj->loss_n : ts->loss,
	           ts->acc, ts->on_target);
	tj->loss_sum = 0;
	tj->loss_n = 0;
}

static int
toy_slice(session *s, job *j)
{
	toy_job *tj = (toy_job *)j;
	toy_state *ts = s->seq->toy;
	double t0 = seq_clock();
	while (tj->done < tj->steps) {
		tj->loss_sum += attn_toy_step(ts->t, &s->rng);
		tj->loss_n++;
		tj->done++;
		if (tj->done % tj->every == 0 || tj->done == tj->steps) {
			toy_report(ts, tj);
			if (s->tui)
				toy_heatmap(ts, _("attention weights while it learns"));
		}
		if (seq_clock() - t0 > SEQ_SLICE_MS)
			break;
	}
	out_progress("training attention on '%s': step %ld of %ld", attn_task_names[ts->t->task], tj->done, tj->steps);
	return tj->done < tj->steps ? JOB_MORE : JOB_DONE;
}

static void
toy_finish(session *s, job *j, int stopped, int failed)
{
	toy_job *tj = (toy_job *)j;
	toy_state *ts = s->seq->toy;
	(void)failed;
	if (stopped) {
		if (tj->loss_n)
			toy_report(ts, tj);
		out_printf(_("stopped after %ld of %ld steps; the weights learned so far are kept\n"), tj->done, tj->steps);
	}
	toy_judge(ts);
	toy_heatmap(ts, _("after training: the attention weights"));
	out_printf(_("after %ld steps: %.1f%% of positions right, %.3f of each row's weight on the right position\n"),
	           ts->t->steps, 100.0 * ts->acc, ts->on_target);
	free(tj);
}

static int
cmd_attn_train(session *s, cmd_args *a)
{
	int task;
	long steps, len, symbols, d, batch;
	double lr;
	if (args_max(a, 0, "attn train [task=reverse] [steps=300] ...") < 0 ||
	    arg_choice(a, "task", attn_task_names, ATTN_TASK_REVERSE, &task) < 0 ||
	    arg_long(a, "steps", 300, 1, 1000000, &steps) < 0 || arg_long(a, "len", 6, 2, 16, &len) < 0 ||
	    arg_long(a, "symbols", 8, 2, 26, &symbols) < 0 || arg_long(a, "d", 16, 2, 64, &d) < 0 ||
	    arg_long(a, "batch", 16, 1, 256, &batch) < 0 || arg_double(a, "lr", 0.01, 1e-6, 1.0, &lr) < 0)
		return -1;
	seqlab *q = seqlab_get(s);
	toy_free(q->toy);
	toy_state *ts = xcalloc(1, sizeof *ts);
	ts->t = attn_toy_new((enum attn_task)task, (int)symbols, (int)len, (int)d, (int)batch, lr, &s->rng);
	ts->nval = TOY_VAL;
	ts->val = xmalloc((size_t)TOY_VAL * len * sizeof *ts->val);
	for (long i = 0; i < TOY_VAL * len; i++)
		ts->val[i] = (int)rng_below(&s->rng, (uint64_t)symbols);
	ts->steps_wanted = steps;
	q->toy = ts;

	const char *what = task == ATTN_TASK_COPY      ? _("the symbol at position i itself")
	                   : task == ATTN_TASK_REVERSE ? _("the symbol at position len-1-i (the sequence reversed)")
	                                               : _("the symbol at position i-1 (position 0: the last one)");
	out_printf(_("toy task '%s': sequences of %ld symbols from a..%c; the answer at position i is %s\n"),
	           attn_task_names[task], len, (char)('a' + symbols - 1), what);
	out_printf(_("model: X = embedding + position encoding, one attention head (d=%ld), a dense layer to "
	             "%ld logits; Adam lr %g, %ld sequences a step\n"), d, symbols, lr, batch);
	seq_note(s, _("only attention moves information between positions, so to answer it must learn to look "
	              "at the right one: watch the weights sharpen\n"));
	toy_heatmap(ts, _("before training: the attention weights"));
	/* TRANSLATORS: the heading of the columns "%6ld  %9.4f  %8.3f  %14.3f":
	 * keep each word over its column (a Chinese character is two wide). */
	out_printf(_("  step       loss  accuracy  weight on source\n"));
	toy_job *tj = xcalloc(1, sizeof *tj);
	tj->steps = steps;
	tj->every = steps >= 10 ? steps / 10 : 1;
	toy_report(ts, tj);
	return seq_run_job(s, &tj->j, _("attention training"), toy_slice, toy_finish);
}

/* ==== plot sources ====================================================== */

/* `plot attn`: the sentence's weights, the heads side by side. */
static int
fill_attn(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	const attn_demo *a = s->seq ? s->seq->attn : NULL;
	if (!a)
		return out_error("there is no sentence to plot yet; give one, e.g. attn \"the cat sat on the mat\"");
	int T = a->sh.T, H = a->sh.heads, cols = T * H;
	float *v = xmalloc((size_t)T * cols * sizeof *v);
	char **names = xmalloc((size_t)cols * sizeof *names);
	for (int h = 0; h < H; h++)
		for (int j = 0; j < T; j++) {
			strbuf b;
			sb_init(&b);
			if (H > 1)
				sb_printf(&b, "%d:", h + 1);
			sb_puts(&b, a->ws.w[j]);
			names[h * T + j] = sb_steal(&b);
			for (int i = 0; i < T; i++)
				v[(size_t)i * cols + h * T + j] = a->c.weights[(size_t)h * T * T + (size_t)i * T + j];
		}
	unsigned char *mask = causal_mask(a, H);
	heatmap hm = {
		.title = H > 1 ? _("attention weights, the heads side by side") : _("attention weights"),
		.rows = T,
		.cols = cols,
		.v = v,
		.row_labels = demo_labels(a),
		.col_labels = (const char *const *)names,
		.mask = mask,
		.lo = 0.0,
		.hi = 1.0,
	};
	plot_pic_heatmap(out, &hm);
	for (int j = 0; j < cols; j++)
		free(names[j]);
	free(names);
	free(v);
	free(mask);
	return 0;
}

/* `plot attn-task`: the toy model's weights on the example a, b, c, ... */
static int
fill_attn_task(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	toy_state *ts = s->seq ? s->seq->toy : NULL;
	if (!ts)
		return out_error("no toy task trained yet; try 'attn train'");
	const char *lab[ATTN_MAX_T];
	heatmap hm = toy_example(ts->t, lab, _("attention weights on the toy task"));
	plot_pic_heatmap(out, &hm);
	return 0;
}

const plot_source plot_source_attn = {
	.name = "attn",
	.summary = N_("the attention weights of the sentence given to 'attn' (heads side by side)"),
	.fill = fill_attn,
};

const plot_source plot_source_attn_task = {
	.name = "attn-task",
	.summary = N_("the weights of the toy task of 'attn train' on the sequence a, b, c, ..."),
	.fill = fill_attn_task,
	.live = 1,
	.fed_by = toy_slice,
};

/* ==== the table entry =================================================== */

static const cmd_sub attn_subs[] = {
	{.name = "step", .usage = "step", .summary = N_("show the next stage of the computation"), .exec = cmd_attn_step},
	{.name = "explain", .usage = "explain", .summary = N_("show every stage, X to Z"), .exec = cmd_attn_explain},
	{.name = "weights", .usage = "weights", .summary = N_("the attention weights: numbers and heatmap"),
	 .exec = cmd_attn_weights},
	{.name = "export", .usage = "export FILE.json", .summary = N_("write every matrix as JSON"),
	 .exec = cmd_attn_export, .complete = COMPLETE_FILE},
	{.name = "train",
	 .usage = "train [task=reverse] [steps=300] [len=6] [symbols=8] [d=16] [batch=16] [lr=0.01]",
	 .summary = N_("a toy task on which attention learns where to look"),
	 .exec = cmd_attn_train,
	 .keys = (const char *const[]){"task", "steps", "len", "symbols", "d", "batch", "lr", NULL}},
	{0},
};

const cmd_entry cmd_attn_entry = {
	.name = "attn",
	.topic = "seq",
	.usage = attn_usage,
	.summary = N_("self-attention over a sentence, one stage at a time"),
	.help = N_("Cuts the sentence into tokens (words, punctuation, single CJK characters), gives each token "
	        "a random embedding (the same vector for the same word) plus the sinusoidal position "
	        "encoding of its place, and computes scaled dot-product self-attention with random "
	        "projection weights Wq, Wk, Wv (glorot-uniform), drawn from the session's stream or, with "
	        "seed=N, from a stream of their own.  d is the width of every vector (2 to 64), heads "
	        "splits it into heads of d/heads columns each, and 'causal' lets each token see only "
	        "itself and the tokens before it, as in a language model that predicts the next word.  "
	        "At most 24 tokens; to use a subcommand's name as the sentence, quote it.\n"
	        "\n"
	        "'attn step' then shows one stage per call: (1) Q, K and V from X; (2) the scores Q.K^T; "
	        "(3) the division by sqrt(d_k) and why it keeps softmax from saturating; (4) softmax of "
	        "each row, every row summing to 1; (5) Z = weights.V; (6) Z handed to the next layer.  "
	        "'attn explain' shows them all, 'attn weights' the weights with a heatmap (a causal mask "
	        "blanks its upper triangle), 'attn export' every matrix as JSON (see nnlab-formats(5)).\n"
	        "\n"
	        "'attn train' trains one attention layer on a toy task - copy, reverse or shift a short "
	        "sequence of symbols - where only attention can carry a symbol from one position to "
	        "another: the weights turn from a blur into a sharp pattern."),
	.examples = "attn \"the cat sat on the mat\"\nattn step\nattn explain\n"
	            "attn \"the cat sat on the mat\" d=8 heads=2 causal seed=1\nattn weights\n"
	            "attn export attn.json\nattn train task=reverse steps=300",
	.exec = cmd_attn,
	.subs = attn_subs,
	.keys = (const char *const[]){"d", "heads", "seed", NULL},
	.words = (const char *const[]){"causal", NULL},
};
