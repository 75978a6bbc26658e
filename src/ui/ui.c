/* ui.c - the terminal UI's main loop: load, lay out, draw, read a key, act.
 * The top of the tree (state.h): keys go to the input mode when one is open,
 * else become actions, which the focused pane takes first (ops->handle);
 * what it leaves is the program's (help, filter, sort, focus, undo, save,
 * quit) or a move. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "artrack/lock.h"
#include "artrack/text.h"
#include "edits.h"
#include "modes.h"
#include "panes.h"
#include "tags.h"
#include "term.h"

/* ---- layout ---- */

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void place(struct pane *pane, int x, int y, int width, int height)
{
	pane->x = x;
	pane->y = y;
	pane->width = width > 0 ? width : 0;
	pane->height = height > 0 ? height : 0;
}

/* Meetings on the left; Items over History (or over the Editor, which takes
 * more room); the status line at the bottom.  The lower area shows History
 * or, when open, the Editor pane - whichever has the focus, the Editor
 * otherwise - and the Stats pane when shown: beside them where the width
 * allows, else in their place while neither has the focus. */
static void layout(struct ui *ui)
{
	int w = ui->screen->width, h = ui->screen->height;
	int body = h - 1;
	int left = clamp(w / 5, 16, 30); /* "2023-09-21  20" and a margin */
	int right_x = left + 1, right_w = w - right_x;
	bool editor = ui->panes[PANE_EDITOR].open, help = ui->panes[PANE_HELP].open;
	bool stats = ui->panes[PANE_STATS].open;
	place(&ui->panes[PANE_MEETINGS], 0, 0, left, body);
	int items_h = editor ? clamp(body / 3, 4, body - 3) : clamp(body * 3 / 5, 5, body - 3);
	place(&ui->panes[PANE_ITEMS], right_x, 0, right_w, items_h);
	int stats_w = !stats ? 0 : right_w >= 100 ? clamp(right_w * 2 / 5, 40, 72) : right_w;
	bool beside = stats && stats_w < right_w;
	bool text_focused = ui->focus == PANE_HISTORY || ui->focus == PANE_EDITOR;
	bool text_shown = !stats || beside || text_focused;
	enum pane_id text = editor && ui->focus != PANE_HISTORY ? PANE_EDITOR : PANE_HISTORY;
	int text_w = beside ? right_w - stats_w - 1 : right_w;
	place(&ui->panes[PANE_HISTORY], right_x, items_h, text_w, body - items_h);
	place(&ui->panes[PANE_EDITOR], right_x, items_h, text_w, body - items_h);
	place(&ui->panes[PANE_STATS], right_x + right_w - stats_w, items_h, stats_w, body - items_h);
	place(&ui->panes[PANE_HELP], 0, 0, w, body);
	ui->panes[PANE_MEETINGS].visible = ui->panes[PANE_ITEMS].visible = !help;
	ui->panes[PANE_HISTORY].visible = !help && text_shown && text == PANE_HISTORY;
	ui->panes[PANE_EDITOR].visible = !help && text_shown && text == PANE_EDITOR;
	ui->panes[PANE_STATS].visible = !help && stats && (beside || !text_focused);
	ui->panes[PANE_HELP].visible = help;
}

/* ---- drawing ---- */

static void draw_too_small(struct ui *ui)
{
	struct ar_screen *s = ui->screen;
	char text[160];
	snprintf(text, sizeof text, "Terminal too small (%dx%d): artrack needs %dx%d. q quits.", s->width, s->height,
	         UI_MIN_WIDTH, UI_MIN_HEIGHT);
	struct ar_wrapped lines = { 0 };
	ar_text_wrap(text, strlen(text), s->width, &lines);
	int top = s->height > (int)lines.count ? (s->height - (int)lines.count) / 2 : 0;
	for (size_t i = 0; i < lines.count; i++) {
		int lw = lines.lines[i].width;
		int x = s->width > lw ? (s->width - lw) / 2 : 0;
		ar_screen_put(s, x, top + (int)i, s->width, text + lines.lines[i].start, lines.lines[i].len, AR_ROLE_NORMAL,
		              0);
	}
	ar_wrapped_free(&lines);
}

/* "? help  q quit  ..." from the action table: the focused pane's hint
 * actions, the first key of each, as many whole hints as fit in room
 * columns. */
