/* tui.c - the full-screen workspace: layout, the main loop, the output
 * sink, and the readline bridge.
 *
 * One loop does everything: it select()s on standard input with a
 * timeout, feeds readline one key at a time through its callback
 * interface, advances the running job (training) in slices, and redraws
 * at most about 30 times a second however fast the job steps.  Signals
 * only set flags the loop acts on: SIGWINCH re-lays out the panes,
 * SIGINT stops the job (or clears the line), SIGTERM and SIGHUP leave
 * through the same door as `quit`, which restores the terminal (endwin,
 * called exactly once) and saves the history.
 *
 * The readline bridge follows ../shared/ARCHITECTURE.md: readline's own
 * output goes to /dev/null and its terminal preparation is left to
 * curses; rl_redisplay_function draws the prompt and the line in the
 * input window with the cursor column counted in display cells (wcwidth
 * rules, so Chinese input lines up); completion lists are drawn in a
 * pane over the output, never on the raw terminal.  Keys that are
 * bindings (F1, F6, PgUp, PgDn, Ctrl-L) run their commands from
 * nn_keybindings[], so `help keys` is the whole truth about them.
 *
 * Not a window manager: panes are placed by a handful of fixed layouts.
 */
#include <config.h>

#include "tui/tui.h"
#include "tui/colors.h"
#include "tui/linemode.h"
#include "tui/pane.h"
#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/lessonrun.h"
#include "cmd/tokenize.h"
#include "cmd/workspace.h"
#include "core/alloc.h"
#include "out/chart.h"
#include "out/out.h"
#include "out/outlog.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/i18n.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>
#include <readline/history.h>
#include <readline/readline.h>

/* Frames are at least this far apart. */
#define FRAME_MS 33
/* A job runs in slices for about this long between looks at the keyboard. */
#define JOB_BUDGET_MS 16
#define VIEW_EVERY 4      /* frames per refill of the view pane in a job */
/* Rows the completion list may take. */
#define COMPL_ROWS 8

enum { P_OUTPUT, P_CHART, P_VIEW, P_N };

static struct tui {
	session *s;
	pane *pane[P_N];
	pane *status;
	WINDOW *input;
	int layout;
	int focus;
	int rows, cols;
	int too_small;
	int dirty;
	long last_draw;
	int capturing;
	size_t capture_from;
	char capture_cmd[200];
	int eof;
	int projector;
	/* the rest of a typed line waiting for a job to finish */
	char **queue;
	int nqueue, qhead;
	int job_ended;      /* a job ended since the last frame: show its end */
	int live_picked;    /* during a job: 1 the chart pane, 2 the view pane
	                     * follows a live source (picked once per job) */
	/* the completion list on show, and the line it was for */
	char **compl;
	int ncompl;
	char *compl_line;
	/* drawing cost, for NNLAB_TUI_STATS */
	long frames;
	double draw_ms, job_ms;
	/* the lesson step the view pane shows (lesson_step_text's number) */
	long lesson_key;
} T;

static volatile sig_atomic_t got_winch;

int
tui_fits(int *cols, int *rows)
{
	struct winsize ws;
	*cols = *rows = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0)
		return 0;
	*cols = ws.ws_col;
	*rows = ws.ws_row;
	return ws.ws_col >= TUI_MIN_COLS && ws.ws_row >= TUI_MIN_ROWS;
}

/* ==== layout ============================================================ */

static void
place(pane *p, int y, int x, int h, int w)
{
	if (p->win) {
		delwin(p->win);
		p->win = NULL;
	}
	p->y = y + 1;  /* below its title row */
	p->x = x;
	p->h = h - 1;
	p->w = w;
	if (p->h > 0 && p->w > 0)
		p->win = newwin(p->h, p->w, p->y, p->x);
}

static void
hide(pane *p)
{
	if (p->win)
		delwin(p->win);
	p->win = NULL;
	p->h = p->w = 0;
}

static int
visible(int i)
{
	return T.pane[i]->win != NULL;
}

