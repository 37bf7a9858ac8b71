/* cmd-rl.c - the `rl` command: learning by reward.  `rl bandit` plays the
 * multi-armed bandit with epsilon-greedy agents; `rl grid` runs tabular
 * Q-learning on a small grid world and draws the learned policy as arrows.
 *
 * The learning is src/core/rl.c's; it draws from the session's random
 * stream, so a seed reproduces every number.  Not a general RL toolkit.
 */
#include <config.h>

#include "cmd/biglab.h"
#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "core/alloc.h"
#include "core/rl.h"
#include "out/chart.h"
#include "out/out.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
draws_note(session *s, uint64_t before)
{
	out_printf(_("drew %llu random numbers from the session's stream\n(seed %llu, draws %llu to %llu)\n"),
	           (unsigned long long)(s->rng.ctr - before), (unsigned long long)s->seed,
	           (unsigned long long)before + 1, (unsigned long long)s->rng.ctr);
}

/* ==== rl bandit ========================================================= */

enum { MAX_EPS = 6 };

/* parse_eps: "0,0.01,0.1" */
static int
parse_eps(const char *text, double *eps, int *n)
{
	char buf[128];
	if (strlen(text) >= sizeof buf)
		return out_error("eps='%s' is too long; give up to %d values such as eps=0,0.01,0.1", text, MAX_EPS);
	snprintf(buf, sizeof buf, "%s", text);
	*n = 0;
	char *save = NULL;
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		const char *why;
		double v;
		if (*n == MAX_EPS)
			return out_error("eps='%s' has more than %d values; compare at most %d at once", text, MAX_EPS, MAX_EPS);
		if (text_parse_double(t, &v, &why) < 0 || v < 0 || v > 1)
			return out_error("eps='%s': '%s' is not a probability from 0 to 1", text, t);
		eps[(*n)++] = v;
	}
	if (*n == 0 || text[strlen(text) - 1] == ',' || text[0] == ',' || strstr(text, ",,"))
		return out_error("eps='%s' is not a list of probabilities; write it like eps=0,0.01,0.1", text);
	return 0;
}

