/* import_markup.c - a table cell's markup (<p>, <b>, entities, the
 * spaces of line breaks) made a document for the importer (import.c). */
#include "config.h"

#include "import_internal.h"
#include "artrack/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- cells: markup to documents ---- */


static enum tag_kind tag_kind_of(const char *name, size_t len)
{
	static const char *const paragraph[] = {"p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "table",
		"tbody", "thead", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", NULL};
	static const char *const inline_[] = {"b", "strong", "i", "em", "u", "span", "font", "a", "s",
		"strike", "mark", "small", "big", "code", NULL};
	static const char *const vanish[] = {"sup", "sub", "o:p", "wbr", NULL};
	char lower[16];
	if (len >= sizeof lower)
		return TAG_NONE;
	for (size_t i = 0; i < len; i++)
		lower[i] = to_lower(name[i]);
	lower[len] = '\0';
	for (size_t i = 0; paragraph[i]; i++)
		if (strcmp(lower, paragraph[i]) == 0)
			return TAG_PARAGRAPH;
	for (size_t i = 0; inline_[i]; i++)
		if (strcmp(lower, inline_[i]) == 0)
			return TAG_INLINE;
	for (size_t i = 0; vanish[i]; i++)
		if (strcmp(lower, vanish[i]) == 0)
			return TAG_VANISH;
	return TAG_NONE;
}

/* The length of the HTML tag of a known element at s[0..n) (s[0] == '<'),
 * or 0 when it is not one (then '<' is just text). */
size_t imp_parse_tag(const char *s, size_t n, enum tag_kind *kind)
{
	size_t i = 1;
	if (i < n && s[i] == '/')
		i++;
	size_t name = i;
	if (i >= n || !is_alpha(s[i]))
		return 0;
	while (i < n && (is_alnum(s[i]) || s[i] == ':'))
		i++;
	*kind = tag_kind_of(s + name, i - name);
	if (*kind == TAG_NONE)
		return 0;
	if (i < n && s[i] == ' ') {
		while (i < n && s[i] != '>' && s[i] != '<')
			i++;
	} else if (i < n && s[i] == '/') {
		i++;
	}
	return i < n && s[i] == '>' ? i + 1 : 0;
}

/* The length of the character entity at s[0..n) (s[0] == '&') and its
 * character in *cp, or 0. */
static size_t parse_entity(const char *s, size_t n, uint32_t *cp)
{
	static const struct { const char *name; uint32_t cp; } names[] = {
		{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '},
		{"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
		{"ldquo", 0x201c}, {"rdquo", 0x201d}, {"hellip", 0x2026}, {"pound", 0xa3},
		{"euro", 0x20ac}, {"copy", 0xa9}, {"reg", 0xae}, {"trade", 0x2122}, {"bull", 0x2022},
		{"middot", 0xb7}, {"deg", 0xb0}, {"times", 0xd7}, {"frac12", 0xbd}, {"shy", 0xad},
	};
	size_t end = 1;
	while (end < n && end < 12 && s[end] != ';')
		end++;
	if (end >= n || s[end] != ';' || end == 1)
		return 0;
	if (s[1] == '#') {
		uint32_t v = 0;
		bool hex = end > 2 && (s[2] == 'x' || s[2] == 'X');
		size_t i = hex ? 3 : 2;
		if (i == end)
			return 0;
		for (; i < end; i++) {
			char c = to_lower(s[i]);
			uint32_t d;
			if (is_digit(c))
				d = (uint32_t)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				d = (uint32_t)(c - 'a' + 10);
			else
				return 0;
			v = v * (hex ? 16 : 10) + d;
			if (v > 0x10ffff)
				return 0;
		}
		if (v == 0 || (v >= 0xd800 && v <= 0xdfff))
			return 0;
		*cp = v < 0x20 || v == 0xa0 ? ' ' : v; /* tabs and line breaks in a cell are spaces */
		return end + 1;
	}
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (strlen(names[k].name) == end - 1 && memcmp(names[k].name, s + 1, end - 1) == 0) {
			*cp = names[k].cp;
			return end + 1;
		}
	return 0;
}

/* The last byte of buf that is neither a space, a BND nor a line break, or NULL. */
static const char *last_visible(const char *s, size_t n)
{
	while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '\n'))
		n--;
	return n ? s + n - 1 : NULL;
}

/* Whether the text in s[0..n) ends a sentence (or announces what follows):
 * its last character, closing quotes and brackets aside, is . ! ? or :. */
static bool ends_sentence(const char *s, size_t n, bool colon)
{
	const char *p = last_visible(s, n);
	while (p) {
		size_t k = (size_t)(p - s) + 1;
		if (*p == ')' || *p == '"' || *p == '\'') {
			n = k - 1;
		} else if (k >= 3 && (unsigned char)p[-2] == 0xe2 && (unsigned char)p[-1] == 0x80 &&
		           ((unsigned char)*p == 0x99 || (unsigned char)*p == 0x9d)) {
			n = k - 3; /* ’ or ” */
		} else {
			return *p == '.' || *p == '!' || *p == '?' || (colon && *p == ':');
		}
		p = last_visible(s, n);
	}
	return false;
}

/* Tidy a raw document: paragraphs separated by one '\n', none empty; no
 * spaces or BNDs at a paragraph's edges; runs of spaces made one. */
void imp_doc_normalize(const char *s, size_t n, struct ar_buf *out)
{
	bool para = false, space = false, wrap = false, bnd = false, content = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n') {
			para = content || para;
			space = wrap = bnd = false;
			content = false;
		} else if (c == ' ' || c == WRAP) {
			space = content;
			wrap |= content && c == WRAP;
		} else if (c == BND) {
			bnd = content;
		} else {
			if (para && out->len) {
				ar_buf_addc(out, '\n');
			} else {
				if (space)
					ar_buf_addc(out, wrap ? WRAP : ' ');
				if (bnd)
					ar_buf_addc(out, BND);
			}
			para = space = wrap = bnd = false;
			content = true;
			ar_buf_addc(out, c);
		}
	}
	if (!out->data)
		ar_buf_adds(out, "");
}