static void add_hints(struct ui *ui, struct ar_buf *keys_and_words, int room)
{
	const enum ar_action *order = ui->panes[ui->focus].ops->hints;
	char name[32];
	for (size_t i = 0; order && order[i] != AR_ACTION_NONE; i++) {
		const struct ar_action_info *info = &ar_action_infos[order[i]];
		if (ui->read_only && (info->flags & (AR_AF_CHANGES | AR_AF_WRITES)))
			continue;
		for (size_t b = 0; b < ar_default_binding_count; b++) {
			if (ar_default_bindings[b].action != order[i])
				continue;
			char hint[64];
			snprintf(hint, sizeof hint, "  %s %s", ar_key_name(ar_default_bindings[b].key, name, sizeof name),
			         info->hint);
			int width = ar_text_width(hint, strlen(hint));
			if (width > room)
				return;
			room -= width;
			ar_buf_adds(keys_and_words, hint);
			break;
		}
	}
}

static void draw_status(struct ui *ui, int y)
{
	struct ar_screen *s = ui->screen;
	ar_screen_fill(s, 0, y, s->width, 1, " ", AR_ROLE_STATUS, 0);
	if (ui->input && ui->message[0]) {
		/* While typing, what is wrong with it gets the whole line. */
		ar_screen_puts(s, 1, y, s->width - 1, ui->message, ui->message_role, 0);
		return;
	}
	struct ar_buf left = { 0 };
	ar_buf_addf(&left, " %s", ui->file_name);
	if (ui->options->bundled)
		ar_buf_adds(&left, " [example, read-only]");
	else if (ui->read_only)
		ar_buf_adds(&left, " [read-only]");
	if (ui_unsaved_changes(ui))
		ar_buf_adds(&left, " [modified]");
	size_t tagged = tags_count(ui);
	if (tagged)
		ar_buf_addf(&left, " [%zu tagged]", tagged);
	int x = ar_screen_put(s, 0, y, s->width, left.data, left.len, AR_ROLE_STATUS, AR_ATTR_BOLD);
	ar_buf_free(&left);
	x += 2;
	if (x >= s->width)
		return;
	if (ui->message[0]) {
		ar_screen_puts(s, x, y, s->width - x, ui->message, ui->message_role, 0);
		return;
	}
	struct ar_buf hints = { 0 };
	if (ui->input) {
		ar_buf_adds(&hints, "  ");
		if (ui->input->status_hints)
			ar_mode_hints(ui->input->keys, "  ", &hints);
	} else {
		add_hints(ui, &hints, s->width - x - 1);
	}
	/* right-aligned when it fits */
	int hw = ar_text_width(hints.data, hints.len);
	int hx = s->width - hw - 1 > x ? s->width - hw - 1 : x;
	ar_screen_put(s, hx, y, s->width - hx, hints.data, hints.len, AR_ROLE_STATUS, 0);
	ar_buf_free(&hints);
}

static void render(struct ui *ui)
{
	int w, h;
	term_size(&w, &h);
	if (w != ui->screen->width || h != ui->screen->height)
		ar_screen_resize(ui->screen, w, h);
	else
		ar_screen_clear(ui->screen);
	ui->too_small = w < UI_MIN_WIDTH || h < UI_MIN_HEIGHT;
	if (ui->too_small) {
		draw_too_small(ui);
		return;
	}
	layout(ui);
	if (ui->panes[PANE_HELP].open) {
		pane_build(ui, &ui->panes[PANE_HELP]);
		pane_draw(ui, &ui->panes[PANE_HELP]);
	} else {
		struct pane *meetings = &ui->panes[PANE_MEETINGS];
		pane_build(ui, meetings);
		/* The meeting may have gone (an undone edit): follow the pane. */
		ar_date meeting = meetings->has_key ? (ar_date)meetings->key : AR_VIEW_ALL_MEETINGS;
		if (meeting != ar_view_meeting(ui->view))
			ar_view_set_meeting(ui->view, meeting);
		pane_build(ui, &ui->panes[PANE_ITEMS]);
		pane_draw(ui, meetings);
		pane_draw(ui, &ui->panes[PANE_ITEMS]);
		const enum pane_id lower[] = { PANE_HISTORY, PANE_EDITOR, PANE_STATS };
		for (size_t i = 0; i < sizeof lower / sizeof lower[0]; i++) {
			struct pane *pane = &ui->panes[lower[i]];
			if (!pane->visible)
				continue;
			pane_build(ui, pane);
			pane_draw(ui, pane);
			if (pane->x + pane->width < w) /* beside the Stats pane */
				ar_screen_fill(ui->screen, pane->x + pane->width, pane->y, 1, pane->height, "\xe2\x94\x82",
				               AR_ROLE_BORDER, 0);
		}
		ar_screen_fill(ui->screen, meetings->width, 0, 1, h - 1, "\xe2\x94\x82", AR_ROLE_BORDER, 0);
	}
	if (ui->input) {
		/* The input mode takes the bottom row; the status line sits above it. */
		draw_status(ui, h - 2);
		ui->input->draw(ui, h - 1);
	} else {
		draw_status(ui, h - 1);
	}
}