static void
relayout(void)
{
	T.rows = LINES;
	T.cols = COLS;
	T.too_small = T.cols < TUI_MIN_COLS || T.rows < TUI_MIN_ROWS;
	for (int i = 0; i < P_N; i++)
		hide(T.pane[i]);
	hide(T.status);
	if (T.input)
		delwin(T.input);
	T.input = newwin(1, T.cols, T.rows - 1, 0);
	if (!T.too_small) {
		int body = T.rows - 2, C = T.cols;
		const char *name = workspace_layouts[T.layout][0];
		if (strcmp(name, "standard") == 0) {
			int lw = C * 55 / 100, rw = C - lw - 1, top = body / 2;
			place(T.pane[P_OUTPUT], 0, 0, body, lw);
			place(T.pane[P_CHART], 0, lw + 1, top, rw);
			place(T.pane[P_VIEW], top, lw + 1, body - top, rw);
		} else if (strcmp(name, "wide") == 0) {
			int top = body * 55 / 100, lw = C / 2;
			place(T.pane[P_CHART], 0, 0, top, lw);
			place(T.pane[P_VIEW], 0, lw + 1, top, C - lw - 1);
			place(T.pane[P_OUTPUT], top, 0, body - top, C);
		} else if (strcmp(name, "projector") == 0) {
			int top = body * 60 / 100;
			place(T.pane[P_CHART], 0, 0, top, C);
			place(T.pane[P_OUTPUT], top, 0, body - top, C);
		} else {
			place(T.pane[P_OUTPUT], 0, 0, body, C);
		}
		place(T.status, T.rows - 3, 0, 2, C);
	}
	if (!visible(T.focus))
		T.focus = P_OUTPUT;
	for (int i = 0; i < P_N; i++)
		T.pane[i]->focus = i == T.focus;
	clearok(curscr, TRUE);
	T.dirty = 1;
}

/* ==== drawing =========================================================== */

/* A pane's name as shown (the names typed after 'focus' and 'layout'
 * stay English; what is shown follows the language). */
static const char *
pane_title_word(const char *name)
{
	static const char *const shown[] = {N_("output"), N_("chart"), N_("view"), NULL};
	for (int i = 0; shown[i]; i++)
		if (strcmp(name, shown[i]) == 0)
			return _(shown[i]);
	return name;
}

/* " title " with the pane's name (the part before ": ") translated. */
static void
pane_title_show(strbuf *b, const char *title)
{
	const char *colon = strstr(title, ": ");
	char name[64];
	size_t n = colon ? (size_t)(colon - title) : strlen(title);
	snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), title);
	sb_printf(b, " %s%s ", pane_title_word(name), colon ? colon : "");
}

/* The title row of a pane (on stdscr, above its body). */
static void
draw_title(pane *p)
{
	int role = p->focus ? ROLE_FRAME_FOCUS : ROLE_FRAME;
	attrset(color_attr(ROLE_FRAME));
	mvhline(p->y - 1, p->x, ACS_HLINE, p->w);
	strbuf b;
	sb_init(&b);
	pane_title_show(&b, p->title);
	strbuf safe;
	sb_init(&safe);
	utf8_append_safe(&safe, b.s, b.len, 0);
	/* a title wider than the pane ends in an ellipsis, so that it reads
	 * as cut ("view: Training a network, step b" read as the whole) */
	size_t room = p->w > 2 ? (size_t)p->w - 2 : 0;
	const char *ell = out_unicode() ? "\xe2\x80\xa6" : "...";  /* … */
	size_t ew = utf8_width(ell);
	if (utf8_width(safe.s) > room && room > ew + 4) {
		safe.len = utf8_prefix_by_width(safe.s, room - ew - 1);
		safe.s[safe.len] = '\0';
		sb_puts(&safe, ell);
		sb_puts(&safe, " ");
	}
	size_t keep = utf8_prefix_by_width(safe.s, room);
	safe.s[keep] = '\0';
	attrset(color_attr(role));
	mvaddstr(p->y - 1, p->x + 1, safe.s);
	attrset(A_NORMAL);
	sb_free(&b);
	sb_free(&safe);
}

