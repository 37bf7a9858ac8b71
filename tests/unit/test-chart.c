/* test-chart.c - the text renderers of charts and heatmaps (src/out):
 * fixed inputs against expected text, and the geometry checked against
 * an independent reading of the rendered tick labels. */
#include <config.h>

#include "out/chart.h"
#include "out/picture.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "../tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== helpers =========================================================== */

static char *
render_chart(const chart *c, int width, int height, int unicode)
{
	strbuf b;
	sb_init(&b);
	chart_render_text(c, width, height, unicode, &b);
	return sb_steal(&b);
}

static char *
render_heatmap(const heatmap *h, int width)
{
	strbuf b;
	sb_init(&b);
	heatmap_render_text(h, width, 0, &b);
	return sb_steal(&b);
}

/* is_text: like is_str, showing both texts line by line on failure. */
static void
is_text(char *got, const char *want, const char *name)
{
	int good = strcmp(got, want) == 0;
	ok(good, "%s", name);
	if (!good) {
		printf("# got:\n");
		for (char *p = got; *p;) {
			char *nl = strchr(p, '\n');
			printf("# |%.*s|\n", (int)(nl ? nl - p : (long)strlen(p)), p);
			p = nl ? nl + 1 : p + strlen(p);
		}
		printf("# want:\n%s", "");
		for (const char *p = want; *p;) {
			const char *nl = strchr(p, '\n');
			printf("# |%.*s|\n", (int)(nl ? nl - p : (long)strlen(p)), p);
			p = nl ? nl + 1 : p + strlen(p);
		}
	}
	free(got);
}

/* Line n (0-based) of text into buf; 0 if there is none. */
static int
line_of(const char *text, int n, char *buf, size_t len)
{
	const char *p = text;
	for (int i = 0; i < n; i++) {
		p = strchr(p, '\n');
		if (!p)
			return 0;
		p++;
	}
	if (!*p)
		return 0;
	const char *nl = strchr(p, '\n');
	size_t l = nl ? (size_t)(nl - p) : strlen(p);
	if (l >= len)
		l = len - 1;
	memcpy(buf, p, l);
	buf[l] = '\0';
	return 1;
}

/* The widest line of text, in columns. */
static int
widest_line(const char *text)
{
	int most = 0;
	char buf[4096];
	for (int i = 0; line_of(text, i, buf, sizeof buf); i++) {
		int w = (int)utf8_width(buf);
		if (w > most)
			most = w;
	}
	return most;
}

/* The code point at display column col of line (ASCII or 3-byte UTF-8
 * characters, all one column wide here); -1 if the line is shorter. */
static long
cp_at(const char *line, int col)
{
	int c = 0;
	size_t i = 0, n = strlen(line);
	while (i < n) {
		size_t len;
		int32_t cp = utf8_decode(line + i, n - i, &len);
		if (c == col)
			return cp;
		c++;
		i += len;
	}
	return -1;
}

/* ==== line charts, ASCII ================================================ */

static void
test_line_ascii(void)
{
	double y[11];
	for (int i = 0; i < 11; i++)
		y[i] = i;
	chart_series s = {.name = "y = x", .y = y, .n = 11};
	chart c = {.kind = CHART_LINE, .title = "line", .xlabel = "x", .ylabel = "y", .series = &s, .nseries = 1};
	is_text(render_chart(&c, 40, 11, 0),
	        "                   line\n"
	        "y\n"
	        "10 +                                 **\n"
	        "   |                             ****\n"
	        "   |                          ***\n"
	        "   |                      ****\n"
	        "   |                   ***\n"
	        " 5 +                ***\n"
	        "   |            ****\n"
	        "   |         ***\n"
	        "   |     ****\n"
	        "   |  ***\n"
	        " 0 +**\n"
	        "   ++------+------+-----+------+------+\n"
	        "    0      2      4     6      8      10\n"
	        "                     x\n"
	        "    * y = x\n",
	        "ASCII line chart of y = x with title, labels, ticks and legend");
}

/* ==== line charts: braille, several series, negatives, NaN ============= */

