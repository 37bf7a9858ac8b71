/* gemm-blas.c - a CBLAS (OpenBLAS) backend for the matrix products,
 * built as its own library, libnnblas.a, so that libnncore.a never depends
 * on a BLAS.  nnlab and the bench call gemm_blas_install(); the core then
 * sends large products of large layers here (gemm.h says which).  Not
 * built when configure found no CBLAS or was given --without-blas.
 */
#include <config.h>

#include "core/gemm-blas.h"
#include "core/gemm.h"

#include <cblas.h>
#include <stdlib.h>
#include <string.h>

static void
blas_nn(int m, int n, int k, const float *A, int lda, const float *B, int ldb, float beta, float *C,
        int ldc)
{
	cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, A, lda, B, ldb, beta, C, ldc);
}

static void
blas_nt(int m, int n, int k, const float *A, int lda, const float *B, int ldb, float beta, float *C,
        int ldc)
{
	cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0f, A, lda, B, ldb, beta, C, ldc);
}

static void
blas_tn(int m, int n, int k, const float *A, int lda, const float *B, int ldb, float beta, float *C,
        int ldc)
{
	cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, k, 1.0f, A, lda, B, ldb, beta, C, ldc);
}

#if defined(HAVE_OPENBLAS_SET_NUM_THREADS) && defined(HAVE_OPENBLAS_GET_NUM_THREADS)
static int
blas_threads(int n)
{
	int before = openblas_get_num_threads();
	openblas_set_num_threads(n);
	return before;
}
#else
#define blas_threads NULL
#endif

static const gemm_backend blas_backend = {"cblas", blas_nn, blas_nt, blas_tn, blas_threads};

const gemm_backend *
gemm_blas(void)
{
	return &blas_backend;
}

int
gemm_blas_install(void)
{
	const char *env = getenv("NNLAB_BLAS");
	if (env && strcmp(env, "0") == 0) {
		gemm_set_backend(NULL);
		return 0;
	}
	gemm_set_backend(&blas_backend);
	return 1;
}
