/* test-view.c - views: sorting, meeting restriction, counts, selection by
 * id, rebuilding after edits, and incremental narrowing. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/alloc.h"
#include "artrack/query.h"
#include "artrack/view.h"
#include "artrack/yamlio.h"
#include "query-fixture.h"

static void assert_rows(struct ar_view *view, const char *want)
{
	char *got = view_ids(view);
	if (strcmp(got, want) != 0)
		fail_msg("view [%s] sorted by %s: got [%s], want [%s]", ar_view_query(view),
		         ar_sort_key_names[ar_view_sort_key(view, NULL)], got, want);
	free(got);
}

static void test_sort_orders(void **state)
{
	static const struct {
		enum ar_sort_key key;
		const char *ascending, *descending;
	} cases[] = {
		{AR_SORT_ID, "1,2,3,4,5,6,7,12", "12,7,6,5,4,3,2,1"},
		/* Items without the value come last either way; ties go by id. */
		{AR_SORT_MEETING, "2,12,3,4,5,6,7,1", "5,6,7,3,4,2,12,1"},
		{AR_SORT_STATUS, "3,5,7,2,6,1,4,12", "4,12,1,2,6,3,5,7"},
		{AR_SORT_RESPONSE, "7,2,5,3,12,1,4,6", "12,3,5,2,7,1,4,6"},
		/* 2023-05 sorts as 2023-05-31, after 2023-01-01 and before 2023-06-30. */
		{AR_SORT_DUE, "1,4,3,12,5,7,2,6", "2,7,5,12,3,4,1,6"},
		{AR_SORT_UPDATED, "12,1,5,2,3,4,6,7", "2,5,1,12,3,4,6,7"},
		{AR_SORT_LEAD, "3,5,2,12,7,1,4,6", "4,1,7,2,12,3,5,6"},
		/* Case ignored: "Café" < "Dentistry"; no topic last. */
		{AR_SORT_TOPIC, "4,1,3,7,2,12,5,6", "5,2,12,7,3,1,4,6"},
	};
	struct ar_tracker *t = sample_tracker();
	struct ar_view *v = ar_view_new(t, SAMPLE_TODAY);
	assert_rows(v, "1,2,3,4,5,6,7,12");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bool desc = true;
		ar_view_set_sort(v, cases[i].key, false);
		assert_int_equal(ar_view_sort_key(v, &desc), cases[i].key);
		assert_false(desc);
		assert_rows(v, cases[i].ascending);
		ar_view_set_sort(v, cases[i].key, true);
		assert_rows(v, cases[i].descending);
	}
	/* A sort applies to a filtered list too. */
	struct ar_error err;
	assert_int_equal(ar_view_set_query(v, "kind:rec", &err), AR_OK);
	ar_view_set_sort(v, AR_SORT_DUE, false);
	assert_rows(v, "3,12,5,7,2");
	ar_view_free(v);
	ar_tracker_free(t);
}

static void test_sort_parse(void **state)
{
	enum ar_sort_key key;
	bool desc;
	struct ar_error err;
	assert_int_equal(ar_sort_parse("due", &key, &desc, &err), AR_OK);
	assert_int_equal(key, AR_SORT_DUE);
	assert_false(desc);
	assert_int_equal(ar_sort_parse("-updated", &key, &desc, &err), AR_OK);
	assert_int_equal(key, AR_SORT_UPDATED);
	assert_true(desc);
	assert_int_equal(ar_sort_parse("t", &key, &desc, &err), AR_OK);
	assert_int_equal(key, AR_SORT_TOPIC);
	assert_int_equal(ar_sort_parse("ID", &key, &desc, &err), AR_OK);
	assert_int_equal(key, AR_SORT_ID);
	assert_int_equal(ar_sort_parse("bogus", &key, &desc, &err), AR_EUSAGE);
	assert_string_equal(err.message, "sort key 'bogus' is not one of id, meeting, status, response, due, "
	                                 "updated, lead, topic (-KEY for descending)");
	assert_int_equal(ar_sort_parse("", &key, &desc, &err), AR_EUSAGE);
	assert_int_equal(ar_sort_parse("-", &key, &desc, &err), AR_EUSAGE);
}

