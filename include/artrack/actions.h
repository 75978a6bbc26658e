/* actions.h - every command of the terminal UI and the keys bound to it.
 *
 * Keys become actions in exactly one place: the AR_ACTIONS list below gives
 * each action its enum value, its name, the group it is listed under and its
 * help text, and ar_default_bindings (actions.c) binds keys to them.  The `?`
 * help screen and the key list of artrack(1) are both generated from these,
 * so they cannot drift from what the program does.
 *
 * Keys are the program's own codes, not curses': a printable character is
 * its Unicode code point, a control character is its ASCII code
 * (AR_KEY_CTRL('r')), and other keys are AR_KEY_* values above the Unicode
 * range.  Only src/ui/curses.c translates terminal input into them.
 *
 * Ownership: everything here is static data; nothing to free.
 */
#ifndef ARTRACK_ACTIONS_H
#define ARTRACK_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/alloc.h"

/* ---- Key codes ---- */

#define AR_KEY_CTRL(c) ((c) & 0x1f)

enum ar_key {
	AR_KEY_NONE = 0,
	AR_KEY_TAB = 0x09,
	AR_KEY_ENTER = 0x0d,
	AR_KEY_ESC = 0x1b,
	AR_KEY_SPECIAL = 0x110000,    /* first code past Unicode */
	AR_KEY_UP = AR_KEY_SPECIAL,
	AR_KEY_DOWN,
	AR_KEY_LEFT,
	AR_KEY_RIGHT,
	AR_KEY_HOME,
	AR_KEY_END,
	AR_KEY_PAGE_UP,
	AR_KEY_PAGE_DOWN,
	AR_KEY_BACKTAB,               /* Shift-Tab */
	AR_KEY_BACKSPACE,
	AR_KEY_DELETE,
	AR_KEY_CTRL_LEFT,             /* by word in typed text */
	AR_KEY_CTRL_RIGHT,
	AR_KEY_F1,
	AR_KEY_RESIZE,                /* the terminal changed size */
	AR_KEY_MOUSE_PRESS,           /* left button; the event carries x, y */
	AR_KEY_WHEEL_UP,
	AR_KEY_WHEEL_DOWN,
	AR_KEY_EOF,                   /* no more input will come: quit */
	AR_KEY_END_OF_CODES
};

/* Whether key is a character to insert into text (printable code point). */
bool ar_key_is_text(int key);

/* The name of key as the help screen and the man page show it ("Up",
 * "Ctrl-R", "Shift-Tab", "j", "/"), written into buf (NUL-terminated). */
const char *ar_key_name(int key, char *buf, size_t size);

/* ---- Actions ---- */

/* Groups, in the order the help screen lists them. */
#define AR_ACTION_GROUPS(X) \
	X(MOVE, "Moving around") \
	X(FILTER, "Filtering and sorting") \
	X(ITEM, "Items") \
	X(EDIT, "Editing") \
	X(PROGRAM, "Program")

enum ar_action_group {
#define AR_X_GROUP(id, title) AR_GROUP_##id,
	AR_ACTION_GROUPS(AR_X_GROUP)
#undef AR_X_GROUP
	AR_GROUP_COUNT
};

/* Flags: what an action may do to the tracker or the file.  The UI refuses
 * AR_AF_CHANGES and AR_AF_WRITES actions when the file is open read-only. */
#define AR_AF_CHANGES 0x1   /* changes the tracker in memory */
#define AR_AF_WRITES 0x2    /* writes the file */

/* X(ID, name, group, flags, hint, help): hint is the word the status line
 * shows after the action's first key ("" for none). */
