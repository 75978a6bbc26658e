/* journal.h - unsaved edits kept beside the file, so nothing is lost to
 * kill -9, a closed terminal or a power cut (spec section 6).
 *
 * While the officer edits FILE, every step (and every undo and redo) is
 * appended to FILE.journal before the next key is read, and flushed to disk
 * by a thread of the journal's own right after (so no key waits for it):
 * the state, after the step, of each item and meeting it touched (an item as
 * the YAML `E` shows, or "gone").  The journal names the file it applies to
 * by the size and hash of its bytes.  A save removes it; so does quitting
 * without saving (the officer chose to discard).  A record cut short by a
 * crash is recognised by its checksum and ignored, so the journal never
 * replays half an edit.
 *
 * At the next start on FILE the UI asks "N unsaved changes from TIME;
 * restore them? (y/n)": y replays them as one undoable step, n sets the
 * journal aside under a name with the time (FILE.journal-YYYYMMDD-HHMMSS).
 * A journal whose file changed since is never replayed: it is set aside and
 * the officer told.  The command line's write commands refuse a file with a
 * journal (ar_journal_refuse), naming it, rather than lose it.
 *
 * Record format (text, one journal a file):
 *     artrack journal 1
 *     base SIZE HASH
 *     step UNIXTIME [CHANGES]         (CHANGES: the officer's changes the step
 *                                     stands for, when not 1: a restart, a restore)
 *     meeting DATE LEN\n TITLE\n      (added or retitled; LEN -1: no title)
 *     tracker LEN\n YAML\n          (the tracker's own fields, once changed, and
 *                                     the meetings touched with their keys: a
 *                                     tracker with no items, as a save writes it)
 *     item ID POSITION LEN\n YAML\n  (its value now)
 *     gone ID
 *     nomeeting DATE
 *     end CHECKSUM                    (ar_hash64 of the record from "step")
 *
 * Ownership: an ar_journal is the caller's (ar_journal_free); it borrows
 * nothing.  Nothing here prints.
 */
#ifndef ARTRACK_JOURNAL_H
#define ARTRACK_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "artrack/error.h"
#include "artrack/tracker.h"
#include "artrack/undo.h"

struct ar_journal;

/* The journal's name for the tracker at path (path + ".journal"), malloc'd. */
char *ar_journal_path(const char *path);

/* A journal for the tracker at path whose bytes, as loaded, had this size
 * and ar_hash64 hash.  Nothing is written until the first step. */
struct ar_journal *ar_journal_new(const char *path, uint64_t size, uint64_t hash);

/* Close (the file stays: it holds unsaved edits) and free.  NULL is fine. */
void ar_journal_free(struct ar_journal *journal);

/* Write every step of edits to the journal from now on.  A write that
 * fails is kept for ar_journal_error (the UI says so; editing goes on). */
void ar_journal_follow(struct ar_journal *journal, struct ar_edits *edits);

/* The state after a step of the items (ids) and meetings it touched,
 * appended and flushed.  AR_EIO with err set when it cannot be written. */
enum ar_rc ar_journal_record(struct ar_journal *journal, const struct ar_tracker *tracker, const long *ids,
                             size_t id_count, const ar_date *meetings, size_t meeting_count, struct ar_error *err);

/* Wait until every record written is on disk (records are flushed by a
 * thread of the journal's own, so an edit does not wait for the disk). */
void ar_journal_sync(struct ar_journal *journal);

/* Whether the journal holds every step since the file was loaded or last
 * saved, on disk (it waits for the flush): true means the journal alone
 * keeps the unsaved edits.  False when no step was written, or one could
 * not be (even if later ones were), or a flush failed. */
bool ar_journal_holds_all(struct ar_journal *journal);

/* The last write error since the last call (NULL: none); clears it. */
const char *ar_journal_error(struct ar_journal *journal);

/* The file was saved (its bytes now have this size and hash): the journal
 * is removed, and the next step starts a new one against the saved file. */
void ar_journal_saved(struct ar_journal *journal, uint64_t size, uint64_t hash);

/* The file was read again (its bytes now have this size and hash) and
 * edits, on the tracker read, hold the officer's unsaved edits re-applied:
 * the journal starts afresh against it, with one step recording only what
 * edits changed since (items changed or added, items removed as gone,
 * meetings added or removed), not the whole tracker.  The new journal is
 * written beside the old one (FILE.journal.new) and renamed over it, so a
 * crash at any moment leaves one whole journal; it is flushed to disk as
 * every record is (by the journal's thread).  No unsaved edits: the
 * journal is removed.  AR_EIO with err set when it cannot be written (then
 * ar_journal_holds_all is false until the edits are saved or undone). */
enum ar_rc ar_journal_restart(struct ar_journal *journal, const struct ar_edits *edits, uint64_t size, uint64_t hash,
                              struct ar_error *err);

/* The officer's changes the journal holds now (0: none, or NULL). */
size_t ar_journal_changes(const struct ar_journal *journal);

/* The next step recorded (or ar_journal_restart's) stands for changes of
 * the officer's: the step that restores that many from a journal, the
 * re-applied edits a journal held before a reload; so the next start
 * counts them, not one. */
void ar_journal_counts_next(struct ar_journal *journal, size_t changes);

/* The officer discarded the edits: remove the journal. */
void ar_journal_discard(struct ar_journal *journal);

/* ---- at the next start ---- */

/* What a journal beside a file holds. */
struct ar_journal_found {
	size_t steps;            /* the officer's changes its whole steps hold (a
	                          * restart or a restore stands for all it carries) */
	int64_t time;            /* when the last one was made (Unix seconds) */
	bool matches;            /* it applies to the file's bytes as they are */
};

/* Under the file's lock, before looking for its journal: a restart killed
 * between writing FILE.journal.new and renaming it left the newer journal
 * there; put it in place when it is whole, else remove what is left. */
void ar_journal_recover(const char *path);

/* Whether path has a journal with at least one step; found describes it
 * (matches: against a file whose bytes have this size and hash). */
bool ar_journal_find(const char *path, uint64_t size, uint64_t hash, struct ar_journal_found *found);

/* Replay the journal of path onto edits (whose tracker was loaded from
 * path, matching the journal) as one step "restore N unsaved changes".
 * AR_OK: *steps (if not NULL) replayed.  AR_EDATA: err says what does not
 * fit (nothing is changed then). */
enum ar_rc ar_journal_replay(const char *path, struct ar_edits *edits, size_t *steps, struct ar_error *err);

/* Set the journal of path aside: renamed to path.journal-YYYYMMDD-HHMMSS
 * (UTC, the time of its last step); *aside (if not NULL) gets that name,
 * malloc'd. */
enum ar_rc ar_journal_set_aside(const char *path, char **aside, struct ar_error *err);

/* For write commands (holding the file's lock): AR_OK when path has no
 * journal (after ar_journal_recover); AR_EDATA with err "FILE has N unsaved
 * changes from TIME in FILE.journal; ..." when it does. */
enum ar_rc ar_journal_refuse(const char *path, struct ar_error *err);

/* "2026-12-01 08:20" (local time) for messages. */
void ar_journal_format_time(int64_t time, char *out, size_t size);

#endif
