/* test-lineedit.c - the single-line editor: UTF-8 cursor movement, editing
 * keys, kills and yanks, and the visible window with wide characters. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "artrack/lineedit.h"

static void apply_n(struct ar_lineedit *le, enum ar_lineedit_op op, int n)
{
	for (int i = 0; i < n; i++)
		ar_lineedit_apply(le, op);
}

static void test_cursor_moves_by_character(void **state)
{
	struct ar_lineedit le;
	/* ’ and – are 3 bytes, é 2, 日 and 本 3 bytes and 2 columns each. */
	ar_lineedit_init(&le, "’ – é 日本");
	assert_int_equal(le.cursor, strlen("’ – é 日本"));
	assert_int_equal(ar_lineedit_cursor_column(&le), 10);
	assert_true(ar_lineedit_apply(&le, AR_LE_LEFT));
	assert_int_equal(le.cursor, strlen("’ – é 日"));
	assert_int_equal(ar_lineedit_cursor_column(&le), 8);
	apply_n(&le, AR_LE_LEFT, 3);
	assert_int_equal(le.cursor, strlen("’ – "));
	assert_int_equal(ar_lineedit_cursor_column(&le), 4);
	assert_true(ar_lineedit_apply(&le, AR_LE_HOME));
	assert_int_equal(le.cursor, 0);
	assert_false(ar_lineedit_apply(&le, AR_LE_LEFT)); /* nothing to do: the UI may beep */
	assert_true(ar_lineedit_apply(&le, AR_LE_RIGHT));
	assert_int_equal(le.cursor, strlen("’"));
	assert_true(ar_lineedit_apply(&le, AR_LE_END));
	assert_false(ar_lineedit_apply(&le, AR_LE_RIGHT));
	ar_lineedit_free(&le);

	/* A letter and its combining accent are one character. */
	ar_lineedit_init(&le, "Cafe\xcc\x81!");
	apply_n(&le, AR_LE_LEFT, 2);
	assert_int_equal(le.cursor, 3);
	assert_true(ar_lineedit_apply(&le, AR_LE_DELETE));
	assert_string_equal(ar_lineedit_text(&le), "Caf!");
	ar_lineedit_free(&le);
}

static void test_insert_and_delete(void **state)
{
	struct ar_lineedit le;
	ar_lineedit_init(&le, NULL);
	assert_string_equal(ar_lineedit_text(&le), "");
	assert_false(ar_lineedit_apply(&le, AR_LE_BACKSPACE));
	assert_true(ar_lineedit_insert(&le, "日本", strlen("日本")));
	ar_lineedit_apply(&le, AR_LE_LEFT);
	assert_true(ar_lineedit_insert(&le, "’é", strlen("’é")));
	assert_string_equal(ar_lineedit_text(&le), "日’é本");
	assert_int_equal(le.cursor, strlen("日’é"));
	assert_true(ar_lineedit_apply(&le, AR_LE_BACKSPACE));
	assert_string_equal(ar_lineedit_text(&le), "日’本");
	assert_true(ar_lineedit_apply(&le, AR_LE_DELETE));
	assert_string_equal(ar_lineedit_text(&le), "日’");
	assert_false(ar_lineedit_apply(&le, AR_LE_DELETE));
	assert_true(ar_lineedit_apply(&le, AR_LE_BACKSPACE));
	assert_true(ar_lineedit_apply(&le, AR_LE_BACKSPACE));
	assert_string_equal(ar_lineedit_text(&le), "");

	/* Pasted text stays on one line and is valid UTF-8. */
	assert_true(ar_lineedit_insert(&le, "a\tb\nc\x1b[31md\xff", 12));
	assert_string_equal(ar_lineedit_text(&le), "a b c[31md\xef\xbf\xbd");
	assert_false(ar_lineedit_insert(&le, "\x07\x1b", 2));

	/* A combining mark typed before another lands the cursor after both. */
	ar_lineedit_free(&le);
	ar_lineedit_init(&le, "e\xcc\x81");
	le.cursor = 1; /* as if it were left inside the glyph */
	assert_true(ar_lineedit_insert(&le, "\xcc\x88", 2));
	assert_int_equal(le.cursor, 5);
	ar_lineedit_free(&le);
}

