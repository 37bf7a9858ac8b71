/* families.h - the command families' session hooks.
 *
 * Each family of commands (data and networks, sequences, large models,
 * glossary and lessons, plots) keeps its state in its own block of the
 * session.  Here it registers how to describe that state (for `show state`
 * and the bad-input tests) and how to free it.  families[] is defined in
 * cmd-table.c beside the command table and ends with a zeroed entry.
 */
#ifndef NN_CMD_FAMILIES_H
#define NN_CMD_FAMILIES_H

#include "cmd/session.h"
#include "util/strbuf.h"

typedef struct family {
	const char *name;
	void (*dump)(session *s, strbuf *out);  /* stable one-or-more lines */
	void (*free)(session *s);
	/* probe: the number a lesson's `expect:` names (train.acc, data.n);
	 * 1 and *out when the family knows the name, 0 otherwise */
	int (*probe)(session *s, const char *name, double *out);
	/* the probe names it knows, NULL-terminated (for lesson checks) */
	const char *const *probe_names;
} family;

extern const family families[];

/* family_probe: the value of a named probe from whichever family knows
 * it; 1 and *out, or 0 if none does. */
int family_probe(session *s, const char *name, double *out);

#endif
