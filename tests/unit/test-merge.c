/* test-merge.c - the three-way merge: fields, updates as a history,
 * unknown keys, item and meeting order, deletions, renumbering, and the
 * conflict markers it writes. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/diff.h"
#include "artrack/merge.h"
#include "artrack/yamlio.h"

static struct ar_tracker *load(const char *text)
{
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	enum ar_rc rc = ar_load_buffer(text, strlen(text), &t, &diags);
	for (size_t i = 0; i < diags.count; i++)
		fprintf(stderr, "%d:%d: %s\n", diags.items[i].line, diags.items[i].column, diags.items[i].message);
	assert_int_equal(rc, AR_OK);
	ar_diags_free(&diags);
	return t;
}

#define HEAD "artrack: 1\nmeetings:\n- date: 2023-01-01\n- date: 2023-02-01\nitems:\n"
#define ITEM(id, rest) "- id: " #id "\n  topic: T" #id "\n  kind: action\n" rest

/* Merge three texts; the merged file into out (caller frees). */
static void merge3(const char *b, const char *o, const char *t, struct ar_merge *m, struct ar_buf *out)
{
	ar_merge_trackers(load(b), load(o), load(t), m);
	struct ar_error err = {0};
	assert_int_equal(ar_merge_write(m, &(struct ar_conflict_markers){.ours = "ours", .theirs = "theirs"}, out, &err), AR_OK);
}

/* The merge of b, o and t is clean and means the same as want (the
 * saver keeps ours' layout, so compare trackers, not bytes). */
static void assert_merges_to(const char *b, const char *o, const char *t, const char *want)
{
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, t, &m, &out);
	assert_int_equal(m.conflict_count, 0);
	struct ar_tracker *got = load(out.data), *w = load(want);
	struct ar_diff diff = {0};
	ar_diff_trackers(got, w, &diff);
	if (diff.count) {
		struct ar_buf text = {0};
		ar_diff_format(&text, &diff, AR_DIFF_TEXT);
		fprintf(stderr, "merged:\n%s\ndiffers from the expected:\n%s", out.data, text.data);
		ar_buf_free(&text);
	}
	assert_int_equal(diff.count, 0);
	/* and the items stand in the expected order */
	assert_int_equal(got->item_count, w->item_count);
	for (size_t i = 0; i < w->item_count; i++)
		assert_int_equal(got->items[i]->id, w->items[i]->id);
	ar_diff_free(&diff);
	ar_tracker_free(got);
	ar_tracker_free(w);
	ar_buf_free(&out);
	ar_merge_free(&m);
}

static void test_fields(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n") ITEM(2, "  status: open\n");
	const char *o = HEAD ITEM(1, "  status: completed\n") ITEM(2, "  status: open\n");
	const char *t = HEAD ITEM(1, "  status: open\n  due: 2024-04\n") ITEM(2, "  status: in-progress\n");
	assert_merges_to(b, o, t, HEAD ITEM(1, "  status: completed\n  due: 2024-04\n") ITEM(2, "  status: in-progress\n"));
	/* the same change on both sides is taken once */
	assert_merges_to(b, o, o, o);
}

static void test_updates_by_date_ours_first(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n  updates:\n  - text: old\n");
	const char *o = HEAD ITEM(1, "  status: open\n  updates:\n  - text: old\n"
	                             "  - date: 2023-03-02\n    text: o1\n  - date: 2023-03-05\n    text: o2\n");
	const char *t = HEAD ITEM(1, "  status: open\n  updates:\n  - text: old\n"
	                             "  - date: 2023-03-01\n    text: t1\n  - date: 2023-03-05\n    text: t2\n"
	                             "  - date: 2023-03-02\n    text: o1\n");
	/* t's o1 duplicates ours' and is kept once; on 03-05 ours comes first */
	assert_merges_to(b, o, t, HEAD ITEM(1, "  status: open\n  updates:\n  - text: old\n"
	                                       "  - date: 2023-03-01\n    text: t1\n  - date: 2023-03-02\n    text: o1\n"
	                                       "  - date: 2023-03-05\n    text: o2\n  - date: 2023-03-05\n    text: t2\n"));
}

