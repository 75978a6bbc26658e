/* test-format.c - the command line's output formats on awkward text. */
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
#include "artrack/tracker.h"
#include "artrack/view.h"

/* A tracker with one recommendation whose strings hold every character the
 * formats must escape. */
static struct ar_tracker *awkward_tracker(void)
{
	struct ar_tracker *t = ar_tracker_new();
	t->title = ar_tracker_strdup(t, "A <b>&</b> title");
	ar_tracker_add_meeting(t, 20230921, "21 September 2023 Meeting");
	struct ar_item *it = ar_item_new(t, 7);
	it->meeting = 20230921;
	it->kind = AR_KIND_RECOMMENDATION;
	it->response = AR_RESPONSE_REJECTED;
	it->due = 20240400;
	it->responded = 20231102;
	it->rag = AR_RAG_AMBER;
	ar_item_set_topic(t, it, "Comma, \"quote\" | pipe\ttab");
	ar_item_set_text(t, it, "line one\nline two <script>\x01");
	const char *leads[] = {"Derys Pragnell", "Omid Nouri"};
	ar_item_set_leads(t, it, leads, 2);
	struct ar_update u = {.date = 20230921, .label = "Response", .by = "O’Brien", .text = "wasn’t\n\nnew para"};
	ar_item_add_update(t, it, &u);
	ar_tracker_append_item(t, it);
	struct ar_item *action = ar_item_new(t, 8);
	ar_item_set_topic(t, action, "Plain");
	action->status = AR_STATUS_CLOSED;
	action->closed_on = 20240613;
	action->rag = AR_RAG_GREEN;
	ar_tracker_append_item(t, action);
	return t;
}

static char *render_list(enum ar_list_format format)
{
	struct ar_tracker *t = awkward_tracker();
	struct ar_view *v = ar_view_new(t, 20231001);
	struct ar_buf out = {0};
	ar_format_list(&out, t, v, format, 0);
	ar_view_free(v);
	ar_tracker_free(t);
	return ar_buf_steal(&out, NULL);
}

static void test_tsv_one_line_per_item(void **state)
{
	char *s = render_list(AR_LIST_TSV);
	assert_string_equal(s, "id\tmeeting\tkind\tstatus\tresponse\tdue\tleads\ttopic\n"
	                       "7\t2023-09-21\trecommendation\topen\trejected\t2024-04\tDerys Pragnell; Omid Nouri\t"
	                       "Comma, \"quote\" | pipe tab\n"
	                       "8\t\taction\tclosed\t\t\t\tPlain\n");
	free(s);
}

static void test_csv_quotes_rfc4180(void **state)
{
	char *s = render_list(AR_LIST_CSV);
	/* tsv's columns, then responded, rag, closed_on */
	assert_string_equal(s, "id,meeting,kind,status,response,due,leads,topic,responded,rag,closed_on\r\n"
	                       "7,2023-09-21,recommendation,open,rejected,2024-04,Derys Pragnell; Omid Nouri,"
	                       "\"Comma, \"\"quote\"\" | pipe\ttab\",2023-11-02,amber,\r\n"
	                       "8,,action,closed,,,,Plain,,green,2024-06-13\r\n");
	free(s);
}

static void test_json_escapes(void **state)
{
	char *s = render_list(AR_LIST_JSON);
	assert_non_null(strstr(s, "\"topic\": \"Comma, \\\"quote\\\" | pipe\\ttab\""));
	assert_non_null(strstr(s, "\"text\": \"line one\\nline two <script>\\u0001\""));
	assert_non_null(strstr(s, "\"by\": \"O’Brien\""));
	assert_non_null(strstr(s, "\"response\": null"));
	assert_non_null(strstr(s, "\"meeting\": null"));
	assert_non_null(strstr(s, "\"responded\": \"2023-11-02\", \"response_due\": null, \"rag\": \"amber\", "
	                          "\"closed_on\": null"));
	assert_non_null(strstr(s, "\"responded\": null, \"response_due\": null, \"rag\": \"green\", "
	                          "\"closed_on\": \"2024-06-13\""));
	free(s);
}

static char *render_export(enum ar_export_format format)
{
	struct ar_tracker *t = awkward_tracker();
	struct ar_view *v = ar_view_new(t, 20231001);
	struct ar_buf out = {0};
	ar_format_export(&out, t, v, format);
	ar_view_free(v);
	ar_tracker_free(t);
	return ar_buf_steal(&out, NULL);
}

