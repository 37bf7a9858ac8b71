/* parallel.c - data-parallel gradients with POSIX threads (parallel.h).
 * Worker 0 runs on the calling thread; workers 1..N-1 wait on a condition
 * variable for each batch.  Not a distributed trainer: the replicas share
 * memory, and the "all-reduce" is a sum in worker order.
 */
#include <config.h>

#include "core/parallel.h"
#include "core/alloc.h"
#include "core/gemm.h"
#include "core/train.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct worker {
	struct parallel *p;
	int id;
	model *rep;
	float *g;            /* [rows_w][k] its loss gradient */
	size_t cap_g;
	double loss;         /* its rows' loss sum */
	long correct;        /* its rows answered right (classification) */
	pthread_t th;
} worker;

struct parallel {
	int n;
	worker *w;
	pthread_mutex_t mu;
	pthread_cond_t go, done;
	long gen;            /* batches handed out */
	int finished;        /* workers done with batch gen */
	int quit;
	int started;         /* threads created */
	int blas_entered;    /* gemm_threads_enter was called */
	/* the batch of generation gen */
	const model *m;
	const loss_cfg *c;
	const float *x;
	const int *labels;
	const float *targets;
	int rows;
};

static void
work(worker *w)
{
	parallel *p = w->p;
	int r0 = (int)((long)p->rows * w->id / p->n), r1 = (int)((long)p->rows * (w->id + 1) / p->n);
	int nr = r1 - r0, k = model_n_out(p->m), d = p->m->n_in;
	w->loss = 0;
	w->correct = 0;
	model_copy_params(w->rep, p->m);
	if (nr == 0) {
		model_zero_grads(w->rep);
		return;
	}
	if ((size_t)nr * k > w->cap_g) {
		free(w->g);
		w->cap_g = (size_t)nr * k;
		w->g = xmalloc(w->cap_g * sizeof *w->g);
	}
	const float *h = model_forward(w->rep, p->x + (size_t)r0 * d, nr, 0, NULL);
	enum act_kind last = model_last_act(w->rep);
	double l = loss_batch(p->c, last, model_out_z(w->rep), h, nr, k, p->labels ? p->labels + r0 : NULL,
	                      p->targets ? p->targets + (size_t)r0 * k : NULL, w->g, NULL);
	/* the rows answered right, from the same forward pass */
	if (p->labels)
		for (int i = 0; i < nr; i++)
			w->correct += loss_predict(p->c, last, model_out_z(w->rep) + (size_t)i * k, h + (size_t)i * k, k) ==
			              p->labels[r0 + i];
	/* the gradient of this slice's mean, weighted by its share of the batch */
	float share = (float)nr / (float)p->rows;
	for (size_t i = 0; i < (size_t)nr * k; i++)
		w->g[i] *= share;
	model_backward(w->rep, w->g, loss_fused(p->c->kind, last), 0);
	w->loss = l * nr;
}

static void *
thread_main(void *arg)
{
	worker *w = arg;
	parallel *p = w->p;
	long seen = 0;
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->gen == seen && !p->quit)
			pthread_cond_wait(&p->go, &p->mu);
		if (p->quit) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		seen = p->gen;
		pthread_mutex_unlock(&p->mu);
		work(w);
		pthread_mutex_lock(&p->mu);
		if (++p->finished == p->n - 1)
			pthread_cond_signal(&p->done);
		pthread_mutex_unlock(&p->mu);
	}
}

parallel *
parallel_new(const model *m, int workers)
{
	if (workers < 1 || workers > PARALLEL_MAX_WORKERS)
		return NULL;
	parallel *p = xcalloc(1, sizeof *p);
	p->n = workers;
	p->w = xcalloc((size_t)workers, sizeof *p->w);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->go, NULL);
	pthread_cond_init(&p->done, NULL);
	for (int i = 0; i < workers; i++) {
		p->w[i].p = p;
		p->w[i].id = i;
		p->w[i].rep = model_clone(m);
	}
	for (int i = 1; i < workers; i++) {
		if (pthread_create(&p->w[i].th, NULL, thread_main, &p->w[i]) != 0) {
			parallel_free(p);
			return NULL;
		}
		p->started = i;
	}
	/* the workers' products run side by side: one BLAS thread per call */
	gemm_threads_enter();
	p->blas_entered = 1;
	return p;
}

void
parallel_free(parallel *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->quit = 1;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	for (int i = 1; i <= p->started; i++)
		pthread_join(p->w[i].th, NULL);
	if (p->blas_entered)
		gemm_threads_leave();
	for (int i = 0; i < p->n; i++) {
		model_free(p->w[i].rep);
		free(p->w[i].g);
	}
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->go);
	pthread_cond_destroy(&p->done);
	free(p->w);
	free(p);
}

int
parallel_workers(const parallel *p)
{
	return p->n;
}

double
parallel_grad(parallel *p, model *m, const loss_cfg *c, const float *x, const int *labels, const float *targets,
              int rows)
{
	pthread_mutex_lock(&p->mu);
	p->m = m;
	p->c = c;
	p->x = x;
	p->labels = labels;
	p->targets = targets;
	p->rows = rows;
	p->finished = 0;
	p->gen++;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	work(&p->w[0]);
	pthread_mutex_lock(&p->mu);
	while (p->finished < p->n - 1)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);

	/* the all-reduce: sum the replicas' gradients in worker order */
	double loss = 0;
	memcpy(m->grads, p->w[0].rep->grads, m->n_params * sizeof *m->grads);
	loss += p->w[0].loss;
	for (int i = 1; i < p->n; i++) {
		const float *g = p->w[i].rep->grads;
		for (size_t j = 0; j < m->n_params; j++)
			m->grads[j] += g[j];
		loss += p->w[i].loss;
	}
	for (int l = 0; l < m->n_layers; l++) {
		layer *L = &m->layers[l];
		if (layer_has_params(L))
			loss_penalty(c, layer_W(m, l), layer_n_weights(L), L->frozen ? NULL : layer_dW(m, l));
	}
	return loss / rows;
}

long
parallel_correct(const parallel *p)
{
	long n = 0;
	for (int i = 0; i < p->n; i++)
		n += p->w[i].correct;
	return n;
}
