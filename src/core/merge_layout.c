/* merge_layout.c - ours' bytes with theirs' comments and new parts put in,
 * before the values are merged (see merge_layout.h).
 *
 * One walk over ours' file, part by part in its order (head, top-level keys,
 * the elements of meetings and items, tail), copying ours' bytes and, where
 * theirs brings something ours' bytes do not have, the bytes of theirs or a
 * three-way merge of the two.  Parts are matched as the value merge matches
 * them: top-level keys by key, meetings by date, items by id, an item's keys
 * by name, its updates through the value merge's own result.  Whether theirs
 * brings a comment is a scan for '#' (one too many only costs a read).
 */
#include "config.h"

#include "artrack/merge_layout.h"

#include "artrack/compare.h"
#include "artrack/layout.h"
#include "artrack/merge.h"
#include "artrack/yamlio.h"
#include "layout_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One side's file. */
struct side {
	const char *s;
	size_t len;
	const struct ar_layout *L;
};

/* What is written so far: out, then ours' bytes [run_from, run_to), not
 * copied until something else follows (so a merge that carries nothing
 * copies nothing). */
struct written {
	size_t out_len;
	size_t run_from, run_to;
	bool changed;                 /* out differs from ours' bytes so far */
};

struct splice {
	struct side b, o, t;
	struct ar_buf out;
	struct written w;
	struct ar_tracker *scratch;   /* the values ar_merge_item makes */
	long *new_ids;                /* theirs' items put in, checked after the read */
	size_t new_id_count, new_id_cap;
	ar_date *new_dates;           /* ... and meetings */
	size_t new_date_count, new_date_cap;
	long *renumber;               /* theirs' item j: the id it gets (added under ours' id), or 0 */
	size_t renumber_count;
	struct ar_buf theirs_out;     /* theirs with those ids, when there are any */
	bool failed;                  /* a part could not be written: carry nothing */
	size_t near[3];               /* base, ours, theirs: where the last item found was, + 1 */
};

/* ---- bytes and lines ---- */

static bool same(const struct side *x, size_t xf, size_t xt, const struct side *y, size_t yf, size_t yt)
{
	return xt - xf == yt - yf && memcmp(x->s + xf, y->s + yf, xt - xf) == 0;
}

static bool same_span(const struct side *x, const struct lay_span *a, const struct side *y, const struct lay_span *b)
{
	return same(x, a->lead, a->end, y, b->lead, b->end);
}

static void flush_run(struct splice *S)
{
	ar_buf_add(&S->out, S->o.s + S->w.run_from, S->w.run_to - S->w.run_from);
	S->w.run_from = S->w.run_to;
}

/* Bytes other than ours' in their place. */
static void emit(struct splice *S, const char *bytes, size_t len)
{
	if (!len)
		return;
	flush_run(S);
	S->w.changed = true;
	ar_buf_add(&S->out, bytes, len);
}

static void put(struct splice *S, const struct side *x, size_t from, size_t to)
{
	if (x != &S->o) {
		emit(S, x->s + from, to - from);
	} else if (from < to) {
		if (from != S->w.run_to) {
			flush_run(S);
			S->w.changed = true;
			S->w.run_from = from;
		}
		S->w.run_to = to;
	}
}

/* Where the writing stands, to go back to when a part cannot be written. */
static struct written mark_written(struct splice *S)
{
	S->w.out_len = S->out.len;
	return S->w;
}

static void back_to(struct splice *S, struct written mark)
{
	S->w = mark;
	S->out.len = mark.out_len;
}

