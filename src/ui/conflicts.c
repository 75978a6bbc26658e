/* conflicts.c - a tracker left with git's conflict markers (by `artrack
 * merge` or git itself): opened as ours' side, with theirs' side kept
 * beside it, and each place where the two differ offered to resolve, field
 * by field -- the tracker's own fields, meetings and items alike, and a
 * meeting or item only one side has: o keeps ours, t takes theirs, e writes
 * what it should be (a one-line field on the bottom row, an unknown key
 * there as one line of YAML, an item in $EDITOR; the next question comes
 * when that is done).  The keys are
 * AR_MODE_MERGE_CONFLICT's table.  Nothing is saved until every one is
 * resolved: the file on disk still has the markers, and saving half of a
 * resolution would hide the rest.
 *
 *   conflicts_open      (load) the file's two sides, when it has markers
 *   conflicts_start     (the main loop, once no other question is open, so
 *                       after the journal's) the places, and the first question
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
#include "artrack/text.h"
#include "artrack/undo.h"
#include "artrack/yamlio.h"
#include "edits.h"
#include "modes.h"

/* One place the sides differ. */
struct choice {
	enum ar_change_kind kind;   /* ITEM_FIELD (updates folded in), TRACKER_FIELD, MEETING_FIELD, or
	                             * an item or meeting only one side has */
	long id;                    /* an item, or 0 */
	ar_date date;               /* a meeting (MEETING_*), or AR_DATE_NONE */
	const char *field;
};

struct merge_conflicts {
	struct ar_tracker *theirs;
	struct choice *choices;
	size_t count, at;
	bool started;               /* the places found and the first asked */
	bool values_said;           /* the status line shows a question's values */
};

static struct merge_conflicts *state(struct ui *ui)
{
	return ui->conflicts;
}

static bool same_place(const struct choice *a, const struct choice *b)
{
	return a->kind == b->kind && a->id == b->id && a->date == b->date && ar_str_equal(a->field, b->field);
}

/* The places the two sides differ, one per field (an item's updates are
 * one place), in the diff's order, except that a meeting only ours has
 * comes last: items that name it may go first. */
static void find_choices(struct merge_conflicts *mc, const struct ar_tracker *ours)
{
	struct ar_diff diff = { 0 };
	ar_diff_trackers(ours, mc->theirs, &diff);
	mc->choices = ar_xcalloc(diff.count + 1, sizeof *mc->choices);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < diff.count; i++) {
			const struct ar_change *c = &diff.changes[i];
			if ((c->kind == AR_CHANGE_MEETING_REMOVED) != (pass == 1))
				continue;
			struct choice ch = { .kind = c->kind, .id = c->id, .field = c->field, .date = AR_DATE_NONE };
			if (c->kind == AR_CHANGE_UPDATE_ADDED || c->kind == AR_CHANGE_UPDATE_REMOVED ||
			    c->kind == AR_CHANGE_UPDATE_CHANGED) {
				ch.kind = AR_CHANGE_ITEM_FIELD;
				ch.field = "updates";
			}
			if (c->kind == AR_CHANGE_MEETING_ADDED || c->kind == AR_CHANGE_MEETING_REMOVED ||
			    c->kind == AR_CHANGE_MEETING_FIELD)
				ch.date = c->date;
			if (mc->count && same_place(&mc->choices[mc->count - 1], &ch))
				continue;
			mc->choices[mc->count++] = ch;
		}
	ar_diff_free(&diff);
}
/* Open the file's sides when it has conflict markers (see the top). */
bool conflicts_open(struct ui *ui, struct ar_diags *why)
{
	struct ar_buf raw = { 0 };
	struct ar_tracker *o = NULL, *t = NULL;
	bool opened = ar_read_file(ui->path, &raw) == 0 && ar_conflict_load_sides(raw.data, raw.len, &o, &t, why);
	if (opened) {
		struct merge_conflicts *mc = ar_xcalloc(1, sizeof *mc);
		mc->theirs = t;
		ui->conflicts = mc;
		ui->tracker = o;
		/* The file on disk is the one with the markers: that is what a
		 * save must find unchanged. */
		ui->load_info.hash = ar_hash64(AR_HASH_INIT, raw.data, raw.len);
		ui->load_info.size = raw.len;
	}
	ar_buf_free(&raw);
	return opened;
}

