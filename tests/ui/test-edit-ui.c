/* test-edit-ui.c - editing in the real artrack in a real terminal
 * (vt_harness.h): a, E (valid, invalid, edit again, discard), undo and
 * redo, the Editor pane's line editor, pick lists and leads, saving, the
 * outside-change check with reload and save-as, the comments warning, q's
 * question, two instances on one file, and unsaved changes kept when the
 * program is ended by a signal.
 *
 * $VISUAL is a small sh script written here: it copies the file it is given
 * to editor-saw (so a test can check what the officer was shown) and then
 * runs the shell snippet in editor-action, which the test writes before the
 * key that opens the editor.  The files the program writes are read back
 * with the core's own loader.  Every wait is for screen content or the
 * program's exit, with a deadline; nothing sleeps blindly.
 */
#include "config.h"

#include <ctype.h>
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/wait.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vterm.h>

#include "artrack/tracker.h"
#include "artrack/yamlio.h"
#include "vt_harness.h"

/* The Editor pane's text column at 120 columns: Meetings is 30 wide, a
 * border, then the pane with a margin of one. */
#define EDITOR_TEXT_X 32
#define PATH_SIZE 400

static char editor_script[400];
static char visual_env[500];

static const char *tmp_path(const char *name)
{
	return vt_tmp_path(name);
}

static char *read_all(const char *path)
{
	return vt_read_file(path);
}

static void write_text(const char *path, const char *text)
{
	vt_write_file(path, text);
}

/* What the scripted editor does next: a shell snippet; $f is the file. */
static void editor_does(const char *snippet)
{
	unlink(tmp_path("editor-saw"));
	write_text(tmp_path("editor-action"), snippet);
}

/* What the scripted editor was given last (malloc'd). */
static char *editor_saw(void)
{
	char *text = read_all(tmp_path("editor-saw"));
	assert_non_null(text);
	return text;
}

static const char *const ADD_TEXT = "{ printf 'Scripted update \\342\\200\\223 the officer\\342\\200\\231s words.\\n'; cat \"$f\"; } "
                                    "> \"$f.new\" && mv \"$f.new\" \"$f\"\n";
static const char *const SET_COMPLETED = "sed 's/^status: open$/status: completed/' \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"\n";
static const char *const SET_BOGUS = "sed 's/^status: open$/status: bogus/' \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"\n";
static const char *const LEAVE = ":\n";

/* A copy of the bundled tracker to edit, at path (PATH_SIZE bytes). */
static void tracker_copy(const char *name, char *path)
{
	vt_bundled_copy(name, path, PATH_SIZE);
}

static void start_on(struct term *t, const char *path, const char *today)
{
	const char *const env[] = { visual_env, "EDITOR=", "ARTRACK_NAME=Jo Officer", NULL };
	term_start(t, 120, 36, (const char *const[]){ "--today", today, path, NULL }, env);
	assert_shows(t, "Items 36/36");
	/* the status line, drawn last, names the file */
	char name[PATH_SIZE + 2];
	snprintf(name, sizeof name, " %s", strrchr(path, '/') + 1);
	assert_shows(t, name);
}

