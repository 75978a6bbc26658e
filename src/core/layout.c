/* layout.c - where a file's parts stand in its bytes (see layout.h).
 *
 * libyaml's marks count characters; a cursor turns them into byte offsets,
 * moving forward eight bytes at a time (the loader asks in file order).
 * A part's span runs from the start of its first line to the end of the
 * line of its value's last character; what lies between two parts - blank
 * lines, comments - is the lead of the second.  A block scalar's trailing
 * line breaks that are part of its value (|+) stay inside its span.
 */
#include "config.h"

#include "layout_internal.h"
#include "artrack/alloc.h"
#include "artrack/hash.h"

#include <limits.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ---- lines and characters ---- */

size_t lay_line_end(const char *source, size_t len, size_t pos)
{
	if (pos >= len)
		return len;
	const char *nl = memchr(source + pos, '\n', len - pos);
	return nl ? (size_t)(nl - source) + 1 : len;
}

size_t lay_line_start(const char *source, size_t pos)
{
	while (pos > 0 && source[pos - 1] != '\n')
		pos--;
	return pos;
}

/* The end of a part whose value's last event ended at byte end: the end of
 * the line holding its last non-blank byte, plus extra whole lines. */
static size_t part_end(const char *source, size_t len, size_t start, size_t end, size_t extra_lines)
{
	size_t p = end > len ? len : end;
	while (p > start && (source[p - 1] == ' ' || source[p - 1] == '\t' || source[p - 1] == '\n' ||
	                     source[p - 1] == '\r'))
		p--;
	size_t e = lay_line_end(source, len, p > start ? p - 1 : start);
	while (extra_lines-- > 0 && e < len)
		e = lay_line_end(source, len, e);
	return e;
}

struct cursor {
	const unsigned char *source;
	size_t len;
	size_t base;                /* bytes before character 0 (a BOM) */
	size_t chars, bytes;
};

