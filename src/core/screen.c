/* screen.c - the cell grid the panes draw into, and the role palette. */
#include "config.h"

#include "artrack/screen.h"

#include <stdlib.h>
#include <string.h>

const char *const ar_role_names[AR_ROLE_COUNT] = {
#define AR_X_ROLE_NAME(id, name) [AR_ROLE_##id] = name,
	AR_ROLES(AR_X_ROLE_NAME)
#undef AR_X_ROLE_NAME
};

/* With colour: foreground only, over the terminal's own background.  Without:
 * every role that carries meaning is still told apart by an attribute or by
 * its text (status and response words, the "!" of an overdue date). */
const struct ar_role_style ar_role_styles[AR_ROLE_COUNT] = {
	[AR_ROLE_NORMAL] = { AR_COLOR_DEFAULT, AR_COLOR_DEFAULT, 0, 0 },
	[AR_ROLE_BORDER] = { AR_COLOR_BLUE, AR_COLOR_DEFAULT, 0, 0 },
	[AR_ROLE_TITLE] = { AR_COLOR_CYAN, AR_COLOR_DEFAULT, AR_ATTR_BOLD | AR_ATTR_UNDERLINE,
	                    AR_ATTR_BOLD | AR_ATTR_UNDERLINE },
	[AR_ROLE_TITLE_FOCUSED] = { AR_COLOR_CYAN, AR_COLOR_DEFAULT, AR_ATTR_BOLD | AR_ATTR_REVERSE,
	                            AR_ATTR_BOLD | AR_ATTR_REVERSE },
	[AR_ROLE_HEADER] = { AR_COLOR_YELLOW, AR_COLOR_DEFAULT, AR_ATTR_BOLD, AR_ATTR_BOLD },
	[AR_ROLE_LABEL] = { AR_COLOR_CYAN, AR_COLOR_DEFAULT, 0, 0 },
	[AR_ROLE_ACCEPTED] = { AR_COLOR_GREEN, AR_COLOR_DEFAULT, 0, 0 },
	[AR_ROLE_REJECTED] = { AR_COLOR_RED, AR_COLOR_DEFAULT, 0, AR_ATTR_BOLD },
	[AR_ROLE_OVERDUE] = { AR_COLOR_RED, AR_COLOR_DEFAULT, AR_ATTR_BOLD, AR_ATTR_BOLD | AR_ATTR_UNDERLINE },
	/* A RAG rating: coloured where there is colour; without it the
	 * rating's letter (R, A, G) carries the meaning, red in bold. */
	[AR_ROLE_RAG_RED] = { AR_COLOR_RED, AR_COLOR_DEFAULT, AR_ATTR_BOLD | AR_ATTR_REVERSE, AR_ATTR_BOLD },
	[AR_ROLE_RAG_AMBER] = { AR_COLOR_YELLOW, AR_COLOR_DEFAULT, AR_ATTR_BOLD | AR_ATTR_REVERSE, 0 },
	[AR_ROLE_RAG_GREEN] = { AR_COLOR_GREEN, AR_COLOR_DEFAULT, AR_ATTR_REVERSE, 0 },
	[AR_ROLE_COMPLETED] = { AR_COLOR_DEFAULT, AR_COLOR_DEFAULT, AR_ATTR_DIM, 0 },
	[AR_ROLE_STATUS] = { AR_COLOR_DEFAULT, AR_COLOR_DEFAULT, AR_ATTR_REVERSE, AR_ATTR_REVERSE },
	[AR_ROLE_ERROR] = { AR_COLOR_RED, AR_COLOR_DEFAULT, AR_ATTR_BOLD | AR_ATTR_REVERSE,
	                    AR_ATTR_BOLD | AR_ATTR_UNDERLINE },
	[AR_ROLE_KEY] = { AR_COLOR_YELLOW, AR_COLOR_DEFAULT, AR_ATTR_BOLD, AR_ATTR_BOLD },
	[AR_ROLE_PROMPT] = { AR_COLOR_CYAN, AR_COLOR_DEFAULT, AR_ATTR_BOLD, AR_ATTR_BOLD },
	[AR_ROLE_INERT] = { AR_COLOR_MAGENTA, AR_COLOR_DEFAULT, AR_ATTR_REVERSE, AR_ATTR_REVERSE },
};

static const struct ar_cell blank_cell = { " ", 1, AR_ROLE_NORMAL, 0 };

struct ar_screen *ar_screen_new(int width, int height)
{
	struct ar_screen *screen = ar_xcalloc(1, sizeof *screen);
	ar_screen_resize(screen, width, height);
	return screen;
}

void ar_screen_free(struct ar_screen *screen)
{
	if (!screen)
		return;
	free(screen->cells);
	free(screen);
}

void ar_screen_resize(struct ar_screen *screen, int width, int height)
{
	if (width < 0 || height < 0)
		width = height = 0;
	free(screen->cells);
	screen->width = width;
	screen->height = height;
	screen->cells = ar_xreallocarray(NULL, (size_t)width * (size_t)height + 1, sizeof *screen->cells);
	ar_screen_clear(screen);
}

void ar_screen_clear(struct ar_screen *screen)
{
	size_t n = (size_t)screen->width * (size_t)screen->height;
	for (size_t i = 0; i < n; i++)
		screen->cells[i] = blank_cell;
	screen->cursor_x = screen->cursor_y = -1;
}

static struct ar_cell *cell_at(struct ar_screen *screen, int x, int y)
{
	if (x < 0 || y < 0 || x >= screen->width || y >= screen->height)
		return NULL;
	return &screen->cells[(size_t)y * (size_t)screen->width + (size_t)x];
}

