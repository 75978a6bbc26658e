/* undo.c - undoable edits of a tracker's items and meetings (the edits of
 * the tracker's own fields and meetings' values, and re-applying edits after
 * a reload, are undo_merge.c's).
 *
 * A step is a list of changes to the items array (replace, insert, remove),
 * the meetings (add, remove, change) and the tracker's own fields.  Undo
 * reverts a step's changes in reverse order, redo replays them; both only
 * move pointers, since every value ever made stays in the tracker's arena. */
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

/* ---- deep copies (equality is compare.h's) ---- */

static struct ar_node *node_copy(struct ar_tracker *t, const struct ar_node *n)
{
	if (!n)
		return NULL;
	struct ar_node *c = ar_tracker_alloc(t, sizeof *c);
	*c = *n;
	c->tag = ar_tracker_strdup(t, n->tag);
	switch (n->type) {
	case AR_NODE_SCALAR:
		/* The value may hold NUL bytes: copy by length. */
		c->as.scalar.value = ar_tracker_strndup(t, n->as.scalar.value, n->as.scalar.length);
		break;
	case AR_NODE_RAW:
		c->as.raw.bytes = ar_tracker_strndup(t, n->as.raw.bytes, n->as.raw.length);
		break;
	case AR_NODE_SEQUENCE:
		if (n->as.sequence.count) {
			c->as.sequence.items = ar_tracker_alloc(t, n->as.sequence.count * sizeof *c->as.sequence.items);
			for (size_t i = 0; i < n->as.sequence.count; i++)
				c->as.sequence.items[i] = node_copy(t, n->as.sequence.items[i]);
		}
		break;
	case AR_NODE_MAPPING:
		if (n->as.mapping.count) {
			c->as.mapping.keys = ar_tracker_alloc(t, n->as.mapping.count * sizeof *c->as.mapping.keys);
			c->as.mapping.values = ar_tracker_alloc(t, n->as.mapping.count * sizeof *c->as.mapping.values);
			for (size_t i = 0; i < n->as.mapping.count; i++) {
				c->as.mapping.keys[i] = node_copy(t, n->as.mapping.keys[i]);
				c->as.mapping.values[i] = node_copy(t, n->as.mapping.values[i]);
			}
		}
		break;
	}
	return c;
}

struct ar_extras edits_extras_copy(struct ar_tracker *t, const struct ar_extras *e)
{
	struct ar_extras c = {NULL, e->count};
	if (e->count) {
		c.items = ar_tracker_alloc(t, e->count * sizeof *c.items);
		for (size_t i = 0; i < e->count; i++) {
			c.items[i].key = ar_tracker_strdup(t, e->items[i].key);
			c.items[i].value = node_copy(t, e->items[i].value);
			c.items[i].after = e->items[i].after;
		}
	}
	return c;
}

struct ar_item *ar_item_copy_into(struct ar_tracker *t, const struct ar_item *item)
{
	struct ar_item *c = ar_tracker_alloc(t, sizeof *c);
	*c = *item;
	c->topic = ar_tracker_strdup(t, item->topic);
	c->text = ar_tracker_strdup(t, item->text);
	ar_item_set_leads(t, c, item->leads, item->lead_count);
	ar_item_set_updates(t, c, item->updates, item->update_count);
	for (size_t i = 0; i < c->update_count; i++)
		((struct ar_update *)c->updates)[i].extras = edits_extras_copy(t, &item->updates[i].extras);
	c->extras = edits_extras_copy(t, &item->extras);
	c->origin_layout = c->origin = 0; /* read by another tracker's layout */
	c->lines = NULL;
	if (item->lines) {
		/* written in the editor: the lines go along, with the value they
		 * were read as (this one, or one it was edited from since) */
		struct ar_item_lines *l = ar_tracker_alloc(t, sizeof *l);
		l->bytes = ar_tracker_strndup(t, item->lines->bytes, item->lines->len);
		l->len = item->lines->len;
		if (item->lines->as == item) {
			l->as = c;
		} else {
			struct ar_item *as = ar_item_copy_into(t, item->lines->as);
			as->lines = NULL;
			l->as = as;
		}
		c->lines = l;
	}
	return c;
}

