/* undo.h - editing a tracker: every change as an undoable step.
 *
 * All changes the terminal UI makes to a tracker go through an ar_edits.
 * Each user action is one step (set a status, add an update, an `E` edit of
 * a whole item...), undone and redone as a whole, as many levels as there
 * are steps.  A new edit after undoing discards what could have been redone.
 *
 * Steps are cheap because items are copy-on-write values (tracker.h): a
 * step records, for each change, the item value before and after (both in
 * the tracker's arena), and undo swaps the pointer back.  A step may also
 * insert or remove an item, add, change or remove a meeting, and change the
 * tracker's own fields (committee, title...).  No edit creates a
 * meeting as a side effect: an item's meeting must already be one of the
 * tracker's (ar_edits_add_meeting first).  Every item value an edit makes is
 * checked by ar_item_check (item_check.h), as the loader checks the file.
 *
 * "Unsaved changes" is exact: ar_edits_mark_saved() records the state that
 * is on disk, and undoing back to it makes the tracker clean again.
 *
 * After an outside change the UI reloads the file into a new tracker and
 * calls ar_edits_reapply(): each item the user changed is changed the same
 * way in the new tracker where that item still equals what the user
 * started from; the others are reported, not forced.
 *
 * Keys in the UI: e -> ar_edits_set_field / ar_edits_set_leads, a ->
 * ar_edits_add_update, E -> ar_edits_replace_item (value from
 * ar_item_from_yaml), u -> ar_edits_undo, Ctrl-R -> ar_edits_redo, the
 * status line -> ar_edits_is_dirty, w -> ar_save_tracker_file then
 * ar_edits_mark_saved, q -> ar_edits_is_dirty.
 *
 * Ownership: an ar_edits borrows its tracker (which must outlive it) and
 * changes it; it owns its steps, freed by ar_edits_free().  Item values are
 * never freed before the tracker, so every step stays valid.  Item pointers
 * handed in (ar_edits_replace_item, ar_edits_insert_item) must be values in
 * the tracker's arena that nothing else refers to, and become the edits'.
 */
#ifndef ARTRACK_UNDO_H
#define ARTRACK_UNDO_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/error.h"
#include "artrack/tracker.h"

struct ar_edits;

/* Edits of tracker, starting clean (tracker as loaded). */
struct ar_edits *ar_edits_new(struct ar_tracker *tracker);

/* Release the steps (NULL is fine); the tracker keeps its current state. */
void ar_edits_free(struct ar_edits *edits);

/* The tracker being edited. */
struct ar_tracker *ar_edits_tracker(const struct ar_edits *edits);

/* ---- edits: each call is one step (unless inside begin/end) ----
 * All return AR_OK when done (also when nothing changed: then no step is
 * recorded), AR_EDATA when there is no item with that id, AR_EUSAGE when the
 * value is not acceptable (err says why, in a sentence for the status line). */

/* Put new_value in place of the item with that id.  new_value may change the
 * id (to one not in use); its meeting must exist. */
enum ar_rc ar_edits_replace_item(struct ar_edits *edits, long id, struct ar_item *new_value,
                                 struct ar_error *err);

/* Append a copy of update (strings copied) to the item's updates.  The
 * update needs a text. */
enum ar_rc ar_edits_add_update(struct ar_edits *edits, long id, const struct ar_update *update,
                               struct ar_error *err);

/* Take today as the date decisions bring (ar_item_date_decisions):
 * ar_edits_set_field then dates a response leaving pending and a status
 * becoming closed in the same step.  AR_DATE_NONE (the start) turns that
 * off. */
void ar_edits_set_today(struct ar_edits *edits, ar_date today);

/* Set one field from text as typed:
 *   AR_ITEM_KEY_TOPIC, _TEXT   the text ("" removes it; an item keeps a topic or a text)
 *   AR_ITEM_KEY_KIND           action | recommendation (a new recommendation's response
 *                              is pending; an action has none)
 *   AR_ITEM_KEY_STATUS         open | in-progress | completed | closed
 *   AR_ITEM_KEY_RESPONSE       pending | accepted | partially-accepted | rejected | noted
 *                              (recommendations only; "" means pending)
 *   AR_ITEM_KEY_DUE            YYYY-MM or YYYY-MM-DD, "" for none
 *   AR_ITEM_KEY_MEETING        YYYY-MM-DD of one of the meetings, "" for none
 *   AR_ITEM_KEY_LEADS          names separated by ";" (spaces around each trimmed)
 *   AR_ITEM_KEY_RESPONDED      YYYY-MM-DD, "" for none (recommendations only)
 *   AR_ITEM_KEY_RAG            red | amber | green, "" or "none" for none
 *   AR_ITEM_KEY_CLOSED_ON      YYYY-MM-DD, "" for none
 * Other keys (id, updates) are AR_EUSAGE. */
