/* merge.c - the three-way merge of merge.h.
 *
 * Values are shared, not copied: the result's items point at strings and
 * updates of all three trackers, which the result keeps alive.  Every
 * decision is "which side's value", so nothing here parses or formats.
 */
#include "config.h"

#include "artrack/merge.h"

#include "artrack/compare.h"
#include "artrack/conflict.h"
#include "artrack/hash.h"
#include "artrack/item_check.h"
#include "artrack/merge_layout.h"
#include "artrack/layout.h"
#include "artrack/yamlio.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Theirs' side of the conflicts: what the file says in their version. */
struct ar_merge_theirs {
	struct ar_tracker *theirs;       /* for top-level field values (kept by merged) */
	unsigned tracker_fields;         /* bit per row of ar_tracker_fields in conflict */
	bool tracker_extras;             /* top-level unknown keys in conflict */
	struct ar_extras extras;         /* ... and theirs' resolution of them */
	struct ar_meeting *meetings;     /* the meetings with theirs' values */
	size_t meeting_count;
	struct ar_item **items;          /* the items with theirs' values */
	size_t item_count;
};

struct merger {
	struct ar_tracker *base, *ours, *theirs;
	struct ar_merge *out;
	size_t conflict_capacity;
};

static void add_conflict(struct merger *M, long id, ar_date meeting, const char *field, bool deleted_by_ours)
{
	struct ar_merge *m = M->out;
	if (m->conflict_count == M->conflict_capacity) {
		M->conflict_capacity = M->conflict_capacity ? M->conflict_capacity * 2 : 16;
		m->conflicts = ar_xreallocarray(m->conflicts, M->conflict_capacity, sizeof *m->conflicts);
	}
	m->conflicts[m->conflict_count++] = (struct ar_merge_conflict){
		.id = id, .meeting = meeting, .field = field, .deleted_by_ours = deleted_by_ours};
}

/* ---- unknown keys, key by key ---- */

static const struct ar_node *extra_value(const struct ar_extras *x, const char *key)
{
	const struct ar_extra *e = ar_extras_find(x, key);
	return e ? e->value : NULL;
}

/* Merge unknown keys into *ours_out (ours' values where in conflict) and
 * *theirs_out (theirs' values there); returns the number of conflicts, each
 * recorded under the key's name. */
static size_t merge_extras(struct merger *M, long id, ar_date meeting, const struct ar_extras *b,
                           const struct ar_extras *o, const struct ar_extras *t, struct ar_extras *ours_out,
                           struct ar_extras *theirs_out)
{
	if (ar_extras_equal(o, t) || ar_extras_equal(b, t)) {
		*ours_out = *theirs_out = *o;
		return 0;
	}
	if (ar_extras_equal(b, o)) {
		*ours_out = *theirs_out = *t;
		return 0;
	}
	size_t cap = o->count + t->count, conflicts = 0;
	struct ar_extra *mine = ar_tracker_alloc(M->ours, (cap + 1) * sizeof *mine);
	struct ar_extra *yours = ar_tracker_alloc(M->ours, (cap + 1) * sizeof *yours);
	size_t n = 0, k = 0;
	/* ours' keys in ours' order, then the keys only theirs has */
	for (size_t pass = 0; pass < 2; pass++) {
		const struct ar_extras *from = pass ? t : o;
		for (size_t i = 0; i < from->count; i++) {
			const struct ar_extra *e = &from->items[i];
			if (pass && ar_extras_find(o, e->key))
				continue;
			const struct ar_node *vb = extra_value(b, e->key), *vo = extra_value(o, e->key),
			                     *vt = extra_value(t, e->key);
			const struct ar_extra *eo = ar_extras_find(o, e->key), *et = ar_extras_find(t, e->key);
			const struct ar_extra *win_o, *win_t;
			if (ar_node_equal(vo, vt) || ar_node_equal(vb, vt)) {
				win_o = win_t = eo;
			} else if (ar_node_equal(vb, vo)) {
				win_o = win_t = et;
			} else {
				win_o = eo;
				win_t = et;
				conflicts++;
				add_conflict(M, id, meeting, e->key, false);
			}
			if (win_o)
				mine[n++] = *win_o;
			if (win_t)
				yours[k++] = *win_t;
		}
	}
	*ours_out = (struct ar_extras){.items = mine, .count = n};
	*theirs_out = (struct ar_extras){.items = yours, .count = k};
	return conflicts;
}

