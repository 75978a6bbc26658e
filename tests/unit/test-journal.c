/* test-journal.c - unsaved edits kept beside the file survive a crash, are
 * replayed as one undoable step, never onto a file that changed, and a cut
 * record is ignored (journal.h). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "artrack/alloc.h"
#include "artrack/filesafe.h"
#include "artrack/item_lines.h"
#include "artrack/journal.h"
#include "artrack/undo.h"
#include "artrack/yamlio.h"

static char dir[64], path[128], jpath[160];

static const char YAML[] = "# the clerk's tracker\n"
                           "artrack: 1\n"
                           "meetings:\n"
                           "- date: 2023-09-21\n"
                           "items:\n"
                           "- id: 1\n"
                           "  topic: One\n"
                           "  kind: action\n"
                           "  status: open\n"
                           "- id: 2\n"
                           "  topic: Two\n"
                           "  kind: action\n"
                           "  status: open\n";

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/artrack-journal.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/t.yaml", dir);
	snprintf(jpath, sizeof jpath, "%s.journal", path);
	FILE *f = fopen(path, "w");
	fputs(YAML, f);
	return fclose(f);
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

struct session {
	struct ar_tracker *t;
	struct ar_edits *e;
	struct ar_journal *j;
	struct ar_load_info info;
};

static void open_session(struct session *s)
{
	struct ar_diags d = {0};
	assert_int_equal(ar_load_file(path, &s->t, &d, &s->info), AR_OK);
	s->e = ar_edits_new(s->t);
	s->j = ar_journal_new(path, s->info.size, s->info.hash);
	ar_journal_follow(s->j, s->e);
}

/* as kill -9 would: nothing cleaned up (the journal file stays) */
static void crash(struct session *s)
{
	ar_journal_free(s->j);
	ar_edits_free(s->e);
	ar_tracker_free(s->t);
}

/* The session's tracker saves as want. */
static void assert_saves_as(struct session *s, const char *want)
{
	struct ar_buf got = {0};
	struct ar_error err;
	assert_int_equal(ar_save_buffer(s->t, &got, &err), AR_OK);
	assert_string_equal(got.data, want);
	ar_buf_free(&got);
}

