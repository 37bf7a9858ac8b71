/* test-dataset.c - the generators, split, standardisation, clone and
 * checksum of src/core/dataset.c against reference values.
 *
 * The constants come from tests/core/dataset-ref.py, an independent Python
 * computation from the specification that draws through the NumPy bench
 * peer's own Rng class (and, for the spiral, calls the peer's spiral_data),
 * run under /usr/bin/python3.  Each REF_*_SUM is that script's FNV-1a digest
 * of the whole dataset, so a match means every number agrees bit for bit.
 * Linked with libnncore.a and -lm only.
 */
#include <config.h>

#include "core/dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"

/* ==== reference values (tests/core/dataset-ref.py) ====================== */

#define REF_SPIRAL_SUM 0xfb79a894f1104fffULL
#define REF_SPLIT_SUM 0xdc25fc371d4e6c7cULL
#define REF_STD_SUM 0x61f353e1a335c088ULL
#define REF_XOR_SUM 0x1b9f8cea9914e0d2ULL
#define REF_CIRCLE_SUM 0x6037e0f9e9bca7e4ULL
#define REF_MOONS_SUM 0xeda0b0f01f119dbcULL
#define REF_BLOBS_SUM 0x56b20a243df25da5ULL
#define REF_SINE_SUM 0x4673186d796a2bc4ULL
#define REF_LINEAR_SUM 0xb267f3f5e5e0e6bbULL

struct ref_row {
	int p;
	float x0, x1;
};

/* W1's data, seed 1, n=100, k=3, noise 0.2 */
static const struct ref_row spiral_rows[] = {
	{0, -0x0.0p+0, 0x0.0p+0},
	{1, -0x1.25a72ap-8, 0x1.28a446p-7},
	{57, 0x1.8b6dd6p-2, -0x1.b54e04p-2},
	{100, -0x0.0p+0, -0x0.0p+0},
	{199, 0x1.ff9e62p-1, -0x1.3c1a72p-5},
	{299, -0x1.c89b8cp-4, 0x1.fccf0ap-1},
};
/* then test=0.2: a permutation of 300 from the same stream */
static const struct ref_row split_rows[] = {
	{0, -0x1.7e0416p-3, 0x1.5c9cb2p-3},
	{239, 0x0.0p+0, -0x0.0p+0},
	{240, -0x1.e52be0p-3, 0x1.3c6a64p-3},
	{299, -0x1.6dd23cp-1, 0x1.f9efecp-2},
};
static const double std_mean[2] = {-0.028923942944675218, -0.028899624913659258};
static const double std_sd[2] = {0.41947717557252345, 0.39449845226696184};
static const struct ref_row std_rows[] = {
	{0, -0x1.80bd92p-2, 0x1.026db0p-1},
	{299, -0x1.a26478p+0, 0x1.535fccp+0},
};
/* seed 7, n=10 per class, noise 0.1 */
static const struct ref_row xor_rows[] = {
	{0, 0x1.94e10cp-4, -0x1.7dccb2p-3},
	{1, 0x1.0019b2p+0, 0x1.e4e6bep-1},
	{10, 0x1.01be0ep-3, 0x1.1770fcp+0},
	{11, 0x1.f9cc4ap-1, 0x1.da48d0p-5},
	{19, 0x1.e95720p-1, -0x1.03aad0p-5},
};
static const struct ref_row circle_rows[] = {
	{0, 0x1.329c22p-1, -0x1.7dccb2p-3},
	{3, -0x1.59481cp-15, 0x1.23bb4ep-2},
	{10, 0x1.2037c2p+0, 0x1.770fcap-4},
	{17, -0x1.ffe29cp-6, -0x1.b6d1b2p-1},
};
static const struct ref_row moons_rows[] = {
	{0, 0x1.194e10p+0, -0x1.7dccb2p-3},
	{5, -0x1.ccaf40p-5, 0x1.ce76b8p-1},
	{10, 0x1.01be0ep-3, 0x1.2ee1fap-1},
	{19, 0x1.f4ab90p+0, 0x1.df8aa6p-2},
};
/* seed 7, n=10 per class, 4 classes, noise 0.5 */
static const struct ref_row blobs_rows[] = {
	{0, 0x1.3f432ap+1, -0x1.dd3fdep-1},
	{10, 0x1.422d92p-1, 0x1.3a9a78p+1},
	{25, -0x1.2a1c3ep+0, -0x1.0c539cp-3},
	{39, 0x1.c8c704p-4, -0x1.f0f56cp+0},
};

