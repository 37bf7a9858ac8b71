/* test-numfmt.c - the fp32/fp16/bf16 conversions and int8 codes of
 * src/core/numfmt.c against independent computations.
 *
 * The reference table was computed offline with exact rational
 * arithmetic in Python (fractions.Fraction, rounding to nearest, ties to
 * even) and cross-checked with Python's struct module ('e' and 'f'
 * formats) wherever struct does not refuse the value; the generator is in
 * the comment at the end of this file.  Beyond the table: an exhaustive
 * round trip of all 65536 fp16 and bf16 codes, every tie between two
 * neighbouring codes, the compiler's own _Float16 conversion where it has
 * one, and the classic integer rounding trick for bf16.
 * Links libnncore.a and -lm only.
 */
#include <config.h>

#include "core/numfmt.h"
#include "core/rng.h"
#include "../tap.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

struct ref_case {
	double x;
	uint32_t fp16, bf16, fp32;
};

static const struct ref_case ref_cases[] = {
	{0.0, 0x0000, 0x0000, 0x00000000},
	{-0.0, 0x8000, 0x8000, 0x80000000},
	{1.0, 0x3c00, 0x3f80, 0x3f800000},
	{-2.0, 0xc000, 0xc000, 0xc0000000},
	{0x1.999999999999ap-4 /* 0.1 */, 0x2e66, 0x3dcd, 0x3dcccccd},
	{0x1.5555555555555p-2 /* 1/3 */, 0x3555, 0x3eab, 0x3eaaaaab},
	{0x1.921fb54442d18p+1 /* pi */, 0x4248, 0x4049, 0x40490fdb},
	{65504.0, 0x7bff, 0x4780, 0x477fe000},
	{65519.99, 0x7bff, 0x4780, 0x477feffd},
	{65520.0, 0x7c00, 0x4780, 0x477ff000},
	{65536.0, 0x7c00, 0x4780, 0x47800000},
	{-65520.0, 0xfc00, 0xc780, 0xc77ff000},
	{1e10, 0x7c00, 0x5015, 0x501502f9},
	{0x1p-24, 0x0001, 0x3380, 0x33800000},
	{0x1p-25, 0x0000, 0x3300, 0x33000000},
	{0x1.0000000000001p-25, 0x0001, 0x3300, 0x33000000},
	{0x1.8p-24 /* 1.5 * 2^-24 */, 0x0002, 0x33c0, 0x33c00000},
	{0x1.8p-23 /* 3 * 2^-24, exact */, 0x0003, 0x3440, 0x34400000},
	{0x1.4p-23 /* 2.5 * 2^-24 */, 0x0002, 0x3420, 0x34200000},
	{0x1p-14, 0x0400, 0x3880, 0x38800000},
	{0x1.ff8p-15 /* 1023 * 2^-24 */, 0x03ff, 0x3880, 0x387fc000},
	{0x1.ffcp-15 /* 1023.5 * 2^-24 */, 0x0400, 0x3880, 0x387fe000},
	{0x1.002p+0 /* 1 + 2^-11 */, 0x3c00, 0x3f80, 0x3f801000},
	{0x1.006p+0 /* 1 + 3*2^-11 */, 0x3c02, 0x3f80, 0x3f803000},
	{0x1.00200004p+0 /* 1 + 2^-11 + 2^-30 */, 0x3c01, 0x3f80, 0x3f801000},
	{0x1.01p+0 /* 1 + 2^-8 */, 0x3c04, 0x3f80, 0x3f808000},
	{0x1.03p+0 /* 1 + 3*2^-8 */, 0x3c0c, 0x3f82, 0x3f818000},
	{0x1.fffffep+127 /* fp32 max */, 0x7c00, 0x7f80, 0x7f7fffff},
	{0x1.fep+127 /* bf16 max */, 0x7c00, 0x7f7f, 0x7f7f0000},
	{0x1p-133, 0x0000, 0x0001, 0x00010000},
	{0x1p-134, 0x0000, 0x0000, 0x00008000},
	{0x1p-149, 0x0000, 0x0000, 0x00000001},
	{0x1p-150, 0x0000, 0x0000, 0x00000000},
	{0x1.8p-150, 0x0000, 0x0000, 0x00000001},
	{16777217.0, 0x7c00, 0x4b80, 0x4b800000},
	{1e39, 0x7c00, 0x7f80, 0x7f800000},
	{-1e-50, 0x8000, 0x8000, 0x80000000},
	{0x1p-1074 /* smallest double */, 0x0000, 0x0000, 0x00000000},
};

