/* text.c - strict numbers, edit distance, number formats (see text.h). */
#include <config.h>

#include "util/text.h"
#include "util/i18n.h"
#include "util/utf8.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
text_parse_double(const char *s, double *out, const char **why)
{
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	/* only decimal digits, '.', and an exponent: refuses "nan", "inf",
	 * hex floats and locale-dependent forms */
	int digits = 0;
	while ((*p >= '0' && *p <= '9') || *p == '.') {
		digits += *p != '.';
		p++;
	}
	if (digits && (*p == 'e' || *p == 'E')) {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9')) {
			*why = N_("not a number");
			return -1;
		}
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (!digits || *p != '\0') {
		*why = N_("not a number");
		return -1;
	}
	errno = 0;
	char *end;
	double v = strtod(s, &end);
	if (*end != '\0') {
		*why = N_("not a number");
		return -1;
	}
	if (errno == ERANGE && fabs(v) > 1.0) {
		*why = N_("out of range");
		return -1;
	}
	if (!isfinite(v)) {
		*why = N_("not finite");
		return -1;
	}
	*out = v;
	return 0;
}

int
text_parse_long(const char *s, long *out, const char **why)
{
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9')) {
		*why = N_("not a whole number");
		return -1;
	}
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p != '\0') {
		*why = N_("not a whole number");
		return -1;
	}
	errno = 0;
	long v = strtol(s, NULL, 10);
	if (errno == ERANGE) {
		*why = N_("out of range");
		return -1;
	}
	*out = v;
	return 0;
}

/* The code points of s, at most max of them; -1 if there are more. */
static int
code_points(const char *s, int32_t *cp, int max)
{
	int n = 0;
	size_t left = strlen(s), cl;
	while (left > 0) {
		if (n == max)
			return -1;
		int32_t c = utf8_decode(s, left, &cl);
		/* a byte that is not UTF-8 stands for itself */
		cp[n++] = c >= 0 ? c : -1 - (unsigned char)*s;
		s += cl;
		left -= cl;
	}
	return n;
}

int
text_edit_distance(const char *a, const char *b, int limit)
{
	enum { MAXCP = 64 };
	int32_t x[MAXCP], y[MAXCP];
	int la = code_points(a, x, MAXCP), lb = code_points(b, y, MAXCP);
	if (la < 0 || lb < 0 || abs(la - lb) > limit)
		return limit + 1;
	int d[MAXCP + 1][MAXCP + 1];
	for (int i = 0; i <= la; i++)
		d[i][0] = i;
	for (int j = 0; j <= lb; j++)
		d[0][j] = j;
	for (int i = 1; i <= la; i++) {
		int rowmin = INT_MAX;
		for (int j = 1; j <= lb; j++) {
			int cost = x[i - 1] != y[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > limit)
			return limit + 1;
	}
	return d[la][lb];
}

int
text_close_enough(const char *typed, const char *cand)
{
	size_t n = strlen(typed);
	int limit = n <= 3 ? 1 : n <= 6 ? 2 : 3;
	return text_edit_distance(typed, cand, limit) <= limit;
}

const char *
text_fmt_num(double v, char *buf, size_t n)
{
	if (isnan(v))
		snprintf(buf, n, "nan");
	else if (isinf(v))
		snprintf(buf, n, v < 0 ? "-inf" : "inf");
	else if (v == 0)
		snprintf(buf, n, "0");
	else if (fabs(v) >= 1e-4 && fabs(v) < 1e6)
		snprintf(buf, n, "%.6g", v);
	else
		snprintf(buf, n, "%.4e", v);
	return buf;
}

int
text_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}
