/* settings.h - the named settings `set KEY VALUE` changes and
 * `show settings` lists.  Each setting parses and checks its own value and
 * changes nothing unless the value is good. */
#ifndef NN_CMD_SETTINGS_H
#define NN_CMD_SETTINGS_H

#include "cmd/session.h"
#include "util/strbuf.h"

typedef struct setting {
	const char *name;
	const char *values;   /* what it takes, for help: "on|off", "2..9" */
	const char *summary;
	/* set: parse and apply value; -1 after printing an error */
	int (*set)(session *s, const char *value);
	/* get: append the current value */
	void (*get)(session *s, strbuf *out);
} setting;

/* settings_table: all settings, ending with a zeroed entry.  Defined in
 * settings.c; families add their rows there. */
extern const setting settings_table[];
const setting *setting_find(const char *name, int report);

#endif
