/* test-change.c - assignments, bulk changes as one step, new items and the
 * change lines (change.h). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/change.h"
#include "artrack/diff.h"
#include "artrack/undo.h"

#define MEETING 20221124

static struct ar_tracker *make_tracker(size_t count)
{
	struct ar_tracker *t = ar_tracker_new();
	ar_tracker_add_meeting(t, MEETING, "24 November 2022 Meeting");
	ar_tracker_add_meeting(t, 20230921, NULL);
	for (long id = 1; id <= (long)count; id++) {
		struct ar_item *it = ar_item_new(t, id);
		ar_item_set_topic(t, it, "Topic");
		it->meeting = MEETING;
		if (id % 2 == 0) {
			it->kind = AR_KIND_RECOMMENDATION;
			it->response = AR_RESPONSE_PENDING;
		}
		const char *leads[] = {"Julie Dandridge"};
		ar_item_set_leads(t, it, leads, 1);
		ar_tracker_append_item(t, it);
	}
	return t;
}

static void test_assignment_parse(void **state)
{
	(void)state;
	struct ar_assignment a;
	struct ar_error err;
	assert_int_equal(ar_assignment_parse("status=completed", &a, &err), AR_OK);
	assert_int_equal(a.field->key, AR_ITEM_KEY_STATUS);
	assert_int_equal(a.op, AR_ASSIGN_SET);
	assert_string_equal(a.value, "completed");
	assert_int_equal(ar_assignment_parse("lead+=Ansaf Azhar", &a, &err), AR_OK);
	assert_int_equal(a.op, AR_ASSIGN_ADD);
	assert_string_equal(a.value, "Ansaf Azhar");
	assert_int_equal(ar_assignment_parse("lead-=X", &a, &err), AR_OK);
	assert_int_equal(a.op, AR_ASSIGN_REMOVE);
	assert_int_equal(ar_assignment_parse("due=", &a, &err), AR_OK);
	assert_string_equal(a.value, "");
	assert_int_equal(ar_assignment_parse("text=a=b", &a, &err), AR_OK);
	assert_string_equal(a.value, "a=b");

	assert_int_equal(ar_assignment_parse("colour=red", &a, &err), AR_EUSAGE);
	assert_non_null(strstr(err.message, "'colour=red': unknown field: 'colour' is not one of status, response"));
	assert_int_equal(ar_assignment_parse("status", &a, &err), AR_EUSAGE);
	assert_int_equal(ar_assignment_parse("=x", &a, &err), AR_EUSAGE);
	assert_int_equal(ar_assignment_parse("status+=open", &a, &err), AR_EUSAGE);
	assert_int_equal(ar_assignment_parse("lead+=", &a, &err), AR_EUSAGE);
	/* every row of the table names a field the edits can set */
	for (size_t i = 0; i < ar_field_count; i++)
		assert_true(ar_fields[i].key < AR_ITEM_KEY_COUNT && ar_fields[i].key != AR_ITEM_KEY_ID);
}

static void test_assign_items_one_step(void **state)
{
	(void)state;
	struct ar_tracker *t = make_tracker(6);
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err;
	struct ar_assignment as[3];
	assert_int_equal(ar_assignment_parse("status=comp", &as[0], &err), AR_OK);
	assert_int_equal(ar_assignment_parse("lead+=Ansaf Azhar", &as[1], &err), AR_OK);
	assert_int_equal(ar_assignment_parse("due=2024-06", &as[2], &err), AR_OK);
	long ids[] = {2, 4, 6};
	assert_int_equal(ar_edits_assign_items(e, ids, 3, as, 3, "set on 3 items", &err, NULL), AR_OK);
	for (int i = 0; i < 3; i++) {
		const struct ar_item *it = ar_tracker_find_item(t, ids[i]);
		assert_int_equal(it->status, AR_STATUS_COMPLETED);
		assert_int_equal(it->lead_count, 2);
		assert_string_equal(it->leads[1], "Ansaf Azhar");
		assert_int_equal(it->due, 20240600);
	}
	assert_int_equal(ar_tracker_find_item(t, 1)->status, AR_STATUS_OPEN);
	assert_string_equal(ar_edits_undo_label(e), "set on 3 items");
	assert_true(ar_edits_undo(e, NULL));
	assert_false(ar_edits_can_undo(e)); /* it was one step */
	assert_int_equal(ar_tracker_find_item(t, 4)->status, AR_STATUS_OPEN);
	assert_int_equal(ar_tracker_find_item(t, 4)->lead_count, 1);
	assert_false(ar_edits_is_dirty(e));

	/* lead-= takes a lead out; a lead that is not there is no change */
	assert_int_equal(ar_assignment_parse("lead-=Julie Dandridge", &as[0], &err), AR_OK);
	assert_int_equal(ar_edits_assign(e, 1, &as[0], &err), AR_OK);
	assert_int_equal(ar_tracker_find_item(t, 1)->lead_count, 0);
	assert_true(ar_edits_can_undo(e));
	assert_true(ar_edits_undo(e, NULL));
	assert_int_equal(ar_assignment_parse("lead-=Nobody", &as[0], &err), AR_OK);
	assert_int_equal(ar_edits_assign(e, 1, &as[0], &err), AR_OK);
	assert_false(ar_edits_can_undo(e));

	/* All or nothing: a response for an action (item 3) undoes what went before. */
	assert_int_equal(ar_assignment_parse("status=closed", &as[0], &err), AR_OK);
	assert_int_equal(ar_assignment_parse("response=acc", &as[1], &err), AR_OK);
	long mixed[] = {2, 3, 4};
	long failed = 0;
	assert_int_equal(ar_edits_assign_items(e, mixed, 3, as, 2, "set", &err, &failed), AR_EUSAGE);
	assert_int_equal(failed, 3);
	assert_non_null(strstr(err.message, "item 3 is an action"));
	assert_int_equal(ar_tracker_find_item(t, 2)->status, AR_STATUS_OPEN);
	assert_int_equal(ar_tracker_find_item(t, 2)->response, AR_RESPONSE_PENDING);
	assert_false(ar_edits_can_undo(e));
	assert_string_equal(ar_edits_redo_label(e), "set leads of item 1"); /* nothing half-done to redo */
	assert_false(ar_edits_is_dirty(e));

	/* A meeting that is not in meetings is refused, not made. */
	assert_int_equal(ar_assignment_parse("meeting=2023-12-01", &as[0], &err), AR_OK);
	assert_int_equal(ar_edits_assign_items(e, ids, 3, as, 1, "set", &err, &failed), AR_EUSAGE);
	assert_string_equal(err.message, "meeting 2023-12-01 is not in meetings");
	assert_int_equal(t->meeting_count, 2);
	ar_edits_free(e);
	ar_tracker_free(t);
}

