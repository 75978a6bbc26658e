/* query-fixture.h - trackers built through the tracker.h API for the query
 * and view tests: a small hand-made one with known answers, and a large
 * random one for comparing incremental searches with fresh ones.
 *
 * Ownership: the caller frees the tracker (ar_tracker_free) and any string
 * returned (free).
 */
#ifndef QUERY_FIXTURE_H
#define QUERY_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "artrack/date.h"
#include "artrack/tracker.h"
#include "artrack/view.h"

/* "Today" for the sample tracker's is:overdue answers. */
#define SAMPLE_TODAY 20231001

/* Eight items with ids 1, 2, 3, 4, 5, 6, 7 and 12 over three meetings; see
 * query-fixture.c for what each holds. */
struct ar_tracker *sample_tracker(void);

/* count random items (ids 1..count) over a few meetings, from seed. */
struct ar_tracker *random_tracker(size_t count, uint64_t seed);

/* The ids of the tracker's items matching text (in tracker order), as
 * "1,2,5", by testing every item with ar_query_matches; "ERROR" if the
 * query does not parse. */
char *matching_ids(const struct ar_tracker *tracker, const char *text, ar_date today);

/* The ids in the view's rows, as "1,2,5". */
char *view_ids(struct ar_view *view);

/* A small deterministic PRNG (splitmix64). */
uint64_t fixture_random(uint64_t *state);

#endif
