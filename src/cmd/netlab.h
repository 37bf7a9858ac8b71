/* netlab.h - the session state of the network lab: the current data, the
 * current model and how it trains.  Shared by cmd-data.c, cmd-net.c and
 * cmd-train.c; created on first use by netlab_get(). */
#ifndef NN_CMD_NETLAB_H
#define NN_CMD_NETLAB_H

#include "cmd/session.h"
#include "core/dataset.h"

typedef struct netlab {
	dataset *data;        /* NULL until `data ...` */
	char *data_recipe;    /* the command that made the data (for save files) */
	/* model and training state are added by cmd-net.c / cmd-train.c */
} netlab;

/* netlab_get: the session's netlab, created empty on first use. */
netlab *netlab_get(session *s);

#endif
