/* textsearch.c - case folding and the anchored SIMD substring search. */
#include "config.h"

#include "artrack/textsearch.h"
#include "artrack/alloc.h"
#include "artrack/text.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Code points above this never fold and are never a fold's result. */
#define FOLD_LAST 0x52F
/* What an ill-formed byte decodes to: outside Unicode, so it folds to
 * itself and equals nothing but the same ill-formed byte. */
#define BAD_BYTE_BASE 0x110000u

uint32_t ar_fold_char(uint32_t c)
{
	if (c < 0x80)
		return c - 'A' < 26u ? c + 32 : c;
	if (c > FOLD_LAST)
		return c;
	if (c < 0x100)
		return c >= 0xC0 && c <= 0xDE && c != 0xD7 ? c + 32 : c;
	if (c < 0x180) {
		/* Latin Extended-A pairs capital/small, except where an odd-even
		 * run shifts the pairing; U+0130, U+0131, U+0138, U+0149 and U+017F
		 * have no same-length simple fold and stay themselves. */
		if (c <= 0x12F || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
			return c & 1 ? c : c + 1;
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
			return c & 1 ? c + 1 : c;
		if (c == 0x178)
			return 0xFF;
		return c;
	}
	if (c >= 0x370 && c < 0x400) {
		if (c == 0x386)
			return 0x3AC;
		if (c >= 0x388 && c <= 0x38A)
			return c + 37;
		if (c == 0x38C)
			return 0x3CC;
		if (c == 0x38E || c == 0x38F)
			return c + 63;
		if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB))
			return c + 32;
		if (c == 0x3C2)
			return 0x3C3; /* final sigma folds to sigma */
		return c;
	}
	if (c >= 0x400) {
		if (c <= 0x40F)
			return c + 80;
		if (c <= 0x42F)
			return c + 32;
		if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || c >= 0x4D0)
			return c & 1 ? c : c + 1;
		if (c == 0x4C0)
			return 0x4CF;
		if (c >= 0x4C1 && c <= 0x4CE)
			return c & 1 ? c + 1 : c;
	}
	return c;
}

/* Decode one character of s[0..len) (len > 0).  An ill-formed byte gives
 * BAD_BYTE_BASE + the byte rather than text.h's U+FFFD, so it folds to
 * itself and equals nothing but the same ill-formed byte. */
static size_t decode(const unsigned char *s, size_t len, uint32_t *out)
{
	if (s[0] < 0x80) {
		*out = s[0];
		return 1;
	}
	size_t n = ar_utf8_decode((const char *)s, len, out);
	if (*out == AR_REPLACEMENT_CHAR && n == 1)
		*out = BAD_BYTE_BASE + s[0];
	return n;
}

/* Encode c (a valid code point) into out; returns its length. */
static size_t encode(uint32_t c, unsigned char out[4])
{
	return ar_utf8_encode(c, (char *)out);
}

bool ar_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		uint32_t c;
		i += decode(p + i, len - i, &c);
		if (c >= BAD_BYTE_BASE)
			return false;
	}
	return true;
}

/* Fold s[0..len) into out (len bytes; folding keeps lengths). */
static void fold_into(const unsigned char *s, size_t len, unsigned char *out)
{
	size_t i = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			out[i] = (unsigned char)ar_fold_char(s[i]);
			i++;
			continue;
		}
		uint32_t c;
		size_t n = decode(s + i, len - i, &c);
		if (c >= BAD_BYTE_BASE)
			out[i] = s[i];
		else
			encode(ar_fold_char(c), out + i);
		i += n;
	}
}

void ar_fold_into(const char *s, size_t len, char *out)
{
	fold_into((const unsigned char *)s, len, (unsigned char *)out);
}

char *ar_fold_utf8(const char *s, size_t len)
{
	unsigned char *out = ar_xmalloc(len + 1);
	fold_into((const unsigned char *)s, len, out);
	out[len] = '\0';
	return (char *)out;
}

int ar_fold_compare(const char *a, const char *b)
{
	if (!a || !b)
		return !a - !b;
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	for (;;) {
		/* The ASCII fast path: most topics and names are plain letters. */
		while (*p && *p < 0x80 && *q && *q < 0x80) {
			uint32_t x = ar_fold_char(*p), y = ar_fold_char(*q);
			if (x != y)
				return x < y ? -1 : 1;
			p++, q++;
		}
		if (!*p || !*q)
			return (*p != 0) - (*q != 0);
		uint32_t x, y;
		p += decode(p, 4, &x); /* a NUL stops decode early: it is not a continuation byte */
		q += decode(q, 4, &y);
		x = ar_fold_char(x), y = ar_fold_char(y);
		if (x != y)
			return x < y ? -1 : 1;
	}
}