#define AR_ACTIONS(X) \
	X(NEXT_PANE, "next-pane", MOVE, 0, "pane", "Move to the next pane: Meetings, Items, History, the Editor pane when open, the Stats pane when shown; each keeps its place") \
	X(PREV_PANE, "previous-pane", MOVE, 0, "", "Move to the previous pane") \
	X(MOVE_UP, "move-up", MOVE, 0, "", "Select the previous row, or scroll up a line; in the Editor pane the previous field, a line at a time within a long one") \
	X(MOVE_DOWN, "move-down", MOVE, 0, "scroll", "Select the next row, or scroll down a line; in the Editor pane the next field, a line at a time through a long one") \
	X(PAGE_UP, "page-up", MOVE, 0, "", "Move up one page") \
	X(PAGE_DOWN, "page-down", MOVE, 0, "", "Move down one page") \
	X(FIRST, "first", MOVE, 0, "", "Go to the first row") \
	X(LAST, "last", MOVE, 0, "", "Go to the last row") \
	X(FILTER, "filter", FILTER, 0, "filter", \
	  "Edit the filter; the list narrows as you type, Enter keeps it, Esc restores the previous one, Up/Down recall earlier filters") \
	X(CYCLE_SORT, "cycle-sort", FILTER, 0, "sort", "Sort the items by the next key (id, meeting, status, response, due, updated, lead, topic)") \
	X(REVERSE_SORT, "reverse-sort", FILTER, 0, "", "Reverse the sort order (as -KEY does on the command line)") \
	X(STATS, "stats", FILTER, 0, "stats", "Show or hide the Stats pane: the items shown counted by status, kind, response, RAG rating, meeting and lead, as bars that follow the filter") \
	X(OPEN, "open", ITEM, 0, "open", "Open the selected item in the Editor pane") \
	X(CLOSE, "close", ITEM, 0, "close", "Close the Editor pane or this help; clear a message") \
	X(TAG, "tag", ITEM, 0, "tag", "Tag or untag the selected item; c and a then act on every tagged item") \
	X(TAG_ALL, "tag-all", ITEM, 0, "", "Tag every item shown; again (when all are tagged) untag every item") \
	X(EDIT_FIELD, "edit-field", EDIT, AR_AF_CHANGES, "edit", "Edit the field under the cursor in the Editor pane: short text and dates on the line at the bottom, kind, status and response from a pick list, the text and updates in $VISUAL or $EDITOR") \
	X(CHANGE, "change", EDIT, AR_AF_CHANGES, "change", "Change one field of the selected item (of every tagged item, as one step): s status, r response, d due, l lead, g rag, m meeting; then the value from a pick list or the bottom line") \
	X(ADD_UPDATE, "add-update", EDIT, AR_AF_CHANGES, "add update", "Add an update to the selected item (to every tagged item, as one step) in $VISUAL or $EDITOR; its Date:, By: and Label: lines say when, by whom and what") \
	X(ADD_ITEM, "add-item", EDIT, AR_AF_CHANGES, "", "Add an item to the selected meeting as YAML in $VISUAL or $EDITOR: the next free id, the meeting, kind, status open; validated on return") \
	X(COPY_ITEM, "copy-item", EDIT, AR_AF_CHANGES, "", "Add an item that starts as the selected one (its meeting, kind and leads; status open) as YAML in $VISUAL or $EDITOR") \
	X(ADD_MEETING, "add-meeting", EDIT, AR_AF_CHANGES, "", "Add a meeting: its date, then its title, on the bottom line") \
	X(DELETE, "delete", EDIT, AR_AF_CHANGES, "", "Delete the selected item after asking (from the Meetings pane: the selected meeting, when it has no items); u brings it back") \
	X(EDIT_YAML, "edit-yaml", EDIT, AR_AF_CHANGES, "", "Edit the whole item as YAML in $VISUAL or $EDITOR, validated on return") \
	X(ADD_LEAD, "add-lead", EDIT, AR_AF_CHANGES, "", "In the Editor pane's leads: add a lead after the one under the cursor") \
	X(REMOVE_LEAD, "remove-lead", EDIT, AR_AF_CHANGES, "", "In the Editor pane's leads: remove the lead under the cursor") \
	X(MOVE_LEAD_UP, "move-lead-up", EDIT, AR_AF_CHANGES, "", "In the Editor pane's leads: move the lead under the cursor up one place") \
	X(MOVE_LEAD_DOWN, "move-lead-down", EDIT, AR_AF_CHANGES, "", "In the Editor pane's leads: move the lead under the cursor down one place") \
	X(UNDO, "undo", EDIT, AR_AF_CHANGES, "undo", "Undo the last change") \
	X(REDO, "redo", EDIT, AR_AF_CHANGES, "", "Redo the last undone change") \
	X(SAVE, "save", EDIT, AR_AF_WRITES, "save", "Save the file (atomically; the previous version is kept as FILE~)") \
	X(REDRAW, "redraw", PROGRAM, 0, "", "Redraw the screen") \
	X(HELP, "help", PROGRAM, 0, "help", "Show this help") \
	X(QUIT, "quit", PROGRAM, 0, "quit", "Quit, asking first when there are unsaved changes")

enum ar_action {
	AR_ACTION_NONE = 0,
#define AR_X_ENUM(id, name, group, flags, hint, help) AR_ACTION_##id,
	AR_ACTIONS(AR_X_ENUM)
#undef AR_X_ENUM
	AR_ACTION_COUNT
};

struct ar_action_info {
	const char *name;
	enum ar_action_group group;
	unsigned flags;
	const char *hint;
	const char *help;
};

/* Name, group, flags, hint and help of every action, indexed by enum ar_action
 * (entry 0, AR_ACTION_NONE, is empty). */