/* Show item 21 alone and select it. */
static void select_item_21(struct term *t)
{
	type(t, "/id:21");
	key(t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(t, "Items 1/36");
	assert_shows(t, "History #21");
}

static const struct ar_item *load_item(const char *path, long id, struct ar_tracker **tracker)
{
	struct ar_diags diags = { 0 };
	enum ar_rc rc = ar_load_file(path, tracker, &diags, NULL);
	for (size_t i = 0; i < diags.count; i++)
		fprintf(stderr, "# %s:%d:%d: %s\n", path, diags.items[i].line, diags.items[i].column, diags.items[i].message);
	ar_diags_free(&diags);
	assert_int_equal(rc, AR_OK);
	const struct ar_item *item = ar_tracker_find_item(*tracker, id);
	assert_non_null(item);
	return item;
}

/* The row of the Editor pane's cursor, or -1.  The cursor is the whole row
 * in reverse video; its last cell is drawn last, so a row whose first and
 * last cells are reversed is drawn whole (not caught halfway). */
static int editor_cursor_row(struct term *t)
{
	for (int r = 1; r < t->rows - 1; r++)
		if (cell_at(t, r, EDITOR_TEXT_X).attrs.reverse && cell_at(t, r, t->cols - 1).attrs.reverse
		    && !strstr(row_text(t, r), " Editor #"))
			return r;
	return -1;
}

/* The text on the cursor's row from the pane's text column. */
static const char *editor_cursor_text(struct term *t)
{
	int r = editor_cursor_row(t);
	if (r < 0)
		return "";
	const char *row = row_text(t, r);
	/* Columns before the border hold single-byte text here; find the border. */
	const char *bar = strstr(row, "\xe2\x94\x82");
	return bar ? bar + 3 + 1 : "";
}

/* Move the Editor pane's cursor down (j) to the line starting with text.
 * The screen must already show the effect of the keys typed before (each j
 * here waits for the cursor to move), or a j would be counted twice. */
static void goto_field(struct term *t, const char *text)
{
	for (int tries = 0; tries < 30; tries++) {
		pump(t, 0);
		if (getenv("DEBUG_GOTO"))
			fprintf(stderr, "# goto %s: row %d '%s'\n", text, editor_cursor_row(t), editor_cursor_text(t));
		if (strncmp(editor_cursor_text(t), text, strlen(text)) == 0)
			return;
		int before = editor_cursor_row(t);
		type(t, "j");
		double deadline = now_ms() + VT_DEADLINE_MS;
		int row;
		while (((row = editor_cursor_row(t)) == before || row < 0) && now_ms() < deadline)
			pump(t, 20);
		if (row == before || row < 0)
			break; /* at the bottom */
	}
	dump(t, "field not reached");
	fprintf(stderr, "# wanted the cursor on '%s'\n", text);
	fail();
}

/* Wait until the Editor pane's cursor is on the line showing text. */
static bool wait_cursor(struct term *t, const char *text)
{
	double deadline = now_ms() + VT_DEADLINE_MS;
	while (strcmp(editor_cursor_text(t), text) != 0) {
		if (now_ms() > deadline) {
			dump(t, "cursor not there");
			fprintf(stderr, "# wanted the cursor on '%s', it is on '%s'\n", text, editor_cursor_text(t));
			return false;
		}
		pump(t, 20);
	}
	return true;
}

/* g: the Editor pane's cursor to its first line, and wait for it there
 * (so the next j is counted from it). */
static void goto_top(struct term *t)
{
	type(t, "g");
	assert_true(wait_cursor(t, "id        21"));
}

static void open_editor_pane(struct term *t)
{
	key(t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(t, "Editor #21");
	goto_top(t);
}

/* A copy of the bundled tracker called name (its path into path), open
 * with item 21 selected. */
static void open_copy_on_21(struct term *t, const char *name, char *path)
{
	tracker_copy(name, path);
	start_on(t, path, "2023-10-05");
	select_item_21(t);
}

/* a, with the scripted editor writing an update. */
static void add_scripted_update(struct term *t)
{
	editor_does(ADD_TEXT);
	type(t, "a");
	assert_shows(t, "Added an update to item 21");
}

/* ---- the tests ---- */

static void test_add_update(void **state)
{
	char path[PATH_SIZE];
	struct term t;
	open_copy_on_21(&t, "add.yaml", path);
	editor_does(ADD_TEXT);
	type(&t, "a");
	assert_shows(&t, "Added an update to item 21, dated 2023-10-05 by Jo Officer");
	assert_shows(&t, "add.yaml [modified]");
	assert_shows(&t, "2023-10-05 \xc2\xb7 Jo Officer");
	assert_shows(&t, "Scripted update \xe2\x80\x93 the officer\xe2\x80\x99s words.");
	assert_shows(&t, "History #21  2 updates");
	/* the template named the item, the date and the author */
	char *saw = editor_saw();
	assert_non_null(strstr(saw, "# Add an update to item 21: Oxfordshire Healthy Weight"));
	assert_non_null(strstr(saw, "\nDate: 2023-10-05\nBy: Jo Officer\nLabel: \n"));
	free(saw);

	/* leaving the template as it is cancels */
	editor_does(LEAVE);
	type(&t, "a");
	assert_shows(&t, "No update added to item 21: the text was empty");
	assert_shows(&t, "History #21  2 updates");

	/* from the Editor pane too */
	open_editor_pane(&t);
	editor_does(ADD_TEXT);
	type(&t, "a");
	assert_shows(&t, "Added an update to item 21");
	assert_shows(&t, "Editor #21");
	type(&t, "u");
	assert_shows(&t, "Undid: add an update to item 21");

	type(&t, "w");
	assert_shows(&t, "Saved add.yaml (as it was before this session: add.yaml~)");
	assert_hides(&t, "[modified]");
	quit_with_q(&t); /* no question: nothing unsaved */

	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(path, 21, &tracker);
	assert_int_equal(item->update_count, 2);
	const struct ar_update *u = &item->updates[1];
	assert_int_equal(u->date, 20231005);
	assert_string_equal(u->by, "Jo Officer");
	assert_string_equal(u->text, "Scripted update \xe2\x80\x93 the officer\xe2\x80\x99s words.");
	ar_tracker_free(tracker);
	/* the lock went with the program */
	assert_int_not_equal(access(tmp_path("add.yaml.lock"), F_OK), 0);
}

static void test_undo_yaml(void **state)
{
	char path[PATH_SIZE];
	struct term t;
	open_copy_on_21(&t, "yaml.yaml", path);

	/* valid: the status becomes completed */
	editor_does(SET_COMPLETED);
	type(&t, "E");
	assert_shows(&t, "Item 21 changed (u undoes)");
	assert_shows(&t, "21 R completed rejected");
	char *saw = editor_saw();
	assert_non_null(strstr(saw, "# Item 21 as YAML"));
	assert_non_null(strstr(saw, "\nstatus: open\n"));
	free(saw);

	/* invalid: the errors are shown and nothing changes */
	type(&t, "u");
	assert_shows(&t, "21 R open      rejected");
	editor_does(SET_BOGUS);
	type(&t, "E");
	assert_shows(&t, "'bogus'");
	assert_shows(&t, "Item 21 not changed: e edit again (your text is kept), d discard your edit");
	assert_shows(&t, "21 R open      rejected");
	/* other keys do not answer it */
	type(&t, "q");
	assert_shows(&t, "e edit again");

	/* edit again: the problems on top as comments, the text as it was left
	 * (this round makes another mistake, to see it come back) */
	editor_does("sed 's/^status: bogus$/status: bogus2/' \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"\n");
	type(&t, "e");
	assert_shows(&t, "'bogus2'");
	assert_shows(&t, "e edit again");
	saw = editor_saw();
	assert_non_null(strstr(saw, "# artrack could not use this"));
	assert_non_null(strstr(saw, "'bogus'"));
	assert_non_null(strstr(saw, "\nstatus: bogus\n"));
	/* the problem's line number is the line of the status in this file */
	const char *note = strstr(saw, "# line ");
	assert_non_null(note);
	int line = atoi(note + strlen("# line "));
	int status_line = 1;
	for (const char *p = saw; p < strstr(saw, "\nstatus: bogus\n") + 1; p++)
		status_line += *p == '\n';
	assert_int_equal(line, status_line);
	free(saw);

	/* discard */
	type(&t, "d");
	assert_shows(&t, "Discarded your edit; item 21 is as it was");
	assert_shows(&t, "21 R open      rejected");
	assert_hides(&t, "[modified]");

	/* an emptied file cancels */
	editor_does(": > \"$f\"\n");
	type(&t, "E");
	assert_shows(&t, "Item 21 left as it was: the file was emptied");
	quit_with_q(&t);
}

static void test_undo_redo(void **state)
{
	char path[PATH_SIZE];
	struct term t;
	open_copy_on_21(&t, "undo.yaml", path);
	editor_does(ADD_TEXT);
	type(&t, "a");
	assert_shows(&t, "History #21  2 updates");
	editor_does(SET_COMPLETED);
	type(&t, "E");
	assert_shows(&t, "21 R completed");
	assert_shows(&t, "undo.yaml [modified]");

	/* two levels back: clean again */
	type(&t, "u");
	assert_shows(&t, "Undid: edit item 21");
	assert_shows(&t, "21 R open");
	type(&t, "u");
	assert_shows(&t, "Undid: add an update to item 21");
	assert_shows(&t, "History #21  1 update");
	assert_hides(&t, "[modified]");
	type(&t, "u");
	assert_shows(&t, "Nothing to undo");

	/* and forward again */
	ctrl(&t, 'r');
	assert_shows(&t, "Redid: add an update to item 21");
	assert_shows(&t, "undo.yaml [modified]");
	ctrl(&t, 'r');
	assert_shows(&t, "Redid: edit item 21");
	assert_shows(&t, "21 R completed");

	/* undo selects the item it touched, under the filter in force */
	type(&t, "/");
	ctrl(&t, 'u');
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Items 36/36");
	type(&t, "g");
	assert_shows(&t, "History #1 ");
	type(&t, "u");
	assert_shows(&t, "Undid: edit item 21");
	assert_shows(&t, "History #21");

	/* saved, then undone back to the saved state: clean */
	type(&t, "w");
	assert_shows(&t, "Saved undo.yaml");
	assert_hides(&t, "[modified]");
	type(&t, "u");
	assert_shows(&t, "undo.yaml [modified]");
	ctrl(&t, 'r');
	assert_hides(&t, "[modified]");
	quit_with_q(&t);
}

static void test_fields(void **state)
{
	char path[PATH_SIZE];
	struct term t;
	open_copy_on_21(&t, "fields.yaml", path);
	open_editor_pane(&t);

	/* the topic in the line editor: Ctrl-W, Home, typing, Enter */
	goto_field(&t, "topic");
	type(&t, "e");
	assert_shows(&t, "topic: Oxfordshire Healthy Weight");
	ctrl(&t, 'w');
	type(&t, "Weights");
	key(&t, VTERM_KEY_HOME, VTERM_MOD_NONE);
	type(&t, "The ");
	key(&t, VTERM_KEY_END, VTERM_MOD_NONE);
	type(&t, "!");
	key(&t, VTERM_KEY_LEFT, VTERM_MOD_NONE);
	key(&t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
	assert_shows(&t, "topic: The Oxfordshire Healthy Weight!");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "topic     The Oxfordshire Healthy Weight!");
	assert_shows(&t, "Item 21: topic changed (u undoes)");

	/* Esc leaves a field as it was */
	type(&t, "e");
	ctrl(&t, 'u');
	assert_shows(&t, "topic:\n");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_shows(&t, "Item 21: topic left as it was");
	assert_shows(&t, "topic     The Oxfordshire Healthy Weight!");

	/* a date is checked as it is typed; Enter waits for a valid one */
	goto_field(&t, "due");
	type(&t, "e");
	assert_shows(&t, "due:\n");
	type(&t, "2024-13");
	assert_shows(&t, "due: '2024-13' is not a date");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Fix it or press Esc: due: '2024-13'");
	assert_shows(&t, "due: 2024-13\n");
	key(&t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
	type(&t, "2");
	assert_hides(&t, "is not a date");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "due       2024-12");

	/* an enumeration from a pick list */
	goto_top(&t);
	goto_field(&t, "status");
	type(&t, "e");
	assert_shows(&t, "> open");
	assert_shows(&t, "status: Up/Down choose, Enter sets, Esc cancels");
	key(&t, VTERM_KEY_DOWN, VTERM_MOD_NONE);
	type(&t, "j");
	assert_shows(&t, "> completed");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "status    completed");
	assert_shows(&t, "21 R completed");
	/* Esc cancels a pick list */
	goto_field(&t, "response");
	type(&t, "e");
	assert_shows(&t, "> rejected");
	type(&t, "a"); /* a first letter jumps to it */
	assert_shows(&t, "> accepted");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_shows(&t, "Item 21: response left as it was");
	assert_shows(&t, "response  rejected");

	/* the leads as a list: add, move, edit, remove, each one step */
	goto_top(&t);
	goto_field(&t, "leads");
	type(&t, "+");
	assert_shows(&t, "new lead:");
	/* nothing typed yet is not a mistake yet (issue 10) */
	assert_false(screen_has(&t, "a lead needs a name"));
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "a lead needs a name");
	type(&t, "Omid Nouri");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Item 21: lead added");
	assert_shows(&t, "leads     Derys Pragnell\n");
	assert_true(wait_cursor(&t, "          Omid Nouri"));
	type(&t, "K");
	assert_shows(&t, "leads     Omid Nouri\n");
	assert_shows(&t, "Item 21: lead moved up");
	type(&t, "e");
	assert_shows(&t, "lead: Omid Nouri");
	ctrl(&t, 'a');
	type(&t, "Dr ");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "leads     Dr Omid Nouri\n");
	type(&t, "J");
	assert_shows(&t, "leads     Derys Pragnell\n");
	type(&t, "-");
	assert_shows(&t, "lead Dr Omid Nouri removed");
	/* the leads are one line again, the cursor on it */
	assert_shows(&t, "leads     Derys Pragnell\n                        \xe2\x94\x82 status    completed");
	assert_true(wait_cursor(&t, "leads     Derys Pragnell"));
	type(&t, "u");
	assert_shows(&t, "Undid: set leads of item 21");
	assert_shows(&t, "Dr Omid Nouri");

	/* the item's text goes to the editor */
	goto_top(&t);
	goto_field(&t, "text");
	/* The officer's text replaces the old one above the cut line, which stays. */
	editor_does("{ printf '#1 New text of the recommendation.\\n\\n'; sed -n '/^# -* >8 -*$/,$p' \"$f\"; } > \"$f.new\" && mv \"$f.new\" \"$f\"\n");
	type(&t, "e");
	assert_shows(&t, "Item 21: text changed");
	assert_shows(&t, "text      #1 New text of the recommendation.");
	char *saw = editor_saw();
	/* the old text first, as it is, then the cut line and the notes */
	assert_true(strncmp(saw, "To ensure that consideration of the ill-effects", 47) == 0);
	assert_non_null(strstr(saw, "County.\n\n# ------------------------ >8 ------------------------\n"));
	free(saw);

	/* an update's label, from the update's pick list */
	goto_field(&t, "updates");
	type(&t, "e");
	assert_shows(&t, "> text (in the editor)");
	type(&t, "l");
	assert_shows(&t, "> label");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "label of update 1: Response");
	ctrl(&t, 'u');
	type(&t, "Initial response");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Item 21: the label of update 1 changed");
	assert_shows(&t, "updates   1. Initial response");

	type(&t, "w");
	assert_shows(&t, "Saved fields.yaml");
	quit_with_q(&t);

	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(path, 21, &tracker);
	assert_string_equal(item->topic, "The Oxfordshire Healthy Weight!");
	assert_int_equal(item->due, 20241200);
	assert_int_equal(item->status, AR_STATUS_COMPLETED);
	assert_int_equal(item->response, AR_RESPONSE_REJECTED);
	assert_int_equal(item->lead_count, 2);
	assert_string_equal(item->leads[0], "Derys Pragnell");
	assert_string_equal(item->leads[1], "Dr Omid Nouri");
	assert_string_equal(item->text, "#1 New text of the recommendation.");
	assert_string_equal(item->updates[0].label, "Initial response");
	ar_tracker_free(tracker);
}

