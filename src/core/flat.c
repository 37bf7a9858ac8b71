/* flat.c - flat parameter arrays: the optimiser view and the checksum
 * (see flat.h). */
#include <config.h>

#include "core/flat.h"
#include "core/model.h"

#include <string.h>

double
flat_optim_step(const optim_cfg *c, optim_state *s, float *w, float *g, size_t n)
{
	/* A dense layer with no inputs is all bias: in*out + out = n
	 * parameters at offset 0, none of them a weight to decay. */
	layer L;
	memset(&L, 0, sizeof L);
	L.kind = LAYER_DENSE;
	L.in = 0;
	L.out = (int)n;
	model m;
	memset(&m, 0, sizeof m);
	m.n_layers = 1;
	m.layers = &L;
	m.n_params = n;
	m.params = w;
	m.grads = g;
	optim_cfg cc = *c;
	cc.decay = 0;
	return optim_step(&cc, s, &m);
}

uint64_t
flat_checksum(uint64_t h, const float *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t u;
		memcpy(&u, &v[i], sizeof u);
		for (int b = 0; b < 32; b += 8)
			h = (h ^ ((u >> b) & 0xFFu)) * 0x100000001b3ULL;
	}
	return h;
}
