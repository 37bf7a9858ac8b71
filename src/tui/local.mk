# src/tui: the terminal front ends -- the full-screen workspace (ncurses)
# and the plain line mode (readline).
noinst_LIBRARIES += libnntui.a
libnntui_a_SOURCES = \
	src/tui/linemode.c src/tui/linemode.h \
	src/tui/tui.c src/tui/tui.h \
	src/tui/colors.c src/tui/colors.h \
	src/tui/pane.c src/tui/pane.h \
	src/tui/pane-output.c \
	src/tui/pane-pic.c \
	src/tui/pane-status.c
libnntui_a_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS) $(READLINE_CFLAGS)
