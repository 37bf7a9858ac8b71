/* fuzz-glossary.c - libFuzzer target: the glossary's .term and .compare
 * parsers.  A refusal always carries a FILE:LINE message. */
#include <config.h>

#include "content/glossary.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024];
	gloss_entry e;
	memset(&e, 0, sizeof e);
	err[0] = '\0';
	if (gloss_parse_term("fuzz.term", "fuzz", (const char *)data, size, &e, err, sizeof err) == 0)
		gloss_entry_free(&e);
	else if (strncmp(err, "fuzz.term:", 10) != 0)
		abort();
	gloss_compare c;
	memset(&c, 0, sizeof c);
	err[0] = '\0';
	if (gloss_parse_compare("fuzz.compare", "fuzz", (const char *)data, size, &c, err, sizeof err) == 0)
		gloss_compare_free(&c);
	else if (strncmp(err, "fuzz.compare:", 13) != 0)
		abort();
	return 0;
}