static void test_update_edited_and_appended(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n  updates:\n  - text: a\n  - text: b\n  - text: c\n");
	const char *o = HEAD ITEM(1, "  status: open\n  updates:\n  - text: a\n  - text: B fixed\n  - text: c\n");
	const char *t = HEAD ITEM(1, "  status: open\n  updates:\n  - text: c\n  - text: d\n");
	/* ours edits b, theirs drops a and b and appends d: b's edit and a's
	 * removal do not overlap... b is both edited and removed: a conflict */
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, t, &m, &out);
	assert_int_equal(m.conflict_count, 1);
	assert_string_equal(m.conflicts[0].field, "updates");
	ar_buf_free(&out);
	ar_merge_free(&m);
	/* ours edits b, theirs appends d: both */
	t = HEAD ITEM(1, "  status: open\n  updates:\n  - text: a\n  - text: b\n  - text: c\n  - text: d\n");
	assert_merges_to(b, o, t, HEAD ITEM(1, "  status: open\n  updates:\n  - text: a\n  - text: B fixed\n  - text: c\n  - text: d\n"));
}

static void test_unknown_keys_by_key(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n  x-a: 1\n  x-b: 2\n");
	const char *o = HEAD ITEM(1, "  status: open\n  x-a: 10\n  x-b: 2\n");
	const char *t = HEAD ITEM(1, "  status: open\n  x-a: 1\n  x-c: [3]\n");
	assert_merges_to(b, o, t, HEAD ITEM(1, "  status: open\n  x-a: 10\n  x-c: [3]\n"));
}

static void test_order_and_additions(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n") ITEM(2, "  status: open\n");
	const char *o = HEAD ITEM(1, "  status: open\n") ITEM(5, "  status: open\n") ITEM(2, "  status: open\n");
	const char *t = HEAD ITEM(1, "  status: open\n") ITEM(6, "  status: open\n") ITEM(2, "  status: open\n")
	                     ITEM(7, "  status: open\n");
	/* after item 1: ours' 5, then theirs' 6; theirs' 7 after 2 */
	assert_merges_to(b, o, t, HEAD ITEM(1, "  status: open\n") ITEM(5, "  status: open\n") ITEM(6, "  status: open\n")
	                               ITEM(2, "  status: open\n") ITEM(7, "  status: open\n"));
}

static void test_same_id_added_twice(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n");
	const char *o = HEAD ITEM(1, "  status: open\n") "- id: 2\n  topic: ours\n  kind: action\n  status: open\n";
	const char *t = HEAD ITEM(1, "  status: open\n") "- id: 2\n  topic: theirs\n  kind: action\n  status: open\n";
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, t, &m, &out);
	assert_int_equal(m.conflict_count, 0);
	assert_int_equal(m.notes.count, 1);
	assert_non_null(strstr(m.notes.items[0].message, "theirs is now 3"));
	assert_string_equal(ar_tracker_find_item(m.merged, 2)->topic, "ours");
	assert_string_equal(ar_tracker_find_item(m.merged, 3)->topic, "theirs");
	ar_buf_free(&out);
	ar_merge_free(&m);
}

static void test_deletions(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  meeting: 2023-02-01\n  status: open\n") ITEM(2, "  status: open\n");
	const char *o = HEAD ITEM(2, "  status: open\n");
	/* theirs left 1 alone: deleted.  Meeting 2023-02-01 is named by none: ours keeps it. */
	assert_merges_to(b, o, b, o);
	/* theirs changed 1: a conflict, ours' side without it */
	const char *t = HEAD ITEM(1, "  meeting: 2023-02-01\n  status: completed\n") ITEM(2, "  status: open\n");
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, t, &m, &out);
	assert_int_equal(m.conflict_count, 1);
	assert_string_equal(m.conflicts[0].field, "item");
	assert_true(m.conflicts[0].deleted_by_ours);
	assert_non_null(strstr(out.data, "items:\n<<<<<<< ours\n=======\n- id: 1\n  meeting: 2023-02-01\n"));
	ar_buf_free(&out);
	ar_merge_free(&m);
}

static void test_meeting_kept_while_named(void **state)
{
	(void)state;
	const char *b = "artrack: 1\nmeetings:\n- date: 2023-01-01\nitems:\n" ITEM(1, "  status: open\n");
	const char *o = "artrack: 1\nitems:\n" ITEM(1, "  status: open\n");
	const char *t = "artrack: 1\nmeetings:\n- date: 2023-01-01\nitems:\n" ITEM(1, "  meeting: 2023-01-01\n  status: open\n");
	assert_merges_to(b, o, t, t);
}

