/* save_reload.c - the file being edited: its lock when opening, w / Ctrl-S,
 * save as, reload after an outside change, q's question, and the rescue of
 * unsaved changes when the program is ended without being asked.
 *
 *   save_open      the lock (lock.h; held by another artrack: read-only,
 *                  saying who has it) and the file's identity as loaded.
 *   save_file      the lock still ours, then ar_save_tracker_file; a file
 *                  changed on disk is never overwritten: it is reloaded with the unsaved edits
 *                  merged in as `artrack merge` would (ar_edits_reapply_merge)
 *                  and saved, asking only about what both changed (a field
 *                  of an item, a meeting or the tracker, an item whose
 *                  two changes cannot stand together, an item or meeting
 *                  removed on one side and changed on the other: AR_MODE_CHANGED_ON_DISK's
 *                  keys); what cannot be merged is offered to reload anyway
 *                  or save as.
 *   save_may_quit  save, discard or stay when there are unsaved changes.
 * Unsaved edits are also kept step by step in FILE.journal (journal_restore.c).
 *
 * The questions get this module's state as their context.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "artrack/compare.h"
#include "artrack/filesafe.h"
#include "artrack/lock.h"
#include "artrack/text.h"
#include "edits.h"
#include "modes.h"

struct save_reload {
	struct ar_lock *lock;             /* NULL when read-only */
	struct ar_file_identity identity; /* the file as read or last saved */
	char *path;                       /* the file after a save-as (ui->path points here) */
	bool quit_after_save;             /* q then s: quit once saved */

	/* A reload waiting for the officer's word: some edits did not re-apply. */
	struct ar_tracker *reload_tracker;
	struct ar_edits *reload_edits;
	struct ar_load_info reload_info;
	struct ar_file_identity reload_identity;
	struct ar_diags conflicts;
	struct ar_field_choice *choices;  /* fields both changed: the officer's choice */
	size_t choice_count, choice_at;
	bool save_after_reload;           /* w found an outside change: save once merged */

	char *save_as;                    /* the path typed, while asking to replace it */
};

/* ---- start and end ---- */

void save_open(struct ui *ui)
{
	struct save_reload *st = ar_xcalloc(1, sizeof *st);
	ui->saving = st;
	ui->edits = ar_edits_new(ui->tracker);
	ar_edits_set_today(ui->edits, ui->today);
	ar_file_identity_clear(&st->identity);
	if (ui->read_only)
		return;
	struct ar_error err;
	ar_error_clear(&err);
	/* A file this user could not write (no permission, or someone else's,
	 * whose owner a save would take away) is shown, never replaced. */
	if (ar_file_may_replace(ui->path, ui->file_name, &err) != AR_OK) {
		ui->read_only = true;
		ui_message(ui, AR_ROLE_ERROR, "%s; opening read-only", err.message);
		return;
	}
	struct ar_lock_holder holder;
	unsigned flags = ui->options->take_lock ? AR_LOCK_TAKE_OVER : 0;
	enum ar_rc rc = ar_lock_acquire(ui->path, flags, &st->lock, &holder, &err);
	if (rc == AR_ELOCKED) {
		/* The core's sentence with the file's name, not its whole path:
		 * the status line is one row. */
		char who[AR_ERROR_MESSAGE_MAX];
		ar_lock_sentence(ui->file_name, &holder, "opening read-only", who, sizeof who);
		ui->read_only = true;
		ui_message(ui, AR_ROLE_ERROR, "%s", who);
		return;
	}
	if (rc != AR_OK) {
		ui->read_only = true;
		ui_message(ui, AR_ROLE_ERROR, "%s; opening read-only", err.message);
		return;
	}
	if (holder.pid != 0 && ui->options->take_lock)
		ui_message(ui, AR_ROLE_STATUS, "Took over the lock of %s on %s (pid %ld), as --take-lock asked",
		           holder.user[0] ? holder.user : "someone", holder.host[0] ? holder.host : "this host",
		           holder.pid);
	else if (holder.pid != 0)
		ui_message(ui, AR_ROLE_STATUS, "Took over the lock left by process %ld on %s, which is no longer running",
		           holder.pid, holder.host[0] ? holder.host : "this host");
	/* A file still to be made must still not exist when it is written. */
	if (ar_file_identity_record(ui->path, ui->file_missing ? NULL : &ui->load_info, &st->identity, &err) != AR_OK) {
		/* Without it an outside change could not be noticed: no writing. */
		ar_lock_release(st->lock);
		st->lock = NULL;
		ui->read_only = true;
		ui_message(ui, AR_ROLE_ERROR, "%s; opening read-only", err.message);
		return;
	}
	journal_open(ui);
}