static void test_quit_asks(void **state)
{
	char path[PATH_SIZE];
	tracker_copy("quit.yaml", path);
	char *original = read_all(path);
	struct term t;
	start_on(&t, path, "2023-10-05");
	select_item_21(&t);
	add_scripted_update(&t);
	assert_shows(&t, "quit.yaml [modified]");

	/* q asks; Esc stays */
	type(&t, "q");
	assert_shows(&t, "quit.yaml has unsaved changes");
	assert_shows(&t, "Quit: s save and quit, d discard the changes and quit, Esc stay");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_shows(&t, "Still here; w saves");
	/* Ctrl-C is q, and asks too; d discards and quits */
	ctrl(&t, 'c');
	assert_shows(&t, "Quit: s save and quit");
	type(&t, "d");
	assert_int_equal(wait_exit(&t), 0);
	term_finish(&t);
	char *after = read_all(path);
	assert_string_equal(after, original);
	free(after);
	assert_int_not_equal(access(tmp_path("quit.yaml.lock"), F_OK), 0);

	/* s saves, then quits */
	start_on(&t, path, "2023-10-05");
	select_item_21(&t);
	add_scripted_update(&t);
	assert_shows(&t, "quit.yaml [modified]");
	type(&t, "q");
	assert_shows(&t, "Quit: s save and quit");
	type(&t, "s");
	assert_int_equal(wait_exit(&t), 0);
	term_finish(&t);
	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(path, 21, &tracker);
	assert_int_equal(item->update_count, 2);
	ar_tracker_free(tracker);
	/* FILE~ holds what was there before */
	after = read_all(tmp_path("quit.yaml~"));
	assert_non_null(after);
	assert_string_equal(after, original);
	free(after);
	free(original);
}

