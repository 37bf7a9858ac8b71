/* cmd.h - the command table and the argument helpers handlers use.
 *
 * Every command is one const cmd_entry, defined with designated
 * initialisers in its family's cmd-<family>.c and listed in cmd_table[]
 * (cmd-table.c).  The table is the single source for `help`, `help CMD`,
 * tab completion and the command list in the man page (a test compares
 * them).  Lookup is exact name or alias, then unique prefix; an ambiguous
 * prefix lists the candidates; anything unknown gets "did you mean".
 *
 * A handler receives the words after the command (and subcommand) as
 * positional arguments and key=value options.  Options are checked against
 * the entry's keys[] before the handler runs.  Handlers validate everything
 * first and change the session last; on error they return out_error(...),
 * whose message reads "what went wrong; what to do".
 */
#ifndef NN_CMD_CMD_H
#define NN_CMD_CMD_H

#include "cmd/session.h"
#include "cmd/tokenize.h"

typedef struct cmd_kv {
	const char *key;
	const char *val;
	int col;
} cmd_kv;

typedef struct cmd_args {
	const char *name;     /* "net add": the command as resolved */
	int argc;
	const char **argv;    /* positional words */
	int nkv;
	cmd_kv *kv;           /* key=value options */
	const char *src;      /* the command's source text */
	unsigned char used[64]; /* positional words consumed by arg_flag */
} cmd_args;

typedef int (*cmd_fn)(session *s, cmd_args *a);

/* What the words after a command complete to (tab completion). */
enum cmd_complete {
	COMPLETE_NONE = 0,
	COMPLETE_FILE,      /* file names */
	COMPLETE_COMMAND,   /* command names (help CMD) */
	COMPLETE_TERM,      /* glossary terms */
	COMPLETE_LESSON,    /* lesson names */
	COMPLETE_SETTING,   /* setting names (set KEY) */
	COMPLETE_WORDS,     /* the entry's words[] list */
};

enum {
	CMD_JOB_OK = 1 << 0,  /* may run while a job (training) runs */
	CMD_HIDDEN = 1 << 1,  /* not listed by help (aliases like '?') */
	CMD_NO_HISTORY = 1 << 2,
	CMD_ANY_KEYS = 1 << 3,  /* the handler checks key=value words itself */
};

typedef struct cmd_sub {
	const char *name;
	const char *usage;     /* "add N [ACT] [init=…]" */
	const char *summary;   /* one line */
	cmd_fn exec;
	const char *const *keys;   /* accepted key= names, NULL-terminated */
	const char *const *words;  /* bare words it takes (flags, choices) */
	enum cmd_complete complete;
	unsigned flags;
} cmd_sub;

typedef struct cmd_entry {
	const char *name;
	const char *const *aliases;  /* NULL-terminated, or NULL */
	const char *topic;           /* help group: see cmd_topics[] */
	const char *usage;           /* "seed [N]" */
	const char *summary;         /* one line, no final period */
	const char *help;            /* paragraphs for `help CMD` */
	const char *examples;        /* lines of commands, '\n'-separated */
	cmd_fn exec;                 /* no subcommand given (or none exist) */
	const cmd_sub *subs;         /* terminated by {0}; NULL if none */
	const char *const *keys;     /* accepted key= names */
	const char *const *words;    /* bare words it takes */
	enum cmd_complete complete;
	unsigned flags;
} cmd_entry;

/* The table (cmd-table.c) and the help topics in display order. */
extern const cmd_entry *const cmd_table[];
extern const char *const cmd_topics[][2];  /* {id, title}, {NULL, NULL} */

/* cmd_find: exact name/alias, then unique prefix.  NULL with an error
 * printed (unknown, ambiguous) if it fails. */
const cmd_entry *cmd_find(const char *word, int report);
/* cmd_find_sub: the same for subcommands of e. */
const cmd_sub *cmd_find_sub(const cmd_entry *e, const char *word, int report);

/* cmd_run_line: tokenize and run every command on the line.  0 if all
 * succeeded, -1 if one failed (later commands on the line are skipped). */
int cmd_run_line(session *s, const char *line);
/* cmd_run_words: run one tokenized command. */
int cmd_run_cmd(session *s, const tok_cmd *c);

/* cmd_suggest: the closest candidates to word among names, as
 * "'a' or 'b'" in buf, "" if none is close. */
void cmd_suggest(const char *word, const char *const *names, int n, char *buf, size_t len);

/* ==== argument helpers ==================================================
 * Each returns 0 on success or -1 after printing an error that quotes the
 * offending text.  Defaults apply when the key is absent. */
const char *arg_str(cmd_args *a, const char *key, const char *def);
int arg_has(cmd_args *a, const char *key);
int arg_double(cmd_args *a, const char *key, double def, double lo, double hi, double *out);
int arg_long(cmd_args *a, const char *key, long def, long lo, long hi, long *out);
/* arg_choice: value must be one of choices (NULL-terminated); *out is its
 * index; def is the index used when absent (-1: required). */
int arg_choice(cmd_args *a, const char *key, const char *const *choices, int def, int *out);
/* arg_bool: on/off, yes/no, true/false, 1/0. */
int arg_bool(cmd_args *a, const char *key, int def, int *out);
/* arg_flag: whether the bare word appears among the positionals; it is
 * then consumed (not counted by args_left). */
int arg_flag(cmd_args *a, const char *word);
/* Positional number parsing, with the argument's name for messages. */
int pos_double(cmd_args *a, int i, const char *what, double lo, double hi, double *out);
int pos_long(cmd_args *a, int i, const char *what, long lo, long hi, long *out);
/* args_max: error if more than max unconsumed positionals remain. */
int args_max(cmd_args *a, int max, const char *usage);
/* args_min: error if fewer than min positionals were given. */
int args_min(cmd_args *a, int min, const char *usage);
/* parse_bool_word: on/off, yes/no, true/false, 1/0 -> 1/0, else -1. */
int parse_bool_word(const char *w);

/* ==== completion ======================================================== */
/* cmd_complete_words: candidates for the word being typed.  words[0..n-1]
 * are the complete words before it, prefix is the partial word.  Returns a
 * malloc'd NULL-terminated array of malloc'd strings; *file set when file
 * name completion applies instead. */
char **cmd_complete_words(session *s, const char *const *words, int n, const char *prefix, int *file);
/* A hook for completions that depend on content (terms, lessons). */
typedef char **(*cmd_completer)(session *s, enum cmd_complete kind, const char *prefix);
void cmd_set_completer(cmd_completer fn);

#endif
