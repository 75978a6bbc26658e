/* tracker.c - the model: enumerations, items, meetings, the id index. */
#include "config.h"

#include "artrack/tracker.h"
#include "artrack/layout.h"
#include "artrack/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const ar_kind_names[AR_KIND_COUNT] = {"action", "recommendation"};
const char *const ar_status_names[AR_STATUS_COUNT] = {"open", "in-progress", "completed", "closed"};
const char *const ar_response_names[AR_RESPONSE_COUNT] = {
	"", "pending", "accepted", "partially-accepted", "rejected", "noted"};
const char *const ar_rag_names[AR_RAG_COUNT] = {"", "red", "amber", "green"};
const char *const ar_rag_choices[AR_RAG_COUNT] = {"none", "red", "amber", "green"};

const char *const ar_tracker_key_names[AR_TRACKER_KEY_COUNT] = {
	"artrack", "committee", "title", "as_of", "response_days", "meetings", "items"};
const char *const ar_meeting_key_names[AR_MEETING_KEY_COUNT] = {"date", "title"};
const char *const ar_item_key_names[AR_ITEM_KEY_COUNT] = {
	"id", "meeting", "topic", "kind", "text", "leads", "status", "response", "due", "responded", "rag",
	"closed_on", "updates"};
const char *const ar_update_key_names[AR_UPDATE_KEY_COUNT] = {"date", "by", "label", "text"};

int ar_enum_lookup(const char *const *names, int count, const char *text, size_t len)
{
	for (int i = 0; i < count; i++)
		if (names[i][0] && strlen(names[i]) == len && memcmp(names[i], text, len) == 0)
			return i;
	return -1;
}

/* ---- id index: open addressing, rebuilt lazily after the items move ---- */

struct ar_tracker_index {
	long *ids;        /* 0 = empty slot (ids are positive) */
	size_t *positions;
	size_t slots;     /* a power of two */
	bool stale;
};

static size_t slot_of(long id, size_t slots)
{
	uint64_t h = (uint64_t)id * UINT64_C(0x9e3779b97f4a7c15);
	return (size_t)(h >> 17) & (slots - 1);
}

static void index_rebuild(const struct ar_tracker *tracker)
{
	struct ar_tracker_index *ix = tracker->index;
	size_t want = 16;
	while (want < tracker->item_count * 2)
		want *= 2;
	if (want != ix->slots) {
		free(ix->ids);
		free(ix->positions);
		ix->ids = ar_xcalloc(want, sizeof *ix->ids);
		ix->positions = ar_xcalloc(want, sizeof *ix->positions);
		ix->slots = want;
	} else {
		memset(ix->ids, 0, want * sizeof *ix->ids);
	}
	for (size_t i = 0; i < tracker->item_count; i++) {
		long id = tracker->items[i]->id;
		if (id <= 0)
			continue;
		size_t s = slot_of(id, ix->slots);
		while (ix->ids[s] != 0 && ix->ids[s] != id)
			s = (s + 1) & (ix->slots - 1);
		if (ix->ids[s] == id)
			continue; /* a duplicate id: the first one wins (the loader refuses them) */
		ix->ids[s] = id;
		ix->positions[s] = i;
	}
	ix->stale = false;
}

struct ar_tracker *ar_tracker_new(void)
{
	struct ar_tracker *t = ar_xcalloc(1, sizeof *t);
	t->version = AR_FORMAT_VERSION;
	t->arena = ar_arena_new();
	t->index = ar_xcalloc(1, sizeof *t->index);
	t->index->stale = true;
	return t;
}

struct ar_tracker_kept {
	struct ar_tracker *tracker;
	struct ar_tracker_kept *next;
};

void ar_tracker_free(struct ar_tracker *tracker)
{
	if (!tracker)
		return;
	for (struct ar_tracker_kept *k = tracker->kept; k; k = k->next)
		ar_tracker_free(k->tracker);
	free(tracker->meetings);
	free(tracker->items);
	if (tracker->index) {
		free(tracker->index->ids);
		free(tracker->index->positions);
		free(tracker->index);
	}
	ar_layout_free(tracker->layout);
	ar_arena_free(tracker->arena);
	free(tracker);
}