static void test_two_instances(void **state)
{
	char path[PATH_SIZE];
	tracker_copy("two.yaml", path);
	struct term first, second;
	start_on(&first, path, "2023-10-05");
	assert_int_equal(access(tmp_path("two.yaml.lock"), F_OK), 0);
	char *lock = read_all(tmp_path("two.yaml.lock"));
	char pid[32];
	snprintf(pid, sizeof pid, "pid: %ld\n", (long)first.pid);
	assert_non_null(strstr(lock, pid));
	free(lock);

	start_on(&second, path, "2023-10-05");
	assert_shows(&second, "two.yaml is in use by ");
	snprintf(pid, sizeof pid, "(pid %ld) since ", (long)first.pid);
	assert_shows(&second, pid);
	assert_shows(&second, "opening read-only");
	assert_shows(&second, "two.yaml [read-only]");
	type(&second, "a");
	assert_shows(&second, "add-update: the file is open read-only");
	quit_with_q(&second);
	/* the second left the first's lock alone */
	assert_int_equal(access(tmp_path("two.yaml.lock"), F_OK), 0);

	/* the first still edits and saves */
	select_item_21(&first);
	editor_does(ADD_TEXT);
	type(&first, "a");
	type(&first, "w");
	assert_shows(&first, "Saved two.yaml");

	/* told otherwise (--take-lock), another takes the lock over */
	struct term third;
	const char *const env[] = { visual_env, "EDITOR=", NULL };
	term_start(&third, 120, 36, (const char *const[]){ "--take-lock", "--today", "2023-10-05", path, NULL }, env);
	assert_shows(&third, "Took over the lock of ");
	snprintf(pid, sizeof pid, "(pid %ld)", (long)first.pid);
	assert_shows(&third, pid);
	lock = read_all(tmp_path("two.yaml.lock"));
	snprintf(pid, sizeof pid, "pid: %ld\n", (long)third.pid);
	assert_non_null(strstr(lock, pid));
	free(lock);
	/* the first no longer holds the lock, and does not write over the third */
	editor_does(ADD_TEXT);
	type(&first, "a");
	type(&first, "w");
	assert_shows(&first, "Nothing was written: another artrack took over the lock");
	quit_with_q(&third);
	assert_int_not_equal(access(tmp_path("two.yaml.lock"), F_OK), 0);
	key(&first, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	type(&first, "q");
	assert_shows(&first, "discard");
	type(&first, "d");
	assert_int_equal(wait_exit(&first), 0);
	term_finish(&first);
}

/* A file with no write permission (here 0444, which even root is not to
 * replace unasked) opens read-only, says why, and is never written
 * (issue 16). */
static void test_unwritable_file_read_only(void **state)
{
	char path[PATH_SIZE];
	tracker_copy("ro.yaml", path);
	assert_int_equal(chmod(path, 0444), 0);
	char *original = read_all(path);
	struct term t;
	start_on(&t, path, "2023-10-05");
	assert_shows(&t, "is read-only (mode 0444: no write permission for you); opening read-only");
	assert_shows(&t, "ro.yaml [read-only]");
	type(&t, "w");
	assert_shows(&t, "the file is open read-only");
	quit_with_q(&t);
	char *after = read_all(path);
	assert_string_equal(after, original);
	free(after);
	free(original);
	/* No lock, no FILE~, no journal taken for a file not to be written. */
	assert_int_not_equal(access(tmp_path("ro.yaml.lock"), F_OK), 0);
	assert_int_not_equal(access(tmp_path("ro.yaml~"), F_OK), 0);
	chmod(path, 0644);
}

/* Replace the first from in the file with to, as another program would. */
static void outside_change(const char *path, const char *from, const char *to)
{
	vt_replace_in_file(path, from, to);
}

static void test_outside_change(void **state)
{
	char path[PATH_SIZE];
	struct term t;
	open_copy_on_21(&t, "outside.yaml", path);
	add_scripted_update(&t);
	assert_shows(&t, "outside.yaml [modified]");

	/* another program changes the file: w never writes over it, but
	 * merges its change with my edits (nothing overlaps) and saves both */
	outside_change(path, "committee: Health Overview and Scrutiny Committee",
	               "committee: Health Overview and Scrutiny Committee (changed elsewhere)");
	type(&t, "w");
	assert_shows(&t, "Saved outside.yaml: it had changed on disk, so your edits were merged");
	assert_shows(&t, "History #21  2 updates");
	quit_with_q(&t);
	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(path, 21, &tracker);
	assert_int_equal(item->update_count, 2);
	assert_string_equal(tracker->committee, "Health Overview and Scrutiny Committee (changed elsewhere)");
	ar_tracker_free(tracker);
}

/* The same item changed here and on disk: other fields merge on w without
 * asking; the field both changed is asked about, mine or the file's. */
static void test_outside_change_field_choice(void **state)
{
	char path[PATH_SIZE];
	tracker_copy("choice.yaml", path);
	struct term t;
	start_on(&t, path, "2023-10-05");
	select_item_21(&t);
	editor_does(SET_COMPLETED);
	type(&t, "E");
	assert_shows(&t, "21 R completed");
	outside_change(path, "text: To ensure that consideration of the ill-effects",
	               "text: THEIRS to ensure that consideration of the ill-effects");
	outside_change(path, "  status: open\n  response: rejected", "  status: closed\n  response: rejected");
	type(&t, "w");
	assert_shows(&t, "item 21's status was changed there and here (1 of 1)");
	assert_shows(&t, "Item 21 status: f the file's (closed), m mine (completed)");
	type(&t, "m");
	assert_shows(&t, "Saved choice.yaml: it had changed on disk, so your edits were merged");
	quit_with_q(&t);
	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(path, 21, &tracker);
	assert_int_equal(item->status, AR_STATUS_COMPLETED);
	assert_true(strncmp(item->text, "THEIRS to ensure", 16) == 0);
	ar_tracker_free(tracker);
}

/* A file left with git's conflict markers: opened with the choice offered
 * field by field, never saved until every conflict is resolved. */
static void test_conflict_markers_resolved(void **state)
{
	char path[PATH_SIZE];
	tracker_copy("markers.yaml", path);
	outside_change(path, "  status: open\n  response: rejected",
	               "<<<<<<< ours\n  status: closed\n=======\n  status: completed\n>>>>>>> theirs\n"
	               "  response: rejected");
	struct term t;
	start_on(&t, path, "2023-10-05");
	assert_shows(&t, "Conflict 1 of 1, item 21 status: o ours (closed), t theirs (completed), e edit");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_shows(&t, "1 merge conflict left: w asks again; nothing is saved until all are resolved");
	type(&t, "w");
	assert_shows(&t, "Conflict 1 of 1, item 21 status");
	char *text = read_all(path);
	assert_non_null(strstr(text, "<<<<<<< ours\n"));
	free(text);
	type(&t, "t");
	assert_shows(&t, "Every merge conflict in markers.yaml is resolved");
	assert_shows(&t, "21 R completed");
	type(&t, "w");
	assert_shows(&t, "Saved markers.yaml");
	quit_with_q(&t);
	text = read_all(path);
	assert_null(strstr(text, "<<<<<<<"));
	assert_null(strstr(text, "======="));
	free(text);
	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(path, 21, &tracker);
	assert_int_equal(item->status, AR_STATUS_COMPLETED);
	ar_tracker_free(tracker);
}

static void test_outside_conflict_save_as(void **state)
{
	char path[PATH_SIZE];
	tracker_copy("conflict.yaml", path);
	char other[PATH_SIZE];
	snprintf(other, sizeof other, "%s", tmp_path("mine.yaml"));
	struct term t;
	start_on(&t, path, "2023-10-05");
	select_item_21(&t);
	editor_does(SET_COMPLETED);
	type(&t, "E");
	assert_shows(&t, "21 R completed");

	/* the same field changed elsewhere: the officer's word is needed */
	outside_change(path, "text: To ensure that consideration of the ill-effects",
	               "text: THEIRS to ensure that consideration of the ill-effects");
	outside_change(path, "  status: open\n  response: rejected", "  status: closed\n  response: rejected");
	type(&t, "w");
	assert_shows(&t, "item 21's status was changed there and here");
	assert_shows(&t, "m mine (completed), v view both, s save as another file, Esc stop");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_shows(&t, "Not reloaded; your version is still here, unsaved");
	assert_shows(&t, "21 R completed");

	/* save as: a new file, which the UI then edits (and locks) */
	type(&t, "w");
	assert_shows(&t, "s save as another file");
	type(&t, "s");
	assert_shows(&t, "Save as: ");
	ctrl(&t, 'u');
	type(&t, other);
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Saved as ");
	assert_shows(&t, "mine.yaml; artrack now edits that file");
	assert_shows(&t, " mine.yaml  ");
	assert_int_equal(access(tmp_path("mine.yaml.lock"), F_OK), 0);
	assert_int_not_equal(access(tmp_path("conflict.yaml.lock"), F_OK), 0);
	/* the next save goes there */
	add_scripted_update(&t);
	assert_shows(&t, "mine.yaml [modified]");
	type(&t, "w");
	assert_shows(&t, "Saved mine.yaml");
	quit_with_q(&t);
	assert_int_not_equal(access(tmp_path("mine.yaml.lock"), F_OK), 0);

	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(other, 21, &tracker);
	assert_int_equal(item->status, AR_STATUS_COMPLETED);
	assert_int_equal(item->update_count, 2);
	ar_tracker_free(tracker);
	item = load_item(path, 21, &tracker);
	assert_true(strncmp(item->text, "THEIRS to ensure", 16) == 0);
	assert_int_equal(item->status, AR_STATUS_CLOSED);
	ar_tracker_free(tracker);
}

/* The file name.yaml written as before: w with nothing edited saves it at
 * once as it was, then c s (the status from its pick list) and w give after. */
static void status_edit_saves(const char *name, const char *before, const char *after)
{
	char path[PATH_SIZE], file[64], shown[96];
	snprintf(file, sizeof file, "%s.yaml", name);
	snprintf(path, sizeof path, "%s", tmp_path(file));
	write_text(path, before);
	struct term t;
	const char *const env[] = { visual_env, NULL };
	term_start(&t, 120, 36, (const char *const[]){ path, NULL }, env);
	assert_first_frame(&t, "Items 1/1");
	type(&t, "w");
	snprintf(shown, sizeof shown, "Saved %s", file);
	assert_shows(&t, shown);
	char *text = read_all(path);
	assert_string_equal(text, before);
	free(text);
	type(&t, "cs");
	assert_shows(&t, "in-progress");
	key(&t, VTERM_KEY_DOWN, VTERM_MOD_NONE);
	key(&t, VTERM_KEY_DOWN, VTERM_MOD_NONE);
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	snprintf(shown, sizeof shown, "%s [modified]", file);
	assert_shows(&t, shown);
	type(&t, "w");
	snprintf(shown, sizeof shown, "Saved %s", file);
	assert_shows(&t, shown);
	quit_with_q(&t);
	text = read_all(path);
	assert_string_equal(text, after);
	free(text);
}

static void test_comments_kept(void **state)
{
	/* Comments are part of the file: w saves at once and keeps them, and
	 * the edited line is the only one that changes. */
	status_edit_saves("comments",
	                  "# kept by the clerk\nartrack: 1\nitems:\n  - id: 1   # the first\n    topic: One\n"
	                  "    kind: action\n\n    # why it is open\n    status: open\n",
	                  "# kept by the clerk\nartrack: 1\nitems:\n  - id: 1   # the first\n    topic: One\n"
	                  "    kind: action\n\n    # why it is open\n    status: completed\n");
}

static void test_flow_style_comments_kept(void **state)
{
	/* A tracker written in flow style is saved at once too (no question
	 * about its comments): unedited as it was, edited in block form with
	 * every comment at its item. */
	status_edit_saves("flow",
	                  "artrack: 1\nitems: [   # the list\n  # the first\n"
	                  "  {id: 1, topic: One, kind: action, status: open}]   # one\n",
	                  "artrack: 1\nitems: # the list\n# the first\n- id: 1 # one\n  topic: One\n"
	                  "  kind: action\n  status: completed\n");
}

/* E shows the item's comments where they stand in the file, and saves
 * what the officer leaves there: a comment added, one removed, a new id,
 * and every other byte of the file as it was. */
static void test_e_keeps_comments(void **state)
{
	char path[PATH_SIZE];
	snprintf(path, sizeof path, "%s", tmp_path("e-comments.yaml"));
	const char *before = "# kept by the clerk\nartrack: 1\nitems:\n  # the first item\n  - id: 1   # the first\n"
	                     "    topic: One\n    kind: action\n\n    # why it is open\n    status: open\n"
	                     "  - id: 2\n    topic: Two   # from the minutes\n    kind: action\n    status: open\n";
	write_text(path, before);
	struct term t;
	const char *const env[] = { visual_env, NULL };
	term_start(&t, 80, 24, (const char *const[]){ path, NULL }, env);
	assert_first_frame(&t, "Items 2/2");
	editor_does("sed -e 's/^id: 1   # the first$/id: 7   # the first/' -e 's/^# why it is open$//' "
	            "-e 's/^status: open$/# asked again in May\\nstatus: open/' \"$f\" > \"$f.new\" && "
	            "mv \"$f.new\" \"$f\"\n");
	type(&t, "E");
	assert_shows(&t, "Item 1 changed; it is now item 7");
	char *saw = editor_saw();
	assert_non_null(strstr(saw, "\n\n# the first item\nid: 1   # the first\ntopic: One\nkind: action\n\n"
	                            "# why it is open\nstatus: open\n"));
	free(saw);
	type(&t, "w");
	assert_shows(&t, "Saved e-comments.yaml");
	quit_with_q(&t);
	char *text = read_all(path);
	assert_string_equal(text, "# kept by the clerk\nartrack: 1\nitems:\n  # the first item\n  - id: 7   # the first\n"
	                          "    topic: One\n    kind: action\n\n\n    # asked again in May\n    status: open\n"
	                          "  - id: 2\n    topic: Two   # from the minutes\n    kind: action\n    status: open\n");
	free(text);
}

/* The program killed as kill -9 does: nothing of its own runs. */
static void kill_9(struct term *t)
{
	kill(t->pid, SIGKILL);
	assert_int_equal(wait_exit(t), 128 + SIGKILL);
	term_finish(t);
}

/* Start on path again: the journal's question for changes ("2 unsaved
 * changes"), y restores them and w saves them. */
static void restore_and_save(struct term *t, const char *path, const char *changes)
{
	char text[PATH_SIZE + 64];
	start_on(t, path, "2023-10-05");
	snprintf(text, sizeof text, "%s from ", changes);
	assert_shows(t, text);
	assert_shows(t, "restore them? (y/n)");
	type(t, "y");
	snprintf(text, sizeof text, "Restored %s", changes);
	assert_shows(t, text);
	snprintf(text, sizeof text, "%s [modified]", strrchr(path, '/') + 1);
	assert_shows(t, text);
	type(t, "w");
	snprintf(text, sizeof text, "Saved %s", strrchr(path, '/') + 1);
	assert_shows(t, text);
	quit_with_q(t);
}

/* kill -9 in the middle of edits loses nothing: the next start offers them
 * back (y replays them, undoably), the write commands refuse the file
 * meanwhile, and n sets them aside. */
static void test_kill_9_keeps_edits(void **state)
{
	char path[PATH_SIZE];
	tracker_copy("killed.yaml", path);
	char *original = read_all(path);
	char journal[PATH_SIZE + 16];
	snprintf(journal, sizeof journal, "%s.journal", path);
	struct term t;
	start_on(&t, path, "2023-10-05");
	select_item_21(&t);
	add_scripted_update(&t);
	assert_shows(&t, "History #21  2 updates");
	add_scripted_update(&t);
	assert_shows(&t, "History #21  3 updates");
	assert_shows(&t, "killed.yaml [modified]");
	kill_9(&t);
	char *after = read_all(path);
	assert_string_equal(after, original);
	free(after);
	assert_int_equal(access(journal, F_OK), 0);

	/* a write command refuses the file rather than lose the edits */
	char cmd[3 * PATH_SIZE];
	snprintf(cmd, sizeof cmd, "'%s' set '%s' id:21 status=closed 2>'%s.err' >/dev/null", getenv("ARTRACK"), path,
	         path);
	int status = system(cmd);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	snprintf(cmd, sizeof cmd, "%s.err", path);
	char *err = read_all(cmd);
	assert_non_null(strstr(err, "killed.yaml.journal"));
	free(err);
	/* and so does an import told to replace it */
	snprintf(cmd, sizeof cmd, "'%s' import --force -o '%s' '%s/tests/data/hosc-tracker-2023-09-21.txt' 2>'%s.err'",
	         getenv("ARTRACK"), path, getenv("top_srcdir"), path);
	status = system(cmd);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	snprintf(cmd, sizeof cmd, "%s.err", path);
	err = read_all(cmd);
	assert_non_null(strstr(err, "2 unsaved changes from "));
	assert_non_null(strstr(err, "killed.yaml.journal"));
	free(err);
	after = read_all(path);
	assert_string_equal(after, original);
	free(after);

	restore_and_save(&t, path, "2 unsaved changes");
	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(path, 21, &tracker);
	assert_int_equal(item->update_count, 3);
	ar_tracker_free(tracker);
	assert_int_not_equal(access(journal, F_OK), 0);

	/* again, and n: set aside under a name, the file as it was */
	char *saved = read_all(path);
	start_on(&t, path, "2023-10-05");
	select_item_21(&t);
	add_scripted_update(&t);
	kill_9(&t);
	start_on(&t, path, "2023-10-05");
	assert_shows(&t, "1 unsaved change from ");
	type(&t, "n");
	/* the name first: at 80 columns a long message loses its end */
	assert_shows(&t, "Set aside as killed.yaml.journal-");
	quit_with_q(&t);
	assert_int_not_equal(access(journal, F_OK), 0);
	after = read_all(path);
	assert_string_equal(after, saved);
	free(after);
	free(saved);
	free(original);
}

static const char *const WRITE_NEW_ITEM =
	"sed \"s/^topic: ''$/topic: Dental access/; s/^text: ''$/text: That the ICB publishes a dental plan./\" \"$f\" "
	"> \"$f.new\" && mv \"$f.new\" \"$f\"\n";

/* After a reload the journal holds only the re-applied edits, a deletion
 * among them: kill -9 right after, and the next start gives back exactly
 * the officer's tracker (the deleted item stays deleted). */
static void test_kill_9_after_reload(void **state)
{
	char path[PATH_SIZE];
	struct term t;
	open_copy_on_21(&t, "reloaded.yaml", path);
	add_scripted_update(&t);
	type(&t, "/");
	ctrl(&t, 'u');
	type(&t, "id:22");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "History #22");
	type(&t, "D");
	type(&t, "y");
	assert_shows(&t, "Deleted item 22 (u brings it back)");
	type(&t, "/");
	ctrl(&t, 'u');
	type(&t, "id:9");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "History #9");
	type(&t, "cs");
	key(&t, VTERM_KEY_DOWN, VTERM_MOD_NONE);
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Item 9: status set to");
	editor_does(WRITE_NEW_ITEM);
	type(&t, "A");
	assert_shows(&t, "Added item 37 (not shown under the current filter)");

	/* elsewhere item 36 becomes 37: the officer's new 37 cannot be added, and the
	 * officer reloads anyway; item 9 is renumbered there, and the officer
	 * keeps the file's side of that */
	outside_change(path, "- id: 9\n", "- id: 99\n");
	outside_change(path, "- id: 36\n", "- id: 37\n");
	type(&t, "w");
	assert_shows(&t, "the file now has a different item 37");
	type(&t, "r");
	assert_shows(&t, "Item 9: f the file's (removed), m mine (changed status)");
	type(&t, "f");
	assert_shows(&t, "your unsaved edits are re-applied");
	char *text = read_all(tmp_path("reloaded.yaml.journal"));
	assert_non_null(strstr(text, "\ngone 22\n"));
	assert_non_null(strstr(text, "\nitem 21 "));
	assert_null(strstr(text, "\nitem 1 ")); /* not every item */
	assert_null(strstr(text, "\nitem 9 "));
	free(text);
	kill_9(&t);

	restore_and_save(&t, path, "4 unsaved changes"); /* the officer's, not the restart's one step */
	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(path, 21, &tracker);
	assert_int_equal(item->update_count, 2);
	assert_null(ar_tracker_find_item(tracker, 22));
	assert_non_null(ar_tracker_find_item(tracker, 99));
	assert_null(ar_tracker_find_item(tracker, 9));
	assert_string_equal(ar_tracker_find_item(tracker, 37)->topic, "Local Area Partnership");
	assert_int_equal(tracker->item_count, 35);
	ar_tracker_free(tracker);
}

