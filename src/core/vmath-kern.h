/* vmath-kern.h - the body of the vector functions, written once in the
 * vocabulary of simd-isa.h and included by vmath.c once per instruction
 * set.  Not a header to include anywhere else. */

/* The reduction e^x = 2^n e^r, x = n ln2 + r with |r| <= ln2/2
 * (Cody-Waite with fma), and e^r - 1 = r + r^2 Q(r) with Q a degree-4
 * near-minimax polynomial (relative error 3e-9 before rounding).  x is
 * taken as at least -87.34; *p2n receives 2^n, built in the exponent
 * bits; returns e^r - 1. */
static inline V
KN(v_exp_reduce)(V x, V *p2n)
{
	V xc = VMAX(VSET(-87.33654f), x);
	V t = VFMA(xc, VSET(0x1.715476p+0f), VSET(12582912.0f));
	V n = VSUB(t, VSET(12582912.0f));
	V r = VFMA(n, VSET(-0x1.62e43p-1f), xc);
	r = VFMA(n, VSET(0x1.05c61p-29f), r);
	V q = VSET(0.00138146081f);
	q = VFMA(q, r, VSET(0.00836871006f));
	q = VFMA(q, r, VSET(0.0416683890f));
	q = VFMA(q, r, VSET(0.166665211f));
	q = VFMA(q, r, VSET(0.499999940f));
	*p2n = VPOW2I(n);
	return VFMA(VMUL(r, r), q, r);
}

/* e^x = 2^n (1 + p), for x <= 88 (larger x gives e^88); 0 below -87.34. */
static inline V
KN(v_exp)(V x)
{
	V s;
	V p = KN(v_exp_reduce)(VMIN(VSET(88.0f), x), &s);
	V y = VMUL(VADD(p, VSET(1.0f)), s);
	y = VSEL(VLT(x, VSET(-87.33654f)), VZERO, y);
	return VSEL(VISNAN(x), x, y);
}

/* e^x - 1 for x <= 0: 2^n p + (2^n - 1), one fma; for n = 0 that is p
 * itself, so small x keep their relative accuracy. */
static inline V
KN(v_expm1_neg)(V x)
{
	V s;
	V p = KN(v_exp_reduce)(x, &s);
	return VFMA(s, p, VSUB(s, VSET(1.0f)));
}

/* tanh x = -expm1(-2a) / (2 + expm1(-2a)), a = |x| capped at 9.5 (where
 * tanh already rounds to 1); the sign is put back last. */
static inline V
KN(v_tanh)(V x)
{
	V a = VMIN(VSET(9.5f), VABS(x));
	V em = KN(v_expm1_neg)(VMUL(VSET(-2.0f), a));
	V t = VDIV(VSUB(VZERO, em), VADD(VSET(2.0f), em));
	t = VCOPYSIGN(t, x);
	return VSEL(VISNAN(x), x, t);
}

/* sigmoid x: e = e^-|x| never overflows; 1/(1+e) for x >= 0, e/(1+e)
 * as e * (1/(1+e)) for x < 0. */
static inline V
KN(v_sigmoid)(V x)
{
	V e = KN(v_exp)(VSUB(VZERO, VABS(x)));
	V s = VDIV(VSET(1.0f), VADD(VSET(1.0f), e));
	V y = VSEL(VLT(x, VZERO), VMUL(e, s), s);
	return VSEL(VISNAN(x), x, y);
}

/* v = 2c (x + 0.044715 x^3) = x (K0 + K1 x^2), c = sqrt(2/pi). */
#define GELU_K0 1.59576917f
#define GELU_K1 0.0713548139f

static inline V
KN(v_gelu)(V x)
{
	V v = VMUL(x, VFMA(VSET(GELU_K1), VMUL(x, x), VSET(GELU_K0)));
	return VMUL(x, KN(v_sigmoid)(v));
}

