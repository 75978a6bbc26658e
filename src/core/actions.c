/* actions.c - the action table, the default key bindings and key names. */
#include "config.h"

#include "artrack/actions.h"
#include "artrack/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/lineedit.h"

const struct ar_action_info ar_action_infos[AR_ACTION_COUNT] = {
	[AR_ACTION_NONE] = { "", AR_GROUP_PROGRAM, 0, "", "" },
#define AR_X_INFO(id, name, group, flags, hint, help) [AR_ACTION_##id] = { name, AR_GROUP_##group, flags, hint, help },
	AR_ACTIONS(AR_X_INFO)
#undef AR_X_INFO
};

const char *const ar_action_group_titles[AR_GROUP_COUNT] = {
#define AR_X_GROUP_TITLE(id, title) [AR_GROUP_##id] = title,
	AR_ACTION_GROUPS(AR_X_GROUP_TITLE)
#undef AR_X_GROUP_TITLE
};

/* calcurse's keydef[] in spirit: one row per key, the first key of an action
 * is the one hints show. */
const struct ar_binding ar_default_bindings[] = {
	{ AR_KEY_TAB, AR_ACTION_NEXT_PANE },
	{ AR_KEY_BACKTAB, AR_ACTION_PREV_PANE },
	{ AR_KEY_UP, AR_ACTION_MOVE_UP },
	{ 'k', AR_ACTION_MOVE_UP },
	{ AR_KEY_DOWN, AR_ACTION_MOVE_DOWN },
	{ 'j', AR_ACTION_MOVE_DOWN },
	{ AR_KEY_PAGE_UP, AR_ACTION_PAGE_UP },
	{ AR_KEY_PAGE_DOWN, AR_ACTION_PAGE_DOWN },
	{ 'g', AR_ACTION_FIRST },
	{ AR_KEY_HOME, AR_ACTION_FIRST },
	{ 'G', AR_ACTION_LAST },
	{ AR_KEY_END, AR_ACTION_LAST },
	{ '/', AR_ACTION_FILTER },
	{ 'S', AR_ACTION_CYCLE_SORT },
	{ 'R', AR_ACTION_REVERSE_SORT },
	{ 's', AR_ACTION_STATS },
	{ AR_KEY_ENTER, AR_ACTION_OPEN },
	{ AR_KEY_ESC, AR_ACTION_CLOSE },
	{ 'e', AR_ACTION_EDIT_FIELD },
	{ 't', AR_ACTION_TAG },
	{ 'T', AR_ACTION_TAG_ALL },
	{ 'c', AR_ACTION_CHANGE },
	{ 'a', AR_ACTION_ADD_UPDATE },
	{ 'A', AR_ACTION_ADD_ITEM },
	{ 'C', AR_ACTION_COPY_ITEM },
	{ 'M', AR_ACTION_ADD_MEETING },
	{ 'D', AR_ACTION_DELETE },
	{ 'E', AR_ACTION_EDIT_YAML },
	{ '+', AR_ACTION_ADD_LEAD },
	{ '-', AR_ACTION_REMOVE_LEAD },
	{ AR_KEY_DELETE, AR_ACTION_REMOVE_LEAD },
	{ 'K', AR_ACTION_MOVE_LEAD_UP },
	{ 'J', AR_ACTION_MOVE_LEAD_DOWN },
	{ 'u', AR_ACTION_UNDO },
	{ AR_KEY_CTRL('r'), AR_ACTION_REDO },
	{ 'w', AR_ACTION_SAVE },
	{ AR_KEY_CTRL('s'), AR_ACTION_SAVE },
	{ AR_KEY_CTRL('l'), AR_ACTION_REDRAW },
	{ '?', AR_ACTION_HELP },
	{ AR_KEY_F1, AR_ACTION_HELP },
	{ 'q', AR_ACTION_QUIT },
	{ AR_KEY_CTRL('c'), AR_ACTION_QUIT },
};

/* The input modes' keys (actions.h): where a key is listed twice for one
 * operation, the first is the one hints show. */
