/* test-rows.c - the Items pane's rows, count rows, history and record lines. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/actions.h"
#include "artrack/alloc.h"
#include "artrack/query.h"
#include "artrack/rows.h"
#include "artrack/yamlio.h"
#include "artrack/screen.h"
#include "artrack/tracker.h"

static char *row(const struct ar_screen *s, int y)
{
	struct ar_buf b = { 0 };
	ar_screen_row_text(s, y, &b);
	/* trailing blanks say nothing */
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return ar_buf_steal(&b, NULL);
}

static void assert_row(const struct ar_screen *s, int y, const char *want)
{
	char *got = row(s, y);
	assert_string_equal(got, want);
	free(got);
}

/* Item 21 of the reference tracker, as the importer makes it. */
static struct ar_item *item21(struct ar_tracker *t)
{
	struct ar_item *it = ar_item_new(t, 21);
	it->meeting = 20230921;
	it->kind = AR_KIND_RECOMMENDATION;
	it->status = AR_STATUS_OPEN;
	it->response = AR_RESPONSE_REJECTED;
	ar_item_set_topic(t, it, "Oxfordshire Healthy Weight");
	ar_item_set_text(t, it, "To ensure that consideration of the ill-effects of being underweight is also built in.");
	const char *leads[] = { "Derys Pragnell" };
	ar_item_set_leads(t, it, leads, 1);
	struct ar_update u = { .date = 20230921, .label = "Response", .by = "Omid Nouri",
		               .text = "This wasn\xe2\x80\x99t part of the discussion at the meeting.\n\nSecond paragraph." };
	ar_item_add_update(t, it, &u);
	return it;
}

static void test_overdue(void **state)
{
	struct ar_tracker *t = ar_tracker_new();
	struct ar_item *it = ar_item_new(t, 1);
	assert_false(ar_item_is_overdue(it, 20230921)); /* no due date */
	it->due = 20230801;
	assert_true(ar_item_is_overdue(it, 20230921));
	assert_false(ar_item_is_overdue(it, 20230801)); /* due today is not late yet */
	it->due = 20230900;                             /* "2023-09": due by the end of September */
	assert_false(ar_item_is_overdue(it, 20230921));
	assert_false(ar_item_is_overdue(it, 20230930));
	assert_true(ar_item_is_overdue(it, 20231001));
	it->status = AR_STATUS_COMPLETED;
	assert_false(ar_item_is_overdue(it, 20231001));
	it->status = AR_STATUS_CLOSED;
	assert_false(ar_item_is_overdue(it, 20231001));
	ar_tracker_free(t);
}

static void fit(struct ar_item_columns *c, int width, long max_id, bool day_dues, enum ar_sort_key sort)
{
	ar_item_columns_fit(c, &(struct ar_item_layout){ .width = width, .max_id = max_id, .day_dues = day_dues,
	                                                  .sort = sort });
}

static int columns_width(const struct ar_item_columns *c)
{
	const int w[] = { c->id, c->kind, c->status, c->response, c->rag, c->due, c->meeting, c->updated, c->leads,
	                  c->topic };
	int sum = c->text;
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		sum += w[i] ? w[i] + 1 : 0;
	return sum;
}

