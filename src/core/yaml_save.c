/* yaml_save.c - the canonical writer: whole trackers and single items.
 *
 * Everything goes through libyaml's emitter; this file only decides, for
 * each string, the style that every YAML 1.1 and 1.2 reader reads back as
 * exactly that string, and puts known keys in their canonical order with
 * unknown keys after the known key they followed in the file.
 */
#include "config.h"

#include "artrack/yamlio.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

struct writer {
	yaml_emitter_t emitter;
	struct ar_error *err;
	bool failed;
	int write_errno;    /* set by the stream sink on a failed fwrite */
	FILE *stream;
};

static void writer_fail(struct writer *w, const char *what)
{
	if (w->failed)
		return;
	w->failed = true;
	if (w->write_errno)
		ar_error_set(w->err, 0, 0, "write error: %s", strerror(w->write_errno));
	else
		ar_error_set(w->err, 0, 0, "cannot write YAML: %s", what ? what : "emitter error");
}

static void emit(struct writer *w, yaml_event_t *event)
{
	if (w->failed) {
		yaml_event_delete(event);
		return;
	}
	/* yaml_emitter_emit frees the event whether it succeeds or not. */
	if (!yaml_emitter_emit(&w->emitter, event))
		writer_fail(w, w->emitter.problem);
}

static void emit_scalar(struct writer *w, const char *tag, const char *value, size_t len,
                        yaml_scalar_style_t style, bool implicit)
{
	yaml_event_t event;
	if (w->failed)
		return;
	if (len > INT_MAX) {
		writer_fail(w, "string too long");
		return;
	}
	if (!yaml_scalar_event_initialize(&event, NULL, (yaml_char_t *)tag, (yaml_char_t *)value, (int)len,
	                                  implicit && style == YAML_PLAIN_SCALAR_STYLE, implicit, style)) {
		writer_fail(w, "a string is not valid UTF-8");
		return;
	}
	emit(w, &event);
}

static void emit_plain(struct writer *w, const char *s)
{
	emit_scalar(w, NULL, s, strlen(s), YAML_PLAIN_SCALAR_STYLE, true);
}

/* U+0085, U+2028 and U+2029 are line breaks to YAML 1.1 readers only:
 * libyaml writes them raw in plain and block scalars, and 1.2 readers then
 * read different text.  Double quotes escape them (\N \L \P). */
static bool needs_double_quotes(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i + 1 < len; i++) {
		if (p[i] == 0xC2 && p[i + 1] == 0x85)
			return true;
		if (p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9))
			return true;
	}
	return false;
}

/* A string value: plain when safe, a literal block when multi-line (libyaml
 * falls back to double quotes itself when a literal would not read back),
 * else quoted. */
static void emit_string_len(struct writer *w, const char *s, size_t len)
{
	yaml_scalar_style_t style;
	if (needs_double_quotes(s, len))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (memchr(s, '\n', len))
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (ar_yaml_plain_is_safe(s, len))
		style = YAML_PLAIN_SCALAR_STYLE;
	else
		style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
	emit_scalar(w, NULL, s, len, style, true);
}

static void emit_string(struct writer *w, const char *s)
{
	emit_string_len(w, s, strlen(s));
}

static void emit_date(struct writer *w, ar_date date)
{
	char buf[AR_DATE_TEXT_MAX];
	emit_plain(w, ar_date_format(date, buf));
}

static void emit_long(struct writer *w, long n)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", n);
	emit_plain(w, buf);
}

