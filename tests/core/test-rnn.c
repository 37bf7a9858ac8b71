/* test-rnn.c - the character RNN (core/rnn.c): the forward pass and the
 * loss against an independent double-precision implementation written
 * here, every gradient by central differences (recurrent and not), the
 * uniform model's perplexity equal to the vocabulary size, the evaluator
 * in slices equal to the evaluator at once, sampling with top_k, and
 * seeded training on a text nnlab ships lowering the perplexity below a
 * stated bound.  Links libnncore.a and -lm only. */
#include <config.h>

#include "core/rnn.h"
#include "core/vocab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/tap.h"

/* ==== the independent implementation ==================================== */

/* The summed cross-entropy of n steps of B streams (in, tgt [n][B]) from
 * the state h0 [B][H], in double with libm: the model of rnn.h written
 * out loop by loop. */
static double
ref_loss(const rnn *m, const int *in, const int *tgt, int n, int B, const float *h0)
{
	int H = m->H, V = m->V;
	double *h = malloc((size_t)B * H * sizeof *h), *nh = malloc((size_t)H * sizeof *nh);
	double *z = malloc((size_t)V * sizeof *z);
	for (int i = 0; i < B * H; i++)
		h[i] = h0[i];
	double loss = 0;
	for (int t = 0; t < n; t++) {
		for (int b = 0; b < B; b++) {
			int x = in[t * B + b];
			for (int j = 0; j < H; j++) {
				double s = (double)m->Wxh[x * H + j] + m->bh[j];
				if (m->recurrent)
					for (int k = 0; k < H; k++)
						s += h[b * H + k] * m->Whh[k * H + j];
				nh[j] = tanh(s);
			}
			memcpy(h + b * H, nh, (size_t)H * sizeof *nh);
			double mx = -INFINITY, sum = 0;
			for (int v = 0; v < V; v++) {
				double s = m->by[v];
				for (int k = 0; k < H; k++)
					s += h[b * H + k] * m->Why[k * V + v];
				z[v] = s;
				mx = fmax(mx, s);
			}
			for (int v = 0; v < V; v++)
				sum += exp(z[v] - mx);
			loss += log(sum) + mx - z[tgt[t * B + b]];
		}
	}
	free(h);
	free(nh);
	free(z);
	return loss;
}

static void
random_model(rnn *m, uint64_t seed, double scale)
{
	rng_t r;
	rng_init(&r, seed);
	for (size_t i = 0; i < m->n_params; i++)
		m->params[i] = rng_uf(&r, -scale, scale);
	if (!m->recurrent)
		memset(m->Whh, 0, (size_t)m->H * m->H * sizeof(float));
}

/* ==== forward and gradients ============================================== */

