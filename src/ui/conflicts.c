/* conflicts.c - a tracker left with git's conflict markers (by `artrack
 * merge` or git itself): opened as ours' side, with theirs' side kept
 * beside it, and each place where the two differ offered to resolve, field
 * by field: o keeps ours, t takes theirs, e keeps ours and opens the item in
 * $EDITOR to write what it should be.  Nothing is saved until every one is
 * resolved: the file on disk still has the markers, and saving half of a
 * resolution would hide the rest.
 *
 *   conflicts_open      (load) the file's two sides, when it has markers
 *   conflicts_start     (after the lock) the first question
 *   conflicts_block_save whether w must wait, saying why
 *
 * The questions get this module's state as their context.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/compare.h"
#include "artrack/conflict.h"
#include "artrack/diff.h"
#include "artrack/filesafe.h"
#include "artrack/hash.h"
#include "artrack/undo.h"
#include "artrack/yamlio.h"
#include "edits.h"
#include "modes.h"

/* One place the sides differ. */
struct choice {
	enum ar_change_kind kind;   /* ITEM_FIELD (updates folded in), ITEM_ADDED/REMOVED, or another */
	long id;
	const char *field;
};

struct merge_conflicts {
	struct ar_tracker *theirs;
	struct choice *choices;
	size_t count, at;
};

static struct merge_conflicts *state(struct ui *ui)
{
	return ui->conflicts;
}

/* The places the two sides differ, one per field (an item's updates are
 * one place). */
static void find_choices(struct merge_conflicts *mc, const struct ar_tracker *ours)
{
	struct ar_diff diff = { 0 };
	ar_diff_trackers(ours, mc->theirs, &diff);
	mc->choices = ar_xcalloc(diff.count + 1, sizeof *mc->choices);
	for (size_t i = 0; i < diff.count; i++) {
		const struct ar_change *c = &diff.changes[i];
		struct choice ch = { .kind = c->kind, .id = c->id, .field = c->field };
		if (c->kind == AR_CHANGE_UPDATE_ADDED || c->kind == AR_CHANGE_UPDATE_REMOVED ||
		    c->kind == AR_CHANGE_UPDATE_CHANGED) {
			ch.kind = AR_CHANGE_ITEM_FIELD;
			ch.field = "updates";
		}
		if (mc->count && mc->choices[mc->count - 1].id == ch.id && mc->choices[mc->count - 1].kind == ch.kind &&
		    ar_str_equal(mc->choices[mc->count - 1].field, ch.field))
			continue;
		mc->choices[mc->count++] = ch;
	}
	ar_diff_free(&diff);
}

/* Open the file's sides when it has conflict markers (see the top). */
bool conflicts_open(struct ui *ui)
{
	struct ar_buf raw = { 0 }, ours = { 0 }, theirs = { 0 };
	struct ar_tracker *o = NULL, *t = NULL;
	struct ar_diags diags = { 0 };
	bool opened = false;
	if (ar_read_file(ui->path, &raw) == 0 &&
	    ar_conflict_take_side(raw.data, raw.len, AR_CONFLICT_OURS, &ours) > 0 &&
	    ar_conflict_take_side(raw.data, raw.len, AR_CONFLICT_THEIRS, &theirs) > 0 &&
	    ar_load_buffer(ours.data, ours.len, &o, &diags) == AR_OK &&
	    ar_load_buffer(theirs.data, theirs.len, &t, &diags) == AR_OK) {
		struct merge_conflicts *mc = ar_xcalloc(1, sizeof *mc);
		mc->theirs = t;
		find_choices(mc, o);
		ui->conflicts = mc;
		ui->tracker = o;
		/* The file on disk is the one with the markers: that is what a
		 * save must find unchanged. */
		ui->load_info.hash = ar_hash64(AR_HASH_INIT, raw.data, raw.len);
		ui->load_info.size = raw.len;
		opened = true;
	} else {
		ar_tracker_free(o);
		ar_tracker_free(t);
	}
	ar_diags_free(&diags);
	ar_buf_free(&raw);
	ar_buf_free(&ours);
	ar_buf_free(&theirs);
	return opened;
}

static void ask(struct ui *ui);

/* The value of a short field in one side, for the question. */
static void value_of(struct ar_buf *out, const struct ar_tracker *t, const struct choice *c)
{
	const struct ar_item *item = ar_tracker_find_item(t, c->id);
	if (!item)
		ar_buf_adds(out, " (no such item)");
	else
		ui_field_brief(out, item, c->field);
}

