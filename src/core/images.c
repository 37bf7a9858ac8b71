/* images.c - the procedural shapes images (see images.h). */
#include <config.h>

#include "core/images.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>

const char *const images_class_names[] = {"square", "plus", "x", "circle", NULL};

int
images_shape(int c, int s, int y, int x)
{
	switch (c) {
	case 0: return y == 0 || y == s - 1 || x == 0 || x == s - 1;
	case 1: return y == s / 2 || x == s / 2;
	case 2: return y == x || y == s - 1 - x;
	default: {
		double ctr = (s - 1) / 2.0, dy = y - ctr, dx = x - ctr;
		return fabs(sqrt(dy * dy + dx * dx) - ctr) <= 0.6;
	}
	}
}

dataset *
images_shapes(rng_t *r, int n_per_class, double noise)
{
	const int side = IMAGES_SIDE, d = IMAGES_SIDE * IMAGES_SIDE;
	dataset *ds = dataset_new("shapes", n_per_class * IMAGES_CLASSES, d, IMAGES_CLASSES, 0);
	ds->class_names = xcalloc(IMAGES_CLASSES, sizeof *ds->class_names);
	for (int c = 0; c < IMAGES_CLASSES; c++)
		ds->class_names[c] = xstrdup(images_class_names[c]);
	for (int c = 0; c < IMAGES_CLASSES; c++)
		for (int i = 0; i < n_per_class; i++) {
			int row = c * n_per_class + i;
			int s = 5 + (int)rng_below(r, 4);
			int y0 = (int)rng_below(r, (uint64_t)(side + 1 - s));
			int x0 = (int)rng_below(r, (uint64_t)(side + 1 - s));
			float *px = ds->x + (size_t)row * d;
			for (int y = 0; y < side; y++)
				for (int x = 0; x < side; x++) {
					int in = y >= y0 && y < y0 + s && x >= x0 && x < x0 + s;
					double v = in && images_shape(c, s, y - y0, x - x0) ? 1.0 : 0.0;
					px[y * side + x] = (float)(v + noise * rng_normal(r));
				}
			ds->y[row] = c;
		}
	return ds;
}
