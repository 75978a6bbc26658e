/* cli_internal.h - what the command files (cli.c, cli_merge.c, cli_write.c)
 * share: exit statuses, reporting, output, loading, query views and the
 * guarded rewrite.  Private to the program.
 */
#ifndef ARTRACK_CLI_INTERNAL_H
#define ARTRACK_CLI_INTERNAL_H

#include <stdbool.h>

#include "artrack/alloc.h"
#include "artrack/date.h"
#include "artrack/tracker.h"
#include "artrack/view.h"
#include "artrack/yamlio.h"

enum { EXIT_DATA = 1, EXIT_USAGE = 2 };

/* Print "artrack: MESSAGE" and the --help hint to stderr; returns EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Flush stdout and turn a failed write (full disk, closed pipe) into status 1. */
int finish_output(int status);

/* Write buf to standard output; 0 or the exit status of a failed write. */
int write_stdout(const struct ar_buf *buf);

/* Load path, printing every problem as FILE:LINE:COLUMN: error: ...;
 * returns 0 or the exit status.  info may be NULL. */
int load_tracker(const char *path, struct ar_tracker **tracker, struct ar_load_info *info);

/* Print the problems of a load of path (and release them) as load_tracker
 * does; returns 0 or the exit status. */
int report_load(const char *path, enum ar_rc rc, struct ar_diags *diags);

/* Write bytes to path (atomically) or to stdout when path is NULL or "-". */
int emit(const char *path, const struct ar_buf *buf);

/* A --today value (YYYY-MM-DD). */
bool parse_today(const char *text, ar_date *today);

/* A view of tracker filtered by the query words argv[0..argc) and sorted;
 * NULL after printing why on a bad query. */
struct ar_view *make_view(const struct ar_tracker *tracker, ar_date today, const char *sort, int argc, char **argv);

/* Read a whole file (or stdin for "-") into out. */
bool read_all(const char *path, struct ar_buf *out);

/* Take path's lock to write over it: 0 with *lock held (ar_lock_release
 * it after the write), or EXIT_DATA after saying why, *lock NULL: another
 * artrack has it open ("FILE is in use by ...; OUTCOME"), a stopped one's
 * unsaved edits wait in its journal (naming it), or the lock cannot be made. */
struct ar_lock;
int lock_to_write(const char *path, const char *outcome, struct ar_lock **lock);

/* Save tracker over path (loaded with info; NULL: path must not exist yet)
 * under its lock, never over a file that changed since nor while a stopped
 * artrack's unsaved edits wait in its journal: 0, or EXIT_DATA after saying
 * why ("FILE is in use by ...; OUTCOME").  canonical: the whole file in
 * canonical layout (fmt); else only what changed is rewritten. */
int rewrite_tracker(const char *path, const struct ar_tracker *tracker, const struct ar_load_info *info,
                    const char *outcome, bool canonical);

/* The commands of cli_merge.c. */
int cmd_merge(int argc, char **argv);
int cmd_diff(int argc, char **argv);

/* The write commands (cli_write.c). */
int cmd_new(int argc, char **argv);
int cmd_add_meeting(int argc, char **argv);
int cmd_add_item(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_add_update(int argc, char **argv);
int cmd_rm(int argc, char **argv);

#endif
