/* test-i18n.c - the pieces of nnlab's two languages that need no
 * catalogue: language names (i18n_parse), picking the text of an entry
 * (i18n_pick), English mode returning the msgid itself, and line breaking
 * of Chinese: utf8_break_between and the workspace's wrapped rows
 * (pane_rows_of / pane_row_of, with the hanging indent of an indented
 * line, and a table's rows cut at the same place), checked row by row against widths and
 * break points worked out by hand.  Not the catalogue itself: that is
 * tests/i18n-catalogue.sh. */
#include <config.h>

#include "../tap.h"
#include "tui/pane.h"
#include "util/i18n.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* rows of s at w columns as "row|row|row" */
static char *
rows(const char *s, int w)
{
	static char buf[1024];
	buf[0] = '\0';
	int n = pane_rows_of(s, w);
	for (int r = 0; r < n; r++) {
		size_t len;
		int ind;
		const char *p = pane_row_of(s, w, r, &len, &ind);
		for (int i = 0; i < ind; i++)
			strcat(buf, " ");
		strncat(buf, p, len);
		if (r + 1 < n)
			strcat(buf, "|");
	}
	return buf;
}

static int
widest(const char *s, int w)
{
	int n = pane_rows_of(s, w), m = 0;
	for (int r = 0; r < n; r++) {
		size_t len;
		int ind;
		const char *p = pane_row_of(s, w, r, &len, &ind);
		char row[512];
		snprintf(row, sizeof row, "%*s%.*s", ind, "", (int)len, p);
		int c = (int)utf8_width(row);
		if (c > m)
			m = c;
	}
	return m;
}

