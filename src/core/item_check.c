/* item_check.c - the rules an item value must satisfy (see item_check.h). */
#include "config.h"

#include "artrack/item_check.h"

#include <stdio.h>

size_t ar_item_check(const struct ar_tracker *tracker, const struct ar_item *item, long replacing,
                     unsigned what, ar_item_fault_fn *fault, void *context)
{
	char message[AR_ERROR_MESSAGE_MAX];
	size_t problems = 0;
	if (what & AR_ITEM_CHECK_ID) {
		if (item->id <= 0) {
			snprintf(message, sizeof message, "id must be a positive integer, not %ld", item->id);
			fault(context, AR_ITEM_KEY_ID, message);
			problems++;
		} else if (item->id != replacing && ar_tracker_find_index(tracker, item->id) >= 0) {
			snprintf(message, sizeof message, "duplicate id %ld (another item has it)", item->id);
			fault(context, AR_ITEM_KEY_ID, message);
			problems++;
		}
	}
	if ((what & AR_ITEM_CHECK_MEETING) && item->meeting != AR_DATE_NONE &&
	    !ar_tracker_find_meeting(tracker, item->meeting)) {
		char date[AR_DATE_TEXT_MAX];
		snprintf(message, sizeof message, "meeting %s is not in meetings", ar_date_format(item->meeting, date));
		fault(context, AR_ITEM_KEY_MEETING, message);
		problems++;
	}
	if (!item->topic && !item->text) {
		fault(context, AR_ITEM_KEY_COUNT, "item has neither 'topic' nor 'text'");
		problems++;
	}
	if (item->kind == AR_KIND_ACTION && item->response != AR_RESPONSE_NONE) {
		fault(context, AR_ITEM_KEY_RESPONSE, "an action has no response");
		problems++;
	} else if (item->kind == AR_KIND_RECOMMENDATION && item->response == AR_RESPONSE_NONE) {
		fault(context, AR_ITEM_KEY_RESPONSE, "a recommendation needs a response (pending when there is none yet)");
		problems++;
	}
	if (item->kind == AR_KIND_ACTION && item->responded != AR_DATE_NONE) {
		fault(context, AR_ITEM_KEY_RESPONDED,
		      "an action has no response, so no 'responded' date (that is for recommendations)");
		problems++;
	}
	return problems;
}

struct first_fault {
	struct ar_error *err;
	bool seen;
};

static void keep_first(void *context, enum ar_item_key key, const char *message)
{
	(void)key;
	struct first_fault *f = context;
	if (!f->seen)
		ar_error_set(f->err, 0, 0, "%s", message);
	f->seen = true;
}

enum ar_rc ar_item_check_error(const struct ar_tracker *tracker, const struct ar_item *item, long replacing,
                               struct ar_error *err)
{
	struct first_fault f = {err, false};
	return ar_item_check(tracker, item, replacing, AR_ITEM_CHECK_ALL, keep_first, &f) ? AR_EUSAGE : AR_OK;
}