static void ask(struct ui *ui);

/* What the questions are about, on the status line. */
static void said_what(struct ui *ui)
{
	ui_message(ui, AR_ROLE_ERROR, "%s has merge conflicts: choose each side's value (the file keeps its markers "
	           "until you save)", ui->file_name);
}

/* Where the place is, for the question: "item 21 status", "meeting
 * 2023-11-30 title", "tracker title", "item 37", "meeting 2023-11-30". */
static void place_name(struct ar_buf *out, const struct choice *c)
{
	char date[AR_DATE_TEXT_MAX];
	if (c->kind == AR_CHANGE_TRACKER_FIELD)
		ar_buf_addf(out, "tracker %s", c->field);
	else if (c->date != AR_DATE_NONE)
		ar_buf_addf(out, "meeting %s%s%s", ar_date_format(c->date, date), c->field ? " " : "",
		            c->field ? c->field : "");
	else
		ar_buf_addf(out, "item %ld%s%s", c->id, c->field ? " " : "", c->field ? c->field : "");
}

static bool whole_place(const struct choice *c)
{
	return c->kind == AR_CHANGE_ITEM_ADDED || c->kind == AR_CHANGE_ITEM_REMOVED ||
	       c->kind == AR_CHANGE_MEETING_ADDED || c->kind == AR_CHANGE_MEETING_REMOVED;
}

static bool known_tracker_field(const char *name)
{
	for (size_t f = 0; f < ar_tracker_field_count; f++)
		if (strcmp(ar_tracker_fields[f].name, name) == 0)
			return true;
	return false;
}

static bool unknown_key(const struct choice *c)
{
	return (c->kind == AR_CHANGE_TRACKER_FIELD && !known_tracker_field(c->field)) ||
	       (c->kind == AR_CHANGE_MEETING_FIELD && strcmp(c->field, "title") != 0);
}

/* A tracker holding only what is needed around the place's unknown key as
 * t has it (the meeting on its date, for a meeting's): saved, it shows the
 * key's value as the file writes it.  The values are t's, borrowed. */
static struct ar_tracker *key_alone(const struct ar_tracker *t, const struct choice *c)
{
	struct ar_tracker *alone = ar_tracker_new();
	const struct ar_extras *x = &t->extras;
	struct ar_extras *into = &alone->extras;
	if (c->date != AR_DATE_NONE) {
		const struct ar_meeting *m = ar_tracker_find_meeting(t, c->date);
		x = m ? &m->extras : NULL;
		into = &ar_tracker_add_meeting(alone, c->date, NULL)->extras;
	}
	const struct ar_extra *e = x ? ar_extras_find(x, c->field) : NULL;
	if (e)
		*into = (struct ar_extras){ .items = (struct ar_extra *)e, .count = 1 };
	return alone;
}

/* Ours' value of an unknown key as one line of YAML into out (nothing when
 * ours has none); false when it takes several lines, too many to type. */
static bool key_line(struct ar_buf *out, const struct ar_tracker *t, const struct choice *c)
{
	struct ar_tracker *alone = key_alone(t, c);
	struct ar_buf yaml = { 0 }, key = { 0 };
	struct ar_error err;
	ar_error_clear(&err);
	ar_buf_addf(&key, "\n%s%s:", c->date != AR_DATE_NONE ? "  " : "", c->field);
	bool one = true;
	if (ar_save_buffer(alone, &yaml, &err) != AR_OK) {
		one = false;
	} else if (yaml.data && strstr(yaml.data, key.data)) {
		const char *v = strstr(yaml.data, key.data) + key.len, *end = strchr(v, '\n');
		size_t indent = c->date != AR_DATE_NONE ? 2 : 0, n = 0;
		while (end && end[1 + n] == ' ')
			n++;
		one = end && *v == ' ' && v[1] != '|' && v[1] != '>' && n <= indent && end[1 + n] != '-';
		if (one)
			ar_buf_add(out, v + 1, (size_t)(end - v - 1));
	}
	ar_tracker_free(alone);
	ar_buf_free(&yaml);
	ar_buf_free(&key);
	return one;
}

