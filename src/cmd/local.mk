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
	src/cmd/cmd-session.c \
	src/cmd/cmd-mem.c \
	src/cmd/cmd-quant.c src/cmd/biglab.c src/cmd/biglab.h \
	src/cmd/cmd-distill.c \
	src/cmd/cmd-parallel.c \
	src/cmd/cmd-transfer.c \
	src/cmd/cmd-gd.c \
	src/cmd/cmd-rl.c \
	src/cmd/netlab.c src/cmd/netlab.h \
	src/cmd/cmd-data.c \
	src/cmd/netcmd.c src/cmd/netcmd.h \
	src/cmd/cmd-net.c \
	src/cmd/cmd-train.c \
	src/cmd/cmd-netfile.c \
	src/cmd/cmd-ae.c \
	src/cmd/cmd-gan.c \
	src/cmd/cmd-predict.c \
	src/cmd/cmd-sweep.c \
	src/cmd/cmd-plot.c src/cmd/plotsrc.h src/cmd/workspace.h \
	src/cmd/cmd-glossary.c \
	src/cmd/cmd-lesson.c src/cmd/lessonrun.h \
	src/cmd/seqlab.c src/cmd/seqlab.h \
	src/cmd/cmd-attn.c \
	src/cmd/cmd-vocab.c \
	src/cmd/cmd-embed.c \
	src/cmd/cmd-rnn.c
