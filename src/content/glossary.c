/* glossary.c - parse glossary files and look terms up (see glossary.h and
 * nnlab-glossary(5)).  No output and no commands here: only structures
 * and "FILE:LINE: message" strings. */
#include <config.h>

#include "content/glossary.h"
#include "core/alloc.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/utf8.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const gloss_topics[][3] = {
	{"basics", "Basics", "基础"},
	{"learning", "Kinds of learning", "学习范式"},
	{"training", "Training", "训练"},
	{"networks", "Kinds of network", "网络结构"},
	{"language", "Sequences and language", "序列与语言"},
	{"large", "Large models", "大模型"},
	{NULL, NULL, NULL},
};

/* ==== small helpers ===================================================== */

static int
fail(char *err, size_t errlen, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int
fail(char *err, size_t errlen, const char *file, long line, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(err, errlen, "%s:%ld: %s", file, line, msg);
	else
		snprintf(err, errlen, "%s: %s", file, msg);
	return -1;
}

static void
free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
list_add(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

/* The id rule: lower-case letters, digits and '-', starting with a letter
 * or digit, at most 48 bytes. */
static int
id_valid(const char *id, size_t n)
{
	if (n == 0 || n > 48 || id[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return 1;
}

static char *
trim_dup(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

/* ==== the line reader =================================================== */

/* One file as lines, checked: valid UTF-8, no NUL, no control characters
 * except a final CR; each line's trailing spaces removed. */
typedef struct lines {
	char **v;
	size_t n;
} lines;

static void
lines_free(lines *l)
{
	free_list(l->v, l->n);
	l->v = NULL;
	l->n = 0;
}

static int
lines_read(const char *file, const char *text, size_t len, lines *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (memchr(text, '\0', len))
		return fail(err, errlen, file, 0, _("contains NUL bytes; a glossary file is UTF-8 text"));
	size_t bad = utf8_invalid_at(text, len);
	if (bad != (size_t)-1) {
		long line = 1;
		for (size_t i = 0; i < bad; i++)
			line += text[i] == '\n';
		return fail(err, errlen, file, line, _("invalid UTF-8 (byte 0x%02X); save the file as UTF-8"),
		            (unsigned)(unsigned char)text[bad]);
	}
	const char *p = text, *end = text + len;
	long lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		lineno++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)p[i];
			if (c == '\t') {
				lines_free(out);
				return fail(err, errlen, file, lineno, _("a tab character (column %zu); use spaces"), i + 1);
			}
			if (c < 0x20 || c == 0x7f) {
				lines_free(out);
				return fail(err, errlen, file, lineno, _("a control character 0x%02X (column %zu); remove it"),
				            (unsigned)c, i + 1);
			}
		}
		while (n > 0 && p[n - 1] == ' ')
			n--;
		list_add(&out->v, &out->n, xstrndup(p, n));
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

/* A section line: "[name]" (name is [a-z][a-z-]*). Returns the name's
 * length, 0 if not one. */
static size_t
section_name(const char *line, const char **name)
{
	size_t n = strlen(line);
	if (n < 3 || line[0] != '[' || line[n - 1] != ']' || line[1] == '-')
		return 0;
	for (size_t i = 1; i < n - 1; i++)
		if (!((line[i] >= 'a' && line[i] <= 'z') || line[i] == '-'))
			return 0;
	*name = line + 1;
	return n - 2;
}

/* A header line "key: value": the key's length (key is [a-z-]+), 0 if the
 * line is not one. *val points after ": ". */
static size_t
field_key(const char *line, const char **val)
{
	size_t k = 0;
	while ((line[k] >= 'a' && line[k] <= 'z') || line[k] == '-')
		k++;
	if (k == 0 || line[k] != ':')
		return 0;
	const char *v = line + k + 1;
	while (*v == ' ')
		v++;
	*val = v;
	return k;
}

/* Join lines [a, b) of a section into one string, dropping blank lines at
 * either end; NULL if nothing is left. */
static char *
join_body(const lines *l, size_t a, size_t b)
{
	while (a < b && l->v[a][0] == '\0')
		a++;
	while (b > a && l->v[b - 1][0] == '\0')
		b--;
	if (a == b)
		return NULL;
	strbuf s;
	sb_init(&s);
	for (size_t i = a; i < b; i++) {
		if (i > a)
			sb_putc(&s, '\n');
		sb_puts(&s, l->v[i]);
	}
	return sb_steal(&s);
}

/* Split a list value at commas (and, for Chinese lists, '，' and '、').
 * An empty item is an error. */
static int
split_list(const char *file, long line, const char *what, const char *v, int cjk, char ***out,
           size_t *n, char *err, size_t errlen)
{
	const char *p = v;
	for (;;) {
		const char *q = p;
		size_t sep = 0;
		while (*q) {
			if (*q == ',') {
				sep = 1;
				break;
			}
			if (cjk && (strncmp(q, "，", 3) == 0 || strncmp(q, "、", 3) == 0)) {
				sep = 3;
				break;
			}
			q++;
		}
		char *item = trim_dup(p, (size_t)(q - p));
		if (item[0] == '\0') {
			free(item);
			return fail(err, errlen, file, line, _("an empty item in %s; separate names with single commas"), what);
		}
		list_add(out, n, item);
		if (!*q)
			break;
		p = q + sep;
	}
	return 0;
}

/* Split see: ids at commas and spaces, each a valid id. */
static int
split_ids(const char *file, long line, const char *v, char ***out, size_t *n, char *err, size_t errlen)
{
	const char *p = v;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		const char *q = p;
		while (*q && *q != ' ' && *q != ',')
			q++;
		if (!id_valid(p, (size_t)(q - p)))
			return fail(err, errlen, file, line,
			            _("'%.*s' is not an entry name; see: takes file names such as learning-rate"),
			            (int)(q - p), p);
		list_add(out, n, xstrndup(p, (size_t)(q - p)));
		p = q;
	}
	if (*n == 0)
		return fail(err, errlen, file, line, _("see: lists no entries; name at least one related entry"));
	return 0;
}

/* ==== a generic header-and-sections file ================================ */

typedef struct field_spec {
	const char *name;
	int required;
	size_t max;        /* longest value in bytes */
} field_spec;

/* The most header fields, and the most sections, a kind of file has. */
#define PARSE_MAX 12

typedef struct parsed {
	lines l;
	/* header values (pointers into l) and their lines, by field index */
	const char *val[PARSE_MAX];
	long vline[PARSE_MAX];
	/* sections: [start, end) line ranges, by section index; start 0 = absent */
	size_t sec_a[PARSE_MAX], sec_b[PARSE_MAX];
	long sec_line[PARSE_MAX];
} parsed;

/* parse_file: check the id (what: "entry" or "page"), read the lines,
 * and sort them into header fields and sections. */
static int
parse_file(const char *file, const char *id, const char *what, const char *text, size_t len,
           const field_spec *fields, const char *const *sections, const int *sec_required, parsed *p,
           char *err, size_t errlen)
{
	memset(p, 0, sizeof *p);
	if (!id_valid(id, strlen(id)))
		return fail(err, errlen, file, 0,
		            _("'%s' is not a valid %s name; name the file with lower-case letters, digits and '-'"),
		            id, what);
	if (lines_read(file, text, len, &p->l, err, errlen) < 0)
		return -1;
	size_t nf = 0, ns = 0;
	while (fields[nf].name)
		nf++;
	while (sections[ns])
		ns++;
	int cur = -1;  /* the section being read, -1 in the header */
	for (size_t i = 0; i < p->l.n; i++) {
		const char *line = p->l.v[i];
		long lineno = (long)i + 1;
		const char *name;
		size_t sl = section_name(line, &name);
		if (sl) {
			int k = -1;
			for (size_t j = 0; j < ns; j++)
				if (strlen(sections[j]) == sl && strncmp(sections[j], name, sl) == 0)
					k = (int)j;
			if (k < 0) {
				strbuf l;
				sb_init(&l);
				for (size_t j = 0; j < ns; j++)
					sb_printf(&l, "%s[%s]", j ? ", " : "", sections[j]);
				fail(err, errlen, file, lineno, _("unknown section '%s'; the sections are %s"), line, l.s);
				sb_free(&l);
				goto bad;
			}
			if (p->sec_line[k]) {
				fail(err, errlen, file, lineno, _("section %s appears twice (first on line %ld); merge them"),
				     line, p->sec_line[k]);
				goto bad;
			}
			if (cur >= 0)
				p->sec_b[cur] = i;
			cur = k;
			p->sec_line[k] = lineno;
			p->sec_a[k] = i + 1;
			p->sec_b[k] = p->l.n;
			continue;
		}
		if (cur >= 0)
			continue;
		if (line[0] == '\0' || line[0] == '#')
			continue;
		const char *val;
		size_t kl = field_key(line, &val);
		if (kl == 0) {
			fail(err, errlen, file, lineno,
			     _("expected 'field: value' or a [section] line, not '%.60s'"), line);
			goto bad;
		}
		int f = -1;
		for (size_t j = 0; j < nf; j++)
			if (strlen(fields[j].name) == kl && strncmp(fields[j].name, line, kl) == 0)
				f = (int)j;
		if (f < 0) {
			strbuf l;
			sb_init(&l);
			for (size_t j = 0; j < nf; j++)
				sb_printf(&l, "%s%s", j ? ", " : "", fields[j].name);
			fail(err, errlen, file, lineno, _("unknown field '%.*s'; the fields are %s"), (int)kl, line, l.s);
			sb_free(&l);
			goto bad;
		}
		if (p->val[f]) {
			fail(err, errlen, file, lineno, _("field '%s' is given twice (first on line %ld); keep one"),
			     fields[f].name, p->vline[f]);
			goto bad;
		}
		if (val[0] == '\0') {
			fail(err, errlen, file, lineno, _("field '%s' is empty; give it a value or remove the line"),
			     fields[f].name);
			goto bad;
		}
		if (strlen(val) > fields[f].max) {
			fail(err, errlen, file, lineno, _("field '%s' is too long (%zu bytes; at most %zu)"),
			     fields[f].name, strlen(val), fields[f].max);
			goto bad;
		}
		p->val[f] = val;
		p->vline[f] = lineno;
	}
	for (size_t j = 0; j < nf; j++)
		if (fields[j].required && !p->val[j]) {
			fail(err, errlen, file, 0, _("the field '%s:' is missing; add it to the header"), fields[j].name);
			goto bad;
		}
	for (size_t j = 0; j < ns; j++) {
		if (sec_required[j] && !p->sec_line[j]) {
			fail(err, errlen, file, 0, _("the section [%s] is missing; add it after the header"), sections[j]);
			goto bad;
		}
		if (p->sec_line[j]) {
			size_t a = p->sec_a[j], b = p->sec_b[j];
			int any = 0;
			for (size_t i = a; i < b; i++)
				any |= p->l.v[i][0] != '\0';
			if (!any) {
				fail(err, errlen, file, p->sec_line[j], _("the section [%s] is empty; write its text or remove it"),
				     sections[j]);
				goto bad;
			}
		}
	}
	/* a Chinese section translates its English twin, which must be there
	 * (it is what is shown when a part has no translation) */
	for (size_t j = 0; j < ns; j++) {
		size_t sl = strlen(sections[j]);
		if (!p->sec_line[j] || sl < 4 || strcmp(sections[j] + sl - 3, "-zh") != 0)
			continue;
		for (size_t k = 0; k < ns; k++)
			if (strlen(sections[k]) == sl - 3 && strncmp(sections[k], sections[j], sl - 3) == 0 &&
			    !p->sec_line[k]) {
				fail(err, errlen, file, p->sec_line[j],
				     _("[%s] translates [%s], which this file does not have; add [%s] or remove [%s]"),
				     sections[j], sections[k], sections[k], sections[j]);
				goto bad;
			}
	}
	return 0;
bad:
	lines_free(&p->l);
	return -1;
}

/* ==== .term files ======================================================= */

/* short-zh may take 600 bytes to short's 400: a Chinese character is three
 * bytes but two columns, so both limits come to about the same width. */
enum { F_TERM, F_ZH, F_ALIAS, F_ALIAS_ZH, F_TOPIC, F_SHORT, F_SHORT_ZH, F_SEE, F_TRY };
static const field_spec term_fields[] = {
	{"term", 1, 80},
	{"zh", 1, 80},
	{"alias", 0, 400},
	{"alias-zh", 0, 400},
	{"topic", 1, 40},
	{"short", 1, 400},
	{"short-zh", 0, 600},
	{"see", 1, 600},
	{"try", 1, 1000},
	{NULL, 0, 0},
};
/* Each English section may have a Chinese twin, S_x + S_ZH. */
enum { S_EXPLAIN, S_FORMULA, S_EXAMPLE, S_NOTE, S_ZH };
static const char *const term_sections[] = {"explain",    "formula",    "example",    "note",
                                            "explain-zh", "formula-zh", "example-zh", "note-zh", NULL};
static const int term_sec_required[] = {1, 0, 1, 0, 0, 0, 0, 0};

int
gloss_topic_find(const char *word)
{
	for (int t = 0; gloss_topics[t][0]; t++) {
		if (strcmp(word, gloss_topics[t][0]) == 0)
			return t;
		size_t n = strlen(gloss_topics[t][1]);
		if (strlen(word) == n) {
			size_t i = 0;
			while (i < n && (word[i] | 0x20) == (gloss_topics[t][1][i] | 0x20))
				i++;
			if (i == n)
				return t;
		}
		if (strcmp(word, gloss_topics[t][2]) == 0)
			return t;
	}
	return -1;
}

void
gloss_entry_free(gloss_entry *e)
{
	free(e->id);
	free(e->file);
	free(e->term);
	free(e->zh);
	free_list(e->alias, e->nalias);
	free(e->shortdef);
	free_list(e->see, e->nsee);
	free(e->try_line);
	free(e->explain);
	free(e->formula);
	free(e->example);
	free(e->note);
	free(e->short_zh);
	free(e->explain_zh);
	free(e->formula_zh);
	free(e->example_zh);
	free(e->note_zh);
	memset(e, 0, sizeof *e);
}

int
gloss_parse_term(const char *file, const char *id, const char *text, size_t len, gloss_entry *out,
                 char *err, size_t errlen)
{
	parsed p;
	if (parse_file(file, id, i18n_pick("entry", "条目"), text, len, term_fields, term_sections,
	               term_sec_required, &p, err, errlen) < 0)
		return -1;
	gloss_entry e;
	memset(&e, 0, sizeof e);
	int topic = gloss_topic_find(p.val[F_TOPIC]);
	if (topic < 0 || strcmp(p.val[F_TOPIC], gloss_topics[topic][0]) != 0) {
		strbuf l;
		sb_init(&l);
		for (int t = 0; gloss_topics[t][0]; t++)
			sb_printf(&l, "%s%s", t ? ", " : "", gloss_topics[t][0]);
		fail(err, errlen, file, p.vline[F_TOPIC], _("unknown topic '%s'; choose one of %s"), p.val[F_TOPIC], l.s);
		sb_free(&l);
		goto bad;
	}
	e.topic = topic;
	if (p.val[F_ALIAS] &&
	    split_list(file, p.vline[F_ALIAS], "alias:", p.val[F_ALIAS], 0, &e.alias, &e.nalias, err, errlen) < 0)
		goto bad;
	e.nalias_en = e.nalias;
	if (p.val[F_ALIAS_ZH] && split_list(file, p.vline[F_ALIAS_ZH], "alias-zh:", p.val[F_ALIAS_ZH], 1, &e.alias,
	                                    &e.nalias, err, errlen) < 0)
		goto bad;
	if (split_ids(file, p.vline[F_SEE], p.val[F_SEE], &e.see, &e.nsee, err, errlen) < 0)
		goto bad;
	e.see_line = p.vline[F_SEE];
	e.id = xstrdup(id);
	e.file = xstrdup(file);
	e.term = xstrdup(p.val[F_TERM]);
	e.zh = xstrdup(p.val[F_ZH]);
	e.shortdef = xstrdup(p.val[F_SHORT]);
	e.try_line = xstrdup(p.val[F_TRY]);
	if (p.val[F_SHORT_ZH])
		e.short_zh = xstrdup(p.val[F_SHORT_ZH]);
	char **secs[] = {&e.explain,    &e.formula,    &e.example,    &e.note,
	                 &e.explain_zh, &e.formula_zh, &e.example_zh, &e.note_zh};
	for (int k = 0; k < 8; k++)
		if (p.sec_line[k])
			*secs[k] = join_body(&p.l, p.sec_a[k], p.sec_b[k]);
	/* a formula is shared unless it has words to translate */
	if (e.formula_zh && strcmp(e.formula_zh, e.formula) == 0) {
		fail(err, errlen, file, p.sec_line[S_FORMULA + S_ZH],
		     _("[formula-zh] is the same as [formula]; remove it (a formula without words is shared)"));
		goto bad;
	}
	lines_free(&p.l);
	*out = e;
	return 0;
bad:
	gloss_entry_free(&e);
	lines_free(&p.l);
	return -1;
}

/* ==== .compare files ==================================================== */

enum { C_TITLE, C_ZH, C_SEE, C_COLUMNS, C_COLUMNS_ZH };
static const field_spec compare_fields[] = {
	{"title", 1, 120},
	{"zh", 1, 120},
	{"see", 0, 600},
	{"columns", 1, 600},
	{"columns-zh", 0, 900},
	{NULL, 0, 0},
};
enum { CS_INTRO, CS_ROWS, CS_NOTE, CS_INTRO_ZH, CS_ROWS_ZH, CS_NOTE_ZH };
static const char *const compare_sections[] = {"intro", "rows", "note", "intro-zh", "rows-zh", "note-zh", NULL};
static const int compare_sec_required[] = {1, 1, 0, 0, 0, 0};

static void
free_rows(char ***rows, size_t nrows, size_t ncols)
{
	for (size_t r = 0; r < nrows; r++)
		free_list(rows[r], ncols);
	free(rows);
}

void
gloss_compare_free(gloss_compare *c)
{
	free(c->id);
	free(c->file);
	free(c->title);
	free(c->zh);
	free_list(c->see, c->nsee);
	free(c->intro);
	free(c->note);
	free(c->intro_zh);
	free(c->note_zh);
	free_list(c->cols, c->ncols);
	if (c->cols_zh)
		free_list(c->cols_zh, c->ncols);
	free_rows(c->rows, c->nrows, c->ncols);
	if (c->rows_zh)
		free_rows(c->rows_zh, c->nrows, c->ncols);
	memset(c, 0, sizeof *c);
}

/* Split a row at '|' into exactly want cells. */
static int
split_cells(const char *file, long line, const char *row, size_t want, char ***out, char *err, size_t errlen)
{
	char **cells = NULL;
	size_t n = 0;
	const char *p = row;
	for (;;) {
		const char *q = strchr(p, '|');
		size_t len = q ? (size_t)(q - p) : strlen(p);
		char *cell = trim_dup(p, len);
		if (cell[0] == '\0') {
			free(cell);
			free_list(cells, n);
			return fail(err, errlen, file, line, _("cell %zu is empty; write '-' for nothing"), n + 1);
		}
		list_add(&cells, &n, cell);
		if (!q)
			break;
		p = q + 1;
	}
	if (n != want) {
		free_list(cells, n);
		return fail(err, errlen, file, line, _("this row has %zu cells but there are %zu columns"), n, want);
	}
	*out = cells;
	return 0;
}

/* The rows of section k: a line that starts with a space continues the
 * row above; each row split into ncols cells. */
static int
parse_rows(const char *file, const parsed *p, int k, size_t ncols, char ****rows, size_t *nrows, char *err,
           size_t errlen)
{
	char ***v = NULL;
	size_t n = 0;
	strbuf row;
	sb_init(&row);
	long row_line = 0;
	for (size_t i = p->sec_a[k]; i <= p->sec_b[k]; i++) {
		const char *line = i < p->sec_b[k] ? p->l.v[i] : "";
		int cont = line[0] == ' ';
		if (cont && row_line == 0) {
			fail(err, errlen, file, (long)i + 1, _("a continuation line (starting with a space) before any row"));
			goto bad;
		}
		if (cont) {
			sb_putc(&row, ' ');
			sb_puts(&row, line + strspn(line, " "));
			continue;
		}
		if (row_line) {
			char **cells;
			if (split_cells(file, row_line, row.s, ncols, &cells, err, errlen) < 0)
				goto bad;
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n++] = cells;
			sb_clear(&row);
			row_line = 0;
		}
		if (line[0] != '\0') {
			sb_puts(&row, line);
			row_line = (long)i + 1;
		}
	}
	sb_free(&row);
	*rows = v;
	*nrows = n;
	return 0;
bad:
	sb_free(&row);
	free_rows(v, n, ncols);
	return -1;
}

int
gloss_parse_compare(const char *file, const char *id, const char *text, size_t len, gloss_compare *out,
                    char *err, size_t errlen)
{
	parsed p;
	if (parse_file(file, id, i18n_pick("page", "页面"), text, len, compare_fields, compare_sections,
	               compare_sec_required, &p, err, errlen) < 0)
		return -1;
	gloss_compare c;
	memset(&c, 0, sizeof c);
	char **cols = NULL;
	size_t ncols = 1;
	for (const char *q = p.val[C_COLUMNS]; *q; q++)
		ncols += *q == '|';
	if (split_cells(file, p.vline[C_COLUMNS], p.val[C_COLUMNS], ncols, &cols, err, errlen) < 0)
		goto bad;
	c.cols = cols;
	c.ncols = ncols;
	if (ncols < 2) {
		fail(err, errlen, file, p.vline[C_COLUMNS], _("a comparison needs at least two columns, separated by '|'"));
		goto bad;
	}
	if (p.val[C_COLUMNS_ZH]) {
		size_t nzh = 1;
		for (const char *q = p.val[C_COLUMNS_ZH]; *q; q++)
			nzh += *q == '|';
		if (nzh != ncols) {
			fail(err, errlen, file, p.vline[C_COLUMNS_ZH],
			     _("columns-zh: has %zu headings but columns: has %zu; give one heading per column"), nzh, ncols);
			goto bad;
		}
		if (split_cells(file, p.vline[C_COLUMNS_ZH], p.val[C_COLUMNS_ZH], ncols, &c.cols_zh, err, errlen) < 0)
			goto bad;
	}
	if (p.val[C_SEE]) {
		if (split_ids(file, p.vline[C_SEE], p.val[C_SEE], &c.see, &c.nsee, err, errlen) < 0)
			goto bad;
		c.see_line = p.vline[C_SEE];
	}
	if (parse_rows(file, &p, CS_ROWS, ncols, &c.rows, &c.nrows, err, errlen) < 0)
		goto bad;
	if (p.sec_line[CS_ROWS_ZH]) {
		size_t nzh;
		if (parse_rows(file, &p, CS_ROWS_ZH, ncols, &c.rows_zh, &nzh, err, errlen) < 0)
			goto bad;
		if (nzh != c.nrows) {
			free_rows(c.rows_zh, nzh, ncols);
			c.rows_zh = NULL;
			fail(err, errlen, file, p.sec_line[CS_ROWS_ZH],
			     _("[rows-zh] has %zu rows but [rows] has %zu; translate each row once, in the same order"), nzh,
			     c.nrows);
			goto bad;
		}
	}
	c.id = xstrdup(id);
	c.file = xstrdup(file);
	c.title = xstrdup(p.val[C_TITLE]);
	c.zh = xstrdup(p.val[C_ZH]);
	c.intro = join_body(&p.l, p.sec_a[CS_INTRO], p.sec_b[CS_INTRO]);
	if (p.sec_line[CS_NOTE])
		c.note = join_body(&p.l, p.sec_a[CS_NOTE], p.sec_b[CS_NOTE]);
	if (p.sec_line[CS_INTRO_ZH])
		c.intro_zh = join_body(&p.l, p.sec_a[CS_INTRO_ZH], p.sec_b[CS_INTRO_ZH]);
	if (p.sec_line[CS_NOTE_ZH])
		c.note_zh = join_body(&p.l, p.sec_a[CS_NOTE_ZH], p.sec_b[CS_NOTE_ZH]);
	lines_free(&p.l);
	*out = c;
	return 0;
bad:
	gloss_compare_free(&c);
	lines_free(&p.l);
	return -1;
}

/* ==== loading a directory =============================================== */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const gloss_entry *)a)->id, ((const gloss_entry *)b)->id);
}