static int
rl_bandit_cmd(session *s, cmd_args *a)
{
	if (args_max(a, 0, "rl bandit [arms=] [eps=] [steps=] [runs=]") < 0)
		return -1;
	long arms, steps, runs;
	double eps[MAX_EPS];
	int neps = 3;
	eps[0] = 0;
	eps[1] = 0.01;
	eps[2] = 0.1;
	if (arg_long(a, "arms", 10, 2, 100, &arms) < 0 || arg_long(a, "steps", 1000, 1, 100000, &steps) < 0 ||
	    arg_long(a, "runs", 200, 1, 10000, &runs) < 0)
		return -1;
	if (arg_has(a, "eps") && parse_eps(arg_str(a, "eps", ""), eps, &neps) < 0)
		return -1;
	if ((double)steps * (double)runs * neps > 2e8)
		return out_error("steps x runs x eps values = %.0f pulls is too many; keep it under 200 million",
		                 (double)steps * (double)runs * neps);

	rl_bandit_cfg c = {.arms = (int)arms, .steps = steps, .runs = (int)runs, .eps = eps, .neps = neps};
	rl_bandit_result res;
	uint64_t before = s->rng.ctr;
	rl_bandit(&s->rng, &c, &res);
	out_printf(_("bandit: %ld arms with true means q*(a) drawn from N(0,1); a pull of arm a\n"
	             "pays q*(a) + N(0,1).  %ld problems, %ld pulls each; the agent keeps the\n"
	             "average reward of each arm and pulls a random arm with probability eps,\n"
	             "else the arm that looks best.\n"),
	           arms, runs, steps);
	draws_note(s, before);

	double best_mean = 0;
	for (long r = 0; r < runs; r++) {
		const double *qt = res.q_true + r * arms;
		best_mean += qt[rl_argmax(qt, (int)arms)] / (double)runs;
	}
	long tail = steps < 100 ? steps : 100;
	const char *h[5] = {_("mean reward"), _("best arm pulled"), _("best arm found"), _("(last 100 pulls)"),
	                    _("(at the end)")};
	out_printf("\n  %-6s %*s %*s %*s\n", "eps", utf8_pad(18, h[0]), h[0], utf8_pad(20, h[1]), h[1], utf8_pad(16, h[2]), h[2]);
	out_printf("  %-6s %*s %*s %*s\n", "", utf8_pad(18, h[3]), h[3], utf8_pad(20, h[3]), h[3], utf8_pad(16, h[4]), h[4]);
	for (int e = 0; e < neps; e++) {
		double rw = 0, op = 0;
		for (long t = steps - tail; t < steps; t++) {
			rw += res.reward[e * steps + t] / (double)tail;
			op += res.optimal[e * steps + t] / (double)tail;
		}
		out_printf(_("  %-6g %18.3f %19.1f%% %9d of %ld\n"), eps[e], rw, 100 * op, res.found[e], runs);
	}
	out_printf(_("  the best arms' mean, the most any agent can earn per pull: %.3f\n"), best_mean);

	chart_series *sr = xcalloc((size_t)neps, sizeof *sr), *so = xcalloc((size_t)neps, sizeof *so);
	char (*names)[32] = xcalloc((size_t)neps, sizeof *names);
	double *pct = xcalloc((size_t)(neps * steps), sizeof *pct);
	for (int e = 0; e < neps; e++) {
		snprintf(names[e], sizeof names[e], "eps %g", eps[e]);
		for (long t = 0; t < steps; t++)
			pct[e * steps + t] = 100 * res.optimal[e * steps + t];
		sr[e] = (chart_series){.name = names[e], .y = res.reward + e * steps, .n = (size_t)steps};
		so[e] = (chart_series){.name = names[e], .y = pct + e * steps, .n = (size_t)steps};
	}
	chart cr = {.kind = CHART_LINE, .title = _("mean reward per pull, over the problems"), .xlabel = _("pull"),
	            .ylabel = _("reward"), .series = sr, .nseries = neps};
	/* xgettext:no-c-format */
	chart co = {.kind = CHART_LINE, .title = _("% of problems in which the best arm was pulled"), .xlabel = _("pull"),
	            .ylabel = "%", .series = so, .nseries = neps};
	out_printf("\n");
	out_chart(&cr);
	biglab_keep_chart(&biglab_get(s)->rl_reward, &cr);
	out_printf("\n");
	out_chart(&co);

	int e = neps - 1;
	const double *qt = res.q_true;
	int best = rl_argmax(qt, (int)arms), greedy = rl_argmax(res.q_est + e * arms, (int)arms);
	const char *g[4] = {_("arm"), _("true mean"), _("estimate"), _("pulls")};
	out_printf(_("\nproblem 1 with eps %g:\n"), eps[e]);
	out_printf("  %*s %*s %*s %*s\n", utf8_pad(4, g[0]), g[0], utf8_pad(10, g[1]), g[1], utf8_pad(10, g[2]), g[2], utf8_pad(7, g[3]),
	           g[3]);
	for (long k = 0; k < arms; k++)
		out_printf("  %4ld %10.3f %10.3f %7ld%s\n", k, qt[k], res.q_est[e * arms + k], res.pulls[e * arms + k],
		           k == best && k == greedy ? _("  <- the best arm, and the agent's pick")
		           : k == best              ? _("  <- the best arm")
		           : k == greedy            ? _("  <- the agent's pick")
		                                    : "");
	if (best == greedy)
		out_printf(_("the agent ends up pulling the best arm, arm %d.\n"), best);
	else
		out_printf(_("the agent ends up favouring arm %d, not the best arm %d: its few pulls of\n"
		             "arm %d happened to pay little.  Exploration keeps testing it; more pulls\n"
		             "would set it right.\n"),
		           greedy, best, best);
	out_printf(_("\nNo one tells the agent which arm is best, as a label would in supervised\n"
	             "learning: it only sees the rewards of the arms it pulls.  Without exploration\n"
	             "(eps 0) it settles on the first arm that pays well enough.\n"));
	free(sr);
	free(so);
	free(names);
	free(pct);
	rl_bandit_free(&res);
	return 0;
}

/* ==== rl grid =========================================================== */

