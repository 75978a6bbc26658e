/* curses.c - the terminal layer: screen model to ncursesw, input to key codes.
 *
 * The only file that includes curses.h.  It knows nothing of trackers: it
 * copies cells, maps roles to colours (or to attributes alone), and reads
 * keys, mouse events and resizes.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "artrack/actions.h"
#include "artrack/text.h"
#include "term.h"

static bool is_open;
static bool use_color;
static bool utf8_terminal;
static volatile sig_atomic_t pending_signal;
static struct sigaction old_actions[3];
static const int caught_signals[3] = { SIGTERM, SIGHUP, SIGINT };
/* These signals are blocked except while waiting for input (ppoll), so none
 * can slip in between a check and a blocking read and be missed until the
 * next key: a resize is always seen at once. */
static sigset_t waited_signals;
static sigset_t mask_before;
/* The curses codes of Ctrl-Left and Ctrl-Right (0: none). */
static int ctrl_left_code, ctrl_right_code;

static void on_signal(int sig)
{
	pending_signal = sig;
}

/* Catch the signals that end the program, without SA_RESTART, so a blocked
 * read returns and the main loop can give the terminal back itself. */
static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++)
		sigaction(caught_signals[i], &sa, &old_actions[i]);
	sigemptyset(&waited_signals);
	sigaddset(&waited_signals, SIGWINCH);
	for (int i = 0; i < 3; i++)
		sigaddset(&waited_signals, caught_signals[i]);
	sigprocmask(SIG_BLOCK, &waited_signals, &mask_before);
}

/* The key code curses gives for the terminal's capability cap (an extended
 * one, as xterm's kLFT5), or for seq when the terminal description lacks it
 * (most terminals and tmux send xterm's sequences); 0 when neither works. */
static int modified_key(const char *cap, const char *seq, int fallback_code)
{
	char *value = tigetstr(cap);
	if (value && value != (char *)-1) {
		int code = key_defined(value);
		if (code > 0)
			return code;
	}
	int code = key_defined(seq);
	if (code > 0)
		return code;
	return define_key(seq, fallback_code) == OK ? fallback_code : 0;
}

static void release_signals(void)
{
	sigprocmask(SIG_SETMASK, &mask_before, NULL);
	for (int i = 0; i < 3; i++)
		sigaction(caught_signals[i], &old_actions[i], NULL);
}

int term_signal_pending(void)
{
	return pending_signal;
}

static short curses_color(enum ar_color c)
{
	static const short map[] = { COLOR_BLACK, COLOR_RED, COLOR_GREEN, COLOR_YELLOW,
		                     COLOR_BLUE, COLOR_MAGENTA, COLOR_CYAN, COLOR_WHITE };
	return c == AR_COLOR_DEFAULT ? -1 : map[c];
}

static void setup_colors(void)
{
	const char *no_color = getenv("NO_COLOR");
	use_color = has_colors() && !(no_color && *no_color) && start_color() == OK && COLORS >= 8
	            && COLOR_PAIRS > AR_ROLE_COUNT;
	if (!use_color)
		return;
	bool defaults = use_default_colors() == OK;
	for (int r = 0; r < AR_ROLE_COUNT; r++) {
		short fg = curses_color(ar_role_styles[r].fg), bg = curses_color(ar_role_styles[r].bg);
		if (!defaults) {
			if (fg < 0)
				fg = COLOR_WHITE;
			if (bg < 0)
				bg = COLOR_BLACK;
		}
		init_pair((short)(r + 1), fg, bg);
	}
}

