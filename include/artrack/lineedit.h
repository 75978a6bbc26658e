/* lineedit.h - a single-line text editor model, without curses.
 *
 * For short fields in the Editor pane (topic, a lead, a date) and any other
 * one-line prompt.  The text is UTF-8; the cursor moves by character - a
 * character together with the combining marks that follow it, as one screen
 * cell shows them - so it is never inside a UTF-8 sequence or between a
 * letter and its accent.  Widths for drawing come from text.h (wcwidth
 * under the current locale, as ncursesw uses), so wide characters (日本)
 * take two columns and the cursor lands where the terminal draws it.
 *
 * The UI maps its keys to operations:
 *
 *     Left/Right            AR_LE_LEFT / AR_LE_RIGHT
 *     Ctrl-Left/Ctrl-Right  AR_LE_WORD_LEFT / AR_LE_WORD_RIGHT
 *     Home, Ctrl-A          AR_LE_HOME
 *     End, Ctrl-E           AR_LE_END
 *     Backspace, Ctrl-H     AR_LE_BACKSPACE
 *     Delete, Ctrl-D        AR_LE_DELETE
 *     Ctrl-U                AR_LE_KILL_TO_START   (the killed text can be yanked)
 *     Ctrl-K                AR_LE_KILL_TO_END
 *     Ctrl-W                AR_LE_KILL_WORD       (the word before the cursor)
 *     Ctrl-Y                AR_LE_YANK            (the last killed text)
 *
 * (ar_lineedit_ctrl() does the Ctrl-letter part of that table), inserts
 * typed or pasted text with ar_lineedit_insert(), and draws from
 * ar_lineedit_view():
 *
 *     struct ar_lineedit_view v;
 *     ar_lineedit_view(&le, width, &v);
 *     draw v.lead blank columns, then ar_lineedit_text(&le) + v.start, v.len bytes
 *     (as glyphs: text.h); put the cursor at column v.cursor_col
 *
 * Ownership: an ar_lineedit is a caller-owned value holding its own copy of
 * the text; release it with ar_lineedit_free().
 */
#ifndef ARTRACK_LINEEDIT_H
#define ARTRACK_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/alloc.h"

struct ar_lineedit {
	struct ar_buf text;     /* the text, always NUL-terminated */
	size_t cursor;          /* byte offset, on a character boundary */
	struct ar_buf killed;   /* the last text killed, for AR_LE_YANK */
	int scroll;             /* first column shown, kept so the view does not jump */
};

enum ar_lineedit_op {
	AR_LE_LEFT,
	AR_LE_RIGHT,
	AR_LE_WORD_LEFT,
	AR_LE_WORD_RIGHT,
	AR_LE_HOME,
	AR_LE_END,
	AR_LE_BACKSPACE,
	AR_LE_DELETE,
	AR_LE_KILL_TO_START,
	AR_LE_KILL_TO_END,
	AR_LE_KILL_WORD,
	AR_LE_YANK,
};

/* Start editing text (copied; NULL is ""), the cursor at its end. */
void ar_lineedit_init(struct ar_lineedit *le, const char *text);

/* Release the text; le is left empty and reusable. */
void ar_lineedit_free(struct ar_lineedit *le);

/* The text as it stands (valid until the next change). */
const char *ar_lineedit_text(const struct ar_lineedit *le);

/* Insert s[0..len) at the cursor and move the cursor after it.  One line
 * only: tabs and line breaks become spaces, other control characters are
 * dropped.  Returns whether anything was inserted. */
bool ar_lineedit_insert(struct ar_lineedit *le, const char *s, size_t len);

/* Do op.  Returns whether the text or the cursor changed (false for Left at
 * the start, Backspace on empty text...: the UI may beep). */
bool ar_lineedit_apply(struct ar_lineedit *le, enum ar_lineedit_op op);

/* Do what Ctrl-letter does (letter 'A'..'Z' or 'a'..'z': A E U K W Y H D B F
 * are bound).  *handled is false for a letter not bound here, so the UI can
 * give it its own meaning.  Returns as ar_lineedit_apply. */
bool ar_lineedit_ctrl(struct ar_lineedit *le, char letter, bool *handled);

/* The cursor as a column from the start of the text (display width). */
int ar_lineedit_cursor_column(const struct ar_lineedit *le);

/* What to draw in a field width columns wide (width >= 1). */
struct ar_lineedit_view {
	size_t start;           /* bytes of the text shown: text[start, start + len) */
	size_t len;
	int lead;               /* blank columns before them (half of a wide character cut off) */
	int cursor_col;         /* the cursor's column in the field, 0..width-1 */
	bool more_left;         /* text is hidden to the left / to the right */
	bool more_right;
};

/* Fit the text to width columns with the cursor visible; scrolls only as
 * far as needed to keep it so. */
void ar_lineedit_view(struct ar_lineedit *le, int width, struct ar_lineedit_view *view);

#endif
