/* lineedit.c - the single-line editor model.
 *
 * Every operation first cuts the text into glyphs (text.h): positions the
 * cursor may take are glyph starts, and columns are glyph widths.  Fields
 * are short, so recomputing that on each key costs nothing worth caching. */
#include "config.h"

#include "artrack/actions.h"
#include "artrack/lineedit.h"
#include "artrack/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct cell {
	size_t start;   /* byte offset of the glyph */
	int col;        /* its first column */
	int width;
	bool space;
};

/* The glyphs of the text, plus one end marker (start = length, col = total
 * width); *count excludes the marker. */
static struct cell *cut(const struct ar_lineedit *le, size_t *count)
{
	const char *s = le->text.data ? le->text.data : "";
	size_t len = le->text.len, cap = len + 1, n = 0, pos = 0;
	struct cell *cells = ar_xreallocarray(NULL, cap, sizeof *cells);
	int col = 0;
	while (pos < len) {
		struct ar_glyph g;
		size_t took = ar_glyph_next(s + pos, len - pos, &g);
		cells[n] = (struct cell){pos, col, g.width, g.space};
		col += g.width;
		pos += took;
		n++;
	}
	cells[n] = (struct cell){len, col, 0, false};
	*count = n;
	return cells;
}

/* The index of the cell the cursor is at (the marker when at the end); a
 * cursor inside a glyph counts as at that glyph's end. */
static size_t cursor_cell(const struct ar_lineedit *le, const struct cell *cells, size_t count)
{
	size_t i = 0;
	while (i < count && cells[i].start < le->cursor)
		i++;
	return i;
}

static void remove_range(struct ar_lineedit *le, size_t from, size_t to, bool kill)
{
	if (kill) {
		ar_buf_reset(&le->killed);
		ar_buf_add(&le->killed, le->text.data + from, to - from);
	}
	memmove(le->text.data + from, le->text.data + to, le->text.len - to + 1);
	le->text.len -= to - from;
	le->cursor = from;
}

void ar_lineedit_init(struct ar_lineedit *le, const char *text)
{
	memset(le, 0, sizeof *le);
	ar_buf_adds(&le->text, text ? text : "");
	le->cursor = le->text.len;
}

void ar_lineedit_free(struct ar_lineedit *le)
{
	ar_buf_free(&le->text);
	ar_buf_free(&le->killed);
	le->cursor = 0;
	le->scroll = 0;
}

const char *ar_lineedit_text(const struct ar_lineedit *le)
{
	return le->text.data ? le->text.data : "";
}

bool ar_lineedit_insert(struct ar_lineedit *le, const char *s, size_t len)
{
	/* One line of valid UTF-8: the saver refuses anything else, and a
	 * stray byte would make the cursor arithmetic lie. */
	struct ar_buf clean = {0};
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t took = ar_utf8_decode(s + i, len - i, &cp);
		if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
			ar_buf_addc(&clean, ' ');
		} else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			/* dropped */
		} else {
			char enc[4];
			size_t n = ar_utf8_encode(cp, enc);
			ar_buf_add(&clean, enc, n);
		}
		i += took;
	}
	if (clean.len == 0) {
		ar_buf_free(&clean);
		return false;
	}
	if (!le->text.data)
		ar_buf_adds(&le->text, "");
	size_t tail = le->text.len - le->cursor;
	ar_buf_add(&le->text, clean.data, clean.len); /* grow; the bytes are moved below */
	memmove(le->text.data + le->cursor + clean.len, le->text.data + le->cursor, tail);
	memcpy(le->text.data + le->cursor, clean.data, clean.len);
	le->cursor += clean.len;
	ar_buf_free(&clean);

	/* A combining mark typed before one already there can leave the cursor
	 * inside a glyph: put it after that glyph. */
	size_t count;
	struct cell *cells = cut(le, &count);
	le->cursor = cells[cursor_cell(le, cells, count)].start;
	free(cells);
	return true;
}

/* The start of the word before cell i (skipping spaces first). */
static size_t word_left(const struct cell *cells, size_t i)
{
	while (i > 0 && cells[i - 1].space)
		i--;
	while (i > 0 && !cells[i - 1].space)
		i--;
	return i;
}