static void
test_reference_table(void)
{
	int n = (int)(sizeof ref_cases / sizeof ref_cases[0]), bad = 0;
	for (int i = 0; i < n; i++) {
		const struct ref_case *c = &ref_cases[i];
		uint32_t h = numfmt_encode(&NUMFMT_FP16, c->x);
		uint32_t b = numfmt_encode(&NUMFMT_BF16, c->x);
		uint32_t s = numfmt_encode(&NUMFMT_FP32, c->x);
		if (h != c->fp16 || b != c->bf16 || s != c->fp32) {
			bad++;
			diag("%a: fp16 %04x (want %04x) bf16 %04x (want %04x) fp32 %08x (want %08x)", c->x,
			     (unsigned)h, (unsigned)c->fp16, (unsigned)b, (unsigned)c->bf16, (unsigned)s,
			     (unsigned)c->fp32);
		}
	}
	ok(bad == 0, "%d reference values encode to fp16, bf16 and fp32 exactly as computed offline", n);
	/* the double-rounding trap: via float, 1 + 2^-11 + 2^-30 would become
	 * the tie 1 + 2^-11 and round to 1.0 */
	ok(numfmt_encode(&NUMFMT_FP16, 0x1.00200004p+0) == 0x3c01 &&
	   numfmt_to_fp16((float)0x1.00200004p+0) == 0x3c00,
	   "encoding from double rounds once (0x3c01), from float the value was already rounded (0x3c00)");
}

static void
test_special_values(void)
{
	ok(numfmt_encode(&NUMFMT_FP16, NAN) == 0x7e00, "NaN -> fp16 0x7e00 (quiet)");
	ok(numfmt_encode(&NUMFMT_FP16, -NAN) == 0xfe00, "-NaN keeps its sign: 0xfe00");
	ok(numfmt_encode(&NUMFMT_BF16, NAN) == 0x7fc0, "NaN -> bf16 0x7fc0");
	ok(numfmt_encode(&NUMFMT_FP32, NAN) == 0x7fc00000, "NaN -> fp32 0x7fc00000");
	ok(numfmt_encode(&NUMFMT_FP16, INFINITY) == 0x7c00 && numfmt_encode(&NUMFMT_FP16, -INFINITY) == 0xfc00,
	   "+-inf -> fp16 0x7c00, 0xfc00");
	/* a signalling NaN with a payload only in the low bits stays a NaN */
	double snan;
	uint64_t u = 0x7ff0000000000001ULL;
	memcpy(&snan, &u, sizeof snan);
	uint32_t h = numfmt_encode(&NUMFMT_FP16, snan);
	ok(numfmt_classify(&NUMFMT_FP16, h) == NUMFMT_NAN && h == 0x7e00,
	   "a signalling NaN whose payload is below fp16's mantissa becomes the quiet NaN 0x7e00 (got %04x)",
	   (unsigned)h);
	close_enough(numfmt_max(&NUMFMT_FP16), 65504.0, 0, 0, "fp16 max");
	close_enough(numfmt_min_normal(&NUMFMT_FP16), 0x1p-14, 0, 0, "fp16 smallest normal 2^-14");
	close_enough(numfmt_min_subnormal(&NUMFMT_FP16), 0x1p-24, 0, 0, "fp16 smallest subnormal 2^-24");
	close_enough(numfmt_max(&NUMFMT_BF16), 0x1.fep+127, 0, 0, "bf16 max");
	close_enough(numfmt_min_subnormal(&NUMFMT_BF16), 0x1p-133, 0, 0, "bf16 smallest subnormal 2^-133");
	close_enough(numfmt_max(&NUMFMT_FP32), FLT_MAX, 0, 0, "fp32 max is FLT_MAX");
	close_enough(numfmt_min_normal(&NUMFMT_FP32), FLT_MIN, 0, 0, "fp32 smallest normal is FLT_MIN");
	ok(numfmt_decode(&NUMFMT_FP16, 0x8000) == 0 && signbit(numfmt_decode(&NUMFMT_FP16, 0x8000)),
	   "fp16 0x8000 decodes to -0");
	ok(numfmt_classify(&NUMFMT_FP16, 0x03ff) == NUMFMT_SUBNORMAL &&
	   numfmt_classify(&NUMFMT_FP16, 0x0400) == NUMFMT_NORMAL &&
	   numfmt_classify(&NUMFMT_FP16, 0x7c00) == NUMFMT_INF &&
	   numfmt_classify(&NUMFMT_FP16, 0x7c01) == NUMFMT_NAN &&
	   numfmt_classify(&NUMFMT_FP16, 0x8000) == NUMFMT_ZERO,
	   "classification of fp16 boundary codes");
	ok(numfmt_sign(&NUMFMT_FP16, 0xc248) == 1 && numfmt_expfield(&NUMFMT_FP16, 0xc248) == 16 &&
	   numfmt_mantfield(&NUMFMT_FP16, 0xc248) == 0x248,
	   "fields of fp16 0xc248 (-pi): sign 1, exponent 10000, mantissa 1001001000");
}

