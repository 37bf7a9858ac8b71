/* landscape.c - loss surfaces and gradient descent (see landscape.h).
 *
 * The critical points of Himmelblau's function were found by Newton's
 * method on the analytic gradient and classified by the Hessian (the test
 * checks that the gradient vanishes at each).
 */
#include <config.h>

#include "core/landscape.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>

const char *const land_fn_names[] = {"bowl", "rosenbrock", "himmelblau", "saddle", NULL};
const char *const land_optim_names[] = {"sgd", "momentum", "adam", NULL};

static const land_point bowl_crit[] = {{0, 0, 0, "minimum"}};
static const land_point rosen_crit[] = {{1, 1, 0, "minimum"}};
static const land_point himmel_crit[] = {
	{3.0, 2.0, 0, "minimum"},
	{-2.805118087, 3.131312518, 0, "minimum"},
	{-3.779310253, -3.283185991, 0, "minimum"},
	{3.584428340, -1.848126527, 0, "minimum"},
	{-0.270844591, -0.923038556, 181.616522, "maximum"},
	{0.086677505, 2.884254701, 67.7191501, "saddle point"},
	{-3.073025751, -0.081353044, 104.015163, "saddle point"},
	{3.385154184, 0.073851880, 13.3119263, "saddle point"},
	{-0.127961347, -1.953714980, 178.337239, "saddle point"},
};
static const land_point saddle_crit[] = {
	{0, 0, 0, "saddle point"},
	{0, 1, -0.25, "minimum"},
	{0, -1, -0.25, "minimum"},
};

const land_def land_defs[LAND_NFN] = {
	{"bowl", "(x^2 + 10*y^2)/2", -3, 3, -2, 2, -2.5, 1.5, 0.15, 100, 0, bowl_crit, 1},
	{"rosenbrock", "(1 - x)^2 + 100*(y - x^2)^2", -2, 2, -1, 3, -1.5, 2, 0.001, 5000, 0, rosen_crit, 1},
	{"himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", -5, 5, -5, 5, 0, 0, 0.01, 200, 0, himmel_crit, 9},
	{"saddle", "x^2 + y^4/4 - y^2/2", -2, 2, -1.5, 1.5, 1.5, 0.001, 0.1, 200, -0.25, saddle_crit, 3},
};

double
land_f(enum land_fn fn, double x, double y)
{
	switch (fn) {
	case LAND_BOWL:
		return 0.5 * (x * x + 10 * y * y);
	case LAND_ROSENBROCK:
		return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
	case LAND_HIMMELBLAU: {
		double a = x * x + y - 11, b = x + y * y - 7;
		return a * a + b * b;
	}
	default:
		return x * x + 0.25 * y * y * y * y - 0.5 * y * y;
	}
}

void
land_grad(enum land_fn fn, double x, double y, double *gx, double *gy)
{
	switch (fn) {
	case LAND_BOWL:
		*gx = x;
		*gy = 10 * y;
		break;
	case LAND_ROSENBROCK:
		*gx = -2 * (1 - x) - 400 * x * (y - x * x);
		*gy = 200 * (y - x * x);
		break;
	case LAND_HIMMELBLAU: {
		double a = x * x + y - 11, b = x + y * y - 7;
		*gx = 4 * x * a + 2 * b;
		*gy = 2 * a + 4 * y * b;
		break;
	}
	default:
		*gx = 2 * x;
		*gy = y * y * y - y;
		break;
	}
}

int
land_nearest(enum land_fn fn, double x, double y, double *dist)
{
	const land_def *d = &land_defs[fn];
	int best = -1;
	double bd = INFINITY;
	for (int i = 0; i < d->ncrit; i++) {
		double e = hypot(x - d->crit[i].x, y - d->crit[i].y);
		if (e < bd) {
			bd = e;
			best = i;
		}
	}
	if (dist)
		*dist = bd;
	return best;
}

void
land_descend(enum land_fn fn, double x0, double y0, double lr, long steps, enum land_optim opt, land_run *r)
{
	r->x = xreallocarray(NULL, (size_t)steps + 1, sizeof *r->x);
	r->y = xreallocarray(NULL, (size_t)steps + 1, sizeof *r->y);
	r->f = xreallocarray(NULL, (size_t)steps + 1, sizeof *r->f);
	r->flips_x = r->flips_y = 0;
	r->crit = -1;
	r->outcome = LAND_MOVING;
	double x = x0, y = y0, vx = 0, vy = 0, mx = 0, my = 0, sx = 0, sy = 0, px = 0, py = 0;
	double b1t = 1, b2t = 1;
	long n = 0;
	r->x[0] = x;
	r->y[0] = y;
	r->f[0] = land_f(fn, x, y);
	n = 1;
	for (long t = 1; t <= steps; t++) {
		double gx, gy;
		land_grad(fn, x, y, &gx, &gy);
		if (hypot(gx, gy) < LAND_GRAD_TOL) {
			r->outcome = LAND_CONVERGED;
			break;
		}
		double dx, dy;
		switch (opt) {
		case LAND_MOMENTUM:
			vx = 0.9 * vx + gx;
			vy = 0.9 * vy + gy;
			dx = -lr * vx;
			dy = -lr * vy;
			break;
		case LAND_ADAM:
			mx = 0.9 * mx + 0.1 * gx;
			my = 0.9 * my + 0.1 * gy;
			sx = 0.999 * sx + 0.001 * gx * gx;
			sy = 0.999 * sy + 0.001 * gy * gy;
			b1t *= 0.9;
			b2t *= 0.999;
			dx = -lr * (mx / (1 - b1t)) / (sqrt(sx / (1 - b2t)) + 1e-8);
			dy = -lr * (my / (1 - b1t)) / (sqrt(sy / (1 - b2t)) + 1e-8);
			break;
		default:
			dx = -lr * gx;
			dy = -lr * gy;
			break;
		}
		if (dx * px < 0)
			r->flips_x++;
		if (dy * py < 0)
			r->flips_y++;
		px = dx;
		py = dy;
		x += dx;
		y += dy;
		double f = land_f(fn, x, y);
		r->x[n] = x;
		r->y[n] = y;
		r->f[n] = f;
		n++;
		if (!isfinite(f) || fabs(x) > 1e6 || fabs(y) > 1e6) {
			r->outcome = LAND_DIVERGED;
			break;
		}
	}
	r->n = n;
	if (r->outcome == LAND_MOVING) {
		/* the steps ran out: converged all the same if the gradient is
		 * gone; diverging if f rose in each of the last 10 steps to more
		 * than where it started */
		double gx, gy;
		land_grad(fn, x, y, &gx, &gy);
		int rising = n > 10 && r->f[n - 1] > r->f[0];
		for (long i = n - 10; rising && i < n; i++)
			rising = r->f[i] > r->f[i - 1];
		if (hypot(gx, gy) < LAND_GRAD_TOL)
			r->outcome = LAND_CONVERGED;
		else if (rising)
			r->outcome = LAND_DIVERGED;
	}
	if (r->outcome != LAND_DIVERGED) {
		double d;
		int c = land_nearest(fn, x, y, &d);
		if (d < 1e-3)
			r->crit = c;
	}
}

