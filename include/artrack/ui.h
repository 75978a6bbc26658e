/* ui.h - the terminal UI: Meetings, Items, History and Editor panes over
 * one tracker file, filtered as you type (spec section 5).
 *
 * The UI loads the file itself (a file that does not load is reported on
 * stderr as FILE:LINE:COLUMN: error: MESSAGE, as `artrack check` does,
 * before the terminal is touched), runs until the officer quits, and always
 * gives the terminal back as it found it: on quitting, on SIGTERM, SIGHUP
 * or SIGINT, at the end of input, and when memory runs out.
 *
 * Ownership: the options are borrowed for the call.
 */
#ifndef ARTRACK_UI_H
#define ARTRACK_UI_H

#include <stdbool.h>

#include "artrack/date.h"

struct ar_ui_options {
	const char *path;     /* the tracker file */
	bool read_only;       /* no edits and no way to write the file */
	bool bundled;         /* the bundled example (shown as such; read-only) */
	ar_date today;        /* for overdue items and new updates' dates */
	bool take_lock;       /* take the file's lock even from a running artrack */
};

/* Run the UI on options->path; returns the process exit status (0 after
 * quitting, 1 when the file cannot be loaded or the terminal cannot be
 * used). */
int ar_ui_run(const struct ar_ui_options *options);

#endif