/* every fp16 or bf16 code: decode, encode, same code (NaNs become quiet) */
static void
test_round_trip(const numfmt *f)
{
	int bad = 0, nan = 0;
	for (uint32_t c = 0; c < 65536; c++) {
		double v = numfmt_decode(f, c);
		uint32_t back = numfmt_encode(f, v);
		uint32_t viaf = f == &NUMFMT_FP16 ? numfmt_to_fp16(numfmt_from_fp16((uint16_t)c))
		                                  : numfmt_to_bf16(numfmt_from_bf16((uint16_t)c));
		if (numfmt_classify(f, c) == NUMFMT_NAN) {
			nan++;
			uint32_t quiet = c | (1u << (f->mbits - 1));
			if (back != quiet || viaf != quiet)
				bad++;
		} else if (back != c || viaf != c) {
			bad++;
		}
	}
	ok(bad == 0, "%s: all 65536 codes round-trip through double and float (%d NaN codes come back quiet)",
	   f->name, nan);
}

/* the midpoint of two neighbouring finite codes rounds to the even one;
 * a hair above goes up, a hair below goes down */
static void
test_ties(const numfmt *f)
{
	int bad = 0, n = 0;
	uint32_t top = (((1u << f->ebits) - 1u) << f->mbits);  /* +inf */
	for (uint32_t c = 0; c + 1 < top; c++) {
		double a = numfmt_decode(f, c), b = numfmt_decode(f, c + 1);
		double mid = a + (b - a) / 2;  /* exact: a, b and their mean are doubles */
		uint32_t even = (c & 1) ? c + 1 : c;
		if (numfmt_encode(f, mid) != even || numfmt_encode(f, nextafter(mid, INFINITY)) != c + 1 ||
		    numfmt_encode(f, nextafter(mid, 0)) != c || numfmt_encode(f, -mid) != (even | (1u << (f->ebits + f->mbits))))
			bad++;
		n++;
	}
	/* past the largest finite value: the tie max + ulp/2 goes to infinity */
	double mx = numfmt_max(f), ulp = mx - numfmt_decode(f, top - 2);
	if (numfmt_encode(f, mx + ulp / 2) != top || numfmt_encode(f, nextafter(mx + ulp / 2, 0)) != top - 1)
		bad++;
	ok(bad == 0, "%s: %d ties between neighbours round to even, and max + ulp/2 overflows to infinity", f->name, n);
}

static void
test_against_compiler(void)
{
#ifdef __FLT16_MAX__
	/* the compiler's _Float16 (GCC, clang): float -> half in software with
	 * IEEE rounding; an independent implementation to compare against */
	int bad = 0;
	long n = 0;
	for (uint64_t u = 0; u <= 0xffffffffULL; u += 4093) {
		float x = numfmt_fp32_from_bits((uint32_t)u);
		_Float16 hf = (_Float16)x;
		uint16_t want;
		memcpy(&want, &hf, sizeof want);
		uint16_t got = numfmt_to_fp16(x);
		if (isnan(x) ? numfmt_classify(&NUMFMT_FP16, got) != NUMFMT_NAN : got != want)
			bad++;
		n++;
	}
	for (uint32_t c = 0; c < 65536; c++) {
		_Float16 hf;
		uint16_t c16 = (uint16_t)c;
		memcpy(&hf, &c16, sizeof hf);
		double want = (double)hf, got = numfmt_decode(&NUMFMT_FP16, c);
		if (!(want == got && signbit(want) == signbit(got)) && !(isnan(want) && isnan(got)))
			bad++;
	}
	ok(bad == 0, "fp16 agrees with the compiler's _Float16 on %ld strided fp32 values and all 65536 decodes", n);
#else
	ok(1, "# SKIP the compiler has no _Float16");
#endif
	/* bf16: the integer trick (u + 0x7fff + lsb) >> 16 for non-NaN values */
	int bad16 = 0;
	long n16 = 0;
	for (uint64_t u = 0; u <= 0xffffffffULL; u += 4093) {
		uint32_t w = (uint32_t)u;
		float x = numfmt_fp32_from_bits(w);
		if (isnan(x))
			continue;
		uint32_t want = (uint32_t)(((uint64_t)w + 0x7fffu + ((w >> 16) & 1u)) >> 16);
		if (numfmt_to_bf16(x) != want)
			bad16++;
		n16++;
	}
	ok(bad16 == 0, "bf16 agrees with the integer rounding trick on %ld strided fp32 values", n16);
	/* fp32 from double against the hardware's round-to-nearest cast */
	rng_t r;
	rng_init(&r, 7);
	int badf = 0;
	for (int i = 0; i < 200000; i++) {
		double x = ldexp(rng_uniform(&r) * 2 - 1, (int)rng_below(&r, 300) - 160);
		if (numfmt_encode(&NUMFMT_FP32, x) != numfmt_fp32_bits((float)x))
			badf++;
	}
	ok(badf == 0, "fp32 encode agrees with the (float) cast on 200000 random doubles from 2^-160 to 2^140");
}

