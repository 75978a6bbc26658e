/* test-reading-ui.c - what the officer reads, in the real artrack in a real
 * terminal (vt_harness.h), at 80x24, 120x36 and 200x50: the Items pane's
 * text column and query words, the lead the filter picked and the marked
 * matches, R, the Stats pane and its bars following the filter (ASCII under
 * LANG=C), the Editor pane and History reaching the end of long texts and
 * showing a new update whole, Tab's order, and the selection kept across
 * meetings.
 *
 * Every wait is for screen content, with a deadline; there are no fixed
 * sleeps.  Environment: LANG=C.UTF-8, TZ=UTC, TERM=xterm-256color, a
 * temporary HOME, --today 2023-09-21 (vt_harness.h).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vterm.h>

#include "vt_harness.h"

static const int sizes[][2] = { { 80, 24 }, { 120, 36 }, { 200, 50 } };

static void start(struct term *t, int cols, int rows)
{
	term_start(t, cols, rows, NULL, NULL); /* the bundled tracker */
	assert_first_frame(t, "Items 36/36");
}

static void filter(struct term *t, const char *query)
{
	type(t, "/");
	type(t, query);
	key(t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
}

/* The row of the screen showing text, or -1. */
static int row_with(struct term *t, const char *text)
{
	for (int r = 0; r < t->rows; r++)
		if (strstr(row_text(t, r), text))
			return r;
	return -1;
}

/* The screen column where text starts on row r (cells, not bytes), or -1. */
static int col_of(struct term *t, int r, const char *text)
{
	size_t n = strlen(text);
	for (int c = 0; c + (int)n <= t->cols; c++) {
		size_t i = 0;
		while (i < n && cell_at(t, r, c + (int)i).chars[0] == (uint32_t)(unsigned char)text[i])
			i++;
		if (i == n)
			return c;
	}
	return -1;
}

/* Wait until the pane title at column col of the top row shows focus
 * (reverse video) or not. */
static bool wait_title_focus(struct term *t, int col, bool focused)
{
	double end = now_ms() + VT_DEADLINE_MS;
	while (now_ms() < end) {
		if ((bool)cell_at(t, 0, col).attrs.reverse == focused)
			return true;
		pump(t, 50);
	}
	dump(t, "pane focus not as expected");
	return false;
}

/* Items 25-35 all have the topic "Local Area Partnership SEND": the start
 * of each one's text tells them apart at every size. */
static void test_send_items_told_apart(void **state)
{
	static const char *const starts[] = { "For Leadership", "To ensure good", "For the Leader", "To ensure adequ",
		                              "To continue to", "For every effo", "To consider th", "For SEND commi",
		                              "To ensure that", "To exercise le" };
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		struct term t;
		start(&t, sizes[s][0], sizes[s][1]);
		filter(&t, "topic:send");
		assert_shows(&t, "Items 11/36");
		assert_shows(&t, "Text");
		for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
			assert_shows(&t, starts[i]);
		/* statuses and responses in the query's words */
		assert_shows(&t, " open ");
		assert_shows(&t, " pending ");
		/* the leads: a narrow column at 80, growing with the width */
		if (sizes[s][0] == 80)
			assert_shows(&t, "Step\xe2\x80\xa6 +2");
		if (sizes[s][0] == 120)
			assert_shows(&t, "Stephen\xe2\x80\xa6 +2"); /* "+2" never cut */
		if (sizes[s][0] >= 200)
			assert_shows(&t, "Stephen Chandler +2");
		quit_with_q(&t);
	}
}

static void test_query_words_and_marks(void **state)
{
	struct term t;
	start(&t, 80, 24);
	assert_shows(&t, " 1 A in-prog "); /* a prefix the filter takes */
	assert_hides(&t, "done");
	assert_shows(&t, "Leads");
	/* at 80 columns too, the lead shown is the one the filter picked */
	filter(&t, "lead:anne");
	assert_shows(&t, "Anne\xe2\x80\xa6 +2");
	quit_with_q(&t);
	start(&t, 200, 50);
	assert_shows(&t, " 1 A in-progress "); /* spelled out where there is room */
	filter(&t, "lead:anne");
	/* the lead the filter picked is the one shown, its match marked */
	assert_shows(&t, "Anne Coyle +2");
	int r = row_with(&t, "Anne Coyle +2"), c = col_of(&t, r, "Anne");
	assert_true(c > 0);
	assert_true(cell_at(&t, r, c).attrs.underline);
	assert_true(cell_at(&t, r, c).attrs.bold);
	assert_false(cell_at(&t, r, c + 4).attrs.underline);
	quit_with_q(&t);
}

