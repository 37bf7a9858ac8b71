/* gnuplot.c - the gnuplot process: started on first use, fed scripts over
 * a pipe, restarted after it dies (see gnuplot.h).
 *
 * gnuplot runs in its own process group, so Ctrl-C at nnlab's terminal
 * does not reach it.  Its three standard streams are pipes; nnlab writes
 * the script and reads both outputs at once (poll), so neither side can
 * block the other.  After each script nnlab sends
 *     set print; print 'NNLAB-SYNC-<n>'
 * and waits for that line on gnuplot's standard error: then gnuplot has
 * run everything before it, and what it wrote before the marker is its
 * answer.  A write that fails (SIGPIPE is ignored while writing), an end
 * of file before the marker, or no answer in time means gnuplot is gone:
 * it is reaped, the reason reported, and the next script starts a fresh
 * one.  Not a terminal emulator for gnuplot's interactive mode.
 */
#include <config.h>

#include "plot/gnuplot.h"
#include "core/alloc.h"
#include "out/out.h"
#include "util/strbuf.h"
#include "util/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How long a script may take before gnuplot is given up on. */
#define GP_TIMEOUT_MS 20000

struct gnuplot {
	char *program;
	pid_t pid;         /* 0: not running */
	int in, out, err;  /* its stdin (we write), stdout and stderr (we read) */
	unsigned long seq;
	char *terms;       /* GPVAL_TERMINALS of this process, once asked */
};

gnuplot *
gp_new(const char *program)
{
	gnuplot *g = xcalloc(1, sizeof *g);
	g->program = xstrdup(program && program[0] ? program : "gnuplot");
	g->in = g->out = g->err = -1;
	return g;
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Describe how the child ended (waits for it); "" if it had not. */
static void
reap(gnuplot *g, int wait_for_it, char *why, size_t n)
{
	why[0] = '\0';
	if (!g->pid)
		return;
	int st;
	pid_t r;
	do
		r = waitpid(g->pid, &st, wait_for_it ? 0 : WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == g->pid) {
		if (WIFEXITED(st))
			snprintf(why, n, _("exit status %d"), WEXITSTATUS(st));
		else if (WIFSIGNALED(st))
			snprintf(why, n, _("killed by signal %d"), WTERMSIG(st));
		g->pid = 0;
	} else if (r < 0) {
		g->pid = 0;
	}
}

/* Stop the process, whatever state it is in. */
static void
gp_stop(gnuplot *g)
{
	close_fd(&g->in);
	close_fd(&g->out);
	close_fd(&g->err);
	if (g->pid) {
		char why[64];
		/* closing stdin asks it to leave; give it a moment, then insist */
		for (int i = 0; i < 50 && g->pid; i++) {
			reap(g, 0, why, sizeof why);
			if (g->pid) {
				struct timespec ts = {0, 10 * 1000000L};
				nanosleep(&ts, NULL);
			}
		}
		if (g->pid) {
			kill(g->pid, SIGKILL);
			reap(g, 1, why, sizeof why);
		}
	}
	free(g->terms);
	g->terms = NULL;
}

void
gp_free(gnuplot *g)
{
	if (!g)
		return;
	gp_stop(g);
	free(g->program);
	free(g);
}

int
gp_running(const gnuplot *g)
{
	return g && g->pid != 0;
}

long
gp_pid(const gnuplot *g)
{
	return g ? (long)g->pid : 0;
}

static const char *const missing_msg =
	N_("gnuplot is not installed (no '%s' on the PATH); install it with 'apt-get install gnuplot-nox' "
	   "(files and text), or gnuplot-qt for windows too; nnlab's own charts work without it");

static int
gp_start(gnuplot *g, char *err, size_t errlen)
{
	int pin[2], pout[2], perr[2], pexec[2];
	if (pipe2(pin, O_CLOEXEC) < 0)
		goto fail0;
	if (pipe2(pout, O_CLOEXEC) < 0)
		goto fail1;
	if (pipe2(perr, O_CLOEXEC) < 0)
		goto fail2;
	if (pipe2(pexec, O_CLOEXEC) < 0)
		goto fail3;
	pid_t pid = fork();
	if (pid < 0)
		goto fail4;
	if (pid == 0) {
		/* the child: its own process group (Ctrl-C is for nnlab), the
		 * default SIGPIPE (nnlab ignores it), pipes as stdio */
		setpgid(0, 0);
		signal(SIGPIPE, SIG_DFL);
		dup2(pin[0], 0);
		dup2(pout[1], 1);
		dup2(perr[1], 2);
		char *argv[] = {g->program, NULL};
		execvp(g->program, argv);
		int e = errno;
		ssize_t w = write(pexec[1], &e, sizeof e);
		(void)w;
		_exit(127);
	}
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	close(pexec[1]);
	int e = 0;
	ssize_t r;
	do
		r = read(pexec[0], &e, sizeof e);
	while (r < 0 && errno == EINTR);
	close(pexec[0]);
	g->pid = pid;
	g->in = pin[1];
	g->out = pout[0];
	g->err = perr[0];
	if (r == (ssize_t)sizeof e) {
		gp_stop(g);
		if (e == ENOENT)
			snprintf(err, errlen, _(missing_msg), g->program);
		else
			snprintf(err, errlen, _("cannot run '%s': %s; is gnuplot installed properly?"), g->program, nn_strerror(e));
		return -1;
	}
	fcntl(g->in, F_SETFL, fcntl(g->in, F_GETFL) | O_NONBLOCK);
	fcntl(g->out, F_SETFL, fcntl(g->out, F_GETFL) | O_NONBLOCK);
	fcntl(g->err, F_SETFL, fcntl(g->err, F_GETFL) | O_NONBLOCK);
	return 0;

fail4:
	close(pexec[0]);
	close(pexec[1]);
fail3:
	close(perr[0]);
	close(perr[1]);
fail2:
	close(pout[0]);
	close(pout[1]);
fail1:
	close(pin[0]);
	close(pin[1]);
fail0:
	snprintf(err, errlen, _("cannot start gnuplot: %s"), nn_strerror(errno));
	return -1;
}

/* Read what is there from fd into b; 0 at end of file, 1 otherwise. */
static int
drain(int fd, strbuf *b)
{
	char buf[4096];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r > 0) {
			sb_add(b, buf, (size_t)r);
			continue;
		}
		if (r == 0)
			return 0;
		if (errno == EINTR)
			continue;
		return 1;  /* EAGAIN: nothing more now */
	}
}