static void
test_int8(void)
{
	numfmt_q8 t = numfmt_q8_symmetric(127 * 0.25);
	ok(t.scale == 0.25 && numfmt_q8_encode(&t, 0.625, NULL) == 2 && numfmt_q8_encode(&t, 0.875, NULL) == 4 &&
	   numfmt_q8_encode(&t, -0.625, NULL) == -2 && numfmt_q8_encode(&t, 0.6251, NULL) == 3,
	   "scale 0.25: ties x/scale = 2.5, 3.5, -2.5 go to the even codes 2, 4, -2; 2.5004 goes to 3");
	numfmt_q8 q = numfmt_q8_symmetric(2.54);
	close_enough(q.scale, 0.02, 1e-17, 0, "symmetric scale = absmax/127");
	int clip;
	ok(numfmt_q8_encode(&q, 3.0, &clip) == 127 && clip && numfmt_q8_encode(&q, -9.0, &clip) == -127 && clip,
	   "values beyond absmax clip to +-127");
	ok(numfmt_q8_encode(&q, NAN, &clip) == 0 && clip, "NaN maps to the zero point and counts as clipped");
	rng_t r;
	rng_init(&r, 3);
	double worst = 0;
	int outside = 0;
	for (int i = 0; i < 100000; i++) {
		double x = (rng_uniform(&r) * 2 - 1) * 2.54;
		int code = numfmt_q8_encode(&q, x, &clip);
		double err = fabs(numfmt_q8_decode(&q, code) - x);
		if (err > worst)
			worst = err;
		if (clip || code < -127 || code > 127)
			outside++;
	}
	ok(worst <= q.scale / 2 * (1 + 1e-12) && outside == 0,
	   "symmetric int8: 100000 values in range, largest error %.6g <= scale/2 = %.6g", worst, q.scale / 2);
	numfmt_q8 a = numfmt_q8_asymmetric(-0.5, 2.0);
	double wa = 0;
	for (int i = 0; i < 100000; i++) {
		double x = -0.5 + rng_uniform(&r) * 2.5;
		int code = numfmt_q8_encode(&a, x, &clip);
		double err = fabs(numfmt_q8_decode(&a, code) - x);
		if (err > wa)
			wa = err;
	}
	ok(numfmt_q8_decode(&a, numfmt_q8_encode(&a, 0.0, NULL)) == 0.0, "asymmetric: zero is exact (zero point %d)",
	   a.zero);
	ok(wa <= a.scale / 2 * (1 + 1e-12), "asymmetric int8 on [-0.5, 2]: largest error %.6g <= scale/2 = %.6g", wa,
	   a.scale / 2);
	ok(numfmt_q8_encode(&a, -0.5, NULL) >= -128 && numfmt_q8_encode(&a, 2.0, NULL) == 127,
	   "asymmetric: the range ends map to codes inside -128..127");
}

int
main(void)
{
	test_reference_table();
	test_special_values();
	test_round_trip(&NUMFMT_FP16);
	test_round_trip(&NUMFMT_BF16);
	test_ties(&NUMFMT_FP16);
	test_ties(&NUMFMT_BF16);
	test_against_compiler();
	test_int8();
	return done_testing();
}

