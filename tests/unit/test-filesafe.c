/* test-filesafe.c - the atomic writer under injected failures, FILE~, modes,
 * symlinks, and the outside-change check. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "artrack/alloc.h"
#include "artrack/filesafe.h"
#include "artrack/hash.h"

static const char original[] = "artrack: 1\nitems: []\ntopic: ’ – é 日本\n";

/* ---- fixtures ---- */

struct fixture {
	char dir[64];
	char file[128];
};

static int setup(void **state)
{
	struct fixture *f = ar_xcalloc(1, sizeof *f);
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof f->dir, "%s/artrack-fs.XXXXXX", tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->file, sizeof f->file, "%s/tracker.yaml", f->dir);
	*state = f;
	return 0;
}

static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char p[512];
			snprintf(p, sizeof p, "%s/%s", path, e->d_name);
			struct stat st;
			if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
				remove_tree(p);
			else
				unlink(p);
		}
		closedir(d);
	}
	rmdir(path);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	ar_filesafe_set_ops(NULL);
	remove_tree(f->dir);
	free(f);
	return 0;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(chmod(path, mode), 0);
}

/* The file's bytes as a malloc'd string, or NULL if it does not exist. */
static char *read_file(const char *path)
{
	struct ar_buf b = {0};
	if (ar_read_file(path, &b) != 0) {
		ar_buf_free(&b);
		return NULL;
	}
	return ar_buf_steal(&b, NULL);
}

static void assert_file_is(const char *path, const char *want)
{
	char *got = read_file(path);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder's entries, sorted, joined with spaces. */
static char *list_dir(const char *dir)
{
	char *names[64];
	size_t count = 0;
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL && count < 64)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			names[count++] = ar_xstrdup(e->d_name);
	closedir(d);
	qsort(names, count, sizeof *names, compare_names);
	struct ar_buf b = {0};
	ar_buf_adds(&b, "");
	for (size_t i = 0; i < count; i++) {
		if (i)
			ar_buf_addc(&b, ' ');
		ar_buf_adds(&b, names[i]);
		free(names[i]);
	}
	return ar_buf_steal(&b, NULL);
}

