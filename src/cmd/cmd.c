/* cmd.c - command lookup, dispatch, argument helpers and completion.
 *
 * The table itself is in cmd-table.c and the handlers in cmd-<family>.c;
 * this file knows nothing about any particular command.
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "core/alloc.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== suggestions ======================================================= */

void
cmd_suggest(const char *word, const char *const *names, int n, char *buf, size_t len)
{
	buf[0] = '\0';
	int best = 99, count = 0;
	const char *pick[3] = {0};
	for (int i = 0; i < n; i++) {
		if (!names[i] || !text_close_enough(word, names[i]))
			continue;
		int d = text_edit_distance(word, names[i], 8);
		if (d < best) {
			best = d;
			count = 0;
		}
		if (d == best && count < 3) {
			int dup = 0;
			for (int k = 0; k < count; k++)
				dup |= strcmp(pick[k], names[i]) == 0;
			if (!dup)
				pick[count++] = names[i];
		}
	}
	for (int k = 0; k < count; k++) {
		size_t used = strlen(buf);
		snprintf(buf + used, len - used, "%s'%s'", k == 0 ? "" : k == count - 1 ? _(" or ") : ", ", pick[k]);
	}
}

/* ==== lookup ============================================================ */

static int
table_size(void)
{
	int n = 0;
	while (cmd_table[n])
		n++;
	return n;
}

const cmd_entry *
cmd_find(const char *word, int report)
{
	int n = table_size();
	for (int i = 0; i < n; i++) {
		if (strcmp(cmd_table[i]->name, word) == 0)
			return cmd_table[i];
		for (const char *const *al = cmd_table[i]->aliases; al && *al; al++)
			if (strcmp(*al, word) == 0)
				return cmd_table[i];
	}
	const cmd_entry *hit = NULL;
	int nhit = 0;
	strbuf list;
	sb_init(&list);
	size_t wl = strlen(word);
	for (int i = 0; i < n && wl > 0; i++) {
		if (strncmp(cmd_table[i]->name, word, wl) == 0 && !(cmd_table[i]->flags & CMD_HIDDEN)) {
			sb_printf(&list, "%s%s", nhit ? ", " : "", cmd_table[i]->name);
			hit = cmd_table[i];
			nhit++;
		}
	}
	if (nhit == 1) {
		sb_free(&list);
		return hit;
	}
	if (report) {
		if (nhit > 1) {
			out_error("ambiguous command '%s', could be: %s; type more letters", word, list.s);
		} else {
			const char **names = xmalloc(sizeof *names * (size_t)(n * 4 + 1));
			int k = 0;
			for (int i = 0; i < n; i++) {
				names[k++] = cmd_table[i]->name;
				for (const char *const *al = cmd_table[i]->aliases; al && *al; al++)
					names[k++] = *al;
			}
			char sug[200];
			cmd_suggest(word, names, k, sug, sizeof sug);
			free(names);
			if (sug[0])
				out_error("unknown command '%s'; did you mean %s? type 'help' for the list", word, sug);
			else
				out_error("unknown command '%s'; type 'help' for the list of commands", word);
		}
	}
	sb_free(&list);
	return NULL;
}

