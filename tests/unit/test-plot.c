/* test-plot.c - gnuplot scripts (src/plot/gpscript.c): quoting that no
 * label can escape, targets, the data sent inline; and the plot sources
 * table against the words `plot` completes. */
#include <config.h>

#include "cmd/plotsrc.h"
#include "out/chart.h"
#include "plot/gnuplot.h"
#include "util/strbuf.h"
#include "../tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <unistd.h>

static char *
quoted(const char *s)
{
	strbuf b;
	sb_init(&b);
	gp_quote(&b, s);
	return sb_steal(&b);
}

/* Read a single-quoted gnuplot string at p the way gnuplot does ('' is a
 * quote, nothing else is special); the end of it in *end, or NULL if it
 * does not end.  An independent reading of what gp_quote wrote. */
static char *
unquote(const char *p, const char **end)
{
	strbuf b;
	sb_init(&b);
	if (*p != '\'') {
		*end = NULL;
		sb_free(&b);
		return NULL;
	}
	for (p++; *p; p++) {
		if (*p == '\'') {
			if (p[1] == '\'') {
				sb_putc(&b, '\'');
				p++;
				continue;
			}
			*end = p + 1;
			return sb_steal(&b);
		}
		sb_putc(&b, *p);
	}
	*end = NULL;
	sb_free(&b);
	return NULL;
}

static void
test_quote(void)
{
	static const char *const hostile[] = {
		"plain",
		"it's",
		"'; system 'touch pwned'; '",
		"`touch pwned`",
		"@macro and $var",
		"line\nbreak; system 'id'",
		"\033[2Jescape",
		"back\\slash\\",
		"\"double\"",
		"",
		"'",
		"''''",
		"\xff\xfe invalid",
	};
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		char *q = quoted(hostile[i]);
		const char *end;
		char *back = unquote(q, &end);
		int one_string = back && end && *end == '\0';
		int no_ctl = 1;
		for (const char *p = q; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				no_ctl = 0;
		ok(one_string && no_ctl, "label %zu quotes as one string literal with no control bytes: %s", i, q);
		/* what gnuplot reads back is the label, controls shown as '?' */
		if (i < 5 || i == 7 || i == 8 || i == 10 || i == 11)
			is_str(back ? back : "(none)", hostile[i], "  and reads back unchanged");
		free(back);
		free(q);
	}
	char *q = quoted("line\nbreak");
	is_str(q, "'line?break'", "a newline becomes '?', so a label cannot end the command");
	free(q);
	q = quoted("中文 label");
	is_str(q, "'中文 label'", "UTF-8 text passes through");
	free(q);
}

static void
test_targets(void)
{
	gp_target t;
	char err[600];
	ok(gp_target_parse("window", &t, err, sizeof err) == 0 && t.kind == GP_WINDOW, "to=window");
	ok(gp_target_parse("dumb", &t, err, sizeof err) == 0 && t.kind == GP_DUMB, "to=dumb");
	ok(gp_target_parse("out/loss.PNG", &t, err, sizeof err) == 0 && t.kind == GP_PNG &&
	   strcmp(t.file, "out/loss.PNG") == 0, "a .PNG file (any case)");
	ok(gp_target_parse("a.svg", &t, err, sizeof err) == 0 && t.kind == GP_SVG, "a .svg file");
	ok(gp_target_parse("a.pdf", &t, err, sizeof err) == 0 && t.kind == GP_PDF, "a .pdf file");
	ok(gp_target_parse("a.jpg", &t, err, sizeof err) < 0 && strstr(err, "'a.jpg' is not a place to plot to"),
	   "a .jpg file is refused: %s", err);
	ok(gp_target_parse("a\nb.png", &t, err, sizeof err) < 0 && strstr(err, "control character"),
	   "a control character in a file name is refused: %s", err);
	ok(gp_target_parse("", &t, err, sizeof err) < 0, "an empty target is refused: %s", err);
	ok(gp_target_parse(".png", &t, err, sizeof err) < 0, "'.png' alone is not a file name: %s", err);
	ok(gp_target_parse("dir/", &t, err, sizeof err) < 0, "a directory is refused: %s", err);
	ok(gp_target_parse("\xff.png", &t, err, sizeof err) < 0 && strstr(err, "UTF-8"), "invalid UTF-8 is refused");
}

/* Every line of a script is a command nnlab wrote, a data line (numbers,
 * and marks: one letter or digit in double quotes), or the end of a
 * datablock: user text appears only inside string literals. */
