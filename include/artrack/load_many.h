/* load_many.h - loading several tracker files at once (merge's three, diff's
 * two), each on its own thread: the loads are independent and a load is
 * mostly libyaml's parse, which runs on one core.
 *
 * Ownership: as ar_load_file, per file: trackers[i] belongs to the caller,
 * diags[i] is appended to and must be released by the caller.
 */
#ifndef ARTRACK_LOAD_MANY_H
#define ARTRACK_LOAD_MANY_H

#include <stddef.h>

#include "artrack/error.h"
#include "artrack/tracker.h"

/* ar_load_file of paths[0..count) into trackers[i] and diags[i], the
 * returned codes in rcs[i]; at most 8 files.  Files are read concurrently
 * (one thread each; in turn where threads cannot be made). */
void ar_load_files(const char *const *paths, size_t count, struct ar_tracker **trackers, struct ar_diags *diags,
                   enum ar_rc *rcs);

#endif
