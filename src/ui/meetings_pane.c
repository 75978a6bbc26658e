/* meetings_pane.c - the Meetings pane: All items, the meetings newest first,
 * No meeting; the selection restricts the view to one of them. */
#include "config.h"

#include <stdlib.h>

#include "panes.h"

/* The rows after "All items": positions in tracker->meetings, newest first,
 * then "No meeting" when an item has none. */
struct meeting_rows {
	size_t *order;
	size_t count;
	bool none_row;
	const struct ar_tracker *tracker;  /* what they were made from */
	uint64_t generation;
};

static void meetings_init(struct pane *pane)
{
	pane->data = ar_xcalloc(1, sizeof(struct meeting_rows));
}

static void meetings_free(struct pane *pane)
{
	struct meeting_rows *m = pane->data;
	if (m)
		free(m->order);
	free(m);
	pane->data = NULL;
}

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
	struct meeting_rows *m = pane->data;
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

/* The cache is keyed by the tracker's address: a new tracker may have the old one's. */
static void meetings_tracker_replaced(struct ui *ui, struct pane *pane)
{
	struct meeting_rows *m = pane->data;
	m->tracker = NULL;
}

static long meetings_row_key(struct ui *ui, struct pane *pane, size_t row)
{
	const struct meeting_rows *m = pane->data;
	if (row == 0)
		return AR_VIEW_ALL_MEETINGS;
	if (row - 1 < m->count)
		return ui->tracker->meetings[m->order[row - 1]].date;
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
	const struct meeting_rows *m = pane->data;
	const struct ar_view_counts *counts = ar_view_counts(ui->view);
	char date[AR_DATE_TEXT_MAX];
	const char *label;
	size_t count;
	if (row == 0) {
		label = "All items";
		count = counts->matching;
	} else if (row - 1 < m->count) {
		size_t i = m->order[row - 1];
		label = ar_date_format(ui->tracker->meetings[i].date, date);
		count = counts->per_meeting ? counts->per_meeting[i] : 0;
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
	ar_view_set_meeting(ui->view, pane->has_key ? (ar_date)pane->key : AR_VIEW_ALL_MEETINGS);
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
	.init = meetings_init,
	.free = meetings_free,
	.build = meetings_build,
	.row_key = meetings_row_key,
	.find_key = meetings_find_key,
	.draw_row = meetings_draw_row,
	.selected = meetings_selected,
	.handle = meetings_handle,
	.tracker_replaced = meetings_tracker_replaced,
	.hints = browsing_hints,
};
