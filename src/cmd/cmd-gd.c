/* cmd-gd.c - the `gd` command: gradient descent on a two-variable loss
 * surface, its path drawn over the contour map, the loss per step, and
 * what happened: convergence (to which minimum), zigzag, divergence.
 *
 * The surfaces and the descent are src/core/landscape.c's.  Not a
 * trainer: the models of the network lab train with `train`.
 */
#include <config.h>

#include "cmd/biglab.h"
#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "core/alloc.h"
#include "core/landscape.h"
#include "out/chart.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* kind_text: a critical point's kind from core/landscape.c, translated */
static const char *
kind_text(const char *kind)
{
	return strcmp(kind, "minimum") == 0 ? _("minimum") : strcmp(kind, "saddle point") == 0 ? _("saddle point") : kind;
}

/* parse_point: "x,y" */
static int
parse_point(const char *text, double *x, double *y)
{
	const char *comma = strchr(text, ',');
	char a[64], b[64];
	const char *why;
	size_t la = comma ? (size_t)(comma - text) : 0;
	if (!comma || la == 0 || la >= sizeof a || strlen(comma + 1) >= sizeof b)
		return out_error("from='%s' is not a point; write it as from=X,Y, e.g. from=-1.5,2", text);
	memcpy(a, text, la);
	a[la] = '\0';
	snprintf(b, sizeof b, "%s", comma + 1);
	if (text_parse_double(a, x, &why) < 0 || text_parse_double(b, y, &why) < 0)
		return out_error("from='%s' is not a point of two numbers; write it as from=X,Y, e.g. from=-1.5,2", text);
	if (fabs(*x) > 1000 || fabs(*y) > 1000)
		return out_error("from='%s' is out of range; give coordinates from -1000 to 1000", text);
	return 0;
}

/* the steps shown in the table: 0-5, then every m-th, then the last */
static int
shown(long k, long last, long m)
{
	return k <= 5 || k % m == 0 || k == last;
}

static long
table_stride(long steps)
{
	static const long nice[] = {1, 2, 5};
	long m = 1;
	for (long p = 1;; p *= 10)
		for (int i = 0; i < 3; i++) {
			m = nice[i] * p;
			if (m * 10 >= steps)
				return m;
		}
}

static void
print_path(enum land_fn fn, const land_run *r)
{
	long last = r->n - 1, m = table_stride(last);
	const char *st = _("step"), *gr = _("|gradient|");
	out_printf("\n  %*s %13s %13s %13s %*s\n", utf8_pad(6, st), st, "x", "y", "f(x,y)", utf8_pad(12, gr), gr);
	for (long k = 0; k <= last; k++) {
		if (!shown(k, last, m))
			continue;
		double gx, gy;
		land_grad(fn, r->x[k], r->y[k], &gx, &gy);
		out_printf("  %6ld %13.6g %13.6g %13.6g %12.4g\n", k, r->x[k], r->y[k], r->f[k], hypot(gx, gy));
	}
	if (m == 1)
		out_printf(_("  (every step)\n"));
	else
		out_printf(_("  (steps 0 to 5, every %ldth, and the last)\n"), m);
}

/* what the surface teaches at this learning rate */
static void
print_lesson(enum land_fn fn, double lr, enum land_optim opt, const land_run *r)
{
	switch (fn) {
	case LAND_BOWL:
		if (opt != LAND_SGD)
			break;
		out_printf(_("\nOn this bowl each plain step multiplies x by 1 - lr = %.4g and y by\n"
		             "1 - 10*lr = %.4g: the curvature is 1 along x and 10 across y.  Above lr = 0.1\n"
		             "the y factor turns negative and the path zigzags across the valley; above\n"
		             "lr = 2/10 = 0.2 its size passes 1 and the zigzag grows: divergence.  The\n"
		             "steepest direction sets the largest safe step, the flattest one the speed.\n"),
		           1 - lr, 1 - 10 * lr);
		break;
	case LAND_ROSENBROCK:
		out_printf(_("\nThe valley floor y = x^2 is curved and almost flat, its walls steep: at the\n"
		             "minimum (1,1) the curvature is 1001.6 across the valley and 0.4 along it, so\n"
		             "plain descent needs lr < 2/1001.6 = 0.002 and then creeps along the floor.\n"
		             "Adam scales each coordinate by its own gradient size and keeps moving.\n"));
		break;
	case LAND_HIMMELBLAU: {
		const land_def *d = &land_defs[fn];
		out_printf(_("\nHimmelblau's function has four minima, all with f = 0; which one descent\n"
		             "reaches depends on the basin the start lies in:\n"));
		for (int i = 0; i < d->ncrit; i++)
			if (strcmp(d->crit[i].kind, "minimum") == 0)
				out_printf("  (%10.6f, %10.6f)%s\n", d->crit[i].x, d->crit[i].y, r->crit == i ? _("  <- reached") : "");
		break;
	}
	default:
		out_printf(_("\nAt the saddle point (0,0) the gradient is zero, but f curves up along x and\n"
		             "down along y.  Starting exactly on y = 0 the gradient never points off the\n"
		             "line, and descent stops on the saddle; a start a hair off it escapes, slowly\n"
		             "at first, since near y = 0 the push away from the saddle is only about y.\n"));
		break;
	}
}

