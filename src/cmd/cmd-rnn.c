/* cmd-rnn.c - the rnn command: a character-level RNN trained on a text,
 * its perplexity next to the uniform model's, sampling, and the memory
 * demo (a feed-forward next-character model against the RNN).  The model
 * is core/rnn.c; this file keeps the session's model, runs training,
 * sampling and evaluation as jobs, and explains. */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/plotsrc.h"
#include "cmd/seqlab.h"
#include "core/alloc.h"
#include "core/flat.h"
#include "core/rnn.h"
#include "core/vmath.h"
#include "core/vocab.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RNN_DEF_H 128
#define RNN_DEF_T 32
#define RNN_EVAL_T 64
#define RNN_HIST_MAX 2048  /* points of the loss history */

typedef struct rnn_state {
	int H, T;             /* from 'rnn new' */
	rnn *m;               /* NULL until the first training */
	symset cs;            /* the model's characters */
	rnn_trainer tr;       /* position in the text and Adam's state */
	int have_tr;
	uint64_t tr_text;     /* checksum of the text tr walks */
	char *source;         /* the text trained on last */
	double loss;          /* mean loss of the last report interval, or of
	                       * the current one so far while training runs */
	double ppl;           /* the last perplexity measured (rnn ppl) */
	int ppl_vocab;
	/* the training loss for `plot rnn-loss`: a point is the mean of
	 * `stride` steps; when RNN_HIST_MAX points are full, neighbours are
	 * merged and the stride doubles, so any length of training fits */
	double hx[RNN_HIST_MAX], hy[RNN_HIST_MAX];
	int hn;
	long stride, pend_n;
	double pend_sum;
} rnn_state;

static void
hist_reset(rnn_state *rs)
{
	rs->hn = 0;
	rs->stride = 1;
	rs->pend_n = 0;
	rs->pend_sum = 0;
}

static void
hist_add(rnn_state *rs, long step, double loss)
{
	rs->pend_sum += loss;
	if (++rs->pend_n < rs->stride)
		return;
	if (rs->hn == RNN_HIST_MAX) {
		for (int i = 0; i < RNN_HIST_MAX / 2; i++) {
			rs->hx[i] = rs->hx[2 * i + 1];
			rs->hy[i] = 0.5 * (rs->hy[2 * i] + rs->hy[2 * i + 1]);
		}
		rs->hn = RNN_HIST_MAX / 2;
		rs->stride *= 2;
	}
	rs->hx[rs->hn] = (double)step;
	rs->hy[rs->hn] = rs->pend_sum / (double)rs->pend_n;
	rs->hn++;
	rs->pend_sum = 0;
	rs->pend_n = 0;
}

static void
rs_free(rnn_state *rs)
{
	if (!rs)
		return;
	rnn_free(rs->m);
	symset_free(&rs->cs);
	if (rs->have_tr)
		rnn_trainer_free(&rs->tr);
	free(rs->source);
	free(rs);
}

void
rnn_state_free(seqlab *q)
{
	rs_free(q->rnn);
	q->rnn = NULL;
}

void
rnn_state_dump(const seqlab *q, strbuf *out)
{
	const rnn_state *rs = q->rnn;
	if (!rs)
		return;
	sb_printf(out, "rnn: hidden=%d seq=%d", rs->H, rs->T);
	if (!rs->m) {
		sb_puts(out, " untrained\n");
		return;
	}
	char hex[17];
	sb_printf(out, " vocab=%d steps=%ld source=", rs->m->V, rs->have_tr ? rs->tr.step : 0L);
	seq_quote(out, rs->source, 40);
	sb_printf(out, " checksum=%s\n", seq_hex64(rnn_checksum(rs->m), hex));
}

int
rnn_state_probe(const seqlab *q, const char *name, double *out)
{
	const rnn_state *rs = q->rnn;
	if (strcmp(name, "hidden") == 0)
		*out = rs ? rs->H : 0;
	else if (strcmp(name, "vocab") == 0)
		*out = rs && rs->m ? rs->m->V : 0;
	else if (strcmp(name, "steps") == 0)
		*out = rs && rs->have_tr ? (double)rs->tr.step : 0;
	else if (strcmp(name, "loss") == 0)
		*out = rs ? rs->loss : 0;
	else if (strcmp(name, "ppl") == 0)
		*out = rs ? rs->ppl : 0;
	else if (strcmp(name, "uniform_ppl") == 0)
		*out = rs ? rs->ppl_vocab : 0;
	else
		return 0;
	return 1;
}

