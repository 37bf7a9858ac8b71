/* test-quant.c - the weight quantiser of src/core/quant.c against
 * independent computations: symmetric int8 and int4 errors within scale/2
 * of a scale recomputed here, per-channel scales per column, asymmetric
 * codes covering [min, max], fp16/bf16 equal to numfmt's single-value
 * conversions, SQNR from its definition; and the seeded outcome that fp16
 * weights change a trained spiral classifier's accuracy by at most one
 * sample in 240.  Links libnncore.a and -lm only.
 */
#include <config.h>

#include "core/dataset.h"
#include "core/model.h"
#include "core/numfmt.h"
#include "core/quant.h"
#include "core/rng.h"
#include "core/train.h"
#include "../tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { R = 17, C = 9 };

static void
fill(float *w, rng_t *r)
{
	for (int i = 0; i < R * C; i++)
		w[i] = rng_uf(r, -0.8, 0.5) * (float)(1 + i % C);  /* columns with different ranges */
	w[5] = -3.25f;                                              /* one outlier */
}

/* the largest |err| - scale/2 with scales computed here */
static double
excess(const float *w0, const float *w1, int per_channel, double qmax)
{
	double worst = -1;
	for (int c0 = 0; c0 < (per_channel ? C : 1); c0++) {
		int a = per_channel ? c0 : 0, b = per_channel ? c0 + 1 : C;
		double m = 0;
		for (int r = 0; r < R; r++)
			for (int c = a; c < b; c++)
				m = fmax(m, fabs(w0[r * C + c]));
		double half = m / qmax / 2;
		for (int r = 0; r < R; r++)
			for (int c = a; c < b; c++) {
				/* one float rounding of the dequantised value is allowed */
				double e = fabs((double)w1[r * C + c] - w0[r * C + c]) - half -
				           ldexp(1.0, -24) * fabs(w1[r * C + c]);
				worst = fmax(worst, e);
			}
	}
	return worst;
}

static void
test_int(void)
{
	rng_t r;
	rng_init(&r, 7);
	float w0[R * C], w[R * C], err[R * C];
	fill(w0, &r);
	for (int k = QUANT_INT8; k <= QUANT_INT4; k++)
		for (int pc = 0; pc <= 1; pc++) {
			memcpy(w, w0, sizeof w);
			quant_stats st = {0};
			quant_matrix(w, R, C, k, pc, 0, err, &st);
			double qmax = k == QUANT_INT8 ? 127 : 7;
			ok(excess(w0, w, pc, qmax) <= 0, "%s%s symmetric: every |error| <= scale/2", quant_names[k],
			   pc ? " per-channel" : "");
			ok(st.groups == (size_t)(pc ? C : 1) && st.clipped == 0 && st.n == R * C, "%s%s: %zu groups, none clipped",
			   quant_names[k], pc ? " per-channel" : "", st.groups);
			/* every value is code * scale with |code| <= qmax */
			int codes_ok = 1;
			for (int c = 0; c < C; c++) {
				double m = 0;
				for (int i = 0; i < R; i++)
					m = fmax(m, fabs(pc ? w0[i * C + c] : w0[i * C + c]));
				if (!pc)
					for (int i = 0; i < R * C; i++)
						m = fmax(m, fabs(w0[i]));
				double scale = m / qmax;
				for (int i = 0; i < R; i++) {
					double q = w[i * C + c] / scale;
					codes_ok &= fabs(q - nearbyint(q)) < 1e-4 && fabs(q) <= qmax + 1e-4;
				}
			}
			ok(codes_ok, "%s%s: every weight is an integer code times the scale", quant_names[k],
			   pc ? " per-channel" : "");
			double sp = 0, ep = 0, mx = 0;
			for (int i = 0; i < R * C; i++) {
				double e = (double)w[i] - w0[i];
				sp += (double)w0[i] * w0[i];
				ep += e * e;
				mx = fmax(mx, fabs(e));
				codes_ok &= err[i] == (float)e;
			}
			close_enough(quant_sqnr_db(&st), 10 * log10(sp / ep), 1e-9, 0, "SQNR from its definition");
			ok(st.max_err == mx && codes_ok, "max error and the error array agree");
		}
	/* per-channel follows each column's range: smaller error than one scale */
	quant_stats a = {0}, b = {0};
	memcpy(w, w0, sizeof w);
	quant_matrix(w, R, C, QUANT_INT8, 0, 0, NULL, &a);
	memcpy(w, w0, sizeof w);
	quant_matrix(w, R, C, QUANT_INT8, 1, 0, NULL, &b);
	ok(b.err_pow < a.err_pow, "per-channel int8 has less error than per-tensor (%.3g < %.3g)", b.err_pow, a.err_pow);
	/* asymmetric: codes -128..127 and -8..7 covering [min, max] with a zero point */
	for (int k = QUANT_INT8; k <= QUANT_INT4; k++) {
		memcpy(w, w0, sizeof w);
		quant_stats st = {0};
		quant_matrix(w, R, C, k, 0, 1, NULL, &st);
		double lo = 0, hi = 0;
		for (int i = 0; i < R * C; i++)
			lo = fmin(lo, w0[i]), hi = fmax(hi, w0[i]);
		double scale = (hi - lo) / (k == QUANT_INT8 ? 255 : 15);
		ok(st.clipped == 0 && st.max_err <= scale / 2 * (1 + 1e-6),
		   "%s asym: scale (max-min)/%d, no clipping, |error| <= scale/2 (%.4g <= %.4g)", quant_names[k],
		   k == QUANT_INT8 ? 255 : 15, st.max_err, scale / 2);
		memcpy(w, w0, sizeof w);
		quant_stats sy = {0};
		quant_matrix(w, R, C, k, 0, 0, NULL, &sy);
		ok(st.err_pow < sy.err_pow, "%s asym beats symmetric on a lopsided range", quant_names[k]);
	}
}

