/* artrack-bench.c - how fast artrack loads, filters, sorts and saves a
 * tracker: `artrack-bench [-r RUNS] FILE`.
 *
 * Prints one line per figure, `name value unit`, each the median of RUNS
 * runs (at least 5).  Every figure goes through the code the program uses
 * (ar_load_file, ar_view_set_query, ar_view_set_sort, ar_save_buffer); the
 * two libyaml figures are the yardsticks: a bare event scan of the file
 * (the floor for loading) and a parse-and-emit copy (the yardstick for
 * saving).  A filter figure is what the terminal UI pays per query change:
 * ar_view_set_query, then the rows (ar_view_count) and the panes' counts
 * (ar_view_counts), on a view that has shown the whole tracker once.
 *
 *   libyaml_scan_ms      libyaml event parse of the file, nothing kept
 *   load_ms              ar_load_file
 *   filter_field_ms      "status:in-progress"
 *   filter_word_ms       "wolvercote", a rare word: every text read
 *   filter_keystroke_ms  median per keystroke typing "health visit"
 *   stats_pane_ms        a frame of the Stats pane under "status:in-progress":
 *                        the shown items' counts (ar_view_shown_counts),
 *                        the model (ar_stats_build) and its lines drawn
 *   stats_keystroke_ms   median per keystroke typing "health visit" with the
 *                        Stats pane open: the filter, then that frame
 *   items_frame_ms       the Items pane's rows of a 200x50 screen under a
 *                        word query: layout, text columns, marked matches
 *   sort_ms              re-sorting the whole tracker by topic (text keys)
 *   save_ms              ar_save_buffer of the loaded tracker (nothing edited:
 *                        its bytes as read)
 *   fmt_ms               ar_layout_write_canonical of it: the whole file in
 *                        canonical layout with its comments, as fmt writes
 *   w_one_edit_ms        the terminal UI's w after one edit of a loaded
 *                        tracker: the edit, then ar_save_tracker_file (the
 *                        outside-change check, the rendering, the atomic
 *                        write with fsync), on a copy beside FILE
 *   journal_edit_ms      what each edit adds for FILE.journal: one step's
 *                        record (the item's YAML) written (the journal's
 *                        thread then fdatasyncs it)
 *   journal_reload_ms    the journal restarted after a reload that re-applied
 *                        journal_reload_edits edits (ar_journal_restart: only
 *                        what differs from the file read, written and renamed
 *                        into place; flushed by the journal's thread, as
 *                        journal_edit_ms's records); journal_reload_bytes is
 *                        the journal it leaves
 *   copy_ms              libyaml parse and emit of the file to memory
 *   check_ms             what `artrack check` costs: ar_load_file
 *   set_one_ms           what `artrack set FILE id:N status=completed` costs:
 *                        load, the query, the edit, and the guarded atomic
 *                        save with FILE~ (ar_save_tracker_file, fsync), on
 *                        a copy beside FILE; set_vs_check is the ratio
 *   tag_all_status_ms    the terminal UI's T then c s: every item's id
 *                        from the view, then status=completed on all of
 *                        them as one undo step (ar_edits_assign_items)
 *   undo_all_ms          undoing that step (one ar_edits_undo)
 *   peak_rss_mb          peak resident memory (VmHWM) of a fresh process
 *                        that loads the file, filters, sorts and saves as
 *                        the terminal UI does (ar_layout_write_pieces, to
 *                        /dev/null)
 *   check_rss_mb         the same for what `artrack check` (and list, show,
 *                        stats, export) does: a model-only load
 *                        (ar_load_file_model)
 *
 * Sizes are in MB of 10^6 bytes, the file's as its memory's.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "artrack/alloc.h"
#include "artrack/change.h"
#include "artrack/filesafe.h"
#include "artrack/journal.h"
#include "artrack/layout.h"
#include "artrack/undo.h"
#include "artrack/rows.h"
#include "artrack/screen.h"
#include "artrack/stats.h"
#include "artrack/view.h"
#include "artrack/yamlio.h"

#define KEYSTROKE_PHRASE "health visit"
#define RARE_WORD "wolvercote"
#define FIELD_QUERY "status:in-progress"
#define TODAY 20240101

#include "bench-timing.h"

static void die(const char *what, const char *why)
{
	fprintf(stderr, "artrack-bench: %s: %s\n", what, why);
	exit(1);
}

static struct ar_tracker *load(const char *path)
{
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	if (ar_load_file(path, &t, &diags, NULL) != AR_OK) {
		if (diags.count)
			fprintf(stderr, "%s:%d:%d: error: %s\n", path, diags.items[0].line, diags.items[0].column,
			        diags.items[0].message);
		die(path, "does not load");
	}
	ar_diags_free(&diags);
	return t;
}

/* ---- the libyaml yardsticks ---- */

