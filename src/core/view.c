/* view.c - filtered, sorted item lists with incremental search and counts.
 *
 * Everything here is keyed by position in tracker->items and thrown away
 * when the tracker's generation changes.  The results of the last few
 * queries are kept, so a query that implies a kept one (one more character
 * typed) scans only that one's matches, and a query met before (a
 * character deleted) costs nothing.  Each sort key's full order of the
 * tracker is computed once; showing a result in that order is one pass.
 */
#include "config.h"

#include "artrack/view.h"
#include "artrack/alloc.h"
#include "artrack/choices.h"
#include "artrack/hash.h"
#include "artrack/query.h"
#include "artrack/textsearch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Scans are bound by memory latency (items are scattered through a tracker
 * as large as the file), so the loops ask for the next items early. */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif
#define PREFETCH_AHEAD 8

const char *const ar_sort_key_names[AR_SORT_COUNT] = {
	"id", "meeting", "status", "response", "due", "updated", "lead", "topic"};

/* Recent results kept for narrowing and going back: the typing of one
 * query word plus a few earlier queries. */
#define VIEW_CACHE_SIZE 16
/* Below this many candidates a scan is too short to be worth a thread. */
#define PARALLEL_MIN_ITEMS 2048
#define MAX_THREADS 4

struct cached_result {
	struct ar_query *query;     /* NULL: an empty slot */
	uint32_t *positions;        /* ascending */
	struct ar_match_place *places; /* where the query's tracked term matched each, or NULL */
	size_t count;
	uint64_t used;              /* for least-recently-used eviction */
};

struct ar_view {
	const struct ar_tracker *tracker;
	ar_date today;

	bool built;
	uint64_t generation;
	size_t n;                              /* tracker->item_count when built */
	const struct ar_meeting **meeting_of;  /* per position */
	int32_t *meeting_index;                /* per position, -1 for none */
	uint8_t *enums;                        /* per position: status, response, kind packed */

	bool leads_built;                      /* lead names interned (for counts) */
	uint32_t *lead_first;                  /* per position, n + 1 offsets into lead_ids */
	uint32_t *lead_ids;
	const char **lead_names;
	size_t lead_name_count;

	char *query_text;                      /* as given */
	struct cached_result cache[VIEW_CACHE_SIZE];
	int current;                           /* the cache slot in force */
	uint64_t clock;

	enum ar_sort_key sort_key;
	bool descending;
	uint32_t *order[AR_SORT_COUNT][2];     /* every position, sorted */

	ar_date meeting;

	bool rows_valid;
	uint32_t *rows;
	size_t row_count;
	bool row_of_valid;
	int32_t *row_of_position;
	bool counts_valid;
	struct ar_view_counts counts;
	uint64_t rows_built;                   /* bumped by every build of rows */
	uint64_t shown_counted;                /* the build shown_counts counts, 0: none */
	struct ar_view_counts shown_counts;    /* counts of the rows shown */
	uint8_t *flags;                        /* scratch, one byte per position */
};

enum ar_rc ar_sort_parse(const char *text, enum ar_sort_key *key, bool *descending, struct ar_error *err)
{
	const char *name = text ? text : "";
	bool desc = name[0] == '-';
	if (desc)
		name++;
	if (desc && !*name) {
		ar_error_set(err, 0, 0, "'-' needs a sort key after it (-KEY sorts descending)");
		return AR_EUSAGE;
	}
	unsigned fitting;
	int found = ar_enum_match(ar_sort_key_names, AR_SORT_COUNT, name, strlen(name), &fitting);
	if (found < 0) {
		struct ar_buf msg = {0};
		ar_buf_adds(&msg, "sort key ");
		ar_choice_explain(&msg, ar_sort_key_names, AR_SORT_COUNT, name, strlen(name), found, fitting,
		                  "-KEY for descending");
		ar_error_set(err, 0, 0, "%s", msg.data);
		ar_buf_free(&msg);
		return AR_EUSAGE;
	}
	*key = (enum ar_sort_key)found;
	*descending = desc;
	return AR_OK;
}

/* ---- per-generation facts ---- */

static void cache_slot_clear(struct cached_result *c)
{
	ar_query_free(c->query);
	free(c->positions);
	free(c->places);
	memset(c, 0, sizeof *c);
}

