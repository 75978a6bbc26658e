/* query.h - the query language of spec section 4.
 *
 * A query is parsed once into a tree of terms (all must match) and then
 * tested against items.  Parse errors name the term and its 1-based column
 * in ar_error.column (line is 0); the column counts characters, not bytes.
 *
 * Meanings the spec leaves open, fixed here:
 * - Words, phrases, lead:, topic: and text: match a substring, ignoring
 *   case as textsearch.h folds it.  A word searches the id (as decimal
 *   digits), topic, text, leads, the meeting's title and the updates' texts.
 *   A term whose text before its first ':' is letters is a field term
 *   (so `http://x` is an unknown field); quote it ("http://x") to search.
 *   Field values may be quoted too: lead:"Derys Pragnell".
 * - Enumeration values (kind, status, response, rag, is, has) ignore case and
 *   take a unique prefix: of the whole name first (response:acc is
 *   accepted), else of a hyphenated word in it (status:prog is in-progress).
 *   has: knows updates, due, response (one other than pending), leads and
 *   meeting.
 * - meeting:, due:, updated:, responded: and closed: take YYYY, YYYY-MM or YYYY-MM-DD, or
 *   `none` (no such date).  A bare date is a prefix of the date as written:
 *   due:2024-04 matches a due of 2024-04 and of 2024-04-17; due:2024-04-17
 *   does not match a due of 2024-04.  A comparison treats the query's date
 *   as the whole period it names and a month-precision due as its last day
 *   (due "by the end of April"): <D before D's first day, <=D up to D's last
 *   day, >D after D's last day, >=D from D's first day.  Items without the
 *   date never match a date term (use -has:due or due:none).
 * - is:overdue: a due date before today (a month due is due at the end of
 *   the month, so 2024-04 is overdue from 2024-05-01) and status neither
 *   completed nor closed.  is:open: status open or in-progress.
 * - is:awaiting-response: a recommendation whose response is pending.
 *   is:response-overdue: awaiting a response, and today is after its
 *   meeting's date plus the tracker's response_days (tracker.h's
 *   ar_item_is_response_overdue); an item with no meeting is never overdue.
 * - rag: takes none, red, amber, green (prefixes, a|b as for kind:).
 *   responded: and closed: (closed_on) are date terms like due:.
 *
 * Ownership: an ar_query owns its terms; ar_query_free() releases it.
 * Matching borrows the tracker and the item.
 */
#ifndef ARTRACK_QUERY_H
#define ARTRACK_QUERY_H

#include <stdbool.h>
#include <stdint.h>

#include "artrack/date.h"
#include "artrack/error.h"
#include "artrack/tracker.h"

struct ar_query;

/* The language on one line, for the filter prompt: its commonest forms. */
extern const char ar_query_syntax_hint[];

/* Parse text (NULL or blank: the query that matches everything). */
enum ar_rc ar_query_parse(const char *text, struct ar_query **out, struct ar_error *err);

/* Release a query (NULL is fine). */
void ar_query_free(struct ar_query *query);

/* Whether the query has no terms. */
bool ar_query_is_empty(const struct ar_query *query);

/* Whether item matches every term; today is used by is:overdue and
 * is:response-overdue (with the tracker's response_days). */
bool ar_query_matches(const struct ar_query *query, const struct ar_tracker *tracker,
                      const struct ar_item *item, ar_date today);

/* Whether every item matching `narrower` is sure to match `wider`, so a
 * search for `narrower` may scan only `wider`'s results. */
bool ar_query_implies(const struct ar_query *narrower, const struct ar_query *wider);

/* ar_query_matches for callers that scan many items and already know the
 * item's meeting (NULL: none) and the tracker's response days
 * (ar_tracker_response_days), sparing a lookup per item. */
bool ar_query_matches_item(const struct ar_query *query, const struct ar_item *item,
                           const struct ar_meeting *meeting, ar_date today, int response_days);

/* The query's terms as written, one space apart ("" when empty): equal
 * texts mean equal queries. */