/* ---- updates: a history merged like diff3 merges lines ---- */

static bool run_equal(const struct ar_update *a, size_t na, const struct ar_update *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!ar_update_equal(&a[i], &b[i]))
			return false;
	return true;
}

static void append_run(struct ar_update *list, size_t *n, const struct ar_update *run, size_t count)
{
	memcpy(list + *n, run, count * sizeof *run);
	*n += count;
}

/* Updates both sides added at one place: by date, ours first on the same
 * date (an undated one stays where its side put it); one added on both
 * sides alike is kept once. */
static void interleave(struct ar_update *list, size_t *n, const struct ar_update *o, size_t no,
                       const struct ar_update *t, size_t nt)
{
	size_t i = 0, j = 0;
	while (i < no || j < nt) {
		if (j < nt) {
			bool dup = false;
			for (size_t k = 0; k < no && !dup; k++)
				dup = ar_update_equal(&t[j], &o[k]);
			if (dup) {
				j++;
				continue;
			}
		}
		bool take_theirs = j < nt && (i == no || (t[j].date && o[i].date && t[j].date < o[i].date));
		list[(*n)++] = take_theirs ? t[j++] : o[i++];
	}
}

/* Merge the update lists of b, o and t into *ours_out / *theirs_out (the
 * same list unless some stretch was changed differently on both sides);
 * returns whether there was such a conflict. */
static bool merge_updates(struct merger *M, const struct ar_item *b, const struct ar_item *o,
                          const struct ar_item *t, struct ar_item *ours_out, struct ar_item *theirs_out)
{
	if (ar_updates_equal(o, t) || ar_updates_equal(b, t)) {
		theirs_out->updates = ours_out->updates = o->updates;
		theirs_out->update_count = ours_out->update_count = o->update_count;
		return false;
	}
	if (ar_updates_equal(b, o)) {
		theirs_out->updates = ours_out->updates = t->updates;
		theirs_out->update_count = ours_out->update_count = t->update_count;
		return false;
	}
	size_t nb = b->update_count, no = o->update_count, nt = t->update_count;
	long *mo = ar_xmalloc((nb + 1) * sizeof *mo), *mt = ar_xmalloc((nb + 1) * sizeof *mt);
	ar_updates_match(b->updates, nb, o->updates, no, mo);
	ar_updates_match(b->updates, nb, t->updates, nt, mt);
	struct ar_update *mine = ar_tracker_alloc(M->ours, (nb + no + nt + 1) * sizeof *mine);
	struct ar_update *yours = ar_tracker_alloc(M->ours, (nb + no + nt + 1) * sizeof *yours);
	size_t n = 0, k = 0, ib = 0, io = 0, it = 0;
	bool conflict = false;
	for (;;) {
		/* The next update of the base both sides still have unchanged. */
		size_t sync = ib;
		while (sync < nb && (mo[sync] < 0 || mt[sync] < 0))
			sync++;
		size_t oe = sync < nb ? (size_t)mo[sync] : no, te = sync < nb ? (size_t)mt[sync] : nt;
		const struct ar_update *B = b->updates + ib, *O = o->updates + io, *T = t->updates + it;
		size_t lb = sync - ib, lo = oe - io, lt = te - it;
		if (run_equal(O, lo, B, lb)) {
			append_run(mine, &n, T, lt);
			append_run(yours, &k, T, lt);
		} else if (run_equal(T, lt, B, lb) || run_equal(O, lo, T, lt)) {
			append_run(mine, &n, O, lo);
			append_run(yours, &k, O, lo);
		} else if (!lb) {
			interleave(mine, &n, O, lo, T, lt);
			interleave(yours, &k, O, lo, T, lt);
		} else {
			append_run(mine, &n, O, lo);
			append_run(yours, &k, T, lt);
			conflict = true;
		}
		if (sync == nb)
			break;
		mine[n++] = o->updates[oe];
		yours[k++] = o->updates[oe];
		ib = sync + 1;
		io = oe + 1;
		it = te + 1;
	}
	free(mo);
	free(mt);
	ours_out->updates = mine;
	ours_out->update_count = n;
	theirs_out->updates = yours;
	theirs_out->update_count = k;
	if (conflict)
		add_conflict(M, o->id, AR_DATE_NONE, "updates", false);
	return conflict;
}

/* ---- one item ---- */

static void count_fault(void *context, enum ar_item_key key, const char *message)
{
	(void)key;
	(void)message;
	(*(size_t *)context)++;
}

