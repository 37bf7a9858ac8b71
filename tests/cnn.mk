# tests/cnn.mk - convolution, pooling and the shapes images: the layers by
# hand, against direct sums and by gradient checks, the generator, and a
# seeded CNN reaching its stated accuracy (test-conv links libnncore.a and
# -lm only).  The commands' bad input is tests/cnn-bad.sh; their
# transcripts are tests/transcripts/cnn-*.cmds.
check_PROGRAMS += tests/core/test-conv
tests_core_test_conv_LDADD = libnncore.a -lm
TESTS += tests/core/test-conv
dist_check_SCRIPTS += tests/cnn-bad.sh
check_PROGRAMS += tests/core/test-ae
tests_core_test_ae_LDADD = libnncore.a -lm
TESTS += tests/core/test-ae
check_PROGRAMS += tests/core/test-gan
tests_core_test_gan_LDADD = libnncore.a -lm
TESTS += tests/core/test-gan
