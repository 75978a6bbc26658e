/* test-conflicts-ui.c - resolving what two versions of a tracker disagree
 * on, in the real artrack in a real terminal (vt_harness.h, issue 13):
 *   - a file with git conflict markers in the tracker's title, a meeting's
 *     title and an item's status, resolved t / e (typed) / o and saved; the
 *     file checked byte for byte;
 *   - e on an item opens $EDITOR, and the next conflict is asked as soon as
 *     the editor round ends; a field typed wrong is asked again;
 *   - at 80 columns the keys stay in sight (values on the status line);
 *   - theirs that cannot be taken (a meeting an item still names) is asked
 *     again; killed half way, the journal first, then what still differs;
 *   - w on a file changed on disk where the officer's change and the file's
 *     cannot stand together in one item (the file made it an action, the
 *     officer gave it a response date): offered as a choice, mine or the
 *     file's, each way saving the rest of both sides' changes;
 *   - w where an item was deleted on one side and changed on the other: the
 *     same choice, naming what each side did.
 *
 * $VISUAL is a small sh script: it runs the shell snippet the test writes
 * to editor-action ($f is the file).  Every wait is for screen content or
 * the program's exit, with a deadline.
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

#define PATH_SIZE 400

static char visual_env[500];

/* What the scripted editor does next: a shell snippet; $f is the file. */
static void editor_does(const char *snippet)
{
	vt_write_file(vt_tmp_path("editor-action"), snippet);
}

static void start_at(struct term *t, const char *path, int cols, int rows)
{
	const char *const env[] = { visual_env, "EDITOR=", "ARTRACK_NAME=Jo Officer", NULL };
	term_start(t, cols, rows, (const char *const[]){ "--today", "2023-10-05", path, NULL }, env);
}

static void start_on(struct term *t, const char *path)
{
	start_at(t, path, 120, 36);
}

static const char *const TITLE = "title: Consolidated Action and Recommendation Tracker\n";
static const char *const FEB_TITLE = "  title: 9 February 2023 Meeting\n";
static const char *const STATUS_21 = "  status: open\n  response: rejected";
static const char *const TOPIC_22 = "  topic: Oxfordshire Healthy Weight\n  kind: recommendation\n  text: In light";

/* A tracker, a meeting and an item conflict, as `artrack merge` marks
 * them; t, a typed title and o resolve them, and the file saved is the
 * bundled one with exactly those values. */
