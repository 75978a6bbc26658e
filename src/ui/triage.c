/* triage.c - the keys of a committee cycle outside the Editor pane: t and T
 * tag, c changes one field of the selected or every tagged item, D deletes,
 * M adds a meeting, and the meeting pick list that c and the Editor pane's
 * meeting field share (with "new meeting..." leading to M's prompts).
 *
 * A change to several items is one step of ui->edits
 * (ar_edits_assign_items), all or nothing, and its message says how many.
 * The prompts get this module's state as their context: which items, which
 * field, and what to do once a meeting has been added.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/change.h"
#include "edits.h"
#include "modes.h"
#include "tags.h"

#define MAX_MEETING_CHOICES 400

struct triage {
	long *ids;                       /* the items c acts on */
	size_t count;
	enum ar_item_key field;          /* c: the field being changed */
	ar_date date;                    /* M: the date typed */
	/* the meeting pick list's lines, and what the chosen one means */
	char *choice_text[MAX_MEETING_CHOICES];
	const char *choices[MAX_MEETING_CHOICES];
	ar_date choice_dates[MAX_MEETING_CHOICES];
	int choice_count;
	meeting_chosen_fn chosen;        /* who gets the meeting picked or added */
	void *chosen_ctx;
	bool adding_for_pick;            /* M was opened from the pick list */
};

static struct triage *triage_of(struct ui *ui)
{
	if (!ui->triage)
		ui->triage = ar_xcalloc(1, sizeof *ui->triage);
	return ui->triage;
}

static void free_choices(struct triage *tr)
{
	for (int i = 0; i < tr->choice_count; i++)
		free(tr->choice_text[i]);
	tr->choice_count = 0;
}

void triage_free(struct ui *ui)
{
	if (!ui->triage)
		return;
	free_choices(ui->triage);
	free(ui->triage->ids);
	free(ui->triage);
	ui->triage = NULL;
}

/* ---- t and T ---- */

void triage_tag(struct ui *ui)
{
	const struct ar_item *item = ui_selected_item_or_say(ui);
	if (!item)
		return;
	long id = item->id;
	bool tagged = tags_toggle(ui, id);
	/* as in mutt: on to the next item, so a run of t tags a run of items */
	struct pane *items = &ui->panes[PANE_ITEMS];
	long row = ar_view_row_of(ui->view, id);
	if (row >= 0 && (size_t)row + 1 < ar_view_count(ui->view)) {
		items->row_count = ar_view_count(ui->view);
		pane_select(ui, items, (size_t)row + 1);
	}
	size_t n = tags_count(ui);
	ui_message(ui, AR_ROLE_STATUS, "%s item %ld (%zu tagged: c and a act on all)",
	           tagged ? "Tagged" : "Untagged", id, n);
}

void triage_tag_all(struct ui *ui)
{
	size_t before = tags_count(ui);
	size_t n = tags_all_shown(ui);
	if (n == 0 && before > 0) /* all were tagged: T untagged them */
		ui_message(ui, AR_ROLE_STATUS, "Untagged the %zu tagged item%s", before, before == 1 ? "" : "s");
	else if (n == 0)
		ui_message(ui, AR_ROLE_STATUS, "No item shown to tag");
	else
		ui_message(ui, AR_ROLE_STATUS, "Tagged the %zu items shown (T again untags all)", n);
}

/* ---- the meeting pick list ---- */

static void meeting_picked(struct ui *ui, void *ctx, int choice);

void triage_pick_meeting(struct ui *ui, ar_date current, int x, int y, meeting_chosen_fn chosen, void *ctx)
{
	struct triage *tr = triage_of(ui);
	free_choices(tr);
	tr->chosen = chosen;
	tr->chosen_ctx = ctx;
	int at = 0;
	const struct ar_tracker *t = ui->tracker;
	char date[AR_DATE_TEXT_MAX];
	for (size_t i = 0; i < t->meeting_count && tr->choice_count < MAX_MEETING_CHOICES - 2; i++) {
		const struct ar_meeting *m = &t->meetings[i];
		struct ar_buf line = {0};
		ar_buf_addf(&line, "%s%s%s", ar_date_format(m->date, date), m->title ? "  " : "", m->title ? m->title : "");
		if (m->date == current)
			at = tr->choice_count;
		tr->choice_dates[tr->choice_count] = m->date;
		tr->choice_text[tr->choice_count++] = ar_buf_steal(&line, NULL);
	}
	if (current == AR_DATE_NONE)
		at = tr->choice_count;
	tr->choice_dates[tr->choice_count] = AR_DATE_NONE;
	tr->choice_text[tr->choice_count++] = ar_xstrdup("(no meeting)");
	tr->choice_dates[tr->choice_count] = -1;
	tr->choice_text[tr->choice_count++] = ar_xstrdup("new meeting\xe2\x80\xa6");
	for (int i = 0; i < tr->choice_count; i++)
		tr->choices[i] = tr->choice_text[i];
	ui_pick(ui, "meeting", tr->choices, tr->choice_count, at, x, y, meeting_picked, tr);
}

