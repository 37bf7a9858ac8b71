/* linemode.c - interactive line mode over readline's callback interface.
 *
 * The main loop select()s on stdin and feeds readline one character at a
 * time, so signals are handled here and not inside readline: Ctrl-C at the
 * prompt clears the line, during a command it stops the work (the command
 * polls nn_interrupted), SIGTERM and SIGHUP save the history and leave.
 */
#include <config.h>

#include "tui/linemode.h"
#include "cmd/cmd.h"
#include "cmd/lessonrun.h"
#include "core/alloc.h"
#include "out/out.h"
#include "out/outlog.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

static session *lm_session;
static int lm_eof;

char *
history_path(void)
{
	char *dir = nn_state_dir();
	if (!dir)
		return NULL;
	size_t n = strlen(dir) + 16;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/history", dir);
	free(dir);
	return p;
}

/* ==== completion ======================================================== */

static char **lm_cands;
static size_t lm_cand_i;

static char *
lm_generator(const char *text, int state)
{
	(void)text;
	if (!state)
		lm_cand_i = 0;
	if (!lm_cands || !lm_cands[lm_cand_i])
		return NULL;
	return xstrdup(lm_cands[lm_cand_i++]);
}

static void
free_cands(void)
{
	for (size_t i = 0; lm_cands && lm_cands[i]; i++)
		free(lm_cands[i]);
	free(lm_cands);
	lm_cands = NULL;
}

/* Split the line before the cursor into words, honouring quotes and the
 * last ';' (completion looks at the current command only). */
static int
split_words(const char *line, int end, char ***out)
{
	int start = 0, inq = 0;
	for (int i = 0; i < end; i++) {
		if (line[i] == '"' || line[i] == '\'')
			inq = inq == line[i] ? 0 : inq ? inq : line[i];
		else if (line[i] == ';' && !inq)
			start = i + 1;
	}
	char **w = NULL;
	int n = 0;
	int i = start;
	while (i < end) {
		while (i < end && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= end)
			break;
		int ws = i;
		inq = 0;
		while (i < end && (inq || (line[i] != ' ' && line[i] != '\t'))) {
			if (line[i] == '"' || line[i] == '\'')
				inq = inq == line[i] ? 0 : inq ? inq : line[i];
			i++;
		}
		w = xreallocarray(w, (size_t)n + 1, sizeof *w);
		w[n++] = xstrndup(line + ws, (size_t)(i - ws));
	}
	*out = w;
	return n;
}

static char **
lm_complete(const char *text, int start, int end)
{
	(void)end;
	char **words;
	int n = split_words(rl_line_buffer, start, &words);
	int file = 0;
	free_cands();
	lm_cands = cmd_complete_words(lm_session, (const char *const *)words, n, text, &file);
	for (int i = 0; i < n; i++)
		free(words[i]);
	free(words);
	if (file && !lm_cands) {
		rl_attempted_completion_over = 0;
		return NULL;
	}
	rl_attempted_completion_over = 1;
	if (!lm_cands || !lm_cands[0])
		return NULL;
	/* "key=" wants no space after it */
	size_t l = strlen(lm_cands[0]);
	if (!lm_cands[1] && l && lm_cands[0][l - 1] == '=')
		rl_completion_suppress_append = 1;
	return rl_completion_matches(text, lm_generator);
}

void
nn_rl_setup_completion(session *s)
{
	lm_session = s;
	rl_attempted_completion_function = lm_complete;
	rl_completer_word_break_characters = " \t;";
	rl_completer_quote_characters = "\"'";
}

/* ==== the loop ========================================================== */

void
nn_run_typed_line(session *s, const char *line)
{
	if (line[0]) {
		add_history(line);
		session_history_add(s, line);
		cmd_run_line(s, line);
	} else if (lesson_active(s)) {
		/* Enter on an empty line moves the lesson on */
		cmd_run_line(s, "next");
	}
}

char *
nn_history_load(void)
{
	char *hist = history_path();
	if (hist) {
		char err[NN_ERRLEN];
		char *dir = nn_state_dir();
		if (dir && dir_make_parents(dir, err) == 0)
			read_history(hist);
		free(dir);
	}
	stifle_history(2000);
	return hist;
}

int
nn_history_save(char *hist)
{
	int rc = 0;
	if (hist) {
		rc = write_history(hist) != 0 ? -1 : 0;
		free(hist);
	}
	return rc;
}

static void
lm_line(char *line)
{
	if (!line) {
		lm_eof = 1;
		return;
	}
	session *s = lm_session;
	/* what was typed belongs to the session's log (`log save`) too,
	 * though readline has already shown it */
	if (line[0] && !s->echo) {
		strbuf b;
		sb_init(&b);
		sb_printf(&b, "nnlab> %s\n", line);
		outlog_add(OUT_ECHO, b.s, b.len);
		sb_free(&b);
	}
	nn_run_typed_line(s, line);
	free(line);
	fflush(stdout);
}

int
linemode_run(session *s)
{
	lm_session = s;
	char *hist = nn_history_load();
	rl_catch_signals = 0;
	rl_catch_sigwinch = 1;
	rl_readline_name = "nnlab";
	nn_rl_setup_completion(s);
	rl_callback_handler_install("nnlab> ", lm_line);
	while (!s->quit && !lm_eof && !nn_terminate) {
		fd_set fds;
		FD_ZERO(&fds);
		FD_SET(STDIN_FILENO, &fds);
		int r = select(STDIN_FILENO + 1, &fds, NULL, NULL, NULL);
		if (r < 0) {
			if (errno != EINTR)
				break;
			if (nn_interrupted) {
				nn_interrupted = 0;
				/* Ctrl-C at the prompt: drop the line, fresh prompt */
				rl_free_line_state();
				rl_callback_sigcleanup();
				rl_replace_line("", 0);
				fputs("^C\n", stdout);
				rl_on_new_line();
				rl_redisplay();
			}
			continue;
		}
		rl_callback_read_char();
		if (s->quit || lm_eof)
			break;
	}
	rl_callback_handler_remove();
	if (lm_eof)
		fputc('\n', stdout);
	if (hist) {
		char *path = xstrdup(hist);
		if (nn_history_save(hist) != 0)
			fprintf(stderr, _("nnlab: warning: cannot save the history to %s\n"), path);
		free(path);
	}
	free_cands();
	return s->exit_code;
}
