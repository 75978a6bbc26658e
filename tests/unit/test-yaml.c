/* test-yaml.c - the loader's rules and messages, the canonical saver, tricky
 * strings, unknown keys, single items as YAML, and hostile input. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "artrack/hash.h"
#include "artrack/yamlio.h"
#include "artrack/layout.h"

/* ---- helpers ---- */

static char *read_fixture(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", top ? top : ".", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	struct ar_buf b = {0};
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ar_buf_add(&b, chunk, n);
	fclose(f);
	return ar_buf_steal(&b, len);
}

/* "LINE:COLUMN: MESSAGE\n" for each problem. */
static char *diags_text(const struct ar_diags *d)
{
	struct ar_buf b = {0};
	for (size_t i = 0; i < d->count; i++)
		ar_buf_addf(&b, "%d:%d: %s\n", d->items[i].line, d->items[i].column, d->items[i].message);
	return ar_buf_steal(&b, NULL);
}

/* Load yaml; the problems must be exactly `want` ("" = loads fine). */
static void expect_problems(const char *yaml, const char *want)
{
	struct ar_tracker *t = NULL;
	struct ar_diags d = {0};
	enum ar_rc rc = ar_load_buffer(yaml, strlen(yaml), &t, &d);
	char *got = diags_text(&d);
	if (strcmp(got, want) != 0)
		fail_msg("input:\n%s\n--- got:\n%s--- wanted:\n%s", yaml, got, want);
	assert_int_equal(rc, want[0] ? AR_EDATA : AR_OK);
	if (want[0])
		assert_null(t);
	else
		assert_non_null(t);
	free(got);
	ar_diags_free(&d);
	ar_tracker_free(t);
}

static struct ar_tracker *load_ok(const char *yaml, size_t len)
{
	struct ar_tracker *t = NULL;
	struct ar_diags d = {0};
	enum ar_rc rc = ar_load_buffer(yaml, len, &t, &d);
	if (rc != AR_OK) {
		char *got = diags_text(&d);
		fail_msg("did not load:\n%s\n%s", got, yaml);
	}
	ar_diags_free(&d);
	return t;
}

static char *save(const struct ar_tracker *t, size_t *len)
{
	struct ar_buf b = {0};
	struct ar_error err;
	assert_int_equal(ar_layout_write_canonical(t, &b, &err), AR_OK);
	return ar_buf_steal(&b, len);
}

/* load then save */
static char *fmt(const char *yaml)
{
	struct ar_tracker *t = load_ok(yaml, strlen(yaml));
	char *out = save(t, NULL);
	ar_tracker_free(t);
	return out;
}

#define HEAD "artrack: 1\nmeetings:\n- date: 2022-11-24\nitems:\n"
/* a valid item, 4 lines */
#define ITEM(id) "- id: " #id "\n  topic: t\n  kind: action\n  status: open\n"

/* ---- the document ---- */

static void test_document_rules(void **state)
{
	expect_problems(HEAD ITEM(1), "");
	expect_problems("", "1:1: empty file: no tracker in it\n");
	expect_problems("# nothing\n# here\n", "1:1: empty file: no tracker in it\n");
	expect_problems("artrack: 1\nitems: []\n---\nartrack: 1\nitems: []\n",
	                "3:1: more than one document (a file holds one tracker)\n");
	expect_problems("- a\n- b\n", "1:1: the top level must be the tracker mapping, not a sequence\n");
	expect_problems("just words\n", "1:1: the top level must be the tracker mapping, not 'just words'\n");
	expect_problems("meetings: []\nitems: []\n", "1:1: missing 'artrack: 1' (the format version)\n");
	expect_problems("artrack: 1\n", "1:1: missing 'items'\n");
	expect_problems("artrack: 2\nitems: []\n", "1:10: unsupported format version 2; this artrack reads version 1\n");
	expect_problems("artrack: \"1\"\nitems: []\n",
	                "1:10: 'artrack' must be the number 1, not the quoted string '1'\n");
	expect_problems("artrack: one\nitems: []\n", "1:10: 'artrack' must be the format version 1, not 'one'\n");
	expect_problems("artrack: 1\nitems: {}\n", "2:8: 'items' must be a sequence, not a mapping\n");
	expect_problems("artrack: 1\nitems:\n", "2:7: 'items' must be a sequence, not an empty value\n");
	expect_problems("artrack: 1\nmeetings: 2022-11-24\nitems: []\n",
	                "2:11: 'meetings' must be a sequence, not '2022-11-24'\n");
	expect_problems("artrack: 1\ncommittee: [a, b]\nitems: []\n", "2:12: 'committee' must be a string, not a sequence\n");
	expect_problems("artrack: 1\nas_of: 2023-02-30\nitems: []\n",
	                "2:8: '2023-02-30' is not a valid date (YYYY-MM-DD)\n");
	static const char utf16[] = "\xFF\xFE" "a\0:\0 \0" "1\0\n\0";
	struct ar_tracker *t = NULL;
	struct ar_diags d = {0};
	assert_int_equal(ar_load_buffer(utf16, sizeof utf16 - 1, &t, &d), AR_EDATA);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message, "the file is UTF-16; artrack reads UTF-8");
	ar_diags_free(&d);
	/* a UTF-8 BOM is fine */
	expect_problems("\xEF\xBB\xBF" HEAD ITEM(1), "");
}

static void test_yaml_features_refused(void **state)
{
	expect_problems(HEAD "- id: 1\n  topic: &a x\n  text: *a\n  kind: action\n  status: open\n",
	                "6:10: aliases and anchors are not allowed\n"
	                "7:9: aliases and anchors are not allowed\n");
#define CORE_TAGS "(only the YAML core schema's !!str, !!int, !!float, !!bool, !!null, !!seq, !!map and !!timestamp)"
	expect_problems("artrack: 1\nitems: []\nx: !local 1\n", "3:4: tag '!local' is not allowed " CORE_TAGS "\n");
	/* Tags under the standard prefix that ask for a language's objects
	 * (issue 16): PyYAML's unsafe loaders run these. */
	expect_problems("artrack: 1\nitems: []\nx: !!python/object/apply:os.system [\"echo hi\"]\n",
	                "3:4: tag '!!python/object/apply:os.system' is not allowed " CORE_TAGS "\n");
	expect_problems("artrack: 1\nitems: []\nx: !!binary aGk=\ny: !!set {a: null}\nz: !!omap [a: 1]\n"
	                "w: !<tag:example.com,2024:x> 1\nv: ! 1\n",
	                "3:4: tag '!!binary' is not allowed " CORE_TAGS "\n"
	                "4:4: tag '!!set' is not allowed " CORE_TAGS "\n"
	                "5:4: tag '!!omap' is not allowed " CORE_TAGS "\n"
	                "6:4: tag 'tag:example.com,2024:x' is not allowed " CORE_TAGS "\n"
	                "7:4: tag '!' is not allowed " CORE_TAGS "\n");
	expect_problems(HEAD "- id: 1\n  topic: !!python/str 7\n  kind: action\n  status: open\n",
	                "6:10: tag '!!python/str' is not allowed " CORE_TAGS "\n");
	/* every core schema tag, kept on unknown keys */
	expect_problems("artrack: 1\nitems: []\nx: !!map {a: !!str b, c: !!int 1, d: !!float 1.5, e: !!bool true, "
	                "f: !!null null, g: !!timestamp 2024-01-01, h: !!seq [1]}\n", "");
	expect_problems(HEAD "- id: 1\n  topic: !!int 7\n  kind: action\n  status: open\n",
	                "6:10: 'topic' cannot be tagged !!int\n");
	/* standard tags that say what the value is are fine, and kept on unknown keys */
	expect_problems(HEAD "- id: !!int 1\n  topic: !!str 7\n  kind: action\n  status: open\n  x: !!float 1\n", "");
	expect_problems("artrack: 1\nitems: []\n[a]: 1\n", "3:1: a key must be a string, not a sequence\n");
	expect_problems("artrack: 1\nitems: []\nx:\n  {a: 1}: 2\n", "4:3: a key must be a string, not a mapping\n");
	expect_problems(HEAD "- id: 1\n  topic: \"a\\0b\"\n  kind: action\n  status: open\n",
	                "6:10: 'topic' may not contain a NUL character\n");
}