static rnn_state *
rs_get(session *s, int need_model)
{
	rnn_state *rs = s->seq ? s->seq->rnn : NULL;
	if (need_model && (!rs || !rs->m)) {
		out_error("no trained RNN yet; train one first, e.g. rnn train networks steps=300");
		return NULL;
	}
	return rs;
}

/* A symbol for people: the character, or \n, \t, \xNN. */
static void
put_symbol(strbuf *b, const symset *cs, int32_t c)
{
	if (c == '\n')
		sb_puts(b, "\\n");
	else if (c == '\t')
		sb_puts(b, "\\t");
	else if (c == ' ')
		sb_puts(b, "' '");
	else if (cs->bytes || c < 0x20 || c == 0x7f)
		sb_printf(b, "\\x%02X", (unsigned)c);
	else {
		char u[5];
		size_t n = utf8_encode(c, u);
		utf8_append_safe(b, u, n, 0);
	}
}

/* The ids of text under cs; -1 after an error listing the characters
 * outside it.  label names the text in the message ("'FILE'"). */
static int
encode_known(const symset *cs, const char *label, const char *text, size_t len, int **ids, size_t *n,
             const char *what)
{
	size_t cnt = symset_count(text, len, cs->bytes);
	int *v = xmalloc((cnt ? cnt : 1) * sizeof *v);
	size_t bad = symset_encode(cs, text, len, v);
	if (bad) {
		int32_t unk[8];
		int nu = symset_unknown(cs, text, len, unk, 8);
		strbuf b;
		sb_init(&b);
		for (int i = 0; i < nu; i++) {
			sb_puts(&b, i ? " " : "");
			put_symbol(&b, cs, unk[i]);
		}
		free(v);
		out_error("%s has %zu character%s the model never saw (%s%s); %s", label, bad, bad == 1 ? "" : "s", b.s,
		          nu == 8 ? " ..." : "", what);
		sb_free(&b);
		return -1;
	}
	*ids = v;
	*n = cnt;
	return 0;
}

/* ==== rnn new =========================================================== */

static int
cmd_rnn_new(session *s, cmd_args *a)
{
	long H, T;
	if (args_max(a, 0, "rnn new [hidden=128] [seq=32]") < 0 ||
	    arg_long(a, "hidden", RNN_DEF_H, 2, RNN_MAX_H, &H) < 0 || arg_long(a, "seq", RNN_DEF_T, 1, RNN_MAX_T, &T) < 0)
		return -1;
	rnn_state *rs = xcalloc(1, sizeof *rs);
	rs->H = (int)H;
	rs->T = (int)T;
	hist_reset(rs);
	seqlab *q = seqlab_get(s);
	rs_free(q->rnn);
	q->rnn = rs;
	out_printf(_("new character RNN: %ld hidden units (tanh), backpropagation through %ld steps at a time\n"), H, T);
	seq_note(s, _("its characters and weights come from the first text it trains on: rnn train FILE\n"));
	return 0;
}

/* ==== rnn train ========================================================= */

typedef struct rnn_job {
	job j;
	long steps, done, every;
	double loss_sum;
	long loss_n;
} rnn_job;

static int
train_slice(session *s, job *j)
{
	rnn_job *rj = (rnn_job *)j;
	rnn_state *rs = s->seq->rnn;
	double t0 = seq_clock();
	while (rj->done < rj->steps) {
		double l = rnn_trainer_step(&rs->tr);
		rj->done++;
		if (!isfinite(l)) {
			out_error("the loss became %s at step %ld; lower the learning rate (lr=) or clip the gradient (clip=5)",
			          isnan(l) ? "NaN" : _("infinite"), rs->tr.step);
			return JOB_FAILED;
		}
		rj->loss_sum += l;
		rj->loss_n++;
		hist_add(rs, rs->tr.step, l);
		if (rj->done % rj->every == 0 || rj->done == rj->steps) {
			rs->loss = rj->loss_sum / rj->loss_n;
			out_printf("%6ld  %8.4f  %10.3f\n", rs->tr.step, rs->loss, exp(rs->loss));
			rj->loss_sum = 0;
			rj->loss_n = 0;
		}
		if (seq_clock() - t0 > SEQ_SLICE_MS)
			break;
	}
	double recent = rj->loss_n ? rj->loss_sum / rj->loss_n : rs->loss;
	/* the loss so far in this report's interval: the status line and
	 * rnn.loss follow the training, not only the printed reports */
	rs->loss = recent;
	out_progress("training the RNN: step %ld of %ld, loss %.3f, perplexity %.2f", rj->done, rj->steps, recent,
	             exp(recent));
	return rj->done < rj->steps ? JOB_MORE : JOB_DONE;
}