/* ---- applying and reverting changes ---- */

static void meeting_remove(struct ar_tracker *t, ar_date date)
{
	for (size_t i = t->meeting_count; i-- > 0;) {
		if (t->meetings[i].date == date) {
			ar_tracker_remove_meeting(t, i);
			return;
		}
	}
}

/* Give the meeting on m's date m's value. */
static void meeting_put(struct ar_tracker *t, const struct ar_meeting *m)
{
	for (size_t i = 0; i < t->meeting_count; i++) {
		if (t->meetings[i].date == m->date) {
			t->meetings[i] = *m;
			t->generation++;
			return;
		}
	}
}

static void head_put(struct ar_tracker *t, const struct head *h)
{
	t->committee = h->committee;
	t->title = h->title;
	t->as_of = h->as_of;
	t->response_days = h->response_days;
	t->extras = h->extras;
	t->generation++;
}

/* Where item is in the items, by id (then by pointer, to be sure). */
static long position_of(const struct ar_tracker *t, const struct ar_item *item)
{
	long pos = ar_tracker_find_index(t, item->id);
	if (pos >= 0 && t->items[pos] == item)
		return pos;
	for (size_t i = 0; i < t->item_count; i++)
		if (t->items[i] == item)
			return (long)i;
	return pos;
}

static void change_apply(struct ar_tracker *t, const struct change *c)
{
	long pos;
	switch (c->kind) {
	case CHANGE_REPLACE:
		pos = position_of(t, c->before);
		if (pos >= 0)
			ar_tracker_replace_item(t, (size_t)pos, c->after);
		break;
	case CHANGE_INSERT:
		ar_tracker_insert_item(t, c->position, c->after);
		break;
	case CHANGE_REMOVE:
		pos = position_of(t, c->before);
		if (pos >= 0)
			ar_tracker_remove_item(t, (size_t)pos);
		break;
	case CHANGE_ADD_MEETING:
		ar_tracker_insert_meeting(t, c->position, &c->meeting);
		break;
	case CHANGE_REMOVE_MEETING:
		meeting_remove(t, c->meeting.date);
		break;
	case CHANGE_MEETING:
		meeting_put(t, &c->meeting_after);
		break;
	case CHANGE_HEAD:
		head_put(t, c->head_after);
		break;
	}
}

static void change_revert(struct ar_tracker *t, const struct change *c)
{
	long pos;
	switch (c->kind) {
	case CHANGE_REPLACE:
		pos = position_of(t, c->after);
		if (pos >= 0)
			ar_tracker_replace_item(t, (size_t)pos, c->before);
		break;
	case CHANGE_INSERT:
		pos = position_of(t, c->after);
		if (pos >= 0)
			ar_tracker_remove_item(t, (size_t)pos);
		break;
	case CHANGE_REMOVE:
		ar_tracker_insert_item(t, c->position, c->before);
		break;
	case CHANGE_ADD_MEETING:
		meeting_remove(t, c->meeting.date);
		break;
	case CHANGE_REMOVE_MEETING:
		ar_tracker_insert_meeting(t, c->position, &c->meeting);
		break;
	case CHANGE_MEETING:
		meeting_put(t, &c->meeting);
		break;
	case CHANGE_HEAD:
		head_put(t, c->head_before);
		break;
	}
}

static long change_item_id(const struct change *c)
{
	if (c->after)
		return c->after->id;
	return c->before ? c->before->id : 0;
}

/* ---- steps ---- */

static void step_free(struct step *s)
{
	free(s->changes);
	free(s->label);
	memset(s, 0, sizeof *s);
}

