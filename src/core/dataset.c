/* dataset.c - datasets in memory: building, cloning, checksums, the
 * built-in generators, the train/test split and standardisation.
 *
 * libc and libm only.  Every random number comes from the caller's stream,
 * in the order documented at each generator (and in dataset.h), so the same
 * stream gives the same dataset here and in the NumPy and PyTorch peers.
 * Not a file parser (csv.c) and not a command (cmd-data.c).
 */
#include <config.h>

#include "core/dataset.h"
#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== building and freeing ============================================== */

static char **
names_clone(char *const *names, int n)
{
	if (!names)
		return NULL;
	char **c = xcalloc((size_t)n, sizeof *c);
	for (int i = 0; i < n; i++)
		c[i] = names[i] ? xstrdup(names[i]) : NULL;
	return c;
}

static void
names_free(char **names, int n)
{
	if (!names)
		return;
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

dataset *
dataset_new(const char *name, int n, int d, int k, int regression)
{
	dataset *ds = xcalloc(1, sizeof *ds);
	ds->name = xstrdup(name);
	ds->n = n;
	ds->n_train = n;
	ds->d = d;
	ds->k = k;
	ds->regression = regression;
	ds->x = xcalloc((size_t)n * (size_t)d, sizeof *ds->x);
	if (regression)
		ds->t = xcalloc((size_t)n * (size_t)k, sizeof *ds->t);
	else
		ds->y = xcalloc((size_t)n, sizeof *ds->y);
	ds->feature_names = xcalloc((size_t)d, sizeof *ds->feature_names);
	for (int j = 0; j < d; j++) {
		char buf[24];
		snprintf(buf, sizeof buf, "x%d", j + 1);
		ds->feature_names[j] = xstrdup(buf);
	}
	return ds;
}

void
dataset_free(dataset *ds)
{
	if (!ds)
		return;
	free(ds->name);
	free(ds->x);
	free(ds->y);
	free(ds->t);
	names_free(ds->feature_names, ds->d);
	names_free(ds->class_names, ds->k);
	free(ds->target_name);
	free(ds);
}

dataset *
dataset_clone(const dataset *ds)
{
	if (!ds)
		return NULL;
	dataset *c = xcalloc(1, sizeof *c);
	*c = *ds;
	c->name = ds->name ? xstrdup(ds->name) : NULL;
	size_t nx = (size_t)ds->n * (size_t)ds->d;
	c->x = xmalloc((nx ? nx : 1) * sizeof *c->x);
	memcpy(c->x, ds->x, nx * sizeof *c->x);
	if (ds->y) {
		c->y = xmalloc((size_t)(ds->n ? ds->n : 1) * sizeof *c->y);
		memcpy(c->y, ds->y, (size_t)ds->n * sizeof *c->y);
	}
	if (ds->t) {
		size_t nt = (size_t)ds->n * (size_t)ds->k;
		c->t = xmalloc((nt ? nt : 1) * sizeof *c->t);
		memcpy(c->t, ds->t, nt * sizeof *c->t);
	}
	c->feature_names = names_clone(ds->feature_names, ds->d);
	c->class_names = names_clone(ds->class_names, ds->k);
	c->target_name = ds->target_name ? xstrdup(ds->target_name) : NULL;
	return c;
}

/* ==== checksum ========================================================== */

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* Four bytes, least significant first, so the digest is the same on
 * machines of either byte order. */
static uint64_t
fnv_u32(uint64_t h, uint32_t v)
{
	for (int b = 0; b < 4; b++) {
		h ^= (v >> (8 * b)) & 0xffu;
		h *= FNV_PRIME;
	}
	return h;
}

static uint64_t
fnv_floats(uint64_t h, const float *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t u;
		memcpy(&u, &v[i], sizeof u);
		h = fnv_u32(h, u);
	}
	return h;
}

