/* cmd-lesson.c - the lesson runner: lesson, next, back, again, hint, skip,
 * answer, progress.
 *
 * A lesson (src/content/lesson.h) is parsed whole before it runs.  The
 * runner shows one step at a time: its narrative, the commands it runs,
 * then what it asks of the learner (a command to type, a question), and
 * checks its expectations on the session before `next` moves on.
 * Progress is saved in $XDG_STATE_HOME/nnlab/progress and resumed by
 * replaying the earlier steps' commands.  Lessons are untrusted: their own
 * commands may write files only inside nnlab's state directory (see
 * nn_path_check_write), and they can only run nnlab commands.
 *
 * In Chinese mode a lesson NAME is read from lessons/zh/NAME.lesson when
 * that twin exists (same steps, commands and checks, so progress is shared
 * between the languages); a path to a file is always read as it is.
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/families.h"
#include "cmd/lessonrun.h"
#include "content/lesson.h"
#include "content/textfmt.h"
#include "core/alloc.h"
#include "out/out.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct lessonrun {
	lesson *l;
	int step;           /* current step */
	int *trail;         /* steps visited, for `back` */
	int ntrail;
	int hint;           /* next hint to show */
	int typed;          /* the step's type: command was run */
	int answered;       /* the step's question was answered rightly */
	int unattended;     /* --check-lesson: answers supplied, no waiting */
	struct tally {
		int failures;   /* failed checks and commands */
		int checks;     /* checks made */
	} own, *tally;      /* tally points to own, or to the caller's */
	char **used;        /* distinct commands the lesson used, for the summary */
	int nused;
} lessonrun;

/* ==== files ============================================================= */

static char *
lessons_dir(void)
{
	const char *d = nn_data_dir();
	size_t n = strlen(d) + 16;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/lessons", d);
	return p;
}

/* dir/NAME.lesson, or dir/zh/NAME.lesson when zh */
static char *
lesson_file(const char *dir, const char *name, int zh)
{
	size_t n = strlen(dir) + strlen(name) + 16;
	char *p = xmalloc(n);
	snprintf(p, n, zh ? "%s/zh/%s.lesson" : "%s/%s.lesson", dir, name);
	return p;
}

/* The Chinese twin of lesson NAME of dir, if Chinese is spoken and the
 * twin exists; else NULL. */
static char *
lesson_zh_twin(const char *dir, const char *name)
{
	if (i18n_lang() != LANG_ZH)
		return NULL;
	char *p = lesson_file(dir, name, 1);
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	return NULL;
}

/* Resolve NAME (a lesson of the lessons directory, in the language spoken
 * when it has a twin) or a path to a file.  *english is set when Chinese
 * is spoken but only the English lesson exists. */
static char *
lesson_path(const char *name, int *english)
{
	*english = 0;
	if (strchr(name, '/') || (strlen(name) > 7 && strcmp(name + strlen(name) - 7, ".lesson") == 0))
		return xstrdup(name);
	char *dir = lessons_dir();
	char *p = lesson_zh_twin(dir, name);
	if (!p) {
		p = lesson_file(dir, name, 0);
		*english = i18n_lang() == LANG_ZH;
	}
	free(dir);
	return p;
}

static lesson *
lesson_load(const char *path, int report)
{
	char *text;
	size_t len;
	char err[NN_ERRLEN];
	if (file_read(path, LESSON_MAX_BYTES, &text, &len, err) < 0) {
		if (report)
			out_error("%s; type 'lesson list' for the lessons", err);
		return NULL;
	}
	strbuf errs;
	sb_init(&errs);
	lesson *l = NULL;
	if (memchr(text, '\0', len))
		sb_printf(&errs, _("%s:1: the file contains NUL bytes and is not a lesson\n"), path);
	else
		l = lesson_parse(path, text, &errs);
	free(text);
	if (!l && report) {
		/* every problem, each as FILE:LINE: message */
		const char *p = errs.s;
		while (*p) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			out_kprintf(OUT_ERROR, "%.*s\n", (int)n, p);
			p += n + (nl != NULL);
		}
		out_error("the lesson '%s' has errors (listed above); fix them and start it again", path);
	}
	sb_free(&errs);
	return l;
}

/* ==== progress ========================================================== */

static char *
progress_path(void)
{
	char *dir = nn_state_dir();
	if (!dir)
		return NULL;
	size_t n = strlen(dir) + 16;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/progress", dir);
	free(dir);
	return p;
}