static void test_columns(void **state)
{
	struct ar_item_columns c;
	fit(&c, 59, 36, false, AR_SORT_ID); /* the Items pane at 80 columns */
	assert_int_equal(c.id, 2);
	assert_int_equal(c.kind, 1);
	assert_int_equal(c.status, 9);
	assert_int_equal(c.response, 8);
	assert_int_equal(c.due, 8);
	assert_false(c.full_words);
	assert_int_equal(c.leads, 8); /* a narrow lead column in the topic's place */
	assert_int_equal(c.topic, 0);
	assert_int_equal(c.text, 15); /* the start of what the item says, first */
	assert_int_equal(columns_width(&c), 59);
	fit(&c, 91, 36, true, AR_SORT_ID); /* at 120 columns: leads too */
	assert_int_equal(c.due, 11);
	assert_int_equal(c.leads, 10);
	assert_true(c.text > c.topic);
	assert_int_equal(columns_width(&c), 91);
	/* The leads grow with the width, and words are spelled out. */
	int leads = c.leads;
	fit(&c, 171, 36, true, AR_SORT_ID);
	assert_true(c.leads > leads);
	assert_true(c.full_words);
	assert_int_equal(c.status, 11);
	assert_int_equal(c.response, 18);
	assert_int_equal(c.meeting, 0);
	assert_int_equal(columns_width(&c), 171);
	fit(&c, 260, 36, true, AR_SORT_ID); /* room for both dates */
	assert_int_equal(c.meeting, 10);
	assert_int_equal(c.updated, 10);
	assert_int_equal(columns_width(&c), 260);
	/* Sorted by a date: its column shows at any width. */
	fit(&c, 59, 36, false, AR_SORT_MEETING);
	assert_int_equal(c.meeting, 10);
	assert_int_equal(c.updated, 0);
	assert_true(c.text >= 8);
	assert_int_equal(columns_width(&c), 59);
	fit(&c, 59, 36, false, AR_SORT_UPDATED);
	assert_int_equal(c.updated, 10);
	/* Tiny: the text stays, the due date, response and status go. */
	fit(&c, 20, 36, false, AR_SORT_ID);
	assert_int_equal(c.status, 0);
	assert_int_equal(c.response, 0);
	assert_int_equal(c.due, 0);
	assert_int_equal(c.topic, 0);
	assert_int_equal(c.text, 20 - 2 - 1 - 2);
	fit(&c, 91, 100000, false, AR_SORT_ID);
	assert_int_equal(c.id, 6);
	fit(&c, 0, 1, false, AR_SORT_ID);
	assert_true(c.text >= 0);
}

/* Issue 15: the rating as its letter in its colour (so it reads under
 * NO_COLOR too), and a response overdue marked after its word. */
static void test_rag_and_response_overdue(void **state)
{
	struct ar_tracker *t = ar_tracker_new();
	struct ar_item *it = item21(t);
	it->response = AR_RESPONSE_PENDING;
	it->meeting = 20230921;
	it->rag = AR_RAG_AMBER;
	struct ar_screen *s = ar_screen_new(59, 1);
	struct ar_item_columns c;
	fit(&c, 59, 36, false, AR_SORT_ID);
	assert_int_equal(c.rag, 1);
	struct ar_item_row_context ctx = { .today = 20231116 };
	ar_item_row_draw(s, 0, 0, &c, it, &ctx, 0);
	char *r = row(s, 0);
	assert_non_null(strstr(r, "21 R open      pending  A "));
	free(r);
	assert_int_equal(ar_screen_cell(s, 24, 0)->role, AR_ROLE_RAG_AMBER);
	assert_int_equal(ar_screen_cell(s, 15, 0)->role, AR_ROLE_NORMAL);
	/* the day after the deadline (56 days after 2023-09-21) */
	ctx.today = 20231117;
	ar_item_row_draw(s, 0, 0, &c, it, &ctx, 0);
	r = row(s, 0);
	assert_non_null(strstr(r, "21 R open      pending! A "));
	free(r);
	assert_int_equal(ar_screen_cell(s, 15, 0)->role, AR_ROLE_OVERDUE);
	/* the tracker's response_days counts */
	ctx.today = 20231020;
	ctx.response_days = 28;
	ar_item_row_draw(s, 0, 0, &c, it, &ctx, 0);
	r = row(s, 0);
	assert_non_null(strstr(r, "pending!"));
	free(r);
	it->rag = AR_RAG_RED;
	it->response = AR_RESPONSE_ACCEPTED;
	ar_item_row_draw(s, 0, 0, &c, it, &ctx, 0);
	r = row(s, 0);
	assert_non_null(strstr(r, "21 R open      accepted R "));
	free(r);
	assert_int_equal(ar_screen_cell(s, 24, 0)->role, AR_ROLE_RAG_RED);
	/* a role of its own for each rating, none for none */
	assert_int_equal(ar_rag_role(AR_RAG_GREEN), AR_ROLE_RAG_GREEN);
	assert_int_equal(ar_rag_role(AR_RAG_NONE), AR_ROLE_NORMAL);
	ar_screen_free(s);
	ar_tracker_free(t);
}

