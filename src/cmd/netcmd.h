/* netcmd.h - what the network-lab commands share (cmd-net.c, cmd-train.c,
 * cmd-netfile.c; implemented in netcmd.c): the session's model and
 * trainer, the checks every training command makes before it changes
 * anything, the number formats they print, compact matrices, and the
 * "net" family's hooks (`show state`, lesson probes, freeing).
 * The numbers come from src/core; this layer only talks to people.
 * Not a public API of the core.
 */
#ifndef NN_CMD_NETCMD_H
#define NN_CMD_NETCMD_H

#include <stddef.h>
#include <stdint.h>

#include "cmd/cmd.h"
#include "cmd/netlab.h"
#include "core/model.h"
#include "core/train.h"
#include "util/strbuf.h"

/* Limits on what `net` builds: they keep a typo from asking for 40 GB. */
#define NET_MAX_UNITS 65536
#define NET_MAX_LAYERS 64
#define NET_MAX_PARAMS 50000000L

/* The last learning-rate sweep (`lrfind`), for `plot lrfind`. */
typedef struct netrun {
	int n;
	double *lr, *loss;    /* [n] rate and smoothed loss */
	double suggest;
} netrun;

/* net_lab: the session's netlab with its trainer (defaults: loss chosen
 * by the data, sgd lr 0.1, batch 32, 100 epochs), created on first use. */
netlab *net_lab(session *s);

/* Checks; each returns 0, or -1 after out_error. */
int net_need_model(const netlab *nl);
int net_need_data(const netlab *nl);
/* net_check_fit: data and model and loss agree (inputs, outputs, labels
 * or targets); with training, something must be trainable. */
int net_check_fit(const netlab *nl, int training);
/* net_loss_kind: the loss in force (the data's default when not set). */
int net_loss_kind(const netlab *nl);
/* net_sync: before training or evaluating: put the loss in force into the
 * trainer, and when the data changed since the trainer last used it,
 * start a new epoch (saying so). */
void net_sync(netlab *nl);
/* net_model_changed: a new or rebuilt model: the optimiser's state, the
 * counters and the history start again. */
void net_model_changed(netlab *nl);
/* net_set_model: replace the model (owned from now on). */
void net_set_model(netlab *nl, model *m);

/* Formats for people: fixed, so transcripts are byte-stable. */
/* net_num: v with the session's significant digits (%g style). */
const char *net_num(const session *s, double v, char *buf, size_t n);
/* net_pct: an accuracy in [0,1] as "99.33%". */
const char *net_pct(double acc, char *buf, size_t n);
/* net_count: 4547 as "4,547". */
const char *net_count(long v, char *buf, size_t n);
/* net_bytes: 18188 as "17.8 KiB". */
const char *net_bytes(double bytes, char *buf, size_t n);
/* net_matrix: name [rows][cols] compactly: at most max_rows rows and
 * max_cols columns (the rest as "..."), each number in the session's
 * digits, indented by indent spaces. */
void net_matrix(const session *s, strbuf *b, const char *name, const float *v, int rows, int cols, int max_rows,
                int max_cols, int indent);
/* net_layer_name: "layer 2 (dense 64 -> 64, tanh)". */
void net_layer_name(const model *m, int l, char *buf, size_t n);
/* net_parse_dims: exactly n numbers of 1..NET_MAX_UNITS joined by 'x'
 * ("12x12x1", "3x3") into v; -1 if s is anything else. */
int net_parse_dims(const char *s, int n, int *v);
/* net_class_name: the name of class c of ds ("2" when unnamed). */
const char *net_class_name(const dataset *ds, int c, char *buf, size_t n);

/* The "net" family (families[] in cmd-table.c). */
void net_dump(session *s, strbuf *out);
int net_probe(session *s, const char *name, double *out);
extern const char *const net_probe_names[];

/* netrun_free: the sweep's arrays. */
void netrun_free(netrun *r);

#endif
