/* text.c - UTF-8 decoding, display widths, inert glyphs, truncation, wrapping. */
#include "config.h"

#include "artrack/text.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t ar_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char c = u[0];
	size_t need;
	uint32_t value, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		need = 1, value = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2, value = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3, value = c & 0x07, min = 0x10000;
	} else {
		*cp = AR_REPLACEMENT_CHAR;
		return 1;
	}
	if (len < need + 1) {
		*cp = AR_REPLACEMENT_CHAR;
		return 1;
	}
	for (size_t i = 1; i <= need; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = AR_REPLACEMENT_CHAR;
			return 1;
		}
		value = value << 6 | (u[i] & 0x3f);
	}
	if (value < min || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
		*cp = AR_REPLACEMENT_CHAR;
		return 1;
	}
	*cp = value;
	return need + 1;
}

size_t ar_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	if (cp <= 0x10ffff) {
		out[0] = (char)(0xf0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f));
		return 4;
	}
	return 0;
}

bool ar_utf8_first_bad(const char *s, size_t len, struct ar_text_pos *at)
{
	int line = 1, column = 1;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t took = ar_utf8_decode(s + i, len - i, &cp);
		/* A real U+FFFD takes three bytes. */
		if (cp == 0 || (cp == AR_REPLACEMENT_CHAR && took == 1)) {
			if (at)
				*at = (struct ar_text_pos){.offset = i, .line = line, .column = column};
			return true;
		}
		if (cp == '\n') {
			line++;
			column = 1;
		} else {
			column++;
		}
		i += took;
	}
	return false;
}

enum ar_encoding_guess ar_encoding_guess(const unsigned char *bytes, size_t len, size_t start)
{
	/* UTF-16 of mostly Latin text: every other byte is NUL. */
	size_t zero[2] = {0, 0}, high = 0;
	for (size_t i = 0; i < len; i++) {
		if (bytes[i] == 0)
			zero[(start + i) & 1]++;
		else if (bytes[i] >= 0x80)
			high++;
	}
	size_t half = len / 2;
	if (half >= 1 && zero[1] * 4 >= half * 3 && zero[0] * 8 <= half)
		return AR_ENCODING_UTF16LE;
	if (half >= 1 && zero[0] * 4 >= half * 3 && zero[1] * 8 <= half)
		return AR_ENCODING_UTF16BE;
	if (zero[0] + zero[1] || !high)
		return AR_ENCODING_UNKNOWN;
	/* More well-formed multi-byte sequences than bytes that fit none:
	 * UTF-8 with stray bytes, not a one-byte encoding (whose letters
	 * seldom pair up so). */
	size_t sequences = 0, strays = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t took = ar_utf8_decode((const char *)bytes + i, len - i, &cp);
		if (took > 1)
			sequences++;
		else if (bytes[i] >= 0x80)
			strays++;
		i += took;
	}
	if (sequences >= strays)
		return AR_ENCODING_UNKNOWN;
	/* Text in a one-byte encoding: letters and punctuation, few bytes
	 * above 0x7F, no C0 controls but line breaks and tabs. */
	size_t control = 0;
	for (size_t i = 0; i < len; i++)
		if (bytes[i] < 0x20 && bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != '\t')
			control++;
	return control == 0 && strays * 4 <= len ? AR_ENCODING_8BIT : AR_ENCODING_UNKNOWN;
}

void ar_not_utf8_advice(struct ar_buf *out, const char *subject, enum ar_encoding_guess guess, int byte,
                        bool file)
{
	static const char *const looks[] = {
		[AR_ENCODING_8BIT] = "Latin-1 or Windows-1252",
		[AR_ENCODING_UTF16LE] = "UTF-16 (little-endian) without a byte-order mark",
		[AR_ENCODING_UTF16BE] = "UTF-16 (big-endian) without a byte-order mark",
	};
	static const char *const iconv_name[] = {
		[AR_ENCODING_8BIT] = "WINDOWS-1252",
		[AR_ENCODING_UTF16LE] = "UTF-16LE",
		[AR_ENCODING_UTF16BE] = "UTF-16BE",
	};
	ar_buf_addf(out, "%s is not UTF-8 text", subject);
	if (byte >= 0 && guess == AR_ENCODING_UNKNOWN)
		ar_buf_addf(out, " (byte 0x%02X)", (unsigned)byte);
	else if (byte >= 0 && guess == AR_ENCODING_8BIT)
		ar_buf_addf(out, " (byte 0x%02X; it looks like %s)", (unsigned)byte, looks[guess]);
	else if (guess != AR_ENCODING_UNKNOWN)
		ar_buf_addf(out, " (it looks like %s)", looks[guess]);
	if (!file)
		ar_buf_adds(out, "; save it as UTF-8");
	else if (guess != AR_ENCODING_UNKNOWN)
		ar_buf_addf(out, ": convert it with iconv -f %s -t UTF-8 FILE > NEW", iconv_name[guess]);
	else
		ar_buf_adds(out, ": save it as UTF-8 (iconv -f ENCODING -t UTF-8 FILE > NEW converts a file in "
		            "another encoding)");
}

