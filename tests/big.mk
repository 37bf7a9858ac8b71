# tests/big.mk: the large-model demos (issue 6): number formats, the
# memory estimator, reinforcement learning, loss landscapes.  The C tests
# of src/core link libnncore.a and -lm only.
BIG_CORE_TESTS = tests/big/test-numfmt tests/big/test-memest tests/big/test-landscape tests/big/test-rl tests/big/test-quant tests/big/test-distill tests/big/test-parallel
check_PROGRAMS += $(BIG_CORE_TESTS)
tests_big_test_numfmt_LDADD = libnncore.a -lm
tests_big_test_memest_LDADD = libnncore.a -lm
tests_big_test_landscape_LDADD = libnncore.a -lm
tests_big_test_rl_LDADD = libnncore.a -lm
tests_big_test_quant_LDADD = libnncore.a -lm
tests_big_test_distill_LDADD = libnncore.a -lm
tests_big_test_parallel_LDADD = libnncore.a -lm
TESTS += $(BIG_CORE_TESTS)

# bad input to every command: the message, and the state unchanged
dist_check_SCRIPTS += tests/big-bad.sh tests/big-stop.sh
