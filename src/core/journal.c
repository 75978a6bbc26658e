/* journal.c - unsaved edits appended beside the file (see journal.h).
 *
 * Each record is written with one write() before the edit returns, so after
 * kill -9 or a closed terminal the kernel has it; a thread of the journal's
 * own then flushes it to disk with fdatasync() (which costs milliseconds the
 * officer should not wait for at every key), so after a power cut the disk
 * has it too, a moment later.  Closing the journal waits for that flush.  Records hold states, not operations: replaying
 * "item 21 is now V" twice, or after an undo record, gives the same result,
 * and a journal cut anywhere replays to the state after its last whole step.
 */
#include "config.h"

#include "artrack/journal.h"
#include "artrack/item_lines.h"
#include "artrack/alloc.h"
#include "artrack/filesafe.h"
#include "artrack/compare.h"
#include "artrack/hash.h"
#include "artrack/yamlio.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAGIC "artrack journal 1\n"

struct ar_journal {
	char *path;                  /* FILE.journal */
	int fd;                      /* -1: not started (no step since the last save) */
	uint64_t size, hash;         /* the file the steps apply to */
	struct ar_buf record;
	bool failed;
	char error[AR_ERROR_MESSAGE_MAX];
	/* a step since the last discard that is not (surely) in the file: a
	 * later step records only what it touched, so the gap stays */
	bool missing_step;
	/* a record since the last discard held the tracker's own fields: every
	 * later one holds them too (the last record's state is the one replayed) */
	bool head_kept;
	/* the officer's changes the journal holds (a record's count, summed),
	 * and how many the next record stands for when not 1 */
	size_t changes, next_changes;
	/* the flushing thread: records written and records on disk */
	pthread_t syncer;
	bool syncing;
	pthread_mutex_t mutex;
	pthread_cond_t wake, synced_cond;
	unsigned long written, synced;
	bool folder_pending;         /* the journal's name is new: flush its folder too */
	bool stop;
	int sync_errno;
};

static void flush_folder_of(const char *path);

static void *sync_loop(void *arg)
{
	struct ar_journal *j = arg;
	pthread_mutex_lock(&j->mutex);
	for (;;) {
		while (!j->stop && j->synced == j->written)
			pthread_cond_wait(&j->wake, &j->mutex);
		if (j->synced == j->written)
			break;
		unsigned long target = j->written;
		int fd = j->fd;
		bool folder = j->folder_pending;
		j->folder_pending = false;
		pthread_mutex_unlock(&j->mutex);
		int rc = fdatasync(fd);
		int saved = errno;
		if (rc == 0 && folder)
			flush_folder_of(j->path);
		pthread_mutex_lock(&j->mutex);
		if (rc != 0 && !j->sync_errno)
			j->sync_errno = saved;
		j->synced = target;
		pthread_cond_broadcast(&j->synced_cond);
	}
	pthread_mutex_unlock(&j->mutex);
	return NULL;
}

/* Every record written is on disk (the flushing thread has caught up). */
static void wait_synced(struct ar_journal *j)
{
	if (!j->syncing)
		return;
	pthread_mutex_lock(&j->mutex);
	while (j->synced != j->written)
		pthread_cond_wait(&j->synced_cond, &j->mutex);
	pthread_mutex_unlock(&j->mutex);
}

static void stop_syncer(struct ar_journal *j)
{
	if (!j->syncing)
		return;
	pthread_mutex_lock(&j->mutex);
	j->stop = true;
	pthread_cond_signal(&j->wake);
	pthread_mutex_unlock(&j->mutex);
	pthread_join(j->syncer, NULL);
	j->syncing = false;
	j->stop = false;
}

char *ar_journal_path(const char *path)
{
	struct ar_buf b = {0};
	ar_buf_addf(&b, "%s.journal", path);
	return ar_buf_steal(&b, NULL);
}

struct ar_journal *ar_journal_new(const char *path, uint64_t size, uint64_t hash)
{
	struct ar_journal *j = ar_xcalloc(1, sizeof *j);
	j->path = ar_journal_path(path);
	j->fd = -1;
	j->size = size;
	j->hash = hash;
	pthread_mutex_init(&j->mutex, NULL);
	pthread_cond_init(&j->wake, NULL);
	pthread_cond_init(&j->synced_cond, NULL);
	return j;
}

