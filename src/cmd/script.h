/* script.h - running commands from files, strings and streams.
 *
 * The batch front end (nnlab FILE, nnlab -c, commands on stdin) and the
 * `source` command share these.  Errors carry FILE:LINE; a script stops at
 * its first error unless the session keeps going.
 */
#ifndef NN_CMD_SCRIPT_H
#define NN_CMD_SCRIPT_H

#include <stdio.h>

#include "cmd/session.h"

/* The largest script file nnlab reads. */
#define NN_SCRIPT_MAX (4u << 20)

/* script_run_file: run every line of path; 0, or -1 after an error. */
int script_run_file(session *s, const char *path);
/* script_run_string: run text as lines of a script named name. */
int script_run_string(session *s, const char *name, const char *text);
/* script_run_stream: run lines read one at a time from f (stdin). */
int script_run_stream(session *s, const char *name, FILE *f);

#endif