static void base_snapshot(struct ar_edits *e)
{
	free(e->base);
	e->base_count = e->tracker->item_count;
	e->base = ar_xreallocarray(NULL, e->base_count ? e->base_count : 1, sizeof *e->base);
	if (e->base_count)
		memcpy(e->base, e->tracker->items, e->base_count * sizeof *e->base);
	const struct ar_tracker *t = e->tracker;
	e->base_head = (struct head){t->committee, t->title, t->as_of, t->response_days, t->extras};
	free(e->base_meetings);
	e->base_meeting_count = t->meeting_count;
	e->base_meetings = ar_xreallocarray(NULL, t->meeting_count + 1, sizeof *e->base_meetings);
	if (t->meeting_count)
		memcpy(e->base_meetings, t->meetings, t->meeting_count * sizeof *e->base_meetings);
}

struct ar_edits *ar_edits_new(struct ar_tracker *tracker)
{
	struct ar_edits *e = ar_xcalloc(1, sizeof *e);
	e->tracker = tracker;
	base_snapshot(e);
	return e;
}

void ar_edits_free(struct ar_edits *edits)
{
	if (!edits)
		return;
	for (size_t i = 0; i < edits->count; i++)
		step_free(&edits->steps[i]);
	step_free(&edits->open);
	free(edits->steps);
	free(edits->base);
	free(edits->base_meetings);
	free(edits);
}

struct ar_tracker *ar_edits_tracker(const struct ar_edits *edits)
{
	return edits->tracker;
}

void ar_edits_set_today(struct ar_edits *edits, ar_date today)
{
	edits->today = today;
}

void ar_edits_observe(struct ar_edits *edits, ar_edits_observer observer, void *ctx)
{
	edits->observer = observer;
	edits->observer_ctx = ctx;
}

/* Append the items (ids) and meetings (dates) step s touched; ids needs
 * room for 2 * s->count, dates for s->count more. */
static void step_touched(const struct step *s, long *ids, size_t *n, ar_date *dates, size_t *m)
{
	for (size_t i = 0; i < s->count; i++) {
		const struct change *c = &s->changes[i];
		if (c->kind == CHANGE_ADD_MEETING || c->kind == CHANGE_REMOVE_MEETING || c->kind == CHANGE_MEETING) {
			dates[(*m)++] = c->meeting.date;
			continue;
		}
		if (c->before)
			ids[(*n)++] = c->before->id;
		if (c->after && (!c->before || c->after->id != c->before->id))
			ids[(*n)++] = c->after->id;
	}
}

/* Tell the observer which items and meetings step s touched. */
static void notify(struct ar_edits *e, const struct step *s)
{
	if (!e->observer || !s->count)
		return;
	long *ids = ar_xcalloc(2 * s->count, sizeof *ids);
	ar_date *dates = ar_xcalloc(s->count, sizeof *dates);
	size_t n = 0, m = 0;
	step_touched(s, ids, &n, dates, &m);
	e->observer(e->observer_ctx, e, ids, n, dates, m);
	free(ids);
	free(dates);
}

bool ar_edits_touched_since_saved(const struct ar_edits *edits, long **ids, size_t *id_count, ar_date **meetings,
                                  size_t *meeting_count)
{
	*ids = NULL;
	*meetings = NULL;
	*id_count = *meeting_count = 0;
	if (edits->saved < 0)
		return false;
	/* the saved state is behind (edits since) or ahead (undone past it) */
	size_t from = (size_t)edits->saved < edits->applied ? (size_t)edits->saved : edits->applied;
	size_t to = (size_t)edits->saved < edits->applied ? edits->applied : (size_t)edits->saved;
	size_t changes = 0;
	for (size_t i = from; i < to; i++)
		changes += edits->steps[i].count;
	*ids = ar_xcalloc(2 * changes + 1, sizeof **ids);
	*meetings = ar_xcalloc(changes + 1, sizeof **meetings);
	for (size_t i = from; i < to; i++)
		step_touched(&edits->steps[i], *ids, id_count, *meetings, meeting_count);
	return true;
}

void ar_edits_begin(struct ar_edits *edits, const char *label)
{
	if (edits->depth++ == 0) {
		step_free(&edits->open);
		edits->open.label = ar_xstrdup(label ? label : "edit");
	}
}

