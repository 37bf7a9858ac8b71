/* out.c - the output front door and the plain (stdout) sink.
 *
 * Everything a command says passes through out_emit(), which counts errors,
 * applies quiet mode, and hands the bytes to the sink.  The plain sink
 * writes to stdout, escaping control characters and invalid UTF-8 so no
 * content can drive the terminal, and colours errors when allowed.
 */
#include <config.h>

#include "out/out.h"
#include "out/outlog.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* ==== the plain sink ==================================================== */

static struct {
	int color;
	int is_tty;
	int progress_shown;
} plain;

static void
plain_clear_progress(void)
{
	if (plain.progress_shown) {
		fputs("\r\033[K", stdout);
		plain.progress_shown = 0;
	}
}

static void
plain_write(void *ctx, enum out_kind kind, const char *s, size_t n)
{
	(void)ctx;
	strbuf b;
	sb_init(&b);
	utf8_append_safe(&b, s, n, 1);
	plain_clear_progress();
	const char *on = NULL;
	if (plain.color) {
		switch (kind) {
		case OUT_ERROR: on = "\033[1;31m"; break;
		case OUT_WARN: on = "\033[33m"; break;
		case OUT_NOTE: on = "\033[2m"; break;
		case OUT_HEAD: on = "\033[1m"; break;
		case OUT_ECHO: on = "\033[36m"; break;
		default: break;
		}
	}
	if (kind == OUT_ERROR || kind == OUT_WARN)
		fflush(stdout);
	FILE *f = stdout;
	if (on) {
		/* colour each line separately so a pager or a cut line never
		 * leaks the attribute */
		const char *p = b.s;
		while (*p) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			fprintf(f, "%s%.*s\033[0m%s", on, (int)len, p, nl ? "\n" : "");
			p += len + (nl != NULL);
		}
	} else {
		fwrite(b.s, 1, b.len, f);
	}
	if (kind == OUT_ERROR || kind == OUT_WARN)
		fflush(f);
	sb_free(&b);
}

static void
plain_progress(void *ctx, const char *line)
{
	(void)ctx;
	if (!plain.is_tty)
		return;
	if (!line) {
		plain_clear_progress();
		fflush(stdout);
		return;
	}
	strbuf b;
	sb_init(&b);
	utf8_append_safe(&b, line, strlen(line), 0);
	int w = out_width();
	size_t keep = utf8_prefix_by_width(b.s, w > 1 ? (size_t)w - 1 : 1);
	fprintf(stdout, "\r\033[K%.*s", (int)keep, b.s);
	fflush(stdout);
	plain.progress_shown = 1;
	sb_free(&b);
}

static int
plain_width(void *ctx)
{
	(void)ctx;
	if (plain.is_tty) {
		struct winsize ws;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
			return ws.ws_col > 200 ? 200 : ws.ws_col;
	}
	return 80;
}

static void
plain_flush(void *ctx)
{
	(void)ctx;
	fflush(stdout);
}

static void
plain_clear(void *ctx)
{
	(void)ctx;
	if (plain.is_tty) {
		fputs("\033[H\033[2J", stdout);
		fflush(stdout);
	}
}

static const out_ops plain_ops = {
	.write = plain_write,
	.progress = plain_progress,
	.width = plain_width,
	.flush = plain_flush,
	.tick = NULL,
	.clear = plain_clear,
};

void
out_plain_configure(int color, int is_tty)
{
	plain.color = color;
	plain.is_tty = is_tty;
}

/* ==== the front door ==================================================== */

static const out_ops *sink = &plain_ops;
static void *sink_ctx;
static char where[600];
static char where_file[512];
static long where_line;
static unsigned long n_errors;
static int quiet;
static int fixed_width;  /* `set width`, 0: the sink's */

void
out_set_sink(const out_ops *ops, void *ctx)
{
	sink = ops ? ops : &plain_ops;
	sink_ctx = ops ? ctx : NULL;
}

void
out_set_where(const char *file, long line)
{
	strbuf b;
	sb_init(&b);
	utf8_append_safe(&b, file, strlen(file), 0);
	snprintf(where, sizeof where, "%s:%ld: ", b.s, line);
	sb_free(&b);
	if (file != where_file)
		snprintf(where_file, sizeof where_file, "%s", file);
	where_line = line;
}

