/* stats_pane.c - the Stats pane (s): the items shown counted by status,
 * kind, response, RAG rating, meeting and lead, each count a bar, made
 * again from the view every frame so it follows the filter as it is typed.
 * A text to scroll. */
#include "config.h"

#include <stdlib.h>

#include "artrack/stats.h"
#include "artrack/text.h"
#include "panes.h"

/* The counts as last drawn. */
struct stats_pane {
	struct ar_stats stats;
};

static void stats_init(struct pane *pane)
{
	pane->data = ar_xcalloc(1, sizeof(struct stats_pane));
}

static void stats_free(struct pane *pane)
{
	struct stats_pane *p = pane->data;
	if (p)
		ar_stats_free(&p->stats);
	free(p);
	pane->data = NULL;
}

static void stats_build(struct ui *ui, struct pane *pane)
{
	struct stats_pane *p = pane->data;
	ar_stats_build(&p->stats, ui->tracker, ar_view_shown_counts(ui->view), ar_view_total(ui->view));
	pane->row_count = ar_stats_line_count(&p->stats);
}

/* Its labels borrow the tracker. */
static void stats_tracker_replaced(struct ui *ui, struct pane *pane)
{
	struct stats_pane *p = pane->data;
	ar_stats_free(&p->stats);
}

static void stats_title(struct ui *ui, struct pane *pane, struct ar_buf *out)
{
	ar_buf_adds(out, "  (s hides)");
}

static void stats_draw_row(struct ui *ui, struct pane *pane, size_t row, int y, unsigned attrs)
{
	struct stats_pane *p = pane->data;
	/* Block characters where the terminal's locale can show them. */
	ar_stats_draw_line(ui->screen, pane->x + 1, y, pane->width - 2, &p->stats, row, ar_locale_is_utf8());
}

/* Esc closes it, as it closes the Editor pane. */
static bool stats_handle(struct ui *ui, struct pane *pane, enum ar_action action)
{
	if (action != AR_ACTION_CLOSE)
		return false;
	ui_close_pane(ui, PANE_STATS);
	return true;
}

const struct pane_ops stats_pane_ops = {
	.name = "Stats",
	.init = stats_init,
	.free = stats_free,
	.build = stats_build,
	.title = stats_title,
	.draw_row = stats_draw_row,
	.handle = stats_handle,
	.tracker_replaced = stats_tracker_replaced,
	.hints = browsing_hints,
	.scroll_only = true,
};
