/* colors.h - the workspace's colours as semantic roles.
 *
 * Panes never name a colour: they ask for a role (an error line, an axis,
 * the third series, shade level 7 of a heatmap) and the scheme in use
 * maps it to curses attributes.  Schemes: 256 colours, 8 colours and
 * monochrome (NO_COLOR, TERM without colours), each with a projector
 * variant (bold, high contrast).  Series use the Okabe-Ito palette and
 * heatmaps viridis (sequential) or blue-white-orange (diverging), which
 * people with the common colour blindnesses tell apart.  Not a theme
 * engine: there is one palette per scheme.
 */
#ifndef NN_TUI_COLORS_H
#define NN_TUI_COLORS_H

#include <curses.h>

enum color_role {
	ROLE_NORMAL,
	ROLE_ERROR,
	ROLE_WARN,
	ROLE_NOTE,
	ROLE_ECHO,
	ROLE_HEAD,
	ROLE_FRAME,        /* pane titles and separators */
	ROLE_FRAME_FOCUS,  /* the focused pane's title */
	ROLE_STATUS,       /* the status line */
	ROLE_STATUS_BUSY,  /* the status line's job marker */
	ROLE_PROMPT,
	ROLE_AXIS,
	ROLE_TICK,
	ROLE_TITLE,
	ROLE_NOTICE,       /* the terminal-too-small notice */
	ROLE_SERIES,       /* + 0..ROLE_NSERIES-1 */
	ROLE_SEQ = ROLE_SERIES + 8,   /* + 0..9: sequential heatmap levels */
	ROLE_DIV = ROLE_SEQ + 10,     /* + 0..8: diverging heatmap levels */
	ROLE_COUNT = ROLE_DIV + 9,
};
#define ROLE_NSERIES 8

enum color_scheme { SCHEME_MONO, SCHEME_8, SCHEME_256 };

/* colors_init: choose the scheme (after initscr): monochrome when no_color
 * is set or the terminal has no colours, else 256 or 8 colours as the
 * terminal allows; projector makes everything bold and brighter. */
void colors_init(int no_color, int projector);
enum color_scheme colors_scheme(void);
/* color_attr: the attributes for a role. */
attr_t color_attr(int role);
/* colors_fill_cells: whether heatmap cells are drawn as coloured blocks
 * (256 colours) rather than shade glyphs. */
int colors_fill_cells(void);

#endif
