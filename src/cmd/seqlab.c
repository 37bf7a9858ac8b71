/* seqlab.c - the sequence commands' shared session block: training texts,
 * labelled matrices, and the family hooks that call each command file's
 * own (see seqlab.h). */
#include <config.h>

#include "cmd/seqlab.h"
#include "core/alloc.h"
#include "out/out.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/utf8.h"

#include <dirent.h>
#include <sys/stat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

seqlab *
seqlab_get(session *s)
{
	if (!s->seq)
		s->seq = xcalloc(1, sizeof *s->seq);
	return s->seq;
}

void
seqlab_dump(session *s, strbuf *out)
{
	seqlab *q = s->seq;
	if (!q)
		return;
	attn_state_dump(q, out);
	vocab_state_dump(q, out);
	embed_state_dump(q, out);
	rnn_state_dump(q, out);
}

void
seqlab_free(session *s)
{
	seqlab *q = s->seq;
	if (!q)
		return;
	attn_state_free(q);
	vocab_state_free(q);
	embed_state_free(q);
	rnn_state_free(q);
	free(q);
	s->seq = NULL;
}

const char *const seqlab_probe_names[] = {
	"attn.tokens", "attn.d", "attn.heads", "attn.stage", "attn.max_weight", "attn.task_acc",
	"attn.task_steps", "vocab.size", "vocab.unk_rate", "embed.words", "embed.dim", "embed.loss",
	"rnn.hidden", "rnn.vocab", "rnn.steps", "rnn.loss", "rnn.ppl", "rnn.uniform_ppl", NULL,
};

int
seqlab_probe(session *s, const char *name, double *out)
{
	static const seqlab empty;
	const seqlab *q = s->seq ? s->seq : &empty;
	if (strncmp(name, "attn.", 5) == 0)
		return attn_state_probe(q, name + 5, out);
	if (strncmp(name, "vocab.", 6) == 0)
		return vocab_state_probe(q, name + 6, out);
	if (strncmp(name, "embed.", 6) == 0)
		return embed_state_probe(q, name + 6, out);
	if (strncmp(name, "rnn.", 4) == 0)
		return rnn_state_probe(q, name + 4, out);
	return 0;
}

/* ==== training texts ==================================================== */

/* Whether anything (a file, a directory, ...) is at path. */
static int
path_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static int
is_shipped_name(const char *name)
{
	return name[0] && name[0] != '.' && !strchr(name, '/');
}

/* The prose of the glossary entries, in file name order: the text of
 * every line except comments, section headers and "key: value" lines
 * (whose "short:" value is kept), in English: the Chinese sections
 * ("[explain-zh]" and the like) are left out, so 'glossary' is one text
 * in one language whatever the entries carry. */
static int
glossary_text(strbuf *b, char err[NN_ERRLEN])
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/glossary", nn_data_dir());
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);
	if (n < 0) {
		snprintf(err, NN_ERRLEN, _("cannot read the glossary in '%.400s'"), dir);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		const char *fn = list[i]->d_name;
		size_t fl = strlen(fn);
		char path[1400];
		char *txt = NULL;
		size_t len;
		char e2[NN_ERRLEN];
		if (fl > 5 && strcmp(fn + fl - 5, ".term") == 0) {
			snprintf(path, sizeof path, "%s/%s", dir, fn);
			if (file_read(path, CORPUS_MAX, &txt, &len, e2) == 0) {
				int zh = 0;  /* inside a Chinese section */
				for (char *line = txt; line && *line;) {
					char *nl = strchr(line, '\n');
					if (nl)
						*nl = '\0';
					const char *colon = strchr(line, ':');
					size_t klen = strspn(line, "abcdefghijklmnopqrstuvwxyz-");
					if (line[0] == '[') {
						/* a section header: "[explain-zh]" starts a Chinese one */
						const char *close = strchr(line, ']');
						zh = close && close - line >= 4 && strncmp(close - 3, "-zh", 3) == 0;
					} else if (line[0] == '#' || zh) {
						/* a comment, or Chinese */
					} else if (colon && klen > 0 && line + klen == colon) {
						if (strncmp(line, "short:", 6) == 0)
							sb_printf(b, "%s\n", line + 6 + strspn(line + 6, " "));
					} else {
						sb_printf(b, "%s\n", line);
					}
					line = nl ? nl + 1 : NULL;
				}
				free(txt);
			}
		}
		free(list[i]);
	}
	free(list);
	return 0;
}

/* What is wrong with a text, or NULL: NUL bytes, invalid UTF-8, nothing
 * visible. */