static double libyaml_scan(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die(path, strerror(errno));
	double start = now_ms();
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev))
			die(path, parser.problem ? parser.problem : "libyaml cannot parse it");
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&parser);
	double ms = now_ms() - start;
	fclose(f);
	return ms;
}

static int buffer_write(void *data, unsigned char *bytes, size_t size)
{
	ar_buf_add(data, bytes, size);
	return 1;
}

static double libyaml_copy(const char *path, struct ar_buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die(path, strerror(errno));
	ar_buf_reset(out);
	double start = now_ms();
	yaml_parser_t parser;
	yaml_emitter_t emitter;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	yaml_emitter_initialize(&emitter);
	yaml_emitter_set_output(&emitter, buffer_write, out);
	yaml_emitter_set_unicode(&emitter, 1);
	yaml_emitter_set_width(&emitter, -1);
	yaml_emitter_set_indent(&emitter, 2);
	yaml_emitter_set_break(&emitter, YAML_LN_BREAK);
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev))
			die(path, "libyaml cannot parse it");
		bool end = ev.type == YAML_STREAM_END_EVENT;
		if (!yaml_emitter_emit(&emitter, &ev))
			die(path, "libyaml cannot emit it");
		if (end)
			break;
	}
	yaml_emitter_delete(&emitter);
	yaml_parser_delete(&parser);
	double ms = now_ms() - start;
	fclose(f);
	return ms;
}

/* ---- the program's paths ---- */

static double load_once(const char *path)
{
	double start = now_ms();
	struct ar_tracker *t = load(path);
	double ms = now_ms() - start;
	ar_tracker_free(t);
	return ms;
}

/* A view that has shown the whole tracker once, as the UI's first screen. */
static struct ar_view *warm_view(const struct ar_tracker *t)
{
	struct ar_view *v = ar_view_new(t, TODAY);
	ar_view_count(v);
	ar_view_counts(v);
	return v;
}

static double timed_query(struct ar_view *v, const char *query, size_t *shown)
{
	struct ar_error err;
	double start = now_ms();
	if (ar_view_set_query(v, query, &err) != AR_OK)
		die(query, err.message);
	size_t n = ar_view_count(v);
	ar_view_counts(v);
	double ms = now_ms() - start;
	if (shown)
		*shown = n;
	return ms;
}

static double filter_once(const struct ar_tracker *t, const char *query, size_t *shown)
{
	struct ar_view *v = warm_view(t);
	double ms = timed_query(v, query, shown);
	ar_view_free(v);
	return ms;
}

/* The median time per keystroke typing the phrase one character at a time. */
static double keystrokes_once(const struct ar_tracker *t)
{
	struct ar_view *v = warm_view(t);
	char typed[sizeof KEYSTROKE_PHRASE] = "";
	double each[sizeof KEYSTROKE_PHRASE];
	size_t n = strlen(KEYSTROKE_PHRASE);
	for (size_t i = 0; i < n; i++) {
		typed[i] = KEYSTROKE_PHRASE[i];
		each[i] = timed_query(v, typed, NULL);
	}
	ar_view_free(v);
	return median(each, n);
}

/* What a frame with the Stats pane open adds after the filter: the counts
 * of the rows shown, the model, and every line of a 120x36 pane drawn. */
static double stats_frame(struct ar_view *v, const struct ar_tracker *t, struct ar_screen *s)
{
	struct ar_stats stats = {0};
	double start = now_ms();
	ar_stats_build(&stats, t, ar_view_shown_counts(v), ar_view_total(v));
	ar_stats_draw(s, 0, 0, 118, 34, &stats, 0, true);
	double ms = now_ms() - start;
	ar_stats_free(&stats);
	return ms;
}

static double stats_pane_once(const struct ar_tracker *t)
{
	struct ar_view *v = warm_view(t);
	struct ar_screen *s = ar_screen_new(120, 36);
	timed_query(v, FIELD_QUERY, NULL);
	double ms = stats_frame(v, t, s);
	ar_screen_free(s);
	ar_view_free(v);
	return ms;
}

