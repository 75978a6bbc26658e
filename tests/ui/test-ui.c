/* test-ui.c - the real artrack in a real terminal (vt_harness.h): panes,
 * the filter line, meetings, help, resizes, colour, UTF-8, the mouse,
 * signals and read-only files.
 *
 * Every wait is for screen content, with a deadline; there are no fixed
 * sleeps.  Environment: LANG=C.UTF-8, TZ=UTC, TERM=xterm-256color, a
 * temporary HOME and XDG_STATE_HOME, --today 2023-09-21.
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
#include <sys/stat.h>
#include <unistd.h>
#include <vterm.h>

#include "vt_harness.h"

/* ---- the tests ---- */

static void test_first_screen(void **state)
{
	struct term t;
	term_start(&t, 120, 36, NULL, NULL); /* no FILE: the bundled tracker */
	assert_shows(&t, "Items 36/36");
	double first = now_ms() - t.started_ms;
	printf("# first screen of the bundled tracker (120x36): %.1f ms from exec to \"Items 36/36\"\n", first);
	assert_shows(&t, " Meetings");
	assert_shows(&t, " History #1");
	assert_shows(&t, "All items");
	assert_shows(&t, "No meeting");
	assert_shows(&t, "hosc-2023-09-21.yaml [example, read-only]");
	assert_shows(&t, "? help");
	/* Meetings: All first, then newest first, each with its count. */
	assert_non_null(strstr(row_text(&t, 1), "All items"));
	assert_non_null(strstr(row_text(&t, 1), "36"));
	assert_non_null(strstr(row_text(&t, 2), "2023-09-21"));
	assert_non_null(strstr(row_text(&t, 2), "20"));
	assert_non_null(strstr(row_text(&t, 3), "2023-05-11"));
	/* Items: one line per item, id first */
	assert_non_null(strstr(row_text(&t, 2), " 1 A in-prog"));
	quit_with_q(&t);
}

