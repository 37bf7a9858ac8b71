/* main.c - nnlab's entry point: options, and the choice between the
 * workspace, the plain line mode and batch mode.
 *
 *   nnlab                 workspace on a terminal (line mode with --plain)
 *   nnlab FILE            run a script of commands
 *   nnlab -c 'CMD; CMD'   run commands from the command line
 *   ... | nnlab           run commands from standard input
 *   nnlab --model NET.nnl --predict FILE.csv   predictions as CSV on stdout
 *
 * Batch mode has no readline, no colour and no prompt; a script stops at
 * its first error (FILE:LINE: error: ...) with exit status 1.
 */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/lessonrun.h"
#include "cmd/script.h"
#include "cmd/session.h"
#include "out/out.h"
#include "tui/linemode.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/utf8.h"

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* arg_complain: the message fmt (one %s) about a command-line argument
 * on stderr, the argument shown harmlessly (util/utf8.h): it may be a file
 * name a shell glob expanded, with control characters in it. */
static void __attribute__((format(printf, 1, 0)))
arg_complain(const char *fmt, const char *arg)
{
	strbuf b;
	sb_init(&b);
	utf8_append_safe(&b, arg, strlen(arg), 0);
	fprintf(stderr, fmt, b.s);
	sb_free(&b);
}

static void
usage(FILE *f)
{
	fputs(_("Usage: nnlab [OPTION]... [FILE]\n"
	        "A terminal lab for learning how neural networks and large models work.\n"
	        "\n"
	        "With no FILE, on a terminal, nnlab opens an interactive session; with FILE,\n"
	        "or with commands on standard input, it runs them in batch mode.\n"
	        "\n"
	        "  -c, --command=CMDS   run CMDS (commands separated by ';') and exit\n"
	        "  -q, --quiet          print only errors and warnings\n"
	        "      --seed=N         start with random seed N (default 0)\n"
	        "      --plain          use the plain line mode even on a terminal\n"
	        "  -k, --keep-going     in scripts, go on after an error\n"
	        "      --lesson=FILE    start the lesson in FILE (a teacher's own lesson)\n"
	        "      --check-lesson=FILE  validate FILE and run it unattended with its\n"
	        "                       own answers; report every failure\n"
	        "      --no-skip        in lessons, refuse 'skip'\n"
	        "      --model=NET.nnl --predict=FILE.csv  run the saved network on the rows\n"
	        "                       of FILE.csv and write the predictions as CSV to\n"
	        "                       standard output (no prompt)\n"
	        "      --echo           print each command before its output\n"
	        "      --lang=LANG      speak LANG: en (English) or zh (中文); the default\n"
	        "                       follows LANGUAGE, LC_ALL, LC_MESSAGES and LANG\n"
	        "      --help           display this help and exit\n"
	        "      --version        output version information and exit\n"
	        "\n"
	        "Type 'help' at the prompt for the commands.  Environment: NNLAB_DATADIR,\n"
	        "XDG_STATE_HOME, NO_COLOR, LANG.  See nnlab(1).\n"), f);
}

static void
on_sigint(int sig)
{
	(void)sig;
	nn_interrupted = 1;
}

static void
on_sigterm(int sig)
{
	(void)sig;
	nn_terminate = 1;
	nn_interrupted = 1;
}

static void
install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_sigterm;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* For the man page test: the command table, one command a line. */
static void
dump_commands(void)
{
	for (int i = 0; cmd_table[i]; i++) {
		const cmd_entry *e = cmd_table[i];
		if (e->flags & CMD_HIDDEN)
			continue;
		printf("%s\t%s\t%s\n", e->name, e->usage, e->summary);
	}
}

