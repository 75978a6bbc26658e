/* query_history.c - earlier filters, kept between runs. */
#include "config.h"

#include "artrack/query_history.h"
#include "artrack/alloc.h"
#include "artrack/filesafe.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *ar_query_history_path(void)
{
	struct ar_buf path = { 0 };
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	if (state && state[0] == '/')
		ar_buf_adds(&path, state);
	else if (home && home[0] == '/')
		ar_buf_addf(&path, "%s/.local/state", home);
	else
		return NULL;
	ar_buf_adds(&path, "/artrack/history");
	return ar_buf_steal(&path, NULL);
}

static bool is_blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

void ar_query_history_add(struct ar_query_history *history, const char *query)
{
	if (!query || is_blank(query) || strpbrk(query, "\r\n"))
		return;
	for (size_t i = 0; i < history->count; i++) {
		if (strcmp(history->entries[i], query) == 0) {
			char *same = history->entries[i];
			memmove(&history->entries[i], &history->entries[i + 1],
			        (history->count - i - 1) * sizeof *history->entries);
			history->entries[history->count - 1] = same;
			return;
		}
	}
	if (history->count == AR_QUERY_HISTORY_LIMIT) {
		free(history->entries[0]);
		memmove(&history->entries[0], &history->entries[1], (history->count - 1) * sizeof *history->entries);
		history->count--;
	}
	AR_GROW(history->entries, history->capacity, history->count + 1, 16);
	history->entries[history->count++] = ar_xstrdup(query);
}

enum ar_rc ar_query_history_load(struct ar_query_history *history, const char *path, struct ar_error *err)
{
	struct ar_buf text = { 0 };
	if (ar_read_file(path, &text) != 0) {
		int e = errno;
		ar_buf_free(&text);
		if (e == ENOENT)
			return AR_OK;
		ar_error_set(err, 0, 0, "%s: %s", path, strerror(e));
		return AR_EIO;
	}
	for (char *line = text.data; line && *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		ar_query_history_add(history, line);
		line = end ? end + 1 : NULL;
	}
	ar_buf_free(&text);
	return AR_OK;
}

/* mkdir -p of the folder holding path. */
static int make_parents(const char *path)
{
	char *dir = ar_xstrdup(path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			free(dir);
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

enum ar_rc ar_query_history_save(const struct ar_query_history *history, const char *path, struct ar_error *err)
{
	if (make_parents(path) != 0) {
		ar_error_set(err, 0, 0, "%s: %s", path, strerror(errno));
		return AR_EIO;
	}
	struct ar_buf text = { 0 };
	ar_buf_add(&text, "", 0);
	for (size_t i = 0; i < history->count; i++)
		ar_buf_addf(&text, "%s\n", history->entries[i]);
	/* The officer's own list: private when new, no FILE~ beside it. */
	struct ar_write_options options = { .no_backup = true, .new_mode = 0600 };
	enum ar_rc rc = ar_file_write_atomic(path, text.data, text.len, &options, err);
	ar_buf_free(&text);
	return rc;
}

void ar_query_history_free(struct ar_query_history *history)
{
	for (size_t i = 0; i < history->count; i++)
		free(history->entries[i]);
	free(history->entries);
	*history = (struct ar_query_history){ 0 };
}
