/* rl.c - the bandit and Q-learning on a grid (see rl.h). */
#include <config.h>

#include "core/rl.h"
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

int
rl_argmax(const double *v, int n)
{
	int best = 0;
	for (int i = 1; i < n; i++)
		if (v[i] > v[best])
			best = i;
	return best;
}

/* ==== the bandit ======================================================== */

void
rl_bandit(rng_t *r, const rl_bandit_cfg *c, rl_bandit_result *res)
{
	size_t A = (size_t)c->arms, T = (size_t)c->steps, R = (size_t)c->runs, E = (size_t)c->neps;
	res->reward = xcalloc(E * T, sizeof *res->reward);
	res->optimal = xcalloc(E * T, sizeof *res->optimal);
	res->found = xcalloc(E, sizeof *res->found);
	res->q_true = xcalloc(R * A, sizeof *res->q_true);
	res->q_est = xcalloc(E * A, sizeof *res->q_est);
	res->pulls = xcalloc(E * A, sizeof *res->pulls);
	for (size_t i = 0; i < R * A; i++)
		res->q_true[i] = rng_normal(r);
	double *q = xcalloc(A, sizeof *q);
	long *n = xcalloc(A, sizeof *n);
	for (size_t e = 0; e < E; e++) {
		for (size_t run = 0; run < R; run++) {
			const double *qt = res->q_true + run * A;
			int best = rl_argmax(qt, (int)A);
			memset(q, 0, A * sizeof *q);
			memset(n, 0, A * sizeof *n);
			for (size_t t = 0; t < T; t++) {
				int a;
				if (rng_uniform(r) < c->eps[e])
					a = (int)rng_below(r, A);
				else
					a = rl_argmax(q, (int)A);
				double rew = qt[a] + rng_normal(r);
				n[a]++;
				q[a] += (rew - q[a]) / (double)n[a];
				res->reward[e * T + t] += rew / (double)R;
				if (a == best)
					res->optimal[e * T + t] += 1.0 / (double)R;
			}
			if (rl_argmax(q, (int)A) == best)
				res->found[e]++;
			if (run == 0) {
				memcpy(res->q_est + e * A, q, A * sizeof *q);
				memcpy(res->pulls + e * A, n, A * sizeof *n);
			}
		}
	}
	free(q);
	free(n);
}

void
rl_bandit_free(rl_bandit_result *res)
{
	free(res->reward);
	free(res->optimal);
	free(res->found);
	free(res->q_true);
	free(res->q_est);
	free(res->pulls);
	memset(res, 0, sizeof *res);
}

/* ==== the grid ========================================================== */

const char *const rl_map_names[] = {"cliff", "maze", NULL};

static const char *const map_cliff[] = {
	"............",
	"............",
	"............",
	"SCCCCCCCCCCG",
	NULL,
};

static const char *const map_maze[] = {
	"S..#...",
	".#.#.#.",
	".#...#.",
	".####..",
	"......G",
	NULL,
};

int
rl_grid_load(const char *name, rl_grid *g)
{
	const char *const *rows = NULL;
	if (strcmp(name, "cliff") == 0)
		rows = map_cliff;
	else if (strcmp(name, "maze") == 0)
		rows = map_maze;
	else
		return -1;
	memset(g, 0, sizeof *g);
	g->cols = (int)strlen(rows[0]);
	for (int i = 0; rows[i]; i++) {
		memcpy(g->cells + i * g->cols, rows[i], (size_t)g->cols);
		g->rows++;
	}
	for (int s = 0; s < g->rows * g->cols; s++) {
		if (g->cells[s] == 'S')
			g->start = s;
		if (g->cells[s] == 'G')
			g->goal = s;
	}
	return 0;
}

int
rl_step(const rl_grid *g, int s, int a, double *reward, int *done)
{
	static const int dr[RL_NACTIONS] = {-1, 0, 1, 0}, dc[RL_NACTIONS] = {0, 1, 0, -1};
	int r = s / g->cols + dr[a], c = s % g->cols + dc[a];
	int next = s;
	if (r >= 0 && r < g->rows && c >= 0 && c < g->cols && g->cells[r * g->cols + c] != '#')
		next = r * g->cols + c;
	*done = 0;
	*reward = -1;
	if (g->cells[next] == 'C') {
		*reward = -100;
		return g->start;
	}
	if (next == g->goal)
		*done = 1;
	return next;
}

int
rl_shortest(const rl_grid *g)
{
	int n = g->rows * g->cols;
	int *dist = xmalloc((size_t)n * sizeof *dist), *queue = xmalloc((size_t)n * sizeof *queue);
	for (int i = 0; i < n; i++)
		dist[i] = -1;
	int head = 0, tail = 0;
	dist[g->start] = 0;
	queue[tail++] = g->start;
	while (head < tail) {
		int s = queue[head++];
		for (int a = 0; a < RL_NACTIONS; a++) {
			double rew;
			int done;
			int t = rl_step(g, s, a, &rew, &done);
			if (rew < -1 || dist[t] >= 0)
				continue;  /* a cliff, or seen */
			dist[t] = dist[s] + 1;
			queue[tail++] = t;
		}
	}
	int d = dist[g->goal];
	free(dist);
	free(queue);
	return d;
}

void
rl_qlearn(rng_t *r, const rl_grid *g, const rl_q_cfg *c, rl_q_result *res)
{
	size_t n = (size_t)(g->rows * g->cols);
	res->q = xcalloc(n * RL_NACTIONS, sizeof *res->q);
	res->ep_reward = xcalloc((size_t)c->episodes, sizeof *res->ep_reward);
	res->ep_steps = xcalloc((size_t)c->episodes, sizeof *res->ep_steps);
	for (long ep = 0; ep < c->episodes; ep++) {
		int s = g->start, done = 0;
		long t = 0;
		double total = 0;
		while (!done && t < c->max_steps) {
			double *qs = res->q + (size_t)s * RL_NACTIONS;
			int a;
			if (rng_uniform(r) < c->eps)
				a = (int)rng_below(r, RL_NACTIONS);
			else
				a = rl_argmax(qs, RL_NACTIONS);
			double rew;
			int next = rl_step(g, s, a, &rew, &done);
			double *qn = res->q + (size_t)next * RL_NACTIONS;
			double target = rew + (done ? 0.0 : c->gamma * qn[rl_argmax(qn, RL_NACTIONS)]);
			qs[a] += c->alpha * (target - qs[a]);
			total += rew;
			s = next;
			t++;
		}
		res->ep_reward[ep] = total;
		res->ep_steps[ep] = t;
	}
}

void
rl_q_free(rl_q_result *res)
{
	free(res->q);
	free(res->ep_reward);
	free(res->ep_steps);
	memset(res, 0, sizeof *res);
}

int
rl_greedy_path(const rl_grid *g, const double *q, int *path, int max, double *reward)
{
	int s = g->start, done = 0, k = 0;
	double total = 0;
	path[0] = s;
	while (!done && k < max) {
		double rew;
		s = rl_step(g, s, rl_argmax(q + (size_t)s * RL_NACTIONS, RL_NACTIONS), &rew, &done);
		total += rew;
		path[++k] = s;
	}
	*reward = total;
	return done ? k : -1;
}
