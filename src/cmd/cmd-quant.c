/* cmd-quant.c - the `quant` command: how a number is stored in fp32, fp16
 * and bf16 (sign, exponent, mantissa, hex code, the value actually kept
 * and the error), its int8 code under a scale; and the current network's
 * weights quantised to fp16, bf16, int8 or int4 (size, error, SQNR, the
 * error histogram, accuracy before and after) with `quant undo`.
 *
 * The conversions are src/core/numfmt.c's and quant.c's.  Not a
 * calculator for arbitrary formats, and not a quantised inference engine:
 * the weights are replaced by the values the format keeps.
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/biglab.h"
#include "cmd/cmd-families.h"
#include "cmd/netcmd.h"
#include "cmd/seqlab.h"
#include "core/alloc.h"
#include "core/numfmt.h"
#include "core/quant.h"
#include "core/rnn.h"
#include "out/chart.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/utf8.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const numfmt *const formats[] = {&NUMFMT_FP32, &NUMFMT_FP16, &NUMFMT_BF16};
enum { NFORMATS = 3 };

/* ==== the number ========================================================= */

/* parse_pattern: "fp16:0x3c00" -> the format and the bits; 0 if the text
 * is not of that form, -1 after an error. */
static int
parse_pattern(const char *text, const numfmt **f, uint32_t *bits)
{
	const char *colon = strchr(text, ':');
	if (!colon)
		return 0;
	size_t nlen = (size_t)(colon - text);
	*f = NULL;
	for (int i = 0; i < NFORMATS; i++)
		if (strlen(formats[i]->name) == nlen && strncmp(text, formats[i]->name, nlen) == 0)
			*f = formats[i];
	if (!*f)
		return out_error("'%s': the format before ':' must be fp32, fp16 or bf16", text);
	const char *h = colon + 1;
	int width = numfmt_width(*f);
	if (strncmp(h, "0x", 2) != 0 && strncmp(h, "0X", 2) != 0)
		return out_error("'%s': give the bit pattern in hex after ':', e.g. %s:0x%0*x", text, (*f)->name, width / 4,
		                 width == 32 ? 0x3f800000u : (*f)->ebits == 5 ? 0x3c00u : 0x3f80u);
	h += 2;
	size_t n = strlen(h);
	if (n == 0 || n > (size_t)width / 4 || strspn(h, "0123456789abcdefABCDEF") != n)
		return out_error("'%s' is not a valid %s pattern; give at most %d hex digits after 0x", text, (*f)->name,
		                 width / 4);
	*bits = (uint32_t)strtoul(h, NULL, 16);
	return 1;
}

/* parse_value: a decimal, 2^N, nan, inf or -inf. */
static int
parse_value(const char *text, double *x)
{
	const char *p = text;
	int neg = 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (strcmp(p, "nan") == 0 || strcmp(p, "NaN") == 0) {
		*x = neg ? -NAN : NAN;
		return 0;
	}
	if (strcmp(p, "inf") == 0 || strcmp(p, "infinity") == 0) {
		*x = neg ? -INFINITY : INFINITY;
		return 0;
	}
	if (strncmp(p, "2^", 2) == 0) {
		long e;
		const char *why;
		if (text_parse_long(p + 2, &e, &why) < 0 || e < -1074 || e > 1023)
			return out_error("'%s' is not a power of two nnlab can hold; write 2^N with N from -1074 to 1023", text);
		*x = ldexp(neg ? -1.0 : 1.0, (int)e);
		return 0;
	}
	const char *why;
	if (text_parse_double(text, x, &why) < 0) {
		if (strcmp(why, "out of range") == 0)
			return out_error("'%s' is beyond a double (about 1.8e308); write inf for infinity", text);
		return out_error("'%s' is not a number; give a decimal such as 0.1, a power 2^-24, inf, -inf, nan, "
		                 "or a pattern such as fp16:0x3c00",
		                 text);
	}
	return 0;
}

/* ==== printing =========================================================== */

