/* cli_internal.h - what the command files (cli.c, cli_merge.c) share:
 * exit statuses, reporting and output.  Private to the program.
 */
#ifndef ARTRACK_CLI_INTERNAL_H
#define ARTRACK_CLI_INTERNAL_H

#include "artrack/alloc.h"
#include "artrack/tracker.h"
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

/* Write bytes to path (atomically) or to stdout when path is NULL or "-". */
int emit(const char *path, const struct ar_buf *buf);

/* The commands of cli_merge.c. */
int cmd_diff(int argc, char **argv);

#endif