/* The prompt and the line, with the cursor where readline has it. */
static void
draw_input(void)
{
	WINDOW *w = T.input;
	if (!w)
		return;
	werase(w);
	strbuf pr, before, after;
	sb_init(&pr);
	sb_init(&before);
	sb_init(&after);
	const char *prompt = rl_display_prompt ? rl_display_prompt : "";
	utf8_append_safe(&pr, prompt, strlen(prompt), 0);
	const char *line = rl_line_buffer ? rl_line_buffer : "";
	size_t len = strlen(line), point = rl_point < 0 ? 0 : (size_t)rl_point > len ? len : (size_t)rl_point;
	utf8_append_safe(&before, line, point, 0);
	utf8_append_safe(&after, line + point, len - point, 0);
	int pw = (int)utf8_width(pr.s), cw = (int)utf8_width(before.s), width = T.cols;
	/* scroll the line sideways so the cursor stays on screen */
	const char *shown = before.s;
	int lead = 0;
	while (pw + cw - lead >= width - 1 && *shown) {
		size_t l;
		int32_t cp = utf8_decode(shown, strlen(shown), &l);
		lead += cp < 0 ? 1 : utf8_cpwidth(cp);
		shown += l;
	}
	wattrset(w, color_attr(ROLE_PROMPT));
	mvwaddstr(w, 0, 0, pr.s);
	wattrset(w, A_NORMAL);
	int x = pw;
	if (lead) {
		waddstr(w, "<");
		x++;
		/* the marker takes a cell: drop one more from the left */
		size_t l;
		int32_t cp = utf8_decode(shown, strlen(shown), &l);
		if (*shown) {
			lead += cp < 0 ? 1 : utf8_cpwidth(cp);
			shown += l;
		}
	}
	waddstr(w, shown);
	int cursor = pw + cw - lead + (lead ? 1 : 0);
	size_t fit = utf8_prefix_by_width(after.s, (size_t)(width - cursor > 1 ? width - cursor - 1 : 0));
	after.s[fit] = '\0';
	waddstr(w, after.s);
	x = cursor < width ? cursor : width - 1;
	wmove(w, 0, x);
	wnoutrefresh(w);
	sb_free(&pr);
	sb_free(&before);
	sb_free(&after);
}

static void
compl_clear(void)
{
	for (int i = 0; i < T.ncompl; i++)
		free(T.compl[i]);
	free(T.compl);
	free(T.compl_line);
	T.compl = NULL;
	T.compl_line = NULL;
	T.ncompl = 0;
}

/* The completion list, in columns, over the bottom of the output pane. */
static void
draw_completions(void)
{
	if (!T.ncompl)
		return;
	if (!T.compl_line || strcmp(T.compl_line, rl_line_buffer ? rl_line_buffer : "") != 0) {
		compl_clear();
		return;
	}
	int widest = 1;
	for (int i = 0; i < T.ncompl; i++) {
		int w = (int)utf8_width(T.compl[i]);
		if (w > widest)
			widest = w;
	}
	int colw = widest + 2, ncols = T.cols / colw > 0 ? T.cols / colw : 1;
	int rows = (T.ncompl + ncols - 1) / ncols, shown_rows = rows > COMPL_ROWS ? COMPL_ROWS : rows;
	int top = T.rows - 2 - shown_rows - 1;
	if (top < 0)
		return;
	WINDOW *w = newwin(shown_rows + 1, T.cols, top, 0);
	if (!w)
		return;
	wbkgdset(w, color_attr(ROLE_NORMAL) | ' ');
	werase(w);
	wattrset(w, color_attr(ROLE_FRAME_FOCUS));
	mvwhline(w, 0, 0, ' ', T.cols);
	char head[120];
	if (rows > shown_rows)
		snprintf(head, sizeof head, _(" %d completions (the first %d shown; type more to narrow) "), T.ncompl,
		         shown_rows * ncols);
	else
		snprintf(head, sizeof head, _(" %d completions "), T.ncompl);
	mvwaddstr(w, 0, 1, head);
	wattrset(w, A_NORMAL);
	for (int i = 0; i < shown_rows * ncols && i < T.ncompl; i++) {
		int r = i % shown_rows, c = i / shown_rows;
		strbuf b;
		sb_init(&b);
		utf8_append_safe(&b, T.compl[i], strlen(T.compl[i]), 0);
		mvwaddstr(w, 1 + r, c * colw, b.s);
		sb_free(&b);
	}
	wnoutrefresh(w);
	delwin(w);
}