static void journal_close(struct ar_journal *j)
{
	stop_syncer(j);
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
}

void ar_journal_free(struct ar_journal *j)
{
	if (!j)
		return;
	journal_close(j);
	ar_buf_free(&j->record);
	pthread_mutex_destroy(&j->mutex);
	pthread_cond_destroy(&j->wake);
	pthread_cond_destroy(&j->synced_cond);
	free(j->path);
	free(j);
}

static void flush_folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *folder = slash ? ar_xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : ar_xstrdup(".");
	int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(folder);
}

/* The header naming the file the steps apply to, written at fd. */
static int write_header(const struct ar_journal *j, int fd)
{
	char head[128];
	int n = snprintf(head, sizeof head, MAGIC "base %" PRIu64 " %016" PRIx64 "\n", j->size, j->hash);
	return ar_write_all(fd, head, (size_t)n);
}

/* fd, whose header is on disk under the journal's name, takes the records
 * from now on; the flushing thread starts. */
static void journal_take(struct ar_journal *j, int fd)
{
	j->fd = fd;
	j->written = j->synced = 0;
	j->sync_errno = 0;
	j->syncing = pthread_create(&j->syncer, NULL, sync_loop, j) == 0;
}

/* Create the journal with its header, and make its name durable. */
static enum ar_rc journal_start(struct ar_journal *j, struct ar_error *err)
{
	int fd = open(j->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		ar_error_set(err, 0, 0, "cannot keep unsaved edits in %s: %s", j->path, strerror(errno));
		return AR_EIO;
	}
	if (write_header(j, fd) != 0 || fdatasync(fd) != 0) {
		ar_error_set(err, 0, 0, "cannot keep unsaved edits in %s: %s", j->path, strerror(errno));
		close(fd);
		unlink(j->path);
		return AR_EIO;
	}
	flush_folder_of(j->path);
	journal_take(j, fd);
	return AR_OK;
}

static bool seen_date(const ar_date *dates, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (dates[k] == dates[i])
			return true;
	return false;
}

/* An item a step touched, and where it is now (-1: gone). */
struct touched {
	long id, position;
};

/* Gone items first, then the others by position: replayed in this order,
 * each insertion lands where it is now, the items before it already in
 * place. */
static int touched_order(const void *a, const void *b)
{
	const struct touched *x = a, *y = b;
	if (x->position != y->position)
		return (x->position > y->position) - (x->position < y->position);
	return (x->id > y->id) - (x->id < y->id);
}

/* The "tracker" op: the tracker's own fields (when head) and the unknown
 * keys of the meetings a step touched that are there now, as a tracker
 * with no items written by the saver; nothing when there is neither. */
static enum ar_rc add_tracker_op(struct ar_buf *r, const struct ar_tracker *t, bool head, const ar_date *meetings,
                                 size_t meeting_count, struct ar_error *err)
{
	struct ar_tracker part = *t;
	part.layout = NULL; /* written canonically: this record alone is read back */
	part.item_count = 0;
	part.meetings = ar_xcalloc(meeting_count + 1, sizeof *part.meetings);
	part.meeting_count = 0;
	for (size_t i = 0; i < meeting_count; i++) {
		const struct ar_meeting *m = ar_tracker_find_meeting(t, meetings[i]);
		if (m && !seen_date(meetings, i))
			part.meetings[part.meeting_count++] = *m;
	}
	enum ar_rc rc = AR_OK;
	if (head || part.meeting_count) {
		struct ar_buf yaml = {0};
		struct ar_error yerr;
		if (ar_save_buffer(&part, &yaml, &yerr) != AR_OK) {
			ar_error_set(err, 0, 0, "cannot keep unsaved edits: %s", yerr.message);
			rc = AR_EIO;
		} else {
			ar_buf_addf(r, "tracker %zu\n", yaml.len);
			ar_buf_add(r, yaml.data, yaml.len);
			ar_buf_addc(r, '\n');
		}
		ar_buf_free(&yaml);
	}
	free(part.meetings);
	return rc;
}

