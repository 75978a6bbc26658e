/* compare.h - two versions of a tracker compared field by field.
 *
 * The one table of an item's fields that `diff` (what changed) and `merge`
 * (whose value wins) both walk, and the equality rules behind them: two
 * values are equal when they mean the same in the file (unknown keys by
 * their content, not by how they were quoted or laid out).
 *
 * Adding a field to struct ar_item means adding one row to
 * ar_item_fields (compare.c); diff and merge then know it.
 *
 * Ownership: everything here borrows its arguments.  ar_item_field.take
 * copies pointers, not strings: the item it writes must not outlive the
 * tracker it took from (merge keeps that tracker alive, see
 * ar_tracker_keep).
 */
#ifndef ARTRACK_COMPARE_H
#define ARTRACK_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/tracker.h"

/* One field of an item, as diff and merge see it.  Updates and unknown keys
 * are not rows: they are lists merged element by element (merge.c) and
 * reported element by element (diff.c). */
struct ar_item_field {
	const char *name;       /* the key in the file */
	bool long_text;         /* a diff says "changed" rather than quoting both values */
	bool (*equal)(const struct ar_item *a, const struct ar_item *b);
	/* Give dst src's value (pointers shared, see Ownership). */
	void (*take)(struct ar_item *dst, const struct ar_item *src);
	/* Append the value as text ("" when absent); leads joined with "; ". */
	void (*show)(struct ar_buf *out, const struct ar_item *item);
};

/* Every plain field of an item, in the file's key order (id excluded: it is
 * what items are matched by). */
extern const struct ar_item_field ar_item_fields[];
extern const size_t ar_item_field_count;

/* Whether two strings (NULL = absent) are the same. */
bool ar_str_equal(const char *a, const char *b);

/* Whether two unknown-key values hold the same content (type, tag, scalar
 * bytes, children in order); styles and flow/block layout are ignored. */
bool ar_node_equal(const struct ar_node *a, const struct ar_node *b);

/* The unknown key named key in extras, or NULL. */
const struct ar_extra *ar_extras_find(const struct ar_extras *extras, const char *key);

/* Whether two sets of unknown keys hold the same keys with equal values
 * (their order is layout). */
bool ar_extras_equal(const struct ar_extras *a, const struct ar_extras *b);

/* Whether two updates are the same (date, by, label, text, unknown keys). */
bool ar_update_equal(const struct ar_update *a, const struct ar_update *b);

/* Whether two items' update lists are the same, element by element. */
bool ar_updates_equal(const struct ar_item *a, const struct ar_item *b);

/* Match two update lists: match[i] is the index in b of the update equal to
 * a[i] on a longest common subsequence, or -1 (so matches only increase).
 * match holds na elements.  Lists too long to align (beyond a few thousand
 * updates between the common ends) keep only their common ends matched. */
void ar_updates_match(const struct ar_update *a, size_t na, const struct ar_update *b, size_t nb, long *match);

/* Whether two items are the same in every field, update and unknown key
 * (ids included). */
bool ar_item_equal(const struct ar_item *a, const struct ar_item *b);

/* Whether two meetings are the same (date, title, unknown keys). */
bool ar_meeting_equal(const struct ar_meeting *a, const struct ar_meeting *b);

/* The top-level fields other than meetings and items, for the same two
 * purposes as ar_item_fields. */
struct ar_tracker_field {
	const char *name;
	bool (*equal)(const struct ar_tracker *a, const struct ar_tracker *b);
	void (*take)(struct ar_tracker *dst, const struct ar_tracker *src);
	void (*show)(struct ar_buf *out, const struct ar_tracker *tracker);
};

extern const struct ar_tracker_field ar_tracker_fields[];
extern const size_t ar_tracker_field_count;

#endif