static void facts_free(struct ar_view *v)
{
	free(v->meeting_of);
	free(v->meeting_index);
	free(v->enums);
	free(v->lead_first);
	free(v->lead_ids);
	free(v->lead_names);
	v->meeting_of = NULL;
	v->meeting_index = NULL;
	v->enums = NULL;
	v->lead_first = v->lead_ids = NULL;
	v->lead_names = NULL;
	v->lead_name_count = 0;
	v->leads_built = false;
	for (int k = 0; k < AR_SORT_COUNT; k++)
		for (int d = 0; d < 2; d++) {
			free(v->order[k][d]);
			v->order[k][d] = NULL;
		}
	free(v->rows);
	free(v->row_of_position);
	free(v->flags);
	free(v->counts.per_meeting);
	free(v->counts.per_lead);
	free(v->shown_counts.per_meeting);
	free(v->shown_counts.per_lead);
	v->rows = NULL;
	v->row_of_position = NULL;
	v->flags = NULL;
	memset(&v->counts, 0, sizeof v->counts);
	memset(&v->shown_counts, 0, sizeof v->shown_counts);
	v->shown_counted = 0;
	v->rows_valid = v->row_of_valid = v->counts_valid = false;
}

struct meeting_slot {
	ar_date date;
	int32_t index;
};

static int meeting_slot_cmp(const void *a, const void *b)
{
	const struct meeting_slot *x = a, *y = b;
	return (x->date > y->date) - (x->date < y->date);
}

static uint8_t pack_enums(const struct ar_item *item)
{
	return (uint8_t)((unsigned)item->status & 3) | (uint8_t)(((unsigned)item->response & 7) << 2) |
	       (uint8_t)(((unsigned)item->kind & 1) << 5) | (uint8_t)(((unsigned)item->rag & 3) << 6);
}

/* The low six bits are what enumeration-only queries read (rag is not one). */
#define ENUM_STATUS(e) ((e) & 3)
#define ENUM_RESPONSE(e) ((e) >> 2 & 7)
#define ENUM_KIND(e) ((e) >> 5 & 1)
#define ENUM_RAG(e) ((e) >> 6 & 3)

static void facts_build(struct ar_view *v)
{
	const struct ar_tracker *t = v->tracker;
	size_t n = t->item_count, mc = t->meeting_count;
	v->n = n;
	v->meeting_of = ar_xcalloc(n ? n : 1, sizeof *v->meeting_of);
	v->meeting_index = ar_xmalloc((n ? n : 1) * sizeof *v->meeting_index);
	v->enums = ar_xmalloc(n ? n : 1);
	v->flags = ar_xcalloc(n ? n : 1, 1);
	/* Meetings sorted by date, searched by halving: a generated tracker
	 * may have hundreds. */
	struct meeting_slot *slots = ar_xmalloc((mc ? mc : 1) * sizeof *slots);
	for (size_t i = 0; i < mc; i++) {
		slots[i].date = t->meetings[i].date;
		slots[i].index = (int32_t)i;
	}
	qsort(slots, mc, sizeof *slots, meeting_slot_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i + PREFETCH_AHEAD < n)
			PREFETCH(t->items[i + PREFETCH_AHEAD]);
		const struct ar_item *item = t->items[i];
		v->enums[i] = pack_enums(item);
		ar_date d = item->meeting;
		v->meeting_index[i] = -1;
		if (d == AR_DATE_NONE)
			continue;
		size_t lo = 0, hi = mc;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (slots[mid].date < d)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < mc && slots[lo].date == d) {
			v->meeting_index[i] = slots[lo].index;
			v->meeting_of[i] = &t->meetings[slots[lo].index];
		}
	}
	free(slots);
}

/* Distinct strings, each with a number: lead names for the counts, topics
 * and first leads for sorting. */
struct interner {
	const char **names;      /* by number */
	size_t count, cap;
	int32_t *slots;          /* open addressing: a number, or -1 */
	size_t slot_count;       /* a power of two, kept above twice count */
};

static void interner_free(struct interner *in)
{
	free(in->names);
	free(in->slots);
	memset(in, 0, sizeof *in);
}