static void test_meetings_and_counts(void **state)
{
	struct ar_tracker *t = sample_tracker();
	struct ar_view *v = ar_view_new(t, SAMPLE_TODAY);
	assert_int_equal(ar_view_total(v), 8);
	const struct ar_view_counts *c = ar_view_counts(v);
	assert_int_equal(c->matching, 8);
	assert_int_equal(c->per_meeting[0], 2);
	assert_int_equal(c->per_meeting[1], 2);
	assert_int_equal(c->per_meeting[2], 3);
	assert_int_equal(c->no_meeting, 1);
	assert_int_equal(c->per_status[AR_STATUS_OPEN], 3);
	assert_int_equal(c->per_status[AR_STATUS_IN_PROGRESS], 2);
	assert_int_equal(c->per_status[AR_STATUS_COMPLETED], 1);
	assert_int_equal(c->per_status[AR_STATUS_CLOSED], 2);
	assert_int_equal(c->per_response[AR_RESPONSE_NONE], 3);
	assert_int_equal(c->per_response[AR_RESPONSE_PENDING], 1);
	assert_int_equal(c->per_response[AR_RESPONSE_REJECTED], 1);
	assert_int_equal(c->per_kind[AR_KIND_ACTION], 3);
	assert_int_equal(c->per_kind[AR_KIND_RECOMMENDATION], 5);
	static const char *const leads[] = {"Derys Pragnell", "Julie Dandridge", "Ansaf Azhar", "Daniel Leveson",
	                                    "NHS England", "Omid Nouri", "Zo\xc3\xab B\xc3\xa9rub\xc3\xa9"};
	static const size_t lead_counts[] = {2, 2, 1, 1, 1, 1, 1};
	assert_int_equal(c->lead_count, 7);
	for (size_t i = 0; i < 7; i++) {
		assert_string_equal(c->per_lead[i].name, leads[i]);
		assert_int_equal(c->per_lead[i].count, lead_counts[i]);
	}

	/* The meeting restriction narrows the rows, not the counts. */
	ar_view_set_meeting(v, 20230921);
	assert_rows(v, "5,6,7");
	assert_int_equal(ar_view_counts(v)->matching, 8);
	ar_view_set_meeting(v, AR_VIEW_NO_MEETING);
	assert_rows(v, "1");
	ar_view_set_meeting(v, 20200101);
	assert_rows(v, "");
	assert_null(ar_view_item(v, 0));
	assert_int_equal(ar_view_id(v, 0), 0);

	struct ar_error err;
	ar_view_set_meeting(v, 20230921);
	assert_int_equal(ar_view_set_query(v, "lead:pragnell", &err), AR_OK);
	assert_rows(v, "5");
	c = ar_view_counts(v);
	assert_int_equal(c->matching, 2);
	assert_int_equal(c->per_meeting[0], 0);
	assert_int_equal(c->per_meeting[1], 1);
	assert_int_equal(c->per_meeting[2], 1);
	assert_int_equal(c->no_meeting, 0);
	assert_int_equal(c->lead_count, 2);
	assert_string_equal(c->per_lead[0].name, "Derys Pragnell");
	assert_int_equal(c->per_lead[0].count, 2);
	assert_string_equal(c->per_lead[1].name, "Ansaf Azhar");
	ar_view_set_meeting(v, AR_VIEW_ALL_MEETINGS);
	assert_rows(v, "3,5");
	assert_int_equal(ar_view_count(v), 2);
	assert_int_equal(ar_view_item(v, 1)->id, 5);
	ar_view_free(v);
	ar_tracker_free(t);
}

static void test_bad_query_keeps_previous(void **state)
{
	struct ar_tracker *t = sample_tracker();
	struct ar_view *v = ar_view_new(t, SAMPLE_TODAY);
	struct ar_error err;
	assert_string_equal(ar_view_query(v), "");
	assert_int_equal(ar_view_set_query(v, "status:open", &err), AR_OK);
	assert_rows(v, "3,5,7");
	assert_int_equal(ar_view_set_query(v, "status:bogus", &err), AR_EUSAGE);
	assert_string_equal(err.message, "status: 'bogus' is not one of open, in-progress, completed, closed");
	assert_int_equal(err.column, 8);
	assert_string_equal(ar_view_query(v), "status:open");
	assert_rows(v, "3,5,7");
	assert_int_equal(ar_view_set_query(v, "is:overdue", &err), AR_OK);
	assert_rows(v, "3,5");
	assert_int_equal(ar_view_set_query(v, NULL, &err), AR_OK);
	assert_string_equal(ar_view_query(v), "");
	assert_int_equal(ar_view_count(v), 8);
	ar_view_free(v);
	ar_tracker_free(t);
}