/* The short words are query words: each picks its own value in a filter. */
static void test_short_words_are_query_words(void **state)
{
	for (int i = 0; i < AR_STATUS_COUNT; i++) {
		const char *w = ar_status_short_names[i];
		assert_int_equal(ar_enum_match(ar_status_names, AR_STATUS_COUNT, w, strlen(w), NULL), i);
	}
	for (int i = AR_RESPONSE_PENDING; i < AR_RESPONSE_COUNT; i++) {
		const char *w = ar_response_short_names[i];
		assert_int_equal(ar_enum_match(ar_response_names, AR_RESPONSE_COUNT, w, strlen(w), NULL), i);
	}
}

static void test_item_row(void **state)
{
	struct ar_tracker *t = ar_tracker_new();
	struct ar_item *it = item21(t);
	struct ar_screen *s = ar_screen_new(91, 3);
	struct ar_item_columns c;
	struct ar_item_row_context ctx = { .today = 20230921 };
	fit(&c, 91, 36, false, AR_SORT_ID);
	ar_item_header_draw(s, 0, 0, &c, AR_ROLE_LABEL, 0);
	assert_row(s, 0, " # K Status    Response G Due      Leads       Topic          Text");
	ar_item_row_draw(s, 0, 1, &c, it, &ctx, AR_ATTR_REVERSE);
	assert_row(s, 1, "21 R open      rejected            Derys Prag\xe2\x80\xa6 Oxfordshire H\xe2\x80\xa6 "
	                 "To ensure that consideration\xe2\x80\xa6");
	assert_int_equal(ar_screen_cell(s, 15, 1)->role, AR_ROLE_REJECTED);
	assert_int_equal(ar_screen_cell(s, 0, 1)->attrs, AR_ATTR_REVERSE);
	assert_int_equal(ar_screen_cell(s, 90, 1)->attrs, AR_ATTR_REVERSE); /* the selection spans the row */

	/* overdue: marked in text and role; several leads: "+2" kept after a cut name */
	struct ar_item *late = ar_item_clone(t, it);
	late->id = 7;
	late->kind = AR_KIND_ACTION;
	late->response = AR_RESPONSE_NONE;
	late->status = AR_STATUS_IN_PROGRESS;
	late->due = 20230400;
	const char *leads[] = { "Dr Maximilian Longname-Smythe", "Omid Nouri", "Someone" };
	ar_item_set_leads(t, late, leads, 3);
	ar_item_row_draw(s, 0, 2, &c, late, &ctx, 0);
	assert_row(s, 2, " 7 A in-prog              !2023-04 Dr Maxi\xe2\x80\xa6 +2 Oxfordshire H\xe2\x80\xa6 "
	                 "To ensure that consideration\xe2\x80\xa6");
	assert_int_equal(ar_screen_cell(s, 26, 2)->role, AR_ROLE_OVERDUE);
	assert_int_equal(ar_screen_cell(s, 33, 2)->role, AR_ROLE_OVERDUE);
	assert_int_equal(ar_screen_cell(s, 34, 2)->role, AR_ROLE_NORMAL);

	/* The filter picks the lead shown and its words are marked. */
	struct ar_query *q;
	assert_int_equal(ar_query_parse("lead:omid consideration", &q, NULL), AR_OK);
	ctx.query = q;
	ar_item_row_draw(s, 0, 2, &c, late, &ctx, 0);
	assert_row(s, 2, " 7 A in-prog              !2023-04 Omid No\xe2\x80\xa6 +2 Oxfordshire H\xe2\x80\xa6 "
	                 "To ensure that consideration\xe2\x80\xa6");
	assert_int_equal(ar_screen_cell(s, 35, 2)->attrs, AR_ATTR_UNDERLINE | AR_ATTR_BOLD); /* "Omid" */
	assert_int_equal(ar_screen_cell(s, 38, 2)->attrs, AR_ATTR_UNDERLINE | AR_ATTR_BOLD);
	assert_int_equal(ar_screen_cell(s, 39, 2)->attrs, 0);
	assert_int_equal(ar_screen_cell(s, 72, 2)->attrs, 0);                                 /* "that " */
	assert_int_equal(ar_screen_cell(s, 77, 2)->attrs, AR_ATTR_UNDERLINE | AR_ATTR_BOLD); /* "consideration" */
	assert_int_equal(ar_screen_cell(s, 89, 2)->attrs, AR_ATTR_UNDERLINE | AR_ATTR_BOLD);
	assert_int_equal(ar_screen_cell(s, 90, 2)->attrs, 0);                                 /* the "…" */
	ar_query_free(q);
	ctx.query = NULL;

	/* Full words where the pane is wide. */
	struct ar_screen *w = ar_screen_new(171, 1);
	fit(&c, 171, 36, false, AR_SORT_ID);
	late->status = AR_STATUS_IN_PROGRESS;
	ar_item_row_draw(w, 0, 0, &c, late, &ctx, 0);
	char *got = row(w, 0);
	assert_non_null(strstr(got, " 7 A in-progress "));
	free(got);
	it->response = AR_RESPONSE_PARTIALLY_ACCEPTED;
	ar_item_row_draw(w, 0, 0, &c, it, &ctx, 0);
	got = row(w, 0);
	assert_non_null(strstr(got, "21 R open        partially-accepted "));
	free(got);
	it->response = AR_RESPONSE_REJECTED;
	ar_screen_free(w);

	/* narrow: the text is cut by display width */
	struct ar_screen *n = ar_screen_new(40, 1);
	fit(&c, 40, 36, false, AR_SORT_ID);
	ar_item_row_draw(n, 0, 0, &c, it, &ctx, 0);
	assert_row(n, 0, "21 R open      rejected   To ensure tha\xe2\x80\xa6");
	ar_screen_free(n);

	/* no text: nothing under Text; no topic column: the topic there */
	struct ar_item *bare = ar_item_new(t, 3);
	ar_item_set_topic(t, bare, "Only a topic");
	ar_screen_clear(s);
	fit(&c, 91, 36, false, AR_SORT_ID);
	ar_item_row_draw(s, 0, 0, &c, bare, &ctx, 0);
	assert_row(s, 0, " 3 A open                                      Only a topic");
	struct ar_screen *n2 = ar_screen_new(40, 1);
	fit(&c, 40, 36, false, AR_SORT_ID);
	ar_item_row_draw(n2, 0, 0, &c, bare, &ctx, 0);
	assert_row(n2, 0, " 3 A open                 Only a topic");
	ar_screen_free(n2);
	ar_screen_free(s);
	ar_tracker_free(t);
}

