/* gemm-kern.h - the body of the built-in matrix kernels, written once in
 * the vocabulary of simd-isa.h and included by gemm.c once per
 * instruction set.  Not a header to include anywhere else.
 *
 * A tile of C, mr rows by up to GEMM_NV vectors, stays in registers while
 * k runs from k0 to k0+kc-1; then it is stored and the next k block loads
 * it again.  Every element thus sees c = fma(a_ik, b_kj, c) for k in
 * increasing order, however the loops are blocked.  A's element (r, kk)
 * is at a[r*sa + kk*sk], which covers A (sa = lda, sk = 1) and A^T
 * (sa = 1, sk = lda) alike; B's rows are contiguous.
 */

#undef GEMM_MR
#undef GEMM_NV
#if SIMD_ISA == 0
#define GEMM_MR 4
#define GEMM_NV 4
#elif SIMD_ISA == 1
#define GEMM_MR 6
#define GEMM_NV 2
#else
#define GEMM_MR 8
#define GEMM_NV 2
#endif

static inline __attribute__((always_inline)) void
KN(gemm_tile)(const int mr, const int nvf, const int part, int cnt, int kc,
              const float *a, ptrdiff_t sa, ptrdiff_t sk, const float *b, ptrdiff_t ldb,
              float *c, ptrdiff_t ldc, int zero)
{
	V acc[12][4];
	const int nv = nvf + part;
#pragma GCC unroll 16
	for (int r = 0; r < mr; r++) {
#pragma GCC unroll 4
		for (int v = 0; v < nvf; v++)
			acc[r][v] = zero ? VZERO : VLD(c + r * ldc + v * VW);
		if (part)
			acc[r][nvf] = zero ? VZERO : VLDM(c + r * ldc + nvf * VW, cnt);
	}
	for (int kk = 0; kk < kc; kk++) {
		V bv[4];
#pragma GCC unroll 4
		for (int v = 0; v < nvf; v++)
			bv[v] = VLD(b + v * VW);
		if (part)
			bv[nvf] = VLDM(b + nvf * VW, cnt);
#pragma GCC unroll 16
		for (int r = 0; r < mr; r++) {
			V ar = VSET(a[r * sa]);
#pragma GCC unroll 4
			for (int v = 0; v < nv; v++)
				acc[r][v] = VFMA(ar, bv[v], acc[r][v]);
		}
		a += sk;
		b += ldb;
	}
#pragma GCC unroll 16
	for (int r = 0; r < mr; r++) {
#pragma GCC unroll 4
		for (int v = 0; v < nvf; v++)
			VST(c + r * ldc + v * VW, acc[r][v]);
		if (part)
			VSTM(c + r * ldc + nvf * VW, acc[r][nvf], cnt);
	}
}

/* One tile of any shape: constant arguments for the inlined kernel. */
#define GEMM_T(R, F, P) KN(gemm_tile)(R, F, P, cnt, kc, a, sa, sk, b, ldb, c, ldc, zero)
#if GEMM_NV >= 4
#define GEMM_COLS4(R) case 8: GEMM_T(R, 4, 0); break; case 7: GEMM_T(R, 3, 1); break;
#else
#define GEMM_COLS4(R)
#endif
#if GEMM_NV >= 3
#define GEMM_COLS3(R) case 6: GEMM_T(R, 3, 0); break; case 5: GEMM_T(R, 2, 1); break; GEMM_COLS4(R)
#else
#define GEMM_COLS3(R)
#endif
#define GEMM_ROW(R)                                          \
	case R:                                              \
		switch (nvf * 2 + part) {                    \
		case 1: GEMM_T(R, 0, 1); break;              \
		case 2: GEMM_T(R, 1, 0); break;              \
		case 3: GEMM_T(R, 1, 1); break;              \
		case 4: GEMM_T(R, 2, 0); break;              \
		GEMM_COLS3(R)                                \
		default: break;                              \
		}                                            \
		break;

static void
KN(gemm_tile_any)(int mr, int nvf, int part, int cnt, int kc, const float *a, ptrdiff_t sa,
                  ptrdiff_t sk, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc, int zero)
{
	switch (mr) {
	GEMM_ROW(1)
	GEMM_ROW(2)
	GEMM_ROW(3)
	GEMM_ROW(4)
#if GEMM_MR >= 5
	GEMM_ROW(5)
#endif
#if GEMM_MR >= 6
	GEMM_ROW(6)
#endif
#if GEMM_MR >= 7
	GEMM_ROW(7)
#endif
#if GEMM_MR >= 8
	GEMM_ROW(8)
#endif
	default: break;
	}
}
/* C no wider than one vector (3 classes, 10 digits): one vector per row,
 * so take 12 rows at a time, or the few accumulators would wait on the
 * fma latency.  (Copying B into whole padded vectors to avoid the masked
 * loads measured slower.) */
