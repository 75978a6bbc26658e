/* import_progress.c - dates written in words, and the progress cell of an
 * imported row: its markers (status, response, updates) and its updates. */
#include "config.h"

#include "import_internal.h"
#include "artrack/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- dates in words ---- */

static int month_of(const char *s, size_t n)
{
	static const char *const full[] = {"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"};
	static const char *const abbr[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
		"oct", "nov", "dec"};
	char lower[12];
	if (n >= sizeof lower)
		return 0;
	for (size_t i = 0; i < n; i++)
		lower[i] = to_lower(s[i]);
	lower[n] = '\0';
	for (int m = 0; m < 12; m++)
		if (strcmp(lower, full[m]) == 0 || strcmp(lower, abbr[m]) == 0)
			return m + 1;
	return strcmp(lower, "sept") == 0 ? 9 : 0;
}



/* Split s[0..n) into words and numbers. */
size_t imp_tokenize(const char *s, size_t n, struct token *tokens)
{
	size_t count = 0;
	for (size_t i = 0; i < n && count < MAX_TOKENS;) {
		if (!is_alnum(s[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && is_alnum(s[j]))
			j++;
		tokens[count++] = (struct token){i, j};
		i = j;
	}
	return count;
}

/* The day a token gives ("9", "21st"), or 0. */
static int day_of(const char *s, struct token t)
{
	size_t i = t.start;
	int day = 0;
	while (i < t.end && is_digit(s[i]) && i - t.start < 2)
		day = day * 10 + (s[i++] - '0');
	if (i == t.start)
		return 0;
	size_t rest = t.end - i;
	if (rest && !(rest == 2 && (strncasecmp(s + i, "st", 2) == 0 || strncasecmp(s + i, "nd", 2) == 0 ||
	                            strncasecmp(s + i, "rd", 2) == 0 || strncasecmp(s + i, "th", 2) == 0)))
		return 0;
	return day >= 1 && day <= 31 ? day : 0;
}

static int year_of(const char *s, struct token t)
{
	if (t.end - t.start != 4)
		return 0;
	int year = 0;
	for (size_t i = t.start; i < t.end; i++) {
		if (!is_digit(s[i]))
			return 0;
		year = year * 10 + (s[i] - '0');
	}
	return year >= 1900 && year <= 2199 ? year : 0;
}

/* Find a calendar date written in s[0..n): "21 September 2023", "14 July
 * Meeting 2022", "9th of February 2023", "July 14, 2022" or "2023-09-21".
 * *span gets where it is written. */
bool imp_find_date(const char *s, size_t n, ar_date *out, struct token *span)
{
	struct token tok[MAX_TOKENS];
	size_t count = imp_tokenize(s, n, tok);
	for (size_t i = 0; i + 2 < count; i++) {
		/* ISO: three numbers joined by '-' */
		struct token a = tok[i], b = tok[i + 1], c = tok[i + 2];
		if (year_of(s, a) && b.start == a.end + 1 && c.start == b.end + 1 && s[a.end] == '-' &&
		    s[b.end] == '-' && b.end - b.start == 2 && c.end - c.start == 2) {
			ar_date d;
			if (ar_date_parse(s + a.start, c.end - a.start, false, &d)) {
				*out = d;
				*span = (struct token){a.start, c.end};
				return true;
			}
		}
	}
	for (size_t m = 0; m < count; m++) {
		int month = month_of(s + tok[m].start, tok[m].end - tok[m].start);
		if (!month)
			continue;
		size_t first = m, last = m;
		int day = 0, year = 0;
		if (m >= 1 && (day = day_of(s, tok[m - 1])))
			first = m - 1;
		else if (m >= 2 && word_at(s, tok[m - 1].start, tok[m - 1].end, "of") && (day = day_of(s, tok[m - 2])))
			first = m - 2;
		else if (m + 1 < count && (day = day_of(s, tok[m + 1])))
			last = m + 1;
		for (size_t k = last + 1; k < count && k <= last + 2 && !year; k++)
			if ((year = year_of(s, tok[k])))
				last = k;
		if (day && year && ar_date_valid(year, month, day, false)) {
			*out = ar_date_make(year, month, day);
			*span = (struct token){tok[first].start, tok[last].end};
			return true;
		}
	}
	return false;
}

bool ar_import_date_in(const char *text, size_t len, ar_date *date)
{
	struct token span;
	return text && imp_find_date(text, len, date, &span);
}

/* The due month announced in s[0..n): the first "in Month YYYY" in a
 * sentence (or parenthesis) that speaks of an update before it. */
static bool find_due(const char *s, size_t n, ar_date *out)
{
	struct token tok[MAX_TOKENS];
	for (size_t i = 0; i < n; i++) {
		if (!word_at(s, i, n, "in"))
			continue;
		size_t count = imp_tokenize(s + i, n - i < 64 ? n - i : 64, tok);
		if (count < 3)
			continue;
		int month = month_of(s + i + tok[1].start, tok[1].end - tok[1].start);
		int year = year_of(s + i, tok[2]);
		if (!month || !year)
			continue;
		size_t start = i;
		while (start > 0 && i - start < 400 && !strchr(".!?(\n", s[start - 1]))
			start--; /* a sentence, or as much as one could be */
		for (size_t k = start; k + 6 <= i; k++)
			if ((k == 0 || !is_alnum(s[k - 1])) && strncasecmp(s + k, "update", 6) == 0) {
				*out = ar_date_make(year, month, 0);
				return true;
			}
	}
	return false;
}

/* ---- the progress cell: markers and updates ---- */



/* Longest first where one starts another. */
static const struct marker markers[] = {
	{"response and rejection of the recommendation", MARK_RESPONSE, "Response", AR_RESPONSE_REJECTED, AR_STATUS_OPEN},
	{"response and rejection of recommendation", MARK_RESPONSE, "Response", AR_RESPONSE_REJECTED, AR_STATUS_OPEN},
	{"rejection of the recommendation", MARK_RESPONSE, NULL, AR_RESPONSE_REJECTED, AR_STATUS_OPEN},
	{"rejection of recommendation", MARK_RESPONSE, NULL, AR_RESPONSE_REJECTED, AR_STATUS_OPEN},
	{"recommendation rejected", MARK_RESPONSE, NULL, AR_RESPONSE_REJECTED, AR_STATUS_OPEN},
	{"recommendation partially accepted", MARK_RESPONSE, NULL, AR_RESPONSE_PARTIALLY_ACCEPTED, AR_STATUS_OPEN},
	{"recommendation accepted", MARK_RESPONSE, NULL, AR_RESPONSE_ACCEPTED, AR_STATUS_OPEN},
	{"recommendation agreed", MARK_RESPONSE, NULL, AR_RESPONSE_ACCEPTED, AR_STATUS_OPEN},
	{"recommendation noted", MARK_RESPONSE, NULL, AR_RESPONSE_NOTED, AR_STATUS_OPEN},
	{"comment on the recommendation", MARK_RESPONSE, NULL, AR_RESPONSE_NOTED, AR_STATUS_OPEN},
	{"comment on recommendation", MARK_RESPONSE, NULL, AR_RESPONSE_NOTED, AR_STATUS_OPEN},
	{"progress/update response", MARK_UPDATE, "Progress/update response", AR_RESPONSE_NONE, AR_STATUS_OPEN},
	{"initial response", MARK_UPDATE, "Initial response", AR_RESPONSE_NONE, AR_STATUS_OPEN},
	{"further response", MARK_UPDATE, "Further response", AR_RESPONSE_NONE, AR_STATUS_OPEN},
	{"progress update", MARK_UPDATE, "Progress update", AR_RESPONSE_NONE, AR_STATUS_OPEN},
	{"further update", MARK_UPDATE, "Further update", AR_RESPONSE_NONE, AR_STATUS_OPEN},
	{"update", MARK_UPDATE, "Update", AR_RESPONSE_NONE, AR_STATUS_OPEN},
	{"response", MARK_UPDATE, "Response", AR_RESPONSE_NONE, AR_STATUS_OPEN},
	{"in progress", MARK_STATUS, NULL, AR_RESPONSE_NONE, AR_STATUS_IN_PROGRESS},
	{"completed", MARK_STATUS, NULL, AR_RESPONSE_NONE, AR_STATUS_COMPLETED},
	{"closed", MARK_STATUS, NULL, AR_RESPONSE_NONE, AR_STATUS_CLOSED},
};

/* The end of words matched at s[i..n), or 0. */
size_t imp_match_words(const char *s, size_t i, size_t n, const char *words)
{
	for (const char *w = words; *w; w++) {
		if (*w == ' ') {
			if (i >= n || !is_blank(s[i]))
				return 0;
			while (i < n && is_blank(s[i]))
				i++;
		} else {
			if (i >= n || to_lower(s[i]) != *w)
				return 0;
			i++;
		}
	}
	return i < n && is_alnum(s[i]) ? 0 : i;
}

/* A dash that ends a marker: "Update –", "UPDATE- The"; not "Update-to". */
size_t imp_marker_dash(const char *s, size_t i, size_t n, bool spaced)
{
	size_t k = dash_at(s, i, n);
	if (!k)
		return 0;
	return spaced || i + k >= n || is_blank(s[i + k]) || s[i + k] == '\n' ? k : 0;
}

struct marker_hit {
	const struct marker *marker;
	size_t end;               /* where the text after it starts */
	size_t paren_start, paren_end; /* its parenthetical, if any */
};

/* Match a marker at s[i..n) (i at the start of a paragraph, element or
 * sentence). */
static bool match_marker(const char *s, size_t i, size_t n, bool recommendation, struct marker_hit *hit)
{
	for (size_t m = 0; m < sizeof markers / sizeof markers[0]; m++) {
		const struct marker *mk = &markers[m];
		if (mk->type == MARK_RESPONSE && !recommendation)
			continue;
		size_t q = imp_match_words(s, i, n, mk->words);
		if (!q)
			continue;
		hit->marker = mk;
		hit->paren_start = hit->paren_end = 0;
		size_t after = q;
		bool crossed = false, spaced = false;
		while (q < n && is_blank(s[q])) {
			/* "In progress" ending its line of a wrapped cell stands alone too */
			crossed |= s[q] == BND || (s[q] == WRAP && mk->type == MARK_STATUS);
			spaced |= s[q] != BND;
			q++;
		}
		if (mk->type == MARK_UPDATE && q < n && s[q] == '(') {
			size_t r = q;
			while (r < n && s[r] != ')' && s[r] != '\n')
				r++;
			if (r < n && s[r] == ')') {
				hit->paren_start = q;
				hit->paren_end = r + 1;
				q = r + 1;
				crossed = spaced = false;
				while (q < n && is_blank(s[q])) {
					crossed |= s[q] == BND;
					spaced |= s[q] != BND;
					q++;
				}
			}
		}
		size_t k;
		if (mk->type == MARK_RESPONSE) {
			q = after;
		} else if (q >= n || s[q] == '\n' || crossed) {
			/* a marker standing alone in its paragraph or element */
		} else if (s[q] == ':') {
			q++;
		} else if ((k = imp_marker_dash(s, q, n, spaced))) {
			q += k;
		} else if (mk->type == MARK_STATUS && (is_upper(s[q]) || is_digit(s[q]))) {
			/* "In progress The provider…": the next sentence */
		} else {
			continue;
		}
		/* the punctuation that joined the marker to the text goes with it */
		while (q < n && (is_blank(s[q]) || s[q] == ':' || s[q] == ',' || s[q] == ';' || s[q] == '.' ||
		                 dash_at(s, q, n)))
			q += dash_at(s, q, n) ? dash_at(s, q, n) : 1;
		hit->end = q;
		return true;
	}
	return false;
}



static struct draft_update *progress_add(struct progress *p, const char *label)
{
	AR_GROW(p->updates, p->capacity, p->count + 1, 4);
	struct draft_update *u = &p->updates[p->count++];
	u->label = label;
	u->date = AR_DATE_NONE;
	u->by = NULL;
	memset(&u->raw, 0, sizeof u->raw);
	return u;
}

/* Drop the text's trailing blanks and a dash left hanging before a marker
 * ("… by BOB ICS colleagues - [In progress]"). */
static void trim_hanging_dash(struct ar_buf *raw)
{
	while (raw->len && (is_blank(raw->data[raw->len - 1]) || raw->data[raw->len - 1] == '\n'))
		raw->len--;
	for (size_t k = 1; k <= 3 && k <= raw->len; k++) {
		size_t at = raw->len - k;
		if (dash_at(raw->data, at, raw->len) == k && at > 0 && raw->data[at - 1] == ' ') {
			raw->len = at;
			break;
		}
	}
	while (raw->len && is_blank(raw->data[raw->len - 1]))
		raw->len--;
	if (raw->data)
		raw->data[raw->len] = '\0';
}

/* A date in words that is the whole of s[0..n): "21 September 2023", or a
 * month "April 2024" (day 0). */
static bool read_date_words(const char *s, size_t n, ar_date *out)
{
	struct token span, tok[MAX_TOKENS];
	ar_date d;
	if (imp_find_date(s, n, &d, &span)) {
		for (size_t k = 0; k < n; k++)
			if ((k < span.start || k >= span.end) && is_alnum(s[k]))
				return false;
		*out = d;
		return true;
	}
	size_t count = imp_tokenize(s, n, tok);
	int month, year;
	if (count != 2 || !(month = month_of(s + tok[0].start, tok[0].end - tok[0].start)) ||
	    !(year = year_of(s, tok[1])))
		return false;
	*out = ar_date_make(year, month, 0);
	return true;
}

/* A label's parenthetical that dates its update: "(21 September 2023)" or
 * "(21 September 2023, Omid Nouri)" (who gave it). */
static bool read_update_when(struct ar_tracker *t, const char *s, size_t n, ar_date *when, const char **by)
{
	if (n < 2 || s[0] != '(' || s[n - 1] != ')')
		return false;
	s++, n -= 2;
	if (n == 7 && strncasecmp(s, "undated", 7) == 0) {
		/* an update with neither date nor label after another one */
		*when = AR_DATE_NONE;
		*by = NULL;
		return true;
	}
	if (n > 3 && strncasecmp(s, "by ", 3) == 0) {
		/* "(by Omid Nouri)": who, with no date */
		*when = AR_DATE_NONE;
		*by = ar_tracker_strndup(t, s + 3, n - 3);
		return true;
	}
	size_t comma = 0;
	while (comma < n && s[comma] != ',')
		comma++;
	ar_date d;
	if (!read_date_words(s, comma, &d) || ar_date_day(d) == 0)
		return false;
	*when = d;
	size_t name = comma + 1;
	while (name < n && s[name] == ' ')
		name++;
	*by = name < n ? ar_tracker_strndup(t, s + name, n - name) : NULL;
	return true;
}

/* A line "WORDS: VALUE" at s[at] (a paragraph's start): VALUE as plain
 * text in *value, *end after the line. */
static bool labelled_line(const char *s, size_t at, size_t n, const char *words, struct ar_buf *value, size_t *end)
{
	size_t q = imp_match_words(s, at, n, words);
	while (q && q < n && is_blank(s[q]))
		q++;
	if (!q || q >= n || s[q] != ':')
		return false;
	size_t stop = q + 1;
	while (stop < n && s[stop] != '\n' && s[stop] != WRAP)
		stop++;
	ar_buf_reset(value);
	imp_doc_text(s + q + 1, stop - q - 1, " ", value);
	*end = stop < n ? stop + 1 : n;
	return value->len > 0;
}

/* "(21 September 2023):" or "(21 September 2023, A Name):" at s[at..]:
 * the start of an update that has a date (and an author) but no label, as
 * export --format docx writes one.  *end gets where its text starts. */
static bool read_dated_start(struct ar_tracker *t, const char *s, size_t at, size_t n, ar_date *when,
                             const char **by, size_t *end)
{
	if (at >= n || s[at] != '(')
		return false;
	size_t close = at;
	while (close < n && s[close] != ')' && s[close] != '\n' && close - at < 200)
		close++;
	size_t q = close + 1;
	while (q < n && is_blank(s[q]))
		q++;
	if (close >= n || s[close] != ')' || q >= n || s[q] != ':')
		return false;
	struct ar_buf paren = {0};
	imp_doc_text(s + at, close + 1 - at, " ", &paren);
	bool ok = read_update_when(t, paren.data, paren.len, when, by);
	ar_buf_free(&paren);
	if (!ok)
		return false;
	q++;
	while (q < n && (is_blank(s[q]) || s[q] == '\n'))
		q++;
	*end = q;
	return true;
}

/* A paragraph "Due: April 2024" (or "Next update due: 14 April 2024") at
 * s[at..): *due gets the date and *end where the paragraph ends. */
static bool read_due_line(const char *s, size_t at, size_t n, ar_date *due, size_t *end)
{
	struct ar_buf text = {0};
	bool ok = (labelled_line(s, at, n, "next update due", &text, end) || labelled_line(s, at, n, "due", &text, end)) &&
	          read_date_words(text.data, text.len, due);
	ar_buf_free(&text);
	return ok;
}

/* "RAG: Amber" and "Signed off: 13 June 2024" lines (as export --format
 * docx writes them): the rating and the sign-off, which are no update. */
static bool read_rag_line(const char *s, size_t at, size_t n, struct progress *p, size_t *end)
{
	struct ar_buf text = {0};
	bool ok = false;
	ar_date d;
	if (labelled_line(s, at, n, "rag", &text, end) || labelled_line(s, at, n, "rag rating", &text, end)) {
		int rag = ar_enum_match(ar_rag_names, AR_RAG_COUNT, text.data, text.len, NULL);
		if ((ok = rag > AR_RAG_NONE))
			p->rag = (enum ar_rag)rag;
	} else if ((labelled_line(s, at, n, "signed off", &text, end) || labelled_line(s, at, n, "closed on", &text, end)) &&
	           read_date_words(text.data, text.len, &d) && ar_date_day(d)) {
		p->closed_on = d;
		ok = true;
	}
	ar_buf_free(&text);
	return ok;
}

/* The date a response phrase gives right after it, in the same paragraph:
 * "Recommendation Accepted on 12 October 2023", "Response and Rejection of
 * Recommendation (2023-10-12)", "… dated 12th of October 2023:".  Only a
 * whole date counts (a month says when an update is due, not when the
 * response came); *end is past it, a closing parenthesis and the
 * punctuation after. */
static bool response_date(const char *s, size_t i, size_t n, ar_date *out, size_t *end)
{
	static const char *const fillers[] = {"on", "dated", "received", "given"};
	for (;;) {
		while (i < n && (is_blank(s[i]) || s[i] == '(' || s[i] == ',' || s[i] == ':' || dash_at(s, i, n)))
			i += dash_at(s, i, n) ? dash_at(s, i, n) : 1;
		size_t f = 0;
		while (f < sizeof fillers / sizeof fillers[0] && !word_at(s, i, n, fillers[f]))
			f++;
		if (f == sizeof fillers / sizeof fillers[0])
			break;
		i += strlen(fillers[f]);
	}
	size_t stop = i;
	while (stop < n && stop - i < 40 && s[stop] != '\n' && s[stop] != ')' && s[stop] != ':' && s[stop] != ';')
		stop++;
	struct token span;
	ar_date date;
	if (!imp_find_date(s + i, stop - i, &date, &span) || span.start != 0 || ar_date_day(date) == 0)
		return false;
	size_t at = i + span.end;
	while (at < n && is_blank(s[at]))
		at++;
	if (at < n && s[at] == ')')
		at++;
	/* the punctuation that joined it to the text goes with it, as a marker's does */
	while (at < n && (is_blank(s[at]) || s[at] == ':' || s[at] == ',' || s[at] == ';' || s[at] == '.' ||
	                  dash_at(s, at, n)))
		at += dash_at(s, at, n) ? dash_at(s, at, n) : 1;
	*out = date;
	*end = at;
	return true;
}

/* Read the progress cell's document s[0..n). */
void imp_read_progress(struct ar_tracker *t, const char *s, size_t n, bool recommendation, struct progress *p)
{
	p->status = AR_STATUS_OPEN;
	p->response = AR_RESPONSE_NONE;
	p->responded = AR_DATE_NONE;
	p->rag = AR_RAG_NONE;
	p->closed_on = AR_DATE_NONE;
	p->due = AR_DATE_NONE;

	struct ar_buf flat = {0};
	imp_doc_text(s, n, "\n", &flat);
	find_due(flat.data, flat.len, &p->due);
	ar_buf_free(&flat);

	struct draft_update *cur = progress_add(p, NULL);
	bool chunk = true;
	size_t i = 0;
	while (i < n) {
		if (chunk) {
			size_t at = i;
			while (at < n && is_blank(s[at]))
				at++;
			size_t end;
			if ((i == 0 || s[i - 1] == '\n' || s[i - 1] == WRAP) && read_due_line(s, at, n, &p->due, &end)) {
				i = end; /* "Due: April 2024" says when, it is no update */
				continue;
			}
			if ((i == 0 || s[i - 1] == '\n') && read_rag_line(s, at, n, p, &end)) {
				i = end;
				continue;
			}
			ar_date dated;
			const char *author;
			if (read_dated_start(t, s, at, n, &dated, &author, &end)) {
				/* "(21 September 2023, Omid Nouri):" starts an update with no label */
				cur = progress_add(p, NULL);
				cur->date = dated;
				cur->by = author;
				i = end;
				continue;
			}
			struct marker_hit hit;
			if (at < n && match_marker(s, at, n, recommendation, &hit)) {
				const struct marker *mk = hit.marker;
				const char *label = mk->label;
				if (mk->type == MARK_RESPONSE && p->response == AR_RESPONSE_NONE) {
					p->response = mk->response;
					/* a date beside the phrase is the response's; none is invented */
					size_t past;
					if (response_date(s, hit.end, n, &p->responded, &past))
						hit.end = past;
				}
				if (mk->type == MARK_STATUS)
					p->status = mk->status;
				ar_date when = AR_DATE_NONE;
				const char *by = NULL;
				if (label && hit.paren_end) {
					struct ar_buf paren = {0};
					imp_doc_text(s + hit.paren_start, hit.paren_end - hit.paren_start, " ", &paren);
					if (!find_due(paren.data, paren.len, &when) &&
					    !read_update_when(t, paren.data, paren.len, &when, &by)) {
						struct ar_buf full = {0};
						ar_buf_addf(&full, "%s %s", label, paren.data);
						label = ar_tracker_strdup(t, full.data);
						ar_buf_free(&full);
					}
					if (!by && when && ar_date_day(when) == 0)
						when = AR_DATE_NONE; /* a due month, not the update's date */
					ar_buf_free(&paren);
				}
				if (label) {
					cur = progress_add(p, label);
					cur->date = when;
					cur->by = by;
				} else {
					trim_hanging_dash(&cur->raw);
					ar_buf_addc(&cur->raw, '\n');
				}
				i = hit.end;
				continue;
			}
			chunk = false;
		}
		char c = s[i++];
		ar_buf_addc(&cur->raw, c);
		if (c == '\n' || c == BND || c == WRAP)
			chunk = true;
		else if ((c == '.' || c == '!' || c == '?' || c == ':') && i < n && s[i] == ' ')
			chunk = true;
	}
}