const cmd_sub *
cmd_find_sub(const cmd_entry *e, const char *word, int report)
{
	if (!e->subs)
		return NULL;
	for (const cmd_sub *s = e->subs; s->name; s++)
		if (strcmp(s->name, word) == 0)
			return s;
	const cmd_sub *hit = NULL;
	int nhit = 0;
	size_t wl = strlen(word);
	strbuf list;
	sb_init(&list);
	for (const cmd_sub *s = e->subs; s->name && wl; s++) {
		if (strncmp(s->name, word, wl) == 0 && !(s->flags & CMD_HIDDEN)) {
			sb_printf(&list, "%s%s", nhit ? ", " : "", s->name);
			hit = s;
			nhit++;
		}
	}
	if (nhit == 1) {
		sb_free(&list);
		return hit;
	}
	if (report) {
		if (nhit > 1) {
			out_error("ambiguous subcommand '%s %s', could be: %s; type more letters", e->name, word, list.s);
		} else {
			/* compare "cmd word" with "cmd sub", so the suggestion
			 * reads as a whole command */
			char full[128][80];
			const char *names[128];
			int k = 0;
			for (const cmd_sub *s = e->subs; s->name && k < 128; s++, k++) {
				snprintf(full[k], sizeof full[k], "%s %s", e->name, s->name);
				names[k] = full[k];
			}
			char typed[200], sug[300];
			snprintf(typed, sizeof typed, "%s %s", e->name, word);
			cmd_suggest(typed, names, k, sug, sizeof sug);
			if (sug[0])
				out_error("unknown subcommand '%s %s'; did you mean %s? type 'help %s'",
				          e->name, word, sug, e->name);
			else
				out_error("unknown subcommand '%s %s'; type 'help %s' for its subcommands",
				          e->name, word, e->name);
		}
	}
	sb_free(&list);
	return NULL;
}

/* ==== dispatch ========================================================== */

static int
check_keys(const char *cmdname, const char *const *keys, cmd_args *a)
{
	for (int i = 0; i < a->nkv; i++) {
		int ok = 0;
		for (const char *const *k = keys; k && *k && !ok; k++)
			ok = strcmp(*k, a->kv[i].key) == 0;
		if (!ok) {
			int nk = 0;
			while (keys && keys[nk])
				nk++;
			char sug[200] = "";
			if (nk)
				cmd_suggest(a->kv[i].key, keys, nk, sug, sizeof sug);
			if (sug[0])
				return out_error("'%s' takes no option '%s='; did you mean %s? type 'help %s'",
				                 cmdname, a->kv[i].key, sug, cmdname);
			if (nk == 0)
				return out_error("'%s' takes no key=value options, but got '%s='; type 'help %s'",
				                 cmdname, a->kv[i].key, cmdname);
			strbuf l;
			sb_init(&l);
			for (int k = 0; k < nk; k++)
				sb_printf(&l, "%s%s=", k ? ", " : "", keys[k]);
			out_error("'%s' takes no option '%s='; it takes %s", cmdname, a->kv[i].key, l.s);
			sb_free(&l);
			return -1;
		}
		for (int j = 0; j < i; j++)
			if (strcmp(a->kv[j].key, a->kv[i].key) == 0)
				return out_error("option '%s=' is given twice; keep one", a->kv[i].key);
	}
	return 0;
}

