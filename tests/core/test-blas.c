/* test-blas.c - the CBLAS backend against the built-in kernels: the same
 * products within a stated tolerance (a BLAS sums in its own order), the
 * W2-sized layers routed to it and small ones not, and NNLAB_BLAS=0
 * turning it off.  Built only when configure found a CBLAS. */
#include <config.h>

#include "../tap.h"
#include "core/gemm-blas.h"
#include "core/gemm.h"
#include "core/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint64_t lcg = 3;

static float
rnd(void)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (float)((double)(lcg >> 40) / (double)(1 << 24) * 2.0 - 1.0);
}

int
main(void)
{
	const gemm_backend *b = gemm_blas();
	static const int shapes[][3] = {{64, 256, 784}, {784, 256, 64}, {64, 128, 256}, {256, 128, 64}, {37, 91, 113}};
	const char *opname[] = {"nn", "nt", "tn"};
	for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
		int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
		for (int op = 0; op < 3; op++) {
			size_t na = (size_t)m * k, nb = (size_t)k * n, nc = (size_t)m * n;
			float *A = malloc(na * sizeof *A), *B = malloc(nb * sizeof *B);
			float *C1 = malloc(nc * sizeof *C1), *C2 = malloc(nc * sizeof *C2);
			for (size_t i = 0; i < na; i++)
				A[i] = rnd();
			for (size_t i = 0; i < nb; i++)
				B[i] = rnd();
			for (size_t i = 0; i < nc; i++)
				C1[i] = C2[i] = rnd();
			int lda = op == 2 ? m : k, ldb = op == 1 ? k : n;
			if (op == 0) {
				gemm_nn(m, n, k, A, lda, B, ldb, C1, n, 0);
				b->nn(m, n, k, A, lda, B, ldb, 1.0f, C2, n);
			} else if (op == 1) {
				gemm_nt(m, n, k, A, lda, B, ldb, C1, n, NULL, 0);
				b->nt(m, n, k, A, lda, B, ldb, 1.0f, C2, n);
			} else {
				gemm_tn(m, n, k, A, lda, B, ldb, C1, n, 0);
				b->tn(m, n, k, A, lda, B, ldb, 1.0f, C2, n);
			}
			/* terms in [-1, 1] of random sign: each sum strays from the
			 * exact one by about sqrt(k) roundings of partial sums of size
			 * sqrt(k); we allow 2 k sqrt(k) 2^-24 on the difference */
			double worst = 0, bound = 2.0 * k * 0x1.0p-24 * sqrt((double)k);
			for (size_t i = 0; i < nc; i++)
				worst = fmax(worst, fabs(C1[i] - C2[i]) / bound);
			ok(worst <= 1.0, "cblas %s %dx%dx%d agrees with the built-in kernels (worst %.3f of the bound %.2g)",
			   opname[op], m, n, k, worst, bound);
			free(A);
			free(B);
			free(C1);
			free(C2);
		}
	}
	unsetenv("NNLAB_BLAS");
	ok(gemm_blas_install() == 1 && gemm_backend_get() == b, "installed");
	model *m = model_new(784);
	model_add_dense(m, 256, ACT_RELU, INIT_HE, 0);
	model_add_dense(m, 128, ACT_RELU, INIT_HE, 0);
	model_add_dense(m, 10, ACT_IDENTITY, INIT_HE, 0);
	ok(layer_offload(&m->layers[0]) == GEMM_OFFLOAD && layer_offload(&m->layers[1]) && !layer_offload(&m->layers[2]),
	   "W2's 784x256 and 256x128 layers may use it, the 128x10 layer not");
	ok(gemm_would_offload(64, 256, 784, 1) && !gemm_would_offload(64, 10, 128, 1), "by size of product");
	model_free(m);
	m = model_new(2);
	model_add_dense(m, 64, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 64, ACT_TANH, INIT_GLOROT, 0);
	ok(!layer_offload(&m->layers[0]) && !layer_offload(&m->layers[1]), "W1's layers never use it");
	model_free(m);
	setenv("NNLAB_BLAS", "0", 1);
	ok(gemm_blas_install() == 0 && gemm_backend_get() == NULL, "NNLAB_BLAS=0 keeps the built-in kernels");
	return done_testing();
}
