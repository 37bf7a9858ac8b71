/* test-landscape.c - the loss surfaces and gradient descent of
 * src/core/landscape.c: gradients against central differences, the
 * critical points against the gradient, the path of plain descent on the
 * bowl against its closed form, and the stated outcomes (converges, zig-
 * zags, diverges, which minimum) from fixed starts.
 * Links libnncore.a and -lm only.
 */
#include <config.h>

#include "core/landscape.h"
#include "../tap.h"

#include <math.h>
#include <stdlib.h>

static void
test_gradients(void)
{
	for (int fn = 0; fn < LAND_NFN; fn++) {
		const land_def *d = &land_defs[fn];
		double worst = 0;
		for (int i = 0; i <= 10; i++)
			for (int j = 0; j <= 10; j++) {
				double x = d->xlo + (d->xhi - d->xlo) * i / 10.0 + 0.0123;
				double y = d->ylo + (d->yhi - d->ylo) * j / 10.0 - 0.0071;
				double gx, gy, h = 1e-5;
				land_grad((enum land_fn)fn, x, y, &gx, &gy);
				double nx = (land_f((enum land_fn)fn, x + h, y) - land_f((enum land_fn)fn, x - h, y)) / (2 * h);
				double ny = (land_f((enum land_fn)fn, x, y + h) - land_f((enum land_fn)fn, x, y - h)) / (2 * h);
				double e = fmax(fabs(gx - nx) / (1 + fabs(nx)), fabs(gy - ny) / (1 + fabs(ny)));
				if (e > worst)
					worst = e;
			}
		ok(worst < 1e-6, "%s: analytic gradient = central differences on 121 points (worst rel. diff %.2g)",
		   d->name, worst);
		int bad = 0;
		for (int k = 0; k < d->ncrit; k++) {
			double gx, gy;
			land_grad((enum land_fn)fn, d->crit[k].x, d->crit[k].y, &gx, &gy);
			if (hypot(gx, gy) > 1e-6 || fabs(land_f((enum land_fn)fn, d->crit[k].x, d->crit[k].y) - d->crit[k].f) > 1e-6)
				bad++;
			if (d->crit[k].f < d->fmin - 1e-12)
				bad++;
		}
		ok(bad == 0, "%s: the gradient vanishes at its %d critical points and f is as listed", d->name, d->ncrit);
	}
}

static void
test_bowl(void)
{
	/* plain descent on (x^2 + 10 y^2)/2: x_k = x0 (1-lr)^k, y_k = y0 (1-10 lr)^k */
	land_run r;
	double lr = 0.15;
	land_descend(LAND_BOWL, -2.5, 1.5, lr, 100, LAND_SGD, &r);
	double worst = 0;
	for (long k = 0; k < r.n; k++) {
		double ex = -2.5 * pow(1 - lr, (double)k), ey = 1.5 * pow(1 - 10 * lr, (double)k);
		worst = fmax(worst, fmax(fabs(r.x[k] - ex), fabs(r.y[k] - ey)));
	}
	ok(worst < 1e-12, "bowl, lr 0.15: every point on the closed form (largest difference %.2g)", worst);
	ok(r.outcome == LAND_CONVERGED && r.crit == 0 && r.n < 100, "bowl, lr 0.15: converges to (0,0) in %ld steps",
	   r.n - 1);
	ok(r.flips_y == r.n - 2 && r.flips_x == 0,
	   "bowl, lr 0.15: y reverses on every step (1 - 10*lr = -0.5), x never does");
	land_run_free(&r);
	land_descend(LAND_BOWL, -2.5, 1.5, 0.05, 100, LAND_SGD, &r);
	int down = 1;
	for (long k = 1; k < r.n; k++)
		down &= r.f[k] < r.f[k - 1];
	ok(down && r.flips_y == 0 && r.outcome == LAND_MOVING,
	   "bowl, lr 0.05: f falls on every step, no zigzag, not there yet after 100 steps");
	land_run_free(&r);
	land_descend(LAND_BOWL, -2.5, 1.5, 0.21, 100, LAND_SGD, &r);
	ok(r.outcome == LAND_DIVERGED && fabs(r.y[r.n - 1]) > 1e4,
	   "bowl, lr 0.21 > 2/10: diverges (|1 - 10*lr| = 1.1), y = %.6g after 100 steps", r.y[r.n - 1]);
	land_run_free(&r);
	land_descend(LAND_BOWL, -2.5, 1.5, 0.2, 100, LAND_SGD, &r);
	ok(r.outcome == LAND_MOVING && fabs(fabs(r.y[r.n - 1]) - 1.5) < 1e-12,
	   "bowl, lr exactly 0.2: y bounces between 1.5 and -1.5 for ever");
	land_run_free(&r);

	/* momentum by hand: v1 = g0, x1 = x0 - lr v1; v2 = 0.9 v1 + g1 */
	land_descend(LAND_BOWL, 1.0, 1.0, 0.01, 2, LAND_MOMENTUM, &r);
	double x1 = 1 - 0.01 * 1, y1 = 1 - 0.01 * 10;
	double x2 = x1 - 0.01 * (0.9 * 1 + x1), y2 = y1 - 0.01 * (0.9 * 10 + 10 * y1);
	ok(fabs(r.x[1] - x1) < 1e-15 && fabs(r.y[1] - y1) < 1e-15 && fabs(r.x[2] - x2) < 1e-15 &&
	   fabs(r.y[2] - y2) < 1e-15,
	   "momentum: two steps as computed by hand");
	land_run_free(&r);
	/* Adam's first step is lr*sign(g) in each coordinate (bias-corrected) */
	land_descend(LAND_BOWL, 1.0, -2.0, 0.1, 1, LAND_ADAM, &r);
	ok(fabs(r.x[1] - 0.9) < 1e-7 && fabs(r.y[1] + 1.9) < 1e-7, "adam: the first step moves lr in each coordinate");
	land_run_free(&r);
}

