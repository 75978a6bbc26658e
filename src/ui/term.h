/* term.h - the terminal layer: the only part of artrack that speaks curses
 * (src/ui/curses.c).  It copies a screen model (screen.h) to the terminal,
 * and turns the terminal's input into artrack's key codes (actions.h).
 *
 * Ownership: one terminal per process; term_open() takes it over and
 * term_close() gives it back (safe to call more than once, and from the
 * out-of-memory handler).
 */
#ifndef ARTRACK_UI_TERM_H
#define ARTRACK_UI_TERM_H

#include <stdbool.h>

#include "artrack/screen.h"

/* One piece of input: a key (AR_KEY_*, a character's code point, a control
 * code), with the cell for mouse events. */
struct term_event {
	int key;
	int x;
	int y;
};

/* Take over the terminal: full screen, keys as they are typed (Ctrl-S
 * included), mouse, short ESC delay, colours when the terminal has them and
 * NO_COLOR is not set.  false (with a message in err, size errlen) when
 * there is no usable terminal. */
bool term_open(char *err, int errlen);

/* Give the terminal back (idempotent). */
void term_close(void);

/* Whether term_open() succeeded and term_close() has not been called. */
bool term_is_open(void);

/* The terminal's size in cells. */
void term_size(int *width, int *height);

/* Show screen: its cells, and its cursor or none. */
void term_draw(const struct ar_screen *screen);

/* Forget what the terminal shows, so the next term_draw() repaints all (Ctrl-L). */
void term_invalidate(void);

/* Wait for the next event.  AR_KEY_EOF when input has ended (or a
 * termination signal arrived): the caller quits. */
struct term_event term_read(void);

/* Whether a termination signal (SIGTERM, SIGHUP, SIGINT) has arrived; its
 * number, or 0. */
int term_signal_pending(void);

/* Hand the terminal to another program (the editor) and take it back. */
void term_suspend(void);
void term_resume(void);

#endif