static void
print_outcome(enum land_fn fn, double lr, const land_run *r)
{
	const land_def *d = &land_defs[fn];
	long steps = r->n - 1;
	double xe = r->x[steps], ye = r->y[steps];
	out_printf("%s", _("\noutcome: "));
	if (r->outcome == LAND_DIVERGED) {
		out_printf(_("diverged after %ld steps, at (%.4g, %.4g) with f = %.4g:\n"
		             "         the learning rate %g is too large for this surface\n"),
		           steps, xe, ye, r->f[steps], lr);
	} else if (r->outcome == LAND_CONVERGED && r->crit >= 0) {
		const land_point *p = &d->crit[r->crit];
		out_printf(_("converged after %ld steps to the %s (%.6g, %.6g), f = %.6g\n"), steps, kind_text(p->kind), p->x, p->y, p->f);
		if (strcmp(p->kind, "minimum") != 0)
			out_printf(_("         the gradient is zero here, but this is not a minimum\n"));
	} else {
		double dist;
		int c = land_nearest(fn, xe, ye, &dist);
		out_printf(_("still moving after %ld steps,\n         at (%.6g, %.6g), f = %.6g;\n"
		             "         %.3g from the %s (%.6g, %.6g)\n"),
		           steps, xe, ye, r->f[steps], dist, kind_text(d->crit[c].kind), d->crit[c].x, d->crit[c].y);
	}
	if (steps > 2)
		out_printf(_("         direction reversed on %ld of %ld steps along x, %ld along y%s\n"), r->flips_x, steps - 1,
		           r->flips_y,
		           r->flips_x + r->flips_y > steps / 2 ? _(": oscillation") : "");
}

/* the contour map with the path over it, and f - f* per step */
static void
print_charts(session *sess, enum land_fn fn, const land_run *r, const char *title)
{
	const land_def *d = &land_defs[fn];
	enum { NLEVELS = 5 };
	double levels[NLEVELS];
	land_levels(fn, NLEVELS, levels);
	double *sx, *sy;
	long sn;
	land_contours(fn, levels, NLEVELS, 48, 32, &sx, &sy, &sn);
	/* each piece sampled densely: points of a scatter plot, no breaks */
	long per = 3, cn = 0;
	double *cx = xreallocarray(NULL, (size_t)(sn / 3 * per + 1), sizeof *cx);
	double *cy = xreallocarray(NULL, (size_t)(sn / 3 * per + 1), sizeof *cy);
	for (long i = 0; i + 1 < sn; i += 3)
		for (long t = 0; t < per; t++) {
			cx[cn] = sx[i] + (sx[i + 1] - sx[i]) * (double)t / (double)(per - 1);
			cy[cn++] = sy[i] + (sy[i + 1] - sy[i]) * (double)t / (double)(per - 1);
		}
	free(sx);
	free(sy);
	/* the points of the path that lie on the map */
	double *px = xreallocarray(NULL, (size_t)r->n, sizeof *px), *py = xreallocarray(NULL, (size_t)r->n, sizeof *py);
	long inside = 0;
	for (long k = 0; k < r->n; k++)
		if (r->x[k] >= d->xlo && r->x[k] <= d->xhi && r->y[k] >= d->ylo && r->y[k] <= d->yhi) {
			px[inside] = r->x[k];
			py[inside++] = r->y[k];
		}
	char lname[64];
	snprintf(lname, sizeof lname, "f = %.3g, %.3g, %.3g, %.3g, %.3g", levels[0], levels[1], levels[2], levels[3],
	         levels[4]);
	chart_series s[2] = {
		{.name = lname, .x = cx, .y = cy, .n = (size_t)cn},
		{.name = _("path, one point per step"), .x = px, .y = py, .n = (size_t)inside},
	};
	chart c = {.kind = CHART_SCATTER, .title = title, .xlabel = "x", .ylabel = "y", .series = s, .nseries = 2,
	           .height = 20};
	out_printf("\n");
	out_chart(&c);
	biglab_keep_chart(&biglab_get(sess)->gd_path, &c);
	if (inside < r->n)
		out_printf(_("(%ld of %ld points of the path lie beyond the map)\n"), r->n - inside, r->n);
	free(cx);
	free(cy);
	free(px);
	free(py);

	double *gap = xreallocarray(NULL, (size_t)r->n, sizeof *gap);
	for (long k = 0; k < r->n; k++)
		gap[k] = r->f[k] - d->fmin;
	char yl[48];
	if (d->fmin == 0)
		snprintf(yl, sizeof yl, "f");
	else
		snprintf(yl, sizeof yl, "f %c %g", d->fmin < 0 ? '+' : '-', fabs(d->fmin));
	chart_series g = {.name = "", .y = gap, .n = (size_t)r->n};
	chart lc = {.kind = CHART_LINE, .title = _("f above its lowest value, per step"), .xlabel = _("step"),
	            .ylabel = yl, .logy = 1, .series = &g, .nseries = 1, .height = 10};
	out_printf("\n");
	out_chart(&lc);
	biglab_keep_chart(&biglab_get(sess)->gd_gap, &lc);
	free(gap);
}