const struct ar_cell *ar_screen_cell(const struct ar_screen *screen, int x, int y)
{
	return cell_at((struct ar_screen *)screen, x, y);
}

/* Before a cell is overwritten: blank the other half of a wide glyph it is part of. */
static void unshare(struct ar_screen *screen, int x, int y)
{
	struct ar_cell *c = cell_at(screen, x, y);
	if (!c)
		return;
	struct ar_cell *other = NULL;
	if (c->width == 0)
		other = cell_at(screen, x - 1, y);
	else if (c->width == 2)
		other = cell_at(screen, x + 1, y);
	if (other) {
		unsigned char role = other->role, attrs = other->attrs;
		*other = blank_cell;
		other->role = role;
		other->attrs = attrs;
	}
}

/* Put one glyph at x, y if it fits before limit (exclusive column); returns columns used. */
static int put_glyph(struct ar_screen *screen, int x, int y, int limit, const char *text, size_t len, int width,
                     enum ar_role role, unsigned attrs)
{
	struct ar_cell *c = cell_at(screen, x, y);
	struct ar_cell *right = width == 2 ? cell_at(screen, x + 1, y) : NULL;
	if (x + width > limit || !c || (width == 2 && !right))
		return 0;
	unshare(screen, x, y);
	if (width == 2)
		unshare(screen, x + 1, y);
	memcpy(c->text, text, len);
	c->text[len] = '\0';
	c->width = (unsigned char)width;
	c->role = (unsigned char)role;
	c->attrs = (unsigned char)attrs;
	if (right) {
		right->text[0] = '\0';
		right->width = 0;
		right->role = (unsigned char)role;
		right->attrs = (unsigned char)attrs;
	}
	return width;
}

/* Put glyphs of s[0..len) from x while they fit before limit. */
static int put_run(struct ar_screen *screen, int x, int y, int limit, const char *s, size_t len, enum ar_role role,
                   unsigned attrs)
{
	int start = x;
	struct ar_glyph g;
	for (size_t pos = 0; pos < len;) {
		pos += ar_glyph_next(s + pos, len - pos, &g);
		if (g.inert) {
			/* Caret notation goes one character a cell, so a terminal
			 * never sees it as one wide character. */
			if (x + g.width > limit)
				break;
			if (g.width == 2) {
				put_glyph(screen, x, y, limit, g.text, 1, 1, AR_ROLE_INERT, attrs);
				put_glyph(screen, x + 1, y, limit, g.text + 1, 1, 1, AR_ROLE_INERT, attrs);
			} else {
				put_glyph(screen, x, y, limit, g.text, g.len, 1, AR_ROLE_INERT, attrs);
			}
			x += g.width;
			continue;
		}
		int used = put_glyph(screen, x, y, limit, g.text, g.len, g.width, role, attrs);
		if (used == 0) {
			/* A wide glyph with one column left: pad it blank. */
			if (x < limit)
				x += put_glyph(screen, x, y, limit, " ", 1, 1, role, attrs);
			break;
		}
		x += used;
	}
	return x - start;
}

int ar_screen_put(struct ar_screen *screen, int x, int y, int max_width, const char *s, size_t len,
                  enum ar_role role, unsigned attrs)
{
	if (y < 0 || y >= screen->height || x >= screen->width || max_width <= 0 || x < 0)
		return 0;
	int limit = x + max_width > screen->width ? screen->width : x + max_width;
	int room = limit - x;
	if (ar_text_width(s, len) <= room)
		return put_run(screen, x, y, limit, s, len, role, attrs);
	size_t fit = ar_text_fit(s, len, room - 1, NULL);
	int used = put_run(screen, x, y, limit - 1, s, fit, role, attrs);
	used += put_glyph(screen, x + used, y, limit, "\xe2\x80\xa6", 3, 1, role, attrs);
	return used;
}

int ar_screen_puts(struct ar_screen *screen, int x, int y, int max_width, const char *s, enum ar_role role,
                   unsigned attrs)
{
	return ar_screen_put(screen, x, y, max_width, s, strlen(s), role, attrs);
}

void ar_screen_fill(struct ar_screen *screen, int x, int y, int width, int height, const char *glyph,
                    enum ar_role role, unsigned attrs)
{
	struct ar_glyph g;
	ar_glyph_next(glyph, strlen(glyph), &g);
	if (g.inert || g.width != 1)
		ar_glyph_next(" ", 1, &g);
	for (int row = y; row < y + height; row++) {
		if (row < 0 || row >= screen->height)
			continue;
		int limit = x + width > screen->width ? screen->width : x + width;
		for (int col = x < 0 ? 0 : x; col < limit; col++)
			put_glyph(screen, col, row, limit, g.text, g.len, 1, role, attrs);
	}
}

void ar_screen_add_attrs(struct ar_screen *screen, int x, int y, int width, unsigned attrs)
{
	for (int col = x; col < x + width; col++) {
		struct ar_cell *c = cell_at(screen, col, y);
		if (c)
			c->attrs = (unsigned char)(c->attrs | attrs);
	}
}

void ar_screen_set_cursor(struct ar_screen *screen, int x, int y)
{
	if (x < 0 || y < 0 || x >= screen->width || y >= screen->height)
		x = y = -1;
	screen->cursor_x = x;
	screen->cursor_y = y;
}

void ar_screen_row_text(const struct ar_screen *screen, int y, struct ar_buf *out)
{
	ar_buf_add(out, "", 0);
	for (int x = 0; x < screen->width; x++) {
		const struct ar_cell *c = ar_screen_cell(screen, x, y);
		if (c)
			ar_buf_adds(out, c->text);
	}
}
