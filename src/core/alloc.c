/* alloc.c - allocation that never returns NULL, the string arena, buffers. */
#include "config.h"

#include "artrack/alloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static ar_nomem_handler nomem_handler;

ar_nomem_handler ar_set_nomem_handler(ar_nomem_handler handler)
{
	ar_nomem_handler before = nomem_handler;
	nomem_handler = handler;
	return before;
}

static void die_nomem(size_t size)
{
	if (nomem_handler)
		nomem_handler(size);
	abort();
}

void *ar_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		die_nomem(size);
	return p;
}

void *ar_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		die_nomem(count * size);
	return p;
}

void *ar_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		die_nomem(size);
	return p;
}

void *ar_xreallocarray(void *ptr, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		die_nomem(SIZE_MAX);
	return ar_xrealloc(ptr, count * size);
}

void *ar_grow_array(void *array, size_t *cap, size_t need, size_t size, size_t first)
{
	if (need <= *cap)
		return array;
	size_t grown = *cap ? *cap : (first ? first : 1);
	while (grown < need)
		grown = grown > SIZE_MAX / 2 ? need : grown * 2;
	*cap = grown;
	return ar_xreallocarray(array, grown, size);
}

char *ar_xstrdup(const char *s)
{
	if (!s)
		return NULL;
	return ar_xstrndup(s, strlen(s));
}

char *ar_xstrndup(const char *s, size_t len)
{
	char *p = ar_xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* ---- arena ---- */

/* Chunks grow geometrically so a 100,000-item tracker costs few mallocs,
 * and a large string gets a chunk of its own rather than wasting a tail. */
#define ARENA_FIRST_CHUNK (64 * 1024)
#define ARENA_MAX_CHUNK (8 * 1024 * 1024)
#define ARENA_ALIGN (sizeof(max_align_t))

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	size_t used;
	max_align_t data[];
};

struct ar_arena {
	struct arena_chunk *head;
	size_t next_size;
	size_t used;
};

struct ar_arena *ar_arena_new(void)
{
	struct ar_arena *arena = ar_xcalloc(1, sizeof *arena);
	arena->next_size = ARENA_FIRST_CHUNK;
	return arena;
}

void ar_arena_free(struct ar_arena *arena)
{
	if (!arena)
		return;
	struct arena_chunk *c = arena->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	free(arena);
}

/* Large chunks are aligned to and sized in huge pages, and the kernel is
 * asked to back them with huge pages: a 100,000-item tracker otherwise
 * spends as long taking page faults on fresh 4 KB pages as libyaml spends
 * parsing it. */
#define HUGE_PAGE (2 * 1024 * 1024)

static struct arena_chunk *arena_chunk_new(size_t size)
{
	struct arena_chunk *c = NULL;
	size_t total = sizeof *c + size;
	if (total >= HUGE_PAGE && total <= SIZE_MAX - HUGE_PAGE) {
		total = (total + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
		void *p = NULL;
		if (posix_memalign(&p, HUGE_PAGE, total) != 0)
			die_nomem(total);
#ifdef MADV_HUGEPAGE
		madvise(p, total, MADV_HUGEPAGE); /* a hint: failure only costs speed */
#endif
		c = p;
		size = total - sizeof *c;
	} else {
		c = ar_xmalloc(total);
	}
	c->size = size;
	c->used = 0;
	c->next = NULL;
	return c;
}

/* size bytes from the arena, not zeroed. */
static void *arena_take(struct ar_arena *arena, size_t size)
{
	size_t rounded = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (rounded < size)
		die_nomem(SIZE_MAX);
	struct arena_chunk *c = arena->head;
	if (!c || c->size - c->used < rounded) {
		if (rounded > arena->next_size / 4) {
			/* A big block: its own chunk, kept behind the current one so the
			 * current chunk's free tail is still used. */
			struct arena_chunk *big = arena_chunk_new(rounded);
			big->used = rounded;
			if (c) {
				big->next = c->next;
				c->next = big;
			} else {
				arena->head = big;
			}
			arena->used += rounded;
			return big->data;
		}
		c = arena_chunk_new(arena->next_size);
		c->next = arena->head;
		arena->head = c;
		if (arena->next_size < ARENA_MAX_CHUNK)
			arena->next_size *= 2;
	}
	void *p = (char *)c->data + c->used;
	c->used += rounded;
	arena->used += rounded;
	return p;
}

void *ar_arena_alloc(struct ar_arena *arena, size_t size)
{
	void *p = arena_take(arena, size);
	memset(p, 0, size);
	return p;
}

char *ar_arena_strndup(struct ar_arena *arena, const char *s, size_t len)
{
	/* Rounding strings to max_align_t costs a few bytes each, small next to
	 * the text itself, and keeps one allocation path. */
	char *p = arena_take(arena, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *ar_arena_strdup(struct ar_arena *arena, const char *s)
{
	if (!s)
		return NULL;
	return ar_arena_strndup(arena, s, strlen(s));
}

size_t ar_arena_used(const struct ar_arena *arena)
{
	return arena->used;
}

/* ---- buffers ---- */

static void buf_reserve(struct ar_buf *buf, size_t extra)
{
	if (extra >= SIZE_MAX - buf->len)
		die_nomem(SIZE_MAX);
	AR_GROW(buf->data, buf->cap, buf->len + extra + 1, 64);
}

void ar_buf_add(struct ar_buf *buf, const void *bytes, size_t len)
{
	buf_reserve(buf, len);
	if (len)
		memcpy(buf->data + buf->len, bytes, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

void ar_buf_adds(struct ar_buf *buf, const char *s)
{
	ar_buf_add(buf, s, strlen(s));
}

void ar_buf_addc(struct ar_buf *buf, char c)
{
	ar_buf_add(buf, &c, 1);
}

void ar_buf_addf(struct ar_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_reserve(buf, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf->len += (size_t)n;
}

void ar_buf_reset(struct ar_buf *buf)
{
	buf->len = 0;
	if (buf->data)
		buf->data[0] = '\0';
}

void ar_buf_free(struct ar_buf *buf)
{
	free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}

char *ar_buf_steal(struct ar_buf *buf, size_t *len)
{
	if (!buf->data)
		ar_buf_add(buf, "", 0);
	char *p = buf->data;
	if (len)
		*len = buf->len;
	buf->data = NULL;
	buf->len = buf->cap = 0;
	return p;
}