void ar_tracker_keep(struct ar_tracker *tracker, struct ar_tracker *other)
{
	if (!other)
		return;
	struct ar_tracker_kept *k = ar_arena_alloc(tracker->arena, sizeof *k);
	k->tracker = other;
	k->next = tracker->kept;
	tracker->kept = k;
}

void ar_tracker_take_items(struct ar_tracker *tracker, struct ar_item **items, size_t count)
{
	free(tracker->items);
	tracker->items = items;
	tracker->item_count = tracker->item_capacity = count;
	tracker->index->stale = true;
	tracker->generation++;
}

const char *ar_tracker_strdup(struct ar_tracker *tracker, const char *s)
{
	return ar_arena_strdup(tracker->arena, s);
}

const char *ar_tracker_strndup(struct ar_tracker *tracker, const char *s, size_t len)
{
	return ar_arena_strndup(tracker->arena, s, len);
}

void *ar_tracker_alloc(struct ar_tracker *tracker, size_t size)
{
	return ar_arena_alloc(tracker->arena, size);
}

const struct ar_meeting *ar_tracker_find_meeting(const struct ar_tracker *tracker, ar_date date)
{
	/* Trackers have tens of meetings, not thousands: a scan is the right tool. */
	for (size_t i = 0; i < tracker->meeting_count; i++)
		if (tracker->meetings[i].date == date)
			return &tracker->meetings[i];
	return NULL;
}

struct ar_meeting *ar_tracker_add_meeting(struct ar_tracker *tracker, ar_date date, const char *title)
{
	AR_GROW(tracker->meetings, tracker->meeting_capacity, tracker->meeting_count + 1, 8);
	struct ar_meeting *m = &tracker->meetings[tracker->meeting_count++];
	memset(m, 0, sizeof *m);
	m->date = date;
	m->title = ar_tracker_strdup(tracker, title);
	tracker->generation++;
	return m;
}

void ar_tracker_insert_meeting(struct ar_tracker *tracker, size_t position, const struct ar_meeting *meeting)
{
	ar_tracker_add_meeting(tracker, meeting->date, NULL);
	if (position >= tracker->meeting_count)
		position = tracker->meeting_count - 1;
	memmove(&tracker->meetings[position + 1], &tracker->meetings[position],
	        (tracker->meeting_count - 1 - position) * sizeof *tracker->meetings);
	tracker->meetings[position] = *meeting;
}

void ar_tracker_remove_meeting(struct ar_tracker *tracker, size_t position)
{
	if (position >= tracker->meeting_count)
		return;
	memmove(&tracker->meetings[position], &tracker->meetings[position + 1],
	        (tracker->meeting_count - position - 1) * sizeof *tracker->meetings);
	tracker->meeting_count--;
	tracker->generation++;
}

size_t ar_tracker_meeting_position(const struct ar_tracker *tracker, ar_date date)
{
	size_t position = tracker->meeting_count;
	while (position > 0 && tracker->meetings[position - 1].date > date)
		position--;
	return position;
}

size_t ar_tracker_meeting_items(const struct ar_tracker *tracker, ar_date date)
{
	size_t n = 0;
	for (size_t i = 0; i < tracker->item_count; i++)
		n += tracker->items[i]->meeting == date;
	return n;
}

long ar_tracker_find_index(const struct ar_tracker *tracker, long id)
{
	if (id <= 0 || tracker->item_count == 0)
		return -1;
	if (tracker->index->stale)
		index_rebuild(tracker);
	const struct ar_tracker_index *ix = tracker->index;
	size_t s = slot_of(id, ix->slots);
	while (ix->ids[s] != 0) {
		if (ix->ids[s] == id)
			return (long)ix->positions[s];
		s = (s + 1) & (ix->slots - 1);
	}
	return -1;
}

const struct ar_item *ar_tracker_find_item(const struct ar_tracker *tracker, long id)
{
	long i = ar_tracker_find_index(tracker, id);
	return i < 0 ? NULL : tracker->items[i];
}