static void add_meeting_prompts(struct ui *ui, struct triage *tr);

static void meeting_picked(struct ui *ui, void *ctx, int choice)
{
	struct triage *tr = ctx;
	if (choice < 0) {
		tr->chosen(ui, tr->chosen_ctx, -1);
		return;
	}
	ar_date date = tr->choice_dates[choice];
	if (date == -1) {
		tr->adding_for_pick = true;
		add_meeting_prompts(ui, tr);
		return;
	}
	tr->chosen(ui, tr->chosen_ctx, date);
}

/* ---- M ---- */

static bool check_new_meeting(struct ui *ui, void *ctx, const char *text, char *why, size_t size)
{
	ar_date date;
	if (!ar_date_parse(text, strlen(text), false, &date)) {
		snprintf(why, size, "'%s' is not a date (YYYY-MM-DD)", text);
		return false;
	}
	if (ar_tracker_find_meeting(ui->tracker, date)) {
		snprintf(why, size, "there is already a meeting on %s", text);
		return false;
	}
	return true;
}

static void meeting_done(struct ui *ui, struct triage *tr, ar_date date)
{
	bool for_pick = tr->adding_for_pick;
	tr->adding_for_pick = false;
	if (for_pick)
		tr->chosen(ui, tr->chosen_ctx, date);
}

static void title_typed(struct ui *ui, void *ctx, const char *text)
{
	struct triage *tr = ctx;
	char date[AR_DATE_TEXT_MAX];
	ar_date_format(tr->date, date);
	if (!text) {
		ui_message(ui, AR_ROLE_STATUS, "No meeting added");
		meeting_done(ui, tr, -1);
		return;
	}
	struct ar_error err;
	ar_error_clear(&err);
	if (ar_edits_add_meeting(ui->edits, tr->date, text, &err) != AR_OK) {
		ui_message(ui, AR_ROLE_ERROR, "No meeting added: %s", err.message);
		meeting_done(ui, tr, -1);
		return;
	}
	pane_follow_key(&ui->panes[PANE_MEETINGS], tr->date);
	ui_message(ui, AR_ROLE_STATUS, "Added the meeting of %s (u undoes)", date);
	meeting_done(ui, tr, tr->date);
}

static void date_typed(struct ui *ui, void *ctx, const char *text)
{
	struct triage *tr = ctx;
	if (!text) {
		ui_message(ui, AR_ROLE_STATUS, "No meeting added");
		meeting_done(ui, tr, -1);
		return;
	}
	ar_date_parse(text, strlen(text), false, &tr->date);
	/* The title as the committee's papers write it. */
	static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
	                                     "August", "September", "October", "November", "December"};
	char title[64];
	snprintf(title, sizeof title, "%d %s %d Meeting", ar_date_day(tr->date), months[ar_date_month(tr->date) - 1],
	         ar_date_year(tr->date));
	ui_type(ui, "title", title, NULL, title_typed, tr);
}

static void add_meeting_prompts(struct ui *ui, struct triage *tr)
{
	ui_type(ui, "new meeting's date (YYYY-MM-DD)", "", check_new_meeting, date_typed, tr);
}

void triage_add_meeting(struct ui *ui)
{
	struct triage *tr = triage_of(ui);
	tr->adding_for_pick = false;
	add_meeting_prompts(ui, tr);
}

/* ---- c ---- */

static const struct ar_field *field_row(enum ar_item_key key)
{
	for (size_t i = 0; i < ar_field_count; i++)
		if (ar_fields[i].key == key)
			return &ar_fields[i];
	return NULL;
}

