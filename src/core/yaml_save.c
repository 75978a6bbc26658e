/* yaml_save.c - the writer: whole trackers, single items, and the parts of
 * a file that changed (layout.h).
 *
 * The structure (keys in canonical order, indentation, "- " before each
 * element) is written here, line by line, so comments can stand between
 * the lines and untouched parts can be copied from the bytes read.  Each
 * value is written by libyaml's emitter as a one-key document, shifted to
 * its column; this file only decides, for each string, the style that
 * every YAML 1.1 and 1.2 reader reads back as exactly that string.  Strings
 * that are safe plain skip the emitter.
 *
 * libyaml escapes every character beyond U+FFFF ("\U0001F600"), turning a
 * block of text with an emoji into one quoted line.  So such characters go
 * to the emitter as a private-use placeholder it writes as itself, and are
 * put back in its output in order: the style is the one the text would get
 * without them, and the emoji is saved as written.
 */
#include "config.h"

#include "artrack/yamlio.h"
#include "artrack/layout.h"
#include "artrack/compare.h"
#include "artrack/text.h"
#include "layout_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define PLACEHOLDER "\xEE\x80\x80" /* U+E000 */
#define PLACEHOLDER_LEN 3

struct writer {
	struct ar_buf *out;
	struct ar_error *err;
	bool failed;
	yaml_emitter_t emitter;
	struct ar_buf piece;         /* one value as libyaml writes it */
	struct ar_buf swapped;       /* a string with its placeholders */
	struct ar_buf originals;     /* what each placeholder stands for: length byte + bytes */
	/* comments kept in canonical layout (fmt) */
	const char *source;
	size_t source_len;
	const struct lay_tree *tree;
	bool leads_copied;           /* the lines before each part are copied by the caller */
	/* piecewise: what the file is made of, as runs of the source (not
	 * copied) and of out (what was written here), for a save that writes
	 * a 177 MB file with one edited item without copying it first */
	bool piecewise;
	struct out_piece {
		bool own;                /* in out, else in the source */
		size_t at, len;
	} *pieces;
	size_t piece_count, piece_cap;
};

static void add_piece(struct writer *w, bool own, size_t at, size_t len)
{
	struct out_piece *last = w->piece_count ? &w->pieces[w->piece_count - 1] : NULL;
	if (last && last->own == own && last->at + last->len == at) {
		last->len += len;
		return;
	}
	AR_GROW(w->pieces, w->piece_cap, w->piece_count + 1, 64);
	w->pieces[w->piece_count++] = (struct out_piece){own, at, len};
}

static void writer_fail(struct writer *w, const char *what)
{
	if (w->failed)
		return;
	w->failed = true;
	ar_error_set(w->err, 0, 0, "cannot write YAML: %s", what ? what : "emitter error");
}

static void out_add(struct writer *w, const char *bytes, size_t len)
{
	if (!len)
		return;
	size_t at = w->out->len;
	ar_buf_add(w->out, bytes, len);
	if (w->piecewise)
		add_piece(w, true, at, len);
}

static void out_spaces(struct writer *w, int n)
{
	static const char spaces[] = "                                ";
	while (n > 0) {
		int k = n < (int)sizeof spaces - 1 ? n : (int)sizeof spaces - 1;
		out_add(w, spaces, (size_t)k);
		n -= k;
	}
}

/* ---- one value through libyaml ---- */

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

static int piece_handler(void *data, unsigned char *bytes, size_t size)
{
	ar_buf_add(data, bytes, size);
	return 1;
}

static void piece_begin(struct writer *w)
{
	ar_buf_reset(&w->piece);
	ar_buf_reset(&w->originals);
	if (w->failed)
		return;
	if (!yaml_emitter_initialize(&w->emitter)) {
		writer_fail(w, "out of memory");
		return;
	}
	yaml_emitter_set_unicode(&w->emitter, 1);
	yaml_emitter_set_width(&w->emitter, -1);
	yaml_emitter_set_indent(&w->emitter, 2);
	yaml_emitter_set_break(&w->emitter, YAML_LN_BREAK);
	yaml_emitter_set_output(&w->emitter, piece_handler, &w->piece);
	yaml_event_t event;
	yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
	emit(w, &event);
	yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1);
	emit(w, &event);
}

/* Put back what the placeholders stand for, in order. */
static void restore_originals(struct writer *w)
{
	if (!w->originals.len)
		return;
	struct ar_buf fixed = {0};
	const char *p = w->piece.data, *end = p + w->piece.len;
	size_t next = 0;
	while (p < end) {
		const char *q = memmem(p, (size_t)(end - p), PLACEHOLDER, PLACEHOLDER_LEN);
		if (!q || next >= w->originals.len) {
			ar_buf_add(&fixed, p, (size_t)(end - p));
			break;
		}
		ar_buf_add(&fixed, p, (size_t)(q - p));
		size_t n = (unsigned char)w->originals.data[next];
		ar_buf_add(&fixed, w->originals.data + next + 1, n);
		next += 1 + n;
		p = q + PLACEHOLDER_LEN;
	}
	ar_buf_free(&w->piece);
	w->piece = fixed;
}

/* Finish the piece and write it: lead (the first line's first col
 * columns, e.g. "  - "), then its lines shifted right by col, with eol (a
 * comment, or NULL) at the end of its first line. */
static void piece_end(struct writer *w, const char *lead, size_t lead_len, int col, const char *eol,
                      size_t eol_len)
{
	if (!w->failed) {
		yaml_event_t event;
		yaml_document_end_event_initialize(&event, 1);
		emit(w, &event);
		yaml_stream_end_event_initialize(&event);
		emit(w, &event);
		if (!w->failed && !yaml_emitter_flush(&w->emitter))
			writer_fail(w, w->emitter.problem);
	}
	yaml_emitter_delete(&w->emitter);
	if (w->failed)
		return;
	restore_originals(w);
	const char *p = w->piece.data;
	size_t len = w->piece.len;
	/* after a |+ block libyaml ends the document explicitly */
	if (len >= 5 && memcmp(p + len - 5, "\n...\n", 5) == 0)
		len -= 4;
	out_add(w, lead, lead_len);
	bool first = true;
	while (len > 0) {
		const char *nl = memchr(p, '\n', len);
		size_t n = nl ? (size_t)(nl - p) : len;
		if (!first && n > 0)
			out_spaces(w, col);
		out_add(w, p, n);
		if (first && eol) {
			out_add(w, " ", 1);
			out_add(w, eol, eol_len);
		}
		out_add(w, "\n", 1);
		first = false;
		if (!nl)
			break;
		p += n + 1;
		len -= n + 1;
	}
}

/* The string with every character beyond U+FFFF (and every placeholder
 * already in it) swapped for the placeholder, remembered in order. */
static const char *swap_astral(struct writer *w, const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = *len, i;
	for (i = 0; i < n; i++)
		if (p[i] >= 0xF0 || (p[i] == 0xEE && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x80))
			break;
	if (i == n)
		return s;
	ar_buf_reset(&w->swapped);
	ar_buf_add(&w->swapped, s, i);
	while (i < n) {
		size_t k = 0;
		if (p[i] >= 0xF0 && i + 3 < n + 0 + 1 && i + 4 <= n)
			k = 4;
		else if (p[i] == 0xEE && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x80)
			k = 3;
		if (k) {
			ar_buf_addc(&w->originals, (char)k);
			ar_buf_add(&w->originals, s + i, k);
			ar_buf_add(&w->swapped, PLACEHOLDER, PLACEHOLDER_LEN);
			i += k;
		} else {
			ar_buf_addc(&w->swapped, s[i]);
			i++;
		}
	}
	*len = w->swapped.len;
	return w->swapped.data;
}

