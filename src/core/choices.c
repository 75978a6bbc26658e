/* choices.c - explaining a word that names none of a list, with the
 * nearest valid one. */
#include "config.h"

#include "artrack/choices.h"
#include "artrack/tracker.h"

#include <limits.h>
#include <string.h>

enum { MAX_NAMES = 32, MAX_TYPED = 64 };

static unsigned char fold(char c)
{
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

/* Edits (insert, delete, replace, swap of neighbours) turning a into b,
 * ignoring ASCII case: the optimal string alignment distance.  Both at most
 * MAX_TYPED bytes. */
static int distance(const char *a, size_t an, const char *b, size_t bn)
{
	int rows[3][MAX_TYPED + 1];
	int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= bn; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= an; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= bn; j++) {
			int cost = fold(a[i - 1]) != fold(b[j - 1]);
			int d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (prev[j - 1] + cost < d)
				d = prev[j - 1] + cost;
			if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]) &&
			    prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
		}
		int *t = prev2;
		prev2 = prev, prev = cur, cur = t;
	}
	return prev[bn];
}

/* How many edits still read as a typo of a word len bytes long. */
static int edits_allowed(size_t len)
{
	return len <= 2 ? 0 : len <= 5 ? 1 : len <= 8 ? 2 : 3;
}

unsigned ar_choice_nearest(const char *const *names, int count, const char *text, size_t len)
{
	if (count > MAX_NAMES)
		count = MAX_NAMES;
	unsigned fitting;
	int found = ar_enum_match(names, count, text, len, &fitting);
	if (found >= 0)
		return 1u << found;
	if (found == -2)
		return fitting;
	if (len == 0 || len > MAX_TYPED)
		return 0;
	int best = INT_MAX;
	unsigned mask = 0;
	for (int i = 0; i < count; i++) {
		size_t nl = strlen(names[i]);
		if (!nl || nl > MAX_TYPED)
			continue;
		int d = distance(text, len, names[i], nl);
		/* A slip in the start of a longer name ("compel" for completed). */
		if (len >= 4 && nl > len) {
			int dp = distance(text, len, names[i], len);
			if (dp <= 1 && dp < d)
				d = dp;
		}
		if (d > edits_allowed(len) || d > best)
			continue;
		if (d < best)
			mask = 0;
		best = d;
		mask |= 1u << i;
	}
	return mask;
}

/* Append the names whose bits are in pick ("a, b or c" when last_or). */
static void add_names(struct ar_buf *out, const char *const *names, int count, unsigned pick, bool last_or)
{
	int total = 0, done = 0;
	for (int i = 0; i < count && i < MAX_NAMES; i++)
		total += names[i][0] && (pick >> i & 1u);
	for (int i = 0; i < count && i < MAX_NAMES; i++) {
		if (!names[i][0] || !(pick >> i & 1u))
			continue;
		if (done)
			ar_buf_adds(out, last_or && done == total - 1 ? " or " : ", ");
		ar_buf_adds(out, names[i]);
		done++;
	}
}

void ar_choice_suggest(struct ar_buf *out, const char *const *names, int count, const char *text, size_t len)
{
	if (count > MAX_NAMES)
		count = MAX_NAMES;
	unsigned near = ar_choice_nearest(names, count, text, len);
	if (near) {
		ar_buf_adds(out, "; did you mean ");
		add_names(out, names, count, near, true);
		ar_buf_addc(out, '?');
	}
}

void ar_choice_explain(struct ar_buf *out, const char *const *names, int count, const char *text, size_t len,
                       int found, unsigned fitting, const char *note)
{
	if (count > MAX_NAMES)
		count = MAX_NAMES;
	if (found == -2) {
		ar_buf_addf(out, "'%.*s' is ambiguous (", (int)len, text);
		add_names(out, names, count, fitting, false);
		ar_buf_addc(out, ')');
		return;
	}
	/* The guess first, where a narrow status line still shows it. */
	unsigned near = ar_choice_nearest(names, count, text, len);
	if (near) {
		ar_buf_addf(out, "'%.*s': did you mean ", (int)len, text);
		add_names(out, names, count, near, true);
		ar_buf_adds(out, "? (not one of ");
	} else {
		ar_buf_addf(out, "'%.*s' is not one of ", (int)len, text);
	}
	add_names(out, names, count, ~0u, false);
	if (note)
		ar_buf_addf(out, near ? "; %s" : " (%s)", note);
	if (near)
		ar_buf_addc(out, ')');
}

void ar_choice_error(struct ar_error *err, int line, int column, const char *what, const char *const *names,
                     int count, const char *text, size_t len, int found, unsigned fitting)
{
	struct ar_buf msg = {0};
	if (what)
		ar_buf_addf(&msg, "%s: ", what);
	ar_choice_explain(&msg, names, count, text, len, found, fitting, NULL);
	ar_error_set(err, line, column, "%s", msg.data);
	ar_buf_free(&msg);
}