static const char *
text_problem(const char *name, const char *text, size_t len, char *why, size_t wlen)
{
	const char *nul = memchr(text, '\0', len);
	if (nul) {
		snprintf(why, wlen,
		         _("'%s' looks like a binary file (a NUL byte at offset %zu), not text; give a UTF-8 text file"),
		         name, (size_t)(nul - text));
		return why;
	}
	size_t bad = utf8_invalid_at(text, len);
	if (bad != (size_t)-1) {
		snprintf(why, wlen,
		         _("'%s' is not UTF-8 text (byte 0x%02X at offset %zu); convert it first, e.g. with iconv -t UTF-8"),
		         name, (unsigned char)text[bad], bad);
		return why;
	}
	size_t i = 0;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
		i++;
	if (i == len) {
		snprintf(why, wlen, _("'%s' is empty%s; give a file with some text in it"), name,
		         len ? _(" (only blank space)") : "");
		return why;
	}
	return NULL;
}

/* One text: a file, a shipped text or the glossary. */
static int
corpus_load_one(const char *name, corpus *c)
{
	memset(c, 0, sizeof *c);
	char err[NN_ERRLEN];
	char *text = NULL;
	size_t len = 0;
	char *path = NULL;
	if (strcmp(name, "glossary") == 0 && !path_exists(name)) {
		strbuf b;
		sb_init(&b);
		if (glossary_text(&b, err) < 0) {
			sb_free(&b);
			return out_error("%s; is nnlab installed completely?", err);
		}
		len = b.len;
		text = sb_steal(&b);
		path = xstrdup("glossary");
	} else {
		path = xstrdup(name);
		if (!path_exists(path) && is_shipped_name(name)) {
			/* a text nnlab ships, with or without ".txt" */
			const char *fmt[] = {"%s/lessons/texts/%s", "%s/lessons/texts/%s.txt"};
			for (int k = 0; k < 2; k++) {
				char cand[1400];
				snprintf(cand, sizeof cand, fmt[k], nn_data_dir(), name);
				if (file_exists(cand)) {
					free(path);
					path = xstrdup(cand);
					break;
				}
			}
		}
		if (!path_exists(path) && is_shipped_name(name)) {
			strbuf names;
			sb_init(&names);
			corpus_names(&names);
			out_error("no file '%s', and nnlab ships no text of that name; give a file, or one of: %s", name,
			          names.s);
			sb_free(&names);
			free(path);
			return -1;
		}
		if (file_read(path, CORPUS_MAX, &text, &len, err) < 0) {
			free(path);
			if (strstr(err, "too large"))
				return out_error("%s; train on a smaller text (cut it with 'head -c 1000000 FILE > SMALLER')",
				                 err);
			return out_error("%s; check the file name", err);
		}
	}
	char why[NN_ERRLEN + 200];
	if (text_problem(name, text, len, why, sizeof why)) {
		free(text);
		free(path);
		return out_error("%s", why);
	}
	c->name = xstrdup(name);
	c->path = path;
	c->text = text;
	c->len = len;
	return 0;
}

int
corpus_load(const char *name, corpus *c)
{
	const char *plus = strchr(name, '+');
	if (!plus || path_exists(name))
		return corpus_load_one(name, c);
	/* several texts joined: "networks+training+glossary" */
	strbuf all, paths;
	sb_init(&all);
	sb_init(&paths);
	const char *p = name;
	for (;;) {
		const char *e = strchr(p, '+');
		char *part = e ? xstrndup(p, (size_t)(e - p)) : xstrdup(p);
		corpus one;
		if (!part[0]) {
			free(part);
			sb_free(&all);
			sb_free(&paths);
			return out_error("'%s' has an empty part; join text names with single '+' signs, e.g. "
			                 "networks+training", name);
		}
		int rc = corpus_load_one(part, &one);
		free(part);
		if (rc < 0) {
			sb_free(&all);
			sb_free(&paths);
			return -1;
		}
		if (all.len + one.len > CORPUS_MAX) {
			corpus_free(&one);
			sb_free(&all);
			sb_free(&paths);
			return out_error("'%s' is too large together (over %u bytes); join fewer texts", name, CORPUS_MAX);
		}
		if (all.len && all.s[all.len - 1] != '\n')
			sb_putc(&all, '\n');
		sb_add(&all, one.text, one.len);
		sb_printf(&paths, "%s%s", paths.len ? "+" : "", one.path);
		corpus_free(&one);
		if (!e)
			break;
		p = e + 1;
	}
	c->name = xstrdup(name);
	c->len = all.len;
	c->text = sb_steal(&all);
	c->path = sb_steal(&paths);
	return 0;
}

