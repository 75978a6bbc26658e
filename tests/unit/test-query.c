/* test-query.c - the query language (spec section 4) and folded text search. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/alloc.h"
#include "artrack/query.h"
#include "artrack/textsearch.h"
#include "query-fixture.h"

/* ---- folding and the needle search ---- */

static void test_fold_char(void **state)
{
	assert_int_equal(ar_fold_char('A'), 'a');
	assert_int_equal(ar_fold_char('z'), 'z');
	assert_int_equal(ar_fold_char('@'), '@');
	assert_int_equal(ar_fold_char(0xC9), 0xE9);   /* É é */
	assert_int_equal(ar_fold_char(0xD7), 0xD7);   /* × has no case */
	assert_int_equal(ar_fold_char(0xDF), 0xDF);   /* ß stays */
	assert_int_equal(ar_fold_char(0x141), 0x142); /* Ł ł */
	assert_int_equal(ar_fold_char(0x142), 0x142);
	assert_int_equal(ar_fold_char(0x139), 0x13A); /* Ĺ ĺ: the odd-even run */
	assert_int_equal(ar_fold_char(0x13F), 0x140); /* Ŀ ŀ straddle C4/C5 */
	assert_int_equal(ar_fold_char(0x178), 0xFF);  /* Ÿ ÿ */
	assert_int_equal(ar_fold_char(0x179), 0x17A); /* Ź ź */
	assert_int_equal(ar_fold_char(0x130), 0x130); /* İ keeps itself */
	assert_int_equal(ar_fold_char(0x17F), 0x17F); /* ſ keeps itself */
	assert_int_equal(ar_fold_char(0x391), 0x3B1); /* Α α */
	assert_int_equal(ar_fold_char(0x3C2), 0x3C3); /* ς σ */
	assert_int_equal(ar_fold_char(0x410), 0x430); /* А а */
	assert_int_equal(ar_fold_char(0x401), 0x451); /* Ё ё */
	assert_int_equal(ar_fold_char(0x2019), 0x2019);
	/* Every fold keeps the UTF-8 length, which the search relies on. */
	for (uint32_t c = 0; c < 0x800; c++) {
		uint32_t f = ar_fold_char(c);
		assert_true((c < 0x80) == (f < 0x80));
		assert_true(f < 0x800);
		assert_int_equal(ar_fold_char(f), f);
	}
}

