/* vt_harness.h - the real artrack in a real terminal, for cmocka tests: the
 * program runs on a pseudo-terminal (forkpty) and its output drives
 * libvterm, the terminal emulator of vim and neovim as a library; the tests
 * read cells, text and attributes back.  Keys go in through libvterm too,
 * so they are encoded the way a terminal in the program's modes would
 * encode them.
 *
 * Every wait is for screen content (or the program's exit), with a deadline;
 * there are no fixed sleeps.  The program's environment: LANG=C.UTF-8,
 * TZ=UTC, TERM=xterm-256color, HOME and XDG_STATE_HOME under a temporary
 * folder (vt_tmp_root), --today VT_TODAY (a later --today in the
 * arguments wins).
 *
 * Ownership: a struct term owns its pty, emulator and child; term_finish()
 * releases them (killing the child if it still runs).  Text returned by
 * row_text() and screen_text() lives in static buffers until the next call.
 */
#ifndef ARTRACK_VT_HARNESS_H
#define ARTRACK_VT_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <vterm.h>

#define VT_DEADLINE_MS 15000
#define VT_TODAY "2023-09-21"

/* The temporary folder of the test group (vt_setup makes it). */
extern char vt_tmp_root[256];

struct term {
	pid_t pid;
	int master;
	VTerm *vt;
	VTermScreen *screen;
	int rows, cols;
	bool eof;
	int status;      /* waitpid status once reaped */
	bool reaped;
	double started_ms;
};

/* Milliseconds of a monotonic clock. */
double now_ms(void);

/* Start artrack with args (NULL-terminated) at cols x rows; env_extra are
 * NAME=VALUE strings put in the environment (NAME= alone unsets). */
void term_start(struct term *t, int cols, int rows, const char *const *args, const char *const *env_extra);

/* Feed what the program wrote within timeout_ms to the emulator. */
void pump(struct term *t, int timeout_ms);

/* Row row's text without trailing blanks; the whole screen, a line a row. */
char *row_text(struct term *t, int row);
char *screen_text(struct term *t);
bool screen_has(struct term *t, const char *text);

/* Print the screen as TAP comments, saying why. */
void dump(struct term *t, const char *why);

/* Wait until the screen shows text (or stops showing it, when gone). */
bool wait_screen(struct term *t, const char *text, bool gone);

/* Wait until row shows exactly text. */
bool wait_row(struct term *t, int row, const char *text);

#define assert_shows(t, text) assert_true(wait_screen((t), (text), false))
#define assert_hides(t, text) assert_true(wait_screen((t), (text), true))
/* The first frame is whole once its last row, the status line, is there. */
#define assert_first_frame(t, text) \
	do { \
		assert_shows((t), (text)); \
		assert_shows((t), "? help"); \
	} while (0)

/* Type UTF-8 text, one key a character. */
void type(struct term *t, const char *s);
void key(struct term *t, VTermKey k, VTermModifier mod);
void ctrl(struct term *t, char letter);
void click(struct term *t, int row, int col, int button);
void resize(struct term *t, int cols, int rows);

/* The cell at row, col. */
VTermScreenCell cell_at(struct term *t, int row, int col);

/* Wait for the program to end; its exit status, or -1 at the deadline. */
int wait_exit(struct term *t);

/* Release everything; a program still running is killed. */
void term_finish(struct term *t);

/* Type q and expect exit status 0. */
void quit_with_q(struct term *t);

/* vt_tmp_root/name (one of four static buffers, used in turn). */
const char *vt_tmp_path(const char *name);

/* Write text as the whole file at path (failing the test if it cannot). */
void vt_write_file(const char *path, const char *text);

/* A copy of the bundled tracker ($ARTRACK_DATADIR/hosc-2023-09-21.yaml) as
 * vt_tmp_root/name; its path into path (size bytes). */
void vt_bundled_copy(const char *name, char *path, size_t size);

/* The whole file as a string (malloc'd), or NULL when it cannot be read. */
char *vt_read_file(const char *path);

/* Replace the first from in the file at path by to (failing the test when
 * from is not there). */
void vt_replace_in_file(const char *path, const char *from, const char *to);

/* $top_srcdir/tests/data/NAME (a static buffer). */
const char *fixture(const char *name);

/* Copy the file from to to (mode 0644); 0 on success. */
int copy_file(const char *from, const char *to);

/* cmocka group setup and teardown: make and remove vt_tmp_root. */
int vt_setup(void **state);
int vt_teardown(void **state);

#endif