static void test_kill_and_yank(void **state)
{
	struct ar_lineedit le;
	bool handled;
	ar_lineedit_init(&le, "Julie Dandridge – ICB");
	assert_true(ar_lineedit_ctrl(&le, 'w', &handled));
	assert_true(handled);
	assert_string_equal(ar_lineedit_text(&le), "Julie Dandridge – ");
	assert_true(ar_lineedit_ctrl(&le, 'W', &handled));
	assert_string_equal(ar_lineedit_text(&le), "Julie Dandridge ");
	assert_true(ar_lineedit_ctrl(&le, 'Y', &handled)); /* the last kill comes back */
	assert_string_equal(ar_lineedit_text(&le), "Julie Dandridge – ");

	assert_true(ar_lineedit_ctrl(&le, 'a', &handled));
	assert_int_equal(le.cursor, 0);
	assert_true(ar_lineedit_apply(&le, AR_LE_WORD_RIGHT));
	assert_int_equal(le.cursor, 5);
	assert_true(ar_lineedit_ctrl(&le, 'k', &handled));
	assert_string_equal(ar_lineedit_text(&le), "Julie");
	assert_false(ar_lineedit_ctrl(&le, 'e', &handled)); /* already at the end */
	assert_true(handled);
	assert_true(ar_lineedit_ctrl(&le, 'y', &handled));
	assert_string_equal(ar_lineedit_text(&le), "Julie Dandridge – ");
	assert_true(ar_lineedit_apply(&le, AR_LE_WORD_LEFT));
	assert_int_equal(le.cursor, strlen("Julie Dandridge "));
	assert_true(ar_lineedit_apply(&le, AR_LE_WORD_LEFT));
	assert_int_equal(le.cursor, strlen("Julie "));
	assert_true(ar_lineedit_ctrl(&le, 'u', &handled));
	assert_string_equal(ar_lineedit_text(&le), "Dandridge – ");
	assert_int_equal(le.cursor, 0);
	assert_false(ar_lineedit_ctrl(&le, 'u', &handled));

	assert_false(ar_lineedit_ctrl(&le, 'Z', &handled));
	assert_false(handled);
	assert_true(ar_lineedit_ctrl(&le, 'f', &handled));
	assert_int_equal(le.cursor, 1);
	assert_true(ar_lineedit_ctrl(&le, 'd', &handled));
	assert_true(ar_lineedit_ctrl(&le, 'b', &handled));
	assert_true(ar_lineedit_ctrl(&le, 'h', &handled) == false); /* at the start already */
	assert_string_equal(ar_lineedit_text(&le), "Dndridge – ");
	ar_lineedit_free(&le);
}

static void test_view_scrolls_to_cursor(void **state)
{
	struct ar_lineedit le;
	struct ar_lineedit_view v;
	ar_lineedit_init(&le, "0123456789");
	ar_lineedit_view(&le, 5, &v);
	assert_int_equal(v.start, 6);
	assert_int_equal(v.len, 4);
	assert_int_equal(v.cursor_col, 4);
	assert_true(v.more_left);
	assert_false(v.more_right);

	/* Moving inside the window does not scroll it. */
	apply_n(&le, AR_LE_LEFT, 3);
	ar_lineedit_view(&le, 5, &v);
	assert_int_equal(v.start, 6);
	assert_int_equal(v.cursor_col, 1);
	apply_n(&le, AR_LE_LEFT, 2);
	ar_lineedit_view(&le, 5, &v);
	assert_int_equal(v.start, 5);
	assert_int_equal(v.cursor_col, 0);

	ar_lineedit_apply(&le, AR_LE_HOME);
	ar_lineedit_view(&le, 5, &v);
	assert_int_equal(v.start, 0);
	assert_int_equal(v.len, 5);
	assert_int_equal(v.cursor_col, 0);
	assert_false(v.more_left);
	assert_true(v.more_right);

	/* Text that fits shows whole, even after it was scrolled. */
	ar_lineedit_apply(&le, AR_LE_END);
	ar_lineedit_view(&le, 5, &v);
	ar_lineedit_ctrl(&le, 'U', NULL);
	ar_lineedit_insert(&le, "abc", 3);
	ar_lineedit_view(&le, 5, &v);
	assert_int_equal(v.start, 0);
	assert_int_equal(v.len, 3);
	assert_int_equal(v.cursor_col, 3);
	ar_lineedit_free(&le);
}

static void test_view_wide_characters(void **state)
{
	struct ar_lineedit le;
	struct ar_lineedit_view v;
	/* Seven characters, two columns each: 14 columns. */
	ar_lineedit_init(&le, "日本語テキスト");
	ar_lineedit_view(&le, 5, &v);
	assert_int_equal(v.start, strlen("日本語テキ"));
	assert_int_equal(v.len, strlen("スト"));
	assert_int_equal(v.lead, 0);
	assert_int_equal(v.cursor_col, 4);

	/* An odd width cuts a wide character at the left edge: a blank stands in. */
	le.scroll = 0;
	ar_lineedit_view(&le, 4, &v);
	assert_int_equal(v.start, strlen("日本語テキス"));
	assert_int_equal(v.len, strlen("ト"));
	assert_int_equal(v.lead, 1);
	assert_int_equal(v.cursor_col, 3);

	/* ...and at the right edge it is left out rather than half drawn. */
	ar_lineedit_apply(&le, AR_LE_HOME);
	ar_lineedit_view(&le, 5, &v);
	assert_int_equal(v.start, 0);
	assert_int_equal(v.len, strlen("日本"));
	assert_true(v.more_right);
	assert_int_equal(v.cursor_col, 0);

	/* A width of one still shows where the cursor is. */
	ar_lineedit_view(&le, 0, &v);
	assert_int_equal(v.cursor_col, 0);
	ar_lineedit_free(&le);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursor_moves_by_character),
		cmocka_unit_test(test_insert_and_delete),
		cmocka_unit_test(test_kill_and_yank),
		cmocka_unit_test(test_view_scrolls_to_cursor),
		cmocka_unit_test(test_view_wide_characters),
	};
	return cmocka_run_group_tests_name("lineedit", tests, NULL, NULL);
}