static void cursor_init(struct cursor *c, const char *source, size_t len)
{
	c->source = (const unsigned char *)source;
	c->len = len;
	c->base = len >= 3 && memcmp(source, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	c->chars = 0;
	c->bytes = c->base;
}

#define HIGH_BITS UINT64_C(0x8080808080808080)

/* The byte offset of character index (a libyaml mark index). */
static size_t cursor_byte(struct cursor *c, size_t index)
{
	if (index < c->chars && c->chars - index < 4096) {
		/* a little way back (an item's start, after its last value) */
		const unsigned char *s = c->source;
		size_t p = c->bytes, chars = c->chars;
		while (chars > index && p > c->base) {
			p--;
			while (p > c->base && (s[p] & 0xC0) == 0x80)
				p--;
			chars--;
		}
		c->chars = chars;
		c->bytes = p;
	} else if (index < c->chars) {
		c->chars = 0;
		c->bytes = c->base;
	}
	const unsigned char *s = c->source;
	size_t p = c->bytes, need = index - c->chars;
	while (need >= 8 && p + 8 <= c->len) {
		uint64_t w;
		memcpy(&w, s + p, 8);
		/* continuation bytes are 10xxxxxx */
		uint64_t cont = w & HIGH_BITS & ~(w << 1);
		size_t leads = 8 - (size_t)__builtin_popcountll(cont);
		p += 8;
		while (p < c->len && (s[p] & 0xC0) == 0x80)
			p++;
		need -= leads;
	}
	while (need > 0 && p < c->len) {
		p++;
		while (p < c->len && (s[p] & 0xC0) == 0x80)
			p++;
		need--;
	}
	c->chars = index - need;
	c->bytes = p;
	return p;
}

size_t ar_layout_kept_lines(const char *value, size_t len, bool block)
{
	if (!block)
		return 0;
	size_t n = 0;
	while (n < len && value[len - 1 - n] == '\n')
		n++;
	if (n == len) /* only line breaks: every one is a blank line after the header */
		return n;
	return n > 1 ? n - 1 : 0;
}

static size_t kept_breaks(const yaml_event_t *ev)
{
	return ev->type == YAML_SCALAR_EVENT
	               ? ar_layout_kept_lines((const char *)ev->data.scalar.value, ev->data.scalar.length,
	                                      ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
	                                              ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE)
	               : 0;
}

/* ---- the builder (driven by the loader) ---- */

struct ar_layout_builder {
	struct ar_layout *L;
	struct cursor cursor;
	size_t top_cap, meeting_cap, item_cap;
	bool top_open;
	uint64_t original_hash;    /* of the bytes before CR became LF */
};

struct ar_layout_builder *ar_layout_builder_new(char *source, size_t len)
{
	struct ar_layout_builder *b = ar_xcalloc(1, sizeof *b);
	b->L = ar_xcalloc(1, sizeof *b->L);
	/* serials start at 1: an item's origin_layout 0 is "made here"; layouts
	 * may be read on several threads (load_many.c) */
	static atomic_uint_least32_t serials;
	do
		b->L->serial = (uint32_t)atomic_fetch_add(&serials, 1) + 1;
	while (b->L->serial == 0);
	b->L->source = source;
	b->L->len = len;
	/* Lone CRs are line breaks to YAML but not to the layout, which counts
	 * lines by LF: such a file is followed as the LF file it stands for.
	 * When no LF is there the CRs come back exactly on every write; a file
	 * that mixes them with LFs is given back as read while a save writes
	 * nothing else, and with LF once something is edited. */
	char *cr = len ? memchr(source, '\r', len) : NULL;
	if (cr && !memchr(source, '\n', len)) {
		b->original_hash = ar_hash64(AR_HASH_INIT, source, len);
		for (char *p = cr; (p = memchr(p, '\r', len - (size_t)(p - source))) != NULL; p++)
			*p = '\n';
		b->L->cr_breaks = true;
	} else if (cr) {
		char *end = source + len;
		for (char *p = cr; p && !b->L->as_read; p = memchr(p + 1, '\r', (size_t)(end - p - 1)))
			if (p + 1 == end || p[1] != '\n') {
				b->L->as_read = ar_xmalloc(len);
				memcpy(b->L->as_read, source, len);
				b->L->as_read_len = len;
				b->original_hash = ar_hash64(AR_HASH_INIT, source, len);
			}
		for (char *p = cr; b->L->as_read && p; p = p + 1 < end ? memchr(p + 1, '\r', (size_t)(end - p - 1)) : NULL)
			if (p + 1 == end || p[1] != '\n')
				*p = '\n';
	}
	cursor_init(&b->cursor, source, len);
	return b;
}

bool ar_layout_builder_cr_breaks(const struct ar_layout_builder *b, uint64_t *original_hash)
{
	if (b && b->L && (b->L->cr_breaks || b->L->as_read)) {
		*original_hash = b->original_hash;
		return true;
	}
	return false;
}

/* Whether text is the file read (as_read) with its lone CRs made LF. */
static bool as_read_but_lone_crs(const struct ar_layout *L, const char *text, size_t len)
{
	if (len != L->as_read_len)
		return false;
	const char *a = L->as_read;
	for (size_t i = 0; i < len; i++)
		if (a[i] != text[i] && !(a[i] == '\r' && text[i] == '\n' && (i + 1 == len || a[i + 1] != '\n')))
			return false;
	return true;
}

void lay_breaks_back(const struct ar_layout *L, struct ar_buf *out, size_t from, bool unedited_as_read)
{
	if (!L || out->len <= from)
		return;
	char *text = out->data + from;
	size_t len = out->len - from;
	if (L->cr_breaks) {
		for (char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))) != NULL; p++)
			*p = '\r';
	} else if (L->as_read && unedited_as_read && as_read_but_lone_crs(L, text, len)) {
		memcpy(text, L->as_read, len);
	}
}

size_t ar_layout_byte_of(struct ar_layout_builder *b, size_t index)
{
	return cursor_byte(&b->cursor, index);
}

void ar_layout_builder_free(struct ar_layout_builder *b)
{
	if (!b)
		return;
	ar_layout_free(b->L);
	free(b);
}

void ar_layout_top_key(struct ar_layout_builder *b, size_t key_at, int known)
{
	struct ar_layout *L = b->L;
	AR_GROW(L->tops, b->top_cap, L->top_count + 1, 16);
	struct lay_top *t = &L->tops[L->top_count++];
	memset(t, 0, sizeof *t);
	t->known = known;
	t->span.key = cursor_byte(&b->cursor, key_at);
	t->span.body = lay_line_start(L->source, t->span.key);
	if (t->span.body < b->cursor.base) /* the first line, after a BOM */
		t->span.body = b->cursor.base;
	t->span.end = SIZE_MAX;
	b->top_open = true;
}