int
main(void)
{
	/* ---- language names ---- */
	ok(i18n_parse("zh") == LANG_ZH, "zh is Chinese");
	ok(i18n_parse("zh_CN.UTF-8") == LANG_ZH, "zh_CN.UTF-8 is Chinese");
	ok(i18n_parse("中文") == LANG_ZH, "中文 is Chinese");
	ok(i18n_parse("en") == LANG_EN, "en is English");
	ok(i18n_parse("C") == LANG_EN, "C is English");
	ok(i18n_parse("fr") == -1, "fr is not known");
	ok(i18n_parse("") == -1, "the empty name is not known");
	ok(i18n_parse(NULL) == -1, "NULL is not known");
	ok(strcmp(i18n_name(LANG_ZH), "zh") == 0 && strcmp(i18n_name(LANG_EN), "en") == 0, "i18n_name");

	/* ---- English mode: the msgid itself, the same pointer ---- */
	i18n_set(LANG_EN);
	static const char msg[] = "error: ";
	ok(_(msg) == msg, "English: _() returns its argument unchanged");
	ok(strcmp(i18n_pick("loss", "损失"), "loss") == 0, "English: i18n_pick takes the English");
	i18n_set(LANG_ZH);
	ok(i18n_lang() == LANG_ZH, "set to Chinese");
	ok(strcmp(i18n_pick("loss", "损失"), "损失") == 0, "Chinese: i18n_pick takes the Chinese");
	ok(strcmp(i18n_pick("loss", ""), "loss") == 0, "Chinese: an empty Chinese text falls back");
	ok(strcmp(i18n_pick("loss", NULL), "loss") == 0, "Chinese: no Chinese text falls back");
	i18n_set(LANG_EN);

	/* ---- where a line may break ---- */
	ok(utf8_break_between(0x5B66, 0x4E60), "between 学 and 习");
	ok(utf8_break_between('a', 0x5B66), "between a and 学");
	ok(utf8_break_between(0x5B66, 'a'), "between 学 and a");
	ok(!utf8_break_between('a', 'b'), "not inside an English word");
	ok(!utf8_break_between(0x5B66, 0xFF0C), "not before ，");
	ok(!utf8_break_between(0x5B66, 0x3002), "not before 。");
	ok(!utf8_break_between(0xFF08, 0x5B66), "not after （");
	ok(utf8_break_between(0xFF09, 0x5B66), "after ） it may");
	ok(!utf8_break_between(-1, 0x5B66), "not next to an invalid byte");

	/* ---- wrapped rows in a pane ---- */
	/* English: at blanks, as before */
	ok(strcmp(rows("the quick brown fox", 10), "the quick|brown fox") == 0, "English at 10: '%s'",
	   rows("the quick brown fox", 10));
	ok(strcmp(rows("abcdefghijkl", 5), "abcde|fghij|kl") == 0, "a long word is cut: '%s'", rows("abcdefghijkl", 5));
	/* Chinese: 学习率决定步长 is 14 columns; at 6 columns three characters a row */
	ok(strcmp(rows("学习率决定步长", 6), "学习率|决定步|长") == 0, "Chinese at 6: '%s'", rows("学习率决定步长", 6));
	/* at 5 columns two characters (4 columns) a row: never half a character */
	ok(strcmp(rows("学习率决定步长", 5), "学习|率决|定步|长") == 0, "Chinese at 5: '%s'", rows("学习率决定步长", 5));
	/* a closing mark stays with the character before it: 步长，很 at 4
	 * would put '，' first on row 2; the break moves one character back */
	ok(strcmp(rows("步长，很大", 4), "步|长，|很大") == 0, "'，' never starts a row: '%s'", rows("步长，很大", 4));
	/* mixed: 'lr 是学习率' (10 columns) at 6: the break after 是学 or at the blank */
	ok(strcmp(rows("lr 是学习率", 6), "lr 是|学习率") == 0, "mixed at 6: '%s'", rows("lr 是学习率", 6));
	/* ASCII glued to Chinese: 用adam训练 at 6: 用adam is 6 columns */
	ok(strcmp(rows("用adam训练", 6), "用adam|训练") == 0, "ASCII glued to Chinese at 6: '%s'", rows("用adam训练", 6));
	/* an indented line wraps under itself: at 16 columns its later rows
	 * have the 12 left after an indent of 4 */
	ok(strcmp(rows("    eta = 0.1: w is halved each step", 16), "    eta = 0.1: w|    is halved|    each step") == 0,
	   "indented at 16: '%s'", rows("    eta = 0.1: w is halved each step", 16));
	/* at most a third of the width: 9 blanks at 12 columns indent by 4 */
	ok(strcmp(rows("         a b c d e f g h", 12), "         a b|    c d e f|    g h") == 0,
	   "the indent is capped at a third: '%s'", rows("         a b c d e f g h", 12));
	/* a line of blanks has no indent to keep */
	ok(strcmp(rows("      ", 4), "    | ") == 0, "a line of blanks: '%s'", rows("      ", 4));
	/* a table laid out for 80 columns, at 44: every row cut at the same
	 * place, a cell never split, the continuation shows columns 33 on
	 * (w - K, K = w / 4 = 11), so its cells stay under their headings */
	const char *head = "    epoch     step   train loss   train acc    test loss    test acc";
	const char *row1 = "        5       40       0.8797      54.17%       0.8626      58.33%";
	const char *row2 = "      100     1000        0.739     100.00%        0.695     100.00%";
	ok(strcmp(rows(head, 44), "    epoch     step   train loss   train acc|              test loss    test acc") == 0,
	   "table heading at 44: '%s'", rows(head, 44));
	ok(strcmp(rows(row1, 44), "        5       40       0.8797      54.17%|                 0.8626      58.33%") == 0,
	   "table row at 44: '%s'", rows(row1, 44));
	ok(strcmp(rows(row2, 44), "      100     1000        0.739     100.00%|                  0.695     100.00%") == 0,
	   "a wider table row at 44: '%s'", rows(row2, 44));
	/* the right ends of each column's cells line up across the three */
	{
		char a[256], b[256], c[256];
		snprintf(a, sizeof a, "%s", strchr(rows(head, 44), '|') + 1);
		snprintf(b, sizeof b, "%s", strchr(rows(row1, 44), '|') + 1);
		snprintf(c, sizeof c, "%s", strchr(rows(row2, 44), '|') + 1);
		ok(strlen(a) == strlen(b) && strlen(b) == strlen(c) && strstr(a, "loss") - a + 4 == strstr(b, "0.8626") - b + 6,
		   "table at 44: the continuations end together, 'test loss' over its numbers");
	}
	/* a cell across the cut goes whole to the next row: 'train acc' at 40
	 * (K = 10: the next row shows columns 30 to 69) */
	ok(strcmp(rows(head, 40), "    epoch     step   train loss|    train acc    test loss    test acc") == 0,
	   "table heading at 40: '%s'", rows(head, 40));
	/* not a table (blanks in ones and twos): wrapped at blanks as before */
	ok(strcmp(rows("a  b  c  d  e  f  g  h  i  j", 12), "a  b  c  d |e  f  g  h |i  j") == 0,
	   "two blanks are not a table: '%s'", rows("a  b  c  d  e  f  g  h  i  j", 12));
	/* a table row that fits is one row; a cell too wide to move wraps as text */
	ok(strcmp(rows("  x   1   2", 44), "  x   1   2") == 0, "a table row that fits: '%s'", rows("  x   1   2", 44));
	ok(pane_rows_of("  key   a-very-long-cell-that-is-wider-than-twelve   v", 20) >= 2,
	   "a cell too wide to move: wrapped all the same (%d rows)",
	   pane_rows_of("  key   a-very-long-cell-that-is-wider-than-twelve   v", 20));
	/* Chinese headings count two columns a character */
	const char *zh = "    轮次     步数     训练损失     训练准确率     测试损失     测试准确率";
	ok(widest(zh, 44) <= 44, "a Chinese table at 44: widest row %d", widest(zh, 44));
	const char *para = "nnlab 中一切随机的东西（数据集、初始权重、打乱顺序）都取自同一个随机数流。";
	for (int w = 8; w <= 30; w += 7)
		ok(widest(para, w) <= w, "a paragraph at %d columns: widest row %d", w, widest(para, w));
	return done_testing();
}