static void test_fold_compare(void **state)
{
	assert_int_equal(ar_fold_compare("Primary Care", "primary care"), 0);
	assert_true(ar_fold_compare("apple", "Banana") < 0);
	assert_true(ar_fold_compare("\xc3\x89lan", "\xc3\xa9lan") == 0);
	assert_true(ar_fold_compare("zebra", "\xc3\xa9lan") < 0); /* by code point */
	assert_true(ar_fold_compare("ab", "abc") < 0);
	assert_true(ar_fold_compare("abc", NULL) < 0);
	assert_true(ar_fold_compare(NULL, "abc") > 0);
	assert_true(ar_utf8_valid("caf\xc3\xa9", 5));
	assert_false(ar_utf8_valid("caf\xc3", 4));
	assert_false(ar_utf8_valid("\xc0\xaf", 2));         /* overlong */
	assert_false(ar_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_true(ar_fold_contains("Children\xe2\x80\x99s SERVICES", "services"));
	assert_false(ar_fold_contains("Children's", "children\xe2\x80\x99s"));
}

static const char *const pieces[] = {
	"a", "b", "A", "B", "s", "S", " ", "x", "\xc3\xa9", "\xc3\x89", "\xc5\x82", "\xc5\x81", "\xc3\xbf",
	"\xc5\xb8", "\xc4\xb3", "\xc4\xb2", "\xc5\x80", "\xc4\xbf", "\xc5\xbf", "\xe2\x80\x99", "\xce\xa3",
	"\xcf\x82", "\xcf\x83", "\xd0\x81", "\xd1\x91", "e", "E",
};
#define PIECES (sizeof pieces / sizeof pieces[0])

static void random_text(struct ar_buf *b, uint64_t *rng, size_t count, size_t alphabet)
{
	ar_buf_reset(b);
	ar_buf_adds(b, "");
	for (size_t i = 0; i < count; i++)
		ar_buf_adds(b, pieces[fixture_random(rng) % alphabet]);
}

/* The search must find exactly what folding both strings and a plain
 * strstr finds, at every length (so the 32-byte rounds and the tail). */
static void test_needle_matches_reference(void **state)
{
	uint64_t rng = 42;
	struct ar_buf hay = {0}, pat = {0};
	for (int round = 0; round < 20000; round++) {
		size_t alphabet = round % 3 == 0 ? 8 : PIECES; /* small alphabets give many matches */
		random_text(&hay, &rng, fixture_random(&rng) % 120, alphabet);
		random_text(&pat, &rng, 1 + fixture_random(&rng) % 4, alphabet);
		struct ar_needle n;
		ar_needle_init(&n, pat.data, pat.len);
		const char *got = ar_needle_find(&n, hay.data, hay.len);
		char *fh = ar_fold_utf8(hay.data, hay.len), *fp = ar_fold_utf8(pat.data, pat.len);
		const char *want = strstr(fh, fp);
		if ((got ? got - hay.data : -1) != (want ? want - fh : -1))
			fail_msg("pattern '%s' in '%s': got %td, want %td", pat.data, hay.data,
			         got ? got - hay.data : -1, want ? want - fh : -1);
		assert_ptr_equal(ar_needle_find_str(&n, hay.data), got);
		/* The one-pass search of a NUL-terminated text reads by aligned
		 * blocks: try it from every alignment. */
		for (size_t off = 1; off < 16 && off <= hay.len; off++) {
			char *from = ar_fold_utf8(hay.data + off, hay.len - off);
			const char *w = strstr(from, fp);
			const char *g = ar_needle_find_str(&n, hay.data + off);
			if ((g ? g - (hay.data + off) : -1) != (w ? w - from : -1))
				fail_msg("pattern '%s' in '%s' from %zu: got %td, want %td", pat.data, hay.data, off,
				         g ? g - (hay.data + off) : -1, w ? w - from : -1);
			free(from);
		}
		free(fh);
		free(fp);
		ar_needle_free(&n);
	}
	ar_buf_free(&hay);
	ar_buf_free(&pat);
}

static void test_needle_long_text(void **state)
{
	/* A rare word at the very end of a long text, and just past a round. */
	size_t len = 100000;
	char *text = malloc(len + 1);
	for (size_t i = 0; i < len; i++)
		text[i] = "abcdefgh wolverton "[i % 19];
	memcpy(text + len - 10, "WOLVERCOTE", 10);
	text[len] = '\0';
	struct ar_needle n;
	ar_needle_init(&n, "wolvercote", 10);
	assert_ptr_equal(ar_needle_find(&n, text, len), text + len - 10);
	assert_null(ar_needle_find(&n, text, len - 1));
	ar_needle_free(&n);
	ar_needle_init(&n, "WOLVERTON", 9);
	assert_ptr_equal(ar_needle_find(&n, text, len), text + 9);
	ar_needle_free(&n);
	ar_needle_init(&n, "zz", 2);
	assert_null(ar_needle_find(&n, text, len));
	assert_null(ar_needle_find_str(&n, NULL));
	ar_needle_free(&n);
	free(text);
}

/* ---- the query forms against the sample tracker ---- */

struct expect {
	const char *query;
	const char *ids;
};

static void check_all(const struct expect *cases, size_t count, ar_date today)
{
	struct ar_tracker *t = sample_tracker();
	for (size_t i = 0; i < count; i++) {
		char *got = matching_ids(t, cases[i].query, today);
		if (strcmp(got, cases[i].ids) != 0)
			fail_msg("query [%s]: got [%s], want [%s]", cases[i].query, got, cases[i].ids);
		free(got);
	}
	ar_tracker_free(t);
}

#define CHECK_ALL(cases, today) check_all(cases, sizeof cases / sizeof cases[0], today)

static void test_words_and_phrases(void **state)
{
	static const struct expect cases[] = {
		{"", "1,2,3,4,5,6,7,12"},
		{"   ", "1,2,3,4,5,6,7,12"},
		{"health", "2,3,7"},
		{"HEALTHY", "2,3"},
		{"\"healthy weight\"", "2,3"},
		{"\"Weight Strategy\"", "3"},
		{"nhs", "1,7"},                       /* text, and a lead */
		{"primary care", "2,12"},             /* two words: both must match */
		{"primary dental", ""},
		{"12", "12"},                         /* the id as digits */
		{"november", "3,4"},                  /* the meeting's title */
		{"recruit", "2"},                     /* an update's text */
		{"wolvercote", "6"},
		{"\xe2\x80\x93", "3"},                /* – */
		{"soon\xe2\x80\xa6", "3"},            /* … */
		{"caf\xc3\xa9", "4"},                 /* café, topic */
		{"CAF\xc3\x89", "4"},                 /* CAFÉ */
		{"\xc3\xa9lan", "4"},
		{"\xc3\xa9" "cole", "4"},             /* école finds ÉCOLE */
		{"\xc5\x81\xc3\x93" "D\xc5\xb9", "4"}, /* ŁÓDŹ finds Łódź */
		{"zo\xc3\xab", "4"},                  /* a lead */
		{"B\xc3\x89RUB\xc3\x89", "4"},
		{"children\xe2\x80\x99s", "5"},
		{"children's", ""},                   /* ’ is not ' */
		{"\"frobnicate:\"", "6"},
		{"12:30", ""},                        /* digits before ':' make a word */
	};
	CHECK_ALL(cases, SAMPLE_TODAY);
}

static void test_enumerations(void **state)
{
	static const struct expect cases[] = {
		{"kind:rec", "2,3,5,7,12"},
		{"kind:action", "1,4,6"},
		{"KIND:Action", "1,4,6"},
		{"status:prog", "2,6"},
		{"status:in-progress", "2,6"},
		{"status:open|closed", "3,4,5,7,12"},
		{"status:o|cl", "3,4,5,7,12"},
		{"status:completed", "1"},
		{"status:in", "2,6"},
		{"response:acc", "2"},                /* a whole-name prefix beats a word's */
		{"response:part", "5"},
		{"response:rej", "3"},
		{"response:accepted|partially-accepted", "2,5"},
		{"response:pe", "7"},
		{"response:noted", "12"},
		{"response:\"noted\"", "12"},
	};
	CHECK_ALL(cases, SAMPLE_TODAY);
}

static void test_text_fields(void **state)
{
	static const struct expect cases[] = {
		{"lead:pragnell", "3,5"},
		{"lead:DERYS", "3,5"},
		{"lead:\"Derys Pragnell\"", "3,5"},
		{"lead:england", "7"},
		{"lead:b\xc3\xa9rub\xc3\xa9", "4"},
		{"topic:care", "2,12"},
		{"topic:health", "3,7"},
		{"topic:\xc3\x89lan", "4"},
		{"text:nhs", "1"},
		{"text:recruit", ""},                 /* only in an update */
		{"text:\"healthy weight\"", "3"},
	};
	CHECK_ALL(cases, SAMPLE_TODAY);
}

static void test_meetings_and_ids(void **state)
{
	static const struct expect cases[] = {
		{"meeting:2022", "2,3,4,12"},
		{"meeting:2022-11", "3,4"},
		{"meeting:2023-09-21", "5,6,7"},
		{"meeting:none", "1"},
		{"meeting:NONE", "1"},
		{"meeting:2021", ""},
		{"meeting:>2022-07", "3,4,5,6,7"},
		{"meeting:<=2022-11-24", "2,3,4,12"},
		{"id:3", "3"},
		{"id:2-5", "2,3,4,5"},
		{"id:5-12", "5,6,7,12"},
		{"id:8-11", ""},
	};
	CHECK_ALL(cases, SAMPLE_TODAY);
}

static void test_dates(void **state)
{
	static const struct expect cases[] = {
		{"due:2023", "1,3,4,5,7,12"},
		{"due:2023-09", "5"},
		{"due:2024-04", "2"},
		{"due:2024-04-30", ""},               /* a prefix of the date as written */
		{"due:<2023-09", "1,3,4,12"},         /* before 2023-09-01 */
		{"due:<=2023-09", "1,3,4,5,12"},      /* up to 2023-09-30 */
		{"due:>2023-09", "2,7"},              /* after 2023-09-30 */
		{"due:>=2023-09-30", "2,5,7"},        /* a month due is its last day */
		{"due:<2023-09-30", "1,3,4,12"},
		{"due:<=2023-05-30", "1"},            /* 2023-05 is 2023-05-31 */
		{"due:<=2023-05-31", "1,4"},
		{"due:>=2024", "2"},
		{"due:none", "6"},
		{"updated:2023", "1,2,5"},
		{"updated:>=2023-09", "2,5"},
		{"updated:none", "3,4,6,7"},          /* 6's update has no date */
		{"updated:<2023", "12"},
	};
	CHECK_ALL(cases, SAMPLE_TODAY);
}

static void test_month_end(void **state)
{
	assert_int_equal(ar_date_month_end(20240400), 20240430);
	assert_int_equal(ar_date_month_end(20240200), 20240229);
	assert_int_equal(ar_date_month_end(20230200), 20230228);
	assert_int_equal(ar_date_month_end(19000200), 19000228);
	assert_int_equal(ar_date_month_end(20001200), 20001231);
	assert_int_equal(ar_date_month_end(20240417), 20240417);
	assert_int_equal(ar_date_month_end(AR_DATE_NONE), AR_DATE_NONE);
	assert_int_equal(ar_date_days_in_month(2000, 2), 29);
	assert_int_equal(ar_date_days_in_month(2023, 13), 0);
}

static void test_is_and_has(void **state)
{
	static const struct expect cases[] = {
		{"is:open", "2,3,5,6,7"},
		{"is:overdue", "3,5"},                /* 5 is due 2023-09, so overdue on 2023-10-01 */
		{"is:over", "3,5"},
		{"is:open|overdue", "2,3,5,6,7"},
		{"has:updates", "1,2,5,6,12"},
		{"has:due", "1,2,3,4,5,7,12"},
		{"has:response", "2,3,5,12"},         /* pending is no response yet */
		{"has:l", "1,2,3,4,5,7,12"},
		{"has:meeting", "2,3,4,5,6,7,12"},
	};
	CHECK_ALL(cases, SAMPLE_TODAY);
	static const struct expect on_last_day[] = {{"is:overdue", "3"}};
	CHECK_ALL(on_last_day, 20230930);
	static const struct expect no_today[] = {{"is:overdue", ""}};
	CHECK_ALL(no_today, AR_DATE_NONE);
}

static void test_response_rag_sign_off(void **state)
{
	static const struct expect cases[] = {
		{"is:awaiting-response", "7"},        /* the one pending recommendation */
		{"is:await", "7"},
		{"is:awaiting-response|overdue", "3,5,7"},
		{"is:response-overdue", ""},          /* 7's response is due by 2023-11-16 */
		{"rag:red", "3"},
		{"rag:a", "2"},
		{"rag:GREEN", "12"},
		{"rag:red|green", "3,12"},
		{"rag:none", "1,4,5,6,7"},
		{"-rag:none", "2,3,12"},
		{"responded:2023", "3"},
		{"responded:<2023", "2,12"},
		{"responded:>=2022-09", "2,3"},
		{"responded:none", "1,4,5,6,7"},
		{"closed:2023-09", "12"},
		{"closed:>2023-06", "12"},
		{"closed:<=2023-05", "4"},
		{"closed:none", "1,2,3,5,6,7"},
		{"status:closed -closed:none", "4,12"},
	};
	CHECK_ALL(cases, SAMPLE_TODAY);
	/* The response deadline is the meeting plus 56 days: overdue the day after. */
	static const struct expect on_deadline[] = {{"is:response-overdue", ""}};
	CHECK_ALL(on_deadline, 20231116);
	static const struct expect after_deadline[] = {{"is:response-overdue", "7"}, {"is:resp", "7"}, {"is:response", "7"}};
	CHECK_ALL(after_deadline, 20231117);
	static const struct expect no_today[] = {{"is:response-overdue", ""}, {"is:awaiting-response", "7"}};
	CHECK_ALL(no_today, AR_DATE_NONE);
	/* response_days moves the deadline: 28 days is 2023-10-19. */
	struct ar_tracker *t = sample_tracker();
	t->response_days = 28;
	char *got = matching_ids(t, "is:response-overdue", 20231019);
	assert_string_equal(got, "");
	free(got);
	got = matching_ids(t, "is:response-overdue", 20231020);
	assert_string_equal(got, "7");
	free(got);
	ar_tracker_free(t);
	/* The deadline itself, across a year end and a leap day. */
	assert_int_equal(ar_date_add_days(20230921, 56), 20231116);
	assert_int_equal(ar_date_add_days(20231210, 56), 20240204);
	assert_int_equal(ar_date_add_days(20240115, 56), 20240311);
	assert_int_equal(ar_date_add_days(20230115, 56), 20230312);
	assert_int_equal(ar_date_add_days(20240301, -1), 20240229);
	assert_int_equal(ar_date_add_days(21001231, 1), 21010101);
	assert_int_equal(ar_date_add_days(AR_DATE_NONE, 5), AR_DATE_NONE);
}

static void test_negation(void **state)
{
	static const struct expect cases[] = {
		{"-status:closed", "1,2,3,5,6,7"},
		{"-health", "1,4,5,6,12"},
		{"-lead:pragnell", "1,2,4,6,7,12"},
		{"\"healthy weight\" -response:accepted", "3"},
		{"-has:due", "6"},
		{"-meeting:none", "2,3,4,5,6,7,12"},
		{"-due:2023", "2,6"},                 /* no due is not a 2023 due */
		{"-\"healthy weight\"", "1,4,5,6,7,12"},
		{"-is:overdue -is:open", "1,4,12"},
		{"a-b", ""},                          /* '-' inside a word is a letter */
	};
	CHECK_ALL(cases, SAMPLE_TODAY);
}

struct expect_error {
	const char *query;
	const char *message;
	int column;
};

static void test_errors(void **state)
{
	static const struct expect_error cases[] = {
		{"frobnicate:x", "unknown field 'frobnicate' at column 1", 1},
		{"health frobnicate:x", "unknown field 'frobnicate' at column 8", 8},
		{"caf\xc3\xa9 frob:x", "unknown field 'frob' at column 6", 6}, /* columns count characters */
		{"-frob:x", "unknown field 'frob' at column 2", 2},
		{"status:bogus", "status: 'bogus' is not one of open, in-progress, completed, closed", 8},
		{"status:c", "status: 'c' is ambiguous (completed, closed)", 8},
		{"response:p", "response: 'p' is ambiguous (pending, partially-accepted)", 10},
		{"response:bogus", "response: 'bogus' is not one of pending, accepted, partially-accepted, rejected, noted", 10},
		{"kind:open|rec", "kind: 'open' is not one of action, recommendation", 6},
		{"kind:rec|open", "kind: 'open' is not one of action, recommendation", 10},
		{"status:open|", "status: empty choice in 'open|' at column 13", 13},
		{"is:late", "is: 'late' is not one of overdue, open, awaiting-response, response-overdue", 4},
		{"rag:orange", "rag: 'orange' is not one of none, red, amber, green", 5},
		{"rag:red|", "rag: empty choice in 'red|' at column 9", 9},
		{"responded:2023-13", "responded: '2023-13' is not a date", 11},
		{"closed:<", "closed: no date after '<' at column 9", 9},
		{"closed_on:2024", "unknown field 'closed_on' at column 1; did you mean closed?", 1},
		{"has:x", "has: 'x' is not one of updates, due, response, leads, meeting", 5},
		{"abc \"def", "unterminated quote at column 5", 5},
		{"lead:\"Derys", "unterminated quote at column 6", 6},
		{"\"a\"b", "unexpected text after the closing quote at column 4", 4},
		{"\"\"", "empty quotes at column 1", 1},
		{"due:2023-13", "due: '2023-13' is not a date", 5},
		{"due:<2023-02-30", "due: '2023-02-30' is not a date", 6},
		{"due:<", "due: no date after '<' at column 6", 6},
		{"meeting:2023-9", "meeting: '2023-9' is not a date", 9},
		{"updated:yesterday", "updated: 'yesterday' is not a date", 9},
		{"id:x", "id: 'x' is not an item number or range (N or N-M)", 4},
		{"id:5-", "id: '5-' is not an item number or range (N or N-M)", 4},
		{"id:5-2", "id: '5-2' is an empty range", 4},
		{"status:", "status: no value at column 8", 8},
		{"lead:\"\"", "lead: no value at column 6", 6},
		{"- x", "'-' needs a term after it at column 1", 1},
		{"x -", "'-' needs a term after it at column 3", 3},
		{"ab\xff", "the query is not valid UTF-8 at column 3", 3},
		/* Columns are counted only for the failing term (counting one per
		 * field term made parsing quadratic: 700 KB of `id:1-2` took 18 s);
		 * after good terms of each kind they still count characters. */
		{"caf\xc3\xa9 id:1-2 status:open|closed due:>=2023-01 id:9-1", "id: '9-1' is an empty range", 49},
		{"\xc3\xa9 id:1 kind:rec is:open|bogus", "is: 'bogus' is not one of overdue, open, awaiting-response, "
		 "response-overdue", 25},
		{"\xc3\xa9 updated:<2023 meeting:none due:2023-02-29", "due: '2023-02-29' is not a date", 34},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ar_query *q = (struct ar_query *)1;
		struct ar_error err;
		assert_int_equal(ar_query_parse(cases[i].query, &q, &err), AR_EUSAGE);
		assert_null(q);
		if (strcmp(err.message, cases[i].message) != 0 || err.column != cases[i].column)
			fail_msg("query [%s]: got [%s] at %d, want [%s] at %d", cases[i].query, err.message,
			         err.column, cases[i].message, cases[i].column);
		assert_int_equal(err.line, 0);
	}
}

static void test_canonical_text(void **state)
{
	struct ar_query *q;
	struct ar_error err;
	assert_int_equal(ar_query_parse("  health   -status:closed\t\"a b\" ", &q, &err), AR_OK);
	assert_string_equal(ar_query_text(q), "health -status:closed \"a b\"");
	assert_false(ar_query_is_empty(q));
	assert_true(ar_query_reads_text(q));
	ar_query_free(q);
	assert_int_equal(ar_query_parse(NULL, &q, &err), AR_OK);
	assert_true(ar_query_is_empty(q));
	assert_string_equal(ar_query_text(q), "");
	assert_false(ar_query_reads_text(q));
	ar_query_free(q);
	assert_int_equal(ar_query_parse("status:open due:<2024", &q, &err), AR_OK);
	assert_false(ar_query_reads_text(q));
	assert_false(ar_query_uses_only_enums(q));
	ar_query_free(q);
	assert_int_equal(ar_query_parse("status:open|prog -kind:act is:open response:acc|rej", &q, &err), AR_OK);
	assert_true(ar_query_uses_only_enums(q));
	assert_true(ar_query_matches_enums(q, AR_KIND_RECOMMENDATION, AR_STATUS_IN_PROGRESS, AR_RESPONSE_REJECTED));
	assert_false(ar_query_matches_enums(q, AR_KIND_ACTION, AR_STATUS_IN_PROGRESS, AR_RESPONSE_REJECTED));
	assert_false(ar_query_matches_enums(q, AR_KIND_RECOMMENDATION, AR_STATUS_CLOSED, AR_RESPONSE_ACCEPTED));
	assert_false(ar_query_matches_enums(q, AR_KIND_RECOMMENDATION, AR_STATUS_OPEN, AR_RESPONSE_NOTED));
	ar_query_free(q);
	assert_int_equal(ar_query_parse("is:overdue", &q, &err), AR_OK);
	assert_false(ar_query_uses_only_enums(q));
	ar_query_free(q);
	ar_query_free(NULL);
}

struct expect_implies {
	const char *narrower, *wider;
	bool implies;
};

static void test_implies(void **state)
{
	static const struct expect_implies cases[] = {
		{"health", "heal", true},
		{"heal", "health", false},
		{"health v", "health", true},
		{"health", "health v", false},
		{"health vi", "health v", true},
		{"b a", "a b", true},
		{"HEALTH", "health", true},
		{"\"healthy weight\"", "weight", true},
		{"\xc3\x89" "cole", "\xc3\xa9" "co", true},
		{"-heal", "-health", true},
		{"-health", "-heal", false},
		{"lead:pragnell", "pragnell", true},
		{"pragnell", "lead:pragnell", false},
		{"-pragnell", "-lead:pragnell", true},
		{"-lead:pragnell", "-pragnell", false},
		{"topic:care", "text:care", false},
		{"status:open", "status:open|closed", true},
		{"status:open|closed", "status:open", false},
		{"-status:open|closed", "-status:open", true},
		{"status:open", "-status:closed", true},
		{"status:open", "-status:open", false},
		{"is:open", "is:open|overdue", true},
		{"is:open", "-is:overdue", false},
		{"has:due", "-has:updates", false},
		{"due:2023-09", "due:2023", true},
		{"due:2023", "due:2023-09", false},
		{"due:<2023-05", "due:<2023-09", true},
		{"due:<2023-09", "due:2023", false},
		{"due:>=2024", "due:>2023-06", true},
		{"due:none", "-due:2023", true},
		{"due:2023", "-due:none", true},
		{"-due:2023", "-due:2023-04", true},
		{"id:3", "id:1-5", true},
		{"id:3", "-id:4-6", true},
		{"id:1-9", "id:1-5", false},
		{"meeting:none", "-meeting:2022", true},
		{"meeting:2022-11", "meeting:2022", true},
		{"updated:2023", "due:2023", false},
		{"x", "", true},
		{"", "x", false},
		{"", "", true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ar_query *n, *w;
		struct ar_error err;
		assert_int_equal(ar_query_parse(cases[i].narrower, &n, &err), AR_OK);
		assert_int_equal(ar_query_parse(cases[i].wider, &w, &err), AR_OK);
		if (ar_query_implies(n, w) != cases[i].implies)
			fail_msg("[%s] implies [%s]: want %d", cases[i].narrower, cases[i].wider, cases[i].implies);
		ar_query_free(n);
		ar_query_free(w);
	}
}

/* Whenever implies() says yes, it must be true of every item: random
 * queries against a random tracker. */
static void test_implies_is_sound(void **state)
{
	static const char *const terms[] = {
		"health", "heal", "he", "healthy", "care", "car", "-care", "-car", "lead:der", "lead:derys",
		"-lead:der", "der", "-der", "topic:car", "text:car", "status:open", "status:o|cl", "-status:open",
		"-status:closed", "kind:rec", "-kind:act", "response:acc|rej", "-response:pe|n", "is:open",
		"is:overdue", "-is:overdue", "has:updates", "-has:due", "has:r", "id:10-400", "id:100-200",
		"-id:150-160", "meeting:2023", "meeting:2023-09", "-meeting:none", "meeting:none",
		"due:2023", "due:2023-09", "due:<2024", "due:<=2023-10", "-due:2023", "due:none",
		"updated:2023", "updated:>2023-02", "-updated:none", "\xc3\xa9", "\xc3\x89" "cole", "\xc5\x82",
		"rag:red", "rag:r|a", "-rag:none", "rag:none", "-rag:green", "is:awaiting-response",
		"-is:awaiting-response", "is:response-overdue", "is:await|resp", "responded:2023",
		"responded:<2023-11", "-responded:none", "closed:2023", "closed:>=2023-09", "closed:none",
	};
	const size_t nterms = sizeof terms / sizeof terms[0];
	struct ar_tracker *t = random_tracker(600, 7);
	uint64_t rng = 99;
	int implied = 0;
	for (int round = 0; round < 3000; round++) {
		char a[200] = "", b[200] = "";
		size_t near = 0;
		for (int k = (int)(fixture_random(&rng) % 3); k >= 0; k--) {
			near = fixture_random(&rng) % nterms;
			strcat(a, terms[near]);
			strcat(a, " ");
		}
		/* The wider query's terms come from a window of the list near the
		 * narrower's last term, where related terms sit. */
		for (int k = (int)(fixture_random(&rng) % 2); k >= 0; k--) {
			strcat(b, terms[(near + fixture_random(&rng) % 5 + nterms - 2) % nterms]);
			strcat(b, " ");
		}
		struct ar_query *n, *w;
		struct ar_error err;
		assert_int_equal(ar_query_parse(a, &n, &err), AR_OK);
		assert_int_equal(ar_query_parse(b, &w, &err), AR_OK);
		if (ar_query_implies(n, w)) {
			implied++;
			for (size_t i = 0; i < t->item_count; i++)
				if (ar_query_matches(n, t, t->items[i], 20231001) && !ar_query_matches(w, t, t->items[i], 20231001))
					fail_msg("[%s] implies [%s] but item %ld matches only the first", a, b, t->items[i]->id);
		}
		ar_query_free(n);
		ar_query_free(w);
	}
	assert_true(implied > 100); /* the test did test something */
	ar_tracker_free(t);
}

/* A step from a wider query's matches must give exactly what a fresh
 * match gives, and report the same places, whatever it skips or resumes. */
static void test_steps_match_fresh(void **state)
{
	static const char *const pairs[][2] = {
		{"h", "he"}, {"he", "hea"}, {"heal", "health"}, {"health", "health v"}, {"health v", "health vi"},
		{"ealth", "health"}, {"alth", "healthy"}, {"care", "care board"}, {"care", "care boa"},
		{"lead:der", "lead:derys"}, {"lead:der", "lead:der status:open"}, {"status:open", "status:open car"},
		{"-care", "-care hub"}, {"hub -care", "hub -care line"}, {"\xc3\xa9", "caf\xc3\xa9"},
		{"\xc3\x89" "co", "\xc3\xa9" "cole"}, {"line", "crisis line"}, {"crisis lin", "crisis line"},
		{"plan", "plan plan"}, {"topic:car", "topic:care"}, {"2", "23"}, {"a", "a b"}, {"", "health"},
		{"visit", "visit -health"}, {"health visit", "visit health"}, {"s", "services kind:rec"},
	};
	struct ar_tracker *t = random_tracker(800, 11);
	size_t n = t->item_count;
	struct ar_match_place *wider_places = malloc(n * sizeof *wider_places);
	bool *wider_match = malloc(n * sizeof *wider_match);
	for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
		struct ar_query *w, *q;
		struct ar_error err;
		assert_int_equal(ar_query_parse(pairs[k][0], &w, &err), AR_OK);
		assert_int_equal(ar_query_parse(pairs[k][1], &q, &err), AR_OK);
		if (!ar_query_implies(q, w))
			fail_msg("[%s] should imply [%s]", pairs[k][1], pairs[k][0]);
		struct ar_query_step *fresh_w = ar_query_step_new(w, NULL);
		struct ar_query_step *fresh_q = ar_query_step_new(q, NULL);
		struct ar_query_step *step = ar_query_step_new(q, w);
		size_t matched = 0;
		for (size_t i = 0; i < n; i++) {
			const struct ar_item *item = t->items[i];
			const struct ar_meeting *m = item->meeting ? ar_tracker_find_meeting(t, item->meeting) : NULL;
			wider_match[i] = ar_query_step_matches(fresh_w, item, m, 20231001, 56, NULL, &wider_places[i]);
			assert_int_equal(wider_match[i], ar_query_matches(w, t, item, 20231001));
			if (!wider_match[i])
				continue;
			for (int stage = 0; stage < 2; stage++)
				ar_query_step_prefetch(step, item, m, &wider_places[i], stage);
			struct ar_match_place got = {.string = 99}, want = {.string = 77};
			bool yes = ar_query_step_matches(step, item, m, 20231001, 56, &wider_places[i], &got);
			bool fresh = ar_query_step_matches(fresh_q, item, m, 20231001, 56, NULL, &want);
			if (yes != ar_query_matches(q, t, item, 20231001) || yes != fresh)
				fail_msg("[%s] after [%s], item %ld: step says %d", pairs[k][1], pairs[k][0], item->id, yes);
			/* The bytes kept after the match may be fewer than a fresh
			 * search keeps (a shortcut uses some up), never others. */
			if (yes && ar_query_step_tracks(step) &&
			    (got.string != want.string || got.offset != want.offset || got.after_len > want.after_len ||
			     memcmp(got.after, want.after, got.after_len) != 0))
				fail_msg("[%s] after [%s], item %ld: place %u:%u, fresh %u:%u", pairs[k][1], pairs[k][0],
				         item->id, got.string, got.offset, want.string, want.offset);
			matched += yes;
		}
		assert_int_equal(ar_query_step_tracks(step), ar_query_step_tracks(fresh_q));
		if (matched == 0) /* every pair must find something, or it tests little */
			fail_msg("[%s] after [%s] matches nothing", pairs[k][1], pairs[k][0]);
		ar_query_step_free(step);
		ar_query_step_free(fresh_q);
		ar_query_step_free(fresh_w);
		ar_query_free(q);
		ar_query_free(w);
	}
	ar_query_step_free(NULL);
	free(wider_places);
	free(wider_match);
	ar_tracker_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_char),
		cmocka_unit_test(test_fold_compare),
		cmocka_unit_test(test_needle_matches_reference),
		cmocka_unit_test(test_needle_long_text),
		cmocka_unit_test(test_words_and_phrases),
		cmocka_unit_test(test_enumerations),
		cmocka_unit_test(test_text_fields),
		cmocka_unit_test(test_meetings_and_ids),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_month_end),
		cmocka_unit_test(test_is_and_has),
		cmocka_unit_test(test_response_rag_sign_off),
		cmocka_unit_test(test_negation),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_canonical_text),
		cmocka_unit_test(test_implies),
		cmocka_unit_test(test_implies_is_sound),
		cmocka_unit_test(test_steps_match_fresh),
	};
	return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
