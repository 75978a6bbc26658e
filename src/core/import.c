/* import.c - a tracker table copied out of a committee paper, made a tracker.
 *
 * How the paper is read (artrack(1) repeats this for users):
 *
 * Lines.  A line without a tab is page furniture: the page heading
 * ("Consolidated Action and Recommendation Tracker – Health Overview and
 * Scrutiny Committee 21 September 2023.", with or without ** **) gives the
 * title, the committee and the edition date; page numbers are skipped; other
 * text is skipped with a warning.  Every other line is tab-separated cells
 * in the columns item number, topic, action or recommendation, lead,
 * progress update.  The header row (Item / Action/Recommendation / Lead /
 * Progress update) is skipped.  A line whose only filled cell (the first
 * or second) says "Meeting" or is only a date is a meeting heading; the
 * items after it belong to that meeting (one meeting per date, in the order
 * first seen, titled as the heading is first written).  An undated heading
 * is warned about and its items get no meeting; in the plain-text form,
 * where it could be a wrapped line, only a dated one counts.
 *
 * Rows.  A line with a number in the first cell starts an item; "12 Topic"
 * in one cell (number and topic run together) is split.  A line with an
 * empty first cell is either an unnumbered row or the rest of the previous
 * row: right after a page break (page heading or header row) it continues
 * the row unless it has both a topic and a text that does not start in
 * lower case; elsewhere, in the marked-up form (one line per row) it starts
 * a row when it has a topic or a text, and in the plain-text form (cells
 * wrapped onto lines that start with tabs) it is the row's next line unless
 * its text starts with "Recommendation:".  Rows without a number (and
 * numbers used twice) get the ids after the largest number in the paper,
 * in order, with a warning.
 *
 * Cells.  Markup goes: <p>, <br> and the like end a paragraph; <b>, <i>
 * and the like leave no trace but mark where a progress marker may start;
 * <sup>3</sup> is just "3"; entities are decoded.  Two or more spaces next
 * to a tag or not after a full stop mean the paper had a line break there
 * (leads and paragraphs that ran together).  A wrapped line joins its cell
 * with a space (where a marker may start); a cell continued after a page
 * break joins with a space when
 * the sentence was cut mid-way (no . ! ? : at the end, or the continuation
 * starts in lower case) and as a new paragraph otherwise.
 *
 * Fields.  topic: the topic cell on one line.  kind: recommendation when
 * the text starts "Recommendation:" (stripped), else action.  leads: the
 * lead cell split at '/' and at line breaks.  Progress: "In progress" at the
 * start of a paragraph, element or sentence sets status in-progress and is
 * dropped (with a dash that joined it); "Recommendation Accepted" and the
 * like set a recommendation's response (accepted, partially-accepted,
 * rejected - "Rejection" -, noted - "Comment on Recommendation" -; none
 * said: pending) and are dropped, a whole date right after them going to
 * responded (none invented where none is written); "UPDATE –", "Update:", "Response:",
 * "Initial Response (…):", "Progress/update response:" start an update
 * labelled in sentence case ("Update", "Initial response"); the text before
 * the first marker is an update without label; a marker followed by a
 * lower-case word ("in progress reports", "Update on…") is just text.  due:
 * "update … in April
 * 2024" in the progress cell gives 2024-04; a marker's parenthetical that
 * only says when the next update comes is then left out of its label.
 * Updates have no dates: the paper gives none.
 */
#include "config.h"

#include "artrack/import.h"
#include "import_internal.h"
#include "artrack/alloc.h"
#include "artrack/date.h"
#include "artrack/text.h"
#include "artrack/yamlio.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { COL_ID, COL_TOPIC, COL_TEXT, COL_LEAD, COL_PROGRESS, NCOLS };


struct row {
	long id;              /* 0: no number (yet) */
	int line;
	ar_date meeting;
	struct ar_buf cell[NCOLS];
};

struct ar_importer {
	struct ar_tracker *tracker;
	struct ar_diags *warnings;
	bool markup;          /* the input holds HTML tags: one line per row */
	struct row *rows;
	size_t row_count, row_capacity;
	bool have_row;        /* rows[row_count - 1] may be continued */
	bool after_break;     /* a page heading or header row since the last row line */
	ar_date meeting;
	bool saw_heading, saw_header;
	int line;
	struct ar_buf *cells; /* the current line's cells, as documents */
	size_t cell_count, cell_capacity;
	size_t first_warning; /* warnings[first_warning..] are ours */
	bool after_header;    /* the line before was a header row */
	/* A lone topic cell on the line before: the first half of a meeting
	 * heading split over two lines ("10 March 2022" / "Meeting")? */
	int lone_line;        /* its line; 0: none */
	struct ar_buf lone_text;
	size_t lone_row;      /* the row it joined (or started), or SIZE_MAX */
	bool lone_new_row;
	size_t lone_saved_len; /* that row's topic before it joined */
	ar_date lone_heading;  /* it was a dated heading itself */
	bool lone_made_meeting;
	/* Text outside the table on the line before (a page heading split over
	 * two lines?) and the warning it got. */
	int text_line;
	struct ar_buf text_doc;
	int heading_line;      /* the line the page heading was read from */
	struct ar_buf heading_doc;
	size_t text_warning;   /* SIZE_MAX: none */
};

/* ---- lines ---- */

static void add_warning_snippet(struct ar_importer *im, int line, const char *what, const char *s, size_t n,
                                const char *then)
{
	ar_diags_add(im->warnings, line, 0, "%s \"%.*s%s\"%s", what, snippet_len(s, n), s,
	             (size_t)snippet_len(s, n) < n ? "…" : "", then);
}

/* The cell's text on one line (for topics, headings and numbers). */
static void cell_line(const struct ar_buf *doc, struct ar_buf *out)
{
	ar_buf_reset(out);
	imp_doc_text(doc->data ? doc->data : "", doc->len, " ", out);
}

