#!/bin/sh
# net-simd.sh - the same commands print the same numbers on every x86-64
# machine: the network transcripts, run with the scalar kernels
# (NNLAB_SIMD=scalar, what a machine without AVX2 uses), with AVX2 only
# (NNLAB_SIMD=avx2, a machine without AVX-512), and without the CBLAS
# backend (NNLAB_BLAS=0), must print byte for byte what the transcripts
# hold.  (W1's 2000 epochs are left to the default kernels: the scalar
# path takes half a minute there.)
. "${top_srcdir:-..}/tests/setup.sh"
dir=$top_srcdir/tests/transcripts
for name in net-build net-train net-tools; do
	for env in NNLAB_SIMD=scalar NNLAB_SIMD=avx2 NNLAB_BLAS=0; do
		mkdir -p "$TMPD/$name-$env"
		( cd "$TMPD/$name-$env" && env "$env" TRANSCRIPT_DIR="$dir" "$NNLAB" --seed 0 --echo --keep-going \
			"$dir/$name.cmds" ) >"$TMPD/got" 2>&1 || true
		sed -i "s|$dir/||g" "$TMPD/got"
		if cmp -s "$TMPD/got" "$dir/$name.out"; then
			ok "$name with $env: the same output"
		else
			not_ok "$name with $env: the output differs"
			diff -u "$dir/$name.out" "$TMPD/got" | head -20 | sed 's/^/# /'
		fi
	done
done
done_testing
