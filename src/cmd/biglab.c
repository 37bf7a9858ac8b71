/* biglab.c - the large-model demos' session block (biglab.h): creating
 * and freeing it, and the plot sources of the last `gd` and `rl` runs,
 * which redraw the charts those commands printed.  Not the commands
 * themselves (cmd-gd.c, cmd-rl.c, cmd-quant.c).
 */
#include <config.h>

#include "cmd/biglab.h"
#include "cmd/plotsrc.h"
#include "core/alloc.h"
#include "out/out.h"
#include "util/i18n.h"

#include <stdlib.h>

biglab *
biglab_get(session *s)
{
	if (!s->big)
		s->big = xcalloc(1, sizeof *s->big);
	return s->big;
}

void
biglab_keep_chart(chart **slot, const chart *c)
{
	chart_free(*slot);
	*slot = chart_dup(c);
}

void
biglab_free(session *s)
{
	biglab *b = s->big;
	if (!b)
		return;
	free(b->backup);
	chart_free(b->gd_path);
	chart_free(b->gd_gap);
	chart_free(b->rl_reward);
	free(b);
	s->big = NULL;
}

/* ==== plot sources ======================================================= */

static int
fill_kept(const chart *c, const char *cmd, plot_pic *out)
{
	if (!c)
		return out_error("no %s run yet; run one first, e.g. '%s'", cmd,
		                 cmd[0] == 'g' ? "gd rosenbrock" : "rl grid");
	plot_pic_chart(out, c);
	return 0;
}

static int
fill_gd(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	return fill_kept(s->big ? s->big->gd_path : NULL, "gd", out);
}

static int
fill_gd_loss(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	return fill_kept(s->big ? s->big->gd_gap : NULL, "gd", out);
}

static int
fill_rl(session *s, int argc, const char *const *argv, plot_pic *out)
{
	(void)argc;
	(void)argv;
	return fill_kept(s->big ? s->big->rl_reward : NULL, "rl", out);
}

const plot_source plot_source_gd = {
	.name = "gd",
	.summary = N_("the last 'gd' run: its path over the contour map"),
	.fill = fill_gd,
};

const plot_source plot_source_gd_loss = {
	.name = "gd-loss",
	.summary = N_("the last 'gd' run: f above its lowest value, per step"),
	.fill = fill_gd_loss,
};

const plot_source plot_source_rl = {
	.name = "rl",
	.summary = N_("the last 'rl' run: reward per pull (bandit) or per episode (grid)"),
	.fill = fill_rl,
};
