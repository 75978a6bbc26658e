/* edits.h - what the editing keys do, in three modules under the panes and
 * the main loop, over the prompts (modes.h) and the shared state:
 *
 *   field_edits.c     e and the lead keys in the Editor pane (short text and
 *                     dates on the bottom row, enumerations from a pick list,
 *                     the leads, an update's parts), and u / Ctrl-R.
 *   extedit_rounds.c  a, E and long text in $VISUAL / $EDITOR (extedit.h):
 *                     a round, its validation and the retry on problems.
 *   save_reload.c     the file: its lock when opening, w / Ctrl-S, save as,
 *                     reload after an outside change, q's question, the
 *                     rescue of unsaved changes when the program is ended.
 *
 * Every change is one step of ui->edits (undo.h), so u undoes it whole;
 * the panes rebuild themselves from the tracker's generation.  None of these
 * is called for an AR_AF_CHANGES or AR_AF_WRITES action while the file is
 * open read-only: the main loop refuses those first.
 *
 * Ownership: each module owns its state behind its pointer in struct ui
 * (made on first use), released by its *_free().
 */
#ifndef ARTRACK_UI_EDITS_H
#define ARTRACK_UI_EDITS_H

#include "state.h"

/* ---- field_edits.c ---- */

/* Which field of which item an edit is about, from the Editor pane, which
 * is also where the cursor goes back to afterwards. */
struct field_target {
	long item_id;
	int field;            /* enum ar_item_key, AR_LINE_FIELD_EXTRA or AR_LINE_FIELD_NONE */
	int index;            /* a lead or an update; -1: none */
	int anchor_x, anchor_y;  /* where a pick list opens */
	struct pane *pane;    /* whose cursor follows the edited field */
};

/* e: edit the field at->field (and at->index) of item. */
void field_edit(struct ui *ui, const struct ar_item *item, const struct field_target *at);

/* +: add a lead after the one at at->index (elsewhere: at the end). */
void field_add_lead(struct ui *ui, const struct ar_item *item, const struct field_target *at);

/* - and Delete: remove the lead at at->index. */
void field_remove_lead(struct ui *ui, const struct ar_item *item, const struct field_target *at);

/* K and J: move the lead at at->index up (-1) or down (1). */
void field_move_lead(struct ui *ui, const struct ar_item *item, const struct field_target *at, int direction);

/* e and the lead keys when the Editor pane did not take them (it is not
 * focused, or the list is empty): say what to do, or open the pane. */
void field_edit_elsewhere(struct ui *ui, enum ar_action action);

/* u and Ctrl-R: undo or redo one step, selecting the item it touched. */
void field_undo(struct ui *ui, bool redo);

void field_edits_free(struct ui *ui);

/* ---- extedit_rounds.c ---- */

/* a: add an update to the selected item, or to every tagged item as one
 * step; its Date:, By: and Label: lines (today, the default author) are
 * read back. */
void round_add_update(struct ui *ui);

/* A (copy false): a new item for the selected meeting, as YAML with the
 * next free id; C (copy true): one that starts as the selected item (its
 * meeting, kind and leads).  Validated as E is; added at the end. */
void round_new_item(struct ui *ui, bool copy);

/* E: edit the selected item as YAML, validated; on problems the officer
 * edits again (the problems as '#' lines on top) or discards. */
void round_edit_item(struct ui *ui);

/* The same, then over(ui, ctx) once the round is over: the item changed
 * or left as it was, the edit discarded, or no editor to run. */
typedef void (*round_over_fn)(struct ui *ui, void *ctx);
void round_edit_item_then(struct ui *ui, round_over_fn over, void *ctx);
/* round_edit_item_then with notes ('\n'-separated lines) as '#' lines at
 * the top of the file, dropped when read back (a conflict's other side). */
void round_edit_item_noted(struct ui *ui, const char *notes, round_over_fn over, void *ctx);

/* What a long-text round gives back: the text, never empty. */
typedef void (*round_text_fn)(struct ui *ui, void *ctx, const char *text);

