/* fuzz-lesson.c - libFuzzer target: the lesson parser, and answer checks
 * on every question it accepts. */
#include <config.h>

#include "content/lesson.h"
#include "core/alloc.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);
	strbuf errs;
	sb_init(&errs);
	lesson *l = lesson_parse("fuzz.lesson", text, &errs);
	if (l) {
		for (int i = 0; i < l->nsteps; i++) {
			const lesson_step *st = &l->steps[i];
			const char *why;
			if (st->ask) {
				lesson_check_answer(st, "a", &why);
				lesson_check_answer(st, "0.5", &why);
			}
			if (st->go >= l->nsteps || st->on_wrong >= l->nsteps)
				abort();
		}
		lesson_free(l);
	} else if (errs.len == 0) {
		abort();   /* a refusal always says why */
	}
	sb_free(&errs);
	free(text);
	return 0;
}
