/* cmd-mem.c - the `mem` command: how much GPU memory a transformer needs
 * to train or to run, term by term, with the formula of every term; the
 * notes' own formula checked row by row; and the reverse questions (the
 * largest batch or sequence that fits, whether a model fits for
 * inference).
 *
 * The arithmetic lives in src/core/memest.c; this file parses the
 * request and prints.  Not a quantiser or a profiler: nothing is
 * allocated or measured, every number is computed from the formulas.
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "core/memest.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/utf8.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== number formats ==================================================== */

/* fmt_count: v with thousands separators, "1,234,567". */
static const char *
fmt_count(uint64_t v, char *buf, size_t n)
{
	char raw[32];
	snprintf(raw, sizeof raw, "%llu", (unsigned long long)v);
	size_t len = strlen(raw), o = 0;
	for (size_t i = 0; i < len && o + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = raw[i];
	}
	buf[o] = '\0';
	return buf;
}

static double
gb(uint64_t v)
{
	return (double)v / 1e9;
}

static double
gib(uint64_t v)
{
	return (double)v / 1073741824.0;
}

/* ==== parsing =========================================================== */

/* number_prefix: the number in the first len bytes of text (before a
 * unit or suffix); -1 with why if there is none. */
static int
number_prefix(const char *text, size_t len, double *v, const char **why)
{
	char num[64];
	if (len == 0 || len >= sizeof num) {
		*why = N_("not a number");
		return -1;
	}
	memcpy(num, text, len);
	num[len] = '\0';
	return text_parse_double(num, v, why);
}

/* parse_count: a whole number, optionally with K, M, B or T (10^3 ...
 * 10^12): "124439808", "6.7B", "7e9". */
static int
parse_count(const char *key, const char *text, uint64_t lo, uint64_t hi, uint64_t *out)
{
	size_t len = strlen(text);
	double mult = 1, v;
	if (len > 0 && strchr("KMBT", text[len - 1])) {
		char last = text[len - 1];
		mult = last == 'K' ? 1e3 : last == 'M' ? 1e6 : last == 'B' ? 1e9 : 1e12;
		len--;
	}
	const char *why;
	if (number_prefix(text, len, &v, &why) < 0)
		return out_error("%s='%s' is %s; give a count such as 124439808, 7e9 or 6.7B", key, text, _(why));
	v *= mult;
	if (fabs(v - round(v)) <= 1e-9 * fabs(v))
		v = round(v);  /* 1.1K is 1100, though 1.1*1000 is not exactly */
	if (v != floor(v))
		return out_error("%s='%s' is not a whole number; give a count such as 124439808 or 6.7B", key, text);
	if (v < (double)lo || v > (double)hi) {
		char l[32], h[32];
		return out_error("%s='%s' is out of range; use a value from %s to %s", key, text, fmt_count(lo, l, sizeof l),
		                 fmt_count(hi, h, sizeof h));
	}
	*out = (uint64_t)v;
	return 0;
}

/* parse_size: a memory size with its unit, "80GB", "24GiB", "1.5TB". */
static int
parse_size(const char *key, const char *text, uint64_t *out)
{
	static const struct {
		const char *unit;
		double bytes;
	} units[] = {
		{"B", 1},         {"KB", 1e3},          {"MB", 1e6},           {"GB", 1e9},
		{"TB", 1e12},     {"KiB", 1024.0},      {"MiB", 1048576.0},    {"GiB", 1073741824.0},
		{"TiB", 1099511627776.0},
	};
	size_t len = strlen(text), i = len;
	while (i > 0 && isalpha((unsigned char)text[i - 1]))
		i--;
	const char *unit = text + i;
	if (*unit == '\0')
		return out_error("%s='%s' has no unit; write it as %sGB (10^9 bytes) or %sGiB (2^30 bytes)", key, text, text,
		                 text);
	double mult = 0;
	for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
		if (strcmp(unit, units[k].unit) == 0)
			mult = units[k].bytes;
	if (mult == 0) {
		if (strcmp(unit, "G") == 0 || strcmp(unit, "g") == 0 || strcmp(unit, "T") == 0 || strcmp(unit, "M") == 0)
			return out_error("%s='%s' is ambiguous; write %.*s%sB (powers of 10) or %.*s%siB (powers of 2)", key,
			                 text, (int)i, text, unit, (int)i, text, unit);
		return out_error("%s='%s' has an unknown unit '%s'; use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB", key,
		                 text, unit);
	}
	double v;
	const char *why;
	if (number_prefix(text, i, &v, &why) < 0)
		return out_error("%s='%s' is not a size (%s); write it like 80GB or 24GiB", key, text, _(why));
	v *= mult;
	if (v < 1 || v > 1e18)
		return out_error("%s='%s' is out of range; give a size from 1B to 1000000TB", key, text);
	*out = (uint64_t)floor(v);
	return 0;
}

/* What a request may hold. */
enum { REQ_TRAIN = 1, REQ_INFER = 2, REQ_FIT = 4 };

typedef struct memreq {
	memest_model m;            /* the preset with overrides, or custom */
	const memest_model *preset;
	int arch;                  /* 1 when layers/hidden/heads are known */
	memest_cfg c;
	int dtype_given;
	uint64_t budget;           /* gpu=, 0 if absent */
} memreq;

static const char *const arch_names[] = {"gpt", "bert", "llama", NULL};

static int
preset_names(const char **names, int max)
{
	int n = 0;
	for (const memest_model *m = memest_presets; m->name && n < max; m++)
		names[n++] = m->name;
	return n;
}

static int
opt_int(cmd_args *a, const char *key, long lo, long hi, long *v)
{
	return arg_long(a, key, *v, lo, hi, v);
}