static void test_duplicate_keys(void **state)
{
	expect_problems("artrack: 1\nitems: []\nartrack: 1\n", "3:1: duplicate key 'artrack' (first at line 1)\n");
	expect_problems(HEAD "- id: 1\n  topic: a\n  kind: action\n  status: open\n  topic: b\n",
	                "9:3: duplicate key 'topic' (first at line 6)\n");
	expect_problems(HEAD ITEM(1) "  updates:\n  - text: a\n    by: x\n    text: b\n",
	                "12:5: duplicate key 'text' (first at line 10)\n");
	expect_problems("artrack: 1\nmeetings:\n- date: 2022-11-24\n  date: 2022-11-25\nitems: []\n",
	                "4:3: duplicate key 'date' (first at line 3)\n");
	/* unknown keys, and inside unknown values */
	expect_problems("artrack: 1\nx: 1\nitems: []\nx: 2\n", "4:1: duplicate key 'x' (first at line 2)\n");
	expect_problems("artrack: 1\nitems: []\nx:\n  a: 1\n  b:\n    c: 1\n    c: 2\n  a: 3\n",
	                "7:5: duplicate key 'c' (first at line 6)\n"
	                "8:3: duplicate key 'a' (first at line 4)\n");
	expect_problems("artrack: 1\nitems: []\nx: {a: 1, b: 2, a: 3}\n", "3:17: duplicate key 'a' (first at line 3)\n");
}

static void test_duplicate_keys_many(void **state)
{
	/* enough keys to switch the duplicate check to its hash index */
	struct ar_buf b = {0};
	ar_buf_adds(&b, "artrack: 1\nitems: []\nx:\n");
	for (int i = 0; i < 500; i++)
		ar_buf_addf(&b, "  k%d: %d\n", i, i);
	ar_buf_adds(&b, "  k250: again\n");
	expect_problems(b.data, "504:3: duplicate key 'k250' (first at line 254)\n");
	ar_buf_free(&b);
}

static void test_meeting_rules(void **state)
{
	expect_problems("artrack: 1\nmeetings:\n- date: 2022-11-24\n  title: A\n- date: 2022-11-24\nitems: []\n",
	                "5:9: duplicate meeting 2022-11-24 (first at line 3)\n");
	expect_problems("artrack: 1\nmeetings:\n- title: A\nitems: []\n", "3:3: meeting is missing 'date'\n");
	expect_problems("artrack: 1\nmeetings:\n- date: 2022-13-01\nitems: []\n",
	                "3:9: '2022-13-01' is not a valid date (YYYY-MM-DD)\n");
	expect_problems("artrack: 1\nmeetings:\n- date: 2022-11\nitems: []\n",
	                "3:9: '2022-11' is not a valid date (YYYY-MM-DD)\n");
	expect_problems("artrack: 1\nmeetings:\n- 2022-11-24\nitems: []\n",
	                "3:3: a meeting must be a mapping, not '2022-11-24'\n");
	expect_problems("artrack: 1\nmeetings:\n- date: 2022-11-24\n  title: {a: b}\nitems: []\n",
	                "4:10: 'title' must be a string, not a mapping\n");
	/* quoted dates are dates too */
	expect_problems("artrack: 1\nmeetings:\n- date: '2022-11-24'\nitems:\n- id: 1\n  meeting: \"2022-11-24\"\n"
	                "  topic: t\n  kind: action\n  status: open\n",
	                "");
}

static void test_item_rules(void **state)
{
	expect_problems(HEAD "- topic: t\n  kind: action\n  status: open\n", "5:3: item is missing 'id'\n");
	expect_problems(HEAD "- id: \"7\"\n  topic: t\n  kind: action\n  status: open\n",
	                "5:7: id must be a positive integer, not the quoted string '7'\n");
	expect_problems(HEAD "- id: 0\n  topic: t\n  kind: action\n  status: open\n",
	                "5:7: id must be a positive integer, not '0'\n");
	expect_problems(HEAD "- id: 07\n  topic: t\n  kind: action\n  status: open\n",
	                "5:7: id must be a positive integer, not '07'\n");
	expect_problems(HEAD "- id: -3\n  topic: t\n  kind: action\n  status: open\n",
	                "5:7: id must be a positive integer, not '-3'\n");
	expect_problems(HEAD "- id: 1.5\n  topic: t\n  kind: action\n  status: open\n",
	                "5:7: id must be a positive integer, not '1.5'\n");
	expect_problems(HEAD ITEM(7) ITEM(8) ITEM(7), "13:7: duplicate id 7 (first at line 5)\n");
	/* ids out of order take the other path; the first id may not be first */
	expect_problems(HEAD ITEM(9) ITEM(3) "- topic: t\n  id: 9\n  kind: action\n  status: open\n" ITEM(3),
	                "14:7: duplicate id 9 (first at line 5)\n"
	                "17:7: duplicate id 3 (first at line 9)\n");
	expect_problems(HEAD ITEM(1) ITEM(2) ITEM(5) ITEM(4) ITEM(3), "");
	expect_problems(HEAD "- id: 1\n  meeting: 2022-11-25\n  topic: t\n  kind: action\n  status: open\n",
	                "6:12: meeting 2022-11-25 is not in meetings\n");
	/* meetings may follow the items */
	expect_problems("artrack: 1\nitems:\n- id: 1\n  meeting: 2022-11-25\n  topic: t\n  kind: action\n"
	                "  status: open\nmeetings:\n- date: 2022-11-25\n",
	                "");
	expect_problems(HEAD "- id: 1\n  kind: action\n  status: open\n", "5:3: item has neither 'topic' nor 'text'\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  status: open\n",
	                "5:3: item is missing 'kind' (action or recommendation)\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n",
	                "5:3: item is missing 'status' (open, in-progress, completed or closed)\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: task\n  status: open\n",
	                "7:9: kind 'task' is not one of action, recommendation\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: bogus\n",
	                "8:11: status 'bogus' is not one of open, in-progress, completed, closed\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  response: accepted\n",
	                "9:3: an action has no response\n");
	/* the response may come before the kind */
	expect_problems(HEAD "- id: 1\n  response: noted\n  text: t\n  kind: action\n  status: open\n",
	                "6:3: an action has no response\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: recommendation\n  status: open\n  response: maybe\n",
	                "9:13: response 'maybe' is not one of pending, accepted, partially-accepted, rejected, noted\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  due: 2024-13\n",
	                "9:8: '2024-13' is not a valid due date (YYYY-MM or YYYY-MM-DD)\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  due: April 2024\n",
	                "9:8: 'April 2024' is not a valid due date (YYYY-MM or YYYY-MM-DD)\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  leads: Someone\n",
	                "9:10: 'leads' must be a sequence of strings, not 'Someone'\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  leads: [a, [b]]\n",
	                "9:14: a lead must be a string, not a sequence\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  updates: none\n",
	                "9:12: 'updates' must be a sequence of mappings, not 'none'\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  updates:\n  - just text\n",
	                "10:5: an update must be a mapping, not 'just text'\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  updates:\n  - by: me\n",
	                "10:5: update is missing 'text'\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  updates:\n  - date: 2023-02-29\n"
	                "    text: x\n",
	                "10:11: '2023-02-29' is not a valid date (YYYY-MM-DD)\n");
	expect_problems(HEAD "- just an item\n", "5:3: an item must be a mapping, not 'just an item'\n");
}

