/* filesafe.c - file identities and the atomic writer.
 *
 * The order of ar_file_write_atomic is what makes it safe: until the final
 * rename nothing touches the original name, and rename() replaces it in one
 * step on the same filesystem (hence the temporary file in the same folder,
 * after resolving symlinks).  The data is flushed before the rename so that
 * after a power cut the name never points at an empty or partial file. */
#include "config.h"

#include "artrack/filesafe.h"
#include "artrack/alloc.h"
#include "artrack/hash.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- the system-call table ---- */

static int real_open(const char *path, int flags, mode_t mode)
{
	return open(path, flags, mode);
}

static const struct ar_filesafe_ops real_ops = {
	.open = real_open,
	.read = read,
	.write = write,
	.fsync = fsync,
	.fchmod = fchmod,
	.fchown = fchown,
	.close = close,
	.link = link,
	.rename = rename,
	.unlink = unlink,
};

static struct ar_filesafe_ops injected;
static const struct ar_filesafe_ops *ops = &real_ops;

const struct ar_filesafe_ops *ar_filesafe_real_ops(void)
{
	return &real_ops;
}

void ar_filesafe_set_ops(const struct ar_filesafe_ops *new_ops)
{
	if (new_ops) {
		injected = *new_ops;
		ops = &injected;
	} else {
		ops = &real_ops;
	}
}

/* ---- small helpers ---- */

