/* tracker.h - the in-memory tracker: meetings, items and their updates.
 *
 * Ownership: an ar_tracker owns everything reachable from it - meetings,
 * items, updates, every string and every unknown-key node - in its arena.
 * Nothing is freed before ar_tracker_free(), so a pointer taken from a
 * tracker stays valid for the tracker's whole life.  That is what makes undo
 * cheap: edits never change an item in place; they build a new item value
 * (ar_item_clone + setters) and swap the pointer in the items array
 * (ar_tracker_replace_item), so the old value is still there to swap back.
 * Setters copy the strings they are given.  Views and panes borrow the
 * tracker and hold item ids, never item pointers across edits.
 */
#ifndef ARTRACK_TRACKER_H
#define ARTRACK_TRACKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "artrack/date.h"

#define AR_FORMAT_VERSION 1

enum ar_kind {
	AR_KIND_ACTION,
	AR_KIND_RECOMMENDATION,
	AR_KIND_COUNT
};

enum ar_item_status {
	AR_STATUS_OPEN,
	AR_STATUS_IN_PROGRESS,
	AR_STATUS_COMPLETED,
	AR_STATUS_CLOSED,
	AR_STATUS_COUNT
};

/* AR_RESPONSE_NONE is an action's (no response at all); a recommendation's
 * response is never NONE (absent in the file means PENDING). */
enum ar_response {
	AR_RESPONSE_NONE,
	AR_RESPONSE_PENDING,
	AR_RESPONSE_ACCEPTED,
	AR_RESPONSE_PARTIALLY_ACCEPTED,
	AR_RESPONSE_REJECTED,
	AR_RESPONSE_NOTED,
	AR_RESPONSE_COUNT
};

/* A Red/Amber/Green rating of progress, as councils' trackers give one;
 * AR_RAG_NONE when the item has none. */
enum ar_rag {
	AR_RAG_NONE,
	AR_RAG_RED,
	AR_RAG_AMBER,
	AR_RAG_GREEN,
	AR_RAG_COUNT
};

/* The spellings used in the file, indexed by the enums ("" for RESPONSE_NONE
 * and RAG_NONE). */
extern const char *const ar_kind_names[AR_KIND_COUNT];
extern const char *const ar_status_names[AR_STATUS_COUNT];
extern const char *const ar_response_names[AR_RESPONSE_COUNT];
extern const char *const ar_rag_names[AR_RAG_COUNT];
/* The ratings as an officer picks or queries them: "none" for AR_RAG_NONE. */
extern const char *const ar_rag_choices[AR_RAG_COUNT];

/* Days after its meeting a recommendation's response is due when the file
 * gives no response_days: the statutory two months (Local Government Act
 * 2000 s9FE) as the eight weeks officers count. */
#define AR_RESPONSE_DAYS_DEFAULT 56
#define AR_RESPONSE_DAYS_MAX 3660

/* Index of the name equal to text[0..len) in names[0..count), or -1. */
int ar_enum_lookup(const char *const *names, int count, const char *text, size_t len);

/* ---- Unknown keys: kept verbatim and written back in their place ---- */

enum ar_node_type { AR_NODE_SCALAR, AR_NODE_SEQUENCE, AR_NODE_MAPPING, AR_NODE_RAW };

/* How a scalar was written, so it is written back meaning the same. */
enum ar_scalar_style {
	AR_SCALAR_PLAIN,
	AR_SCALAR_SINGLE_QUOTED,
	AR_SCALAR_DOUBLE_QUOTED,
	AR_SCALAR_LITERAL,
	AR_SCALAR_FOLDED
};

/* A YAML subtree the program does not interpret. */
struct ar_node {
	enum ar_node_type type;
	const char *tag;            /* explicit tag as written, or NULL */
	bool flow;                  /* collections: written in flow style */
	union {
		struct {
			const char *value;
			size_t length;      /* value may hold NUL only via escapes; length is exact */
			enum ar_scalar_style style;
		} scalar;
		struct {
			struct ar_node **items;
			size_t count;
		} sequence;
		struct {
			struct ar_node **keys;
			struct ar_node **values;
			size_t count;
		} mapping;
		/* AR_NODE_RAW: a sequence or mapping under an unknown key, kept as
		 * the bytes it was written as (from its first character to its
		 * last, lines after the first with their own indentation), not as a
		 * node per element: 4 MB of `x: [1, 1, ...]` costs 4 MB, and it is
		 * written back as written. */
		struct {
			const char *bytes;
			size_t length;
			int column;         /* where its first character stood (0-based) */
			bool block;         /* a block collection (else flow: [..] or {..}) */
		} raw;
	} as;
};

