/* change.c - assignments, new items and descriptions of changes (change.h). */
#include "config.h"

#include "artrack/change.h"

#include <stdio.h>
#include <string.h>

/* The settable fields, in the order --help and messages list them.  Add a
 * row (and its case in ar_edits_set_field) to make another field settable. */
const struct ar_field ar_fields[] = {
	{"status", AR_ITEM_KEY_STATUS, false, "open, in-progress, completed or closed (a unique prefix will do)"},
	{"response", AR_ITEM_KEY_RESPONSE, false,
	 "pending, accepted, partially-accepted, rejected or noted (a unique prefix will do)"},
	{"due", AR_ITEM_KEY_DUE, false, "YYYY-MM or YYYY-MM-DD; empty for none"},
	{"meeting", AR_ITEM_KEY_MEETING, false, "the date of one of the meetings; empty for none"},
	{"topic", AR_ITEM_KEY_TOPIC, false, "text"},
	{"text", AR_ITEM_KEY_TEXT, false, "text"},
	{"kind", AR_ITEM_KEY_KIND, false, "action or recommendation"},
	{"leads", AR_ITEM_KEY_LEADS, true, "names separated by ';'"},
	{"lead", AR_ITEM_KEY_LEADS, true, "a name (lead+=NAME adds one, lead-=NAME removes one)"},
};
const size_t ar_field_count = sizeof ar_fields / sizeof ar_fields[0];

enum ar_rc ar_assignment_parse(const char *text, struct ar_assignment *out, struct ar_error *err)
{
	const char *eq = strchr(text, '=');
	if (!eq || eq == text) {
		ar_error_set(err, 0, 0, "'%s' is not an assignment (FIELD=VALUE, lead+=NAME or lead-=NAME)", text);
		return AR_EUSAGE;
	}
	size_t len = (size_t)(eq - text);
	enum ar_assign_op op = AR_ASSIGN_SET;
	if (len > 1 && (text[len - 1] == '+' || text[len - 1] == '-')) {
		op = text[len - 1] == '+' ? AR_ASSIGN_ADD : AR_ASSIGN_REMOVE;
		len--;
	}
	const struct ar_field *field = NULL;
	for (size_t i = 0; i < ar_field_count; i++)
		if (strlen(ar_fields[i].name) == len && memcmp(ar_fields[i].name, text, len) == 0)
			field = &ar_fields[i];
	if (!field) {
		struct ar_buf names = {0};
		for (size_t i = 0; i < ar_field_count; i++) {
			ar_buf_adds(&names, i ? ", " : "");
			ar_buf_adds(&names, ar_fields[i].name);
		}
		ar_error_set(err, 0, 0, "unknown field '%.*s' in '%s' (fields: %s)", (int)len, text, text, names.data);
		ar_buf_free(&names);
		return AR_EUSAGE;
	}
	if (op != AR_ASSIGN_SET && !field->list) {
		ar_error_set(err, 0, 0, "'%s': %s takes '=' only (%s%c= is for lists such as lead)", text,
		             field->name, field->name, op == AR_ASSIGN_ADD ? '+' : '-');
		return AR_EUSAGE;
	}
	const char *value = eq + 1;
	if (op != AR_ASSIGN_SET && !*value) {
		ar_error_set(err, 0, 0, "'%s' needs a name after '%s'", text, op == AR_ASSIGN_ADD ? "+=" : "-=");
		return AR_EUSAGE;
	}
	*out = (struct ar_assignment){field, op, value};
	return AR_OK;
}