static void test_every_problem_reported(void **state)
{
	expect_problems("artrack: 2\n"
	                "meetings:\n"
	                "- date: 2022-11-24\n"
	                "- date: 2022-11-24\n"
	                "items:\n"
	                "- id: 7\n"
	                "  meeting: 2022-11-25\n"
	                "  kind: action\n"
	                "  status: bogus\n"
	                "  response: accepted\n"
	                "  topic: a\n"
	                "  topic: b\n"
	                "- id: 7\n"
	                "  kind: recommendation\n",
	                "1:10: unsupported format version 2; this artrack reads version 1\n"
	                "4:9: duplicate meeting 2022-11-24 (first at line 3)\n"
	                "7:12: meeting 2022-11-25 is not in meetings\n"
	                "9:11: status 'bogus' is not one of open, in-progress, completed, closed\n"
	                "10:3: an action has no response\n"
	                "12:3: duplicate key 'topic' (first at line 11)\n"
	                "13:3: item has neither 'topic' nor 'text'\n"
	                "13:3: item is missing 'status' (open, in-progress, completed or closed)\n"
	                "13:7: duplicate id 7 (first at line 6)\n");
}

static void test_too_many_problems(void **state)
{
	struct ar_buf b = {0};
	ar_buf_adds(&b, "artrack: 1\nitems:\n");
	for (int i = 0; i < 1500; i++)
		ar_buf_adds(&b, "- id: 0\n");
	struct ar_tracker *t = NULL;
	struct ar_diags d = {0};
	assert_int_equal(ar_load_buffer(b.data, b.len, &t, &d), AR_EDATA);
	assert_int_equal(d.count, 1001);
	assert_string_equal(d.items[1000].message, "too many problems; stopped after 1000");
	ar_diags_free(&d);
	ar_buf_free(&b);
}

static void test_syntax_errors(void **state)
{
	expect_problems("artrack: 1\nitems:\n- id: 1\n  topic: [unclosed\n",
	                "4:10: 'topic' must be a string, not a sequence\n"
	                "5:1: did not find expected ',' or ']' (while parsing a flow sequence at line 4)\n");
	expect_problems("artrack: 1\nitems:\n\t- id: 1\n",
	                "3:1: found character that cannot start any token (while scanning for the next token at line 3)\n");
	expect_problems("artrack: 1\nitems:\n- id: 1\n  topic: \"abc",
	                "4:14: found unexpected end of stream (while scanning a quoted scalar at line 4)\n");
	/* libyaml hands over the plain scalar "1 items" before it sees the error */
	expect_problems("artrack: 1\n  items: []\n", "1:10: 'artrack' must be the format version 1, not '1 items'\n"
	                                             "2:8: mapping values are not allowed in this context\n");
	/* reader errors: libyaml gives a byte offset; we give line and column
	 * in characters */
	expect_problems("artrack: 1\nitems:\n- id: 1\n  topic: caf\xC3\xA9 \xFF\n",
	                "4:15: this file is not UTF-8 text (byte 0xFF): save it as UTF-8 (iconv -f ENCODING -t UTF-8 "
	                "FILE > NEW converts a file in another encoding)\n");
	expect_problems("artrack: 1\nitems:\n- id: 1\n  topic: caf\xC3\xA9 \x1B[31m\n",
	                "4:15: control character U+001B is not allowed in YAML: remove it, or write it as an escape "
	                "in a double-quoted string (\"\\x1B\")\n");
	expect_problems("\xEF\xBB\xBF" "ab\xC3(: 1\n", "1:3: this file is not UTF-8 text (byte 0xC3): save it as "
	                "UTF-8 (iconv -f ENCODING -t UTF-8 FILE > NEW converts a file in another encoding)\n");
}

/* What libyaml says about files in another encoding and over-long keys
 * misleads (issue 16): say what the officer can do. */
static void expect_load_problems(const char *yaml, size_t len, const char *want)
{
	struct ar_tracker *t = NULL;
	struct ar_diags d = {0};
	assert_int_equal(ar_load_buffer(yaml, len, &t, &d), AR_EDATA);
	char *got = diags_text(&d);
	if (strcmp(got, want) != 0)
		fail_msg("--- got:\n%s--- wanted:\n%s", got, want);
	free(got);
	ar_diags_free(&d);
}

/* s as UTF-16 without a byte-order mark (s is ASCII). */
static size_t utf16(const char *s, bool big_endian, char *out)
{
	size_t n = 0;
	for (; *s; s++) {
		out[n++] = big_endian ? '\0' : *s;
		out[n++] = big_endian ? *s : '\0';
	}
	return n;
}

static void test_other_encodings_and_long_keys(void **state)
{
	const char *latin1 = "artrack: 1\nitems:\n- id: 1\n  topic: Caf\xE9 de la gare\n  kind: action\n"
	                     "  status: open\n";
	expect_load_problems(latin1, strlen(latin1),
	                     "4:13: this file is not UTF-8 text (byte 0xE9; it looks like Latin-1 or Windows-1252): "
	                     "convert it with iconv -f WINDOWS-1252 -t UTF-8 FILE > NEW\n");
	const char *ascii = "artrack: 1\nitems:\n- id: 1\n  topic: Cafe\n  kind: action\n  status: open\n";
	char wide[400];
	size_t len = utf16(ascii, false, wide);
	expect_load_problems(wide, len, "1:2: this file is not UTF-8 text (it looks like UTF-16 (little-endian) without "
	                                "a byte-order mark): convert it with iconv -f UTF-16LE -t UTF-8 FILE > NEW\n");
	len = utf16(ascii, true, wide);
	expect_load_problems(wide, len, "1:1: this file is not UTF-8 text (it looks like UTF-16 (big-endian) without "
	                                "a byte-order mark): convert it with iconv -f UTF-16BE -t UTF-8 FILE > NEW\n");
	const char *nul = "artrack: 1\nitems: []\nx: a\0b\n";
	expect_load_problems(nul, 26, "3:5: this file holds a NUL byte (U+0000), so it is not a text file\n");

	struct ar_buf b = {0};
	ar_buf_adds(&b, "artrack: 1\nitems: []\n");
	for (int i = 0; i < 1100; i++)
		ar_buf_addc(&b, 'k');
	ar_buf_adds(&b, ": value\n");
	expect_load_problems(b.data, b.len, "3:1: no ':' within 1024 characters of the start of this key (YAML's limit "
	                                    "for a key): shorten the key, or if this is text, put it after a key "
	                                    "(text: |- and the text on the lines below)\n");
	ar_buf_free(&b);
}

static void test_reader_error_far_into_file(void **state)
{
	/* past several read chunks, and on a line longer than a chunk */
	struct ar_buf b = {0};
	ar_buf_adds(&b, "artrack: 1\nitems: []\nx:\n");
	for (int i = 0; i < 20000; i++)
		ar_buf_addf(&b, "- line %d \xE2\x80\x99\n", i);
	ar_buf_adds(&b, "- ");
	for (int i = 0; i < 100000; i++)
		ar_buf_adds(&b, "\xC3\xA9");
	ar_buf_adds(&b, "\x01\n");
	char want[300];
	snprintf(want, sizeof want, "%d:100003: control character U+0001 is not allowed in YAML: remove it, or write "
	         "it as an escape in a double-quoted string (\"\\x01\")\n", 20000 + 4);
	expect_problems(b.data, want);
	ar_buf_free(&b);
}

