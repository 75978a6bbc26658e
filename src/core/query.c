/* query.c - parsing and matching the query language of spec section 4. */
#include "config.h"

#include "artrack/text.h"
#include "artrack/query.h"
#include "artrack/alloc.h"
#include "artrack/choices.h"
#include "artrack/textsearch.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char ar_query_syntax_hint[] = "words \"a phrase\" status:open response:rej lead:NAME meeting:2023 "
                                   "due:<2024-01 is:overdue -term";

enum term_kind {
	/* Cheap terms first: the evaluation order follows this enum. */
	TERM_KIND, TERM_STATUS, TERM_RESPONSE, TERM_RAG, TERM_IS, TERM_HAS, TERM_ID,
	TERM_MEETING, TERM_DUE, TERM_UPDATED, TERM_RESPONDED, TERM_CLOSED,
	TERM_LEAD, TERM_TOPIC, TERM_TEXT, TERM_WORD
};

static bool kind_reads_text(enum term_kind k)
{
	return k >= TERM_LEAD;
}

enum is_value { IS_OVERDUE, IS_OPEN, IS_AWAITING_RESPONSE, IS_RESPONSE_OVERDUE, IS_COUNT };
enum has_value { HAS_UPDATES, HAS_DUE, HAS_RESPONSE, HAS_LEADS, HAS_MEETING, HAS_COUNT };
static const char *const is_names[IS_COUNT] = {"overdue", "open", "awaiting-response", "response-overdue"};
static const char *const has_names[HAS_COUNT] = {"updates", "due", "response", "leads", "meeting"};

struct term {
	enum term_kind kind;
	bool negated;
	char *source;              /* the term as written: equal sources, equal terms */
	struct ar_needle needle;   /* text terms */
	unsigned set;              /* enumerations, is:, has: one bit per value */
	long lo, hi;               /* id range; date interval (empty when lo > hi) */
	bool effective;            /* dates: compared with a month as its last day */
	bool none;                 /* dates: "no date" matches */
};

struct ar_query {
	struct term *terms;
	size_t count;
	size_t *order;             /* evaluation order: cheap terms first */
	char *text;                /* canonical text */
	bool reads_text;
};

/* ---- parsing ---- */

