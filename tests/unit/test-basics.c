/* test-basics.c - dates, the arena, buffers, the hash and the item model. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/alloc.h"
#include "artrack/date.h"
#include "artrack/error.h"
#include "artrack/hash.h"
#include "artrack/item_check.h"
#include "artrack/tracker.h"

static void test_date_parse(void **state)
{
	ar_date d;
	assert_true(ar_date_parse("2023-09-21", 10, false, &d));
	assert_int_equal(d, 20230921);
	assert_false(ar_date_parse("2023-02-30", 10, false, &d));
	assert_true(ar_date_parse("2024-02-29", 10, false, &d));
	assert_false(ar_date_parse("2023-02-29", 10, false, &d));
	assert_false(ar_date_parse("2024-04", 7, false, &d));
	assert_true(ar_date_parse("2024-04", 7, true, &d));
	assert_int_equal(d, 20240400);
	assert_false(ar_date_parse("2024-4-01", 9, true, &d));
	assert_false(ar_date_parse("2024-13-01", 10, true, &d));
	assert_false(ar_date_parse("20x4-01-01", 10, true, &d));
	char buf[AR_DATE_TEXT_MAX];
	assert_string_equal(ar_date_format(20240400, buf), "2024-04");
	assert_string_equal(ar_date_format(20230921, buf), "2023-09-21");
	assert_string_equal(ar_date_format(AR_DATE_NONE, buf), "");
}

static void test_arena_and_buf(void **state)
{
	struct ar_arena *a = ar_arena_new();
	char *big = ar_arena_alloc(a, 1 << 20);
	char *s = ar_arena_strndup(a, "hello world", 5);
	assert_string_equal(s, "hello");
	big[(1 << 20) - 1] = 'x';
	for (int i = 0; i < 10000; i++)
		assert_non_null(ar_arena_strdup(a, "a string of some length"));
	assert_true(ar_arena_used(a) >= (1 << 20));
	ar_arena_free(a);

	struct ar_buf b = {0};
	ar_buf_adds(&b, "id=");
	ar_buf_addf(&b, "%d", 42);
	ar_buf_addc(&b, '!');
	assert_string_equal(b.data, "id=42!");
	size_t len;
	char *p = ar_buf_steal(&b, &len);
	assert_int_equal(len, 6);
	assert_null(b.data);
	free(p);
}

/* The one array-growth helper: doubles from the first size, jumps to what is
 * needed, keeps the elements, and leaves an array with room alone. */
