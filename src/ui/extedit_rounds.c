/* extedit_rounds.c - a, E and long text in $VISUAL / $EDITOR (extedit.h).
 *
 * A round writes a temporary file, runs the editor between term_suspend()
 * and term_resume(), and reads what it left: an update's text (a), the whole
 * item as YAML (E, validated), or a long text handed back to whoever asked
 * through its callback and context (the Editor pane's text and update
 * texts, field_edits.c).  When what comes back has problems, the officer
 * edits again, the problems as '#' lines on top and the text intact, or
 * discards it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/author.h"
#include "artrack/change.h"
#include "artrack/extedit.h"
#include "artrack/text.h"
#include "artrack/textsearch.h"
#include "edits.h"
#include "modes.h"
#include "tags.h"
#include "term.h"

/* What a round is for. */
enum round_kind { ROUND_UPDATE, ROUND_ITEM, ROUND_NEW_ITEM, ROUND_TEXT };

struct extedit_rounds {
	struct ar_extedit_session session;
	bool session_open;
	enum round_kind kind;
	long item_id;
	long *ids;                 /* ROUND_UPDATE: every item it goes to (the tagged ones) */
	size_t id_count;
	char *author;              /* the default author of new updates */
	struct ar_diags problems;  /* for the retry; none when the editor itself failed */
	round_text_fn done;        /* ROUND_TEXT: who gets the text */
	void *done_ctx;
	round_over_fn over;        /* told when the round is over (round_edit_item_then) */
	void *over_ctx;
};

static struct extedit_rounds *rounds_of(struct ui *ui)
{
	if (!ui->rounds)
		ui->rounds = ar_xcalloc(1, sizeof *ui->rounds);
	return ui->rounds;
}

/* The author of new updates (author.h), looked up once. */
static const char *author(struct extedit_rounds *r)
{
	if (!r->author) {
		struct ar_buf name = { 0 };
		ar_default_author(&name);
		r->author = ar_buf_steal(&name, NULL);
	}
	return r->author[0] ? r->author : NULL;
}

static void session_close(struct extedit_rounds *r)
{
	if (r->session_open)
		ar_extedit_session_close(&r->session);
	r->session_open = false;
	ar_diags_free(&r->problems);
}

void rounds_free(struct ui *ui)
{
	if (!ui->rounds)
		return;
	session_close(ui->rounds);
	free(ui->rounds->ids);
	free(ui->rounds->author);
	free(ui->rounds);
	ui->rounds = NULL;
}

static void session_run(struct ui *ui, struct extedit_rounds *r);
static void ask_about_problems(struct ui *ui, struct extedit_rounds *r);

/* The round is over: tell whoever asked to be told. */
static void round_over(struct ui *ui, struct extedit_rounds *r)
{
	round_over_fn over = r->over;
	r->over = NULL;
	if (over)
		over(ui, r->over_ctx);
}

static void problems_answer(struct ui *ui, void *ctx, int key)
{
	struct extedit_rounds *r = ctx;
	if (key == 'd') {
		long id = r->item_id;
		session_close(r);
		if (r->kind == ROUND_NEW_ITEM)
			ui_message(ui, AR_ROLE_STATUS, "Discarded your new item %ld", id);
		else
			ui_message(ui, AR_ROLE_STATUS, "Discarded your edit; item %ld is as it was", id);
		round_over(ui, r);
		return;
	}
	if (r->problems.count > 0) {
		struct ar_error err;
		ar_error_clear(&err);
		if (ar_extedit_session_retry(&r->session, &r->problems, &err) != AR_OK) {
			ui_message(ui, AR_ROLE_ERROR, "%s", err.message);
			ask_about_problems(ui, r);
			return;
		}
	}
	session_run(ui, r);
}