static void
test_two_series(void)
{
	double y1[9] = {-2, -1, 0, 1, NAN, 1, 0, -1, -2};
	double y2[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
	chart_series s[2] = {{.name = "wave", .y = y1, .n = 9}, {.name = "flat", .y = y2, .n = 9}};
	chart c = {.kind = CHART_LINE, .title = "two series", .series = s, .nseries = 2};
	is_text(render_chart(&c, 36, 8, 1),
	        "              two series\n"
	        " 1 ┤ooooooooooooooooooooooooooooooo\n"
	        "   │        ⢀⠔⠁         ⠈⠢⡀\n"
	        " 0 ┤       ⡠⠊             ⠑⢄\n"
	        "   │      ⡔⠁               ⠈⢢\n"
	        "   │    ⢀⠜                   ⠣⡀\n"
	        "-1 ┤   ⡠⠊                     ⠑⢄\n"
	        "   │ ⢀⠔⠁                       ⠈⠢⡀\n"
	        "-2 ┤⡠⠃                           ⠘⢄\n"
	        "   └┬──────┬───────┬───────┬──────┬\n"
	        "    0      2       4       6      8\n"
	        "    ⣿ wave   o flat\n"
	        "(1 point not shown: NaN or infinite)\n",
	        "braille: negative values, a NaN gap in the line, a second series in its own glyph");
	is_text(render_chart(&c, 36, 8, 0),
	        "              two series\n"
	        " 1 +ooooooooooooooooooooooooooooooo\n"
	        "   |         **         **\n"
	        " 0 +        *             **\n"
	        "   |      **                *\n"
	        "   |     *                   *\n"
	        "-1 +   **                     *\n"
	        "   | **                        **\n"
	        "-2 +*                            **\n"
	        "   ++-------+------+-------+------+\n"
	        "    0       2      4       6      8\n"
	        "    * wave   o flat\n"
	        "(1 point not shown: NaN or infinite)\n",
	        "the same chart in ASCII");
}

static void
test_log(void)
{
	double ly[6] = {1000, 100, 10, 1, 0.1, -1};
	chart_series s = {.name = "loss", .y = ly, .n = 6};
	chart c = {.kind = CHART_LINE, .logy = 1, .ylabel = "loss", .xlabel = "epoch", .series = &s, .nseries = 1};
	is_text(render_chart(&c, 40, 9, 0),
	        "loss (log scale)\n"
	        "1000 +**\n"
	        "     |  ****\n"
	        " 100 +      ****\n"
	        "     |          ****\n"
	        "  10 +              ****\n"
	        "     |                  ****\n"
	        "   1 +                      ****\n"
	        "     |                          ****\n"
	        " 0.1 +                              ***\n"
	        "     ++-------+-------+-------+-------+\n"
	        "      0       1       2       3       4\n"
	        "                    epoch\n"
	        "      * loss\n"
	        "(1 point not shown: <= 0 on a log scale)\n",
	        "log scale: a tick per decade, a straight line, the negative value skipped and said so");
}

static void
test_degenerate(void)
{
	double fy[3] = {0.25, 0.25, 0.25};
	chart_series s = {.y = fy, .n = 3};
	chart c = {.kind = CHART_LINE, .series = &s, .nseries = 1};
	is_text(render_chart(&c, 30, 5, 0),
	        "0.3 +\n"
	        "    |\n"
	        "    |************************\n"
	        "    |\n"
	        "0.2 +\n"
	        "    ++-----------+----------+\n"
	        "     0           1          2\n",
	        "a flat series: the range is widened around it, whole-number steps on x");
	double py[1] = {-3};
	chart_series s1 = {.y = py, .n = 1};
	chart c1 = {.kind = CHART_LINE, .series = &s1, .nseries = 1};
	is_text(render_chart(&c1, 30, 5, 0),
	        "-2.5 +\n"
	        "     |\n"
	        "-3.0 +           *\n"
	        "     |\n"
	        "-3.5 +\n"
	        "     ++----------+----------+\n"
	        "      -1         0          1\n",
	        "a single point, negative, in the middle of both axes");
	double ny[2] = {NAN, INFINITY};
	chart_series s2 = {.y = ny, .n = 2};
	chart c2 = {.kind = CHART_LINE, .title = "nothing", .series = &s2, .nseries = 1};
	is_text(render_chart(&c2, 30, 5, 0),
	        "nothing\n"
	        "(nothing to plot: no points)\n"
	        "(2 points not shown: NaN or\n"
	        "infinite)\n",
	        "no finite point: says so instead of drawing axes");
	chart c3 = {.kind = CHART_LINE, .title = "none", .series = NULL, .nseries = 0};
	is_text(render_chart(&c3, 30, 5, 1), "none\n(nothing to plot: no points)\n", "no series at all");
}

/* ==== scatter =========================================================== */

static void
test_scatter(void)
{
	double sx[6] = {-1, -0.5, 0, 0.5, 1, 0}, sy[6] = {-1, 0.5, 0, -0.5, 1, 1};
	int cl[6] = {0, 1, 2, 0, 1, 2};
	const char *names[3] = {"red", "green", "blue"};
	chart_series s = {.x = sx, .y = sy, .n = 6, .cls = cl};
	chart c = {.kind = CHART_SCATTER, .title = "classes", .series = &s, .nseries = 1, .class_names = names,
	           .nclasses = 3};
	is_text(render_chart(&c, 30, 5, 1),
	        "             classes\n"
	        " 1 ┤            x           o\n"
	        "   │      o\n"
	        " 0 ┤            x\n"
	        "   │                  *\n"
	        "-1 ┤*\n"
	        "   └┬─────┬─────┬─────┬─────┬\n"
	        "   -1.0  -0.5   0    0.5   1.0\n"
	        "    * red   o green   x blue\n",
	        "scatter: a glyph per class even in Unicode (no colour in text), class names in the legend");
}

/* ==== geometry, checked against the rendered tick labels ============== */

/* A chart drawn at unicode=1 puts the point (x, y) on dot
 * (round(fx * (2W-1)), round(fy * (4H-1))) where fx, fy are its place
 * between the lowest and highest tick labels.  Read those labels from the
 * text, recompute every dot, and check the braille cell there has it. */
static void
test_braille_geometry(void)
{
	enum { N = 40, H = 10 };
	double x[N], y[N];
	unsigned long r = 12345;
	for (int i = 0; i < N; i++) {
		r = r * 1103515245UL + 12345UL;
		x[i] = (double)((r >> 8) % 2001) / 100.0 - 7;   /* -7 .. 13 */
		r = r * 1103515245UL + 12345UL;
		y[i] = (double)((r >> 8) % 1001) / 1000.0 * 3 - 1.2;  /* -1.2 .. 1.8 */
	}
	chart_series s = {.x = x, .y = y, .n = N};
	chart c = {.kind = CHART_SCATTER, .series = &s, .nseries = 1};
	char *t = render_chart(&c, 60, H, 1);
	char line[1024];
	/* y labels: first and last plot rows; x labels: the line under the axis */
	double ytop, ybot, xlo, xhi;
	line_of(t, 0, line, sizeof line);
	int ok1 = sscanf(line, "%lf", &ytop) == 1;
	line_of(t, H - 1, line, sizeof line);
	int ok2 = sscanf(line, "%lf", &ybot) == 1;
	line_of(t, H + 1, line, sizeof line);
	int ok3 = sscanf(line, "%lf", &xlo) == 1;
	char *last = strrchr(line, ' ');
	int ok4 = last && sscanf(last, "%lf", &xhi) == 1;
	ok(ok1 && ok2 && ok3 && ok4, "tick labels read back: y %g..%g, x %g..%g", ybot, ytop, xlo, xhi);
	ok(xlo <= -7 && xhi >= 13 && ybot <= -1.2 && ytop >= 1.8, "the range covers every point");
	/* the plot area starts after the y axis character */
	line_of(t, 0, line, sizeof line);
	int left = 0;
	while (cp_at(line, left) != 0x2524)  /* ┤ */
		left++;
	left++;
	int W = 60 - left - 1, bad = 0;
	for (int i = 0; i < N; i++) {
		int dx = (int)floor((x[i] - xlo) / (xhi - xlo) * (2 * W - 1) + 0.5);
		int dy = (int)floor((ytop - y[i]) / (ytop - ybot) * (4 * H - 1) + 0.5);
		static const int bit[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
		line_of(t, dy / 4, line, sizeof line);
		long cp = cp_at(line, left + dx / 2);
		if (cp < 0x2800 || cp > 0x28FF || !((cp - 0x2800) & bit[dy % 4][dx % 2]))
			bad++;
	}
	ok(bad == 0, "every point's braille dot is where the tick labels put it (%d misplaced)", bad);
	/* and no dot is set that no point explains */
	int dots = 0;
	for (int row = 0; row < H; row++) {
		line_of(t, row, line, sizeof line);
		for (int col = left; col < left + W; col++) {
			long cp = cp_at(line, col);
			if (cp >= 0x2800 && cp <= 0x28FF)
				for (int k = 0; k < 8; k++)
					dots += ((cp - 0x2800) >> k) & 1;
		}
	}
	ok(dots <= N && dots > N / 2, "%d dots for %d points (coinciding points share a dot)", dots, N);
	free(t);
}

/* Every line fits the width asked for, whatever the data and width. */
static void
test_widths(void)
{
	double y[50], x[50];
	for (int i = 0; i < 50; i++) {
		x[i] = 1e-3 * pow(10, i / 7.0);
		y[i] = sin(i * 0.3) * 1e7;
	}
	chart_series s[2] = {{.name = "big", .x = x, .y = y, .n = 50}, {.name = "bigger", .y = y, .n = 50}};
	chart c = {.kind = CHART_LINE, .title = "a rather long title for a narrow chart", .xlabel = "x", .ylabel = "y",
	           .series = s, .nseries = 2};
	int worst = 0, over = 0;
	for (int w = 20; w <= 160; w += 7)
		for (int u = 0; u < 2; u++) {
			for (int lg = 0; lg < 2; lg++) {
				c.logx = lg;
				char *t = render_chart(&c, w, 8, u);
				int m = widest_line(t);
				if (m > w) {
					over++;
					if (m - w > worst)
						worst = m - w;
				}
				free(t);
			}
		}
	ok(over == 0, "charts 20..160 columns wide never overflow (worst by %d)", worst);
	float v[3 * 90];
	for (int i = 0; i < 3 * 90; i++)
		v[i] = (float)sin(i);
	heatmap h = {.title = "wide", .rows = 3, .cols = 90, .v = v, .diverging = 1};
	over = 0;
	for (int w = 20; w <= 160; w += 7) {
		for (int vals = 0; vals < 2; vals++) {
			h.values = vals;
			char *t = render_heatmap(&h, w);
			if (widest_line(t) > w)
				over++;
			free(t);
		}
	}
	ok(over == 0, "heatmaps 20..160 columns wide never overflow");
}

/* Labels come from users (dataset columns, tokens): nothing in them may
 * reach the terminal as a control sequence. */
static void
test_hostile_labels(void)
{
	double y[3] = {1, 2, 3};
	chart_series s = {.name = "a\033]0;pwned\007b", .y = y, .n = 3};
	chart c = {.kind = CHART_LINE, .title = "\033[2J\r\nclear", .xlabel = "\x01x", .ylabel = "y\xff", .series = &s,
	           .nseries = 1};
	char *t = render_chart(&c, 40, 4, 1);
	int ctl = 0;
	for (const char *p = t; *p; p++)
		if (((unsigned char)*p < 0x20 && *p != '\n') || *p == 0x7f)
			ctl++;
	ok(ctl == 0 && strstr(t, "?[2J??clear") && strstr(t, "a?]0;pwned?b"),
	   "control characters in labels are shown as '?'");
	ok(utf8_invalid_at(t, strlen(t)) == (size_t)-1, "invalid UTF-8 in a label never reaches the output");
	free(t);
	/* wide characters keep the columns */
	const char *tok[3] = {"我", "喜欢", "茶"};
	float a[9] = {1, 0, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5};
	heatmap h = {.rows = 3, .cols = 3, .v = a, .row_labels = tok, .col_labels = tok};
	t = render_heatmap(&h, 40);
	is_text(t,
	        "     我   喜欢 茶\n"
	        "我   @@@@@\n"
	        "喜欢 ++++++++++\n"
	        "茶   :::::-----+++++\n"
	        "     0 [ .:-=+*#%@] 1\n",
	        "Chinese labels: two columns per character, cells still aligned");
}

/* ==== heatmaps ========================================================== */

static void
test_heatmaps(void)
{
	float ramp[10];
	for (int i = 0; i < 10; i++)
		ramp[i] = i / 9.0f;
	heatmap h1 = {.title = "ramp", .rows = 1, .cols = 10, .v = ramp};
	is_text(render_heatmap(&h1, 40),
	        "ramp\n"
	        "  0 1 2 3 4 5 6 7 8 9\n"
	        "0   ..::--==++**##%%@@\n"
	        "  0 [ .:-=+*#%@] 1\n",
	        "sequential ramp: ten levels, low to high, with its legend");
	float dv[6] = {-1, -0.5, 0, 0.1, 0.5, 1};
	const char *rl[2] = {"neg", "pos"};
	heatmap h2 = {.rows = 2, .cols = 3, .v = dv, .diverging = 1, .row_labels = rl};
	is_text(render_heatmap(&h2, 40),
	        "    0 1 2\n"
	        "neg ##--\n"
	        "pos   ++@@\n"
	        "    -1 [#=-, '+*@] 1\n",
	        "diverging ramp: minus-like below zero, blank at zero, plus-like above");
	float at[9] = {1, 0, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5};
	unsigned char m[9] = {0, 1, 1, 0, 0, 1, 0, 0, 0};
	const char *tok[3] = {"I", "like", "tea"};
	heatmap h3 = {.title = "attention", .rows = 3, .cols = 3, .v = at, .mask = m, .row_labels = tok,
	              .col_labels = tok};
	is_text(render_heatmap(&h3, 40),
	        "attention\n"
	        "     I    like tea\n"
	        "I    @@@@@\n"
	        "like ==========\n"
	        "tea  .....:::::=====\n"
	        "     0.200 [.:-=+*#%@] 1.000\n"
	        "     blank: masked\n",
	        "a causal mask: masked cells blank, the lowest shade a dot");
	h3.values = 1;
	is_text(render_heatmap(&h3, 40),
	        "attention\n"
	        "          I   like    tea\n"
	        "I     1.000      -      -\n"
	        "like  0.500  0.500      -\n"
	        "tea   0.200  0.300  0.500\n"
	        "(- marks a masked entry)\n",
	        "values mode prints the numbers, masked entries marked");
	float cm[4] = {48, 2, 5, 45};
	heatmap h4 = {.title = "confusion", .rows = 2, .cols = 2, .v = cm, .values = 1};
	is_text(render_heatmap(&h4, 40),
	        "confusion\n"
	        "    0   1\n"
	        "0  48   2\n"
	        "1   5  45\n",
	        "whole numbers print without decimals (a confusion matrix)");
	float wide[3 * 12];
	for (int i = 0; i < 36; i++)
		wide[i] = (float)(i % 12) - 5.5f;
	heatmap h5 = {.rows = 3, .cols = 12, .v = wide, .values = 1};
	is_text(render_heatmap(&h5, 40),
	        "columns 0 to 3:\n"
	        "        0       1       2       3\n"
	        "0  -5.500  -4.500  -3.500  -2.500\n"
	        "1  -5.500  -4.500  -3.500  -2.500\n"
	        "2  -5.500  -4.500  -3.500  -2.500\n"
	        "\n"
	        "columns 4 to 8:\n"
	        "        4       5      6      7      8\n"
	        "0  -1.500  -0.500  0.500  1.500  2.500\n"
	        "1  -1.500  -0.500  0.500  1.500  2.500\n"
	        "2  -1.500  -0.500  0.500  1.500  2.500\n"
	        "\n"
	        "columns 9 to 11:\n"
	        "       9     10     11\n"
	        "0  3.500  4.500  5.500\n"
	        "1  3.500  4.500  5.500\n"
	        "2  3.500  4.500  5.500\n",
	        "values too wide for the line come in blocks of columns, none cut");
	float big[4 * 50];
	for (int i = 0; i < 200; i++)
		big[i] = (float)(i % 50);
	big[3] = NAN;
	heatmap h6 = {.rows = 4, .cols = 50, .v = big};
	is_text(render_heatmap(&h6, 40),
	        "  0    10   20   30   40\n"
	        "0    ..:::--==+++**###%%@@@\n"
	        "1    ..:::--==+++**###%%@@@\n"
	        "2    ..:::--==+++**###%%@@@\n"
	        "3    ..:::--==+++**###%%@@@\n"
	        "  0.50 [ .:-=+*#%@] 48.50\n"
	        "(4 x 50 values in blocks of 1 x 2, each\n"
	        "shown as its mean)\n"
	        "(1 value not a finite number, left out;\n"
	        "'?' where nothing was left)\n",
	        "too many columns: blocks shown as their mean, a ruler of column numbers, NaN left out");
	heatmap h7 = {.title = "empty", .rows = 0, .cols = 3, .v = big};
	is_text(render_heatmap(&h7, 40), "empty\n(nothing to show: the matrix is empty)\n", "an empty matrix");
}

/* Every shade is the level an independent computation gives:
 * floor((v - lo) / (hi - lo) * 10), the top value in the top level. */
static void
test_shade_levels(void)
{
	enum { R = 7, C = 10 };
	float v[R * C];
	unsigned long r = 99;
	float lo = 1e9f, hi = -1e9f;
	for (int i = 0; i < R * C; i++) {
		r = r * 6364136223846793005UL + 1442695040888963407UL;
		v[i] = (float)((r >> 33) % 10000) / 137.0f - 20;
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	heatmap h = {.rows = R, .cols = C, .v = v};
	char *t = render_heatmap(&h, 80);
	static const char ramp[] = " .:-=+*#%@";
	int bad = 0;
	char line[512];
	/* header row, then R rows: label (1 col), blank, C cells of 2 */
	for (int i = 0; i < R; i++) {
		line_of(t, 1 + i, line, sizeof line);
		size_t len = strlen(line);
		for (int j = 0; j < C; j++) {
			int l = (int)floor(((double)v[i * C + j] - lo) / ((double)hi - lo) * 10);
			if (l > 9)
				l = 9;
			size_t at = 2 + 2 * (size_t)j;
			char got = at < len ? line[at] : ' ';
			if (got != ramp[l])
				bad++;
		}
	}
	ok(bad == 0, "%d of %d cells shaded differently from the independent levels", bad, R * C);
	free(t);
	/* values mode: each number reads back within half its last digit */
	h.values = 1;
	t = render_heatmap(&h, 400);
	bad = 0;
	for (int i = 0; i < R; i++) {
		line_of(t, 1 + i, line, sizeof line);
		char *p = line + 1;
		for (int j = 0; j < C; j++) {
			char *end;
			double got = strtod(p, &end);
			const char *dot = memchr(p, '.', (size_t)(end - p));
			int dec = dot ? (int)(end - dot - 1) : 0;
			if (end == p || fabs(got - v[i * C + j]) > 0.5 * pow(10, -dec) + 1e-9)
				bad++;
			p = end;
		}
	}
	ok(bad == 0, "values read back to within half their last digit (%d off)", bad);
	free(t);
}

/* ==== copies and pictures =============================================== */

static void
test_dup(void)
{
	double x[4] = {1, 2, 3, 4}, y[4] = {4, 1, 3, 2};
	int cls[4] = {0, 1, 0, 1};
	const char *names[2] = {"no", "yes"};
	chart_series s = {.name = "pts", .x = x, .y = y, .n = 4, .cls = cls};
	chart c = {.kind = CHART_SCATTER, .title = "t", .xlabel = "x", .ylabel = "y", .series = &s, .nseries = 1,
	           .class_names = names, .nclasses = 2};
	chart *d = chart_dup(&c);
	char *a = render_chart(&c, 50, 6, 1), *b = render_chart(d, 50, 6, 1);
	is_str(b, a, "a chart's copy renders the same");
	free(a);
	free(b);
	chart_free(d);
	float v[6] = {1, 2, 3, 4, 5, 6};
	unsigned char m[6] = {0, 0, 1, 0, 0, 0};
	const char *rl[2] = {"a", "b"}, *cl[3] = {"x", "y", "z"};
	heatmap h = {.title = "h", .rows = 2, .cols = 3, .v = v, .mask = m, .row_labels = rl, .col_labels = cl};
	heatmap *hd = heatmap_dup(&h);
	a = render_heatmap(&h, 50);
	b = render_heatmap(hd, 50);
	is_str(b, a, "a heatmap's copy renders the same");
	free(a);
	free(b);
	heatmap_free(hd);
}

static void
test_picture(void)
{
	picture p;
	pic_init(&p, 6, 2);
	int w = pic_put(&p, 1, 0, "中", PIC_TITLE);
	ok(w == 2 && strcmp(pic_cell_at(&p, 1, 0)->g, "中") == 0 && pic_cell_at(&p, 2, 0)->g[0] == '\0',
	   "a wide character takes two cells, the second a continuation");
	pic_put(&p, 2, 0, "x", PIC_TEXT);
	ok(strcmp(pic_cell_at(&p, 1, 0)->g, " ") == 0, "overwriting half a wide character blanks the other half");
	ok(pic_put(&p, 5, 1, "字", PIC_TEXT) == 2 && strcmp(pic_cell_at(&p, 5, 1)->g, " ") == 0,
	   "a wide character that does not fit is not drawn");
	int lines = pic_text_wrap(NULL, 0, 0, "one two three four", 9, PIC_NOTE);
	ok(lines == 3, "'one two three four' wraps at 9 columns into 3 lines (got %d)", lines);
	lines = pic_text_wrap(NULL, 0, 0, "one two three", 13, PIC_NOTE);
	ok(lines == 1, "'one two three' fits 13 columns (got %d)", lines);
	strbuf b;
	sb_init(&b);
	pic_to_text(&p, &b);
	is_str(b.s, "  x\n\n", "pic_to_text drops trailing blanks");
	/* the roles the workspace colours by */
	pic_free(&p);
	float v[2] = {0, 1};
	heatmap h = {.rows = 1, .cols = 2, .v = v};
	heatmap_render_pic(&h, 30, 10, 1, &p);
	ok(p.ramp_levels == 10 && pic_cell_at(&p, 2, 1)->role == PIC_RAMP + 0 &&
	   pic_cell_at(&p, 4, 1)->role == PIC_RAMP + 9,
	   "heatmap cells carry their shade level as a role");
	pic_free(&p);
	sb_free(&b);
}

/* Decision regions: a categorical map (a shade per class, no class
 * blank), marks over the cells, and pooling by the most common class. */
static void
test_categorical(void)
{
	float v[8] = {0, 0, 1, 2, 0, 1, 1, 2};
	char marks[8] = {0, 'a', 0, 0, '1', 0, '%', 0};
	heatmap h = {.title = "regions", .rows = 2, .cols = 4, .v = v, .lo = 0, .hi = 2, .categorical = 1, .marks = marks};
	/* classes 0, 1, 2 of 3 take ramp levels 1, 5, 9: '.', '+', '@'; a
	 * mark is drawn in the second column of its two-column cell; '%' is
	 * not a letter or digit and is not drawn */
	is_text(render_heatmap(&h, 40),
	        "regions\n"
	        "  0 1 2 3\n"
	        "0 ...a++@@\n"
	        "1 .1++++@@\n"
	        "  0 .  1 +  2 @   digits: the data\n",
	        "categorical: a shade per class, marks over the cells, a class legend");
	/* 40 columns in 20: blocks of two, each its most common class; a tie
	 * takes the lower class (0 and 2 give 0, where the mean would be 1) */
	float w[40];
	for (int j = 0; j < 40; j++)
		w[j] = j < 10 ? (j % 2 ? 2 : 0) : j < 20 ? 2 : 1;
	heatmap p = {.rows = 1, .cols = 40, .v = w, .lo = 0, .hi = 2, .categorical = 1};
	char *t = render_heatmap(&p, 22);
	char row[64];
	ok(sscanf(t, "%*[^\n]\n0 %63s", row) == 1 && strcmp(row, ".....@@@@@++++++++++") == 0,
	   "categorical pooling: the most common class per block, the lower on a tie (got '%s')", row);
	for (char *c = t; *c; c++)
		*c = *c == '\n' ? ' ' : *c;  /* the note is wrapped */
	ok(strstr(t, "each shown as its most common value") != NULL, "categorical pooling: the note says how");
	free(t);
	/* the mean for an ordinary map, as before */
	heatmap q = {.rows = 1, .cols = 40, .v = w, .lo = 0, .hi = 2};
	t = render_heatmap(&q, 22);
	for (char *c = t; *c; c++)
		*c = *c == '\n' ? ' ' : *c;
	ok(strstr(t, "each shown as its mean") != NULL, "ordinary pooling is still the mean");
	free(t);
	/* copies keep the marks and the kind */
	heatmap *d = heatmap_dup(&h);
	ok(d->categorical && d->marks && d->marks != marks && memcmp(d->marks, marks, 8) == 0,
	   "heatmap_dup copies the marks");
	heatmap_free(d);
}

/* The network diagram: names, the hot layer, weights by sign and size. */
static void
test_netdiag(void)
{
	/* layer 1: 2 units x 2 inputs; layer 2: no weights (dropout) */
	float w1[4] = {-1, 1, 0, 0.5};
	netdiag_layer L[2] = {
	    {.name = "layer 1 (dense 2 -> 2, tanh)", .note = "|W| 1.5", .rows = 2, .cols = 2, .w = w1, .hot = 1},
	    {.name = "layer 2 (dropout 0.5)"},
	};
	netdiag d = {.title = "network", .input = "input: 2 features", .nlayers = 2, .layers = L, .legend = "legend"};
	strbuf b;
	sb_init(&b);
	netdiag_render_text(&d, 40, 0, &b);
	/* diverging ramp of 9: -1 is '#', 1 '@', 0 ' ', 0.5 is half way up:
	 * level 4 + 2 = 6, '+' */
	is_text(sb_steal(&b),
	        "network\n"
	        "input: 2 features\n"
	        "> layer 1 (dense 2 -> 2, tanh)  |W| 1.5\n"
	        "      0 1\n"
	        "    0 ##@@\n"
	        "    1   ++\n"
	        "      -1 [#=-, '+*@] 1\n"
	        "  layer 2 (dropout 0.5)\n"
	        "legend\n",
	        "network diagram: the hot layer marked, weights shaded, a layer without weights named");
	sb_free(&b);
	netdiag *c = netdiag_dup(&d);
	ok(c->nlayers == 2 && c->layers[0].w != w1 && c->layers[0].w[1] == 1 && c->layers[1].w == NULL &&
	       strcmp(c->layers[0].name, L[0].name) == 0 && c->layers[0].hot,
	   "netdiag_dup: a deep copy");
	picture pic;
	netdiag_render_pic(c, 40, 6, 0, &pic);
	ok(pic.h >= 6 && pic.diverging, "netdiag_render_pic: laid out, diverging shades (%d rows)", pic.h);
	pic_free(&pic);
	netdiag_free(c);
}

/* Narrow panes (the workspace at 80x24 has 34-column chart and view
 * panes): long titles and legends wrap or end in an ellipsis, never cut
 * silently, and the cells keep rows before the words do. */
static char *
pic_text_of(const picture *p)
{
	strbuf b;
	sb_init(&b);
	pic_to_text(p, &b);
	return sb_steal(&b);
}

static void
test_narrow(void)
{
	picture p;
	pic_init(&p, 10, 1);
	int used = pic_text_clip(&p, 0, 0, "abcdefgh", 5, "...", PIC_TEXT);
	ok(used == 5, "pic_text_clip: 5 columns used (got %d)", used);
	is_text(pic_text_of(&p), "ab...\n", "pic_text_clip: a long text ends in the ellipsis");
	pic_free(&p);
	pic_init(&p, 10, 1);
	pic_text_clip(&p, 0, 0, "abcde", 5, "...", PIC_TEXT);
	is_text(pic_text_of(&p), "abcde\n", "pic_text_clip: a text that fits is whole");
	pic_free(&p);

	/* a chart's title wraps in text, where the picture may grow */
	double x[3] = {0, 1, 2}, y[3] = {3, 2, 1};
	chart_series s = {.name = "a rather long series name here", .x = x, .y = y, .n = 3};
	chart c = {.kind = CHART_LINE, .title = "RNN training: loss per character (nats)", .xlabel = "step",
	           .ylabel = "loss", .series = &s, .nseries = 1};
	char *t = render_chart(&c, 34, 8, 0);
	char l0[200] = "", l1[200] = "";
	line_of(t, 0, l0, sizeof l0);
	line_of(t, 1, l1, sizeof l1);
	is_str(l0, "RNN training: loss per character", "chart text at 34 columns: the title's first line");
	is_str(l1, "(nats)", "chart text at 34 columns: the rest of the title below");
	ok(widest_line(t) <= 34, "chart text at 34 columns: no line wider (%d)", widest_line(t));
	free(t);
	/* in a pane of 10 rows, where the wrapped title would leave the plot
	 * 3 rows, the plot keeps them: the title is one line, cut with an
	 * ellipsis, and so is the legend entry */
	chart_render_pic(&c, 34, 10, 0, 0, &p);
	t = pic_text_of(&p);
	line_of(t, 0, l0, sizeof l0);
	is_str(l0, "RNN training: loss per characte...", "chart in a 34x10 pane: the title cut with '...'");
	ok(strstr(t, "a rather long series name ...") != NULL || strstr(t, "a rather long series name here") != NULL,
	   "chart in a 34x10 pane: the legend entry whole or ending in '...'");
	int plot_rows = 0;
	for (int i = 0; line_of(t, i, l1, sizeof l1); i++)
		if (strchr(l1, '|') || strchr(l1, '+'))
			plot_rows++;
	ok(p.h <= 10 && plot_rows >= 4, "chart in a 34x10 pane: fits, %d rows of plot and axis (%d in all)", plot_rows,
	   p.h);
	free(t);
	pic_free(&p);

	/* decision regions 24 x 48 in a view pane of 34 x 11: compact, the
	 * cells keep at least half the rows */
	float *v = malloc(24 * 48 * sizeof *v);
	char *marks = calloc(24 * 48, 1);
	for (int i = 0; i < 24 * 48; i++)
		v[i] = (float)((i / 48) / 8);
	marks[5] = '1';
	heatmap h = {.title = "decision regions of 2-16-3 on spiral (x1 -1.00 to 1.08 across, x2 up)",
	             .rows = 24, .cols = 48, .v = v, .lo = 0, .hi = 2, .categorical = 1, .marks = marks};
	heatmap_render_pic(&h, 34, 11, 0, &p);
	t = pic_text_of(&p);
	line_of(t, 0, l0, sizeof l0);
	ok(p.h <= 11, "regions in a 34x11 pane: fit (%d rows)", p.h);
	ok(strlen(l0) == 34 && strcmp(l0 + 31, "...") == 0, "regions in a 34x11 pane: the title cut with '...' (%s)", l0);
	ok(strstr(t, "\n   digits: the data\n") != NULL, "regions in a 34x11 pane: 'digits: the data' whole, below");
	int cell_rows = 0;
	for (int i = 0; line_of(t, i, l1, sizeof l1); i++)
		if (strchr(l1, '@') || strchr(l1, '.'))
			cell_rows++;
	ok(cell_rows - 1 >= 5, "regions in a 34x11 pane: %d rows of cells (at least 5)", cell_rows - 1);
	free(t);
	pic_free(&p);
	/* the same as text at 34 columns: the title wraps, nothing is cut */
	t = render_heatmap(&h, 34);
	line_of(t, 0, l0, sizeof l0);
	line_of(t, 1, l1, sizeof l1);
	is_str(l0, "decision regions of 2-16-3 on", "regions as text at 34 columns: the title wraps");
	is_str(l1, "spiral (x1 -1.00 to 1.08 across,", "regions as text at 34 columns: its second line");
	ok(strstr(t, "digits: the data\n") != NULL && strstr(t, "(24 x 48 values in blocks") != NULL,
	   "regions as text at 34 columns: the legend and the note on pooling");
	ok(widest_line(t) <= 34, "regions as text at 34 columns: no line wider (%d)", widest_line(t));
	free(t);
	free(v);
	free(marks);
}

int
main(void)
{
	test_categorical();
	test_netdiag();
	test_line_ascii();
	test_two_series();
	test_log();
	test_degenerate();
	test_scatter();
	test_braille_geometry();
	test_widths();
	test_hostile_labels();
	test_heatmaps();
	test_shade_levels();
	test_dup();
	test_picture();
	test_narrow();
	return done_testing();
}