/* ---- input ---- */

/* Tab: Meetings, Items, History, the Editor pane when open, the Stats pane
 * when shown.  History and the Editor share the lower area, which shows
 * the one with the focus, so a pane may take it before it is on screen. */
static void cycle_focus(struct ui *ui, int direction)
{
	enum pane_id cycle[5];
	int n = 0, at = 1;
	cycle[n++] = PANE_MEETINGS;
	cycle[n++] = PANE_ITEMS;
	cycle[n++] = PANE_HISTORY;
	if (ui->panes[PANE_EDITOR].open)
		cycle[n++] = PANE_EDITOR;
	if (ui->panes[PANE_STATS].open)
		cycle[n++] = PANE_STATS;
	for (int i = 0; i < n; i++)
		if (cycle[i] == ui->focus)
			at = i;
	ui->focus = cycle[(at + n + direction) % n];
}

static void reverse_sort(struct ui *ui)
{
	bool descending;
	enum ar_sort_key key = ar_view_sort_key(ui->view, &descending);
	ar_view_set_sort(ui->view, key, !descending);
	ui_message(ui, AR_ROLE_STATUS, "Sorted by %s%s (R reverses)", descending ? "" : "-", ar_sort_key_names[key]);
}

static void toggle_stats(struct ui *ui)
{
	struct pane *stats = &ui->panes[PANE_STATS];
	if (!stats->open) {
		stats->open = true;
		stats->top = 0;
		/* Too narrow to stand beside the focused History or Editor pane,
		 * it would open behind it and s would seem to do nothing. */
		layout(ui);
		if (!stats->visible && (ui->focus == PANE_HISTORY || ui->focus == PANE_EDITOR))
			ui->focus = PANE_STATS;
	} else if (ui->focus == PANE_STATS) {
		ui_close_pane(ui, PANE_STATS);
	} else {
		stats->open = stats->visible = false;
	}
}

static void cycle_sort(struct ui *ui)
{
	bool descending;
	enum ar_sort_key key = ar_view_sort_key(ui->view, &descending);
	key = (enum ar_sort_key)((key + 1) % AR_SORT_COUNT);
	ar_view_set_sort(ui->view, key, false);
	ui_message(ui, AR_ROLE_STATUS, "Sorted by %s", ar_sort_key_names[key]);
}

static void refuse_read_only(struct ui *ui, enum ar_action action)
{
	if (ui->options->bundled)
		ui_message(ui, AR_ROLE_ERROR, "%s: the bundled example is read-only; copy it to work on it",
		           ar_action_infos[action].name);
	else
		ui_message(ui, AR_ROLE_ERROR, "%s: the file is open read-only", ar_action_infos[action].name);
}

static void open_help(struct ui *ui)
{
	struct pane *help = &ui->panes[PANE_HELP];
	help->open = help->visible = true;
	help->top = 0;
	ui->focus = PANE_HELP;
}

