/* test-csv.c - the CSV parser and formatter of src/core/csv.c: header
 * detection, labels, quoting, line ends, every refusal with its exact
 * message, the limits, and a format/parse round trip.
 * Linked with libnncore.a and -lm only.
 */
#include <config.h>

#include "core/alloc.h"
#include "core/csv.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"

static char err[512];
static csv_info info;

/* parse text with target (NULL: last) and regression; NULL on error */
static dataset *
parse(const char *text, const char *target, int regression)
{
	csv_options o = {"t.csv", target, regression};
	dataset *ds = NULL;
	err[0] = '\0';
	int rc = csv_parse(text, strlen(text), &o, &ds, &info, err, sizeof err);
	if ((rc == 0) != (ds != NULL))
		diag("rc %d but ds %p", rc, (void *)ds);
	return ds;
}

/* the parse must fail with exactly this message */
static void
refuses(const char *name, const char *text, const char *target, int regression, const char *want)
{
	dataset *ds = parse(text, target, regression);
	ok(ds == NULL, "%s: refused", name);
	is_str(err, want, name);
	dataset_free(ds);
}

static void
test_good(void)
{
	dataset *ds = parse("sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n4.9,1.4,setosa\n", NULL, 0);
	ok(ds && ds->n == 3 && ds->d == 2 && ds->k == 2 && !ds->regression, "iris-like: 3 rows, 2 features, 2 classes");
	ok(info.header && info.target_col == 3, "header found, target is column 3");
	is_str(ds->feature_names[1], "petal", "feature names from the header");
	is_str(ds->target_name, "species", "target name from the header");
	is_str(ds->class_names[0], "setosa", "class names sorted: setosa first");
	ok(ds->y[0] == 0 && ds->y[1] == 1 && ds->y[2] == 0, "labels mapped by name");
	ok(ds->x[0] == 5.1f && ds->x[3] == 4.7f, "features parsed");
	is_str(ds->name, "t.csv", "named after the file");
	dataset_free(ds);

	/* no header; integer labels that are not 0..k-1; target by number */
	ds = parse("3,1.5,2\n1,2.5,4\n3,0.5,6\n", "1", 0);
	ok(ds && !info.header && ds->n == 3 && ds->k == 2 && info.target_col == 1, "no header, target=1");
	ok(ds->y[0] == 1 && ds->y[1] == 0 && ds->y[2] == 1, "integer labels 1,3 become classes 0,1");
	is_str(ds->class_names[1], "3", "class name keeps the integer");
	ok(ds->x[0] == 1.5f && ds->x[1] == 2.0f, "remaining columns are the features");
	is_str(ds->feature_names[0], "x1", "features named x1.. without a header");
	ok(ds->target_name == NULL, "no target name without a header");
	dataset_free(ds);

	/* target by name, in the middle; quotes, CRLF, blank lines, BOM, spaces */
	ds = parse("\xEF\xBB\xBF" "a,\"the, label\",b\r\n\r\n 1 , \"x \"\"y\"\"\" ,2\r\n  \r\n3,z,4\r\n", "the, label", 0);
	ok(ds && ds->n == 2 && ds->d == 2 && info.target_col == 2, "quoted header name as target=");
	is_str(ds ? ds->class_names[0] : NULL, "x \"y\"", "quoted label with doubled quotes");
	ok(ds && ds->x[0] == 1.0f && ds->x[1] == 2.0f && ds->x[3] == 4.0f, "spaces around numbers ignored");
	ok(info.rows_skipped == 2, "two blank lines skipped (got %d)", info.rows_skipped);
	dataset_free(ds);

	/* "1" and "1.0" and "-0" as integer labels */
	ds = parse("x,y\n0.5,1\n0.25,1.0\n1,-0\n2,0\n", NULL, 0);
	ok(ds && ds->k == 2 && ds->y[0] == 1 && ds->y[1] == 1 && ds->y[2] == 0, "1 and 1.0 are one class; -0 is 0");
	is_str(ds ? ds->class_names[0] : NULL, "0", "class '0' (not '-0')");
	dataset_free(ds);

	/* real-valued target: regression, said so */
	ds = parse("x,price\n1,2\n2,3.5\n3,4\n", NULL, 0);
	ok(ds && ds->regression && ds->k == 1 && info.auto_regression && info.real_line == 3,
	   "a real-valued target makes it regression (first on line 3)");
	is_str(info.real_text, "3.5", "the first real value is reported");
	ok(ds && ds->t[1] == 3.5f && ds->t[2] == 4.0f, "targets parsed");
	dataset_free(ds);
	ds = parse("1,2\n2,3\n", NULL, 1);
	ok(ds && ds->regression && !info.auto_regression && ds->t[1] == 3.0f, "regression forced on integers");
	dataset_free(ds);

	/* a file without a final newline, exponents, signs */
	ds = parse("f,g\n1e3,a\n-2.5E-1,b\n+.5,a", NULL, 0);
	ok(ds && ds->n == 3 && ds->x[0] == 1000.0f && ds->x[1] == -0.25f && ds->x[2] == 0.5f,
	   "exponents and signs; last line without newline");
	dataset_free(ds);

	/* UTF-8 labels and names */
	ds = parse("größe,klasse\n1,猫\n2,犬\n", NULL, 0);
	ok(ds && ds->k == 2, "UTF-8 labels");
	is_str(ds ? ds->feature_names[0] : NULL, "größe", "UTF-8 column name");
	dataset_free(ds);

	/* a number-looking header is data; a header is found by a text column
	 * over a numeric one */
	ds = parse("1,2,0\n3,4,1\n", NULL, 0);
	ok(ds && ds->n == 2 && !info.header, "all-numeric first row is data");
	dataset_free(ds);
	ds = parse("5.1,3.5,setosa\n4.9,3.0,virginica\n", NULL, 0);
	ok(ds && ds->n == 2 && !info.header, "text only in the label column of both rows: no header");
	dataset_free(ds);
}