/* Append the document of the cell text s[0..n) to out (out is reset). */
void imp_cell_to_doc(const char *s, size_t n, struct ar_buf *out)
{
	struct ar_buf raw = {0};
	size_t i = 0;
	while (i < n) {
		char c = s[i];
		enum tag_kind kind;
		uint32_t cp;
		size_t k;
		if (c == '<' && (k = imp_parse_tag(s + i, n - i, &kind)) > 0) {
			if (kind != TAG_VANISH)
				ar_buf_addc(&raw, kind == TAG_PARAGRAPH ? '\n' : BND);
			i += k;
		} else if (c == '&' && (k = parse_entity(s + i, n - i, &cp)) > 0) {
			char bytes[4];
			ar_buf_add(&raw, bytes, ar_utf8_encode(cp, bytes));
			i += k;
		} else if (c == ' ' || c == '\r' || c == '\v' || c == '\f') {
			size_t j = i;
			while (j < n && (s[j] == ' ' || s[j] == '\r' || s[j] == '\v' || s[j] == '\f'))
				j++;
			/* Two spaces are where copying ran two lines of a cell together,
			 * unless they are a typist's double space after a full stop. */
			bool line_break = j - i >= 2 &&
			                  ((i > 0 && s[i - 1] == '>') || (j < n && s[j] == '<') ||
			                   !ends_sentence(raw.data ? raw.data : "", raw.len, false));
			ar_buf_addc(&raw, line_break ? '\n' : ' ');
			i = j;
		} else if ((unsigned char)c < 0x20) {
			i++; /* BND and other C0 controls have no place in a cell */
		} else {
			ar_buf_addc(&raw, c);
			i++;
		}
	}
	ar_buf_reset(out);
	imp_doc_normalize(raw.data ? raw.data : "", raw.len, out);
	ar_buf_free(&raw);
}

/* Join the document src to dst, continuing dst's last paragraph (after a
 * WRAP when wrapped) or, when page_rule and dst ends a sentence and src does
 * not start in lower case, as a new paragraph. */
void imp_doc_join(struct ar_buf *dst, const struct ar_buf *src, bool page_rule, bool wrapped)
{
	if (src->len == 0)
		return;
	if (dst->len) {
		size_t i = 0;
		while (i < src->len && src->data[i] == BND)
			i++;
		bool lower = i < src->len && is_lower(src->data[i]);
		bool paragraph = page_rule && !lower && ends_sentence(dst->data, dst->len, true);
		/* "well-" / "coordinated": a word hyphenated across lines is one */
		bool hyphenated = wrapped && !paragraph && dst->len >= 2 && dst->data[dst->len - 1] == '-' &&
		                  is_alpha(dst->data[dst->len - 2]) && i < src->len && is_alpha(src->data[i]);
		if (!hyphenated)
			ar_buf_addc(dst, paragraph ? '\n' : wrapped ? WRAP : ' ');
	}
	ar_buf_add(dst, src->data, src->len);
}

/* The document s[0..n) as text: BNDs gone, paragraphs separated by sep. */
void imp_doc_text(const char *s, size_t n, const char *sep, struct ar_buf *out)
{
	struct ar_buf tidy = {0};
	imp_doc_normalize(s, n, &tidy);
	for (size_t i = 0; i < tidy.len; i++) {
		char c = tidy.data[i];
		if (c == '\n')
			ar_buf_adds(out, sep);
		else if (c == WRAP)
			ar_buf_addc(out, ' ');
		else if (c != BND)
			ar_buf_addc(out, c);
	}
	if (!out->data)
		ar_buf_adds(out, "");
	ar_buf_free(&tidy);
}