static void test_markdown_cells_stay_in_their_row(void **state)
{
	char *s = render_export(AR_EXPORT_MARKDOWN);
	assert_non_null(strstr(s, "## 21 September 2023 Meeting"));
	assert_non_null(strstr(s, "| 7 | Comma, \"quote\" \\| pipe\ttab | **Recommendation:** line one<br>line two &lt;script>"));
	assert_non_null(strstr(s, "**2023-09-21 Response (O’Brien):** wasn’t<br><br>new para |"));
	assert_non_null(strstr(s, "## No meeting"));
	/* the Status column: status, response; due, responded, RAG, sign-off */
	assert_non_null(strstr(s, " | open, rejected; due 2024-04; responded 2023-11-02; RAG amber | "));
	assert_non_null(strstr(s, " | closed; RAG green; signed off 2024-06-13 | "));
	free(s);
}

static void test_html_escapes_everything(void **state)
{
	char *s = render_export(AR_EXPORT_HTML);
	assert_non_null(strstr(s, "<title>A &lt;b&gt;&amp;&lt;/b&gt; title</title>"));
	assert_null(strstr(s, "<script>"));
	assert_non_null(strstr(s, "<p>line one<br>line two &lt;script&gt;"));
	assert_non_null(strstr(s, "<p>wasn’t</p><p>new para</p>"));
	assert_non_null(strstr(s, "<tr id=\"item-8\">"));
	assert_non_null(strstr(s, "<td class=\"status\">open<br>rejected<br>due 2024-04<br>responded 2023-11-02<br>"
	                          "<span class=\"rag rag-amber\">RAG amber</span></td>"));
	assert_non_null(strstr(s, "<td class=\"status\">closed<br><span class=\"rag rag-green\">RAG green</span><br>"
	                          "signed off 2024-06-13</td>"));
	assert_non_null(strstr(s, ".rag-amber {"));
	free(s);
}

/* The page opens with a picture: status and response bars as inline SVG,
 * scaled to the largest count; the status cell never breaks inside a word
 * or a date ("due 2024-" / "04"). */
static void test_html_charts(void **state)
{
	char *s = render_export(AR_EXPORT_HTML);
	const char *status = strstr(s, "<title id=\"chart-status\">By status</title>");
	const char *response = strstr(s, "<title id=\"chart-response\">By response (recommendations)</title>");
	assert_non_null(status);
	assert_non_null(response);
	assert_true(status < response);
	assert_true(response < strstr(s, "<table>"));
	/* One open item and one closed: the longest bars; none completed: no bar, a 0. */
	assert_non_null(strstr(status, "<text x=\"0\" y=\"38\">open</text><rect x=\"150\" y=\"27\" width=\"240\" "
	                               "height=\"14\" fill=\"#1f5fa8\"/><text x=\"396\" y=\"38\">1</text>\n"));
	assert_non_null(strstr(status, "<text x=\"0\" y=\"78\">completed</text><text x=\"156\" y=\"78\">0</text>\n"));
	assert_non_null(strstr(response, ">rejected</text><rect x=\"150\" y=\"87\" width=\"240\" height=\"14\" "
	                                 "fill=\"#b3261e\"/>"));
	/* rated items: a RAG chart, each rating in its colour */
	const char *rag = strstr(s, "<title id=\"chart-rag\">");
	assert_non_null(rag);
	assert_non_null(strstr(rag, ">amber</text><rect x=\"150\""));
	assert_non_null(strstr(rag, "fill=\"#ffbf47\""));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "href="));
	assert_null(strstr(s, "src="));
	assert_non_null(strstr(s, "td.status { white-space: nowrap; }"));
	assert_non_null(strstr(s, "<td class=\"status\">open<br>rejected<br>due 2024-04<br>"));
	free(s);
}

/* Items of two meetings whose topics interleave, so a topic sort mixes the
 * meetings up. */
static struct ar_tracker *interleaved_tracker(void)
{
	struct ar_tracker *t = ar_tracker_new();
	ar_tracker_add_meeting(t, 20230921, "September");
	ar_tracker_add_meeting(t, 20221124, "November");
	static const struct { long id; ar_date meeting; const char *topic; } items[] = {
		{1, 20230921, "Apples"}, {2, 20221124, "Bananas"}, {3, 20230921, "Cherries"},
		{4, 0, "Dates"}, {5, 20221124, "Elderberries"}, {6, 20230921, "Figs"},
	};
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		struct ar_item *it = ar_item_new(t, items[i].id);
		it->meeting = items[i].meeting;
		ar_item_set_topic(t, it, items[i].topic);
		ar_tracker_append_item(t, it);
	}
	return t;
}

/* The lines of s starting with prefix, joined by '|'. */
static char *lines_starting(const char *s, const char *prefix)
{
	struct ar_buf out = {0};
	ar_buf_adds(&out, "");
	size_t plen = strlen(prefix);
	for (const char *line = s; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, prefix, plen) != 0)
			continue;
		const char *end = strchr(line, '\n');
		if (out.len)
			ar_buf_addc(&out, '|');
		ar_buf_add(&out, line, end ? (size_t)(end - line) : strlen(line));
	}
	return ar_buf_steal(&out, NULL);
}