static void test_new_items(void **state)
{
	(void)state;
	struct ar_tracker *t = make_tracker(3);
	struct ar_item *a = ar_item_new_next(t, 20230921, AR_KIND_RECOMMENDATION);
	assert_int_equal(a->id, 4);
	assert_int_equal(a->meeting, 20230921);
	assert_int_equal(a->status, AR_STATUS_OPEN);
	assert_int_equal(a->response, AR_RESPONSE_PENDING);
	assert_null(a->topic);
	struct ar_item *model = ar_item_clone(t, ar_tracker_find_item(t, 2));
	model->due = 20240100;
	model->status = AR_STATUS_CLOSED;
	ar_item_set_text(t, model, "Text");
	struct ar_item *like = ar_item_new_like(t, model);
	assert_int_equal(like->id, 4);
	assert_int_equal(like->meeting, MEETING);
	assert_int_equal(like->kind, AR_KIND_RECOMMENDATION);
	assert_int_equal(like->lead_count, 1);
	assert_string_equal(like->leads[0], "Julie Dandridge");
	assert_int_equal(like->status, AR_STATUS_OPEN);
	assert_int_equal(like->due, AR_DATE_NONE);
	assert_null(like->text);
	assert_int_equal(like->update_count, 0);
	struct ar_tracker *empty = ar_tracker_new();
	assert_int_equal(ar_tracker_next_id(empty), 1);
	ar_tracker_free(empty);
	ar_tracker_free(t);
}

/* What an edit did, in diff's words. */
static void test_describe_changes(void **state)
{
	(void)state;
	struct ar_tracker *t = make_tracker(2);
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err;
	const struct ar_item *before = ar_tracker_find_item(t, 2);
	struct ar_assignment as[4];
	assert_int_equal(ar_assignment_parse("status=comp", &as[0], &err), AR_OK);
	assert_int_equal(ar_assignment_parse("response=rej", &as[1], &err), AR_OK);
	assert_int_equal(ar_assignment_parse("rag=amb", &as[2], &err), AR_OK);
	assert_int_equal(ar_assignment_parse("responded=2023-12-14", &as[3], &err), AR_OK);
	long id = 2;
	assert_int_equal(ar_edits_assign_items(e, &id, 1, as, 4, "set", &err, NULL), AR_OK);
	struct ar_diff diff = {0};
	ar_diff_items(t, before, ar_tracker_find_item(t, 2), &diff);
	struct ar_buf out = {0};
	ar_diff_format(&out, &diff, AR_DIFF_TEXT);
	assert_string_equal(out.data, "2: status open -> completed\n"
	                              "2: response pending -> rejected\n"
	                              "2: responded (none) -> 2023-12-14\n"
	                              "2: rag (none) -> amber\n");
	ar_buf_free(&out);
	ar_diff_free(&diff);
	ar_edits_free(e);
	ar_tracker_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assignment_parse),
		cmocka_unit_test(test_assign_items_one_step),
		cmocka_unit_test(test_new_items),
		cmocka_unit_test(test_describe_changes),
	};
	return cmocka_run_group_tests_name("change", tests, NULL, NULL);
}