static void test_unsound_combination_conflicts(void **state)
{
	(void)state;
	const char *b = HEAD "- id: 1\n  topic: x\n  kind: recommendation\n  status: open\n  response: pending\n";
	/* ours records the response date, theirs makes it an action: each
	 * sound, together an action with a response date */
	const char *o = HEAD "- id: 1\n  topic: x\n  kind: recommendation\n  status: open\n  response: pending\n"
	                     "  responded: 2023-11-02\n";
	const char *t = HEAD "- id: 1\n  topic: x\n  kind: action\n  status: open\n";
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, t, &m, &out);
	assert_int_equal(m.conflict_count, 1);
	assert_string_equal(m.conflicts[0].field, "item");
	ar_buf_free(&out);
	ar_merge_free(&m);
}

static void test_markers_smallest_lines(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n  due: 2024-01\n") ITEM(2, "  status: open\n");
	const char *o = HEAD ITEM(1, "  status: completed\n  due: 2024-01\n") ITEM(2, "  status: open\n");
	const char *t = HEAD ITEM(1, "  status: closed\n  due: 2024-01\n") ITEM(2, "  status: completed\n");
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, t, &m, &out);
	assert_int_equal(m.conflict_count, 1);
	assert_string_equal(out.data, HEAD "- id: 1\n  topic: T1\n  kind: action\n"
	                                   "<<<<<<< ours\n  status: completed\n=======\n  status: closed\n>>>>>>> theirs\n"
	                                   "  due: 2024-01\n" ITEM(2, "  status: completed\n"));
	ar_buf_free(&out);
	ar_merge_free(&m);
}

static void test_theirs_comments_carried_over(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n") ITEM(2, "  status: open\n");
	const char *o = HEAD ITEM(1, "  status: completed\n") ITEM(2, "  status: open\n");
	const char *t = HEAD ITEM(1, "  status: open\n") "# theirs: ask again in May\n"
	                     ITEM(2, "  status: open  # still\n");
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, t, &m, &out);
	assert_int_equal(m.conflict_count, 0);
	assert_non_null(strstr(out.data, "  status: completed\n# theirs: ask again in May\n- id: 2\n"));
	assert_non_null(strstr(out.data, "  status: open  # still\n"));
	ar_buf_free(&out);
	ar_merge_free(&m);
}

/* An item only theirs changed is theirs' value, written in ours' bytes:
 * ours' comments on it stay and only the changed line differs. */
static void test_theirs_change_keeps_ours_comments(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n");
	const char *o = HEAD "# ours: the first one\n" ITEM(1, "  status: open   # ask in May\n");
	const char *t = HEAD ITEM(1, "  status: completed\n");
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, t, &m, &out);
	assert_int_equal(m.conflict_count, 0);
	assert_string_equal(out.data, HEAD "# ours: the first one\n" ITEM(1, "  status: completed # ask in May\n"));
	ar_buf_free(&out);
	ar_merge_free(&m);
}

static void test_top_level(void **state)
{
	(void)state;
	const char *b = "artrack: 1\ntitle: A\nitems: []\n";
	const char *o = "artrack: 1\ntitle: B\nitems: []\n";
	const char *t = "artrack: 1\ntitle: A\ncommittee: C\nitems: []\n";
	assert_merges_to(b, o, t, "artrack: 1\ncommittee: C\ntitle: B\nitems: []\n");
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, "artrack: 1\ntitle: D\nitems: []\n", &m, &out);
	assert_int_equal(m.conflict_count, 1);
	assert_string_equal(out.data, "artrack: 1\n<<<<<<< ours\ntitle: B\n=======\ntitle: D\n>>>>>>> theirs\nitems: []\n");
	/* writing theirs' side put everything back */
	assert_string_equal(m.merged->title, "B");
	ar_buf_free(&out);
	ar_merge_free(&m);
}

/* The merged file of b, o and t, clean. */
static char *merged_text(const char *b, const char *o, const char *t)
{
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, t, &m, &out);
	assert_int_equal(m.conflict_count, 0);
	ar_merge_free(&m);
	return out.data;
}

static void assert_has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fprintf(stderr, "merged:\n%s\nlacks:\n%s", text, want);
	assert_non_null(strstr(text, want));
}

