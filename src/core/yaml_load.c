/* yaml_load.c - the loader: libyaml events straight into the model.
 *
 * One pass over the event stream, by recursive descent: each function is
 * entered with the current event at the start of its node and leaves it at
 * the node's last event.  Every problem becomes a diagnostic and reading goes
 * on, so one run reports them all; only a libyaml error, too deep nesting or
 * too many problems stop it early.  Scalars are copied once, into the
 * tracker's arena; unknown keys are kept as ar_node trees.
 *
 * The input goes to libyaml through a read handler that hashes it (for
 * the outside-change check) and counts '#' signs that could open a comment;
 * nothing of it is kept.
 * libyaml drops comments and has no API that reports them, so a file is
 * taken to have comments when it holds more '#' signs after whitespace or at
 * a line start than the scalars account for.  Escapes in double-quoted
 * scalars ("\x23", "\t#") can make a scalar account for a '#' that the
 * bytes do not show, and so hide a real comment; that is the only miss.
 */
#include "config.h"

#include "artrack/yamlio.h"
#include "artrack/conflict.h"
#include "artrack/choices.h"
#include "artrack/hash.h"
#include "artrack/item_check.h"
#include "artrack/yaml_problem.h"
#include "artrack/layout.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define MAX_DEPTH 64          /* trackers need 6; libyaml slows quadratically with depth */
#define MAX_PROBLEMS 1000
#define SHOW_MAX 48            /* bytes of a value quoted in a message */
#define STD_TAG "tag:yaml.org,2002:"

/* ---- the input ---- */

struct source {
	FILE *file;                  /* NULL: reading memory */
	const unsigned char *memory;
	size_t memory_len, memory_pos;
	uint64_t hash, size;
	unsigned char carry[8];      /* read but not hashed yet: ar_hash64 takes */
	size_t carry_len;            /* pieces in multiples of 8 bytes */
	size_t comment_marks;
	unsigned char last_byte;     /* the byte before the next piece */
	struct ar_conflict_scan conflicts; /* git's conflict markers, if any */
	int errnum;                  /* a read error */
};

static bool is_utf8_lead(unsigned char c)
{
	return (c & 0xC0) != 0x80;
}

/* Move (line, column) over bytes p[0..len). */
static void advance_position(int *line, int *column, const unsigned char *p, size_t len)
{
	const unsigned char *end = p + len, *nl, *rest = p;
	while ((nl = memchr(rest, '\n', (size_t)(end - rest))) != NULL) {
		if (*line < INT_MAX)
			(*line)++;
		*column = 1;
		rest = nl + 1;
	}
	for (; rest < end; rest++)
		if (is_utf8_lead(*rest) && *column < INT_MAX)
			(*column)++;
}

static size_t count_comment_marks(const unsigned char *p, size_t len, unsigned char before)
{
	size_t n = 0;
	const unsigned char *end = p + len, *q = p;
	while ((q = memchr(q, '#', (size_t)(end - q))) != NULL) {
		unsigned char b = q > p ? q[-1] : before;
		if (b == ' ' || b == '\t' || b == '\n' || b == '\r')
			n++;
		q++;
	}
	return n;
}

/* Account for bytes handed to libyaml: size, hash, possible comments. */
static void source_account(struct source *src, const unsigned char *p, size_t n)
{
	src->size += n;
	src->comment_marks += count_comment_marks(p, n, src->last_byte);
	ar_conflict_scan_feed(&src->conflicts, p, n);
	src->last_byte = p[n - 1];
	if (src->carry_len) {
		size_t k = 8 - src->carry_len < n ? 8 - src->carry_len : n;
		memcpy(src->carry + src->carry_len, p, k);
		src->carry_len += k;
		p += k;
		n -= k;
		if (src->carry_len < 8)
			return;
		src->hash = ar_hash64(src->hash, src->carry, 8);
		src->carry_len = 0;
	}
	size_t whole = n & ~(size_t)7;
	src->hash = ar_hash64(src->hash, p, whole);
	memcpy(src->carry, p + whole, n - whole);
	src->carry_len = n - whole;
}

static uint64_t source_hash(const struct source *src)
{
	return src->carry_len ? ar_hash64(src->hash, src->carry, src->carry_len) : src->hash;
}

/* libyaml's read handler: straight into its buffer, nothing kept here. */
static int source_read(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
	struct source *src = data;
	size_t n;
	if (src->file) {
		n = fread(buffer, 1, size, src->file);
		if (n < size && ferror(src->file)) {
			src->errnum = errno ? errno : EIO;
			*size_read = 0;
			return 0;
		}
	} else {
		n = src->memory_len - src->memory_pos;
		if (n > size)
			n = size;
		if (n)
			memcpy(buffer, src->memory + src->memory_pos, n);
		src->memory_pos += n;
	}
	if (n)
		source_account(src, buffer, n);
	*size_read = n;
	return 1;
}

/* Where a reader error is.  libyaml gives only a byte offset, but its
 * decoded buffer runs from the scanner's mark up to the bad byte, so the
 * mark advanced over that buffer is the bad byte's line and column. */
static void reader_error_position(const yaml_parser_t *p, int *line, int *column)
{
	*line = p->mark.line >= INT_MAX ? INT_MAX : (int)p->mark.line + 1;
	*column = p->mark.column >= INT_MAX ? INT_MAX : (int)p->mark.column + 1;
	if (p->buffer.pointer && p->buffer.last > p->buffer.pointer)
		advance_position(line, column, p->buffer.pointer, (size_t)(p->buffer.last - p->buffer.pointer));
}

/* ---- small tables ---- */

/* Keys seen in one mapping, for duplicate checks: a list, and a hash index
 * once the list is long enough to make scanning it quadratic. */
struct key_entry {
	const char *key;
	size_t len;
	uint64_t hash;
	int line;
};

struct keyset {
	struct key_entry *entries;
	size_t count, cap;
	size_t *slots;               /* entry index + 1; 0 = empty */
	size_t slot_count;
};

static void keyset_reset(struct keyset *ks)
{
	ks->count = 0;
	free(ks->slots);
	ks->slots = NULL;
	ks->slot_count = 0;
}

static void keyset_index(struct keyset *ks)
{
	size_t want = 64;
	while (want < ks->count * 4)
		want *= 2;
	free(ks->slots);
	ks->slots = ar_xcalloc(want, sizeof *ks->slots);
	ks->slot_count = want;
	for (size_t i = 0; i < ks->count; i++) {
		size_t s = (size_t)ks->entries[i].hash & (want - 1);
		while (ks->slots[s])
			s = (s + 1) & (want - 1);
		ks->slots[s] = i + 1;
	}
}