static void test_tracker_meeting_item_conflicts(void **state)
{
	char path[PATH_SIZE], expected[PATH_SIZE];
	vt_bundled_copy("conflicted.yaml", path, sizeof path);
	vt_bundled_copy("expected.yaml", expected, sizeof expected);
	vt_replace_in_file(path, TITLE, "<<<<<<< ours\ntitle: Ours tracker\n=======\ntitle: Theirs tracker\n>>>>>>> theirs\n");
	vt_replace_in_file(path, FEB_TITLE, "<<<<<<< ours\n  title: Ours February\n=======\n  title: Theirs February\n"
	                   ">>>>>>> theirs\n");
	vt_replace_in_file(path, STATUS_21, "<<<<<<< ours\n  status: closed\n=======\n  status: completed\n>>>>>>> theirs\n"
	                   "  response: rejected");
	vt_replace_in_file(expected, TITLE, "title: Theirs tracker\n");
	vt_replace_in_file(expected, FEB_TITLE, "  title: Typed February\n");
	vt_replace_in_file(expected, STATUS_21, "  status: closed\n  response: rejected");

	struct term t;
	start_on(&t, path);
	assert_shows(&t, "Conflict 1 of 3, tracker title: o ours (Ours tracker), t theirs (Theirs tracker), e edit");
	type(&t, "t");
	assert_shows(&t, "Conflict 2 of 3, meeting 2023-02-09 title: o ours (Ours February), t theirs (Theirs "
	             "February), e edit");
	type(&t, "e");
	assert_shows(&t, "meeting 2023-02-09 title: Ours February");
	ctrl(&t, 'u');
	type(&t, "Typed February");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Conflict 3 of 3, item 21 status: o ours (closed), t theirs (completed), e edit");
	/* nothing is saved until the last is resolved */
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_shows(&t, "1 merge conflict left: w asks again");
	type(&t, "w");
	assert_shows(&t, "Conflict 3 of 3, item 21 status");
	type(&t, "O");
	assert_shows(&t, "Every merge conflict in conflicted.yaml is resolved");
	/* each choice is an undoable step, named for what it took */
	type(&t, "u");
	assert_shows(&t, "Undid: set the title of meeting 2023-02-09");
	type(&t, "u");
	assert_shows(&t, "Undid: take theirs: tracker title");
	ctrl(&t, 'r');
	ctrl(&t, 'r');
	assert_shows(&t, "Redid: set the title of meeting 2023-02-09");
	type(&t, "w");
	assert_shows(&t, "Saved conflicted.yaml");
	quit_with_q(&t);
	char *got = vt_read_file(path), *want = vt_read_file(expected);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

/* Meetings only one side has, a tracker field typed wrong then right, and
 * e on an item: the next question comes as soon as the editor is done. */
static void test_edit_then_next_question(void **state)
{
	char path[PATH_SIZE];
	vt_bundled_copy("next.yaml", path, sizeof path);
	vt_replace_in_file(path, "as_of: 2023-09-21\n", "<<<<<<< ours\nas_of: 2023-09-21\n=======\nas_of: 2023-10-01\n"
	                   ">>>>>>> theirs\n");
	vt_replace_in_file(path, "- date: 2023-09-21\n", "<<<<<<< ours\n=======\n- date: 2023-11-30\n  title: Theirs "
	                   "new meeting\n>>>>>>> theirs\n- date: 2023-09-21\n");
	vt_replace_in_file(path, STATUS_21, "<<<<<<< ours\n  status: closed\n=======\n  status: completed\n>>>>>>> theirs\n"
	                   "  response: rejected");
	vt_replace_in_file(path, TOPIC_22, "<<<<<<< ours\n  topic: Ours topic\n=======\n  topic: Theirs topic\n"
	                   ">>>>>>> theirs\n  kind: recommendation\n  text: In light");
	struct term t;
	start_on(&t, path);
	assert_shows(&t, "Conflict 1 of 4, tracker as_of: o ours (2023-09-21), t theirs (2023-10-01), e edit");
	type(&t, "e");
	assert_shows(&t, "tracker as_of: 2023-09-21");
	ctrl(&t, 'u');
	type(&t, "2023-10-32");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "as_of: '2023-10-32' is not a date (YYYY-MM-DD)");
	assert_shows(&t, "Conflict 1 of 4, tracker as_of");
	type(&t, "e");
	ctrl(&t, 'u');
	type(&t, "2023-10-02");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	/* a meeting only theirs has: no e */
	assert_shows(&t, "Conflict 2 of 4, meeting 2023-11-30: o ours (without it), t theirs (with it)");
	assert_false(screen_has(&t, "(with it), e edit"));
	type(&t, "e"); /* not offered: nothing happens */
	type(&t, "t");
	assert_shows(&t, "Conflict 3 of 4, item 21 status: o ours (closed), t theirs (completed), e edit");
	editor_does("sed 's/^status: closed$/status: in-progress/' \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"\n");
	type(&t, "e");
	/* straight after the editor: the next one, counted right */
	assert_shows(&t, "Conflict 4 of 4, item 22 topic: o ours (Ours topic), t theirs (Theirs topic), e edit");
	type(&t, "t");
	assert_shows(&t, "Every merge conflict in next.yaml is resolved");
	type(&t, "w");
	assert_shows(&t, "Saved next.yaml");
	quit_with_q(&t);
	char *text = vt_read_file(path);
	assert_null(strstr(text, "<<<<<<<"));
	assert_non_null(strstr(text, "as_of: 2023-10-02\n"));
	assert_non_null(strstr(text, "- date: 2023-11-30\n  title: Theirs new meeting\n- date: 2023-09-21\n"));
	assert_non_null(strstr(text, "  status: in-progress\n  response: rejected"));
	assert_non_null(strstr(text, "  topic: Theirs topic\n"));
	free(text);
}

/* Theirs removed a meeting that an item of ours still names: taking theirs
 * is refused, saying why, and the same question comes back. */
static void test_meeting_still_named(void **state)
{
	char path[PATH_SIZE];
	vt_bundled_copy("named.yaml", path, sizeof path);
	vt_replace_in_file(path, FEB_TITLE, "");
	vt_replace_in_file(path, "- date: 2023-02-09\n", "<<<<<<< ours\n- date: 2023-02-09\n" "  title: 9 February 2023 "
	                   "Meeting\n=======\n>>>>>>> theirs\n");
	vt_replace_in_file(path, "- id: 13\n  meeting: 2023-02-09\n", "- id: 13\n<<<<<<< ours\n  meeting: 2023-02-09\n"
	                   "=======\n>>>>>>> theirs\n");
	vt_replace_in_file(path, "- id: 14\n  meeting: 2023-02-09\n", "- id: 14\n<<<<<<< ours\n  meeting: 2023-02-09\n"
	                   "=======\n>>>>>>> theirs\n");
	struct term t;
	start_on(&t, path);
	assert_shows(&t, "Conflict 1 of 3, item 13 meeting: o ours (2023-02-09), t theirs (none), e edit");
	type(&t, "t");
	assert_shows(&t, "Conflict 2 of 3, item 14 meeting");
	type(&t, "o");
	/* the meeting only ours has comes last, once the items are settled */
	assert_shows(&t, "Conflict 3 of 3, meeting 2023-02-09: o ours (with it), t theirs (without it)");
	type(&t, "t");
	assert_shows(&t, "Could not take theirs: meeting 2023-02-09 still has 1 item");
	assert_shows(&t, "Conflict 3 of 3, meeting 2023-02-09: o ours (with it)");
	type(&t, "o");
	assert_shows(&t, "Every merge conflict in named.yaml is resolved");
	type(&t, "w");
	assert_shows(&t, "Saved named.yaml");
	quit_with_q(&t);
	char *text = vt_read_file(path);
	assert_non_null(strstr(text, "- date: 2023-02-09\n"));
	assert_non_null(strstr(text, "- id: 13\n  topic:"));
	assert_non_null(strstr(text, "- id: 14\n  meeting: 2023-02-09\n"));
	free(text);
}

/* Killed half way through: the next start offers the journal first, then
 * asks only about the places still differing. */
static void test_journal_then_conflicts(void **state)
{
	char path[PATH_SIZE];
	vt_bundled_copy("killed.yaml", path, sizeof path);
	vt_replace_in_file(path, FEB_TITLE, "<<<<<<< ours\n  title: Ours February\n=======\n  title: Theirs February\n"
	                   ">>>>>>> theirs\n");
	vt_replace_in_file(path, STATUS_21, "<<<<<<< ours\n  status: closed\n=======\n  status: completed\n>>>>>>> theirs\n"
	                   "  response: rejected");
	struct term t;
	start_on(&t, path);
	assert_shows(&t, "Conflict 1 of 2, meeting 2023-02-09 title");
	type(&t, "o");
	assert_shows(&t, "Conflict 2 of 2, item 21 status");
	type(&t, "t");
	assert_shows(&t, "Every merge conflict in killed.yaml is resolved");
	kill(t.pid, SIGKILL);
	assert_int_equal(wait_exit(&t), 128 + SIGKILL);
	term_finish(&t);
	char *text = vt_read_file(path);
	assert_non_null(strstr(text, "<<<<<<< ours\n")); /* nothing saved */
	free(text);

	start_on(&t, path);
	assert_shows(&t, "1 unsaved change from ");
	type(&t, "y");
	/* theirs' status came back; the title, kept as ours, is asked again */
	assert_shows(&t, "Conflict 1 of 1, meeting 2023-02-09 title: o ours (Ours February), t theirs (Theirs February)");
	type(&t, "o");
	assert_shows(&t, "Every merge conflict in killed.yaml is resolved");
	type(&t, "w");
	assert_shows(&t, "Saved killed.yaml");
	quit_with_q(&t);
	text = vt_read_file(path);
	assert_null(strstr(text, "<<<<<<<"));
	assert_non_null(strstr(text, "  title: Ours February\n"));
	assert_non_null(strstr(text, "  status: completed\n  response: rejected"));
	free(text);
}

/* Keys of the tracker's own and a meeting's that artrack does not know:
 * e types their value as YAML on the bottom row ("" removes the key). */
static void test_unknown_keys_typed(void **state)
{
	char path[PATH_SIZE];
	vt_bundled_copy("keys.yaml", path, sizeof path);
	vt_replace_in_file(path, "as_of: 2023-09-21\n", "as_of: 2023-09-21\n<<<<<<< ours\nclerk: Ours Clerk\n=======\n"
	                   "clerk: Theirs Clerk\n>>>>>>> theirs\n");
	vt_replace_in_file(path, FEB_TITLE, "  title: 9 February 2023 Meeting\n<<<<<<< ours\n  room: A\n=======\n  room: B\n"
	                   ">>>>>>> theirs\n");
	struct term t;
	start_on(&t, path);
	assert_shows(&t, "Conflict 1 of 2, tracker clerk: o ours (Ours Clerk), t theirs (Theirs Clerk), e edit");
	type(&t, "e");
	assert_shows(&t, "tracker clerk: Ours Clerk");
	ctrl(&t, 'u');
	type(&t, "[Jo, Sam]");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Conflict 2 of 2, meeting 2023-02-09 room: o ours (A), t theirs (B), e edit");
	type(&t, "e");
	assert_shows(&t, "meeting 2023-02-09 room: A");
	ctrl(&t, 'u');
	type(&t, "[unclosed");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "room: ");
	assert_shows(&t, "Conflict 2 of 2, meeting 2023-02-09 room");
	type(&t, "e");
	ctrl(&t, 'u');
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Every merge conflict in keys.yaml is resolved");
	type(&t, "w");
	assert_shows(&t, "Saved keys.yaml");
	quit_with_q(&t);
	char *text = vt_read_file(path);
	assert_null(strstr(text, "<<<<<<<"));
	assert_non_null(strstr(text, "as_of: 2023-09-21\nclerk: [Jo, Sam]\n"));
	assert_null(strstr(text, "room:"));
	free(text);
}

