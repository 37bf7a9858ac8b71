/* simd-isa.h - one vector vocabulary, three instruction sets (internal).
 *
 * gemm.c and vmath.c include this header once per instruction set, with
 * SIMD_ISA set to 0 (scalar C, float and fmaf), 1 (AVX2 + FMA, 8 lanes) or
 * 2 (AVX-512F, 16 lanes), and then include their kernel body, which is
 * written only in the macros below.  So the scalar fallback and every
 * vector path run the same sequence of IEEE operations on each element:
 * add, sub, mul, div and the fused multiply-add are correctly rounded
 * everywhere, min/max/select/bit operations are exact, and nothing else is
 * used.  That is what makes results bit-identical on any x86-64 machine.
 * (The build also passes -ffp-contract=off, so the compiler never fuses a
 * multiply and an add on its own.)
 *
 * Not a general SIMD library and not a public header: no include guard,
 * on purpose; it is meant to be included repeatedly.
 *
 * Vocabulary (V a vector of VW floats, M a lane mask):
 *   VLD(p) VST(p,v)          load / store VW floats (unaligned)
 *   VLDM(p,n) VSTM(p,v,n)    the first n < VW lanes only (others read 0)
 *   VSET(x) VZERO            broadcast
 *   VADD VSUB VMUL VDIV      IEEE, correctly rounded
 *   VSQRT(a)                 IEEE square root, correctly rounded
 *   VFMA(a,b,c)              a*b+c rounded once
 *   VMIN(a,b) VMAX(a,b)      x86 semantics: b when either is NaN
 *   VLT(a,b) VISNAN(a)       masks
 *   VSEL(m,a,b)              m ? a : b per lane
 *   VABS(a) VCOPYSIGN(a,s)   |a|; |a| with the sign of s
 *   VPOW2I(n)                2^n for integer-valued n in [-126, 127]
 *   KN(name)                 name with the instruction set as suffix
 */

#undef VW
#undef V
#undef M
#undef VLD
#undef VST
#undef VLDM
#undef VSTM
#undef VSET
#undef VZERO
#undef VADD
#undef VSUB
#undef VMUL
#undef VDIV
#undef VSQRT
#undef VFMA
#undef VMIN
#undef VMAX
#undef VLT
#undef VISNAN
#undef VSEL
#undef VABS
#undef VCOPYSIGN
#undef VPOW2I
#undef KN
#undef KN_
#undef KN__
#undef ISA_SUFFIX

#define KN__(x, s) x##_##s
#define KN_(x, s) KN__(x, s)
#define KN(x) KN_(x, ISA_SUFFIX)

#if SIMD_ISA == 0
/* ---- scalar C: float, fmaf, ternaries ------------------------------- */
#define ISA_SUFFIX scalar
#define VW 1
#define V float
#define M int
#define VLD(p) (*(p))
#define VST(p, v) (*(p) = (v))
#define VLDM(p, n) ((void)(n), *(p))
#define VSTM(p, v, n) ((void)(n), *(p) = (v))
#define VSET(x) ((float)(x))
#define VZERO 0.0f
#define VADD(a, b) ((a) + (b))
#define VSUB(a, b) ((a) - (b))
#define VMUL(a, b) ((a) * (b))
#define VDIV(a, b) ((a) / (b))
#define VSQRT(a) sqrtf(a)
#define VFMA(a, b, c) fmaf((a), (b), (c))
#define VMIN(a, b) simd_min_scalar((a), (b))
#define VMAX(a, b) simd_max_scalar((a), (b))
#define VLT(a, b) ((a) < (b))
#define VISNAN(a) simd_isnan_scalar(a)
#define VSEL(m, a, b) ((m) ? (a) : (b))
#define VABS(a) fabsf(a)
#define VCOPYSIGN(a, s) copysignf((a), (s))
#define VPOW2I(n) simd_pow2i_scalar(n)

#ifndef SIMD_SCALAR_HELPERS
#define SIMD_SCALAR_HELPERS
static inline float
simd_min_scalar(float a, float b)
{
	return a < b ? a : b;  /* minps: the second operand unless a < b */
}

static inline float
simd_max_scalar(float a, float b)
{
	return a > b ? a : b;
}

static inline int
simd_isnan_scalar(float a)
{
	return a != a;
}

static inline float
simd_pow2i_scalar(float n)
{
	/* n is integer-valued in [-126, 127] except on the NaN lanes the
	 * callers discard; keep the conversion defined for those too */
	if (!(n > -127.0f && n < 128.0f))
		n = 0.0f;
	uint32_t bits = (uint32_t)((int32_t)n + 127) << 23;
	float f;
	memcpy(&f, &bits, sizeof f);
	return f;
}
#endif

