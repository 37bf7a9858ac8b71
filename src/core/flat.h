/* flat.h - what the sequence models (attention toy, character RNN,
 * embeddings) share about their parameters: each keeps every number in one
 * flat float array, and these two functions walk it.
 *
 * flat_optim_step hands the array to the optimisers of optim.h (which
 * update a model's layers) through a one-layer view, so the RNN's Adam is
 * exactly the network lab's Adam.  flat_checksum digests arrays for
 * `show state`.  Not a tensor library.
 */
#ifndef NN_CORE_FLAT_H
#define NN_CORE_FLAT_H

#include <stddef.h>
#include <stdint.h>

#include "core/optim.h"

#define FLAT_CHECKSUM_INIT 0xcbf29ce484222325ULL

/* flat_optim_step: one update of w [n] from g [n] (clipped to norm
 * c->clip first when c->clip > 0); s holds the optimiser state for n
 * parameters (optim_state_reset).  Weight decay is not applied (the view
 * has no weight matrix).  Returns the gradient norm before clipping. */
double flat_optim_step(const optim_cfg *c, optim_state *s, float *w, float *g, size_t n);

/* flat_checksum: h updated by FNV-1a over the bit patterns of v [n]
 * (little-endian bytes); start from FLAT_CHECKSUM_INIT. */
uint64_t flat_checksum(uint64_t h, const float *v, size_t n);

#endif
