/* ui_internal.h - the terminal UI's state, its panes and the hooks between
 * its files (private to src/ui).
 *
 * A pane is an ops table (htop's PanelClass, tig's view_ops): build its rows
 * from the view, name the key of a row so the selection survives rebuilds
 * (tmux's mode_tree_build), draw one row, handle an action.  Panes draw into
 * the screen model; only curses.c (term.h) touches the terminal.
 *
 * Ownership: struct ui owns the tracker, the view, the screen, the panes'
 * lines and the filter history; ar_ui_run() creates and frees it.
 */
#ifndef ARTRACK_UI_INTERNAL_H
#define ARTRACK_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/actions.h"
#include "artrack/alloc.h"
#include "artrack/lineedit.h"
#include "artrack/query_history.h"
#include "artrack/rows.h"
#include "artrack/screen.h"
#include "artrack/tracker.h"
#include "artrack/ui.h"
#include "artrack/view.h"
#include "artrack/yamlio.h"

/* Below this size only "terminal too small" is shown. */
#define UI_MIN_WIDTH 40
#define UI_MIN_HEIGHT 8

enum pane_id { PANE_MEETINGS, PANE_ITEMS, PANE_HISTORY, PANE_EDITOR, PANE_HELP, PANE_COUNT };

struct ui;
struct pane;

struct pane_ops {
	const char *name;
	/* Rows to show: rows from the view, or pane->lines for text panes. */
	void (*build)(struct ui *ui, struct pane *pane);
	/* The key of a row (an item id, a meeting date, a field), which the
	 * selection follows across rebuilds.  NULL: keep the row number. */
	long (*row_key)(struct ui *ui, struct pane *pane, size_t row);
	/* The row holding key after a rebuild, or -1. */
	long (*find_key)(struct ui *ui, struct pane *pane, long key);
	/* The title (after the name): counts, the query, the sort. */
	void (*title)(struct ui *ui, struct pane *pane, struct ar_buf *out);
	/* Column headings above the rows (NULL: none). */
	void (*draw_header)(struct ui *ui, struct pane *pane, int y);
	/* Draw row on line y; attrs mark the selection. */
	void (*draw_row)(struct ui *ui, struct pane *pane, size_t row, int y, unsigned attrs);
	/* The selection moved to another row. */
	void (*selected)(struct ui *ui, struct pane *pane);
	/* An action meant for this pane; false: not handled here. */
	bool (*handle)(struct ui *ui, struct pane *pane, enum ar_action action);
	/* A text to scroll (History, Help) rather than rows to select. */
	bool scroll_only;
};

struct pane {
	const struct pane_ops *ops;
	enum pane_id id;
	bool visible;
	int x, y, width, height;   /* the whole pane, title row included */
	int header_rows;           /* rows between the title and the list */
	size_t row_count;
	size_t selected;           /* list panes */
	size_t top;                /* first row shown */
	long key;                  /* row_key of the selection */
	bool has_key;
	struct ar_lines lines;     /* History, Editor, Help */
	long lines_item;           /* the item the lines were made of (History, Editor) */
	int lines_width;
	uint64_t lines_generation;
};

/* A mode that takes every key and the bottom row for a while (vim's command
 * line): the filter line, and the prompts and pick lists editing needs.
 * While one is set, keys go to it instead of the action table, the mouse is
 * ignored, and the status line moves up a row to show ui->message or hints. */
struct input_mode {
	void (*key)(struct ui *ui, int key);
	void (*draw)(struct ui *ui, int y);   /* draw on the bottom row y */
	const char *hints;                    /* for the status line */
};

/* Filter line (filter_line.c). */
struct filter_line {
	struct ar_lineedit edit;
	char *saved;               /* the query in force when `/` was pressed */
	bool bad;                  /* the text does not parse: saved is in force */
	long browse;               /* index into the history while recalling, or -1 */
	char *draft;               /* what was typed before recalling */
};

/* The Meetings pane's rows after "All items": positions in tracker->meetings,
 * newest first, then "No meeting" when an item has none. */
struct meeting_rows {
	size_t *order;
	size_t count;
	bool none_row;
	const struct ar_tracker *tracker;  /* what they were made from */
	uint64_t generation;
};

/* The prompts editing needs (prompt.c): one at a time, as an input mode.
 * What the answer is about (which item, which field) is the caller's to
 * keep; the callbacks get only the answer. */
