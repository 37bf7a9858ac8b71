/* tui.h - the full-screen workspace: panes for output, charts and views,
 * a status line, and the command line at the bottom (readline).
 *
 * nnlab opens it on a terminal of at least TUI_MIN_COLS x TUI_MIN_ROWS
 * unless --plain is given; a smaller terminal gets the line mode
 * (linemode.h).  Not used in batch mode.
 */
#ifndef NN_TUI_TUI_H
#define NN_TUI_TUI_H

#include "cmd/session.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

/* tui_fits: whether the terminal on standard output is big enough for the
 * workspace; its size in *cols, *rows (0 when unknown). */
int tui_fits(int *cols, int *rows);
/* tui_run: the workspace, until quit, end of input or SIGTERM/SIGHUP;
 * the terminal is restored and the history saved in every case.
 * Returns the exit status. */
int tui_run(session *s);

#endif
