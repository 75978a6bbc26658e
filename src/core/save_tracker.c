/* save_tracker.c - saving a whole tracker: the identity check, the canonical
 * YAML and the atomic writer together.  Kept apart from filesafe.c so the
 * writer does not pull the YAML code into programs that only write bytes. */
#include "config.h"

#include "artrack/filesafe.h"
#include "artrack/alloc.h"
#include "artrack/yamlio.h"
#include "artrack/layout.h"

#include <stdlib.h>

/* Render with render (ar_save_buffer or the canonical writer) and write. */
static enum ar_rc save_rendered(const struct ar_tracker *tracker, const char *path,
                                struct ar_file_identity *identity, struct ar_error *err,
                                enum ar_rc (*render)(const struct ar_tracker *, struct ar_buf *, struct ar_error *))
{
	ar_error_clear(err);
	/* Checked first so a changed file costs no rendering, and again by the
	 * writer just before the rename. */
	enum ar_rc rc = ar_file_identity_check(path, identity, err);
	if (rc != AR_OK)
		return rc;
	struct ar_buf yaml = {0};
	rc = render(tracker, &yaml, err);
	if (rc == AR_OK) {
		struct ar_file_identity written = {0};
		/* FILE~ is the file as it was before the session's first save, as
		 * Emacs keeps it: a second save does not replace it. */
		bool kept = identity && identity->backup_kept;
		struct ar_write_options options = {.expect = identity, .identity = &written, .no_backup = kept};
		rc = ar_file_write_atomic(path, yaml.data ? yaml.data : "", yaml.len, &options, err);
		/* After a failed folder flush the new file is in place: describe it,
		 * or the next save would see our own file as an outside change. */
		if (identity && written.state == AR_IDENTITY_KNOWN) {
			*identity = written;
			identity->backup_kept = true;
		}
	}
	ar_buf_free(&yaml);
	return rc;
}

enum ar_rc ar_save_tracker_file(const struct ar_tracker *tracker, const char *path,
                                struct ar_file_identity *identity, struct ar_error *err)
{
	return save_rendered(tracker, path, identity, err, ar_save_buffer);
}

enum ar_rc ar_fmt_tracker_file(const struct ar_tracker *tracker, const char *path,
                               struct ar_file_identity *identity, struct ar_error *err)
{
	return save_rendered(tracker, path, identity, err, ar_layout_write_canonical);
}