struct ui;
typedef void (*ui_answer_fn)(struct ui *ui, int key);        /* a letter of keys, or AR_KEY_ESC */
typedef void (*ui_chosen_fn)(struct ui *ui, int choice);     /* an index, or -1: cancelled */
/* Whether text is acceptable; if not, why (a sentence) into why. */
typedef bool (*ui_check_fn)(struct ui *ui, const char *text, char *why, size_t why_size);
typedef void (*ui_accept_fn)(struct ui *ui, const char *text); /* NULL: cancelled */

struct ui_prompt {
	char question[AR_ERROR_MESSAGE_MAX + 200];   /* a question, or the field's label */
	/* a question answered by one key */
	char keys[16];
	bool escape;                /* Esc (and Ctrl-C) answer AR_KEY_ESC */
	ui_answer_fn answer;
	/* a pick list */
	const char *const *choices;
	int choice_count;
	int choice;
	int anchor_x, anchor_y;     /* the popup opens below (or above) this cell */
	ui_chosen_fn chosen;
	/* a line of text */
	struct ar_lineedit edit;
	ui_check_fn check;
	ui_accept_fn accept;
};

struct ui_edit_state;          /* editing's own state (edit_actions.c) */

struct ui {
	const struct ar_ui_options *options;
	const char *path;
	const char *file_name;     /* last component of path, for the status line */
	bool read_only;
	ar_date today;
	struct ar_tracker *tracker;
	struct ar_load_info load_info;
	struct ar_view *view;
	ar_date meeting;           /* the Meetings pane's restriction on the view */
	struct meeting_rows meeting_rows;
	struct ar_item_columns item_columns;
	long max_id;               /* of max_id_tracker at max_id_generation */
	const struct ar_tracker *max_id_tracker;
	uint64_t max_id_generation;

	struct ar_screen *screen;
	struct pane panes[PANE_COUNT];
	enum pane_id focus;
	bool editor_open;
	bool help_open;
	bool too_small;

	const struct input_mode *input;  /* NULL: keys are actions */
	struct filter_line filter;
	struct ui_prompt prompt;
	struct ar_query_history history;
	char *history_path;

	char message[AR_ERROR_MESSAGE_MAX + 100];
	enum ar_role message_role;

	bool quit;
	bool input_ended;          /* quitting because input ended or a signal came */
	int exit_status;

	struct ui_edit_state *edit;
};

/* ---- ui.c ---- */

