/* conflict.c - finding, reporting and resolving git conflict markers. */
#include "config.h"

#include "artrack/conflict.h"
#include "artrack/tracker.h"
#include "artrack/yamlio.h"

#include "conflict_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAD_MORE 0           /* not known yet: feed the next byte */
#define HEAD_NOT (-1)         /* not a marker line */
#define HEAD_END (-2)         /* "byte" for the end of the input */

/* One more byte c (or HEAD_END) of a line's start: the marker's kind ('<',
 * '|', '=', '>') once it is one, HEAD_NOT once it cannot be, else
 * HEAD_MORE.  The one rule for what a marker line is (see conflict.h). */
static int head_step(struct ar_conflict_head *head, int c)
{
	if (head->run == 0) {
		if (c != '<' && c != '|' && c != '=' && c != '>')
			return HEAD_NOT;
		head->kind = (char)c;
		head->run = 1;
		return HEAD_MORE;
	}
	if (c == head->kind) {
		head->run++;
		return HEAD_MORE;
	}
	if (head->run >= AR_CONFLICT_MARKER_LEN && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == HEAD_END))
		return head->kind;
	return HEAD_NOT;
}

/* Which marker the line p[0..len) (its newline included, if any) is, or 0. */
static char line_marker(const char *p, size_t len)
{
	struct ar_conflict_head head = {0};
	int r = HEAD_MORE;
	for (size_t i = 0; i < len && r == HEAD_MORE; i++)
		r = head_step(&head, (unsigned char)p[i]);
	if (r == HEAD_MORE)
		r = head_step(&head, HEAD_END);
	return r > 0 ? (char)r : 0;
}

/* kind repeated size times, as a message shows it (a very long one cut). */
static const char *marker_text(char *buf, size_t bufsize, char kind, size_t size)
{
	size_t n = size < bufsize - 4 ? size : bufsize - 4;
	memset(buf, kind, n);
	strcpy(buf + n, size > n ? "..." : "");
	return buf;
}

/* Start scanning (see conflict.h). */
void ar_conflict_scan_init(struct ar_conflict_scan *scan)
{
	memset(scan, 0, sizeof *scan);
	scan->line = 1;
}

static void stray(struct ar_conflict_scan *scan, int line, char kind, size_t size)
{
	char marker[40], other[40];
	marker_text(marker, sizeof marker, kind, size);
	marker_text(other, sizeof other, kind == '<' ? '>' : '<', size);
	scan->strays++;
	if (kind == '<')
		ar_diags_add(&scan->found, line, 1,
		             "merge conflict: '%s' inside the conflict opened at line %d, which has no '%s' yet",
		             marker, scan->open_line, other);
	else
		ar_diags_add(&scan->found, line, 1, "merge conflict: '%s' with no '%s' before it", marker, other);
}

/* One side of a conflict as the message gives it: its value and line
 * (what names one), else its lines: "line 42", "lines 42-47". */
static const char *side_text(char *buf, size_t size, int first, int last, const struct conflict_what *what, int side)
{
	if (what && what->values[side])
		snprintf(buf, size, "\"%s\" (line %d)", what->value[side], what->value_line[side]);
	else if (last < first)
		snprintf(buf, size, "has no lines");
	else if (last == first)
		snprintf(buf, size, "line %d", first);
	else
		snprintf(buf, size, "lines %d-%d", first, last);
	return buf;
}

/* The one message for a whole conflict: what it is in when what names it
 * (NULL or "": each side's lines only). */
static void conflict_message(struct ar_error *err, const struct ar_conflict_span *span, const struct conflict_what *what)
{
	int ours_end = span->base ? span->base : span->middle;
	char ours[CONFLICT_VALUE_MAX + 32], theirs[CONFLICT_VALUE_MAX + 32];
	side_text(ours, sizeof ours, span->open + 1, ours_end - 1, what, 0);
	side_text(theirs, sizeof theirs, span->middle + 1, span->close - 1, what, 1);
	bool named = what && *what->name;
	ar_error_set(err, span->open, 1, "merge conflict%s%s: ours %s, theirs %s; keep one and delete the marker lines",
	             named ? " in " : "", named ? what->name : "", ours, theirs);
}

