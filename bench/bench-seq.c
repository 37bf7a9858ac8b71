/* bench-seq.c - the sequence workloads of the bench, W3 (a character
 * RNN trained by truncated BPTT with Adam) and W4 (single-head
 * self-attention forward), exactly as ../shared/bench/WORKLOADS.md
 * sections 4 and 5 specify them, timed by its median-per-unit protocol
 * and printed in its line format.
 *
 *   bench-seq [W3|W4|all] [--check]
 *
 * --check compares the results with the reference values of WORKLOADS.md
 * section 7 and exits 1 if one is outside its tolerance (77 when the W3
 * word list is missing, so a test harness can report a skip).  Uses the
 * numeric core (libnncore.a) and nothing else; not a test of speed.
 */
#include <config.h>

#include "core/attn.h"
#include "core/kern.h"
#include "core/rnn.h"
#include "core/vocab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define W3_DICT "/usr/share/dict/words"

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static int failures;

static void
check(const char *what, double got, double want, double abs_tol, double rel_tol)
{
	double d = fabs(got - want);
	int good = d <= abs_tol + rel_tol * fabs(want);
	printf("# check %s: got %.6f, want %.6f (diff %.3g): %s\n", what, got, want, d, good ? "ok" : "FAILED");
	failures += !good;
}

/* ==== W3 ================================================================ */

/* Every 8th line of the word list (0-based index divisible by 8), each
 * with its newline.  NULL if the file cannot be read. */
static char *
w3_text(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *raw = malloc(cap);
	size_t got;
	while (raw && (got = fread(raw + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			raw = realloc(raw, cap);
		}
	}
	fclose(f);
	if (!raw)
		return NULL;
	char *out = malloc(n + 1);
	size_t o = 0, line = 0, start = 0;
	for (size_t i = 0; i < n; i++) {
		if (raw[i] != '\n')
			continue;
		if (line % 8 == 0) {
			memcpy(out + o, raw + start, i - start + 1);
			o += i - start + 1;
		}
		line++;
		start = i + 1;
	}
	/* a last line without its newline still counts as a line */
	if (start < n && line % 8 == 0) {
		memcpy(out + o, raw + start, n - start);
		o += n - start;
		out[o++] = '\n';
	}
	free(raw);
	*len = o;
	return out;
}

static int
w3(int do_check)
{
	const int H = 128, B = 16, T = 32, STEPS = 300;
	size_t L;
	char *text = w3_text(W3_DICT, &L);
	if (!text) {
		printf("# W3 skipped: %s is missing (Debian package wamerican)\n", W3_DICT);
		return 77;
	}
	symset cs;
	symset_build(&cs, text, L, 1);
	int V = cs.n;
	int *ids = malloc(L * sizeof *ids);
	symset_encode(&cs, text, L, ids);
	rng_t r;
	rng_init(&r, 3);
	rnn *m = rnn_new(V, H, 1);
	rnn_init(m, &r);
	size_t S = L / B;
	long C = (long)((S - 1) / T);
	double ppl0 = exp(rnn_eval(m, ids, L, B, T, (size_t)C * T));
	optim_cfg opt;
	optim_defaults(&opt, OPT_ADAM, 2e-3);
	rnn_trainer tr;
	rnn_trainer_init(&tr, m, ids, L, B, T, &opt);
	double *st = malloc(STEPS * sizeof *st);
	double loss = 0, t_start = now();
	for (int s = 0; s < STEPS; s++) {
		double t0 = now();
		loss = rnn_trainer_step(&tr);
		st[s] = now() - t0;
	}
	double wall = now() - t_start;
	double med = median(st, STEPS);
	double ppl1 = exp(rnn_eval(m, ids, L, B, T, (size_t)C * T));
	printf("workload=W3 peer=nnlab seconds=%.6f metric=tokens_per_s value=%.1f final_ppl=%.4f "
	       "initial_ppl=%.4f last_step_loss=%.5f wall_s=%.4f wall_tokens_per_s=%.1f vocab=%d "
	       "text_bytes=%zu text_src=%s simd=%s\n",
	       med * STEPS, B * T / med, ppl1, ppl0, loss, wall, B * T * (double)STEPS / wall, V, L, W3_DICT,
	       kern_level_name(kern_level()));
	if (do_check) {
		check("W3 vocab", V, 66, 0, 0);
		check("W3 text_bytes", (double)L, 122681, 0, 0);
		check("W3 initial_ppl", ppl0, 66.0676, 0, 1e-4);
		check("W3 final_ppl", ppl1, 12.4923, 0, 0.015);
	}
	rnn_trainer_free(&tr);
	rnn_free(m);
	symset_free(&cs);
	free(st);
	free(ids);
	free(text);
	return 0;
}

/* ==== W4 ================================================================ */

static void
w4(int do_check)
{
	const int T = 64, D = 64, REPS = 10000, BLK = 100;
	rng_t r;
	rng_init(&r, 4);
	float *X = malloc((size_t)T * D * sizeof *X);
	float *W = malloc(3 * (size_t)D * D * sizeof *W);
	for (int i = 0; i < T * D; i++)
		X[i] = rng_uf(&r, -1.0, 1.0);
	for (int i = 0; i < 3 * D * D; i++)
		W[i] = rng_uf(&r, -0.125, 0.125);
	attn_shape sh;
	attn_shape_set(&sh, T, D, 1, 0);
	attn_cache c;
	attn_cache_init(&c, &sh);
	double blk[REPS / BLK];
	double t_start = now();
	for (int b = 0; b < REPS / BLK; b++) {
		double t0 = now();
		for (int i = 0; i < BLK; i++)
			attn_forward(&c, X, W, W + D * D, W + 2 * D * D);
		blk[b] = now() - t0;
	}
	double wall = now() - t_start;
	double us = median(blk, REPS / BLK) / BLK * 1e6;
	double sum = 0.0;
	for (int i = 0; i < T * D; i++)
		sum += c.Z[i];
	double flops = 5.0 * 2 * T * D * D;
	printf("workload=W4 peer=nnlab seconds=%.6f metric=us_per_forward value=%.3f gflops=%.2f wall_s=%.4f "
	       "wall_us_per_forward=%.3f checksum=%.6f o00=%.6f simd=%s\n",
	       us * 1e-6 * REPS, us, flops / us / 1e3, wall, wall / REPS * 1e6, sum, c.Z[0],
	       kern_level_name(kern_level()));
	if (do_check) {
		check("W4 checksum", sum, -9.861286, 1e-4, 0);
		check("W4 o00", c.Z[0], -0.075009, 1e-5, 0);
	}
	attn_cache_free(&c);
	free(X);
	free(W);
}

int
main(int argc, char **argv)
{
	const char *which = "all";
	int do_check = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--check") == 0)
			do_check = 1;
		else if (strcmp(argv[i], "W3") == 0 || strcmp(argv[i], "W4") == 0 || strcmp(argv[i], "all") == 0)
			which = argv[i];
		else {
			fprintf(stderr, "usage: bench-seq [W3|W4|all] [--check]\n");
			return 2;
		}
	}
	printf("# peer=nnlab simd=%s threads=1\n", kern_level_name(kern_level()));
	int skipped = 0;
	if (strcmp(which, "W4") != 0)
		skipped = w3(do_check) == 77;
	if (strcmp(which, "W3") != 0)
		w4(do_check);
	if (failures)
		return 1;
	return skipped && strcmp(which, "W3") == 0 ? 77 : 0;
}
