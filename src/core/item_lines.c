/* item_lines.c - an item in the editor (E) with its comments: shown as its
 * lines stand in the file, moved to column 0, and saved as the officer left
 * them, moved back (item_lines.h).
 *
 * Moving lines left and back is exact for every line indented at least as
 * far as the item's keys (its keys, values and most comments).  A line
 * indented less (a comment at column 0 inside an item, say) or a blank line
 * holding spaces cannot move back from what the editor showed; such lines
 * are remembered from the file, in order, and a line the officer left as
 * shown gets its bytes back. */
#include "config.h"

#include "artrack/item_lines.h"
#include "artrack/alloc.h"
#include "artrack/yamlio.h"
#include "layout_internal.h"
#include "yaml_save_internal.h"

#include <stdlib.h>
#include <string.h>

/* A line whose bytes in the file do not follow from how it was shown. */
struct moved_line {
	size_t shown, shown_len;   /* in the shown text */
	size_t file, file_len;     /* in the file's text (without its line break) */
};

struct moved_lines {
	struct moved_line *items;
	size_t count, cap;
	size_t next;               /* the first not yet given back */
};

/* Whether line[0..len) holds only spaces and tabs. */
static bool blank_line(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t')
			return false;
	return true;
}

/* Whether line[0..len) is a comment or blank line (not one of the item's keys). */
static bool lead_line(const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i == len || line[i] == '#';
}

/* The next line of text from *pos: its bytes without the line break (and
 * without a CR before it). */
static bool next_line(const char *text, size_t len, size_t *pos, size_t *start, size_t *n)
{
	if (*pos >= len)
		return false;
	const char *nl = memchr(text + *pos, '\n', len - *pos);
	size_t end = nl ? (size_t)(nl - text) : len;
	*start = *pos;
	*n = end - *pos;
	if (*n && text[end - 1] == '\r')
		(*n)--;
	*pos = nl ? end + 1 : len;
	return true;
}

/* Where a line of an item stands: before it (its comments), its first
 * line (the dash's), or after. */
enum line_place { BEFORE, FIRST, AFTER };

/* The dash's column: where the lines before an item stand. */
static size_t dash_column(struct lead_in dash)
{
	const char *d = memchr(dash.text, '-', dash.len);
	return d ? (size_t)(d - dash.text) : 0;
}

/* How many bytes of indentation a line at place loses when shown (all of a
 * blank line's), or SIZE_MAX when it is indented less than its place. */
static size_t strip_of(const char *line, size_t n, enum line_place place, struct lead_in dash, int col)
{
	if (place == FIRST)
		return n >= dash.len && memcmp(line, dash.text, dash.len) == 0 ? dash.len : SIZE_MAX;
	if (blank_line(line, n))
		return n;
	size_t want = place == BEFORE ? dash_column(dash) : (size_t)col, i = 0;
	while (i < want && i < n && line[i] == ' ')
		i++;
	return i == want ? want : SIZE_MAX;
}

/* text (an item as the file has it: the lines before it, then its own)
 * moved to column 0 into shown; moved (may be NULL) gets the lines that
 * cannot move back exactly. */
static void shift_left(const char *text, size_t len, struct lead_in dash, int col, struct ar_buf *shown,
                       struct moved_lines *moved)
{
	enum line_place place = BEFORE;
	size_t pos = 0, start, n;
	while (next_line(text, len, &pos, &start, &n)) {
		const char *line = text + start;
		if (place == BEFORE && !lead_line(line, n))
			place = FIRST;
		size_t strip = strip_of(line, n, place, dash, col);
		size_t at = shown->len;
		if (strip == SIZE_MAX) {
			/* less indented than its place: shown without its indentation */
			size_t i = 0;
			while (i < n && (line[i] == ' ' || (place == FIRST && line[i] == '-')))
				i++;
			ar_buf_add(shown, line + i, n - i);
		} else {
			ar_buf_add(shown, line + strip, n - strip);
		}
		if (moved && (strip == SIZE_MAX || (n > 0 && blank_line(line, n)))) {
			AR_GROW(moved->items, moved->cap, moved->count + 1, 8);
			moved->items[moved->count++] = (struct moved_line){at, shown->len - at, start, n};
		}
		ar_buf_addc(shown, '\n');
		if (place == FIRST)
			place = AFTER;
	}
}

/* lines (as shown) moved back to dash and col into out; the lines in moved
 * (of shown and file) that are left as shown get the file's bytes. */