/* Whether s[0..n) is a page number: "3", "Page 3 of 9". */
static bool is_page_number(const char *s, size_t n)
{
	struct token tok[MAX_TOKENS];
	size_t count = imp_tokenize(s, n, tok);
	for (size_t k = 0; k < count; k++) {
		const char *w = s + tok[k].start;
		size_t wl = tok[k].end - tok[k].start;
		if (!is_digit(*w) && !(k == 0 && word_at(w, 0, wl, "page")) && !(k > 0 && word_at(w, 0, wl, "of")))
			return false;
	}
	return count > 0;
}

/* Text outside the table, as a document: the page heading "TITLE –
 * COMMITTEE DATE." gives the title, committee and edition date; page
 * numbers are furniture; anything else is left out with a warning. */
static bool read_page_heading(struct ar_importer *im, const struct ar_buf *doc, bool quiet)
{
	struct ar_buf text = {0};
	cell_line(doc, &text);
	const char *s = text.data;
	size_t len = text.len;
	while (len && (*s == '*' || *s == '#' || *s == '_' || *s == ' '))
		s++, len--;
	while (len && (s[len - 1] == '*' || s[len - 1] == '_' || s[len - 1] == ' ' || s[len - 1] == '.'))
		len--;
	size_t sep = 0, sep_len = 0;
	for (size_t i = 1; i + 1 < len && !sep_len; i++) {
		size_t k = dash_at(s, i, len);
		if (k && s[i - 1] == ' ' && i + k < len && s[i + k] == ' ')
			sep = i, sep_len = k;
	}
	bool ok = false;
	if (sep_len) {
		const char *left = s, *right = s + sep + sep_len + 1;
		size_t left_len = sep - 1, right_len = len - sep - sep_len - 1;
		ar_date date = AR_DATE_NONE;
		struct token span;
		size_t right_text = right_len;
		if (imp_find_date(right, right_len, &date, &span) && span.end == right_len) {
			right_text = span.start;
			while (right_text && (right[right_text - 1] == ' ' || right[right_text - 1] == ','))
				right_text--;
		} else {
			date = AR_DATE_NONE;
		}
		bool tracker_left = has_word(left, left_len, "tracker");
		bool tracker_right = has_word(right, right_text, "tracker");
		if ((date || tracker_left || tracker_right) && left_len && right_text) {
			ok = true;
			if (!im->saw_heading) {
				bool swap = tracker_right && !tracker_left;
				im->tracker->title = ar_tracker_strndup(im->tracker, swap ? right : left,
				                                        swap ? right_text : left_len);
				im->tracker->committee = ar_tracker_strndup(im->tracker, swap ? left : right,
				                                            swap ? left_len : right_text);
				im->tracker->as_of = date;
				im->saw_heading = true;
			}
		}
	}
	if (!ok) {
		/* page numbers ("3", "Page 3 of 9") are furniture too */
		bool page_number = is_page_number(s, len);
		if (!page_number && !quiet)
			add_warning_snippet(im, im->line, "text outside the table left out:", s, len, "");
		ok = page_number;
	}
	ar_buf_free(&text);
	return ok;
}

static bool is_header_row(struct ar_importer *im)
{
	bool lead = false, progress = false, action = false;
	struct ar_buf text = {0};
	for (size_t c = 0; c < im->cell_count; c++) {
		cell_line(&im->cells[c], &text);
		if (word_at(text.data, 0, text.len, "lead") || word_at(text.data, 0, text.len, "leads"))
			lead = true;
		else if (text.len >= 8 && strncasecmp(text.data, "progress", 8) == 0)
			progress = true;
		else if (has_word(text.data, text.len, "action") || has_word(text.data, text.len, "recommendation"))
			action = true;
	}
	ar_buf_free(&text);
	return lead && progress && action;
}

/* A meeting heading: "24 November 2022 Meeting", "14 July Meeting 2022",
 * alone on its line in the first or second cell.  An undated one is taken
 * for a heading only where it cannot be a wrapped line of a row. */
/* Whether text (a cell on one line) is a meeting heading: "24 November
 * 2022 Meeting", "14 July Meeting 2022", a bare date, "No meeting".  *date
 * gets its date (AR_DATE_NONE: undated), *span where it is written. */
static bool is_meeting_heading(const struct ar_importer *im, const struct ar_buf *text, ar_date *date,
                               struct token *span)
{
	*date = AR_DATE_NONE;
	if (text->len == 10 && strncasecmp(text->data, "no meeting", 10) == 0)
		return true; /* the items with no meeting, as export --format docx heads them */
	bool dated = imp_find_date(text->data, text->len, date, span);
	bool heading = has_word(text->data, text->len, "meeting");
	if (!heading && dated) {
		/* a bare date is a heading too */
		heading = true;
		for (size_t i = 0; i < text->len; i++)
			if ((i < span->start || i >= span->end) && is_alnum(text->data[i]))
				heading = false;
	}
	if (heading && !dated && (text->len > 80 || (!im->markup && im->have_row)))
		heading = false;
	if (!heading)
		*date = AR_DATE_NONE;
	return heading;
}

/* The items after a meeting heading belong to its meeting (made when first
 * seen, titled as first written). */
static void enter_meeting(struct ar_importer *im, const struct ar_buf *text, ar_date date, struct token span)
{
	im->lone_made_meeting = false;
	if (!date) {
		if (!(text->len == 10 && strncasecmp(text->data, "no meeting", 10) == 0))
			add_warning_snippet(im, im->line, "could not read a date in the meeting heading", text->data,
			                    text->len, "; the items after it have no meeting");
		im->meeting = AR_DATE_NONE;
		return;
	}
	if (!ar_tracker_find_meeting(im->tracker, date)) {
		/* "18 January 2024 Meeting: Budget session" (how export --format
		 * docx dates a title that does not say its date) is titled
		 * "Budget session" */
		const char *title = text->data;
		size_t after = span.end;
		if (span.start == 0 && (after = imp_match_words(text->data, after, text->len, " meeting")) &&
		    after + 2 < text->len && text->data[after] == ':' && text->data[after + 1] == ' ')
			title = text->data + after + 2;
		ar_tracker_add_meeting(im->tracker, date, title);
		im->lone_made_meeting = true;
	}
	im->meeting = date;
}