/* Edits left by a killed session for a file that changed since are never
 * replayed: at 80 columns the status line says why and the row below names
 * where they were set aside, until Enter. */
static void test_journal_of_changed_file_set_aside(void **state)
{
	char path[PATH_SIZE];
	tracker_copy("changed.yaml", path);
	struct term t;
	start_on(&t, path, "2023-10-05");
	select_item_21(&t);
	add_scripted_update(&t);
	kill_9(&t);
	FILE *f = fopen(path, "a");
	fputs("# changed by someone else\n", f);
	fclose(f);
	char *changed = read_all(path);

	const char *const env[] = { visual_env, "EDITOR=", NULL };
	term_start(&t, 80, 24, (const char *const[]){ "--today", "2023-10-05", path, NULL }, env);
	assert_shows(&t, "Not restored: changed.yaml changed after the 1 unsaved change of ");
	assert_shows(&t, "Set aside as changed.yaml.journal-");
	assert_shows(&t, "; Enter goes on");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, " changed.yaml  Not restored: ");
	quit_with_q(&t); /* nothing unsaved: no question */
	assert_int_not_equal(access(tmp_path("changed.yaml.journal"), F_OK), 0);
	glob_t g;
	assert_int_equal(glob(tmp_path("changed.yaml.journal-*"), 0, NULL, &g), 0);
	assert_int_equal(g.gl_pathc, 1);
	globfree(&g);
	char *after = read_all(path);
	assert_string_equal(after, changed);
	free(after);
	free(changed);
}

