/* conflict_names.h - what a conflict is in: the item, meeting or top-level
 * key, and the fields whose lines differ, found by reading each side of the
 * file as YAML (conflict.c turns this into its messages).  Private to
 * src/core.
 *
 * Ownership: plain values, written into the caller's array.
 */
#ifndef ARTRACK_CONFLICT_NAMES_H
#define ARTRACK_CONFLICT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/conflict.h"

#define CONFLICT_VALUE_MAX 48     /* bytes of a value shown in a message */

/* What one conflict is in. */
struct conflict_what {
	char name[200];               /* "item 21 status", "meeting 2023-11-30 title",
	                               * "title", "item 9"; "" when nothing can be named */
	bool values[2];               /* one field, and ours' (theirs') is a short one-line value: */
	char value[2][CONFLICT_VALUE_MAX + 1];
	int value_line[2];            /* and the file's line it is on */
};

/* Name each of spans[0..count) (whole conflicts of data[0..len), in order,
 * with no stray markers between them) into what[0..count). */
void conflict_name(const char *data, size_t len, const struct ar_conflict_span *spans, size_t count,
                   struct conflict_what *what);

#endif