static void emit_scalar(struct writer *w, const char *tag, const char *value, size_t len,
                        yaml_scalar_style_t style, bool implicit)
{
	yaml_event_t event;
	if (w->failed)
		return;
	value = swap_astral(w, value, &len);
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
static yaml_scalar_style_t string_style(const char *s, size_t len)
{
	if (needs_double_quotes(s, len))
		return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	if (memchr(s, '\n', len))
		return YAML_LITERAL_SCALAR_STYLE;
	if (ar_yaml_plain_is_safe(s, len))
		return YAML_PLAIN_SCALAR_STYLE;
	return YAML_SINGLE_QUOTED_SCALAR_STYLE;
}

static void emit_string_len(struct writer *w, const char *s, size_t len)
{
	emit_scalar(w, NULL, s, len, string_style(s, len), true);
}

static void emit_collection(struct writer *w, bool mapping, bool start, const char *tag, bool flow)
{
	yaml_event_t event;
	if (w->failed)
		return;
	if (mapping && start)
		yaml_mapping_start_event_initialize(&event, NULL, (yaml_char_t *)tag, tag == NULL,
		                                    flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
	else if (start)
		yaml_sequence_start_event_initialize(&event, NULL, (yaml_char_t *)tag, tag == NULL,
		                                     flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	else if (mapping)
		yaml_mapping_end_event_initialize(&event);
	else
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
		emit_collection(w, false, true, node->tag, node->flow);
		for (size_t i = 0; i < node->as.sequence.count; i++)
			emit_node(w, node->as.sequence.items[i]);
		emit_collection(w, false, false, NULL, false);
		break;
	case AR_NODE_MAPPING:
		emit_collection(w, true, true, node->tag, node->flow);
		for (size_t i = 0; i < node->as.mapping.count; i++) {
			emit_node(w, node->as.mapping.keys[i]);
			emit_node(w, node->as.mapping.values[i]);
		}
		emit_collection(w, true, false, NULL, false);
		break;
	case AR_NODE_RAW: /* only ever a whole unknown value: line_raw writes it */
		writer_fail(w, "a value kept as written inside another");
		break;
	}
}

/* ---- lines ---- */

/* Where a line starts: lead (e.g. "- ") for the first line of an element,
 * else col spaces. */
struct lead_in {
	const char *text;
	size_t len;
};

static void put_lead(struct writer *w, struct lead_in *lead, int col)
{
	if (lead->text) {
		out_add(w, lead->text, lead->len);
		lead->text = NULL;
	} else {
		out_spaces(w, col);
	}
}

static struct lead_in take_lead(struct lead_in *lead, int col)
{
	static const char spaces[] = "                                                                ";
	struct lead_in l = *lead;
	if (!l.text) {
		l.text = spaces;
		l.len = col < (int)sizeof spaces - 1 ? (size_t)col : sizeof spaces - 1;
	}
	lead->text = NULL;
	return l;
}

/* Whether s[0..len) is well-formed UTF-8 (libyaml checks what it writes;
 * this is for what skips it). */
static bool valid_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = ar_utf8_decode(s + i, len - i, &cp);
		if (cp == AR_REPLACEMENT_CHAR && n != 3)
			return false;
		i += n;
	}
	return true;
}

/* key: string, with eol after it */
static void line_string(struct writer *w, struct lead_in *lead, int col, const char *key, const char *s,
                        const char *eol, size_t eol_len)
{
	size_t len = strlen(s);
	if (string_style(s, len) == YAML_PLAIN_SCALAR_STYLE) {
		if (!valid_utf8(s, len)) {
			writer_fail(w, "a string is not valid UTF-8");
			return;
		}
		put_lead(w, lead, col);
		if (key) {
			out_add(w, key, strlen(key));
			out_add(w, ": ", 2);
		} else {
			out_add(w, "- ", 2);
		}
		out_add(w, s, len);
		if (eol) {
			out_add(w, " ", 1);
			out_add(w, eol, eol_len);
		}
		out_add(w, "\n", 1);
		return;
	}
	struct lead_in l = take_lead(lead, col);
	piece_begin(w);
	emit_collection(w, key != NULL, true, NULL, false);
	if (key)
		emit_plain(w, key);
	emit_string_len(w, s, len);
	emit_collection(w, key != NULL, false, NULL, false);
	piece_end(w, l.text, l.len, col, eol, eol_len);
}

static void line_plain(struct writer *w, struct lead_in *lead, int col, const char *key, const char *value,
                       const char *eol, size_t eol_len)
{
	put_lead(w, lead, col);
	out_add(w, key, strlen(key));
	if (value) {
		out_add(w, ": ", 2);
		out_add(w, value, strlen(value));
	} else {
		out_add(w, ":", 1);
	}
	if (eol) {
		out_add(w, " ", 1);
		out_add(w, eol, eol_len);
	}
	out_add(w, "\n", 1);
}

/* An unknown key whose value is kept as its bytes (AR_NODE_RAW): the key,
 * then the value's lines moved to this column. */
static void line_raw(struct writer *w, struct lead_in *lead, int col, const char *key, const struct ar_node *raw,
                     const char *eol, size_t eol_len)
{
	size_t klen = strlen(key);
	if (string_style(key, klen) == YAML_PLAIN_SCALAR_STYLE && valid_utf8(key, klen)) {
		put_lead(w, lead, col);
		out_add(w, key, klen);
	} else {
		/* the key as one element of a one-line sequence: "- 'key'",
		 * written aside */
		struct ar_buf aside = {0};
		struct ar_buf *out = w->out;
		bool piecewise = w->piecewise;
		w->out = &aside;
		w->piecewise = false;
		piece_begin(w);
		emit_collection(w, false, true, NULL, false);
		emit_scalar(w, NULL, key, klen,
		            needs_double_quotes(key, klen) || memchr(key, '\n', klen) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
		                                                               : YAML_SINGLE_QUOTED_SCALAR_STYLE,
		            true);
		emit_collection(w, false, false, NULL, false);
		piece_end(w, NULL, 0, 0, NULL, 0);
		w->out = out;
		w->piecewise = piecewise;
		if (w->failed) {
			ar_buf_free(&aside);
			return;
		}
		/* "- 'key'\n" -> "'key'" after the lead */
		put_lead(w, lead, col);
		out_add(w, aside.data + 2, aside.len > 3 ? aside.len - 3 : 0);
		ar_buf_free(&aside);
	}
	out_add(w, ":", 1);
	const char *p = raw->as.raw.bytes, *end = p + raw->as.raw.length;
	bool first = true;
	if (!raw->as.raw.block) {
		out_add(w, " ", 1);
	} else {
		if (eol) {
			out_add(w, " ", 1);
			out_add(w, eol, eol_len);
			eol = NULL;
		}
		out_add(w, "\n", 1);
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		size_t spaces = 0;
		while (spaces < n && p[spaces] == ' ')
			spaces++;
		if (spaces == n) {
			if (!first)
				out_add(w, "", 0);
		} else if (raw->as.raw.block) {
			/* each line keeps its place relative to the value's first */
			int own = first ? raw->as.raw.column : (int)spaces;
			/* a sequence's dashes at the key's column, as canonical form has them */
			int base = raw->as.raw.length && raw->as.raw.bytes[0] == '-' ? col : col + 2;
			int shifted = own - raw->as.raw.column + base;
			out_spaces(w, shifted < col ? col : shifted);
			out_add(w, p + spaces, n - spaces);
		} else {
			if (!first)
				out_spaces(w, col + 2);
			out_add(w, p + spaces, n - spaces);
		}
		if (first && eol) {
			out_add(w, " ", 1);
			out_add(w, eol, eol_len);
		}
		out_add(w, "\n", 1);
		first = false;
		if (!nl)
			break;
		p = nl + 1;
	}
	if (first)
		out_add(w, "\n", 1);
}

