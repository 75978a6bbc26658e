/* textsearch.h - case-insensitive search in UTF-8 text, fast enough to scan
 * a 170 MB tracker while the officer types.
 *
 * Folding is simple case folding restricted to the blocks officers' text
 * uses: ASCII, Latin-1 Supplement, Latin Extended-A, basic Greek and basic
 * Cyrillic capitals become their small letters; everything else (ß, ſ, İ,
 * the Kelvin sign, CJK, punctuation such as ’ – …) compares as itself.  Every
 * mapping keeps the character's UTF-8 length, so a match found in the folded
 * sense is a byte range of the text exactly as written, and no folded copy
 * of the text is ever needed.
 *
 * The search compares two well-chosen "anchor" bytes of the pattern against
 * 16 bytes of text at a time (SSE2, the x86-64 baseline; a portable loop
 * elsewhere) and verifies each candidate with proper folding.
 *
 * Ownership: an ar_needle owns its folded copy of the pattern and its byte
 * masks; ar_needle_free() releases them.  Searches borrow the text.
 */
#ifndef ARTRACK_TEXTSEARCH_H
#define ARTRACK_TEXTSEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The small letter of code point c, or c itself (see the blocks above). */
uint32_t ar_fold_char(uint32_t c);

/* Whether s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF). */
bool ar_utf8_valid(const char *s, size_t len);

/* A folded copy of s[0..len) (malloc'd, NUL-terminated, same byte length). */
char *ar_fold_utf8(const char *s, size_t len);

/* Fold s[0..len) into out[0..len) (no NUL added); a character cut off at
 * the end stays as it is. */
void ar_fold_into(const char *s, size_t len, char *out);

/* Compare two NUL-terminated strings by folded code point (<0, 0, >0);
 * NULL sorts after every string. */
int ar_fold_compare(const char *a, const char *b);

/* Whether folded a is a byte substring of folded b, both NUL-terminated. */
bool ar_fold_contains(const char *haystack, const char *pattern);

/* A compiled pattern.  Fields are private to textsearch.c. */
struct ar_needle {
	char *folded;          /* the pattern folded, NUL-terminated */
	size_t length;         /* bytes in folded (> 0) */
	uint8_t *mask;         /* per byte: bits that every case variant shares */
	uint8_t *value;        /* per byte: those bits' values */
	size_t anchor[2];      /* the two most selective byte positions, anchor[0] <= anchor[1] */
	bool ascii;            /* the pattern is all ASCII: a byte-table verify suffices */
};

/* Compile pattern[0..len) (len > 0). */
void ar_needle_init(struct ar_needle *needle, const char *pattern, size_t len);

/* Release the needle's memory; it may be initialised again. */
void ar_needle_free(struct ar_needle *needle);

/* The first place where text[0..len) matches the needle folded, or NULL. */
const char *ar_needle_find(const struct ar_needle *needle, const char *text, size_t len);

/* The same for a NUL-terminated string (NULL text: no match). */
const char *ar_needle_find_str(const struct ar_needle *needle, const char *text);

#endif
