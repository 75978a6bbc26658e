/* inert_stream.c - stderr that shows controls inert (glibc's fopencookie). */
#include "config.h"

#include "artrack/inert_stream.h"
#include "artrack/filesafe.h"
#include "artrack/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_FOPENCOOKIE

/* Bytes of a UTF-8 sequence held back until its end arrives. */
struct inert_cookie {
	int fd;
	char held[4];
	size_t held_len;
};

/* How many bytes at the end of buf[0..len) start a sequence that is not
 * complete yet. */
static size_t incomplete_tail(const char *buf, size_t len)
{
	for (size_t back = 1; back <= 3 && back <= len; back++) {
		unsigned char c = (unsigned char)buf[len - back];
		if ((c & 0xC0) == 0x80)
			continue;
		size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		return need > back ? back : 0;
	}
	return 0;
}

static int write_inert(int fd, const char *s, size_t len)
{
	for (size_t pos = 0; pos < len;) {
		size_t run = ar_text_inert_run(s + pos, len - pos);
		if (run && ar_write_all(fd, s + pos, run) != 0)
			return -1;
		pos += run;
		if (pos < len) {
			struct ar_glyph g;
			pos += ar_glyph_next(s + pos, len - pos, &g);
			if (ar_write_all(fd, g.text, g.len) != 0)
				return -1;
		}
	}
	return 0;
}

static ssize_t cookie_write(void *data, const char *buf, size_t size)
{
	struct inert_cookie *c = data;
	size_t used = 0;
	/* Finish a held sequence with the bytes that continue it. */
	while (c->held_len && used < size && c->held_len < sizeof c->held &&
	       ((unsigned char)buf[used] & 0xC0) == 0x80 && incomplete_tail(c->held, c->held_len)) {
		c->held[c->held_len++] = buf[used++];
	}
	if (c->held_len) {
		if (incomplete_tail(c->held, c->held_len) && used == size)
			return (ssize_t)size;
		if (write_inert(c->fd, c->held, c->held_len) != 0)
			return -1;
		c->held_len = 0;
	}
	size_t tail = incomplete_tail(buf + used, size - used);
	if (write_inert(c->fd, buf + used, size - used - tail) != 0)
		return -1;
	memcpy(c->held, buf + size - tail, tail);
	c->held_len = tail;
	return (ssize_t)size;
}

/* The streams made so far: such a stream (stderr) is never closed, as it
 * lives as long as the program; kept here, its cookie is still reachable at
 * exit rather than a leak to LeakSanitizer (the ASan build's make check). */
static struct inert_cookie *made[4];

static int cookie_close(void *data)
{
	struct inert_cookie *c = data;
	int rc = c->held_len ? write_inert(c->fd, c->held, c->held_len) : 0;
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
		if (made[i] == c)
			made[i] = NULL;
	free(c);
	return rc;
}

FILE *ar_inert_stream(int fd)
{
	struct inert_cookie *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
		if (!made[i]) {
			made[i] = c;
			break;
		}
	c->fd = fd;
	cookie_io_functions_t io = {.write = cookie_write, .close = cookie_close};
	FILE *fp = fopencookie(c, "w", io);
	if (!fp) {
		for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
			if (made[i] == c)
				made[i] = NULL;
		free(c);
		return NULL;
	}
	setvbuf(fp, NULL, _IOLBF, BUFSIZ);
	return fp;
}

#else

FILE *ar_inert_stream(int fd)
{
	(void)fd;
	errno = ENOSYS;
	return NULL;
}

#endif