static void assert_dir_is(const char *dir, const char *want)
{
	char *got = list_dir(dir);
	assert_string_equal(got, want);
	free(got);
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* ---- failure injection ---- */

enum op { OP_OPEN, OP_READ, OP_WRITE, OP_FSYNC, OP_FCHMOD, OP_FCHOWN, OP_CLOSE, OP_LINK, OP_RENAME,
	OP_UNLINK, OP_COUNT };

static struct {
	int calls[OP_COUNT];
	int fail_op;        /* which op fails, or -1 */
	int fail_at;        /* on its Nth call (1-based); 0: every call from then on */
	int fail_errno;
	size_t write_max;   /* short writes: at most this many bytes a call (0: no limit) */
	bool eintr_every_other; /* writes and fsyncs: EINTR on every odd call */
	bool no_links;      /* link() always fails with EPERM, as on FAT */
} inject;

static bool should_fail(enum op op)
{
	int n = ++inject.calls[op];
	if ((int)op != inject.fail_op)
		return false;
	if (inject.fail_at == 0 || n == inject.fail_at) {
		errno = inject.fail_errno;
		return true;
	}
	return false;
}

static int t_open(const char *p, int flags, mode_t mode)
{
	return should_fail(OP_OPEN) ? -1 : ar_filesafe_real_ops()->open(p, flags, mode);
}
static ssize_t t_read(int fd, void *buf, size_t len)
{
	return should_fail(OP_READ) ? -1 : read(fd, buf, len);
}
static ssize_t t_write(int fd, const void *buf, size_t len)
{
	if (should_fail(OP_WRITE))
		return -1;
	if (inject.eintr_every_other && inject.calls[OP_WRITE] % 2 == 1) {
		errno = EINTR;
		return -1;
	}
	if (inject.write_max && len > inject.write_max)
		len = inject.write_max;
	return write(fd, buf, len);
}
static int t_fsync(int fd)
{
	if (should_fail(OP_FSYNC))
		return -1;
	if (inject.eintr_every_other && inject.calls[OP_FSYNC] % 2 == 1) {
		errno = EINTR;
		return -1;
	}
	return fsync(fd);
}
static int t_fchmod(int fd, mode_t mode)
{
	return should_fail(OP_FCHMOD) ? -1 : fchmod(fd, mode);
}
static int t_fchown(int fd, uid_t uid, gid_t gid)
{
	return should_fail(OP_FCHOWN) ? -1 : fchown(fd, uid, gid);
}
static int t_close(int fd)
{
	if (should_fail(OP_CLOSE)) {
		close(fd); /* like Linux: the descriptor is gone even when close fails */
		errno = inject.fail_errno;
		return -1;
	}
	return close(fd);
}
static int t_link(const char *a, const char *b)
{
	if (should_fail(OP_LINK))
		return -1;
	if (inject.no_links) {
		errno = EPERM;
		return -1;
	}
	return link(a, b);
}
static int t_rename(const char *a, const char *b)
{
	return should_fail(OP_RENAME) ? -1 : rename(a, b);
}
static int t_unlink(const char *p)
{
	return should_fail(OP_UNLINK) ? -1 : unlink(p);
}

static void inject_failure(int op, int at, int errnum)
{
	memset(&inject, 0, sizeof inject);
	inject.fail_op = op;
	inject.fail_at = at;
	inject.fail_errno = errnum;
	static const struct ar_filesafe_ops test_ops = {
		.open = t_open, .read = t_read, .write = t_write, .fsync = t_fsync, .fchmod = t_fchmod,
		.fchown = t_fchown, .close = t_close, .link = t_link, .rename = t_rename, .unlink = t_unlink,
	};
	ar_filesafe_set_ops(&test_ops);
}

/* ---- tests ---- */

static void test_new_file_gets_umask_mode(void **state)
{
	struct fixture *f = *state;
	mode_t old = umask(027);
	struct ar_error err;
	enum ar_rc rc = ar_file_write_atomic(f->file, original, strlen(original), NULL, &err);
	umask(old);
	assert_int_equal(rc, AR_OK);
	assert_file_is(f->file, original);
	assert_int_equal(mode_of(f->file), 0640);
	assert_dir_is(f->dir, "tracker.yaml"); /* nothing to back up, no temporary left */
}

static void test_replace_keeps_mode_and_backup(void **state)
{
	struct fixture *f = *state;
	write_file(f->file, original, 0640);
	struct ar_error err;
	assert_int_equal(ar_file_write_atomic(f->file, "new\n", 4, NULL, &err), AR_OK);
	assert_file_is(f->file, "new\n");
	assert_int_equal(mode_of(f->file), 0640);
	char *backup = ar_backup_path(f->file);
	assert_file_is(backup, original);
	assert_int_equal(mode_of(backup), 0640);
	assert_dir_is(f->dir, "tracker.yaml tracker.yaml~");

	/* A second save replaces the backup with the version it overwrote. */
	assert_int_equal(ar_file_write_atomic(f->file, "newer\n", 6, NULL, &err), AR_OK);
	assert_file_is(f->file, "newer\n");
	assert_file_is(backup, "new\n");
	assert_dir_is(f->dir, "tracker.yaml tracker.yaml~");

	struct ar_write_options no_backup = {.no_backup = true};
	assert_int_equal(ar_file_write_atomic(f->file, "", 0, &no_backup, &err), AR_OK);
	assert_file_is(f->file, "");
	assert_file_is(backup, "new\n");
	free(backup);
}

static void test_symlink_stays_a_link(void **state)
{
	struct fixture *f = *state;
	char sub[160], target[200], link_path[200];
	snprintf(sub, sizeof sub, "%s/real", f->dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(target, sizeof target, "%s/t.yaml", sub);
	write_file(target, original, 0600);
	/* A relative link to a relative link, resolved from each link's folder. */
	snprintf(link_path, sizeof link_path, "%s/hop", f->dir);
	assert_int_equal(symlink("real/t.yaml", link_path), 0);
	assert_int_equal(symlink("hop", f->file), 0);

	struct ar_error err;
	assert_int_equal(ar_file_write_atomic(f->file, "via link\n", 9, NULL, &err), AR_OK);
	struct stat st;
	assert_int_equal(lstat(f->file, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(lstat(link_path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_file_is(target, "via link\n");
	assert_int_equal(mode_of(target), 0600);
	assert_dir_is(sub, "t.yaml t.yaml~");
	assert_dir_is(f->dir, "hop real tracker.yaml");

	/* A dangling link: the file is created where it points. */
	unlink(target);
	assert_int_equal(ar_file_write_atomic(f->file, "again\n", 6, NULL, &err), AR_OK);
	assert_file_is(target, "again\n");
	assert_int_equal(lstat(f->file, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
}

static void test_not_a_regular_file(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(mkdir(f->file, 0755), 0);
	struct ar_error err;
	assert_int_equal(ar_file_write_atomic(f->file, "x", 1, NULL, &err), AR_EIO);
	assert_non_null(strstr(err.message, "not a regular file"));
	assert_non_null(strstr(err.message, f->file));
	assert_dir_is(f->dir, "tracker.yaml");
}

/* Save with one injected failure: AR_EIO naming the file and the reason,
 * the original and its backup exactly as before, no temporary left. */
static void expect_failed_save(struct fixture *f, int op, int at, int errnum, const char *reason)
{
	char *backup = ar_backup_path(f->file);
	write_file(f->file, original, 0644);
	write_file(backup, "older\n", 0644);
	/* Long enough for many writes when writes are short. */
	struct ar_buf big = {0};
	for (int i = 0; i < 2000; i++)
		ar_buf_adds(&big, "- a replacement line that must never be seen half-written\n");
	inject_failure(op, at, errnum);
	inject.write_max = 4096;
	struct ar_error err;
	enum ar_rc rc = ar_file_write_atomic(f->file, big.data, big.len, NULL, &err);
	ar_filesafe_set_ops(NULL);
	assert_int_equal(rc, AR_EIO);
	assert_true(inject.calls[op] >= (at ? at : 1));
	assert_non_null(strstr(err.message, f->file));
	assert_non_null(strstr(err.message, reason));
	assert_file_is(f->file, original);
	/* FILE~ too: it changes only once the new version is in place. */
	assert_file_is(backup, "older\n");
	assert_dir_is(f->dir, "tracker.yaml tracker.yaml~");
	/* And without an old FILE~, a failed save leaves none behind. */
	unlink(backup);
	inject_failure(op, at, errnum);
	inject.write_max = 4096;
	assert_int_equal(ar_file_write_atomic(f->file, big.data, big.len, NULL, &err), AR_EIO);
	ar_filesafe_set_ops(NULL);
	assert_file_is(f->file, original);
	assert_dir_is(f->dir, "tracker.yaml");
	ar_buf_free(&big);
	free(backup);
}

static void test_write_error(void **state)
{
	expect_failed_save(*state, OP_WRITE, 1, EIO, strerror(EIO));
}

static void test_disk_full_on_nth_write(void **state)
{
	expect_failed_save(*state, OP_WRITE, 7, ENOSPC, strerror(ENOSPC));
}

static void test_fsync_failure(void **state)
{
	expect_failed_save(*state, OP_FSYNC, 1, EIO, "flushing");
}

static void test_fchmod_failure(void **state)
{
	expect_failed_save(*state, OP_FCHMOD, 1, EPERM, "permissions");
}

static void test_close_failure(void **state)
{
	expect_failed_save(*state, OP_CLOSE, 1, EIO, strerror(EIO));
}

static void test_rename_failure(void **state)
{
	/* The first rename is the save; FILE~ is renamed into place after it. */
	expect_failed_save(*state, OP_RENAME, 1, EXDEV, "renaming");
}

static void test_create_failure(void **state)
{
	expect_failed_save(*state, OP_OPEN, 1, EACCES, "temporary file");
}

static void test_backup_failure(void **state)
{
	/* A backup that cannot be made refuses the save. */
	expect_failed_save(*state, OP_LINK, 1, EIO, "tracker.yaml~");
	/* The new version in place, but FILE~ cannot be renamed into place:
	 * said, and the old FILE~ and no stray copy left. */
	struct fixture *f = *state;
	char *backup = ar_backup_path(f->file);
	write_file(f->file, original, 0644);
	write_file(backup, "older\n", 0644);
	inject_failure(OP_RENAME, 2, EACCES);
	struct ar_error err;
	assert_int_equal(ar_file_write_atomic(f->file, "new\n", 4, NULL, &err), AR_EIO);
	ar_filesafe_set_ops(NULL);
	assert_non_null(strstr(err.message, "was saved, but the previous version could not be kept"));
	assert_file_is(f->file, "new\n");
	assert_file_is(backup, "older\n");
	assert_dir_is(f->dir, "tracker.yaml tracker.yaml~");
	free(backup);
}

/* A file with no write permission is not replaced (issue 16): not by a
 * save, not even by root, and ar_file_may_replace() says why first. */
static void test_read_only_not_replaced(void **state)
{
	struct fixture *f = *state;
	struct ar_error err;
	assert_int_equal(ar_file_may_replace(f->file, NULL, &err), AR_OK); /* not there: the folder decides */
	write_file(f->file, original, 0644);
	assert_int_equal(ar_file_may_replace(f->file, NULL, &err), AR_OK);
	assert_int_equal(chmod(f->file, 0444), 0);
	assert_int_equal(ar_file_may_replace(f->file, NULL, &err), AR_EIO);
	char want[300];
	snprintf(want, sizeof want, "%s is read-only (mode 0444: no write permission for you)", f->file);
	assert_string_equal(err.message, want);
	assert_int_equal(ar_file_write_atomic(f->file, "new\n", 4, NULL, &err), AR_EIO);
	assert_non_null(strstr(err.message, "is read-only"));
	assert_file_is(f->file, original);
	assert_int_equal(mode_of(f->file), 0444);
	assert_dir_is(f->dir, "tracker.yaml");
	assert_int_equal(chmod(f->file, 0644), 0);
}

static void test_backup_by_copy(void **state)
{
	/* No hard links on this filesystem (FAT, some shares): FILE~ is a copy. */
	struct fixture *f = *state;
	write_file(f->file, original, 0604);
	inject_failure(-1, 0, 0);
	inject.no_links = true;
	struct ar_error err;
	assert_int_equal(ar_file_write_atomic(f->file, "copied\n", 7, NULL, &err), AR_OK);
	ar_filesafe_set_ops(NULL);
	char *backup = ar_backup_path(f->file);
	assert_file_is(f->file, "copied\n");
	assert_file_is(backup, original);
	assert_int_equal(mode_of(backup), 0604);
	assert_dir_is(f->dir, "tracker.yaml tracker.yaml~");

	/* ... and a failing copy refuses the save too. */
	inject_failure(OP_WRITE, 2, ENOSPC); /* the first write is the new file, the second the copy */
	inject.no_links = true;
	assert_int_equal(ar_file_write_atomic(f->file, "lost?\n", 6, NULL, &err), AR_EIO);
	ar_filesafe_set_ops(NULL);
	assert_non_null(strstr(err.message, strerror(ENOSPC)));
	assert_file_is(f->file, "copied\n");
	assert_file_is(backup, original);
	assert_dir_is(f->dir, "tracker.yaml tracker.yaml~");
	free(backup);
}

static void test_short_writes_and_signals(void **state)
{
	struct fixture *f = *state;
	write_file(f->file, original, 0644);
	struct ar_buf big = {0};
	for (int i = 0; i < 500; i++)
		ar_buf_addf(&big, "line %d: ’ – é 日本\n", i);
	inject_failure(-1, 0, 0);
	inject.write_max = 3;
	inject.eintr_every_other = true;
	struct ar_error err;
	assert_int_equal(ar_file_write_atomic(f->file, big.data, big.len, NULL, &err), AR_OK);
	ar_filesafe_set_ops(NULL);
	assert_true(inject.calls[OP_WRITE] > (int)big.len / 3);
	assert_file_is(f->file, big.data);
	ar_buf_free(&big);
}

static void test_folder_flush_failure(void **state)
{
	/* After the rename only the folder flush can fail: the new file is in
	 * place, the message says so, and the identity describes it. */
	struct fixture *f = *state;
	write_file(f->file, original, 0644);
	inject_failure(OP_FSYNC, 2, EIO);
	struct ar_file_identity id = {0};
	struct ar_write_options opt = {.identity = &id};
	struct ar_error err;
	assert_int_equal(ar_file_write_atomic(f->file, "new\n", 4, &opt, &err), AR_EIO);
	ar_filesafe_set_ops(NULL);
	assert_non_null(strstr(err.message, "was saved, but flushing its folder"));
	assert_file_is(f->file, "new\n");
	assert_int_equal(id.state, AR_IDENTITY_KNOWN);
	assert_int_equal(ar_file_identity_check(f->file, &id, &err), AR_OK);
}

/* ---- identities ---- */

static void set_mtime(const char *path, time_t when)
{
	struct timespec times[2] = {{.tv_sec = when}, {.tv_sec = when}};
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static void test_identity_unchanged_and_touched(void **state)
{
	struct fixture *f = *state;
	write_file(f->file, original, 0644);
	set_mtime(f->file, 1600000000);
	struct ar_load_info info = {.hash = ar_hash64(AR_HASH_INIT, original, strlen(original)),
	                            .size = strlen(original)};
	struct ar_file_identity id;
	struct ar_error err;
	assert_int_equal(ar_file_identity_record(f->file, &info, &id, &err), AR_OK);
	assert_int_equal(id.state, AR_IDENTITY_KNOWN);
	assert_false(id.stat_untrusted);
	assert_int_equal(ar_file_identity_check(f->file, &id, &err), AR_OK);

	/* Recording without the loader's info hashes the file itself. */
	struct ar_file_identity self;
	assert_int_equal(ar_file_identity_record(f->file, NULL, &self, &err), AR_OK);
	assert_true(self.hash == info.hash);
	assert_int_equal(self.size, info.size);

	/* touch: new mtime, same bytes - not a change. */
	set_mtime(f->file, 1700000000);
	assert_int_equal(ar_file_identity_check(f->file, &id, &err), AR_OK);

	/* An identical copy renamed into place (new inode) - not a change. */
	char other[200];
	snprintf(other, sizeof other, "%s/copy", f->dir);
	write_file(other, original, 0644);
	assert_int_equal(rename(other, f->file), 0);
	assert_int_equal(ar_file_identity_check(f->file, &id, &err), AR_OK);
}

static void test_identity_detects_changes(void **state)
{
	struct fixture *f = *state;
	write_file(f->file, original, 0644);
	set_mtime(f->file, 1600000000);
	struct ar_file_identity id;
	struct ar_error err;
	assert_int_equal(ar_file_identity_record(f->file, NULL, &id, &err), AR_OK);

	/* Same size, different bytes (and a new mtime). */
	char *changed = ar_xstrdup(original);
	changed[0] = 'A';
	write_file(f->file, changed, 0644);
	assert_int_equal(ar_file_identity_check(f->file, &id, &err), AR_ECHANGED);
	assert_non_null(strstr(err.message, f->file));
	assert_non_null(strstr(err.message, "changed by another program"));

	/* Different size. */
	write_file(f->file, "short\n", 0644);
	assert_int_equal(ar_file_identity_check(f->file, &id, &err), AR_ECHANGED);

	/* Gone. */
	unlink(f->file);
	assert_int_equal(ar_file_identity_check(f->file, &id, &err), AR_ECHANGED);
	assert_non_null(strstr(err.message, "removed"));

	/* A file that did not exist must not appear from elsewhere. */
	struct ar_file_identity absent;
	assert_int_equal(ar_file_identity_record(f->file, NULL, &absent, &err), AR_OK);
	assert_int_equal(absent.state, AR_IDENTITY_ABSENT);
	assert_int_equal(ar_file_identity_check(f->file, &absent, &err), AR_OK);
	write_file(f->file, original, 0644);
	assert_int_equal(ar_file_identity_check(f->file, &absent, &err), AR_ECHANGED);
	assert_non_null(strstr(err.message, "created"));

	/* Nothing known: nothing checked (save-as). */
	struct ar_file_identity none;
	ar_file_identity_clear(&none);
	assert_int_equal(ar_file_identity_check(f->file, &none, &err), AR_OK);
	assert_int_equal(ar_file_identity_check(f->file, NULL, &err), AR_OK);
	free(changed);
}

static void test_identity_racy_same_stat(void **state)
{
	/* Changed within the timestamp granularity of being read: same size,
	 * inode and (restored) mtime, yet the change is caught by the hash. */
	struct fixture *f = *state;
	write_file(f->file, original, 0644);
	struct ar_file_identity id;
	struct ar_error err;
	assert_int_equal(ar_file_identity_record(f->file, NULL, &id, &err), AR_OK);
	assert_true(id.stat_untrusted);
	struct stat before;
	assert_int_equal(stat(f->file, &before), 0);

	int fd = open(f->file, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, "X", 1, 0), 1);
	struct timespec times[2] = {before.st_atim, before.st_mtim};
	assert_int_equal(futimens(fd, times), 0);
	close(fd);
	assert_int_equal(ar_file_identity_check(f->file, &id, &err), AR_ECHANGED);

	/* The loader's info wins over a file that changed before the stat. */
	write_file(f->file, original, 0644);
	set_mtime(f->file, 1600000000);
	struct ar_load_info stale = {.hash = 1, .size = 3};
	assert_int_equal(ar_file_identity_record(f->file, &stale, &id, &err), AR_OK);
	assert_true(id.stat_untrusted);
	assert_int_equal(ar_file_identity_check(f->file, &id, &err), AR_ECHANGED);
}

static void test_write_checks_expected_identity(void **state)
{
	struct fixture *f = *state;
	write_file(f->file, original, 0644);
	struct ar_file_identity id;
	struct ar_error err;
	assert_int_equal(ar_file_identity_record(f->file, NULL, &id, &err), AR_OK);

	struct ar_file_identity written = {0};
	struct ar_write_options opt = {.expect = &id, .identity = &written};
	assert_int_equal(ar_file_write_atomic(f->file, "mine\n", 5, &opt, &err), AR_OK);
	assert_int_equal(written.state, AR_IDENTITY_KNOWN);
	assert_true(written.hash == ar_hash64(AR_HASH_INIT, "mine\n", 5));
	assert_int_equal(written.size, 5);
	/* Our own save is not an outside change; the old identity is stale. */
	assert_int_equal(ar_file_identity_check(f->file, &written, &err), AR_OK);
	assert_int_equal(ar_file_identity_check(f->file, &id, &err), AR_ECHANGED);

	/* Someone else writes: the next save writes nothing. */
	write_file(f->file, "theirs\n", 0644);
	struct ar_write_options again = {.expect = &written};
	assert_int_equal(ar_file_write_atomic(f->file, "mine again\n", 11, &again, &err), AR_ECHANGED);
	assert_file_is(f->file, "theirs\n");
	char *backup = ar_backup_path(f->file);
	assert_file_is(backup, original);
	free(backup);
	assert_dir_is(f->dir, "tracker.yaml tracker.yaml~");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_file_gets_umask_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_keeps_mode_and_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_stays_a_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_regular_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disk_full_on_nth_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fsync_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fchmod_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rename_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only_not_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_by_copy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_short_writes_and_signals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folder_flush_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identity_unchanged_and_touched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identity_detects_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identity_racy_same_stat, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_checks_expected_identity, setup, teardown),
	};
	return cmocka_run_group_tests_name("filesafe", tests, NULL, NULL);
}
