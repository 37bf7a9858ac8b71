/* test-rl.c - the bandit and Q-learning of src/core/rl.c: the grid's
 * rules, Q-learning's first update by hand, the draw order documented in
 * rl.h reproduced independently, and the seeded outcomes (the bandit
 * finds the best arm; the greedy policy walks the shortest path).
 * Links libnncore.a and -lm only.
 */
#include <config.h>

#include "core/rl.h"
#include "core/rng.h"
#include "../tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void
test_grid(void)
{
	rl_grid g;
	ok(rl_grid_load("cliff", &g) == 0 && g.rows == 4 && g.cols == 12 && g.start == 36 && g.goal == 47,
	   "cliff: 4 x 12, start bottom left, goal bottom right");
	ok(rl_grid_load("nowhere", &g) < 0, "an unknown map is refused");
	double rew;
	int done;
	ok(rl_step(&g, 36, RL_RIGHT, &rew, &done) == 36 && rew == -100 && !done,
	   "stepping onto the cliff costs -100 and returns to the start");
	ok(rl_step(&g, 36, RL_LEFT, &rew, &done) == 36 && rew == -1, "walking off the map: stay, -1");
	ok(rl_step(&g, 35, RL_DOWN, &rew, &done) == 47 && done && rew == -1, "reaching the goal ends the episode");
	ok(rl_shortest(&g) == 13, "cliff: shortest path 13 moves (along the edge of the cliff)");
	rl_grid_load("maze", &g);
	ok(rl_step(&g, 2, RL_RIGHT, &rew, &done) == 2 && rew == -1, "maze: a wall leaves the agent in place");
	ok(rl_shortest(&g) == 10, "maze: shortest path 10 moves (down the left, along the bottom)");
	double v[4] = {1, 3, 3, 2};
	ok(rl_argmax(v, 4) == 1, "argmax takes the lowest index on a tie");
}

static void
test_qlearning(void)
{
	rl_grid g;
	rl_grid_load("maze", &g);
	rng_t r;
	rng_init(&r, 0);
	/* one move, no exploration: all Q are 0, so the greedy action is up
	 * (index 0), off the map: Q(start, up) = 0.5*(-1 + 1*0 - 0) */
	rl_q_cfg one = {.episodes = 1, .eps = 0, .alpha = 0.5, .gamma = 1, .max_steps = 1};
	rl_q_result q;
	rl_qlearn(&r, &g, &one, &q);
	ok(q.q[g.start * 4 + RL_UP] == -0.5 && q.q[g.start * 4 + RL_RIGHT] == 0 && q.ep_reward[0] == -1 &&
	   q.ep_steps[0] == 1 && r.ctr == 1,
	   "first update by hand: Q(start, up) = -0.5, one draw (the explore test)");
	rl_q_free(&q);

	for (int m = 0; rl_map_names[m]; m++) {
		rl_grid_load(rl_map_names[m], &g);
		rng_init(&r, 0);
		rl_q_cfg c = {.episodes = 200, .eps = 0.1, .alpha = 0.5, .gamma = 1, .max_steps = 1000};
		rl_qlearn(&r, &g, &c, &q);
		int path[300];
		double rew;
		int k = rl_greedy_path(&g, q.q, path, 299, &rew);
		ok(k == rl_shortest(&g) && rew == -k && path[0] == g.start && path[k] == g.goal,
		   "%s, seed 0, 200 episodes: the greedy policy reaches the goal in %d moves, the shortest", rl_map_names[m],
		   k);
		double first = 0, last = 0;
		for (int e = 0; e < 20; e++) {
			first += q.ep_reward[e];
			last += q.ep_reward[180 + e];
		}
		ok(last > first, "%s: the last 20 episodes earn more than the first 20 (%.0f > %.0f)", rl_map_names[m], last,
		   first);
		rl_q_free(&q);
	}
	/* untrained Q (all zero): greedy goes up for ever and never arrives */
	rl_grid_load("cliff", &g);
	double zero[48 * 4] = {0};
	int path[20];
	double rew;
	ok(rl_greedy_path(&g, zero, path, 19, &rew) == -1 && rew == -19, "an untrained policy never reaches the goal");
}