void ar_edits_end(struct ar_edits *edits)
{
	if (edits->depth == 0 || --edits->depth > 0)
		return;
	if (edits->open.count == 0) {
		step_free(&edits->open);
		return;
	}
	/* A new step: what could have been redone is gone, and with it, if the
	 * saved state was among it, any way back to "clean". */
	for (size_t i = edits->applied; i < edits->count; i++)
		step_free(&edits->steps[i]);
	edits->count = edits->applied;
	if (edits->saved > (long)edits->applied)
		edits->saved = -1;
	AR_GROW(edits->steps, edits->capacity, edits->count + 1, 32);
	edits->steps[edits->count++] = edits->open;
	edits->applied = edits->count;
	memset(&edits->open, 0, sizeof edits->open);
	notify(edits, &edits->steps[edits->count - 1]);
}

void ar_edits_cancel(struct ar_edits *edits)
{
	if (edits->depth == 0)
		return;
	for (size_t i = edits->open.count; i-- > 0;)
		change_revert(edits->tracker, &edits->open.changes[i]);
	step_free(&edits->open);
	edits->depth = 0;
}

/* Do change c now and record it in the open step. */
void edits_record(struct ar_edits *e, struct change c)
{
	change_apply(e->tracker, &c);
	struct step *s = &e->open;
	AR_GROW(s->changes, s->capacity, s->count + 1, 4);
	s->changes[s->count++] = c;
	if (!s->id)
		s->id = change_item_id(&c);
}

bool ar_edits_undo(struct ar_edits *edits, long *id)
{
	if (edits->applied == 0 || edits->depth > 0)
		return false;
	const struct step *s = &edits->steps[--edits->applied];
	for (size_t i = s->count; i-- > 0;)
		change_revert(edits->tracker, &s->changes[i]);
	if (id) {
		/* The item as it is again: an edit that renumbered 5 to 99 gives 5
		 * back; an undone insertion leaves no item to select. */
		*id = 0;
		for (size_t i = 0; i < s->count && !*id; i++)
			if (s->changes[i].before)
				*id = s->changes[i].before->id;
	}
	notify(edits, s);
	return true;
}

bool ar_edits_redo(struct ar_edits *edits, long *id)
{
	if (edits->applied == edits->count || edits->depth > 0)
		return false;
	const struct step *s = &edits->steps[edits->applied++];
	for (size_t i = 0; i < s->count; i++)
		change_apply(edits->tracker, &s->changes[i]);
	if (id)
		*id = s->id;
	notify(edits, s);
	return true;
}

bool ar_edits_can_undo(const struct ar_edits *edits)
{
	return edits->applied > 0;
}

bool ar_edits_can_redo(const struct ar_edits *edits)
{
	return edits->applied < edits->count;
}

const char *ar_edits_undo_label(const struct ar_edits *edits)
{
	return edits->applied > 0 ? edits->steps[edits->applied - 1].label : NULL;
}

const char *ar_edits_redo_label(const struct ar_edits *edits)
{
	return edits->applied < edits->count ? edits->steps[edits->applied].label : NULL;
}

bool ar_edits_is_dirty(const struct ar_edits *edits)
{
	return edits->saved != (long)edits->applied;
}

void ar_edits_mark_saved(struct ar_edits *edits)
{
	edits->saved = (long)edits->applied;
	base_snapshot(edits);
}

/* ---- the edits themselves ---- */

static enum ar_rc find_item(struct ar_edits *e, long id, long *pos, struct ar_error *err)
{
	*pos = ar_tracker_find_index(e->tracker, id);
	if (*pos < 0) {
		ar_error_set(err, 0, 0, "there is no item %ld", id);
		return AR_EDATA;
	}
	return AR_OK;
}

/* Record the replacement of the item at pos by value as one step, unless
 * nothing changes. */