uint64_t
dataset_checksum(const dataset *ds)
{
	uint64_t h = FNV_OFFSET;
	h = fnv_u32(h, (uint32_t)ds->n);
	h = fnv_u32(h, (uint32_t)ds->n_train);
	h = fnv_u32(h, (uint32_t)ds->d);
	h = fnv_u32(h, (uint32_t)ds->k);
	h = fnv_u32(h, (uint32_t)ds->regression);
	h = fnv_floats(h, ds->x, (size_t)ds->n * (size_t)ds->d);
	if (ds->regression) {
		h = fnv_floats(h, ds->t, (size_t)ds->n * (size_t)ds->k);
	} else {
		for (int i = 0; i < ds->n; i++)
			h = fnv_u32(h, (uint32_t)ds->y[i]);
	}
	return h;
}

/* ==== generators ========================================================
 * Rows are ordered class by class; point p = n*j + i.  Each generator's
 * draw order is stated above it and in dataset.h. */

/* A 2-D classification dataset of n per class and k classes. */
static dataset *
gen_new2(const char *name, int n, int k)
{
	return dataset_new(name, n * k, 2, k, 0);
}

/* Store point p at (cx + noise*z1, cy + noise*z2), drawing z1 then z2. */
static void
gen_put_noisy(dataset *ds, rng_t *r, int p, double cx, double cy, double noise, int label)
{
	double z1 = rng_normal(r);
	double z2 = rng_normal(r);
	ds->x[2 * p] = (float)(cx + noise * z1);
	ds->x[2 * p + 1] = (float)(cy + noise * z2);
	ds->y[p] = label;
}

/* Draws: one normal per point, in order p = 0 .. n*k-1 (2*n*k uniforms). */
dataset *
dataset_spiral(rng_t *r, int n, int k, double noise)
{
	dataset *ds = gen_new2("spiral", n, k);
	for (int j = 0; j < k; j++) {
		for (int i = 0; i < n; i++) {
			int p = n * j + i;
			double z = rng_normal(r);
			double rad = (double)i / (double)(n - 1);
			double t = 4.0 * j + 4.0 * (double)i / (double)(n - 1) + noise * z;
			ds->x[2 * p] = (float)(rad * sin(t));
			ds->x[2 * p + 1] = (float)(rad * cos(t));
			ds->y[p] = j;
		}
	}
	return ds;
}

/* Draws: two normals per point (z1 for x, then z2 for y), p = 0 .. 2n-1. */
dataset *
dataset_xor(rng_t *r, int n, double noise)
{
	/* corners by class and by the parity of i */
	static const double corner[2][2][2] = {
		{{0, 0}, {1, 1}},
		{{0, 1}, {1, 0}},
	};
	dataset *ds = gen_new2("xor", n, 2);
	for (int j = 0; j < 2; j++)
		for (int i = 0; i < n; i++) {
			const double *c = corner[j][i % 2];
			gen_put_noisy(ds, r, n * j + i, c[0], c[1], noise, j);
		}
	return ds;
}

/* Draws: two normals per point (z1 for x, then z2 for y), p = 0 .. 2n-1. */
dataset *
dataset_circle(rng_t *r, int n, double noise)
{
	dataset *ds = gen_new2("circle", n, 2);
	for (int j = 0; j < 2; j++) {
		double rad = j == 0 ? 0.5 : 1.0;
		for (int i = 0; i < n; i++) {
			double a = 2.0 * M_PI * (double)i / (double)n;
			gen_put_noisy(ds, r, n * j + i, rad * cos(a), rad * sin(a), noise, j);
		}
	}
	return ds;
}

/* Draws: two normals per point (z1 for x, then z2 for y), p = 0 .. 2n-1. */
dataset *
dataset_moons(rng_t *r, int n, double noise)
{
	dataset *ds = gen_new2("moons", n, 2);
	for (int j = 0; j < 2; j++)
		for (int i = 0; i < n; i++) {
			double a = M_PI * (double)i / (double)(n - 1);
			double cx = j == 0 ? cos(a) : 1.0 - cos(a);
			double cy = j == 0 ? sin(a) : 0.5 - sin(a);
			gen_put_noisy(ds, r, n * j + i, cx, cy, noise, j);
		}
	return ds;
}