static void drop_reload(struct save_reload *st)
{
	ar_edits_free(st->reload_edits);
	ar_tracker_free(st->reload_tracker);
	st->reload_edits = NULL;
	st->reload_tracker = NULL;
	ar_diags_free(&st->conflicts);
	free(st->choices);
	st->choices = NULL;
	st->choice_count = st->choice_at = 0;
}

void save_close(struct ui *ui)
{
	struct save_reload *st = ui->saving;
	if (!st)
		return;
	drop_reload(st);
	journal_close(ui);
	ar_edits_free(ui->edits);
	ui->edits = NULL;
	ar_lock_release(st->lock);
	if (ui->path == st->path)
		ui_set_path(ui, ui->options->path);
	free(st->path);
	free(st->save_as);
	free(st);
	ui->saving = NULL;
}

void save_rescue(struct ui *ui)
{
	struct save_reload *st = ui->saving;
	if (!st || ui->read_only || !ui_unsaved_changes(ui))
		return;
	/* A second, whole copy beside the journal would be left stale once
	 * the next start restores or sets aside the journal. */
	if (journal_keeps_edits(ui)) {
		fprintf(stderr, "artrack: ended with unsaved changes; they are kept in %s.journal and will be offered "
		        "at the next start (%s is as it was)\n", ui->path, ui->path);
		return;
	}
	struct ar_buf rescue = { 0 };
	ar_buf_addf(&rescue, "%s.unsaved", ui->path);
	struct ar_buf yaml = { 0 };
	struct ar_error err;
	ar_error_clear(&err);
	struct ar_write_options options = { .no_backup = true };
	if (ar_save_buffer(ui->tracker, &yaml, &err) == AR_OK
	    && ar_file_write_atomic(rescue.data, yaml.data, yaml.len, &options, &err) == AR_OK)
		fprintf(stderr, "artrack: ended with unsaved changes; they are kept in %s (%s is as it was)\n",
		        rescue.data, ui->path);
	else
		fprintf(stderr, "artrack: ended with unsaved changes, which could not be kept: %s\n", err.message);
	ar_buf_free(&yaml);
	ar_buf_free(&rescue);
}

/* ---- saving ---- */

static void save_write(struct ui *ui);
static void save_as_start(struct ui *ui);
static void reload_start(struct ui *ui);

static void saved(struct ui *ui, const char *how)
{
	struct save_reload *st = ui->saving;
	ar_edits_mark_saved(ui->edits);
	journal_saved(ui, st->identity.size, st->identity.hash);
	ui_message(ui, AR_ROLE_STATUS, "%s", how);
	if (st->quit_after_save) {
		ui->quit = true;
		ui->exit_status = 0;
	}
	st->quit_after_save = false;
}

static void not_saved(struct ui *ui, const char *why)
{
	ui->saving->quit_after_save = false;
	ui_message(ui, AR_ROLE_ERROR, "Not saved: %s", why);
}

static void lock_lost_answer(struct ui *ui, void *ctx, int key)
{
	if (key == 's') {
		save_as_start(ui);
		return;
	}
	not_saved(ui, "another artrack holds the lock on this file");
}

