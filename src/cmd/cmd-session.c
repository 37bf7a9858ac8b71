/* cmd-session.c - the session commands: help, quit, seed, set, show,
 * source, history, clear, version. */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/script.h"
#include "cmd/settings.h"
#include "core/alloc.h"
#include "out/out.h"
#include "content/textfmt.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== help ============================================================== */

/* Append text wrapped at width, each line indented by indent spaces:
 * lines join into paragraphs, blank lines separate them, lines starting
 * with a space are kept as they are (examples, tables).  textfmt counts
 * display columns and breaks Chinese between characters, never before a
 * closing mark like '，'. */
static void
wrap_text(strbuf *b, const char *text, int indent, int width)
{
	textfmt_block(b, text, indent, width);
}

static int
help_width(session *s)
{
	int w = s->width ? s->width : out_width();
	return w > 100 ? 100 : w;
}

/* "  USAGE   summary" with the summary from column 2 + col, or under the
 * usage when the usage is longer; when that leaves the summary fewer
 * than 34 columns (the workspace's output pane at 80x24 is 44 wide), the
 * summary goes under the usage, indented and wrapped, so that it never
 * wraps back under the usages' column. */
static void
usage_line(strbuf *b, const char *usage, const char *summary, int col, int width)
{
	if (width - 2 - col < 34) {
		sb_printf(b, "  %s\n", usage);
		wrap_text(b, summary, 6, width);
		return;
	}
	size_t uw = utf8_width(usage);
	sb_printf(b, "  %s", usage);
	if (uw < (size_t)col)
		sb_pad(b, ' ', (size_t)col - uw);
	else {
		sb_putc(b, '\n');
		sb_pad(b, ' ', (size_t)col + 2);
	}
	sb_printf(b, "%s\n", summary);
}

static void
help_list(session *s)
{
	strbuf b;
	sb_init(&b);
	sb_puts(&b, _("nnlab commands (type 'help CMD' for one command, 'help keys' for keys):\n"));
	for (int t = 0; cmd_topics[t][0]; t++) {
		int any = 0;
		for (int i = 0; cmd_table[i]; i++) {
			const cmd_entry *e = cmd_table[i];
			if ((e->flags & CMD_HIDDEN) || strcmp(e->topic, cmd_topics[t][0]) != 0)
				continue;
			if (!any)
				sb_printf(&b, "\n%s\n", _(cmd_topics[t][1]));
			any = 1;
			usage_line(&b, e->usage, _(e->summary), 28, help_width(s));
		}
	}
	out_printf("%s", b.s);
	sb_free(&b);
}

/* A summary as a sentence: capitalised, with a full stop (a Chinese
 * one, which has no capitals, ends with '。'). */
static void
sentence(strbuf *b, const char *summary)
{
	int chinese = 0;
	for (const char *p = summary; *p && !chinese; p++)
		chinese = (unsigned char)*p >= 0x80;
	if (i18n_lang() == LANG_ZH && chinese) {
		sb_printf(b, "%s。\n", summary);
		return;
	}
	sb_printf(b, "%c%s.\n", summary[0] >= 'a' && summary[0] <= 'z' ? summary[0] - 'a' + 'A' : summary[0],
	          summary + 1);
}

static void
help_entry(session *s, const cmd_entry *e)
{
	strbuf b;
	sb_init(&b);
	int width = help_width(s);
	sb_printf(&b, _("usage: %s\n"), e->usage);
	if (e->aliases && e->aliases[0]) {
		sb_puts(&b, _("also:  "));
		for (const char *const *al = e->aliases; *al; al++)
			sb_printf(&b, "%s%s", al == e->aliases ? "" : ", ", *al);
		sb_putc(&b, '\n');
	}
	/* the summary as a sentence: capitalised, with a full stop */
	sb_putc(&b, '\n');
	sentence(&b, _(e->summary));
	if (e->help && e->help[0]) {
		sb_putc(&b, '\n');
		wrap_text(&b, _(e->help), 0, width);
	}
	if (e->subs) {
		sb_puts(&b, _("\nsubcommands:\n"));
		for (const cmd_sub *x = e->subs; x->name; x++) {
			if (x->flags & CMD_HIDDEN)
				continue;
			usage_line(&b, x->usage, _(x->summary), 34, help_width(s));
		}
	}
	if (e->keys && e->keys[0]) {
		sb_puts(&b, _("\noptions:"));
		for (const char *const *k = e->keys; *k; k++)
			sb_printf(&b, " %s=", *k);
		sb_putc(&b, '\n');
	}
	if (e->examples && e->examples[0]) {
		sb_puts(&b, _("\nexamples:\n"));
		const char *p = e->examples;
		while (*p) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			sb_puts(&b, "  ");
			sb_add(&b, p, len);
			sb_putc(&b, '\n');
			if (!nl)
				break;
			p = nl + 1;
		}
	}
	out_printf("%s", b.s);
	sb_free(&b);
}