static void test_reverse_sort(void **state)
{
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		struct term t;
		start(&t, sizes[s][0], sizes[s][1]);
		type(&t, "R");
		assert_shows(&t, "sort: -id");
		assert_shows(&t, "History #1"); /* the selection stays on its item, now the last */
		type(&t, "g");
		assert_shows(&t, "History #36");
		assert_non_null(strstr(row_text(&t, 2), " 36 R ")); /* the first row */
		type(&t, "R");
		assert_shows(&t, "sort: id");
		type(&t, "g");
		assert_shows(&t, "History #1");
		assert_non_null(strstr(row_text(&t, 2), "  1 A "));
		/* sorted by a date: its column shows */
		for (int i = 0; i < 5; i++)
			type(&t, "S"); /* id -> meeting -> status -> response -> due -> updated */
		assert_shows(&t, "sort: updated");
		assert_shows(&t, "Updated");
		quit_with_q(&t);
	}
}

static void test_stats_pane(void **state)
{
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		struct term t;
		start(&t, sizes[s][0], sizes[s][1]);
		type(&t, "s");
		assert_shows(&t, " Stats");
		assert_shows(&t, "36 of 36 items");
		assert_shows(&t, "By status");
		assert_shows(&t, "\xe2\x96\x88"); /* a full block */
		assert_shows(&t, " 24 \xe2\x96\x88");
		int r = row_with(&t, "  open ");
		assert_true(r >= 0);
		assert_non_null(strstr(row_text(&t, r), " 24 \xe2\x96\x88"));
		if (sizes[s][0] >= 200) /* beside History, not in its place */
			assert_shows(&t, "History #1");
		/* while the filter is typed, before Enter, the bars follow it */
		type(&t, "/response:rej");
		assert_shows(&t, "1 of 36 items");
		key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
		assert_shows(&t, "36 of 36 items");
		type(&t, "s");
		assert_hides(&t, " Stats");
		quit_with_q(&t);
	}
	/* ASCII bars where the locale cannot show blocks */
	struct term t;
	term_start(&t, 120, 36, NULL, (const char *const[]){ "LANG=C", "LC_ALL=C", NULL });
	assert_first_frame(&t, "Items 36/36");
	type(&t, "s");
	assert_shows(&t, "By status");
	assert_shows(&t, " 24 ####");
	int r = row_with(&t, "  open ");
	assert_true(r >= 0);
	assert_non_null(strstr(row_text(&t, r), " 24 ####"));
	assert_null(strstr(screen_text(&t), "\xe2\x96\x88"));
	quit_with_q(&t);
	/* s from History, whose place the Stats pane takes at this width,
	 * shows it too (it opened hidden behind the focused History) */
	term_start(&t, 120, 36, NULL, (const char *const[]){ "LANG=C.UTF-8", NULL });
	assert_first_frame(&t, "Items 36/36");
	key(&t, VTERM_KEY_TAB, VTERM_MOD_NONE);
	type(&t, "s");
	assert_shows(&t, "By status");
	type(&t, "s");
	assert_shows(&t, "History #1");
	quit_with_q(&t);
}

/* Item 16's text and update are long: the Editor pane and History reach
 * their last words. */
static void test_long_texts_reach_the_end(void **state)
{
	for (size_t s = 0; s < 2; s++) {
		struct term t;
		start(&t, sizes[s][0], sizes[s][1]);
		filter(&t, "id:16");
		assert_shows(&t, "History #16");
		/* History: scrolled a line at a time to its end */
		key(&t, VTERM_KEY_TAB, VTERM_MOD_NONE);
		for (int i = 0; i < 60; i++)
			type(&t, "j");
		assert_shows(&t, "onwards."); /* "...replace this capacity from 2023-24 onwards." */
		type(&t, "g");
		assert_hides(&t, "onwards.");
		/* the Editor pane: j goes field by field, then a line at a time */
		key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
		assert_shows(&t, "Editor #16");
		for (int i = 0; i < 60; i++)
			type(&t, "j");
		assert_shows(&t, "onwards.");
		/* and back up a line at a time */
		for (int i = 0; i < 60; i++)
			type(&t, "k");
		assert_shows(&t, "id        16");
		assert_hides(&t, "onwards.");
		type(&t, "G");
		assert_shows(&t, "onwards.");
		quit_with_q(&t);
	}
}

/* Tab visits Meetings, Items, History, Editor; moving in Meetings and
 * coming back keeps the item chosen, not the row. */