int
cmd_run_cmd(session *s, const tok_cmd *c)
{
	if (c->n == 0)
		return 0;
	const tok *w0 = &c->w[0];
	if (w0->key)
		return out_error("a line must start with a command, not '%s'; did you mean 'set %s %s'?",
		                 w0->text, w0->key, w0->val);
	const cmd_entry *e = cmd_find(w0->text, 0);
	if (!e) {
		/* a glossary word typed as a command: point to define */
		const char *words[16];
		int nw = 0;
		for (int i = 0; i < c->n && nw < 16 && !c->w[i].key; i++)
			words[nw++] = c->w[i].text;
		if (nw == c->n && glossary_term_hint(s, words, nw) < 0)
			return -1;
		cmd_find(w0->text, 1);
		return -1;
	}
	int first = 1;
	const cmd_sub *sub = NULL;
	char name[128];
	snprintf(name, sizeof name, "%s", e->name);
	if (e->subs && c->n > 1 && !c->w[1].key && !c->w[1].quoted) {
		sub = cmd_find_sub(e, c->w[1].text, 0);
		if (sub) {
			first = 2;
			snprintf(name, sizeof name, "%s %s", e->name, sub->name);
		} else if (!e->exec) {
			cmd_find_sub(e, c->w[1].text, 1);
			return -1;
		}
	}
	if (!sub && !e->exec) {
		strbuf l;
		sb_init(&l);
		for (const cmd_sub *x = e->subs; x && x->name; x++)
			if (!(x->flags & CMD_HIDDEN))
				sb_printf(&l, "%s%s", l.len ? ", " : "", x->name);
		out_error("'%s' needs a subcommand: %s; type 'help %s'", e->name, l.s, e->name);
		sb_free(&l);
		return -1;
	}
	unsigned flags = sub ? sub->flags : e->flags;
	if (s->job && !(flags & CMD_JOB_OK) && !(e->flags & CMD_JOB_OK))
		return out_error("%s is running; wait for it or type 'stop' first", s->job->name);

	cmd_args a;
	memset(&a, 0, sizeof a);
	a.name = name;
	a.src = c->src;
	a.argv = xmalloc(sizeof *a.argv * (size_t)(c->n + 1));
	a.kv = xmalloc(sizeof *a.kv * (size_t)(c->n + 1));
	for (int i = first; i < c->n; i++) {
		if (c->w[i].key) {
			a.kv[a.nkv].key = c->w[i].key;
			a.kv[a.nkv].val = c->w[i].val;
			a.kv[a.nkv].col = c->w[i].col;
			a.nkv++;
		} else {
			a.argv[a.argc++] = c->w[i].text;
		}
	}
	a.argv[a.argc] = NULL;
	int rc = (flags & CMD_ANY_KEYS) ? 0 : check_keys(name, sub ? sub->keys : e->keys, &a);
	if (rc == 0)
		rc = (sub ? sub->exec : e->exec)(s, &a);
	free(a.argv);
	free(a.kv);
	return rc < 0 ? -1 : 0;
}

int
cmd_run_line(session *s, const char *line)
{
	tok_line tl;
	char err[600];
	if (tok_split(line, &tl, err, sizeof err) < 0)
		return out_error("%s", err);
	int rc = 0;
	s->run_depth++;
	for (int i = 0; i < tl.n && !s->quit && !nn_terminate; i++) {
		if (s->echo)
			out_kprintf(OUT_ECHO, "nnlab> %s\n", tl.cmd[i].src);
		int r = cmd_run_cmd(s, &tl.cmd[i]);
		if (s->after_cmd && !s->lesson_running)
			s->after_cmd(s, tl.cmd[i].src, r);
		if (r < 0) {
			rc = -1;
			break;
		}
	}
	s->run_depth--;
	tok_line_free(&tl);
	return rc;
}

/* ==== argument helpers ================================================== */

static cmd_kv *
kv_get(cmd_args *a, const char *key)
{
	for (int i = 0; i < a->nkv; i++)
		if (strcmp(a->kv[i].key, key) == 0)
			return &a->kv[i];
	return NULL;
}

const char *
arg_str(cmd_args *a, const char *key, const char *def)
{
	cmd_kv *kv = kv_get(a, key);
	return kv ? kv->val : def;
}

int
arg_has(cmd_args *a, const char *key)
{
	return kv_get(a, key) != NULL;
}

static int
range_error(const char *what, const char *text, double lo, double hi, int integer)
{
	char l[64], h[64];
	if (integer) {
		snprintf(l, sizeof l, "%.0f", lo);
		snprintf(h, sizeof h, "%.0f", hi);
	} else {
		text_fmt_num(lo, l, sizeof l);
		text_fmt_num(hi, h, sizeof h);
	}
	return out_error("%s '%s' is out of range; use a value from %s to %s", _(what), text, l, h);
}

static int
parse_num(const char *what, const char *text, double lo, double hi, double *out)
{
	const char *why;
	double v;
	if (text_parse_double(text, &v, &why) < 0) {
		if (strcmp(why, "out of range") == 0)
			return range_error(what, text, lo, hi, 0);
		return out_error("%s '%s' is %s; give a number such as %g", _(what), text, _(why),
		                 lo > 0 ? lo : hi < 1 ? hi : 1.0);
	}
	if (v < lo || v > hi)
		return range_error(what, text, lo, hi, 0);
	*out = v;
	return 0;
}

