# src/core: the numeric core.  libc and libm only: no stdio UI, no curses,
# no readline.  tests/core/test-purity links against this library and -lm
# alone, so a UI dependency cannot creep in.
noinst_LIBRARIES += libnncore.a
libnncore_a_SOURCES = \
	src/core/alloc.c src/core/alloc.h \
	src/core/rng.c src/core/rng.h
