/* history_pane.c - the History pane: the selected item's updates, a text
 * to scroll; Enter opens the Editor pane in its place. */
#include "config.h"

#include "panes.h"

static void history_build(struct ui *ui, struct pane *pane)
{
	const struct ar_item *item = ui_selected_item(ui);
	if (text_pane_stale(ui, pane, item))
		ar_history_lines(&pane->lines, item, text_pane_width(pane));
	pane->row_count = pane->lines.count;
}

static void history_title(struct ui *ui, struct pane *pane, struct ar_buf *out)
{
	const struct ar_item *item = ui_selected_item(ui);
	if (item)
		ar_buf_addf(out, " #%ld  %zu update%s", item->id, item->update_count, item->update_count == 1 ? "" : "s");
}

const struct pane_ops history_pane_ops = {
	.name = "History",
	.build = history_build,
	.title = history_title,
	.draw_row = text_pane_draw_row,
	.handle = ui_open_editor_on_enter,
	.tracker_replaced = text_pane_forget,
	.hints = browsing_hints,
	.scroll_only = true,
};
