/* test-undo.c - the edit model: apply, undo, redo, the saved point, field
 * validation, and re-applying edits onto a reloaded tracker. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/undo.h"
#include "artrack/compare.h"
#include "artrack/yamlio.h"

#define MEETING 20221124

/* An unknown key ("rag: amber") on item 2, so copies and comparisons must
 * look at unknown keys too. */
static void add_extra(struct ar_tracker *t, struct ar_item *item, const char *value)
{
	struct ar_node *n = ar_tracker_alloc(t, sizeof *n);
	n->type = AR_NODE_SCALAR;
	n->as.scalar.value = ar_tracker_strdup(t, value);
	n->as.scalar.length = strlen(value);
	struct ar_extra *x = ar_tracker_alloc(t, sizeof *x);
	x->key = ar_tracker_strdup(t, "rag");
	x->value = n;
	x->after = AR_ITEM_KEY_STATUS;
	item->extras.items = x;
	item->extras.count = 1;
}

/* Items 1-5 (1 and 2 recommendations), one meeting. */
static struct ar_tracker *make_tracker(void)
{
	struct ar_tracker *t = ar_tracker_new();
	ar_tracker_add_meeting(t, MEETING, "24 November 2022 Meeting");
	for (long id = 1; id <= 5; id++) {
		struct ar_item *it = ar_item_new(t, id);
		char topic[32];
		snprintf(topic, sizeof topic, "Topic %ld – é", id);
		ar_item_set_topic(t, it, topic);
		it->meeting = MEETING;
		if (id <= 2) {
			it->kind = AR_KIND_RECOMMENDATION;
			it->response = AR_RESPONSE_PENDING;
		}
		const char *leads[] = {"Julie Dandridge", "Daniel Leveson"};
		ar_item_set_leads(t, it, leads, 2);
		struct ar_update u = {.date = 20230921, .by = "Omid Nouri", .text = "The ICB have managed to recruit"};
		ar_item_add_update(t, it, &u);
		if (id == 2)
			add_extra(t, it, "amber");
		ar_tracker_append_item(t, it);
	}
	return t;
}

static const struct ar_item *item(const struct ar_tracker *t, long id)
{
	return ar_tracker_find_item(t, id);
}

/* Issue 15: a response leaving pending dates responded, a status becoming
 * closed dates closed_on, in the same undoable step; an existing date stays. */
static void test_decisions_bring_dates(void **state)
{
	struct ar_tracker *t = make_tracker();
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err;
	/* without today, no date is brought */
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_RESPONSE, "acc", &err), AR_OK);
	assert_int_equal(item(t, 1)->responded, AR_DATE_NONE);
	assert_true(ar_edits_undo(e, NULL));
	ar_edits_set_today(e, 20231001);
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_RESPONSE, "acc", &err), AR_OK);
	assert_int_equal(item(t, 1)->response, AR_RESPONSE_ACCEPTED);
	assert_int_equal(item(t, 1)->responded, 20231001);
	/* the officer may change it; another decision keeps it */
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_RESPONDED, "2023-09-28", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_RESPONSE, "rej", &err), AR_OK);
	assert_int_equal(item(t, 1)->responded, 20230928);
	/* one step: undo takes the response and its date together */
	assert_true(ar_edits_undo(e, NULL));
	assert_true(ar_edits_undo(e, NULL));
	assert_true(ar_edits_undo(e, NULL));
	assert_int_equal(item(t, 1)->response, AR_RESPONSE_PENDING);
	assert_int_equal(item(t, 1)->responded, AR_DATE_NONE);
	/* a date given first is kept */
	assert_int_equal(ar_edits_set_field(e, 2, AR_ITEM_KEY_RESPONDED, "2023-09-30", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 2, AR_ITEM_KEY_RESPONSE, "noted", &err), AR_OK);
	assert_int_equal(item(t, 2)->responded, 20230930);
	/* back to pending is no decision */
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_RESPONSE, "pending", &err), AR_OK);
	assert_int_equal(item(t, 1)->responded, AR_DATE_NONE);
	/* closing dates closed_on; completing does not; closing again keeps it */
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_int_equal(item(t, 3)->closed_on, AR_DATE_NONE);
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	assert_int_equal(item(t, 3)->closed_on, 20231001);
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_CLOSED_ON, "2023-09-21", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_STATUS, "open", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	assert_int_equal(item(t, 3)->closed_on, 20230921);
	/* the new fields' own rules */
	assert_int_equal(ar_edits_set_field(e, 4, AR_ITEM_KEY_RESPONDED, "2023-09-30", &err), AR_EUSAGE);
	assert_non_null(strstr(err.message, "action"));
	assert_int_equal(ar_edits_set_field(e, 4, AR_ITEM_KEY_RAG, "am", &err), AR_OK);
	assert_int_equal(item(t, 4)->rag, AR_RAG_AMBER);
	assert_int_equal(ar_edits_set_field(e, 4, AR_ITEM_KEY_RAG, "orange", &err), AR_EUSAGE);
	assert_int_equal(ar_edits_set_field(e, 4, AR_ITEM_KEY_RAG, "none", &err), AR_OK);
	assert_int_equal(item(t, 4)->rag, AR_RAG_NONE);
	assert_int_equal(ar_edits_set_field(e, 4, AR_ITEM_KEY_CLOSED_ON, "2023-02-30", &err), AR_EUSAGE);
	/* a recommendation made an action loses its response date */
	assert_int_equal(ar_edits_set_field(e, 2, AR_ITEM_KEY_KIND, "action", &err), AR_OK);
	assert_int_equal(item(t, 2)->responded, AR_DATE_NONE);
	ar_edits_free(e);
	ar_tracker_free(t);
}