#elif SIMD_ISA == 1
/* ---- AVX2 + FMA: 8 lanes -------------------------------------------- */
#define ISA_SUFFIX avx2
#define VW 8
#define V __m256
#define M __m256
#define VLD(p) _mm256_loadu_ps(p)
#define VST(p, v) _mm256_storeu_ps((p), (v))
#define VLDM(p, n) _mm256_maskload_ps((p), simd_mask_avx2(n))
#define VSTM(p, v, n) _mm256_maskstore_ps((p), simd_mask_avx2(n), (v))
#define VSET(x) _mm256_set1_ps((float)(x))
#define VZERO _mm256_setzero_ps()
#define VADD(a, b) _mm256_add_ps((a), (b))
#define VSUB(a, b) _mm256_sub_ps((a), (b))
#define VMUL(a, b) _mm256_mul_ps((a), (b))
#define VDIV(a, b) _mm256_div_ps((a), (b))
#define VSQRT(a) _mm256_sqrt_ps(a)
#define VFMA(a, b, c) _mm256_fmadd_ps((a), (b), (c))
#define VMIN(a, b) _mm256_min_ps((a), (b))
#define VMAX(a, b) _mm256_max_ps((a), (b))
#define VLT(a, b) _mm256_cmp_ps((a), (b), _CMP_LT_OQ)
#define VISNAN(a) _mm256_cmp_ps((a), (a), _CMP_UNORD_Q)
#define VSEL(m, a, b) _mm256_blendv_ps((b), (a), (m))
#define VABS(a) _mm256_andnot_ps(_mm256_set1_ps(-0.0f), (a))
#define VCOPYSIGN(a, s) _mm256_or_ps(VABS(a), _mm256_and_ps(_mm256_set1_ps(-0.0f), (s)))
#define VPOW2I(n) _mm256_castsi256_ps(_mm256_slli_epi32( \
	_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23))

#ifndef SIMD_AVX2_HELPERS
#define SIMD_AVX2_HELPERS
/* simd_mask_avx2: the lane mask with the first n lanes set (0 <= n <= 8). */
__attribute__((target("avx2,fma"))) static inline __m256i
simd_mask_avx2(int n)
{
	static const int32_t ramp[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
	return _mm256_loadu_si256((const __m256i *)(ramp + 8 - n));
}
#endif

#elif SIMD_ISA == 2
/* ---- AVX-512F: 16 lanes --------------------------------------------- */
#define ISA_SUFFIX avx512
#define VW 16
#define V __m512
#define M __mmask16
#define VLD(p) _mm512_loadu_ps(p)
#define VST(p, v) _mm512_storeu_ps((p), (v))
#define VLDM(p, n) _mm512_maskz_loadu_ps((__mmask16)((1u << (n)) - 1u), (p))
#define VSTM(p, v, n) _mm512_mask_storeu_ps((p), (__mmask16)((1u << (n)) - 1u), (v))
#define VSET(x) _mm512_set1_ps((float)(x))
#define VZERO _mm512_setzero_ps()
#define VADD(a, b) _mm512_add_ps((a), (b))
#define VSUB(a, b) _mm512_sub_ps((a), (b))
#define VMUL(a, b) _mm512_mul_ps((a), (b))
#define VDIV(a, b) _mm512_div_ps((a), (b))
#define VSQRT(a) _mm512_sqrt_ps(a)
#define VFMA(a, b, c) _mm512_fmadd_ps((a), (b), (c))
#define VMIN(a, b) _mm512_min_ps((a), (b))
#define VMAX(a, b) _mm512_max_ps((a), (b))
#define VLT(a, b) _mm512_cmp_ps_mask((a), (b), _CMP_LT_OQ)
#define VISNAN(a) _mm512_cmp_ps_mask((a), (a), _CMP_UNORD_Q)
#define VSEL(m, a, b) _mm512_mask_blend_ps((m), (b), (a))
#define VABS(a) _mm512_castsi512_ps(_mm512_and_si512(_mm512_castps_si512(a), _mm512_set1_epi32(0x7fffffff)))
#define VCOPYSIGN(a, s) _mm512_castsi512_ps(_mm512_or_si512( \
	_mm512_castps_si512(VABS(a)), \
	_mm512_and_si512(_mm512_castps_si512(s), _mm512_set1_epi32((int)0x80000000u))))
#define VPOW2I(n) _mm512_castsi512_ps(_mm512_slli_epi32( \
	_mm512_add_epi32(_mm512_cvtps_epi32(n), _mm512_set1_epi32(127)), 23))

#else
#error "SIMD_ISA must be 0, 1 or 2"
#endif