static int
cmp_compare(const void *a, const void *b)
{
	return strcmp(((const gloss_compare *)a)->id, ((const gloss_compare *)b)->id);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcmp(s + n - k, suffix) == 0;
}

glossary *
gloss_load(const char *dir)
{
	glossary *g = xcalloc(1, sizeof *g);
	g->dir = xstrdup(dir);
	DIR *d = opendir(dir);
	if (!d) {
		strbuf msg;
		sb_init(&msg);
		sb_printf(&msg, _("cannot open the glossary directory '%s': %s"), dir, nn_strerror(errno));
		g->dir_error = sb_steal(&msg);
		return g;
	}
	char **names = NULL;
	size_t nn = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || !(ends_with(de->d_name, ".term") || ends_with(de->d_name, ".compare")))
			continue;
		if (nn == GLOSS_MAX_FILES) {
			char msg[NN_ERRLEN + 64];
			snprintf(msg, sizeof msg, _("%s: more than %d glossary files; the rest are ignored"), dir,
			         GLOSS_MAX_FILES);
			list_add(&g->warn, &g->nwarn, xstrdup(msg));
			break;
		}
		list_add(&names, &nn, xstrdup(de->d_name));
	}
	closedir(d);
	if (nn)
		qsort(names, nn, sizeof *names, cmp_str);
	for (size_t i = 0; i < nn; i++) {
		strbuf path;
		sb_init(&path);
		sb_printf(&path, "%s/%s", dir, names[i]);
		int is_term = ends_with(names[i], ".term");
		size_t extlen = is_term ? 5 : 8;
		char *id = xstrndup(names[i], strlen(names[i]) - extlen);
		char *text;
		size_t len;
		char ferr[NN_ERRLEN], err[NN_ERRLEN + 600];
		if (file_read(path.s, GLOSS_FILE_MAX, &text, &len, ferr) < 0) {
			list_add(&g->warn, &g->nwarn, xstrdup(ferr));
		} else {
			int rc;
			if (is_term) {
				gloss_entry e;
				rc = gloss_parse_term(path.s, id, text, len, &e, err, sizeof err);
				if (rc == 0) {
					g->e = xreallocarray(g->e, g->n + 1, sizeof *g->e);
					g->e[g->n++] = e;
				}
			} else {
				gloss_compare c;
				rc = gloss_parse_compare(path.s, id, text, len, &c, err, sizeof err);
				if (rc == 0) {
					g->c = xreallocarray(g->c, g->nc + 1, sizeof *g->c);
					g->c[g->nc++] = c;
				}
			}
			if (rc < 0)
				list_add(&g->warn, &g->nwarn, xstrdup(err));
			free(text);
		}
		free(id);
		sb_free(&path);
	}
	free_list(names, nn);
	if (g->n)
		qsort(g->e, g->n, sizeof *g->e, cmp_entry);
	if (g->nc)
		qsort(g->c, g->nc, sizeof *g->c, cmp_compare);
	return g;
}

