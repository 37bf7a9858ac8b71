/* test-gemm.c - the built-in matrix kernels: every path against a naive
 * loop of fmaf in the same order (bit for bit), against a double
 * reference (within a stated tolerance), with strides, edges and
 * accumulation; the column sums; and when products go to a backend. */
#include <config.h>

#include "../tap.h"
#include "core/gemm.h"
#include "core/kern.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t lcg = 7;

static float
rnd(void)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (float)((double)(lcg >> 40) / (double)(1 << 24) * 2.0 - 1.0);
}

static float *
rnd_mat(size_t n)
{
	float *p = malloc((n ? n : 1) * sizeof *p);
	for (size_t i = 0; i < n; i++)
		p[i] = rnd();
	return p;
}

enum { NN, NT, TN };

/* The definition: c = fmaf(a_ik, b_kj, c) for k = 0, 1, ... */
static void
naive(int op, int m, int n, int k, const float *A, int lda, const float *B, int ldb, float *C, int ldc)
{
	for (int i = 0; i < m; i++)
		for (int j = 0; j < n; j++) {
			float c = C[i * ldc + j];
			for (int kk = 0; kk < k; kk++) {
				float a = op == TN ? A[kk * lda + i] : A[i * lda + kk];
				float b = op == NT ? B[j * ldb + kk] : B[kk * ldb + j];
				c = fmaf(a, b, c);
			}
			C[i * ldc + j] = c;
		}
}

/* The exact-enough sum in double, and sum |terms| for the error bound. */
static double
ref_double(int op, int i, int j, int k, const float *A, int lda, const float *B, int ldb, float c0,
           double *abs_sum)
{
	double s = c0, as = fabs(c0);
	for (int kk = 0; kk < k; kk++) {
		double a = op == TN ? A[kk * lda + i] : A[i * lda + kk];
		double b = op == NT ? B[j * ldb + kk] : B[kk * ldb + j];
		s += a * b;
		as += fabs(a * b);
	}
	*abs_sum = as;
	return s;
}

static void
run(int op, int m, int n, int k, const float *A, int lda, const float *B, int ldb, float *C, int ldc, int flags)
{
	if (op == NN)
		gemm_nn(m, n, k, A, lda, B, ldb, C, ldc, flags);
	else if (op == NT)
		gemm_nt(m, n, k, A, lda, B, ldb, C, ldc, NULL, flags);
	else
		gemm_tn(m, n, k, A, lda, B, ldb, C, ldc, flags);
}

/* ==== a recording backend ============================================== */

static int backend_calls;
static float backend_beta;

static void
fake(int op, int m, int n, int k, const float *A, int lda, const float *B, int ldb, float beta, float *C, int ldc)
{
	backend_calls++;
	backend_beta = beta;
	if (beta == 0)
		for (int i = 0; i < m; i++)
			memset(C + i * ldc, 0, (size_t)n * sizeof *C);
	naive(op, m, n, k, A, lda, B, ldb, C, ldc);
}

static void
fake_nn(int m, int n, int k, const float *A, int lda, const float *B, int ldb, float beta, float *C, int ldc)
{
	fake(NN, m, n, k, A, lda, B, ldb, beta, C, ldc);
}

static void
fake_nt(int m, int n, int k, const float *A, int lda, const float *B, int ldb, float beta, float *C, int ldc)
{
	fake(NT, m, n, k, A, lda, B, ldb, beta, C, ldc);
}

static void
fake_tn(int m, int n, int k, const float *A, int lda, const float *B, int ldb, float beta, float *C, int ldc)
{
	fake(TN, m, n, k, A, lda, B, ldb, beta, C, ldc);
}

static const gemm_backend fake_backend = {"fake", fake_nn, fake_nt, fake_tn};

