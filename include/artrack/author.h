/* author.h - who is writing: the default author ("by") of a new update.
 *
 * In order: $ARTRACK_NAME when set and not empty; else git's user.name
 * (`git config user.name`, when git is installed and it is set); else the
 * full name in the login's passwd entry (its GECOS field up to the first
 * comma); else the login name; else "" (no author).
 *
 * Ownership: the name is appended to the caller's buffer.
 */
#ifndef ARTRACK_AUTHOR_H
#define ARTRACK_AUTHOR_H

#include "artrack/alloc.h"

/* Append the default author's name to out (always NUL-terminated). */
void ar_default_author(struct ar_buf *out);

#endif
