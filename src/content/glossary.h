/* glossary.h - the glossary's files parsed into structures, and looking
 * terms up in them.
 *
 * The glossary is a directory of small text files (the format is
 * nnlab-glossary(5)):
 *   NAME.term      one term: names in English and Chinese, aliases, topic,
 *                  a one-line definition, an explanation, a formula, a
 *                  worked example, a note, see-also links and a try: line
 *   NAME.compare   one comparison page: a table with rows and columns
 * Every text may have a Chinese twin (short-zh:, [explain-zh], ...; the
 * *_zh fields below, NULL when absent): the caller picks the language and
 * falls back to English part by part.
 * This module reads and checks them and answers "which entry does this word
 * mean".  It knows nothing of commands, output or the session: it never
 * prints, and problems come back as "FILE:LINE: message" strings.  Libc and
 * src/util only (with the core's checked allocation).
 */
#ifndef NN_CONTENT_GLOSSARY_H
#define NN_CONTENT_GLOSSARY_H

#include <stddef.h>

/* The largest glossary file read, and the most files a directory may hold. */
#define GLOSS_FILE_MAX (64u << 10)
#define GLOSS_MAX_FILES 2000

/* The topics, in listing order: {id, English title, Chinese title}. */
extern const char *const gloss_topics[][3];

typedef struct gloss_entry {
	char *id;        /* the file name without ".term": "gradient-descent" */
	char *file;      /* the path it was read from (for messages) */
	char *term;      /* "gradient descent" */
	char *zh;        /* "梯度下降" */
	char **alias;    /* other names, English then Chinese */
	size_t nalias;
	size_t nalias_en; /* alias[0..nalias_en-1] are the English ones */
	int topic;       /* index into gloss_topics */
	char *shortdef;  /* the one-line definition */
	char **see;      /* ids of related entries */
	size_t nsee;
	long see_line;   /* the line of see: (for link errors) */
	char *try_line;  /* nnlab commands that demonstrate it */
	/* body sections: lines joined by '\n'; a line starting with a space is
	 * preformatted, others are paragraphs (see textfmt.h) */
	char *explain;
	char *formula;   /* NULL if none */
	char *example;
	char *note;      /* NULL if none; corrections of the notes */
	/* the Chinese twins of shortdef and the sections, NULL where the file
	 * has none (a twin exists only where its English text does; a formula
	 * without words has no twin: it is shared) */
	char *short_zh;
	char *explain_zh;
	char *formula_zh;
	char *example_zh;
	char *note_zh;
} gloss_entry;

typedef struct gloss_compare {
	char *id;        /* file name without ".compare": "networks" */
	char *file;
	char *title;
	char *zh;
	char **see;
	size_t nsee;
	long see_line;
	char *intro;     /* text before the table */
	char *note;      /* text after it, NULL if none */
	char **cols;     /* column headings */
	size_t ncols;
	char ***rows;    /* nrows rows of ncols cells */
	size_t nrows;
	/* the Chinese twins, NULL where the file has none; cols_zh has ncols
	 * headings and rows_zh nrows rows of ncols cells, like cols and rows */
	char **cols_zh;
	char ***rows_zh;
	char *intro_zh;
	char *note_zh;
} gloss_compare;

typedef struct glossary {
	char *dir;
	gloss_entry *e;      /* sorted by id */
	size_t n;
	gloss_compare *c;    /* sorted by id */
	size_t nc;
	char **warn;         /* "FILE:LINE: message" for each skipped file */
	size_t nwarn;
	char *dir_error;     /* why the directory could not be read, or NULL */
} glossary;

/* ==== parsing =========================================================== */

/* gloss_parse_term: parse the text of one .term file whose id is id (the
 * file name without its extension) into *out.  file names it in messages.
 * 0 on success; -1 with "FILE:LINE: message" in err and *out untouched. */
int gloss_parse_term(const char *file, const char *id, const char *text, size_t len,
                     gloss_entry *out, char *err, size_t errlen);
/* gloss_parse_compare: the same for a .compare file. */
int gloss_parse_compare(const char *file, const char *id, const char *text, size_t len,
                        gloss_compare *out, char *err, size_t errlen);
void gloss_entry_free(gloss_entry *e);
void gloss_compare_free(gloss_compare *c);

/* gloss_load: read every .term and .compare file of dir.  A file that does
 * not parse is skipped and its message kept in g->warn; a directory that
 * cannot be read gives an empty glossary with g->dir_error set.  Never
 * NULL. */
glossary *gloss_load(const char *dir);
void gloss_free(glossary *g);

/* gloss_check: problems that span files -- see-also links that name no
 * entry, two entries claiming the same name.  Each problem is appended to
 * *msgs (malloc'd strings, "FILE:LINE: message"); returns their count. */
size_t gloss_check(const glossary *g, char ***msgs, size_t *nmsgs);

/* ==== looking terms up ================================================== */

enum gloss_how {
	GLOSS_NONE,       /* nothing matched; hits are suggestions (maybe 0) */
	GLOSS_EXACT,      /* a name, alias or id, ignoring case, '-' and '_' */
	GLOSS_PREFIX,     /* the one entry with a name starting so */
	GLOSS_WORD,       /* the one entry with a word (or Chinese run) so */
	GLOSS_AMBIGUOUS,  /* several entries; hits lists them */
};

#define GLOSS_MAX_HITS 12

typedef struct gloss_hits {
	enum gloss_how how;
	const gloss_entry *e[GLOSS_MAX_HITS];
	size_t n;         /* entries in e[] */
	size_t total;     /* how many matched (may exceed n) */
} gloss_hits;

/* gloss_lookup: what query (in English or Chinese) means.  EXACT, PREFIX
 * and WORD give one entry in e[0]; AMBIGUOUS lists the candidates; NONE
 * lists close spellings ("did you mean"). */
void gloss_lookup(const glossary *g, const char *query, gloss_hits *out);
/* gloss_get: the entry with exactly this id, or NULL. */
const gloss_entry *gloss_get(const glossary *g, const char *id);
/* gloss_get_compare: a comparison page by id or unique id prefix. */
const gloss_compare *gloss_get_compare(const glossary *g, const char *id);
/* gloss_topic_find: the index of a topic by id or English title (any
 * case), or -1. */
int gloss_topic_find(const char *word);

/* gloss_search: the entries whose text, English or Chinese, contains every
 * one of the words (ASCII case ignored), best first (names, then
 * definition, then body).  Fills idx[] with up to max entry indices;
 * returns how many matched. */
size_t gloss_search(const glossary *g, const char *const *words, size_t nwords, size_t *idx, size_t max);
/* gloss_search_snippet: where word (ASCII case ignored) occurs in e: the
 * definition if it is in one of e's names, else the sentence of the first
 * section (definition, explanation, formula, example, note, try line) that
 * has it, with line breaks and runs of spaces made single spaces (a break
 * between two Chinese characters vanishes), in buf (cut at cap bytes,
 * never inside a character).  zh: look at the Chinese texts first (and
 * give the Chinese definition), then the English ones; else the other
 * way round. */
void gloss_search_snippet(const gloss_entry *e, const char *word, int zh, char *buf, size_t cap);

/* gloss_names: every name completion may offer (ids, Chinese names, and
 * aliases without spaces) that starts with prefix, as a malloc'd
 * NULL-terminated array of malloc'd strings. */
char **gloss_names(const glossary *g, const char *prefix);

#endif
