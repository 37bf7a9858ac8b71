/* vmath.c - the vector functions (see vmath.h): three instantiations of
 * vmath-kern.h and the dispatch between them; nn_log. */
#include <config.h>

#include "core/vmath.h"
#include "core/kern.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define SIMD_BODY "core/vmath-kern.h"
#include "core/simd-each.h"

/* ==== dispatch ========================================================== */

void
vm_exp(float *y, const float *x, size_t n)
{
	KERN_CALL(exp_array, (y, x, n));
}

void
vm_tanh(float *y, const float *x, size_t n)
{
	KERN_CALL(tanh_array, (y, x, n));
}

void
vm_sigmoid(float *y, const float *x, size_t n)
{
	KERN_CALL(sigmoid_array, (y, x, n));
}

void
vm_gelu(float *y, const float *x, size_t n)
{
	KERN_CALL(gelu_array, (y, x, n));
}

void
vm_gelu_grad(float *dz, const float *x, const float *dh, size_t n)
{
	KERN_CALL(gelu_grad_array, (dz, x, dh, n));
}

void
vm_tanh_grad(float *dz, const float *h, const float *dh, size_t n)
{
	KERN_CALL(tanh_grad_array, (dz, h, dh, n));
}

void
vm_sigmoid_grad(float *dz, const float *h, const float *dh, size_t n)
{
	KERN_CALL(sigmoid_grad_array, (dz, h, dh, n));
}

void
vm_relu(float *h, const float *z, float slope, size_t n)
{
	KERN_CALL(relu_array, (h, z, slope, n));
}

void
vm_relu_grad(float *dz, const float *z, const float *dh, float slope, size_t n)
{
	KERN_CALL(relu_grad_array, (dz, z, dh, slope, n));
}

float
vm_expf(float x)
{
	return v_exp_scalar(x);
}

float
vm_tanhf(float x)
{
	return v_tanh_scalar(x);
}

float
vm_sigmoidf(float x)
{
	return v_sigmoid_scalar(x);
}

float
vm_geluf(float x)
{
	return v_gelu_scalar(x);
}

/* ==== nn_log ============================================================ */

/* x = 2^e m with m in [sqrt(1/2), sqrt(2)); log m = 2 atanh s,
 * s = (m-1)/(m+1), |s| <= 0.1716, summed as s + s^3/3 + ... + s^21/21
 * (the next term is below 1e-19 of the total).  Only +, -, *, / on
 * doubles, in a fixed order. */
double
nn_log(double x)
{
	if (x != x || x < 0)
		return NAN;
	if (x == 0)
		return -INFINITY;
	if (x == INFINITY)
		return INFINITY;
	uint64_t bits;
	memcpy(&bits, &x, sizeof bits);
	int e;
	if ((bits >> 52) == 0) {  /* subnormal: scale up by 2^64 first */
		double y = x * 18446744073709551616.0;
		memcpy(&bits, &y, sizeof bits);
		e = (int)(bits >> 52) - 1023 - 64;
	} else {
		e = (int)(bits >> 52) - 1023;
	}
	bits = (bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;
	double m;
	memcpy(&m, &bits, sizeof m);
	if (m > 1.4142135623730951) {
		m *= 0.5;
		e++;
	}
	double s = (m - 1.0) / (m + 1.0);
	double s2 = s * s;
	double t = 1.0 / 21;
	static const double inv_odd[] = {1.0 / 19, 1.0 / 17, 1.0 / 15, 1.0 / 13, 1.0 / 11,
	                                 1.0 / 9, 1.0 / 7, 1.0 / 5, 1.0 / 3, 1.0};
	for (size_t i = 0; i < sizeof inv_odd / sizeof inv_odd[0]; i++)
		t = t * s2 + inv_odd[i];
	/* ln 2 split so that e * LN2_HI is exact */
	const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
	return e * ln2_hi + (2.0 * s * t + e * ln2_lo);
}
