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
 * the outside-change check).  libyaml drops comments: the layout (layout.h)
 * keeps the bytes read and finds them there.
 */
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
#include <sys/mman.h>
#include <unistd.h>
#include <yaml.h>

/* ---- meetings ---- */

static const struct ar_meeting *load_meeting(struct loader *L)
{
	struct known_map m;
	yl_map_begin(L, &m, ar_meeting_key_names, AR_MEETING_KEY_COUNT);
	ar_date date = AR_DATE_NONE;
	const char *title = NULL;
	int date_line = 0, date_column = 0;
	for (int k; (k = yl_map_next_key(L, &m)) != KEY_END;) {
		switch (k) {
		case AR_MEETING_KEY_DATE:
			date_line = EV_LINE(L);
			date_column = EV_COL(L);
			yl_take_date(L, "'date'", false, &date);
			break;
		case AR_MEETING_KEY_TITLE:
			title = yl_take_string(L, "'title'");
			break;
		default:
			yl_map_add_extra(L, &m);
			break;
		}
	}
	struct ar_extras extras = yl_map_extras(L, &m);
	if (L->stopped)
		return NULL;
	if (!m.key_line[AR_MEETING_KEY_DATE])
		yl_problem(L, m.line, m.column, "meeting is missing 'date'");
	if (date == AR_DATE_NONE)
		return NULL;
	int first = yl_int_table_put(&L->meeting_dates, date, date_line);
	if (first) {
		char buf[AR_DATE_TEXT_MAX];
		yl_problem(L, date_line, date_column, "duplicate meeting %s (first at line %d)", ar_date_format(date, buf),
		           first);
		return NULL;
	}
	struct ar_meeting *meeting = ar_tracker_add_meeting(L->t, date, title);
	meeting->extras = extras;
	meeting->line = m.line;
	return meeting;
}

/* The sequence under key, each element a mapping read by one (what names
 * an element in messages); one gets where its element starts and whether
 * the sequence is in block style (the layout records only those). */
static void load_mappings(struct loader *L, const char *key, const char *what,
                          void (*one)(struct loader *L, size_t start, bool block))
{
	if (!yl_expect_sequence(L, key, "a sequence"))
		return;
	bool block = L->event.data.sequence_start.style != YAML_FLOW_SEQUENCE_STYLE;
	while (yl_next(L) && L->event.type != YAML_SEQUENCE_END_EVENT) {
		size_t start = L->event.start_mark.index;
		if (yl_expect_type(L, YAML_MAPPING_START_EVENT, what, "a mapping"))
			one(L, start, block);
	}
}

static void load_one_meeting(struct loader *L, size_t start, bool block)
{
	const struct ar_meeting *meeting = load_meeting(L);
	if (meeting && block && L->layout)
		ar_layout_meeting(L->layout, start, L->last_end, L->last_extra, meeting);
}

static void load_meetings(struct loader *L)
{
	load_mappings(L, "'meetings'", "a meeting", load_one_meeting);
}

/* ---- items ---- */

