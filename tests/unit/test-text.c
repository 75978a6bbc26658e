/* test-text.c - UTF-8 decoding, display widths, inert glyphs, truncation, wrapping. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "artrack/alloc.h"
#include "artrack/text.h"
#include "artrack/inert_stream.h"

static void test_decode(void **state)
{
	uint32_t cp;
	assert_int_equal(ar_utf8_decode("a", 1, &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(ar_utf8_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(ar_utf8_decode("\xe2\x80\x99", 3, &cp), 3);
	assert_int_equal(cp, 0x2019);
	assert_int_equal(ar_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	/* overlong, surrogate, past U+10FFFF, stray continuation, truncated */
	const char *bad[] = { "\xc0\x80", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80", "\xe2\x80", "\xff" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(ar_utf8_decode(bad[i], strlen(bad[i]), &cp), 1);
		assert_int_equal(cp, AR_REPLACEMENT_CHAR);
	}
	char out[4];
	assert_int_equal(ar_utf8_encode(0x2013, out), 3);
	assert_memory_equal(out, "\xe2\x80\x93", 3);
	assert_int_equal(ar_utf8_encode(0x1f600, out), 4);
	assert_int_equal(ar_utf8_encode(0xd800, out), 0);
	assert_int_equal(ar_utf8_encode(0x110000, out), 0);
}

static void test_widths(void **state)
{
	assert_int_equal(ar_char_width('a'), 1);
	assert_int_equal(ar_char_width(0x2019), 1);  /* ’ */
	assert_int_equal(ar_char_width(0x2013), 1);  /* – */
	assert_int_equal(ar_char_width(0x6f22), 2);  /* 漢 */
	assert_int_equal(ar_char_width(0xff21), 2);  /* fullwidth A */
	assert_int_equal(ar_char_width(0x0301), 0);  /* combining acute */
	assert_int_equal(ar_char_width(0x1b), -1);
	assert_int_equal(ar_char_width(0x9b), -1);
	assert_true(ar_char_is_control(0x202e));
	assert_false(ar_char_is_control(0x200f)); /* RLM is harmless */
	assert_int_equal(ar_text_width("caf\xc3\xa9", 5), 4);
	assert_int_equal(ar_text_width("cafe\xcc\x81", 6), 4);
	assert_int_equal(ar_text_width("\xe6\xbc\xa2\xe5\xad\x97", 6), 4);
	assert_int_equal(ar_text_width("a\x1b", 2), 3); /* ^[ takes two columns */
}

static void test_glyphs(void **state)
{
	struct ar_glyph g;
	const char *s = "e\xcc\x81x";
	assert_int_equal(ar_glyph_next(s, strlen(s), &g), 3);
	assert_string_equal(g.text, "e\xcc\x81");
	assert_int_equal(g.width, 1);
	assert_false(g.inert);

	s = "\x1b[31m";
	assert_int_equal(ar_glyph_next(s, strlen(s), &g), 1);
	assert_string_equal(g.text, "^[");
	assert_int_equal(g.width, 2);
	assert_true(g.inert);

	assert_int_equal(ar_glyph_next("\x7f", 1, &g), 1);
	assert_string_equal(g.text, "^?");
	assert_int_equal(ar_glyph_next("\x07", 1, &g), 1);
	assert_string_equal(g.text, "^G");
	assert_int_equal(ar_glyph_next("\xc2\x9b", 2, &g), 2); /* C1 CSI */
	assert_string_equal(g.text, "\xef\xbf\xbd");
	assert_true(g.inert);
	assert_int_equal(ar_glyph_next("\xe2\x80\xae", 3, &g), 3); /* RIGHT-TO-LEFT OVERRIDE */
	assert_true(g.inert);
	assert_int_equal(ar_glyph_next("\xff", 1, &g), 1);
	assert_string_equal(g.text, "\xef\xbf\xbd");
	assert_true(g.inert);
	/* A literal U+FFFD in the data is itself, not a stand-in. */
	assert_int_equal(ar_glyph_next("\xef\xbf\xbd", 3, &g), 3);
	assert_false(g.inert);

	assert_int_equal(ar_glyph_next("\t", 1, &g), 1);
	assert_string_equal(g.text, " ");
	assert_true(g.space);
	assert_int_equal(ar_glyph_next("\n", 1, &g), 1);
	assert_true(g.newline);
	assert_int_equal(ar_glyph_next("\xe2\x80\xa8", 3, &g), 3);
	assert_true(g.newline);

	/* A mark at the start sits on a space. */
	assert_int_equal(ar_glyph_next("\xcc\x81z", 3, &g), 2);
	assert_string_equal(g.text, " \xcc\x81");
	assert_int_equal(g.width, 1);

	/* Endless marks are taken but not kept beyond the glyph's room. */
	struct ar_buf zalgo = { 0 };
	ar_buf_adds(&zalgo, "a");
	for (int i = 0; i < 50; i++)
		ar_buf_adds(&zalgo, "\xcc\x81");
	ar_buf_adds(&zalgo, "b");
	assert_int_equal(ar_glyph_next(zalgo.data, zalgo.len, &g), zalgo.len - 1);
	assert_true(g.len < AR_GLYPH_MAX);
	assert_int_equal(g.width, 1);
	ar_buf_free(&zalgo);
}

