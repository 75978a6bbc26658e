/* item_lines.h - an item in the editor (E, A, C) with its comments.
 *
 * E shows the item as a save would write it - the comment and blank lines
 * before it, its keys, the comments between them and at the end of their
 * lines - moved to column 0.  What the officer leaves there is saved as
 * written (ar_item_lines, tracker.h), moved back to the items' indentation:
 * a comment added appears next to the same key, one deleted goes, and the
 * lines left as shown keep their bytes (those that cannot move back
 * exactly, like a comment less indented than the keys, are taken from the
 * file).  The rest of the file is not touched.
 *
 * Ownership: strings into the caller's buffer; lines in the tracker's arena.
 */
#ifndef ARTRACK_ITEM_LINES_H
#define ARTRACK_ITEM_LINES_H

#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/error.h"
#include "artrack/tracker.h"

/* Append item as a save would write it, with its comments and the lines
 * before it, moved to column 0 (ar_item_to_yaml when the file has no lines
 * of it: a new item, or a tracker made here). */
enum ar_rc ar_item_to_yaml_kept(const struct ar_tracker *tracker, const struct ar_item *item, struct ar_buf *out,
                                struct ar_error *err);

/* The lines text[0..len) (what the officer left in the editor, read as as)
 * to save the item from, in the tracker's arena; NULL when they cannot
 * stand among the file's items as written (a '---', '...' or '%' line) or
 * hold no key: the item is then saved as any edited item is. */
const struct ar_item_lines *ar_item_lines_new(struct ar_tracker *tracker, const char *text, size_t len,
                                              const struct ar_item *as);

#endif