static void
test_outcomes(void)
{
	land_run r;
	land_descend(LAND_ROSENBROCK, -1.5, 2, 0.001, 5000, LAND_SGD, &r);
	ok(r.outcome == LAND_MOVING && r.x[r.n - 1] > 0.9 && r.x[r.n - 1] < 0.99,
	   "rosenbrock, lr 0.001: after 5000 steps still creeping along the valley (x = %.4f)", r.x[r.n - 1]);
	land_run_free(&r);
	land_descend(LAND_ROSENBROCK, -1.5, 2, 0.001, 20000, LAND_SGD, &r);
	ok(r.crit == 0, "rosenbrock, lr 0.001: within 1e-3 of (1,1) after 20000 steps");
	land_run_free(&r);
	land_descend(LAND_ROSENBROCK, -1.5, 2, 0.003, 5000, LAND_SGD, &r);
	ok(r.outcome == LAND_DIVERGED && r.n < 20, "rosenbrock, lr 0.003: diverges within %ld steps", r.n - 1);
	land_run_free(&r);
	land_descend(LAND_ROSENBROCK, -1.5, 2, 0.05, 5000, LAND_ADAM, &r);
	ok(r.outcome == LAND_CONVERGED && r.crit == 0, "rosenbrock, adam lr 0.05: converges to (1,1) in %ld steps",
	   r.n - 1);
	land_run_free(&r);

	static const struct {
		double x, y;
		int crit;
	} starts[] = {{0, 0, 0}, {-1, 1, 1}, {-1, -1, 2}, {1, -1, 3}};
	for (int i = 0; i < 4; i++) {
		land_descend(LAND_HIMMELBLAU, starts[i].x, starts[i].y, 0.01, 200, LAND_SGD, &r);
		const land_point *p = &land_defs[LAND_HIMMELBLAU].crit[starts[i].crit];
		ok(r.outcome == LAND_CONVERGED && r.crit == starts[i].crit,
		   "himmelblau from (%g, %g): converges to the minimum (%.6f, %.6f)", starts[i].x, starts[i].y, p->x, p->y);
		land_run_free(&r);
	}
	land_descend(LAND_HIMMELBLAU, 0, 0, 0.05, 200, LAND_SGD, &r);
	ok(r.outcome == LAND_DIVERGED, "himmelblau, lr 0.05: diverges");
	land_run_free(&r);

	land_descend(LAND_SADDLE, 1.5, 0, 0.1, 200, LAND_SGD, &r);
	ok(r.outcome == LAND_CONVERGED && r.crit == 0, "saddle from (1.5, 0): stops on the saddle point (0, 0)");
	land_run_free(&r);
	land_descend(LAND_SADDLE, 1.5, 0.001, 0.1, 200, LAND_SGD, &r);
	ok(r.crit == 1 && r.n > 100, "saddle from (1.5, 0.001): escapes to (0, 1), slowly (%ld steps)", r.n - 1);
	land_run_free(&r);
	land_descend(LAND_SADDLE, 1.5, -0.001, 0.1, 200, LAND_SGD, &r);
	ok(r.crit == 2, "saddle from (1.5, -0.001): to (0, -1)");
	land_run_free(&r);
	double d;
	ok(land_nearest(LAND_HIMMELBLAU, 2.9, 2.1, &d) == 0 && fabs(d - hypot(0.1, 0.1)) < 1e-12,
	   "nearest critical point and its distance");
}

static void
test_contours(void)
{
	/* on the bowl a level crossing found by linear interpolation along a
	 * cell edge of length h is off by at most h^2 * f''/8 */
	double lv[6];
	land_levels(LAND_BOWL, 6, lv);
	int rising = lv[0] > 0;
	for (int k = 1; k < 6; k++)
		rising &= lv[k] > lv[k - 1];
	ok(rising && lv[5] < land_f(LAND_BOWL, 3, 2), "levels rise from above the minimum to below the highest value");
	double *x, *y;
	long n;
	land_contours(LAND_BOWL, lv, 6, 60, 30, &x, &y, &n);
	int bad = 0, pieces = 0;
	double hy = 4.0 / 30, tol = hy * hy * 10 / 8 + 1e-12;
	for (long i = 0; i + 2 < n; i += 3) {
		pieces++;
		if (!isnan(x[i + 2]) || !isnan(y[i + 2]))
			bad++;
		for (int e = 0; e < 2; e++) {
			double f = land_f(LAND_BOWL, x[i + e], y[i + e]);
			double best = INFINITY;
			for (int k = 0; k < 6; k++)
				best = fmin(best, fabs(f - lv[k]));
			if (best > tol)
				bad++;
		}
	}
	ok(n % 3 == 0 && pieces > 100 && bad == 0,
	   "bowl contours: %d pieces, each two points on a level (within %.3f) and a break", pieces, tol);
	free(x);
	free(y);
}

int
main(void)
{
	test_gradients();
	test_bowl();
	test_outcomes();
	test_contours();
	return done_testing();
}
