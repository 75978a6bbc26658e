/* test-conflict.c - git conflict markers: found in pieces of any size,
 * reported by the loader with their lines, and taken apart side by side. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "artrack/conflict.h"
#include "artrack/yamlio.h"

static const char conflicted[] =
	"artrack: 1\n"
	"items:\n"
	"- id: 1\n"
	"  topic: One\n"
	"  kind: action\n"
	"<<<<<<< ours\n"
	"  status: completed\n"
	"=======\n"
	"  status: closed\n"
	">>>>>>> theirs\n"
	"- id: 2\n"
	"  topic: Two\n"
	"  kind: action\n"
	"  status: open\n"
	"<<<<<<< ours\n"
	"||||||| base\n"
	"- id: 3\n"
	"  topic: Three\n"
	"  kind: action\n"
	"  status: open\n"
	"=======\n"
	"- id: 3\n"
	"  topic: Three, renamed\n"
	"  kind: action\n"
	"  status: open\n"
	">>>>>>> theirs\n";

static void scan_in_pieces(size_t piece, struct ar_diags *diags, size_t *markers)
{
	struct ar_conflict_scan scan;
	ar_conflict_scan_init(&scan);
	size_t len = strlen(conflicted);
	for (size_t at = 0; at < len; at += piece)
		ar_conflict_scan_feed(&scan, conflicted + at, at + piece < len ? piece : len - at);
	*markers = ar_conflict_scan_finish(&scan, conflicted, len, diags);
}

static void test_scan_any_piece_size(void **state)
{
	(void)state;
	for (size_t piece = 1; piece <= 17; piece++) {
		struct ar_diags diags = {0};
		size_t markers;
		scan_in_pieces(piece, &diags, &markers);
		assert_int_equal(markers, 7);
		assert_int_equal(diags.count, 2);
		assert_int_equal(diags.items[0].line, 6);
		assert_int_equal(diags.items[0].column, 1);
		assert_string_equal(diags.items[0].message,
		                    "merge conflict in item 1 status: ours \"completed\" (line 7), theirs \"closed\" (line 9); "
		                    "keep one and delete the marker lines");
		assert_int_equal(diags.items[1].line, 15);
		assert_string_equal(diags.items[1].message, "merge conflict in item 3: ours has no lines, theirs lines 22-25; "
		                                            "keep one and delete the marker lines");
		ar_diags_free(&diags);
	}
}

/* Without the bytes to read again, each side's lines are all it can say. */
static void test_lines_only(void **state)
{
	(void)state;
	struct ar_conflict_scan scan;
	ar_conflict_scan_init(&scan);
	ar_conflict_scan_feed(&scan, conflicted, strlen(conflicted));
	struct ar_diags diags = {0};
	assert_int_equal(ar_conflict_scan_finish(&scan, NULL, 0, &diags), 7);
	assert_int_equal(diags.count, 2);
	assert_string_equal(diags.items[0].message, "merge conflict: ours line 7, theirs line 9; keep one and delete the marker lines");
	assert_string_equal(diags.items[1].message,
	                    "merge conflict: ours has no lines, theirs lines 22-25; keep one and delete the marker lines");
	ar_diags_free(&diags);
}

/* The loader names what each conflict is in: an item's field with both
 * values, an item's updates, a meeting's field, a top-level key, fields
 * side by side, an item only one side has, comments inside an item, a
 * field only one side has. */
