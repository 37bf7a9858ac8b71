# tests/data.mk
# Datasets, the CSV loader and the `data` command.  The core tests link
# libnncore.a and -lm only.
check_PROGRAMS += tests/core/test-dataset
tests_core_test_dataset_LDADD = libnncore.a -lm
TESTS += tests/core/test-dataset
EXTRA_DIST += tests/core/dataset-ref.py
check_PROGRAMS += tests/core/test-csv
tests_core_test_csv_LDADD = libnncore.a -lm
TESTS += tests/core/test-csv
EXTRA_DIST += tests/data
# (tests/local.mk runs every dist_check_SCRIPTS entry as a test)
dist_check_SCRIPTS += tests/data-bad.sh
