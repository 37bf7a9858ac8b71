# tests/fuzz: libFuzzer targets for every parser (configure --enable-fuzzing
# with CC=clang).  `make fuzz` runs each for FUZZ_TIME seconds (default 60)
# from its seed corpus under tests/fuzz/corpus/NAME with the dictionary
# tests/fuzz/NAME.dict, keeping what it learns in fuzz-corpus/NAME, and
# prints executions and coverage; a crash stops it with the input saved.
# FUZZ_RUNS=N runs N executions from seed 1 instead (the CI smoke run).
FUZZ_TARGETS = tokenize command lesson glossary csv modelfile json
EXTRA_DIST += tests/fuzz/corpus tests/fuzz/regressions tests/fuzz/run.sh \
	tests/fuzz/tokenize.dict tests/fuzz/command.dict tests/fuzz/lesson.dict tests/fuzz/glossary.dict tests/fuzz/csv.dict tests/fuzz/modelfile.dict tests/fuzz/json.dict
FUZZ_TIME = 60
FUZZ_RUNS =

if ENABLE_FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz-tokenize tests/fuzz/fuzz-command tests/fuzz/fuzz-lesson tests/fuzz/fuzz-glossary tests/fuzz/fuzz-csv tests/fuzz/fuzz-modelfile tests/fuzz/fuzz-json
FUZZ_LIBS = $(NNLAB_LIBS) $(NCURSESW_LIBS) $(READLINE_LIBS) $(BLAS_LIBS) -lm
tests_fuzz_fuzz_tokenize_SOURCES = tests/fuzz/fuzz-tokenize.c
tests_fuzz_fuzz_tokenize_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_tokenize_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_command_SOURCES = tests/fuzz/fuzz-command.c
tests_fuzz_fuzz_command_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_command_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_lesson_SOURCES = tests/fuzz/fuzz-lesson.c
tests_fuzz_fuzz_lesson_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_lesson_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_glossary_SOURCES = tests/fuzz/fuzz-glossary.c
tests_fuzz_fuzz_glossary_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_glossary_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_csv_SOURCES = tests/fuzz/fuzz-csv.c
tests_fuzz_fuzz_csv_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_csv_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_modelfile_SOURCES = tests/fuzz/fuzz-modelfile.c
tests_fuzz_fuzz_modelfile_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_modelfile_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_json_SOURCES = tests/fuzz/fuzz-json.c
tests_fuzz_fuzz_json_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_json_LDFLAGS = $(FUZZ_LDFLAGS)

fuzz: tests/fuzz/fuzz-tokenize tests/fuzz/fuzz-command tests/fuzz/fuzz-lesson tests/fuzz/fuzz-glossary tests/fuzz/fuzz-csv tests/fuzz/fuzz-modelfile tests/fuzz/fuzz-json
	@FUZZ_TIME=$(FUZZ_TIME) FUZZ_RUNS=$(FUZZ_RUNS) $(SHELL) $(srcdir)/tests/fuzz/run.sh $(srcdir) $(FUZZ_TARGETS)
else
fuzz:
	@echo "make fuzz: configure with --enable-fuzzing CC=clang first"; exit 1
endif
.PHONY: fuzz
