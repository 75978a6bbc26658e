/* conflict_names.c - what each conflict of a file is in (conflict_names.h).
 *
 * Each side of a conflicted file (ar_conflict_take_side) is a tracker as
 * that side wrote it.  Its libyaml events give every top-level key, meeting
 * and item with its keys and the lines they stand on; the keys whose lines
 * fall in a conflict's part of one side and differ from the other side's
 * are what the conflict is in.  Only the parts that touch a conflict are
 * kept, so a big file with a few conflicts costs two event parses and
 * little memory.  A side that is not YAML all through is named as far as
 * it reads.
 */
#include "config.h"

#include "conflict_names.h"

#include "artrack/alloc.h"
#include "artrack/hash.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

enum owner_kind { OWNER_TOP, OWNER_ITEM, OWNER_MEETING };

/* A key (or a whole item or meeting: key "") of one side that a conflict's
 * lines touch. */
struct part {
	size_t conflict, seq;
	enum owner_kind kind;
	char owner[32];             /* the item's id, the meeting's date, as written; "" top level */
	char key[48];
	int first, last;            /* its lines in the side's text */
	uint64_t hash;              /* of those lines */
	bool short_value;           /* a one-line scalar of at most CONFLICT_VALUE_MAX bytes */
	char value[CONFLICT_VALUE_MAX + 1];
};

/* A conflict's lines in one side's text (last < first: it has none). */
struct range {
	int first, last;
};

struct side {
	const char *text;
	size_t len;
	const struct range *ranges; /* one per conflict, in order */
	size_t count;
	yaml_parser_t parser;
	yaml_event_t event;
	bool done;                  /* no more events */
	int cur_line;               /* line_at's place */
	size_t cur_at;
	struct part *parts;         /* what touches a conflict */
	size_t part_count, part_cap;
	struct part *pending;       /* the keys of the item or meeting being read */
	size_t pending_count, pending_cap;
};

static bool next(struct side *s)
{
	if (s->done)
		return false;
	yaml_event_delete(&s->event);
	if (!yaml_parser_parse(&s->parser, &s->event) || s->event.type == YAML_STREAM_END_EVENT) {
		s->done = true;
		return false;
	}
	return true;
}

/* The byte offset where line (1-based) starts, walking from the last one
 * asked (keys come in order, so this is one pass over the text). */
static size_t line_at(struct side *s, int line)
{
	while (s->cur_line < line) {
		const char *nl = memchr(s->text + s->cur_at, '\n', s->len - s->cur_at);
		if (!nl)
			return s->len;
		s->cur_at = (size_t)(nl - s->text) + 1;
		s->cur_line++;
	}
	while (s->cur_line > line && s->cur_at > 0) {
		size_t at = s->cur_at - 1;
		while (at > 0 && s->text[at - 1] != '\n')
			at--;
		s->cur_at = at;
		s->cur_line--;
	}
	return s->cur_at;
}

static bool blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return false;
	return true;
}

/* A node's last line from its end mark: a block scalar's mark lies at the
 * start of the line after it (and past blank lines, which are not its). */
static void set_last_line(struct side *s, struct part *p, yaml_mark_t end)
{
	int last = end.column == 0 ? (int)end.line : (int)end.line + 1;
	p->last = last > p->first ? last : p->first;
	size_t from = line_at(s, p->first), to = line_at(s, p->last + 1);
	while (p->last > p->first) {
		size_t start = line_at(s, p->last);
		if (!blank(s->text + start, to - start))
			break;
		to = start;
		p->last--;
	}
	p->hash = ar_hash64(AR_HASH_INIT, s->text + from, to - from);
}

/* Skip the node whose first event is the current one; *end: where its last
 * scalar (or flow collection) ends, a block collection's end mark being the
 * next token's start. */
static void skip_node(struct side *s, yaml_mark_t *end)
{
	uint64_t flow = 0;
	int depth = 0;
	do {
		switch (s->event.type) {
		case YAML_SCALAR_EVENT:
		case YAML_ALIAS_EVENT:
			*end = s->event.end_mark;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			bool is_flow = s->event.type == YAML_SEQUENCE_START_EVENT
			                   ? s->event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
			                   : s->event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
			if (depth < 64)
				flow = is_flow ? flow | (UINT64_C(1) << depth) : flow & ~(UINT64_C(1) << depth);
			depth++;
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			if (depth < 64 && (flow >> depth & 1))
				*end = s->event.end_mark;
			break;
		default:
			break;
		}
		if (depth <= 0)
			return;
	} while (next(s));
}