static void
test_chunk(int recurrent)
{
	enum { V = 5, H = 4, B = 2, T = 3 };
	const char *kind = recurrent ? "recurrent" : "feed-forward";
	rnn *m = rnn_new(V, H, recurrent);
	random_model(m, 11 + (uint64_t)recurrent, 0.8);
	int in[T * B] = {0, 3, 2, 2, 4, 1}, tgt[T * B] = {2, 2, 4, 1, 1, 0};
	float h0[B * H];
	rng_t r;
	rng_init(&r, 3);
	for (int i = 0; i < B * H; i++)
		h0[i] = rng_uf(&r, -0.5, 0.5);
	rnn_work w;
	rnn_work_init(&w, m, B, T);
	float h[B * H];
	memcpy(h, h0, sizeof h);
	memset(m->grads, 0, m->n_params * sizeof(float));
	double loss = rnn_chunk(m, &w, in, tgt, T, h, 1);
	double want = ref_loss(m, in, tgt, T, B, h0);
	close_enough(loss, want, 1e-5, 1e-6, recurrent ? "recurrent: loss of a chunk matches the double reference"
	                                               : "feed-forward: loss of a chunk matches the double reference");
	/* the state after the chunk: from a chunk of T steps, it must equal
	 * the reference's state; check it by continuing one more step */
	int in2[B] = {1, 0}, tgt2[B] = {3, 4};
	float hc[B * H];
	memcpy(hc, h, sizeof hc);
	double l2 = rnn_chunk(m, &w, in2, tgt2, 1, hc, 0);
	int in_all[(T + 1) * B], tgt_all[(T + 1) * B];
	memcpy(in_all, in, sizeof in);
	memcpy(in_all + T * B, in2, sizeof in2);
	memcpy(tgt_all, tgt, sizeof tgt);
	memcpy(tgt_all + T * B, tgt2, sizeof tgt2);
	close_enough(want + l2, ref_loss(m, in_all, tgt_all, T + 1, B, h0), 1e-5, 1e-6,
	             recurrent ? "recurrent: the state carries over to the next chunk"
	                       : "feed-forward: the state carries over to the next chunk");
	/* gradients of the mean loss by central differences of the reference */
	double worst = 0;
	size_t worst_i = 0;
	const float eps = 1e-3f;
	for (size_t i = 0; i < m->n_params; i++) {
		if (!recurrent && i >= (size_t)V * H && i < (size_t)V * H + (size_t)H * H)
			continue; /* W_hh is not a parameter of the feed-forward model */
		float keep = m->params[i];
		m->params[i] = keep + eps;
		double up = ref_loss(m, in, tgt, T, B, h0);
		m->params[i] = keep - eps;
		double dn = ref_loss(m, in, tgt, T, B, h0);
		m->params[i] = keep;
		double num = (up - dn) / ((double)(keep + eps) - (double)(keep - eps)) / (T * B);
		double e = fabs(num - m->grads[i]) / fmax(1e-3, fabs(num));
		if (e > worst) {
			worst = e;
			worst_i = i;
		}
	}
	ok(worst < 1e-3, "%s: every gradient matches central differences (worst relative %.2g at %zu)", kind, worst,
	   worst_i);
	if (!recurrent) {
		int zero = 1;
		for (int i = 0; i < H * H; i++)
			zero &= m->grads[V * H + i] == 0.0f;
		ok(zero, "feed-forward: W_hh gets no gradient");
	}
	rnn_work_free(&w);
	rnn_free(m);
}

/* ==== perplexity ========================================================= */

static void
test_uniform(void)
{
	/* all weights zero: every logit is 0, every character has
	 * probability 1/V, and the perplexity is V exactly */
	const int V = 37;
	rnn *m = rnn_new(V, 8, 1);
	int ids[1000];
	for (int i = 0; i < 1000; i++)
		ids[i] = (i * 7) % V;
	double nll = rnn_eval(m, ids, 1000, 1, 16, 999);
	close_enough(exp(nll), V, 1e-9, 1e-6, "the uniform model's perplexity is the vocabulary size (37)");
	nll = rnn_eval(m, ids, 1000, 4, 16, 200);
	close_enough(exp(nll), V, 1e-9, 1e-6, "... also in 4 streams");
	rnn_free(m);
}

static void
test_eval_slices(void)
{
	const int V = 6, H = 5;
	rnn *m = rnn_new(V, H, 1);
	random_model(m, 21, 0.6);
	int ids[400];
	rng_t r;
	rng_init(&r, 8);
	for (int i = 0; i < 400; i++)
		ids[i] = (int)rng_below(&r, V);
	double once = rnn_eval(m, ids, 400, 1, 7, 399);
	rnn_evaluator ev;
	rnn_eval_init(&ev, m, ids, 400, 1, 7, 399);
	int rounds = 0;
	while (!rnn_eval_run(&ev, 3))
		rounds++;
	ok(rnn_eval_mean(&ev) == once && ev.pos == 399, "the evaluator in %d slices gives the same bits as in one",
	   rounds + 1);
	rnn_eval_free(&ev);
	/* against the reference: one stream from a zero state */
	int in[399], tgt[399];
	for (int i = 0; i < 399; i++) {
		in[i] = ids[i];
		tgt[i] = ids[i + 1];
	}
	float h0[5] = {0};
	close_enough(once, ref_loss(m, in, tgt, 399, 1, h0) / 399, 1e-6, 1e-6,
	             "the mean cross-entropy of a text matches the reference");
	rnn_free(m);
}

/* ==== sampling =========================================================== */