static void test_row_of(void **state)
{
	struct ar_tracker *t = sample_tracker();
	struct ar_view *v = ar_view_new(t, SAMPLE_TODAY);
	struct ar_error err;
	ar_view_set_sort(v, AR_SORT_DUE, false);
	assert_int_equal(ar_view_row_of(v, 1), 0);
	assert_int_equal(ar_view_row_of(v, 6), 7);
	assert_int_equal(ar_view_row_of(v, 12), 3);
	assert_int_equal(ar_view_row_of(v, 99), -1);
	assert_int_equal(ar_view_set_query(v, "kind:rec", &err), AR_OK);
	assert_int_equal(ar_view_row_of(v, 1), -1);
	assert_int_equal(ar_view_row_of(v, 12), 1);
	ar_view_set_sort(v, AR_SORT_ID, true);
	assert_int_equal(ar_view_row_of(v, 12), 0);
	ar_view_free(v);
	ar_tracker_free(t);
}

/* Edits bump the tracker's generation; the view sees them on its next use. */
static void test_rebuilds_after_edits(void **state)
{
	struct ar_tracker *t = sample_tracker();
	struct ar_view *v = ar_view_new(t, SAMPLE_TODAY);
	struct ar_error err;
	assert_int_equal(ar_view_set_query(v, "status:open", &err), AR_OK);
	assert_rows(v, "3,5,7");
	/* Earlier results were kept; they must not survive the edit. */
	assert_int_equal(ar_view_set_query(v, "status:open lead:der", &err), AR_OK);
	assert_rows(v, "3,5");

	long pos = ar_tracker_find_index(t, 3);
	struct ar_item *copy = ar_item_clone(t, t->items[pos]);
	copy->status = AR_STATUS_CLOSED;
	ar_tracker_replace_item(t, (size_t)pos, copy);
	assert_rows(v, "5");
	assert_int_equal(ar_view_set_query(v, "status:open", &err), AR_OK);
	assert_rows(v, "5,7");
	assert_int_equal(ar_view_counts(v)->per_status[AR_STATUS_CLOSED], 0);
	assert_int_equal(ar_view_set_query(v, "", &err), AR_OK);
	assert_int_equal(ar_view_counts(v)->per_status[AR_STATUS_CLOSED], 3);

	struct ar_item *fresh = ar_item_new(t, 20);
	ar_item_set_topic(t, fresh, "New topic");
	fresh->meeting = 20221124;
	const char *lead = "Derys Pragnell";
	ar_item_set_leads(t, fresh, &lead, 1);
	ar_tracker_insert_item(t, 0, fresh);
	assert_int_equal(ar_view_total(v), 9);
	assert_int_equal(ar_view_set_query(v, "lead:pragnell", &err), AR_OK);
	assert_rows(v, "3,5,20");
	assert_int_equal(ar_view_row_of(v, 20), 2);
	assert_int_equal(ar_view_counts(v)->per_meeting[1], 2);

	ar_tracker_remove_item(t, (size_t)ar_tracker_find_index(t, 5));
	assert_rows(v, "3,20");
	ar_tracker_add_meeting(t, 20240101, "New meeting");
	assert_int_equal(ar_view_counts(v)->per_meeting[3], 0);
	ar_view_free(v);
	ar_tracker_free(t);
}

struct typing {
	struct ar_tracker *tracker;
	struct ar_view *view;
	char *previous;    /* the rows before this keystroke */
	int steps;
};

/* One keystroke: the view must now show what a fresh search shows, or, for
 * a half-typed query (an open quote, "status:"), what it showed before. */
static void keystroke(struct typing *ty, const char *typed)
{
	struct ar_error err;
	enum ar_rc rc = ar_view_set_query(ty->view, typed, &err);
	char *got = view_ids(ty->view);
	ty->steps++;
	if (rc == AR_OK) {
		char *want = matching_ids(ty->tracker, typed, 20231001);
		if (strcmp(got, want) != 0)
			fail_msg("after typing [%s]: the view has [%.200s], a fresh search [%.200s]", typed, got, want);
		assert_int_equal(ar_view_counts(ty->view)->matching, ar_view_count(ty->view));
		free(want);
		free(ty->previous);
		ty->previous = got;
	} else {
		assert_string_equal(got, ty->previous);
		free(got);
	}
}