static bool blank_line(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

/* The line x[p, e) moved by delta columns (spaces added or taken off the
 * front; a blank line stays as it is). */
static void put_line_shifted(struct splice *S, const struct side *x, size_t p, size_t e, int delta)
{
	if (delta && !blank_line(x->s, p, e)) {
		for (int k = 0; k < delta; k++)
			emit(S, " ", 1);
		for (int k = 0; k < -delta && p < e && x->s[p] == ' '; k++)
			p++;
	}
	put(S, x, p, e);
}

/* x[from, to), every line but (when skip_first) the first moved by delta
 * columns: theirs' part at ours' indentation. */
static void put_shifted(struct splice *S, const struct side *x, size_t from, size_t to, int delta, bool skip_first)
{
	for (size_t p = from; p < to;) {
		size_t e = lay_line_end(x->s, to, p);
		put_line_shifted(S, x, p, e, p == from && skip_first ? 0 : delta);
		p = e;
	}
}

/* Whether the lines x[p, e) and y[q, f) say the same, their indentation
 * and line ends aside. */
static bool same_line(const char *x, size_t p, size_t e, const char *y, size_t q, size_t f)
{
	while (p < e && (x[p] == ' ' || x[p] == '\t'))
		p++;
	while (e > p && (x[e - 1] == '\n' || x[e - 1] == '\r' || x[e - 1] == ' '))
		e--;
	while (q < f && (y[q] == ' ' || y[q] == '\t'))
		q++;
	while (f > q && (y[f - 1] == '\n' || y[f - 1] == '\r' || y[f - 1] == ' '))
		f--;
	return f - q == e - p && memcmp(x + p, y + q, e - p) == 0;
}

/* Whether the line s[p, e) is a line of x[from, to) (see same_line). */
static bool has_line(const struct side *x, size_t from, size_t to, const char *s, size_t p, size_t e)
{
	for (size_t q = from; q < to;) {
		size_t qe = lay_line_end(x->s, to, q);
		if (same_line(x->s, q, qe, s, p, e))
			return true;
		q = qe;
	}
	return false;
}

/* A line of theirs' lead: whether only theirs has it, and the line before
 * it that base and ours have too (its anchor), or SIZE_MAX. */
struct lead_line {
	size_t p, e;
	bool added, put;
	size_t anchor;
};

/* Theirs' added lines whose anchor says what ours' line o[p, e) says (none:
 * p == SIZE_MAX), or every one not yet put (all), moved by delta columns. */
static void put_theirs_after(struct splice *S, struct lead_line *t, size_t n, size_t p, size_t e, bool all, int delta)
{
	for (size_t i = 0; i < n; i++) {
		if (!t[i].added || t[i].put)
			continue;
		size_t a = t[i].anchor;
		if (all || (a == SIZE_MAX ? p == SIZE_MAX
		                          : p != SIZE_MAX && same_line(S->t.s, t[a].p, t[a].e, S->o.s, p, e))) {
			put_line_shifted(S, &S->t, t[i].p, t[i].e, delta);
			t[i].put = true;
		}
	}
}

/* A part's lead (its comment and blank lines) merged three ways: one side's
 * change is taken; when both changed it, ours' lines less those theirs
 * deleted, and each line theirs added after the line it followed there
 * that ours kept too, once ours' own lines at that place are out (those
 * before any such line before ours' first; theirs' moved by delta
 * columns). */
static void merge_lead(struct splice *S, size_t bf, size_t bt, size_t of, size_t ot, size_t tf, size_t tt, int delta)
{
	const struct side *B = &S->b, *O = &S->o, *T = &S->t;
	if (same(O, of, ot, T, tf, tt) || same(T, tf, tt, B, bf, bt)) {
		put(S, O, of, ot);
		return;
	}
	if (same(O, of, ot, B, bf, bt)) {
		put_shifted(S, T, tf, tt, delta, false);
		return;
	}
	size_t n = 0;
	for (size_t p = tf; p < tt; p = lay_line_end(T->s, tt, p))
		n++;
	struct lead_line *t = ar_xcalloc(n + 1, sizeof *t);
	size_t anchor = SIZE_MAX;
	n = 0;
	for (size_t p = tf; p < tt; n++) {
		size_t e = lay_line_end(T->s, tt, p);
		bool blank = blank_line(T->s, p, e), in_base = !blank && has_line(B, bf, bt, T->s, p, e);
		bool in_ours = !blank && has_line(O, of, ot, T->s, p, e);
		t[n] = (struct lead_line){ .p = p, .e = e, .added = !blank && !in_base && !in_ours, .anchor = anchor };
		if (in_base && in_ours)
			anchor = n;
		p = e;
	}
	size_t at = SIZE_MAX, at_e = 0; /* ours' last line that base and theirs have too */
	for (size_t p = of; p < ot;) {
		size_t e = lay_line_end(O->s, ot, p);
		bool kept_base = !blank_line(O->s, p, e) && has_line(B, bf, bt, O->s, p, e);
		if (kept_base && !has_line(T, tf, tt, O->s, p, e)) {
			p = e; /* theirs deleted it */
			continue;
		}
		if (kept_base) {
			put_theirs_after(S, t, n, at, at_e, false, delta);
			at = p;
			at_e = e;
		}
		put(S, O, p, e);
		p = e;
	}
	put_theirs_after(S, t, n, at, at_e, false, delta);
	put_theirs_after(S, t, n, 0, 0, true, delta);
	free(t);
}

/* ---- comments ---- */

/* The next '#' in s[p, to) that may open a comment (at a line start or
 * after a space), or to. */
static size_t next_mark(const char *s, size_t from, size_t p, size_t to)
{
	for (; p < to; p++)
		if (s[p] == '#' && (p == from || s[p - 1] == ' ' || s[p - 1] == '\t' || s[p - 1] == '\n'))
			return p;
	return to;
}

/* The end of the comment at c (its line's end, less the line break). */
static size_t comment_end(const char *s, size_t c, size_t to)
{
	size_t e = lay_line_end(s, to, c);
	while (e > c && (s[e - 1] == '\n' || s[e - 1] == '\r'))
		e--;
	return e;
}

/* Whether x[xf, xt) and y[yf, yt) hold other comments (a cheap scan that
 * may also see a '#' inside a quoted value: then both usually do). */
static bool comments_differ(const struct side *x, size_t xf, size_t xt, const struct side *y, size_t yf, size_t yt)
{
	size_t p = next_mark(x->s, xf, xf, xt), q = next_mark(y->s, yf, yf, yt);
	while (p < xt && q < yt) {
		size_t pe = comment_end(x->s, p, xt), qe = comment_end(y->s, q, yt);
		if (!same(x, p, pe, y, q, qe))
			return true;
		p = next_mark(x->s, xf, pe, xt);
		q = next_mark(y->s, yf, qe, yt);
	}
	return p < xt || q < yt;
}

/* Whether the comment text s[c, ce) is one the tree finds in x[from, to). */
static bool tree_has_comment(const struct side *x, const struct lay_tree *tree, size_t from, size_t to, const char *s,
                             size_t c, size_t ce)
{
	for (size_t k = lay_comment_in(tree, from, to); k != SIZE_MAX; k = lay_comment_in(tree, k + 1, to))
		if (same(x, k, comment_end(x->s, k, to), &(struct side){.s = s}, c, ce))
			return true;
	return false;
}

/* One side of a part read again: its bytes and the tree they gave. */
struct read_part {
	const struct side *x;
	const struct lay_tree *tree;
	const struct lay_node *node;
};

/* The comments the losing side added inside its value (neither the base, if
 * it has the part, nor the winner has them), each on a line of its own at
 * ours' column. */
static void put_lost_comments(struct splice *S, struct read_part lost, struct read_part base, struct read_part won,
                              size_t ours_body)
{
	const struct lay_span *ls = &lost.node->span, *ws = &won.node->span;
	size_t line_end = lay_line_end(S->o.s, S->o.len, ours_body);
	bool crlf = line_end >= 2 && S->o.s[line_end - 2] == '\r';
	for (size_t c = lay_comment_in(lost.tree, ls->key, ls->end); c != SIZE_MAX;
	     c = lay_comment_in(lost.tree, c + 1, ls->end)) {
		size_t ce = comment_end(lost.x->s, c, ls->end);
		if ((base.node && tree_has_comment(base.x, base.tree, base.node->span.key, base.node->span.end, lost.x->s, c,
		                                   ce)) ||
		    tree_has_comment(won.x, won.tree, ws->key, ws->end, lost.x->s, c, ce))
			continue;
		size_t p = ours_body;
		while (S->o.s[p] == ' ')
			p++;
		put(S, &S->o, ours_body, p);
		emit(S, lost.x->s + c, ce - c);
		emit(S, crlf ? "\r\n" : "\n", crlf ? 2 : 1);
	}
}

/* ---- keys and updates of a part both sides changed ---- */

/* The three trees of one element, and its item's values (NULL: a meeting). */
struct element3 {
	struct lay_tree b, o, t;
	const struct ar_item *ib, *io, *it;
	const struct ar_item *merged;   /* ar_merge_item of the three */
	bool comments_only;             /* ours' values, theirs' comments added */
};

static const struct lay_node *child_named(const struct lay_node *n, const char *name)
{
	for (size_t i = 0; name && i < n->child_count; i++)
		if (n->children[i].name && strcmp(n->children[i].name, name) == 0)
			return &n->children[i];
	return NULL;
}

static void put_key(struct splice *S, struct element3 *E, const struct lay_node *kb, const struct lay_node *ko,
                    const struct lay_node *kt, bool first, int delta);

/* The merged update's index in list, by the strings it shares with it (the
 * merge copies updates, never their text), or -1. */
static long update_from(const struct ar_update *list, size_t n, const struct ar_update *u)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].text == u->text && list[i].by == u->by && list[i].date == u->date)
			return (long)i;
	return -1;
}

