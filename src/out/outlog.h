/* outlog.h - the session's output, kept line by line.
 *
 * Everything said through out.h is also appended here (sanitised, as the
 * sinks show it), so `log save FILE` can write the whole session's output
 * in any mode and the workspace's output pane can scroll back through it.
 * Lines are numbered from the start of the session; the oldest are
 * dropped beyond OUTLOG_MAX_LINES.  Not a pager and not a file format.
 */
#ifndef NN_OUT_OUTLOG_H
#define NN_OUT_OUTLOG_H

#include <stddef.h>

#include "out/out.h"

#define OUTLOG_MAX_LINES 100000

/* outlog_add: append text (any number of lines; a last line without '\n'
 * stays pending until its end arrives). */
void outlog_add(enum out_kind kind, const char *s, size_t n);
/* outlog_first / outlog_end: the numbers of the oldest kept line and one
 * past the newest complete line. */
size_t outlog_first(void);
size_t outlog_end(void);
/* outlog_line: line i (no '\n') and its kind; NULL if not kept. */
const char *outlog_line(size_t i, enum out_kind *kind);
/* outlog_pending: the unfinished last line ("" if none). */
const char *outlog_pending(void);
/* outlog_save: write lines from..end (and the pending one) to path,
 * atomically; the number of lines written, or -1 with err filled. */
long outlog_save(const char *path, size_t from, char *err, size_t errlen);
/* outlog_reset: forget everything (tests). */
void outlog_reset(void);

#endif