static void
draw_notice(void)
{
	erase();
	char msg[200];
	snprintf(msg, sizeof msg, _("The terminal is %dx%d; the workspace needs at least %dx%d."), T.cols, T.rows,
	         TUI_MIN_COLS, TUI_MIN_ROWS);
	const char *msg2 = _("Enlarge the window, or type 'quit' and start nnlab with --plain.");
	attrset(color_attr(ROLE_NOTICE));
	int y = T.rows > 3 ? T.rows / 2 - 1 : 0;
	mvaddnstr(y, 0, msg, T.cols);
	if (y + 1 < T.rows - 1)
		mvaddnstr(y + 1, 0, msg2, T.cols);
	attrset(A_NORMAL);
	wnoutrefresh(stdscr);
}

/* A running lesson's current step stays in sight in the view pane: put
 * it there when the step (or what it waits for) changes. */
static void
lesson_view(session *s)
{
	if (!visible(P_VIEW) || T.capturing)
		return;
	strbuf title, text;
	sb_init(&title);
	sb_init(&text);
	long key = lesson_step_text(s, T.pane[P_VIEW]->w > 1 ? T.pane[P_VIEW]->w - 1 : 40, &title, &text);
	if (key != T.lesson_key) {
		T.lesson_key = key;
		if (key >= 0) {
			pic_pane_page(T.pane[P_VIEW], title.s);
			pic_pane_page_add(T.pane[P_VIEW], OUT_TEXT, text.s, text.len);
		}
	}
	sb_free(&title);
	sb_free(&text);
}

static void
draw_all(void)
{
	double t0 = out_clock_ms();
	session *s = T.s;
	if (T.too_small) {
		draw_notice();
	} else {
		lesson_view(s);
		/* when a job runs, the chart pane follows the loss and the view
		 * pane the decision regions or the network, as soon as they have
		 * something to show (the loss after the first epoch) */
		/* a job too short to last a frame still leaves its pictures */
		int active = s->job || T.job_ended;
		if (active && !(T.live_picked & 1) && visible(P_CHART) && pic_pane_pick_live(T.pane[P_CHART], s, 0))
			T.live_picked |= 1;
		if (active && !(T.live_picked & 2) && visible(P_VIEW) && pic_pane_pick_live(T.pane[P_VIEW], s, 1))
			T.live_picked |= 2;
		/* a live chart follows its source while a job runs; the view
		 * pane (decision regions, the network: a forward pass over a
		 * grid) every VIEW_EVERY-th frame, which is smooth enough and
		 * keeps drawing a small share of the training's time */
		if (active)
			for (int i = P_CHART; i < P_N; i++)
				if (visible(i) && (i != P_VIEW || T.frames % VIEW_EVERY == 0 || !s->job))
					pic_pane_live(T.pane[i], s);
		T.job_ended = 0;
		erase();
		for (int i = 0; i < P_N; i++)
			if (visible(i))
				draw_title(T.pane[i]);
		if (visible(P_CHART) && visible(P_OUTPUT) && T.pane[P_CHART]->x > 0) {
			attrset(color_attr(ROLE_FRAME));
			mvvline(0, T.pane[P_CHART]->x - 1, ACS_VLINE, T.rows - 2);
			attrset(A_NORMAL);
		}
		wnoutrefresh(stdscr);
		for (int i = 0; i < P_N; i++) {
			pane *p = T.pane[i];
			if (!p->win)
				continue;
			werase(p->win);
			p->cls->draw(p, s);
			wnoutrefresh(p->win);
		}
		if (T.status->win) {
			T.status->cls->draw(T.status, s);
			wnoutrefresh(T.status->win);
		}
		draw_completions();
	}
	draw_input();
	doupdate();
	T.dirty = 0;
	T.last_draw = (long)out_clock_ms();
	T.frames++;
	T.draw_ms += out_clock_ms() - t0;
}

/* Draw now if a frame is due (long synchronous work calls this). */
static void
draw_if_due(void)
{
	if ((long)out_clock_ms() - T.last_draw >= FRAME_MS)
		draw_all();
}

/* ==== the sink ========================================================== */

static void
sink_write(void *ctx, enum out_kind kind, const char *s, size_t n)
{
	(void)ctx;
	if (T.capturing)
		pic_pane_page_add(T.pane[P_VIEW], kind, s, n);
	T.dirty = 1;
}

