/* compare.c - the field table and equality rules of compare.h. */
#include "config.h"

#include "artrack/compare.h"

#include <stdlib.h>
#include <limits.h>
#include <string.h>

bool ar_str_equal(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return a == b || strcmp(a, b) == 0;
}

/* Two raw values are the same when their lines are, each taken from its
 * value's column (a block) or without its indentation (flow): re-indenting
 * by fmt or an edit around it changes nothing. */
static bool raw_equal(const struct ar_node *a, const struct ar_node *b)
{
	if (a->as.raw.block != b->as.raw.block)
		return false;
	const char *p = a->as.raw.bytes, *pe = p + a->as.raw.length;
	const char *q = b->as.raw.bytes, *qe = q + b->as.raw.length;
	for (bool first = true;; first = false) {
		if (!first) {
			int skip_a = a->as.raw.block ? a->as.raw.column : INT_MAX;
			int skip_b = b->as.raw.block ? b->as.raw.column : INT_MAX;
			for (int n = 0; n < skip_a && p < pe && *p == ' '; n++)
				p++;
			for (int n = 0; n < skip_b && q < qe && *q == ' '; n++)
				q++;
		}
		const char *pn = memchr(p, '\n', (size_t)(pe - p)), *qn = memchr(q, '\n', (size_t)(qe - q));
		size_t pl = pn ? (size_t)(pn - p) : (size_t)(pe - p), ql = qn ? (size_t)(qn - q) : (size_t)(qe - q);
		if (pl != ql || memcmp(p, q, pl) != 0 || !pn != !qn)
			return false;
		if (!pn)
			return true;
		p = pn + 1;
		q = qn + 1;
	}
}

/* Whether two unknown-key values hold the same content (see compare.h). */
bool ar_node_equal(const struct ar_node *a, const struct ar_node *b)
{
	if (a == b)
		return true;
	if (!a || !b || a->type != b->type || !ar_str_equal(a->tag, b->tag))
		return false;
	switch (a->type) {
	case AR_NODE_SCALAR:
		return a->as.scalar.length == b->as.scalar.length &&
		       memcmp(a->as.scalar.value, b->as.scalar.value, a->as.scalar.length) == 0 &&
		       /* plain `yes` and quoted "yes" read differently */
		       (a->as.scalar.style == AR_SCALAR_PLAIN) == (b->as.scalar.style == AR_SCALAR_PLAIN);
	case AR_NODE_SEQUENCE:
		if (a->as.sequence.count != b->as.sequence.count)
			return false;
		for (size_t i = 0; i < a->as.sequence.count; i++)
			if (!ar_node_equal(a->as.sequence.items[i], b->as.sequence.items[i]))
				return false;
		return true;
	case AR_NODE_MAPPING:
		if (a->as.mapping.count != b->as.mapping.count)
			return false;
		for (size_t i = 0; i < a->as.mapping.count; i++)
			if (!ar_node_equal(a->as.mapping.keys[i], b->as.mapping.keys[i]) ||
			    !ar_node_equal(a->as.mapping.values[i], b->as.mapping.values[i]))
				return false;
		return true;
	case AR_NODE_RAW:
		return raw_equal(a, b);
	}
	return false;
}

/* The unknown key named key in extras, or NULL. */
const struct ar_extra *ar_extras_find(const struct ar_extras *extras, const char *key)
{
	for (size_t i = 0; i < extras->count; i++)
		if (ar_str_equal(extras->items[i].key, key))
			return &extras->items[i];
	return NULL;
}

/* Whether two sets of unknown keys are equal (see compare.h). */
bool ar_extras_equal(const struct ar_extras *a, const struct ar_extras *b)
{
	if (a->items == b->items && a->count == b->count)
		return true;
	if (a->count != b->count)
		return false;
	for (size_t i = 0; i < a->count; i++) {
		/* Same order is the common case: try the same slot first. */
		const struct ar_extra *x = &a->items[i];
		const struct ar_extra *y = ar_str_equal(x->key, b->items[i].key) ? &b->items[i]
		                                                                  : ar_extras_find(b, x->key);
		if (!y || !ar_node_equal(x->value, y->value))
			return false;
	}
	return true;
}

