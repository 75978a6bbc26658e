/* yamlio.h - reading and writing tracker files (spec section 2).
 *
 * The loader reads with libyaml's event API straight into the model,
 * checks every rule of the format and reports every problem it finds (not
 * just the first) with its 1-based line and column.  The saver writes the
 * canonical form: known keys in fixed order, unknown keys kept where they
 * were, UTF-8 as itself, no folding, and every string quoted whenever any
 * YAML 1.1 or 1.2 reader could read it as something other than that string.
 *
 * Ownership: a loaded tracker belongs to the caller (ar_tracker_free).
 * Diagnostics are appended to the caller's ar_diags.
 */
#ifndef ARTRACK_YAMLIO_H
#define ARTRACK_YAMLIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "artrack/alloc.h"
#include "artrack/error.h"
#include "artrack/tracker.h"

/* What the loader saw of the bytes it read, for the outside-change check. */
struct ar_load_info {
	uint64_t hash;   /* ar_hash64 of every byte read */
	uint64_t size;   /* bytes read */
};

/* Read and validate the tracker at path.  AR_OK: *out is the tracker.
 * AR_EDATA: every problem is in diags and *out is NULL.  AR_EIO: the file
 * could not be read (one diag, line 0).  info may be NULL. */
enum ar_rc ar_load_file(const char *path, struct ar_tracker **out, struct ar_diags *diags,
                        struct ar_load_info *info);

/* ar_load_file for a command that only reads the tracker (check, list,
 * show, stats, export): the same tracker and the same problems, but no
 * layout is kept (tracker->layout is NULL, so it must not be saved: that
 * would write canonical form), and the bytes read are given back as the
 * load passes them, so memory holds about the model alone rather than the
 * model and the file. */
enum ar_rc ar_load_file_model(const char *path, struct ar_tracker **out, struct ar_diags *diags,
                              struct ar_load_info *info);

/* The same from bytes in memory. */
enum ar_rc ar_load_buffer(const char *data, size_t len, struct ar_tracker **out, struct ar_diags *diags);

/* The same from an open stream (read to its end). */
enum ar_rc ar_load_stream(FILE *stream, struct ar_tracker **out, struct ar_diags *diags,
                          struct ar_load_info *info);

/* Append the canonical YAML of tracker to out. */
enum ar_rc ar_save_buffer(const struct ar_tracker *tracker, struct ar_buf *out, struct ar_error *err);

/* Write the canonical YAML of tracker to stream (AR_EIO on a write error). */
enum ar_rc ar_save_stream(const struct ar_tracker *tracker, FILE *stream, struct ar_error *err);

/* One item as a YAML mapping document, exactly as the saver writes items
 * (for editing a whole item in $EDITOR). */
enum ar_rc ar_item_to_yaml(const struct ar_tracker *tracker, const struct ar_item *item,
                           struct ar_buf *out, struct ar_error *err);

/* Parse one item mapping, validated as the loader would validate it inside
 * tracker (its meeting must exist; its id must be unused unless it is
 * replacing_id).  AR_OK: *out is a new item value in the tracker's arena,
 * not yet in the tracker.  AR_EDATA: problems in diags. */
enum ar_rc ar_item_from_yaml(struct ar_tracker *tracker, const char *data, size_t len, long replacing_id,
                             struct ar_item **out, struct ar_diags *diags);

/* Whether s[0..len) may be written as a plain scalar: true only when every
 * YAML 1.1 and 1.2 reader gives back exactly this string. */
bool ar_yaml_plain_is_safe(const char *s, size_t len);

#endif