/* Add key; 0 if it is new, else the line where it first appeared. */
static int keyset_add(struct keyset *ks, const char *key, size_t len, int line)
{
	uint64_t h = ar_hash64(AR_HASH_INIT, key, len);
	if (ks->slot_count) {
		size_t s = (size_t)h & (ks->slot_count - 1);
		for (; ks->slots[s]; s = (s + 1) & (ks->slot_count - 1)) {
			const struct key_entry *e = &ks->entries[ks->slots[s] - 1];
			if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0)
				return e->line;
		}
	} else {
		for (size_t i = 0; i < ks->count; i++) {
			const struct key_entry *e = &ks->entries[i];
			if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0)
				return e->line;
		}
	}
	AR_GROW(ks->entries, ks->cap, ks->count + 1, 16);
	ks->entries[ks->count++] = (struct key_entry){key, len, h, line};
	if (ks->count > 8 && ks->count * 2 > ks->slot_count)
		keyset_index(ks);
	else if (ks->slot_count) {
		size_t s = (size_t)h & (ks->slot_count - 1);
		while (ks->slots[s])
			s = (s + 1) & (ks->slot_count - 1);
		ks->slots[s] = ks->count;
	}
	return 0;
}

/* ids and meeting dates -> the line where each first appeared */
struct int_table {
	long *keys;                  /* 0 = empty (ids and dates are positive) */
	int *lines;
	size_t slots, count;
};

static size_t int_slot(long key, size_t slots)
{
	return (size_t)(((uint64_t)key * UINT64_C(0x9e3779b97f4a7c15)) >> 20) & (slots - 1);
}

static int int_table_get(const struct int_table *t, long key)
{
	if (!t->slots)
		return 0;
	for (size_t s = int_slot(key, t->slots); t->keys[s]; s = (s + 1) & (t->slots - 1))
		if (t->keys[s] == key)
			return t->lines[s];
	return 0;
}

/* Insert key; 0 if it is new, else the line where it first appeared. */
static int int_table_put(struct int_table *t, long key, int line)
{
	int first = int_table_get(t, key);
	if (first)
		return first;
	if ((t->count + 1) * 2 > t->slots) {
		struct int_table bigger = {0};
		bigger.slots = t->slots ? t->slots * 2 : 64;
		bigger.keys = ar_xcalloc(bigger.slots, sizeof *bigger.keys);
		bigger.lines = ar_xcalloc(bigger.slots, sizeof *bigger.lines);
		for (size_t i = 0; i < t->slots; i++)
			if (t->keys[i])
				int_table_put(&bigger, t->keys[i], t->lines[i]);
		free(t->keys);
		free(t->lines);
		*t = bigger;
	}
	size_t s = int_slot(key, t->slots);
	while (t->keys[s])
		s = (s + 1) & (t->slots - 1);
	t->keys[s] = key;
	t->lines[s] = line > 0 ? line : 1;
	t->count++;
	return 0;
}

static void int_table_free(struct int_table *t)
{
	free(t->keys);
	free(t->lines);
	memset(t, 0, sizeof *t);
}

/* ---- the loader ---- */

struct meeting_ref {
	ar_date date;
	int line, column;
};

struct loader {
	yaml_parser_t parser;
	yaml_event_t event;          /* the current event */
	bool stopped;                /* no more events: error, depth or too many problems */
	bool io_error;
	struct source src;
	struct ar_tracker *t;
	struct ar_diags found;       /* sorted and handed over at the end */
	size_t problems;
	int depth;
	size_t value_comment_marks;
	struct ar_layout_builder *layout; /* NULL: not recorded (single items) */
	size_t last_end;             /* mark index after the last scalar, alias or flow end */
	size_t last_extra;           /* ar_layout_kept_lines of that scalar */
	bool flow_at[MAX_DEPTH + 2]; /* the collection open at each depth is flow style */
	struct keyset keysets[MAX_DEPTH + 2];
	struct int_table ids, meeting_dates;
	long last_id;                /* the ids so far all ascend up to this one */
	bool ids_unordered;          /* ... until this: then ids holds them */
	bool single_item;            /* ar_item_from_yaml: check against the tracker */
	long replacing_id;
	struct ar_item *item;        /* the item read in single_item mode */
	struct meeting_ref *refs;    /* items' meetings not yet seen in meetings */
	size_t ref_count, ref_cap;
	struct ar_node **nodes;      /* stacks, shared by nesting levels */
	size_t node_count, node_cap;
	struct ar_extra *extras;
	size_t extra_count, extra_cap;
	const char **leads;
	size_t lead_count, lead_cap;
	struct ar_update *updates;
	size_t update_count, update_cap;
};

static void stop(struct loader *L)
{
	L->stopped = true;
}