void ar_layout_top_end(struct ar_layout_builder *b, size_t end_at, size_t extra_lines)
{
	if (!b->top_open)
		return;
	struct lay_top *t = &b->L->tops[b->L->top_count - 1];
	t->span.end = part_end(b->L->source, b->L->len, t->span.key, cursor_byte(&b->cursor, end_at), extra_lines);
	b->top_open = false;
}

static void element_span(struct ar_layout_builder *b, struct lay_span *s, size_t start_at, size_t end_at,
                         size_t extra_lines)
{
	s->key = cursor_byte(&b->cursor, start_at);
	s->body = lay_line_start(b->L->source, s->key);
	s->end = part_end(b->L->source, b->L->len, s->key, cursor_byte(&b->cursor, end_at), extra_lines);
}

void ar_layout_meeting(struct ar_layout_builder *b, size_t start_at, size_t end_at, size_t extra_lines,
                       const struct ar_meeting *meeting)
{
	struct ar_layout *L = b->L;
	AR_GROW(L->meetings, b->meeting_cap, L->meeting_count + 1, 16);
	struct lay_element *e = &L->meetings[L->meeting_count++];
	memset(e, 0, sizeof *e);
	element_span(b, &e->span, start_at, end_at, extra_lines);
	e->meeting = *meeting;
}

void ar_layout_item(struct ar_layout_builder *b, size_t start_at, size_t end_at, size_t extra_lines,
                    struct ar_item *item)
{
	struct ar_layout *L = b->L;
	AR_GROW(L->items, b->item_cap, L->item_count + 1, 16);
	if (L->item_count < UINT32_MAX) { /* beyond, an item has no origin: written anew */
		item->origin_layout = L->serial;
		item->origin = (uint32_t)L->item_count;
	}
	struct lay_element *e = &L->items[L->item_count++];
	memset(e, 0, sizeof *e);
	element_span(b, &e->span, start_at, end_at, extra_lines);
	e->item = item;
}

const struct lay_element *lay_item_origin(const struct ar_layout *L, const struct ar_item *item)
{
	if (!L || item->origin_layout != L->serial || item->origin >= L->item_count)
		return NULL;
	return &L->items[item->origin];
}

static size_t id_slot(long id, size_t slots)
{
	return (size_t)(((uint64_t)id * UINT64_C(0x9e3779b97f4a7c15)) >> 17) & (slots - 1);
}

static void index_items(struct ar_layout *L)
{
	size_t want = 64;
	while (want < L->item_count * 2)
		want *= 2;
	L->item_slots = ar_xcalloc(want, sizeof *L->item_slots);
	L->item_slot_count = want;
	for (size_t i = 0; i < L->item_count; i++) {
		size_t s = id_slot(L->items[i].item->id, want);
		while (L->item_slots[s])
			s = (s + 1) & (want - 1);
		L->item_slots[s] = i + 1;
	}
}

const struct lay_element *lay_find_item(const struct ar_layout *L, long id)
{
	if (!L->item_slot_count)
		return NULL;
	for (size_t s = id_slot(id, L->item_slot_count); L->item_slots[s]; s = (s + 1) & (L->item_slot_count - 1))
		if (L->items[L->item_slots[s] - 1].item->id == id)
			return &L->items[L->item_slots[s] - 1];
	return NULL;
}

const struct lay_element *lay_find_meeting(const struct ar_layout *L, ar_date date)
{
	for (size_t i = 0; i < L->meeting_count; i++)
		if (L->meetings[i].meeting.date == date)
			return &L->meetings[i];
	return NULL;
}

/* Whether source[from, to) holds only spaces and "- " indicators (the
 * indentation before an element's first key), or "? " (before a complex key). */
static bool only_indent(const char *source, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (source[i] != ' ' && source[i] != '-' && source[i] != '?')
			return false;
	return true;
}

/* Elements tile [first_lead, ...): each one's lead is the previous one's end. */
static bool tile_elements(const struct ar_layout *L, struct lay_element *e, size_t count, size_t first_lead)
{
	size_t lead = first_lead;
	for (size_t i = 0; i < count; i++) {
		if (e[i].span.body < lead || e[i].span.end < e[i].span.body ||
		    !only_indent(L->source, e[i].span.body, e[i].span.key))
			return false;
		e[i].span.lead = lead;
		lead = e[i].span.end;
	}
	return true;
}

