/* csv.c - parse CSV text into a dataset, and format a dataset as CSV (see
 * csv.h for the dialect and the limits).
 *
 * One pass over the text with a small record scanner; the first two
 * records decide whether there is a header.  Every field is checked
 * (UTF-8, control characters, numbers, the column count) before it is
 * used, and the first problem ends the parse with a FILE:LINE:COL message.
 * libc only: the strict number and UTF-8 checks the core needs are here,
 * since the core may not use src/util.  Not a file reader and not a
 * streaming parser: the whole text is in memory.
 */
#include <config.h>

#include "core/csv.h"
#include "core/alloc.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== messages ========================================================== */

typedef struct parser {
	const char *file;
	char *err;
	size_t errlen;
} parser;

/* fail: "FILE:LINE:COL: message" (COL 0: omitted; LINE 0: both omitted). */
static int __attribute__((format(printf, 4, 5)))
fail(parser *ps, int line, int col, const char *fmt, ...)
{
	int n;
	if (line > 0 && col > 0)
		n = snprintf(ps->err, ps->errlen, "%s:%d:%d: ", ps->file, line, col);
	else if (line > 0)
		n = snprintf(ps->err, ps->errlen, "%s:%d: ", ps->file, line);
	else
		n = snprintf(ps->err, ps->errlen, "%s: ", ps->file);
	if (n < 0 || (size_t)n >= ps->errlen)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* clip: at most 40 bytes of s for a message, never splitting a UTF-8
 * character, with "..." when cut.  s has passed check_text, so it is
 * valid UTF-8 without control characters. */
static const char *
clip(const char *s, char buf[48])
{
	size_t n = strlen(s);
	if (n <= 40)
		return s;
	n = 37;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

/* ==== text checks ======================================================= */

/* u8_next: length of the valid UTF-8 character at s (n bytes), its code
 * point in *cp; 0 if invalid (truncated, overlong, surrogate, > U+10FFFF). */
static size_t
u8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	uint32_t c, min;
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2, c = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3, c = s[0] & 0x0f, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* check_text: the field must be UTF-8 without control characters (C0, DEL,
 * C1; a tab inside a field counts too).  what names it in the message. */
static int
check_text(parser *ps, int line, int col, const char *s, const char *what)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = u8_next(u + i, n - i, &cp);
		if (l == 0)
			return fail(ps, line, col, "%s has the byte 0x%02X, which is not UTF-8; save the file as UTF-8",
			            what, u[i]);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			return fail(ps, line, col, "%s contains the control character U+%04X; remove it", what,
			            (unsigned)cp);
		i += l;
	}
	return 0;
}

/* Why a field is not a number, for messages. */
enum num_why { NUM_OK, NUM_EMPTY, NUM_NOT, NUM_NONFINITE, NUM_BIG };

/* parse_number: strict decimal (sign, digits, '.', exponent); no hex, no
 * "nan" or "inf", nothing beyond the float range. */
static enum num_why
parse_number(const char *s, double *out)
{
	if (!*s)
		return NUM_EMPTY;
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	/* nan, inf, infinity in any case: say so specifically */
	static const char *const nonfinite[] = {"nan", "inf", "infinity", NULL};
	for (int i = 0; nonfinite[i]; i++) {
		size_t k = 0;
		while (nonfinite[i][k] && (p[k] | 0x20) == nonfinite[i][k])
			k++;
		if (!nonfinite[i][k] && !p[k])
			return NUM_NONFINITE;
	}
	int digits = 0;
	for (; (*p >= '0' && *p <= '9') || *p == '.'; p++)
		digits += *p != '.';
	if (!digits)
		return NUM_NOT;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return NUM_NOT;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p)
		return NUM_NOT;
	errno = 0;
	char *end;
	double v = strtod(s, &end);
	if (*end)
		return NUM_NOT;
	if ((errno == ERANGE && fabs(v) > 1.0) || fabs(v) > FLT_MAX)
		return NUM_BIG;
	*out = v;
	return NUM_OK;
}