/* Draws: two normals per point (z1 for x, then z2 for y), p = 0 .. n*k-1. */
dataset *
dataset_blobs(rng_t *r, int n, int k, double noise)
{
	dataset *ds = gen_new2("blobs", n, k);
	for (int j = 0; j < k; j++) {
		double a = 2.0 * M_PI * (double)j / (double)k;
		for (int i = 0; i < n; i++)
			gen_put_noisy(ds, r, n * j + i, 2.0 * cos(a), 2.0 * sin(a), noise, j);
	}
	return ds;
}

/* A 1-D regression on an even grid from lo to hi: x_i, then
 * t_i = f(x_i) + noise*z_i with one normal per point in order i. */
static dataset *
gen_regression(const char *name, rng_t *r, int n, double noise, double lo, double hi,
               double (*f)(double))
{
	dataset *ds = dataset_new(name, n, 1, 1, 1);
	free(ds->feature_names[0]);
	ds->feature_names[0] = xstrdup("x");
	for (int i = 0; i < n; i++) {
		double x = lo + (hi - lo) * (double)i / (double)(n - 1);
		double z = rng_normal(r);
		ds->x[i] = (float)x;
		ds->t[i] = (float)(f(x) + noise * z);
	}
	return ds;
}

static double
line_2x_half(double x)
{
	return 2.0 * x + 0.5;
}

/* Draws: one normal per point, i = 0 .. n-1. */
dataset *
dataset_sine(rng_t *r, int n, double noise)
{
	return gen_regression("sine", r, n, noise, -M_PI, M_PI, sin);
}

/* Draws: one normal per point, i = 0 .. n-1. */
dataset *
dataset_linear(rng_t *r, int n, double noise)
{
	return gen_regression("linear", r, n, noise, -1.0, 1.0, line_2x_half);
}

/* ==== split and scale =================================================== */

int
dataset_split_test_rows(int n, double fraction)
{
	return (int)floor(fraction * (double)n + 0.5);
}

int
dataset_split(dataset *ds, rng_t *r, double fraction)
{
	if (fraction == 0.0) {
		ds->n_train = ds->n;
		return 0;
	}
	int nt = dataset_split_test_rows(ds->n, fraction);
	if (!(fraction > 0.0) || nt < 1 || nt >= ds->n)
		return -1;
	size_t n = (size_t)ds->n, d = (size_t)ds->d, k = (size_t)ds->k;
	size_t *perm = xmalloc(n * sizeof *perm);
	rng_permutation(r, perm, n);
	float *x = xmalloc(n * d * sizeof *x);
	for (size_t i = 0; i < n; i++)
		memcpy(x + i * d, ds->x + perm[i] * d, d * sizeof *x);
	free(ds->x);
	ds->x = x;
	if (ds->regression) {
		float *t = xmalloc(n * k * sizeof *t);
		for (size_t i = 0; i < n; i++)
			memcpy(t + i * k, ds->t + perm[i] * k, k * sizeof *t);
		free(ds->t);
		ds->t = t;
	} else {
		int *y = xmalloc(n * sizeof *y);
		for (size_t i = 0; i < n; i++)
			y[i] = ds->y[perm[i]];
		free(ds->y);
		ds->y = y;
	}
	free(perm);
	ds->n_train = ds->n - nt;
	return 0;
}

void
dataset_standardize(dataset *ds, double *mean_out, double *sd_out)
{
	int d = ds->d, nt = ds->n_train;
	for (int j = 0; j < d; j++) {
		double sum = 0.0;
		for (int i = 0; i < nt; i++)
			sum += ds->x[(size_t)i * d + j];
		double mean = nt > 0 ? sum / nt : 0.0;
		double ss = 0.0;
		for (int i = 0; i < nt; i++) {
			double e = ds->x[(size_t)i * d + j] - mean;
			ss += e * e;
		}
		double sd = nt > 0 ? sqrt(ss / nt) : 0.0;
		if (sd < 1e-12)
			sd = 1.0;
		for (int i = 0; i < ds->n; i++) {
			float *v = &ds->x[(size_t)i * d + j];
			*v = (float)((*v - mean) / sd);
		}
		if (mean_out)
			mean_out[j] = mean;
		if (sd_out)
			sd_out[j] = sd;
	}
}
