/* seqlab.h - the session state of the sequence commands (attn, vocab,
 * embed, rnn) and what they share: loading a training text, printing a
 * matrix with labelled rows and columns, and the family hooks (`show
 * state`, freeing, lesson probes).
 *
 * Each command file owns its part of struct seqlab and frees and
 * describes it through the functions declared here; seqlab.c only calls
 * them.  Not a numeric module: the models are in src/core.
 */
#ifndef NN_CMD_SEQLAB_H
#define NN_CMD_SEQLAB_H

#include <stddef.h>

#include "cmd/session.h"
#include "util/strbuf.h"

struct attn_demo;
struct toy_state;
struct vocab_state;
struct embed_state;
struct rnn_state;

typedef struct seqlab {
	struct attn_demo *attn;      /* cmd-attn.c: the sentence being walked through */
	struct toy_state *toy;       /* cmd-attn.c: the toy task and its model */
	struct vocab_state *vocab;   /* cmd-vocab.c */
	struct embed_state *embed;   /* cmd-embed.c */
	struct rnn_state *rnn;       /* cmd-rnn.c */
} seqlab;

/* seqlab_get: the session's block, created empty on first use. */
seqlab *seqlab_get(session *s);

/* The family hooks (families[] in cmd-table.c). */
void seqlab_dump(session *s, strbuf *out);
void seqlab_free(session *s);
int seqlab_probe(session *s, const char *name, double *out);
extern const char *const seqlab_probe_names[];

/* Each command file's part of the hooks. */
void attn_state_free(seqlab *q);
void attn_state_dump(const seqlab *q, strbuf *out);
int attn_state_probe(const seqlab *q, const char *name, double *out);
void vocab_state_free(seqlab *q);
void vocab_state_dump(const seqlab *q, strbuf *out);
int vocab_state_probe(const seqlab *q, const char *name, double *out);
void embed_state_free(seqlab *q);
void embed_state_dump(const seqlab *q, strbuf *out);
int embed_state_probe(const seqlab *q, const char *name, double *out);
void rnn_state_free(seqlab *q);
void rnn_state_dump(const seqlab *q, strbuf *out);
int rnn_state_probe(const seqlab *q, const char *name, double *out);

/* For `quant` on the character RNN (cmd-rnn.c): the trained model (NULL
 * if there is none) and the name of the text it trained on last; and the
 * model's mean negative log-likelihood per character, in nats, over the
 * first max predictions of the text `name` (0, or -1 after an error). */
struct rnn;
struct rnn *rnn_trained_model(session *s, const char **source);
int rnn_text_nll(session *s, const char *name, size_t max, double *nll, size_t *npred);

/* ==== training texts ====================================================
 * A text is named by a path, or by the name of a text nnlab ships
 * (lessons/texts/NAME.txt under the data directory, ".txt" optional), or
 * "glossary": the prose of every glossary entry; several of these joined
 * by '+' (networks+training) are read one after another.  Each must be
 * valid UTF-8 without NUL bytes and hold some visible text; together
 * they are at most CORPUS_MAX bytes. */
#define CORPUS_MAX (8u << 20)

typedef struct corpus {
	char *name;      /* as the learner wrote it */
	char *path;      /* the file read ("glossary" for the glossary) */
	char *text;      /* NUL-terminated */
	size_t len;
} corpus;

/* corpus_load: 0, or -1 after an error naming the text and what to do. */
int corpus_load(const char *name, corpus *c);
void corpus_free(corpus *c);
/* corpus_names: the shipped texts, ", "-separated, into b (for messages). */
void corpus_names(strbuf *b);

/* ==== jobs ============================================================== */

/* A job's slice runs until about SEQ_SLICE_MS have passed. */
#define SEQ_SLICE_MS 10.0
/* seq_clock: a monotonic time in milliseconds. */
double seq_clock(void);
/* seq_run_job: name j, give it its slice and finish functions and run it
 * (session_run_job); j is the first member of a malloc'd struct that
 * finish frees. */
int seq_run_job(session *s, job *j, const char *name, int (*slice)(session *, job *),
                void (*finish)(session *, job *, int, int));

/* ==== printing ========================================================== */

/* seq_matrix: a title line, then m [rows][cols] (row stride ld) with a
 * header of column labels (NULL: col_prefix and the column number from
 * 1) and a label before each row, numbers with s->digits significant
 * digits for the largest magnitude, all in the same fixed format
 * (infinities as -inf, inf).  At most max_cols columns are shown (the
 * rest are summarised as "... N more"); columns that do not fit the
 * output's width (out_width) go in blocks below, each with its header. */
void seq_matrix(session *s, const char *title, const float *m, int rows, int cols, int ld,
                const char *const *row_labels, const char *const *col_labels, const char *col_prefix,
                int max_cols);
/* seq_note: an aside (out_note) wrapped at the output width (at most
 * 100 columns); the text ends with a newline or not, as a paragraph. */
void seq_note(session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* seq_quote: text made safe to show and cut to at most max columns,
 * with "..." when cut, into b. */
void seq_quote(strbuf *b, const char *text, size_t max);
/* seq_hex64: the checksum as 16 hex digits into buf (17 bytes). */
const char *seq_hex64(unsigned long long h, char *buf);

#endif