static int
script_is_clean(const char *script, char *why, size_t n)
{
	static const char *const commands[] = {"reset", "set ", "unset ", "plot ", "     $", "print ", NULL};
	int in_block = 0;
	const char *p = script;
	int lineno = 0;
	while (*p) {
		lineno++;
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[4096];
		snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line - 1 ? len : sizeof line - 1), p);
		if (in_block) {
			if (strcmp(line, "EOD") == 0) {
				in_block = 0;
			} else {
				/* numbers only */
				for (char *q = line; *q;) {
					char *e;
					if (*q == ' ') {
						q++;
						continue;
					}
					if (strncmp(q, "NaN", 3) == 0) {
						q += 3;
						continue;
					}
					/* a mark: one letter or digit in double quotes */
					if (q[0] == '"' && isalnum((unsigned char)q[1]) && q[2] == '"') {
						q += 3;
						continue;
					}
					strtod(q, &e);
					if (e == q) {
						snprintf(why, n, "line %d: not a number in a datablock: %.200s", lineno, line);
						return 0;
					}
					q = e;
				}
			}
		} else if (line[0] == '$' && strstr(line, " << EOD")) {
			in_block = 1;
		} else {
			int known = 0;
			for (int i = 0; commands[i]; i++)
				if (strncmp(line, commands[i], strlen(commands[i])) == 0)
					known = 1;
			if (!known) {
				snprintf(why, n, "line %d: not a command nnlab writes: %.200s", lineno, line);
				return 0;
			}
			/* outside string literals, only nnlab's own words */
			for (const char *q = line; *q;) {
				if (*q == '\'') {
					const char *end;
					char *s = unquote(q, &end);
					free(s);
					if (!end) {
						snprintf(why, n, "line %d: a string does not end: %.200s", lineno, line);
						return 0;
					}
					q = end;
					continue;
				}
				if (*q == '`' || *q == '@' || *q == ';' || *q == '"') {
					snprintf(why, n, "line %d: '%c' outside a string: %.200s", lineno, *q, line);
					return 0;
				}
				q++;
			}
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	if (in_block) {
		snprintf(why, n, "a datablock does not end");
		return 0;
	}
	return 1;
}

static void
test_scripts(void)
{
	double y1[5] = {3, 2, NAN, 1, 0.5}, y2[5] = {3.5, 2.5, 2, 1.5, 1};
	chart_series s[2] = {{.name = "train'; system 'touch pwned", .y = y1, .n = 5},
	                     {.name = "`touch pwned2`", .y = y2, .n = 5}};
	chart c = {.kind = CHART_LINE, .title = "loss\nset output '/etc/passwd'", .xlabel = "@x", .ylabel = "\"y\"",
	           .series = s, .nseries = 2, .logy = 1};
	gp_target t;
	char err[600], why[600] = "";
	gp_target_parse("evil'; system 'touch x'; '.png", &t, err, sizeof err);
	strbuf b;
	sb_init(&b);
	gp_script_chart(&c, &t, &b);
	ok(script_is_clean(b.s, why, sizeof why), "a chart script with hostile labels and file name is clean %s", why);
	ok(strstr(b.s, "set output 'evil''; system ''touch x''; ''.png'\n") != NULL,
	   "the file name is one quoted string");
	ok(strstr(b.s, "set title 'loss?set output ''/etc/passwd''' noenhanced\n") != NULL,
	   "a newline in the title cannot start a command");
	/* the data, inline: the NaN point breaks the line (a blank line) */
	ok(strstr(b.s, "$series0 << EOD\n0 3\n1 2\n\n3 1\n4 0.5\nEOD\n") != NULL, "series 0 inline, a gap at NaN");
	ok(strstr(b.s, "$series1 << EOD\n0 3.5\n1 2.5\n2 2\n3 1.5\n4 1\nEOD\n") != NULL, "series 1 inline");
	ok(strstr(b.s, "set logscale y\n") != NULL, "log scale");
	ok(strstr(b.s, "set terminal pngcairo") != NULL && strstr(b.s, "unset output\n") != NULL,
	   "PNG terminal, output closed at the end");
	int labels = 0, noenh = 0;
	for (const char *p = b.s; (p = strstr(p, "set ")) != NULL; p++)
		if (strncmp(p, "set title", 9) == 0 || strncmp(p, "set xlabel", 10) == 0 || strncmp(p, "set ylabel", 10) == 0) {
			labels++;
			const char *nl = strchr(p, '\n');
			if (nl && nl - p > 10 && strncmp(nl - 10, "noenhanced", 10) == 0)
				noenh++;
		}
	ok(labels == 3 && noenh == 3, "every label is noenhanced (%d of %d)", noenh, labels);
	sb_free(&b);

	/* scatter by class, and a heatmap with a mask and token labels */
	double x[4] = {0, 1, 2, 3}, yy[4] = {1, 0, 1, 0};
	int cls[4] = {0, 1, 0, 1};
	const char *names[2] = {"a'b", "c"};
	chart_series ss = {.x = x, .y = yy, .n = 4, .cls = cls};
	chart sc = {.kind = CHART_SCATTER, .series = &ss, .nseries = 1, .class_names = names, .nclasses = 2};
	gp_target_parse("dumb", &t, err, sizeof err);
	sb_init(&b);
	gp_script_chart(&sc, &t, &b);
	ok(script_is_clean(b.s, why, sizeof why), "a scatter script is clean %s", why);
	ok(strstr(b.s, "$class0 << EOD\n0 1\n2 1\nEOD\n$class1 << EOD\n1 0\n3 0\nEOD\n") != NULL,
	   "a datablock per class");
	ok(strstr(b.s, "with points pt '*' title 'a''b'") && strstr(b.s, "with points pt 'o' title 'c'"),
	   "on the dumb terminal each class has nnlab's glyph");
	sb_free(&b);
	float v[6] = {1, 0, 0.5, 0.5, 0.25, 0.75};
	unsigned char m[6] = {0, 1, 0, 0, 0, 0};
	const char *tok[3] = {"I", "'s", "x`y"};
	heatmap h = {.title = "attention", .rows = 2, .cols = 3, .v = v, .mask = m, .col_labels = tok};
	gp_target_parse("a.svg", &t, err, sizeof err);
	sb_init(&b);
	gp_script_heatmap(&h, &t, &b);
	ok(script_is_clean(b.s, why, sizeof why), "a heatmap script is clean %s", why);
	ok(strstr(b.s, "$matrix << EOD\n1 NaN 0.5\n0.5 0.25 0.75\nEOD\n") != NULL, "the matrix inline, masked as NaN");
	ok(strstr(b.s, "set xtics ('I' 0, '''s' 1, 'x`y' 2) noenhanced\n") != NULL, "token labels as quoted tics");
	ok(strstr(b.s, "set yrange [1.5:-0.5]\n") != NULL, "row 0 at the top");
	ok(strstr(b.s, "set cbrange [0.25:1]\n") != NULL, "the colour range of the unmasked values");
	sb_free(&b);
}

