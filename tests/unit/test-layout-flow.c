/* test-layout-flow.c - trackers written in flow style (the top level, items,
 * meetings, an item) keep every comment through a save, an edit and fmt
 * (ar_layout_follow_flow in layout.h); so do other shapes the layout once
 * could not follow (a BOM on the first key's line, `meetings: []`, a
 * complex key, lone-CR line breaks). */
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
#include "artrack/hash.h"
#include "artrack/layout.h"
#include "artrack/undo.h"
#include "artrack/yamlio.h"
#include "layout-fixture.h"

/* The top level in block style, items as one flow sequence. */
static const char FLOW_ITEMS[] =
	"# head comment\n"
	"artrack: 1\n"
	"committee: Health   # the committee\n"
	"items: [           # the list\n"
	"  # about one\n"
	"  {id: 1, topic: A, kind: action,   # inside one\n"
	"   status: open},   # after one\n"
	"  {id: 2, topic: B, kind: recommendation, status: open,\n"
	"   # before leads\n"
	"   leads: [X, Y], updates: [{date: 2023-09-21, text: hello}]},\n"
	"  # trailing in list\n"
	"]  # end of items\n"
	"# tail\n";

/* What the items become once written in block form. */
#define FLOW_ITEMS_BLOCK(status2) \
	"items: # the list\n" \
	"# about one\n" \
	"- id: 1 # inside one\n" \
	"  topic: A\n" \
	"  kind: action\n" \
	"  status: open # after one\n" \
	"- id: 2\n" \
	"  topic: B\n" \
	"  kind: recommendation\n" \
	"  # before leads\n" \
	"  leads:\n" \
	"  - X\n" \
	"  - 'Y'\n" \
	"  status: " status2 "\n" \
	"  response: pending\n" \
	"  updates:\n" \
	"  - date: 2023-09-21\n" \
	"    text: hello\n" \
	"# trailing in list\n" \
	"# end of items\n" \
	"# tail\n"

/* The whole tracker as one flow mapping. */
static const char FLOW_TOP[] =
	"# a tracker in one flow mapping\n"
	"{artrack: 1,   # version\n"
	" committee: Health,\n"
	" # the meetings\n"
	" meetings: [{date: 2023-09-21, title: Autumn}],  # one meeting\n"
	" items: [\n"
	"   {id: 1, meeting: 2023-09-21, topic: A, kind: action, status: open},  # first\n"
	"   # second\n"
	"   {id: 2, topic: B, kind: action, status: open}\n"
	" ]\n"
	"}  # the end\n"
	"# tail\n";

#define FLOW_TOP_BLOCK(status1) \
	"# a tracker in one flow mapping\n" \
	"artrack: 1 # version\n" \
	"committee: Health\n" \
	"# the meetings\n" \
	"meetings: # one meeting\n" \
	"- date: 2023-09-21\n" \
	"  title: Autumn\n" \
	"items:\n" \
	"- id: 1 # first\n" \
	"  meeting: 2023-09-21\n" \
	"  topic: A\n" \
	"  kind: action\n" \
	"  status: " status1 "\n" \
	"# second\n" \
	"- id: 2\n" \
	"  topic: B\n" \
	"  kind: action\n" \
	"  status: open\n" \
	"# the end\n" \
	"# tail\n"

/* Block items, meetings as a flow sequence. */
static const char FLOW_MEETINGS[] =
	"artrack: 1\n"
	"meetings: [\n"
	"  {date: 2023-09-21, title: Autumn},   # the autumn one\n"
	"  # spring\n"
	"  {date: 2024-03-14}]\n"
	"items:\n"
	"  - id: 1\n"
	"    meeting: 2024-03-14   # spring's\n"
	"    topic: A\n"
	"    kind: action\n"
	"    status: open\n";

/* Block sequences, one item written as a flow mapping with comments. */
static const char FLOW_ELEMENT[] =
	"artrack: 1\n"
	"items:\n"
	"  # before one\n"
	"  - {id: 1, topic: A, kind: action,   # inside one\n"
	"     status: open}   # after one\n"
	"  - id: 2\n"
	"    topic: B          # bee\n"
	"    kind: action\n"
	"    status: open\n";