static void problem(struct loader *L, int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct loader *L, int line, int column, const char *fmt, ...)
{
	if (L->problems > MAX_PROBLEMS)
		return;
	if (L->problems == MAX_PROBLEMS) {
		ar_diags_add(&L->found, line, column, "too many problems; stopped after %d", MAX_PROBLEMS);
		L->problems++;
		stop(L);
		return;
	}
	char message[AR_ERROR_MESSAGE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	ar_diags_add(&L->found, line, column, "%s", message);
	L->problems++;
}

static int mark_line(const yaml_mark_t *m)
{
	return m->line >= INT_MAX ? INT_MAX : (int)m->line + 1;
}

static int mark_column(const yaml_mark_t *m)
{
	return m->column >= INT_MAX ? INT_MAX : (int)m->column + 1;
}

#define EV_LINE(L) mark_line(&(L)->event.start_mark)
#define EV_COL(L) mark_column(&(L)->event.start_mark)

/* At most SHOW_MAX bytes of s, cut at a character boundary, with control
 * characters shown as '?', for quoting a value in a message. */
static const char *show(char *buf, size_t size, const char *s, size_t len)
{
	size_t n = len < SHOW_MAX ? len : SHOW_MAX, o = 0;
	while (n < len && n > 0 && !is_utf8_lead((unsigned char)s[n]))
		n--;
	for (size_t i = 0; i < n && o + 4 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		buf[o++] = (char)(c < 0x20 || c == 0x7F ? '?' : c);
	}
	if (n < len && o + 4 < size) {
		memcpy(buf + o, "\xE2\x80\xA6", 3); /* … */
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

/* "a mapping", "a sequence", "'value'" or "an empty value", for messages. */
static const char *describe(const yaml_event_t *ev, char *buf, size_t size)
{
	char shown[SHOW_MAX * 2 + 8];
	switch (ev->type) {
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_SEQUENCE_START_EVENT:
		return "a sequence";
	case YAML_ALIAS_EVENT:
		return "an alias";
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.length == 0 && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
			return "an empty value";
		snprintf(buf, size, "'%s'",
		         show(shown, sizeof shown, (const char *)ev->data.scalar.value, ev->data.scalar.length));
		return buf;
	default:
		return "nothing";
	}
}

/* "!!str" for the standard tags, else the tag itself. */
static const char *short_tag(const char *tag, char *buf, size_t size)
{
	if (strncmp(tag, STD_TAG, strlen(STD_TAG)) == 0) {
		snprintf(buf, size, "!!%s", tag + strlen(STD_TAG));
		return buf;
	}
	return tag;
}

/* Whether tag is one of the YAML core schema's (and timestamp): anything
 * else, !!python/object/apply:... included, asks a reader to build an object
 * of some language's, and another tool reading the file might. */
static bool core_schema_tag(const char *tag)
{
	static const char *const core[] = {"str", "int", "float", "bool", "null", "seq", "map", "timestamp"};
	if (strncmp(tag, STD_TAG, strlen(STD_TAG)) != 0)
		return false;
	for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
		if (strcmp(tag + strlen(STD_TAG), core[i]) == 0)
			return true;
	return false;
}

static void parser_problem(struct loader *L)
{
	const yaml_parser_t *p = &L->parser;
	if (p->error == YAML_READER_ERROR && L->src.errnum) {
		L->io_error = true;
		return;
	}
	if (p->error == YAML_MEMORY_ERROR) {
		problem(L, 0, 0, "out of memory while reading YAML");
		return;
	}
	struct ar_buf message = {0};
	const yaml_mark_t *at = ar_yaml_problem_message(p, &message);
	int line, column;
	if (at) {
		line = mark_line(at);
		column = mark_column(at);
	} else {
		reader_error_position(p, &line, &column);
	}
	problem(L, line, column, "%s", message.data);
	ar_buf_free(&message);
}

/* '#' signs in a scalar's value that match those counted in the raw bytes. */
static size_t value_comment_marks(const yaml_event_t *ev)
{
	const unsigned char *v = ev->data.scalar.value;
	size_t len = ev->data.scalar.length, n = 0;
	if (!len || !memchr(v, '#', len))
		return 0;
	yaml_scalar_style_t style = ev->data.scalar.style;
	if (v[0] == '#' && (style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE))
		n++;
	return n + count_comment_marks(v, len, 'x');
}

/* Advance to the next event, checking what every event must satisfy
 * (no anchors or aliases, standard tags, bounded depth).  false when there
 * are no more events. */
static bool next(struct loader *L)
{
	yaml_event_delete(&L->event);
	if (L->stopped)
		return false;
	if (!yaml_parser_parse(&L->parser, &L->event)) {
		parser_problem(L);
		stop(L);
		return false;
	}
	const yaml_event_t *ev = &L->event;
	const yaml_char_t *anchor = NULL, *tag = NULL;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		L->value_comment_marks += value_comment_marks(ev);
		L->last_end = ev->end_mark.index;
		L->last_extra = ar_layout_kept_lines((const char *)ev->data.scalar.value, ev->data.scalar.length,
		                                     ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
		                                             ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (ev->type == YAML_SEQUENCE_START_EVENT) {
			anchor = ev->data.sequence_start.anchor;
			tag = ev->data.sequence_start.tag;
		} else {
			anchor = ev->data.mapping_start.anchor;
			tag = ev->data.mapping_start.tag;
		}
		if (++L->depth > MAX_DEPTH) {
			problem(L, EV_LINE(L), EV_COL(L), "nesting deeper than %d levels", MAX_DEPTH);
			stop(L);
		} else {
			L->flow_at[L->depth] = ev->type == YAML_SEQUENCE_START_EVENT
			                               ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
			                               : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		}
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (L->depth >= 0 && L->depth <= MAX_DEPTH && L->flow_at[L->depth]) {
			L->last_end = ev->end_mark.index;
			L->last_extra = 0;
		}
		L->depth--;
		break;
	case YAML_ALIAS_EVENT:
		L->last_end = ev->end_mark.index;
		L->last_extra = 0;
		problem(L, EV_LINE(L), EV_COL(L), "aliases and anchors are not allowed");
		break;
	default:
		break;
	}
	if (anchor)
		problem(L, EV_LINE(L), EV_COL(L), "aliases and anchors are not allowed");
	if (tag && !core_schema_tag((const char *)tag)) {
		char buf[SHOW_MAX * 2 + 8], shown[SHOW_MAX * 2 + 8];
		const char *name = short_tag((const char *)tag, buf, sizeof buf);
		problem(L, EV_LINE(L), EV_COL(L), "tag '%s' is not allowed (only the YAML core schema's !!str, !!int, "
		        "!!float, !!bool, !!null, !!seq, !!map and !!timestamp)", show(shown, sizeof shown, name, strlen(name)));
	}
	return true;
}

static const char *event_tag(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: return (const char *)ev->data.scalar.tag;
	case YAML_SEQUENCE_START_EVENT: return (const char *)ev->data.sequence_start.tag;
	case YAML_MAPPING_START_EVENT: return (const char *)ev->data.mapping_start.tag;
	default: return NULL;
	}
}

/* A known value may carry a standard tag only if it says what the value is
 * (!!str on a topic, !!int on an id). */
static void check_tag(struct loader *L, const char *what, const char *fits1, const char *fits2)
{
	const char *tag = event_tag(&L->event);
	if (!tag || !core_schema_tag(tag))
		return; /* refused already, by next() */
	const char *name = tag + strlen(STD_TAG);
	if ((fits1 && strcmp(name, fits1) == 0) || (fits2 && strcmp(name, fits2) == 0))
		return;
	char buf[SHOW_MAX * 2 + 8];
	problem(L, EV_LINE(L), EV_COL(L), "%s cannot be tagged %s", what, short_tag(tag, buf, sizeof buf));
}

static enum ar_scalar_style scalar_style_of(yaml_scalar_style_t style)
{
	switch (style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: return AR_SCALAR_SINGLE_QUOTED;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return AR_SCALAR_DOUBLE_QUOTED;
	case YAML_LITERAL_SCALAR_STYLE: return AR_SCALAR_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE: return AR_SCALAR_FOLDED;
	default: return AR_SCALAR_PLAIN;
	}
}

static const char *copy_tag(struct loader *L, const char *tag)
{
	return tag ? ar_tracker_strdup(L->t, tag) : NULL;
}

static void push_node(struct loader *L, struct ar_node *node)
{
	AR_GROW(L->nodes, L->node_cap, L->node_count + 1, 16);
	L->nodes[L->node_count++] = node;
}

/* The current node as an ar_node tree (for unknown keys, and to walk past
 * values that are in error while still checking them). */
static struct ar_node *read_node(struct loader *L)
{
	const yaml_event_t *ev = &L->event;
	struct ar_node *node = ar_tracker_alloc(L->t, sizeof *node);
	size_t base = L->node_count;
	node->type = AR_NODE_SCALAR;
	node->as.scalar.value = "";
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		node->tag = copy_tag(L, event_tag(ev));
		node->as.scalar.value = ar_tracker_strndup(L->t, (const char *)ev->data.scalar.value, ev->data.scalar.length);
		node->as.scalar.length = ev->data.scalar.length;
		node->as.scalar.style = scalar_style_of(ev->data.scalar.style);
		break;
	case YAML_SEQUENCE_START_EVENT:
		node->type = AR_NODE_SEQUENCE;
		node->tag = copy_tag(L, event_tag(ev));
		node->flow = ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
		while (next(L) && ev->type != YAML_SEQUENCE_END_EVENT)
			push_node(L, read_node(L));
		node->as.sequence.count = L->node_count - base;
		node->as.sequence.items = ar_tracker_alloc(L->t, node->as.sequence.count * sizeof(struct ar_node *));
		if (node->as.sequence.count)
			memcpy(node->as.sequence.items, L->nodes + base, node->as.sequence.count * sizeof(struct ar_node *));
		break;
	case YAML_MAPPING_START_EVENT: {
		struct keyset *ks = &L->keysets[L->depth];
		keyset_reset(ks);
		node->type = AR_NODE_MAPPING;
		node->tag = copy_tag(L, event_tag(ev));
		node->flow = ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		while (next(L) && ev->type != YAML_MAPPING_END_EVENT) {
			int line = EV_LINE(L), column = EV_COL(L);
			bool scalar_key = ev->type == YAML_SCALAR_EVENT;
			if (!scalar_key && ev->type != YAML_ALIAS_EVENT) {
				char buf[SHOW_MAX * 2 + 8];
				problem(L, line, column, "a key must be a string, not %s", describe(ev, buf, sizeof buf));
			}
			struct ar_node *key = read_node(L);
			if (scalar_key) {
				int first = keyset_add(ks, key->as.scalar.value, key->as.scalar.length, line);
				if (first) {
					char buf[SHOW_MAX * 2 + 8];
					problem(L, line, column, "duplicate key '%s' (first at line %d)",
					        show(buf, sizeof buf, key->as.scalar.value, key->as.scalar.length), first);
				}
			}
			if (!next(L))
				break;
			push_node(L, key);
			push_node(L, read_node(L));
		}
		size_t count = (L->node_count - base) / 2;
		node->as.mapping.count = count;
		node->as.mapping.keys = ar_tracker_alloc(L->t, count * sizeof(struct ar_node *));
		node->as.mapping.values = ar_tracker_alloc(L->t, count * sizeof(struct ar_node *));
		for (size_t i = 0; i < count; i++) {
			node->as.mapping.keys[i] = L->nodes[base + 2 * i];
			node->as.mapping.values[i] = L->nodes[base + 2 * i + 1];
		}
		break;
	}
	default:
		break; /* an alias (already reported) or the end of events */
	}
	L->node_count = base;
	return node;
}

static void skip_node(struct loader *L)
{
	read_node(L);
}

/* ---- known mappings ---- */

#define KEY_END (-3)
#define KEY_UNKNOWN (-2)
#define MAX_KNOWN 16

struct known_map {
	const char *const *names;
	int count;
	int line, column;            /* where the mapping starts */
	int key_line[MAX_KNOWN];     /* 0: not seen */
	int key_column[MAX_KNOWN];
	int value_line[MAX_KNOWN];   /* where each known key's value starts */
	int value_column[MAX_KNOWN];
	int last_known;              /* canonical index of the latest known key, -1 */
	size_t extras_base;
	size_t key_index;            /* mark index of the key last returned */
	struct keyset *unknown;
	const char *unknown_key;     /* set when KEY_UNKNOWN is returned */
};

static void map_begin(struct loader *L, struct known_map *m, const char *const *names, int count)
{
	memset(m, 0, sizeof *m);
	m->names = names;
	m->count = count;
	m->line = EV_LINE(L);
	m->column = EV_COL(L);
	m->last_known = -1;
	m->extras_base = L->extra_count;
	m->unknown = &L->keysets[L->depth];
	keyset_reset(m->unknown);
}

static int known_key(const struct known_map *m, const char *key, size_t len)
{
	for (int i = 0; i < m->count; i++)
		if (m->names[i][0] == key[0] && strlen(m->names[i]) == len && memcmp(m->names[i], key, len) == 0)
			return i;
	return -1;
}

/* Read the next key and move to its value.  Returns the known key's index,
 * KEY_UNKNOWN (m->unknown_key holds it), or KEY_END at the mapping's end.
 * Keys in error are reported and skipped with their values. */
static int map_next_key(struct loader *L, struct known_map *m)
{
	char buf[SHOW_MAX * 2 + 8];
	while (next(L) && L->event.type != YAML_MAPPING_END_EVENT) {
		const yaml_event_t *ev = &L->event;
		int line = EV_LINE(L), column = EV_COL(L);
		if (ev->type != YAML_SCALAR_EVENT) {
			if (ev->type != YAML_ALIAS_EVENT)
				problem(L, line, column, "a key must be a string, not %s", describe(ev, buf, sizeof buf));
			skip_node(L);
			if (next(L))
				skip_node(L);
			continue;
		}
		const char *key = (const char *)ev->data.scalar.value;
		size_t len = ev->data.scalar.length;
		m->key_index = ev->start_mark.index;
		int k = known_key(m, key, len);
		if (k >= 0) {
			if (m->key_line[k]) {
				problem(L, line, column, "duplicate key '%s' (first at line %d)", m->names[k], m->key_line[k]);
				if (next(L))
					skip_node(L);
				continue;
			}
			m->key_line[k] = line;
			m->key_column[k] = column;
			m->last_known = k;
			if (!next(L))
				return KEY_END;
			m->value_line[k] = EV_LINE(L);
			m->value_column[k] = EV_COL(L);
			return k;
		}
		if (memchr(key, '\0', len)) {
			problem(L, line, column, "a key may not contain a NUL character");
			if (next(L))
				skip_node(L);
			continue;
		}
		const char *copy = ar_tracker_strndup(L->t, key, len);
		int first = keyset_add(m->unknown, copy, len, line);
		if (first) {
			problem(L, line, column, "duplicate key '%s' (first at line %d)", show(buf, sizeof buf, key, len),
			        first);
			if (next(L))
				skip_node(L);
			continue;
		}
		m->unknown_key = copy;
		return next(L) ? KEY_UNKNOWN : KEY_END;
	}
	return KEY_END;
}

static void map_add_extra(struct loader *L, struct known_map *m)
{
	struct ar_node *value = read_node(L);
	AR_GROW(L->extras, L->extra_cap, L->extra_count + 1, 16);
	L->extras[L->extra_count++] = (struct ar_extra){m->unknown_key, value, m->last_known};
}

/* The mapping's unknown keys, moved into the arena. */
static struct ar_extras map_extras(struct loader *L, const struct known_map *m)
{
	struct ar_extras x = {NULL, L->extra_count - m->extras_base};
	if (x.count) {
		struct ar_extra *items = ar_tracker_alloc(L->t, x.count * sizeof *items);
		memcpy(items, L->extras + m->extras_base, x.count * sizeof *items);
		x.items = items;
	}
	L->extra_count = m->extras_base;
	return x;
}

/* ---- values of known keys ---- */

static bool expect_type(struct loader *L, yaml_event_type_t type, const char *what, const char *kind)
{
	if (L->event.type == type)
		return true;
	if (L->event.type != YAML_NO_EVENT && L->event.type != YAML_ALIAS_EVENT) { /* aliases: reported */
		char buf[SHOW_MAX * 2 + 8];
		problem(L, EV_LINE(L), EV_COL(L), "%s must be %s, not %s", what, kind,
		        describe(&L->event, buf, sizeof buf));
		skip_node(L);
	}
	return false;
}

static bool expect_sequence(struct loader *L, const char *what, const char *kind)
{
	if (!expect_type(L, YAML_SEQUENCE_START_EVENT, what, kind))
		return false;
	check_tag(L, what, "seq", NULL);
	return true;
}

/* The current scalar as a string in the arena, or NULL after a problem. */
static const char *take_string(struct loader *L, const char *what)
{
	if (!expect_type(L, YAML_SCALAR_EVENT, what, "a string"))
		return NULL;
	check_tag(L, what, "str", NULL);
	const char *value = (const char *)L->event.data.scalar.value;
	size_t len = L->event.data.scalar.length;
	if (memchr(value, '\0', len)) {
		problem(L, EV_LINE(L), EV_COL(L), "%s may not contain a NUL character", what);
		return NULL;
	}
	return ar_tracker_strndup(L->t, value, len);
}

static bool take_date(struct loader *L, const char *what, bool allow_month, ar_date *out)
{
	if (!expect_type(L, YAML_SCALAR_EVENT, what, "a date"))
		return false;
	check_tag(L, what, "str", "timestamp");
	const char *value = (const char *)L->event.data.scalar.value;
	size_t len = L->event.data.scalar.length;
	if (ar_date_parse(value, len, allow_month, out))
		return true;
	char buf[SHOW_MAX * 2 + 8];
	problem(L, EV_LINE(L), EV_COL(L), "'%s' is not a valid %s (%s)", show(buf, sizeof buf, value, len),
	        allow_month ? "due date" : "date", allow_month ? "YYYY-MM or YYYY-MM-DD" : "YYYY-MM-DD");
	return false;
}

/* field is the key as a message names it ("'kind'") */
static bool take_enum(struct loader *L, const char *what, const char *const *names, int first, int count,
                      int *out)
{
	if (!expect_type(L, YAML_SCALAR_EVENT, what, "a string"))
		return false;
	check_tag(L, what, "str", NULL);
	const char *value = (const char *)L->event.data.scalar.value;
	size_t len = L->event.data.scalar.length;
	int i = ar_enum_lookup(names, count, value, len);
	if (i >= first) {
		*out = i;
		return true;
	}
	char buf[SHOW_MAX * 2 + 8];
	const char *shown = show(buf, sizeof buf, value, len);
	struct ar_buf why = {0};
	/* The file takes whole words only: a prefix there is a near miss. */
	ar_choice_explain(&why, names + first, count - first, shown, strlen(shown), -1, 0, NULL);
	/* "status 'bogus' is not one of ...": the key unquoted, the value quoted */
	problem(L, EV_LINE(L), EV_COL(L), "%.*s %s", (int)strlen(what) - 2, what + 1, why.data);
	ar_buf_free(&why);
	return false;
}

/* A positive integer written plain: a quoted "7" is a string to every
 * other YAML reader, and 07 is 7 or octal depending on the reader. */
static bool take_positive(struct loader *L, const char *what, long *out)
{
	if (!expect_type(L, YAML_SCALAR_EVENT, what, "a positive integer"))
		return false;
	check_tag(L, what, "int", NULL);
	const char *value = (const char *)L->event.data.scalar.value;
	size_t len = L->event.data.scalar.length;
	bool digits = len > 0 && len <= 15 && value[0] >= '1' && value[0] <= '9';
	for (size_t i = 0; digits && i < len; i++)
		digits = value[i] >= '0' && value[i] <= '9';
	char buf[SHOW_MAX * 2 + 8];
	if (digits && L->event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		*out = strtol(value, NULL, 10);
		return true;
	}
	if (digits)
		problem(L, EV_LINE(L), EV_COL(L), "%s must be a positive integer, not the quoted string %s", what,
		        describe(&L->event, buf, sizeof buf));
	else
		problem(L, EV_LINE(L), EV_COL(L), "%s must be a positive integer, not %s", what,
		        describe(&L->event, buf, sizeof buf));
	return false;
}

/* ---- meetings ---- */

static const struct ar_meeting *load_meeting(struct loader *L)
{
	struct known_map m;
	map_begin(L, &m, ar_meeting_key_names, AR_MEETING_KEY_COUNT);
	ar_date date = AR_DATE_NONE;
	const char *title = NULL;
	int date_line = 0, date_column = 0;
	for (int k; (k = map_next_key(L, &m)) != KEY_END;) {
		switch (k) {
		case AR_MEETING_KEY_DATE:
			date_line = EV_LINE(L);
			date_column = EV_COL(L);
			take_date(L, "'date'", false, &date);
			break;
		case AR_MEETING_KEY_TITLE:
			title = take_string(L, "'title'");
			break;
		default:
			map_add_extra(L, &m);
			break;
		}
	}
	struct ar_extras extras = map_extras(L, &m);
	if (L->stopped)
		return NULL;
	if (!m.key_line[AR_MEETING_KEY_DATE])
		problem(L, m.line, m.column, "meeting is missing 'date'");
	if (date == AR_DATE_NONE)
		return NULL;
	int first = int_table_put(&L->meeting_dates, date, date_line);
	if (first) {
		char buf[AR_DATE_TEXT_MAX];
		problem(L, date_line, date_column, "duplicate meeting %s (first at line %d)", ar_date_format(date, buf),
		        first);
		return NULL;
	}
	struct ar_meeting *meeting = ar_tracker_add_meeting(L->t, date, title);
	meeting->extras = extras;
	meeting->line = m.line;
	return meeting;
}

static void load_meetings(struct loader *L)
{
	if (!expect_sequence(L, "'meetings'", "a sequence"))
		return;
	bool block = L->event.data.sequence_start.style != YAML_FLOW_SEQUENCE_STYLE;
	while (next(L) && L->event.type != YAML_SEQUENCE_END_EVENT) {
		size_t start = L->event.start_mark.index;
		if (!expect_type(L, YAML_MAPPING_START_EVENT, "a meeting", "a mapping"))
			continue;
		const struct ar_meeting *meeting = load_meeting(L);
		if (meeting && block && L->layout)
			ar_layout_meeting(L->layout, start, L->last_end, L->last_extra, meeting);
	}
}

/* ---- items ---- */

static void load_leads(struct loader *L, struct ar_item *item)
{
	if (!expect_sequence(L, "'leads'", "a sequence of strings"))
		return;
	size_t base = L->lead_count;
	while (next(L) && L->event.type != YAML_SEQUENCE_END_EVENT) {
		const char *lead = take_string(L, "a lead");
		if (!lead)
			continue;
		AR_GROW(L->leads, L->lead_cap, L->lead_count + 1, 16);
		L->leads[L->lead_count++] = lead;
	}
	item->lead_count = L->lead_count - base;
	if (item->lead_count) {
		const char **leads = ar_tracker_alloc(L->t, item->lead_count * sizeof *leads);
		memcpy(leads, L->leads + base, item->lead_count * sizeof *leads);
		item->leads = leads;
	}
	L->lead_count = base;
}

static void load_update(struct loader *L, struct ar_update *u)
{
	struct known_map m;
	map_begin(L, &m, ar_update_key_names, AR_UPDATE_KEY_COUNT);
	memset(u, 0, sizeof *u);
	u->line = m.line;
	for (int k; (k = map_next_key(L, &m)) != KEY_END;) {
		switch (k) {
		case AR_UPDATE_KEY_DATE:
			take_date(L, "'date'", false, &u->date);
			break;
		case AR_UPDATE_KEY_BY:
			u->by = take_string(L, "'by'");
			break;
		case AR_UPDATE_KEY_LABEL:
			u->label = take_string(L, "'label'");
			break;
		case AR_UPDATE_KEY_TEXT:
			u->text = take_string(L, "'text'");
			break;
		default:
			map_add_extra(L, &m);
			break;
		}
	}
	u->extras = map_extras(L, &m);
	if (!L->stopped && !m.key_line[AR_UPDATE_KEY_TEXT])
		problem(L, m.line, m.column, "update is missing 'text'");
}

static void load_updates(struct loader *L, struct ar_item *item)
{
	if (!expect_sequence(L, "'updates'", "a sequence of mappings"))
		return;
	size_t base = L->update_count;
	while (next(L) && L->event.type != YAML_SEQUENCE_END_EVENT) {
		if (!expect_type(L, YAML_MAPPING_START_EVENT, "an update", "a mapping"))
			continue;
		/* load_update cannot nest, so the slot stays put while it runs */
		AR_GROW(L->updates, L->update_cap, L->update_count + 1, 16);
		load_update(L, &L->updates[L->update_count]);
		L->update_count++;
	}
	item->update_count = L->update_count - base;
	if (item->update_count) {
		struct ar_update *updates = ar_tracker_alloc(L->t, item->update_count * sizeof *updates);
		memcpy(updates, L->updates + base, item->update_count * sizeof *updates);
		item->updates = updates;
	}
	L->update_count = base;
}

/* item_line: where the item starts, named in a later duplicate's message */
static void check_id(struct loader *L, long id, int line, int column, int item_line)
{
	if (L->single_item)
		return; /* against the tracker: ar_item_check, once the item is read */
	/* While ids only grow (as in most files) none can repeat an earlier one,
	 * so the table is built only when one does not. */
	if (!L->ids_unordered) {
		if (id > L->last_id) {
			L->last_id = id;
			return;
		}
		L->ids_unordered = true;
		for (size_t i = 0; i < L->t->item_count; i++)
			if (L->t->items[i]->id > 0)
				int_table_put(&L->ids, L->t->items[i]->id, L->t->items[i]->line);
	}
	int first = int_table_put(&L->ids, id, item_line);
	if (first)
		problem(L, line, column, "duplicate id %ld (first at line %d)", id, first);
}

static void check_meeting(struct loader *L, ar_date date, int line, int column)
{
	if (L->single_item)
		return; /* against the tracker: ar_item_check, once the item is read */
	if (int_table_get(&L->meeting_dates, date))
		return;
	/* meetings may come after items in the file: decide at the end */
	AR_GROW(L->refs, L->ref_cap, L->ref_count + 1, 16);
	L->refs[L->ref_count++] = (struct meeting_ref){date, line, column};
}

struct item_faults {
	struct loader *L;
	const struct known_map *m;
};

/* Report a problem ar_item_check found where the file shows it: at the id's
 * or meeting's value, at another field's key, else at the item's start. */
static void item_fault(void *context, enum ar_item_key key, const char *message)
{
	struct item_faults *f = context;
	const struct known_map *m = f->m;
	int line = m->line, column = m->column;
	if ((key == AR_ITEM_KEY_ID || key == AR_ITEM_KEY_MEETING) && m->value_line[key]) {
		line = m->value_line[key];
		column = m->value_column[key];
	} else if (key < AR_ITEM_KEY_COUNT && m->key_line[key]) {
		line = m->key_line[key];
		column = m->key_column[key];
	}
	problem(f->L, line, column, "%s", message);
}

/* The rules of item_check.h on the item just read.  A value already
 * reported (a bad kind, a topic that is not a string) is not reported again
 * through a rule that depends on it. */
static void check_item_rules(struct loader *L, const struct known_map *m, struct ar_item *item, bool have_kind)
{
	struct ar_item probe = *item;
	if (!have_kind)
		probe.kind = probe.response != AR_RESPONSE_NONE ? AR_KIND_RECOMMENDATION : AR_KIND_ACTION;
	if (probe.kind == AR_KIND_RECOMMENDATION && probe.response == AR_RESPONSE_NONE)
		probe.response = item->response = AR_RESPONSE_PENDING;
	if (!probe.topic && !probe.text && (m->key_line[AR_ITEM_KEY_TOPIC] || m->key_line[AR_ITEM_KEY_TEXT]))
		probe.topic = "";
	unsigned what = 0;
	if (L->single_item && m->key_line[AR_ITEM_KEY_ID] && item->id > 0)
		what |= AR_ITEM_CHECK_ID;
	if (L->single_item && item->meeting != AR_DATE_NONE)
		what |= AR_ITEM_CHECK_MEETING;
	struct item_faults f = {L, m};
	ar_item_check(L->t, &probe, L->replacing_id, what, item_fault, &f);
}

static struct ar_item *load_item(struct loader *L)
{
	struct known_map m;
	map_begin(L, &m, ar_item_key_names, AR_ITEM_KEY_COUNT);
	struct ar_item *item = ar_item_new(L->t, 0);
	item->line = m.line;
	item->column = m.column;
	bool have_kind = false;
	int value;
	for (int k; (k = map_next_key(L, &m)) != KEY_END;) {
		int line = EV_LINE(L), column = EV_COL(L);
		switch (k) {
		case AR_ITEM_KEY_ID:
			if (take_positive(L, "id", &item->id))
				check_id(L, item->id, line, column, m.line);
			break;
		case AR_ITEM_KEY_MEETING:
			if (take_date(L, "'meeting'", false, &item->meeting))
				check_meeting(L, item->meeting, line, column);
			break;
		case AR_ITEM_KEY_TOPIC:
			item->topic = take_string(L, "'topic'");
			break;
		case AR_ITEM_KEY_KIND:
			if ((have_kind = take_enum(L, "'kind'", ar_kind_names, 0, AR_KIND_COUNT, &value)))
				item->kind = (enum ar_kind)value;
			break;
		case AR_ITEM_KEY_TEXT:
			item->text = take_string(L, "'text'");
			break;
		case AR_ITEM_KEY_LEADS:
			load_leads(L, item);
			break;
		case AR_ITEM_KEY_STATUS:
			if (take_enum(L, "'status'", ar_status_names, 0, AR_STATUS_COUNT, &value))
				item->status = (enum ar_item_status)value;
			break;
		case AR_ITEM_KEY_RESPONSE:
			if (take_enum(L, "'response'", ar_response_names, AR_RESPONSE_PENDING, AR_RESPONSE_COUNT, &value))
				item->response = (enum ar_response)value;
			break;
		case AR_ITEM_KEY_DUE:
			take_date(L, "'due'", true, &item->due);
			break;
		case AR_ITEM_KEY_RESPONDED:
			take_date(L, "'responded'", false, &item->responded);
			break;
		case AR_ITEM_KEY_RAG:
			if (take_enum(L, "'rag'", ar_rag_names, AR_RAG_RED, AR_RAG_COUNT, &value))
				item->rag = (enum ar_rag)value;
			break;
		case AR_ITEM_KEY_CLOSED_ON:
			take_date(L, "'closed_on'", false, &item->closed_on);
			break;
		case AR_ITEM_KEY_UPDATES:
			load_updates(L, item);
			break;
		default:
			map_add_extra(L, &m);
			break;
		}
	}
	item->extras = map_extras(L, &m);
	if (L->stopped)
		return item;
	if (!m.key_line[AR_ITEM_KEY_ID])
		problem(L, m.line, m.column, "item is missing 'id'");
	check_item_rules(L, &m, item, have_kind);
	if (!m.key_line[AR_ITEM_KEY_KIND])
		problem(L, m.line, m.column, "item is missing 'kind' (action or recommendation)");
	if (!m.key_line[AR_ITEM_KEY_STATUS])
		problem(L, m.line, m.column, "item is missing 'status' (open, in-progress, completed or closed)");
	if (item->kind == AR_KIND_ACTION) {
		item->response = AR_RESPONSE_NONE;
		item->responded = AR_DATE_NONE;
	}
	return item;
}

static void load_items(struct loader *L)
{
	if (!expect_sequence(L, "'items'", "a sequence"))
		return;
	bool block = L->event.data.sequence_start.style != YAML_FLOW_SEQUENCE_STYLE;
	while (next(L) && L->event.type != YAML_SEQUENCE_END_EVENT) {
		size_t start = L->event.start_mark.index;
		if (!expect_type(L, YAML_MAPPING_START_EVENT, "an item", "a mapping"))
			continue;
		struct ar_item *item = load_item(L);
		ar_tracker_append_item(L->t, item);
		if (block && L->layout)
			ar_layout_item(L->layout, start, L->last_end, L->last_extra, item);
	}
}

/* ---- the tracker ---- */

static void load_version(struct loader *L)
{
	if (!expect_type(L, YAML_SCALAR_EVENT, "'artrack'", "the format version 1"))
		return;
	check_tag(L, "'artrack'", "int", NULL);
	const char *value = (const char *)L->event.data.scalar.value;
	size_t len = L->event.data.scalar.length;
	bool digits = len > 0 && len <= 9;
	for (size_t i = 0; digits && i < len; i++)
		digits = value[i] >= '0' && value[i] <= '9';
	char buf[SHOW_MAX * 2 + 8];
	if (digits && L->event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		problem(L, EV_LINE(L), EV_COL(L), "'artrack' must be the number %d, not the quoted string %s",
		        AR_FORMAT_VERSION, describe(&L->event, buf, sizeof buf));
	else if (!digits)
		problem(L, EV_LINE(L), EV_COL(L), "'artrack' must be the format version %d, not %s", AR_FORMAT_VERSION,
		        describe(&L->event, buf, sizeof buf));
	else if (strtol(value, NULL, 10) != AR_FORMAT_VERSION)
		problem(L, EV_LINE(L), EV_COL(L), "unsupported format version %ld; this artrack reads version %d",
		        strtol(value, NULL, 10), AR_FORMAT_VERSION);
}

/* response_days: how many days a response may take, a plain whole number
 * of days from 1 to AR_RESPONSE_DAYS_MAX (ten years: more is a typo). */
static void load_response_days(struct loader *L)
{
	int line = EV_LINE(L), column = EV_COL(L);
	long days;
	if (!take_positive(L, "'response_days'", &days))
		return;
	if (days > AR_RESPONSE_DAYS_MAX) {
		problem(L, line, column, "'response_days' must be at most %d days, not %ld", AR_RESPONSE_DAYS_MAX, days);
		return;
	}
	L->t->response_days = (int)days;
}

static void load_tracker(struct loader *L)
{
	struct ar_tracker *t = L->t;
	struct known_map m;
	map_begin(L, &m, ar_tracker_key_names, AR_TRACKER_KEY_COUNT);
	for (int k; (k = map_next_key(L, &m)) != KEY_END;) {
		if (L->layout)
			ar_layout_top_key(L->layout, m.key_index, k >= 0 ? k : -1);
		switch (k) {
		case AR_TRACKER_KEY_ARTRACK:
			load_version(L);
			break;
		case AR_TRACKER_KEY_COMMITTEE:
			t->committee = take_string(L, "'committee'");
			break;
		case AR_TRACKER_KEY_TITLE:
			t->title = take_string(L, "'title'");
			break;
		case AR_TRACKER_KEY_AS_OF:
			take_date(L, "'as_of'", false, &t->as_of);
			break;
		case AR_TRACKER_KEY_RESPONSE_DAYS:
			load_response_days(L);
			break;
		case AR_TRACKER_KEY_MEETINGS:
			load_meetings(L);
			break;
		case AR_TRACKER_KEY_ITEMS:
			load_items(L);
			break;
		default:
			map_add_extra(L, &m);
			break;
		}
		if (L->layout)
			ar_layout_top_end(L->layout, L->last_end, L->last_extra);
	}
	t->extras = map_extras(L, &m);
	if (L->stopped)
		return;
	if (!m.key_line[AR_TRACKER_KEY_ARTRACK])
		problem(L, m.line, m.column, "missing 'artrack: 1' (the format version)");
	if (!m.key_line[AR_TRACKER_KEY_ITEMS])
		problem(L, m.line, m.column, "missing 'items'");
}

static void load_single_item(struct loader *L)
{
	L->item = load_item(L);
}

/* The stream around one document whose top level is a mapping read by body. */
static void load_document(struct loader *L, void (*body)(struct loader *), const char *what)
{
	char buf[SHOW_MAX * 2 + 8];
	if (!next(L))
		return;
	if (L->event.data.stream_start.encoding != YAML_UTF8_ENCODING) {
		problem(L, 1, 1, "the file is UTF-16; artrack reads UTF-8");
		stop(L);
		return;
	}
	if (!next(L))
		return;
	if (L->event.type == YAML_STREAM_END_EVENT) {
		problem(L, 1, 1, "empty file: no %s in it", what);
		return;
	}
	if (!next(L))
		return;
	if (L->event.type == YAML_MAPPING_START_EVENT) {
		body(L);
	} else {
		problem(L, EV_LINE(L), EV_COL(L), "the top level must be %s mapping, not %s",
		        body == load_tracker ? "the tracker" : "an item", describe(&L->event, buf, sizeof buf));
		skip_node(L);
	}
	if (!next(L) || !next(L)) /* document end, then stream end */
		return;
	if (L->event.type == YAML_DOCUMENT_START_EVENT)
		problem(L, EV_LINE(L), EV_COL(L), "more than one document (a file holds one %s)", what);
}

static void loader_init(struct loader *L, struct ar_tracker *t)
{
	memset(L, 0, sizeof *L);
	L->t = t;
	L->src.hash = AR_HASH_INIT;
	L->src.last_byte = '\n';
	ar_conflict_scan_init(&L->src.conflicts);
	if (!yaml_parser_initialize(&L->parser)) {
		problem(L, 0, 0, "out of memory while reading YAML");
		stop(L);
		return;
	}
	yaml_parser_set_input(&L->parser, source_read, &L->src);
}

/* Scan what libyaml left unread after it stopped, for conflict markers. */
static void source_drain(struct source *src)
{
	if (src->file) {
		unsigned char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, src->file)) > 0)
			ar_conflict_scan_feed(&src->conflicts, chunk, n);
	} else {
		ar_conflict_scan_feed(&src->conflicts, src->memory + src->memory_pos, src->memory_len - src->memory_pos);
		src->memory_pos = src->memory_len;
	}
}