static const struct ar_mode_key line_edit_keys[] = {
	{ AR_KEY_LEFT, AR_LE_LEFT, NULL, "Move the cursor one character left" },
	{ AR_KEY_CTRL('b'), AR_LE_LEFT, NULL, NULL },
	{ AR_KEY_RIGHT, AR_LE_RIGHT, NULL, "Move the cursor one character right" },
	{ AR_KEY_CTRL('f'), AR_LE_RIGHT, NULL, NULL },
	{ AR_KEY_CTRL_LEFT, AR_LE_WORD_LEFT, NULL, "Move the cursor to the start of the word (or the previous one)" },
	{ AR_KEY_CTRL_RIGHT, AR_LE_WORD_RIGHT, NULL, "Move the cursor past the end of the word (or the next one)" },
	{ AR_KEY_HOME, AR_LE_HOME, NULL, "Move the cursor to the start" },
	{ AR_KEY_CTRL('a'), AR_LE_HOME, NULL, NULL },
	{ AR_KEY_END, AR_LE_END, NULL, "Move the cursor to the end" },
	{ AR_KEY_CTRL('e'), AR_LE_END, NULL, NULL },
	{ AR_KEY_BACKSPACE, AR_LE_BACKSPACE, NULL, "Delete the character before the cursor" },
	{ AR_KEY_CTRL('h'), AR_LE_BACKSPACE, NULL, NULL },
	{ AR_KEY_DELETE, AR_LE_DELETE, NULL, "Delete the character under the cursor" },
	{ AR_KEY_CTRL('d'), AR_LE_DELETE, NULL, NULL },
	{ AR_KEY_CTRL('u'), AR_LE_KILL_TO_START, NULL, "Delete to the start (Ctrl-Y puts it back)" },
	{ AR_KEY_CTRL('k'), AR_LE_KILL_TO_END, NULL, "Delete to the end (Ctrl-Y puts it back)" },
	{ AR_KEY_CTRL('w'), AR_LE_KILL_WORD, NULL, "Delete the word before the cursor (Ctrl-Y puts it back)" },
	{ AR_KEY_CTRL('y'), AR_LE_YANK, NULL, "Put back what was deleted last" },
};

static const struct ar_mode_key filter_keys[] = {
	{ AR_KEY_ENTER, AR_FILTER_KEEP, "keep", "Keep the filter (refused while it does not parse: fix it or press Esc)" },
	{ AR_KEY_ESC, AR_FILTER_RESTORE, "restore", "Put back the filter in force before /" },
	{ AR_KEY_CTRL('c'), AR_FILTER_RESTORE, NULL, NULL },
	{ AR_KEY_UP, AR_FILTER_OLDER, "earlier filters", "Recall the filter used before (kept between runs)" },
	{ AR_KEY_DOWN, AR_FILTER_NEWER, "earlier filters", "Recall the filter used after, or what was typed" },
};

static const struct ar_mode_key field_keys[] = {
	{ AR_KEY_ENTER, AR_FIELD_KEEP, "keeps", "Keep the text (a date only once it is a valid date)" },
	{ AR_KEY_ESC, AR_FIELD_CANCEL, "cancels", "Leave the field as it was" },
	{ AR_KEY_CTRL('c'), AR_FIELD_CANCEL, NULL, NULL },
};

static const struct ar_mode_key pick_keys[] = {
	{ AR_KEY_UP, AR_PICK_UP, "choose", "Move to the choice above" },
	{ 'k', AR_PICK_UP, NULL, NULL },
	{ AR_KEY_DOWN, AR_PICK_DOWN, "choose", "Move to the choice below" },
	{ 'j', AR_PICK_DOWN, NULL, NULL },
	{ AR_KEY_HOME, AR_PICK_FIRST, NULL, "Move to the first choice" },
	{ AR_KEY_PAGE_UP, AR_PICK_FIRST, NULL, NULL },
	{ 'g', AR_PICK_FIRST, NULL, NULL },
	{ AR_KEY_END, AR_PICK_LAST, NULL, "Move to the last choice" },
	{ AR_KEY_PAGE_DOWN, AR_PICK_LAST, NULL, NULL },
	{ 'G', AR_PICK_LAST, NULL, NULL },
	{ AR_KEY_ENTER, AR_PICK_CHOOSE, "sets", "Set the field to the choice" },
	{ AR_KEY_ESC, AR_PICK_CANCEL, "cancels", "Leave the field as it was" },
	{ AR_KEY_CTRL('c'), AR_PICK_CANCEL, NULL, NULL },
};

static const struct ar_mode_key question_keys[] = {
	{ AR_KEY_ESC, AR_QUESTION_CANCEL, NULL, "Cancel, leaving things as they were (where the question offers Esc)" },
	{ AR_KEY_CTRL('c'), AR_QUESTION_CANCEL, NULL, NULL },
};

