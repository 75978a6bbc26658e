/* help_pane.c - `?`: every key, from the action table and the input modes'
 * key tables (actions.h), over the whole screen until closed. */
#include "config.h"

#include "panes.h"

static const enum ar_action help_hints[] = { AR_ACTION_MOVE_DOWN, AR_ACTION_CLOSE, AR_ACTION_NONE };

static void help_build(struct ui *ui, struct pane *pane)
{
	if (pane->lines_width != text_pane_width(pane) || !pane->lines.arena) {
		ar_help_lines(&pane->lines, text_pane_width(pane));
		pane->lines_width = text_pane_width(pane);
	}
	pane->row_count = pane->lines.count;
}

static void help_title(struct ui *ui, struct pane *pane, struct ar_buf *out)
{
	ar_buf_adds(out, ": artrack keys  (q, Esc or ? closes)");
}

/* While it is open, the help takes every action: it closes, or it scrolls. */
static bool help_handle(struct ui *ui, struct pane *pane, enum ar_action action)
{
	switch (action) {
	case AR_ACTION_CLOSE:
	case AR_ACTION_HELP:
	case AR_ACTION_QUIT: ui_close_pane(ui, PANE_HELP); return true;
	case AR_ACTION_REDRAW: return false;
	default: pane_move(ui, pane, action); return true;
	}
}

const struct pane_ops help_pane_ops = {
	.name = "Help",
	.build = help_build,
	.title = help_title,
	.draw_row = text_pane_draw_row,
	.handle = help_handle,
	.hints = help_hints,
	.scroll_only = true,
};
