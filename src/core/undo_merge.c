/* undo_merge.c - the edits of the tracker's own fields and of meetings
 * (resolving a merge conflict), and re-applying unsaved edits onto a file
 * changed on disk, merged as `artrack merge` would (undo.h). */
#include "config.h"

#include "artrack/undo.h"
#include "artrack/alloc.h"
#include "artrack/compare.h"
#include "artrack/merge.h"
#include "artrack/choices.h"
#include "artrack/item_check.h"
#include "undo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the tracker's own fields and meetings ---- */

/* x with the unknown key key as from has it (in its place), or without it
 * when from has none; entries shared, not copied. */
static struct ar_extras extras_with(struct ar_tracker *t, const struct ar_extras *x, const struct ar_extras *from,
                                    const char *key)
{
	const struct ar_extra *e = ar_extras_find(from, key);
	struct ar_extra *items = ar_tracker_alloc(t, (x->count + 1) * sizeof *items);
	size_t n = 0;
	bool put = false;
	for (size_t i = 0; i < x->count; i++) {
		if (!ar_str_equal(x->items[i].key, key))
			items[n++] = x->items[i];
		else if (e && !put) {
			items[n++] = *e;
			put = true;
		}
	}
	if (e && !put)
		items[n++] = *e;
	return (struct ar_extras){.items = items, .count = n};
}

/* Record value (a scratch tracker in t's arena whose head fields are the
 * new ones, strings already t's) as the tracker's head, unless it is the
 * same. */
static void head_step(struct ar_edits *e, struct ar_tracker *value, const char *label)
{
	struct ar_tracker *t = e->tracker;
	bool same = ar_extras_equal(&t->extras, &value->extras);
	for (size_t f = 0; f < ar_tracker_field_count && same; f++)
		same = ar_tracker_fields[f].equal(t, value);
	if (same)
		return;
	struct head *before = ar_tracker_alloc(t, sizeof *before), *after = ar_tracker_alloc(t, sizeof *after);
	*before = (struct head){t->committee, t->title, t->as_of, t->response_days, t->extras};
	*after = (struct head){value->committee, value->title, value->as_of, value->response_days, value->extras};
	ar_edits_begin(e, label);
	edits_record(e, (struct change){.kind = CHANGE_HEAD, .head_before = before, .head_after = after});
	ar_edits_end(e);
}

/* Take one of the tracker's own fields as other has it (see undo.h). */
enum ar_rc ar_edits_take_tracker_field(struct ar_edits *edits, const struct ar_tracker *other, const char *field)
{
	struct ar_tracker *t = edits->tracker;
	struct ar_tracker value = *t;
	bool known = false;
	for (size_t f = 0; f < ar_tracker_field_count && !known; f++)
		if (strcmp(ar_tracker_fields[f].name, field) == 0) {
			ar_tracker_fields[f].take(&value, other);
			known = true;
		}
	if (!known)
		value.extras = extras_with(t, &t->extras, &other->extras, field);
	value.committee = ar_tracker_strdup(t, value.committee);
	value.title = ar_tracker_strdup(t, value.title);
	value.extras = edits_extras_copy(t, &value.extras);
	char label[AR_ERROR_MESSAGE_MAX];
	snprintf(label, sizeof label, "use the other %s", field);
	head_step(edits, &value, label);
	return AR_OK;
}

/* Set one of the tracker's own fields from text as typed (see undo.h). */
enum ar_rc ar_edits_set_tracker_field(struct ar_edits *edits, const char *field, const char *text,
                                      struct ar_error *err)
{
	struct ar_tracker *t = edits->tracker;
	struct ar_tracker value = *t;
	const char *trimmed = text;
	while (*trimmed == ' ')
		trimmed++;
	if (strcmp(field, "committee") == 0 || strcmp(field, "title") == 0) {
		const char *s = *trimmed ? ar_tracker_strdup(t, text) : NULL;
		*(field[0] == 'c' ? &value.committee : &value.title) = s;
	} else if (strcmp(field, "as_of") == 0) {
		if (!*trimmed)
			value.as_of = AR_DATE_NONE;
		else if (!ar_date_parse(trimmed, strlen(trimmed), false, &value.as_of)) {
			ar_error_set(err, 0, 0, "as_of: '%s' is not a date (YYYY-MM-DD)", text);
			return AR_EUSAGE;
		}
	} else if (strcmp(field, "response_days") == 0) {
		char *end;
		long days = *trimmed ? strtol(trimmed, &end, 10) : 0;
		if (*trimmed && (*end || days < 1 || days > AR_RESPONSE_DAYS_MAX)) {
			ar_error_set(err, 0, 0, "response_days: '%s' is not a number of days from 1 to %d", text,
			             AR_RESPONSE_DAYS_MAX);
			return AR_EUSAGE;
		}
		value.response_days = (int)days;
	} else {
		ar_error_set(err, 0, 0, "%s cannot be set as text", field);
		return AR_EUSAGE;
	}
	char label[AR_ERROR_MESSAGE_MAX];
	snprintf(label, sizeof label, "set the tracker's %s", field);
	head_step(edits, &value, label);
	return AR_OK;
}

