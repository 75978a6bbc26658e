/* merge.h - three-way merge of trackers, item by item and field by field
 * (`artrack merge`, spec section 3; the UI's merge on save and reload).
 *
 * Items are matched by id, meetings by date.  For each field of each item:
 * when only one side changed it from the base, that side's value wins; when
 * both made the same change, it is taken once; when both changed it
 * differently, it is a conflict.  Updates are a history, not a field:
 * updates both sides added are all kept, ordered by date (ours first on the
 * same date); edits and removals of existing updates are taken from the side
 * that made them.  Unknown keys merge key by key.  An item added on both
 * sides under the same id (two officers each taking the next free number)
 * keeps ours and gives theirs the next free id, with a note.  An item one
 * side deleted and the other changed is a conflict; deleted and unchanged is
 * deleted.  A meeting still named by an item is never dropped.
 *
 * The result is ours, edited in place (so the saver rewrites only what the
 * merge changed); where there are conflicts it holds ours' values, the merge
 * remembers theirs', and ar_merge_write writes the file both ways and puts
 * the lines where the two differ between git conflict markers.
 *
 * Ownership: ar_merge_trackers takes all three trackers: base and theirs
 * live on inside the result (ar_tracker_keep), which owns them; release
 * everything with ar_merge_free().
 */
#ifndef ARTRACK_MERGE_H
#define ARTRACK_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/conflict.h"
#include "artrack/error.h"
#include "artrack/tracker.h"

/* One place both sides changed differently. */
struct ar_merge_conflict {
	long id;                 /* the item, 0 for the tracker or a meeting */
	ar_date meeting;         /* the meeting (id 0), or AR_DATE_NONE */
	const char *field;       /* the key; "item" when one side deleted what the other changed */
	bool deleted_by_ours;    /* "item": which side deleted it */
};

struct ar_merge_theirs;             /* theirs' side of the conflicts, private */

struct ar_merge {
	struct ar_tracker *merged;       /* the result; conflicts as ours has them */
	struct ar_merge_theirs *theirs;  /* NULL when clean */
	struct ar_merge_conflict *conflicts;
	size_t conflict_count;
	struct ar_diags notes;           /* what the officer should know (renumbered items), line 0 */
};

/* Merge theirs' changes since base into ours (see above); takes the three
 * trackers.  Always succeeds: conflicts are part of the result. */
void ar_merge_trackers(struct ar_tracker *base, struct ar_tracker *ours, struct ar_tracker *theirs,
                       struct ar_merge *out);

/* The merged file: the saver's text of merged, and where there are
 * conflicts, the lines where it differs from the same file with theirs'
 * values inside "<<<<<<< OURS" / "=======" / ">>>>>>> THEIRS" markers
 * written as markers says (NULL: seven characters, no labels). */
enum ar_rc ar_merge_write(const struct ar_merge *merge, const struct ar_conflict_markers *markers,
                          struct ar_buf *out, struct ar_error *err);

/* One line describing a conflict for the officer ("item 21: status changed
 * on both sides (ours completed, theirs closed)"), appended to out. */
void ar_merge_describe(const struct ar_merge *merge, const struct ar_merge_conflict *conflict, struct ar_buf *out);

/* Merge one item (the same id in base b, ours o and theirs t) the way
 * ar_merge_trackers merges each: returns o, t, or a new value in into's
 * arena (sharing strings with all three).  The fields both changed
 * differently keep ours' values; their names (as ar_item_fields', "updates",
 * an unknown key, or "item" when the two changes cannot stand together)
 * go to conflicts[0..max), and *count says how many there were. */
struct ar_item *ar_merge_item(struct ar_tracker *into, const struct ar_item *b, const struct ar_item *o,
                              const struct ar_item *t, const char **conflicts, size_t max, size_t *count);

/* The id the first item theirs added under an id ours also added gets (the
 * next ones count on from it): one past the highest id of the three. */
long ar_merge_first_free_id(const struct ar_tracker *b, const struct ar_tracker *o, const struct ar_tracker *t);

/* Release the result and the trackers it owns. */
void ar_merge_free(struct ar_merge *merge);

#endif
