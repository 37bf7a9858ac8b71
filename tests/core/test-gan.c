/* test-gan.c - the tiny GAN: the target sampler's draws and moments, the
 * gradient that reaches G through D's input against central differences
 * of D's output, and a seeded run whose samples end up distributed like
 * the target (mean, spread, both modes). */
#include <config.h>

#include "../tap.h"
#include "core/gan.h"

#include <math.h>
#include <stdlib.h>

static void
moments(const float *x, int n, double *mean, double *sd, double *right, double *near)
{
	double s = 0, ss = 0;
	int r = 0, nr = 0;
	for (int i = 0; i < n; i++) {
		s += x[i];
		r += x[i] > 0;
		nr += fabs(fabs(x[i]) - 2) < 1;
	}
	*mean = s / n;
	for (int i = 0; i < n; i++)
		ss += (x[i] - *mean) * (x[i] - *mean);
	*sd = sqrt(ss / n);
	*right = (double)r / n;
	*near = (double)nr / n;
}

int
main(void)
{
	rng_t r;
	rng_init(&r, 1);
	gan *g = gan_new(32, 0.002, 64, -2, 2, 0.5, &r);
	ok(g->g->n_params == 1153 && g->d->n_params == 1153, "G and D are 1-32-32-1: 1153 parameters each");
	uint64_t c0 = r.ctr;
	enum { N = 4000 };
	static float x[N];
	gan_real(g, &r, x, N);
	ok(r.ctr - c0 == (uint64_t)N * 3, "a real sample draws a uniform and a normal (3 uniforms)");
	double mean, sd, right, near;
	moments(x, N, &mean, &sd, &right, &near);
	ok(fabs(mean) < 0.1 && fabs(sd - sqrt(4.25)) < 0.05 && fabs(right - 0.5) < 0.03,
	   "the target: mean %.3f (0), sd %.3f (2.062), %.3f above 0", mean, sd, right);

	/* dL/dx through D against central differences of L = sum gs_i * s(x_i) */
	float xs[5] = {-2.5f, -0.7f, 0.1f, 1.3f, 2.2f}, gs[5] = {0.3f, -0.2f, 0.5f, 0.1f, -0.4f}, grad[5];
	gan_dgrad(g, xs, gs, 5, grad);
	double worst = 0;
	for (int i = 0; i < 5; i++) {
		const double eps = 1e-2;
		float xp = xs[i] + (float)eps, xm = xs[i] - (float)eps;
		double sp = model_forward(g->d, &xp, 1, 0, NULL)[0];
		double sm = model_forward(g->d, &xm, 1, 0, NULL)[0];
		double num = gs[i] * (sp - sm) / (2 * eps);
		double rel = fabs(num - grad[i]) / fmax(fabs(num), 1e-4);
		worst = fmax(worst, rel);
	}
	ok(worst < 1e-2, "D's input gradient matches central differences (worst relative error %.2g)", worst);

	/* a seeded run */
	for (int i = 0; i < 3000; i++)
		gan_step(g, &r);
	gan_sample(g, &r, x, N);
	moments(x, N, &mean, &sd, &right, &near);
	ok(fabs(mean) < 0.3 && fabs(sd - sqrt(4.25)) < 0.5,
	   "seed 1, 3000 steps, lr 0.002: G's mean %.3f within 0.3 of 0, sd %.3f within 0.5 of 2.062", mean, sd);
	ok(fabs(right - 0.5) < 0.05 && near > 0.9,
	   "both modes: %.3f of the samples above 0, %.3f within 1 of -2 or 2 (no mode collapse)", right, near);
	ok(fabs(g->loss_d - 2 * log(2)) < 0.1 && fabs(g->d_real - 0.5) < 0.1 && fabs(g->d_fake - 0.5) < 0.1,
	   "at the balance: loss D %.3f near 2 ln 2, D says %.3f to reals and %.3f to fakes", g->loss_d, g->d_real,
	   g->d_fake);
	gan_free(g);
	return done_testing();
}