/* Record after as the value of the meeting on its date, unless the same. */
static void meeting_step(struct ar_edits *e, const struct ar_meeting *before, const struct ar_meeting *after,
                         const char *label)
{
	if (ar_meeting_equal(before, after))
		return;
	ar_edits_begin(e, label);
	edits_record(e, (struct change){.kind = CHANGE_MEETING, .meeting = *before, .meeting_after = *after});
	ar_edits_end(e);
}

/* Take a meeting, or one of its fields, as other has it (see undo.h). */
enum ar_rc ar_edits_take_meeting(struct ar_edits *edits, const struct ar_tracker *other, ar_date date,
                                 const char *field, struct ar_error *err)
{
	struct ar_tracker *t = edits->tracker;
	const struct ar_meeting *mine = ar_tracker_find_meeting(t, date), *theirs = ar_tracker_find_meeting(other, date);
	char text[AR_DATE_TEXT_MAX], label[AR_ERROR_MESSAGE_MAX];
	ar_date_format(date, text);
	if (!field && !theirs)
		return mine ? ar_edits_remove_meeting(edits, date, err) : AR_OK;
	if (!mine && field) {
		ar_error_set(err, 0, 0, "there is no meeting on %s", text);
		return AR_EDATA;
	}
	struct ar_meeting value = mine ? *mine : (struct ar_meeting){.date = date};
	if (!field || strcmp(field, "title") == 0)
		value.title = theirs ? theirs->title : NULL;
	if (!field)
		value.extras = theirs->extras;
	else if (strcmp(field, "title") != 0)
		value.extras = extras_with(t, &value.extras, theirs ? &theirs->extras : &(struct ar_extras){0}, field);
	value.title = ar_tracker_strdup(t, value.title);
	value.extras = edits_extras_copy(t, &value.extras);
	snprintf(label, sizeof label, "use the other %s of meeting %s", field ? field : "version", text);
	if (mine) {
		meeting_step(edits, mine, &value, label);
		return AR_OK;
	}
	/* After the meeting it follows in other, when there is one here too. */
	size_t position = ar_tracker_meeting_position(t, date);
	const struct ar_meeting *before = theirs > other->meetings ? theirs - 1 : NULL;
	const struct ar_meeting *here = before ? ar_tracker_find_meeting(t, before->date) : NULL;
	if (here)
		position = (size_t)(here - t->meetings) + 1;
	else if (theirs == other->meetings)
		position = 0;
	snprintf(label, sizeof label, "add meeting %s", text);
	ar_edits_begin(edits, label);
	edits_record(edits, (struct change){.kind = CHANGE_ADD_MEETING, .meeting = value, .position = position});
	ar_edits_end(edits);
	return AR_OK;
}

/* Set the title of the meeting on date (see undo.h). */
enum ar_rc ar_edits_set_meeting_title(struct ar_edits *edits, ar_date date, const char *title, struct ar_error *err)
{
	struct ar_tracker *t = edits->tracker;
	const struct ar_meeting *m = ar_tracker_find_meeting(t, date);
	char text[AR_DATE_TEXT_MAX], label[AR_ERROR_MESSAGE_MAX];
	ar_date_format(date, text);
	if (!m) {
		ar_error_set(err, 0, 0, "there is no meeting on %s", text);
		return AR_EDATA;
	}
	struct ar_meeting value = *m;
	value.title = title && title[0] ? ar_tracker_strdup(t, title) : NULL;
	snprintf(label, sizeof label, "set the title of meeting %s", text);
	meeting_step(edits, m, &value, label);
	return AR_OK;
}

/* ---- re-applying after a reload ---- */