struct ar_layout *ar_layout_builder_finish(struct ar_layout_builder *b, const struct ar_tracker *t)
{
	struct ar_layout *L = b->L;
	b->L = NULL;
	free(b);
	/* tops_ok: the top level is a block mapping the spans follow; a
	 * sequence of meetings or items that is not followed (flow style) is
	 * marked on its own, so only that part needs writing anew */
	bool tops_ok = L->top_count > 0, parts_ok = true;
	size_t lead = tops_ok ? L->tops[0].span.body : 0;
	L->head_end = lead;
	for (size_t i = 0; tops_ok && i < L->top_count; i++) {
		struct lay_span *s = &L->tops[i].span;
		tops_ok = s->end != SIZE_MAX && s->body >= lead && only_indent(L->source, s->body, s->key);
		s->lead = lead;
		lead = s->end;
		int k = L->tops[i].known;
		if (tops_ok && (k == AR_TRACKER_KEY_ITEMS || k == AR_TRACKER_KEY_MEETINGS)) {
			struct lay_element *e = k == AR_TRACKER_KEY_ITEMS ? L->items : L->meetings;
			size_t n = k == AR_TRACKER_KEY_ITEMS ? L->item_count : L->meeting_count;
			size_t expect = k == AR_TRACKER_KEY_ITEMS ? t->item_count : t->meeting_count;
			/* a flow sequence records no elements: not followed here */
			L->tops[i].unfollowed = !(n == expect && tile_elements(L, e, n, lay_line_end(L->source, L->len, s->key)) &&
			                          (n == 0 || e[n - 1].span.end == s->end));
			parts_ok = parts_ok && !L->tops[i].unfollowed;
		}
	}
	L->tail = lead;
	if (!tops_ok || !parts_ok) {
		/* kept for ar_layout_follow_flow, which writes those parts anew */
		L->unfollowed = tops_ok ? AR_LAYOUT_UNFOLLOWED_PARTS : AR_LAYOUT_UNFOLLOWED_TOP;
		return L;
	}
	L->committee = t->committee;
	L->title = t->title;
	L->as_of = t->as_of;
	L->response_days = t->response_days;
	L->extras = t->extras;
	index_items(L);
	return L;
}

void ar_layout_free(struct ar_layout *L)
{
	if (!L)
		return;
	free(L->source);
	free(L->original);
	free(L->as_read);
	free(L->regions);
	free(L->tops);
	free(L->meetings);
	free(L->items);
	free(L->item_slots);
	free(L);
}

bool ar_layout_cr_breaks(const struct ar_layout *L)
{
	return L && L->cr_breaks;
}

void ar_layout_keep_cr_breaks(struct ar_tracker *to, const struct ar_tracker *from)
{
	if (to->layout && ar_layout_cr_breaks(from->layout) && !memchr(to->layout->source, '\r', to->layout->len))
		to->layout->cr_breaks = true;
}

const char *ar_layout_source(const struct ar_layout *L, size_t *len)
{
	*len = L ? L->len : 0;
	return L ? L->source : NULL;
}

/* ---- reading a part again ---- */

struct walker {
	yaml_parser_t parser;
	yaml_event_t event;
	bool have_event, failed;
	const char *source;
	size_t from, to;
	struct cursor cursor;
	size_t scanned;              /* comments are looked for up to here */
	size_t last_end;             /* byte after the last scalar, alias or flow end */
	size_t last_extra;           /* kept breaks of that scalar */
	bool flow[80];
	int depth;
	struct lay_tree *tree;
	size_t comment_cap;
};

static size_t walker_byte(struct walker *w, size_t index)
{
	return w->from + cursor_byte(&w->cursor, index);
}

static void add_comment(struct walker *w, size_t at)
{
	struct lay_tree *t = w->tree;
	if (t->comment_count && t->comments[t->comment_count - 1] >= at)
		return;
	AR_GROW(t->comments, w->comment_cap, t->comment_count + 1, 16);
	t->comments[t->comment_count++] = at;
}

