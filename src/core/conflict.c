/* conflict.c - finding, reporting and resolving git conflict markers. */
#include "config.h"

#include "artrack/conflict.h"

#include <stdio.h>
#include <string.h>

/* Which marker a line starting with head[0..len) is ('<', '|', '=', '>'),
 * or 0.  complete: the line (or the input) ends within those bytes. */
static char marker_kind(const char *head, size_t len)
{
	if (len < AR_CONFLICT_MARKER_LEN)
		return 0;
	char c = head[0];
	if (c != '<' && c != '|' && c != '=' && c != '>')
		return 0;
	for (size_t i = 1; i < AR_CONFLICT_MARKER_LEN; i++)
		if (head[i] != c)
			return 0;
	if (len > AR_CONFLICT_MARKER_LEN) {
		char after = head[AR_CONFLICT_MARKER_LEN];
		if (after != ' ' && after != '\n' && after != '\r' && after != '\t')
			return 0;
	}
	return c;
}

/* Start scanning (see conflict.h). */
void ar_conflict_scan_init(struct ar_conflict_scan *scan)
{
	memset(scan, 0, sizeof *scan);
	scan->line = 1;
}

static void stray(struct ar_conflict_scan *scan, int line, char kind)
{
	char marker[AR_CONFLICT_MARKER_LEN + 1];
	memset(marker, kind, AR_CONFLICT_MARKER_LEN);
	marker[AR_CONFLICT_MARKER_LEN] = '\0';
	if (kind == '<')
		ar_diags_add(&scan->found, line, 1,
		             "merge conflict: '%s' inside the conflict opened at line %d, which has no '>>>>>>>' yet",
		             marker, scan->open_line);
	else
		ar_diags_add(&scan->found, line, 1, "merge conflict: '%s' with no '<<<<<<<' before it", marker);
}

static const char *line_range(char *buf, size_t size, int first, int last)
{
	if (last < first)
		snprintf(buf, size, "nothing");
	else if (last == first)
		snprintf(buf, size, "line %d", first);
	else
		snprintf(buf, size, "lines %d-%d", first, last);
	return buf;
}

/* One marker line, in order: < [|] = >. */
static void take_marker(struct ar_conflict_scan *scan, char kind, int line)
{
	scan->markers++;
	switch (kind) {
	case '<':
		if (scan->open_line)
			stray(scan, line, kind);
		scan->open_line = line;
		scan->base_line = scan->middle_line = 0;
		return;
	case '|':
		if (!scan->open_line || scan->middle_line || scan->base_line)
			stray(scan, line, kind);
		else
			scan->base_line = line;
		return;
	case '=':
		if (!scan->open_line || scan->middle_line)
			stray(scan, line, kind);
		else
			scan->middle_line = line;
		return;
	default:
		if (!scan->open_line || !scan->middle_line) {
			stray(scan, line, kind);
			scan->open_line = 0;
			return;
		}
		int ours_end = scan->base_line ? scan->base_line : scan->middle_line;
		char ours[48], theirs[48];
		ar_diags_add(&scan->found, scan->open_line, 1,
		             "merge conflict: both sides changed this; keep ours (%s) or theirs (%s) "
		             "and delete the marker lines",
		             line_range(ours, sizeof ours, scan->open_line + 1, ours_end - 1),
		             line_range(theirs, sizeof theirs, scan->middle_line + 1, line - 1));
		scan->open_line = scan->base_line = scan->middle_line = 0;
	}
}

/* The current line's first bytes are known: is it a marker? */
static void end_head(struct ar_conflict_scan *scan)
{
	char kind = marker_kind(scan->head, scan->head_len);
	if (kind)
		take_marker(scan, kind, scan->line);
	scan->in_line = true;
}

/* Scan another piece (see conflict.h). */
void ar_conflict_scan_feed(struct ar_conflict_scan *scan, const void *bytes, size_t len)
{
	const char *p = bytes, *end = p + len;
	while (p < end) {
		if (!scan->in_line) {
			/* Gather the line's first bytes: a marker and what follows it. */
			while (p < end && scan->head_len < AR_CONFLICT_MARKER_LEN + 1 && *p != '\n')
				scan->head[scan->head_len++] = *p++;
			if (p == end)
				return;
			if (*p == '\n' && scan->head_len < AR_CONFLICT_MARKER_LEN + 1)
				scan->head[scan->head_len++] = '\n';
			end_head(scan);
		}
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return;
		p = nl + 1;
		scan->line++;
		scan->in_line = false;
		scan->head_len = 0;
	}
}

/* End of input (see conflict.h). */
size_t ar_conflict_scan_finish(struct ar_conflict_scan *scan, struct ar_diags *diags)
{
	if (!scan->in_line && scan->head_len)
		end_head(scan);
	if (scan->open_line)
		ar_diags_add(&scan->found, scan->open_line, 1,
		             "merge conflict: '<<<<<<<' is never closed by a '>>>>>>>' line");
	for (size_t i = 0; i < scan->found.count; i++)
		ar_diags_add_error(diags, &scan->found.items[i]);
	ar_diags_free(&scan->found);
	size_t markers = scan->markers;
	ar_conflict_scan_init(scan);
	return markers;
}

/* The file as one side wrote it (see conflict.h). */
size_t ar_conflict_take_side(const char *data, size_t len, enum ar_conflict_side side, struct ar_buf *out)
{
	enum { COMMON, OURS, BASE, THEIRS } part = COMMON;
	size_t conflicts = 0;
	ar_buf_add(out, "", 0);
	for (const char *p = data, *end = data + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		size_t n = (size_t)(next - p);
		char kind = marker_kind(p, n < AR_CONFLICT_MARKER_LEN + 1 ? n : AR_CONFLICT_MARKER_LEN + 1);
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
			ar_buf_add(out, p, n);
		}
		p = next;
	}
	return conflicts;
}

/* A marker line (see conflict.h). */
void ar_conflict_marker(struct ar_buf *out, char kind, const char *label)
{
	for (int i = 0; i < AR_CONFLICT_MARKER_LEN; i++)
		ar_buf_addc(out, kind);
	if (label && *label) {
		ar_buf_addc(out, ' ');
		ar_buf_adds(out, label);
	}
	ar_buf_addc(out, '\n');
}