/* ---- what the loader keeps ---- */

static void test_scalars_read_as_written(void **state)
{
	const char *yaml = HEAD
		"- id: 1\n  topic: yes\n  kind: action\n  status: open\n"
		"  text: null\n  leads: [~, 0123, 2023-09-21, 'no', 1e3, '']\n"
		"- id: 2\n  topic:\n  kind: recommendation\n  status: open\n  due: '2024-04'\n";
	struct ar_tracker *t = load_ok(yaml, strlen(yaml));
	const struct ar_item *a = t->items[0], *b = t->items[1];
	assert_string_equal(a->topic, "yes");
	assert_string_equal(a->text, "null");
	assert_int_equal(a->lead_count, 6);
	assert_string_equal(a->leads[0], "~");
	assert_string_equal(a->leads[1], "0123");
	assert_string_equal(a->leads[2], "2023-09-21");
	assert_string_equal(a->leads[3], "no");
	assert_string_equal(a->leads[4], "1e3");
	assert_string_equal(a->leads[5], "");
	assert_int_equal(a->response, AR_RESPONSE_NONE);
	assert_string_equal(b->topic, "");
	assert_null(b->text);
	assert_int_equal(b->response, AR_RESPONSE_PENDING); /* absent on a recommendation */
	assert_int_equal(b->due, 20240400);
	assert_int_equal(a->line, 5);
	assert_int_equal(a->column, 3);
	assert_int_equal(t->meeting_count, 1);
	assert_int_equal(t->meetings[0].date, 20221124);
	ar_tracker_free(t);
}

static void test_fields_and_defaults(void **state)
{
	size_t len;
	char *yaml = read_fixture("tests/data/yaml/canonical.yaml", &len);
	struct ar_tracker *t = load_ok(yaml, len);
	assert_string_equal(t->committee, "Health Overview and Scrutiny Committee");
	assert_int_equal(t->as_of, 20230921);
	assert_int_equal(t->meeting_count, 2);
	assert_string_equal(t->meetings[1].title, "21 September 2023 Meeting");
	const struct ar_item *it = ar_tracker_find_item(t, 2);
	assert_non_null(it);
	assert_int_equal(it->kind, AR_KIND_RECOMMENDATION);
	assert_int_equal(it->status, AR_STATUS_IN_PROGRESS);
	assert_int_equal(it->response, AR_RESPONSE_ACCEPTED);
	assert_int_equal(it->meeting, 20221124);
	assert_int_equal(it->lead_count, 2);
	assert_string_equal(it->leads[1], "Daniel Leveson");
	assert_int_equal(it->update_count, 2);
	assert_int_equal(it->updates[0].date, 20230921);
	assert_string_equal(it->updates[0].by, "Omid Nouri");
	assert_string_equal(it->updates[0].label, "Initial response");
	assert_string_equal(it->updates[1].text, "Second update.\nIt has two lines.");
	assert_null(it->updates[1].by);
	assert_int_equal(it->updates[1].date, AR_DATE_NONE);
	/* a recommendation's life: response date, rating, sign-off */
	assert_int_equal(t->response_days, 28);
	assert_int_equal(ar_tracker_response_days(t), 28);
	it = ar_tracker_find_item(t, 21);
	assert_int_equal(it->responded, 20231102);
	assert_int_equal(it->rag, AR_RAG_RED);
	assert_int_equal(it->closed_on, 20240613);
	it = ar_tracker_find_item(t, 2);
	assert_int_equal(it->responded, AR_DATE_NONE);
	assert_int_equal(it->rag, AR_RAG_NONE);
	assert_int_equal(it->closed_on, AR_DATE_NONE);
	ar_tracker_free(t);
	free(yaml);
}

static void test_response_rag_sign_off_rules(void **state)
{
	/* response_days: a plain whole number of days, 1 to 3660 */
	expect_problems("artrack: 1\nresponse_days: 0\nitems: []\n",
	                "2:16: 'response_days' must be a positive integer, not '0'\n");
	expect_problems("artrack: 1\nresponse_days: two months\nitems: []\n",
	                "2:16: 'response_days' must be a positive integer, not 'two months'\n");
	expect_problems("artrack: 1\nresponse_days: '28'\nitems: []\n",
	                "2:16: 'response_days' must be a positive integer, not the quoted string '28'\n");
	expect_problems("artrack: 1\nresponse_days: 99999\nitems: []\n",
	                "2:16: 'response_days' must be at most 3660 days, not 99999\n");
	expect_problems("artrack: 1\nresponse_days: [28]\nitems: []\n",
	                "2:16: 'response_days' must be a positive integer, not a sequence\n");
	expect_problems("artrack: 1\nresponse_days: 28\nresponse_days: 28\nitems: []\n",
	                "3:1: duplicate key 'response_days' (first at line 2)\n");
	expect_problems("artrack: 1\nresponse_days: 28\nitems: []\n", "");
	/* responded and closed_on are full dates; rag one of three */
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: recommendation\n  status: open\n  responded: 2023-11\n",
	                "9:14: '2023-11' is not a valid date (YYYY-MM-DD)\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: recommendation\n  status: open\n  responded: [2023-11-02]\n",
	                "9:14: 'responded' must be a date, not a sequence\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: closed\n  closed_on: 2024-02-30\n",
	                "9:14: '2024-02-30' is not a valid date (YYYY-MM-DD)\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  rag: orange\n",
	                "9:8: rag 'orange' is not one of red, amber, green\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  rag: Red\n",
	                "9:8: rag 'Red': did you mean red? (not one of red, amber, green)\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  rag: ''\n",
	                "9:8: rag '' is not one of red, amber, green\n");
	/* responded is for recommendations; wherever the kind comes */
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  responded: 2023-11-02\n",
	                "9:3: an action has no response, so no 'responded' date (that is for recommendations)\n");
	expect_problems(HEAD "- id: 1\n  responded: 2023-11-02\n  text: t\n  kind: action\n  status: open\n",
	                "6:3: an action has no response, so no 'responded' date (that is for recommendations)\n");
	/* every problem, not just the first */
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: action\n  status: open\n  rag: blue\n  closed_on: soon\n",
	                "9:8: rag 'blue' is not one of red, amber, green\n"
	                "10:14: 'soon' is not a valid date (YYYY-MM-DD)\n");
	expect_problems(HEAD "- id: 1\n  text: t\n  kind: recommendation\n  status: closed\n  response: accepted\n"
	                "  responded: 2023-11-02\n  rag: green\n  closed_on: 2024-06-13\n",
	                "");
}