/* Each bad text with its target= and regression flag, and the message. */
static const struct bad_case {
	const char *name, *text, *target;
	int regression;
	const char *want;
} bad_cases[] = {
	{"not a number", "a,b,c\n1,2,x\n1,abc,y\n", NULL, 0,
	 "t.csv:3:2: 'abc' is not a number; fix the value or remove the row"},
	{"missing value", "a,b,c\n1,,x\n", NULL, 0, "t.csv:2:2: the value is missing; fill it in or remove the row"},
	{"missing label", "a,b,c\n1,2,\n", NULL, 0, "t.csv:2:3: the label is missing; fill it in or remove the row"},
	{"NaN", "a,b,c\n1,NaN,x\n", NULL, 0,
	 "t.csv:2:2: 'NaN' is not a finite number; replace it with a value or remove the row"},
	{"-inf", "a,b,c\n-Infinity,1,x\n", NULL, 0,
	 "t.csv:2:1: '-Infinity' is not a finite number; replace it with a value or remove the row"},
	{"too large", "a,b,c\n1e39,1,x\n", NULL, 0,
	 "t.csv:2:1: '1e39' is too large for a 32-bit float (over 3.4e38); rescale the column"},
	{"hex", "a,b,c\n0x10,1,x\n", NULL, 0, "t.csv:2:1: '0x10' is not a number; fix the value or remove the row"},
	{"ragged short", "a,b,c\n1,2,x\n1,2\n", NULL, 0,
	 "t.csv:3: 2 fields, but the header has 3; every row needs one value per column"},
	{"ragged long, no header", "1,2,0\n1,2,3,4\n", NULL, 0,
	 "t.csv:2: 4 fields, but the first row has 3; every row needs one value per column"},
	{"trailing comma", "a,b,c\n1,2,x,\n", NULL, 0,
	 "t.csv:2: 4 fields, but the header has 3; every row needs one value per column"},
	{"duplicate header", "w,h,w,c\n1,2,3,x\n", NULL, 0,
	 "t.csv:1:3: the column name 'w' repeats column 1; rename one of them"},
	{"empty header name", ",a,c\n0,1,x\n", NULL, 0,
	 "t.csv:1:1: column 1 has no name; name it, or write the file without an index column "
	 "(pandas: to_csv(index=False))"},
	{"control char in header", "a\x07,b,c\n1,2,x\n", NULL, 0,
	 "t.csv:1:1: the column name contains the control character U+0007; remove it"},
	{"tab inside a header name", "a\tb,c\n1,x\n", NULL, 0,
	 "t.csv:1:1: the column name contains the control character U+0009; remove it"},
	{"C1 control in a label", "a,c\n1,x\xC2\x85y\n", NULL, 0,
	 "t.csv:2:2: the label contains the control character U+0085; remove it"},
	{"non-UTF-8", "a,b,c\n1,2,caf\xE9\n", NULL, 0,
	 "t.csv:2:3: the label has the byte 0xE9, which is not UTF-8; save the file as UTF-8"},
	{"overlong UTF-8", "a,b\n1,\xC0\xAF\n", NULL, 0,
	 "t.csv:2:2: the label has the byte 0xC0, which is not UTF-8; save the file as UTF-8"},
	{"non-UTF-8 in header", "a\xFF,c\n1,x\n", NULL, 0,
	 "t.csv:1:1: the column name has the byte 0xFF, which is not UTF-8; save the file as UTF-8"},
	{"unterminated quote", "a,b\n1,\"x\n2,y\n", NULL, 0,
	 "t.csv:2:2: the quote that opens field 2 is never closed; close it with \""},
	{"text after quote", "a,b\n1,\"x\"y\n", NULL, 0,
	 "t.csv:2:2: text after the closing quote of field 2; quote the whole field, writing a quote inside "
	 "it as \"\""},
	{"quote in bare field", "a,b\n1,x\"y\n", NULL, 0,
	 "t.csv:2:2: a quote inside an unquoted field; quote the whole field and write the quote as \"\""},
	{"lone CR", "a,b\r1,x\r", NULL, 0,
	 "t.csv:1:2: a carriage return without a line feed; save the file with LF or CRLF line ends"},
	{"empty file", "\n  \n", NULL, 0,
	 "t.csv: the file is empty; it needs a row per point, each with features and a label"},
	{"header only", "a,b,c\n", NULL, 0, "t.csv: only a header row, no data; add rows of values below it"},
	{"one column", "1\n2\n", NULL, 0,
	 "t.csv:1: only one column; a dataset needs at least one feature column and a target column"},
	{"one class", "a,c\n1,x\n2,x\n", NULL, 0,
	 "t.csv: every row has the label 'x'; a classifier needs at least two classes"},
	{"unknown target", "a,b,c\n1,2,x\n", "d", 0, "t.csv: there is no column 'd'; the columns are 'a', 'b', 'c'"},
	{"target out of range", "a,b,c\n1,2,x\n", "4", 0,
	 "t.csv: target=4 is not a column: the file has 3 columns; give 1 to 3 or a name"},
	{"target 0", "a,b,c\n1,2,x\n", "0", 0,
	 "t.csv: target=0 is not a column: the file has 3 columns; give 1 to 3 or a name"},
	{"target name without header", "1,2,0\n3,4,1\n", "label", 0,
	 "t.csv:1: target='label' names a column, but the file has no header row; give the column's number, "
	 "e.g. target=3"},
	{"regression with a text target", "a,b\n1,2\n2,x\n", NULL, 1,
	 "t.csv:3:2: 'x' is not a number; fix the value or remove the row"},
	{"long value clipped", "a,b\n1,2\n12345678901234567890123456789012345678901234567890x,1\n", NULL, 0,
	 "t.csv:3:1: '1234567890123456789012345678901234567...' is not a number; fix the value or remove the row"},
};