static void emit_mapping_start(struct writer *w, const char *tag, bool flow)
{
	yaml_event_t event;
	if (w->failed)
		return;
	yaml_mapping_start_event_initialize(&event, NULL, (yaml_char_t *)tag, tag == NULL,
	                                    flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
	emit(w, &event);
}

static void emit_mapping_end(struct writer *w)
{
	yaml_event_t event;
	if (w->failed)
		return;
	yaml_mapping_end_event_initialize(&event);
	emit(w, &event);
}

static void emit_sequence_start(struct writer *w, const char *tag, bool flow)
{
	yaml_event_t event;
	if (w->failed)
		return;
	yaml_sequence_start_event_initialize(&event, NULL, (yaml_char_t *)tag, tag == NULL,
	                                     flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	emit(w, &event);
}

static void emit_sequence_end(struct writer *w)
{
	yaml_event_t event;
	if (w->failed)
		return;
	yaml_sequence_end_event_initialize(&event);
	emit(w, &event);
}

static yaml_scalar_style_t yaml_style_of(enum ar_scalar_style style)
{
	switch (style) {
	case AR_SCALAR_SINGLE_QUOTED: return YAML_SINGLE_QUOTED_SCALAR_STYLE;
	case AR_SCALAR_DOUBLE_QUOTED: return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	case AR_SCALAR_LITERAL: return YAML_LITERAL_SCALAR_STYLE;
	case AR_SCALAR_FOLDED: return YAML_FOLDED_SCALAR_STYLE;
	case AR_SCALAR_PLAIN: break;
	}
	return YAML_PLAIN_SCALAR_STYLE;
}

/* An unknown key's value, written back in the style it was read in. */
static void emit_node(struct writer *w, const struct ar_node *node)
{
	if (!node) {
		emit_scalar(w, NULL, "", 0, YAML_PLAIN_SCALAR_STYLE, true);
		return;
	}
	switch (node->type) {
	case AR_NODE_SCALAR:
		emit_scalar(w, node->tag, node->as.scalar.value ? node->as.scalar.value : "",
		            node->as.scalar.value ? node->as.scalar.length : 0,
		            yaml_style_of(node->as.scalar.style), node->tag == NULL);
		break;
	case AR_NODE_SEQUENCE:
		emit_sequence_start(w, node->tag, node->flow);
		for (size_t i = 0; i < node->as.sequence.count; i++)
			emit_node(w, node->as.sequence.items[i]);
		emit_sequence_end(w);
		break;
	case AR_NODE_MAPPING:
		emit_mapping_start(w, node->tag, node->flow);
		for (size_t i = 0; i < node->as.mapping.count; i++) {
			emit_node(w, node->as.mapping.keys[i]);
			emit_node(w, node->as.mapping.values[i]);
		}
		emit_mapping_end(w);
		break;
	}
}

/* The unknown keys to write right after known key slot (-1: before all);
 * an out-of-range position counts as "after the last key". */
static void emit_extras_at(struct writer *w, const struct ar_extras *extras, int slot, int key_count)
{
	for (size_t i = 0; i < extras->count; i++) {
		int after = extras->items[i].after;
		if (after < -1)
			after = -1;
		if (after >= key_count)
			after = key_count - 1;
		if (after != slot)
			continue;
		emit_string(w, extras->items[i].key ? extras->items[i].key : "");
		emit_node(w, extras->items[i].value);
	}
}

static void emit_update(struct writer *w, const struct ar_update *u)
{
	const char *const *names = ar_update_key_names;
	const int n = AR_UPDATE_KEY_COUNT;
	emit_mapping_start(w, NULL, false);
	emit_extras_at(w, &u->extras, -1, n);
	if (u->date != AR_DATE_NONE) {
		emit_plain(w, names[AR_UPDATE_KEY_DATE]);
		emit_date(w, u->date);
	}
	emit_extras_at(w, &u->extras, AR_UPDATE_KEY_DATE, n);
	if (u->by) {
		emit_plain(w, names[AR_UPDATE_KEY_BY]);
		emit_string(w, u->by);
	}
	emit_extras_at(w, &u->extras, AR_UPDATE_KEY_BY, n);
	if (u->label) {
		emit_plain(w, names[AR_UPDATE_KEY_LABEL]);
		emit_string(w, u->label);
	}
	emit_extras_at(w, &u->extras, AR_UPDATE_KEY_LABEL, n);
	emit_plain(w, names[AR_UPDATE_KEY_TEXT]);
	emit_string(w, u->text ? u->text : "");
	emit_extras_at(w, &u->extras, AR_UPDATE_KEY_TEXT, n);
	emit_mapping_end(w);
}

/* One item mapping: the same code for the file and for "edit as YAML". */
static void emit_item(struct writer *w, const struct ar_item *item)
{
	const char *const *names = ar_item_key_names;
	const int n = AR_ITEM_KEY_COUNT;
	const struct ar_extras *x = &item->extras;
	emit_mapping_start(w, NULL, false);
	emit_extras_at(w, x, -1, n);
	emit_plain(w, names[AR_ITEM_KEY_ID]);
	emit_long(w, item->id);
	emit_extras_at(w, x, AR_ITEM_KEY_ID, n);
	if (item->meeting != AR_DATE_NONE) {
		emit_plain(w, names[AR_ITEM_KEY_MEETING]);
		emit_date(w, item->meeting);
	}
	emit_extras_at(w, x, AR_ITEM_KEY_MEETING, n);
	if (item->topic) {
		emit_plain(w, names[AR_ITEM_KEY_TOPIC]);
		emit_string(w, item->topic);
	}
	emit_extras_at(w, x, AR_ITEM_KEY_TOPIC, n);
	emit_plain(w, names[AR_ITEM_KEY_KIND]);
	emit_plain(w, ar_kind_names[item->kind < AR_KIND_COUNT ? item->kind : AR_KIND_ACTION]);
	emit_extras_at(w, x, AR_ITEM_KEY_KIND, n);
	if (item->text) {
		emit_plain(w, names[AR_ITEM_KEY_TEXT]);
		emit_string(w, item->text);
	}
	emit_extras_at(w, x, AR_ITEM_KEY_TEXT, n);
	if (item->lead_count) {
		emit_plain(w, names[AR_ITEM_KEY_LEADS]);
		emit_sequence_start(w, NULL, false);
		for (size_t i = 0; i < item->lead_count; i++)
			emit_string(w, item->leads[i] ? item->leads[i] : "");
		emit_sequence_end(w);
	}
	emit_extras_at(w, x, AR_ITEM_KEY_LEADS, n);
	emit_plain(w, names[AR_ITEM_KEY_STATUS]);
	emit_plain(w, ar_status_names[item->status < AR_STATUS_COUNT ? item->status : AR_STATUS_OPEN]);
	emit_extras_at(w, x, AR_ITEM_KEY_STATUS, n);
	if (item->kind == AR_KIND_RECOMMENDATION) {
		enum ar_response r = item->response;
		if (r == AR_RESPONSE_NONE || r >= AR_RESPONSE_COUNT)
			r = AR_RESPONSE_PENDING;
		emit_plain(w, names[AR_ITEM_KEY_RESPONSE]);
		emit_plain(w, ar_response_names[r]);
	}
	emit_extras_at(w, x, AR_ITEM_KEY_RESPONSE, n);
	if (item->due != AR_DATE_NONE) {
		emit_plain(w, names[AR_ITEM_KEY_DUE]);
		emit_date(w, item->due);
	}
	emit_extras_at(w, x, AR_ITEM_KEY_DUE, n);
	if (item->responded != AR_DATE_NONE && item->kind == AR_KIND_RECOMMENDATION) {
		emit_plain(w, names[AR_ITEM_KEY_RESPONDED]);
		emit_date(w, item->responded);
	}
	emit_extras_at(w, x, AR_ITEM_KEY_RESPONDED, n);
	if (item->rag > AR_RAG_NONE && item->rag < AR_RAG_COUNT) {
		emit_plain(w, names[AR_ITEM_KEY_RAG]);
		emit_plain(w, ar_rag_names[item->rag]);
	}
	emit_extras_at(w, x, AR_ITEM_KEY_RAG, n);
	if (item->closed_on != AR_DATE_NONE) {
		emit_plain(w, names[AR_ITEM_KEY_CLOSED_ON]);
		emit_date(w, item->closed_on);
	}
	emit_extras_at(w, x, AR_ITEM_KEY_CLOSED_ON, n);
	if (item->update_count) {
		emit_plain(w, names[AR_ITEM_KEY_UPDATES]);
		emit_sequence_start(w, NULL, false);
		for (size_t i = 0; i < item->update_count; i++)
			emit_update(w, &item->updates[i]);
		emit_sequence_end(w);
	}
	emit_extras_at(w, x, AR_ITEM_KEY_UPDATES, n);
	emit_mapping_end(w);
}

static void emit_meeting(struct writer *w, const struct ar_meeting *m)
{
	const int n = AR_MEETING_KEY_COUNT;
	emit_mapping_start(w, NULL, false);
	emit_extras_at(w, &m->extras, -1, n);
	emit_plain(w, ar_meeting_key_names[AR_MEETING_KEY_DATE]);
	emit_date(w, m->date);
	emit_extras_at(w, &m->extras, AR_MEETING_KEY_DATE, n);
	if (m->title) {
		emit_plain(w, ar_meeting_key_names[AR_MEETING_KEY_TITLE]);
		emit_string(w, m->title);
	}
	emit_extras_at(w, &m->extras, AR_MEETING_KEY_TITLE, n);
	emit_mapping_end(w);
}

static void emit_tracker(struct writer *w, const struct ar_tracker *t)
{
	const char *const *names = ar_tracker_key_names;
	const int n = AR_TRACKER_KEY_COUNT;
	const struct ar_extras *x = &t->extras;
	emit_mapping_start(w, NULL, false);
	/* `artrack: 1` always comes first, so keys that preceded it follow it. */
	emit_plain(w, names[AR_TRACKER_KEY_ARTRACK]);
	emit_long(w, AR_FORMAT_VERSION);
	emit_extras_at(w, x, -1, n);
	emit_extras_at(w, x, AR_TRACKER_KEY_ARTRACK, n);
	if (t->committee) {
		emit_plain(w, names[AR_TRACKER_KEY_COMMITTEE]);
		emit_string(w, t->committee);
	}
	emit_extras_at(w, x, AR_TRACKER_KEY_COMMITTEE, n);
	if (t->title) {
		emit_plain(w, names[AR_TRACKER_KEY_TITLE]);
		emit_string(w, t->title);
	}
	emit_extras_at(w, x, AR_TRACKER_KEY_TITLE, n);
	if (t->as_of != AR_DATE_NONE) {
		emit_plain(w, names[AR_TRACKER_KEY_AS_OF]);
		emit_date(w, t->as_of);
	}
	emit_extras_at(w, x, AR_TRACKER_KEY_AS_OF, n);
	if (t->response_days > 0) {
		emit_plain(w, names[AR_TRACKER_KEY_RESPONSE_DAYS]);
		emit_long(w, t->response_days);
	}
	emit_extras_at(w, x, AR_TRACKER_KEY_RESPONSE_DAYS, n);
	if (t->meeting_count) {
		emit_plain(w, names[AR_TRACKER_KEY_MEETINGS]);
		emit_sequence_start(w, NULL, false);
		for (size_t i = 0; i < t->meeting_count; i++)
			emit_meeting(w, &t->meetings[i]);
		emit_sequence_end(w);
	}
	emit_extras_at(w, x, AR_TRACKER_KEY_MEETINGS, n);
	emit_plain(w, names[AR_TRACKER_KEY_ITEMS]);
	emit_sequence_start(w, NULL, false);
	for (size_t i = 0; i < t->item_count && !w->failed; i++)
		emit_item(w, t->items[i]);
	emit_sequence_end(w);
	emit_extras_at(w, x, AR_TRACKER_KEY_ITEMS, n);
	emit_mapping_end(w);
}

static int buf_write_handler(void *data, unsigned char *bytes, size_t size)
{
	ar_buf_add(data, bytes, size);
	return 1;
}

static int stream_write_handler(void *data, unsigned char *bytes, size_t size)
{
	struct writer *w = data;
	if (fwrite(bytes, 1, size, w->stream) != size) {
		w->write_errno = errno ? errno : EIO;
		return 0;
	}
	return 1;
}

static void writer_open(struct writer *w, struct ar_error *err)
{
	memset(w, 0, sizeof *w);
	w->err = err;
	ar_error_clear(err);
	if (!yaml_emitter_initialize(&w->emitter))
		writer_fail(w, "out of memory");
	yaml_emitter_set_unicode(&w->emitter, 1);
	yaml_emitter_set_width(&w->emitter, -1);
	yaml_emitter_set_indent(&w->emitter, 2);
	yaml_emitter_set_break(&w->emitter, YAML_LN_BREAK);
}

/* Wrap body (one document) in stream and document events, then flush. */
static enum ar_rc writer_run(struct writer *w, const struct ar_tracker *tracker, const struct ar_item *item)
{
	yaml_event_t event;
	yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
	emit(w, &event);
	if (!w->failed) {
		yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1);
		emit(w, &event);
	}
	if (item)
		emit_item(w, item);
	else
		emit_tracker(w, tracker);
	if (!w->failed) {
		yaml_document_end_event_initialize(&event, 1);
		emit(w, &event);
	}
	if (!w->failed) {
		yaml_stream_end_event_initialize(&event);
		emit(w, &event);
	}
	if (!w->failed && !yaml_emitter_flush(&w->emitter))
		writer_fail(w, w->emitter.problem);
	yaml_emitter_delete(&w->emitter);
	if (!w->failed)
		return AR_OK;
	return w->write_errno ? AR_EIO : AR_EDATA;
}

/* Append the canonical YAML of tracker to out. */
enum ar_rc ar_save_buffer(const struct ar_tracker *tracker, struct ar_buf *out, struct ar_error *err)
{
	struct writer w;
	writer_open(&w, err);
	yaml_emitter_set_output(&w.emitter, buf_write_handler, out);
	return writer_run(&w, tracker, NULL);
}

/* Write the canonical YAML of tracker to stream, flushed. */
enum ar_rc ar_save_stream(const struct ar_tracker *tracker, FILE *stream, struct ar_error *err)
{
	struct writer w;
	writer_open(&w, err);
	w.stream = stream;
	yaml_emitter_set_output(&w.emitter, stream_write_handler, &w);
	enum ar_rc rc = writer_run(&w, tracker, NULL);
	if (rc == AR_OK && fflush(stream) != 0) {
		ar_error_set(err, 0, 0, "write error: %s", strerror(errno));
		rc = AR_EIO;
	}
	return rc;
}

/* One item as its own document, written by the same code as the saver. */
enum ar_rc ar_item_to_yaml(const struct ar_tracker *tracker, const struct ar_item *item,
                           struct ar_buf *out, struct ar_error *err)
{
	struct writer w;
	writer_open(&w, err);
	yaml_emitter_set_output(&w.emitter, buf_write_handler, out);
	return writer_run(&w, tracker, item);
}

/* ---- when a string may be written plain ---- */

static bool ascii_ieq(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);
	if (n != len)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return false;
	}
	return true;
}