/* Theirs' value t of ours' item o, as ours' item: its bytes in ours' file
 * (its origin) are still where it stands, whatever theirs changed. */
static struct ar_item *item_in_ours(struct merger *M, const struct ar_item *o, const struct ar_item *t)
{
	struct ar_item *v = ar_item_clone(M->ours, t);
	v->origin_layout = o->origin_layout;
	v->origin = o->origin;
	return v;
}

/* Merge one item present in all three; *theirs_value gets theirs'
 * resolution when there is a conflict (NULL otherwise). */
static struct ar_item *merge_item(struct merger *M, const struct ar_item *b, struct ar_item *o, struct ar_item *t,
                                  struct ar_item **theirs_value)
{
	*theirs_value = NULL;
	if (ar_item_equal(o, t) || ar_item_equal(b, t))
		return o;
	if (ar_item_equal(b, o))
		return item_in_ours(M, o, t);
	size_t first = M->out->conflict_count;
	struct ar_item *v = ar_item_clone(M->ours, o), *w = ar_item_clone(M->ours, o);
	for (size_t f = 0; f < ar_item_field_count; f++) {
		const struct ar_item_field *field = &ar_item_fields[f];
		if (field->equal(o, t) || field->equal(b, t))
			continue;
		if (field->equal(b, o)) {
			field->take(v, t);
			field->take(w, t);
			continue;
		}
		field->take(w, t);
		add_conflict(M, o->id, AR_DATE_NONE, field->name, false);
	}
	merge_updates(M, b, o, t, v, w);
	merge_extras(M, o->id, AR_DATE_NONE, &b->extras, &o->extras, &t->extras, &v->extras, &w->extras);
	if (M->out->conflict_count == first) {
		/* Two sound changes can make an unsound item (theirs made it an
		 * action, ours gave it a response): then the sides conflict. */
		size_t faults = 0;
		ar_item_check(M->ours, v, v->id, 0, count_fault, &faults);
		if (!faults)
			return v;
		add_conflict(M, o->id, AR_DATE_NONE, "item", false);
		*theirs_value = t;
		return o;
	}
	*theirs_value = w;
	return v;
}

/* Merge one item (see merge.h). */
struct ar_item *ar_merge_item(struct ar_tracker *into, const struct ar_item *b, const struct ar_item *o,
                              const struct ar_item *t, const char **conflicts, size_t max, size_t *count)
{
	struct ar_merge scratch = {0};
	struct merger M = {.ours = into, .out = &scratch};
	struct ar_item *theirs_value;
	struct ar_item *v = merge_item(&M, b, (struct ar_item *)o, (struct ar_item *)t, &theirs_value);
	for (size_t i = 0; i < scratch.conflict_count && i < max; i++)
		conflicts[i] = scratch.conflicts[i].field;
	*count = scratch.conflict_count;
	free(scratch.conflicts);
	return v;
}

/* ---- order: ours' order, theirs' new entries after what preceded them ---- */

/* Theirs' entries to insert, grouped by anchor: the entry of ours that the
 * nearest preceding matched entry of theirs is (-1: before all).  Entry j of
 * theirs is inserted when insert[j]; matched[j] is its index in ours or -1.
 * Returns order[] (theirs' indexes by group) and fills start[0..n_ours+1]
 * (group a+1 is order[start[a+1]..start[a+2])). */
static size_t *group_by_anchor(const long *matched, const bool *insert, size_t n_theirs, size_t n_ours, size_t *start)
{
	memset(start, 0, (n_ours + 2) * sizeof *start);
	long anchor = -1;
	long *anchors = ar_xmalloc((n_theirs + 1) * sizeof *anchors);
	for (size_t j = 0; j < n_theirs; j++) {
		if (matched[j] >= 0)
			anchor = matched[j];
		anchors[j] = anchor;
		if (insert[j])
			start[anchor + 2]++;
	}
	for (size_t a = 1; a < n_ours + 2; a++)
		start[a] += start[a - 1];
	size_t *order = ar_xmalloc((start[n_ours + 1] + 1) * sizeof *order);
	size_t *fill = ar_xmalloc((n_ours + 2) * sizeof *fill);
	memcpy(fill, start, (n_ours + 2) * sizeof *fill);
	for (size_t j = 0; j < n_theirs; j++)
		if (insert[j])
			order[fill[anchors[j] + 1]++] = j;
	free(fill);
	free(anchors);
	return order;
}

