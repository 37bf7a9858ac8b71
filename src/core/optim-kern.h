/* optim-kern.h - the elementwise updates of the optimisers, written once
 * in the vocabulary of simd-isa.h and included by optim.c once per
 * instruction set (so they vectorise whatever the compiler's cost model
 * says).  Each lane does exactly what the scalar tail does: the formulas
 * are those of optim.h, evaluated left to right.  Not a header to include
 * anywhere else. */

/* The lanes past the last whole vector go through the scalar instance. */
#define OPT_TAIL(call) for (; i < n; i++) call

static void
KN(opt_scale)(float *g, float f, size_t n)
{
	size_t i = 0;
	for (; i + VW <= n; i += VW)
		VST(g + i, VMUL(VLD(g + i), VSET(f)));
	OPT_TAIL(g[i] = g[i] * f);
}

/* w -= a * g (sgd; and weight decay with g = w) */
static void
KN(opt_sgd)(float *w, const float *g, float a, size_t n)
{
	size_t i = 0;
	for (; i + VW <= n; i += VW)
		VST(w + i, VSUB(VLD(w + i), VMUL(VSET(a), VLD(g + i))));
	OPT_TAIL(w[i] = w[i] - a * g[i]);
}

/* v = mu v + g; w -= lr v, or with nesterov w -= lr (g + mu v) */
static void
KN(opt_momentum)(float *w, const float *g, float *v, float mu, float lr, int nesterov, size_t n)
{
	size_t i = 0;
	for (; i + VW <= n; i += VW) {
		V gv = VLD(g + i);
		V vv = VADD(VMUL(VSET(mu), VLD(v + i)), gv);
		VST(v + i, vv);
		V step = nesterov ? VADD(gv, VMUL(VSET(mu), vv)) : vv;
		VST(w + i, VSUB(VLD(w + i), VMUL(VSET(lr), step)));
	}
	for (; i < n; i++) {
		v[i] = mu * v[i] + g[i];
		float step = nesterov ? g[i] + mu * v[i] : v[i];
		w[i] = w[i] - lr * step;
	}
}

/* s = rho s + (1 - rho) g^2; w -= lr g / (sqrt(s) + eps) */
static void
KN(opt_rmsprop)(float *w, const float *g, float *s, float rho, float one_rho, float lr, float eps,
                size_t n)
{
	size_t i = 0;
	for (; i + VW <= n; i += VW) {
		V gv = VLD(g + i);
		V sv = VADD(VMUL(VSET(rho), VLD(s + i)), VMUL(VSET(one_rho), VMUL(gv, gv)));
		VST(s + i, sv);
		V step = VDIV(VMUL(VSET(lr), gv), VADD(VSQRT(sv), VSET(eps)));
		VST(w + i, VSUB(VLD(w + i), step));
	}
	for (; i < n; i++) {
		s[i] = rho * s[i] + one_rho * (g[i] * g[i]);
		w[i] = w[i] - lr * g[i] / (sqrtf(s[i]) + eps);
	}
}

/* m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * w -= lr (m / bc1) / (sqrt(v / bc2) + eps) */
static void
KN(opt_adam)(float *w, const float *g, float *m, float *v, const float k[8], size_t n)
{
	const float b1 = k[0], one_b1 = k[1], b2 = k[2], one_b2 = k[3];
	const float bc1 = k[4], bc2 = k[5], lr = k[6], eps = k[7];
	size_t i = 0;
	for (; i + VW <= n; i += VW) {
		V gv = VLD(g + i);
		V mv = VADD(VMUL(VSET(b1), VLD(m + i)), VMUL(VSET(one_b1), gv));
		V vv = VADD(VMUL(VSET(b2), VLD(v + i)), VMUL(VSET(one_b2), VMUL(gv, gv)));
		VST(m + i, mv);
		VST(v + i, vv);
		V mhat = VDIV(mv, VSET(bc1)), vhat = VDIV(vv, VSET(bc2));
		V step = VDIV(VMUL(VSET(lr), mhat), VADD(VSQRT(vhat), VSET(eps)));
		VST(w + i, VSUB(VLD(w + i), step));
	}
	for (; i < n; i++) {
		m[i] = b1 * m[i] + one_b1 * g[i];
		v[i] = b2 * v[i] + one_b2 * (g[i] * g[i]);
		float mhat = m[i] / bc1, vhat = v[i] / bc2;
		w[i] = w[i] - lr * mhat / (sqrtf(vhat) + eps);
	}
}

#undef OPT_TAIL
