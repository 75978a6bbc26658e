/* test-import.c - the importer: the reference paper, each feature of the
 * copied table, the plain-text form, and input that holds no tracker. */
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
#include "artrack/date.h"
#include "artrack/error.h"
#include "artrack/filesafe.h"
#include "artrack/format.h"
#include "artrack/import.h"
#include "artrack/tracker.h"
#include "artrack/view.h"
#include "artrack/yamlio.h"

#define REFERENCE "tests/data/hosc-tracker-2023-09-21.txt"
#define BUNDLED "data/hosc-2023-09-21.yaml"

/* The bytes of a file under the source tree. */
static char *read_source(const char *relative, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", top ? top : ".", relative);
	struct ar_buf buf = {0};
	if (ar_read_file(path, &buf) != 0)
		fail_msg("cannot read %s", path);
	return ar_buf_steal(&buf, len);
}

static struct ar_tracker *import_source(const char *relative, struct ar_diags *warnings)
{
	size_t len;
	char *text = read_source(relative, &len);
	struct ar_tracker *t = NULL;
	struct ar_error err = {0};
	enum ar_rc rc = ar_import_text(text, len, &t, warnings, &err);
	if (rc != AR_OK)
		fail_msg("%s: %d: %s", relative, err.line, err.message);
	free(text);
	return t;
}

static struct ar_tracker *import_string(const char *text, struct ar_diags *warnings)
{
	struct ar_tracker *t = NULL;
	struct ar_error err = {0};
	enum ar_rc rc = ar_import_text(text, strlen(text), &t, warnings, &err);
	if (rc != AR_OK)
		fail_msg("import: %d: %s", err.line, err.message);
	return t;
}

static const struct ar_item *item(const struct ar_tracker *t, long id)
{
	const struct ar_item *it = ar_tracker_find_item(t, id);
	if (!it)
		fail_msg("no item %ld", id);
	return it;
}

static void assert_leads(const struct ar_item *it, size_t count, ...)
{
	assert_int_equal(it->lead_count, count);
	va_list ap;
	va_start(ap, count);
	for (size_t i = 0; i < count; i++)
		assert_string_equal(it->leads[i], va_arg(ap, const char *));
	va_end(ap);
}

static bool in_list(long id, const long *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* ---- the reference paper ---- */

static void test_reference_is_the_bundled_tracker(void **state)
{
	size_t len, want_len;
	char *text = read_source(REFERENCE, &len);
	char *want = read_source(BUNDLED, &want_len);
	struct ar_buf yaml = {0};
	struct ar_diags warnings = {0};
	struct ar_error err = {0};
	assert_int_equal(ar_import_yaml(text, len, &yaml, &warnings, &err), AR_OK);
	assert_int_equal(yaml.len, want_len);
	assert_memory_equal(yaml.data, want, want_len);

	/* the twelve SEND rows are the only guesses, each at its own line */
	static const int lines[] = {86, 92, 93, 98, 99, 104, 105, 110, 111, 119, 120, 128};
	assert_int_equal(warnings.count, 12);
	for (size_t i = 0; i < 12; i++) {
		char msg[80];
		snprintf(msg, sizeof msg, "row without an item number: given id %zu", 25 + i);
		assert_int_equal(warnings.items[i].line, lines[i]);
		assert_string_equal(warnings.items[i].message, msg);
	}
	ar_diags_free(&warnings);
	ar_buf_free(&yaml);
	free(want);
	free(text);
}

static void test_reference_header_and_meetings(void **state)
{
	struct ar_tracker *t = import_source(REFERENCE, NULL);
	assert_string_equal(t->committee, "Health Overview and Scrutiny Committee");
	assert_string_equal(t->title, "Consolidated Action and Recommendation Tracker");
	assert_int_equal(t->as_of, 20230921);

	static const struct { ar_date date; const char *title; } meetings[] = {
		{20221124, "24 November 2022 Meeting"}, {20220310, "10 March 2022 Meeting"},
		{20220714, "14 July Meeting 2022"}, {20220922, "22 September 2022 Meeting"},
		{20230209, "9 February 2023 Meeting"}, {20230511, "11 May 2023 Meeting"},
		{20230921, "21 September 2023 Meeting"}};
	assert_int_equal(t->meeting_count, 7);
	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(t->meetings[i].date, meetings[i].date);
		assert_string_equal(t->meetings[i].title, meetings[i].title);
	}

	/* each item belongs to the heading before it; the repeated 24 November
	 * heading is the same meeting */
	static const ar_date meeting_of[37] = {0, AR_DATE_NONE, 20221124, 20221124, 20220310, 20220310,
		20220310, 20220714, 20220922, 20220922, 20220922, 20221124, 20221124, 20230209, 20230209,
		20230511, 20230511};
	assert_int_equal(t->item_count, 36);
	for (long id = 1; id <= 36; id++) {
		assert_int_equal(t->items[id - 1]->id, id);
		assert_int_equal(item(t, id)->meeting, id <= 16 ? meeting_of[id] : 20230921);
	}
	ar_tracker_free(t);
}

