/* yaml_save_parts.c - the writer's parts of a tracker (yaml_save_internal.h):
 * meetings, items, updates and the top keys in canonical order, with the
 * comments of the file they came from; and a save that writes only what
 * changed, copying every other line as it was read. */
#include "config.h"

#include "artrack/yamlio.h"
#include "artrack/layout.h"
#include "artrack/compare.h"
#include "artrack/text.h"
#include "layout_internal.h"
#include "yaml_save_internal.h"
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ---- canonical parts; src (may be NULL) gives their comments ---- */

static void put_extras_at(struct writer *w, struct lead_in *lead, int col, const struct ar_extras *extras,
                          int slot, int key_count, const struct lay_node *src)
{
	for (size_t i = 0; i < extras->count; i++) {
		int after = extras->items[i].after;
		if (after < -1)
			after = -1;
		if (after >= key_count)
			after = key_count - 1;
		if (after != slot)
			continue;
		const struct lay_node *n = ys_child_named(src, extras->items[i].key ? extras->items[i].key : "");
		size_t eol_len;
		const struct ar_node *v = extras->items[i].value;
		bool bytes = v && v->type == AR_NODE_RAW; /* its comments go with its bytes */
		const char *eol = bytes ? ys_eol_beside_bytes(w, n, &eol_len) : ys_eol_of(w, n, &eol_len);
		if (bytes)
			ys_comments_beside_bytes(w, n, col);
		else
			ys_comments_before(w, n, col);
		ys_line_extra(w, lead, col, &extras->items[i], eol, eol_len);
	}
}

/* key: value where the value is plain text made here (dates, numbers, names). */
static void key_plain(struct writer *w, struct lead_in *lead, int col, const struct lay_node *src,
                      const char *key, const char *value)
{
	const struct lay_node *n = ys_child_named(src, key);
	size_t eol_len;
	const char *eol = ys_eol_of(w, n, &eol_len);
	ys_comments_before(w, n, col);
	ys_line_plain(w, lead, col, key, value, eol, eol_len);
}

static void key_string(struct writer *w, struct lead_in *lead, int col, const struct lay_node *src,
                       const char *key, const char *value)
{
	const struct lay_node *n = ys_child_named(src, key);
	size_t eol_len;
	const char *eol = ys_eol_of(w, n, &eol_len);
	ys_comments_before(w, n, col);
	ys_line_string(w, lead, col, key, value, eol, eol_len);
}

static void key_date(struct writer *w, struct lead_in *lead, int col, const struct lay_node *src,
                     const char *key, ar_date date)
{
	char buf[AR_DATE_TEXT_MAX];
	key_plain(w, lead, col, src, key, ar_date_format(date, buf));
}

/* "key:" opening a block sequence, with its comments. */
static const struct lay_node *key_header(struct writer *w, struct lead_in *lead, int col,
                                         const struct lay_node *src, const char *key)
{
	const struct lay_node *n = ys_child_named(src, key);
	size_t eol_len;
	const char *eol = ys_eol_of(w, n, &eol_len);
	if (n && !w->leads_copied) /* comments between the key and its first element are the element's */
		ys_region_lines(w, n->span.lead, n->span.body, col);
	ys_line_plain(w, lead, col, key, NULL, eol, eol_len);
	return n && n->block_value ? n : NULL;
}

static void put_update_key(struct writer *w, const struct ar_update *u, int k, struct lead_in *lead, int col,
                           const struct lay_node *src)
{
	const char *const *names = ar_update_key_names;
	switch ((enum ar_update_key)k) {
	case AR_UPDATE_KEY_DATE:
		if (u->date != AR_DATE_NONE)
			key_date(w, lead, col, src, names[k], u->date);
		break;
	case AR_UPDATE_KEY_BY:
		if (u->by)
			key_string(w, lead, col, src, names[k], u->by);
		break;
	case AR_UPDATE_KEY_LABEL:
		if (u->label)
			key_string(w, lead, col, src, names[k], u->label);
		break;
	case AR_UPDATE_KEY_TEXT:
		key_string(w, lead, col, src, names[k], u->text ? u->text : "");
		break;
	case AR_UPDATE_KEY_COUNT:
		break;
	}
}

static void put_update(struct writer *w, const struct ar_update *u, struct lead_in lead, int col,
                       const struct lay_node *src)
{
	put_extras_at(w, &lead, col, &u->extras, -1, AR_UPDATE_KEY_COUNT, src);
	for (int k = 0; k < AR_UPDATE_KEY_COUNT; k++) {
		put_update_key(w, u, k, &lead, col, src);
		put_extras_at(w, &lead, col, &u->extras, k, AR_UPDATE_KEY_COUNT, src);
	}
}

static void put_leads(struct writer *w, struct lead_in *lead, int col, const struct lay_node *src,
                      const struct ar_item *item)
{
	const struct lay_node *n = key_header(w, lead, col, src, ar_item_key_names[AR_ITEM_KEY_LEADS]);
	for (size_t i = 0; i < item->lead_count; i++) {
		const struct lay_node *e = ys_child_at(n, i, item->lead_count);
		size_t eol_len;
		const char *eol = ys_eol_of(w, e, &eol_len);
		ys_comments_before(w, e, col);
		struct lead_in none = {0};
		ys_line_string(w, &none, col, NULL, item->leads[i] ? item->leads[i] : "", eol, eol_len);
	}
}

