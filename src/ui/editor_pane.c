/* editor_pane.c - the Editor pane: every field of the selected item, the
 * cursor moving from field to field.  It takes the editing keys meant for
 * it (e, +, -, K, J) and hands them to field_edits.c with the field under
 * the cursor.  Esc closes it wherever the focus is (the main loop). */
#include "config.h"

#include <stdlib.h>

#include "edits.h"
#include "panes.h"

/* In the Editor pane, what edits comes first. */
static const enum ar_action editing_hints[] = { AR_ACTION_HELP,       AR_ACTION_QUIT, AR_ACTION_EDIT_FIELD,
	                                        AR_ACTION_CLOSE,      AR_ACTION_ADD_UPDATE, AR_ACTION_UNDO,
	                                        AR_ACTION_SAVE,       AR_ACTION_NONE };

/* Where the cursor is inside a long field (its key is the field's: a
 * rebuild puts it back that many lines in), and what the lines were made of,
 * to follow a newly added update. */
struct editor_pane {
	long offset_key;       /* the field the offset is in */
	size_t offset;         /* lines below the field's first */
	long item_id;
	size_t update_count;
};

static void editor_init(struct pane *pane)
{
	pane->data = ar_xcalloc(1, sizeof(struct editor_pane));
}

static void editor_free(struct pane *pane)
{
	free(pane->data);
	pane->data = NULL;
}

static void editor_build(struct ui *ui, struct pane *pane)
{
	struct editor_pane *p = pane->data;
	const struct ar_item *item = ui_selected_item(ui);
	if (text_pane_stale(ui, pane, item))
		ar_record_lines(&pane->lines, ui->tracker, item, text_pane_width(pane));
	pane->row_count = pane->lines.count;
	/* An update just added (a) is what the officer wants to see next. */
	if (item && item->id == p->item_id && item->update_count > p->update_count)
		pane_follow_key(pane, field_row_key(AR_ITEM_KEY_UPDATES, (int)item->update_count - 1));
	p->item_id = item ? item->id : 0;
	p->update_count = item ? item->update_count : 0;
}

/* A field and its index as one key. */
static long editor_row_key(struct ui *ui, struct pane *pane, size_t row)
{
	const struct ar_line *line = &pane->lines.items[row];
	return field_row_key(line->field, line->index);
}

/* The first line of the field at or before row. */
static size_t field_start(const struct pane *pane, size_t row)
{
	while (row > 0 && !pane->lines.items[row].first)
		row--;
	return row;
}

/* The first line after the field at row (the next field's first, or the
 * line count). */
static size_t field_end(const struct pane *pane, size_t row)
{
	size_t r = row + 1;
	while (r < pane->lines.count && !pane->lines.items[r].first)
		r++;
	return r;
}

/* The field's first line, or as many lines in as the cursor was; and when
 * the cursor is on a field's first line, the view shows as much of the
 * field as fits (the whole of a new update, not its header alone). */
static long editor_find_key(struct ui *ui, struct pane *pane, long key)
{
	struct editor_pane *p = pane->data;
	for (size_t row = 0; row < pane->lines.count; row++) {
		if (!pane->lines.items[row].first || editor_row_key(ui, pane, row) != key)
			continue;
		size_t end = field_end(pane, row), at = row;
		if (key == p->offset_key)
			at = row + p->offset < end ? row + p->offset : end - 1;
		size_t h = (size_t)pane_list_height(pane);
		if (at == row && h > 0 && end > pane->top + h) {
			size_t top = end - h;
			pane->top = top < row ? top : row;
		}
		return (long)at;
	}
	return -1;
}

/* The cursor moved (keys, the mouse): remember where in its field. */
static void editor_selected(struct ui *ui, struct pane *pane)
{
	struct editor_pane *p = pane->data;
	if (pane->selected >= pane->lines.count)
		return;
	size_t start = field_start(pane, pane->selected);
	p->offset_key = editor_row_key(ui, pane, start);
	p->offset = pane->selected - start;
}