/* The update of theirs that is u, added on both sides alike (one the base
 * does not have: no mt[] names it), or -1. */
static long added_alike(const struct ar_update *u, const struct ar_update *theirs, size_t nt, const long *mt, size_t nb)
{
	for (size_t y = 0; y < nt; y++) {
		bool in_base = false;
		for (size_t i = 0; i < nb && !in_base; i++)
			in_base = mt[i] == (long)y;
		if (!in_base && ar_update_equal(u, &theirs[y]))
			return (long)y;
	}
	return -1;
}

/* The updates key of an item both sides changed, in the merged order: each
 * update as the bytes of the side it came from (comments merged where both
 * still have it).  false (nothing written) when the bytes and the values do
 * not line up. */
static bool put_updates(struct splice *S, struct element3 *E, const struct lay_node *kb, const struct lay_node *ko,
                        const struct lay_node *kt)
{
	const struct ar_item *b = E->ib, *o = E->io, *t = E->it, *v = E->merged;
	size_t nb = b->update_count, no = o->update_count, nt = t->update_count;
	if (!v || kb->child_count != nb || ko->child_count != no || kt->child_count != nt || !no || !nt)
		return false;
	long *from = ar_xmalloc((v->update_count + 1) * 2 * sizeof *from);
	bool ok = true;
	for (size_t k = 0; k < v->update_count && ok; k++) {
		from[2 * k] = update_from(o->updates, no, &v->updates[k]);
		from[2 * k + 1] = from[2 * k] < 0 ? update_from(t->updates, nt, &v->updates[k]) : -1;
		ok = from[2 * k] >= 0 || from[2 * k + 1] >= 0;
	}
	if (ok) {
		long *mo = ar_xmalloc((nb + 1) * sizeof *mo), *mt = ar_xmalloc((nb + 1) * sizeof *mt);
		ar_updates_match(b->updates, nb, o->updates, no, mo);
		ar_updates_match(b->updates, nb, t->updates, nt, mt);
		const struct lay_node *o0 = &ko->children[0], *t0 = &kt->children[0];
		int delta = (int)(o0->span.key - o0->span.body) - (int)(t0->span.key - t0->span.body);
		put(S, &S->o, ko->span.body, o0->span.lead);
		for (size_t k = 0; k < v->update_count; k++) {
			/* the update as the base, ours and theirs have it, when all do */
			long x = from[2 * k], y = from[2 * k + 1], ib = -1;
			for (size_t i = 0; i < nb && ib < 0; i++)
				if (x >= 0 ? mo[i] == x && mt[i] >= 0 : mt[i] == y && mo[i] >= 0)
					ib = (long)i;
			if (ib >= 0)
				put_key(S, E, &kb->children[ib], &ko->children[mo[ib]], &kt->children[mt[ib]], false, delta);
			else if (x >= 0 && (y = added_alike(o->updates + x, t->updates, nt, mt, nb)) >= 0)
				put_key(S, E, NULL, &ko->children[x], &kt->children[y], false, delta);
			else if (x >= 0)
				put(S, &S->o, ko->children[x].span.lead, ko->children[x].span.end);
			else
				put_shifted(S, &S->t, kt->children[y].span.lead, kt->children[y].span.end, delta, false);
		}
		free(mo);
		free(mt);
	}
	free(from);
	return ok;
}

