/* import_lines.c - one line of a committee paper at a time (import.c has
 * the rules): page furniture, the header row, meeting headings (also split
 * over two lines), and rows of cells, started or continued. */
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

/* ---- lines ---- */

static void add_warning_snippet(struct ar_importer *im, int line, const char *what, const char *s, size_t n,
                                const char *then)
{
	ar_diags_add(im->warnings, line, 0, "%s \"%.*s%s\"%s", what, snippet_len(s, n), s,
	             (size_t)snippet_len(s, n) < n ? "…" : "", then);
}

/* The cell's text on one line (for topics, headings and numbers). */
void imp_cell_line(const struct ar_buf *doc, struct ar_buf *out)
{
	ar_buf_reset(out);
	imp_doc_text(doc->data ? doc->data : "", doc->len, " ", out);
}

/* Whether s[0..n) is a page number: "3", "Page 3 of 9". */
bool imp_is_page_number(const char *s, size_t n)
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
	imp_cell_line(doc, &text);
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
		bool page_number = imp_is_page_number(s, len);
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
		imp_cell_line(&im->cells[c], &text);
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
	imp_cell_line(cell, &text);
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
	imp_cell_line(cell, &second);
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
		imp_cell_line(&im->cells[c], &text);
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
bool imp_kind_prefix(const char *s, size_t n, enum ar_kind *kind, size_t *end)
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

static void split_cells(struct ar_importer *im, const char *line, size_t n)
{
	im->cell_count = 0;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && line[i] != '\t')
			continue;
		imp_reserve_cells(im, im->cell_count + 1);
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
void imp_read_text(struct ar_importer *im, const struct ar_buf *doc)
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
void imp_read_cells(struct ar_importer *im, enum ar_import_row shape)
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
			imp_cell_line(&im->cells[only], &im->lone_text);
		}
		return;
	}

	struct ar_buf *cells = im->cells;
	struct ar_buf number = {0};
	struct ar_buf *shifted = NULL;
	size_t cell_count = im->cell_count;
	long id = 0;
	if (cells[COL_ID].len) {
		imp_cell_line(&cells[COL_ID], &number);
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
	else if (text && imp_kind_prefix(cells[COL_TEXT].data, cells[COL_TEXT].len, &kind, &skip))
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
			imp_cell_line(&cells[COL_TOPIC], &im->lone_text);
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
void imp_reserve_cells(struct ar_importer *im, size_t count)
{
	if (count <= im->cell_capacity)
		return;
	size_t old = im->cell_capacity;
	AR_GROW(im->cells, im->cell_capacity, count, 8);
	memset(im->cells + old, 0, (im->cell_capacity - old) * sizeof *im->cells);
}

/* One line of the text form: page furniture (no tab) or a row of cells. */
void imp_read_line(struct ar_importer *im, const char *line, size_t n)
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
		imp_read_text(im, &doc);
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
			imp_cell_line(&im->cells[NCOLS], &number);
		bool second = count > NCOLS && read_number(number.data, number.len, &topic_at) > 0;
		ar_buf_free(&number);
		if (!second)
			break;
		im->cell_count = NCOLS;
		imp_read_cells(im, AR_IMPORT_ROW);
		for (size_t k = 0; k + NCOLS < count; k++) {
			struct ar_buf t = im->cells[k];
			im->cells[k] = im->cells[k + NCOLS];
			im->cells[k + NCOLS] = t;
		}
		im->cell_count = count - NCOLS;
	}
	imp_read_cells(im, AR_IMPORT_ROW);
}
