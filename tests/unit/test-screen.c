/* test-screen.c - the cell grid: text, truncation, wide glyphs, inert controls. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/alloc.h"
#include "artrack/screen.h"

static char *row(const struct ar_screen *s, int y)
{
	struct ar_buf b = { 0 };
	ar_screen_row_text(s, y, &b);
	return ar_buf_steal(&b, NULL);
}

static void assert_row(const struct ar_screen *s, int y, const char *want)
{
	char *got = row(s, y);
	assert_string_equal(got, want);
	free(got);
}

static void test_put_and_truncate(void **state)
{
	struct ar_screen *s = ar_screen_new(12, 3);
	assert_row(s, 0, "            ");
	assert_int_equal(ar_screen_puts(s, 1, 0, 20, "Items 36/36", AR_ROLE_TITLE, 0), 11);
	assert_row(s, 0, " Items 36/36");
	assert_int_equal(ar_screen_cell(s, 1, 0)->role, AR_ROLE_TITLE);
	/* cut at the screen's edge, with an ellipsis */
	assert_int_equal(ar_screen_puts(s, 0, 1, 100, "Oxfordshire Healthy Weight", AR_ROLE_NORMAL, 0), 12);
	assert_row(s, 1, "Oxfordshire\xe2\x80\xa6");
	/* and at max_width */
	ar_screen_puts(s, 0, 2, 5, "abcdefgh", AR_ROLE_NORMAL, AR_ATTR_BOLD);
	assert_row(s, 2, "abcd\xe2\x80\xa6       ");
	assert_int_equal(ar_screen_cell(s, 0, 2)->attrs, AR_ATTR_BOLD);
	assert_int_equal(ar_screen_cell(s, 5, 2)->attrs, 0);
	/* nothing outside */
	assert_int_equal(ar_screen_puts(s, 0, 3, 5, "x", AR_ROLE_NORMAL, 0), 0);
	assert_int_equal(ar_screen_puts(s, -1, 0, 5, "x", AR_ROLE_NORMAL, 0), 0);
	assert_int_equal(ar_screen_puts(s, 12, 0, 5, "x", AR_ROLE_NORMAL, 0), 0);
	assert_null(ar_screen_cell(s, 12, 0));
	ar_screen_free(s);
}

static void test_wide(void **state)
{
	struct ar_screen *s = ar_screen_new(5, 2);
	/* 漢字 takes four cells: two glyphs and two continuations */
	assert_int_equal(ar_screen_puts(s, 0, 0, 5, "\xe6\xbc\xa2\xe5\xad\x97", AR_ROLE_NORMAL, 0), 4);
	assert_int_equal(ar_screen_cell(s, 0, 0)->width, 2);
	assert_int_equal(ar_screen_cell(s, 1, 0)->width, 0);
	assert_row(s, 0, "\xe6\xbc\xa2\xe5\xad\x97 ");
	/* overwriting the right half of 漢 blanks its left half */
	ar_screen_puts(s, 1, 0, 1, "x", AR_ROLE_NORMAL, 0);
	assert_row(s, 0, " x\xe5\xad\x97 ");
	/* overwriting the left half of 字 blanks its right half */
	ar_screen_puts(s, 2, 0, 1, "y", AR_ROLE_NORMAL, 0);
	assert_row(s, 0, " xy  ");
	for (int x = 0; x < 5; x++)
		assert_int_equal(ar_screen_cell(s, x, 0)->width, 1);
	/* a wide glyph with one column left is not split: a blank takes its place */
	assert_int_equal(ar_screen_puts(s, 0, 1, 3, "a\xe6\xbc\xa2\xe5\xad\x97", AR_ROLE_NORMAL, 0), 2);
	assert_row(s, 1, "a\xe2\x80\xa6   ");
	ar_screen_clear(s);
	assert_int_equal(ar_screen_puts(s, 4, 1, 5, "\xe6\xbc\xa2", AR_ROLE_NORMAL, 0), 1);
	assert_row(s, 1, "    \xe2\x80\xa6");
	ar_screen_free(s);
}

