/* test-lock.c - FILE.lock: held, stale, foreign host, released, taken over,
 * removed from a signal handler, never removed by a forked child. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "artrack/alloc.h"
#include "artrack/filesafe.h"
#include "artrack/lock.h"

struct fixture {
	char dir[64];
	char file[128];
	char lock[160];
};

static int setup(void **state)
{
	struct fixture *f = ar_xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/artrack-lock.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->file, sizeof f->file, "%s/tracker.yaml", f->dir);
	snprintf(f->lock, sizeof f->lock, "%s.lock", f->file);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char p[256];
	unlink(f->lock);
	unlink(f->file);
	snprintf(p, sizeof p, "%s/real.yaml", f->dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/real.yaml.lock", f->dir);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static void host_name(char *buf, size_t size)
{
	assert_int_equal(gethostname(buf, size), 0);
	buf[size - 1] = '\0';
}

static void write_lock(const char *path, long pid, const char *host, const char *user, const char *since)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "pid: %ld\nhost: %s\nuser: %s\nsince: %s\nfuture-key: ignored\n", pid, host, user, since);
	assert_int_equal(fclose(fp), 0);
}

/* A pid that certainly belongs to no process: a child that has exited and
 * been reaped. */
static pid_t dead_pid(void)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(0);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return pid;
}

static void test_acquire_and_release(void **state)
{
	struct fixture *f = *state;
	struct ar_lock *lock;
	struct ar_lock_holder holder;
	struct ar_error err;
	assert_int_equal(ar_lock_acquire(f->file, 0, &lock, &holder, &err), AR_OK);
	assert_int_equal(holder.pid, 0); /* nothing was taken over */
	assert_string_equal(ar_lock_path(lock), f->lock);
	assert_true(ar_lock_is_held(lock));

	/* The file is the documented format, describing us. */
	struct ar_lock_holder me;
	assert_int_equal(ar_lock_read_holder(f->lock, &me, &err), AR_OK);
	assert_int_equal(me.pid, (long)getpid());
	char host[256];
	host_name(host, sizeof host);
	assert_string_equal(me.host, host);
	assert_true(me.user[0] != '\0');
	assert_true(llabs((long long)(me.since - (int64_t)time(NULL))) < 5);
	struct stat st;
	assert_int_equal(stat(f->lock, &st), 0);
	assert_true(st.st_mode & S_IRUSR);

	ar_lock_release(lock);
	assert_false(exists(f->lock));
	ar_lock_release(NULL);
}

static void test_held_by_live_process(void **state)
{
	struct fixture *f = *state;
	struct ar_error err;
	struct ar_lock *first, *second = (struct ar_lock *)1;
	assert_int_equal(ar_lock_acquire(f->file, 0, &first, NULL, &err), AR_OK);

	/* A second artrack (here: the same live pid on this host) is refused. */
	struct ar_lock_holder holder;
	assert_int_equal(ar_lock_acquire(f->file, 0, &second, &holder, &err), AR_ELOCKED);
	assert_null(second);
	assert_int_equal(holder.pid, (long)getpid());
	assert_non_null(strstr(err.message, f->file));
	assert_non_null(strstr(err.message, "is in use by"));
	assert_true(ar_lock_is_held(first));
	ar_lock_release(first);

	/* A live process of another program's, with a known start time. */
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		pause();
		_exit(0);
	}
	char host[256];
	host_name(host, sizeof host);
	write_lock(f->lock, child, host, "jsmith", "2023-09-21T10:15:00Z");
	assert_int_equal(ar_lock_acquire(f->file, 0, &second, &holder, &err), AR_ELOCKED);
	char want[600];
	snprintf(want, sizeof want, "%s is in use by jsmith on %s (pid %ld) since 2023-09-21 10:15", f->file, host,
	         (long)child);
	/* The core's sentence, left for the caller to finish. */
	assert_string_equal(err.message, want);
	char finished[700], described[700];
	ar_lock_sentence(f->file, &holder, "not rewritten", finished, sizeof finished);
	assert_string_equal(finished, strcat(strcpy(described, want), "; not rewritten"));

	assert_int_equal(holder.pid, child);
	assert_string_equal(holder.user, "jsmith");
	assert_int_equal(holder.since, 1695291300);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
}

/* A holder killed with kill -9 whose parent has not yet reaped it (a
 * zombie) can no longer run: its lock is taken over, so the next start
 * offers the journal's edits instead of opening read-only. */
