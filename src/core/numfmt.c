/* numfmt.c - IEEE 754 bit patterns and int8 codes (see numfmt.h).
 *
 * Everything works on the bits of a double: a finite nonzero x is
 * sig * 2^(e-52) with sig a 53-bit integer, and rounding to a narrower
 * format is a right shift of sig with the bits shifted out deciding the
 * rounding.  No floating-point arithmetic rounds here, so the result does
 * not depend on the FPU's rounding mode or on half-precision hardware.
 */
#include <config.h>

#include "core/numfmt.h"

#include <math.h>
#include <string.h>

const numfmt NUMFMT_FP32 = {"fp32", 8, 23};
const numfmt NUMFMT_FP16 = {"fp16", 5, 10};
const numfmt NUMFMT_BF16 = {"bf16", 8, 7};

/* ==== fields ============================================================ */

int
numfmt_bias(const numfmt *f)
{
	return (1 << (f->ebits - 1)) - 1;
}

int
numfmt_width(const numfmt *f)
{
	return 1 + f->ebits + f->mbits;
}

unsigned
numfmt_sign(const numfmt *f, uint32_t bits)
{
	return (unsigned)(bits >> (f->ebits + f->mbits)) & 1u;
}

uint32_t
numfmt_expfield(const numfmt *f, uint32_t bits)
{
	return (bits >> f->mbits) & ((1u << f->ebits) - 1u);
}

uint32_t
numfmt_mantfield(const numfmt *f, uint32_t bits)
{
	return bits & ((1u << f->mbits) - 1u);
}

enum numfmt_class
numfmt_classify(const numfmt *f, uint32_t bits)
{
	uint32_t e = numfmt_expfield(f, bits), m = numfmt_mantfield(f, bits);
	if (e == (1u << f->ebits) - 1u)
		return m ? NUMFMT_NAN : NUMFMT_INF;
	if (e == 0)
		return m ? NUMFMT_SUBNORMAL : NUMFMT_ZERO;
	return NUMFMT_NORMAL;
}

double
numfmt_max(const numfmt *f)
{
	return ldexp(2.0 - ldexp(1.0, -f->mbits), numfmt_bias(f));
}

double
numfmt_min_normal(const numfmt *f)
{
	return ldexp(1.0, 1 - numfmt_bias(f));
}

double
numfmt_min_subnormal(const numfmt *f)
{
	return ldexp(1.0, 1 - numfmt_bias(f) - f->mbits);
}

/* ==== encode and decode ================================================= */

uint32_t
numfmt_encode(const numfmt *f, double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof u);
	const uint32_t expmax = (1u << f->ebits) - 1u;
	const uint32_t sign = (uint32_t)(u >> 63) << (f->ebits + f->mbits);
	const uint32_t inf = sign | (expmax << f->mbits);
	int dexp = (int)((u >> 52) & 0x7ff);
	uint64_t dman = u & ((1ULL << 52) - 1);

	if (dexp == 0x7ff) {
		if (dman == 0)
			return inf;
		/* NaN: keep the top payload bits, set the quiet bit */
		return inf | (uint32_t)(dman >> (52 - f->mbits)) | (1u << (f->mbits - 1));
	}
	if (dexp == 0 && dman == 0)
		return sign;

	/* x = sig * 2^(e - 52) with 2^52 <= sig < 2^53 */
	uint64_t sig;
	int e;
	if (dexp == 0) {
		sig = dman;
		e = -1022;
		while (!(sig & (1ULL << 52))) {
			sig <<= 1;
			e--;
		}
	} else {
		sig = dman | (1ULL << 52);
		e = dexp - 1023;
	}
	const int bias = numfmt_bias(f), emin = 1 - bias;
	if (e > bias)
		return inf;  /* at least 2^(emax+1), beyond max + ulp/2 */

	/* the unit in the last place of the result is 2^(max(e,emin) - mbits);
	 * dividing by it is a right shift of sig by s bits */
	int s = (e < emin ? emin : e) - f->mbits - (e - 52);
	uint64_t q;
	if (s >= 54) {
		q = 0;  /* below half the smallest subnormal */
	} else {
		q = sig >> s;
		uint64_t rem = sig & ((1ULL << s) - 1), half = 1ULL << (s - 1);
		if (rem > half || (rem == half && (q & 1)))
			q++;
	}
	/* a carry out of the mantissa moves into the exponent field by itself:
	 * the largest subnormal rounds up to the smallest normal, 1.11..1 * 2^e
	 * to 1.0 * 2^(e+1), and past the largest finite value to infinity */
	uint32_t bits;
	if (e < emin)
		bits = (uint32_t)q;
	else
		bits = ((uint32_t)(e + bias) << f->mbits) + (uint32_t)(q - (1ULL << f->mbits));
	if ((bits >> f->mbits) >= expmax)
		return inf;
	return sign | bits;
}