static void test_export_one_heading_per_meeting_however_sorted(void **state)
{
	struct ar_tracker *t = interleaved_tracker();
	struct ar_view *v = ar_view_new(t, 20231001);
	ar_view_set_sort(v, AR_SORT_TOPIC, false);
	struct ar_buf out = {0};
	ar_format_export(&out, t, v, AR_EXPORT_MARKDOWN);
	/* Oldest meeting first, no meeting last; the topic order inside each. */
	char *headings = lines_starting(out.data, "## ");
	assert_string_equal(headings, "## November|## September|## No meeting");
	char *rows = lines_starting(out.data, "| ");
	assert_string_equal(rows, "| Item | Topic | Action/Recommendation | Lead | Status | Progress update |"
	                          "|| 2 | Bananas |  |  | open |  |"
	                          "|| 5 | Elderberries |  |  | open |  |"
	                          "|| Item | Topic | Action/Recommendation | Lead | Status | Progress update |"
	                          "|| 1 | Apples |  |  | open |  |"
	                          "|| 3 | Cherries |  |  | open |  |"
	                          "|| 6 | Figs |  |  | open |  |"
	                          "|| Item | Topic | Action/Recommendation | Lead | Status | Progress update |"
	                          "|| 4 | Dates |  |  | open |  |");
	free(headings);
	free(rows);

	/* Descending by topic: still one heading each, items reversed inside. */
	ar_buf_reset(&out);
	ar_view_set_sort(v, AR_SORT_TOPIC, true);
	ar_format_export(&out, t, v, AR_EXPORT_HTML);
	headings = lines_starting(out.data, "<h2>");
	assert_string_equal(headings, "<h2>November</h2>|<h2>September</h2>|<h2>No meeting</h2>");
	assert_true(strstr(out.data, "item-6") < strstr(out.data, "item-3"));
	/* Every table is closed, once. */
	rows = lines_starting(out.data, "</tbody>");
	assert_string_equal(rows, "</tbody>|</tbody>|</tbody>");
	free(headings);
	free(rows);

	/* Sorted by meeting descending: newest meeting first. */
	ar_buf_reset(&out);
	ar_view_set_sort(v, AR_SORT_MEETING, true);
	ar_format_export(&out, t, v, AR_EXPORT_MARKDOWN);
	headings = lines_starting(out.data, "## ");
	assert_string_equal(headings, "## September|## November|## No meeting");
	free(headings);
	ar_buf_free(&out);
	ar_view_free(v);
	ar_tracker_free(t);
}

static void test_export_format_table(void **state)
{
	struct ar_buf names = {0};
	ar_format_names_join(&names, ar_export_format_names, AR_EXPORT_FORMAT_COUNT, "|");
	assert_string_equal(names.data, "csv|markdown|html|docx");
	ar_buf_reset(&names);
	ar_export_formats_synopsis_roff(&names);
	assert_string_equal(names.data, ".BR csv | markdown | html | docx\n");
	ar_buf_reset(&names);
	ar_export_formats_roff(&names);
	for (int f = 0; f < AR_EXPORT_FORMAT_COUNT; f++) {
		char want[64];
		snprintf(want, sizeof want, ".TP\n.B %s\n", ar_export_format_names[f]);
		assert_non_null(strstr(names.data, want));
		assert_non_null(strstr(names.data, ar_export_format_descriptions[f]));
	}
	ar_buf_free(&names);
}

static void test_export_csv_fields(void **state)
{
	char *s = render_export(AR_EXPORT_CSV);
	assert_non_null(strstr(s, "id,meeting,meeting_title,kind,topic,text,leads,status,response,due,responded,rag,"
	                          "closed_on,updated,updates\r\n"));
	assert_non_null(strstr(s, ",open,rejected,2024-04,2023-11-02,amber,,2023-09-21,"));
	assert_non_null(strstr(s, "8,,,action,Plain,,,closed,,,,green,2024-06-13,,\r\n"));
	free(s);
}

