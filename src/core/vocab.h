/* vocab.h - text cut into tokens, and vocabularies that number them.
 *
 * Two kinds of token.  Words, for `vocab`, `embed` and `attn`: runs of
 * letters and digits (ASCII letters lowercased; an apostrophe or a hyphen
 * between two letters stays inside the word, so "don't" and "self-attention"
 * are one word), every other visible character alone (punctuation), and
 * every CJK character alone, since Chinese and Japanese are not written
 * with spaces.  Symbols, for the character RNN: the distinct characters
 * (code points) of a text, or its distinct bytes (the W3 workload of the
 * bench), numbered in ascending order.
 *
 * A word vocabulary keeps id 0 for [UNK], the token every word outside it
 * becomes; then its words, most frequent first.
 *
 * The text must be valid UTF-8: callers check it where it comes in (a
 * file, a command line).  Not a subword tokenizer (BPE, WordPiece); not a
 * normaliser beyond ASCII lowercasing.
 */
#ifndef NN_CORE_VOCAB_H
#define NN_CORE_VOCAB_H

#include <stddef.h>
#include <stdint.h>

/* ==== words ============================================================= */

#define VOCAB_UNK 0
#define VOCAB_UNK_NAME "[UNK]"
#define VOCAB_MAX_WORD 64   /* longer words are cut (at a character boundary) */

typedef struct wordseq {
	int n;          /* tokens */
	char **w;       /* [n] NUL-terminated, pointing into buf */
	unsigned char *punct; /* [n] 1: a punctuation mark, 0: a word or CJK character */
	char *buf;
} wordseq;

/* wordseq_split: the tokens of text (len bytes of valid UTF-8). */
void wordseq_split(wordseq *ws, const char *text, size_t len);
void wordseq_free(wordseq *ws);
/* wordseq_words: the number of tokens that are not punctuation. */
int wordseq_words(const wordseq *ws);

typedef struct vocab {
	int n;           /* entries, [UNK] included */
	char **word;     /* [n]; word[0] is "[UNK]" */
	long *count;     /* [n] occurrences in the text it was built from;
	                    0 for words added later; count[0]: tokens that
	                    became [UNK] there */
	int cap;
	int *slot;       /* open-addressing index: id + 1, 0 = empty */
	size_t nslot;
} vocab;

/* vocab_new: a vocabulary holding only [UNK]. */
vocab *vocab_new(void);
void vocab_free(vocab *v);
vocab *vocab_clone(const vocab *v);
/* vocab_find: the id of word, or -1 if it is not in v. */
int vocab_find(const vocab *v, const char *word);
/* vocab_add: word's id, adding it (with count) if new. */
int vocab_add(vocab *v, const char *word, long count);
/* vocab_id: the id of word, VOCAB_UNK for a word outside v. */
int vocab_id(const vocab *v, const char *word);
/* vocab_build: the most frequent tokens of ws with count >= min_count
 * (ties in alphabetical byte order), at most max_size entries with [UNK]
 * (0: no limit); punctuation is skipped when words_only.  count[0] is the
 * number of tokens of ws (of the kind counted) left out. */
vocab *vocab_build(const wordseq *ws, int max_size, long min_count, int words_only);
/* vocab_distinct: the number of distinct tokens in ws (of the kind). */
int vocab_distinct(const wordseq *ws, int words_only);
/* vocab_unk_count: tokens of ws (of the kind) outside v. */
long vocab_unk_count(const vocab *v, const wordseq *ws, int words_only);
/* vocab_checksum: a 64-bit FNV-1a digest of the words in id order. */
uint64_t vocab_checksum(const vocab *v);

/* ==== symbols (characters or bytes) ====================================== */

#define SYMSET_MAX 4096  /* distinct symbols a model may have */

typedef struct symset {
	int n;
	int bytes;       /* 1: symbols are bytes; 0: Unicode code points */
	int32_t *sym;    /* [n] ascending */
} symset;

/* symset_build: the distinct symbols of text, ascending.  -1 (and an
 * empty set) if there are more than SYMSET_MAX. */
int symset_build(symset *s, const char *text, size_t len, int bytes);
void symset_free(symset *s);
void symset_copy(symset *dst, const symset *src);
/* symset_index: the id of symbol c, or -1. */
int symset_index(const symset *s, int32_t c);
/* symset_count: the number of symbols in text (bytes or characters). */
size_t symset_count(const char *text, size_t len, int bytes);
/* symset_encode: the ids of text's symbols into ids (room for
 * symset_count entries); returns how many symbols were outside s (those
 * get -1). */
size_t symset_encode(const symset *s, const char *text, size_t len, int *ids);
/* symset_unknown: up to max distinct symbols of text outside s, in
 * order of appearance, into out; returns how many. */
int symset_unknown(const symset *s, const char *text, size_t len, int32_t *out, int max);

#endif