/* One side's value at the place, for the question (an unknown key's as
 * its one line of YAML). */
static void side_brief(struct ar_buf *out, const struct ar_tracker *t, const struct choice *c, int width)
{
	if (!unknown_key(c)) {
		ui_place_brief(out, t, c->id, c->date, c->field, width);
		return;
	}
	struct ar_buf line = { 0 };
	ar_buf_adds(&line, "");
	if (key_line(&line, t, c))
		ui_value_brief(out, line.data, line.len, width);
	ar_buf_free(&line);
}

/* Whether e can write this place: an item ours has (in $EDITOR), or a
 * one-line field or unknown key of the tracker or a meeting (on the bottom
 * row). */
static bool editable(const struct ui *ui, const struct choice *c)
{
	if (c->kind == AR_CHANGE_ITEM_FIELD || c->kind == AR_CHANGE_ITEM_REMOVED)
		return ar_tracker_find_item(ui->tracker, c->id) != NULL;
	if (unknown_key(c)) {
		struct ar_buf line = { 0 };
		bool one = key_line(&line, ui->tracker, c);
		ar_buf_free(&line);
		return one;
	}
	return c->kind == AR_CHANGE_MEETING_FIELD || c->kind == AR_CHANGE_TRACKER_FIELD;
}

/* The unknown key given the value typed (YAML; "" removes it), as one step. */
static enum ar_rc set_key(struct ui *ui, const struct choice *c, const char *text, struct ar_error *err)
{
	char date[AR_DATE_TEXT_MAX];
	struct ar_buf yaml = { 0 };
	ar_buf_adds(&yaml, "artrack: 1\n");
	if (c->date != AR_DATE_NONE)
		ar_buf_addf(&yaml, "meetings:\n- date: %s\n  ", ar_date_format(c->date, date));
	if (text[strspn(text, " ")])
		ar_buf_addf(&yaml, "%s: %s\n", c->field, text);
	else if (c->date != AR_DATE_NONE)
		yaml.len -= 2; /* the meeting alone: the key removed */
	ar_buf_adds(&yaml, "items: []\n");
	struct ar_tracker *typed = NULL;
	struct ar_diags diags = { 0 };
	enum ar_rc rc = ar_load_buffer(yaml.data, yaml.len, &typed, &diags);
	if (rc != AR_OK) {
		ar_diags_sort(&diags);
		ar_error_set(err, 0, 0, "%s: %s", c->field, diags.count ? diags.items[0].message : "not a YAML value");
	} else if (c->date != AR_DATE_NONE) {
		rc = ar_edits_take_meeting(ui->edits, typed, c->date, c->field, err);
	} else {
		rc = ar_edits_take_tracker_field(ui->edits, typed, c->field);
	}
	ar_tracker_free(typed);
	ar_diags_free(&diags);
	ar_buf_free(&yaml);
	return rc;
}

/* Take theirs for the current place, as one undoable step; false (and
 * why on the status line) when it cannot be taken. */