void
gloss_free(glossary *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++)
		gloss_entry_free(&g->e[i]);
	free(g->e);
	for (size_t i = 0; i < g->nc; i++)
		gloss_compare_free(&g->c[i]);
	free(g->c);
	free_list(g->warn, g->nwarn);
	free(g->dir_error);
	free(g->dir);
	free(g);
}

const gloss_entry *
gloss_get(const glossary *g, const char *id)
{
	size_t lo = 0, hi = g->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(g->e[mid].id, id);
		if (c == 0)
			return &g->e[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const gloss_compare *
gloss_get_compare(const glossary *g, const char *id)
{
	const gloss_compare *hit = NULL;
	size_t nhit = 0, len = strlen(id);
	for (size_t i = 0; i < g->nc; i++) {
		if (strcmp(g->c[i].id, id) == 0)
			return &g->c[i];
		if (len && strncmp(g->c[i].id, id, len) == 0) {
			hit = &g->c[i];
			nhit++;
		}
	}
	return nhit == 1 ? hit : NULL;
}

/* ==== names and matching ================================================ */

/* norm: a name as matching sees it -- ASCII lower case, '-', '_' and
 * spaces (also the ideographic space) as single spaces, trimmed. */
static void
norm(const char *in, char *out, size_t cap)
{
	size_t o = 0;
	int space = 0;
	for (const char *p = in; *p && o + 5 < cap; p++) {
		unsigned char c = (unsigned char)*p;
		int sp = c == ' ' || c == '-' || c == '_';
		if (!sp && strncmp(p, "\xe3\x80\x80", 3) == 0) {  /* U+3000 */
			sp = 1;
			p += 2;
		}
		if (sp) {
			space = o > 0;
			continue;
		}
		if (space) {
			out[o++] = ' ';
			space = 0;
		}
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[o] = '\0';
}

/* The names an entry answers to: id, term, zh, aliases. */
static size_t
entry_names(const gloss_entry *e, const char **v, size_t cap)
{
	size_t n = 0;
	v[n++] = e->id;
	v[n++] = e->term;
	v[n++] = e->zh;
	for (size_t i = 0; i < e->nalias && n < cap; i++)
		v[n++] = e->alias[i];
	return n;
}

#define NAME_CAP 40

static void
hits_add(gloss_hits *h, const gloss_entry *e)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->e[i] == e)
			return;
	if (h->n < GLOSS_MAX_HITS)
		h->e[h->n++] = e;
	h->total++;
}

static int
has_nonascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

enum { M_EXACT, M_PREFIX, M_WORD };

static int
name_matches(const char *name, const char *q, int mode)
{
	switch (mode) {
	case M_EXACT:
		return strcmp(name, q) == 0;
	case M_PREFIX:
		return text_starts_with(name, q);
	default: {
		if (has_nonascii(q))
			return strstr(name, q) != NULL;
		size_t ql = strlen(q);
		for (const char *p = strstr(name, q); p; p = strstr(p + 1, q))
			if (p > name && p[-1] == ' ' && ql > 0)
				return 1;
		return 0;
	}
	}
}

static void
collect(const glossary *g, const char *q, int mode, gloss_hits *h)
{
	for (size_t i = 0; i < g->n; i++) {
		const char *names[NAME_CAP];
		size_t nn = entry_names(&g->e[i], names, NAME_CAP);
		for (size_t k = 0; k < nn; k++) {
			char nm[256];
			norm(names[k], nm, sizeof nm);
			if (name_matches(nm, q, mode)) {
				hits_add(h, &g->e[i]);
				break;
			}
		}
	}
}

/* How far a query with Chinese in it is from a name, in characters, or 99
 * when too far to suggest: one wrong, missing or extra character in a
 * name of two to four characters, two in a longer one. */
static int
cjk_close(const char *q, const char *name)
{
	size_t n = 0, cl;
	for (const char *p = q; *p; p += cl) {
		utf8_decode(p, strlen(p), &cl);
		n++;
	}
	if (n < 2 || !has_nonascii(name))
		return 99;
	int limit = n <= 4 ? 1 : 2;
	int d = text_edit_distance(q, name, limit);
	return d <= limit ? d : 99;
}

void
gloss_lookup(const glossary *g, const char *query, gloss_hits *out)
{
	memset(out, 0, sizeof *out);
	char q[256];
	norm(query, q, sizeof q);
	if (q[0] == '\0')
		return;
	static const enum gloss_how how[] = {GLOSS_EXACT, GLOSS_PREFIX, GLOSS_WORD};
	for (int mode = M_EXACT; mode <= M_WORD; mode++) {
		collect(g, q, mode, out);
		if (out->total == 0 && mode == M_EXACT) {
			/* a plural: "embeddings", "epochs" */
			size_t l = strlen(q);
			if (l > 3 && q[l - 1] == 's' && !has_nonascii(q)) {
				char sing[256];
				memcpy(sing, q, l - 1);
				sing[l - 1] = '\0';
				collect(g, sing, M_EXACT, out);
			}
		}
		if (out->total == 1) {
			out->how = how[mode];
			return;
		}
		if (out->total > 1) {
			out->how = GLOSS_AMBIGUOUS;
			return;
		}
	}
	/* close spellings, nearest first */
	int best[GLOSS_MAX_HITS];
	for (size_t i = 0; i < g->n; i++) {
		const char *names[NAME_CAP];
		size_t nn = entry_names(&g->e[i], names, NAME_CAP);
		int d = 99;
		for (size_t k = 0; k < nn; k++) {
			char nm[256];
			norm(names[k], nm, sizeof nm);
			if (has_nonascii(q)) {
				/* Chinese: whole names, by characters */
				int dk = cjk_close(q, nm);
				if (dk < d)
					d = dk;
				continue;
			}
			/* the whole name, and each of its words ("gradeint"
			 * is close to the first word of "gradient descent") */
			for (char *w = nm; w; ) {
				char *sp = strchr(w, ' ');
				int dk = 99;
				if (w == nm && text_close_enough(q, nm))
					dk = text_edit_distance(q, nm, 8);
				if (sp)
					*sp = '\0';
				if (strchr(q, ' ') == NULL && strlen(w) >= 4 && text_close_enough(q, w)) {
					int dw = text_edit_distance(q, w, 8) + 1;
					if (dw < dk)
						dk = dw;
				}
				if (dk < d)
					d = dk;
				w = sp ? sp + 1 : NULL;
			}
		}
		if (d == 99)
			continue;
		/* insert by distance, keeping at most 3 */
		size_t pos = out->n;
		while (pos > 0 && best[pos - 1] > d)
			pos--;
		if (pos >= 3)
			continue;
		size_t last = out->n < 3 ? out->n : 2;
		for (size_t j = last; j > pos; j--) {
			out->e[j] = out->e[j - 1];
			best[j] = best[j - 1];
		}
		out->e[pos] = &g->e[i];
		best[pos] = d;
		if (out->n < 3)
			out->n++;
	}
	out->total = out->n;
	out->how = GLOSS_NONE;
}

char **
gloss_names(const glossary *g, const char *prefix)
{
	char **v = NULL;
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++) {
		const char *names[NAME_CAP];
		size_t nn = entry_names(&g->e[i], names, NAME_CAP);
		for (size_t k = 0; k < nn; k++) {
			if (strchr(names[k], ' ') || !text_starts_with(names[k], prefix))
				continue;
			int dup = 0;
			for (size_t j = 0; j < n && !dup; j++)
				dup = strcmp(v[j], names[k]) == 0;
			if (!dup)
				list_add(&v, &n, xstrdup(names[k]));
		}
	}
	list_add(&v, &n, NULL);
	return v;
}