static void
bits_string(uint32_t v, int n, char *buf)
{
	for (int i = 0; i < n; i++)
		buf[i] = (char)('0' + ((v >> (n - 1 - i)) & 1u));
	buf[n] = '\0';
}

static void
describe(const numfmt *f, uint32_t bits, char *buf, size_t n)
{
	int bias = numfmt_bias(f);
	uint32_t e = numfmt_expfield(f, bits);
	switch (numfmt_classify(f, bits)) {
	case NUMFMT_ZERO:
		snprintf(buf, n, "%s", numfmt_sign(f, bits) ? _("negative zero") : _("positive zero"));
		break;
	case NUMFMT_SUBNORMAL:
		snprintf(buf, n, _("subnormal, 0.m x 2^%d"), 1 - bias);
		break;
	case NUMFMT_NORMAL:
		snprintf(buf, n, _("normal, 1.m x 2^(%u-%d)"), (unsigned)e, bias);
		break;
	case NUMFMT_INF:
		snprintf(buf, n, _("%sinfinity"), numfmt_sign(f, bits) ? "-" : "+");
		break;
	case NUMFMT_NAN:
		snprintf(buf, n, "%s", numfmt_mantfield(f, bits) >> (f->mbits - 1) ? _("NaN (quiet)") : _("NaN (signalling)"));
		break;
	}
}

/* what happened to x on the way into f */
static void
verdict(const numfmt *f, double x, uint32_t bits, char *buf, size_t n)
{
	double v = numfmt_decode(f, bits);
	enum numfmt_class k = numfmt_classify(f, bits);
	char m[32], t[32];
	buf[0] = '\0';
	if (isnan(x) || isinf(x))
		return;
	if (k == NUMFMT_INF) {
		snprintf(buf, n, _("overflow: the largest finite %s is %s, and every x from\n"
		                   "        max + ulp/2 = %s on rounds to infinity"),
		         f->name, text_fmt_num(numfmt_max(f), m, sizeof m),
		         text_fmt_num(numfmt_max(f) + ldexp(1.0, numfmt_bias(f) - f->mbits - 1), t, sizeof t));
	} else if (k == NUMFMT_ZERO && x != 0) {
		snprintf(buf, n, _("underflow: x is at most half the smallest subnormal 2^%d: it rounds to zero"),
		         1 - numfmt_bias(f) - f->mbits);
	} else if (k == NUMFMT_SUBNORMAL) {
		int used = 0;
		for (uint32_t mm = numfmt_mantfield(f, bits); mm; mm >>= 1)
			used++;
		snprintf(buf, n,
		         used == 1 ? _("subnormal: below 2^%d only %d significant bit is left")
		                   : _("subnormal: below 2^%d only %d significant bits are left"),
		         1 - numfmt_bias(f), used);
	}
	if (v != x && (k == NUMFMT_NORMAL || k == NUMFMT_SUBNORMAL || k == NUMFMT_ZERO)) {
		/* the neighbour on x's side: one step in magnitude */
		uint32_t other = fabs(x) > fabs(v) ? bits + 1 : bits - 1;
		double o = numfmt_decode(f, other);
		if (fabs(x - v) == fabs(o - v) / 2) {
			size_t used = strlen(buf);
			snprintf(buf + used, n - used, _("%sa tie halfway between 0x%0*x and 0x%0*x: the even code wins"),
			         used ? "\n        " : "", numfmt_width(f) / 4, (unsigned)bits, numfmt_width(f) / 4,
			         (unsigned)other);
		}
	}
}