static int compare_by_id(const void *a, const void *b)
{
	long x = (*(struct ar_item *const *)a)->id, y = (*(struct ar_item *const *)b)->id;
	return (x > y) - (x < y);
}

static struct ar_item *lookup(struct ar_item **sorted, size_t count, long id)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sorted[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < count && sorted[lo]->id == id ? sorted[lo] : NULL;
}

/* Put a copy of mine (from the tracker from) into onto's tracker, in place
 * of the item at pos, or inserted at insert_at when pos < 0. */
static void put_copy(struct ar_edits *onto, const struct ar_tracker *from, const struct ar_item *mine,
                     long pos, size_t insert_at)
{
	struct ar_tracker *t = onto->tracker;
	struct ar_item *copy = ar_item_copy_into(t, mine);
	if (copy->meeting != AR_DATE_NONE && !ar_tracker_find_meeting(t, copy->meeting)) {
		const struct ar_meeting *m = ar_tracker_find_meeting(from, copy->meeting);
		struct ar_meeting added = {.date = copy->meeting, .title = m ? ar_tracker_strdup(t, m->title) : NULL};
		edits_record(onto, (struct change){.kind = CHANGE_ADD_MEETING, .meeting = added,
		                             .position = ar_tracker_meeting_position(t, copy->meeting)});
	}
	if (pos >= 0) {
		copy->origin_layout = t->items[pos]->origin_layout;
		copy->origin = t->items[pos]->origin;
		edits_record(onto, (struct change){.kind = CHANGE_REPLACE, .before = t->items[pos], .after = copy});
	} else {
		edits_record(onto, (struct change){.kind = CHANGE_INSERT, .after = copy, .position = insert_at});
	}
}

static void add_choice(struct ar_field_choice **choices, size_t *count, struct ar_field_choice c)
{
	*choices = ar_xreallocarray(*choices, *count + 1, sizeof **choices);
	(*choices)[(*count)++] = c;
}

/* Why my change (was to now) and the file's (was to there) cannot stand
 * together in one item: the check's complaint about the file's item with my
 * changed fields, in t's arena. */
static const char *unsound_reason(struct ar_tracker *t, const struct ar_item *was, const struct ar_item *there,
                                  const struct ar_item *now)
{
	struct ar_item *v = ar_item_clone(t, there);
	for (size_t f = 0; f < ar_item_field_count; f++)
		if (!ar_item_fields[f].equal(was, now))
			ar_item_fields[f].take(v, now);
	struct ar_error err;
	ar_error_clear(&err);
	if (ar_item_check_error(t, v, v->id, &err) == AR_OK)
		return NULL;
	return ar_tracker_strdup(t, err.message);
}

/* An item changed here (now) and in the file (there) since was: merged
 * field by field into onto; false when the two cannot be merged. */
static bool merge_fields(struct ar_edits *onto, const struct ar_tracker *mine, const struct ar_item *was,
                         const struct ar_item *there, const struct ar_item *now, long pos,
                         struct ar_field_choice **choices, size_t *choice_count)
{
	const char *fields[64];
	size_t n = 0;
	struct ar_item *v = ar_merge_item(onto->tracker, was, there, now, fields, 64, &n);
	if (n > 64)
		return false;
	if (n == 1 && strcmp(fields[0], "item") == 0) {
		/* Each change is sound, both together are not: the file's item
		 * stays until the officer chooses between the two versions. */
		add_choice(choices, choice_count, (struct ar_field_choice){.id = now->id, .meeting = AR_DATE_NONE,
		           .field = "item", .why = unsound_reason(onto->tracker, was, there, now)});
		return true;
	}
	if (v != there)
		put_copy(onto, mine, v, pos, 0);
	for (size_t i = 0; i < n; i++)
		add_choice(choices, choice_count, (struct ar_field_choice){.id = now->id, .meeting = AR_DATE_NONE,
		           .field = fields[i]});
	return true;
}

/* What one side did to an item (was to now), for a choice's question:
 * "changed status, due", in t's arena. */
