/* lock.c - FILE.lock: who is editing a tracker.
 *
 * Taking over a stale lock must not let two processes both believe they took
 * it.  Unlinking the stale file and creating a new one would: a second
 * process that read the same stale file could unlink the first one's fresh
 * lock.  So the stale file is moved aside with rename() (only one process
 * can move a given file) and compared with what was judged stale; if it is
 * not that file it is put back. */
#include "config.h"

#include "artrack/lock.h"
#include "artrack/alloc.h"
#include "artrack/date.h"
#include "artrack/filesafe.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define LOCK_FILE_MAX 4096      /* more than this is not a lock we wrote */
#define SLOT_COUNT 4            /* locks held at once (save-as holds two briefly) */
#define SLOT_PATH_MAX 4096
#define SLOT_CONTENT_MAX 512

struct ar_lock {
	char *path;                 /* FILE.lock */
	char *content;              /* exactly what we wrote */
	size_t content_len;
	pid_t pid;                  /* the process that took it */
	int slot;                   /* its entry in slots[], or -1 */
};

/* What a signal handler needs, in memory it can use without allocating. */
static struct {
	volatile sig_atomic_t armed;
	pid_t pid;
	char path[SLOT_PATH_MAX];
	char content[SLOT_CONTENT_MAX];
	size_t content_len;
} slots[SLOT_COUNT];

/* ---- the file's text ---- */

static void clean_copy(char *dst, size_t size, const char *src)
{
	/* The format is one line a key: nothing may break a line. */
	size_t i = 0;
	for (; src && src[i] && i + 1 < size; i++)
		dst[i] = ((unsigned char)src[i] < 0x20 || src[i] == 0x7f) ? '?' : src[i];
	dst[i] = '\0';
}

static void this_host(char *buf, size_t size)
{
	char host[256];
	if (gethostname(host, sizeof host) != 0)
		host[0] = '\0';
	host[sizeof host - 1] = '\0';
	clean_copy(buf, size, host[0] ? host : "unknown");
}

static void this_user(char *buf, size_t size)
{
	const struct passwd *pw = getpwuid(geteuid());
	const char *name = pw ? pw->pw_name : getenv("USER");
	if (name && *name) {
		clean_copy(buf, size, name);
		return;
	}
	snprintf(buf, size, "uid %ld", (long)geteuid());
}

