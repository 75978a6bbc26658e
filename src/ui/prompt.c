/* prompt.c - the small input modes editing needs: a question answered by
 * one key (save, discard or stay?), a pick list in a popup (status:
 * open / in-progress / completed / closed), and a field typed on the bottom
 * row with the line editor, checked as it is typed.
 *
 * Each takes the keys and the bottom row while it is open (struct
 * input_mode), as the filter line does; the status line above it shows
 * ui->message, so a reason or an error stays in sight while the officer
 * answers.  Only one is open at a time; its state is ui->prompt, and what
 * the answer is about is the caller's context pointer, handed back to the
 * callback.  The keys are AR_MODE_QUESTION's (or a question's own table,
 * ui_ask_mode), AR_MODE_PICK's and AR_MODE_FIELD's tables (actions.h), then
 * the line-editing keys.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/text.h"
#include "modes.h"

struct ui_prompt {
	char question[AR_ERROR_MESSAGE_MAX + 200];   /* a question, or the field's label */
	void *ctx;                  /* the caller's, for the callback */
	/* a question answered by one key */
	char keys[16];
	bool escape;                /* Esc (and Ctrl-C) answer AR_KEY_ESC */
	ui_answer_fn answer;
	/* a question answered by one of a mode's keys */
	struct input_mode mode;     /* its table */
	unsigned offered;           /* the operations it offers, 1u << op */
	/* a pick list */
	const char *const *choices;
	int choice_count;
	int choice;
	int anchor_x, anchor_y;     /* the popup opens below (or above) this cell */
	ui_chosen_fn chosen;
	/* a line of text */
	struct ar_lineedit edit;
	ui_check_fn check;
	ui_accept_fn accept;
};

/* The prompt's state, made on first use; question set, the rest as a new prompt. */
static struct ui_prompt *prompt_start(struct ui *ui, const char *question, void *ctx)
{
	if (!ui->prompt)
		ui->prompt = ar_xcalloc(1, sizeof *ui->prompt);
	struct ui_prompt *p = ui->prompt;
	snprintf(p->question, sizeof p->question, "%s", question);
	p->ctx = ctx;
	return p;
}

static void close_prompt(struct ui *ui)
{
	ui->input = NULL;
	ar_lineedit_free(&ui->prompt->edit);
}

void ui_prompt_free(struct ui *ui)
{
	if (!ui->prompt)
		return;
	ar_lineedit_free(&ui->prompt->edit);
	free(ui->prompt);
	ui->prompt = NULL;
}

/* ---- a question answered by one key ---- */

static void ask_key(struct ui *ui, int key)
{
	struct ui_prompt *p = ui->prompt;
	ui_answer_fn answer = p->answer;
	if (ar_mode_op(AR_MODE_QUESTION, key) == AR_QUESTION_CANCEL) {
		if (p->escape) {
			close_prompt(ui);
			answer(ui, p->ctx, AR_KEY_ESC);
		}
		return;
	}
	int lower = key >= 'A' && key <= 'Z' ? key - 'A' + 'a' : key;
	if (lower > 0 && lower < 0x80 && strchr(p->keys, lower)) {
		close_prompt(ui);
		answer(ui, p->ctx, lower);
	}
}

static void ask_draw(struct ui *ui, int y)
{
	struct ar_screen *s = ui->screen;
	ar_screen_fill(s, 0, y, s->width, 1, " ", AR_ROLE_NORMAL, 0);
	int x = ar_screen_puts(s, 0, y, s->width, ui->prompt->question, AR_ROLE_PROMPT, AR_ATTR_BOLD);
	ar_screen_set_cursor(s, x < s->width ? x : s->width - 1, y);
}

static const struct input_mode ask_mode = {
	.keys = AR_MODE_QUESTION,
	.status_hints = true,
	.key = ask_key,
	.draw = ask_draw,
};

void ui_ask(struct ui *ui, const char *question, const char *keys, bool escape, ui_answer_fn answer, void *ctx)
{
	struct ui_prompt *p = prompt_start(ui, question, ctx);
	snprintf(p->keys, sizeof p->keys, "%s", keys);
	p->escape = escape;
	p->answer = answer;
	ui->input = &ask_mode;
}

/* ---- a question answered by a key of its own table ---- */