bool ar_fold_contains(const char *haystack, const char *pattern)
{
	char *h = ar_fold_utf8(haystack, strlen(haystack));
	char *p = ar_fold_utf8(pattern, strlen(pattern));
	bool found = strstr(h, p) != NULL;
	free(h);
	free(p);
	return found;
}

/* ---- needles ---- */

/* Roughly how often byte b occurs in English prose, per ten thousand bytes,
 * so the anchors land on the rarest bytes of the pattern. */
static unsigned byte_frequency(unsigned b)
{
	static const unsigned short letters[26] = {
		/* a */ 650, 120, 220, 340, 1020, 180, 160, 490, 560, 10, 60, 320, 190,
		/* n */ 540, 600, 150, 8, 480, 500, 730, 220, 80, 190, 12, 160, 6};
	if (b >= 'a' && b <= 'z')
		return letters[b - 'a'];
	if (b >= 'A' && b <= 'Z')
		return letters[b - 'A'] / 12 + 1;
	if (b == ' ')
		return 1700;
	if (b == '\n' || b == ',' || b == '.')
		return 100;
	if (b >= '0' && b <= '9')
		return 30;
	if (b >= 0x80)
		return b >= 0xC0 ? 3 : 6;
	return 10;
}

/* The case variants of folded character c: every x with fold(x) == c.
 * Folding keeps UTF-8 lengths, so all are as long as c. */
static void variant_masks(uint32_t c, const unsigned char *bytes, size_t n, uint8_t *mask, uint8_t *value)
{
	unsigned char diff[4] = {0};
	uint32_t lo = c < 0x80 ? 0 : 0x80, hi = c < 0x80 ? 0x7F : FOLD_LAST;
	if (c <= FOLD_LAST) {
		for (uint32_t x = lo; x <= hi; x++) {
			unsigned char xb[4];
			if (x == c || ar_fold_char(x) != c || encode(x, xb) != n)
				continue;
			for (size_t i = 0; i < n; i++)
				diff[i] |= (unsigned char)(xb[i] ^ bytes[i]);
		}
	}
	for (size_t i = 0; i < n; i++) {
		mask[i] = (uint8_t)~diff[i];
		value[i] = (uint8_t)(bytes[i] & mask[i]);
	}
}

/* How often a text byte passes (b & mask) == value. */
static unsigned anchor_cost(uint8_t mask, uint8_t value)
{
	unsigned cost = 0;
	for (unsigned b = 0; b < 256; b++)
		if ((b & mask) == value)
			cost += byte_frequency(b);
	return cost;
}

void ar_needle_init(struct ar_needle *needle, const char *pattern, size_t len)
{
	memset(needle, 0, sizeof *needle);
	needle->folded = ar_fold_utf8(pattern, len);
	needle->length = len;
	needle->mask = ar_xmalloc(len);
	needle->value = ar_xmalloc(len);
	needle->ascii = true;
	const unsigned char *f = (const unsigned char *)needle->folded;
	size_t i = 0;
	while (i < len) {
		uint32_t c;
		size_t n = decode(f + i, len - i, &c);
		if (c >= BAD_BYTE_BASE) {
			needle->mask[i] = 0xFF;
			needle->value[i] = f[i];
		} else {
			variant_masks(c, f + i, n, needle->mask + i, needle->value + i);
		}
		if (c >= 0x80)
			needle->ascii = false;
		i += n;
	}
	/* The two cheapest positions; a one-byte pattern anchors twice on itself. */
	size_t best = 0, second = 0;
	unsigned best_cost = ~0u, second_cost = ~0u;
	for (i = 0; i < len; i++) {
		unsigned cost = anchor_cost(needle->mask[i], needle->value[i]);
		if (cost < best_cost) {
			second = best, second_cost = best_cost;
			best = i, best_cost = cost;
		} else if (cost < second_cost) {
			second = i, second_cost = cost;
		}
	}
	if (len == 1)
		second = best;
	needle->anchor[0] = best < second ? best : second;
	needle->anchor[1] = best < second ? second : best;
}

void ar_needle_free(struct ar_needle *needle)
{
	free(needle->folded);
	free(needle->mask);
	free(needle->value);
	memset(needle, 0, sizeof *needle);
}

static inline unsigned char lower_ascii(unsigned char b)
{
	return (unsigned char)((unsigned)(b - 'A') < 26u ? b + 32 : b);
}