/* Take theirs for the current place, as one undoable step. */
static void take_theirs(struct ui *ui, struct merge_conflicts *mc, const struct choice *c)
{
	struct ar_error err;
	ar_error_clear(&err);
	if (c->kind == AR_CHANGE_ITEM_FIELD) {
		ar_edits_take_field(ui->edits, mc->theirs, c->id, c->field);
	} else if (c->kind == AR_CHANGE_ITEM_ADDED) {
		const struct ar_item *item = ar_tracker_find_item(mc->theirs, c->id);
		long at = ar_tracker_find_index(mc->theirs, c->id);
		if (item->meeting && !ar_tracker_find_meeting(ui->tracker, item->meeting)) {
			const struct ar_meeting *m = ar_tracker_find_meeting(mc->theirs, item->meeting);
			ar_edits_add_meeting(ui->edits, item->meeting, m ? m->title : NULL, &err);
		}
		ar_edits_insert_item(ui->edits, (size_t)at, ar_item_copy_into(ui->tracker, item), &err);
	} else if (c->kind == AR_CHANGE_ITEM_REMOVED) {
		ar_edits_remove_item(ui->edits, c->id, &err);
	}
	if (err.message[0])
		ui_message(ui, AR_ROLE_ERROR, "Could not take theirs: %s", err.message);
}

static void answer(struct ui *ui, void *ctx, int key)
{
	struct merge_conflicts *mc = ctx;
	const struct choice *c = &mc->choices[mc->at];
	if (key != 'o' && key != 't' && key != 'e') {
		ui_message(ui, AR_ROLE_ERROR, "%zu merge conflict%s left: w asks again; nothing is saved until all are "
		           "resolved", mc->count - mc->at, mc->count - mc->at == 1 ? "" : "s");
		return;
	}
	if (key == 't')
		take_theirs(ui, mc, c);
	mc->at++;
	if (key == 'e' && c->id && ar_tracker_find_item(ui->tracker, c->id)) {
		ui_select_item(ui, c->id);
		round_edit_item(ui);
		return;
	}
	ask(ui);
}

/* The question about the next place, or the news that all are resolved. */
static void ask(struct ui *ui)
{
	struct merge_conflicts *mc = state(ui);
	while (mc->at < mc->count && mc->choices[mc->at].kind != AR_CHANGE_ITEM_FIELD &&
	       mc->choices[mc->at].kind != AR_CHANGE_ITEM_ADDED && mc->choices[mc->at].kind != AR_CHANGE_ITEM_REMOVED)
		mc->at++; /* the tracker's own fields and meetings: ours, as written */
	if (mc->at == mc->count) {
		ui_message(ui, AR_ROLE_STATUS, "Every merge conflict in %s is resolved: w saves it without the markers",
		           ui->file_name);
		return;
	}
	const struct choice *c = &mc->choices[mc->at];
	ui_select_item(ui, c->id);
	char question[AR_ERROR_MESSAGE_MAX];
	if (c->kind == AR_CHANGE_ITEM_FIELD) {
		struct ar_buf o = { 0 }, t = { 0 };
		ar_buf_adds(&o, "");
		ar_buf_adds(&t, "");
		value_of(&o, ui->tracker, c);
		value_of(&t, mc->theirs, c);
		snprintf(question, sizeof question, "Conflict %zu of %zu, item %ld %s: o ours%s, t theirs%s, e edit",
		         mc->at + 1, mc->count, c->id, c->field, o.data, t.data);
		ar_buf_free(&o);
		ar_buf_free(&t);
	} else {
		snprintf(question, sizeof question, "Conflict %zu of %zu, item %ld: o ours (%s), t theirs (%s), e edit",
		         mc->at + 1, mc->count, c->id, c->kind == AR_CHANGE_ITEM_ADDED ? "without it" : "with it",
		         c->kind == AR_CHANGE_ITEM_ADDED ? "with it" : "without it");
	}
	ui_ask(ui, question, "ote", true, answer, mc);
}

/* The first question, once the UI is up (see the top). */
void conflicts_start(struct ui *ui)
{
	struct merge_conflicts *mc = state(ui);
	if (!mc)
		return;
	ui_message(ui, AR_ROLE_ERROR, "%s has merge conflicts: choose each side's value (the file keeps its markers "
	           "until you save)", ui->file_name);
	ask(ui);
}

/* Whether w must wait for conflicts to be resolved (see the top). */
bool conflicts_block_save(struct ui *ui)
{
	struct merge_conflicts *mc = state(ui);
	if (!mc || mc->at >= mc->count)
		return false;
	ask(ui); /* passes over what needs no choice */
	return mc->at < mc->count;
}

void conflicts_free(struct ui *ui)
{
	struct merge_conflicts *mc = state(ui);
	if (!mc)
		return;
	ar_tracker_free(mc->theirs);
	free(mc->choices);
	free(mc);
	ui->conflicts = NULL;
}
