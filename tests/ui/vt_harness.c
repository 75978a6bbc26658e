/* vt_harness.c - artrack on a pseudo-terminal read back through libvterm
 * (see vt_harness.h). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

#include "vt_harness.h"

char vt_tmp_root[256];


double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* What the emulator sends back (keys, answers to queries) goes to the program. */
static void to_program(const char *s, size_t len, void *user)
{
	struct term *t = user;
	while (len > 0) {
		ssize_t n = write(t->master, s, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		s += n;
		len -= (size_t)n;
	}
}

/* Start artrack with args (NULL-terminated) at cols x rows; env_extra are
 * NAME=VALUE strings put in the environment (NAME= alone unsets). */
void term_start(struct term *t, int cols, int rows, const char *const *args, const char *const *env_extra)
{
	memset(t, 0, sizeof *t);
	t->rows = rows;
	t->cols = cols;
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	const char *artrack = getenv("ARTRACK");
	assert_non_null(artrack);
	t->started_ms = now_ms();
	t->pid = forkpty(&t->master, NULL, NULL, &ws);
	assert_true(t->pid >= 0);
	if (t->pid == 0) {
		char home[300], state[300];
		snprintf(home, sizeof home, "%s/home", vt_tmp_root);
		snprintf(state, sizeof state, "%s/state", vt_tmp_root);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("TZ", "UTC", 1);
		setenv("TERM", "xterm-256color", 1);
		setenv("HOME", home, 1);
		setenv("XDG_STATE_HOME", state, 1);
		unsetenv("NO_COLOR");
		for (const char *const *e = env_extra; e && *e; e++) {
			const char *eq = strchr(*e, '=');
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)(eq - *e), *e);
			if (eq[1])
				setenv(name, eq + 1, 1);
			else
				unsetenv(name);
		}
		const char *argv[16] = { artrack, "--today", VT_TODAY };
		int n = 3;
		for (const char *const *a = args; a && *a && n < 15; a++)
			argv[n++] = *a;
		argv[n] = NULL;
		execv(artrack, (char *const *)argv);
		_exit(127);
	}
	fcntl(t->master, F_SETFL, fcntl(t->master, F_GETFL) | O_NONBLOCK);
	t->vt = vterm_new(rows, cols);
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, to_program, t);
	t->screen = vterm_obtain_screen(t->vt);
	vterm_screen_enable_altscreen(t->screen, 1);
	vterm_screen_reset(t->screen, 1);
}

/* Feed what the program wrote within timeout_ms to the emulator. */
void pump(struct term *t, int timeout_ms)
{
	if (t->eof)
		return;
	struct pollfd pfd = { .fd = t->master, .events = POLLIN };
	if (poll(&pfd, 1, timeout_ms) <= 0)
		return;
	char buf[65536];
	for (;;) {
		ssize_t n = read(t->master, buf, sizeof buf);
		if (n > 0) {
			if (getenv("ARTRACK_UI_RAW")) {
				FILE *raw = fopen(getenv("ARTRACK_UI_RAW"), "a");
				if (raw) {
					fprintf(raw, "\n=== %dx%d, %zd bytes:\n", t->cols, t->rows, n);
					fwrite(buf, 1, (size_t)n, raw);
					fclose(raw);
				}
			}
			vterm_input_write(t->vt, buf, (size_t)n);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			break;
		t->eof = true; /* EIO: the program's side is closed */
		break;
	}
	vterm_screen_flush_damage(t->screen);
}

char *row_text(struct term *t, int row)
{
	static char buf[4096];
	VTermRect rect = { .start_row = row, .end_row = row + 1, .start_col = 0, .end_col = t->cols };
	size_t n = vterm_screen_get_text(t->screen, buf, sizeof buf - 1, rect);
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return buf;
}

char *screen_text(struct term *t)
{
	static char all[65536];
	size_t used = 0;
	all[0] = '\0';
	for (int r = 0; r < t->rows; r++) {
		const char *line = row_text(t, r);
		used += (size_t)snprintf(all + used, sizeof all - used, "%s\n", line);
		if (used >= sizeof all)
			break;
	}
	return all;
}

bool screen_has(struct term *t, const char *text)
{
	return strstr(screen_text(t), text) != NULL;
}

void dump(struct term *t, const char *why)
{
	fprintf(stderr, "# %s; the screen (%dx%d):\n", why, t->cols, t->rows);
	for (int r = 0; r < t->rows; r++)
		fprintf(stderr, "# |%s\n", row_text(t, r));
}

/* Wait until the screen shows text (or stops showing it, when gone). */
bool wait_screen(struct term *t, const char *text, bool gone)
{
	double deadline = now_ms() + VT_DEADLINE_MS;
	for (;;) {
		if (screen_has(t, text) != gone)
			return true;
		if (now_ms() > deadline || t->eof) {
			dump(t, gone ? "still there" : "never shown");
			fprintf(stderr, "# waited for %s'%s'\n", gone ? "the end of " : "", text);
			return false;
		}
		pump(t, 50);
	}
}

void type(struct term *t, const char *s)
{
	while (*s) {
		uint32_t c = (unsigned char)*s;
		int n = 1;
		if (c >= 0xf0)
			c &= 0x07, n = 4;
		else if (c >= 0xe0)
			c &= 0x0f, n = 3;
		else if (c >= 0xc0)
			c &= 0x1f, n = 2;
		for (int i = 1; i < n && s[i]; i++)
			c = c << 6 | ((unsigned char)s[i] & 0x3f);
		s += n;
		vterm_keyboard_unichar(t->vt, c, VTERM_MOD_NONE);
	}
}

void key(struct term *t, VTermKey k, VTermModifier mod)
{
	vterm_keyboard_key(t->vt, k, mod);
}

void ctrl(struct term *t, char letter)
{
	vterm_keyboard_unichar(t->vt, (uint32_t)letter, VTERM_MOD_CTRL);
}

void click(struct term *t, int row, int col, int button)
{
	vterm_mouse_move(t->vt, row, col, VTERM_MOD_NONE);
	vterm_mouse_button(t->vt, button, true, VTERM_MOD_NONE);
	if (button < 4)
		vterm_mouse_button(t->vt, button, false, VTERM_MOD_NONE);
}

void resize(struct term *t, int cols, int rows)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	t->rows = rows;
	t->cols = cols;
	vterm_set_size(t->vt, rows, cols);
	/* The kernel sends SIGWINCH to the program's process group. */
	assert_int_equal(ioctl(t->master, TIOCSWINSZ, &ws), 0);
}

