/* numfmt.h - number formats: IEEE 754 binary32, binary16 and bfloat16 bit
 * patterns, and int8 quantisation codes.
 *
 * The conversions are done in integer arithmetic on the bit patterns, so
 * they are exact and do not depend on the compiler's or the FPU's support
 * for half precision: round to nearest, ties to even; gradual underflow to
 * subnormals; overflow to infinity; signed zeros kept; a NaN stays a NaN
 * (made quiet, sign and the top payload bits kept).  Encoding from double
 * rounds once, so a decimal the learner types is not rounded twice (first
 * to float, then to half).  The model quantiser uses the same functions.
 * Not a printf: spelling the bits out for people is the command's job.
 */
#ifndef NN_CORE_NUMFMT_H
#define NN_CORE_NUMFMT_H

#include <stdint.h>

/* A binary floating-point format: 1 sign bit, ebits exponent bits (bias
 * 2^(ebits-1) - 1), mbits stored mantissa bits. */
typedef struct numfmt {
	const char *name;
	int ebits, mbits;
} numfmt;

extern const numfmt NUMFMT_FP32;  /* binary32: e8 m23 */
extern const numfmt NUMFMT_FP16;  /* binary16: e5 m10 */
extern const numfmt NUMFMT_BF16;  /* bfloat16: e8 m7 (the top half of fp32) */

/* What a bit pattern is. */
enum numfmt_class { NUMFMT_ZERO, NUMFMT_SUBNORMAL, NUMFMT_NORMAL, NUMFMT_INF, NUMFMT_NAN };

/* numfmt_encode: the pattern of x in format f, rounded once to nearest,
 * ties to even.  Patterns are right-aligned in the result. */
uint32_t numfmt_encode(const numfmt *f, double x);
/* numfmt_decode: the value of a pattern (exact: every fp32, fp16 and
 * bf16 value is a double). */
double numfmt_decode(const numfmt *f, uint32_t bits);
enum numfmt_class numfmt_classify(const numfmt *f, uint32_t bits);

/* Fields of a pattern: sign bit, biased exponent field, mantissa field. */
unsigned numfmt_sign(const numfmt *f, uint32_t bits);
uint32_t numfmt_expfield(const numfmt *f, uint32_t bits);
uint32_t numfmt_mantfield(const numfmt *f, uint32_t bits);
/* numfmt_bias: 2^(ebits-1) - 1.  numfmt_width: 1 + ebits + mbits. */
int numfmt_bias(const numfmt *f);
int numfmt_width(const numfmt *f);
/* The largest finite value, the smallest positive normal and the smallest
 * positive subnormal of f. */
double numfmt_max(const numfmt *f);
double numfmt_min_normal(const numfmt *f);
double numfmt_min_subnormal(const numfmt *f);

/* Float conveniences for tensors. */
uint16_t numfmt_to_fp16(float x);
float numfmt_from_fp16(uint16_t h);
uint16_t numfmt_to_bf16(float x);
float numfmt_from_bf16(uint16_t b);
uint32_t numfmt_fp32_bits(float x);
float numfmt_fp32_from_bits(uint32_t u);

/* ==== int8 ==============================================================
 * Affine quantisation q = clamp(round(x / scale) + zero, lo, hi) with
 * round-half-to-even; x is dequantised as (q - zero) * scale.  Symmetric
 * int8 uses zero 0 and the range -127..127 (so that -q is always a code);
 * asymmetric uses a zero point and the full range -128..127.  Inside the
 * range the error is at most scale/2; outside it, values are clipped. */
typedef struct numfmt_q8 {
	double scale;   /* > 0 */
	int zero;       /* zero point, 0 for symmetric */
	int lo, hi;     /* code range */
} numfmt_q8;

/* numfmt_q8_symmetric: scale = absmax/127 (1 when absmax is 0), range
 * -127..127.  numfmt_q8_asymmetric: the range [min(lo,0), max(hi,0)]
 * mapped onto -128..127. */
numfmt_q8 numfmt_q8_symmetric(double absmax);
numfmt_q8 numfmt_q8_asymmetric(double lo, double hi);
/* numfmt_q8_encode: the code of x; *clipped (if not NULL) set to 1 when
 * x lay outside the representable range. */
int numfmt_q8_encode(const numfmt_q8 *q, double x, int *clipped);
double numfmt_q8_decode(const numfmt_q8 *q, int code);

#endif
