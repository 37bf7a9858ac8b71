/* tap.h - a tiny TAP producer for nnlab's C unit tests.
 *
 * ok(cond, fmt, ...) prints "ok N - name" or "not ok N - name";
 * close_enough() compares floats with a stated tolerance and prints the
 * difference on failure; done_testing() prints the plan and returns the
 * exit status.  Header-only so each test is one .c file.
 */
#ifndef NN_TESTS_TAP_H
#define NN_TESTS_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static int
tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3), unused));
static int
tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}
#define ok(...) tap_ok(__VA_ARGS__)

/* diag: a comment line (shown in the test log). */
static void
diag(const char *fmt, ...) __attribute__((format(printf, 1, 2), unused));
static void
diag(const char *fmt, ...)
{
	va_list ap;
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* close_enough: |got - want| <= abs_tol + rel_tol*|want|. */
static int __attribute__((unused))
close_enough(double got, double want, double abs_tol, double rel_tol, const char *name)
{
	double d = fabs(got - want);
	int good = d <= abs_tol + rel_tol * fabs(want) && !isnan(got);
	ok(good, "%s: got %.9g, want %.9g (diff %.3g)", name, got, want, d);
	return good;
}

/* is_str: string equality with both shown on failure. */
static int __attribute__((unused))
is_str(const char *got, const char *want, const char *name)
{
	int good = got && want && strcmp(got, want) == 0;
	ok(good, "%s", name);
	if (!good)
		diag("got:  [%s]\n# want: [%s]", got ? got : "(null)", want ? want : "(null)");
	return good;
}

static int __attribute__((unused))
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