/* req_model: the preset or custom model, with the architecture keys. */
static int
req_model(cmd_args *a, memreq *r)
{
	const char *word = NULL;
	for (int i = 0; i < a->argc && i < 64; i++)
		if (!a->used[i]) {
			if (word)
				return out_error("'%s' takes one model, but got '%s' and '%s'; type 'mem presets' for the list",
				                 a->name, word, a->argv[i]);
			word = a->argv[i];
			a->used[i] = 1;
		}
	if (word) {
		r->preset = memest_preset_find(word);
		if (!r->preset) {
			const char *names[32];
			int n = preset_names(names, 32);
			char sug[200];
			cmd_suggest(word, names, n, sug, sizeof sug);
			if (sug[0])
				return out_error("unknown model '%s'; did you mean %s? type 'mem presets' for the list", word, sug);
			return out_error("unknown model '%s'; type 'mem presets' for the list, or describe one with "
			                 "params=, layers=, hidden=, heads=",
			                 word);
		}
		r->m = *r->preset;
		if (arg_has(a, "arch"))
			return out_error("arch= describes a model of your own; %s is already a %s (drop arch= or the preset)",
			                 word, arch_names[r->preset->arch]);
	} else {
		int arch = MEMEST_GPT;
		if (arg_choice(a, "arch", arch_names, MEMEST_GPT, &arch) < 0)
			return -1;
		memset(&r->m, 0, sizeof r->m);
		r->m.name = _("custom");
		r->m.arch = (enum memest_arch)arch;
	}
	long layers = r->m.layers, hidden = r->m.hidden, heads = r->m.heads, kvheads = r->m.kv_heads;
	long vocab = r->m.vocab, ctx = r->m.ctx, ffn = r->m.ffn;
	if (opt_int(a, "layers", 1, 10000, &layers) < 0 || opt_int(a, "hidden", 1, 1000000, &hidden) < 0 ||
	    opt_int(a, "heads", 1, 100000, &heads) < 0 || opt_int(a, "kvheads", 1, 100000, &kvheads) < 0 ||
	    opt_int(a, "vocab", 1, 10000000, &vocab) < 0 || opt_int(a, "ctx", 1, 100000000, &ctx) < 0 ||
	    opt_int(a, "ffn", 1, 10000000, &ffn) < 0)
		return -1;
	int has_l = arg_has(a, "layers") || r->preset, has_h = arg_has(a, "hidden") || r->preset;
	if (has_l != has_h)
		return out_error("%s needs %s too, to describe the layers; or give only params= for the model states",
		                 has_l ? "layers=" : "hidden=", has_l ? "hidden=" : "layers=");
	if (!has_l && (arg_has(a, "heads") || arg_has(a, "kvheads") || arg_has(a, "ffn") || arg_has(a, "vocab")))
		return out_error("heads=, kvheads=, ffn= and vocab= describe layers; give layers= and hidden= as well");
	r->arch = has_l;
	if (r->arch) {
		if (!r->preset && !arg_has(a, "heads")) {
			if (hidden % 64 != 0)
				return out_error("give heads= (hidden=%ld is not a multiple of 64, the usual head size)", hidden);
			heads = hidden / 64;
		}
		if (hidden % heads != 0)
			return out_error("hidden=%ld is not divisible by heads=%ld; each head takes hidden/heads values", hidden,
			                 heads);
		if (!arg_has(a, "kvheads") && (!r->preset || arg_has(a, "heads")))
			kvheads = heads;
		if (heads % kvheads != 0)
			return out_error("heads=%ld is not divisible by kvheads=%ld; each key/value head serves heads/kvheads "
			                 "query heads",
			                 heads, kvheads);
		if (r->m.arch != MEMEST_LLAMA && kvheads != heads)
			return out_error("kvheads= (grouped-query attention) applies to llama-style models; use arch=llama");
		if (!arg_has(a, "ffn") && (!r->preset || arg_has(a, "hidden"))) {
			if (r->m.arch == MEMEST_LLAMA) /* LLaMA: 2/3 of 4h, rounded up to a multiple of 256 */
				ffn = (8 * hidden / 3 + 255) / 256 * 256;
			else
				ffn = 4 * hidden;
		}
		if (!r->preset && !arg_has(a, "vocab"))
			vocab = 50257;
	}
	r->m.layers = (int)layers;
	r->m.hidden = (int)hidden;
	r->m.heads = (int)heads;
	r->m.kv_heads = (int)kvheads;
	r->m.vocab = vocab;
	r->m.ffn = ffn;
	r->m.ctx = ctx;
	if (r->preset && (arg_has(a, "layers") || arg_has(a, "hidden") || arg_has(a, "heads") || arg_has(a, "kvheads") ||
	                  arg_has(a, "vocab") || arg_has(a, "ctx") || arg_has(a, "ffn")))
		r->m.published = 0;  /* no longer the published model */

	if (arg_has(a, "params") && parse_count("params", arg_str(a, "params", ""), 1, 100000000000000ULL, &r->c.params) < 0)
		return -1;
	if (!r->arch && !r->c.params)
		return out_error("'%s' needs a model: a preset such as gpt2 or llama-7b, or params= (with layers=, hidden= "
		                 "for activations); type 'mem presets'",
		                 a->name);
	return 0;
}