static int
quant_bits(session *s, cmd_args *a)
{
	(void)s;
	const char *usage = "quant bits X [scale=S] [zero=Z]";
	if (args_min(a, 1, usage) < 0 || args_max(a, 1, usage) < 0)
		return -1;
	const char *text = a->argv[0];
	double x;
	const numfmt *pf = NULL;
	uint32_t pbits = 0;
	int pat = parse_pattern(text, &pf, &pbits);
	if (pat < 0)
		return -1;
	if (pat)
		x = numfmt_decode(pf, pbits);
	else if (parse_value(text, &x) < 0)
		return -1;
	double scale;
	long zero;
	if (arg_double(a, "scale", 1.0 / 127.0, 1e-30, 1e30, &scale) < 0 || arg_long(a, "zero", 0, -128, 127, &zero) < 0)
		return -1;
	if (scale <= 0)
		return out_error("scale='%s' must be above zero", arg_str(a, "scale", ""));

	char buf[400];
	if (pat)
		out_printf(_("x = %s, whose value is %.17g\n"), text, x);
	else if (isnan(x) || isinf(x))
		out_printf("x = %s\n", text);
	else
		out_printf(_("x = %s (the nearest double: %.20g)\n"), text, x);

	const char *hx = _("hex"), *ex = _("exponent"), *ma = _("mantissa");
	out_printf("\n  %-5s %-*s %s %-*s %-*s %s\n", "", utf8_pad(10, hx), hx, "s", utf8_pad(8, ex), ex, utf8_pad(23, ma), ma,
	           _("kind"));
	uint32_t codes[NFORMATS];
	for (int i = 0; i < NFORMATS; i++) {
		const numfmt *f = formats[i];
		/* a pattern is shown as it is in its own format; NaN payloads too */
		codes[i] = pat && f == pf ? pbits : numfmt_encode(f, x);
		char e[16], m[32];
		bits_string(numfmt_expfield(f, codes[i]), f->ebits, e);
		bits_string(numfmt_mantfield(f, codes[i]), f->mbits, m);
		describe(f, codes[i], buf, sizeof buf);
		out_printf("  %-5s 0x%0*x%*s %u %-8s %-23s %s\n", f->name, numfmt_width(f) / 4, (unsigned)codes[i],
		           8 - numfmt_width(f) / 4, "", numfmt_sign(f, codes[i]), e, m, buf);
	}
	const char *sv = _("stored value"), *er = _("error");
	out_printf("\n  %-5s %-*s %-*s %s\n", "", utf8_pad(24, sv), sv, utf8_pad(12, er), er, _("relative error"));
	for (int i = 0; i < NFORMATS; i++) {
		const numfmt *f = formats[i];
		double v = numfmt_decode(f, codes[i]);
		if (isnan(v) || isinf(v) || isnan(x) || isinf(x)) {
			out_printf("  %-5s %.17g\n", f->name, v);
		} else {
			double err = v - x;
			out_printf("  %-5s %-24.17g %-+12.4e ", f->name, v, err);
			if (x != 0)
				out_printf("%+.3e\n", err / fabs(x));
			else
				out_printf("-\n");
		}
		verdict(f, x, codes[i], buf, sizeof buf);
		if (buf[0])
			out_printf("        %s\n", buf);
	}
	out_printf(_("  (round to nearest, ties to even; significant bits: fp32 24, fp16 11, bf16 8)\n"));

	/* int8 */
	numfmt_q8 q = {scale, (int)zero, zero ? -128 : -127, 127};
	int clipped;
	int code = numfmt_q8_encode(&q, x, &clipped);
	double back = numfmt_q8_decode(&q, code);
	out_printf(_("\n  int8  scale %.10g%s, zero point %ld, codes %d..%d\n"), scale,
	           arg_has(a, "scale") ? "" : " (1/127)", zero, q.lo, q.hi);
	if (isnan(x)) {
		out_printf(_("        NaN has no int8 code; it is stored as the zero point %d\n"), code);
		return 0;
	}
	out_printf(_("        x/scale = %.10g\n"
	             "        code = clip(round(x/scale) + zero) = %d = 0x%02x (round: ties to even)\n"),
	           x / scale, code, (unsigned)(code & 0xff));
	out_printf(_("        dequantised (%d - %ld)*scale = %.10g, error %+.4e\n"), code, zero, back, back - x);
	if (clipped)
		out_printf(_("        clipped: x is beyond the range; the error exceeds scale/2 = %.4e\n"),
		           scale / 2);
	else
		out_printf(_("        |error| <= scale/2 = %.4e, as for every x inside the range\n"), scale / 2);
	return 0;
}


