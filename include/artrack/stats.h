/* stats.h - the picture of a tracker: counts of the items shown by status,
 * kind, response, RAG rating, meeting (in date order) and lead, and horizontal bars to
 * draw them with, for the Stats pane and the stats command.
 *
 * A model first (sections of labelled counts), then two ways to show it:
 * aligned text for the command line, and rows with bars drawn into a
 * screen model (screen.h) for the terminal UI.  Bars are Unicode block
 * characters, eighths of a cell, or '#' where the terminal cannot show
 * them (LANG=C).
 *
 * Ownership: an ar_stats owns its sections, rows and composed labels (an
 * arena); other labels are borrowed from the tracker, so it lives no longer
 * than the tracker and the counts it was built from.  Release with
 * ar_stats_free().
 */
#ifndef ARTRACK_STATS_H
#define ARTRACK_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/screen.h"
#include "artrack/tracker.h"
#include "artrack/view.h"

enum ar_stats_section_id {
	AR_STATS_STATUS,
	AR_STATS_KIND,
	AR_STATS_RESPONSE,
	AR_STATS_RESPONSE_DUE,   /* awaiting a response, and overdue */
	AR_STATS_RAG,
	AR_STATS_MEETING,
	AR_STATS_LEAD,
	AR_STATS_SECTION_COUNT
};

struct ar_stats_row {
	const char *label;
	size_t count;
	enum ar_role role;   /* how its bar looks: completed, rejected, accepted... */
};

struct ar_stats_section {
	const char *title;   /* "By status" */
	struct ar_stats_row *rows;
	size_t count;
	size_t max;          /* the largest count, the full length of its bars */
};

struct ar_stats {
	size_t shown;        /* items counted */
	size_t total;        /* items in the tracker */
	int label_width;     /* the widest row label, in display columns */
	int count_width;     /* the widest count, in digits */
	struct ar_stats_section sections[AR_STATS_SECTION_COUNT];
	struct ar_arena *arena;
};

/* Replace out with the picture of counts (from ar_view_counts() or
 * ar_view_shown_counts()) of total items: every status, kind, response and
 * RAG rating, then "none" for items without one (zero counts too), the meetings in date order, then "(no meeting)" when
 * any item has none, and the leads, most first. */
void ar_stats_build(struct ar_stats *out, const struct ar_tracker *tracker, const struct ar_view_counts *counts,
                    size_t total);

/* Release what out holds; it is left empty and reusable. */
void ar_stats_free(struct ar_stats *out);

/* Append the stats as text for the command line: a heading per section and
 * each row's label and count, counts aligned in one column by display
 * width (so CJK and emoji labels line up). */
void ar_stats_text(struct ar_buf *out, const struct ar_stats *stats);

/* Append a bar of count against max in width cells: eighths of a cell in
 * Unicode blocks (unicode) or whole '#' cells; a non-zero count always
 * shows at least a sliver.  Returns the cells used. */
int ar_stats_bar(struct ar_buf *out, size_t count, size_t max, int width, bool unicode);

/* Append one section as an inline SVG bar chart inside a <figure> for an
 * HTML page: its title, each row's label, bar and count; id names the
 * chart's title for screen readers.  No scripts, no outside files. */
void ar_stats_svg(struct ar_buf *out, const struct ar_stats_section *section, const char *id);

/* Rows the Stats pane has: a heading per section, its rows, a blank line
 * between sections. */
size_t ar_stats_line_count(const struct ar_stats *stats);

/* Draw line (0 .. ar_stats_line_count() - 1) of the Stats pane on row y
 * from x in width columns: "N of M items", a section's heading, or a row's
 * label, count and bar.  The labels take up to half the width, so bars
 * start in one column; a section's bars share one scale, its largest
 * count. */
void ar_stats_draw_line(struct ar_screen *screen, int x, int y, int width, const struct ar_stats *stats,
                        size_t line, bool unicode);

/* Draw lines first.. into the rectangle x, y, width, height. */
void ar_stats_draw(struct ar_screen *screen, int x, int y, int width, int height, const struct ar_stats *stats,
                   size_t first, bool unicode);

#endif