/* text without its blanks into out (size bytes). */
static void squeeze(const char *text, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = text; *p && n + 1 < size; p++)
		if (!isspace((unsigned char)*p))
			out[n++] = *p;
	out[n] = '\0';
}

/* Whether what the program left on the screen (its last words on stderr
 * included) says text, wherever the rows wrapped it: blanks are ignored. */
static bool screen_says(struct term *t, const char *text)
{
	char squeezed_screen[8192], squeezed_text[512];
	squeeze(screen_text(t), squeezed_screen, sizeof squeezed_screen);
	squeeze(text, squeezed_text, sizeof squeezed_text);
	bool found = strstr(squeezed_screen, squeezed_text) != NULL;
	if (!found)
		dump(t, "the screen does not say it");
	return found;
}

/* Ended without being asked (SIGTERM, SIGHUP: the terminal closed) with
 * unsaved edits: the file as it was, the lock gone, and the edits in the
 * journal alone, which the next start offers -- no FILE.unsaved left
 * stale beside it.  FILE.unsaved only when the journal cannot be written. */
static void test_signal_keeps_unsaved(void **state)
{
	char path[PATH_SIZE];
	tracker_copy("signal.yaml", path);
	char *original = read_all(path);
	struct term t;
	start_on(&t, path, "2023-10-05");
	select_item_21(&t);
	add_scripted_update(&t);
	assert_shows(&t, "signal.yaml [modified]");
	kill(t.pid, SIGTERM);
	assert_int_equal(wait_exit(&t), 128 + SIGTERM);
	assert_true(screen_says(&t, "signal.yaml.journal and will be offered at the next start"));
	term_finish(&t);
	char *after = read_all(path);
	assert_string_equal(after, original);
	free(after);
	assert_int_not_equal(access(tmp_path("signal.yaml.lock"), F_OK), 0);
	assert_int_equal(access(tmp_path("signal.yaml.journal"), F_OK), 0);
	assert_int_not_equal(access(tmp_path("signal.yaml.unsaved"), F_OK), 0);

	/* restored, then the terminal closes: in the journal again */
	start_on(&t, path, "2023-10-05");
	assert_shows(&t, "1 unsaved change from ");
	type(&t, "y");
	assert_shows(&t, "Restored 1 unsaved change");
	assert_shows(&t, "signal.yaml [modified]");
	kill(t.pid, SIGHUP);
	assert_int_equal(wait_exit(&t), 128 + SIGHUP);
	assert_true(screen_says(&t, "signal.yaml.journal and will be offered at the next start"));
	term_finish(&t);
	assert_int_not_equal(access(tmp_path("signal.yaml.lock"), F_OK), 0);
	assert_int_not_equal(access(tmp_path("signal.yaml.unsaved"), F_OK), 0);

	/* set aside, then SIGHUP with nothing unsaved: the lock goes too */
	start_on(&t, path, "2023-10-05");
	assert_shows(&t, "1 unsaved change from ");
	type(&t, "n");
	assert_shows(&t, "Set aside as signal.yaml.journal-");
	assert_int_equal(access(tmp_path("signal.yaml.lock"), F_OK), 0);
	kill(t.pid, SIGHUP);
	assert_int_equal(wait_exit(&t), 128 + SIGHUP);
	term_finish(&t);
	assert_int_not_equal(access(tmp_path("signal.yaml.lock"), F_OK), 0);
	assert_int_not_equal(access(tmp_path("signal.yaml.journal"), F_OK), 0);
	assert_int_not_equal(access(tmp_path("signal.yaml.unsaved"), F_OK), 0);

	/* no journal can be written (a folder has its name): FILE.unsaved */
	assert_int_equal(mkdir(tmp_path("signal.yaml.journal"), 0700), 0);
	start_on(&t, path, "2023-10-05");
	select_item_21(&t);
	editor_does(ADD_TEXT);
	type(&t, "a");
	assert_shows(&t, "History #21  2 updates");
	assert_shows(&t, "cannot keep unsaved edits in "); /* said while editing */
	kill(t.pid, SIGTERM);
	assert_int_equal(wait_exit(&t), 128 + SIGTERM);
	assert_true(screen_says(&t, "signal.yaml.unsaved"));
	term_finish(&t);
	after = read_all(path);
	assert_string_equal(after, original);
	free(after);
	free(original);
	assert_int_equal(rmdir(tmp_path("signal.yaml.journal")), 0);
	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(tmp_path("signal.yaml.unsaved"), 21, &tracker);
	assert_int_equal(item->update_count, 2);
	ar_tracker_free(tracker);
}

/* ---- issue 10: the tracker's whole life ---- */