/* The record of the state, now, of the items (ids, which may repeat) and
 * meetings a step touched, and of the tracker's own fields when head, in
 * j->record from "step" to "end". */
static enum ar_rc build_record(struct ar_journal *j, const struct ar_tracker *t, const long *ids, size_t id_count,
                               const ar_date *meetings, size_t meeting_count, bool head, size_t changes,
                               struct ar_error *err)
{
	struct ar_buf *r = &j->record;
	ar_buf_reset(r);
	char date[AR_DATE_TEXT_MAX];
	if (changes == 1)
		ar_buf_addf(r, "step %lld\n", (long long)time(NULL));
	else
		ar_buf_addf(r, "step %lld %zu\n", (long long)time(NULL), changes);
	/* meetings added first (items may name them), removed last */
	for (size_t i = 0; i < meeting_count; i++) {
		const struct ar_meeting *m = ar_tracker_find_meeting(t, meetings[i]);
		if (!m || seen_date(meetings, i))
			continue;
		ar_buf_addf(r, "meeting %s %ld\n", ar_date_format(m->date, date), m->title ? (long)strlen(m->title) : -1L);
		if (m->title)
			ar_buf_adds(r, m->title);
		ar_buf_addc(r, '\n');
	}
	if (add_tracker_op(r, t, head, meetings, meeting_count, err) != AR_OK)
		return AR_EIO;
	struct touched *items = ar_xcalloc(id_count + 1, sizeof *items);
	for (size_t i = 0; i < id_count; i++)
		items[i] = (struct touched){.id = ids[i], .position = ar_tracker_find_index(t, ids[i])};
	qsort(items, id_count, sizeof *items, touched_order);
	struct ar_buf yaml = {0};
	struct ar_error yerr;
	enum ar_rc rc = AR_OK;
	for (size_t i = 0; i < id_count && rc == AR_OK; i++) {
		if (i > 0 && items[i].id == items[i - 1].id)
			continue; /* sorted: a repeat is next to its first */
		if (items[i].position < 0) {
			ar_buf_addf(r, "gone %ld\n", items[i].id);
			continue;
		}
		ar_buf_reset(&yaml);
		/* an item written in the editor with its comments (E): as written */
		const struct ar_item *it = t->items[items[i].position];
		if ((it->lines ? ar_item_to_yaml_kept(t, it, &yaml, &yerr) : ar_item_to_yaml(t, it, &yaml, &yerr)) != AR_OK) {
			ar_error_set(err, 0, 0, "cannot keep unsaved edits in %s: %s", j->path, yerr.message);
			rc = AR_EIO;
			break;
		}
		ar_buf_addf(r, "item %ld %ld %zu\n", items[i].id, items[i].position, yaml.len);
		ar_buf_add(r, yaml.data, yaml.len);
		ar_buf_addc(r, '\n');
	}
	ar_buf_free(&yaml);
	free(items);
	if (rc != AR_OK)
		return rc;
	for (size_t i = 0; i < meeting_count; i++)
		if (!ar_tracker_find_meeting(t, meetings[i]) && !seen_date(meetings, i))
			ar_buf_addf(r, "nomeeting %s\n", ar_date_format(meetings[i], date));
	ar_buf_addf(r, "end %016" PRIx64 "\n", ar_hash64(AR_HASH_INIT, r->data, r->len));
	return AR_OK;
}

/* A record is written at j->fd: have it flushed to disk (and, when folder,
 * the journal's new name in its folder) by the journal's thread, or here
 * when there is none.  AR_EIO when an earlier flush failed. */
static enum ar_rc record_written(struct ar_journal *j, bool folder, struct ar_error *err)
{
	if (!j->syncing) {
		if (fdatasync(j->fd) != 0) {
			ar_error_set(err, 0, 0, "cannot keep unsaved edits in %s: %s", j->path, strerror(errno));
			return AR_EIO;
		}
		if (folder)
			flush_folder_of(j->path);
		return AR_OK;
	}
	pthread_mutex_lock(&j->mutex);
	int lost = j->sync_errno;
	j->sync_errno = 0;
	j->written++;
	j->folder_pending |= folder;
	pthread_cond_signal(&j->wake);
	pthread_mutex_unlock(&j->mutex);
	if (lost) {
		ar_error_set(err, 0, 0, "unsaved edits in %s may not survive a power cut: %s", j->path, strerror(lost));
		return AR_EIO;
	}
	return AR_OK;
}

