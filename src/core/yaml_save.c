/* yaml_save.c - the writer: whole trackers, single items, and the parts of
 * a file that changed (layout.h).
 *
 * The structure (keys in canonical order, indentation, "- " before each
 * element) is written line by line (the tracker's parts in
 * yaml_save_parts.c, the lines here), so comments can stand between
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
#include "artrack/textsearch.h"
#include "layout_internal.h"
#include "yaml_save_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define PLACEHOLDER "\xEE\x80\x80" /* U+E000 */
#define PLACEHOLDER_LEN 3

void ys_add_piece(struct writer *w, bool own, size_t at, size_t len)
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

/* Append bytes to the output. */
void ys_out_add(struct writer *w, const char *bytes, size_t len)
{
	if (!len)
		return;
	size_t at = w->out->len;
	const char *nl;
	if (w->crlf && (nl = memchr(bytes, '\n', len)) != NULL) {
		/* a CRLF file's edited lines end as its others do */
		const char *p = bytes, *end = bytes + len;
		for (; nl; nl = memchr(p, '\n', (size_t)(end - p))) {
			ar_buf_add(w->out, p, (size_t)(nl - p));
			ar_buf_add(w->out, "\r\n", 2);
			p = nl + 1;
		}
		ar_buf_add(w->out, p, (size_t)(end - p));
	} else {
		ar_buf_add(w->out, bytes, len);
	}
	if (w->piecewise)
		ys_add_piece(w, true, at, w->out->len - at);
}

/* End a line: the comment eol (if any) after a space, then the break. */
static void end_line(struct writer *w, const char *eol, size_t eol_len)
{
	if (eol) {
		ys_out_add(w, " ", 1);
		ys_out_add(w, eol, eol_len);
	}
	ys_out_add(w, "\n", 1);
}

