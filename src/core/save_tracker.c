/* save_tracker.c - saving a whole tracker: the identity check, the canonical
 * YAML and the atomic writer together.  Kept apart from filesafe.c so the
 * writer does not pull the YAML code into programs that only write bytes. */
#include "config.h"

#include "artrack/filesafe.h"
#include "artrack/alloc.h"
#include "artrack/yamlio.h"
#include "artrack/layout.h"

#include <stdlib.h>

/* Render (canonical: the whole file in canonical layout, as fmt writes;
 * else the bytes read where nothing changed, written from where they are,
 * not copied) and write atomically. */
static enum ar_rc save_rendered(const struct ar_tracker *tracker, const char *path,
                                struct ar_file_identity *identity, struct ar_error *err, bool canonical)
{
	ar_error_clear(err);
	/* Checked first so a changed file costs no rendering, and again by the
	 * writer just before the rename. */
	enum ar_rc rc = ar_file_identity_check(path, identity, err);
	if (rc != AR_OK)
		return rc;
	struct ar_buf yaml = {0};
	struct ar_bytes_piece *pieces = NULL;
	size_t count = 0;
	if (canonical) {
		rc = ar_layout_write_canonical(tracker, &yaml, err);
		pieces = ar_xmalloc(sizeof *pieces);
		pieces[0] = (struct ar_bytes_piece){yaml.data ? yaml.data : "", yaml.len};
		count = 1;
	} else {
		rc = ar_layout_write_pieces(tracker, &yaml, &pieces, &count, err);
	}
	if (rc == AR_OK) {
		struct ar_file_identity written = {0};
		/* FILE~ is the file as it was before the session's first save, as
		 * Emacs keeps it: a second save does not replace it. */
		bool kept = identity && identity->backup_kept;
		struct ar_write_options options = {.expect = identity, .identity = &written, .no_backup = kept};
		rc = ar_file_write_atomic_pieces(path, pieces, count, &options, err);
		/* After a failed folder flush the new file is in place: describe it,
		 * or the next save would see our own file as an outside change. */
		if (identity && written.state == AR_IDENTITY_KNOWN) {
			*identity = written;
			identity->backup_kept = true;
		}
	}
	free(pieces);
	ar_buf_free(&yaml);
	return rc;
}

enum ar_rc ar_save_tracker_file(const struct ar_tracker *tracker, const char *path,
                                struct ar_file_identity *identity, struct ar_error *err)
{
	return save_rendered(tracker, path, identity, err, false);
}

enum ar_rc ar_fmt_tracker_file(const struct ar_tracker *tracker, const char *path,
                               struct ar_file_identity *identity, struct ar_error *err)
{
	return save_rendered(tracker, path, identity, err, true);
}