static enum ar_rc record_step(struct ar_journal *j, const struct ar_tracker *t, const long *ids, size_t id_count,
                              const ar_date *meetings, size_t meeting_count, struct ar_error *err)
{
	ar_error_clear(err);
	if (j->fd < 0 && journal_start(j, err) != AR_OK)
		return AR_EIO;
	size_t changes = j->next_changes ? j->next_changes : 1;
	j->next_changes = 0;
	if (build_record(j, t, ids, id_count, meetings, meeting_count, j->head_kept, changes, err) != AR_OK)
		return AR_EIO;
	struct ar_buf *r = &j->record;
	if (ar_write_all(j->fd, r->data, r->len) != 0) {
		ar_error_set(err, 0, 0, "cannot keep unsaved edits in %s: %s", j->path, strerror(errno));
		return AR_EIO;
	}
	j->changes += changes;
	return record_written(j, false, err);
}

enum ar_rc ar_journal_record(struct ar_journal *j, const struct ar_tracker *t, const long *ids, size_t id_count,
                             const ar_date *meetings, size_t meeting_count, struct ar_error *err)
{
	enum ar_rc rc = record_step(j, t, ids, id_count, meetings, meeting_count, err);
	if (rc != AR_OK)
		j->missing_step = true;
	return rc;
}

bool ar_journal_holds_all(struct ar_journal *j)
{
	if (!j || j->fd < 0 || j->missing_step)
		return false;
	if (!j->syncing)
		return true; /* each record was flushed as it was written */
	wait_synced(j);
	pthread_mutex_lock(&j->mutex);
	bool lost = j->sync_errno != 0;
	pthread_mutex_unlock(&j->mutex);
	return !lost;
}

/* Write the journal whole (header, then the record built) beside it and
 * rename it into place, so that a crash leaves either the old journal or
 * this one, never a mix or none.  As for every record, the kernel has it
 * when this returns and the journal's thread then flushes it (and its new
 * name) to disk, so the officer does not wait for the disk. */