static void test_reference_kinds_responses_status_due(void **state)
{
	struct ar_tracker *t = import_source(REFERENCE, NULL);
	static const long accepted[] = {17, 18, 19, 24};
	static const long in_progress[] = {1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
	for (long id = 1; id <= 36; id++) {
		const struct ar_item *it = item(t, id);
		bool recommendation = id == 2 || id >= 17;
		assert_int_equal(it->kind, recommendation ? AR_KIND_RECOMMENDATION : AR_KIND_ACTION);
		enum ar_response want = !recommendation ? AR_RESPONSE_NONE
			: in_list(id, accepted, 4) ? AR_RESPONSE_ACCEPTED
			: id == 20 ? AR_RESPONSE_NOTED
			: id == 21 ? AR_RESPONSE_REJECTED
			: AR_RESPONSE_PENDING;
		assert_int_equal(it->response, want);
		assert_int_equal(it->status, in_list(id, in_progress, 12) ? AR_STATUS_IN_PROGRESS : AR_STATUS_OPEN);
		/* "update … in April 2024" */
		bool april = id == 17 || id == 18 || id == 19 || id >= 24;
		assert_int_equal(it->due, april ? 20240400 : AR_DATE_NONE);
		assert_non_null(it->topic);
		assert_non_null(it->text);
		assert_true(it->update_count >= 1);
		for (size_t u = 0; u < it->update_count; u++)
			assert_int_equal(it->updates[u].date, AR_DATE_NONE); /* the paper dates none */
	}
	ar_tracker_free(t);
}

static void test_reference_leads(void **state)
{
	struct ar_tracker *t = import_source(REFERENCE, NULL);
	assert_leads(item(t, 1), 2, "Tom Hudson", "Omid Nouri");
	assert_leads(item(t, 2), 2, "Julie Dandridge", "Daniel Leveson");
	assert_leads(item(t, 3), 1, "Karen Fuller, OCC");
	assert_leads(item(t, 5), 1, "BOB HOSC, BOB ICS");
	assert_leads(item(t, 6), 2, "Omid Nouri", "Cllr Nigel Champken- Woods");
	/* two lines of the lead cell run together with two spaces */
	assert_leads(item(t, 7), 2, "Cllrs Hanna, Edosomwan, Barrow and Barbara Shaw", "Omid Nouri");
	assert_leads(item(t, 12), 2, "Omid Nouri, OH, Karen", "Stephen Chandler");
	assert_leads(item(t, 15), 2, "Hugh O' Keefe NHSE", "Daniel Leveson BOB ICB");
	assert_leads(item(t, 16), 2, "Hugh O’ Keefe NHSE", "Daniel Leveson BOB ICB");
	for (long id = 17; id <= 21; id++)
		assert_leads(item(t, id), 1, "Derys Pragnell");
	assert_leads(item(t, 22), 0);
	assert_leads(item(t, 23), 2, "Derys Pragnell", "Omid Nouri");
	assert_leads(item(t, 24), 1, "David Munday");
	for (long id = 25; id <= 36; id++)
		assert_leads(item(t, id), 3, "Stephen Chandler", "Anne Coyle", "Rachel Corser");
	ar_tracker_free(t);
}

static void assert_update(const struct ar_item *it, size_t index, const char *label, const char *text)
{
	assert_true(index < it->update_count);
	if (label)
		assert_string_equal(it->updates[index].label, label);
	else
		assert_null(it->updates[index].label);
	assert_string_equal(it->updates[index].text, text);
}

static void test_reference_texts_and_updates(void **state)
{
	struct ar_tracker *t = import_source(REFERENCE, NULL);
	const struct ar_item *it;

	it = item(t, 1);
	assert_string_equal(it->topic, "Minutes of 23 September 2022");
	assert_int_equal(it->update_count, 2);
	assert_update(it, 0, NULL, "To be actioned in the new municipal year for 23/24.");
	assert_update(it, 1, "Update", "OCC scrutiny are working up a training proposal with CfGS.");

	it = item(t, 2);
	assert_true(strncmp(it->text, "Specified roles are filled within the ICB", 41) == 0);
	assert_int_equal(it->update_count, 1);
	assert_string_equal(it->updates[0].label, "Progress/update response");

	it = item(t, 3);
	assert_int_equal(it->update_count, 2);
	assert_update(it, 1, "Update",
	              "Subsequent Care Home Visits to be arranged in conjunction with the Director for Adult Social Care.");

	/* "… colleagues - In progress": the status words and their dash go */
	it = item(t, 4);
	assert_update(it, 0, NULL, "BOB ICS Elective Recovery plan & provider collaborative would need to be "
	                           "presented by BOB ICS colleagues");

	it = item(t, 6);
	assert_int_equal(it->update_count, 1);
	assert_non_null(strstr(it->updates[0].text, "good model to follow.\n\nThis is currently being collated"));

	it = item(t, 7);
	assert_int_equal(it->update_count, 1);
	assert_string_equal(it->updates[0].label, "Update");
	assert_non_null(strstr(it->updates[0].text, "across Oxfordshire.\n\nTerms of Reference for the Group"));
	assert_true(strncmp(it->updates[0].text, "The Integrated Improvement Programme met", 39) == 0);

	it = item(t, 11);
	assert_string_equal(it->topic, "Primary Care");
	assert_int_equal(it->update_count, 2);
	assert_string_equal(it->updates[1].label, "Update");

	it = item(t, 12);
	assert_update(it, 0, NULL, "To be scoped after the 9th of February 2023 HOSC Meeting.");

	it = item(t, 14);
	assert_true(strncmp(it->updates[0].text, "a partial work plan has been suggested", 38) == 0);

	/* a page break after a full stop: a new paragraph */
	it = item(t, 15);
	assert_int_equal(it->update_count, 1);
	assert_string_equal(it->updates[0].label, "Response");
	assert_non_null(strstr(it->updates[0].text, "update this information.\n\nThe ICB is developing"));

	/* page breaks mid-sentence: one space */
	it = item(t, 16);
	assert_string_equal(it->topic, "Dentistry Provision in Oxfordshire");
	assert_non_null(strstr(it->updates[0].text, "30 practices in BOB are taking part in the scheme"));
	assert_non_null(strstr(it->updates[0].text, "on a re-commissioning plan to replace this capacity "
	                                            "from 2023-24 onwards."));
	assert_non_null(strstr(it->updates[0].text, "1st June 2023"));
	assert_non_null(strstr(it->updates[0].text, "see ‘other’ patients"));

	it = item(t, 17);
	assert_true(strncmp(it->text, "To ensure adequate and consistent support", 41) == 0);
	assert_int_equal(it->update_count, 1);
	assert_string_equal(it->updates[0].label, "Initial response");
	assert_true(strncmp(it->updates[0].text, "We currently commission two", 27) == 0);

	it = item(t, 18);
	assert_non_null(strstr(it->updates[0].text, "programmes for ethnic groups who are more likely"));

	it = item(t, 19);
	assert_update(it, 0, NULL, "HOSC will receive future progress update in April 2024.");

	it = item(t, 20);
	assert_true(strncmp(it->updates[0].text, "This should be an action/link for Food Strategy", 47) == 0);
	assert_non_null(strstr(it->updates[0].text, "at OCC– each District"));

	it = item(t, 21);
	assert_string_equal(it->updates[0].label, "Response");
	assert_true(strncmp(it->updates[0].text, "This wasn’t part of the discussion", 36) == 0);
	assert_non_null(strstr(it->updates[0].text, "actions that can be taken associated with underweight"));

	it = item(t, 22);
	assert_update(it, 0, NULL, "A separate response to this recommendation will be sought from BOB ICB.");

	/* the text column continued on the next page */
	it = item(t, 24);
	assert_non_null(strstr(it->text, "to explore the prospect of enabling input/feedback from disadvantaged "
	                                 "groups as part of this process."));
	assert_string_equal(it->updates[0].label, "Initial response");
	assert_true(strncmp(it->updates[0].text, "The Health and Wellbeing board has committed", 44) == 0);

	it = item(t, 25);
	assert_string_equal(it->topic, "Local Area Partnership SEND");
	assert_non_null(strstr(it->updates[0].text, "It underpins our governance arrangements"));
	assert_non_null(strstr(it->updates[0].text, "Quality Group).\n\nOperational delivery"));

	it = item(t, 35);
	assert_non_null(strstr(it->text, "support and resources available, and the processes for referring"));

	it = item(t, 36);
	assert_string_equal(it->topic, "Local Area Partnership");
	ar_tracker_free(t);
}

static void assert_clean(const char *s)
{
	if (!s)
		return;
	static const char *const banned[] = {"Consolidated Action", "<", ">", "&amp;", "**", "\t", "\x1f",
		"\x1e", "  ", "\n\n\n", "Recommendation:", "In progress", "In Progress"};
	for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
		if (strstr(s, banned[i]))
			fail_msg("\"%s\" left in \"%.80s…\"", banned[i], s);
	size_t n = strlen(s);
	assert_true(n > 0);
	assert_false(s[0] == ' ' || s[0] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\n');
}

static void test_reference_no_markup_or_furniture_left(void **state)
{
	struct ar_tracker *t = import_source(REFERENCE, NULL);
	size_t curly = 0, dashes = 0;
	for (size_t m = 0; m < t->meeting_count; m++)
		assert_clean(t->meetings[m].title);
	for (size_t i = 0; i < t->item_count; i++) {
		const struct ar_item *it = t->items[i];
		const char *strings[64];
		size_t n = 0;
		strings[n++] = it->topic;
		strings[n++] = it->text;
		for (size_t k = 0; k < it->lead_count && n < 64; k++)
			strings[n++] = it->leads[k];
		for (size_t k = 0; k < it->update_count && n + 1 < 64; k++) {
			strings[n++] = it->updates[k].label;
			strings[n++] = it->updates[k].text;
		}
		for (size_t k = 0; k < n; k++) {
			assert_clean(strings[k]);
			if (strings[k] && strstr(strings[k], "’"))
				curly++;
			if (strings[k] && strstr(strings[k], "–"))
				dashes++;
		}
	}
	assert_true(curly >= 10); /* ’ kept as itself */
	assert_true(dashes >= 2); /* – too ("Champken – Woods", "OCC– each") */
	ar_tracker_free(t);
}

static void test_import_loads_back_canonical(void **state)
{
	static const char *const sources[] = {REFERENCE, "tests/data/import/plain.txt",
		"tests/data/import/page-breaks.txt", "tests/data/import/headings.txt",
		"tests/data/import/unnumbered.txt", "tests/data/import/markup.txt"};
	for (size_t s = 0; s < sizeof sources / sizeof sources[0]; s++) {
		size_t len;
		char *text = read_source(sources[s], &len);
		struct ar_buf yaml = {0}, again = {0};
		struct ar_error err = {0};
		assert_int_equal(ar_import_yaml(text, len, &yaml, NULL, &err), AR_OK);
		struct ar_tracker *t = NULL;
		struct ar_diags diags = {0};
		enum ar_rc rc = ar_load_buffer(yaml.data, yaml.len, &t, &diags);
		if (rc != AR_OK)
			fail_msg("%s: %d:%d: %s", sources[s], diags.items[0].line, diags.items[0].column,
			         diags.items[0].message);
		assert_int_equal(diags.count, 0);
		assert_int_equal(ar_save_buffer(t, &again, &err), AR_OK);
		assert_int_equal(again.len, yaml.len);
		assert_memory_equal(again.data, yaml.data, yaml.len);
		ar_tracker_free(t);
		ar_buf_free(&again);
		ar_buf_free(&yaml);
		free(text);
	}
}

/* ---- the same paper in other clothes ---- */

static void test_crlf_and_bom(void **state)
{
	size_t len;
	char *text = read_source(REFERENCE, &len);
	struct ar_buf dos = {0}, plain_yaml = {0}, dos_yaml = {0};
	ar_buf_add(&dos, "\xef\xbb\xbf", 3);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			ar_buf_addc(&dos, '\r');
		ar_buf_addc(&dos, text[i]);
	}
	struct ar_error err = {0};
	assert_int_equal(ar_import_yaml(text, len, &plain_yaml, NULL, &err), AR_OK);
	assert_int_equal(ar_import_yaml(dos.data, dos.len, &dos_yaml, NULL, &err), AR_OK);
	assert_int_equal(dos_yaml.len, plain_yaml.len);
	assert_memory_equal(dos_yaml.data, plain_yaml.data, plain_yaml.len);
	ar_buf_free(&dos);
	ar_buf_free(&plain_yaml);
	ar_buf_free(&dos_yaml);
	free(text);
}

/* A string with its paragraph breaks made spaces (the plain-text form has none). */
static char *flat(const char *s)
{
	struct ar_buf b = {0};
	for (const char *p = s; *p; p++) {
		if (p[0] == '\n' && p[1] == '\n')
			p++;
		ar_buf_addc(&b, *p == '\n' ? ' ' : *p);
	}
	return ar_buf_steal(&b, NULL);
}

static void assert_same_flat(const char *a, const char *b)
{
	if (!a || !b) {
		assert_ptr_equal(a, b);
		return;
	}
	char *fa = flat(a), *fb = flat(b);
	assert_string_equal(fa, fb);
	free(fa);
	free(fb);
}

static void test_plain_text_form(void **state)
{
	struct ar_diags warnings = {0};
	struct ar_tracker *ref = import_source(REFERENCE, NULL);
	struct ar_tracker *t = import_source("tests/data/import/plain.txt", &warnings);
	assert_string_equal(t->committee, ref->committee);
	assert_string_equal(t->title, ref->title);
	assert_int_equal(t->as_of, ref->as_of);
	assert_int_equal(t->meeting_count, 7);
	for (size_t m = 0; m < 7; m++) {
		assert_int_equal(t->meetings[m].date, ref->meetings[m].date);
		assert_string_equal(t->meetings[m].title, ref->meetings[m].title);
	}
	assert_int_equal(t->item_count, 36);
	for (size_t i = 0; i < 36; i++) {
		const struct ar_item *a = ref->items[i], *b = t->items[i];
		assert_int_equal(b->id, a->id);
		assert_int_equal(b->meeting, a->meeting);
		assert_string_equal(b->topic, a->topic);
		assert_int_equal(b->kind, a->kind);
		assert_int_equal(b->status, a->status);
		assert_int_equal(b->response, a->response);
		assert_int_equal(b->due, a->due);
		assert_int_equal(b->lead_count, a->lead_count);
		for (size_t k = 0; k < a->lead_count; k++)
			assert_string_equal(b->leads[k], a->leads[k]);
		assert_same_flat(b->text, a->text);
		assert_int_equal(b->update_count, a->update_count);
		for (size_t k = 0; k < a->update_count; k++) {
			assert_same_flat(b->updates[k].label, a->updates[k].label);
			assert_same_flat(b->updates[k].text, a->updates[k].text);
		}
	}
	/* the same twelve guesses, and nothing else */
	assert_int_equal(warnings.count, 12);
	for (size_t i = 0; i < warnings.count; i++)
		assert_non_null(strstr(warnings.items[i].message, "row without an item number"));
	ar_diags_free(&warnings);
	ar_tracker_free(t);
	ar_tracker_free(ref);
}

/* ---- one feature at a time ---- */

static void test_page_breaks_in_every_column(void **state)
{
	struct ar_diags warnings = {0};
	struct ar_tracker *t = import_source("tests/data/import/page-breaks.txt", &warnings);
	assert_int_equal(warnings.count, 0);
	assert_string_equal(t->committee, "Test Committee");
	assert_string_equal(t->title, "Action Tracker");
	assert_int_equal(t->as_of, 20240301);
	assert_int_equal(t->item_count, 4);
	/* topic column */
	assert_string_equal(item(t, 1)->topic, "Chair's Update and Committee Sub-Group Updates");
	/* text column, cut mid-sentence */
	assert_string_equal(item(t, 2)->text, "The text of item two is cut in the middle of a sentence.");
	/* lead column */
	assert_leads(item(t, 2), 2, "Bob Roe", "Cat Poe");
	assert_leads(item(t, 3), 2, "Dan Moe", "Fay Goe");
	/* progress column: after a full stop a new paragraph, mid-sentence a space */
	assert_update(item(t, 2), 0, NULL, "First paragraph, complete.\n\nSecond paragraph, after the break.");
	assert_update(item(t, 3), 0, "Update", "the work goes on and More news follows here.\n\nA new paragraph.");
	assert_update(item(t, 4), 0, NULL, "Last words of the paper.");
	for (long id = 1; id <= 4; id++)
		assert_int_equal(item(t, id)->meeting, 20240105);
	ar_diags_free(&warnings);
	ar_tracker_free(t);
}

static void test_meeting_headings(void **state)
{
	struct ar_diags warnings = {0};
	struct ar_tracker *t = import_source("tests/data/import/headings.txt", &warnings);
	static const struct { ar_date date; const char *title; } meetings[] = {
		{20221124, "24 November 2022 Meeting"}, {20220714, "14 July Meeting 2022"},
		{20230209, "9th of February 2023"}, {20230511, "11 May 2023 Meeting"},
		{20240115, "Meeting of 2024-01-15"}};
	assert_int_equal(t->meeting_count, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(t->meetings[i].date, meetings[i].date);
		assert_string_equal(t->meetings[i].title, meetings[i].title);
	}
	static const ar_date meeting_of[] = {0, AR_DATE_NONE, 20221124, 20220714, 20221124, AR_DATE_NONE,
		20230209, 20230511, 20240115};
	assert_int_equal(t->item_count, 8);
	for (long id = 1; id <= 8; id++)
		assert_int_equal(item(t, id)->meeting, meeting_of[id]);
	/* a date inside a topic is no heading */
	assert_string_equal(item(t, 1)->topic, "Minutes of 23 September 2022");
	assert_int_equal(warnings.count, 1);
	assert_int_equal(warnings.items[0].line, 10);
	assert_string_equal(warnings.items[0].message, "could not read a date in the meeting heading "
	                    "\"Special Meeting\"; the items after it have no meeting");
	ar_diags_free(&warnings);
	ar_tracker_free(t);
}

static void test_unnumbered_rows_and_misplaced_cells(void **state)
{
	struct ar_diags warnings = {0};
	struct ar_tracker *t = import_source("tests/data/import/unnumbered.txt", &warnings);
	/* paper order; rows without a number (or with a used one) get the ids
	 * after the largest number in the paper */
	static const long ids[] = {8, 3, 9, 10, 7, 11};
	static const char *const topics[] = {"Orphan topic", "T3", "Unnumbered", "T3 again", "T7", "T8"};
	assert_int_equal(t->item_count, 6);
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(t->items[i]->id, ids[i]);
		assert_string_equal(t->items[i]->topic, topics[i]);
	}
	assert_int_equal(item(t, 11)->kind, AR_KIND_RECOMMENDATION);
	assert_int_equal(item(t, 11)->response, AR_RESPONSE_PENDING);
	assert_string_equal(item(t, 11)->text, "An unnumbered recommendation.");
	assert_int_equal(item(t, 11)->update_count, 0);
	assert_int_equal(item(t, 7)->update_count, 1);

	static const struct { int line; const char *message; } want[] = {
		{3, "could not place these cells: no row before them; line left out"},
		{4, "row without an item number: given id 8"},
		{6, "row without an item number: given id 9"},
		{7, "item number 3 is already used on line 5: given id 10"},
		{8, "could not read an item number in \"A1\"; line left out"},
		{9, "could not place the cell \"an extra cell\" beyond the five columns; left out"},
		{10, "row without an item number: given id 11"},
	};
	assert_int_equal(warnings.count, 7);
	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(warnings.items[i].line, want[i].line);
		assert_string_equal(warnings.items[i].message, want[i].message);
	}
	ar_diags_free(&warnings);
	ar_tracker_free(t);
}