/* A meeting heading alone on its line in the first or second cell. */
static bool read_meeting_heading(struct ar_importer *im, const struct ar_buf *cell)
{
	struct ar_buf text = {0};
	cell_line(cell, &text);
	ar_date date;
	struct token span = {0, 0};
	bool heading = is_meeting_heading(im, &text, &date, &span);
	if (heading)
		enter_meeting(im, &text, date, span);
	ar_buf_free(&text);
	return heading;
}

/* The second half of a meeting heading split over two lines, the first
 * half being the lone topic cell of the line before: "10 March 2022" /
 * "Meeting", "14 July" / "Meeting 2022".  The first half is taken back from
 * the row it joined, and the two read as one heading. */
static bool join_split_heading(struct ar_importer *im, const struct ar_buf *cell)
{
	if (!im->lone_line || im->lone_line != im->line - 1)
		return false;
	struct ar_buf second = {0}, joined = {0};
	cell_line(cell, &second);
	ar_buf_add(&joined, im->lone_text.data, im->lone_text.len);
	ar_buf_addc(&joined, ' ');
	ar_buf_add(&joined, second.data, second.len);
	ar_date date, second_date;
	struct token span = {0, 0}, second_span;
	bool ok = !imp_find_date(second.data, second.len, &second_date, &second_span) &&
	          is_meeting_heading(im, &joined, &date, &span) && date &&
	          (!im->lone_heading || im->lone_heading == date);
	if (ok && im->lone_heading) {
		/* "10 March 2022" was read as the heading: it is only its title
		 * that grows */
		const struct ar_meeting *m = ar_tracker_find_meeting(im->tracker, date);
		if (im->lone_made_meeting && m)
			im->tracker->meetings[m - im->tracker->meetings].title =
				ar_tracker_strndup(im->tracker, joined.data, joined.len);
	} else if (ok) {
		struct row *r = im->lone_row < im->row_count ? &im->rows[im->lone_row] : NULL;
		if (r && im->lone_new_row && im->lone_row + 1 == im->row_count) {
			for (size_t c = 0; c < NCOLS; c++)
				ar_buf_free(&r->cell[c]);
			im->row_count--;
			im->have_row = false;
		} else if (r && r->cell[COL_TOPIC].len >= im->lone_saved_len) {
			r->cell[COL_TOPIC].len = im->lone_saved_len;
			if (r->cell[COL_TOPIC].data)
				r->cell[COL_TOPIC].data[im->lone_saved_len] = '\0';
		}
		enter_meeting(im, &joined, date, span);
	}
	ar_buf_free(&second);
	ar_buf_free(&joined);
	if (ok) {
		im->have_row = false;
		im->after_break = false;
		im->lone_line = 0;
	}
	return ok;
}

/* Whether the line (after a header row) holds only header words: the rest
 * of a header row split over two lines ("Action/" / "Recommendation"). */
static bool is_header_rest(struct ar_importer *im)
{
	static const char *const words[] = {"item", "action", "recommendation", "lead", "leads", "progress",
		"update", "no", NULL};
	bool any = false;
	struct ar_buf text = {0};
	for (size_t c = 0; c < im->cell_count; c++) {
		cell_line(&im->cells[c], &text);
		struct token tok[MAX_TOKENS];
		size_t count = imp_tokenize(text.data, text.len, tok);
		for (size_t k = 0; k < count; k++) {
			bool known = false;
			for (size_t w = 0; words[w] && !known; w++)
				known = word_at(text.data + tok[k].start, 0, tok[k].end - tok[k].start, words[w]);
			if (!known) {
				ar_buf_free(&text);
				return false;
			}
			any = true;
		}
	}
	ar_buf_free(&text);
	return any;
}

/* Whether the document starts with "Recommendation:" (or "Action:"); *kind
 * and *end (where the text proper starts) say which. */
static bool kind_prefix(const char *s, size_t n, enum ar_kind *kind, size_t *end)
{
	static const struct { const char *word; enum ar_kind kind; } prefixes[] = {
		{"recommendation", AR_KIND_RECOMMENDATION}, {"action", AR_KIND_ACTION}};
	size_t i = 0;
	while (i < n && is_blank(s[i]))
		i++;
	for (size_t k = 0; k < 2; k++) {
		size_t q = imp_match_words(s, i, n, prefixes[k].word);
		if (!q)
			continue;
		while (q < n && is_blank(s[q]))
			q++;
		size_t d;
		if (q < n && s[q] == ':')
			q++;
		else if ((d = imp_marker_dash(s, q, n, true)))
			q += d;
		else if (!(q >= n || s[q] == '\n'))
			continue;
		while (q < n && (is_blank(s[q]) || s[q] == '\n'))
			q++;
		*kind = prefixes[k].kind;
		*end = q;
		return true;
	}
	return false;
}

static struct row *new_row(struct ar_importer *im, long id)
{
	AR_GROW(im->rows, im->row_capacity, im->row_count + 1, 64);
	struct row *r = &im->rows[im->row_count++];
	memset(r, 0, sizeof *r);
	r->id = id;
	r->line = im->line;
	r->meeting = im->meeting;
	im->have_row = true;
	return r;
}

static void reserve_cells(struct ar_importer *im, size_t count);

static void split_cells(struct ar_importer *im, const char *line, size_t n)
{
	im->cell_count = 0;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && line[i] != '\t')
			continue;
		reserve_cells(im, im->cell_count + 1);
		imp_cell_to_doc(line + start, i - start, &im->cells[im->cell_count++]);
		start = i + 1;
	}
}

