/* edit_actions.c - the editing actions of the terminal UI: where issue 5
 * plugs in.
 *
 * ui.c dispatches e, a, E, u, Ctrl-R, w and Ctrl-S here (never when the
 * file is open read-only: ui.c refuses AR_AF_CHANGES / AR_AF_WRITES actions
 * first), calls ui_edit_open() once the file is loaded and before the
 * terminal is taken, ui_edit_close() at the end, ui_unsaved_changes() for
 * the status line and ui_may_quit() on q.
 *
 * What each hook is to do (see include/artrack/edit.h, filesafe.h, lock.h):
 *   ui_edit_open      take the lock (lock.h); held by another: read-only with
 *                     a message naming the holder; create the ar_edits.
 *   ui_edit_field     editor_current_field() says which field; line editor or
 *                     pick list; ar_edits_set_field / ar_edits_set_leads.
 *   ui_add_update     term_suspend(); $VISUAL/$EDITOR on a template;
 *                     term_resume(); ar_edits_add_update dated ui->today.
 *   ui_edit_yaml      ar_item_to_yaml, the editor, ar_item_from_yaml,
 *                     ar_edits_replace_item; on errors offer to edit again.
 *   ui_undo/ui_redo   ar_edits_undo/redo, then ui_select_item(ui, id).
 *   ui_save           the outside-change check, atomic save, mark saved.
 *   ui_may_quit       ask save / discard / stay when ui_unsaved_changes().
 * The panes rebuild themselves from the tracker's generation, so a hook only
 * changes the tracker and sets a message.  Questions and typed values (the
 * field's line editor, a pick list, "save, discard or stay?") are input
 * modes (struct input_mode in ui_internal.h, as the filter line is): set
 * ui->input and the keys and the bottom row are theirs until it is NULL.
 * The external editor runs between term_suspend() and term_resume().
 *
 * Until then every editing action says so on the status line and changes
 * nothing.
 */
#include "config.h"

#include "ui_internal.h"

static void not_yet(struct ui *ui, enum ar_action action)
{
	ui_message(ui, AR_ROLE_ERROR, "%s: editing is not available yet in this version of artrack",
	           ar_action_infos[action].name);
}

void ui_edit_open(struct ui *ui)
{
	ui->edit = NULL;
}

void ui_edit_close(struct ui *ui)
{
	ui->edit = NULL;
}

void ui_edit_field(struct ui *ui)
{
	not_yet(ui, AR_ACTION_EDIT_FIELD);
}

void ui_add_update(struct ui *ui)
{
	not_yet(ui, AR_ACTION_ADD_UPDATE);
}

void ui_edit_yaml(struct ui *ui)
{
	not_yet(ui, AR_ACTION_EDIT_YAML);
}

void ui_undo(struct ui *ui)
{
	not_yet(ui, AR_ACTION_UNDO);
}

void ui_redo(struct ui *ui)
{
	not_yet(ui, AR_ACTION_REDO);
}

void ui_save(struct ui *ui)
{
	not_yet(ui, AR_ACTION_SAVE);
}

bool ui_unsaved_changes(const struct ui *ui)
{
	return false;
}

bool ui_may_quit(struct ui *ui)
{
	return true;
}