long ar_tracker_max_id(const struct ar_tracker *tracker)
{
	long max = 0;
	for (size_t i = 0; i < tracker->item_count; i++)
		if (tracker->items[i]->id > max)
			max = tracker->items[i]->id;
	return max;
}

struct ar_item *ar_item_new(struct ar_tracker *tracker, long id)
{
	struct ar_item *item = ar_tracker_alloc(tracker, sizeof *item);
	item->id = id;
	item->kind = AR_KIND_ACTION;
	item->status = AR_STATUS_OPEN;
	item->response = AR_RESPONSE_NONE;
	return item;
}

struct ar_item *ar_item_clone(struct ar_tracker *tracker, const struct ar_item *item)
{
	struct ar_item *copy = ar_tracker_alloc(tracker, sizeof *copy);
	*copy = *item;
	if (item->lead_count) {
		const char **leads = ar_tracker_alloc(tracker, item->lead_count * sizeof *leads);
		memcpy(leads, item->leads, item->lead_count * sizeof *leads);
		copy->leads = leads;
	}
	if (item->update_count) {
		struct ar_update *updates = ar_tracker_alloc(tracker, item->update_count * sizeof *updates);
		memcpy(updates, item->updates, item->update_count * sizeof *updates);
		copy->updates = updates;
	}
	return copy;
}

static void items_reserve(struct ar_tracker *tracker)
{
	AR_GROW(tracker->items, tracker->item_capacity, tracker->item_count + 1, 64);
}

void ar_tracker_append_item(struct ar_tracker *tracker, struct ar_item *item)
{
	ar_tracker_insert_item(tracker, tracker->item_count, item);
}

void ar_tracker_insert_item(struct ar_tracker *tracker, size_t position, struct ar_item *item)
{
	items_reserve(tracker);
	if (position > tracker->item_count)
		position = tracker->item_count;
	memmove(&tracker->items[position + 1], &tracker->items[position],
	        (tracker->item_count - position) * sizeof *tracker->items);
	tracker->items[position] = item;
	tracker->item_count++;
	tracker->index->stale = true;
	tracker->generation++;
}

struct ar_item *ar_tracker_replace_item(struct ar_tracker *tracker, size_t position, struct ar_item *item)
{
	struct ar_item *old = tracker->items[position];
	tracker->items[position] = item;
	if (old->id != item->id)
		tracker->index->stale = true;
	tracker->generation++;
	return old;
}

struct ar_item *ar_tracker_remove_item(struct ar_tracker *tracker, size_t position)
{
	struct ar_item *old = tracker->items[position];
	memmove(&tracker->items[position], &tracker->items[position + 1],
	        (tracker->item_count - position - 1) * sizeof *tracker->items);
	tracker->item_count--;
	tracker->index->stale = true;
	tracker->generation++;
	return old;
}

void ar_item_set_topic(struct ar_tracker *tracker, struct ar_item *item, const char *topic)
{
	item->topic = ar_tracker_strdup(tracker, topic);
}

void ar_item_set_text(struct ar_tracker *tracker, struct ar_item *item, const char *text)
{
	item->text = ar_tracker_strdup(tracker, text);
}

void ar_item_set_leads(struct ar_tracker *tracker, struct ar_item *item, const char *const *leads, size_t count)
{
	const char **copy = NULL;
	if (count) {
		copy = ar_tracker_alloc(tracker, count * sizeof *copy);
		for (size_t i = 0; i < count; i++)
			copy[i] = ar_tracker_strdup(tracker, leads[i]);
	}
	item->leads = copy;
	item->lead_count = count;
}

static void update_copy(struct ar_tracker *tracker, struct ar_update *dst, const struct ar_update *src)
{
	*dst = *src;
	dst->by = ar_tracker_strdup(tracker, src->by);
	dst->label = ar_tracker_strdup(tracker, src->label);
	dst->text = ar_tracker_strdup(tracker, src->text);
}

void ar_item_add_update(struct ar_tracker *tracker, struct ar_item *item, const struct ar_update *update)
{
	struct ar_update *updates = ar_tracker_alloc(tracker, (item->update_count + 1) * sizeof *updates);
	if (item->update_count)
		memcpy(updates, item->updates, item->update_count * sizeof *updates);
	update_copy(tracker, &updates[item->update_count], update);
	item->updates = updates;
	item->update_count++;
}