static void test_filter_narrows_while_typing(void **state)
{
	struct term t;
	term_start(&t, 120, 36, NULL, NULL);
	assert_shows(&t, "Items 36/36");
	type(&t, "/response:rej");
	/* before Enter: the list has narrowed and the filter line is open */
	assert_shows(&t, "Items 1/36");
	assert_shows(&t, "/response:rej");
	assert_shows(&t, "History #21");
	/* item 21's response, curly apostrophe intact */
	assert_shows(&t, "This wasn\xe2\x80\x99t part of the discussion");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "filter: response:rej");
	assert_hides(&t, "Enter keep");
	assert_shows(&t, "Items 1/36");
	/* Backspacing widens again, one keystroke at a time */
	type(&t, "/");
	key(&t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
	key(&t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
	key(&t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
	/* the typed text, then the one-line syntax hint at the right */
	assert_shows(&t, "/response:                words \"a phrase\" status:open response:rej lead:NAME");
	/* "response:" is not a query yet: the filter in force before `/` stays */
	assert_shows(&t, "Items 1/36");
	ctrl(&t, 'u');
	assert_shows(&t, "Items 36/36");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_shows(&t, "Items 1/36  sort: id  filter: response:rej");
	quit_with_q(&t);
}

static void test_bad_query_keeps_previous(void **state)
{
	struct term t;
	term_start(&t, 120, 36, NULL, NULL);
	assert_shows(&t, "Items 36/36");
	type(&t, "/lead:pragnell");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Items 6/36");
	type(&t, "/");
	ctrl(&t, 'u');
	type(&t, "status:bogus");
	assert_shows(&t, "'bogus' is not one of open, in-progress, completed, closed");
	assert_shows(&t, "Items 6/36"); /* the previous list stays */
	assert_shows(&t, "filter: lead:pragnell");
	/* Enter does not drop the text: the line stays open with the reason */
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Fix the filter or press Esc: ");
	assert_shows(&t, "/status:bogus");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_hides(&t, "/status:bogus");
	assert_shows(&t, "Items 6/36  sort: id  filter: lead:pragnell");
	/* the query's own message, which names the column once */
	type(&t, "/");
	ctrl(&t, 'u');
	type(&t, "frobnicate:x");
	assert_shows(&t, "unknown field 'frobnicate' at column 1");
	assert_false(screen_has(&t, "Column 1"));
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_hides(&t, "frobnicate");
	quit_with_q(&t);
}

/* Ctrl-Left and Ctrl-Right move by word where text is typed, as the help
 * and lineedit.h say. */
static void test_word_moves(void **state)
{
	struct term t;
	term_start(&t, 80, 24, NULL, NULL);
	assert_shows(&t, "Items 36/36");
	type(&t, "/health visit");
	assert_shows(&t, "/health visit");
	key(&t, VTERM_KEY_LEFT, VTERM_MOD_CTRL);
	type(&t, "x");
	assert_shows(&t, "/health xvisit");
	key(&t, VTERM_KEY_LEFT, VTERM_MOD_CTRL);
	key(&t, VTERM_KEY_LEFT, VTERM_MOD_CTRL);
	type(&t, "y");
	assert_shows(&t, "/yhealth xvisit");
	key(&t, VTERM_KEY_RIGHT, VTERM_MOD_CTRL);
	type(&t, "z");
	assert_shows(&t, "/yhealthz xvisit");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_hides(&t, "/yhealthz");
	quit_with_q(&t);
}

static void test_meeting_selection(void **state)
{
	struct term t;
	term_start(&t, 120, 36, NULL, NULL);
	assert_shows(&t, "Items 36/36");
	key(&t, VTERM_KEY_TAB, VTERM_MOD_SHIFT); /* Items -> Meetings */
	type(&t, "j");                           /* All items -> the newest meeting */
	assert_shows(&t, "Items 20/36");
	assert_shows(&t, "meeting: 2023-09-21");
	type(&t, "G");                           /* No meeting */
	assert_shows(&t, "Items 1/36");
	assert_shows(&t, "meeting: none");
	type(&t, "g");
	assert_shows(&t, "Items 36/36");
	/* Tab cycles Meetings -> Items -> History -> Meetings */
	key(&t, VTERM_KEY_TAB, VTERM_MOD_NONE);
	key(&t, VTERM_KEY_TAB, VTERM_MOD_NONE);
	key(&t, VTERM_KEY_TAB, VTERM_MOD_NONE);
	type(&t, "j");
	assert_shows(&t, "Items 20/36");
	quit_with_q(&t);
}

static void test_selection_follows_item(void **state)
{
	struct term t;
	term_start(&t, 120, 36, NULL, NULL);
	assert_shows(&t, "Items 36/36");
	for (int i = 0; i < 20; i++)
		type(&t, "j");
	assert_shows(&t, "History #21");
	/* a query that still matches it: the selection stays on item 21 */
	type(&t, "/healthy");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "filter: healthy");
	assert_shows(&t, "History #21");
	/* sorting keeps it too */
	type(&t, "S");
	assert_shows(&t, "sort: meeting");
	assert_shows(&t, "History #21");
	quit_with_q(&t);
}

static void test_help_screen(void **state)
{
	struct term t;
	term_start(&t, 120, 36, NULL, NULL);
	assert_shows(&t, "Items 36/36");
	type(&t, "?");
	assert_shows(&t, "artrack keys");
	assert_shows(&t, "Moving around");
	assert_shows(&t, "Shift-Tab");
	assert_shows(&t, "Tag or untag the selected item");
	key(&t, VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE);
	assert_shows(&t, "Edit the whole item as YAML");
	assert_shows(&t, "Ctrl-R");
	assert_shows(&t, "w, Ctrl-S");
	assert_shows(&t, "Down scroll  Esc close"); /* the help pane's hints */
	type(&t, "G"); /* scrolls to the end: the input modes' keys */
	assert_shows(&t, "Viewing both sides of a conflict");
	assert_shows(&t, "Back to the same question: viewing resolves nothing");
	for (int i = 0; i < 10; i++)
		type(&t, "k");
	assert_shows(&t, "Resolving merge conflicts");
	assert_shows(&t, "Keep ours: the value between <<<<<<< and =======");
	assert_shows(&t, "Saving a file changed on disk");
	assert_shows(&t, "In a pick list");
	assert_shows(&t, "Move to the choice above");
	assert_shows(&t, "In a question");
	for (int i = 0; i < 16; i++)
		type(&t, "k");
	assert_shows(&t, "In the filter line");
	type(&t, "g");
	for (int i = 0; i < 30; i++)
		type(&t, "j");
	assert_shows(&t, "In the Items pane"); /* what the marks mean */
	assert_shows(&t, "before a due date: overdue");
	for (int i = 0; i < 20; i++)
		type(&t, "j");
	assert_shows(&t, "Typing in the filter line or a field");
	assert_shows(&t, "Ctrl-Left");
	assert_shows(&t, "Move the cursor to the start of the word");
	type(&t, "q"); /* q closes the help, not the program */
	assert_shows(&t, "Items 36/36");
	quit_with_q(&t);
}

static void test_extedit_pane(void **state)
{
	struct term t;
	term_start(&t, 120, 36, NULL, NULL);
	assert_shows(&t, "Items 36/36");
	type(&t, "/id:21");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Items 1/36");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Editor #21");
	assert_shows(&t, "response  rejected");
	assert_shows(&t, "leads     Derys Pragnell");
	assert_hides(&t, " History");
	/* the bundled example is read-only: nothing may write */
	type(&t, "w");
	assert_shows(&t, "read-only");
	type(&t, "a");
	assert_shows(&t, "add-update: the bundled example is read-only");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_shows(&t, " History #21");
	quit_with_q(&t);
}