static void test_named(void **state)
{
	(void)state;
	static const char text[] =
		"artrack: 1\n"
		"committee: Health\n"
		"<<<<<<< ours\n"                      /* 3 */
		"title: Our title\n"
		"=======\n"
		"title: Their title\n"
		">>>>>>> theirs\n"
		"meetings:\n"
		"- date: 2023-11-30\n"
		"<<<<<<< ours\n"                      /* 10 */
		"  title: Nov A\n"
		"=======\n"
		"  title: Nov B\n"
		">>>>>>> theirs\n"
		"items:\n"
		"- id: 21\n"
		"  topic: Twenty-one\n"
		"  kind: recommendation\n"
		"<<<<<<< ours\n"                      /* 19 */
		"  status: in-progress\n"
		"=======\n"
		"  status: completed\n"
		">>>>>>> theirs\n"
		"- id: 2\n"
		"  topic: Two\n"
		"  kind: action\n"
		"  status: open\n"
		"  updates:\n"
		"<<<<<<< ours\n"                      /* 29 */
		"  - text: ours update\n"
		"=======\n"
		"  - text: theirs update\n"
		"    by: B\n"
		">>>>>>> theirs\n"
		"- id: 4\n"
		"  topic: Four\n"
		"<<<<<<< ours\n"                      /* 37 */
		"  kind: action\n"
		"  status: open\n"
		"=======\n"
		"  kind: recommendation\n"
		"  status: in-progress\n"
		"  response: accepted\n"
		">>>>>>> theirs\n"
		"  due: 2024-01\n"
		"<<<<<<< ours\n"                      /* 46 */
		"- id: 9\n"
		"  topic: Nine\n"
		"  kind: action\n"
		"  status: open\n"
		"=======\n"
		">>>>>>> theirs\n"
		"- id: 5\n"
		"  topic: Five\n"
		"<<<<<<< ours\n"                      /* 55 */
		"  # ours\n"
		"=======\n"
		"  # theirs\n"
		">>>>>>> theirs\n"
		"  kind: action\n"
		"  status: open\n"
		"- id: 6\n"
		"  topic: Six\n"
		"  kind: action\n"
		"  status: open\n"
		"<<<<<<< ours\n"                      /* 66 */
		"  rag: red\n"
		"=======\n"
		">>>>>>> theirs\n";
	static const struct {
		int line;
		const char *message;
	} want[] = {
		{3, "merge conflict in title: ours \"Our title\" (line 4), theirs \"Their title\" (line 6)"},
		{10, "merge conflict in meeting 2023-11-30 title: ours \"Nov A\" (line 11), theirs \"Nov B\" (line 13)"},
		{19, "merge conflict in item 21 status: ours \"in-progress\" (line 20), theirs \"completed\" (line 22)"},
		{29, "merge conflict in item 2 updates: ours line 30, theirs lines 32-33"},
		{37, "merge conflict in item 4 kind, status and response: ours lines 38-39, theirs lines 41-43"},
		{46, "merge conflict in item 9: ours lines 47-50, theirs has no lines"},
		{55, "merge conflict in item 5: ours line 56, theirs line 58"},
		{66, "merge conflict in item 6 rag: ours \"red\" (line 67), theirs has no lines"},
	};
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	assert_int_equal(ar_load_buffer(text, strlen(text), &t, &diags), AR_EDATA);
	assert_int_equal(diags.count, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < diags.count; i++) {
		char message[AR_ERROR_MESSAGE_MAX];
		snprintf(message, sizeof message, "%s; keep one and delete the marker lines", want[i].message);
		assert_int_equal(diags.items[i].line, want[i].line);
		assert_int_equal(diags.items[i].column, 1);
		assert_string_equal(diags.items[i].message, message);
	}
	ar_diags_free(&diags);
}

/* Markers out of place: the sides are not what they wrote, so only lines. */
static void test_stray_means_lines_only(void **state)
{
	(void)state;
	static const char text[] = "artrack: 1\nitems:\n- id: 1\n  kind: action\n  topic: x\n"
	                           "<<<<<<< ours\n  status: open\n=======\n  status: closed\n>>>>>>> theirs\n"
	                           "=======\n";
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	assert_int_equal(ar_load_buffer(text, strlen(text), &t, &diags), AR_EDATA);
	assert_int_equal(diags.count, 2);
	assert_string_equal(diags.items[0].message, "merge conflict: ours line 7, theirs line 9; keep one and delete the marker lines");
	assert_int_equal(diags.items[1].line, 11);
	ar_diags_free(&diags);
}

static void test_loader_reports_conflicts_only(void **state)
{
	(void)state;
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	assert_int_equal(ar_load_buffer(conflicted, strlen(conflicted), &t, &diags), AR_EDATA);
	assert_null(t);
	/* Not the YAML errors the markers cause: the conflicts, with their lines. */
	assert_int_equal(diags.count, 2);
	assert_int_equal(diags.items[0].line, 6);
	assert_non_null(strstr(diags.items[0].message, "merge conflict"));
	assert_int_equal(diags.items[1].line, 15);
	ar_diags_free(&diags);
}

static void test_loader_reports_conflicts_past_the_first_error(void **state)
{
	(void)state;
	/* libyaml stops at the first marker; the second is 100 KB further on. */
	struct ar_buf big = {0};
	ar_buf_adds(&big, "artrack: 1\nitems:\n- id: 1\n  kind: action\n<<<<<<< ours\n  status: open\n=======\n"
	                  "  status: closed\n>>>>>>> theirs\n  topic: |-\n");
	for (int i = 0; i < 2000; i++)
		ar_buf_adds(&big, "    a long text of fifty bytes, over and over......\n");
	ar_buf_adds(&big, "<<<<<<< ours\n=======\n>>>>>>> theirs\n");
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	assert_int_equal(ar_load_buffer(big.data, big.len, &t, &diags), AR_EDATA);
	assert_int_equal(diags.count, 2);
	assert_int_equal(diags.items[0].line, 5);
	assert_int_equal(diags.items[1].line, 2011);
	ar_diags_free(&diags);
	ar_buf_free(&big);
}

