/* field_edits.c - e and the lead keys of the Editor pane, and u / Ctrl-R.
 *
 * The Editor pane says which field (struct field_target); short text and
 * dates are typed on the bottom row, kind, status and response come from a
 * pick list, the text and an update's text go to $VISUAL / $EDITOR
 * (extedit_rounds.c, which hands the text back through a callback).  Each
 * change is one step: ar_edits_set_field, ar_edits_set_leads,
 * ar_edits_replace_item.  The prompts get this module's state as their
 * context: what the open field is about.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edits.h"
#include "modes.h"

/* The parts of an update `e` changes, as its pick list names them. */
enum update_part { PART_TEXT, PART_DATE, PART_LABEL, PART_BY, PART_COUNT };
static const char *const update_part_choices[PART_COUNT] = { "text (in the editor)", "date", "label", "by" };
static const char *const update_part_names[PART_COUNT] = { "text", "date", "label", "author" };

/* What the open field, pick list or question is about: the prompts' context. */
struct field_edits {
	struct field_target at;
	int part;                  /* enum update_part */
	bool new_lead;             /* the typed lead is inserted at at.index */
	char label[64];            /* the field's name on the bottom row */
};

static struct field_edits *begin(struct ui *ui, const struct ar_item *item, const struct field_target *at)
{
	if (!ui->field_edits)
		ui->field_edits = ar_xcalloc(1, sizeof *ui->field_edits);
	struct field_edits *fe = ui->field_edits;
	fe->at = *at;
	fe->at.item_id = item->id;
	fe->new_lead = false;
	return fe;
}

void field_edits_free(struct ui *ui)
{
	free(ui->field_edits);
	ui->field_edits = NULL;
}

/* ---- one field ---- */

/* The field was set (or not) by rc: say so, and what dates it brought
 * (before: the item's value before the edit, or NULL). */
static void report_field(struct ui *ui, long id, enum ar_rc rc, const struct ar_error *err, uint64_t generation,
                         const char *what, int field, const struct ar_item *before)
{
	char note[96];
	ui_dates_brought(before, ar_tracker_find_item(ui->tracker, id), field, note, sizeof note);
	if (rc != AR_OK)
		ui_message(ui, AR_ROLE_ERROR, "Item %ld not changed: %s", id, err->message);
	else if (ui->tracker->generation == generation)
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: %s unchanged", id, what);
	else
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: %s changed%s (u undoes)", id, what, note);
}

static void set_field(struct ui *ui, struct field_edits *fe, const char *value)
{
	struct ar_error err;
	ar_error_clear(&err);
	uint64_t generation = ui->tracker->generation;
	const struct ar_item *before = ar_tracker_find_item(ui->tracker, fe->at.item_id);
	enum ar_rc rc = ar_edits_set_field(ui->edits, fe->at.item_id, (enum ar_item_key)fe->at.field, value, &err);
	report_field(ui, fe->at.item_id, rc, &err, generation, ar_item_key_names[fe->at.field], fe->at.field, before);
}

static void left_as_it_was(struct ui *ui, struct field_edits *fe)
{
	ui_message(ui, AR_ROLE_STATUS, "Item %ld: %s left as it was", fe->at.item_id, ar_item_key_names[fe->at.field]);
}

static void enum_chosen(struct ui *ui, void *ctx, int choice)
{
	struct field_edits *fe = ctx;
	if (choice < 0) {
		left_as_it_was(ui, fe);
		return;
	}
	const char *value = fe->at.field == AR_ITEM_KEY_KIND     ? ar_kind_names[choice]
	                    : fe->at.field == AR_ITEM_KEY_STATUS ? ar_status_names[choice]
	                    : fe->at.field == AR_ITEM_KEY_RAG    ? ar_rag_choices[choice]
	                                                         : ar_response_names[choice + 1];
	set_field(ui, fe, value);
}

static void text_typed(struct ui *ui, void *ctx, const char *text)
{
	struct field_edits *fe = ctx;
	if (!text)
		left_as_it_was(ui, fe);
	else
		set_field(ui, fe, text);
}

