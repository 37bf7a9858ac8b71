/* pane-status.c - the status line: the data, the model and its training
 * (step, loss, learning rate), the running job, and transient progress.
 *
 * status_fields() is the one place the workspace reads the session's
 * state for display: the data from the network lab (cmd/netlab.h) and
 * everything else through the families' probes (cmd/families.h), the
 * same named numbers lessons check, so a family that adds a probe shows
 * up here without the workspace knowing its structures.  Not a place
 * that changes anything.
 */
#include <config.h>

#include "tui/pane.h"
#include "tui/colors.h"
#include "cmd/families.h"
#include "cmd/netlab.h"
#include "core/alloc.h"
#include "core/model.h"
#include "util/utf8.h"
#include "util/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The numbers the status line shows, by probe name, the most wanted
 * first (a narrow terminal cuts the end); absent ones are left out.
 * integer: 1 a count, 2 a fraction shown as a percentage. */
static const struct {
	const char *label;
	const char *probe;
	int integer;
} status_probes[] = {
	{N_("step"), "train.steps", 1},
	{N_("loss"), "epoch.loss", 0},
	{N_("acc"), "epoch.acc", 2},
	{N_("lr"), "train.lr", 0},
	{N_("epoch"), "train.epochs", 1},
	{N_("params"), "net.params", 1},
};
/* The loss and accuracy are the last epoch's means from the history
 * (epoch.loss, epoch.acc), not train.loss and train.acc, which evaluate
 * the whole training set: too slow to read every frame of training. */

void
status_fields(session *s, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	netlab *nl = s->net;
	if (nl && nl->data) {
		const dataset *ds = nl->data;
		len += (size_t)snprintf(buf + len, n - len, _("data %s %d"), ds->name, ds->n);
	} else {
		len += (size_t)snprintf(buf + len, n - len, "%s", _("no data"));
	}
	if (nl && nl->model && len < n) {
		char desc[160];
		model_describe(nl->model, desc, sizeof desc);
		len += (size_t)snprintf(buf + len, n - len, " | %s", desc);
	}
	for (size_t i = 0; i < sizeof status_probes / sizeof status_probes[0] && len < n; i++) {
		double v;
		if (!family_probe(s, status_probes[i].probe, &v) || isnan(v))
			continue;
		if (status_probes[i].integer == 2)
			len += (size_t)snprintf(buf + len, n - len, " | %s %.1f%%", _(status_probes[i].label), 100 * v);
		else if (status_probes[i].integer)
			len += (size_t)snprintf(buf + len, n - len, " | %s %.0f", _(status_probes[i].label), v);
		else
			len += (size_t)snprintf(buf + len, n - len, " | %s %.4g", _(status_probes[i].label), v);
	}
}

typedef struct status_pane {
	pane base;
	char *progress;
} status_pane;

static void
status_draw(pane *p, session *s)
{
	status_pane *sp = (status_pane *)p;
	if (!p->win)
		return;
	wbkgdset(p->win, color_attr(ROLE_STATUS) | ' ');
	werase(p->win);
	char left[512], right[160];
	status_fields(s, left, sizeof left);
	/* the job's own progress after the fields (it is all a job without
	 * a network, such as the RNN's, has to say) */
	if (sp->progress) {
		size_t l = strlen(left);
		snprintf(left + l, sizeof left - l, " | %s", sp->progress);
	}
	/* the job's name too when the fields leave room for it */
	char busy[100];
	snprintf(busy, sizeof busy, _(" %s - Ctrl-C stops "), s->job ? s->job->name : "");
	if (s->job && (int)utf8_width(left) + 1 + (int)utf8_width(busy) + 2 <= p->w)
		snprintf(right, sizeof right, "%s", busy);
	else if (s->job)
		snprintf(right, sizeof right, "%s", _(" Ctrl-C stops "));
	else
		snprintf(right, sizeof right, "%s", _(" F1 help "));
	int rw = (int)utf8_width(right);
	/* what does not fit before the right end goes a whole field at a
	 * time ("acc 97." would read as a number) */
	int room = p->w - 1 - rw;
	while ((int)utf8_width(left) > room) {
		char *cut = strstr(left, " | "), *last = NULL;
		for (; cut; cut = strstr(cut + 1, " | "))
			last = cut;
		if (!last)
			break;
		*last = '\0';
	}
	pane_put_text(p, 0, 1, left, ROLE_STATUS);
	if (p->w > rw)
		pane_put_text(p, 0, p->w - rw, right, s->job ? ROLE_STATUS_BUSY : ROLE_STATUS);
}

static void
status_free(pane *p)
{
	free(((status_pane *)p)->progress);
}

static const pane_class status_class = {
	.name = "status",
	.draw = status_draw,
	.free = status_free,
};

pane *
status_pane_new(void)
{
	status_pane *sp = xcalloc(1, sizeof *sp);
	sp->base.cls = &status_class;
	return &sp->base;
}

void
status_pane_progress(pane *p, const char *text)
{
	status_pane *sp = (status_pane *)p;
	free(sp->progress);
	sp->progress = text ? xstrdup(text) : NULL;
}
