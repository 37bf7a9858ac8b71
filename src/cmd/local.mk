# src/cmd: the command language -- tokenizer, table, dispatch, session,
# scripts, and one cmd-<family>.c per family of commands.
noinst_LIBRARIES += libnncmd.a
libnncmd_a_SOURCES = \
	src/cmd/tokenize.c src/cmd/tokenize.h \
	src/cmd/cmd.c src/cmd/cmd.h \
	src/cmd/session.c src/cmd/session.h \
	src/cmd/families.h src/cmd/cmd-families.h \
	src/cmd/settings.c src/cmd/settings.h \
	src/cmd/script.c src/cmd/script.h \
	src/cmd/cmd-table.c \
	src/cmd/cmd-session.c
