/* state.c - the UI's shared state and its small accessors (state.h): the
 * messages, the selection, the focus, which panes are open, the file's name
 * and tracker.  Calls only pane.c and the core. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "artrack/compare.h"
#include "artrack/text.h"
#include "state.h"

void ui_message(struct ui *ui, enum ar_role role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->message_role = role;
}

void ui_dates_brought(const struct ar_item *before, const struct ar_item *after, int field, char *note, size_t size)
{
	char d1[AR_DATE_TEXT_MAX], d2[AR_DATE_TEXT_MAX];
	/* Only the officer's field was set, so a date that appeared beside it
	 * came with it. */
	bool responded = before && after && field != AR_ITEM_KEY_RESPONDED && !before->responded && after->responded;
	bool closed = before && after && field != AR_ITEM_KEY_CLOSED_ON && !before->closed_on && after->closed_on;
	if (responded && closed)
		snprintf(note, size, ", responded %s, closed_on %s", ar_date_format(after->responded, d1),
		         ar_date_format(after->closed_on, d2));
	else if (responded || closed)
		snprintf(note, size, ", %s %s", responded ? "responded" : "closed_on",
		         ar_date_format(responded ? after->responded : after->closed_on, d1));
	else if (size)
		note[0] = '\0';
}

const struct ar_item *ui_selected_item(struct ui *ui)
{
	struct pane *items = &ui->panes[PANE_ITEMS];
	if (ar_view_count(ui->view) == 0)
		return NULL;
	/* The pane's rows may be a frame old: follow the key, not the row. */
	if (items->has_key) {
		long row = ar_view_row_of(ui->view, items->key);
		if (row >= 0)
			return ar_view_item(ui->view, (size_t)row);
	}
	size_t row = items->selected < ar_view_count(ui->view) ? items->selected : ar_view_count(ui->view) - 1;
	return ar_view_item(ui->view, row);
}

const struct ar_item *ui_selected_item_or_say(struct ui *ui)
{
	const struct ar_item *item = ui_selected_item(ui);
	if (!item)
		ui_message(ui, AR_ROLE_ERROR, "No item: the list is empty (/ changes the filter)");
	return item;
}

void ui_select_item(struct ui *ui, long id)
{
	struct pane *items = &ui->panes[PANE_ITEMS];
	long row = ar_view_row_of(ui->view, id);
	if (row >= 0) {
		items->row_count = ar_view_count(ui->view);
		pane_select(ui, items, (size_t)row);
	}
}

const char *ui_select_item_note(struct ui *ui, long id)
{
	if (id <= 0)
		return "";
	if (ar_view_row_of(ui->view, id) < 0)
		return " (not shown under the current filter)";
	ui_select_item(ui, id);
	return "";
}

void ui_focus(struct ui *ui, enum pane_id id)
{
	if (ui->panes[id].visible)
		ui->focus = id;
}

bool ui_open_editor(struct ui *ui)
{
	if (!ui_selected_item(ui)) {
		ui_message(ui, AR_ROLE_ERROR, "No item to open: the list is empty");
		return false;
	}
	struct pane *pane = &ui->panes[PANE_EDITOR];
	if (!pane->open)
		pane->selected = pane->top = 0;
	pane->open = pane->visible = true;
	ui_focus(ui, PANE_EDITOR);
	return true;
}

bool ui_open_editor_on_enter(struct ui *ui, struct pane *pane, enum ar_action action)
{
	if (action != AR_ACTION_OPEN)
		return false;
	ui_open_editor(ui);
	return true;
}

void ui_close_pane(struct ui *ui, enum pane_id id)
{
	ui->panes[id].open = ui->panes[id].visible = false;
	ui->focus = PANE_ITEMS;
}

bool ui_unsaved_changes(const struct ui *ui)
{
	return ui->edits && ar_edits_is_dirty(ui->edits);
}

void ui_set_path(struct ui *ui, const char *path)
{
	ui->path = path;
	const char *slash = strrchr(path, '/');
	ui->file_name = slash ? slash + 1 : path;
}

void ui_replace_tracker(struct ui *ui, struct ar_tracker *tracker, const struct ar_load_info *info)
{
	bool descending;
	enum ar_sort_key sort = ar_view_sort_key(ui->view, &descending);
	struct ar_view *view = ar_view_new(tracker, ui->today);
	ar_view_set_sort(view, sort, descending);
	/* The query parsed before; it parses again. */
	ar_view_set_query(view, ar_view_query(ui->view), NULL);
	ar_view_set_meeting(view, ar_view_meeting(ui->view));
	/* The panes' lines and caches borrow the old tracker: drop them first. */
	for (int i = 0; i < PANE_COUNT; i++)
		if (ui->panes[i].ops->tracker_replaced)
			ui->panes[i].ops->tracker_replaced(ui, &ui->panes[i]);
	ar_view_free(ui->view);
	ar_tracker_free(ui->tracker);
	ui->view = view;
	ui->tracker = tracker;
	if (info)
		ui->load_info = *info;
}

void ui_value_brief(struct ar_buf *out, const char *value, size_t len, int width)
{
	int used;
	if (width <= 0 || memchr(value, '\n', len))
		return;
	if (!len)
		ar_buf_adds(out, " (none)");
	else if (ar_text_fit(value, len, width, &used) == len)
		ar_buf_addf(out, " (%.*s)", (int)len, value);
	else
		ar_buf_addf(out, " (%.*s\xe2\x80\xa6)", (int)ar_text_fit(value, len, width - 1, &used), value);
}

static void brief(struct ar_buf *out, const struct ar_buf *v, int width)
{
	ui_value_brief(out, v->data, v->len, width);
}

static void field_brief(struct ar_buf *out, const struct ar_item *item, const char *field, int width)
{
	for (size_t f = 0; item && f < ar_item_field_count; f++)
		if (ar_str_equal(ar_item_fields[f].name, field) && !ar_item_fields[f].long_text) {
			struct ar_buf v = { 0 };
			ar_buf_adds(&v, "");
			ar_item_fields[f].show(&v, item);
			brief(out, &v, width);
			ar_buf_free(&v);
		}
}

int ui_brief_next_width(int width)
{
	return width > 12 ? width - 4 : width > 0 ? 0 : -1;
}

void ui_place_brief(struct ar_buf *out, const struct ar_tracker *t, long id, ar_date meeting, const char *field,
                    int width)
{
	struct ar_buf v = { 0 };
	ar_buf_adds(&v, "");
	if (id) {
		field_brief(out, ar_tracker_find_item(t, id), field, width);
	} else if (meeting != AR_DATE_NONE) {
		const struct ar_meeting *m = ar_tracker_find_meeting(t, meeting);
		if (m && strcmp(field, "title") == 0) {
			ar_buf_adds(&v, m->title ? m->title : "");
			brief(out, &v, width);
		}
	} else {
		for (size_t f = 0; f < ar_tracker_field_count; f++)
			if (strcmp(ar_tracker_fields[f].name, field) == 0) {
				ar_tracker_fields[f].show(&v, t);
				brief(out, &v, width);
			}
	}
	ar_buf_free(&v);
}
