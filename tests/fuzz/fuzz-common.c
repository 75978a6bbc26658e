/* fuzz-common.c - the invariant the loader and importer targets share. */
#include "config.h"

#include "fuzz.h"

#include <string.h>

#include "artrack/yamlio.h"

void fuzz_check_saved_form(const struct ar_tracker *tracker, const char *what, struct ar_buf *saved)
{
	struct ar_buf again = {0};
	struct ar_error err = {0};
	FUZZ_CHECK(ar_save_buffer(tracker, saved, &err) == AR_OK, "%s: save: %s", what, err.message);
	struct ar_tracker *loaded = NULL;
	struct ar_diags diags = {0};
	enum ar_rc rc = ar_load_buffer(saved->data, saved->len, &loaded, &diags);
	FUZZ_CHECK(rc == AR_OK, "%s: the saved form does not load (%s at %d:%d):\n%s", what,
	           diags.count ? diags.items[0].message : "no message", diags.count ? diags.items[0].line : 0,
	           diags.count ? diags.items[0].column : 0, saved->data);
	FUZZ_CHECK(loaded->item_count == tracker->item_count && loaded->meeting_count == tracker->meeting_count,
	           "%s: items %zu -> %zu, meetings %zu -> %zu", what, tracker->item_count, loaded->item_count,
	           tracker->meeting_count, loaded->meeting_count);
	FUZZ_CHECK(ar_save_buffer(loaded, &again, &err) == AR_OK, "%s: save again: %s", what, err.message);
	FUZZ_CHECK(again.len == saved->len && memcmp(again.data, saved->data, saved->len) == 0,
	           "%s: the saved form changes when loaded and saved:\n%s---\n%s", what, saved->data, again.data);
	ar_buf_free(&again);
	ar_diags_free(&diags);
	ar_tracker_free(loaded);
}