/* ar_not_utf8_advice() for text whose first bad byte is at offset bad. */
static void not_utf8_at(struct ar_buf *out, const char *subject, const char *text, size_t len, size_t bad, bool file)
{
	const unsigned char *u = (const unsigned char *)text;
	/* UTF-16 shows in any stretch; a one-byte encoding in the line the bad
	 * byte is on (other lines may be UTF-8 someone else wrote). */
	size_t from = bad > 256 ? bad - 256 : 0, to = len - bad > 256 ? bad + 256 : len;
	enum ar_encoding_guess guess = ar_encoding_guess(u + from, to - from, from);
	if (guess != AR_ENCODING_UTF16LE && guess != AR_ENCODING_UTF16BE) {
		if (bad < len && text[bad] == '\0') {
			ar_buf_addf(out, "%s holds a NUL byte", subject);
			return;
		}
		from = bad;
		while (from > 0 && bad - from < 256 && text[from - 1] != '\n')
			from--;
		const char *nl = memchr(text + bad, '\n', to - bad);
		guess = ar_encoding_guess(u + from, (nl ? (size_t)(nl - text) : to) - from, from);
	}
	ar_not_utf8_advice(out, subject, guess, bad < len ? u[bad] : -1, file);
}

bool ar_utf8_refuse(const char *text, size_t len, const char *subject, bool file, struct ar_error *err)
{
	struct ar_text_pos bad;
	if (!ar_utf8_first_bad(text, len, &bad))
		return false;
	struct ar_buf advice = {0};
	not_utf8_at(&advice, subject, text, len, bad.offset, file);
	ar_error_set(err, bad.line, bad.column, "%s", advice.data);
	ar_buf_free(&advice);
	return true;
}

bool ar_locale_is_utf8(void)
{
	const char *codeset = nl_langinfo(CODESET);
	return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

void ar_text_locale_init(void)
{
	if (!setlocale(LC_CTYPE, "") || !ar_locale_is_utf8())
		setlocale(LC_CTYPE, "C.UTF-8");
}

bool ar_char_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e)
	       || (cp >= 0x2066 && cp <= 0x2069);
}