static void editor_title(struct ui *ui, struct pane *pane, struct ar_buf *out)
{
	const struct ar_item *item = ui_selected_item(ui);
	if (item)
		ar_buf_addf(out, " #%ld", item->id);
	if (ui->read_only)
		ar_buf_adds(out, "  read-only");
	ar_buf_adds(out, "  (Esc closes)");
}

/* The field (and lead or update) under the cursor, and where a pick list
 * for it opens. */
static struct field_target target_under_cursor(struct pane *pane, const struct ar_item *item)
{
	const struct ar_line *line = &pane->lines.items[pane->selected];
	return (struct field_target){
		.item_id = item->id,
		.field = line->field,
		.index = line->index,
		.anchor_x = pane->x + line->indent,
		.anchor_y = pane->y + 1 + pane->header_rows + (int)(pane->selected - pane->top),
		.pane = pane,
	};
}

/* e, +, -, K, J on the field under the cursor. */
static bool editor_edit(struct ui *ui, struct pane *pane, enum ar_action action)
{
	const struct ar_item *item = ui_selected_item(ui);
	if (!item || pane->selected >= pane->lines.count)
		return false;
	/* The prompt takes the bottom row and the status line moves up over
	 * the pane's last one: a field there would be edited out of sight. */
	size_t h = (size_t)pane_list_height(pane);
	if (h > 1 && pane->selected == pane->top + h - 1)
		pane->top++;
	struct field_target at = target_under_cursor(pane, item);
	switch (action) {
	case AR_ACTION_EDIT_FIELD: field_edit(ui, item, &at); return true;
	case AR_ACTION_ADD_LEAD: field_add_lead(ui, item, &at); return true;
	case AR_ACTION_REMOVE_LEAD: field_remove_lead(ui, item, &at); return true;
	case AR_ACTION_MOVE_LEAD_UP: field_move_lead(ui, item, &at, -1); return true;
	case AR_ACTION_MOVE_LEAD_DOWN: field_move_lead(ui, item, &at, 1); return true;
	default: return false;
	}
}

static bool editor_handle(struct ui *ui, struct pane *pane, enum ar_action action)
{
	if (pane->lines.count == 0)
		return action == AR_ACTION_OPEN;
	size_t row = pane->selected, h = (size_t)pane_list_height(pane);
	switch (action) {
	case AR_ACTION_MOVE_DOWN: {
		/* From field to field; through a field longer than the view, a
		 * line at a time until its end shows. */
		size_t next = field_end(pane, row);
		if (next < pane->lines.count && next < pane->top + h)
			pane_select(ui, pane, next);
		else if (next > pane->top + h) {
			pane->top++; /* the view moves, the cursor with it only when pushed */
			pane_select(ui, pane, row < pane->top ? pane->top : row);
		} else if (next < pane->lines.count)
			pane_select(ui, pane, next);
		return true;
	}
	case AR_ACTION_MOVE_UP: {
		size_t start = field_start(pane, row);
		if (row > start && start < pane->top) {
			pane->top--; /* back up a long field a line at a time */
			pane_select(ui, pane, row >= pane->top + h ? pane->top + h - 1 : row);
		} else if (row > start)
			pane_select(ui, pane, start);
		else if (row > 0)
			pane_select(ui, pane, field_start(pane, row - 1));
		return true;
	}
	case AR_ACTION_OPEN: return true;
	default: return editor_edit(ui, pane, action);
	}
}

const struct pane_ops editor_pane_ops = {
	.name = "Editor",
	.init = editor_init,
	.free = editor_free,
	.build = editor_build,
	.selected = editor_selected,
	.row_key = editor_row_key,
	.find_key = editor_find_key,
	.title = editor_title,
	.draw_row = text_pane_draw_row,
	.handle = editor_handle,
	.tracker_replaced = text_pane_forget,
	.hints = editing_hints,
};