static bool take_theirs(struct ui *ui, struct merge_conflicts *mc, const struct choice *c)
{
	struct ar_error err;
	ar_error_clear(&err);
	/* one step, named for what it is ("take theirs: item 21 status") */
	struct ar_buf label = { 0 };
	ar_buf_adds(&label, "take theirs: ");
	place_name(&label, c);
	ar_edits_begin(ui->edits, label.data);
	ar_buf_free(&label);
	if (c->kind == AR_CHANGE_ITEM_FIELD) {
		ar_edits_take_field(ui->edits, mc->theirs, c->id, c->field);
	} else if (c->kind == AR_CHANGE_ITEM_ADDED) {
		const struct ar_item *item = ar_tracker_find_item(mc->theirs, c->id);
		long at = ar_tracker_find_index(mc->theirs, c->id);
		if (item->meeting && !ar_tracker_find_meeting(ui->tracker, item->meeting))
			ar_edits_take_meeting(ui->edits, mc->theirs, item->meeting, NULL, &err);
		ar_edits_insert_item(ui->edits, (size_t)at, ar_item_copy_into(ui->tracker, item), &err);
	} else if (c->kind == AR_CHANGE_ITEM_REMOVED) {
		ar_edits_remove_item(ui->edits, c->id, &err);
	} else if (c->kind == AR_CHANGE_TRACKER_FIELD) {
		ar_edits_take_tracker_field(ui->edits, mc->theirs, c->field);
	} else {
		ar_edits_take_meeting(ui->edits, mc->theirs, c->date, c->field, &err);
	}
	if (err.message[0]) {
		ar_edits_cancel(ui->edits);
		ui_message(ui, AR_ROLE_ERROR, "Could not take theirs: %s", err.message);
		return false;
	}
	ar_edits_end(ui->edits);
	return true;
}

/* e on a one-line field: what was typed (NULL: Esc, ask again). */
static void field_typed(struct ui *ui, void *ctx, const char *text)
{
	struct merge_conflicts *mc = ctx;
	const struct choice *c = &mc->choices[mc->at];
	struct ar_error err;
	ar_error_clear(&err);
	enum ar_rc rc = AR_OK;
	if (text && unknown_key(c))
		rc = set_key(ui, c, text, &err);
	else if (text && c->kind == AR_CHANGE_TRACKER_FIELD)
		rc = ar_edits_set_tracker_field(ui->edits, c->field, text, &err);
	else if (text)
		rc = ar_edits_set_meeting_title(ui->edits, c->date, text, &err);
	if (rc != AR_OK)
		ui_message(ui, AR_ROLE_ERROR, "%s", err.message);
	else if (text)
		mc->at++;
	ask(ui);
}

/* e on an item: the editor round is over (changed, unchanged or discarded). */
static void item_edited(struct ui *ui, void *ctx)
{
	(void)ctx;
	ask(ui);
}

/* v: the view of both sides is closed; the same question again. */
static void viewed(struct ui *ui, void *ctx)
{
	(void)ctx;
	ask(ui);
}

static void answer(struct ui *ui, void *ctx, int op)
{
	struct merge_conflicts *mc = ctx;
	const struct choice *c = &mc->choices[mc->at];
	if (op == AR_RESOLVE_VIEW) {
		struct ar_buf place = { 0 };
		place_name(&place, c);
		const struct ar_side sides[2] = { { "ours", ui->tracker }, { "theirs", mc->theirs } };
		ui_show_sides(ui, place.data, sides, c->id, c->date, c->field, viewed, mc);
		ar_buf_free(&place);
		return;
	}
	if (op == AR_RESOLVE_LATER) {
		ui_message(ui, AR_ROLE_ERROR, "%zu merge conflict%s left: w asks again; nothing is saved until all are "
		           "resolved", mc->count - mc->at, mc->count - mc->at == 1 ? "" : "s");
		return;
	}
	if (op == AR_RESOLVE_EDIT && c->id == 0) {
		struct ar_buf label = { 0 }, value = { 0 };
		place_name(&label, c);
		ar_buf_adds(&value, "");
		if (unknown_key(c)) {
			key_line(&value, ui->tracker, c);
		} else if (c->kind == AR_CHANGE_TRACKER_FIELD) {
			for (size_t f = 0; f < ar_tracker_field_count; f++)
				if (strcmp(ar_tracker_fields[f].name, c->field) == 0)
					ar_tracker_fields[f].show(&value, ui->tracker);
		} else {
			const struct ar_meeting *m = ar_tracker_find_meeting(ui->tracker, c->date);
			ar_buf_adds(&value, m && m->title ? m->title : "");
		}
		ui_type(ui, label.data, value.data, NULL, field_typed, mc);
		ar_buf_free(&label);
		ar_buf_free(&value);
		return;
	}
	if (op == AR_RESOLVE_THEIRS && !take_theirs(ui, mc, c)) {
		ask(ui); /* the same place again: ours, or what makes theirs possible */
		return;
	}
	mc->at++;
	if (op == AR_RESOLVE_EDIT) {
		/* theirs to read while writing: '#' lines on top, dropped */
		struct ar_buf notes = { 0 };
		ui_side_notes(&notes, &(struct ar_side){ "theirs", mc->theirs }, c->id, c->field);
		ui_select_item(ui, c->id);
		round_edit_item_noted(ui, notes.data, item_edited, mc);
		ar_buf_free(&notes);
		return;
	}
	ask(ui);
}