/* The end of the word after cell i (skipping spaces first). */
static size_t word_right(const struct cell *cells, size_t count, size_t i)
{
	while (i < count && cells[i].space)
		i++;
	while (i < count && !cells[i].space)
		i++;
	return i;
}

bool ar_lineedit_apply(struct ar_lineedit *le, enum ar_lineedit_op op)
{
	if (!le->text.data)
		ar_buf_adds(&le->text, "");
	size_t count;
	struct cell *cells = cut(le, &count);
	size_t i = cursor_cell(le, cells, count);
	size_t before = le->cursor, len_before = le->text.len;
	switch (op) {
	case AR_LE_LEFT:
		if (i > 0)
			le->cursor = cells[i - 1].start;
		break;
	case AR_LE_RIGHT:
		if (i < count)
			le->cursor = cells[i + 1].start;
		break;
	case AR_LE_WORD_LEFT:
		le->cursor = cells[word_left(cells, i)].start;
		break;
	case AR_LE_WORD_RIGHT:
		le->cursor = cells[word_right(cells, count, i)].start;
		break;
	case AR_LE_HOME:
		le->cursor = 0;
		break;
	case AR_LE_END:
		le->cursor = le->text.len;
		break;
	case AR_LE_BACKSPACE:
		if (i > 0)
			remove_range(le, cells[i - 1].start, cells[i].start, false);
		break;
	case AR_LE_DELETE:
		if (i < count)
			remove_range(le, cells[i].start, cells[i + 1].start, false);
		break;
	case AR_LE_KILL_TO_START:
		if (i > 0)
			remove_range(le, 0, cells[i].start, true);
		break;
	case AR_LE_KILL_TO_END:
		if (i < count)
			remove_range(le, cells[i].start, le->text.len, true);
		break;
	case AR_LE_KILL_WORD: {
		size_t from = word_left(cells, i);
		if (from < i)
			remove_range(le, cells[from].start, cells[i].start, true);
		break;
	}
	case AR_LE_YANK:
		free(cells);
		return le->killed.len > 0 && ar_lineedit_insert(le, le->killed.data, le->killed.len);
	}
	free(cells);
	return le->cursor != before || le->text.len != len_before;
}

bool ar_lineedit_ctrl(struct ar_lineedit *le, char letter, bool *handled)
{
	/* The line-editing key table (actions.h) is the one list of these keys. */
	int op = -1;
	if ((letter >= 'a' && letter <= 'z') || (letter >= 'A' && letter <= 'Z'))
		op = ar_mode_op(AR_MODE_LINE_EDIT, AR_KEY_CTRL(letter));
	if (handled)
		*handled = op >= 0;
	return op >= 0 && ar_lineedit_apply(le, (enum ar_lineedit_op)op);
}

int ar_lineedit_cursor_column(const struct ar_lineedit *le)
{
	size_t count;
	struct cell *cells = cut(le, &count);
	int col = cells[cursor_cell(le, cells, count)].col;
	free(cells);
	return col;
}

void ar_lineedit_view(struct ar_lineedit *le, int width, struct ar_lineedit_view *view)
{
	if (width < 1)
		width = 1;
	size_t count;
	struct cell *cells = cut(le, &count);
	int cursor = cells[cursor_cell(le, cells, count)].col;
	int total = cells[count].col;

	/* The cursor needs a column of its own, even at the end of the text. */
	if (le->scroll > cursor)
		le->scroll = cursor;
	if (cursor - le->scroll > width - 1)
		le->scroll = cursor - (width - 1);
	if (le->scroll > 0 && total - le->scroll < width - 1)
		le->scroll = total - (width - 1) > 0 ? total - (width - 1) : 0;
	if (le->scroll < 0)
		le->scroll = 0;

	size_t first = 0;
	while (first < count && cells[first].col < le->scroll)
		first++;
	size_t last = first;
	while (last < count && cells[last].col + cells[last].width - le->scroll <= width)
		last++;
	view->start = cells[first].start;
	view->len = cells[last].start - cells[first].start;
	view->lead = cells[first].col - le->scroll;
	view->cursor_col = cursor - le->scroll;
	view->more_left = first > 0;
	view->more_right = last < count;
	free(cells);
}