static void test_response_rag_sign_off_saved_in_place(void **state)
{
	/* Out of order in the file; saved in the canonical place (after due,
	 * before updates, unknown keys kept beside the key they followed). */
	const char *messy =
		"artrack: 1\nitems:\n- id: 1\n  closed_on: 2024-06-13\n  x-note: kept\n  rag: amber\n"
		"  updates:\n  - text: u\n  responded: 2023-11-02\n  kind: recommendation\n  due: 2024-04\n"
		"  status: closed\n  text: t\n  response: accepted\nresponse_days: 28\nas_of: 2023-09-21\n";
	struct ar_tracker *t = load_ok(messy, strlen(messy));
	size_t len;
	char *out = save(t, &len);
	assert_string_equal(out, "artrack: 1\nas_of: 2023-09-21\nresponse_days: 28\nitems:\n- id: 1\n"
	                         "  kind: recommendation\n  text: t\n  status: closed\n  response: accepted\n"
	                         "  due: 2024-04\n  responded: 2023-11-02\n  rag: amber\n  closed_on: 2024-06-13\n"
	                         "  x-note: kept\n  updates:\n  - text: u\n");
	free(out);
	ar_tracker_free(t);
	/* absent stays absent: no default written */
	const char *plain = "artrack: 1\nitems:\n- id: 1\n  kind: action\n  text: t\n  status: open\n";
	t = load_ok(plain, strlen(plain));
	assert_int_equal(t->response_days, 0);
	assert_int_equal(ar_tracker_response_days(t), 56);
	out = save(t, &len);
	assert_string_equal(out, plain);
	free(out);
	ar_tracker_free(t);
}

