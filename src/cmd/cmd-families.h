/* cmd-families.h - the command entries each cmd-<family>.c defines, for
 * the table in cmd-table.c; and the workspace key bindings.  Add a line
 * here and one in cmd_table[] for each new command. */
#ifndef NN_CMD_CMD_FAMILIES_H
#define NN_CMD_CMD_FAMILIES_H

#include "cmd/cmd.h"

/* cmd-session.c */
extern const cmd_entry cmd_help_entry;
extern const cmd_entry cmd_quit_entry;
extern const cmd_entry cmd_seed_entry;
extern const cmd_entry cmd_set_entry;
extern const cmd_entry cmd_show_entry;
extern const cmd_entry cmd_source_entry;
extern const cmd_entry cmd_history_entry;
extern const cmd_entry cmd_clear_entry;
extern const cmd_entry cmd_version_entry;

/* Key bindings: a key, the command it runs ("" for line editing), and
 * what it does.  Ends with a zeroed entry. */
struct keybinding {
	const char *key;
	const char *command;
	const char *summary;
};
extern const struct keybinding nn_keybindings[];

#endif