extern const struct ar_action_info ar_action_infos[AR_ACTION_COUNT];

/* Titles of the groups, indexed by enum ar_action_group. */
extern const char *const ar_action_group_titles[AR_GROUP_COUNT];

/* One key bound to one action. */
struct ar_binding {
	int key;
	enum ar_action action;
};

/* The default bindings, in the order keys are listed for each action. */
extern const struct ar_binding ar_default_bindings[];
extern const size_t ar_default_binding_count;

/* The action bound to key, or AR_ACTION_NONE. */
enum ar_action ar_action_for_key(int key);

/* The action called name ("quit"), or AR_ACTION_NONE. */
enum ar_action ar_action_by_name(const char *name);

/* Append the names of the keys bound to action, joined by ", ". */
void ar_action_keys(enum ar_action action, struct ar_buf *out);

/* ---- Input modes ----
 *
 * While an input mode has the keys (the filter line, a field typed on the
 * bottom row, a pick list, a question), keys mean what the mode's table
 * says, not what the action table says.  Each table row binds one key to one
 * of the mode's operations (its own small enum below); the UI looks keys up
 * here, and the `?` help, the status line's hints and artrack(1) list the
 * same rows, so a key that works is a key that is listed. */

enum ar_mode {
	AR_MODE_LINE_EDIT, AR_MODE_FILTER, AR_MODE_FIELD, AR_MODE_PICK, AR_MODE_QUESTION,
	AR_MODE_MERGE_CONFLICT,   /* a file opened with conflict markers: each place the sides differ */
	AR_MODE_CHANGED_ON_DISK,  /* a save found the file changed: a field both changed */
	AR_MODE_SIDES,            /* v in either: both sides' values, read-only */
	AR_MODE_COUNT
};

/* AR_MODE_LINE_EDIT's operations are enum ar_lineedit_op (lineedit.h). */
enum ar_filter_op { AR_FILTER_KEEP, AR_FILTER_RESTORE, AR_FILTER_OLDER, AR_FILTER_NEWER };
enum ar_field_op { AR_FIELD_KEEP, AR_FIELD_CANCEL };
enum ar_pick_op { AR_PICK_UP, AR_PICK_DOWN, AR_PICK_FIRST, AR_PICK_LAST, AR_PICK_CHOOSE, AR_PICK_CANCEL };
enum ar_question_op { AR_QUESTION_CANCEL };
enum ar_merge_conflict_op { AR_RESOLVE_OURS, AR_RESOLVE_THEIRS, AR_RESOLVE_EDIT, AR_RESOLVE_LATER, AR_RESOLVE_VIEW };
enum ar_changed_op { AR_CHANGED_FILE, AR_CHANGED_MINE, AR_CHANGED_SAVE_AS, AR_CHANGED_STOP, AR_CHANGED_VIEW };
enum ar_sides_op { AR_SIDES_UP, AR_SIDES_DOWN, AR_SIDES_PAGE_UP, AR_SIDES_PAGE_DOWN, AR_SIDES_TOP, AR_SIDES_BOTTOM,
                   AR_SIDES_BACK };

/* One key of an input mode. */
struct ar_mode_key {
	int key;
	int op;              /* what it does: a value of the mode's enum */
	const char *hint;    /* the word the status line shows after it, or NULL */
	const char *help;    /* what op does, on the op's first row (NULL on the others) */
};

struct ar_mode_info {
	const char *title;   /* the heading in the help and the man page */
	const struct ar_mode_key *keys;
	size_t count;
	const char *note;    /* a sentence after the keys (what is not a key), or NULL */
};

/* Every mode's keys, indexed by enum ar_mode. */
extern const struct ar_mode_info ar_mode_infos[AR_MODE_COUNT];

/* The operation key does in mode, or -1 when it is not one of its keys. */
int ar_mode_op(enum ar_mode mode, int key);

/* Append the names of the keys bound to op in mode, joined by ", ". */
void ar_mode_op_keys(enum ar_mode mode, int op, struct ar_buf *out);

/* Append mode's hints for the status line: the first key of each
 * operation that has a hint and the hint, separated by sep; operations with
 * the same hint share it ("Up/Down choose"). */
void ar_mode_hints(enum ar_mode mode, const char *sep, struct ar_buf *out);

/* Append s as text for a roff line: backslashes and hyphens escaped, and a
 * leading dot or quote (a request in roff) made inert. */
void ar_roff_text(struct ar_buf *out, const char *s);

/* Append the key list as roff for artrack(1): a subsection per group and a
 * tagged paragraph per action, then one per input mode and operation. */
void ar_actions_roff(struct ar_buf *out);

#endif
