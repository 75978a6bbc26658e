/* rows.h - how items, meetings, updates and whole records read as lines of
 * the terminal UI's panes, drawn into a screen model (screen.h).
 *
 * Kept in the core, away from curses, so the exact text of every row is
 * unit-tested: an item's row (id, kind, status and response in the query's
 * words, due, leads, topic and the start of its text, fitted to the width by
 * display width, the filter's matches marked), the Meetings pane's rows, the History
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
#include "artrack/query.h"
#include "artrack/screen.h"
#include "artrack/tracker.h"
#include "artrack/view.h"

/* The shortest spellings of statuses and responses that the filter still
 * takes ("in-prog", "partial"), for a narrow Items pane; a wide one spells
 * them out as ar_status_names and ar_response_names do. */
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
 * separates shown columns; the text comes last and takes what is left. */
struct ar_item_columns {
	int id;
	int kind;
	int status;
	int response;
	int rag;             /* one cell: the rating's letter in its colour */
	int due;
	int meeting;
	int updated;
	int leads;
	int topic;
	int text;
	bool full_words;     /* statuses and responses spelled out, else their short forms */
};

/* What the Items pane's layout depends on. */
struct ar_item_layout {
	int width;                /* the pane's */
	long max_id;              /* the widest id */
	bool day_dues;            /* some item is due on a day (YYYY-MM-DD), not only in a month */
	enum ar_sort_key sort;    /* the Meeting or Updated column shows when sorting by it */
};

/* Lay out the columns: the fixed ones (id, kind, status and response in
 * short words, due, and the sort's own date column), then as the width
 * allows full words, the Meeting and Updated columns, the leads (growing
 * with the width); the topic a third of what is left and the start of the
 * action or recommendation text the rest, or the text alone where both do
 * not fit.  Panes too narrow even for that drop the due date, the response
 * and the status. */
void ar_item_columns_fit(struct ar_item_columns *cols, const struct ar_item_layout *layout);

/* ar_item_columns_fit for a pane sorted by id, with day dues. */
void ar_item_columns_layout(struct ar_item_columns *cols, int width, long max_id);

/* Draw the column headings on row y from x. */
void ar_item_header_draw(struct ar_screen *screen, int x, int y, const struct ar_item_columns *cols,
                         enum ar_role role, unsigned attrs);

/* What an item's row shows besides the item. */
struct ar_item_row_context {
	ar_date today;                 /* for the overdue marks */
	int response_days;             /* the tracker's (ar_tracker_response_days), for a response's */
	const struct ar_query *query;  /* the filter (NULL: none): its words are marked where they
	                                * match, and the lead it picked out is the one shown */
};

/* Draw item's row on row y from x; attrs (e.g. a selection) go on every cell.
 * Meaning is in the text as well as the role: status and response in the
 * query's words, "R"/"A" for recommendation/action, "!" before an overdue
 * date, "+N" after the lead for N more. */
void ar_item_row_draw(struct ar_screen *screen, int x, int y, const struct ar_item_columns *cols,
                      const struct ar_item *item, const struct ar_item_row_context *ctx, unsigned attrs);

/* What the Items pane's columns and marks mean, for the `?` help and
 * artrack(1): one table so the two say the same. */
struct ar_item_mark {
	const char *mark;      /* "!", "+N", "A R" */
	const char *meaning;
};
extern const struct ar_item_mark ar_item_marks[];
extern const size_t ar_item_mark_count;

/* Append the marks as a roff subsection for artrack(1). */
void ar_item_marks_roff(struct ar_buf *out);

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

/* One side of a conflict, for ar_sides_lines: what to call it ("ours",
 * "the file's") and its tracker (borrowed). */
struct ar_side {
	const char *label;
	const struct ar_tracker *tracker;
};

/* Replace out's lines with both sides' values at one place, one side after
 * the other under its label: item id's field (id 0: meeting's, or else the
 * tracker's; a key artrack does not know by its value as written), NULL field
 * for the whole item or meeting; an item's updates listed whole, each one
 * the other side lacks marked "[differs]".  Texts wrapped to width. */
void ar_sides_lines(struct ar_lines *out, const struct ar_side sides[2], long id, ar_date meeting, const char *field,
                    int width);

/* Draw one line on row y from x in width columns; where query (if not
 * NULL) matches the text of its field, the match is marked as in the Items
 * pane. */
void ar_line_draw(struct ar_screen *screen, int x, int y, int width, const struct ar_line *line, unsigned attrs,
                  const struct ar_query *query);

/* Release the lines; out is left empty and reusable. */
void ar_lines_free(struct ar_lines *out);

#endif