/* At 80 columns a question whose values do not fit keeps its keys in sight
 * and says the values on the status line. */
static void test_question_fits_80_columns(void **state)
{
	char path[PATH_SIZE];
	vt_bundled_copy("narrow.yaml", path, sizeof path);
	vt_replace_in_file(path, TITLE, "<<<<<<< ours\ntitle: Ours tracker title\n=======\ntitle: Theirs tracker title\n"
	                   ">>>>>>> theirs\n");
	vt_replace_in_file(path, STATUS_21, "<<<<<<< ours\n  status: closed\n=======\n  status: completed\n>>>>>>> theirs\n"
	                   "  response: rejected");
	struct term t;
	start_at(&t, path, 80, 24);
	assert_shows(&t, "Conflict 1 of 2, tracker title: o ours, t theirs, e edit, v view both");
	assert_shows(&t, "tracker title: ours (Ours tracker title), theirs (Theirs tracker title)");
	type(&t, "t");
	assert_shows(&t, "Conflict 2 of 2, item 21 status: o ours, t theirs, e edit, v view both");
	assert_shows(&t, "item 21 status: ours (closed), theirs (completed)");
	type(&t, "o");
	assert_shows(&t, "Every merge conflict in narrow.yaml");
	type(&t, "w");
	assert_shows(&t, "Saved narrow.yaml");
	quit_with_q(&t);
}