/* Show the first problem and ask: edit again (the text kept) or discard. */
static void ask_about_problems(struct ui *ui, struct extedit_rounds *r)
{
	const struct ar_diags *d = &r->problems;
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
	snprintf(question, sizeof question, "Item %ld not %s: e edit again (your text is kept), d discard your edit",
	         r->item_id, r->kind == ROUND_NEW_ITEM ? "added" : "changed");
	ui_ask(ui, question, "ed", false, problems_answer, r);
}

static void add_problem(struct extedit_rounds *r, const struct ar_error *err)
{
	struct ar_error e = *err;
	e.line = e.column = 0;
	ar_diags_add_error(&r->problems, &e);
}

/* The text of a ROUND_TEXT: the file after its notes, without the line
 * break(s) editors add at the end.  NULL: nothing (or a problem). */
static char *long_text_result(struct extedit_rounds *r)
{
	const char *body = r->session.text.data ? r->session.text.data : "";
	size_t len = ar_extedit_text_length(body, r->session.text.len);
	struct ar_error bad;
	if (ar_utf8_refuse(body, len, "this", false, &bad)) {
		ar_diags_add_error(&r->problems, &bad);
		return NULL;
	}
	/* The blank line left above the cut line, and editors' final breaks. */
	while (len > 0 && (body[len - 1] == '\n' || body[len - 1] == '\r'))
		len--;
	return len > 0 ? ar_xstrndup(body, len) : NULL;
}

/* a: the update is added (to every item the round is for, as one step),
 * or the round has problems (false). */
static bool update_result(struct ui *ui, struct extedit_rounds *r)
{
	long id = r->item_id;
	char *text = NULL;
	struct ar_update_fields fields = { 0 };
	if (ar_update_edit_result(&r->session, &text, &fields, &r->problems) != AR_OK) {
		ar_update_fields_free(&fields);
		return false;
	}
	if (!text) {
		session_close(r);
		ar_update_fields_free(&fields);
		ui_message(ui, AR_ROLE_STATUS, "No update added to item %ld: the text was empty", id);
		return true;
	}
	struct ar_error err;
	ar_error_clear(&err);
	struct ar_update update = { .date = fields.date_given ? fields.date : ui->today,
		                    .by = fields.by_given ? fields.by : author(r),
		                    .label = fields.label,
		                    .text = text };
	char label[64];
	snprintf(label, sizeof label, "add an update to %zu items", r->id_count);
	bool group = r->id_count > 1; /* one item: the edit's own label ("add an update to item 21") */
	if (group)
		ar_edits_begin(ui->edits, label);
	enum ar_rc rc = AR_OK;
	long failed = id;
	for (size_t i = 0; i < r->id_count && rc == AR_OK; i++)
		if ((rc = ar_edits_add_update(ui->edits, r->ids[i], &update, &err)) != AR_OK)
			failed = r->ids[i];
	if (rc != AR_OK) {
		if (group)
			ar_edits_cancel(ui->edits);
		free(text);
		ar_update_fields_free(&fields);
		if (failed != id) {
			char why[AR_ERROR_MESSAGE_MAX];
			snprintf(why, sizeof why, "%s", err.message);
			ar_error_set(&err, 0, 0, "item %ld: %.300s", failed, why);
		}
		add_problem(r, &err);
		return false;
	}
	if (group)
		ar_edits_end(ui->edits);
	char date[AR_DATE_TEXT_MAX], who[120] = "";
	if (update.by)
		snprintf(who, sizeof who, " by %s", update.by);
	ar_date_format(update.date, date);
	if (r->id_count > 1) {
		ui_message(ui, AR_ROLE_STATUS, "Added an update to %zu items, %s%s%s, as one step (u undoes)", r->id_count,
		           update.date ? "dated " : "undated", date, who);
	} else {
		const char *hidden = ui_select_item_note(ui, id);
		ui_message(ui, AR_ROLE_STATUS, "Added an update to item %ld, %s%s%s%s (u undoes)", id,
		           update.date ? "dated " : "undated", date, who, hidden);
	}
	session_close(r);
	free(text);
	ar_update_fields_free(&fields);
	return true;
}

