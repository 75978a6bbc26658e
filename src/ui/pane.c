/* pane.c - what every pane shares: selection kept by key, moving, scrolling,
 * drawing, and the text panes' lines.  Part of the shared state (state.h):
 * it calls only the core and the panes' own ops. */
#include "config.h"

#include "state.h"

/* Text panes keep a column of margin on each side. */
#define TEXT_MARGIN 1

/* In the panes that browse, what they do most comes first. */
const enum ar_action browsing_hints[] = { AR_ACTION_HELP,       AR_ACTION_QUIT,      AR_ACTION_FILTER,
	                                  AR_ACTION_NEXT_PANE,  AR_ACTION_OPEN,      AR_ACTION_CYCLE_SORT,
	                                  AR_ACTION_ADD_UPDATE, AR_ACTION_SAVE,      AR_ACTION_NONE };

int pane_list_height(const struct pane *pane)
{
	int h = pane->height - 1 - pane->header_rows;
	return h > 0 ? h : 0;
}

/* Keep the selection in view, and the view within the rows. */
static void pane_clamp(struct pane *pane)
{
	size_t h = (size_t)pane_list_height(pane);
	if (pane->ops->scroll_only) {
		size_t max_top = pane->row_count > h ? pane->row_count - h : 0;
		if (pane->top > max_top)
			pane->top = max_top;
		return;
	}
	if (pane->row_count == 0) {
		pane->selected = pane->top = 0;
		return;
	}
	if (pane->selected >= pane->row_count)
		pane->selected = pane->row_count - 1;
	if (h == 0)
		return;
	if (pane->selected < pane->top)
		pane->top = pane->selected;
	if (pane->selected >= pane->top + h)
		pane->top = pane->selected - h + 1;
	/* No blank rows at the bottom while there are rows above. */
	if (pane->row_count >= h && pane->top > pane->row_count - h)
		pane->top = pane->row_count - h;
}

static void remember_key(struct ui *ui, struct pane *pane)
{
	pane->has_key = pane->ops->row_key && pane->row_count > 0;
	if (pane->has_key)
		pane->key = pane->ops->row_key(ui, pane, pane->selected);
}

void pane_build(struct ui *ui, struct pane *pane)
{
	pane->ops->build(ui, pane);
	if (pane->has_key && pane->ops->find_key) {
		long row = pane->ops->find_key(ui, pane, pane->key);
		if (row >= 0)
			pane->selected = (size_t)row;
	}
	pane_clamp(pane);
	remember_key(ui, pane);
}

void pane_select(struct ui *ui, struct pane *pane, size_t row)
{
	size_t before = pane->selected;
	pane->selected = row;
	pane_clamp(pane);
	remember_key(ui, pane);
	if (pane->selected != before && pane->ops->selected)
		pane->ops->selected(ui, pane);
}

void pane_scroll(struct ui *ui, struct pane *pane, long delta)
{
	if (pane->ops->scroll_only) {
		long top = (long)pane->top + delta;
		pane->top = top < 0 ? 0 : (size_t)top;
		pane_clamp(pane);
		return;
	}
	long row = (long)pane->selected + delta;
	if (row < 0)
		row = 0;
	pane_select(ui, pane, (size_t)row);
}

bool pane_move(struct ui *ui, struct pane *pane, enum ar_action action)
{
	long page = pane_list_height(pane) > 1 ? pane_list_height(pane) - 1 : 1;
	switch (action) {
	case AR_ACTION_MOVE_UP: pane_scroll(ui, pane, -1); return true;
	case AR_ACTION_MOVE_DOWN: pane_scroll(ui, pane, 1); return true;
	case AR_ACTION_PAGE_UP: pane_scroll(ui, pane, -page); return true;
	case AR_ACTION_PAGE_DOWN: pane_scroll(ui, pane, page); return true;
	case AR_ACTION_FIRST:
		if (pane->ops->scroll_only)
			pane->top = 0;
		else
			pane_select(ui, pane, 0);
		return true;
	case AR_ACTION_LAST:
		if (pane->ops->scroll_only) {
			pane->top = pane->row_count;
			pane_clamp(pane);
		} else if (pane->row_count > 0) {
			pane_select(ui, pane, pane->row_count - 1);
		}
		return true;
	default: return false;
	}
}

void pane_draw(struct ui *ui, struct pane *pane)
{
	struct ar_screen *s = ui->screen;
	bool focused = ui->focus == pane->id;
	enum ar_role title_role = focused ? AR_ROLE_TITLE_FOCUSED : AR_ROLE_TITLE;
	ar_screen_fill(s, pane->x, pane->y, pane->width, 1, " ", title_role, 0);
	struct ar_buf title = { 0 };
	ar_buf_addc(&title, ' ');
	ar_buf_adds(&title, pane->ops->name);
	if (pane->ops->title)
		pane->ops->title(ui, pane, &title);
	ar_screen_put(s, pane->x, pane->y, pane->width, title.data, title.len, title_role, 0);
	ar_buf_free(&title);
	if (pane->header_rows > 0 && pane->ops->draw_header && pane->height > 1)
		pane->ops->draw_header(ui, pane, pane->y + 1);
	int list_y = pane->y + 1 + pane->header_rows;
	int h = pane_list_height(pane);
	for (int i = 0; i < h; i++) {
		size_t row = pane->top + (size_t)i;
		if (row >= pane->row_count)
			break;
		unsigned attrs = 0;
		if (!pane->ops->scroll_only && row == pane->selected)
			attrs = focused ? AR_ATTR_REVERSE : AR_ATTR_UNDERLINE;
		pane->ops->draw_row(ui, pane, row, list_y + i, attrs);
	}
}

void pane_follow_key(struct pane *pane, long key)
{
	pane->key = key;
	pane->has_key = true;
}

int text_pane_width(const struct pane *pane)
{
	int w = pane->width - 2 * TEXT_MARGIN;
	return w > 1 ? w : 1;
}

void text_pane_draw_row(struct ui *ui, struct pane *pane, size_t row, int y, unsigned attrs)
{
	if (row >= pane->lines.count)
		return;
	if (attrs)
		ar_screen_fill(ui->screen, pane->x, y, pane->width, 1, " ", AR_ROLE_NORMAL, attrs);
	/* The Help pane's lines are no item's: nothing of them matched. */
	const struct ar_query *query = pane->id == PANE_HELP ? NULL : ar_view_parsed_query(ui->view);
	ar_line_draw(ui->screen, pane->x + TEXT_MARGIN, y, pane->width - 2 * TEXT_MARGIN, &pane->lines.items[row],
	             attrs, query);
}

bool text_pane_stale(struct ui *ui, struct pane *pane, const struct ar_item *item)
{
	long id = item ? item->id : 0;
	bool stale = pane->lines_item != id || pane->lines_width != text_pane_width(pane)
	             || pane->lines_generation != ui->tracker->generation || (!pane->lines.arena);
	if (pane->lines_item != id)
		pane->top = pane->selected = 0;
	pane->lines_item = id;
	pane->lines_width = text_pane_width(pane);
	pane->lines_generation = ui->tracker->generation;
	return stale;
}

void text_pane_forget(struct ui *ui, struct pane *pane)
{
	ar_lines_free(&pane->lines);
}