/* The one civil-date count (dates and lock times share it). */
static void test_days_from_civil(void **state)
{
	assert_int_equal(ar_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(ar_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(ar_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(ar_days_from_civil(2024, 3, 1) - ar_days_from_civil(2024, 2, 28), 2); /* leap day */
	assert_int_equal(ar_date_add_days(ar_date_make(2023, 12, 31), 1), ar_date_make(2024, 1, 1));
}

static void test_grow_array(void **state)
{
	long *items = NULL;
	size_t cap = 0;
	AR_GROW(items, cap, 1, 4);
	assert_non_null(items);
	assert_int_equal(cap, 4);
	for (long i = 0; i < 4; i++)
		items[i] = i;
	long *before = items;
	AR_GROW(items, cap, 4, 4); /* room already */
	assert_ptr_equal(items, before);
	assert_int_equal(cap, 4);
	AR_GROW(items, cap, 5, 4);
	assert_int_equal(cap, 8);
	AR_GROW(items, cap, 100, 4);
	assert_int_equal(cap, 128);
	for (long i = 0; i < 4; i++)
		assert_int_equal(items[i], i);
	free(items);
}

static void test_hash_pieces(void **state)
{
	const char *text = "0123456789abcdefghijklmnopqrstuvwxyz";
	uint64_t whole = ar_hash64(AR_HASH_INIT, text, strlen(text));
	uint64_t parts = ar_hash64(ar_hash64(AR_HASH_INIT, text, 16), text + 16, strlen(text) - 16);
	assert_true(whole == parts);
	assert_true(whole != ar_hash64(AR_HASH_INIT, text, strlen(text) - 1));
}

static void test_diags_sorted(void **state)
{
	struct ar_diags d = {0};
	ar_diags_add(&d, 5, 1, "later");
	ar_diags_add(&d, 2, 7, "first %s", "one");
	ar_diags_add(&d, 2, 9, "second");
	ar_diags_sort(&d);
	assert_int_equal(d.count, 3);
	assert_string_equal(d.items[0].message, "first one");
	assert_string_equal(d.items[2].message, "later");
	ar_diags_free(&d);
}

static void test_tracker_items(void **state)
{
	struct ar_tracker *t = ar_tracker_new();
	for (long id = 1; id <= 100; id++) {
		struct ar_item *it = ar_item_new(t, id * 3);
		ar_item_set_topic(t, it, "Topic");
		ar_tracker_append_item(t, it);
	}
	assert_int_equal(ar_tracker_find_index(t, 30), 9);
	assert_null(ar_tracker_find_item(t, 31));
	assert_int_equal(ar_tracker_max_id(t), 300);

	const struct ar_item *orig = ar_tracker_find_item(t, 30);
	struct ar_item *copy = ar_item_clone(t, orig);
	const char *leads[] = {"Julie Dandridge", "Daniel Leveson"};
	ar_item_set_leads(t, copy, leads, 2);
	struct ar_update u = {.date = 20230921, .text = "The ICB have managed to recruit"};
	ar_item_add_update(t, copy, &u);
	uint64_t gen = t->generation;
	struct ar_item *old = ar_tracker_replace_item(t, 9, copy);
	assert_true(old == orig);
	assert_true(t->generation > gen);
	assert_int_equal(old->lead_count, 0);
	assert_int_equal(old->update_count, 0);
	assert_string_equal(ar_tracker_find_item(t, 30)->leads[1], "Daniel Leveson");
	assert_int_equal(ar_item_updated(ar_tracker_find_item(t, 30)), 20230921);

	ar_tracker_remove_item(t, 0);
	assert_int_equal(ar_tracker_find_index(t, 30), 8);
	ar_tracker_insert_item(t, 0, ar_item_new(t, 1000));
	assert_int_equal(ar_tracker_find_index(t, 1000), 0);
	assert_int_equal(ar_tracker_find_index(t, 30), 9);

	ar_tracker_add_meeting(t, 20221124, "24 November 2022 Meeting");
	assert_non_null(ar_tracker_find_meeting(t, 20221124));
	assert_null(ar_tracker_find_meeting(t, 20221125));
	assert_int_equal(ar_enum_lookup(ar_status_names, AR_STATUS_COUNT, "in-progress", 11), AR_STATUS_IN_PROGRESS);
	assert_int_equal(ar_enum_lookup(ar_response_names, AR_RESPONSE_COUNT, "", 0), -1);
	ar_tracker_free(t);
}

struct faults {
	char text[1024];
	enum ar_item_key keys[8];
	size_t count;
};

static void collect(void *context, enum ar_item_key key, const char *message)
{
	struct faults *f = context;
	if (f->count < 8)
		f->keys[f->count] = key;
	f->count++;
	strncat(f->text, message, sizeof f->text - strlen(f->text) - 2);
	strcat(f->text, "\n");
}

/* One rule for what makes an item valid: every rule, and the optional ones. */
static void test_item_check(void **state)
{
	(void)state;
	struct ar_tracker *t = ar_tracker_new();
	ar_tracker_add_meeting(t, 20221124, NULL);
	struct ar_item *one = ar_item_new(t, 1);
	ar_item_set_topic(t, one, "One");
	ar_tracker_append_item(t, one);

	struct ar_item *v = ar_item_new(t, 1);
	v->meeting = 20231130;
	v->response = AR_RESPONSE_ACCEPTED;
	struct faults f = {0};
	assert_int_equal(ar_item_check(t, v, 0, AR_ITEM_CHECK_ALL, collect, &f), 4);
	assert_string_equal(f.text, "duplicate id 1 (another item has it)\n"
	                            "meeting 2023-11-30 is not in meetings\n"
	                            "item has neither 'topic' nor 'text'\n"
	                            "an action has no response\n");
	assert_int_equal(f.keys[0], AR_ITEM_KEY_ID);
	assert_int_equal(f.keys[1], AR_ITEM_KEY_MEETING);
	assert_int_equal(f.keys[2], AR_ITEM_KEY_COUNT);
	assert_int_equal(f.keys[3], AR_ITEM_KEY_RESPONSE);

	/* The loader checks ids and meetings of a whole file itself. */
	memset(&f, 0, sizeof f);
	assert_int_equal(ar_item_check(t, v, 0, 0, collect, &f), 2);
	/* Replacing item 1 by itself is no duplicate. */
	v->meeting = 20221124;
	v->kind = AR_KIND_RECOMMENDATION;
	ar_item_set_text(t, v, "Text");
	memset(&f, 0, sizeof f);
	assert_int_equal(ar_item_check(t, v, 1, AR_ITEM_CHECK_ALL, collect, &f), 0);
	v->response = AR_RESPONSE_NONE;
	struct ar_error err;
	assert_int_equal(ar_item_check_error(t, v, 1, &err), AR_EUSAGE);
	assert_string_equal(err.message, "a recommendation needs a response (pending when there is none yet)");
	v->id = 0;
	v->response = AR_RESPONSE_PENDING;
	assert_int_equal(ar_item_check_error(t, v, 0, &err), AR_EUSAGE);
	assert_string_equal(err.message, "id must be a positive integer, not 0");
	ar_tracker_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_arena_and_buf),
		cmocka_unit_test(test_grow_array),
		cmocka_unit_test(test_days_from_civil),
		cmocka_unit_test(test_hash_pieces),
		cmocka_unit_test(test_diags_sorted),
		cmocka_unit_test(test_tracker_items),
		cmocka_unit_test(test_item_check),
	};
	return cmocka_run_group_tests_name("basics", tests, NULL, NULL);
}