/* One key (or update) ours has: the lead merged, then the bytes of the side
 * whose value wins (ours where both changed it, with the comments theirs
 * added inside it before it).  first: the part's first line, which ours'
 * "- " indicator starts (no lead of its own). */
static void put_key(struct splice *S, struct element3 *E, const struct lay_node *kb, const struct lay_node *ko,
                    const struct lay_node *kt, bool first, int delta)
{
	const struct side *B = &S->b, *O = &S->o, *T = &S->t;
	if (!first) {
		if (kt) /* added on both sides: against no lead at all */
			merge_lead(S, kb ? kb->span.lead : 0, kb ? kb->span.body : 0, ko->span.lead, ko->span.body, kt->span.lead,
			           kt->span.body, delta);
		else
			put(S, O, ko->span.lead, ko->span.body);
	}
	bool theirs = false;
	if (kt && E && (!kb || E->comments_only) && !same(O, ko->span.key, ko->span.end, T, kt->span.key, kt->span.end)) {
		put_lost_comments(S, (struct read_part){T, &E->t, kt}, (struct read_part){B, kb ? &E->b : NULL, kb},
		                  (struct read_part){O, &E->o, ko}, ko->span.body);
		kb = NULL; /* ours' bytes */
	}
	if (kb && kt && !same(O, ko->span.key, ko->span.end, T, kt->span.key, kt->span.end)) {
		struct read_part pb = {B, E ? &E->b : NULL, kb}, po = {O, E ? &E->o : NULL, ko}, pt = {T, E ? &E->t : NULL, kt};
		if (same(O, ko->span.key, ko->span.end, B, kb->span.key, kb->span.end)) {
			theirs = true;
		} else if (same(T, kt->span.key, kt->span.end, B, kb->span.key, kb->span.end)) {
			/* ours' change */
		} else if (E && E->ib && ko->name && strcmp(ko->name, "updates") == 0 && kb->block_value &&
		           ko->block_value && kt->block_value && put_updates(S, E, kb, ko, kt)) {
			return;
		} else if (E && same(O, ko->value, ko->value_end, B, kb->value, kb->value_end)) {
			/* ours changed only its comments, theirs the value */
			theirs = true;
			put_lost_comments(S, po, pb, pt, ko->span.body);
		} else if (E) {
			put_lost_comments(S, pt, pb, po, ko->span.body);
		}
	}
	if (!theirs) {
		put(S, O, ko->span.body, ko->span.end);
	} else if (first) {
		put(S, O, ko->span.body, ko->span.key);
		put_shifted(S, T, kt->span.key, kt->span.end, delta, true);
	} else {
		put_shifted(S, T, kt->span.body, kt->span.end, delta, false);
	}
}

/* The keys theirs added to the element (not in ours, not in the base) that
 * follow the key named after in theirs (NULL: theirs' first keys). */
static void put_new_keys(struct splice *S, const struct lay_node *nb, const struct lay_node *no,
                         const struct lay_node *nt, const char *after, int delta)
{
	const char *anchor = NULL;
	for (size_t j = 0; j < nt->child_count; j++) {
		const struct lay_node *k = &nt->children[j];
		if (child_named(no, k->name)) {
			anchor = k->name;
			continue;
		}
		bool here = after ? anchor && strcmp(anchor, after) == 0 : !anchor;
		if (j > 0 && k->name && here && !child_named(nb, k->name))
			put_shifted(S, &S->t, k->span.lead, k->span.end, delta, false);
	}
}