static void load_leads(struct loader *L, struct ar_item *item)
{
	if (!yl_expect_sequence(L, "'leads'", "a sequence of strings"))
		return;
	size_t base = L->lead_count;
	while (yl_next(L) && L->event.type != YAML_SEQUENCE_END_EVENT) {
		const char *lead = yl_take_string(L, "a lead");
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
	yl_map_begin(L, &m, ar_update_key_names, AR_UPDATE_KEY_COUNT);
	memset(u, 0, sizeof *u);
	u->line = m.line;
	for (int k; (k = yl_map_next_key(L, &m)) != KEY_END;) {
		switch (k) {
		case AR_UPDATE_KEY_DATE:
			yl_take_date(L, "'date'", false, &u->date);
			break;
		case AR_UPDATE_KEY_BY:
			u->by = yl_take_string(L, "'by'");
			break;
		case AR_UPDATE_KEY_LABEL:
			u->label = yl_take_string(L, "'label'");
			break;
		case AR_UPDATE_KEY_TEXT:
			u->text = yl_take_string(L, "'text'");
			break;
		default:
			yl_map_add_extra(L, &m);
			break;
		}
	}
	u->extras = yl_map_extras(L, &m);
	if (!L->stopped && !m.key_line[AR_UPDATE_KEY_TEXT])
		yl_problem(L, m.line, m.column, "update is missing 'text'");
}

static void load_updates(struct loader *L, struct ar_item *item)
{
	if (!yl_expect_sequence(L, "'updates'", "a sequence of mappings"))
		return;
	size_t base = L->update_count;
	while (yl_next(L) && L->event.type != YAML_SEQUENCE_END_EVENT) {
		if (!yl_expect_type(L, YAML_MAPPING_START_EVENT, "an update", "a mapping"))
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
				yl_int_table_put(&L->ids, L->t->items[i]->id, L->t->items[i]->line);
	}
	int first = yl_int_table_put(&L->ids, id, item_line);
	if (first)
		yl_problem(L, line, column, "duplicate id %ld (first at line %d)", id, first);
}

static void check_meeting(struct loader *L, ar_date date, int line, int column)
{
	if (L->single_item)
		return; /* against the tracker: ar_item_check, once the item is read */
	if (yl_int_table_get(&L->meeting_dates, date))
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
	yl_problem(f->L, line, column, "%s", message);
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
	yl_map_begin(L, &m, ar_item_key_names, AR_ITEM_KEY_COUNT);
	struct ar_item *item = ar_item_new(L->t, 0);
	item->line = m.line;
	item->column = m.column;
	bool have_kind = false;
	int value;
	for (int k; (k = yl_map_next_key(L, &m)) != KEY_END;) {
		int line = EV_LINE(L), column = EV_COL(L);
		switch (k) {
		case AR_ITEM_KEY_ID:
			if (yl_take_positive(L, "id", &item->id))
				check_id(L, item->id, line, column, m.line);
			break;
		case AR_ITEM_KEY_MEETING:
			if (yl_take_date(L, "'meeting'", false, &item->meeting))
				check_meeting(L, item->meeting, line, column);
			break;
		case AR_ITEM_KEY_TOPIC:
			item->topic = yl_take_string(L, "'topic'");
			break;
		case AR_ITEM_KEY_KIND:
			if ((have_kind = yl_take_enum(L, "'kind'", ar_kind_names, 0, AR_KIND_COUNT, &value)))
				item->kind = (enum ar_kind)value;
			break;
		case AR_ITEM_KEY_TEXT:
			item->text = yl_take_string(L, "'text'");
			break;
		case AR_ITEM_KEY_LEADS:
			load_leads(L, item);
			break;
		case AR_ITEM_KEY_STATUS:
			if (yl_take_enum(L, "'status'", ar_status_names, 0, AR_STATUS_COUNT, &value))
				item->status = (enum ar_item_status)value;
			break;
		case AR_ITEM_KEY_RESPONSE:
			if (yl_take_enum(L, "'response'", ar_response_names, AR_RESPONSE_PENDING, AR_RESPONSE_COUNT, &value))
				item->response = (enum ar_response)value;
			break;
		case AR_ITEM_KEY_DUE:
			yl_take_date(L, "'due'", true, &item->due);
			break;
		case AR_ITEM_KEY_RESPONDED:
			yl_take_date(L, "'responded'", false, &item->responded);
			break;
		case AR_ITEM_KEY_RAG:
			if (yl_take_enum(L, "'rag'", ar_rag_names, AR_RAG_RED, AR_RAG_COUNT, &value))
				item->rag = (enum ar_rag)value;
			break;
		case AR_ITEM_KEY_CLOSED_ON:
			yl_take_date(L, "'closed_on'", false, &item->closed_on);
			break;
		case AR_ITEM_KEY_UPDATES:
			load_updates(L, item);
			break;
		default:
			yl_map_add_extra(L, &m);
			break;
		}
	}
	item->extras = yl_map_extras(L, &m);
	if (L->stopped)
		return item;
	if (!m.key_line[AR_ITEM_KEY_ID])
		yl_problem(L, m.line, m.column, "item is missing 'id'");
	check_item_rules(L, &m, item, have_kind);
	if (!m.key_line[AR_ITEM_KEY_KIND])
		yl_problem(L, m.line, m.column, "item is missing 'kind' (action or recommendation)");
	if (!m.key_line[AR_ITEM_KEY_STATUS])
		yl_problem(L, m.line, m.column, "item is missing 'status' (open, in-progress, completed or closed)");
	if (item->kind == AR_KIND_ACTION) {
		item->response = AR_RESPONSE_NONE;
		item->responded = AR_DATE_NONE;
	}
	return item;
}

/* Whether a line of data[0..len) opens a git conflict: the conflict
 * messages read the whole input again to name what each is in, so none of
 * it may be given back. */
static bool opens_conflict(const char *data, size_t len)
{
	static const char open[] = "\n<<<<<<<";
	return (len >= 7 && memcmp(data, open + 1, 7) == 0) || memmem(data, len, open, 8) != NULL;
}

/* Smaller runs are not worth a system call. */
#define LET_GO_MIN (4u << 20)

/* A model-only load gives the pages of the bytes read back to the system
 * once the load has passed them: every item before this point is in the
 * model, and libyaml holds its own copy of what it reads ahead.  So memory
 * holds about the model, not the model and the file.  (The partial page
 * at the end stays: lines are found by looking back to their start.) */
static void let_go_read_bytes(struct loader *L)
{
	size_t passed = ar_layout_byte_of(L->layout, L->last_end);
	if (passed > L->src.memory_len)
		passed = L->src.memory_len;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t base = (uintptr_t)L->src.memory;
	uintptr_t from = (base + L->let_go_to + page - 1) & ~(page - 1);
	uintptr_t to = (base + passed) & ~(page - 1);
	if (to <= from || to - from < LET_GO_MIN)
		return;
	if (madvise((void *)from, to - from, MADV_DONTNEED) == 0)
		L->let_go_to = to - base;
}

static void load_one_item(struct loader *L, size_t start, bool block)
{
	struct ar_item *item = load_item(L);
	ar_tracker_append_item(L->t, item);
	if (block && L->layout)
		ar_layout_item(L->layout, start, L->last_end, L->last_extra, item);
	if (L->let_go)
		let_go_read_bytes(L);
}

static void load_items(struct loader *L)
{
	load_mappings(L, "'items'", "an item", load_one_item);
}

/* ---- the tracker ---- */

static void load_version(struct loader *L)
{
	if (!yl_expect_type(L, YAML_SCALAR_EVENT, "'artrack'", "the format version 1"))
		return;
	yl_check_tag(L, "'artrack'", "int", NULL);
	const char *value = (const char *)L->event.data.scalar.value;
	size_t len = L->event.data.scalar.length;
	bool digits = len > 0 && len <= 9;
	for (size_t i = 0; digits && i < len; i++)
		digits = value[i] >= '0' && value[i] <= '9';
	char buf[SHOW_MAX * 2 + 8];
	if (digits && L->event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		yl_problem(L, EV_LINE(L), EV_COL(L), "'artrack' must be the number %d, not the quoted string %s",
		           AR_FORMAT_VERSION, yl_describe(&L->event, buf, sizeof buf));
	else if (!digits)
		yl_problem(L, EV_LINE(L), EV_COL(L), "'artrack' must be the format version %d, not %s", AR_FORMAT_VERSION,
		           yl_describe(&L->event, buf, sizeof buf));
	else if (strtol(value, NULL, 10) != AR_FORMAT_VERSION)
		yl_problem(L, EV_LINE(L), EV_COL(L), "unsupported format version %ld; this artrack reads version %d",
		           strtol(value, NULL, 10), AR_FORMAT_VERSION);
}

/* response_days: how many days a response may take, a plain whole number
 * of days from 1 to AR_RESPONSE_DAYS_MAX (ten years: more is a typo). */
static void load_response_days(struct loader *L)
{
	int line = EV_LINE(L), column = EV_COL(L);
	long days;
	if (!yl_take_positive(L, "'response_days'", &days))
		return;
	if (days > AR_RESPONSE_DAYS_MAX) {
		yl_problem(L, line, column, "'response_days' must be at most %d days, not %ld", AR_RESPONSE_DAYS_MAX, days);
		return;
	}
	L->t->response_days = (int)days;
}

static void load_tracker(struct loader *L)
{
	struct ar_tracker *t = L->t;
	struct known_map m;
	yl_map_begin(L, &m, ar_tracker_key_names, AR_TRACKER_KEY_COUNT);
	for (int k; (k = yl_map_next_key(L, &m)) != KEY_END;) {
		if (L->layout)
			ar_layout_top_key(L->layout, m.key_index, k >= 0 ? k : -1);
		switch (k) {
		case AR_TRACKER_KEY_ARTRACK:
			load_version(L);
			break;
		case AR_TRACKER_KEY_COMMITTEE:
			t->committee = yl_take_string(L, "'committee'");
			break;
		case AR_TRACKER_KEY_TITLE:
			t->title = yl_take_string(L, "'title'");
			break;
		case AR_TRACKER_KEY_AS_OF:
			yl_take_date(L, "'as_of'", false, &t->as_of);
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
			yl_map_add_extra(L, &m);
			break;
		}
		if (L->layout)
			ar_layout_top_end(L->layout, L->last_end, L->last_extra);
	}
	t->extras = yl_map_extras(L, &m);
	if (L->stopped)
		return;
	if (!m.key_line[AR_TRACKER_KEY_ARTRACK])
		yl_problem(L, m.line, m.column, "missing 'artrack: 1' (the format version)");
	if (!m.key_line[AR_TRACKER_KEY_ITEMS])
		yl_problem(L, m.line, m.column, "missing 'items'");
}

static void load_single_item(struct loader *L)
{
	L->item = load_item(L);
}

/* The stream around one document whose top level is a mapping read by body. */
static void load_document(struct loader *L, void (*body)(struct loader *), const char *what)
{
	char buf[SHOW_MAX * 2 + 8];
	if (!yl_next(L))
		return;
	if (L->event.data.stream_start.encoding != YAML_UTF8_ENCODING) {
		yl_problem(L, 1, 1, "the file is UTF-16; artrack reads UTF-8");
		yl_stop(L);
		return;
	}
	if (!yl_next(L))
		return;
	if (L->event.type == YAML_STREAM_END_EVENT) {
		yl_problem(L, 1, 1, "empty file: no %s in it", what);
		return;
	}
	if (!yl_next(L))
		return;
	if (L->event.type == YAML_MAPPING_START_EVENT) {
		body(L);
	} else {
		yl_problem(L, EV_LINE(L), EV_COL(L), "the top level must be %s mapping, not %s",
		           body == load_tracker ? "the tracker" : "an item", yl_describe(&L->event, buf, sizeof buf));
		yl_skip_node(L);
	}
	if (!yl_next(L) || !yl_next(L)) /* document end, then stream end */
		return;
	if (L->event.type == YAML_DOCUMENT_START_EVENT)
		yl_problem(L, EV_LINE(L), EV_COL(L), "more than one document (a file holds one %s)", what);
}

static void loader_init(struct loader *L, struct ar_tracker *t)
{
	memset(L, 0, sizeof *L);
	L->t = t;
	L->src.hash = AR_HASH_INIT;
	ar_conflict_scan_init(&L->src.conflicts);
	if (!yaml_parser_initialize(&L->parser)) {
		yl_problem(L, 0, 0, "out of memory while reading YAML");
		yl_stop(L);
		return;
	}
	yaml_parser_set_input(&L->parser, yl_source_read, &L->src);
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
	if (ar_conflict_scan_finish(&L->src.conflicts, (const char *)L->src.memory, L->src.memory_len, &conflicts) &&
	    conflicts.count) {
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
		yl_keyset_reset(&L->keysets[i]);
		free(L->keysets[i].entries);
	}
	yl_int_table_free(&L->ids);
	yl_int_table_free(&L->meeting_dates);
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
			if (!yl_int_table_get(&L->meeting_dates, L->refs[i].date))
				yl_problem(L, L->refs[i].line, L->refs[i].column, "meeting %s is not in meetings",
				           ar_date_format(L->refs[i].date, buf));
		}
	}
	struct ar_layout_builder *layout = L->layout;
	if (info) {
		/* the file's own bytes, before a lone-CR file's CRs became LF */
		if (!ar_layout_builder_cr_breaks(layout, &info->hash))
			info->hash = yl_source_hash(&L->src);
		info->size = L->src.size;
	}
	enum ar_rc rc = loader_finish(L, diags);
	if (rc != AR_OK) {
		ar_layout_builder_free(layout);
		ar_tracker_free(t);
		t = NULL;
	} else if (L->model_only) {
		ar_layout_builder_free(layout); /* its bytes are partly given back */
	} else if (layout) {
		t->layout = ar_layout_builder_finish(layout, t);
		/* flow-style parts written in block form, comments and all */
		t = ar_layout_follow_flow(t);
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

static enum ar_rc load_stream(FILE *stream, bool model_only, struct ar_tracker **out, struct ar_diags *diags,
                              struct ar_load_info *info)
{
	struct loader L;
	loader_init(&L, ar_tracker_new());
	L.model_only = model_only;
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
	L.let_go = model_only && len >= LET_GO_MIN && !opens_conflict(data, len);
	return load_tracker_from(&L, out, diags, info);
}

/* Load a tracker from an open stream, read to its end. */
enum ar_rc ar_load_stream(FILE *stream, struct ar_tracker **out, struct ar_diags *diags,
                          struct ar_load_info *info)
{
	return load_stream(stream, false, out, diags, info);
}

/* Load the tracker at path (model_only: see ar_load_file_model); AR_EIO
 * with one line-0 diag if it cannot be read. */
static enum ar_rc load_file(const char *path, bool model_only, struct ar_tracker **out, struct ar_diags *diags,
                            struct ar_load_info *info)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		ar_diags_add(diags, 0, 0, "%s", strerror(errno));
		*out = NULL;
		return AR_EIO;
	}
	enum ar_rc rc = load_stream(f, model_only, out, diags, info);
	fclose(f);
	return rc;
}

