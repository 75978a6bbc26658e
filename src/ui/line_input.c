/* line_input.c - the keys every typed line shares (the filter line, a field
 * on the bottom row), from the line-editing key table (actions.h), and
 * drawing such a line with its cursor. */
#include "config.h"

#include "artrack/text.h"
#include "modes.h"

bool ui_lineedit_key(struct ar_lineedit *edit, int key)
{
	int op = ar_mode_op(AR_MODE_LINE_EDIT, key);
	if (op >= 0) {
		ar_lineedit_apply(edit, (enum ar_lineedit_op)op);
		return true;
	}
	if (!ar_key_is_text(key))
		return false;
	char bytes[4];
	size_t n = ar_utf8_encode((uint32_t)key, bytes);
	ar_lineedit_insert(edit, bytes, n);
	return true;
}

void ui_lineedit_draw(struct ui *ui, struct ar_lineedit *edit, int y, const char *prompt, enum ar_role prompt_role)
{
	struct ar_screen *s = ui->screen;
	ar_screen_fill(s, 0, y, s->width, 1, " ", AR_ROLE_NORMAL, 0);
	/* The prompt keeps at most half the row, so there is room to type. */
	int x = ar_screen_puts(s, 0, y, s->width / 2, prompt, prompt_role, 0);
	int room = s->width - x;
	if (room < 1)
		return;
	struct ar_lineedit_view v;
	ar_lineedit_view(edit, room, &v);
	ar_screen_put(s, x + v.lead, y, room - v.lead, ar_lineedit_text(edit) + v.start, v.len, AR_ROLE_NORMAL, 0);
	ar_screen_set_cursor(s, x + v.cursor_col, y);
}