/* Write the file, unless it changed on disk or the lock is no longer ours. */
static void save_write(struct ui *ui)
{
	struct save_reload *st = ui->saving;
	struct ar_error err;
	ar_error_clear(&err);
	if (st->lock && !ar_lock_is_held(st->lock)) {
		ui_message(ui, AR_ROLE_ERROR, "Nothing was written: another artrack took over the lock %s",
		           ar_lock_path(st->lock));
		ui_ask(ui, "s save as another file, Esc cancel", "s", true, lock_lost_answer, ui->saving);
		return;
	}
	enum ar_rc rc = ar_save_tracker_file(ui->tracker, ui->path, &st->identity, &err);
	if (rc == AR_OK) {
		char how[AR_ERROR_MESSAGE_MAX + 100];
		snprintf(how, sizeof how, "Saved %s (as it was before this session: %s~)", ui->file_name, ui->file_name);
		saved(ui, how);
		return;
	}
	if (rc == AR_ECHANGED) {
		/* Someone else saved meanwhile: their change and these edits are
		 * merged as `artrack merge` would, and saved if nothing overlaps. */
		st->save_after_reload = true;
		reload_start(ui);
		return;
	}
	not_saved(ui, err.message);
}

void save_file(struct ui *ui)
{
	if (conflicts_block_save(ui))
		return;
	save_write(ui);
}

static void create_answer(struct ui *ui, void *ctx, int key)
{
	if (key != 'c') {
		ui->quit = true;
		ui->exit_status = 1;
		return;
	}
	save_write(ui);
	if (access(ui->path, F_OK) == 0) {
		ui->file_missing = false;
		ui_message(ui, AR_ROLE_STATUS, "Created %s: M adds a meeting, A an item", ui->file_name);
	}
}

void save_offer_create(struct ui *ui)
{
	char question[AR_ERROR_MESSAGE_MAX];
	snprintf(question, sizeof question, "%s does not exist: c create it (an empty tracker), q quit", ui->file_name);
	ui_ask(ui, question, "cq", true, create_answer, ui->saving);
}

/* ---- reload after an outside change ---- */

/* Put the reloaded tracker, with the edits re-applied, in place. */
static void reload_commit(struct ui *ui)
{
	struct save_reload *st = ui->saving;
	ar_edits_free(ui->edits);
	ui->edits = st->reload_edits;
	st->identity = st->reload_identity;
	ui_replace_tracker(ui, st->reload_tracker, &st->reload_info);
	journal_rebased(ui, st->identity.size, st->identity.hash);
	st->reload_edits = NULL;
	st->reload_tracker = NULL;
	struct ar_buf text = { 0 };
	if (st->conflicts.count == 0 && !ar_edits_is_dirty(ui->edits)) {
		ar_buf_addf(&text, "Reloaded %s (there were no unsaved edits to re-apply)", ui->file_name);
	} else if (st->conflicts.count == 0) {
		ar_buf_addf(&text, "Reloaded %s; your unsaved edits are re-applied (u takes them out, w saves)",
		            ui->file_name);
	} else {
		ar_buf_addf(&text, "Reloaded %s; not re-applied: ", ui->file_name);
		for (size_t i = 0; i < st->conflicts.count; i++)
			ar_buf_addf(&text, "%s%s", i ? "; " : "", st->conflicts.items[i].message);
	}
	ui_message(ui, st->conflicts.count ? AR_ROLE_ERROR : AR_ROLE_STATUS, "%s", text.data);
	ar_buf_free(&text);
	bool save_now = st->save_after_reload && st->conflicts.count == 0;
	st->save_after_reload = false;
	ar_diags_free(&st->conflicts);
	free(st->choices);
	st->choices = NULL;
	st->choice_count = st->choice_at = 0;
	if (save_now) {
		save_write(ui);
		if (!ar_edits_is_dirty(ui->edits))
			ui_message(ui, AR_ROLE_STATUS, "Saved %s: it had changed on disk, so your edits were merged with "
			           "that change (the previous version is kept as %s~)", ui->file_name, ui->file_name);
	}
}

/* ---- fields both changed: the officer chooses ---- */

static void ask_choice(struct ui *ui);