static void
sink_progress(void *ctx, const char *line)
{
	(void)ctx;
	status_pane_progress(T.status, line);
	T.dirty = 1;
	draw_if_due();
}

static int
sink_width(void *ctx)
{
	(void)ctx;
	pane *p = T.pane[T.capturing ? P_VIEW : P_OUTPUT];
	int w = p->w > 0 ? p->w : T.cols;
	if (T.s->width)
		w = T.s->width;
	return w < 20 ? 20 : w;
}

static void
sink_flush(void *ctx)
{
	(void)ctx;
	draw_all();
}

static void
sink_tick(void *ctx)
{
	(void)ctx;
	draw_if_due();
}

static void
sink_clear(void *ctx)
{
	(void)ctx;
	output_pane_clear(T.pane[P_OUTPUT]);
	T.dirty = 1;
}

/* Show a picture in pane i if the layout has it; say where it went. */
static int
to_pane(int i, plot_pic *pic, const char *source, int argc, const char *const *argv)
{
	if (!visible(i) || T.capturing)
		return 0;
	const char *title = plot_pic_title(pic);
	char what[200];
	snprintf(what, sizeof what, "%s%s%s", title ? "'" : "", title ? title : _("the picture"), title ? "'" : "");
	pic_pane_set(T.pane[i], pic, source, argc, argv);
	out_note("(%s is in the %s pane)", what, pane_title_word(workspace_panes[i][0]));
	T.dirty = 1;
	return 1;
}

static int
sink_chart(void *ctx, const struct chart *c)
{
	(void)ctx;
	if (!visible(P_CHART) || T.capturing)
		return 0;
	plot_pic pic = {0};
	plot_pic_chart(&pic, c);
	return to_pane(P_CHART, &pic, NULL, 0, NULL);
}

static int
sink_heatmap(void *ctx, const struct heatmap *h)
{
	(void)ctx;
	int i = visible(P_VIEW) ? P_VIEW : P_CHART;
	if (!visible(i) || T.capturing)
		return 0;
	plot_pic pic = {0};
	plot_pic_heatmap(&pic, h);
	return to_pane(i, &pic, NULL, 0, NULL);
}

static const out_ops tui_sink = {
	.write = sink_write,
	.progress = sink_progress,
	.width = sink_width,
	.flush = sink_flush,
	.tick = sink_tick,
	.clear = sink_clear,
	.chart = sink_chart,
	.heatmap = sink_heatmap,
};

/* ==== what commands may ask (cmd/workspace.h) =========================== */

static void
ws_layout(void *ctx, int i)
{
	(void)ctx;
	int projector = strcmp(workspace_layouts[i][0], "projector") == 0;
	if (projector != T.projector) {
		T.projector = projector;
		const char *nc = getenv("NO_COLOR");
		colors_init((nc && nc[0]) || T.s->color == COLOR_NEVER, projector);
	}
	T.layout = i;
	relayout();
}

static int
ws_current_layout(void *ctx)
{
	(void)ctx;
	return T.layout;
}

static int
ws_focus(void *ctx, int i)
{
	(void)ctx;
	if (i < 0) {
		i = T.focus;
		do
			i = (i + 1) % P_N;
		while (!visible(i));
	}
	if (i >= P_N || !visible(i))
		return -1;
	T.focus = i;
	for (int k = 0; k < P_N; k++)
		T.pane[k]->focus = k == i;
	T.dirty = 1;
	return 0;
}

static void
ws_scroll(void *ctx, int how)
{
	(void)ctx;
	pane *p = T.pane[T.focus];
	if (p->cls->scroll_by && (p->cls->scroll_by(p, how) & PANE_REDRAW))
		T.dirty = 1;
}

static int
ws_show(void *ctx, plot_pic *pic, const char *source, int argc, const char *const *argv)
{
	(void)ctx;
	int i = pic->c ? P_CHART : visible(P_VIEW) ? P_VIEW : P_CHART;
	return to_pane(i, pic, source, argc, argv) ? 0 : -1;
}