static const char *item_did(struct ar_tracker *t, const struct ar_item *was, const struct ar_item *now)
{
	struct ar_buf did = { 0 };
	for (size_t f = 0; f < ar_item_field_count; f++)
		if (!ar_item_fields[f].equal(was, now))
			ar_buf_addf(&did, "%s%s", did.len ? ", " : "changed ", ar_item_fields[f].name);
	if (!ar_updates_equal(was, now))
		ar_buf_addf(&did, "%s%s", did.len ? ", " : "changed ", "updates");
	if (!ar_extras_equal(&was->extras, &now->extras))
		ar_buf_addf(&did, "%s%s", did.len ? ", " : "changed ", "other keys");
	if (!did.len && was->lines != now->lines)
		ar_buf_adds(&did, "changed comments"); /* the editor's lines: named when nothing else changed */
	const char *text = ar_tracker_strdup(t, did.len ? did.data : "changed");
	ar_buf_free(&did);
	return text;
}

/* An item one side removed and the other changed: the file's side stays
 * until the officer chooses (ar_edits_take_choice). */
static void add_removal_choice(struct ar_edits *onto, struct ar_field_choice **choices, size_t *count,
                               const struct ar_item *was, const struct ar_item *there, const struct ar_item *now)
{
	struct ar_tracker *t = onto->tracker;
	add_choice(choices, count, (struct ar_field_choice){.id = was->id, .meeting = AR_DATE_NONE, .field = "item",
	           .file_did = there ? item_did(t, was, there) : "removed",
	           .mine_did = now ? item_did(t, was, now) : "removed"});
}

/* How one value (a field, an unknown key) fares in a re-apply: as base,
 * mine and theirs compare. */
enum fate { FATE_KEEP, FATE_MINE, FATE_CHOOSE };

static enum fate fate_of(bool base_mine, bool theirs_mine, bool base_theirs)
{
	if (base_mine || theirs_mine)
		return FATE_KEEP;
	return base_theirs ? FATE_MINE : FATE_CHOOSE;
}

static const struct ar_node *extra_node(const struct ar_extras *x, const char *key)
{
	const struct ar_extra *e = ar_extras_find(x, key);
	return e ? e->value : NULL;
}

/* The unknown keys of base (b), mine (m) and theirs (t) that mine changed:
 * each taken (take) or listed for a choice (choose), through one callback. */
static void extras_fates(const struct ar_extras *b, const struct ar_extras *m, const struct ar_extras *t,
                         void (*fate)(void *ctx, const char *key, enum fate f), void *ctx)
{
	for (int side = 0; side < 2; side++) {
		const struct ar_extras *x = side ? b : m;
		for (size_t i = 0; i < x->count; i++) {
			const char *key = x->items[i].key;
			if (side && ar_extras_find(m, key))
				continue; /* seen with mine's */
			const struct ar_node *nb = extra_node(b, key), *nm = extra_node(m, key), *nt = extra_node(t, key);
			enum fate f = fate_of(ar_node_equal(nb, nm), ar_node_equal(nt, nm), ar_node_equal(nb, nt));
			if (f != FATE_KEEP)
				fate(ctx, key, f);
		}
	}
}

/* re-apply's state for the tracker's head and the meetings. */
struct reapply {
	const struct ar_tracker *mine;
	struct ar_edits *onto;
	struct ar_tracker *value;        /* the head being made */
	ar_date meeting;                 /* the meeting whose keys are looked at, or AR_DATE_NONE */
	struct ar_field_choice **choices;
	size_t *choice_count;
	size_t failed;
	struct ar_diags *conflicts;
};

static void place_fate(struct reapply *R, const char *field, enum fate f)
{
	if (f == FATE_CHOOSE && R->choices) {
		add_choice(R->choices, R->choice_count, (struct ar_field_choice){.meeting = R->meeting, .field = field});
		return;
	}
	char date[AR_DATE_TEXT_MAX];
	if (f == FATE_CHOOSE) {
		if (R->meeting != AR_DATE_NONE)
			ar_diags_add(R->conflicts, 0, 0, "the title or a key of meeting %s was also changed in the file; "
			             "your change to it was not re-applied", ar_date_format(R->meeting, date));
		else
			ar_diags_add(R->conflicts, 0, 0, "the tracker's %s was also changed in the file; yours was not "
			             "re-applied", field);
		R->failed++;
	} else if (R->meeting != AR_DATE_NONE) {
		struct ar_error err;
		ar_edits_take_meeting(R->onto, R->mine, R->meeting, field, &err);
	} else {
		R->value->extras = extras_with(R->onto->tracker, &R->value->extras, &R->mine->extras, field);
	}
}

static void key_fate(void *ctx, const char *key, enum fate f)
{
	place_fate(ctx, key, f);
}

