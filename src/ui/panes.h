/* panes.h - the panes, one file each, as ops tables (state.h's struct
 * pane_ops): what the main loop puts in ui->panes.  A pane takes the actions
 * meant for it in its ops->handle, before the main loop sees them; what it
 * alone needs it keeps in pane->data.  Panes call the edit modules
 * (edits.h) and the shared state, never the main loop or one another.
 */
#ifndef ARTRACK_UI_PANES_H
#define ARTRACK_UI_PANES_H

#include "state.h"

extern const struct pane_ops meetings_pane_ops;   /* meetings_pane.c */
extern const struct pane_ops items_pane_ops;      /* items_pane.c */
extern const struct pane_ops history_pane_ops;    /* history_pane.c */
extern const struct pane_ops editor_pane_ops;     /* editor_pane.c */
extern const struct pane_ops stats_pane_ops;      /* stats_pane.c */
extern const struct pane_ops help_pane_ops;       /* help_pane.c */

#endif
