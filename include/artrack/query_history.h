/* query_history.h - the filters an officer typed before, recalled with
 * Up/Down in the filter line and kept between runs in
 * $XDG_STATE_HOME/artrack/history (else ~/.local/state/artrack/history),
 * one query a line, oldest first.
 *
 * Ownership: an ar_query_history owns its strings; ar_query_history_free()
 * releases them.
 */
#ifndef ARTRACK_QUERY_HISTORY_H
#define ARTRACK_QUERY_HISTORY_H

#include <stddef.h>

#include "artrack/error.h"

#define AR_QUERY_HISTORY_LIMIT 200

struct ar_query_history {
	char **entries;     /* oldest first, no duplicates, no blanks */
	size_t count;
	size_t capacity;
};

/* The history file's path, from $XDG_STATE_HOME or $HOME (caller frees);
 * NULL when neither is set to an absolute path. */
char *ar_query_history_path(void);

/* Append the entries of the file at path; a missing file is no error. */
enum ar_rc ar_query_history_load(struct ar_query_history *history, const char *path, struct ar_error *err);

/* Remember query as the newest entry (an earlier copy is dropped; blank
 * queries and line breaks are not kept); the oldest go past the limit. */
void ar_query_history_add(struct ar_query_history *history, const char *query);

/* Write the entries to path, creating its folders, with filesafe.h's atomic
 * writer (a crash leaves the old or the new list whole; a new file is
 * private to the officer; no FILE~). */
enum ar_rc ar_query_history_save(const struct ar_query_history *history, const char *path, struct ar_error *err);

/* Release the entries; history is left empty and reusable. */
void ar_query_history_free(struct ar_query_history *history);

#endif