/* ==== cross-file checks ================================================= */

static void
msg_add(char ***msgs, size_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void
msg_add(char ***msgs, size_t *n, const char *fmt, ...)
{
	strbuf b;
	sb_init(&b);
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	list_add(msgs, n, sb_steal(&b));
}

static void
check_links(const glossary *g, const char *file, long line, const char *self, char **see, size_t nsee,
            char ***msgs, size_t *nmsgs)
{
	for (size_t k = 0; k < nsee; k++) {
		if (self && strcmp(see[k], self) == 0)
			msg_add(msgs, nmsgs, _("%s:%ld: see: links the entry to itself; remove '%s'"), file, line, see[k]);
		else if (!gloss_get(g, see[k]))
			msg_add(msgs, nmsgs, _("%s:%ld: see: names '%s', which is not an entry; fix the name or add %s.term"),
			        file, line, see[k], see[k]);
		for (size_t j = 0; j < k; j++)
			if (strcmp(see[j], see[k]) == 0)
				msg_add(msgs, nmsgs, _("%s:%ld: see: names '%s' twice"), file, line, see[k]);
	}
}

size_t
gloss_check(const glossary *g, char ***msgs, size_t *nmsgs)
{
	size_t before = *nmsgs;
	for (size_t i = 0; i < g->n; i++) {
		const gloss_entry *e = &g->e[i];
		check_links(g, e->file, e->see_line, e->id, e->see, e->nsee, msgs, nmsgs);
	}
	for (size_t i = 0; i < g->nc; i++) {
		const gloss_compare *c = &g->c[i];
		check_links(g, c->file, c->see_line, NULL, c->see, c->nsee, msgs, nmsgs);
	}
	/* one name, one entry */
	for (size_t i = 0; i < g->n; i++) {
		const char *ni[NAME_CAP];
		size_t nni = entry_names(&g->e[i], ni, NAME_CAP);
		for (size_t a = 0; a < nni; a++) {
			char x[256];
			norm(ni[a], x, sizeof x);
			for (size_t b = 0; b < a; b++) {
				char y[256];
				norm(ni[b], y, sizeof y);
				if (strcmp(x, y) == 0 && b > 0)  /* an alias may repeat the id */
					msg_add(msgs, nmsgs, _("%s: the name '%s' is listed twice"), g->e[i].file, ni[a]);
			}
			for (size_t j = 0; j < i; j++) {
				const char *nj[NAME_CAP];
				size_t nnj = entry_names(&g->e[j], nj, NAME_CAP);
				for (size_t b = 0; b < nnj; b++) {
					char y[256];
					norm(nj[b], y, sizeof y);
					if (strcmp(x, y) == 0)
						msg_add(msgs, nmsgs, _("%s: the name '%s' also belongs to '%s'; each name may lead to one entry"),
						        g->e[i].file, ni[a], g->e[j].id);
				}
			}
		}
	}
	return *nmsgs - before;
}

/* ==== full-text search ================================================== */

/* ci_find: s contains w, ASCII case ignored. */
static const char *
ci_find(const char *s, const char *w)
{
	size_t n = strlen(w);
	if (n == 0)
		return s;
	for (; *s; s++) {
		size_t i = 0;
		while (i < n && s[i]) {
			unsigned char a = (unsigned char)s[i], b = (unsigned char)w[i];
			if (a >= 'A' && a <= 'Z')
				a += 32;
			if (b >= 'A' && b <= 'Z')
				b += 32;
			if (a != b)
				break;
			i++;
		}
		if (i == n)
			return s;
	}
	return NULL;
}

/* How well e matches w: 3 in a name, 2 in the definition, 1 elsewhere. */
static int
word_score(const gloss_entry *e, const char *w)
{
	const char *names[NAME_CAP];
	size_t nn = entry_names(e, names, NAME_CAP);
	for (size_t k = 0; k < nn; k++)
		if (ci_find(names[k], w))
			return 3;
	if (ci_find(e->shortdef, w) || (e->short_zh && ci_find(e->short_zh, w)))
		return 2;
	const char *body[] = {e->explain,    e->formula,    e->example,    e->note,    e->try_line,
	                      e->explain_zh, e->formula_zh, e->example_zh, e->note_zh};
	for (int k = 0; k < 9; k++)
		if (body[k] && ci_find(body[k], w))
			return 1;
	return 0;
}

typedef struct scored {
	size_t idx;
	int score;
} scored;

static int
cmp_scored(const void *a, const void *b)
{
	const scored *x = a, *y = b;
	if (x->score != y->score)
		return y->score - x->score;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

size_t
gloss_search(const glossary *g, const char *const *words, size_t nwords, size_t *idx, size_t max)
{
	scored *s = xmalloc(sizeof *s * (g->n + 1));
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++) {
		int total = 0, all = 1;
		for (size_t k = 0; k < nwords && all; k++) {
			int sc = word_score(&g->e[i], words[k]);
			all = sc > 0;
			total += sc;
		}
		if (all && nwords) {
			s[n].idx = i;
			s[n].score = total;
			n++;
		}
	}
	if (n)
		qsort(s, n, sizeof *s, cmp_scored);
	for (size_t i = 0; i < n && i < max; i++)
		idx[i] = s[i].idx;
	free(s);
	return n;
}

/* Whether the 3 bytes before p are a Chinese full stop, '！' or '？'. */
static int
after_cjk_stop(const char *text, const char *p)
{
	return p - text >= 3 && (strncmp(p - 3, "。", 3) == 0 || strncmp(p - 3, "！", 3) == 0 ||
	                         strncmp(p - 3, "？", 3) == 0);
}

/* The start of the sentence around p in text: after ". " or a Chinese
 * full stop, after a blank line, or at a preformatted line. */
static const char *
sentence_start(const char *text, const char *p)
{
	while (p > text) {
		if (p[-1] == '\n' && (p[0] == ' ' || (p - 1 > text && p[-2] == '\n')))
			return p;
		if (p - 1 > text && p[-1] == ' ' && p[-2] == '.')
			return p;
		if (after_cjk_stop(text, p))
			return p[0] == '\n' ? p + 1 : p;
		p--;
	}
	return p;
}

/* Whether the character ending just before p and the one at p are both
 * wide (a line break between them joins without a space). */
static int
wide_around(const char *start, const char *p)
{
	const char *q = p;
	while (q > start && ((unsigned char)q[-1] & 0xC0) == 0x80)
		q--;
	if (q == start)
		return 0;
	size_t l1, l2;
	int32_t a = utf8_decode(q - 1, (size_t)(p - q + 1), &l1);
	int32_t b = utf8_decode(p + 1, strlen(p + 1), &l2);
	return a >= 0 && b >= 0 && utf8_cpwidth(a) == 2 && utf8_cpwidth(b) == 2;
}

void
gloss_search_snippet(const gloss_entry *e, const char *word, int zh, char *buf, size_t cap)
{
	const char *names[NAME_CAP];
	size_t nn = entry_names(e, names, NAME_CAP);
	const char *def = zh && e->short_zh ? e->short_zh : e->shortdef;
	const char *hit = def;
	int in_name = 0;
	for (size_t k = 0; k < nn && !in_name; k++)
		in_name = ci_find(names[k], word) != NULL;
	if (!in_name) {
		const char *en[] = {e->shortdef, e->explain, e->formula, e->example, e->note, e->try_line};
		const char *cn[] = {e->short_zh, e->explain_zh, e->formula_zh, e->example_zh, e->note_zh, NULL};
		const char *const *order[2] = {zh ? cn : en, zh ? en : cn};
		int found = 0;
		for (int o = 0; o < 2 && !found; o++)
			for (int k = 0; k < 6 && !found; k++) {
				const char *t = order[o][k];
				const char *h = t ? ci_find(t, word) : NULL;
				if (h) {
					hit = sentence_start(t, h);
					found = 1;
				}
			}
	}
	size_t o = 0;
	int space = 0;
	for (const char *p = hit; *p && o + 1 < cap; p++) {
		if (*p == '\n' && p[1] == '\n')
			break;
		if (*p == '\n' && wide_around(hit, p))
			continue;
		if (*p == ' ' || *p == '\n') {
			space = o > 0;
			continue;
		}
		if (space) {
			buf[o++] = ' ';
			space = 0;
			if (o + 1 >= cap)
				break;
		}
		buf[o++] = *p;
	}
	/* never end inside a UTF-8 character */
	size_t lead = o;
	while (lead > 0 && ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
		lead--;
	if (lead > 0) {
		unsigned char c = (unsigned char)buf[lead - 1];
		size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		if (o - (lead - 1) < need)
			o = lead - 1;
	}
	buf[o] = '\0';
}