static void
train_finish(session *s, job *j, int stopped, int failed)
{
	rnn_job *rj = (rnn_job *)j;
	rnn_state *rs = s->seq->rnn;
	if (rj->loss_n)
		rs->loss = rj->loss_sum / rj->loss_n;
	if (stopped)
		out_printf(_("stopped after %ld of %ld steps; the weights learned so far are kept\n"), rj->done, rj->steps);
	if (!failed)
		out_printf(_("trained %ld steps in all; the training loss is an average over recent chunks - 'rnn ppl "
		             "FILE' measures a whole text\n"), rs->tr.step);
	free(rj);
}

static int
cmd_rnn_train(session *s, cmd_args *a)
{
	static const char usage[] = "rnn train FILE [steps=300] [lr=0.002] [batch=16] [clip=0]";
	long steps, batch;
	double lr, clip;
	if (args_min(a, 1, usage) < 0 || args_max(a, 1, usage) < 0 ||
	    arg_long(a, "steps", 300, 1, 10000000, &steps) < 0 || arg_double(a, "lr", 0.002, 1e-6, 1.0, &lr) < 0 ||
	    arg_long(a, "batch", 16, 1, RNN_MAX_B, &batch) < 0 || arg_double(a, "clip", 0, 0, 1e6, &clip) < 0)
		return -1;
	corpus c;
	if (corpus_load(a->argv[0], &c) < 0)
		return -1;
	rnn_state *cur = rs_get(s, 0);
	int H = cur ? cur->H : RNN_DEF_H, T = cur ? cur->T : RNN_DEF_T;
	/* everything is checked before the session changes */
	symset cs;
	int fresh = !cur || !cur->m;
	if (fresh) {
		if (symset_build(&cs, c.text, c.len, 0) < 0) {
			out_error("'%s' has more than %d distinct characters; an RNN over characters needs fewer - "
			          "give a text in fewer scripts", c.name, SYMSET_MAX);
			corpus_free(&c);
			return -1;
		}
	} else {
		symset_copy(&cs, &cur->cs);
	}
	int *ids;
	size_t L;
	char label[300];
	snprintf(label, sizeof label, "'%.280s'", c.name);
	if (encode_known(&cs, label, c.text, c.len, &ids, &L,
	                 _("train on a text with the model's characters, or start a new model with 'rnn new'")) < 0) {
		symset_free(&cs);
		corpus_free(&c);
		return -1;
	}
	size_t need = rnn_trainer_min_len((int)batch, T);
	if (L < need) {
		out_error("'%s' has %zu characters; %ld streams of %d steps need at least %zu; give a longer text, or "
		          "a smaller batch= or 'rnn new seq=N'", c.name, L, batch, T, need);
		free(ids);
		symset_free(&cs);
		corpus_free(&c);
		return -1;
	}

	seqlab *q = seqlab_get(s);
	if (!cur) {
		cur = xcalloc(1, sizeof *cur);
		cur->H = H;
		cur->T = T;
		hist_reset(cur);
		q->rnn = cur;
		out_printf(_("a new character RNN with %d hidden units and %d steps per chunk ('rnn new' chooses)\n"), H, T);
	}
	rnn_state *rs = cur;
	if (fresh) {
		rs->cs = cs;
		rs->m = rnn_new(cs.n, H, 1);
		rnn_init(rs->m, &s->rng);
	} else {
		symset_free(&cs);
	}
	uint64_t sum = 0;
	{
		uint64_t h = FLAT_CHECKSUM_INIT;
		for (size_t i = 0; i < c.len; i++)
			h = (h ^ (unsigned char)c.text[i]) * 0x100000001b3ULL;
		sum = h;
	}
	optim_cfg opt;
	optim_defaults(&opt, OPT_ADAM, lr);
	opt.clip = clip;
	if (rs->have_tr && rs->tr_text == sum && rs->tr.B == batch) {
		/* the same text: go on where the last training stopped */
		rs->tr.opt = opt;
	} else {
		if (rs->have_tr)
			rnn_trainer_free(&rs->tr);
		rnn_trainer_init(&rs->tr, rs->m, ids, L, (int)batch, T, &opt);
		rs->have_tr = 1;
		rs->tr_text = sum;
		hist_reset(rs);
	}
	free(ids);
	free(rs->source);
	rs->source = xstrdup(c.name);
	out_printf(_("training on '%s': %zu characters, %d distinct; %ld streams x %d steps = %ld characters a step, "
	             "Adam lr %g%s\n"), c.name, L, rs->m->V, batch, T, batch * T, lr,
	           clip > 0 ? _(", gradients clipped") : "");
	out_printf(_("a uniform model (every character equally likely) has perplexity %d, the number of characters\n"),
	           rs->m->V);
	/* TRANSLATORS: the heading of the columns "%6ld  %8.4f  %10.3f": keep
	 * each word over its column (a Chinese character is two wide). */
	out_printf(_("  step      loss  perplexity\n"));
	corpus_free(&c);
	rnn_job *rj = xcalloc(1, sizeof *rj);
	rj->steps = steps;
	rj->every = steps >= 10 ? steps / 10 : 1;
	return seq_run_job(s, &rj->j, _("RNN training"), train_slice, train_finish);
}