void edits_replace_step(struct ar_edits *e, long pos, struct ar_item *value, const char *label)
{
	struct ar_item *old = e->tracker->items[pos];
	/* lines from the editor that differ are a change (comments only) */
	if (ar_item_equal(old, value) && old->lines == value->lines)
		return;
	ar_edits_begin(e, label);
	edits_record(e, (struct change){.kind = CHANGE_REPLACE, .before = old, .after = value});
	ar_edits_end(e);
}

enum ar_rc ar_edits_replace_item(struct ar_edits *edits, long id, struct ar_item *new_value,
                                 struct ar_error *err)
{
	long pos;
	enum ar_rc rc = find_item(edits, id, &pos, err);
	if (rc == AR_OK)
		rc = ar_item_check_error(edits->tracker, new_value, id, err);
	if (rc != AR_OK)
		return rc;
	char label[64];
	if (new_value->id != id)
		snprintf(label, sizeof label, "edit item %ld (now item %ld)", id, new_value->id);
	else
		snprintf(label, sizeof label, "edit item %ld", id);
	/* the same item, whatever its new value (its id too): its bytes in the
	 * file are still the ones to keep where they fit */
	new_value->origin_layout = edits->tracker->items[pos]->origin_layout;
	new_value->origin = edits->tracker->items[pos]->origin;
	edits_replace_step(edits, pos, new_value, label);
	return AR_OK;
}

enum ar_rc ar_edits_add_update(struct ar_edits *edits, long id, const struct ar_update *update,
                               struct ar_error *err)
{
	long pos;
	enum ar_rc rc = find_item(edits, id, &pos, err);
	if (rc != AR_OK)
		return rc;
	if (!update->text || !update->text[0]) {
		ar_error_set(err, 0, 0, "an update needs a text");
		return AR_EUSAGE;
	}
	struct ar_item *value = ar_item_clone(edits->tracker, edits->tracker->items[pos]);
	ar_item_add_update(edits->tracker, value, update);
	char label[64];
	snprintf(label, sizeof label, "add an update to item %ld", id);
	edits_replace_step(edits, pos, value, label);
	return AR_OK;
}

/* The index of the one name text fits best; -1 (err set) when none or
 * several fit. */
static int enum_value(const char *what, const char *const *names, int count, const char *text,
                      struct ar_error *err)
{
	unsigned fitting;
	int found = ar_enum_match(names, count, text, strlen(text), &fitting);
	if (found < 0)
		ar_choice_error(err, 0, 0, what, names, count, text, strlen(text), found, fitting);
	return found < 0 ? -1 : found;
}

/* Split "a; b ;c" into trimmed, non-empty names in the tracker's arena. */
static const char **split_leads(struct ar_tracker *t, const char *value, size_t *count)
{
	size_t cap = 1;
	for (const char *p = value; *p; p++)
		cap += *p == ';';
	const char **leads = ar_tracker_alloc(t, cap * sizeof *leads);
	size_t n = 0;
	const char *p = value;
	for (;;) {
		const char *end = strchr(p, ';');
		if (!end)
			end = p + strlen(p);
		const char *a = p, *b = end;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > a)
			leads[n++] = ar_tracker_strndup(t, a, (size_t)(b - a));
		if (!*end)
			break;
		p = end + 1;
	}
	*count = n;
	return leads;
}

