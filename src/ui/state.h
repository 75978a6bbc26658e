/* state.h - the terminal UI's shared state: the bottom of src/ui.
 *
 * The UI is a tree of calls (tmux's mode-tree.c, htop's Panel, tig's
 * view_ops are the models):
 *
 *     ui.c                       the main loop: layout, drawing, dispatch
 *       |
 *       +-- panes                meetings_pane.c items_pane.c history_pane.c
 *       |     |                  editor_pane.c help_pane.c (panes.h)
 *       |     +-- edits          field_edits.c extedit_rounds.c save_reload.c (edits.h)
 *       |           |
 *       +-----------+-- input modes   filter_line.c prompt.c line_input.c (modes.h)
 *                         |
 *                         +-- shared state   state.c pane.c (this header)
 *                               |
 *                               +-- the core (libartrack)
 *
 * Calls go down only.  A lower layer reaches a higher one only through a
 * function pointer it was handed (a pane's ops, an input mode's key
 * function, a prompt's callback with its context pointer), never by name.
 *
 * A pane is an ops table: build its rows from the view, name the key of a
 * row so the selection survives rebuilds (tmux's mode_tree_build), draw one
 * row, and take an action first (ops->handle says whether it took it, as
 * htop's HandlerResult does).  What only one pane needs lives in that pane's
 * own data (pane->data, made by ops->init), not in struct ui.
 *
 * Ownership: struct ui owns the tracker, the view, the screen, the undo log
 * and the panes; ar_ui_run() creates and frees it.  Each input mode and
 * each edit module owns the state behind its pointer here.
 */
#ifndef ARTRACK_UI_STATE_H
#define ARTRACK_UI_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/actions.h"
#include "artrack/alloc.h"
#include "artrack/rows.h"
#include "artrack/screen.h"
#include "artrack/tracker.h"
#include "artrack/ui.h"
#include "artrack/undo.h"
#include "artrack/view.h"
#include "artrack/yamlio.h"

/* Below this size only "terminal too small" is shown. */
#define UI_MIN_WIDTH 40
#define UI_MIN_HEIGHT 8

enum pane_id { PANE_MEETINGS, PANE_ITEMS, PANE_HISTORY, PANE_EDITOR, PANE_STATS, PANE_HELP, PANE_COUNT };

struct ui;
struct pane;

struct pane_ops {
	const char *name;
	/* Make pane->data (NULL: the pane has none), and release it. */
	void (*init)(struct pane *pane);
	void (*free)(struct pane *pane);
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
	/* An action, offered to the focused pane before anything else: true
	 * when the pane took it, false to let the main loop have it. */
	bool (*handle)(struct ui *ui, struct pane *pane, enum ar_action action);
	/* The tracker is about to be replaced (a reload): drop what borrows it. */
	void (*tracker_replaced)(struct ui *ui, struct pane *pane);
	/* The actions whose hints the status line shows while the pane has
	 * the focus, ending with AR_ACTION_NONE. */
	const enum ar_action *hints;
	/* A text to scroll (History, Help) rather than rows to select. */
	bool scroll_only;
};

struct pane {
	const struct pane_ops *ops;
	enum pane_id id;
	void *data;                /* the pane's own state (ops->init) */
	bool open;                 /* wanted on screen (Editor, Help); the others always are */
	bool visible;              /* on screen this frame */
	int x, y, width, height;   /* the whole pane, title row included */
	int header_rows;           /* rows between the title and the list */
	size_t row_count;
	size_t selected;           /* list panes */
	size_t top;                /* first row shown */
	long key;                  /* row_key of the selection */
	bool has_key;
	/* Text panes (History, Editor, Help): the lines, and what they were
	 * made of, so they are made again only when that changes. */
	struct ar_lines lines;
	long lines_item;
	int lines_width;
	uint64_t lines_generation;
};

/* A mode that takes every key and the bottom row for a while (vim's command
 * line): the filter line, and the prompts and pick lists editing needs.
 * While one is set, keys go to it instead of the action table, the mouse is
 * ignored, and the status line moves up a row to show ui->message or the
 * mode's hints (from its key table, actions.h). */
struct input_mode {
	enum ar_mode keys;                    /* its key table */
	bool status_hints;                    /* its hints on the status line */
	void (*key)(struct ui *ui, int key);
	void (*draw)(struct ui *ui, int y);   /* draw on the bottom row y */
};

/* Each module's own state (defined in its file). */
struct filter_line;
struct ui_prompt;
struct sides_view;
struct field_edits;
struct extedit_rounds;
struct save_reload;
struct ui_tags;
struct triage;

struct ui {
	const struct ar_ui_options *options;
	const char *path;
	const char *file_name;     /* last component of path, for the status line */
	bool read_only;
	ar_date today;
	struct ar_tracker *tracker;
	struct ar_load_info load_info;
	bool file_missing;         /* path named no file: an empty tracker, to create on the officer's word */
	struct ar_view *view;
	struct ar_edits *edits;    /* every change, one undoable step each */

	struct ar_screen *screen;
	struct pane panes[PANE_COUNT];
	enum pane_id focus;
	bool too_small;

	const struct input_mode *input;  /* NULL: keys are actions */

	char message[AR_ERROR_MESSAGE_MAX + 100];
	enum ar_role message_role;

	bool quit;
	bool input_ended;          /* quitting because input ended or a signal came */
	int exit_status;