static void shift_right(const char *lines, size_t len, struct lead_in dash, int col, const char *shown,
                        const char *file, struct moved_lines *moved, struct ar_buf *out)
{
	enum line_place place = BEFORE;
	size_t pos = 0, start, n, dcol = dash_column(dash);
	while (next_line(lines, len, &pos, &start, &n)) {
		const char *line = lines + start;
		if (place == BEFORE && !lead_line(line, n))
			place = FIRST;
		bool given = false;
		for (size_t i = moved ? moved->next : 0; moved && i < moved->count && !given; i++) {
			const struct moved_line *m = &moved->items[i];
			if (m->shown_len == n && memcmp(shown + m->shown, line, n) == 0) {
				ar_buf_add(out, file + m->file, m->file_len);
				moved->next = i + 1;
				given = true;
			}
		}
		if (!given && place == FIRST)
			ar_buf_add(out, dash.text, dash.len);
		else if (!given && n)
			for (size_t i = 0; i < (place == BEFORE ? dcol : (size_t)col); i++)
				ar_buf_addc(out, ' ');
		if (!given)
			ar_buf_add(out, line, n);
		ar_buf_addc(out, '\n');
		if (place == FIRST)
			place = AFTER;
	}
}

void ys_put_item_lines(struct writer *w, const struct lay_element *el, const struct ar_item *it,
                       struct lead_in dash, int col)
{
	const struct ar_item_lines *lines = it->lines;
	/* what the editor showed of the file's lines that do not move back */
	struct ar_buf shown = {0}, made = {0};
	struct moved_lines moved = {0};
	if (el && w->source && !w->source_made)
		shift_left(w->source + el->span.lead, el->span.end - el->span.lead, dash, col, &shown, &moved);
	shift_right(lines->bytes, lines->len, dash, col, shown.data, el && w->source ? w->source + el->span.lead : NULL,
	            &moved, &made);
	if (it == lines->as || !made.len) {
		ys_out_add(w, made.data ? made.data : "", made.len);
	} else {
		/* edited since: as an element of these lines */
		size_t body = 0, pos = 0, start, n;
		while (next_line(made.data, made.len, &pos, &start, &n) && lead_line(made.data + start, n))
			body = pos;
		struct lay_element own = {.span = {0, body, body + dash.len, made.len}};
		const char *source = w->source;
		size_t source_len = w->source_len;
		bool source_made = w->source_made;
		const struct lay_tree *tree = w->tree;
		w->source = made.data;
		w->source_len = made.len;
		w->source_made = true;
		ys_put_item_edited(w, &own, lines->as, it, dash, col);
		w->source = source;
		w->source_len = source_len;
		w->source_made = source_made;
		w->tree = tree;
	}
	free(moved.items);
	ar_buf_free(&shown);
	ar_buf_free(&made);
}

enum ar_rc ar_item_to_yaml_kept(const struct ar_tracker *tracker, const struct ar_item *item, struct ar_buf *out,
                                struct ar_error *err)
{
	const struct ar_layout *L = tracker->layout;
	const struct lay_element *el = lay_item_origin(L, item);
	if (!el && !item->lines)
		return ar_item_to_yaml(tracker, item, out, err);
	struct ar_buf file = {0};
	struct writer w;
	struct lead_in dash;
	int col;
	ys_writer_open(&w, &file, err, L);
	ys_items_dash(L, &dash, &col);
	ys_put_item_kept(&w, el, item, dash, col);
	enum ar_rc rc = ys_writer_close(&w);
	if (rc == AR_OK)
		shift_left(file.data ? file.data : "", file.len, dash, col, out, NULL);
	ar_buf_free(&file);
	return rc;
}

const struct ar_item_lines *ar_item_lines_new(struct ar_tracker *tracker, const char *text, size_t len,
                                              const struct ar_item *as)
{
	struct ar_buf lines = {0};
	size_t pos = 0, start, n;
	bool keys = false;
	while (next_line(text, len, &pos, &start, &n)) {
		const char *line = text + start;
		/* a document's start or end, or a directive, would not stand
		 * inside the file's items */
		if (n >= 3 && (memcmp(line, "---", 3) == 0 || memcmp(line, "...", 3) == 0))
			goto refuse;
		if (n && line[0] == '%')
			goto refuse;
		keys = keys || !lead_line(line, n);
		ar_buf_add(&lines, line, n);
		ar_buf_addc(&lines, '\n');
	}
	if (!keys)
		goto refuse;
	struct ar_item_lines *l = ar_tracker_alloc(tracker, sizeof *l);
	l->bytes = ar_tracker_strndup(tracker, lines.data, lines.len);
	l->len = lines.len;
	l->as = as;
	ar_buf_free(&lines);
	return l;
refuse:
	ar_buf_free(&lines);
	return NULL;
}