static void put_updates(struct writer *w, struct lead_in *lead, int col, const struct lay_node *src,
                        const struct ar_item *item)
{
	const struct lay_node *n = key_header(w, lead, col, src, ar_item_key_names[AR_ITEM_KEY_UPDATES]);
	char dash[80];
	int dcol = col < (int)sizeof dash - 3 ? col : (int)sizeof dash - 3;
	memset(dash, ' ', (size_t)dcol);
	memcpy(dash + dcol, "- ", 2);
	for (size_t i = 0; i < item->update_count; i++) {
		const struct lay_node *e = ys_child_at(n, i, item->update_count);
		if (e)
			ys_region_lines(w, e->span.lead, e->span.body, col);
		put_update(w, &item->updates[i], (struct lead_in){dash, (size_t)dcol + 2}, col + 2, e);
	}
}

/* One known key of an item in canonical form (nothing when absent). */
static void put_item_key(struct writer *w, const struct ar_item *item, int k, struct lead_in *lead, int col,
                         const struct lay_node *src)
{
	const char *const *names = ar_item_key_names;
	char buf[32];
	switch ((enum ar_item_key)k) {
	case AR_ITEM_KEY_ID:
		snprintf(buf, sizeof buf, "%ld", item->id);
		key_plain(w, lead, col, src, names[k], buf);
		break;
	case AR_ITEM_KEY_MEETING:
		if (item->meeting != AR_DATE_NONE)
			key_date(w, lead, col, src, names[k], item->meeting);
		break;
	case AR_ITEM_KEY_TOPIC:
		if (item->topic)
			key_string(w, lead, col, src, names[k], item->topic);
		break;
	case AR_ITEM_KEY_KIND:
		key_plain(w, lead, col, src, names[k], ar_kind_names[item->kind < AR_KIND_COUNT ? item->kind : AR_KIND_ACTION]);
		break;
	case AR_ITEM_KEY_TEXT:
		if (item->text)
			key_string(w, lead, col, src, names[k], item->text);
		break;
	case AR_ITEM_KEY_LEADS:
		if (item->lead_count)
			put_leads(w, lead, col, src, item);
		break;
	case AR_ITEM_KEY_STATUS:
		key_plain(w, lead, col, src, names[k],
		          ar_status_names[item->status < AR_STATUS_COUNT ? item->status : AR_STATUS_OPEN]);
		break;
	case AR_ITEM_KEY_RESPONSE:
		if (item->kind == AR_KIND_RECOMMENDATION) {
			enum ar_response r = item->response;
			if (r == AR_RESPONSE_NONE || r >= AR_RESPONSE_COUNT)
				r = AR_RESPONSE_PENDING;
			key_plain(w, lead, col, src, names[k], ar_response_names[r]);
		}
		break;
	case AR_ITEM_KEY_DUE:
		if (item->due != AR_DATE_NONE)
			key_date(w, lead, col, src, names[k], item->due);
		break;
	case AR_ITEM_KEY_RESPONDED:
		if (item->responded != AR_DATE_NONE && item->kind == AR_KIND_RECOMMENDATION)
			key_date(w, lead, col, src, names[k], item->responded);
		break;
	case AR_ITEM_KEY_RAG:
		if (item->rag > AR_RAG_NONE && item->rag < AR_RAG_COUNT)
			key_plain(w, lead, col, src, names[k], ar_rag_names[item->rag]);
		break;
	case AR_ITEM_KEY_CLOSED_ON:
		if (item->closed_on != AR_DATE_NONE)
			key_date(w, lead, col, src, names[k], item->closed_on);
		break;
	case AR_ITEM_KEY_UPDATES:
		if (item->update_count)
			put_updates(w, lead, col, src, item);
		break;
	case AR_ITEM_KEY_COUNT:
		break;
	}
}

/* One item's keys; the first line starts with lead. */
void ys_put_item(struct writer *w, const struct ar_item *item, struct lead_in lead, int col,
                 const struct lay_node *src)
{
	put_extras_at(w, &lead, col, &item->extras, -1, AR_ITEM_KEY_COUNT, src);
	for (int k = 0; k < AR_ITEM_KEY_COUNT; k++) {
		put_item_key(w, item, k, &lead, col, src);
		put_extras_at(w, &lead, col, &item->extras, k, AR_ITEM_KEY_COUNT, src);
	}
}

static void put_meeting_key(struct writer *w, const struct ar_meeting *m, int k, struct lead_in *lead, int col,
                            const struct lay_node *src)
{
	if (k == AR_MEETING_KEY_DATE)
		key_date(w, lead, col, src, ar_meeting_key_names[k], m->date);
	else if (k == AR_MEETING_KEY_TITLE && m->title)
		key_string(w, lead, col, src, ar_meeting_key_names[k], m->title);
}