/* Whether two updates are the same (see compare.h). */
bool ar_update_equal(const struct ar_update *a, const struct ar_update *b)
{
	return a->date == b->date && ar_str_equal(a->by, b->by) && ar_str_equal(a->label, b->label) &&
	       ar_str_equal(a->text, b->text) && ar_extras_equal(&a->extras, &b->extras);
}

/* Whether two update lists are the same (see compare.h). */
bool ar_updates_equal(const struct ar_item *a, const struct ar_item *b)
{
	if (a->update_count != b->update_count)
		return false;
	if (a->updates == b->updates)
		return true;
	for (size_t i = 0; i < a->update_count; i++)
		if (!ar_update_equal(&a->updates[i], &b->updates[i]))
			return false;
	return true;
}

/* ---- the item fields ---- */

static void show_date(struct ar_buf *out, ar_date date)
{
	char text[AR_DATE_TEXT_MAX];
	ar_buf_adds(out, ar_date_format(date, text));
}

static bool meeting_equal(const struct ar_item *a, const struct ar_item *b) { return a->meeting == b->meeting; }
static void meeting_take(struct ar_item *d, const struct ar_item *s) { d->meeting = s->meeting; }
static void meeting_show(struct ar_buf *out, const struct ar_item *it) { show_date(out, it->meeting); }

static bool topic_equal(const struct ar_item *a, const struct ar_item *b) { return ar_str_equal(a->topic, b->topic); }
static void topic_take(struct ar_item *d, const struct ar_item *s) { d->topic = s->topic; }
static void topic_show(struct ar_buf *out, const struct ar_item *it) { ar_buf_adds(out, it->topic ? it->topic : ""); }

static bool kind_equal(const struct ar_item *a, const struct ar_item *b) { return a->kind == b->kind; }
static void kind_take(struct ar_item *d, const struct ar_item *s) { d->kind = s->kind; }
static void kind_show(struct ar_buf *out, const struct ar_item *it) { ar_buf_adds(out, ar_kind_names[it->kind]); }

static bool text_equal(const struct ar_item *a, const struct ar_item *b) { return ar_str_equal(a->text, b->text); }
static void text_take(struct ar_item *d, const struct ar_item *s) { d->text = s->text; }
static void text_show(struct ar_buf *out, const struct ar_item *it) { ar_buf_adds(out, it->text ? it->text : ""); }

static bool leads_equal(const struct ar_item *a, const struct ar_item *b)
{
	if (a->lead_count != b->lead_count)
		return false;
	for (size_t i = 0; i < a->lead_count; i++)
		if (!ar_str_equal(a->leads[i], b->leads[i]))
			return false;
	return true;
}
static void leads_take(struct ar_item *d, const struct ar_item *s)
{
	d->leads = s->leads;
	d->lead_count = s->lead_count;
}
static void leads_show(struct ar_buf *out, const struct ar_item *it)
{
	for (size_t i = 0; i < it->lead_count; i++) {
		if (i)
			ar_buf_adds(out, "; ");
		ar_buf_adds(out, it->leads[i] ? it->leads[i] : "");
	}
}

static bool status_equal(const struct ar_item *a, const struct ar_item *b) { return a->status == b->status; }
static void status_take(struct ar_item *d, const struct ar_item *s) { d->status = s->status; }
static void status_show(struct ar_buf *out, const struct ar_item *it) { ar_buf_adds(out, ar_status_names[it->status]); }

/* An action has no response and a recommendation's absent one is pending,
 * so compare what the file means. */
