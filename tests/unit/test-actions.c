/* test-actions.c - the action table, key bindings, key names, the man page's
 * key list, and the filter history kept between runs. */
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

#include "artrack/actions.h"
#include "artrack/lineedit.h"
#include "artrack/alloc.h"
#include "artrack/query_history.h"

static void test_table_complete(void **state)
{
	for (int a = 1; a < AR_ACTION_COUNT; a++) {
		const struct ar_action_info *info = &ar_action_infos[a];
		assert_non_null(info->name);
		assert_true(strlen(info->name) > 0);
		assert_true(strlen(info->help) > 10);
		assert_int_equal(ar_action_by_name(info->name), a);
		for (int b = a + 1; b < AR_ACTION_COUNT; b++)
			assert_string_not_equal(info->name, ar_action_infos[b].name);
		/* every action can be reached from the keyboard */
		struct ar_buf keys = { 0 };
		ar_action_keys((enum ar_action)a, &keys);
		assert_true(keys.len > 0);
		ar_buf_free(&keys);
	}
	/* no key does two things */
	for (size_t i = 0; i < ar_default_binding_count; i++)
		for (size_t j = i + 1; j < ar_default_binding_count; j++)
			assert_int_not_equal(ar_default_bindings[i].key, ar_default_bindings[j].key);
	assert_int_equal(ar_action_by_name("frobnicate"), AR_ACTION_NONE);
}

static void test_spec_keys(void **state)
{
	/* spec section 5, key by key */
	const struct ar_binding spec[] = {
		{ AR_KEY_TAB, AR_ACTION_NEXT_PANE },
		{ AR_KEY_BACKTAB, AR_ACTION_PREV_PANE },
		{ AR_KEY_UP, AR_ACTION_MOVE_UP },
		{ AR_KEY_DOWN, AR_ACTION_MOVE_DOWN },
		{ 'k', AR_ACTION_MOVE_UP },
		{ 'j', AR_ACTION_MOVE_DOWN },
		{ AR_KEY_PAGE_UP, AR_ACTION_PAGE_UP },
		{ AR_KEY_PAGE_DOWN, AR_ACTION_PAGE_DOWN },
		{ 'g', AR_ACTION_FIRST },
		{ 'G', AR_ACTION_LAST },
		{ '/', AR_ACTION_FILTER },
		{ 'S', AR_ACTION_CYCLE_SORT },
		{ AR_KEY_ENTER, AR_ACTION_OPEN },
		{ 'e', AR_ACTION_EDIT_FIELD },
		{ 'a', AR_ACTION_ADD_UPDATE },
		{ 'E', AR_ACTION_EDIT_YAML },
		{ '+', AR_ACTION_ADD_LEAD },
		{ '-', AR_ACTION_REMOVE_LEAD },
		{ AR_KEY_DELETE, AR_ACTION_REMOVE_LEAD },
		{ 'K', AR_ACTION_MOVE_LEAD_UP },
		{ 'J', AR_ACTION_MOVE_LEAD_DOWN },
		{ 'u', AR_ACTION_UNDO },
		{ AR_KEY_CTRL('r'), AR_ACTION_REDO },
		{ 'w', AR_ACTION_SAVE },
		{ AR_KEY_CTRL('s'), AR_ACTION_SAVE },
		{ 'q', AR_ACTION_QUIT },
		{ '?', AR_ACTION_HELP },
	};
	for (size_t i = 0; i < sizeof spec / sizeof spec[0]; i++)
		assert_int_equal(ar_action_for_key(spec[i].key), spec[i].action);
	assert_int_equal(ar_action_for_key('Z'), AR_ACTION_NONE);
	/* what may change or write the file is marked, so read-only can refuse it */
	assert_true(ar_action_infos[AR_ACTION_SAVE].flags & AR_AF_WRITES);
	assert_true(ar_action_infos[AR_ACTION_ADD_UPDATE].flags & AR_AF_CHANGES);
	assert_true(ar_action_infos[AR_ACTION_ADD_LEAD].flags & AR_AF_CHANGES);
	assert_true(ar_action_infos[AR_ACTION_MOVE_LEAD_DOWN].flags & AR_AF_CHANGES);
	assert_int_equal(ar_action_infos[AR_ACTION_FILTER].flags, 0);
}

