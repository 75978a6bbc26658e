/* format.h - what the command line prints: lists, one item, counts, exports.
 *
 * Every writer appends plain text (no colour, no terminal codes) to an
 * ar_buf, so the commands stay thin and the output is unit-testable.
 *
 * Ownership: writers borrow the tracker and the view; the caller owns the
 * buffer.
 */
#ifndef ARTRACK_FORMAT_H
#define ARTRACK_FORMAT_H

#include <stdbool.h>

#include "artrack/alloc.h"
#include "artrack/error.h"
#include "artrack/tracker.h"
#include "artrack/view.h"

enum ar_list_format { AR_LIST_TABLE, AR_LIST_TSV, AR_LIST_CSV, AR_LIST_JSON, AR_LIST_FORMAT_COUNT };
enum ar_export_format { AR_EXPORT_CSV, AR_EXPORT_MARKDOWN, AR_EXPORT_HTML, AR_EXPORT_FORMAT_COUNT };

extern const char *const ar_list_format_names[AR_LIST_FORMAT_COUNT];
extern const char *const ar_export_format_names[AR_EXPORT_FORMAT_COUNT];

/* The items of view, one a line (json: an array of whole items).  width
 * limits a table's lines to that many columns (0: no limit). */
void ar_format_list(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view,
                    enum ar_list_format format, int width);

/* One item with its whole history, for reading; texts word-wrapped to
 * width columns by display width (0: no wrapping, one line a paragraph). */
void ar_format_item(struct ar_buf *out, const struct ar_tracker *tracker, const struct ar_item *item, int width);

/* Counts by status, response, kind, meeting and lead of the view's items. */
void ar_format_stats(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view);

/* The view's items as a document for a committee paper. */
void ar_format_export(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view,
                      enum ar_export_format format);

/* Append s as a JSON string literal (quotes included). */
void ar_json_string(struct ar_buf *out, const char *s);

#endif
