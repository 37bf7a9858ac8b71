/* landscape.h - two-variable loss surfaces and gradient descent on them.
 *
 * Four classic surfaces with known critical points: a stretched bowl (a
 * quadratic whose curvatures differ tenfold), Rosenbrock's curved valley,
 * Himmelblau's four minima and a saddle between two minima.  The descent
 * keeps the whole path so the lab can draw it over a contour map, and
 * says how it ended: converged (and to which critical point), diverged,
 * or still on its way.  Plain gradient descent, heavy-ball momentum and
 * Adam.  Not a general optimiser library: two dimensions, analytic
 * gradients, no line search.
 */
#ifndef NN_CORE_LANDSCAPE_H
#define NN_CORE_LANDSCAPE_H

enum land_fn { LAND_BOWL, LAND_ROSENBROCK, LAND_HIMMELBLAU, LAND_SADDLE, LAND_NFN };
enum land_optim { LAND_SGD, LAND_MOMENTUM, LAND_ADAM, LAND_NOPTIM };
extern const char *const land_fn_names[];     /* "bowl", ..., NULL */
extern const char *const land_optim_names[];  /* "sgd", "momentum", "adam", NULL */

typedef struct land_point {
	double x, y, f;
	const char *kind;  /* "minimum", "saddle point", "maximum" */
} land_point;

typedef struct land_def {
	const char *name;
	const char *formula;           /* ASCII */
	double xlo, xhi, ylo, yhi;     /* the window a map shows */
	double x0, y0;                 /* the default start */
	double lr;                     /* the default learning rate */
	long steps;                    /* the default number of steps */
	double fmin;                   /* the lowest value of f */
	const land_point *crit;        /* critical points */
	int ncrit;
} land_def;

extern const land_def land_defs[LAND_NFN];

double land_f(enum land_fn fn, double x, double y);
void land_grad(enum land_fn fn, double x, double y, double *gx, double *gy);

enum land_outcome {
	LAND_CONVERGED,  /* the gradient vanished: at a critical point */
	LAND_DIVERGED,   /* left every bound (|x| or |y| > 1e6), overflowed, or
	                  * rose in each of the last 10 steps above its start */
	LAND_MOVING,     /* the steps ran out first */
};

typedef struct land_run {
	double *x, *y, *f;  /* [n] the path, start included */
	long n;             /* points: steps taken + 1 */
	enum land_outcome outcome;
	int crit;           /* the critical point within 1e-3 of the end, or -1 */
	long flips_x, flips_y;  /* steps whose direction reversed that of the step before */
} land_run;

/* The gradient counts as vanished below this norm. */
#define LAND_GRAD_TOL 1e-6

/* land_descend: at most steps steps from (x0, y0); allocates the path
 * (land_run_free frees it).  momentum: v = 0.9*v + g, x -= lr*v.  adam:
 * beta1 0.9, beta2 0.999, eps 1e-8, with bias correction. */
void land_descend(enum land_fn fn, double x0, double y0, double lr, long steps, enum land_optim opt, land_run *r);
void land_run_free(land_run *r);
/* land_nearest: the critical point of fn nearest to (x, y) and its
 * distance. */
int land_nearest(enum land_fn fn, double x, double y, double *dist);

/* ==== contour maps ====================================================== */

/* land_levels: n levels for fn's window, evenly spaced in log10(1 + f -
 * fmin) from the lowest to the highest value on a grid over the window:
 * close together near the minima, far apart on the walls. */
void land_levels(enum land_fn fn, int n, double *levels);
/* land_contours: the level curves by marching squares on an nx x ny grid
 * of cells over the window: each piece is two points followed by a NaN
 * point (a break in a line chart).  *x and *y are allocated (free them);
 * *n is the number of points. */
void land_contours(enum land_fn fn, const double *levels, int nlevels, int nx, int ny, double **x, double **y,
                   long *n);

#endif
