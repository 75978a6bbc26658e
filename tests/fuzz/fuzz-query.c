/* fuzz-query.c - libFuzzer target for the query language (query.h) and
 * the views that filter by it (view.h).
 *
 * The input, up to its first NUL, is a query.  Invariants, against the
 * eight-item sample tracker of the unit tests (tests/unit/query-fixture.c):
 * - a query that parses: a view shows exactly the items ar_query_matches
 *   accepts, under every sort and meeting restriction, and its counts add
 *   up; one that does not: a message and a column inside the text;
 * - typed one character at a time into one view (the incremental path,
 *   where each step narrows the last result) and then deleted one character
 *   at a time (the cached path), the view shows at every step what matching
 *   every item against the last query that parsed shows, and at the end
 *   what a fresh view shows;
 * - when one query implies another, its matches are among the other's.
 */
#include "config.h"

#include "fuzz.h"

#include <stdbool.h>
#include <string.h>

#include "artrack/alloc.h"
#include "artrack/query.h"
#include "artrack/view.h"
#include "query-fixture.h"

/* Texts longer than this are typed with a check at the end only (each
 * step parses the whole prefix again). */
#define CHECK_EVERY_STEP_MAX 128
/* Texts longer than this are not typed at all. */
#define TYPE_MAX 2048

static const struct ar_tracker *sample(void)
{
	static struct ar_tracker *tracker;
	if (!tracker)
		tracker = sample_tracker();
	return tracker;
}