/* The meeting pick list's answer (triage.c): never a meeting made on the side. */
static void meeting_chosen(struct ui *ui, void *ctx, ar_date date)
{
	struct field_edits *fe = ctx;
	char text[AR_DATE_TEXT_MAX];
	if (date == -1)
		left_as_it_was(ui, fe);
	else
		set_field(ui, fe, ar_date_format(date, text));
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

static bool check_due(struct ui *ui, void *ctx, const char *text, char *why, size_t size)
{
	return check_date("due", text, true, why, size);
}

static bool check_day(struct ui *ui, void *ctx, const char *text, char *why, size_t size)
{
	struct field_edits *fe = ctx;
	return check_date(fe->label, text, false, why, size);
}

/* Type the field on the bottom row after label. */
static void type_field(struct ui *ui, struct field_edits *fe, const char *text, ui_check_fn check,
                       ui_accept_fn accept)
{
	ui_type(ui, fe->label, text, check, accept, fe);
}

/* ---- leads ---- */

/* The item's leads with lead at position i replaced (replace) or inserted,
 * or lead i removed (lead NULL); then one step. */
static void change_leads(struct ui *ui, struct field_edits *fe, size_t i, const char *lead, bool replace,
                         const char *done)
{
	long id = fe->at.item_id;
	const struct ar_item *item = ar_tracker_find_item(ui->tracker, id);
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
	enum ar_rc rc = ar_edits_set_leads(ui->edits, id, leads, count, &err);
	free(leads);
	if (rc != AR_OK)
		ui_message(ui, AR_ROLE_ERROR, "Item %ld not changed: %s", id, err.message);
	else if (ui->tracker->generation != generation)
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: %s (u undoes)", id, done);
	else
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: leads unchanged", id);
}

static bool check_lead(struct ui *ui, void *ctx, const char *text, char *why, size_t size)
{
	for (const char *p = text; *p; p++)
		if (*p != ' ')
			return true;
	snprintf(why, size, "a lead needs a name (Esc cancels; - removes a lead)");
	return false;
}

/* The cursor goes to lead index (-1: the leads' first row) once the pane is built again. */
static void follow_lead(struct field_edits *fe, int index)
{
	if (fe->at.pane)
		pane_follow_key(fe->at.pane, field_row_key(AR_ITEM_KEY_LEADS, index));
}

static void lead_typed(struct ui *ui, void *ctx, const char *text)
{
	struct field_edits *fe = ctx;
	if (!text) {
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: leads left as they were", fe->at.item_id);
		return;
	}
	size_t at = (size_t)fe->at.index;
	change_leads(ui, fe, at, text, !fe->new_lead, fe->new_lead ? "lead added" : "lead changed");
	follow_lead(fe, (int)at);
}

/* Type a new lead, to go in at index. */
static void type_new_lead(struct ui *ui, struct field_edits *fe, size_t index)
{
	fe->at.field = AR_ITEM_KEY_LEADS;
	fe->at.index = (int)index;
	fe->new_lead = true;
	snprintf(fe->label, sizeof fe->label, "new lead");
	type_field(ui, fe, "", check_lead, lead_typed);
}

static bool on_a_lead(const struct ar_item *item, const struct field_target *at)
{
	return at->field == AR_ITEM_KEY_LEADS && at->index >= 0 && (size_t)at->index < item->lead_count;
}

static void say_put_cursor_on_lead(struct ui *ui)
{
	ui_message(ui, AR_ROLE_ERROR, "Move to a lead in the Editor pane first (Enter opens it)");
}

void field_add_lead(struct ui *ui, const struct ar_item *item, const struct field_target *at)
{
	struct field_edits *fe = begin(ui, item, at);
	/* After the lead under the cursor; elsewhere at the end. */
	type_new_lead(ui, fe, on_a_lead(item, at) ? (size_t)at->index + 1 : item->lead_count);
}

void field_remove_lead(struct ui *ui, const struct ar_item *item, const struct field_target *at)
{
	if (!on_a_lead(item, at)) {
		say_put_cursor_on_lead(ui);
		return;
	}
	struct field_edits *fe = begin(ui, item, at);
	int index = at->index;
	char done[300];
	snprintf(done, sizeof done, "lead %s removed", item->leads[index]);
	change_leads(ui, fe, (size_t)index, NULL, false, done);
	const struct ar_item *now = ar_tracker_find_item(ui->tracker, fe->at.item_id);
	if (now && now->lead_count > 0)
		follow_lead(fe, index < (int)now->lead_count ? index : (int)now->lead_count - 1);
	else
		follow_lead(fe, -1);
}

void field_move_lead(struct ui *ui, const struct ar_item *item, const struct field_target *at, int direction)
{
	if (!on_a_lead(item, at)) {
		say_put_cursor_on_lead(ui);
		return;
	}
	int index = at->index, to = index + direction;
	if (to < 0 || (size_t)to >= item->lead_count) {
		ui_message(ui, AR_ROLE_STATUS, "That lead is already %s", direction < 0 ? "first" : "last");
		return;
	}
	struct field_edits *fe = begin(ui, item, at);
	const char **leads = ar_xreallocarray(NULL, item->lead_count, sizeof *leads);
	for (size_t k = 0; k < item->lead_count; k++)
		leads[k] = item->leads[k];
	leads[to] = item->leads[index];
	leads[index] = item->leads[to];
	struct ar_error err;
	ar_error_clear(&err);
	enum ar_rc rc = ar_edits_set_leads(ui->edits, item->id, leads, item->lead_count, &err);
	free(leads);
	if (rc != AR_OK) {
		ui_message(ui, AR_ROLE_ERROR, "Item %ld not changed: %s", item->id, err.message);
		return;
	}
	ui_message(ui, AR_ROLE_STATUS, "Item %ld: lead moved %s (u undoes)", item->id, direction < 0 ? "up" : "down");
	follow_lead(fe, to);
}

/* ---- updates ---- */

/* Set one part of update at.index of item at.item_id to value (one step). */
static void set_update_part(struct ui *ui, struct field_edits *fe, int part, const char *value)
{
	long id = fe->at.item_id;
	int index = fe->at.index;
	const struct ar_item *item = ar_tracker_find_item(ui->tracker, id);
	if (!item || index < 0 || (size_t)index >= item->update_count) {
		ui_message(ui, AR_ROLE_ERROR, "Item %ld has no update %d", id, index + 1);
		return;
	}
	struct ar_update *updates = ar_xreallocarray(NULL, item->update_count, sizeof *updates);
	memcpy(updates, item->updates, item->update_count * sizeof *updates);
	struct ar_update *u = &updates[index];
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
	snprintf(label, sizeof label, "set the %s of update %d of item %ld", update_part_names[part], index + 1, id);
	snprintf(what, sizeof what, "the %s of update %d", update_part_names[part], index + 1);
	struct ar_error err;
	ar_error_clear(&err);
	uint64_t generation = ui->tracker->generation;
	ar_edits_begin(ui->edits, label);
	enum ar_rc rc = ar_edits_replace_item(ui->edits, id, next, &err);
	ar_edits_end(ui->edits);
	report_field(ui, id, rc, &err, generation, what, AR_ITEM_KEY_UPDATES, NULL);
}

static void update_left_as_it_was(struct ui *ui, struct field_edits *fe)
{
	ui_message(ui, AR_ROLE_STATUS, "Item %ld: update %d left as it was", fe->at.item_id, fe->at.index + 1);
}

static void update_part_typed(struct ui *ui, void *ctx, const char *text)
{
	struct field_edits *fe = ctx;
	if (!text)
		update_left_as_it_was(ui, fe);
	else
		set_update_part(ui, fe, fe->part, text);
}

/* The text of the item or of an update, back from the editor. */
static void long_text_edited(struct ui *ui, void *ctx, const char *text)
{
	struct field_edits *fe = ctx;
	if (fe->at.field == AR_ITEM_KEY_UPDATES)
		set_update_part(ui, fe, PART_TEXT, text);
	else
		set_field(ui, fe, text);
}

static void update_part_chosen(struct ui *ui, void *ctx, int choice)
{
	struct field_edits *fe = ctx;
	const struct ar_item *item = ar_tracker_find_item(ui->tracker, fe->at.item_id);
	if (choice < 0 || !item || (size_t)fe->at.index >= item->update_count) {
		update_left_as_it_was(ui, fe);
		return;
	}
	const struct ar_update *u = &item->updates[fe->at.index];
	int n = fe->at.index + 1;
	fe->part = choice;
	char date[AR_DATE_TEXT_MAX], note[80], name[40];
	switch ((enum update_part)choice) {
	case PART_TEXT:
		snprintf(note, sizeof note, "The text of update %d of item %ld.", n, item->id);
		snprintf(name, sizeof name, "update-%ld", item->id);
		round_edit_text(ui, item->id, name, note, u->text, long_text_edited, fe);
		return;
	case PART_DATE:
		snprintf(fe->label, sizeof fe->label, "date of update %d", n);
		type_field(ui, fe, ar_date_format(u->date, date), check_day, update_part_typed);
		return;
	case PART_LABEL:
		snprintf(fe->label, sizeof fe->label, "label of update %d", n);
		type_field(ui, fe, u->label, NULL, update_part_typed);
		return;
	case PART_BY:
		snprintf(fe->label, sizeof fe->label, "by (update %d)", n);
		type_field(ui, fe, u->by, NULL, update_part_typed);
		return;
	case PART_COUNT: return;
	}
}

/* ---- e ---- */

void field_edit(struct ui *ui, const struct ar_item *item, const struct field_target *at)
{
	struct field_edits *fe = begin(ui, item, at);
	int x = at->anchor_x, y = at->anchor_y, index = at->index;
	char date[AR_DATE_TEXT_MAX], note[80], name[40];
	snprintf(fe->label, sizeof fe->label, "%s", at->field >= 0 && at->field < AR_ITEM_KEY_COUNT
	                                              ? ar_item_key_names[at->field] : "");
	switch (at->field) {
	case AR_ITEM_KEY_TOPIC: type_field(ui, fe, item->topic, NULL, text_typed); return;
	case AR_ITEM_KEY_MEETING: triage_pick_meeting(ui, item->meeting, x, y, meeting_chosen, fe); return;
	case AR_ITEM_KEY_DUE: type_field(ui, fe, ar_date_format(item->due, date), check_due, text_typed); return;
	case AR_ITEM_KEY_KIND: ui_pick(ui, "kind", ar_kind_names, AR_KIND_COUNT, item->kind, x, y, enum_chosen, fe); return;
	case AR_ITEM_KEY_STATUS:
		ui_pick(ui, "status", ar_status_names, AR_STATUS_COUNT, item->status, x, y, enum_chosen, fe);
		return;
	case AR_ITEM_KEY_RESPONSE:
		if (item->kind != AR_KIND_RECOMMENDATION) {
			ui_message(ui, AR_ROLE_ERROR, "Item %ld is an action, which has no response; make its kind "
			           "recommendation first", item->id);
			return;
		}
		ui_pick(ui, "response", ar_response_names + 1, AR_RESPONSE_COUNT - 1, (int)item->response - 1, x, y,
		        enum_chosen, fe);
		return;
	case AR_ITEM_KEY_RAG:
		ui_pick(ui, "rag", ar_rag_choices, AR_RAG_COUNT, (int)item->rag, x, y, enum_chosen, fe);
		return;
	case AR_ITEM_KEY_RESPONDED:
		type_field(ui, fe, ar_date_format(item->responded, date), check_day, text_typed);
		return;
	case AR_ITEM_KEY_CLOSED_ON:
		type_field(ui, fe, ar_date_format(item->closed_on, date), check_day, text_typed);
		return;
	case AR_ITEM_KEY_TEXT:
		snprintf(note, sizeof note, "The text of item %ld.", item->id);
		snprintf(name, sizeof name, "text-%ld", item->id);
		round_edit_text(ui, item->id, name, note, item->text, long_text_edited, fe);
		return;
	case AR_ITEM_KEY_LEADS:
		if (index < 0 || (size_t)index >= item->lead_count)
			type_new_lead(ui, fe, item->lead_count);
		else {
			snprintf(fe->label, sizeof fe->label, "lead");
			type_field(ui, fe, item->leads[index], check_lead, lead_typed);
		}
		return;
	case AR_ITEM_KEY_UPDATES:
		if (index < 0 || (size_t)index >= item->update_count) {
			ui_message(ui, AR_ROLE_STATUS, "Item %ld has no updates yet: a adds one", item->id);
			return;
		}
		ui_pick(ui, "update", update_part_choices, PART_COUNT, PART_TEXT, x, y, update_part_chosen, fe);
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

void field_edit_elsewhere(struct ui *ui, enum ar_action action)
{
	const struct ar_item *item = ui_selected_item_or_say(ui);
	if (!item)
		return;
	switch (action) {
	case AR_ACTION_EDIT_FIELD:
		if (ui_open_editor(ui))
			ui_message(ui, AR_ROLE_STATUS, "Item %ld is open in the Editor pane: j/k choose a field, e edits it",
			           item->id);
		return;
	case AR_ACTION_ADD_LEAD:
		ui_message(ui, AR_ROLE_ERROR, "Open the item in the Editor pane first (Enter); + then adds a lead");
		return;
	default: say_put_cursor_on_lead(ui); return;
	}
}

/* ---- undo and redo ---- */

void field_undo(struct ui *ui, bool redo)
{
	struct ar_edits *edits = ui->edits;
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
	const char *hidden = ui_select_item_note(ui, id);
	ui_message(ui, AR_ROLE_STATUS, "%s: %s%s", redo ? "Redid" : "Undid", what, hidden);
	free(what);
}