static const struct ar_mode_key merge_conflict_keys[] = {
	{ 'o', AR_RESOLVE_OURS, NULL, "Keep ours: the value between <<<<<<< and =======" },
	{ 't', AR_RESOLVE_THEIRS, NULL, "Take theirs: the value between ======= and >>>>>>> (u undoes)" },
	{ 'e', AR_RESOLVE_EDIT, NULL, "Write the value yourself: on the bottom row for a one-line field or a key "
	  "artrack does not know (as YAML; empty removes it), in $EDITOR for an item, theirs in the # lines on top "
	  "(where the question offers e); the next conflict is asked when you are done" },
	{ 'v', AR_RESOLVE_VIEW, NULL, "View both sides' values whole, ours then theirs (a text wrapped, every update "
	  "with those that differ marked, a whole item's every field); Esc or q comes back to the question" },
	{ AR_KEY_ESC, AR_RESOLVE_LATER, NULL, "Leave the rest for later: w asks again, and nothing is saved until "
	  "every conflict is resolved" },
	{ AR_KEY_CTRL('c'), AR_RESOLVE_LATER, NULL, NULL },
};

static const struct ar_mode_key changed_on_disk_keys[] = {
	{ 'f', AR_CHANGED_FILE, NULL, "Keep the file's value (or the file's version of the item)" },
	{ 'm', AR_CHANGED_MINE, NULL, "Use mine: your unsaved value (or your whole version of the item; u undoes)" },
	{ 's', AR_CHANGED_SAVE_AS, NULL, "Save your version as another file instead, leaving the file as it is" },
	{ 'v', AR_CHANGED_VIEW, NULL, "View both values whole, the file's then mine (a text wrapped, every update "
	  "with those that differ marked, a whole item's every field); Esc or q comes back to the question" },
	{ AR_KEY_ESC, AR_CHANGED_STOP, NULL, "Stop: nothing saved or reloaded, your version still here, unsaved" },
	{ AR_KEY_CTRL('c'), AR_CHANGED_STOP, NULL, NULL },
};

static const struct ar_mode_key sides_keys[] = {
	{ AR_KEY_UP, AR_SIDES_UP, "scroll", "Scroll up a line" },
	{ 'k', AR_SIDES_UP, NULL, NULL },
	{ AR_KEY_DOWN, AR_SIDES_DOWN, "scroll", "Scroll down a line" },
	{ 'j', AR_SIDES_DOWN, NULL, NULL },
	{ AR_KEY_PAGE_UP, AR_SIDES_PAGE_UP, NULL, "Scroll up a page" },
	{ AR_KEY_PAGE_DOWN, AR_SIDES_PAGE_DOWN, NULL, "Scroll down a page" },
	{ ' ', AR_SIDES_PAGE_DOWN, NULL, NULL },
	{ AR_KEY_HOME, AR_SIDES_TOP, NULL, "Go to the top" },
	{ 'g', AR_SIDES_TOP, NULL, NULL },
	{ AR_KEY_END, AR_SIDES_BOTTOM, NULL, "Go to the bottom" },
	{ 'G', AR_SIDES_BOTTOM, NULL, NULL },
	{ AR_KEY_ESC, AR_SIDES_BACK, "back to the question", "Back to the same question: viewing resolves nothing" },
	{ 'q', AR_SIDES_BACK, NULL, NULL },
	{ 'v', AR_SIDES_BACK, NULL, NULL },
	{ AR_KEY_CTRL('c'), AR_SIDES_BACK, NULL, NULL },
};

#define MODE_KEYS(table) table, sizeof table / sizeof table[0]

const struct ar_mode_info ar_mode_infos[AR_MODE_COUNT] = {
	[AR_MODE_LINE_EDIT] = { "Typing in the filter line or a field", MODE_KEYS(line_edit_keys),
		                "Other keys type text; a paste arrives as typed text." },
	[AR_MODE_FILTER] = { "In the filter line", MODE_KEYS(filter_keys),
		             "The list narrows on every change; a filter that does not parse leaves the previous one in "
		             "force and says why on the status line." },
	[AR_MODE_FIELD] = { "In a field", MODE_KEYS(field_keys),
		            "What is wrong with the text shows on the status line as you type." },
	[AR_MODE_PICK] = { "In a pick list", MODE_KEYS(pick_keys),
		           "A letter moves to the next choice starting with it." },
	[AR_MODE_QUESTION] = { "In a question", MODE_KEYS(question_keys),
		               "The question names the keys that answer it (upper or lower case); other keys do "
		               "nothing until it is answered." },
	[AR_MODE_MERGE_CONFLICT] = { "Resolving merge conflicts", MODE_KEYS(merge_conflict_keys),
		                     "Opening a file with git conflict markers asks about each place the two sides "
		                     "differ, one after another: a field of the tracker, a meeting or an item, or a "
		                     "whole meeting or item only one side has (upper or lower case)." },
	[AR_MODE_CHANGED_ON_DISK] = { "Saving a file changed on disk", MODE_KEYS(changed_on_disk_keys),
		                      "w merges your unsaved edits with the file's change; it asks only about what "
		                      "both changed: a field, or an item whose two changes cannot stand together "
		                      "(upper or lower case)." },
	[AR_MODE_SIDES] = { "Viewing both sides of a conflict", MODE_KEYS(sides_keys),
		            "v in either question above shows both values over the screen, read-only." },
};