/* ==== the model's weights ================================================ */

static void
big_drop(biglab *b)
{
	free(b->backup);
	b->backup = NULL;
	b->n = 0;
	b->what[0] = '\0';
}

/* big_live: a quantisation whose full-precision copy still applies to its
 * model (the network, or the character RNN, was not trained, rebuilt or
 * loaded since). */
static int
big_live(session *s)
{
	const biglab *b = s->big;
	if (!b || !b->backup)
		return 0;
	if (b->target == BIG_RNN) {
		const rnn *r = rnn_trained_model(s, NULL);
		return r && r->n_params == b->n && rnn_checksum(r) == b->sum_after;
	}
	const netlab *nl = s->net;
	return nl && nl->model && nl->model->n_params == b->n && model_checksum(nl->model) == b->sum_after;
}

/* the parameters the backup belongs to (big_live(s) holds) */
static float *
big_params(session *s)
{
	return s->big->target == BIG_RNN ? rnn_trained_model(s, NULL)->params : s->net->model->params;
}

void
biglab_dump(session *s, strbuf *out)
{
	if (big_live(s))
		sb_printf(out, "quant: %s weights in use (%s); full precision kept for 'quant undo'\n", s->big->what,
		          s->big->target == BIG_RNN ? "the character RNN" : "the network");
}

/* accuracy (classification) or loss (regression) on rows [r0, r1) */
static void
eval_rows(netlab *nl, int r0, int r1, eval_result *ev)
{
	loss_cfg c = nl->tr->loss;
	c.kind = net_loss_kind(nl);
	model_evaluate(nl->model, &c, nl->data, r0, r1, ev, NULL);
}

static void
eval_line(netlab *nl, const char *name, int r0, int r1, const eval_result *before)
{
	eval_result after;
	eval_rows(nl, r0, r1, &after);
	char b1[32], b2[32];
	if (nl->data->regression)
		out_printf(_("  %-*s loss %.6f -> %.6f (%+.6f)\n"), utf8_pad(6, name), name, before->loss, after.loss,
		           after.loss - before->loss);
	else
		out_printf(labs(after.correct - before->correct) == 1
		                   ? _("  %-*s accuracy %s -> %s (%+ld sample), loss %.6f -> %.6f\n")
		                   : _("  %-*s accuracy %s -> %s (%+ld samples), loss %.6f -> %.6f\n"),
		           utf8_pad(6, name), name, net_pct(before->acc, b1, sizeof b1), net_pct(after.acc, b2, sizeof b2),
		           after.correct - before->correct, before->loss, after.loss);
}

static void
err_histogram(const float *err, size_t n, double max_err, const char *what)
{
	enum { BINS = 21 };
	double x[BINS], y[BINS] = {0};
	double w = max_err > 0 ? 2 * max_err / BINS : 1;
	for (int i = 0; i < BINS; i++)
		x[i] = -max_err + (i + 0.5) * w;
	for (size_t i = 0; i < n; i++) {
		int k = max_err > 0 ? (int)floor((err[i] + max_err) / w) : BINS / 2;
		y[k < 0 ? 0 : k >= BINS ? BINS - 1 : k]++;
	}
	char title[96];
	snprintf(title, sizeof title, _("quantisation error per weight (%s)"), what);
	chart_series ser = {.name = _("weights"), .x = x, .y = y, .n = BINS};
	chart c = {.kind = CHART_LINE, .title = title, .xlabel = _("error (quantised - original)"),
	           .ylabel = _("weights"), .series = &ser, .nseries = 1, .height = 10};
	out_chart(&c);
}

/* quant_prepare: the backup of params [n] for 'quant undo' (a live
 * quantisation is undone first, so quantising again starts from full
 * precision). */