/* The clean merge of b, o and t holds want. */
static void assert_merge_has(const char *b, const char *o, const char *t, const char *want)
{
	char *out = merged_text(b, o, t);
	assert_has(out, want);
	free(out);
}

/* (a) an item only theirs added is theirs' bytes, at ours' indentation */
static void test_theirs_new_item_as_written(void **state)
{
	(void)state;
	const char *b = "artrack: 1\nitems:\n  - id: 1\n    topic: T1\n    kind: action\n    status: open\n";
	const char *o = "artrack: 1\nitems:\n  - id: 1\n    topic: T1\n    kind: action\n    status: completed\n";
	const char *t = "artrack: 1\nitems:\n- id: 1\n  topic: T1\n  kind: action\n  status: open\n"
	                "# theirs: raised at the meeting\n- id: 2\n  topic:   'T2'   # short for now\n"
	                "  status: open\n  kind: action\n";
	assert_merge_has(b, o, t, "    status: completed\n  # theirs: raised at the meeting\n  - id: 2\n"
	                          "    topic:   'T2'   # short for now\n    status: open\n    kind: action\n");
}

/* (b) an item both sides changed: each key as the side whose value wins,
 * comments added on either side kept (ours first), one theirs deleted gone */
static void test_both_changed_item_keeps_comments(void **state)
{
	(void)state;
	const char *b = HEAD "- id: 1\n  topic: T1\n  kind: action\n  # the lead's own\n  lead: Ann\n"
	                     "  # why it is open\n  status: open\n  due: 2024-01\n";
	const char *o = HEAD "- id: 1\n  topic: T1\n  kind: action\n  # the lead's own\n  # ours: Ann is away\n"
	                     "  lead: Ann\n  # why it is open\n  status: completed  # ours: done\n  due: 2024-01\n";
	const char *t = HEAD "- id: 1\n  topic: T1  # theirs: rename?\n  kind: action\n  # the lead's own\n"
	                     "  # theirs: ask Bob\n  lead: Ann\n  status: open\n  # theirs: agreed in May\n"
	                     "  due: 2024-05  # end of May\n";
	char *out = merged_text(b, o, t);
	assert_has(out, "- id: 1\n  topic: T1  # theirs: rename?\n  kind: action\n  # the lead's own\n"
	                "  # ours: Ann is away\n  # theirs: ask Bob\n  lead: Ann\n  status: completed  # ours: done\n"
	                "  # theirs: agreed in May\n  due: 2024-05  # end of May\n");
	assert_null(strstr(out, "why it is open"));
	free(out);
	/* a comment theirs put on a value ours changed goes on the line before it */
	assert_merge_has(b, o,
	                 HEAD "- id: 1\n  topic: T1\n  kind: action\n  # the lead's own\n  lead: Ann\n"
	                      "  # why it is open\n  status: open  # theirs: still?\n  due: 2024-05\n",
	                 "  # why it is open\n  # theirs: still?\n  status: completed  # ours: done\n  due: 2024-05\n");
}

/* An update theirs added keeps its comments; one both have keeps theirs' */
static void test_update_comments(void **state)
{
	(void)state;
	const char *b = HEAD "- id: 1\n  topic: T1\n  kind: action\n  status: open\n  updates:\n"
	                     "  - date: 2023-01-02\n    text: started\n";
	const char *o = HEAD "- id: 1\n  topic: T1\n  kind: action\n  status: completed\n  updates:\n"
	                     "  - date: 2023-01-02\n    text: started\n  - date: 2023-03-01\n    text: ours\n";
	const char *t = HEAD "- id: 1\n  topic: T1\n  kind: action\n  status: open\n  updates:\n"
	                     "  - date: 2023-01-02\n    text: started  # theirs: by phone\n"
	                     "  # theirs: from the minutes\n  - date: 2023-02-15\n    text: theirs\n    by: Bob\n";
	assert_merge_has(b, o, t,
	                 "  status: completed\n  updates:\n  - date: 2023-01-02\n    text: started  # theirs: by phone\n"
	                 "  # theirs: from the minutes\n  - date: 2023-02-15\n    text: theirs\n    by: Bob\n"
	                 "  - date: 2023-03-01\n    text: ours\n");
}

