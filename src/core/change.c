/* change.c - assignments and new items (change.h). */
#include "config.h"

#include "artrack/change.h"
#include "artrack/choices.h"

#include <stdio.h>
#include <string.h>

/* The settable fields, in the order --help and messages list them.  Add a
 * row (and its case in ar_edits_set_field) to make another field settable. */
const struct ar_field ar_fields[] = {
	{"status", AR_ITEM_KEY_STATUS, false, "open, in-progress, completed or closed (a unique prefix will do)"},
	{"response", AR_ITEM_KEY_RESPONSE, false,
	 "pending, accepted, partially-accepted, rejected or noted (a unique prefix will do)"},
	{"due", AR_ITEM_KEY_DUE, false, "YYYY-MM or YYYY-MM-DD; empty for none"},
	{"rag", AR_ITEM_KEY_RAG, false, "red, amber or green (a unique prefix will do); empty or none for none"},
	{"responded", AR_ITEM_KEY_RESPONDED, false, "YYYY-MM-DD (recommendations); empty for none"},
	{"closed_on", AR_ITEM_KEY_CLOSED_ON, false, "YYYY-MM-DD; empty for none"},
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
		const char *names[32];
		int count = 0;
		for (size_t i = 0; i < ar_field_count && count < 32; i++)
			names[count++] = ar_fields[i].name;
		struct ar_buf why = {0};
		ar_buf_adds(&why, "");
		ar_choice_explain(&why, names, count, text, len, -1, 0, NULL);
		ar_error_set(err, 0, 0, "'%s': unknown field: %s", text, why.data);
		ar_buf_free(&why);
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
