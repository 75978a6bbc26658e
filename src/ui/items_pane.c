/* items_pane.c - the Items pane: the view's rows (the filtered, sorted
 * items), with column headings; Enter opens the Editor pane. */
#include "config.h"

#include <stdlib.h>

#include "panes.h"
#include "tags.h"

/* The first column marks tagged items. */
#define MARK_WIDTH 1

/* The row layout, and what it needs of the tracker at generation (the
 * largest id, whether any item is due on a day), looked up once per change. */
/* The item the officer last chose in each meeting (AR_VIEW_ALL_MEETINGS
 * for all), so leaving a meeting and coming back selects that item again,
 * not whatever sits at its row now. */
struct chosen {
	ar_date meeting;
	long id;
};

struct items_pane {
	struct chosen *chosen;
	size_t chosen_count;
	struct ar_item_columns columns;
	long max_id;
	bool day_dues;
	const struct ar_tracker *tracker;
	uint64_t generation;
};

static void items_init(struct pane *pane)
{
	pane->data = ar_xcalloc(1, sizeof(struct items_pane));
}

static void items_free(struct pane *pane)
{
	struct items_pane *p = pane->data;
	if (p)
		free(p->chosen);
	free(p);
	pane->data = NULL;
}

static struct chosen *chosen_in(struct items_pane *p, ar_date meeting)
{
	for (size_t i = 0; i < p->chosen_count; i++)
		if (p->chosen[i].meeting == meeting)
			return &p->chosen[i];
	return NULL;
}

/* The officer moved the selection: that is the item of this meeting. */
static void items_selected(struct ui *ui, struct pane *pane)
{
	struct items_pane *p = pane->data;
	ar_date meeting = ar_view_meeting(ui->view);
	struct chosen *c = chosen_in(p, meeting);
	if (!c) {
		p->chosen = ar_xreallocarray(p->chosen, p->chosen_count + 1, sizeof *p->chosen);
		c = &p->chosen[p->chosen_count++];
		c->meeting = meeting;
	}
	c->id = ar_view_id(ui->view, pane->selected);
}

static void items_build(struct ui *ui, struct pane *pane)
{
	struct items_pane *p = pane->data;
	pane->row_count = ar_view_count(ui->view);
	pane->header_rows = pane->height >= 3 ? 1 : 0;
	if (p->tracker != ui->tracker || p->generation != ui->tracker->generation) {
		p->max_id = ar_tracker_max_id(ui->tracker);
		p->day_dues = false;
		for (size_t i = 0; i < ui->tracker->item_count && !p->day_dues; i++)
			p->day_dues = ui->tracker->items[i]->due % 100 != 0; /* yyyymmdd, dd 0 for a month */
		p->tracker = ui->tracker;
		p->generation = ui->tracker->generation;
	}
	struct ar_item_layout layout = { .width = pane->width - MARK_WIDTH, .max_id = p->max_id,
	                                 .day_dues = p->day_dues, .sort = ar_view_sort_key(ui->view, NULL) };
	ar_item_columns_fit(&p->columns, &layout);
}

/* The cache is keyed by the tracker's address: a new tracker may have the old one's. */
static void items_tracker_replaced(struct ui *ui, struct pane *pane)
{
	struct items_pane *p = pane->data;
	p->tracker = NULL;
}

static long items_row_key(struct ui *ui, struct pane *pane, size_t row)
{
	return ar_view_id(ui->view, row);
}

/* The item last chosen in this meeting, when it is shown (so the selection
 * comes back to it however often the meeting, the filter or the sort
 * changed meanwhile); else the item selected before; else -1 (the row
 * stays). */
static long items_find_key(struct ui *ui, struct pane *pane, long key)
{
	const struct chosen *c = chosen_in(pane->data, ar_view_meeting(ui->view));
	long row = c ? ar_view_row_of(ui->view, c->id) : -1;
	return row >= 0 ? row : ar_view_row_of(ui->view, key);
}

static void items_title(struct ui *ui, struct pane *pane, struct ar_buf *out)
{
	bool descending;
	enum ar_sort_key sort = ar_view_sort_key(ui->view, &descending);
	ar_buf_addf(out, " %zu/%zu  sort: %s%s", ar_view_count(ui->view), ar_view_total(ui->view),
	            descending ? "-" : "", ar_sort_key_names[sort]);
	ar_date meeting = ar_view_meeting(ui->view);
	if (meeting == AR_VIEW_NO_MEETING) {
		ar_buf_adds(out, "  meeting: none");
	} else if (meeting != AR_VIEW_ALL_MEETINGS) {
		char date[AR_DATE_TEXT_MAX];
		ar_buf_addf(out, "  meeting: %s", ar_date_format(meeting, date));
	}
	const char *query = ar_view_query(ui->view);
	if (query && *query)
		ar_buf_addf(out, "  filter: %s", query);
}

static void items_draw_header(struct ui *ui, struct pane *pane, int y)
{
	struct items_pane *p = pane->data;
	ar_item_header_draw(ui->screen, pane->x + MARK_WIDTH, y, &p->columns, AR_ROLE_LABEL, 0);
}

static void items_draw_row(struct ui *ui, struct pane *pane, size_t row, int y, unsigned attrs)
{
	struct items_pane *p = pane->data;
	const struct ar_item *item = ar_view_item(ui->view, row);
	if (!item)
		return;
	bool tagged = tags_has(ui, item->id);
	ar_screen_put(ui->screen, pane->x, y, MARK_WIDTH, tagged ? "*" : " ", 1, tagged ? AR_ROLE_PROMPT : AR_ROLE_NORMAL,
	              attrs | (tagged ? AR_ATTR_BOLD : 0));
	struct ar_item_row_context ctx = { .today = ui->today, .response_days = ar_tracker_response_days(ui->tracker),
	                                   .query = ar_view_parsed_query(ui->view) };
	ar_item_row_draw(ui->screen, pane->x + MARK_WIDTH, y, &p->columns, item, &ctx, attrs);
}

const struct pane_ops items_pane_ops = {
	.name = "Items",
	.init = items_init,
	.free = items_free,
	.build = items_build,
	.row_key = items_row_key,
	.find_key = items_find_key,
	.selected = items_selected,
	.title = items_title,
	.draw_header = items_draw_header,
	.draw_row = items_draw_row,
	.handle = ui_open_editor_on_enter,
	.tracker_replaced = items_tracker_replaced,
	.hints = browsing_hints,
};