/* One marker line, in order: < [|] = >. */
static void take_marker(struct ar_conflict_scan *scan, char kind, size_t size, int line)
{
	scan->markers++;
	switch (kind) {
	case '<':
		if (scan->open_line)
			stray(scan, line, kind, size);
		scan->open_line = line;
		scan->open_size = size;
		scan->base_line = scan->middle_line = 0;
		return;
	case '|':
		if (!scan->open_line || scan->middle_line || scan->base_line)
			stray(scan, line, kind, size);
		else
			scan->base_line = line;
		return;
	case '=':
		if (!scan->open_line || scan->middle_line)
			stray(scan, line, kind, size);
		else
			scan->middle_line = line;
		return;
	default:
		if (!scan->open_line || !scan->middle_line) {
			stray(scan, line, kind, size);
			scan->open_line = 0;
			return;
		}
		AR_GROW(scan->spans, scan->span_cap, scan->span_count + 1, 16);
		struct ar_conflict_span *span = &scan->spans[scan->span_count++];
		*span = (struct ar_conflict_span){scan->open_line, scan->base_line, scan->middle_line, line,
		                                  scan->found.count};
		struct ar_error err;
		conflict_message(&err, span, NULL);
		ar_diags_add_error(&scan->found, &err);
		scan->open_line = scan->base_line = scan->middle_line = 0;
	}
}

/* The current line's start is known to be marker r (or not one, r <= 0). */
static void end_head(struct ar_conflict_scan *scan, int r)
{
	if (r > 0)
		take_marker(scan, (char)r, scan->head.run, scan->line);
	scan->in_line = true;
}

/* Scan another piece (see conflict.h). */
void ar_conflict_scan_feed(struct ar_conflict_scan *scan, const void *bytes, size_t len)
{
	const char *p = bytes, *end = p + len;
	while (p < end) {
		if (!scan->in_line) {
			/* Read the line's start until it is or is not a marker; the
			 * byte that decides stays for the line's end below. */
			int r = HEAD_MORE;
			while (p < end && (r = head_step(&scan->head, (unsigned char)*p)) == HEAD_MORE)
				p++;
			if (r == HEAD_MORE)
				return;
			end_head(scan, r);
		}
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return;
		p = nl + 1;
		scan->line++;
		scan->in_line = false;
		scan->head.run = 0;
	}
}

/* End of input (see conflict.h). */
size_t ar_conflict_scan_finish(struct ar_conflict_scan *scan, const char *data, size_t len, struct ar_diags *diags)
{
	if (!scan->in_line && scan->head.run)
		end_head(scan, head_step(&scan->head, HEAD_END));
	if (scan->open_line) {
		char open[40], close[40];
		scan->strays++;
		ar_diags_add(&scan->found, scan->open_line, 1, "merge conflict: '%s' is never closed by a '%s' line",
		             marker_text(open, sizeof open, '<', scan->open_size),
		             marker_text(close, sizeof close, '>', scan->open_size));
	}
	/* Name what each conflict is in, reading the sides again: only when
	 * the markers are in order, for only then is each side what it wrote. */
	if (data && scan->span_count && !scan->strays) {
		struct conflict_what *what = ar_xcalloc(scan->span_count, sizeof *what);
		conflict_name(data, len, scan->spans, scan->span_count, what);
		for (size_t i = 0; i < scan->span_count; i++)
			conflict_message(&scan->found.items[scan->spans[i].diag], &scan->spans[i], &what[i]);
		free(what);
	}
	free(scan->spans);
	for (size_t i = 0; i < scan->found.count; i++)
		ar_diags_add_error(diags, &scan->found.items[i]);
	ar_diags_free(&scan->found);
	size_t markers = scan->markers;
	ar_conflict_scan_init(scan);
	return markers;
}

/* Walk data's lines as side wrote them: each kept line is appended to out
 * (when not NULL); when side_line > 0, stop at that kept line and give its
 * line in data through *file_line.  Returns how many conflicts were passed. */
