/* biglab.h - the session state of the large-model demos (s->big): the
 * full-precision weights kept while `quant` has replaced the model's
 * weights by their quantised values, so `quant undo` can put them back
 * bit for bit; and the charts of the last `gd` and `rl` runs, for `plot
 * gd` and `plot rl` (biglab.c).  The "big" family's hooks: show state
 * (cmd-quant.c), freeing (biglab.c).  Not the memory estimator's state:
 * `mem` keeps nothing between runs.
 */
#ifndef NN_CMD_BIGLAB_H
#define NN_CMD_BIGLAB_H

#include <stddef.h>
#include <stdint.h>

#include "cmd/session.h"
#include "util/strbuf.h"

enum big_target { BIG_NET = 0, BIG_RNN = 1 };

typedef struct biglab {
	float *backup;        /* [n] the model's parameters before `quant`, or NULL */
	enum big_target target; /* whose parameters: the network's or the character RNN's */
	size_t n;
	uint64_t sum_after;   /* model_checksum right after quantising: undo
	                       * applies only while the model still has it */
	char what[64];        /* "int8 per-channel asym" */
	/* the last runs' charts (owned; chart_dup copies), or NULL */
	struct chart *gd_path;    /* `gd`: the path over the contour map */
	struct chart *gd_gap;     /* `gd`: f above its minimum per step */
	struct chart *rl_reward;  /* `rl`: reward per pull or per episode */
} biglab;

/* biglab_get: the session's biglab, created empty on first use. */
biglab *biglab_get(session *s);
/* biglab_keep_chart: *slot becomes a copy of c (the old one freed). */
void biglab_keep_chart(struct chart **slot, const struct chart *c);

/* The "big" family (families[] in cmd-table.c). */
void biglab_dump(session *s, strbuf *out);
void biglab_free(session *s);

#endif