static size_t interner_slot(const struct interner *in, const char *name, size_t len)
{
	size_t s = (size_t)ar_hash64(AR_HASH_INIT, name, len) & (in->slot_count - 1);
	while (in->slots[s] >= 0 && strcmp(in->names[in->slots[s]], name) != 0)
		s = (s + 1) & (in->slot_count - 1);
	return s;
}

static uint32_t intern(struct interner *in, const char *name)
{
	if (2 * (in->count + 1) > in->slot_count) {
		free(in->slots);
		in->slot_count = in->slot_count ? in->slot_count * 2 : 64;
		in->slots = ar_xmalloc(in->slot_count * sizeof *in->slots);
		memset(in->slots, 0xff, in->slot_count * sizeof *in->slots);
		for (size_t i = 0; i < in->count; i++)
			in->slots[interner_slot(in, in->names[i], strlen(in->names[i]))] = (int32_t)i;
	}
	size_t s = interner_slot(in, name, strlen(name));
	if (in->slots[s] < 0) {
		AR_GROW(in->names, in->cap, in->count + 1, 64);
		in->slots[s] = (int32_t)in->count;
		in->names[in->count++] = name;
	}
	return (uint32_t)in->slots[s];
}

/* Intern the lead names: each distinct name gets a number, so counting a
 * result's leads is array arithmetic rather than string hashing. */
static void leads_build(struct ar_view *v)
{
	const struct ar_tracker *t = v->tracker;
	struct interner names = {0};
	size_t k = 0, cap = v->n + 16;
	v->lead_first = ar_xmalloc((v->n + 1) * sizeof *v->lead_first);
	v->lead_ids = ar_xmalloc(cap * sizeof *v->lead_ids);
	for (size_t i = 0; i < v->n; i++) {
		if (i + 2 * PREFETCH_AHEAD < v->n)
			PREFETCH(t->items[i + 2 * PREFETCH_AHEAD]);
		if (i + PREFETCH_AHEAD < v->n && t->items[i + PREFETCH_AHEAD]->lead_count)
			PREFETCH(t->items[i + PREFETCH_AHEAD]->leads);
		if (i + PREFETCH_AHEAD / 2 < v->n && t->items[i + PREFETCH_AHEAD / 2]->lead_count)
			PREFETCH(t->items[i + PREFETCH_AHEAD / 2]->leads[0]);
		const struct ar_item *item = t->items[i];
		v->lead_first[i] = (uint32_t)k;
		for (size_t l = 0; l < item->lead_count; l++) {
			AR_GROW(v->lead_ids, cap, k + 1, 64);
			v->lead_ids[k++] = intern(&names, item->leads[l] ? item->leads[l] : "");
		}
	}
	v->lead_first[v->n] = (uint32_t)k;
	v->lead_names = names.names;
	v->lead_name_count = names.count;
	names.names = NULL;
	interner_free(&names);
	v->leads_built = true;
}

/* ---- searching ---- */

static uint32_t *all_positions(size_t n)
{
	uint32_t *p = ar_xmalloc((n ? n : 1) * sizeof *p);
	for (size_t i = 0; i < n; i++)
		p[i] = (uint32_t)i;
	return p;
}

struct scan_shared {
	const struct ar_view *view;
	const struct ar_query_step *step;
	bool enums_only;                     /* the query needs only the packed enums */
	bool enum_answer[64];                /* then its answer for each packed byte */
	int response_days;                   /* the tracker's, for is:response-overdue */
	const uint32_t *in;                  /* candidate positions */
	const struct ar_match_place *in_places; /* where the wider query's tracked term matched them, or NULL */
	size_t n;
	uint32_t *out;                       /* chunk c's matches start at out + c * chunk */
	struct ar_match_place *out_places;   /* parallel to out, or NULL */
	size_t *chunk_counts;
	size_t chunk;
	size_t chunks;
	atomic_size_t next;
};