static void test_entities_and_markup(void **state)
{
	struct ar_tracker *t = import_source("tests/data/import/markup.txt", NULL);
	const struct ar_item *it = item(t, 1);
	assert_string_equal(it->topic, "Topic & more");
	assert_int_equal(it->kind, AR_KIND_RECOMMENDATION);
	assert_string_equal(it->text, "Text with <tags> \"quoted\", ’curly’ and space, 1st and 2nd.\n\n"
	                              "Second para with italic and a span.");
	assert_leads(it, 2, "Ann Lee", "Bob Roe");
	assert_int_equal(it->response, AR_RESPONSE_PARTIALLY_ACCEPTED);
	assert_int_equal(it->update_count, 1);
	assert_update(it, 0, "Update", "text with a\n\nbreak, A&E, an &unknown; entity and x < y.");
	ar_tracker_free(t);
}

/* One row whose progress cell is progress (and text is text). */
static struct ar_tracker *one_row(const char *text, const char *progress)
{
	struct ar_buf b = {0};
	ar_buf_addf(&b, "Tracker – Committee 1 May 2024\n1\tTopic\t%s\tLead\t%s\n", text, progress);
	struct ar_tracker *t = import_string(b.data, NULL);
	ar_buf_free(&b);
	return t;
}

static void test_progress_markers(void **state)
{
	struct ar_tracker *t;
	const struct ar_item *it;

	/* status words anywhere a sentence starts, any case, with or without a dash */
	t = one_row("Do it.", "Begun. IN PROGRESS: more to do.");
	it = item(t, 1);
	assert_int_equal(it->status, AR_STATUS_IN_PROGRESS);
	assert_update(it, 0, NULL, "Begun.\n\nmore to do.");
	ar_tracker_free(t);

	/* … but not in the middle of a sentence, nor before a lower-case word */
	t = one_row("Do it.", "The work is in progress. In progress reports are due.");
	it = item(t, 1);
	assert_int_equal(it->status, AR_STATUS_OPEN);
	assert_update(it, 0, NULL, "The work is in progress. In progress reports are due.");
	ar_tracker_free(t);

	/* update markers: UPDATE –, Update:, Response:, Initial Response (…): */
	t = one_row("Do it.", "First. <b>UPDATE – second.</b> Update: third. <p>Response:</p><p>fourth</p>"
	                      "<p>Initial Response (at the May meeting):</p> fifth");
	it = item(t, 1);
	assert_int_equal(it->update_count, 5);
	assert_update(it, 0, NULL, "First.");
	assert_update(it, 1, "Update", "second.");
	assert_update(it, 2, "Update", "third.");
	assert_update(it, 3, "Response", "fourth");
	/* a parenthetical that gives no next-update date stays in the label */
	assert_update(it, 4, "Initial response (at the May meeting)", "fifth");
	assert_int_equal(it->due, AR_DATE_NONE);
	ar_tracker_free(t);

	/* "Update" followed by a word is no marker; nor is "Update-to-date" */
	t = one_row("Do it.", "Update on the scheme. Update-to-date figures follow.");
	it = item(t, 1);
	assert_int_equal(it->update_count, 1);
	assert_null(it->updates[0].label);
	ar_tracker_free(t);

	/* responses: only for recommendations; the words go, their meaning stays */
	t = one_row("Recommendation: do it.", "Recommendation Rejected. Not now.");
	it = item(t, 1);
	assert_int_equal(it->kind, AR_KIND_RECOMMENDATION);
	assert_string_equal(it->text, "do it.");
	assert_int_equal(it->response, AR_RESPONSE_REJECTED);
	assert_update(it, 0, NULL, "Not now.");
	ar_tracker_free(t);

	t = one_row("Do it.", "Recommendation Accepted: fine.");
	it = item(t, 1);
	assert_int_equal(it->kind, AR_KIND_ACTION);
	assert_int_equal(it->response, AR_RESPONSE_NONE);
	assert_update(it, 0, NULL, "Recommendation Accepted: fine.");
	ar_tracker_free(t);

	/* due: "update … in Month YEAR", in the same sentence */
	t = one_row("Recommendation: do it.", "An update will follow in Sept 2024.");
	assert_int_equal(item(t, 1)->due, 20240900);
	assert_int_equal(item(t, 1)->response, AR_RESPONSE_PENDING);
	ar_tracker_free(t);
	t = one_row("Do it.", "Updated. The scheme runs in March 2024.");
	assert_int_equal(item(t, 1)->due, AR_DATE_NONE);
	ar_tracker_free(t);

	/* an empty progress cell: no updates */
	t = one_row("Do it.", "");
	assert_int_equal(item(t, 1)->update_count, 0);
	ar_tracker_free(t);
}

