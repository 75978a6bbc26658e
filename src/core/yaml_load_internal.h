/* yaml_load_internal.h - what the loader's two files share: yaml_reader.c
 * (the input, libyaml's events, known mappings and their values, problems)
 * and yaml_load.c (meetings, items, the tracker, the entry points).
 * Private to src/core.
 *
 * Ownership: a struct loader owns its parser, event, diagnostics and
 * stacks; yaml_load.c makes and frees it.
 */
#ifndef ARTRACK_YAML_LOAD_INTERNAL_H
#define ARTRACK_YAML_LOAD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <yaml.h>

#include "artrack/conflict.h"
#include "artrack/error.h"
#include "artrack/layout.h"
#include "artrack/tracker.h"

#define MAX_DEPTH 64          /* trackers need 6; libyaml slows quadratically with depth */
#define MAX_PROBLEMS 1000
#define SHOW_MAX 48            /* bytes of a value quoted in a message */
#define STD_TAG "tag:yaml.org,2002:"

/* A libyaml mark's 1-based line, as diagnostics count. */
#define EV_LINE(L) yl_mark_line(&(L)->event.start_mark)
#define EV_COL(L) yl_mark_column(&(L)->event.start_mark)
#define KEY_END (-3)
#define KEY_UNKNOWN (-2)
#define MAX_KNOWN 16

struct source {
	FILE *file;                  /* NULL: reading memory */
	const unsigned char *memory;
	size_t memory_len, memory_pos;
	uint64_t hash, size;
	unsigned char carry[8];      /* read but not hashed yet: ar_hash64 takes */
	size_t carry_len;            /* pieces in multiples of 8 bytes */
	struct ar_conflict_scan conflicts; /* git's conflict markers, if any */
	int errnum;                  /* a read error */
};

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

/* ids and meeting dates -> the line where each first appeared */
struct int_table {
	long *keys;                  /* 0 = empty (ids and dates are positive) */
	int *lines;
	size_t slots, count;
};

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
	struct ar_layout_builder *layout; /* NULL: not recorded (single items) */
	bool model_only;             /* ar_load_file_model: no layout kept */
	bool let_go;                 /* and the bytes passed are given back */
	size_t let_go_to;            /* bytes of src.memory given back so far */
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

/* A known value may carry a standard tag only if it says what the value is
 * (!!str on a topic, !!int on an id). */
void yl_check_tag(struct loader *L, const char *what, const char *fits1, const char *fits2);

/* "a mapping", "a sequence", "'value'" or "an empty value", for messages. */
const char *yl_describe(const yaml_event_t *ev, char *buf, size_t size);

/* Whether the value is a sequence; if not, a problem naming what and kind. */
bool yl_expect_sequence(struct loader *L, const char *what, const char *kind);

/* Whether the current event is of type; if not, a problem saying what should be kind. */
bool yl_expect_type(struct loader *L, yaml_event_type_t type, const char *what, const char *kind);

/* Release the table. */
void yl_int_table_free(struct int_table *t);

/* The line where key first appeared, or 0. */
int yl_int_table_get(const struct int_table *t, long key);

/* Insert key; 0 if it is new, else the line where it first appeared. */
int yl_int_table_put(struct int_table *t, long key, int line);

/* Empty the key set for another mapping, keeping its memory. */
void yl_keyset_reset(struct keyset *ks);

/* Keep the unknown key m->unknown_key and its value (the current node) as an extra. */
void yl_map_add_extra(struct loader *L, struct known_map *m);

/* Start reading a mapping whose known keys are names[0..count). */
void yl_map_begin(struct loader *L, struct known_map *m, const char *const *names, int count);

/* The mapping's unknown keys, moved into the arena. */
struct ar_extras yl_map_extras(struct loader *L, const struct known_map *m);

/* Read the next key and move to its value.  Returns the known key's index,
 * KEY_UNKNOWN (m->unknown_key holds it), or KEY_END at the mapping's end.
 * Keys in error are reported and skipped with their values. */
int yl_map_next_key(struct loader *L, struct known_map *m);

/* Advance to the next event, checking what every event must satisfy
 * (no anchors or aliases, standard tags, bounded depth).  false when there
 * are no more events. */
bool yl_next(struct loader *L);

/* Record a problem at line, column (reading goes on; too many stop it). */
void yl_problem(struct loader *L, int line, int column, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* At most SHOW_MAX bytes of s, cut at a character boundary, with control
 * characters shown as '?', for quoting a value in a message. */
const char *yl_show(char *buf, size_t size, const char *s, size_t len);

/* Skip the node the current event starts. */
void yl_skip_node(struct loader *L);

/* The hash of every byte read so far (the outside-change check). */
uint64_t yl_source_hash(const struct source *src);

/* libyaml's read handler: straight into its buffer, nothing kept here. */
int yl_source_read(void *data, unsigned char *buffer, size_t size, size_t *size_read);

/* No more events: an error that reading cannot go past. */
void yl_stop(struct loader *L);

/* The current scalar as a date (YYYY-MM-DD, or YYYY-MM when allow_month). */
bool yl_take_date(struct loader *L, const char *what, bool allow_month, ar_date *out);

/* field is the key as a message names it ("'kind'") */
bool yl_take_enum(struct loader *L, const char *what, const char *const *names, int first, int count,
                      int *out);

/* A positive integer written plain: a quoted "7" is a string to every
 * other YAML reader, and 07 is 7 or octal depending on the reader. */
bool yl_take_positive(struct loader *L, const char *what, long *out);

/* The current scalar as a string in the arena, or NULL after a problem. */
const char *yl_take_string(struct loader *L, const char *what);

int yl_mark_line(const yaml_mark_t *m);

/* A libyaml mark's 1-based column, as diagnostics count. */
int yl_mark_column(const yaml_mark_t *m);

#endif
