/* test-vmath.c - the vector functions: accuracy against libm in double,
 * and bit identity between the scalar path and every vector path the
 * machine has (special values included); nn_log against libm. */
#include <config.h>

#include "../tap.h"
#include "core/kern.h"
#include "core/vmath.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The distance from got to the exact want in units of the float ulp at
 * want (the spacing of floats there; subnormal spacing near 0). */
static double
ulps(float got, double want)
{
	if (isnan(want))
		return isnan(got) ? 0 : 1e30;
	if (isinf(want))
		return got == (float)want ? 0 : 1e30;
	double a = fabs(want);
	int e;
	frexp(a > FLT_MIN ? a : FLT_MIN, &e);
	double ulp = ldexp(1.0, e - 24);
	return fabs((double)got - want) / ulp;
}

static double ref_exp(double x) { return exp(x); }
static double ref_tanh(double x) { return tanh(x); }
static double ref_sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }
/* the tanh form of gelu, written as x * sigmoid(2v) so that the reference
 * itself does not cancel */
static double
ref_gelu(double x)
{
	double v = sqrt(2.0 / M_PI) * (x + 0.044715 * x * x * x);
	return x / (1.0 + exp(-2.0 * v));
}

typedef void (*vfn)(float *, const float *, size_t);

/* Sweep n points of [lo, hi]: the largest error in ulps. */
static double
sweep(vfn f, double (*ref)(double), double lo, double hi, size_t n, double *at)
{
	float *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	for (size_t i = 0; i < n; i++)
		x[i] = (float)(lo + (hi - lo) * (double)i / (double)(n - 1));
	f(y, x, n);
	double worst = 0;
	for (size_t i = 0; i < n; i++) {
		double u = ulps(y[i], ref(x[i]));
		if (u > worst) {
			worst = u;
			*at = x[i];
		}
	}
	free(x);
	free(y);
	return worst;
}

/* Inputs that stress every branch: specials, tiny, huge, branch edges,
 * and pseudo-random values over the float range. */
static size_t
special_inputs(float *x, size_t cap)
{
	const float fixed[] = {0.0f, -0.0f, NAN, -NAN, INFINITY, -INFINITY, FLT_MIN, -FLT_MIN,
	                       1e-45f, -1e-45f, 1e-30f, 1e-8f, 0.3466f, 0.625f, -0.625f, 9.5f, 9.6f,
	                       -9.5f, 18.0f, 87.0f, 88.0f, 88.5f, 100.0f, -87.33f, -87.34f, -88.0f,
	                       -103.0f, -200.0f, FLT_MAX, -FLT_MAX, 1.0f, -1.0f, 0.5f, 2.0f, -3.388f};
	size_t n = 0;
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] && n < cap; i++)
		x[n++] = fixed[i];
	uint64_t s = 12345;
	while (n < cap) {
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		uint32_t bits = (uint32_t)(s >> 32);
		float f;
		memcpy(&f, &bits, sizeof f);
		/* mostly moderate magnitudes, some anything at all */
		if (n % 4)
			f = (float)((double)(bits % 2000001) / 50000.0 - 20.0);
		x[n++] = f;
	}
	return n;
}

static int
same_bits(const float *a, const float *b, size_t n, size_t *where)
{
	for (size_t i = 0; i < n; i++)
		if (memcmp(&a[i], &b[i], sizeof a[i]) != 0) {
			*where = i;
			return 0;
		}
	return 1;
}

