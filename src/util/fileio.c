/* fileio.c - whole-file reads, atomic writes, nnlab's directories. */
#include <config.h>

#include "util/fileio.h"
#include "core/alloc.h"
#include "util/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
file_read(const char *path, size_t max, char **out, size_t *len, char err[NN_ERRLEN])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, NN_ERRLEN, _("cannot open '%s': %s"), path, nn_strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		snprintf(err, NN_ERRLEN, _("cannot read '%s': %s"), path, nn_strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, NN_ERRLEN, _("'%s' is a directory, not a file"), path);
		close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
		snprintf(err, NN_ERRLEN, _("'%s' is too large (%lld bytes; the limit is %zu)"),
		         path, (long long)st.st_size, max);
		close(fd);
		return -1;
	}
	size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 4096, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > max) {
				snprintf(err, NN_ERRLEN, _("'%s' is too large (over %zu bytes)"), path, max);
				free(buf);
				close(fd);
				return -1;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			snprintf(err, NN_ERRLEN, _("cannot read '%s': %s"), path, nn_strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			snprintf(err, NN_ERRLEN, _("'%s' is too large (over %zu bytes)"), path, max);
			free(buf);
			close(fd);
			return -1;
		}
	}
	close(fd);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* Write data to the existing non-regular file path (no temporary file). */
static int
write_in_place(const char *path, const char *data, size_t len, char err[NN_ERRLEN])
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		snprintf(err, NN_ERRLEN, _("cannot write '%s': %s"), path, nn_strerror(errno));
		return -1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			snprintf(err, NN_ERRLEN, _("cannot write '%s': %s"), path, w < 0 ? nn_strerror(errno) : _("nothing written"));
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	if (close(fd) < 0) {
		snprintf(err, NN_ERRLEN, _("cannot write '%s': %s"), path, nn_strerror(errno));
		return -1;
	}
	return 0;
}

int
file_write_atomic(const char *path, const char *data, size_t len, char err[NN_ERRLEN])
{
	/* a device or a pipe (/dev/null, /dev/full, /dev/stdout) is written
	 * in place: renaming a file over it would replace the device node
	 * (root may do that in /dev) instead of writing to it */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return write_in_place(path, data, len, err);
	size_t plen = strlen(path);
	char *tmp = xmalloc(plen + 32);
	snprintf(tmp, plen + 32, "%s.tmp.%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, NN_ERRLEN, _("cannot write '%s': %s"), path, nn_strerror(errno));
		free(tmp);
		return -1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)w;
	}
	if (fsync(fd) < 0 && errno != EINVAL)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	snprintf(err, NN_ERRLEN, _("cannot write '%s': %s; the earlier file, if any, is unchanged"),
	         path, nn_strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}

int
file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
dir_make_parents(const char *path, char err[NN_ERRLEN])
{
	char *p = xstrdup(path);
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0700) < 0 && errno != EEXIST) {
				snprintf(err, NN_ERRLEN, _("cannot create directory '%s': %s"), p, nn_strerror(errno));
				free(p);
				return -1;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return 0;
}

char *
nn_state_dir(void)
{
	const char *x = getenv("XDG_STATE_HOME");
	char buf[PATH_MAX];
	if (x && x[0] == '/') {
		snprintf(buf, sizeof buf, "%s/nnlab", x);
		return xstrdup(buf);
	}
	const char *home = getenv("HOME");
	if (home && home[0] == '/') {
		snprintf(buf, sizeof buf, "%s/.local/state/nnlab", home);
		return xstrdup(buf);
	}
	return NULL;
}

int
nn_run_from_build_tree(void)
{
	static int known = -1;
	if (known >= 0)
		return known;
	known = 0;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char real_build[PATH_MAX];
			if (realpath(NNLAB_ABS_BUILDDIR, real_build) && strcmp(real_build, exe) == 0)
				known = 1;
		}
	}
	return known;
}

const char *
nn_data_dir(void)
{
	static char dir[PATH_MAX];
	if (dir[0])
		return dir;
	const char *env = getenv("NNLAB_DATADIR");
	if (env && env[0])
		snprintf(dir, sizeof dir, "%s", env);
	else if (nn_run_from_build_tree()) /* the lessons are in the source tree */
		snprintf(dir, sizeof dir, "%s", NNLAB_ABS_SRCDIR);
	else
		snprintf(dir, sizeof dir, "%s", NNLAB_PKGDATADIR);
	return dir;
}