static void test_count_row(void **state)
{
	struct ar_screen *s = ar_screen_new(20, 2);
	ar_count_row_draw(s, 0, 0, 20, "All items", 36, AR_ROLE_NORMAL, 0);
	assert_row(s, 0, "All items         36");
	ar_count_row_draw(s, 0, 1, 12, "2023-09-21 extra", 20, AR_ROLE_NORMAL, 0);
	assert_row(s, 1, "2023-09-\xe2\x80\xa6 20");
	ar_screen_free(s);
}

static char *line_text(const struct ar_line *l)
{
	return ar_xstrndup(l->text, l->len);
}

static void test_history_lines(void **state)
{
	struct ar_tracker *t = ar_tracker_new();
	struct ar_item *it = item21(t);
	struct ar_update second = { .text = "Later news." };
	ar_item_add_update(t, it, &second);
	struct ar_lines lines = { 0 };
	ar_history_lines(&lines, it, 30);
	/* Numbered like `show`: an unlabelled update and one labelled "Update"
	 * read alike ("Update 1" then "Update" did not). */
	const char *want[] = {
		"1. 2023-09-21 \xc2\xb7 Response \xc2\xb7 Omid Nouri",
		"This wasn\xe2\x80\x99t part of the",
		"discussion at the meeting.",
		"",
		"Second paragraph.",
		"",
		"2. Update",
		"Later news.",
	};
	assert_int_equal(lines.count, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < lines.count; i++) {
		char *got = line_text(&lines.items[i]);
		assert_string_equal(got, want[i]);
		free(got);
	}
	assert_int_equal(lines.items[0].role, AR_ROLE_HEADER);
	assert_true(lines.items[0].first);
	assert_false(lines.items[1].first);
	assert_int_equal(lines.items[1].indent, 2);
	assert_int_equal(lines.items[6].index, 1);
	assert_true(lines.items[6].first);

	/* drawn: indent kept, width never exceeded */
	struct ar_screen *s = ar_screen_new(30, 1);
	ar_line_draw(s, 0, 0, 30, &lines.items[1], 0, NULL);
	assert_row(s, 0, "  This wasn\xe2\x80\x99t part of the");
	/* the filter's words marked where they match an update's text, in any case */
	struct ar_query *q;
	assert_int_equal(ar_query_parse("PART topic:part", &q, NULL), AR_OK);
	ar_line_draw(s, 0, 0, 30, &lines.items[1], 0, q);
	assert_int_equal(ar_screen_cell(s, 13, 0)->attrs, 0);
	for (int x = 14; x < 18; x++)
		assert_int_equal(ar_screen_cell(s, x, 0)->attrs, AR_ATTR_UNDERLINE | AR_ATTR_BOLD);
	assert_int_equal(ar_screen_cell(s, 18, 0)->attrs, 0);
	ar_line_draw(s, 0, 0, 30, &lines.items[0], 0, q); /* a header: no text a word searches */
	for (int x = 0; x < 30; x++)
		assert_int_equal(ar_screen_cell(s, x, 0)->attrs, 0);
	ar_query_free(q);
	ar_screen_free(s);

	struct ar_item *none = ar_item_new(t, 9);
	ar_history_lines(&lines, none, 30);
	assert_int_equal(lines.count, 1);
	assert_string_equal(lines.items[0].text, "No updates yet.");
	ar_history_lines(&lines, NULL, 30);
	assert_int_equal(lines.count, 0);
	ar_lines_free(&lines);
	ar_tracker_free(t);
}