static double keystrokes_stats_once(const struct ar_tracker *t)
{
	struct ar_view *v = warm_view(t);
	struct ar_screen *s = ar_screen_new(120, 36);
	char typed[sizeof KEYSTROKE_PHRASE] = "";
	double each[sizeof KEYSTROKE_PHRASE];
	size_t n = strlen(KEYSTROKE_PHRASE);
	for (size_t i = 0; i < n; i++) {
		typed[i] = KEYSTROKE_PHRASE[i];
		each[i] = timed_query(v, typed, NULL) + stats_frame(v, t, s);
	}
	ar_screen_free(s);
	ar_view_free(v);
	return median(each, n);
}

/* The Items pane's rows of a 200x50 screen under a word: what the pane draws
 * each frame (its matches marked). */
static double items_frame_once(const struct ar_tracker *t)
{
	struct ar_view *v = warm_view(t);
	timed_query(v, "health", NULL);
	struct ar_screen *s = ar_screen_new(200, 50);
	double start = now_ms();
	struct ar_item_columns cols;
	ar_item_columns_fit(&cols, &(struct ar_item_layout){ .width = 169, .max_id = ar_tracker_max_id(t),
	                                                      .day_dues = true, .sort = AR_SORT_ID });
	struct ar_item_row_context ctx = { .today = TODAY, .query = ar_view_parsed_query(v) };
	for (int y = 0; y < 48 && (size_t)y < ar_view_count(v); y++)
		ar_item_row_draw(s, 31, y + 2, &cols, ar_view_item(v, (size_t)y), &ctx, 0);
	double ms = now_ms() - start;
	ar_screen_free(s);
	ar_view_free(v);
	return ms;
}

static double sort_once(const struct ar_tracker *t)
{
	struct ar_view *v = warm_view(t);
	double start = now_ms();
	ar_view_set_sort(v, AR_SORT_TOPIC, false);
	ar_view_count(v);
	double ms = now_ms() - start;
	ar_view_free(v);
	return ms;
}

static double save_once(const struct ar_tracker *t, struct ar_buf *out)
{
	struct ar_error err;
	ar_buf_reset(out);
	double start = now_ms();
	if (ar_save_buffer(t, out, &err) != AR_OK)
		die("save", err.message);
	return now_ms() - start;
}

static double fmt_once(const struct ar_tracker *t, struct ar_buf *out)
{
	struct ar_error err;
	ar_buf_reset(out);
	double start = now_ms();
	if (ar_layout_write_canonical(t, out, &err) != AR_OK)
		die("fmt", err.message);
	return now_ms() - start;
}

/* One edit of the tracker loaded from copy, then w. */
static double w_one_edit_once(struct ar_edits *e, const char *copy, struct ar_file_identity *identity)
{
	static int flip;
	struct ar_error err;
	double t0 = now_ms();
	if (ar_edits_set_field(e, 50, AR_ITEM_KEY_STATUS, flip++ % 2 ? "open" : "completed", &err) != AR_OK)
		die(copy, err.message);
	if (ar_save_tracker_file(ar_edits_tracker(e), copy, identity, &err) != AR_OK)
		die(copy, err.message);
	ar_edits_mark_saved(e);
	return now_ms() - t0;
}

/* The mean cost of one edit's journal record, over 20 edits. */
static double journal_once(struct ar_edits *e, struct ar_journal *j)
{
	static int flip;
	struct ar_error err;
	double spent = 0;
	long id = 50;
	for (int i = 0; i < 20; i++) {
		if (ar_edits_set_field(e, id, AR_ITEM_KEY_STATUS, flip++ % 2 ? "open" : "completed", &err) != AR_OK)
			die("journal", err.message);
		double t0 = now_ms();
		if (ar_journal_record(j, ar_edits_tracker(e), &id, 1, NULL, 0, &err) != AR_OK)
			die("journal", err.message);
		spent += now_ms() - t0;
	}
	return spent / 20;
}

/* How many edits the reload figure re-applies. */
#define RELOAD_EDITS 10

/* Edits of e (RELOAD_EDITS steps: statuses, an update, a removal), then
 * the file read again (unchanged on disk, as after a save elsewhere that
 * changed other items) with them re-applied, as the UI's reload does: the
 * edits of the tracker read, for journal_reload_once.  *reloaded gets it. */
