/* fuzz-modelfile.c - libFuzzer target: the model file loader, through the
 * `load` command.  A file that loads must leave a consistent session: it
 * saves again, and the saved file loads too. */
#include <config.h>

#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/session.h"
#include "out/out.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* in /dev/shm when there is one: every save is written atomically with
 * fsync, which on a disk costs more than the rest of a run */
static char dir[] = "/dev/shm/nnlab-fuzzmodel-XXXXXX";
static char dir_tmp[] = "/tmp/nnlab-fuzzmodel-XXXXXX";
static char path[128], path2[128];

static void
null_write(void *ctx, enum out_kind kind, const char *s, size_t n)
{
	(void)ctx;
	(void)kind;
	(void)s;
	(void)n;
}

static const out_ops null_ops = {.write = null_write};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *d = mkdtemp(dir);
	if (!d)
		d = mkdtemp(dir_tmp);
	if (!d)
		abort();
	snprintf(path, sizeof path, "%s/in.nnl", d);
	snprintf(path2, sizeof path2, "%s/out.nnl", d);
	cmd_init();
	out_set_sink(&null_ops, NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	session s;
	session_init(&s, 1);
	s.batch = 1;
	char line[300];
	snprintf(line, sizeof line, "load %s", path);
	if (cmd_run_line(&s, line) == 0) {
		snprintf(line, sizeof line, "save %s", path2);
		if (cmd_run_line(&s, line) != 0)
			abort();
		session t;
		session_init(&t, 1);
		t.batch = 1;
		snprintf(line, sizeof line, "load %s", path2);
		if (cmd_run_line(&t, line) != 0)
			abort();
		session_free(&t);
	}
	session_free(&s);
	return 0;
}