static void test_stray_and_unclosed_markers(void **state)
{
	(void)state;
	const char *text = "artrack: 1\n=======\n>>>>>>> x\n<<<<<<< a\nitems: []\n<<<<<<< b";
	struct ar_conflict_scan scan;
	ar_conflict_scan_init(&scan);
	ar_conflict_scan_feed(&scan, text, strlen(text));
	struct ar_diags diags = {0};
	assert_int_equal(ar_conflict_scan_finish(&scan, NULL, 0, &diags), 4);
	assert_int_equal(diags.count, 4);
	assert_int_equal(diags.items[0].line, 2);
	assert_non_null(strstr(diags.items[0].message, "'=======' with no '<<<<<<<' before it"));
	assert_int_equal(diags.items[1].line, 3);
	assert_int_equal(diags.items[2].line, 6);
	assert_non_null(strstr(diags.items[2].message, "inside the conflict opened at line 4"));
	assert_int_equal(diags.items[3].line, 6);
	assert_non_null(strstr(diags.items[3].message, "never closed"));
	ar_diags_free(&diags);
}

static void test_not_markers(void **state)
{
	(void)state;
	/* Indented, too short, or followed by text: data, not markers. */
	const char *text = "artrack: 1\ntitle: |-\n  <<<<<<< ours\n======\n>>>>>>>>>>>>x\n<<<<<<<x\n=======>\n";
	struct ar_conflict_scan scan;
	ar_conflict_scan_init(&scan);
	ar_conflict_scan_feed(&scan, text, strlen(text));
	struct ar_diags diags = {0};
	assert_int_equal(ar_conflict_scan_finish(&scan, NULL, 0, &diags), 0);
	assert_int_equal(diags.count, 0);
}

/* git's conflict-marker-size attribute (its %L) makes bigger markers: every
 * size from seven reads back, in pieces of any size. */
static void test_bigger_markers(void **state)
{
	(void)state;
	static const char text[] = "artrack: 1\nitems:\n- id: 1\n  topic: One\n  kind: action\n"
	                           "<<<<<<<<<<<< ours\n  status: completed\n============\n  status: closed\n"
	                           ">>>>>>>>>>>> theirs\n";
	size_t len = strlen(text);
	for (size_t piece = 1; piece <= 17; piece++) {
		struct ar_conflict_scan scan;
		ar_conflict_scan_init(&scan);
		for (size_t at = 0; at < len; at += piece)
			ar_conflict_scan_feed(&scan, text + at, at + piece < len ? piece : len - at);
		struct ar_diags diags = {0};
		assert_int_equal(ar_conflict_scan_finish(&scan, text, len, &diags), 3);
		assert_int_equal(diags.count, 1);
		assert_int_equal(diags.items[0].line, 6);
		assert_int_equal(diags.items[0].column, 1);
		assert_string_equal(diags.items[0].message,
		                    "merge conflict in item 1 status: ours \"completed\" (line 7), theirs \"closed\" (line 9); "
		                    "keep one and delete the marker lines");
		ar_diags_free(&diags);
	}
	struct ar_buf ours = {0};
	assert_int_equal(ar_conflict_take_side(text, len, AR_CONFLICT_OURS, &ours), 1);
	assert_string_equal(ours.data, "artrack: 1\nitems:\n- id: 1\n  topic: One\n  kind: action\n  status: completed\n");
	ar_buf_free(&ours);
	/* A stray one is named as it was written; the last one needs no newline. */
	struct ar_conflict_scan scan;
	ar_conflict_scan_init(&scan);
	ar_conflict_scan_feed(&scan, "artrack: 1\n=========", 20);
	struct ar_diags diags = {0};
	assert_int_equal(ar_conflict_scan_finish(&scan, NULL, 0, &diags), 1);
	assert_int_equal(diags.count, 1);
	assert_string_equal(diags.items[0].message, "merge conflict: '=========' with no '<<<<<<<<<' before it");
	ar_diags_free(&diags);
	ar_conflict_scan_init(&scan);
	ar_conflict_scan_feed(&scan, "artrack: 1\n<<<<<<<<<<<< ours\n", 29);
	assert_int_equal(ar_conflict_scan_finish(&scan, NULL, 0, &diags), 1);
	assert_string_equal(diags.items[0].message, "merge conflict: '<<<<<<<<<<<<' is never closed by a '>>>>>>>>>>>>' line");
	ar_diags_free(&diags);
	/* And they are written with as many characters as asked. */
	struct ar_buf out = {0};
	struct ar_conflict_markers twelve = {.size = 12, .ours = "HEAD", .theirs = "tracker.yaml"};
	ar_conflict_marker(&out, '<', &twelve);
	ar_conflict_marker(&out, '=', &twelve);
	ar_conflict_marker(&out, '>', &twelve);
	ar_conflict_marker(&out, '=', NULL);
	assert_string_equal(out.data, "<<<<<<<<<<<< HEAD\n============\n>>>>>>>>>>>> tracker.yaml\n=======\n");
	ar_buf_free(&out);
}

