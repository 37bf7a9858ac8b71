/* cmd-gan.c - the `gan` command: a tiny generative adversarial network
 * learns to make numbers distributed like a mixture of two gaussians.
 *
 * It trains core/gan.h's generator and discriminator from the session's
 * random stream, reports both losses and what D believes as it goes,
 * charts the losses, and draws histograms of G's samples at a few steps
 * next to the target's, so the samples are seen moving onto the target.
 * Not the network lab (the GAN's two networks are its own; the lab's data
 * and network stay as they are).
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/netcmd.h"
#include "core/alloc.h"
#include "core/gan.h"
#include "out/chart.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define GAN_SAMPLES 2000
#define GAN_BINS 40
#define GAN_LO (-5.0)
#define GAN_HI 5.0
#define GAN_SNAPS 3

/* The share of n samples in each of GAN_BINS bins on [GAN_LO, GAN_HI),
 * divided by the bin width (a density). */
static void
histogram(const float *x, int n, double *dens)
{
	double w = (GAN_HI - GAN_LO) / GAN_BINS;
	for (int b = 0; b < GAN_BINS; b++)
		dens[b] = 0;
	for (int i = 0; i < n; i++) {
		int b = (int)floor((x[i] - GAN_LO) / w);
		if (b >= 0 && b < GAN_BINS)
			dens[b] += 1.0 / (n * w);
	}
}

static void
moments(const float *x, int n, double *mean, double *sd, double *right)
{
	double s = 0, ss = 0;
	int r = 0;
	for (int i = 0; i < n; i++) {
		s += x[i];
		r += x[i] > 0;
	}
	*mean = s / n;
	for (int i = 0; i < n; i++)
		ss += (x[i] - *mean) * (x[i] - *mean);
	*sd = sqrt(ss / n);
	*right = (double)r / n;
}