int ar_char_width(uint32_t cp)
{
	if (ar_char_is_control(cp))
		return -1;
	if (cp < 0x7f)
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

static bool is_line_break(uint32_t cp)
{
	return cp == '\n' || cp == 0x2028 || cp == 0x2029;
}

static void glyph_set(struct ar_glyph *g, const char *text, size_t len, int width)
{
	memcpy(g->text, text, len);
	g->text[len] = '\0';
	g->len = (unsigned char)len;
	g->width = (unsigned char)width;
}

size_t ar_glyph_next(const char *s, size_t len, struct ar_glyph *g)
{
	uint32_t cp;
	size_t n = ar_utf8_decode(s, len, &cp);
	memset(g, 0, sizeof *g);
	if (is_line_break(cp)) {
		glyph_set(g, " ", 1, 1);
		g->newline = true;
		return n;
	}
	if (cp == '\t') {
		glyph_set(g, " ", 1, 1);
		g->space = true;
		return n;
	}
	if (ar_char_is_control(cp) || (cp == AR_REPLACEMENT_CHAR && n == 1)) {
		if (cp < 0x20 || cp == 0x7f) {
			char caret[2] = { '^', cp == 0x7f ? '?' : (char)(cp + 0x40) };
			glyph_set(g, caret, 2, 2);
		} else {
			char rep[4];
			glyph_set(g, rep, ar_utf8_encode(AR_REPLACEMENT_CHAR, rep), 1);
		}
		g->inert = true;
		return n;
	}
	int width = ar_char_width(cp);
	if (width == 0) {
		/* A mark with nothing to sit on: put it on a space, as terminals do. */
		glyph_set(g, " ", 1, 1);
		n = 0;
	} else {
		glyph_set(g, s, n, width);
		g->space = cp == ' ';
	}
	while (n < len) {
		uint32_t mark;
		size_t m = ar_utf8_decode(s + n, len - n, &mark);
		if (is_line_break(mark) || ar_char_is_control(mark) || (mark == AR_REPLACEMENT_CHAR && m == 1)
		    || ar_char_width(mark) != 0)
			break;
		if (g->len + m < AR_GLYPH_MAX) {
			memcpy(g->text + g->len, s + n, m);
			g->len = (unsigned char)(g->len + m);
			g->text[g->len] = '\0';
		}
		n += m;
	}
	return n;
}

int ar_text_width(const char *s, size_t len)
{
	int width = 0;
	struct ar_glyph g;
	for (size_t pos = 0; pos < len;) {
		pos += ar_glyph_next(s + pos, len - pos, &g);
		width += g.width;
	}
	return width;
}

size_t ar_text_fit(const char *s, size_t len, int width, int *used)
{
	int w = 0;
	size_t pos = 0;
	struct ar_glyph g;
	while (pos < len) {
		size_t n = ar_glyph_next(s + pos, len - pos, &g);
		if (w + g.width > width)
			break;
		w += g.width;
		pos += n;
	}
	if (used)
		*used = w;
	return pos;
}

static int add_shown(const char *s, size_t len, struct ar_buf *out)
{
	int width = 0;
	struct ar_glyph g;
	for (size_t pos = 0; pos < len;) {
		pos += ar_glyph_next(s + pos, len - pos, &g);
		ar_buf_add(out, g.text, g.len);
		width += g.width;
	}
	return width;
}

size_t ar_text_inert_run(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t pos = 0;
	while (pos < len) {
		unsigned char c = u[pos];
		if (c >= 0x20 && c < 0x7f) {
			pos++;
			continue;
		}
		if (c == '\n' || c == '\t') {
			pos++;
			continue;
		}
		if (c < 0x80)
			break;
		uint32_t cp;
		size_t n = ar_utf8_decode(s + pos, len - pos, &cp);
		if (ar_char_is_control(cp) || (cp == AR_REPLACEMENT_CHAR && n == 1))
			break;
		pos += n;
	}
	return pos;
}

void ar_text_inert(const char *s, size_t len, struct ar_buf *out)
{
	if (!out->data)
		ar_buf_add(out, "", 0);
	for (size_t pos = 0; pos < len;) {
		size_t run = ar_text_inert_run(s + pos, len - pos);
		ar_buf_add(out, s + pos, run);
		pos += run;
		if (pos < len) {
			struct ar_glyph g;
			pos += ar_glyph_next(s + pos, len - pos, &g);
			ar_buf_add(out, g.text, g.len);
		}
	}
}

int ar_text_shown(const char *s, size_t len, int width, struct ar_buf *out)
{
	if (!out->data)
		ar_buf_add(out, "", 0);
	if (width < 0 || ar_text_width(s, len) <= width)
		return add_shown(s, len, out);
	if (width == 0)
		return 0;
	int used;
	size_t fit = ar_text_fit(s, len, width - 1, &used);
	add_shown(s, fit, out);
	ar_buf_adds(out, "\xe2\x80\xa6");
	return used + 1;
}

static void wrapped_add(struct ar_wrapped *w, size_t start, size_t len, int width)
{
	AR_GROW(w->lines, w->capacity, w->count + 1, 16);
	w->lines[w->count++] = (struct ar_text_line){ start, len, width };
}

/* Position after the spaces at pos (and after one line break right after
 * them, which the soft break already made). */
static size_t skip_spaces(const char *s, size_t len, size_t pos)
{
	struct ar_glyph g;
	while (pos < len) {
		size_t n = ar_glyph_next(s + pos, len - pos, &g);
		if (g.newline)
			return pos + n;
		if (!g.space)
			break;
		pos += n;
	}
	return pos;
}

void ar_text_wrap(const char *s, size_t len, int width, struct ar_wrapped *out)
{
	if (width < 1)
		width = 1;
	size_t pos = 0;
	struct ar_glyph g;
	while (pos < len) {
		size_t start = pos;
		int w = 0;
		size_t brk = start;    /* where the line may end: start of a space run, or beside a wide glyph */
		int brk_w = 0;
		bool prev_space = false;
		for (;;) {
			if (pos >= len) {
				wrapped_add(out, start, pos - start, w);
				return;
			}
			size_t n = ar_glyph_next(s + pos, len - pos, &g);
			if (g.newline) {
				wrapped_add(out, start, pos - start, w);
				pos += n;
				break;
			}
			if (g.space) {
				if (!prev_space) {
					brk = pos;
					brk_w = w;
				}
				prev_space = true;
				if (w + g.width > width) {
					wrapped_add(out, start, brk - start, brk_w);
					pos = skip_spaces(s, len, pos);
					break;
				}
				w += g.width;
				pos += n;
				continue;
			}
			bool after_space = prev_space;
			prev_space = false;
			if (g.width == 2 && pos > start && !after_space) {
				brk = pos;
				brk_w = w;
			}
			if (w + g.width > width) {
				if (brk > start) {
					wrapped_add(out, start, brk - start, brk_w);
					pos = skip_spaces(s, len, brk);
				} else if (pos == start) {
					wrapped_add(out, start, n, g.width);
					pos = skip_spaces(s, len, pos + n);
				} else {
					wrapped_add(out, start, pos - start, w);
				}
				break;
			}
			w += g.width;
			pos += n;
			if (g.width == 2) {
				brk = pos;
				brk_w = w;
			}
		}
	}
}

void ar_wrapped_free(struct ar_wrapped *w)
{
	free(w->lines);
	w->lines = NULL;
	w->count = w->capacity = 0;
}
