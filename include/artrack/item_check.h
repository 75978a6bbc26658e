/* item_check.h - what makes an item valid in its tracker: the one home of
 * that rule (spec section 2), used by the loader, the undoable edits, the
 * write commands and the terminal UI.
 *
 * The rules on an item value, beyond the syntax the loader checks as it
 * reads (types, dates, enumeration spellings, keys present):
 *   - its id is positive and no other item has it      (AR_ITEM_CHECK_ID)
 *   - its meeting, when it has one, is in meetings     (AR_ITEM_CHECK_MEETING)
 *   - it has a topic or a text
 *   - an action has no response; a recommendation has one (pending when
 *     there is none yet)
 *   - an action has no 'responded' date
 * The id and meeting rules are optional because the loader reading a whole
 * file checks them with tables of its own (a meeting may come after the
 * items that name it).
 *
 * Ownership: nothing is kept; messages are handed to the caller's callback
 * (valid during the call) or copied into its ar_error.
 */
#ifndef ARTRACK_ITEM_CHECK_H
#define ARTRACK_ITEM_CHECK_H

#include <stddef.h>

#include "artrack/error.h"
#include "artrack/tracker.h"

enum {
	AR_ITEM_CHECK_ID = 1,       /* the id is positive and unique in the tracker */
	AR_ITEM_CHECK_MEETING = 2,  /* the meeting is one of the tracker's */
	AR_ITEM_CHECK_ALL = 3,
};

/* Called once per problem: key is the field at fault (AR_ITEM_KEY_COUNT for
 * the item as a whole), message a sentence without a trailing full stop. */
typedef void ar_item_fault_fn(void *context, enum ar_item_key key, const char *message);

/* Check item as it would stand in tracker in place of the item with id
 * replacing (0: as a new item), reporting each problem to fault.  what says
 * which optional rules apply (AR_ITEM_CHECK_*).  Returns the number of
 * problems. */
size_t ar_item_check(const struct ar_tracker *tracker, const struct ar_item *item, long replacing,
                     unsigned what, ar_item_fault_fn *fault, void *context);

/* The same with every rule, for edits: AR_OK, or AR_EUSAGE with the first
 * problem in err. */
enum ar_rc ar_item_check_error(const struct ar_tracker *tracker, const struct ar_item *item, long replacing,
                               struct ar_error *err);

#endif