/* req_parse: everything the request says, checked, nothing changed. */
static int
req_parse(cmd_args *a, memreq *r, unsigned what)
{
	memset(r, 0, sizeof *r);
	if (!(what & REQ_TRAIN))
		for (const char *const *w = (const char *const[]){"mixed", "recompute", "selective", NULL}; *w; w++)
			if (arg_flag(a, *w))
				return out_error("'%s' is about training; '%s' takes the number format as dtype=", *w, a->name);
	r->c.mixed = (what & REQ_TRAIN) && arg_flag(a, "mixed");
	int full = (what & REQ_TRAIN) && arg_flag(a, "recompute");
	int sel = (what & REQ_TRAIN) && arg_flag(a, "selective");
	if (full && sel)
		return out_error("give 'recompute' (keep only layer inputs) or 'selective' (rebuild only attention), not both");
	r->c.recompute = full ? MEMEST_RC_FULL : sel ? MEMEST_RC_SELECTIVE : MEMEST_RC_NONE;
	if (req_model(a, r) < 0)
		return -1;

	long seq = r->m.ctx > 0 ? r->m.ctx : 1024, batch = 1;
	if (arg_long(a, "seq", seq, 1, 1L << 20, &seq) < 0 || arg_long(a, "batch", batch, 1, 1L << 20, &batch) < 0)
		return -1;
	if (!r->preset && !arg_has(a, "ctx"))
		r->m.ctx = seq;
	r->c.seq = (uint64_t)seq;
	r->c.batch = (uint64_t)batch;

	int dtype = r->c.mixed ? MEMEST_FP16 : MEMEST_FP32;
	r->dtype_given = arg_has(a, "dtype");
	if (arg_choice(a, "dtype", memest_dtype_names, dtype, &dtype) < 0)
		return -1;
	r->c.dtype = (enum memest_dtype)dtype;
	if (what & REQ_TRAIN) {
		if (dtype == MEMEST_INT8 || dtype == MEMEST_INT4)
			return out_error("dtype=%s stores weights for inference; training keeps fp32, fp16 or bf16 weights "
			                 "(try 'mem infer')",
			                 memest_dtype_names[dtype]);
		if (r->c.mixed && dtype == MEMEST_FP32)
			return out_error("'mixed' keeps 16-bit weights beside fp32 master copies; give dtype=fp16 or dtype=bf16, "
			                 "or drop 'mixed'");
		int optim = MEMEST_ADAM;
		long zero = 0, gpus = 1;
		if (arg_choice(a, "optimizer", memest_optim_names, MEMEST_ADAM, &optim) < 0 ||
		    arg_long(a, "zero", 0, 0, 3, &zero) < 0 || arg_long(a, "gpus", 1, 1, 1000000, &gpus) < 0)
			return -1;
		r->c.optim = (enum memest_optim)optim;
		r->c.zero = (int)zero;
		r->c.gpus = (uint64_t)gpus;
	}
	if (arg_has(a, "gpu") && parse_size("gpu", arg_str(a, "gpu", ""), &r->budget) < 0)
		return -1;
	return 0;
}

/* ==== printing ========================================================== */

static void
print_model(const memreq *r)
{
	const memest_model *m = &r->m;
	if (!r->arch) {
		char p[32];
		out_printf(_("model     %s: P = %s parameters (no layers given: model states only)\n"), m->name,
		           fmt_count(r->c.params, p, sizeof p));
		return;
	}
	out_printf(_("model     %s (%s): L=%d, h=%d, a=%d"), m->name, arch_names[m->arch], m->layers, m->hidden,
	           m->heads);
	if (m->kv_heads != m->heads)
		out_printf(_(" (%d key/value heads, d_kv=%d)"), m->kv_heads, m->kv_heads * (m->hidden / m->heads));
	out_printf(_(",\n          V=%ld, n_ctx=%ld, f=%ld\n"), m->vocab, m->ctx, m->ffn);
	memest_params pp;
	memest_count_params(m, &pp);
	char c[32];
	out_printf(_("params    layer = %s; P = %s\n"), memest_layer_formula(m), memest_total_formula(m));
	out_printf("          = %s", fmt_count(pp.total, c, sizeof c));
	if (m->published)
		out_printf(_(" (published: %s)"), m->published_as);
	out_printf("\n");
	if (r->c.params && r->c.params != pp.total)
		out_printf(_("          params=%s given: the model states use it,\n"
		             "          the activations use the architecture\n"),
		           fmt_count(r->c.params, c, sizeof c));
}

static void
row_header(void)
{
	const char *t = _("term"), *f = _("formula"), *b = _("bytes");
	out_printf("  %-*s %-*s %*s %9s %9s\n", utf8_pad(22, t), t, utf8_pad(16, f), f, utf8_pad(17, b), b, "GiB", "GB");
}

static void
row(const char *name, const char *formula, uint64_t bytes)
{
	char c[32];
	if (bytes == UINT64_MAX) {  /* the estimator saturates instead of wrapping */
		const char *over = _("over 1.8e19");
		out_printf("  %-*s %-*s %*s %9s %9s\n", utf8_pad(22, name), name, utf8_pad(16, formula), formula, utf8_pad(17, over), over,
		           "-", "-");
		return;
	}
	out_printf("  %-*s %-*s %17s %9.3f %9.3f\n", utf8_pad(22, name), name, utf8_pad(16, formula), formula, fmt_count(bytes, c, sizeof c), gib(bytes),
	           gb(bytes));
}

static const char *
dtname(const memest_cfg *c)
{
	return memest_dtype_names[c->dtype];
}

/* the names core/memest.c gives the terms of a layer, for translation */
static const char *const term_names[] = {
	N_("GeLU input"), N_("GeLU output"), N_("K and V"), N_("MLP dropout mask"), N_("MLP input"),
	N_("Q after rotation"), N_("Q and K"), N_("QKV projection input"), N_("RMSNorm inputs (2)"),
	N_("attention dropout mask"), N_("down-projection input"), N_("gate and up outputs"),
	N_("layer norm inputs (2)"), N_("out-projection input"), N_("softmax dropout mask"),
	N_("softmax dropout output"), N_("softmax output"), NULL};

/* term_text: a term's name in the current language */
static const char *
term_text(const char *name)
{
	for (const char *const *t = term_names; *t; t++)
		if (strcmp(*t, name) == 0)
			return _(*t);
	return name;
}

/* print_layer: one layer's activations, term by term, and the closed form */
static void
print_layer(const memreq *r, const memest_train *t)
{
	const memest_model *m = &r->m;
	out_printf(_("\none layer keeps for the backward pass (E = %d bytes per value, masks 1 byte):\n"), t->ebytes);
	row_header();
	for (int i = 0; i < t->layer.n; i++)
		row(term_text(t->layer.t[i].name), t->layer.t[i].formula, t->layer.t[i].bytes);
	char c[32];
	if (m->arch != MEMEST_LLAMA && m->ffn == 4L * m->hidden) {
		int k = 16 * t->ebytes + 2, q = 2 * t->ebytes + 1;
		if (r->c.recompute == MEMEST_RC_SELECTIVE)
			out_printf(_("  sum = s*b*h*%d = %s bytes (selective recomputation rebuilds the attention scores)\n"), k,
			           fmt_count(t->layer.total, c, sizeof c));
		else
			out_printf(_("  sum = s*b*h*(%d + %d*a*s/h) = %s bytes%s\n"), k, q, fmt_count(t->layer.total, c, sizeof c),
			           t->ebytes == 2 ? " (Korthikanti et al. 2022)" : "");
	} else {
		out_printf(_("  sum = %s bytes\n"), fmt_count(t->layer.total, c, sizeof c));
	}
}

