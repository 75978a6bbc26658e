/* layout-fixture.h - what the layout tests (test-layout.c, test-layout-flow.c,
 * test-extedit.c's comments in E)
 * share: a tracker read from text, and its text as a save and as fmt write it.
 *
 * Ownership: the caller frees the tracker (ar_tracker_free) and the text (free).
 */
#ifndef LAYOUT_FIXTURE_H
#define LAYOUT_FIXTURE_H

#include "artrack/tracker.h"

/* The tracker read from yaml; the test fails when it does not load. */
struct ar_tracker *load(const char *yaml);

/* What a save writes (ar_save_buffer). */
char *saved(const struct ar_tracker *t);

/* What fmt writes (ar_layout_write_canonical). */
char *canonical(const struct ar_tracker *t);

/* original with from replaced by with (its first occurrence; malloc'd). */
char *replaced(const char *original, const char *from, const char *with);

#endif
