/* attn-kern.h - the row operations of the attention softmax, written once
 * in the vocabulary of simd-isa.h and included by attn.c once per
 * instruction set: every element goes through the same IEEE operations
 * on every path.  Sums run element by element in a fixed order, in scalar
 * code, so they too are the same everywhere.  Not a header to include
 * anywhere else. */

/* Row i of the scores: scaled = s / root over the first n entries, -inf
 * after them (the causal mask); e = scaled - max(scaled), the argument of
 * the exponential (-inf where masked). */
static void
KN(attn_scale_row)(const float *s, float *sc, float *e, int n, int T, float root)
{
	V vroot = VSET(root);
	V vmx = VSET(-INFINITY);
	int j = 0;
	for (; j + VW <= n; j += VW) {
		V x = VDIV(VLD(s + j), vroot);
		VST(sc + j, x);
		vmx = VMAX(vmx, x);
	}
	float lanes[VW];
	VST(lanes, vmx);
	float mx = lanes[0];
	for (int k = 1; k < VW; k++)
		mx = lanes[k] > mx ? lanes[k] : mx;
	for (; j < n; j++) {
		float x = s[j] / root;
		sc[j] = x;
		mx = x > mx ? x : mx;
	}
	for (j = n; j < T; j++)
		sc[j] = -INFINITY;
	V vm = VSET(mx);
	for (j = 0; j + VW <= n; j += VW)
		VST(e + j, VSUB(VLD(sc + j), vm));
	for (; j < n; j++)
		e[j] = sc[j] - mx;
	for (j = n; j < T; j++)
		e[j] = -INFINITY;
}

/* w = w / sum(w) over a row of T entries; the sum from left to right. */
static void
KN(attn_norm_row)(float *w, int T)
{
	float sum = 0.0f;
	for (int j = 0; j < T; j++)
		sum += w[j];
	V vs = VSET(sum);
	int j = 0;
	for (; j + VW <= T; j += VW)
		VST(w + j, VDIV(VLD(w + j), vs));
	for (; j < T; j++)
		w[j] = w[j] / sum;
}