/* ==== helpers =========================================================== */

static void
check_rows(const char *name, const dataset *ds, const struct ref_row *rows, size_t n)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const float *x = ds->x + (size_t)rows[i].p * 2;
		/* compare bits: -0 and +0 must match too */
		if (memcmp(&x[0], &rows[i].x0, sizeof(float)) != 0 || memcmp(&x[1], &rows[i].x1, sizeof(float)) != 0) {
			diag("%s row %d: got (%a, %a), want (%a, %a)", name, rows[i].p, x[0], x[1], rows[i].x0, rows[i].x1);
			bad++;
		}
	}
	ok(bad == 0, "%s: %zu sample rows match bit for bit", name, n);
}

static void
check_sum(const char *name, const dataset *ds, uint64_t want)
{
	uint64_t got = dataset_checksum(ds);
	ok(got == want, "%s: checksum %016llx (want %016llx)", name, (unsigned long long)got,
	   (unsigned long long)want);
}

static void
check_labels_by_class(const char *name, const dataset *ds, int n_per_class)
{
	int bad = 0;
	for (int p = 0; p < ds->n; p++)
		bad += ds->y[p] != p / n_per_class;
	ok(bad == 0, "%s: rows ordered by class, %d per class", name, n_per_class);
}

/* ==== tests ============================================================= */

static void
test_spiral_w1(void)
{
	rng_t r;
	rng_init(&r, 1);
	dataset *ds = dataset_spiral(&r, 100, 3, 0.2);
	ok(ds->n == 300 && ds->n_train == 300 && ds->d == 2 && ds->k == 3 && !ds->regression,
	   "spiral: shape 300 x 2, 3 classes, all training");
	ok(r.ctr == 600, "spiral: W1's data consumes exactly 600 uniforms (got %llu)", (unsigned long long)r.ctr);
	check_rows("spiral", ds, spiral_rows, sizeof spiral_rows / sizeof spiral_rows[0]);
	check_labels_by_class("spiral", ds, 100);
	check_sum("spiral (all 600 numbers as NumPy's peer makes them)", ds, REF_SPIRAL_SUM);
	is_str(ds->name, "spiral", "spiral: name");

	/* the split draws a permutation of 300 after the data */
	ok(dataset_split_test_rows(300, 0.2) == 60, "test=0.2 of 300 rows is 60");
	ok(dataset_split(ds, &r, 0.2) == 0, "split 0.2 accepted");
	ok(ds->n_train == 240 && r.ctr == 900, "split: 240 training rows, 300 more uniforms drawn");
	check_rows("split", ds, split_rows, sizeof split_rows / sizeof split_rows[0]);
	check_sum("split", ds, REF_SPLIT_SUM);

	double mean[2], sd[2];
	dataset_standardize(ds, mean, sd);
	for (int j = 0; j < 2; j++) {
		char name[64];
		snprintf(name, sizeof name, "standardize: mean of feature %d (training rows)", j + 1);
		close_enough(mean[j], std_mean[j], 0, 1e-14, name);
		snprintf(name, sizeof name, "standardize: sd of feature %d (training rows)", j + 1);
		close_enough(sd[j], std_sd[j], 0, 1e-14, name);
	}
	check_rows("standardize", ds, std_rows, sizeof std_rows / sizeof std_rows[0]);
	check_sum("standardize", ds, REF_STD_SUM);
	ok(r.ctr == 900, "standardize draws nothing");
	dataset_free(ds);
}