/* A or C: the new item is added, or the round has problems (false). */
static bool new_item_result(struct ui *ui, struct extedit_rounds *r)
{
	struct ar_item *value = NULL;
	if (ar_item_edit_result(&r->session, ui->tracker, 0, &value, &r->problems) != AR_OK)
		return false;
	if (!value || ((!value->topic || !*value->topic) && (!value->text || !*value->text))) {
		session_close(r);
		ui_message(ui, AR_ROLE_STATUS, "No item added: %s", value ? "its topic and text were left empty"
		                                                          : "the file was emptied");
		return true;
	}
	struct ar_error err;
	ar_error_clear(&err);
	if (ar_edits_insert_item(ui->edits, ui->tracker->item_count, value, &err) != AR_OK) {
		add_problem(r, &err);
		return false;
	}
	session_close(r);
	const char *hidden = ui_select_item_note(ui, value->id);
	ui_message(ui, AR_ROLE_STATUS, "Added item %ld%s (u undoes)", value->id, hidden);
	return true;
}

/* E: the item is replaced, or the round has problems (false). */
static bool item_result(struct ui *ui, struct extedit_rounds *r)
{
	long id = r->item_id;
	uint64_t generation = ui->tracker->generation;
	struct ar_item *value = NULL;
	if (ar_item_edit_result(&r->session, ui->tracker, id, &value, &r->problems) != AR_OK)
		return false;
	if (!value) {
		session_close(r);
		ui_message(ui, AR_ROLE_STATUS, "Item %ld left as it was: the file was emptied", id);
		return true;
	}
	long new_id = value->id;
	struct ar_error err;
	ar_error_clear(&err);
	if (ar_edits_replace_item(ui->edits, id, value, &err) != AR_OK) {
		add_problem(r, &err);
		return false;
	}
	session_close(r);
	const char *hidden = ui_select_item_note(ui, new_id);
	if (ui->tracker->generation == generation)
		ui_message(ui, AR_ROLE_STATUS, "Item %ld unchanged", id);
	else if (new_id != id)
		ui_message(ui, AR_ROLE_STATUS, "Item %ld changed; it is now item %ld%s (u undoes)", id, new_id, hidden);
	else
		ui_message(ui, AR_ROLE_STATUS, "Item %ld changed%s (u undoes)", id, hidden);
	return true;
}

/* A long text: handed to whoever asked, or the round has problems (false). */
static bool text_result(struct ui *ui, struct extedit_rounds *r)
{
	char *text = long_text_result(r);
	if (r->problems.count > 0)
		return false;
	session_close(r);
	if (!text)
		ui_message(ui, AR_ROLE_STATUS, "Item %ld: the text was left as it was (the file was empty)", r->item_id);
	else
		r->done(ui, r->done_ctx, text);
	free(text);
	return true;
}

/* Run the editor on the session's file and take what it left. */
static void session_run(struct ui *ui, struct extedit_rounds *r)
{
	struct ar_error err;
	ar_error_clear(&err);
	ar_diags_free(&r->problems);
	term_suspend();
	enum ar_rc rc = ar_extedit_session_run(&r->session, NULL, &err);
	term_resume();
	if (rc != AR_OK) {
		/* The file keeps whatever the editor wrote: offer it again. */
		ui_message(ui, AR_ROLE_ERROR, "%s", err.message);
		ask_about_problems(ui, r);
		return;
	}
	bool done = r->kind == ROUND_UPDATE     ? update_result(ui, r)
	            : r->kind == ROUND_ITEM     ? item_result(ui, r)
	            : r->kind == ROUND_NEW_ITEM ? new_item_result(ui, r)
	                                        : text_result(ui, r);
	if (!done)
		ask_about_problems(ui, r);
	else
		round_over(ui, r);
}

