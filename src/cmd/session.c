/* session.c - the session: seed, history, jobs, and the state digest. */
#include <config.h>

#include "cmd/session.h"
#include "cmd/families.h"
#include "core/alloc.h"
#include "out/out.h"
#include "util/fileio.h"
#include "util/i18n.h"

#include <limits.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

volatile sig_atomic_t nn_interrupted;
volatile sig_atomic_t nn_terminate;

void
session_init(session *s, uint64_t seed)
{
	memset(s, 0, sizeof *s);
	s->seed = seed;
	rng_init(&s->rng, seed);
	s->color = COLOR_AUTO;
	s->digits = 4;
}

void
session_free(session *s)
{
	for (size_t i = 0; families[i].name; i++)
		if (families[i].free)
			families[i].free(s);
	for (size_t i = 0; i < s->nhist; i++)
		free(s->hist[i]);
	free(s->hist);
	s->hist = NULL;
	s->nhist = s->caphist = 0;
}

void
session_reseed(session *s, uint64_t seed)
{
	s->seed = seed;
	rng_init(&s->rng, seed);
}

void
session_history_add(session *s, const char *line)
{
	if (s->nhist == s->caphist) {
		s->caphist = s->caphist ? s->caphist * 2 : 64;
		s->hist = xreallocarray(s->hist, s->caphist, sizeof *s->hist);
	}
	s->hist[s->nhist++] = xstrdup(line);
}

/* ==== jobs ============================================================== */

static void
job_end(session *s, job *j, int stopped, int failed)
{
	s->job = NULL;
	out_progress_clear();
	j->finish(s, j, stopped, failed);
}

int
session_run_job(session *s, job *j)
{
	/* In the workspace a job typed at the prompt runs in the background;
	 * one started by a script, a lesson or a demo runs to its end first,
	 * so the script's next command finds it done. */
	s->last_slice = j->slice;
	if (s->async_jobs && s->run_depth <= 1 && s->source_depth == 0 && !s->lesson_running) {
		s->job = j;
		nn_interrupted = 0;
		return 0;
	}
	s->job = j;
	nn_interrupted = 0;
	int rc;
	do {
		rc = j->slice(s, j);
		out_tick();
	} while (rc == JOB_MORE && !nn_interrupted && s->job == j);
	int stopped = rc == JOB_MORE;
	nn_interrupted = 0;
	job_end(s, j, stopped, rc == JOB_FAILED);
	return rc == JOB_FAILED ? -1 : 0;
}

int
session_poll(void)
{
	static double last;
	double now = out_clock_ms();
	if (now - last >= 20.0) {
		last = now;
		out_tick();
	}
	return nn_interrupted != 0;
}

int
session_stopped(const char *what)
{
	nn_interrupted = 0;
	out_printf(_("stopped: '%s' was interrupted before it finished, so there is nothing to show; the session is "
	             "as it was\n"), what);
	return 0;
}

int
session_job_advance(session *s)
{
	job *j = s->job;
	if (!j)
		return 0;
	if (nn_interrupted) {
		nn_interrupted = 0;
		job_end(s, j, 1, 0);
		return 0;
	}
	int rc = j->slice(s, j);
	if (rc != JOB_MORE) {
		job_end(s, j, 0, rc == JOB_FAILED);
		return 0;
	}
	return 1;
}

void
session_job_stop(session *s)
{
	if (!s->job)
		return;
	if (s->async_jobs)
		job_end(s, s->job, 1, 0);
	else
		nn_interrupted = 1;
}

/* ==== the lesson write guard ========================================== */

int
session_check_write(session *s, const char *path)
{
	if (!s->lesson_running)
		return 0;
	char *state = nn_state_dir();
	char err[NN_ERRLEN];
	if (!state || dir_make_parents(state, err) < 0) {
		free(state);
		return out_error("a lesson may only write files inside nnlab's state directory, and there is none "
		                 "(set XDG_STATE_HOME); type the command yourself to write '%s'", path);
	}
	char real_state[PATH_MAX], real_dir[PATH_MAX];
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		dir[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	int inside = realpath(state, real_state) && realpath(dir, real_dir) &&
	             strncmp(real_dir, real_state, strlen(real_state)) == 0 &&
	             (real_dir[strlen(real_state)] == '/' || real_dir[strlen(real_state)] == '\0');
	free(dir);
	if (!inside)
		out_error("this lesson wants to write '%s', outside nnlab's state directory %s; "
		          "lessons may not do that - type the command yourself if you want the file", path, state);
	free(state);
	return inside ? 0 : -1;
}

/* ==== probes ============================================================ */

int
family_probe(session *s, const char *name, double *out)
{
	for (size_t i = 0; families[i].name; i++)
		if (families[i].probe && families[i].probe(s, name, out))
			return 1;
	return 0;
}

/* ==== state digest ====================================================== */

void
session_state_dump(session *s, strbuf *out)
{
	static const char *const color_names[] = {"auto", "always", "never"};
	sb_printf(out, _("seed: %llu\n"), (unsigned long long)s->seed);
	sb_printf(out, _("random stream: %llu draws\n"), (unsigned long long)s->rng.ctr);
	sb_printf(out, _("settings: color=%s width=%d digits=%d echo=%s\n"),
	          color_names[s->color], s->width, s->digits, s->echo ? "on" : "off");
	for (size_t i = 0; families[i].name; i++)
		if (families[i].dump)
			families[i].dump(s, out);
}
