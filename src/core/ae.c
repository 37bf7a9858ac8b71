/* ae.c - the autoencoder's data, network and baseline (see ae.h). */
#include <config.h>

#include "core/ae.h"
#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

dataset *
ae_dataset(const dataset *src)
{
	char name[256];
	snprintf(name, sizeof name, "%s-ae", src->name);
	int kt = src->regression ? src->k : 0, d = src->d + kt;
	dataset *ds = dataset_new(name, src->n, d, d, 1);
	for (int i = 0; i < src->n; i++) {
		float *row = ds->x + (size_t)i * d;
		memcpy(row, src->x + (size_t)i * src->d, (size_t)src->d * sizeof *row);
		if (kt)
			memcpy(row + src->d, src->t + (size_t)i * kt, (size_t)kt * sizeof *row);
	}
	memcpy(ds->t, ds->x, (size_t)src->n * d * sizeof *ds->t);
	ds->n_train = src->n_train;
	return ds;
}

model *
ae_model(int d, int hidden, int code)
{
	model *m = model_new(d);
	model_add_dense(m, hidden, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, code, ACT_IDENTITY, INIT_GLOROT, 0);
	model_add_dense(m, hidden, ACT_TANH, INIT_GLOROT, 0);
	model_add_dense(m, d, ACT_IDENTITY, INIT_GLOROT, 0);
	return m;
}

double
ae_baseline(const dataset *ds, int r0, int r1)
{
	int d = ds->d;
	double *mean = xcalloc((size_t)d, sizeof *mean);
	for (int i = 0; i < ds->n_train; i++)
		for (int j = 0; j < d; j++)
			mean[j] += ds->x[(size_t)i * d + j];
	for (int j = 0; j < d; j++)
		mean[j] /= ds->n_train;
	double s = 0;
	for (int i = r0; i < r1; i++)
		for (int j = 0; j < d; j++) {
			double e = ds->x[(size_t)i * d + j] - mean[j];
			s += e * e;
		}
	free(mean);
	return r1 > r0 ? s / ((double)(r1 - r0) * d) : 0;
}

void
ae_code(model *m, const float *x, float *code)
{
	model_forward(m, x, 1, 0, NULL);
	const layer *L = &m->layers[AE_CODE_LAYER];
	memcpy(code, L->h, (size_t)L->out * sizeof *code);
}