/* gelu'(x) = s + x s (1 - s) v'(x), s = sigmoid(v), v' = K0 + 3 K1 x^2. */
static inline V
KN(v_gelu_grad)(V x, V dh)
{
	V x2 = VMUL(x, x);
	V v = VMUL(x, VFMA(VSET(GELU_K1), x2, VSET(GELU_K0)));
	V s = KN(v_sigmoid)(v);
	V dv = VFMA(VSET(3.0f * GELU_K1), x2, VSET(GELU_K0));
	V g = VFMA(VMUL(VMUL(x, s), VSUB(VSET(1.0f), s)), dv, s);
	return VMUL(dh, g);
}

/* The array loops: whole vectors, then the tail through the scalar
 * instantiation (which computes each lane identically). */
#define VMATH_LOOP(fn)                                                    \
	static void KN(fn##_array)(float *y, const float *x, size_t n)    \
	{                                                                 \
		size_t i = 0;                                             \
		for (; i + VW <= n; i += VW)                              \
			VST(y + i, KN(v_##fn)(VLD(x + i)));               \
		for (; i < n; i++)                                        \
			y[i] = v_##fn##_scalar(x[i]);                     \
	}
VMATH_LOOP(exp)
VMATH_LOOP(tanh)
VMATH_LOOP(sigmoid)
VMATH_LOOP(gelu)
#undef VMATH_LOOP

static void
KN(gelu_grad_array)(float *dz, const float *x, const float *dh, size_t n)
{
	size_t i = 0;
	for (; i + VW <= n; i += VW)
		VST(dz + i, KN(v_gelu_grad)(VLD(x + i), VLD(dh + i)));
	for (; i < n; i++)
		dz[i] = v_gelu_grad_scalar(x[i], dh[i]);
}

/* The derivatives that need no transcendental: tanh' = 1 - h^2 and
 * sigmoid' = h (1 - h), from the forward output h. */
static void
KN(tanh_grad_array)(float *dz, const float *h, const float *dh, size_t n)
{
	size_t i = 0;
	for (; i + VW <= n; i += VW) {
		V hv = VLD(h + i);
		VST(dz + i, VMUL(VLD(dh + i), VSUB(VSET(1.0f), VMUL(hv, hv))));
	}
	for (; i < n; i++)
		dz[i] = dh[i] * (1.0f - h[i] * h[i]);
}

static void
KN(sigmoid_grad_array)(float *dz, const float *h, const float *dh, size_t n)
{
	size_t i = 0;
	for (; i + VW <= n; i += VW) {
		V hv = VLD(h + i);
		VST(dz + i, VMUL(VLD(dh + i), VMUL(hv, VSUB(VSET(1.0f), hv))));
	}
	for (; i < n; i++)
		dz[i] = dh[i] * (h[i] * (1.0f - h[i]));
}

/* relu and leaky relu, forward and backward.  max(+0, z) lets NaN through
 * (x86 max returns its second operand then) and maps -0 to -0. */
static void
KN(relu_array)(float *h, const float *z, float slope, size_t n)
{
	size_t i = 0;
	for (; i + VW <= n; i += VW) {
		V zv = VLD(z + i);
		VST(h + i, slope == 0.0f ? VMAX(VZERO, zv) : VSEL(VLT(VZERO, zv), zv, VMUL(VSET(slope), zv)));
	}
	for (; i < n; i++)
		h[i] = slope == 0.0f ? simd_max_scalar(0.0f, z[i]) : (0.0f < z[i] ? z[i] : slope * z[i]);
}

static void
KN(relu_grad_array)(float *dz, const float *z, const float *dh, float slope, size_t n)
{
	size_t i = 0;
	for (; i + VW <= n; i += VW) {
		V dv = VLD(dh + i);
		VST(dz + i, VSEL(VLT(VZERO, VLD(z + i)), dv, VMUL(VSET(slope), dv)));
	}
	for (; i < n; i++)
		dz[i] = 0.0f < z[i] ? dh[i] : slope * dh[i];
}

#undef GELU_K0
#undef GELU_K1
