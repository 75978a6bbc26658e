/* layout_flow.c - trackers written (partly) in flow style, made ones the
 * layout follows (ar_layout_follow_flow in layout.h).
 *
 * The spans of layout.c follow a block mapping of block sequences of
 * items; `items: [{id: 1, ...}]`, a whole file as one flow mapping, or an
 * item written `- {id: 1, ...}` with comments inside are not parts whose
 * lines can be copied and edited one by one.  So such a part is written in
 * block form (the saver's canonical form) in a copy of the file's text,
 * and every comment it held is put back by where it stood: a whole-line
 * comment before the key or element that followed it, an end-of-line
 * comment at the end of the first line of the first key or element that
 * started on its line.  The tracker is then read from that text, so all of
 * the saver's paths (a save of what changed, fmt, merge) see a file they
 * follow; the regions keep the bytes as read, so a part nobody changed is
 * still saved as it was written.
 *
 * Nothing is dropped: the text is only taken when it reads back as the
 * same tracker with the same comments; otherwise the comments go before
 * the part's first line, and only if even that fails (never seen) is the
 * layout given up.
 */
#include "config.h"

#include "layout_internal.h"
#include "yaml_save_internal.h"
#include "artrack/alloc.h"
#include "artrack/compare.h"
#include "artrack/yamlio.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ---- where every key and element of the file stands ---- */

#define PATH_STEPS 5 /* top key, element, key, update or lead, key */
#define WALK_DEPTH 64

/* One step down: the key name, or (name NULL) the index-th element. */
struct step {
	const char *name;
	size_t index;
};

struct path {
	int n;
	struct step s[PATH_STEPS];
};

/* A key (with its value) or an element: its first byte, the byte after
 * it (0 until it ends) and how deep it is. */
struct place {
	size_t at, end;
	int depth;
	struct path path;
};

struct frame {
	bool mapping, key_next;
	size_t index;
	size_t open;               /* the place of the key or element being read */
	struct path path, key_path;
};

struct walk {
	struct ar_arena *arena;
	struct place *places;
	size_t place_count, place_cap;
	struct frame stack[WALK_DEPTH];
	int depth;                 /* frames in stack; deeper ones only counted */
	int deeper;
	size_t root_start, root_end;
	bool root_seen;
};

static size_t add_place(struct walk *w, size_t at, const struct path *p)
{
	AR_GROW(w->places, w->place_cap, w->place_count + 1, 64);
	w->places[w->place_count] = (struct place){at, 0, w->depth, *p};
	return w->place_count++;
}

static void path_add(struct path *p, const char *name, size_t index)
{
	if (p->n < PATH_STEPS)
		p->s[p->n++] = (struct step){name, index};
}

/* A node starts: its path, and a place for a key or an element. */
static struct path node_begin(struct walk *w, const yaml_event_t *ev, size_t start)
{
	struct path p = {0};
	if (w->depth == 0)
		return p;
	struct frame *f = &w->stack[w->depth - 1];
	p = f->path;
	if (f->mapping && f->key_next) {
		path_add(&p, ev->type == YAML_SCALAR_EVENT
		                     ? ar_arena_strndup(w->arena, (const char *)ev->data.scalar.value, ev->data.scalar.length)
		                     : "",
		         0);
		f->key_path = p;
		f->open = add_place(w, start, &p);
	} else if (f->mapping) {
		p = f->key_path;
	} else {
		path_add(&p, NULL, f->index);
		f->open = add_place(w, start, &p);
	}
	return p;
}

/* A node ended at end: the next one is a mapping's value or key, or the
 * next element; a value or element ends its place. */
static void node_done(struct walk *w, size_t end)
{
	if (w->depth == 0)
		return;
	struct frame *f = &w->stack[w->depth - 1];
	if (!f->mapping || !f->key_next)
		w->places[f->open].end = end;
	if (f->mapping)
		f->key_next = !f->key_next;
	else
		f->index++;
}

