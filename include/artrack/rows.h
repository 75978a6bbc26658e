/* rows.h - how items, meetings, updates and whole records read as lines of
 * the terminal UI's panes, drawn into a screen model (screen.h).
 *
 * Kept in the core, away from curses, so the exact text of every row is
 * unit-tested: an item's row (id, kind, status, response, due, leads, topic
 * cut to fit by display width), the Meetings pane's rows, the History
 * pane's lines (each update's date, label and author, then its text
 * word-wrapped) and the Editor pane's lines (every field of one item).
 *
 * Ownership: an ar_lines owns its array and an arena for the text it had to
 * compose (headers, dates); every other line's text is borrowed from the
 * tracker, so lines live no longer than the tracker and are rebuilt after
 * the item changes or the width does.  Release with ar_lines_free().
 */
#ifndef ARTRACK_ROWS_H
#define ARTRACK_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/date.h"
#include "artrack/screen.h"
#include "artrack/tracker.h"

/* Short words for the Items pane ("in-prog", "done", "partial"). */
extern const char *const ar_status_short_names[AR_STATUS_COUNT];
extern const char *const ar_response_short_names[AR_RESPONSE_COUNT];

/* The role that shows what a status, a response or a RAG rating means
 * (completed and closed alike, accepted and partly accepted alike; each
 * rating its own colour, rag-red/amber/green): one rule for rows, records
 * and the Stats pane's bars. */
enum ar_role ar_status_role(enum ar_item_status status);
enum ar_role ar_response_role(enum ar_response response);
enum ar_role ar_rag_role(enum ar_rag rag);

/* Columns of the Items pane, in display columns; 0 hides one.  One blank
 * separates shown columns; the topic takes what is left. */
struct ar_item_columns {
	int id;
	int kind;
	int status;
	int response;
	int due;
	int leads;
	int topic;
};

/* Lay out the columns for a pane width columns wide, ids up to max_id:
 * narrower panes drop the leads, then the due date, the response and the
 * status, so the topic keeps some room. */
void ar_item_columns_layout(struct ar_item_columns *cols, int width, long max_id);

/* Draw the column headings on row y from x. */
void ar_item_header_draw(struct ar_screen *screen, int x, int y, const struct ar_item_columns *cols,
                         enum ar_role role, unsigned attrs);

/* Draw item's row on row y from x; attrs (e.g. a selection) go on every cell.
 * Meaning is in the text as well as the role: status and response words,
 * "R"/"A" for recommendation/action, "!" before an overdue date. */
void ar_item_row_draw(struct ar_screen *screen, int x, int y, const struct ar_item_columns *cols,
                      const struct ar_item *item, ar_date today, unsigned attrs);

/* Draw label at the left and count at the right of width columns. */
void ar_count_row_draw(struct ar_screen *screen, int x, int y, int width, const char *label, size_t count,
                       enum ar_role role, unsigned attrs);

/* Lines of a record or a history: fields of enum ar_item_key, and this one
 * for keys the program does not know (kept as written). */
#define AR_LINE_FIELD_NONE (-1)
#define AR_LINE_FIELD_EXTRA AR_ITEM_KEY_COUNT

struct ar_line {
	const char *label;   /* drawn in label_role at the left, or NULL */
	enum ar_role label_role;
	const char *text;    /* borrowed from the tracker or the lines' arena */
	size_t len;
	int indent;          /* column where text starts */
	enum ar_role role;
	int field;           /* enum ar_item_key, AR_LINE_FIELD_EXTRA or AR_LINE_FIELD_NONE */
	int index;           /* which lead, update or unknown key; -1 for none */
	bool first;          /* the first line of its field (or of its update) */
};

struct ar_lines {
	struct ar_line *items;
	size_t count;
	size_t capacity;
	struct ar_arena *arena;
};

/* Replace out's lines with item's updates, oldest first: a header (date ·
 * label · author) and the text word-wrapped to width, a blank line between
 * updates.  NULL item: no lines. */
void ar_history_lines(struct ar_lines *out, const struct ar_item *item, int width);

/* Replace out's lines with every field of item in file order, values
 * word-wrapped to width. */
void ar_record_lines(struct ar_lines *out, const struct ar_tracker *tracker, const struct ar_item *item,
                     int width);

/* Replace out's lines with the help screen: for each group of the action
 * table its title, then each action's keys and help text (wrapped to
 * width), then how the filter line edits text. */
void ar_help_lines(struct ar_lines *out, int width);

/* Draw one line on row y from x in width columns. */
void ar_line_draw(struct ar_screen *screen, int x, int y, int width, const struct ar_line *line, unsigned attrs);

/* Release the lines; out is left empty and reusable. */
void ar_lines_free(struct ar_lines *out);

#endif