static void test_take_side(void **state)
{
	(void)state;
	struct ar_buf ours = {0}, theirs = {0};
	assert_int_equal(ar_conflict_take_side(conflicted, strlen(conflicted), AR_CONFLICT_OURS, &ours), 2);
	assert_int_equal(ar_conflict_take_side(conflicted, strlen(conflicted), AR_CONFLICT_THEIRS, &theirs), 2);
	assert_non_null(strstr(ours.data, "  kind: action\n  status: completed\n- id: 2\n"));
	assert_null(strstr(ours.data, "id: 3"));
	assert_null(strstr(ours.data, "<<<<<<<"));
	assert_non_null(strstr(theirs.data, "  kind: action\n  status: closed\n- id: 2\n"));
	assert_non_null(strstr(theirs.data, "Three, renamed"));
	assert_null(strstr(theirs.data, "topic: Three\n"));
	/* Each side is a tracker again. */
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	assert_int_equal(ar_load_buffer(ours.data, ours.len, &t, &diags), AR_OK);
	assert_int_equal(t->item_count, 2);
	ar_tracker_free(t);
	assert_int_equal(ar_load_buffer(theirs.data, theirs.len, &t, &diags), AR_OK);
	assert_int_equal(t->item_count, 3);
	ar_tracker_free(t);
	ar_buf_free(&ours);
	ar_buf_free(&theirs);
}

/* A problem found in one side is told at its line in the file: the lines
 * of the other side, the base and the markers are skipped over. */
static void test_file_line(void **state)
{
	(void)state;
	size_t len = strlen(conflicted);
	assert_int_equal(ar_conflict_file_line(conflicted, len, AR_CONFLICT_OURS, 5), 5);
	assert_int_equal(ar_conflict_file_line(conflicted, len, AR_CONFLICT_OURS, 6), 7);
	assert_int_equal(ar_conflict_file_line(conflicted, len, AR_CONFLICT_THEIRS, 6), 9);
	assert_int_equal(ar_conflict_file_line(conflicted, len, AR_CONFLICT_OURS, 7), 11);
	assert_int_equal(ar_conflict_file_line(conflicted, len, AR_CONFLICT_THEIRS, 11), 22);
	assert_int_equal(ar_conflict_file_line(conflicted, len, AR_CONFLICT_THEIRS, 12), 23);
	/* past the side's last line: the end of the file */
	assert_int_equal(ar_conflict_file_line(conflicted, len, AR_CONFLICT_OURS, 11), 27);
	assert_int_equal(ar_conflict_file_line(conflicted, len, AR_CONFLICT_OURS, 0), 0);
}

/* Both sides loaded for the UI's choices; a side that is not a tracker is
 * told at its line in the file, and nothing is handed back. */
static void test_load_sides(void **state)
{
	(void)state;
	struct ar_tracker *o = NULL, *t = NULL;
	struct ar_diags diags = {0};
	assert_true(ar_conflict_load_sides(conflicted, strlen(conflicted), &o, &t, &diags));
	assert_int_equal(diags.count, 0);
	assert_int_equal(o->item_count, 2);
	assert_int_equal(t->item_count, 3);
	ar_tracker_free(o);
	ar_tracker_free(t);

	static const char bad_theirs[] =
		"artrack: 1\n"
		"items:\n"
		"- id: 1\n"
		"  topic: One\n"
		"  kind: action\n"
		"<<<<<<< ours\n"
		"  status: completed\n"
		"=======\n"
		"  status: finishd\n"
		">>>>>>> theirs\n";
	assert_false(ar_conflict_load_sides(bad_theirs, strlen(bad_theirs), &o, &t, &diags));
	assert_null(o);
	assert_null(t);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 9);
	assert_non_null(strstr(diags.items[0].message, "theirs' side of the conflicts: "));
	assert_non_null(strstr(diags.items[0].message, "finishd"));
	ar_diags_free(&diags);

	/* no markers: nothing to offer, nothing to say */
	assert_false(ar_conflict_load_sides("artrack: 1\nitems: []\n", 22, &o, &t, &diags));
	assert_int_equal(diags.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_any_piece_size),
		cmocka_unit_test(test_lines_only),
		cmocka_unit_test(test_named),
		cmocka_unit_test(test_stray_means_lines_only),
		cmocka_unit_test(test_loader_reports_conflicts_only),
		cmocka_unit_test(test_loader_reports_conflicts_past_the_first_error),
		cmocka_unit_test(test_stray_and_unclosed_markers),
		cmocka_unit_test(test_not_markers),
		cmocka_unit_test(test_bigger_markers),
		cmocka_unit_test(test_take_side),
		cmocka_unit_test(test_file_line),
		cmocka_unit_test(test_load_sides),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