static void put_meeting(struct writer *w, const struct ar_meeting *m, struct lead_in lead, int col,
                        const struct lay_node *src)
{
	put_extras_at(w, &lead, col, &m->extras, -1, AR_MEETING_KEY_COUNT, src);
	for (int k = 0; k < AR_MEETING_KEY_COUNT; k++) {
		put_meeting_key(w, m, k, &lead, col, src);
		put_extras_at(w, &lead, col, &m->extras, k, AR_MEETING_KEY_COUNT, src);
	}
}

static const struct lead_in DASH = {"- ", 2};

/* The tree of one part of the layout's source, for its comments (fmt). */
static bool part_tree(const struct writer *w, const struct lay_span *span, size_t to, int depth,
                      struct lay_tree *tree)
{
	return w->source && lay_read_tree(w->source, span->body, to, depth, tree);
}

/* An element of meetings or items in canonical layout, with its comments. */
static void put_element(struct writer *w, const struct lay_element *el, const struct ar_item *item,
                        const struct ar_meeting *meeting)
{
	struct lay_tree tree;
	const struct lay_tree *outer = w->tree;
	const struct lay_node *src = NULL;
	if (el && part_tree(w, &el->span, el->span.end, 3, &tree)) {
		w->tree = &tree;
		ys_region_lines(w, el->span.lead, el->span.body, 0);
		src = tree.root.child_count == 1 ? &tree.root.children[0] : NULL;
	} else {
		el = NULL;
	}
	if (item)
		ys_put_item(w, item, DASH, 2, src);
	else
		put_meeting(w, meeting, DASH, 2, src);
	if (el) {
		w->tree = outer;
		lay_tree_free(&tree);
	}
}

/* The top-level part with that key as read, or NULL. */
static const struct lay_top *top_part(const struct ar_layout *L, int known, const char *extra_key)
{
	if (!L)
		return NULL;
	size_t unknown = 0;
	for (size_t i = 0; i < L->top_count; i++) {
		if (known >= 0 && L->tops[i].known == known)
			return &L->tops[i];
		if (L->tops[i].known < 0) {
			if (extra_key && unknown < L->extras.count && L->extras.items[unknown].key &&
			    strcmp(L->extras.items[unknown].key, extra_key) == 0)
				return &L->tops[i];
			unknown++;
		}
	}
	return NULL;
}

/* Read one top-level part for its comments: the key's line only for the
 * two sequences (their elements are read one by one). */
static const struct lay_node *top_tree(struct writer *w, const struct lay_top *top, struct lay_tree *tree)
{
	if (!top)
		return NULL;
	size_t to = top->span.end;
	if (top->known == AR_TRACKER_KEY_ITEMS || top->known == AR_TRACKER_KEY_MEETINGS)
		to = lay_line_end(w->source, w->source_len, top->span.key);
	ys_region_lines(w, top->span.lead, top->span.body, 0);
	if (!part_tree(w, &top->span, to, 1, tree))
		return NULL;
	w->tree = tree;
	return &tree->root;
}

static void put_top_extras(struct writer *w, const struct ar_tracker *t, const struct ar_layout *L, int slot)
{
	const struct ar_extras *x = &t->extras;
	for (size_t i = 0; i < x->count; i++) {
		int after = x->items[i].after;
		if (after < -1)
			after = -1;
		if (after >= AR_TRACKER_KEY_COUNT)
			after = AR_TRACKER_KEY_COUNT - 1;
		if (after != slot)
			continue;
		struct ar_extras one = {&x->items[i], 1};
		struct lay_tree tree;
		const struct lay_node *src = top_tree(w, top_part(L, -1, x->items[i].key), &tree);
		struct lead_in lead = {0};
		put_extras_at(w, &lead, 0, &one, after, AR_TRACKER_KEY_COUNT, src);
		if (src) {
			w->tree = NULL;
			lay_tree_free(&tree);
		}
	}
}