/* Show item id alone and select it. */
static void select_item(struct term *t, const char *id)
{
	char filter[32], history[32];
	snprintf(filter, sizeof filter, "/id:%s", id);
	snprintf(history, sizeof history, "History #%s", id);
	type(t, filter);
	key(t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(t, "Items 1/36");
	assert_shows(t, history);
}

/* The officer gives item 21 a response date while the file on disk makes it
 * an action (and completes item 3): w asks which version of item 21 to
 * keep; answer is f or m.  The file saved has item 3 completed either way. */
static void unsound_item_on_save(int answer)
{
	char path[PATH_SIZE];
	vt_bundled_copy(answer == 'm' ? "unsound-m.yaml" : "unsound-f.yaml", path, sizeof path);
	struct term t;
	start_on(&t, path);
	assert_shows(&t, "Items 36/36");
	select_item(&t, "21");
	editor_does("sed 's/^response: rejected$/response: rejected\\nresponded: 2023-10-01/' \"$f\" > \"$f.new\" && "
	            "mv \"$f.new\" \"$f\"\n");
	type(&t, "E");
	assert_shows(&t, "Item 21 changed (u undoes)");
	vt_replace_in_file(path, "  kind: recommendation\n  text: To ensure that consideration",
	                   "  kind: action\n  text: To ensure that consideration");
	vt_replace_in_file(path, STATUS_21, "  status: open");
	vt_replace_in_file(path, "  - Karen Fuller, OCC\n  status: open", "  - Karen Fuller, OCC\n  status: completed");
	type(&t, "w");
	assert_shows(&t, "Item 21 changed on disk too; both changes together would break it: an action has no "
	             "response");
	assert_shows(&t, "Item 21: f the file's version, m mine, v view both, s save as another file, Esc stop");
	type(&t, answer == 'm' ? "m" : "f");
	assert_shows(&t, "it had changed on disk, so your edits were merged with that change");
	quit_with_q(&t);
	char *text = vt_read_file(path);
	assert_non_null(strstr(text, "  - Karen Fuller, OCC\n  status: completed\n"));
	if (answer == 'm') {
		assert_non_null(strstr(text, "  kind: recommendation\n  text: To ensure that consideration"));
		assert_non_null(strstr(text, "  status: open\n  response: rejected\n  responded: 2023-10-01\n"));
	} else {
		assert_non_null(strstr(text, "  kind: action\n  text: To ensure that consideration"));
		assert_null(strstr(text, "responded:"));
	}
	free(text);
	/* the file's version of the item is kept beside it when mine wins */
	char backup[PATH_SIZE + 1];
	snprintf(backup, sizeof backup, "%s~", path);
	text = vt_read_file(backup);
	assert_non_null(text);
	assert_non_null(strstr(text, "  kind: action\n  text: To ensure that consideration"));
	free(text);
}

static void test_unsound_item_mine(void **state)
{
	unsound_item_on_save('m');
}

static void test_unsound_item_files(void **state)
{
	unsound_item_on_save('f');
}

/* A meeting added here and in the file on one date with two titles: w asks
 * which title, as it asks about an item's field. */
static void test_meeting_title_on_save(void **state)
{
	char path[PATH_SIZE];
	vt_bundled_copy("meeting-save.yaml", path, sizeof path);
	struct term t;
	start_on(&t, path);
	assert_shows(&t, "Items 36/36");
	type(&t, "M");
	assert_shows(&t, "new meeting's date (YYYY-MM-DD):");
	type(&t, "2023-11-30");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "title: 30 November 2023 Meeting");
	ctrl(&t, 'u');
	type(&t, "Mine");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "Added the meeting of 2023-11-30");
	vt_replace_in_file(path, "- date: 2023-09-21\n", "- date: 2023-09-21\n  title: 21 September 2023 Meeting\n"
	                   "- date: 2023-11-30\n");
	vt_replace_in_file(path, "- date: 2023-11-30\n  title: 21 September 2023 Meeting\n",
	                   "- date: 2023-11-30\n  title: Theirs\n");
	type(&t, "w");
	assert_shows(&t, "meeting 2023-11-30's title was changed there and here (1 of 1)");
	assert_shows(&t, "Meeting 2023-11-30 title: f the file's (Theirs), m mine (Mine), v view both, s save as another "
	             "file, Esc stop");
	type(&t, "m");
	assert_shows(&t, "your edits were merged with that change");
	quit_with_q(&t);
	char *text = vt_read_file(path);
	assert_non_null(strstr(text, "- date: 2023-11-30\n  title: Mine\n"));
	assert_null(strstr(text, "Theirs"));
	free(text);
}