/* What one list's merge does with each entry as the walk reaches it. */
struct order_ops {
	void (*take_theirs)(void *context, size_t j); /* theirs' entry j, inserted */
	void (*take_ours)(void *context, size_t i);   /* ours' entry i, matched or not */
};

/* Walk ours' n_ours entries in order, putting the entries of theirs to insert
 * (see group_by_anchor) before ours' first matched entry when they preceded
 * every matched one, else after ours' entry their nearest preceding matched
 * one is; o_match[i] is ours' entry i's index in theirs or -1.  Items and
 * meetings share this, so both lists keep one order rule. */
static void walk_in_order(const long *matched, const long *o_match, const bool *insert, size_t n_theirs,
                          size_t n_ours, const struct order_ops *ops, void *context)
{
	size_t *start = ar_xmalloc((n_ours + 2) * sizeof *start);
	size_t *order = group_by_anchor(matched, insert, n_theirs, n_ours, start);
	long pending = -1;
	for (size_t i = 0; i <= n_ours; i++) {
		if (i == n_ours || o_match[i] >= 0) {
			/* Theirs' entries that followed the last matched one. */
			for (size_t g = start[pending + 1]; g < start[pending + 2]; g++)
				ops->take_theirs(context, order[g]);
			pending = (long)i;
		}
		if (i < n_ours)
			ops->take_ours(context, i);
	}
	free(order);
	free(start);
}

struct item_lists {
	struct ar_item **merged, **theirs;
	size_t merged_count, theirs_count;
};

/* merge_items' state for walk_in_order's callbacks. */
struct item_walk {
	struct merger *M;
	struct item_lists *L;
	const long *o_match;
	const bool *only_theirs;     /* theirs j: deleted by ours, changed by theirs */
	struct ar_item **inserted;   /* theirs j: the item to insert */
};

static void take_theirs_item(void *context, size_t j)
{
	struct item_walk *w = context;
	if (!w->only_theirs[j])
		w->L->merged[w->L->merged_count++] = w->inserted[j];
	w->L->theirs[w->L->theirs_count++] = w->inserted[j];
}

static void take_ours_item(void *context, size_t i)
{
	struct item_walk *W = context;
	struct merger *M = W->M;
	struct item_lists *L = W->L;
	struct ar_tracker *B = M->base;
	struct ar_item *o = M->ours->items[i];
	long ib = ar_tracker_find_index(B, o->id);
	if (W->o_match[i] >= 0) {
		struct ar_item *t = M->theirs->items[W->o_match[i]], *w = NULL, *v = o;
		if (ib >= 0)
			v = merge_item(M, B->items[ib], o, t, &w);
		L->merged[L->merged_count++] = v;
		L->theirs[L->theirs_count++] = w ? w : v;
	} else if (ib >= 0) {
		/* Theirs deleted it: gone, unless ours changed it meanwhile. */
		if (!ar_item_equal(B->items[ib], o)) {
			add_conflict(M, o->id, AR_DATE_NONE, "item", false);
			L->merged[L->merged_count++] = o;
		}
	} else {
		L->merged[L->merged_count++] = o;
		L->theirs[L->theirs_count++] = o;
	}
}

/* The officer is told of each item theirs added under an id ours took. */
static void note_renumbered(struct ar_merge *out, long id, long new_id)
{
	ar_diags_add(&out->notes, 0, 0, "item %ld was added on both sides: ours keeps %ld, theirs is now %ld", id, id,
	             new_id);
}

/* The id theirs' first item added under an id ours took gets (see merge.h). */
long ar_merge_first_free_id(const struct ar_tracker *b, const struct ar_tracker *o, const struct ar_tracker *t)
{
	long id = ar_tracker_max_id(b);
	if (ar_tracker_max_id(o) > id)
		id = ar_tracker_max_id(o);
	if (ar_tracker_max_id(t) > id)
		id = ar_tracker_max_id(t);
	return id + 1;
}

