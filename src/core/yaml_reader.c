/* yaml_reader.c - the loader's reading half (yaml_load_internal.h): the
 * input through a hashing read handler, libyaml's events one by one, known
 * mappings with their duplicate and unknown keys, the values of known keys,
 * and problems as diagnostics.  yaml_load.c reads the tracker's shape with
 * these. */
#include "config.h"

#include "artrack/yamlio.h"
#include "yaml_load_internal.h"
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

/* ---- the input ---- */

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

/* Account for bytes handed to libyaml: size, hash, conflict markers. */
static void source_account(struct source *src, const unsigned char *p, size_t n)
{
	src->size += n;
	ar_conflict_scan_feed(&src->conflicts, p, n);
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

/* The hash of every byte read so far (the outside-change check). */
uint64_t yl_source_hash(const struct source *src)
{
	return src->carry_len ? ar_hash64(src->hash, src->carry, src->carry_len) : src->hash;
}

/* libyaml's read handler: straight into its buffer, nothing kept here. */
int yl_source_read(void *data, unsigned char *buffer, size_t size, size_t *size_read)
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



/* Empty the key set for another mapping, keeping its memory. */
void yl_keyset_reset(struct keyset *ks)
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


static size_t int_slot(long key, size_t slots)
{
	return (size_t)(((uint64_t)key * UINT64_C(0x9e3779b97f4a7c15)) >> 20) & (slots - 1);
}

/* The line where key first appeared, or 0. */
int yl_int_table_get(const struct int_table *t, long key)
{
	if (!t->slots)
		return 0;
	for (size_t s = int_slot(key, t->slots); t->keys[s]; s = (s + 1) & (t->slots - 1))
		if (t->keys[s] == key)
			return t->lines[s];
	return 0;
}

/* Insert key; 0 if it is new, else the line where it first appeared. */
int yl_int_table_put(struct int_table *t, long key, int line)
{
	int first = yl_int_table_get(t, key);
	if (first)
		return first;
	if ((t->count + 1) * 2 > t->slots) {
		struct int_table bigger = {0};
		bigger.slots = t->slots ? t->slots * 2 : 64;
		bigger.keys = ar_xcalloc(bigger.slots, sizeof *bigger.keys);
		bigger.lines = ar_xcalloc(bigger.slots, sizeof *bigger.lines);
		for (size_t i = 0; i < t->slots; i++)
			if (t->keys[i])
				yl_int_table_put(&bigger, t->keys[i], t->lines[i]);
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

/* Release the table. */
void yl_int_table_free(struct int_table *t)
{
	free(t->keys);
	free(t->lines);
	memset(t, 0, sizeof *t);
}

/* ---- the loader ---- */



/* No more events: an error that reading cannot go past. */
void yl_stop(struct loader *L)
{
	L->stopped = true;
}

/* Record a problem at line, column (reading goes on; too many stop it). */
void yl_problem(struct loader *L, int line, int column, const char *fmt, ...)
{
	if (L->problems > MAX_PROBLEMS)
		return;
	if (L->problems == MAX_PROBLEMS) {
		ar_diags_add(&L->found, line, column, "too many problems; stopped after %d", MAX_PROBLEMS);
		L->problems++;
		yl_stop(L);
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

/* A libyaml mark's 1-based line, as diagnostics count. */
int yl_mark_line(const yaml_mark_t *m)
{
	return m->line >= INT_MAX ? INT_MAX : (int)m->line + 1;
}

/* A libyaml mark's 1-based column, as diagnostics count. */
int yl_mark_column(const yaml_mark_t *m)
{
	return m->column >= INT_MAX ? INT_MAX : (int)m->column + 1;
}


/* At most SHOW_MAX bytes of s, cut at a character boundary, with control
 * characters shown as '?', for quoting a value in a message. */
const char *yl_show(char *buf, size_t size, const char *s, size_t len)
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
const char *yl_describe(const yaml_event_t *ev, char *buf, size_t size)
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
		         yl_show(shown, sizeof shown, (const char *)ev->data.scalar.value, ev->data.scalar.length));
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
		yl_problem(L, 0, 0, "out of memory while reading YAML");
		return;
	}
	struct ar_buf message = {0};
	const yaml_mark_t *at = ar_yaml_problem_message(p, &message);
	int line, column;
	if (at) {
		line = yl_mark_line(at);
		column = yl_mark_column(at);
	} else {
		reader_error_position(p, &line, &column);
	}
	yl_problem(L, line, column, "%s", message.data);
	ar_buf_free(&message);
}

/* Advance to the next event, checking what every event must satisfy
 * (no anchors or aliases, standard tags, bounded depth).  false when there
 * are no more events. */
bool yl_next(struct loader *L)
{
	yaml_event_delete(&L->event);
	if (L->stopped)
		return false;
	if (!yaml_parser_parse(&L->parser, &L->event)) {
		parser_problem(L);
		yl_stop(L);
		return false;
	}
	const yaml_event_t *ev = &L->event;
	const yaml_char_t *anchor = NULL, *tag = NULL;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
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
			yl_problem(L, EV_LINE(L), EV_COL(L), "nesting deeper than %d levels", MAX_DEPTH);
			yl_stop(L);
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
		yl_problem(L, EV_LINE(L), EV_COL(L), "aliases and anchors are not allowed");
		break;
	default:
		break;
	}
	if (anchor)
		yl_problem(L, EV_LINE(L), EV_COL(L), "aliases and anchors are not allowed");
	if (tag && !core_schema_tag((const char *)tag)) {
		char buf[SHOW_MAX * 2 + 8], shown[SHOW_MAX * 2 + 8];
		const char *name = short_tag((const char *)tag, buf, sizeof buf);
		yl_problem(L, EV_LINE(L), EV_COL(L), "tag '%s' is not allowed (only the YAML core schema's !!str, !!int, "
		           "!!float, !!bool, !!null, !!seq, !!map and !!timestamp)", yl_show(shown, sizeof shown, name, strlen(name)));
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
void yl_check_tag(struct loader *L, const char *what, const char *fits1, const char *fits2)
{
	const char *tag = event_tag(&L->event);
	if (!tag || !core_schema_tag(tag))
		return; /* refused already, by yl_next() */
	const char *name = tag + strlen(STD_TAG);
	if ((fits1 && strcmp(name, fits1) == 0) || (fits2 && strcmp(name, fits2) == 0))
		return;
	char buf[SHOW_MAX * 2 + 8];
	yl_problem(L, EV_LINE(L), EV_COL(L), "%s cannot be tagged %s", what, short_tag(tag, buf, sizeof buf));
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
		while (yl_next(L) && ev->type != YAML_SEQUENCE_END_EVENT)
			push_node(L, read_node(L));
		node->as.sequence.count = L->node_count - base;
		node->as.sequence.items = ar_tracker_alloc(L->t, node->as.sequence.count * sizeof(struct ar_node *));
		if (node->as.sequence.count)
			memcpy(node->as.sequence.items, L->nodes + base, node->as.sequence.count * sizeof(struct ar_node *));
		break;
	case YAML_MAPPING_START_EVENT: {
		struct keyset *ks = &L->keysets[L->depth];
		yl_keyset_reset(ks);
		node->type = AR_NODE_MAPPING;
		node->tag = copy_tag(L, event_tag(ev));
		node->flow = ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		while (yl_next(L) && ev->type != YAML_MAPPING_END_EVENT) {
			int line = EV_LINE(L), column = EV_COL(L);
			bool scalar_key = ev->type == YAML_SCALAR_EVENT;
			if (!scalar_key && ev->type != YAML_ALIAS_EVENT) {
				char buf[SHOW_MAX * 2 + 8];
				yl_problem(L, line, column, "a key must be a string, not %s", yl_describe(ev, buf, sizeof buf));
			}
			struct ar_node *key = read_node(L);
			if (scalar_key) {
				int first = keyset_add(ks, key->as.scalar.value, key->as.scalar.length, line);
				if (first) {
					char buf[SHOW_MAX * 2 + 8];
					yl_problem(L, line, column, "duplicate key '%s' (first at line %d)",
					           yl_show(buf, sizeof buf, key->as.scalar.value, key->as.scalar.length), first);
				}
			}
			if (!yl_next(L))
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

/* Skip the node the current event starts. */
void yl_skip_node(struct loader *L)
{
	read_node(L);
}

/* Walk the current node with read_node's checks (duplicate keys, keys that
 * are not strings) but keep nothing; keys live in keys until the end. */
static void check_node(struct loader *L, struct ar_arena *keys)
{
	const yaml_event_t *ev = &L->event;
	if (ev->type == YAML_SEQUENCE_START_EVENT) {
		while (yl_next(L) && ev->type != YAML_SEQUENCE_END_EVENT)
			check_node(L, keys);
		return;
	}
	if (ev->type != YAML_MAPPING_START_EVENT)
		return;
	struct keyset *ks = &L->keysets[L->depth];
	yl_keyset_reset(ks);
	while (yl_next(L) && ev->type != YAML_MAPPING_END_EVENT) {
		int line = EV_LINE(L), column = EV_COL(L);
		char buf[SHOW_MAX * 2 + 8];
		if (ev->type == YAML_SCALAR_EVENT) {
			const char *key = ar_arena_strndup(keys, (const char *)ev->data.scalar.value, ev->data.scalar.length);
			int first = keyset_add(ks, key, ev->data.scalar.length, line);
			if (first)
				yl_problem(L, line, column, "duplicate key '%s' (first at line %d)",
				           yl_show(buf, sizeof buf, key, ev->data.scalar.length), first);
		} else if (ev->type != YAML_ALIAS_EVENT) {
			yl_problem(L, line, column, "a key must be a string, not %s", yl_describe(ev, buf, sizeof buf));
		}
		check_node(L, keys);
		if (!yl_next(L))
			break;
		check_node(L, keys);
	}
}

/* An unknown key's collection value as the bytes it was written as
 * (AR_NODE_RAW): checked as read_node checks, but no node per element. */
static struct ar_node *read_raw(struct loader *L)
{
	const yaml_event_t *ev = &L->event;
	bool block = ev->type == YAML_SEQUENCE_START_EVENT ? ev->data.sequence_start.style != YAML_FLOW_SEQUENCE_STYLE
	                                                    : ev->data.mapping_start.style != YAML_FLOW_MAPPING_STYLE;
	size_t start = ev->start_mark.index;
	int column = ev->start_mark.column >= INT_MAX ? INT_MAX : (int)ev->start_mark.column;
	struct ar_arena *keys = ar_arena_new();
	check_node(L, keys);
	ar_arena_free(keys);
	size_t from = ar_layout_byte_of(L->layout, start), to = ar_layout_byte_of(L->layout, L->last_end);
	const char *src = (const char *)L->src.memory;
	if (to > L->src.memory_len)
		to = L->src.memory_len;
	while (to > from && (src[to - 1] == ' ' || src[to - 1] == '\t' || src[to - 1] == '\n' || src[to - 1] == '\r'))
		to--;
	struct ar_node *node = ar_tracker_alloc(L->t, sizeof *node);
	node->type = AR_NODE_RAW;
	node->as.raw.bytes = ar_tracker_strndup(L->t, src + from, to > from ? to - from : 0);
	node->as.raw.length = to > from ? to - from : 0;
	node->as.raw.column = column;
	node->as.raw.block = block;
	return node;
}

/* ---- known mappings ---- */



/* Start reading a mapping whose known keys are names[0..count). */
void yl_map_begin(struct loader *L, struct known_map *m, const char *const *names, int count)
{
	memset(m, 0, sizeof *m);
	m->names = names;
	m->count = count;
	m->line = EV_LINE(L);
	m->column = EV_COL(L);
	m->last_known = -1;
	m->extras_base = L->extra_count;
	m->unknown = &L->keysets[L->depth];
	yl_keyset_reset(m->unknown);
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
int yl_map_next_key(struct loader *L, struct known_map *m)
{
	char buf[SHOW_MAX * 2 + 8];
	while (yl_next(L) && L->event.type != YAML_MAPPING_END_EVENT) {
		const yaml_event_t *ev = &L->event;
		int line = EV_LINE(L), column = EV_COL(L);
		if (ev->type != YAML_SCALAR_EVENT) {
			if (ev->type != YAML_ALIAS_EVENT)
				yl_problem(L, line, column, "a key must be a string, not %s", yl_describe(ev, buf, sizeof buf));
			yl_skip_node(L);
			if (yl_next(L))
				yl_skip_node(L);
			continue;
		}
		const char *key = (const char *)ev->data.scalar.value;
		size_t len = ev->data.scalar.length;
		m->key_index = ev->start_mark.index;
		int k = known_key(m, key, len);
		if (k >= 0) {
			if (m->key_line[k]) {
				yl_problem(L, line, column, "duplicate key '%s' (first at line %d)", m->names[k], m->key_line[k]);
				if (yl_next(L))
					yl_skip_node(L);
				continue;
			}
			m->key_line[k] = line;
			m->key_column[k] = column;
			m->last_known = k;
			if (!yl_next(L))
				return KEY_END;
			m->value_line[k] = EV_LINE(L);
			m->value_column[k] = EV_COL(L);
			return k;
		}
		if (memchr(key, '\0', len)) {
			yl_problem(L, line, column, "a key may not contain a NUL character");
			if (yl_next(L))
				yl_skip_node(L);
			continue;
		}
		const char *copy = ar_tracker_strndup(L->t, key, len);
		int first = keyset_add(m->unknown, copy, len, line);
		if (first) {
			yl_problem(L, line, column, "duplicate key '%s' (first at line %d)", yl_show(buf, sizeof buf, key, len),
			           first);
			if (yl_next(L))
				yl_skip_node(L);
			continue;
		}
		m->unknown_key = copy;
		return yl_next(L) ? KEY_UNKNOWN : KEY_END;
	}
	return KEY_END;
}

/* Keep the unknown key m->unknown_key and its value (the current node) as an extra. */
void yl_map_add_extra(struct loader *L, struct known_map *m)
{
	yaml_event_type_t type = L->event.type;
	bool collection = type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT;
	/* a collection is kept as its bytes (compact, and as written) */
	struct ar_node *value = collection && L->layout && L->src.memory ? read_raw(L) : read_node(L);
	AR_GROW(L->extras, L->extra_cap, L->extra_count + 1, 16);
	L->extras[L->extra_count++] = (struct ar_extra){m->unknown_key, value, m->last_known};
}

/* The mapping's unknown keys, moved into the arena. */
struct ar_extras yl_map_extras(struct loader *L, const struct known_map *m)
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

/* Whether the current event is of type; if not, a problem saying what should be kind. */
bool yl_expect_type(struct loader *L, yaml_event_type_t type, const char *what, const char *kind)
{
	if (L->event.type == type)
		return true;
	if (L->event.type != YAML_NO_EVENT && L->event.type != YAML_ALIAS_EVENT) { /* aliases: reported */
		char buf[SHOW_MAX * 2 + 8];
		yl_problem(L, EV_LINE(L), EV_COL(L), "%s must be %s, not %s", what, kind,
		           yl_describe(&L->event, buf, sizeof buf));
		yl_skip_node(L);
	}
	return false;
}

/* Whether the value is a sequence; if not, a problem naming what and kind. */
bool yl_expect_sequence(struct loader *L, const char *what, const char *kind)
{
	if (!yl_expect_type(L, YAML_SEQUENCE_START_EVENT, what, kind))
		return false;
	yl_check_tag(L, what, "seq", NULL);
	return true;
}

/* The current scalar as a string in the arena, or NULL after a problem. */
const char *yl_take_string(struct loader *L, const char *what)
{
	if (!yl_expect_type(L, YAML_SCALAR_EVENT, what, "a string"))
		return NULL;
	yl_check_tag(L, what, "str", NULL);
	const char *value = (const char *)L->event.data.scalar.value;
	size_t len = L->event.data.scalar.length;
	if (memchr(value, '\0', len)) {
		yl_problem(L, EV_LINE(L), EV_COL(L), "%s may not contain a NUL character", what);
		return NULL;
	}
	return ar_tracker_strndup(L->t, value, len);
}

/* The current scalar as a date (YYYY-MM-DD, or YYYY-MM when allow_month). */
bool yl_take_date(struct loader *L, const char *what, bool allow_month, ar_date *out)
{
	if (!yl_expect_type(L, YAML_SCALAR_EVENT, what, "a date"))
		return false;
	yl_check_tag(L, what, "str", "timestamp");
	const char *value = (const char *)L->event.data.scalar.value;
	size_t len = L->event.data.scalar.length;
	if (ar_date_parse(value, len, allow_month, out))
		return true;
	char buf[SHOW_MAX * 2 + 8];
	yl_problem(L, EV_LINE(L), EV_COL(L), "'%s' is not a valid %s (%s)", yl_show(buf, sizeof buf, value, len),
	           allow_month ? "due date" : "date", allow_month ? "YYYY-MM or YYYY-MM-DD" : "YYYY-MM-DD");
	return false;
}

/* field is the key as a message names it ("'kind'") */
bool yl_take_enum(struct loader *L, const char *what, const char *const *names, int first, int count,
                  int *out)
{
	if (!yl_expect_type(L, YAML_SCALAR_EVENT, what, "a string"))
		return false;
	yl_check_tag(L, what, "str", NULL);
	const char *value = (const char *)L->event.data.scalar.value;
	size_t len = L->event.data.scalar.length;
	int i = ar_enum_lookup(names, count, value, len);
	if (i >= first) {
		*out = i;
		return true;
	}
	char buf[SHOW_MAX * 2 + 8];
	const char *shown = yl_show(buf, sizeof buf, value, len);
	struct ar_buf why = {0};
	/* The file takes whole words only: a prefix there is a near miss. */
	ar_choice_explain(&why, names + first, count - first, shown, strlen(shown), -1, 0, NULL);
	/* "status 'bogus' is not one of ...": the key unquoted, the value quoted */
	yl_problem(L, EV_LINE(L), EV_COL(L), "%.*s %s", (int)strlen(what) - 2, what + 1, why.data);
	ar_buf_free(&why);
	return false;
}

/* A positive integer written plain: a quoted "7" is a string to every
 * other YAML reader, and 07 is 7 or octal depending on the reader. */
bool yl_take_positive(struct loader *L, const char *what, long *out)
{
	if (!yl_expect_type(L, YAML_SCALAR_EVENT, what, "a positive integer"))
		return false;
	yl_check_tag(L, what, "int", NULL);
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
		yl_problem(L, EV_LINE(L), EV_COL(L), "%s must be a positive integer, not the quoted string %s", what,
		           yl_describe(&L->event, buf, sizeof buf));
	else
		yl_problem(L, EV_LINE(L), EV_COL(L), "%s must be a positive integer, not %s", what,
		           yl_describe(&L->event, buf, sizeof buf));
	return false;
}
