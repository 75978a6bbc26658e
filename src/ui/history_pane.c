/* history_pane.c - the History pane: the selected item's updates, a text
 * to scroll that opens on the newest; Enter opens the Editor pane in its
 * place. */
#include "config.h"

#include <stdlib.h>

#include "panes.h"

/* What the lines were made of: the newest update shows when another item
 * is chosen or an update is added. */
struct history_pane {
	long item_id;
	size_t update_count;
};

static void history_init(struct pane *pane)
{
	pane->data = ar_xcalloc(1, sizeof(struct history_pane));
}

static void history_free(struct pane *pane)
{
	free(pane->data);
	pane->data = NULL;
}

static void history_build(struct ui *ui, struct pane *pane)
{
	struct history_pane *p = pane->data;
	const struct ar_item *item = ui_selected_item(ui);
	if (text_pane_stale(ui, pane, item))
		ar_history_lines(&pane->lines, item, text_pane_width(pane));
	pane->row_count = pane->lines.count;
	long id = item ? item->id : 0;
	size_t updates = item ? item->update_count : 0;
	if (id != p->item_id || updates > p->update_count) {
		/* The newest update's header at the top, or as much of the
		 * history above it as lets its end show too. */
		size_t newest = 0, h = (size_t)pane_list_height(pane), n = pane->lines.count;
		for (size_t i = 0; i < n; i++)
			if (pane->lines.items[i].first && pane->lines.items[i].role == AR_ROLE_HEADER)
				newest = i;
		size_t top = n > h ? n - h : 0;
		pane->top = top < newest ? top : newest;
	}
	p->item_id = id;
	p->update_count = updates;
}

static void history_title(struct ui *ui, struct pane *pane, struct ar_buf *out)
{
	const struct ar_item *item = ui_selected_item(ui);
	if (item)
		ar_buf_addf(out, " #%ld  %zu update%s", item->id, item->update_count, item->update_count == 1 ? "" : "s");
}

const struct pane_ops history_pane_ops = {
	.name = "History",
	.init = history_init,
	.free = history_free,
	.build = history_build,
	.title = history_title,
	.draw_row = text_pane_draw_row,
	.handle = ui_open_editor_on_enter,
	.tracker_replaced = text_pane_forget,
	.hints = browsing_hints,
	.scroll_only = true,
};