static void test_inert(void **state)
{
	struct ar_screen *s = ar_screen_new(16, 1);
	ar_screen_puts(s, 0, 0, 16, "a\x1b[2Jb\x07\xc2\x9b" "c", AR_ROLE_NORMAL, 0);
	assert_row(s, 0, "a^[[2Jb^G\xef\xbf\xbd" "c     ");
	assert_int_equal(ar_screen_cell(s, 1, 0)->role, AR_ROLE_INERT);
	assert_string_equal(ar_screen_cell(s, 1, 0)->text, "^");
	assert_string_equal(ar_screen_cell(s, 2, 0)->text, "[");
	assert_int_equal(ar_screen_cell(s, 2, 0)->role, AR_ROLE_INERT);
	assert_int_equal(ar_screen_cell(s, 3, 0)->role, AR_ROLE_NORMAL);
	assert_int_equal(ar_screen_cell(s, 9, 0)->role, AR_ROLE_INERT);
	/* no cell of the screen holds a control character */
	for (int x = 0; x < 16; x++)
		for (const char *p = ar_screen_cell(s, x, 0)->text; *p; p++)
			assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
	ar_screen_free(s);
}

static void test_fill_attrs_cursor_resize(void **state)
{
	struct ar_screen *s = ar_screen_new(6, 3);
	ar_screen_fill(s, 2, 0, 1, 3, "\xe2\x94\x82", AR_ROLE_BORDER, 0);
	assert_row(s, 1, "  \xe2\x94\x82   ");
	assert_int_equal(ar_screen_cell(s, 2, 2)->role, AR_ROLE_BORDER);
	ar_screen_add_attrs(s, 0, 1, 3, AR_ATTR_REVERSE);
	assert_int_equal(ar_screen_cell(s, 0, 1)->attrs, AR_ATTR_REVERSE);
	assert_int_equal(ar_screen_cell(s, 2, 1)->attrs, AR_ATTR_REVERSE);
	assert_int_equal(ar_screen_cell(s, 3, 1)->attrs, 0);
	ar_screen_set_cursor(s, 4, 2);
	assert_int_equal(s->cursor_x, 4);
	ar_screen_set_cursor(s, 9, 2);
	assert_int_equal(s->cursor_x, -1);
	ar_screen_resize(s, 2, 1);
	assert_row(s, 0, "  ");
	ar_screen_resize(s, 0, 0);
	assert_int_equal(ar_screen_puts(s, 0, 0, 5, "x", AR_ROLE_NORMAL, 0), 0);
	ar_screen_free(s);
}

static void test_palette(void **state)
{
	/* Nothing that carries meaning looks like plain text without colour. */
	const enum ar_role meaningful[] = { AR_ROLE_TITLE, AR_ROLE_TITLE_FOCUSED, AR_ROLE_REJECTED, AR_ROLE_OVERDUE,
		                            AR_ROLE_STATUS, AR_ROLE_ERROR, AR_ROLE_INERT, AR_ROLE_KEY };
	for (size_t i = 0; i < sizeof meaningful / sizeof meaningful[0]; i++)
		assert_int_not_equal(ar_role_styles[meaningful[i]].mono_attrs, 0);
	assert_int_not_equal(ar_role_styles[AR_ROLE_TITLE].mono_attrs, ar_role_styles[AR_ROLE_TITLE_FOCUSED].mono_attrs);
	for (int r = 0; r < AR_ROLE_COUNT; r++)
		assert_non_null(ar_role_names[r]);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_and_truncate),
		cmocka_unit_test(test_wide),
		cmocka_unit_test(test_inert),
		cmocka_unit_test(test_fill_attrs_cursor_resize),
		cmocka_unit_test(test_palette),
	};
	return cmocka_run_group_tests_name("screen", tests, NULL, NULL);
}