int
main(void)
{
	static const int shapes[][3] = {
		{1, 1, 1},    {1, 7, 3},    {5, 1, 9},    {6, 16, 8},    {7, 17, 33},  {12, 3, 64},
		{32, 64, 64}, {32, 3, 64},  {64, 3, 32},  {32, 64, 3},   {2, 64, 32},  {13, 29, 257},
		{33, 50, 17}, {64, 10, 128}, {25, 40, 600}, {3, 8, 520},
	};
	const char *opname[] = {"nn", "nt", "tn"};
	int best = kern_best_level();
	for (int lv = KERN_SCALAR; lv <= best; lv++) {
		kern_set_level(lv);
		int exact = 1, close = 1;
		double worst = 0;
		for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
			int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
			for (int op = NN; op <= TN; op++) {
				/* padded strides, so the kernels must honour them */
				int lda = (op == TN ? m : k) + 3, ldb = (op == NT ? k : n) + 5, ldc = n + 2;
				int arows = op == TN ? k : m, brows = op == NT ? n : k;
				float *A = rnd_mat((size_t)arows * lda), *B = rnd_mat((size_t)brows * ldb);
				float *C = rnd_mat((size_t)m * ldc), *C0 = malloc((size_t)m * ldc * sizeof *C0);
				float *Cn = malloc((size_t)m * ldc * sizeof *Cn);
				memcpy(C0, C, (size_t)m * ldc * sizeof *C);
				memcpy(Cn, C, (size_t)m * ldc * sizeof *C);
				/* overwrite: the bits of zeroing C's block first */
				float *Co = malloc((size_t)m * ldc * sizeof *Co), *Cz = malloc((size_t)m * ldc * sizeof *Cz);
				memcpy(Co, C, (size_t)m * ldc * sizeof *C);
				memcpy(Cz, C, (size_t)m * ldc * sizeof *C);
				for (int i = 0; i < m; i++)
					memset(Cz + i * ldc, 0, (size_t)n * sizeof *Cz);
				run(op, m, n, k, A, lda, B, ldb, Co, ldc, GEMM_OVERWRITE);
				naive(op, m, n, k, A, lda, B, ldb, Cz, ldc);
				if (memcmp(Co, Cz, (size_t)m * ldc * sizeof *Co) != 0) {
					exact = 0;
					diag("%s %s %dx%dx%d overwrite differs from zero + fmaf loop", kern_level_name(lv),
					     opname[op], m, n, k);
				}
				free(Co);
				free(Cz);
				run(op, m, n, k, A, lda, B, ldb, C, ldc, GEMM_OFFLOAD);
				naive(op, m, n, k, A, lda, B, ldb, Cn, ldc);
				if (memcmp(C, Cn, (size_t)m * ldc * sizeof *C) != 0) {
					exact = 0;
					diag("%s %s %dx%dx%d differs from the fmaf loop", kern_level_name(lv), opname[op], m,
					     n, k);
				}
				for (int i = 0; i < m; i++)
					for (int j = 0; j < n; j++) {
						double as;
						double want = ref_double(op, i, j, k, A, lda, B, ldb, C0[i * ldc + j], &as);
						/* k fused steps: |error| <= k u sum|c, a b|, u = 2^-24 */
						double e = fabs(C[i * ldc + j] - want) / ((k + 1) * 0x1.0p-24 * as);
						worst = e > worst ? e : worst;
						close &= e <= 1.0;
					}
				/* the padding columns of C are untouched */
				int pad = 1;
				for (int i = 0; i < m; i++)
					for (int j = n; j < ldc; j++)
						pad &= C[i * ldc + j] == C0[i * ldc + j];
				if (!pad) {
					exact = 0;
					diag("%s %s %dx%dx%d wrote outside C", kern_level_name(lv), opname[op], m, n, k);
				}
				free(A);
				free(B);
				free(C);
				free(C0);
				free(Cn);
			}
		}
		ok(exact, "%s: all three products equal the fmaf loop bit for bit, accumulating or not (%zu shapes, strided)",
		   kern_level_name(lv), sizeof shapes / sizeof shapes[0]);
		ok(close, "%s: within k 2^-24 sum|terms| of the double products (worst %.4f of the bound)",
		   kern_level_name(lv), worst);
	}
	kern_set_level(best);

	/* degenerate sizes do nothing, or clear C when overwriting */
	{
		float a = 1, b = 2, c = 3;
		gemm_nn(0, 1, 1, &a, 1, &b, 1, &c, 1, 0);
		gemm_nt(1, 0, 1, &a, 1, &b, 1, &c, 1, NULL, 0);
		gemm_tn(1, 1, 0, &a, 1, &b, 1, &c, 1, 0);
		ok(c == 3, "an empty product leaves C alone");
		gemm_tn(1, 1, 0, &a, 1, &b, 1, &c, 1, GEMM_OVERWRITE);
		ok(c == 0, "an empty product that overwrites leaves 0");
	}
	/* a known answer */
	{
		float A[2 * 3] = {1, 2, 3, 4, 5, 6}, B[3 * 2] = {7, 8, 9, 10, 11, 12}, C[4] = {1, 1, 1, 1};
		gemm_nn(2, 2, 3, A, 3, B, 2, C, 2, 0);
		ok(C[0] == 59 && C[1] == 65 && C[2] == 140 && C[3] == 155, "[1 2 3; 4 5 6][7 8; 9 10; 11 12] + 1");
	}

	/* column sums */
	for (int lv = KERN_SCALAR; lv <= best; lv++) {
		kern_set_level(lv);
		int good = 1;
		for (int cols = 1; cols < 40; cols += 3) {
			int rows = 37;
			float *x = rnd_mat((size_t)rows * cols), *acc = rnd_mat((size_t)cols);
			float *want = malloc((size_t)cols * sizeof *want);
			for (int j = 0; j < cols; j++) {
				float s = acc[j];
				for (int i = 0; i < rows; i++)
					s += x[i * cols + j];
				want[j] = s;
			}
			gemm_colsum(acc, x, rows, cols, 0);
			good &= memcmp(acc, want, (size_t)cols * sizeof *acc) == 0;
			/* from +0, the bits of zeroing first */
			for (int j = 0; j < cols; j++) {
				float s = 0.0f;
				for (int i = 0; i < rows; i++)
					s += x[i * cols + j];
				want[j] = s;
			}
			gemm_colsum(acc, x, rows, cols, GEMM_OVERWRITE);
			good &= memcmp(acc, want, (size_t)cols * sizeof *acc) == 0;
			free(x);
			free(acc);
			free(want);
		}
		ok(good, "%s: column sums add the rows in order (onto acc, or from +0)", kern_level_name(lv));
	}
	kern_set_level(best);

	/* backend routing */
	ok(gemm_backend_get() == NULL && !gemm_would_offload(1024, 1024, 1024, 1), "no backend: never offloaded");
	gemm_set_backend(&fake_backend);
	ok(gemm_would_offload(64, 64, 64, 1), "64^3 = 2^18 multiply-adds may go to the backend");
	ok(!gemm_would_offload(64, 64, 63, 1), "fewer than 2^18 stay built in");
	ok(!gemm_would_offload(1024, 1024, 1024, 0), "offload = 0 always stays built in");
	{
		int m = 64, n = 64, k = 64;
		float *A = rnd_mat((size_t)m * k), *B = rnd_mat((size_t)k * n), *C = calloc((size_t)m * n, sizeof *C);
		backend_calls = 0;
		gemm_nn(m, n, k, A, k, B, n, C, n, 1);
		gemm_nt(m, n, k, A, k, B, k, C, n, NULL, 1);
		gemm_tn(m, n, k, A, m, B, n, C, n, 1);
		ok(backend_calls == 3 && backend_beta == 1, "large products reach the backend (%d calls, beta 1)",
		   backend_calls);
		float *Cz = calloc((size_t)m * n, sizeof *Cz);
		for (int i = 0; i < m * n; i++)
			C[i] = 1e6f;
		gemm_tn(m, n, k, A, m, B, n, C, n, GEMM_OFFLOAD | GEMM_OVERWRITE);
		naive(TN, m, n, k, A, m, B, n, Cz, n);
		ok(memcmp(C, Cz, (size_t)m * n * sizeof *C) == 0, "overwriting through the backend: C is cleared first");
		free(Cz);
		backend_calls = 0;
		gemm_nn(m, n, k, A, k, B, n, C, n, GEMM_OVERWRITE);
		gemm_nn(8, 8, 8, A, k, B, n, C, n, 1);
		ok(backend_calls == 0, "small or local products do not");
		free(A);
		free(B);
		free(C);
	}
	gemm_set_backend(NULL);
	return done_testing();
}
