/* quant.h - post-training quantisation of a weight matrix: store every
 * weight in fp16, bf16, int8 or int4 and load it back, measuring what was
 * lost.
 *
 * fp16 and bf16 round each weight to nearest, ties to even (numfmt.h).
 * int8 and int4 are affine: q = clamp(round(w/scale) + zero, lo, hi), read
 * back as (q - zero)*scale.  Symmetric: zero 0, scale = absmax/qmax with
 * qmax 127 (int8) or 7 (int4), codes -qmax..qmax, so every |error| is at
 * most scale/2.  Asymmetric: the range [min(w,0), max(w,0)] onto
 * -128..127 (int8) or -8..7 (int4) with a zero point.  One scale for the
 * whole matrix, or per channel: one per column of W [I][O], that is per
 * output unit.  Not the `quant` command (cmd-quant.c), which picks the
 * matrices and measures accuracy.
 */
#ifndef NN_CORE_QUANT_H
#define NN_CORE_QUANT_H

#include <stddef.h>

enum quant_kind { QUANT_FP16, QUANT_BF16, QUANT_INT8, QUANT_INT4, QUANT_COUNT };
/* quant_names: "fp16", "bf16", "int8", "int4", NULL. */
extern const char *const quant_names[];
/* quant_kind_bits: bits per stored weight: 16, 16, 8, 4. */
int quant_kind_bits(enum quant_kind k);

typedef struct quant_stats {
	size_t n;            /* weights quantised */
	size_t groups;       /* scales stored (int8/int4; 0 for fp16/bf16) */
	size_t clipped;      /* codes clipped (never for finite weights) */
	double max_err;      /* largest |w' - w| */
	double sum_err;      /* sum of |w' - w| */
	double sig_pow;      /* sum of w^2 */
	double err_pow;      /* sum of (w' - w)^2 */
	double max_half_scale; /* the largest scale/2 of any group (int) */
	double worst_excess; /* max over weights of |err| - scale/2 of its
	                      * group (<= 0 when symmetric int is in bounds) */
} quant_stats;

/* quant_matrix: w [rows][cols] replaced by its quantised-then-dequantised
 * values; per_channel: a scale per column; asym: a zero point.  err, when
 * not NULL, receives w' - w per weight [rows][cols].  Adds to *st. */
void quant_matrix(float *w, int rows, int cols, enum quant_kind k, int per_channel, int asym, float *err,
                  quant_stats *st);
/* quant_sqnr_db: 10 log10(sig_pow / err_pow); +inf when err_pow is 0. */
double quant_sqnr_db(const quant_stats *st);

#endif
