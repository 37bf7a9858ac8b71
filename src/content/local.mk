# src/content: glossary and lesson loaders (parsers only; the lesson runner is in src/cmd).
# libc and src/util only: they read files into structures and lay out text,
# and know nothing of commands or output.
noinst_LIBRARIES += libnncontent.a
libnncontent_a_SOURCES = \
	src/content/glossary.c src/content/glossary.h \
	src/content/textfmt.c src/content/textfmt.h \
	src/content/lesson.c src/content/lesson.h