static const char *const TEXT_22_END = "and to update the Committee on this.\n";
static const char *const UPDATE_23 = "to facilitate this meeting in the near future.\n";

/* v in a merge-conflict question shows both sides whole at 80x24 (a long
 * text wrapped; an item's updates, those that differ marked), Esc or q
 * gives the same question back, and t still resolves it. */
static void test_view_both_sides(void **state)
{
	char path[PATH_SIZE];
	vt_bundled_copy("sides.yaml", path, sizeof path);
	vt_replace_in_file(path, "  kind: recommendation\n  text: In light of recent findings",
	                   "  kind: recommendation\n<<<<<<< ours\n  text: In light of recent findings");
	vt_replace_in_file(path, TEXT_22_END, "and to update the Committee on this, ending OURSWORD.\n=======\n"
	                   "  text: Theirs asks the Board about the risks, ending THEIRSWORD.\n>>>>>>> theirs\n");
	vt_replace_in_file(path, UPDATE_23, "to facilitate this meeting in the near future.\n<<<<<<< ours\n"
	                   "  - date: 2023-10-02\n    by: Ours Officer\n    text: Ours met the planners.\n=======\n"
	                   "  - date: 2023-10-03\n    by: Theirs Officer\n    text: Theirs wrote to the Cabinet Member.\n"
	                   ">>>>>>> theirs\n");
	struct term t;
	start_at(&t, path, 80, 24);
	assert_shows(&t, "Conflict 1 of 2, item 22 text: o ours, t theirs, e edit, v view both");
	assert_false(screen_has(&t, "THEIRSWORD"));
	type(&t, "v");
	assert_shows(&t, "Both sides of item 22 text: ours, then theirs");
	assert_shows(&t, "ending OURSWORD.");
	assert_shows(&t, "ending THEIRSWORD.");
	assert_shows(&t, "Esc or q goes back to the question");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_shows(&t, "Conflict 1 of 2, item 22 text: o ours, t theirs, e edit, v view both");
	assert_false(screen_has(&t, "Both sides of"));
	type(&t, "t");
	assert_shows(&t, "Conflict 2 of 2, item 23 updates: o ours, t theirs, e edit, v view both");
	type(&t, "V");
	assert_shows(&t, "Both sides of item 23 updates: ours, then theirs");
	assert_shows(&t, "2023-10-02 \xc2\xb7 Ours Officer  [differs]");
	assert_shows(&t, "Ours met the planners.");
	assert_shows(&t, "2023-10-03 \xc2\xb7 Theirs Officer  [differs]");
	assert_shows(&t, "Theirs wrote to the Cabinet Member.");
	/* the update both have is shown on each side, unmarked */
	assert_false(screen_has(&t, "1. Update  [differs]"));
	type(&t, "q");
	assert_shows(&t, "Conflict 2 of 2, item 23 updates");
	type(&t, "t");
	assert_shows(&t, "Every merge conflict in sides.yaml is resolved");
	type(&t, "w");
	assert_shows(&t, "Saved sides.yaml");
	quit_with_q(&t);
	char *text = vt_read_file(path);
	assert_non_null(strstr(text, "  text: Theirs asks the Board about the risks, ending THEIRSWORD.\n"));
	assert_non_null(strstr(text, "    text: Theirs wrote to the Cabinet Member.\n"));
	assert_null(strstr(text, "OURSWORD"));
	assert_null(strstr(text, "Ours met"));
	free(text);
}