const char *ar_query_text(const struct ar_query *query);

/* Whether matching reads the items' text (words, phrases, lead:, topic:,
 * text:), the kind of query worth spreading over several threads. */
bool ar_query_reads_text(const struct ar_query *query);

/* Whether the query is decided by an item's kind, status and response
 * alone (kind:, status:, response:, is:open), so a caller that keeps those
 * compactly need not read the items. */
bool ar_query_uses_only_enums(const struct ar_query *query);

/* ar_query_matches for such a query, from those three values. */
bool ar_query_matches_enums(const struct ar_query *query, enum ar_kind kind, enum ar_item_status status,
                            enum ar_response response);

/* ---- Showing what matched ---- */

/* Which of an item's strings a piece of text is, for finding the query's
 * words in it: bare words and phrases search them all; lead:, topic: and
 * text: only their own. */
enum ar_query_place { AR_QUERY_IN_TOPIC, AR_QUERY_IN_TEXT, AR_QUERY_IN_LEAD, AR_QUERY_IN_OTHER };

/* The first match at or after byte from in s[0..len) of any of the query's
 * positive text terms that search strings of that place: its byte offset,
 * with *match_len its length in bytes (folding keeps lengths), or
 * SIZE_MAX when there is none.  For highlighting matches and for showing
 * the lead a query picked out. */
size_t ar_query_find(const struct ar_query *query, enum ar_query_place place, const char *s, size_t len,
                     size_t from, size_t *match_len);

/* ---- Narrowing as the user types ----
 *
 * A view keeps, for each item of a result, where the query's last positive
 * text term (the "tracked" term: the word being typed) first matched.  A
 * step from a wider query's result to a query that implies it tests only
 * the terms the wider query lacks, and a tracked term grown from the
 * wider's (heal -> health) resumes at the place the wider's first matched.
 * A place keeps the few bytes after the match, so a character typed at the
 * end of the word is most often settled without reading the item at all. */

/* Where a text term first matched in an item: which of the strings the
 * term searches (id digits, topic, text, meeting title, leads, update
 * texts for a word; the leads for lead:; one string for topic: and text:)
 * and the byte offset in it. */
struct ar_match_place {
	uint32_t string;
	uint32_t offset;
	uint8_t after[7];     /* the bytes right after the match, as written... */
	uint8_t after_len;    /* ...this many (fewer than 7 where the string ends) */
};

struct ar_query_step;

/* Prepare to test items known to match wider (NULL: any item) against
 * query, which must imply wider.  Both queries must outlive the step. */
struct ar_query_step *ar_query_step_new(const struct ar_query *query, const struct ar_query *wider);

/* Release a step (NULL is fine). */
void ar_query_step_free(struct ar_query_step *step);

/* Whether the step's query has a tracked term (then matches report places). */
bool ar_query_step_tracks(const struct ar_query_step *step);

/* Whether item, known to match the step's wider query (where the wider's
 * tracked term matched it at *wider_place, or NULL if unknown), matches the
 * query; if so and the query tracks a term, *place (if not NULL) is where
 * that term first matched. */
bool ar_query_step_matches(const struct ar_query_step *step, const struct ar_item *item,
                           const struct ar_meeting *meeting, ar_date today, int response_days,
                           const struct ar_match_place *wider_place, struct ar_match_place *place);

/* Whether ar_query_step_matches will read the item at all: not when the
 * bytes kept after the wider's match already answer for the one term the
 * step tests (the usual case while a word is typed). */
bool ar_query_step_needs_item(const struct ar_query_step *step, const struct ar_match_place *wider_place);

/* Ask early for the memory ar_query_step_matches will read first of item:
 * stage 0 the pointers to its strings, stage 1 (a few items later) the
 * text itself, so a scan over many items overlaps their cache misses. */
void ar_query_step_prefetch(const struct ar_query_step *step, const struct ar_item *item,
                            const struct ar_meeting *meeting, const struct ar_match_place *wider_place, int stage);

#endif
