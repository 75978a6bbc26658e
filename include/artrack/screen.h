/* screen.h - a terminal screen as plain data: a grid of cells the panes draw
 * into, which the terminal layer copies to the real terminal.
 *
 * Drawing into data instead of into curses keeps every pane testable
 * without a terminal (tmux draws the same way).  A cell holds one glyph
 * (text.h), already made inert, so nothing written here can act on a
 * terminal.  A wide glyph fills its cell and the next, which is marked as
 * its continuation (width 0); overwriting either half blanks the other.
 *
 * Appearance is by role (what the text means) plus a few attributes; the
 * terminal layer maps roles to colours, or to bold/underline/reverse alone
 * on a monochrome terminal or under NO_COLOR, so no meaning depends on
 * colour alone.
 *
 * Ownership: an ar_screen owns its cells; ar_screen_free() releases them.
 */
#ifndef ARTRACK_SCREEN_H
#define ARTRACK_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/text.h"

/* What a piece of text is, which decides how it looks. */
#define AR_ROLES(X) \
	X(NORMAL, "normal") \
	X(BORDER, "border") \
	X(TITLE, "title") \
	X(TITLE_FOCUSED, "title-focused") \
	X(HEADER, "header") \
	X(LABEL, "label") \
	X(ACCEPTED, "accepted") \
	X(REJECTED, "rejected") \
	X(OVERDUE, "overdue") \
	X(RAG_RED, "rag-red") \
	X(RAG_AMBER, "rag-amber") \
	X(RAG_GREEN, "rag-green") \
	X(COMPLETED, "completed") \
	X(STATUS, "status") \
	X(ERROR, "error") \
	X(KEY, "key") \
	X(PROMPT, "prompt") \
	X(INERT, "inert")

enum ar_role {
#define AR_X_ROLE(id, name) AR_ROLE_##id,
	AR_ROLES(AR_X_ROLE)
#undef AR_X_ROLE
	AR_ROLE_COUNT
};

extern const char *const ar_role_names[AR_ROLE_COUNT];

/* Attributes, added to a role's own. */
#define AR_ATTR_BOLD 0x1
#define AR_ATTR_UNDERLINE 0x2
#define AR_ATTR_REVERSE 0x4
#define AR_ATTR_DIM 0x8

enum ar_color {
	AR_COLOR_DEFAULT = -1,
	AR_COLOR_BLACK, AR_COLOR_RED, AR_COLOR_GREEN, AR_COLOR_YELLOW,
	AR_COLOR_BLUE, AR_COLOR_MAGENTA, AR_COLOR_CYAN, AR_COLOR_WHITE
};

/* How a role looks with colour and without. */
struct ar_role_style {
	enum ar_color fg;        /* AR_COLOR_DEFAULT: the terminal's own */
	enum ar_color bg;        /* AR_COLOR_DEFAULT: the terminal's own */
	unsigned color_attrs;    /* attributes when colours are used */
	unsigned mono_attrs;     /* attributes alone, when they are not */
};

extern const struct ar_role_style ar_role_styles[AR_ROLE_COUNT];

struct ar_cell {
	char text[AR_GLYPH_MAX];  /* one glyph, NUL-terminated; "" on a continuation */
	unsigned char width;      /* 1, 2 (wide), or 0 (right half of a wide glyph) */
	unsigned char role;       /* enum ar_role */
	unsigned char attrs;      /* AR_ATTR_* */
};

struct ar_screen {
	int width;
	int height;
	struct ar_cell *cells;    /* height rows of width cells */
	int cursor_x;             /* where the terminal's cursor shows, or -1: hidden */
	int cursor_y;
};

/* A blank screen of width x height (negative sizes count as 0). */
struct ar_screen *ar_screen_new(int width, int height);

/* Release the screen (NULL is fine). */
void ar_screen_free(struct ar_screen *screen);

/* Change the size; the contents are blanked. */
void ar_screen_resize(struct ar_screen *screen, int width, int height);

/* Blank every cell and hide the cursor. */
void ar_screen_clear(struct ar_screen *screen);

/* The cell at x, y, or NULL outside the screen. */
const struct ar_cell *ar_screen_cell(const struct ar_screen *screen, int x, int y);

/* Put s[0..len) on row y from column x, using at most max_width columns
 * (and never past the screen's edge): glyphs made inert shown in
 * AR_ROLE_INERT, line breaks and tabs as spaces; when the text is wider it
 * is cut and ends in "…".  Returns the columns written. */
int ar_screen_put(struct ar_screen *screen, int x, int y, int max_width, const char *s, size_t len,
                  enum ar_role role, unsigned attrs);

/* ar_screen_put of a NUL-terminated string. */
int ar_screen_puts(struct ar_screen *screen, int x, int y, int max_width, const char *s,
                   enum ar_role role, unsigned attrs);

/* Fill the rectangle with copies of one glyph (e.g. " " or "│"). */
void ar_screen_fill(struct ar_screen *screen, int x, int y, int width, int height, const char *glyph,
                    enum ar_role role, unsigned attrs);

/* Add attrs to the cells of row y from x for width columns (a selection). */
void ar_screen_add_attrs(struct ar_screen *screen, int x, int y, int width, unsigned attrs);

/* Show the terminal's cursor at x, y (x < 0: hide it). */
void ar_screen_set_cursor(struct ar_screen *screen, int x, int y);

/* Append row y's text (trailing blanks kept) to out: for tests and dumps. */
void ar_screen_row_text(const struct ar_screen *screen, int y, struct ar_buf *out);

#endif