/* v: the view of both values is closed; the same question again. */
static void choice_viewed(struct ui *ui, void *ctx)
{
	(void)ctx;
	ask_choice(ui);
}

static void choice_answer(struct ui *ui, void *ctx, int op)
{
	struct save_reload *st = ctx;
	const struct ar_field_choice *c = &st->choices[st->choice_at];
	struct ar_error err;
	ar_error_clear(&err);
	if (op == AR_CHANGED_VIEW) {
		char place[80], date[AR_DATE_TEXT_MAX];
		bool item = strcmp(c->field, "item") == 0 || c->file_did; /* whole: an item or a meeting */
		if (c->id)
			snprintf(place, sizeof place, "item %ld%s%s", c->id, item ? "" : " ", item ? "" : c->field);
		else
			snprintf(place, sizeof place, "%s%s%s%s", c->meeting != AR_DATE_NONE ? "meeting " : "tracker",
			         c->meeting != AR_DATE_NONE ? ar_date_format(c->meeting, date) : "", item ? "" : " ",
			         item ? "" : c->field);
		const struct ar_side sides[2] = { { "the file's", st->reload_tracker }, { "mine", ui->tracker } };
		ui_show_sides(ui, place, sides, c->id, c->meeting, item ? NULL : c->field, choice_viewed, st);
		return;
	}
	if (op == AR_CHANGED_MINE && ar_edits_take_choice(st->reload_edits, ui->tracker, c, &err) != AR_OK &&
	    err.message[0]) {
		ui_message(ui, AR_ROLE_ERROR, "Could not use yours: %s", err.message);
		ask_choice(ui);
		return;
	} else if (op == AR_CHANGED_SAVE_AS) {
		st->save_after_reload = false;
		drop_reload(st);
		save_as_start(ui);
		return;
	} else if (op == AR_CHANGED_STOP) {
		st->save_after_reload = false;
		drop_reload(st);
		ui_message(ui, AR_ROLE_STATUS, "Not reloaded; your version is still here, unsaved");
		return;
	}
	st->choice_at++;
	ask_choice(ui);
}

/* A choice between a removal and a change: the question in q, said
 * shorter until it fits the bottom row (at the last, what each side did
 * moves to the status line). */
static void removal_question(struct ui *ui, const struct save_reload *st, const char *place,
                             const struct ar_field_choice *c, struct ar_buf *q)
{
	static const char *const keys[] = { ", v view both, s save as another file, Esc stop",
		                            ", v view both, s save as, Esc stop", ", v both, s save as, Esc" };
	bool fits = false;
	for (size_t i = 0; i < sizeof keys / sizeof *keys && !fits; i++) {
		q->len = 0;
		ar_buf_addf(q, "%s: f %s (%s), m mine (%s)%s", place, i < 2 ? "the file's" : "file's", c->file_did,
		            c->mine_did, keys[i]);
		fits = ar_text_width(q->data, q->len) <= ui->screen->width;
	}
	bool file_removed = strcmp(c->file_did, "removed") == 0;
	if (fits) {
		ui_message(ui, AR_ROLE_ERROR, "%s was %s in the file and %s here (%zu of %zu)", place,
		           file_removed ? "removed" : "changed", file_removed ? "changed" : "removed", st->choice_at + 1,
		           st->choice_count);
		return;
	}
	ui_message(ui, AR_ROLE_ERROR, "%s: the file's (%s), mine (%s) (%zu of %zu)", place, c->file_did, c->mine_did,
	           st->choice_at + 1, st->choice_count);
	q->len = 0;
	ar_buf_addf(q, "%s: f the file's, m mine, v view both, s save as, Esc stop", place);
}