static void test_key_names(void **state)
{
	char buf[32];
	assert_string_equal(ar_key_name(AR_KEY_CTRL('r'), buf, sizeof buf), "Ctrl-R");
	assert_string_equal(ar_key_name(AR_KEY_BACKTAB, buf, sizeof buf), "Shift-Tab");
	assert_string_equal(ar_key_name(AR_KEY_TAB, buf, sizeof buf), "Tab");
	assert_string_equal(ar_key_name(AR_KEY_PAGE_DOWN, buf, sizeof buf), "PgDn");
	assert_string_equal(ar_key_name('/', buf, sizeof buf), "/");
	assert_string_equal(ar_key_name(0xe9, buf, sizeof buf), "\xc3\xa9");
	assert_string_equal(ar_key_name(AR_KEY_ESC, buf, sizeof buf), "Esc");
	struct ar_buf keys = { 0 };
	ar_action_keys(AR_ACTION_MOVE_DOWN, &keys);
	assert_string_equal(keys.data, "Down, j");
	ar_buf_reset(&keys);
	ar_action_keys(AR_ACTION_SAVE, &keys);
	assert_string_equal(keys.data, "w, Ctrl-S");
	ar_buf_free(&keys);
	assert_true(ar_key_is_text('a'));
	assert_true(ar_key_is_text(0x2019));
	assert_false(ar_key_is_text(AR_KEY_ESC));
	assert_false(ar_key_is_text(0x7f));
	assert_false(ar_key_is_text(AR_KEY_UP));
}

static void test_roff(void **state)
{
	struct ar_buf roff = { 0 };
	ar_actions_roff(&roff);
	assert_non_null(strstr(roff.data, ".SS Moving around\n"));
	assert_non_null(strstr(roff.data, ".TP\n\\fBw\\fR, \\fBCtrl\\-S\\fR\nSave the file"));
	assert_non_null(strstr(roff.data, "\\fBShift\\-Tab\\fR"));
	/* every action is there, once */
	for (int a = 1; a < AR_ACTION_COUNT; a++) {
		const char *help = ar_action_infos[a].help;
		size_t n = strcspn(help, "-\\");
		char *start = ar_xstrndup(help, n);
		const char *hit = strstr(roff.data, start);
		assert_non_null(hit);
		free(start);
	}
	/* no line is an accidental roff request */
	for (const char *line = roff.data; *line;) {
		if (line[0] == '.' || line[0] == '\'')
			assert_true(strncmp(line, ".SS ", 4) == 0 || strncmp(line, ".TP\n", 4) == 0);
		const char *nl = strchr(line, '\n');
		assert_non_null(nl);
		line = nl + 1;
	}
	ar_buf_free(&roff);
}

/* The input modes' key tables: looked up by the UI, listed by the help,
 * the hints and the man page. */
static void test_mode_keys(void **state)
{
	assert_int_equal(ar_mode_op(AR_MODE_LINE_EDIT, AR_KEY_CTRL_LEFT), AR_LE_WORD_LEFT);
	assert_int_equal(ar_mode_op(AR_MODE_LINE_EDIT, AR_KEY_CTRL_RIGHT), AR_LE_WORD_RIGHT);
	assert_int_equal(ar_mode_op(AR_MODE_LINE_EDIT, AR_KEY_CTRL('w')), AR_LE_KILL_WORD);
	assert_int_equal(ar_mode_op(AR_MODE_LINE_EDIT, 'x'), -1); /* text, not a key */
	assert_int_equal(ar_mode_op(AR_MODE_FILTER, AR_KEY_CTRL('c')), AR_FILTER_RESTORE);
	assert_int_equal(ar_mode_op(AR_MODE_PICK, 'j'), AR_PICK_DOWN);
	assert_int_equal(ar_mode_op(AR_MODE_FIELD, AR_KEY_ENTER), AR_FIELD_KEEP);
	char name[32];
	assert_string_equal(ar_key_name(AR_KEY_CTRL_LEFT, name, sizeof name), "Ctrl-Left");

	struct ar_buf buf = { 0 };
	ar_mode_op_keys(AR_MODE_LINE_EDIT, AR_LE_HOME, &buf);
	assert_string_equal(buf.data, "Home, Ctrl-A");
	ar_buf_reset(&buf);
	ar_mode_hints(AR_MODE_PICK, ", ", &buf);
	assert_string_equal(buf.data, "Up/Down choose, Enter sets, Esc cancels");
	ar_buf_reset(&buf);
	ar_mode_hints(AR_MODE_FILTER, "  ", &buf);
	assert_string_equal(buf.data, "Enter keep  Esc restore  Up/Down earlier filters");
	ar_buf_reset(&buf);
	ar_mode_hints(AR_MODE_FIELD, "  ", &buf);
	assert_string_equal(buf.data, "Enter keeps  Esc cancels");
	ar_buf_free(&buf);

	/* every mode and every operation of it in artrack(1), with its keys */
	struct ar_buf roff = { 0 };
	ar_actions_roff(&roff);
	assert_non_null(strstr(roff.data, ".SS In a pick list\n"));
	assert_non_null(strstr(roff.data, ".TP\n\\fBCtrl\\-Left\\fR\nMove the cursor to the start of the word"));
	assert_non_null(strstr(roff.data, ".TP\n\\fBUp\\fR, \\fBk\\fR\nMove to the choice above"));
	for (int m = 0; m < AR_MODE_COUNT; m++) {
		const struct ar_mode_info *info = &ar_mode_infos[m];
		assert_non_null(strstr(roff.data, info->title));
		assert_true(info->count > 0);
		assert_non_null(info->keys[0].help); /* an op's first row says what it does */
		for (size_t i = 0; i < info->count; i++) {
			/* each key once per mode, so the lookup and the list agree */
			assert_int_equal(ar_mode_op((enum ar_mode)m, info->keys[i].key), info->keys[i].op);
			if (!info->keys[i].help)
				continue;
			size_t n = strcspn(info->keys[i].help, "-\\\"");
			char *start = ar_xstrndup(info->keys[i].help, n);
			assert_non_null(strstr(roff.data, start));
			free(start);
		}
	}
	ar_buf_free(&roff);
}