static void
print_policy(const rl_grid *g, const double *q, const int *path, int plen)
{
	static const char arrows[RL_NACTIONS] = {'^', '>', 'v', '<'};
	char *on = xcalloc((size_t)(g->rows * g->cols), 1);
	for (int k = 0; k <= plen; k++)
		on[path[k]] = 1;
	const char *h1 = _("greedy action per cell"), *h2 = _("the greedy walk from S");
	/* the two grids side by side, or one above the other when they do
	 * not fit the output (the workspace's output pane at 80x24 is 44
	 * columns wide) */
	int side = 2 + 2 * g->cols + 3 + 2 * g->cols <= out_width();
	char (*left)[64] = xcalloc((size_t)g->rows, sizeof *left);
	char (*right)[64] = xcalloc((size_t)g->rows, sizeof *right);
	for (int r = 0; r < g->rows; r++)
		for (int c = 0; c < g->cols; c++) {
			const char *sep = c + 1 < g->cols ? " " : "";
			int s = r * g->cols + c;
			char cell = g->cells[s], a = cell;
			if (cell == '.' || cell == 'S') {
				const double *qs = q + (size_t)s * RL_NACTIONS;
				int seen = qs[0] != 0 || qs[1] != 0 || qs[2] != 0 || qs[3] != 0;
				a = seen ? arrows[rl_argmax(qs, RL_NACTIONS)] : '?';
			}
			snprintf(left[r] + 2 * c, sizeof left[r] - (size_t)(2 * c), "%c%s", a, sep);
			snprintf(right[r] + 2 * c, sizeof right[r] - (size_t)(2 * c), "%c%s",
			         cell == '.' ? (on[s] ? '*' : '.') : cell, sep);
		}
	if (side) {
		out_printf("\n  %-*s   %s\n", utf8_pad(2 * g->cols, h1), h1, h2);
		for (int r = 0; r < g->rows; r++)
			out_printf("  %-*s   %s\n", 2 * g->cols, left[r], right[r]);
	} else {
		out_printf("\n  %s\n", h1);
		for (int r = 0; r < g->rows; r++)
			out_printf("  %s\n", left[r]);
		out_printf("\n  %s\n", h2);
		for (int r = 0; r < g->rows; r++)
			out_printf("  %s\n", right[r]);
	}
	free(left);
	free(right);
	out_printf(_("  (^ > v < the action Q-learning rates best, ? never tried; # wall, C cliff)\n"));
	free(on);
}

