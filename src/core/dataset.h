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
} dataset;

void dataset_free(dataset *ds);
dataset *dataset_clone(const dataset *ds);
/* dataset_checksum: a 64-bit FNV-1a digest of shape, features and labels
 * (for `show state` and reproducibility checks). */
uint64_t dataset_checksum(const dataset *ds);

#endif
