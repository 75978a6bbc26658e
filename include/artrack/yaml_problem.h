/* yaml_problem.h - libyaml's error messages turned into what the officer
 * can do about them.
 *
 * libyaml says "invalid trailing UTF-8 octet" for a Latin-1 file, "control
 * characters are not allowed (U+0000)" for UTF-16 without a byte-order mark
 * and "could not find expected ':'" for a key past its 1024-character
 * limit.  The loader asks here for the sentence to show instead; where
 * nothing better is known libyaml's own words stay.
 *
 * Ownership: the parser is borrowed and only read; the sentence is appended
 * to the caller's ar_buf.
 */
#ifndef ARTRACK_YAML_PROBLEM_H
#define ARTRACK_YAML_PROBLEM_H

#include <yaml.h>

#include "artrack/alloc.h"

/* Append the message for the error parser stopped with (a reader, scanner
 * or parser error; memory errors are the caller's).  Returns the mark to
 * report it at, or NULL for a reader error, whose marks libyaml leaves at
 * 0:0 (the caller works the position out from problem_offset). */
const yaml_mark_t *ar_yaml_problem_message(const yaml_parser_t *parser, struct ar_buf *out);

#endif