#define GEMM_NARROW(R)                                       \
	case R:                                              \
		if (part)                                    \
			GEMM_T(R, 0, 1);                     \
		else                                         \
			GEMM_T(R, 1, 0);                     \
		break;

static void
KN(gemm_tile_narrow)(int mr, int part, int cnt, int kc, const float *a, ptrdiff_t sa, ptrdiff_t sk,
                     const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc, int zero)
{
	switch (mr) {
	GEMM_NARROW(1)
	GEMM_NARROW(2)
	GEMM_NARROW(3)
	GEMM_NARROW(4)
	GEMM_NARROW(5)
	GEMM_NARROW(6)
	GEMM_NARROW(7)
	GEMM_NARROW(8)
	GEMM_NARROW(9)
	GEMM_NARROW(10)
	GEMM_NARROW(11)
	GEMM_NARROW(12)
	default: break;
	}
}
#undef GEMM_NARROW

#undef GEMM_T
#undef GEMM_COLS4
#undef GEMM_COLS3
#undef GEMM_ROW

/* C[m][n] += A'(m x k) . B[k][n], A' addressed through (sa, sk).  Loops:
 * k blocks of GEMM_KC, then row blocks of GEMM_MR rows (whose kc x MR
 * panel of A stays in L1 while the tiles sweep across B, which stays in
 * L2), then tiles of NR columns.  (Measured on AVX2: 6 x 16 tiles in this
 * order beat 4 x 24, 4 x 16, 8 x 8 and the strip-outer order.) */
static void
KN(gemm_run)(int m, int n, int k, const float *A, ptrdiff_t sa, ptrdiff_t sk, const float *B,
             ptrdiff_t ldb, float *C, ptrdiff_t ldc, int zero)
{
	const int nr = GEMM_NV * VW;
	if (n <= VW && VW > 1) {
		int cnt = n % VW, part = cnt != 0;
		for (int k0 = 0; k0 < k; k0 += GEMM_KC) {
			int kc = k - k0 < GEMM_KC ? k - k0 : GEMM_KC;
			const float *b = B + (ptrdiff_t)k0 * ldb;
			for (int i0 = 0; i0 < m; i0 += 12) {
				int mr = m - i0 < 12 ? m - i0 : 12;
				KN(gemm_tile_narrow)(mr, part, cnt, kc, A + i0 * sa + k0 * sk, sa, sk, b, ldb,
				                     C + (ptrdiff_t)i0 * ldc, ldc, zero && k0 == 0);
			}
		}
		return;
	}
	for (int k0 = 0; k0 < k; k0 += GEMM_KC) {
		int kc = k - k0 < GEMM_KC ? k - k0 : GEMM_KC;
		for (int i0 = 0; i0 < m; i0 += GEMM_MR) {
			int mr = m - i0 < GEMM_MR ? m - i0 : GEMM_MR;
			for (int j0 = 0; j0 < n; j0 += nr) {
				int nc = n - j0 < nr ? n - j0 : nr;
				int nvf = nc / VW, cnt = nc % VW, part = cnt != 0;
				KN(gemm_tile_any)(mr, nvf, part, cnt, kc, A + i0 * sa + k0 * sk, sa, sk,
				                  B + (ptrdiff_t)k0 * ldb + j0, ldb, C + (ptrdiff_t)i0 * ldc + j0, ldc,
				                  zero && k0 == 0);
			}
		}
	}
}

/* acc[j] += x[i][j] for i = 0..rows-1 in order (the bias gradient): plain
 * adds, vectorised across j; zero: start from +0 instead of acc. */
static void
KN(gemm_colsum)(float *acc, const float *x, int rows, int cols, int zero)
{
	int j = 0;
	for (; j + VW <= cols; j += VW) {
		V s = zero ? VZERO : VLD(acc + j);
		for (int i = 0; i < rows; i++)
			s = VADD(s, VLD(x + (ptrdiff_t)i * cols + j));
		VST(acc + j, s);
	}
	for (; j < cols; j++) {
		float s = zero ? 0.0f : acc[j];
		for (int i = 0; i < rows; i++)
			s += x[(ptrdiff_t)i * cols + j];
		acc[j] = s;
	}
}