static bool read_element(const struct side *x, const struct lay_element *e, struct lay_tree *tree)
{
	return lay_read_tree(x->s, e->span.body, e->span.end, 3, tree) && tree->root.child_count == 1 &&
	       tree->root.children[0].block_value && tree->root.children[0].child_count > 0;
}

/* An element both sides changed, merged key by key; false (nothing written)
 * when one side's bytes do not read again. */
static bool put_element_merged(struct splice *S, const struct lay_element *eb, const struct lay_element *eo,
                               const struct lay_element *et, struct element3 *E)
{
	bool ok = read_element(&S->b, eb, &E->b) && read_element(&S->o, eo, &E->o) && read_element(&S->t, et, &E->t);
	if (ok) {
		const struct lay_node *nb = &E->b.root.children[0], *no = &E->o.root.children[0], *nt = &E->t.root.children[0];
		int delta = (int)(eo->span.key - eo->span.body) - (int)(et->span.key - et->span.body);
		merge_lead(S, eb->span.lead, eb->span.body, eo->span.lead, eo->span.body, et->span.lead, et->span.body, delta);
		for (size_t i = 0; i < no->child_count; i++) {
			const struct lay_node *ko = &no->children[i], *kb = child_named(nb, ko->name), *kt = child_named(nt, ko->name);
			/* theirs deleted a key ours left as it was */
			bool gone = i > 0 && kb && !kt && !E->comments_only &&
			            same(&S->o, ko->span.key, ko->span.end, &S->b, kb->span.key, kb->span.end);
			if (!gone)
				put_key(S, E, kb, ko, kt, i == 0, delta);
			if (i == 0 && !E->comments_only)
				put_new_keys(S, nb, no, nt, NULL, delta);
			if (ko->name && !E->comments_only)
				put_new_keys(S, nb, no, nt, ko->name, delta);
		}
		size_t last = no->children[no->child_count - 1].span.end;
		if (last < eo->span.end)
			put(S, &S->o, last, eo->span.end);
	}
	lay_tree_free(&E->b);
	lay_tree_free(&E->o);
	lay_tree_free(&E->t);
	return ok;
}

/* ---- meetings and items ---- */

/* One list (meetings or items) of the three layouts. */
struct list3 {
	bool items;
	const struct lay_element *eo;   /* ours' elements */
	size_t no;
	const struct lay_element *et;   /* theirs' */
	size_t nt;
};

/* The item with that id in L: first where the last one found in L was
 * followed (the three files mostly list the items alike, and walking them in
 * order is far cheaper than hashing into a big file), else by its id. */
static const struct lay_element *find_item(struct splice *S, const struct ar_layout *L, long id)
{
	size_t *near = &S->near[L == S->b.L ? 0 : L == S->o.L ? 1 : 2];
	const struct lay_element *e = *near < L->item_count && L->items[*near].item->id == id ? &L->items[*near]
	                                                                                     : lay_find_item(L, id);
	if (e)
		*near = (size_t)(e - L->items) + 1;
	return e;
}

static const struct lay_element *find_element(struct splice *S, const struct ar_layout *L, const struct list3 *l,
                                              const struct lay_element *e)
{
	return l->items ? find_item(S, L, e->item->id) : lay_find_meeting(L, e->meeting.date);
}

/* The column of an element's first key. */
static int key_column(const struct lay_element *e)
{
	return (int)(e->span.key - e->span.body);
}

/* One element of ours, with theirs' comments when theirs changed them. */
static void put_element(struct splice *S, const struct list3 *l, const struct lay_element *eo)
{
	const struct lay_element *eb = find_element(S, S->b.L, l, eo), *et = find_element(S, S->t.L, l, eo);
	if (!eb || !et || same_span(&S->t, &et->span, &S->b, &eb->span) ||
	    !comments_differ(&S->b, eb->span.lead, eb->span.end, &S->t, et->span.lead, et->span.end)) {
		put(S, &S->o, eo->span.lead, eo->span.end);
		return;
	}
	int delta = key_column(eo) - key_column(et);
	if (same_span(&S->o, &eo->span, &S->b, &eb->span)) {
		put_shifted(S, &S->t, et->span.lead, et->span.end, delta, false);
		return;
	}
	struct element3 E = {.merged = NULL};
	if (l->items) {
		/* Two changes that cannot stand together leave ours' values as
		 * they are (a mix of the two would be neither side), with the
		 * comments theirs added. */
		const char *names[64];
		size_t conflicts = 0;
		E.ib = eb->item;
		E.io = eo->item;
		E.it = et->item;
		E.merged = ar_merge_item(S->scratch, E.ib, E.io, E.it, names, 64, &conflicts);
		for (size_t i = 0; i < conflicts && i < 64; i++)
			E.comments_only = E.comments_only || strcmp(names[i], "item") == 0;
	}
	struct written mark = mark_written(S);
	if (!put_element_merged(S, eb, eo, et, &E)) {
		back_to(S, mark);
		put(S, &S->o, eo->span.lead, eo->span.end);
	}
}

