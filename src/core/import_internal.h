/* import_internal.h - what the importer's files share: import.c reads the
 * lines and rows, import_markup.c makes a cell's markup a document,
 * import_progress.c reads dates in words and the progress cell,
 * import_lines.c reads a line of the paper into rows.  Private to src/core.
 *
 * Ownership: as import.h; nothing here keeps memory of its own.
 */
#ifndef ARTRACK_IMPORT_INTERNAL_H
#define ARTRACK_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "artrack/alloc.h"
#include "artrack/date.h"
#include "artrack/import.h"
#include "artrack/tracker.h"

/* Inside a cell document: '\n' ends a paragraph, BND marks where an
 * inline element (<b>, <i>...) began or ended, and WRAP is the space where
 * a wrapped line of the plain-text form went on (a marker may start there). */
#define BND AR_IMPORT_BOUNDARY
#define WRAP '\x1e'

#define SNIPPET_MAX 60

enum { COL_ID, COL_TOPIC, COL_TEXT, COL_LEAD, COL_PROGRESS, NCOLS };

struct row {
	long id;              /* 0: no number (yet) */
	int line;
	ar_date meeting;
	struct ar_buf cell[NCOLS];
};

struct ar_importer {
	struct ar_tracker *tracker;
	struct ar_diags *warnings;
	bool markup;          /* the input holds HTML tags: one line per row */
	struct row *rows;
	size_t row_count, row_capacity;
	bool have_row;        /* rows[row_count - 1] may be continued */
	bool after_break;     /* a page heading or header row since the last row line */
	ar_date meeting;
	bool saw_heading, saw_header;
	int line;
	struct ar_buf *cells; /* the current line's cells, as documents */
	size_t cell_count, cell_capacity;
	size_t first_warning; /* warnings[first_warning..] are ours */
	bool after_header;    /* the line before was a header row */
	/* A lone topic cell on the line before: the first half of a meeting
	 * heading split over two lines ("10 March 2022" / "Meeting")? */
	int lone_line;        /* its line; 0: none */
	struct ar_buf lone_text;
	size_t lone_row;      /* the row it joined (or started), or SIZE_MAX */
	bool lone_new_row;
	size_t lone_saved_len; /* that row's topic before it joined */
	ar_date lone_heading;  /* it was a dated heading itself */
	bool lone_made_meeting;
	/* Text outside the table on the line before (a page heading split over
	 * two lines?) and the warning it got. */
	int text_line;
	struct ar_buf text_doc;
	int heading_line;      /* the line the page heading was read from */
	struct ar_buf heading_doc;
	size_t text_warning;   /* SIZE_MAX: none */
};

/* ---- small text helpers ---- */

static inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
static inline bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
static inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static inline char to_lower(char c) { return is_upper(c) ? (char)(c - 'A' + 'a') : c; }
static inline bool is_blank(char c) { return c == ' ' || c == BND || c == WRAP; }

