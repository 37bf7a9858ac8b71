# tests/core.mk - the numeric core: kernels, layers, losses, optimisers,
# training.  Each test links libnncore.a and -lm only (test-blas also the
# CBLAS backend); test-purity links EVERY object of the library with
# --whole-archive, so a core file that needs more than libc and libm
# cannot link.
check_PROGRAMS += tests/core/test-vmath tests/core/test-gemm tests/core/test-model \
	tests/core/test-optim tests/core/test-train tests/core/test-purity
tests_core_test_vmath_LDADD = libnncore.a -lm
tests_core_test_gemm_LDADD = libnncore.a -lm
tests_core_test_model_LDADD = libnncore.a -lm
tests_core_test_optim_LDADD = libnncore.a -lm
tests_core_test_train_LDADD = libnncore.a -lm
tests_core_test_purity_LDFLAGS = -Wl,--whole-archive,libnncore.a,--no-whole-archive
tests_core_test_purity_LDADD = -lm
tests_core_test_purity_DEPENDENCIES = libnncore.a
TESTS += tests/core/test-vmath tests/core/test-gemm tests/core/test-model \
	tests/core/test-optim tests/core/test-train tests/core/test-purity
if HAVE_CBLAS
check_PROGRAMS += tests/core/test-blas
tests_core_test_blas_CPPFLAGS = $(AM_CPPFLAGS) $(BLAS_CFLAGS)
tests_core_test_blas_LDADD = libnnblas.a libnncore.a $(BLAS_LIBS) -lm
TESTS += tests/core/test-blas
endif

# The network and training commands: bad input of every command (message
# and unchanged state), save/load/export and broken save files.  Their
# transcripts are tests/transcripts/net-*.cmds.
dist_check_SCRIPTS += tests/net-bad.sh tests/net-file.sh tests/net-simd.sh
