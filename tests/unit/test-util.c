/* test-util.c - UTF-8, strict numbers, edit distance, atomic files. */
#include <config.h>

#include "core/alloc.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/utf8.h"
#include "../tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
num_ok(const char *s, double want)
{
	double v = -12345;
	const char *why;
	int rc = text_parse_double(s, &v, &why);
	ok(rc == 0 && v == want, "'%s' parses as %g", s, want);
}

static void
num_bad(const char *s)
{
	double v;
	const char *why = "";
	ok(text_parse_double(s, &v, &why) < 0, "'%s' is refused (%s)", s, why);
}

int
main(void)
{
	/* strict numbers */
	num_ok("0.1", 0.1);
	num_ok("-3", -3);
	num_ok("1e-3", 1e-3);
	num_ok("+2.5E2", 250);
	num_ok(".5", 0.5);
	num_bad("nan");
	num_bad("NaN");
	num_bad("inf");
	num_bad("-infinity");
	num_bad("1e999");
	num_bad("0x10");
	num_bad("1.5x");
	num_bad("");
	num_bad("1e");
	num_bad(".");
	num_bad("1 ");
	long l;
	const char *why;
	ok(text_parse_long("42", &l, &why) == 0 && l == 42, "42 is a whole number");
	ok(text_parse_long("4.2", &l, &why) < 0, "4.2 is not a whole number");
	ok(text_parse_long("99999999999999999999", &l, &why) < 0 && strcmp(why, "out of range") == 0,
	   "a huge integer is out of range");

	/* edit distance */
	ok(text_edit_distance("train", "trian", 3) == 1, "transposition costs 1");
	ok(text_edit_distance("seed", "sed", 3) == 1, "deletion costs 1");
	ok(text_edit_distance("help", "quit", 2) == 3, "distance stops above the limit");
	ok(text_edit_distance("学习律", "学习率", 3) == 1, "one wrong Chinese character costs 1, not 3 bytes");
	ok(text_edit_distance("学率习", "学习率", 3) == 1, "two Chinese characters swapped cost 1");
	ok(text_edit_distance("a学b", "ab", 3) == 1, "a missing Chinese character costs 1");
	ok(text_edit_distance("\xff", "\xfe", 3) == 1 && text_edit_distance("\xff", "\xff", 3) == 0,
	   "bytes that are not UTF-8 count as themselves");
	char long65[66];
	memset(long65, 'a', 65);
	long65[65] = '\0';
	ok(text_edit_distance(long65, long65, 3) == 4, "over 64 characters: above the limit");
	ok(text_close_enough("lernrate", "learnrate"), "close enough");
	ok(!text_close_enough("xyz", "help"), "not close");

	/* UTF-8 */
	size_t len;
	ok(utf8_decode("\xe4\xb8\xad", 3, &len) == 0x4E2D && len == 3, "decode 中");
	ok(utf8_decode("\xed\xa0\x80", 3, &len) < 0, "surrogates are invalid");
	ok(utf8_decode("\xc0\xaf", 2, &len) < 0, "overlong forms are invalid");
	ok(utf8_decode("\xf4\x90\x80\x80", 4, &len) < 0, "above U+10FFFF is invalid");
	ok(utf8_invalid_at("ab\xffz", 4) == 2, "first invalid byte found");
	ok(utf8_invalid_at("学习率", strlen("学习率")) == (size_t)-1, "valid Chinese");
	ok(utf8_width("学习率 lr") == 9, "CJK characters take two columns");
	ok(utf8_prefix_by_width("学习率", 5) == 6, "prefix by width never splits a character");
	strbuf b;
	sb_init(&b);
	utf8_append_safe(&b, "a\x1b[2Jb\x07\xff\n", 9, 0);
	is_str(b.s, "a^[[2Jb^G\\xFF\\n", "control characters and bad bytes are shown harmlessly");
	sb_free(&b);
	char enc[4];
	ok(utf8_encode(0x1F600, enc) == 4 && utf8_decode(enc, 4, &len) == 0x1F600, "encode/decode round trip");

	/* number format */
	char buf[64];
	is_str(text_fmt_num(0.1, buf, sizeof buf), "0.1", "fmt 0.1");
	is_str(text_fmt_num(1234567, buf, sizeof buf), "1.2346e+06", "fmt large");
	is_str(text_fmt_num(-0.0, buf, sizeof buf), "0", "fmt negative zero");

	/* atomic writes: the old file survives a failed write */
	char dir[] = "/tmp/nnlab-util-XXXXXX";
	ok(mkdtemp(dir) != NULL, "scratch directory");
	char path[256], err[NN_ERRLEN];
	snprintf(path, sizeof path, "%s/f.txt", dir);
	ok(file_write_atomic(path, "first\n", 6, err) == 0, "write a file");
	char *text;
	size_t n;
	ok(file_read(path, 100, &text, &n, err) == 0 && n == 6 && strcmp(text, "first\n") == 0, "read it back");
	free(text);
	ok(file_read(path, 3, &text, &n, err) < 0 && strstr(err, "too large"), "size cap refuses big files");
	if (getuid() != 0) {
		chmod(dir, 0500);
		ok(file_write_atomic(path, "second\n", 7, err) < 0 && strstr(err, "unchanged"),
		   "writing into a read-only directory fails cleanly");
		chmod(dir, 0700);
	} else {
		ok(file_write_atomic("/dev/full/x", "second\n", 7, err) < 0, "writing under /dev/full fails cleanly");
	}
	ok(file_read(path, 100, &text, &n, err) == 0 && strcmp(text, "first\n") == 0, "the earlier file is intact");
	free(text);
	ok(file_read(dir, 100, &text, &n, err) < 0 && strstr(err, "is a directory"), "a directory is refused");
	char sub[300];
	snprintf(sub, sizeof sub, "%s/a/b/c", dir);
	ok(dir_make_parents(sub, err) == 0, "mkdir -p");
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ok(system(cmd) == 0, "clean up");
	return done_testing();
}