/* The tracker's own fields I changed, into onto's tracker. */
static void reapply_head(const struct ar_edits *from, struct reapply *R)
{
	struct ar_tracker *t = R->onto->tracker;
	struct ar_tracker base = *R->mine, value = *t;
	const struct head *h = &from->base_head;
	base.committee = h->committee, base.title = h->title, base.as_of = h->as_of;
	base.response_days = h->response_days, base.extras = h->extras;
	R->value = &value;
	R->meeting = AR_DATE_NONE;
	for (size_t f = 0; f < ar_tracker_field_count; f++) {
		const struct ar_tracker_field *field = &ar_tracker_fields[f];
		enum fate fate = fate_of(field->equal(&base, R->mine), field->equal(t, R->mine), field->equal(&base, t));
		if (fate == FATE_MINE)
			field->take(&value, R->mine);
		else if (fate == FATE_CHOOSE)
			place_fate(R, field->name, fate);
	}
	extras_fates(&base.extras, &R->mine->extras, &t->extras, key_fate, R);
	value.committee = ar_tracker_strdup(t, value.committee);
	value.title = ar_tracker_strdup(t, value.title);
	value.extras = edits_extras_copy(t, &value.extras);
	head_step(R->onto, &value, "re-apply the tracker's fields");
}

static const struct ar_meeting *base_meeting(const struct ar_edits *from, ar_date date)
{
	for (size_t i = 0; i < from->base_meeting_count; i++)
		if (from->base_meetings[i].date == date)
			return &from->base_meetings[i];
	return NULL;
}

/* The meetings I added or changed (removals come after the items, which
 * may leave them). */
static void reapply_meetings(const struct ar_edits *from, struct reapply *R)
{
	static const struct ar_meeting none = {0};
	char date[AR_DATE_TEXT_MAX];
	struct ar_error err;
	for (size_t i = 0; i < R->mine->meeting_count; i++) {
		const struct ar_meeting *m = &R->mine->meetings[i], *b = base_meeting(from, m->date);
		const struct ar_meeting *t = ar_tracker_find_meeting(R->onto->tracker, m->date);
		if ((b && ar_meeting_equal(b, m)) || (t && ar_meeting_equal(t, m)))
			continue;
		if (!t && !b) {
			ar_edits_take_meeting(R->onto, R->mine, m->date, NULL, &err);
			continue;
		}
		if (!t && R->choices) {
			add_choice(R->choices, R->choice_count, (struct ar_field_choice){.meeting = m->date,
			           .field = "meeting", .file_did = "removed", .mine_did = "changed"});
			continue;
		}
		if (!t) {
			ar_diags_add(R->conflicts, 0, 0, "meeting %s was removed from the file; your changes to it were not "
			             "re-applied", ar_date_format(m->date, date));
			R->failed++;
			continue;
		}
		if (!b)
			b = &none;
		R->meeting = m->date;
		enum fate fate = fate_of(ar_str_equal(b->title, m->title), ar_str_equal(t->title, m->title),
		                         ar_str_equal(b->title, t->title));
		if (fate != FATE_KEEP)
			place_fate(R, "title", fate);
		extras_fates(&b->extras, &m->extras, &t->extras, key_fate, R);
	}
}

/* The meetings I removed, where the file has them unchanged and no item
 * names them any more. */
static void reapply_meeting_removals(const struct ar_edits *from, struct reapply *R)
{
	char date[AR_DATE_TEXT_MAX];
	struct ar_error err;
	for (size_t i = 0; i < from->base_meeting_count; i++) {
		const struct ar_meeting *b = &from->base_meetings[i];
		const struct ar_meeting *t = ar_tracker_find_meeting(R->onto->tracker, b->date);
		if (ar_tracker_find_meeting(R->mine, b->date) || !t)
			continue;
		if (!ar_meeting_equal(t, b) && R->choices) {
			add_choice(R->choices, R->choice_count, (struct ar_field_choice){.meeting = b->date,
			           .field = "meeting", .file_did = "changed", .mine_did = "removed"});
		} else if (!ar_meeting_equal(t, b) || ar_edits_remove_meeting(R->onto, b->date, &err) != AR_OK) {
			ar_diags_add(R->conflicts, 0, 0, "meeting %s was changed or given items in the file; it was not "
			             "removed", ar_date_format(b->date, date));
			R->failed++;
		}
	}
}

