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
#include "cmd/plotsrc.h"
#include "core/alloc.h"
#include "core/model.h"
#include "util/utf8.h"
#include "util/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A number on the status line: its label, the probe it reads, and how it
 * is shown (F_NUM %.4g, F_COUNT a whole number, F_PCT a fraction as a
 * percentage). */
enum { F_NUM, F_COUNT, F_PCT };
typedef struct status_field {
	const char *label;
	const char *probe;
	int kind;
} status_field;

/* The network's numbers, the most wanted first (a narrow terminal drops
 * the end); absent ones are left out.  The loss and accuracy are the last
 * epoch's means from the history (epoch.loss, epoch.acc), not train.loss
 * and train.acc, which evaluate the whole training set: too slow to read
 * every frame of training. */
static const status_field net_fields[] = {
	{N_("step"), "train.steps", F_COUNT},
	{N_("loss"), "epoch.loss", F_NUM},
	{N_("acc"), "epoch.acc", F_PCT},
	{N_("lr"), "train.lr", F_NUM},
	{N_("epoch"), "train.epochs", F_COUNT},
	{N_("params"), "net.params", F_COUNT},
	{NULL, NULL, 0},
};

/* The sequence labs', shown when they have something (a number that is
 * not 0); a value of 0 means "not yet" (no training, no
 * perplexity measured) and is left out. */
static const status_field rnn_fields[] = {
	{N_("RNN hidden"), "rnn.hidden", F_COUNT},
	{N_("chars"), "rnn.vocab", F_COUNT},
	{N_("step"), "rnn.steps", F_COUNT},
	{N_("loss"), "rnn.loss", F_NUM},
	{N_("ppl"), "rnn.ppl", F_NUM},
	{NULL, NULL, 0},
};
static const status_field embed_fields[] = {
	{N_("word vectors"), "embed.words", F_COUNT},
	{N_("dim"), "embed.dim", F_COUNT},
	{N_("loss"), "embed.loss", F_NUM},
	{NULL, NULL, 0},
};
static const status_field attn_fields[] = {
	{N_("attention tokens"), "attn.tokens", F_COUNT},
	{N_("d"), "attn.d", F_COUNT},
	{N_("heads"), "attn.heads", F_COUNT},
	{N_("task step"), "attn.task_steps", F_COUNT},
	{N_("task acc"), "attn.task_acc", F_PCT},
	{NULL, NULL, 0},
};

/* Append " | label value" (no " | " at the very start) for each field
 * whose probe has a value; skip_zero leaves out zeros.  Returns the new
 * length. */
static size_t
put_fields(session *s, const status_field *f, int skip_zero, char *buf, size_t len, size_t n)
{
	for (; f->label && len < n; f++) {
		double v;
		if (!family_probe(s, f->probe, &v) || isnan(v) || (skip_zero && v == 0))
			continue;
		const char *sep = len ? " | " : "";
		if (f->kind == F_PCT)
			len += (size_t)snprintf(buf + len, n - len, "%s%s %.1f%%", sep, _(f->label), 100 * v);
		else if (f->kind == F_COUNT)
			len += (size_t)snprintf(buf + len, n - len, "%s%s %.0f", sep, _(f->label), v);
		else
			len += (size_t)snprintf(buf + len, n - len, "%s%s %.4g", sep, _(f->label), v);
	}
	return len < n ? len : n - 1;
}

/* Whether a lab has something to show: any of its numbers is not 0. */
static int
lab_present(session *s, const status_field *f)
{
	for (; f->label; f++) {
		double v;
		if (family_probe(s, f->probe, &v) && !isnan(v) && v != 0)
			return 1;
	}
	return 0;
}

/* The network's part: its data, the network and its numbers; "no data"
 * when it has a network but no data.  Nothing when it has neither. */
static size_t
put_net(session *s, char *buf, size_t len, size_t n)
{
	netlab *nl = s->net;
	if (!nl || (!nl->data && !nl->model) || len >= n)
		return len;
	char what[200];
	if (nl->data)
		snprintf(what, sizeof what, _("data %s %d"), nl->data->name, nl->data->n);
	else
		snprintf(what, sizeof what, "%s", _("no data"));
	len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? " | " : "", what);
	if (nl->model && len < n) {
		char desc[160];
		model_describe(nl->model, desc, sizeof desc);
		len += (size_t)snprintf(buf + len, n - len, " | %s", desc);
	}
	return put_fields(s, net_fields, 0, buf, len < n ? len : n - 1, n);
}

void
status_fields(session *s, char *buf, size_t n)
{
	/* the sequence labs in use, the one whose training ran last first;
	 * they come after the network's part, or before it when the last job
	 * was theirs (an RNN training after a network: a narrow terminal
	 * keeps the fields of what is running) */
	static const struct {
		const status_field *fields;
		const plot_source *src;
	} labs[] = {
		{rnn_fields, &plot_source_rnn_loss},
		{embed_fields, &plot_source_embed_loss},
		{attn_fields, &plot_source_attn_task},
	};
	size_t nlabs = sizeof labs / sizeof labs[0], len = 0;
	int seq_first = 0;
	for (size_t i = 0; i < nlabs; i++)
		seq_first |= plot_source_fed(labs[i].src, s);
	buf[0] = '\0';
	if (!seq_first)
		len = put_net(s, buf, len, n);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nlabs; i++)
			if (plot_source_fed(labs[i].src, s) == !pass && lab_present(s, labs[i].fields))
				len = put_fields(s, labs[i].fields, 1, buf, len, n);
	if (seq_first)
		len = put_net(s, buf, len, n);
	if (len == 0)
		snprintf(buf, n, "%s", _("no data"));
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