enum ar_rc ar_edits_set_field(struct ar_edits *edits, long id, enum ar_item_key field, const char *value,
                              struct ar_error *err)
{
	long pos;
	enum ar_rc rc = find_item(edits, id, &pos, err);
	if (rc != AR_OK)
		return rc;
	struct ar_tracker *t = edits->tracker;
	struct ar_item *v = ar_item_clone(t, t->items[pos]);
	int which;
	size_t count;
	switch (field) {
	case AR_ITEM_KEY_TOPIC:
		ar_item_set_topic(t, v, value[0] ? value : NULL);
		break;
	case AR_ITEM_KEY_TEXT:
		ar_item_set_text(t, v, value[0] ? value : NULL);
		break;
	case AR_ITEM_KEY_KIND:
		if ((which = enum_value("kind", ar_kind_names, AR_KIND_COUNT, value, err)) < 0)
			return AR_EUSAGE;
		v->kind = (enum ar_kind)which;
		if (v->kind == AR_KIND_ACTION) {
			v->response = AR_RESPONSE_NONE;
			v->responded = AR_DATE_NONE;
		} else if (v->response == AR_RESPONSE_NONE)
			v->response = AR_RESPONSE_PENDING;
		break;
	case AR_ITEM_KEY_STATUS:
		if ((which = enum_value("status", ar_status_names, AR_STATUS_COUNT, value, err)) < 0)
			return AR_EUSAGE;
		v->status = (enum ar_item_status)which;
		break;
	case AR_ITEM_KEY_RESPONSE:
		if (v->kind == AR_KIND_ACTION) {
			ar_error_set(err, 0, 0, "item %ld is an action, which has no response; make it a "
			             "recommendation first", id);
			return AR_EUSAGE;
		}
		if (!value[0])
			which = AR_RESPONSE_PENDING;
		else if ((which = enum_value("response", ar_response_names, AR_RESPONSE_COUNT, value, err)) < 0)
			return AR_EUSAGE;
		v->response = (enum ar_response)which;
		break;
	case AR_ITEM_KEY_DUE:
		if (!value[0]) {
			v->due = AR_DATE_NONE;
		} else if (!ar_date_parse(value, strlen(value), true, &v->due)) {
			ar_error_set(err, 0, 0, "due: '%s' is not a date (YYYY-MM or YYYY-MM-DD)", value);
			return AR_EUSAGE;
		}
		break;
	case AR_ITEM_KEY_RESPONDED:
		if (v->kind == AR_KIND_ACTION) {
			ar_error_set(err, 0, 0, "item %ld is an action, which has no response date; make it a "
			             "recommendation first", id);
			return AR_EUSAGE;
		}
		/* fall through */
	case AR_ITEM_KEY_CLOSED_ON: {
		ar_date *date = field == AR_ITEM_KEY_RESPONDED ? &v->responded : &v->closed_on;
		if (!value[0]) {
			*date = AR_DATE_NONE;
		} else if (!ar_date_parse(value, strlen(value), false, date)) {
			ar_error_set(err, 0, 0, "%s: '%s' is not a date (YYYY-MM-DD)", ar_item_key_names[field], value);
			return AR_EUSAGE;
		}
		break;
	}
	case AR_ITEM_KEY_RAG:
		if (!value[0] || strcasecmp(value, "none") == 0)
			which = AR_RAG_NONE;
		else if ((which = enum_value("rag", ar_rag_names, AR_RAG_COUNT, value, err)) < 0)
			return AR_EUSAGE;
		v->rag = (enum ar_rag)which;
		break;
	case AR_ITEM_KEY_MEETING:
		if (!value[0]) {
			v->meeting = AR_DATE_NONE;
		} else if (!ar_date_parse(value, strlen(value), false, &v->meeting)) {
			ar_error_set(err, 0, 0, "meeting: '%s' is not a date (YYYY-MM-DD)", value);
			return AR_EUSAGE;
		}
		break;
	case AR_ITEM_KEY_LEADS:
		v->leads = split_leads(t, value, &count);
		v->lead_count = count;
		if (!count)
			v->leads = NULL;
		break;
	case AR_ITEM_KEY_ID:
	case AR_ITEM_KEY_UPDATES:
	case AR_ITEM_KEY_COUNT:
	default:
		ar_error_set(err, 0, 0, "%s cannot be set as a field",
		             (unsigned)field < AR_ITEM_KEY_COUNT ? ar_item_key_names[field] : "that");
		return AR_EUSAGE;
	}
	ar_item_date_decisions(t->items[pos], v, edits->today);
	if ((rc = ar_item_check_error(t, v, id, err)) != AR_OK)
		return rc;
	char label[64];
	snprintf(label, sizeof label, "set %s of item %ld", ar_item_key_names[field], id);
	edits_replace_step(edits, pos, v, label);
	return AR_OK;
}