static void scan_chunk(struct scan_shared *s, size_t c)
{
	const struct ar_view *v = s->view;
	struct ar_item *const *items = v->tracker->items;
	size_t begin = c * s->chunk, end = begin + s->chunk < s->n ? begin + s->chunk : s->n;
	uint32_t *out = s->out + begin;
	struct ar_match_place *out_places = s->out_places ? s->out_places + begin : NULL;
	size_t k = 0;
	if (s->enums_only) {
		/* status:, kind:, response: from the packed bytes: no item read. */
		for (size_t i = begin; i < end; i++) {
			uint32_t pos = s->in[i];
			if (s->enum_answer[v->enums[pos] & 63])
				out[k++] = pos;
		}
		s->chunk_counts[c] = k;
		return;
	}
	/* Whether the step reads the items coming up, asked once per item. */
	enum { RING = 4 * PREFETCH_AHEAD };
	bool needs[RING];
	for (size_t j = begin; j < end && j < begin + 2 * PREFETCH_AHEAD; j++)
		needs[j % RING] = ar_query_step_needs_item(s->step, s->in_places ? &s->in_places[j] : NULL);
	for (size_t i = begin; i < end; i++) {
		/* In stages, for items the step will read: the item itself far
		 * ahead, then, once it is likely in the cache, its strings. */
		size_t far = i + 2 * PREFETCH_AHEAD;
		if (far < end) {
			needs[far % RING] = ar_query_step_needs_item(s->step, s->in_places ? &s->in_places[far] : NULL);
			if (needs[far % RING])
				PREFETCH(items[s->in[far]]);
		}
		for (int stage = 0; stage < 2; stage++) {
			size_t j = i + PREFETCH_AHEAD / (size_t)(stage + 1);
			if (j < end && needs[j % RING])
				ar_query_step_prefetch(s->step, items[s->in[j]], v->meeting_of[s->in[j]],
				                       s->in_places ? &s->in_places[j] : NULL, stage);
		}
		uint32_t pos = s->in[i];
		struct ar_match_place place;
		if (ar_query_step_matches(s->step, items[pos], v->meeting_of[pos], v->today, s->response_days,
		                          s->in_places ? &s->in_places[i] : NULL, &place)) {
			if (out_places)
				out_places[k] = place;
			out[k++] = pos;
		}
	}
	s->chunk_counts[c] = k;
}

static void *scan_worker(void *arg)
{
	struct scan_shared *s = arg;
	for (;;) {
		size_t c = atomic_fetch_add(&s->next, 1);
		if (c >= s->chunks)
			return NULL;
		scan_chunk(s, c);
	}
}

static int thread_count(void)
{
	static atomic_int cached;
	int n = atomic_load(&cached);
	if (n == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		n = cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (int)cpus;
		atomic_store(&cached, n);
	}
	return n;
}

/* Fill slot c with the candidates (from the wider result `from`, or every
 * item) that match c's query.  A long scan is cut into chunks taken by
 * every core in turn, so uneven items even out. */