/* print_training: the breakdown for one GPU; returns the total */
static uint64_t
print_training(const memreq *r, int verbose)
{
	const memest_cfg *c = &r->c;
	memest_train t;
	memest_training(&r->m, c, &t);
	static const char *const rc_names[] = {N_("no recomputation"), N_("selective recomputation"),
	                                       N_("full recomputation")};
	char gpus[96];
	snprintf(gpus, sizeof gpus, "%s", _("1 GPU"));
	if (c->gpus > 1)
		snprintf(gpus, sizeof gpus, _("N=%llu GPUs, ZeRO stage %d"), (unsigned long long)c->gpus, c->zero);
	if (r->arch)
		out_printf(_("run       %s%s, %s, s=%llu tokens, b=%llu per GPU,\n          %s, %s\n"),
		           c->mixed ? _("mixed precision ") : "", dtname(c), memest_optim_names[c->optim],
		           (unsigned long long)c->seq, (unsigned long long)c->batch, gpus, _(rc_names[c->recompute]));
	else
		out_printf(_("run       %s%s, %s, %s\n"), c->mixed ? _("mixed precision ") : "", dtname(c),
		           memest_optim_names[c->optim], gpus);
	if (r->preset && r->arch && (uint64_t)r->m.ctx < c->seq)
		out_printf(_("note      %s was built for %ld positions; s=%llu is beyond them (the estimate goes on)\n"),
		           r->m.name, r->m.ctx, (unsigned long long)c->seq);
	out_printf("\n");
	row_header();
	char wname[64], f[32];
	int bw = t.ebytes;
	const char *part = c->gpus > 1 ? "/N" : "";
	snprintf(wname, sizeof wname, _("weights (%s)"), dtname(c));
	snprintf(f, sizeof f, "%d*P%s", bw, c->zero >= 3 ? part : "");
	row(wname, f, t.weights_gpu);
	snprintf(wname, sizeof wname, _("gradients (%s)"), dtname(c));
	snprintf(f, sizeof f, "%d*P%s", bw, c->zero >= 2 ? part : "");
	row(wname, f, t.grads_gpu);
	if (c->mixed) {
		snprintf(f, sizeof f, "4*P%s", c->zero >= 1 ? part : "");
		row(_("fp32 master weights"), f, t.master_gpu);
	}
	int copies = memest_optim_copies(c->optim);
	if (copies) {
		snprintf(wname, sizeof wname, c->optim == MEMEST_ADAM ? _("Adam moments (%s)") : _("momentum (%s)"),
		         c->mixed ? "fp32" : dtname(c));
		if (copies > 1)
			snprintf(f, sizeof f, "%d*%d*P%s", copies, c->mixed ? 4 : bw, c->zero >= 1 ? part : "");
		else
			snprintf(f, sizeof f, "%d*P%s", c->mixed ? 4 : bw, c->zero >= 1 ? part : "");
		row(wname, f, t.optim_gpu);
	}
	if (r->arch) {
		if (c->recompute == MEMEST_RC_FULL) {
			row(_("layer inputs, L layers"), "L*E*s*b*h", t.act_stored);
			row(_("one layer rebuilt"), _("(one layer)"), t.act_peak_extra);
		} else {
			row(_("activations, L layers"), _("L*(one layer)"), t.act_stored);
		}
		row(_("logits for the loss"), "4*s*b*V", t.logits);
	}
	row(_("total per GPU"), "", t.total_gpu);
	if (!verbose)
		return t.total_gpu;
	out_printf(_("  (GiB = 2^30 bytes, GB = 10^9 bytes)\n"));
	if (r->arch)
		print_layer(r, &t);
	else
		out_printf(_("\nactivations: give layers=, hidden= (and heads=, vocab=) to count them\n"));
	if (c->gpus > 1) {
		out_printf(_("\nper GPU on N=%llu GPUs by ZeRO stage (Rajbhandari et al. 2020), GB:\n"),
		           (unsigned long long)c->gpus);
		const char *h[6] = {_("stage"), _("weights"), _("grads"), _("optim"), _("activations"), _("total")};
		out_printf("  %-*s %*s %*s %*s %*s %*s\n", utf8_pad(18, h[0]), h[0], utf8_pad(9, h[1]), h[1], utf8_pad(9, h[2]), h[2],
		           utf8_pad(9, h[3]), h[3], utf8_pad(11, h[4]), h[4], utf8_pad(9, h[5]), h[5]);
		static const char *const stages[] = {N_("0 plain data par."), N_("1 optimizer state"), N_("2 + gradients"),
		                                     N_("3 + weights")};
		for (int z = 0; z <= 3; z++) {
			memest_cfg k = *c;
			memest_train u;
			k.zero = z;
			memest_training(&r->m, &k, &u);
			const char *st = _(stages[z]);
			out_printf("  %-*s %9.3f %9.3f %9.3f %11.3f %9.3f%s\n", utf8_pad(18, st), st, gb(u.weights_gpu), gb(u.grads_gpu),
			           gb(u.master_gpu + u.optim_gpu), gb(u.act_gpu), gb(u.total_gpu), z == c->zero ? "  <-" : "");
		}
		out_printf(_("  activations are not divided: each GPU runs its own micro-batch of b sequences\n"));
	}
	out_printf(_("\nnot counted: the CUDA context (some hundreds of MB), allocator fragmentation,\n"
	             "temporary buffers of the kernels and of communication.\n"));
	return t.total_gpu;
}

/* ==== mem ================================================================ */

static const char *const mem_keys[] = {"params", "layers", "hidden", "heads",     "kvheads", "ffn",  "vocab", "ctx",
                                       "seq",    "batch",  "dtype",  "optimizer", "zero",    "gpus", "arch",  NULL};

static int
cmd_mem(session *s, cmd_args *a)
{
	(void)s;
	memreq r;
	if (req_parse(a, &r, REQ_TRAIN) < 0)
		return -1;
	print_model(&r);
	print_training(&r, 1);
	return 0;
}

