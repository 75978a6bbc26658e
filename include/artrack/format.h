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

/* The export formats, one table: X(ENUM, name, description).  The enum, the
 * names `export --format` takes, its messages, --help and artrack(1) all
 * come from it, so adding a format here is the whole of naming it. */
#define AR_EXPORT_FORMATS(X) \
	X(CSV, "csv", "every field and the updates, as RFC 4180 CSV (CRLF line ends)") \
	X(MARKDOWN, "markdown", "a Markdown table under a heading for each meeting") \
	X(HTML, "html", "a standalone HTML page: bar charts of the items by status and response (and RAG " \
	                "rating, once any is rated) as inline SVG, then a table under a heading for each meeting; " \
	                "no scripts, nothing fetched") \
	X(DOCX, "docx", "the committee paper's Word table (landscape A4, a shaded row per meeting), which import reads back")

enum ar_export_format {
#define AR_EXPORT_ENUM(e, name, description) AR_EXPORT_##e,
	AR_EXPORT_FORMATS(AR_EXPORT_ENUM)
#undef AR_EXPORT_ENUM
	AR_EXPORT_FORMAT_COUNT
};

extern const char *const ar_list_format_names[AR_LIST_FORMAT_COUNT];
extern const char *const ar_export_format_names[AR_EXPORT_FORMAT_COUNT];
extern const char *const ar_export_format_descriptions[AR_EXPORT_FORMAT_COUNT];

/* Append names[0..count) joined by sep ("csv|markdown|html"). */
void ar_format_names_join(struct ar_buf *out, const char *const *names, int count, const char *sep);

/* artrack(1)'s pieces about export formats, as roff: the synopsis word
 * list (".BR csv | markdown | html") and one .TP paragraph per format. */
void ar_export_formats_synopsis_roff(struct ar_buf *out);
void ar_export_formats_roff(struct ar_buf *out);

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

/* The view's items as a Word document (.docx) in the paper's layout
 * (export_docx.c); out gets the zip package's bytes. */
void ar_export_docx(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view);

/* How a paper-shaped export writes its parts; ctx is the writer's own. */
struct ar_export_writer {
	/* A meeting's heading (meeting AR_DATE_NONE: the items with none);
	 * first is true for the first group. */
	void (*group_start)(struct ar_buf *out, const struct ar_tracker *tracker, ar_date meeting, bool first, void *ctx);
	void (*item)(struct ar_buf *out, const struct ar_tracker *tracker, const struct ar_item *item, void *ctx);
	void (*group_end)(struct ar_buf *out, void *ctx);   /* may be NULL */
};

/* Write the view's items grouped by meeting, one group (one heading) per
 * meeting however the view is sorted: meetings oldest first (newest first
 * when the view sorts by meeting descending), the items with no meeting
 * last, and within a group the view's order.  The one home of the papers'
 * "heading per meeting" rule. */
void ar_export_by_meeting(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view,
                          const struct ar_export_writer *writer, void *ctx);

/* The heading text of a meeting's group: its title, else its date; "No
 * meeting" for AR_DATE_NONE. */
void ar_export_heading_text(struct ar_buf *out, const struct ar_tracker *tracker, ar_date meeting);

/* Append s escaped for a Markdown table cell (line breaks as <br>). */
void ar_markdown_cell(struct ar_buf *out, const char *s);

/* Append s as HTML text (also fit for an attribute's quotes): <, >, & and "
 * as entities, control characters as character references to their
 * visible pictures (ESC as &#x241B;). */
void ar_html_text(struct ar_buf *out, const char *s);

/* Append s as a JSON string literal (quotes included). */
void ar_json_string(struct ar_buf *out, const char *s);

/* Append s as a JSON string, or null when s is NULL. */
void ar_json_optional_string(struct ar_buf *out, const char *s);

/* Append date as a JSON string ("2024-04" for a month), or null for no date. */
void ar_json_date(struct ar_buf *out, ar_date date);

/* Append one update as a JSON object (date, by, label, text). */
void ar_json_update(struct ar_buf *out, const struct ar_update *u);

#endif
