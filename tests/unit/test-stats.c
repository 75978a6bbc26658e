/* test-stats.c - the counts model (stats, the Stats pane), its bars, and
 * the list table fitted to a terminal by display width. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/format.h"
#include "artrack/screen.h"
#include "artrack/stats.h"
#include "artrack/text.h"
#include "artrack/tracker.h"
#include "artrack/view.h"

static struct ar_item *add(struct ar_tracker *t, long id, ar_date meeting, const char *topic,
                           enum ar_item_status status, enum ar_response response, const char *lead)
{
	struct ar_item *it = ar_item_new(t, id);
	it->meeting = meeting;
	it->status = status;
	it->kind = response == AR_RESPONSE_NONE ? AR_KIND_ACTION : AR_KIND_RECOMMENDATION;
	it->response = response;
	ar_item_set_topic(t, it, topic);
	if (lead)
		ar_item_set_leads(t, it, &lead, 1);
	ar_tracker_append_item(t, it);
	return it;
}

/* Meetings out of date order in the file, wide and zero-width labels. */
static struct ar_tracker *sample(void)
{
	struct ar_tracker *t = ar_tracker_new();
	ar_tracker_add_meeting(t, 20231130, "30 November 2023");
	ar_tracker_add_meeting(t, 20220310, "会議 2022");
	ar_tracker_add_meeting(t, 20230921, NULL);
	add(t, 1, 20231130, "Dental access", AR_STATUS_OPEN, AR_RESPONSE_PENDING, "Ansaf Azhar")->rag = AR_RAG_RED;
	add(t, 2, 20220310, "会議の記録と重要な事項", AR_STATUS_COMPLETED, AR_RESPONSE_ACCEPTED, "Zoë Ward")->rag =
		AR_RAG_GREEN;
	add(t, 3, 20220310, "Cafe\xcc\x81 \xf0\x9f\x8e\x89 launch\xe2\x80\x8b", AR_STATUS_OPEN, AR_RESPONSE_NONE,
	    "Ansaf Azhar");
	add(t, 4, AR_DATE_NONE, "No meeting", AR_STATUS_IN_PROGRESS, AR_RESPONSE_REJECTED, NULL);
	add(t, 5, 20231130, "Another", AR_STATUS_OPEN, AR_RESPONSE_NONE, "Ansaf Azhar");
	return t;
}

static const struct ar_stats_section *section(const struct ar_stats *s, enum ar_stats_section_id id)
{
	return &s->sections[id];
}

static void test_model(void **state)
{
	(void)state;
	struct ar_tracker *t = sample();
	struct ar_view *v = ar_view_new(t, 20231201);
	struct ar_stats s = {0};
	ar_stats_build(&s, t, ar_view_counts(v), ar_view_total(v));
	assert_int_equal(s.shown, 5);
	assert_int_equal(s.total, 5);
	const struct ar_stats_section *st = section(&s, AR_STATS_STATUS);
	assert_int_equal(st->count, AR_STATUS_COUNT);
	assert_string_equal(st->rows[AR_STATUS_OPEN].label, "open");
	assert_int_equal(st->rows[AR_STATUS_OPEN].count, 3);
	assert_int_equal(st->rows[AR_STATUS_CLOSED].count, 0);
	assert_int_equal(st->rows[AR_STATUS_COMPLETED].role, AR_ROLE_COMPLETED);
	assert_int_equal(st->max, 3);
	const struct ar_stats_section *resp = section(&s, AR_STATS_RESPONSE);
	assert_string_equal(resp->rows[0].label, "pending"); /* no row for an action's "none" */
	assert_int_equal(resp->count, AR_RESPONSE_COUNT - 1);
	const struct ar_stats_section *rag = section(&s, AR_STATS_RAG);
	assert_int_equal(rag->count, 4);
	assert_string_equal(rag->rows[0].label, "red");
	assert_int_equal(rag->rows[0].count, 1);
	assert_int_equal(rag->rows[0].role, AR_ROLE_RAG_RED);
	assert_int_equal(rag->rows[1].role, AR_ROLE_RAG_AMBER);
	assert_int_equal(rag->rows[1].count, 0);
	assert_string_equal(rag->rows[2].label, "green");
	assert_int_equal(rag->rows[2].count, 1);
	assert_string_equal(rag->rows[3].label, "none");
	assert_int_equal(rag->rows[3].count, 3);
	/* Meetings by date, whatever the file's order; the one with no title by its date. */
	const struct ar_stats_section *m = section(&s, AR_STATS_MEETING);
	assert_int_equal(m->count, 4);
	assert_string_equal(m->rows[0].label, "2022-03-10 会議 2022");
	assert_int_equal(m->rows[0].count, 2);
	assert_string_equal(m->rows[1].label, "2023-09-21");
	assert_int_equal(m->rows[1].count, 0);
	assert_string_equal(m->rows[2].label, "2023-11-30 30 November 2023");
	assert_string_equal(m->rows[3].label, "(no meeting)");
	const struct ar_stats_section *l = section(&s, AR_STATS_LEAD);
	assert_int_equal(l->count, 2);
	assert_string_equal(l->rows[0].label, "Ansaf Azhar");
	assert_int_equal(l->rows[0].count, 3);

	/* The Stats pane counts what is shown: query and meeting both. */
	assert_int_equal(ar_view_set_query(v, "-status:completed", NULL), AR_OK);
	ar_view_set_meeting(v, 20231130);
	ar_stats_build(&s, t, ar_view_shown_counts(v), ar_view_total(v));
	assert_int_equal(s.shown, 2);
	assert_int_equal(section(&s, AR_STATS_STATUS)->rows[AR_STATUS_OPEN].count, 2);
	assert_int_equal(section(&s, AR_STATS_MEETING)->rows[0].count, 0);
	assert_int_equal(section(&s, AR_STATS_MEETING)->rows[2].count, 2);
	/* ... while the Meetings pane's counts ignore the meeting chosen. */
	assert_int_equal(ar_view_counts(v)->matching, 4);
	ar_view_set_meeting(v, AR_VIEW_ALL_MEETINGS);
	assert_int_equal(ar_view_shown_counts(v)->matching, 4);
	ar_stats_free(&s);
	ar_view_free(v);
	ar_tracker_free(t);
}

