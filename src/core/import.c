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
	imp_cell_line(&r->cell[COL_TOPIC], topic);
	const char *body = r->cell[COL_TEXT].data ? r->cell[COL_TEXT].data : "";
	size_t body_len = r->cell[COL_TEXT].len, skip = 0;
	enum ar_kind kind = AR_KIND_ACTION;
	imp_kind_prefix(body, body_len, &kind, &skip);
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
		if ((across && !heading) || imp_is_page_number(w, len))
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
		imp_read_text(im, &tidy);
	ar_buf_free(&tidy);
}

void ar_importer_row(struct ar_importer *im, int place, const struct ar_buf *cells, size_t count,
                     enum ar_import_row shape)
{
	im->line = place;
	imp_reserve_cells(im, count ? count : 1);
	im->cell_count = count;
	for (size_t c = 0; c < count; c++) {
		ar_buf_reset(&im->cells[c]);
		imp_doc_normalize(cells[c].data ? cells[c].data : "", cells[c].len, &im->cells[c]);
	}
	imp_read_cells(im, shape);
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
			imp_read_line(im, cut.data, cut.len);
		else
			imp_read_line(im, text + start, line_len);
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