/* The item number in the first cell: "12", "12.", or "12 Topic" (the
 * number and the topic run together: *topic_at gets where the topic
 * starts).  0 when the cell holds no number. */
static long read_number(const char *s, size_t n, size_t *topic_at)
{
	size_t i = 0;
	long id = 0;
	while (i < n && is_digit(s[i])) {
		if (id > (LONG_MAX - 9) / 10 || id > 999999999)
			return 0;
		id = id * 10 + (s[i++] - '0');
	}
	if (i == 0 || id == 0)
		return 0;
	if (i < n && s[i] == '.')
		i++;
	*topic_at = 0;
	if (i == n)
		return id;
	if (s[i] != ' ')
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	*topic_at = i;
	return id;
}

/* Text outside the table.  A page heading split over two lines
 * ("Consolidated Action and Recommendation Tracker –" / "Health Overview
 * and Scrutiny Committee 21 September 2023.") is read as one, and the first
 * half's warning taken back. */
static void read_text(struct ar_importer *im, const struct ar_buf *doc)
{
	struct ar_diags *w = im->warnings;
	if (im->text_line && im->text_line == im->line - 1) {
		struct ar_buf joined = {0};
		ar_buf_add(&joined, im->text_doc.data, im->text_doc.len);
		ar_buf_addc(&joined, ' ');
		ar_buf_add(&joined, doc->data, doc->len);
		bool ok = read_page_heading(im, &joined, true);
		ar_buf_free(&joined);
		if (ok) {
			if (w && im->text_warning != SIZE_MAX && im->text_warning + 1 == w->count)
				w->count--;
			im->text_line = 0;
			return;
		}
	}
	if (im->heading_line && im->heading_line == im->line - 1 && !im->tracker->as_of) {
		/* "… Committee 21" / "September 2023": the heading's date went on */
		struct ar_buf joined = {0};
		ar_buf_add(&joined, im->heading_doc.data, im->heading_doc.len);
		ar_buf_addc(&joined, ' ');
		ar_buf_add(&joined, doc->data, doc->len);
		const char *title = im->tracker->title, *committee = im->tracker->committee;
		im->saw_heading = false;
		bool ok = read_page_heading(im, &joined, true) && im->tracker->as_of;
		ar_buf_free(&joined);
		if (ok) {
			im->heading_line = 0;
			return;
		}
		im->saw_heading = true;
		im->tracker->title = title;
		im->tracker->committee = committee;
		im->tracker->as_of = AR_DATE_NONE;
	}
	size_t before = w ? w->count : 0;
	bool had_heading = im->saw_heading;
	if (read_page_heading(im, doc, false)) {
		im->text_line = 0;
		if (!had_heading && im->saw_heading) {
			im->heading_line = im->line;
			ar_buf_reset(&im->heading_doc);
			ar_buf_add(&im->heading_doc, doc->data, doc->len);
		}
		return;
	}
	im->text_line = im->line;
	im->text_warning = w && w->count > before ? before : SIZE_MAX;
	ar_buf_reset(&im->text_doc);
	ar_buf_add(&im->text_doc, doc->data, doc->len);
}

/* Whether a wrapped line of the lead cell (plain-text form) names a new
 * lead rather than finishing the name before it: "Stephen Chandler" /
 * "Anne Coyle" are two leads, "Tom Hudson / Omid" / "Nouri", "Cllr Nigel" /
 * "Champken-Woods" and "Director of" / "Public Health" one.  The line
 * before must hold a whole name (two words, titles aside, not ending in a
 * comma, a slash, a dash or a small word) and the line a name of its own. */
static bool lead_line_is_new(const struct ar_buf *before, const struct ar_buf *line)
{
	static const char *const titles[] = {"cllr", "cllrs", "dr", "mr", "mrs", "ms", "miss", "prof", "sir", NULL};
	const char *s = before->data;
	size_t n = before->len, start = n;
	while (n && is_blank(s[n - 1]))
		n--;
	while (start > 0 && s[start - 1] != '/' && s[start - 1] != '\n')
		start--;
	if (n == 0 || n <= start || !is_alnum(s[n - 1]))
		return false; /* ends in a comma, slash, dash or nothing */
	struct token tok[MAX_TOKENS];
	size_t count = imp_tokenize(s + start, n - start, tok), words = 0;
	for (size_t k = 0; k < count; k++) {
		const char *w = s + start + tok[k].start;
		size_t wl = tok[k].end - tok[k].start;
		bool title = false;
		for (size_t t = 0; titles[t] && !title; t++)
			title = word_at(w, 0, wl, titles[t]);
		words += !title;
	}
	if (words < 2 || is_lower(s[start + tok[count - 1].start]))
		return false;
	/* the line's first name: up to a slash or its own line break */
	const char *l = line->data;
	size_t i = 0, end;
	while (i < line->len && is_blank(l[i]))
		i++;
	for (end = i; end < line->len && l[end] != '/' && l[end] != '\n'; end++)
		;
	if (i >= line->len || !is_upper(l[i]) || imp_tokenize(l + i, end - i, tok) < 2)
		return false;
	/* "BOB ICB", "NHSE": a body after a name is part of that lead */
	bool acronym = tok[0].end - tok[0].start >= 2;
	for (size_t k = i + tok[0].start; k < i + tok[0].end; k++)
		acronym &= !is_lower(l[k]);
	return !acronym;
}

/* One row of cells (im->cells, as documents) read with the judgement
 * every form of the paper shares: header rows skipped, meeting headings,
 * item numbers, unnumbered rows and continued rows told apart. */
