/* journal_restore.c - unsaved edits kept in FILE.journal while editing, and
 * offered back at the next start (journal.h).
 *
 *   journal_open       after the lock: follow the undo log into the journal;
 *                      a journal left by a session that was killed: "N
 *                      unsaved changes from TIME; restore them? (y/n)" (y
 *                      replays them as one undoable step, n sets them aside
 *                      under a name with their time); one for an earlier
 *                      version of the file is set aside and the officer told.
 *   journal_saved      after a save (or save as): the journal goes.
 *   journal_discarded  q, d: the journal goes with the edits.
 *   journal_rebased    after a reload: a new journal against the file read,
 *                      holding the re-applied edits (what differs from it).
 *   journal_keeps_edits  at an end without the officer's word: whether the
 *                      journal alone keeps the unsaved edits (no FILE.unsaved).
 *
 * The question gets this module's state as its context.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/journal.h"
#include "edits.h"
#include "modes.h"

struct journal_restore {
	struct ar_journal *journal;
	const char *journal_path_for; /* ui->path the journal belongs to */
	size_t steps;                 /* of the journal found at the start */
	char when[40];
};

static void follow(struct ui *ui, struct journal_restore *jr, uint64_t size, uint64_t hash)
{
	ar_journal_free(jr->journal);
	jr->journal = ar_journal_new(ui->path, size, hash);
	jr->journal_path_for = ui->path;
	ar_journal_follow(jr->journal, ui->edits);
}

static void noted(struct ui *ui, void *ctx, int key)
{
	(void)ui, (void)ctx, (void)key;
}

/* Set the journal aside and say so.  asked: the officer said n, and the
 * name goes first on one line (a long reason may run past its end); else
 * they must learn why: the reason on the status line, and the new name on
 * the row below until Enter (at 80 columns one line cannot hold both). */
static void set_aside(struct ui *ui, const char *why, bool asked)
{
	char *aside = NULL;
	struct ar_error err;
	if (ar_journal_set_aside(ui->path, &aside, &err) != AR_OK) {
		ui_message(ui, AR_ROLE_ERROR, "%s", err.message);
		return;
	}
	const char *slash = strrchr(aside, '/');
	const char *name = slash ? slash + 1 : aside;
	if (asked) {
		ui_message(ui, AR_ROLE_STATUS, "Set aside as %s: %s", name, why);
	} else {
		char notice[AR_ERROR_MESSAGE_MAX];
		snprintf(notice, sizeof notice, "Set aside as %s; Enter goes on", name);
		ui_message(ui, AR_ROLE_ERROR, "%s", why);
		ui_ask(ui, notice, "\r", true, noted, NULL);
	}
	free(aside);
}

static void restore_answer(struct ui *ui, void *ctx, int key)
{
	struct journal_restore *jr = ctx;
	char why[AR_ERROR_MESSAGE_MAX + 100];
	if (key != 'y') {
		snprintf(why, sizeof why, "%zu unsaved change%s from %s not restored", jr->steps,
		         jr->steps == 1 ? "" : "s", jr->when);
		set_aside(ui, why, true);
		return;
	}
	size_t steps = 0;
	struct ar_error err;
	/* the restore is one step: the journal counts it as the changes it holds */
	ar_journal_counts_next(jr->journal, jr->steps);
	if (ar_journal_replay(ui->path, ui->edits, &steps, &err) != AR_OK) {
		ar_journal_counts_next(jr->journal, 0);
		snprintf(why, sizeof why, "Not restored: %s", err.message);
		set_aside(ui, why, false);
		return;
	}
	ui_message(ui, AR_ROLE_STATUS, "Restored %zu unsaved change%s (u undoes, w saves)", steps, steps == 1 ? "" : "s");
}

void journal_open(struct ui *ui)
{
	if (ui->read_only)
		return;
	struct journal_restore *jr = ar_xcalloc(1, sizeof *jr);
	ui->journal = jr;
	struct ar_journal_found found;
	ar_journal_recover(ui->path);
	bool left = ar_journal_find(ui->path, ui->load_info.size, ui->load_info.hash, &found);
	follow(ui, jr, ui->load_info.size, ui->load_info.hash);
	if (!left)
		return;
	jr->steps = found.steps;
	ar_journal_format_time(found.time, jr->when, sizeof jr->when);
	if (!found.matches) {
		char why[AR_ERROR_MESSAGE_MAX];
		snprintf(why, sizeof why, "Not restored: %s changed after the %zu unsaved change%s of %s",
		         ui->file_name, found.steps, found.steps == 1 ? "" : "s", jr->when);
		set_aside(ui, why, false);
		return;
	}
	char question[160];
	snprintf(question, sizeof question, "%zu unsaved change%s from %s; restore them? (y/n)", found.steps,
	         found.steps == 1 ? "" : "s", jr->when);
	ui_message(ui, AR_ROLE_STATUS, "artrack ended before these edits of %s were saved", ui->file_name);
	ui_ask(ui, question, "yn", false, restore_answer, jr);
}

void journal_saved(struct ui *ui, uint64_t size, uint64_t hash)
{
	struct journal_restore *jr = ui->journal;
	if (!jr || !jr->journal)
		return;
	if (jr->journal_path_for == ui->path) {
		ar_journal_saved(jr->journal, size, hash);
	} else {
		/* saved as another file: the edits are safe, go on beside it */
		ar_journal_discard(jr->journal);
		follow(ui, jr, size, hash);
	}
}

void journal_discarded(struct ui *ui)
{
	if (ui->journal)
		ar_journal_discard(ui->journal->journal);
}

void journal_rebased(struct ui *ui, uint64_t size, uint64_t hash)
{
	struct journal_restore *jr = ui->journal;
	if (!jr)
		return;
	/* the re-applied edits, as what differs from the file just read, and
	 * as many changes of the officer's as the journal held */
	size_t held = ar_journal_changes(jr->journal);
	follow(ui, jr, size, hash);
	ar_journal_counts_next(jr->journal, held);
	struct ar_error err;
	if (ar_journal_restart(jr->journal, ui->edits, size, hash, &err) != AR_OK)
		ui_message(ui, AR_ROLE_ERROR, "%s", err.message);
}

bool journal_keeps_edits(struct ui *ui)
{
	struct journal_restore *jr = ui->journal;
	return jr && jr->journal_path_for == ui->path && ar_journal_holds_all(jr->journal);
}

const char *journal_error(struct ui *ui)
{
	return ui->journal ? ar_journal_error(ui->journal->journal) : NULL;
}

void journal_close(struct ui *ui)
{
	struct journal_restore *jr = ui->journal;
	if (!jr)
		return;
	ar_journal_free(jr->journal);
	free(jr);
	ui->journal = NULL;
}