static void test_set_field_undo_redo(void **state)
{
	struct ar_tracker *t = make_tracker();
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err;
	const struct ar_item *orig = item(t, 3);
	assert_false(ar_edits_is_dirty(e));
	assert_false(ar_edits_can_undo(e));

	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_int_equal(item(t, 3)->status, AR_STATUS_COMPLETED);
	assert_int_equal(orig->status, AR_STATUS_OPEN); /* the old value is untouched */
	assert_true(ar_edits_is_dirty(e));
	assert_string_equal(ar_edits_undo_label(e), "set status of item 3");

	long id = 0;
	assert_true(ar_edits_undo(e, &id));
	assert_int_equal(id, 3);
	assert_true(item(t, 3) == orig);
	assert_false(ar_edits_is_dirty(e));
	assert_false(ar_edits_undo(e, &id));
	assert_string_equal(ar_edits_redo_label(e), "set status of item 3");

	assert_true(ar_edits_redo(e, &id));
	assert_int_equal(item(t, 3)->status, AR_STATUS_COMPLETED);
	assert_true(ar_edits_is_dirty(e));
	assert_false(ar_edits_redo(e, &id));

	/* Many levels. */
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_TOPIC, "Primary Care ’24", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 4, AR_ITEM_KEY_DUE, "2024-04", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 4, AR_ITEM_KEY_LEADS, " Ansaf Azhar ;; Derys Pragnell;", &err), AR_OK);
	assert_int_equal(item(t, 4)->lead_count, 2);
	assert_string_equal(item(t, 4)->leads[0], "Ansaf Azhar");
	assert_string_equal(item(t, 4)->leads[1], "Derys Pragnell");
	assert_int_equal(item(t, 4)->due, 20240400);
	assert_string_equal(item(t, 3)->topic, "Primary Care ’24");
	for (int i = 0; i < 4; i++)
		assert_true(ar_edits_undo(e, NULL));
	assert_true(item(t, 3) == orig);
	assert_int_equal(item(t, 4)->lead_count, 2);
	assert_string_equal(item(t, 4)->leads[0], "Julie Dandridge");
	assert_int_equal(item(t, 4)->due, AR_DATE_NONE);
	assert_false(ar_edits_is_dirty(e));
	assert_true(ar_edits_redo(e, NULL));
	assert_true(ar_edits_redo(e, NULL));
	assert_string_equal(item(t, 3)->topic, "Primary Care ’24");

	/* A new edit drops what could have been redone. */
	assert_true(ar_edits_can_redo(e));
	assert_int_equal(ar_edits_set_field(e, 5, AR_ITEM_KEY_TEXT, "Line one\nline two", &err), AR_OK);
	assert_false(ar_edits_can_redo(e));
	assert_int_equal(item(t, 4)->due, AR_DATE_NONE);
	assert_string_equal(item(t, 5)->text, "Line one\nline two");

	ar_edits_free(e);
	ar_tracker_free(t);
}

static void test_saved_point(void **state)
{
	struct ar_tracker *t = make_tracker();
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 2, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	ar_edits_mark_saved(e);
	assert_false(ar_edits_is_dirty(e));
	assert_true(ar_edits_undo(e, NULL));
	assert_true(ar_edits_is_dirty(e));
	assert_true(ar_edits_redo(e, NULL));
	assert_false(ar_edits_is_dirty(e)); /* back at exactly what is on disk */

	/* Undo past the save, then edit: the saved state cannot come back. */
	assert_true(ar_edits_undo(e, NULL));
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	assert_true(ar_edits_is_dirty(e));
	assert_true(ar_edits_undo(e, NULL));
	assert_true(ar_edits_is_dirty(e));
	assert_true(ar_edits_undo(e, NULL));
	assert_true(ar_edits_is_dirty(e));

	/* An edit that changes nothing is no step. */
	ar_edits_mark_saved(e);
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_STATUS, "open", &err), AR_OK);
	assert_false(ar_edits_is_dirty(e));
	assert_false(ar_edits_can_undo(e));
	ar_edits_free(e);
	ar_tracker_free(t);
}

static void test_add_update(void **state)
{
	struct ar_tracker *t = make_tracker();
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err;
	char text[] = "Response received – accepted in part.\nSecond paragraph.";
	struct ar_update u = {.date = 20231001, .by = "Scrutiny Officer", .text = text};
	assert_int_equal(ar_edits_add_update(e, 2, &u, &err), AR_OK);
	text[0] = 'X'; /* the text was copied */
	const struct ar_item *it = item(t, 2);
	assert_int_equal(it->update_count, 2);
	assert_string_equal(it->updates[1].text, "Response received – accepted in part.\nSecond paragraph.");
	assert_string_equal(it->updates[1].by, "Scrutiny Officer");
	assert_int_equal(it->updates[1].date, 20231001);
	assert_int_equal(ar_item_updated(it), 20231001);
	assert_string_equal(ar_edits_undo_label(e), "add an update to item 2");
	assert_true(ar_edits_undo(e, NULL));
	assert_int_equal(item(t, 2)->update_count, 1);

	struct ar_update empty = {.text = ""};
	assert_int_equal(ar_edits_add_update(e, 2, &empty, &err), AR_EUSAGE);
	assert_int_equal(ar_edits_add_update(e, 99, &u, &err), AR_EDATA);
	assert_string_equal(err.message, "there is no item 99");
	ar_edits_free(e);
	ar_tracker_free(t);
}