static void test_stats_response_and_rag(void **state)
{
	struct ar_tracker *t = awkward_tracker();
	/* two awaited responses: one overdue on 2023-11-20 (56 days after
	 * 2023-09-21 is 2023-11-16), one without a meeting, never overdue */
	ar_tracker_add_meeting(t, 20231012, NULL);
	static const struct { long id; ar_date meeting; enum ar_rag rag; } awaited[] = {
		{11, 20230921, AR_RAG_RED}, {12, 20231012, AR_RAG_RED}, {13, AR_DATE_NONE, AR_RAG_NONE}};
	for (size_t i = 0; i < 3; i++) {
		struct ar_item *it = ar_item_new(t, awaited[i].id);
		ar_item_set_topic(t, it, "Awaited");
		it->kind = AR_KIND_RECOMMENDATION;
		it->response = AR_RESPONSE_PENDING;
		it->meeting = awaited[i].meeting;
		it->rag = awaited[i].rag;
		ar_tracker_append_item(t, it);
	}
	struct ar_view *v = ar_view_new(t, 20231120);
	struct ar_buf out = {0};
	ar_format_stats(&out, t, v);
	assert_non_null(strstr(out.data, "\nResponses (due 56 days after the meeting):\n"
	                                 "  awaiting a response  3\n"
	                                 "  response overdue     1\n"));
	assert_non_null(strstr(out.data, "\nBy RAG rating:\n"
	                                 "  red    2\n"
	                                 "  amber  1\n"
	                                 "  green  1\n"
	                                 "  none   1\n"));
	ar_view_free(v);
	/* response_days moves the deadline: with 28 days both dated ones are late */
	t->response_days = 28;
	ar_tracker_replace_item(t, 0, t->items[0]); /* a change the view sees */
	v = ar_view_new(t, 20231120);
	ar_buf_reset(&out);
	ar_format_stats(&out, t, v);
	assert_non_null(strstr(out.data, "\nResponses (due 28 days after the meeting):\n"
	                                 "  awaiting a response  3\n"
	                                 "  response overdue     2\n"));
	/* counts follow the query */
	struct ar_error err;
	assert_int_equal(ar_view_set_query(v, "rag:red", &err), AR_OK);
	ar_buf_reset(&out);
	ar_format_stats(&out, t, v);
	assert_non_null(strstr(out.data, "  awaiting a response  2\n"));
	assert_non_null(strstr(out.data, "  none   0\n"));
	ar_buf_free(&out);
	ar_view_free(v);
	ar_tracker_free(t);
}

static void test_show_item(void **state)
{
	struct ar_tracker *t = awkward_tracker();
	struct ar_buf out = {0};
	ar_format_item(&out, t, ar_tracker_find_item(t, 7), 0);
	assert_non_null(strstr(out.data, "Item 7: Comma"));
	assert_non_null(strstr(out.data, "  response:  rejected\n"));
	assert_non_null(strstr(out.data, "  meeting:   2023-09-21 (21 September 2023 Meeting)\n"));
	assert_non_null(strstr(out.data, "1. 2023-09-21 Response (O’Brien)\n  wasn’t\n\n  new para\n"));
	assert_non_null(strstr(out.data, "  response:  rejected\n  responded: 2023-11-02\n  rag:       amber\n"));
	ar_buf_free(&out);
	ar_format_item(&out, t, ar_tracker_find_item(t, 8), 0);
	assert_non_null(strstr(out.data, "  status:    closed\n  rag:       green\n  closed on: 2024-06-13\n"));
	assert_null(strstr(out.data, "responded"));
	ar_buf_free(&out);
	/* a response still awaited says by when */
	struct ar_item *pending = ar_item_new(t, 10);
	ar_item_set_topic(t, pending, "Awaited");
	pending->kind = AR_KIND_RECOMMENDATION;
	pending->response = AR_RESPONSE_PENDING;
	pending->meeting = 20230921;
	ar_tracker_append_item(t, pending);
	ar_format_item(&out, t, ar_tracker_find_item(t, 10), 0);
	assert_non_null(strstr(out.data, "  response:  pending (due by 2023-11-16)\n"));
	ar_buf_free(&out);
	t->response_days = 28;
	ar_format_item(&out, t, ar_tracker_find_item(t, 10), 0);
	assert_non_null(strstr(out.data, "  response:  pending (due by 2023-10-19)\n"));
	ar_buf_free(&out);

	/* On a terminal, texts wrap to its width by display width. */
	struct ar_item *long_one = ar_item_new(t, 9);
	ar_item_set_topic(t, long_one, "Wrapped");
	ar_item_set_text(t, long_one, "The ICB’s estates manager will work with the Districts on planning for new housing.\n\nSecond paragraph.");
	ar_tracker_append_item(t, long_one);
	ar_format_item(&out, t, ar_tracker_find_item(t, 9), 40);
	assert_non_null(strstr(out.data, "\n  The ICB’s estates manager will work\n  with the Districts on planning for new\n  housing.\n\n  Second paragraph.\n"));
	ar_buf_free(&out);
	ar_tracker_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tsv_one_line_per_item),
		cmocka_unit_test(test_csv_quotes_rfc4180),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_markdown_cells_stay_in_their_row),
		cmocka_unit_test(test_html_escapes_everything),
		cmocka_unit_test(test_html_charts),
		cmocka_unit_test(test_export_one_heading_per_meeting_however_sorted),
		cmocka_unit_test(test_export_format_table),
		cmocka_unit_test(test_export_csv_fields),
		cmocka_unit_test(test_stats_response_and_rag),
		cmocka_unit_test(test_show_item),
	};
	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
