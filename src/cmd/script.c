/* script.c - run scripts line by line with FILE:LINE errors. */
#include <config.h>

#include "cmd/script.h"
#include "cmd/cmd.h"
#include "core/alloc.h"
#include "out/out.h"
#include "util/fileio.h"

#include <stdlib.h>
#include <string.h>

/* Run one line of a script.  Returns -1 when the script must stop. */
static int
script_line(session *s, const char *name, long lineno, char *line, size_t len, int *failed)
{
	if (len > 0 && line[len - 1] == '\r')
		line[--len] = '\0';
	long saved_line;
	const char *f = out_get_where(&saved_line);
	char *saved = f ? xstrdup(f) : NULL;
	out_set_where(name, lineno);
	char first = line[strspn(line, " \t")];
	if (s->source_depth == 0 && first != '\0' && first != '#')
		session_history_add(s, line);
	int rc;
	if (memchr(line, '\0', len))
		rc = out_error("the line contains a NUL byte; is this a binary file?");
	else
		rc = cmd_run_line(s, line);
	if (saved)
		out_set_where(saved, saved_line);
	else
		out_clear_where();
	free(saved);
	if (rc < 0) {
		*failed = 1;
		if (!s->keep_going)
			return -1;
	}
	return 0;
}

int
script_run_string(session *s, const char *name, const char *text)
{
	char *copy = xstrdup(text);
	char *p = copy;
	long lineno = 0;
	int failed = 0;
	while (*p && !s->quit && !nn_terminate) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (nl)
			*nl = '\0';
		lineno++;
		if (script_line(s, name, lineno, p, len, &failed) < 0)
			break;
		if (!nl)
			break;
		p = nl + 1;
	}
	free(copy);
	return failed ? -1 : 0;
}

int
script_run_file(session *s, const char *path)
{
	char *text;
	size_t len;
	char err[NN_ERRLEN];
	if (file_read(path, NN_SCRIPT_MAX, &text, &len, err) < 0)
		return out_error("%s; check the file name", err);
	if (memchr(text, '\0', len)) {
		free(text);
		return out_error("'%s' contains NUL bytes and is not a script; give a text file of commands", path);
	}
	int rc = script_run_string(s, path, text);
	free(text);
	return rc;
}

int
script_run_stream(session *s, const char *name, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int failed = 0;
	while (!s->quit && !nn_terminate && (n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		size_t len = (size_t)n;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (script_line(s, name, lineno, line, len, &failed) < 0)
			break;
	}
	free(line);
	return failed ? -1 : 0;
}