/* ==== mem presets ======================================================== */

static int
mem_presets(session *s, cmd_args *a)
{
	(void)s;
	if (args_max(a, 0, "mem presets") < 0)
		return -1;
	const char *pr = _("preset"), *ar = _("arch");
	out_printf("%-*s %-*s %3s %6s %3s %3s %6s %5s %6s\n", utf8_pad(12, pr), pr, utf8_pad(5, ar), ar, "L", "h", "a", "kv", "V",
	           "n_ctx", "f");
	for (const memest_model *m = memest_presets; m->name; m++)
		out_printf("%-12s %-5s %3d %6d %3d %3d %6ld %5ld %6ld\n", m->name, arch_names[m->arch], m->layers, m->hidden,
		           m->heads, m->kv_heads, m->vocab, m->ctx, m->ffn);
	const char *h[4] = {_("by the formula"), _("published"), _("diff"), _("published in")};
	out_printf("\n%-*s %*s %*s %*s  %s\n", utf8_pad(12, pr), pr, utf8_pad(17, h[0]), h[0], utf8_pad(10, h[1]), h[1], utf8_pad(8, h[2]),
	           h[2], h[3]);
	for (const memest_model *m = memest_presets; m->name; m++) {
		memest_params p;
		memest_count_params(m, &p);
		char c[32];
		double d = 100.0 * ((double)m->published - (double)p.total) / (double)p.total;
		out_printf("%-12s %17s %10s %+7.2f%%  %s\n", m->name, fmt_count(p.total, c, sizeof c), m->published_as, d,
		           m->source);
	}
	out_printf(_("\nformulas (P = parameters, L layers, h hidden, f MLP width, V vocabulary):\n"
	             "  gpt    P = V*h + n_ctx*h + L*(12*h^2 + 13*h) + 2*h\n"
	             "         (tied output layer, biases, two layer norms per layer and a final one)\n"
	             "  bert   P = V*h + 2*h + n_ctx*h + 2*h + L*(12*h^2 + 13*h) + h^2 + h\n"
	             "         (token types, the embedding norm and the pooler)\n"
	             "  llama  P = 2*V*h + L*(2*h^2 + 2*h*d_kv + 3*h*f + 2*h) + h\n"
	             "         (untied output layer, no biases, SwiGLU; d_kv = h without GQA)\n"
	             "diff = (published - formula) / formula.  GPT-2's paper counted 117M, 345M,\n"
	             "762M and 1542M; the README of its released code says those counts were\n"
	             "wrong, and the released checkpoints are named 124M, 355M, 774M and 1558M,\n"
	             "as the formula gives.  The other published counts are rounded.  llama-70b\n"
	             "is Llama 2's (Touvron et al. 2023b); LLaMA 1 stopped at 65B.\n"));
	return 0;
}

/* ==== mem notes ========================================================== */

static const struct notes_row {
	const char *label;
	const char *preset;
	uint64_t params;
	const char *precision;
	uint64_t dtype_bytes;
	int mixed;
	uint64_t seq, batch, embed;
	uint64_t rnum, rden;
	const char *ratio;
	uint64_t printed;  /* the table's value in units of 0.1 GB */
} notes_rows[] = {
	{"BERT-Base", "bert-base", 110000000ULL, "FP32", 4, 0, 512, 256, 768, 15, 10, "1.5", 336},
	{"GPT-2 medium", "gpt2-medium", 770000000ULL, "FP16", 2, 1, 1024, 64, 1024, 12, 10, "1.2", 155},
	{"GPT-3 175B", "gpt3-175b", 175000000000ULL, N_("mixed precision"), 2, 1, 2048, 2, 12288, 2, 1, "2", 21850},
};
enum { NOTES_ROWS = 3 };

static double
notes_gb(const struct notes_row *w, int in_bytes, int per_token)
{
	uint64_t num;
	memest_notes_formula(w->params, w->dtype_bytes, w->embed, per_token ? w->batch * w->seq : w->batch, w->rnum,
	                     w->rden, in_bytes, &num);
	return (double)num / (double)w->rden / 1e9;
}

/* notes_lab: this lab's estimate for a row with the given preset */
static uint64_t
notes_lab(const struct notes_row *w, const char *preset, memest_train *t)
{
	memest_cfg c = {.dtype = w->mixed ? MEMEST_FP16 : MEMEST_FP32, .mixed = w->mixed, .optim = MEMEST_ADAM,
	                .gpus = 1, .seq = w->seq, .batch = w->batch};
	memest_training(memest_preset_find(preset), &c, t);
	return t->total_gpu;
}