static void read_cells(struct ar_importer *im, enum ar_import_row shape)
{
	int lone_line = im->lone_line;
	im->lone_line = 0;
	bool after_header = im->after_header;
	im->after_header = false;
	if (shape == AR_IMPORT_HEADER_ROW || is_header_row(im) || (after_header && is_header_rest(im))) {
		im->saw_header = true;
		im->after_break = true;
		im->after_header = true;
		return;
	}
	size_t filled = 0, only = 0;
	for (size_t c = 0; c < im->cell_count; c++)
		if (im->cells[c].len)
			filled++, only = c;
	if (filled == 0)
		return;
	bool lone = shape != AR_IMPORT_CONTINUED_ROW && filled == 1 && only <= COL_TOPIC;
	if (lone && only == COL_TOPIC) {
		im->lone_line = lone_line;
		if (join_split_heading(im, &im->cells[only]))
			return;
		im->lone_line = 0;
	}
	if (lone && read_meeting_heading(im, &im->cells[only])) {
		im->have_row = false;
		im->after_break = false;
		if (only == COL_TOPIC && im->meeting) {
			im->lone_line = im->line;
			im->lone_heading = im->meeting;
			ar_buf_reset(&im->lone_text);
			cell_line(&im->cells[only], &im->lone_text);
		}
		return;
	}

	struct ar_buf *cells = im->cells;
	struct ar_buf number = {0};
	struct ar_buf *shifted = NULL;
	size_t cell_count = im->cell_count;
	long id = 0;
	if (cells[COL_ID].len) {
		cell_line(&cells[COL_ID], &number);
		size_t topic_at;
		id = read_number(number.data, number.len, &topic_at);
		if (!id) {
			add_warning_snippet(im, im->line, "could not read an item number in", number.data, number.len,
			                    "; line left out");
			ar_buf_free(&number);
			return;
		}
		if (topic_at) {
			/* "3 Topic<TAB>text…": the cells after the first are one to the left */
			shifted = ar_xcalloc(cell_count + 1, sizeof *shifted);
			ar_buf_adds(&shifted[COL_TOPIC], number.data + topic_at);
			for (size_t c = 1; c < cell_count; c++)
				shifted[c + 1] = cells[c];
			cells = shifted;
			cell_count++;
		}
	}
	ar_buf_free(&number);

	bool topic = cell_count > COL_TOPIC && cells[COL_TOPIC].len;
	bool text = cell_count > COL_TEXT && cells[COL_TEXT].len;
	enum ar_kind kind;
	size_t skip;
	bool starts_row;
	if (id)
		starts_row = true;
	else if (shape == AR_IMPORT_CONTINUED_ROW)
		starts_row = !im->have_row;
	else if (!im->have_row)
		starts_row = topic || text;
	else if (text && kind_prefix(cells[COL_TEXT].data, cells[COL_TEXT].len, &kind, &skip))
		starts_row = true;
	else if (!im->markup)
		starts_row = false;
	else if (im->after_break)
		starts_row = topic && text && !is_lower(cells[COL_TEXT].data[0]);
	else
		starts_row = topic || text;

	if (!starts_row && !im->have_row) {
		ar_diags_add(im->warnings, im->line, 0, "could not place these cells: no row before them; line left out");
	} else {
		struct row *r = starts_row ? new_row(im, id) : &im->rows[im->row_count - 1];
		if (lone && only == COL_TOPIC && !id) {
			/* perhaps the first half of a meeting heading: note how to take it back */
			im->lone_line = im->line;
			im->lone_heading = AR_DATE_NONE;
			im->lone_row = (size_t)(r - im->rows);
			im->lone_new_row = starts_row;
			im->lone_saved_len = r->cell[COL_TOPIC].len;
			ar_buf_reset(&im->lone_text);
			cell_line(&cells[COL_TOPIC], &im->lone_text);
		}
		bool page_rule = im->markup || im->after_break;
		for (size_t c = COL_TOPIC; c < NCOLS && c < cell_count; c++) {
			if (c == COL_LEAD && !im->markup && !starts_row && lead_line_is_new(&r->cell[c], &cells[c])) {
				ar_buf_addc(&r->cell[c], '\n');
				ar_buf_add(&r->cell[c], cells[c].data, cells[c].len);
			} else {
				imp_doc_join(&r->cell[c], &cells[c], page_rule, !im->markup);
			}
		}
		for (size_t c = NCOLS; c < cell_count; c++)
			if (cells[c].len)
				add_warning_snippet(im, im->line, "could not place the cell", cells[c].data, cells[c].len,
				                    " beyond the five columns; left out");
	}
	im->after_break = false;
	if (shifted) {
		ar_buf_free(&shifted[COL_TOPIC]);
		free(shifted);
	}
}

/* Make room for count cells in im->cells (new ones empty). */
static void reserve_cells(struct ar_importer *im, size_t count)
{
	if (count <= im->cell_capacity)
		return;
	size_t old = im->cell_capacity;
	AR_GROW(im->cells, im->cell_capacity, count, 8);
	memset(im->cells + old, 0, (im->cell_capacity - old) * sizeof *im->cells);
}

/* One line of the text form: page furniture (no tab) or a row of cells. */
static void read_line(struct ar_importer *im, const char *line, size_t n)
{
	bool blank = true, tab = false;
	for (size_t i = 0; i < n; i++) {
		if (line[i] == '\t')
			tab = true;
		else if (line[i] != ' ' && line[i] != '\r')
			blank = false;
	}
	if (blank)
		return;
	if (!tab) {
		struct ar_buf doc = {0};
		imp_cell_to_doc(line, n, &doc);
		read_text(im, &doc);
		ar_buf_free(&doc);
		im->after_break = true;
		im->after_header = false;
		im->lone_line = 0;
		return;
	}
	split_cells(im, line, n);
	/* Two short rows run together on one line: a number in the sixth cell
	 * starts the second. */
	for (;;) {
		size_t count = im->cell_count, topic_at;
		struct ar_buf number = {0};
		if (count > NCOLS)
			cell_line(&im->cells[NCOLS], &number);
		bool second = count > NCOLS && read_number(number.data, number.len, &topic_at) > 0;
		ar_buf_free(&number);
		if (!second)
			break;
		im->cell_count = NCOLS;
		read_cells(im, AR_IMPORT_ROW);
		for (size_t k = 0; k + NCOLS < count; k++) {
			struct ar_buf t = im->cells[k];
			im->cells[k] = im->cells[k + NCOLS];
			im->cells[k + NCOLS] = t;
		}
		im->cell_count = count - NCOLS;
	}
	read_cells(im, AR_IMPORT_ROW);
}