static void merge_items(struct merger *M, struct item_lists *L)
{
	struct ar_tracker *B = M->base, *O = M->ours, *T = M->theirs;
	size_t no = O->item_count, nt = T->item_count;
	long next_id = ar_merge_first_free_id(B, O, T);

	long *matched = ar_xmalloc((nt + 1) * sizeof *matched);  /* theirs j -> ours index */
	long *o_match = ar_xmalloc((no + 1) * sizeof *o_match);  /* ours i -> theirs index */
	bool *insert = ar_xcalloc(nt + 1, sizeof *insert);
	bool *only_theirs = ar_xcalloc(nt + 1, sizeof *only_theirs); /* deleted by ours, changed by theirs */
	struct ar_item **inserted = ar_xcalloc(nt + 1, sizeof *inserted);
	for (size_t i = 0; i < no; i++)
		o_match[i] = -1;
	for (size_t j = 0; j < nt; j++) {
		struct ar_item *t = T->items[j];
		long io = ar_tracker_find_index(O, t->id), ib = ar_tracker_find_index(B, t->id);
		matched[j] = -1;
		if (io >= 0 && (ib >= 0 || ar_item_equal(O->items[io], t))) {
			matched[j] = io;
			o_match[io] = (long)j;
		} else if (io >= 0) {
			/* Added on both sides under one id: theirs takes the next free one. */
			struct ar_item *copy = ar_item_clone(O, t);
			copy->id = next_id++;
			note_renumbered(M->out, t->id, copy->id);
			insert[j] = true;
			inserted[j] = copy;
		} else if (ib >= 0) {
			if (!ar_item_equal(B->items[ib], t)) {
				add_conflict(M, t->id, AR_DATE_NONE, "item", true);
				insert[j] = only_theirs[j] = true;
				inserted[j] = t;
			}
		} else {
			insert[j] = true;
			inserted[j] = t;
		}
	}
	L->merged = ar_xmalloc((no + nt + 1) * sizeof *L->merged);
	L->theirs = ar_xmalloc((no + nt + 1) * sizeof *L->theirs);
	L->merged_count = L->theirs_count = 0;
	static const struct order_ops item_ops = {.take_theirs = take_theirs_item, .take_ours = take_ours_item};
	struct item_walk walk = {.M = M, .L = L, .o_match = o_match, .only_theirs = only_theirs, .inserted = inserted};
	walk_in_order(matched, o_match, insert, nt, no, &item_ops, &walk);
	free(inserted);
	free(only_theirs);
	free(insert);
	free(o_match);
	free(matched);
}

/* ---- meetings ---- */

static long find_meeting(const struct ar_tracker *t, ar_date date)
{
	const struct ar_meeting *m = ar_tracker_find_meeting(t, date);
	return m ? (long)(m - t->meetings) : -1;
}

static bool named_by(const struct item_lists *L, ar_date date)
{
	for (size_t i = 0; i < L->merged_count; i++)
		if (L->merged[i]->meeting == date)
			return true;
	for (size_t i = 0; i < L->theirs_count; i++)
		if (L->theirs[i]->meeting == date)
			return true;
	return false;
}

/* Merge one meeting both sides have into *mine / *yours. */
static void merge_meeting(struct merger *M, const struct ar_meeting *b, const struct ar_meeting *o,
                          const struct ar_meeting *t, struct ar_meeting *mine, struct ar_meeting *yours)
{
	static const struct ar_meeting none = {0};
	if (!b)
		b = &none;
	*mine = *yours = *o;
	if (!ar_str_equal(o->title, t->title) && !ar_str_equal(b->title, t->title)) {
		if (ar_str_equal(b->title, o->title)) {
			mine->title = yours->title = t->title;
		} else {
			yours->title = t->title;
			add_conflict(M, 0, o->date, "title", false);
		}
	}
	merge_extras(M, 0, o->date, &b->extras, &o->extras, &t->extras, &mine->extras, &yours->extras);
}

/* merge_meetings' state for walk_in_order's callbacks. */
struct meeting_walk {
	struct merger *M;
	const struct item_lists *L;
	const long *o_match;
	struct ar_meeting *mine, *yours; /* the merged lists, n long so far */
	size_t n;
};

static void take_theirs_meeting(void *context, size_t j)
{
	struct meeting_walk *w = context;
	w->mine[w->n] = w->yours[w->n] = w->M->theirs->meetings[j];
	w->n++;
}

static void take_ours_meeting(void *context, size_t i)
{
	struct meeting_walk *w = context;
	struct ar_tracker *B = w->M->base;
	const struct ar_meeting *o = &w->M->ours->meetings[i];
	long ib = find_meeting(B, o->date);
	if (w->o_match[i] >= 0) {
		merge_meeting(w->M, ib >= 0 ? &B->meetings[ib] : NULL, o, &w->M->theirs->meetings[w->o_match[i]],
		              &w->mine[w->n], &w->yours[w->n]);
		w->n++;
	} else if (ib < 0 || !ar_meeting_equal(&B->meetings[ib], o) || named_by(w->L, o->date)) {
		w->mine[w->n] = w->yours[w->n] = *o;
		w->n++;
	}
}

