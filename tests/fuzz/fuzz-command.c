/* fuzz-command.c - libFuzzer target: the dispatcher and every command.
 * Each input is a script of lines run in one fresh session.  Output goes
 * to a sink that discards it; long jobs are stopped after a few slices;
 * commands may write files only inside a scratch state directory (the
 * lesson write guard is on), so the fuzzer cannot litter the disk. */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/script.h"
#include "cmd/session.h"
#include "core/alloc.h"
#include "out/out.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static int ticks;

static void
null_write(void *ctx, enum out_kind kind, const char *s, size_t n)
{
	(void)ctx;
	(void)kind;
	(void)s;
	(void)n;
}

static void
bounded_tick(void *ctx)
{
	(void)ctx;
	if (++ticks > 20)
		nn_interrupted = 1;
}

static const out_ops null_ops = {.write = null_write, .tick = bounded_tick};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	static char dir[] = "/tmp/nnlab-fuzz-XXXXXX";
	if (mkdtemp(dir))
		setenv("XDG_STATE_HOME", dir, 1);
	cmd_init();
	out_set_sink(&null_ops, NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *text = xstrndup((const char *)data, size);
	session s;
	session_init(&s, 1);
	s.batch = 1;
	s.keep_going = 1;
	s.lesson_running = 1;   /* writes confined to the state directory */
	ticks = 0;
	script_run_string(&s, "fuzz", text);
	session_free(&s);
	nn_interrupted = 0;
	free(text);
	return 0;
}
