/* rng.h - the one explicit-state random number generator of nnlab.
 *
 * splitmix64 used as a counter-based generator, exactly as specified in the
 * bench workloads (WORKLOADS.md section 1), so the peer scripts in PyTorch and
 * NumPy can reproduce nnlab's data and initial weights bit for bit.  A stream
 * is (seed, ctr); each draw increments ctr first, then mixes seed + ctr*golden.
 * There is no hidden global state: whoever draws holds the stream.
 */
#ifndef NN_CORE_RNG_H
#define NN_CORE_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct rng {
	uint64_t seed;
	uint64_t ctr;
} rng_t;

/* rng_init: the stream (seed, 0). */
void rng_init(rng_t *r, uint64_t seed);
/* rng_u64: the next 64-bit output. */
uint64_t rng_u64(rng_t *r);
/* rng_uniform: a double in [0,1) from the top 53 bits. */
double rng_uniform(rng_t *r);
/* rng_uf: lo + (hi-lo)*u computed in double and rounded once to float. */
float rng_uf(rng_t *r, double lo, double hi);
/* rng_normal: Box-Muller, cosine branch only; u1 drawn before u2. */
double rng_normal(rng_t *r);
/* rng_below: an integer in [0, n) as floor(u*n); n > 0. */
uint64_t rng_below(rng_t *r, uint64_t n);
/* rng_permutation: n uniforms drawn in order, indices sorted by key
 * ascending, ties by index (a stable argsort).  perm has n entries. */
void rng_permutation(rng_t *r, size_t *perm, size_t n);

#endif
