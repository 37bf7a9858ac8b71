# tests/zhlessons.mk: lessons in Chinese -- answers typed with a Chinese
# input method, the lessons/zh/ twins chosen by lesson start, the
# completer and the workspace view (in process), and the lesson commands
# in Chinese mode (lesson list, the fallback note).  The twins themselves
# are run and compared with the English lessons by tests/shipped-lessons.sh.
check_PROGRAMS += tests/unit/test-lesson-zh
tests_unit_test_lesson_zh_LDADD = $(NNLAB_TEST_LIBS)
TESTS += tests/unit/test-lesson-zh
dist_check_SCRIPTS += tests/lesson-zh.sh
