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
# every entry's demo, in six parts (tests/glossary-demos.inc says why)
dist_check_SCRIPTS += tests/glossary-demos-1.sh tests/glossary-demos-2.sh \
	tests/glossary-demos-3.sh tests/glossary-demos-4.sh tests/glossary-demos-5.sh \
	tests/glossary-demos-6.sh
EXTRA_DIST += tests/glossary-demos.inc
# the Chinese side: short-zh: and the -zh sections parsed (good and bad),
# lookup and search with Chinese input, Chinese wrapped by display width
check_PROGRAMS += tests/unit/test-glossary-zh
tests_unit_test_glossary_zh_LDADD = libnncontent.a libnnutil.a libnncore.a -lm
TESTS += tests/unit/test-glossary-zh
# the shipped glossary's Chinese texts: all there, numbers kept, lines fit
check_PROGRAMS += tests/unit/test-gloss-zh-shipped
tests_unit_test_gloss_zh_shipped_LDADD = libnncontent.a libnnutil.a libnncore.a -lm
TESTS += tests/unit/test-gloss-zh-shipped
# the glossary commands in Chinese, and glossary check on broken twins
dist_check_SCRIPTS += tests/glossary-zh.sh
EXTRA_DIST += tests/unit/gloss-testlib.h