static void test_zombie_holder_is_stale(void **state)
{
	struct fixture *f = *state;
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0)
		_exit(0);
	/* ended, not reaped: wait until /proc shows it as a zombie */
	char path[64], stat[256] = "";
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)child);
	for (int tries = 0; tries < 1000 && !strstr(stat, ") Z"); tries++) {
		FILE *p = fopen(path, "r");
		assert_non_null(p);
		size_t n = fread(stat, 1, sizeof stat - 1, p);
		stat[n] = '\0';
		fclose(p);
		if (!strstr(stat, ") Z"))
			usleep(1000);
	}
	assert_non_null(strstr(stat, ") Z"));
	char host[256];
	host_name(host, sizeof host);
	write_lock(f->lock, child, host, "jsmith", "2023-09-21T10:15:00Z");
	struct ar_lock *lock;
	struct ar_lock_holder replaced;
	struct ar_error err;
	assert_int_equal(ar_lock_acquire(f->file, 0, &lock, &replaced, &err), AR_OK);
	assert_int_equal(replaced.pid, child);
	ar_lock_release(lock);
	waitpid(child, NULL, 0);
}

static void test_stale_lock_taken_over(void **state)
{
	struct fixture *f = *state;
	char host[256];
	host_name(host, sizeof host);
	pid_t dead = dead_pid();
	write_lock(f->lock, dead, host, "jsmith", "2023-09-21T10:15:00Z");
	struct ar_lock *lock;
	struct ar_lock_holder replaced;
	struct ar_error err;
	assert_int_equal(ar_lock_acquire(f->file, 0, &lock, &replaced, &err), AR_OK);
	assert_int_equal(replaced.pid, dead);
	struct ar_lock_holder now;
	assert_int_equal(ar_lock_read_holder(f->lock, &now, &err), AR_OK);
	assert_int_equal(now.pid, (long)getpid());
	/* No file left over from moving the stale lock aside. */
	char leftover[200];
	snprintf(leftover, sizeof leftover, "ls %s | wc -l | grep -qx 1", f->dir);
	assert_int_equal(system(leftover), 0);
	ar_lock_release(lock);
	assert_false(exists(f->lock));
}

static void test_foreign_host_not_stolen(void **state)
{
	struct fixture *f = *state;
	/* Its pid is dead here, but only its own host could know about it. */
	write_lock(f->lock, dead_pid(), "elsewhere.example", "jsmith", "2023-09-21T10:15:00Z");
	struct ar_lock *lock;
	struct ar_lock_holder holder;
	struct ar_error err;
	assert_int_equal(ar_lock_acquire(f->file, 0, &lock, &holder, &err), AR_ELOCKED);
	assert_string_equal(holder.host, "elsewhere.example");
	assert_non_null(strstr(err.message, "by jsmith on elsewhere.example"));
	struct ar_lock_holder still;
	assert_int_equal(ar_lock_read_holder(f->lock, &still, &err), AR_OK);
	assert_string_equal(still.host, "elsewhere.example");

	/* ...unless the user says so. */
	assert_int_equal(ar_lock_acquire(f->file, AR_LOCK_TAKE_OVER, &lock, &holder, &err), AR_OK);
	assert_string_equal(holder.host, "elsewhere.example");
	assert_true(ar_lock_is_held(lock));
	ar_lock_release(lock);
	assert_false(exists(f->lock));
}

static void test_garbled_lock_is_held(void **state)
{
	struct fixture *f = *state;
	FILE *fp = fopen(f->lock, "w");
	assert_non_null(fp);
	fclose(fp);
	struct ar_lock *lock;
	struct ar_lock_holder holder;
	struct ar_error err;
	assert_int_equal(ar_lock_acquire(f->file, 0, &lock, &holder, &err), AR_ELOCKED);
	assert_int_equal(holder.pid, 0);
	assert_non_null(strstr(err.message, "cannot be understood"));
	assert_null(strstr(err.message, "pid"));
	assert_true(exists(f->lock));
	char finished[AR_ERROR_MESSAGE_MAX];
	ar_lock_sentence("tracker.yaml", &holder, "not rewritten", finished, sizeof finished);
	assert_string_equal(finished, "tracker.yaml is locked, but its lock file tracker.yaml.lock cannot be "
	                              "understood: if no artrack is using the file, remove the lock file; not rewritten");
}

/* A lock file this user may not read (another user's, mode 0600) is a lock
 * held by someone unknown: never "pid 0", never taken.  Run as another
 * user where the suite runs as root. */