/* Wait for the program to end; its exit status, or -1 at the deadline. */
int wait_exit(struct term *t)
{
	double deadline = now_ms() + VT_DEADLINE_MS;
	while (!t->reaped) {
		pump(t, 20);
		pid_t p = waitpid(t->pid, &t->status, WNOHANG);
		if (p == t->pid) {
			t->reaped = true;
			break;
		}
		if (now_ms() > deadline) {
			dump(t, "the program did not end");
			return -1;
		}
	}
	pump(t, 0);
	return WIFEXITED(t->status) ? WEXITSTATUS(t->status) : 128 + WTERMSIG(t->status);
}

void term_finish(struct term *t)
{
	if (!t->reaped && t->pid > 0) {
		kill(t->pid, SIGKILL);
		waitpid(t->pid, &t->status, 0);
	}
	if (t->master >= 0)
		close(t->master);
	if (t->vt)
		vterm_free(t->vt);
	memset(t, 0, sizeof *t);
}

void quit_with_q(struct term *t)
{
	type(t, "q");
	assert_int_equal(wait_exit(t), 0);
	term_finish(t);
}

const char *vt_tmp_path(const char *name)
{
	static char path[4][400];
	static int next;
	char *p = path[next++ % 4];
	snprintf(p, sizeof path[0], "%s/%s", vt_tmp_root, name);
	return p;
}

void vt_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

void vt_bundled_copy(const char *name, char *path, size_t size)
{
	char bundled[600];
	snprintf(bundled, sizeof bundled, "%s/hosc-2023-09-21.yaml", getenv("ARTRACK_DATADIR"));
	snprintf(path, size, "%s", vt_tmp_path(name));
	assert_int_equal(copy_file(bundled, path), 0);
}

char *vt_read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0, n;
	char *buf = malloc(cap);
	while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (buf)
		buf[len] = '\0';
	return buf;
}

void vt_replace_in_file(const char *path, const char *from, const char *to)
{
	char *text = vt_read_file(path);
	assert_non_null(text);
	char *at = strstr(text, from);
	if (!at)
		fprintf(stderr, "# %s does not hold '%s'\n", path, from);
	assert_non_null(at);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fwrite(text, 1, (size_t)(at - text), f);
	fputs(to, f);
	fputs(at + strlen(from), f);
	assert_int_equal(fclose(f), 0);
	free(text);
}

const char *fixture(const char *name)
{
	static char path[1024];
	snprintf(path, sizeof path, "%s/tests/data/%s", getenv("top_srcdir"), name);
	return path;
}

bool wait_row(struct term *t, int row, const char *text)
{
	double deadline = now_ms() + VT_DEADLINE_MS;
	while (strcmp(row_text(t, row), text) != 0) {
		if (now_ms() > deadline || t->eof) {
			dump(t, "row never shown");
			fprintf(stderr, "# waited for row %d: '%s'\n", row, text);
			return false;
		}
		pump(t, 50);
	}
	return true;
}

VTermScreenCell cell_at(struct term *t, int row, int col)
{
	VTermScreenCell cell;
	vterm_screen_get_cell(t->screen, (VTermPos){ row, col }, &cell);
	return cell;
}

int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	if (!in)
		return -1;
	FILE *out = fopen(to, "wb");
	if (!out) {
		fclose(in);
		return -1;
	}
	char buf[8192];
	size_t n;
	int rc = 0;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	return rc == 0 ? chmod(to, 0644) : rc;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(path);
}

int vt_setup(void **state)
{
	snprintf(vt_tmp_root, sizeof vt_tmp_root, "%s/artrack-ui.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(vt_tmp_root))
		return -1;
	char home[300];
	snprintf(home, sizeof home, "%s/home", vt_tmp_root);
	mkdir(home, 0700);
	return 0;
}

int vt_teardown(void **state)
{
	nftw(vt_tmp_root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