/* ---- from rows to items ---- */

struct id_ref {
	long id;
	size_t row;
};

static int id_ref_compare(const void *a, const void *b)
{
	const struct id_ref *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static void number_rows(struct ar_importer *im)
{
	struct id_ref *refs = ar_xcalloc(im->row_count ? im->row_count : 1, sizeof *refs);
	int *first_line = ar_xcalloc(im->row_count ? im->row_count : 1, sizeof *first_line);
	size_t count = 0;
	long max = 0;
	for (size_t i = 0; i < im->row_count; i++)
		if (im->rows[i].id > 0)
			refs[count++] = (struct id_ref){im->rows[i].id, i};
	qsort(refs, count, sizeof *refs, id_ref_compare);
	for (size_t k = 0; k < count; k++) {
		if (k > 0 && refs[k].id == refs[k - 1].id) {
			first_line[refs[k].row] = im->rows[refs[k - 1].row].line;
			if (first_line[refs[k - 1].row])
				first_line[refs[k].row] = first_line[refs[k - 1].row];
		}
		if (refs[k].id > max)
			max = refs[k].id;
	}
	for (size_t i = 0; i < im->row_count; i++) {
		struct row *r = &im->rows[i];
		if (r->id > 0 && !first_line[i])
			continue;
		long given = ++max;
		if (r->id > 0)
			ar_diags_add(im->warnings, r->line, 0, "item number %ld is already used on line %d: given id %ld",
			             r->id, first_line[i], given);
		else
			ar_diags_add(im->warnings, r->line, 0, "row without an item number: given id %ld", given);
		r->id = given;
	}
	free(first_line);
	free(refs);
}

/* The row's topic and text as its item gets them (markup and entities
 * resolved, a leading "Recommendation:" taken as the kind), and its kind. */
static enum ar_kind row_topic_text(const struct row *r, struct ar_buf *topic, struct ar_buf *text)
{
	cell_line(&r->cell[COL_TOPIC], topic);
	const char *body = r->cell[COL_TEXT].data ? r->cell[COL_TEXT].data : "";
	size_t body_len = r->cell[COL_TEXT].len, skip = 0;
	enum ar_kind kind = AR_KIND_ACTION;
	kind_prefix(body, body_len, &kind, &skip);
	ar_buf_reset(text);
	imp_doc_text(body + skip, body_len - skip, "\n\n", text);
	return kind;
}

/* Whether the row gives its item a topic or a text (an item needs one):
 * cells that hold only markup or only "Recommendation:" give neither. */
static bool row_has_topic_or_text(const struct row *r)
{
	struct ar_buf topic = {0}, text = {0};
	row_topic_text(r, &topic, &text);
	bool has = topic.len || text.len;
	ar_buf_free(&topic);
	ar_buf_free(&text);
	return has;
}

static void make_item(struct ar_importer *im, const struct row *r)
{
	struct ar_tracker *t = im->tracker;
	struct ar_item *item = ar_item_new(t, r->id);
	item->meeting = r->meeting;
	struct ar_buf text = {0}, topic = {0};

	item->kind = row_topic_text(r, &topic, &text);
	if (topic.len)
		ar_item_set_topic(t, item, topic.data);
	ar_buf_free(&topic);
	if (text.len)
		ar_item_set_text(t, item, text.data);

	/* leads: split at '/' and at the cell's line breaks */
	const char *lead = r->cell[COL_LEAD].data ? r->cell[COL_LEAD].data : "";
	size_t lead_len = r->cell[COL_LEAD].len, lead_count = 0;
	const char **leads = ar_xcalloc(lead_len / 2 + 1, sizeof *leads);
	for (size_t i = 0, start = 0; i <= lead_len; i++) {
		if (i < lead_len && lead[i] != '/' && lead[i] != '\n')
			continue;
		ar_buf_reset(&text);
		imp_doc_text(lead + start, i - start, " ", &text);
		if (text.len)
			leads[lead_count++] = ar_tracker_strdup(t, text.data);
		start = i + 1;
	}
	if (lead_count)
		ar_item_set_leads(t, item, leads, lead_count);
	free((void *)leads);

	struct progress p = {0};
	const struct ar_buf *progress = &r->cell[COL_PROGRESS];
	imp_read_progress(t, progress->data ? progress->data : "", progress->len,
	              item->kind == AR_KIND_RECOMMENDATION, &p);
	item->status = p.status;
	item->due = p.due;
	item->rag = p.rag;
	item->closed_on = p.closed_on;
	if (item->kind == AR_KIND_RECOMMENDATION) {
		item->response = p.response == AR_RESPONSE_NONE ? AR_RESPONSE_PENDING : p.response;
		item->responded = p.responded;
	}
	for (size_t k = 0; k < p.count; k++) {
		struct draft_update *d = &p.updates[k];
		ar_buf_reset(&text);
		imp_doc_text(d->raw.data ? d->raw.data : "", d->raw.len, "\n\n", &text);
		if (text.len) {
			struct ar_update u = {.date = d->date, .by = d->by, .label = d->label, .text = text.data};
			ar_item_add_update(t, item, &u);
		}
		ar_buf_free(&d->raw);
	}
	free(p.updates);
	ar_buf_free(&text);
	ar_tracker_append_item(t, item);
}

/* Whether the input holds any tag of a known element. */
static bool has_markup(const char *s, size_t n)
{
	for (const char *p = memchr(s, '<', n); p; p = memchr(p + 1, '<', n - (size_t)(p + 1 - s))) {
		enum tag_kind kind;
		if (imp_parse_tag(p, n - (size_t)(p - s), &kind))
			return true;
		if (p + 1 >= s + n)
			break;
	}
	return false;
}

/* ---- the layout form: columns aligned with spaces (pdftotext -layout) ----
 *
 * With no tab in the input, a header row whose words stand apart (Item,
 * Action/Recommendation, Lead, Progress update, two or more spaces
 * between) gives where each column starts; every line after it is cut
 * into its columns there (a run of two or more spaces ends a piece, a
 * piece belongs to the column it starts in) and read as the plain-text
 * form.  Each repeated header row sets the columns again (pages differ).
 * A line of one piece that runs across columns (a page title) or is a
 * page number stays page furniture. */

struct layout {
	bool known;
	size_t start[NCOLS];  /* display column where each column starts */
};

struct piece {
	size_t start, end;    /* bytes */
	size_t column;        /* display column it starts at */
	size_t width;         /* display columns */
};

#define MAX_PIECES 32

static size_t display_width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xc0) != 0x80;
	return w;
}