/* Ask about the next place both changed; once all are chosen, reload. */
static void ask_choice(struct ui *ui)
{
	struct save_reload *st = ui->saving;
	if (st->choice_at == st->choice_count) {
		reload_commit(ui);
		return;
	}
	const struct ar_field_choice *c = &st->choices[st->choice_at];
	struct ar_buf place = { 0 }, q = { 0 };
	char date[AR_DATE_TEXT_MAX];
	if (c->id)
		ar_buf_addf(&place, "Item %ld", c->id);
	else if (c->meeting != AR_DATE_NONE)
		ar_buf_addf(&place, "Meeting %s", ar_date_format(c->meeting, date));
	else
		ar_buf_adds(&place, "Tracker");
	if (c->file_did) {
		removal_question(ui, st, place.data, c, &q);
	} else if (strcmp(c->field, "item") == 0) {
		ui_message(ui, AR_ROLE_ERROR, "Item %ld changed on disk too; both changes together would break it%s%s "
		           "(%zu of %zu)", c->id, c->why ? ": " : "", c->why ? c->why : "", st->choice_at + 1,
		           st->choice_count);
		ar_buf_addf(&q, "%s: f the file's version, m mine, v view both, s save as another file, Esc stop",
		            place.data);
	} else {
		/* both values shortened until the question fits the bottom row,
		 * else said on the status line */
		struct ar_buf values = { 0 };
		ar_buf_adds(&values, "");
		for (int width = 40; width >= 0; width = ui_brief_next_width(width)) {
			q.len = 0;
			ar_buf_addf(&q, "%s %s: f the file's", place.data, c->field);
			ui_place_brief(&q, st->reload_tracker, c->id, c->meeting, c->field, width);
			ar_buf_adds(&q, ", m mine");
			ui_place_brief(&q, ui->tracker, c->id, c->meeting, c->field, width);
			/* the last resort at 80 columns: the keys, said shorter */
			bool fits = ar_text_width(q.data, q.len) + 47 <= ui->screen->width;
			ar_buf_adds(&q, width > 0 || fits ? ", v view both, s save as another file, Esc stop"
			                                  : ", v view both, s save as, Esc stop");
			if (width == 0) {
				ar_buf_addf(&values, "%s %s: the file's", place.data, c->field);
				size_t bare = values.len + 6;
				ui_place_brief(&values, st->reload_tracker, c->id, c->meeting, c->field, 40);
				ar_buf_adds(&values, ", mine");
				ui_place_brief(&values, ui->tracker, c->id, c->meeting, c->field, 40);
				if (values.len == bare)
					values.len = 0; /* a long text or updates: nothing to say here (v shows them) */
			}
			if (ar_text_width(q.data, q.len) <= ui->screen->width)
				break;
		}
		if (values.len)
			ui_message(ui, AR_ROLE_ERROR, "%s; changed on disk and here (%zu of %zu)", values.data,
			           st->choice_at + 1, st->choice_count);
		else
			ui_message(ui, AR_ROLE_ERROR, "%s changed on disk: %c%s's %s was changed there and here (%zu of %zu)",
			           ui->file_name, place.data[0] | 0x20, place.data + 1, c->field, st->choice_at + 1,
			           st->choice_count);
		ar_buf_free(&values);
	}
	unsigned every = 1u << AR_CHANGED_FILE | 1u << AR_CHANGED_MINE | 1u << AR_CHANGED_SAVE_AS |
	                 1u << AR_CHANGED_STOP | 1u << AR_CHANGED_VIEW;
	ui_ask_mode(ui, q.data, AR_MODE_CHANGED_ON_DISK, every, choice_answer, st);
	ar_buf_free(&place);
	ar_buf_free(&q);
}

static void conflicts_answer(struct ui *ui, void *ctx, int key)
{
	struct save_reload *st = ctx;
	if (key == 'r') {
		ar_diags_free(&st->conflicts);
		st->save_after_reload = false;
		ask_choice(ui);
		return;
	}
	st->save_after_reload = false;
	drop_reload(st);
	if (key == 's')
		save_as_start(ui);
	else
		ui_message(ui, AR_ROLE_STATUS, "Not reloaded; your version is still here, unsaved");
}