static int
ws_capture(void *ctx, int on, const char *title)
{
	(void)ctx;
	if (on) {
		if (!visible(P_VIEW) || T.capturing)
			return -1;
		T.capture_from = outlog_end();
		snprintf(T.capture_cmd, sizeof T.capture_cmd, "%s", title ? title : "");
		pic_pane_page(T.pane[P_VIEW], title);
		T.capturing = 1;
	} else if (T.capturing) {
		output_pane_hide(T.pane[P_OUTPUT], T.capture_from, outlog_end());
		T.capturing = 0;
		out_note("(the output of '%s' is in the view pane)", T.capture_cmd);
	}
	T.dirty = 1;
	return 0;
}

static const workspace_ops ws_ops = {
	.layout = ws_layout,
	.current_layout = ws_current_layout,
	.focus = ws_focus,
	.scroll = ws_scroll,
	.show = ws_show,
	.capture = ws_capture,
};

/* ==== the readline bridge =============================================== */

static void
rl_redisplay_hook(void)
{
	draw_input();
	doupdate();
}

static void
rl_show_matches(char **matches, int num, int max)
{
	(void)max;
	compl_clear();
	T.compl = xcalloc((size_t)num + 1, sizeof *T.compl);
	for (int i = 0; i < num; i++)
		T.compl[i] = xstrdup(matches[i + 1]);
	T.ncompl = num;
	T.compl_line = xstrdup(rl_line_buffer ? rl_line_buffer : "");
	T.dirty = 1;
}

static void
queue_clear(void)
{
	for (int i = T.qhead; i < T.nqueue; i++)
		free(T.queue[i]);
	free(T.queue);
	T.queue = NULL;
	T.nqueue = T.qhead = 0;
}

/* After a command: a live picture follows what it changed (`step` moves
 * the network diagram and the decision regions). */
static void
live_after_command(session *s)
{
	for (int i = P_CHART; i < P_N; i++)
		if (visible(i))
			pic_pane_live(T.pane[i], s);
	T.dirty = 1;
}

/* Run the next queued command if no job is running; a failure drops the
 * rest of the line, as cmd_run_line does. */
static void
queue_run(session *s)
{
	while (!s->job && T.qhead < T.nqueue && !s->quit) {
		char *cmd = T.queue[T.qhead++];
		int rc = cmd_run_line(s, cmd);
		free(cmd);
		if (rc < 0)
			queue_clear();
		live_after_command(s);
	}
	if (T.qhead >= T.nqueue)
		queue_clear();
}

/* A typed line.  Its commands run one after another, and a job one of
 * them starts (training) runs to its end before the next begins, so
 * 'train 100 epochs; eval' means what it says while the prompt stays
 * live.  Typed during a job, a line runs at once (lr, stop, show ...). */
static void
run_typed(session *s, const char *line)
{
	tok_line tl;
	char err[600];
	if (!line[0] || s->job || tok_split(line, &tl, err, sizeof err) < 0) {
		nn_run_typed_line(s, line);
		live_after_command(s);
		return;
	}
	if (tl.n <= 1) {
		tok_line_free(&tl);
		nn_run_typed_line(s, line);
		live_after_command(s);
		return;
	}
	add_history(line);
	session_history_add(s, line);
	queue_clear();
	T.queue = xcalloc((size_t)tl.n, sizeof *T.queue);
	for (int i = 0; i < tl.n; i++)
		T.queue[T.nqueue++] = xstrdup(tl.cmd[i].src);
	tok_line_free(&tl);
	queue_run(s);
}

static void
rl_on_line(char *line)
{
	if (!line) {
		T.eof = 1;
		return;
	}
	compl_clear();
	session *s = T.s;
	if (line[0] && !s->echo)
		out_kprintf(OUT_ECHO, "nnlab> %s\n", line);
	output_pane_follow(T.pane[P_OUTPUT]);
	run_typed(s, line);
	free(line);
	T.dirty = 1;
}

static void
rl_prep_noop(int meta)
{
	(void)meta;
}

static void
rl_deprep_noop(void)
{
}

/* The sequences of the keys bindings name.  xterm and tmux send the
 * fixed ones; terminfo adds the terminal's own. */