enum ar_rc ar_edits_reapply(const struct ar_edits *from, struct ar_edits *onto, size_t *applied,
                            struct ar_diags *conflicts)
{
	return ar_edits_reapply_merge(from, onto, applied, conflicts, NULL, NULL);
}

enum ar_rc ar_edits_reapply_merge(const struct ar_edits *from, struct ar_edits *onto, size_t *applied,
                                  struct ar_diags *conflicts, struct ar_field_choice **choices,
                                  size_t *choice_count)
{
	const struct ar_tracker *mine = from->tracker;
	struct ar_tracker *theirs = onto->tracker;
	size_t done = 0, failed = 0;

	struct ar_item **base = ar_xreallocarray(NULL, from->base_count ? from->base_count : 1, sizeof *base);
	if (from->base_count)
		memcpy(base, from->base, from->base_count * sizeof *base);
	qsort(base, from->base_count, sizeof *base, compare_by_id);

	ar_edits_begin(onto, "re-apply unsaved edits");
	struct reapply R = {.mine = mine, .onto = onto, .choices = choices, .choice_count = choice_count,
	                    .conflicts = conflicts};
	reapply_head(from, &R);
	reapply_meetings(from, &R);
	long previous_id = 0; /* the last of my items that is also in theirs: new items go after it */
	for (size_t i = 0; i < mine->item_count; i++) {
		const struct ar_item *now = mine->items[i];
		const struct ar_item *was = lookup(base, from->base_count, now->id);
		long pos = ar_tracker_find_index(theirs, now->id);
		const struct ar_item *there = pos >= 0 ? theirs->items[pos] : NULL;
		/* comments written in the editor (E) are an edit too */
		bool same_lines = !was || was->lines == now->lines;
		if (was && ar_item_equal(was, now) && same_lines) {
			/* not edited */
		} else if (there && ar_item_equal(there, now) && same_lines) {
			done++; /* the file already has it */
		} else if (was && there && ar_item_equal(there, was)) {
			put_copy(onto, mine, now, pos, 0);
			done++;
		} else if (was && !there && choices) {
			add_removal_choice(onto, choices, choice_count, was, NULL, now);
			done++;
		} else if (was && !there) {
			ar_diags_add(conflicts, 0, 0, "item %ld was removed from the file; your changes to it were "
			             "not re-applied", now->id);
			failed++;
		} else if (was && choices && merge_fields(onto, mine, was, there, now, pos, choices, choice_count)) {
			done++;
		} else if (was) {
			ar_diags_add(conflicts, 0, 0, "item %ld was also changed in the file; your changes to it "
			             "were not re-applied", now->id);
			failed++;
		} else if (!there) {
			long after = previous_id ? ar_tracker_find_index(theirs, previous_id) : -1;
			put_copy(onto, mine, now, -1, (size_t)(after + 1));
			done++;
		} else {
			ar_diags_add(conflicts, 0, 0, "the file now has a different item %ld; your new item %ld was "
			             "not added", now->id, now->id);
			failed++;
		}
		if (ar_tracker_find_index(theirs, now->id) >= 0)
			previous_id = now->id;
	}

	/* Items I removed. */
	for (size_t i = 0; i < from->base_count; i++) {
		const struct ar_item *was = base[i];
		if (ar_tracker_find_index(mine, was->id) >= 0)
			continue;
		long pos = ar_tracker_find_index(theirs, was->id);
		if (pos < 0) {
			done++;
		} else if (ar_item_equal(theirs->items[pos], was)) {
			edits_record(onto, (struct change){.kind = CHANGE_REMOVE, .before = theirs->items[pos],
			                             .position = (size_t)pos});
			done++;
		} else if (choices) {
			add_removal_choice(onto, choices, choice_count, was, theirs->items[pos], NULL);
			done++;
		} else {
			ar_diags_add(conflicts, 0, 0, "item %ld was changed in the file; it was not removed", was->id);
			failed++;
		}
	}
	reapply_meeting_removals(from, &R);
	failed += R.failed;
	ar_edits_end(onto);
	free(base);
	if (applied)
		*applied = done;
	return failed ? AR_ECHANGED : AR_OK;
}