static void reload_start(struct ui *ui)
{
	struct save_reload *st = ui->saving;
	drop_reload(st);
	struct ar_diags diags = { 0 };
	enum ar_rc rc = ar_load_file(ui->path, &st->reload_tracker, &diags, &st->reload_info);
	if (rc != AR_OK) {
		ar_diags_sort(&diags);
		const struct ar_error *e = diags.count ? &diags.items[0] : NULL;
		if (e && e->line > 0)
			ui_message(ui, AR_ROLE_ERROR, "Not reloaded: %s:%d:%d: %s; your version is kept (w, then s saves "
			           "it elsewhere)", ui->file_name, e->line, e->column, e->message);
		else
			ui_message(ui, AR_ROLE_ERROR, "Not reloaded: %s: %s; your version is kept (w, then s saves it "
			           "elsewhere)", ui->file_name, e ? e->message : "cannot be read");
		ar_diags_free(&diags);
		st->reload_tracker = NULL;
		return;
	}
	ar_diags_free(&diags);
	struct ar_error err;
	ar_error_clear(&err);
	if (ar_file_identity_record(ui->path, &st->reload_info, &st->reload_identity, &err) != AR_OK) {
		drop_reload(st);
		ui_message(ui, AR_ROLE_ERROR, "Not reloaded: %s", err.message);
		return;
	}
	st->reload_edits = ar_edits_new(st->reload_tracker);
	ar_edits_set_today(st->reload_edits, ui->today);
	size_t applied = 0;
	if (ar_edits_reapply_merge(ui->edits, st->reload_edits, &applied, &st->conflicts, &st->choices,
	                           &st->choice_count) == AR_OK) {
		ask_choice(ui);
		return;
	}
	/* Some of the officer's edits would be lost: their word first. */
	const struct ar_error *first = &st->conflicts.items[0];
	if (st->conflicts.count > 1)
		ui_message(ui, AR_ROLE_ERROR, "%s (and %zu more)", first->message, st->conflicts.count - 1);
	else
		ui_message(ui, AR_ROLE_ERROR, "%s", first->message);
	ui_ask(ui, "r reload anyway (losing those edits), s save yours as another file, Esc cancel", "rs", true,
	       conflicts_answer, ui->saving);
}

/* ---- save as ---- */

static bool check_path(struct ui *ui, void *ctx, const char *text, char *why, size_t size)
{
	if (*text)
		return true;
	snprintf(why, size, "type the name of the file to save to (Esc cancels)");
	return false;
}

/* The absolute name the saver writes for path (links at its end followed,
 * the folder made absolute), malloc'd; NULL when it cannot be worked out. */
static char *save_target(const char *path)
{
	char *resolved = ar_path_resolve_links(path);
	if (!resolved)
		return NULL;
	char *slash = strrchr(resolved, '/');
	const char *base = slash ? slash + 1 : resolved;
	char *folder = slash ? ar_xstrndup(resolved, slash == resolved ? 1 : (size_t)(slash - resolved)) : ar_xstrdup(".");
	char *real = realpath(folder, NULL);
	char *target = NULL;
	if (real) {
		struct ar_buf buf = { 0 };
		ar_buf_addf(&buf, "%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/", base);
		target = ar_buf_steal(&buf, NULL);
	}
	free(real);
	free(folder);
	free(resolved);
	return target;
}

/* Whether a and b name the same file (which need not exist any more). */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	char *ta = save_target(a), *tb = save_target(b);
	bool same = ta && tb && strcmp(ta, tb) == 0;
	free(ta);
	free(tb);
	return same;
}

