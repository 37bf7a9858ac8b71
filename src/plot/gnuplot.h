/* gnuplot.h - gnuplot as an external program: the scripts nnlab sends it,
 * and the one process handle that owns the pipe.
 *
 * Scripts (gpscript.c) are built from the same chart and heatmap
 * descriptions the text renderers draw (out/chart.h), with the data sent
 * inline as datablocks.  Every string that reaches gnuplot -- titles,
 * labels, legend entries, tick labels, the output file name -- goes
 * through gp_quote(): a single-quoted gnuplot string (no backquote
 * substitution, no macros, no escapes), quotes doubled, control
 * characters and invalid UTF-8 replaced, and every label marked
 * noenhanced so no markup is interpreted.  So no input can make gnuplot
 * run a command or write another file.
 *
 * The process (gnuplot.c) is started on first use, kept for the session
 * (a window stays open while it runs), and restarted after it dies; each
 * script ends with a marker that gnuplot prints back, so nnlab knows it
 * was read and what gnuplot said about it.  Not a gnuplot binding: nnlab
 * only writes scripts and reads replies.
 */
#ifndef NN_PLOT_GNUPLOT_H
#define NN_PLOT_GNUPLOT_H

#include <stddef.h>

#include "out/chart.h"
#include "util/strbuf.h"

/* ==== targets =========================================================== */

enum gp_kind { GP_WINDOW, GP_DUMB, GP_PNG, GP_SVG, GP_PDF };

typedef struct gp_target {
	enum gp_kind kind;
	char file[1024];        /* GP_PNG, GP_SVG, GP_PDF: the output file */
	const char *window;     /* GP_WINDOW: qt, wxt or x11 */
	int cols, rows;         /* GP_DUMB: characters */
} gp_target;

/* gp_target_parse: "window", "dumb" or a file name ending in .png, .svg
 * or .pdf.  0, or -1 with a message ("what went wrong; what to do") in
 * err.  File names must be plain text: no control characters. */
int gp_target_parse(const char *to, gp_target *t, char *err, size_t errlen);

/* ==== scripts =========================================================== */

/* gp_quote: s as a single-quoted gnuplot string literal. */
void gp_quote(strbuf *b, const char *s);
/* gp_script_chart / gp_script_heatmap: the whole script for one picture
 * to target t: terminal, output, labels, the data inline, the plot
 * command, and closing the output. */
void gp_script_chart(const chart *c, const gp_target *t, strbuf *b);
void gp_script_heatmap(const heatmap *h, const gp_target *t, strbuf *b);
/* gp_script_netdiag: a panel of weights per layer, titled by the layer. */
void gp_script_netdiag(const netdiag *d, const gp_target *t, strbuf *b);

/* ==== the process ======================================================= */

typedef struct gnuplot gnuplot;

/* gp_new: a handle; nothing is started until gp_run.  program is the
 * command to run (NULL: "gnuplot", found on PATH). */
gnuplot *gp_new(const char *program);
/* gp_free: close the pipe and wait for gnuplot to leave. */
void gp_free(gnuplot *g);
/* gp_run: send script (starting gnuplot if needed) and wait until gnuplot
 * has executed it.  What it printed on standard output (the dumb
 * terminal) is appended to out, its messages (errors, warnings, print)
 * to msgs.  0 on success; -1 with err set when gnuplot is missing, died,
 * or did not answer in time (it is then stopped, and started again on the
 * next call).  Messages from gnuplot are not failures: check msgs. */
int gp_run(gnuplot *g, const char *script, strbuf *out, strbuf *msgs, char *err, size_t errlen);
/* gp_running: whether the process is up (it may still die at any time). */
int gp_running(const gnuplot *g);
/* gp_has_terminal: whether this gnuplot knows terminal name (asked once
 * per process); -1 with err if gnuplot cannot be run. */
int gp_has_terminal(gnuplot *g, const char *name, char *err, size_t errlen);
/* gp_cjk_font: a font family with Chinese glyphs for image files (PNG,
 * SVG, PDF), or NULL when none is installed: fontconfig's families for
 * :lang=zh (fc-list), else the known files of fonts-noto-cjk,
 * fonts-wqy-zenhei/microhei and fonts-arphic.  Looked up once; the
 * environment variable NNLAB_CJK_FONT names one instead ("none": act as
 * if there were none). */
const char *gp_cjk_font(void);
/* gp_titles_zh: whether titles and labels of a picture for target t are
 * shown in Chinese: in Chinese mode, except image files when there is no
 * font for them (the first such target prints a note naming the package
 * to install). */
int gp_titles_zh(const gp_target *t);

/* gp_pid: the process id (0 when not running), for tests. */
long gp_pid(const gnuplot *g);

#endif