static int
cmd_gan(session *s, cmd_args *a)
{
	static const char usage[] = "gan [steps=N] [lr=X] [hidden=H] [batch=B]";
	if (args_max(a, 0, usage) < 0)
		return -1;
	long steps, hidden, batch;
	double lr;
	if (arg_long(a, "steps", 3000, 10, 200000, &steps) < 0 || arg_double(a, "lr", 0.002, 1e-6, 1.0, &lr) < 0 ||
	    arg_long(a, "hidden", 32, 1, 256, &hidden) < 0 || arg_long(a, "batch", 64, 1, 4096, &batch) < 0)
		return -1;
	if ((double)steps * batch * hidden * hidden > 2e11)
		return out_error("that is too much work for a demo (%ld steps of %ld samples); use fewer steps", steps,
		                 batch);

	const double m1 = -2, m2 = 2, sd = 0.5;
	gan *g = gan_new((int)hidden, lr, (int)batch, m1, m2, sd, &s->rng);
	char c[8][32];
	out_printf(_("GAN: the generator G (1-%ldtanh-%ldtanh-1) turns a normal z into a number; the discriminator D "
	             "(the same shape) says how likely a number is real.  Target: half N(-2, 0.5^2), half N(2, "
	             "0.5^2), mean 0, sd %s.  adam lr %s (beta1 0.5), %ld real and %ld fake samples a step\n"),
	           hidden, hidden, net_num(s, sqrt(4 + sd * sd), c[0], sizeof c[0]), net_num(s, lr, c[1], sizeof c[1]),
	           batch, batch);
	float *x = xmalloc(GAN_SAMPLES * sizeof *x);
	double dens[GAN_SNAPS + 1][GAN_BINS], mean = 0, msd = 0, right = 0;
	long snap_at[GAN_SNAPS] = {0, steps / 10, steps};
	int snap = 0;
	long every = steps / 6 > 0 ? steps / 6 : 1;
	int npts = steps < 200 ? (int)steps : 200;
	long per = (steps + npts - 1) / npts;
	npts = (int)((steps + per - 1) / per);
	double *ld = xcalloc((size_t)npts, sizeof *ld), *lg = xcalloc((size_t)npts, sizeof *lg);
	double *xs = xcalloc((size_t)npts, sizeof *xs);
	strbuf b;
	sb_init(&b);
	sb_puts(&b, _("     step    loss D    loss G   D(real)   D(fake)   G mean     G sd  G > 0\n"));
	gan_sample(g, &s->rng, x, GAN_SAMPLES);
	histogram(x, GAN_SAMPLES, dens[snap++]);
	for (long i = 1; i <= steps; i++) {
		if (session_poll()) {
			sb_free(&b);
			free(ld);
			free(lg);
			free(xs);
			free(x);
			gan_free(g);
			return session_stopped("gan");
		}
		gan_step(g, &s->rng);
		int p = (int)((i - 1) / per);
		ld[p] += g->loss_d;
		lg[p] += g->loss_g;
		xs[p] = (double)i;
		if (i % per == 0 || i == steps) {
			long k = i % per ? i % per : per;
			ld[p] /= (double)k;
			lg[p] /= (double)k;
		}
		int at_snap = snap < GAN_SNAPS && i == snap_at[snap];
		if (i % every == 0 || i == steps || at_snap) {
			gan_sample(g, &s->rng, x, GAN_SAMPLES);
			if (at_snap)
				histogram(x, GAN_SAMPLES, dens[snap++]);
			if (i % every == 0 || i == steps) {
				moments(x, GAN_SAMPLES, &mean, &msd, &right);
				sb_printf(&b, "  %7ld  %8s  %8s  %8s  %8s  %7s  %7s  %4.0f%%\n", i, net_num(s, g->loss_d, c[0], 32),
				          net_num(s, g->loss_g, c[1], 32), net_num(s, g->d_real, c[2], 32),
				          net_num(s, g->d_fake, c[3], 32), net_num(s, mean, c[4], 32), net_num(s, msd, c[5], 32),
				          100 * right);
			}
		}
	}
	out_printf("%s", b.s);
	sb_free(&b);
	chart_series ls[2] = {{.name = _("loss D"), .x = xs, .y = ld, .n = (size_t)npts},
	                      {.name = _("loss G"), .x = xs, .y = lg, .n = (size_t)npts}};
	char title[128];
	snprintf(title, sizeof title, _("both losses (means over %ld steps); at the balance D = 2 ln 2, G = ln 2"), per);
	chart lc = {.kind = CHART_LINE, .title = title, .xlabel = _("step"), .ylabel = _("loss"), .series = ls, .nseries = 2};
	out_chart(&lc);

	/* the target's histogram, from its own samples */
	gan_real(g, &s->rng, x, GAN_SAMPLES);
	histogram(x, GAN_SAMPLES, dens[GAN_SNAPS]);
	double bx[GAN_BINS];
	for (int k = 0; k < GAN_BINS; k++)
		bx[k] = GAN_LO + (k + 0.5) * (GAN_HI - GAN_LO) / GAN_BINS;
	char names[GAN_SNAPS][32];
	chart_series hs[GAN_SNAPS + 1];
	for (int k = 0; k < GAN_SNAPS; k++) {
		snprintf(names[k], sizeof names[k], _("G at step %ld"), snap_at[k]);
		hs[k] = (chart_series){.name = names[k], .x = bx, .y = dens[k], .n = GAN_BINS};
	}
	hs[GAN_SNAPS] = (chart_series){.name = _("target"), .x = bx, .y = dens[GAN_SNAPS], .n = GAN_BINS};
	chart hc = {.kind = CHART_LINE, .title = _("where the samples are: histograms of 2000 numbers"),
	            .xlabel = "x", .ylabel = _("density"), .series = hs, .nseries = GAN_SNAPS + 1};
	out_chart(&hc);
	out_printf(_("G's samples now: mean %s, sd %s, %.0f%% above 0 (the target: mean 0, sd %s, 50%%)\n"),
	           net_num(s, mean, c[0], 32), net_num(s, msd, c[1], 32), 100 * right, net_num(s, sqrt(4 + sd * sd), c[2], 32));
	free(ld);
	free(lg);
	free(xs);
	free(x);
	gan_free(g);
	return 0;
}

static const char *const gan_keys[] = {"steps", "lr", "hidden", "batch", NULL};

const cmd_entry cmd_gan_entry = {
	.name = "gan",
	.topic = "net",
	.usage = "gan [steps=N] [lr=X] [hidden=H] [batch=B]",
	.summary = N_("a tiny GAN learns to make numbers like a mixture of two gaussians"),
	.help = N_("A generative adversarial network is two networks trained against each other.  The generator G "
	        "turns random noise z (a standard normal number) into a sample; the discriminator D gives the "
	        "probability that a sample is real.  Each step first trains D on batch= (64) real samples and as "
	        "many of G's, with loss -ln D(x) - ln(1 - D(G(z))), then trains G, through D, to make D say "
	        "'real': loss -ln D(G(z)).  D's weights stay still while G learns, and the other way round.\n"
	        "\n"
	        "The target here is half N(-2, 0.5^2) and half N(2, 0.5^2).  Both networks are 1 - H tanh - H "
	        "tanh - 1 (hidden=, 32) trained with adam (lr=, 0.002; beta1 0.5) for steps= (3000) steps, from "
	        "the session's random stream.  The table shows both losses, D's mean belief on real and fake "
	        "samples, and the mean, spread and share above 0 of 2000 of G's samples; at the balance D says "
	        "0.5 to everything, its loss is 2 ln 2 = 1.386 and G's ln 2 = 0.693.  The charts show the losses "
	        "and histograms of G's samples at the start, a tenth of the way and the end, over the "
	        "target's.  A GAN can also fail: a generator that finds one mode and stays there (mode "
	        "collapse) shows as a G > 0 share near 0% or 100%."),
	.examples = "seed 1\ngan\ngan steps=500 lr=0.01",
	.exec = cmd_gan,
	.keys = gan_keys,
};