int
main(void)
{
	double at = 0, u;

	/* ---- accuracy ---------------------------------------------------- */
	u = sweep(vm_exp, ref_exp, -87.0, 88.0, 2000003, &at);
	ok(u <= 1.5, "exp within 1.5 ulp on [-87, 88] (worst %.2f at %g)", u, at);
	u = sweep(vm_tanh, ref_tanh, -12.0, 12.0, 2000003, &at);
	ok(u <= 3.0, "tanh within 3 ulp on [-12, 12] (worst %.2f at %g)", u, at);
	u = sweep(vm_tanh, ref_tanh, -1e-3, 1e-3, 200003, &at);
	ok(u <= 3.0, "tanh within 3 ulp near 0 (worst %.2f at %g)", u, at);
	u = sweep(vm_sigmoid, ref_sigmoid, -80.0, 30.0, 2000003, &at);
	ok(u <= 4.0, "sigmoid within 4 ulp on [-80, 30] (worst %.2f at %g)", u, at);
	u = sweep(vm_gelu, ref_gelu, -2.0, 12.0, 2000003, &at);
	ok(u <= 8.0, "gelu within 8 ulp on [-2, 12] (worst %.2f at %g)", u, at);
	/* below -2, gelu(x) = x e^v/(1+e^v) with |v| growing like x^3: one
	 * rounding of v moves e^v by |v| ulps, so the bound grows with |v| */
	{
		size_t n = 400001;
		double worst = 0;
		for (size_t i = 0; i < n; i++) {
			float x = (float)(-9.0 + 7.0 * (double)i / (double)(n - 1));
			double v = sqrt(2.0 / M_PI) * (x + 0.044715 * (double)x * x * x);
			double e = ulps(vm_geluf(x), ref_gelu(x)) / (8.0 + 4.0 * fabs(v));
			worst = e > worst ? e : worst;
		}
		ok(worst <= 1.0, "gelu on [-9, -2] within 8 + 4|v| ulp (worst ratio %.2f)", worst);
	}
	/* the derivative of gelu against a central difference of the reference */
	{
		double worst = 0;
		for (int i = 0; i <= 2000; i++) {
			float x = (float)(-6.0 + 12.0 * i / 2000.0), dh = 1.0f, dz;
			vm_gelu_grad(&dz, &x, &dh, 1);
			double h = 1e-5, num = (ref_gelu(x + h) - ref_gelu(x - h)) / (2 * h);
			/* float rounding of s + x s (1-s) v', which cancels where
			 * gelu' crosses 0, against the double difference */
			double e = fabs(dz - num) / (4e-7 * (1.0 + fabs(x)) + 1e-6 * fabs(num));
			worst = e > worst ? e : worst;
		}
		ok(worst <= 1.0, "gelu' against a central difference, within 4e-7 (1+|x|) + 1e-6 |g'| (worst ratio %.2f)", worst);
	}
	/* tanh' and sigmoid' from the outputs */
	{
		float h[3] = {0.5f, -0.25f, 0.9f}, dh[3] = {2.0f, 1.0f, -1.0f}, dz[3];
		vm_tanh_grad(dz, h, dh, 3);
		ok(dz[0] == 1.5f && dz[1] == 0.9375f && fabsf(dz[2] + 0.19f) < 1e-6f, "tanh' = dh (1 - h^2)");
		vm_sigmoid_grad(dz, h, dh, 3);
		ok(dz[0] == 0.5f && dz[1] == -0.3125f && fabsf(dz[2] + 0.09f) < 1e-6f, "sigmoid' = dh h (1 - h)");
	}

	/* ---- special values ---------------------------------------------- */
	ok(isnan(vm_expf(NAN)) && isnan(vm_tanhf(NAN)) && isnan(vm_sigmoidf(NAN)) && isnan(vm_geluf(NAN)),
	   "NaN in, NaN out");
	ok(vm_tanhf(INFINITY) == 1.0f && vm_tanhf(-INFINITY) == -1.0f, "tanh(+-inf) = +-1");
	ok(vm_sigmoidf(INFINITY) == 1.0f && vm_sigmoidf(-INFINITY) == 0.0f, "sigmoid(+-inf) = 1, 0");
	ok(vm_expf(-INFINITY) == 0.0f && vm_expf(-200.0f) == 0.0f && vm_expf(0.0f) == 1.0f, "exp(-inf) = 0, exp(0) = 1");
	ok(vm_tanhf(9.5f) == 1.0f && vm_tanhf(10.0f) == 1.0f && vm_tanhf(-20.0f) == -1.0f &&
	   fabs(vm_tanhf(9.0f) - tanh(9.0)) < 3.1e-8, "tanh saturates at +-1 (and tanh(9) is within 0.52 ulp)");
	ok(signbit(vm_tanhf(-0.0f)) && vm_tanhf(-0.0f) == 0.0f, "tanh(-0) = -0");
	ok(vm_tanhf(1e-30f) == 1e-30f, "tanh(x) = x for tiny x");

	/* ---- bit identity of the paths ------------------------------------ */
	int best = kern_best_level();
	diag("best level on this machine: %s", kern_level_name(best));
	enum { N = 100003 };
	float *x = malloc(N * sizeof *x), *ys = malloc(N * sizeof *ys), *yv = malloc(N * sizeof *yv);
	float *dh = malloc(N * sizeof *dh);
	size_t n = special_inputs(x, N);
	for (size_t i = 0; i < n; i++)
		dh[i] = (float)((double)(i % 1000) / 250.0 - 2.0);
	const char *names[] = {"exp", "tanh", "sigmoid", "gelu", "gelu'", "tanh'", "sigmoid'", "relu", "leaky relu",
	                       "relu'", "leaky relu'"};
	for (int lv = KERN_AVX2; lv <= best; lv++) {
		for (int f = 0; f < 11; f++) {
			for (int pass = 0; pass < 2; pass++) {
				kern_set_level(pass == 0 ? KERN_SCALAR : lv);
				float *y = pass == 0 ? ys : yv;
				/* odd lengths and offsets, so tails and unaligned loads run */
				for (size_t off = 0; off < n; off += 4099) {
					size_t len = n - off < 4099 ? n - off : 4099;
					float *yo = y + off;
					const float *xo = x + off;
					switch (f) {
					case 0: vm_exp(yo, xo, len); break;
					case 1: vm_tanh(yo, xo, len); break;
					case 2: vm_sigmoid(yo, xo, len); break;
					case 3: vm_gelu(yo, xo, len); break;
					case 4: vm_gelu_grad(yo, xo, dh + off, len); break;
					case 5: vm_tanh_grad(yo, xo, dh + off, len); break;
					case 6: vm_sigmoid_grad(yo, xo, dh + off, len); break;
					case 7: vm_relu(yo, xo, 0.0f, len); break;
					case 8: vm_relu(yo, xo, 0.01f, len); break;
					case 9: vm_relu_grad(yo, xo, dh + off, 0.0f, len); break;
					default: vm_relu_grad(yo, xo, dh + off, 0.01f, len); break;
					}
				}
			}
			size_t where = 0;
			int same = same_bits(ys, yv, n, &where);
			ok(same, "%s: %s and scalar give the same bits on %zu inputs", names[f], kern_level_name(lv), n);
			if (!same)
				diag("first difference at x = %a: scalar %a, vector %a", x[where], ys[where], yv[where]);
		}
	}
	if (best == KERN_SCALAR)
		ok(1, "# SKIP no vector unit to compare with the scalar path");
	if (best < KERN_AVX512)
		diag("AVX-512 is not available here: that path was compiled but not run");
	kern_set_level(best);
	/* in place works */
	memcpy(yv, x, n * sizeof *x);
	vm_tanh(yv, yv, n);
	vm_tanh(ys, x, n);
	size_t where;
	ok(same_bits(ys, yv, n, &where), "tanh in place gives the same result");
	free(x);
	free(ys);
	free(yv);
	free(dh);

	/* ---- nn_log ------------------------------------------------------- */
	{
		double worst = 0, wat = 0;
		uint64_t s = 99;
		for (int i = 0; i < 1000000; i++) {
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			double v = ldexp(1.0 + (double)(s >> 11) * 0x1.0p-53, (int)(s % 2000) - 1000);
			double want = log(v), got = nn_log(v);
			double ulp = want == 0 ? DBL_MIN : ldexp(1.0, ilogb(want) - 52);
			double e = fabs(got - want) / ulp;
			if (e > worst) {
				worst = e;
				wat = v;
			}
		}
		ok(worst <= 2.5, "nn_log within 2.5 ulp of libm (worst %.2f at %g)", worst, wat);
		ok(nn_log(1.0) == 0.0 && nn_log(0.0) == -INFINITY && isnan(nn_log(-1.0)) && isnan(nn_log(NAN)) &&
		   nn_log(INFINITY) == INFINITY, "nn_log special values");
		ok(fabs(nn_log(4.9406564584124654e-324) + 744.44007192138126) < 1e-12, "nn_log of the smallest subnormal");
	}
	return done_testing();
}