static struct ar_edits *reload_with_edits(struct ar_edits *e, const char *copy, struct ar_tracker **reloaded,
                                          struct ar_load_info *info)
{
	struct ar_error err;
	const struct ar_tracker *t = ar_edits_tracker(e);
	ar_edits_mark_saved(e);
	for (int i = 0; i < RELOAD_EDITS - 2; i++)
		if (ar_edits_set_field(e, t->items[(i + 1) * 97]->id, AR_ITEM_KEY_STATUS, "completed", &err) != AR_OK)
			die("reload", err.message);
	struct ar_update u = {.date = TODAY, .by = "Bench", .text = "Chased again"};
	if (ar_edits_add_update(e, t->items[1000 % t->item_count]->id, &u, &err) != AR_OK ||
	    ar_edits_remove_item(e, t->items[t->item_count / 2]->id, &err) != AR_OK)
		die("reload", err.message);
	struct ar_diags diags = {0};
	if (ar_load_file(copy, reloaded, &diags, info) != AR_OK)
		die(copy, "does not load");
	struct ar_edits *onto = ar_edits_new(*reloaded);
	if (ar_edits_reapply(e, onto, NULL, &diags) != AR_OK)
		die(copy, "the edits were not all re-applied");
	return onto;
}

/* The journal restarted after that reload (ar_journal_restart: the record
 * of what differs from the file read, written beside the old journal and
 * renamed over it; its thread flushes it, as every record); *bytes gets
 * the journal's size. */
static double journal_reload_once(struct ar_journal *j, const struct ar_edits *onto, const struct ar_load_info *info,
                                  const char *copy, long *bytes)
{
	struct ar_error err;
	ar_journal_sync(j); /* the last run's flush is not this one's cost */
	double t0 = now_ms();
	if (ar_journal_restart(j, onto, info->size, info->hash, &err) != AR_OK)
		die("journal", err.message);
	double ms = now_ms() - t0;
	char *jpath = ar_journal_path(copy);
	struct stat st;
	*bytes = stat(jpath, &st) == 0 ? (long)st.st_size : -1;
	free(jpath);
	return ms;
}

/* The write command path once, on copy (a copy of the benchmark file). */
static double set_one_once(const char *copy)
{
	double t0 = now_ms();
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	struct ar_load_info info;
	struct ar_error err = {0};
	if (ar_load_file(copy, &t, &diags, &info) != AR_OK)
		die(copy, "does not load");
	struct ar_file_identity identity;
	if (ar_file_identity_record(copy, &info, &identity, &err) != AR_OK)
		die(copy, err.message);
	struct ar_edits *e = ar_edits_new(t);
	struct ar_view *v = ar_view_new(t, TODAY);
	if (ar_view_set_query(v, "id:50", &err) != AR_OK || ar_view_count(v) != 1)
		die(copy, "no item 50");
	long id = ar_view_id(v, 0);
	ar_view_free(v);
	struct ar_assignment a;
	/* alternate, so every run is a real change */
	static int flip;
	if (ar_assignment_parse(flip++ % 2 ? "status=open" : "status=completed", &a, &err) != AR_OK ||
	    ar_edits_assign_items(e, &id, 1, &a, 1, "set", &err, NULL) != AR_OK)
		die(copy, err.message);
	if (ar_save_tracker_file(t, copy, &identity, &err) != AR_OK)
		die(copy, err.message);
	double ms = now_ms() - t0;
	ar_edits_free(e);
	ar_tracker_free(t);
	return ms;
}

/* T then c s completed on every item, as one step; *undo_ms gets its undo. */
static double tag_all_once(struct ar_tracker *t, double *undo_ms)
{
	struct ar_edits *e = ar_edits_new(t);
	struct ar_error err = {0};
	struct ar_assignment a;
	if (ar_assignment_parse("status=completed", &a, &err) != AR_OK)
		die("status=completed", err.message);
	double t0 = now_ms();
	struct ar_view *v = ar_view_new(t, TODAY);
	size_t n = ar_view_count(v);
	long *ids = ar_xmalloc((n + 1) * sizeof *ids);
	for (size_t i = 0; i < n; i++)
		ids[i] = ar_view_id(v, i);
	if (ar_edits_assign_items(e, ids, n, &a, 1, "set status of every item", &err, NULL) != AR_OK)
		die("status=completed", err.message);
	ar_view_refresh(v);
	double ms = now_ms() - t0;
	t0 = now_ms();
	if (!ar_edits_undo(e, NULL) || ar_edits_can_undo(e) || ar_edits_is_dirty(e))
		die("undo", "the change was not one step");
	ar_view_refresh(v);
	*undo_ms = now_ms() - t0;
	ar_view_free(v);
	free(ids);
	ar_edits_free(e);
	return ms;
}