	struct filter_line *filter;        /* filter_line.c */
	struct ui_prompt *prompt;          /* prompt.c */
	struct field_edits *field_edits;   /* field_edits.c */
	struct extedit_rounds *rounds;     /* extedit_rounds.c */
	struct save_reload *saving;        /* save_reload.c */
	struct journal_restore *journal;   /* journal_restore.c */
	struct ui_tags *tags;              /* tags.c */
	struct triage *triage;             /* triage.c */
	struct merge_conflicts *conflicts; /* conflicts.c: a file opened with conflict markers */
	struct sides_view *sides;          /* sides_view.c: v in a conflict question */
};

/* ---- state.c: small accessors everything above uses ---- */

/* Show text on the status line until the next key (role: STATUS or ERROR). */
void ui_message(struct ui *ui, enum ar_role role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The item selected in the Items pane, or NULL when the list is empty. */
const struct ar_item *ui_selected_item(struct ui *ui);

/* What dates an edit of field from before to after brought by itself
 * (ar_item_date_decisions: a response's, a sign-off's), as ", responded
 * 2023-10-01" for the status line, "" when none. */
void ui_dates_brought(const struct ar_item *before, const struct ar_item *after, int field, char *note,
                      size_t size);

/* The selected item, or NULL with a message saying the list is empty. */
const struct ar_item *ui_selected_item_or_say(struct ui *ui);

/* Select the item with that id in the Items pane if it is shown. */
void ui_select_item(struct ui *ui, long id);

/* Select id in the Items pane (id <= 0: nothing); "" or a note for a
 * message when the filter hides it. */
const char *ui_select_item_note(struct ui *ui, long id);

/* Move keyboard focus to a visible pane. */
void ui_focus(struct ui *ui, enum pane_id id);

/* Open the Editor pane on the selected item and focus it; false (with a
 * message) when the list is empty. */
bool ui_open_editor(struct ui *ui);

/* The ops->handle of the panes where Enter opens the Editor pane (Items,
 * History): the open action, and only that. */
bool ui_open_editor_on_enter(struct ui *ui, struct pane *pane, enum ar_action action);

/* Close the Editor or the Help pane; the focus goes back to Items. */
void ui_close_pane(struct ui *ui, enum pane_id id);

/* Whether there are unsaved changes (the status line shows them). */
bool ui_unsaved_changes(const struct ui *ui);

/* Put tracker (loaded from ui->path, now owned by the UI) in place of the
 * current one, which is freed: the view is made again with the same query,
 * sort and meeting, and every pane drops what borrowed the old one.  For a
 * reload. */
void ui_replace_tracker(struct ui *ui, struct ar_tracker *tracker, const struct ar_load_info *info);

/* Append " (value)" for a place in t, as a question shows each side's:
 * item id's short field (compare.h's name), or (id 0) the title of the
 * meeting on meeting, or (no meeting either) the tracker's own field; cut
 * to width columns; nothing for long text, a value of several lines, no
 * such place or width 0. */

/* Append " (value)" for value[0..len) when it is one line, cut to width
 * columns (an ellipsis ending it); " (none)" when empty; nothing for width
 * 0 or several lines. */
void ui_value_brief(struct ar_buf *out, const char *value, size_t len, int width);

/* The widths ui_place_brief is tried with, widest first, for a question
 * to fit the bottom row: 40 columns down to 12, then 0 (no values: say
 * them on the status line instead). */
int ui_brief_next_width(int width);
void ui_place_brief(struct ar_buf *out, const struct ar_tracker *t, long id, ar_date meeting, const char *field,
                    int width);

/* Use path (borrowed: the caller keeps it alive) as the file from now on. */
void ui_set_path(struct ui *ui, const char *path);

/* ---- pane.c: what every pane shares ---- */

/* Rows of the list area (below the title and headings). */
int pane_list_height(const struct pane *pane);

/* Rebuild rows and put the selection back on its key. */
void pane_build(struct ui *ui, struct pane *pane);

/* Select row (clamped) and tell the pane. */
void pane_select(struct ui *ui, struct pane *pane, size_t row);

/* Put the selection on the row with key once the pane is built again; it
 * stays where it is if there is no such row. */
void pane_follow_key(struct pane *pane, long key);

/* Moving actions common to all panes: select or scroll.  false: not one. */
bool pane_move(struct ui *ui, struct pane *pane, enum ar_action action);

/* Scroll a text pane or move a list's selection by delta rows. */
void pane_scroll(struct ui *ui, struct pane *pane, long delta);

/* Draw the pane: title, headings, rows. */
void pane_draw(struct ui *ui, struct pane *pane);

/* The hints of the panes that browse (Meetings, Items, History). */
extern const enum ar_action browsing_hints[];

/* Text panes: the width lines are wrapped to, drawing one of pane->lines
 * (their draw_row), whether the lines must be made again for item (the
 * scroll goes back to the top when the item changes), and dropping them. */
int text_pane_width(const struct pane *pane);
void text_pane_draw_row(struct ui *ui, struct pane *pane, size_t row, int y, unsigned attrs);
bool text_pane_stale(struct ui *ui, struct pane *pane, const struct ar_item *item);
void text_pane_forget(struct ui *ui, struct pane *pane);

/* The Editor pane's row key of a field (enum ar_item_key, AR_LINE_FIELD_*)
 * and its index (a lead, an update; -1: none). */
static inline long field_row_key(int field, int index)
{
	return (long)(field + 1) * 100000L + (index + 1);
}

#endif
