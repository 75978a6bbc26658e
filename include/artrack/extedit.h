/* extedit.h - long text in the user's own editor ($VISUAL, $EDITOR).
 *
 * Two uses, both through a temporary file that lives as long as an
 * ar_extedit_session:
 *
 * - Adding an update (key a): a template with an empty first part and a
 *   commented note naming the item, as `git commit` does.  Lines starting
 *   with '#' are removed, trailing spaces dropped, blank lines around the
 *   text trimmed; empty text cancels.
 *
 * - Editing a whole item as YAML (key E): the item as the saver writes it,
 *   parsed and validated on return.  When it is not valid the caller shows
 *   the problems and offers to edit again - the file then gets the problems
 *   as '#' lines at its top, above the user's text exactly as they left it -
 *   or to discard.  Nothing the user typed is ever dropped silently.
 *
 * Leading '#' lines are artrack's notes, never the user's text: they are set
 * aside before the text is used, and line numbers in problems count them,
 * so they match what the user sees in the editor.
 *
 * The editor runs without a shell: the command ($VISUAL, else $EDITOR, else
 * `editor` when on PATH, else `vi`) is split into words honouring 'single
 * quotes', "double quotes" and backslashes, and the file name is added as
 * the last argument.  No variables, globs or ~ are expanded.
 *
 * The terminal is the caller's: ar_extedit_run() does not touch it.  The
 * UI calls def_prog_mode() + endwin() before and refresh() after (and
 * redraws).  While the editor runs, SIGINT and SIGQUIT are ignored by
 * artrack (the editor gets them, as with git) and SIGCHLD is default; the
 * editor starts with default signal handling and nothing blocked.
 *
 * UI flow for E (a is the same with ar_update_edit_start/_result):
 *
 *     struct ar_extedit_session s;
 *     ar_item_edit_start(&s, tracker, item, &err);
 *     for (;;) {
 *         endwin();  rc = ar_extedit_session_run(&s, command, &err);  refresh();
 *         if (rc != AR_OK) { show err.message; ask edit again / discard; ... }
 *         rc = ar_item_edit_result(&s, tracker, item->id, &value, &diags);
 *         if (rc == AR_OK && !value) break;                       cancelled
 *         if (rc == AR_OK && ar_edits_replace_item(...) == AR_OK) break;
 *         show diags (or the replace error, added to diags with line 0);
 *         if the user says discard: break;
 *         ar_extedit_session_retry(&s, &diags, &err);               then loop
 *     }
 *     ar_extedit_session_close(&s);
 *
 * Ownership: an ar_extedit_session owns its file (removed by
 * ar_extedit_session_close) and its text.  Strings returned through char **
 * are malloc'd for the caller.  Items come back in the tracker's arena.
 */
#ifndef ARTRACK_EXTEDIT_H
#define ARTRACK_EXTEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "artrack/alloc.h"
#include "artrack/date.h"
#include "artrack/error.h"
#include "artrack/tracker.h"

/* The editor command to use, malloc'd: $VISUAL, else $EDITOR (each when set
 * and not empty), else "editor" if it is on PATH, else "vi". */
char *ar_extedit_command(void);

/* Split command into words as described at the top.  AR_OK: *argv is a
 * NULL-terminated malloc'd array (free with ar_argv_free), *argc its length
 * (which may be 0).  AR_EUSAGE: an unterminated quote or a trailing
 * backslash (err says which). */
enum ar_rc ar_command_split(const char *command, char ***argv, size_t *argc, struct ar_error *err);

/* Free an array from ar_command_split (NULL is fine). */
void ar_argv_free(char **argv);

/* Run command with file as its last argument and wait for it.  AR_OK: it
 * exited with status 0.  AR_EUSAGE: the command is empty or cannot be
 * split.  AR_EIO: it could not be started, exited with another status or was
 * killed (err says which, naming the editor). */
enum ar_rc ar_extedit_run(const char *command, const char *file, struct ar_error *err);

/* A temporary file being edited. */
struct ar_extedit_session {
	char *path;          /* the file, in $TMPDIR (or /tmp), mode 0600 */
	struct ar_buf text;  /* what the file held after the last run */
	int header_lines;    /* the leading '#' lines of text (artrack's notes) */
	bool notes_below;    /* plain text: the notes stand below AR_EXTEDIT_CUT_LINE */
	bool spaced;         /* an item: a blank line stands between the notes and
	                        the item, so that a '#' line it starts with is not
	                        taken for a note */
	char *shown;         /* an item: the item's text as first shown (malloc'd) */
	char *notes;         /* an item: the extra '#' lines it was opened with, shown
	                        again on a retry (malloc'd), or NULL */
};

/* Create the file (name "artrack-" + name + random + suffix, e.g. ".yaml"
 * so editors colour it) holding text[0..len).  When text holds the cut line
 * the session is plain text, whose notes (problems too) go below that line
 * and never above.  AR_EIO on failure. */
enum ar_rc ar_extedit_session_open(struct ar_extedit_session *s, const char *name, const char *suffix,
                                const char *text, size_t len, struct ar_error *err);

/* Run the editor (command; NULL: ar_extedit_command()) on the file, then
 * read it back into s->text.  Errors as ar_extedit_run, and AR_EIO if the
 * file cannot be read back. */