void ar_item_set_updates(struct ar_tracker *tracker, struct ar_item *item, const struct ar_update *updates, size_t count)
{
	struct ar_update *copy = NULL;
	if (count) {
		copy = ar_tracker_alloc(tracker, count * sizeof *copy);
		for (size_t i = 0; i < count; i++)
			update_copy(tracker, &copy[i], &updates[i]);
	}
	item->updates = copy;
	item->update_count = count;
}

bool ar_item_is_overdue(const struct ar_item *item, ar_date today)
{
	if (item->due == AR_DATE_NONE || today == AR_DATE_NONE || item->status == AR_STATUS_COMPLETED ||
	    item->status == AR_STATUS_CLOSED)
		return false;
	return ar_date_month_end(item->due) < today;
}

int ar_tracker_response_days(const struct ar_tracker *tracker)
{
	return tracker->response_days > 0 ? tracker->response_days : AR_RESPONSE_DAYS_DEFAULT;
}

bool ar_item_awaits_response(const struct ar_item *item)
{
	return item->kind == AR_KIND_RECOMMENDATION && item->response == AR_RESPONSE_PENDING;
}

ar_date ar_item_response_deadline(const struct ar_item *item, int response_days)
{
	if (!ar_item_awaits_response(item) || item->meeting == AR_DATE_NONE)
		return AR_DATE_NONE;
	return ar_date_add_days(item->meeting, response_days);
}

bool ar_item_is_response_overdue(const struct ar_item *item, int response_days, ar_date today)
{
	ar_date deadline = ar_item_response_deadline(item, response_days);
	return deadline != AR_DATE_NONE && today != AR_DATE_NONE && deadline < today;
}

unsigned ar_item_date_decisions(const struct ar_item *before, struct ar_item *after, ar_date today)
{
	unsigned dated = 0;
	if (today == AR_DATE_NONE)
		return 0;
	if (after->kind == AR_KIND_RECOMMENDATION && before->kind == AR_KIND_RECOMMENDATION &&
	    before->response == AR_RESPONSE_PENDING && after->response > AR_RESPONSE_PENDING &&
	    after->responded == AR_DATE_NONE) {
		after->responded = today;
		dated |= 1u << AR_ITEM_KEY_RESPONDED;
	}
	if (before->status != AR_STATUS_CLOSED && after->status == AR_STATUS_CLOSED && after->closed_on == AR_DATE_NONE) {
		after->closed_on = today;
		dated |= 1u << AR_ITEM_KEY_CLOSED_ON;
	}
	return dated;
}

/* How well part[0..n) names name: 3 exactly, 2 as a prefix of it, 1 as a
 * prefix of one of its hyphenated words, 0 not at all. */
static int name_fit(const char *name, const char *part, size_t n)
{
	size_t nl = strlen(name);
	if (!nl || !n || n > nl)
		return 0;
	if (strncasecmp(name, part, n) == 0)
		return n == nl ? 3 : 2;
	for (const char *w = strchr(name, '-'); w; w = strchr(w + 1, '-'))
		if (strlen(w + 1) >= n && strncasecmp(w + 1, part, n) == 0)
			return 1;
	return 0;
}

int ar_enum_match(const char *const *names, int count, const char *text, size_t len, unsigned *fitting)
{
	int best = 0, found = -1, matches = 0;
	unsigned mask = 0;
	for (int i = 0; i < count && i < 32; i++) {
		int fit = name_fit(names[i], text, len);
		if (fit > best) {
			best = fit;
			found = i;
			matches = 1;
			mask = 1u << i;
		} else if (fit && fit == best) {
			matches++;
			mask |= 1u << i;
		}
	}
	if (fitting)
		*fitting = mask;
	return matches == 1 ? found : matches ? -2 : -1;
}

ar_date ar_item_updated(const struct ar_item *item)
{
	ar_date newest = AR_DATE_NONE;
	for (size_t i = 0; i < item->update_count; i++)
		if (item->updates[i].date > newest)
			newest = item->updates[i].date;
	return newest;
}