/* Key bindings of the workspace, as commands (shown by `help keys`). */
const struct keybinding nn_keybindings[] = {
	{"F1", "view help", N_("show the list of commands (in the view pane)")},
	{"Ctrl-C", "stop", N_("stop the running job (training, sampling); at the prompt, clear the line")},
	{"Tab", "", N_("complete a command, subcommand, option, file name or glossary term")},
	{"Ctrl-R", "", N_("search the command history")},
	{"Up/Down", "", N_("previous and next command from the history")},
	{"PgUp", "scroll up", N_("scroll the focused pane a page back")},
	{"PgDn", "scroll down", N_("scroll the focused pane a page on")},
	{"F6", "focus next", N_("move the focus to the next pane")},
	{"Ctrl-L", "clear", N_("clear the output pane")},
	{"Ctrl-D", "quit", N_("leave nnlab (on an empty line)")},
	{NULL, NULL, NULL},
};

static int
cmd_help(session *s, cmd_args *a)
{
	if (args_max(a, 2, "help [CMD [SUBCOMMAND]]") < 0)
		return -1;
	if (a->argc == 0) {
		help_list(s);
		return 0;
	}
	if (strcmp(a->argv[0], "keys") == 0) {
		out_printf(_("keys (each runs the command shown, or edits the line):\n"));
		for (int i = 0; nn_keybindings[i].key; i++)
			out_printf("  %-10s %-12s %s\n", nn_keybindings[i].key,
			           nn_keybindings[i].command[0] ? nn_keybindings[i].command : "-",
			           _(nn_keybindings[i].summary));
		return 0;
	}
	const cmd_entry *e = cmd_find(a->argv[0], 0);
	if (!e) {
		/* a glossary term typed after help: say where to look */
		if (glossary_term_hint(s, (const char *const *)a->argv, a->argc) < 0)
			return -1;
		cmd_find(a->argv[0], 1);
		return -1;
	}
	if (a->argc == 2) {
		const cmd_sub *x = cmd_find_sub(e, a->argv[1], 1);
		if (!x)
			return -1;
		strbuf u, b;
		sb_init(&u);
		sb_init(&b);
		sb_printf(&u, "%s %s", e->name, x->usage);
		sb_printf(&b, _("usage: %s\n"), u.s);
		sb_putc(&b, '\n');
		sentence(&b, _(x->summary));
		if (x->keys && x->keys[0]) {
			sb_puts(&b, _("\noptions:"));
			for (const char *const *k = x->keys; *k; k++)
				sb_printf(&b, " %s=", *k);
			sb_putc(&b, '\n');
		}
		out_printf("%s", b.s);
		sb_free(&u);
		sb_free(&b);
		return 0;
	}
	help_entry(s, e);
	return 0;
}

const cmd_entry cmd_help_entry = {
	.name = "help",
	.aliases = (const char *const[]){"?", NULL},
	.topic = "session",
	.usage = "help [CMD [SUB]]",
	.summary = N_("list the commands, or explain one"),
	.help = N_("With no argument, lists every command by topic.  'help CMD' shows a command's "
	        "usage, what it does, its subcommands, options and examples.  'help keys' lists "
	        "the key bindings of the workspace."),
	.examples = "help\nhelp seed\nhelp keys",
	.exec = cmd_help,
	.complete = COMPLETE_COMMAND,
	.flags = CMD_JOB_OK,
};

/* ==== quit ============================================================== */

static int
cmd_quit(session *s, cmd_args *a)
{
	if (args_max(a, 0, "quit") < 0)
		return -1;
	if (s->job)
		session_job_stop(s);
	s->quit = 1;
	return 0;
}

const cmd_entry cmd_quit_entry = {
	.name = "quit",
	.aliases = (const char *const[]){"exit", NULL},
	.topic = "session",
	.usage = "quit",
	.summary = N_("leave nnlab"),
	.help = N_("Stops any running job, saves the command history and leaves.  In a script, "
	        "the rest of the script is not run."),
	.examples = "quit",
	.exec = cmd_quit,
	.flags = CMD_JOB_OK,
};

/* ==== seed ============================================================== */