static biglab *
quant_prepare(session *s, enum big_target target, float *params, size_t n, enum quant_kind k, int per_channel,
              int asym)
{
	biglab *b = biglab_get(s);
	if (big_live(s)) {
		memcpy(big_params(s), b->backup, b->n * sizeof *b->backup);
		out_printf(_("(the %s weights are replaced by full precision first)\n"), b->what);
	}
	big_drop(b);
	b->backup = xmalloc(n * sizeof *b->backup);
	memcpy(b->backup, params, n * sizeof *b->backup);
	b->n = n;
	b->target = target;
	snprintf(b->what, sizeof b->what, "%s%s%s", quant_names[k], per_channel ? " per-channel" : "",
	         asym ? " asym" : "");
	return b;
}

/* quant_report: what the format kept of nw weights (nb biases, n_params
 * parameters in all): size before and after, error, SQNR, histogram. */
static void
quant_report(const biglab *b, enum quant_kind k, int per_channel, int asym, const quant_stats *st, size_t nw,
             size_t nb, size_t n_params, const float *err)
{
	char c1[32], c2[32], c3[32], c4[32];
	if (k == QUANT_INT8 || k == QUANT_INT4) {
		out_printf(_("  %s, %s: "), per_channel ? _("one scale per output unit") : _("one scale per layer"),
		           asym ? (k == QUANT_INT8 ? _("asymmetric: codes -128..127 and a zero point")
		                                   : _("asymmetric: codes -8..7 and a zero point"))
		                : (k == QUANT_INT8 ? _("symmetric: codes -127..127, zero point 0")
		                                   : _("symmetric: codes -7..7, zero point 0")));
		out_printf(st->groups == 1 ? (asym ? _("%s scale and zero points\n") : _("%s scale\n"))
		                           : (asym ? _("%s scales and zero points\n") : _("%s scales\n")),
		           net_count((long)st->groups, c1, sizeof c1));
	}
	double before = 4.0 * (double)n_params;
	double after = nw * quant_kind_bits(k) / 8.0 + 4.0 * nb + 4.0 * st->groups + (asym ? 1.0 * st->groups : 0);
	out_printf(_("  size     before: %s weights and %s biases x 32 bits = %s\n"), net_count((long)nw, c1, sizeof c1),
	           net_count((long)nb, c2, sizeof c2), net_bytes(before, c3, sizeof c3));
	out_printf(_("           after:  weights x %d bits, biases x 32%s = %s (%.2fx smaller)\n"), quant_kind_bits(k),
	           st->groups ? (asym ? _(", fp32 scales, int8 zero points") : _(", fp32 scales")) : "",
	           net_bytes(after, c4, sizeof c4), before / after);
	out_printf(_("  error    max |w'-w| %.4e, mean |w'-w| %.4e\n"), st->max_err, st->sum_err / (double)st->n);
	if (st->groups && !asym)
		out_printf(_("           bound: |w'-w| <= scale/2, largest scale/2 %.4e\n"), st->max_half_scale);
	out_printf(_("  SQNR     10 log10(sum w^2 / sum (w'-w)^2) = %.2f dB\n"), quant_sqnr_db(st));
	err_histogram(err, nw, st->max_err, b->what);
}

/* At most this many characters are predicted to compare perplexities. */
#define QUANT_PPL_CHARS 20000