/* Theirs' element j is new: neither ours nor the base has it, or (an item
 * both sides added under one id) it is put in under its new id. */
static bool theirs_new(struct splice *S, const struct list3 *l, size_t j)
{
	return (!find_element(S, S->o.L, l, &l->et[j]) && !find_element(S, S->b.L, l, &l->et[j])) ||
	       (l->items && S->renumber[j]);
}

/* Where the value of the element's id key stands. */
static bool id_value(const struct side *x, const struct lay_element *e, size_t *from, size_t *to)
{
	struct lay_tree tree;
	bool ok = read_element(x, e, &tree);
	const struct lay_node *id = ok ? child_named(&tree.root.children[0], "id") : NULL;
	bool found = id && !id->block_value; /* id lives in the tree's arena */
	if (found) {
		*from = id->value;
		*to = id->value_end;
	}
	lay_tree_free(&tree);
	return found;
}

/* Theirs' item e, which the merge renumbers, as theirs wrote it but for its
 * new id, moved by delta columns. */
static void put_renumbered(struct splice *S, const struct lay_element *e, long id, int delta)
{
	size_t from, to;
	if (!id_value(&S->t, e, &from, &to)) {
		S->failed = true;
		return;
	}
	struct ar_buf text = {0};
	ar_buf_add(&text, S->t.s + e->span.lead, from - e->span.lead);
	ar_buf_addf(&text, "%ld", id);
	ar_buf_add(&text, S->t.s + to, e->span.end - to);
	put_shifted(S, &(struct side){.s = text.data, .len = text.len}, 0, text.len, delta, false);
	ar_buf_free(&text);
}

/* The items theirs added under an id ours added too get the next free ids,
 * in theirs' order, as the merge gives them (merge_items); theirs' bytes
 * with those ids go to theirs_out. */
static void plan_renumbering(struct splice *S, const struct ar_tracker *B, const struct ar_tracker *O,
                             const struct ar_tracker *T)
{
	const struct ar_layout *LT = S->t.L;
	S->renumber = ar_xcalloc(LT->item_count + 1, sizeof *S->renumber);
	long next = ar_merge_first_free_id(B, O, T);
	size_t copied = 0;
	for (size_t j = 0; j < LT->item_count && !S->failed; j++) {
		const struct ar_item *t = LT->items[j].item;
		const struct lay_element *eo = find_item(S, S->o.L, t->id);
		if (!eo || find_item(S, S->b.L, t->id) || ar_item_equal(eo->item, t))
			continue;
		size_t from, to;
		if (!id_value(&S->t, &LT->items[j], &from, &to)) {
			S->failed = true;
			break;
		}
		S->renumber[j] = next++;
		S->renumber_count++;
		ar_buf_add(&S->theirs_out, S->t.s + copied, from - copied);
		ar_buf_addf(&S->theirs_out, "%ld", S->renumber[j]);
		copied = to;
	}
	if (S->renumber_count)
		ar_buf_add(&S->theirs_out, S->t.s + copied, S->t.len - copied);
}

/* Ours' element that theirs' element j is matched with by the merge, or -1. */
static long matched_in_ours(struct splice *S, const struct list3 *l, size_t j)
{
	const struct lay_element *eo = find_element(S, S->o.L, l, &l->et[j]);
	if (!eo)
		return -1;
	if (l->items && !find_element(S, S->b.L, l, eo) && !ar_item_equal(eo->item, l->et[j].item))
		return -1; /* added on both sides under one id: renumbered by the merge */
	return eo - l->eo;
}

/* Theirs' element e was put in (as item id when that is not 0). */
static void note_new(struct splice *S, const struct list3 *l, const struct lay_element *e, long id)
{
	if (l->items) {
		AR_GROW(S->new_ids, S->new_id_cap, S->new_id_count + 1, 16);
		S->new_ids[S->new_id_count++] = id ? id : e->item->id;
	} else {
		AR_GROW(S->new_dates, S->new_date_cap, S->new_date_count + 1, 16);
		S->new_dates[S->new_date_count++] = e->meeting.date;
	}
}

/* Ours' elements, with theirs' new ones where the merge puts them: after
 * ours' element that the nearest matched one before them in theirs is,
 * flushed where the merge's walk_in_order flushes them (before ours' next
 * matched element). */
static void put_theirs_new(struct splice *S, const struct list3 *l, size_t j, int delta)
{
	if (l->items && S->renumber[j]) {
		put_renumbered(S, &l->et[j], S->renumber[j], delta);
		note_new(S, l, &l->et[j], S->renumber[j]);
	} else {
		put_shifted(S, &S->t, l->et[j].span.lead, l->et[j].span.end, delta, false);
		note_new(S, l, &l->et[j], 0);
	}
}