/* Issue 15: a response phrase dated in the paper fills responded (the date
 * goes with the phrase); without a date nothing is invented. */
static void test_response_dates(void **state)
{
	struct ar_tracker *t;
	const struct ar_item *it;

	t = one_row("Recommendation: do it.", "Recommendation Accepted on 12 October 2023: we will.");
	it = item(t, 1);
	assert_int_equal(it->response, AR_RESPONSE_ACCEPTED);
	assert_int_equal(it->responded, 20231012);
	assert_update(it, 0, NULL, "we will.");
	ar_tracker_free(t);

	t = one_row("Recommendation: do it.", "<p>Response and Rejection of Recommendation (3rd of November 2023).</p>"
	                                      "<p>Not now.</p>");
	it = item(t, 1);
	assert_int_equal(it->response, AR_RESPONSE_REJECTED);
	assert_int_equal(it->responded, 20231103);
	assert_int_equal(it->update_count, 1);
	assert_string_equal(it->updates[0].label, "Response");
	assert_string_equal(it->updates[0].text, "Not now.");
	ar_tracker_free(t);

	t = one_row("Recommendation: do it.", "Recommendation Accepted, dated 2023-10-30. Work starts.");
	assert_int_equal(item(t, 1)->responded, 20231030);
	ar_tracker_free(t);

	/* no date given: none invented; a month is no response date; a date
	 * further on is not the phrase's */
	t = one_row("Recommendation: do it.", "Recommendation Accepted: fine.");
	assert_int_equal(item(t, 1)->response, AR_RESPONSE_ACCEPTED);
	assert_int_equal(item(t, 1)->responded, AR_DATE_NONE);
	ar_tracker_free(t);
	t = one_row("Recommendation: do it.", "Recommendation Accepted in October 2023.");
	assert_int_equal(item(t, 1)->responded, AR_DATE_NONE);
	ar_tracker_free(t);
	t = one_row("Recommendation: do it.", "Recommendation Accepted. The board met on 12 October 2023.");
	assert_int_equal(item(t, 1)->responded, AR_DATE_NONE);
	ar_tracker_free(t);
	/* an action has no response, so no response date */
	t = one_row("Do it.", "Recommendation Accepted on 12 October 2023.");
	assert_int_equal(item(t, 1)->kind, AR_KIND_ACTION);
	assert_int_equal(item(t, 1)->responded, AR_DATE_NONE);
	ar_tracker_free(t);
}