/* Write the tracker to st->save_as, which becomes the file being edited. */
static void save_as_write(struct ui *ui)
{
	struct save_reload *st = ui->saving;
	struct ar_error err;
	ar_error_clear(&err);
	struct ar_lock *lock = NULL;
	struct ar_lock_holder holder;
	enum ar_rc rc = ar_lock_acquire(st->save_as, 0, &lock, &holder, &err);
	if (rc == AR_ELOCKED) {
		char who[AR_ERROR_MESSAGE_MAX];
		ar_lock_sentence(st->save_as, &holder, NULL, who, sizeof who);
		not_saved(ui, who);
		return;
	}
	if (rc != AR_OK) {
		not_saved(ui, err.message);
		return;
	}
	struct ar_file_identity identity;
	ar_file_identity_clear(&identity);
	if (ar_save_tracker_file(ui->tracker, st->save_as, &identity, &err) != AR_OK) {
		ar_lock_release(lock);
		not_saved(ui, err.message);
		return;
	}
	ar_lock_release(st->lock);
	st->lock = lock;
	st->identity = identity;
	char *old = st->path;
	st->path = st->save_as;
	st->save_as = NULL;
	ui_set_path(ui, st->path);
	free(old);
	char how[AR_ERROR_MESSAGE_MAX + 100];
	snprintf(how, sizeof how, "Saved as %s; artrack now edits that file", ui->path);
	saved(ui, how);
}

/* Write over the file being edited although it changed on disk: the
 * officer said so. */
static void save_over(struct ui *ui)
{
	struct save_reload *st = ui->saving;
	struct ar_error err;
	ar_error_clear(&err);
	struct stat sb;
	bool there = stat(ui->path, &sb) == 0;
	ar_file_identity_clear(&st->identity);
	if (ar_save_tracker_file(ui->tracker, ui->path, &st->identity, &err) != AR_OK) {
		not_saved(ui, err.message);
		return;
	}
	char how[AR_ERROR_MESSAGE_MAX + 100];
	if (there)
		snprintf(how, sizeof how, "Saved your version over %s (the other program's is kept as %s~)", ui->file_name,
		         ui->file_name);
	else
		snprintf(how, sizeof how, "Saved your version as %s", ui->file_name);
	saved(ui, how);
}

static void replace_answer(struct ui *ui, void *ctx, int key)
{
	struct save_reload *st = ctx;
	if (key != 'y') {
		not_saved(ui, "you chose not to replace it");
		return;
	}
	if (same_file(st->save_as, ui->path))
		save_over(ui);
	else
		save_as_write(ui);
}

static void save_as_typed(struct ui *ui, void *ctx, const char *text)
{
	struct save_reload *st = ctx;
	if (!text) {
		st->quit_after_save = false;
		ui_message(ui, AR_ROLE_STATUS, "Not saved; your version is still here, unsaved");
		return;
	}
	free(st->save_as);
	st->save_as = ar_xstrdup(text);
	struct stat sb;
	if (same_file(text, ui->path)) {
		ui_message(ui, AR_ROLE_ERROR, "%s is the file that changed on disk", text);
		ui_ask(ui, "Replace it with your version? y replace, n don't", "yn", true, replace_answer, ui->saving);
	} else if (stat(text, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		not_saved(ui, "that is a folder; give a file name");
	} else if (stat(text, &sb) == 0) {
		ui_message(ui, AR_ROLE_ERROR, "%s exists", text);
		ui_ask(ui, "Replace it with this tracker? y replace, n don't", "yn", true, replace_answer, ui->saving);
	} else {
		save_as_write(ui);
	}
}

static void save_as_start(struct ui *ui)
{
	ui_type(ui, "Save as", ui->path, check_path, save_as_typed, ui->saving);
}

/* ---- quitting ---- */

static void quit_answer(struct ui *ui, void *ctx, int key)
{
	struct save_reload *st = ctx;
	if (key == 's') {
		st->quit_after_save = true;
		save_file(ui);
	} else if (key == 'd') {
		journal_discarded(ui);
		ui->quit = true;
		ui->exit_status = 0;
	} else {
		ui_message(ui, AR_ROLE_STATUS, "Still here; w saves");
	}
}

bool save_may_quit(struct ui *ui)
{
	if (!ui_unsaved_changes(ui))
		return true;
	ui_message(ui, AR_ROLE_ERROR, "%s has unsaved changes", ui->file_name);
	ui_ask(ui, "Quit: s save and quit, d discard the changes and quit, Esc stay", "sd", true, quit_answer, ui->saving);
	return false;
}
