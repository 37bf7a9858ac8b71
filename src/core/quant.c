/* quant.c - post-training quantisation of weight matrices (quant.h).
 * The rounding is numfmt.c's, the same `quant bits` spells out.  Not a
 * quantised inference engine: weights are stored and loaded back as
 * floats, so the network runs unchanged on the values it would see.
 */
#include <config.h>

#include "core/quant.h"
#include "core/numfmt.h"

#include <math.h>

const char *const quant_names[] = {"fp16", "bf16", "int8", "int4", NULL};

int
quant_kind_bits(enum quant_kind k)
{
	return k == QUANT_INT8 ? 8 : k == QUANT_INT4 ? 4 : 16;
}

/* the code range and scale of one group of weights spanning [lo, hi] */
static numfmt_q8
group_params(enum quant_kind k, int asym, double lo, double hi)
{
	if (k == QUANT_INT8)
		return asym ? numfmt_q8_asymmetric(lo, hi) : numfmt_q8_symmetric(fmax(fabs(lo), fabs(hi)));
	/* int4: the same rules with 4-bit codes */
	numfmt_q8 q = {1.0, 0, asym ? -8 : -7, 7};
	if (!asym) {
		double m = fmax(fabs(lo), fabs(hi));
		if (m > 0 && isfinite(m))
			q.scale = m / 7.0;
		return q;
	}
	if (lo > 0)
		lo = 0;
	if (hi < 0)
		hi = 0;
	if (hi > lo && isfinite(hi - lo)) {
		q.scale = (hi - lo) / 15.0;
		double z = -8.0 - nearbyint(lo / q.scale);  /* default rounding: ties to even */
		q.zero = z < -8 ? -8 : z > 7 ? 7 : (int)z;
	}
	return q;
}

static void
account(quant_stats *st, double w, double v, double half, float *err)
{
	double e = v - w, a = fabs(e);
	if (err)
		*err = (float)e;
	st->n++;
	st->sum_err += a;
	st->sig_pow += w * w;
	st->err_pow += e * e;
	if (a > st->max_err)
		st->max_err = a;
	if (half >= 0 && a - half > st->worst_excess)
		st->worst_excess = a - half;
}

void
quant_matrix(float *w, int rows, int cols, enum quant_kind k, int per_channel, int asym, float *err,
             quant_stats *st)
{
	size_t n = (size_t)rows * (size_t)cols;
	if (st->n == 0)
		st->worst_excess = -INFINITY;
	if (k == QUANT_FP16 || k == QUANT_BF16) {
		for (size_t i = 0; i < n; i++) {
			float v = k == QUANT_FP16 ? numfmt_from_fp16(numfmt_to_fp16(w[i])) : numfmt_from_bf16(numfmt_to_bf16(w[i]));
			account(st, w[i], v, -1, err ? err + i : NULL);
			w[i] = v;
		}
		return;
	}
	int groups = per_channel ? cols : 1;
	for (int g = 0; g < groups; g++) {
		/* a group: column g, or the whole matrix */
		int c0 = per_channel ? g : 0, c1 = per_channel ? g + 1 : cols;
		double lo = 0, hi = 0;
		for (int r = 0; r < rows; r++)
			for (int c = c0; c < c1; c++) {
				double x = w[(size_t)r * cols + c];
				lo = x < lo ? x : lo;
				hi = x > hi ? x : hi;
			}
		numfmt_q8 q = group_params(k, asym, lo, hi);
		st->groups++;
		if (q.scale / 2 > st->max_half_scale)
			st->max_half_scale = q.scale / 2;
		for (int r = 0; r < rows; r++)
			for (int c = c0; c < c1; c++) {
				size_t i = (size_t)r * cols + c;
				int clipped;
				int code = numfmt_q8_encode(&q, w[i], &clipped);
				float v = (float)numfmt_q8_decode(&q, code);
				st->clipped += (size_t)clipped;
				account(st, w[i], v, q.scale / 2, err ? err + i : NULL);
				w[i] = v;
			}
	}
}

double
quant_sqnr_db(const quant_stats *st)
{
	if (st->err_pow == 0)
		return INFINITY;
	return 10.0 * log10(st->sig_pow / st->err_pow);
}