/* Words some YAML 1.1 or 1.2 reader takes for a bool or a null (compared
 * case-insensitively: quoting "yEs" too is harmless). */
static bool is_reserved_word(const char *s, size_t len)
{
	static const char *const words[] = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (ascii_ieq(s, len, words[i]))
			return true;
	return false;
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Could some reader's int, float or timestamp resolver match s?  Every
 * number form (0123 0o17 0x1f 0b1 1_000 1e3 .5 .inf +1 12:30) is a single
 * token of these characters starting with a digit, a sign or a dot; a
 * timestamp starts with YYYY-. */
static bool looks_numeric(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	if (len >= 5 && is_digit(p[0]) && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]) && p[4] == '-')
		return true;
	if (!(is_digit(p[0]) || p[0] == '+' || p[0] == '-' || p[0] == '.'))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		bool token = is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' ||
		             c == ':' || c == '+' || c == '-';
		if (!token)
			return false;
	}
	return true;
}

/* Plain only when no YAML 1.1 or 1.2 resolver could read s as anything else. */
bool ar_yaml_plain_is_safe(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	if (len == 0)
		return false;
	/* An indicator first makes it a different construct (or an error). */
	if (strchr("-?:,[]{}#&*!|>'\"%@`", p[0]) || p[0] == '\0')
		return false;
	if (p[0] == ' ' || p[len - 1] == ' ' || p[len - 1] == ':')
		return false;
	/* NBSP at either end: some readers strip it. */
	if ((len >= 2 && p[0] == 0xC2 && p[1] == 0xA0) || (len >= 2 && p[len - 2] == 0xC2 && p[len - 1] == 0xA0))
		return false;
	if (is_reserved_word(s, len) || looks_numeric(s, len))
		return false;
	if ((len == 1 && p[0] == '=') || (len == 2 && p[0] == '<' && p[1] == '<'))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		if (c < 0x20 || c == 0x7F)
			return false; /* tabs, line breaks and control characters */
		if (c == ':' && i + 1 < len && p[i + 1] == ' ')
			return false;
		if (c == '#' && i > 0 && p[i - 1] == ' ')
			return false;
		if (c == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)
			return false; /* C1 controls, U+0085 among them */
		if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9))
			return false; /* U+2028, U+2029 */
		if (c == 0xEF && i + 2 < len && ((p[i + 1] == 0xBB && p[i + 2] == 0xBF) ||
		                                 (p[i + 1] == 0xBF && p[i + 2] >= 0xBE)))
			return false; /* BOM, U+FFFE, U+FFFF */
	}
	return true;
}