static int64_t parse_utc(const char *text)
{
	int y, mo, d, h, mi, s;
	char z;
	if (sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 || z != 'Z' ||
	    mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
		return 0;
	return (int64_t)ar_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

/* Understand a lock file's text; pid stays 0 unless it has a usable pid. */
static void parse_holder(const char *text, size_t len, struct ar_lock_holder *holder)
{
	memset(holder, 0, sizeof *holder);
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *colon = memchr(p, ':', (size_t)(eol - p));
		if (colon && colon + 1 < eol && colon[1] == ' ') {
			size_t klen = (size_t)(colon - p);
			char value[256];
			size_t vlen = (size_t)(eol - colon - 2);
			if (vlen >= sizeof value)
				vlen = sizeof value - 1;
			memcpy(value, colon + 2, vlen);
			value[vlen] = '\0';
			if (klen == 3 && memcmp(p, "pid", 3) == 0) {
				char *stop;
				errno = 0;
				long pid = strtol(value, &stop, 10);
				if (errno == 0 && *stop == '\0' && stop != value && pid > 0)
					holder->pid = pid;
			} else if (klen == 4 && memcmp(p, "host", 4) == 0) {
				clean_copy(holder->host, sizeof holder->host, value);
			} else if (klen == 4 && memcmp(p, "user", 4) == 0) {
				clean_copy(holder->user, sizeof holder->user, value);
			} else if (klen == 5 && memcmp(p, "since", 5) == 0) {
				holder->since = parse_utc(value);
			}
		}
		p = eol + 1;
	}
}

/* ---- reading and writing the file ---- */

/* Read the whole (small) file; -1 with errno on failure.  *len gets at most
 * LOCK_FILE_MAX + 1 bytes, so an oversized file never compares equal. */
static int read_small(const char *path, char *buf, size_t *len)
{
	int fd;
	do
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return -1;
	size_t got = 0;
	while (got < LOCK_FILE_MAX + 1) {
		ssize_t n = read(fd, buf + got, LOCK_FILE_MAX + 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return 0;
}

/* Whether the file at path holds exactly content[0..len). */
static bool file_is(const char *path, const char *content, size_t len)
{
	char *buf = ar_xmalloc(LOCK_FILE_MAX + 1);
	size_t got;
	bool same = read_small(path, buf, &got) == 0 && got == len && memcmp(buf, content, len) == 0;
	free(buf);
	return same;
}

/* Move the stale lock file aside if it still holds stale[0..len); returns
 * whether it was removed.  Anything else found there is put back. */
static bool remove_stale(const char *lock_path, const char *stale, size_t len)
{
	size_t plen = strlen(lock_path);
	char *aside = ar_xmalloc(plen + 8);
	snprintf(aside, plen + 8, "%s.XXXXXX", lock_path);
	int fd = mkstemp(aside);
	if (fd < 0) {
		free(aside);
		return false;
	}
	close(fd);
	bool removed = false;
	if (rename(lock_path, aside) == 0) {
		if (file_is(aside, stale, len)) {
			removed = true;
		} else {
			/* Someone else's fresh lock: back where it was, unless yet
			 * another one appeared meanwhile. */
			if (link(aside, lock_path) != 0 && errno != EEXIST)
				rename(aside, lock_path);
		}
	}
	unlink(aside);
	free(aside);
	return removed;
}

/* Whether /proc says pid has ended and waits only to be reaped (state Z
 * or X).  A process killed with kill -9 stays a zombie until its parent
 * waits for it, and where that parent is gone too (a terminal closed, the
 * multiplexer killed) the system's first process may take its time: the
 * lock of a program that can no longer run is stale all the same.  False
 * where /proc cannot tell. */
static bool pid_is_zombie(long pid)
{
	char path[64], stat[512];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	size_t n = fread(stat, 1, sizeof stat - 1, f);
	fclose(f);
	stat[n] = '\0';
	/* "PID (COMMAND) STATE ...": the command may hold ')' itself */
	const char *close = strrchr(stat, ')');
	return close && close[1] == ' ' && (close[2] == 'Z' || close[2] == 'X');
}

static bool pid_is_dead(long pid)
{
	/* EPERM means it exists but belongs to someone else. */
	if (kill((pid_t)pid, 0) != 0)
		return errno == ESRCH;
	return pid_is_zombie(pid);
}

static void arm_slot(struct ar_lock *lock)
{
	lock->slot = -1;
	if (strlen(lock->path) >= SLOT_PATH_MAX || lock->content_len > SLOT_CONTENT_MAX)
		return;
	for (int i = 0; i < SLOT_COUNT; i++) {
		if (slots[i].armed)
			continue;
		slots[i].pid = lock->pid;
		memcpy(slots[i].path, lock->path, strlen(lock->path) + 1);
		memcpy(slots[i].content, lock->content, lock->content_len);
		slots[i].content_len = lock->content_len;
		slots[i].armed = 1; /* last, so a handler never sees half an entry */
		lock->slot = i;
		return;
	}
}

/* ---- the API ---- */

void ar_lock_sentence(const char *path, const struct ar_lock_holder *holder, const char *outcome, char *buf,
                      size_t size)
{
	const char *sep = outcome ? "; " : "", *end = outcome ? outcome : "";
	if (holder->pid <= 0) {
		char why[128] = "cannot be understood";
		if (holder->read_errno)
			snprintf(why, sizeof why, "cannot be read (%s)", strerror(holder->read_errno));
		snprintf(buf, size, "%s is locked, but its lock file %s.lock %s: if no artrack is using the file, "
		         "remove the lock file%s%s", path, path, why, sep, end);
		return;
	}
	char when[64] = "";
	if (holder->since > 0) {
		time_t t = (time_t)holder->since;
		struct tm tm;
		if (localtime_r(&t, &tm))
			strftime(when, sizeof when, " since %Y-%m-%d %H:%M", &tm);
	}
	snprintf(buf, size, "%s is in use by %s on %s (pid %ld)%s%s%s", path,
	         holder->user[0] ? holder->user : "someone", holder->host[0] ? holder->host : "an unknown host",
	         holder->pid, when, sep, end);
}

enum ar_rc ar_lock_read_holder(const char *lock_path, struct ar_lock_holder *holder, struct ar_error *err)
{
	char *buf = ar_xmalloc(LOCK_FILE_MAX + 1);
	size_t len;
	if (read_small(lock_path, buf, &len) != 0) {
		int saved = errno;
		free(buf);
		ar_error_set(err, 0, 0, "cannot read %s: %s", lock_path, strerror(saved));
		errno = saved;
		return AR_EIO;
	}
	parse_holder(buf, len > LOCK_FILE_MAX ? LOCK_FILE_MAX : len, holder);
	free(buf);
	return AR_OK;
}

enum ar_rc ar_lock_acquire(const char *path, unsigned flags, struct ar_lock **out,
                           struct ar_lock_holder *holder, struct ar_error *err)
{
	*out = NULL;
	ar_error_clear(err);
	char *resolved = ar_path_resolve_links(path);
	if (!resolved) {
		ar_error_set(err, 0, 0, "cannot lock %s: %s", path, strerror(errno));
		return AR_EIO;
	}
	struct ar_buf name = {0};
	ar_buf_adds(&name, resolved);
	ar_buf_adds(&name, ".lock");
	free(resolved);

	char host[256], user[64], since[32];
	this_host(host, sizeof host);
	this_user(user, sizeof user);
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm) || !strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(since, sizeof since, "unknown");
	/* The token tells apart two locks of one process in one second (taken,
	 * released, taken again), so "still ours" is exact. */
	static unsigned serial;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct ar_buf content = {0};
	ar_buf_addf(&content, "pid: %ld\nhost: %s\nuser: %s\nsince: %s\ntoken: %lx.%x\n", (long)getpid(), host,
	            user, since, (unsigned long)ts.tv_nsec, ++serial);

	char *found = ar_xmalloc(LOCK_FILE_MAX + 1);
	struct ar_lock_holder who, replaced;
	memset(&who, 0, sizeof who);
	memset(&replaced, 0, sizeof replaced);
	enum ar_rc rc = AR_EIO;
	int attempt;
	for (attempt = 0; attempt < 8; attempt++) {
		int fd;
		do
			fd = open(name.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
		while (fd < 0 && errno == EINTR);
		if (fd >= 0) {
			if (ar_write_all(fd, content.data, content.len) != 0) {
				ar_error_set(err, 0, 0, "cannot write %s: %s", name.data, strerror(errno));
				close(fd);
				unlink(name.data);
				goto out;
			}
			if (close(fd) != 0 && errno != EINTR) {
				ar_error_set(err, 0, 0, "cannot write %s: %s", name.data, strerror(errno));
				unlink(name.data);
				goto out;
			}
			struct ar_lock *lock = ar_xcalloc(1, sizeof *lock);
			lock->path = ar_buf_steal(&name, NULL);
			lock->content = ar_buf_steal(&content, &lock->content_len);
			lock->pid = getpid();
			arm_slot(lock);
			*out = lock;
			rc = AR_OK;
			goto out;
		}
		if (errno != EEXIST) {
			ar_error_set(err, 0, 0, "cannot create the lock file %s: %s", name.data, strerror(errno));
			goto out;
		}
		size_t len;
		if (read_small(name.data, found, &len) != 0) {
			if (errno == ENOENT)
				continue; /* released meanwhile: try again */
			/* Someone's lock we may not read (another user's, mode 0600):
			 * held by someone unknown, not a failure to lock. */
			memset(&who, 0, sizeof who);
			who.read_errno = errno;
			char message[AR_ERROR_MESSAGE_MAX];
			ar_lock_sentence(path, &who, NULL, message, sizeof message);
			ar_error_set(err, 0, 0, "%s", message);
			rc = AR_ELOCKED;
			goto out;
		}
		parse_holder(found, len > LOCK_FILE_MAX ? LOCK_FILE_MAX : len, &who);
		bool stale = who.pid > 0 && strcmp(who.host, host) == 0 && who.pid != (long)getpid() &&
		             pid_is_dead(who.pid);
		if (!stale && !(flags & AR_LOCK_TAKE_OVER)) {
			char message[AR_ERROR_MESSAGE_MAX];
			ar_lock_sentence(path, &who, NULL, message, sizeof message);
			ar_error_set(err, 0, 0, "%s", message);
			rc = AR_ELOCKED;
			goto out;
		}
		if (remove_stale(name.data, found, len))
			replaced = who;
	}
	ar_error_set(err, 0, 0, "cannot lock %s: its lock file %s keeps changing", path, name.data);
out:
	if (holder)
		*holder = rc == AR_ELOCKED ? who : replaced;
	free(found);
	ar_buf_free(&content);
	ar_buf_free(&name);
	return rc;
}

bool ar_lock_is_held(const struct ar_lock *lock)
{
	return lock && file_is(lock->path, lock->content, lock->content_len);
}

const char *ar_lock_path(const struct ar_lock *lock)
{
	return lock->path;
}

void ar_lock_release(struct ar_lock *lock)
{
	if (!lock)
		return;
	if (lock->pid == getpid()) {
		if (lock->slot >= 0)
			slots[lock->slot].armed = 0;
		if (file_is(lock->path, lock->content, lock->content_len))
			unlink(lock->path);
	}
	free(lock->path);
	free(lock->content);
	free(lock);
}

void ar_lock_release_from_signal(void)
{
	int saved = errno;
	pid_t me = getpid();
	for (int i = 0; i < SLOT_COUNT; i++) {
		if (!slots[i].armed || slots[i].pid != me)
			continue;
		slots[i].armed = 0;
		char buf[SLOT_CONTENT_MAX + 1];
		size_t got = 0;
		int fd = open(slots[i].path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			continue;
		for (;;) {
			ssize_t n = read(fd, buf + got, sizeof buf - got);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
			if (got == sizeof buf)
				break;
		}
		close(fd);
		/* memcmp is not on POSIX's async-signal-safe list: compare by hand. */
		bool same = got == slots[i].content_len;
		for (size_t k = 0; same && k < got; k++)
			same = buf[k] == slots[i].content[k];
		if (same)
			unlink(slots[i].path);
	}
	errno = saved;
}
