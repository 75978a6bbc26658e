/* change.h - changes to a tracker in the officer's terms, for the write
 * commands (set, add-item, add-update) and the terminal UI's c and A.
 *
 * - Assignments "FIELD=VALUE", "lead+=NAME", "lead-=NAME", from one table
 *   of fields (ar_fields): adding a settable field is one row there and one
 *   case in ar_edits_set_field (undo.h).  Values are read as the edits read
 *   them: enumerations by unique prefix as in queries, dates checked, a
 *   meeting that must exist.
 * - The next free id and a new item's starting value.
 * What changed is said by diff.h (ar_diff_items), in `artrack diff`'s words.
 *
 * Ownership: assignments point into the text they were parsed from; items
 * made here are in the tracker's arena.  Nothing here prints.
 */
#ifndef ARTRACK_CHANGE_H
#define ARTRACK_CHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/error.h"
#include "artrack/tracker.h"
#include "artrack/undo.h"

/* One field an assignment can set. */
struct ar_field {
	const char *name;        /* as written before '=' */
	enum ar_item_key key;
	bool list;               /* a list (leads): also += and -= */
	const char *takes;       /* what its value is, for messages and --help */
};

extern const struct ar_field ar_fields[];
extern const size_t ar_field_count;

enum ar_assign_op {
	AR_ASSIGN_SET,           /* FIELD=VALUE */
	AR_ASSIGN_ADD,           /* lead+=NAME: add to the list unless there */
	AR_ASSIGN_REMOVE,        /* lead-=NAME: take out of the list if there */
};

struct ar_assignment {
	const struct ar_field *field;
	enum ar_assign_op op;
	const char *value;       /* points into the parsed text */
};

/* Parse one assignment.  AR_EUSAGE with err saying why ("unknown field
 * 'colour' (fields: status, ...)", "'lead' takes no value") otherwise. */
enum ar_rc ar_assignment_parse(const char *text, struct ar_assignment *out, struct ar_error *err);

/* Apply assignment to the item with that id as an edit (one step, unless
 * inside ar_edits_begin/end).  AR_OK also when nothing changes; AR_EDATA when
 * there is no such item; AR_EUSAGE (err says why) when the value does not
 * fit the field or the item. */
enum ar_rc ar_edits_assign(struct ar_edits *edits, long id, const struct ar_assignment *assignment,
                           struct ar_error *err);

/* Apply every assignment to every item of ids[0..id_count) as one step
 * labelled label: all or nothing.  On the first problem nothing is changed,
 * err says why and *failed (if not NULL) gets the item's id. */
enum ar_rc ar_edits_assign_items(struct ar_edits *edits, const long *ids, size_t id_count,
                                 const struct ar_assignment *assignments, size_t assignment_count,
                                 const char *label, struct ar_error *err, long *failed);

/* One more than the largest id in use (1 for an empty tracker). */
long ar_tracker_next_id(const struct ar_tracker *tracker);

/* A new item value (not yet in the tracker) with the next free id, the
 * given meeting and kind, status open (a recommendation's response
 * pending), no topic, text or leads: the start of A and add-item. */
struct ar_item *ar_item_new_next(struct ar_tracker *tracker, ar_date meeting, enum ar_kind kind);

/* A new item value starting as a copy of model for a series of similar
 * items: the next free id, model's meeting, kind and leads, status open
 * (response pending), no topic, text, due or updates. */
struct ar_item *ar_item_new_like(struct ar_tracker *tracker, const struct ar_item *model);

#endif
