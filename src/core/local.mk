# src/core: the numeric core.  libc and libm only: no stdio UI, no curses,
# no readline.  tests/core/test-purity links against this library and -lm
# alone, so a UI dependency cannot creep in.
noinst_LIBRARIES += libnncore.a
libnncore_a_SOURCES = \
	src/core/alloc.c src/core/alloc.h \
	src/core/rng.c src/core/rng.h \
	src/core/numfmt.c src/core/numfmt.h \
	src/core/quant.c src/core/quant.h \
	src/core/distill.c src/core/distill.h \
	src/core/parallel.c src/core/parallel.h \
	src/core/memest.c src/core/memest.h \
	src/core/landscape.c src/core/landscape.h \
	src/core/rl.c src/core/rl.h \
	src/core/dataset.c src/core/dataset.h \
	src/core/images.c src/core/images.h \
	src/core/ae.c src/core/ae.h \
	src/core/gan.c src/core/gan.h \
	src/core/csv.c src/core/csv.h \
	src/core/kern.c src/core/kern.h src/core/simd-isa.h src/core/simd-each.h \
	src/core/vmath.c src/core/vmath.h src/core/vmath-kern.h \
	src/core/gemm.c src/core/gemm.h src/core/gemm-kern.h \
	src/core/act.c src/core/act.h \
	src/core/loss.c src/core/loss.h \
	src/core/conv.c src/core/conv.h \
	src/core/model.c src/core/model.h \
	src/core/optim.c src/core/optim.h src/core/optim-kern.h \
	src/core/train.c src/core/train.h \
	src/core/gradcheck.c src/core/gradcheck.h \
	src/core/flat.c src/core/flat.h \
	src/core/vocab.c src/core/vocab.h \
	src/core/attn.c src/core/attn.h src/core/attn-kern.h \
	src/core/rnn.c src/core/rnn.h \
	src/core/embed.c src/core/embed.h

# The CBLAS backend of the matrix products lives in its own library, so
# that libnncore.a needs no BLAS (gemm.h; NNLAB_BLAS=0 turns it off).
if HAVE_CBLAS
noinst_LIBRARIES += libnnblas.a
libnnblas_a_SOURCES = src/core/gemm-blas.c src/core/gemm-blas.h
libnnblas_a_CPPFLAGS = $(AM_CPPFLAGS) $(BLAS_CFLAGS)
NNBLAS_LIB = libnnblas.a
else
NNBLAS_LIB =
endif
