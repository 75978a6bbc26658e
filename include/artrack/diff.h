/* diff.h - what changed between two versions of a tracker, item by item
 * (`artrack diff`, spec section 3).
 *
 * Items are matched by id, meetings by date, updates by content along the
 * history (so an update inserted in the middle is one "update added").  The
 * changes come in one order: the tracker's own fields, then meetings by
 * date, then items by id, each item's changes in the file's key order.
 *
 * Ownership: an ar_diff owns its array and borrows both trackers, which must
 * outlive it; release it with ar_diff_free().
 */
#ifndef ARTRACK_DIFF_H
#define ARTRACK_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/tracker.h"

enum ar_change_kind {
	AR_CHANGE_TRACKER_FIELD,   /* field: a top-level field */
	AR_CHANGE_MEETING_ADDED,
	AR_CHANGE_MEETING_REMOVED,
	AR_CHANGE_MEETING_FIELD,   /* field: title or an unknown key */
	AR_CHANGE_ITEM_ADDED,
	AR_CHANGE_ITEM_REMOVED,
	AR_CHANGE_ITEM_FIELD,      /* field: a known field or an unknown key */
	AR_CHANGE_UPDATE_ADDED,
	AR_CHANGE_UPDATE_REMOVED,
	AR_CHANGE_UPDATE_CHANGED,
};

/* One change.  old_* / new_* point into the old / new tracker (NULL where
 * that side has none). */
struct ar_change {
	enum ar_change_kind kind;
	long id;                            /* item changes */
	ar_date date;                       /* meeting changes: the meeting */
	const char *field;                  /* *_FIELD: the key */
	int field_index;                    /* *_FIELD: row of ar_item_fields / ar_tracker_fields
	                                     * (meetings: 0 is the title), -1: an unknown key */
	const struct ar_item *old_item, *new_item;
	const struct ar_meeting *old_meeting, *new_meeting;
	const struct ar_update *old_update, *new_update;
};

struct ar_diff {
	const struct ar_tracker *old, *new;  /* the two compared (last call) */
	struct ar_change *changes;
	size_t count;
	size_t capacity;
};

/* Every change from old to new, appended to diff. */
void ar_diff_trackers(const struct ar_tracker *old, const struct ar_tracker *new, struct ar_diff *diff);

/* The changes of one item from old to new (old NULL: added; new NULL:
 * removed), appended to diff, for saying what an edit did; both items are
 * values of tracker (before and after the edit). */
void ar_diff_items(const struct ar_tracker *tracker, const struct ar_item *old, const struct ar_item *new,
                   struct ar_diff *diff);

/* Release the changes; diff is left empty and reusable. */
void ar_diff_free(struct ar_diff *diff);

enum ar_diff_format { AR_DIFF_TEXT, AR_DIFF_MARKDOWN, AR_DIFF_JSON, AR_DIFF_FORMAT_COUNT };
extern const char *const ar_diff_format_names[AR_DIFF_FORMAT_COUNT];

/* Write the changes: text, one line a change (`21: status open ->
 * completed`); markdown, a table of changed items for a committee paper;
 * json, an array of change objects. */
void ar_diff_format(struct ar_buf *out, const struct ar_diff *diff, enum ar_diff_format format);

#endif