static void test_comments_noticed(void **state)
{
	/* Comments are told from '#' inside values, and kept by fmt. */
	static const struct {
		const char *yaml;
		const char *comment; /* the comment fmt keeps, or NULL */
	} cases[] = {
		{"artrack: 1\nitems: []\n", NULL},
		{"# a tracker\nartrack: 1\nitems: []\n", "# a tracker\nartrack: 1\n"},
		{"artrack: 1 # version\nitems: []\n", "artrack: 1 # version\n"},
		{"artrack: 1\nitems: []\nx: 'a #b'\n", NULL},
		{"artrack: 1\nitems: []\nx: \"a\n  #b\"\n", NULL},
		{"artrack: 1\nitems: []\nx: |\n  # heading\n  text #1\n", NULL},
		{"artrack: 1\nitems: []\nx: |\n  # heading\n# comment\n", "\n# comment\n"},
		{"artrack: 1\nitems: []\nx: a#b\n", NULL},
		{"artrack: 1\nitems: []\nx: a\n  #b\n", "x: a\n#b\n"},
		{"artrack: 1\nitems: [] #\n", "items: [] #\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ar_tracker *t = load_ok(cases[i].yaml, strlen(cases[i].yaml));
		char *out = save(t, NULL);
		bool comment_line = out[0] == '#' || strstr(out, "\n#") != NULL;
		if (cases[i].comment ? !strstr(out, cases[i].comment) : comment_line)
			fail_msg("fmt of:\n%s\ngave:\n%s", cases[i].yaml, out);
		free(out);
		ar_tracker_free(t);
	}
	/* a file whose top level is in flow style keeps its comment too */
	struct ar_tracker *t = load_ok("{artrack: 1, items: []} # flow\n", 31);
	char *out = save(t, NULL);
	if (!strstr(out, "# flow\n"))
		fail_msg("fmt of a flow mapping gave:\n%s", out);
	free(out);
	ar_tracker_free(t);
}

/* ---- unknown keys ---- */

/* known keys in canonical order, unknown ones among them: written back as is */
#define UNKNOWN_BODY \
	"x-tracker: {flow: map, n: [1, 2]}\n" \
	"meetings:\n" \
	"- x-before: plain yes\n" \
	"  date: 2022-11-24\n" \
	"  x-after: !!str tagged\n" \
	"items:\n" \
	"- x-first: yes\n" \
	"  id: 1\n" \
	"  topic: t\n" \
	"  x-topic: 'single'\n" \
	"  kind: action\n" \
	"  status: open\n" \
	"  updates:\n" \
	"  - text: u\n" \
	"    x-update:\n" \
	"      nested:\n" \
	"      - \"double\"\n" \
	"      - |\n" \
	"        literal\n" \
	"      - >-\n" \
	"        folded\n" \
	"      - ~\n" \
	"  x-last:\n"

static void test_unknown_keys_kept_in_place(void **state)
{
	/* a key before `artrack` moves after it; the sequence is re-indented */
	const char *in = "first: 0\nartrack: 1\n" UNKNOWN_BODY "    - 1\nlast: end\n";
	const char *want = "artrack: 1\nfirst: 0\n" UNKNOWN_BODY "  - 1\nlast: end\n";
	struct ar_tracker *t = load_ok(in, strlen(in));
	assert_int_equal(t->extras.count, 3);
	assert_string_equal(t->extras.items[0].key, "first");
	assert_int_equal(t->extras.items[0].after, -1);
	assert_int_equal(t->extras.items[1].after, AR_TRACKER_KEY_ARTRACK);
	assert_int_equal(t->extras.items[2].after, AR_TRACKER_KEY_ITEMS);
	/* a collection under an unknown key is kept as its bytes (compact) */
	assert_int_equal(t->extras.items[1].value->type, AR_NODE_RAW);
	assert_false(t->extras.items[1].value->as.raw.block);
	assert_string_equal(t->extras.items[1].value->as.raw.bytes, "{flow: map, n: [1, 2]}");
	assert_int_equal(t->meetings[0].extras.count, 2);
	assert_int_equal(t->meetings[0].extras.items[0].after, -1);
	assert_int_equal(t->meetings[0].extras.items[1].after, AR_MEETING_KEY_DATE);
	assert_string_equal(t->meetings[0].extras.items[1].value->tag, "tag:yaml.org,2002:str");
	const struct ar_item *it = t->items[0];
	assert_int_equal(it->extras.count, 3);
	assert_int_equal(it->extras.items[0].after, -1);
	assert_int_equal(it->extras.items[0].value->as.scalar.style, AR_SCALAR_PLAIN);
	assert_string_equal(it->extras.items[0].value->as.scalar.value, "yes");
	assert_int_equal(it->extras.items[1].after, AR_ITEM_KEY_TOPIC);
	assert_int_equal(it->extras.items[2].after, AR_ITEM_KEY_UPDATES);
	assert_int_equal(it->updates[0].extras.count, 1);
	assert_int_equal(it->updates[0].extras.items[0].after, AR_UPDATE_KEY_TEXT);
	char *out = save(t, NULL);
	assert_string_equal(out, want);
	ar_tracker_free(t);
	char *again = fmt(out);
	assert_string_equal(again, want);
	free(out);
	free(again);
}

static void test_unknown_keys_after_reordering(void **state)
{
	/* unknown values are kept exactly, even a NUL (known strings refuse it) */
	const char *nul = "artrack: 1\nitems: []\nx: \"a\\0b\"\n";
	char *kept = fmt(nul);
	assert_string_equal(kept, nul);
	free(kept);
	struct ar_tracker *t = NULL;
	struct ar_diags d = {0};
	assert_int_equal(ar_load_buffer(NULL, 0, &t, &d), AR_EDATA);
	ar_diags_free(&d);

	/* an unknown key stays after the known key it followed, even when the
	 * known keys are put in canonical order */
	char *out = fmt("artrack: 1\nitems:\n- status: open\n  x-s: 1\n  kind: action\n  topic: t\n  x-t: 2\n  id: 3\n");
	assert_string_equal(out, "artrack: 1\nitems:\n- id: 3\n  topic: t\n  x-t: 2\n  kind: action\n  status: open\n"
	                         "  x-s: 1\n");
	free(out);
}

/* ---- the saver ---- */

static void test_canonical_file_byte_identical(void **state)
{
	static const char *const files[] = {"tests/data/yaml/canonical.yaml", "data/hosc-2023-09-21.yaml"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t len, out_len;
		char *yaml = read_fixture(files[i], &len);
		struct ar_tracker *t = load_ok(yaml, len);
		char *out = save(t, &out_len);
		if (out_len != len || memcmp(out, yaml, len) != 0)
			fail_msg("%s is not reproduced byte for byte; saved:\n%s", files[i], out);
		ar_tracker_free(t);
		free(out);
		free(yaml);
	}
}

static void test_fmt_idempotent(void **state)
{
	const char *messy =
		"# a comment\n"
		"items:\n"
		"    -   status: completed\n"
		"        kind: \"recommendation\"\n"
		"        id: 12\n"
		"        text: >\n"
		"           folded text\n"
		"           on lines\n"
		"\n"
		"           and a paragraph\n"
		"        leads: [\"Someone\", 'Else']\n"
		"        due: \"2024-04-30\"\n"
		"        topic: 'yes'\n"
		"    - {id: 13, kind: action, status: open, text: \"flow\\titem\"}\n"
		"artrack: 1\n"
		"committee: 'It''s a committee'\n";
	char *once = fmt(messy);
	char *twice = fmt(once);
	assert_string_equal(once, twice);
	/* fmt changes layout only: the comment stays */
	assert_string_equal(once,
		"# a comment\n"
		"artrack: 1\n"
		"committee: It's a committee\n"
		"items:\n"
		"- id: 12\n"
		"  topic: 'yes'\n"
		"  kind: recommendation\n"
		"  text: |\n"
		"    folded text on lines\n"
		"    and a paragraph\n"
		"  leads:\n"
		"  - Someone\n"
		"  - Else\n"
		"  status: completed\n"
		"  response: pending\n"
		"  due: 2024-04-30\n"
		"- id: 13\n"
		"  kind: action\n"
		"  text: \"flow\\titem\"\n"
		"  status: open\n");
	free(once);
	free(twice);
}

static void test_model_to_yaml(void **state)
{
	/* what the saver writes for a tracker made through the API: absent
	 * keys omitted, a recommendation's response always, an action's never */
	struct ar_tracker *t = ar_tracker_new();
	ar_tracker_add_meeting(t, 20221124, NULL);
	struct ar_item *a = ar_item_new(t, 5);
	a->response = AR_RESPONSE_ACCEPTED; /* ignored: actions have none */
	ar_item_set_text(t, a, "Do it");
	ar_tracker_append_item(t, a);
	struct ar_item *r = ar_item_new(t, 6);
	r->kind = AR_KIND_RECOMMENDATION;
	r->meeting = 20221124;
	r->due = 20240400;
	ar_item_set_topic(t, r, "Recommend");
	struct ar_update u = {.text = "Noted.", .date = 20230921};
	ar_item_add_update(t, r, &u);
	ar_tracker_append_item(t, r);
	char *out = save(t, NULL);
	assert_string_equal(out,
		"artrack: 1\n"
		"meetings:\n"
		"- date: 2022-11-24\n"
		"items:\n"
		"- id: 5\n"
		"  kind: action\n"
		"  text: Do it\n"
		"  status: open\n"
		"- id: 6\n"
		"  meeting: 2022-11-24\n"
		"  topic: Recommend\n"
		"  kind: recommendation\n"
		"  status: open\n"
		"  response: pending\n"
		"  due: 2024-04\n"
		"  updates:\n"
		"  - date: 2023-09-21\n"
		"    text: Noted.\n");
	free(out);
	ar_tracker_free(t);

	t = ar_tracker_new();
	out = save(t, NULL);
	assert_string_equal(out, "artrack: 1\nitems: []\n");
	free(out);
	ar_tracker_free(t);
}

static void test_save_stream_errors(void **state)
{
	const char *yaml = HEAD ITEM(1);
	struct ar_tracker *t = load_ok(yaml, strlen(yaml));
	FILE *full = fopen("/dev/full", "w");
	if (full) {
		struct ar_error err;
		assert_int_equal(ar_save_stream(t, full, &err), AR_EIO);
		assert_non_null(strstr(err.message, strerror(ENOSPC)));
		fclose(full);
	}
	/* invalid UTF-8 set through the API is refused, not written */
	struct ar_item *it = ar_item_clone(t, t->items[0]);
	ar_item_set_topic(t, it, "bad \xFF byte");
	ar_tracker_replace_item(t, 0, it);
	struct ar_buf b = {0};
	struct ar_error err;
	assert_int_equal(ar_save_buffer(t, &b, &err), AR_EDATA);
	assert_non_null(strstr(err.message, "UTF-8"));
	ar_buf_free(&b);
	ar_tracker_free(t);
}

/* ---- tricky strings ---- */

/* Kept in step with tests/data/yaml/tricky.yaml and tests/cli/yaml-readers.sh. */
static const char *const tricky[] = {
	"yes", "No", "on", "OFF", "y", "n", "Y", "~", "null", "Null", "NULL", "true", "False", "",
	"0123", "0o17", "0x1f", "0b101", "1_000", "1e3", "1e+3", "3.14", "1.0", "0", "123", ".inf", "-.inf", ".nan",
	"NaN", "+1", "-1", "+.5",
	"12:30", "1:2:3", "2023-09-21", "2023-09", "2023-09-21T10:00:00", "2023-09-21 10:00:00", "=", "<<",
	" leading space", "trailing space ", "  both  ", "- x", "-", "? x", "?", ": x", ", x", "[x]", "]x", "{x}", "}x",
	"#x", "&x", "*x", "!x",
	"|x", ">x", "'x", "\"x", "%x", "@x", "`x", "---", "...", "'", "\"", "a ' b", "a: b", "a #b", "note:", "a:b",
	"a#b", "50% done", "~/path", "a\\b",
	"tab\there", "\tleading tab", "trailing tab\t", "ctl\x01" "char", "esc\x1b[31mred", "del\x7f" "x",
	"nel\xc2\x85" "x", "ls\xe2\x80\xa8" "x", "ps\xe2\x80\xa9" "x",
	"nbsp\xc2\xa0", "\xc2\xa0" "lead nbsp", "bom\xef\xbb\xbf" "x", "it\xe2\x80\x99s \xe2\x80\x93 fine\xe2\x80\xa6",
	"\xe2\x80\x98quoted\xe2\x80\x99 \xe2\x80\x9c" "double\xe2\x80\x9d", "emoji \xf0\x9f\x98\x80 here",
	"\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2",
	"Recommendation: text", "10 Downing Street", "4 + 4", "1,000", "Yes please", "n/a", "3rd", "1st of May",
	"multi\nline", "multi\nline\n", "ends with newlines\n\n\n", "\n\nleading blank lines", "\n",
	"  indented first\nline",
	"trailing spaces  \nin a line", "line\n  \nwith a blank of spaces",
	"first\n# not a comment\n- not a list\nkey: not a map",
	"tab\tin\nmulti line", "crlf\r\nline", "last line spaces\nxyz  ", "para one\n\npara two\n",
	"a\xe2\x80\xa8" "b\nc",
	"A long line that must not be folded, that must not be folded, that must not be folded, that must not be "
	"folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, "
	"that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must "
	"not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be "
	"folded, that must not be folded, that must not be folded, that must not be folded, end.",
};
#define TRICKY_COUNT (sizeof tricky / sizeof tricky[0])

static void test_tricky_fixture_matches(void **state)
{
	size_t len;
	char *yaml = read_fixture("tests/data/yaml/tricky.yaml", &len);
	struct ar_tracker *t = load_ok(yaml, len);
	assert_int_equal(t->item_count, TRICKY_COUNT);
	assert_int_equal(t->meeting_count, TRICKY_COUNT);
	for (size_t i = 0; i < TRICKY_COUNT; i++) {
		const struct ar_item *it = t->items[i];
		assert_string_equal(it->topic, tricky[i]);
		assert_string_equal(it->text, tricky[i]);
		assert_string_equal(it->leads[0], tricky[i]);
		assert_string_equal(it->updates[0].text, tricky[i]);
		assert_string_equal(it->updates[0].by, tricky[i]);
		assert_string_equal(it->updates[0].label, tricky[i]);
		assert_string_equal(t->meetings[i].title, tricky[i]);
	}
	ar_tracker_free(t);
	free(yaml);
}

static void test_tricky_strings_round_trip(void **state)
{
	/* every string in every place a string goes, saved, loaded again and
	 * compared; then saved again to the same bytes */
	struct ar_tracker *t = ar_tracker_new();
	t->committee = tricky[0];
	for (size_t i = 0; i < TRICKY_COUNT; i++) {
		const char *s = tricky[i];
		struct ar_meeting *m = ar_tracker_add_meeting(t, ar_date_make(2020, 1, 1) + (int)i % 28 + (int)i / 28 * 100, s);
		(void)m;
		struct ar_item *it = ar_item_new(t, (long)i + 1);
		it->kind = i % 2 ? AR_KIND_RECOMMENDATION : AR_KIND_ACTION;
		ar_item_set_topic(t, it, s);
		ar_item_set_text(t, it, s);
		const char *leads[] = {s, "x"};
		ar_item_set_leads(t, it, leads, 2);
		struct ar_update u = {.text = s, .by = s, .label = s};
		ar_item_add_update(t, it, &u);
		struct ar_extra *x = ar_tracker_alloc(t, sizeof *x);
		x->key = s[0] ? s : "empty";
		x->after = AR_ITEM_KEY_TEXT;
		x->value = ar_tracker_alloc(t, sizeof *x->value);
		x->value->type = AR_NODE_SCALAR;
		x->value->as.scalar.value = s;
		x->value->as.scalar.length = strlen(s);
		x->value->as.scalar.style = AR_SCALAR_DOUBLE_QUOTED;
		it->extras.items = x;
		it->extras.count = 1;
		ar_tracker_append_item(t, it);
	}
	size_t len, len2;
	char *out = save(t, &len);
	struct ar_tracker *back = load_ok(out, len);
	assert_string_equal(back->committee, tricky[0]);
	assert_int_equal(back->item_count, TRICKY_COUNT);
	for (size_t i = 0; i < TRICKY_COUNT; i++) {
		const struct ar_item *it = back->items[i];
		const char *s = tricky[i];
		assert_string_equal(back->meetings[i].title, s);
		assert_string_equal(it->topic, s);
		assert_string_equal(it->text, s);
		assert_int_equal(it->lead_count, 2);
		assert_string_equal(it->leads[0], s);
		assert_string_equal(it->updates[0].text, s);
		assert_string_equal(it->updates[0].by, s);
		assert_string_equal(it->updates[0].label, s);
		assert_int_equal(it->extras.count, 1);
		assert_string_equal(it->extras.items[0].key, s[0] ? s : "empty");
		assert_int_equal(it->extras.items[0].after, AR_ITEM_KEY_TEXT);
		assert_string_equal(it->extras.items[0].value->as.scalar.value, s);
	}
	char *again = save(back, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(out, again, len);
	free(out);
	free(again);
	ar_tracker_free(back);
	ar_tracker_free(t);
}

static void test_plain_is_safe(void **state)
{
	static const char *const plain[] = {
		"Primary Care", "it\xe2\x80\x99s \xe2\x80\x93 fine\xe2\x80\xa6", "a:b", "a#b", "10 Downing Street", "4 + 4",
		"1,000", "Yes please", "n/a", "NaN", "Recommendation text, with commas [and] {braces}", "x", "a ' b",
		"~/path", "50% done", "Update \xe2\x80\x93 OCC", "<", "==", "wait...", "...and more",
	};
	static const char *const quoted[] = {
		"", "yes", "Yes", "YES", "no", "No", "on", "Off", "y", "N", "true", "False", "null", "Null", "NULL", "~",
		"0123", "0o17", "0x1f", "0b1", "1_000", "1e3", "1.5", ".5", ".inf", "-.inf", ".NaN", "+1", "-1", "7",
		"12:30", "1:2:3", "2023-09-21", "2023-09", "2023-09-21 10:00", "=", "<<", " a", "a ", "- x", "-", "?", ":",
		",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "a: b", "a #b", "ends:",
		"a\tb", "a\nb", "a\x01", "a\x7f", "a\xc2\x85", "a\xe2\x80\xa8", "a\xe2\x80\xa9", "\xc2\xa0" "a", "a\xc2\xa0",
		"a\xef\xbb\xbf", "---", "...", "... leads", "...\tx",
	};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		if (!ar_yaml_plain_is_safe(plain[i], strlen(plain[i])))
			fail_msg("'%s' should be safe plain", plain[i]);
	for (size_t i = 0; i < sizeof quoted / sizeof quoted[0]; i++)
		if (ar_yaml_plain_is_safe(quoted[i], strlen(quoted[i])))
			fail_msg("'%s' must be quoted", quoted[i]);
}

/* ---- one item as YAML ---- */

static void test_item_yaml_round_trip(void **state)
{
	size_t len;
	char *yaml = read_fixture("tests/data/yaml/canonical.yaml", &len);
	struct ar_tracker *t = load_ok(yaml, len);
	const struct ar_item *it = ar_tracker_find_item(t, 2);
	struct ar_buf b = {0};
	struct ar_error err;
	assert_int_equal(ar_item_to_yaml(t, it, &b, &err), AR_OK);
	/* the same text the saver writes for that item, out-dented */
	assert_non_null(strstr(b.data, "id: 2\nmeeting: 2022-11-24\ntopic: Primary Care\nkind: recommendation\n"));
	assert_non_null(strstr(b.data, "x-rag: amber\n"));
	struct ar_item *back = NULL;
	struct ar_diags d = {0};
	assert_int_equal(ar_item_from_yaml(t, b.data, b.len, 2, &back, &d), AR_OK);
	assert_int_equal(d.count, 0);
	assert_int_equal(back->id, 2);
	assert_int_equal(back->update_count, it->update_count);
	assert_string_equal(back->updates[1].text, it->updates[1].text);
	assert_int_equal(back->extras.count, it->extras.count);
	/* and written again, the same bytes */
	struct ar_buf b2 = {0};
	assert_int_equal(ar_item_to_yaml(t, back, &b2, &err), AR_OK);
	assert_string_equal(b.data, b2.data);
	ar_buf_free(&b2);

	/* as a new item its id clashes */
	back = NULL;
	assert_int_equal(ar_item_from_yaml(t, b.data, b.len, 0, &back, &d), AR_EDATA);
	assert_null(back);
	char *got = diags_text(&d);
	assert_string_equal(got, "1:5: duplicate id 2 (another item has it)\n");
	free(got);
	ar_diags_free(&d);
	ar_buf_free(&b);

	/* the loader's rules, with lines counted in the item's text */
	const char *edited = "id: 2\nmeeting: 2030-01-01\ntopic: t\nkind: action\nstatus: done\nresponse: noted\n";
	assert_int_equal(ar_item_from_yaml(t, edited, strlen(edited), 2, &back, &d), AR_EDATA);
	got = diags_text(&d);
	assert_string_equal(got, "2:10: meeting 2030-01-01 is not in meetings\n"
	                         "5:9: status 'done' is not one of open, in-progress, completed, closed\n"
	                         "6:1: an action has no response\n");
	free(got);
	ar_diags_free(&d);
	const char *broken = "id: 2\ntopic: [oops\n";
	assert_int_equal(ar_item_from_yaml(t, broken, strlen(broken), 2, &back, &d), AR_EDATA);
	assert_true(d.count >= 1);
	assert_int_equal(d.items[d.count - 1].line, 3);
	ar_diags_free(&d);
	const char *notmap = "- id: 2\n";
	assert_int_equal(ar_item_from_yaml(t, notmap, strlen(notmap), 2, &back, &d), AR_EDATA);
	got = diags_text(&d);
	assert_string_equal(got, "1:1: the top level must be an item mapping, not a sequence\n");
	free(got);
	ar_diags_free(&d);
	assert_int_equal(ar_item_from_yaml(t, "", 0, 2, &back, &d), AR_EDATA);
	got = diags_text(&d);
	assert_string_equal(got, "1:1: empty file: no item in it\n");
	free(got);
	ar_diags_free(&d);
	/* a new id is fine */
	const char *fresh = "id: 99\ntext: new\nkind: recommendation\nstatus: open\n";
	assert_int_equal(ar_item_from_yaml(t, fresh, strlen(fresh), 0, &back, &d), AR_OK);
	assert_int_equal(back->response, AR_RESPONSE_PENDING);
	assert_null(ar_tracker_find_item(t, 99)); /* not added */
	ar_tracker_free(t);
	free(yaml);
}

/* ---- files, streams and hostile input ---- */

static void test_load_file(void **state)
{
	struct ar_tracker *t = NULL;
	struct ar_diags d = {0};
	struct ar_load_info info = {0};
	assert_int_equal(ar_load_file("/nonexistent/tracker.yaml", &t, &d, &info), AR_EIO);
	assert_null(t);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 0);
	assert_string_equal(d.items[0].message, strerror(ENOENT));
	ar_diags_free(&d);
	assert_int_equal(ar_load_file("/", &t, &d, &info), AR_EIO);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message, strerror(EISDIR));
	ar_diags_free(&d);

	/* a file of several read chunks: size and hash are those of its bytes */
	char path[] = "/tmp/artrack-test-yaml.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w+b");
	struct ar_buf b = {0};
	ar_buf_adds(&b, "artrack: 1\nitems:\n");
	for (int i = 1; i <= 3000; i++)
		ar_buf_addf(&b, "- id: %d\n  topic: Item number %d, with some words to make it longer\n"
		            "  kind: action\n  status: open\n", i, i);
	assert_true(b.len > 3 * 64 * 1024);
	assert_int_equal(fwrite(b.data, 1, b.len, f), b.len);
	fflush(f);
	assert_int_equal(ar_load_file(path, &t, &d, &info), AR_OK);
	assert_int_equal(info.size, b.len);
	assert_true(info.hash == ar_hash64(AR_HASH_INIT, b.data, b.len));
	assert_int_equal(t->item_count, 3000);
	ar_tracker_free(t);
	rewind(f);
	info = (struct ar_load_info){0};
	assert_int_equal(ar_load_stream(f, &t, &d, &info), AR_OK);
	assert_int_equal(info.size, b.len);
	assert_true(info.hash == ar_hash64(AR_HASH_INIT, b.data, b.len));
	ar_tracker_free(t);
	fclose(f);
	unlink(path);
	ar_buf_free(&b);
}