static enum ar_response response_of(const struct ar_item *it)
{
	if (it->kind != AR_KIND_RECOMMENDATION)
		return AR_RESPONSE_NONE;
	return it->response == AR_RESPONSE_NONE ? AR_RESPONSE_PENDING : it->response;
}
static bool response_equal(const struct ar_item *a, const struct ar_item *b) { return response_of(a) == response_of(b); }
static void response_take(struct ar_item *d, const struct ar_item *s) { d->response = s->response; }
static void response_show(struct ar_buf *out, const struct ar_item *it) { ar_buf_adds(out, ar_response_names[response_of(it)]); }

static bool due_equal(const struct ar_item *a, const struct ar_item *b) { return a->due == b->due; }
static void due_take(struct ar_item *d, const struct ar_item *s) { d->due = s->due; }
static void due_show(struct ar_buf *out, const struct ar_item *it) { show_date(out, it->due); }

static bool responded_equal(const struct ar_item *a, const struct ar_item *b) { return a->responded == b->responded; }
static void responded_take(struct ar_item *d, const struct ar_item *s) { d->responded = s->responded; }
static void responded_show(struct ar_buf *out, const struct ar_item *it) { show_date(out, it->responded); }

static bool rag_equal(const struct ar_item *a, const struct ar_item *b) { return a->rag == b->rag; }
static void rag_take(struct ar_item *d, const struct ar_item *s) { d->rag = s->rag; }
static void rag_show(struct ar_buf *out, const struct ar_item *it) { ar_buf_adds(out, ar_rag_names[it->rag]); }

static bool closed_on_equal(const struct ar_item *a, const struct ar_item *b) { return a->closed_on == b->closed_on; }
static void closed_on_take(struct ar_item *d, const struct ar_item *s) { d->closed_on = s->closed_on; }
static void closed_on_show(struct ar_buf *out, const struct ar_item *it) { show_date(out, it->closed_on); }

const struct ar_item_field ar_item_fields[] = {
	{.name = "meeting", .equal = meeting_equal, .take = meeting_take, .show = meeting_show},
	{.name = "topic", .equal = topic_equal, .take = topic_take, .show = topic_show},
	{.name = "kind", .equal = kind_equal, .take = kind_take, .show = kind_show},
	{.name = "text", .long_text = true, .equal = text_equal, .take = text_take, .show = text_show},
	{.name = "leads", .equal = leads_equal, .take = leads_take, .show = leads_show},
	{.name = "status", .equal = status_equal, .take = status_take, .show = status_show},
	{.name = "response", .equal = response_equal, .take = response_take, .show = response_show},
	{.name = "due", .equal = due_equal, .take = due_take, .show = due_show},
	{.name = "responded", .equal = responded_equal, .take = responded_take, .show = responded_show},
	{.name = "rag", .equal = rag_equal, .take = rag_take, .show = rag_show},
	{.name = "closed_on", .equal = closed_on_equal, .take = closed_on_take, .show = closed_on_show},
};
const size_t ar_item_field_count = sizeof ar_item_fields / sizeof ar_item_fields[0];

/* Whether two items are the same everywhere (see compare.h). */
bool ar_item_equal(const struct ar_item *a, const struct ar_item *b)
{
	if (a == b)
		return true;
	if (a->id != b->id)
		return false;
	for (size_t f = 0; f < ar_item_field_count; f++)
		if (!ar_item_fields[f].equal(a, b))
			return false;
	return ar_updates_equal(a, b) && ar_extras_equal(&a->extras, &b->extras);
}

/* Whether two meetings are the same (see compare.h). */
bool ar_meeting_equal(const struct ar_meeting *a, const struct ar_meeting *b)
{
	return a->date == b->date && ar_str_equal(a->title, b->title) && ar_extras_equal(&a->extras, &b->extras);
}

/* ---- the top-level fields ---- */