/* the saved step of name (-1 none), and whether it was finished */
static int
progress_get(const char *name, int *done)
{
	*done = 0;
	char *path = progress_path();
	if (!path)
		return -1;
	char *text;
	size_t len;
	char err[NN_ERRLEN];
	int step = -1;
	if (file_read(path, 1 << 20, &text, &len, err) == 0) {
		char *p = text;
		while (*p) {
			char *nl = strchr(p, '\n');
			if (nl)
				*nl = '\0';
			char nm[256], status[16];
			int st;
			if (sscanf(p, "%255s %d %15s", nm, &st, status) == 3 && strcmp(nm, name) == 0) {
				step = st;
				*done = strcmp(status, "done") == 0;
			}
			if (!nl)
				break;
			p = nl + 1;
		}
		free(text);
	}
	free(path);
	return step;
}

static void
progress_put(const char *name, int step, int done)
{
	char *path = progress_path();
	if (!path)
		return;
	char err[NN_ERRLEN];
	char *dir = nn_state_dir();
	if (dir_make_parents(dir, err) < 0) {
		out_warn("%s; progress is not saved", err);
		free(dir);
		free(path);
		return;
	}
	free(dir);
	strbuf b;
	sb_init(&b);
	char *text;
	size_t len;
	if (file_read(path, 1 << 20, &text, &len, err) == 0) {
		char *p = text;
		while (*p) {
			char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			char nm[256];
			if (n && !(sscanf(p, "%255s", nm) == 1 && strcmp(nm, name) == 0)) {
				sb_add(&b, p, n);
				sb_putc(&b, '\n');
			}
			p += n + (nl != NULL);
		}
		free(text);
	}
	sb_printf(&b, "%s %d %s\n", name, step, done ? "done" : "open");
	if (file_write_atomic(path, b.s, b.len, err) < 0)
		out_warn("%s; progress is not saved", err);
	sb_free(&b);
	free(path);
}

/* ==== probes ============================================================ */

static int
probe_known(const char *name)
{
	for (size_t i = 0; families[i].name; i++)
		for (const char *const *p = families[i].probe_names; p && *p; p++)
			if (strcmp(*p, name) == 0)
				return 1;
	return 0;
}

/* ==== showing a step ==================================================== */

static void
note_used(lessonrun *r, const char *cmdline)
{
	/* remember the command name (first word) once */
	char word[64];
	size_t n = strcspn(cmdline, " \t;");
	if (n == 0 || n >= sizeof word)
		return;
	memcpy(word, cmdline, n);
	word[n] = '\0';
	const cmd_entry *e = cmd_find(word, 0);
	const char *name = e ? e->name : word;
	for (int i = 0; i < r->nused; i++)
		if (strcmp(r->used[i], name) == 0)
			return;
	r->used = xreallocarray(r->used, (size_t)r->nused + 1, sizeof *r->used);
	r->used[r->nused++] = xstrdup(name);
}

/* The step's narrative, its paragraphs wrapped at width (between words,
 * or between Chinese characters), appended to b. */
static void
paragraphs_to(strbuf *b, const lesson_step *st, int width)
{
	strbuf all;
	sb_init(&all);
	for (int i = 0; i < st->ntext; i++)
		sb_printf(&all, "%s%s", i ? "\n" : "", st->text[i]);
	if (all.len)
		textfmt_block(b, all.s, 0, width);
	sb_free(&all);
}

static void
show_paragraphs(session *s, lesson_step *st)
{
	int width = s->width ? s->width : out_width();
	if (width > 100)
		width = 100;
	strbuf b;
	sb_init(&b);
	paragraphs_to(&b, st, width);
	if (b.len)
		out_printf("%s", b.s);
	sb_free(&b);
}

static int
run_lesson_cmd(session *s, lessonrun *r, const char *cmdline, int line)
{
	note_used(r, cmdline);
	out_kprintf(OUT_ECHO, "nnlab> %s\n", cmdline);
	long saved_line;
	const char *f = out_get_where(&saved_line);
	char *saved = f ? xstrdup(f) : NULL;
	out_set_where(r->l->path, line);
	int saved_echo = s->echo;
	s->echo = 0;
	s->lesson_running = 1;
	int rc = cmd_run_line(s, cmdline);
	s->lesson_running = 0;
	s->echo = saved_echo;
	if (saved)
		out_set_where(saved, saved_line);
	else
		out_clear_where();
	free(saved);
	return rc;
}

/* Check the step's expectations; report failures.  1 if all hold. */
static int
check_expects(session *s, lessonrun *r, lesson_step *st, int quiet)
{
	int good = 1;
	for (int i = 0; i < st->nexpects; i++) {
		lesson_expect *e = &st->expects[i];
		double v;
		r->tally->checks++;
		if (!family_probe(s, e->probe, &v)) {
			good = 0;
			if (!quiet)
				out_kprintf(OUT_ERROR, _("%s:%d: error: the check '%s' cannot be made now (nothing to measure yet)\n"),
				            r->l->path, e->line, e->probe);
			continue;
		}
		if (!lesson_expect_holds(e, v)) {
			good = 0;
			if (!quiet) {
				char got[64];
				snprintf(got, sizeof got, "%.6g", v);
				if (e->message)
					out_note("not yet: %s (%s is %s; the lesson wants %s %g)", e->message, e->probe, got,
					         lesson_op_name(e->op), e->value);
				else
					out_note("not yet: %s is %s; the lesson wants %s %g", e->probe, got,
					         lesson_op_name(e->op), e->value);
			}
		}
	}
	return good;
}