/* The question about the next place, or the news that all are resolved. */
static void ask(struct ui *ui)
{
	struct merge_conflicts *mc = state(ui);
	if (mc->at == mc->count) {
		ui_message(ui, AR_ROLE_STATUS, "Every merge conflict in %s is resolved: w saves it without the markers",
		           ui->file_name);
		return;
	}
	const struct choice *c = &mc->choices[mc->at];
	if (c->id)
		ui_select_item(ui, c->id);
	struct ar_buf q = { 0 };
	/* both values shortened until the question fits the bottom row */
	int width = 40;
	for (; width >= 0; width = ui_brief_next_width(width)) {
		q.len = 0;
		ar_buf_addf(&q, "Conflict %zu of %zu, ", mc->at + 1, mc->count);
		place_name(&q, c);
		if (whole_place(c)) {
			bool theirs_has = c->kind == AR_CHANGE_ITEM_ADDED || c->kind == AR_CHANGE_MEETING_ADDED;
			ar_buf_addf(&q, ": o ours (%s), t theirs (%s)", theirs_has ? "without it" : "with it",
			            theirs_has ? "with it" : "without it");
		} else {
			ar_buf_adds(&q, ": o ours");
			side_brief(&q, ui->tracker, c, width);
			ar_buf_adds(&q, ", t theirs");
			side_brief(&q, mc->theirs, c, width);
		}
		if (editable(ui, c))
			ar_buf_adds(&q, ", e edit");
		ar_buf_adds(&q, ", v view both");
		if (ar_text_width(q.data, q.len) <= ui->screen->width || whole_place(c))
			break;
	}
	struct ar_buf values = { 0 };
	if (width <= 0 && !whole_place(c)) {
		place_name(&values, c);
		ar_buf_adds(&values, ": ours");
		size_t bare = values.len + 8;
		side_brief(&values, ui->tracker, c, 40);
		ar_buf_adds(&values, ", theirs");
		side_brief(&values, mc->theirs, c, 40);
		if (values.len == bare)
			values.len = 0; /* a long text or updates: nothing to say here (v shows them) */
	}
	if (values.len) {
		ui_message(ui, AR_ROLE_STATUS, "%s", values.data);
		mc->values_said = true;
	} else if (mc->values_said) {
		said_what(ui);
		mc->values_said = false;
	}
	unsigned offered = 1u << AR_RESOLVE_OURS | 1u << AR_RESOLVE_THEIRS | 1u << AR_RESOLVE_LATER |
	                   1u << AR_RESOLVE_VIEW;
	if (editable(ui, c))
		offered |= 1u << AR_RESOLVE_EDIT;
	ui_ask_mode(ui, q.data, AR_MODE_MERGE_CONFLICT, offered, answer, mc);
	ar_buf_free(&values);
	ar_buf_free(&q);
}

/* The first question, once the UI is up (see the top). */
void conflicts_start(struct ui *ui)
{
	struct merge_conflicts *mc = state(ui);
	if (!mc || mc->started || ui->input)
		return;
	/* Found now, not at open: edits restored from the journal have
	 * settled some places already. */
	mc->started = true;
	find_choices(mc, ui->tracker);
	said_what(ui);
	ask(ui);
}

/* Whether w must wait for conflicts to be resolved (see the top). */
bool conflicts_block_save(struct ui *ui)
{
	struct merge_conflicts *mc = state(ui);
	if (mc && !mc->started) {
		conflicts_start(ui);
		return true;
	}
	if (!mc || mc->at >= mc->count)
		return false;
	ask(ui);
	return true;
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