static int
cmd_gd(session *s, cmd_args *a)
{
	(void)s;
	const char *usage = "gd bowl|rosenbrock|himmelblau|saddle [lr=] [from=x,y] [steps=] [optim=]";
	if (args_min(a, 1, usage) < 0 || args_max(a, 1, usage) < 0)
		return -1;
	int fn = -1;
	for (int i = 0; land_fn_names[i]; i++)
		if (strcmp(a->argv[0], land_fn_names[i]) == 0)
			fn = i;
	if (fn < 0) {
		char sug[200];
		cmd_suggest(a->argv[0], land_fn_names, LAND_NFN, sug, sizeof sug);
		if (sug[0])
			return out_error("unknown surface '%s'; did you mean %s? choose bowl, rosenbrock, himmelblau or saddle",
			                 a->argv[0], sug);
		return out_error("unknown surface '%s'; choose bowl, rosenbrock, himmelblau or saddle", a->argv[0]);
	}
	const land_def *d = &land_defs[fn];
	double lr, x0 = d->x0, y0 = d->y0;
	long steps;
	int opt;
	if (arg_double(a, "lr", d->lr, 1e-9, 10, &lr) < 0 || arg_long(a, "steps", d->steps, 1, 100000, &steps) < 0 ||
	    arg_choice(a, "optim", land_optim_names, LAND_SGD, &opt) < 0)
		return -1;
	if (arg_has(a, "from") && parse_point(arg_str(a, "from", ""), &x0, &y0) < 0)
		return -1;

	land_run r;
	land_descend((enum land_fn)fn, x0, y0, lr, steps, (enum land_optim)opt, &r);
	out_printf("gd %s: f(x,y) = %s\n", d->name, d->formula);
	out_printf(_("%s, lr %g, from (%g, %g), at most %ld steps\n"), land_optim_names[opt], lr, x0, y0, steps);
	print_path((enum land_fn)fn, &r);
	print_outcome((enum land_fn)fn, lr, &r);
	char title[96];
	snprintf(title, sizeof title, _("%s: contours and the path from (%g, %g)"), d->name, x0, y0);
	print_charts(s, (enum land_fn)fn, &r, title);
	print_lesson((enum land_fn)fn, lr, (enum land_optim)opt, &r);
	land_run_free(&r);
	return 0;
}

static const char *const gd_keys[] = {"lr", "from", "steps", "optim", NULL};

const cmd_entry cmd_gd_entry = {
	.name = "gd",
	.topic = "big",
	.usage = "gd bowl|rosenbrock|himmelblau|saddle [lr=] [from=x,y] [steps=] [optim=]",
	.summary = N_("watch gradient descent walk a loss surface"),
	.help = N_("Runs gradient descent on a surface of two variables and shows the path: a table of "
	        "the steps, the path drawn over the contour lines of f, and f per step on a log scale.  "
	        "It says how the walk ended: converged (to which minimum or saddle point), diverged, or "
	        "still moving, and whether it zigzagged.\n"
	        "\n"
	        " bowl        (x^2 + 10*y^2)/2        zigzags above lr 0.1, diverges above 0.2\n"
	        " rosenbrock  (1-x)^2 + 100*(y-x^2)^2 a curved flat valley; lr above 0.002 diverges\n"
	        " himmelblau  (x^2+y-11)^2 + (x+y^2-7)^2  four minima: which one depends on the start\n"
	        " saddle      x^2 + y^4/4 - y^2/2     a saddle at (0,0) between minima at (0,1), (0,-1)\n"
	        "\n"
	        "lr= is the learning rate, from=X,Y the start, steps= the most steps (it stops earlier "
	        "when the gradient vanishes, below 1e-6, or the path runs off beyond 1e6), optim= sgd, "
	        "momentum (0.9) or adam (0.9, 0.999).  Each surface has its own defaults."),
	.examples = "gd bowl\ngd bowl lr=0.21\ngd rosenbrock optim=adam lr=0.05\ngd himmelblau from=-1,-1\n"
	            "gd saddle from=1.5,0",
	.exec = cmd_gd,
	.keys = gd_keys,
	.words = land_fn_names,
	.complete = COMPLETE_WORDS,
};
