/* query.h - the query language of spec section 4.
 *
 * A query is parsed once into a tree of terms (all must match) and then
 * tested against items.  Parse errors name the term and its 1-based column
 * in ar_error.column (line is 0).
 *
 * Ownership: an ar_query owns its terms; ar_query_free() releases it.
 * Matching borrows the tracker and the item.
 */
#ifndef ARTRACK_QUERY_H
#define ARTRACK_QUERY_H

#include <stdbool.h>

#include "artrack/date.h"
#include "artrack/error.h"
#include "artrack/tracker.h"

struct ar_query;

/* Parse text (NULL or blank: the query that matches everything). */
enum ar_rc ar_query_parse(const char *text, struct ar_query **out, struct ar_error *err);

/* Release a query (NULL is fine). */
void ar_query_free(struct ar_query *query);

/* Whether the query has no terms. */
bool ar_query_is_empty(const struct ar_query *query);

/* Whether item matches every term; today is used by is:overdue. */
bool ar_query_matches(const struct ar_query *query, const struct ar_tracker *tracker,
                      const struct ar_item *item, ar_date today);

/* Whether every item matching `narrower` is sure to match `wider`, so a
 * search for `narrower` may scan only `wider`'s results. */
bool ar_query_implies(const struct ar_query *narrower, const struct ar_query *wider);

#endif