/* The line's pieces: text separated by two or more spaces. */
static size_t layout_pieces(const char *line, size_t n, struct piece *pieces)
{
	size_t count = 0, i = 0;
	while (i < n && count < MAX_PIECES) {
		while (i < n && (line[i] == ' ' || line[i] == '\r'))
			i++;
		if (i >= n)
			break;
		size_t start = i;
		if (count + 1 == MAX_PIECES) {
			/* so many pieces: the rest is one, so nothing is lost */
			i = n;
			while (i > start && (line[i - 1] == ' ' || line[i - 1] == '\r'))
				i--;
		}
		while (i < n && !(line[i] == ' ' && (i + 1 >= n || line[i + 1] == ' ' || line[i + 1] == '\r')) &&
		       line[i] != '\r')
			i++;
		pieces[count++] = (struct piece){start, i, display_width(line, start), display_width(line + start, i - start)};
	}
	return count;
}

/* Whether the line is a header row aligned with spaces; lay gets its columns. */
static bool layout_header(const char *line, size_t n, struct layout *lay)
{
	struct piece p[MAX_PIECES];
	size_t count = layout_pieces(line, n, p);
	size_t at[NCOLS] = {0};
	bool found[NCOLS] = {false};
	for (size_t k = 0; k < count; k++) {
		const char *w = line + p[k].start;
		size_t len = p[k].end - p[k].start;
		size_t col = word_at(w, 0, len, "item") ? COL_TOPIC
		             : (word_at(w, 0, len, "action") || word_at(w, 0, len, "recommendation")) ? COL_TEXT
		             : (word_at(w, 0, len, "lead") || word_at(w, 0, len, "leads")) ? COL_LEAD
		             : len >= 8 && strncasecmp(w, "progress", 8) == 0 ? COL_PROGRESS : NCOLS;
		if (col < NCOLS && !found[col]) {
			found[col] = true;
			at[col] = p[k].column;
		}
	}
	if (!found[COL_TOPIC] || !found[COL_TEXT] || !found[COL_LEAD] || !found[COL_PROGRESS] ||
	    !(at[COL_TOPIC] < at[COL_TEXT] && at[COL_TEXT] < at[COL_LEAD] && at[COL_LEAD] < at[COL_PROGRESS]))
		return false;
	lay->known = true;
	lay->start[COL_ID] = 0;
	for (size_t c = COL_TOPIC; c < NCOLS; c++)
		lay->start[c] = at[c];
	return true;
}

/* The column a piece starting at display column at belongs to (a column's
 * text may start a character before where its header word does). */
static size_t layout_column(const struct layout *lay, size_t at)
{
	size_t col = 0;
	while (col + 1 < NCOLS && lay->start[col + 1] <= at + 1)
		col++;
	return col;
}

/* The line as tab-separated cells by lay's columns, in out; false when it
 * is page furniture (left as it is). */
static bool layout_line(const char *line, size_t n, const struct layout *lay, struct ar_buf *out)
{
	struct piece p[MAX_PIECES];
	size_t count = layout_pieces(line, n, p);
	if (count == 0)
		return false;
	if (count == 1) {
		const char *w = line + p[0].start;
		size_t len = p[0].end - p[0].start;
		size_t col = layout_column(lay, p[0].column);
		bool across = col + 1 < NCOLS && p[0].column + p[0].width > lay->start[col + 1] + 1;
		ar_date date;
		struct token span;
		bool heading = has_word(w, len, "meeting") ||
		               (imp_find_date(w, len, &date, &span) && span.start == 0 && span.end == len);
		if ((across && !heading) || is_page_number(w, len))
			return false;
	}
	struct ar_buf cells[NCOLS] = {{0}};
	for (size_t k = 0; k < count; k++) {
		size_t col = layout_column(lay, p[k].column);
		if (cells[col].len)
			ar_buf_addc(&cells[col], ' ');
		ar_buf_add(&cells[col], line + p[k].start, p[k].end - p[k].start);
	}
	ar_buf_reset(out);
	for (size_t c = 0; c < NCOLS; c++) {
		if (c)
			ar_buf_addc(out, '\t');
		ar_buf_add(out, cells[c].data ? cells[c].data : "", cells[c].len);
		ar_buf_free(&cells[c]);
	}
	return true;
}

struct ar_importer *ar_importer_new(struct ar_diags *warnings, bool one_line_per_row)
{
	struct ar_importer *im = ar_xcalloc(1, sizeof *im);
	im->warnings = warnings;
	im->first_warning = warnings ? warnings->count : 0;
	im->meeting = AR_DATE_NONE;
	im->markup = one_line_per_row;
	im->text_warning = SIZE_MAX;
	im->lone_row = SIZE_MAX;
	im->tracker = ar_tracker_new();
	return im;
}