static int
parse_int(const char *what, const char *text, long lo, long hi, long *out)
{
	const char *why;
	long v;
	if (text_parse_long(text, &v, &why) < 0) {
		if (strcmp(why, "out of range") == 0)
			return range_error(what, text, (double)lo, (double)hi, 1);
		return out_error("%s '%s' is %s; give a whole number from %ld to %ld", _(what), text, _(why), lo, hi);
	}
	if (v < lo || v > hi)
		return range_error(what, text, (double)lo, (double)hi, 1);
	*out = v;
	return 0;
}

int
arg_double(cmd_args *a, const char *key, double def, double lo, double hi, double *out)
{
	cmd_kv *kv = kv_get(a, key);
	if (!kv) {
		*out = def;
		return 0;
	}
	char what[80];
	snprintf(what, sizeof what, "%s=", key);
	return parse_num(what, kv->val, lo, hi, out);
}

int
arg_long(cmd_args *a, const char *key, long def, long lo, long hi, long *out)
{
	cmd_kv *kv = kv_get(a, key);
	if (!kv) {
		*out = def;
		return 0;
	}
	char what[80];
	snprintf(what, sizeof what, "%s=", key);
	return parse_int(what, kv->val, lo, hi, out);
}

int
arg_choice(cmd_args *a, const char *key, const char *const *choices, int def, int *out)
{
	cmd_kv *kv = kv_get(a, key);
	int n = 0;
	while (choices[n])
		n++;
	if (!kv) {
		if (def < 0)
			return out_error("'%s' needs %s=; type 'help %s'", a->name, key, a->name);
		*out = def;
		return 0;
	}
	for (int i = 0; i < n; i++)
		if (strcmp(choices[i], kv->val) == 0) {
			*out = i;
			return 0;
		}
	char sug[200];
	cmd_suggest(kv->val, choices, n, sug, sizeof sug);
	strbuf l;
	sb_init(&l);
	for (int i = 0; i < n; i++)
		sb_printf(&l, "%s%s", i ? ", " : "", choices[i]);
	if (sug[0])
		out_error("%s='%s' is not known; did you mean %s? choose one of %s", key, kv->val, sug, l.s);
	else
		out_error("%s='%s' is not known; choose one of %s", key, kv->val, l.s);
	sb_free(&l);
	return -1;
}

int
parse_bool_word(const char *w)
{
	static const char *const yes[] = {"on", "yes", "true", "1", NULL};
	static const char *const no[] = {"off", "no", "false", "0", NULL};
	for (int i = 0; yes[i]; i++)
		if (strcmp(w, yes[i]) == 0)
			return 1;
	for (int i = 0; no[i]; i++)
		if (strcmp(w, no[i]) == 0)
			return 0;
	return -1;
}

int
arg_bool(cmd_args *a, const char *key, int def, int *out)
{
	cmd_kv *kv = kv_get(a, key);
	if (!kv) {
		*out = def;
		return 0;
	}
	int b = parse_bool_word(kv->val);
	if (b < 0)
		return out_error("%s='%s' is not on or off; write %s=on or %s=off", key, kv->val, key, key);
	*out = b;
	return 0;
}

int
arg_flag(cmd_args *a, const char *word)
{
	for (int i = 0; i < a->argc && i < 64; i++)
		if (!a->used[i] && strcmp(a->argv[i], word) == 0) {
			a->used[i] = 1;
			return 1;
		}
	return 0;
}

int
pos_double(cmd_args *a, int i, const char *what, double lo, double hi, double *out)
{
	if (i >= a->argc)
		return out_error("'%s' needs %s; type 'help %s'", a->name, _(what), a->name);
	if (i < 64)
		a->used[i] = 1;
	return parse_num(what, a->argv[i], lo, hi, out);
}

int
pos_long(cmd_args *a, int i, const char *what, long lo, long hi, long *out)
{
	if (i >= a->argc)
		return out_error("'%s' needs %s; type 'help %s'", a->name, _(what), a->name);
	if (i < 64)
		a->used[i] = 1;
	return parse_int(what, a->argv[i], lo, hi, out);
}

