/* alloc.h - allocation that never returns NULL, and a string arena.
 *
 * An officer's work is worth more than a half-handled out-of-memory path, so
 * allocation failure is not an error value: ar_xmalloc() and friends call the
 * handler installed with ar_set_nomem_handler() (the program restores the
 * terminal and exits there), and abort() if it returns.  The core itself
 * never prints or exits.
 *
 * Ownership: an ar_arena owns every block it hands out; they are freed all at
 * once by ar_arena_free().  Nothing from an arena is ever freed singly, which
 * is what lets undo keep old strings by pointer.
 */
#ifndef ARTRACK_ALLOC_H
#define ARTRACK_ALLOC_H

#include <stddef.h>

typedef void (*ar_nomem_handler)(size_t requested);

/* Install the function called when memory runs out (NULL: just abort);
 * returns the one it replaces, for putting back. */
ar_nomem_handler ar_set_nomem_handler(ar_nomem_handler handler);

/* malloc that never returns NULL. */
void *ar_xmalloc(size_t size);
/* calloc that never returns NULL. */
void *ar_xcalloc(size_t count, size_t size);
/* realloc that never returns NULL. */
void *ar_xrealloc(void *ptr, size_t size);
/* realloc of an array of count elements, checking the multiplication. */
void *ar_xreallocarray(void *ptr, size_t count, size_t size);
/* The one way an array grows: array (capacity *cap elements of size bytes)
 * with room for at least need elements, the capacity doubled from first (or
 * from what it was) until it fits; *cap is updated.  Use through AR_GROW. */
void *ar_grow_array(void *array, size_t *cap, size_t need, size_t size, size_t first);

/* Room for need elements in the array ptr whose capacity (a size_t) is cap:
 * AR_GROW(list->items, list->capacity, list->count + 1, 16).  need is
 * evaluated twice (the check that there is room stays inline). */
#define AR_GROW(ptr, cap, need, first) \
	((void)((need) > (cap) && ((ptr) = ar_grow_array((ptr), &(cap), (need), sizeof *(ptr), (first))) != NULL))

/* strdup that never returns NULL (NULL in, NULL out). */
char *ar_xstrdup(const char *s);
/* strndup that never returns NULL. */
char *ar_xstrndup(const char *s, size_t len);

struct ar_arena;

/* A new, empty arena. */
struct ar_arena *ar_arena_new(void);
/* Free the arena and everything allocated from it. */
void ar_arena_free(struct ar_arena *arena);
/* size bytes aligned for any object, zeroed. */
void *ar_arena_alloc(struct ar_arena *arena, size_t size);
/* A NUL-terminated copy of s[0..len) (s may hold no NUL). */
char *ar_arena_strndup(struct ar_arena *arena, const char *s, size_t len);
/* A copy of s (NULL in, NULL out). */
char *ar_arena_strdup(struct ar_arena *arena, const char *s);
/* Bytes handed out so far (for the benchmark's memory figures). */
size_t ar_arena_used(const struct ar_arena *arena);

/* A growable byte buffer, always NUL-terminated once anything is added. */
struct ar_buf {
	char *data;
	size_t len;
	size_t cap;
};

/* Append len bytes. */
void ar_buf_add(struct ar_buf *buf, const void *bytes, size_t len);
/* Append a NUL-terminated string. */
void ar_buf_adds(struct ar_buf *buf, const char *s);
/* Append one byte. */
void ar_buf_addc(struct ar_buf *buf, char c);
/* Append printf-formatted text. */
void ar_buf_addf(struct ar_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Forget the contents but keep the memory. */
void ar_buf_reset(struct ar_buf *buf);
/* Free the memory; buf is left empty and reusable. */
void ar_buf_free(struct ar_buf *buf);
/* Hand the bytes to the caller (who frees them) and leave buf empty. */
char *ar_buf_steal(struct ar_buf *buf, size_t *len);

#endif