static void expect_refused(const char *what, const char *data, size_t len)
{
	struct ar_tracker *t = NULL;
	struct ar_diags d = {0};
	enum ar_rc rc = ar_load_buffer(data, len, &t, &d);
	if (rc != AR_EDATA || d.count == 0)
		fail_msg("%s: expected problems, got rc %d", what, rc);
	for (size_t i = 0; i < d.count; i++)
		assert_true(d.items[i].message[0] != '\0');
	assert_null(t);
	ar_diags_free(&d);
}

static void test_hostile_input(void **state)
{
	struct ar_buf b = {0};
	for (int i = 0; i < 100000; i++)
		ar_buf_addc(&b, '[');
	expect_refused("100k flow levels", b.data, b.len);
	ar_buf_reset(&b);
	ar_buf_adds(&b, "artrack: 1\nitems:\n");
	for (int i = 0; i < 100000; i++)
		ar_buf_adds(&b, "- ");
	ar_buf_adds(&b, "x\n");
	expect_refused("100k block levels", b.data, b.len);
	ar_buf_reset(&b);
	for (int i = 0; i < 3000; i++) {
		for (int j = 0; j < i; j++)
			ar_buf_addc(&b, ' ');
		ar_buf_adds(&b, "a:\n");
	}
	expect_refused("3000 indented levels", b.data, b.len);
	struct ar_diags d = {0};
	struct ar_tracker *t = NULL;
	ar_load_buffer(b.data, b.len, &t, &d);
	assert_string_equal(d.items[d.count - 1].message, "nesting deeper than 64 levels");
	ar_diags_free(&d);

	ar_buf_reset(&b);
	ar_buf_adds(&b, "artrack: 1\nitems: []\n? ");
	for (int i = 0; i < 3000000; i++)
		ar_buf_addc(&b, 'k');
	ar_buf_adds(&b, "\n: huge key\n");
	t = load_ok(b.data, b.len);
	assert_int_equal(strlen(t->extras.items[0].key), 3000000);
	ar_tracker_free(t);

	/* binary junk, from a fixed seed */
	uint64_t x = 42;
	ar_buf_reset(&b);
	for (int i = 0; i < 200000; i++) {
		x = x * UINT64_C(6364136223846793005) + 1442695040888963407u;
		ar_buf_addc(&b, (char)(x >> 56));
	}
	expect_refused("binary junk", b.data, b.len);
	ar_buf_free(&b);

	/* every truncation of a valid file loads or is refused, never worse */
	size_t len;
	char *yaml = read_fixture("tests/data/yaml/canonical.yaml", &len);
	for (size_t cut = 0; cut < len; cut++) {
		d = (struct ar_diags){0};
		enum ar_rc rc = ar_load_buffer(yaml, cut, &t, &d);
		assert_true(rc == AR_OK || (rc == AR_EDATA && d.count > 0));
		ar_tracker_free(t);
		ar_diags_free(&d);
	}
	free(yaml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_rules),
		cmocka_unit_test(test_yaml_features_refused),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_duplicate_keys_many),
		cmocka_unit_test(test_meeting_rules),
		cmocka_unit_test(test_item_rules),
		cmocka_unit_test(test_every_problem_reported),
		cmocka_unit_test(test_too_many_problems),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_other_encodings_and_long_keys),
		cmocka_unit_test(test_reader_error_far_into_file),
		cmocka_unit_test(test_scalars_read_as_written),
		cmocka_unit_test(test_fields_and_defaults),
		cmocka_unit_test(test_response_rag_sign_off_rules),
		cmocka_unit_test(test_response_rag_sign_off_saved_in_place),
		cmocka_unit_test(test_comments_noticed),
		cmocka_unit_test(test_unknown_keys_kept_in_place),
		cmocka_unit_test(test_unknown_keys_after_reordering),
		cmocka_unit_test(test_canonical_file_byte_identical),
		cmocka_unit_test(test_fmt_idempotent),
		cmocka_unit_test(test_model_to_yaml),
		cmocka_unit_test(test_save_stream_errors),
		cmocka_unit_test(test_tricky_fixture_matches),
		cmocka_unit_test(test_tricky_strings_round_trip),
		cmocka_unit_test(test_plain_is_safe),
		cmocka_unit_test(test_item_yaml_round_trip),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_hostile_input),
	};
	return cmocka_run_group_tests_name("yaml", tests, NULL, NULL);
}