/* number_error: the message for a field that is not a usable number. */
static int
number_error(parser *ps, int line, int col, const char *s, enum num_why why, const char *what)
{
	char buf[48];
	switch (why) {
	case NUM_EMPTY:
		return fail(ps, line, col, "%s is missing; fill it in or remove the row", what);
	case NUM_NONFINITE:
		return fail(ps, line, col, "'%s' is not a finite number; replace it with a value or remove the row", s);
	case NUM_BIG:
		return fail(ps, line, col, "'%s' is too large for a 32-bit float (over 3.4e38); rescale the column",
		            clip(s, buf));
	default:
		return fail(ps, line, col, "'%s' is not a number; fix the value or remove the row", clip(s, buf));
	}
}

/* ==== the record scanner ================================================ */

typedef struct record {
	int line;        /* where the record starts */
	int nf;
	size_t *off;     /* [nf] offsets of NUL-terminated fields in buf */
	char **f;        /* [nf] pointers into buf, set when the record ends */
	int cap;
	char *buf;
	size_t blen, bcap;
} record;

typedef struct scanner {
	const char *p, *end;
	int line;
	int blank;       /* blank lines skipped */
} scanner;

static void
rec_putc(record *r, char c)
{
	if (r->blen + 1 >= r->bcap) {
		r->bcap = r->bcap ? 2 * r->bcap : 256;
		r->buf = xrealloc(r->buf, r->bcap);
	}
	r->buf[r->blen++] = c;
}

