/* gemm.h - the three float32 matrix products that backpropagation needs.
 *
 * Row-major throughout; every product ACCUMULATES into C (C's contents are
 * the starting sums: zero it, or fill it with the bias, first), unless
 * flags has GEMM_OVERWRITE, which starts the sums from +0 instead of
 * reading C (the same bits as zeroing C first, without the pass over it):
 *   gemm_nn  C[m][n] += A[m][k] . B[k][n]      y  += x . W      (forward)
 *   gemm_nt  C[m][n] += A[m][k] . B[n][k]^T    dx += dy . W^T   (backward)
 *   gemm_tn  C[m][n] += A[k][m]^T . B[k][n]    dW += x^T . dy   (backward)
 * lda, ldb, ldc are row strides in floats.
 *
 * The built-in kernels are cache-blocked and vectorised across the columns
 * of C, and every element of C is accumulated over k in increasing order
 * with fused multiply-adds, c = fma(a, b, c); blocks over k store their
 * partial sums back to C and continue.  So the scalar, AVX2 and AVX-512
 * paths (kern.h) give bit-identical results, and a row of C never depends
 * on the other rows: evaluating one sample or a batch gives the same bits.
 *
 * A faster library (CBLAS, in the separate libnnblas.a) may register
 * itself as a backend.  It is used only when the caller allows it
 * (flags has GEMM_OFFLOAD, which the layers set for weight matrices of at least
 * GEMM_OFFLOAD_MIN_WEIGHTS entries) and the product has at least
 * GEMM_OFFLOAD_MIN_WORK multiply-adds; small models therefore give the
 * same numbers with and without the backend.  Not a general BLAS: no
 * alpha/beta, no complex, no threads.
 */
#ifndef NN_CORE_GEMM_H
#define NN_CORE_GEMM_H

#define GEMM_OFFLOAD_MIN_WEIGHTS 32768L  /* 2^15 entries of W */
#define GEMM_OFFLOAD_MIN_WORK 262144L    /* 2^18 multiply-adds m*n*k */

/* flags: 0 is "accumulate, built-in kernels only" */
enum {
	GEMM_OFFLOAD = 1,    /* may go to the backend when large enough */
	GEMM_OVERWRITE = 2,  /* C = ... instead of C += ... */
};

void gemm_nn(int m, int n, int k, const float *A, int lda, const float *B, int ldb,
             float *C, int ldc, int flags);
/* gemm_nt: work holds n*k floats for the transposed B (NULL: allocated
 * here for the call). */
void gemm_nt(int m, int n, int k, const float *A, int lda, const float *B, int ldb,
             float *C, int ldc, float *work, int flags);
void gemm_tn(int m, int n, int k, const float *A, int lda, const float *B, int ldb,
             float *C, int ldc, int flags);

/* gemm_colsum: acc[j] += x[i][j] for i = 0..rows-1 in order (the bias
 * gradient db += sum of the rows of dz); with GEMM_OVERWRITE in flags the
 * sums start from +0. */
void gemm_colsum(float *acc, const float *x, int rows, int cols, int flags);

/* A backend computes the same three products, C = beta C + ..., with beta
 * 0 or 1, in any order. */
typedef struct gemm_backend {
	const char *name;
	void (*nn)(int m, int n, int k, const float *A, int lda, const float *B, int ldb, float beta, float *C,
	           int ldc);
	void (*nt)(int m, int n, int k, const float *A, int lda, const float *B, int ldb, float beta, float *C,
	           int ldc);
	void (*tn)(int m, int n, int k, const float *A, int lda, const float *B, int ldb, float beta, float *C,
	           int ldc);
	/* threads: have the backend use n threads per call and return how
	 * many it used before (NULL: it has no threads of its own) */
	int (*threads)(int n);
} gemm_backend;

/* gemm_set_backend: register b (NULL: built-in kernels only). */
void gemm_set_backend(const gemm_backend *b);
/* gemm_backend_get: the registered backend, or NULL. */
const gemm_backend *gemm_backend_get(void);
/* gemm_threads_enter / gemm_threads_leave: around a stretch in which
 * nnlab's own threads run products at the same time (data parallelism,
 * sweeps), the backend is asked for one thread per call, so the threads
 * do not compete for the cores (or queue on a threaded BLAS's lock);
 * leaving the last stretch restores the backend's count.  Call from the
 * main thread only; stretches may nest. */
void gemm_threads_enter(void);
void gemm_threads_leave(void);
/* gemm_would_offload: whether a product of this size goes to the backend. */
int gemm_would_offload(int m, int n, int k, int flags);

#endif