static int
quant_rnn(session *s, cmd_args *a, enum quant_kind k, int per_channel, int asym)
{
	const char *source = NULL;
	rnn *r = rnn_trained_model(s, &source);
	if (!r)
		return out_error("there is no trained character RNN to quantise; train one first, e.g. "
		                 "'rnn train networks steps=300'");
	const char *text = arg_str(a, "text", source);
	/* the text is read (and checked) before anything changes */
	double nll0 = 0;
	size_t np0 = 0;
	if (text && rnn_text_nll(s, text, QUANT_PPL_CHARS, &nll0, &np0) < 0)
		return -1;
	int was_live = big_live(s);
	biglab *b = quant_prepare(s, BIG_RNN, r->params, r->n_params, k, per_channel, asym);
	if (text && was_live) /* "before" is the full-precision model's */
		rnn_text_nll(s, text, QUANT_PPL_CHARS, &nll0, &np0);
	int V = r->V, H = r->H;
	size_t nw = (size_t)V * H + (size_t)H * H + (size_t)H * V, nb = (size_t)H + V;
	quant_stats st = {0};
	float *err = xmalloc(nw * sizeof *err);
	/* each matrix is a layer: its own scale, or one per output unit */
	quant_matrix(r->Wxh, V, H, k, per_channel, asym, err, &st);
	quant_matrix(r->Whh, H, H, k, per_channel, asym, err + (size_t)V * H, &st);
	quant_matrix(r->Why, H, V, k, per_channel, asym, err + (size_t)V * H + (size_t)H * H, &st);
	b->sum_after = rnn_checksum(r);
	out_printf(_("quantised the character RNN's weights (W_xh %dx%d, W_hh %dx%d, W_hy %dx%d) to %s "
	             "(biases stay fp32)\n"), V, H, H, H, H, V, b->what);
	quant_report(b, k, per_channel, asym, &st, nw, nb, r->n_params, err);
	free(err);
	if (text) {
		double nll1 = 0;
		size_t np1 = 0;
		if (rnn_text_nll(s, text, QUANT_PPL_CHARS, &nll1, &np1) == 0) {
			out_printf(_("effect on the text '%s' (%zu predictions, each character from those before it):\n"), text,
			           np1);
			out_printf(_("  perplexity %.3f -> %.3f (%+.2f%%), %.4f -> %.4f bits per character\n"), exp(nll0),
			           exp(nll1), 100.0 * (exp(nll1) / exp(nll0) - 1.0), nll0 / log(2.0), nll1 / log(2.0));
		}
	} else {
		out_printf(_("(the text the RNN trained on is not known: give text=FILE to compare perplexities)\n"));
	}
	out_printf(_("'quant undo' restores the full-precision weights\n"));
	return 0;
}

static int
quant_weights(session *s, cmd_args *a, enum quant_kind k)
{
	char usage[96];
	snprintf(usage, sizeof usage, "quant %s [per-channel] [asym] [model=net|rnn] [text=FILE]", quant_names[k]);
	int per_channel = arg_flag(a, "per-channel"), asym = arg_flag(a, "asym");
	if (args_max(a, 0, usage) < 0)
		return -1;
	if ((per_channel || asym) && (k == QUANT_FP16 || k == QUANT_BF16))
		return out_error("'%s' applies to int8 and int4, which share a scale per group; %s rounds every "
		                 "weight on its own", per_channel ? "per-channel" : "asym", quant_names[k]);
	static const char *const targets[] = {"net", "rnn", NULL};
	netlab *nl = s->net;
	int have_net = nl && nl->model, have_rnn = rnn_trained_model(s, NULL) != NULL;
	int target;
	if (arg_choice(a, "model", targets, have_net || !have_rnn ? BIG_NET : BIG_RNN, &target) < 0)
		return -1;
	if (arg_has(a, "text") && target != BIG_RNN)
		return out_error("text= names the text for the RNN's perplexity; add model=rnn, or leave text= out");
	if (target == BIG_RNN)
		return quant_rnn(s, a, k, per_channel, asym);
	if (!have_net)
		return out_error("there is no network to quantise; build one first, e.g. 'net new 2 16 tanh 3'");
	model *m = nl->model;
	int dense = 0;
	for (int l = 0; l < m->n_layers; l++)
		dense += m->layers[l].kind == LAYER_DENSE;
	if (!dense)
		return out_error("the network has no dense layer, so no weights to quantise; add one with 'net add N'");
	out_set_mute(1);
	int fit = nl->data && net_check_fit(nl, 0) == 0;
	out_set_mute(0);

	biglab *b = quant_prepare(s, BIG_NET, m->params, m->n_params, k, per_channel, asym);

	eval_result tr0 = {0}, te0 = {0};
	int has_test = fit && nl->data->n > nl->data->n_train;
	if (fit) {
		eval_rows(nl, 0, nl->data->n_train, &tr0);
		if (has_test)
			eval_rows(nl, nl->data->n_train, nl->data->n, &te0);
	}

	quant_stats st = {0};
	size_t nw = 0, nb = 0;
	for (int l = 0; l < m->n_layers; l++)
		if (m->layers[l].kind == LAYER_DENSE) {
			nw += (size_t)m->layers[l].in * m->layers[l].out;
			nb += (size_t)m->layers[l].out;
		}
	float *err = xmalloc(nw * sizeof *err);
	size_t at = 0;
	for (int l = 0; l < m->n_layers; l++) {
		const layer *L = &m->layers[l];
		if (L->kind != LAYER_DENSE)
			continue;
		quant_matrix(layer_W(m, l), L->in, L->out, k, per_channel, asym, err + at, &st);
		at += (size_t)L->in * L->out;
	}
	b->sum_after = model_checksum(m);

	char desc[256];
	model_describe(m, desc, sizeof desc);
	out_printf(_("quantised the weights of %s to %s (biases stay fp32)\n"), desc, b->what);
	quant_report(b, k, per_channel, asym, &st, nw, nb, m->n_params, err);
	free(err);
	if (fit) {
		out_printf(_("effect on the data '%s':\n"), nl->data->name);
		eval_line(nl, _("train:"), 0, nl->data->n_train, &tr0);
		if (has_test)
			eval_line(nl, _("test:"), nl->data->n_train, nl->data->n, &te0);
	} else {
		out_printf(_("(no data that fits the network: no accuracy to compare)\n"));
	}
	out_printf(_("'quant undo' restores the full-precision weights\n"));
	return 0;
}