static void check_shown(const char *in, int width, const char *want, int want_width)
{
	struct ar_buf out = { 0 };
	int w = ar_text_shown(in, strlen(in), width, &out);
	assert_string_equal(out.data, want);
	assert_int_equal(w, want_width);
	ar_buf_free(&out);
}

static void test_shown_and_truncate(void **state)
{
	check_shown("abc\x1b[2Jdef", -1, "abc^[[2Jdef", 11);
	check_shown("bell\x07", -1, "bell^G", 6);
	check_shown("two\nlines\tand tab", -1, "two lines and tab", 17);
	check_shown("Oxfordshire Healthy Weight", 10, "Oxfordshi\xe2\x80\xa6", 10);
	check_shown("Primary Care", 12, "Primary Care", 12);
	check_shown("Primary Care", 0, "", 0);
	check_shown("Primary Care", 1, "\xe2\x80\xa6", 1);
	/* wide characters are never cut in half */
	check_shown("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97", 5, "\xe6\xbc\xa2\xe5\xad\x97\xe2\x80\xa6", 5);
	check_shown("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97", 4, "\xe6\xbc\xa2\xe2\x80\xa6", 3);
	/* the curly apostrophe and the en dash stay themselves */
	check_shown("wasn\xe2\x80\x99t \xe2\x80\x93 ok", -1, "wasn\xe2\x80\x99t \xe2\x80\x93 ok", 11);

	int used;
	assert_int_equal(ar_text_fit("abcdef", 6, 4, &used), 4);
	assert_int_equal(used, 4);
	assert_int_equal(ar_text_fit("a\xe6\xbc\xa2" "b", 5, 2, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(ar_text_fit("cafe\xcc\x81!", 7, 4, &used), 6); /* the mark stays with its e */
}

/* Wrap in and compare the lines with want (NULL-terminated). */
static void check_wrap(const char *in, int width, const char *const *want)
{
	struct ar_wrapped w = { 0 };
	ar_text_wrap(in, strlen(in), width, &w);
	size_t n = 0;
	while (want[n])
		n++;
	for (size_t i = 0; i < w.count && i < n; i++) {
		char *got = ar_xstrndup(in + w.lines[i].start, w.lines[i].len);
		assert_string_equal(got, want[i]);
		assert_int_equal(w.lines[i].width, ar_text_width(want[i], strlen(want[i])));
		assert_true(w.lines[i].width <= width || w.lines[i].len == strlen(want[i]));
		free(got);
	}
	assert_int_equal(w.count, n);
	ar_wrapped_free(&w);
}

static void test_wrap(void **state)
{
	check_wrap("the quick brown fox", 10, (const char *[]){ "the quick", "brown fox", NULL });
	check_wrap("the quick brown fox", 100, (const char *[]){ "the quick brown fox", NULL });
	check_wrap("abcdefghijkl", 5, (const char *[]){ "abcde", "fghij", "kl", NULL });
	check_wrap("aa   bb", 4, (const char *[]){ "aa", "bb", NULL });
	check_wrap("a\n\nb", 10, (const char *[]){ "a", "", "b", NULL });
	check_wrap("a\n", 10, (const char *[]){ "a", NULL });
	check_wrap("", 10, (const char *[]){ NULL });
	check_wrap("  indented\nline", 20, (const char *[]){ "  indented", "line", NULL });
	/* spaces that end a line do not start the next, nor make an empty one */
	check_wrap("aaaa bbbb   \nccc", 9, (const char *[]){ "aaaa bbbb", "ccc", NULL });
	/* wide characters: measured as two, broken between */
	check_wrap("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97", 5,
	           (const char *[]){ "\xe6\xbc\xa2\xe5\xad\x97", "\xe6\xbc\xa2\xe5\xad\x97", "\xe6\xbc\xa2\xe5\xad\x97",
	                             NULL });
	check_wrap("ab \xe6\xbc\xa2\xe5\xad\x97", 4, (const char *[]){ "ab", "\xe6\xbc\xa2\xe5\xad\x97", NULL });
	/* combining marks take no room */
	check_wrap("cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81", 9,
	           (const char *[]){ "cafe\xcc\x81 cafe\xcc\x81", "cafe\xcc\x81", NULL });
	/* a glyph wider than the width still goes somewhere, one a line */
	check_wrap("\xe6\xbc\xa2\xe5\xad\x97", 1, (const char *[]){ "\xe6\xbc\xa2", "\xe5\xad\x97", NULL });
	check_wrap("abc", 0, (const char *[]){ "a", "b", "c", NULL });
	/* the reference's own words */
	check_wrap("This wasn\xe2\x80\x99t part of the discussion at the meeting", 16,
	           (const char *[]){ "This wasn\xe2\x80\x99t part", "of the", "discussion at", "the meeting", NULL });
}

/* Output for pipes and files: controls inert, line breaks and tabs kept,
 * everything else byte for byte. */
static void test_inert(void **state)
{
	static const char in[] = "a\x1b[2J\tb\nc\xc2\x9b d\x07\x7f\r\xe2\x80\xae caf\xc3\xa9 \xe2\x80\x99 \xff";
	struct ar_buf out = {0};
	ar_text_inert(in, sizeof in - 1, &out);
	assert_string_equal(out.data, "a^[[2J\tb\nc\xef\xbf\xbd d^G^?^M\xef\xbf\xbd caf\xc3\xa9 \xe2\x80\x99 \xef\xbf\xbd");
	assert_int_equal(ar_text_inert_run(in, sizeof in - 1), 1);
	assert_int_equal(ar_text_inert_run("plain \xe2\x80\x99 text\n", 15), 15);
	ar_buf_free(&out);
}

/* stderr through ar_inert_stream: the same, even for a character split
 * across two writes. */
static void test_inert_stream(void **state)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	FILE *fp = ar_inert_stream(fds[1]);
	if (!fp)
		skip();
	fputs("file x\x1b]0;T\x07.yaml: caf\xc3", fp);
	fflush(fp);
	fputs("\xa9\n", fp);
	fputs("split \xe2\x80", fp);
	fflush(fp);
	fputs("\xae end \xc3", fp);
	fclose(fp);
	close(fds[1]);
	char got[200];
	ssize_t n = read(fds[0], got, sizeof got - 1);
	assert_true(n > 0);
	got[n] = '\0';
	close(fds[0]);
	assert_string_equal(got, "file x^[]0;T^G.yaml: caf\xc3\xa9\nsplit \xef\xbf\xbd end \xef\xbf\xbd");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_inert),
		cmocka_unit_test(test_inert_stream),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_glyphs),
		cmocka_unit_test(test_shown_and_truncate),
		cmocka_unit_test(test_wrap),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
