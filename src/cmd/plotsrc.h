/* plotsrc.h - the pictures `plot WHAT` can draw, and the plotter setting.
 *
 * A plot source turns part of the session (the data, the loss history,
 * a layer's weights ...) into a chart or heatmap description (out/chart.h).
 * The same description goes to the built-in text renderer, to the
 * workspace's chart pane, or to gnuplot, so each picture is written once.
 * Each family adds its sources: define a const plot_source in its own
 * cmd-*.c file, declare it below, and list it in plot_sources[] in
 * cmd-plot.c.  Sources read the session and change nothing.
 */
#ifndef NN_CMD_PLOTSRC_H
#define NN_CMD_PLOTSRC_H

#include "cmd/session.h"
#include "out/chart.h"
#include "util/strbuf.h"

/* A filled picture: exactly one of c, h and d, each owned (chart_free,
 * heatmap_free, netdiag_free; plot_pic_free frees whichever is there). */
typedef struct plot_pic {
	chart *c;
	heatmap *h;
	netdiag *d;
} plot_pic;

typedef struct plot_source {
	const char *name;      /* the WHAT of `plot WHAT` */
	const char *args;      /* what follows it, for help ("LAYER"), or NULL */
	int nargs;             /* how many words it takes (0 or 1) */
	const char *summary;   /* one line for `plot` and `help plot` */
	/* fill: describe the picture now; -1 after out_error (nothing to
	 * show yet, a bad argument) */
	int (*fill)(session *s, int argc, const char *const *argv, plot_pic *out);
	/* live: worth redrawing while a job (training) runs; when a job
	 * starts, the workspace's chart pane follows the first live source
	 * that the job feeds (fed_by, below) or else the first that has
	 * something to show */
	int live;
	/* fed_by: the slice function of the job whose work this picture
	 * shows (its training), or NULL; compared with the session's
	 * last_slice */
	int (*fed_by)(session *s, job *j);
} plot_source;

/* Every source, in the order `plot` lists them; NULL-terminated. */
extern const plot_source *const plot_sources[];
/* The words that complete after `plot`: every source's name and
 * "script" (kept beside plot_sources[]; a test checks they agree). */
extern const char *const plot_words[];
/* Sources defined in cmd-plot.c. */
extern const plot_source plot_source_data;
extern const plot_source plot_source_boundary;
extern const plot_source plot_source_net;
/* Sources defined in cmd-train.c and cmd-net.c (the network lab). */
extern const plot_source plot_source_loss;
extern const plot_source plot_source_accuracy;
extern const plot_source plot_source_lrfind;
extern const plot_source plot_source_weights;
/* Defined in cmd-sweep.c. */
extern const plot_source plot_source_sweep;
/* Sources defined in cmd-attn.c and cmd-rnn.c (sequences). */
extern const plot_source plot_source_attn;
extern const plot_source plot_source_attn_task;
extern const plot_source plot_source_rnn_loss;
extern const plot_source plot_source_embed_loss;
/* Defined in biglab.c (the large-model demos). */
extern const plot_source plot_source_gd;
extern const plot_source plot_source_gd_loss;
extern const plot_source plot_source_rl;

/* plot_source_find: by exact name; NULL (and an error when report) if none. */
const plot_source *plot_source_find(const char *name, int report);
/* plot_pic_free: free whichever picture p holds; p is zeroed. */
void plot_pic_free(plot_pic *p);
/* plot_chart_from / plot_heatmap_from: own a copy of a description built
 * on the stack (what fill functions end with). */
void plot_pic_chart(plot_pic *p, const chart *c);
void plot_pic_heatmap(plot_pic *p, const heatmap *h);
void plot_pic_netdiag(plot_pic *p, const netdiag *d);
/* plot_first_live: the first live source taking no argument that has
 * something to show -- a chart when chart is 1, else a heatmap or a
 * diagram -- with its picture in *out (filled silently); one the running
 * or last job feeds comes before the others.  NULL if none. */
const plot_source *plot_first_live(session *s, int chart, plot_pic *out);
/* plot_source_fed: whether the running or last job feeds src. */
int plot_source_fed(const plot_source *src, session *s);
/* plot_pic_title: the picture's title, or NULL. */
const char *plot_pic_title(const plot_pic *p);

/* The `plotter` setting (settings.c): text (nnlab's own charts) or
 * gnuplot (windows and files through gnuplot). */
int plotter_set(session *s, const char *value);
void plotter_get(session *s, strbuf *out);

/* The plot family's session hooks (families[] in cmd-table.c). */
void plot_family_free(session *s);

#endif