/* ==== rnn sample ======================================================== */

typedef struct sample_job {
	job j;
	long n, done;
	double temp;
	long top_k;
	float *h, *probs, *tmp;
	int x;                /* the last symbol fed */
	strbuf text;          /* prime + generated */
} sample_job;

static void
put_text(strbuf *b, const symset *cs, int id)
{
	int32_t c = cs->sym[id];
	if (cs->bytes) {
		char ch = (char)c;
		sb_add(b, &ch, 1);
	} else {
		char u[5];
		sb_add(b, u, utf8_encode(c, u));
	}
}

static int
sample_slice(session *s, job *j)
{
	sample_job *sj = (sample_job *)j;
	rnn_state *rs = s->seq->rnn;
	/* a slice lasts at most about 10 ms however large the network, so
	 * the workspace redraws and Ctrl-C stops the sampling at once */
	double t0 = out_clock_ms();
	for (int k = 0; k < 2000 && sj->done < sj->n; k++) {
		rnn_step1(rs->m, sj->h, sj->x, sj->temp, sj->probs, sj->tmp);
		sj->x = rnn_pick(sj->probs, rs->m->V, (int)sj->top_k, &s->rng);
		put_text(&sj->text, &rs->cs, sj->x);
		sj->done++;
		if ((k & 15) == 15 && out_clock_ms() - t0 > 10)
			break;
	}
	out_progress("sampling: %ld of %ld characters", sj->done, sj->n);
	return sj->done < sj->n ? JOB_MORE : JOB_DONE;
}

static void
sample_finish(session *s, job *j, int stopped, int failed)
{
	sample_job *sj = (sample_job *)j;
	(void)s;
	(void)failed;
	strbuf b;
	sb_init(&b);
	utf8_append_safe(&b, sj->text.s, sj->text.len, 1);
	if (!b.len || b.s[b.len - 1] != '\n')
		sb_putc(&b, '\n');
	out_printf("%s", b.s);
	if (stopped)
		out_printf(_("(stopped after %ld of %ld characters)\n"), sj->done, sj->n);
	sb_free(&b);
	sb_free(&sj->text);
	free(sj->h);
	free(sj->probs);
	free(sj->tmp);
	free(sj);
}

static int
cmd_rnn_sample(session *s, cmd_args *a)
{
	static const char usage[] = "rnn sample [n=200] [temp=0.8] [top_k=K] [prime=TEXT]";
	long n, top_k;
	double temp;
	if (args_max(a, 0, usage) < 0 || arg_long(a, "n", 200, 1, 1000000, &n) < 0 ||
	    arg_double(a, "temp", 0.8, 0.01, 10.0, &temp) < 0 || arg_long(a, "top_k", 0, 1, SYMSET_MAX, &top_k) < 0)
		return -1;
	rnn_state *rs = rs_get(s, 1);
	if (!rs)
		return -1;
	const char *prime = arg_str(a, "prime", "");
	int *pids = NULL;
	size_t np = 0;
	char label[300];
	snprintf(label, sizeof label, "prime='%.280s'", prime);
	if (prime[0] && encode_known(&rs->cs, label, prime, strlen(prime), &pids, &np,
	                             _("use characters of the text the model learned")) < 0)
		return -1;
	sample_job *sj = xcalloc(1, sizeof *sj);
	int H = rs->m->H, V = rs->m->V;
	sj->h = xcalloc((size_t)H, sizeof(float));
	sj->probs = xcalloc((size_t)V, sizeof(float));
	sj->tmp = xcalloc((size_t)(H > V ? H : V), sizeof(float));
	sj->n = n;
	sj->temp = temp;
	sj->top_k = top_k;
	sb_init(&sj->text);
	/* the state after the prime, all but its last character fed; the
	 * last one is fed by the first sampling step */
	if (np) {
		sb_puts(&sj->text, prime);
		for (size_t i = 0; i + 1 < np; i++)
			rnn_step1(rs->m, sj->h, pids[i], temp, sj->probs, sj->tmp);
		sj->x = pids[np - 1];
	} else {
		int nl = symset_index(&rs->cs, '\n');
		sj->x = nl >= 0 ? nl : 0;
	}
	free(pids);
	if (top_k > 0)
		out_printf(_("%ld characters at temperature %g, from the %ld likeliest each time:\n"), n, temp, top_k);
	else
		out_printf(_("%ld characters at temperature %g:\n"), n, temp);
	return seq_run_job(s, &sj->j, _("sampling"), sample_slice, sample_finish);
}