static int line_order(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every comment of text ('#' to the line's end: the texts here hold no
 * other '#'), sorted, one a line. */
static char *comments_of(const char *text)
{
	char *lines[64];
	size_t n = 0;
	for (const char *p = strchr(text, '#'); p && n < 64; p = strchr(p, '#')) {
		size_t len = strcspn(p, "\r\n");
		while (len > 0 && p[len - 1] == ' ')
			len--;
		lines[n++] = strndup(p, len);
		p += len;
	}
	qsort(lines, n, sizeof *lines, line_order);
	struct ar_buf b = {0};
	for (size_t i = 0; i < n; i++) {
		ar_buf_add(&b, lines[i], strlen(lines[i]));
		ar_buf_add(&b, "\n", 1);
		free(lines[i]);
	}
	ar_buf_add(&b, "", 1);
	return ar_buf_steal(&b, NULL);
}

static void assert_text(const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fail_msg("got:\n%s\nwanted:\n%s", got, want);
}

static void assert_same_comments(const char *got, const char *original)
{
	char *a = comments_of(got), *b = comments_of(original);
	if (strcmp(a, b) != 0)
		fail_msg("comments:\n%s\nwanted:\n%s\nin:\n%s", a, b, got);
	free(a);
	free(b);
}

/* Save with nothing edited, fmt and fmt of fmt, and a save after setting
 * item id's status (the status line then names it): checked against want. */
static void check_paths(const char *original, const char *fmt_want, long id, const char *edited_want)
{
	struct ar_tracker *t = load(original);
	char *out = saved(t);
	assert_text(out, original); /* nothing edited: as it was read */
	free(out);

	out = canonical(t);
	assert_same_comments(out, original);
	if (fmt_want)
		assert_text(out, fmt_want);
	struct ar_tracker *again = load(out);
	char *twice = canonical(again);
	assert_text(twice, out); /* fmt is idempotent: fmt --check passes */
	free(twice);
	ar_tracker_free(again);
	free(out);

	struct ar_edits *edits = ar_edits_new(t);
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(edits, id, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	out = saved(t);
	assert_same_comments(out, original);
	if (edited_want)
		assert_text(out, edited_want);
	struct ar_tracker *back = load(out);
	assert_int_equal(ar_tracker_find_item(back, id)->status, AR_STATUS_COMPLETED);
	/* a second save of that is as it was read: the block form is followed */
	char *resaved = saved(back);
	assert_text(resaved, out);
	free(resaved);
	ar_tracker_free(back);
	free(out);
	ar_edits_free(edits);
	ar_tracker_free(t);
}

static void test_flow_items(void **state)
{
	(void)state;
	check_paths(FLOW_ITEMS,
	            "# head comment\n"
	            "artrack: 1\n"
	            "committee: Health # the committee\n" FLOW_ITEMS_BLOCK("open"),
	            2,
	            "# head comment\n"
	            "artrack: 1\n"
	            "committee: Health   # the committee\n" FLOW_ITEMS_BLOCK("completed"));
}

static void test_flow_items_kept_when_others_edited(void **state)
{
	(void)state;
	/* only the committee is edited: the flow items stay as written */
	struct ar_tracker *t = load(FLOW_ITEMS);
	t->committee = "Health Overview";
	char *out = saved(t);
	const char *at = strstr(FLOW_ITEMS, "committee:");
	char want[sizeof FLOW_ITEMS + 64];
	snprintf(want, sizeof want, "%.*scommittee: Health Overview # the committee\n%s", (int)(at - FLOW_ITEMS),
	         FLOW_ITEMS, strstr(FLOW_ITEMS, "items:"));
	assert_text(out, want);
	free(out);
	ar_tracker_free(t);
}

static void test_flow_top_level(void **state)
{
	(void)state;
	check_paths(FLOW_TOP, FLOW_TOP_BLOCK("open"), 1, FLOW_TOP_BLOCK("completed"));
}

static void test_flow_meetings(void **state)
{
	(void)state;
	check_paths(FLOW_MEETINGS,
	            "artrack: 1\n"
	            "meetings:\n"
	            "- date: 2023-09-21 # the autumn one\n"
	            "  title: Autumn\n"
	            "# spring\n"
	            "- date: 2024-03-14\n"
	            "items:\n"
	            "- id: 1\n"
	            "  meeting: 2024-03-14 # spring's\n"
	            "  topic: A\n"
	            "  kind: action\n"
	            "  status: open\n",
	            1,
	            /* meetings untouched: as written; the item's line only */
	            "artrack: 1\n"
	            "meetings: [\n"
	            "  {date: 2023-09-21, title: Autumn},   # the autumn one\n"
	            "  # spring\n"
	            "  {date: 2024-03-14}]\n"
	            "items:\n"
	            "  - id: 1\n"
	            "    meeting: 2024-03-14   # spring's\n"
	            "    topic: A\n"
	            "    kind: action\n"
	            "    status: completed\n");
}

static void test_flow_element(void **state)
{
	(void)state;
	check_paths(FLOW_ELEMENT, NULL, 1,
	            "artrack: 1\n"
	            "items:\n"
	            "  # before one\n"
	            "  - id: 1 # inside one\n"
	            "    topic: A\n"
	            "    kind: action\n"
	            "    status: completed # after one\n"
	            "  - id: 2\n"
	            "    topic: B          # bee\n"
	            "    kind: action\n"
	            "    status: open\n");
	/* the other item edited: the flow one stays as written */
	check_paths(FLOW_ELEMENT, NULL, 2,
	            "artrack: 1\n"
	            "items:\n"
	            "  # before one\n"
	            "  - {id: 1, topic: A, kind: action,   # inside one\n"
	            "     status: open}   # after one\n"
	            "  - id: 2\n"
	            "    topic: B          # bee\n"
	            "    kind: action\n"
	            "    status: completed\n");
}

static void test_flow_crlf(void **state)
{
	(void)state;
	static const char CRLF[] = "artrack: 1\r\nitems: [{id: 1, topic: A, kind: action, status: open}, # one\r\n"
	                           "  {id: 2, topic: B, kind: action, status: open}]  # two\r\n";
	check_paths(CRLF, NULL, 2,
	            "artrack: 1\r\n"
	            "items:\r\n"
	            "- id: 1 # one\r\n"
	            "  topic: A\r\n"
	            "  kind: action\r\n"
	            "  status: open\r\n"
	            "- id: 2 # two\r\n"
	            "  topic: B\r\n"
	            "  kind: action\r\n"
	            "  status: completed\r\n");
	/* an unknown collection over two lines, a comment inside it */
	check_paths("artrack: 1\r\nitems: [{id: 1, topic: A, kind: action, status: open, x: [1, # c\r\n  2]}]  # one\r\n",
	            NULL, 1,
	            "artrack: 1\r\n"
	            "items:\r\n"
	            "- id: 1\r\n"
	            "  topic: A\r\n"
	            "  kind: action\r\n"
	            "  status: completed\r\n"
	            "  # one\r\n"
	            "  x: [1, # c\r\n"
	            "    2]\r\n");
	/* an unknown key that needs quotes, its value a collection */
	check_paths("artrack: 1\r\nitems: [{id: 1, topic: A, kind: action, status: open, \"x\\ty\": [1, 2]}]  # one\r\n",
	            NULL, 1, NULL);
}

static void test_unknown_collection_comments_once(void **state)
{
	(void)state;
	/* an unknown key's collection is written as its bytes, comments and
	 * all: fmt writes those comments once, the one after it before the key */
	static const char RAW[] = "artrack: 1\n"
	                          "items:\n"
	                          "- id: 1\n"
	                          "  topic: A\n"
	                          "  kind: action\n"
	                          "  status: open\n"
	                          "  x-extra: {a: 1,  # inside\n"
	                          "    # own line\n"
	                          "    b: 2}  # after\n";
	struct ar_tracker *t = load(RAW);
	char *out = canonical(t);
	assert_text(out, "artrack: 1\n"
	                 "items:\n"
	                 "- id: 1\n"
	                 "  topic: A\n"
	                 "  kind: action\n"
	                 "  status: open\n"
	                 "  # after\n"
	                 "  x-extra: {a: 1,  # inside\n"
	                 "    # own line\n"
	                 "    b: 2}\n");
	struct ar_tracker *again = load(out);
	char *twice = canonical(again);
	assert_text(twice, out);
	free(twice);
	ar_tracker_free(again);
	free(out);
	ar_tracker_free(t);
	/* the same inside a flow-style item */
	check_paths("artrack: 1\nitems: [{id: 1, topic: A, kind: action, status: open, x-extra: {a: 1,  # inside\n"
	            "  b: 2}}]  # after\n",
	            "artrack: 1\n"
	            "items:\n"
	            "- id: 1\n"
	            "  topic: A\n"
	            "  kind: action\n"
	            "  status: open\n"
	            "  # after\n"
	            "  x-extra: {a: 1,  # inside\n"
	            "    b: 2}\n",
	            1, NULL);
}

static void test_flow_value_canonical_form_quotes(void **state)
{
	(void)state;
	/* an unknown plain value that block form must quote (a tab in it):
	 * the file is still followed, every comment kept */
	check_paths("artrack: 1  # v\nitems: [{id: 1, topic: A, kind: action, status: open, x: a\tb}]  # one\n", NULL, 1,
	            NULL);
}

/* Files the layout could not follow for other reasons: nothing edited, a
 * save is the bytes read; edited, only that line changes. */
static void test_other_shapes_followed(void **state)
{
	(void)state;
	/* a BOM before the first key, as Windows editors write it */
	check_paths("\xEF\xBB\xBF" "artrack: 1  # v\nitems:\n- id: 1  # one\n  topic: A\n  kind: action\n  status: open\n",
	            NULL, 1,
	            "\xEF\xBB\xBF" "artrack: 1  # v\nitems:\n- id: 1  # one\n  topic: A\n  kind: action\n"
	            "  status: completed\n");
	/* an empty meetings list stays, with its comment, while it is empty */
	check_paths("artrack: 1\nmeetings: []  # none yet\nitems:\n- id: 1\n  topic: A\n  kind: action\n  status: open\n",
	            NULL, 1,
	            "artrack: 1\nmeetings: []  # none yet\nitems:\n- id: 1\n  topic: A\n  kind: action\n"
	            "  status: completed\n");
	/* a complex key ("? ") at the top level */
	check_paths("artrack: 1\n? |\n  two\n  lines\n: x  # the value\nitems:\n- id: 1\n  topic: A\n  kind: action\n"
	            "  status: open\n",
	            NULL, 1,
	            "artrack: 1\n? |\n  two\n  lines\n: x  # the value\nitems:\n- id: 1\n  topic: A\n  kind: action\n"
	            "  status: completed\n");
}

/* text read from a stream loads, and the hash the outside-change check
 * keeps is that of its own bytes (not of the LF text the layout reads). */
static void assert_read_as_bytes(const char *text, size_t len)
{
	FILE *f = fmemopen((void *)text, len, "rb");
	assert_non_null(f);
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	struct ar_load_info info;
	assert_int_equal(ar_load_stream(f, &t, &diags, &info), AR_OK);
	assert_true(info.hash == ar_hash64(AR_HASH_INIT, text, len));
	assert_int_equal(info.size, len);
	assert_non_null(ar_tracker_find_item(t, 1));
	ar_tracker_free(t);
	ar_diags_free(&diags);
	fclose(f);
}

/* A file whose line breaks are all lone CRs (old Mac files; YAML reads a
 * lone CR as a line break) is followed as the LF file it stands for and
 * written back with CRs: a save as read, an edit only its line, fmt keeping
 * every comment.  The outside-change check sees the file's own bytes. */
static void test_lone_cr(void **state)
{
	(void)state;
	static const char CR[] = "# head\rartrack: 1  # v\ritems:  # all\r# before one\r- id: 1  # one\r  topic: A\r"
	                         "  kind: action\r  status: open\r# tail\r";
	check_paths(CR,
	            "# head\rartrack: 1 # v\ritems: # all\r# before one\r- id: 1 # one\r  topic: A\r"
	            "  kind: action\r  status: open\r# tail\r",
	            1,
	            "# head\rartrack: 1  # v\ritems:  # all\r# before one\r- id: 1  # one\r  topic: A\r"
	            "  kind: action\r  status: completed\r# tail\r");
	/* flow style too: the edited part in block form, with CRs */
	check_paths("artrack: 1\ritems: [{id: 1, topic: A, kind: action, status: open}]  # one\r", NULL, 1,
	            "artrack: 1\ritems: # one\r- id: 1\r  topic: A\r  kind: action\r  status: completed\r");
	/* a value over several lines, a block scalar */
	check_paths("artrack: 1\ritems:\r- id: 1  # one\r  topic: A\r  text: |\r    two\r    lines\r  kind: action\r"
	            "  status: open\r",
	            NULL, 1, NULL);
	/* lone CRs mixed with LF or CR LF: as read while nothing is edited;
	 * once edited the lone CRs are LF (an edited line ends CR LF when the
	 * first line does), every comment kept */
	static const char MIXED[] = "artrack: 1  # v\ritems:\n# before\r- id: 1  # one\r  topic: A\n  kind: action\r"
	                            "  status: open  # st\r# tail\n";
	check_paths(MIXED,
	            "artrack: 1 # v\nitems:\n# before\n- id: 1 # one\n  topic: A\n  kind: action\n  status: open # st\n"
	            "# tail\n",
	            1,
	            "artrack: 1  # v\nitems:\n# before\n- id: 1  # one\n  topic: A\n  kind: action\n"
	            "  status: completed # st\n# tail\n");
	check_paths("artrack: 1\r\nitems:\r- id: 1  # one\r\n  topic: A\r  kind: action\r\n  status: open\r", NULL, 1,
	            "artrack: 1\r\nitems:\n- id: 1  # one\r\n  topic: A\n  kind: action\r\n  status: completed\r\n");
	check_paths("artrack: 1\nitems: [{id: 1, topic: A, kind: action, status: open}]  # one\r# two\r", NULL, 1, NULL);
	assert_read_as_bytes(MIXED, sizeof MIXED - 1);

	assert_read_as_bytes(CR, sizeof CR - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flow_items),
		cmocka_unit_test(test_flow_items_kept_when_others_edited),
		cmocka_unit_test(test_flow_top_level),
		cmocka_unit_test(test_flow_meetings),
		cmocka_unit_test(test_flow_element),
		cmocka_unit_test(test_flow_crlf),
		cmocka_unit_test(test_unknown_collection_comments_once),
		cmocka_unit_test(test_other_shapes_followed),
		cmocka_unit_test(test_flow_value_canonical_form_quotes),
		cmocka_unit_test(test_lone_cr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
