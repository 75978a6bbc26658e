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

#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/error.h"
#include "artrack/tracker.h"

/* Read the table in text[0..len) into a new tracker.  AR_OK: *out is the
 * tracker and warnings holds what was guessed (a row without a number given
 * the next id, a heading that could not be dated, a cell that could not be
 * placed).  AR_EDATA: the input holds no recognisable tracker (or is not
 * UTF-8); err says why, *out is NULL. */
enum ar_rc ar_import_text(const char *text, size_t len, struct ar_tracker **out,
                          struct ar_diags *warnings, struct ar_error *err);

/* ar_import_text, then the tracker's canonical YAML appended to yaml (what
 * `artrack import` writes).  On any error nothing is appended. */
enum ar_rc ar_import_yaml(const char *text, size_t len, struct ar_buf *yaml,
                          struct ar_diags *warnings, struct ar_error *err);

#endif