/* Set err to "MESSAGE: strerror(errnum)". */
static enum ar_rc fail_errno(struct ar_error *err, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum ar_rc fail_errno(struct ar_error *err, int errnum, const char *fmt, ...)
{
	char what[AR_ERROR_MESSAGE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	ar_error_set(err, 0, 0, "%s: %s", what, strerror(errnum));
	return AR_EIO;
}

static int open_retry(const char *path, int flags, mode_t mode)
{
	int fd;
	do
		fd = ops->open(path, flags, mode);
	while (fd < 0 && errno == EINTR);
	return fd;
}

static int fsync_retry(int fd)
{
	int rc;
	do
		rc = ops->fsync(fd);
	while (rc < 0 && errno == EINTR);
	return rc;
}

/* close() must not be retried after EINTR on Linux (the descriptor is gone);
 * an EINTR is treated as success since the data was already flushed. */
static int close_checked(int fd)
{
	if (ops->close(fd) < 0 && errno != EINTR)
		return -1;
	return 0;
}

/* Close fd keeping errno of an earlier failure. */
static void close_quietly(int fd)
{
	int saved = errno;
	ops->close(fd);
	errno = saved;
}

static void close_quietly_real(int fd)
{
	int saved = errno;
	close(fd);
	errno = saved;
}

static void unlink_quietly(const char *path)
{
	int saved = errno;
	ops->unlink(path);
	errno = saved;
}

/* Write all of bytes with wr, through short writes and signals.  1 MiB at
 * a time, so a full disk shows up early rather than after one huge call. */
static int write_all_with(ssize_t (*wr)(int, const void *, size_t), int fd, const char *bytes, size_t len)
{
	while (len > 0) {
		size_t chunk = len < (1u << 20) ? len : (1u << 20);
		ssize_t n = wr(fd, bytes, chunk);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = ENOSPC; /* a regular file accepting nothing is full */
			return -1;
		}
		bytes += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_all(int fd, const char *bytes, size_t len)
{
	return write_all_with(ops->write, fd, bytes, len);
}

int ar_write_all(int fd, const void *bytes, size_t len)
{
	return write_all_with(write, fd, bytes, len);
}

/* Append what is left on fd, failing with EFBIG past max bytes. */
static int read_fd_max(int fd, size_t max, struct ar_buf *out)
{
	ar_buf_add(out, "", 0);
	char chunk[1 << 16];
	size_t got = 0;
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		ar_buf_add(out, chunk, (size_t)n);
		got += (size_t)n;
		if (got > max) {
			errno = EFBIG;
			return -1;
		}
	}
}

int ar_read_fd(int fd, struct ar_buf *out)
{
	return read_fd_max(fd, SIZE_MAX, out);
}

static int read_path_max(const char *path, size_t max, struct ar_buf *out)
{
	int fd;
	do
		fd = open(path, O_RDONLY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return -1;
	if (read_fd_max(fd, max, out) != 0) {
		close_quietly_real(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int ar_read_file_max(const char *path, size_t max, struct ar_buf *out)
{
	return strcmp(path, "-") == 0 ? read_fd_max(STDIN_FILENO, max, out) : read_path_max(path, max, out);
}

int ar_read_file(const char *path, struct ar_buf *out)
{
	return read_path_max(path, SIZE_MAX, out);
}

static int64_t mtime_ns_of(const struct stat *st)
{
	return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

static int64_t now_ns(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return INT64_MAX; /* unknown: treat every mtime as too recent to trust */
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Hash the whole file at path as the loader does; *size gets its length. */
static int hash_file(const char *path, uint64_t *hash, uint64_t *size)
{
	int fd = open_retry(path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	/* A multiple of 8, so hashing in pieces equals hashing it whole. */
	enum { CHUNK = 1 << 16 };
	char *buf = ar_xmalloc(CHUNK);
	uint64_t h = AR_HASH_INIT, total = 0;
	size_t fill = 0;
	for (;;) {
		ssize_t n = ops->read(fd, buf + fill, CHUNK - fill);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			close_quietly(fd);
			return -1;
		}
		if (n == 0)
			break;
		fill += (size_t)n;
		total += (uint64_t)n;
		if (fill == CHUNK) {
			h = ar_hash64(h, buf, fill);
			fill = 0;
		}
	}
	if (fill)
		h = ar_hash64(h, buf, fill);
	free(buf);
	ops->close(fd);
	*hash = h;
	*size = total;
	return 0;
}

/* A fresh random suffix for temporary names. */
static void random_suffix(char out[7])
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static uint64_t state;
	if (state == 0) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		state = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^ ((uint64_t)getpid() << 40) ^
		        (uint64_t)(uintptr_t)&state;
	}
	/* splitmix64: different names on every call, no global RNG touched. */
	state += UINT64_C(0x9e3779b97f4a7c15);
	uint64_t z = state;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	z ^= z >> 31;
	for (int i = 0; i < 6; i++) {
		out[i] = alphabet[z % (sizeof alphabet - 1)];
		z /= sizeof alphabet - 1;
	}
	out[6] = '\0';
}

/* Create base.XXXXXX exclusively with mode (the kernel applies the umask,
 * as mkstemp would not); *name gets the malloc'd name. */
static int create_temp(const char *base, mode_t mode, char **name)
{
	size_t len = strlen(base);
	char *tmp = ar_xmalloc(len + 8);
	for (int attempt = 0; attempt < 100; attempt++) {
		char suffix[7];
		random_suffix(suffix);
		snprintf(tmp, len + 8, "%s.%s", base, suffix);
		int fd = open_retry(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
		if (fd >= 0) {
			*name = tmp;
			return fd;
		}
		if (errno != EEXIST)
			break;
	}
	free(tmp);
	return -1;
}

/* Whether suffix is one random_suffix() could have made: six letters and
 * digits, not all lower-case letters (so "tracker.yaml.backup", a name an
 * officer might choose, is never taken for one). */
static bool temp_suffix(const char *suffix)
{
	bool other = false;
	size_t n = 0;
	for (; suffix[n]; n++) {
		char c = suffix[n];
		bool lower = c >= 'a' && c <= 'z';
		if (!lower && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9'))
			return false;
		other |= !lower;
	}
	return n == 6 && other;
}

/* Whether the file at fd begins as one of the prefixes does (empty counts:
 * a save killed before it wrote anything). */
static bool begins_like(int fd, off_t size, const void *a, size_t alen, const void *b, size_t blen)
{
	char head[256];
	size_t want = size < (off_t)sizeof head ? (size_t)size : sizeof head;
	if (want == 0)
		return true;
	ssize_t got = pread(fd, head, want, 0);
	if (got != (ssize_t)want)
		return false;
	return (alen >= want && memcmp(head, a, want) == 0) || (blen >= want && memcmp(head, b, want) == 0);
}

/* Remove what interrupted saves of target left in folder: target.XXXXXX
 * (a new version never renamed), target.unsaved.XXXXXX (the same for the
 * copy kept on a signal) and target~.XXXXXX (a link to the previous
 * version).  Only our own regular files with the saver's suffix whose
 * bytes begin as the file or the new version does (or that are links to
 * the file or its backup) go; anything else is left alone. */
static void remove_leftovers(const char *target, const char *folder, const void *bytes, size_t len)
{
	const char *slash = strrchr(target, '/');
	const char *base = slash ? slash + 1 : target;
	size_t blen = strlen(base);
	DIR *dir = opendir(folder);
	if (!dir)
		return;
	struct ar_buf current = {0};
	bool read_current = false;
	char *backup = ar_backup_path(target);
	struct stat file_st, backup_st;
	bool have_file = stat(target, &file_st) == 0, have_backup = stat(backup, &backup_st) == 0;
	struct dirent *de;
	while ((de = readdir(dir)) != NULL) {
		const char *name = de->d_name, *rest;
		if (strncmp(name, base, blen) != 0)
			continue;
		rest = name + blen;
		bool link_kind = false;
		if (rest[0] == '.' && temp_suffix(rest + 1))
			;
		else if (strncmp(rest, ".unsaved.", 9) == 0 && temp_suffix(rest + 9))
			;
		else if (strncmp(rest, "~.", 2) == 0 && temp_suffix(rest + 2))
			link_kind = true;
		else
			continue;
		char *path = ar_xmalloc(strlen(folder) + strlen(name) + 2);
		sprintf(path, "%s/%s", folder, name);
		int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		struct stat st;
		bool remove = false;
		if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid()) {
			if (link_kind)
				remove = (have_file && st.st_ino == file_st.st_ino && st.st_dev == file_st.st_dev) ||
				         (have_backup && st.st_ino == backup_st.st_ino && st.st_dev == backup_st.st_dev);
			if (!remove && st.st_nlink == 1) {
				if (!read_current) {
					ar_read_file(target, &current);
					read_current = true;
				}
				remove = begins_like(fd, st.st_size, current.data, current.len, bytes, len);
			}
		}
		if (fd >= 0)
			close(fd);
		if (remove)
			unlink_quietly(path);
		free(path);
	}
	closedir(dir);
	ar_buf_free(&current);
	free(backup);
}

/* The folder part of path ("." when there is none), malloc'd. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return ar_xstrdup(".");
	if (slash == path)
		return ar_xstrdup("/");
	return ar_xstrndup(path, (size_t)(slash - path));
}

/* Only links at the end are followed: links among the folders are fine as
 * they are, since the temporary file goes in the same folder either way. */
char *ar_path_resolve_links(const char *path)
{
	char *cur = ar_xstrdup(path);
	for (int depth = 0;; depth++) {
		struct stat st;
		if (lstat(cur, &st) != 0) {
			if (errno == ENOENT)
				return cur;
			goto fail;
		}
		if (!S_ISLNK(st.st_mode))
			return cur;
		if (depth >= 40) {
			errno = ELOOP;
			goto fail;
		}
		size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 256;
		char *target;
		ssize_t n;
		for (;;) {
			target = ar_xmalloc(cap);
			n = readlink(cur, target, cap);
			if (n < 0) {
				free(target);
				goto fail;
			}
			if ((size_t)n < cap)
				break;
			free(target);
			cap *= 2;
		}
		target[n] = '\0';
		if (target[0] == '/' || !strchr(cur, '/')) {
			free(cur);
			cur = target;
		} else {
			char *folder = folder_of(cur);
			struct ar_buf joined = {0};
			ar_buf_adds(&joined, folder);
			if (strcmp(folder, "/") != 0)
				ar_buf_addc(&joined, '/');
			ar_buf_adds(&joined, target);
			free(folder);
			free(target);
			free(cur);
			cur = ar_buf_steal(&joined, NULL);
		}
	}
fail:;
	int saved = errno;
	free(cur);
	errno = saved;
	return NULL;
}

char *ar_backup_path(const char *path)
{
	size_t len = strlen(path);
	char *b = ar_xmalloc(len + 2);
	memcpy(b, path, len);
	b[len] = '~';
	b[len + 1] = '\0';
	return b;
}

/* ---- identities ---- */

/* Within this of "now" an mtime cannot tell two versions apart (FAT keeps
 * 2-second times; network filesystems cache). */
#define RACY_NS INT64_C(3000000000)

void ar_file_identity_clear(struct ar_file_identity *id)
{
	memset(id, 0, sizeof *id);
	id->state = AR_IDENTITY_NONE;
}

static void identity_from_stat(struct ar_file_identity *id, const struct stat *st)
{
	id->state = AR_IDENTITY_KNOWN;
	id->dev = (uint64_t)st->st_dev;
	id->ino = (uint64_t)st->st_ino;
	id->size = (uint64_t)st->st_size;
	id->mtime_ns = mtime_ns_of(st);
	id->stat_untrusted = now_ns() - id->mtime_ns < RACY_NS;
}

enum ar_rc ar_file_identity_record(const char *path, const struct ar_load_info *info,
                                   struct ar_file_identity *id, struct ar_error *err)
{
	ar_file_identity_clear(id);
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT && !info) {
			id->state = AR_IDENTITY_ABSENT;
			return AR_OK;
		}
		if (errno == ENOENT) {
			/* Read, then gone before we looked: the check will say so. */
			id->state = AR_IDENTITY_KNOWN;
			id->size = info->size;
			id->hash = info->hash;
			id->stat_untrusted = true;
			return AR_OK;
		}
		return fail_errno(err, errno, "cannot examine %s", path);
	}
	identity_from_stat(id, &st);
	if (info) {
		id->hash = info->hash;
		if (info->size != id->size) {
			/* It changed between the loader's read and this stat. */
			id->size = info->size;
			id->stat_untrusted = true;
		}
		return AR_OK;
	}
	uint64_t size;
	if (hash_file(path, &id->hash, &size) != 0)
		return fail_errno(err, errno, "cannot read %s", path);
	if (size != id->size) {
		id->size = size;
		id->stat_untrusted = true;
	}
	return AR_OK;
}

enum ar_rc ar_file_identity_check(const char *path, const struct ar_file_identity *id,
                                  struct ar_error *err)
{
	if (!id || id->state == AR_IDENTITY_NONE)
		return AR_OK;
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			if (id->state == AR_IDENTITY_ABSENT)
				return AR_OK;
			ar_error_set(err, 0, 0, "%s was removed or renamed by another program since it was read", path);
			return AR_ECHANGED;
		}
		return fail_errno(err, errno, "cannot examine %s", path);
	}
	if (id->state == AR_IDENTITY_ABSENT) {
		ar_error_set(err, 0, 0, "%s was created by another program after artrack opened it", path);
		return AR_ECHANGED;
	}
	if (!S_ISREG(st.st_mode)) {
		ar_error_set(err, 0, 0, "%s is no longer a regular file", path);
		return AR_ECHANGED;
	}
	if (!id->stat_untrusted && (uint64_t)st.st_dev == id->dev && (uint64_t)st.st_ino == id->ino &&
	    (uint64_t)st.st_size == id->size && mtime_ns_of(&st) == id->mtime_ns)
		return AR_OK;
	if ((uint64_t)st.st_size == id->size) {
		uint64_t hash, size;
		if (hash_file(path, &hash, &size) != 0)
			return fail_errno(err, errno, "cannot read %s to see whether it changed", path);
		if (size == id->size && hash == id->hash)
			return AR_OK; /* touched or copied, but the same bytes */
	}
	ar_error_set(err, 0, 0, "%s was changed by another program since it was read", path);
	return AR_ECHANGED;
}

/* ---- the previous version, FILE~ ---- */

/* Copy the file at from into a new temporary beside to, then rename it to
 * to: for filesystems without hard links. */
static enum ar_rc backup_by_copy(const char *from, const char *to, const struct stat *st, char **pending,
                                 struct ar_error *err)
{
	enum ar_rc rc = AR_EIO;
	char *tmp = NULL;
	char *buf = NULL;
	int in = open_retry(from, O_RDONLY | O_CLOEXEC, 0);
	if (in < 0)
		return fail_errno(err, errno, "cannot keep the previous version as %s: cannot read %s", to, from);
	int out = create_temp(to, 0600, &tmp);
	if (out < 0) {
		fail_errno(err, errno, "cannot keep the previous version as %s", to);
		close_quietly(in);
		return AR_EIO;
	}
	enum { CHUNK = 1 << 16 };
	buf = ar_xmalloc(CHUNK);
	for (;;) {
		ssize_t n = ops->read(in, buf, CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail_errno(err, errno, "cannot keep the previous version as %s: cannot read %s", to, from);
			goto out;
		}
		if (n == 0)
			break;
		if (write_all(out, buf, (size_t)n) != 0) {
			fail_errno(err, errno, "cannot keep the previous version as %s", to);
			goto out;
		}
	}
	if (ops->fchmod(out, st->st_mode & 07777) != 0 || fsync_retry(out) != 0) {
		fail_errno(err, errno, "cannot keep the previous version as %s", to);
		goto out;
	}
	int out_fd = out;
	out = -1;
	if (close_checked(out_fd) != 0) {
		fail_errno(err, errno, "cannot keep the previous version as %s", to);
		goto out;
	}
	*pending = tmp;
	tmp = NULL;
	rc = AR_OK;
out:
	if (out >= 0)
		close_quietly(out);
	close_quietly(in);
	if (tmp) {
		unlink_quietly(tmp);
		free(tmp);
	}
	free(buf);
	return rc;
}

/* Make FILE~ hold what FILE holds now.  A hard link under a temporary name
 * renamed over FILE~ replaces the old backup in one step; the original is
 * never moved, so no failure here can lose it. */
/* The previous version, kept under a temporary name beside FILE~ (a hard
 * link, or a copy where there are none): *pending names it.  It becomes
 * FILE~ (commit_backup) only once the new version is in place, so a save
 * that fails leaves FILE~ as it was. */
static enum ar_rc prepare_backup(const char *path, const struct stat *st, char **pending, struct ar_error *err)
{
	char *backup = ar_backup_path(path);
	size_t len = strlen(backup);
	char *tmp = ar_xmalloc(len + 8);
	enum ar_rc rc = AR_EIO;
	int attempt;
	for (attempt = 0; attempt < 100; attempt++) {
		char suffix[7];
		random_suffix(suffix);
		snprintf(tmp, len + 8, "%s.%s", backup, suffix);
		if (ops->link(path, tmp) == 0)
			break;
		if (errno == EEXIST)
			continue;
		if (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EXDEV ||
		    errno == EMLINK || errno == ENOSYS) {
			/* No hard links here (FAT, some network shares): copy. */
			rc = backup_by_copy(path, backup, st, pending, err);
			goto out;
		}
		fail_errno(err, errno, "cannot keep the previous version as %s", backup);
		goto out;
	}
	if (attempt == 100) {
		fail_errno(err, EEXIST, "cannot keep the previous version as %s", backup);
		goto out;
	}
	*pending = tmp;
	tmp = NULL;
	rc = AR_OK;
out:
	free(tmp);
	free(backup);
	return rc;
}

/* The new version is in place: the pending copy of the old one becomes
 * FILE~.  0, or -1 with errno set (the pending copy is then removed). */
static int commit_backup(const char *path, char *pending)
{
	char *backup = ar_backup_path(path);
	int rc = ops->rename(pending, backup);
	if (rc != 0) {
		int saved = errno;
		unlink_quietly(pending);
		errno = saved;
	}
	free(backup);
	return rc;
}

/* Whether gid is one of this process's groups. */
static bool in_group(gid_t gid)
{
	if (gid == getegid())
		return true;
	int n = getgroups(0, NULL);
	if (n <= 0)
		return false;
	gid_t *groups = ar_xreallocarray(NULL, (size_t)n, sizeof *groups);
	n = getgroups(n, groups);
	bool found = false;
	for (int i = 0; i < n && !found; i++)
		found = groups[i] == gid;
	free(groups);
	return found;
}

enum ar_rc ar_file_may_replace(const char *path, const char *name, struct ar_error *err)
{
	ar_error_clear(err);
	if (!name)
		name = path;
	char *target = ar_path_resolve_links(path);
	struct stat st;
	if (!target || stat(target, &st) != 0 || !S_ISREG(st.st_mode)) {
		free(target);
		return AR_OK; /* nothing there to keep: the folder decides */
	}
	enum ar_rc rc = AR_OK;
	uid_t me = geteuid();
	/* Root may write anything; a file nobody may write is still one not to
	 * replace unasked. */
	if (faccessat(AT_FDCWD, target, W_OK, AT_EACCESS) != 0 || (me == 0 && !(st.st_mode & 0222))) {
		ar_error_set(err, 0, 0, "%s is read-only (mode %04o: no write permission for you)", name,
		             (unsigned)(st.st_mode & 07777));
		rc = AR_EIO;
	} else if (me != 0 && (st.st_uid != me || !in_group(st.st_gid))) {
		/* Saving writes a new file and renames it over the old one: the
		 * new one would be ours, and the owner's (or the team's group)
		 * rights over it gone. */
		const struct passwd *pw = getpwuid(st.st_uid);
		char owner[64];
		if (pw && pw->pw_name)
			snprintf(owner, sizeof owner, "%s", pw->pw_name);
		else
			snprintf(owner, sizeof owner, "uid %ld", (long)st.st_uid);
		if (st.st_uid != me)
			ar_error_set(err, 0, 0, "%s belongs to %s: saving it would make it yours", name, owner);
		else
			ar_error_set(err, 0, 0, "%s has group %ld, which you are not in: saving it would change its group",
			             name, (long)st.st_gid);
		rc = AR_EIO;
	}
	free(target);
	return rc;
}

/* ---- the atomic writer ---- */

/* Flush the folder so the rename itself survives a power cut.  Filesystems
 * that cannot flush a folder (or one we may not open) are not an error. */
static int flush_folder(const char *folder)
{
	int fd = open_retry(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd < 0)
		return (errno == EACCES || errno == EPERM) ? 0 : -1;
	int rc = fsync_retry(fd);
	if (rc != 0 && (errno == EINVAL || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EROFS))
		rc = 0;
	if (rc != 0)
		close_quietly(fd);
	else
		ops->close(fd);
	return rc;
}

/* ar_hash64 of the pieces taken as one run of bytes (every piece to it but
 * the last in multiples of 8 bytes, as ar_hash64 wants). */
static uint64_t hash_pieces(const struct ar_bytes_piece *pieces, size_t count)
{
	uint64_t h = AR_HASH_INIT;
	unsigned char carry[8];
	size_t carried = 0;
	for (size_t i = 0; i < count; i++) {
		const unsigned char *p = pieces[i].bytes;
		size_t n = pieces[i].len;
		if (carried) {
			size_t k = 8 - carried < n ? 8 - carried : n;
			memcpy(carry + carried, p, k);
			carried += k;
			p += k;
			n -= k;
			if (carried < 8)
				continue;
			h = ar_hash64(h, carry, 8);
			carried = 0;
		}
		size_t whole = n & ~(size_t)7;
		h = ar_hash64(h, p, whole);
		memcpy(carry, p + whole, n - whole);
		carried = n - whole;
	}
	return carried ? ar_hash64(h, carry, carried) : h;
}

enum ar_rc ar_file_write_atomic(const char *path, const void *bytes, size_t len,
                                const struct ar_write_options *options, struct ar_error *err)
{
	struct ar_bytes_piece one = {bytes, len};
	return ar_file_write_atomic_pieces(path, &one, 1, options, err);
}

enum ar_rc ar_file_write_atomic_pieces(const char *path, const struct ar_bytes_piece *pieces, size_t count,
                                       const struct ar_write_options *options, struct ar_error *err)
{
	static const struct ar_write_options defaults;
	if (!options)
		options = &defaults;
	ar_error_clear(err);

	char *target = ar_path_resolve_links(path);
	if (!target)
		return fail_errno(err, errno, "cannot save %s", path);

	enum ar_rc rc = AR_EIO;
	char *folder = folder_of(target);
	char *tmp = NULL, *pending_backup = NULL;
	int fd = -1;
	struct stat orig;
	bool exists = true;
	if (lstat(target, &orig) != 0) {
		if (errno != ENOENT) {
			fail_errno(err, errno, "cannot save %s", path);
			goto out;
		}
		exists = false;
	} else if (!S_ISREG(orig.st_mode)) {
		ar_error_set(err, 0, 0, "cannot save %s: not a regular file", path);
		goto out;
	} else if (ar_file_may_replace(target, path, err) != AR_OK) {
		size_t used = strlen(err->message);
		snprintf(err->message + used, sizeof err->message - used, "; %s is unchanged", path);
		goto out;
	}

	remove_leftovers(target, folder, count ? pieces[0].bytes : "", count ? pieces[0].len : 0);
	/* A replacement starts private and gets the original's mode once
	 * written; a new file is created with 0666 (or new_mode) and the umask
	 * applies. */
	mode_t new_mode = options && options->new_mode ? (mode_t)options->new_mode : 0666;
	fd = create_temp(target, exists ? 0600 : new_mode, &tmp);
	if (fd < 0) {
		fail_errno(err, errno, "cannot save %s: cannot create a temporary file in %s", path, folder);
		goto out;
	}
	bool wrote = true;
	for (size_t i = 0; i < count && wrote; i++)
		wrote = write_all(fd, pieces[i].bytes, pieces[i].len) == 0;
	if (!wrote) {
		fail_errno(err, errno, "cannot save %s: writing failed; the file is unchanged", path);
		goto out;
	}
	if (exists) {
		struct stat mine;
		if (fstat(fd, &mine) != 0) {
			fail_errno(err, errno, "cannot save %s", path);
			goto out;
		}
		/* Owner and group before the mode: chown may clear set-id bits.
		 * A replacement that cannot keep them would take the file from its
		 * owner or its group: refused (ar_file_may_replace said so first). */
		if ((mine.st_uid != orig.st_uid || mine.st_gid != orig.st_gid) &&
		    ops->fchown(fd, orig.st_uid, orig.st_gid) != 0) {
			fail_errno(err, errno, "cannot save %s: cannot keep its owner and group; the file is unchanged", path);
			goto out;
		}
		if (ops->fchmod(fd, orig.st_mode & 07777) != 0) {
			fail_errno(err, errno, "cannot save %s: cannot set the permissions; the file is unchanged", path);
			goto out;
		}
	}
	if (fsync_retry(fd) != 0) {
		fail_errno(err, errno, "cannot save %s: flushing to disk failed; the file is unchanged", path);
		goto out;
	}
	struct stat written;
	if (fstat(fd, &written) != 0) {
		fail_errno(err, errno, "cannot save %s", path);
		goto out;
	}
	int closing = fd;
	fd = -1;
	if (close_checked(closing) != 0) {
		fail_errno(err, errno, "cannot save %s: writing failed; the file is unchanged", path);
		goto out;
	}

	/* Last look before replacing: someone may have written meanwhile. */
	if (options->expect) {
		enum ar_rc check = ar_file_identity_check(target, options->expect, err);
		if (check != AR_OK) {
			rc = check;
			goto out;
		}
	}
	if (exists && !options->no_backup && prepare_backup(target, &orig, &pending_backup, err) != AR_OK) {
		size_t used = strlen(err->message);
		snprintf(err->message + used, sizeof err->message - used, "; %s is unchanged", path);
		goto out;
	}
	if (ops->rename(tmp, target) != 0) {
		fail_errno(err, errno, "cannot save %s: renaming the new version into place failed; "
		           "the file is unchanged", path);
		goto out;
	}
	free(tmp);
	tmp = NULL;

	if (options->identity) {
		struct ar_file_identity *id = options->identity;
		identity_from_stat(id, &written);
		id->hash = hash_pieces(pieces, count);
	}
	if (pending_backup) {
		int failed = commit_backup(target, pending_backup);
		free(pending_backup);
		pending_backup = NULL;
		if (failed) {
			fail_errno(err, errno, "%s was saved, but the previous version could not be kept as %s~", path,
			           path);
			goto out;
		}
	}
	if (flush_folder(folder) != 0) {
		fail_errno(err, errno, "%s was saved, but flushing its folder %s failed, so the save "
		           "may not survive a power failure", path, folder);
		goto out;
	}
	rc = AR_OK;
out:
	if (fd >= 0)
		close_quietly(fd);
	if (tmp) {
		unlink_quietly(tmp);
		free(tmp);
	}
	if (pending_backup) {
		unlink_quietly(pending_backup);
		free(pending_backup);
	}
	free(folder);
	free(target);
	return rc;
}