static void test_no_heading_is_a_warning(void **state)
{
	struct ar_diags warnings = {0};
	ar_diags_add(&warnings, 99, 0, "the caller's own");
	struct ar_tracker *t = import_string("2\tTopic\tText.\tA / B\tDone.\n", &warnings);
	assert_int_equal(t->item_count, 1);
	assert_null(t->committee);
	assert_null(t->title);
	assert_int_equal(t->as_of, AR_DATE_NONE);
	assert_leads(item(t, 2), 2, "A", "B");
	assert_int_equal(warnings.count, 2);
	assert_int_equal(warnings.items[0].line, 99);
	assert_int_equal(warnings.items[1].line, 0);
	assert_non_null(strstr(warnings.items[1].message, "no page heading"));
	ar_diags_free(&warnings);
	ar_tracker_free(t);
}

static void test_no_warnings_into_empty_diags(void **state)
{
	/* Fuzzing found this (tests/fuzz/corpus/import/markup.txt): an import
	 * with nothing to warn about, into an ar_diags with no array yet,
	 * offset the NULL array to sort "its" warnings (undefined behaviour
	 * that clang's UBSan reports). */
	struct ar_diags warnings = {0};
	struct ar_tracker *t = import_source("tests/data/import/markup.txt", &warnings);
	assert_int_equal(warnings.count, 0);
	assert_null(warnings.items);
	assert_int_equal(t->item_count, 1);
	ar_diags_free(&warnings);
	ar_tracker_free(t);
}