enum ar_rc ar_load_file(const char *path, struct ar_tracker **out, struct ar_diags *diags,
                        struct ar_load_info *info)
{
	return load_file(path, false, out, diags, info);
}

enum ar_rc ar_load_file_model(const char *path, struct ar_tracker **out, struct ar_diags *diags,
                              struct ar_load_info *info)
{
	return load_file(path, true, out, diags, info);
}

/* Parse one item document with the loader's own rules (see yamlio.h). */
enum ar_rc ar_item_from_yaml(struct ar_tracker *tracker, const char *data, size_t len, long replacing_id,
                             struct ar_item **out, struct ar_diags *diags)
{
	struct loader L;
	loader_init(&L, tracker);
	L.single_item = true;
	L.replacing_id = replacing_id;
	/* a builder only to turn marks into bytes (unknown values keep theirs) */
	char *copy = ar_xmalloc(len ? len : 1);
	if (len)
		memcpy(copy, data, len);
	L.layout = ar_layout_builder_new(copy, len);
	L.src.memory = (const unsigned char *)copy;
	L.src.memory_len = len;
	load_document(&L, load_single_item, "item");
	struct ar_item *item = L.item;
	struct ar_layout_builder *layout = L.layout;
	enum ar_rc rc = loader_finish(&L, diags);
	ar_layout_builder_free(layout);
	*out = rc == AR_OK ? item : NULL;
	return rc;
}