static void
test_bad(void)
{
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const struct bad_case *c = &bad_cases[i];
		refuses(c->name, c->text, c->target, c->regression, c->want);
	}
	{
		static const char nul[] = "a,b\n1,x\n2\0,y\n";
		csv_options o = {"t.csv", NULL, 0};
		dataset *ds = NULL;
		ok(csv_parse(nul, sizeof nul - 1, &o, &ds, &info, err, sizeof err) < 0 && !ds, "NUL byte: refused");
		is_str(err, "t.csv:3: the file contains a NUL byte; it is not a CSV text file", "NUL byte");
	}
	{
		/* found by fuzz-csv: a byte-order mark after a blank line hid
		 * inside the first name and vanished when the data was written
		 * back, so the file read back differently */
		static const char bom[] = "\r\n\xEF\xBB\xBF" "80,3,240\n120,4,410.25\n6,2,199\n";
		csv_options o = {"t.csv", NULL, 0};
		dataset *ds = NULL;
		ok(csv_parse(bom, sizeof bom - 1, &o, &ds, &info, err, sizeof err) < 0 && !ds, "a BOM past the start: refused");
		is_str(err, "t.csv:2: a byte-order mark (U+FEFF) in the middle of the file; save it as plain UTF-8",
		       "a BOM past the start");
	}
}

