/* sides_view.c - v in a conflict question (conflicts.c's when a file has
 * merge markers, save_reload.c's when a save meets a file changed on disk):
 * both sides' values at the place over the screen, one after the other
 * under their labels, read-only, until Esc or q gives the same question
 * back.  The question's own row is too short for a long text, an item's
 * updates or a whole item; here the officer reads both before choosing.
 *
 * An input mode (AR_MODE_SIDES' keys) rather than a pane: it belongs to the
 * question, takes every key while open, and leaves the panes as they were.
 * The lines come from the core (ar_sides_lines) and borrow both trackers,
 * which the question keeps alive until it is answered.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/text.h"
#include "artrack/yamlio.h"
#include "modes.h"

struct sides_view {
	struct ar_side sides[2];
	long id;
	ar_date meeting;
	const char *field;
	char place[160];
	struct ar_lines lines;
	int lines_width;
	size_t top;
	ui_back_fn back;
	void *ctx;
};

/* The rows the lines get: all but the title, the status line and the bottom row. */
static int body_height(const struct ui *ui)
{
	int h = ui->screen->height - 3;
	return h > 1 ? h : 1;
}

static size_t max_top(const struct ui *ui, const struct sides_view *sv)
{
	size_t h = (size_t)body_height(ui);
	return sv->lines.count > h ? sv->lines.count - h : 0;
}

static void sides_key(struct ui *ui, int key)
{
	struct sides_view *sv = ui->sides;
	size_t page = (size_t)body_height(ui), last = max_top(ui, sv);
	switch (ar_mode_op(AR_MODE_SIDES, key)) {
	case AR_SIDES_UP: sv->top = sv->top ? sv->top - 1 : 0; break;
	case AR_SIDES_DOWN: sv->top++; break;
	case AR_SIDES_PAGE_UP: sv->top = sv->top > page ? sv->top - page : 0; break;
	case AR_SIDES_PAGE_DOWN: sv->top += page; break;
	case AR_SIDES_TOP: sv->top = 0; break;
	case AR_SIDES_BOTTOM: sv->top = last; break;
	case AR_SIDES_BACK:
		ui->input = NULL;
		sv->back(ui, sv->ctx);
		return;
	default: return;
	}
	if (sv->top > last)
		sv->top = last;
}

/* The whole screen but the status line: the title, the lines, and on the
 * bottom row how to go back. */
static void sides_draw(struct ui *ui, int y)
{
	struct sides_view *sv = ui->sides;
	struct ar_screen *s = ui->screen;
	int width = s->width - 2 > 1 ? s->width - 2 : 1;
	if (sv->lines_width != width || !sv->lines.arena) {
		ar_sides_lines(&sv->lines, sv->sides, sv->id, sv->meeting, sv->field, width);
		sv->lines_width = width;
	}
	if (sv->top > max_top(ui, sv))
		sv->top = max_top(ui, sv);
	struct ar_buf title = { 0 };
	ar_buf_addf(&title, " Both sides of %s: %s, then %s", sv->place, sv->sides[0].label, sv->sides[1].label);
	if (sv->lines.count > (size_t)body_height(ui))
		ar_buf_addf(&title, "  (lines %zu-%zu of %zu)", sv->top + 1,
		            sv->top + (size_t)body_height(ui) < sv->lines.count ? sv->top + (size_t)body_height(ui)
		                                                                : sv->lines.count,
		            sv->lines.count);
	ar_screen_fill(s, 0, 0, s->width, 1, " ", AR_ROLE_TITLE_FOCUSED, 0);
	ar_screen_put(s, 0, 0, s->width, title.data, title.len, AR_ROLE_TITLE_FOCUSED, 0);
	ar_buf_free(&title);
	for (int row = 0; row < body_height(ui); row++) {
		size_t at = sv->top + (size_t)row;
		ar_screen_fill(s, 0, 1 + row, s->width, 1, " ", AR_ROLE_NORMAL, 0);
		if (at < sv->lines.count)
			ar_line_draw(s, 1, 1 + row, width, &sv->lines.items[at], 0, NULL);
	}
	ar_screen_fill(s, 0, y, s->width, 1, " ", AR_ROLE_NORMAL, 0);
	int x = ar_screen_puts(s, 0, y, s->width, "Viewing only: Esc or q goes back to the question", AR_ROLE_PROMPT,
	                       AR_ATTR_BOLD);
	ar_screen_set_cursor(s, x < s->width ? x : s->width - 1, y);
}

static const struct input_mode sides_mode = {
	.keys = AR_MODE_SIDES,
	.status_hints = true,
	.key = sides_key,
	.draw = sides_draw,
};

/* Show both sides at a place (see the top and modes.h). */
void ui_show_sides(struct ui *ui, const char *place, const struct ar_side sides[2], long id, ar_date meeting,
                   const char *field, ui_back_fn back, void *ctx)
{
	if (!ui->sides)
		ui->sides = ar_xcalloc(1, sizeof *ui->sides);
	struct sides_view *sv = ui->sides;
	ar_lines_free(&sv->lines);
	*sv = (struct sides_view){ .sides = { sides[0], sides[1] }, .id = id, .meeting = meeting, .field = field,
		                   .back = back, .ctx = ctx };
	snprintf(sv->place, sizeof sv->place, "%s", place);
	ui->input = &sides_mode;
}

/* Release the view's memory. */
void ui_sides_free(struct ui *ui)
{
	if (!ui->sides)
		return;
	ar_lines_free(&ui->sides->lines);
	free(ui->sides);
	ui->sides = NULL;
}

/* The other side of an item's conflict as notes for the $EDITOR file (see
 * modes.h). */
void ui_side_notes(struct ar_buf *out, const struct ar_side *side, long id, const char *field)
{
	const struct ar_item *item = ar_tracker_find_item(side->tracker, id);
	struct ar_buf yaml = { 0 };
	struct ar_error err;
	ar_error_clear(&err);
	if (!item || ar_item_to_yaml(side->tracker, item, &yaml, &err) != AR_OK) {
		ar_buf_addf(out, "\n%s has no item %ld.\n", side->label, id);
	} else {
		ar_buf_addf(out, "\nItem %ld as %s has it%s%s%s,\nto read or copy from (these lines are dropped too):\n\n",
		            id, side->label, field ? " (the conflict is in its " : "", field ? field : "", field ? ")" : "");
		ar_buf_add(out, yaml.data, yaml.len);
	}
	ar_buf_free(&yaml);
}