/* Trim spaces and tabs around s[0..*len); returns the start. */
static const char *trimmed(const char *s, size_t *len)
{
	size_t n = strlen(s);
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

/* lead+= and lead-=: the leads with name added at the end or taken out. */
static enum ar_rc assign_lead(struct ar_edits *edits, long id, const struct ar_assignment *a, struct ar_error *err)
{
	struct ar_tracker *t = ar_edits_tracker(edits);
	const struct ar_item *item = ar_tracker_find_item(t, id);
	if (!item) {
		ar_error_set(err, 0, 0, "there is no item %ld", id);
		return AR_EDATA;
	}
	size_t len;
	const char *start = trimmed(a->value, &len);
	const char *name = ar_tracker_strndup(t, start, len);
	const char **leads = ar_tracker_alloc(t, (item->lead_count + 1) * sizeof *leads);
	size_t n = 0;
	bool found = false;
	for (size_t i = 0; i < item->lead_count; i++) {
		bool same = strcmp(item->leads[i], name) == 0;
		found |= same;
		if (!(same && a->op == AR_ASSIGN_REMOVE))
			leads[n++] = item->leads[i];
	}
	if (a->op == AR_ASSIGN_ADD && !found)
		leads[n++] = name;
	if (n == item->lead_count && found == (a->op == AR_ASSIGN_ADD))
		return AR_OK; /* already there, or not there to remove */
	return ar_edits_set_leads(edits, id, leads, n, err);
}

enum ar_rc ar_edits_assign(struct ar_edits *edits, long id, const struct ar_assignment *assignment,
                           struct ar_error *err)
{
	if (assignment->op != AR_ASSIGN_SET)
		return assign_lead(edits, id, assignment, err);
	return ar_edits_set_field(edits, id, assignment->field->key, assignment->value, err);
}

enum ar_rc ar_edits_assign_items(struct ar_edits *edits, const long *ids, size_t id_count,
                                 const struct ar_assignment *assignments, size_t assignment_count,
                                 const char *label, struct ar_error *err, long *failed)
{
	ar_edits_begin(edits, label);
	for (size_t i = 0; i < id_count; i++) {
		for (size_t k = 0; k < assignment_count; k++) {
			enum ar_rc rc = ar_edits_assign(edits, ids[i], &assignments[k], err);
			if (rc != AR_OK) {
				ar_edits_cancel(edits);
				if (failed)
					*failed = ids[i];
				return rc;
			}
		}
	}
	ar_edits_end(edits);
	return AR_OK;
}

long ar_tracker_next_id(const struct ar_tracker *tracker)
{
	return ar_tracker_max_id(tracker) + 1;
}

struct ar_item *ar_item_new_next(struct ar_tracker *tracker, ar_date meeting, enum ar_kind kind)
{
	struct ar_item *item = ar_item_new(tracker, ar_tracker_next_id(tracker));
	item->meeting = meeting;
	item->kind = kind;
	item->status = AR_STATUS_OPEN;
	item->response = kind == AR_KIND_RECOMMENDATION ? AR_RESPONSE_PENDING : AR_RESPONSE_NONE;
	return item;
}

struct ar_item *ar_item_new_like(struct ar_tracker *tracker, const struct ar_item *model)
{
	struct ar_item *item = ar_item_new_next(tracker, model->meeting, model->kind);
	ar_item_set_leads(tracker, item, model->leads, model->lead_count);
	return item;
}

const char *ar_item_field_text(const struct ar_item *item, enum ar_item_key key, struct ar_buf *scratch)
{
	char date[AR_DATE_TEXT_MAX];
	ar_buf_reset(scratch);
	ar_buf_adds(scratch, "");
	switch (key) {
	case AR_ITEM_KEY_ID: ar_buf_addf(scratch, "%ld", item->id); break;
	case AR_ITEM_KEY_MEETING: ar_buf_adds(scratch, ar_date_format(item->meeting, date)); break;
	case AR_ITEM_KEY_TOPIC: ar_buf_adds(scratch, item->topic ? item->topic : ""); break;
	case AR_ITEM_KEY_KIND: ar_buf_adds(scratch, ar_kind_names[item->kind]); break;
	case AR_ITEM_KEY_TEXT: ar_buf_adds(scratch, item->text ? item->text : ""); break;
	case AR_ITEM_KEY_LEADS:
		for (size_t i = 0; i < item->lead_count; i++) {
			ar_buf_adds(scratch, i ? "; " : "");
			ar_buf_adds(scratch, item->leads[i]);
		}
		break;
	case AR_ITEM_KEY_STATUS: ar_buf_adds(scratch, ar_status_names[item->status]); break;
	case AR_ITEM_KEY_RESPONSE: ar_buf_adds(scratch, ar_response_names[item->response]); break;
	case AR_ITEM_KEY_DUE: ar_buf_adds(scratch, ar_date_format(item->due, date)); break;
	case AR_ITEM_KEY_UPDATES: ar_buf_addf(scratch, "%zu", item->update_count); break;
	default: break;
	}
	return scratch->data;
}

void ar_item_describe_changes(struct ar_buf *out, const struct ar_item *before, const struct ar_item *after)
{
	struct ar_buf a = {0}, b = {0};
	if (before->id != after->id)
		ar_buf_addf(out, "%ld: id -> %ld\n", before->id, after->id);
	for (int key = 0; key < AR_ITEM_KEY_COUNT; key++) {
		if (key == AR_ITEM_KEY_ID || key == AR_ITEM_KEY_UPDATES)
			continue;
		const char *was = ar_item_field_text(before, (enum ar_item_key)key, &a);
		const char *now = ar_item_field_text(after, (enum ar_item_key)key, &b);
		if (strcmp(was, now) == 0)
			continue;
		if (key == AR_ITEM_KEY_TEXT || strchr(was, '\n') || strchr(now, '\n'))
			ar_buf_addf(out, "%ld: %s changed\n", after->id, ar_item_key_names[key]);
		else
			ar_buf_addf(out, "%ld: %s %s -> %s\n", after->id, ar_item_key_names[key], *was ? was : "(none)",
			            *now ? now : "(none)");
	}
	size_t common = before->update_count < after->update_count ? before->update_count : after->update_count;
	bool same_start = true;
	for (size_t i = 0; i < common && same_start; i++) {
		const struct ar_update *x = &before->updates[i], *y = &after->updates[i];
		same_start = x->date == y->date && x->text && y->text && strcmp(x->text, y->text) == 0;
	}
	if (same_start && after->update_count > before->update_count) {
		for (size_t i = before->update_count; i < after->update_count; i++) {
			char date[AR_DATE_TEXT_MAX];
			ar_date d = after->updates[i].date;
			ar_buf_addf(out, "%ld: update added (%s)\n", after->id, d ? ar_date_format(d, date) : "undated");
		}
	} else if (!same_start || after->update_count != before->update_count) {
		ar_buf_addf(out, "%ld: updates changed\n", after->id);
	}
	ar_buf_free(&a);
	ar_buf_free(&b);
}
