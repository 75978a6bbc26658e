/* layout_internal.h - what layout.c records and yaml_save.c reads: the
 * spans of a file's parts, and the tree a part's bytes give when read again.
 *
 * Every span is in bytes of the layout's source.  A part (a top-level key, a
 * meeting, an item, a key of an item, an update...) has:
 *   lead  where the lines before it start (just after the previous part's
 *         last line): its comments and blank lines;
 *   body  the start of its own first line;
 *   key   its first byte (a key, or an element's first key);
 *   end   just after its last line's line break.
 * so [lead, end) of consecutive parts tile the file.
 */
#ifndef ARTRACK_LAYOUT_INTERNAL_H
#define ARTRACK_LAYOUT_INTERNAL_H

#include "artrack/layout.h"

#include <stdint.h>
#include <yaml.h>

struct lay_span {
	size_t lead, body, key, end;
};

/* A top-level key. */
struct lay_top {
	struct lay_span span;
	int known;                 /* ar_tracker_key index, -1 unknown */
	bool unfollowed;           /* meetings or items whose elements the spans do not follow */
};

/* An element of the meetings or items sequence. */
struct lay_element {
	struct lay_span span;
	const struct ar_item *item;     /* items: the value read */
	struct ar_meeting meeting;      /* meetings: the value read */
};

/* A part of source that was written anew in block form from a part of the
 * file written in flow style (layout_flow.c): [from, to) of source stands
 * for [orig_from, orig_to) of original. */
struct lay_region {
	size_t from, to, orig_from, orig_to;
};

enum { AR_LAYOUT_FOLLOWED, AR_LAYOUT_UNFOLLOWED_PARTS, AR_LAYOUT_UNFOLLOWED_TOP };

struct ar_layout {
	uint32_t serial;           /* this layout among all read (items' origin_layout) */
	char *source;
	size_t len;
	/* set by the builder: AR_LAYOUT_UNFOLLOWED_TOP when the top level is
	 * not a block mapping the spans follow, _PARTS when only some tops
	 * are not (lay_top.unfollowed); ar_layout_follow_flow then rewrites */
	int unfollowed;
	/* a file whose line breaks were all lone CRs (old Mac files): source
	 * holds them as LF, so the layout follows it as any file, and every
	 * write of it gives them back as CR (lay_breaks_back) */
	bool cr_breaks;
	/* a file with lone CRs and LFs: its bytes as read (source holds the
	 * lone CRs as LF), written when a save writes nothing else */
	char *as_read;
	size_t as_read_len;
	/* a file whose flow-style parts were written anew: its bytes as read
	 * (source is then the rewritten text) and where the parts stand, so a
	 * part nobody changed is saved as it was read */
	char *original;
	size_t original_len;
	struct lay_region *regions;
	size_t region_count;
	size_t head_end;           /* [0, head_end): before the first key */
	size_t tail;               /* [tail, len): after the last key */
	struct lay_top *tops;
	size_t top_count;
	struct lay_element *meetings, *items;
	size_t meeting_count, item_count;
	size_t *item_slots;        /* id hash -> item element index + 1 */
	size_t item_slot_count;
	/* the tracker's own values as read */
	const char *committee, *title;
	ar_date as_of;
	int response_days;
	struct ar_extras extras;
};

/* out[from..) written from L made back as the file had it: every LF a CR
 * when L's file broke its lines with lone CRs; the bytes read when they mix
 * lone CRs and LFs and out[from..) is that file as read (unedited_as_read:
 * a save, not fmt).  L NULL is fine. */
void lay_breaks_back(const struct ar_layout *L, struct ar_buf *out, size_t from, bool unedited_as_read);

/* The element read for the item with that id, or NULL. */
const struct lay_element *lay_find_item(const struct ar_layout *layout, long id);

/* The element item was read from (its origin, tracker.h) when it was
 * read by layout (NULL is fine), else NULL. */
const struct lay_element *lay_item_origin(const struct ar_layout *layout, const struct ar_item *item);

/* The element read for the meeting with that date, or NULL. */
const struct lay_element *lay_find_meeting(const struct ar_layout *layout, ar_date date);

/* A part of a block collection, read again from its bytes. */
struct lay_node {
	struct lay_span span;
	const char *name;          /* a mapping key's text (NUL-terminated), NULL for elements */
	size_t value;              /* the value's first byte */
	size_t value_end;          /* just after the value's last byte */
	bool block_value;          /* the value is a block mapping or sequence (children) */
	struct lay_node *children;
	size_t child_count;
};

/* The tree of source[from, to) (a part's [body, end): whole lines, a valid
 * YAML document on their own), with its comments.  false when it does not
 * parse or is not block-shaped. */
struct lay_tree {
	struct lay_node root;      /* root.children: the document's top entries or elements */
	size_t *comments;          /* byte offsets of every '#' that opens a comment, ascending */
	size_t comment_count;
	struct ar_arena *arena;
};

bool lay_read_tree(const char *source, size_t from, size_t to, int depth, struct lay_tree *tree);

/* Every event of source[from, to) (a YAML document on its own) to on_event
 * with the byte offsets of its start and end, in order; the comments found
 * between them go to comments->comments (comments is a tree with no nodes:
 * free it with lay_tree_free).  false when it does not parse. */
bool lay_walk_events(const char *source, size_t from, size_t to,
                     void (*on_event)(void *ctx, const yaml_event_t *event, size_t start, size_t end), void *ctx,
                     struct lay_tree *comments);
void lay_tree_free(struct lay_tree *tree);

/* The first comment in [from, to), or SIZE_MAX. */
size_t lay_comment_in(const struct lay_tree *tree, size_t from, size_t to);

/* Just after the line break ending the line that holds pos (or len). */
size_t lay_line_end(const char *source, size_t len, size_t pos);

/* The start of the line that holds pos. */
size_t lay_line_start(const char *source, size_t pos);

#endif