/* One known top-level key in canonical form (nothing when absent). */
static void put_top_key(struct writer *w, const struct ar_tracker *t, const struct ar_layout *L, int k)
{
	const char *const *names = ar_tracker_key_names;
	struct lay_tree tree;
	const struct lay_node *src = top_tree(w, top_part(L, k, NULL), &tree);
	struct lead_in lead = {0};
	char buf[32];
	switch ((enum ar_tracker_key)k) {
	case AR_TRACKER_KEY_ARTRACK:
		snprintf(buf, sizeof buf, "%d", AR_FORMAT_VERSION);
		key_plain(w, &lead, 0, src, names[k], buf);
		break;
	case AR_TRACKER_KEY_COMMITTEE:
		if (t->committee)
			key_string(w, &lead, 0, src, names[k], t->committee);
		break;
	case AR_TRACKER_KEY_TITLE:
		if (t->title)
			key_string(w, &lead, 0, src, names[k], t->title);
		break;
	case AR_TRACKER_KEY_AS_OF:
		if (t->as_of != AR_DATE_NONE)
			key_date(w, &lead, 0, src, names[k], t->as_of);
		break;
	case AR_TRACKER_KEY_RESPONSE_DAYS:
		snprintf(buf, sizeof buf, "%d", t->response_days);
		if (t->response_days > 0)
			key_plain(w, &lead, 0, src, names[k], buf);
		break;
	case AR_TRACKER_KEY_MEETINGS:
		if (!t->meeting_count) {
			/* canonical form has no empty meetings: its comments stay */
			const struct lay_node *n = ys_child_named(src, names[k]);
			size_t eol_len;
			const char *eol = ys_eol_of(w, n, &eol_len);
			if (eol) {
				ys_out_add(w, eol, eol_len);
				ys_out_add(w, "\n", 1);
			}
			ys_comments_before(w, n, 0);
			break;
		}
		key_header(w, &lead, 0, src, names[k]);
		if (src) {
			w->tree = NULL;
			lay_tree_free(&tree);
			src = NULL;
		}
		for (size_t i = 0; i < t->meeting_count && !w->failed; i++)
			put_element(w, L ? lay_find_meeting(L, t->meetings[i].date) : NULL, NULL, &t->meetings[i]);
		break;
	case AR_TRACKER_KEY_ITEMS:
		if (!t->item_count) {
			key_plain(w, &lead, 0, src, names[k], "[]");
			break;
		}
		key_header(w, &lead, 0, src, names[k]);
		if (src) {
			w->tree = NULL;
			lay_tree_free(&tree);
			src = NULL;
		}
		for (size_t i = 0; i < t->item_count && !w->failed; i++) {
			const struct ar_item *it = t->items[i];
			if (it->lines && !L) /* a tracker made here: items as written in the editor */
				ys_put_item_lines(w, NULL, it, DASH, 2);
			else
				put_element(w, lay_item_origin(L, it), it, NULL);
		}
		break;
	case AR_TRACKER_KEY_COUNT:
		break;
	}
	if (src) {
		w->tree = NULL;
		lay_tree_free(&tree);
	}
}

/* The whole tracker in canonical layout (with L's comments when L is given). */
void ys_put_tracker(struct writer *w, const struct ar_tracker *t, const struct ar_layout *L)
{
	if (L)
		ys_region_lines(w, 0, L->head_end, 0);
	/* `artrack: 1` always comes first, so keys that preceded it follow it. */
	put_top_key(w, t, L, AR_TRACKER_KEY_ARTRACK);
	put_top_extras(w, t, L, -1);
	put_top_extras(w, t, L, AR_TRACKER_KEY_ARTRACK);
	for (int k = AR_TRACKER_KEY_COMMITTEE; k < AR_TRACKER_KEY_COUNT; k++) {
		put_top_key(w, t, L, k);
		put_top_extras(w, t, L, k);
	}
	if (L)
		ys_region_lines(w, L->tail, L->len, 0);
}

/* One part in canonical layout without comments: the whole tracker
 * (top_key < 0), one top-level key (element SIZE_MAX), or one element of
 * meetings or items, its first line starting with lead. */
void ys_put_part(struct writer *w, const struct ar_tracker *t, int top_key, size_t element, struct lead_in lead,
                 int col)
{
	if (top_key < 0)
		ys_put_tracker(w, t, NULL);
	else if (element == SIZE_MAX)
		put_top_key(w, t, NULL, top_key);
	else if (top_key == AR_TRACKER_KEY_ITEMS && element < t->item_count)
		ys_put_item(w, t->items[element], lead, col, NULL);
	else if (top_key == AR_TRACKER_KEY_MEETINGS && element < t->meeting_count)
		put_meeting(w, &t->meetings[element], lead, col, NULL);
}

/* ---- saving only what changed ---- */

static void copy_source(struct writer *w, size_t from, size_t to)
{
	if (to <= from)
		return;
	if (w->source_made)
		ys_out_add(w, w->source + from, to - from);
	else if (w->piecewise)
		ys_add_piece(w, false, from, to - from);
	else
		ar_buf_add(w->out, w->source + from, to - from);
}

/* What saving needs to know of one kind of mapping (item, update, meeting). */
struct map_kind {
	const char *const *names;
	int count;
	bool (*present)(const void *value, int k);   /* the canonical form has key k */
	bool (*defaulted)(const void *value, int k); /* ...but leaving it out means the same */
	bool (*same)(const void *a, const void *b, int k);
	void (*put)(struct writer *w, const void *value, int k, struct lead_in *lead, int col,
	            const struct lay_node *src);
	const struct ar_extras *(*extras)(const void *value);
};

static enum ar_response response_of(const struct ar_item *it)
{
	return it->kind == AR_KIND_RECOMMENDATION && it->response == AR_RESPONSE_NONE ? AR_RESPONSE_PENDING
	                                                                               : it->response;
}

static bool item_present(const void *v, int k)
{
	const struct ar_item *it = v;
	switch ((enum ar_item_key)k) {
	case AR_ITEM_KEY_MEETING: return it->meeting != AR_DATE_NONE;
	case AR_ITEM_KEY_TOPIC: return it->topic != NULL;
	case AR_ITEM_KEY_TEXT: return it->text != NULL;
	case AR_ITEM_KEY_LEADS: return it->lead_count > 0;
	case AR_ITEM_KEY_RESPONSE: return it->kind == AR_KIND_RECOMMENDATION;
	case AR_ITEM_KEY_DUE: return it->due != AR_DATE_NONE;
	case AR_ITEM_KEY_RESPONDED: return it->responded != AR_DATE_NONE && it->kind == AR_KIND_RECOMMENDATION;
	case AR_ITEM_KEY_RAG: return it->rag > AR_RAG_NONE && it->rag < AR_RAG_COUNT;
	case AR_ITEM_KEY_CLOSED_ON: return it->closed_on != AR_DATE_NONE;
	case AR_ITEM_KEY_UPDATES: return it->update_count > 0;
	default: return true;
	}
}

