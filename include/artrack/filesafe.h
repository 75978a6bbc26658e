/* filesafe.h - saving a tracker without ever losing the file (spec section 6).
 *
 * Two halves:
 *
 * - The identity of a file as it was read (device, inode, size, mtime and a
 *   hash of its bytes).  Before writing, the file on disk is compared with
 *   it, and a file someone else changed is never overwritten: the caller is
 *   told (AR_ECHANGED) and offers reload or save-as.
 *
 * - ar_file_write_atomic(): the new bytes go to a temporary file in the same
 *   folder, every write checked, flushed, given the old file's permissions,
 *   and only then renamed over the original; the previous version is kept as
 *   FILE~ and the folder is flushed.  On any failure before the rename the
 *   temporary file is removed and the original is untouched, so a crash or a
 *   kill at any moment leaves either the old or the new file whole, and the
 *   temporaries a killed save left are removed by the next one.
 *
 * Typical use by the terminal UI:
 *
 *     struct ar_load_info info;
 *     struct ar_file_identity id;
 *     ar_load_file(path, &tracker, &diags, &info);
 *     ar_file_identity_record(path, &info, &id, &err);
 *     ...edits...
 *     switch (ar_save_tracker_file(tracker, path, &id, &err)) {
 *     case AR_OK:       ar_edits_mark_saved(); show "saved"
 *     case AR_ECHANGED: show err.message; offer reload or save-as
 *     default:          show err.message (the file on disk is unchanged)
 *     }
 *
 * Save-as: lock the new path first (lock.h), clear the identity
 * (ar_file_identity_clear: no check - the user chose to write there, after
 * confirming an overwrite) and call ar_save_tracker_file() with the new
 * path; the identity then describes the new file.
 *
 * Ownership: identities and options are plain caller-owned values; the
 * functions keep no state except the system-call table of
 * ar_filesafe_set_ops(), which is for tests.  Nothing here prints or exits.
 */
#ifndef ARTRACK_FILESAFE_H
#define ARTRACK_FILESAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "artrack/alloc.h"
#include "artrack/error.h"
#include "artrack/tracker.h"
#include "artrack/yamlio.h"
#include "artrack/layout.h"

/* What is known about the file a tracker came from. */
enum ar_identity_state {
	AR_IDENTITY_NONE = 0,   /* nothing: the next write does not check (save-as) */
	AR_IDENTITY_ABSENT,     /* the file did not exist: it must still not exist */
	AR_IDENTITY_KNOWN,      /* the fields below describe it */
};

/* The file as it was read.  hash is ar_hash64(AR_HASH_INIT, ...) of all its
 * bytes taken as one piece (the loader's struct ar_load_info). */
struct ar_file_identity {
	enum ar_identity_state state;
	uint64_t dev;
	uint64_t ino;
	uint64_t size;
	int64_t mtime_ns;
	uint64_t hash;
	/* The stat fields cannot prove "unchanged" (the file was modified within
	 * the filesystem's timestamp granularity of being read, or changed
	 * between the loader's read and the stat): every check re-hashes. */
	bool stat_untrusted;
	/* FILE~ already holds the file as it was before this session's first
	 * save (or there was no file): later saves leave FILE~ alone.  Set by
	 * ar_save_tracker_file; ar_file_identity_record clears it. */
	bool backup_kept;
};

/* Forget everything (state NONE): the next write does not check. */
void ar_file_identity_clear(struct ar_file_identity *id);

/* Record the identity of path just after it was loaded; info is what the
 * loader saw (ar_load_file's info), or NULL to hash the file here.  A path
 * that does not exist (and was not loaded: info NULL) records
 * AR_IDENTITY_ABSENT.  AR_EIO if it cannot be examined. */
enum ar_rc ar_file_identity_record(const char *path, const struct ar_load_info *info,
                                   struct ar_file_identity *id, struct ar_error *err);

/* Whether path is still the file described by id.  AR_OK: it is (or id is
 * NULL or NONE).  AR_ECHANGED: it changed, vanished or appeared since it was
 * read; err says which, in a sentence for the status line.  A different
 * mtime or inode alone is not a change: the bytes are hashed again to be
 * sure (a `touch` or an identical copy is not an outside change).
 * AR_EIO: it could not be read to compare. */
enum ar_rc ar_file_identity_check(const char *path, const struct ar_file_identity *id,
                                  struct ar_error *err);

/* Options for ar_file_write_atomic (NULL means the defaults: keep FILE~,
 * no identity check). */
struct ar_write_options {
	bool no_backup;                          /* do not keep the previous version as FILE~ */
	const struct ar_file_identity *expect;   /* in, optional: checked again just before the
	                                            rename, so the window for an outside change
	                                            is as small as it can be */
	struct ar_file_identity *identity;       /* out, optional: the file written */
	unsigned new_mode;                       /* a new file's mode before the umask (0: 0666) */
};