/* (c) the file's head and tail, top-level keys and meetings */
static void test_comments_outside_items(void **state)
{
	(void)state;
	const char *b = "# Tracker\nartrack: 1\ntitle: A\nmeetings:\n- date: 2023-01-01\n  title: First\n"
	                "- date: 2023-02-01\nitems:\n" ITEM(1, "  status: open\n") "# end\n";
	const char *o = "# Tracker\n# ours: kept by Ann\nartrack: 1\ntitle: A\nmeetings:\n- date: 2023-01-01\n"
	                "  title: First\n- date: 2023-02-01\n  title: Second\nitems:\n" ITEM(1, "  status: closed\n")
	                "# end\n";
	const char *t = "# Tracker\n# theirs: and by Bob\nartrack: 1\n# theirs: the paper's title\ntitle: A  # for now\n"
	                "meetings:\n# theirs: the first\n- date: 2023-01-01\n  title: First  # moved?\n- date: 2023-02-01\n"
	                "# theirs: one more\n- date: 2023-03-01\n  title: Third\nitems:\n" ITEM(1, "  status: open\n")
	                "# end\n# theirs: last\n";
	char *out = merged_text(b, o, t);
	assert_string_equal(out, "# Tracker\n# ours: kept by Ann\n# theirs: and by Bob\nartrack: 1\n"
	                         "# theirs: the paper's title\ntitle: A  # for now\nmeetings:\n# theirs: the first\n"
	                         "- date: 2023-01-01\n  title: First  # moved?\n- date: 2023-02-01\n  title: Second\n"
	                         "# theirs: one more\n- date: 2023-03-01\n  title: Third\nitems:\n"
	                         ITEM(1, "  status: closed\n") "# end\n# theirs: last\n");
	free(out);
	/* a comment theirs deleted where ours left it is deleted; one ours
	 * deleted stays deleted */
	out = merged_text(b, "artrack: 1\ntitle: A\nmeetings:\n- date: 2023-01-01\n  title: First\n- date: 2023-02-01\n"
	                     "items:\n" ITEM(1, "  status: closed\n") "# end\n",
	                  "# Tracker\nartrack: 1\ntitle: B\nmeetings:\n- date: 2023-01-01\n  title: First\n"
	                  "- date: 2023-02-01\nitems:\n" ITEM(1, "  status: open\n"));
	assert_string_equal(out, "artrack: 1\ntitle: B\nmeetings:\n- date: 2023-01-01\n  title: First\n- date: 2023-02-01\n"
	                         "items:\n" ITEM(1, "  status: closed\n"));
	free(out);
	/* both added to the head, at different places: each line where its
	 * side put it (theirs' came after all of ours') */
	const char *hb = "# Tracker\n# kept by the clerk\n\nartrack: 1\nitems:\n" ITEM(1, "  status: open\n");
	out = merged_text(hb, "# Tracker\n# kept by the clerk\n\n# ours: before the version\nartrack: 1\nitems:\n"
	                      ITEM(1, "  status: open\n"),
	                  "# theirs: first of all\n# Tracker\n# theirs: for HOSC\n# kept by the clerk\n\nartrack: 1\n"
	                  "items:\n" ITEM(1, "  status: open\n"));
	assert_string_equal(out, "# theirs: first of all\n# Tracker\n# theirs: for HOSC\n# kept by the clerk\n\n"
	                         "# ours: before the version\nartrack: 1\nitems:\n" ITEM(1, "  status: open\n"));
	free(out);
}

/* A field in conflict: theirs' comments elsewhere in the item are kept,
 * and the markers hold just the two values' lines. */
static void test_conflicted_item_keeps_comments(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n  due: 2024-01\n");
	const char *o = HEAD ITEM(1, "  status: completed\n  due: 2024-01\n");
	const char *t = HEAD ITEM(1, "  status: closed\n  # theirs: moved twice\n  due: 2024-01\n");
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, t, &m, &out);
	assert_int_equal(m.conflict_count, 1);
	assert_has(out.data, "<<<<<<< ours\n  status: completed\n=======\n  status: closed\n>>>>>>> theirs\n"
	                     "  # theirs: moved twice\n  due: 2024-01\n");
	ar_buf_free(&out);
	ar_merge_free(&m);
}

/* An item both sides added under one id: theirs' copy, renumbered, as
 * theirs wrote it; and an update comment ours alone added stays. */
