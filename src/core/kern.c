/* kern.c - choosing the instruction set of the kernels (see kern.h). */
#include <config.h>

#include "core/kern.h"

#include <stdlib.h>
#include <string.h>

static int level_cur = -1;
static int level_best = -1;

int
kern_best_level(void)
{
	if (level_best < 0) {
		level_best = KERN_SCALAR;
#if defined(__x86_64__) && defined(__GNUC__)
		__builtin_cpu_init();
		if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
			level_best = KERN_AVX2;
		if (__builtin_cpu_supports("avx512f"))
			level_best = KERN_AVX512;
#endif
	}
	return level_best;
}

int
kern_set_level(int want)
{
	int best = kern_best_level();
	if (want < KERN_SCALAR)
		want = KERN_SCALAR;
	level_cur = want < best ? want : best;
	return level_cur;
}

int
kern_level(void)
{
	if (level_cur < 0) {
		int want = KERN_AVX512;
		const char *env = getenv("NNLAB_SIMD");
		if (env && strcmp(env, "scalar") == 0)
			want = KERN_SCALAR;
		else if (env && strcmp(env, "avx2") == 0)
			want = KERN_AVX2;
		kern_set_level(want);
	}
	return level_cur;
}

const char *
kern_level_name(int level)
{
	switch (level) {
	case KERN_AVX2: return "avx2";
	case KERN_AVX512: return "avx512";
	default: return "scalar";
	}
}
