/* edit_actions.c - the editing actions of the terminal UI: the tested core
 * (undo.h, extedit.h, filesafe.h, lock.h) behind the keys.
 *
 * ui.c dispatches e, a, E, u, Ctrl-R, w / Ctrl-S and the lead keys here
 * (never when the file is open read-only: ui.c refuses AR_AF_CHANGES /
 * AR_AF_WRITES actions first), calls ui_edit_open() once the file is loaded
 * and before the terminal is taken, ui_edit_close() at the end,
 * ui_unsaved_changes() for the status line and ui_may_quit() on q.
 *
 *   ui_edit_open      the lock (lock.h; held by another artrack: read-only,
 *                     saying who has it) and the file's identity as loaded.
 *   ui_edit_field     e: editor_current_field() says which field; short text
 *                     and dates typed on the bottom row (prompt.c), kind,
 *                     status and response from a pick list, the text and an
 *                     update's text in $VISUAL / $EDITOR; ar_edits_set_field,
 *                     ar_edits_set_leads, ar_edits_replace_item.
 *   ui_add_update     a: the update template in the editor; ar_edits_add_update
 *                     dated ui->today, by $ARTRACK_NAME.
 *   ui_edit_yaml      E: the item as YAML in the editor, validated; on
 *                     problems the officer edits again (the problems as '#'
 *                     lines on top, their text intact) or discards.
 *   ui_undo/ui_redo   ar_edits_undo/redo, selecting the item it touched.
 *   ui_save           the comments warning (once), the lock still ours, then
 *                     ar_save_tracker_file; a file changed on disk is never
 *                     overwritten: reload (ar_edits_reapply) or save as.
 *   ui_may_quit       save, discard or stay when there are unsaved changes.
 *
 * Every change is one step of the ar_edits, so u undoes it whole; the
 * panes rebuild themselves from the tracker's generation.  Questions and
 * typed values are prompt.c's input modes: the state they are about (which
 * item, which field) is kept here, in struct ui_edit_state.  The external
 * editor runs between term_suspend() and term_resume().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "artrack/undo.h"
#include "artrack/extedit.h"
#include "artrack/filesafe.h"
#include "artrack/lock.h"
#include "artrack/text.h"
#include "artrack/textsearch.h"
#include "term.h"
#include "ui_internal.h"

/* What an external editor round is for. */
enum session_kind { SESSION_UPDATE, SESSION_ITEM, SESSION_TEXT, SESSION_UPDATE_TEXT };

/* The parts of an update `e` changes, as its pick list names them. */
enum update_part { PART_TEXT, PART_DATE, PART_LABEL, PART_BY, PART_COUNT };
static const char *const update_part_choices[PART_COUNT] = { "text (in the editor)", "date", "label", "by" };
static const char *const update_part_names[PART_COUNT] = { "text", "date", "label", "author" };

struct ui_edit_state {
	struct ar_edits *edits;
	struct ar_lock *lock;             /* NULL when read-only */
	struct ar_file_identity identity; /* the file as read or last saved */
	char *path;                       /* the file after a save-as (ui->path points here) */
	bool comments_confirmed;          /* the officer agreed to lose the file's comments */
	bool quit_after_save;             /* q then s: quit once saved */

	/* What the open field, pick list or question is about. */
	long item_id;
	int field;                        /* enum ar_item_key */
	int index;                        /* a lead or an update; -1: none */
	int part;                         /* enum update_part */
	bool new_lead;                    /* the typed lead is inserted at index */

	/* An external editor round (a, E, long text). */
	struct ar_extedit_session session;
	bool session_open;
	enum session_kind kind;
	struct ar_diags problems;         /* for the retry; none when the editor itself failed */

	/* A reload waiting for the officer's word: some edits did not re-apply. */
	struct ar_tracker *reload_tracker;
	struct ar_edits *reload_edits;
	struct ar_load_info reload_info;
	struct ar_file_identity reload_identity;
	struct ar_diags conflicts;

	char *save_as;                    /* the path typed, while asking to replace it */
};

/* ---- small helpers ---- */

static struct ar_edits *edits_of(const struct ui *ui)
{
	return ui->edit ? ui->edit->edits : NULL;
}

/* The author of new updates: $ARTRACK_NAME when set and not empty. */
static const char *author(void)
{
	const char *name = getenv("ARTRACK_NAME");
	return name && *name ? name : NULL;
}

static const struct ar_item *item_by_id(struct ui *ui, long id)
{
	return ar_tracker_find_item(ui->tracker, id);
}

/* The selected item, or NULL with a message. */
static const struct ar_item *selected_or_say(struct ui *ui)
{
	const struct ar_item *item = ui_selected_item(ui);
	if (!item)
		ui_message(ui, AR_ROLE_ERROR, "No item: the list is empty (/ changes the filter)");
	return item;
}

/* Select id in the Items pane; a note for the message when it is hidden. */
static const char *select_item(struct ui *ui, long id)
{
	if (id <= 0)
		return "";
	if (ar_view_row_of(ui->view, id) < 0)
		return " (not shown under the current filter)";
	ui_select_item(ui, id);
	return "";
}

