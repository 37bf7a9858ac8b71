/* test-vocab.c - tokens and vocabularies (core/vocab.c): how text is cut
 * into words (apostrophes, hyphens, punctuation, CJK, accents, case),
 * the order and size of a built vocabulary, [UNK], growth past the hash
 * table's first size, and symbol sets over bytes and characters.  Links
 * libnncore.a and -lm only. */
#include <config.h>

#include "core/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/tap.h"

/* The tokens of text joined by '|', punctuation marked with a '*'. */
static void
split_str(const char *text, char *out, size_t n)
{
	wordseq ws;
	wordseq_split(&ws, text, strlen(text));
	out[0] = '\0';
	for (int i = 0; i < ws.n; i++) {
		if (i)
			strncat(out, "|", n - strlen(out) - 1);
		strncat(out, ws.w[i], n - strlen(out) - 1);
		if (ws.punct[i])
			strncat(out, "*", n - strlen(out) - 1);
	}
	wordseq_free(&ws);
}

static void
test_split(void)
{
	char got[512];
	split_str("Don't stop: self-attention, NOW!", got, sizeof got);
	is_str(got, "don't|stop|:*|self-attention|,*|now|!*", "words keep inner ' and -, punctuation stands alone");
	split_str("  a--b 'quoted' end-  ", got, sizeof got);
	is_str(got, "a|-*|-*|b|'*|quoted|'*|end|-*", "a joiner not between two letters is punctuation");
	split_str("我爱ML和transformer。", got, sizeof got);
	is_str(got, "我|爱|ml|和|transformer|。*", "CJK characters are one token each; CJK punctuation is punctuation");
	split_str("Café naïve—über 3.14", got, sizeof got);
	is_str(got, "café|naïve|—*|über|3|.*|14", "accented letters stay inside words; only ASCII is lowercased");
	split_str("", got, sizeof got);
	is_str(got, "", "an empty text has no tokens");
	split_str(" \t\n ", got, sizeof got);
	is_str(got, "", "blank space has no tokens");
	char longw[200];
	memset(longw, 'x', 150);
	longw[150] = '\0';
	wordseq ws;
	wordseq_split(&ws, longw, strlen(longw));
	ok(ws.n == 1 && strlen(ws.w[0]) == VOCAB_MAX_WORD, "a 150-letter word is one token cut to %d bytes",
	   VOCAB_MAX_WORD);
	wordseq_free(&ws);
	/* a long word of 2-byte letters is cut at a character boundary */
	char acc[300] = "";
	for (int i = 0; i < 100; i++)
		strcat(acc, "é");
	wordseq_split(&ws, acc, strlen(acc));
	ok(ws.n == 1 && strlen(ws.w[0]) == 64 && (unsigned char)ws.w[0][63] == 0xA9,
	   "a long word of 2-byte letters is cut between characters");
	wordseq_free(&ws);
	wordseq_split(&ws, "a, b. c", 7);
	ok(wordseq_words(&ws) == 3 && ws.n == 5, "wordseq_words counts words, not punctuation");
	wordseq_free(&ws);
}

