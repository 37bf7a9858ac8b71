/* simd-each.h - compile one kernel body once per instruction set, and call
 * the instance the machine uses (internal).
 *
 * A .c file defines SIMD_BODY as the name of its kernel body (a header
 * written in the vocabulary of simd-isa.h, naming its functions with KN())
 * and includes this file once; every function of the body then exists as
 * name_scalar, name_avx2 and name_avx512 (the last two on x86-64 with GCC
 * or Clang only, each compiled for its instruction set with a target
 * pragma).  KERN_CALL(name, (args)) calls the instance kern_level() picks.
 * Not for anything but kernels: see kern.h for why the instances agree.
 */
#ifndef SIMD_BODY
#error "define SIMD_BODY as the kernel body to instantiate"
#endif

#include <stdint.h>
#include <string.h>
#include <math.h>

#include "core/kern.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SIMD_X86 1
#endif

#define SIMD_ISA 0
#include "core/simd-isa.h"
#include SIMD_BODY
#undef SIMD_ISA

#ifdef SIMD_X86
/* GCC takes a target pragma; clang ignores it and wants the target
 * attribute applied to every function of the block instead. */
#ifdef __clang__
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#endif
#define SIMD_ISA 1
#include "core/simd-isa.h"
#include SIMD_BODY
#undef SIMD_ISA
#ifdef __clang__
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#ifdef __clang__
#pragma clang attribute push(__attribute__((target("avx512f,fma"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,fma")
#endif
#define SIMD_ISA 2
#include "core/simd-isa.h"
#include SIMD_BODY
#undef SIMD_ISA
#ifdef __clang__
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#define KERN_CALL(fn, args)                                \
	do {                                               \
		switch (kern_level()) {                    \
		case KERN_AVX512: fn##_avx512 args; break; \
		case KERN_AVX2: fn##_avx2 args; break;     \
		default: fn##_scalar args; break;          \
		}                                          \
	} while (0)
#else
#define KERN_CALL(fn, args) fn##_scalar args
#endif

/* the vocabulary ends here: V and M are too common to leak */
#undef V
#undef M
