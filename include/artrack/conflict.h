/* conflict.h - git conflict markers in a tracker file.
 *
 * `artrack merge` leaves a field both sides changed as git does:
 *
 *     <<<<<<< ours
 *       status: completed
 *     =======
 *       status: closed
 *     >>>>>>> theirs
 *
 * (a diff3-style `||||||| base` part before `=======` is understood too).
 * Such a file is not a tracker until someone chooses: the loader feeds the
 * bytes it reads through a scanner that finds marker lines, and reports each
 * conflict as FILE:LINE:COL: error: merge conflict ... instead of the YAML
 * errors the markers cause.  ar_conflict_take_side() gives the file as one
 * side wrote it, which is how the UI offers the choice field by field.
 *
 * A marker is seven or more of one of '<', '|', '=' or '>' at the start of
 * a line, then a blank, a line end or the end of the file: git writes seven
 * unless a conflict-marker-size attribute asks for more (its %L), and every
 * size reads back.  At the start of a line inside a tracker none of them
 * can be YAML (every value is indented under its key), so they are never
 * mistaken for data.
 *
 * Ownership: the scanner owns its diags until ar_conflict_scan_finish hands
 * them over; everything else writes into caller-owned buffers.
 */
#ifndef ARTRACK_CONFLICT_H
#define ARTRACK_CONFLICT_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/error.h"

#define AR_CONFLICT_MARKER_LEN 7    /* git's size, and the least one read back */
#define AR_CONFLICT_MARKER_MAX 999  /* the most `artrack merge --marker-size` writes */

/* How a line starts, read byte by byte (a marker, or not yet known). */
struct ar_conflict_head {
	char kind;                /* the repeated character */
	size_t run;               /* how many so far; 0 before the line's first byte */
};

/* One conflict, by its marker lines (1-based; base 0: no ||||||| part). */
struct ar_conflict_span {
	int open, base, middle, close;
	size_t diag;              /* its error in the scanner's found */
};

/* A scanner over bytes fed in pieces of any size. */
struct ar_conflict_scan {
	int line;                 /* 1-based line of the next byte */
	bool in_line;             /* inside a line, past its first bytes */
	struct ar_conflict_head head; /* the current line's first bytes */
	int open_line;            /* the <<<<<<< being read, 0: none */
	size_t open_size;         /* its characters */
	int base_line;            /* its |||||||, 0: none */
	int middle_line;          /* its =======, 0: none */
	size_t markers;           /* marker lines seen */
	struct ar_diags found;
	struct ar_conflict_span *spans; /* the whole conflicts, in order */
	size_t span_count, span_cap;
	size_t strays;            /* markers out of place (then only lines are told) */
};

/* Start scanning (line 1). */
void ar_conflict_scan_init(struct ar_conflict_scan *scan);

/* Scan bytes[0..len), continuing the previous piece. */
void ar_conflict_scan_feed(struct ar_conflict_scan *scan, const void *bytes, size_t len);

/* End of input: append one error per conflict (and per stray marker) to
 * diags, release the scanner and return how many marker lines it saw (0:
 * the file has no conflicts).  data[0..len) is the whole input, read again
 * to name what each conflict is in ("merge conflict in item 21 status:
 * ours "completed" (line 42), theirs "closed" (line 44); ..."); NULL, or
 * what cannot be named, gives each side's lines only. */
size_t ar_conflict_scan_finish(struct ar_conflict_scan *scan, const char *data, size_t len, struct ar_diags *diags);

enum ar_conflict_side { AR_CONFLICT_OURS, AR_CONFLICT_THEIRS };

/* Append data[0..len) to out as side wrote it: every conflict replaced by
 * that side's lines, the marker lines left out.  Returns how many conflicts
 * there were. */
size_t ar_conflict_take_side(const char *data, size_t len, enum ar_conflict_side side, struct ar_buf *out);

/* The line of data (1-based) that line side_line of side's text (as
 * ar_conflict_take_side gives it) was taken from, so that a problem found in
 * one side is told where the officer sees it; 0 for side_line 0 (no line). */
int ar_conflict_file_line(const char *data, size_t len, enum ar_conflict_side side, int side_line);

struct ar_tracker;

/* Load both sides of data[0..len), a file with conflict markers, into
 * *ours and *theirs (the caller owns both; free with ar_tracker_free) and
 * return true.  False, with nothing in either, when data has no conflicts
 * or a side does not load; that side's problems are then appended to diags
 * at their lines in data ("theirs' side of the conflicts: ..."). */
bool ar_conflict_load_sides(const char *data, size_t len, struct ar_tracker **ours, struct ar_tracker **theirs,
                            struct ar_diags *diags);

/* How markers are written (`artrack merge --marker-size N -L OURS -L BASE -L THEIRS`). */
struct ar_conflict_markers {
	size_t size;              /* characters in a marker; 0: AR_CONFLICT_MARKER_LEN */
	const char *ours;         /* the label after '<<<<<<<' (NULL or "": none) */
	const char *theirs;       /* the label after '>>>>>>>' */
};

/* The marker line of the given kind ('<', '|', '=', '>') as markers says
 * (NULL: seven characters, no labels), newline included. */
void ar_conflict_marker(struct ar_buf *out, char kind, const struct ar_conflict_markers *markers);

#endif