/* gnuplot has died (or must be stopped): report why and clean up. */
static int
gp_lost(gnuplot *g, const char *what, char *err, size_t errlen)
{
	char why[64];
	close_fd(&g->in);
	reap(g, 0, why, sizeof why);
	if (g->pid) {
		/* still there but not answering */
		kill(g->pid, SIGKILL);
		reap(g, 1, why, sizeof why);
	}
	gp_stop(g);
	snprintf(err, errlen, _("gnuplot %s%s%s%s; it will be started again for the next plot"), _(what),
	         why[0] ? " (" : "", why, why[0] ? ")" : "");
	return -1;
}

int
gp_run(gnuplot *g, const char *script, strbuf *out, strbuf *msgs, char *err, size_t errlen)
{
	if (!g->pid && gp_start(g, err, errlen) < 0)
		return -1;
	char marker[64];
	snprintf(marker, sizeof marker, "NNLAB-SYNC-%lu", ++g->seq);
	strbuf send;
	sb_init(&send);
	sb_puts(&send, script);
	if (send.len && send.s[send.len - 1] != '\n')
		sb_putc(&send, '\n');
	sb_printf(&send, "set print\nprint '%s'\n", marker);

	/* a write to a dead gnuplot must not kill nnlab */
	struct sigaction ign, old;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);

	strbuf errs;
	sb_init(&errs);
	size_t sent = 0;
	long deadline = (long)out_clock_ms() + GP_TIMEOUT_MS;
	int rc = 0, out_open = 1;
	const char *what = NULL;
	for (;;) {
		char *m = strstr(errs.s, marker);
		if (m && strchr(m, '\n'))
			break;
		long left = deadline - (long)out_clock_ms();
		if (left <= 0) {
			what = N_("did not answer within 20 seconds and was stopped");
			break;
		}
		struct pollfd p[3];
		int np = 0;
		p[np++] = (struct pollfd){.fd = g->err, .events = POLLIN};
		if (out_open)
			p[np++] = (struct pollfd){.fd = g->out, .events = POLLIN};
		if (sent < send.len)
			p[np++] = (struct pollfd){.fd = g->in, .events = POLLOUT};
		int r = poll(p, (nfds_t)np, (int)(left > 200 ? 200 : left));
		if (r < 0 && errno != EINTR) {
			what = N_("could not be waited for");
			break;
		}
		if (r <= 0)
			continue;
		if (out_open && drain(g->out, out) == 0)
			out_open = 0;
		if (drain(g->err, &errs) == 0) {
			m = strstr(errs.s, marker);
			if (!(m && strchr(m, '\n')))
				what = N_("stopped unexpectedly");
			break;
		}
		if (sent < send.len) {
			ssize_t w = write(g->in, send.s + sent, send.len - sent);
			if (w > 0)
				sent += (size_t)w;
			else if (w < 0 && errno != EAGAIN && errno != EINTR) {
				drain(g->err, &errs);
				what = N_("stopped unexpectedly (it closed its input)");
				break;
			}
		}
	}
	if (!what && out_open)
		drain(g->out, out);
	sigaction(SIGPIPE, &old, NULL);
	char *m = strstr(errs.s, marker);
	size_t keep = m ? (size_t)(m - errs.s) : errs.len;
	sb_add(msgs, errs.s, keep);
	if (what)
		rc = gp_lost(g, what, err, errlen);
	sb_free(&errs);
	sb_free(&send);
	return rc;
}

