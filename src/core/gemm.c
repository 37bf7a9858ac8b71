/* gemm.c - the built-in matrix kernels (three instantiations of
 * gemm-kern.h), the dispatch between them and to a registered backend
 * (see gemm.h). */
#include <config.h>

#include "core/gemm.h"
#include "core/alloc.h"
#include "core/kern.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* k is blocked in runs of GEMM_KC: a strip of B (GEMM_KC x 16..32
 * floats) then fits in the L1 cache. */
#define GEMM_KC 256

#define SIMD_BODY "core/gemm-kern.h"
#include "core/simd-each.h"

/* ==== transposition ===================================================== */

/* bt[k][n] = B[n][k] (row stride ldb): moves data only, so it cannot
 * change a result; 8 x 8 blocks through AVX registers when available. */
static void
transpose_scalar(const float *B, int n, int k, ptrdiff_t ldb, float *bt, int j0, int k0)
{
	for (int j = j0; j < n; j++)
		for (int kk = 0; kk < k; kk++)
			bt[(ptrdiff_t)kk * n + j] = B[(ptrdiff_t)j * ldb + kk];
	for (int j = 0; j < j0; j++)
		for (int kk = k0; kk < k; kk++)
			bt[(ptrdiff_t)kk * n + j] = B[(ptrdiff_t)j * ldb + kk];
}

#ifdef SIMD_X86
__attribute__((target("avx2"))) static void
transpose_avx2(const float *B, int n, int k, ptrdiff_t ldb, float *bt)
{
	int n8 = n & ~7, k8 = k & ~7;
	for (int j = 0; j < n8; j += 8)
		for (int kk = 0; kk < k8; kk += 8) {
			const float *s = B + (ptrdiff_t)j * ldb + kk;
			__m256 r0 = _mm256_loadu_ps(s), r1 = _mm256_loadu_ps(s + ldb);
			__m256 r2 = _mm256_loadu_ps(s + 2 * ldb), r3 = _mm256_loadu_ps(s + 3 * ldb);
			__m256 r4 = _mm256_loadu_ps(s + 4 * ldb), r5 = _mm256_loadu_ps(s + 5 * ldb);
			__m256 r6 = _mm256_loadu_ps(s + 6 * ldb), r7 = _mm256_loadu_ps(s + 7 * ldb);
			__m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
			__m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
			__m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
			__m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
			__m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE);
			__m256 u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
			__m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE);
			__m256 u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
			float *d = bt + (ptrdiff_t)kk * n + j;
			_mm256_storeu_ps(d, _mm256_permute2f128_ps(u0, u4, 0x20));
			_mm256_storeu_ps(d + n, _mm256_permute2f128_ps(u1, u5, 0x20));
			_mm256_storeu_ps(d + 2 * n, _mm256_permute2f128_ps(u2, u6, 0x20));
			_mm256_storeu_ps(d + 3 * n, _mm256_permute2f128_ps(u3, u7, 0x20));
			_mm256_storeu_ps(d + 4 * n, _mm256_permute2f128_ps(u0, u4, 0x31));
			_mm256_storeu_ps(d + 5 * n, _mm256_permute2f128_ps(u1, u5, 0x31));
			_mm256_storeu_ps(d + 6 * n, _mm256_permute2f128_ps(u2, u6, 0x31));
			_mm256_storeu_ps(d + 7 * n, _mm256_permute2f128_ps(u3, u7, 0x31));
		}
	transpose_scalar(B, n, k, ldb, bt, n8, k8);
}
#endif

static void
transpose(const float *B, int n, int k, ptrdiff_t ldb, float *bt)
{
#ifdef SIMD_X86
	if (kern_level() >= KERN_AVX2) {
		transpose_avx2(B, n, k, ldb, bt);
		return;
	}
#endif
	transpose_scalar(B, n, k, ldb, bt, 0, 0);
}

/* ==== dispatch ========================================================== */

static const gemm_backend *backend;

void
gemm_set_backend(const gemm_backend *b)
{
	backend = b;
}

static int threads_depth, threads_saved;