static void test_rows_cleaned_to_nothing_left_out(void **state)
{
	/* Fuzzing found this (tests/fuzz/corpus/import/kind-word-only.txt): a
	 * row whose text cell is only the kind word, or whose cells hold only
	 * markup or a space entity, became an item with neither topic nor text,
	 * so `artrack import` wrote a file the loader refuses. */
	struct ar_diags warnings = {0};
	struct ar_tracker *t = import_string("Tracker \xe2\x80\x93 Committee 1 May 2024\n"
	                                     "1\t\tRecommendation:\tLead\tUpdate\n"
	                                     "2\t<b></b>\t<p></p>\tLead\tUpdate\n"
	                                     "3\tTopic\tRecommendation:\tLead\tUpdate\n"
	                                     "4\t&nbsp;\t\tLead\tUpdate\n",
	                                     &warnings);
	assert_int_equal(t->item_count, 1);
	assert_int_equal(t->items[0]->id, 3);
	assert_int_equal(t->items[0]->kind, AR_KIND_RECOMMENDATION);
	assert_null(t->items[0]->text);
	assert_int_equal(warnings.count, 3);
	static const int lines[] = {2, 3, 5};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(warnings.items[i].line, lines[i]);
		assert_string_equal(warnings.items[i].message, "row with neither topic nor action text left out");
	}
	struct ar_buf yaml = {0};
	struct ar_error err = {0};
	assert_int_equal(ar_save_buffer(t, &yaml, &err), AR_OK);
	struct ar_tracker *back = NULL;
	struct ar_diags diags = {0};
	assert_int_equal(ar_load_buffer(yaml.data, yaml.len, &back, &diags), AR_OK);
	ar_tracker_free(back);
	ar_diags_free(&diags);
	ar_buf_free(&yaml);
	ar_diags_free(&warnings);
	ar_tracker_free(t);
}