/* Whether t[0..needle->length) folds to the needle. */
static bool verify(const struct ar_needle *needle, const unsigned char *t)
{
	const unsigned char *p = (const unsigned char *)needle->folded;
	size_t n = needle->length;
	if (needle->ascii) {
		/* No non-ASCII character folds to ASCII, so bytes compare alone. */
		for (size_t j = 0; j < n; j++)
			if (lower_ascii(t[j]) != p[j])
				return false;
		return true;
	}
	size_t j = 0;
	while (j < n) {
		if (p[j] < 0x80) {
			if (lower_ascii(t[j]) != p[j])
				return false;
			j++;
			continue;
		}
		uint32_t pc, tc;
		size_t pk = decode(p + j, n - j, &pc);
		size_t tk = decode(t + j, n - j, &tc);
		if (pk != tk || (tc < BAD_BYTE_BASE ? ar_fold_char(tc) : tc) != pc)
			return false;
		j += pk;
	}
	return true;
}

const char *ar_needle_find(const struct ar_needle *needle, const char *text, size_t len)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t m = needle->length;
	if (len < m || m == 0)
		return NULL;
	size_t last = len - m; /* the last possible start */
	size_t a0 = needle->anchor[0], a1 = needle->anchor[1];
	uint8_t m0 = needle->mask[a0], v0 = needle->value[a0];
	uint8_t m1 = needle->mask[a1], v1 = needle->value[a1];
	size_t i = 0;
#if defined(__SSE2__)
	if (len >= a1 + 32) {
		/* 32 starts a round: both anchors' bytes compared under their masks,
		 * and only the starts where both agree are verified. */
		const __m128i M0 = _mm_set1_epi8((char)m0), V0 = _mm_set1_epi8((char)v0);
		const __m128i M1 = _mm_set1_epi8((char)m1), V1 = _mm_set1_epi8((char)v1);
		size_t end = len - a1 - 32; /* the last round's first start */
		for (; i <= end; i += 32) {
			const unsigned char *p0 = t + i + a0, *p1 = t + i + a1;
			__m128i e0 = _mm_and_si128(
				_mm_cmpeq_epi8(_mm_and_si128(_mm_loadu_si128((const __m128i *)p0), M0), V0),
				_mm_cmpeq_epi8(_mm_and_si128(_mm_loadu_si128((const __m128i *)p1), M1), V1));
			__m128i e1 = _mm_and_si128(
				_mm_cmpeq_epi8(_mm_and_si128(_mm_loadu_si128((const __m128i *)(p0 + 16)), M0), V0),
				_mm_cmpeq_epi8(_mm_and_si128(_mm_loadu_si128((const __m128i *)(p1 + 16)), M1), V1));
			uint32_t bits = (uint32_t)_mm_movemask_epi8(e0) | (uint32_t)_mm_movemask_epi8(e1) << 16;
			while (bits) {
				size_t s = i + (size_t)__builtin_ctz(bits);
				if (s > last)
					return NULL;
				if (verify(needle, t + s))
					return (const char *)t + s;
				bits &= bits - 1;
			}
		}
	}
#endif
	for (; i <= last; i++)
		if ((t[i + a0] & m0) == v0 && (t[i + a1] & m1) == v1 && verify(needle, t + i))
			return (const char *)t + i;
	return NULL;
}

#if defined(__SSE2__)
#if defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 8)
#define NO_ASAN __attribute__((no_sanitize("address")))
#else
#define NO_ASAN
#endif

/* The anchors of a needle, broadcast for 16-byte comparisons. */
struct sse_anchors {
	__m128i m0, v0, m1, v1;
	size_t a0, a1, back;     /* back = a1 - a0 */
};

enum block_result { BLOCK_GO_ON, BLOCK_FOUND, BLOCK_END };

/* Look at the 16-byte block at base (16-aligned) of the text t: the places
 * whose anchors agree are verified; own masks off bytes before the text. */
NO_ASAN static inline enum block_result search_block(const struct ar_needle *needle, const struct sse_anchors *a,
                                                     const unsigned char *t, const unsigned char *base,
                                                     unsigned own, const char **found)
{
	__m128i x = _mm_load_si128((const __m128i *)base);
	unsigned ends = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_setzero_si128())) & own;
	unsigned hits = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(x, a->m1), a->v1)) & own;
	if (ends)
		hits &= (ends & (0u - ends)) - 1; /* only bytes before the NUL */
	if (hits && base >= t + a->back) {
		/* The other anchor, read behind: still inside the text. */
		__m128i y = _mm_loadu_si128((const __m128i *)(base - a->back));
		hits &= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(y, a->m0), a->v0));
	}
	while (hits) {
		const unsigned char *p = base + __builtin_ctz(hits);
		hits &= hits - 1;
		if (p < t + a->a1)
			continue; /* the match would start before the text */
		const unsigned char *s = p - a->a1;
		/* verify() stops at the first byte that differs, and the pattern
		 * has no NUL, so it never reads past the text's end. */
		if ((s[a->a0] & needle->mask[a->a0]) == needle->value[a->a0] && verify(needle, s)) {
			*found = (const char *)s;
			return BLOCK_FOUND;
		}
	}
	return ends ? BLOCK_END : BLOCK_GO_ON;
}

