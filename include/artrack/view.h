/* view.h - the filtered, sorted list of items a pane or a command shows.
 *
 * A view borrows a tracker and holds item ids (positions are looked up
 * again after every change: the tracker's generation tells it when).  Typing
 * one more character of a query searches only the items still matching;
 * deleting one reuses what was already known (the last 16 results are
 * kept).  Long scans use every core (up to 4 threads); everything else
 * happens in the calling thread, and a view is not for sharing between
 * threads.
 *
 * Ownership: the view owns its arrays and its parsed query; it never owns
 * or changes the tracker, which must outlive it.
 */
#ifndef ARTRACK_VIEW_H
#define ARTRACK_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/date.h"
#include "artrack/error.h"
#include "artrack/tracker.h"

enum ar_sort_key {
	AR_SORT_ID,
	AR_SORT_MEETING,
	AR_SORT_STATUS,
	AR_SORT_RESPONSE,
	AR_SORT_DUE,
	AR_SORT_UPDATED,
	AR_SORT_LEAD,
	AR_SORT_TOPIC,
	AR_SORT_COUNT
};

extern const char *const ar_sort_key_names[AR_SORT_COUNT];

/* Parse "KEY" or "-KEY" (descending); KEY may be a unique prefix. */
enum ar_rc ar_sort_parse(const char *text, enum ar_sort_key *key, bool *descending, struct ar_error *err);

/* Meeting restriction: every item, or items with no meeting, or one date. */
#define AR_VIEW_ALL_MEETINGS (-1)
#define AR_VIEW_NO_MEETING AR_DATE_NONE

/* A lead's name and how many shown items it leads. */
struct ar_lead_count {
	const char *name;   /* borrowed from the tracker */
	size_t count;
};

/* Counts of the items matching the query (ignoring the meeting restriction,
 * so the Meetings pane can show each meeting's share). */
struct ar_view_counts {
	size_t matching;                      /* items matching the query */
	size_t *per_meeting;                  /* parallel to tracker->meetings */
	size_t no_meeting;
	size_t per_status[AR_STATUS_COUNT];
	size_t per_response[AR_RESPONSE_COUNT];
	size_t per_kind[AR_KIND_COUNT];
	size_t per_rag[AR_RAG_COUNT];         /* [AR_RAG_NONE]: items without a rating */
	size_t awaiting_response;             /* is:awaiting-response */
	size_t response_overdue;              /* is:response-overdue, on the view's today */
	struct ar_lead_count *per_lead;       /* most first, then by name */
	size_t lead_count;
};

struct ar_view;

/* A view of every item of tracker, sorted by id. */
struct ar_view *ar_view_new(const struct ar_tracker *tracker, ar_date today);

/* Release the view (NULL is fine). */
void ar_view_free(struct ar_view *view);

/* Filter by a query.  On error the previous query stays in force and err
 * says which term is wrong and why. */
enum ar_rc ar_view_set_query(struct ar_view *view, const char *text, struct ar_error *err);

/* The text of the query in force ("" for none). */
const char *ar_view_query(const struct ar_view *view);

struct ar_query;

/* The query in force, parsed (NULL for none), for showing what matched;
 * valid until the query next changes. */
const struct ar_query *ar_view_parsed_query(const struct ar_view *view);

/* Order by key, ascending or descending; ties by id (ascending either
 * way), and items without the value (no meeting, no due date, no update
 * date, no lead, no topic, an action's response) last either way.  Status
 * and response sort in the order of their enums; a month-precision due date
 * sorts as the month's last day (as is:overdue treats it); lead (the first
 * lead) and topic ignore case as textsearch.h folds it.  Each key's order
 * of the whole tracker is computed once per tracker generation. */
void ar_view_set_sort(struct ar_view *view, enum ar_sort_key key, bool descending);

/* The sort in force. */
enum ar_sort_key ar_view_sort_key(const struct ar_view *view, bool *descending);

/* Restrict to one meeting (a date, AR_VIEW_NO_MEETING or AR_VIEW_ALL_MEETINGS). */
void ar_view_set_meeting(struct ar_view *view, ar_date meeting);

/* The meeting restriction in force (AR_VIEW_ALL_MEETINGS when none). */
ar_date ar_view_meeting(const struct ar_view *view);

/* Rebuild if the tracker changed (called by every accessor too). */
void ar_view_refresh(struct ar_view *view);

/* Items shown (query and meeting restriction). */
size_t ar_view_count(struct ar_view *view);

/* Items in the tracker. */
size_t ar_view_total(struct ar_view *view);

/* The id of the item in row (0-based, < ar_view_count). */
long ar_view_id(struct ar_view *view, size_t row);

/* The item in row. */
const struct ar_item *ar_view_item(struct ar_view *view, size_t row);

/* The row showing id, or -1. */
long ar_view_row_of(struct ar_view *view, long id);

/* Counts for the current query. */
const struct ar_view_counts *ar_view_counts(struct ar_view *view);

/* Counts of the items shown (the query and the meeting restriction): what
 * a Stats pane pictures.  Valid until the view next changes. */
const struct ar_view_counts *ar_view_shown_counts(struct ar_view *view);

#endif