static void
test_generators(void)
{
	rng_t r;
	dataset *ds;

	/* the 2-D generators, seed 7, 10 points per class */
	static const struct {
		const char *name;
		int k;
		double noise;
		const struct ref_row *rows;
		size_t nrows;
		uint64_t sum;
	} two_d[] = {
		{"xor", 2, 0.1, xor_rows, sizeof xor_rows / sizeof xor_rows[0], REF_XOR_SUM},
		{"circle", 2, 0.1, circle_rows, sizeof circle_rows / sizeof circle_rows[0], REF_CIRCLE_SUM},
		{"moons", 2, 0.1, moons_rows, sizeof moons_rows / sizeof moons_rows[0], REF_MOONS_SUM},
		{"blobs", 4, 0.5, blobs_rows, sizeof blobs_rows / sizeof blobs_rows[0], REF_BLOBS_SUM},
	};
	for (size_t g = 0; g < sizeof two_d / sizeof two_d[0]; g++) {
		rng_init(&r, 7);
		switch (g) {
		case 0: ds = dataset_xor(&r, 10, two_d[g].noise); break;
		case 1: ds = dataset_circle(&r, 10, two_d[g].noise); break;
		case 2: ds = dataset_moons(&r, 10, two_d[g].noise); break;
		default: ds = dataset_blobs(&r, 10, two_d[g].k, two_d[g].noise); break;
		}
		int k = two_d[g].k;
		ok(ds->n == 10 * k && ds->d == 2 && ds->k == k && !ds->regression && r.ctr == (uint64_t)(40 * k),
		   "%s: %d rows, %d classes, %d uniforms", two_d[g].name, 10 * k, k, 40 * k);
		is_str(ds->name, two_d[g].name, "its name");
		check_rows(two_d[g].name, ds, two_d[g].rows, two_d[g].nrows);
		check_labels_by_class(two_d[g].name, ds, 10);
		check_sum(two_d[g].name, ds, two_d[g].sum);
		dataset_free(ds);
	}

	rng_init(&r, 7);
	ds = dataset_sine(&r, 50, 0.1);
	ok(ds->n == 50 && ds->d == 1 && ds->k == 1 && ds->regression && ds->t && !ds->y && r.ctr == 100,
	   "sine: 50 rows of regression, 100 uniforms");
	ok(ds->x[0] == (float)-M_PI && ds->x[49] == (float)M_PI, "sine: x runs from -pi to pi");
	ok(ds->t[0] == 0x1.94e10cp-4f && ds->t[49] == 0x1.795882p-2f, "sine: first and last targets");
	check_sum("sine", ds, REF_SINE_SUM);
	dataset_free(ds);

	rng_init(&r, 7);
	ds = dataset_linear(&r, 50, 0.1);
	ok(ds->x[0] == -1.0f && ds->x[49] == 1.0f && r.ctr == 100, "linear: x runs from -1 to 1");
	ok(ds->t[0] == -0x1.66b1f0p+0f && ds->t[49] == 0x1.6f2b10p+1f, "linear: first and last targets");
	check_sum("linear", ds, REF_LINEAR_SUM);
	dataset_free(ds);

	/* noise 0: the exact shapes, and the draws still happen */
	rng_init(&r, 3);
	ds = dataset_xor(&r, 2, 0.0);
	static const float truth[8] = {0, 0, 1, 1, 0, 1, 1, 0};
	static const int truth_y[4] = {0, 0, 1, 1};
	ok(memcmp(ds->x, truth, sizeof truth) == 0 && memcmp(ds->y, truth_y, sizeof truth_y) == 0,
	   "xor n=2 noise=0 is the truth table");
	ok(r.ctr == 16, "noise 0 still draws (16 uniforms)");
	dataset_free(ds);
	rng_init(&r, 3);
	ds = dataset_circle(&r, 4, 0.0);
	int onr = 1;
	for (int p = 0; p < 8; p++) {
		double rad = hypot(ds->x[2 * p], ds->x[2 * p + 1]);
		onr &= fabs(rad - (p < 4 ? 0.5 : 1.0)) < 1e-7;
	}
	ok(onr, "circle noise=0: class 0 at radius 0.5, class 1 at radius 1");
	dataset_free(ds);
	rng_init(&r, 3);
	ds = dataset_moons(&r, 3, 0.0);
	ok(ds->x[0] == 1.0f && ds->x[1] == 0.0f && ds->x[2 * 4] == 1.0f && ds->x[2 * 4 + 1] == -0.5f,
	   "moons noise=0: class 0 tops at (0,1), class 1 bottoms at (1,-0.5)");
	dataset_free(ds);
}