static void test_tab_and_selection_kept(void **state)
{
	struct term t;
	start(&t, 120, 36);
	for (int i = 0; i < 20; i++)
		type(&t, "j");
	assert_shows(&t, "History #21");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Editor #21");
	key(&t, VTERM_KEY_TAB, VTERM_MOD_NONE); /* Editor -> Meetings */
	assert_true(wait_title_focus(&t, 2, true));
	type(&t, "j"); /* 2023-09-21 holds item 21 */
	assert_shows(&t, "Items 20/36");
	assert_shows(&t, "Editor #21");
	type(&t, "j"); /* 2023-05-11 does not */
	assert_shows(&t, "Items 2/36");
	assert_hides(&t, "Editor #21");
	type(&t, "k");
	type(&t, "k");
	assert_shows(&t, "Items 36/36");
	assert_shows(&t, "Editor #21"); /* the item, not the row position */
	key(&t, VTERM_KEY_TAB, VTERM_MOD_NONE); /* Meetings -> Items */
	assert_true(wait_title_focus(&t, 2, false));
	key(&t, VTERM_KEY_TAB, VTERM_MOD_NONE); /* Items -> History, in the Editor's place */
	assert_shows(&t, "History #21");
	key(&t, VTERM_KEY_TAB, VTERM_MOD_NONE); /* History -> Editor */
	assert_shows(&t, "Editor #21");
	quit_with_q(&t);
}

/* At 60x20 the field on the Editor pane's last row stays in sight while it
 * is edited: the prompt's row pushes the status line up over that row. */
static void test_edited_field_in_view(void **state)
{
	char path[400], bundled[600];
	snprintf(path, sizeof path, "%s/edited.yaml", vt_tmp_root);
	snprintf(bundled, sizeof bundled, "%s/hosc-2023-09-21.yaml", getenv("ARTRACK_DATADIR"));
	assert_int_equal(copy_file(bundled, path), 0);
	struct term t;
	term_start(&t, 60, 20, (const char *const[]){ path, NULL }, NULL);
	assert_first_frame(&t, "Items 36/36");
	filter(&t, "id:2");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Editor #2");
	for (int i = 0; i < 7; i++) /* down to status, the pane's last row */
		type(&t, "j");
	assert_shows(&t, "\xe2\x94\x82 status    open");
	type(&t, "e");
	assert_shows(&t, "\xe2\x94\x8c status"); /* the pick list... */
	assert_shows(&t, "\xe2\x94\x82 status    open"); /* ...and the field in sight */
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	quit_with_q(&t);
}

/* a: the new update shows whole in the Editor pane and in History. */
static void test_new_update_in_view(void **state)
{
	char path[400], script[400], visual[500];
	snprintf(path, sizeof path, "%s/reading.yaml", vt_tmp_root);
	char bundled[600];
	snprintf(bundled, sizeof bundled, "%s/hosc-2023-09-21.yaml", getenv("ARTRACK_DATADIR"));
	assert_int_equal(copy_file(bundled, path), 0);
	snprintf(script, sizeof script, "%s/long-update.sh", vt_tmp_root);
	FILE *f = fopen(script, "w");
	assert_non_null(f);
	fputs("f=$1\n{ i=1; while [ $i -le 3 ]; do echo \"Paragraph $i of the new update.\"; echo; i=$((i+1)); done; "
	      "echo 'The very end of the new update.'; cat \"$f\"; } > \"$f.new\" && mv \"$f.new\" \"$f\"\n",
	      f);
	assert_int_equal(fclose(f), 0);
	snprintf(visual, sizeof visual, "VISUAL=sh %s", script);
	struct term t;
	term_start(&t, 80, 24, (const char *const[]){ path, NULL },
	           (const char *const[]){ visual, "EDITOR=", "ARTRACK_NAME=Jo Officer", NULL });
	assert_first_frame(&t, "Items 36/36");
	filter(&t, "id:16");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Editor #16");
	type(&t, "a");
	assert_shows(&t, "Added an update to item 16");
	assert_shows(&t, "The very end of the new update.");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE); /* History in its place */
	assert_shows(&t, "History #16  2 updates");
	assert_shows(&t, "The very end of the new update.");
	type(&t, "u");
	assert_shows(&t, "History #16  1 update");
	quit_with_q(&t); /* undone back to the file as it is: nothing to ask */
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_send_items_told_apart),
		cmocka_unit_test(test_query_words_and_marks),
		cmocka_unit_test(test_reverse_sort),
		cmocka_unit_test(test_stats_pane),
		cmocka_unit_test(test_long_texts_reach_the_end),
		cmocka_unit_test(test_tab_and_selection_kept),
		cmocka_unit_test(test_edited_field_in_view),
		cmocka_unit_test(test_new_update_in_view),
	};
	return cmocka_run_group_tests_name("reading-ui", tests, vt_setup, vt_teardown);
}