static bool item_defaulted(const void *v, int k)
{
	return k == AR_ITEM_KEY_RESPONSE && response_of(v) == AR_RESPONSE_PENDING;
}

/* compare.h's field table says when a field is the same */
static bool item_same(const void *va, const void *vb, int k)
{
	const struct ar_item *a = va, *b = vb;
	if (k == AR_ITEM_KEY_ID)
		return a->id == b->id;
	if (k == AR_ITEM_KEY_UPDATES)
		return ar_updates_equal(a, b);
	for (size_t i = 0; i < ar_item_field_count; i++)
		if (strcmp(ar_item_fields[i].name, ar_item_key_names[k]) == 0)
			return ar_item_fields[i].equal(a, b);
	return false;
}

static void item_put(struct writer *w, const void *v, int k, struct lead_in *lead, int col,
                     const struct lay_node *src)
{
	put_item_key(w, v, k, lead, col, src);
}

static const struct ar_extras *item_extras(const void *v)
{
	return &((const struct ar_item *)v)->extras;
}

static bool update_present(const void *v, int k)
{
	const struct ar_update *u = v;
	switch ((enum ar_update_key)k) {
	case AR_UPDATE_KEY_DATE: return u->date != AR_DATE_NONE;
	case AR_UPDATE_KEY_BY: return u->by != NULL;
	case AR_UPDATE_KEY_LABEL: return u->label != NULL;
	default: return true;
	}
}

static bool never_defaulted(const void *v, int k)
{
	(void)v;
	(void)k;
	return false;
}

static bool update_same(const void *va, const void *vb, int k)
{
	const struct ar_update *a = va, *b = vb;
	switch ((enum ar_update_key)k) {
	case AR_UPDATE_KEY_DATE: return a->date == b->date;
	case AR_UPDATE_KEY_BY: return ar_str_equal(a->by, b->by);
	case AR_UPDATE_KEY_LABEL: return ar_str_equal(a->label, b->label);
	case AR_UPDATE_KEY_TEXT: return ar_str_equal(a->text, b->text);
	case AR_UPDATE_KEY_COUNT: break;
	}
	return true;
}

static void update_put(struct writer *w, const void *v, int k, struct lead_in *lead, int col,
                       const struct lay_node *src)
{
	put_update_key(w, v, k, lead, col, src);
}

static const struct ar_extras *update_extras(const void *v)
{
	return &((const struct ar_update *)v)->extras;
}

static bool meeting_present(const void *v, int k)
{
	return k != AR_MEETING_KEY_TITLE || ((const struct ar_meeting *)v)->title != NULL;
}

static bool meeting_same(const void *va, const void *vb, int k)
{
	const struct ar_meeting *a = va, *b = vb;
	return k == AR_MEETING_KEY_DATE ? a->date == b->date : ar_str_equal(a->title, b->title);
}

static void meeting_put(struct writer *w, const void *v, int k, struct lead_in *lead, int col,
                        const struct lay_node *src)
{
	put_meeting_key(w, v, k, lead, col, src);
}

static const struct ar_extras *meeting_extras(const void *v)
{
	return &((const struct ar_meeting *)v)->extras;
}

static const struct map_kind ITEM_KIND = {ar_item_key_names, AR_ITEM_KEY_COUNT, item_present, item_defaulted,
                                          item_same, item_put, item_extras};
static const struct map_kind UPDATE_KIND = {ar_update_key_names, AR_UPDATE_KEY_COUNT, update_present,
                                            never_defaulted, update_same, update_put, update_extras};
static const struct map_kind MEETING_KIND = {ar_meeting_key_names, AR_MEETING_KEY_COUNT, meeting_present,
                                             never_defaulted, meeting_same, meeting_put, meeting_extras};

static const struct ar_extra *extra_named(const struct ar_extras *x, const char *key)
{
	for (size_t i = 0; key && i < x->count; i++)
		if (x->items[i].key && strcmp(x->items[i].key, key) == 0)
			return &x->items[i];
	return NULL;
}

static int key_index(const struct map_kind *kind, const char *name)
{
	for (int k = 0; name && k < kind->count; k++)
		if (strcmp(kind->names[k], name) == 0)
			return k;
	return -1;
}

#define MAX_KEYS 32

static void put_map_edited(struct writer *w, const struct lay_node *node, const struct map_kind *kind,
                           const void *orig, const void *cur, struct lead_in lead, int col);

/* The updates of an edited item: each as its bytes when it is one of the
 * updates read, else edited in place, else new. */
