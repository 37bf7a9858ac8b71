# src/tui: the terminal front ends -- the full-screen workspace (ncurses)
# and the plain line mode (readline).
noinst_LIBRARIES += libnntui.a
libnntui_a_SOURCES = \
	src/tui/linemode.c src/tui/linemode.h
libnntui_a_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS) $(READLINE_CFLAGS)
