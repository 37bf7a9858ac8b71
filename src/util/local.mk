# src/util: strings, UTF-8, files, numbers.  libc only (and the core's
# checked allocation); shared by every layer above the core.
noinst_LIBRARIES += libnnutil.a
libnnutil_a_SOURCES = \
	src/util/strbuf.c src/util/strbuf.h \
	src/util/utf8.c src/util/utf8.h \
	src/util/fileio.c src/util/fileio.h \
	src/util/text.c src/util/text.h \
	src/util/json.c src/util/json.h \
	src/util/i18n.c src/util/i18n.h
