/* vocab.c - tokens and vocabularies (see vocab.h): the word splitter,
 * the word vocabulary with its hash index, and symbol sets for the
 * character RNN.  Not a UTF-8 validator: callers validate at the edges,
 * and this file only steps over characters it is given. */
#include <config.h>

#include "core/vocab.h"
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

/* ==== characters ======================================================== */

/* The code point at s and its length; the text is valid UTF-8, but a
 * sequence cut short by n is taken byte by byte rather than overrun. */
static int32_t
u8_next(const unsigned char *s, size_t n, size_t *len)
{
	unsigned c = s[0];
	size_t need = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (need > n)
		need = 1;
	*len = need;
	switch (need) {
	case 2:
		return (int32_t)(((c & 0x1Fu) << 6) | (s[1] & 0x3Fu));
	case 3:
		return (int32_t)(((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu));
	case 4:
		return (int32_t)(((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
		                 (s[3] & 0x3Fu));
	default:
		return (int32_t)c;
	}
}

enum cclass { C_SPACE, C_WORD, C_PUNCT, C_CJK };

static enum cclass
char_class(int32_t c)
{
	if (c < 0x80) {
		if (c <= 0x20 || c == 0x7F)
			return C_SPACE;
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			return C_WORD;
		return C_PUNCT;
	}
	if (c < 0xA0 || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
	    c == 0x3000 || c == 0xFEFF)
		return C_SPACE;
	if ((c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2010 && c <= 0x205F) ||
	    (c >= 0x2190 && c <= 0x2BFF) || (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
	    (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65))
		return C_PUNCT;
	if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF))
		return C_CJK;
	return C_WORD;
}

/* An apostrophe or hyphen that joins two parts of a word. */
static int
is_joiner(int32_t c)
{
	return c == '\'' || c == '-' || c == 0x2019;
}

/* ==== words ============================================================= */

static void
ws_push(wordseq *ws, int *cap, size_t off, int punct)
{
	if (ws->n == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		ws->w = xreallocarray(ws->w, (size_t)*cap, sizeof *ws->w);
		ws->punct = xreallocarray(ws->punct, (size_t)*cap, 1);
	}
	/* offsets for now: buf may still move while it grows */
	ws->w[ws->n] = (char *)(uintptr_t)off;
	ws->punct[ws->n] = (unsigned char)punct;
	ws->n++;
}

void
wordseq_split(wordseq *ws, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	memset(ws, 0, sizeof *ws);
	/* every token is at most its bytes plus a NUL, and tokens do not
	 * overlap: 2*len + 1 bytes always suffice */
	ws->buf = xmalloc(2 * len + 1);
	size_t out = 0;
	int cap = 0;
	size_t i = 0;
	while (i < len) {
		size_t cl;
		int32_t c = u8_next(s + i, len - i, &cl);
		enum cclass k = char_class(c);
		if (k == C_SPACE) {
			i += cl;
			continue;
		}
		if (k != C_WORD) {
			ws_push(ws, &cap, out, k == C_PUNCT);
			memcpy(ws->buf + out, s + i, cl);
			out += cl;
			ws->buf[out++] = '\0';
			i += cl;
			continue;
		}
		/* a word: word characters, joined across ' - and U+2019 */
		ws_push(ws, &cap, out, 0);
		size_t start = out;
		while (i < len) {
			c = u8_next(s + i, len - i, &cl);
			k = char_class(c);
			if (k != C_WORD) {
				if (!is_joiner(c) || i + cl >= len)
					break;
				size_t nl;
				int32_t nx = u8_next(s + i + cl, len - i - cl, &nl);
				if (char_class(nx) != C_WORD)
					break;
			}
			if (out - start + cl <= VOCAB_MAX_WORD) {
				for (size_t b = 0; b < cl; b++) {
					unsigned char ch = s[i + b];
					ws->buf[out++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
				}
			}
			i += cl;
		}
		ws->buf[out++] = '\0';
	}
	for (int t = 0; t < ws->n; t++)
		ws->w[t] = ws->buf + (uintptr_t)ws->w[t];
}

void
wordseq_free(wordseq *ws)
{
	free(ws->w);
	free(ws->punct);
	free(ws->buf);
	memset(ws, 0, sizeof *ws);
}

int
wordseq_words(const wordseq *ws)
{
	int n = 0;
	for (int i = 0; i < ws->n; i++)
		n += !ws->punct[i];
	return n;
}

/* ==== the vocabulary ===================================================== */

static uint64_t
str_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* The slot of word: where it is, or the empty slot where it would go. */
static size_t
vocab_slot(const vocab *v, const char *word)
{
	size_t mask = v->nslot - 1;
	size_t i = (size_t)str_hash(word) & mask;
	while (v->slot[i] && strcmp(v->word[v->slot[i] - 1], word) != 0)
		i = (i + 1) & mask;
	return i;
}

static void
vocab_reindex(vocab *v, size_t nslot)
{
	free(v->slot);
	v->nslot = nslot;
	v->slot = xcalloc(nslot, sizeof *v->slot);
	for (int id = 0; id < v->n; id++)
		v->slot[vocab_slot(v, v->word[id])] = id + 1;
}

vocab *
vocab_new(void)
{
	vocab *v = xcalloc(1, sizeof *v);
	v->cap = 16;
	v->word = xmalloc((size_t)v->cap * sizeof *v->word);
	v->count = xmalloc((size_t)v->cap * sizeof *v->count);
	v->word[0] = xstrdup(VOCAB_UNK_NAME);
	v->count[0] = 0;
	v->n = 1;
	vocab_reindex(v, 64);
	return v;
}

void
vocab_free(vocab *v)
{
	if (!v)
		return;
	for (int i = 0; i < v->n; i++)
		free(v->word[i]);
	free(v->word);
	free(v->count);
	free(v->slot);
	free(v);
}

vocab *
vocab_clone(const vocab *v)
{
	vocab *c = vocab_new();
	c->count[0] = v->count[0];
	for (int i = 1; i < v->n; i++)
		vocab_add(c, v->word[i], v->count[i]);
	return c;
}

int
vocab_find(const vocab *v, const char *word)
{
	size_t i = vocab_slot(v, word);
	return v->slot[i] ? v->slot[i] - 1 : -1;
}

int
vocab_add(vocab *v, const char *word, long count)
{
	size_t i = vocab_slot(v, word);
	if (v->slot[i])
		return v->slot[i] - 1;
	if (v->n == v->cap) {
		v->cap *= 2;
		v->word = xreallocarray(v->word, (size_t)v->cap, sizeof *v->word);
		v->count = xreallocarray(v->count, (size_t)v->cap, sizeof *v->count);
	}
	int id = v->n++;
	v->word[id] = xstrdup(word);
	v->count[id] = count;
	if ((size_t)v->n * 2 > v->nslot)
		vocab_reindex(v, v->nslot * 2);
	else
		v->slot[i] = id + 1;
	return id;
}

int
vocab_id(const vocab *v, const char *word)
{
	int id = vocab_find(v, word);
	return id < 0 ? VOCAB_UNK : id;
}

/* Every distinct token of ws (of the kind) with its count; ids from 1 in
 * order of first appearance. */
static vocab *
vocab_count_all(const wordseq *ws, int words_only)
{
	vocab *all = vocab_new();
	for (int t = 0; t < ws->n; t++) {
		if (words_only && ws->punct[t])
			continue;
		int id = vocab_add(all, ws->w[t], 0);
		all->count[id]++;
	}
	return all;
}

/* qsort order: count descending, then the word's bytes ascending. */
static const vocab *sort_src;

static int
by_count(const void *a, const void *b)
{
	int ia = *(const int *)a, ib = *(const int *)b;
	long ca = sort_src->count[ia], cb = sort_src->count[ib];
	if (ca != cb)
		return ca > cb ? -1 : 1;
	return strcmp(sort_src->word[ia], sort_src->word[ib]);
}

vocab *
vocab_build(const wordseq *ws, int max_size, long min_count, int words_only)
{
	vocab *all = vocab_count_all(ws, words_only);
	int nd = all->n - 1;
	int *order = xmalloc((size_t)(nd ? nd : 1) * sizeof *order);
	for (int i = 0; i < nd; i++)
		order[i] = i + 1;
	sort_src = all;
	qsort(order, (size_t)nd, sizeof *order, by_count);
	sort_src = NULL;
	vocab *v = vocab_new();
	long left_out = 0;
	for (int i = 0; i < nd; i++) {
		int id = order[i];
		if ((max_size > 0 && v->n >= max_size) || all->count[id] < min_count)
			left_out += all->count[id];
		else
			vocab_add(v, all->word[id], all->count[id]);
	}
	v->count[0] = left_out;
	free(order);
	vocab_free(all);
	return v;
}

int
vocab_distinct(const wordseq *ws, int words_only)
{
	vocab *all = vocab_count_all(ws, words_only);
	int n = all->n - 1;
	vocab_free(all);
	return n;
}

long
vocab_unk_count(const vocab *v, const wordseq *ws, int words_only)
{
	long n = 0;
	for (int t = 0; t < ws->n; t++)
		if (!(words_only && ws->punct[t]) && vocab_find(v, ws->w[t]) < 0)
			n++;
	return n;
}

uint64_t
vocab_checksum(const vocab *v)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (int i = 0; i < v->n; i++) {
		/* each word and its terminating NUL */
		for (const char *p = v->word[i];; p++) {
			h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
			if (!*p)
				break;
		}
	}
	return h;
}

/* ==== symbols ============================================================ */

/* The symbol at s: a byte, or a code point. */
static int32_t
sym_next(const unsigned char *s, size_t n, int bytes, size_t *len)
{
	if (bytes) {
		*len = 1;
		return s[0];
	}
	return u8_next(s, n, len);
}

static int
cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

int
symset_build(symset *s, const char *text, size_t len, int bytes)
{
	const unsigned char *p = (const unsigned char *)text;
	s->n = 0;
	s->bytes = bytes;
	s->sym = NULL;
	/* bytes and the BMP by a bitmap, the rest by a list */
	unsigned char *seen = xcalloc(0x10000 / 8, 1);
	int32_t *list = xmalloc((SYMSET_MAX + 1) * sizeof *list);
	int n = 0;
	for (size_t i = 0; i < len;) {
		size_t cl;
		int32_t c = sym_next(p + i, len - i, bytes, &cl);
		i += cl;
		int dup = 0;
		if (c < 0x10000) {
			dup = (seen[c >> 3] >> (c & 7)) & 1;
			seen[c >> 3] |= (unsigned char)(1u << (c & 7));
		} else {
			for (int k = 0; k < n && !dup; k++)
				dup = list[k] == c;
		}
		if (dup)
			continue;
		if (n == SYMSET_MAX) {
			free(seen);
			free(list);
			return -1;
		}
		list[n++] = c;
	}
	free(seen);
	qsort(list, (size_t)n, sizeof *list, cmp_i32);
	s->n = n;
	s->sym = list;
	return 0;
}

void
symset_free(symset *s)
{
	free(s->sym);
	s->sym = NULL;
	s->n = 0;
}

void
symset_copy(symset *dst, const symset *src)
{
	dst->n = src->n;
	dst->bytes = src->bytes;
	dst->sym = xmalloc((size_t)(src->n ? src->n : 1) * sizeof *dst->sym);
	memcpy(dst->sym, src->sym, (size_t)src->n * sizeof *dst->sym);
}

int
symset_index(const symset *s, int32_t c)
{
	int lo = 0, hi = s->n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (s->sym[mid] == c)
			return mid;
		if (s->sym[mid] < c)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

size_t
symset_count(const char *text, size_t len, int bytes)
{
	if (bytes)
		return len;
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)text[i] & 0xC0) != 0x80;
	return n;
}

size_t
symset_encode(const symset *s, const char *text, size_t len, int *ids)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t bad = 0, k = 0;
	for (size_t i = 0; i < len;) {
		size_t cl;
		int32_t c = sym_next(p + i, len - i, s->bytes, &cl);
		i += cl;
		int id = symset_index(s, c);
		bad += id < 0;
		ids[k++] = id;
	}
	return bad;
}

int
symset_unknown(const symset *s, const char *text, size_t len, int32_t *out, int max)
{
	const unsigned char *p = (const unsigned char *)text;
	int n = 0;
	for (size_t i = 0; i < len && n < max;) {
		size_t cl;
		int32_t c = sym_next(p + i, len - i, s->bytes, &cl);
		i += cl;
		if (symset_index(s, c) >= 0)
			continue;
		int dup = 0;
		for (int k = 0; k < n && !dup; k++)
			dup = out[k] == c;
		if (!dup)
			out[n++] = c;
	}
	return n;
}