/* "Now type:  CMD" and a newline onto b; the command whole on a line of
 * its own when the two do not fit width (a view pane at 80x24 is 34
 * columns): its end wrapped to the next line could be taken for something
 * else, or left untyped. */
static void
now_type(strbuf *b, const char *cmd, int width)
{
	size_t at = b->len;
	sb_printf(b, _("Now type:  %s"), cmd);
	if (utf8_width(b->s + at) > (size_t)width) {
		b->len = at;
		b->s[at] = '\0';
		sb_printf(b, _("Now type:\n    %s"), cmd);
	}
	sb_puts(b, "\n");
}

static void
show_step(session *s, lessonrun *r, int run_cmds)
{
	lesson *l = r->l;
	lesson_step *st = &l->steps[r->step];
	out_kprintf(OUT_HEAD, _("-- %s - step %d of %d --\n"), l->title, r->step + 1, l->nsteps);
	show_paragraphs(s, st);
	if (run_cmds)
		for (int i = 0; i < st->nrun; i++) {
			int failed = run_lesson_cmd(s, r, st->run[i].text, st->run[i].line) < 0;
			if (failed != st->run[i].must_fail && r->unattended) {
				r->tally->failures++;
				if (!failed)
					out_kprintf(OUT_ERROR, _("%s:%d: error: the command was expected to fail, and did not\n"),
					            r->l->path, st->run[i].line);
			}
		}
	if (st->type.text && !r->typed) {
		strbuf now;
		sb_init(&now);
		now_type(&now, st->type.text, out_width());
		out_printf("%s", now.s);
		sb_free(&now);
	}
	if (st->ask && !r->answered) {
		out_printf(_("Question: %s\n"), st->ask);
		for (int i = 0; i < st->nchoices; i++)
			out_printf("  %c) %s\n", 'a' + i, st->choices[i]);
		if (st->nchoices)
			out_note("(answer with 'answer LETTER'; 'hint' gives a hint)");
		else if (st->answer == ANSWER_NUMBER)
			out_note("(answer with 'answer NUMBER'; 'hint' gives a hint)");
		else
			out_note("(answer with 'answer WORD'; 'hint' gives a hint)");
	}
	if (!r->unattended && !(st->type.text && !r->typed) && !(st->ask && !r->answered))
		out_note("(press Enter or type 'next' to go on)");
}

static void
enter_step(session *s, lessonrun *r, int step, int run_cmds)
{
	r->step = step;
	r->hint = 0;
	r->typed = 0;
	r->answered = 0;
	r->trail = xreallocarray(r->trail, (size_t)r->ntrail + 1, sizeof *r->trail);
	r->trail[r->ntrail++] = step;
	if (!r->unattended)
		progress_put(r->l->name, step, 0);
	show_step(s, r, run_cmds);
}

static void
lessonrun_free(lessonrun *r)
{
	if (!r)
		return;
	lesson_free(r->l);
	free(r->trail);
	for (int i = 0; i < r->nused; i++)
		free(r->used[i]);
	free(r->used);
	free(r);
}

static void lesson_after_cmd(session *s, const char *src, int rc);

static void
lesson_end(session *s, int finished)
{
	lessonrun *r = s->lesson;
	if (!r)
		return;
	if (finished) {
		out_kprintf(OUT_HEAD, _("-- %s - done --\n"), r->l->title);
		for (int i = 0; i < r->l->nsummary; i++)
			out_printf("%s\n", r->l->summary[i]);
		if (r->nused) {
			strbuf b;
			sb_init(&b);
			for (int i = 0; i < r->nused; i++)
				sb_printf(&b, "%s%s", i ? ", " : "", r->used[i]);
			out_printf(_("Commands used: %s\n"), b.s);
			sb_free(&b);
		}
		if (!r->unattended) {
			progress_put(r->l->name, r->l->nsteps, 1);
			out_note("(type 'lesson list' for the next lesson)");
		}
	}
	s->lesson = NULL;
	s->after_cmd = NULL;
	lessonrun_free(r);
}

/* the step after the current one, following goto: */
static int
next_step(lessonrun *r)
{
	lesson_step *st = &r->l->steps[r->step];
	return st->go >= 0 ? st->go : r->step + 1;
}