/* A file holding git's conflict markers is reported as its conflicts: the
 * YAML errors the markers cause would only hide them. */
static void report_conflicts(struct loader *L)
{
	if (L->problems)
		source_drain(&L->src);
	struct ar_diags conflicts = {0};
	if (ar_conflict_scan_finish(&L->src.conflicts, &conflicts) && conflicts.count) {
		ar_diags_free(&L->found);
		L->found = conflicts;
		L->problems = conflicts.count;
	} else {
		ar_diags_free(&conflicts);
	}
}

/* Tear down, hand the sorted problems to diags and say how it went. */
static enum ar_rc loader_finish(struct loader *L, struct ar_diags *diags)
{
	enum ar_rc rc = AR_OK;
	report_conflicts(L);
	yaml_event_delete(&L->event);
	yaml_parser_delete(&L->parser);
	if (L->io_error || L->src.errnum) {
		ar_diags_add(diags, 0, 0, "%s", strerror(L->src.errnum ? L->src.errnum : EIO));
		rc = AR_EIO;
	} else if (L->problems) {
		ar_diags_sort(&L->found);
		for (size_t i = 0; i < L->found.count; i++)
			ar_diags_add_error(diags, &L->found.items[i]);
		rc = AR_EDATA;
	}
	ar_diags_free(&L->found);
	for (size_t i = 0; i < sizeof L->keysets / sizeof L->keysets[0]; i++) {
		keyset_reset(&L->keysets[i]);
		free(L->keysets[i].entries);
	}
	int_table_free(&L->ids);
	int_table_free(&L->meeting_dates);
	free(L->refs);
	free(L->nodes);
	free(L->extras);
	free(L->leads);
	free(L->updates);
	return rc;
}