enum ar_rc ar_extedit_session_run(struct ar_extedit_session *s, const char *command, struct ar_error *err);

/* The text after the leading '#' lines: what the user wrote. */
const char *ar_extedit_session_body(const struct ar_extedit_session *s, size_t *len);

/* Prepare to edit again: rewrite the file as the problems (with their line
 * numbers moved to where those lines now are), as '#' lines, then the
 * user's text exactly as it was.  problems are as the *_result functions
 * give them (lines of the file as last edited; 0: no line). */
enum ar_rc ar_extedit_session_retry(struct ar_extedit_session *s, const struct ar_diags *problems,
                                 struct ar_error *err);

/* Remove the file and free everything (safe on a zeroed or closed session). */
void ar_extedit_session_close(struct ar_extedit_session *s);

/* ---- plain text in the editor: the text, then a cut line, then notes ---- */

/* The line (as git's scissors) below which a text file's notes stand.
 * Everything from it on is ignored and nothing above it is, so an
 * officer's own line starting with '#' ("#1 priority") is never lost. */
#define AR_EXTEDIT_CUT_LINE "# ------------------------ >8 ------------------------"

/* Append the cut line, a line saying what it is, then each line of notes
 * ('\n'-separated) as a '#' line. */
void ar_extedit_add_notes(struct ar_buf *out, const char *notes);

/* How many bytes of text[0..len) come before its cut line (len if none). */
size_t ar_extedit_text_length(const char *text, size_t len);

/* ---- an update (key a) ---- */

/* The template: an empty line for the text, the trailer lines "Date:
 * DATE", "By: NAME" and "Label: " (read back by ar_update_parse), then the
 * cut line and notes saying which item the update is for (and that it goes
 * to others more: the tagged items) and how to cancel. */
void ar_update_template(const struct ar_item *item, size_t others, ar_date date, const char *by, struct ar_buf *out);

/* The update text in text[0..len): everything from the cut line on and the
 * trailer lines (below) removed,
 * CRLF made LF, trailing spaces and tabs removed from each line, blank lines
 * at the start and end removed.  AR_OK: *out is the text, or NULL when none
 * is left (cancel).  AR_EDATA: it is not valid UTF-8; diags says where
 * (line and column of the file) and *out is NULL. */
enum ar_rc ar_update_text(const char *text, size_t len, char **out, struct ar_diags *diags);

/* What the trailer lines (the last paragraph of the text, when each of its
 * lines is "Date:", "By:" or "Label:", in any case) say; *_given: the line
 * was there (an empty value then means none).  by and label are malloc'd. */
struct ar_update_fields {
	bool date_given, by_given, label_given;
	ar_date date;
	char *by;
	char *label;
};

void ar_update_fields_free(struct ar_update_fields *fields);

/* ar_update_text that also reads the trailer lines into fields (NULL: they
 * are only cut off).  A Date: that is not a date is AR_EDATA with its line
 * and column in diags. */
enum ar_rc ar_update_parse(const char *text, size_t len, char **out, struct ar_update_fields *fields,
                           struct ar_diags *diags);

/* Open a session holding the template for an update to item. */
enum ar_rc ar_update_edit_start(struct ar_extedit_session *s, const struct ar_item *item, size_t others, ar_date date,
                                const char *by, struct ar_error *err);

/* ar_update_parse of what the user left in the session's file. */
enum ar_rc ar_update_edit_result(const struct ar_extedit_session *s, char **out, struct ar_update_fields *fields,
                                 struct ar_diags *diags);

/* The whole update round in one call, for callers that need no retry:
 * template, editor, text.  AR_OK: *out the text or NULL (cancelled). */
enum ar_rc ar_compose_update(const char *command, const struct ar_item *item, ar_date date, const char *by,
                             char **out, struct ar_error *err);

/* ---- a whole item as YAML (key E) ---- */

/* Open a session holding a note and the item as YAML with its comments
 * and the lines before it, as the file has them (ar_item_to_yaml_kept). */
enum ar_rc ar_item_edit_start(struct ar_extedit_session *s, const struct ar_tracker *tracker,
                              const struct ar_item *item, struct ar_error *err);

/* ar_item_edit_start with notes ('\n'-separated lines, such as the other
 * side of a merge conflict) as more '#' lines at the top: shown, and
 * dropped with the rest of them when read back. */
enum ar_rc ar_item_edit_start_noted(struct ar_extedit_session *s, const struct ar_tracker *tracker,
                                    const struct ar_item *item, const char *notes, struct ar_error *err);

/* Parse what the user left (ar_item_from_yaml in tracker, as a replacement
 * of the item with id replacing_id).  AR_OK: *out is the new value, or NULL
 * when the text is empty (cancel); its lines (ar_item_lines_new) are what
 * the user left, comments and all, or the replaced item's when the text is
 * as shown.  AR_EDATA: the problems are in diags, with line numbers of the
 * file as the user saw it. */
enum ar_rc ar_item_edit_result(const struct ar_extedit_session *s, struct ar_tracker *tracker, long replacing_id,
                               struct ar_item **out, struct ar_diags *diags);

#endif