static long vm_hwm_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = 0;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

/* What the program does once, in a process of its own (see peak_rss_mb):
 * load, filter, sort and save; then print the memory high-water mark. */
static int peak_rss_child(const char *path)
{
	struct ar_tracker *t = load(path);
	struct ar_view *v = warm_view(t);
	char typed[sizeof KEYSTROKE_PHRASE] = "";
	for (size_t i = 0; i < strlen(KEYSTROKE_PHRASE); i++) {
		typed[i] = KEYSTROKE_PHRASE[i];
		timed_query(v, typed, NULL);
	}
	timed_query(v, RARE_WORD, NULL);
	timed_query(v, FIELD_QUERY, NULL);
	for (int k = 0; k < AR_SORT_COUNT; k++) {
		ar_view_set_sort(v, (enum ar_sort_key)k, false);
		ar_view_count(v);
	}
	/* saved as w saves: the unedited runs straight from the bytes read */
	struct ar_buf own = {0};
	struct ar_bytes_piece *pieces = NULL;
	size_t count = 0;
	struct ar_error err;
	int null = open("/dev/null", O_WRONLY);
	if (null < 0 || ar_layout_write_pieces(t, &own, &pieces, &count, &err) != AR_OK)
		return 1;
	for (size_t i = 0; i < count; i++)
		if (ar_write_all(null, pieces[i].bytes, pieces[i].len) != 0)
			return 1;
	close(null);
	free(pieces);
	ar_buf_free(&own);
	printf("%ld\n", vm_hwm_kb());
	ar_view_free(v);
	ar_tracker_free(t);
	return 0;
}

/* What `artrack check` does once (a model-only load), in a process of its
 * own; then print the memory high-water mark. */
static int check_rss_child(const char *path)
{
	struct ar_tracker *t = NULL;
	struct ar_diags diags = {0};
	if (ar_load_file_model(path, &t, &diags, NULL) != AR_OK)
		return 1;
	printf("%ld\n", vm_hwm_kb());
	ar_tracker_free(t);
	return 0;
}

/* What the program holds at its peak, doing what the child option says.
 * Measured in a fresh process (this program run again), because a forked
 * child would count the memory the benchmark itself has touched. */