static int
cmd_seed(session *s, cmd_args *a)
{
	if (args_max(a, 1, "seed [N]") < 0)
		return -1;
	if (a->argc == 0) {
		out_printf(_("seed %llu (%llu random draws since)\n"), (unsigned long long)s->seed,
		           (unsigned long long)s->rng.ctr);
		return 0;
	}
	long v;
	if (pos_long(a, 0, N_("the seed"), 0, 2147483647L, &v) < 0)
		return -1;
	session_reseed(s, (uint64_t)v);
	out_printf(_("seed %ld: data, weights and shuffles now repeat exactly for the same commands\n"), v);
	return 0;
}

const cmd_entry cmd_seed_entry = {
	.name = "seed",
	.topic = "session",
	.usage = "seed [N]",
	.summary = N_("show or set the random seed"),
	.help = N_("Everything random in nnlab (datasets, initial weights, shuffling, dropout, "
	        "sampling) draws from one stream, splitmix64 counted from the seed.  'seed N' "
	        "restarts that stream, so the same commands after the same seed print the same "
	        "numbers on every machine: a class can follow along number for number.  The "
	        "stream is the one described in the bench workloads, so PyTorch and NumPy scripts "
	        "can reproduce nnlab's data and weights exactly."),
	.examples = "seed\nseed 42",
	.exec = cmd_seed,
};

/* ==== set / show ======================================================== */

static int
cmd_set(session *s, cmd_args *a)
{
	if (a->argc == 0 && a->nkv == 0)
		return out_error("'set' needs a setting and a value, e.g. 'set digits 5'; type 'show settings' for the list");
	if (a->nkv > 0)
		return out_error("write 'set %s %s', without '='", a->kv[0].key, a->kv[0].val);
	const setting *st = setting_find(a->argv[0], 1);
	if (!st)
		return -1;
	if (a->argc < 2)
		return out_error("'set %s' needs a value (%s); type 'show settings' for the current values",
		                 st->name, st->values);
	if (args_max(a, 2, "set KEY VALUE") < 0)
		return -1;
	if (st->set(s, a->argv[1]) < 0)
		return -1;
	strbuf b;
	sb_init(&b);
	st->get(s, &b);
	out_printf("%s = %s\n", st->name, b.s);
	sb_free(&b);
	return 0;
}

const cmd_entry cmd_set_entry = {
	.name = "set",
	.topic = "session",
	.usage = "set KEY VALUE",
	.summary = N_("change a setting"),
	.help = N_("Changes one setting; 'show settings' lists them all with their current values.\n"
	        "\n"
	        " color       auto|always|never   colour in line mode (NO_COLOR turns auto off)\n"
	        " digits      2..9                significant digits in matrices and tables\n"
	        " echo        on|off              print each command before its output\n"
	        " keep-going  on|off              scripts continue after an error\n"
	        " lang        en|zh               language of messages, glossary and lessons\n"
	        " plotter     text|gnuplot        who draws 'plot': nnlab itself, or gnuplot\n"
	        " width       0|40..400           output columns; 0 follows the terminal"),
	.examples = "set digits 6\nset echo on\nset width 100\nset lang zh",
	.exec = cmd_set,
	.complete = COMPLETE_SETTING,
	.flags = CMD_JOB_OK | CMD_ANY_KEYS,
};

static int
show_settings(session *s, cmd_args *a)
{
	if (args_max(a, 0, "show settings") < 0)
		return -1;
	strbuf b;
	sb_init(&b);
	for (const setting *st = settings_table; st->name; st++) {
		strbuf v;
		sb_init(&v);
		st->get(s, &v);
		sb_printf(&b, "  %-11s %-7s %s\n", st->name, v.s, _(st->summary));
		sb_free(&v);
	}
	out_printf("%s", b.s);
	sb_free(&b);
	return 0;
}

static int
show_state(session *s, cmd_args *a)
{
	if (args_max(a, 0, "show state") < 0)
		return -1;
	strbuf b;
	sb_init(&b);
	session_state_dump(s, &b);
	out_printf("%s", b.s);
	sb_free(&b);
	return 0;
}

static const cmd_sub show_subs[] = {
	{.name = "settings", .usage = "settings", .summary = N_("every setting with its value"), .exec = show_settings,
	 .flags = CMD_JOB_OK},
	{.name = "state", .usage = "state", .summary = N_("a summary of the whole session, with checksums"),
	 .exec = show_state, .flags = CMD_JOB_OK},
	{0},
};

const cmd_entry cmd_show_entry = {
	.name = "show",
	.topic = "session",
	.usage = "show settings|state",
	.summary = N_("show the settings or the session's state"),
	.help = N_("'show settings' lists every setting.  'show state' summarises the session: the "
	        "seed and how far the random stream has run, the settings, and the data and model "
	        "with checksums of their numbers, so two learners can check they have the same "
	        "session."),
	.examples = "show settings\nshow state",
	.subs = show_subs,
	.flags = CMD_JOB_OK,
};

