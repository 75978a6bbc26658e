/* panes.c - the Meetings, Items, History, Editor and Help panes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

/* Text panes keep a column of margin on each side. */
#define TEXT_MARGIN 1

static void text_draw_row(struct ui *ui, struct pane *pane, size_t row, int y, unsigned attrs)
{
	if (row >= pane->lines.count)
		return;
	if (attrs)
		ar_screen_fill(ui->screen, pane->x, y, pane->width, 1, " ", AR_ROLE_NORMAL, attrs);
	ar_line_draw(ui->screen, pane->x + TEXT_MARGIN, y, pane->width - 2 * TEXT_MARGIN, &pane->lines.items[row],
	             attrs);
}

static int text_width(const struct pane *pane)
{
	int w = pane->width - 2 * TEXT_MARGIN;
	return w > 1 ? w : 1;
}

/* ---- Meetings: All items, the meetings newest first, No meeting ---- */

struct dated_position {
	ar_date date;
	size_t position;
};

static int newest_first(const void *a, const void *b)
{
	ar_date da = ((const struct dated_position *)a)->date, db = ((const struct dated_position *)b)->date;
	return (da < db) - (da > db);
}

/* The meetings' positions in tracker->meetings, newest first, and whether
 * any item has no meeting: remade only when the tracker changes. */
static void meetings_build(struct ui *ui, struct pane *pane)
{
	const struct ar_tracker *t = ui->tracker;
	struct meeting_rows *m = &ui->meeting_rows;
	if (m->tracker != t || m->generation != t->generation || !m->order) {
		struct dated_position *sorted = ar_xreallocarray(NULL, t->meeting_count + 1, sizeof *sorted);
		for (size_t i = 0; i < t->meeting_count; i++)
			sorted[i] = (struct dated_position){ t->meetings[i].date, i };
		qsort(sorted, t->meeting_count, sizeof *sorted, newest_first);
		free(m->order);
		m->order = ar_xreallocarray(NULL, t->meeting_count + 1, sizeof *m->order);
		for (size_t i = 0; i < t->meeting_count; i++)
			m->order[i] = sorted[i].position;
		free(sorted);
		m->count = t->meeting_count;
		m->none_row = false;
		for (size_t i = 0; i < t->item_count && !m->none_row; i++)
			m->none_row = t->items[i]->meeting == AR_DATE_NONE;
		m->tracker = t;
		m->generation = t->generation;
	}
	pane->row_count = 1 + m->count + (m->none_row ? 1 : 0);
}

static long meetings_row_key(struct ui *ui, struct pane *pane, size_t row)
{
	if (row == 0)
		return AR_VIEW_ALL_MEETINGS;
	if (row - 1 < ui->meeting_rows.count)
		return ui->tracker->meetings[ui->meeting_rows.order[row - 1]].date;
	return AR_VIEW_NO_MEETING;
}

static long meetings_find_key(struct ui *ui, struct pane *pane, long key)
{
	for (size_t row = 0; row < pane->row_count; row++)
		if (meetings_row_key(ui, pane, row) == key)
			return (long)row;
	return -1;
}

static void meetings_draw_row(struct ui *ui, struct pane *pane, size_t row, int y, unsigned attrs)
{
	const struct ar_view_counts *counts = ar_view_counts(ui->view);
	char date[AR_DATE_TEXT_MAX];
	const char *label;
	size_t count;
	if (row == 0) {
		label = "All items";
		count = counts->matching;
	} else if (row - 1 < ui->meeting_rows.count) {
		size_t m = ui->meeting_rows.order[row - 1];
		label = ar_date_format(ui->tracker->meetings[m].date, date);
		count = counts->per_meeting ? counts->per_meeting[m] : 0;
	} else {
		label = "No meeting";
		count = counts->no_meeting;
	}
	/* Meetings with nothing under the query fade, but keep their place. */
	ar_count_row_draw(ui->screen, pane->x, y, pane->width, label, count,
	                  count == 0 ? AR_ROLE_COMPLETED : AR_ROLE_NORMAL, attrs);
}

