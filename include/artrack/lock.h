/* lock.h - one editor at a time: FILE.lock beside the tracker (spec section 6).
 *
 * The lock file is created with O_CREAT|O_EXCL next to the file the path
 * names (symlinks at its end followed, so every way of naming one file uses
 * one lock).  It is plain text, one "key: value" line each, and readable
 * by others so they can see who holds it:
 *
 *     pid: 4242
 *     host: council-pc-17
 *     user: jsmith
 *     since: 2023-09-21T10:15:00Z
 *     token: 1a2b3c.1
 *
 * since is UTC; token only makes each lock file different from the last,
 * so "is it still ours" compares exactly.  Unknown keys are ignored.
 *
 * A lock is stale, and taken over, when its host is this host and its pid
 * is not running (kill(pid, 0) fails with ESRCH).  A lock from another host
 * is never taken over automatically: only that host can know its pid is
 * dead.  A lock file that cannot be understood (empty, garbled) counts as
 * held by an unknown process; the message says to remove it if no artrack
 * is using the file.
 *
 * Use by the terminal UI:
 *
 *     struct ar_lock *lock = NULL;
 *     struct ar_lock_holder holder;
 *     switch (ar_lock_acquire(path, 0, &lock, &holder, &err)) {
 *     case AR_OK:      editing allowed
 *     case AR_ELOCKED: show ar_lock_sentence(path, &holder, "opening
 *                      read-only", ...) ("FILE is in use by USER on HOST
 *                      (pid N) since TIME; opening read-only") and open
 *                      read-only, or with the user's word call again with
 *                      AR_LOCK_TAKE_OVER
 *     default:         AR_EIO (say a read-only folder): show err.message,
 *                      open read-only
 *     }
 *     ... in the SIGINT/SIGTERM/SIGHUP handler, after restoring the terminal:
 *     ar_lock_release_from_signal();
 *     ... at exit:
 *     ar_lock_release(lock);
 *
 * Ownership: an ar_lock is owned by the caller and freed by
 * ar_lock_release().  The module also keeps the lock file names and contents
 * of the locks held in static buffers, so a signal handler can remove them
 * without allocating.  Not thread-safe (the program has one thread).
 */
#ifndef ARTRACK_LOCK_H
#define ARTRACK_LOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "artrack/error.h"

/* Who holds a lock, as its file says. */
struct ar_lock_holder {
	long pid;              /* 0 when the lock file could not be understood */
	char user[64];         /* "" when unknown */
	char host[256];        /* "" when unknown */
	int64_t since;         /* seconds since the epoch (UTC); 0 when unknown */
	int read_errno;        /* why the lock file could not be read (pid is then 0); 0 if it was */
};

/* ar_lock_acquire flags. */
enum {
	AR_LOCK_TAKE_OVER = 1, /* replace a live lock too (the user said so) */
};

struct ar_lock;

/* Take the lock for the tracker at path (which need not exist yet).
 * AR_OK: *out holds it; *holder (if not NULL) describes the stale (or,
 * with AR_LOCK_TAKE_OVER, live) lock that was replaced, pid 0 if none.
 * AR_ELOCKED: another artrack holds it (or a lock file this user may not
 * read is there); *holder (if not NULL) says who and err has
 * ar_lock_sentence() unfinished, for the caller to end with what it does.
 * AR_EIO: the lock file cannot be created (err names it and the reason). */
enum ar_rc ar_lock_acquire(const char *path, unsigned flags, struct ar_lock **out,
                           struct ar_lock_holder *holder, struct ar_error *err);

/* Remove the lock file if it is still ours (same content as we wrote, and
 * we are the process that took it: a forked child never removes it), and
 * free lock.  NULL is fine. */
void ar_lock_release(struct ar_lock *lock);

/* Whether the lock file is still ours (someone may have taken it over with
 * AR_LOCK_TAKE_OVER or removed it): worth checking before a save. */
bool ar_lock_is_held(const struct ar_lock *lock);

/* The lock file's name (FILE.lock beside the resolved file). */
const char *ar_lock_path(const struct ar_lock *lock);

/* Remove every lock this process holds, for a signal handler: only
 * async-signal-safe calls (open, read, close, unlink) on static buffers, and
 * still only when the file is ours.  The ar_lock values are left for
 * ar_lock_release(), which then finds nothing to remove. */
void ar_lock_release_from_signal(void);

/* Read who holds the lock file lock_path.  AR_OK: *holder filled (pid 0 if
 * the file cannot be understood).  AR_EIO: it cannot be read (ENOENT: no
 * lock). */
enum ar_rc ar_lock_read_holder(const char *lock_path, struct ar_lock_holder *holder, struct ar_error *err);

/* The one sentence saying who holds path's lock, which each caller
 * finishes with what it does about it: "FILE is in use by USER on HOST
 * (pid N) since TIME; OUTCOME" (TIME in local time), or for a lock file that
 * cannot be read or understood "FILE is locked, but its lock file FILE.lock
 * cannot be understood: if no artrack is using the file, remove the lock
 * file; OUTCOME".  outcome NULL: the sentence alone (ar_lock_acquire's
 * err.message for AR_ELOCKED). */
void ar_lock_sentence(const char *path, const struct ar_lock_holder *holder, const char *outcome, char *buf,
                      size_t size);

#endif
