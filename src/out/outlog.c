/* outlog.c - the session's output kept as numbered lines (see outlog.h):
 * a ring of the last OUTLOG_MAX_LINES lines. */
#include <config.h>

#include "out/outlog.h"
#include "core/alloc.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct logline {
	char *text;
	enum out_kind kind;
} logline;

static logline *ring;      /* [OUTLOG_MAX_LINES], allocated on first use */
static size_t first, end;  /* line numbers kept: first .. end-1 */
static strbuf pending;
static enum out_kind pending_kind;
static int pending_init;

static void
push_line(enum out_kind kind, const char *s, size_t n)
{
	if (!ring)
		ring = xcalloc(OUTLOG_MAX_LINES, sizeof *ring);
	logline *l = &ring[end % OUTLOG_MAX_LINES];
	if (end - first == OUTLOG_MAX_LINES) {
		free(l->text);
		first++;
	}
	strbuf b;
	sb_init(&b);
	utf8_append_safe(&b, s, n, 0);
	l->text = sb_steal(&b);
	l->kind = kind;
	end++;
}

void
outlog_add(enum out_kind kind, const char *s, size_t n)
{
	if (!pending_init) {
		sb_init(&pending);
		pending_init = 1;
	}
	while (n > 0) {
		const char *nl = memchr(s, '\n', n);
		size_t len = nl ? (size_t)(nl - s) : n;
		if (!nl) {
			if (!pending.len)
				pending_kind = kind;
			sb_add(&pending, s, len);
			return;
		}
		if (pending.len) {
			sb_add(&pending, s, len);
			push_line(pending_kind, pending.s, pending.len);
			sb_clear(&pending);
		} else {
			push_line(kind, s, len);
		}
		s += len + 1;
		n -= len + 1;
	}
}

size_t
outlog_first(void)
{
	return first;
}

size_t
outlog_end(void)
{
	return end;
}

const char *
outlog_line(size_t i, enum out_kind *kind)
{
	if (i < first || i >= end)
		return NULL;
	logline *l = &ring[i % OUTLOG_MAX_LINES];
	if (kind)
		*kind = l->kind;
	return l->text;
}

const char *
outlog_pending(void)
{
	return pending_init ? pending.s : "";
}

long
outlog_save(const char *path, size_t from, char *err, size_t errlen)
{
	strbuf b;
	sb_init(&b);
	long n = 0;
	if (from < first)
		from = first;
	for (size_t i = from; i < end; i++, n++) {
		sb_puts(&b, ring[i % OUTLOG_MAX_LINES].text);
		sb_putc(&b, '\n');
	}
	if (pending_init && pending.len) {
		utf8_append_safe(&b, pending.s, pending.len, 0);
		sb_putc(&b, '\n');
		n++;
	}
	char e[NN_ERRLEN];
	int rc = file_write_atomic(path, b.s, b.len, e);
	sb_free(&b);
	if (rc < 0) {
		snprintf(err, errlen, "%s", e);
		return -1;
	}
	return n;
}

void
outlog_reset(void)
{
	for (size_t i = first; i < end; i++)
		free(ring[i % OUTLOG_MAX_LINES].text);
	free(ring);
	ring = NULL;
	first = end = 0;
	if (pending_init)
		sb_clear(&pending);
}