static void scan(const struct ar_view *v, struct cached_result *c, const struct cached_result *from)
{
	size_t n = from ? from->count : v->n;
	uint32_t *all = from ? NULL : all_positions(n);
	struct ar_query_step *step = ar_query_step_new(c->query, from ? from->query : NULL);
	struct scan_shared s = {
		.view = v, .step = step, .enums_only = ar_query_uses_only_enums(c->query),
		.in = from ? from->positions : all, .n = n,
		.in_places = from ? from->places : NULL, .response_days = ar_tracker_response_days(v->tracker),
	};
	for (unsigned e = 0; s.enums_only && e < 64; e++)
		s.enum_answer[e] = ar_query_matches_enums(c->query, (enum ar_kind)ENUM_KIND(e),
		                                          (enum ar_item_status)ENUM_STATUS(e),
		                                          (enum ar_response)ENUM_RESPONSE(e));
	s.out = ar_xmalloc((n ? n : 1) * sizeof *s.out);
	if (ar_query_step_tracks(step))
		s.out_places = ar_xmalloc((n ? n : 1) * sizeof *s.out_places);
	int threads = n >= PARALLEL_MIN_ITEMS && ar_query_reads_text(c->query) ? thread_count() : 1;
	s.chunk = threads > 1 ? n / ((size_t)threads * 16) + 1 : (n ? n : 1);
	s.chunks = (n + s.chunk - 1) / s.chunk;
	s.chunk_counts = ar_xcalloc(s.chunks ? s.chunks : 1, sizeof *s.chunk_counts);
	atomic_init(&s.next, 0);
	pthread_t tids[MAX_THREADS];
	int started = 0;
	for (int i = 1; i < threads; i++)
		if (pthread_create(&tids[started], NULL, scan_worker, &s) == 0)
			started++;
	scan_worker(&s);
	for (int i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	size_t k = 0;
	for (size_t ch = 0; ch < s.chunks; ch++) {
		memmove(s.out + k, s.out + ch * s.chunk, s.chunk_counts[ch] * sizeof *s.out);
		if (s.out_places)
			memmove(s.out_places + k, s.out_places + ch * s.chunk, s.chunk_counts[ch] * sizeof *s.out_places);
		k += s.chunk_counts[ch];
	}
	free(s.chunk_counts);
	free(all);
	ar_query_step_free(step);
	free(c->positions);
	free(c->places);
	c->positions = s.out;
	c->places = s.out_places;
	c->count = k;
}

/* Fill slot's positions by scanning the smallest kept result that the
 * slot's query implies (of equal ones, one that knows where its word
 * matched: "h" matches every item, yet "he" resumes from it), or every item. */
static void compute_slot(struct ar_view *v, int slot)
{
	struct cached_result *c = &v->cache[slot];
	const struct cached_result *base = NULL;
	for (int i = 0; i < VIEW_CACHE_SIZE; i++) {
		const struct cached_result *e = &v->cache[i];
		if (i == slot || !e->query || !e->positions)
			continue;
		if (base && (e->count > base->count || (e->count == base->count && (base->places || !e->places))))
			continue;
		if (ar_query_implies(c->query, e->query))
			base = e;
	}
	if (ar_query_is_empty(c->query)) {
		free(c->positions);
		free(c->places);
		c->positions = all_positions(v->n);
		c->places = NULL;
		c->count = v->n;
		return;
	}
	scan(v, c, base);
}

static void invalidate_result(struct ar_view *v)
{
	v->rows_valid = v->row_of_valid = v->counts_valid = false;
}

void ar_view_refresh(struct ar_view *view)
{
	const struct ar_tracker *t = view->tracker;
	if (view->built && view->generation == t->generation && view->n == t->item_count)
		return;
	facts_free(view);
	for (int i = 0; i < VIEW_CACHE_SIZE; i++)
		if (i != view->current)
			cache_slot_clear(&view->cache[i]);
	facts_build(view);
	view->built = true;
	view->generation = t->generation;
	compute_slot(view, view->current);
	invalidate_result(view);
}

struct ar_view *ar_view_new(const struct ar_tracker *tracker, ar_date today)
{
	struct ar_view *v = ar_xcalloc(1, sizeof *v);
	struct ar_error err;
	v->tracker = tracker;
	v->today = today;
	v->meeting = AR_VIEW_ALL_MEETINGS;
	v->sort_key = AR_SORT_ID;
	v->query_text = ar_xstrdup("");
	v->current = 0;
	ar_query_parse("", &v->cache[0].query, &err);
	return v;
}

void ar_view_free(struct ar_view *view)
{
	if (!view)
		return;
	facts_free(view);
	for (int i = 0; i < VIEW_CACHE_SIZE; i++)
		cache_slot_clear(&view->cache[i]);
	free(view->query_text);
	free(view);
}

enum ar_rc ar_view_set_query(struct ar_view *view, const char *text, struct ar_error *err)
{
	struct ar_query *q;
	enum ar_rc rc = ar_query_parse(text, &q, err);
	if (rc != AR_OK)
		return rc;
	ar_view_refresh(view);
	free(view->query_text);
	view->query_text = ar_xstrdup(text ? text : "");
	const char *key = ar_query_text(q);
	int slot = -1;
	for (int i = 0; i < VIEW_CACHE_SIZE && slot < 0; i++)
		if (view->cache[i].query && view->cache[i].positions && strcmp(ar_query_text(view->cache[i].query), key) == 0)
			slot = i;
	if (slot >= 0) {
		ar_query_free(q);
	} else {
		/* An empty slot, else the least recently used one not in force. */
		for (int i = 0; i < VIEW_CACHE_SIZE; i++) {
			if (i == view->current)
				continue;
			if (!view->cache[i].query) {
				slot = i;
				break;
			}
			if (slot < 0 || view->cache[i].used < view->cache[slot].used)
				slot = i;
		}
		cache_slot_clear(&view->cache[slot]);
		view->cache[slot].query = q;
		compute_slot(view, slot);
	}
	view->cache[slot].used = ++view->clock;
	if (slot != view->current) {
		view->current = slot;
		invalidate_result(view);
	}
	return AR_OK;
}

const char *ar_view_query(const struct ar_view *view)
{
	return view->query_text;
}

const struct ar_query *ar_view_parsed_query(const struct ar_view *view)
{
	return view->cache[view->current].query;
}

void ar_view_set_sort(struct ar_view *view, enum ar_sort_key key, bool descending)
{
	if ((int)key < 0 || key >= AR_SORT_COUNT)
		key = AR_SORT_ID;
	if (key != view->sort_key || descending != view->descending) {
		view->sort_key = key;
		view->descending = descending;
		view->rows_valid = view->row_of_valid = false;
	}
}

ar_date ar_view_meeting(const struct ar_view *view)
{
	return view->meeting;
}

enum ar_sort_key ar_view_sort_key(const struct ar_view *view, bool *descending)
{
	if (descending)
		*descending = view->descending;
	return view->sort_key;
}

void ar_view_set_meeting(struct ar_view *view, ar_date meeting)
{
	if (meeting != view->meeting) {
		view->meeting = meeting;
		view->rows_valid = view->row_of_valid = false;
	}
}

/* ---- sorting ---- */

struct sort_entry {
	uint64_t key;           /* the value; for text, its rank among the distinct values */
	long id;
	uint32_t position;
	bool missing;           /* no value: sorts last either way */
};

static int sort_entry_cmp(const struct sort_entry *a, const struct sort_entry *b, bool descending)
{
	if (a->missing != b->missing)
		return a->missing ? 1 : -1;
	int c = (a->key > b->key) - (a->key < b->key);
	if (descending)
		c = -c;
	if (c == 0)
		c = (a->id > b->id) - (a->id < b->id);
	return c;
}

/* A stable merge sort (qsort has no context argument in C11). */
static void merge_sort(struct sort_entry *a, struct sort_entry *tmp, size_t n, bool descending)
{
	if (n < 2)
		return;
	if (n <= 12) {
		for (size_t i = 1; i < n; i++) {
			struct sort_entry e = a[i];
			size_t j = i;
			while (j > 0 && sort_entry_cmp(&a[j - 1], &e, descending) > 0) {
				a[j] = a[j - 1];
				j--;
			}
			a[j] = e;
		}
		return;
	}
	size_t h = n / 2;
	merge_sort(a, tmp, h, descending);
	merge_sort(a + h, tmp, n - h, descending);
	if (sort_entry_cmp(&a[h - 1], &a[h], descending) <= 0)
		return;
	memcpy(tmp, a, h * sizeof *a);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		a[k++] = sort_entry_cmp(&a[j], &tmp[i], descending) < 0 ? a[j++] : tmp[i++];
	while (i < h)
		a[k++] = tmp[i++];
}

static int fold_compare_names(const void *a, const void *b)
{
	return ar_fold_compare(*(const char *const *)a, *(const char *const *)b);
}

/* Text keys sort by rank: the distinct values (a tracker has tens of topics
 * and leads, not thousands) are ordered once, and the items by number.
 * Values equal but for case share a rank. */
static void rank_texts(struct sort_entry *e, const char *const *texts, size_t n)
{
	struct interner in = {0};
	uint32_t *number = ar_xmalloc((n ? n : 1) * sizeof *number);
	for (size_t i = 0; i < n; i++)
		if (texts[i])
			number[i] = intern(&in, texts[i]);
	const char **sorted = ar_xmalloc((in.count ? in.count : 1) * sizeof *sorted);
	memcpy(sorted, in.names, in.count * sizeof *sorted);
	qsort(sorted, in.count, sizeof *sorted, fold_compare_names);
	uint32_t *rank = ar_xmalloc((in.count ? in.count : 1) * sizeof *rank);
	uint32_t r = 0;
	for (size_t i = 0; i < in.count; i++) {
		if (i > 0 && ar_fold_compare(sorted[i - 1], sorted[i]) != 0)
			r++;
		rank[intern(&in, sorted[i])] = r;
	}
	for (size_t i = 0; i < n; i++) {
		e[i].missing = !texts[i];
		e[i].key = texts[i] ? rank[number[i]] : 0;
	}
	free(rank);
	free(sorted);
	free(number);
	interner_free(&in);
}

static uint64_t date_key(ar_date d)
{
	/* A month-precision due date sorts as its last day, as it compares. */
	return (uint64_t)ar_date_month_end(d);
}

static const uint32_t *sorted_order(struct ar_view *v)
{
	uint32_t **slot = &v->order[v->sort_key][v->descending];
	if (*slot)
		return *slot;
	size_t n = v->n;
	struct sort_entry *e = ar_xcalloc(n ? n : 1, sizeof *e);
	const char **texts = ar_xcalloc(n ? n : 1, sizeof *texts);
	for (size_t i = 0; i < n; i++) {
		if (i + PREFETCH_AHEAD < n)
			PREFETCH(v->tracker->items[i + PREFETCH_AHEAD]);
		const struct ar_item *item = v->tracker->items[i];
		struct sort_entry *x = &e[i];
		x->id = item->id;
		x->position = (uint32_t)i;
		switch (v->sort_key) {
		case AR_SORT_ID:
			x->key = (uint64_t)item->id;
			break;
		case AR_SORT_MEETING:
			x->key = (uint64_t)item->meeting;
			x->missing = item->meeting == AR_DATE_NONE;
			break;
		case AR_SORT_STATUS:
			x->key = item->status;
			break;
		case AR_SORT_RESPONSE:
			x->key = item->response;
			x->missing = item->response == AR_RESPONSE_NONE;
			break;
		case AR_SORT_DUE:
			x->key = date_key(item->due);
			x->missing = item->due == AR_DATE_NONE;
			break;
		case AR_SORT_UPDATED: {
			ar_date u = ar_item_updated(item);
			x->key = (uint64_t)u;
			x->missing = u == AR_DATE_NONE;
			break;
		}
		case AR_SORT_LEAD:
			texts[i] = item->lead_count ? item->leads[0] : NULL;
			break;
		case AR_SORT_TOPIC:
			texts[i] = item->topic;
			break;
		case AR_SORT_COUNT:
			break;
		}
		if (texts[i] && !texts[i][0])
			texts[i] = NULL;
	}
	if (v->sort_key == AR_SORT_LEAD || v->sort_key == AR_SORT_TOPIC)
		rank_texts(e, texts, n);
	free(texts);
	struct sort_entry *tmp = ar_xmalloc((n / 2 + 1) * sizeof *tmp);
	merge_sort(e, tmp, n, v->descending);
	free(tmp);
	uint32_t *order = ar_xmalloc((n ? n : 1) * sizeof *order);
	for (size_t i = 0; i < n; i++)
		order[i] = e[i].position;
	free(e);
	return *slot = order;
}

static void build_rows(struct ar_view *v)
{
	ar_view_refresh(v);
	if (v->rows_valid)
		return;
	const struct cached_result *c = &v->cache[v->current];
	size_t n = v->n;
	free(v->rows);
	v->rows = ar_xmalloc((c->count ? c->count : 1) * sizeof *v->rows);
	v->row_count = 0;
	memset(v->flags, 0, n);
	for (size_t i = 0; i < c->count; i++)
		v->flags[c->positions[i]] = 1;
	const uint32_t *order = sorted_order(v);
	/* The restriction as a meeting number: -1 for "no meeting", -2 for a
	 * date that is no meeting's (nothing shows). */
	int32_t only = -1;
	if (v->meeting != AR_VIEW_NO_MEETING) {
		only = -2;
		for (size_t m = 0; m < v->tracker->meeting_count; m++)
			if (v->tracker->meetings[m].date == v->meeting)
				only = (int32_t)m;
	}
	bool all = v->meeting == AR_VIEW_ALL_MEETINGS;
	for (size_t i = 0; i < n; i++) {
		uint32_t pos = order[i];
		if (v->flags[pos] && (all || v->meeting_index[pos] == only))
			v->rows[v->row_count++] = pos;
	}
	v->rows_valid = true;
	v->row_of_valid = false;
	v->rows_built++;
}

/* ---- accessors ---- */

size_t ar_view_count(struct ar_view *view)
{
	build_rows(view);
	return view->row_count;
}

size_t ar_view_total(struct ar_view *view)
{
	ar_view_refresh(view);
	return view->n;
}

long ar_view_id(struct ar_view *view, size_t row)
{
	const struct ar_item *item = ar_view_item(view, row);
	return item ? item->id : 0;
}

const struct ar_item *ar_view_item(struct ar_view *view, size_t row)
{
	build_rows(view);
	if (row >= view->row_count)
		return NULL;
	return view->tracker->items[view->rows[row]];
}

long ar_view_row_of(struct ar_view *view, long id)
{
	build_rows(view);
	long pos = ar_tracker_find_index(view->tracker, id);
	if (pos < 0)
		return -1;
	if (!view->row_of_valid) {
		free(view->row_of_position);
		view->row_of_position = ar_xmalloc((view->n ? view->n : 1) * sizeof *view->row_of_position);
		memset(view->row_of_position, 0xff, view->n * sizeof *view->row_of_position);
		for (size_t r = 0; r < view->row_count; r++)
			view->row_of_position[view->rows[r]] = (int32_t)r;
		view->row_of_valid = true;
	}
	return view->row_of_position[pos];
}

static int lead_count_cmp(const void *a, const void *b)
{
	const struct ar_lead_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	int c = ar_fold_compare(x->name, y->name);
	return c ? c : strcmp(x->name, y->name);
}

/* Count the items at positions[0..n) into k, replacing what it held. */
static void count_positions(struct ar_view *view, const uint32_t *positions, size_t n, struct ar_view_counts *k)
{
	const struct ar_tracker *t = view->tracker;
	free(k->per_meeting);
	free(k->per_lead);
	memset(k, 0, sizeof *k);
	k->per_meeting = ar_xcalloc(t->meeting_count ? t->meeting_count : 1, sizeof *k->per_meeting);
	if (!view->leads_built)
		leads_build(view);
	size_t *per_name = ar_xcalloc(view->lead_name_count ? view->lead_name_count : 1, sizeof *per_name);
	int response_days = ar_tracker_response_days(t);
	k->matching = n;
	for (size_t i = 0; i < n; i++) {
		uint32_t pos = positions[i];
		uint8_t e = view->enums[pos];
		if (view->meeting_index[pos] >= 0)
			k->per_meeting[view->meeting_index[pos]]++;
		else
			k->no_meeting++;
		k->per_status[ENUM_STATUS(e)]++;
		k->per_response[ENUM_RESPONSE(e)]++;
		k->per_kind[ENUM_KIND(e)]++;
		k->per_rag[ENUM_RAG(e)]++;
		if (ENUM_KIND(e) == AR_KIND_RECOMMENDATION && ENUM_RESPONSE(e) == AR_RESPONSE_PENDING) {
			k->awaiting_response++;
			if (ar_item_is_response_overdue(t->items[pos], response_days, view->today))
				k->response_overdue++;
		}
		uint32_t first = view->lead_first[pos], end = view->lead_first[pos + 1];
		for (uint32_t l = first; l < end; l++) {
			bool again = false; /* a name given twice in one item counts once */
			for (uint32_t j = first; j < l && !again; j++)
				again = view->lead_ids[j] == view->lead_ids[l];
			if (!again)
				per_name[view->lead_ids[l]]++;
		}
	}
	for (size_t i = 0; i < view->lead_name_count; i++)
		if (per_name[i])
			k->lead_count++;
	k->per_lead = ar_xmalloc((k->lead_count ? k->lead_count : 1) * sizeof *k->per_lead);
	size_t j = 0;
	for (size_t i = 0; i < view->lead_name_count; i++)
		if (per_name[i])
			k->per_lead[j++] = (struct ar_lead_count){view->lead_names[i], per_name[i]};
	qsort(k->per_lead, k->lead_count, sizeof *k->per_lead, lead_count_cmp);
	free(per_name);
}

const struct ar_view_counts *ar_view_counts(struct ar_view *view)
{
	ar_view_refresh(view);
	if (!view->counts_valid) {
		const struct cached_result *c = &view->cache[view->current];
		count_positions(view, c->positions, c->count, &view->counts);
		view->counts_valid = true;
	}
	return &view->counts;
}

const struct ar_view_counts *ar_view_shown_counts(struct ar_view *view)
{
	build_rows(view);
	if (view->shown_counted != view->rows_built) {
		count_positions(view, view->rows, view->row_count, &view->shown_counts);
		view->shown_counted = view->rows_built;
	}
	return &view->shown_counts;
}