static int
mem_notes(session *s, cmd_args *a)
{
	(void)s;
	if (args_max(a, 0, "mem notes") < 0)
		return -1;
	out_printf(_("The notes (section 3.3) estimate the memory to train a model as\n"
	             "  GPU_mem = params*dtype\n"
	             "            + (embed_size*batch_size + ratio*(params + embed_size*batch_size))\n"
	             "with dtype the bytes per value and ratio an overhead of 1.2 to 2, and give\n"
	             "a table of three models.  For each row: the formula exactly as written, the\n"
	             "value the table prints, and this lab's term-by-term estimate.\n"));
	double lab[NOTES_ROWS];
	for (int i = 0; i < NOTES_ROWS; i++) {
		const struct notes_row *w = &notes_rows[i];
		uint64_t num;
		memest_notes_formula(w->params, w->dtype_bytes, w->embed, w->batch, w->rnum, w->rden, 0, &num);
		char p[32], b[32], eb[32];
		out_printf(_("\n%s: params %s, %s,\n  seq %llu, batch %llu, embed %llu, ratio %s\n"), w->label,
		           fmt_count(w->params, p, sizeof p), _(w->precision), (unsigned long long)w->seq,
		           (unsigned long long)w->batch, (unsigned long long)w->embed, w->ratio);
		out_printf(_("  formula   %llu*%llu + (%llu*%llu + %s*(%llu + %llu*%llu))\n"), (unsigned long long)w->params,
		           (unsigned long long)w->dtype_bytes, (unsigned long long)w->embed, (unsigned long long)w->batch,
		           w->ratio, (unsigned long long)w->params, (unsigned long long)w->embed,
		           (unsigned long long)w->batch);
		uint64_t whole = num / w->rden, frac = num % w->rden;
		fmt_count(whole, b, sizeof b);
		if (w->rden > 1)
			snprintf(b + strlen(b), sizeof b - strlen(b), ".%llu", (unsigned long long)frac);
		double f = (double)num / (double)w->rden;
		out_printf(_("          = %s \"bytes\" = %.3f GB = %.3f GiB\n"), b, f / 1e9, f / 1073741824.0);
		double printed = (double)w->printed / 10.0;
		out_printf(_("  printed   %g GB, %.1f times the formula's value\n"), printed, printed * 1e9 / f);
		memest_train t;
		lab[i] = gb(notes_lab(w, w->preset, &t));
		out_printf(_("  this lab  %.3f GB for %s, %s, Adam:\n"
		             "            model states %.3f GB, activations %.3f GB, logits %.3f GB\n"
		             "            (see 'mem %s seq=%llu batch=%llu%s')\n"),
		           lab[i], w->preset, w->mixed ? _("mixed precision") : "fp32", gb(t.states_gpu), gb(t.act_stored),
		           gb(t.logits), w->preset, (unsigned long long)w->seq, (unsigned long long)w->batch,
		           w->mixed ? " mixed" : "");
		if (i == 1) {
			memest_train u;
			memest_params pm, pl;
			memest_count_params(memest_preset_find("gpt2-medium"), &pm);
			memest_count_params(memest_preset_find("gpt2-large"), &pl);
			out_printf(_("            770M is not GPT-2 medium (%s parameters, h=1024)\n"
			             "            but GPT-2 large (%s, h=1280); as gpt2-large the\n"
			             "            row needs %.3f GB\n"),
			           fmt_count(pm.total, p, sizeof p), fmt_count(pl.total, eb, sizeof eb),
			           gb(notes_lab(w, "gpt2-large", &u)));
		}
	}

	out_printf(_("\nOther readings of the formula, in GB (10^9 bytes):\n"));
	const char *rd = _("reading");
	out_printf("  %-*s %10s %12s %11s\n", utf8_pad(40, rd), rd, "BERT-Base", "GPT-2 med.", "GPT-3 175B");
	static const char *const readings[] = {N_("as written (bytes plus counts)"), N_("every count times dtype bytes"),
	                                       N_("one vector per token (batch*seq)"), N_("per token, and in bytes")};
	for (int k = 0; k < 4; k++) {
		rd = _(readings[k]);
		out_printf("  %-*s", utf8_pad(40, rd), rd);
		for (int i = 0; i < NOTES_ROWS; i++)
			out_printf(" %*.3f", i == 0 ? 10 : i == 1 ? 12 : 11, notes_gb(&notes_rows[i], k & 1, k >> 1));
		out_printf("\n");
	}
	rd = _("as written, in GiB (2^30 bytes)");
	out_printf("  %-*s", utf8_pad(40, rd), rd);
	for (int i = 0; i < NOTES_ROWS; i++)
		out_printf(" %*.3f", i == 0 ? 10 : i == 1 ? 12 : 11, notes_gb(&notes_rows[i], 0, 0) * 1e9 / 1073741824.0);
	rd = _("the table prints");
	out_printf("\n  %-*s", utf8_pad(40, rd), rd);
	for (int i = 0; i < NOTES_ROWS; i++)
		out_printf(" %*.3f", i == 0 ? 10 : i == 1 ? 12 : 11, (double)notes_rows[i].printed / 10.0);
	rd = _("this lab, term by term");
	out_printf("\n  %-*s", utf8_pad(40, rd), rd);
	for (int i = 0; i < NOTES_ROWS; i++)
		out_printf(" %*.3f", i == 0 ? 10 : i == 1 ? 12 : 11, lab[i]);
	out_printf("\n");

	out_printf(_(
		"\nWhy they differ:\n"
		"- Units are mixed.  params*dtype is bytes, but embed_size*batch_size counts\n"
		"  values with no bytes per value, and ratio*params adds a count of parameters\n"
		"  to bytes.\n"
		"- The sequence length is in the table but not in the formula.  A transformer\n"
		"  keeps activations for every token of every layer (s*b*h values and more per\n"
		"  layer, and a*s^2*b attention scores), not one vector per sequence.\n"
		"- Gradients and optimiser state are missing.  Adam in mixed precision needs\n"
		"  16 bytes per parameter (Rajbhandari et al. 2020); ratio*params adds 1.2 to 2\n"
		"  per parameter, bytes or not.\n"
		"- \"Mixed precision\" has no single dtype: 16-bit weights live beside fp32\n"
		"  master weights.  GPT-3 is taken here at 2 bytes; at 4 the formula gives\n"
		"  %.3f GB.\n"
		"- The printed values cannot be reproduced by their own formula: it gives\n"
		"  %.3f, %.3f and %.3f GB where the table prints 33.6, 15.5 and 2185.\n"
		"  None of the readings above reaches them, in GB or GiB, and neither does a\n"
		"  term-by-term estimate (%.1f, %.1f and %.1f GB).  A search over sums and\n"
		"  products of each row's own numbers (params, dtype, seq, batch, embed,\n"
		"  ratio, layers, vocabulary; GB or GiB) found no one expression that gives\n"
		"  all three within rounding; a match for a single row turns up by chance\n"
		"  among so many tries.  Take the printed values as unexplained, not as\n"
		"  estimates.\n"),
		notes_gb(&(struct notes_row){.params = 175000000000ULL, .dtype_bytes = 4, .batch = 2, .embed = 12288,
		                             .rnum = 2, .rden = 1},
		         0, 0),
		notes_gb(&notes_rows[0], 0, 0), notes_gb(&notes_rows[1], 0, 0), notes_gb(&notes_rows[2], 0, 0), lab[0],
		lab[1], lab[2]);
	return 0;
}

/* ==== mem fit ============================================================ */