/* ==== rnn ppl =========================================================== */

typedef struct ppl_job {
	job j;
	int *ids;
	size_t L;
	rnn_evaluator ev;
	char *name;
} ppl_job;

static int
ppl_slice(session *s, job *j)
{
	ppl_job *pj = (ppl_job *)j;
	(void)s;
	int done = rnn_eval_run(&pj->ev, 64);
	out_progress("perplexity: %zu of %zu characters", pj->ev.pos, pj->ev.npos);
	return done ? JOB_DONE : JOB_MORE;
}

static void
ppl_finish(session *s, job *j, int stopped, int failed)
{
	ppl_job *pj = (ppl_job *)j;
	rnn_state *rs = s->seq->rnn;
	(void)failed;
	double nll = rnn_eval_mean(&pj->ev);
	int V = rs->m->V;
	if (pj->ev.pos) {
		rs->ppl = exp(nll);
		rs->ppl_vocab = V;
		out_printf(_("perplexity on '%s' (%zu predictions%s, each character from those before it):\n"), pj->name,
		           pj->ev.pos, stopped ? _(", stopped early") : "");
		/* TRANSLATORS: the two rows line up: keep the numbers at the same
		 * column (a Chinese character is two wide). */
		out_printf(_("  this RNN        %10.3f   (%.3f nats, %.3f bits per character)\n"), exp(nll), nll,
		           nll / log(2.0));
		out_printf(_("  uniform model   %10.3f   (every one of the %d characters equally likely)\n"), (double)V, V);
		seq_note(s, _("perplexity = exp(mean negative log-likelihood per character): the model is as unsure as if "
		              "it chose among that many characters at random; lower is better\n"));
	}
	free(pj->ids);
	free(pj->name);
	rnn_eval_free(&pj->ev);
	free(pj);
}

static int
cmd_rnn_ppl(session *s, cmd_args *a)
{
	if (args_min(a, 1, "rnn ppl FILE") < 0 || args_max(a, 1, "rnn ppl FILE") < 0)
		return -1;
	rnn_state *rs = rs_get(s, 1);
	if (!rs)
		return -1;
	corpus c;
	if (corpus_load(a->argv[0], &c) < 0)
		return -1;
	int *ids;
	size_t L;
	char label[300];
	snprintf(label, sizeof label, "'%.280s'", c.name);
	if (encode_known(&rs->cs, label, c.text, c.len, &ids, &L,
	                 _("its probability is 0, so the perplexity would be infinite; measure a text with the "
	                   "model's characters")) < 0) {
		corpus_free(&c);
		return -1;
	}
	if (L < 2) {
		free(ids);
		corpus_free(&c);
		return out_error("'%s' has a single character: nothing to predict; give a longer text", a->argv[0]);
	}
	ppl_job *pj = xcalloc(1, sizeof *pj);
	pj->ids = ids;
	pj->L = L;
	pj->name = xstrdup(c.name);
	corpus_free(&c);
	rnn_eval_init(&pj->ev, rs->m, pj->ids, L, 1, RNN_EVAL_T, L - 1);
	return seq_run_job(s, &pj->j, _("perplexity"), ppl_slice, ppl_finish);
}

/* ==== rnn memory ======================================================== */

typedef struct mem_job {
	job j;
	char *name;
	int *ids;
	size_t L;
	symset cs;
	rnn *ff, *rn;
	rnn_trainer tff, trn;
	rnn_evaluator eff, ern;
	int phase;            /* 0 training, 1 evaluating, 2 done */
	long steps, done, every;
	double lff, lrn;      /* loss sums of the report interval */
	long ln;
} mem_job;