enum ar_rc ar_edits_set_field(struct ar_edits *edits, long id, enum ar_item_key field, const char *value,
                              struct ar_error *err);

/* Set the leads to leads[0..count) (copied), for the list editor. */
enum ar_rc ar_edits_set_leads(struct ar_edits *edits, long id, const char *const *leads, size_t count,
                              struct ar_error *err);

/* Insert item (a new value with an unused id) at position (clamped to the
 * end) in the items. */
enum ar_rc ar_edits_insert_item(struct ar_edits *edits, size_t position, struct ar_item *item,
                                struct ar_error *err);

/* Remove the item with that id. */
enum ar_rc ar_edits_remove_item(struct ar_edits *edits, long id, struct ar_error *err);

/* Add a meeting on date (title copied; NULL or "" for none), placed among
 * the meetings in date order.  AR_EUSAGE when there is one on that date. */
enum ar_rc ar_edits_add_meeting(struct ar_edits *edits, ar_date date, const char *title, struct ar_error *err);

/* Remove the meeting on date; undo puts it back in its place.  AR_EDATA when
 * there is none, AR_EUSAGE while items still name it. */
enum ar_rc ar_edits_remove_meeting(struct ar_edits *edits, ar_date date, struct ar_error *err);

/* Give one of the tracker's own fields (a name of ar_tracker_fields:
 * committee, title, as_of, response_days; or an unknown top-level key) the
 * value it has in other (absent there: removed), copied, as one step. */
enum ar_rc ar_edits_take_tracker_field(struct ar_edits *edits, const struct ar_tracker *other, const char *field);

/* Whether the tracker's own fields (ar_tracker_fields, unknown top-level
 * keys) differ from the state last saved (or read). */
bool ar_edits_head_changed(const struct ar_edits *edits);

/* Set committee or title ("" removes it), as_of (YYYY-MM-DD, "" for none)
 * or response_days (1 to AR_RESPONSE_DAYS_MAX, "" for the default) from
 * text as typed. */
enum ar_rc ar_edits_set_tracker_field(struct ar_edits *edits, const char *field, const char *text,
                                      struct ar_error *err);

/* Give the meeting on date what other has: field "title" or an unknown key
 * of it (AR_EDATA when this tracker has no such meeting); field NULL, the
 * whole meeting: added, replaced, or removed when other has none (AR_EUSAGE
 * while items still name it).  Values copied; one step. */
enum ar_rc ar_edits_take_meeting(struct ar_edits *edits, const struct ar_tracker *other, ar_date date,
                                 const char *field, struct ar_error *err);

/* Set the title of the meeting on date ("" or NULL removes it). */
enum ar_rc ar_edits_set_meeting_title(struct ar_edits *edits, ar_date date, const char *title, struct ar_error *err);

/* Group the edits until ar_edits_end() into one step labelled label (nests;
 * the outermost label wins).  An empty group records no step. */
void ar_edits_begin(struct ar_edits *edits, const char *label);
void ar_edits_end(struct ar_edits *edits);

/* Abandon the open group (every nesting level): revert what it did so far
 * and record no step, for an all-or-nothing change that failed part way. */
void ar_edits_cancel(struct ar_edits *edits);

/* Told, after every new step, undo and redo, which items (by id: ids may
 * repeat) and meetings (by date) it touched, so their state can be written
 * down (journal.h).  The tracker is already in its new state. */
typedef void (*ar_edits_observer)(void *ctx, const struct ar_edits *edits, const long *ids, size_t id_count,
                                  const ar_date *meetings, size_t meeting_count);

/* Call observer(ctx, ...) from now on (NULL stops it). */
void ar_edits_observe(struct ar_edits *edits, ar_edits_observer observer, void *ctx);

/* The items (*ids, by id; ids may repeat) and meetings (*meetings, by date)
 * that the steps between the state last marked saved (or loaded) and now
 * touched: the tracker differs from that state only in them (a journal
 * restarted after a reload records just these).  Both arrays malloc'd (the
 * caller frees them), also when empty.  false (both NULL) when that state
 * can no longer be reached (a new step was made after undoing past it). */
bool ar_edits_touched_since_saved(const struct ar_edits *edits, long **ids, size_t *id_count, ar_date **meetings,
                                  size_t *meeting_count);

/* ---- undo and redo ---- */

/* Undo the last step.  false when there is none.  *id (if not NULL) gets the
 * id an item the step changed has once it is undone, for the UI to select
 * (0 if none: an undone insertion). */
