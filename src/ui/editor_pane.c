/* editor_pane.c - the Editor pane: every field of the selected item, the
 * cursor moving from field to field.  It takes the editing keys meant for
 * it (e, +, -, K, J) and hands them to field_edits.c with the field under
 * the cursor.  Esc closes it wherever the focus is (the main loop). */
#include "config.h"

#include "edits.h"
#include "panes.h"

/* In the Editor pane, what edits comes first. */
static const enum ar_action editing_hints[] = { AR_ACTION_HELP,       AR_ACTION_QUIT, AR_ACTION_EDIT_FIELD,
	                                        AR_ACTION_CLOSE,      AR_ACTION_ADD_UPDATE, AR_ACTION_UNDO,
	                                        AR_ACTION_SAVE,       AR_ACTION_NONE };

static void editor_build(struct ui *ui, struct pane *pane)
{
	const struct ar_item *item = ui_selected_item(ui);
	if (text_pane_stale(ui, pane, item))
		ar_record_lines(&pane->lines, ui->tracker, item, text_pane_width(pane));
	pane->row_count = pane->lines.count;
}

/* A field and its index as one key. */
static long editor_row_key(struct ui *ui, struct pane *pane, size_t row)
{
	const struct ar_line *line = &pane->lines.items[row];
	return field_row_key(line->field, line->index);
}

static long editor_find_key(struct ui *ui, struct pane *pane, long key)
{
	for (size_t row = 0; row < pane->lines.count; row++)
		if (pane->lines.items[row].first && editor_row_key(ui, pane, row) == key)
			return (long)row;
	return -1;
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

/* The first line of the field at or before row. */
static size_t field_start(const struct pane *pane, size_t row)
{
	while (row > 0 && !pane->lines.items[row].first)
		row--;
	return row;
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
	size_t row = pane->selected;
	switch (action) {
	case AR_ACTION_MOVE_DOWN:
		/* From field to field, not line to line. */
		for (size_t r = row + 1; r < pane->lines.count; r++)
			if (pane->lines.items[r].first) {
				pane_select(ui, pane, r);
				break;
			}
		return true;
	case AR_ACTION_MOVE_UP:
		if (row > 0)
			pane_select(ui, pane, field_start(pane, row - 1));
		return true;
	case AR_ACTION_PAGE_UP:
	case AR_ACTION_PAGE_DOWN:
	case AR_ACTION_LAST:
		pane_move(ui, pane, action);
		pane_select(ui, pane, field_start(pane, pane->selected));
		return true;
	case AR_ACTION_OPEN: return true;
	default: return editor_edit(ui, pane, action);
	}
}

const struct pane_ops editor_pane_ops = {
	.name = "Editor",
	.build = editor_build,
	.row_key = editor_row_key,
	.find_key = editor_find_key,
	.title = editor_title,
	.draw_row = text_pane_draw_row,
	.handle = editor_handle,
	.tracker_replaced = text_pane_forget,
	.hints = editing_hints,
};
