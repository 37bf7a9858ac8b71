/* test-lesson-zh.c - lessons in two languages, in process: how answers
 * typed with a Chinese input method are read (full-width digits, letters
 * and punctuation, "0。5", a choice named by its Chinese text), and which
 * file `lesson start`, the completer and the workspace view use in
 * Chinese mode (the lessons/zh/ twin, else the English lesson).  The
 * commands' output is tested by tests/lesson-zh.sh and the transcripts. */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/lessonrun.h"
#include "cmd/session.h"
#include "content/lesson.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "../tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
norm_is(const char *in, const char *want)
{
	char *got = lesson_normalise_answer(in);
	is_str(got, want, in);
	free(got);
}

static int
answer(const lesson *l, int step, const char *reply)
{
	const char *why = "";
	return lesson_check_answer(&l->steps[step], reply, &why);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

/* v (a completion list, freed here) as one line: "01-a 02-b" */
static void
names_are(char **v, const char *want, const char *name)
{
	strbuf b;
	sb_init(&b);
	for (size_t i = 0; v && v[i]; i++) {
		sb_printf(&b, "%s%s", i ? " " : "", v[i]);
		free(v[i]);
	}
	free(v);
	is_str(b.len ? b.s : "", want, name);
	sb_free(&b);
}

static char **
complete(session *s, const char *prefix)
{
	const char *words[2] = {"lesson", "start"};
	int file = 0;
	return cmd_complete_words(s, words, 2, prefix, &file);
}

/* the title of the running lesson's view, "" if none */
static void
view_title(session *s, char *out, size_t n)
{
	strbuf t, x;
	sb_init(&t);
	sb_init(&x);
	out[0] = '\0';
	if (lesson_step_text(s, 60, &t, &x) >= 0)
		snprintf(out, n, "%s", t.s);
	sb_free(&t);
	sb_free(&x);
}

int
main(void)
{
	/* ---- answers as typed ---- */
	norm_is("0.5", "0.5");
	norm_is("０.５", "0.5");
	norm_is("０．５", "0.5");
	norm_is("0。5", "0.5");
	norm_is("－０。２５", "-0.25");
	norm_is("\xe2\x88\x92" "1", "-1");          /* U+2212 MINUS SIGN */
	norm_is("ｂ", "b");
	norm_is("Ｂ）", "B)");
	norm_is("（ｃ）", "(c)");
	norm_is("b。", "b");
	norm_is("  17！ ", "17");
	norm_is("\xe3\x80\x80" "a" "\xe3\x80\x80", "a");  /* ideographic spaces */
	norm_is("不知道。", "不知道");
	norm_is(".5", ".5");
	norm_is("3.", "3");
	norm_is("。", "");

	strbuf errs;
	sb_init(&errs);
	lesson *l = lesson_parse("t.lesson",
	                         "title: 测验\nlang: zh\n"
	                         "--- a\nask: 哪一个？\nchoice: 对\nchoice: 错\nchoice: Both\nanswer: b\n"
	                         "--- n\nask: 多少？\nanswer: -0.5 ~ 0.001\n"
	                         "--- w\nask: 哪个词？\nanswer: 困惑度\n",
	                         &errs);
	ok(l != NULL, "a lesson with Chinese choices parses%s%s", errs.len ? ": " : "", errs.len ? errs.s : "");
	sb_free(&errs);
	if (!l)
		return done_testing();
	ok(answer(l, 0, "b") == 1 && answer(l, 0, "ｂ") == 1 && answer(l, 0, "Ｂ") == 1, "a choice by its letter, full-width too");
	ok(answer(l, 0, "b)") == 1 && answer(l, 0, "ｂ）") == 1 && answer(l, 0, "（ｂ）") == 1 && answer(l, 0, "(b)") == 1,
	   "b) and (b), in either width");
	ok(answer(l, 0, "错") == 1 && answer(l, 0, "错。") == 1, "a choice by its Chinese text");
	ok(answer(l, 0, "对") == 0 && answer(l, 0, "a") == 0, "the wrong choice, by text or letter, is wrong");
	ok(answer(l, 0, "both") == 0 && answer(l, 0, "BOTH") == 0, "an English choice's text in any case (wrong here)");
	ok(answer(l, 0, "也许") == -1 && answer(l, 0, "d") == -1, "neither a letter nor a choice: not a possible answer");
	ok(answer(l, 1, "-0.5") == 1 && answer(l, 1, "－０．５") == 1 && answer(l, 1, "-0。5") == 1 &&
	       answer(l, 1, "−0.5") == 1,
	   "a number typed with full-width digits, 。 as the decimal point, or U+2212");
	ok(answer(l, 1, "0.5") == 0 && answer(l, 1, "０。５") == 0, "the wrong number is wrong in any width");
	ok(answer(l, 1, "零点五") == -1, "a number in words is not a number");
	ok(answer(l, 2, "困惑度") == 1 && answer(l, 2, "困惑度。") == 1 && answer(l, 2, "　困惑度　") == 1,
	   "a Chinese word, with or without 。 and ideographic spaces");
	ok(answer(l, 2, "困惑") == 0, "a part of the word is wrong");
	lesson_free(l);

	/* ---- which file: lessons/zh/NAME twin in Chinese mode ---- */
	char dir[] = "/tmp/nnlab-lessonzh.XXXXXX";
	if (!mkdtemp(dir))
		return perror("mkdtemp"), 1;
	char p[512];
	snprintf(p, sizeof p, "%s/lessons", dir);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/lessons/zh", dir);
	mkdir(p, 0700);
	const char *files[][2] = {
		{"lessons/01-both.lesson", "title: Both languages\n--- one\n> English.\n"},
		{"lessons/zh/01-both.lesson", "title: 两种语言\nlang: zh\n--- one\n> 中文。\n"},
		{"lessons/02-english.lesson", "title: English only\n--- one\n> English.\n"},
		{"lessons/zh/03-chinese.lesson", "title: 只有中文\nlang: zh\n--- one\n> 中文。\n"},
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, files[i][0]);
		write_file(p, files[i][1]);
	}
	setenv("NNLAB_DATADIR", dir, 1);
	snprintf(p, sizeof p, "%s/state", dir);
	setenv("XDG_STATE_HOME", p, 1);

	session s;
	session_init(&s, 0);
	out_set_quiet(1);
	cmd_init();
	char title[256];

	i18n_set(LANG_EN);
	names_are(complete(&s, ""), "01-both 02-english", "English: lesson start <Tab> offers the English lessons");
	ok(cmd_run_line(&s, "lesson start 01-both") == 0, "English: lesson start 01-both");
	view_title(&s, title, sizeof title);
	is_str(title, "Both languages - step 1 of 1", "English: the English file");
	ok(cmd_run_line(&s, "lesson start 03-chinese") < 0, "English: a Chinese-only lesson is not found");

	i18n_set(LANG_ZH);
	names_are(complete(&s, "0"), "01-both 02-english 03-chinese", "Chinese: the completer offers every lesson once");
	names_are(complete(&s, "03"), "03-chinese", "Chinese: 03<Tab> -> 03-chinese");
	ok(cmd_run_line(&s, "lesson start 01-both") == 0, "Chinese: lesson start 01-both");
	view_title(&s, title, sizeof title);
	ok(strncmp(title, "两种语言 - ", strlen("两种语言 - ")) == 0, "Chinese: the zh twin (%s)", title);
	ok(cmd_run_line(&s, "lesson start 02-english") == 0, "Chinese: an English-only lesson starts");
	view_title(&s, title, sizeof title);
	ok(strncmp(title, "English only - ", strlen("English only - ")) == 0, "Chinese: ... in English (%s)", title);
	ok(cmd_run_line(&s, "lesson start 03-chinese") == 0, "Chinese: a Chinese-only lesson starts");
	snprintf(p, sizeof p, "lesson start %s/lessons/01-both.lesson", dir);
	ok(cmd_run_line(&s, p) == 0, "Chinese: a path to a file");
	view_title(&s, title, sizeof title);
	ok(strncmp(title, "Both languages - ", strlen("Both languages - ")) == 0,
	   "Chinese: a path is read as it is, not swapped for its twin (%s)", title);
	i18n_set(LANG_EN);
	session_free(&s);

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, files[i][0]);
		unlink(p);
	}
	snprintf(p, sizeof p, "rm -rf '%s'", dir);
	if (system(p) != 0)
		diag("could not remove %s", dir);
	return done_testing();
}
