# tests/i18n.mk - tests of nnlab in two languages: the catalogue complete
# and well formed (no English leaks), choosing the language, gnuplot's
# font for Chinese titles, and the
# workspace typing and showing Chinese under tmux.  The Chinese transcript
# (tests/transcripts/zh-*.cmds with .args) runs in tests/transcripts.sh.
dist_check_SCRIPTS += tests/i18n-catalogue.sh tests/i18n-lang.sh tests/i18n-gnuplot.sh tests/tui-zh.sh

# language names, picking texts, and line breaking of Chinese in panes
check_PROGRAMS += tests/unit/test-i18n
tests_unit_test_i18n_LDADD = $(NNLAB_TEST_LIBS)
TESTS += tests/unit/test-i18n
