/* lesson.c - parse lesson files (see lesson.h and nnlab-lesson(5)). */
#include <config.h>

#include "content/lesson.h"
#include "core/alloc.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ==== building ========================================================== */

#define PUSH(arr, n, val)                                              \
	do {                                                           \
		(arr) = xreallocarray((arr), (size_t)(n) + 1, sizeof *(arr)); \
		(arr)[(n)++] = (val);                                  \
	} while (0)

static void
step_init(lesson_step *st, const char *label, int line)
{
	memset(st, 0, sizeof *st);
	st->label = label && *label ? xstrdup(label) : NULL;
	st->line = line;
	st->go = -1;
	st->on_wrong = -1;
}

static void
step_free(lesson_step *st)
{
	free(st->label);
	for (int i = 0; i < st->ntext; i++)
		free(st->text[i]);
	free(st->text);
	for (int i = 0; i < st->nrun; i++)
		free(st->run[i].text);
	free(st->run);
	free(st->type.text);
	free(st->ask);
	for (int i = 0; i < st->nchoices; i++)
		free(st->choices[i]);
	free(st->choices);
	free(st->answer_text);
	for (int i = 0; i < st->nhints; i++)
		free(st->hints[i]);
	free(st->hints);
	for (int i = 0; i < st->nexpects; i++) {
		free(st->expects[i].probe);
		free(st->expects[i].message);
	}
	free(st->expects);
}

void
lesson_free(lesson *l)
{
	if (!l)
		return;
	free(l->path);
	free(l->name);
	free(l->title);
	free(l->about);
	free(l->lang);
	for (int i = 0; i < l->nsummary; i++)
		free(l->summary[i]);
	free(l->summary);
	for (int i = 0; i < l->nsteps; i++)
		step_free(&l->steps[i]);
	free(l->steps);
	free(l);
}

/* ==== parsing helpers =================================================== */

static char *
trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static int
valid_label(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static void
err_at(strbuf *errs, const char *path, int line, const char *fmt, const char *arg)
{
	sb_printf(errs, "%s:%d: %s", path, line, _("error: "));
	sb_printf(errs, _(fmt), arg ? arg : "");
	sb_putc(errs, '\n');
}

static int
parse_op(const char *s, enum expect_op *op, size_t *len)
{
	static const struct { const char *t; enum expect_op op; } ops[] = {
		{"<=", OP_LE}, {">=", OP_GE}, {"==", OP_EQ}, {"!=", OP_NE}, {"<", OP_LT}, {">", OP_GT},
	};
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strncmp(s, ops[i].t, strlen(ops[i].t)) == 0) {
			*op = ops[i].op;
			*len = strlen(ops[i].t);
			return 0;
		}
	return -1;
}

const char *
lesson_op_name(enum expect_op op)
{
	static const char *const names[] = {"<", "<=", ">", ">=", "==", "!="};
	return names[op];
}

/* "probe OP number [~ tol] [; message]" */
static int
parse_expect(char *v, lesson_expect *e)
{
	memset(e, 0, sizeof *e);
	char *semi = strchr(v, ';');
	if (semi) {
		*semi = '\0';
		char *m = trim(semi + 1);
		if (*m)
			e->message = xstrdup(m);
	}
	char *p = trim(v);
	char *q = p;
	while (*q && (isalnum((unsigned char)*q) || *q == '.' || *q == '_' || *q == '-'))
		q++;
	if (q == p)
		goto bad;
	char *probe = xstrndup(p, (size_t)(q - p));
	while (*q == ' ')
		q++;
	size_t oplen;
	if (parse_op(q, &e->op, &oplen) < 0) {
		free(probe);
		goto bad;
	}
	q = trim(q + oplen);
	char *tilde = strchr(q, '~');
	const char *why;
	if (tilde) {
		*tilde = '\0';
		if (text_parse_double(trim(tilde + 1), &e->tol, &why) < 0 || e->tol < 0) {
			free(probe);
			goto bad;
		}
	}
	if (text_parse_double(trim(q), &e->value, &why) < 0) {
		free(probe);
		goto bad;
	}
	e->probe = probe;
	return 0;
bad:
	free(e->message);
	e->message = NULL;
	return -1;
}

/* ==== the parser ======================================================== */

typedef struct pending_jump {
	char *label;
	int step, line, wrong;
} pending_jump;