struct parser {
	const char *s;
	size_t len;
	size_t pos;
	struct ar_error *err;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* 1-based column, in characters, of byte offset pos: a count from the
 * start, so only for errors (per term it would make parsing quadratic). */
static int column_of(const struct parser *p, size_t pos)
{
	int col = 1;
	for (size_t i = 0; i < pos && i < p->len; i++)
		if (((unsigned char)p->s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static const struct {
	const char *name;
	enum term_kind kind;
} fields[] = {
	{"kind", TERM_KIND}, {"status", TERM_STATUS}, {"response", TERM_RESPONSE},
	{"is", TERM_IS}, {"has", TERM_HAS}, {"id", TERM_ID}, {"meeting", TERM_MEETING},
	{"due", TERM_DUE}, {"updated", TERM_UPDATED}, {"rag", TERM_RAG}, {"responded", TERM_RESPONDED},
	{"closed", TERM_CLOSED}, {"lead", TERM_LEAD},
	{"topic", TERM_TOPIC}, {"text", TERM_TEXT},
};

/* Read a quoted string starting at p->pos (on the quote); on success the
 * contents are s[*start..*start+*len) and p->pos is past the closing quote. */
static bool read_quoted(struct parser *p, size_t *start, size_t *len)
{
	size_t open = p->pos;
	const char *close = memchr(p->s + open + 1, '"', p->len - open - 1);
	if (!close) {
		ar_error_set(p->err, 0, column_of(p, open), "unterminated quote at column %d", column_of(p, open));
		return false;
	}
	*start = open + 1;
	*len = (size_t)(close - p->s) - *start;
	p->pos = (size_t)(close - p->s) + 1;
	if (p->pos < p->len && !is_space(p->s[p->pos])) {
		int col = column_of(p, p->pos);
		ar_error_set(p->err, 0, col, "unexpected text after the closing quote at column %d", col);
		return false;
	}
	return true;
}

/* Parse "a|b|..." of names into a bit set: each part the name it fits best
 * (any case), which must be the only one fitting that well. */
static bool parse_enum(struct parser *p, const char *field, const char *const *names, int count,
                       size_t vpos, size_t vlen, unsigned *set)
{
	const char *v = p->s + vpos;
	size_t a = 0;
	*set = 0;
	for (;;) {
		size_t b = a;
		while (b < vlen && v[b] != '|')
			b++;
		size_t n = b - a;
		if (n == 0) {
			int col = column_of(p, vpos + a);
			ar_error_set(p->err, 0, col, "%s: empty choice in '%.*s' at column %d", field, (int)vlen, v, col);
			return false;
		}
		unsigned fitting;
		int found = ar_enum_match(names, count, v + a, n, &fitting);
		if (found < 0) {
			ar_choice_error(p->err, 0, column_of(p, vpos + a), field, names, count, v + a, n, found, fitting);
			return false;
		}
		*set |= 1u << found;
		if (b == vlen)
			return true;
		a = b + 1;
	}
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Parse YYYY, YYYY-MM or YYYY-MM-DD into the period [first, last] it names
 * (real days) and the prefix interval [plo, phi] of date ints it covers. */
static bool parse_period(const char *s, size_t n, long *first, long *last, long *plo, long *phi)
{
	if (!(n == 4 || n == 7 || n == 10) || !all_digits(s, 4))
		return false;
	int y = atoi(s), m = 0, d = 0;
	if (n >= 7) {
		if (s[4] != '-' || !all_digits(s + 5, 2))
			return false;
		m = (s[5] - '0') * 10 + (s[6] - '0');
	}
	if (n == 10) {
		if (s[7] != '-' || !all_digits(s + 8, 2))
			return false;
		d = (s[8] - '0') * 10 + (s[9] - '0');
	}
	if (y < 1 || (n >= 7 && !ar_date_valid(y, m, d, true)) || (n == 10 && d == 0))
		return false;
	if (n == 4) {
		*first = ar_date_make(y, 1, 1), *last = ar_date_make(y, 12, 31);
		*plo = ar_date_make(y, 0, 0), *phi = ar_date_make(y, 99, 99);
	} else if (n == 7) {
		*first = ar_date_make(y, m, 1), *last = ar_date_make(y, m, ar_date_days_in_month(y, m));
		*plo = ar_date_make(y, m, 0), *phi = ar_date_make(y, m, 99);
	} else {
		*first = *last = *plo = *phi = ar_date_make(y, m, d);
	}
	return true;
}

static bool parse_date_term(struct parser *p, const char *field, size_t vpos, size_t vlen, struct term *t)
{
	const char *v = p->s + vpos;
	if (vlen == 4 && strncasecmp(v, "none", 4) == 0) {
		t->none = true;
		t->lo = 1, t->hi = 0;
		return true;
	}
	size_t oplen = 0;
	char op = 0;
	if (vlen >= 1 && (v[0] == '<' || v[0] == '>')) {
		op = v[0];
		oplen = vlen >= 2 && v[1] == '=' ? 2 : 1;
	}
	const char *d = v + oplen;
	size_t dlen = vlen - oplen;
	if (op && dlen == 0) {
		int col = column_of(p, vpos + oplen);
		ar_error_set(p->err, 0, col, "%s: no date after '%.*s' at column %d", field, (int)oplen, v, col);
		return false;
	}
	long first, last, plo, phi;
	if (!parse_period(d, dlen, &first, &last, &plo, &phi)) {
		ar_error_set(p->err, 0, column_of(p, vpos + oplen), "%s: '%.*s' is not a date", field, (int)dlen, d);
		return false;
	}
	t->effective = op != 0;
	if (!op)
		t->lo = plo, t->hi = phi;
	else if (op == '<' && oplen == 1)
		t->lo = 1, t->hi = first - 1;
	else if (op == '<')
		t->lo = 1, t->hi = last;
	else if (oplen == 1)
		t->lo = last + 1, t->hi = LONG_MAX;
	else
		t->lo = first, t->hi = LONG_MAX;
	return true;
}

static bool parse_id(struct parser *p, size_t vpos, size_t vlen, struct term *t)
{
	const char *v = p->s + vpos;
	const char *dash = memchr(v, '-', vlen);
	size_t n1 = dash ? (size_t)(dash - v) : vlen, n2 = dash ? vlen - n1 - 1 : 0;
	if (n1 == 0 || n1 > 15 || !all_digits(v, n1) || (dash && (n2 == 0 || n2 > 15 || !all_digits(dash + 1, n2)))) {
		ar_error_set(p->err, 0, column_of(p, vpos), "id: '%.*s' is not an item number or range (N or N-M)",
		             (int)vlen, v);
		return false;
	}
	t->lo = strtol(v, NULL, 10);
	t->hi = dash ? strtol(dash + 1, NULL, 10) : t->lo;
	if (t->lo > t->hi) {
		ar_error_set(p->err, 0, column_of(p, vpos), "id: '%.*s' is an empty range", (int)vlen, v);
		return false;
	}
	return true;
}

/* "unknown field 'x' at column N", with the nearest field name. */
static void unknown_field(struct parser *p, size_t at, size_t len)
{
	enum { NFIELDS = sizeof fields / sizeof fields[0] };
	const char *names[NFIELDS];
	for (size_t f = 0; f < NFIELDS; f++)
		names[f] = fields[f].name;
	int col = column_of(p, at);
	struct ar_buf near = {0};
	ar_buf_adds(&near, "");
	ar_choice_suggest(&near, names, NFIELDS, p->s + at, len);
	ar_error_set(p->err, 0, col, "unknown field '%.*s' at column %d%s", (int)len, p->s + at, col, near.data);
	ar_buf_free(&near);
}

/* Parse the term at p->pos into t, leaving p->pos after it. */
static bool parse_term(struct parser *p, struct term *t)
{
	const char *s = p->s;
	size_t start = p->pos;
	if (s[p->pos] == '-') {
		if (p->pos + 1 == p->len || is_space(s[p->pos + 1])) {
			int col = column_of(p, start);
			ar_error_set(p->err, 0, col, "'-' needs a term after it at column %d", col);
			return false;
		}
		t->negated = true;
		p->pos++;
	}
	size_t body = p->pos, vpos, vlen;
	if (s[p->pos] == '"') {
		if (!read_quoted(p, &vpos, &vlen))
			return false;
		if (vlen == 0) {
			int col = column_of(p, body);
			ar_error_set(p->err, 0, col, "empty quotes at column %d", col);
			return false;
		}
		t->kind = TERM_WORD;
		ar_needle_init(&t->needle, s + vpos, vlen);
		return true;
	}
	size_t j = p->pos;
	while (j < p->len && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || s[j] == '_'))
		j++;
	if (j == p->pos || j == p->len || s[j] != ':') {
		/* A bare word. */
		while (p->pos < p->len && !is_space(s[p->pos]))
			p->pos++;
		t->kind = TERM_WORD;
		ar_needle_init(&t->needle, s + body, p->pos - body);
		return true;
	}
	size_t f, flen = j - body;
	for (f = 0; f < sizeof fields / sizeof fields[0]; f++)
		if (strlen(fields[f].name) == flen && strncasecmp(fields[f].name, s + body, flen) == 0)
			break;
	if (f == sizeof fields / sizeof fields[0]) {
		unknown_field(p, body, flen);
		return false;
	}
	const char *field = fields[f].name;
	t->kind = fields[f].kind;
	p->pos = j + 1;
	if (p->pos < p->len && s[p->pos] == '"') {
		if (!read_quoted(p, &vpos, &vlen))
			return false;
	} else {
		vpos = p->pos;
		while (p->pos < p->len && !is_space(s[p->pos]))
			p->pos++;
		vlen = p->pos - vpos;
	}
	if (vlen == 0) {
		int col = column_of(p, j + 1);
		ar_error_set(p->err, 0, col, "%s: no value at column %d", field, col);
		return false;
	}
	switch (t->kind) {
	case TERM_KIND:
		return parse_enum(p, field, ar_kind_names, AR_KIND_COUNT, vpos, vlen, &t->set);
	case TERM_STATUS:
		return parse_enum(p, field, ar_status_names, AR_STATUS_COUNT, vpos, vlen, &t->set);
	case TERM_RESPONSE:
		return parse_enum(p, field, ar_response_names, AR_RESPONSE_COUNT, vpos, vlen, &t->set);
	case TERM_RAG:
		return parse_enum(p, field, ar_rag_choices, AR_RAG_COUNT, vpos, vlen, &t->set);
	case TERM_IS:
		return parse_enum(p, field, is_names, IS_COUNT, vpos, vlen, &t->set);
	case TERM_HAS:
		return parse_enum(p, field, has_names, HAS_COUNT, vpos, vlen, &t->set);
	case TERM_ID:
		return parse_id(p, vpos, vlen, t);
	case TERM_MEETING:
	case TERM_DUE:
	case TERM_UPDATED:
	case TERM_RESPONDED:
	case TERM_CLOSED:
		return parse_date_term(p, field, vpos, vlen, t);
	case TERM_LEAD:
	case TERM_TOPIC:
	case TERM_TEXT:
	case TERM_WORD:
		ar_needle_init(&t->needle, s + vpos, vlen);
		return true;
	}
	return true;
}

void ar_query_free(struct ar_query *query)
{
	if (!query)
		return;
	for (size_t i = 0; i < query->count; i++) {
		if (kind_reads_text(query->terms[i].kind))
			ar_needle_free(&query->terms[i].needle);
		free(query->terms[i].source);
	}
	free(query->terms);
	free(query->order);
	free(query->text);
	free(query);
}

enum ar_rc ar_query_parse(const char *text, struct ar_query **out, struct ar_error *err)
{
	struct parser p = {text ? text : "", text ? strlen(text) : 0, 0, err};
	struct ar_query *q = ar_xcalloc(1, sizeof *q);
	struct ar_buf canon = {0};
	size_t cap = 0;
	*out = NULL;
	ar_error_clear(err);
	struct ar_text_pos bad;
	if (ar_utf8_first_bad(p.s, p.len, &bad)) {
		int col = column_of(&p, bad.offset);
		ar_error_set(err, 0, col, "the query is not valid UTF-8 at column %d", col);
		goto fail;
	}
	for (;;) {
		while (p.pos < p.len && is_space(p.s[p.pos]))
			p.pos++;
		if (p.pos == p.len)
			break;
		AR_GROW(q->terms, cap, q->count + 1, 4);
		struct term *t = &q->terms[q->count];
		memset(t, 0, sizeof *t);
		size_t start = p.pos;
		bool ok = parse_term(&p, t);
		if (!ok) {
			if (kind_reads_text(t->kind) && t->needle.folded)
				ar_needle_free(&t->needle);
			goto fail;
		}
		t->source = ar_xstrndup(p.s + start, p.pos - start);
		q->count++;
		if (canon.len)
			ar_buf_addc(&canon, ' ');
		ar_buf_add(&canon, p.s + start, p.pos - start);
		if (kind_reads_text(t->kind))
			q->reads_text = true;
	}
	/* Cheap terms first, in the order written otherwise: a query's cost is
	 * mostly its text terms, and a failed cheap term spares them. */
	q->order = ar_xmalloc((q->count ? q->count : 1) * sizeof *q->order);
	size_t n = 0;
	for (int k = TERM_KIND; k <= TERM_WORD; k++)
		for (size_t i = 0; i < q->count; i++)
			if ((int)q->terms[i].kind == k)
				q->order[n++] = i;
	q->text = canon.data ? ar_buf_steal(&canon, NULL) : ar_xstrdup("");
	*out = q;
	return AR_OK;
fail:
	ar_buf_free(&canon);
	ar_query_free(q);
	return AR_EUSAGE;
}

bool ar_query_is_empty(const struct ar_query *query)
{
	return !query || query->count == 0;
}

const char *ar_query_text(const struct ar_query *query)
{
	return query ? query->text : "";
}

bool ar_query_reads_text(const struct ar_query *query)
{
	return query && query->reads_text;
}

/* ---- matching ---- */

/* How many strings a text term searches in item, in a fixed order:
 * a word searches the id's digits, topic, text, meeting title, leads and
 * update texts; lead: the leads; topic: and text: one string each.  The
 * order numbers the strings of a struct ar_match_place. */
static size_t text_string_count(enum term_kind kind, const struct ar_item *item)
{
	switch (kind) {
	case TERM_WORD:
		return 4 + item->lead_count + item->update_count;
	case TERM_LEAD:
		return item->lead_count;
	default:
		return 1;
	}
}

/* The i-th string a text term searches (NULL when absent). */
static const char *text_string(enum term_kind kind, const struct ar_item *item, const struct ar_meeting *meeting,
                               size_t i, char digits[24])
{
	switch (kind) {
	case TERM_LEAD:
		return item->leads[i];
	case TERM_TOPIC:
		return item->topic;
	case TERM_TEXT:
		return item->text;
	default:
		break;
	}
	/* A word: the id, the topic, then the text, where a common word is
	 * most often settled (each string read is a cache miss or two), then
	 * the meeting's title, the leads and the updates. */
	if (i == 0) {
		unsigned long id = item->id > 0 ? (unsigned long)item->id : 0;
		size_t n = 23;
		digits[n] = '\0';
		do {
			digits[--n] = (char)('0' + id % 10);
			id /= 10;
		} while (id);
		return digits + n;
	}
	if (i == 1)
		return item->topic;
	if (i == 2)
		return item->text;
	if (i == 3)
		return meeting ? meeting->title : NULL;
	i -= 4;
	if (i < item->lead_count)
		return item->leads[i];
	return item->updates[i - item->lead_count].text;
}

/* Search a text term's strings from place `from` on; on a match, *at (if
 * not NULL) is where. */
static bool text_find(const struct term *t, const struct ar_item *item, const struct ar_meeting *meeting,
                      struct ar_match_place from, struct ar_match_place *at)
{
	size_t count = text_string_count(t->kind, item);
	for (size_t i = from.string; i < count; i++) {
		char digits[24];
		const char *s = text_string(t->kind, item, meeting, i, digits);
		if (!s)
			continue;
		size_t offset = i == from.string ? from.offset : 0;
		const char *hit = ar_needle_find_str(&t->needle, s + offset);
		if (hit) {
			if (at) {
				at->string = (uint32_t)i;
				at->offset = (uint32_t)(hit - s);
				/* The bytes that follow, while they are in the cache: the
				 * next character typed is most often one of them. */
				const char *end = hit + t->needle.length;
				uint8_t n = 0;
				while (n < sizeof at->after && end[n])
					n++;
				memcpy(at->after, end, n);
				at->after_len = n;
			}
			return true;
		}
	}
	return false;
}

static bool date_matches(const struct term *t, ar_date d)
{
	if (d == AR_DATE_NONE)
		return t->none;
	long v = t->effective ? ar_date_month_end(d) : d;
	return v >= t->lo && v <= t->hi;
}

static bool is_matches(unsigned set, const struct ar_item *item, ar_date today, int response_days)
{
	if ((set & 1u << IS_OPEN) && (item->status == AR_STATUS_OPEN || item->status == AR_STATUS_IN_PROGRESS))
		return true;
	if ((set & 1u << IS_OVERDUE) && ar_item_is_overdue(item, today))
		return true;
	if ((set & 1u << IS_AWAITING_RESPONSE) && ar_item_awaits_response(item))
		return true;
	if ((set & 1u << IS_RESPONSE_OVERDUE) && ar_item_is_response_overdue(item, response_days, today))
		return true;
	return false;
}

static bool has_matches(unsigned set, const struct ar_item *item)
{
	return ((set & 1u << HAS_UPDATES) && item->update_count > 0) ||
	       ((set & 1u << HAS_DUE) && item->due != AR_DATE_NONE) ||
	       ((set & 1u << HAS_RESPONSE) && item->response != AR_RESPONSE_NONE &&
	        item->response != AR_RESPONSE_PENDING) ||
	       ((set & 1u << HAS_LEADS) && item->lead_count > 0) ||
	       ((set & 1u << HAS_MEETING) && item->meeting != AR_DATE_NONE);
}

static bool term_matches(const struct term *t, const struct ar_item *item, const struct ar_meeting *meeting,
                         ar_date today, int response_days)
{
	switch (t->kind) {
	case TERM_KIND:
		return t->set >> item->kind & 1;
	case TERM_STATUS:
		return t->set >> item->status & 1;
	case TERM_RESPONSE:
		return t->set >> item->response & 1;
	case TERM_RAG:
		return t->set >> item->rag & 1;
	case TERM_IS:
		return is_matches(t->set, item, today, response_days);
	case TERM_HAS:
		return has_matches(t->set, item);
	case TERM_ID:
		return item->id >= t->lo && item->id <= t->hi;
	case TERM_MEETING:
		return date_matches(t, item->meeting);
	case TERM_DUE:
		return date_matches(t, item->due);
	case TERM_UPDATED:
		return date_matches(t, ar_item_updated(item));
	case TERM_RESPONDED:
		return date_matches(t, item->responded);
	case TERM_CLOSED:
		return date_matches(t, item->closed_on);
	case TERM_LEAD:
	case TERM_TOPIC:
	case TERM_TEXT:
	case TERM_WORD:
		return text_find(t, item, meeting, (struct ar_match_place){.string = 0}, NULL);
	}
	return false;
}

bool ar_query_matches_item(const struct ar_query *query, const struct ar_item *item,
                           const struct ar_meeting *meeting, ar_date today, int response_days)
{
	if (!query)
		return true;
	for (size_t i = 0; i < query->count; i++) {
		const struct term *t = &query->terms[query->order[i]];
		if (term_matches(t, item, meeting, today, response_days) == t->negated)
			return false;
	}
	return true;
}

bool ar_query_matches(const struct ar_query *query, const struct ar_tracker *tracker,
                      const struct ar_item *item, ar_date today)
{
	const struct ar_meeting *meeting =
		item->meeting != AR_DATE_NONE ? ar_tracker_find_meeting(tracker, item->meeting) : NULL;
	return ar_query_matches_item(query, item, meeting, today, ar_tracker_response_days(tracker));
}

bool ar_query_uses_only_enums(const struct ar_query *query)
{
	for (size_t i = 0; query && i < query->count; i++) {
		const struct term *t = &query->terms[i];
		/* is:awaiting-response reads the kind and the response only. */
		bool enums = t->kind == TERM_KIND || t->kind == TERM_STATUS || t->kind == TERM_RESPONSE ||
		             (t->kind == TERM_IS && (t->set & ~(1u << IS_OPEN | 1u << IS_AWAITING_RESPONSE)) == 0);
		if (!enums)
			return false;
	}
	return true;
}

bool ar_query_matches_enums(const struct ar_query *query, enum ar_kind kind, enum ar_item_status status,
                            enum ar_response response)
{
	/* Those terms read nothing else of an item. */
	struct ar_item item = {.kind = kind, .status = status, .response = response};
	return ar_query_matches_item(query, &item, NULL, AR_DATE_NONE, AR_RESPONSE_DAYS_DEFAULT);
}

/* ---- implication ---- */

/* Whether the strings term kind a searches are among those b searches. */
static bool text_within(enum term_kind a, enum term_kind b)
{
	return a == b || (b == TERM_WORD && (a == TERM_LEAD || a == TERM_TOPIC || a == TERM_TEXT));
}

static bool interval_empty(const struct term *t)
{
	return t->lo > t->hi;
}

/* The set a date or id term matches: "none" when t->none, plus the values
 * in [lo, hi] measured raw or effective.  Whether set(a) is within set(b). */
static bool range_within(const struct term *a, const struct term *b)
{
	if (a->none && !b->none)
		return false;
	if (interval_empty(a))
		return true;
	return a->effective == b->effective && a->lo >= b->lo && a->hi <= b->hi;
}

static bool range_disjoint(const struct term *a, const struct term *b)
{
	if (a->none && b->none)
		return false;
	if (interval_empty(a) || interval_empty(b))
		return true;
	return a->effective == b->effective && (a->hi < b->lo || b->hi < a->lo);
}

/* Whether every item matching n is sure to match w. */
static bool term_implies(const struct term *n, const struct term *w)
{
	if (kind_reads_text(n->kind) && kind_reads_text(w->kind)) {
		if (!n->negated && !w->negated)
			return text_within(n->kind, w->kind) && strstr(n->needle.folded, w->needle.folded);
		if (n->negated && w->negated)
			return text_within(w->kind, n->kind) && strstr(w->needle.folded, n->needle.folded);
		return false;
	}
	if (n->kind != w->kind)
		return false;
	switch (n->kind) {
	case TERM_KIND:
	case TERM_STATUS:
	case TERM_RESPONSE:
	case TERM_RAG:
	case TERM_IS:
	case TERM_HAS:
		if (n->negated == w->negated)
			return n->negated ? (w->set & ~n->set) == 0 : (n->set & ~w->set) == 0;
		/* Disjoint values imply the negation only where the values
		 * partition the items (not is:/has:, whose values overlap). */
		return !n->negated && n->kind <= TERM_RAG && (n->set & w->set) == 0;
	case TERM_ID:
	case TERM_MEETING:
	case TERM_DUE:
	case TERM_UPDATED:
	case TERM_RESPONDED:
	case TERM_CLOSED:
		if (n->negated == w->negated)
			return n->negated ? range_within(w, n) : range_within(n, w);
		return !n->negated && range_disjoint(n, w);
	default:
		return false;
	}
}

bool ar_query_implies(const struct ar_query *narrower, const struct ar_query *wider)
{
	if (ar_query_is_empty(wider))
		return true;
	if (!narrower)
		return false;
	for (size_t i = 0; i < wider->count; i++) {
		bool implied = false;
		for (size_t j = 0; j < narrower->count && !implied; j++)
			implied = term_implies(&narrower->terms[j], &wider->terms[i]);
		if (!implied)
			return false;
	}
	return true;
}

/* ---- showing what matched ---- */

static bool term_searches(enum term_kind kind, enum ar_query_place place)
{
	switch (kind) {
	case TERM_WORD: return true;
	case TERM_LEAD: return place == AR_QUERY_IN_LEAD;
	case TERM_TOPIC: return place == AR_QUERY_IN_TOPIC;
	case TERM_TEXT: return place == AR_QUERY_IN_TEXT;
	default: return false;
	}
}

size_t ar_query_find(const struct ar_query *query, enum ar_query_place place, const char *s, size_t len,
                     size_t from, size_t *match_len)
{
	size_t best = SIZE_MAX, best_len = 0;
	for (size_t i = 0; query && s && from < len && i < query->count; i++) {
		const struct term *t = &query->terms[i];
		if (t->negated || !term_searches(t->kind, place))
			continue;
		const char *hit = ar_needle_find(&t->needle, s + from, len - from);
		size_t at = hit ? (size_t)(hit - s) : SIZE_MAX;
		/* The earliest, and of those the longest ("health" over "heal"). */
		if (at < best || (at == best && t->needle.length > best_len)) {
			best = at;
			best_len = t->needle.length;
		}
	}
	if (match_len)
		*match_len = best_len;
	return best;
}

/* ---- narrowing step by step ---- */

struct ar_query_step {
	const struct ar_query *query;
	bool *skip;                /* per term: the wider query has it too */
	int tracked;               /* the term whose place is reported, or -1 */
	bool inherit;              /* the tracked term is the wider's: its place carries over */
	bool resume;               /* the tracked term grew from the wider's: search from its place */
	uint32_t back;             /* where the wider's term sits in the tracked one */
	const char *typed;         /* when the tracked term is the wider's with more at its end: the more */
	size_t typed_len;
	bool only_tracked;         /* every other term is the wider's too */
};

/* The last positive text term: the one being typed. */
static int tracked_term(const struct ar_query *q)
{
	if (!q)
		return -1;
	for (size_t i = q->count; i-- > 0;)
		if (kind_reads_text(q->terms[i].kind) && !q->terms[i].negated)
			return (int)i;
	return -1;
}

struct ar_query_step *ar_query_step_new(const struct ar_query *query, const struct ar_query *wider)
{
	struct ar_query_step *step = ar_xcalloc(1, sizeof *step);
	step->query = query;
	step->skip = ar_xcalloc(query->count ? query->count : 1, sizeof *step->skip);
	step->tracked = tracked_term(query);
	int wider_tracked = tracked_term(wider);
	for (size_t i = 0; wider && i < query->count; i++)
		for (size_t j = 0; j < wider->count && !step->skip[i]; j++)
			step->skip[i] = strcmp(query->terms[i].source, wider->terms[j].source) == 0;
	if (step->tracked < 0 || wider_tracked < 0)
		return step;
	const struct term *t = &query->terms[step->tracked], *w = &wider->terms[wider_tracked];
	if (strcmp(t->source, w->source) == 0) {
		step->inherit = true;
	} else if (!step->skip[step->tracked] && t->kind == w->kind) {
		/* Every match of t holds a match of w `back` bytes in, and no
		 * match of w comes before the wider's place. */
		const char *in = strstr(t->needle.folded, w->needle.folded);
		if (in) {
			step->resume = true;
			step->back = (uint32_t)(in - t->needle.folded);
			if (step->back == 0) {
				step->typed = t->needle.folded + w->needle.length;
				step->typed_len = t->needle.length - w->needle.length;
			}
		}
	}
	if (step->skip[step->tracked] && !step->inherit)
		step->skip[step->tracked] = false; /* shared, but its place is needed */
	step->only_tracked = true;
	for (size_t i = 0; i < query->count; i++)
		if ((int)i != step->tracked && !step->skip[i])
			step->only_tracked = false;
	return step;
}

void ar_query_step_free(struct ar_query_step *step)
{
	if (!step)
		return;
	free(step->skip);
	free(step);
}

bool ar_query_step_tracks(const struct ar_query_step *step)
{
	return step->tracked >= 0;
}

enum shortcut { SHORTCUT_UNKNOWN, SHORTCUT_MATCH, SHORTCUT_LATER };

/* When the tracked term is the wider's with characters typed at its end,
 * the bytes kept after the wider's first match may already say the answer
 * without reading the item: the longer term's first match is there
 * (MATCH: *place is set), or somewhere after it (LATER). */
static enum shortcut typed_shortcut(const struct ar_query_step *step, const struct ar_match_place *wider,
                                    struct ar_match_place *place)
{
	size_t n = step->typed_len;
	if (!step->typed || n > wider->after_len)
		return SHORTCUT_UNKNOWN;
	if (n == 1 && (unsigned char)step->typed[0] < 0x80) {
		/* One ASCII character typed, the usual case. */
		if (ar_fold_char(wider->after[0]) != (unsigned char)step->typed[0])
			return SHORTCUT_LATER;
	} else {
		char folded[sizeof wider->after];
		ar_fold_into((const char *)wider->after, n, folded);
		if (memcmp(folded, step->typed, n) != 0)
			return SHORTCUT_LATER;
	}
	if (place) {
		*place = *wider;
		memmove(place->after, wider->after + n, wider->after_len - n);
		place->after_len = (uint8_t)(wider->after_len - n);
	}
	return SHORTCUT_MATCH;
}

bool ar_query_step_needs_item(const struct ar_query_step *step, const struct ar_match_place *wider_place)
{
	if (!step->only_tracked)
		return true;
	if (step->tracked < 0 || step->skip[step->tracked])
		return false; /* every term is the wider's */
	if (!step->resume || !wider_place)
		return true;
	return typed_shortcut(step, wider_place, NULL) != SHORTCUT_MATCH;
}

bool ar_query_step_matches(const struct ar_query_step *step, const struct ar_item *item,
                           const struct ar_meeting *meeting, ar_date today, int response_days,
                           const struct ar_match_place *wider_place, struct ar_match_place *place)
{
	const struct ar_query *q = step->query;
	for (size_t k = 0; k < q->count; k++) {
		size_t i = q->order[k];
		if (step->skip[i])
			continue;
		const struct term *t = &q->terms[i];
		if ((int)i != step->tracked) {
			if (term_matches(t, item, meeting, today, response_days) == t->negated)
				return false;
			continue;
		}
		struct ar_match_place from = {0, 0, {0}, 0};
		if (step->resume && wider_place) {
			from = *wider_place;
			from.offset = from.offset > step->back ? from.offset - step->back : 0;
			switch (typed_shortcut(step, wider_place, place)) {
			case SHORTCUT_MATCH:
				continue;
			case SHORTCUT_LATER:
				from.offset++;
				break;
			case SHORTCUT_UNKNOWN:
				break;
			}
		}
		if (!text_find(t, item, meeting, from, place))
			return false;
	}
	if (step->tracked >= 0 && step->skip[step->tracked] && place)
		*place = wider_place ? *wider_place : (struct ar_match_place){0, 0, {0}, 0};
	return true;
}

void ar_query_step_prefetch(const struct ar_query_step *step, const struct ar_item *item,
                            const struct ar_meeting *meeting, const struct ar_match_place *wider_place, int stage)
{
#if defined(__GNUC__)
	if (!step->query->reads_text)
		return;
	if (stage == 0) {
		if (item->lead_count)
			__builtin_prefetch(item->leads);
		if (item->update_count)
			__builtin_prefetch(item->updates);
		return;
	}
	/* A resumed search: the text at the place it resumes from (a typed
	 * character seldom moves the match far).  Else every string a search
	 * may read: the first line of each (the hardware follows a long text
	 * itself).  Asking for more only queues behind these. */
	const struct term *t = step->tracked >= 0 ? &step->query->terms[step->tracked] : NULL;
	bool resume = step->resume && wider_place && t;
	enum term_kind kind = t ? t->kind : TERM_WORD;
	size_t first = resume ? wider_place->string : 0, count = text_string_count(kind, item);
	size_t last = resume ? first + 2 : first + 8;
	char digits[24];
	for (size_t i = first; i < count && i < last; i++) {
		if (kind == TERM_WORD && i == 0)
			continue;
		const char *str = text_string(kind, item, meeting, i, digits);
		if (str)
			__builtin_prefetch(str + (resume && i == first ? wider_place->offset : 0));
	}
#else
	(void)step, (void)item, (void)meeting, (void)wider_place, (void)stage;
#endif
}