static void ask_mode_key(struct ui *ui, int key)
{
	struct ui_prompt *p = ui->prompt;
	int lower = key >= 'A' && key <= 'Z' ? key - 'A' + 'a' : key;
	int op = ar_mode_op(p->mode.keys, lower);
	if (op < 0 || op >= 32 || !(p->offered & 1u << op))
		return;
	close_prompt(ui);
	p->answer(ui, p->ctx, op);
}

void ui_ask_mode(struct ui *ui, const char *question, enum ar_mode mode, unsigned offered, ui_answer_fn answer,
                 void *ctx)
{
	struct ui_prompt *p = prompt_start(ui, question, ctx);
	p->mode = (struct input_mode){.keys = mode, .key = ask_mode_key, .draw = ask_draw};
	p->offered = offered;
	p->answer = answer;
	ui->input = &p->mode;
}

/* ---- a pick list ---- */

static void pick_key(struct ui *ui, int key)
{
	struct ui_prompt *p = ui->prompt;
	ui_chosen_fn chosen = p->chosen;
	switch (ar_mode_op(AR_MODE_PICK, key)) {
	case AR_PICK_CHOOSE:
		close_prompt(ui);
		chosen(ui, p->ctx, p->choice);
		return;
	case AR_PICK_CANCEL:
		close_prompt(ui);
		chosen(ui, p->ctx, -1);
		return;
	case AR_PICK_UP:
		if (p->choice > 0)
			p->choice--;
		return;
	case AR_PICK_DOWN:
		if (p->choice + 1 < p->choice_count)
			p->choice++;
		return;
	case AR_PICK_FIRST: p->choice = 0; return;
	case AR_PICK_LAST: p->choice = p->choice_count - 1; return;
	default: break;
	}
	/* A letter goes to the next choice starting with it. */
	if (key > 0 && key < 0x80 && isalpha(key)) {
		for (int step = 1; step <= p->choice_count; step++) {
			int c = (p->choice + step) % p->choice_count;
			if (tolower((unsigned char)p->choices[c][0]) == tolower(key)) {
				p->choice = c;
				return;
			}
		}
	}
}

/* A box of the choices under the anchor (or above it when there is no
 * room below), with the current one in reverse. */
static void pick_draw(struct ui *ui, int y)
{
	struct ar_screen *s = ui->screen;
	struct ui_prompt *p = ui->prompt;
	ar_screen_fill(s, 0, y, s->width, 1, " ", AR_ROLE_NORMAL, 0);
	struct ar_buf line = { 0 };
	ar_buf_addf(&line, "%s: ", p->question);
	ar_mode_hints(AR_MODE_PICK, ", ", &line);
	ar_screen_puts(s, 0, y, s->width, line.data, AR_ROLE_PROMPT, AR_ATTR_BOLD);

	int inner = ar_text_width(p->question, strlen(p->question)) + 2;
	for (int i = 0; i < p->choice_count; i++) {
		int w = ar_text_width(p->choices[i], strlen(p->choices[i])) + 4;
		if (w > inner)
			inner = w;
	}
	int box_w = inner + 2, box_h = p->choice_count + 2;
	int bottom = s->height - 2; /* the status line and this row stay clear */
	int top = p->anchor_y + 1;
	if (top + box_h > bottom)
		top = p->anchor_y - box_h;
	if (top < 0)
		top = 0;
	int left = p->anchor_x;
	if (left + box_w > s->width)
		left = s->width - box_w;
	if (left < 0)
		left = 0;
	ar_screen_fill(s, left, top, box_w, box_h, " ", AR_ROLE_NORMAL, 0);
	ar_screen_fill(s, left, top, box_w, 1, "\xe2\x94\x80", AR_ROLE_BORDER, 0);
	ar_screen_fill(s, left, top + box_h - 1, box_w, 1, "\xe2\x94\x80", AR_ROLE_BORDER, 0);
	ar_screen_fill(s, left, top, 1, box_h, "\xe2\x94\x82", AR_ROLE_BORDER, 0);
	ar_screen_fill(s, left + box_w - 1, top, 1, box_h, "\xe2\x94\x82", AR_ROLE_BORDER, 0);
	ar_screen_puts(s, left, top, 1, "\xe2\x94\x8c", AR_ROLE_BORDER, 0);
	ar_screen_puts(s, left + box_w - 1, top, 1, "\xe2\x94\x90", AR_ROLE_BORDER, 0);
	ar_screen_puts(s, left, top + box_h - 1, 1, "\xe2\x94\x94", AR_ROLE_BORDER, 0);
	ar_screen_puts(s, left + box_w - 1, top + box_h - 1, 1, "\xe2\x94\x98", AR_ROLE_BORDER, 0);
	ar_buf_reset(&line);
	ar_buf_addf(&line, " %s ", p->question);
	ar_screen_puts(s, left + 1, top, box_w - 2, line.data, AR_ROLE_TITLE, 0);
	for (int i = 0; i < p->choice_count; i++) {
		bool current = i == p->choice;
		/* The current choice is marked in text too, for monochrome terminals. */
		ar_buf_reset(&line);
		ar_buf_addf(&line, "%s %s", current ? ">" : " ", p->choices[i]);
		unsigned attrs = current ? AR_ATTR_REVERSE : 0;
		ar_screen_fill(s, left + 1, top + 1 + i, box_w - 2, 1, " ", AR_ROLE_NORMAL, attrs);
		ar_screen_puts(s, left + 1, top + 1 + i, box_w - 2, line.data, AR_ROLE_NORMAL, attrs);
	}
	ar_buf_free(&line);
}