static void test_record_lines(void **state)
{
	struct ar_tracker *t = ar_tracker_new();
	ar_tracker_add_meeting(t, 20230921, "21 September 2023 Meeting");
	struct ar_item *it = item21(t);
	const char *leads[] = { "Derys Pragnell", "Omid Nouri" };
	ar_item_set_leads(t, it, leads, 2);
	struct ar_lines lines = { 0 };
	ar_record_lines(&lines, t, it, 60);
	struct ar_screen *s = ar_screen_new(60, (int)lines.count);
	for (size_t i = 0; i < lines.count; i++)
		ar_line_draw(s, 0, (int)i, 60, &lines.items[i], 0, NULL);
	const char *want[] = {
		"id        21",
		"meeting   2023-09-21 \xc2\xb7 21 September 2023 Meeting",
		"topic     Oxfordshire Healthy Weight",
		"kind      recommendation",
		"text      To ensure that consideration of the ill-effects of",
		"          being underweight is also built in.",
		"leads     Derys Pragnell",
		"          Omid Nouri",
		"status    open",
		"response  rejected",
		"due       \xe2\x80\x94",
		"responded \xe2\x80\x94",
		"rag       \xe2\x80\x94",
		"closed_on \xe2\x80\x94",
		"updates   1. 2023-09-21 \xc2\xb7 Response \xc2\xb7 Omid Nouri",
		"            This wasn\xe2\x80\x99t part of the discussion at the",
		"            meeting.",
		"",
		"            Second paragraph.",
	};
	assert_int_equal(lines.count, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < lines.count; i++)
		assert_row(s, (int)i, want[i]);
	/* fields are known by line, for the editor */
	assert_int_equal(lines.items[4].field, AR_ITEM_KEY_TEXT);
	assert_true(lines.items[4].first);
	assert_false(lines.items[5].first);
	assert_int_equal(lines.items[7].field, AR_ITEM_KEY_LEADS);
	assert_int_equal(lines.items[7].index, 1);
	assert_int_equal(lines.items[9].role, AR_ROLE_REJECTED);
	ar_screen_free(s);
	ar_lines_free(&lines);

	/* a due date's text lives as long as the lines: making other lines
	 * (with another date) does not change it */
	struct ar_item *due = ar_item_clone(t, it), *later = ar_item_clone(t, it);
	due->due = 20241200;
	later->due = 20250100;
	ar_record_lines(&lines, t, due, 60);
	struct ar_lines other = { 0 };
	ar_record_lines(&other, t, later, 60);
	bool seen = false;
	for (size_t i = 0; i < lines.count; i++)
		if (lines.items[i].field == AR_ITEM_KEY_DUE) {
			assert_int_equal(lines.items[i].len, 7);
			assert_memory_equal(lines.items[i].text, "2024-12", 7);
			seen = true;
		}
	assert_true(seen);
	ar_lines_free(&other);
	ar_lines_free(&lines);
	ar_tracker_free(t);
}