/* Show text on the status line until the next key (role: STATUS or ERROR). */
void ui_message(struct ui *ui, enum ar_role role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The item selected in the Items pane, or NULL when the list is empty. */
const struct ar_item *ui_selected_item(struct ui *ui);

/* Select the item with that id in the Items pane if it is shown. */
void ui_select_item(struct ui *ui, long id);

/* Move keyboard focus to a visible pane. */
void ui_focus(struct ui *ui, enum pane_id id);

/* Put tracker (loaded from ui->path, now owned by the UI) in place of the
 * current one, which is freed: the view is made again with the same query,
 * sort and meeting, and every pane rebuilds.  For a reload. */
void ui_replace_tracker(struct ui *ui, struct ar_tracker *tracker, const struct ar_load_info *info);

/* Use path (borrowed: the caller keeps it alive) as the file from now on. */
void ui_set_path(struct ui *ui, const char *path);

/* ---- pane.c: what every pane shares ---- */

/* Rows of the list area (below the title and headings). */
int pane_list_height(const struct pane *pane);

/* Rebuild rows and put the selection back on its key. */
void pane_build(struct ui *ui, struct pane *pane);

/* Select row (clamped) and tell the pane. */
void pane_select(struct ui *ui, struct pane *pane, size_t row);

/* Moving actions common to all panes: select or scroll.  false: not one. */
bool pane_move(struct ui *ui, struct pane *pane, enum ar_action action);

/* Scroll a text pane or move a list's selection by delta rows. */
void pane_scroll(struct ui *ui, struct pane *pane, long delta);

/* Draw the pane: title, headings, rows. */
void pane_draw(struct ui *ui, struct pane *pane);

/* Draw one of pane->lines (text panes' draw_row). */
void pane_draw_line(struct ui *ui, struct pane *pane, size_t row, int y, unsigned attrs);

/* ---- the panes ---- */
extern const struct pane_ops meetings_pane_ops;
extern const struct pane_ops items_pane_ops;
extern const struct pane_ops history_pane_ops;
extern const struct pane_ops editor_pane_ops;
extern const struct pane_ops help_pane_ops;

/* Open the Editor pane on the selected item, and close it. */
void editor_open(struct ui *ui);
void editor_close(struct ui *ui);

/* The field (enum ar_item_key, AR_LINE_FIELD_EXTRA or AR_LINE_FIELD_NONE) and
 * index (lead, update) under the Editor pane's cursor: what `e` edits. */
int editor_current_field(struct ui *ui, int *index);

/* Put the Editor pane's cursor on that field (and lead or update) once it is
 * built again; it stays where it is if there is no such row. */
void editor_select_field(struct ui *ui, int field, int index);

/* ---- filter_line.c ---- */

/* Open the filter line (an input mode) on the query in force. */
void filter_open(struct ui *ui);

/* Release the filter line's memory. */
void filter_free(struct filter_line *filter);

/* The keys every typed line shares (the filter line, a field): cursor moves,
 * deleting, Ctrl-A/E/U/K/W/Y..., text.  false: not an editing key. */
bool ui_lineedit_key(struct ar_lineedit *edit, int key);

/* Draw edit on row y after prompt (in prompt_role), with the cursor. */
void ui_lineedit_draw(struct ui *ui, struct ar_lineedit *edit, int y, const char *prompt, enum ar_role prompt_role);

/* ---- prompt.c: questions, pick lists and typed fields (input modes) ---- */

/* Ask question on the bottom row; a key of keys (lower-case letters, or
 * their upper case) answers it, and so do Esc and Ctrl-C as AR_KEY_ESC when
 * escape is true.  Other keys do nothing: the question stays on the bottom
 * row, and ui->message (the reason for it) on the status line above. */
void ui_ask(struct ui *ui, const char *question, const char *keys, bool escape, ui_answer_fn answer);

/* Choose one of choices[0..count) (borrowed: static text) in a popup at
 * anchor x, y, starting on current: Up/Down (j/k), Home/End, a first
 * letter, Enter chooses, Esc cancels (chosen(-1)). */
void ui_pick(struct ui *ui, const char *title, const char *const *choices, int count, int current, int anchor_x,
             int anchor_y, ui_chosen_fn chosen);

/* Edit text on the bottom row after label with the line editor.  check
 * (optional) runs on every change: its reason shows on the status line and
 * Enter is refused until it passes.  accept gets the text on Enter, NULL
 * on Esc or Ctrl-C. */
void ui_type(struct ui *ui, const char *label, const char *text, ui_check_fn check, ui_accept_fn accept);

/* Release the prompt's memory. */
void ui_prompt_free(struct ui *ui);

/* ---- edit_actions.c: the editing actions (issue 5 fills these in) ----
 * ui.c calls these for the editing actions of the action table, and never
 * when the file is open read-only (the AR_AF_CHANGES and AR_AF_WRITES flags
 * are refused before they get here). */

/* After the file is loaded, before the terminal is taken (lock the file). */
void ui_edit_open(struct ui *ui);
/* Before the UI ends (unlock, free the edit state). */
void ui_edit_close(struct ui *ui);
/* e: edit the field under the Editor pane's cursor. */
void ui_edit_field(struct ui *ui);
/* a: add an update to the selected item. */
void ui_add_update(struct ui *ui);
/* E: edit the selected item as YAML. */
void ui_edit_yaml(struct ui *ui);
/* u and Ctrl-R. */
void ui_undo(struct ui *ui);
void ui_redo(struct ui *ui);
/* w and Ctrl-S. */
void ui_save(struct ui *ui);
/* Whether there are unsaved changes (the status line shows them). */
bool ui_unsaved_changes(const struct ui *ui);
/* q: true to quit now; false to stay (it may have asked). */
bool ui_may_quit(struct ui *ui);
/* Lead list keys of the Editor pane: add, remove, move up (-1) / down (1). */
void ui_add_lead(struct ui *ui);
void ui_remove_lead(struct ui *ui);
void ui_move_lead(struct ui *ui, int direction);
/* The program is ending without being asked (input ended, a signal, out of
 * memory would be too late): keep unsaved changes beside the file and say
 * where on stderr.  Called after the terminal is given back. */
void ui_edit_rescue(struct ui *ui);

#endif