/* One unknown key of a mapping the program knows (tracker, meeting, item,
 * update).  after is the index, in that mapping's canonical key order (the
 * *_KEY_ enums below), of the known key it followed in the file, or -1 when
 * it came before every known key; the saver writes it right after that key. */
struct ar_extra {
	const char *key;
	struct ar_node *value;
	int after;
};

struct ar_extras {
	struct ar_extra *items;
	size_t count;
};

/* Canonical key orders. */
enum ar_tracker_key { AR_TRACKER_KEY_ARTRACK, AR_TRACKER_KEY_COMMITTEE, AR_TRACKER_KEY_TITLE,
	AR_TRACKER_KEY_AS_OF, AR_TRACKER_KEY_RESPONSE_DAYS, AR_TRACKER_KEY_MEETINGS, AR_TRACKER_KEY_ITEMS,
	AR_TRACKER_KEY_COUNT };
enum ar_meeting_key { AR_MEETING_KEY_DATE, AR_MEETING_KEY_TITLE, AR_MEETING_KEY_COUNT };
enum ar_item_key { AR_ITEM_KEY_ID, AR_ITEM_KEY_MEETING, AR_ITEM_KEY_TOPIC, AR_ITEM_KEY_KIND,
	AR_ITEM_KEY_TEXT, AR_ITEM_KEY_LEADS, AR_ITEM_KEY_STATUS, AR_ITEM_KEY_RESPONSE,
	AR_ITEM_KEY_DUE, AR_ITEM_KEY_RESPONDED, AR_ITEM_KEY_RAG, AR_ITEM_KEY_CLOSED_ON, AR_ITEM_KEY_UPDATES,
	AR_ITEM_KEY_COUNT };
enum ar_update_key { AR_UPDATE_KEY_DATE, AR_UPDATE_KEY_BY, AR_UPDATE_KEY_LABEL,
	AR_UPDATE_KEY_TEXT, AR_UPDATE_KEY_COUNT };

extern const char *const ar_tracker_key_names[AR_TRACKER_KEY_COUNT];
extern const char *const ar_meeting_key_names[AR_MEETING_KEY_COUNT];
extern const char *const ar_item_key_names[AR_ITEM_KEY_COUNT];
extern const char *const ar_update_key_names[AR_UPDATE_KEY_COUNT];

/* ---- The model ---- */

/* Strings are NUL-terminated UTF-8; NULL means the key is absent. */

struct ar_update {
	ar_date date;               /* AR_DATE_NONE when absent */
	const char *by;
	const char *label;
	const char *text;           /* required */
	struct ar_extras extras;
	int line;                   /* where it was read (1-based), 0 if made here */
};

struct ar_meeting {
	ar_date date;               /* the key: unique, full date */
	const char *title;
	struct ar_extras extras;
	int line;
};

/* An item as the officer wrote it in the editor (E, A, C), comments and
 * blank lines included, to be saved as written.  bytes: whole lines ending
 * in LF, the lines before the item (its comments) first, then its keys at
 * column 0 as the editor showed them; as: the value they were read as.  An
 * item edited after that is saved as an edit of these lines, as an edit of
 * an item read from the file is. */
struct ar_item_lines {
	const char *bytes;
	size_t len;
	const struct ar_item *as;
};