/* What the focused pane did not take. */
static void program_action(struct ui *ui, struct pane *pane, enum ar_action action)
{
	switch (action) {
	case AR_ACTION_QUIT:
		if (save_may_quit(ui)) {
			ui->quit = true;
			ui->exit_status = 0;
		}
		return;
	case AR_ACTION_HELP: open_help(ui); return;
	case AR_ACTION_FILTER: filter_open(ui); return;
	case AR_ACTION_CYCLE_SORT: cycle_sort(ui); return;
	case AR_ACTION_REVERSE_SORT: reverse_sort(ui); return;
	case AR_ACTION_STATS: toggle_stats(ui); return;
	case AR_ACTION_NEXT_PANE: cycle_focus(ui, 1); return;
	case AR_ACTION_PREV_PANE: cycle_focus(ui, -1); return;
	case AR_ACTION_REDRAW: term_invalidate(); return;
	case AR_ACTION_CLOSE:
		if (ui->panes[PANE_EDITOR].open)
			ui_close_pane(ui, PANE_EDITOR);
		return;
	case AR_ACTION_ADD_UPDATE: round_add_update(ui); return;
	case AR_ACTION_ADD_ITEM: round_new_item(ui, false); return;
	case AR_ACTION_COPY_ITEM: round_new_item(ui, true); return;
	case AR_ACTION_TAG: triage_tag(ui); return;
	case AR_ACTION_TAG_ALL: triage_tag_all(ui); return;
	case AR_ACTION_CHANGE: triage_change(ui); return;
	case AR_ACTION_ADD_MEETING: triage_add_meeting(ui); return;
	case AR_ACTION_DELETE: triage_delete(ui); return;
	case AR_ACTION_EDIT_YAML: round_edit_item(ui); return;
	case AR_ACTION_UNDO: field_undo(ui, false); return;
	case AR_ACTION_REDO: field_undo(ui, true); return;
	case AR_ACTION_SAVE: save_file(ui); return;
	case AR_ACTION_EDIT_FIELD:
	case AR_ACTION_ADD_LEAD:
	case AR_ACTION_REMOVE_LEAD:
	case AR_ACTION_MOVE_LEAD_UP:
	case AR_ACTION_MOVE_LEAD_DOWN: field_edit_elsewhere(ui, action); return;
	default: pane_move(ui, pane, action); return;
	}
}

static void dispatch(struct ui *ui, enum ar_action action)
{
	if (ui->read_only && (ar_action_infos[action].flags & (AR_AF_CHANGES | AR_AF_WRITES))) {
		refuse_read_only(ui, action);
		return;
	}
	struct pane *pane = &ui->panes[ui->focus];
	if (pane->ops->handle && pane->ops->handle(ui, pane, action))
		return;
	program_action(ui, pane, action);
}

/* The visible pane at x, y, or NULL. */
static struct pane *pane_at(struct ui *ui, int x, int y)
{
	for (int i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &ui->panes[i];
		if (p->visible && x >= p->x && x < p->x + p->width && y >= p->y && y < p->y + p->height)
			return p;
	}
	return NULL;
}

static void mouse(struct ui *ui, const struct term_event *ev)
{
	if (ui->too_small || ui->input)
		return;
	struct pane *pane = pane_at(ui, ev->x, ev->y);
	if (!pane)
		return;
	if (ev->key == AR_KEY_WHEEL_UP || ev->key == AR_KEY_WHEEL_DOWN) {
		pane_scroll(ui, pane, ev->key == AR_KEY_WHEEL_UP ? -3 : 3);
		return;
	}
	if (!ui->panes[PANE_HELP].open)
		ui_focus(ui, pane->id);
	int list_y = pane->y + 1 + pane->header_rows;
	if (pane->ops->scroll_only || ev->y < list_y)
		return;
	size_t row = pane->top + (size_t)(ev->y - list_y);
	if (row < pane->row_count)
		pane_select(ui, pane, row);
}

static void handle_event(struct ui *ui, const struct term_event *ev)
{
	switch (ev->key) {
	case AR_KEY_EOF:
		ui->quit = true;
		ui->input_ended = true;
		return;
	case AR_KEY_RESIZE: return; /* the next frame is laid out for the new size */
	case AR_KEY_MOUSE_PRESS:
	case AR_KEY_WHEEL_UP:
	case AR_KEY_WHEEL_DOWN: mouse(ui, ev); return;
	default: break;
	}
	if (ui->input) {
		ui->input->key(ui, ev->key);
		return;
	}
	ui->message[0] = '\0';
	enum ar_action action = ar_action_for_key(ev->key);
	if (action == AR_ACTION_NONE) {
		char name[32];
		ui_message(ui, AR_ROLE_STATUS, "%s does nothing here; ? lists the keys",
		           ar_key_name(ev->key, name, sizeof name));
		return;
	}
	dispatch(ui, action);
}

/* ---- start and end ---- */

static void out_of_memory(size_t requested)
{
	term_close();
	ar_lock_release_from_signal(); /* allocates nothing */
	fprintf(stderr, "artrack: out of memory (asked for %zu bytes)\n", requested);
	_exit(1);
}