static double peak_rss_mb(const char *self, const char *child, const char *path)
{
	int fds[2];
	fflush(NULL);
	if (pipe(fds) != 0)
		die("pipe", strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		die("fork", strerror(errno));
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl(self, self, child, path, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	char buf[64] = "";
	ssize_t n = read(fds[0], buf, sizeof buf - 1);
	close(fds[0]);
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || n <= 0)
		die(path, "the memory measuring run failed");
	return (double)strtol(buf, NULL, 10) * 1024.0 / 1e6;
}

#define RUN(figure, expr)                                   \
	do {                                                    \
		for (int r_ = 0; r_ < runs; r_++)                   \
			samples[r_] = (expr);                           \
		printf("%s %.2f ms\n", figure, median(samples, (size_t)runs)); \
		fflush(stdout);                                     \
	} while (0)

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--peak-rss-child") == 0)
		return peak_rss_child(argv[2]);
	if (argc == 3 && strcmp(argv[1], "--check-rss-child") == 0)
		return check_rss_child(argv[2]);
	int runs = 5, arg = 1;
	if (arg + 1 < argc && strcmp(argv[arg], "-r") == 0) {
		runs = atoi(argv[arg + 1]);
		arg += 2;
	}
	if (arg + 1 != argc || runs < 5) {
		fprintf(stderr, "usage: artrack-bench [-r RUNS (>= 5)] FILE\n");
		return 2;
	}
	const char *path = argv[arg];
#if defined(__SANITIZE_ADDRESS__)
	fprintf(stderr, "artrack-bench: built with AddressSanitizer: the figures are not representative\n");
#endif
	struct stat st;
	if (stat(path, &st) != 0)
		die(path, strerror(errno));
	double *samples = ar_xmalloc((size_t)runs * sizeof *samples);
	struct ar_buf out = {0};

	struct ar_tracker *t = load(path);
	printf("file_mb %.1f MB\n", (double)st.st_size / 1e6);
	printf("items %zu count\n", t->item_count);
	size_t shown_field = 0, shown_word = 0;
	filter_once(t, FIELD_QUERY, &shown_field);
	filter_once(t, RARE_WORD, &shown_word);
	printf("field_matches %zu count\nword_matches %zu count\n", shown_field, shown_word);
	ar_tracker_free(t);

	RUN("libyaml_scan_ms", libyaml_scan(path));
	RUN("load_ms", load_once(path));
	t = load(path);
	RUN("filter_field_ms", filter_once(t, FIELD_QUERY, NULL));
	RUN("filter_word_ms", filter_once(t, RARE_WORD, NULL));
	RUN("filter_keystroke_ms", keystrokes_once(t));
	RUN("stats_pane_ms", stats_pane_once(t));
	RUN("stats_keystroke_ms", keystrokes_stats_once(t));
	RUN("items_frame_ms", items_frame_once(t));
	RUN("sort_ms", sort_once(t));
	RUN("save_ms", save_once(t, &out));
	RUN("fmt_ms", fmt_once(t, &out));
	double *undo_samples = ar_xmalloc((size_t)runs * sizeof *undo_samples);
	int undo_run = 0;
	RUN("tag_all_status_ms", tag_all_once(t, &undo_samples[undo_run++]));
	printf("undo_all_ms %.2f ms\n", median(undo_samples, (size_t)runs));
	free(undo_samples);
	ar_tracker_free(t);
	/* The write command beside the file: a copy, so the file stays as generated. */
	struct ar_buf copy = {0};
	ar_buf_addf(&copy, "%s.set-bench.yaml", path);
	struct ar_buf bytes = {0};
	if (ar_read_file(path, &bytes) != 0 ||
	    ar_file_write_atomic(copy.data, bytes.data, bytes.len, &(struct ar_write_options){.no_backup = true},
	                         &(struct ar_error){0}) != AR_OK)
		die(copy.data, "cannot make a copy");
	ar_buf_free(&bytes);
	double check_median;
	RUN("check_ms", load_once(path));
	check_median = median(samples, (size_t)runs);
	RUN("set_one_ms", set_one_once(copy.data));
	printf("set_vs_check %.2f x\n", median(samples, (size_t)runs) / check_median);
	{
		struct ar_tracker *ct = NULL;
		struct ar_diags diags = {0};
		struct ar_load_info info;
		struct ar_file_identity identity;
		struct ar_error err;
		if (ar_load_file(copy.data, &ct, &diags, &info) != AR_OK ||
		    ar_file_identity_record(copy.data, &info, &identity, &err) != AR_OK)
			die(copy.data, "does not load");
		struct ar_edits *e = ar_edits_new(ct);
		RUN("w_one_edit_ms", w_one_edit_once(e, copy.data, &identity));
		struct ar_journal *j = ar_journal_new(copy.data, info.size, info.hash);
		RUN("journal_edit_ms", journal_once(e, j));
		ar_journal_discard(j);
		struct ar_tracker *reloaded = NULL;
		struct ar_load_info reloaded_info;
		struct ar_edits *onto = reload_with_edits(e, copy.data, &reloaded, &reloaded_info);
		long journal_bytes = 0;
		RUN("journal_reload_ms", journal_reload_once(j, onto, &reloaded_info, copy.data, &journal_bytes));
		printf("journal_reload_edits %d count\njournal_reload_bytes %ld bytes\n", RELOAD_EDITS, journal_bytes);
		ar_journal_discard(j);
		ar_journal_free(j);
		ar_edits_free(onto);
		ar_tracker_free(reloaded);
		ar_edits_free(e);
		ar_tracker_free(ct);
	}
	unlink(copy.data);
	char *backup = ar_backup_path(copy.data);
	unlink(backup);
	free(backup);
	ar_buf_free(&copy);
	ar_buf_free(&out);
	RUN("copy_ms", libyaml_copy(path, &out));
	ar_buf_free(&out);
	printf("peak_rss_mb %.1f MB\n", peak_rss_mb("/proc/self/exe", "--peak-rss-child", path));
	printf("check_rss_mb %.1f MB\n", peak_rss_mb("/proc/self/exe", "--check-rss-child", path));
	free(samples);
	return 0;
}