/* The length of a dash (-, – or —) at s[i], or 0. */
static inline size_t dash_at(const char *s, size_t i, size_t n)
{
	if (i < n && s[i] == '-')
		return 1;
	if (i + 2 < n && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
		return 3;
	return 0;
}

/* Whether s[i..] starts with word (ASCII, case-insensitive) as a whole word. */
static inline bool word_at(const char *s, size_t i, size_t n, const char *word)
{
	size_t k = strlen(word);
	if (i + k > n)
		return false;
	for (size_t j = 0; j < k; j++)
		if (to_lower(s[i + j]) != word[j])
			return false;
	return (i == 0 || !is_alnum(s[i - 1])) && (i + k == n || !is_alnum(s[i + k]));
}

/* Whether word occurs in s[0..n) as a whole word (case-insensitive). */
static inline bool has_word(const char *s, size_t n, const char *word)
{
	for (size_t i = 0; i < n; i++)
		if (word_at(s, i, n, word))
			return true;
	return false;
}

/* s[0..n) cut to at most SNIPPET_MAX bytes on a character boundary. */
static inline int snippet_len(const char *s, size_t n)
{
	if (n <= SNIPPET_MAX)
		return (int)n;
	size_t k = SNIPPET_MAX;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	return (int)k;
}

/* ---- import_markup.c ---- */

enum tag_kind { TAG_NONE, TAG_PARAGRAPH, TAG_INLINE, TAG_VANISH };

/* The length of the HTML tag of a known element at s[0..n) (s[0] == '<'),
 * or 0 when it is not one (then '<' is just text). */
size_t imp_parse_tag(const char *s, size_t n, enum tag_kind *kind);

/* Tidy a raw document: paragraphs separated by one '\n', none empty; no
 * spaces or BNDs at a paragraph's edges; runs of spaces made one. */
void imp_doc_normalize(const char *s, size_t n, struct ar_buf *out);

/* Append the document of the cell text s[0..n) to out (out is reset). */
void imp_cell_to_doc(const char *s, size_t n, struct ar_buf *out);

/* Join the document src to dst, continuing dst's last paragraph (after a
 * WRAP when wrapped) or, when page_rule and dst ends a sentence and src does
 * not start in lower case, as a new paragraph. */
void imp_doc_join(struct ar_buf *dst, const struct ar_buf *src, bool page_rule, bool wrapped);

/* The document s[0..n) as text: BNDs gone, paragraphs separated by sep. */
void imp_doc_text(const char *s, size_t n, const char *sep, struct ar_buf *out);

/* ---- import_progress.c ---- */

struct token {
	size_t start, end;
};

#define MAX_TOKENS 64

enum marker_type { MARK_STATUS, MARK_UPDATE, MARK_RESPONSE };

struct marker {
	const char *words;        /* lower case; ' ' matches spaces and element edges */
	enum marker_type type;
	const char *label;        /* the update it starts, or NULL */
	enum ar_response response;
	enum ar_item_status status; /* MARK_STATUS: the status it gives */
};

struct draft_update {
	const char *label;
	ar_date date;             /* "Update (21 September 2023, A Name):" */
	const char *by;
	struct ar_buf raw;
};

struct progress {
	enum ar_item_status status;
	enum ar_response response;    /* AR_RESPONSE_NONE: the paper says none */
	ar_date responded;            /* the date given beside that phrase, if any */
	enum ar_rag rag;              /* a "RAG: Amber" line's */
	ar_date closed_on;            /* a "Signed off: 13 June 2024" line's */
	ar_date due;
	struct draft_update *updates;
	size_t count, capacity;
};

/* Find a calendar date written in s[0..n): "21 September 2023", "14 July
 * Meeting 2022", "9th of February 2023", "July 14, 2022" or "2023-09-21".
 * *span gets where it is written. */
bool imp_find_date(const char *s, size_t n, ar_date *out, struct token *span);

/* Split s[0..n) into words and numbers. */
size_t imp_tokenize(const char *s, size_t n, struct token *tokens);

/* The end of words matched at s[i..n), or 0. */
size_t imp_match_words(const char *s, size_t i, size_t n, const char *words);

/* A dash that ends a marker: "Update –", "UPDATE- The"; not "Update-to". */
size_t imp_marker_dash(const char *s, size_t i, size_t n, bool spaced);

/* Read the progress cell's document s[0..n). */
void imp_read_progress(struct ar_tracker *t, const char *s, size_t n, bool recommendation, struct progress *p);


/* ---- import_lines.c ---- */

/* The cell's text on one line (for topics, headings and numbers). */
void imp_cell_line(const struct ar_buf *doc, struct ar_buf *out);

/* Whether s[0..n) is a page number: "3", "Page 3 of 9". */
bool imp_is_page_number(const char *s, size_t n);

/* Whether the document starts with "Recommendation:" (or "Action:"); *kind
 * and *end (where the text proper starts) say which. */
bool imp_kind_prefix(const char *s, size_t n, enum ar_kind *kind, size_t *end);

/* One row of cells (im->cells, as documents) read with the judgement
 * every form of the paper shares: header rows skipped, meeting headings,
 * item numbers, unnumbered rows and continued rows told apart. */
void imp_read_cells(struct ar_importer *im, enum ar_import_row shape);

/* One line of the text form: page furniture (no tab) or a row of cells. */
void imp_read_line(struct ar_importer *im, const char *line, size_t n);

/* Text outside the table.  A page heading split over two lines
 * ("Consolidated Action and Recommendation Tracker –" / "Health Overview
 * and Scrutiny Committee 21 September 2023.") is read as one, and the first
 * half's warning taken back. */
void imp_read_text(struct ar_importer *im, const struct ar_buf *doc);

/* Make room for count cells in im->cells (new ones empty). */
void imp_reserve_cells(struct ar_importer *im, size_t count);

#endif