void
gemm_threads_enter(void)
{
	if (threads_depth++ == 0 && backend && backend->threads)
		threads_saved = backend->threads(1);
}

void
gemm_threads_leave(void)
{
	if (threads_depth > 0 && --threads_depth == 0 && backend && backend->threads && threads_saved > 0)
		backend->threads(threads_saved);
}

const gemm_backend *
gemm_backend_get(void)
{
	return backend;
}

int
gemm_would_offload(int m, int n, int k, int flags)
{
	return (flags & GEMM_OFFLOAD) && backend && (long)m * n * k >= GEMM_OFFLOAD_MIN_WORK;
}

static void
gemm_run(int m, int n, int k, const float *A, ptrdiff_t sa, ptrdiff_t sk, const float *B,
         ptrdiff_t ldb, float *C, ptrdiff_t ldc, int flags)
{
	int zero = (flags & GEMM_OVERWRITE) != 0;
	KERN_CALL(gemm_run, (m, n, k, A, sa, sk, B, ldb, C, ldc, zero));
}

/* C = 0 for an empty product that overwrites. */
static void
gemm_clear(int m, int n, float *C, int ldc)
{
	for (int i = 0; i < m; i++)
		memset(C + (ptrdiff_t)i * ldc, 0, (size_t)n * sizeof *C);
}

enum gemm_op { OP_NN, OP_NT, OP_TN };

/* The cases every product shares: nothing to do, an empty sum that
 * overwrites, or a product for the backend.  1 when it is done. */
static int
gemm_special(enum gemm_op op, int m, int n, int k, const float *A, int lda, const float *B, int ldb,
             float *C, int ldc, int flags)
{
	if (m <= 0 || n <= 0)
		return 1;
	if (k <= 0) {
		if (flags & GEMM_OVERWRITE)
			gemm_clear(m, n, C, ldc);
		return 1;
	}
	if (!gemm_would_offload(m, n, k, flags))
		return 0;
	/* OpenBLAS's beta = 0 pass is slower than clearing C ourselves */
	if (flags & GEMM_OVERWRITE)
		gemm_clear(m, n, C, ldc);
	if (op == OP_NN)
		backend->nn(m, n, k, A, lda, B, ldb, 1.0f, C, ldc);
	else if (op == OP_NT)
		backend->nt(m, n, k, A, lda, B, ldb, 1.0f, C, ldc);
	else
		backend->tn(m, n, k, A, lda, B, ldb, 1.0f, C, ldc);
	return 1;
}

void
gemm_nn(int m, int n, int k, const float *A, int lda, const float *B, int ldb, float *C, int ldc,
        int flags)
{
	if (!gemm_special(OP_NN, m, n, k, A, lda, B, ldb, C, ldc, flags))
		gemm_run(m, n, k, A, lda, 1, B, ldb, C, ldc, flags);
}

void
gemm_tn(int m, int n, int k, const float *A, int lda, const float *B, int ldb, float *C, int ldc,
        int flags)
{
	if (!gemm_special(OP_TN, m, n, k, A, lda, B, ldb, C, ldc, flags))
		gemm_run(m, n, k, A, 1, lda, B, ldb, C, ldc, flags);
}

void
gemm_nt(int m, int n, int k, const float *A, int lda, const float *B, int ldb, float *C, int ldc,
        float *work, int flags)
{
	if (gemm_special(OP_NT, m, n, k, A, lda, B, ldb, C, ldc, flags))
		return;
	/* B^T [k][n], so the columns of C are contiguous in it */
	float *bt = work ? work : xmalloc((size_t)n * (size_t)k * sizeof *bt);
	transpose(B, n, k, ldb, bt);
	gemm_run(m, n, k, A, lda, 1, bt, n, C, ldc, flags);
	if (!work)
		free(bt);
}

void
gemm_colsum(float *acc, const float *x, int rows, int cols, int flags)
{
	int zero = (flags & GEMM_OVERWRITE) != 0;
	KERN_CALL(gemm_colsum, (acc, x, rows, cols, zero));
}