/* Both sides of a conflict: each under its label, a text wrapped, the
 * updates the other side lacks marked, a side without the item said. */
static void test_sides_lines(void **state)
{
	struct ar_tracker *ours = ar_tracker_new(), *theirs = ar_tracker_new();
	ar_tracker_append_item(ours, item21(ours));
	struct ar_item *it = item21(theirs);
	ar_item_set_text(theirs, it, "Theirs words.");
	struct ar_update added = { .date = 20231003, .by = "Jo", .text = "Theirs wrote." };
	ar_item_add_update(theirs, it, &added);
	ar_tracker_append_item(theirs, it);
	const struct ar_side sides[2] = { { "ours", ours }, { "theirs", theirs } };
	struct ar_lines lines = { 0 };
	ar_sides_lines(&lines, sides, 21, AR_DATE_NONE, "text", 30);
	const char *want[] = { "ours", "To ensure that consideration", "of the ill-effects of being", "underweight is also built",
		               "in.", "", "theirs", "Theirs words." };
	assert_int_equal(lines.count, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < lines.count; i++) {
		char *got = line_text(&lines.items[i]);
		assert_string_equal(got, want[i]);
		free(got);
	}
	assert_int_equal(lines.items[0].role, AR_ROLE_HEADER);
	assert_int_equal(lines.items[1].indent, 2);

	ar_sides_lines(&lines, sides, 21, AR_DATE_NONE, "updates", 60);
	bool shared_unmarked = false, added_marked = false;
	for (size_t i = 0; i < lines.count; i++) {
		char *got = line_text(&lines.items[i]);
		if (strcmp(got, "1. 2023-09-21 \xc2\xb7 Response \xc2\xb7 Omid Nouri") == 0)
			shared_unmarked = true;
		if (strcmp(got, "2. 2023-10-03 \xc2\xb7 Jo  [differs]") == 0)
			added_marked = true;
		assert_null(strstr(got, "Omid Nouri  [differs]"));
		free(got);
	}
	assert_true(shared_unmarked);
	assert_true(added_marked);

	ar_sides_lines(&lines, sides, 22, AR_DATE_NONE, NULL, 60);
	char *got = line_text(&lines.items[1]);
	assert_string_equal(got, "(no item 22 on this side)");
	free(got);
	ar_tracker_free(ours);
	ar_tracker_free(theirs);

	/* a key artrack does not know, a list on each side: its lines as written */
	const char *ours_yaml = "artrack: 1\nclerk:\n  - Jo\n  - Sam\nitems: []\n";
	const char *theirs_yaml = "artrack: 1\nclerk: [Jo, Ann]\nitems: []\n";
	struct ar_diags diags = { 0 };
	assert_int_equal(ar_load_buffer(ours_yaml, strlen(ours_yaml), &ours, &diags), AR_OK);
	assert_int_equal(ar_load_buffer(theirs_yaml, strlen(theirs_yaml), &theirs, &diags), AR_OK);
	const struct ar_side keys[2] = { { "ours", ours }, { "theirs", theirs } };
	ar_sides_lines(&lines, keys, 0, AR_DATE_NONE, "clerk", 60);
	const char *want_keys[] = { "ours", "- Jo", "- Sam", "", "theirs", "[Jo, Ann]" };
	assert_int_equal(lines.count, sizeof want_keys / sizeof want_keys[0]);
	for (size_t i = 0; i < lines.count; i++) {
		got = line_text(&lines.items[i]);
		assert_string_equal(got, want_keys[i]);
		free(got);
	}
	ar_diags_free(&diags);
	ar_lines_free(&lines);
	ar_tracker_free(ours);
	ar_tracker_free(theirs);
}