const char *
out_get_where(long *line)
{
	*line = where_line;
	return where[0] ? where_file : NULL;
}

void
out_clear_where(void)
{
	where[0] = '\0';
	where_file[0] = '\0';
	where_line = 0;
}

const char *
out_where(void)
{
	return where;
}

void
out_set_quiet(int q)
{
	quiet = q;
}

unsigned long
out_error_count(void)
{
	return n_errors;
}

static int mute;

void
out_set_mute(int m)
{
	mute = m;
}

static void
out_emit(enum out_kind kind, const char *s, size_t n)
{
	if (mute)
		return;
	if (quiet && (kind == OUT_TEXT || kind == OUT_NOTE || kind == OUT_HEAD || kind == OUT_ECHO))
		return;
	outlog_add(kind, s, n);
	sink->write(sink_ctx, kind, s, n);
}

static void
out_vk(enum out_kind kind, const char *prefix, const char *fmt, va_list ap)
{
	strbuf b;
	sb_init(&b);
	if (prefix)
		sb_puts(&b, prefix);
	sb_vprintf(&b, fmt, ap);
	if (b.len == 0 || b.s[b.len - 1] != '\n')
		sb_putc(&b, '\n');
	out_emit(kind, b.s, b.len);
	sb_free(&b);
}

void
out_vprintf(const char *fmt, va_list ap)
{
	strbuf b;
	sb_init(&b);
	sb_vprintf(&b, fmt, ap);
	if (b.len)
		out_emit(OUT_TEXT, b.s, b.len);
	sb_free(&b);
}

void
out_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_vprintf(fmt, ap);
	va_end(ap);
}

void
out_kprintf(enum out_kind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf b;
	sb_init(&b);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.len)
		out_emit(kind, b.s, b.len);
	sb_free(&b);
}

void
out_puts(const char *s)
{
	strbuf b;
	sb_init(&b);
	sb_puts(&b, s);
	sb_putc(&b, '\n');
	out_emit(OUT_TEXT, b.s, b.len);
	sb_free(&b);
}

int
out_error(const char *fmt, ...)
{
	char prefix[700];
	snprintf(prefix, sizeof prefix, "%s%s", where, _("error: "));
	va_list ap;
	va_start(ap, fmt);
	out_vk(OUT_ERROR, prefix, _(fmt), ap);
	va_end(ap);
	if (!mute)
		n_errors++;
	return -1;
}

void
out_warn(const char *fmt, ...)
{
	char prefix[700];
	snprintf(prefix, sizeof prefix, "%s%s", where, _("warning: "));
	va_list ap;
	va_start(ap, fmt);
	out_vk(OUT_WARN, prefix, _(fmt), ap);
	va_end(ap);
}

void
out_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_vk(OUT_NOTE, NULL, _(fmt), ap);
	va_end(ap);
}

void
out_progress(const char *fmt, ...)
{
	if (!sink->progress)
		return;
	strbuf b;
	sb_init(&b);
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, _(fmt), ap);
	va_end(ap);
	sink->progress(sink_ctx, b.s);
	sb_free(&b);
}

void
out_progress_clear(void)
{
	if (sink->progress)
		sink->progress(sink_ctx, NULL);
}

int
out_width(void)
{
	if (fixed_width)
		return fixed_width;
	return sink->width ? sink->width(sink_ctx) : 80;
}

void
out_set_width(int cols)
{
	fixed_width = cols;
}

void
out_flush(void)
{
	if (sink->flush)
		sink->flush(sink_ctx);
}

double
out_clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void (*tick_hook)(void *);
static void *tick_hook_ctx;

void
out_set_tick_hook(void (*fn)(void *ctx), void *ctx)
{
	tick_hook = fn;
	tick_hook_ctx = ctx;
}

void
out_tick(void)
{
	if (sink->tick)
		sink->tick(sink_ctx);
	if (tick_hook)
		tick_hook(tick_hook_ctx);
}

void
out_clear(void)
{
	if (sink->clear)
		sink->clear(sink_ctx);
}

int
out_sink_chart(const struct chart *c)
{
	if (quiet)
		return 1;
	return sink->chart ? sink->chart(sink_ctx, c) : 0;
}

int
out_sink_heatmap(const struct heatmap *h)
{
	if (quiet)
		return 1;
	return sink->heatmap ? sink->heatmap(sink_ctx, h) : 0;
}