static void test_field_validation(void **state)
{
	struct ar_tracker *t = make_tracker();
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_STATUS, "bogus", &err), AR_EUSAGE);
	assert_string_equal(err.message, "status: 'bogus' is not one of open, in-progress, completed, closed");
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_STATUS, "c", &err), AR_EUSAGE);
	assert_string_equal(err.message, "status: 'c' is ambiguous (completed, closed)");
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_STATUS, "compelted", &err), AR_EUSAGE);
	assert_string_equal(err.message, "status: 'compelted': did you mean completed? "
	                                 "(not one of open, in-progress, completed, closed)");
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_STATUS, "prog", &err), AR_OK);
	assert_int_equal(item(t, 1)->status, AR_STATUS_IN_PROGRESS);

	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_RESPONSE, "partially-accepted", &err), AR_OK);
	assert_int_equal(item(t, 1)->response, AR_RESPONSE_PARTIALLY_ACCEPTED);
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_RESPONSE, "", &err), AR_OK);
	assert_int_equal(item(t, 1)->response, AR_RESPONSE_PENDING);
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_RESPONSE, "accepted", &err), AR_EUSAGE);
	assert_non_null(strstr(err.message, "is an action"));

	/* kind decides whether there is a response at all. */
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_KIND, "rec", &err), AR_OK);
	assert_int_equal(item(t, 3)->response, AR_RESPONSE_PENDING);
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_KIND, "action", &err), AR_OK);
	assert_int_equal(item(t, 1)->response, AR_RESPONSE_NONE);

	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_DUE, "2023-02-30", &err), AR_EUSAGE);
	assert_string_equal(err.message, "due: '2023-02-30' is not a date (YYYY-MM or YYYY-MM-DD)");
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_MEETING, "2023-09", &err), AR_EUSAGE);
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_ID, "7", &err), AR_EUSAGE);
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_UPDATES, "", &err), AR_EUSAGE);

	/* An item keeps a topic or a text. */
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_TOPIC, "", &err), AR_EUSAGE);
	assert_string_equal(err.message, "item has neither 'topic' nor 'text'");
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_TEXT, "Some text", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_TOPIC, "", &err), AR_OK);
	assert_null(item(t, 1)->topic);

	assert_int_equal(ar_edits_set_field(e, 42, AR_ITEM_KEY_STATUS, "open", &err), AR_EDATA);

	/* Failed edits recorded nothing: undo walks back the 7 that worked. */
	int steps = 0;
	while (ar_edits_undo(e, NULL))
		steps++;
	assert_int_equal(steps, 7);
	assert_false(ar_edits_is_dirty(e));
	assert_string_equal(item(t, 1)->topic, "Topic 1 – é");
	ar_edits_free(e);
	ar_tracker_free(t);
}

static void test_meeting_added_and_removed(void **state)
{
	struct ar_tracker *t = make_tracker();
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err;
	/* A date that is no meeting's is refused: a typo never makes a meeting. */
	assert_int_equal(ar_edits_set_field(e, 4, AR_ITEM_KEY_MEETING, "2023-09-21", &err), AR_EUSAGE);
	assert_string_equal(err.message, "meeting 2023-09-21 is not in meetings");
	assert_int_equal(t->meeting_count, 1);
	assert_false(ar_edits_can_undo(e));

	/* Meetings are added on their own, in date order, once per date. */
	assert_int_equal(ar_edits_add_meeting(e, 20230921, "21 September 2023 Meeting", &err), AR_OK);
	assert_string_equal(ar_edits_undo_label(e), "add meeting 2023-09-21");
	assert_int_equal(ar_edits_add_meeting(e, 20220101, "", &err), AR_OK);
	assert_int_equal(t->meeting_count, 3);
	assert_int_equal(t->meetings[0].date, 20220101);
	assert_null(t->meetings[0].title);
	assert_int_equal(t->meetings[1].date, MEETING);
	assert_string_equal(t->meetings[2].title, "21 September 2023 Meeting");
	assert_int_equal(ar_edits_add_meeting(e, 20230921, "again", &err), AR_EUSAGE);
	assert_string_equal(err.message, "there is already a meeting on 2023-09-21");
	assert_int_equal(ar_edits_set_field(e, 4, AR_ITEM_KEY_MEETING, "2023-09-21", &err), AR_OK);
	assert_int_equal(item(t, 4)->meeting, 20230921);

	/* A meeting with items stays; an empty one goes, and undo puts it back in its place. */
	assert_int_equal(ar_edits_remove_meeting(e, 20230921, &err), AR_EUSAGE);
	assert_string_equal(err.message, "meeting 2023-09-21 still has 1 item; delete or move it first");
	assert_int_equal(ar_edits_remove_meeting(e, 20200101, &err), AR_EDATA);
	assert_int_equal(ar_edits_remove_meeting(e, 20220101, &err), AR_OK);
	assert_int_equal(t->meeting_count, 2);
	assert_null(ar_tracker_find_meeting(t, 20220101));
	assert_true(ar_edits_undo(e, NULL));
	assert_int_equal(t->meeting_count, 3);
	assert_int_equal(t->meetings[0].date, 20220101);
	assert_true(ar_edits_undo(e, NULL)); /* the item's meeting */
	assert_int_equal(item(t, 4)->meeting, MEETING);
	assert_true(ar_edits_undo(e, NULL));
	assert_true(ar_edits_undo(e, NULL));
	assert_int_equal(t->meeting_count, 1);
	assert_null(ar_tracker_find_meeting(t, 20230921));
	assert_false(ar_edits_is_dirty(e));
	assert_true(ar_edits_redo(e, NULL));
	assert_int_equal(t->meeting_count, 2);
	assert_string_equal(ar_tracker_find_meeting(t, 20230921)->title, "21 September 2023 Meeting");

	assert_int_equal(ar_edits_set_field(e, 4, AR_ITEM_KEY_MEETING, "", &err), AR_OK);
	assert_int_equal(item(t, 4)->meeting, AR_DATE_NONE);

	/* A whole-item edit must name an existing meeting. */
	struct ar_item *v = ar_item_clone(t, item(t, 5));
	v->meeting = 20240101;
	assert_int_equal(ar_edits_replace_item(e, 5, v, &err), AR_EUSAGE);
	assert_string_equal(err.message, "meeting 2024-01-01 is not in meetings");
	ar_edits_free(e);
	ar_tracker_free(t);
}

