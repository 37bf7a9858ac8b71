/* kern.h - which instruction set the numeric kernels use.
 *
 * The matrix products (gemm.h) and the vector functions (vmath.h) exist
 * three times: scalar C, AVX2+FMA and AVX-512F.  All three perform the
 * same IEEE operations in the same order on every element, so they give
 * bit-identical results; the choice only changes speed.  The first use
 * picks the best level the processor (and operating system) support, or
 * the level named by the environment variable NNLAB_SIMD (scalar, avx2,
 * avx512) when that is lower.  Tests switch levels to prove the identity.
 * Not a CPU-feature library: nothing else is detected here.
 */
#ifndef NN_CORE_KERN_H
#define NN_CORE_KERN_H

enum kern_level {
	KERN_SCALAR = 0,
	KERN_AVX2 = 1,
	KERN_AVX512 = 2,
};

/* kern_level: the level in use (chosen on first call). */
int kern_level(void);
/* kern_best_level: the highest level this machine can run. */
int kern_best_level(void);
/* kern_set_level: use min(want, best); returns the level now in use. */
int kern_set_level(int want);
/* kern_level_name: "scalar", "avx2", "avx512". */
const char *kern_level_name(int level);

#endif