static void line_extra(struct writer *w, struct lead_in *lead, int col, const struct ar_extra *x,
                       const char *eol, size_t eol_len)
{
	if (x->value && x->value->type == AR_NODE_RAW) {
		line_raw(w, lead, col, x->key ? x->key : "", x->value, eol, eol_len);
		return;
	}
	struct lead_in l = take_lead(lead, col);
	piece_begin(w);
	emit_collection(w, true, true, NULL, false);
	const char *key = x->key ? x->key : "";
	emit_string_len(w, key, strlen(key));
	emit_node(w, x->value);
	emit_collection(w, true, false, NULL, false);
	piece_end(w, l.text, l.len, col, eol, eol_len);
}

/* ---- comments in canonical layout ---- */

static size_t comment_text_len(const char *s, size_t len, size_t at)
{
	size_t e = lay_line_end(s, len, at);
	while (e > at && (s[e - 1] == '\n' || s[e - 1] == '\r' || s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	return e - at;
}

/* The comment at the end of node's first line (its key's line), if any. */
static const char *eol_of(const struct writer *w, const struct lay_node *node, size_t *len)
{
	*len = 0;
	if (!w->tree || !node)
		return NULL;
	size_t at = lay_comment_in(w->tree, node->span.key, lay_line_end(w->source, w->source_len, node->span.key));
	if (at == SIZE_MAX)
		return NULL;
	*len = comment_text_len(w->source, w->source_len, at);
	return w->source + at;
}

/* Blank lines and comment lines of source[from, to), comments at col. */
static void region_lines(struct writer *w, size_t from, size_t to, int col)
{
	const char *s = w->source;
	for (size_t p = from; p < to;) {
		size_t e = lay_line_end(s, to, p), q = p;
		while (q < e && (s[q] == ' ' || s[q] == '\t'))
			q++;
		if (q == e || s[q] == '\n' || s[q] == '\r') {
			out_add(w, "\n", 1);
		} else if (s[q] == '#') {
			out_spaces(w, col);
			out_add(w, s + q, comment_text_len(s, to, q));
			out_add(w, "\n", 1);
		}
		p = e;
	}
}

/* What stands before node in canonical layout: the lines before it, and
 * the comments inside it that the canonical form has no place for. */
static void comments_before(struct writer *w, const struct lay_node *node, int col)
{
	if (!w->tree || !node)
		return;
	if (!w->leads_copied)
		region_lines(w, node->span.lead, node->span.body, col);
	if (node->block_value)
		return;
	size_t from = lay_line_end(w->source, w->source_len, node->span.key);
	for (size_t at = lay_comment_in(w->tree, from, node->span.end); at != SIZE_MAX;
	     at = lay_comment_in(w->tree, at + 1, node->span.end)) {
		out_spaces(w, col);
		out_add(w, w->source + at, comment_text_len(w->source, w->source_len, at));
		out_add(w, "\n", 1);
	}
}

static const struct lay_node *child_named(const struct lay_node *node, const char *name)
{
	if (!node)
		return NULL;
	for (size_t i = 0; i < node->child_count; i++)
		if (node->children[i].name && strcmp(node->children[i].name, name) == 0)
			return &node->children[i];
	return NULL;
}

static const struct lay_node *child_at(const struct lay_node *node, size_t i, size_t expect)
{
	return node && node->child_count == expect && i < expect ? &node->children[i] : NULL;
}

/* ---- canonical parts; src (may be NULL) gives their comments ---- */

static void put_extras_at(struct writer *w, struct lead_in *lead, int col, const struct ar_extras *extras,
                          int slot, int key_count, const struct lay_node *src)
{
	for (size_t i = 0; i < extras->count; i++) {
		int after = extras->items[i].after;
		if (after < -1)
			after = -1;
		if (after >= key_count)
			after = key_count - 1;
		if (after != slot)
			continue;
		const struct lay_node *n = child_named(src, extras->items[i].key ? extras->items[i].key : "");
		size_t eol_len;
		const char *eol = eol_of(w, n, &eol_len);
		comments_before(w, n, col);
		line_extra(w, lead, col, &extras->items[i], eol, eol_len);
	}
}

/* key: value where the value is plain text made here (dates, numbers, names). */
static void key_plain(struct writer *w, struct lead_in *lead, int col, const struct lay_node *src,
                      const char *key, const char *value)
{
	const struct lay_node *n = child_named(src, key);
	size_t eol_len;
	const char *eol = eol_of(w, n, &eol_len);
	comments_before(w, n, col);
	line_plain(w, lead, col, key, value, eol, eol_len);
}

static void key_string(struct writer *w, struct lead_in *lead, int col, const struct lay_node *src,
                       const char *key, const char *value)
{
	const struct lay_node *n = child_named(src, key);
	size_t eol_len;
	const char *eol = eol_of(w, n, &eol_len);
	comments_before(w, n, col);
	line_string(w, lead, col, key, value, eol, eol_len);
}

static void key_date(struct writer *w, struct lead_in *lead, int col, const struct lay_node *src,
                     const char *key, ar_date date)
{
	char buf[AR_DATE_TEXT_MAX];
	key_plain(w, lead, col, src, key, ar_date_format(date, buf));
}

/* "key:" opening a block sequence, with its comments. */
static const struct lay_node *key_header(struct writer *w, struct lead_in *lead, int col,
                                         const struct lay_node *src, const char *key)
{
	const struct lay_node *n = child_named(src, key);
	size_t eol_len;
	const char *eol = eol_of(w, n, &eol_len);
	if (n && !w->leads_copied) /* comments between the key and its first element are the element's */
		region_lines(w, n->span.lead, n->span.body, col);
	line_plain(w, lead, col, key, NULL, eol, eol_len);
	return n && n->block_value ? n : NULL;
}

static void put_update_key(struct writer *w, const struct ar_update *u, int k, struct lead_in *lead, int col,
                           const struct lay_node *src)
{
	const char *const *names = ar_update_key_names;
	switch ((enum ar_update_key)k) {
	case AR_UPDATE_KEY_DATE:
		if (u->date != AR_DATE_NONE)
			key_date(w, lead, col, src, names[k], u->date);
		break;
	case AR_UPDATE_KEY_BY:
		if (u->by)
			key_string(w, lead, col, src, names[k], u->by);
		break;
	case AR_UPDATE_KEY_LABEL:
		if (u->label)
			key_string(w, lead, col, src, names[k], u->label);
		break;
	case AR_UPDATE_KEY_TEXT:
		key_string(w, lead, col, src, names[k], u->text ? u->text : "");
		break;
	case AR_UPDATE_KEY_COUNT:
		break;
	}
}

static void put_update(struct writer *w, const struct ar_update *u, struct lead_in lead, int col,
                       const struct lay_node *src)
{
	put_extras_at(w, &lead, col, &u->extras, -1, AR_UPDATE_KEY_COUNT, src);
	for (int k = 0; k < AR_UPDATE_KEY_COUNT; k++) {
		put_update_key(w, u, k, &lead, col, src);
		put_extras_at(w, &lead, col, &u->extras, k, AR_UPDATE_KEY_COUNT, src);
	}
}

static void put_leads(struct writer *w, struct lead_in *lead, int col, const struct lay_node *src,
                      const struct ar_item *item)
{
	const struct lay_node *n = key_header(w, lead, col, src, ar_item_key_names[AR_ITEM_KEY_LEADS]);
	for (size_t i = 0; i < item->lead_count; i++) {
		const struct lay_node *e = child_at(n, i, item->lead_count);
		size_t eol_len;
		const char *eol = eol_of(w, e, &eol_len);
		comments_before(w, e, col);
		struct lead_in none = {0};
		line_string(w, &none, col, NULL, item->leads[i] ? item->leads[i] : "", eol, eol_len);
	}
}

static void put_updates(struct writer *w, struct lead_in *lead, int col, const struct lay_node *src,
                        const struct ar_item *item)
{
	const struct lay_node *n = key_header(w, lead, col, src, ar_item_key_names[AR_ITEM_KEY_UPDATES]);
	char dash[80];
	int dcol = col < (int)sizeof dash - 3 ? col : (int)sizeof dash - 3;
	memset(dash, ' ', (size_t)dcol);
	memcpy(dash + dcol, "- ", 2);
	for (size_t i = 0; i < item->update_count; i++) {
		const struct lay_node *e = child_at(n, i, item->update_count);
		if (e)
			region_lines(w, e->span.lead, e->span.body, col);
		put_update(w, &item->updates[i], (struct lead_in){dash, (size_t)dcol + 2}, col + 2, e);
	}
}

/* One known key of an item in canonical form (nothing when absent). */
static void put_item_key(struct writer *w, const struct ar_item *item, int k, struct lead_in *lead, int col,
                         const struct lay_node *src)
{
	const char *const *names = ar_item_key_names;
	char buf[32];
	switch ((enum ar_item_key)k) {
	case AR_ITEM_KEY_ID:
		snprintf(buf, sizeof buf, "%ld", item->id);
		key_plain(w, lead, col, src, names[k], buf);
		break;
	case AR_ITEM_KEY_MEETING:
		if (item->meeting != AR_DATE_NONE)
			key_date(w, lead, col, src, names[k], item->meeting);
		break;
	case AR_ITEM_KEY_TOPIC:
		if (item->topic)
			key_string(w, lead, col, src, names[k], item->topic);
		break;
	case AR_ITEM_KEY_KIND:
		key_plain(w, lead, col, src, names[k], ar_kind_names[item->kind < AR_KIND_COUNT ? item->kind : AR_KIND_ACTION]);
		break;
	case AR_ITEM_KEY_TEXT:
		if (item->text)
			key_string(w, lead, col, src, names[k], item->text);
		break;
	case AR_ITEM_KEY_LEADS:
		if (item->lead_count)
			put_leads(w, lead, col, src, item);
		break;
	case AR_ITEM_KEY_STATUS:
		key_plain(w, lead, col, src, names[k],
		          ar_status_names[item->status < AR_STATUS_COUNT ? item->status : AR_STATUS_OPEN]);
		break;
	case AR_ITEM_KEY_RESPONSE:
		if (item->kind == AR_KIND_RECOMMENDATION) {
			enum ar_response r = item->response;
			if (r == AR_RESPONSE_NONE || r >= AR_RESPONSE_COUNT)
				r = AR_RESPONSE_PENDING;
			key_plain(w, lead, col, src, names[k], ar_response_names[r]);
		}
		break;
	case AR_ITEM_KEY_DUE:
		if (item->due != AR_DATE_NONE)
			key_date(w, lead, col, src, names[k], item->due);
		break;
	case AR_ITEM_KEY_RESPONDED:
		if (item->responded != AR_DATE_NONE && item->kind == AR_KIND_RECOMMENDATION)
			key_date(w, lead, col, src, names[k], item->responded);
		break;
	case AR_ITEM_KEY_RAG:
		if (item->rag > AR_RAG_NONE && item->rag < AR_RAG_COUNT)
			key_plain(w, lead, col, src, names[k], ar_rag_names[item->rag]);
		break;
	case AR_ITEM_KEY_CLOSED_ON:
		if (item->closed_on != AR_DATE_NONE)
			key_date(w, lead, col, src, names[k], item->closed_on);
		break;
	case AR_ITEM_KEY_UPDATES:
		if (item->update_count)
			put_updates(w, lead, col, src, item);
		break;
	case AR_ITEM_KEY_COUNT:
		break;
	}
}

/* One item's keys; the first line starts with lead. */
static void put_item(struct writer *w, const struct ar_item *item, struct lead_in lead, int col,
                     const struct lay_node *src)
{
	put_extras_at(w, &lead, col, &item->extras, -1, AR_ITEM_KEY_COUNT, src);
	for (int k = 0; k < AR_ITEM_KEY_COUNT; k++) {
		put_item_key(w, item, k, &lead, col, src);
		put_extras_at(w, &lead, col, &item->extras, k, AR_ITEM_KEY_COUNT, src);
	}
}

static void put_meeting_key(struct writer *w, const struct ar_meeting *m, int k, struct lead_in *lead, int col,
                            const struct lay_node *src)
{
	if (k == AR_MEETING_KEY_DATE)
		key_date(w, lead, col, src, ar_meeting_key_names[k], m->date);
	else if (k == AR_MEETING_KEY_TITLE && m->title)
		key_string(w, lead, col, src, ar_meeting_key_names[k], m->title);
}

static void put_meeting(struct writer *w, const struct ar_meeting *m, struct lead_in lead, int col,
                        const struct lay_node *src)
{
	put_extras_at(w, &lead, col, &m->extras, -1, AR_MEETING_KEY_COUNT, src);
	for (int k = 0; k < AR_MEETING_KEY_COUNT; k++) {
		put_meeting_key(w, m, k, &lead, col, src);
		put_extras_at(w, &lead, col, &m->extras, k, AR_MEETING_KEY_COUNT, src);
	}
}

static const struct lead_in DASH = {"- ", 2};

/* The tree of one part of the layout's source, for its comments (fmt). */
static bool part_tree(const struct writer *w, const struct lay_span *span, size_t to, int depth,
                      struct lay_tree *tree)
{
	return w->source && lay_read_tree(w->source, span->body, to, depth, tree);
}

/* An element of meetings or items in canonical layout, with its comments. */
static void put_element(struct writer *w, const struct lay_element *el, const struct ar_item *item,
                        const struct ar_meeting *meeting)
{
	struct lay_tree tree;
	const struct lay_tree *outer = w->tree;
	const struct lay_node *src = NULL;
	if (el && part_tree(w, &el->span, el->span.end, 3, &tree)) {
		w->tree = &tree;
		region_lines(w, el->span.lead, el->span.body, 0);
		src = tree.root.child_count == 1 ? &tree.root.children[0] : NULL;
	} else {
		el = NULL;
	}
	if (item)
		put_item(w, item, DASH, 2, src);
	else
		put_meeting(w, meeting, DASH, 2, src);
	if (el) {
		w->tree = outer;
		lay_tree_free(&tree);
	}
}

/* The top-level part with that key as read, or NULL. */
static const struct lay_top *top_part(const struct ar_layout *L, int known, const char *extra_key)
{
	if (!L)
		return NULL;
	size_t unknown = 0;
	for (size_t i = 0; i < L->top_count; i++) {
		if (known >= 0 && L->tops[i].known == known)
			return &L->tops[i];
		if (L->tops[i].known < 0) {
			if (extra_key && unknown < L->extras.count && L->extras.items[unknown].key &&
			    strcmp(L->extras.items[unknown].key, extra_key) == 0)
				return &L->tops[i];
			unknown++;
		}
	}
	return NULL;
}

/* Read one top-level part for its comments: the key's line only for the
 * two sequences (their elements are read one by one). */
static const struct lay_node *top_tree(struct writer *w, const struct lay_top *top, struct lay_tree *tree)
{
	if (!top)
		return NULL;
	size_t to = top->span.end;
	if (top->known == AR_TRACKER_KEY_ITEMS || top->known == AR_TRACKER_KEY_MEETINGS)
		to = lay_line_end(w->source, w->source_len, top->span.key);
	region_lines(w, top->span.lead, top->span.body, 0);
	if (!part_tree(w, &top->span, to, 1, tree))
		return NULL;
	w->tree = tree;
	return &tree->root;
}

static void put_top_extras(struct writer *w, const struct ar_tracker *t, const struct ar_layout *L, int slot)
{
	const struct ar_extras *x = &t->extras;
	for (size_t i = 0; i < x->count; i++) {
		int after = x->items[i].after;
		if (after < -1)
			after = -1;
		if (after >= AR_TRACKER_KEY_COUNT)
			after = AR_TRACKER_KEY_COUNT - 1;
		if (after != slot)
			continue;
		struct ar_extras one = {&x->items[i], 1};
		struct lay_tree tree;
		const struct lay_node *src = top_tree(w, top_part(L, -1, x->items[i].key), &tree);
		struct lead_in lead = {0};
		put_extras_at(w, &lead, 0, &one, after, AR_TRACKER_KEY_COUNT, src);
		if (src) {
			w->tree = NULL;
			lay_tree_free(&tree);
		}
	}
}

/* One known top-level key in canonical form (nothing when absent). */
static void put_top_key(struct writer *w, const struct ar_tracker *t, const struct ar_layout *L, int k)
{
	const char *const *names = ar_tracker_key_names;
	struct lay_tree tree;
	const struct lay_node *src = top_tree(w, top_part(L, k, NULL), &tree);
	struct lead_in lead = {0};
	char buf[32];
	switch ((enum ar_tracker_key)k) {
	case AR_TRACKER_KEY_ARTRACK:
		snprintf(buf, sizeof buf, "%d", AR_FORMAT_VERSION);
		key_plain(w, &lead, 0, src, names[k], buf);
		break;
	case AR_TRACKER_KEY_COMMITTEE:
		if (t->committee)
			key_string(w, &lead, 0, src, names[k], t->committee);
		break;
	case AR_TRACKER_KEY_TITLE:
		if (t->title)
			key_string(w, &lead, 0, src, names[k], t->title);
		break;
	case AR_TRACKER_KEY_AS_OF:
		if (t->as_of != AR_DATE_NONE)
			key_date(w, &lead, 0, src, names[k], t->as_of);
		break;
	case AR_TRACKER_KEY_RESPONSE_DAYS:
		snprintf(buf, sizeof buf, "%d", t->response_days);
		if (t->response_days > 0)
			key_plain(w, &lead, 0, src, names[k], buf);
		break;
	case AR_TRACKER_KEY_MEETINGS:
		if (!t->meeting_count)
			break;
		key_header(w, &lead, 0, src, names[k]);
		if (src) {
			w->tree = NULL;
			lay_tree_free(&tree);
			src = NULL;
		}
		for (size_t i = 0; i < t->meeting_count && !w->failed; i++)
			put_element(w, L ? lay_find_meeting(L, t->meetings[i].date) : NULL, NULL, &t->meetings[i]);
		break;
	case AR_TRACKER_KEY_ITEMS:
		if (!t->item_count) {
			key_plain(w, &lead, 0, src, names[k], "[]");
			break;
		}
		key_header(w, &lead, 0, src, names[k]);
		if (src) {
			w->tree = NULL;
			lay_tree_free(&tree);
			src = NULL;
		}
		for (size_t i = 0; i < t->item_count && !w->failed; i++)
			put_element(w, L ? lay_find_item(L, t->items[i]->id) : NULL, t->items[i], NULL);
		break;
	case AR_TRACKER_KEY_COUNT:
		break;
	}
	if (src) {
		w->tree = NULL;
		lay_tree_free(&tree);
	}
}

static void put_tracker(struct writer *w, const struct ar_tracker *t, const struct ar_layout *L)
{
	if (L)
		region_lines(w, 0, L->head_end, 0);
	/* `artrack: 1` always comes first, so keys that preceded it follow it. */
	put_top_key(w, t, L, AR_TRACKER_KEY_ARTRACK);
	put_top_extras(w, t, L, -1);
	put_top_extras(w, t, L, AR_TRACKER_KEY_ARTRACK);
	for (int k = AR_TRACKER_KEY_COMMITTEE; k < AR_TRACKER_KEY_COUNT; k++) {
		put_top_key(w, t, L, k);
		put_top_extras(w, t, L, k);
	}
	if (L)
		region_lines(w, L->tail, L->len, 0);
}

/* ---- saving only what changed ---- */

static void copy_source(struct writer *w, size_t from, size_t to)
{
	if (to <= from)
		return;
	if (w->piecewise)
		add_piece(w, false, from, to - from);
	else
		out_add(w, w->source + from, to - from);
}

/* What saving needs to know of one kind of mapping (item, update, meeting). */
struct map_kind {
	const char *const *names;
	int count;
	bool (*present)(const void *value, int k);   /* the canonical form has key k */
	bool (*defaulted)(const void *value, int k); /* ...but leaving it out means the same */
	bool (*same)(const void *a, const void *b, int k);
	void (*put)(struct writer *w, const void *value, int k, struct lead_in *lead, int col,
	            const struct lay_node *src);
	const struct ar_extras *(*extras)(const void *value);
};

static enum ar_response response_of(const struct ar_item *it)
{
	return it->kind == AR_KIND_RECOMMENDATION && it->response == AR_RESPONSE_NONE ? AR_RESPONSE_PENDING
	                                                                               : it->response;
}

static bool item_present(const void *v, int k)
{
	const struct ar_item *it = v;
	switch ((enum ar_item_key)k) {
	case AR_ITEM_KEY_MEETING: return it->meeting != AR_DATE_NONE;
	case AR_ITEM_KEY_TOPIC: return it->topic != NULL;
	case AR_ITEM_KEY_TEXT: return it->text != NULL;
	case AR_ITEM_KEY_LEADS: return it->lead_count > 0;
	case AR_ITEM_KEY_RESPONSE: return it->kind == AR_KIND_RECOMMENDATION;
	case AR_ITEM_KEY_DUE: return it->due != AR_DATE_NONE;
	case AR_ITEM_KEY_RESPONDED: return it->responded != AR_DATE_NONE && it->kind == AR_KIND_RECOMMENDATION;
	case AR_ITEM_KEY_RAG: return it->rag > AR_RAG_NONE && it->rag < AR_RAG_COUNT;
	case AR_ITEM_KEY_CLOSED_ON: return it->closed_on != AR_DATE_NONE;
	case AR_ITEM_KEY_UPDATES: return it->update_count > 0;
	default: return true;
	}
}

static bool item_defaulted(const void *v, int k)
{
	return k == AR_ITEM_KEY_RESPONSE && response_of(v) == AR_RESPONSE_PENDING;
}

/* compare.h's field table says when a field is the same */
static bool item_same(const void *va, const void *vb, int k)
{
	const struct ar_item *a = va, *b = vb;
	if (k == AR_ITEM_KEY_ID)
		return a->id == b->id;
	if (k == AR_ITEM_KEY_UPDATES)
		return ar_updates_equal(a, b);
	for (size_t i = 0; i < ar_item_field_count; i++)
		if (strcmp(ar_item_fields[i].name, ar_item_key_names[k]) == 0)
			return ar_item_fields[i].equal(a, b);
	return false;
}

static void item_put(struct writer *w, const void *v, int k, struct lead_in *lead, int col,
                     const struct lay_node *src)
{
	put_item_key(w, v, k, lead, col, src);
}

static const struct ar_extras *item_extras(const void *v)
{
	return &((const struct ar_item *)v)->extras;
}

static bool update_present(const void *v, int k)
{
	const struct ar_update *u = v;
	switch ((enum ar_update_key)k) {
	case AR_UPDATE_KEY_DATE: return u->date != AR_DATE_NONE;
	case AR_UPDATE_KEY_BY: return u->by != NULL;
	case AR_UPDATE_KEY_LABEL: return u->label != NULL;
	default: return true;
	}
}

static bool never_defaulted(const void *v, int k)
{
	(void)v;
	(void)k;
	return false;
}

static bool update_same(const void *va, const void *vb, int k)
{
	const struct ar_update *a = va, *b = vb;
	switch ((enum ar_update_key)k) {
	case AR_UPDATE_KEY_DATE: return a->date == b->date;
	case AR_UPDATE_KEY_BY: return ar_str_equal(a->by, b->by);
	case AR_UPDATE_KEY_LABEL: return ar_str_equal(a->label, b->label);
	case AR_UPDATE_KEY_TEXT: return ar_str_equal(a->text, b->text);
	case AR_UPDATE_KEY_COUNT: break;
	}
	return true;
}

static void update_put(struct writer *w, const void *v, int k, struct lead_in *lead, int col,
                       const struct lay_node *src)
{
	put_update_key(w, v, k, lead, col, src);
}

static const struct ar_extras *update_extras(const void *v)
{
	return &((const struct ar_update *)v)->extras;
}

static bool meeting_present(const void *v, int k)
{
	return k != AR_MEETING_KEY_TITLE || ((const struct ar_meeting *)v)->title != NULL;
}

static bool meeting_same(const void *va, const void *vb, int k)
{
	const struct ar_meeting *a = va, *b = vb;
	return k == AR_MEETING_KEY_DATE ? a->date == b->date : ar_str_equal(a->title, b->title);
}

static void meeting_put(struct writer *w, const void *v, int k, struct lead_in *lead, int col,
                        const struct lay_node *src)
{
	put_meeting_key(w, v, k, lead, col, src);
}

static const struct ar_extras *meeting_extras(const void *v)
{
	return &((const struct ar_meeting *)v)->extras;
}

static const struct map_kind ITEM_KIND = {ar_item_key_names, AR_ITEM_KEY_COUNT, item_present, item_defaulted,
                                          item_same, item_put, item_extras};
static const struct map_kind UPDATE_KIND = {ar_update_key_names, AR_UPDATE_KEY_COUNT, update_present,
                                            never_defaulted, update_same, update_put, update_extras};
static const struct map_kind MEETING_KIND = {ar_meeting_key_names, AR_MEETING_KEY_COUNT, meeting_present,
                                             never_defaulted, meeting_same, meeting_put, meeting_extras};

static const struct ar_extra *extra_named(const struct ar_extras *x, const char *key)
{
	for (size_t i = 0; key && i < x->count; i++)
		if (x->items[i].key && strcmp(x->items[i].key, key) == 0)
			return &x->items[i];
	return NULL;
}

static int key_index(const struct map_kind *kind, const char *name)
{
	for (int k = 0; name && k < kind->count; k++)
		if (strcmp(kind->names[k], name) == 0)
			return k;
	return -1;
}

#define MAX_KEYS 32

static void put_map_edited(struct writer *w, const struct lay_node *node, const struct map_kind *kind,
                           const void *orig, const void *cur, struct lead_in lead, int col);

/* The updates of an edited item: each as its bytes when it is one of the
 * updates read, else edited in place, else new. */
static void put_updates_edited(struct writer *w, const struct lay_node *c, const struct ar_item *orig,
                               const struct ar_item *cur, struct lead_in *lead, int col)
{
	size_t n = orig->update_count, m = cur->update_count;
	if (c->child_count != n || n == 0) {
		put_item_key(w, cur, AR_ITEM_KEY_UPDATES, lead, col, NULL);
		return;
	}
	const struct lay_node *first = &c->children[0];
	if (lead->text) {
		out_add(w, lead->text, lead->len);
		lead->text = NULL;
		copy_source(w, c->span.key, first->span.lead);
	} else {
		copy_source(w, c->span.body, first->span.lead);
	}
	/* the updates as read that are still there (compare.h's alignment),
	 * then the others paired in order as edited ones */
	bool *used = ar_xcalloc(n + 1, sizeof *used);
	long *match = ar_xcalloc(m + 1, sizeof *match);
	bool *exact = ar_xcalloc(m + 1, sizeof *exact);
	ar_updates_match(cur->updates, m, orig->updates, n, match);
	for (size_t i = 0; i < m; i++)
		if (match[i] >= 0)
			used[match[i]] = exact[i] = true;
	for (size_t i = 0, j = 0; i < m; i++) {
		if (match[i] >= 0)
			continue;
		while (j < n && used[j])
			j++;
		if (j < n) {
			match[i] = (long)j;
			used[j] = true;
		}
	}
	struct lead_in dash = {w->source + first->span.body, first->span.key - first->span.body};
	int dcol = (int)dash.len;
	for (size_t i = 0; i < m && !w->failed; i++) {
		if (match[i] < 0) {
			put_update(w, &cur->updates[i], dash, dcol, NULL);
			continue;
		}
		const struct lay_node *e = &c->children[match[i]];
		if (exact[i]) {
			copy_source(w, e->span.lead, e->span.end);
			continue;
		}
		copy_source(w, e->span.lead, e->span.body);
		struct lead_in l = {w->source + e->span.body, e->span.key - e->span.body};
		put_map_edited(w, e, &UPDATE_KIND, &orig->updates[match[i]], &cur->updates[i], l, (int)l.len);
	}
	free(used);
	free(match);
	free(exact);
}

/* A mapping read from node whose value changed from orig to cur: keys whose
 * value is the same as their bytes, the others in canonical form after the
 * lines before them, new keys after the key they follow canonically. */
static void put_map_edited(struct writer *w, const struct lay_node *node, const struct map_kind *kind,
                           const void *orig, const void *cur, struct lead_in lead, int col)
{
	bool in_file[MAX_KEYS] = {false}, written[MAX_KEYS], done[MAX_KEYS];
	const struct ar_extras *ox = kind->extras(orig), *cx = kind->extras(cur);
	for (size_t i = 0; i < node->child_count; i++) {
		int k = key_index(kind, node->children[i].name);
		if (k >= 0)
			in_file[k] = true;
	}
	for (int k = 0; k < kind->count; k++) {
		written[k] = in_file[k] && kind->present(cur, k);
		/* done: written in its place, dropped, or not wanted */
		done[k] = in_file[k] || !kind->present(cur, k) || kind->defaulted(cur, k);
	}
	for (size_t i = 0; i < node->child_count && !w->failed; i++) {
		const struct lay_node *c = &node->children[i];
		int k = key_index(kind, c->name);
		const struct ar_extra *xo = k < 0 ? extra_named(ox, c->name) : NULL;
		const struct ar_extra *xc = k < 0 ? extra_named(cx, c->name) : NULL;
		bool gone = k >= 0 ? !written[k] : xc == NULL;
		if (gone)
			continue;
		bool keep = k >= 0 ? kind->same(orig, cur, k) : xo && ar_node_equal(xo->value, xc->value);
		if (keep) {
			if (lead.text && i > 0) {
				out_add(w, lead.text, lead.len);
				copy_source(w, c->span.key, c->span.end);
			} else {
				copy_source(w, i == 0 ? c->span.body : c->span.lead, c->span.end);
			}
			lead.text = NULL;
		} else {
			if (i > 0)
				copy_source(w, c->span.lead, c->span.body);
			if (kind == &ITEM_KIND && k == AR_ITEM_KEY_UPDATES && c->block_value) {
				put_updates_edited(w, c, orig, cur, &lead, col);
			} else if (k >= 0) {
				kind->put(w, cur, k, &lead, col, node);
			} else if (xc) {
				struct ar_extras one = {(struct ar_extra *)xc, 1};
				put_extras_at(w, &lead, col, &one, xc->after < -1 ? -1 : xc->after, INT_MAX, node);
			}
		}
		/* a key new to this mapping goes after the last one written that
		 * comes before it canonically */
		for (int nk = 0; k >= 0 && nk < kind->count; nk++) {
			if (done[nk] || (k > nk && i > 0))
				continue;
			bool later = false;
			for (size_t j = i + 1; j < node->child_count && !later; j++) {
				int kj = key_index(kind, node->children[j].name);
				later = kj >= 0 && kj < nk && written[kj];
			}
			if (!later) {
				kind->put(w, cur, nk, &lead, col, NULL);
				done[nk] = true;
			}
		}
	}
	for (int nk = 0; nk < kind->count && !w->failed; nk++)
		if (!done[nk])
			kind->put(w, cur, nk, &lead, col, NULL);
	for (size_t i = 0; i < cx->count; i++) {
		bool read = false;
		for (size_t j = 0; j < node->child_count && !read; j++)
			read = node->children[j].name && cx->items[i].key && strcmp(node->children[j].name, cx->items[i].key) == 0;
		if (!read) {
			struct ar_extras one = {&cx->items[i], 1};
			put_extras_at(w, &lead, col, &one, cx->items[i].after < -1 ? -1 : cx->items[i].after, INT_MAX, NULL);
		}
	}
}

/* An element of meetings or items that changed: read again, then written
 * key by key. */
static void put_element_edited(struct writer *w, const struct lay_element *el, const struct map_kind *kind,
                               const void *orig, const void *cur, struct lead_in lead, int col)
{
	struct lay_tree tree;
	copy_source(w, el->span.lead, el->span.body);
	if (lay_read_tree(w->source, el->span.body, el->span.end, 3, &tree) && tree.root.child_count == 1 &&
	    tree.root.children[0].block_value) {
		w->tree = &tree;
		put_map_edited(w, &tree.root.children[0], kind, orig, cur, lead, col);
		w->tree = NULL;
	} else if (kind == &ITEM_KIND) {
		put_item(w, cur, lead, col, NULL);
	} else {
		put_meeting(w, cur, lead, col, NULL);
	}
	lay_tree_free(&tree);
}

static void put_sequence_preserving(struct writer *w, const struct ar_tracker *t, const struct ar_layout *L,
                                    const struct lay_top *top, bool items)
{
	size_t n = items ? L->item_count : L->meeting_count;
	size_t m = items ? t->item_count : t->meeting_count;
	const struct lay_element *els = items ? L->items : L->meetings;
	bool same = n == m;
	for (size_t i = 0; same && i < m; i++)
		same = items ? t->items[i] == els[i].item : ar_meeting_equal(&t->meetings[i], &els[i].meeting);
	if (same) {
		copy_source(w, top->span.lead, top->span.end);
		return;
	}
	copy_source(w, top->span.lead, top->span.body);
	if (m == 0)
		return; /* items: every item removed; meetings: never (none can be) */
	struct lead_in dash = DASH;
	int col = 2;
	if (n == 0) {
		line_plain(w, &(struct lead_in){0}, 0, ar_tracker_key_names[top->known], NULL, NULL, 0);
	} else {
		copy_source(w, top->span.body, els[0].span.lead);
		dash = (struct lead_in){w->source + els[0].span.body, els[0].span.key - els[0].span.body};
		col = (int)dash.len;
	}
	for (size_t i = 0; i < m && !w->failed; i++) {
		if (items) {
			const struct ar_item *it = t->items[i];
			const struct lay_element *el = lay_find_item(L, it->id);
			if (el && el->item == it)
				copy_source(w, el->span.lead, el->span.end);
			else if (el)
				put_element_edited(w, el, &ITEM_KIND, el->item, it, dash, col);
			else
				put_item(w, it, dash, col, NULL);
		} else {
			const struct ar_meeting *mt = &t->meetings[i];
			const struct lay_element *el = lay_find_meeting(L, mt->date);
			if (el && ar_meeting_equal(&el->meeting, mt))
				copy_source(w, el->span.lead, el->span.end);
			else if (el)
				put_element_edited(w, el, &MEETING_KIND, &el->meeting, mt, dash, col);
			else
				put_meeting(w, mt, dash, col, NULL);
		}
	}
}

/* A top-level scalar key or unknown key whose value changed. */
static void put_top_edited(struct writer *w, const struct ar_tracker *t, const struct lay_top *top,
                           const struct ar_extra *extra)
{
	struct lay_tree tree;
	copy_source(w, top->span.lead, top->span.body);
	bool read = lay_read_tree(w->source, top->span.body, top->span.end, 1, &tree);
	const struct lay_node *src = read ? &tree.root : NULL;
	w->tree = read ? &tree : NULL;
	struct lead_in lead = {0};
	if (extra) {
		struct ar_extras one = {(struct ar_extra *)extra, 1};
		put_extras_at(w, &lead, 0, &one, -1, INT_MAX, src);
	} else if (top->known == AR_TRACKER_KEY_COMMITTEE && t->committee) {
		key_string(w, &lead, 0, src, ar_tracker_key_names[top->known], t->committee);
	} else if (top->known == AR_TRACKER_KEY_TITLE && t->title) {
		key_string(w, &lead, 0, src, ar_tracker_key_names[top->known], t->title);
	} else if (top->known == AR_TRACKER_KEY_AS_OF && t->as_of != AR_DATE_NONE) {
		key_date(w, &lead, 0, src, ar_tracker_key_names[top->known], t->as_of);
	} else if (top->known == AR_TRACKER_KEY_RESPONSE_DAYS && t->response_days > 0) {
		char buf[32];
		snprintf(buf, sizeof buf, "%d", t->response_days);
		key_plain(w, &lead, 0, src, ar_tracker_key_names[top->known], buf);
	}
	w->tree = NULL;
	lay_tree_free(&tree);
}

/* Whether top-level key k has a value now, and whether it is the one read. */
static bool top_present(const struct ar_tracker *t, int k)
{
	switch ((enum ar_tracker_key)k) {
	case AR_TRACKER_KEY_COMMITTEE: return t->committee != NULL;
	case AR_TRACKER_KEY_TITLE: return t->title != NULL;
	case AR_TRACKER_KEY_AS_OF: return t->as_of != AR_DATE_NONE;
	case AR_TRACKER_KEY_RESPONSE_DAYS: return t->response_days > 0;
	case AR_TRACKER_KEY_MEETINGS: return t->meeting_count > 0;
	default: return true;
	}
}

static bool top_same(const struct ar_tracker *t, const struct ar_layout *L, int k)
{
	switch ((enum ar_tracker_key)k) {
	case AR_TRACKER_KEY_COMMITTEE: return ar_str_equal(t->committee, L->committee);
	case AR_TRACKER_KEY_TITLE: return ar_str_equal(t->title, L->title);
	case AR_TRACKER_KEY_AS_OF: return t->as_of == L->as_of;
	case AR_TRACKER_KEY_RESPONSE_DAYS: return t->response_days == L->response_days;
	default: return true;
	}
}

static void put_tracker_preserving(struct writer *w, const struct ar_tracker *t, const struct ar_layout *L)
{
	bool in_file[AR_TRACKER_KEY_COUNT] = {false};
	for (size_t i = 0; i < L->top_count; i++)
		if (L->tops[i].known >= 0)
			in_file[L->tops[i].known] = true;
	copy_source(w, 0, L->head_end);
	size_t unknown = 0;
	for (size_t i = 0; i < L->top_count && !w->failed; i++) {
		const struct lay_top *top = &L->tops[i];
		int k = top->known;
		if (k < 0) {
			const struct ar_extra *xo = unknown < L->extras.count ? &L->extras.items[unknown] : NULL;
			unknown++;
			const struct ar_extra *xc = xo ? extra_named(&t->extras, xo->key) : NULL;
			if (!xc)
				copy_source(w, top->span.lead, top->span.body);
			else if (ar_node_equal(xo->value, xc->value))
				copy_source(w, top->span.lead, top->span.end);
			else
				put_top_edited(w, t, top, xc);
			continue;
		}
		if (k == AR_TRACKER_KEY_ITEMS || (k == AR_TRACKER_KEY_MEETINGS && t->meeting_count))
			put_sequence_preserving(w, t, L, top, k == AR_TRACKER_KEY_ITEMS);
		else if (!top_present(t, k))
			copy_source(w, top->span.lead, top->span.body);
		else if (top_same(t, L, k))
			copy_source(w, top->span.lead, top->span.end);
		else
			put_top_edited(w, t, top, NULL);
		/* keys new to the file go after the key they follow canonically */
		for (int nk = k + 1; nk < AR_TRACKER_KEY_COUNT && !in_file[nk]; nk++)
			if (top_present(t, nk)) {
				put_top_key(w, t, NULL, nk);
				in_file[nk] = true;
			}
	}
	for (size_t i = 0; i < t->extras.count; i++)
		if (!extra_named(&L->extras, t->extras.items[i].key)) {
			struct ar_extras one = {&t->extras.items[i], 1};
			struct lead_in lead = {0};
			put_extras_at(w, &lead, 0, &one, t->extras.items[i].after, AR_TRACKER_KEY_COUNT, NULL);
		}
	copy_source(w, L->tail, L->len);
}

/* ---- entry points ---- */

static void writer_init(struct writer *w, struct ar_buf *out, struct ar_error *err)
{
	memset(w, 0, sizeof *w);
	w->out = out;
	w->err = err;
	ar_error_clear(err);
}

static enum ar_rc writer_done(struct writer *w)
{
	free(w->pieces);
	ar_buf_free(&w->piece);
	ar_buf_free(&w->swapped);
	ar_buf_free(&w->originals);
	return w->failed ? AR_EDATA : AR_OK;
}

enum ar_rc ar_layout_write(const struct ar_tracker *tracker, struct ar_buf *out, struct ar_error *err)
{
	struct writer w;
	writer_init(&w, out, err);
	const struct ar_layout *L = tracker->layout;
	if (L) {
		w.source = L->source;
		w.source_len = L->len;
		w.leads_copied = true;
		put_tracker_preserving(&w, tracker, L);
	} else {
		put_tracker(&w, tracker, NULL);
	}
	return writer_done(&w);
}

enum ar_rc ar_layout_write_canonical(const struct ar_tracker *tracker, struct ar_buf *out, struct ar_error *err)
{
	struct writer w;
	writer_init(&w, out, err);
	const struct ar_layout *L = tracker->layout;
	if (L) {
		w.source = L->source;
		w.source_len = L->len;
	}
	put_tracker(&w, tracker, L);
	return writer_done(&w);
}

enum ar_rc ar_layout_write_pieces(const struct ar_tracker *tracker, struct ar_buf *own,
                                  struct ar_bytes_piece **pieces, size_t *count, struct ar_error *err)
{
	const struct ar_layout *L = tracker->layout;
	*pieces = NULL;
	*count = 0;
	if (!L) {
		enum ar_rc rc = ar_layout_write(tracker, own, err);
		if (rc == AR_OK) {
			*pieces = ar_xmalloc(sizeof **pieces);
			(*pieces)[0] = (struct ar_bytes_piece){own->data ? own->data : "", own->len};
			*count = 1;
		}
		return rc;
	}
	struct writer w;
	writer_init(&w, own, err);
	w.source = L->source;
	w.source_len = L->len;
	w.leads_copied = true;
	w.piecewise = true;
	put_tracker_preserving(&w, tracker, L);
	if (!w.failed) {
		/* own stops growing now: the pointers hold */
		struct ar_bytes_piece *v = ar_xcalloc(w.piece_count + 1, sizeof *v);
		for (size_t i = 0; i < w.piece_count; i++)
			v[i] = (struct ar_bytes_piece){(w.pieces[i].own ? own->data : L->source) + w.pieces[i].at,
			                               w.pieces[i].len};
		*pieces = v;
		*count = w.piece_count;
	}
	return writer_done(&w);
}

/* Append the tracker's YAML to out: as read where nothing changed. */
enum ar_rc ar_save_buffer(const struct ar_tracker *tracker, struct ar_buf *out, struct ar_error *err)
{
	return ar_layout_write(tracker, out, err);
}

/* Write the tracker's YAML to stream, flushed. */
enum ar_rc ar_save_stream(const struct ar_tracker *tracker, FILE *stream, struct ar_error *err)
{
	struct ar_buf yaml = {0};
	enum ar_rc rc = ar_save_buffer(tracker, &yaml, err);
	if (rc == AR_OK && ((yaml.len && fwrite(yaml.data, 1, yaml.len, stream) != yaml.len) || fflush(stream) != 0)) {
		ar_error_set(err, 0, 0, "write error: %s", strerror(errno ? errno : EIO));
		rc = AR_EIO;
	}
	ar_buf_free(&yaml);
	return rc;
}

/* One item as its own document, written by the same code as the saver. */
enum ar_rc ar_item_to_yaml(const struct ar_tracker *tracker, const struct ar_item *item,
                           struct ar_buf *out, struct ar_error *err)
{
	(void)tracker;
	struct writer w;
	writer_init(&w, out, err);
	put_item(&w, item, (struct lead_in){0}, 0, NULL);
	return writer_done(&w);
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