static void meetings_selected(struct ui *ui, struct pane *pane)
{
	ui->meeting = pane->has_key ? (ar_date)pane->key : AR_VIEW_ALL_MEETINGS;
	ar_view_set_meeting(ui->view, ui->meeting);
}

static bool meetings_handle(struct ui *ui, struct pane *pane, enum ar_action action)
{
	if (action == AR_ACTION_OPEN) {
		ui_focus(ui, PANE_ITEMS);
		return true;
	}
	return false;
}

const struct pane_ops meetings_pane_ops = {
	.name = "Meetings",
	.build = meetings_build,
	.row_key = meetings_row_key,
	.find_key = meetings_find_key,
	.draw_row = meetings_draw_row,
	.selected = meetings_selected,
	.handle = meetings_handle,
};

/* ---- Items: the view's rows ---- */

static void items_build(struct ui *ui, struct pane *pane)
{
	pane->row_count = ar_view_count(ui->view);
	pane->header_rows = pane->height >= 3 ? 1 : 0;
	/* The id column's width: the largest id, looked up once per change. */
	if (ui->max_id_tracker != ui->tracker || ui->max_id_generation != ui->tracker->generation) {
		ui->max_id = ar_tracker_max_id(ui->tracker);
		ui->max_id_tracker = ui->tracker;
		ui->max_id_generation = ui->tracker->generation;
	}
	ar_item_columns_layout(&ui->item_columns, pane->width, ui->max_id);
}

static long items_row_key(struct ui *ui, struct pane *pane, size_t row)
{
	return ar_view_id(ui->view, row);
}

static long items_find_key(struct ui *ui, struct pane *pane, long key)
{
	return ar_view_row_of(ui->view, key);
}

static void items_title(struct ui *ui, struct pane *pane, struct ar_buf *out)
{
	bool descending;
	enum ar_sort_key sort = ar_view_sort_key(ui->view, &descending);
	ar_buf_addf(out, " %zu/%zu  sort: %s%s", ar_view_count(ui->view), ar_view_total(ui->view),
	            descending ? "-" : "", ar_sort_key_names[sort]);
	if (ui->meeting == AR_VIEW_NO_MEETING) {
		ar_buf_adds(out, "  meeting: none");
	} else if (ui->meeting != AR_VIEW_ALL_MEETINGS) {
		char date[AR_DATE_TEXT_MAX];
		ar_buf_addf(out, "  meeting: %s", ar_date_format(ui->meeting, date));
	}
	const char *query = ar_view_query(ui->view);
	if (query && *query)
		ar_buf_addf(out, "  filter: %s", query);
}

static void items_draw_header(struct ui *ui, struct pane *pane, int y)
{
	ar_item_header_draw(ui->screen, pane->x, y, &ui->item_columns, AR_ROLE_LABEL, 0);
}

static void items_draw_row(struct ui *ui, struct pane *pane, size_t row, int y, unsigned attrs)
{
	const struct ar_item *item = ar_view_item(ui->view, row);
	if (item)
		ar_item_row_draw(ui->screen, pane->x, y, &ui->item_columns, item, ui->today, attrs);
}

static bool items_handle(struct ui *ui, struct pane *pane, enum ar_action action)
{
	if (action == AR_ACTION_OPEN) {
		editor_open(ui);
		return true;
	}
	return false;
}

const struct pane_ops items_pane_ops = {
	.name = "Items",
	.build = items_build,
	.row_key = items_row_key,
	.find_key = items_find_key,
	.title = items_title,
	.draw_header = items_draw_header,
	.draw_row = items_draw_row,
	.handle = items_handle,
};

/* ---- History: the selected item's updates ---- */

/* Whether pane->lines must be made again for item. */
static bool lines_stale(struct ui *ui, struct pane *pane, const struct ar_item *item)
{
	long id = item ? item->id : 0;
	bool stale = pane->lines_item != id || pane->lines_width != text_width(pane)
	             || pane->lines_generation != ui->tracker->generation || (!pane->lines.arena);
	if (pane->lines_item != id)
		pane->top = pane->selected = 0;
	pane->lines_item = id;
	pane->lines_width = text_width(pane);
	pane->lines_generation = ui->tracker->generation;
	return stale;
}