static int
rl_grid_cmd(session *s, cmd_args *a)
{
	if (args_max(a, 0, "rl grid [map=] [episodes=] [eps=] [alpha=] [gamma=]") < 0)
		return -1;
	int map;
	long episodes;
	double eps, alpha, gamma;
	if (arg_choice(a, "map", rl_map_names, 0, &map) < 0 || arg_long(a, "episodes", 200, 1, 100000, &episodes) < 0 ||
	    arg_double(a, "eps", 0.1, 0, 1, &eps) < 0 || arg_double(a, "alpha", 0.5, 1e-6, 1, &alpha) < 0 ||
	    arg_double(a, "gamma", 1, 0, 1, &gamma) < 0)
		return -1;
	rl_grid g;
	rl_grid_load(rl_map_names[map], &g);
	rl_q_cfg c = {.episodes = episodes, .eps = eps, .alpha = alpha, .gamma = gamma, .max_steps = 1000};
	rl_q_result res;
	uint64_t before = s->rng.ctr;
	rl_qlearn(&s->rng, &g, &c, &res);
	out_printf(_("grid world '%s', %d x %d: S start, G goal, # wall, C cliff (-100 and back\n"
	             "to S); every move costs -1.  Q-learning:\n"
	             "  Q(s,a) += alpha*(r + gamma*max Q(s',.) - Q(s,a))\n"
	             "%ld episodes of at most %ld moves, eps %g, alpha %g, gamma %g.\n"),
	           rl_map_names[map], g.rows, g.cols, episodes, c.max_steps, eps, alpha, gamma);
	draws_note(s, before);

	long block = episodes >= 10 ? episodes / 10 : 1;
	const char *h[3] = {_("episodes"), _("mean reward"), _("mean moves")};
	out_printf("\n  %-*s %*s %*s\n", utf8_pad(13, h[0]), h[0], utf8_pad(13, h[1]), h[1], utf8_pad(11, h[2]), h[2]);
	for (long b = 0; b < episodes; b += block) {
		long end = b + block < episodes ? b + block : episodes;
		double rw = 0, mv = 0;
		for (long e = b; e < end; e++) {
			rw += res.ep_reward[e] / (double)(end - b);
			mv += (double)res.ep_steps[e] / (double)(end - b);
		}
		char range[48];
		if (end == b + 1)
			snprintf(range, sizeof range, "%ld", end);
		else
			snprintf(range, sizeof range, "%ld-%ld", b + 1, end);
		out_printf("  %-13s %13.1f %11.1f\n", range, rw, mv);
	}
	chart_series sr = {.name = "", .y = res.ep_reward, .n = (size_t)episodes};
	chart cr = {.kind = CHART_LINE, .title = _("reward per episode"), .xlabel = _("episode"), .ylabel = _("reward"),
	            .series = &sr, .nseries = 1};
	out_printf("\n");
	out_chart(&cr);
	biglab_keep_chart(&biglab_get(s)->rl_reward, &cr);

	int *path = xmalloc(sizeof *path * 201);
	double rew;
	int k = rl_greedy_path(&g, res.q, path, 200, &rew);
	print_policy(&g, res.q, path, k < 0 ? 200 : k);
	int shortest = rl_shortest(&g);
	if (k >= 0)
		out_printf(_("\nthe greedy walk reaches G in %d moves (reward %.0f); the shortest path has %d.\n"), k, rew,
		           shortest);
	else
		out_printf(_("\nthe greedy walk does not reach G within 200 moves; the shortest path has %d.\n"
		             "More episodes, or more exploration (eps), let Q-learning find the way.\n"),
		           shortest);
	out_printf(_("\nNo example shows the agent the right move, as labels would in supervised\n"
	             "learning; only rewards, often long after the moves that earned them.  The\n"
	             "target r + gamma*max Q(s',.) carries each reward back one move per visit.\n"));
	free(path);
	rl_q_free(&res);
	return 0;
}

static const char *const bandit_keys[] = {"arms", "eps", "steps", "runs", NULL};
static const char *const grid_keys[] = {"map", "episodes", "eps", "alpha", "gamma", NULL};

static const cmd_sub rl_subs[] = {
	{.name = "bandit", .usage = "bandit [arms=] [eps=] [steps=] [runs=]",
	 .summary = N_("epsilon-greedy agents on a bandit"), .exec = rl_bandit_cmd, .keys = bandit_keys},
	{.name = "grid", .usage = "grid [map=cliff|maze] [episodes=] [eps=] [alpha=] [gamma=]",
	 .summary = N_("Q-learning on a grid world"), .exec = rl_grid_cmd, .keys = grid_keys},
	{0},
};

const cmd_entry cmd_rl_entry = {
	.name = "rl",
	.topic = "big",
	.usage = "rl bandit|grid [key=value ...]",
	.summary = N_("learn from rewards: a bandit and a grid world"),
	.help = N_("Reinforcement learning: an agent acts, the world pays a reward, and the agent improves "
	        "its estimate of what each action is worth.  No labels, unlike the supervised demos.\n"
	        "\n"
	        "'rl bandit' is the 10-armed testbed of Sutton and Barto (2018, section 2.3): arms=10 "
	        "arms, runs=200 problems of steps=1000 pulls, and agents with eps=0,0.01,0.1 (a list) "
	        "that explore with probability eps.  It charts the mean reward per pull and how often "
	        "the best arm is pulled, and shows problem 1 arm by arm.\n"
	        "\n"
	        "'rl grid' runs Q-learning on map=cliff (Sutton and Barto, example 6.6) or map=maze "
	        "for episodes=200 with eps=0.1, alpha=0.5, gamma=1; it charts the reward of every "
	        "episode, draws the learned policy as arrows and walks it from the start.\n"
	        "\n"
	        "Both draw from the session's random stream: the same seed gives the same run."),
	.examples = "rl bandit\nrl bandit eps=0.1 steps=2000\nrl grid\nrl grid map=maze episodes=50",
	.subs = rl_subs,
};
