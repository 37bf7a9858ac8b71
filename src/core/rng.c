/* rng.c - splitmix64 counter-based generator (see rng.h). */
#include <config.h>

#include "core/rng.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>

void
rng_init(rng_t *r, uint64_t seed)
{
	r->seed = seed;
	r->ctr = 0;
}

uint64_t
rng_u64(rng_t *r)
{
	uint64_t z = r->seed + (++r->ctr) * 0x9E3779B97F4A7C15ULL;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

double
rng_uniform(rng_t *r)
{
	return (double)(rng_u64(r) >> 11) * 0x1.0p-53;
}

float
rng_uf(rng_t *r, double lo, double hi)
{
	return (float)(lo + (hi - lo) * rng_uniform(r));
}

double
rng_normal(rng_t *r)
{
	double u1 = rng_uniform(r);
	double u2 = rng_uniform(r);
	return sqrt(-2.0 * log(1.0 - u1)) * cos(2.0 * M_PI * u2);
}

uint64_t
rng_below(rng_t *r, uint64_t n)
{
	uint64_t k = (uint64_t)(rng_uniform(r) * (double)n);
	return k < n ? k : n - 1;
}

/* Merge sort of indices by key: stable, O(n log n), no qsort (whose
 * comparator cannot see a context without globals). */
static void
perm_merge(size_t *a, size_t *tmp, const double *key, size_t lo, size_t hi)
{
	if (hi - lo < 2)
		return;
	size_t mid = lo + (hi - lo) / 2;
	perm_merge(a, tmp, key, lo, mid);
	perm_merge(a, tmp, key, mid, hi);
	size_t i = lo, j = mid, k = lo;
	while (i < mid && j < hi) {
		/* ties: the left run holds the lower indices, keep it first */
		if (key[a[j]] < key[a[i]])
			tmp[k++] = a[j++];
		else
			tmp[k++] = a[i++];
	}
	while (i < mid)
		tmp[k++] = a[i++];
	while (j < hi)
		tmp[k++] = a[j++];
	for (k = lo; k < hi; k++)
		a[k] = tmp[k];
}

void
rng_permutation(rng_t *r, size_t *perm, size_t n)
{
	if (n == 0)
		return;
	double *key = xmalloc(n * sizeof *key);
	size_t *tmp = xmalloc(n * sizeof *tmp);
	for (size_t i = 0; i < n; i++) {
		key[i] = rng_uniform(r);
		perm[i] = i;
	}
	perm_merge(perm, tmp, key, 0, n);
	free(tmp);
	free(key);
}