lesson *
lesson_parse(const char *path, const char *text, strbuf *errs)
{
	size_t errs0 = errs->len;
	lesson *l = xcalloc(1, sizeof *l);
	l->path = xstrdup(path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t bl = strlen(base);
	if (bl > 7 && strcmp(base + bl - 7, ".lesson") == 0)
		bl -= 7;
	l->name = xstrndup(base, bl);
	l->lang = xstrdup("en");

	size_t tlen = strlen(text);
	size_t bad = utf8_invalid_at(text, tlen);
	if (bad != (size_t)-1) {
		int line = 1;
		for (size_t i = 0; i < bad; i++)
			line += text[i] == '\n';
		err_at(errs, path, line, N_("the file is not valid UTF-8; save it as UTF-8%s"), NULL);
		lesson_free(l);
		return NULL;
	}

	pending_jump *jumps = NULL;
	int njumps = 0;
	char *copy = xstrdup(text);
	char *p = copy;
	int lineno = 0;
	lesson_step *cur = NULL;
	while (p && *p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		char *line = p;
		p = nl ? nl + 1 : NULL;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)line[i] < 0x20 && line[i] != '\t') {
				err_at(errs, path, lineno, N_("control character in the line; remove it%s"), NULL);
				line[0] = '\0';
				break;
			}
		char *t = trim(line);
		if (*t == '\0' || *t == '#')
			continue;
		if (strncmp(t, "---", 3) == 0) {
			char *label = trim(t + 3);
			if (*label && !valid_label(label)) {
				err_at(errs, path, lineno, N_("bad step label '%s'; use letters, digits, '-' and '_'"), label);
				label = "";
			}
			if (*label && lesson_find_label(l, label) >= 0)
				err_at(errs, path, lineno, N_("the label '%s' is used twice; rename one"), label);
			lesson_step st;
			step_init(&st, label, lineno);
			PUSH(l->steps, l->nsteps, st);
			cur = &l->steps[l->nsteps - 1];
			continue;
		}
		if (t[0] == '>') {
			if (!cur) {
				err_at(errs, path, lineno, N_("narrative before the first step; start a step with a '---' line%s"), NULL);
				continue;
			}
			const char *body = t + 1;
			if (*body == ' ')
				body++;
			PUSH(cur->text, cur->ntext, xstrdup(body));
			continue;
		}
		char *colon = strchr(t, ':');
		if (!colon) {
			err_at(errs, path, lineno, N_("cannot read '%s'; a line is '> text', '--- LABEL' or 'keyword: value'"), t);
			continue;
		}
		*colon = '\0';
		char *key = trim(t);
		char *val = trim(colon + 1);
		if (!cur) {
			/* the header */
			if (strcmp(key, "title") == 0) {
				free(l->title);
				l->title = xstrdup(val);
			} else if (strcmp(key, "about") == 0) {
				free(l->about);
				l->about = xstrdup(val);
			} else if (strcmp(key, "lang") == 0) {
				free(l->lang);
				l->lang = xstrdup(val);
			} else if (strcmp(key, "summary") == 0) {
				PUSH(l->summary, l->nsummary, xstrdup(val));
			} else {
				err_at(errs, path, lineno,
				       N_("unknown header keyword '%s'; the header takes title:, about:, lang: and summary:"), key);
			}
			continue;
		}
		if (strcmp(key, "summary") == 0) {
			PUSH(l->summary, l->nsummary, xstrdup(val));
		} else if (strcmp(key, "run") == 0 || strcmp(key, "run-fails") == 0) {
			if (!*val)
				err_at(errs, path, lineno, N_("'%s:' needs a command"), key);
			lesson_cmd c = {xstrdup(val), lineno, key[3] == '-'};
			PUSH(cur->run, cur->nrun, c);
		} else if (strcmp(key, "type") == 0) {
			if (cur->type.text)
				err_at(errs, path, lineno, N_("a step has one 'type:'; start a new step with '---'%s"), NULL);
			else if (!*val)
				err_at(errs, path, lineno, N_("'type:' needs the command the learner should type%s"), NULL);
			else {
				cur->type.text = xstrdup(val);
				cur->type.line = lineno;
			}
		} else if (strcmp(key, "ask") == 0) {
			if (cur->ask)
				err_at(errs, path, lineno, N_("a step has one 'ask:'; start a new step with '---'%s"), NULL);
			else {
				cur->ask = xstrdup(val);
				cur->ask_line = lineno;
			}
		} else if (strcmp(key, "choice") == 0) {
			if (!cur->ask)
				err_at(errs, path, lineno, N_("'choice:' comes after 'ask:'%s"), NULL);
			else if (cur->nchoices >= 26)
				err_at(errs, path, lineno, N_("at most 26 choices%s"), NULL);
			else
				PUSH(cur->choices, cur->nchoices, xstrdup(val));
		} else if (strcmp(key, "answer") == 0) {
			if (!cur->ask) {
				err_at(errs, path, lineno, N_("'answer:' comes after 'ask:'%s"), NULL);
			} else if (cur->nchoices > 0) {
				if (strlen(val) == 1 && tolower((unsigned char)val[0]) >= 'a' &&
				    tolower((unsigned char)val[0]) < 'a' + cur->nchoices) {
					cur->answer = ANSWER_CHOICE;
					cur->answer_choice = tolower((unsigned char)val[0]) - 'a';
				} else {
					err_at(errs, path, lineno, N_("'answer: %s' is not one of the choices' letters"), val);
				}
			} else {
				char *tilde = strchr(val, '~');
				double v, tol = 0;
				const char *why;
				char *num = val;
				int is_num;
				if (tilde) {
					*tilde = '\0';
					num = trim(val);
					is_num = text_parse_double(num, &v, &why) == 0 &&
					         text_parse_double(trim(tilde + 1), &tol, &why) == 0 && tol >= 0;
					if (!is_num)
						err_at(errs, path, lineno, N_("'answer:' with '~' needs NUMBER ~ TOLERANCE%s"), NULL);
				} else {
					is_num = text_parse_double(num, &v, &why) == 0;
				}
				if (is_num) {
					cur->answer = ANSWER_NUMBER;
					cur->answer_value = v;
					cur->answer_tol = tol;
				} else if (!tilde) {
					if (!*val)
						err_at(errs, path, lineno, N_("'answer:' needs a value%s"), NULL);
					cur->answer = ANSWER_TEXT;
					free(cur->answer_text);
					cur->answer_text = xstrdup(val);
				}
			}
		} else if (strcmp(key, "hint") == 0) {
			PUSH(cur->hints, cur->nhints, xstrdup(val));
		} else if (strcmp(key, "expect") == 0) {
			lesson_expect e;
			if (parse_expect(val, &e) < 0) {
				err_at(errs, path, lineno, N_("cannot read 'expect: %s'; write PROBE OP NUMBER, e.g. train.acc >= 0.9"), val);
			} else {
				e.line = lineno;
				PUSH(cur->expects, cur->nexpects, e);
			}
		} else if (strcmp(key, "goto") == 0 || strcmp(key, "on-wrong") == 0) {
			if (!valid_label(val)) {
				err_at(errs, path, lineno, N_("'%s' needs a step label"), key);
			} else {
				pending_jump j = {xstrdup(val), l->nsteps - 1, lineno, key[0] == 'o'};
				PUSH(jumps, njumps, j);
			}
		} else {
			err_at(errs, path, lineno,
			       N_("unknown keyword '%s'; steps take run:, run-fails:, type:, ask:, choice:, answer:, hint:, expect:, goto:, on-wrong:"),
			       key);
		}
	}
	free(copy);

	/* second pass: structure */
	if (!l->title)
		err_at(errs, path, 1, N_("the lesson has no 'title:' line%s"), NULL);
	if (l->nsteps == 0)
		err_at(errs, path, lineno ? lineno : 1, N_("the lesson has no steps; start one with a '---' line%s"), NULL);
	for (int i = 0; i < njumps; i++) {
		int to = lesson_find_label(l, jumps[i].label);
		if (to < 0)
			err_at(errs, path, jumps[i].line, N_("no step is labelled '%s'"), jumps[i].label);
		else if (jumps[i].wrong)
			l->steps[jumps[i].step].on_wrong = to;
		else
			l->steps[jumps[i].step].go = to;
		free(jumps[i].label);
	}
	free(jumps);
	for (int i = 0; i < l->nsteps; i++) {
		lesson_step *st = &l->steps[i];
		if (st->ask && st->answer == ANSWER_NONE)
			err_at(errs, path, st->ask_line, N_("the question has no 'answer:'%s"), NULL);
		if (st->ask && st->nchoices == 1)
			err_at(errs, path, st->ask_line, N_("a multiple-choice question needs at least two choices%s"), NULL);
		if (st->on_wrong >= 0 && !st->ask)
			err_at(errs, path, st->line, N_("'on-wrong:' in a step without a question%s"), NULL);
		if (st->ntext == 0 && st->nrun == 0 && !st->type.text && !st->ask && st->nexpects == 0)
			err_at(errs, path, st->line, N_("the step is empty; give it some text or a command%s"), NULL);
	}
	if (errs->len > errs0) {
		lesson_free(l);
		return NULL;
	}
	return l;
}