/* Build a text with many rows or columns. */
static char *
big_text(int rows, int cols, int distinct_labels)
{
	size_t cap = (size_t)rows * (size_t)cols * 8 + 64;
	char *s = xmalloc(cap), *p = s;
	for (int i = 0; i < rows; i++) {
		for (int c = 0; c + 1 < cols; c++)
			p += sprintf(p, "%d,", c);
		p += sprintf(p, "%d\n", distinct_labels ? i % distinct_labels : i % 2);
	}
	*p = '\0';
	return s;
}

static void
test_limits(void)
{
	char *t = big_text(2, CSV_MAX_COLS + 1, 0);
	refuses("too many columns", t, NULL, 0, "t.csv:1: more than 1000 columns; nnlab reads at most 1000");
	free(t);
	t = big_text(2, CSV_MAX_COLS, 0);
	dataset *ds = parse(t, NULL, 0);
	ok(ds && ds->d == CSV_MAX_COLS - 1, "exactly 1000 columns are fine");
	dataset_free(ds);
	free(t);
	t = big_text(CSV_MAX_ROWS + 1, 2, 0);
	refuses("too many rows", t, NULL, 0, "t.csv:1000001: more than 1000000 data rows; nnlab reads at most 1000000");
	free(t);
	t = big_text(CSV_MAX_CLASSES + 1, 2, CSV_MAX_CLASSES + 1);
	refuses("too many integer classes", t, NULL, 0,
	        "t.csv: the target column has 1001 distinct whole numbers, more than 1000 classes; for a number to "
	        "predict, add 'regression'");
	ds = parse(t, NULL, 1);
	ok(ds && ds->regression && ds->n == 1001, "... and with regression it loads");
	dataset_free(ds);
	free(t);
	/* 1001 distinct text labels */
	{
		char *s = xmalloc(20 * 1100), *p = s;
		p += sprintf(p, "v,c\n");
		for (int i = 0; i <= CSV_MAX_CLASSES; i++)
			p += sprintf(p, "1,L%d\n", i);
		refuses("too many text classes", s, NULL, 0,
		        "t.csv: the target column has more than 1000 distinct labels; nnlab takes at most 1000 classes");
		free(s);
	}
	/* the size limit is checked before anything is read */
	csv_options o = {"big.csv", NULL, 0};
	ds = NULL;
	int rc = csv_parse("1,2\n", (size_t)CSV_MAX_BYTES + 1, &o, &ds, &info, err, sizeof err);
	ok(rc < 0 && ds == NULL, "over 64 MiB refused");
	is_str(err, "big.csv: the file is larger than 64 MiB; nnlab reads at most 64 MiB", "size message");
}

static void
test_round_trip(void)
{
	rng_t r;
	rng_init(&r, 4);
	dataset *ds = dataset_spiral(&r, 50, 3, 0.3);
	size_t len;
	char *text = csv_format(ds, &len);
	ok(strlen(text) == len, "format: length");
	ok(strncmp(text, "x1,x2,y\n", 8) == 0, "format: header x1,x2,y");
	dataset *back = parse(text, NULL, 0);
	ok(back && dataset_checksum(back) == dataset_checksum(ds), "spiral: format then parse gives the same numbers");
	free(text);
	dataset_free(back);
	dataset_free(ds);

	ds = dataset_sine(&r, 30, 0.1);
	text = csv_format(ds, &len);
	back = parse(text, NULL, 1);
	ok(back && dataset_checksum(back) == dataset_checksum(ds), "sine: round trip of a regression");
	free(text);
	dataset_free(back);

	/* names that need quotes survive */
	ds->feature_names[0] = (free(ds->feature_names[0]), xstrdup("a, \"b\""));
	dataset *c = dataset_new("c", 2, 1, 2, 0);
	c->class_names = xcalloc(2, sizeof *c->class_names);
	c->class_names[0] = xstrdup(" lead");
	c->class_names[1] = xstrdup("x,y");
	c->y[1] = 1;
	c->x[1] = 0.1f;
	text = csv_format(c, &len);
	is_str(text, "x1,y\n0,\" lead\"\n0.100000001,\"x,y\"\n", "format: quoting and %.9g");
	back = parse(text, NULL, 0);
	ok(back && back->k == 2 && strcmp(back->class_names[0], " lead") == 0 && back->x[1] == 0.1f,
	   "quoted labels read back (leading space kept inside quotes)");
	free(text);
	dataset_free(back);
	dataset_free(c);
	dataset_free(ds);
}

int
main(void)
{
	test_good();
	test_bad();
	test_limits();
	test_round_trip();
	return done_testing();
}