/* The top row for a terminal width: a terminal keeps, cuts or moves its old
 * contents on a resize, so only the new layout's exact row proves a redraw. */
static const char *top_row(int width)
{
	static char row[256];
	int meetings = width / 5 < 16 ? 16 : width / 5 > 30 ? 30 : width / 5;
	snprintf(row, sizeof row, "%-*s\xe2\x94\x82 Items 36/36  sort: id", meetings, " Meetings");
	return row;
}

static void test_resize(void **state)
{
	struct term t;
	term_start(&t, 120, 36, NULL, NULL);
	assert_true(wait_row(&t, 0, top_row(120)));
	resize(&t, 80, 24);
	assert_true(wait_row(&t, 0, top_row(80)));
	assert_shows(&t, "History #1");
	/* the status line on the last row, with the hints that fit whole */
	assert_true(wait_row(&t, 23, " hosc-2023-09-21.yaml [example, read-only]             ? help  q quit  / filter"));
	resize(&t, 40, 10);
	assert_true(wait_row(&t, 0, top_row(40)));
	resize(&t, 20, 6);
	assert_shows(&t, "(20x6)");
	assert_shows(&t, "too small");
	resize(&t, 10, 3);
	assert_shows(&t, "(10x3)");
	resize(&t, 1, 1);
	assert_shows(&t, "T");
	resize(&t, 120, 36);
	assert_true(wait_row(&t, 0, top_row(120)));
	assert_shows(&t, "2023-09-21");
	quit_with_q(&t);
}

/* Whether any cell has a colour other than the terminal's own. */
static bool any_colour(struct term *t)
{
	for (int r = 0; r < t->rows; r++)
		for (int c = 0; c < t->cols; c++) {
			VTermScreenCell cell;
			vterm_screen_get_cell(t->screen, (VTermPos){ r, c }, &cell);
			if (!VTERM_COLOR_IS_DEFAULT_FG(&cell.fg) || !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg))
				return true;
		}
	return false;
}

static void test_colour_and_no_color(void **state)
{
	struct term t;
	term_start(&t, 120, 36, NULL, NULL);
	assert_first_frame(&t, "Items 36/36");
	assert_true(any_colour(&t)); /* colour where the terminal has it */
	/* over the terminal's own background */
	VTermScreenCell plain = cell_at(&t, 5, 5);
	assert_true(VTERM_COLOR_IS_DEFAULT_BG(&plain.bg));
	quit_with_q(&t);

	term_start(&t, 120, 36, NULL, (const char *const[]){ "NO_COLOR=1", NULL });
	assert_first_frame(&t, "Items 36/36");
	assert_false(any_colour(&t));
	/* the focused title and the selection still stand out, by attribute */
	assert_true(cell_at(&t, 0, 40).attrs.reverse);
	assert_true(cell_at(&t, 2, 40).attrs.reverse);
	assert_false(cell_at(&t, 3, 40).attrs.reverse);
	quit_with_q(&t);

	/* a monochrome terminal */
	term_start(&t, 80, 24, NULL, (const char *const[]){ "TERM=vt100", NULL });
	assert_first_frame(&t, "Items 36/36");
	assert_false(any_colour(&t));
	assert_true(cell_at(&t, 2, 40).attrs.reverse);
	quit_with_q(&t);
}