static int
quant_fp16(session *s, cmd_args *a)
{
	return quant_weights(s, a, QUANT_FP16);
}

static int
quant_bf16(session *s, cmd_args *a)
{
	return quant_weights(s, a, QUANT_BF16);
}

static int
quant_int8(session *s, cmd_args *a)
{
	return quant_weights(s, a, QUANT_INT8);
}

static int
quant_int4(session *s, cmd_args *a)
{
	return quant_weights(s, a, QUANT_INT4);
}

static int
quant_undo(session *s, cmd_args *a)
{
	if (args_max(a, 0, "quant undo") < 0)
		return -1;
	biglab *b = s->big;
	if (!b || !b->backup)
		return out_error("nothing to undo: the weights are not quantised; quantise with e.g. 'quant int8'");
	if (!big_live(s))
		return out_error("the %s changed since 'quant %s' (trained, rebuilt or loaded), so the kept "
		                 "weights no longer apply; run 'quant %s' again to compare",
		                 b->target == BIG_RNN ? _("character RNN") : _("network"), b->what, b->what);
	memcpy(big_params(s), b->backup, b->n * sizeof *b->backup);
	if (b->target == BIG_RNN)
		out_printf(_("restored the character RNN's full-precision weights (checksum %016llx)\n"),
		           (unsigned long long)rnn_checksum(rnn_trained_model(s, NULL)));
	else
		out_printf(_("restored the full-precision weights (checksum %016llx)\n"),
		           (unsigned long long)model_checksum(s->net->model));
	big_drop(b);
	return 0;
}

static const char *const bits_keys[] = {"scale", "zero", NULL};
static const char *const int_words[] = {"per-channel", "asym", NULL};
static const char *const weight_keys[] = {"model", "text", NULL};