/* Display columns of each line of text, and where "needle" starts on it. */
static int column_of(const char *line, size_t len, const char *needle)
{
	const char *at = strstr(line, needle);
	return at && (size_t)(at - line) < len ? ar_text_width(line, (size_t)(at - line)) : -1;
}

static void test_text_aligned_by_display_width(void **state)
{
	(void)state;
	struct ar_tracker *t = sample();
	struct ar_view *v = ar_view_new(t, 20231201);
	struct ar_buf out = {0};
	ar_format_stats(&out, t, v);
	/* Each section's counts end in one column, however wide its labels. */
	const char *meetings = strstr(out.data, "By meeting:\n");
	assert_non_null(meetings);
	assert_non_null(strstr(meetings, "\n  2022-03-10 会議 2022         2\n"
	                                 "  2023-09-21                   0\n"
	                                 "  2023-11-30 30 November 2023  2\n"
	                                 "  (no meeting)                 1\n"));
	assert_non_null(strstr(out.data, "By status:\n  open         3\n  in-progress  1\n  completed    1\n"));
	ar_buf_free(&out);
	ar_view_free(v);
	ar_tracker_free(t);
}

static void test_bars(void **state)
{
	(void)state;
	struct ar_buf b = {0};
	assert_int_equal(ar_stats_bar(&b, 10, 10, 4, true), 4);
	assert_string_equal(b.data, "████");
	ar_buf_reset(&b);
	assert_int_equal(ar_stats_bar(&b, 5, 10, 3, true), 2); /* 12 eighths: one and a half cells */
	assert_string_equal(b.data, "█▌");
	ar_buf_reset(&b);
	assert_int_equal(ar_stats_bar(&b, 1, 1000, 10, true), 1); /* some are never none */
	assert_string_equal(b.data, "▏");
	ar_buf_reset(&b);
	assert_int_equal(ar_stats_bar(&b, 7, 8, 8, true), 7);
	assert_string_equal(b.data, "███████");
	ar_buf_reset(&b);
	assert_int_equal(ar_stats_bar(&b, 5, 10, 3, false), 2); /* ASCII: whole cells, rounded */
	assert_string_equal(b.data, "##");
	ar_buf_reset(&b);
	assert_int_equal(ar_stats_bar(&b, 1, 1000, 10, false), 1);
	assert_string_equal(b.data, "#");
	ar_buf_reset(&b);
	ar_buf_adds(&b, "");
	assert_int_equal(ar_stats_bar(&b, 0, 10, 10, true), 0);
	assert_int_equal(ar_stats_bar(&b, 3, 0, 10, true), 0);
	assert_int_equal(ar_stats_bar(&b, 3, 3, 0, true), 0);
	assert_string_equal(b.data, "");
	ar_buf_free(&b);
}