static void test_utf8_and_inert_controls(void **state)
{
	/* a writable copy: under distcheck the source tree is read-only */
	char path[400];
	snprintf(path, sizeof path, "%s/utf8.yaml", vt_tmp_root);
	assert_int_equal(copy_file(fixture("ui-utf8.yaml"), path), 0);
	struct term t;
	term_start(&t, 100, 30, (const char *const[]){ path, NULL }, NULL);
	assert_first_frame(&t, "Items 2/2");
	/* the topic cut by display width, the text beside it */
	assert_shows(&t, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe2\x80\xa6  Cafe");
	assert_shows(&t, "Caf\xc3\xa9 au lait, na\xc3\xafve \xe2\x80\x93 \xe2\x80\x9cquoted\xe2\x80\x9d and it\xe2\x80\x99s fine.");
	/* the escape sequences in the data are shown, not obeyed */
	assert_shows(&t, "Escape ^[\xe2\x80\xa6");
	assert_shows(&t, "Bell ^G and CSI ^[[");
	assert_shows(&t, "Items 2/2"); /* and did not clear the screen */
	/* wide characters take two cells: the topic's first is wide */
	int row = -1, col = -1;
	for (int r = 0; r < t.rows && row < 0; r++)
		for (int c = 0; c < t.cols && row < 0; c++)
			if (cell_at(&t, r, c).chars[0] == 0x65e5) /* 日 */
				row = r, col = c;
	assert_true(row >= 0);
	VTermScreenCell c = cell_at(&t, row, col);
	assert_int_equal(c.width, 2);
	assert_int_equal(cell_at(&t, row, col + 2).chars[0], 0x672c); /* 本, two cells on */
	/* the topic starts in the same column as the heading above it */
	VTermScreenCell heading = cell_at(&t, 1, col);
	assert_int_equal(heading.chars[0], 'T');
	/* the overdue due date is marked in text as well as in colour */
	assert_shows(&t, "!2023-08");
	/* the wrapped update: wide text cut between characters, inside the pane */
	assert_shows(&t, "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97");
	type(&t, "j");
	assert_shows(&t, "History #2");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "topic     Escape ^[[2J^[]0;pwned^G here");
	assert_shows(&t, "text      Bell ^G and CSI ^[[31m red");
	assert_shows(&t, "^[[2Jcleared?^Mreturn^?del\xef\xbf\xbd" "evil");
	quit_with_q(&t);
}

static void test_mouse(void **state)
{
	struct term t;
	term_start(&t, 120, 36, NULL, NULL);
	assert_shows(&t, "Items 36/36");
	click(&t, 2, 3, 1); /* the newest meeting, in the Meetings pane */
	assert_shows(&t, "Items 20/36");
	click(&t, 1, 3, 1); /* All items */
	assert_shows(&t, "Items 36/36");
	click(&t, 4, 60, 1); /* the third item row */
	assert_shows(&t, "History #3");
	click(&t, 10, 60, 5); /* wheel down over the items: three rows on */
	assert_shows(&t, "History #6");
	quit_with_q(&t);
}

static void test_filter_history_between_runs(void **state)
{
	/* a state folder of its own, so other tests' filters are not in it */
	char state_env[400];
	snprintf(state_env, sizeof state_env, "XDG_STATE_HOME=%s/history-state", vt_tmp_root);
	const char *const env[] = { state_env, NULL };
	struct term t;
	term_start(&t, 120, 36, NULL, env);
	assert_shows(&t, "Items 36/36");
	type(&t, "/lead:pragnell");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Items 6/36");
	quit_with_q(&t);

	char path[400];
	snprintf(path, sizeof path, "%s/history-state/artrack/history", vt_tmp_root);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[200] = "";
	assert_non_null(fgets(line, sizeof line, f));
	fclose(f);
	assert_string_equal(line, "lead:pragnell\n");

	term_start(&t, 120, 36, NULL, env);
	assert_shows(&t, "Items 36/36");
	type(&t, "/");
	key(&t, VTERM_KEY_UP, VTERM_MOD_NONE);
	assert_shows(&t, "/lead:pragnell");
	assert_shows(&t, "Items 6/36");
	key(&t, VTERM_KEY_DOWN, VTERM_MOD_NONE);
	assert_shows(&t, "Items 36/36");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	quit_with_q(&t);
}