/* Typing and deleting, at random, must always give what a fresh search of
 * every item gives: the narrowing and the kept results are invisible. */
static void test_incremental_matches_fresh(void **state)
{
	static const char *const targets[] = {
		"health visit", "healthy weight", "\"care board\"", "lead:derys status:open", "-care hub",
		"caf\xc3\xa9 \xc3\x89" "cole", "crisis line -lead:nhs", "services kind:rec response:acc|rej",
		"meeting:2023-09-21 plan", "due:<2024 is:overdue review", "-has:updates report", "id:100-900 line",
		"\xc5\x81\xc3\xb3" "d\xc5\xba", "wolvercote", "heal -health", "response:rej kind:rec",
		"is:open status:o|cl -kind:act", "status:in-progress",
		"kind:rec is:awaiting-response", "is:response-overdue care", "rag:red|amber -closed:none",
		"responded:>=2023-10 health",
	};
	struct typing ty = {.tracker = random_tracker(3000, 1234)}; /* enough items for the threaded scan */
	ty.view = ar_view_new(ty.tracker, 20231001);
	ty.previous = view_ids(ty.view);
	uint64_t rng = 5;
	char typed[128] = "";
	for (int round = 0; round < 40; round++) {
		const char *target = targets[fixture_random(&rng) % (sizeof targets / sizeof targets[0])];
		size_t len = strlen(typed), goal = strlen(target), keep = 0;
		/* Delete back to what agrees with the new target, then type the
		 * rest, now and then deleting a few characters on the way. */
		while (keep < len && keep < goal && typed[keep] == target[keep])
			keep++;
		while (len > keep) {
			typed[--len] = '\0';
			keystroke(&ty, typed);
		}
		while (len < goal) {
			if (len > 0 && fixture_random(&rng) % 5 == 0) {
				size_t back = 1 + fixture_random(&rng) % 3;
				len = back > len ? 0 : len - back;
			} else {
				len++;
			}
			memcpy(typed, target, len);
			typed[len] = '\0';
			keystroke(&ty, typed);
		}
	}
	assert_true(ty.steps > 300);
	free(ty.previous);
	ar_view_free(ty.view);
	ar_tracker_free(ty.tracker);
}

/* The queries of the query issue against the bundled tracker, through the
 * view as the program runs them.  Skipped while the bundled file is still
 * a placeholder without items. */
static void test_bundled_tracker(void **state)
{
	static const struct {
		const char *query, *ids;
	} cases[] = {
		{"response:rej", "21"},
		{"lead:pragnell", "17,18,19,20,21,23"},
		{"meeting:2022", "2,3,4,5,6,7,8,9,10,11,12"},
		{"\"healthy weight\" -response:accepted", "20,21,22,23"},
		{"meeting:none", "1"},
		{"meeting:2023-09-21",
		 "17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36"},
	};
	const char *srcdir = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/data/hosc-2023-09-21.yaml", srcdir ? srcdir : ".");
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	enum ar_rc rc = ar_load_file(path, &t, &diags, NULL);
	if (rc != AR_OK)
		fail_msg("%s: %s", path, diags.count ? diags.items[0].message : "does not load");
	ar_diags_free(&diags);
	if (t->item_count == 0) {
		ar_tracker_free(t);
		skip();
	}
	assert_int_equal(t->item_count, 36);
	assert_int_equal(t->meeting_count, 7);
	struct ar_view *v = ar_view_new(t, 20230921);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ar_error err;
		assert_int_equal(ar_view_set_query(v, cases[i].query, &err), AR_OK);
		assert_rows(v, cases[i].ids);
		char *fresh = matching_ids(t, cases[i].query, 20230921);
		assert_string_equal(fresh, cases[i].ids);
		free(fresh);
	}
	ar_view_free(v);
	ar_tracker_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_orders),
		cmocka_unit_test(test_sort_parse),
		cmocka_unit_test(test_meetings_and_counts),
		cmocka_unit_test(test_bad_query_keeps_previous),
		cmocka_unit_test(test_row_of),
		cmocka_unit_test(test_rebuilds_after_edits),
		cmocka_unit_test(test_incremental_matches_fresh),
		cmocka_unit_test(test_bundled_tracker),
	};
	return cmocka_run_group_tests_name("view", tests, NULL, NULL);
}