/* Comments in source[from, to), bytes outside every token. */
static void scan_gap(struct walker *w, size_t from, size_t to)
{
	const char *s = w->source;
	for (size_t i = from; i < to; i++) {
		if (s[i] != '#')
			continue;
		if (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n' || s[i - 1] == '\r') {
			add_comment(w, i);
			i = lay_line_end(s, to, i) - 1;
		}
	}
}

/* A block scalar's header line may end in a comment: "text: |- # note". */
static void scan_block_header(struct walker *w, size_t at)
{
	const char *s = w->source;
	size_t i = at, end = lay_line_end(s, w->to, at);
	while (i < end && strchr("|>+-0123456789", s[i]))
		i++;
	scan_gap(w, i, end);
}

static bool walker_next(struct walker *w)
{
	if (w->have_event)
		yaml_event_delete(&w->event);
	w->have_event = false;
	if (w->failed || !yaml_parser_parse(&w->parser, &w->event)) {
		w->failed = true;
		return false;
	}
	w->have_event = true;
	const yaml_event_t *ev = &w->event;
	size_t start = walker_byte(w, ev->start_mark.index);
	if (start > w->scanned)
		scan_gap(w, w->scanned, start);
	size_t end = walker_byte(w, ev->end_mark.index);
	bool content = false;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		content = true;
		if (ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE || ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE)
			scan_block_header(w, start);
		break;
	case YAML_ALIAS_EVENT:
		content = true;
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		w->depth++;
		if (w->depth < (int)(sizeof w->flow / sizeof w->flow[0]))
			w->flow[w->depth] = ev->type == YAML_SEQUENCE_START_EVENT
			                            ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
			                            : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		content = w->depth < (int)(sizeof w->flow / sizeof w->flow[0]) && w->flow[w->depth];
		w->depth--;
		break;
	default:
		break;
	}
	if (content) {
		w->last_end = end;
		w->last_extra = kept_breaks(ev);
	}
	/* block ends' marks point at the next token: never past a comment */
	if (content && end > w->scanned)
		w->scanned = end;
	else if (start > w->scanned)
		w->scanned = start;
	return true;
}

static bool is_block_start(const yaml_event_t *ev)
{
	return (ev->type == YAML_MAPPING_START_EVENT && ev->data.mapping_start.style != YAML_FLOW_MAPPING_STYLE) ||
	       (ev->type == YAML_SEQUENCE_START_EVENT && ev->data.sequence_start.style != YAML_FLOW_SEQUENCE_STYLE);
}

/* Past the current node (its last event becomes current). */
static void walker_skip(struct walker *w)
{
	yaml_event_type_t t = w->event.type;
	if (t != YAML_MAPPING_START_EVENT && t != YAML_SEQUENCE_START_EVENT)
		return;
	int depth = 1;
	while (depth > 0 && walker_next(w)) {
		t = w->event.type;
		if (t == YAML_MAPPING_START_EVENT || t == YAML_SEQUENCE_START_EVENT)
			depth++;
		else if (t == YAML_MAPPING_END_EVENT || t == YAML_SEQUENCE_END_EVENT)
			depth--;
	}
}

struct node_list {
	struct lay_node *items;
	size_t count, cap;
};

static void walk_children(struct walker *w, struct lay_node *node, int depth);

/* The current event starts a child's value: read it into child. */
static void walk_value(struct walker *w, struct lay_node *child, int depth)
{
	child->value = walker_byte(w, w->event.start_mark.index);
	if (is_block_start(&w->event) && depth > 0) {
		child->block_value = true;
		walk_children(w, child, depth - 1);
	} else {
		walker_skip(w);
	}
	child->value_end = w->last_end;
	child->span.end = part_end(w->source, w->to, child->span.key, w->last_end, w->last_extra);
}

