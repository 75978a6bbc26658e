/* choices.h - naming one of a fixed set of words, and saying why a word
 * names none: the one home of "'x' is not one of a, b, c", "'x' is
 * ambiguous (a, b)" and "did you mean completed?".
 *
 * Every place that takes an enumeration value or a name from a short list
 * (queries, edits, the loader, sort keys, the command line's formats and
 * commands) explains a bad one through here, so they all read alike and all
 * suggest the nearest valid word.
 *
 * Ownership: functions borrow their arguments and append to the caller's
 * buffer or error value.
 */
#ifndef ARTRACK_CHOICES_H
#define ARTRACK_CHOICES_H

#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/error.h"

/* The names of names[0..count) (at most 32; empty ones never) nearest to
 * text[0..len), as a bit per name: the one it is a unique prefix of, else
 * those fewest edits away (ignoring case; swapping two neighbours is one
 * edit), or of whose start it is a near miss - when close enough to be a
 * likely typo.  0 when none is. */
unsigned ar_choice_nearest(const char *const *names, int count, const char *text, size_t len);

/* Append "; did you mean a?" (or "a or b?") naming ar_choice_nearest()'s
 * names, or nothing when none is near. */
void ar_choice_suggest(struct ar_buf *out, const char *const *names, int count, const char *text, size_t len);

/* Append why text[0..len) picks no single name of names[0..count), given
 * what ar_enum_match() returned for it (found -1: none fits, -2: several
 * fit, fitting: which): "'x' is ambiguous (a, b)"; "'x': did you mean b?
 * (not one of a, b, c)" when a name is near (the guess first, so a narrow
 * status line shows it); else "'x' is not one of a, b, c".  note (if not
 * NULL) follows the list ("(NOTE)", or "; NOTE" inside the parentheses). */
void ar_choice_explain(struct ar_buf *out, const char *const *names, int count, const char *text, size_t len,
                       int found, unsigned fitting, const char *note);

/* Set err at line:column to "WHAT: " (when what is not NULL) followed by
 * ar_choice_explain()'s text. */
void ar_choice_error(struct ar_error *err, int line, int column, const char *what, const char *const *names,
                     int count, const char *text, size_t len, int found, unsigned fitting);

#endif
