# tests/content.mk: the glossary -- its parser and text layout (linked with
# the content, utility and core libraries only), its worked examples
# recomputed, its commands (completion in process, transcripts, bad input,
# every try: line run).
check_PROGRAMS += tests/unit/test-glossary
tests_unit_test_glossary_LDADD = libnncontent.a libnnutil.a libnncore.a -lm
TESTS += tests/unit/test-glossary
check_PROGRAMS += tests/unit/test-gloss-examples
tests_unit_test_gloss_examples_LDADD = libnncontent.a libnnutil.a libnncore.a -lm
TESTS += tests/unit/test-gloss-examples
check_PROGRAMS += tests/unit/test-glossary-cmd
tests_unit_test_glossary_cmd_LDADD = $(NNLAB_TEST_LIBS)
TESTS += tests/unit/test-glossary-cmd
dist_check_SCRIPTS += tests/glossary.sh