static int
mem_fit(session *s, cmd_args *a)
{
	(void)s;
	memreq r;
	if (req_parse(a, &r, REQ_TRAIN | REQ_FIT) < 0)
		return -1;
	static const char *const solve_names[] = {"batch", "seq", NULL};
	int solve = 0;
	if (arg_choice(a, "solve", solve_names, 0, &solve) < 0)
		return -1;
	if (!r.budget)
		return out_error("'mem fit' needs gpu=SIZE, the memory of one GPU, e.g. gpu=80GB or gpu=24GiB");
	if (!r.arch)
		return out_error("'mem fit' needs the layers to count activations: a preset, or layers= and hidden=");
	if (solve == 0 && arg_has(a, "batch"))
		return out_error("'mem fit' finds the batch itself; drop batch=, or ask for solve=seq at that batch");
	if (solve == 1 && arg_has(a, "seq"))
		return out_error("'mem fit solve=seq' finds the sequence length itself; drop seq=");
	print_model(&r);
	char bb[32], c1[32], c2[32];
	memest_cfg k = r.c;
	memest_train t0, t1;
	if (solve == 0) {
		uint64_t b = memest_fit_batch(&r.m, &r.c, r.budget);
		k.batch = 0;
		memest_training(&r.m, &k, &t0);
		k.batch = 1;
		memest_training(&r.m, &k, &t1);
		out_printf(_("budget    %s bytes per GPU (gpu=%s)\n"), fmt_count(r.budget, bb, sizeof bb), arg_str(a, "gpu", ""));
		out_printf(_("fixed     weights, gradients, optimiser state: %s bytes\n"), fmt_count(t0.total_gpu, c1, sizeof c1));
		out_printf(_("per seq.  activations and logits of one sequence of %llu tokens:\n          %s bytes\n"),
		           (unsigned long long)r.c.seq, fmt_count(t1.total_gpu - t0.total_gpu, c2, sizeof c2));
		if (b == 0) {
			out_printf(_("answer    nothing fits: one sequence needs %.3f GB > %.3f GB.\n"), gb(t1.total_gpu),
			           gb(r.budget));
			if (t0.total_gpu > r.budget)
				out_printf(r.c.mixed ? _("          The model states alone need %.3f GB; try zero=3 with gpus=N,\n"
				                         "          or a smaller model.\n")
				                     : _("          The model states alone need %.3f GB; try mixed, zero=3 with "
				                         "gpus=N,\n          or a smaller model.\n"),
				           gb(t0.total_gpu));
			else
				out_printf("%s", r.c.recompute == MEMEST_RC_FULL
				                     ? _("          Try a shorter seq=.\n")
				                     : _("          Try recompute, selective or a shorter seq=.\n"));
			return 0;
		}
		out_printf(_("answer    largest batch b = floor((budget - fixed) / per seq.) = %llu\n"), (unsigned long long)b);
		k.batch = b;
		memest_training(&r.m, &k, &t0);
		k.batch = b + 1;
		memest_training(&r.m, &k, &t1);
		out_printf(_("check     b=%llu needs %s bytes (%.3f GB)\n          b=%llu needs %s bytes (%.3f GB)\n"),
		           (unsigned long long)b, fmt_count(t0.total_gpu, c1, sizeof c1), gb(t0.total_gpu),
		           (unsigned long long)(b + 1), fmt_count(t1.total_gpu, c2, sizeof c2), gb(t1.total_gpu));
		return 0;
	}
	uint64_t limit = 1u << 20;
	uint64_t sq = memest_fit_seq(&r.m, &r.c, r.budget, limit);
	out_printf(_("budget    %s bytes per GPU (gpu=%s), batch b=%llu\n"), fmt_count(r.budget, bb, sizeof bb),
	           arg_str(a, "gpu", ""), (unsigned long long)r.c.batch);
	if (sq == 0) {
		k.seq = 1;
		memest_training(&r.m, &k, &t0);
		out_printf(_("answer    nothing fits: even s=1 needs %.3f GB > %.3f GB\n"), gb(t0.total_gpu), gb(r.budget));
		return 0;
	}
	if (sq == limit) {
		out_printf(_("answer    more than %llu tokens fit; nnlab looks no further\n"), (unsigned long long)limit);
		return 0;
	}
	out_printf(_("answer    longest sequence s = %llu tokens (by bisection: memory grows with s)\n"),
	           (unsigned long long)sq);
	k.seq = sq;
	memest_training(&r.m, &k, &t0);
	k.seq = sq + 1;
	memest_training(&r.m, &k, &t1);
	out_printf(_("check     s=%llu needs %s bytes (%.3f GB)\n          s=%llu needs %s bytes (%.3f GB)\n"),
	           (unsigned long long)sq,
	           fmt_count(t0.total_gpu, c1, sizeof c1), gb(t0.total_gpu), (unsigned long long)(sq + 1),
	           fmt_count(t1.total_gpu, c2, sizeof c2), gb(t1.total_gpu));
	if (r.preset && sq > (uint64_t)r.m.ctx)
		out_printf(_("note      %s was built for %ld positions: memory is not what limits it\n"), r.m.name, r.m.ctx);
	return 0;
}

/* ==== mem infer ========================================================== */