static size_t walk_side(const char *data, size_t len, enum ar_conflict_side side, struct ar_buf *out,
                        int side_line, int *file_line)
{
	enum { COMMON, OURS, BASE, THEIRS } part = COMMON;
	size_t conflicts = 0;
	int line = 0, kept = 0;
	for (const char *p = data, *end = data + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		size_t n = (size_t)(next - p);
		char kind = line_marker(p, n);
		line++;
		if (kind == '<' && part == COMMON) {
			part = OURS;
			conflicts++;
		} else if (kind == '|' && part == OURS) {
			part = BASE;
		} else if (kind == '=' && (part == OURS || part == BASE)) {
			part = THEIRS;
		} else if (kind == '>' && part == THEIRS) {
			part = COMMON;
		} else if (part == COMMON || (part == OURS && side == AR_CONFLICT_OURS) ||
		           (part == THEIRS && side == AR_CONFLICT_THEIRS)) {
			if (out)
				ar_buf_add(out, p, n);
			if (++kept == side_line) {
				*file_line = line;
				return conflicts;
			}
		}
		p = next;
	}
	if (side_line > 0)
		*file_line = line + 1; /* past the end: the end of the file */
	return conflicts;
}

/* The file as one side wrote it (see conflict.h). */
size_t ar_conflict_take_side(const char *data, size_t len, enum ar_conflict_side side, struct ar_buf *out)
{
	ar_buf_add(out, "", 0);
	return walk_side(data, len, side, out, 0, NULL);
}

/* Where a line of one side's text stands in the file (see conflict.h). */
int ar_conflict_file_line(const char *data, size_t len, enum ar_conflict_side side, int side_line)
{
	int file_line = 0;
	if (side_line <= 0)
		return 0;
	walk_side(data, len, side, NULL, side_line, &file_line);
	return file_line;
}

/* A marker line (see conflict.h). */
void ar_conflict_marker(struct ar_buf *out, char kind, const struct ar_conflict_markers *markers)
{
	size_t size = markers && markers->size ? markers->size : AR_CONFLICT_MARKER_LEN;
	const char *label = !markers ? NULL : kind == '<' ? markers->ours : kind == '>' ? markers->theirs : NULL;
	for (size_t i = 0; i < size; i++)
		ar_buf_addc(out, kind);
	if (label && *label) {
		ar_buf_addc(out, ' ');
		ar_buf_adds(out, label);
	}
	ar_buf_addc(out, '\n');
}

/* A side that does not load cannot be offered: its problems are told
 * where the officer sees them, in the file with the markers. */
static void side_problems(struct ar_diags *diags, const char *data, size_t len, enum ar_conflict_side side,
                          const struct ar_diags *found)
{
	for (size_t i = 0; i < found->count; i++) {
		const struct ar_error *e = &found->items[i];
		ar_diags_add(diags, ar_conflict_file_line(data, len, side, e->line), e->column,
		             "%s side of the conflicts: %s (resolve that conflict by hand)",
		             side == AR_CONFLICT_OURS ? "ours'" : "theirs'", e->message);
	}
}

/* Both sides of a conflicted file as trackers (see conflict.h). */
bool ar_conflict_load_sides(const char *data, size_t len, struct ar_tracker **ours, struct ar_tracker **theirs,
                            struct ar_diags *diags)
{
	struct ar_buf text[2] = {{0}};
	struct ar_tracker *side[2] = {NULL, NULL};
	bool loaded = true;
	*ours = *theirs = NULL;
	for (int i = 0; i < 2; i++) {
		enum ar_conflict_side which = i == 0 ? AR_CONFLICT_OURS : AR_CONFLICT_THEIRS;
		struct ar_diags found = {0};
		if (ar_conflict_take_side(data, len, which, &text[i]) == 0)
			loaded = false; /* no markers: nothing to offer */
		else if (ar_load_buffer(text[i].data, text[i].len, &side[i], &found) != AR_OK)
			loaded = false;
		side_problems(diags, data, len, which, &found);
		ar_diags_free(&found);
		ar_buf_free(&text[i]);
	}
	if (!loaded) {
		ar_tracker_free(side[0]);
		ar_tracker_free(side[1]);
		return false;
	}
	*ours = side[0];
	*theirs = side[1];
	return true;
}
