# tests/seq.mk: the sequence commands (issue 5): attention, vocabularies,
# embeddings, the character RNN.  The C tests of src/core link libnncore.a
# and -lm only.
SEQ_CORE_TESTS = tests/core/test-attn tests/core/test-rnn tests/core/test-vocab tests/core/test-embed
check_PROGRAMS += $(SEQ_CORE_TESTS)
tests_core_test_attn_LDADD = libnncore.a -lm
tests_core_test_rnn_LDADD = libnncore.a -lm
tests_core_test_vocab_LDADD = libnncore.a -lm
tests_core_test_embed_LDADD = libnncore.a -lm
TESTS += $(SEQ_CORE_TESTS)

# W3 and W4 reproduced (bench/bench-seq is built by bench/local.mk)
dist_check_SCRIPTS += tests/seq-bench.sh
dist_check_SCRIPTS += tests/seq-bad.sh
dist_check_SCRIPTS += tests/seq-export.sh
dist_check_SCRIPTS += tests/seq-stop.sh