/* Whether the tracker's own fields differ from the file's (see undo.h). */
bool ar_edits_head_changed(const struct ar_edits *edits)
{
	const struct ar_tracker *t = edits->tracker;
	const struct head *h = &edits->base_head;
	struct ar_tracker base = *t;
	base.committee = h->committee, base.title = h->title, base.as_of = h->as_of;
	base.response_days = h->response_days;
	for (size_t f = 0; f < ar_tracker_field_count; f++)
		if (!ar_tracker_fields[f].equal(&base, t))
			return true;
	return !ar_extras_equal(&h->extras, &t->extras);
}

/* Take the user's value of one field (see undo.h). */
enum ar_rc ar_edits_take_field(struct ar_edits *onto, const struct ar_tracker *mine, long id, const char *field)
{
	long pos = ar_tracker_find_index(onto->tracker, id);
	const struct ar_item *m = ar_tracker_find_item(mine, id);
	if (pos < 0 || !m)
		return AR_EDATA;
	struct ar_item *v = ar_item_clone(onto->tracker, onto->tracker->items[pos]);
	bool known = false;
	for (size_t f = 0; f < ar_item_field_count && !known; f++)
		if (strcmp(ar_item_fields[f].name, field) == 0) {
			ar_item_fields[f].take(v, m);
			known = true;
		}
	if (!known && strcmp(field, "item") == 0) {
		v = ar_item_clone(onto->tracker, m); /* my whole version */
	} else if (!known && strcmp(field, "updates") == 0) {
		v->updates = m->updates;
		v->update_count = m->update_count;
	} else if (!known) {
		/* an unknown key: mine's entry in place of the file's, or gone */
		v->extras = extras_with(onto->tracker, &v->extras, &m->extras, field);
	}
	char label[AR_ERROR_MESSAGE_MAX];
	if (strcmp(field, "item") == 0)
		snprintf(label, sizeof label, "use my item %ld", id);
	else
		snprintf(label, sizeof label, "use my %s of item %ld", field, id);
	struct ar_item *copy = ar_item_copy_into(onto->tracker, v);
	/* the same item in its place: its bytes in the file (comments) still its own */
	copy->origin_layout = onto->tracker->items[pos]->origin_layout;
	copy->origin = onto->tracker->items[pos]->origin;
	if (copy->meeting != AR_DATE_NONE && !ar_tracker_find_meeting(onto->tracker, copy->meeting)) {
		ar_edits_begin(onto, label);
		put_copy(onto, mine, copy, pos, 0);
		ar_edits_end(onto);
	} else {
		edits_replace_step(onto, pos, copy, label);
	}
	return AR_OK;
}

/* My whole item id into onto as mine has it: removed, or put back after
 * the item it follows in mine (one step). */
static enum ar_rc take_whole_item(struct ar_edits *onto, const struct ar_tracker *mine, long id, struct ar_error *err)
{
	long at = ar_tracker_find_index(mine, id);
	if (at < 0)
		return ar_edits_remove_item(onto, id, err);
	size_t insert_at = 0;
	for (long i = at - 1; i >= 0; i--) {
		long before = ar_tracker_find_index(onto->tracker, mine->items[i]->id);
		if (before >= 0) {
			insert_at = (size_t)before + 1;
			break;
		}
	}
	char label[AR_ERROR_MESSAGE_MAX];
	snprintf(label, sizeof label, "put my item %ld back", id);
	ar_edits_begin(onto, label);
	put_copy(onto, mine, mine->items[at], -1, insert_at);
	ar_edits_end(onto);
	return AR_OK;
}

/* Take mine for one choice ar_edits_reapply_merge left (see undo.h). */
enum ar_rc ar_edits_take_choice(struct ar_edits *onto, const struct ar_tracker *mine, const struct ar_field_choice *c,
                                struct ar_error *err)
{
	if (c->id && strcmp(c->field, "item") == 0 &&
	    (ar_tracker_find_index(mine, c->id) < 0 || ar_tracker_find_index(onto->tracker, c->id) < 0))
		return take_whole_item(onto, mine, c->id, err);
	if (c->meeting != AR_DATE_NONE && strcmp(c->field, "meeting") == 0)
		return ar_edits_take_meeting(onto, mine, c->meeting, NULL, err);
	if (c->id)
		return ar_edits_take_field(onto, mine, c->id, c->field);
	if (c->meeting != AR_DATE_NONE)
		return ar_edits_take_meeting(onto, mine, c->meeting, c->field, err);
	return ar_edits_take_tracker_field(onto, mine, c->field);
}