static const struct {
	const char *key;
	const char *seq[3];
	const char *cap;
} key_seqs[] = {
	{"F1", {"\033OP", "\033[11~", NULL}, "kf1"},
	{"F6", {"\033[17~", NULL, NULL}, "kf6"},
	{"PgUp", {"\033[5~", NULL, NULL}, "kpp"},
	{"PgDn", {"\033[6~", NULL, NULL}, "knp"},
	{"Ctrl-L", {"\014", NULL, NULL}, NULL},
};

#define MAX_BOUND 24
static struct {
	char seq[16];
	int binding;
} bound[MAX_BOUND];
static int nbound;

static int
rl_key_command(int count, int key)
{
	(void)count;
	(void)key;
	int n = rl_key_sequence_length;
	for (int i = 0; i < nbound; i++)
		if ((int)strlen(bound[i].seq) == n && memcmp(bound[i].seq, rl_executing_keyseq, (size_t)n) == 0) {
			/* a key runs its command quietly: no echo, no history */
			cmd_run_line(T.s, nn_keybindings[bound[i].binding].command);
			T.dirty = 1;
			return 0;
		}
	return 0;
}

static void
bind_one(const char *seq, int binding)
{
	if (!seq || !seq[0] || strlen(seq) >= sizeof bound[0].seq || nbound >= MAX_BOUND)
		return;
	for (int i = 0; i < nbound; i++)
		if (strcmp(bound[i].seq, seq) == 0)
			return;
	snprintf(bound[nbound].seq, sizeof bound[0].seq, "%s", seq);
	bound[nbound].binding = binding;
	nbound++;
	rl_bind_keyseq_in_map(seq, rl_key_command, emacs_standard_keymap);
}

static void
bind_keys(void)
{
	nbound = 0;
	for (int b = 0; nn_keybindings[b].key; b++) {
		if (!nn_keybindings[b].command[0])
			continue;
		for (size_t k = 0; k < sizeof key_seqs / sizeof key_seqs[0]; k++) {
			if (strcmp(key_seqs[k].key, nn_keybindings[b].key) != 0)
				continue;
			for (int j = 0; j < 3; j++)
				bind_one(key_seqs[k].seq[j], b);
			if (key_seqs[k].cap) {
				char *cap = tigetstr((char *)key_seqs[k].cap);
				if (cap && cap != (char *)-1)
					bind_one(cap, b);
			}
		}
	}
}

/* ==== signals =========================================================== */

static void
on_winch(int sig)
{
	(void)sig;
	got_winch = 1;
}

static void
resize(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	/* the terminal may have reflowed or cut what was on it: repaint
	 * every cell rather than trust curses' copy of the old screen */
	clearok(curscr, TRUE);
	relayout();
	draw_all();
}

/* ==== the loop ========================================================== */

static void
write_stats(void)
{
	const char *path = getenv("NNLAB_TUI_STATS");
	if (!path || !path[0])
		return;
	FILE *f = fopen(path, "a");
	if (!f)
		return;
	double total = T.draw_ms + T.job_ms;
	fprintf(f, "frames %ld draw_ms %.1f job_ms %.1f draw_share %.2f%%\n", T.frames, T.draw_ms, T.job_ms,
	        total > 0 ? 100.0 * T.draw_ms / total : 0.0);
	fclose(f);
}

/* Run the job for about JOB_BUDGET_MS. */
static void
run_job(session *s)
{
	double t0 = out_clock_ms();
	while (s->job && out_clock_ms() - t0 < JOB_BUDGET_MS)
		if (!session_job_advance(s)) {
			T.job_ended = 1;
			break;
		}
	out_tick();
	T.job_ms += out_clock_ms() - t0;
	T.dirty = 1;
}