static size_t characters(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Bit i: the tracker's item i matches query. */
static unsigned match_set(const struct ar_query *query)
{
	const struct ar_tracker *t = sample();
	unsigned set = 0;
	for (size_t i = 0; i < t->item_count; i++)
		if (ar_query_matches(query, t, t->items[i], SAMPLE_TODAY))
			set |= 1u << i;
	return set;
}

/* The view (with query in force) agrees with ar_query_matches, whatever
 * the sort and the meeting restriction. */
static void check_view(struct ar_view *view, const char *text)
{
	const struct ar_tracker *t = sample();
	char *want = matching_ids(t, text, SAMPLE_TODAY);
	char *got = view_ids(view);
	FUZZ_CHECK(strcmp(got, want) == 0, "query '%s': the view shows %s, ar_query_matches %s", text, got, want);
	size_t count = ar_view_count(view);
	const struct ar_view_counts *c = ar_view_counts(view);
	FUZZ_CHECK(c->matching == count, "query '%s': counts say %zu, the view shows %zu", text, c->matching, count);
	size_t by_status = 0, by_kind = 0, by_meeting = c->no_meeting, by_response = 0;
	for (int i = 0; i < AR_STATUS_COUNT; i++)
		by_status += c->per_status[i];
	for (int i = 0; i < AR_KIND_COUNT; i++)
		by_kind += c->per_kind[i];
	for (int i = 0; i < AR_RESPONSE_COUNT; i++)
		by_response += c->per_response[i];
	for (size_t i = 0; i < t->meeting_count; i++)
		by_meeting += c->per_meeting[i];
	FUZZ_CHECK(by_status == count && by_kind == count && by_meeting == count && by_response == count,
	           "query '%s': %zu shown, by status %zu, kind %zu, meeting %zu, response %zu", text, count,
	           by_status, by_kind, by_meeting, by_response);

	for (int key = 0; key < AR_SORT_COUNT; key++) {
		for (int desc = 0; desc < 2; desc++) {
			ar_view_set_sort(view, (enum ar_sort_key)key, desc);
			FUZZ_CHECK(ar_view_count(view) == count, "query '%s' sorted by %s: %zu rows, not %zu", text,
			           ar_sort_key_names[key], ar_view_count(view), count);
			for (size_t r = 0; r < count; r++) {
				long id = ar_view_id(view, r);
				FUZZ_CHECK(ar_view_row_of(view, id) == (long)r, "query '%s' sorted by %s: id %ld not at row %zu",
				           text, ar_sort_key_names[key], id, r);
				const struct ar_item *item = ar_view_item(view, r);
				FUZZ_CHECK(item && item->id == id, "query '%s': row %zu's item is not id %ld", text, r, id);
			}
		}
	}
	ar_view_set_sort(view, AR_SORT_ID, false);
	for (size_t m = 0; m < t->meeting_count; m++) {
		ar_view_set_meeting(view, t->meetings[m].date);
		FUZZ_CHECK(ar_view_count(view) == c->per_meeting[m], "query '%s', meeting %zu: %zu rows, counted %zu", text,
		           m, ar_view_count(view), c->per_meeting[m]);
	}
	ar_view_set_meeting(view, AR_VIEW_NO_MEETING);
	FUZZ_CHECK(ar_view_count(view) == c->no_meeting, "query '%s', no meeting: %zu rows, counted %zu", text,
	           ar_view_count(view), c->no_meeting);
	ar_view_set_meeting(view, AR_VIEW_ALL_MEETINGS);
	free(got);
	free(want);
}

/* The ids of the sample's items in set, as view_ids writes them. */
static char *set_ids(unsigned set)
{
	const struct ar_tracker *t = sample();
	struct ar_buf b = {0};
	ar_buf_adds(&b, "");
	for (size_t i = 0; i < t->item_count; i++)
		if (set & 1u << i)
			ar_buf_addf(&b, b.len ? ",%ld" : "%ld", t->items[i]->id);
	return ar_buf_steal(&b, NULL);
}

/* What typing into one view has reached: the last text that parsed, and
 * (unless steps went unchecked since) its query. */
struct typed {
	char *text;
	struct ar_query *query;
};

/* Set text[0..len) as the view's query; on success it becomes the typed
 * text.  With check: when the query implies the one typed before, its
 * matches are among that one's, and the view shows what ar_query_matches
 * gives for the typed query. */
static void type_step(struct ar_view *view, const char *text, size_t len, struct typed *typed, bool check)
{
	char *prefix = ar_xstrndup(text, len);
	struct ar_error err;
	if (ar_view_set_query(view, prefix, &err) != AR_OK) {
		free(prefix);
	} else {
		struct ar_query *now = NULL;
		if (check) {
			FUZZ_CHECK(ar_query_parse(prefix, &now, &err) == AR_OK, "'%s' set but does not parse", prefix);
			if (typed->query && ar_query_implies(now, typed->query)) {
				unsigned a = match_set(now), b = match_set(typed->query);
				FUZZ_CHECK((a & ~b) == 0, "'%s' implies '%s' but matches items it does not (%#x, %#x)", prefix,
				           typed->text, a, b);
			}
		}
		ar_query_free(typed->query);
		free(typed->text);
		typed->query = now;
		typed->text = prefix;
	}
	if (check) {
		FUZZ_CHECK(strcmp(ar_view_query(view), typed->text) == 0, "the view's query is '%s', not '%s'",
		           ar_view_query(view), typed->text);
		char *want = typed->query ? set_ids(match_set(typed->query)) : matching_ids(sample(), typed->text, SAMPLE_TODAY);
		char *got = view_ids(view);
		FUZZ_CHECK(strcmp(got, want) == 0, "typed '%s': the view shows %s, ar_query_matches %s", typed->text, got,
		           want);
		free(got);
		free(want);
	}
}

static void type_and_delete(const char *text, size_t len)
{
	bool every = len <= CHECK_EVERY_STEP_MAX;
	struct ar_view *view = ar_view_new(sample(), SAMPLE_TODAY);
	struct typed typed = {ar_xstrdup(""), NULL};
	ar_query_parse("", &typed.query, NULL);
	size_t i = 0;
	while (i < len) {
		i++;
		while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
		type_step(view, text, i, &typed, every);
	}
	/* The end of typing against a fresh view of the same text. */
	struct ar_view *fresh = ar_view_new(sample(), SAMPLE_TODAY);
	struct ar_error err;
	FUZZ_CHECK(ar_view_set_query(fresh, typed.text, &err) == AR_OK, "'%s' no longer parses: %s", typed.text,
	           err.message);
	char *typed_ids = view_ids(view), *fresh_ids = view_ids(fresh);
	FUZZ_CHECK(strcmp(typed_ids, fresh_ids) == 0, "typed '%s' shows %s, a fresh view %s", typed.text, typed_ids,
	           fresh_ids);
	free(typed_ids);
	free(fresh_ids);
	ar_view_free(fresh);
	/* Deleting back to nothing, one character at a time. */
	while (i > 0) {
		i--;
		while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
			i--;
		type_step(view, text, i, &typed, every || i == 0);
	}
	free(typed.text);
	ar_query_free(typed.query);
	ar_view_free(view);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = ar_xstrndup((const char *)data, size);
	size_t len = strlen(text);
	struct ar_query *query = NULL;
	struct ar_error err;
	memset(&err, 0x5a, sizeof err);
	enum ar_rc rc = ar_query_parse(text, &query, &err);
	if (rc == AR_OK) {
		FUZZ_CHECK(query != NULL, "AR_OK without a query");
		/* Equal texts mean equal queries: the canonical text parses to itself. */
		struct ar_query *again = NULL;
		const char *canon = ar_query_text(query);
		FUZZ_CHECK(ar_query_parse(canon, &again, &err) == AR_OK, "canonical '%s' of '%s' does not parse: %s", canon,
		           text, err.message);
		FUZZ_CHECK(strcmp(ar_query_text(again), canon) == 0, "canonical '%s' parses to '%s'", canon,
		           ar_query_text(again));
		FUZZ_CHECK(match_set(again) == match_set(query), "'%s' and its canonical '%s' match differently", text,
		           canon);
		FUZZ_CHECK(ar_query_implies(query, query), "'%s' does not imply itself", text);
		if (ar_query_uses_only_enums(query)) {
			const struct ar_tracker *t = sample();
			for (size_t i = 0; i < t->item_count; i++) {
				const struct ar_item *item = t->items[i];
				FUZZ_CHECK(ar_query_matches_enums(query, item->kind, item->status, item->response) ==
				               ar_query_matches(query, t, item, SAMPLE_TODAY),
				           "'%s': item %ld by its enums alone matches otherwise", text, item->id);
			}
		}
		ar_query_free(again);

		struct ar_view *view = ar_view_new(sample(), SAMPLE_TODAY);
		FUZZ_CHECK(ar_view_set_query(view, text, &err) == AR_OK, "the view refuses '%s': %s", text, err.message);
		check_view(view, text);
		ar_view_free(view);
	} else {
		FUZZ_CHECK(rc == AR_EUSAGE, "rc %d", (int)rc);
		FUZZ_CHECK(query == NULL, "a query with a failure");
		FUZZ_CHECK(memchr(err.message, '\0', sizeof err.message) != NULL, "message not terminated");
		FUZZ_CHECK(err.message[0] != '\0', "'%s' failed without a message", text);
		size_t chars = characters(text, len);
		FUZZ_CHECK(err.column >= 1 && (size_t)err.column <= chars + 1, "'%s' (%zu characters): column %d: %s", text,
		           chars, err.column, err.message);
	}
	ar_query_free(query);
	if (len <= TYPE_MAX)
		type_and_delete(text, len);
	free(text);
	return 0;
}