static enum ar_rc load_tracker_from(struct loader *L, struct ar_tracker **out, struct ar_diags *diags,
                                    struct ar_load_info *info)
{
	struct ar_tracker *t = L->t;
	load_document(L, load_tracker, "tracker");
	if (!L->stopped) {
		for (size_t i = 0; i < L->ref_count; i++) {
			char buf[AR_DATE_TEXT_MAX];
			if (!int_table_get(&L->meeting_dates, L->refs[i].date))
				problem(L, L->refs[i].line, L->refs[i].column, "meeting %s is not in meetings",
				        ar_date_format(L->refs[i].date, buf));
		}
	}
	t->had_comments = L->src.comment_marks > L->value_comment_marks;
	if (info) {
		info->hash = source_hash(&L->src);
		info->size = L->src.size;
	}
	struct ar_layout_builder *layout = L->layout;
	enum ar_rc rc = loader_finish(L, diags);
	if (rc != AR_OK) {
		ar_layout_builder_free(layout);
		ar_tracker_free(t);
		t = NULL;
	} else if (layout) {
		t->layout = ar_layout_builder_finish(layout, t);
		/* the layout keeps them: only a file it cannot follow loses them */
		if (t->layout)
			t->had_comments = false;
	}
	*out = t;
	return rc;
}

