/* netlab.h - the session state of the network lab: the current data, the
 * current model and how it trains.  Shared by cmd-data.c, cmd-net.c and
 * cmd-train.c; created on first use by netlab_get(). */
#ifndef NN_CMD_NETLAB_H
#define NN_CMD_NETLAB_H

#include "cmd/session.h"
#include "core/dataset.h"
#include "util/strbuf.h"

typedef struct netlab {
	dataset *data;        /* NULL until `data ...` */
	char *data_recipe;    /* the command that made the data (for save files) */
	/* free_model: frees the model and training fields below (set by
	 * cmd-net.c when it first fills them); netlab_free calls it before
	 * freeing the struct.  NULL: nothing to free. */
	void (*free_model)(struct netlab *nl);
	/* ---- the model and how it trains (cmd-net.c, cmd-train.c, netcmd.c;
	 * set up by net_lab() in netcmd.h) ---- */
	struct model *model;  /* NULL until `net new`; describe it with
	                       * model_describe() (core/model.h) */
	struct trainer *tr;   /* loss, optimiser and lr (tr->opt.lr), batch,
	                       * epochs and steps done (tr->epoch, tr->step),
	                       * the last batch loss, history (core/train.h) */
	long epochs;          /* what `train` runs when given no number */
	int loss_set;         /* 0: the loss follows the data (ce or mse) */
	uint64_t data_sum;    /* checksum of the data the trainer last used */
	struct netrun *run;   /* the last `lrfind` sweep, or NULL */
	struct sweep_store *sweep; /* the last `sweep`'s loss curves (cmd-sweep.c), or NULL */
} netlab;

/* netlab_get: the session's netlab, created empty on first use. */
netlab *netlab_get(session *s);

/* ==== the data family (netlab.c) ========================================
 * data_recipe is one or more commands separated by "; " that rebuild the
 * data exactly, independently of the session's stream: every draw is
 * pinned with seed=S at=C (the stream (S, C)), e.g.
 *   data spiral n=100 classes=3 noise=0.2 seed=1 at=0; data split test=0.2 seed=1 at=600
 * Replaying it through cmd_run_line reproduces the dataset (check it with
 * dataset_checksum) and draws nothing from the session's stream. */

/* netlab_set_data: make ds (owned from now on) the current data, with the
 * recipe that rebuilt it (copied); the old data is freed. */
void netlab_set_data(session *s, dataset *ds, const char *recipe);
/* netlab_dump_data: the family hook for `show state`: one line
 * "data: NAME n=N train=N d=D k=K checksum=HEX"; nothing without data. */
void netlab_dump_data(session *s, strbuf *out);
/* netlab_free: the family hook: free_model(), the data, the struct. */
void netlab_free(session *s);
/* netlab_probe_data: the family's probe (families.h) for data.n,
 * data.train, data.test, data.d (features) and data.k (classes). */
int netlab_probe_data(session *s, const char *name, double *out);
extern const char *const netlab_probe_data_names[];

#endif
