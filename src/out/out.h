/* out.h - the output interface that every command writes through.
 *
 * Commands never print directly and never include curses.h: they call
 * out_printf(), out_error() and friends, which hand finished text to the
 * current sink.  The plain sink (stdout, line and batch modes) lives in
 * out.c; the workspace installs its own sink (src/tui).  Sinks show text
 * harmlessly: control characters in content never reach the terminal raw.
 *
 * Error lines have one shape everywhere:
 *     [FILE:LINE: ]error: what went wrong; what to do
 * where FILE:LINE is set by the script or lesson runner (out_set_where).
 */
#ifndef NN_OUT_OUT_H
#define NN_OUT_OUT_H

#include <stdarg.h>
#include <stddef.h>

enum out_kind {
	OUT_TEXT,   /* ordinary output */
	OUT_ERROR,  /* "error: ..." lines */
	OUT_WARN,   /* "warning: ..." lines */
	OUT_NOTE,   /* dim asides: hints, explanations */
	OUT_ECHO,   /* a command echoed before its output (--echo) */
	OUT_HEAD,   /* a heading line */
};

struct chart;
struct heatmap;

typedef struct out_ops {
	/* write: one or more complete lines (ends with '\n'). */
	void (*write)(void *ctx, enum out_kind kind, const char *s, size_t n);
	/* progress: a transient status line replaced by the next one; NULL
	 * clears it.  Sinks without a terminal ignore it. */
	void (*progress)(void *ctx, const char *line);
	/* width: columns available for text (80 without a terminal). */
	int (*width)(void *ctx);
	/* flush: push everything out (before a long computation). */
	void (*flush)(void *ctx);
	/* tick: called between slices of a long job; the workspace redraws
	 * and reads keys here, the plain sink does nothing.  NULL allowed. */
	void (*tick)(void *ctx);
	/* clear: blank the output area (the `clear` command). NULL allowed. */
	void (*clear)(void *ctx);
	/* chart, heatmap: show a picture (chart.h) the sink's own way, e.g.
	 * in a pane; return 1 if shown, 0 to have it rendered as text into
	 * the output instead.  The description is the caller's: copy what
	 * is kept.  NULL allowed (text). */
	int (*chart)(void *ctx, const struct chart *c);
	int (*heatmap)(void *ctx, const struct heatmap *h);
} out_ops;

/* out_set_sink: install a sink; NULL ops restore the plain sink. */
void out_set_sink(const out_ops *ops, void *ctx);
/* out_plain_configure: the plain sink's stream options. */
void out_plain_configure(int color, int is_tty);

/* out_set_where / out_clear_where: the FILE:LINE put before errors. */
void out_set_where(const char *file, long line);
void out_clear_where(void);
/* out_where: the current FILE:LINE prefix ("" if none), for messages. */
const char *out_where(void);
/* out_get_where: the current file (NULL if none) and line, to restore
 * them later with out_set_where (nested scripts). */
const char *out_get_where(long *line);

void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_vprintf(const char *fmt, va_list ap);
/* out_kprintf: like out_printf with an explicit kind. */
void out_kprintf(enum out_kind kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_puts(const char *s);  /* s plus a newline */
/* out_error, out_warn, out_note and out_progress translate their format
 * themselves (util/i18n.h; xgettext is told these names), so a call site
 * marks nothing; out_printf and out_puts print exactly what they get, so
 * a message there is wrapped in _() by the caller.
 * out_error: "[where: ]error: <fmt>\n".  Always returns -1, so a handler
 * can say `return out_error(...)`. */
int out_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_progress_clear(void);
int out_width(void);
/* out_set_width: a fixed output width (`set width`); 0 follows the sink. */
void out_set_width(int cols);
void out_flush(void);
void out_tick(void);
/* out_clock_ms: a monotonic clock in milliseconds, for throttling what
 * is drawn between ticks (the workspace's frames, live plots). */
double out_clock_ms(void);
/* out_set_tick_hook: also call fn(ctx) on every out_tick, whatever the
 * sink (live gnuplot windows during training); NULL removes it. */
void out_set_tick_hook(void (*fn)(void *ctx), void *ctx);
void out_clear(void);
/* out_sink_chart / out_sink_heatmap: offer a picture to the sink (used by
 * out_chart and out_heatmap); 1 if it was shown or quiet mode drops it,
 * 0 if the caller should emit it as text. */
int out_sink_chart(const struct chart *c);
int out_sink_heatmap(const struct heatmap *h);
/* out_error_count: errors reported since start (scripts stop on them). */
unsigned long out_error_count(void);
/* out_set_mute: while on, nothing is said at all and errors are not
 * counted (the workspace refreshing a live chart in the background). */
void out_set_mute(int mute);
/* out_quiet: suppress OUT_TEXT and OUT_NOTE (errors still show). */
void out_set_quiet(int quiet);

#endif