static void history_build(struct ui *ui, struct pane *pane)
{
	const struct ar_item *item = ui_selected_item(ui);
	if (lines_stale(ui, pane, item))
		ar_history_lines(&pane->lines, item, text_width(pane));
	pane->row_count = pane->lines.count;
}

static void history_title(struct ui *ui, struct pane *pane, struct ar_buf *out)
{
	const struct ar_item *item = ui_selected_item(ui);
	if (item)
		ar_buf_addf(out, " #%ld  %zu update%s", item->id, item->update_count, item->update_count == 1 ? "" : "s");
}

static bool history_handle(struct ui *ui, struct pane *pane, enum ar_action action)
{
	if (action == AR_ACTION_OPEN) {
		editor_open(ui);
		return true;
	}
	return false;
}

const struct pane_ops history_pane_ops = {
	.name = "History",
	.build = history_build,
	.title = history_title,
	.draw_row = text_draw_row,
	.handle = history_handle,
	.scroll_only = true,
};

/* ---- Editor: every field of the selected item ---- */

static void editor_build(struct ui *ui, struct pane *pane)
{
	const struct ar_item *item = ui_selected_item(ui);
	if (lines_stale(ui, pane, item))
		ar_record_lines(&pane->lines, ui->tracker, item, text_width(pane));
	pane->row_count = pane->lines.count;
}

/* A field and its index as one key. */
static long editor_row_key(struct ui *ui, struct pane *pane, size_t row)
{
	const struct ar_line *line = &pane->lines.items[row];
	return (long)(line->field + 1) * 100000L + (line->index + 1);
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
	case AR_ACTION_OPEN:
		return true;
	default:
		return false;
	}
}

const struct pane_ops editor_pane_ops = {
	.name = "Editor",
	.build = editor_build,
	.row_key = editor_row_key,
	.find_key = editor_find_key,
	.title = editor_title,
	.draw_row = text_draw_row,
	.handle = editor_handle,
};

void editor_open(struct ui *ui)
{
	if (!ui_selected_item(ui)) {
		ui_message(ui, AR_ROLE_ERROR, "No item to open: the list is empty");
		return;
	}
	struct pane *pane = &ui->panes[PANE_EDITOR];
	if (!ui->editor_open)
		pane->selected = pane->top = 0;
	ui->editor_open = true;
	pane->visible = true;
	ui_focus(ui, PANE_EDITOR);
}

void editor_close(struct ui *ui)
{
	ui->editor_open = false;
	ui->panes[PANE_EDITOR].visible = false;
	ui_focus(ui, PANE_ITEMS);
}

void editor_select_field(struct ui *ui, int field, int index)
{
	struct pane *pane = &ui->panes[PANE_EDITOR];
	/* As editor_row_key makes keys; the next build selects that row. */
	pane->key = (long)(field + 1) * 100000L + (index + 1);
	pane->has_key = true;
}

int editor_current_field(struct ui *ui, int *index)
{
	struct pane *pane = &ui->panes[PANE_EDITOR];
	if (!ui->editor_open || pane->selected >= pane->lines.count) {
		if (index)
			*index = -1;
		return AR_LINE_FIELD_NONE;
	}
	const struct ar_line *line = &pane->lines.items[pane->selected];
	if (index)
		*index = line->index;
	return line->field;
}

/* ---- Help: the action table ---- */

static void help_build(struct ui *ui, struct pane *pane)
{
	if (pane->lines_width != text_width(pane) || !pane->lines.arena) {
		ar_help_lines(&pane->lines, text_width(pane));
		pane->lines_width = text_width(pane);
	}
	pane->row_count = pane->lines.count;
}

static void help_title(struct ui *ui, struct pane *pane, struct ar_buf *out)
{
	ar_buf_adds(out, ": artrack keys  (q, Esc or ? closes)");
}

const struct pane_ops help_pane_ops = {
	.name = "Help",
	.build = help_build,
	.title = help_title,
	.draw_row = text_draw_row,
	.scroll_only = true,
};