static void copy_text(char *dst, size_t size, const void *src, size_t len)
{
	if (len >= size)
		len = size - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* The current event is a key: read it and its value into p.  false when it
 * is not a plain key or the input ends. */
static bool read_key(struct side *s, struct part *p)
{
	if (s->event.type != YAML_SCALAR_EVENT)
		return false;
	copy_text(p->key, sizeof p->key, s->event.data.scalar.value, s->event.data.scalar.length);
	p->first = (int)s->event.start_mark.line + 1;
	if (!next(s))
		return false;
	yaml_mark_t end = s->event.end_mark;
	if (s->event.type == YAML_SCALAR_EVENT) {
		size_t n = s->event.data.scalar.length;
		const char *v = (const char *)s->event.data.scalar.value;
		p->short_value = n <= CONFLICT_VALUE_MAX && !memchr(v, '\n', n) &&
		                 s->event.start_mark.line == s->event.end_mark.line;
		if (p->short_value)
			copy_text(p->value, sizeof p->value, v, n);
	} else {
		skip_node(s, &end);
	}
	set_last_line(s, p, end);
	return true;
}

/* The first conflict whose range ends at or after line. */
static size_t range_from(const struct side *s, int line)
{
	size_t lo = 0, hi = s->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->ranges[mid].last < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Keep p once for every conflict whose lines it touches. */
static void keep(struct side *s, const struct part *p)
{
	for (size_t k = range_from(s, p->first); k < s->count && s->ranges[k].first <= p->last; k++) {
		if (s->ranges[k].last < s->ranges[k].first)
			continue;
		AR_GROW(s->parts, s->part_cap, s->part_count + 1, 16);
		struct part *kept = &s->parts[s->part_count];
		*kept = *p;
		kept->conflict = k;
		kept->seq = s->part_count++;
	}
}

/* The elements of items: or meetings: (the current event starts the list). */
static void walk_owners(struct side *s, enum owner_kind kind)
{
	const char *owner_key = kind == OWNER_ITEM ? "id" : "date";
	while (next(s) && s->event.type != YAML_SEQUENCE_END_EVENT) {
		if (s->event.type != YAML_MAPPING_START_EVENT) {
			yaml_mark_t end;
			skip_node(s, &end);
			continue;
		}
		char owner[32] = "";
		s->pending_count = 0;
		while (next(s) && s->event.type != YAML_MAPPING_END_EVENT) {
			AR_GROW(s->pending, s->pending_cap, s->pending_count + 1, 16);
			struct part *p = &s->pending[s->pending_count];
			memset(p, 0, sizeof *p);
			p->kind = kind;
			if (!read_key(s, p)) {
				s->done = true;
				return;
			}
			s->pending_count++;
			if (strcmp(p->key, owner_key) == 0 && p->short_value)
				copy_text(owner, sizeof owner, p->value, strlen(p->value));
		}
		if (!s->pending_count || !*owner)
			continue; /* nothing to name it by */
		struct part whole = {.kind = kind,
		                     .first = s->pending[0].first,
		                     .last = s->pending[s->pending_count - 1].last};
		snprintf(whole.owner, sizeof whole.owner, "%s", owner);
		keep(s, &whole);
		for (size_t i = 0; i < s->pending_count; i++) {
			snprintf(s->pending[i].owner, sizeof s->pending[i].owner, "%s", owner);
			keep(s, &s->pending[i]);
		}
	}
}

/* Read one side: its top-level keys, meetings and items. */
static void walk(struct side *s)
{
	if (!next(s) || s->event.type != YAML_STREAM_START_EVENT || !next(s) ||
	    s->event.type != YAML_DOCUMENT_START_EVENT || !next(s) || s->event.type != YAML_MAPPING_START_EVENT)
		return;
	while (next(s) && s->event.type == YAML_SCALAR_EVENT) {
		bool items = strcmp((const char *)s->event.data.scalar.value, "items") == 0;
		bool meetings = strcmp((const char *)s->event.data.scalar.value, "meetings") == 0;
		if (items || meetings) {
			if (!next(s))
				return;
			if (s->event.type == YAML_SEQUENCE_START_EVENT) {
				walk_owners(s, items ? OWNER_ITEM : OWNER_MEETING);
			} else {
				yaml_mark_t end;
				skip_node(s, &end);
			}
			continue;
		}
		struct part p = {.kind = OWNER_TOP};
		if (!read_key(s, &p))
			return;
		keep(s, &p);
	}
}

static int by_conflict(const void *a, const void *b)
{
	const struct part *x = a, *y = b;
	if (x->conflict != y->conflict)
		return x->conflict < y->conflict ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void read_side(struct side *s, const struct ar_buf *text, const struct range *ranges, size_t count)
{
	memset(s, 0, sizeof *s);
	s->text = text->data ? text->data : "";
	s->len = text->len;
	s->ranges = ranges;
	s->count = count;
	s->cur_line = 1;
	if (yaml_parser_initialize(&s->parser)) {
		yaml_parser_set_input_string(&s->parser, (const unsigned char *)s->text, s->len);
		walk(s);
		yaml_event_delete(&s->event);
		yaml_parser_delete(&s->parser);
	}
	free(s->pending);
	if (s->part_count)
		qsort(s->parts, s->part_count, sizeof *s->parts, by_conflict);
}

/* ---- naming ---- */

#define MAX_GROUPS 4
#define MAX_FIELDS 6

/* One item, meeting or the top level, in one conflict. */
struct group {
	enum owner_kind kind;
	const char *owner;
	const struct part *whole[2];      /* ours, theirs: the item or meeting itself */
	const struct part *fields[2][MAX_FIELDS]; /* the keys that differ, each side's part (or NULL) */
	size_t field_count, more;
	bool alone;                       /* all of it on one side only: named alone */
};

/* A conflict's parts on one side. */
struct parts {
	const struct part *at;
	size_t count;
};

static bool same_owner(const struct part *p, enum owner_kind kind, const char *owner)
{
	return p->kind == kind && strcmp(p->owner, owner) == 0;
}

static const struct part *find_key(const struct parts *in, const struct part *p)
{
	for (size_t i = 0; i < in->count; i++)
		if (*in->at[i].key && same_owner(&in->at[i], p->kind, p->owner) && strcmp(in->at[i].key, p->key) == 0)
			return &in->at[i];
	return NULL;
}

static struct group *group_of(struct group *groups, size_t *count, bool *more, const struct part *p)
{
	for (size_t i = 0; i < *count; i++)
		if (groups[i].kind == p->kind && strcmp(groups[i].owner, p->owner) == 0)
			return &groups[i];
	if (*count == MAX_GROUPS) {
		*more = true;
		return NULL;
	}
	struct group *g = &groups[(*count)++];
	memset(g, 0, sizeof *g);
	g->kind = p->kind;
	g->owner = p->owner;
	return g;
}

static bool covers(const struct part *p, const struct range *r)
{
	return p && p->first >= r->first && p->last <= r->last;
}

/* Add p's key to its group when it differs from the other side's. */
static void add_field(struct group *g, int side, const struct part *p, const struct parts *other)
{
	bool owner_key = (g->kind == OWNER_ITEM && strcmp(p->key, "id") == 0) ||
	                 (g->kind == OWNER_MEETING && strcmp(p->key, "date") == 0);
	if (owner_key)
		return; /* the same id on both sides: only its line's comment differs */
	const struct part *twin = find_key(other, p);
	if (twin && (side == 1 || twin->hash == p->hash))
		return; /* the same on both sides, or already taken from ours */
	if (g->field_count == MAX_FIELDS) {
		g->more++;
		return;
	}
	g->fields[side][g->field_count] = p;
	g->fields[1 - side][g->field_count] = twin;
	g->field_count++;
}

static void join_fields(struct ar_buf *out, const struct group *g)
{
	size_t n = g->field_count + (g->more ? 1 : 0);
	for (size_t i = 0; i < g->field_count; i++) {
		const struct part *p = g->fields[0][i] ? g->fields[0][i] : g->fields[1][i];
		ar_buf_adds(out, i == 0 ? "" : i + 1 == n ? " and " : ", ");
		ar_buf_adds(out, p->key);
	}
	if (g->more)
		ar_buf_addf(out, " and %zu more", g->more);
}

static void owner_name(struct ar_buf *out, enum owner_kind kind, const char *owner)
{
	ar_buf_addf(out, "%s %s", kind == OWNER_ITEM ? "item" : "meeting", owner);
}

/* The item or meeting a side's parts hold the whole range inside, if any. */
static const struct part *enclosing(const struct parts *in, const struct range *r)
{
	for (size_t i = 0; i < in->count; i++)
		if (!*in->at[i].key && in->at[i].first <= r->first && in->at[i].last >= r->last)
			return &in->at[i];
	return NULL;
}

static void name_one(const struct parts side[2], const struct range r[2], const struct ar_conflict_span *span,
                     struct conflict_what *what)
{
	struct group groups[MAX_GROUPS];
	size_t count = 0;
	bool more = false;
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < side[s].count; i++) {
			const struct part *p = &side[s].at[i];
			struct group *g = group_of(groups, &count, &more, p);
			if (g && !*p->key)
				g->whole[s] = p;
		}
	for (size_t i = 0; i < count; i++) {
		struct group *g = &groups[i];
		if (g->kind != OWNER_TOP && ((covers(g->whole[0], &r[0]) && !g->whole[1]) ||
		                             (covers(g->whole[1], &r[1]) && !g->whole[0]))) {
			g->alone = true; /* an item or meeting only one side has here */
			continue;
		}
		for (int s = 0; s < 2; s++)
			for (size_t k = 0; k < side[s].count; k++)
				if (*side[s].at[k].key && same_owner(&side[s].at[k], g->kind, g->owner))
					add_field(g, s, &side[s].at[k], &side[1 - s]);
	}
	struct ar_buf name = {0};
	ar_buf_adds(&name, "");
	size_t named = 0;
	const struct group *only = NULL;
	for (size_t i = 0; i < count; i++) {
		const struct group *g = &groups[i];
		if (!g->alone && !g->field_count)
			continue; /* its lines are the same on both sides */
		ar_buf_adds(&name, named++ ? ", " : "");
		if (g->kind != OWNER_TOP) {
			owner_name(&name, g->kind, g->owner);
			if (!g->alone)
				ar_buf_adds(&name, " ");
		}
		if (!g->alone)
			join_fields(&name, g);
		only = g;
	}
	if (named && more)
		ar_buf_adds(&name, " and more");
	if (!named) {
		/* comments or blank lines inside one item or meeting */
		const struct part *in = enclosing(&side[0], &r[0]);
		if (!in)
			in = enclosing(&side[1], &r[1]);
		if (in)
			owner_name(&name, in->kind, in->owner);
	}
	snprintf(what->name, sizeof what->name, "%s", name.data);
	ar_buf_free(&name);
	if (named != 1 || more || only->alone || only->field_count != 1 || only->more)
		return;
	/* One field: show each side's value where it is a short one. */
	int starts[2] = {span->open + 1, span->middle + 1};
	for (int s = 0; s < 2; s++) {
		const struct part *p = only->fields[s][0];
		if (!p || !p->short_value)
			continue;
		what->values[s] = true;
		snprintf(what->value[s], sizeof what->value[s], "%s", p->value);
		what->value_line[s] = starts[s] + ((p->first > r[s].first ? p->first : r[s].first) - r[s].first);
	}
}

/* Name every conflict (see conflict_names.h). */
void conflict_name(const char *data, size_t len, const struct ar_conflict_span *spans, size_t count,
                   struct conflict_what *what)
{
	memset(what, 0, count * sizeof *what);
	struct ar_buf text[2] = {{0}};
	ar_conflict_take_side(data, len, AR_CONFLICT_OURS, &text[0]);
	ar_conflict_take_side(data, len, AR_CONFLICT_THEIRS, &text[1]);
	/* Each conflict's lines in each side's text: the marker lines and the
	 * other side's lines before it are not there. */
	struct range *ranges[2] = {ar_xcalloc(count ? count : 1, sizeof (struct range)),
	                           ar_xcalloc(count ? count : 1, sizeof (struct range))};
	int dropped[2] = {0, 0};
	for (size_t k = 0; k < count; k++) {
		const struct ar_conflict_span *sp = &spans[k];
		int lines = sp->close - sp->open + 1;
		int kept[2] = {(sp->base ? sp->base : sp->middle) - sp->open - 1, sp->close - sp->middle - 1};
		for (int s = 0; s < 2; s++) {
			ranges[s][k].first = sp->open - dropped[s];
			ranges[s][k].last = ranges[s][k].first + kept[s] - 1;
			dropped[s] += lines - kept[s];
		}
	}
	struct side sides[2];
	for (int s = 0; s < 2; s++)
		read_side(&sides[s], &text[s], ranges[s], count);
	size_t at[2] = {0, 0};
	for (size_t k = 0; k < count; k++) {
		struct parts parts[2];
		for (int s = 0; s < 2; s++) {
			size_t from = at[s];
			while (at[s] < sides[s].part_count && sides[s].parts[at[s]].conflict == k)
				at[s]++;
			parts[s] = (struct parts){sides[s].parts ? sides[s].parts + from : NULL, at[s] - from};
		}
		struct range r[2] = {ranges[0][k], ranges[1][k]};
		name_one(parts, r, &spans[k], &what[k]);
	}
	for (int s = 0; s < 2; s++) {
		free(sides[s].parts);
		free(ranges[s]);
		ar_buf_free(&text[s]);
	}
}