int
gp_has_terminal(gnuplot *g, const char *name, char *err, size_t errlen)
{
	if (!g->pid || !g->terms) {
		strbuf out, msgs;
		sb_init(&out);
		sb_init(&msgs);
		int rc = gp_run(g, "print GPVAL_TERMINALS", &out, &msgs, err, errlen);
		sb_free(&out);
		if (rc < 0) {
			sb_free(&msgs);
			return -1;
		}
		free(g->terms);
		g->terms = sb_steal(&msgs);
	}
	size_t n = strlen(name);
	for (const char *p = g->terms; (p = strstr(p, name)) != NULL; p += n) {
		int start = p == g->terms || p[-1] == ' ' || p[-1] == '\n';
		int stop = p[n] == '\0' || p[n] == ' ' || p[n] == '\n';
		if (start && stop)
			return 1;
	}
	return 0;
}

/* ==== a font for Chinese titles ========================================= */

/* Families in the order they are preferred when several are installed,
 * and where their Debian packages put them (for a system without
 * fontconfig's fc-list). */
static const struct {
	const char *family, *package, *file;
} cjk_fonts[] = {
	{"Noto Sans CJK SC", "fonts-noto-cjk", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"},
	{"WenQuanYi Zen Hei", "fonts-wqy-zenhei", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"},
	{"WenQuanYi Micro Hei", "fonts-wqy-microhei", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"},
	{"AR PL UMing CN", "fonts-arphic-uming", "/usr/share/fonts/truetype/arphic/uming.ttc"},
	{"AR PL UKai CN", "fonts-arphic-ukai", "/usr/share/fonts/truetype/arphic/ukai.ttc"},
};
#define NCJK (sizeof cjk_fonts / sizeof cjk_fonts[0])

/* The families fontconfig says cover Chinese: the best known one, else
 * the first listed; "" when fc-list is missing or lists none. */
static void
cjk_from_fontconfig(char *out, size_t n)
{
	out[0] = '\0';
	FILE *f = popen("fc-list :lang=zh family 2>/dev/null", "r");
	if (!f)
		return;
	char line[512];
	size_t best = NCJK + 1;
	while (fgets(line, sizeof line, f)) {
		/* "Family,Other Name\n": the first name is the one to use */
		line[strcspn(line, ",\n")] = '\0';
		if (!line[0] || strchr(line, '\''))
			continue;
		size_t rank = NCJK;
		for (size_t i = 0; i < NCJK; i++)
			if (strcmp(line, cjk_fonts[i].family) == 0)
				rank = i;
		size_t len = strlen(line);
		if (rank < best && len < n) {
			best = rank;
			memcpy(out, line, len + 1);
		}
	}
	pclose(f);
}

const char *
gp_cjk_font(void)
{
	static int looked;
	static char family[256];
	const char *env = getenv("NNLAB_CJK_FONT");
	if (env && env[0]) {
		/* "none" pretends no font is installed (for tests) */
		if (strcmp(env, "none") == 0 || strchr(env, '\'') || strlen(env) >= sizeof family)
			return NULL;
		return env;
	}
	if (!looked) {
		looked = 1;
		cjk_from_fontconfig(family, sizeof family);
		for (size_t i = 0; i < NCJK && !family[0]; i++)
			if (access(cjk_fonts[i].file, R_OK) == 0)
				snprintf(family, sizeof family, "%s", cjk_fonts[i].family);
	}
	return family[0] ? family : NULL;
}

int
gp_titles_zh(const gp_target *t)
{
	static int noted;
	if (i18n_lang() != LANG_ZH)
		return 0;
	if (t->kind != GP_PNG && t->kind != GP_SVG && t->kind != GP_PDF)
		return 1;
	if (gp_cjk_font())
		return 1;
	if (!noted) {
		noted = 1;
		out_note("no font with Chinese characters was found, so titles in image files stay in English; "
		         "install one with 'apt-get install fonts-noto-cjk'");
	}
	return 0;
}