static void test_replace_insert_remove_group(void **state)
{
	struct ar_tracker *t = make_tracker();
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err;

	/* A whole-item edit that renumbers the item. */
	struct ar_item *v = ar_item_clone(t, item(t, 2));
	v->id = 20;
	v->status = AR_STATUS_CLOSED;
	assert_int_equal(ar_edits_replace_item(e, 2, v, &err), AR_OK);
	assert_null(item(t, 2));
	assert_int_equal(ar_tracker_find_index(t, 20), 1);
	assert_string_equal(ar_edits_undo_label(e), "edit item 2 (now item 20)");
	struct ar_item *clash = ar_item_clone(t, item(t, 3));
	clash->id = 20;
	assert_int_equal(ar_edits_replace_item(e, 3, clash, &err), AR_EUSAGE);
	assert_string_equal(err.message, "duplicate id 20 (another item has it)");
	assert_true(ar_edits_undo(e, NULL));
	assert_int_equal(ar_tracker_find_index(t, 2), 1);
	assert_null(item(t, 20));

	/* Insert and remove. */
	struct ar_item *fresh = ar_item_new(t, 6);
	ar_item_set_topic(t, fresh, "New");
	assert_int_equal(ar_edits_insert_item(e, 99, fresh, &err), AR_OK);
	assert_int_equal(t->item_count, 6);
	assert_int_equal(ar_tracker_find_index(t, 6), 5);
	assert_int_equal(ar_edits_remove_item(e, 3, &err), AR_OK);
	assert_int_equal(t->item_count, 5);
	assert_null(item(t, 3));
	assert_true(ar_edits_undo(e, NULL));
	assert_int_equal(ar_tracker_find_index(t, 3), 2);
	assert_true(ar_edits_undo(e, NULL));
	assert_int_equal(t->item_count, 5);
	assert_null(item(t, 6));
	struct ar_item *dup = ar_item_new(t, 4);
	ar_item_set_topic(t, dup, "Dup");
	assert_int_equal(ar_edits_insert_item(e, 0, dup, &err), AR_EUSAGE);

	/* One user action made of several edits is one step. */
	ar_edits_begin(e, "triage item 1");
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_RESPONSE, "accepted", &err), AR_OK);
	assert_false(ar_edits_undo(e, NULL)); /* not in the middle of a step */
	ar_edits_end(e);
	assert_string_equal(ar_edits_undo_label(e), "triage item 1");
	assert_true(ar_edits_undo(e, NULL));
	assert_int_equal(item(t, 1)->status, AR_STATUS_OPEN);
	assert_int_equal(item(t, 1)->response, AR_RESPONSE_PENDING);
	ar_edits_begin(e, "nothing");
	ar_edits_end(e);
	assert_string_equal(ar_edits_redo_label(e), "triage item 1");
	ar_edits_free(e);
	ar_tracker_free(t);
}

static void test_item_equal_and_copy(void **state)
{
	struct ar_tracker *a = make_tracker(), *b = make_tracker();
	for (long id = 1; id <= 5; id++)
		assert_true(ar_item_equal(item(a, id), item(b, id)));
	assert_false(ar_item_equal(item(a, 1), item(b, 2)));
	struct ar_item *v = ar_item_clone(b, item(b, 2));
	add_extra(b, v, "red");
	assert_false(ar_item_equal(item(a, 2), v));
	struct ar_item *w = ar_item_clone(b, item(b, 2));
	struct ar_update u = {.text = "x"};
	ar_item_add_update(b, w, &u);
	assert_false(ar_item_equal(item(a, 2), w));

	/* A deep copy lives on after its source tracker is gone. */
	struct ar_item *copy = ar_item_copy_into(b, item(a, 2));
	assert_true(ar_item_equal(copy, item(a, 2)));
	assert_true(copy->topic != item(a, 2)->topic);
	ar_tracker_free(a);
	assert_string_equal(copy->topic, "Topic 2 – é");
	assert_string_equal(copy->updates[0].text, "The ICB have managed to recruit");
	assert_string_equal(copy->extras.items[0].value->as.scalar.value, "amber");
	assert_true(ar_item_equal(copy, item(b, 2)));
	ar_tracker_free(b);
}

/* Item 3 changed here and in the file: other fields merge, the same field
 * is left as the file has it for the officer to choose. */
/* Issue 13: the tracker's own fields and a meeting's, taken from another
 * version (resolving a merge conflict) or typed, each one undoable step. */