static void test_unreadable_lock_is_held(void **state)
{
	struct fixture *f = *state;
	write_lock(f->lock, 1, "elsewhere.example", "jsmith", "2023-09-21T10:15:00Z");
	assert_int_equal(chmod(f->lock, 0), 0);
	bool as_root = geteuid() == 0;
	if (as_root)
		assert_int_equal(chmod(f->dir, 0777), 0);
	int pipefd[2];
	assert_int_equal(pipe(pipefd), 0);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		close(pipefd[0]);
		if (as_root && (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
			_exit(77);
		if (access(f->lock, R_OK) == 0)
			_exit(77); /* root without a way to be someone else */
		struct ar_lock *lock = (struct ar_lock *)1;
		struct ar_lock_holder holder;
		struct ar_error err;
		enum ar_rc rc = ar_lock_acquire(f->file, 0, &lock, &holder, &err);
		ar_write_all(pipefd[1], err.message, strlen(err.message));
		_exit(rc == AR_ELOCKED && lock == NULL && holder.pid == 0 && holder.read_errno == EACCES ? 0 : 1);
	}
	close(pipefd[1]);
	char message[AR_ERROR_MESSAGE_MAX + 1] = "";
	size_t got = 0;
	ssize_t n;
	while ((n = read(pipefd[0], message + got, sizeof message - 1 - got)) > 0)
		got += (size_t)n;
	message[got] = '\0';
	close(pipefd[0]);
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		skip();
	assert_int_equal(WEXITSTATUS(status), 0);
	char want[AR_ERROR_MESSAGE_MAX];
	snprintf(want, sizeof want, "%s is locked, but its lock file %s.lock cannot be read (%s): if no artrack is "
	         "using the file, remove the lock file", f->file, f->file, strerror(EACCES));
	assert_string_equal(message, want);
	assert_true(exists(f->lock));
}

static void test_taken_over_lock_is_not_removed(void **state)
{
	struct fixture *f = *state;
	struct ar_lock *mine, *theirs;
	struct ar_error err;
	assert_int_equal(ar_lock_acquire(f->file, 0, &mine, NULL, &err), AR_OK);
	/* Another instance is told to take over; ours is no longer held. */
	assert_int_equal(ar_lock_acquire(f->file, AR_LOCK_TAKE_OVER, &theirs, NULL, &err), AR_OK);
	assert_false(ar_lock_is_held(mine));
	assert_true(ar_lock_is_held(theirs));
	ar_lock_release(mine);
	assert_true(exists(f->lock));
	assert_true(ar_lock_is_held(theirs));
	ar_lock_release(theirs);
	assert_false(exists(f->lock));
}

static void test_forked_child_never_releases(void **state)
{
	struct fixture *f = *state;
	struct ar_lock *lock;
	struct ar_error err;
	assert_int_equal(ar_lock_acquire(f->file, 0, &lock, NULL, &err), AR_OK);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		/* As an editor child that failed to exec might. */
		ar_lock_release_from_signal();
		ar_lock_release(lock);
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(exists(f->lock));
	ar_lock_release(lock);
	assert_false(exists(f->lock));
}

static void on_term(int sig)
{
	ar_lock_release_from_signal();
}

static void test_release_from_signal(void **state)
{
	struct fixture *f = *state;
	struct ar_lock *lock;
	struct ar_error err;
	assert_int_equal(ar_lock_acquire(f->file, 0, &lock, NULL, &err), AR_OK);
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGTERM, &sa, &old), 0);
	raise(SIGTERM);
	sigaction(SIGTERM, &old, NULL);
	assert_false(exists(f->lock));
	/* Releasing afterwards finds nothing to do, and frees the value. */
	ar_lock_release(lock);

	/* A lock someone else took over is left alone by the handler too. */
	assert_int_equal(ar_lock_acquire(f->file, 0, &lock, NULL, &err), AR_OK);
	write_lock(f->lock, 1, "elsewhere.example", "jsmith", "2023-09-21T10:15:00Z");
	ar_lock_release_from_signal();
	assert_true(exists(f->lock));
	ar_lock_release(lock);
	assert_true(exists(f->lock));
}

static void test_symlink_and_unwritable_folder(void **state)
{
	struct fixture *f = *state;
	char real[200], real_lock[220];
	snprintf(real, sizeof real, "%s/real.yaml", f->dir);
	snprintf(real_lock, sizeof real_lock, "%s.lock", real);
	assert_int_equal(symlink("real.yaml", f->file), 0);
	struct ar_lock *lock, *other;
	struct ar_error err;
	assert_int_equal(ar_lock_acquire(f->file, 0, &lock, NULL, &err), AR_OK);
	assert_string_equal(ar_lock_path(lock), real_lock);
	/* The same file by its other name is the same lock. */
	assert_int_equal(ar_lock_acquire(real, 0, &other, NULL, &err), AR_ELOCKED);
	ar_lock_release(lock);
	assert_false(exists(real_lock));

	assert_int_equal(ar_lock_acquire("/nonexistent-artrack-dir/t.yaml", 0, &lock, NULL, &err), AR_EIO);
	assert_null(lock);
	assert_non_null(strstr(err.message, "/nonexistent-artrack-dir/t.yaml.lock"));
	assert_non_null(strstr(err.message, strerror(ENOENT)));
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_acquire_and_release, setup, teardown),
		cmocka_unit_test_setup_teardown(test_held_by_live_process, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_lock_taken_over, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zombie_holder_is_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_host_not_stolen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbled_lock_is_held, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_lock_is_held, setup, teardown),
		cmocka_unit_test_setup_teardown(test_taken_over_lock_is_not_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forked_child_never_releases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_release_from_signal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_and_unwritable_folder, setup, teardown),
	};
	return cmocka_run_group_tests_name("lock", tests, NULL, NULL);
}