static void test_renumbered_and_update_comments(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n  updates:\n  - text: started\n");
	const char *o = HEAD ITEM(1, "  status: open\n  updates:\n  - text: started  # ours: by phone\n")
	                ITEM(2, "  status: open\n");
	const char *t = HEAD ITEM(1, "  status: open\n  updates:\n  - text: started\n  - text: more\n")
	                "# theirs: from the September minutes\n- id: 2\n  topic:   Theirs   # working title\n"
	                "  kind: action\n  status: open\n";
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, t, &m, &out);
	assert_int_equal(m.conflict_count, 0);
	assert_int_equal(m.notes.count, 1);
	assert_string_equal(m.notes.items[0].message, "item 2 was added on both sides: ours keeps 2, theirs is now 3");
	assert_has(out.data, "  updates:\n  - text: started  # ours: by phone\n  - text: more\n");
	assert_has(out.data, ITEM(2, "  status: open\n") "# theirs: from the September minutes\n- id: 3\n"
	                     "  topic:   Theirs   # working title\n  kind: action\n  status: open\n");
	ar_buf_free(&out);
	ar_merge_free(&m);
}

/* A key both sides added alike: theirs' comments on it are kept too. */
static void test_key_added_on_both_sides(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n");
	assert_merge_has(b, HEAD ITEM(1, "  status: completed\n  due: 2024-06\n"),
	                 HEAD ITEM(1, "  status: open\n  # theirs: agreed\n  due: 2024-06  # in June\n"),
	                 "  status: completed\n  # theirs: agreed\n  # in June\n  due: 2024-06\n");
}

/* Two changes that cannot stand together: ours' values, theirs' comments. */
static void test_unsound_item_keeps_theirs_comments(void **state)
{
	(void)state;
	const char *b = HEAD "- id: 1\n  topic: x\n  kind: recommendation\n  status: open\n  response: pending\n";
	const char *o = HEAD "- id: 1\n  topic: x\n  kind: recommendation\n  status: open\n  response: pending\n"
	                     "  responded: 2023-11-02\n";
	const char *t = HEAD "- id: 1\n  topic: x  # theirs: one topic\n  # theirs: an action after all\n"
	                     "  kind: action\n  status: open\n";
	struct ar_merge m;
	struct ar_buf out = {0};
	merge3(b, o, t, &m, &out);
	assert_int_equal(m.conflict_count, 1);
	assert_string_equal(m.conflicts[0].field, "item");
	assert_has(out.data, "# theirs: one topic\n");
	assert_has(out.data, "# theirs: an action after all\n");
	ar_buf_free(&out);
	ar_merge_free(&m);
}

/* An update both sides added alike keeps theirs' comments on it. */
static void test_update_added_alike(void **state)
{
	(void)state;
	const char *b = HEAD ITEM(1, "  status: open\n  updates:\n  - text: started\n");
	assert_merge_has(b, HEAD ITEM(1, "  status: completed\n  updates:\n  - text: started\n  - text: done\n"),
	                 HEAD ITEM(1, "  status: open\n  updates:\n  - text: started\n  # theirs: minuted\n  - text: done\n"),
	                 "  updates:\n  - text: started\n  # theirs: minuted\n  - text: done\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_updates_by_date_ours_first),
		cmocka_unit_test(test_update_edited_and_appended),
		cmocka_unit_test(test_unknown_keys_by_key),
		cmocka_unit_test(test_order_and_additions),
		cmocka_unit_test(test_same_id_added_twice),
		cmocka_unit_test(test_deletions),
		cmocka_unit_test(test_meeting_kept_while_named),
		cmocka_unit_test(test_unsound_combination_conflicts),
		cmocka_unit_test(test_markers_smallest_lines),
		cmocka_unit_test(test_theirs_comments_carried_over),
		cmocka_unit_test(test_top_level),
		cmocka_unit_test(test_theirs_change_keeps_ours_comments),
		cmocka_unit_test(test_theirs_new_item_as_written),
		cmocka_unit_test(test_both_changed_item_keeps_comments),
		cmocka_unit_test(test_update_comments),
		cmocka_unit_test(test_comments_outside_items),
		cmocka_unit_test(test_conflicted_item_keeps_comments),
		cmocka_unit_test(test_renumbered_and_update_comments),
		cmocka_unit_test(test_key_added_on_both_sides),
		cmocka_unit_test(test_unsound_item_keeps_theirs_comments),
		cmocka_unit_test(test_update_added_alike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