int
main(int argc, char **argv)
{
	enum { OPT_SEED = 256, OPT_PLAIN, OPT_ECHO, OPT_HELP, OPT_VERSION, OPT_DUMP, OPT_LESSON,
	       OPT_CHECK_LESSON, OPT_NO_SKIP, OPT_MODEL, OPT_PREDICT, OPT_LANG };
	static const struct option opts[] = {
		{"command", required_argument, NULL, 'c'},
		{"quiet", no_argument, NULL, 'q'},
		{"seed", required_argument, NULL, OPT_SEED},
		{"plain", no_argument, NULL, OPT_PLAIN},
		{"keep-going", no_argument, NULL, 'k'},
		{"echo", no_argument, NULL, OPT_ECHO},
		{"help", no_argument, NULL, OPT_HELP},
		{"version", no_argument, NULL, OPT_VERSION},
		{"dump-commands", no_argument, NULL, OPT_DUMP},
		{"lesson", required_argument, NULL, OPT_LESSON},
		{"check-lesson", required_argument, NULL, OPT_CHECK_LESSON},
		{"no-skip", no_argument, NULL, OPT_NO_SKIP},
		{"model", required_argument, NULL, OPT_MODEL},
		{"predict", required_argument, NULL, OPT_PREDICT},
		{"lang", required_argument, NULL, OPT_LANG},
		{NULL, 0, NULL, 0},
	};
	const char *command = NULL, *lesson_file = NULL, *check_lesson = NULL;
	const char *model_file = NULL, *predict_csv = NULL;
	int no_skip = 0, want_help = 0;
	int quiet = 0, plain = 0, keep_going = 0, echo = 0;
	long seed = 0;
	/* The user's locale for characters (wide input, display widths) and
	 * messages; numbers are always read and printed the C way, so
	 * "0.5" means the same everywhere and transcripts are byte-stable. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	i18n_init(NULL);

	int c;
	opterr = 0;  /* getopt's own messages would show the argument raw */
	while ((c = getopt_long(argc, argv, "c:qk", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			command = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'k':
			keep_going = 1;
			break;
		case OPT_SEED: {
			const char *why;
			if (text_parse_long(optarg, &seed, &why) < 0 || seed < 0 || seed > 2147483647L) {
				arg_complain(_("nnlab: --seed '%s' is not valid; give a whole number from 0 to 2147483647\n"),
				             optarg);
				return 2;
			}
			break;
		}
		case OPT_PLAIN:
			plain = 1;
			break;
		case OPT_ECHO:
			echo = 1;
			break;
		case OPT_HELP:
			want_help = 1;
			break;
		case OPT_LANG:
			if (i18n_parse(optarg) < 0) {
				arg_complain(_("nnlab: --lang '%s' is not known; give en (English) or zh (中文)\n"), optarg);
				return 2;
			}
			i18n_init(optarg);
			break;
		case OPT_VERSION:
			printf("%s %s\nCopyright (C) 2026 The nnlab authors.\n", PACKAGE_NAME, PACKAGE_VERSION);
			fputs(_("License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
			        "This is free software: you are free to change and redistribute it.\n"
			        "There is NO WARRANTY, to the extent permitted by law.\n"),
			      stdout);
			return 0;
		case OPT_DUMP:
			dump_commands();
			return 0;
		case OPT_LESSON:
			lesson_file = optarg;
			break;
		case OPT_CHECK_LESSON:
			check_lesson = optarg;
			break;
		case OPT_NO_SKIP:
			no_skip = 1;
			break;
		case OPT_MODEL:
			model_file = optarg;
			break;
		case OPT_PREDICT:
			predict_csv = optarg;
			break;
		default:
			if (optopt == 'c')
				arg_complain(_("nnlab: option '-%s' needs an argument\n"), (char[]){(char)optopt, '\0'});
			else if (optopt > 0 && optopt < 128)
				arg_complain(_("nnlab: unknown option '-%s'\n"), (char[]){(char)optopt, '\0'});
			else
				arg_complain(_("nnlab: unknown option, or an option without its value: '%s'\n"),
				             argv[optind - 1]);
			fprintf(stderr, _("Try 'nnlab --help' for more information.\n"));
			return 2;
		}
	}
	if (want_help) {
		usage(stdout);
		return 0;
	}
	const char *script = NULL;
	if (optind < argc)
		script = argv[optind++];
	if (optind < argc) {
		arg_complain(_("nnlab: unexpected argument '%s'\nTry 'nnlab --help' for more information.\n"),
		             argv[optind]);
		return 2;
	}
	if ((model_file != NULL) != (predict_csv != NULL)) {
		fprintf(stderr, _("nnlab: --model and --predict go together: nnlab --model NET.nnl --predict FILE.csv\n"));
		return 2;
	}
	if ((command != NULL) + (script != NULL) + (check_lesson != NULL) + (model_file != NULL) > 1) {
		fprintf(stderr, _("nnlab: give only one of -c CMDS, --check-lesson FILE, --predict FILE and a script FILE\n"));
		return 2;
	}

	cmd_init();
	session s;
	session_init(&s, (uint64_t)seed);
	s.keep_going = keep_going;
	s.no_skip = no_skip;
	s.echo = echo;
	int in_tty = isatty(STDIN_FILENO), out_tty = isatty(STDOUT_FILENO);
	s.batch = command || script || check_lesson || model_file || !in_tty;
	s.interactive = !s.batch;
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	int color = !s.batch && out_tty && !(nc && nc[0]) && !(term && strcmp(term, "dumb") == 0);
	out_plain_configure(color, out_tty && !s.batch);
	out_set_quiet(quiet);
	install_signals();
	/* Chinese asked for (--lang zh or the environment) but no catalogue:
	 * say so once; glossary entries and lessons still carry Chinese */
	if (i18n_lang() == LANG_ZH && !i18n_catalogue_ok())
		out_warn("the Chinese message catalogue (nnlab.mo) was not found; messages stay in English, "
		         "glossary entries and lessons are shown in Chinese");

	int rc = 0, tcols = 0, trows = 0;
	if (lesson_file && lesson_run_file(&s, lesson_file, 0) < 0 && s.batch)
		rc = 1;
	if (model_file) {
		rc = predict_shell(&s, model_file, predict_csv) < 0 ? 1 : 0;
	} else if (check_lesson) {
		rc = lesson_run_file(&s, check_lesson, 1) < 0 ? 1 : 0;
	} else if (rc) {
		/* the lesson given with --lesson could not start */
	} else if (command) {
		rc = script_run_string(&s, "-c", command) < 0 ? 1 : 0;
	} else if (script) {
		rc = script_run_file(&s, script) < 0 ? 1 : 0;
	} else if (!in_tty) {
		rc = script_run_stream(&s, "stdin", stdin) < 0 ? 1 : 0;
	} else if (!plain && out_tty && tui_fits(&tcols, &trows)) {
		rc = tui_run(&s);
	} else {
		if (!plain && out_tty && !quiet)
			printf(_("nnlab: the terminal is %dx%d; the workspace needs %dx%d, so this is line mode\n"), tcols,
			       trows, TUI_MIN_COLS, TUI_MIN_ROWS);
		if (!quiet)
			session_greet();
		rc = linemode_run(&s);
	}
	if (s.quit && s.exit_code)
		rc = s.exit_code;
	if (nn_terminate && s.batch) {
		/* SIGTERM or SIGHUP: the job stopped, nothing after it ran */
		fflush(stdout);
		fputs(_("nnlab: stopped by a signal; the rest of the commands did not run\n"), stderr);
		rc = 1;
	}
	fflush(stdout);
	session_free(&s);
	return rc;
}