/* The line of the file text that starts with prefix (1-based), or 0. */
static int line_starting(const char *text, const char *prefix)
{
	int line = 1;
	for (const char *p = text; *p; line++) {
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			return line;
		const char *nl = strchr(p, '\n');
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

/* t, T, c on the tagged items as one step, undo and redo, the marks and the count. */
static void test_tag_and_change(void **state)
{
	char path[PATH_SIZE];
	struct term t;
	tracker_copy("tags.yaml", path);
	start_on(&t, path, "2023-10-05");
	type(&t, "/meeting:2023-09-21 lead:chandler");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Items 12/36");
	type(&t, "g");
	type(&t, "t");
	assert_shows(&t, "Tagged item 25 (1 tagged");
	assert_shows(&t, "tags.yaml [1 tagged]");
	assert_shows(&t, "*25 R");
	type(&t, "t"); /* on to the next: 26 */
	assert_shows(&t, "Tagged item 26 (2 tagged");
	type(&t, "T");
	assert_shows(&t, "Tagged the 12 items shown");
	assert_shows(&t, "[12 tagged]");
	/* c s, then the last status: closed */
	type(&t, "c");
	assert_shows(&t, "Change 12 tagged: s status r response d due l lead g rag m meeting");
	type(&t, "s");
	assert_shows(&t, "in-progress");
	type(&t, "G");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "12 items: status closed (one step, u undoes)");
	type(&t, "u");
	assert_shows(&t, "Undid: set status of 12 items");
	ctrl(&t, 'r');
	assert_shows(&t, "Redid: set status of 12 items");
	/* all or nothing: a response for the lot names the one at fault, or none */
	type(&t, "/");
	ctrl(&t, 'u');
	type(&t, "id:24-26");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Items 3/36");
	type(&t, "g");
	type(&t, "c");
	assert_shows(&t, "Change 12 tagged:"); /* tags outlive the filter */
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_shows(&t, "Nothing changed");
	/* T again (every one shown tagged? 24 is not): tags 24 too, then untags all */
	type(&t, "T");
	assert_shows(&t, "[13 tagged]");
	type(&t, "T");
	assert_hides(&t, "tagged]");
	/* c on the selected item alone: due from the bottom row */
	type(&t, "c");
	assert_shows(&t, "Change item 24: s status");
	type(&t, "d");
	assert_shows(&t, "due (YYYY-MM or YYYY-MM-DD, empty for none): 2024-04");
	ctrl(&t, 'u');
	type(&t, "2024-13");
	assert_shows(&t, "'2024-13' is not a date");
	key(&t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
	type(&t, "2");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Item 24: due set to 2024-12 (u undoes)");
	type(&t, "w");
	assert_shows(&t, "Saved tags.yaml");
	quit_with_q(&t);

	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(path, 24, &tracker);
	assert_int_equal(item->due, 20241200);
	assert_int_equal(item->status, AR_STATUS_OPEN);
	for (long id = 25; id <= 36; id++)
		assert_int_equal(ar_tracker_find_item(tracker, id)->status, AR_STATUS_CLOSED);
	ar_tracker_free(tracker);
}

/* Issue 15 in the terminal: an overdue response marked in the Items pane,
 * c g rates an item (its letter in the G column), a decision dates its
 * response by itself, e in the Editor pane edits the rating from a pick
 * list. */
static void test_rag_and_responses(void **state)
{
	char path[PATH_SIZE];
	struct term t;
	tracker_copy("rag.yaml", path);
	start_on(&t, path, "2023-10-01");
	type(&t, "/id:1-2");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Items 2/36");
	assert_shows(&t, "pending!"); /* item 2, of November 2022 */
	type(&t, "/");
	ctrl(&t, 'u');
	type(&t, "id:22");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Items 1/36");
	assert_hides(&t, "pending!"); /* item 22's is due by 2023-11-16 */
	type(&t, "g");
	type(&t, "c");
	assert_shows(&t, "g rag");
	type(&t, "g");
	assert_shows(&t, "amber");
	type(&t, "G"); /* the last choice: green */
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Item 22: rag set to green (u undoes)");
	assert_shows(&t, "pending  G");
	/* the letter in its colour, where the terminal has colour */
	bool green = false;
	for (int r = 0; r < t.rows && !green; r++) {
		const char *line = row_text(&t, r);
		const char *at = strstr(line, "pending  G");
		if (!at)
			continue;
		int col = 0; /* columns count characters (the pane border is not ASCII) */
		for (const char *p = line; p < at; p++)
			col += ((unsigned char)*p & 0xC0) != 0x80;
		VTermScreenCell cell = cell_at(&t, r, col + 9);
		green = cell.chars[0] == 'G' && (!VTERM_COLOR_IS_DEFAULT_FG(&cell.fg) || !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg));
	}
	assert_true(green);
	/* a decision brings today's date as the response's */
	type(&t, "c");
	type(&t, "r");
	type(&t, "j"); /* from pending to accepted */
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	/* short enough for an 80-column status line after the file name */
	assert_shows(&t, "Item 22: response accepted, responded 2023-10-01 (u undoes)");
	/* the Editor pane shows them; e on rag picks from a list */
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "responded 2023-10-01");
	assert_shows(&t, "rag       green");
	assert_shows(&t, "closed_on \xe2\x80\x94");
	type(&t, "w");
	assert_shows(&t, "Saved rag.yaml");
	quit_with_q(&t);

	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(path, 22, &tracker);
	assert_int_equal(item->rag, AR_RAG_GREEN);
	assert_int_equal(item->response, AR_RESPONSE_ACCEPTED);
	assert_int_equal(item->responded, 20231001);
	ar_tracker_free(tracker);
}

/* M (refusing a bad or existing date), D on an item (u brings it back in
 * place) and on an empty meeting, and the meeting pick list: no meeting
 * made on the side. */
static void test_meetings_and_delete(void **state)
{
	char path[PATH_SIZE];
	struct term t;
	tracker_copy("meetings.yaml", path);
	start_on(&t, path, "2023-12-01");
	type(&t, "M");
	assert_shows(&t, "new meeting's date (YYYY-MM-DD):");
	type(&t, "2023-09-21");
	assert_shows(&t, "there is already a meeting on 2023-09-21");
	ctrl(&t, 'u');
	type(&t, "2023-11-31");
	assert_shows(&t, "'2023-11-31' is not a date (YYYY-MM-DD)");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Fix it or press Esc");
	key(&t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
	type(&t, "0");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "title: 30 November 2023 Meeting");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Added the meeting of 2023-11-30 (u undoes)");
	assert_shows(&t, "meeting: 2023-11-30"); /* the new meeting is selected */

	/* D on a meeting with items is refused; an empty one goes, and comes back */
	key(&t, VTERM_KEY_TAB, VTERM_MOD_SHIFT);
	type(&t, "D");
	assert_shows(&t, "Delete the meeting of 2023-11-30? y deletes, n keeps it");
	type(&t, "y");
	assert_shows(&t, "Deleted the meeting of 2023-11-30 (u brings it back)");
	type(&t, "u");
	assert_shows(&t, "Undid: remove meeting 2023-11-30");
	type(&t, "g");  /* All items: no meeting to delete, and not the item either */
	type(&t, "D");
	/* both fit an 80-column status line */
	assert_shows(&t, "Select a meeting with no items to delete it, or an item in Items");
	type(&t, "K");
	assert_shows(&t, "Move to a lead in the Editor pane first (Enter opens it)");
	type(&t, "j");  /* 2023-11-30, the newest */
	type(&t, "j");  /* 2023-09-21 */
	assert_shows(&t, "Items 20/36");
	type(&t, "D");
	assert_shows(&t, "The meeting of 2023-09-21 has 20 items: delete or move them first");

	/* D on an item asks; n keeps it, y deletes it, u puts it back in its place */
	key(&t, VTERM_KEY_TAB, VTERM_MOD_NONE);
	type(&t, "/id:21");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "History #21");
	type(&t, "D");
	assert_shows(&t, "Delete item 21 (Oxfordshire Healthy Weight)? y deletes, n keeps it");
	type(&t, "n");
	assert_shows(&t, "Nothing deleted");
	type(&t, "D");
	type(&t, "y");
	assert_shows(&t, "Deleted item 21 (u brings it back)");
	assert_shows(&t, "Items 0/35");
	type(&t, "u");
	assert_shows(&t, "Undid: remove item 21");
	assert_shows(&t, "History #21");

	/* the meeting field: a pick list of the meetings, "new meeting..." leads to M */
	open_editor_pane(&t);
	goto_field(&t, "meeting");
	type(&t, "e");
	assert_shows(&t, "2023-11-30  30 November 2023 Meeting");
	assert_shows(&t, "new meeting\xe2\x80\xa6");
	type(&t, "G");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "new meeting's date (YYYY-MM-DD):");
	type(&t, "2023-12-14");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	ctrl(&t, 'u');
	type(&t, "Extraordinary meeting");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Item 21: meeting changed (u undoes)");
	assert_shows(&t, "meeting   2023-12-14");
	type(&t, "w");
	assert_shows(&t, "Saved meetings.yaml");
	quit_with_q(&t);

	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(path, 21, &tracker);
	assert_int_equal(item->meeting, 20231214);
	assert_string_equal(ar_tracker_find_meeting(tracker, 20231214)->title, "Extraordinary meeting");
	assert_non_null(ar_tracker_find_meeting(tracker, 20231130));
	assert_int_equal(tracker->item_count, 36);
	assert_int_equal(ar_tracker_find_index(tracker, 21), 20); /* back in its place */
	ar_tracker_free(tracker);
}

/* A (the template and the round), C (a copy's start), and a with its Date:,
 * By: and Label: lines, on one item and on the tagged items. */