static int
mem_slice(session *s, job *j)
{
	mem_job *mj = (mem_job *)j;
	(void)s;
	double t0 = seq_clock();
	for (;;) {
		if (mj->phase == 0) {
			mj->lff += rnn_trainer_step(&mj->tff);
			mj->lrn += rnn_trainer_step(&mj->trn);
			mj->ln++;
			mj->done++;
			if (mj->done % mj->every == 0 || mj->done == mj->steps) {
				out_printf("%6ld  %17.4f  %9.4f\n", mj->done, mj->lff / mj->ln, mj->lrn / mj->ln);
				mj->lff = mj->lrn = 0;
				mj->ln = 0;
			}
			if (mj->done == mj->steps)
				mj->phase = 1;
			out_progress("memory demo: training step %ld of %ld", mj->done, mj->steps);
		} else {
			int a = rnn_eval_run(&mj->eff, 16);
			int b = rnn_eval_run(&mj->ern, 16);
			out_progress("memory demo: perplexity, %zu of %zu characters", mj->ern.pos, mj->ern.npos);
			if (a && b) {
				mj->phase = 2;
				return JOB_DONE;
			}
		}
		if (seq_clock() - t0 > SEQ_SLICE_MS)
			break;
	}
	return JOB_MORE;
}

static void
mem_finish(session *s, job *j, int stopped, int failed)
{
	mem_job *mj = (mem_job *)j;
	(void)s;
	(void)failed;
	if (stopped && mj->phase == 0)
		out_printf(_("stopped during training (step %ld of %ld); measuring the models as they are\n"), mj->done,
		           mj->steps);
	if (mj->phase == 0) {
		/* evaluate now, in one go: the learner asked to stop training */
		rnn_eval_run(&mj->eff, LONG_MAX);
		rnn_eval_run(&mj->ern, LONG_MAX);
	}
	/* the frequencies of the characters alone (a unigram model), scored
	 * on the same predictions: positions 1 .. L-1 */
	long *cnt = xcalloc((size_t)mj->cs.n, sizeof *cnt);
	for (size_t i = 0; i < mj->L; i++)
		cnt[mj->ids[i]]++;
	size_t npred = mj->ern.pos;
	double uni = 0;
	for (size_t i = 1; i <= npred; i++)
		uni -= nn_log((double)cnt[mj->ids[i]] / (double)mj->L);
	uni = npred ? uni / (double)npred : 0;
	free(cnt);
	double ff = rnn_eval_mean(&mj->eff), rn = rnn_eval_mean(&mj->ern);
	out_printf(_("perplexity on '%s' (%zu predictions%s):\n"), mj->name, npred,
	           mj->ern.pos < mj->ern.npos ? _(", stopped early") : "");
	/* TRANSLATORS: the four rows line up: keep the numbers at the same
	 * column (a Chinese character is two wide). */
	out_printf(_("  uniform: every character equally likely       %9.3f\n"), (double)mj->cs.n);
	out_printf(_("  character frequencies alone                   %9.3f\n"), exp(uni));
	out_printf(_("  feed-forward: sees the current character      %9.3f\n"), exp(ff));
	out_printf(_("  RNN: carries a hidden state                   %9.3f\n"), exp(rn));
	seq_note(s, _("the feed-forward model can only learn which character tends to follow which; the RNN's "
	              "state remembers the characters before, so it can learn whole words.  But that state is "
	              "why an RNN is slow to train: h_t needs h_t-1, so the %d steps of a chunk run one after "
	              "another, while attention (and the feed-forward model) handle all positions in one matrix "
	              "product\n"), mj->trn.T);
	rnn_trainer_free(&mj->tff);
	rnn_trainer_free(&mj->trn);
	rnn_eval_free(&mj->eff);
	rnn_eval_free(&mj->ern);
	rnn_free(mj->ff);
	rnn_free(mj->rn);
	symset_free(&mj->cs);
	free(mj->ids);
	free(mj->name);
	free(mj);
}

