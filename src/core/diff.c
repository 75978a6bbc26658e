/* diff.c - the changes between two trackers and their three renderings. */
#include "config.h"

#include "artrack/diff.h"

#include "artrack/compare.h"
#include "artrack/format.h"
#include "artrack/text.h"

#include <stdlib.h>
#include <string.h>

const char *const ar_diff_format_names[AR_DIFF_FORMAT_COUNT] = {"text", "markdown", "json"};

#define SHORT_VALUE_COLUMNS 60 /* longer values: "changed", not "old -> new" */

static struct ar_change *add_change(struct ar_diff *diff, enum ar_change_kind kind)
{
	AR_GROW(diff->changes, diff->capacity, diff->count + 1, 32);
	struct ar_change *c = &diff->changes[diff->count++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->field_index = -1;
	return c;
}

/* Unknown keys added, removed or changed, one change each: first those of
 * old (in its order), then those only new has. */
static void diff_extras(struct ar_diff *diff, enum ar_change_kind kind, const struct ar_extras *old,
                        const struct ar_extras *new, const struct ar_change *proto)
{
	if (ar_extras_equal(old, new))
		return;
	for (size_t i = 0; i < old->count; i++) {
		const struct ar_extra *n = ar_extras_find(new, old->items[i].key);
		if (n && ar_node_equal(old->items[i].value, n->value))
			continue;
		struct ar_change *c = add_change(diff, kind);
		*c = *proto;
		c->kind = kind;
		c->field = old->items[i].key ? old->items[i].key : "";
		c->field_index = -1;
	}
	for (size_t i = 0; i < new->count; i++) {
		if (ar_extras_find(old, new->items[i].key))
			continue;
		struct ar_change *c = add_change(diff, kind);
		*c = *proto;
		c->kind = kind;
		c->field = new->items[i].key ? new->items[i].key : "";
		c->field_index = -1;
	}
}

static void diff_updates(struct ar_diff *diff, const struct ar_item *old, const struct ar_item *new)
{
	if (ar_updates_equal(old, new))
		return;
	long *match = ar_xmalloc((old->update_count + 1) * sizeof *match);
	ar_updates_match(old->updates, old->update_count, new->updates, new->update_count, match);
	/* Between two matched updates, pair old and new ones off as "changed"
	 * (an edit in place), the rest are removed or added. */
	size_t i = 0, j = 0;
	while (i < old->update_count || j < new->update_count) {
		size_t i_end = i, j_end;
		while (i_end < old->update_count && match[i_end] < 0)
			i_end++;
		j_end = i_end < old->update_count ? (size_t)match[i_end] : new->update_count;
		for (; i < i_end || j < j_end; i++, j++) {
			enum ar_change_kind kind = i < i_end && j < j_end ? AR_CHANGE_UPDATE_CHANGED
			                           : i < i_end             ? AR_CHANGE_UPDATE_REMOVED
			                                                   : AR_CHANGE_UPDATE_ADDED;
			struct ar_change *c = add_change(diff, kind);
			c->id = new->id;
			c->old_item = old;
			c->new_item = new;
			c->old_update = i < i_end ? &old->updates[i] : NULL;
			c->new_update = j < j_end ? &new->updates[j] : NULL;
		}
		i = i_end + 1;
		j = j_end + 1;
	}
	free(match);
}

static void diff_item(struct ar_diff *diff, const struct ar_item *old, const struct ar_item *new)
{
	if (!old || !new) {
		struct ar_change *c = add_change(diff, old ? AR_CHANGE_ITEM_REMOVED : AR_CHANGE_ITEM_ADDED);
		c->id = old ? old->id : new->id;
		c->old_item = old;
		c->new_item = new;
		return;
	}
	if (ar_item_equal(old, new))
		return;
	struct ar_change proto = {.kind = AR_CHANGE_ITEM_FIELD, .id = new->id, .old_item = old, .new_item = new};
	for (size_t f = 0; f < ar_item_field_count; f++) {
		if (ar_item_fields[f].equal(old, new))
			continue;
		struct ar_change *c = add_change(diff, AR_CHANGE_ITEM_FIELD);
		*c = proto;
		c->field = ar_item_fields[f].name;
		c->field_index = (int)f;
	}
	diff_updates(diff, old, new);
	diff_extras(diff, AR_CHANGE_ITEM_FIELD, &old->extras, &new->extras, &proto);
}

static int compare_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* Every change from old to new (see diff.h). */
void ar_diff_trackers(const struct ar_tracker *old, const struct ar_tracker *new, struct ar_diff *diff)
{
	diff->old = old;
	diff->new = new;
	for (size_t f = 0; f < ar_tracker_field_count; f++) {
		if (ar_tracker_fields[f].equal(old, new))
			continue;
		struct ar_change *c = add_change(diff, AR_CHANGE_TRACKER_FIELD);
		c->field = ar_tracker_fields[f].name;
		c->field_index = (int)f;
	}
	struct ar_change none = {.kind = AR_CHANGE_TRACKER_FIELD};
	diff_extras(diff, AR_CHANGE_TRACKER_FIELD, &old->extras, &new->extras, &none);

	/* Meetings by date: both lists are short. */
	size_t nm = old->meeting_count + new->meeting_count;
	long *dates = ar_xmalloc((nm + 1) * sizeof *dates);
	for (size_t i = 0; i < old->meeting_count; i++)
		dates[i] = old->meetings[i].date;
	for (size_t i = 0; i < new->meeting_count; i++)
		dates[old->meeting_count + i] = new->meetings[i].date;
	qsort(dates, nm, sizeof *dates, compare_long);
	for (size_t i = 0; i < nm; i++) {
		if (i && dates[i] == dates[i - 1])
			continue;
		const struct ar_meeting *a = ar_tracker_find_meeting(old, (ar_date)dates[i]);
		const struct ar_meeting *b = ar_tracker_find_meeting(new, (ar_date)dates[i]);
		if (a && b && ar_meeting_equal(a, b))
			continue;
		struct ar_change proto = {.kind = AR_CHANGE_MEETING_FIELD, .date = (ar_date)dates[i],
		                          .field_index = -1, .old_meeting = a, .new_meeting = b};
		if (!a || !b) {
			struct ar_change *c = add_change(diff, a ? AR_CHANGE_MEETING_REMOVED : AR_CHANGE_MEETING_ADDED);
			proto.kind = c->kind;
			*c = proto;
			continue;
		}
		if (!ar_str_equal(a->title, b->title)) {
			struct ar_change *c = add_change(diff, AR_CHANGE_MEETING_FIELD);
			*c = proto;
			c->field = "title";
			c->field_index = 0;
		}
		diff_extras(diff, AR_CHANGE_MEETING_FIELD, &a->extras, &b->extras, &proto);
	}
	free(dates);

	/* Items by id. */
	size_t n = old->item_count + new->item_count;
	long *ids = ar_xmalloc((n + 1) * sizeof *ids);
	for (size_t i = 0; i < old->item_count; i++)
		ids[i] = old->items[i]->id;
	for (size_t i = 0; i < new->item_count; i++)
		ids[old->item_count + i] = new->items[i]->id;
	qsort(ids, n, sizeof *ids, compare_long);
	for (size_t i = 0; i < n; i++) {
		if (i && ids[i] == ids[i - 1])
			continue;
		diff_item(diff, ar_tracker_find_item(old, ids[i]), ar_tracker_find_item(new, ids[i]));
	}
	free(ids);
}

/* One item's changes (see diff.h). */
void ar_diff_items(const struct ar_tracker *tracker, const struct ar_item *old, const struct ar_item *new,
                   struct ar_diff *diff)
{
	diff->old = diff->new = tracker;
	diff_item(diff, old, new);
}

/* Release the changes (see diff.h). */
void ar_diff_free(struct ar_diff *diff)
{
	free(diff->changes);
	memset(diff, 0, sizeof *diff);
}

/* ---- rendering ---- */

static const struct ar_extras *extras_of(const struct ar_diff *diff, const struct ar_change *c, bool old)
{
	const struct ar_item *item = old ? c->old_item : c->new_item;
	const struct ar_meeting *meeting = old ? c->old_meeting : c->new_meeting;
	const struct ar_tracker *tracker = old ? diff->old : diff->new;
	if (c->kind == AR_CHANGE_ITEM_FIELD)
		return item ? &item->extras : NULL;
	if (c->kind == AR_CHANGE_MEETING_FIELD)
		return meeting ? &meeting->extras : NULL;
	return tracker ? &tracker->extras : NULL;
}

static bool quotable(const struct ar_buf *v)
{
	return !v->len || (!memchr(v->data, '\n', v->len) && ar_text_width(v->data, v->len) <= SHORT_VALUE_COLUMNS);
}

/* The old and new values of a known field into a and b; whether they are
 * short enough to quote.  False for unknown keys. */
static bool field_values(const struct ar_diff *diff, const struct ar_change *c, struct ar_buf *a, struct ar_buf *b)
{
	ar_buf_adds(a, "");
	ar_buf_adds(b, "");
	bool long_text = false;
	if (c->kind == AR_CHANGE_ITEM_FIELD && c->field_index >= 0) {
		const struct ar_item_field *f = &ar_item_fields[c->field_index];
		f->show(a, c->old_item);
		f->show(b, c->new_item);
		long_text = f->long_text;
	} else if (c->kind == AR_CHANGE_TRACKER_FIELD && c->field_index >= 0) {
		ar_tracker_fields[c->field_index].show(a, diff->old);
		ar_tracker_fields[c->field_index].show(b, diff->new);
	} else if (c->kind == AR_CHANGE_MEETING_FIELD && c->field_index == 0) {
		ar_buf_adds(a, c->old_meeting->title ? c->old_meeting->title : "");
		ar_buf_adds(b, c->new_meeting->title ? c->new_meeting->title : "");
	} else {
		return false;
	}
	return !long_text && quotable(a) && quotable(b);
}

/* A field's name as a committee paper writes it: "RAG", "closed on". */
static void paper_name(struct ar_buf *out, const char *field)
{
	if (strcmp(field, "rag") == 0) {
		ar_buf_adds(out, "RAG");
		return;
	}
	for (const char *p = field; *p; p++)
		ar_buf_addc(out, *p == '_' ? ' ' : *p);
}

/* The change after its "21: " / "meeting D " prefix, in words (for a paper:
 * a known field's name as paper_name writes it). */
static void describe(struct ar_buf *out, const struct ar_diff *diff, const struct ar_change *c, const char *arrow,
                     bool paper)
{
	char d[AR_DATE_TEXT_MAX];
	const struct ar_update *u = c->new_update ? c->new_update : c->old_update;
	switch (c->kind) {
	case AR_CHANGE_ITEM_ADDED:
	case AR_CHANGE_MEETING_ADDED: ar_buf_adds(out, "added"); return;
	case AR_CHANGE_ITEM_REMOVED:
	case AR_CHANGE_MEETING_REMOVED: ar_buf_adds(out, "removed"); return;
	case AR_CHANGE_UPDATE_ADDED:
	case AR_CHANGE_UPDATE_REMOVED:
	case AR_CHANGE_UPDATE_CHANGED:
		ar_buf_adds(out, c->kind == AR_CHANGE_UPDATE_ADDED     ? "update added"
		                 : c->kind == AR_CHANGE_UPDATE_REMOVED ? "update removed"
		                                                       : "update changed");
		if (u->date)
			ar_buf_addf(out, " (%s)", ar_date_format(u->date, d));
		return;
	case AR_CHANGE_TRACKER_FIELD:
	case AR_CHANGE_MEETING_FIELD:
	case AR_CHANGE_ITEM_FIELD: break;
	}
	if (paper && c->field_index >= 0)
		paper_name(out, c->field);
	else
		ar_buf_adds(out, c->field);
	ar_buf_addc(out, ' ');
	struct ar_buf a = {0}, b = {0};
	if (field_values(diff, c, &a, &b)) {
		ar_buf_adds(out, a.len ? a.data : "(none)");
		ar_buf_adds(out, arrow);
		ar_buf_adds(out, b.len ? b.data : "(none)");
	} else if (c->field_index >= 0) {
		ar_buf_adds(out, !a.len ? "added" : !b.len ? "removed" : "changed");
	} else {
		const struct ar_extras *x = extras_of(diff, c, true), *y = extras_of(diff, c, false);
		bool had = x && ar_extras_find(x, c->field), has = y && ar_extras_find(y, c->field);
		ar_buf_adds(out, !had ? "added" : !has ? "removed" : "changed");
	}
	ar_buf_free(&a);
	ar_buf_free(&b);
}

static void text_prefix(struct ar_buf *out, const struct ar_change *c)
{
	char d[AR_DATE_TEXT_MAX];
	switch (c->kind) {
	case AR_CHANGE_TRACKER_FIELD: break;
	case AR_CHANGE_MEETING_ADDED:
	case AR_CHANGE_MEETING_REMOVED:
	case AR_CHANGE_MEETING_FIELD: ar_buf_addf(out, "meeting %s ", ar_date_format(c->date, d)); break;
	default: ar_buf_addf(out, "%ld: ", c->id); break;
	}
}

static void format_text(struct ar_buf *out, const struct ar_diff *diff)
{
	/* The values quoted come from the files: shown inert, as show does. */
	struct ar_buf text = {0};
	for (size_t i = 0; i < diff->count; i++) {
		text_prefix(&text, &diff->changes[i]);
		describe(&text, diff, &diff->changes[i], " -> ", false);
		ar_buf_addc(&text, '\n');
	}
	ar_text_inert(text.data, text.len, out);
	ar_buf_free(&text);
}

static bool is_item_change(const struct ar_change *c)
{
	return c->kind >= AR_CHANGE_ITEM_ADDED;
}

/* An update as a committee paper quotes it: "Label (by): text". */
static void markdown_update(struct ar_buf *out, const struct ar_update *u)
{
	if (u->label || u->by) {
		ar_buf_adds(out, "**");
		ar_markdown_cell(out, u->label ? u->label : "Update");
		if (u->by) {
			ar_buf_adds(out, " (");
			ar_markdown_cell(out, u->by);
			ar_buf_adds(out, ")");
		}
		ar_buf_adds(out, ":** ");
	}
	ar_markdown_cell(out, u->text);
}

static void format_markdown(struct ar_buf *out, const struct ar_diff *diff)
{
	if (!diff->count) {
		ar_buf_adds(out, "No changes.\n");
		return;
	}
	bool any_items = false, any_other = false;
	for (size_t i = 0; i < diff->count; i++) {
		const struct ar_change *c = &diff->changes[i];
		if (is_item_change(c)) {
			any_items = true;
			continue;
		}
		struct ar_buf line = {0};
		if (c->kind != AR_CHANGE_TRACKER_FIELD) {
			const struct ar_meeting *m = c->new_meeting ? c->new_meeting : c->old_meeting;
			char d[AR_DATE_TEXT_MAX];
			ar_buf_addf(&line, "Meeting %s", ar_date_format(c->date, d));
			if (m && m->title)
				ar_buf_addf(&line, " (%s)", m->title);
			ar_buf_addc(&line, ' ');
		}
		describe(&line, diff, c, " → ", true);
		ar_buf_adds(out, "- ");
		ar_markdown_cell(out, line.data);
		ar_buf_addc(out, '\n');
		ar_buf_free(&line);
		any_other = true;
	}
	if (!any_items)
		return;
	if (any_other)
		ar_buf_addc(out, '\n');
	ar_buf_adds(out, "| Item | Topic | Changes |\n|---|---|---|\n");
	for (size_t i = 0; i < diff->count;) {
		const struct ar_change *c = &diff->changes[i];
		if (!is_item_change(c)) {
			i++;
			continue;
		}
		const struct ar_item *item = c->new_item ? c->new_item : c->old_item;
		ar_buf_addf(out, "| %ld | ", c->id);
		ar_markdown_cell(out, item->topic ? item->topic : "");
		ar_buf_adds(out, " | ");
		for (size_t k = i; i < diff->count && diff->changes[i].id == c->id && is_item_change(&diff->changes[i]); i++) {
			const struct ar_change *e = &diff->changes[i];
			if (i > k)
				ar_buf_adds(out, "<br>");
			struct ar_buf words = {0};
			describe(&words, diff, e, " → ", true);
			bool unknown_key = e->kind == AR_CHANGE_ITEM_FIELD && e->field_index < 0;
			if (!unknown_key && words.data[0] >= 'a' && words.data[0] <= 'z')
				words.data[0] = (char)(words.data[0] - 'a' + 'A');
			ar_markdown_cell(out, words.data);
			ar_buf_free(&words);
			if (e->kind == AR_CHANGE_UPDATE_ADDED || e->kind == AR_CHANGE_UPDATE_CHANGED) {
				ar_buf_adds(out, ": ");
				markdown_update(out, e->new_update);
			}
		}
		ar_buf_adds(out, " |\n");
	}
}

static void json_update(struct ar_buf *out, const char *name, const struct ar_update *u)
{
	if (!u)
		return;
	ar_buf_addf(out, ", \"%s\": ", name);
	ar_json_update(out, u);
}

static const char *json_change_name(enum ar_change_kind kind)
{
	switch (kind) {
	case AR_CHANGE_MEETING_ADDED:
	case AR_CHANGE_ITEM_ADDED: return "added";
	case AR_CHANGE_MEETING_REMOVED:
	case AR_CHANGE_ITEM_REMOVED: return "removed";
	case AR_CHANGE_UPDATE_ADDED: return "update added";
	case AR_CHANGE_UPDATE_REMOVED: return "update removed";
	case AR_CHANGE_UPDATE_CHANGED: return "update changed";
	case AR_CHANGE_TRACKER_FIELD:
	case AR_CHANGE_MEETING_FIELD:
	case AR_CHANGE_ITEM_FIELD: break;
	}
	return "changed";
}

static void format_json(struct ar_buf *out, const struct ar_diff *diff)
{
	ar_buf_adds(out, "[");
	for (size_t i = 0; i < diff->count; i++) {
		const struct ar_change *c = &diff->changes[i];
		ar_buf_adds(out, i ? ",\n  {" : "\n  {");
		if (is_item_change(c))
			ar_buf_addf(out, "\"item\": %ld, ", c->id);
		else if (c->kind != AR_CHANGE_TRACKER_FIELD) {
			char d[AR_DATE_TEXT_MAX];
			ar_buf_adds(out, "\"meeting\": ");
			ar_json_string(out, ar_date_format(c->date, d));
			ar_buf_adds(out, ", ");
		}
		ar_buf_adds(out, "\"change\": ");
		ar_json_string(out, json_change_name(c->kind));
		if (c->field) {
			ar_buf_adds(out, ", \"field\": ");
			ar_json_string(out, c->field);
			struct ar_buf a = {0}, b = {0};
			field_values(diff, c, &a, &b);
			if (c->field_index >= 0) {
				ar_buf_adds(out, ", \"old\": ");
				ar_json_string(out, a.data);
				ar_buf_adds(out, ", \"new\": ");
				ar_json_string(out, b.data);
			}
			ar_buf_free(&a);
			ar_buf_free(&b);
		}
		if (c->kind == AR_CHANGE_MEETING_ADDED || c->kind == AR_CHANGE_MEETING_REMOVED) {
			const struct ar_meeting *m = c->new_meeting ? c->new_meeting : c->old_meeting;
			ar_buf_adds(out, ", \"title\": ");
			ar_json_optional_string(out, m->title);
		}
		if (c->kind == AR_CHANGE_ITEM_ADDED || c->kind == AR_CHANGE_ITEM_REMOVED) {
			const struct ar_item *item = c->new_item ? c->new_item : c->old_item;
			ar_buf_adds(out, ", \"topic\": ");
			ar_json_optional_string(out, item->topic);
		}
		json_update(out, "old_update", c->old_update);
		json_update(out, "update", c->new_update);
		ar_buf_adds(out, "}");
	}
	ar_buf_adds(out, diff->count ? "\n]\n" : "]\n");
}

/* Write the changes in one of the three forms (see diff.h). */
void ar_diff_format(struct ar_buf *out, const struct ar_diff *diff, enum ar_diff_format format)
{
	switch (format) {
	case AR_DIFF_MARKDOWN: format_markdown(out, diff); break;
	case AR_DIFF_JSON: format_json(out, diff); break;
	case AR_DIFF_TEXT:
	case AR_DIFF_FORMAT_COUNT: format_text(out, diff); break;
	}
}