/* the bandit again, written from rl.h's description of the draws */
static void
test_bandit(void)
{
	double eps[2] = {0, 0.1};
	rl_bandit_cfg c = {.arms = 10, .steps = 1000, .runs = 200, .eps = eps, .neps = 2};
	rl_bandit_result res;
	rng_t r;
	rng_init(&r, 0);
	rl_bandit(&r, &c, &res);

	rng_t s;
	rng_init(&s, 0);
	double *qt = malloc(200 * 10 * sizeof *qt);
	for (int i = 0; i < 2000; i++)
		qt[i] = rng_normal(&s);
	int same = memcmp(qt, res.q_true, 2000 * sizeof *qt) == 0;
	int found[2] = {0, 0};
	for (int e = 0; e < 2; e++)
		for (int run = 0; run < 200; run++) {
			double q[10] = {0};
			long n[10] = {0};
			for (int t = 0; t < 1000; t++) {
				double u = rng_uniform(&s);
				int a = 0;
				if (u < eps[e]) {
					a = (int)(rng_uniform(&s) * 10);
				} else {
					for (int k = 1; k < 10; k++)
						if (q[k] > q[a])
							a = k;
				}
				double rw = qt[run * 10 + a] + rng_normal(&s);
				n[a]++;
				q[a] += (rw - q[a]) / (double)n[a];
			}
			int best = 0, greedy = 0;
			for (int k = 1; k < 10; k++) {
				if (qt[run * 10 + k] > qt[run * 10 + best])
					best = k;
				if (q[k] > q[greedy])
					greedy = k;
			}
			found[e] += greedy == best;
		}
	ok(same && found[0] == res.found[0] && found[1] == res.found[1] && s.ctr == r.ctr,
	   "an independent bandit from rl.h's draw order gives the same problems, outcomes and %llu draws",
	   (unsigned long long)r.ctr);
	int best1 = rl_argmax(res.q_true, 10);
	ok(best1 == 4 && rl_argmax(res.q_est + 10, 10) == 9,
	   "seed 0, run 1, eps 0.1: after 1000 steps the greedy arm is 9, not the best arm 4 (unlucky early pulls)");
	/* one problem, longer: exploration corrects the early estimate */
	rl_bandit_result one;
	double e1 = 0.1;
	rl_bandit_cfg c1 = {.arms = 10, .steps = 3000, .runs = 1, .eps = &e1, .neps = 1};
	rng_init(&r, 0);
	rl_bandit(&r, &c1, &one);
	ok(rl_argmax(one.q_est, 10) == rl_argmax(one.q_true, 10) && one.found[0] == 1,
	   "seed 0, one problem, eps 0.1, 3000 steps: the greedy arm at the end is the best arm (%d)",
	   rl_argmax(one.q_true, 10));
	rl_bandit_free(&one);
	ok(res.found[1] >= 160 && res.found[1] > res.found[0],
	   "eps 0.1 finds the best arm in %d of 200 runs, greedy (eps 0) in only %d", res.found[1], res.found[0]);
	double o0 = 0, o1 = 0;
	for (int t = 900; t < 1000; t++) {
		o0 += res.optimal[t] / 100;
		o1 += res.optimal[1000 + t] / 100;
	}
	ok(o1 > 0.7 && o0 < 0.5, "best arm pulled over the last 100 steps: %.0f%% with eps 0.1, %.0f%% greedy", 100 * o1,
	   100 * o0);
	long pulls = 0;
	for (int k = 0; k < 10; k++)
		pulls += res.pulls[10 + k];
	ok(pulls == 1000, "run 1 pulled 1000 times in all");
	free(qt);
	rl_bandit_free(&res);
}

int
main(void)
{
	test_grid();
	test_qlearning();
	test_bandit();
	return done_testing();
}