static const cmd_sub quant_subs[] = {
	{.name = "bits", .usage = "bits X [scale=S] [zero=Z]",
	 .summary = N_("a number's fp32, fp16, bf16 and int8 codes"), .exec = quant_bits,
	 .keys = bits_keys},
	{.name = "fp16", .usage = "fp16 [model=net|rnn] [text=FILE]", .summary = N_("the model's weights in half precision"),
	 .exec = quant_fp16, .keys = weight_keys},
	{.name = "bf16", .usage = "bf16 [model=net|rnn] [text=FILE]", .summary = N_("the model's weights in bfloat16"),
	 .exec = quant_bf16, .keys = weight_keys},
	{.name = "int8", .usage = "int8 [per-channel] [asym] [model=net|rnn] [text=FILE]",
	 .summary = N_("the model's weights as 8-bit codes"), .exec = quant_int8, .keys = weight_keys, .words = int_words,
	 .complete = COMPLETE_WORDS},
	{.name = "int4", .usage = "int4 [per-channel] [asym] [model=net|rnn] [text=FILE]",
	 .summary = N_("the model's weights as 4-bit codes"), .exec = quant_int4, .keys = weight_keys, .words = int_words,
	 .complete = COMPLETE_WORDS},
	{.name = "undo", .usage = "undo", .summary = N_("the full-precision weights back, bit for bit"), .exec = quant_undo},
	{0},
};

const cmd_entry cmd_quant_entry = {
	.name = "quant",
	.topic = "big",
	.usage = "quant bits X [scale=S] [zero=Z] | fp16|bf16|int8|int4 [per-channel] [asym] [model=net|rnn] [text=FILE] | undo",
	.summary = N_("number formats, and a model's weights quantised"),
	.help = N_("'quant bits X' spells out the bit pattern of X in fp32, fp16 and bf16: sign, exponent "
	        "(stored with a bias), mantissa and the hex code, the value each format actually keeps and "
	        "the error.  Rounding is to nearest with ties to even, from X as typed (a double) in one step; "
	        "values below the smallest normal become subnormals with fewer significant bits, values from "
	        "the largest finite value plus half a unit in the last place become infinity, -0 keeps its "
	        "sign and NaN stays NaN.\n"
	        "\n"
	        "X may be a decimal (0.1, 65504, 1e-8), a power of two (2^-24), inf, -inf, nan, or a bit "
	        "pattern such as fp16:0x7bff, bf16:0x3f80 or fp32:0x00000001 to decode.\n"
	        "\n"
	        "The int8 line quantises X as round(X/scale) + zero, clipped to -127..127 (symmetric, zero=0) "
	        "or -128..127 (with a zero point), and shows the value it dequantises to; inside the range the "
	        "error is at most scale/2.\n"
	        "\n"
	        "'quant fp16', 'quant bf16', 'quant int8' and 'quant int4' replace the current network's weights "
	        "(every dense layer's W; biases stay fp32) by the values the format keeps, and report the size "
	        "before and after, the largest and mean absolute error, the signal-to-quantisation-noise ratio "
	        "SQNR = 10 log10(sum w^2 / sum (w'-w)^2) in dB, a histogram of the errors, and the accuracy and "
	        "loss on the training and test samples before and after.  int8 and int4 store codes with a "
	        "scale: one per layer, or with 'per-channel' one per output unit (a column of W), which follows "
	        "each unit's own range; symmetric codes run -127..127 (int4 -7..7) with scale = max|w|/127 (/7), "
	        "'asym' maps [min, max] onto -128..127 (-8..7) with a zero point.  'quant undo' puts the "
	        "full-precision weights back bit for bit; quantising again starts from full precision.  "
	        "The network runs on floats as before: this measures what the format loses, not its speed.\n"
	        "\n"
	        "With model=rnn (the default when there is a trained character RNN and no network) the same is "
	        "done to the character RNN of 'rnn train': its three matrices W_xh, W_hh and W_hy are quantised "
	        "(each a layer with its own scale, or per output unit), the biases stay fp32, and instead of "
	        "accuracy the perplexity on the text it trained on (or text=FILE) is compared before and after, "
	        "over at most the first 20000 predictions."),
	.examples = "quant bits 0.1\nquant int8\nquant int4 per-channel\nquant undo\nquant int4 model=rnn\nquant bits 65520\nquant bits 2^-25\nquant bits -0\nquant bits fp16:0x7c01\n"
	            "quant bits 0.3 scale=0.01\nquant bits 1.5 scale=0.02 zero=-100",
	.subs = quant_subs,
};
