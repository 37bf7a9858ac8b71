/* dataset.h - in-memory datasets: features, labels or targets, and a
 * train/test split; the built-in generators.
 *
 * Rows 0..n_train-1 are the training set, rows n_train..n-1 the test set.
 * Generators draw from the caller's stream in a documented order (spiral
 * exactly as WORKLOADS.md section 2), so a seed reproduces a dataset in
 * nnlab, PyTorch and NumPy alike.  Not a data loader: files are parsed by
 * csv.h and read by the commands.
 */
#ifndef NN_CORE_DATASET_H
#define NN_CORE_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "core/rng.h"

typedef struct dataset {
	char *name;           /* "spiral", "xor", or the CSV file's name */
	int n;                /* rows in all */
	int n_train;          /* the first n_train rows train; the rest test */
	int d;                /* features per row */
	int k;                /* classes, or target columns when regression */
	int regression;       /* 0: class labels in y; 1: real targets in t */
	float *x;             /* [n][d] features, row-major */
	int *y;               /* [n] class labels 0..k-1 (classification) */
	float *t;             /* [n][k] targets (regression) */
	char **feature_names; /* [d] */
	char **class_names;   /* [k] for classification, NULL = "0".."k-1" */
	char *target_name;    /* header of the label/target column, NULL = "y" */
} dataset;

/* ==== building and freeing ============================================= */

/* dataset_new: n rows of d zeroed features; labels y[n] when classification
 * (regression 0) or targets t[n][k] when regression; n_train = n; feature
 * names "x1".."xd"; no class names.  name is copied. */
dataset *dataset_new(const char *name, int n, int d, int k, int regression);
void dataset_free(dataset *ds);
dataset *dataset_clone(const dataset *ds);
/* dataset_checksum: a 64-bit FNV-1a digest of shape (n, n_train, d, k,
 * regression as 32-bit little-endian integers), then the features (float
 * bits, little-endian), then the labels (int32) or targets (float).  Names
 * are not included.  For `show state` and reproducibility checks. */
uint64_t dataset_checksum(const dataset *ds);

/* ==== generators ========================================================
 * Each returns a new dataset with every row in training (n_train = n),
 * rows ordered by class (class 0 first) then by index i.  Classification
 * generators take n points PER CLASS; regression generators n points in
 * all.  Every generator draws exactly its documented normals and nothing
 * else, whatever noise is (noise 0 still draws), so the stream position
 * after a generator depends only on its size.  Coordinates are computed in
 * double and rounded once to float.  Sizes: n >= 1 (>= 2 where an i/(n-1)
 * appears: spiral, moons, sine, linear), classes >= 2, total rows
 * <= DATASET_MAX_ROWS. */
#define DATASET_MAX_ROWS 1000000
#define DATASET_MAX_CLASSES 1000

/* dataset_spiral: WORKLOADS.md section 2 for any n, k: for class j and
 * i = 0..n-1, point p = n*j + i draws z_p = rng_normal() in order p;
 * r = i/(n-1), t = 4j + 4i/(n-1) + noise*z_p, x = (r sin t, r cos t). */
dataset *dataset_spiral(rng_t *r, int n_per_class, int classes, double noise);
/* dataset_xor: 2 classes; class 0 around the corners (0,0) and (1,1),
 * class 1 around (0,1) and (1,0), alternating corners with i; each point is
 * corner + noise*(z1, z2). */
dataset *dataset_xor(rng_t *r, int n_per_class, double noise);
/* dataset_circle: 2 classes; class 0 on the circle of radius 0.5, class 1
 * on radius 1, at angles 2*pi*i/n, plus noise*(z1, z2). */
dataset *dataset_circle(rng_t *r, int n_per_class, double noise);
/* dataset_moons: 2 interleaved half circles, a = pi*i/(n-1): class 0 at
 * (cos a, sin a), class 1 at (1 - cos a, 0.5 - sin a), plus noise*(z1, z2). */
dataset *dataset_moons(rng_t *r, int n_per_class, double noise);
/* dataset_blobs: k gaussian blobs of standard deviation noise around the
 * centres 2*(cos 2*pi*j/k, sin 2*pi*j/k): centre + noise*(z1, z2). */
dataset *dataset_blobs(rng_t *r, int n_per_class, int classes, double noise);
/* dataset_sine: regression, 1 feature, 1 target: x_i = -pi + 2*pi*i/(n-1),
 * t_i = sin x_i + noise*z_i. */
dataset *dataset_sine(rng_t *r, int n, double noise);
/* dataset_linear: regression, 1 feature, 1 target: x_i = -1 + 2*i/(n-1),
 * t_i = 2*x_i + 0.5 + noise*z_i. */
dataset *dataset_linear(rng_t *r, int n, double noise);
/* In every 2-D generator the normals are drawn per point in row order,
 * z1 (for x) before z2 (for y): 4 uniforms per point; spiral, sine and
 * linear draw one normal per point: 2 uniforms. */

/* ==== split and scale =================================================== */

/* dataset_split_test_rows: how many rows test=fraction puts in the test
 * set: round(fraction * n), half away from zero. */
int dataset_split_test_rows(int n, double fraction);
/* dataset_split: with fraction > 0, draw a permutation of all n rows
 * (rng_permutation: n uniforms), reorder the rows by it, and keep the first
 * n - test rows for training.  With fraction 0, n_train = n and nothing is
 * drawn.  -1 (ds unchanged, nothing drawn) unless 0 < test rows < n or
 * fraction is 0. */
int dataset_split(dataset *ds, rng_t *r, double fraction);
/* dataset_standardize: z-score every feature with the mean and standard
 * deviation (population, divided by n_train) of the TRAINING rows only,
 * applied to all rows; a constant feature (std < 1e-12) is only centred.
 * mean and sd (each [d], may be NULL) receive what was used. */
void dataset_standardize(dataset *ds, double *mean, double *sd);

#endif