/* Load a tracker from memory (see yamlio.h). */
enum ar_rc ar_load_buffer(const char *data, size_t len, struct ar_tracker **out, struct ar_diags *diags)
{
	struct loader L;
	loader_init(&L, ar_tracker_new());
	/* the layout keeps the bytes: a copy the tracker owns */
	char *copy = ar_xmalloc(len ? len : 1);
	if (len)
		memcpy(copy, data, len);
	L.layout = ar_layout_builder_new(copy, len);
	L.src.memory = (const unsigned char *)copy;
	L.src.memory_len = len;
	return load_tracker_from(&L, out, diags, NULL);
}

/* Load a tracker from an open stream, read to its end. */
enum ar_rc ar_load_stream(FILE *stream, struct ar_tracker **out, struct ar_diags *diags,
                          struct ar_load_info *info)
{
	struct loader L;
	loader_init(&L, ar_tracker_new());
	/* Read it all first: the layout keeps the bytes, and libyaml then reads
	 * memory.  A read error is reported as the read handler would. */
	struct ar_buf bytes = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stream)) > 0)
		ar_buf_add(&bytes, chunk, n);
	if (ferror(stream))
		L.src.errnum = errno ? errno : EIO;
	size_t len = bytes.len;
	char *data = ar_buf_steal(&bytes, &len);
	if (!data)
		data = ar_xmalloc(1);
	L.layout = ar_layout_builder_new(data, len);
	L.src.memory = (const unsigned char *)data;
	L.src.memory_len = len;
	return load_tracker_from(&L, out, diags, info);
}

/* Load the tracker at path; AR_EIO with one line-0 diag if it cannot be read. */
enum ar_rc ar_load_file(const char *path, struct ar_tracker **out, struct ar_diags *diags,
                        struct ar_load_info *info)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		ar_diags_add(diags, 0, 0, "%s", strerror(errno));
		*out = NULL;
		return AR_EIO;
	}
	enum ar_rc rc = ar_load_stream(f, out, diags, info);
	fclose(f);
	return rc;
}

/* Parse one item document with the loader's own rules (see yamlio.h). */
enum ar_rc ar_item_from_yaml(struct ar_tracker *tracker, const char *data, size_t len, long replacing_id,
                             struct ar_item **out, struct ar_diags *diags)
{
	struct loader L;
	loader_init(&L, tracker);
	L.single_item = true;
	L.replacing_id = replacing_id;
	L.src.memory = (const unsigned char *)data;
	L.src.memory_len = len;
	load_document(&L, load_single_item, "item");
	struct ar_item *item = L.item;
	enum ar_rc rc = loader_finish(&L, diags);
	*out = rc == AR_OK ? item : NULL;
	return rc;
}