enum ar_rc ar_edits_set_leads(struct ar_edits *edits, long id, const char *const *leads, size_t count,
                              struct ar_error *err)
{
	long pos;
	enum ar_rc rc = find_item(edits, id, &pos, err);
	if (rc != AR_OK)
		return rc;
	struct ar_item *v = ar_item_clone(edits->tracker, edits->tracker->items[pos]);
	ar_item_set_leads(edits->tracker, v, leads, count);
	char label[64];
	snprintf(label, sizeof label, "set leads of item %ld", id);
	edits_replace_step(edits, pos, v, label);
	return AR_OK;
}

enum ar_rc ar_edits_insert_item(struct ar_edits *edits, size_t position, struct ar_item *item,
                                struct ar_error *err)
{
	enum ar_rc rc = ar_item_check_error(edits->tracker, item, 0, err);
	if (rc != AR_OK)
		return rc;
	if (position > edits->tracker->item_count)
		position = edits->tracker->item_count;
	char label[64];
	snprintf(label, sizeof label, "add item %ld", item->id);
	/* a new item: none of the file's bytes are its own, even when it was
	 * made as a copy of one read */
	item->origin_layout = item->origin = 0;
	ar_edits_begin(edits, label);
	edits_record(edits, (struct change){.kind = CHANGE_INSERT, .after = item, .position = position});
	ar_edits_end(edits);
	return AR_OK;
}

enum ar_rc ar_edits_remove_item(struct ar_edits *edits, long id, struct ar_error *err)
{
	long pos;
	enum ar_rc rc = find_item(edits, id, &pos, err);
	if (rc != AR_OK)
		return rc;
	char label[64];
	snprintf(label, sizeof label, "remove item %ld", id);
	ar_edits_begin(edits, label);
	edits_record(edits, (struct change){.kind = CHANGE_REMOVE, .before = edits->tracker->items[pos],
	                              .position = (size_t)pos});
	ar_edits_end(edits);
	return AR_OK;
}

enum ar_rc ar_edits_add_meeting(struct ar_edits *edits, ar_date date, const char *title, struct ar_error *err)
{
	struct ar_tracker *t = edits->tracker;
	char text[AR_DATE_TEXT_MAX];
	ar_date_format(date, text);
	if (ar_tracker_find_meeting(t, date)) {
		ar_error_set(err, 0, 0, "there is already a meeting on %s", text);
		return AR_EUSAGE;
	}
	struct ar_meeting added = {.date = date, .title = title && title[0] ? ar_tracker_strdup(t, title) : NULL};
	char label[64];
	snprintf(label, sizeof label, "add meeting %s", text);
	ar_edits_begin(edits, label);
	edits_record(edits, (struct change){.kind = CHANGE_ADD_MEETING, .meeting = added,
	                              .position = ar_tracker_meeting_position(t, date)});
	ar_edits_end(edits);
	return AR_OK;
}

enum ar_rc ar_edits_remove_meeting(struct ar_edits *edits, ar_date date, struct ar_error *err)
{
	struct ar_tracker *t = edits->tracker;
	char text[AR_DATE_TEXT_MAX];
	ar_date_format(date, text);
	const struct ar_meeting *m = ar_tracker_find_meeting(t, date);
	if (!m) {
		ar_error_set(err, 0, 0, "there is no meeting on %s", text);
		return AR_EDATA;
	}
	size_t items = ar_tracker_meeting_items(t, date);
	if (items) {
		ar_error_set(err, 0, 0, "meeting %s still has %zu item%s; delete or move %s first", text, items,
		             items == 1 ? "" : "s", items == 1 ? "it" : "them");
		return AR_EUSAGE;
	}
	char label[64];
	snprintf(label, sizeof label, "remove meeting %s", text);
	ar_edits_begin(edits, label);
	edits_record(edits, (struct change){.kind = CHANGE_REMOVE_MEETING, .meeting = *m,
	                              .position = (size_t)(m - t->meetings)});
	ar_edits_end(edits);
	return AR_OK;
}
