/* filter_line.c - `/`: the filter line at the bottom, narrowing the list on
 * every keystroke (htop's live filter), with earlier filters recalled by
 * Up/Down and kept between runs.  Its keys are AR_MODE_FILTER's table, then
 * the line-editing keys (line_input.c) the fields share.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "artrack/query_history.h"
#include "modes.h"

struct filter_line {
	struct ar_lineedit edit;
	char *saved;               /* the query in force when `/` was pressed */
	bool bad;                  /* the text does not parse: saved is in force */
	long browse;               /* index into the history while recalling, or -1 */
	char *draft;               /* what was typed before recalling */
	struct ar_query_history history;
	char *history_path;        /* NULL: no place to keep it */
};

static void filter_key(struct ui *ui, int key);
static void filter_draw(struct ui *ui, int y);

static const struct input_mode filter_mode = {
	.keys = AR_MODE_FILTER,
	.status_hints = true,
	.key = filter_key,
	.draw = filter_draw,
};

void filter_init(struct ui *ui)
{
	struct filter_line *f = ar_xcalloc(1, sizeof *f);
	ui->filter = f;
	f->browse = -1;
	f->history_path = ar_query_history_path();
	if (f->history_path) {
		struct ar_error err;
		if (ar_query_history_load(&f->history, f->history_path, &err) != AR_OK)
			ui_message(ui, AR_ROLE_ERROR, "Filter history not read: %s", err.message);
	}
}

static void set_text(struct filter_line *f, const char *text)
{
	ar_lineedit_free(&f->edit);
	ar_lineedit_init(&f->edit, text);
}

/* Put the text in force, or when it does not parse, say why (the query's
 * message names the column where that helps, as on the command line) and
 * put back the filter that was in force when the line was opened. */
static void apply(struct ui *ui)
{
	struct filter_line *f = ui->filter;
	struct ar_error err;
	ar_error_clear(&err);
	if (ar_view_set_query(ui->view, ar_lineedit_text(&f->edit), &err) == AR_OK) {
		f->bad = false;
		ui->message[0] = '\0';
		return;
	}
	f->bad = true;
	ar_view_set_query(ui->view, f->saved, NULL);
	ui_message(ui, AR_ROLE_ERROR, "%s", err.message);
}

void filter_open(struct ui *ui)
{
	struct filter_line *f = ui->filter;
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
	ui->filter->browse = -1;
}

/* Remember the query here and in the history file; another artrack may have
 * added to the file since, so add to what is there now. */
static void remember(struct ui *ui, const char *query)
{
	struct filter_line *f = ui->filter;
	ar_query_history_add(&f->history, query);
	if (!f->history_path)
		return;
	struct ar_query_history on_disk = { 0 };
	struct ar_error err;
	if (ar_query_history_load(&on_disk, f->history_path, &err) == AR_OK) {
		ar_query_history_add(&on_disk, query);
		if (ar_query_history_save(&on_disk, f->history_path, &err) != AR_OK)
			ui_message(ui, AR_ROLE_ERROR, "Filter history not kept: %s", err.message);
	}
	ar_query_history_free(&on_disk);
}

static void recall(struct ui *ui, int direction)
{
	struct filter_line *f = ui->filter;
	size_t n = f->history.count;
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
		set_text(f, f->history.entries[f->browse]);
	} else {
		if (f->browse < 0)
			return;
		f->browse++;
		if ((size_t)f->browse >= n) {
			f->browse = -1;
			set_text(f, f->draft ? f->draft : "");
		} else {
			set_text(f, f->history.entries[f->browse]);
		}
	}
	apply(ui);
}

#define FIX_IT "Fix the filter or press Esc: "

static void filter_key(struct ui *ui, int key)
{
	struct filter_line *f = ui->filter;
	char *before = ar_xstrdup(ar_lineedit_text(&f->edit));
	int op = ar_mode_op(AR_MODE_FILTER, key);
	switch (op) {
	case AR_FILTER_KEEP:
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
	case AR_FILTER_RESTORE: /* Ctrl-C too: it leaves the filter, not the program */
		ar_view_set_query(ui->view, f->saved, NULL);
		f->bad = false;
		ui->message[0] = '\0';
		close_line(ui);
		break;
	case AR_FILTER_OLDER:
	case AR_FILTER_NEWER:
		recall(ui, op == AR_FILTER_OLDER ? -1 : 1); /* applies what it recalls */
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

/* The line, and the query language on one line at its right while there
 * is room beside what is typed (over an empty line, as much as fits). */
static void filter_draw(struct ui *ui, int y)
{
	struct ar_screen *s = ui->screen;
	ui_lineedit_draw(ui, &ui->filter->edit, y, "/", AR_ROLE_PROMPT);
	const char *typed = ar_lineedit_text(&ui->filter->edit);
	int used = 1 + ar_text_width(typed, strlen(typed)) + 2;
	int hint_w = ar_text_width(ar_query_syntax_hint, strlen(ar_query_syntax_hint));
	if (used + hint_w <= s->width)
		ar_screen_puts(s, s->width - hint_w, y, hint_w, ar_query_syntax_hint, AR_ROLE_LABEL, AR_ATTR_DIM);
	else if (!*typed && used < s->width)
		ar_screen_puts(s, used, y, s->width - used, ar_query_syntax_hint, AR_ROLE_LABEL, AR_ATTR_DIM);
}

void filter_free(struct ui *ui)
{
	struct filter_line *f = ui->filter;
	if (!f)
		return;
	ar_lineedit_free(&f->edit);
	free(f->saved);
	free(f->draft);
	ar_query_history_free(&f->history);
	free(f->history_path);
	free(f);
	ui->filter = NULL;
}