/* Decision regions (a class per cell, data marks) and the network
 * diagram (a panel per layer) as gnuplot scripts. */
static void
test_new_scripts(void)
{
	gp_target t;
	char err[600], why[600] = "";
	gp_target_parse("b.png", &t, err, sizeof err);
	float v[4] = {0, 1, 2, 1};
	char marks[4] = {'2', 0, '\'', 'a'};
	heatmap h = {.title = "regions", .rows = 2, .cols = 2, .v = v, .lo = 0, .hi = 2, .categorical = 1, .marks = marks};
	strbuf b;
	sb_init(&b);
	gp_script_heatmap(&h, &t, &b);
	ok(script_is_clean(b.s, why, sizeof why), "a decision-region script is clean %s", why);
	ok(strstr(b.s, "set palette maxcolors 3\n") != NULL && strstr(b.s, "set cbrange [-0.5:2.5]\n") != NULL,
	   "a colour per class, each class centred on its colour");
	/* column, row, the mark; the quote is no letter or digit and left out */
	ok(strstr(b.s, "$marks << EOD\n0 0 \"2\"\n1 1 \"a\"\nEOD\n") != NULL, "the marks inline, letters and digits only");
	ok(strstr(b.s, "$marks using 1:2:3 with labels") != NULL, "the marks drawn as labels");
	sb_free(&b);

	float w1[2] = {1, -1}, w2[3] = {0.5, 0, -0.5};
	netdiag_layer L[3] = {{.name = "layer 1'; system 'touch pwned", .rows = 2, .cols = 1, .w = w1},
	                      {.name = "layer 2 (dropout)"},
	                      {.name = "layer 3", .rows = 1, .cols = 3, .w = w2, .hot = 1}};
	netdiag d = {.title = "network `x`", .nlayers = 3, .layers = L};
	gp_target_parse("dumb", &t, err, sizeof err);
	sb_init(&b);
	gp_script_netdiag(&d, &t, &b);
	ok(script_is_clean(b.s, why, sizeof why), "a network diagram script is clean %s", why);
	ok(strstr(b.s, "set multiplot layout 1,2 title 'network `x`' noenhanced\n") != NULL,
	   "a panel for each of the two layers with weights");
	ok(strstr(b.s, "set title 'layer 1''; system ''touch pwned' noenhanced\n") != NULL,
	   "a hostile layer name is one quoted string");
	ok(strstr(b.s, "set title '> layer 3' noenhanced\n") != NULL, "the hot layer is marked");
	ok(strstr(b.s, "$matrix << EOD\n1\n-1\nEOD\n") != NULL && strstr(b.s, "$matrix << EOD\n0.5 0 -0.5\nEOD\n"),
	   "each layer's weights inline");
	ok(strstr(b.s, "unset multiplot\n") != NULL, "the multiplot is closed");
	sb_free(&b);
}