/* A cell document for the importer's row API. */
static void cell(struct ar_buf *cells, size_t c, const char *doc)
{
	ar_buf_reset(&cells[c]);
	ar_buf_adds(&cells[c], doc);
}

static void test_importer_row_api(void **state)
{
	(void)state;
	struct ar_diags warnings = {0};
	struct ar_importer *im = ar_importer_new(&warnings, true);
	ar_importer_text(im, 1, "Tracker \xe2\x80\x93 Panel 1 May 2024", strlen("Tracker \xe2\x80\x93 Panel 1 May 2024"));
	struct ar_buf cells[5] = {{0}};
	/* a header row the source marks as one, whatever its words */
	cell(cells, 0, "No."), cell(cells, 1, "Subject"), cell(cells, 2, "Ask"), cell(cells, 3, "Who"), cell(cells, 4, "News");
	ar_importer_row(im, 2, cells, 5, AR_IMPORT_HEADER_ROW);
	for (size_t c = 0; c < 5; c++)
		ar_buf_reset(&cells[c]);
	cell(cells, 0, "\x1f" "2 February 2024 Meeting\x1f");
	ar_importer_row(im, 3, cells, 5, AR_IMPORT_ROW);
	cell(cells, 0, "7"), cell(cells, 1, "Libraries"), cell(cells, 2, "Keep them open."), cell(cells, 3, "Ann\nBob");
	cell(cells, 4, "\x1fIn progress\x1f\nUpdate \xe2\x80\x93 first reply.");
	ar_importer_row(im, 4, cells, 5, AR_IMPORT_ROW);
	/* the rest of item 7 (its number merged with the row above) */
	cell(cells, 0, ""), cell(cells, 1, ""), cell(cells, 2, "Say when."), cell(cells, 3, ""), cell(cells, 4, "More.");
	ar_importer_row(im, 5, cells, 5, AR_IMPORT_CONTINUED_ROW);
	struct ar_tracker *t = NULL;
	struct ar_error err = {0};
	assert_int_equal(ar_importer_finish(im, "no table", &t, &err), AR_OK);
	assert_string_equal(t->title, "Tracker");
	assert_string_equal(t->committee, "Panel");
	assert_int_equal(t->as_of, ar_date_make(2024, 5, 1));
	assert_int_equal(t->item_count, 1);
	const struct ar_item *it = ar_tracker_find_item(t, 7);
	assert_non_null(it);
	assert_int_equal(it->meeting, ar_date_make(2024, 2, 2));
	assert_string_equal(it->text, "Keep them open.\n\nSay when.");
	assert_int_equal(it->lead_count, 2);
	assert_string_equal(it->leads[1], "Bob");
	assert_int_equal(it->status, AR_STATUS_IN_PROGRESS);
	assert_int_equal(it->update_count, 1);
	assert_string_equal(it->updates[0].label, "Update");
	assert_string_equal(it->updates[0].text, "first reply.\n\nMore.");
	assert_int_equal(warnings.count, 0);
	for (size_t c = 0; c < 5; c++)
		ar_buf_free(&cells[c]);
	ar_tracker_free(t);

	/* nothing that looks like a tracker: the source's own message */
	im = ar_importer_new(&warnings, true);
	assert_int_equal(ar_importer_finish(im, "no rows here", &t, &err), AR_EDATA);
	assert_null(t);
	assert_string_equal(err.message, "no rows here");
	ar_diags_free(&warnings);
}