int ar_mode_op(enum ar_mode mode, int key)
{
	const struct ar_mode_info *m = &ar_mode_infos[mode];
	for (size_t i = 0; i < m->count; i++)
		if (m->keys[i].key == key)
			return m->keys[i].op;
	return -1;
}

void ar_mode_op_keys(enum ar_mode mode, int op, struct ar_buf *out)
{
	const struct ar_mode_info *m = &ar_mode_infos[mode];
	char name[32];
	bool first = true;
	ar_buf_add(out, "", 0); /* NUL-terminated even when nothing is bound */
	for (size_t i = 0; i < m->count; i++) {
		if (m->keys[i].op != op)
			continue;
		ar_buf_addf(out, "%s%s", first ? "" : ", ", ar_key_name(m->keys[i].key, name, sizeof name));
		first = false;
	}
}

void ar_mode_hints(enum ar_mode mode, const char *sep, struct ar_buf *out)
{
	const struct ar_mode_info *m = &ar_mode_infos[mode];
	char name[32];
	const char *last_hint = NULL;
	ar_buf_add(out, "", 0);
	for (size_t i = 0; i < m->count; i++) {
		const struct ar_mode_key *k = &m->keys[i];
		if (!k->hint || !k->help)
			continue; /* no hint, or not the op's first key */
		ar_key_name(k->key, name, sizeof name);
		if (last_hint && strcmp(last_hint, k->hint) == 0) {
			/* "Up choose" becomes "Up/Down choose" */
			size_t at = out->len - strlen(last_hint) - 1;
			char *tail = ar_xstrdup(out->data + at);
			out->len = at;
			ar_buf_addf(out, "/%s%s", name, tail);
			free(tail);
			continue;
		}
		ar_buf_addf(out, "%s%s %s", last_hint ? sep : "", name, k->hint);
		last_hint = k->hint;
	}
}

const size_t ar_default_binding_count = sizeof ar_default_bindings / sizeof ar_default_bindings[0];

static const char *const special_key_names[AR_KEY_END_OF_CODES - AR_KEY_SPECIAL] = {
	[AR_KEY_UP - AR_KEY_SPECIAL] = "Up",
	[AR_KEY_DOWN - AR_KEY_SPECIAL] = "Down",
	[AR_KEY_LEFT - AR_KEY_SPECIAL] = "Left",
	[AR_KEY_RIGHT - AR_KEY_SPECIAL] = "Right",
	[AR_KEY_HOME - AR_KEY_SPECIAL] = "Home",
	[AR_KEY_END - AR_KEY_SPECIAL] = "End",
	[AR_KEY_PAGE_UP - AR_KEY_SPECIAL] = "PgUp",
	[AR_KEY_PAGE_DOWN - AR_KEY_SPECIAL] = "PgDn",
	[AR_KEY_BACKTAB - AR_KEY_SPECIAL] = "Shift-Tab",
	[AR_KEY_BACKSPACE - AR_KEY_SPECIAL] = "Backspace",
	[AR_KEY_DELETE - AR_KEY_SPECIAL] = "Delete",
	[AR_KEY_CTRL_LEFT - AR_KEY_SPECIAL] = "Ctrl-Left",
	[AR_KEY_CTRL_RIGHT - AR_KEY_SPECIAL] = "Ctrl-Right",
	[AR_KEY_F1 - AR_KEY_SPECIAL] = "F1",
	[AR_KEY_RESIZE - AR_KEY_SPECIAL] = "Resize",
	[AR_KEY_MOUSE_PRESS - AR_KEY_SPECIAL] = "Click",
	[AR_KEY_WHEEL_UP - AR_KEY_SPECIAL] = "WheelUp",
	[AR_KEY_WHEEL_DOWN - AR_KEY_SPECIAL] = "WheelDown",
	[AR_KEY_EOF - AR_KEY_SPECIAL] = "EOF",
};

bool ar_key_is_text(int key)
{
	return key >= 0x20 && key < AR_KEY_SPECIAL && key != 0x7f && !(key >= 0x80 && key < 0xa0)
	       && !(key >= 0xd800 && key <= 0xdfff);
}

