/* workspace.h - what commands may ask of the full-screen workspace.
 *
 * The workspace (src/tui) registers these operations while it runs;
 * in line and batch modes none are registered and the commands that
 * need them (layout NAME, focus, scroll) say so.  The names of layouts
 * and panes live here so commands can list and check them in any mode.
 * Commands never include curses: this is the whole interface.
 */
#ifndef NN_CMD_WORKSPACE_H
#define NN_CMD_WORKSPACE_H

#include "cmd/plotsrc.h"

typedef struct workspace_ops {
	/* layout: switch to layout index i of workspace_layouts */
	void (*layout)(void *ctx, int i);
	/* current_layout: index of the layout in use */
	int (*current_layout)(void *ctx);
	/* focus: pane index i of workspace_panes (-1: the next one); -1 if
	 * that pane is not in the current layout */
	int (*focus)(void *ctx, int i);
	/* scroll: the focused pane by pages (-1 up, +1 down) or to an end
	 * (-2 top, +2 bottom) */
	void (*scroll)(void *ctx, int how);
	/* show: take picture p (source: the plot source it came from, for
	 * live redraws, or NULL) into the chart or view pane; 0 if shown, -1
	 * if no pane of the layout can show it (p untouched) */
	int (*show)(void *ctx, plot_pic *p, const char *source, int argc, const char *const *argv);
	/* capture: 1 sends output to the view pane (from a clean page), 0
	 * back to the output pane; -1 if the layout has no view pane */
	int (*capture)(void *ctx, int on, const char *title);
} workspace_ops;

/* workspace_set: register (ops, ctx) or, with NULL, unregister. */
void workspace_set(const workspace_ops *ops, void *ctx);
/* workspace_get: the registered operations (and *ctx), or NULL. */
const workspace_ops *workspace_get(void **ctx);

/* Layouts and panes: {name, description}, ending with {NULL, NULL}. */
extern const char *const workspace_layouts[][2];
extern const char *const workspace_panes[][2];
int workspace_layout_index(const char *name);
int workspace_pane_index(const char *name);

#endif