static void
test_split_edges(void)
{
	rng_t r;
	rng_init(&r, 1);
	dataset *ds = dataset_spiral(&r, 5, 2, 0.2);
	uint64_t before = dataset_checksum(ds);
	uint64_t ctr = r.ctr;
	ok(dataset_split(ds, &r, 0.01) == -1 && r.ctr == ctr && dataset_checksum(ds) == before,
	   "split: a fraction giving 0 test rows is refused, nothing drawn");
	ok(dataset_split(ds, &r, 0.99) == -1 && r.ctr == ctr, "split: a fraction leaving no training row is refused");
	ok(dataset_split(ds, &r, 0.5) == 0 && ds->n_train == 5 && r.ctr == ctr + 10, "split 0.5 of 10 rows");
	ok(dataset_split(ds, &r, 0.0) == 0 && ds->n_train == 10 && r.ctr == ctr + 10, "split 0 merges, draws nothing");
	/* every row still there: the multiset of labels is unchanged */
	int c0 = 0;
	for (int i = 0; i < ds->n; i++)
		c0 += ds->y[i] == 0;
	ok(c0 == 5, "split: rows are permuted, not lost");
	dataset_free(ds);

	/* a constant feature is centred, not divided by zero */
	ds = dataset_new("flat", 4, 2, 2, 0);
	for (int i = 0; i < 4; i++) {
		ds->x[2 * i] = 3.0f;
		ds->x[2 * i + 1] = (float)i;
	}
	ds->n_train = 2;
	double m[2], sd[2];
	dataset_standardize(ds, m, sd);
	ok(ds->x[0] == 0.0f && ds->x[6] == 0.0f && sd[0] == 1.0, "standardize: a constant feature becomes 0");
	/* feature 2 on training rows {0, 1}: mean 0.5, sd 0.5 -> test rows 2, 3 map to 3, 5 */
	ok(ds->x[1] == -1.0f && ds->x[3] == 1.0f && ds->x[5] == 3.0f && ds->x[7] == 5.0f,
	   "standardize: statistics from the training rows only, applied to all");
	dataset_free(ds);
}

static void
test_clone_checksum(void)
{
	rng_t r;
	rng_init(&r, 11);
	dataset *ds = dataset_blobs(&r, 20, 3, 0.5);
	ds->class_names = calloc(3, sizeof *ds->class_names);
	ds->class_names[0] = strdup("a");
	ds->class_names[1] = strdup("b");
	ds->class_names[2] = strdup("c");
	ds->target_name = strdup("kind");
	dataset *c = dataset_clone(ds);
	ok(dataset_checksum(c) == dataset_checksum(ds), "clone: same checksum");
	ok(c->x != ds->x && c->y != ds->y && c->class_names != ds->class_names, "clone: its own arrays");
	is_str(c->class_names[2], "c", "clone: class names copied");
	is_str(c->target_name, "kind", "clone: target name copied");
	is_str(c->feature_names[1], "x2", "clone: feature names copied");
	uint64_t h = dataset_checksum(ds);
	c->x[17] = nextafterf(c->x[17], 10.0f);
	ok(dataset_checksum(c) != h, "checksum: one ulp of one feature changes it");
	c->x[17] = ds->x[17];
	c->y[59] = 0;
	ok(dataset_checksum(c) != h, "checksum: one label changes it");
	c->y[59] = ds->y[59];
	c->n_train = 50;
	ok(dataset_checksum(c) != h, "checksum: the split changes it");
	dataset_free(c);
	dataset_free(ds);
	dataset_free(NULL);
	ok(dataset_clone(NULL) == NULL, "clone and free accept NULL");

	/* FNV-1a of the empty shape, computed by hand: the offset basis
	 * folded with twenty zero bytes */
	dataset *e = dataset_new("empty", 0, 0, 0, 0);
	uint64_t want = 0xcbf29ce484222325ULL;
	for (int i = 0; i < 20; i++)
		want *= 0x100000001b3ULL;
	ok(dataset_checksum(e) == want, "checksum of an empty dataset is FNV-1a of 20 zero bytes");
	dataset_free(e);
}

int
main(void)
{
	test_spiral_w1();
	test_generators();
	test_split_edges();
	test_clone_checksum();
	return done_testing();
}