int
lesson_find_label(const lesson *l, const char *label)
{
	for (int i = 0; i < l->nsteps; i++)
		if (l->steps[i].label && strcmp(l->steps[i].label, label) == 0)
			return i;
	return -1;
}

/* whether s starts with a digit, ASCII or full-width */
static int
digit_at(const char *s, size_t n)
{
	size_t cl;
	int32_t cp = n ? utf8_decode(s, n, &cl) : -1;
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* The reply as the checker reads it: full-width forms (U+FF01..U+FF5E,
 * what a Chinese input method types for "０.５" or "ｂ）") become their
 * ASCII twins, the ideographic space and the minus sign U+2212 become ' '
 * and '-', an ideographic full stop between two digits is a decimal point
 * ("0。5"), and blanks and sentence-ending marks (. , ; ! ? and their
 * Chinese forms) at either end are dropped.  See nnlab-lesson(5). */
char *
lesson_normalise_answer(const char *reply)
{
	strbuf b;
	sb_init(&b);
	size_t n = strlen(reply), i = 0;
	while (i < n) {
		size_t cl;
		int32_t cp = utf8_decode(reply + i, n - i, &cl);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			sb_putc(&b, (char)(cp - 0xFF01 + '!'));
		else if (cp == 0x3000)
			sb_putc(&b, ' ');
		else if (cp == 0x2212)
			sb_putc(&b, '-');
		else if (cp == 0x3002 || cp == 0x3001)
			/* 。 between digits is a decimal point; elsewhere (and 、)
			 * it is punctuation, trimmed below if at an end */
			sb_putc(&b, cp == 0x3002 && b.len && isdigit((unsigned char)b.s[b.len - 1]) &&
			                    digit_at(reply + i + cl, n - i - cl) ? '.' : ',');
		else
			sb_add(&b, reply + i, cl);
		i += cl;
	}
	char *s = sb_steal(&b);
	const char *ends = " \t.,;!?";
	size_t len = strlen(s), start = 0;
	while (start < len && strchr(ends, s[start]) && !(s[start] == '.' && isdigit((unsigned char)s[start + 1])))
		start++;
	while (len > start && strchr(ends, s[len - 1]))
		len--;
	memmove(s, s + start, len - start);
	s[len - start] = '\0';
	return s;
}

/* the choice a reply names: its letter, "b)", "(b)", or the choice's own
 * text (any case); -1 if none */
static int
reply_choice(const lesson_step *st, const char *r)
{
	size_t n = strlen(r);
	const char *c = r;
	if (n == 3 && r[0] == '(' && r[2] == ')')
		c = r + 1, n = 1;
	else if (n == 2 && r[1] == ')')
		n = 1;
	int k = tolower((unsigned char)c[0]) - 'a';
	if (n == 1 && k >= 0 && k < st->nchoices)
		return k;
	for (int i = 0; i < st->nchoices; i++) {
		char *t = lesson_normalise_answer(st->choices[i]);
		int same = strcasecmp(t, r) == 0;
		free(t);
		if (same)
			return i;
	}
	return -1;
}

int
lesson_check_answer(const lesson_step *st, const char *raw, const char **why)
{
	char *reply = lesson_normalise_answer(raw);
	int rc = -1;
	switch (st->answer) {
	case ANSWER_CHOICE: {
		int k = reply_choice(st, reply);
		if (k >= 0)
			rc = k == st->answer_choice;
		else
			*why = N_("answer with the letter of a choice");
		break;
	}
	case ANSWER_NUMBER: {
		double v;
		const char *w;
		if (text_parse_double(reply, &v, &w) < 0) {
			*why = N_("answer with a number");
			break;
		}
		double tol = st->answer_tol > 0 ? st->answer_tol : 1e-9 * (1 + (st->answer_value < 0 ? -st->answer_value : st->answer_value));
		double d = v - st->answer_value;
		rc = (d < 0 ? -d : d) <= tol;
		break;
	}
	case ANSWER_TEXT: {
		char *want = lesson_normalise_answer(st->answer_text);
		rc = strcasecmp(reply, want) == 0;
		free(want);
		break;
	}
	default:
		*why = N_("this step asks no question");
		break;
	}
	free(reply);
	return rc;
}

int
lesson_expect_holds(const lesson_expect *e, double v)
{
	double d = v - e->value;
	double ad = d < 0 ? -d : d;
	switch (e->op) {
	case OP_LT: return v < e->value;
	case OP_LE: return v <= e->value + e->tol;
	case OP_GT: return v > e->value;
	case OP_GE: return v >= e->value - e->tol;
	case OP_EQ: return ad <= e->tol;
	case OP_NE: return ad > e->tol;
	}
	return 0;
}
