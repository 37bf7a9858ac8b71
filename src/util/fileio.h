/* fileio.h - reading whole files with a size cap, writing files atomically,
 * and the directories nnlab reads from and writes to.
 *
 * Errors come back as a sentence in a caller buffer ("cannot open 'x': No
 * such file or directory"); nothing here prints.  Not a VFS or a cache.
 */
#ifndef NN_UTIL_FILEIO_H
#define NN_UTIL_FILEIO_H

#include <stddef.h>

#define NN_ERRLEN 512

/* file_read: the whole file into a NUL-terminated buffer (*out, *len).
 * Refuses files over max bytes, directories and unreadable files; 0 on
 * success, -1 with err filled in. */
int file_read(const char *path, size_t max, char **out, size_t *len, char err[NN_ERRLEN]);
/* file_write_atomic: write data to a temporary file beside path, fsync it,
 * then rename it over path, so an earlier file survives any failure (a
 * full disk, a crash, a read-only directory).  A path naming a device or
 * a pipe (/dev/null, /dev/full) is written in place, never replaced.
 * 0 or -1 with err. */
int file_write_atomic(const char *path, const char *data, size_t len, char err[NN_ERRLEN]);
/* file_exists: 1 if path names an existing regular file. */
int file_exists(const char *path);
/* dir_make_parents: mkdir -p with mode 0700 for the new directories. */
int dir_make_parents(const char *path, char err[NN_ERRLEN]);
/* nn_state_dir: $XDG_STATE_HOME/nnlab, else $HOME/.local/state/nnlab
 * (malloc'd; NULL if neither variable helps).  Not created here. */
char *nn_state_dir(void);
/* nn_data_dir: where lessons/ and glossary/ live: $NNLAB_DATADIR, else the
 * source tree when running the binary from its build tree, else the
 * installed package data directory.  Static storage. */
const char *nn_data_dir(void);
/* nn_run_from_build_tree: 1 when /proc/self/exe sits in the build tree
 * this binary was configured for (so data and catalogues are used from
 * there and from the source tree, not from the install locations). */
int nn_run_from_build_tree(void);

#endif