/* The same on w over a file changed on disk: item 22's text and item 23's
 * update changed here (E) and there; v shows the file's and mine, Esc
 * gives the question back, m and f still answer it. */
static void test_view_both_on_save(void **state)
{
	char path[PATH_SIZE];
	vt_bundled_copy("sides-save.yaml", path, sizeof path);
	struct term t;
	start_at(&t, path, 80, 24);
	assert_shows(&t, "Items 36/36");
	select_item(&t, "22");
	editor_does("sed 's/on this\\.$/on this. MINEWORD/' \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"\n");
	type(&t, "E");
	assert_shows(&t, "Item 22 changed (u undoes)");
	type(&t, "/");
	ctrl(&t, 'u');
	type(&t, "id:23");
	key(&t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_shows(&t, "History #23");
	editor_does("sed 's/near future\\.$/near future. MINEUPDATE/' \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"\n");
	type(&t, "E");
	assert_shows(&t, "Item 23 changed (u undoes)");
	vt_replace_in_file(path, TEXT_22_END, "and to update the Committee on this. FILEWORD\n");
	vt_replace_in_file(path, UPDATE_23, "to facilitate this meeting in the near future. FILEUPDATE\n");
	type(&t, "w");
	/* at 80 columns the keys said shorter; a long text not quoted by halves */
	assert_shows(&t, "Item 22 text: f the file's, m mine, v view both, s save as, Esc stop");
	assert_shows(&t, "sides-save.yaml changed on disk: item 22's text was changed there and here");
	assert_false(screen_has(&t, "FILEWORD"));
	type(&t, "v");
	assert_shows(&t, "Both sides of item 22 text: the file's, then mine");
	assert_shows(&t, "on this. FILEWORD");
	assert_shows(&t, "on this. MINEWORD");
	key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_shows(&t, "Item 22 text: f the file's, m mine, v view both");
	assert_false(screen_has(&t, "Both sides of"));
	type(&t, "m");
	assert_shows(&t, "Item 23 updates: f the file's, m mine, v view both");
	type(&t, "v");
	assert_shows(&t, "Both sides of item 23 updates: the file's, then mine");
	assert_shows(&t, "near future. FILEUPDATE");
	assert_shows(&t, "near future. MINEUPDATE");
	assert_shows(&t, "1. Update  [differs]");
	type(&t, "q");
	assert_shows(&t, "Item 23 updates: f the file's");
	type(&t, "f");
	assert_shows(&t, "Saved sides-save.yaml: it had changed on disk");
	quit_with_q(&t);
	char *text = vt_read_file(path);
	assert_non_null(strstr(text, "on this. MINEWORD\n"));
	assert_non_null(strstr(text, "near future. FILEUPDATE\n"));
	assert_null(strstr(text, "FILEWORD"));
	assert_null(strstr(text, "MINEUPDATE"));
	free(text);
}

/* e on an item's conflict: the $EDITOR file has theirs' version of the
 * item as '#' lines on top, to read or copy from, and they are dropped
 * when read back; what the officer wrote is what is saved. */
static void test_edit_sees_theirs(void **state)
{
	char path[PATH_SIZE], seen[PATH_SIZE], action[3 * PATH_SIZE];
	vt_bundled_copy("edit-theirs.yaml", path, sizeof path);
	snprintf(seen, sizeof seen, "%s", vt_tmp_path("editor-saw.yaml"));
	vt_replace_in_file(path, "  kind: recommendation\n  text: In light of recent findings",
	                   "  kind: recommendation\n<<<<<<< ours\n  text: In light of recent findings");
	vt_replace_in_file(path, TEXT_22_END, "and to update the Committee on this, ending OURSWORD.\n=======\n"
	                   "  text: Theirs asks the Board about the risks, ending THEIRSWORD.\n>>>>>>> theirs\n");
	snprintf(action, sizeof action, "cp \"$f\" '%s' && sed 's/ending OURSWORD\\.$/ending EDITEDWORD./' \"$f\" > "
	         "\"$f.new\" && mv \"$f.new\" \"$f\"\n", seen);
	editor_does(action);
	struct term t;
	start_at(&t, path, 80, 24);
	assert_shows(&t, "Conflict 1 of 1, item 22 text: o ours, t theirs, e edit, v view both");
	type(&t, "e");
	assert_shows(&t, "Every merge conflict in edit-theirs.yaml is resol");
	char *shown = vt_read_file(seen);
	assert_non_null(shown);
	assert_non_null(strstr(shown, "#\n# Item 22 as theirs has it (the conflict is in its text),\n# to read or copy"));
	assert_non_null(strstr(shown, "\n# text: Theirs asks the Board about the risks, ending THEIRSWORD.\n"));
	assert_non_null(strstr(shown, "\ntext: In light of recent findings"));
	free(shown);
	type(&t, "w");
	assert_shows(&t, "Saved edit-theirs.yaml");
	quit_with_q(&t);
	char *text = vt_read_file(path);
	assert_non_null(strstr(text, "and to update the Committee on this, ending EDITEDWORD.\n"));
	assert_null(strstr(text, "THEIRSWORD"));
	assert_null(strstr(text, "as theirs has it"));
	free(text);
}

/* Item 21 cut out of the file at path, as another officer deleting it. */
static void remove_item_21(const char *path)
{
	char *text = vt_read_file(path);
	char *from = strstr(text, "- id: 21\n"), *to = strstr(text, "- id: 22\n");
	assert_non_null(from);
	assert_non_null(to);
	memmove(from, to, strlen(to) + 1);
	vt_write_file(path, text);
	free(text);
}

/* w on a file where item 21 was deleted while the officer changed it (or
 * changed while the officer deleted it): asked like a field, naming what
 * each side did; answer is f or m.  Item 3's change in the file is kept
 * either way. */
static void removed_and_changed(bool file_removed, int answer, int cols)
{
	char path[PATH_SIZE];
	char name[40];
	snprintf(name, sizeof name, "r%c%c%d.yaml", file_removed ? 't' : 'h', answer, cols);
	vt_bundled_copy(name, path, sizeof path);
	struct term t;
	start_at(&t, path, cols, cols == 80 ? 24 : 36);
	assert_shows(&t, "Items 36/36");
	select_item(&t, "21");
	if (file_removed) {
		editor_does("sed 's/^status: open$/status: in-progress/' \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"\n");
		type(&t, "E");
		assert_shows(&t, "Item 21 changed (u undoes)");
		remove_item_21(path);
	} else {
		type(&t, "D");
		type(&t, "y");
		assert_shows(&t, "Deleted item 21 (u brings it back)");
		vt_replace_in_file(path, STATUS_21, "  status: completed\n  response: rejected");
	}
	vt_replace_in_file(path, "  - Karen Fuller, OCC\n  status: open", "  - Karen Fuller, OCC\n  status: completed");
	type(&t, "w");
	if (cols == 80) {
		/* the question said shorter, every key in sight */
		assert_shows(&t, file_removed ? "Item 21: f file's (removed), m mine (changed status), v both, s save as, Esc"
		                              : "Item 21: f file's (changed status), m mine (removed), v both, s save as, Esc");
	} else if (file_removed) {
		assert_shows(&t, "Item 21 was removed in the file and changed here (1 of 1)");
		assert_shows(&t, "Item 21: f the file's (removed), m mine (changed status), v view both, s save as");
		type(&t, "v"); /* one side has no item 21 */
		assert_shows(&t, "Both sides of item 21");
		key(&t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
		assert_shows(&t, "Item 21: f the file's (removed), m mine (changed status), v view both, s save as");
	} else {
		assert_shows(&t, "Item 21 was changed in the file and removed here (1 of 1)");
		assert_shows(&t, "Item 21: f the file's (changed status), m mine (removed), v view both, s save as");
	}
	type(&t, answer == 'm' ? "m" : "f");
	assert_shows(&t, cols == 80 ? "Saved r" : "it had changed on disk, so your edits were merged with that change");
	quit_with_q(&t);
	char *text = vt_read_file(path);
	assert_non_null(strstr(text, "  - Karen Fuller, OCC\n  status: completed\n"));
	bool kept = (answer == 'm') == file_removed;
	if (!kept)
		assert_null(strstr(text, "- id: 21\n"));
	else if (file_removed)
		assert_non_null(strstr(text, "- id: 21\n  meeting: 2023-09-21\n"));
	if (kept)
		assert_non_null(strstr(text, file_removed ? "  status: in-progress\n  response: rejected\n"
		                                          : "  status: completed\n  response: rejected\n"));
	/* items stay in their order: 21 back between 20 and 22 */
	if (kept)
		assert_true(strstr(text, "- id: 20\n") < strstr(text, "- id: 21\n") &&
		            strstr(text, "- id: 21\n") < strstr(text, "- id: 22\n"));
	free(text);
}

static void test_removed_in_file_mine(void **state)
{
	removed_and_changed(true, 'm', 120);
}

static void test_removed_in_file_files(void **state)
{
	removed_and_changed(true, 'f', 120);
}

static void test_removed_here_mine(void **state)
{
	removed_and_changed(false, 'm', 120);
}

static void test_removed_here_files(void **state)
{
	removed_and_changed(false, 'f', 120);
}

static void test_removed_at_80_columns(void **state)
{
	removed_and_changed(true, 'm', 80);
	removed_and_changed(false, 'f', 80);
}

static int setup(void **state)
{
	if (vt_setup(state) != 0)
		return -1;
	char script[PATH_SIZE];
	snprintf(script, sizeof script, "%s/scripted-editor.sh", vt_tmp_root);
	FILE *f = fopen(script, "w");
	if (!f)
		return -1;
	fprintf(f, "#!/bin/sh\n# The scripted $VISUAL: do what the test asked.\nf=$1\n. '%s/editor-action'\n", vt_tmp_root);
	if (fclose(f) != 0)
		return -1;
	editor_does(":\n");
	snprintf(visual_env, sizeof visual_env, "VISUAL=sh %s", script);
	return 0;
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tracker_meeting_item_conflicts),
		cmocka_unit_test(test_edit_then_next_question),
		cmocka_unit_test(test_question_fits_80_columns),
		cmocka_unit_test(test_meeting_still_named),
		cmocka_unit_test(test_journal_then_conflicts),
		cmocka_unit_test(test_unknown_keys_typed),
		cmocka_unit_test(test_unsound_item_mine),
		cmocka_unit_test(test_unsound_item_files),
		cmocka_unit_test(test_meeting_title_on_save),
		cmocka_unit_test(test_view_both_sides),
		cmocka_unit_test(test_view_both_on_save),
		cmocka_unit_test(test_edit_sees_theirs),
		cmocka_unit_test(test_removed_in_file_mine),
		cmocka_unit_test(test_removed_in_file_files),
		cmocka_unit_test(test_removed_here_mine),
		cmocka_unit_test(test_removed_here_files),
		cmocka_unit_test(test_removed_at_80_columns),
	};
	if (getenv("ARTRACK_UI_TEST"))
		cmocka_set_test_filter(getenv("ARTRACK_UI_TEST"));
	return cmocka_run_group_tests_name("conflicts-ui", tests, setup, vt_teardown);
}