/* A session for kind on item id was opened (rc): run the editor on it. */
static void session_begin(struct ui *ui, enum ar_rc rc, const struct ar_error *err, enum round_kind kind, long id)
{
	struct extedit_rounds *r = rounds_of(ui);
	if (rc != AR_OK) {
		ui_message(ui, AR_ROLE_ERROR, "%s", err->message);
		round_over(ui, r);
		return;
	}
	r->session_open = true;
	r->kind = kind;
	r->item_id = id;
	session_run(ui, r);
}

void round_edit_text(struct ui *ui, long item_id, const char *name, const char *note, const char *text,
                     round_text_fn done, void *ctx)
{
	struct extedit_rounds *r = rounds_of(ui);
	struct ar_buf file = { 0 }, notes = { 0 };
	ar_buf_adds(&file, text ? text : "");
	ar_buf_adds(&file, "\n\n");
	ar_buf_addf(&notes, "%s Edit it above the line, then save and quit;\nan empty text leaves it as it was.", note);
	ar_extedit_add_notes(&file, notes.data);
	ar_buf_free(&notes);
	struct ar_error err;
	ar_error_clear(&err);
	enum ar_rc rc = ar_extedit_session_open(&r->session, name, ".txt", file.data, file.len, &err);
	ar_buf_free(&file);
	r->done = done;
	r->done_ctx = ctx;
	session_begin(ui, rc, &err, ROUND_TEXT, item_id);
}

void round_add_update(struct ui *ui)
{
	struct extedit_rounds *r = rounds_of(ui);
	size_t count;
	long *ids = tags_targets(ui, &count);
	if (!count) {
		free(ids);
		return;
	}
	free(r->ids);
	r->ids = ids;
	r->id_count = count;
	const struct ar_item *item = ar_tracker_find_item(ui->tracker, ids[0]);
	struct ar_error err;
	ar_error_clear(&err);
	enum ar_rc rc = ar_update_edit_start(&r->session, item, count - 1, ui->today, author(r), &err);
	session_begin(ui, rc, &err, ROUND_UPDATE, item->id);
}

void round_new_item(struct ui *ui, bool copy)
{
	const struct ar_item *selected = ui_selected_item(ui);
	struct ar_item *start;
	if (copy) {
		if (!(selected = ui_selected_item_or_say(ui)))
			return;
		start = ar_item_new_like(ui->tracker, selected);
	} else {
		/* The meeting selected in the Meetings pane, else the selected item's. */
		ar_date meeting = ar_view_meeting(ui->view);
		if (meeting == AR_VIEW_ALL_MEETINGS)
			meeting = selected ? selected->meeting : AR_DATE_NONE;
		else if (meeting == AR_VIEW_NO_MEETING)
			meeting = AR_DATE_NONE;
		start = ar_item_new_next(ui->tracker, meeting, AR_KIND_RECOMMENDATION);
	}
	/* Empty values to fill in, written out so the officer sees them. */
	ar_item_set_topic(ui->tracker, start, "");
	ar_item_set_text(ui->tracker, start, "");
	struct ar_error err;
	ar_error_clear(&err);
	enum ar_rc rc = ar_item_edit_start(&rounds_of(ui)->session, ui->tracker, start, &err);
	session_begin(ui, rc, &err, ROUND_NEW_ITEM, start->id);
}

void round_edit_item(struct ui *ui)
{
	round_edit_item_then(ui, NULL, NULL);
}

void round_edit_item_then(struct ui *ui, round_over_fn over, void *ctx)
{
	round_edit_item_noted(ui, NULL, over, ctx);
}

void round_edit_item_noted(struct ui *ui, const char *notes, round_over_fn over, void *ctx)
{
	struct extedit_rounds *r = rounds_of(ui);
	r->over = over;
	r->over_ctx = ctx;
	const struct ar_item *item = ui_selected_item_or_say(ui);
	if (!item) {
		round_over(ui, r);
		return;
	}
	struct ar_error err;
	ar_error_clear(&err);
	enum ar_rc rc = ar_item_edit_start_noted(&rounds_of(ui)->session, ui->tracker, item, notes, &err);
	session_begin(ui, rc, &err, ROUND_ITEM, item->id);
}