void ar_importer_text(struct ar_importer *im, int place, const char *doc, size_t len)
{
	struct ar_buf tidy = {0};
	im->line = place;
	imp_doc_normalize(doc, len, &tidy);
	if (tidy.len)
		read_text(im, &tidy);
	ar_buf_free(&tidy);
}

void ar_importer_row(struct ar_importer *im, int place, const struct ar_buf *cells, size_t count,
                     enum ar_import_row shape)
{
	im->line = place;
	reserve_cells(im, count ? count : 1);
	im->cell_count = count;
	for (size_t c = 0; c < count; c++) {
		ar_buf_reset(&im->cells[c]);
		imp_doc_normalize(cells[c].data ? cells[c].data : "", cells[c].len, &im->cells[c]);
	}
	read_cells(im, shape);
}

static void importer_free(struct ar_importer *im)
{
	for (size_t i = 0; i < im->row_count; i++)
		for (size_t c = 0; c < NCOLS; c++)
			ar_buf_free(&im->rows[i].cell[c]);
	free(im->rows);
	for (size_t c = 0; c < im->cell_capacity; c++)
		ar_buf_free(&im->cells[c]);
	free(im->cells);
	ar_buf_free(&im->lone_text);
	ar_buf_free(&im->text_doc);
	ar_buf_free(&im->heading_doc);
	free(im);
}

void ar_importer_free(struct ar_importer *im)
{
	if (!im)
		return;
	ar_tracker_free(im->tracker);
	importer_free(im);
}

enum ar_rc ar_importer_finish(struct ar_importer *im, const char *no_table, struct ar_tracker **out,
                              struct ar_error *err)
{
	struct ar_diags *warnings = im->warnings;
	*out = NULL;
	bool numbered = false;
	for (size_t i = 0; i < im->row_count; i++)
		numbered |= im->rows[i].id > 0;
	if (im->row_count == 0 || !(numbered || im->saw_header || im->saw_heading)) {
		ar_error_set(err, 0, 0, "%s", no_table);
		ar_importer_free(im);
		return AR_EDATA;
	}
	if (!im->saw_heading)
		ar_diags_add(warnings, 0, 0, "no page heading (\"TITLE – COMMITTEE DATE\"): committee, title and "
		             "edition date left out");
	size_t kept = 0;
	for (size_t i = 0; i < im->row_count; i++) {
		struct row *r = &im->rows[i];
		if (row_has_topic_or_text(r)) {
			im->rows[kept++] = *r;
			continue;
		}
		ar_diags_add(warnings, r->line, 0, "row with neither topic nor action text left out");
		for (size_t c = 0; c < NCOLS; c++)
			ar_buf_free(&r->cell[c]);
	}
	im->row_count = kept;
	number_rows(im);
	for (size_t i = 0; i < im->row_count; i++)
		make_item(im, &im->rows[i]);
	if (warnings && warnings->count > im->first_warning) {
		/* in input order; the caller's own earlier entries stay where they are
		 * (and an empty diags may have no array to offset into) */
		struct ar_diags mine = {warnings->items + im->first_warning, warnings->count - im->first_warning, 0};
		ar_diags_sort(&mine);
	}
	*out = im->tracker;
	importer_free(im);
	return AR_OK;
}

enum ar_rc ar_import_text(const char *text, size_t len, struct ar_tracker **out,
                          struct ar_diags *warnings, struct ar_error *err)
{
	*out = NULL;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3, len -= 3;
	if (ar_utf8_refuse(text, len, "the input", true, err))
		return AR_EDATA;

	struct ar_importer *im = ar_importer_new(warnings, has_markup(text, len));
	bool aligned = len && !memchr(text, '\t', len); /* perhaps the layout form */
	struct layout lay = {0};
	struct ar_buf cut = {0};
	for (size_t start = 0; start < len;) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t line_len = end - start;
		if (line_len && text[end - 1] == '\r')
			line_len--;
		im->line++;
		if (aligned)
			layout_header(text + start, line_len, &lay);
		if (lay.known && layout_line(text + start, line_len, &lay, &cut))
			read_line(im, cut.data, cut.len);
		else
			read_line(im, text + start, line_len);
		start = end + 1;
	}
	ar_buf_free(&cut);
	return ar_importer_finish(im, len == 0 ? "the input is empty"
		: aligned ? "no tracker table found: expected rows of tab-separated cells (item number, topic, "
		  "action or recommendation, lead, progress update), or columns aligned under a header row "
		  "(Item, Action/Recommendation, Lead, Progress update); text with neither, as plain pdftotext "
		  "gives, cannot be read: use pdftotext -layout"
		: "no tracker table found: expected rows of tab-separated cells (item number, topic, "
		  "action or recommendation, lead, progress update)", out, err);
}

/* Whether data starts like an OLE compound file: a Word 97-2003 .doc, or
 * a password-protected .docx (Word wraps those in one). */
static bool is_compound_file(const char *data, size_t len)
{
	return len >= 8 && memcmp(data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0;
}

enum ar_rc ar_import_yaml(const char *data, size_t len, struct ar_buf *yaml,
                          struct ar_diags *warnings, struct ar_error *err)
{
	struct ar_tracker *tracker;
	enum ar_rc rc;
	if (ar_import_is_zip(data, len)) {
		rc = ar_import_docx(data, len, 0, &tracker, warnings, err);
	} else if (is_compound_file(data, len)) {
		ar_error_set(err, 0, 0, "a Word 97-2003 document (.doc) or a password-protected one: save it from "
		             "Word as a Word Document (.docx) without a password and import that");
		return AR_EDATA;
	} else {
		rc = ar_import_text(data, len, &tracker, warnings, err);
	}
	if (rc != AR_OK)
		return rc;
	struct ar_buf out = {0};
	rc = ar_save_buffer(tracker, &out, err);
	if (rc == AR_OK)
		ar_buf_add(yaml, out.data ? out.data : "", out.len);
	ar_buf_free(&out);
	ar_tracker_free(tracker);
	return rc;
}
