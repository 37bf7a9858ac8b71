/* linemode.h - the interactive line mode: GNU readline at a `nnlab> `
 * prompt, with history kept across runs and tab completion from the
 * command table.  Not the full-screen workspace (see tui.h). */
#ifndef NN_TUI_LINEMODE_H
#define NN_TUI_LINEMODE_H

#include "cmd/session.h"

/* linemode_run: read and run commands until quit or end of input;
 * returns the exit status. */
int linemode_run(session *s);
/* history_path: the history file ($XDG_STATE_HOME/nnlab/history), or NULL.
 * malloc'd. */
char *history_path(void);
/* nn_run_typed_line: what happens to a line typed at the prompt (line
 * mode and workspace alike): history, then run it; an empty line moves
 * a lesson on. */
void nn_run_typed_line(session *s, const char *line);
/* nn_history_load: read the saved history into readline's (capped at
 * 2000 lines); returns the file's path for nn_history_save (malloc'd,
 * or NULL when there is no state directory). */
char *nn_history_load(void);
/* nn_history_save: write readline's history to path and free path;
 * 0, or -1 if it could not be written. */
int nn_history_save(char *path);
/* nn_rl_setup_completion: install the command-table completion. */
void nn_rl_setup_completion(session *s);

/* Set by SIGTERM and SIGHUP: leave cleanly (history saved, terminal
 * restored). */
extern volatile sig_atomic_t nn_terminate;

#endif