static void put_elements(struct splice *S, const struct list3 *l)
{
	long *anchor = ar_xmalloc((l->nt + 1) * sizeof *anchor);
	bool *matched = ar_xcalloc(l->no + 1, sizeof *matched);
	/* theirs' new elements by anchor (group a + 1: after ours' a) */
	size_t *start = ar_xcalloc(l->no + 2, sizeof *start), *order = ar_xmalloc((l->nt + 1) * sizeof *order);
	long last = -1;
	for (size_t j = 0; j < l->nt; j++) {
		long i = matched_in_ours(S, l, j);
		if (i >= 0)
			matched[i] = true, last = i;
		anchor[j] = theirs_new(S, l, j) ? last : -2;
		if (anchor[j] > -2)
			start[anchor[j] + 1]++;
	}
	for (size_t g = 0, sum = 0; g < l->no + 2; g++) {
		size_t n = start[g];
		start[g] = sum;
		sum += n;
	}
	for (size_t j = 0; j < l->nt; j++)
		if (anchor[j] > -2)
			order[start[anchor[j] + 1]++] = j; /* start[g] ends as group g's end */
	int delta = l->no && l->nt ? key_column(&l->eo[0]) - key_column(&l->et[0]) : 0;
	size_t next = 0;
	long pending = -1;
	for (size_t i = 0; i <= l->no; i++) {
		if (i == l->no || matched[i]) {
			for (; next < start[pending + 1]; next++)
				put_theirs_new(S, l, order[next], delta);
			pending = (long)i;
		}
		if (i < l->no)
			put_element(S, l, &l->eo[i]);
	}
	free(order);
	free(start);
	free(matched);
	free(anchor);
}

/* ---- the file ---- */

/* The bytes of a top-level key's name (up to its ':'). */
static size_t top_name(const struct side *x, const struct lay_top *top)
{
	size_t p = top->span.key;
	while (p < top->span.end && x->s[p] != '\n' &&
	       !(x->s[p] == ':' && (p + 1 == x->len || strchr(" \t\r\n", x->s[p + 1]))))
		p++;
	return p - top->span.key;
}

static const struct lay_top *find_top(const struct side *x, const struct side *o, const struct lay_top *top)
{
	size_t n = top_name(o, top);
	for (size_t i = 0; i < x->L->top_count; i++) {
		const struct lay_top *c = &x->L->tops[i];
		if (top->known >= 0 ? c->known == top->known
		                    : c->known < 0 && top_name(x, c) == n && memcmp(x->s + c->span.key, o->s + top->span.key, n) == 0)
			return c;
	}
	return NULL;
}

static bool is_list(const struct lay_top *top)
{
	return top->known == AR_TRACKER_KEY_ITEMS || top->known == AR_TRACKER_KEY_MEETINGS;
}

/* A top-level key other than meetings and items, both sides having it. */
static void put_top_value(struct splice *S, const struct lay_top *tb, const struct lay_top *to, const struct lay_top *tt)
{
	const struct side *B = &S->b, *O = &S->o, *T = &S->t;
	struct element3 E = {.merged = NULL};
	struct written mark = mark_written(S);
	if (lay_read_tree(B->s, tb->span.body, tb->span.end, 1, &E.b) && lay_read_tree(O->s, to->span.body, to->span.end, 1, &E.o) &&
	    lay_read_tree(T->s, tt->span.body, tt->span.end, 1, &E.t) && E.b.root.child_count == 1 &&
	    E.o.root.child_count == 1 && E.t.root.child_count == 1) {
		put_key(S, &E, &E.b.root.children[0], &E.o.root.children[0], &E.t.root.children[0], true, 0);
	} else {
		back_to(S, mark);
		put(S, O, to->span.body, to->span.end);
	}
	lay_tree_free(&E.b);
	lay_tree_free(&E.o);
	lay_tree_free(&E.t);
}

/* One top-level key of ours (its lead merged), with what it holds. */
static void put_top(struct splice *S, const struct lay_top *to)
{
	const struct side *B = &S->b, *O = &S->o, *T = &S->t;
	const struct lay_top *tb = find_top(B, O, to), *tt = find_top(T, O, to);
	if (tb && tt)
		merge_lead(S, tb->span.lead, tb->span.body, to->span.lead, to->span.body, tt->span.lead, tt->span.body, 0);
	else
		put(S, O, to->span.lead, to->span.body);
	if (is_list(to)) {
		bool items = to->known == AR_TRACKER_KEY_ITEMS;
		struct list3 l = {.items = items, .eo = items ? O->L->items : O->L->meetings,
		                  .no = items ? O->L->item_count : O->L->meeting_count};
		if (tt && l.no) {
			l.et = items ? T->L->items : T->L->meetings;
			l.nt = items ? T->L->item_count : T->L->meeting_count;
		}
		if (!l.no) {
			put(S, O, to->span.body, to->span.end);
			return;
		}
		put(S, O, to->span.body, l.eo[0].span.lead);
		put_elements(S, &l);
		return;
	}
	if (!tb || !tt || same_span(T, &tt->span, B, &tb->span) ||
	    !comments_differ(B, tb->span.body, tb->span.end, T, tt->span.body, tt->span.end))
		put(S, O, to->span.body, to->span.end);
	else
		put_top_value(S, tb, to, tt);
}