static void put_updates_edited(struct writer *w, const struct lay_node *c, const struct ar_item *orig,
                               const struct ar_item *cur, struct lead_in *lead, int col)
{
	size_t n = orig->update_count, m = cur->update_count;
	if (c->child_count != n || n == 0) {
		put_item_key(w, cur, AR_ITEM_KEY_UPDATES, lead, col, NULL);
		return;
	}
	const struct lay_node *first = &c->children[0];
	if (lead->text) {
		ys_out_add(w, lead->text, lead->len);
		lead->text = NULL;
		copy_source(w, c->span.key, first->span.lead);
	} else {
		copy_source(w, c->span.body, first->span.lead);
	}
	/* the updates as read that are still there (compare.h's alignment),
	 * then the others paired in order as edited ones */
	bool *used = ar_xcalloc(n + 1, sizeof *used);
	long *match = ar_xcalloc(m + 1, sizeof *match);
	bool *exact = ar_xcalloc(m + 1, sizeof *exact);
	ar_updates_match(cur->updates, m, orig->updates, n, match);
	for (size_t i = 0; i < m; i++)
		if (match[i] >= 0)
			used[match[i]] = exact[i] = true;
	for (size_t i = 0, j = 0; i < m; i++) {
		if (match[i] >= 0)
			continue;
		while (j < n && used[j])
			j++;
		if (j < n) {
			match[i] = (long)j;
			used[j] = true;
		}
	}
	struct lead_in dash = {w->source + first->span.body, first->span.key - first->span.body};
	int dcol = (int)dash.len;
	for (size_t i = 0; i < m && !w->failed; i++) {
		if (match[i] < 0) {
			put_update(w, &cur->updates[i], dash, dcol, NULL);
			continue;
		}
		const struct lay_node *e = &c->children[match[i]];
		if (exact[i]) {
			copy_source(w, e->span.lead, e->span.end);
			continue;
		}
		copy_source(w, e->span.lead, e->span.body);
		struct lead_in l = {w->source + e->span.body, e->span.key - e->span.body};
		put_map_edited(w, e, &UPDATE_KIND, &orig->updates[match[i]], &cur->updates[i], l, (int)l.len);
	}
	free(used);
	free(match);
	free(exact);
}

/* A mapping read from node whose value changed from orig to cur: keys whose
 * value is the same as their bytes, the others in canonical form after the
 * lines before them, new keys after the key they follow canonically. */
static void put_map_edited(struct writer *w, const struct lay_node *node, const struct map_kind *kind,
                           const void *orig, const void *cur, struct lead_in lead, int col)
{
	bool in_file[MAX_KEYS] = {false}, written[MAX_KEYS], done[MAX_KEYS];
	const struct ar_extras *ox = kind->extras(orig), *cx = kind->extras(cur);
	for (size_t i = 0; i < node->child_count; i++) {
		int k = key_index(kind, node->children[i].name);
		if (k >= 0)
			in_file[k] = true;
	}
	for (int k = 0; k < kind->count; k++) {
		written[k] = in_file[k] && kind->present(cur, k);
		/* done: written in its place, dropped, or not wanted */
		done[k] = in_file[k] || !kind->present(cur, k) || kind->defaulted(cur, k);
	}
	for (size_t i = 0; i < node->child_count && !w->failed; i++) {
		const struct lay_node *c = &node->children[i];
		int k = key_index(kind, c->name);
		const struct ar_extra *xo = k < 0 ? extra_named(ox, c->name) : NULL;
		const struct ar_extra *xc = k < 0 ? extra_named(cx, c->name) : NULL;
		bool gone = k >= 0 ? !written[k] : xc == NULL;
		if (gone)
			continue;
		bool keep = k >= 0 ? kind->same(orig, cur, k) : xo && ar_node_equal(xo->value, xc->value);
		if (keep) {
			if (lead.text && i > 0) {
				ys_out_add(w, lead.text, lead.len);
				copy_source(w, c->span.key, c->span.end);
			} else {
				copy_source(w, i == 0 ? c->span.body : c->span.lead, c->span.end);
			}
			lead.text = NULL;
		} else {
			if (i > 0)
				copy_source(w, c->span.lead, c->span.body);
			if (kind == &ITEM_KIND && k == AR_ITEM_KEY_UPDATES && c->block_value) {
				put_updates_edited(w, c, orig, cur, &lead, col);
			} else if (k >= 0) {
				kind->put(w, cur, k, &lead, col, node);
			} else if (xc) {
				struct ar_extras one = {(struct ar_extra *)xc, 1};
				put_extras_at(w, &lead, col, &one, xc->after < -1 ? -1 : xc->after, INT_MAX, node);
			}
		}
		/* a key new to this mapping goes after the last one written that
		 * comes before it canonically */
		for (int nk = 0; k >= 0 && nk < kind->count; nk++) {
			if (done[nk] || (k > nk && i > 0))
				continue;
			bool later = false;
			for (size_t j = i + 1; j < node->child_count && !later; j++) {
				int kj = key_index(kind, node->children[j].name);
				later = kj >= 0 && kj < nk && written[kj];
			}
			if (!later) {
				kind->put(w, cur, nk, &lead, col, NULL);
				done[nk] = true;
			}
		}
	}
	for (int nk = 0; nk < kind->count && !w->failed; nk++)
		if (!done[nk])
			kind->put(w, cur, nk, &lead, col, NULL);
	for (size_t i = 0; i < cx->count; i++) {
		bool read = false;
		for (size_t j = 0; j < node->child_count && !read; j++)
			read = node->children[j].name && cx->items[i].key && strcmp(node->children[j].name, cx->items[i].key) == 0;
		if (!read) {
			struct ar_extras one = {&cx->items[i], 1};
			put_extras_at(w, &lead, col, &one, cx->items[i].after < -1 ? -1 : cx->items[i].after, INT_MAX, NULL);
		}
	}
}