static void test_tracker_and_meeting_fields(void **state)
{
	struct ar_tracker *t = make_tracker();
	t->committee = ar_tracker_strdup(t, "Ours committee");
	struct ar_tracker *other = make_tracker();
	other->committee = ar_tracker_strdup(other, "Theirs committee");
	other->as_of = 20231130;
	add_extra(other, (struct ar_item *)item(other, 1), "red"); /* an item's key, not the tracker's */
	other->extras = item(other, 1)->extras;
	ar_tracker_add_meeting(other, 20231130, "30 November 2023 Meeting");
	((struct ar_meeting *)ar_tracker_find_meeting(other, MEETING))->title = "Theirs title";
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err;
	uint64_t generation = t->generation;

	assert_int_equal(ar_edits_take_tracker_field(e, other, "committee"), AR_OK);
	assert_string_equal(t->committee, "Theirs committee");
	assert_true(t->committee != other->committee); /* copied: other may go */
	assert_true(t->generation != generation);
	assert_string_equal(ar_edits_undo_label(e), "use the other committee");
	assert_int_equal(ar_edits_take_tracker_field(e, other, "as_of"), AR_OK);
	assert_int_equal(t->as_of, 20231130);
	assert_int_equal(ar_edits_take_tracker_field(e, other, "rag"), AR_OK);
	assert_int_equal(t->extras.count, 1);
	assert_string_equal(t->extras.items[0].key, "rag");
	assert_int_equal(ar_edits_take_tracker_field(e, other, "rag"), AR_OK); /* the same: no step */
	assert_string_equal(ar_edits_undo_label(e), "use the other rag");
	assert_true(ar_edits_undo(e, NULL));
	assert_int_equal(t->extras.count, 0);
	assert_true(ar_edits_undo(e, NULL));
	assert_int_equal(t->as_of, AR_DATE_NONE);
	assert_true(ar_edits_undo(e, NULL));
	assert_string_equal(t->committee, "Ours committee");
	assert_false(ar_edits_is_dirty(e));

	/* typed */
	assert_int_equal(ar_edits_set_tracker_field(e, "title", "Tracker", &err), AR_OK);
	assert_string_equal(t->title, "Tracker");
	assert_int_equal(ar_edits_set_tracker_field(e, "as_of", "2023-13-01", &err), AR_EUSAGE);
	assert_string_equal(err.message, "as_of: '2023-13-01' is not a date (YYYY-MM-DD)");
	assert_int_equal(ar_edits_set_tracker_field(e, "response_days", "0", &err), AR_EUSAGE);
	assert_string_equal(err.message, "response_days: '0' is not a number of days from 1 to 3660");
	assert_int_equal(ar_edits_set_tracker_field(e, "response_days", "28", &err), AR_OK);
	assert_int_equal(t->response_days, 28);
	assert_int_equal(ar_edits_set_tracker_field(e, "title", "", &err), AR_OK);
	assert_null(t->title);

	/* a meeting's title; a meeting only the other has; one it lacks */
	assert_int_equal(ar_edits_take_meeting(e, other, MEETING, "title", &err), AR_OK);
	assert_string_equal(ar_tracker_find_meeting(t, MEETING)->title, "Theirs title");
	assert_string_equal(ar_edits_undo_label(e), "use the other title of meeting 2022-11-24");
	assert_int_equal(ar_edits_take_meeting(e, other, 20231130, "title", &err), AR_EDATA);
	assert_int_equal(ar_edits_take_meeting(e, other, 20231130, NULL, &err), AR_OK);
	assert_string_equal(ar_tracker_find_meeting(t, 20231130)->title, "30 November 2023 Meeting");
	assert_int_equal(ar_edits_set_meeting_title(e, 20231130, "Typed", &err), AR_OK);
	assert_string_equal(ar_tracker_find_meeting(t, 20231130)->title, "Typed");
	assert_true(ar_edits_undo(e, NULL));
	assert_true(ar_edits_undo(e, NULL));
	assert_null(ar_tracker_find_meeting(t, 20231130));
	assert_true(ar_edits_undo(e, NULL));
	assert_string_equal(ar_tracker_find_meeting(t, MEETING)->title, "24 November 2022 Meeting");
	struct ar_tracker *none = ar_tracker_new();
	assert_int_equal(ar_edits_take_meeting(e, none, MEETING, NULL, &err), AR_EUSAGE); /* items name it */
	ar_tracker_free(none);
	ar_edits_free(e);
	ar_tracker_free(other);
	ar_tracker_free(t);
}

static void test_reapply_merge_fields(void **state)
{
	struct ar_tracker *mine = make_tracker();
	struct ar_edits *e = ar_edits_new(mine);
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_DUE, "2024-04", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 2, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);

	struct ar_tracker *theirs = make_tracker();
	struct ar_item *t3 = ar_item_clone(theirs, item(theirs, 3));
	ar_item_set_topic(theirs, t3, "Changed elsewhere");
	t3->status = AR_STATUS_IN_PROGRESS;
	ar_tracker_replace_item(theirs, 2, t3);

	struct ar_edits *onto = ar_edits_new(theirs);
	struct ar_diags conflicts = {0};
	struct ar_field_choice *choices = NULL;
	size_t applied = 0, n = 0;
	assert_int_equal(ar_edits_reapply_merge(e, onto, &applied, &conflicts, &choices, &n), AR_OK);
	assert_int_equal(conflicts.count, 0);
	assert_int_equal(applied, 2);
	assert_int_equal(n, 1);
	assert_int_equal(choices[0].id, 3);
	assert_string_equal(choices[0].field, "status");
	/* their topic, my due date, the file's status until chosen */
	assert_string_equal(item(theirs, 3)->topic, "Changed elsewhere");
	assert_int_equal(item(theirs, 3)->due, 202404 * 100);
	assert_int_equal(item(theirs, 3)->status, AR_STATUS_IN_PROGRESS);
	assert_int_equal(item(theirs, 2)->status, AR_STATUS_COMPLETED);
	/* choosing mine is one more undoable step */
	assert_int_equal(ar_edits_take_field(onto, mine, 3, "status"), AR_OK);
	assert_int_equal(item(theirs, 3)->status, AR_STATUS_CLOSED);
	assert_string_equal(ar_edits_undo_label(onto), "use my status of item 3");
	assert_true(ar_edits_undo(onto, NULL));
	assert_int_equal(item(theirs, 3)->status, AR_STATUS_IN_PROGRESS);
	/* the plain reapply still refuses the whole item */
	struct ar_tracker *again = make_tracker();
	ar_tracker_replace_item(again, 2, ar_item_clone(again, t3));
	struct ar_edits *onto2 = ar_edits_new(again);
	assert_int_equal(ar_edits_reapply(e, onto2, NULL, &conflicts), AR_ECHANGED);
	free(choices);
	ar_diags_free(&conflicts);
	ar_edits_free(onto2);
	ar_edits_free(onto);
	ar_edits_free(e);
	ar_tracker_free(again);
	ar_tracker_free(theirs);
	ar_tracker_free(mine);
}

/* Issue 13: re-applying onto a file changed on disk covers the tracker's
 * own fields and the meetings, and an item whose two changes cannot stand
 * together is a choice between the two versions, not a refusal. */