static void
test_pick(void)
{
	const float p[5] = {0.1f, 0.4f, 0.2f, 0.2f, 0.1f};
	rng_t r;
	rng_init(&r, 1);
	int only_best = 1;
	for (int i = 0; i < 200; i++)
		only_best &= rnn_pick(p, 5, 1, &r) == 1;
	ok(only_best, "top_k=1 always picks the likeliest character");
	/* top_k=2: 0.4 and the first of the two 0.2s, in proportion 2:1 */
	int cnt[5] = {0};
	for (int i = 0; i < 30000; i++)
		cnt[rnn_pick(p, 5, 2, &r)]++;
	ok(cnt[0] == 0 && cnt[3] == 0 && cnt[4] == 0, "top_k=2 draws only among the two likeliest (ties: lower id)");
	ok(fabs(cnt[1] / 30000.0 - 2.0 / 3) < 0.02, "top_k=2 renormalises: %.3f of draws on the 0.4 entry (want 0.667)",
	   cnt[1] / 30000.0);
	memset(cnt, 0, sizeof cnt);
	for (int i = 0; i < 50000; i++)
		cnt[rnn_pick(p, 5, 0, &r)]++;
	double worst = 0;
	for (int k = 0; k < 5; k++)
		worst = fmax(worst, fabs(cnt[k] / 50000.0 - p[k]));
	ok(worst < 0.01, "without top_k the draws follow the probabilities (worst difference %.4f)", worst);
	/* temperature: probabilities sum to 1; a low one sharpens */
	rnn *m = rnn_new(4, 3, 1);
	random_model(m, 5, 1.0);
	float h[3] = {0}, h2[3] = {0}, cold[4], warm[4], tmp[4];
	rnn_step1(m, h, 2, 0.2, cold, tmp);
	rnn_step1(m, h2, 2, 1.0, warm, tmp);
	double s = 0, mc = 0, mw = 0;
	for (int k = 0; k < 4; k++) {
		s += cold[k];
		mc = fmax(mc, cold[k]);
		mw = fmax(mw, warm[k]);
	}
	ok(fabs(s - 1) < 1e-6, "sampling probabilities sum to 1");
	ok(mc > mw, "temperature 0.2 sharpens the distribution (largest %.3f against %.3f)", mc, mw);
	rnn_free(m);
}

/* ==== training on a shipped text ========================================= */

static void
test_training(void)
{
	char path[1024];
	const char *top = getenv("top_srcdir");
	snprintf(path, sizeof path, "%s/lessons/texts/training.txt", top ? top : "..");
	FILE *f = fopen(path, "rb");
	if (!f) {
		ok(1, "# SKIP %s not found (set top_srcdir)", path);
		return;
	}
	static char text[1 << 16];
	size_t len = fread(text, 1, sizeof text, f);
	fclose(f);
	symset cs;
	symset_build(&cs, text, len, 0);
	size_t L = symset_count(text, len, 0);
	int *ids = malloc(L * sizeof *ids);
	ok(symset_encode(&cs, text, len, ids) == 0, "every character of training.txt has an id");
	rng_t r;
	rng_init(&r, 1);
	rnn *m = rnn_new(cs.n, 64, 1);
	rnn_init(m, &r);
	double before = exp(rnn_eval(m, ids, L, 1, 64, L - 1));
	close_enough(before, cs.n, 0, 0.05, "untrained, the perplexity is near the uniform model's");
	optim_cfg opt;
	optim_defaults(&opt, OPT_ADAM, 0.002);
	rnn_trainer tr;
	ok(rnn_trainer_init(&tr, m, ids, L, 16, 32, &opt) == 0, "a trainer for 16 streams of 32 steps");
	for (int s = 0; s < 400; s++)
		rnn_trainer_step(&tr);
	double after = exp(rnn_eval(m, ids, L, 1, 64, L - 1));
	ok(after < 9.0, "seed 1, 64 hidden units, 400 steps on training.txt: perplexity %.3f < 9 (uniform: %d)", after,
	   cs.n);
	rnn_trainer_free(&tr);
	/* too short a text is refused */
	ok(rnn_trainer_init(&tr, m, ids, 16 * 33 - 1, 16, 32, &opt) < 0, "a text shorter than 16 x 33 is refused");
	rnn_free(m);
	free(ids);
	symset_free(&cs);
}

int
main(void)
{
	test_chunk(1);
	test_chunk(0);
	test_uniform();
	test_eval_slices();
	test_pick();
	test_training();
	return done_testing();
}