/* ==== source ============================================================ */

static int
cmd_source(session *s, cmd_args *a)
{
	if (args_min(a, 1, "source FILE") < 0 || args_max(a, 1, "source FILE") < 0)
		return -1;
	if (s->source_depth >= 16)
		return out_error("'source' is nested more than 16 deep; does a script source itself?");
	s->source_depth++;
	int rc = script_run_file(s, a->argv[0]);
	s->source_depth--;
	return rc;
}

const cmd_entry cmd_source_entry = {
	.name = "source",
	.topic = "session",
	.usage = "source FILE",
	.summary = N_("run the commands in a file"),
	.help = N_("Runs FILE line by line as if typed, stopping at the first error, which is "
	        "reported as FILE:LINE.  With 'set keep-going on' it reports every error and "
	        "goes on.  Lines starting with '#' are comments."),
	.examples = "source lessons/setup.nn",
	.exec = cmd_source,
	.complete = COMPLETE_FILE,
};

/* ==== history =========================================================== */

static int
cmd_history(session *s, cmd_args *a)
{
	if (args_max(a, 1, "history [N]") < 0)
		return -1;
	long n = (long)s->nhist;
	if (a->argc == 1 && pos_long(a, 0, N_("the number of commands"), 1, 1000000, &n) < 0)
		return -1;
	size_t start = (size_t)n < s->nhist ? s->nhist - (size_t)n : 0;
	for (size_t i = start; i < s->nhist; i++)
		out_printf("%5zu  %s\n", i + 1, s->hist[i]);
	return 0;
}

const cmd_entry cmd_history_entry = {
	.name = "history",
	.topic = "session",
	.usage = "history [N]",
	.summary = N_("list the commands typed so far"),
	.help = N_("Lists the commands of this session, numbered, or only the last N.  In line "
	        "mode and the workspace, the history is also kept across runs in "
	        "$XDG_STATE_HOME/nnlab/history (Up and Down recall it, Ctrl-R searches it)."),
	.examples = "history\nhistory 5",
	.exec = cmd_history,
	.flags = CMD_JOB_OK | CMD_NO_HISTORY,
};

/* ==== clear ============================================================= */

static int
cmd_clear(session *s, cmd_args *a)
{
	(void)s;
	if (args_max(a, 0, "clear") < 0)
		return -1;
	out_clear();
	return 0;
}

const cmd_entry cmd_clear_entry = {
	.name = "clear",
	.topic = "session",
	.usage = "clear",
	.summary = N_("clear the screen or the output pane"),
	.help = N_("Clears the terminal in line mode and the output pane in the workspace.  "
	        "'log save FILE' keeps what was there.  In batch mode it does nothing."),
	.examples = "clear",
	.exec = cmd_clear,
	.flags = CMD_JOB_OK | CMD_NO_HISTORY,
};

/* ==== the greeting ====================================================== */

void
session_greet(void)
{
	out_printf(_("nnlab %s: a lab for learning how neural networks and large models work.\n"
	             "New here? Type 'lesson start' for the first lesson.\n"
	             "'help' lists the commands; 'define WORD' explains a term (define 学习率).\n"),
	           PACKAGE_VERSION);
}

/* ==== version =========================================================== */

static int
cmd_version(session *s, cmd_args *a)
{
	(void)s;
	if (args_max(a, 0, "version") < 0)
		return -1;
	out_printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
#ifdef HAVE_CBLAS
	out_printf(_("matrix kernels: built-in, and CBLAS for large products\n"));
#else
	out_printf(_("matrix kernels: built-in (no CBLAS)\n"));
#endif
	out_printf(_("License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
	             "This is free software: you are free to change and redistribute it.\n"
	             "There is NO WARRANTY, to the extent permitted by law.\n"));
	return 0;
}

const cmd_entry cmd_version_entry = {
	.name = "version",
	.topic = "session",
	.usage = "version",
	.summary = N_("show the version and how nnlab was built"),
	.help = N_("Prints the version, the matrix kernels compiled in, and the licence."),
	.examples = "version",
	.exec = cmd_version,
	.flags = CMD_JOB_OK,
};

/* ==== probes for lessons ================================================ */

const char *const session_probe_names[] = {"seed", "digits", "width", "echo", NULL};

int
session_probe(session *s, const char *name, double *out)
{
	if (strcmp(name, "seed") == 0)
		*out = (double)s->seed;
	else if (strcmp(name, "digits") == 0)
		*out = s->digits;
	else if (strcmp(name, "width") == 0)
		*out = s->width;
	else if (strcmp(name, "echo") == 0)
		*out = s->echo;
	else
		return 0;
	return 1;
}