static enum ar_rc replace_journal(struct ar_journal *j, struct ar_error *err)
{
	struct ar_buf temp = {0};
	ar_buf_addf(&temp, "%s.new", j->path);
	/* only this session writes it (the file's lock): a leftover is ours */
	int fd = open(temp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	enum ar_rc rc;
	if (fd < 0 || write_header(j, fd) != 0 || ar_write_all(fd, j->record.data, j->record.len) != 0 ||
	    rename(temp.data, j->path) != 0) {
		ar_error_set(err, 0, 0, "cannot keep unsaved edits in %s: %s", j->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(temp.data);
		rc = AR_EIO;
	} else {
		journal_take(j, fd);
		rc = record_written(j, true, err);
	}
	ar_buf_free(&temp);
	return rc;
}

enum ar_rc ar_journal_restart(struct ar_journal *j, const struct ar_edits *edits, uint64_t size, uint64_t hash,
                              struct ar_error *err)
{
	ar_error_clear(err);
	journal_close(j); /* the old journal stays until the new one replaces it */
	j->size = size;
	j->hash = hash;
	j->missing_step = false;
	j->head_kept = ar_edits_head_changed(edits);
	if (!ar_edits_is_dirty(edits)) {
		j->changes = j->next_changes = 0;
		if (unlink(j->path) == 0)
			flush_folder_of(j->path);
		return AR_OK;
	}
	long *ids;
	ar_date *meetings;
	size_t id_count, meeting_count;
	enum ar_rc rc = AR_EIO;
	/* the one step stands for every change of the officer's it carries */
	size_t changes = j->next_changes ? j->next_changes : j->changes ? j->changes : 1;
	j->next_changes = 0;
	if (!ar_edits_touched_since_saved(edits, &ids, &id_count, &meetings, &meeting_count))
		ar_error_set(err, 0, 0, "cannot keep unsaved edits in %s: the state they start from is gone", j->path);
	else if (build_record(j, ar_edits_tracker(edits), ids, id_count, meetings, meeting_count, j->head_kept,
	                      changes, err) == AR_OK)
		rc = replace_journal(j, err);
	if (rc == AR_OK)
		j->changes = changes;
	free(ids);
	free(meetings);
	if (rc != AR_OK)
		j->missing_step = true;
	return rc;
}

size_t ar_journal_changes(const struct ar_journal *j)
{
	return j ? j->changes : 0;
}

void ar_journal_counts_next(struct ar_journal *j, size_t changes)
{
	j->next_changes = changes;
}

void ar_journal_sync(struct ar_journal *j)
{
	wait_synced(j);
}

static void follow(void *ctx, const struct ar_edits *edits, const long *ids, size_t id_count,
                   const ar_date *meetings, size_t meeting_count)
{
	struct ar_journal *j = ctx;
	/* back at the saved state (undone to it): nothing left to keep */
	if (!ar_edits_is_dirty(edits)) {
		ar_journal_discard(j);
		return;
	}
	struct ar_error err;
	j->head_kept |= ar_edits_head_changed(edits);
	if (ar_journal_record(j, ar_edits_tracker(edits), ids, id_count, meetings, meeting_count, &err) != AR_OK) {
		j->failed = true;
		snprintf(j->error, sizeof j->error, "%s", err.message);
	}
}

void ar_journal_follow(struct ar_journal *j, struct ar_edits *edits)
{
	ar_edits_observe(edits, follow, j);
}

const char *ar_journal_error(struct ar_journal *j)
{
	if (!j || !j->failed)
		return NULL;
	j->failed = false;
	return j->error;
}

void ar_journal_saved(struct ar_journal *j, uint64_t size, uint64_t hash)
{
	ar_journal_discard(j);
	j->size = size;
	j->hash = hash;
}

void ar_journal_discard(struct ar_journal *j)
{
	if (!j)
		return;
	bool had = j->fd >= 0;
	journal_close(j);
	j->missing_step = false; /* nothing unsaved is left to miss */
	j->head_kept = false;
	j->changes = j->next_changes = 0;
	if (had && unlink(j->path) == 0)
		flush_folder_of(j->path);
}

/* ---- reading ---- */

struct reader {
	const char *p, *end;
};

/* The next line (without its '\n') or false at the end. */
static bool next_line(struct reader *r, const char **line, size_t *len)
{
	if (r->p >= r->end)
		return false;
	const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	if (!nl)
		return false;
	*line = r->p;
	*len = (size_t)(nl - r->p);
	r->p = nl + 1;
	return true;
}

/* Take n bytes and the '\n' after them. */
static bool take_bytes(struct reader *r, size_t n, const char **bytes)
{
	if ((size_t)(r->end - r->p) < n + 1 || r->p[n] != '\n')
		return false;
	*bytes = r->p;
	r->p += n + 1;
	return true;
}

enum op_kind { OP_MEETING, OP_TRACKER, OP_ITEM, OP_GONE, OP_NOMEETING };

struct op {
	enum op_kind kind;
	long id, position;
	ar_date date;
	const char *bytes;          /* title or YAML */
	long len;                   /* -1: no title */
};

struct journal_data {
	struct ar_buf text;
	uint64_t size, hash;
	struct op *ops;
	size_t op_count, op_cap;
	size_t steps;
	int64_t time;
};

static bool parse_date(const char *s, size_t len, ar_date *out)
{
	return ar_date_parse(s, len, false, out);
}

/* One record starting at r; appends its ops and returns true when it is
 * whole (its checksum matches). */
static bool read_record(struct reader *r, struct journal_data *d)
{
	const char *start = r->p, *line;
	size_t len, first_op = d->op_count;
	long long when;
	char buf[64];
	if (!next_line(r, &line, &len) || len >= sizeof buf || len < 6 || memcmp(line, "step ", 5) != 0)
		return false;
	memcpy(buf, line, len);
	buf[len] = '\0';
	size_t changes = 1; /* "step TIME" stands for one change */
	int got = sscanf(buf, "step %lld %zu", &when, &changes);
	if (got < 1 || changes == 0)
		return false;
	for (;;) {
		const char *op_start = r->p;
		if (!next_line(r, &line, &len) || len >= sizeof buf)
			goto torn;
		memcpy(buf, line, len);
		buf[len] = '\0';
		struct op op = {0};
		unsigned long long sum;
		char word[16], datebuf[16];
		if (sscanf(buf, "end %llx", &sum) == 1) {
			if (ar_hash64(AR_HASH_INIT, start, (size_t)(op_start - start)) != (uint64_t)sum)
				goto torn;
			d->steps += changes;
			d->time = when;
			return true;
		}
		if (sscanf(buf, "%15s", word) != 1)
			goto torn;
		if (strcmp(word, "item") == 0) {
			size_t n;
			if (sscanf(buf, "item %ld %ld %zu", &op.id, &op.position, &n) != 3 || !take_bytes(r, n, &op.bytes))
				goto torn;
			op.kind = OP_ITEM;
			op.len = (long)n;
		} else if (strcmp(word, "tracker") == 0) {
			size_t n;
			if (sscanf(buf, "tracker %zu", &n) != 1 || !take_bytes(r, n, &op.bytes))
				goto torn;
			op.kind = OP_TRACKER;
			op.len = (long)n;
		} else if (strcmp(word, "gone") == 0) {
			if (sscanf(buf, "gone %ld", &op.id) != 1)
				goto torn;
			op.kind = OP_GONE;
		} else if (strcmp(word, "meeting") == 0) {
			if (sscanf(buf, "meeting %15s %ld", datebuf, &op.len) != 2 ||
			    !parse_date(datebuf, strlen(datebuf), &op.date) || op.len < -1 ||
			    (op.len >= 0 && !take_bytes(r, (size_t)op.len, &op.bytes)) ||
			    (op.len < 0 && !take_bytes(r, 0, &op.bytes)))
				goto torn;
			op.kind = OP_MEETING;
		} else if (strcmp(word, "nomeeting") == 0) {
			if (sscanf(buf, "nomeeting %15s", datebuf) != 1 || !parse_date(datebuf, strlen(datebuf), &op.date))
				goto torn;
			op.kind = OP_NOMEETING;
		} else {
			goto torn;
		}
		AR_GROW(d->ops, d->op_cap, d->op_count + 1, 32);
		d->ops[d->op_count++] = op;
	}
torn:
	d->op_count = first_op;
	return false;
}


/* A record written as the officer wrote the item in the editor (not as
 * ar_item_to_yaml writes it) gives the item those lines back. */
static void keep_lines(struct ar_tracker *t, struct ar_item *item, const char *bytes, size_t len)
{
	struct ar_buf canonical = {0};
	struct ar_error err;
	if (ar_item_to_yaml(t, item, &canonical, &err) == AR_OK &&
	    (canonical.len != len || memcmp(canonical.data, bytes, len) != 0))
		item->lines = ar_item_lines_new(t, bytes, len, item);
	ar_buf_free(&canonical);
}

/* Read the journal of path: false when there is none or it is not one. */
static bool journal_read_file(const char *jpath, struct journal_data *d)
{
	memset(d, 0, sizeof *d);
	if (ar_read_file(jpath, &d->text) != 0)
		return false;
	struct reader r = {d->text.data, d->text.data + d->text.len};
	const char *line;
	size_t len;
	char buf[80];
	unsigned long long size, hash;
	if (!next_line(&r, &line, &len) || len + 1 != strlen(MAGIC) || memcmp(line, MAGIC, len) != 0 ||
	    !next_line(&r, &line, &len) || len >= sizeof buf)
		return false;
	memcpy(buf, line, len);
	buf[len] = '\0';
	if (sscanf(buf, "base %llu %llx", &size, &hash) != 2)
		return false;
	d->size = size;
	d->hash = hash;
	while (read_record(&r, d))
		;
	return true;
}

/* Read the journal of the tracker at path. */
static bool journal_read(const char *path, struct journal_data *d)
{
	char *jpath = ar_journal_path(path);
	bool ok = journal_read_file(jpath, d);
	free(jpath);
	return ok;
}


static void journal_data_free(struct journal_data *d)
{
	ar_buf_free(&d->text);
	free(d->ops);
}

void ar_journal_recover(const char *path)
{
	char *jpath = ar_journal_path(path);
	struct ar_buf fresh = {0};
	ar_buf_addf(&fresh, "%s.new", jpath);
	struct journal_data d;
	bool whole = journal_read_file(fresh.data, &d) && d.steps > 0;
	bool there = d.text.len > 0 || access(fresh.data, F_OK) == 0;
	journal_data_free(&d);
	/* written after the last step of the journal it was to replace */
	if (there && whole && rename(fresh.data, jpath) == 0)
		flush_folder_of(jpath);
	else if (there)
		unlink(fresh.data);
	ar_buf_free(&fresh);
	free(jpath);
}

/* A "tracker" op: the tracker's own fields and the meetings it holds (their
 * titles and unknown keys) made as it has them. */
static enum ar_rc replay_tracker(struct ar_edits *edits, const char *bytes, size_t len, struct ar_error *err)
{
	struct ar_tracker *part = NULL, *t = ar_edits_tracker(edits);
	struct ar_diags diags = {0};
	if (ar_load_buffer(bytes, len, &part, &diags) != AR_OK) {
		ar_error_set(err, 0, 0, "the tracker's own fields in the unsaved edits do not fit: %s",
		             diags.count ? diags.items[0].message : "not valid");
		ar_diags_free(&diags);
		ar_tracker_free(part);
		return AR_EDATA;
	}
	ar_diags_free(&diags);
	enum ar_rc rc = AR_OK;
	for (size_t f = 0; f < ar_tracker_field_count && rc == AR_OK; f++)
		if (!ar_tracker_fields[f].equal(t, part))
			rc = ar_edits_take_tracker_field(edits, part, ar_tracker_fields[f].name);
	for (int side = 0; side < 2 && rc == AR_OK; side++) {
		const struct ar_extras *x = side ? &t->extras : &part->extras;
		for (size_t i = 0; i < x->count && rc == AR_OK; i++) {
			const struct ar_extra *a = ar_extras_find(&t->extras, x->items[i].key);
			const struct ar_extra *b = ar_extras_find(&part->extras, x->items[i].key);
			if (!a || !b || !ar_node_equal(a->value, b->value))
				rc = ar_edits_take_tracker_field(edits, part, x->items[i].key);
		}
	}
	for (size_t i = 0; i < part->meeting_count && rc == AR_OK; i++) {
		const struct ar_meeting *here = ar_tracker_find_meeting(t, part->meetings[i].date);
		if (!here || !ar_meeting_equal(here, &part->meetings[i]))
			rc = ar_edits_take_meeting(edits, part, part->meetings[i].date, NULL, err);
	}
	ar_tracker_free(part);
	return rc;
}

bool ar_journal_find(const char *path, uint64_t size, uint64_t hash, struct ar_journal_found *found)
{
	struct journal_data d;
	bool ok = journal_read(path, &d) && d.steps > 0;
	if (ok) {
		found->steps = d.steps;
		found->time = d.time;
		found->matches = d.size == size && d.hash == hash;
	}
	journal_data_free(&d);
	return ok;
}

enum ar_rc ar_journal_replay(const char *path, struct ar_edits *edits, size_t *steps, struct ar_error *err)
{
	ar_error_clear(err);
	struct journal_data d;
	if (!journal_read(path, &d)) {
		journal_data_free(&d);
		ar_error_set(err, 0, 0, "no unsaved edits of %s to restore", path);
		return AR_EDATA;
	}
	struct ar_tracker *t = ar_edits_tracker(edits);
	char label[64];
	snprintf(label, sizeof label, "restore %zu unsaved change%s", d.steps, d.steps == 1 ? "" : "s");
	ar_edits_begin(edits, label);
	enum ar_rc rc = AR_OK;
	for (size_t i = 0; i < d.op_count && rc == AR_OK; i++) {
		const struct op *op = &d.ops[i];
		switch (op->kind) {
		case OP_MEETING: {
			/* added, or (a merge conflict resolved) given another title */
			char *title = op->len >= 0 ? ar_xstrndup(op->bytes, (size_t)op->len) : NULL;
			if (!ar_tracker_find_meeting(t, op->date))
				rc = ar_edits_add_meeting(edits, op->date, title, err);
			else
				rc = ar_edits_set_meeting_title(edits, op->date, title, err);
			free(title);
			break;
		}
		case OP_TRACKER:
			rc = replay_tracker(edits, op->bytes, (size_t)op->len, err);
			break;
		case OP_NOMEETING:
			if (ar_tracker_find_meeting(t, op->date))
				rc = ar_edits_remove_meeting(edits, op->date, err);
			break;
		case OP_GONE:
			if (ar_tracker_find_index(t, op->id) >= 0)
				rc = ar_edits_remove_item(edits, op->id, err);
			break;
		case OP_ITEM: {
			struct ar_item *item = NULL;
			struct ar_diags diags = {0};
			if (ar_item_from_yaml(t, op->bytes, (size_t)op->len, op->id, &item, &diags) != AR_OK) {
				ar_error_set(err, 0, 0, "item %ld in the unsaved edits does not fit the file: %s", op->id,
				             diags.count ? diags.items[0].message : "not valid");
				rc = AR_EDATA;
			} else if (ar_tracker_find_index(t, op->id) >= 0) {
				keep_lines(t, item, op->bytes, (size_t)op->len);
				rc = ar_edits_replace_item(edits, op->id, item, err);
			} else {
				keep_lines(t, item, op->bytes, (size_t)op->len);
				rc = ar_edits_insert_item(edits, op->position < 0 ? 0 : (size_t)op->position, item, err);
			}
			ar_diags_free(&diags);
			break;
		}
		}
	}
	if (rc != AR_OK) {
		ar_edits_cancel(edits);
		if (rc != AR_EDATA)
			rc = AR_EDATA;
	} else {
		ar_edits_end(edits);
		if (steps)
			*steps = d.steps;
	}
	journal_data_free(&d);
	return rc;
}

void ar_journal_format_time(int64_t when, char *out, size_t size)
{
	time_t tt = (time_t)when;
	struct tm tm;
	if (!localtime_r(&tt, &tm) || strftime(out, size, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(out, size, "an earlier session");
}

enum ar_rc ar_journal_set_aside(const char *path, char **aside, struct ar_error *err)
{
	ar_error_clear(err);
	struct journal_data d;
	journal_read(path, &d);
	time_t when = d.time ? (time_t)d.time : time(NULL);
	journal_data_free(&d);
	struct tm tm;
	char stamp[32] = "";
	if (gmtime_r(&when, &tm))
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	char *jpath = ar_journal_path(path);
	struct ar_buf name = {0};
	ar_buf_addf(&name, "%s-%s", jpath, stamp);
	for (int n = 2; access(name.data, F_OK) == 0 && n < 100; n++) {
		ar_buf_reset(&name);
		ar_buf_addf(&name, "%s-%s-%d", jpath, stamp, n);
	}
	enum ar_rc rc = AR_OK;
	if (rename(jpath, name.data) != 0) {
		ar_error_set(err, 0, 0, "cannot set %s aside: %s", jpath, strerror(errno));
		rc = AR_EIO;
	} else {
		flush_folder_of(jpath);
		if (aside) {
			*aside = ar_buf_steal(&name, NULL);
		}
	}
	ar_buf_free(&name);
	free(jpath);
	return rc;
}

enum ar_rc ar_journal_refuse(const char *path, struct ar_error *err)
{
	ar_error_clear(err);
	ar_journal_recover(path);
	struct journal_data d;
	bool found = journal_read(path, &d) && d.steps > 0;
	if (found) {
		char when[40];
		ar_journal_format_time(d.time, when, sizeof when);
		char *jpath = ar_journal_path(path);
		ar_error_set(err, 0, 0,
		             "%s has %zu unsaved change%s from %s in %s (an artrack stopped before saving them); "
		             "open %s in artrack to restore them or set them aside; nothing written",
		             path, d.steps, d.steps == 1 ? "" : "s", when, jpath, path);
		free(jpath);
	}
	journal_data_free(&d);
	return found ? AR_EDATA : AR_OK;
}