/* Apply field=value to the targets as one step and say how it went. */
static void change_to(struct ui *ui, struct triage *tr, const char *value)
{
	const struct ar_field *field = field_row(tr->field);
	if (!field)
		return;
	struct ar_assignment a = {field, AR_ASSIGN_SET, value};
	char label[96], shown[80];
	snprintf(shown, sizeof shown, "%s", *value ? value : "(none)");
	if (tr->count == 1)
		snprintf(label, sizeof label, "set %s of item %ld", field->name, tr->ids[0]);
	else
		snprintf(label, sizeof label, "set %s of %zu items", field->name, tr->count);
	struct ar_error err;
	ar_error_clear(&err);
	long failed = 0;
	uint64_t generation = ui->tracker->generation;
	const struct ar_item *before = ar_tracker_find_item(ui->tracker, tr->ids[0]);
	if (ar_edits_assign_items(ui->edits, tr->ids, tr->count, &a, 1, label, &err, &failed) != AR_OK) {
		if (tr->count == 1)
			ui_message(ui, AR_ROLE_ERROR, "Item %ld not changed: %s", failed, err.message);
		else
			ui_message(ui, AR_ROLE_ERROR, "None of the %zu items changed: item %ld: %s", tr->count, failed,
			           err.message);
		return;
	}
	if (ui->tracker->generation == generation)
		ui_message(ui, AR_ROLE_STATUS, "%s already %s on %s", field->name, shown,
		           tr->count == 1 ? "that item" : "every one of them");
	else if (tr->count == 1) {
		char note[96];
		ui_dates_brought(before, ar_tracker_find_item(ui->tracker, tr->ids[0]), tr->field, note, sizeof note);
		/* With a date beside it, "set to" goes: the whole must fit an
		 * 80-column status line after the file's name. */
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: %s %s%s%s (u undoes)", tr->ids[0], field->name,
		           note[0] ? "" : "set to ", shown, note);
	}
	else
		/* short: the status line also shows the file and "[N tagged]" */
		ui_message(ui, AR_ROLE_STATUS, "%zu items: %s %s (one step, u undoes)", tr->count, field->name,
		           shown);
}

static void left_alone(struct ui *ui, struct triage *tr)
{
	ui_message(ui, AR_ROLE_STATUS, "%s left as it was", ar_item_key_names[tr->field]);
}

static void value_chosen(struct ui *ui, void *ctx, int choice)
{
	struct triage *tr = ctx;
	if (choice < 0) {
		left_alone(ui, tr);
		return;
	}
	const char *value = tr->field == AR_ITEM_KEY_STATUS     ? ar_status_names[choice]
	                    : tr->field == AR_ITEM_KEY_RESPONSE ? ar_response_names[choice + 1]
	                                                        : ar_rag_choices[choice];
	change_to(ui, tr, value);
}

static void value_typed(struct ui *ui, void *ctx, const char *text)
{
	struct triage *tr = ctx;
	if (!text)
		left_alone(ui, tr);
	else
		change_to(ui, tr, text);
}

static void meeting_for_change(struct ui *ui, void *ctx, ar_date date)
{
	struct triage *tr = ctx;
	if (date == -1) {
		left_alone(ui, tr);
		return;
	}
	char text[AR_DATE_TEXT_MAX];
	change_to(ui, tr, ar_date_format(date, text));
}

static bool check_due_value(struct ui *ui, void *ctx, const char *text, char *why, size_t size)
{
	ar_date date;
	if (!*text || ar_date_parse(text, strlen(text), true, &date))
		return true;
	snprintf(why, size, "due: '%s' is not a date (YYYY-MM or YYYY-MM-DD; empty for none)", text);
	return false;
}

static void field_letter(struct ui *ui, void *ctx, int key)
{
	struct triage *tr = ctx;
	const struct ar_item *first = ar_tracker_find_item(ui->tracker, tr->ids[0]);
	if (key == AR_KEY_ESC || !first) {
		ui_message(ui, AR_ROLE_STATUS, "Nothing changed");
		return;
	}
	int x = ui->panes[PANE_ITEMS].x + 4, y = ui->panes[PANE_ITEMS].y + 2;
	char date[AR_DATE_TEXT_MAX];
	struct ar_buf leads = {0};
	switch (key) {
	case 's':
		tr->field = AR_ITEM_KEY_STATUS;
		ui_pick(ui, "status", ar_status_names, AR_STATUS_COUNT, first->status, x, y, value_chosen, tr);
		return;
	case 'r':
		tr->field = AR_ITEM_KEY_RESPONSE;
		ui_pick(ui, "response", ar_response_names + 1, AR_RESPONSE_COUNT - 1,
		        first->response > AR_RESPONSE_NONE ? (int)first->response - 1 : 0, x, y, value_chosen, tr);
		return;
	case 'g':
		tr->field = AR_ITEM_KEY_RAG;
		ui_pick(ui, "rag", ar_rag_choices, AR_RAG_COUNT, (int)first->rag, x, y, value_chosen, tr);
		return;
	case 'd':
		tr->field = AR_ITEM_KEY_DUE;
		ui_type(ui, "due (YYYY-MM or YYYY-MM-DD, empty for none)", ar_date_format(first->due, date),
		        check_due_value, value_typed, tr);
		return;
	case 'l':
		tr->field = AR_ITEM_KEY_LEADS;
		ar_buf_adds(&leads, "");
		for (size_t i = 0; i < first->lead_count; i++)
			ar_buf_addf(&leads, "%s%s", i ? "; " : "", first->leads[i]);
		ui_type(ui, "leads (separated by ;)", leads.data, NULL, value_typed, tr);
		ar_buf_free(&leads);
		return;
	case 'm':
		tr->field = AR_ITEM_KEY_MEETING;
		triage_pick_meeting(ui, first->meeting, x, y, meeting_for_change, tr);
		return;
	default: return;
	}
}