static void test_reapply_tracker_meetings_unsound(void **state)
{
	struct ar_tracker *mine = make_tracker();
	struct ar_edits *e = ar_edits_new(mine);
	struct ar_error err;
	assert_int_equal(ar_edits_set_tracker_field(e, "title", "My title", &err), AR_OK);
	assert_int_equal(ar_edits_set_tracker_field(e, "as_of", "2023-10-01", &err), AR_OK);
	assert_int_equal(ar_edits_add_meeting(e, 20231130, "Mine", &err), AR_OK);
	assert_int_equal(ar_edits_add_meeting(e, 20240101, "Only mine", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 2, AR_ITEM_KEY_RESPONDED, "2023-10-01", &err), AR_OK);

	struct ar_tracker *theirs = make_tracker();
	theirs->title = "Their title";
	theirs->committee = "Their committee";
	ar_tracker_add_meeting(theirs, 20231130, "Theirs");
	struct ar_item *t2 = ar_item_clone(theirs, item(theirs, 2));
	t2->kind = AR_KIND_ACTION;
	t2->response = AR_RESPONSE_NONE;
	ar_tracker_replace_item(theirs, 1, t2);

	struct ar_edits *onto = ar_edits_new(theirs);
	struct ar_diags conflicts = {0};
	struct ar_field_choice *choices = NULL;
	size_t n = 0;
	assert_int_equal(ar_edits_reapply_merge(e, onto, NULL, &conflicts, &choices, &n), AR_OK);
	assert_int_equal(conflicts.count, 0);
	assert_int_equal(n, 3);
	/* without asking: my as_of, their committee, my meeting only I added */
	assert_int_equal(theirs->as_of, 20231001);
	assert_string_equal(theirs->committee, "Their committee");
	assert_string_equal(ar_tracker_find_meeting(theirs, 20240101)->title, "Only mine");
	/* asked: the title, the meeting's title, item 2 as a whole */
	assert_int_equal(choices[0].id, 0);
	assert_int_equal(choices[0].meeting, AR_DATE_NONE);
	assert_string_equal(choices[0].field, "title");
	assert_int_equal(choices[1].meeting, 20231130);
	assert_string_equal(choices[1].field, "title");
	assert_int_equal(choices[2].id, 2);
	assert_string_equal(choices[2].field, "item");
	assert_non_null(strstr(choices[2].why, "an action has no response"));
	assert_string_equal(theirs->title, "Their title");
	assert_int_equal(item(theirs, 2)->kind, AR_KIND_ACTION);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ar_edits_take_choice(onto, mine, &choices[i], &err), AR_OK);
	assert_string_equal(theirs->title, "My title");
	assert_string_equal(ar_tracker_find_meeting(theirs, 20231130)->title, "Mine");
	assert_int_equal(item(theirs, 2)->kind, AR_KIND_RECOMMENDATION);
	assert_int_equal(item(theirs, 2)->responded, 20231001);
	assert_string_equal(ar_edits_undo_label(onto), "use my item 2");

	/* the plain re-apply refuses what would need a choice */
	struct ar_tracker *again = make_tracker();
	again->title = "Their title";
	struct ar_edits *onto2 = ar_edits_new(again);
	ar_diags_free(&conflicts);
	assert_int_equal(ar_edits_reapply(e, onto2, NULL, &conflicts), AR_ECHANGED);
	assert_int_equal(conflicts.count, 1);
	assert_string_equal(conflicts.items[0].message, "the tracker's title was also changed in the file; yours was "
	                    "not re-applied");
	free(choices);
	ar_diags_free(&conflicts);
	ar_edits_free(onto2);
	ar_edits_free(onto);
	ar_edits_free(e);
	ar_tracker_free(again);
	ar_tracker_free(theirs);
	ar_tracker_free(mine);
}

/* Issue 13: an item or meeting removed on one side and changed on the
 * other is a choice naming what each side did, the file's side kept until
 * mine is taken: put back in its place, or removed. */