/* Move on (the step is satisfied). */
static void
advance(session *s, lessonrun *r)
{
	int to = next_step(r);
	if (to >= r->l->nsteps)
		lesson_end(s, 1);
	else
		enter_step(s, r, to, 1);
}

/* Words of a command line, normalised: the command's full name, then
 * the rest; used to compare what the learner typed with type:. */
static char *
normalise(const char *line)
{
	tok_line tl;
	char err[300];
	if (tok_split(line, &tl, err, sizeof err) < 0 || tl.n != 1)
		return NULL;
	strbuf b;
	sb_init(&b);
	const cmd_entry *e = cmd_find(tl.cmd[0].w[0].text, 0);
	sb_puts(&b, e ? e->name : tl.cmd[0].w[0].text);
	int first = 1;
	if (e && e->subs && tl.cmd[0].n > 1) {
		const cmd_sub *sub = cmd_find_sub(e, tl.cmd[0].w[1].text, 0);
		if (sub) {
			sb_printf(&b, " %s", sub->name);
			first = 2;
		}
	}
	for (int i = first; i < tl.cmd[0].n; i++)
		sb_printf(&b, " %s", tl.cmd[0].w[i].text);
	tok_line_free(&tl);
	return sb_steal(&b);
}

static void
lesson_after_cmd(session *s, const char *src, int rc)
{
	lessonrun *r = s->lesson;
	if (!r || rc < 0)
		return;
	lesson_step *st = &r->l->steps[r->step];
	if (!st->type.text || r->typed)
		return;
	char *want = normalise(st->type.text), *got = normalise(src);
	int match = want && got && strcmp(want, got) == 0;
	free(want);
	free(got);
	if (!match)
		return;
	note_used(r, src);
	r->typed = 1;
	out_note("Well done: that is the command this step asked for.");
	if (st->ask && !r->answered)
		return;
	if (check_expects(s, r, st, 0))
		out_note("(press Enter or type 'next' to go on)");
}

/* Unattended: run every step with the right answers, count failures. */
static void
run_unattended(session *s, lessonrun *r)
{
	int visits = 0;
	while (s->lesson && visits++ < 10000) {
		lesson_step *st = &r->l->steps[r->step];
		if (st->type.text) {
			if (run_lesson_cmd(s, r, st->type.text, st->type.line) < 0)
				r->tally->failures++;
			r->typed = 1;
		}
		if (st->ask) {
			char ans[64];
			if (st->answer == ANSWER_CHOICE)
				snprintf(ans, sizeof ans, "%c", 'a' + st->answer_choice);
			else if (st->answer == ANSWER_NUMBER)
				snprintf(ans, sizeof ans, "%.10g", st->answer_value);
			else
				snprintf(ans, sizeof ans, "%s", st->answer_text);
			out_printf(_("answer: %s\n"), ans);
			r->answered = 1;
		}
		if (!check_expects(s, r, st, 0)) {
			r->tally->failures++;
			out_kprintf(OUT_ERROR, _("%s:%d: error: a check of step %d failed\n"), r->l->path, st->line,
			            r->step + 1);
		}
		advance(s, r);
	}
}

/* ==== commands ========================================================== */

/* the lesson running, or NULL with an error; what is a verb marked N_() */
static lessonrun *
need_lesson(session *s, const char *what)
{
	if (!s->lesson)
		out_error("no lesson is running, so there is nothing to %s; type 'lesson list' to pick one", _(what));
	return s->lesson;
}

static int
start_lesson(session *s, const char *name, int unattended, int restart)
{
	int english;
	char *path = lesson_path(name, &english);
	lesson *l = lesson_load(path, 1);
	free(path);
	if (!l)
		return -1;
	if (english)
		out_note("the lesson '%s' has no Chinese version yet; it is shown in English", l->name);
	/* probe names are checked before anything runs */
	for (int i = 0; i < l->nsteps; i++)
		for (int k = 0; k < l->steps[i].nexpects; k++)
			if (!probe_known(l->steps[i].expects[k].probe)) {
				out_kprintf(OUT_ERROR, _("%s:%d: error: unknown check '%s'; see nnlab-lesson(5) for the checks\n"),
				            l->path, l->steps[i].expects[k].line, l->steps[i].expects[k].probe);
				lesson_free(l);
				return out_error("the lesson cannot run; fix it first");
			}
	if (s->lesson)
		lesson_end(s, 0);
	lessonrun *r = xcalloc(1, sizeof *r);
	struct tally tally = {0, 0};
	r->l = l;
	r->unattended = unattended;
	r->tally = unattended ? &tally : &r->own;
	s->lesson = r;
	s->after_cmd = lesson_after_cmd;
	int done = 0;
	int saved = unattended || restart ? -1 : progress_get(l->name, &done);
	if (saved > 0 && !done && saved < l->nsteps) {
		/* replay the earlier steps' commands quietly to rebuild the state */
		out_printf(_("Resuming '%s' at step %d of %d ('lesson start %s restart' begins again).\n"),
		           l->title, saved + 1, l->nsteps, l->name);
		out_set_quiet(1);
		int st = 0, guard = 0;
		while (st < saved && guard++ < 10000) {
			lesson_step *p = &l->steps[st];
			for (int i = 0; i < p->nrun; i++)
				run_lesson_cmd(s, r, p->run[i].text, p->run[i].line);
			if (p->type.text)
				run_lesson_cmd(s, r, p->type.text, p->type.line);
			r->step = st;
			st = next_step(r);
		}
		out_set_quiet(0);
		enter_step(s, r, saved, 1);
	} else {
		if (l->about)
			out_printf("%s\n", l->about);
		enter_step(s, r, 0, 1);
	}
	if (unattended) {
		run_unattended(s, r);   /* frees r when the lesson ends */
		if (s->lesson)
			lesson_end(s, 0);
		out_printf(_("lesson check: %d checks, %d failures\n"), tally.checks, tally.failures);
		return tally.failures ? -1 : 0;
	}
	return 0;
}