void triage_change(struct ui *ui)
{
	struct triage *tr = triage_of(ui);
	free(tr->ids);
	tr->ids = tags_targets(ui, &tr->count);
	if (!tr->count)
		return;
	char question[160];
	/* fits 80 columns: the keys are the point */
	if (tr->count == 1)
		snprintf(question, sizeof question, "Change item %ld: s status r response d due l lead g rag m meeting",
		         tr->ids[0]);
	else
		snprintf(question, sizeof question, "Change %zu tagged: s status r response d due l lead g rag m meeting",
		         tr->count);
	ui_ask(ui, question, "srdlgm", true, field_letter, tr);
}

/* ---- D ---- */

static void delete_answer(struct ui *ui, void *ctx, int key)
{
	struct triage *tr = ctx;
	if (key != 'y') {
		ui_message(ui, AR_ROLE_STATUS, "Nothing deleted");
		return;
	}
	struct ar_error err;
	ar_error_clear(&err);
	char date[AR_DATE_TEXT_MAX];
	if (tr->count == 0) {
		if (ar_edits_remove_meeting(ui->edits, tr->date, &err) != AR_OK)
			ui_message(ui, AR_ROLE_ERROR, "Meeting not deleted: %s", err.message);
		else
			ui_message(ui, AR_ROLE_STATUS, "Deleted the meeting of %s (u brings it back)",
			           ar_date_format(tr->date, date));
		return;
	}
	if (ar_edits_remove_item(ui->edits, tr->ids[0], &err) != AR_OK)
		ui_message(ui, AR_ROLE_ERROR, "Item %ld not deleted: %s", tr->ids[0], err.message);
	else
		ui_message(ui, AR_ROLE_STATUS, "Deleted item %ld (u brings it back)", tr->ids[0]);
}

void triage_delete(struct ui *ui)
{
	struct triage *tr = triage_of(ui);
	char question[200], date[AR_DATE_TEXT_MAX];
	ar_date meeting = ar_view_meeting(ui->view);
	if (ui->focus == PANE_MEETINGS && (meeting == AR_VIEW_ALL_MEETINGS || meeting == AR_VIEW_NO_MEETING)) {
		ui_message(ui, AR_ROLE_ERROR, "Select a meeting with no items to delete it, or an item in Items");
		return;
	}
	if (ui->focus == PANE_MEETINGS) {
		size_t items = ar_tracker_meeting_items(ui->tracker, meeting);
		ar_date_format(meeting, date);
		if (items) {
			ui_message(ui, AR_ROLE_ERROR, "The meeting of %s has %zu item%s: delete or move %s first", date, items,
			           items == 1 ? "" : "s", items == 1 ? "it" : "them");
			return;
		}
		tr->count = 0;
		tr->date = meeting;
		snprintf(question, sizeof question, "Delete the meeting of %s? y deletes, n keeps it", date);
		ui_ask(ui, question, "yn", true, delete_answer, tr);
		return;
	}
	const struct ar_item *item = ui_selected_item_or_say(ui);
	if (!item)
		return;
	free(tr->ids);
	tr->ids = ar_xmalloc(sizeof *tr->ids);
	tr->ids[0] = item->id;
	tr->count = 1;
	const char *what = item->topic ? item->topic : item->text ? item->text : "";
	snprintf(question, sizeof question, "Delete item %ld (%.60s%s)? y deletes, n keeps it", item->id, what,
	         strlen(what) > 60 ? "\xe2\x80\xa6" : "");
	for (char *p = question; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	ui_ask(ui, question, "yn", true, delete_answer, tr);
}