static void test_new_items_and_updates(void **state)
{
	char path[PATH_SIZE];
	struct term t;
	tracker_copy("new.yaml", path);
	start_on(&t, path, "2023-12-01");
	/* the 2023-09-21 meeting selected: A adds to it */
	key(&t, VTERM_KEY_TAB, VTERM_MOD_SHIFT);
	type(&t, "j");
	assert_shows(&t, "meeting: 2023-09-21");
	editor_does(WRITE_NEW_ITEM);
	type(&t, "A");
	assert_shows(&t, "Added item 37 (u undoes)");
	char *saw = editor_saw();
	assert_non_null(strstr(saw, "id: 37\nmeeting: 2023-09-21\ntopic: ''\nkind: recommendation\ntext: ''\n"));
	assert_non_null(strstr(saw, "status: open\nresponse: pending\n"));
	free(saw);
	/* left as it was: nothing added */
	editor_does(LEAVE);
	type(&t, "A");
	assert_shows(&t, "No item added: its topic and text were left empty");
	/* a bad value: edit again or discard, as E */
	editor_does(SET_BOGUS);
	key(&t, VTERM_KEY_TAB, VTERM_MOD_NONE);
	type(&t, "/");
	ctrl(&t, 'u');
	type(&t, "id:25");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "History #25");
	editor_does("sed \"s/^topic: ''$/topic: Bogus/; s/^status: open$/status: bogus/\" \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"\n");
	type(&t, "C");
	assert_shows(&t, "Item 38 not added: e edit again");
	saw = editor_saw();
	assert_non_null(strstr(saw, "id: 38\nmeeting: 2023-09-21\ntopic: ''\nkind: recommendation\n"));
	assert_non_null(strstr(saw, "leads:\n- Stephen Chandler\n- Anne Coyle\n- Rachel Corser\nstatus: open\n"));
	free(saw);
	type(&t, "d");
	assert_shows(&t, "Discarded your new item 38");

	/* a: the Date:, By: and Label: lines are read back */
	editor_does("sed -i '1s/^$/The ICB has replied./; s/^Date: .*/Date: 2023-11-28/; s/^By: .*/By: Sam Clerk/; "
	            "s/^Label: $/Label: Response/' \"$f\"\n");
	type(&t, "a");
	assert_shows(&t, "Added an update to item 25, dated 2023-11-28 by Sam Clerk");
	saw = editor_saw();
	assert_non_null(strstr(saw, "\nDate: 2023-12-01\nBy: Jo Officer\nLabel: \n"));
	free(saw);
	/* on every tagged item, as one step */
	type(&t, "/");
	ctrl(&t, 'u');
	type(&t, "id:26-27");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Items 2/37");
	type(&t, "T");
	assert_shows(&t, "[2 tagged]");
	editor_does("sed -i '1s/^$/Both answered together./; s/^Date: .*/Date:/' \"$f\"\n");
	type(&t, "a");
	assert_shows(&t, "Added an update to 2 items, undated by Jo Officer, as one step (u undoes)");
	saw = editor_saw();
	assert_non_null(strstr(saw, "# The same update goes to the 1 other tagged item too, as one step.\n"));
	free(saw);
	type(&t, "u");
	assert_shows(&t, "Undid: add an update to 2 items");
	ctrl(&t, 'r');
	type(&t, "w");
	assert_shows(&t, "Saved new.yaml");
	quit_with_q(&t);

	struct ar_tracker *tracker;
	const struct ar_item *item = load_item(path, 37, &tracker);
	assert_string_equal(item->topic, "Dental access");
	assert_int_equal(item->meeting, 20230921);
	assert_null(ar_tracker_find_item(tracker, 38));
	const struct ar_item *i25 = ar_tracker_find_item(tracker, 25);
	const struct ar_update *u = &i25->updates[i25->update_count - 1];
	assert_int_equal(u->date, 20231128);
	assert_string_equal(u->by, "Sam Clerk");
	assert_string_equal(u->label, "Response");
	assert_string_equal(u->text, "The ICB has replied.");
	for (long id = 26; id <= 27; id++) {
		const struct ar_item *it = ar_tracker_find_item(tracker, id);
		const struct ar_update *v = &it->updates[it->update_count - 1];
		assert_int_equal(v->date, AR_DATE_NONE);
		assert_string_equal(v->text, "Both answered together.");
	}
	ar_tracker_free(tracker);
}

/* Issue 10's E bugs: the line of a key without ':' is the editor file's,
 * and u after an E that renumbered the item selects it under its old id. */
static void test_yaml_round_lines_and_renumbering(void **state)
{
	char path[PATH_SIZE];
	struct term t;
	open_copy_on_21(&t, "lines.yaml", path);
	editor_does("sed 's/^status: open$/status open/' \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"\n");
	type(&t, "E");
	assert_shows(&t, "Item 21 not changed: e edit again");
	char *saw = editor_saw();
	int line = line_starting(saw, "status: open");
	free(saw);
	char want[200];
	snprintf(want, sizeof want, "Line %d, column 1: could not find expected ':' after this key", line);
	assert_shows(&t, want);
	/* edit again: the problem's line is the line in the new file */
	editor_does("sed 's/^status open$/status: completed/' \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"\n");
	type(&t, "e");
	assert_shows(&t, "Item 21 changed (u undoes)");
	saw = editor_saw();
	snprintf(want, sizeof want, "# line %d, column 1: could not find expected ':' after this key",
	         line_starting(saw, "status open"));
	assert_non_null(strstr(saw, want));
	free(saw);

	/* E renumbers 21 to 99; u gives back 21, selected */
	editor_does("sed 's/^id: 21$/id: 99/' \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"\n");
	type(&t, "E");
	assert_shows(&t, "Item 21 changed; it is now item 99");
	type(&t, "u");
	assert_shows(&t, "Undid: edit item 21 (now item 99)");
	assert_false(screen_has(&t, "not shown under the current filter"));
	assert_shows(&t, "History #21");
	type(&t, "q");
	assert_shows(&t, "d discard the changes and quit");
	type(&t, "d");
	assert_int_equal(wait_exit(&t), 0);
	term_finish(&t);
}

/* Opening a file that does not exist offers to create it. */
static void test_missing_file_offers_create(void **state)
{
	const char *path = tmp_path("brand-new.yaml");
	unlink(path);
	struct term t;
	const char *const env[] = { visual_env, "EDITOR=", NULL };
	term_start(&t, 80, 24, (const char *const[]){ path, NULL }, env);
	assert_shows(&t, "brand-new.yaml does not exist: c create it (an empty tracker), q quit");
	assert_int_not_equal(access(path, F_OK), 0);
	type(&t, "c");
	assert_shows(&t, "Created brand-new.yaml: M adds a meeting, A an item");
	assert_shows(&t, "Items 0/0");
	quit_with_q(&t);
	char *text = read_all(path);
	assert_non_null(text);
	assert_string_equal(text, "artrack: 1\nitems: []\n");
	free(text);

	/* q: nothing made, exit 1 */
	const char *other = tmp_path("not-made.yaml");
	unlink(other);
	term_start(&t, 80, 24, (const char *const[]){ other, NULL }, env);
	assert_shows(&t, "not-made.yaml does not exist");
	type(&t, "q");
	assert_int_equal(wait_exit(&t), 1);
	term_finish(&t);
	assert_int_not_equal(access(other, F_OK), 0);
	assert_int_not_equal(access(tmp_path("not-made.yaml.lock"), F_OK), 0);
}

static int setup(void **state)
{
	if (vt_setup(state) != 0)
		return -1;
	snprintf(editor_script, sizeof editor_script, "%s/scripted-editor.sh", vt_tmp_root);
	FILE *f = fopen(editor_script, "w");
	if (!f)
		return -1;
	fprintf(f, "#!/bin/sh\n# The scripted $VISUAL: keep what it was given, then do what the test asked.\n"
	           "f=$1\ncp \"$f\" '%s/editor-saw.tmp' && mv '%s/editor-saw.tmp' '%s/editor-saw'\n"
	           ". '%s/editor-action'\n",
	        vt_tmp_root, vt_tmp_root, vt_tmp_root, vt_tmp_root);
	if (fclose(f) != 0)
		return -1;
	/* Run as "sh SCRIPT": the command's words are split, no shell involved. */
	snprintf(visual_env, sizeof visual_env, "VISUAL=sh %s", editor_script);
	return 0;
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_update),
		cmocka_unit_test(test_undo_yaml),
		cmocka_unit_test(test_undo_redo),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_quit_asks),
		cmocka_unit_test(test_two_instances),
		cmocka_unit_test(test_unwritable_file_read_only),
		cmocka_unit_test(test_outside_change),
		cmocka_unit_test(test_outside_change_field_choice),
		cmocka_unit_test(test_conflict_markers_resolved),
		cmocka_unit_test(test_outside_conflict_save_as),
		cmocka_unit_test(test_comments_kept),
		cmocka_unit_test(test_flow_style_comments_kept),
		cmocka_unit_test(test_e_keeps_comments),
		cmocka_unit_test(test_signal_keeps_unsaved),
		cmocka_unit_test(test_tag_and_change),
		cmocka_unit_test(test_rag_and_responses),
		cmocka_unit_test(test_meetings_and_delete),
		cmocka_unit_test(test_new_items_and_updates),
		cmocka_unit_test(test_yaml_round_lines_and_renumbering),
		cmocka_unit_test(test_missing_file_offers_create),
		cmocka_unit_test(test_kill_9_keeps_edits),
		cmocka_unit_test(test_journal_of_changed_file_set_aside),
		cmocka_unit_test(test_kill_9_after_reload),
	};
	/* ARTRACK_UI_TEST=test_fields runs one test, when debugging. */
	if (getenv("ARTRACK_UI_TEST"))
		cmocka_set_test_filter(getenv("ARTRACK_UI_TEST"));
	return cmocka_run_group_tests_name("edit-ui", tests, setup, vt_teardown);
}