static void test_signals_and_end_of_input(void **state)
{
	struct term t;
	/* SIGTERM: the terminal is given back (the alternate screen left) */
	term_start(&t, 80, 24, NULL, NULL);
	assert_shows(&t, "Items 36/36");
	kill(t.pid, SIGTERM);
	assert_int_equal(wait_exit(&t), 128 + SIGTERM);
	assert_false(screen_has(&t, "Items 36/36"));
	term_finish(&t);

	/* the terminal goes away: the program ends, it does not spin */
	term_start(&t, 80, 24, NULL, NULL);
	assert_shows(&t, "Items 36/36");
	close(t.master);
	t.master = -1;
	t.eof = true;
	assert_int_not_equal(wait_exit(&t), -1);
	term_finish(&t);

	/* Ctrl-C quits like q */
	term_start(&t, 80, 24, NULL, NULL);
	assert_shows(&t, "Items 36/36");
	ctrl(&t, 'c');
	assert_int_equal(wait_exit(&t), 0);
	term_finish(&t);
}

static void test_reference_punctuation(void **state)
{
	struct term t;
	term_start(&t, 120, 36, NULL, NULL);
	assert_shows(&t, "Items 36/36");
	type(&t, "/id:6");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "History #6");
	/* the paper's en dash and curly apostrophe, as themselves */
	assert_shows(&t, "Cllr Champken \xe2\x80\x93 Woods came forward");
	assert_shows(&t, "Wokingham\xe2\x80\x99s HOSC glossary");
	quit_with_q(&t);
}

static void test_read_only_option(void **state)
{
	/* a writable copy opened with --read-only: nothing may write it */
	char path[400];
	snprintf(path, sizeof path, "%s/copy.yaml", vt_tmp_root);
	assert_int_equal(copy_file(fixture("ui-utf8.yaml"), path), 0);
	struct stat before, after;
	assert_int_equal(stat(path, &before), 0);
	struct term t;
	term_start(&t, 100, 30, (const char *const[]){ "--read-only", path, NULL }, NULL);
	assert_shows(&t, "copy.yaml [read-only]");
	type(&t, "w");
	assert_shows(&t, "save: the file is open read-only");
	ctrl(&t, 's');
	type(&t, "E");
	assert_shows(&t, "edit-yaml: the file is open read-only");
	quit_with_q(&t);
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_mtime, after.st_mtime);
	assert_int_equal(before.st_ino, after.st_ino);
}

static void test_bad_file(void **state)
{
	/* the loader's messages, before the terminal is touched; exit 1 */
	char path[400];
	snprintf(path, sizeof path, "%s/bad.yaml", vt_tmp_root);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("artrack: 1\nitems:\n- id: 1\n  kind: motion\n", f);
	fclose(f);
	struct term t;
	term_start(&t, 80, 24, (const char *const[]){ path, NULL }, NULL);
	assert_shows(&t, "bad.yaml:4:");
	assert_int_equal(wait_exit(&t), 1);
	term_finish(&t);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_screen),
		cmocka_unit_test(test_filter_narrows_while_typing),
		cmocka_unit_test(test_bad_query_keeps_previous),
		cmocka_unit_test(test_word_moves),
		cmocka_unit_test(test_meeting_selection),
		cmocka_unit_test(test_selection_follows_item),
		cmocka_unit_test(test_help_screen),
		cmocka_unit_test(test_extedit_pane),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_colour_and_no_color),
		cmocka_unit_test(test_utf8_and_inert_controls),
		cmocka_unit_test(test_mouse),
		cmocka_unit_test(test_filter_history_between_runs),
		cmocka_unit_test(test_signals_and_end_of_input),
		cmocka_unit_test(test_reference_punctuation),
		cmocka_unit_test(test_read_only_option),
		cmocka_unit_test(test_bad_file),
	};
	/* ARTRACK_UI_TEST=test_resize runs one test, when debugging. */
	if (getenv("ARTRACK_UI_TEST"))
		cmocka_set_test_filter(getenv("ARTRACK_UI_TEST"));
	return cmocka_run_group_tests_name("ui", tests, vt_setup, vt_teardown);
}
