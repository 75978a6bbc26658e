/* error.h - status codes and error values shared by the whole core.
 *
 * Core functions never print and never exit: they return an enum ar_rc and,
 * where a caller may want to show why, fill a struct ar_error (one problem)
 * or a struct ar_diags (every problem found, for the loader).
 *
 * Ownership: an ar_error is a plain value (fixed-size message, no heap).
 * An ar_diags owns its array; release it with ar_diags_free().
 */
#ifndef ARTRACK_ERROR_H
#define ARTRACK_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/* What went wrong, in the terms of spec section 3's exit statuses. */
enum ar_rc {
	AR_OK = 0,
	AR_EDATA = 1,     /* the data is at fault: invalid file, no such item */
	AR_EUSAGE = 2,    /* the request is at fault: bad query, bad argument */
	AR_EIO = 3,       /* a system call failed; the message carries strerror */
	AR_ECHANGED = 4,  /* the file changed on disk since it was read */
	AR_ELOCKED = 5,   /* another artrack holds the file's lock */
};

#define AR_ERROR_MESSAGE_MAX 400

/* One problem. line and column are 1-based; 0 means "not applicable". */
struct ar_error {
	int line;
	int column;
	char message[AR_ERROR_MESSAGE_MAX];
};

/* Every problem found in one input, in the order found. */
struct ar_diags {
	struct ar_error *items;
	size_t count;
	size_t capacity;
};

/* Fill err (if not NULL) with a formatted message at line:column. */
void ar_error_set(struct ar_error *err, int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Clear err to "no error". */
void ar_error_clear(struct ar_error *err);

/* Append one problem to diags (if not NULL). */
void ar_diags_add(struct ar_diags *diags, int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Append an existing error value to diags (if not NULL). */
void ar_diags_add_error(struct ar_diags *diags, const struct ar_error *err);

/* Sort problems by line then column, keeping the order of equal positions. */
void ar_diags_sort(struct ar_diags *diags);

/* Release the array; diags is left empty and reusable. */
void ar_diags_free(struct ar_diags *diags);

struct ar_buf;

/* Append every problem as a line "FILE:LINE:COLUMN: SEVERITY: MESSAGE" (the
 * way compilers report), or "FILE: SEVERITY: MESSAGE" when it has no line. */
void ar_diags_format(struct ar_buf *out, const char *file, const struct ar_diags *diags, const char *severity);

#endif
