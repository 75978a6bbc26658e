/* yaml_save_internal.h - what the writer's two files share: yaml_save.c
 * (one value through libyaml, lines, comments, the entry points) and
 * yaml_save_parts.c (the canonical parts of a tracker, and saving only what
 * changed).  Private to src/core.
 *
 * Ownership: a struct writer writes into its caller's buffer and owns its
 * emitter and scratch buffers (yaml_save.c makes and frees them).
 */
#ifndef ARTRACK_YAML_SAVE_INTERNAL_H
#define ARTRACK_YAML_SAVE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "artrack/alloc.h"
#include "artrack/error.h"
#include "artrack/layout.h"
#include "artrack/tracker.h"
#include "layout_internal.h"

struct writer {
	struct ar_buf *out;
	struct ar_error *err;
	bool failed;
	yaml_emitter_t emitter;
	struct ar_buf piece;         /* one value as libyaml writes it */
	struct ar_buf swapped;       /* a string with its placeholders */
	struct ar_buf originals;     /* what each placeholder stands for: length byte + bytes */
	/* comments kept in canonical layout (fmt) */
	const char *source;
	size_t source_len;
	const struct lay_tree *tree;
	bool leads_copied;           /* the lines before each part are copied by the caller */
	/* piecewise: what the file is made of, as runs of the source (not
	 * copied) and of out (what was written here), for a save that writes
	 * a 177 MB file with one edited item without copying it first */
	bool piecewise;
	/* what is written here ends its lines with CR LF, as the file read does */
	bool crlf;
	/* source is bytes made here (an item's lines from the editor), not the
	 * file's: copied from, never a piece of the file */
	bool source_made;
	struct out_piece {
		bool own;                /* in out, else in the source */
		size_t at, len;
	} *pieces;
	size_t piece_count, piece_cap;
};

/* Where a line starts: lead (e.g. "- ") for the first line of an element,
 * else col spaces. */
struct lead_in {
	const char *text;
	size_t len;
};

/* ---- yaml_save.c ---- */

/* Append ys_put_part's text to out (lines end in CR LF when crlf). */
enum ar_rc ys_render_part(const struct ar_tracker *t, int top_key, size_t element, const char *lead,
                          size_t lead_len, bool crlf, struct ar_buf *out, struct ar_error *err);

/* (undocumented) */
void ys_add_piece(struct writer *w, bool own, size_t at, size_t len);

/* The child i of node when node has expect children (the layout still fits), else NULL. */
const struct lay_node *ys_child_at(const struct lay_node *node, size_t i, size_t expect);

/* node's child under key name, or NULL. */
const struct lay_node *ys_child_named(const struct lay_node *node, const char *name);

/* What stands before node in canonical layout: the lines before it, and
 * the comments inside it that the canonical form has no place for. */
void ys_comments_before(struct writer *w, const struct lay_node *node, int col);

/* The comment at the end of node's first line (its key's line), if any. */
const char *ys_eol_of(const struct writer *w, const struct lay_node *node, size_t *len);

/* ys_eol_of and ys_comments_before for a node whose value is written as
 * its bytes (an unknown key's collection): the comments inside the value
 * go with those bytes, so they are not written again. */
const char *ys_eol_beside_bytes(const struct writer *w, const struct lay_node *node, size_t *len);
void ys_comments_beside_bytes(struct writer *w, const struct lay_node *node, int col);

/* An unknown key kept as it was read (its value as a tree), with eol after it. */
void ys_line_extra(struct writer *w, struct lead_in *lead, int col, const struct ar_extra *x,
                   const char *eol, size_t eol_len);

/* key: value where value is safe plain, with eol after it. */
void ys_line_plain(struct writer *w, struct lead_in *lead, int col, const char *key, const char *value,
                   const char *eol, size_t eol_len);

/* key: string, with eol after it */
void ys_line_string(struct writer *w, struct lead_in *lead, int col, const char *key, const char *s,
                    const char *eol, size_t eol_len);

/* Append bytes to the output. */
void ys_out_add(struct writer *w, const char *bytes, size_t len);

/* Blank lines and comment lines of source[from, to), comments at col. */
void ys_region_lines(struct writer *w, size_t from, size_t to, int col);

/* ---- yaml_save_parts.c ---- */

/* One item's keys; the first line starts with lead. */
void ys_put_item(struct writer *w, const struct ar_item *item, struct lead_in lead, int col,
                 const struct lay_node *src);

/* The whole tracker in canonical layout (with L's comments when L is given). */
void ys_put_tracker(struct writer *w, const struct ar_tracker *t, const struct ar_layout *L);

/* One part in canonical layout without comments: the whole tracker
 * (top_key < 0), one top-level key (element SIZE_MAX), or one element of
 * meetings or items, its first line starting with lead. */
void ys_put_part(struct writer *w, const struct ar_tracker *t, int top_key, size_t element, struct lead_in lead,
                 int col);

/* One item of the items sequence as a save writes it: its lines from the
 * editor, else its element el (may be NULL) as read or edited, else anew;
 * dash starts its first line, col its others. */
void ys_put_item_kept(struct writer *w, const struct lay_element *el, const struct ar_item *it,
                      struct lead_in dash, int col);

/* An item whose element el (in w's source) was read as orig, now cur. */
void ys_put_item_edited(struct writer *w, const struct lay_element *el, const struct ar_item *orig,
                        const struct ar_item *cur, struct lead_in dash, int col);

/* How L's items start their first line (dash) and indent the others (col). */
void ys_items_dash(const struct ar_layout *L, struct lead_in *dash, int *col);

/* ---- item_lines.c ---- */

/* An item with lines from the editor (it->lines): those lines moved to
 * dash and col, as they are when it is their value, else edited as an
 * element is; el (may be NULL) gives back the bytes of lines that only
 * moved. */
void ys_put_item_lines(struct writer *w, const struct lay_element *el, const struct ar_item *it,
                       struct lead_in dash, int col);

/* A writer over L's bytes (L may be NULL) into out, and its end. */
void ys_writer_open(struct writer *w, struct ar_buf *out, struct ar_error *err, const struct ar_layout *L);
enum ar_rc ys_writer_close(struct writer *w);

/* The tracker as L read it, with only what changed written anew. */
void ys_put_tracker_preserving(struct writer *w, const struct ar_tracker *t, const struct ar_layout *L);

#endif