static void test_reapply_removed_and_changed(void **state)
{
	(void)state;
	struct ar_tracker *mine = make_tracker(), *theirs = make_tracker();
	ar_tracker_add_meeting(mine, 20230921, "Sept");
	ar_tracker_add_meeting(mine, 20231130, "Nov");
	ar_tracker_add_meeting(theirs, 20231130, "Their Nov"); /* 2023-09-21 removed there */
	struct ar_edits *e = ar_edits_new(mine);
	struct ar_error err;
	assert_int_equal(ar_edits_set_meeting_title(e, 20230921, "My Sept", &err), AR_OK);
	assert_int_equal(ar_edits_remove_meeting(e, 20231130, &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_int_equal(ar_edits_remove_item(e, 4, &err), AR_OK);
	ar_tracker_remove_item(theirs, 2); /* item 3 */
	struct ar_item *t4 = ar_item_clone(theirs, item(theirs, 4));
	ar_item_set_topic(theirs, t4, "Their topic");
	ar_tracker_replace_item(theirs, 2, t4);

	struct ar_edits *onto = ar_edits_new(theirs);
	struct ar_diags conflicts = {0};
	struct ar_field_choice *choices = NULL;
	size_t n = 0;
	assert_int_equal(ar_edits_reapply_merge(e, onto, NULL, &conflicts, &choices, &n), AR_OK);
	assert_int_equal(conflicts.count, 0);
	assert_int_equal(n, 4);
	assert_int_equal(choices[0].meeting, 20230921);
	assert_string_equal(choices[0].field, "meeting");
	assert_string_equal(choices[0].file_did, "removed");
	assert_string_equal(choices[0].mine_did, "changed");
	assert_int_equal(choices[1].id, 3);
	assert_string_equal(choices[1].field, "item");
	assert_string_equal(choices[1].file_did, "removed");
	assert_string_equal(choices[1].mine_did, "changed status");
	assert_int_equal(choices[2].id, 4);
	assert_string_equal(choices[2].file_did, "changed topic");
	assert_string_equal(choices[2].mine_did, "removed");
	assert_int_equal(choices[3].meeting, 20231130);
	assert_string_equal(choices[3].file_did, "changed");
	assert_string_equal(choices[3].mine_did, "removed");
	/* the file's side until chosen */
	assert_null(ar_tracker_find_meeting(theirs, 20230921));
	assert_int_equal(ar_tracker_find_index(theirs, 3), -1);
	assert_string_equal(item(theirs, 4)->topic, "Their topic");
	assert_non_null(ar_tracker_find_meeting(theirs, 20231130));
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ar_edits_take_choice(onto, mine, &choices[i], &err), AR_OK);
	assert_string_equal(ar_tracker_find_meeting(theirs, 20230921)->title, "My Sept");
	assert_int_equal(ar_tracker_find_index(theirs, 3), 2); /* back between 2 and 5 */
	assert_int_equal(item(theirs, 3)->status, AR_STATUS_COMPLETED);
	assert_int_equal(ar_tracker_find_index(theirs, 4), -1);
	assert_null(ar_tracker_find_meeting(theirs, 20231130));
	/* each one step: undone, the file's side again */
	assert_true(ar_edits_undo(onto, NULL));
	assert_non_null(ar_tracker_find_meeting(theirs, 20231130));
	assert_true(ar_edits_undo(onto, NULL));
	assert_string_equal(item(theirs, 4)->topic, "Their topic");
	assert_string_equal(ar_edits_redo_label(onto), "remove item 4");
	free(choices);
	ar_diags_free(&conflicts);
	ar_edits_free(onto);
	ar_edits_free(e);
	ar_tracker_free(theirs);
	ar_tracker_free(mine);
}

/* Comments written in the editor (E) are an edit a reload re-applies,
 * alone or with an edit made after them. */
static void test_reapply_editor_comments(void **state)
{
	(void)state;
	struct ar_tracker *mine = make_tracker();
	struct ar_edits *e = ar_edits_new(mine);
	struct ar_error err;
	static const struct ar_item_lines one = {"# mine\n", 7, NULL}, two = {"# also\n", 7, NULL};
	struct ar_item *v1 = ar_item_clone(mine, item(mine, 1)), *v2 = ar_item_clone(mine, item(mine, 2));
	struct ar_item_lines *l1 = ar_tracker_alloc(mine, sizeof *l1), *l2 = ar_tracker_alloc(mine, sizeof *l2);
	*l1 = one;
	l1->as = v1;
	*l2 = two;
	l2->as = v2;
	v1->lines = l1;
	v2->lines = l2;
	assert_int_equal(ar_edits_replace_item(e, 1, v1, &err), AR_OK);
	assert_int_equal(ar_edits_replace_item(e, 2, v2, &err), AR_OK);
	assert_true(ar_edits_can_undo(e)); /* comments alone are a change */
	assert_int_equal(ar_edits_set_field(e, 2, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);

	struct ar_tracker *theirs = make_tracker();
	struct ar_edits *onto = ar_edits_new(theirs);
	struct ar_diags conflicts = {0};
	size_t applied = 0;
	assert_int_equal(ar_edits_reapply(e, onto, &applied, &conflicts), AR_OK);
	assert_int_equal(applied, 2);
	const struct ar_item *t1 = item(theirs, 1), *t2 = item(theirs, 2);
	assert_non_null(t1->lines);
	assert_string_equal(t1->lines->bytes, "# mine\n");
	assert_ptr_equal(t1->lines->as, t1);
	assert_non_null(t2->lines);
	assert_string_equal(t2->lines->bytes, "# also\n");
	assert_int_equal(t2->status, AR_STATUS_CLOSED);
	assert_int_equal(t2->lines->as->status, AR_STATUS_OPEN); /* the value the lines were read as */
	ar_diags_free(&conflicts);
	ar_edits_free(onto);
	ar_tracker_free(theirs);
	ar_edits_free(e);
	ar_tracker_free(mine);
}

static void test_reapply_after_reload(void **state)
{
	struct ar_tracker *mine = make_tracker();
	struct ar_edits *e = ar_edits_new(mine);
	struct ar_error err;
	/* The user's unsaved work. */
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_int_equal(ar_edits_add_meeting(e, 20230921, "21 September 2023 Meeting", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_MEETING, "2023-09-21", &err), AR_OK);
	struct ar_update u = {.date = 20231001, .text = "Officer’s update – done"};
	assert_int_equal(ar_edits_add_update(e, 2, &u, &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 3, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 4, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	assert_int_equal(ar_edits_remove_item(e, 5, &err), AR_OK);
	struct ar_item *ten = ar_item_new(mine, 10);
	ar_item_set_topic(mine, ten, "Ten");
	assert_int_equal(ar_edits_insert_item(e, 0, ten, &err), AR_OK);
	struct ar_item *eleven = ar_item_new(mine, 11);
	ar_item_set_topic(mine, eleven, "Mine eleven");
	assert_int_equal(ar_edits_insert_item(e, 99, eleven, &err), AR_OK);
	/* An edit made and taken back is no edit. */
	assert_int_equal(ar_edits_set_field(e, 2, AR_ITEM_KEY_DUE, "2024-04", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 2, AR_ITEM_KEY_DUE, "", &err), AR_OK);

	/* Meanwhile another program changed the file: item 3 changed, item 4
	 * removed, an item 11 of its own added. */
	struct ar_tracker *theirs = make_tracker();
	struct ar_item *t3 = ar_item_clone(theirs, item(theirs, 3));
	ar_item_set_topic(theirs, t3, "Changed elsewhere");
	ar_tracker_replace_item(theirs, 2, t3);
	ar_tracker_remove_item(theirs, 3);
	struct ar_item *t11 = ar_item_new(theirs, 11);
	ar_item_set_topic(theirs, t11, "Their eleven");
	ar_tracker_append_item(theirs, t11);

	struct ar_edits *onto = ar_edits_new(theirs);
	assert_false(ar_edits_is_dirty(onto));
	struct ar_diags conflicts = {0};
	size_t applied = 0;
	assert_int_equal(ar_edits_reapply(e, onto, &applied, &conflicts), AR_ECHANGED);
	assert_int_equal(applied, 4); /* 1, 2, 10, and 5 removed */
	assert_int_equal(conflicts.count, 3);
	assert_string_equal(conflicts.items[0].message,
	                    "item 3 was also changed in the file; your changes to it were not re-applied");
	assert_string_equal(conflicts.items[1].message,
	                    "item 4 was removed from the file; your changes to it were not re-applied");
	assert_string_equal(conflicts.items[2].message,
	                    "the file now has a different item 11; your new item 11 was not added");

	/* The user's tracker is untouched, so it can still be saved elsewhere. */
	assert_int_equal(item(mine, 3)->status, AR_STATUS_CLOSED);
	ar_edits_free(e);
	ar_tracker_free(mine);

	/* What was re-applied lives in the new tracker's arena. */
	assert_int_equal(item(theirs, 1)->status, AR_STATUS_COMPLETED);
	assert_int_equal(item(theirs, 1)->meeting, 20230921);
	assert_non_null(ar_tracker_find_meeting(theirs, 20230921));
	assert_int_equal(item(theirs, 2)->update_count, 2);
	assert_string_equal(item(theirs, 2)->updates[1].text, "Officer’s update – done");
	assert_int_equal(item(theirs, 2)->due, AR_DATE_NONE);
	assert_string_equal(item(theirs, 3)->topic, "Changed elsewhere");
	assert_int_equal(item(theirs, 3)->status, AR_STATUS_OPEN);
	assert_null(item(theirs, 4));
	assert_null(item(theirs, 5));
	assert_int_equal(ar_tracker_find_index(theirs, 10), 0);
	assert_string_equal(item(theirs, 10)->topic, "Ten");
	assert_string_equal(item(theirs, 11)->topic, "Their eleven");

	/* The re-application is one undoable step, and unsaved. */
	assert_true(ar_edits_is_dirty(onto));
	assert_string_equal(ar_edits_undo_label(onto), "re-apply unsaved edits");
	assert_true(ar_edits_undo(onto, NULL));
	assert_false(ar_edits_is_dirty(onto));
	assert_int_equal(item(theirs, 1)->status, AR_STATUS_OPEN);
	assert_null(ar_tracker_find_meeting(theirs, 20230921));
	assert_non_null(item(theirs, 5));
	assert_null(item(theirs, 10));
	ar_diags_free(&conflicts);
	ar_edits_free(onto);
	ar_tracker_free(theirs);
}

static void test_reapply_clean(void **state)
{
	/* Saved edits are not re-applied; unsaved ones are, with no conflict. */
	struct ar_tracker *mine = make_tracker();
	struct ar_edits *e = ar_edits_new(mine);
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(e, 1, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	ar_edits_mark_saved(e);
	assert_int_equal(ar_edits_set_field(e, 2, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	struct ar_tracker *theirs = make_tracker(); /* item 1 is open on disk: changed since the save */
	struct ar_edits *onto = ar_edits_new(theirs);
	struct ar_diags conflicts = {0};
	size_t applied = 0;
	assert_int_equal(ar_edits_reapply(e, onto, &applied, &conflicts), AR_OK);
	assert_int_equal(applied, 1);
	assert_int_equal(conflicts.count, 0);
	assert_int_equal(item(theirs, 1)->status, AR_STATUS_OPEN);
	assert_int_equal(item(theirs, 2)->status, AR_STATUS_CLOSED);
	ar_diags_free(&conflicts);
	ar_edits_free(onto);
	ar_edits_free(e);
	ar_tracker_free(mine);
	ar_tracker_free(theirs);
}

/* Taking one side's field (a conflict resolved, a merge on save) keeps the
 * item's comments in the file: it is the same item in its place. */
static void test_take_field_keeps_comments(void **state)
{
	(void)state;
	const char *text = "artrack: 1\nitems:\n- id: 1\n  topic: T\n  kind: action\n  # why\n"
	                   "  status: completed  # done?\n  due: 2024-01  # agreed\n";
	struct ar_tracker *file = NULL, *mine = NULL;
	struct ar_diags diags = {0};
	assert_int_equal(ar_load_buffer(text, strlen(text), &file, &diags), AR_OK);
	assert_int_equal(ar_load_buffer(text, strlen(text), &mine, &diags), AR_OK);
	struct ar_item *m = ar_item_clone(mine, mine->items[0]);
	m->status = AR_STATUS_CLOSED;
	ar_tracker_replace_item(mine, 0, m);
	struct ar_edits *onto = ar_edits_new(file);
	assert_int_equal(ar_edits_take_field(onto, mine, 1, "status"), AR_OK);
	struct ar_buf out = {0};
	struct ar_error err = {0};
	assert_int_equal(ar_save_buffer(file, &out, &err), AR_OK);
	assert_non_null(strstr(out.data, "  # why\n  status: closed"));
	assert_non_null(strstr(out.data, "  due: 2024-01  # agreed\n"));
	ar_buf_free(&out);
	ar_diags_free(&diags);
	ar_edits_free(onto);
	ar_tracker_free(file);
	ar_tracker_free(mine);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_field_undo_redo),
		cmocka_unit_test(test_decisions_bring_dates),
		cmocka_unit_test(test_saved_point),
		cmocka_unit_test(test_add_update),
		cmocka_unit_test(test_field_validation),
		cmocka_unit_test(test_meeting_added_and_removed),
		cmocka_unit_test(test_replace_insert_remove_group),
		cmocka_unit_test(test_item_equal_and_copy),
		cmocka_unit_test(test_reapply_after_reload),
		cmocka_unit_test(test_reapply_editor_comments),
		cmocka_unit_test(test_reapply_merge_fields),
		cmocka_unit_test(test_tracker_and_meeting_fields),
		cmocka_unit_test(test_reapply_tracker_meetings_unsound),
		cmocka_unit_test(test_reapply_removed_and_changed),
		cmocka_unit_test(test_reapply_clean),
		cmocka_unit_test(test_take_field_keeps_comments),
	};
	return cmocka_run_group_tests_name("edit", tests, NULL, NULL);
}