/* The scripts through a real gnuplot, when there is one: a heatmap to a
 * PNG file, a chart to the dumb terminal, hostile labels that must not
 * run anything. */
static void
test_real_gnuplot(void)
{
	gnuplot *g = gp_new(NULL);
	char err[600];
	if (gp_has_terminal(g, "pngcairo", err, sizeof err) != 1) {
		ok(1, "# SKIP gnuplot with pngcairo is not available (%s)", err);
		gp_free(g);
		return;
	}
	char dir[] = "/tmp/nnlab-test-plot.XXXXXX";
	if (!mkdtemp(dir)) {
		ok(0, "a scratch directory");
		gp_free(g);
		return;
	}
	char png[300], pwned[300];
	snprintf(png, sizeof png, "%s/map.png", dir);
	snprintf(pwned, sizeof pwned, "%s/pwned", dir);
	float v[9] = {1, 0, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5};
	unsigned char m[9] = {0, 1, 1, 0, 0, 1, 0, 0, 0};
	char hostile[400];
	snprintf(hostile, sizeof hostile, "x'; system 'touch %s'; print '", pwned);
	const char *tok[3] = {hostile, "`touch pwned`", "@x"};
	heatmap h = {.title = hostile, .rows = 3, .cols = 3, .v = v, .mask = m, .row_labels = tok, .col_labels = tok,
	             .values = 1};
	gp_target t;
	gp_target_parse(png, &t, err, sizeof err);
	strbuf sc, out, msgs;
	sb_init(&sc);
	sb_init(&out);
	sb_init(&msgs);
	gp_script_heatmap(&h, &t, &sc);
	int rc = gp_run(g, sc.s, &out, &msgs, err, sizeof err);
	ok(rc == 0, "gnuplot ran the heatmap script (%s)", rc ? err : "ok");
	ok(!strstr(msgs.s, "line ") || strstr(msgs.s, "missing or undefined values"),
	   "gnuplot accepted it (said: %s)", msgs.s);
	FILE *f = fopen(png, "rb");
	unsigned char sig[8] = {0};
	size_t got = f ? fread(sig, 1, 8, f) : 0;
	long size = 0;
	if (f) {
		fseek(f, 0, SEEK_END);
		size = ftell(f);
		fclose(f);
	}
	ok(got == 8 && memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0 && size > 2000, "a PNG of %ld bytes", size);
	ok(access(pwned, F_OK) != 0, "the hostile labels ran nothing");
	/* a chart on the dumb terminal comes back on standard output */
	double y[3] = {1, 4, 9};
	chart_series s = {.name = "squares", .y = y, .n = 3};
	chart c = {.kind = CHART_LINE, .title = "three squares", .series = &s, .nseries = 1};
	gp_target_parse("dumb", &t, err, sizeof err);
	sb_clear(&sc);
	sb_clear(&msgs);
	gp_script_chart(&c, &t, &sc);
	rc = gp_run(g, sc.s, &out, &msgs, err, sizeof err);
	ok(rc == 0 && strstr(out.s, "three squares") && strstr(out.s, "squares"), "the dumb terminal's picture is read back");
	long pid = gp_pid(g);
	sb_clear(&msgs);
	rc = gp_run(g, "print 'still here'", &out, &msgs, err, sizeof err);
	ok(rc == 0 && gp_pid(g) == pid && strstr(msgs.s, "still here"), "one gnuplot process serves every script");
	sb_free(&sc);
	sb_free(&out);
	sb_free(&msgs);
	gp_free(g);
	unlink(png);
	rmdir(dir);
}

int
main(void)
{
	test_quote();
	test_targets();
	test_scripts();
	test_new_scripts();
	test_real_gnuplot();
	/* every source can be completed after `plot` */
	int missing = 0;
	for (int i = 0; plot_sources[i]; i++) {
		int found = 0;
		for (int k = 0; plot_words[k]; k++)
			found |= strcmp(plot_words[k], plot_sources[i]->name) == 0;
		if (!found) {
			diag("plot source '%s' is missing from plot_words in cmd-plot.c", plot_sources[i]->name);
			missing++;
		}
	}
	ok(missing == 0, "every plot source completes after 'plot'");
	return done_testing();
}