static void edit_three(struct session *s)
{
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(s->e, 1, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	struct ar_update u = {.date = ar_date_make(2023, 10, 1), .by = "Clerk", .text = "Chased \xF0\x9F\x99\x82"};
	assert_int_equal(ar_edits_add_update(s->e, 2, &u, &err), AR_OK);
	assert_int_equal(ar_edits_add_meeting(s->e, ar_date_make(2023, 11, 30), "30 November", &err), AR_OK);
	struct ar_item *it = ar_item_new(s->t, 3);
	ar_item_set_topic(s->t, it, "Three");
	it->meeting = ar_date_make(2023, 11, 30);
	assert_int_equal(ar_edits_insert_item(s->e, 5, it, &err), AR_OK);
	assert_int_equal(ar_edits_remove_item(s->e, 1, &err), AR_OK);
	assert_true(ar_edits_undo(s->e, NULL)); /* item 1 back */
}

static void test_crash_then_restore(void **state)
{
	(void)state;
	struct session s;
	open_session(&s);
	assert_int_equal(access(jpath, F_OK), -1); /* nothing until an edit */
	edit_three(&s);
	assert_int_equal(access(jpath, F_OK), 0);
	struct ar_buf want = {0};
	struct ar_error err;
	assert_int_equal(ar_save_buffer(s.t, &want, &err), AR_OK);
	crash(&s);

	open_session(&s);
	struct ar_journal_found found;
	assert_true(ar_journal_find(path, s.info.size, s.info.hash, &found));
	assert_true(found.matches);
	assert_int_equal(found.steps, 6); /* five steps and an undo */
	size_t steps = 0;
	assert_int_equal(ar_journal_replay(path, s.e, &steps, &err), AR_OK);
	assert_int_equal(steps, 6);
	struct ar_buf got = {0};
	assert_int_equal(ar_save_buffer(s.t, &got, &err), AR_OK);
	assert_string_equal(got.data, want.data);
	/* one undoable step */
	assert_string_equal(ar_edits_undo_label(s.e), "restore 6 unsaved changes");
	assert_true(ar_edits_undo(s.e, NULL));
	ar_buf_reset(&got);
	assert_int_equal(ar_save_buffer(s.t, &got, &err), AR_OK);
	assert_string_equal(got.data, YAML);
	ar_buf_free(&got);
	ar_buf_free(&want);
	crash(&s);
}

/* Item 1 written in the editor as lines (its id then new_id), saved with
 * the text want_in; after a crash the journal gives the same file. */
static void editor_lines_restored(long new_id, const char *lines, const char *want_in)
{
	unlink(jpath); /* a journal of an earlier round */
	struct session s;
	open_session(&s);
	struct ar_item *it = ar_item_clone(s.t, ar_tracker_find_item(s.t, 1));
	it->id = new_id;
	it->lines = ar_item_lines_new(s.t, lines, strlen(lines), it);
	assert_non_null(it->lines);
	struct ar_error err;
	assert_int_equal(ar_edits_replace_item(s.e, 1, it, &err), AR_OK);
	struct ar_buf want = {0};
	assert_int_equal(ar_save_buffer(s.t, &want, &err), AR_OK);
	assert_non_null(strstr(want.data, want_in));
	crash(&s);
	open_session(&s);
	assert_int_equal(ar_journal_replay(path, s.e, NULL, &err), AR_OK);
	assert_saves_as(&s, want.data);
	ar_buf_free(&want);
	crash(&s);
}

/* Comments the officer wrote for an item in the editor (E) come back with
 * the unsaved edits after a crash. */
static void test_editor_comments_restored(void **state)
{
	(void)state;
	editor_lines_restored(1, "# asked in May\nid: 1\ntopic: One\nkind: action\nstatus: open   # still\n",
	                      "items:\n# asked in May\n- id: 1\n  topic: One\n  kind: action\n  status: open   # still\n"
	                      "- id: 2\n");
	/* renumbered there: back under its new id with its comments, once */
	editor_lines_restored(7, "# asked in May\nid: 7\ntopic: One\nkind: action\nstatus: open   # still\n",
	                      "items:\n# asked in May\n- id: 7\n  topic: One\n  kind: action\n  status: open   # still\n"
	                      "- id: 2\n");
}

/* Issue 13: a meeting given a title (resolving a merge conflict) comes back
 * with that title. */
static void test_meeting_title_restored(void **state)
{
	(void)state;
	struct session s;
	open_session(&s);
	struct ar_error err;
	assert_int_equal(ar_edits_set_meeting_title(s.e, ar_date_make(2023, 9, 21), "Chosen title", &err), AR_OK);
	crash(&s);
	open_session(&s);
	size_t steps = 0;
	assert_int_equal(ar_journal_replay(path, s.e, &steps, &err), AR_OK);
	assert_int_equal(steps, 1);
	assert_string_equal(ar_tracker_find_meeting(s.t, ar_date_make(2023, 9, 21))->title, "Chosen title");
	crash(&s);
}

static void test_cut_record_ignored(void **state)
{
	(void)state;
	struct session s;
	open_session(&s);
	edit_three(&s);
	crash(&s);
	/* a power cut in the middle of the last record */
	struct stat st;
	assert_int_equal(stat(jpath, &st), 0);
	assert_int_equal(truncate(jpath, st.st_size - 5), 0);
	open_session(&s);
	struct ar_journal_found found;
	assert_true(ar_journal_find(path, s.info.size, s.info.hash, &found));
	assert_int_equal(found.steps, 5);
	struct ar_error err;
	assert_int_equal(ar_journal_replay(path, s.e, NULL, &err), AR_OK);
	/* the undo that was cut is not replayed: item 1 stays removed */
	assert_int_equal(ar_tracker_find_index(s.t, 1), -1);
	assert_true(ar_tracker_find_index(s.t, 3) >= 0);
	crash(&s);
}

static void test_changed_file_not_replayed(void **state)
{
	(void)state;
	struct session s;
	open_session(&s);
	edit_three(&s);
	crash(&s);
	FILE *f = fopen(path, "a");
	fputs("# changed by someone else\n", f);
	fclose(f);
	open_session(&s);
	struct ar_journal_found found;
	assert_true(ar_journal_find(path, s.info.size, s.info.hash, &found));
	assert_false(found.matches);
	char *aside = NULL;
	struct ar_error err;
	assert_int_equal(ar_journal_set_aside(path, &aside, &err), AR_OK);
	assert_non_null(strstr(aside, "t.yaml.journal-"));
	assert_int_equal(access(aside, F_OK), 0);
	assert_int_equal(access(jpath, F_OK), -1);
	assert_false(ar_journal_find(path, s.info.size, s.info.hash, &found));
	free(aside);
	crash(&s);
}

static void test_save_and_clean_undo_remove_it(void **state)
{
	(void)state;
	struct session s;
	open_session(&s);
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(s.e, 1, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_int_equal(access(jpath, F_OK), 0);
	/* undone back to the file: nothing unsaved, no journal */
	assert_true(ar_edits_undo(s.e, NULL));
	assert_int_equal(access(jpath, F_OK), -1);
	assert_true(ar_edits_redo(s.e, NULL));
	assert_int_equal(access(jpath, F_OK), 0);
	/* the write commands refuse it, naming it */
	assert_int_equal(ar_journal_refuse(path, &err), AR_EDATA);
	assert_non_null(strstr(err.message, "1 unsaved change from"));
	assert_non_null(strstr(err.message, jpath));
	struct ar_file_identity id;
	assert_int_equal(ar_file_identity_record(path, &s.info, &id, &err), AR_OK);
	assert_int_equal(ar_save_tracker_file(s.t, path, &id, &err), AR_OK);
	ar_edits_mark_saved(s.e);
	ar_journal_saved(s.j, id.size, id.hash);
	assert_int_equal(access(jpath, F_OK), -1);
	assert_int_equal(ar_journal_refuse(path, &err), AR_OK);
	/* the next edit starts a journal against the saved file */
	assert_int_equal(ar_edits_set_field(s.e, 2, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	struct ar_journal_found found;
	assert_true(ar_journal_find(path, id.size, id.hash, &found));
	assert_true(found.matches);
	assert_int_equal(found.steps, 1);
	ar_journal_discard(s.j);
	assert_int_equal(access(jpath, F_OK), -1);
	crash(&s);
}

/* holds_all says whether the journal alone keeps every unsaved step: not
 * before the first, not once a step could not be written (a later one
 * records only what it touched, so the gap stays), again after the edits
 * are back at the file's state. */
static void test_holds_all_steps(void **state)
{
	(void)state;
	struct session s;
	open_session(&s);
	struct ar_error err;
	assert_false(ar_journal_holds_all(s.j)); /* no step yet */
	assert_int_equal(ar_edits_set_field(s.e, 1, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_true(ar_journal_holds_all(s.j));
	assert_true(ar_edits_undo(s.e, NULL)); /* back at the file: journal gone */
	assert_false(ar_journal_holds_all(s.j));
	/* the journal's name taken by a folder: the step cannot be written */
	assert_int_equal(mkdir(jpath, 0700), 0);
	assert_int_equal(ar_edits_set_field(s.e, 1, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_non_null(ar_journal_error(s.j));
	assert_false(ar_journal_holds_all(s.j));
	assert_int_equal(rmdir(jpath), 0);
	assert_int_equal(ar_edits_set_field(s.e, 2, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	assert_int_equal(access(jpath, F_OK), 0);
	assert_false(ar_journal_holds_all(s.j)); /* item 1's step is not in it */
	/* undone to the file's state, then edited again: all of it is there */
	assert_true(ar_edits_undo(s.e, NULL));
	assert_true(ar_edits_undo(s.e, NULL));
	assert_int_equal(access(jpath, F_OK), -1);
	assert_int_equal(ar_edits_set_field(s.e, 2, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	assert_true(ar_journal_holds_all(s.j));
	crash(&s);
}

/* The file changed on disk and was read again with the officer's edits
 * re-applied (as the UI's reload does): the journal restarts against the
 * new file with only what differs from it -- an item removed before the
 * reload recorded as gone, the file's own new item not copied -- so a
 * crash right after gives back exactly the officer's state. */
/* A tracker given the fields of other (a copy of this file with other
 * head and meeting keys), one field a step, as conflict resolution takes
 * them. */
static void take_head_of(struct session *s, const char *other_yaml)
{
	struct ar_tracker *other;
	struct ar_diags d = {0};
	struct ar_error err;
	assert_int_equal(ar_load_buffer(other_yaml, strlen(other_yaml), &other, &d), AR_OK);
	const char *const fields[] = {"committee", "title", "as_of", "response_days", "clerk"};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		assert_int_equal(ar_edits_take_tracker_field(s->e, other, fields[i]), AR_OK);
	assert_int_equal(ar_edits_take_meeting(s->e, other, ar_date_make(2023, 9, 21), "room", &err), AR_OK);
	ar_tracker_free(other);
}

static const char THEIRS_HEAD[] = "artrack: 1\n"
                                  "committee: Theirs committee\n"
                                  "title: Theirs title\n"
                                  "as_of: 2023-10-01\n"
                                  "response_days: 28\n"
                                  "clerk: [Jo, Sam]\n"
                                  "meetings:\n"
                                  "- date: 2023-09-21\n"
                                  "  room: B\n"
                                  "items: []\n";

/* Issue 12: the tracker's own fields (committee, title, as_of,
 * response_days, an unknown top-level key) and a meeting's unknown key,
 * taken as a merge conflict's `t` takes them, come back after a crash; and
 * after they are undone, the file's come back, not the journalled ones. */
static void test_tracker_fields_restored(void **state)
{
	(void)state;
	struct session s;
	open_session(&s);
	take_head_of(&s, THEIRS_HEAD);
	struct ar_error err;
	/* and an item edited after them: the head stays in the later records */
	assert_int_equal(ar_edits_set_field(s.e, 1, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	struct ar_buf want = {0};
	assert_int_equal(ar_save_buffer(s.t, &want, &err), AR_OK);
	assert_non_null(strstr(want.data, "title: Theirs title\n"));
	assert_non_null(strstr(want.data, "  room: B\n"));
	crash(&s);
	open_session(&s);
	size_t steps = 0;
	assert_int_equal(ar_journal_replay(path, s.e, &steps, &err), AR_OK);
	assert_int_equal(steps, 7);
	assert_saves_as(&s, want.data);
	assert_string_equal(s.t->committee, "Theirs committee");
	assert_int_equal(s.t->response_days, 28);
	assert_true(s.t->as_of == ar_date_make(2023, 10, 1));

	/* undone back to the file's head, then killed: the file's head */
	while (ar_edits_undo(s.e, NULL))
		;
	assert_int_equal(ar_edits_set_field(s.e, 2, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	struct ar_buf plain = {0};
	assert_int_equal(ar_save_buffer(s.t, &plain, &err), AR_OK);
	assert_null(strstr(plain.data, "Theirs"));
	crash(&s);
	open_session(&s);
	assert_int_equal(ar_journal_replay(path, s.e, NULL, &err), AR_OK);
	assert_saves_as(&s, plain.data);
	ar_buf_free(&plain);
	ar_buf_free(&want);
	crash(&s);
}

/* After a reload the journal starts again with the tracker's own fields
 * that differ from the file read. */
static void test_restart_keeps_tracker_fields(void **state)
{
	(void)state;
	struct session s;
	open_session(&s);
	take_head_of(&s, THEIRS_HEAD);
	struct ar_error err;
	assert_int_equal(ar_journal_restart(s.j, s.e, s.info.size, s.info.hash, &err), AR_OK);
	struct ar_buf want = {0};
	assert_int_equal(ar_save_buffer(s.t, &want, &err), AR_OK);
	crash(&s);
	open_session(&s);
	assert_int_equal(ar_journal_replay(path, s.e, NULL, &err), AR_OK);
	assert_saves_as(&s, want.data);
	ar_buf_free(&want);
	crash(&s);
}

static void test_restart_after_reload(void **state)
{
	(void)state;
	struct session s;
	open_session(&s);
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(s.e, 1, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_int_equal(ar_edits_remove_item(s.e, 2, &err), AR_OK);
	assert_int_equal(ar_edits_add_meeting(s.e, ar_date_make(2023, 11, 30), "30 November", &err), AR_OK);
	struct ar_item *it = ar_item_new(s.t, 3);
	ar_item_set_topic(s.t, it, "Three");
	it->meeting = ar_date_make(2023, 11, 30);
	assert_int_equal(ar_edits_insert_item(s.e, 5, it, &err), AR_OK);

	/* someone else adds item 4 meanwhile */
	FILE *f = fopen(path, "a");
	fputs("- id: 4\n  topic: Theirs, a long one that the journal need not copy\n  kind: action\n  status: open\n",
	      f);
	fclose(f);
	struct session r;
	struct ar_diags d = {0};
	assert_int_equal(ar_load_file(path, &r.t, &d, &r.info), AR_OK);
	r.e = ar_edits_new(r.t);
	struct ar_diags conflicts = {0};
	assert_int_equal(ar_edits_reapply(s.e, r.e, NULL, &conflicts), AR_OK);
	assert_int_equal(conflicts.count, 0);
	ar_journal_free(s.j);
	ar_edits_free(s.e);
	r.j = ar_journal_new(path, r.info.size, r.info.hash);
	ar_journal_follow(r.j, r.e);
	assert_int_equal(ar_journal_restart(r.j, r.e, r.info.size, r.info.hash, &err), AR_OK);
	assert_true(ar_journal_holds_all(r.j));
	struct ar_buf want = {0};
	assert_int_equal(ar_save_buffer(r.t, &want, &err), AR_OK);
	assert_int_equal(ar_tracker_find_index(r.t, 2), -1);
	ar_journal_free(r.j);
	ar_edits_free(r.e);
	ar_tracker_free(r.t);
	ar_tracker_free(s.t);

	/* one step, only the re-applied edits: nothing of item 4 */
	struct ar_buf text = {0};
	assert_int_equal(ar_read_file(jpath, &text), 0);
	assert_non_null(strstr(text.data, "\ngone 2\n"));
	assert_non_null(strstr(text.data, "\nitem 1 "));
	assert_non_null(strstr(text.data, "\nitem 3 "));
	assert_non_null(strstr(text.data, "\nmeeting 2023-11-30 "));
	assert_null(strstr(text.data, "\nitem 4 "));
	assert_null(strstr(text.data, "Theirs"));
	ar_buf_free(&text);
	char temp[200];
	snprintf(temp, sizeof temp, "%s.new", jpath);
	assert_int_equal(access(temp, F_OK), -1);

	/* the crash: the next start replays onto the file as it now is */
	open_session(&s);
	struct ar_journal_found found;
	assert_true(ar_journal_find(path, s.info.size, s.info.hash, &found));
	assert_true(found.matches);
	assert_int_equal(found.steps, 1);
	assert_int_equal(ar_journal_replay(path, s.e, NULL, &err), AR_OK);
	assert_int_equal(ar_tracker_find_index(s.t, 2), -1); /* removed stays removed */
	assert_saves_as(&s, want.data);
	ar_buf_free(&want);
	crash(&s);
}

/* The count the next start says is the officer's changes: after a reload's
 * restart and after a restore from an earlier journal, not 1 for the one
 * step either is. */
static void test_changes_counted_through_restart(void **state)
{
	(void)state;
	struct session s;
	open_session(&s);
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(s.e, 1, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_int_equal(ar_edits_set_field(s.e, 2, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	assert_int_equal(ar_edits_add_meeting(s.e, ar_date_make(2023, 11, 30), "30 November", &err), AR_OK);
	/* the reload's journal is a new one, told what the old one held */
	size_t held = ar_journal_changes(s.j);
	assert_int_equal(held, 3);
	ar_journal_free(s.j);
	s.j = ar_journal_new(path, s.info.size, s.info.hash);
	ar_journal_follow(s.j, s.e);
	ar_journal_counts_next(s.j, held);
	assert_int_equal(ar_journal_restart(s.j, s.e, s.info.size, s.info.hash, &err), AR_OK);
	struct ar_journal_found found;
	assert_true(ar_journal_find(path, s.info.size, s.info.hash, &found));
	assert_int_equal(found.steps, 3);
	assert_int_equal(ar_edits_remove_item(s.e, 2, &err), AR_OK); /* one more after the reload */
	crash(&s);

	open_session(&s);
	assert_true(ar_journal_find(path, s.info.size, s.info.hash, &found));
	assert_int_equal(found.steps, 4);
	/* restored (the UI says how many first), then killed again */
	ar_journal_counts_next(s.j, found.steps);
	size_t steps = 0;
	assert_int_equal(ar_journal_replay(path, s.e, &steps, &err), AR_OK);
	assert_int_equal(steps, 4);
	assert_string_equal(ar_edits_undo_label(s.e), "restore 4 unsaved changes");
	assert_int_equal(ar_edits_set_field(s.e, 1, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	crash(&s);
	open_session(&s);
	assert_true(ar_journal_find(path, s.info.size, s.info.hash, &found));
	assert_int_equal(found.steps, 5);
	crash(&s);
}

/* A restart killed before its rename left the newer journal as
 * FILE.journal.new: the next start (or write command) puts it in place;
 * one cut short is removed and the older journal kept. */
static void test_recover_unrenamed_restart(void **state)
{
	(void)state;
	char fresh[200];
	snprintf(fresh, sizeof fresh, "%s.new", jpath);
	struct session s;
	open_session(&s);
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(s.e, 1, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	crash(&s);
	struct ar_buf newer = {0}, older = {0};
	assert_int_equal(ar_read_file(jpath, &newer), 0);
	assert_int_equal(rename(jpath, fresh), 0);
	ar_buf_adds(&older, "artrack journal 1\nbase 1 0000000000000001\n");
	FILE *f = fopen(jpath, "w");
	fwrite(older.data, 1, older.len, f);
	fclose(f);

	ar_journal_recover(path);
	assert_int_equal(access(fresh, F_OK), -1);
	struct ar_buf now = {0};
	assert_int_equal(ar_read_file(jpath, &now), 0);
	assert_int_equal(now.len, newer.len);
	assert_memory_equal(now.data, newer.data, now.len);

	/* cut short: removed, the journal there stays */
	f = fopen(fresh, "w");
	fwrite(newer.data, 1, newer.len - 5, f);
	fclose(f);
	assert_int_equal(ar_journal_refuse(path, &err), AR_EDATA); /* recovers first */
	assert_int_equal(access(fresh, F_OK), -1);
	ar_buf_reset(&now);
	assert_int_equal(ar_read_file(jpath, &now), 0);
	assert_int_equal(now.len, newer.len);
	ar_buf_free(&now);
	ar_buf_free(&newer);
	ar_buf_free(&older);
}

/* A reload with nothing unsaved re-applied: the old journal goes. */
static void test_restart_without_edits_removes_it(void **state)
{
	(void)state;
	struct session s;
	open_session(&s);
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(s.e, 1, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_int_equal(access(jpath, F_OK), 0);
	struct ar_edits *fresh = ar_edits_new(s.t);
	assert_int_equal(ar_journal_restart(s.j, fresh, s.info.size, s.info.hash, &err), AR_OK);
	assert_int_equal(access(jpath, F_OK), -1);
	ar_edits_free(fresh);
	crash(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_crash_then_restore, setup, teardown),
		cmocka_unit_test_setup_teardown(test_editor_comments_restored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meeting_title_restored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cut_record_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_file_not_replayed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_and_clean_undo_remove_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_holds_all_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restart_after_reload, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tracker_fields_restored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restart_keeps_tracker_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes_counted_through_restart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restart_without_edits_removes_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recover_unrenamed_restart, setup, teardown),
	};
	return cmocka_run_group_tests_name("journal", tests, NULL, NULL);
}
