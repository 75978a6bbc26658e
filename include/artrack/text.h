/* text.h - UTF-8 text as a terminal shows it: decoding, display widths,
 * inert stand-ins for control characters, truncation and word wrapping.
 *
 * Text is cut into glyphs: one character with the zero-width marks that
 * follow it, as a terminal puts it in one cell (or two, for wide
 * characters).  Anything that would act on a terminal instead of appearing
 * on it - C0 and C1 control characters, DEL, the ESC that starts an escape
 * sequence, bidirectional overrides, bytes that are not UTF-8 - becomes an
 * inert glyph: caret notation (^[, ^G, ^?) or U+FFFD.  So text from a
 * tracker can never move the cursor, change colours or set the title.
 *
 * Widths follow the C library's wcwidth() under the current LC_CTYPE, which
 * is also what ncursesw uses to place characters, so the two always agree
 * (wide CJK = 2, combining marks = 0).  The program sets a UTF-8 locale at
 * start; characters wcwidth() does not know count as one column.
 *
 * Ownership: functions borrow their input; results go into caller-owned
 * values (an ar_buf, an ar_wrapped released with ar_wrapped_free()).
 */
#ifndef ARTRACK_TEXT_H
#define ARTRACK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "artrack/alloc.h"
#include "artrack/error.h"

#define AR_REPLACEMENT_CHAR 0xfffdu

/* Whether the LC_CTYPE in force is UTF-8 (else a terminal may not show
 * block characters and the like: draw with ASCII). */
bool ar_locale_is_utf8(void);

/* For output that is not the terminal UI: take LC_CTYPE from the
 * environment, or C.UTF-8 where that is not UTF-8, so widths are measured
 * right (tracker text is UTF-8 whatever the locale says). */
void ar_text_locale_init(void);

/* Decode the character at s[0..len) (len > 0) into *cp; returns the bytes it
 * took (1..4).  Bytes that are not well-formed UTF-8 (overlong forms,
 * surrogates, values past U+10FFFF, truncated sequences) give U+FFFD and
 * one byte. */
size_t ar_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode cp (a Unicode scalar value) into out; returns the byte count (1..4),
 * 0 for a value that is not one. */
size_t ar_utf8_encode(uint32_t cp, char out[4]);

/* Where something is in a text: byte offset, and the 1-based line and
 * column (columns count characters) of that byte. */
struct ar_text_pos {
	size_t offset;
	int line;
	int column;
};

/* The one check for "is this UTF-8 text": false when all of s[0..len) is
 * well-formed UTF-8 without NUL bytes; else true with *at (if not NULL) the
 * first byte that is not (a NUL, or a byte no well-formed sequence starts
 * or continues there). */
bool ar_utf8_first_bad(const char *s, size_t len, struct ar_text_pos *at);

/* What bytes that are not UTF-8 look like, for saying what to do. */
enum ar_encoding_guess {
	AR_ENCODING_UNKNOWN = 0,   /* binary, or nothing to go by */
	AR_ENCODING_8BIT,          /* a one-byte encoding: Latin-1 / Windows-1252 */
	AR_ENCODING_UTF16LE,       /* UTF-16 without a BOM, little-endian */
	AR_ENCODING_UTF16BE,       /* UTF-16 without a BOM, big-endian */
};

/* Guess the encoding of bytes[0..len), a window of the input starting at
 * offset start of it (the parity of offsets tells UTF-16's byte order). */
enum ar_encoding_guess ar_encoding_guess(const unsigned char *bytes, size_t len, size_t start);

/* Append what the officer can do about input that is not UTF-8: subject
 * ("this file", "this text") is not UTF-8, what it looks like, and for a
 * file the iconv command that converts it (else "save it as UTF-8"); byte
 * is the first bad byte (< 0: not known).  For example "this file is not
 * UTF-8 text (byte 0xE9; it looks like Latin-1 or Windows-1252): convert it
 * with iconv -f WINDOWS-1252 -t UTF-8 FILE > NEW". */