/* Line and column of the first byte of text that is not UTF-8; false if none. */
static bool bad_utf8_at(const char *text, size_t len, int *line, int *column)
{
	if (ar_utf8_valid(text, len))
		return false;
	*line = 1;
	*column = 1;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t took = ar_utf8_decode(text + i, len - i, &cp);
		if (cp == AR_REPLACEMENT_CHAR && took == 1)
			return true;
		if (cp == '\n') {
			++*line;
			*column = 1;
		} else {
			++*column;
		}
		i += took;
	}
	return false;
}

/* "changed" or "unchanged" after an edit, from the tracker's generation. */
static bool changed_since(const struct ui *ui, uint64_t generation)
{
	return ui->tracker->generation != generation;
}

/* ---- start and end ---- */

void ui_edit_open(struct ui *ui)
{
	struct ui_edit_state *st = ar_xcalloc(1, sizeof *st);
	ui->edit = st;
	st->edits = ar_edits_new(ui->tracker);
	st->index = -1;
	ar_file_identity_clear(&st->identity);
	if (ui->read_only)
		return;
	struct ar_error err;
	ar_error_clear(&err);
	struct ar_lock_holder holder;
	unsigned flags = ui->options->take_lock ? AR_LOCK_TAKE_OVER : 0;
	enum ar_rc rc = ar_lock_acquire(ui->path, flags, &st->lock, &holder, &err);
	if (rc == AR_ELOCKED) {
		/* The core's sentence with the file's name, not its whole path:
		 * the status line is one row. */
		char who[AR_ERROR_MESSAGE_MAX];
		ar_lock_describe(ui->file_name, &holder, who, sizeof who);
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
	if (ar_file_identity_record(ui->path, &ui->load_info, &st->identity, &err) != AR_OK) {
		/* Without it an outside change could not be noticed: no writing. */
		ar_lock_release(st->lock);
		st->lock = NULL;
		ui->read_only = true;
		ui_message(ui, AR_ROLE_ERROR, "%s; opening read-only", err.message);
	}
}

static void drop_reload(struct ui_edit_state *st)
{
	ar_edits_free(st->reload_edits);
	ar_tracker_free(st->reload_tracker);
	st->reload_edits = NULL;
	st->reload_tracker = NULL;
	ar_diags_free(&st->conflicts);
}

static void session_close(struct ui_edit_state *st)
{
	if (st->session_open)
		ar_extedit_session_close(&st->session);
	st->session_open = false;
	ar_diags_free(&st->problems);
}

void ui_edit_close(struct ui *ui)
{
	struct ui_edit_state *st = ui->edit;
	if (!st)
		return;
	session_close(st);
	drop_reload(st);
	ar_edits_free(st->edits);
	ar_lock_release(st->lock);
	if (ui->path == st->path)
		ui_set_path(ui, ui->options->path);
	free(st->path);
	free(st->save_as);
	free(st);
	ui->edit = NULL;
}

bool ui_unsaved_changes(const struct ui *ui)
{
	return edits_of(ui) && ar_edits_is_dirty(edits_of(ui));
}

void ui_edit_rescue(struct ui *ui)
{
	struct ui_edit_state *st = ui->edit;
	if (!st || ui->read_only || !ui_unsaved_changes(ui))
		return;
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

/* ---- one field of the Editor pane (e) ---- */

/* The field was set (or not) by rc: say so. */
static void report_field(struct ui *ui, enum ar_rc rc, const struct ar_error *err, uint64_t generation,
                         const char *what)
{
	long id = ui->edit->item_id;
	if (rc != AR_OK)
		ui_message(ui, AR_ROLE_ERROR, "Item %ld not changed: %s", id, err->message);
	else if (!changed_since(ui, generation))
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: %s unchanged", id, what);
	else
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: %s changed (u undoes)", id, what);
}

static void set_field(struct ui *ui, const char *value)
{
	struct ui_edit_state *st = ui->edit;
	struct ar_error err;
	ar_error_clear(&err);
	uint64_t generation = ui->tracker->generation;
	enum ar_rc rc = ar_edits_set_field(st->edits, st->item_id, (enum ar_item_key)st->field, value, &err);
	report_field(ui, rc, &err, generation, ar_item_key_names[st->field]);
}

static void enum_chosen(struct ui *ui, int choice)
{
	struct ui_edit_state *st = ui->edit;
	if (choice < 0) {
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: %s left as it was", st->item_id, ar_item_key_names[st->field]);
		return;
	}
	const char *value = st->field == AR_ITEM_KEY_KIND     ? ar_kind_names[choice]
	                    : st->field == AR_ITEM_KEY_STATUS ? ar_status_names[choice]
	                                                      : ar_response_names[choice + 1];
	set_field(ui, value);
}

static void text_typed(struct ui *ui, const char *text)
{
	struct ui_edit_state *st = ui->edit;
	if (!text) {
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: %s left as it was", st->item_id, ar_item_key_names[st->field]);
		return;
	}
	set_field(ui, text);
}

static bool check_date(const char *what, const char *text, bool allow_month, char *why, size_t size)
{
	ar_date date;
	if (!*text || ar_date_parse(text, strlen(text), allow_month, &date))
		return true;
	snprintf(why, size, "%s: '%s' is not a date (%s; empty for none)", what, text,
	         allow_month ? "YYYY-MM or YYYY-MM-DD" : "YYYY-MM-DD");
	return false;
}

static bool check_due(struct ui *ui, const char *text, char *why, size_t size)
{
	return check_date("due", text, true, why, size);
}

static bool check_day(struct ui *ui, const char *text, char *why, size_t size)
{
	return check_date(ui->prompt.question, text, false, why, size);
}

/* Where a pick list for the Editor pane's current field opens. */
static void field_anchor(struct ui *ui, int *x, int *y)
{
	struct pane *pane = &ui->panes[PANE_EDITOR];
	int indent = pane->selected < pane->lines.count ? pane->lines.items[pane->selected].indent : 0;
	*x = pane->x + indent;
	*y = pane->y + 1 + pane->header_rows + (int)(pane->selected - pane->top);
}

/* ---- leads ---- */

/* The item's leads with lead at position i replaced (replace) or inserted,
 * or lead i removed (lead NULL); then one step. */
static void change_leads(struct ui *ui, size_t i, const char *lead, bool replace, const char *done)
{
	struct ui_edit_state *st = ui->edit;
	const struct ar_item *item = item_by_id(ui, st->item_id);
	if (!item)
		return;
	size_t n = item->lead_count;
	const char **leads = ar_xreallocarray(NULL, n + 1, sizeof *leads);
	size_t count = 0;
	for (size_t k = 0; k < n; k++) {
		if (k == i && !lead)
			continue; /* removed */
		if (k == i && replace) {
			leads[count++] = lead;
			continue;
		}
		if (k == i)
			leads[count++] = lead; /* inserted before it */
		leads[count++] = item->leads[k];
	}
	if (lead && !replace && i >= n)
		leads[count++] = lead;
	struct ar_error err;
	ar_error_clear(&err);
	uint64_t generation = ui->tracker->generation;
	enum ar_rc rc = ar_edits_set_leads(st->edits, st->item_id, leads, count, &err);
	free(leads);
	if (rc != AR_OK)
		ui_message(ui, AR_ROLE_ERROR, "Item %ld not changed: %s", st->item_id, err.message);
	else if (changed_since(ui, generation))
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: %s (u undoes)", st->item_id, done);
	else
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: leads unchanged", st->item_id);
}

static bool check_lead(struct ui *ui, const char *text, char *why, size_t size)
{
	for (const char *p = text; *p; p++)
		if (*p != ' ')
			return true;
	snprintf(why, size, "a lead needs a name (Esc cancels; - removes a lead)");
	return false;
}

static void lead_typed(struct ui *ui, const char *text)
{
	struct ui_edit_state *st = ui->edit;
	if (!text) {
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: leads left as they were", st->item_id);
		return;
	}
	size_t at = (size_t)st->index;
	change_leads(ui, at, text, !st->new_lead, st->new_lead ? "lead added" : "lead changed");
	editor_select_field(ui, AR_ITEM_KEY_LEADS, (int)at);
}

/* The lead under the Editor pane's cursor: its index, or -1 with a message. */
static int lead_under_cursor(struct ui *ui, const struct ar_item *item)
{
	int index;
	int field = ui->editor_open && ui->focus == PANE_EDITOR ? editor_current_field(ui, &index) : AR_LINE_FIELD_NONE;
	if (field == AR_ITEM_KEY_LEADS && index >= 0 && (size_t)index < item->lead_count)
		return index;
	ui_message(ui, AR_ROLE_ERROR, "Put the cursor on a lead in the Editor pane first (Enter opens it, j/k move)");
	return -1;
}

void ui_add_lead(struct ui *ui)
{
	const struct ar_item *item = selected_or_say(ui);
	if (!item)
		return;
	if (!ui->editor_open || ui->focus != PANE_EDITOR) {
		ui_message(ui, AR_ROLE_ERROR, "Open the item in the Editor pane first (Enter); + then adds a lead");
		return;
	}
	struct ui_edit_state *st = ui->edit;
	int index;
	int field = editor_current_field(ui, &index);
	st->item_id = item->id;
	st->field = AR_ITEM_KEY_LEADS;
	st->new_lead = true;
	/* After the lead under the cursor; elsewhere at the end. */
	if (field == AR_ITEM_KEY_LEADS && index >= 0 && (size_t)index < item->lead_count)
		st->index = index + 1;
	else
		st->index = (int)item->lead_count;
	ui_type(ui, "new lead", "", check_lead, lead_typed);
}

void ui_remove_lead(struct ui *ui)
{
	const struct ar_item *item = selected_or_say(ui);
	if (!item)
		return;
	int index = lead_under_cursor(ui, item);
	if (index < 0)
		return;
	struct ui_edit_state *st = ui->edit;
	st->item_id = item->id;
	char done[300];
	snprintf(done, sizeof done, "lead %s removed", item->leads[index]);
	change_leads(ui, (size_t)index, NULL, false, done);
	const struct ar_item *now = item_by_id(ui, st->item_id);
	if (now && now->lead_count > 0)
		editor_select_field(ui, AR_ITEM_KEY_LEADS, index < (int)now->lead_count ? index : (int)now->lead_count - 1);
	else
		editor_select_field(ui, AR_ITEM_KEY_LEADS, -1);
}

void ui_move_lead(struct ui *ui, int direction)
{
	const struct ar_item *item = selected_or_say(ui);
	if (!item)
		return;
	int index = lead_under_cursor(ui, item);
	if (index < 0)
		return;
	int to = index + direction;
	if (to < 0 || (size_t)to >= item->lead_count) {
		ui_message(ui, AR_ROLE_STATUS, "That lead is already %s", direction < 0 ? "first" : "last");
		return;
	}
	struct ui_edit_state *st = ui->edit;
	st->item_id = item->id;
	const char **leads = ar_xreallocarray(NULL, item->lead_count, sizeof *leads);
	for (size_t k = 0; k < item->lead_count; k++)
		leads[k] = item->leads[k];
	leads[to] = item->leads[index];
	leads[index] = item->leads[to];
	struct ar_error err;
	ar_error_clear(&err);
	enum ar_rc rc = ar_edits_set_leads(st->edits, item->id, leads, item->lead_count, &err);
	free(leads);
	if (rc != AR_OK) {
		ui_message(ui, AR_ROLE_ERROR, "Item %ld not changed: %s", st->item_id, err.message);
		return;
	}
	ui_message(ui, AR_ROLE_STATUS, "Item %ld: lead moved %s (u undoes)", st->item_id, direction < 0 ? "up" : "down");
	editor_select_field(ui, AR_ITEM_KEY_LEADS, to);
}

/* ---- updates ---- */

/* Set one part of update st->index of item st->item_id to value (one step). */
static void set_update_part(struct ui *ui, int part, const char *value)
{
	struct ui_edit_state *st = ui->edit;
	const struct ar_item *item = item_by_id(ui, st->item_id);
	if (!item || st->index < 0 || (size_t)st->index >= item->update_count) {
		ui_message(ui, AR_ROLE_ERROR, "Item %ld has no update %d", st->item_id, st->index + 1);
		return;
	}
	struct ar_update *updates = ar_xreallocarray(NULL, item->update_count, sizeof *updates);
	memcpy(updates, item->updates, item->update_count * sizeof *updates);
	struct ar_update *u = &updates[st->index];
	switch ((enum update_part)part) {
	case PART_TEXT: u->text = value; break;
	case PART_DATE: {
		ar_date date = AR_DATE_NONE; /* empty: no date */
		if (*value && !ar_date_parse(value, strlen(value), false, &date)) {
			free(updates); /* checked as typed; never reached */
			ui_message(ui, AR_ROLE_ERROR, "'%s' is not a date (YYYY-MM-DD)", value);
			return;
		}
		u->date = date;
		break;
	}
	case PART_LABEL: u->label = *value ? value : NULL; break;
	case PART_BY: u->by = *value ? value : NULL; break;
	case PART_COUNT: break;
	}
	struct ar_item *next = ar_item_clone(ui->tracker, item);
	ar_item_set_updates(ui->tracker, next, updates, item->update_count);
	free(updates);
	char label[128], what[64];
	snprintf(label, sizeof label, "set the %s of update %d of item %ld", update_part_names[part], st->index + 1,
	         st->item_id);
	snprintf(what, sizeof what, "the %s of update %d", update_part_names[part], st->index + 1);
	struct ar_error err;
	ar_error_clear(&err);
	uint64_t generation = ui->tracker->generation;
	ar_edits_begin(st->edits, label);
	enum ar_rc rc = ar_edits_replace_item(st->edits, st->item_id, next, &err);
	ar_edits_end(st->edits);
	report_field(ui, rc, &err, generation, what);
}

static void update_part_typed(struct ui *ui, const char *text)
{
	struct ui_edit_state *st = ui->edit;
	if (!text) {
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: update %d left as it was", st->item_id, st->index + 1);
		return;
	}
	set_update_part(ui, st->part, text);
}

static void session_run(struct ui *ui);

/* A session for kind on item id was opened (rc): run the editor on it. */
static void session_begin(struct ui *ui, enum ar_rc rc, const struct ar_error *err, enum session_kind kind,
                          long id)
{
	struct ui_edit_state *st = ui->edit;
	if (rc != AR_OK) {
		ui_message(ui, AR_ROLE_ERROR, "%s", err->message);
		return;
	}
	st->session_open = true;
	st->kind = kind;
	st->item_id = id;
	session_run(ui);
}

/* Open an editor round on text (with a note on top) for item text or update text. */
static void edit_long_text(struct ui *ui, enum session_kind kind, const struct ar_item *item, const char *text)
{
	struct ui_edit_state *st = ui->edit;
	struct ar_buf file = { 0 }, notes = { 0 };
	ar_buf_adds(&file, text ? text : "");
	ar_buf_adds(&file, "\n\n");
	if (kind == SESSION_TEXT)
		ar_buf_addf(&notes, "The text of item %ld.", item->id);
	else
		ar_buf_addf(&notes, "The text of update %d of item %ld.", st->index + 1, item->id);
	ar_buf_adds(&notes, " Edit it above the line, then save and quit;\nan empty text leaves it as it was.");
	ar_extedit_add_notes(&file, notes.data);
	ar_buf_free(&notes);
	char name[40];
	snprintf(name, sizeof name, "%s-%ld", kind == SESSION_TEXT ? "text" : "update", item->id);
	struct ar_error err;
	ar_error_clear(&err);
	enum ar_rc rc = ar_extedit_session_open(&st->session, name, ".txt", file.data, file.len, &err);
	ar_buf_free(&file);
	session_begin(ui, rc, &err, kind, item->id);
}

static void update_part_chosen(struct ui *ui, int choice)
{
	struct ui_edit_state *st = ui->edit;
	const struct ar_item *item = item_by_id(ui, st->item_id);
	if (choice < 0 || !item || (size_t)st->index >= item->update_count) {
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: update %d left as it was", st->item_id, st->index + 1);
		return;
	}
	const struct ar_update *u = &item->updates[st->index];
	st->part = choice;
	char label[64], date[AR_DATE_TEXT_MAX];
	switch ((enum update_part)choice) {
	case PART_TEXT: edit_long_text(ui, SESSION_UPDATE_TEXT, item, u->text); return;
	case PART_DATE:
		snprintf(label, sizeof label, "date of update %d", st->index + 1);
		ui_type(ui, label, ar_date_format(u->date, date), check_day, update_part_typed);
		return;
	case PART_LABEL:
		snprintf(label, sizeof label, "label of update %d", st->index + 1);
		ui_type(ui, label, u->label, NULL, update_part_typed);
		return;
	case PART_BY:
		snprintf(label, sizeof label, "by (update %d)", st->index + 1);
		ui_type(ui, label, u->by, NULL, update_part_typed);
		return;
	case PART_COUNT: return;
	}
}

void ui_edit_field(struct ui *ui)
{
	const struct ar_item *item = selected_or_say(ui);
	if (!item)
		return;
	if (!ui->editor_open || ui->focus != PANE_EDITOR) {
		editor_open(ui);
		ui_message(ui, AR_ROLE_STATUS, "Item %ld is open in the Editor pane: j/k choose a field, e edits it",
		           item->id);
		return;
	}
	struct ui_edit_state *st = ui->edit;
	int index;
	int field = editor_current_field(ui, &index);
	st->item_id = item->id;
	st->field = field;
	st->index = index;
	st->new_lead = false;
	int x, y;
	field_anchor(ui, &x, &y);
	char date[AR_DATE_TEXT_MAX];
	switch (field) {
	case AR_ITEM_KEY_TOPIC: ui_type(ui, "topic", item->topic, NULL, text_typed); return;
	case AR_ITEM_KEY_MEETING:
		ui_type(ui, "meeting", ar_date_format(item->meeting, date), check_day, text_typed);
		return;
	case AR_ITEM_KEY_DUE: ui_type(ui, "due", ar_date_format(item->due, date), check_due, text_typed); return;
	case AR_ITEM_KEY_KIND: ui_pick(ui, "kind", ar_kind_names, AR_KIND_COUNT, item->kind, x, y, enum_chosen); return;
	case AR_ITEM_KEY_STATUS:
		ui_pick(ui, "status", ar_status_names, AR_STATUS_COUNT, item->status, x, y, enum_chosen);
		return;
	case AR_ITEM_KEY_RESPONSE:
		if (item->kind != AR_KIND_RECOMMENDATION) {
			ui_message(ui, AR_ROLE_ERROR, "Item %ld is an action, which has no response; make its kind "
			           "recommendation first", item->id);
			return;
		}
		ui_pick(ui, "response", ar_response_names + 1, AR_RESPONSE_COUNT - 1, (int)item->response - 1, x, y,
		        enum_chosen);
		return;
	case AR_ITEM_KEY_TEXT: edit_long_text(ui, SESSION_TEXT, item, item->text); return;
	case AR_ITEM_KEY_LEADS:
		if (index < 0 || (size_t)index >= item->lead_count) {
			st->new_lead = true;
			st->index = (int)item->lead_count;
			ui_type(ui, "new lead", "", check_lead, lead_typed);
		} else {
			ui_type(ui, "lead", item->leads[index], check_lead, lead_typed);
		}
		return;
	case AR_ITEM_KEY_UPDATES:
		if (index < 0 || (size_t)index >= item->update_count) {
			ui_message(ui, AR_ROLE_STATUS, "Item %ld has no updates yet: a adds one", item->id);
			return;
		}
		ui_pick(ui, "update", update_part_choices, PART_COUNT, PART_TEXT, x, y, update_part_chosen);
		return;
	case AR_ITEM_KEY_ID:
		ui_message(ui, AR_ROLE_STATUS, "The id changes only with E (the whole item as YAML)");
		return;
	case AR_LINE_FIELD_EXTRA:
		ui_message(ui, AR_ROLE_STATUS, "Keys artrack does not know are kept as written; E edits them");
		return;
	default: ui_message(ui, AR_ROLE_STATUS, "Nothing to edit here: j/k move to a field"); return;
	}
}

/* ---- the external editor: a, E, long text ---- */

static void problems_answer(struct ui *ui, int key);

/* Show the first problem and ask: edit again (the text kept) or discard. */
static void ask_about_problems(struct ui *ui)
{
	struct ui_edit_state *st = ui->edit;
	const struct ar_diags *d = &st->problems;
	if (d->count > 0) {
		const struct ar_error *e = &d->items[0];
		char more[64] = "";
		if (d->count > 1)
			snprintf(more, sizeof more, " (and %zu more, listed in the file)", d->count - 1);
		if (e->line > 0)
			ui_message(ui, AR_ROLE_ERROR, "Line %d, column %d: %s%s", e->line, e->column, e->message, more);
		else
			ui_message(ui, AR_ROLE_ERROR, "%s%s", e->message, more);
	}
	char question[200];
	snprintf(question, sizeof question, "Item %ld not changed: e edit again (your text is kept), d discard your edit",
	         st->item_id);
	ui_ask(ui, question, "ed", false, problems_answer);
}

static void add_problem(struct ui_edit_state *st, const struct ar_error *err)
{
	struct ar_error e = *err;
	e.line = e.column = 0;
	ar_diags_add_error(&st->problems, &e);
}

/* The text of a TEXT or UPDATE_TEXT round: the file after its notes, without
 * the line break(s) editors add at the end.  NULL: nothing (or a problem). */
static char *long_text_result(struct ui_edit_state *st)
{
	const char *body = st->session.text.data ? st->session.text.data : "";
	size_t len = ar_extedit_text_length(body, st->session.text.len);
	int line, column;
	if (bad_utf8_at(body, len, &line, &column)) {
		ar_diags_add(&st->problems, line, column,
		             "this is not UTF-8 text; save it as UTF-8");
		return NULL;
	}
	/* The blank line left above the cut line, and editors' final breaks. */
	while (len > 0 && (body[len - 1] == '\n' || body[len - 1] == '\r'))
		len--;
	return len > 0 ? ar_xstrndup(body, len) : NULL;
}

static void session_result(struct ui *ui)
{
	struct ui_edit_state *st = ui->edit;
	struct ar_error err;
	ar_error_clear(&err);
	uint64_t generation = ui->tracker->generation;
	long id = st->item_id;
	enum ar_rc rc;
	switch (st->kind) {
	case SESSION_UPDATE: {
		char *text = NULL;
		if (ar_update_edit_result(&st->session, &text, &st->problems) != AR_OK)
			break;
		if (!text) {
			session_close(st);
			ui_message(ui, AR_ROLE_STATUS, "No update added to item %ld: the text was empty", id);
			return;
		}
		struct ar_update update = { .date = ui->today, .by = author(), .text = text };
		rc = ar_edits_add_update(st->edits, id, &update, &err);
		free(text);
		if (rc != AR_OK) {
			add_problem(st, &err);
			break;
		}
		session_close(st);
		char date[AR_DATE_TEXT_MAX];
		const char *hidden = select_item(ui, id);
		ui_message(ui, AR_ROLE_STATUS, "Added an update to item %ld, dated %s%s%s%s (u undoes)", id,
		           ar_date_format(ui->today, date), author() ? " by " : "", author() ? author() : "", hidden);
		return;
	}
	case SESSION_ITEM: {
		struct ar_item *value = NULL;
		if (ar_item_edit_result(&st->session, ui->tracker, id, &value, &st->problems) != AR_OK)
			break;
		if (!value) {
			session_close(st);
			ui_message(ui, AR_ROLE_STATUS, "Item %ld left as it was: the file was emptied", id);
			return;
		}
		long new_id = value->id;
		if (ar_edits_replace_item(st->edits, id, value, &err) != AR_OK) {
			add_problem(st, &err);
			break;
		}
		session_close(st);
		const char *hidden = select_item(ui, new_id);
		if (!changed_since(ui, generation))
			ui_message(ui, AR_ROLE_STATUS, "Item %ld unchanged", id);
		else if (new_id != id)
			ui_message(ui, AR_ROLE_STATUS, "Item %ld changed; it is now item %ld%s (u undoes)", id, new_id, hidden);
		else
			ui_message(ui, AR_ROLE_STATUS, "Item %ld changed%s (u undoes)", id, hidden);
		return;
	}
	case SESSION_TEXT:
	case SESSION_UPDATE_TEXT: {
		char *text = long_text_result(st);
		if (st->problems.count > 0)
			break;
		session_close(st);
		if (!text) {
			ui_message(ui, AR_ROLE_STATUS, "Item %ld: the text was left as it was (the file was empty)", id);
			return;
		}
		if (st->kind == SESSION_TEXT) {
			st->field = AR_ITEM_KEY_TEXT;
			set_field(ui, text);
		} else {
			set_update_part(ui, PART_TEXT, text);
		}
		free(text);
		return;
	}
	}
	ask_about_problems(ui);
}

/* Run the editor on the session's file and take what it left. */
static void session_run(struct ui *ui)
{
	struct ui_edit_state *st = ui->edit;
	struct ar_error err;
	ar_error_clear(&err);
	ar_diags_free(&st->problems);
	term_suspend();
	enum ar_rc rc = ar_extedit_session_run(&st->session, NULL, &err);
	term_resume();
	if (rc != AR_OK) {
		/* The file keeps whatever the editor wrote: offer it again. */
		ui_message(ui, AR_ROLE_ERROR, "%s", err.message);
		ask_about_problems(ui);
		return;
	}
	session_result(ui);
}

static void problems_answer(struct ui *ui, int key)
{
	struct ui_edit_state *st = ui->edit;
	if (key == 'd') {
		long id = st->item_id;
		session_close(st);
		ui_message(ui, AR_ROLE_STATUS, "Discarded your edit; item %ld is as it was", id);
		return;
	}
	if (st->problems.count > 0) {
		struct ar_error err;
		ar_error_clear(&err);
		if (ar_extedit_session_retry(&st->session, &st->problems, &err) != AR_OK) {
			ui_message(ui, AR_ROLE_ERROR, "%s", err.message);
			ask_about_problems(ui);
			return;
		}
	}
	session_run(ui);
}

void ui_add_update(struct ui *ui)
{
	const struct ar_item *item = selected_or_say(ui);
	if (!item)
		return;
	struct ui_edit_state *st = ui->edit;
	struct ar_error err;
	ar_error_clear(&err);
	enum ar_rc rc = ar_update_edit_start(&st->session, item, ui->today, author(), &err);
	session_begin(ui, rc, &err, SESSION_UPDATE, item->id);
}

void ui_edit_yaml(struct ui *ui)
{
	const struct ar_item *item = selected_or_say(ui);
	if (!item)
		return;
	struct ui_edit_state *st = ui->edit;
	struct ar_error err;
	ar_error_clear(&err);
	enum ar_rc rc = ar_item_edit_start(&st->session, ui->tracker, item, &err);
	session_begin(ui, rc, &err, SESSION_ITEM, item->id);
}

/* ---- undo and redo ---- */

static void undo_or_redo(struct ui *ui, bool redo)
{
	struct ar_edits *edits = edits_of(ui);
	const char *label = redo ? ar_edits_redo_label(edits) : ar_edits_undo_label(edits);
	if (!label) {
		ui_message(ui, AR_ROLE_STATUS, redo ? "Nothing to redo" : "Nothing to undo");
		return;
	}
	char *what = ar_xstrdup(label);
	long id = 0;
	if (redo)
		ar_edits_redo(edits, &id);
	else
		ar_edits_undo(edits, &id);
	const char *hidden = select_item(ui, id);
	ui_message(ui, AR_ROLE_STATUS, "%s: %s%s", redo ? "Redid" : "Undid", what, hidden);
	free(what);
}

void ui_undo(struct ui *ui)
{
	undo_or_redo(ui, false);
}

void ui_redo(struct ui *ui)
{
	undo_or_redo(ui, true);
}

/* ---- saving ---- */

static void save_write(struct ui *ui);
static void save_as_start(struct ui *ui);
static void reload_start(struct ui *ui);

static void saved(struct ui *ui, const char *how)
{
	struct ui_edit_state *st = ui->edit;
	ar_edits_mark_saved(st->edits);
	st->comments_confirmed = true;
	ui_message(ui, AR_ROLE_STATUS, "%s", how);
	if (st->quit_after_save) {
		ui->quit = true;
		ui->exit_status = 0;
	}
	st->quit_after_save = false;
}

static void not_saved(struct ui *ui, const char *why)
{
	ui->edit->quit_after_save = false;
	ui_message(ui, AR_ROLE_ERROR, "Not saved: %s", why);
}

static void comments_answer(struct ui *ui, int key)
{
	if (key != 'y') {
		ui->edit->quit_after_save = false;
		ui_message(ui, AR_ROLE_STATUS, "Not saved; %s is as it was", ui->file_name);
		return;
	}
	ui->edit->comments_confirmed = true;
	save_write(ui);
}

static void changed_answer(struct ui *ui, int key)
{
	if (key == 'r') {
		ui->edit->quit_after_save = false;
		reload_start(ui);
	} else if (key == 's') {
		save_as_start(ui);
	} else {
		ui->edit->quit_after_save = false;
		ui_message(ui, AR_ROLE_STATUS, "Not saved; %s on disk is as the other program left it", ui->file_name);
	}
}

static void lock_lost_answer(struct ui *ui, int key)
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
	struct ui_edit_state *st = ui->edit;
	struct ar_error err;
	ar_error_clear(&err);
	if (st->lock && !ar_lock_is_held(st->lock)) {
		ui_message(ui, AR_ROLE_ERROR, "Nothing was written: another artrack took over the lock %s",
		           ar_lock_path(st->lock));
		ui_ask(ui, "s save as another file, Esc cancel", "s", true, lock_lost_answer);
		return;
	}
	enum ar_rc rc = ar_save_tracker_file(ui->tracker, ui->path, &st->identity, &err);
	if (rc == AR_OK) {
		char how[AR_ERROR_MESSAGE_MAX + 100];
		snprintf(how, sizeof how, "Saved %s (the previous version is kept as %s~)", ui->file_name, ui->file_name);
		saved(ui, how);
		return;
	}
	if (rc == AR_ECHANGED) {
		ui_message(ui, AR_ROLE_ERROR, "Nothing was written: %s", err.message);
		ui_ask(ui, "r reload and re-apply your edits, s save as another file, Esc cancel", "rs", true,
		       changed_answer);
		return;
	}
	not_saved(ui, err.message);
}

void ui_save(struct ui *ui)
{
	struct ui_edit_state *st = ui->edit;
	if (ui->tracker->had_comments && !st->comments_confirmed) {
		ui_message(ui, AR_ROLE_ERROR, "%s has YAML comments, which saving drops (the previous version is kept "
		           "as %s~)", ui->file_name, ui->file_name);
		ui_ask(ui, "Save without the comments? y save, n don't", "yn", true, comments_answer);
		return;
	}
	save_write(ui);
}

/* ---- reload after an outside change ---- */

/* Put the reloaded tracker, with the edits re-applied, in place. */
static void reload_commit(struct ui *ui)
{
	struct ui_edit_state *st = ui->edit;
	ar_edits_free(st->edits);
	st->edits = st->reload_edits;
	st->identity = st->reload_identity;
	ui_replace_tracker(ui, st->reload_tracker, &st->reload_info);
	st->reload_edits = NULL;
	st->reload_tracker = NULL;
	struct ar_buf text = { 0 };
	if (st->conflicts.count == 0 && !ar_edits_is_dirty(st->edits)) {
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
	ar_diags_free(&st->conflicts);
}

static void conflicts_answer(struct ui *ui, int key)
{
	struct ui_edit_state *st = ui->edit;
	if (key == 'r') {
		reload_commit(ui);
		return;
	}
	drop_reload(st);
	if (key == 's')
		save_as_start(ui);
	else
		ui_message(ui, AR_ROLE_STATUS, "Not reloaded; your version is still here, unsaved");
}

static void reload_start(struct ui *ui)
{
	struct ui_edit_state *st = ui->edit;
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
	size_t applied = 0;
	if (ar_edits_reapply(st->edits, st->reload_edits, &applied, &st->conflicts) == AR_OK) {
		reload_commit(ui);
		return;
	}
	/* Some of the officer's edits would be lost: their word first. */
	const struct ar_error *first = &st->conflicts.items[0];
	if (st->conflicts.count > 1)
		ui_message(ui, AR_ROLE_ERROR, "%s (and %zu more)", first->message, st->conflicts.count - 1);
	else
		ui_message(ui, AR_ROLE_ERROR, "%s", first->message);
	ui_ask(ui, "r reload anyway (losing those edits), s save yours as another file, Esc cancel", "rs", true,
	       conflicts_answer);
}

/* ---- save as ---- */

static bool check_path(struct ui *ui, const char *text, char *why, size_t size)
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
	struct ui_edit_state *st = ui->edit;
	struct ar_error err;
	ar_error_clear(&err);
	struct ar_lock *lock = NULL;
	struct ar_lock_holder holder;
	enum ar_rc rc = ar_lock_acquire(st->save_as, 0, &lock, &holder, &err);
	if (rc == AR_ELOCKED) {
		char who[AR_ERROR_MESSAGE_MAX];
		snprintf(who, sizeof who, "%s is in use by %s on %s (pid %ld)", st->save_as,
		         holder.user[0] ? holder.user : "someone", holder.host[0] ? holder.host : "another host", holder.pid);
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
	struct ui_edit_state *st = ui->edit;
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

static void replace_answer(struct ui *ui, int key)
{
	struct ui_edit_state *st = ui->edit;
	if (key != 'y') {
		not_saved(ui, "you chose not to replace it");
		return;
	}
	if (same_file(st->save_as, ui->path))
		save_over(ui);
	else
		save_as_write(ui);
}

static void save_as_typed(struct ui *ui, const char *text)
{
	struct ui_edit_state *st = ui->edit;
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
		ui_ask(ui, "Replace it with your version? y replace, n don't", "yn", true, replace_answer);
	} else if (stat(text, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		not_saved(ui, "that is a folder; give a file name");
	} else if (stat(text, &sb) == 0) {
		ui_message(ui, AR_ROLE_ERROR, "%s exists", text);
		ui_ask(ui, "Replace it with this tracker? y replace, n don't", "yn", true, replace_answer);
	} else {
		save_as_write(ui);
	}
}

static void save_as_start(struct ui *ui)
{
	ui_type(ui, "Save as", ui->path, check_path, save_as_typed);
}

/* ---- quitting ---- */

static void quit_answer(struct ui *ui, int key)
{
	if (key == 's') {
		ui->edit->quit_after_save = true;
		ui_save(ui);
	} else if (key == 'd') {
		ui->quit = true;
		ui->exit_status = 0;
	} else {
		ui_message(ui, AR_ROLE_STATUS, "Still here; w saves");
	}
}

bool ui_may_quit(struct ui *ui)
{
	if (!ui_unsaved_changes(ui))
		return true;
	ui_message(ui, AR_ROLE_ERROR, "%s has unsaved changes", ui->file_name);
	ui_ask(ui, "Quit: s save and quit, d discard the changes and quit, Esc stay", "sd", true, quit_answer);
	return false;
}