static int
cmd_rnn_memory(session *s, cmd_args *a)
{
	static const char usage[] = "rnn memory FILE [steps=1000] [hidden=64] [seq=32] [lr=0.002]";
	long steps, H, T;
	double lr;
	if (args_min(a, 1, usage) < 0 || args_max(a, 1, usage) < 0 ||
	    arg_long(a, "steps", 1000, 1, 1000000, &steps) < 0 || arg_long(a, "hidden", 64, 2, RNN_MAX_H, &H) < 0 ||
	    arg_long(a, "seq", RNN_DEF_T, 1, RNN_MAX_T, &T) < 0 || arg_double(a, "lr", 0.002, 1e-6, 1.0, &lr) < 0)
		return -1;
	corpus c;
	if (corpus_load(a->argv[0], &c) < 0)
		return -1;
	mem_job *mj = xcalloc(1, sizeof *mj);
	if (symset_build(&mj->cs, c.text, c.len, 0) < 0) {
		out_error("'%s' has more than %d distinct characters; give a text in fewer scripts", c.name, SYMSET_MAX);
		corpus_free(&c);
		free(mj);
		return -1;
	}
	mj->L = symset_count(c.text, c.len, 0);
	const int B = 16;
	if (mj->L < rnn_trainer_min_len(B, (int)T)) {
		out_error("'%s' has %zu characters; %d streams of %ld steps need at least %zu; give a longer text",
		          c.name, mj->L, B, T, rnn_trainer_min_len(B, (int)T));
		symset_free(&mj->cs);
		corpus_free(&c);
		free(mj);
		return -1;
	}
	mj->ids = xmalloc(mj->L * sizeof *mj->ids);
	symset_encode(&mj->cs, c.text, c.len, mj->ids);
	mj->name = xstrdup(c.name);
	corpus_free(&c);
	/* both models start from the same draws: only W_hh tells them apart */
	int V = mj->cs.n;
	mj->ff = rnn_new(V, (int)H, 0);
	mj->rn = rnn_new(V, (int)H, 1);
	rng_t copy = s->rng;
	rnn_init(mj->ff, &copy);
	rnn_init(mj->rn, &s->rng);
	optim_cfg opt;
	optim_defaults(&opt, OPT_ADAM, lr);
	rnn_trainer_init(&mj->tff, mj->ff, mj->ids, mj->L, B, (int)T, &opt);
	rnn_trainer_init(&mj->trn, mj->rn, mj->ids, mj->L, B, (int)T, &opt);
	rnn_eval_init(&mj->eff, mj->ff, mj->ids, mj->L, 1, RNN_EVAL_T, mj->L - 1);
	rnn_eval_init(&mj->ern, mj->rn, mj->ids, mj->L, 1, RNN_EVAL_T, mj->L - 1);
	mj->steps = steps;
	mj->every = steps >= 10 ? steps / 10 : 1;
	out_printf(_("memory demo on '%s': %zu characters, %d distinct\n"), mj->name, mj->L, V);
	out_printf(_("both models: %ld hidden units, the same initial weights, %ld Adam steps (lr %g) of %d x %ld "
	             "characters; the feed-forward one has no W_hh\n"), H, steps, lr, B, T);
	/* TRANSLATORS: the heading of the columns "%6ld  %17.4f  %9.4f": keep
	 * each word over its column (a Chinese character is two wide). */
	out_printf(_("  step  feed-forward loss   RNN loss\n"));
	return seq_run_job(s, &mj->j, _("memory demo"), mem_slice, mem_finish);
}

/* ==== for quantisation (cmd-quant.c) ==================================== */

rnn *
rnn_trained_model(session *s, const char **source)
{
	rnn_state *rs = s->seq ? s->seq->rnn : NULL;
	if (!rs || !rs->m)
		return NULL;
	if (source)
		*source = rs->source;
	return rs->m;
}

int
rnn_text_nll(session *s, const char *name, size_t max, double *nll, size_t *npred)
{
	rnn_state *rs = rs_get(s, 1);
	if (!rs)
		return -1;
	corpus c;
	if (corpus_load(name, &c) < 0)
		return -1;
	int *ids;
	size_t L;
	char label[300];
	snprintf(label, sizeof label, "'%.280s'", c.name);
	int rc = encode_known(&rs->cs, label, c.text, c.len, &ids, &L,
	                      _("the perplexity would be infinite; give text=FILE with the model's characters"));
	corpus_free(&c);
	if (rc < 0)
		return -1;
	if (L < 2) {
		free(ids);
		return out_error("'%s' has a single character: nothing to predict; give a longer text", name);
	}
	size_t n = L - 1 < max ? L - 1 : max;
	rnn_evaluator ev;
	rnn_eval_init(&ev, rs->m, ids, L, 1, RNN_EVAL_T, n);
	while (!rnn_eval_run(&ev, 64))
		;
	*nll = rnn_eval_mean(&ev);
	*npred = ev.pos;
	rnn_eval_free(&ev);
	free(ids);
	return 0;
}

/* ==== plot source ======================================================= */