static void on_event(void *ctx, const yaml_event_t *ev, size_t start, size_t end)
{
	struct walk *w = ctx;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
	case YAML_ALIAS_EVENT:
		if (!w->deeper) {
			node_begin(w, ev, start);
			node_done(w, end);
		}
		break;
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (w->depth == 0 && !w->root_seen) {
			w->root_seen = true;
			w->root_start = start;
		}
		if (w->deeper || w->depth == WALK_DEPTH) {
			w->deeper++;
			break;
		}
		struct path p = node_begin(w, ev, start);
		w->stack[w->depth++] = (struct frame){.mapping = ev->type == YAML_MAPPING_START_EVENT, .key_next = true,
		                                      .path = p};
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		if (w->deeper) {
			w->deeper--;
			break;
		}
		if (w->depth > 0 && --w->depth == 0)
			w->root_end = end;
		node_done(w, end);
		break;
	default:
		break;
	}
}

/* ---- the parts written anew ---- */

struct part {
	size_t from, to;           /* in the file as read: whole lines */
	int top_key;               /* -1: the whole tracker */
	size_t element;            /* SIZE_MAX: the whole top-level key */
	size_t lead, lead_len;     /* an element's "  - " in the file */
	size_t t_from, t_to;       /* where its block form stands in the text made */
};

struct parts {
	struct part *items;
	size_t count, cap;
};

static void add_part(struct parts *ps, struct part p)
{
	AR_GROW(ps->items, ps->cap, ps->count + 1, 8);
	ps->items[ps->count++] = p;
}