/* Its hints are on its own row, beside the title. */
static const struct input_mode pick_mode = {
	.keys = AR_MODE_PICK,
	.key = pick_key,
	.draw = pick_draw,
};

void ui_pick(struct ui *ui, const char *title, const char *const *choices, int count, int current, int anchor_x,
             int anchor_y, ui_chosen_fn chosen, void *ctx)
{
	struct ui_prompt *p = prompt_start(ui, title, ctx);
	p->choices = choices;
	p->choice_count = count;
	p->choice = current >= 0 && current < count ? current : 0;
	p->anchor_x = anchor_x;
	p->anchor_y = anchor_y;
	p->chosen = chosen;
	ui->input = &pick_mode;
}

/* ---- a typed field ---- */

#define FIX_IT "Fix it or press Esc: "

/* Check the text now; the reason, if any, goes on the status line. */
static bool type_check(struct ui *ui)
{
	struct ui_prompt *p = ui->prompt;
	if (!p->check)
		return true;
	char why[AR_ERROR_MESSAGE_MAX];
	why[0] = '\0';
	if (p->check(ui, p->ctx, ar_lineedit_text(&p->edit), why, sizeof why)) {
		ui->message[0] = '\0';
		return true;
	}
	ui_message(ui, AR_ROLE_ERROR, "%s", why);
	return false;
}

static void type_key(struct ui *ui, int key)
{
	struct ui_prompt *p = ui->prompt;
	ui_accept_fn accept = p->accept;
	int op = ar_mode_op(AR_MODE_FIELD, key);
	if (op == AR_FIELD_CANCEL) {
		ui->message[0] = '\0';
		close_prompt(ui);
		accept(ui, p->ctx, NULL);
		return;
	}
	if (op == AR_FIELD_KEEP) {
		if (!type_check(ui)) {
			/* Never drop what was typed: say so and let it be fixed. */
			char *why = ar_xstrdup(ui->message);
			ui_message(ui, AR_ROLE_ERROR, FIX_IT "%s", why);
			free(why);
			return;
		}
		char *text = ar_xstrdup(ar_lineedit_text(&p->edit));
		close_prompt(ui);
		accept(ui, p->ctx, text);
		free(text);
		return;
	}
	char *before = ar_xstrdup(ar_lineedit_text(&p->edit));
	ui_lineedit_key(&p->edit, key);
	if (strcmp(before, ar_lineedit_text(&p->edit)) != 0)
		type_check(ui);
	free(before);
}

static void type_draw(struct ui *ui, int y)
{
	char label[sizeof ui->prompt->question + 2];
	snprintf(label, sizeof label, "%s: ", ui->prompt->question);
	ui_lineedit_draw(ui, &ui->prompt->edit, y, label, AR_ROLE_PROMPT);
}

static const struct input_mode type_mode = {
	.keys = AR_MODE_FIELD,
	.status_hints = true,
	.key = type_key,
	.draw = type_draw,
};

void ui_type(struct ui *ui, const char *label, const char *text, ui_check_fn check, ui_accept_fn accept, void *ctx)
{
	struct ui_prompt *p = prompt_start(ui, label, ctx);
	ar_lineedit_free(&p->edit);
	ar_lineedit_init(&p->edit, text);
	p->check = check;
	p->accept = accept;
	ui->input = &type_mode;
	ui->message[0] = '\0';
	/* A given text may already be wrong; an empty one is only not typed yet
	 * (Enter still checks it). */
	if (text && *text)
		type_check(ui);
}