/* The search of a NUL-terminated text in one pass, finding the end as it
 * goes: most searches stop at an early match, and a strlen() first would
 * read every text whole.  It reads whole 16-byte blocks and 64-byte lines
 * at their own alignment, which never cross a page, so bytes around the
 * text are read (never used) as strlen() itself does; AddressSanitizer is
 * told so. */
NO_ASAN static const char *find_str_sse2(const struct ar_needle *needle, const unsigned char *t)
{
	struct sse_anchors a;
	a.a0 = needle->anchor[0], a.a1 = needle->anchor[1], a.back = a.a1 - a.a0;
	a.m0 = _mm_set1_epi8((char)needle->mask[a.a0]), a.v0 = _mm_set1_epi8((char)needle->value[a.a0]);
	a.m1 = _mm_set1_epi8((char)needle->mask[a.a1]), a.v1 = _mm_set1_epi8((char)needle->value[a.a1]);
	const unsigned char *base = (const unsigned char *)((uintptr_t)t & ~(uintptr_t)15);
	const char *found = NULL;
	/* Block by block until a 64-byte line starts and the other anchor can
	 * be read behind; in the first block, bytes before the text do not count. */
	unsigned own = 0xFFFFu << ((uintptr_t)t & 15);
	while (((uintptr_t)base & 63) != 0 || base < t + a.back) {
		enum block_result r = search_block(needle, &a, t, base, own, &found);
		if (r != BLOCK_GO_ON)
			return found;
		base += 16, own = 0xFFFFu;
	}
	const __m128i zero = _mm_setzero_si128();
	for (;; base += 64) {
		/* A line with no NUL and no place where both anchors agree, the
		 * common case, costs a few instructions per 16 bytes. */
		__m128i x0 = _mm_load_si128((const __m128i *)base), x1 = _mm_load_si128((const __m128i *)(base + 16));
		__m128i x2 = _mm_load_si128((const __m128i *)(base + 32)), x3 = _mm_load_si128((const __m128i *)(base + 48));
		const unsigned char *b = base - a.back;
		__m128i h0 = _mm_and_si128(_mm_cmpeq_epi8(_mm_and_si128(x0, a.m1), a.v1),
			_mm_cmpeq_epi8(_mm_and_si128(_mm_loadu_si128((const __m128i *)b), a.m0), a.v0));
		__m128i h1 = _mm_and_si128(_mm_cmpeq_epi8(_mm_and_si128(x1, a.m1), a.v1),
			_mm_cmpeq_epi8(_mm_and_si128(_mm_loadu_si128((const __m128i *)(b + 16)), a.m0), a.v0));
		__m128i h2 = _mm_and_si128(_mm_cmpeq_epi8(_mm_and_si128(x2, a.m1), a.v1),
			_mm_cmpeq_epi8(_mm_and_si128(_mm_loadu_si128((const __m128i *)(b + 32)), a.m0), a.v0));
		__m128i h3 = _mm_and_si128(_mm_cmpeq_epi8(_mm_and_si128(x3, a.m1), a.v1),
			_mm_cmpeq_epi8(_mm_and_si128(_mm_loadu_si128((const __m128i *)(b + 48)), a.m0), a.v0));
		__m128i low = _mm_min_epu8(_mm_min_epu8(x0, x1), _mm_min_epu8(x2, x3));
		__m128i any = _mm_or_si128(_mm_cmpeq_epi8(low, zero),
		                           _mm_or_si128(_mm_or_si128(h0, h1), _mm_or_si128(h2, h3)));
		if (_mm_movemask_epi8(any) == 0)
			continue;
		for (int k = 0; k < 4; k++) {
			enum block_result r = search_block(needle, &a, t, base + 16 * k, 0xFFFFu, &found);
			if (r != BLOCK_GO_ON)
				return found;
		}
	}
}
#endif

const char *ar_needle_find_str(const struct ar_needle *needle, const char *text)
{
	if (!text)
		return NULL;
#if defined(__SSE2__)
	return find_str_sse2(needle, (const unsigned char *)text);
#else
	return ar_needle_find(needle, text, strlen(text));
#endif
}