bool ar_edits_undo(struct ar_edits *edits, long *id);

/* Redo the last undone step; as ar_edits_undo. */
bool ar_edits_redo(struct ar_edits *edits, long *id);

bool ar_edits_can_undo(const struct ar_edits *edits);
bool ar_edits_can_redo(const struct ar_edits *edits);

/* What the step undo (or redo) would act on, e.g. "set status of item 21",
 * for "Undid: ..." on the status line; NULL when there is none. */
const char *ar_edits_undo_label(const struct ar_edits *edits);
const char *ar_edits_redo_label(const struct ar_edits *edits);

/* ---- saved state ---- */

/* Whether the tracker differs from the state last marked saved (or loaded). */
bool ar_edits_is_dirty(const struct ar_edits *edits);

/* The tracker's current state is what is on disk now. */
void ar_edits_mark_saved(struct ar_edits *edits);

/* ---- reload after an outside change ---- */

/* Re-apply the unsaved changes of from (its tracker against the state last
 * marked saved) onto onto's tracker, freshly loaded from disk, as one step of
 * onto ("re-apply unsaved edits", undoable; onto is then dirty).  An item is
 * changed only where the new tracker's item with that id still equals (field
 * by field) the one the user started from - or already equals the user's
 * version; an added item only where its id is free; a removed item only where
 * it is unchanged.  Items are copied into onto's tracker, with any meeting
 * they need.  *applied (if not NULL) gets the number of items re-applied;
 * each item that could not be gets one message in conflicts ("item 21 was
 * also changed in the file; your changes to it were not re-applied").  AR_OK
 * when all were re-applied, AR_ECHANGED when some were not.  from and its
 * tracker are not changed, so the UI can still offer to save the user's
 * version elsewhere before freeing them. */
enum ar_rc ar_edits_reapply(const struct ar_edits *from, struct ar_edits *onto, size_t *applied,
                            struct ar_diags *conflicts);

/* A place the user and the file both changed, differently: after
 * ar_edits_reapply_merge it holds the file's value, for the officer to
 * choose.  An item's field (id), a meeting's title or unknown key (id 0,
 * meeting), or the tracker's own field or unknown key (id 0, no meeting).
 * field "item": the two changes to that item are each sound but cannot
 * stand together (the file made it an action, the user gave it a response
 * date; why says so), so the choice is between the two whole versions. */
struct ar_field_choice {
	long id;
	ar_date meeting;     /* AR_DATE_NONE unless a meeting's */
	const char *field;   /* a name from ar_item_fields or ar_tracker_fields, "title",
	                      * "updates", "item", "meeting" (the whole meeting), or an
	                      * unknown key */
	const char *why;     /* "item": the check's sentence, or NULL */
	/* An item or meeting one side removed and the other changed: what each
	 * side did ("removed", "changed status, due"), else NULL. */
	const char *file_did, *mine_did;
};

/* ar_edits_reapply, but an item changed both here and in the file is merged
 * field by field as `artrack merge` merges (merge.h): what only one side
 * changed takes that side's value, without asking; each field changed
 * differently on both sides keeps the file's value and is appended to
 * *choices (malloc'd; *choice_count of them) for the officer to choose with
 * ar_edits_take_choice, and so is an item whose two changes cannot stand
 * together.  The tracker's own fields and the meetings (title, unknown keys;
 * added, removed) the user changed are re-applied the same way.  Choices do
 * not count as conflicts: AR_OK when everything was re-applied. */
enum ar_rc ar_edits_reapply_merge(const struct ar_edits *from, struct ar_edits *onto, size_t *applied,
                                  struct ar_diags *conflicts, struct ar_field_choice **choices,
                                  size_t *choice_count);

/* Give item id in onto's tracker the value of field that item has in mine
 * (the user's version; "item": the whole item), as one undoable step.
 * AR_EDATA when either side has no such item. */
enum ar_rc ar_edits_take_field(struct ar_edits *onto, const struct ar_tracker *mine, long id, const char *field);

/* Take mine's side of one choice ar_edits_reapply_merge left, as one
 * undoable step of onto (ar_edits_take_field, ar_edits_take_meeting or
 * ar_edits_take_tracker_field; field "item": my whole item, put back or
 * removed as mine has it; "meeting": my whole meeting, likewise). */
enum ar_rc ar_edits_take_choice(struct ar_edits *onto, const struct ar_tracker *mine, const struct ar_field_choice *c,
                                struct ar_error *err);

/* A deep copy of item (strings, updates, unknown keys) into tracker's arena:
 * for moving an item between trackers. */
struct ar_item *ar_item_copy_into(struct ar_tracker *tracker, const struct ar_item *item);

#endif