struct ar_item {
	long id;                    /* positive, unique */
	ar_date meeting;            /* a meeting's date, or AR_DATE_NONE */
	const char *topic;
	enum ar_kind kind;
	const char *text;
	const char *const *leads;
	size_t lead_count;
	enum ar_item_status status;
	enum ar_response response;
	ar_date due;                /* may be month precision */
	ar_date responded;          /* when the response came (recommendations), or AR_DATE_NONE */
	enum ar_rag rag;
	ar_date closed_on;          /* when the committee signed it off, or AR_DATE_NONE */
	const struct ar_update *updates; /* oldest first */
	size_t update_count;
	struct ar_extras extras;
	int line;                   /* where it was read (1-based), 0 if made here */
	int column;
	/* Which bytes of the file it was read from, so a save finds them
	 * whatever was edited (its id too): the serial of the layout that read
	 * it (layout.h; 0 when it was made here) and the index of its element
	 * there.  Copies of it (ar_item_clone, undo, redo, a replacement) keep
	 * both; a new item, a copy made as a new item (C) and an import have
	 * none. */
	uint32_t origin_layout;
	uint32_t origin;
	const struct ar_item_lines *lines; /* written in the editor, or NULL */
};

struct ar_tracker_index;        /* id -> position, private to tracker.c */
struct ar_layout;               /* how the file was written: layout.h */

struct ar_tracker {
	int version;                /* AR_FORMAT_VERSION */
	const char *committee;
	const char *title;
	ar_date as_of;
	int response_days;          /* 0: not in the file (AR_RESPONSE_DAYS_DEFAULT applies) */
	struct ar_meeting *meetings; /* file order */
	size_t meeting_count;
	size_t meeting_capacity;
	struct ar_item **items;     /* file order */
	size_t item_count;
	size_t item_capacity;
	struct ar_extras extras;
	uint64_t generation;        /* bumped by every change, so views know to rebuild */
	struct ar_arena *arena;
	struct ar_tracker_index *index;
	struct ar_layout *layout;   /* the bytes read and where each part stands in
	                               them, so a save rewrites only what changed;
	                               NULL for a tracker made here */
	struct ar_tracker_kept *kept; /* trackers freed with this one (ar_tracker_keep) */
};

/* An empty tracker (version 1, no meetings, no items). */
struct ar_tracker *ar_tracker_new(void);

/* Free the tracker and everything it owns (NULL is fine). */
void ar_tracker_free(struct ar_tracker *tracker);

/* Make other (and everything it owns) live as long as tracker: it is freed
 * with tracker.  For values shared between trackers, as a merge shares
 * theirs' items with its result. */
void ar_tracker_keep(struct ar_tracker *tracker, struct ar_tracker *other);

/* Replace the items with items[0..count) (a malloc'd array the tracker now
 * owns; the old array is freed, the item values stay in their arenas). */
void ar_tracker_take_items(struct ar_tracker *tracker, struct ar_item **items, size_t count);

/* A copy of s in the tracker's arena (NULL in, NULL out). */
const char *ar_tracker_strdup(struct ar_tracker *tracker, const char *s);

/* A copy of s[0..len) in the tracker's arena. */
const char *ar_tracker_strndup(struct ar_tracker *tracker, const char *s, size_t len);

/* Zeroed memory in the tracker's arena. */
void *ar_tracker_alloc(struct ar_tracker *tracker, size_t size);

/* The meeting with that date, or NULL. */
const struct ar_meeting *ar_tracker_find_meeting(const struct ar_tracker *tracker, ar_date date);

/* Add a meeting (title copied); returns it.  The caller checks uniqueness. */
struct ar_meeting *ar_tracker_add_meeting(struct ar_tracker *tracker, ar_date date, const char *title);

/* Insert a copy of meeting (its title and extras shared, not copied: they
 * must be in the tracker's arena) at position (clamped to the end). */
void ar_tracker_insert_meeting(struct ar_tracker *tracker, size_t position, const struct ar_meeting *meeting);

/* Remove the meeting at position; the caller checks no item names it. */
void ar_tracker_remove_meeting(struct ar_tracker *tracker, size_t position);

/* Where a meeting on date goes in date order: after every meeting dated
 * before it (meetings are kept as the file has them; a new one joins them
 * in order). */
size_t ar_tracker_meeting_position(const struct ar_tracker *tracker, ar_date date);

/* How many items name the meeting on date. */
size_t ar_tracker_meeting_items(const struct ar_tracker *tracker, ar_date date);

/* Position of the item with that id in tracker->items, or -1. */
long ar_tracker_find_index(const struct ar_tracker *tracker, long id);

/* The item with that id, or NULL. */
const struct ar_item *ar_tracker_find_item(const struct ar_tracker *tracker, long id);