static void merge_meetings(struct merger *M, const struct item_lists *L, struct ar_merge_theirs *theirs)
{
	struct ar_tracker *B = M->base, *O = M->ours, *T = M->theirs;
	size_t no = O->meeting_count, nt = T->meeting_count;
	long *matched = ar_xmalloc((nt + 1) * sizeof *matched);
	long *o_match = ar_xmalloc((no + 1) * sizeof *o_match);
	bool *insert = ar_xcalloc(nt + 1, sizeof *insert);
	for (size_t i = 0; i < no; i++)
		o_match[i] = -1;
	for (size_t j = 0; j < nt; j++) {
		const struct ar_meeting *t = &T->meetings[j];
		long io = find_meeting(O, t->date), ib = find_meeting(B, t->date);
		matched[j] = io;
		if (io >= 0)
			o_match[io] = (long)j;
		/* Ours deleted it: gone, unless theirs changed it or an item names it. */
		else if (ib < 0 || !ar_meeting_equal(&B->meetings[ib], t) || named_by(L, t->date))
			insert[j] = true;
	}
	static const struct order_ops meeting_ops = {.take_theirs = take_theirs_meeting, .take_ours = take_ours_meeting};
	struct meeting_walk walk = {.M = M, .L = L, .o_match = o_match, .mine = ar_xcalloc(no + nt + 1, sizeof *walk.mine),
	                            .yours = ar_xcalloc(no + nt + 1, sizeof *walk.yours)};
	walk_in_order(matched, o_match, insert, nt, no, &meeting_ops, &walk);
	free(insert);
	free(o_match);
	free(matched);
	free(O->meetings);
	O->meetings = walk.mine;
	O->meeting_count = O->meeting_capacity = walk.n;
	theirs->meetings = walk.yours;
	theirs->meeting_count = walk.n;
}

/* ---- the tracker ---- */

static void merge_top(struct merger *M, struct ar_merge_theirs *theirs)
{
	struct ar_tracker *B = M->base, *O = M->ours, *T = M->theirs;
	for (size_t f = 0; f < ar_tracker_field_count; f++) {
		const struct ar_tracker_field *field = &ar_tracker_fields[f];
		if (field->equal(O, T) || field->equal(B, T))
			continue;
		if (field->equal(B, O)) {
			field->take(O, T);
			continue;
		}
		theirs->tracker_fields |= 1u << f;
		add_conflict(M, 0, AR_DATE_NONE, field->name, false);
	}
	struct ar_extras mine, yours;
	theirs->tracker_extras = merge_extras(M, 0, AR_DATE_NONE, &B->extras, &O->extras, &T->extras, &mine, &yours) > 0;
	O->extras = mine;
	theirs->extras = yours;
}

/* Merge theirs into ours (see merge.h). */
void ar_merge_trackers(struct ar_tracker *base, struct ar_tracker *ours, struct ar_tracker *theirs,
                       struct ar_merge *out)
{
	memset(out, 0, sizeof *out);
	struct ar_merge_carry carry;
	ar_merge_carry_layout(base, ours, theirs, &carry);
	if (carry.ours) {
		ar_tracker_free(ours);
		ours = carry.ours;
	}
	if (carry.theirs) {
		ar_tracker_free(theirs);
		theirs = carry.theirs;
	}
	for (size_t i = 0; i < carry.renumbered_count; i++)
		note_renumbered(out, carry.renumbered[2 * i], carry.renumbered[2 * i + 1]);
	free(carry.renumbered);
	struct merger M = {.base = base, .ours = ours, .theirs = theirs, .out = out};
	struct ar_merge_theirs *side = ar_xcalloc(1, sizeof *side);
	side->theirs = theirs;
	struct item_lists L;
	merge_items(&M, &L);
	merge_meetings(&M, &L, side);
	merge_top(&M, side);
	ar_tracker_take_items(ours, L.merged, L.merged_count);
	side->items = L.theirs;
	side->item_count = L.theirs_count;
	ar_tracker_keep(ours, base);
	ar_tracker_keep(ours, theirs);
	out->merged = ours;
	if (out->conflict_count) {
		out->theirs = side;
	} else {
		free(side->items);
		free(side->meetings);
		free(side);
	}
}

