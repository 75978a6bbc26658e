/* merge-bench.c - how fast `artrack merge` and `artrack diff` are against
 * a load of the same tracker: `merge-bench [-r RUNS] FILE`.
 *
 * From FILE (the base) it writes two officers' versions beside it, FILE.ours
 * (every 100th item completed, an update on every 200th) and FILE.theirs
 * (every 100th item, 50 further on, given a due date; an update on every
 * 300th), then times, as the median of RUNS runs (at least 5):
 *
 *   load_ms         ar_load_file of FILE (the yardstick)
 *   merge_ms        what `artrack merge FILE FILE.ours FILE.theirs` does:
 *                   the three loads (ar_load_files: at once, on threads),
 *                   ar_merge_trackers, ar_merge_write
 *   merge_x_load    merge_ms / load_ms (target <= 3)
 *   merge_last_*    the last run's loads, merging and writing apart
 *   diff_ms         what `artrack diff FILE FILE.ours` does: two loads at once,
 *                   ar_diff_trackers, the text
 *   diff_x_load     diff_ms / load_ms (target <= 2.5)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "artrack/alloc.h"
#include "artrack/diff.h"
#include "artrack/filesafe.h"
#include "artrack/load_many.h"
#include "artrack/merge.h"
#include "artrack/yamlio.h"

#include "bench-timing.h"

static struct ar_tracker *load(const char *path)
{
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	if (ar_load_file(path, &t, &diags, NULL) != AR_OK) {
		fprintf(stderr, "merge-bench: %s does not load\n", path);
		exit(1);
	}
	ar_diags_free(&diags);
	return t;
}

/* One officer's version: every step-th item from first changed by change. */
static void write_version(const char *base, const char *path, size_t first, size_t step, int what)
{
	struct ar_tracker *t = load(base);
	for (size_t i = first; i < t->item_count; i += step) {
		struct ar_item *v = ar_item_clone(t, t->items[i]);
		if (what == 0)
			v->status = AR_STATUS_COMPLETED;
		else
			v->due = 20250301;
		if ((i / step) % (what == 0 ? 2 : 3) == 0) {
			struct ar_update u = {.date = what == 0 ? 20241001 : 20241002, .by = what == 0 ? "Officer A" : "Officer B",
			                      .text = "Progress reported at the meeting."};
			ar_item_add_update(t, v, &u);
		}
		ar_tracker_replace_item(t, i, v);
	}
	struct ar_buf out = {0};
	struct ar_error err = {0};
	if (ar_save_buffer(t, &out, &err) != AR_OK ||
	    ar_file_write_atomic(path, out.data, out.len, &(struct ar_write_options){.no_backup = true}, &err) != AR_OK) {
		fprintf(stderr, "merge-bench: %s: %s\n", path, err.message);
		exit(1);
	}
	ar_buf_free(&out);
	ar_tracker_free(t);
}

static double load_once(const char *path)
{
	double t0 = now_ms();
	ar_tracker_free(load(path));
	return now_ms() - t0;
}

/* count trackers loaded at once, as the commands do. */
static void load_all(const char *const *paths, size_t count, struct ar_tracker **t)
{
	struct ar_diags diags[3] = {{0}};
	enum ar_rc rcs[3];
	ar_load_files(paths, count, t, diags, rcs);
	for (size_t i = 0; i < count; i++) {
		if (rcs[i] != AR_OK) {
			fprintf(stderr, "merge-bench: %s does not load\n", paths[i]);
			exit(1);
		}
		ar_diags_free(&diags[i]);
	}
}

static size_t conflicts_seen;
static double part_ms[3]; /* the last merge's loads, merging, writing */

static double merge_once(const char *base, const char *ours, const char *theirs)
{
	double t0 = now_ms();
	struct ar_merge m;
	const char *paths[3] = {base, ours, theirs};
	struct ar_tracker *t[3];
	load_all(paths, 3, t);
	double t1 = now_ms();
	ar_merge_trackers(t[0], t[1], t[2], &m);
	double t2 = now_ms();
	struct ar_buf out = {0};
	struct ar_error err = {0};
	if (ar_merge_write(&m, &(struct ar_conflict_markers){.ours = "ours", .theirs = "theirs"}, &out, &err) != AR_OK) {
		fprintf(stderr, "merge-bench: %s\n", err.message);
		exit(1);
	}
	conflicts_seen = m.conflict_count;
	double t3 = now_ms();
	part_ms[0] = t1 - t0;
	part_ms[1] = t2 - t1;
	part_ms[2] = t3 - t2;
	ar_buf_free(&out);
	ar_merge_free(&m);
	return t3 - t0;
}

static size_t changes_seen;

static double diff_once(const char *old, const char *new)
{
	double t0 = now_ms();
	const char *paths[2] = {old, new};
	struct ar_tracker *t[2];
	load_all(paths, 2, t);
	struct ar_tracker *a = t[0], *b = t[1];
	struct ar_diff diff = {0};
	ar_diff_trackers(a, b, &diff);
	struct ar_buf out = {0};
	ar_diff_format(&out, &diff, AR_DIFF_TEXT);
	changes_seen = diff.count;
	ar_buf_free(&out);
	ar_diff_free(&diff);
	ar_tracker_free(a);
	ar_tracker_free(b);
	return now_ms() - t0;
}

int main(int argc, char **argv)
{
	int runs = 5, arg = 1;
	if (arg + 1 < argc && strcmp(argv[arg], "-r") == 0) {
		runs = atoi(argv[arg + 1]);
		arg += 2;
	}
	if (arg + 1 != argc || runs < 5) {
		fprintf(stderr, "usage: merge-bench [-r RUNS (>= 5)] FILE\n");
		return 2;
	}
	const char *base = argv[arg];
	struct ar_buf ours = {0}, theirs = {0};
	ar_buf_addf(&ours, "%s.ours", base);
	ar_buf_addf(&theirs, "%s.theirs", base);
	write_version(base, ours.data, 0, 100, 0);
	write_version(base, theirs.data, 50, 100, 1);
	double *s = ar_xmalloc((size_t)runs * sizeof *s);
	for (int r = 0; r < runs; r++)
		s[r] = load_once(base);
	double load_ms = median(s, (size_t)runs);
	printf("load_ms %.2f ms\n", load_ms);
	for (int r = 0; r < runs; r++)
		s[r] = merge_once(base, ours.data, theirs.data);
	double merge_ms = median(s, (size_t)runs);
	printf("merge_ms %.2f ms\nmerge_conflicts %zu count\nmerge_x_load %.2f x\n", merge_ms, conflicts_seen,
	       merge_ms / load_ms);
	printf("merge_last_loads_ms %.2f ms\nmerge_last_merging_ms %.2f ms\nmerge_last_writing_ms %.2f ms\n", part_ms[0],
	       part_ms[1], part_ms[2]);
	for (int r = 0; r < runs; r++)
		s[r] = diff_once(base, ours.data);
	double diff_ms = median(s, (size_t)runs);
	printf("diff_ms %.2f ms\ndiff_changes %zu count\ndiff_x_load %.2f x\n", diff_ms, changes_seen, diff_ms / load_ms);
	remove(ours.data);
	remove(theirs.data);
	free(s);
	ar_buf_free(&ours);
	ar_buf_free(&theirs);
	return 0;
}