static void test_docx_export_reads_back_and_part_limit(void **state)
{
	(void)state;
	size_t len;
	char *yaml = read_source(BUNDLED, &len);
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	assert_int_equal(ar_load_buffer(yaml, len, &t, &diags), AR_OK);
	struct ar_view *view = ar_view_new(t, ar_date_make(2023, 10, 1));
	struct ar_buf docx = {0}, again = {0};
	ar_format_export(&docx, t, view, AR_EXPORT_DOCX);
	ar_format_export(&again, t, view, AR_EXPORT_DOCX);
	assert_true(ar_import_is_zip(docx.data, docx.len));
	assert_int_equal(docx.len, again.len);
	assert_memory_equal(docx.data, again.data, docx.len); /* the same bytes every time */

	/* a part past the limit is refused, whatever else the package holds */
	struct ar_tracker *back = NULL;
	struct ar_error err = {0};
	assert_int_equal(ar_import_docx(docx.data, docx.len, 4096, &back, &diags, &err), AR_EDATA);
	assert_null(back);
	assert_non_null(strstr(err.message, "word/document.xml"));
	assert_non_null(strstr(err.message, "limit of 4096 bytes"));
	assert_int_equal(diags.count, 0);

	assert_int_equal(ar_import_docx(docx.data, docx.len, 0, &back, &diags, &err), AR_OK);
	assert_int_equal(back->item_count, t->item_count);
	for (size_t i = 0; i < t->item_count; i++) {
		const struct ar_item *a = t->items[i], *b = ar_tracker_find_item(back, a->id);
		assert_non_null(b);
		assert_int_equal(a->meeting, b->meeting);
		assert_int_equal(a->kind, b->kind);
		assert_int_equal(a->status, b->status);
		assert_int_equal(a->response, b->response);
		assert_int_equal(a->due, b->due);
		assert_int_equal(a->lead_count, b->lead_count);
		assert_int_equal(a->update_count, b->update_count);
		assert_string_equal(a->text ? a->text : "", b->text ? b->text : "");
	}
	assert_int_equal(diags.count, 0);
	ar_tracker_free(back);

	/* not a zip at all */
	assert_int_equal(ar_import_docx("plain text", 10, 0, &back, &diags, &err), AR_EDATA);
	assert_non_null(strstr(err.message, "not a Word document"));
	ar_buf_free(&docx);
	ar_buf_free(&again);
	ar_view_free(view);
	ar_tracker_free(t);
	ar_diags_free(&diags);
	free(yaml);
}

static void test_no_tracker_in_junk(void **state)
{
#define JUNK(s) {s, sizeof s - 1}
	static const struct { const char *text; size_t len; } junk[] = {
		JUNK(""),
		JUNK("\n\n  \r\n"),
		JUNK("Dear all,\nplease find the minutes attached.\n"),
		JUNK("name\tage\nbob\t3\nann\t4\n"),
		JUNK("\tItem\tAction/Recommendation\tLead\tProgress update\n"),
		JUNK("Tracker – Committee 1 May 2024\n"),
		JUNK("1\tTopic\xff\xfe\tText\n"),
		JUNK("1\tTo\0pic\tText\n"),
		JUNK("\t\t\t\tonly a continuation\n"),
	};
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		struct ar_tracker *t = (struct ar_tracker *)&t;
		struct ar_error err = {0};
		struct ar_buf yaml = {0};
		assert_int_equal(ar_import_text(junk[i].text, junk[i].len, &t, NULL, &err), AR_EDATA);
		assert_null(t);
		assert_true(strlen(err.message) > 0);
		assert_int_equal(ar_import_yaml(junk[i].text, junk[i].len, &yaml, NULL, &err), AR_EDATA);
		assert_int_equal(yaml.len, 0);
		ar_buf_free(&yaml);
	}
	struct ar_tracker *t;
	struct ar_error err = {0};
	ar_import_text(junk[6].text, junk[6].len, &t, NULL, &err);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, 8);
	assert_string_equal(err.message, "the input is not UTF-8 text (byte 0xFF; it looks like Latin-1 or "
	                                 "Windows-1252): convert it with iconv -f WINDOWS-1252 -t UTF-8 FILE > NEW");
	ar_import_text(junk[7].text, junk[7].len, &t, NULL, &err);
	assert_string_equal(err.message, "the input holds a NUL byte");
	ar_import_text("", 0, &t, NULL, &err);
	assert_string_equal(err.message, "the input is empty");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_is_the_bundled_tracker),
		cmocka_unit_test(test_reference_header_and_meetings),
		cmocka_unit_test(test_reference_kinds_responses_status_due),
		cmocka_unit_test(test_reference_leads),
		cmocka_unit_test(test_reference_texts_and_updates),
		cmocka_unit_test(test_reference_no_markup_or_furniture_left),
		cmocka_unit_test(test_import_loads_back_canonical),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_plain_text_form),
		cmocka_unit_test(test_page_breaks_in_every_column),
		cmocka_unit_test(test_meeting_headings),
		cmocka_unit_test(test_unnumbered_rows_and_misplaced_cells),
		cmocka_unit_test(test_entities_and_markup),
		cmocka_unit_test(test_progress_markers),
		cmocka_unit_test(test_response_dates),
		cmocka_unit_test(test_no_heading_is_a_warning),
		cmocka_unit_test(test_no_warnings_into_empty_diags),
		cmocka_unit_test(test_rows_cleaned_to_nothing_left_out),
		cmocka_unit_test(test_no_tracker_in_junk),
		cmocka_unit_test(test_importer_row_api),
		cmocka_unit_test(test_docx_export_reads_back_and_part_limit),
	};
	return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