/* ==== contour maps ====================================================== */

static double
grid_x(const land_def *d, int i, int nx)
{
	return d->xlo + (d->xhi - d->xlo) * i / nx;
}

static double
grid_y(const land_def *d, int j, int ny)
{
	return d->ylo + (d->yhi - d->ylo) * j / ny;
}

void
land_levels(enum land_fn fn, int n, double *levels)
{
	const land_def *d = &land_defs[fn];
	double hi = d->fmin;
	for (int i = 0; i <= 64; i++)
		for (int j = 0; j <= 64; j++) {
			double f = land_f(fn, grid_x(d, i, 64), grid_y(d, j, 64));
			if (f > hi)
				hi = f;
		}
	double top = log10(1 + hi - d->fmin);
	for (int k = 0; k < n; k++)
		levels[k] = d->fmin + pow(10, top * (k + 1) / (n + 1)) - 1;
}

/* the point where f crosses v on the edge from (x0,y0,f0) to (x1,y1,f1) */
static void
crossing(double x0, double y0, double f0, double x1, double y1, double f1, double v, double *x, double *y)
{
	double t = (v - f0) / (f1 - f0);
	*x = x0 + t * (x1 - x0);
	*y = y0 + t * (y1 - y0);
}

void
land_contours(enum land_fn fn, const double *levels, int nlevels, int nx, int ny, double **xs, double **ys, long *n)
{
	const land_def *d = &land_defs[fn];
	double *f = xreallocarray(NULL, (size_t)(nx + 1) * (size_t)(ny + 1), sizeof *f);
	for (int j = 0; j <= ny; j++)
		for (int i = 0; i <= nx; i++)
			f[j * (nx + 1) + i] = land_f(fn, grid_x(d, i, nx), grid_y(d, j, ny));
	long cap = 1024, len = 0;
	double *x = xreallocarray(NULL, (size_t)cap, sizeof *x), *y = xreallocarray(NULL, (size_t)cap, sizeof *y);
	for (int k = 0; k < nlevels; k++) {
		double v = levels[k];
		for (int j = 0; j < ny; j++)
			for (int i = 0; i < nx; i++) {
				/* corners counter-clockwise from the lower left */
				double cx[4] = {grid_x(d, i, nx), grid_x(d, i + 1, nx), grid_x(d, i + 1, nx), grid_x(d, i, nx)};
				double cy[4] = {grid_y(d, j, ny), grid_y(d, j, ny), grid_y(d, j + 1, ny), grid_y(d, j + 1, ny)};
				double cf[4] = {f[j * (nx + 1) + i], f[j * (nx + 1) + i + 1], f[(j + 1) * (nx + 1) + i + 1],
				                f[(j + 1) * (nx + 1) + i]};
				/* the edges the level crosses, in order; 2 or 4 of them */
				double px[4], py[4];
				int m = 0;
				for (int e = 0; e < 4; e++) {
					int a = e, b = (e + 1) % 4;
					if ((cf[a] < v) != (cf[b] < v)) {
						crossing(cx[a], cy[a], cf[a], cx[b], cy[b], cf[b], v, &px[m], &py[m]);
						m++;
					}
				}
				for (int s = 0; s + 1 < m; s += 2) {
					if (len + 3 > cap) {
						cap *= 2;
						x = xreallocarray(x, (size_t)cap, sizeof *x);
						y = xreallocarray(y, (size_t)cap, sizeof *y);
					}
					x[len] = px[s];
					y[len++] = py[s];
					x[len] = px[s + 1];
					y[len++] = py[s + 1];
					x[len] = NAN;
					y[len++] = NAN;
				}
			}
	}
	free(f);
	*xs = x;
	*ys = y;
	*n = len;
}

void
land_run_free(land_run *r)
{
	free(r->x);
	free(r->y);
	free(r->f);
	r->x = r->y = r->f = NULL;
	r->n = 0;
}