static void test_query_history(void **state)
{
	struct ar_query_history h = { 0 };
	ar_query_history_add(&h, "response:rej");
	ar_query_history_add(&h, "lead:pragnell");
	ar_query_history_add(&h, "   ");
	ar_query_history_add(&h, "two\nlines");
	ar_query_history_add(&h, "response:rej"); /* moves to the newest */
	assert_int_equal(h.count, 2);
	assert_string_equal(h.entries[0], "lead:pragnell");
	assert_string_equal(h.entries[1], "response:rej");

	char dir[] = "/tmp/artrack-history.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/state/artrack/history", dir);
	struct ar_error err;
	assert_int_equal(ar_query_history_save(&h, path, &err), AR_OK);
	/* written by the one atomic writer: private when new, no history~, and
	 * a second save replaces the file keeping its mode */
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char backup[300];
	snprintf(backup, sizeof backup, "%s~", path);
	assert_int_equal(access(backup, F_OK), -1);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(ar_query_history_save(&h, path, &err), AR_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(access(backup, F_OK), -1);

	struct ar_query_history back = { 0 };
	char missing[300];
	snprintf(missing, sizeof missing, "%s/none", dir);
	assert_int_equal(ar_query_history_load(&back, missing, &err), AR_OK);
	assert_int_equal(back.count, 0);
	assert_int_equal(ar_query_history_load(&back, path, &err), AR_OK);
	assert_int_equal(back.count, 2);
	assert_string_equal(back.entries[1], "response:rej");

	for (int i = 0; i < AR_QUERY_HISTORY_LIMIT + 10; i++) {
		char q[32];
		snprintf(q, sizeof q, "id:%d", i);
		ar_query_history_add(&back, q);
	}
	assert_int_equal(back.count, AR_QUERY_HISTORY_LIMIT);
	assert_string_equal(back.entries[AR_QUERY_HISTORY_LIMIT - 1], "id:209");
	ar_query_history_free(&back);
	ar_query_history_free(&h);

	/* where it lives */
	setenv("XDG_STATE_HOME", "/x/state", 1);
	char *p = ar_query_history_path();
	assert_string_equal(p, "/x/state/artrack/history");
	free(p);
	setenv("XDG_STATE_HOME", "relative", 1); /* the XDG spec says to ignore it */
	setenv("HOME", "/home/officer", 1);
	p = ar_query_history_path();
	assert_string_equal(p, "/home/officer/.local/state/artrack/history");
	free(p);

	unlink(path);
	snprintf(path, sizeof path, "%s/state/artrack", dir);
	rmdir(path);
	snprintf(path, sizeof path, "%s/state", dir);
	rmdir(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_complete),
		cmocka_unit_test(test_spec_keys),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_roff),
		cmocka_unit_test(test_mode_keys),
		cmocka_unit_test(test_query_history),
	};
	return cmocka_run_group_tests_name("actions", tests, NULL, NULL);
}