/* Theirs' top-level keys new to both ours and the base that follow ours'
 * top after in theirs (NULL: before theirs' first top that ours has). */
static void put_new_tops(struct splice *S, const struct lay_top *after)
{
	const struct side *O = &S->o, *T = &S->t;
	const struct lay_top *anchor = NULL;
	for (size_t j = 0; j < T->L->top_count; j++) {
		const struct lay_top *c = &T->L->tops[j];
		const struct lay_top *in_ours = find_top(O, T, c);
		if (in_ours) {
			anchor = in_ours;
			continue;
		}
		if (anchor == after && !find_top(&S->b, T, c)) {
			put(S, T, c->span.lead, c->span.end);
			if (is_list(c)) {
				struct list3 l = {.items = c->known == AR_TRACKER_KEY_ITEMS};
				for (size_t k = 0; k < (l.items ? T->L->item_count : T->L->meeting_count); k++)
					note_new(S, &l, l.items ? &T->L->items[k] : &T->L->meetings[k], 0);
			}
		}
	}
}

static struct ar_tracker *load_text(const struct ar_buf *text)
{
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	if (ar_load_buffer(text->data, text->len, &t, &diags) != AR_OK)
		t = NULL;
	ar_diags_free(&diags);
	return t;
}

/* Ours (and theirs, when items were renumbered) read again into out, when
 * theirs' new parts read back as theirs' values and nothing of ours went
 * missing. */
static void read_back(struct splice *S, const struct ar_tracker *ours, const struct ar_tracker *theirs,
                      struct ar_merge_carry *out)
{
	struct ar_tracker *o = load_text(&S->out), *t = S->renumber_count ? load_text(&S->theirs_out) : NULL;
	const struct ar_tracker *T = S->renumber_count ? t : theirs;
	bool ok = o && T && o->item_count == ours->item_count + S->new_id_count &&
	          o->meeting_count == ours->meeting_count + S->new_date_count && T->item_count == theirs->item_count;
	for (size_t i = 0; ok && i < S->new_id_count; i++) {
		const struct ar_item *a = ar_tracker_find_item(o, S->new_ids[i]), *b = ar_tracker_find_item(T, S->new_ids[i]);
		ok = a && b && ar_item_equal(a, b);
	}
	for (size_t i = 0; ok && i < S->new_date_count; i++) {
		const struct ar_meeting *a = ar_tracker_find_meeting(o, S->new_dates[i]);
		const struct ar_meeting *b = ar_tracker_find_meeting(T, S->new_dates[i]);
		ok = a && b && ar_meeting_equal(a, b);
	}
	if (!ok) {
		ar_tracker_free(o);
		ar_tracker_free(t);
		return;
	}
	out->ours = o;
	out->theirs = t;
	/* read from LF text: a lone-CR file stays one */
	ar_layout_keep_cr_breaks(o, ours);
	if (t)
		ar_layout_keep_cr_breaks(t, theirs);
	if (!S->renumber_count)
		return;
	out->renumbered = ar_xmalloc(2 * S->renumber_count * sizeof *out->renumbered);
	for (size_t j = 0; j < S->t.L->item_count; j++)
		if (S->renumber[j]) {
			out->renumbered[2 * out->renumbered_count] = S->t.L->items[j].item->id;
			out->renumbered[2 * out->renumbered_count + 1] = S->renumber[j];
			out->renumbered_count++;
		}
}

/* Ours with theirs' comments and new parts (see merge_layout.h). */
void ar_merge_carry_layout(const struct ar_tracker *base, const struct ar_tracker *ours,
                           const struct ar_tracker *theirs, struct ar_merge_carry *out)
{
	memset(out, 0, sizeof *out);
	if (!base->layout || !ours->layout || !theirs->layout)
		return;
	struct splice S = {.b.L = base->layout, .o.L = ours->layout, .t.L = theirs->layout};
	S.b.s = ar_layout_source(base->layout, &S.b.len);
	S.o.s = ar_layout_source(ours->layout, &S.o.len);
	S.t.s = ar_layout_source(theirs->layout, &S.t.len);
	const struct ar_layout *LB = S.b.L, *LO = S.o.L, *LT = S.t.L;
	S.scratch = ar_tracker_new();
	plan_renumbering(&S, base, ours, theirs);
	merge_lead(&S, 0, LB->head_end, 0, LO->head_end, 0, LT->head_end, 0);
	put_new_tops(&S, NULL);
	for (size_t i = 0; i < LO->top_count; i++) {
		put_top(&S, &LO->tops[i]);
		put_new_tops(&S, &LO->tops[i]);
	}
	merge_lead(&S, LB->tail, LB->len, LO->tail, LO->len, LT->tail, LT->len, 0);
	if (!S.failed && (S.w.changed || S.w.run_to != S.o.len)) {
		flush_run(&S);
		read_back(&S, ours, theirs, out);
	}
	ar_buf_free(&S.out);
	ar_buf_free(&S.theirs_out);
	ar_tracker_free(S.scratch);
	free(S.new_ids);
	free(S.new_dates);
	free(S.renumber);
}