static void test_help_lines(void **state)
{
	struct ar_lines lines = { 0 };
	ar_help_lines(&lines, 70);
	/* every action once, with its keys as the label and its help as the text */
	for (int a = 1; a < AR_ACTION_COUNT; a++) {
		size_t found = 0;
		for (size_t i = 0; i < lines.count; i++) {
			const struct ar_line *l = &lines.items[i];
			if (l->index != a || !l->label)
				continue;
			found++;
			struct ar_buf keys = { 0 };
			ar_buf_adds(&keys, "  ");
			ar_action_keys((enum ar_action)a, &keys);
			assert_string_equal(l->label, keys.data);
			assert_int_equal(l->label_role, AR_ROLE_KEY);
			ar_buf_free(&keys);
			assert_memory_equal(l->text, ar_action_infos[a].help, l->len);
		}
		assert_int_equal(found, 1);
	}
	/* wrapped within the width, the group titles as headers */
	bool moving = false;
	for (size_t i = 0; i < lines.count; i++) {
		const struct ar_line *l = &lines.items[i];
		assert_true(l->indent + ar_text_width(l->text, l->len) <= 70);
		if (l->role == AR_ROLE_HEADER && l->len == strlen("Moving around") && !memcmp(l->text, "Moving around", l->len))
			moving = true;
	}
	assert_true(moving);
	/* every input mode's heading, and each of its operations with its keys */
	for (int m = 0; m < AR_MODE_COUNT; m++) {
		const struct ar_mode_info *info = &ar_mode_infos[m];
		bool heading = false;
		for (size_t i = 0; i < lines.count; i++) {
			const struct ar_line *l = &lines.items[i];
			if (l->role == AR_ROLE_HEADER && l->len == strlen(info->title) && !memcmp(l->text, info->title, l->len))
				heading = true;
		}
		assert_true(heading);
		for (size_t k = 0; k < info->count; k++) {
			if (!info->keys[k].help)
				continue;
			struct ar_buf keys = { 0 };
			ar_buf_adds(&keys, "  ");
			ar_mode_op_keys((enum ar_mode)m, info->keys[k].op, &keys);
			size_t found = 0;
			bool in_section = false; /* under this mode's heading */
			for (size_t i = 0; i < lines.count; i++) {
				const struct ar_line *l = &lines.items[i];
				if (l->role == AR_ROLE_HEADER)
					in_section = l->len == strlen(info->title) && !memcmp(l->text, info->title, l->len);
				if (in_section && l->label && strcmp(l->label, keys.data) == 0 && l->len <= strlen(info->keys[k].help)
				    && !memcmp(l->text, info->keys[k].help, l->len))
					found++;
			}
			assert_int_equal(found, 1);
			ar_buf_free(&keys);
		}
	}
	ar_lines_free(&lines);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_short_words_are_query_words),
		cmocka_unit_test(test_item_row),
		cmocka_unit_test(test_rag_and_response_overdue),
		cmocka_unit_test(test_count_row),
		cmocka_unit_test(test_history_lines),
		cmocka_unit_test(test_record_lines),
		cmocka_unit_test(test_help_lines),
		cmocka_unit_test(test_sides_lines),
	};
	return cmocka_run_group_tests_name("rows", tests, NULL, NULL);
}