static char *row(const struct ar_screen *s, int y)
{
	struct ar_buf b = {0};
	ar_screen_row_text(s, y, &b);
	while (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return ar_buf_steal(&b, NULL);
}

static void test_pane_draw(void **state)
{
	(void)state;
	struct ar_tracker *t = sample();
	struct ar_view *v = ar_view_new(t, 20231201);
	struct ar_stats s = {0};
	ar_stats_build(&s, t, ar_view_shown_counts(v), ar_view_total(v));
	size_t lines = ar_stats_line_count(&s);
	/* status, kind, response, responses awaited/overdue, RAG, meetings, leads */
	assert_int_equal(lines, 1 + (2 + 4) + (2 + 2) + (2 + 5) + (2 + 2) + (2 + 4) + (2 + 4) + (2 + 2));
	struct ar_screen *screen = ar_screen_new(50, (int)lines);
	ar_stats_draw(screen, 0, 0, 50, (int)lines, &s, 0, true);
	char *r;
	assert_string_equal(r = row(screen, 0), "5 of 5 items"), free(r);
	assert_string_equal(r = row(screen, 2), "By status"), free(r);
	/* Bars of a section share its scale: 3 of 3 fills the room, 1 of 3 a third. */
	assert_string_equal(r = row(screen, 3), "  open                      3 ████████████████████"), free(r);
	assert_string_equal(r = row(screen, 4), "  in-progress               1 ██████▋"), free(r);
	assert_string_equal(r = row(screen, 6), "  closed                    0"), free(r);
	assert_int_equal(ar_screen_cell(screen, 30, 5)->role, AR_ROLE_COMPLETED);
	/* Labels take at most half the width. */
	assert_string_equal(r = row(screen, 32), "  2023-11-30 30 November 2… 2 ████████████████████"), free(r);
	assert_string_equal(r = row(screen, 19), "Responses (due 56 days after the meeting)"), free(r);
	assert_string_equal(r = row(screen, 23), "By RAG rating"), free(r);
	/* Scrolled to the leads, in ASCII. */
	ar_stats_draw(screen, 0, 0, 50, 3, &s, lines - 3, false);
	assert_string_equal(r = row(screen, 0), "By lead"), free(r);
	assert_string_equal(r = row(screen, 1), "  Ansaf Azhar               3 ####################"), free(r);
	assert_string_equal(r = row(screen, 2), "  Zoë Ward                  1 #######"), free(r);
	ar_screen_free(screen);
	ar_stats_free(&s);
	ar_view_free(v);
	ar_tracker_free(t);
}

/* Each line of out at most width columns wide. */
static void assert_fitted(const char *out, int width)
{
	for (const char *line = out; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		assert_true(ar_text_width(line, len) <= width);
		line += len + (nl ? 1 : 0);
	}
}

static void test_list_table_fits_by_display_width(void **state)
{
	(void)state;
	struct ar_tracker *t = sample();
	struct ar_view *v = ar_view_new(t, 20231201);
	struct ar_buf out = {0};
	/* To a pipe: whole, however long. */
	ar_format_list(&out, t, v, AR_LIST_TABLE, 0);
	assert_non_null(strstr(out.data, "会議の記録と重要な事項\n"));
	assert_non_null(strstr(out.data, "Cafe\xcc\x81 \xf0\x9f\x8e\x89 launch\xe2\x80\x8b\n"));
	assert_null(strstr(out.data, "…"));
	for (int width = 40; width <= 120; width += 5) {
		ar_buf_reset(&out);
		ar_format_list(&out, t, v, AR_LIST_TABLE, width);
		assert_fitted(out.data, width);
	}
	/* At 80 columns everything but the longest topic is whole, and each
	 * item's topic starts under TOPIC, counted in display columns. */
	ar_buf_reset(&out);
	ar_format_list(&out, t, v, AR_LIST_TABLE, 80);
	const char *header_end = strchr(out.data, '\n');
	int topic = column_of(out.data, (size_t)(header_end - out.data), "TOPIC");
	const char *wide = strstr(out.data, "\n2 ");
	assert_non_null(wide);
	assert_int_equal(column_of(wide + 1, strcspn(wide + 1, "\n"), "会議"), topic);
	const char *marks = strstr(out.data, "\n3 ");
	assert_int_equal(column_of(marks + 1, strcspn(marks + 1, "\n"), "Cafe"), topic);
	ar_buf_free(&out);
	ar_view_free(v);
	ar_tracker_free(t);
}

int main(void)
{
	ar_text_locale_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_text_aligned_by_display_width),
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_pane_draw),
		cmocka_unit_test(test_list_table_fits_by_display_width),
	};
	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
