/* merge_layout.h - the merge keeps every comment: ours' bytes with theirs'
 * comments and theirs' new parts put in (spec sections 3 and 6).
 *
 * The merge writes its result in ours' layout, so what theirs wrote would
 * be lost where it is not a value: comments theirs added, and the layout of
 * parts only theirs has.  Before the values are merged, ours' bytes are
 * rewritten part by part (the head and tail of the file, top-level keys,
 * meetings, items, their keys and updates), and ours is read again from them:
 *   - a part only theirs added (an item, a meeting, a top-level key) is
 *     theirs' bytes, at the place the merge gives it, re-indented to ours';
 *   - a part ours left as the base has it is theirs' bytes when theirs
 *     changed its comments;
 *   - in a part both sides changed, each key and update is the bytes of the
 *     side whose value wins (ours where both changed it), and the comments
 *     before it are merged three ways, line by line: what one side added is
 *     kept (ours first when both added), what one side deleted and the
 *     other left is deleted; a comment the losing side added inside a value
 *     goes on a line of its own before that key;
 *   - an item whose two changes cannot stand together (a conflict of the
 *     whole item) keeps ours' lines, with theirs' added comments only.
 * Every such step is one a merge would make (a part ours did not change takes
 * theirs' version), so the value merge that follows gives the same values;
 * the saver then writes these parts as their (new) bytes.
 *
 * It costs one more load (two when items are renumbered), and only when
 * theirs brings a comment or a new part: a merge of values alone reads
 * nothing again, nor copies ours' bytes (one walk comparing theirs' parts
 * with the base's).
 *
 * An item both sides added under one id, which the merge gives theirs the
 * next free id for, is put in as theirs wrote it with that id, and theirs is
 * read again with it too, so the merge that follows sees one item added
 * alike on both sides; the merge tells the renumbering as before.
 *
 * Ownership: the trackers are only read; the trackers given back are new (the
 * caller's); none when nothing needs carrying over or the rewritten bytes do
 * not load as the same values (the merge then goes on with ours as read).
 */
#ifndef ARTRACK_MERGE_LAYOUT_H
#define ARTRACK_MERGE_LAYOUT_H

#include "artrack/tracker.h"

/* What was carried over. */
struct ar_merge_carry {
	struct ar_tracker *ours;     /* ours read again, NULL: nothing carried (the rest is empty) */
	struct ar_tracker *theirs;   /* theirs read again with the new ids of the items both
	                                sides added under one id, NULL when there are none */
	long *renumbered;            /* those items: (id, new id) pairs, malloc'd */
	size_t renumbered_count;
};

/* Ours read again from its bytes with theirs' comments and new parts put
 * in (see above), into out (the caller's to free). */
void ar_merge_carry_layout(const struct ar_tracker *base, const struct ar_tracker *ours,
                           const struct ar_tracker *theirs, struct ar_merge_carry *out);

#endif