/* Release the result (see merge.h). */
void ar_merge_free(struct ar_merge *merge)
{
	if (merge->theirs) {
		free(merge->theirs->items);
		free(merge->theirs->meetings);
		free(merge->theirs);
	}
	ar_tracker_free(merge->merged);
	free(merge->conflicts);
	ar_diags_free(&merge->notes);
	memset(merge, 0, sizeof *merge);
}

/* ---- writing: the file both ways, markers where they differ ---- */

#define SYNC_LINES 4       /* equal lines that end a conflict (fewer only at the end) */
#define MAX_EDIT 65536     /* lines of difference searched before one hunk takes the rest */

struct lines {
	const char *text;
	size_t *start;     /* start[i]: offset of line i; start[count]: the end */
	uint64_t *hash;
	size_t count;
};

static void split_lines(const struct ar_buf *buf, struct lines *l)
{
	size_t n = 0;
	for (const char *p = buf->data, *end = buf->data + buf->len; p < end; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	l->text = buf->data;
	l->count = n;
	l->start = ar_xmalloc((n + 1) * sizeof *l->start);
	l->hash = ar_xmalloc((n + 1) * sizeof *l->hash);
	size_t i = 0;
	for (const char *p = buf->data, *end = buf->data + buf->len; p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		l->start[i] = (size_t)(p - buf->data);
		l->hash[i] = ar_hash64(AR_HASH_INIT, p, (size_t)(next - p));
		p = next;
	}
	l->start[n] = buf->len;
}

static bool line_eq(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	size_t la = a->start[i + 1] - a->start[i], lb = b->start[j + 1] - b->start[j];
	return a->hash[i] == b->hash[j] && la == lb && memcmp(a->text + a->start[i], b->text + b->start[j], la) == 0;
}

/* From a difference at (i, j), the nearest point (by Myers' edit distance)
 * where SYNC_LINES equal lines start again, or where both end together. */
static void resync(const struct lines *a, size_t i, const struct lines *b, size_t j, size_t *x_out, size_t *y_out)
{
	long n = (long)(a->count - i), m = (long)(b->count - j);
	long dmax = n + m < MAX_EDIT ? n + m : MAX_EDIT;
	long off = dmax + 1;
	long *v = ar_xcalloc((size_t)(2 * dmax + 3), sizeof *v);
	for (long d = 0; d <= dmax; d++) {
		for (long k = -d; k <= d; k += 2) {
			long x = k == -d || (k != d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
			long y = x - k;
			if (x <= n && y <= m && (d > 0 || (x == n && y == m))) {
				long r = 0;
				while (x + r < n && y + r < m && r < SYNC_LINES && line_eq(a, i + (size_t)(x + r), b, j + (size_t)(y + r)))
					r++;
				if (r >= SYNC_LINES || (x + r == n && y + r == m)) {
					*x_out = i + (size_t)x;
					*y_out = j + (size_t)y;
					free(v);
					return;
				}
				x += r;
			}
			v[off + k] = x;
		}
	}
	free(v);
	*x_out = a->count;
	*y_out = b->count;
}

static void add_lines(struct ar_buf *out, const struct lines *l, size_t from, size_t to)
{
	ar_buf_add(out, l->text + l->start[from], l->start[to] - l->start[from]);
}

/* a with every stretch where it differs from b as a conflict. */
static void write_conflicts(struct ar_buf *out, const struct ar_buf *ours, const struct ar_buf *theirs,
                            const struct ar_conflict_markers *markers)
{
	struct lines a, b;
	split_lines(ours, &a);
	split_lines(theirs, &b);
	size_t i = 0, j = 0;
	while (i < a.count || j < b.count) {
		size_t from = i;
		while (i < a.count && j < b.count && line_eq(&a, i, &b, j))
			i++, j++;
		add_lines(out, &a, from, i);
		if (i == a.count && j == b.count)
			break;
		size_t x, y;
		resync(&a, i, &b, j, &x, &y);
		ar_conflict_marker(out, '<', markers);
		add_lines(out, &a, i, x);
		ar_conflict_marker(out, '=', markers);
		add_lines(out, &b, j, y);
		ar_conflict_marker(out, '>', markers);
		i = x;
		j = y;
	}
	free(a.start);
	free(a.hash);
	free(b.start);
	free(b.hash);
}

/* The merged file, with conflicts marked (see merge.h). */
enum ar_rc ar_merge_write(const struct ar_merge *merge, const struct ar_conflict_markers *markers,
                          struct ar_buf *out, struct ar_error *err)
{
	struct ar_tracker *t = merge->merged;
	struct ar_merge_theirs *side = merge->theirs;
	if (!side)
		return ar_save_buffer(t, out, err);
	struct ar_buf ours = {0}, theirs = {0};
	enum ar_rc rc = ar_save_buffer(t, &ours, err);
	/* Theirs' version is the result with theirs' values put in for the
	 * time of one save (the saver reads the arrays, nothing else). */
	struct ar_item **items = t->items;
	size_t item_count = t->item_count;
	struct ar_meeting *meetings = t->meetings;
	size_t meeting_count = t->meeting_count;
	struct ar_extras extras = t->extras;
	struct ar_tracker *scratch = ar_tracker_new();
	t->items = side->items;
	t->item_count = side->item_count;
	t->meetings = side->meetings;
	t->meeting_count = side->meeting_count;
	if (side->tracker_extras)
		t->extras = side->extras;
	for (size_t f = 0; f < ar_tracker_field_count; f++)
		if (side->tracker_fields & (1u << f)) {
			ar_tracker_fields[f].take(scratch, t);
			ar_tracker_fields[f].take(t, side->theirs);
		}
	if (rc == AR_OK)
		rc = ar_save_buffer(t, &theirs, err);
	for (size_t f = 0; f < ar_tracker_field_count; f++)
		if (side->tracker_fields & (1u << f))
			ar_tracker_fields[f].take(t, scratch);
	t->items = items;
	t->item_count = item_count;
	t->meetings = meetings;
	t->meeting_count = meeting_count;
	t->extras = extras;
	ar_tracker_free(scratch);
	if (rc == AR_OK && ar_layout_cr_breaks(t->layout)) {
		/* a lone-CR file's conflicts are marked line by line, in LF lines
		 * (the markers are read so); the saves gave CRs for the LFs */
		for (size_t i = 0; i < ours.len; i++)
			ours.data[i] = ours.data[i] == '\r' ? '\n' : ours.data[i];
		for (size_t i = 0; i < theirs.len; i++)
			theirs.data[i] = theirs.data[i] == '\r' ? '\n' : theirs.data[i];
	}
	if (rc == AR_OK)
		write_conflicts(out, &ours, &theirs, markers);
	ar_buf_free(&ours);
	ar_buf_free(&theirs);
	return rc;
}

/* ---- telling the officer ---- */

static const struct ar_item *find_in(struct ar_item *const *items, size_t count, long id)
{
	for (size_t i = 0; i < count; i++)
		if (items[i]->id == id)
			return items[i];
	return NULL;
}

/* One line about a conflict (see merge.h). */
void ar_merge_describe(const struct ar_merge *merge, const struct ar_merge_conflict *c, struct ar_buf *out)
{
	char d[AR_DATE_TEXT_MAX];
	if (c->id && strcmp(c->field, "item") == 0) {
		ar_buf_addf(out, "item %ld: %s", c->id,
		            c->deleted_by_ours ? "ours deleted it, theirs changed it"
		            : merge->theirs && !find_in(merge->theirs->items, merge->theirs->item_count, c->id)
		                ? "theirs deleted it, ours changed it"
		                : "the two sides' changes do not fit together");
		return;
	}
	if (c->id)
		ar_buf_addf(out, "item %ld: ", c->id);
	else if (c->meeting)
		ar_buf_addf(out, "meeting %s: ", ar_date_format(c->meeting, d));
	ar_buf_addf(out, "%s changed on both sides", c->field);
	if (!c->id || !merge->theirs)
		return;
	const struct ar_item *o = ar_tracker_find_item(merge->merged, c->id);
	const struct ar_item *t = find_in(merge->theirs->items, merge->theirs->item_count, c->id);
	for (size_t f = 0; o && t && f < ar_item_field_count; f++) {
		const struct ar_item_field *field = &ar_item_fields[f];
		if (strcmp(field->name, c->field) != 0 || field->long_text)
			continue;
		struct ar_buf a = {0}, b = {0};
		ar_buf_adds(&a, "");
		ar_buf_adds(&b, "");
		field->show(&a, o);
		field->show(&b, t);
		if (a.len < 60 && b.len < 60 && !strchr(a.data, '\n') && !strchr(b.data, '\n'))
			ar_buf_addf(out, " (ours %s, theirs %s)", a.len ? a.data : "(none)", b.len ? b.data : "(none)");
		ar_buf_free(&a);
		ar_buf_free(&b);
	}
}