static bool committee_equal(const struct ar_tracker *a, const struct ar_tracker *b) { return ar_str_equal(a->committee, b->committee); }
static void committee_take(struct ar_tracker *d, const struct ar_tracker *s) { d->committee = s->committee; }
static void committee_show(struct ar_buf *out, const struct ar_tracker *t) { ar_buf_adds(out, t->committee ? t->committee : ""); }

static bool title_equal(const struct ar_tracker *a, const struct ar_tracker *b) { return ar_str_equal(a->title, b->title); }
static void title_take(struct ar_tracker *d, const struct ar_tracker *s) { d->title = s->title; }
static void title_show(struct ar_buf *out, const struct ar_tracker *t) { ar_buf_adds(out, t->title ? t->title : ""); }

static bool as_of_equal(const struct ar_tracker *a, const struct ar_tracker *b) { return a->as_of == b->as_of; }
static void as_of_take(struct ar_tracker *d, const struct ar_tracker *s) { d->as_of = s->as_of; }
static void as_of_show(struct ar_buf *out, const struct ar_tracker *t) { show_date(out, t->as_of); }

static bool response_days_equal(const struct ar_tracker *a, const struct ar_tracker *b) { return a->response_days == b->response_days; }
static void response_days_take(struct ar_tracker *d, const struct ar_tracker *s) { d->response_days = s->response_days; }
static void response_days_show(struct ar_buf *out, const struct ar_tracker *t)
{
	if (t->response_days)
		ar_buf_addf(out, "%d", t->response_days);
}

const struct ar_tracker_field ar_tracker_fields[] = {
	{.name = "committee", .equal = committee_equal, .take = committee_take, .show = committee_show},
	{.name = "title", .equal = title_equal, .take = title_take, .show = title_show},
	{.name = "as_of", .equal = as_of_equal, .take = as_of_take, .show = as_of_show},
	{.name = "response_days", .equal = response_days_equal, .take = response_days_take, .show = response_days_show},
};
const size_t ar_tracker_field_count = sizeof ar_tracker_fields / sizeof ar_tracker_fields[0];

/* ---- aligning update lists ---- */

#define ALIGN_MAX_CELLS ((size_t)4 << 20) /* 16 MB of table: two histories of 2,000 updates */

/* Match two update lists on a longest common subsequence (see compare.h). */
void ar_updates_match(const struct ar_update *a, size_t na, const struct ar_update *b, size_t nb, long *match)
{
	size_t head = 0, tail = 0;
	for (size_t i = 0; i < na; i++)
		match[i] = -1;
	while (head < na && head < nb && ar_update_equal(&a[head], &b[head])) {
		match[head] = (long)head;
		head++;
	}
	while (tail < na - head && tail < nb - head && ar_update_equal(&a[na - 1 - tail], &b[nb - 1 - tail])) {
		match[na - 1 - tail] = (long)(nb - 1 - tail);
		tail++;
	}
	size_t n = na - head - tail, m = nb - head - tail;
	if (!n || !m || (n + 1) * (m + 1) > ALIGN_MAX_CELLS)
		return;
	/* lcs[i][j]: length of the LCS of a[head+i..] and b[head+j..]. */
	unsigned *lcs = ar_xcalloc((n + 1) * (m + 1), sizeof *lcs);
#define LCS(i, j) lcs[(i) * (m + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			LCS(i, j) = ar_update_equal(&a[head + i], &b[head + j]) ? LCS(i + 1, j + 1) + 1
			            : LCS(i + 1, j) > LCS(i, j + 1) ? LCS(i + 1, j) : LCS(i, j + 1);
	for (size_t i = 0, j = 0; i < n && j < m;) {
		if (LCS(i, j) == LCS(i + 1, j + 1) + 1 && ar_update_equal(&a[head + i], &b[head + j])) {
			match[head + i] = (long)(head + j);
			i++, j++;
		} else if (LCS(i + 1, j) >= LCS(i, j + 1)) {
			i++;
		} else {
			j++;
		}
	}
#undef LCS
	free(lcs);
}