void ar_not_utf8_advice(struct ar_buf *out, const char *subject, enum ar_encoding_guess guess, int byte,
                        bool file);

/* The check every reader of the officer's text makes: false when
 * text[0..len) is UTF-8 without NUL bytes; else true with err set at the
 * first bad byte's line and column to ar_not_utf8_advice() (the encoding
 * guessed from the bytes around it) or "SUBJECT holds a NUL byte". */
bool ar_utf8_refuse(const char *text, size_t len, const char *subject, bool file, struct ar_error *err);

/* Columns a printable character takes: 0 (combining and other zero-width
 * characters), 1 or 2 (wide).  Control characters give -1. */
int ar_char_width(uint32_t cp);

/* Whether cp acts on a terminal rather than showing on it, so it is shown
 * by a stand-in: C0/C1 controls, DEL, bidirectional embeddings, overrides
 * and isolates. */
bool ar_char_is_control(uint32_t cp);

#define AR_GLYPH_MAX 16 /* bytes of a glyph's text, NUL included */

/* One glyph: what goes in one screen cell (two when width is 2). */
struct ar_glyph {
	char text[AR_GLYPH_MAX]; /* UTF-8 to show, NUL-terminated; never a control */
	unsigned char len;       /* bytes of text */
	unsigned char width;     /* columns: 1 or 2 (caret notation: 2) */
	bool inert;              /* a stand-in for something not shown as itself */
	bool space;              /* a space or tab: where lines may be broken */
	bool newline;            /* a line break (\n, U+2028, U+2029); text is " " */
};

/* Cut the glyph at s[0..len) (len > 0) into *g; returns the bytes it took.
 * Marks beyond what fits in a glyph are taken but dropped; a mark with no
 * character before it sits on a space. */
size_t ar_glyph_next(const char *s, size_t len, struct ar_glyph *g);

/* Columns s[0..len) takes on one line. */
int ar_text_width(const char *s, size_t len);

/* Bytes of the longest prefix of s[0..len) made of whole glyphs that fits
 * in width columns; *used (if not NULL) gets its width. */
size_t ar_text_fit(const char *s, size_t len, int width, int *used);

/* Append s[0..len) as shown on one line: inert stand-ins for controls, line
 * breaks and tabs as spaces, cut to width columns with a trailing "…" when
 * it is wider (width < 0: no limit).  Returns the columns appended. */
int ar_text_shown(const char *s, size_t len, int width, struct ar_buf *out);

/* Append s[0..len) for output that is not a terminal screen we draw (the
 * command line's show, list and export): every character that would act on
 * a terminal becomes its inert stand-in (as ar_glyph_next() shows it: ^[ for
 * ESC, U+FFFD for C1 controls, bidirectional overrides and bytes that are
 * not UTF-8); line breaks and tabs stay, and everything else is copied
 * byte for byte. */
void ar_text_inert(const char *s, size_t len, struct ar_buf *out);

/* How many bytes at the start of s[0..len) ar_text_inert() copies as they
 * are; the glyph after them (ar_glyph_next()) is a stand-in.  For writers
 * that may not allocate. */
size_t ar_text_inert_run(const char *s, size_t len);

/* One line of wrapped text: source bytes [start, start + len) and their
 * width.  Spaces where a line was broken are left out. */
struct ar_text_line {
	size_t start;
	size_t len;
	int width;
};

/* The lines of wrapped text. */
struct ar_wrapped {
	struct ar_text_line *lines;
	size_t count;
	size_t capacity;
};

/* Append to out the lines of s[0..len) word-wrapped to width columns
 * (width < 1 counts as 1).  Lines break at spaces and around wide
 * characters; a word longer than the width is cut between glyphs; line
 * breaks in the text are kept (one at the very end adds no empty line);
 * empty text gives no lines. */
void ar_text_wrap(const char *s, size_t len, int width, struct ar_wrapped *out);

/* Release the lines; w is left empty and reusable. */
void ar_wrapped_free(struct ar_wrapped *w);

#endif