/* An element of meetings or items that changed: read again, then written
 * key by key. */
static void put_element_edited(struct writer *w, const struct lay_element *el, const struct map_kind *kind,
                               const void *orig, const void *cur, struct lead_in lead, int col)
{
	struct lay_tree tree;
	copy_source(w, el->span.lead, el->span.body);
	if (lay_read_tree(w->source, el->span.body, el->span.end, 3, &tree) && tree.root.child_count == 1 &&
	    tree.root.children[0].block_value) {
		w->tree = &tree;
		put_map_edited(w, &tree.root.children[0], kind, orig, cur, lead, col);
		w->tree = NULL;
	} else if (kind == &ITEM_KIND) {
		ys_put_item(w, cur, lead, col, NULL);
	} else {
		put_meeting(w, cur, lead, col, NULL);
	}
	lay_tree_free(&tree);
}

/* One item of the items sequence as a save writes it (yaml_save_internal.h). */
void ys_put_item_kept(struct writer *w, const struct lay_element *el, const struct ar_item *it,
                      struct lead_in dash, int col)
{
	if (it->lines)
		ys_put_item_lines(w, el, it, dash, col);
	else if (el && el->item == it)
		copy_source(w, el->span.lead, el->span.end);
	else if (el)
		put_element_edited(w, el, &ITEM_KIND, el->item, it, dash, col);
	else
		ys_put_item(w, it, dash, col, NULL);
}

/* An item whose element el (in w's source) was read as orig, now cur. */
void ys_put_item_edited(struct writer *w, const struct lay_element *el, const struct ar_item *orig,
                        const struct ar_item *cur, struct lead_in dash, int col)
{
	put_element_edited(w, el, &ITEM_KIND, orig, cur, dash, col);
}

/* How L's items start their first line ("- " at column 0 when it has none). */
void ys_items_dash(const struct ar_layout *L, struct lead_in *dash, int *col)
{
	*dash = DASH;
	if (L && L->item_count)
		*dash = (struct lead_in){L->source + L->items[0].span.body, L->items[0].span.key - L->items[0].span.body};
	*col = (int)dash->len;
}

static void put_sequence_preserving(struct writer *w, const struct ar_tracker *t, const struct ar_layout *L,
                                    const struct lay_top *top, bool items)
{
	size_t n = items ? L->item_count : L->meeting_count;
	size_t m = items ? t->item_count : t->meeting_count;
	const struct lay_element *els = items ? L->items : L->meetings;
	bool same = n == m;
	for (size_t i = 0; same && i < m; i++)
		same = items ? t->items[i] == els[i].item : ar_meeting_equal(&t->meetings[i], &els[i].meeting);
	if (same) {
		copy_source(w, top->span.lead, top->span.end);
		return;
	}
	copy_source(w, top->span.lead, top->span.body);
	if (m == 0) {
		/* every item removed: `items` is required, so it stays, empty */
		if (items)
			ys_line_plain(w, &(struct lead_in){0}, 0, ar_tracker_key_names[top->known], "[]", NULL, 0);
		return;
	}
	struct lead_in dash = DASH;
	int col = 2;
	if (n == 0) {
		ys_line_plain(w, &(struct lead_in){0}, 0, ar_tracker_key_names[top->known], NULL, NULL, 0);
	} else {
		copy_source(w, top->span.body, els[0].span.lead);
		dash = (struct lead_in){w->source + els[0].span.body, els[0].span.key - els[0].span.body};
		col = (int)dash.len;
	}
	/* An item's bytes are the element it was read from (its origin, kept
	 * through every edit, a new id included), each element for one item
	 * only: a second copy of an item is written anew. */
	bool *taken = items ? ar_xcalloc(n + 1, sizeof *taken) : NULL;
	for (size_t i = 0; i < m && !w->failed; i++) {
		if (items) {
			const struct ar_item *it = t->items[i];
			const struct lay_element *el = lay_item_origin(L, it);
			if (el && taken[el - els])
				el = NULL;
			if (el)
				taken[el - els] = true;
			ys_put_item_kept(w, el, it, dash, col);
		} else {
			const struct ar_meeting *mt = &t->meetings[i];
			const struct lay_element *el = lay_find_meeting(L, mt->date);
			if (el && ar_meeting_equal(&el->meeting, mt))
				copy_source(w, el->span.lead, el->span.end);
			else if (el)
				put_element_edited(w, el, &MEETING_KIND, &el->meeting, mt, dash, col);
			else
				put_meeting(w, mt, dash, col, NULL);
		}
	}
	free(taken);
}