/* Add the lesson names of dir starting with prefix to *v (n of them),
 * each once; -1 if dir cannot be read. */
static int
names_scan(const char *dir, const char *prefix, char ***v, size_t *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	size_t pl = strlen(prefix);
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len <= 7 || strcmp(de->d_name + len - 7, ".lesson") != 0 || strncmp(de->d_name, prefix, pl) != 0)
			continue;
		int seen = 0;
		for (size_t i = 0; i < *n && !seen; i++)
			seen = strlen((*v)[i]) == len - 7 && strncmp((*v)[i], de->d_name, len - 7) == 0;
		if (seen)
			continue;
		*v = xreallocarray(*v, *n + 2, sizeof **v);
		(*v)[(*n)++] = xstrndup(de->d_name, len - 7);
		(*v)[*n] = NULL;
	}
	closedir(d);
	return 0;
}

/* free a NULL-terminated list of names */
static void
names_free(char **v)
{
	for (char **p = v; p && *p; p++)
		free(*p);
	free(v);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the installed lessons starting with prefix, sorted (they
 * are numbered 01-..., 02-...), NULL-terminated (NULL if none); in Chinese
 * mode lessons that exist only in lessons/zh/ too.  -1 in *bad if the
 * lessons directory cannot be read. */
static char **
lesson_names(const char *prefix, size_t *n, int *bad)
{
	char **v = NULL;
	*n = 0;
	char *dir = lessons_dir();
	*bad = names_scan(dir, prefix, &v, n);
	if (i18n_lang() == LANG_ZH) {
		char *zh = lesson_file(dir, "", 1);
		zh[strlen(zh) - strlen("/.lesson")] = '\0';
		names_scan(zh, prefix, &v, n);
		free(zh);
	}
	free(dir);
	if (*n > 1)
		qsort(v, *n, sizeof *v, name_cmp);
	return v;
}

static int
lesson_list(session *s, cmd_args *a)
{
	(void)s;
	if (args_max(a, 0, "lesson list") < 0)
		return -1;
	size_t n;
	int bad;
	char **names = lesson_names("", &n, &bad);
	if (bad < 0 && n == 0) {
		char *dir = lessons_dir();
		out_error("cannot read the lessons in '%s'; set NNLAB_DATADIR to the directory holding lessons/", dir);
		free(dir);
		return -1;
	}
	/* a name and its title (and progress) on a line; when one of those
	 * lines would not fit the output's width (the workspace's output pane
	 * at 80x24 is 44 columns), every title goes on a line of its own
	 * under its name, so that a wrapped title never reads as a name */
	char **rest = xcalloc(n + 1, sizeof *rest);
	int two_lines = 0;
	for (size_t i = 0; i < n; i++) {
		int english;
		char *path = lesson_path(names[i], &english);
		lesson *l = lesson_load(path, 0);
		int done;
		int step = progress_get(names[i], &done);
		strbuf line;
		sb_init(&line);
		sb_puts(&line, l ? l->title : _("(has errors: 'lesson check' shows them)"));
		if (l && english)
			sb_puts(&line, _(" (in English)"));
		if (l && done)
			sb_puts(&line, _(" [done]"));
		else if (l && step > 0)
			sb_printf(&line, _(" [step %d of %d]"), step + 1, l->nsteps);
		rest[i] = sb_steal(&line);
		size_t w = utf8_width(names[i]);
		if (2 + (w < 24 ? 25 : w + 1) + utf8_width(rest[i]) > (size_t)out_width())
			two_lines = 1;
		lesson_free(l);
		free(path);
	}
	for (size_t i = 0; i < n; i++) {
		size_t w = utf8_width(names[i]);
		if (two_lines)
			out_printf("  %s\n      %s\n", names[i], rest[i]);
		else
			out_printf("  %s%*s%s\n", names[i], (int)(w < 24 ? 25 - w : 1), "", rest[i]);
		free(rest[i]);
	}
	free(rest);
	names_free(names);
	if (n == 0)
		out_printf(_("no lessons found\n"));
	else
		out_note("(type 'lesson start NAME' to begin)");
	return 0;
}

static int
lesson_start(session *s, cmd_args *a)
{
	int restart = arg_flag(a, "restart");
	if (a->argc == 0) {
		/* the first lesson */
		size_t n;
		int bad;
		char **names = lesson_names("", &n, &bad);
		if (n == 0)
			return out_error("no lessons are installed; set NNLAB_DATADIR to the directory holding lessons/");
		int rc = start_lesson(s, names[0], 0, restart);
		names_free(names);
		return rc;
	}
	if (args_max(a, 1, "lesson start [NAME|FILE] [restart]") < 0)
		return -1;
	const char *name = NULL;
	for (int i = 0; i < a->argc; i++)
		if (!a->used[i])
			name = a->argv[i];
	return start_lesson(s, name, 0, restart);
}

static int
lesson_check(session *s, cmd_args *a)
{
	if (args_min(a, 1, "lesson check NAME|FILE") < 0 || args_max(a, 1, "lesson check NAME|FILE") < 0)
		return -1;
	return start_lesson(s, a->argv[0], 1, 1);
}

static int
lesson_goto(session *s, cmd_args *a)
{
	if (args_min(a, 1, "lesson goto LABEL") < 0 || args_max(a, 1, "lesson goto LABEL") < 0)
		return -1;
	lessonrun *r = need_lesson(s, N_("go to"));
	if (!r)
		return -1;
	int to = lesson_find_label(r->l, a->argv[0]);
	if (to < 0) {
		strbuf b;
		sb_init(&b);
		for (int i = 0; i < r->l->nsteps; i++)
			if (r->l->steps[i].label)
				sb_printf(&b, "%s%s", b.len ? ", " : "", r->l->steps[i].label);
		out_error("this lesson has no step '%s'; its labels are: %s", a->argv[0], b.len ? b.s : "(none)");
		sb_free(&b);
		return -1;
	}
	enter_step(s, r, to, 1);
	return 0;
}

static int
lesson_stop(session *s, cmd_args *a)
{
	if (args_max(a, 0, "lesson stop") < 0)
		return -1;
	lessonrun *r = need_lesson(s, N_("stop"));
	if (!r)
		return -1;
	out_printf(_("Left '%s' at step %d of %d; 'lesson start %s' resumes it.\n"), r->l->title, r->step + 1,
	           r->l->nsteps, r->l->name);
	lesson_end(s, 0);
	return 0;
}

static const cmd_sub lesson_subs[] = {
	{.name = "list", .usage = "list", .summary = N_("the lessons, with your progress"), .exec = lesson_list},
	{.name = "start", .usage = "start [NAME|FILE] [restart]", .summary = N_("begin or resume a lesson"),
	 .exec = lesson_start, .complete = COMPLETE_LESSON, .words = (const char *const[]){"restart", NULL}},
	{.name = "goto", .usage = "goto LABEL", .summary = N_("jump to a labelled step"), .exec = lesson_goto},
	{.name = "stop", .usage = "stop", .summary = N_("leave the lesson (progress is kept)"), .exec = lesson_stop},
	{.name = "check", .usage = "check NAME|FILE", .summary = N_("validate a lesson and run it unattended"),
	 .exec = lesson_check, .complete = COMPLETE_LESSON},
	{0},
};

/* 'lesson' with no subcommand: the list, what a learner typing the word
 * alone is after; a word that is no subcommand is reported as one. */
static int
lesson_bare(session *s, cmd_args *a)
{
	if (a->argc > 0) {
		if (!cmd_find_sub(&cmd_lesson_entry, a->argv[0], 1))
			return -1;
		return out_error("'lesson' takes its subcommand as a plain word, not quoted: lesson %s", a->argv[0]);
	}
	return lesson_list(s, a);
}

const cmd_entry cmd_lesson_entry = {
	.name = "lesson",
	.topic = "learn",
	.usage = "lesson list|start|goto|stop|check",
	.summary = N_("follow a lesson step by step"),
	.help = N_("Lessons walk through an idea one step at a time: text to read, commands that run "
	        "with their real output, a command for you to type, questions to answer, and checks "
	        "on what you built.  'next' (or Enter) moves on, 'back' shows the previous step, "
	        "'again' repeats the current one, 'hint' helps, 'skip' passes a step.  Progress is "
	        "saved and 'lesson start NAME' resumes where you left off.  'lesson' alone lists the lessons.\n"
	        "\n"
	        "Teachers write their own lessons in the same format (nnlab-lesson(5)); 'lesson check "
	        "FILE' or 'nnlab --check-lesson FILE' validates one and runs it with its own answers.  "
	        "A lesson can only run nnlab commands, and its commands may write files only inside "
	        "nnlab's state directory."),
	.examples = "lesson\nlesson start\nlesson start 01-training restart\nlesson check my.lesson",
	.exec = lesson_bare,
	.subs = lesson_subs,
};

static int
cmd_next(session *s, cmd_args *a)
{
	if (args_max(a, 0, "next") < 0)
		return -1;
	lessonrun *r = need_lesson(s, N_("go on with"));
	if (!r)
		return -1;
	lesson_step *st = &r->l->steps[r->step];
	if (st->type.text && !r->typed)
		return out_error("this step asks you to type: %s; type it (or 'hint', or 'skip')", st->type.text);
	if (st->ask && !r->answered)
		return out_error("answer the question first with 'answer ...' (or 'hint', or 'skip')");
	if (!check_expects(s, r, st, 0))
		return out_error("the step's checks do not hold yet; see the notes above, or type 'hint'");
	advance(s, r);
	return 0;
}

const cmd_entry cmd_next_entry = {
	.name = "next",
	.topic = "learn",
	.usage = "next",
	.summary = N_("go on to the next step of the lesson"),
	.help = N_("Moves to the next step once this one is done: its command typed, its question "
	        "answered, its checks holding.  Enter on an empty line does the same."),
	.examples = "next",
	.exec = cmd_next,
};

static int
cmd_back(session *s, cmd_args *a)
{
	if (args_max(a, 0, "back") < 0)
		return -1;
	lessonrun *r = need_lesson(s, N_("go back in"));
	if (!r)
		return -1;
	if (r->ntrail < 2)
		return out_error("this is the lesson's first step; there is nothing before it");
	r->ntrail -= 2;
	int to = r->trail[r->ntrail];
	/* show the earlier step without running its commands again: the
	 * session has moved on since */
	enter_step(s, r, to, 0);
	return 0;
}

const cmd_entry cmd_back_entry = {
	.name = "back",
	.topic = "learn",
	.usage = "back",
	.summary = N_("show the previous step of the lesson again"),
	.help = N_("Shows the step before this one.  Its commands are not run again; 'again' re-runs "
	        "the current step."),
	.examples = "back",
	.exec = cmd_back,
};

static int
cmd_again(session *s, cmd_args *a)
{
	if (args_max(a, 0, "again") < 0)
		return -1;
	lessonrun *r = need_lesson(s, N_("repeat"));
	if (!r)
		return -1;
	r->ntrail--;
	enter_step(s, r, r->step, 1);
	return 0;
}

const cmd_entry cmd_again_entry = {
	.name = "again",
	.topic = "learn",
	.usage = "again",
	.summary = N_("repeat the current step, running its commands again"),
	.help = N_("Shows the current step again and re-runs its commands."),
	.examples = "again",
	.exec = cmd_again,
};

static int
cmd_hint(session *s, cmd_args *a)
{
	if (args_max(a, 0, "hint") < 0)
		return -1;
	lessonrun *r = need_lesson(s, N_("hint at"));
	if (!r)
		return -1;
	lesson_step *st = &r->l->steps[r->step];
	if (st->nhints == 0) {
		if (st->type.text)
			out_printf(_("Hint: type exactly:  %s\n"), st->type.text);
		else
			out_printf(_("This step has no hint.\n"));
		return 0;
	}
	if (r->hint >= st->nhints) {
		out_printf(_("No more hints for this step.%s\n"), s->no_skip ? "" : _("  'skip' passes it."));
		return 0;
	}
	out_printf(_("Hint: %s\n"), st->hints[r->hint++]);
	return 0;
}

const cmd_entry cmd_hint_entry = {
	.name = "hint",
	.topic = "learn",
	.usage = "hint",
	.summary = N_("a hint for the current step of the lesson"),
	.help = N_("Shows the step's next hint; each call shows one more."),
	.examples = "hint",
	.exec = cmd_hint,
};

static int
cmd_skip(session *s, cmd_args *a)
{
	if (args_max(a, 0, "skip") < 0)
		return -1;
	lessonrun *r = need_lesson(s, N_("skip"));
	if (!r)
		return -1;
	if (s->no_skip)
		return out_error("your teacher started nnlab with --no-skip; finish this step, or ask for 'hint'");
	lesson_step *st = &r->l->steps[r->step];
	/* the step's own command still runs, so later steps find the state
	 * they expect */
	if (st->type.text && !r->typed) {
		out_printf(_("Skipping; the command this step asked for runs for you:\n"));
		run_lesson_cmd(s, r, st->type.text, st->type.line);
	}
	advance(s, r);
	return 0;
}

const cmd_entry cmd_skip_entry = {
	.name = "skip",
	.topic = "learn",
	.usage = "skip",
	.summary = N_("pass the current step of the lesson"),
	.help = N_("Moves on without finishing the step; a command the step asked for is run for you, "
	        "so later steps still work.  Refused when nnlab was started with --no-skip."),
	.examples = "skip",
	.exec = cmd_skip,
};

static int
cmd_answer(session *s, cmd_args *a)
{
	if (args_min(a, 1, "answer TEXT") < 0)
		return -1;
	lessonrun *r = need_lesson(s, N_("answer"));
	if (!r)
		return -1;
	lesson_step *st = &r->l->steps[r->step];
	if (!st->ask)
		return out_error("this step asks no question; type 'next' to go on");
	if (r->answered)
		return out_error("you have answered this question already; type 'next' to go on");
	strbuf b;
	sb_init(&b);
	for (int i = 0; i < a->argc; i++)
		sb_printf(&b, "%s%s", i ? " " : "", a->argv[i]);
	const char *why = "";
	int right = lesson_check_answer(st, b.s, &why);
	if (right < 0) {
		out_error("'%s' is not a possible answer; %s", b.s, _(why));
		sb_free(&b);
		return -1;
	}
	sb_free(&b);
	if (!right) {
		out_printf(_("Not quite.%s\n"), st->nhints ? _("  Type 'hint' for a hint, or try again.") : _("  Try again."));
		if (st->on_wrong >= 0)
			enter_step(s, r, st->on_wrong, 1);
		return 0;
	}
	r->answered = 1;
	out_printf(_("Right.\n"));
	if ((!st->type.text || r->typed) && check_expects(s, r, st, 1))
		out_note("(press Enter or type 'next' to go on)");
	return 0;
}

const cmd_entry cmd_answer_entry = {
	.name = "answer",
	.topic = "learn",
	.usage = "answer TEXT",
	.summary = N_("answer the lesson's question"),
	.help = N_("Answers the current question: the letter of a choice, a number, or a word."),
	.examples = "answer b\nanswer 0.01",
	.exec = cmd_answer,
};

static int
cmd_progress(session *s, cmd_args *a)
{
	if (args_max(a, 0, "progress") < 0)
		return -1;
	if (s->lesson) {
		lessonrun *r = s->lesson;
		out_printf(_("In '%s': step %d of %d.\n"), r->l->title, r->step + 1, r->l->nsteps);
	}
	cmd_args la = {.name = "lesson list"};
	return lesson_list(s, &la);
}

const cmd_entry cmd_progress_entry = {
	.name = "progress",
	.topic = "learn",
	.usage = "progress",
	.summary = N_("where you are in the lessons"),
	.help = N_("Shows the step of the lesson in progress and, for every lesson, whether it is "
	        "done or where you left it."),
	.examples = "progress",
	.exec = cmd_progress,
};

/* ==== completion ======================================================== */

char **
lesson_complete_names(session *s, const char *prefix)
{
	(void)s;
	size_t n;
	int bad;
	return lesson_names(prefix, &n, &bad);
}

/* ==== entry points for main.c =========================================== */

int
lesson_run_file(session *s, const char *path, int unattended)
{
	return start_lesson(s, path, unattended, unattended);
}

int
lesson_active(session *s)
{
	return s->lesson != NULL;
}

long
lesson_step_text(session *s, int width, strbuf *title, strbuf *text)
{
	lessonrun *r = s->lesson;
	if (!r)
		return -1;
	const lesson_step *st = &r->l->steps[r->step];
	sb_printf(title, _("%s - step %d of %d"), r->l->title, r->step + 1, r->l->nsteps);
	paragraphs_to(text, st, width > 10 ? width : 10);
	if (st->type.text && !r->typed) {
		sb_puts(text, "\n");
		now_type(text, st->type.text, width > 10 ? width : 10);
	}
	if (st->ask && !r->answered) {
		sb_printf(text, _("\nQuestion: %s\n"), st->ask);
		for (int i = 0; i < st->nchoices; i++)
			sb_printf(text, "  %c) %s\n", 'a' + i, st->choices[i]);
	}
	/* a new value for every step entered, and when it is typed or answered */
	return (long)r->ntrail * 4 + r->typed * 2 + r->answered;
}

void
lesson_free_state(session *s)
{
	if (s->lesson)
		lesson_end(s, 0);
}