/* `plot rnn-loss`: the training loss, with the uniform model's ln V. */
static int
fill_rnn_loss(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	const rnn_state *rs = s->seq ? s->seq->rnn : NULL;
	if (!rs || rs->hn == 0)
		return out_error("the RNN has not trained yet; try 'rnn train networks'");
	double ux[2] = {rs->hx[0], rs->hx[rs->hn - 1]};
	double uv = log((double)rs->m->V), uy[2] = {uv, uv};
	chart_series ser[2] = {
		{.name = _("training loss"), .x = rs->hx, .y = rs->hy, .n = (size_t)rs->hn},
		{.name = _("uniform model: ln V"), .x = ux, .y = uy, .n = 2},
	};
	chart c = {.kind = CHART_LINE, .title = _("RNN training: loss per character (nats)"), .xlabel = _("step"),
	           .ylabel = _("loss"), .series = ser, .nseries = 2};
	plot_pic_chart(out, &c);
	return 0;
}

const plot_source plot_source_rnn_loss = {
	.name = "rnn-loss",
	.summary = N_("the RNN's training loss per step, and the uniform model's"),
	.fill = fill_rnn_loss,
	.live = 1,
	.fed_by = train_slice,
};

static const cmd_sub rnn_subs[] = {
	{.name = "new", .usage = "new [hidden=128] [seq=32]", .summary = N_("a new, untrained character RNN"),
	 .exec = cmd_rnn_new, .keys = (const char *const[]){"hidden", "seq", NULL}},
	{.name = "train", .usage = "train FILE [steps=300] [lr=0.002] [batch=16] [clip=0]",
	 .summary = N_("train by truncated backpropagation through time"), .exec = cmd_rnn_train,
	 .keys = (const char *const[]){"steps", "lr", "batch", "clip", NULL}, .complete = COMPLETE_FILE},
	{.name = "sample", .usage = "sample [n=200] [temp=0.8] [top_k=K] [prime=TEXT]",
	 .summary = N_("generate text, one character at a time"), .exec = cmd_rnn_sample,
	 .keys = (const char *const[]){"n", "temp", "top_k", "prime", NULL}},
	{.name = "ppl", .usage = "ppl FILE", .summary = N_("perplexity on a text, next to the uniform model's"),
	 .exec = cmd_rnn_ppl, .complete = COMPLETE_FILE},
	{.name = "memory", .usage = "memory FILE [steps=1000] [hidden=64] [seq=32] [lr=0.002]",
	 .summary = N_("a feed-forward model against the RNN: why memory matters"), .exec = cmd_rnn_memory,
	 .keys = (const char *const[]){"steps", "hidden", "seq", "lr", NULL}, .complete = COMPLETE_FILE},
	{0},
};

const cmd_entry cmd_rnn_entry = {
	.name = "rnn",
	.topic = "seq",
	.usage = "rnn new|train|sample|ppl|memory",
	.summary = N_("a character-level RNN: training, sampling, perplexity"),
	.help = N_("A vanilla recurrent network reads a text one character at a time: h_t = tanh(x_t.W_xh + "
	        "h_t-1.W_hh + b_h), and predicts the next character from h_t through a dense layer and "
	        "softmax.  'rnn new' sets the hidden size and how many steps backpropagation goes back "
	        "(truncated BPTT); 'rnn train FILE' takes the characters of the text as the vocabulary, "
	        "draws the weights from the session's stream (uniform in +-1/sqrt(hidden)) and trains with "
	        "Adam on batch= streams cut from the text, each read in chunks of seq characters, the "
	        "state carried from chunk to chunk - the W3 workload of the bench.  The loss and its "
	        "perplexity are shown as it trains; Ctrl-C or 'stop' ends training and keeps the weights.  "
	        "Training the same text again goes on where it stopped.\n"
	        "\n"
	        "'rnn ppl FILE' measures exp(mean negative log-likelihood per character) over a whole text "
	        "read from the start, next to the uniform model's, which equals the number of characters.  "
	        "'rnn sample' generates text: temp= below 1 sharpens the distribution, above 1 flattens "
	        "it; top_k= keeps only the k likeliest characters; prime= feeds a beginning.  'rnn memory "
	        "FILE' trains a feed-forward model that sees only the current character and an RNN of the "
	        "same size from the same weights, and compares their perplexities.\n"
	        "\n"
	        "FILE is a path, a text nnlab ships (networks, training, language, history, zh-networks) "
	        "or 'glossary'; several joined by '+' (networks+training) are read one after another; "
	        "any UTF-8 text works."),
	.examples = "rnn new hidden=64 seq=32\nrnn train networks+training steps=300\nrnn sample n=200 temp=0.8\n"
	            "rnn sample prime=\"the \" top_k=5\nrnn ppl training\nrnn memory networks+training steps=600",
	.subs = rnn_subs,
};
