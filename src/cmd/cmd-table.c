/* cmd-table.c - the command table and the family hooks: the one list of
 * everything nnlab understands.  help, completion and the man page test
 * all read it. */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/families.h"

#include <stddef.h>

/* Help topics, in the order `help` lists them. */
const char *const cmd_topics[][2] = {
	{"session", "Session"},
	{"data", "Data"},
	{"net", "Networks and training"},
	{"plot", "Pictures"},
	{"seq", "Sequences and language"},
	{"big", "Large models"},
	{"learn", "Glossary and lessons"},
	{NULL, NULL},
};

/* Every command; within a topic, `help` lists them in this order. */
const cmd_entry *const cmd_table[] = {
	&cmd_help_entry,
	&cmd_quit_entry,
	&cmd_seed_entry,
	&cmd_set_entry,
	&cmd_show_entry,
	&cmd_source_entry,
	&cmd_history_entry,
	&cmd_clear_entry,
	&cmd_version_entry,
	NULL,
};

/* The families' state hooks (see families.h). */
const family families[] = {
	{NULL, NULL, NULL},
};
