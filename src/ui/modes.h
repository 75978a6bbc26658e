/* modes.h - the input modes (state.h's struct input_mode): the filter line
 * (filter_line.c), the prompts editing needs (prompt.c) and the line-editing
 * keys both share (line_input.c).  Each mode's keys are its table in
 * actions.h, which the `?` help, the hints and artrack(1) list.
 *
 * A prompt's callbacks get the context pointer the caller passed (tmux's
 * modedata): what the answer is about stays with whoever asked, and must
 * stay alive until the callback has run.
 *
 * Ownership: the filter line and the prompt own their state (ui->filter,
 * ui->prompt), released by filter_free() and ui_prompt_free().
 */
#ifndef ARTRACK_UI_MODES_H
#define ARTRACK_UI_MODES_H

#include "artrack/lineedit.h"
#include "state.h"

/* ---- line_input.c: the keys every typed line shares ---- */

/* Apply a line-editing key (its table: AR_MODE_LINE_EDIT) or typed text to
 * edit.  false: not an editing key. */
bool ui_lineedit_key(struct ar_lineedit *edit, int key);

/* Draw edit on row y after prompt (in prompt_role), with the cursor. */
void ui_lineedit_draw(struct ui *ui, struct ar_lineedit *edit, int y, const char *prompt, enum ar_role prompt_role);

/* ---- filter_line.c ---- */

/* Read the filter history (kept between runs); a problem goes on the status line. */
void filter_init(struct ui *ui);

/* Open the filter line (an input mode) on the query in force. */
void filter_open(struct ui *ui);

/* Release the filter line and its history. */
void filter_free(struct ui *ui);

/* ---- prompt.c: questions, pick lists and typed fields ---- */

typedef void (*ui_answer_fn)(struct ui *ui, void *ctx, int key);    /* a letter of keys, AR_KEY_ESC, or an op (ui_ask_mode) */
typedef void (*ui_chosen_fn)(struct ui *ui, void *ctx, int choice); /* an index, or -1: cancelled */
/* Whether text is acceptable; if not, why (a sentence) into why. */
typedef bool (*ui_check_fn)(struct ui *ui, void *ctx, const char *text, char *why, size_t why_size);
typedef void (*ui_accept_fn)(struct ui *ui, void *ctx, const char *text); /* NULL: cancelled */

/* Ask question on the bottom row; a key of keys (lower-case letters, or
 * their upper case) answers it, and so do Esc and Ctrl-C as AR_KEY_ESC when
 * escape is true.  Other keys do nothing: the question stays on the bottom
 * row, and ui->message (the reason for it) on the status line above. */
void ui_ask(struct ui *ui, const char *question, const char *keys, bool escape, ui_answer_fn answer, void *ctx);

/* Ask question on the bottom row, answered by a key of mode's table
 * (actions.h; a letter in upper or lower case) whose operation is one of
 * offered (bits 1u << op): answer gets that operation, not the key.  Other
 * keys do nothing. */
void ui_ask_mode(struct ui *ui, const char *question, enum ar_mode mode, unsigned offered, ui_answer_fn answer,
                 void *ctx);

/* Choose one of choices[0..count) (borrowed: static text) in a popup at
 * anchor x, y, starting on current (keys: AR_MODE_PICK); chosen gets the
 * index, or -1 when cancelled. */
void ui_pick(struct ui *ui, const char *title, const char *const *choices, int count, int current, int anchor_x,
             int anchor_y, ui_chosen_fn chosen, void *ctx);

/* Edit text on the bottom row after label with the line editor.  check
 * (optional) runs on every change: its reason shows on the status line and
 * Enter is refused until it passes.  accept gets the text on Enter, NULL
 * on Esc or Ctrl-C. */
void ui_type(struct ui *ui, const char *label, const char *text, ui_check_fn check, ui_accept_fn accept, void *ctx);

/* Release the prompt's memory. */
void ui_prompt_free(struct ui *ui);

/* ---- sides_view.c: both sides of a conflict ---- */

typedef void (*ui_back_fn)(struct ui *ui, void *ctx); /* the view is closed: ask again */

/* v in a conflict question: both sides' values at the place (ar_sides_lines:
 * item id's field, a meeting's or the tracker's; NULL field: the whole item
 * or meeting) over the screen under the title "Both sides of PLACE",
 * read-only (keys: AR_MODE_SIDES); Esc or q calls back, which asks the
 * question again.  sides' trackers and field are borrowed until then. */
void ui_show_sides(struct ui *ui, const char *place, const struct ar_side sides[2], long id, ar_date meeting,
                   const char *field, ui_back_fn back, void *ctx);
/* Release the view's memory. */
void ui_sides_free(struct ui *ui);
/* Append side's version of item id as note lines for the $EDITOR file of
 * e on an item's conflict (field: where the conflict is, or NULL): a line
 * saying what they are, then the item as YAML, or that the side has none. */
void ui_side_notes(struct ar_buf *out, const struct ar_side *side, long id, const char *field);

#endif