/* The largest id in use, 0 when there are no items. */
long ar_tracker_max_id(const struct ar_tracker *tracker);

/* A new item in the tracker's arena, not yet in the tracker: action, open. */
struct ar_item *ar_item_new(struct ar_tracker *tracker, long id);

/* A copy of item whose arrays (leads, updates) are copied too, so setters on
 * the copy never touch the original. */
struct ar_item *ar_item_clone(struct ar_tracker *tracker, const struct ar_item *item);

/* Append item (owned by the tracker's arena) at the end of the items. */
void ar_tracker_append_item(struct ar_tracker *tracker, struct ar_item *item);

/* Insert item at position (0..item_count). */
void ar_tracker_insert_item(struct ar_tracker *tracker, size_t position, struct ar_item *item);

/* Put item at position, returning the value that was there. */
struct ar_item *ar_tracker_replace_item(struct ar_tracker *tracker, size_t position, struct ar_item *item);

/* Remove the item at position, returning it (still owned by the arena). */
struct ar_item *ar_tracker_remove_item(struct ar_tracker *tracker, size_t position);

/* Setters on an item value not yet shared (fresh from ar_item_new/ar_item_clone);
 * strings are copied, NULL clears. */
void ar_item_set_topic(struct ar_tracker *tracker, struct ar_item *item, const char *topic);
void ar_item_set_text(struct ar_tracker *tracker, struct ar_item *item, const char *text);
void ar_item_set_leads(struct ar_tracker *tracker, struct ar_item *item, const char *const *leads, size_t count);
/* Append a copy of update (its strings copied) to the item's updates. */
void ar_item_add_update(struct ar_tracker *tracker, struct ar_item *item, const struct ar_update *update);
/* Replace the item's updates with copies of updates[0..count). */
void ar_item_set_updates(struct ar_tracker *tracker, struct ar_item *item, const struct ar_update *updates, size_t count);

/* The date of the item's newest update (the latest dated one), or AR_DATE_NONE. */
ar_date ar_item_updated(const struct ar_item *item);

/* Whether item is overdue on today: due before today and not completed or
 * closed.  A month-precision due date ("2024-04") falls due at the end of
 * that month.  The one rule behind is:overdue, the due column's mark and
 * the overdue colour. */
bool ar_item_is_overdue(const struct ar_item *item, ar_date today);

/* The days a response may take: the file's response_days, else the default. */
int ar_tracker_response_days(const struct ar_tracker *tracker);

/* Whether item is a recommendation still waiting for its response
 * (response pending): is:awaiting-response. */
bool ar_item_awaits_response(const struct ar_item *item);

/* The last day for item's response: its meeting plus response_days;
 * AR_DATE_NONE when it awaits none or has no meeting. */
ar_date ar_item_response_deadline(const struct ar_item *item, int response_days);

/* Whether item awaits its response and today is past the deadline (the
 * meeting was more than response_days days before today).  The one rule
 * behind is:response-overdue, the Items pane's mark and the counts. */
bool ar_item_is_response_overdue(const struct ar_item *item, int response_days, ar_date today);

/* The dates a decision brings, the one home of that rule (set, the UI's e
 * and c): when after is before with its response moved from pending to a
 * decision and no responded date, responded becomes today; when its status
 * became closed and it has no closed_on, closed_on becomes today.  The
 * officer may change either afterwards.  Changes after (a value not yet
 * shared) and returns a bit (1u << AR_ITEM_KEY_...) per field it dated. */
unsigned ar_item_date_decisions(const struct ar_item *before, struct ar_item *after, ar_date today);

/* Which of names[0..count) text[0..len) names, in any case: exactly, else as
 * a prefix of a name, else as a prefix of one of a name's hyphenated words
 * ("prog" for in-progress); the best way wins ("acc" is accepted, not
 * partially-accepted).  Returns the index of the one name that fits best;
 * -1 when none fits; -2 when several fit equally well.  *fitting (if not
 * NULL) gets a bit per name fitting best, for listing them in a message.
 * Empty names never fit.  Shared by queries and edits, so what filters
 * also sets. */
int ar_enum_match(const char *const *names, int count, const char *text, size_t len, unsigned *fitting);

#endif
