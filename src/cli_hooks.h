/* cli_hooks.h - where the command line meets modules still being built
 * (temporary: each of these becomes a direct call as its module lands). */
#ifndef ARTRACK_CLI_HOOKS_H
#define ARTRACK_CLI_HOOKS_H

#include <stdbool.h>

#include "artrack/alloc.h"
#include "artrack/date.h"
#include "artrack/error.h"
#include "artrack/tracker.h"
#include "artrack/yamlio.h"

struct ar_cli_ui_options {
	const char *path;
	bool read_only;
	bool bundled;
	ar_date today;
};

int ar_cli_run_ui(const struct ar_cli_ui_options *options);
enum ar_rc ar_cli_write_tracker_file(const char *path, const struct ar_tracker *tracker,
                                     const struct ar_load_info *info, struct ar_error *err);
enum ar_rc ar_cli_write_bytes_file(const char *path, const char *data, size_t len, struct ar_error *err);
enum ar_rc ar_cli_import(const char *text, size_t len, struct ar_buf *yaml, struct ar_diags *warnings,
                         struct ar_error *err);

#endif