void
corpus_free(corpus *c)
{
	free(c->name);
	free(c->path);
	free(c->text);
	memset(c, 0, sizeof *c);
}

void
corpus_names(strbuf *b)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/lessons/texts", nn_data_dir());
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		const char *fn = list[i]->d_name;
		size_t fl = strlen(fn);
		if (fl > 4 && strcmp(fn + fl - 4, ".txt") == 0)
			sb_printf(b, "%.*s, ", (int)(fl - 4), fn);
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	sb_puts(b, "glossary");
}

double
seq_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int
seq_run_job(session *s, job *j, const char *name, int (*slice)(session *, job *),
            void (*finish)(session *, job *, int, int))
{
	j->name = name;
	j->slice = slice;
	j->finish = finish;
	return session_run_job(s, j);
}

/* ==== printing ========================================================== */

void
seq_quote(strbuf *b, const char *text, size_t max)
{
	size_t cut = utf8_prefix_by_width(text, max);
	int more = text[cut] != '\0';
	if (more)
		cut = utf8_prefix_by_width(text, max > 3 ? max - 3 : 0);
	utf8_append_safe(b, text, cut, 0);
	if (more)
		sb_puts(b, "...");
}

/* Whether a line may not start with c (closing marks, and ASCII ones
 * after a Chinese character: "率," "器)") or end with it (opening marks):
 * Chinese lines break between characters, but never before a comma or
 * after an opening bracket. */
static int
no_break_before(int32_t c)
{
	return utf8_no_break_before(c) || (c > 0 && c < 0x80 && strchr(",.;:!?)]%", (int)c));
}

static int
no_break_after(int32_t c)
{
	return utf8_no_break_after(c) || c == '(' || c == '[';
}

/* The end of the piece of a note that starts at p (end: the end of the
 * text): the next space or newline, or the first place a line may break
 * inside a run of text without spaces (beside a double-width character),
 * and the piece's width in columns in *w.  A run without wide
 * characters is one piece, so English is filled word by word. */
static const char *
note_piece(const char *p, const char *end, int *w)
{
	const char *q = p;
	int32_t prev = -1;
	*w = 0;
	while (q < end && *q != ' ' && *q != '\n') {
		size_t n;
		int32_t c = utf8_decode(q, (size_t)(end - q), &n);
		int cw = c < 0 ? 1 : utf8_cpwidth(c);
		if (q > p && (cw == 2 || (prev >= 0 && utf8_cpwidth(prev) == 2)) && !no_break_before(c) &&
		    !no_break_after(prev))
			break;
		*w += cw;
		prev = c;
		q += n;
	}
	return q;
}

void
seq_note(session *s, const char *fmt, ...)
{
	strbuf t, b;
	sb_init(&t);
	sb_init(&b);
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&t, fmt, ap);
	va_end(ap);
	int width = s->width ? s->width : out_width();
	if (width > 100)
		width = 100;
	/* greedy filling, words never split (Chinese, which has no spaces,
	 * breaks between characters); a double space after a full stop is
	 * kept inside a line */
	int col = 0;
	const char *p = t.s, *end = t.s + t.len;
	int joined = 0;       /* p continues the piece before, no space between */
	while (*p) {
		if (*p == ' ' || *p == '\n') {
			while (*p == ' ' || *p == '\n')
				p++;
			joined = 0;
			continue;
		}
		int ww;
		const char *e = note_piece(p, end, &ww);
		int gap = col == 0 || joined ? 0 : (p - t.s >= 2 && p[-1] == ' ' && p[-2] == ' ') ? 2 : 1;
		if (col > 0 && col + gap + ww > width) {
			sb_putc(&b, '\n');
			col = 0;
			gap = 0;
		}
		sb_pad(&b, ' ', (size_t)gap);
		sb_add(&b, p, (size_t)(e - p));
		col += gap + ww;
		p = e;
		joined = 1;
	}
	sb_putc(&b, '\n');
	out_note("%s", b.s);
	sb_free(&t);
	sb_free(&b);
}

const char *
seq_hex64(unsigned long long h, char *buf)
{
	snprintf(buf, 17, "%016llx", h);
	return buf;
}

/* Pad b with spaces so the cell that started at byte `start` takes w
 * columns, right-aligned (the text is moved right). */
static void
cell_right(strbuf *b, size_t start, int w)
{
	int have = (int)utf8_width(b->s + start);
	if (have >= w)
		return;
	size_t pad = (size_t)(w - have);
	size_t n = b->len - start;
	sb_pad(b, ' ', pad);
	memmove(b->s + start + pad, b->s + start, n);
	memset(b->s + start, ' ', pad);
}

