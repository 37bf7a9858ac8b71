/* test-trainhist.c - the training history stays bounded: a run of many
 * more epochs than TRAIN_HIST_MAX keeps at most that many rows, the first
 * epoch and the newest one among them, epochs and steps still growing
 * from row to row, and each kept row the same as when it was recorded.
 * (The soak test, tests/soak/soak-train.sh, measures the memory itself.)
 * Not a test of training quality: test-train.c does that. */
#include <config.h>

#include "../tap.h"
#include "core/dataset.h"
#include "core/model.h"
#include "core/train.h"

#include <stdlib.h>

int
main(void)
{
	rng_t r;
	rng_init(&r, 3);
	dataset *ds = dataset_xor(&r, 2, 0.1);  /* 4 rows: one batch is an epoch */
	model *m = model_new(2);
	model_add_dense(m, 3, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, 2, ACT_IDENTITY, INIT_GLOROT, 0);
	model_init(m, &r);
	trainer t;
	trainer_init(&t);
	trainer_reset(&t, m);
	t.batch = ds->n_train;
	long epochs = 3L * TRAIN_HIST_MAX + 123;
	/* the loss of every epoch as it was recorded, to compare the kept rows */
	double *loss = malloc((size_t)epochs * sizeof *loss);
	size_t most = 0;
	for (long e = 0; e < epochs; e++) {
		trainer_step(&t, m, ds, &r);
		loss[e] = trainer_last_hist(&t)->loss;
		if (t.n_hist > most)
			most = t.n_hist;
	}
	ok(t.epoch == epochs, "%ld epochs trained", t.epoch);
	ok(most <= TRAIN_HIST_MAX, "the history never held more than %d rows (at most %zu)", TRAIN_HIST_MAX, most);
	ok(t.cap_hist <= TRAIN_HIST_MAX, "its buffer never grew past %d rows (%zu)", TRAIN_HIST_MAX, t.cap_hist);
	ok(t.n_hist > TRAIN_HIST_MAX / 2, "it keeps more than half of them (%zu)", t.n_hist);
	ok(t.hist[0].epoch == 1 && t.hist[0].step == 1, "the first row is epoch 1 (%ld)", t.hist[0].epoch);
	ok(trainer_last_hist(&t)->epoch == epochs, "the last row is the newest epoch (%ld)", trainer_last_hist(&t)->epoch);
	int grow = 1, same = 1;
	for (size_t i = 0; i < t.n_hist; i++) {
		const train_hist *h = &t.hist[i];
		if (i > 0 && (h->epoch <= t.hist[i - 1].epoch || h->step <= t.hist[i - 1].step))
			grow = 0;
		if (h->epoch < 1 || h->epoch > epochs || h->loss != loss[h->epoch - 1] || h->step != h->epoch)
			same = 0;
	}
	ok(grow, "epochs and steps grow from row to row");
	ok(same, "every kept row is the epoch it names, as recorded");
	/* the newest epochs are all there: thinning drops only older rows */
	size_t n = t.n_hist;
	ok(n >= 100 && t.hist[n - 100].epoch == epochs - 99, "the last 100 epochs are all kept");
	free(loss);
	trainer_free(&t);
	model_free(m);
	dataset_free(ds);
	return done_testing();
}