static void
test_build(void)
{
	const char *text = "the cat and the dog and the bird . the end , cat";
	wordseq ws;
	wordseq_split(&ws, text, strlen(text));
	vocab *v = vocab_build(&ws, 0, 1, 0);
	/* 13 tokens; counts: the 4, and 2, cat 2, then ',' '.' bird dog end 1 each */
	ok(v->n == 9 && strcmp(v->word[0], VOCAB_UNK_NAME) == 0, "all 8 distinct tokens plus [UNK]");
	is_str(v->word[1], "the", "most frequent first");
	ok(strcmp(v->word[2], "and") == 0 && strcmp(v->word[3], "cat") == 0, "ties in byte order: and, cat");
	ok(strcmp(v->word[4], ",") == 0 && strcmp(v->word[5], ".") == 0 && strcmp(v->word[6], "bird") == 0,
	   "then ',', '.', 'bird' (bytes: ',' < '.' < letters)");
	ok(v->count[1] == 4 && v->count[2] == 2 && v->count[0] == 0, "counts kept; nothing left out");
	vocab_free(v);

	v = vocab_build(&ws, 4, 1, 0);
	ok(v->n == 4 && v->count[0] == 5, "size=4: [UNK] + 3 entries; the other 5 tokens are counted in [UNK]");
	ok(vocab_id(v, "dog") == VOCAB_UNK && vocab_id(v, "cat") == 3, "a left-out word is [UNK]; a kept one has its id");
	ok(vocab_unk_count(v, &ws, 0) == 5, "five tokens of the text fall outside");
	ok(vocab_unk_count(v, &ws, 1) == 3, "three of them are words, two are punctuation");
	int id = vocab_add(v, "dog", 1);
	ok(id == 4 && vocab_find(v, "dog") == 4 && vocab_add(v, "dog", 9) == 4, "vocab_add: a new id, then the same one");
	ok(vocab_unk_count(v, &ws, 0) == 4, "extending lowers the [UNK] count");
	vocab *c = vocab_clone(v);
	ok(vocab_checksum(c) == vocab_checksum(v) && c->n == v->n, "a clone has the same words and checksum");
	vocab_add(c, "end", 0);
	ok(vocab_checksum(c) != vocab_checksum(v), "adding a word changes the checksum");
	vocab_free(c);
	vocab_free(v);

	v = vocab_build(&ws, 0, 2, 1);
	ok(v->n == 4 && v->count[0] == 3, "min_count=2, words only: the, and, cat; 3 words left out");
	ok(vocab_distinct(&ws, 1) == 6 && vocab_distinct(&ws, 0) == 8, "6 distinct words, 8 distinct tokens");
	vocab_free(v);
	wordseq_free(&ws);

	/* growth: thousands of words through several re-indexings */
	v = vocab_new();
	char w[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(w, sizeof w, "w%d", i);
		vocab_add(v, w, i);
	}
	int good = v->n == 5001;
	for (int i = 0; i < 5000; i += 7) {
		snprintf(w, sizeof w, "w%d", i);
		good &= vocab_find(v, w) == i + 1;
	}
	ok(good && vocab_find(v, "w5000") < 0, "5000 words added and found again");
	vocab_free(v);
}

static void
test_symbols(void)
{
	symset s;
	const char *t = "héllo, wörld";
	ok(symset_build(&s, t, strlen(t), 0) == 0 && s.n == 10, "characters: 10 distinct in 'héllo, wörld'");
	ok(s.sym[0] == ' ' && s.sym[s.n - 1] == 0xF6, "ascending: ' ' first, U+00F6 last");
	ok(symset_count(t, strlen(t), 0) == 12 && symset_count(t, strlen(t), 1) == 14, "12 characters, 14 bytes");
	int ids[14];
	ok(symset_encode(&s, t, strlen(t), ids) == 0 && s.sym[ids[1]] == 0xE9, "encoding: the second id is 'é'");
	const char *u = "hold? ñ";
	int32_t unk[4];
	ok(symset_unknown(&s, u, strlen(u), unk, 4) == 2 && unk[0] == '?' && unk[1] == 0xF1,
	   "the characters outside the set, in order of appearance");
	ok(symset_encode(&s, u, strlen(u), ids) == 2 && ids[4] == -1, "unknown characters encode as -1");
	symset c;
	symset_copy(&c, &s);
	ok(c.n == s.n && memcmp(c.sym, s.sym, (size_t)s.n * sizeof *s.sym) == 0 && symset_index(&c, 'w') >= 0,
	   "a copy has the same symbols");
	symset_free(&c);
	symset_free(&s);
	ok(symset_build(&s, t, strlen(t), 1) == 0 && s.n == 11 && s.sym[s.n - 1] == 0xC3,
	   "bytes: 11 distinct, the highest 0xC3 (a UTF-8 lead byte)");
	symset_free(&s);
	/* more distinct characters than a model may have */
	size_t n = (SYMSET_MAX + 10) * 3;
	char *big = malloc(n + 1);
	size_t o = 0;
	for (int i = 0; i < SYMSET_MAX + 10; i++) {
		int cp = 0x4E00 + i;
		big[o++] = (char)(0xE0 | (cp >> 12));
		big[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		big[o++] = (char)(0x80 | (cp & 0x3F));
	}
	ok(symset_build(&s, big, o, 0) < 0 && s.n == 0, "more than %d distinct characters is refused", SYMSET_MAX);
	free(big);
}

int
main(void)
{
	test_split();
	test_build();
	test_symbols();
	return done_testing();
}