/* Replace the file at path with bytes[0..len) atomically, as described at
 * the top.  A symlinked path is resolved first (the link stays a link and
 * its target is replaced).  An existing file keeps its mode, owner and
 * group, and is not replaced when ar_file_may_replace() says no; a new file
 * gets 0666 & ~umask.  Only regular files are replaced.  FILE~ is replaced
 * only once the new version is in place: a save that fails leaves it as it
 * was.
 * AR_OK: the new file is in place.
 * AR_ECHANGED: options->expect no longer matches; nothing written.
 * AR_EIO: err names the file and the system's reason.  The file on disk is
 * exactly what it was, except in one case said in the message: the new
 * version is in place but flushing the folder failed (options->identity is
 * then filled, since the new file is there).  If FILE~ cannot be made the
 * save is refused rather than done without a backup; the caller may retry
 * with no_backup. */
enum ar_rc ar_file_write_atomic(const char *path, const void *bytes, size_t len,
                                const struct ar_write_options *options, struct ar_error *err);

/* The same for the bytes of pieces[0..count) one after the other (a save
 * that writes the unedited parts of a file from the bytes read). */
enum ar_rc ar_file_write_atomic_pieces(const char *path, const struct ar_bytes_piece *pieces, size_t count,
                                       const struct ar_write_options *options, struct ar_error *err);

/* Whether this user may replace the file at path: they have write
 * permission (for root: someone has; a 0444 file is not replaced unasked)
 * and a replacement keeps its owner and group (the file is theirs and in one
 * of their groups, or they are root).  AR_OK: yes, or there is no file (its
 * folder decides).  AR_EIO: no; err holds the sentence naming the file as
 * name (NULL: path), for the caller to
 * finish ("t.yaml is read-only (mode 0444: no write permission for you)",
 * "t.yaml belongs to jsmith: saving it would make it yours").  The terminal
 * UI opens such a file read-only; ar_file_write_atomic() refuses it. */
enum ar_rc ar_file_may_replace(const char *path, const char *name, struct ar_error *err);

/* Check the identity (AR_ECHANGED: nothing written), render the tracker's
 * YAML (ar_save_buffer: the bytes read where nothing changed), write it
 * with ar_file_write_atomic() keeping FILE~, and on success set *identity
 * to the new file.  identity may be NULL: no check, nothing recorded.
 * Errors as those functions. */
enum ar_rc ar_save_tracker_file(const struct ar_tracker *tracker, const char *path,
                                struct ar_file_identity *identity, struct ar_error *err);

/* The same, written in canonical layout with its comments kept (fmt). */
enum ar_rc ar_fmt_tracker_file(const struct ar_tracker *tracker, const char *path,
                               struct ar_file_identity *identity, struct ar_error *err);

/* The name the previous version is kept under (path + "~"), malloc'd. */
char *ar_backup_path(const char *path);

/* path with symlinks at its end followed (relative targets from the link's
 * folder) to the file they name, which may not exist yet: the name the
 * saver writes and the lock is taken beside.  malloc'd; NULL with errno set
 * (ELOOP, EACCES...) when it cannot be resolved. */
char *ar_path_resolve_links(const char *path);

/* Write all of bytes[0..len) to fd, through short writes and EINTR.
 * 0, or -1 with errno set. */
int ar_write_all(int fd, const void *bytes, size_t len);

/* Append the whole file at path to out (always NUL-terminated).  0, or -1
 * with errno set (out may then hold part of the file).  The one reader of
 * whole files: everything that reads one comes here. */
int ar_read_file(const char *path, struct ar_buf *out);

/* The same for what is left to read on fd (stdin, a pipe), which stays open. */
int ar_read_fd(int fd, struct ar_buf *out);

/* ar_read_file() (path "-": standard input) that stops reading once more
 * than max bytes came: -1 with errno EFBIG then, having read and kept at
 * most max bytes plus one chunk.  For input that has a sensible size
 * (/dev/zero is not a committee paper). */
int ar_read_file_max(const char *path, size_t max, struct ar_buf *out);

/* ---- failure injection, for tests ---- */

/* The system calls the saver uses.  Each behaves like the POSIX call of that
 * name (returning -1 with errno set on failure; EINTR and short writes are
 * handled by the caller, so a test may produce them). */
struct ar_filesafe_ops {
	int (*open)(const char *path, int flags, mode_t mode);
	ssize_t (*read)(int fd, void *buf, size_t len);
	ssize_t (*write)(int fd, const void *buf, size_t len);
	int (*fsync)(int fd);
	int (*fchmod)(int fd, mode_t mode);
	int (*fchown)(int fd, uid_t uid, gid_t gid);
	int (*close)(int fd);
	int (*link)(const char *from, const char *to);
	int (*rename)(const char *from, const char *to);
	int (*unlink)(const char *path);
};

/* The real system calls. */
const struct ar_filesafe_ops *ar_filesafe_real_ops(void);

/* Use ops (copied) from now on; NULL restores the real calls. */
void ar_filesafe_set_ops(const struct ar_filesafe_ops *ops);

#endif