static bool load(struct ui *ui)
{
	struct ar_diags diags = { 0 };
	enum ar_rc rc = ar_load_file(ui->path, &ui->tracker, &diags, &ui->load_info);
	if (rc == AR_EDATA && conflicts_open(ui, &diags)) {
		ar_diags_free(&diags);
		return true;
	}
	if (rc != AR_OK) {
		/* As `artrack check` reports them. */
		struct ar_buf text = { 0 };
		ar_diags_sort(&diags);
		ar_diags_format(&text, ui->path, &diags, "error");
		if (text.len)
			fputs(text.data, stderr);
		ar_buf_free(&text);
		if (diags.count == 0)
			fprintf(stderr, "%s: error: cannot be loaded\n", ui->path);
	}
	ar_diags_free(&diags);
	return rc == AR_OK;
}

static void ui_free(struct ui *ui)
{
	for (int i = 0; i < PANE_COUNT; i++) {
		ar_lines_free(&ui->panes[i].lines);
		if (ui->panes[i].ops->free)
			ui->panes[i].ops->free(&ui->panes[i]);
	}
	filter_free(ui);
	ui_prompt_free(ui);
	ui_sides_free(ui);
	field_edits_free(ui);
	rounds_free(ui);
	triage_free(ui);
	tags_free(ui);
	conflicts_free(ui);
	ar_screen_free(ui->screen);
	ar_view_free(ui->view);
	ar_tracker_free(ui->tracker);
}

int ar_ui_run(const struct ar_ui_options *options)
{
	setlocale(LC_ALL, "");
	struct ui ui_value = { 0 }, *ui = &ui_value;
	ui->options = options;
	ui_set_path(ui, options->path);
	ui->read_only = options->read_only || options->bundled;
	ui->today = options->today ? options->today : ar_date_today();
	if (!options->bundled && !ui->read_only && access(ui->path, F_OK) != 0 && errno == ENOENT) {
		/* As vim does for a new file, but asking first: a typo should not
		 * leave a stray file behind. */
		ui->tracker = ar_tracker_new();
		ui->file_missing = true;
	} else if (!load(ui)) {
		return 1;
	}
	ui->view = ar_view_new(ui->tracker, ui->today);
	const struct pane_ops *ops[PANE_COUNT] = { &meetings_pane_ops, &items_pane_ops, &history_pane_ops,
		                                   &editor_pane_ops, &stats_pane_ops, &help_pane_ops };
	for (int i = 0; i < PANE_COUNT; i++) {
		ui->panes[i].ops = ops[i];
		ui->panes[i].id = (enum pane_id)i;
		ui->panes[i].lines_item = -1;
		if (ops[i]->init)
			ops[i]->init(&ui->panes[i]);
	}
	ui->panes[PANE_MEETINGS].visible = ui->panes[PANE_ITEMS].visible = ui->panes[PANE_HISTORY].visible = true;
	ui->focus = PANE_ITEMS;
	filter_init(ui);
	save_open(ui);

	/* The command line's handler (a message, status 1) comes back once the
	 * terminal is the shell's again. */
	ar_nomem_handler outer_nomem = ar_set_nomem_handler(out_of_memory);
	char err[200];
	if (!term_open(err, (int)sizeof err)) {
		fprintf(stderr, "artrack: %s\n", err);
		save_close(ui);
		ui_free(ui);
		ar_set_nomem_handler(outer_nomem);
		return 1;
	}
	int w, h;
	term_size(&w, &h);
	ui->screen = ar_screen_new(w, h);
	if (ui->file_missing && !ui->read_only)
		save_offer_create(ui);
	while (!ui->quit) {
		conflicts_start(ui); /* once no other question is open */
		render(ui);
		term_draw(ui->screen);
		struct term_event ev = term_read();
		handle_event(ui, &ev);
		/* an edit the journal could not keep: say so, editing goes on */
		const char *lost = journal_error(ui);
		if (lost)
			ui_message(ui, AR_ROLE_ERROR, "%s", lost);
	}
	int sig = term_signal_pending();
	term_close();
	ar_set_nomem_handler(outer_nomem);
	/* Ended without the officer's word (input gone, a signal): nothing
	 * unsaved may be lost. */
	if (ui->input_ended)
		save_rescue(ui);
	save_close(ui);
	ui_free(ui);
	return sig ? 128 + sig : ui->exit_status;
}