int
tui_run(session *s)
{
	memset(&T, 0, sizeof T);
	T.s = s;
	T.layout = workspace_layout_index("standard");

	struct sigaction sa, old_winch;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, &old_winch);

	FILE *devnull = fopen("/dev/null", "w");
	if (!initscr()) {
		fprintf(stderr, _("nnlab: cannot start the workspace on this terminal; using line mode\n"));
		if (devnull)
			fclose(devnull);
		sigaction(SIGWINCH, &old_winch, NULL);
		return linemode_run(s);
	}
	cbreak();
	noecho();
	keypad(stdscr, FALSE);
	curs_set(1);
	const char *nc = getenv("NO_COLOR");
	colors_init((nc && nc[0]) || s->color == COLOR_NEVER, 0);

	T.pane[P_OUTPUT] = output_pane_new();
	T.pane[P_CHART] = pic_pane_new("chart", N_("(charts appear here: try 'data spiral' then 'plot data')"));
	T.pane[P_VIEW] = pic_pane_new("view", N_("(heatmaps and pages appear here: F1 shows help)"));
	T.status = status_pane_new();

	/* readline: our loop, our display, curses' terminal */
	char *hist = nn_history_load();
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_readline_name = "nnlab";
	rl_instream = stdin;
	rl_outstream = devnull ? devnull : stderr;
	rl_prep_term_function = rl_prep_noop;
	rl_deprep_term_function = rl_deprep_noop;
	rl_redisplay_function = rl_redisplay_hook;
	rl_completion_display_matches_hook = rl_show_matches;
	nn_rl_setup_completion(s);

	out_set_sink(&tui_sink, &T);
	workspace_set(&ws_ops, &T);
	s->tui = 1;
	s->async_jobs = 1;
	relayout();
	rl_callback_handler_install("nnlab> ", rl_on_line);
	bind_keys();
	session_greet();
	out_note("nnlab %s - the workspace.  F1 help, 'layout' to rearrange, PgUp/PgDn scroll, Ctrl-D or "
	         "'quit' leaves.",
	         PACKAGE_VERSION);
	draw_all();

	while (!s->quit && !T.eof && !nn_terminate) {
		if (got_winch) {
			got_winch = 0;
			resize();
		}
		if (!s->job)
			T.live_picked = 0;
		if (s->job)
			run_job(s);
		queue_run(s);
		long since = (long)out_clock_ms() - T.last_draw;
		if (T.dirty && since >= FRAME_MS)
			draw_all();
		long wait = s->job ? 0 : T.dirty ? FRAME_MS - since : 1000;
		if (wait < 0)
			wait = 0;
		struct timeval tv = {wait / 1000, (wait % 1000) * 1000};
		fd_set fds;
		FD_ZERO(&fds);
		FD_SET(STDIN_FILENO, &fds);
		int r = select(STDIN_FILENO + 1, &fds, NULL, NULL, &tv);
		if (r < 0) {
			if (errno != EINTR)
				break;
			if (nn_interrupted)
				queue_clear();  /* Ctrl-C drops the rest of the line too */
			if (nn_interrupted && !s->job) {
				/* Ctrl-C at the prompt: drop the line (with a job
				 * running, session_job_advance stops the job) */
				nn_interrupted = 0;
				rl_free_line_state();
				rl_callback_sigcleanup();
				rl_replace_line("", 0);
				rl_point = rl_end = 0;
				compl_clear();
				T.dirty = 1;
			}
			continue;
		}
		/* every key waiting, so pasting is quick even during a job */
		for (int k = 0; r > 0 && k < 256 && !s->quit && !T.eof; k++) {
			rl_callback_read_char();
			struct timeval zero = {0, 0};
			FD_ZERO(&fds);
			FD_SET(STDIN_FILENO, &fds);
			r = select(STDIN_FILENO + 1, &fds, NULL, NULL, &zero);
		}
		T.dirty = 1;
	}

	/* leaving: stop the job keeping the weights, restore the terminal once */
	if (s->job)
		session_job_stop(s);
	rl_callback_handler_remove();
	out_set_sink(NULL, NULL);
	workspace_set(NULL, NULL);
	s->tui = 0;
	s->async_jobs = 0;
	compl_clear();
	queue_clear();
	for (int i = 0; i < P_N; i++)
		pane_free(T.pane[i]);
	pane_free(T.status);
	if (T.input)
		delwin(T.input);
	endwin();
	sigaction(SIGWINCH, &old_winch, NULL);
	rl_outstream = stdout;
	if (devnull)
		fclose(devnull);
	if (hist) {
		char *path = xstrdup(hist);
		if (nn_history_save(hist) != 0)
			fprintf(stderr, _("nnlab: warning: cannot save the history to %s\n"), path);
		free(path);
	}
	write_stats();
	if (nn_terminate)
		fprintf(stderr, _("nnlab: stopped by a signal; the terminal is restored and the history saved\n"));
	return s->exit_code;
}