static void
rec_free(record *r)
{
	free(r->off);
	free(r->f);
	free(r->buf);
	memset(r, 0, sizeof *r);
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* scan_field: one field at sc->p into r (the quoted or bare form). */
static int
scan_field(parser *ps, scanner *sc, record *r, int col)
{
	const char *p = sc->p, *end = sc->end;
	while (p < end && is_blank(*p))
		p++;
	if (p < end && *p == '"') {
		int qline = sc->line;
		p++;
		for (;;) {
			if (p == end)
				return fail(ps, qline, col, "the quote that opens field %d is never closed; close it with \"",
				            col);
			if (*p == '"') {
				if (p + 1 < end && p[1] == '"') {
					rec_putc(r, '"');
					p += 2;
					continue;
				}
				p++;
				break;
			}
			if (*p == '\n')
				sc->line++;
			rec_putc(r, *p++);
		}
		while (p < end && is_blank(*p))
			p++;
		if (p < end && *p != ',' && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n'))
			return fail(ps, sc->line, col,
			            "text after the closing quote of field %d; quote the whole field, writing a quote "
			            "inside it as \"\"",
			            col);
	} else {
		size_t start = r->blen;
		while (p < end && *p != ',' && *p != '\n') {
			if (*p == '\r') {
				if (p + 1 < end && p[1] == '\n')
					break;
				return fail(ps, sc->line, col,
				            "a carriage return without a line feed; save the file with LF or CRLF line "
				            "ends");
			}
			if (*p == '"')
				return fail(ps, sc->line, col,
				            "a quote inside an unquoted field; quote the whole field and write the quote "
				            "as \"\"");
			rec_putc(r, *p++);
		}
		while (r->blen > start && is_blank(r->buf[r->blen - 1]))
			r->blen--;
	}
	rec_putc(r, '\0');
	sc->p = p;
	return 0;
}

/* scan_record: the next non-blank record; 1, 0 at the end, -1 on error. */
static int
scan_record(parser *ps, scanner *sc, record *r)
{
	for (;;) {
		const char *q = sc->p;
		while (q < sc->end && is_blank(*q))
			q++;
		if (q == sc->end) {
			sc->p = q;
			return 0;
		}
		if (*q == '\r' && q + 1 < sc->end && q[1] == '\n')
			q++;
		if (*q != '\n')
			break;
		sc->p = q + 1;
		sc->line++;
		sc->blank++;
	}
	r->line = sc->line;
	r->nf = 0;
	r->blen = 0;
	for (;;) {
		if (r->nf == CSV_MAX_COLS)
			return fail(ps, r->line, 0, "more than %d columns; nnlab reads at most %d", CSV_MAX_COLS,
			            CSV_MAX_COLS);
		if (r->nf == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 16;
			r->off = xreallocarray(r->off, (size_t)r->cap, sizeof *r->off);
			r->f = xreallocarray(r->f, (size_t)r->cap, sizeof *r->f);
		}
		r->off[r->nf] = r->blen;
		if (scan_field(ps, sc, r, r->nf + 1) < 0)
			return -1;
		r->nf++;
		if (sc->p < sc->end && *sc->p == ',') {
			sc->p++;
			continue;
		}
		if (sc->p < sc->end)
			sc->p += *sc->p == '\r' ? 2 : 1;
		sc->line++;
		break;
	}
	for (int i = 0; i < r->nf; i++)
		r->f[i] = r->buf + r->off[i];
	return 1;
}

/* ==== class labels ======================================================
 * The target column's distinct texts, interned while there are at most
 * CSV_MAX_CLASSES of them (an open-addressing table keyed by FNV-1a). */

typedef struct labels {
	char **name;      /* [n] distinct texts, in order of first appearance */
	int n;
	int *slot;        /* [cap] index into name, -1 empty */
	size_t cap;
	int overflow;     /* more than CSV_MAX_CLASSES distinct texts seen */
} labels;

static uint64_t
str_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* labels_id: the id of text s, added if new; -1 once past the limit. */
static int
labels_id(labels *lb, const char *s)
{
	if (lb->overflow)
		return -1;
	if (!lb->cap) {
		lb->cap = 4096; /* > 2 * CSV_MAX_CLASSES: never full */
		lb->slot = xmalloc(lb->cap * sizeof *lb->slot);
		for (size_t i = 0; i < lb->cap; i++)
			lb->slot[i] = -1;
		lb->name = xcalloc(CSV_MAX_CLASSES, sizeof *lb->name);
	}
	size_t i = (size_t)(str_hash(s) & (lb->cap - 1));
	while (lb->slot[i] >= 0) {
		if (strcmp(lb->name[lb->slot[i]], s) == 0)
			return lb->slot[i];
		i = (i + 1) & (lb->cap - 1);
	}
	if (lb->n == CSV_MAX_CLASSES) {
		lb->overflow = 1;
		return -1;
	}
	lb->name[lb->n] = xstrdup(s);
	lb->slot[i] = lb->n;
	return lb->n++;
}

static void
labels_free(labels *lb)
{
	for (int i = 0; i < lb->n; i++)
		free(lb->name[i]);
	free(lb->name);
	free(lb->slot);
}

/* ==== sorting without globals =========================================== */

/* Sort idx[0..n) by the strings names[idx[i]] (byte order): insertion
 * sort, as there are at most CSV_MAX_CLASSES. */
static void
sort_by_name(int *idx, int n, char *const *names)
{
	for (int i = 1; i < n; i++) {
		int v = idx[i], j = i;
		while (j > 0 && strcmp(names[idx[j - 1]], names[v]) > 0) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = v;
	}
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* ==== the parse ========================================================= */

typedef struct parse_state {
	parser ps;
	const csv_options *o;
	int ncols, target;      /* target: 0-based */
	int header;
	char **colname;         /* [ncols] header names, or NULL */
	/* rows */
	int n, cap;
	float *x;               /* [cap][ncols-1] */
	double *tv;             /* [cap] the target as a number (when it is one) */
	int *tid;               /* [cap] the target's label id */
	int all_numeric, all_integral;
	int real_line;          /* where the first real-valued target is */
	char real_text[48];
	labels lb;
} parse_state;

static void
state_free(parse_state *st)
{
	if (st->colname)
		for (int i = 0; i < st->ncols; i++)
			free(st->colname[i]);
	free(st->colname);
	free(st->x);
	free(st->tv);
	free(st->tid);
	labels_free(&st->lb);
}

static int
looks_numeric(const char *s)
{
	double v;
	return parse_number(s, &v) == NUM_OK;
}

/* Header detection: the first record is a header when one of its fields
 * is not a number where the second record has a number (or there is no
 * second record). */
static int
is_header(const record *r1, const record *r2)
{
	for (int c = 0; c < r1->nf; c++) {
		if (looks_numeric(r1->f[c]))
			continue;
		if (!r2 || c >= r2->nf || looks_numeric(r2->f[c]))
			return 1;
	}
	return 0;
}

static int
take_header(parse_state *st, const record *r)
{
	parser *ps = &st->ps;
	st->colname = xcalloc((size_t)r->nf, sizeof *st->colname);
	for (int c = 0; c < r->nf; c++) {
		const char *s = r->f[c];
		if (check_text(ps, r->line, c + 1, s, "the column name") < 0)
			return -1;
		if (!*s)
			return fail(ps, r->line, c + 1,
			            "column %d has no name; name it, or write the file without an index column "
			            "(pandas: to_csv(index=False))",
			            c + 1);
		if (strlen(s) > CSV_MAX_NAME)
			return fail(ps, r->line, c + 1, "the column name is longer than %d bytes; shorten it",
			            CSV_MAX_NAME);
		for (int k = 0; k < c; k++)
			if (strcmp(st->colname[k], s) == 0) {
				char buf[48];
				return fail(ps, r->line, c + 1, "the column name '%s' repeats column %d; rename one of them",
				            clip(s, buf), k + 1);
			}
		st->colname[c] = xstrdup(s);
	}
	return 0;
}

/* resolve_target: target= as a column name (with a header) or a 1-based
 * number; the last column by default. */
static int
resolve_target(parse_state *st, int line)
{
	parser *ps = &st->ps;
	const char *t = st->o->target;
	char buf[48];
	if (!t) {
		st->target = st->ncols - 1;
		return 0;
	}
	if (st->colname)
		for (int c = 0; c < st->ncols; c++)
			if (strcmp(st->colname[c], t) == 0) {
				st->target = c;
				return 0;
			}
	int digits = *t != '\0';
	for (const char *p = t; *p; p++)
		digits &= *p >= '0' && *p <= '9';
	if (digits) {
		long v = strlen(t) > 9 ? 0 : strtol(t, NULL, 10);
		if (v < 1 || v > st->ncols)
			return fail(ps, 0, 0, "target=%s is not a column: the file has %d columns; give 1 to %d or a name",
			            clip(t, buf), st->ncols, st->ncols);
		st->target = (int)v - 1;
		return 0;
	}
	if (!st->colname)
		return fail(ps, line, 0,
		            "target='%s' names a column, but the file has no header row; give the column's number, "
		            "e.g. target=%d",
		            clip(t, buf), st->ncols);
	char list[400] = "";
	size_t used = 0;
	for (int c = 0; c < st->ncols && used < sizeof list - 60; c++) {
		int w = snprintf(list + used, sizeof list - used, "%s'%s'", c ? ", " : "", clip(st->colname[c], buf));
		if (w > 0)
			used += (size_t)w;
	}
	if (used >= sizeof list - 60)
		snprintf(list + used, sizeof list - used, ", ...");
	return fail(ps, 0, 0, "there is no column '%s'; the columns are %s", clip(t, buf), list);
}

/* add_row: one data record, checked field by field. */
static int
add_row(parse_state *st, const record *r)
{
	parser *ps = &st->ps;
	if (r->nf != st->ncols)
		return fail(ps, r->line, 0, "%d fields, but the %s has %d; every row needs one value per column",
		            r->nf, st->header ? "header" : "first row", st->ncols);
	if (st->n == CSV_MAX_ROWS)
		return fail(ps, r->line, 0, "more than %d data rows; nnlab reads at most %d", CSV_MAX_ROWS,
		            CSV_MAX_ROWS);
	if (st->n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 256;
		st->x = xreallocarray(st->x, (size_t)st->cap, (size_t)(st->ncols - 1) * sizeof *st->x);
		st->tv = xreallocarray(st->tv, (size_t)st->cap, sizeof *st->tv);
		st->tid = xreallocarray(st->tid, (size_t)st->cap, sizeof *st->tid);
	}
	int d = st->ncols - 1, j = 0;
	float *xr = st->x + (size_t)st->n * (size_t)d;
	for (int c = 0; c < st->ncols; c++) {
		const char *s = r->f[c];
		if (check_text(ps, r->line, c + 1, s, c == st->target ? "the label" : "the value") < 0)
			return -1;
		double v = 0;
		enum num_why why = parse_number(s, &v);
		if (c != st->target) {
			if (why != NUM_OK)
				return number_error(ps, r->line, c + 1, s, why, "the value");
			xr[j++] = (float)v;
			continue;
		}
		/* the target */
		if (why == NUM_EMPTY)
			return fail(ps, r->line, c + 1, "the %s is missing; fill it in or remove the row",
			            st->o->regression ? "target" : "label");
		if (why != NUM_OK && (st->o->regression || why != NUM_NOT))
			return number_error(ps, r->line, c + 1, s, why, "the target");
		if (strlen(s) > CSV_MAX_NAME)
			return fail(ps, r->line, c + 1, "the label is longer than %d bytes; shorten it", CSV_MAX_NAME);
		if (why == NUM_OK) {
			st->tv[st->n] = v + 0.0; /* -0 is 0 */
			if ((v != floor(v) || fabs(v) > 2147483647.0) && st->all_integral) {
				char buf[48];
				st->all_integral = 0;
				st->real_line = r->line;
				snprintf(st->real_text, sizeof st->real_text, "%s", clip(s, buf));
			}
		} else {
			st->all_numeric = 0;
		}
		st->tid[st->n] = st->o->regression ? -1 : labels_id(&st->lb, s);
	}
	st->n++;
	return 0;
}

/* finish_labels: decide classes or regression and fill the dataset. */
static int
finish_target(parse_state *st, dataset *ds)
{
	parser *ps = &st->ps;
	int n = st->n;
	if (ds->regression) {
		for (int i = 0; i < n; i++)
			ds->t[i] = (float)st->tv[i];
		return 0;
	}
	if (st->all_numeric) {
		/* integer labels: the distinct values in numeric order */
		double *u = xmalloc((size_t)n * sizeof *u);
		memcpy(u, st->tv, (size_t)n * sizeof *u);
		qsort(u, (size_t)n, sizeof *u, cmp_double);
		int k = 0;
		for (int i = 0; i < n; i++)
			if (k == 0 || u[i] != u[k - 1])
				u[k++] = u[i];
		if (k > CSV_MAX_CLASSES) {
			free(u);
			return fail(ps, 0, 0,
			            "the target column has %d distinct whole numbers, more than %d classes; for a number "
			            "to predict, add 'regression'",
			            k, CSV_MAX_CLASSES);
		}
		for (int i = 0; i < n; i++) {
			int lo = 0, hi = k - 1;
			while (lo < hi) {
				int mid = (lo + hi) / 2;
				if (u[mid] < st->tv[i])
					lo = mid + 1;
				else
					hi = mid;
			}
			ds->y[i] = lo;
		}
		ds->k = k;
		ds->class_names = xcalloc((size_t)k, sizeof *ds->class_names);
		for (int c = 0; c < k; c++) {
			char buf[24];
			snprintf(buf, sizeof buf, "%.0f", u[c]);
			ds->class_names[c] = xstrdup(buf);
		}
		free(u);
	} else {
		if (st->lb.overflow)
			return fail(ps, 0, 0, "the target column has more than %d distinct labels; nnlab takes at most %d "
			            "classes",
			            CSV_MAX_CLASSES, CSV_MAX_CLASSES);
		int k = st->lb.n;
		int *order = xmalloc((size_t)k * sizeof *order);
		int *rank = xmalloc((size_t)k * sizeof *rank);
		for (int c = 0; c < k; c++)
			order[c] = c;
		sort_by_name(order, k, st->lb.name);
		for (int c = 0; c < k; c++)
			rank[order[c]] = c;
		for (int i = 0; i < n; i++)
			ds->y[i] = rank[st->tid[i]];
		ds->k = k;
		ds->class_names = xcalloc((size_t)k, sizeof *ds->class_names);
		for (int c = 0; c < k; c++)
			ds->class_names[c] = xstrdup(st->lb.name[order[c]]);
		free(order);
		free(rank);
	}
	if (ds->k < 2) {
		char buf[48];
		return fail(ps, 0, 0, "every row has the label '%s'; a classifier needs at least two classes",
		            clip(ds->class_names[0], buf));
	}
	return 0;
}

static const char *
base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

int
csv_parse(const char *buf, size_t len, const csv_options *o, dataset **out, csv_info *info, char *err,
          size_t errlen)
{
	parse_state st;
	memset(&st, 0, sizeof st);
	st.ps.file = o->file ? o->file : "csv";
	st.ps.err = err;
	st.ps.errlen = errlen;
	st.o = o;
	st.all_numeric = st.all_integral = 1;
	memset(info, 0, sizeof *info);
	*out = NULL;
	parser *ps = &st.ps;

	if (len > CSV_MAX_BYTES)
		return fail(ps, 0, 0, "the file is larger than %u MiB; nnlab reads at most %u MiB",
		            CSV_MAX_BYTES >> 20, CSV_MAX_BYTES >> 20);
	const char *nul = memchr(buf, '\0', len);
	if (nul) {
		int line = 1;
		for (const char *p = buf; p < nul; p++)
			line += *p == '\n';
		return fail(ps, line, 0, "the file contains a NUL byte; it is not a CSV text file");
	}
	scanner sc = {buf, buf + len, 1, 0};
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		sc.p += 3;
	/* a byte-order mark belongs at the very start only; one further on
	 * would hide inside a name or a number (and vanish on a round trip) */
	const char *bom = memmem(sc.p, (size_t)(sc.end - sc.p), "\xEF\xBB\xBF", 3);
	if (bom) {
		int line = 1;
		for (const char *p = buf; p < bom; p++)
			line += *p == '\n';
		return fail(ps, line, 0, "a byte-order mark (U+FEFF) in the middle of the file; save it as plain UTF-8");
	}

	record r1, r2;
	memset(&r1, 0, sizeof r1);
	memset(&r2, 0, sizeof r2);
	int rc = -1, got1, got2 = 0;
	dataset *ds = NULL;
	if ((got1 = scan_record(ps, &sc, &r1)) < 0)
		goto done;
	if (!got1) {
		fail(ps, 0, 0, "the file is empty; it needs a row per point, each with features and a label");
		goto done;
	}
	if ((got2 = scan_record(ps, &sc, &r2)) < 0)
		goto done;
	st.ncols = r1.nf;
	st.header = is_header(&r1, got2 ? &r2 : NULL);
	if (st.header && take_header(&st, &r1) < 0)
		goto done;
	if (st.ncols < 2) {
		fail(ps, r1.line, 0, "only one column; a dataset needs at least one feature column and a target column");
		goto done;
	}
	if (resolve_target(&st, r1.line) < 0)
		goto done;
	if (!st.header && add_row(&st, &r1) < 0)
		goto done;
	if (got2) {
		if (add_row(&st, &r2) < 0)
			goto done;
		int g;
		while ((g = scan_record(ps, &sc, &r2)) > 0)
			if (add_row(&st, &r2) < 0)
				goto done;
		if (g < 0)
			goto done;
	}
	if (st.n == 0) {
		fail(ps, 0, 0, "only a header row, no data; add rows of values below it");
		goto done;
	}

	int regression = o->regression || (st.all_numeric && !st.all_integral);
	int d = st.ncols - 1;
	ds = dataset_new(base_name(st.ps.file), st.n, d, 1, regression);
	memcpy(ds->x, st.x, (size_t)st.n * (size_t)d * sizeof *ds->x);
	if (st.colname) {
		for (int c = 0, j = 0; c < st.ncols; c++) {
			if (c == st.target)
				continue;
			free(ds->feature_names[j]);
			ds->feature_names[j++] = xstrdup(st.colname[c]);
		}
		ds->target_name = xstrdup(st.colname[st.target]);
	}
	if (finish_target(&st, ds) < 0)
		goto done;
	info->header = st.header;
	info->target_col = st.target + 1;
	info->auto_regression = regression && !o->regression;
	if (info->auto_regression) {
		info->real_line = st.real_line;
		memcpy(info->real_text, st.real_text, sizeof info->real_text);
	}
	info->rows_skipped = sc.blank;
	*out = ds;
	ds = NULL;
	rc = 0;
done:
	dataset_free(ds);
	rec_free(&r1);
	rec_free(&r2);
	state_free(&st);
	return rc;
}

/* ==== formatting ======================================================== */

typedef struct obuf {
	char *s;
	size_t len, cap;
} obuf;

static void __attribute__((format(printf, 2, 3)))
ob_printf(obuf *b, const char *fmt, ...)
{
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < b->cap - b->len) {
			b->len += (size_t)n;
			return;
		}
		b->cap = 2 * b->cap + (n > 0 ? (size_t)n : 0);
		b->s = xrealloc(b->s, b->cap);
	}
}

/* ob_field: s as a CSV field, quoted when it holds a comma, a quote, a
 * line end, space at either end, or nothing. */
static void
ob_field(obuf *b, const char *s)
{
	size_t n = strlen(s);
	int q = n == 0 || strpbrk(s, ",\"\r\n") || is_blank(s[0]) || is_blank(s[n - 1]);
	if (!q) {
		ob_printf(b, "%s", s);
		return;
	}
	ob_printf(b, "\"");
	for (const char *p = s; *p; p++)
		ob_printf(b, *p == '"' ? "\"\"" : "%c", *p);
	ob_printf(b, "\"");
}

char *
csv_format(const dataset *ds, size_t *len)
{
	obuf b = {xmalloc(4096), 0, 4096};
	b.s[0] = '\0';
	for (int j = 0; j < ds->d; j++) {
		ob_field(&b, ds->feature_names ? ds->feature_names[j] : "x");
		ob_printf(&b, ",");
	}
	const char *tn = ds->target_name ? ds->target_name : "y";
	if (ds->regression && ds->k > 1) {
		for (int c = 0; c < ds->k; c++) {
			char name[CSV_MAX_NAME + 16];
			snprintf(name, sizeof name, "%s%d", tn, c + 1);
			ob_printf(&b, "%s", c ? "," : "");
			ob_field(&b, name);
		}
	} else {
		ob_field(&b, tn);
	}
	ob_printf(&b, "\n");
	for (int i = 0; i < ds->n; i++) {
		for (int j = 0; j < ds->d; j++)
			ob_printf(&b, "%.9g,", (double)ds->x[(size_t)i * ds->d + j]);
		if (ds->regression) {
			for (int c = 0; c < ds->k; c++)
				ob_printf(&b, "%s%.9g", c ? "," : "", (double)ds->t[(size_t)i * ds->k + c]);
		} else if (ds->class_names) {
			ob_field(&b, ds->class_names[ds->y[i]]);
		} else {
			ob_printf(&b, "%d", ds->y[i]);
		}
		ob_printf(&b, "\n");
	}
	*len = b.len;
	return b.s;
}