/* Edit text (NULL: empty) of item item_id in the editor, in a file named
 * for name, with note (a sentence saying what it is) below a cut line;
 * done(ui, ctx, text) runs with what the officer left, unless it is empty. */
void round_edit_text(struct ui *ui, long item_id, const char *name, const char *note, const char *text,
                     round_text_fn done, void *ctx);

void rounds_free(struct ui *ui);

/* ---- triage.c ---- */

/* t: tag or untag the selected item, then move to the next. */
void triage_tag(struct ui *ui);

/* T: tag every item shown; when all are tagged, untag every item. */
void triage_tag_all(struct ui *ui);

/* c: which field (s r d l g m), then its value, on the targets as one step. */
void triage_change(struct ui *ui);

/* D: delete the selected item after asking; from the Meetings pane, the
 * selected meeting when no item names it. */
void triage_delete(struct ui *ui);

/* M: a new meeting's date, then its title, on the bottom row. */
void triage_add_meeting(struct ui *ui);

/* What the meeting pick list gives: a meeting's date, AR_DATE_NONE for no
 * meeting, or -1 when cancelled. */
typedef void (*meeting_chosen_fn)(struct ui *ui, void *ctx, ar_date date);

/* Choose one of the meetings (or none) in a pick list at x, y, starting on
 * current; its last choice, "new meeting...", runs M's prompts and gives
 * the meeting added.  No meeting is ever made any other way. */
void triage_pick_meeting(struct ui *ui, ar_date current, int x, int y, meeting_chosen_fn chosen, void *ctx);

void triage_free(struct ui *ui);

/* ---- journal_restore.c ---- */

/* After save_open (not read-only): keep every step in FILE.journal; a
 * journal a killed session left is offered back (y/n) or set aside. */
void journal_open(struct ui *ui);

/* The file was saved (as ui->path, whose bytes now have size and hash). */
void journal_saved(struct ui *ui, uint64_t size, uint64_t hash);

/* The officer quit discarding the edits. */
void journal_discarded(struct ui *ui);

/* The tracker was reloaded from a file with size and hash, edits re-applied. */
void journal_rebased(struct ui *ui, uint64_t size, uint64_t hash);

/* Whether FILE.journal holds every unsaved edit, on disk (waits for the
 * flush), so the next start offers them all back. */
bool journal_keeps_edits(struct ui *ui);

/* A journal write that failed since the last call (NULL: none). */
const char *journal_error(struct ui *ui);

/* Before the UI ends (the journal file stays if edits are unsaved). */
void journal_close(struct ui *ui);

/* ---- save_reload.c ---- */

/* After the file is loaded, before the terminal is taken: the undo log,
 * the lock (held by another artrack: read-only, saying who has it) and the
 * file's identity as loaded. */
void save_open(struct ui *ui);

/* Before the UI ends: unlock, free the undo log and this module's state. */
void save_close(struct ui *ui);

/* The file did not exist (ui->file_missing): ask whether to create it as
 * an empty tracker, or quit (exit status 1). */
void save_offer_create(struct ui *ui);

/* w and Ctrl-S. */
void save_file(struct ui *ui);

/* q: true to quit now; false to stay (it may have asked). */
bool save_may_quit(struct ui *ui);

/* The program is ending without being asked (input ended, a signal): keep
 * unsaved changes beside the file and say where on stderr -- in the journal
 * when it holds them all (the next start offers them), else FILE.unsaved.
 * Called after the terminal is given back. */
void save_rescue(struct ui *ui);

/* ---- conflicts.c: a file with git's conflict markers ---- */

/* When path holds conflict markers and both sides load: open ours' side as
 * the tracker (theirs kept for the choices) and return true.  A side that
 * does not load adds its problems to why, at their lines in the file. */
bool conflicts_open(struct ui *ui, struct ar_diags *why);

/* Once no other question is open (the journal's may come first): find the
 * places the sides differ and ask about the first.  Called on every turn
 * of the main loop; does it once. */
void conflicts_start(struct ui *ui);

/* Whether a save must wait for conflicts still unresolved (asking the next). */
bool conflicts_block_save(struct ui *ui);

void conflicts_free(struct ui *ui);

#endif