const char *ar_key_name(int key, char *buf, size_t size)
{
	if (size == 0)
		return buf;
	if (key == AR_KEY_TAB)
		snprintf(buf, size, "Tab");
	else if (key == AR_KEY_ENTER)
		snprintf(buf, size, "Enter");
	else if (key == AR_KEY_ESC)
		snprintf(buf, size, "Esc");
	else if (key == ' ')
		snprintf(buf, size, "Space");
	else if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + 'A' - 1);
	else if (key >= AR_KEY_SPECIAL && key < AR_KEY_END_OF_CODES && special_key_names[key - AR_KEY_SPECIAL])
		snprintf(buf, size, "%s", special_key_names[key - AR_KEY_SPECIAL]);
	else if (ar_key_is_text(key)) {
		char u[5] = { 0 };
		ar_utf8_encode((uint32_t)key, u);
		snprintf(buf, size, "%s", u);
	} else
		snprintf(buf, size, "key-%#x", (unsigned)key);
	return buf;
}

enum ar_action ar_action_for_key(int key)
{
	for (size_t i = 0; i < ar_default_binding_count; i++)
		if (ar_default_bindings[i].key == key)
			return ar_default_bindings[i].action;
	return AR_ACTION_NONE;
}

enum ar_action ar_action_by_name(const char *name)
{
	for (int a = 1; a < AR_ACTION_COUNT; a++)
		if (strcmp(ar_action_infos[a].name, name) == 0)
			return (enum ar_action)a;
	return AR_ACTION_NONE;
}

void ar_action_keys(enum ar_action action, struct ar_buf *out)
{
	bool first = true;
	char name[32];
	ar_buf_add(out, "", 0); /* NUL-terminated even when nothing is bound */
	for (size_t i = 0; i < ar_default_binding_count; i++) {
		if (ar_default_bindings[i].action != action)
			continue;
		if (!first)
			ar_buf_adds(out, ", ");
		ar_buf_adds(out, ar_key_name(ar_default_bindings[i].key, name, sizeof name));
		first = false;
	}
}

void ar_roff_text(struct ar_buf *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		ar_buf_adds(out, "\\&");
	for (; *s; s++) {
		if (*s == '\\')
			ar_buf_adds(out, "\\e");
		else if (*s == '-')
			ar_buf_adds(out, "\\-");
		else
			ar_buf_addc(out, *s);
	}
}

void ar_actions_roff(struct ar_buf *out)
{
	char name[32];
	for (int g = 0; g < AR_GROUP_COUNT; g++) {
		ar_buf_adds(out, ".SS ");
		ar_roff_text(out, ar_action_group_titles[g]);
		ar_buf_addc(out, '\n');
		for (int a = 1; a < AR_ACTION_COUNT; a++) {
			if (ar_action_infos[a].group != (enum ar_action_group)g)
				continue;
			ar_buf_adds(out, ".TP\n");
			bool first = true;
			for (size_t i = 0; i < ar_default_binding_count; i++) {
				if (ar_default_bindings[i].action != (enum ar_action)a)
					continue;
				if (!first)
					ar_buf_adds(out, ", ");
				ar_buf_adds(out, "\\fB");
				ar_roff_text(out, ar_key_name(ar_default_bindings[i].key, name, sizeof name));
				ar_buf_adds(out, "\\fR");
				first = false;
			}
			ar_buf_addc(out, '\n');
			ar_roff_text(out, ar_action_infos[a].help);
			ar_buf_adds(out, ".\n");
		}
	}
	for (int m = 0; m < AR_MODE_COUNT; m++) {
		const struct ar_mode_info *info = &ar_mode_infos[m];
		ar_buf_adds(out, ".SS ");
		ar_roff_text(out, info->title);
		ar_buf_addc(out, '\n');
		if (info->note) {
			ar_roff_text(out, info->note);
			ar_buf_addc(out, '\n');
		}
		for (size_t i = 0; i < info->count; i++) {
			if (!info->keys[i].help)
				continue;
			ar_buf_adds(out, ".TP\n");
			for (size_t j = i; j < info->count; j++) {
				if (info->keys[j].op != info->keys[i].op)
					continue;
				ar_buf_adds(out, j == i ? "\\fB" : ", \\fB");
				ar_roff_text(out, ar_key_name(info->keys[j].key, name, sizeof name));
				ar_buf_adds(out, "\\fR");
			}
			ar_buf_addc(out, '\n');
			ar_roff_text(out, info->keys[i].help);
			ar_buf_adds(out, ".\n");
		}
	}
}
