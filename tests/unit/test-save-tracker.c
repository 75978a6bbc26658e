/* test-save-tracker.c - saving a whole tracker: the loader's identity, an edit
 * saved atomically with mode and FILE~ kept, a canonical file saved
 * unchanged byte for byte, an outside change refused, then reloaded with the
 * user's edits re-applied.  Uses a copy of the bundled tracker. */
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
#include "artrack/undo.h"
#include "artrack/filesafe.h"
#include "artrack/yamlio.h"

static char dir[64];
static char path[128];
static struct ar_buf original;   /* the bundled tracker's bytes */

static char *slurp(const char *p)
{
	struct ar_buf b = {0};
	if (ar_read_file(p, &b) != 0) {
		ar_buf_free(&b);
		return NULL;
	}
	return ar_buf_steal(&b, NULL);
}

static void put(const char *p, const char *bytes, size_t len, mode_t mode)
{
	FILE *fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(chmod(p, mode), 0);
}

static int setup(void **state)
{
	const char *top = getenv("top_srcdir");
	char data[512];
	snprintf(data, sizeof data, "%s/data/hosc-2023-09-21.yaml", top ? top : ".");
	ar_buf_free(&original);
	if (ar_read_file(data, &original) != 0)
		return -1;
	snprintf(dir, sizeof dir, "/tmp/artrack-save.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/tracker.yaml", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ar_buf_free(&original);
	return system(cmd) == 0 ? 0 : -1;
}

static struct ar_tracker *load(struct ar_file_identity *id)
{
	struct ar_tracker *t;
	struct ar_diags d = {0};
	struct ar_load_info info;
	assert_int_equal(ar_load_file(path, &t, &d, &info), AR_OK);
	struct ar_error err;
	assert_int_equal(ar_file_identity_record(path, &info, id, &err), AR_OK);
	ar_diags_free(&d);
	return t;
}

static void test_loader_hash_matches(void **state)
{
	/* The check re-hashes files itself: it must hash as the loader does,
	 * or every touched file would look changed. */
	put(path, original.data, original.len, 0640);
	struct ar_file_identity loaded, self;
	struct ar_tracker *t = load(&loaded);
	struct ar_error err;
	assert_int_equal(ar_file_identity_record(path, NULL, &self, &err), AR_OK);
	assert_true(loaded.hash == self.hash);
	assert_int_equal(loaded.size, original.len);
	ar_tracker_free(t);
}

static void test_undo_save_reload(void **state)
{
	put(path, original.data, original.len, 0640);
	struct ar_file_identity id;
	struct ar_tracker *t = load(&id);
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err;

	/* Saving with no edits reproduces the canonical file byte for byte. */
	assert_int_equal(ar_save_tracker_file(t, path, &id, &err), AR_OK);
	char *bytes = slurp(path);
	assert_string_equal(bytes, original.data);
	free(bytes);

	struct ar_update u = {.date = 20231005, .by = "Scrutiny Officer", .text = "Chased the ICB – reply due."};
	assert_int_equal(ar_edits_add_update(e, 21, &u, &err), AR_OK);
	assert_int_equal(ar_edits_set_field(e, 21, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_int_equal(ar_save_tracker_file(t, path, &id, &err), AR_OK);
	ar_edits_mark_saved(e);
	assert_false(ar_edits_is_dirty(e));

	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	char *backup_path = ar_backup_path(path);
	char *backup = slurp(backup_path);
	assert_string_equal(backup, original.data);
	free(backup);
	assert_int_equal(ar_file_identity_check(path, &id, &err), AR_OK);

	struct ar_file_identity id2;
	struct ar_tracker *again = load(&id2);
	const struct ar_item *it = ar_tracker_find_item(again, 21);
	assert_int_equal(it->status, AR_STATUS_COMPLETED);
	assert_string_equal(it->updates[it->update_count - 1].text, "Chased the ICB – reply due.");
	ar_tracker_free(again);

	/* Add, undo, save: the items are as they were. */
	char *saved = slurp(path);
	assert_int_equal(ar_edits_add_update(e, 3, &u, &err), AR_OK);
	assert_true(ar_edits_undo(e, NULL));
	assert_false(ar_edits_is_dirty(e));
	assert_int_equal(ar_save_tracker_file(t, path, &id, &err), AR_OK);
	bytes = slurp(path);
	assert_string_equal(bytes, saved);
	free(bytes);
	free(saved);

	ar_edits_free(e);
	ar_tracker_free(t);
	free(backup_path);
}

static void test_outside_change_then_reload(void **state)
{
	put(path, original.data, original.len, 0644);
	struct ar_file_identity id;
	struct ar_tracker *mine = load(&id);
	struct ar_edits *e = ar_edits_new(mine);
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(e, 21, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);

	/* Someone else changes the topic of item 2 meanwhile. */
	struct ar_tracker *other;
	struct ar_file_identity other_id;
	other = load(&other_id);
	struct ar_item *v = ar_item_clone(other, ar_tracker_find_item(other, 2));
	ar_item_set_topic(other, v, "Changed by a colleague");
	ar_tracker_replace_item(other, (size_t)ar_tracker_find_index(other, 2), v);
	struct ar_buf theirs = {0};
	assert_int_equal(ar_save_buffer(other, &theirs, &err), AR_OK);
	put(path, theirs.data, theirs.len, 0644);
	ar_tracker_free(other);

	/* Not overwritten; said so. */
	assert_int_equal(ar_save_tracker_file(mine, path, &id, &err), AR_ECHANGED);
	assert_non_null(strstr(err.message, "changed by another program"));
	char *now = slurp(path);
	assert_string_equal(now, theirs.data);
	free(now);

	/* Reload, re-apply, save: both changes are in the file. */
	struct ar_file_identity fresh_id;
	struct ar_tracker *fresh = load(&fresh_id);
	struct ar_edits *onto = ar_edits_new(fresh);
	struct ar_diags conflicts = {0};
	size_t applied;
	assert_int_equal(ar_edits_reapply(e, onto, &applied, &conflicts), AR_OK);
	assert_int_equal(applied, 1);
	ar_edits_free(e);
	ar_tracker_free(mine);
	assert_int_equal(ar_save_tracker_file(fresh, path, &fresh_id, &err), AR_OK);
	struct ar_file_identity final_id;
	struct ar_tracker *final = load(&final_id);
	assert_string_equal(ar_tracker_find_item(final, 2)->topic, "Changed by a colleague");
	assert_int_equal(ar_tracker_find_item(final, 21)->status, AR_STATUS_CLOSED);
	ar_tracker_free(final);
	ar_diags_free(&conflicts);
	ar_edits_free(onto);
	ar_tracker_free(fresh);
	ar_buf_free(&theirs);
}

static void test_backup_is_the_file_before_the_session(void **state)
{
	(void)state;
	put(path, original.data, original.len, 0644);
	struct ar_file_identity id;
	struct ar_tracker *t = load(&id);
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err;
	char *backup_path = ar_backup_path(path);
	assert_int_equal(ar_edits_set_field(e, 21, AR_ITEM_KEY_STATUS, "completed", &err), AR_OK);
	assert_int_equal(ar_save_tracker_file(t, path, &id, &err), AR_OK);
	char *first = slurp(path);
	assert_int_equal(ar_edits_set_field(e, 21, AR_ITEM_KEY_STATUS, "closed", &err), AR_OK);
	assert_int_equal(ar_save_tracker_file(t, path, &id, &err), AR_OK);
	/* two saves: FILE~ is still the file from before the first */
	char *backup = slurp(backup_path);
	assert_string_equal(backup, original.data);
	free(backup);
	ar_edits_free(e);
	ar_tracker_free(t);
	/* a new session's first save keeps what the last one left */
	t = load(&id);
	e = ar_edits_new(t);
	char *second = slurp(path);
	assert_int_equal(ar_edits_set_field(e, 21, AR_ITEM_KEY_STATUS, "open", &err), AR_OK);
	assert_int_equal(ar_save_tracker_file(t, path, &id, &err), AR_OK);
	backup = slurp(backup_path);
	assert_string_equal(backup, second);
	assert_string_not_equal(backup, first);
	free(backup);
	free(first);
	free(second);
	free(backup_path);
	ar_edits_free(e);
	ar_tracker_free(t);
}

static bool exists(const char *folder, const char *name)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", folder, name);
	return access(p, F_OK) == 0;
}

static void test_leftover_temporaries_removed(void **state)
{
	(void)state;
	put(path, original.data, original.len, 0644);
	char p[256];
	/* what kill -9 during saves leaves: a new version never renamed (part
	 * of it), an empty one, a signal copy's temporary, a backup link */
	snprintf(p, sizeof p, "%s.Ab12Cd", path);
	put(p, original.data, 4000, 0600);
	snprintf(p, sizeof p, "%s.unsaved.X9y8Z7", path);
	put(p, "", 0, 0600);
	char *backup_path = ar_backup_path(path);
	put(backup_path, "older\n", 6, 0644);
	snprintf(p, sizeof p, "%s.Qw3Er4", backup_path);
	assert_int_equal(link(backup_path, p), 0);
	/* and what is not ours to remove */
	snprintf(p, sizeof p, "%s.backup", path);
	put(p, original.data, 100, 0644);
	snprintf(p, sizeof p, "%s.Zz9Zz9", path);
	put(p, "my own notes\n", 13, 0644);
	struct ar_file_identity id;
	struct ar_tracker *t = load(&id);
	struct ar_error err;
	assert_int_equal(ar_save_tracker_file(t, path, &id, &err), AR_OK);
	assert_false(exists(dir, "tracker.yaml.Ab12Cd"));
	assert_false(exists(dir, "tracker.yaml.unsaved.X9y8Z7"));
	assert_false(exists(dir, "tracker.yaml~.Qw3Er4"));
	assert_true(exists(dir, "tracker.yaml.backup"));
	assert_true(exists(dir, "tracker.yaml.Zz9Zz9"));
	snprintf(p, sizeof p, "%s/tracker.yaml.backup", dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/tracker.yaml.Zz9Zz9", dir);
	unlink(p);
	free(backup_path);
	ar_tracker_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_loader_hash_matches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_save_reload, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outside_change_then_reload, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_is_the_file_before_the_session, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leftover_temporaries_removed, setup, teardown),
	};
	return cmocka_run_group_tests_name("save_tracker", tests, NULL, NULL);
}
