/* import.h - a tracker table copied out of a committee paper, made a tracker.
 *
 * The input is the text of the paper's table as people copy it: one row a
 * line with tab-separated cells (item number, topic, action or
 * recommendation, lead, progress update), the page heading and the header
 * row repeated on every page, meeting headings between rows, rows cut by a
 * page break and continued on the next page with leading empty cells, and
 * inline HTML (<p>, <b>, <i>, <sup>, entities) in the cells.  The same table
 * copied as plain text, where a cell's lines wrap onto following lines that
 * start with tabs, is read too.  CRLF line ends and a UTF-8 byte order mark
 * are fine.  The rules (ids, meetings, kind, response, status, leads, due,
 * updates) are in import.c's top comment and in artrack(1).
 *
 * Ownership: the tracker made is the caller's (ar_tracker_free); warnings
 * are appended to the caller's ar_diags, each with the input line it is
 * about (line 0: about the whole input).  The input is only borrowed.
 */
#ifndef ARTRACK_IMPORT_H
#define ARTRACK_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/date.h"
#include "artrack/error.h"
#include "artrack/tracker.h"

/* Read the table in text[0..len) into a new tracker.  AR_OK: *out is the
 * tracker and warnings holds what was guessed (a row without a number given
 * the next id, a heading that could not be dated, a cell that could not be
 * placed).  AR_EDATA: the input holds no recognisable tracker (or is not
 * UTF-8); err says why, *out is NULL. */
enum ar_rc ar_import_text(const char *text, size_t len, struct ar_tracker **out,
                          struct ar_diags *warnings, struct ar_error *err);

/* The paper in data[0..len), read by what it holds (not by its name): a
 * Word document (a zip package: ar_import_docx), else text (ar_import_text);
 * then the tracker's canonical YAML appended to yaml (what `artrack import`
 * writes).  On any error nothing is appended. */
enum ar_rc ar_import_yaml(const char *data, size_t len, struct ar_buf *yaml,
                          struct ar_diags *warnings, struct ar_error *err);

/* Whether text[0..len) names a calendar date in words as the importer reads
 * meeting headings ("21 September 2023", "14 July Meeting 2022"); *date
 * gets it.  For writers that want the paper read back. */
bool ar_import_date_in(const char *text, size_t len, ar_date *date);

/* ---- Word documents (import_docx.c) ---- */

/* The most bytes one part of a Word package may expand to: a zip bomb
 * stops here (a real paper's document.xml is a few megabytes). */
#define AR_DOCX_PART_MAX ((size_t)64 << 20)

/* Whether data starts like a zip archive (a .docx is one). */
bool ar_import_is_zip(const char *data, size_t len);

/* Read the tables of the Word document (.docx: WordprocessingML in a zip
 * package) in data[0..len) into a new tracker, with the same judgement as
 * ar_import_text: every table row is one row of cells (gridSpan and
 * gridBefore put cells in their columns, a vMerge continuation repeats the
 * cell above, or continues the row above when it is the item number's);
 * header rows (tblHeader, or by their words) are skipped; text outside the
 * tables is read as the page heading.  Runs are joined whatever splits
 * them; bold, italic and underline changes mark where a label may start;
 * w:br ends a paragraph, w:tab and no-break spaces are spaces; fields and
 * hyperlinks give their text, tracked insertions are kept and deletions
 * dropped.  Parts may expand to part_max bytes (0: AR_DOCX_PART_MAX).
 * Warnings have line 0 and say where ("table 1, row 5: ...").  AR_EDATA:
 * not a Word document, no word/document.xml, malformed XML, no table, a
 * part past the limit; err says which, *out is NULL. */
enum ar_rc ar_import_docx(const char *data, size_t len, size_t part_max, struct ar_tracker **out,
                          struct ar_diags *warnings, struct ar_error *err);

/* ---- the row reader every form of the paper shares ----
 *
 * A source (the text form, a Word document) hands over the paper in order:
 * text outside the table and rows of cells, each cell a document: UTF-8
 * text where '\n' ends a paragraph (or a line within the cell) and
 * AR_IMPORT_BOUNDARY marks where an inline element (bold, italic) began or
 * ended, so a progress label may start there.  place is what warnings give
 * as their line (an input line, a row number). */

#define AR_IMPORT_BOUNDARY '\x1f'

struct ar_importer;

/* What the source knows about a row. */
enum ar_import_row {
	AR_IMPORT_ROW,           /* judge by its cells */
	AR_IMPORT_HEADER_ROW,    /* a header row: skipped */
	AR_IMPORT_CONTINUED_ROW, /* the rest of the row before (its cells join that row's) */
};

/* A new importer; warnings (may be NULL) gets what is guessed.
 * one_line_per_row: every row comes whole (marked-up text, Word); else a
 * row's cells may wrap onto following rows (the plain-text form). */
struct ar_importer *ar_importer_new(struct ar_diags *warnings, bool one_line_per_row);

/* Text outside the table (a page heading, a page number, anything else). */
void ar_importer_text(struct ar_importer *im, int place, const char *doc, size_t len);

/* One row of count cells (borrowed) in the paper's columns: item number,
 * topic, action or recommendation, lead, progress update. */
void ar_importer_row(struct ar_importer *im, int place, const struct ar_buf *cells, size_t count,
                     enum ar_import_row shape);

/* Make the tracker and free im.  AR_OK: *out is the tracker (the caller's).
 * AR_EDATA: no tracker table was seen; err says no_table. */
enum ar_rc ar_importer_finish(struct ar_importer *im, const char *no_table, struct ar_tracker **out,
                              struct ar_error *err);

/* Free an importer that is not finished (NULL is fine). */
void ar_importer_free(struct ar_importer *im);

#endif
