/* filter_line.c - `/`: the filter line at the bottom, narrowing the list on
 * every keystroke (htop's live filter), with earlier filters recalled by
 * Up/Down and kept between runs.
 *
 * The text is edited by the core's line editor (lineedit.h), as the Editor
 * pane's fields are, so both take the same keys.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "artrack/lineedit.h"
#include "artrack/text.h"
#include "ui_internal.h"

static void filter_key(struct ui *ui, int key);
static void filter_draw(struct ui *ui, int y);

static const struct input_mode filter_mode = {
	.key = filter_key,
	.draw = filter_draw,
	.hints = "Enter keep  Esc restore  Up/Down earlier filters",
};

static void set_text(struct filter_line *f, const char *text)
{
	ar_lineedit_free(&f->edit);
	ar_lineedit_init(&f->edit, text);
}

/* Put the text in force, or when it does not parse, say why and put back the
 * filter that was in force when the line was opened. */
static void apply(struct ui *ui)
{
	struct filter_line *f = &ui->filter;
	struct ar_error err;
	ar_error_clear(&err);
	if (ar_view_set_query(ui->view, ar_lineedit_text(&f->edit), &err) == AR_OK) {
		f->bad = false;
		ui->message[0] = '\0';
		return;
	}
	f->bad = true;
	ar_view_set_query(ui->view, f->saved, NULL);
	if (err.column > 0)
		ui_message(ui, AR_ROLE_ERROR, "Column %d: %s", err.column, err.message);
	else
		ui_message(ui, AR_ROLE_ERROR, "%s", err.message);
}

void filter_open(struct ui *ui)
{
	struct filter_line *f = &ui->filter;
	free(f->saved);
	f->saved = ar_xstrdup(ar_view_query(ui->view));
	set_text(f, f->saved);
	ui->input = &filter_mode;
	f->bad = false;
	f->browse = -1;
	free(f->draft);
	f->draft = NULL;
}

static void close_line(struct ui *ui)
{
	ui->input = NULL;
	ui->filter.browse = -1;
}

/* Remember the query here and in the history file; another artrack may have
 * added to the file since, so add to what is there now. */
static void remember(struct ui *ui, const char *query)
{
	ar_query_history_add(&ui->history, query);
	if (!ui->history_path)
		return;
	struct ar_query_history on_disk = { 0 };
	struct ar_error err;
	if (ar_query_history_load(&on_disk, ui->history_path, &err) == AR_OK) {
		ar_query_history_add(&on_disk, query);
		if (ar_query_history_save(&on_disk, ui->history_path, &err) != AR_OK)
			ui_message(ui, AR_ROLE_ERROR, "Filter history not kept: %s", err.message);
	}
	ar_query_history_free(&on_disk);
}

static void recall(struct ui *ui, int direction)
{
	struct filter_line *f = &ui->filter;
	size_t n = ui->history.count;
	if (n == 0)
		return;
	if (direction < 0) {
		if (f->browse == 0)
			return;
		if (f->browse < 0) {
			free(f->draft);
			f->draft = ar_xstrdup(ar_lineedit_text(&f->edit));
			f->browse = (long)n;
		}
		f->browse--;
		set_text(f, ui->history.entries[f->browse]);
	} else {
		if (f->browse < 0)
			return;
		f->browse++;
		if ((size_t)f->browse >= n) {
			f->browse = -1;
			set_text(f, f->draft ? f->draft : "");
		} else {
			set_text(f, ui->history.entries[f->browse]);
		}
	}
	apply(ui);
}

#define FIX_IT "Fix the filter or press Esc: "

static void filter_key(struct ui *ui, int key)
{
	struct filter_line *f = &ui->filter;
	char *before = ar_xstrdup(ar_lineedit_text(&f->edit));
	switch (key) {
	case AR_KEY_ENTER:
		if (f->bad) {
			/* Never drop what was typed: say so and let it be fixed. */
			if (strncmp(ui->message, FIX_IT, strlen(FIX_IT)) != 0) {
				char *why = ar_xstrdup(ui->message);
				ui_message(ui, AR_ROLE_ERROR, FIX_IT "%s", why);
				free(why);
			}
			break;
		}
		remember(ui, ar_lineedit_text(&f->edit));
		close_line(ui);
		if (!ui->message[0] || ui->message_role != AR_ROLE_ERROR)
			ui_message(ui, AR_ROLE_STATUS, "%zu of %zu items", ar_view_count(ui->view),
			           ar_view_total(ui->view));
		break;
	case AR_KEY_ESC:
	case AR_KEY_CTRL('c'): /* leaves the filter, not the program */
		ar_view_set_query(ui->view, f->saved, NULL);
		f->bad = false;
		ui->message[0] = '\0';
		close_line(ui);
		break;
	case AR_KEY_UP:
	case AR_KEY_DOWN:
		recall(ui, key == AR_KEY_UP ? -1 : 1); /* applies what it recalls */
		free(before);
		return;
	default: ui_lineedit_key(&f->edit, key); break;
	}
	/* Narrow on every change of the text (not on cursor moves). */
	if (ui->input == &filter_mode && strcmp(before, ar_lineedit_text(&f->edit)) != 0) {
		f->browse = -1;
		apply(ui);
	}
	free(before);
}

bool ui_lineedit_key(struct ar_lineedit *edit, int key)
{
	switch (key) {
	case AR_KEY_LEFT: ar_lineedit_apply(edit, AR_LE_LEFT); return true;
	case AR_KEY_RIGHT: ar_lineedit_apply(edit, AR_LE_RIGHT); return true;
	case AR_KEY_HOME: ar_lineedit_apply(edit, AR_LE_HOME); return true;
	case AR_KEY_END: ar_lineedit_apply(edit, AR_LE_END); return true;
	case AR_KEY_BACKSPACE: ar_lineedit_apply(edit, AR_LE_BACKSPACE); return true;
	case AR_KEY_DELETE: ar_lineedit_apply(edit, AR_LE_DELETE); return true;
	default:
		if (key > 0 && key < 0x20) {
			bool handled;
			ar_lineedit_ctrl(edit, (char)(key + 'a' - 1), &handled);
			return handled;
		}
		if (ar_key_is_text(key)) {
			char bytes[4];
			size_t n = ar_utf8_encode((uint32_t)key, bytes);
			ar_lineedit_insert(edit, bytes, n);
			return true;
		}
		return false;
	}
}

void ui_lineedit_draw(struct ui *ui, struct ar_lineedit *edit, int y, const char *prompt, enum ar_role prompt_role)
{
	struct ar_screen *s = ui->screen;
	ar_screen_fill(s, 0, y, s->width, 1, " ", AR_ROLE_NORMAL, 0);
	/* The prompt keeps at most half the row, so there is room to type. */
	int x = ar_screen_puts(s, 0, y, s->width / 2, prompt, prompt_role, 0);
	int room = s->width - x;
	if (room < 1)
		return;
	struct ar_lineedit_view v;
	ar_lineedit_view(edit, room, &v);
	ar_screen_put(s, x + v.lead, y, room - v.lead, ar_lineedit_text(edit) + v.start, v.len, AR_ROLE_NORMAL, 0);
	ar_screen_set_cursor(s, x + v.cursor_col, y);
}

static void filter_draw(struct ui *ui, int y)
{
	ui_lineedit_draw(ui, &ui->filter.edit, y, "/", AR_ROLE_PROMPT);
}

void filter_free(struct filter_line *f)
{
	ar_lineedit_free(&f->edit);
	free(f->saved);
	free(f->draft);
	*f = (struct filter_line){ 0 };
}
