/* text.c - strict numbers, edit distance, number formats (see text.h). */
#include <config.h>

#include "util/text.h"
#include "util/i18n.h"

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

int
text_edit_distance(const char *a, const char *b, int limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return limit + 1;
	if ((int)(la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	int d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int rowmin = INT_MAX;
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
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