int
args_max(cmd_args *a, int max, const char *usage)
{
	int left = 0, first = -1;
	for (int i = 0; i < a->argc; i++)
		if (i >= 64 || !a->used[i]) {
			if (left == max && first < 0)
				first = i;
			left++;
		}
	(void)first;
	if (left > max) {
		/* name the first surplus word */
		int seen = 0;
		for (int i = 0; i < a->argc; i++)
			if (i >= 64 || !a->used[i]) {
				if (seen++ == max)
					return out_error("'%s' got an unexpected argument '%s'; usage: %s",
					                 a->name, a->argv[i], usage);
			}
	}
	return 0;
}

int
args_min(cmd_args *a, int min, const char *usage)
{
	if (a->argc < min)
		return out_error("'%s' needs more arguments; usage: %s", a->name, usage);
	return 0;
}

/* ==== completion ======================================================== */

static cmd_completer content_completer;

void
cmd_set_completer(cmd_completer fn)
{
	content_completer = fn;
}

typedef struct cand {
	char **v;
	size_t n, cap;
} cand;

static void
cand_add(cand *c, const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) != 0)
		return;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i], s) == 0)
			return;
	if (c->n + 2 > c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	c->v[c->n++] = xstrdup(s);
	c->v[c->n] = NULL;
}

static void
cand_keys(cand *c, const char *const *keys, const char *prefix)
{
	char buf[80];
	for (const char *const *k = keys; k && *k; k++) {
		snprintf(buf, sizeof buf, "%s=", *k);
		cand_add(c, buf, prefix);
	}
}

static void
cand_kind(session *s, cand *c, enum cmd_complete kind, const char *const *words,
          const char *prefix, int *file)
{
	switch (kind) {
	case COMPLETE_FILE:
		*file = 1;
		break;
	case COMPLETE_COMMAND:
		for (int i = 0; cmd_table[i]; i++)
			if (!(cmd_table[i]->flags & CMD_HIDDEN))
				cand_add(c, cmd_table[i]->name, prefix);
		cand_add(c, "keys", prefix);
		break;
	case COMPLETE_WORDS:
		for (const char *const *w = words; w && *w; w++)
			cand_add(c, *w, prefix);
		break;
	case COMPLETE_NONE:
		break;
	default:
		if (content_completer) {
			char **more = content_completer(s, kind, prefix);
			for (size_t i = 0; more && more[i]; i++) {
				cand_add(c, more[i], prefix);
				free(more[i]);
			}
			free(more);
		}
		break;
	}
}

char **
cmd_complete_words(session *s, const char *const *words, int n, const char *prefix, int *file)
{
	cand c = {0};
	*file = 0;
	if (n == 0) {
		for (int i = 0; cmd_table[i]; i++) {
			if (cmd_table[i]->flags & CMD_HIDDEN)
				continue;
			cand_add(&c, cmd_table[i]->name, prefix);
			for (const char *const *al = cmd_table[i]->aliases; al && *al; al++)
				cand_add(&c, *al, prefix);
		}
		return c.v;
	}
	const cmd_entry *e = cmd_find(words[0], 0);
	if (!e)
		return NULL;
	const cmd_sub *sub = NULL;
	if (e->subs && n >= 2)
		sub = cmd_find_sub(e, words[1], 0);
	if (e->subs && n == 1) {
		for (const cmd_sub *x = e->subs; x->name; x++)
			if (!(x->flags & CMD_HIDDEN))
				cand_add(&c, x->name, prefix);
	}
	if (sub) {
		cand_kind(s, &c, sub->complete, sub->words, prefix, file);
		cand_keys(&c, sub->keys, prefix);
	} else {
		cand_kind(s, &c, e->complete, e->words, prefix, file);
		cand_keys(&c, e->keys, prefix);
	}
	return c.v;
}