bool term_open(char *err, int errlen)
{
	if (is_open)
		return true;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, (size_t)errlen, "the terminal UI needs a terminal (for scripts, see 'artrack list')");
		return false;
	}
	const char *term = getenv("TERM");
	if (!term || !*term) {
		snprintf(err, (size_t)errlen, "TERM is not set");
		return false;
	}
	/* newterm instead of initscr: initscr exits on an unknown TERM. */
	SCREEN *s = newterm(NULL, stdout, stdin);
	if (!s) {
		snprintf(err, (size_t)errlen, "cannot use the terminal type '%s'", term);
		return false;
	}
	set_term(s);
	is_open = true;
	const char *codeset = nl_langinfo(CODESET);
	utf8_terminal = codeset && strcmp(codeset, "UTF-8") == 0;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* Ctrl-Left/Right move by word in typed text (lineedit.h). */
	ctrl_left_code = modified_key("kLFT5", "\033[1;5D", KEY_MAX + 1);
	ctrl_right_code = modified_key("kRIT5", "\033[1;5C", KEY_MAX + 2);
	nodelay(stdscr, TRUE); /* term_read waits in ppoll, not in curses */
	set_escdelay(25);
	/* Ctrl-S (save) must reach the program, not stop the output. */
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= (tcflag_t)~(IXON | IXOFF);
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
		def_prog_mode();
	}
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	setup_colors();
	curs_set(0);
	catch_signals();
	return true;
}

void term_close(void)
{
	if (!is_open)
		return;
	is_open = false;
	curs_set(1);
	endwin();
	release_signals();
}

bool term_is_open(void)
{
	return is_open;
}

void term_size(int *width, int *height)
{
	*width = COLS;
	*height = LINES;
}

static attr_t curses_attrs(unsigned attrs)
{
	attr_t a = A_NORMAL;
	if (attrs & AR_ATTR_BOLD)
		a |= A_BOLD;
	if (attrs & AR_ATTR_UNDERLINE)
		a |= A_UNDERLINE;
	if (attrs & AR_ATTR_REVERSE)
		a |= A_REVERSE;
	if (attrs & AR_ATTR_DIM)
		a |= A_DIM;
	return a;
}

/* What a non-UTF-8 terminal shows for a cell's text. */
static wchar_t narrow_stand_in(const char *text)
{
	if (strcmp(text, "\xe2\x94\x82") == 0)
		return L'|';
	if (strcmp(text, "\xe2\x94\x80") == 0)
		return L'-';
	if (strcmp(text, "\xe2\x80\xa6") == 0)
		return L'~';
	return L'?';
}

static void draw_cell(int x, int y, const struct ar_cell *cell)
{
	wchar_t wch[CCHARW_MAX + 1];
	int n = 0;
	const char *p = cell->text;
	size_t len = strlen(p);
	while (len > 0 && n < CCHARW_MAX) {
		uint32_t cp;
		size_t used = ar_utf8_decode(p, len, &cp);
		/* The screen model never holds controls; this is the last guard. */
		if (ar_char_is_control(cp))
			cp = '?';
		if (cp >= 0x80 && !utf8_terminal) {
			if (n == 0)
				wch[n++] = narrow_stand_in(cell->text);
			break;
		}
		wch[n++] = (wchar_t)cp;
		p += used;
		len -= used;
	}
	if (n == 0)
		wch[n++] = L' ';
	wch[n] = L'\0';
	const struct ar_role_style *style = &ar_role_styles[cell->role < AR_ROLE_COUNT ? cell->role : 0];
	unsigned attrs = cell->attrs | (use_color ? style->color_attrs : style->mono_attrs);
	short pair = use_color ? (short)(cell->role + 1) : 0;
	cchar_t cc;
	setcchar(&cc, wch, curses_attrs(attrs), pair, NULL);
	mvadd_wch(y, x, &cc);
}

void term_draw(const struct ar_screen *screen)
{
	int rows = screen->height < LINES ? screen->height : LINES;
	int cols = screen->width < COLS ? screen->width : COLS;
	for (int y = 0; y < rows; y++) {
		for (int x = 0; x < cols; x++) {
			const struct ar_cell *cell = ar_screen_cell(screen, x, y);
			if (cell->width == 0)
				continue; /* the right half of a wide glyph drawn just before */
			if (cell->width == 2 && x + 1 >= cols)
				break;
			draw_cell(x, y, cell);
		}
	}
	if (screen->cursor_x >= 0 && screen->cursor_x < cols && screen->cursor_y < rows) {
		curs_set(1);
		move(screen->cursor_y, screen->cursor_x);
	} else {
		curs_set(0);
		move(rows > 0 ? rows - 1 : 0, 0);
	}
	refresh();
}

void term_invalidate(void)
{
	clearok(curscr, TRUE);
}

