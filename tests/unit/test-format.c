/* test-format.c - the command line's output formats on awkward text. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
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
	ar_item_set_topic(t, it, "Comma, \"quote\" | pipe\ttab");
	ar_item_set_text(t, it, "line one\nline two <script>\x01");
	const char *leads[] = {"Derys Pragnell", "Omid Nouri"};
	ar_item_set_leads(t, it, leads, 2);
	struct ar_update u = {.date = 20230921, .label = "Response", .by = "O’Brien", .text = "wasn’t\n\nnew para"};
	ar_item_add_update(t, it, &u);
	ar_tracker_append_item(t, it);
	struct ar_item *action = ar_item_new(t, 8);
	ar_item_set_topic(t, action, "Plain");
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
	                       "8\t\taction\topen\t\t\t\tPlain\n");
	free(s);
}

static void test_csv_quotes_rfc4180(void **state)
{
	char *s = render_list(AR_LIST_CSV);
	assert_string_equal(s, "id,meeting,kind,status,response,due,leads,topic\r\n"
	                       "7,2023-09-21,recommendation,open,rejected,2024-04,Derys Pragnell; Omid Nouri,"
	                       "\"Comma, \"\"quote\"\" | pipe\ttab\"\r\n"
	                       "8,,action,open,,,,Plain\r\n");
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
	free(s);
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
		cmocka_unit_test(test_show_item),
	};
	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