/* Entered at a block collection's start; leaves at its end. */
static void walk_children(struct walker *w, struct lay_node *node, int depth)
{
	bool mapping = w->event.type == YAML_MAPPING_START_EVENT;
	yaml_event_type_t end = mapping ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
	struct node_list list = {0};
	while (walker_next(w) && w->event.type != end) {
		AR_GROW(list.items, list.cap, list.count + 1, 16);
		struct lay_node *c = &list.items[list.count++];
		memset(c, 0, sizeof *c);
		c->span.key = walker_byte(w, w->event.start_mark.index);
		c->span.body = lay_line_start(w->source, c->span.key);
		if (mapping) {
			if (w->event.type == YAML_SCALAR_EVENT)
				c->name = ar_arena_strndup(w->tree->arena, (const char *)w->event.data.scalar.value,
				                           w->event.data.scalar.length);
			else
				walker_skip(w); /* a complex key: kept with its value */
			if (!walker_next(w))
				break;
		}
		walk_value(w, c, depth);
	}
	/* Leads: after the previous child; the first child's starts after the
	 * line that opens the collection, unless it is on that line. */
	size_t opened = lay_line_end(w->source, w->to, node->span.key);
	for (size_t i = 0; i < list.count; i++) {
		struct lay_node *c = &list.items[i];
		if (i > 0)
			c->span.lead = list.items[i - 1].span.end;
		else
			c->span.lead = c->span.body >= opened && opened > node->span.body ? opened : c->span.body;
		if (c->span.lead > c->span.body)
			c->span.lead = c->span.body;
	}
	node->child_count = list.count;
	if (list.count) {
		node->children = ar_arena_alloc(w->tree->arena, list.count * sizeof *list.items);
		memcpy(node->children, list.items, list.count * sizeof *list.items);
	}
	free(list.items);
}

/* A walker over source[from, to) whose comments go to tree. */
static bool walker_init(struct walker *w, const char *source, size_t from, size_t to, struct lay_tree *tree)
{
	memset(w, 0, sizeof *w);
	w->source = source;
	w->from = from;
	w->to = to;
	w->scanned = from;
	w->last_end = from;
	w->tree = tree;
	cursor_init(&w->cursor, source + from, to - from);
	if (!yaml_parser_initialize(&w->parser))
		return false;
	yaml_parser_set_input_string(&w->parser, (const unsigned char *)source + from, to - from);
	return true;
}

bool lay_read_tree(const char *source, size_t from, size_t to, int depth, struct lay_tree *tree)
{
	memset(tree, 0, sizeof *tree);
	tree->arena = ar_arena_new();
	struct walker w;
	if (!walker_init(&w, source, from, to, tree))
		return false;
	tree->root.span = (struct lay_span){from, from, from, to};
	bool ok = false;
	while (walker_next(&w)) {
		if (w.event.type == YAML_MAPPING_START_EVENT || w.event.type == YAML_SEQUENCE_START_EVENT) {
			if (!is_block_start(&w.event))
				break;
			tree->root.span.key = walker_byte(&w, w.event.start_mark.index);
			walk_children(&w, &tree->root, depth);
			ok = !w.failed;
			while (walker_next(&w) && w.event.type != YAML_STREAM_END_EVENT)
				;
			break;
		}
		if (w.event.type == YAML_SCALAR_EVENT || w.event.type == YAML_STREAM_END_EVENT)
			break;
	}
	if (w.failed)
		ok = false;
	if (w.have_event)
		yaml_event_delete(&w.event);
	yaml_parser_delete(&w.parser);
	return ok;
}

bool lay_walk_events(const char *source, size_t from, size_t to,
                     void (*on_event)(void *ctx, const yaml_event_t *event, size_t start, size_t end), void *ctx,
                     struct lay_tree *comments)
{
	memset(comments, 0, sizeof *comments);
	struct walker w;
	if (!walker_init(&w, source, from, to, comments))
		return false;
	bool ended = false;
	while (!ended && walker_next(&w)) {
		on_event(ctx, &w.event, walker_byte(&w, w.event.start_mark.index), walker_byte(&w, w.event.end_mark.index));
		ended = w.event.type == YAML_STREAM_END_EVENT;
	}
	if (w.have_event)
		yaml_event_delete(&w.event);
	yaml_parser_delete(&w.parser);
	return ended && !w.failed;
}

void lay_tree_free(struct lay_tree *tree)
{
	if (tree->arena)
		ar_arena_free(tree->arena);
	free(tree->comments);
	memset(tree, 0, sizeof *tree);
}

size_t lay_comment_in(const struct lay_tree *tree, size_t from, size_t to)
{
	size_t lo = 0, hi = tree->comment_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tree->comments[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < tree->comment_count && tree->comments[lo] < to ? tree->comments[lo] : SIZE_MAX;
}
