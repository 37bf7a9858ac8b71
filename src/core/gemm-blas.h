/* gemm-blas.h - the CBLAS backend of the matrix products (libnnblas.a,
 * only when configure found a CBLAS: HAVE_CBLAS).  Not part of
 * libnncore.a. */
#ifndef NN_CORE_GEMM_BLAS_H
#define NN_CORE_GEMM_BLAS_H

#include "core/gemm.h"

/* gemm_blas_install: register the backend unless the environment says
 * NNLAB_BLAS=0 (then the built-in kernels do everything).  1 if
 * installed. */
int gemm_blas_install(void);
/* gemm_blas: the backend itself (for tests that compare both paths). */
const gemm_backend *gemm_blas(void);

#endif