/* Whether source[from, to) holds a '#' that may open a comment. */
static bool may_hold_comment(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (s[i] == '#' && (i == from || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n'))
			return true;
	return false;
}

/* Items or meetings written `- {...}` with a comment in them: those
 * elements' lines (the rest of the sequence is followed as it is). */
static void flow_elements(const struct ar_layout *L, int k, struct parts *ps)
{
	const struct lay_element *e = k == AR_TRACKER_KEY_ITEMS ? L->items : L->meetings;
	size_t n = k == AR_TRACKER_KEY_ITEMS ? L->item_count : L->meeting_count;
	for (size_t i = 0; i < n; i++)
		if (e[i].span.key < L->len && L->source[e[i].span.key] == '{' &&
		    may_hold_comment(L->source, e[i].span.body, e[i].span.end))
			add_part(ps, (struct part){e[i].span.body, e[i].span.end, k, i, e[i].span.body,
			                           e[i].span.key - e[i].span.body, 0, 0});
}

/* The parts of the file its layout cannot follow (or, for flow elements,
 * could follow only by dropping their comments when edited). */
static void find_parts(const struct ar_layout *L, const struct walk *w, struct parts *ps)
{
	if (L->unfollowed == AR_LAYOUT_UNFOLLOWED_TOP) {
		size_t bom = L->len >= 3 && memcmp(L->source, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		size_t from = lay_line_start(L->source, w->root_start);
		size_t to = w->root_end > w->root_start ? lay_line_end(L->source, L->len, w->root_end - 1) : L->len;
		add_part(ps, (struct part){from < bom ? bom : from, to, -1, SIZE_MAX, 0, 0, 0, 0});
		return;
	}
	for (size_t i = 0; i < L->top_count; i++) {
		const struct lay_top *top = &L->tops[i];
		if (top->known != AR_TRACKER_KEY_ITEMS && top->known != AR_TRACKER_KEY_MEETINGS)
			continue;
		if (top->unfollowed)
			add_part(ps, (struct part){top->span.body, top->span.end, top->known, SIZE_MAX, 0, 0, 0, 0});
		else
			flow_elements(L, top->known, ps);
	}
}

static int part_order(const void *a, const void *b)
{
	const struct part *x = a, *y = b;
	return x->from < y->from ? -1 : x->from > y->from;
}

/* ---- comments ---- */

/* Whether a line break starts at s[i]: for libyaml also a CR alone, NEL,
 * U+2028 and U+2029. */
static bool line_break_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	return u[i] == '\n' || u[i] == '\r' || (u[i] == 0xC2 && i + 1 < len && u[i + 1] == 0x85) ||
	       (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9));
}

/* The length of the comment at s[at]: to its line's end, less trailing blanks. */
static size_t comment_len(const char *s, size_t len, size_t at)
{
	size_t e = at;
	while (e < len && !line_break_at(s, len, e))
		e++;
	while (e > at && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	return e - at;
}

struct text_ref {
	const char *s;
	size_t len;
	bool used;
};

static int text_order(const void *a, const void *b)
{
	const struct text_ref *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* The texts of the comments at offsets[0, count) of source[0, to), sorted. */
static struct text_ref *texts_at(const char *source, size_t to, const size_t *offsets, size_t count)
{
	struct text_ref *t = ar_xcalloc(count + 1, sizeof *t);
	for (size_t i = 0; i < count; i++)
		t[i] = (struct text_ref){source + offsets[i], comment_len(source, to, offsets[i]), false};
	qsort(t, count, sizeof *t, text_order);
	return t;
}

static void ignore_event(void *ctx, const yaml_event_t *ev, size_t start, size_t end)
{
	(void)ctx;
	(void)ev;
	(void)start;
	(void)end;
}

/* The comments of source[from, to) (a document on its own) as a sorted
 * list of texts (*count of them), or NULL when it does not parse. */
static struct text_ref *comment_texts(const char *source, size_t from, size_t to, size_t *count)
{
	struct lay_tree c;
	bool ok = lay_walk_events(source, from, to, ignore_event, NULL, &c);
	struct text_ref *t = ok ? texts_at(source, to, c.comments, c.comment_count) : NULL;
	*count = ok ? c.comment_count : 0;
	lay_tree_free(&c);
	return t;
}

/* Take one unused text equal to s[0, len) from the sorted list. */
static bool take_text(struct text_ref *t, size_t count, const char *s, size_t len)
{
	struct text_ref key = {s, len, false};
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (text_order(&t[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < count && text_order(&t[lo], &key) == 0; lo++)
		if (!t[lo].used) {
			t[lo].used = true;
			return true;
		}
	return false;
}

/* A comment put into the text made: at pos, either a line of its own
 * (indent spaces, before the line at pos) or the end of a line. */
struct insertion {
	size_t pos;
	size_t seq;                /* the comment's place in the file: ties keep its order */
	size_t part;
	bool eol;
	int indent;
	const char *text;
	size_t len;
};

static int insertion_order(const void *a, const void *b)
{
	const struct insertion *x = a, *y = b;
	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ---- placing a comment in the text made ---- */

/* The byte where the key or element at path stands in T (the text made,
 * read as t2's layout L2); as deep as it can be found.  false when not
 * even the top-level key is there. */
static bool find_in_text(const struct ar_layout *L2, const char *T, const struct path *p, size_t *at)
{
	const struct lay_top *top = NULL;
	size_t unknown = 0;
	for (size_t i = 0; p->n > 0 && !top && i < L2->top_count; i++) {
		int k = L2->tops[i].known;
		const char *name = k >= 0 ? ar_tracker_key_names[k]
		                          : unknown < L2->extras.count ? L2->extras.items[unknown].key : NULL;
		if (k < 0)
			unknown++;
		if (name && p->s[0].name && strcmp(name, p->s[0].name) == 0)
			top = &L2->tops[i];
	}
	if (!top)
		return false;
	*at = top->span.key;
	if (p->n < 2 || p->s[1].name || (top->known != AR_TRACKER_KEY_ITEMS && top->known != AR_TRACKER_KEY_MEETINGS))
		return true;
	const struct lay_element *els = top->known == AR_TRACKER_KEY_ITEMS ? L2->items : L2->meetings;
	size_t n = top->known == AR_TRACKER_KEY_ITEMS ? L2->item_count : L2->meeting_count;
	if (p->s[1].index >= n)
		return true;
	const struct lay_element *el = &els[p->s[1].index];
	*at = el->span.key;
	if (p->n < 3)
		return true;
	struct lay_tree tree;
	if (lay_read_tree(T, el->span.body, el->span.end, PATH_STEPS, &tree) && tree.root.child_count == 1) {
		const struct lay_node *node = &tree.root.children[0];
		for (int i = 2; i < p->n && node; i++) {
			const struct lay_node *next = NULL;
			for (size_t c = 0; c < node->child_count && !next; c++)
				if (p->s[i].name ? node->children[c].name && strcmp(node->children[c].name, p->s[i].name) == 0
				                 : c == p->s[i].index)
					next = &node->children[c];
			if (next)
				*at = next->span.key;
			node = next;
		}
	}
	lay_tree_free(&tree);
	return true;
}

static int indent_of(const char *s, size_t line)
{
	int n = 0;
	while (s[line + (size_t)n] == ' ')
		n++;
	return n;
}

/* Whether the line at line (in s[0, len)) may already end in a comment. */
static bool line_has_comment(const char *s, size_t len, size_t line)
{
	size_t e = lay_line_end(s, len, line);
	return may_hold_comment(s, line, e);
}

/* The insertion for the comment at c of part g: by the places of the file
 * (w), found again in T (as L2 reads it).  at_start: put it before the
 * part's first line. */
static struct insertion place_comment(const struct walk *w, const char *src, size_t src_len, size_t c,
                                      const struct part *g, size_t gi, const struct ar_layout *L2, const char *T,
                                      size_t T_len, bool at_start)
{
	struct insertion in = {.seq = c, .part = gi, .text = src + c, .len = comment_len(src, src_len, c)};
	size_t line = lay_line_start(src, c);
	bool whole_line = true;
	for (size_t i = line; i < c && whole_line; i++)
		whole_line = src[i] == ' ' || src[i] == '\t';
	/* the first place at or after the comment's line start */
	size_t lo = 0, hi = w->place_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->places[mid].at < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	const struct place *anchor = NULL;
	if (!whole_line && lo < w->place_count && w->places[lo].at < c) {
		/* the first of the outermost keys or elements wholly on its line
		 * before it, else the first one that starts there */
		anchor = &w->places[lo];
		const struct place *whole = NULL;
		for (size_t i = lo; i < w->place_count && w->places[i].at < c; i++)
			if (w->places[i].end && w->places[i].end <= c && (!whole || w->places[i].depth < whole->depth))
				whole = &w->places[i];
		if (whole)
			anchor = whole;
		in.eol = true;
	} else {
		while (lo < w->place_count && w->places[lo].at <= c)
			lo++;
		if (lo < w->place_count && w->places[lo].at < g->to)
			anchor = &w->places[lo]; /* the key or element that follows it */
	}
	size_t at = 0;
	if (at_start || (anchor && (!find_in_text(L2, T, &anchor->path, &at) || at < g->t_from || at >= g->t_to))) {
		in.eol = false;
		in.pos = g->t_from;
	} else if (!anchor) {
		in.pos = g->t_to; /* after the last element: at the part's end */
		in.indent = indent_of(T, g->t_from);
		return in;
	} else if (in.eol && !line_has_comment(T, T_len, lay_line_start(T, at))) {
		size_t e = lay_line_end(T, T_len, at);
		while (e > at && (T[e - 1] == '\n' || T[e - 1] == '\r'))
			e--;
		in.pos = e;
		return in;
	} else {
		in.eol = false;
		in.pos = lay_line_start(T, at);
	}
	in.indent = indent_of(T, in.pos);
	return in;
}

/* ---- the whole of it ---- */

static bool same_tracker(const struct ar_tracker *a, const struct ar_tracker *b)
{
	if (!ar_str_equal(a->committee, b->committee) || !ar_str_equal(a->title, b->title) || a->as_of != b->as_of ||
	    a->response_days != b->response_days || !ar_extras_equal(&a->extras, &b->extras) ||
	    a->item_count != b->item_count || a->meeting_count != b->meeting_count)
		return false;
	for (size_t i = 0; i < a->meeting_count; i++)
		if (!ar_meeting_equal(&a->meetings[i], &b->meetings[i]))
			return false;
	for (size_t i = 0; i < a->item_count; i++)
		if (!ar_item_equal(a->items[i], b->items[i]))
			return false;
	return true;
}

/* Whether text b holds the comments of a (found in it: comments), as many of each. */
static bool same_comments(const char *a, size_t a_len, const struct lay_tree *comments, const char *b,
                          size_t b_len)
{
	size_t na = comments->comment_count, nb;
	struct text_ref *ta = texts_at(a, a_len, comments->comments, na), *tb = comment_texts(b, 0, b_len, &nb);
	bool same = tb && na == nb;
	for (size_t i = 0; same && i < na; i++)
		same = text_order(&ta[i], &tb[i]) == 0;
	free(ta);
	free(tb);
	return same;
}

/* Where a line was read in the file, for messages: the text made has its own lines. */
static void keep_lines(struct ar_tracker *to, const struct ar_tracker *from)
{
	for (size_t i = 0; i < to->meeting_count; i++)
		to->meetings[i].line = from->meetings[i].line;
	for (size_t i = 0; i < to->item_count; i++) {
		struct ar_item *it = to->items[i];
		it->line = from->items[i]->line;
		it->column = from->items[i]->column;
		for (size_t u = 0; u < it->update_count && u < from->items[i]->update_count; u++)
			((struct ar_update *)it->updates)[u].line = from->items[i]->updates[u].line;
	}
}

static struct ar_tracker *load_text(const char *text, size_t len)
{
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	if (ar_load_buffer(text, len, &t, &diags) != AR_OK)
		t = NULL;
	ar_diags_free(&diags);
	if (t && (!t->layout || t->layout->unfollowed)) {
		ar_tracker_free(t);
		t = NULL;
	}
	return t;
}

static bool crlf_text(const char *s, size_t len)
{
	const char *nl = memchr(s, '\n', len);
	return nl && nl > s && nl[-1] == '\r';
}

/* T with the comments of the parts put in; each part's t_from/t_to moved
 * to the new text.  at_start: every comment before its part's first line. */
static char *with_comments(const struct walk *w, const struct lay_tree *comments, const char *src, size_t src_len,
                           struct parts *ps, const struct ar_tracker *t2, const char *T, size_t T_len,
                           bool at_start, size_t *out_len)
{
	struct insertion *ins = NULL;
	size_t n = 0, cap = 0;
	bool crlf = crlf_text(src, src_len);
	size_t ci = 0;
	for (size_t gi = 0; gi < ps->count; gi++) {
		struct part *g = &ps->items[gi];
		/* comments the block form already holds (an unknown key's
		 * collection is written as its bytes) are not put in again */
		size_t have_count = 0;
		struct text_ref *have =
		        may_hold_comment(T, g->t_from, g->t_to) ? comment_texts(T, g->t_from, g->t_to, &have_count) : NULL;
		while (ci < comments->comment_count && comments->comments[ci] < g->from)
			ci++;
		for (; ci < comments->comment_count && comments->comments[ci] < g->to; ci++) {
			size_t c = comments->comments[ci];
			if (have && take_text(have, have_count, src + c, comment_len(src, src_len, c)))
				continue;
			AR_GROW(ins, cap, n + 1, 16);
			ins[n++] = place_comment(w, src, src_len, c, g, gi, t2->layout, T, T_len, at_start);
		}
		free(have);
	}
	/* two end-of-line comments for one line: the second on a line of its own */
	if (n)
		qsort(ins, n, sizeof *ins, insertion_order);
	for (size_t i = 1; i < n; i++)
		if (ins[i].eol && ins[i - 1].eol && ins[i].pos == ins[i - 1].pos) {
			ins[i].eol = false;
			ins[i].pos = lay_line_start(T, ins[i].pos);
			ins[i].indent = indent_of(T, ins[i].pos);
		}
	if (n)
		qsort(ins, n, sizeof *ins, insertion_order);
	struct ar_buf out = {0};
	size_t copied = 0, shift = 0, k = 0;
	for (size_t gi = 0; gi < ps->count; gi++) {
		struct part *g = &ps->items[gi];
		size_t before = shift;
		for (; k < n && ins[k].part == gi; k++) {
			ar_buf_add(&out, T + copied, ins[k].pos - copied);
			copied = ins[k].pos;
			size_t was = out.len;
			if (ins[k].eol) {
				ar_buf_add(&out, " ", 1);
				ar_buf_add(&out, ins[k].text, ins[k].len);
			} else {
				for (int s = 0; s < ins[k].indent; s++)
					ar_buf_add(&out, " ", 1);
				ar_buf_add(&out, ins[k].text, ins[k].len);
				ar_buf_add(&out, crlf ? "\r\n" : "\n", crlf ? 2 : 1);
			}
			shift += out.len - was;
		}
		g->t_from += before;
		g->t_to += shift;
	}
	ar_buf_add(&out, T + copied, T_len - copied);
	free(ins);
	return ar_buf_steal(&out, out_len);
}

/* The text of the file with each part in block form (t_from/t_to set). */
static char *block_text(const struct ar_tracker *t, const char *src, size_t len, struct parts *ps, size_t *out_len)
{
	struct ar_buf T = {0};
	struct ar_error err;
	bool crlf = crlf_text(src, len);
	size_t copied = 0;
	bool ok = true;
	for (size_t i = 0; ok && i < ps->count; i++) {
		struct part *g = &ps->items[i];
		ar_buf_add(&T, src + copied, g->from - copied);
		g->t_from = T.len;
		ok = ys_render_part(t, g->top_key, g->element, src + g->lead, g->lead_len, crlf, &T, &err) == AR_OK;
		g->t_to = T.len;
		copied = g->to;
	}
	ar_buf_add(&T, src + copied, len - copied);
	if (!ok) {
		ar_buf_free(&T);
		return NULL;
	}
	return ar_buf_steal(&T, out_len);
}

/* Whether a comment of the file (comments) lies in one of the parts. */
static bool parts_hold_comments(const struct lay_tree *comments, const struct parts *ps)
{
	for (size_t i = 0; i < ps->count; i++)
		if (lay_comment_in(comments, ps->items[i].from, ps->items[i].to) != SIZE_MAX)
			return true;
	return false;
}

/* The tracker read from the file's text with its parts in block form and
 * their comments placed (at_start: at each part's start), or NULL when
 * that does not read back as want (t when NULL) with every comment. */
static struct ar_tracker *follow(struct ar_tracker *t, const struct walk *w, const struct lay_tree *comments,
                                 struct parts *ps, bool at_start, const struct ar_tracker *want)
{
	const struct ar_layout *L = t->layout;
	size_t T_len = 0, T2_len = 0;
	char *T = block_text(t, L->source, L->len, ps, &T_len);
	struct ar_tracker *t2 = NULL, *t3 = NULL;
	char *T2 = NULL;
	if (T && !parts_hold_comments(comments, ps)) {
		t3 = load_text(T, T_len); /* nothing to place: the other bytes are as read */
	} else if (T && (t2 = load_text(T, T_len)) != NULL) {
		T2 = with_comments(w, comments, L->source, L->len, ps, t2, T, T_len, at_start, &T2_len);
		/* done with them before the last read: less at the peak */
		ar_tracker_free(t2);
		t2 = NULL;
		free(T);
		T = NULL;
		if (T2 && same_comments(L->source, L->len, comments, T2, T2_len))
			t3 = load_text(T2, T2_len);
	}
	if (t3 && !same_tracker(want ? want : t, t3)) {
		ar_tracker_free(t3);
		t3 = NULL;
	}
	free(T);
	free(T2);
	ar_tracker_free(t2);
	return t3;
}

static _Thread_local bool following; /* the text made is read with the loader: no second round */

struct ar_tracker *ar_layout_follow_flow(struct ar_tracker *t)
{
	struct ar_layout *L = t->layout;
	if (!L || following)
		return t;
	struct parts ps = {0};
	struct walk w = {0};
	if (L->unfollowed != AR_LAYOUT_UNFOLLOWED_TOP)
		find_parts(L, &w, &ps);
	if (!ps.count && !L->unfollowed)
		return t;
	following = true;
	struct lay_tree comments = {0};
	w.arena = ar_arena_new();
	struct ar_tracker *made = NULL;
	/* the file is read for its comments and places only when it needs:
	 * a flow top level, or a part that may hold a comment */
	bool walk = L->unfollowed == AR_LAYOUT_UNFOLLOWED_TOP;
	for (size_t i = 0; !walk && i < ps.count; i++)
		walk = may_hold_comment(L->source, ps.items[i].from, ps.items[i].to);
	bool walked = walk && lay_walk_events(L->source, 0, L->len, on_event, &w, &comments);
	if (!walk || walked) {
		if (L->unfollowed == AR_LAYOUT_UNFOLLOWED_TOP)
			find_parts(L, &w, &ps);
		if (ps.count)
			qsort(ps.items, ps.count, sizeof *ps.items, part_order);
		made = follow(t, &w, &comments, &ps, false, NULL);
		if (!made)
			made = follow(t, &w, &comments, &ps, true, NULL);
	}
	if (!made && L->unfollowed && (walked || (!walk && lay_walk_events(L->source, 0, L->len, on_event, &w, &comments)))) {
		/* last: the whole file in canonical form, every comment at its
		 * top, read as that form reads (an unknown plain scalar canonical
		 * form must quote, with a tab in it, say, is quoted by any save) */
		size_t bom = L->len >= 3 && memcmp(L->source, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		ps.count = 0;
		add_part(&ps, (struct part){bom, L->len, -1, SIZE_MAX, 0, 0, 0, 0});
		struct ar_buf c = {0};
		struct ar_error err;
		struct ar_tracker *as_saved = NULL;
		if (ys_render_part(t, -1, SIZE_MAX, NULL, 0, crlf_text(L->source, L->len), &c, &err) == AR_OK)
			as_saved = load_text(c.data ? c.data : "", c.len);
		made = as_saved ? follow(t, &w, &comments, &ps, true, as_saved) : NULL;
		ar_tracker_free(as_saved);
		ar_buf_free(&c);
	}
	following = false;
	if (made) {
		struct ar_layout *M = made->layout;
		keep_lines(made, t);
		M->regions = ar_xcalloc(ps.count, sizeof *M->regions);
		for (size_t i = 0; i < ps.count; i++)
			M->regions[i] = (struct lay_region){ps.items[i].t_from, ps.items[i].t_to, ps.items[i].from, ps.items[i].to};
		M->region_count = ps.count;
		M->original = L->source;
		M->original_len = L->len;
		M->cr_breaks = L->cr_breaks;
		M->as_read = L->as_read;
		M->as_read_len = L->as_read_len;
		L->as_read = NULL;
		L->source = NULL;
		ar_tracker_free(t);
		t = made;
	} else if (L->unfollowed) {
		/* never seen: the saver then writes the canonical form */
		ar_layout_free(L);
		t->layout = NULL;
	}
	ar_arena_free(w.arena);
	free(w.places);
	free(ps.items);
	lay_tree_free(&comments);
	return t;
}
