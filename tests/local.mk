# tests/: everything `make check` runs, through automake's TAP driver.
#   tests/unit/      C unit tests of the command language and utilities
#   tests/core/      C tests of the numeric core, linked with libnncore.a
#                    and -lm only (test-purity proves the core needs no more)
#   tests/*.sh       shell tests: transcripts, the man page against the
#                    command table, bad input
#   tests/transcripts/NAME.cmds and NAME.out: batch runs compared byte for byte

LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
AM_TESTS_ENVIRONMENT = \
	LC_ALL=C; export LC_ALL; \
	NNLAB=$(abs_top_builddir)/nnlab; export NNLAB; \
	NNLAB_DATADIR=$(abs_top_srcdir); export NNLAB_DATADIR; \
	top_srcdir=$(abs_top_srcdir); export top_srcdir; \
	top_builddir=$(abs_top_builddir); export top_builddir; \
	XDG_STATE_HOME=$(abs_top_builddir)/tests/state; export XDG_STATE_HOME; \
	NO_COLOR=1; export NO_COLOR;

EXTRA_DIST += tests/tap.h tests/setup.sh tests/tmuxlib.sh tests/transcripts tests/lessons build-aux/tap-driver.sh

# C unit tests linked against the whole program's libraries
NNLAB_TEST_LIBS = $(NNLAB_LIBS) $(NCURSESW_LIBS) $(READLINE_LIBS) $(BLAS_LIBS) -lm

check_PROGRAMS += tests/unit/test-tokenize tests/unit/test-cmd tests/unit/test-util
tests_unit_test_tokenize_LDADD = $(NNLAB_TEST_LIBS)
tests_unit_test_cmd_LDADD = $(NNLAB_TEST_LIBS)
tests_unit_test_util_LDADD = $(NNLAB_TEST_LIBS)
TESTS += tests/unit/test-tokenize tests/unit/test-cmd tests/unit/test-util

# shell tests
dist_check_SCRIPTS = \
	tests/transcripts.sh \
	tests/manpage.sh \
	tests/badinput.sh \
	tests/batch.sh \
	tests/linemode.sh \
	tests/shipped-lessons.sh \
	tests/fuzz-regressions.sh
TESTS += $(dist_check_SCRIPTS)

clean-local: clean-local-tests
clean-local-tests:
	-rm -rf tests/state tests/tmp

# each area keeps its own list of tests
include $(srcdir)/tests/core.mk
include $(srcdir)/tests/data.mk
include $(srcdir)/tests/content.mk
include $(srcdir)/tests/tui.mk
include $(srcdir)/tests/seq.mk
include $(srcdir)/tests/big.mk
include $(srcdir)/tests/fuzz/local.mk
include $(srcdir)/tests/more.mk
include $(srcdir)/tests/cnn.mk
include $(srcdir)/tests/i18n.mk
include $(srcdir)/tests/fault.mk
include $(srcdir)/tests/untrusted.mk
include $(srcdir)/tests/zhlessons.mk
include $(srcdir)/tests/zhseq.mk
include $(srcdir)/tests/zhman.mk