/* The generator of ref_cases (Python 3), kept for review:

# Independent reference: exact rational rounding to an IEEE format, RNE.
from fractions import Fraction as F
import struct, math
def enc(x, eb, mb):
    width = 1+eb+mb
    if math.isnan(x): return None
    sign = 1 if math.copysign(1,x) < 0 else 0
    expmax = (1<<eb)-1; bias=(1<<(eb-1))-1
    if math.isinf(x): return (sign<<(eb+mb)) | (expmax<<mb)
    a = abs(F(x))
    if a == 0: return sign<<(eb+mb)
    # candidate: find e with 2^e <= a < 2^(e+1)
    e = math.floor(math.log2(a))
    while F(2)**e > a: e -= 1
    while F(2)**(e+1) <= a: e += 1
    emin = 1-bias
    ue = max(e, emin) - mb
    q = a / F(2)**ue
    fl = math.floor(q); rem = q - fl
    if rem > F(1,2) or (rem == F(1,2) and fl % 2 == 1): fl += 1
    val = fl * F(2)**ue
    maxv = (2 - F(1, 2**mb)) * F(2)**bias
    if val > maxv: return (sign<<(eb+mb)) | (expmax<<mb)
    # encode val
    if val == 0: return sign<<(eb+mb)
    e2 = math.floor(math.log2(val))
    while F(2)**e2 > val: e2 -= 1
    while F(2)**(e2+1) <= val: e2 += 1
    if e2 < emin:
        m = val / F(2)**(emin-mb); assert m.denominator == 1
        return (sign<<(eb+mb)) | int(m)
    m = val / F(2)**(e2-mb) - 2**mb; assert m.denominator==1
    return (sign<<(eb+mb)) | ((e2+bias)<<mb) | int(m)
cases = [
 ('0.0',0.0),('-0.0',-0.0),('1.0',1.0),('-2.0',-2.0),('0x1.999999999999ap-4 / * 0.1 * /',0.1),
 ('0x1.5555555555555p-2 / * 1/3 * /',1/3),('0x1.921fb54442d18p+1 / * pi * /',math.pi),
 ('65504.0',65504.0),('65519.99',65519.99),('65520.0',65520.0),('65536.0',65536.0),('-65520.0',-65520.0),('1e10',1e10),
 ('0x1p-24',2**-24),('0x1p-25',2**-25),('0x1.0000000000001p-25',2**-25*(1+2**-52)),('0x1.8p-24 / * 1.5 * 2^-24 * /',1.5*2**-24),
 ('0x1.8p-23 / * 3 * 2^-24: tie at 2 * /', 3*2**-24), ('0x1.4p-23 / * 2.5 * 2^-24 * /',2.5*2**-24),
 ('0x1p-14',2**-14),('0x1.ff8p-15 / * 1023 * 2^-24 * /',1023*2**-24),('0x1.ffcp-15 / * 1023.5 * 2^-24 * /',1023.5*2**-24),
 ('0x1.002p+0 / * 1 + 2^-11 * /',1+2**-11),('0x1.006p+0 / * 1 + 3*2^-11 * /',1+3*2**-11),('0x1.00200004p+0 / * 1 + 2^-11 + 2^-30 * /',1+2**-11+2**-30),
 ('0x1.01p+0 / * 1 + 2^-8 * /',1+2**-8),('0x1.03p+0 / * 1 + 3*2^-8 * /',1+3*2**-8),
 ('0x1.fffffep+127 / * fp32 max * /', float.fromhex('0x1.fffffep+127')),('0x1.fep+127 / * bf16 max * /', float.fromhex('0x1.fep+127')),
 ('0x1p-133',2**-133),('0x1p-134',2**-134),('0x1p-149',2**-149),('0x1p-150',2**-150),('0x1.8p-150',1.5*2**-150),
 ('16777217.0',16777217.0),('1e39',1e39),('-1e-50',-1e-50),('0x1p-1074 / * smallest double * /',5e-324),
]
print("static const struct ref_case ref_cases[] = {")
for src,x in cases:
    h = enc(x,5,10); b = enc(x,8,7); s = enc(x,8,23)
    # cross-check with struct where possible
    try:
        hs = struct.unpack('<H', struct.pack('<e', x))[0]; assert hs == h, (src, hex(hs), hex(h))
    except OverflowError: assert (h & 0x7fff) == 0x7c00
    try:
        ss = struct.unpack('<I', struct.pack('<f', x))[0]; assert ss == s, (src, hex(ss), hex(s))
    except OverflowError: assert (s & 0x7fffffff) == 0x7f800000
    print("\t{%s, 0x%04x, 0x%04x, 0x%08x}," % (src, h, b, s))
print("};")
*/
