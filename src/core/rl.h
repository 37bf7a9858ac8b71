/* rl.h - learning by reward: an epsilon-greedy multi-armed bandit and
 * tabular Q-learning on a grid world.
 *
 * No labels anywhere: the agent acts, the world answers with a number,
 * and the agent improves its estimates of what its actions are worth.
 * Every random draw comes from the caller's stream in the order stated
 * below, so a seed reproduces a run exactly.  Not a general RL library:
 * one bandit testbed, one tabular method, small grids.
 */
#ifndef NN_CORE_RL_H
#define NN_CORE_RL_H

#include "core/rng.h"

/* ==== the bandit ========================================================
 * The testbed of Sutton & Barto (2018), section 2.3: each arm a has a
 * true mean q*(a) ~ N(0, 1); pulling it pays q*(a) + N(0, 1).  The agent
 * keeps sample averages Q(a); with probability eps it pulls a random arm,
 * otherwise the arm with the largest Q (the lowest index among ties).
 * Draws: first all true means, run by run and arm by arm; then for each
 * run and step: u (explore if u < eps), the arm if exploring, the reward
 * noise.  Every eps value plays the same problems. */
typedef struct rl_bandit_cfg {
	int arms;
	long steps;
	int runs;
	const double *eps;  /* [neps] */
	int neps;
} rl_bandit_cfg;

typedef struct rl_bandit_result {
	double *reward;     /* [neps][steps] mean reward at each step over the runs */
	double *optimal;    /* [neps][steps] fraction of runs that pulled the best arm */
	int *found;         /* [neps] runs whose greedy arm at the end is the best arm */
	double *q_true;     /* [runs][arms] */
	double *q_est;      /* [neps][arms] estimates of run 1 at the end */
	long *pulls;        /* [neps][arms] pulls of run 1 */
} rl_bandit_result;

void rl_bandit(rng_t *r, const rl_bandit_cfg *c, rl_bandit_result *res);
void rl_bandit_free(rl_bandit_result *res);
/* rl_argmax: the index of the largest of v[0..n-1], the lowest on ties. */
int rl_argmax(const double *v, int n);

/* ==== the grid world ====================================================
 * A map of cells: '.' free, '#' wall, 'C' cliff, 'S' start, 'G' goal.
 * Actions 0..3 move up, right, down, left.  Each move costs -1; walking
 * into a wall or off the map leaves the agent where it was; stepping on a
 * cliff costs -100 and puts it back on the start (Sutton & Barto,
 * example 6.6); reaching the goal ends the episode. */
enum { RL_UP, RL_RIGHT, RL_DOWN, RL_LEFT, RL_NACTIONS };

typedef struct rl_grid {
	int rows, cols;
	char cells[16 * 16];
	int start, goal;
} rl_grid;

extern const char *const rl_map_names[];  /* "cliff", "maze", NULL */
/* rl_grid_load: the named built-in map; -1 if unknown. */
int rl_grid_load(const char *name, rl_grid *g);
/* rl_step: one move from cell s; the next cell, *reward, *done. */
int rl_step(const rl_grid *g, int s, int a, double *reward, int *done);
/* rl_shortest: the fewest moves from start to goal avoiding walls and
 * cliffs (breadth-first search), -1 if none. */
int rl_shortest(const rl_grid *g);

/* Q-learning: Q(s,a) += alpha*(r + gamma*max_a' Q(s',a') - Q(s,a)), the
 * behaviour eps-greedy on Q (lowest action on ties), Q starting at 0.
 * Draws per move: u (explore if u < eps), then the action if exploring. */
typedef struct rl_q_cfg {
	long episodes;
	double eps, alpha, gamma;
	long max_steps;  /* per episode */
} rl_q_cfg;

typedef struct rl_q_result {
	double *q;          /* [rows*cols][4] */
	double *ep_reward;  /* [episodes] the sum of rewards of each episode */
	long *ep_steps;     /* [episodes] moves in each episode */
} rl_q_result;

void rl_qlearn(rng_t *r, const rl_grid *g, const rl_q_cfg *c, rl_q_result *res);
void rl_q_free(rl_q_result *res);
/* rl_greedy_path: follow the greedy action from the start for at most max
 * moves; path gets the cells visited (start first, max+1 room).  Returns
 * the number of moves if the goal was reached, -1 otherwise; *reward the
 * rewards summed. */
int rl_greedy_path(const rl_grid *g, const double *q, int *path, int max, double *reward);

#endif
