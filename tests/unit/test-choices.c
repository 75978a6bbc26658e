/* test-choices.c - the one explanation of a word that names none of a list,
 * and the nearest valid word it suggests. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "artrack/choices.h"
#include "artrack/tracker.h"
#include "artrack/view.h"

static unsigned nearest_status(const char *typed)
{
	return ar_choice_nearest(ar_status_names, AR_STATUS_COUNT, typed, strlen(typed));
}

static void test_nearest(void **state)
{
	(void)state;
	assert_int_equal(nearest_status("compelted"), 1u << AR_STATUS_COMPLETED); /* a swap */
	assert_int_equal(nearest_status("complted"), 1u << AR_STATUS_COMPLETED);  /* a letter left out */
	assert_int_equal(nearest_status("COMPLETD"), 1u << AR_STATUS_COMPLETED);  /* any case */
	assert_int_equal(nearest_status("opne"), 1u << AR_STATUS_OPEN);
	assert_int_equal(nearest_status("in-prgress"), 1u << AR_STATUS_IN_PROGRESS);
	assert_int_equal(nearest_status("compel"), 1u << AR_STATUS_COMPLETED);    /* a slip in a prefix */
	assert_int_equal(nearest_status("prog"), 1u << AR_STATUS_IN_PROGRESS);    /* a prefix is itself */
	assert_int_equal(nearest_status("c"), 1u << AR_STATUS_COMPLETED | 1u << AR_STATUS_CLOSED);
	/* Nothing near: no guess rather than a wrong one. */
	assert_int_equal(nearest_status("done"), 0);
	assert_int_equal(nearest_status("xy"), 0);
	assert_int_equal(nearest_status(""), 0);
	assert_int_equal(nearest_status("frobnicated-beyond-all-recognition"), 0);
	/* The response names start with the action's empty one, which never fits. */
	assert_int_equal(ar_choice_nearest(ar_response_names, AR_RESPONSE_COUNT, "rejectd", 7),
	                 1u << AR_RESPONSE_REJECTED);
	/* Two equally near. */
	static const char *const names[] = {"lead", "load"};
	assert_int_equal(ar_choice_nearest(names, 2, "laad", 4), 3u);
}

static void explain(const char *typed, const char *note, const char *want)
{
	struct ar_buf out = {0};
	unsigned fitting;
	int found = ar_enum_match(ar_status_names, AR_STATUS_COUNT, typed, strlen(typed), &fitting);
	ar_choice_explain(&out, ar_status_names, AR_STATUS_COUNT, typed, strlen(typed), found, fitting, note);
	assert_string_equal(out.data, want);
	ar_buf_free(&out);
}

static void test_explain(void **state)
{
	(void)state;
	explain("bogus", NULL, "'bogus' is not one of open, in-progress, completed, closed");
	explain("compelted", NULL,
	        "'compelted': did you mean completed? (not one of open, in-progress, completed, closed)");
	explain("cl0sed", "or none", "'cl0sed': did you mean closed? (not one of open, in-progress, completed, "
	                             "closed; or none)");
	explain("xyzzy", "or none", "'xyzzy' is not one of open, in-progress, completed, closed (or none)");
	explain("c", NULL, "'c' is ambiguous (completed, closed)");

	struct ar_buf out = {0};
	static const char *const names[] = {"lead", "load", "list"};
	ar_choice_suggest(&out, names, 3, "laad", 4);
	assert_string_equal(out.data, "; did you mean lead or load?");
	ar_buf_reset(&out);
	ar_buf_adds(&out, "");
	ar_choice_suggest(&out, names, 3, "zzzz", 4);
	assert_string_equal(out.data, "");
	ar_buf_free(&out);

	struct ar_error err;
	ar_choice_error(&err, 3, 7, "status", ar_status_names, AR_STATUS_COUNT, "opem", 4, -1, 0);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 7);
	assert_string_equal(err.message, "status: 'opem': did you mean open? "
	                                 "(not one of open, in-progress, completed, closed)");
}

/* Sort keys are matched by the enumeration matcher and explained alike. */
static void test_sort_keys(void **state)
{
	(void)state;
	enum ar_sort_key key;
	bool desc;
	struct ar_error err;
	assert_int_equal(ar_sort_parse("-upd", &key, &desc, &err), AR_OK);
	assert_int_equal(key, AR_SORT_UPDATED);
	assert_true(desc);
	assert_int_equal(ar_sort_parse("TOPIC", &key, &desc, &err), AR_OK);
	assert_int_equal(key, AR_SORT_TOPIC);
	assert_int_equal(ar_sort_parse("-tpoic", &key, &desc, &err), AR_EUSAGE);
	assert_string_equal(err.message, "sort key 'tpoic': did you mean topic? (not one of id, meeting, status, "
	                                 "response, due, updated, lead, topic; -KEY for descending)");
	assert_int_equal(ar_sort_parse("", &key, &desc, &err), AR_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nearest),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_sort_keys),
	};
	return cmocka_run_group_tests_name("choices", tests, NULL, NULL);
}
