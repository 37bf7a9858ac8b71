/* lesson.h - the lesson file format, parsed whole before a lesson runs.
 *
 * A lesson is a header and a list of steps.  Steps start at lines of the
 * form "--- [LABEL]"; inside a step every line is a directive:
 *
 *   > text           narrative (consecutive lines form a paragraph; ">"
 *                    alone breaks it; ">  text" keeps its spacing)
 *   run: CMDS        nnlab commands the lesson runs, shown as it runs them
 *   run-fails: CMD   a command whose error is the point (a diverging run)
 *   type: CMD        a command the learner types (checked, then run)
 *   ask: QUESTION    a question; choice: lines make it multiple choice
 *   answer: A        the letter of the right choice, a number with an
 *                    optional tolerance (0.5 ~ 0.01), or a word
 *   hint: TEXT       shown by `hint`, one per call
 *   expect: PROBE OP NUMBER [~ TOL] [; MESSAGE]
 *                    a check on the session (train.acc >= 0.9)
 *   goto: LABEL      after this step, go to LABEL
 *   on-wrong: LABEL  after a wrong answer, go to LABEL
 *
 * The header (before the first ---) holds title:, about:, lang: and
 * summary: lines.  See nnlab-lesson(5).  The parser knows nothing of
 * commands or probes: it checks the structure (labels exist, answers fit
 * their questions) and reports every problem as FILE:LINE: message.
 */
#ifndef NN_CONTENT_LESSON_H
#define NN_CONTENT_LESSON_H

#include <stddef.h>

#include "util/strbuf.h"

/* The largest lesson file read, in bytes. */
#define LESSON_MAX_BYTES (1u << 20)

enum answer_kind { ANSWER_NONE, ANSWER_CHOICE, ANSWER_NUMBER, ANSWER_TEXT };
enum expect_op { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE };

typedef struct lesson_cmd {
	char *text;
	int line;
	int must_fail;        /* run-fails: the command is expected to fail */
} lesson_cmd;

typedef struct lesson_expect {
	char *probe;
	enum expect_op op;
	double value, tol;
	char *message;        /* shown when the check fails, or NULL */
	int line;
} lesson_expect;

typedef struct lesson_step {
	char *label;          /* NULL if none */
	int line;             /* line of its --- */
	char **text;          /* narrative lines; "" breaks a paragraph */
	int ntext;
	lesson_cmd *run;
	int nrun;
	lesson_cmd type;      /* text NULL if none */
	char *ask;
	int ask_line;
	char **choices;
	int nchoices;
	enum answer_kind answer;
	int answer_choice;    /* 0-based */
	double answer_value, answer_tol;
	char *answer_text;
	char **hints;
	int nhints;
	lesson_expect *expects;
	int nexpects;
	int go;               /* step index to go to next, -1: the following */
	int on_wrong;         /* step index after a wrong answer, -1: stay */
} lesson_step;

typedef struct lesson {
	char *path;
	char *name;           /* file name without directory and .lesson */
	char *title;
	char *about;
	char *lang;           /* "en" unless lang: says otherwise */
	char **summary;
	int nsummary;
	lesson_step *steps;
	int nsteps;
} lesson;

/* lesson_parse: parse text (from path).  NULL when there is any error;
 * every error is appended to errs as "PATH:LINE: message\n". */
lesson *lesson_parse(const char *path, const char *text, strbuf *errs);
void lesson_free(lesson *l);
/* lesson_find_label: step index of label, or -1. */
int lesson_find_label(const lesson *l, const char *label);
/* lesson_normalise_answer: reply as answers are compared (full-width
 * digits, letters and punctuation read as ASCII, "0。5" as 0.5, blanks and
 * sentence-ending marks at the ends dropped); to free. */
char *lesson_normalise_answer(const char *reply);
/* lesson_check_answer: 1 if reply answers step st rightly, 0 if wrongly,
 * -1 if it is not a possible answer at all (why says what is expected,
 * an untranslated message: show it with _()).  A choice is named by its
 * letter, "b)", "(b)" or its own text; see lesson_normalise_answer. */
int lesson_check_answer(const lesson_step *st, const char *reply, const char **why);
/* lesson_expect_holds: whether value satisfies e. */
int lesson_expect_holds(const lesson_expect *e, double value);
const char *lesson_op_name(enum expect_op op);

#endif