static void out_spaces(struct writer *w, int n)
{
	static const char spaces[] = "                                ";
	while (n > 0) {
		int k = n < (int)sizeof spaces - 1 ? n : (int)sizeof spaces - 1;
		ys_out_add(w, spaces, (size_t)k);
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
	ys_out_add(w, lead, lead_len);
	bool first = true;
	while (len > 0) {
		const char *nl = memchr(p, '\n', len);
		size_t n = nl ? (size_t)(nl - p) : len;
		if (!first && n > 0)
			out_spaces(w, col);
		ys_out_add(w, p, n);
		end_line(w, first ? eol : NULL, eol_len);
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

static void put_lead(struct writer *w, struct lead_in *lead, int col)
{
	if (lead->text) {
		ys_out_add(w, lead->text, lead->len);
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

/* key: string, with eol after it */
void ys_line_string(struct writer *w, struct lead_in *lead, int col, const char *key, const char *s,
                    const char *eol, size_t eol_len)
{
	size_t len = strlen(s);
	if (string_style(s, len) == YAML_PLAIN_SCALAR_STYLE) {
		/* libyaml checks what it writes; this line skips it. */
		if (!ar_utf8_valid(s, len)) {
			writer_fail(w, "a string is not valid UTF-8");
			return;
		}
		put_lead(w, lead, col);
		if (key) {
			ys_out_add(w, key, strlen(key));
			ys_out_add(w, ": ", 2);
		} else {
			ys_out_add(w, "- ", 2);
		}
		ys_out_add(w, s, len);
		end_line(w, eol, eol_len);
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

/* key: value where value is safe plain, with eol after it. */
void ys_line_plain(struct writer *w, struct lead_in *lead, int col, const char *key, const char *value,
                   const char *eol, size_t eol_len)
{
	put_lead(w, lead, col);
	ys_out_add(w, key, strlen(key));
	if (value) {
		ys_out_add(w, ": ", 2);
		ys_out_add(w, value, strlen(value));
	} else {
		ys_out_add(w, ":", 1);
	}
	end_line(w, eol, eol_len);
}

/* An unknown key whose value is kept as its bytes (AR_NODE_RAW): the key,
 * then the value's lines moved to this column. */
static void line_raw(struct writer *w, struct lead_in *lead, int col, const char *key, const struct ar_node *raw,
                     const char *eol, size_t eol_len)
{
	size_t klen = strlen(key);
	if (string_style(key, klen) == YAML_PLAIN_SCALAR_STYLE && ar_utf8_valid(key, klen)) {
		put_lead(w, lead, col);
		ys_out_add(w, key, klen);
	} else {
		/* the key as one element of a one-line sequence: "- 'key'",
		 * written aside */
		struct ar_buf aside = {0};
		struct ar_buf *out = w->out;
		bool piecewise = w->piecewise, crlf = w->crlf;
		w->out = &aside;
		w->piecewise = false;
		w->crlf = false; /* cut below as "- 'key'\n" */
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
		w->crlf = crlf;
		if (w->failed) {
			ar_buf_free(&aside);
			return;
		}
		/* "- 'key'\n" -> "'key'" after the lead */
		put_lead(w, lead, col);
		ys_out_add(w, aside.data + 2, aside.len > 3 ? aside.len - 3 : 0);
		ar_buf_free(&aside);
	}
	ys_out_add(w, ":", 1);
	const char *p = raw->as.raw.bytes, *end = p + raw->as.raw.length;
	bool first = true;
	if (!raw->as.raw.block) {
		ys_out_add(w, " ", 1);
	} else {
		end_line(w, eol, eol_len);
		eol = NULL;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > 0 && p[n - 1] == '\r')
			n--; /* a CRLF file's break: end_line writes this writer's */
		size_t spaces = 0;
		while (spaces < n && p[spaces] == ' ')
			spaces++;
		if (spaces == n) {
			if (!first)
				ys_out_add(w, "", 0);
		} else if (raw->as.raw.block) {
			/* each line keeps its place relative to the value's first */
			int own = first ? raw->as.raw.column : (int)spaces;
			/* a sequence's dashes at the key's column, as canonical form has them */
			const char *b = raw->as.raw.bytes;
			size_t n0 = raw->as.raw.length;
			bool sequence = n0 && b[0] == '-' && (n0 == 1 || b[1] == ' ' || b[1] == '\n' || b[1] == '\r');
			int base = sequence ? col : col + 2; /* not a key "---x" */
			int shifted = own - raw->as.raw.column + base;
			out_spaces(w, shifted < col ? col : shifted);
			ys_out_add(w, p + spaces, n - spaces);
		} else {
			if (!first)
				out_spaces(w, col + 2);
			ys_out_add(w, p + spaces, n - spaces);
		}
		end_line(w, first ? eol : NULL, eol_len);
		first = false;
		if (!nl)
			break;
		p = nl + 1;
	}
	if (first)
		ys_out_add(w, "\n", 1);
}

/* An unknown key kept as it was read (its value as a tree), with eol after it. */
void ys_line_extra(struct writer *w, struct lead_in *lead, int col, const struct ar_extra *x,
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

/* The first comment of node in [from, to), leaving out those inside its
 * value when bytes (the value is written as its bytes, comments and all). */
static size_t node_comment_in(const struct writer *w, const struct lay_node *node, size_t from, size_t to,
                              bool bytes)
{
	size_t at = lay_comment_in(w->tree, from, to);
	if (bytes && at != SIZE_MAX && at >= node->value && at < node->value_end)
		at = node->value_end < to ? lay_comment_in(w->tree, node->value_end, to) : SIZE_MAX;
	return at;
}

static const char *eol_of(const struct writer *w, const struct lay_node *node, size_t *len, bool bytes)
{
	*len = 0;
	if (!w->tree || !node)
		return NULL;
	size_t at = node_comment_in(w, node, node->span.key, lay_line_end(w->source, w->source_len, node->span.key),
	                            bytes);
	if (at == SIZE_MAX)
		return NULL;
	*len = comment_text_len(w->source, w->source_len, at);
	return w->source + at;
}

/* The comment at the end of node's first line (its key's line), if any. */
const char *ys_eol_of(const struct writer *w, const struct lay_node *node, size_t *len)
{
	return eol_of(w, node, len, false);
}

/* Blank lines and comment lines of source[from, to), comments at col. */
void ys_region_lines(struct writer *w, size_t from, size_t to, int col)
{
	const char *s = w->source;
	for (size_t p = from; p < to;) {
		size_t e = lay_line_end(s, to, p), q = p;
		while (q < e && (s[q] == ' ' || s[q] == '\t'))
			q++;
		if (q == e || s[q] == '\n' || s[q] == '\r') {
			ys_out_add(w, "\n", 1);
		} else if (s[q] == '#') {
			out_spaces(w, col);
			ys_out_add(w, s + q, comment_text_len(s, to, q));
			ys_out_add(w, "\n", 1);
		}
		p = e;
	}
}

static void comments_before(struct writer *w, const struct lay_node *node, int col, bool bytes)
{
	if (!w->tree || !node)
		return;
	if (!w->leads_copied)
		ys_region_lines(w, node->span.lead, node->span.body, col);
	if (node->block_value)
		return;
	size_t from = lay_line_end(w->source, w->source_len, node->span.key);
	for (size_t at = node_comment_in(w, node, from, node->span.end, bytes); at != SIZE_MAX;
	     at = node_comment_in(w, node, at + 1, node->span.end, bytes)) {
		out_spaces(w, col);
		ys_out_add(w, w->source + at, comment_text_len(w->source, w->source_len, at));
		ys_out_add(w, "\n", 1);
	}
}

/* What stands before node in canonical layout: the lines before it, and
 * the comments inside it that the canonical form has no place for. */
void ys_comments_before(struct writer *w, const struct lay_node *node, int col)
{
	comments_before(w, node, col, false);
}

/* ys_eol_of and ys_comments_before for a node whose value is written as
 * its bytes (an unknown key's collection): the comments inside the value
 * go with those bytes, so they are not written again. */
const char *ys_eol_beside_bytes(const struct writer *w, const struct lay_node *node, size_t *len)
{
	return eol_of(w, node, len, true);
}

void ys_comments_beside_bytes(struct writer *w, const struct lay_node *node, int col)
{
	comments_before(w, node, col, true);
}

/* node's child under key name, or NULL. */
const struct lay_node *ys_child_named(const struct lay_node *node, const char *name)
{
	if (!node)
		return NULL;
	for (size_t i = 0; i < node->child_count; i++)
		if (node->children[i].name && strcmp(node->children[i].name, name) == 0)
			return &node->children[i];
	return NULL;
}

/* The child i of node when node has expect children (the layout still fits), else NULL. */
const struct lay_node *ys_child_at(const struct lay_node *node, size_t i, size_t expect)
{
	return node && node->child_count == expect && i < expect ? &node->children[i] : NULL;
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

/* Whether the file read ends its first line with CR LF. */
static bool crlf_file(const struct ar_layout *L)
{
	const char *nl = memchr(L->source, '\n', L->len);
	return nl && nl > L->source && nl[-1] == '\r';
}

/* A writer that may copy from the bytes the tracker was read from (L may be NULL). */
static void writer_init_from(struct writer *w, struct ar_buf *out, struct ar_error *err,
                             const struct ar_layout *L)
{
	writer_init(w, out, err);
	if (L) {
		w->source = L->source;
		w->source_len = L->len;
	}
}

enum ar_rc ys_render_part(const struct ar_tracker *t, int top_key, size_t element, const char *lead,
                          size_t lead_len, bool crlf, struct ar_buf *out, struct ar_error *err)
{
	struct writer w;
	writer_init(&w, out, err);
	w.crlf = crlf;
	ys_put_part(&w, t, top_key, element, (struct lead_in){lead, lead_len}, (int)lead_len);
	return writer_done(&w);
}

/* The first region of L that starts at or after from. */
static size_t first_region_from(const struct ar_layout *L, size_t from)
{
	size_t lo = 0, hi = L->region_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (L->regions[mid].from < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A file whose flow-style parts were written anew (layout_flow.c): a run of
 * the source that holds a whole such part (nobody changed it) is written
 * as the file had it instead.  v (malloc'd) may be replaced. */
static struct ar_bytes_piece *pieces_as_read(const struct ar_layout *L, struct ar_bytes_piece *v, size_t *count)
{
	struct ar_bytes_piece *out = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < *count; i++) {
		const char *p = v[i].bytes;
		bool ours = L->len && p >= L->source && p + v[i].len <= L->source + L->len;
		size_t at = ours ? (size_t)(p - L->source) : 0, end = at + v[i].len;
		for (size_t r = ours ? first_region_from(L, at) : L->region_count;
		     r < L->region_count && L->regions[r].to <= end; r++) {
			const struct lay_region *g = &L->regions[r];
			AR_GROW(out, cap, n + 2, 16);
			if (g->from > at)
				out[n++] = (struct ar_bytes_piece){L->source + at, g->from - at};
			out[n++] = (struct ar_bytes_piece){L->original + g->orig_from, g->orig_to - g->orig_from};
			at = g->to;
		}
		if (end > at || !ours) {
			AR_GROW(out, cap, n + 1, 16);
			out[n++] = ours ? (struct ar_bytes_piece){L->source + at, end - at} : v[i];
		}
	}
	free(v);
	*count = n;
	return out;
}

void ys_writer_open(struct writer *w, struct ar_buf *out, struct ar_error *err, const struct ar_layout *L)
{
	writer_init_from(w, out, err, L);
}

enum ar_rc ys_writer_close(struct writer *w)
{
	return writer_done(w);
}

enum ar_rc ar_layout_write(const struct ar_tracker *tracker, struct ar_buf *out, struct ar_error *err)
{
	struct writer w;
	const struct ar_layout *L = tracker->layout;
	if (L && L->region_count) {
		/* the parts kept as read are pieces: so the pieces' path */
		struct ar_buf own = {0};
		struct ar_bytes_piece *pieces;
		size_t count;
		enum ar_rc rc = ar_layout_write_pieces(tracker, &own, &pieces, &count, err);
		for (size_t i = 0; rc == AR_OK && i < count; i++)
			ar_buf_add(out, pieces[i].bytes, pieces[i].len);
		free(pieces);
		ar_buf_free(&own);
		return rc;
	}
	size_t from = out->len;
	writer_init_from(&w, out, err, L);
	if (L) {
		w.leads_copied = true;
		w.crlf = crlf_file(L);
		ys_put_tracker_preserving(&w, tracker, L);
	} else {
		ys_put_tracker(&w, tracker, NULL);
	}
	enum ar_rc rc = writer_done(&w);
	if (rc == AR_OK)
		lay_breaks_back(L, out, from, true);
	return rc;
}

enum ar_rc ar_layout_write_canonical(const struct ar_tracker *tracker, struct ar_buf *out, struct ar_error *err)
{
	struct writer w;
	const struct ar_layout *L = tracker->layout;
	size_t from = out->len;
	writer_init_from(&w, out, err, L);
	ys_put_tracker(&w, tracker, L);
	enum ar_rc rc = writer_done(&w);
	if (rc == AR_OK)
		lay_breaks_back(L, out, from, false);
	return rc;
}

/* The pieces of a file with lone CRs (read and written with LF) as one
 * piece of own with the file's line ends (lay_breaks_back). */
static void breaks_back_pieces(const struct ar_layout *L, struct ar_buf *own, struct ar_bytes_piece **pieces,
                               size_t *count)
{
	if (!*count)
		return;
	struct ar_buf whole = {0};
	for (size_t i = 0; i < *count; i++)
		ar_buf_add(&whole, (*pieces)[i].bytes, (*pieces)[i].len);
	lay_breaks_back(L, &whole, 0, true);
	ar_buf_free(own);
	*own = whole;
	(*pieces)[0] = (struct ar_bytes_piece){own->data ? own->data : "", own->len};
	*count = 1;
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
	w.crlf = crlf_file(L);
	w.piecewise = true;
	ys_put_tracker_preserving(&w, tracker, L);
	if (!w.failed) {
		/* own stops growing now: the pointers hold */
		struct ar_bytes_piece *v = ar_xcalloc(w.piece_count + 1, sizeof *v);
		for (size_t i = 0; i < w.piece_count; i++)
			v[i] = (struct ar_bytes_piece){(w.pieces[i].own ? own->data : L->source) + w.pieces[i].at,
			                               w.pieces[i].len};
		*pieces = v;
		*count = w.piece_count;
		if (L->region_count)
			*pieces = pieces_as_read(L, v, count);
	}
	enum ar_rc rc = writer_done(&w);
	if (rc == AR_OK && (L->cr_breaks || L->as_read))
		breaks_back_pieces(L, own, pieces, count);
	return rc;
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
	ys_put_item(&w, item, (struct lead_in){0}, 0, NULL);
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
	/* "... x" at a line's start ends the document */
	if (len >= 3 && memcmp(s, "...", 3) == 0 && (len == 3 || p[3] == ' ' || p[3] == '\t'))
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