/* Column j's label: its own, or the prefix and its number. */
static void
col_label(char *buf, size_t n, const char *const *col_labels, const char *col_prefix, int j)
{
	if (col_labels)
		snprintf(buf, n, "%s", col_labels[j]);
	else
		snprintf(buf, n, "%s%d", col_prefix ? col_prefix : "", j + 1);
}

void
seq_matrix(session *s, const char *title, const float *m, int rows, int cols, int ld,
           const char *const *row_labels, const char *const *col_labels, const char *col_prefix,
           int max_cols)
{
	int show = cols < max_cols ? cols : max_cols;
	/* one format for the whole matrix: enough decimals to give the
	 * largest magnitude s->digits significant digits */
	double big = 0.0;
	for (int i = 0; i < rows; i++)
		for (int j = 0; j < show; j++) {
			double v = fabs((double)m[(size_t)i * ld + j]);
			if (isfinite(v) && v > big)
				big = v;
		}
	int intd = big >= 1.0 ? (int)floor(log10(big)) + 1 : 1;
	int dec = s->digits - intd;
	if (dec < 0)
		dec = 0;
	if (dec > 9)
		dec = 9;
	int numw = intd + (dec ? dec + 1 : 0) + 1;
	/* widths: labels of rows, and of each column */
	int rlw = 0;
	for (int i = 0; i < rows; i++) {
		char tmp[32];
		const char *l = row_labels ? row_labels[i] : (snprintf(tmp, sizeof tmp, "%d", i + 1), tmp);
		/* measured as shown: a control character is wider escaped */
		strbuf q;
		sb_init(&q);
		seq_quote(&q, l, 16);
		int w = (int)utf8_width(q.s);
		sb_free(&q);
		if (w > rlw)
			rlw = w;
	}
	strbuf b;
	sb_init(&b);
	if (title && title[0])
		sb_printf(&b, "%s\n", title);
	/* each column's width: its label's or its numbers' */
	int *cw = xmalloc((size_t)(show ? show : 1) * sizeof *cw);
	for (int j = 0; j < show; j++) {
		char tmp[48];
		col_label(tmp, sizeof tmp, col_labels, col_prefix, j);
		int lw = (int)utf8_width(tmp);
		if (lw > 10)
			lw = 10;
		cw[j] = numw > lw ? numw : lw;
	}
	/* as many columns as the output is wide, the rest in blocks below
	 * (the output pane of the workspace is narrower than a terminal) */
	int width = out_width();
	for (int j0 = 0; j0 < show || j0 == 0;) {
		int j1 = j0, used = rlw;
		while (j1 < show && (j1 == j0 || used + 2 + cw[j1] <= width))
			used += 2 + cw[j1++];
		if (j0 > 0)
			sb_putc(&b, '\n');
		sb_pad(&b, ' ', (size_t)rlw);
		for (int j = j0; j < j1; j++) {
			char tmp[48];
			col_label(tmp, sizeof tmp, col_labels, col_prefix, j);
			sb_puts(&b, "  ");
			size_t start = b.len;
			seq_quote(&b, tmp, 10);
			cell_right(&b, start, cw[j]);
		}
		if (j1 >= show && show < cols)
			sb_printf(&b, _("  ... %d more"), cols - show);
		sb_putc(&b, '\n');
		for (int i = 0; i < rows; i++) {
			char tmp[32];
			const char *l = row_labels ? row_labels[i] : (snprintf(tmp, sizeof tmp, "%d", i + 1), tmp);
			size_t start = b.len;
			seq_quote(&b, l, 16);
			int have = (int)utf8_width(b.s + start);
			sb_pad(&b, ' ', (size_t)(rlw > have ? rlw - have : 0));
			for (int j = j0; j < j1; j++) {
				sb_puts(&b, "  ");
				start = b.len;
				float v = m[(size_t)i * ld + j];
				if (isinf(v))
					sb_puts(&b, v < 0 ? "-inf" : "inf");
				else {
					/* no "-0.000": a value that rounds to zero prints unsigned */
					double r = (double)v;
					char num[64];
					snprintf(num, sizeof num, "%.*f", dec, r);
					if (num[0] == '-' && strspn(num + 1, "0.") == strlen(num + 1))
						memmove(num, num + 1, strlen(num));
					sb_puts(&b, num);
				}
				cell_right(&b, start, cw[j]);
			}
			sb_putc(&b, '\n');
		}
		if (j1 == j0)
			break;
		j0 = j1;
	}
	free(cw);
	out_printf("%s", b.s);
	sb_free(&b);
}
