/* colors.c - colour roles mapped to curses attributes per scheme (see
 * colors.h).  One colour pair per role, set up once per scheme. */
#include <config.h>

#include "tui/colors.h"

static enum color_scheme scheme;
static int bold_all;
static attr_t attrs[ROLE_COUNT];

/* Okabe-Ito in the xterm 256-colour cube: blue, orange, bluish green,
 * vermillion, sky blue, reddish purple, yellow, grey. */
static const short series_256[ROLE_NSERIES] = {32, 214, 36, 166, 74, 175, 221, 250};
static const short series_8[ROLE_NSERIES] = {COLOR_BLUE,  COLOR_YELLOW,  COLOR_GREEN, COLOR_RED,
                                             COLOR_CYAN, COLOR_MAGENTA, COLOR_YELLOW, COLOR_WHITE};
/* viridis, dark to light */
static const short seq_256[10] = {53, 54, 61, 67, 31, 36, 35, 77, 148, 226};
/* blue - near white - orange */
static const short div_256[9] = {25, 32, 74, 153, 255, 223, 215, 208, 166};

static void
set_pair(int role, short fg, short bg, attr_t extra)
{
	init_pair((short)(role + 1), fg, bg);
	attrs[role] = COLOR_PAIR(role + 1) | extra;
}

void
colors_init(int no_color, int projector)
{
	bold_all = projector;
	for (int i = 0; i < ROLE_COUNT; i++)
		attrs[i] = A_NORMAL;
	if (no_color || !has_colors()) {
		scheme = SCHEME_MONO;
	} else {
		start_color();
		use_default_colors();
		scheme = COLORS >= 256 && COLOR_PAIRS > ROLE_COUNT + 1 ? SCHEME_256 : SCHEME_8;
	}
	attr_t dim = projector ? A_NORMAL : A_DIM;
	if (scheme == SCHEME_MONO) {
		attrs[ROLE_ERROR] = A_BOLD;
		attrs[ROLE_WARN] = A_BOLD;
		attrs[ROLE_NOTE] = dim;
		attrs[ROLE_ECHO] = A_BOLD;
		attrs[ROLE_HEAD] = A_BOLD | A_UNDERLINE;
		attrs[ROLE_FRAME] = A_NORMAL;
		attrs[ROLE_FRAME_FOCUS] = A_REVERSE;
		attrs[ROLE_STATUS] = A_REVERSE;
		attrs[ROLE_STATUS_BUSY] = A_REVERSE | A_BOLD;
		attrs[ROLE_PROMPT] = A_BOLD;
		attrs[ROLE_AXIS] = dim;
		attrs[ROLE_TITLE] = A_BOLD;
		attrs[ROLE_NOTICE] = A_BOLD;
		for (int l = 7; l < 10; l++)
			attrs[ROLE_SEQ + l] = A_BOLD;
		attrs[ROLE_DIV + 0] = attrs[ROLE_DIV + 8] = A_BOLD;
	} else {
		int c256 = scheme == SCHEME_256;
		set_pair(ROLE_ERROR, COLOR_RED, -1, A_BOLD);
		set_pair(ROLE_WARN, COLOR_YELLOW, -1, 0);
		set_pair(ROLE_NOTE, c256 ? 245 : COLOR_WHITE, -1, c256 ? 0 : dim);
		set_pair(ROLE_ECHO, COLOR_CYAN, -1, A_BOLD);
		set_pair(ROLE_HEAD, -1, -1, A_BOLD);
		set_pair(ROLE_FRAME, c256 ? 244 : COLOR_WHITE, -1, 0);
		set_pair(ROLE_FRAME_FOCUS, COLOR_BLACK, COLOR_CYAN, A_BOLD);
		set_pair(ROLE_STATUS, COLOR_BLACK, c256 ? 250 : COLOR_WHITE, 0);
		set_pair(ROLE_STATUS_BUSY, COLOR_BLACK, c256 ? 214 : COLOR_YELLOW, A_BOLD);
		set_pair(ROLE_PROMPT, COLOR_CYAN, -1, A_BOLD);
		set_pair(ROLE_AXIS, c256 ? 244 : COLOR_WHITE, -1, 0);
		set_pair(ROLE_TICK, -1, -1, 0);
		set_pair(ROLE_TITLE, -1, -1, A_BOLD);
		set_pair(ROLE_NOTICE, COLOR_BLACK, COLOR_YELLOW, A_BOLD);
		for (int k = 0; k < ROLE_NSERIES; k++)
			set_pair(ROLE_SERIES + k, c256 ? series_256[k] : series_8[k], -1, c256 ? 0 : A_BOLD);
		for (int l = 0; l < 10; l++) {
			if (c256)
				set_pair(ROLE_SEQ + l, l < 5 ? 255 : 16, seq_256[l], 0);
			else
				set_pair(ROLE_SEQ + l, l < 3 ? COLOR_BLUE : l < 6 ? COLOR_GREEN : COLOR_YELLOW, -1,
				         l >= 7 ? A_BOLD : 0);
		}
		for (int l = 0; l < 9; l++) {
			if (c256)
				set_pair(ROLE_DIV + l, l == 0 || l == 8 ? 255 : 16, div_256[l], 0);
			else
				set_pair(ROLE_DIV + l, l < 4 ? COLOR_BLUE : l == 4 ? COLOR_WHITE : COLOR_YELLOW, -1,
				         l == 0 || l == 8 ? A_BOLD : 0);
		}
	}
	if (bold_all)
		for (int i = 0; i < ROLE_COUNT; i++)
			if (i != ROLE_NOTE && i != ROLE_AXIS)
				attrs[i] |= A_BOLD;
}

enum color_scheme
colors_scheme(void)
{
	return scheme;
}

attr_t
color_attr(int role)
{
	return role >= 0 && role < ROLE_COUNT ? attrs[role] : A_NORMAL;
}

int
colors_fill_cells(void)
{
	return scheme == SCHEME_256;
}