double
numfmt_decode(const numfmt *f, uint32_t bits)
{
	unsigned sign = numfmt_sign(f, bits);
	uint32_t e = numfmt_expfield(f, bits), m = numfmt_mantfield(f, bits);
	int bias = numfmt_bias(f);
	double v;
	if (e == (1u << f->ebits) - 1u) {
		if (m == 0)
			return sign ? -INFINITY : INFINITY;
		uint64_t u = ((uint64_t)sign << 63) | (0x7ffULL << 52) | ((uint64_t)m << (52 - f->mbits));
		memcpy(&v, &u, sizeof v);
		return v;
	}
	if (e == 0)
		v = ldexp((double)m, 1 - bias - f->mbits);
	else
		v = ldexp((double)(m + (1u << f->mbits)), (int)e - bias - f->mbits);
	return sign ? -v : v;
}

/* ==== float conveniences ================================================ */

uint16_t
numfmt_to_fp16(float x)
{
	return (uint16_t)numfmt_encode(&NUMFMT_FP16, (double)x);
}

float
numfmt_from_fp16(uint16_t h)
{
	return (float)numfmt_decode(&NUMFMT_FP16, h);
}

uint16_t
numfmt_to_bf16(float x)
{
	return (uint16_t)numfmt_encode(&NUMFMT_BF16, (double)x);
}

float
numfmt_from_bf16(uint16_t b)
{
	return numfmt_fp32_from_bits((uint32_t)b << 16);
}

uint32_t
numfmt_fp32_bits(float x)
{
	uint32_t u;
	memcpy(&u, &x, sizeof u);
	return u;
}

float
numfmt_fp32_from_bits(uint32_t u)
{
	float x;
	memcpy(&x, &u, sizeof x);
	return x;
}

/* ==== int8 ============================================================== */

/* round half to even, without relying on the FPU rounding mode */
static double
round_even(double v)
{
	double r = floor(v), d = v - r;
	if (d > 0.5 || (d == 0.5 && fmod(r, 2.0) != 0.0))
		r += 1.0;
	return r;
}

numfmt_q8
numfmt_q8_symmetric(double absmax)
{
	numfmt_q8 q = {1.0, 0, -127, 127};
	absmax = fabs(absmax);
	if (absmax > 0 && isfinite(absmax))
		q.scale = absmax / 127.0;
	return q;
}

numfmt_q8
numfmt_q8_asymmetric(double lo, double hi)
{
	numfmt_q8 q = {1.0, 0, -128, 127};
	if (lo > 0)
		lo = 0;
	if (hi < 0)
		hi = 0;
	if (hi > lo && isfinite(hi - lo)) {
		q.scale = (hi - lo) / 255.0;
		double z = -128.0 - round_even(lo / q.scale);
		q.zero = z < -128 ? -128 : z > 127 ? 127 : (int)z;
	}
	return q;
}

int
numfmt_q8_encode(const numfmt_q8 *q, double x, int *clipped)
{
	int clip = 0;
	double c;
	if (isnan(x)) {
		c = q->zero;
		clip = 1;
	} else {
		c = round_even(x / q->scale) + q->zero;  /* +-inf stays infinite */
		if (c < q->lo) {
			c = q->lo;
			clip = 1;
		} else if (c > q->hi) {
			c = q->hi;
			clip = 1;
		}
	}
	if (clipped)
		*clipped = clip;
	return (int)c;
}

double
numfmt_q8_decode(const numfmt_q8 *q, int code)
{
	return (double)(code - q->zero) * q->scale;
}
