/* alloc.h - checked allocation for the whole program.
 *
 * Every allocation in nnlab goes through these: on exhaustion they print one
 * line to stderr and abort, so callers never test for NULL.  Not a pool or an
 * arena; just malloc with the failure handled in one place.
 */
#ifndef NN_CORE_ALLOC_H
#define NN_CORE_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* xreallocarray: p resized to count*size bytes, overflow checked. */
void *xreallocarray(void *p, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