/* A top-level scalar key or unknown key whose value changed. */
static void put_top_edited(struct writer *w, const struct ar_tracker *t, const struct lay_top *top,
                           const struct ar_extra *extra)
{
	struct lay_tree tree;
	copy_source(w, top->span.lead, top->span.body);
	bool read = lay_read_tree(w->source, top->span.body, top->span.end, 1, &tree);
	const struct lay_node *src = read ? &tree.root : NULL;
	w->tree = read ? &tree : NULL;
	struct lead_in lead = {0};
	if (extra) {
		/* written here, in the key's place, whichever key it follows */
		struct ar_extra here = *extra;
		here.after = -1;
		struct ar_extras one = {&here, 1};
		put_extras_at(w, &lead, 0, &one, -1, INT_MAX, src);
	} else if (top->known == AR_TRACKER_KEY_COMMITTEE && t->committee) {
		key_string(w, &lead, 0, src, ar_tracker_key_names[top->known], t->committee);
	} else if (top->known == AR_TRACKER_KEY_TITLE && t->title) {
		key_string(w, &lead, 0, src, ar_tracker_key_names[top->known], t->title);
	} else if (top->known == AR_TRACKER_KEY_AS_OF && t->as_of != AR_DATE_NONE) {
		key_date(w, &lead, 0, src, ar_tracker_key_names[top->known], t->as_of);
	} else if (top->known == AR_TRACKER_KEY_RESPONSE_DAYS && t->response_days > 0) {
		char buf[32];
		snprintf(buf, sizeof buf, "%d", t->response_days);
		key_plain(w, &lead, 0, src, ar_tracker_key_names[top->known], buf);
	}
	w->tree = NULL;
	lay_tree_free(&tree);
}

/* Whether top-level key k has a value now, and whether it is the one read. */
static bool top_present(const struct ar_tracker *t, int k)
{
	switch ((enum ar_tracker_key)k) {
	case AR_TRACKER_KEY_COMMITTEE: return t->committee != NULL;
	case AR_TRACKER_KEY_TITLE: return t->title != NULL;
	case AR_TRACKER_KEY_AS_OF: return t->as_of != AR_DATE_NONE;
	case AR_TRACKER_KEY_RESPONSE_DAYS: return t->response_days > 0;
	case AR_TRACKER_KEY_MEETINGS: return t->meeting_count > 0;
	default: return true;
	}
}

static bool top_same(const struct ar_tracker *t, const struct ar_layout *L, int k)
{
	switch ((enum ar_tracker_key)k) {
	case AR_TRACKER_KEY_COMMITTEE: return ar_str_equal(t->committee, L->committee);
	case AR_TRACKER_KEY_TITLE: return ar_str_equal(t->title, L->title);
	case AR_TRACKER_KEY_AS_OF: return t->as_of == L->as_of;
	case AR_TRACKER_KEY_RESPONSE_DAYS: return t->response_days == L->response_days;
	default: return true;
	}
}

/* The tracker as L read it, with only what changed written anew. */
void ys_put_tracker_preserving(struct writer *w, const struct ar_tracker *t, const struct ar_layout *L)
{
	bool in_file[AR_TRACKER_KEY_COUNT] = {false};
	for (size_t i = 0; i < L->top_count; i++)
		if (L->tops[i].known >= 0)
			in_file[L->tops[i].known] = true;
	copy_source(w, 0, L->head_end);
	size_t unknown = 0;
	for (size_t i = 0; i < L->top_count && !w->failed; i++) {
		const struct lay_top *top = &L->tops[i];
		int k = top->known;
		if (k < 0) {
			const struct ar_extra *xo = unknown < L->extras.count ? &L->extras.items[unknown] : NULL;
			unknown++;
			const struct ar_extra *xc = xo ? extra_named(&t->extras, xo->key) : NULL;
			if (!xc)
				copy_source(w, top->span.lead, top->span.body);
			else if (ar_node_equal(xo->value, xc->value))
				copy_source(w, top->span.lead, top->span.end);
			else
				put_top_edited(w, t, top, xc);
			continue;
		}
		/* `meetings: []` as read stays (with its comment) while it is empty */
		if (k == AR_TRACKER_KEY_ITEMS ||
		    (k == AR_TRACKER_KEY_MEETINGS && (t->meeting_count || !L->meeting_count)))
			put_sequence_preserving(w, t, L, top, k == AR_TRACKER_KEY_ITEMS);
		else if (!top_present(t, k))
			copy_source(w, top->span.lead, top->span.body);
		else if (top_same(t, L, k))
			copy_source(w, top->span.lead, top->span.end);
		else
			put_top_edited(w, t, top, NULL);
		/* keys new to the file go after the key they follow canonically */
		for (int nk = k + 1; nk < AR_TRACKER_KEY_COUNT && !in_file[nk]; nk++)
			if (top_present(t, nk)) {
				put_top_key(w, t, NULL, nk);
				in_file[nk] = true;
			}
	}
	for (size_t i = 0; i < t->extras.count; i++)
		if (!extra_named(&L->extras, t->extras.items[i].key)) {
			struct ar_extras one = {&t->extras.items[i], 1};
			struct lead_in lead = {0};
			put_extras_at(w, &lead, 0, &one, t->extras.items[i].after, AR_TRACKER_KEY_COUNT, NULL);
		}
	copy_source(w, L->tail, L->len);
}
