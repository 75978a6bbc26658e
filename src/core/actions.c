/* actions.c - the action table, the default key bindings and key names. */
#include "config.h"

#include "artrack/actions.h"
#include "artrack/text.h"

#include <stdio.h>
#include <string.h>

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
	{ AR_KEY_ENTER, AR_ACTION_OPEN },
	{ AR_KEY_ESC, AR_ACTION_CLOSE },
	{ 'e', AR_ACTION_EDIT_FIELD },
	{ 'a', AR_ACTION_ADD_UPDATE },
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

const char ar_line_editing_help[] =
	"Left, Right (Ctrl-B, Ctrl-F), Home, End (Ctrl-A, Ctrl-E) move; Backspace and Delete (Ctrl-D) delete; "
	"Ctrl-U deletes to the start, Ctrl-K to the end, Ctrl-W the word before the cursor, Ctrl-Y puts back what "
	"was deleted.  In the filter line Up and Down recall earlier filters, Enter keeps the filter and Esc restores the "
	"previous one; in a field Enter keeps the text (a date only once it is a valid date) and Esc leaves the field "
	"as it was.";

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

/* Text for a roff line: backslashes and hyphens escaped, and a leading dot or
 * quote (a request in roff) made inert. */
static void roff_text(struct ar_buf *out, const char *s)
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
		roff_text(out, ar_action_group_titles[g]);
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
				roff_text(out, ar_key_name(ar_default_bindings[i].key, name, sizeof name));
				ar_buf_adds(out, "\\fR");
				first = false;
			}
			ar_buf_addc(out, '\n');
			roff_text(out, ar_action_infos[a].help);
			ar_buf_adds(out, ".\n");
		}
	}
	ar_buf_adds(out, ".SS In the filter line and in a field\n");
	roff_text(out, ar_line_editing_help);
	ar_buf_addc(out, '\n');
}
