/* undo_internal.h - what undo.c (steps, undo, the edits of items) and
 * undo_merge.c (the tracker's own fields and meetings, re-applying after a
 * reload) share: the edit log's structures and the one way to record a
 * change.  Private to src/core. */
#ifndef ARTRACK_UNDO_INTERNAL_H
#define ARTRACK_UNDO_INTERNAL_H

#include "artrack/undo.h"

enum change_kind {
	CHANGE_REPLACE, CHANGE_INSERT, CHANGE_REMOVE, CHANGE_ADD_MEETING, CHANGE_REMOVE_MEETING,
	CHANGE_MEETING,             /* a meeting's title or unknown keys */
	CHANGE_HEAD,                /* the tracker's own fields and unknown top-level keys */
};

/* The tracker's own fields (ar_tracker_fields) and unknown top-level keys:
 * one value, so a step can swap it back. */
struct head {
	const char *committee, *title;
	ar_date as_of;
	int response_days;
	struct ar_extras extras;
};

struct change {
	enum change_kind kind;
	struct ar_item *before;     /* REPLACE: the old value; REMOVE: the item removed */
	struct ar_item *after;      /* REPLACE: the new value; INSERT: the item inserted */
	size_t position;            /* INSERT, REMOVE, ADD_MEETING, REMOVE_MEETING */
	struct ar_meeting meeting;  /* ADD_MEETING, REMOVE_MEETING, MEETING's old value (strings in
	                             * the tracker's arena) */
	struct ar_meeting meeting_after; /* MEETING: the new value */
	const struct head *head_before, *head_after; /* HEAD */
};

struct step {
	struct change *changes;
	size_t count;
	size_t capacity;
	char *label;
	long id;                    /* an item the step changed, for the UI to select */
};

struct ar_edits {
	struct ar_tracker *tracker;
	struct step *steps;         /* [0, applied) done, [applied, count) redoable */
	size_t count;
	size_t applied;
	size_t capacity;
	long saved;                 /* applied when last saved; -1: that state is gone */
	int depth;                  /* ar_edits_begin nesting */
	struct step open;           /* the step being built */
	struct ar_item **base;      /* the items as last saved, for ar_edits_reapply */
	size_t base_count;
	struct head base_head;      /* the tracker's own fields as last saved */
	struct ar_meeting *base_meetings; /* the meetings as last saved */
	size_t base_meeting_count;
	ar_edits_observer observer; /* told of every step, undo and redo */
	void *observer_ctx;
	ar_date today;              /* for the dates decisions bring, or AR_DATE_NONE */
};

/* Do change c now and record it in the open step. */
void edits_record(struct ar_edits *e, struct change c);

/* Record the replacement of the item at pos by value as one step, unless
 * nothing changes. */
void edits_replace_step(struct ar_edits *e, long pos, struct ar_item *value, const char *label);

/* A deep copy of unknown keys into t's arena. */
struct ar_extras edits_extras_copy(struct ar_tracker *t, const struct ar_extras *e);

#endif