static int special_key(wint_t code, struct term_event *ev)
{
	switch (code) {
	case KEY_UP: return AR_KEY_UP;
	case KEY_DOWN: return AR_KEY_DOWN;
	case KEY_LEFT: return AR_KEY_LEFT;
	case KEY_RIGHT: return AR_KEY_RIGHT;
	case KEY_HOME: return AR_KEY_HOME;
	case KEY_END: return AR_KEY_END;
	case KEY_PPAGE: return AR_KEY_PAGE_UP;
	case KEY_NPAGE: return AR_KEY_PAGE_DOWN;
	case KEY_BTAB: return AR_KEY_BACKTAB;
	case KEY_BACKSPACE: return AR_KEY_BACKSPACE;
	case KEY_DC: return AR_KEY_DELETE;
	case KEY_ENTER: return AR_KEY_ENTER;
	case KEY_F(1): return AR_KEY_F1;
	case KEY_RESIZE: return AR_KEY_RESIZE;
	case KEY_MOUSE: {
		MEVENT me;
		if (getmouse(&me) != OK)
			return AR_KEY_NONE;
		ev->x = me.x;
		ev->y = me.y;
		if (me.bstate & BUTTON1_PRESSED)
			return AR_KEY_MOUSE_PRESS;
		if (me.bstate & BUTTON4_PRESSED)
			return AR_KEY_WHEEL_UP;
		if (me.bstate & BUTTON5_PRESSED)
			return AR_KEY_WHEEL_DOWN;
		return AR_KEY_NONE;
	}
	default:
		if (ctrl_left_code && (int)code == ctrl_left_code)
			return AR_KEY_CTRL_LEFT;
		if (ctrl_right_code && (int)code == ctrl_right_code)
			return AR_KEY_CTRL_RIGHT;
		return AR_KEY_NONE;
	}
}

struct term_event term_read(void)
{
	struct term_event ev = { AR_KEY_NONE, -1, -1 };
	int empty_reads = 0;
	bool hung_up = false;
	while (ev.key == AR_KEY_NONE) {
		if (pending_signal) {
			ev.key = pending_signal == SIGINT ? AR_KEY_CTRL('c') : AR_KEY_EOF;
			if (pending_signal == SIGINT)
				pending_signal = 0;
			return ev;
		}
		wint_t wc;
		errno = 0;
		int rc = get_wch(&wc); /* never blocks: nodelay */
		if (rc == KEY_CODE_YES) {
			ev.key = special_key(wc, &ev);
			/* Terminals keep, cut or reflow their contents on a resize
			 * each in their own way: repaint everything. */
			if (ev.key == AR_KEY_RESIZE)
				clearok(curscr, TRUE);
		} else if (rc != ERR) {
			if (wc == L'\r' || wc == L'\n')
				ev.key = AR_KEY_ENTER;
			else if (wc == 0x7f || wc == 0x08)
				ev.key = AR_KEY_BACKSPACE;
			else
				ev.key = (int)wc;
		} else {
			/* Nothing to read.  The terminal gone (EIO, hang-up) or input
			 * that keeps saying "ready" yet gives nothing is the end of
			 * input: quit, never spin. */
			if ((errno != 0 && errno != EINTR && errno != EAGAIN) || hung_up || empty_reads > 100) {
				ev.key = AR_KEY_EOF;
				break;
			}
			struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
			int n = ppoll(&pfd, 1, NULL, &mask_before);
			if (n < 0 && errno != EINTR) {
				ev.key = AR_KEY_EOF;
				break;
			}
			if (n > 0) {
				if (pfd.revents & (POLLERR | POLLNVAL | POLLHUP))
					hung_up = true;
				empty_reads++;
			}
		}
	}
	return ev;
}

void term_suspend(void)
{
	if (!is_open)
		return;
	def_prog_mode();
	endwin();
	/* The editor must get its signals (Ctrl-C, resizes) as usual. */
	sigprocmask(SIG_SETMASK, &mask_before, NULL);
}

void term_resume(void)
{
	if (!is_open)
		return;
	sigprocmask(SIG_BLOCK, &waited_signals, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}
