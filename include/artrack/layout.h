/* layout.h - how a tracker file was written, so a save changes only what
 * was edited (spec section 6) and comments stay (spec section 2).
 *
 * The loader keeps the bytes it read and, for the top-level keys and every
 * meeting and item, where in those bytes it stands: the lines before it
 * (comments and blank lines: they belong to what they precede), its own
 * lines, and the value it was read as.  The saver then writes every part
 * whose value is still the one read as the bytes it was read from; an
 * edited item is read again from its bytes (only then, so memory stays one
 * copy of the file plus a few offsets per item) and written key by key:
 * untouched keys and updates as their bytes, edited ones in canonical form
 * with the comments before them and the one at the end of their line.
 * Like Rust's toml_edit, which keeps the text around every key and value.
 *
 * `fmt` writes the canonical layout and still keeps every comment and blank
 * line: comments before a key, item or update stay before it (indented as
 * it is), a comment at the end of a value's line stays there, and the few
 * the canonical form has no place for (between a key and its value, inside
 * a list of leads) move to just before that key.
 *
 * Comments are found where libyaml does not look: between its events' marks,
 * which count characters, not bytes (converted here).
 *
 * Ownership: an ar_layout belongs to its tracker (tracker->layout, freed by
 * ar_tracker_free) and holds the file's bytes.  The builder is the loader's.
 */
#ifndef ARTRACK_LAYOUT_H
#define ARTRACK_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "artrack/alloc.h"
#include "artrack/error.h"
#include "artrack/tracker.h"

struct ar_layout;
struct ar_layout_builder;

/* ---- for the loader ---- */

/* A builder over the bytes about to be parsed (source[0..len), malloc'd;
 * the builder owns them from here). */
struct ar_layout_builder *ar_layout_builder_new(char *source, size_t len);

/* Whether the bytes given to b held lone CRs (old Mac files), which the
 * builder made LF in place so the layout follows them: every write gives
 * them back as CR when the file has no LF, else a save with nothing edited
 * gives back the bytes read; *original_hash is then ar_hash64 of those. */
bool ar_layout_builder_cr_breaks(const struct ar_layout_builder *b, uint64_t *original_hash);

/* A top-level key starts at character index key_at (libyaml's mark index);
 * known is its index in ar_tracker_key_names or -1. */
void ar_layout_top_key(struct ar_layout_builder *b, size_t key_at, int known);

/* How many lines after the line of a scalar's last non-blank character
 * still belong to it: a block scalar's trailing line breaks that are part
 * of its value (|+), as libyaml's end mark lies past blank lines either way. */
size_t ar_layout_kept_lines(const char *value, size_t len, bool block);

/* The current top-level key's value ended at character index end_at, plus
 * extra_lines (ar_layout_kept_lines of its last scalar). */
void ar_layout_top_end(struct ar_layout_builder *b, size_t end_at, size_t extra_lines);

/* A meeting or item element of the top-level sequence ran from character
 * index start_at (its first key) to end_at (+ extra_lines); it was read as
 * the value given.  The item gets its origin (tracker.h): this element. */
void ar_layout_meeting(struct ar_layout_builder *b, size_t start_at, size_t end_at, size_t extra_lines,
                       const struct ar_meeting *meeting);
void ar_layout_item(struct ar_layout_builder *b, size_t start_at, size_t end_at, size_t extra_lines,
                    struct ar_item *item);

/* The byte offset of character index (a libyaml mark index) in the bytes. */
size_t ar_layout_byte_of(struct ar_layout_builder *b, size_t index);

/* Finish: the layout of tracker t as loaded (the builder is freed).  When
 * the file's shape is not one the layout can follow (a flow-style top
 * level, meetings or items) it is only marked so: ar_layout_follow_flow
 * must be called next. */
struct ar_layout *ar_layout_builder_finish(struct ar_layout_builder *b, const struct ar_tracker *t);

/* Make t's layout one the saver can follow (t->layout set by the finish
 * above).  The parts of the file written in flow style that the layout
 * cannot follow (the top level, meetings, items; an item or meeting in
 * flow style with comments in it) are written in block form, each comment
 * in them moved to the nearest item or key: a whole-line comment before
 * the item or key that follows it, an end-of-line comment at the end of
 * the first line of the first item or key on its line.  Returns the
 * tracker read from that text (t is freed) with each part's bytes as read
 * kept, so a save writes a part nobody changed as it was; t itself when
 * nothing needed it.  Never loses a comment: when the comments cannot be
 * placed so, they go before the part's first line, and failing that the
 * whole file is written so with every comment at its top. */
struct ar_tracker *ar_layout_follow_flow(struct ar_tracker *t);

/* Free the builder and the bytes (after a failed load). */
void ar_layout_builder_free(struct ar_layout_builder *b);

/* ---- for everyone ---- */

/* Free a layout (NULL is fine). */
void ar_layout_free(struct ar_layout *layout);

/* Whether layout's file broke every line with a lone CR (old Mac files):
 * its writes then end lines with CR, not LF (NULL is fine: false). */
bool ar_layout_cr_breaks(const struct ar_layout *layout);

/* Read from LF text made of from's file (a merge's result): its writes end
 * lines as from's do. */
void ar_layout_keep_cr_breaks(struct ar_tracker *to, const struct ar_tracker *from);

/* The bytes the tracker was read from (NULL, 0 when it was made here). */
const char *ar_layout_source(const struct ar_layout *layout, size_t *len);

/* Append the tracker as it is to out: its layout's bytes where nothing
 * changed, canonical form where something did (the saver's path when the
 * tracker has a layout). */
enum ar_rc ar_layout_write(const struct ar_tracker *tracker, struct ar_buf *out, struct ar_error *err);

/* A run of bytes of a file being written. */
struct ar_bytes_piece {
	const void *bytes;
	size_t len;
};

/* What ar_layout_write would append, as pieces to write one after the
 * other: runs of the layout's bytes (not copied: valid while the tracker
 * is) and of own (what was rendered here; valid while own is unchanged).
 * *pieces is malloc'd.  For a save of a big file with few edits. */
enum ar_rc ar_layout_write_pieces(const struct ar_tracker *tracker, struct ar_buf *own,
                                  struct ar_bytes_piece **pieces, size_t *count, struct ar_error *err);

/* Append the tracker in canonical layout, keeping the comments and blank
 * lines of its layout (fmt). */
enum ar_rc ar_layout_write_canonical(const struct ar_tracker *tracker, struct ar_buf *out, struct ar_error *err);

#endif