static int
mem_infer(session *s, cmd_args *a)
{
	(void)s;
	memreq r;
	if (req_parse(a, &r, REQ_INFER) < 0)
		return -1;
	memest_params pp;
	memest_count_params(&r.m, &pp);
	uint64_t P = r.c.params ? r.c.params : pp.total;
	char c[32], kv[32], tot[32];
	out_printf(_("inference %s: P = %s, s=%llu tokens, b=%llu\n"), r.m.name, fmt_count(P, c, sizeof c),
	           (unsigned long long)r.c.seq, (unsigned long long)r.c.batch);
	if (r.m.arch == MEMEST_BERT)
		out_printf(_("          an encoder reads its input at once: no key/value cache\n"));
	else if (r.arch)
		out_printf(_("          KV cache = 2*E*L*s*b*d_kv with d_kv = %d, E = 4 for fp32, else 2\n"),
		           r.m.kv_heads * (r.m.hidden / r.m.heads));
	else
		out_printf(_("          no layers given: weights only\n"));
	out_printf(_("weights   P*bits/8 bytes\n"));
	const char *h[3] = {_("weights"), _("KV cache"), _("total bytes")};
	out_printf("\n  %-6s %*s %*s %*s %9s", "dtype", utf8_pad(16, h[0]), h[0], utf8_pad(15, h[1]), h[1], utf8_pad(16, h[2]), h[2],
	           "GB");
	if (r.budget)
		out_printf("%s", _("  fits?"));
	out_printf("\n");
	for (int d = 0; d < MEMEST_NDTYPES; d++) {
		memest_infer inf;
		memest_inference(&r.m, P, (enum memest_dtype)d, r.arch ? r.c.seq : 0, r.c.batch, &inf);
		out_printf("  %-6s %16s %15s %16s %9.3f", memest_dtype_names[d], fmt_count(inf.weights, c, sizeof c),
		           fmt_count(inf.kv_cache, kv, sizeof kv), fmt_count(inf.total, tot, sizeof tot), gb(inf.total));
		if (r.budget)
			out_printf("  %s", inf.total <= r.budget ? _("yes") : _("no"));
		out_printf("%s\n", r.dtype_given && (int)r.c.dtype == d ? "  <-" : "");
	}
	if (r.dtype_given) {
		memest_infer inf;
		memest_inference(&r.m, P, r.c.dtype, r.arch ? r.c.seq : 0, r.c.batch, &inf);
		if (r.budget)
			out_printf(inf.total <= r.budget ? _("\n%s in %s fits in %s: it needs %.3f GB, leaving %.3f GB\n")
			                                 : _("\n%s in %s does not fit in %s: it needs %.3f GB, over by %.3f GB\n"),
			           r.m.name, dtname(&r.c), arg_str(a, "gpu", ""), gb(inf.total),
			           gb(inf.total <= r.budget ? r.budget - inf.total : inf.total - r.budget));
	}
	out_printf(_("\nint8 and int4 also need a scale per channel or group (int4 in groups of 128\n"
	             "with fp16 scales: 1/64 byte more per weight); the activations of one step are\n"
	             "small beside these.\n"));
	return 0;
}

/* ==== the entry ========================================================== */

static const char *const fit_keys[] = {"gpu",   "solve", "params", "layers", "hidden",    "heads", "kvheads", "ffn",
                                       "vocab", "ctx",   "seq",    "batch",  "dtype",     "optimizer",
                                       "zero",  "gpus",  "arch",   NULL};
static const char *const infer_keys[] = {"gpu", "params", "layers", "hidden", "heads", "kvheads", "ffn", "vocab",
                                         "ctx", "seq",    "batch",  "dtype",  "arch",  NULL};
static const char *const mem_words[] = {"mixed",    "recompute", "selective",  "bert-base", "bert-large",
                                        "gpt2",     "gpt2-medium", "gpt2-large", "gpt2-xl",  "gpt3-175b",
                                        "llama-7b", "llama-13b", "llama-65b",  "llama-70b", NULL};

static const cmd_sub mem_subs[] = {
	{.name = "notes", .usage = "notes", .summary = N_("the notes' formula and table, checked"),
	 .exec = mem_notes},
	{.name = "presets", .usage = "presets", .summary = N_("the presets and their parameter counts"),
	 .exec = mem_presets},
	{.name = "fit", .usage = "fit [MODEL] gpu=SIZE [solve=batch|seq] [...]",
	 .summary = N_("the largest batch or sequence that fits"), .exec = mem_fit, .keys = fit_keys,
	 .words = mem_words, .complete = COMPLETE_WORDS},
	{.name = "infer", .usage = "infer [MODEL] [gpu=SIZE] [dtype=] [seq=] [batch=]",
	 .summary = N_("the memory to run a model, per format"), .exec = mem_infer, .keys = infer_keys,
	 .words = mem_words, .complete = COMPLETE_WORDS},
	{0},
};

const cmd_entry cmd_mem_entry = {
	.name = "mem",
	.topic = "big",
	.usage = "mem [MODEL] [key=value ...] [mixed] [recompute|selective]",
	.summary = N_("estimate the GPU memory to train a model"),
	.help = N_("Prints every term of the memory one GPU needs to train a model, with its formula and its "
	        "size in bytes, GiB (2^30 bytes) and GB (10^9 bytes): weights, gradients, optimiser state, "
	        "activations of each layer and the logits.  MODEL is a preset ('mem presets' lists them) or "
	        "a model of your own given by params= and, for activations, layers=, hidden=, heads=, "
	        "vocab= and arch=gpt|bert|llama.\n"
	        "\n"
	        "The run: seq= tokens (default: the model's context), batch= sequences per GPU (default 1), "
	        "dtype=fp32|fp16|bf16, optimizer=sgd|momentum|adam (default adam), 'mixed' for mixed precision "
	        "(16-bit weights and gradients, fp32 master weights and moments: 16 bytes per parameter with "
	        "Adam), 'recompute' to keep only each layer's input and rebuild the rest during the backward "
	        "pass, 'selective' to rebuild only the attention scores, gpus=N data-parallel GPUs with "
	        "zero=0..3 (ZeRO partitions the optimiser state, then the gradients, then the weights).\n"
	        "\n"
	        "'mem notes' checks the formula and table of the notes; 'mem fit' answers how large a batch "
	        "or sequence fits; 'mem infer' whether a model fits to run.  The sources of the formulas are "
	        "in nnlab(1)."),
	.examples = "mem gpt2\nmem llama-7b seq=2048 batch=4 mixed\nmem gpt3-175b mixed gpus=1024 zero=3 recompute\n"
	            "mem params=7e9 optimizer=adam mixed\nmem notes\nmem fit gpt2-medium gpu=24GB mixed\n"
	            "mem fit llama-7b gpu=80GB mixed zero=3 gpus=8 solve=seq batch=1\nmem infer llama-13b gpu=24GB dtype=int8",
	.exec = cmd_mem,
	.subs = mem_subs,
	.keys = mem_keys,
	.words = mem_words,
	.complete = COMPLETE_WORDS,
};
