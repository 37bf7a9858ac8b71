/* session.h - the state that commands act on.
 *
 * One session per nnlab process: the seed and the random stream, settings,
 * the command history, the running job, and one state block per command
 * family (data and model, sequences, ...), each owned by its cmd-*.c file.
 * Commands change the session only after every check has passed, so a bad
 * command leaves it exactly as it was.
 */
#ifndef NN_CMD_SESSION_H
#define NN_CMD_SESSION_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "core/rng.h"
#include "util/strbuf.h"

struct session;

/* A job is long work (training, sampling, a sweep) done in slices so the
 * workspace stays live.  slice() does a bounded amount of work (about
 * 10 ms) and returns JOB_MORE, JOB_DONE or JOB_FAILED; finish() prints the
 * summary and frees state; it is called exactly once, with stopped set when
 * the learner interrupted the job (Ctrl-C or `stop`). */
enum { JOB_MORE = 0, JOB_DONE = 1, JOB_FAILED = -1 };
typedef struct job {
	const char *name;  /* "training", "sampling": for messages */
	int (*slice)(struct session *s, struct job *j);
	void (*finish)(struct session *s, struct job *j, int stopped, int failed);
	void *state;
} job;

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

typedef struct session {
	/* randomness: one stream serves everything random */
	uint64_t seed;
	rng_t rng;

	/* how we run */
	int batch;         /* no terminal interaction (script, -c, stdin) */
	int interactive;   /* a person at a terminal */
	int tui;           /* the full-screen workspace is active */
	int keep_going;    /* scripts continue after an error */
	int echo;          /* echo each command before its output */
	int quit;          /* set by quit/exit */
	int exit_code;
	int source_depth;  /* nesting of `source` */
	int run_depth;     /* nesting of cmd_run_line (demo, lessons run lines) */

	/* settings */
	enum color_mode color;
	int width;         /* 0: follow the terminal */
	int digits;        /* significant digits in matrices and tables */

	/* history of commands run this session (newest last) */
	char **hist;
	size_t nhist, caphist;

	/* the running job, if any (workspace mode runs jobs asynchronously) */
	job *job;
	/* the slice function of the running job or of the last one: which
	 * kind of work it is (the workspace's chart follows what it feeds) */
	int (*last_slice)(struct session *s, struct job *j);
	int async_jobs;

	/* lessons (cmd-lesson.c) */
	struct lessonrun *lesson;   /* the lesson in progress, or NULL */
	int no_skip;                /* --no-skip: `skip` is refused */
	int lesson_running;         /* the lesson's own commands are running */
	/* called after each command the learner runs (lessons watch for
	 * the command a step asks for); NULL if none */
	void (*after_cmd)(struct session *s, const char *src, int rc);

	/* per-family state, owned by the family's file (NULL until used) */
	struct netlab *net;      /* data and model: cmd-data.c, cmd-net.c */
	struct seqlab *seq;      /* sequences: cmd-attn.c, cmd-rnn.c, ... */
	struct biglab *big;      /* large-model demos */
	struct content *content; /* glossary and lessons */
	struct plotter *plot;    /* gnuplot */
} session;

/* The interrupt flag: set by the SIGINT handler, polled by long work. */
extern volatile sig_atomic_t nn_interrupted;
/* Set by SIGTERM and SIGHUP (with nn_interrupted, which stops the job):
 * no further command runs, and nnlab leaves cleanly. */
extern volatile sig_atomic_t nn_terminate;

void session_init(session *s, uint64_t seed);
void session_free(session *s);
/* session_reseed: the stream becomes (seed, 0). */
void session_reseed(session *s, uint64_t seed);
void session_history_add(session *s, const char *line);

/* session_run_job: start j.  In line and batch modes it runs to the end
 * (or to Ctrl-C) before returning; in the workspace it is stored in s->job
 * and advanced by the main loop.  Returns 0, or -1 if the job failed. */
int session_run_job(session *s, job *j);
/* session_poll: for a demo that computes to its end rather than as a job:
 * call it often (every step); at most every ~20 ms it lets the front end
 * draw and read a Ctrl-C (out_tick), and it returns 1 once the learner
 * has asked to stop.  The demo then abandons its work with
 * session_stopped(). */
int session_poll(void);
/* session_stopped: "stopped: WHAT was interrupted ..." and the request
 * cleared; returns 0 (the command did not fail). */
int session_stopped(const char *what);
/* session_job_advance: one slice of the running job (workspace loop);
 * returns 1 while it goes on. */
int session_job_advance(session *s);
/* session_job_stop: end the running job at its next boundary. */
void session_job_stop(session *s);

/* session_check_write: 0 if the file at path may be written now, else -1
 * after an error.  Always allowed, except while a lesson runs its own
 * commands: lessons are shared files, so they may write only inside
 * nnlab's state directory; the learner writes elsewhere by typing the
 * command. */
int session_check_write(session *s, const char *path);

/* session_state_dump: a stable text summary of the whole session state
 * (seed, stream position, settings, data, model ...) used by `show state`
 * and by tests that check a bad command changed nothing. */
void session_state_dump(session *s, strbuf *out);

#endif
