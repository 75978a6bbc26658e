/* tags.h - the tagged items (t, T): shared state, below the panes and the
 * edit modules, since the Items pane marks them, the status line counts
 * them and c and a act on them (mutt's tagging).
 *
 * Tags are item ids.  A tag outlives filtering (a tagged item the filter
 * hides stays tagged) but not the item: an id no item has is not counted.
 *
 * Ownership: the set is ui->tags (made on first use), freed by tags_free().
 */
#ifndef ARTRACK_UI_TAGS_H
#define ARTRACK_UI_TAGS_H

#include "state.h"

/* Whether the item with that id is tagged. */
bool tags_has(const struct ui *ui, long id);

/* Tag id, or untag it; returns whether it is tagged now. */
bool tags_toggle(struct ui *ui, long id);

/* Tag every item shown, or, when every one shown is tagged already,
 * untag every item; returns how many are tagged after. */
size_t tags_all_shown(struct ui *ui);

/* How many items (that exist) are tagged. */
size_t tags_count(struct ui *ui);

/* The ids of the tagged items that exist, in the tracker's order
 * (malloc'd; *count may be 0). */
long *tags_ids(struct ui *ui, size_t *count);

/* The items c and a act on: the tagged ones that exist, else the selected
 * one, else none (said on the status line).  malloc'd, *count items. */
long *tags_targets(struct ui *ui, size_t *count);

/* Untag everything. */
void tags_clear(struct ui *ui);

void tags_free(struct ui *ui);

#endif