static void
test_float(void)
{
	rng_t r;
	rng_init(&r, 3);
	float w0[R * C], w[R * C];
	fill(w0, &r);
	w0[0] = 1e-6f;       /* an fp16 subnormal */
	w0[1] = 70000.0f;    /* beyond fp16: infinity */
	for (int k = QUANT_FP16; k <= QUANT_BF16; k++) {
		memcpy(w, w0, sizeof w);
		quant_stats st = {0};
		quant_matrix(w, R, C, k, 0, 0, NULL, &st);
		int same = 1;
		for (int i = 0; i < R * C; i++) {
			double want = numfmt_decode(k == QUANT_FP16 ? &NUMFMT_FP16 : &NUMFMT_BF16,
			                            numfmt_encode(k == QUANT_FP16 ? &NUMFMT_FP16 : &NUMFMT_BF16, w0[i]));
			same &= (double)w[i] == want;
		}
		ok(same && st.groups == 0, "%s: every weight is numfmt's rounding of it", quant_names[k]);
	}
	ok(quant_kind_bits(QUANT_FP16) == 16 && quant_kind_bits(QUANT_INT8) == 8 && quant_kind_bits(QUANT_INT4) == 4,
	   "bits per weight");
}

/* seeded: a spiral classifier keeps its accuracy in fp16 */
static void
test_model(void)
{
	rng_t r;
	rng_init(&r, 0);
	dataset *ds = dataset_spiral(&r, 80, 3, 0.2);
	model *m = model_new(2);
	model_add_dense(m, 32, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 32, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 3, ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(m, &r);
	trainer t;
	trainer_init(&t);
	trainer_reset(&t, m);
	for (int i = 0; i < 3000; i++)
		trainer_step(&t, m, ds, &r);
	eval_result e0, e1, e2;
	model_evaluate(m, &t.loss, ds, 0, ds->n, &e0, NULL);
	float *keep = malloc(m->n_params * sizeof *keep);
	memcpy(keep, m->params, m->n_params * sizeof *keep);
	quant_stats st = {0};
	for (int l = 0; l < m->n_layers; l++)
		quant_matrix(layer_W(m, l), m->layers[l].in, m->layers[l].out, QUANT_FP16, 0, 0, NULL, &st);
	model_evaluate(m, &t.loss, ds, 0, ds->n, &e1, NULL);
	ok(e0.acc > 0.9, "the spiral classifier trained (accuracy %.4f)", e0.acc);
	ok(labs(e1.correct - e0.correct) <= 1, "fp16 weights change the accuracy by at most 1 sample in %ld (%ld -> %ld)",
	   e0.n, e0.correct, e1.correct);
	ok(fabs(e1.loss - e0.loss) < 1e-3, "and the loss by less than 1e-3 (%.6f -> %.6f)", e0.loss, e1.loss);
	for (int l = 0; l < m->n_layers; l++)
		quant_matrix(layer_W(m, l), m->layers[l].in, m->layers[l].out, QUANT_INT4, 0, 0, NULL, &st);
	model_evaluate(m, &t.loss, ds, 0, ds->n, &e2, NULL);
	diag("int4 after fp16: %ld -> %ld correct", e0.correct, e2.correct);
	memcpy(m->params, keep, m->n_params * sizeof *keep);
	model_evaluate(m, &t.loss, ds, 0, ds->n, &e2, NULL);
	ok(e2.correct == e0.correct && e2.loss == e0.loss, "restored weights give the same result bit for bit");
	free(keep);
	trainer_free(&t);
	model_free(m);
	dataset_free(ds);
}

int
main(void)
{
	test_int();
	test_float();
	test_model();
	return done_testing();
}
