/* cli.c - the commands of spec section 3, each a thin layer over the core. */
#include "config.h"

#include "artrack/cli.h"
#include "cli_internal.h"

#include "artrack/alloc.h"
#include "artrack/choices.h"
#include "artrack/date.h"
#include "artrack/error.h"
#include "artrack/filesafe.h"
#include "artrack/format.h"
#include "artrack/import.h"
#include "artrack/journal.h"
#include "artrack/layout.h"
#include "artrack/inert_stream.h"
#include "artrack/lock.h"
#include "artrack/query.h"
#include "artrack/text.h"
#include "artrack/tracker.h"
#include "artrack/ui.h"
#include "artrack/view.h"
#include "artrack/yamlio.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>


#define BUNDLED_TRACKER "hosc-2023-09-21.yaml"

static const char usage_text[] =
	"Usage: artrack [--read-only | --take-lock] [--today DATE] [FILE]\n"
	"       artrack check FILE...\n"
	"       artrack list [--format table|tsv|csv|json] [--sort KEY] [--today DATE]\n"
	"                FILE [QUERY...]\n"
	"       artrack show FILE ID\n"
	"       artrack fmt [--check] FILE...\n"
	"       artrack import [-o OUT [--force]] [INPUT]\n"
	"       artrack export --format @EXPORT_FORMATS@ [-o OUT] [--sort KEY]\n"
	"                [--today DATE] FILE [QUERY...]\n"
	"       artrack stats [--today DATE] FILE [QUERY...]\n"
	"       artrack merge [--marker-size N] [--path PATH] [-L LABEL]...\n"
	"                BASE OURS THEIRS [-o OUT]\n"
	"       artrack diff [--format text|markdown|json] [--quiet] OLD NEW\n"
	"       artrack new [--committee NAME] [--title TITLE] FILE\n"
	"       artrack add-meeting FILE DATE [TITLE]\n"
	"       artrack add-item FILE --topic TOPIC [--text TEXT] [--meeting DATE]\n"
	"                [--kind KIND] [--lead NAME]... [--status S] [--response R]\n"
	"                [--due D] [--id N]\n"
	"       artrack set [--dry-run] [--today DATE] FILE QUERY FIELD=VALUE...\n"
	"       artrack add-update [--date D] [--by NAME] [--label L] [--today DATE]\n"
	"                FILE ID TEXT|-\n"
	"       artrack rm FILE ID...\n"
	"       artrack --help | --version\n"
	"\n"
	"Keep a committee's action and recommendation tracker (a YAML file).\n"
	"With no command, open FILE (default: the bundled example tracker) in the\n"
	"terminal UI.\n"
	"\n"
	"Commands:\n"
	"  check    validate files; print every problem as FILE:LINE:COLUMN: error: ...\n"
	"  list     the items matching QUERY, one a line\n"
	"  show     one item with its whole history\n"
	"  fmt      rewrite files in canonical form (--check: only report which differ)\n"
	"  import   turn a tracker table copied out of a committee paper (text or .docx)\n"
	"           into a tracker file\n"
	"  export   the items matching QUERY as a document for a committee paper\n"
	"  stats    counts by status, kind, response, RAG, meeting and lead; responses\n"
	"           awaited and overdue\n"
	"  merge    three-way merge of tracker files, item by item (a git merge driver)\n"
	"  diff     what changed between two versions of a tracker, item by item\n"
	"  new      create an empty tracker file\n"
	"  add-meeting, add-item, add-update\n"
	"           add to a tracker (add-item prints the new id)\n"
	"  set      change every item QUERY matches: status=completed, response=rej,\n"
	"           due=2024-06, rag=red, responded=DATE, closed_on=DATE,\n"
	"           meeting=DATE, topic=..., text=..., kind=...,\n"
	"           leads=A;B, lead+=NAME, lead-=NAME (all or nothing;\n"
	"           --dry-run: only show)\n"
	"  rm       delete items\n"
	"  Write commands print one line per change, keep the old file as FILE~ and\n"
	"  refuse a file another artrack has open.\n"
	"\n"
	"Queries: words (all must match), \"a phrase\", field:value for kind, status,\n"
	"response, rag, lead, topic, text, meeting, id, due, updated, responded, closed;\n"
	"is:overdue, is:open, is:awaiting-response, is:response-overdue, has:updates,\n"
	"has:due, has:response; -term negates.  Sort keys: id, meeting,\n"
	"status, response, due, updated, lead, topic (-KEY: descending).\n"
	"\n"
	"Exit status: 0 success, 1 the data is at fault, 2 the command line is at fault.\n"
	"See artrack(1) and artrack(5).\n";

/* ---- reporting ---- */

static void print_diags(const char *file, const struct ar_diags *diags, const char *severity)
{
	struct ar_buf text = {0};
	ar_diags_format(&text, file, diags, severity);
	if (text.len)
		fputs(text.data, stderr);
	ar_buf_free(&text);
}

int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("artrack: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'artrack --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

/* Flush stdout and turn a failed write (full disk, closed pipe) into status 1. */
int finish_output(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "artrack: error writing output: %s\n", strerror(errno));
		return EXIT_DATA;
	}
	return status;
}

/* Write buf to standard output; 0 or the exit status of a failed write. */
int write_stdout(const struct ar_buf *buf)
{
	if (buf->len && fwrite(buf->data, 1, buf->len, stdout) != buf->len)
		return finish_output(EXIT_DATA);
	return finish_output(0);
}

/* The usage text with the export formats filled in from their table. */
static int print_usage(void)
{
	const char *mark = strstr(usage_text, "@EXPORT_FORMATS@");
	struct ar_buf text = {0};
	ar_buf_add(&text, usage_text, (size_t)(mark - usage_text));
	ar_format_names_join(&text, ar_export_format_names, AR_EXPORT_FORMAT_COUNT, "|");
	ar_buf_adds(&text, mark + strlen("@EXPORT_FORMATS@"));
	int status = write_stdout(&text);
	ar_buf_free(&text);
	return status;
}

/* Load path, printing every problem; returns 0 or the exit status. */
int load_tracker(const char *path, struct ar_tracker **tracker, struct ar_load_info *info)
{
	struct ar_diags diags = {0};
	enum ar_rc rc = ar_load_file(path, tracker, &diags, info);
	return report_load(path, rc, &diags);
}

/* load_tracker for a command that only reads the tracker: no layout kept
 * and the bytes read given back as the load passes them (ar_load_file_model),
 * so `check` or `list` of a large file holds the model, not the file too. */
static int load_tracker_to_read(const char *path, struct ar_tracker **tracker)
{
	struct ar_diags diags = {0};
	enum ar_rc rc = ar_load_file_model(path, tracker, &diags, NULL);
	return report_load(path, rc, &diags);
}

/* Print a load's problems (and release them); 0 or the exit status. */
int report_load(const char *path, enum ar_rc rc, struct ar_diags *diags)
{
	ar_diags_sort(diags);
	print_diags(path, diags, "error");
	ar_diags_free(diags);
	return rc == AR_OK ? 0 : EXIT_DATA;
}

/* ---- shared option handling ---- */

bool parse_today(const char *text, ar_date *today)
{
	return ar_date_parse(text, strlen(text), false, today);
}

/* The command-line words after FILE as one query.  The shell has already
 * split and unquoted them, so a word holding spaces was meant as a phrase:
 * quote it again (after any -negation and field: prefix). */
static char *join_query(int argc, char **argv)
{
	struct ar_buf q = {0};
	ar_buf_adds(&q, "");
	for (int i = 0; i < argc; i++) {
		const char *word = argv[i];
		if (i)
			ar_buf_addc(&q, ' ');
		bool has_space = false, has_quote = strchr(word, '"') != NULL;
		for (const char *p = word; *p; p++)
			if (isspace((unsigned char)*p))
				has_space = true;
		if (!has_space || has_quote) {
			ar_buf_adds(&q, word);
			continue;
		}
		const char *rest = word;
		if (*rest == '-') {
			ar_buf_addc(&q, '-');
			rest++;
		}
		const char *colon = strchr(rest, ':');
		bool field = colon && colon > rest;
		for (const char *p = rest; field && p < colon; p++)
			if (!isalpha((unsigned char)*p))
				field = false;
		if (field) {
			ar_buf_add(&q, rest, (size_t)(colon - rest + 1));
			rest = colon + 1;
		}
		ar_buf_addc(&q, '"');
		ar_buf_adds(&q, rest);
		ar_buf_addc(&q, '"');
	}
	return ar_buf_steal(&q, NULL);
}

/* A view of tracker filtered by the query words and sorted; NULL after
 * printing why on a bad query. */
struct ar_view *make_view(const struct ar_tracker *tracker, ar_date today, const char *sort,
                                 int argc, char **argv)
{
	struct ar_view *view = ar_view_new(tracker, today);
	struct ar_error err = {0};
	if (sort) {
		enum ar_sort_key key;
		bool descending;
		if (ar_sort_parse(sort, &key, &descending, &err) != AR_OK) {
			usage_error("--sort: %s", err.message);
			ar_view_free(view);
			return NULL;
		}
		ar_view_set_sort(view, key, descending);
	}
	/* Options stop at FILE (so -status:closed is a term): "--" there only
	 * marks the end of options, and an option given after FILE would
	 * otherwise be two query words matching nothing. */
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			memmove(&argv[i], &argv[i + 1], (size_t)(argc - i - 1) * sizeof *argv);
			argc--;
			break;
		}
		if (strncmp(argv[i], "--", 2) == 0) {
			usage_error("'%s' after FILE is an option: put options before FILE", argv[i]);
			ar_view_free(view);
			return NULL;
		}
	}
	char *query = join_query(argc, argv);
	enum ar_rc rc = ar_view_set_query(view, query, &err);
	if (rc != AR_OK) {
		usage_error("bad query '%s': %s", query, err.message);
		free(query);
		ar_view_free(view);
		return NULL;
	}
	free(query);
	return view;
}

static int terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* Which of names[0..count) --format's value is, or -1 after printing a
 * usage error that lists them. */
static int lookup_format(const char *command, const char *const *names, int count, const char *text)
{
	for (int i = 0; i < count; i++)
		if (strcmp(names[i], text) == 0)
			return i;
	struct ar_buf why = {0};
	ar_choice_explain(&why, names, count, text, strlen(text), -1, 0, NULL);
	usage_error("%s: --format: %s", command, why.data);
	ar_buf_free(&why);
	return -1;
}

enum {
	OPT_TODAY = 256,
	OPT_SORT,
	OPT_FORMAT,
	OPT_CHECK,
	OPT_READ_ONLY,
	OPT_TAKE_LOCK,
	OPT_HELP,
	OPT_VERSION,
	OPT_OUTPUT,
	OPT_FORCE,
};

/* Options shared by the commands that read a query. */
struct query_options {
	ar_date today;
	const char *sort;
	const char *format;
	const char *output;
	bool check;
	bool force;
};

/* Parse options up to the first non-option (so "-status:closed" after FILE
 * is a query term, not an option); returns the index of FILE or -1 after
 * printing a usage error. */
static int parse_options(int argc, char **argv, const struct option *longopts, const char *shortopts,
                         struct query_options *opts)
{
	opts->today = ar_date_today();
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_TODAY:
			if (!parse_today(optarg, &opts->today)) {
				usage_error("--today: '%s' is not a date (YYYY-MM-DD)", optarg);
				return -1;
			}
			break;
		case OPT_SORT: opts->sort = optarg; break;
		case OPT_FORMAT: opts->format = optarg; break;
		case 'o':
		case OPT_OUTPUT: opts->output = optarg; break;
		case OPT_CHECK: opts->check = true; break;
		case 'f':
		case OPT_FORCE: opts->force = true; break;
		case ':':
			usage_error("%s: option '%s' needs a value", argv[0], argv[optind - 1]);
			return -1;
		default:
			if (optopt && optopt < 256)
				usage_error("%s: unknown option '-%c'", argv[0], optopt);
			else
				usage_error("%s: unknown option '%s'", argv[0], argv[optind - 1]);
			return -1;
		}
	}
	return optind;
}

/* ---- commands ---- */

static int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {{0}};
	struct query_options opts = {0};
	int first = parse_options(argc, argv, longopts, "+:", &opts);
	if (first < 0)
		return EXIT_USAGE;
	if (first >= argc)
		return usage_error("check: no FILE given");
	int status = 0;
	for (int i = first; i < argc; i++) {
		struct ar_tracker *tracker = NULL;
		if (load_tracker_to_read(argv[i], &tracker) != 0)
			status = EXIT_DATA;
		ar_tracker_free(tracker);
	}
	return status;
}

/* What a query command renders of its view. */
typedef void render_fn(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view, int format);

/* The common body of list, stats and export: load FILE (argv[first]),
 * filter and sort by the rest of the words, render, and write to
 * opts->output or standard output. */
static int run_query_command(const char *command, int argc, char **argv, int first,
                             const struct query_options *opts, render_fn *render, int format)
{
	if (first >= argc)
		return usage_error("%s: no FILE given", command);
	struct ar_tracker *tracker = NULL;
	int status = load_tracker_to_read(argv[first], &tracker);
	if (status)
		return status;
	struct ar_view *view = make_view(tracker, opts->today, opts->sort, argc - first - 1, argv + first + 1);
	if (!view) {
		ar_tracker_free(tracker);
		return EXIT_USAGE;
	}
	struct ar_buf out = {0};
	render(&out, tracker, view, format);
	status = emit(opts->output, &out);
	ar_buf_free(&out);
	ar_view_free(view);
	ar_tracker_free(tracker);
	return status;
}

static void render_list(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view, int format)
{
	ar_format_list(out, tracker, view, (enum ar_list_format)format, terminal_width());
}

static void render_stats(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view, int format)
{
	ar_format_stats(out, tracker, view);
}

static void render_export(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view, int format)
{
	ar_format_export(out, tracker, view, (enum ar_export_format)format);
}

static int cmd_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"sort", required_argument, NULL, OPT_SORT},
		{"today", required_argument, NULL, OPT_TODAY},
		{0}};
	struct query_options opts = {0};
	int first = parse_options(argc, argv, longopts, "+:", &opts);
	if (first < 0)
		return EXIT_USAGE;
	int format = AR_LIST_TABLE;
	if (opts.format && (format = lookup_format("list", ar_list_format_names, AR_LIST_FORMAT_COUNT, opts.format)) < 0)
		return EXIT_USAGE;
	return run_query_command("list", argc, argv, first, &opts, render_list, format);
}

static int cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {{0}};
	struct query_options opts = {0};
	int first = parse_options(argc, argv, longopts, "+:", &opts);
	if (first < 0)
		return EXIT_USAGE;
	if (argc - first != 2)
		return usage_error("show: give FILE and ID");
	char *end;
	errno = 0;
	long id = strtol(argv[first + 1], &end, 10);
	if (errno || *end || end == argv[first + 1] || id <= 0)
		return usage_error("show: '%s' is not an item id (a positive whole number)", argv[first + 1]);
	struct ar_tracker *tracker = NULL;
	int status = load_tracker_to_read(argv[first], &tracker);
	if (status)
		return status;
	const struct ar_item *item = ar_tracker_find_item(tracker, id);
	if (!item) {
		fprintf(stderr, "artrack: %s: no item %ld\n", argv[first], id);
		ar_tracker_free(tracker);
		return EXIT_DATA;
	}
	struct ar_buf out = {0};
	ar_format_item(&out, tracker, item, terminal_width());
	status = write_stdout(&out);
	ar_buf_free(&out);
	ar_tracker_free(tracker);
	return status;
}

/* Read a whole file (or stdin for "-") into memory; false with errno set. */
bool read_all(const char *path, struct ar_buf *out)
{
	return (strcmp(path, "-") == 0 ? ar_read_fd(STDIN_FILENO, out) : ar_read_file(path, out)) == 0;
}

/* Say that another artrack holds path's lock, finished with what was not done. */
static int refuse_in_use(const char *path, const struct ar_lock_holder *holder, const char *outcome)
{
	char sentence[AR_ERROR_MESSAGE_MAX];
	ar_lock_sentence(path, holder, outcome, sentence, sizeof sentence);
	fprintf(stderr, "artrack: %s\n", sentence);
	return EXIT_DATA;
}

/* Take path's lock to write it (see cli_internal.h). */
int lock_to_write(const char *path, const char *outcome, struct ar_lock **lock)
{
	struct ar_error err = {0};
	struct ar_lock_holder holder;
	*lock = NULL;
	enum ar_rc rc = ar_lock_acquire(path, 0, lock, &holder, &err);
	if (rc == AR_ELOCKED)
		return refuse_in_use(path, &holder, outcome);
	if (rc == AR_OK)
		rc = ar_journal_refuse(path, &err);
	if (rc != AR_OK) {
		ar_lock_release(*lock);
		*lock = NULL;
		fprintf(stderr, "artrack: %s\n", err.message);
		return EXIT_DATA;
	}
	return 0;
}

/* Write tracker over path: not while another artrack has it open, not over
 * a file that changed since it was read, and not while unsaved edits of a
 * stopped artrack wait in its journal.  canonical: as fmt writes it, else
 * only what changed. */
int rewrite_tracker(const char *path, const struct ar_tracker *tracker, const struct ar_load_info *info,
                    const char *what, bool canonical)
{
	struct ar_error err = {0};
	struct ar_lock *lock = NULL;
	struct ar_file_identity identity;
	if (ar_file_may_replace(path, NULL, &err) != AR_OK) {
		fprintf(stderr, "artrack: %s; %s\n", err.message, what);
		return EXIT_DATA;
	}
	int status = lock_to_write(path, what, &lock);
	if (status)
		return status;
	enum ar_rc rc = ar_file_identity_record(path, info, &identity, &err);
	if (rc == AR_OK)
		rc = canonical ? ar_fmt_tracker_file(tracker, path, &identity, &err)
		               : ar_save_tracker_file(tracker, path, &identity, &err);
	ar_lock_release(lock);
	if (rc != AR_OK) {
		fprintf(stderr, "artrack: %s\n", err.message);
		return EXIT_DATA;
	}
	return 0;
}

static int cmd_fmt(int argc, char **argv)
{
	static const struct option longopts[] = {{"check", no_argument, NULL, OPT_CHECK}, {0}};
	struct query_options opts = {0};
	int first = parse_options(argc, argv, longopts, "+:", &opts);
	if (first < 0)
		return EXIT_USAGE;
	if (first >= argc)
		return usage_error("fmt: no FILE given");
	int status = 0;
	for (int i = first; i < argc; i++) {
		const char *path = argv[i];
		struct ar_tracker *tracker = NULL;
		struct ar_load_info info;
		if (load_tracker(path, &tracker, &info) != 0) {
			status = EXIT_DATA;
			continue;
		}
		struct ar_buf canonical = {0}, current = {0};
		struct ar_error err = {0};
		if (ar_layout_write_canonical(tracker, &canonical, &err) != AR_OK) {
			fprintf(stderr, "artrack: %s: %s\n", path, err.message);
			status = EXIT_DATA;
		} else if (!read_all(path, &current)) {
			fprintf(stderr, "artrack: %s: %s\n", path, strerror(errno));
			status = EXIT_DATA;
		} else if (current.len != canonical.len || memcmp(current.data, canonical.data, current.len) != 0) {
			if (opts.check) {
				fprintf(stderr, "%s: not in canonical form (run 'artrack fmt %s')\n", path, path);
				status = EXIT_DATA;
			} else if (rewrite_tracker(path, tracker, &info, "not rewritten", true) != 0) {
				status = EXIT_DATA;
			}
		}
		ar_buf_free(&canonical);
		ar_buf_free(&current);
		ar_tracker_free(tracker);
	}
	return status;
}

static int cmd_stats(int argc, char **argv)
{
	static const struct option longopts[] = {{"today", required_argument, NULL, OPT_TODAY}, {0}};
	struct query_options opts = {0};
	int first = parse_options(argc, argv, longopts, "+:", &opts);
	if (first < 0)
		return EXIT_USAGE;
	return run_query_command("stats", argc, argv, first, &opts, render_stats, 0);
}

/* Write bytes to path (atomically) or to stdout when path is NULL. */
int emit(const char *path, const struct ar_buf *buf)
{
	if (!path || strcmp(path, "-") == 0)
		return write_stdout(buf);
	struct ar_error err = {0};
	if (ar_file_write_atomic(path, buf->data ? buf->data : "", buf->len, NULL, &err) != AR_OK) {
		fprintf(stderr, "artrack: %s\n", err.message);
		return EXIT_DATA;
	}
	return 0;
}

static int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"sort", required_argument, NULL, OPT_SORT},
		{"today", required_argument, NULL, OPT_TODAY},
		{0}};
	struct query_options opts = {0};
	int first = parse_options(argc, argv, longopts, "+:o:", &opts);
	if (first < 0)
		return EXIT_USAGE;
	if (!opts.format) {
		struct ar_buf names = {0};
		ar_format_names_join(&names, ar_export_format_names, AR_EXPORT_FORMAT_COUNT, "|");
		usage_error("export: --format %s is required", names.data);
		ar_buf_free(&names);
		return EXIT_USAGE;
	}
	int format = lookup_format("export", ar_export_format_names, AR_EXPORT_FORMAT_COUNT, opts.format);
	if (format < 0)
		return EXIT_USAGE;
	if (format == AR_EXPORT_DOCX && (!opts.output || strcmp(opts.output, "-") == 0) && isatty(STDOUT_FILENO))
		return usage_error("export: --format docx writes a Word document, not text: give -o FILE.docx "
		                   "(or redirect standard output)");
	struct stat in_st, out_st;
	if (opts.output && first < argc && stat(opts.output, &out_st) == 0 && stat(argv[first], &in_st) == 0 &&
	    in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino)
		return usage_error("export: -o %s is the tracker being exported; it is not replaced", opts.output);
	/* "-o" as a query word would negate the letter o: it is -o OUT put
	 * after FILE, and would send the export to standard output. */
	for (int i = first + 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "-o") == 0)
			return usage_error("export: '-o' after FILE is an option: put -o OUT before FILE");
	return run_query_command("export", argc, argv, first, &opts, render_export, format);
}

/* Whether path names something that exists (a dangling symlink too). */
static bool path_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* import's -o: a tracker is never replaced by accident.  Without --force an
 * existing OUT is refused; with it, OUT is replaced as a save would (FILE~
 * kept), but not while another artrack has it open, nor while unsaved
 * edits of a stopped one wait in its journal. */
static int write_import(const char *out, bool force, const struct ar_buf *yaml)
{
	if (!out || strcmp(out, "-") == 0)
		return write_stdout(yaml);
	if (!force && path_exists(out)) {
		fprintf(stderr, "artrack: %s already exists; not replaced (import --force -o %s replaces it, "
		        "keeping the old one as %s~)\n", out, out, out);
		return EXIT_DATA;
	}
	struct ar_lock *lock = NULL;
	int status = force ? lock_to_write(out, "not replaced", &lock) : 0;
	if (status)
		return status;
	status = emit(out, yaml);
	ar_lock_release(lock);
	return status;
}

/* The most import reads (the paper's text or Word document). */
#define IMPORT_MAX_BYTES (64 << 20)

static int cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"force", no_argument, NULL, OPT_FORCE},
		{0}};
	struct query_options opts = {0};
	int first = parse_options(argc, argv, longopts, "+:o:f", &opts);
	if (first < 0)
		return EXIT_USAGE;
	if (argc - first > 1)
		return usage_error("import: give at most one INPUT");
	const char *input = first < argc ? argv[first] : "-";
	const char *name = strcmp(input, "-") == 0 ? "<stdin>" : input;
	if (opts.output && strcmp(opts.output, "-") != 0 && !opts.force && path_exists(opts.output))
		return write_import(opts.output, false, NULL); /* refused before reading anything */
	struct ar_buf text = {0};
	/* Read with a bound: a paper is kilobytes (a Word one with pictures a
	 * few megabytes), and /dev/zero or a wrong file must not fill memory. */
	if (ar_read_file_max(input, IMPORT_MAX_BYTES, &text) != 0) {
		if (errno == EFBIG)
			fprintf(stderr, "artrack: %s: more than %d MB, too big to be a committee paper; nothing imported\n",
			        name, IMPORT_MAX_BYTES >> 20);
		else
			fprintf(stderr, "artrack: %s: %s\n", name, strerror(errno));
		ar_buf_free(&text);
		return EXIT_DATA;
	}
	struct ar_buf yaml = {0};
	struct ar_diags warnings = {0};
	struct ar_error err = {0};
	enum ar_rc rc;
	size_t name_len = strlen(name);
	if (name_len > 5 && strcasecmp(name + name_len - 5, ".docx") == 0 &&
	    !ar_import_is_zip(text.data ? text.data : "", text.len)) {
		/* named a Word document but not one: say so rather than read it as text */
		struct ar_tracker *none = NULL;
		rc = ar_import_docx(text.data ? text.data : "", text.len, 0, &none, &warnings, &err);
		ar_tracker_free(none);
	} else {
		rc = ar_import_yaml(text.data ? text.data : "", text.len, &yaml, &warnings, &err);
	}
	/* Nothing imported: what would have been left out is noise (every line,
	 * for a file that holds no table). */
	for (size_t i = 0; rc == AR_OK && i < warnings.count; i++) {
		const struct ar_error *w = &warnings.items[i];
		if (w->line > 0)
			fprintf(stderr, "%s:%d: warning: %s\n", name, w->line, w->message);
		else
			fprintf(stderr, "%s: warning: %s\n", name, w->message);
	}
	int status;
	if (rc != AR_OK && text.len >= 9 && strncmp(text.data, "artrack:", 8) == 0) {
		fprintf(stderr, "%s: error: this is already a tracker file (YAML), not tracker text to import: "
		                "open it with 'artrack %s' or validate it with 'artrack check'\n", name, name);
		status = EXIT_DATA;
	} else if (rc != AR_OK) {
		if (err.line > 0)
			fprintf(stderr, "%s:%d: error: %s\n", name, err.line, err.message);
		else
			fprintf(stderr, "%s: error: %s\n", name, err.message);
		status = EXIT_DATA;
	} else {
		status = write_import(opts.output, opts.force, &yaml);
	}
	ar_diags_free(&warnings);
	ar_buf_free(&yaml);
	ar_buf_free(&text);
	return status;
}

static int unknown_command(const char *word);
static bool near_command(const char *word);

static int run_ui(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"read-only", no_argument, NULL, OPT_READ_ONLY},
		{"take-lock", no_argument, NULL, OPT_TAKE_LOCK},
		{"today", required_argument, NULL, OPT_TODAY},
		{"help", no_argument, NULL, OPT_HELP},
		{"version", no_argument, NULL, OPT_VERSION},
		{0}};
	struct ar_ui_options ui = {0};
	ui.today = ar_date_today();
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_READ_ONLY: ui.read_only = true; break;
		case OPT_TAKE_LOCK: ui.take_lock = true; break;
		case OPT_TODAY:
			if (!parse_today(optarg, &ui.today))
				return usage_error("--today: '%s' is not a date (YYYY-MM-DD)", optarg);
			break;
		case 'h':
		case OPT_HELP: return print_usage();
		case OPT_VERSION: printf("artrack %s\n", PACKAGE_VERSION); return finish_output(0);
		case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			if (optopt && optopt < 256)
				return usage_error("unknown option '-%c'", optopt);
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (ui.read_only && ui.take_lock)
		return usage_error("--read-only and --take-lock do not go together (one opens without writing, the other to write)");
	if (argc - optind > 1)
		return unknown_command(argv[optind]);
	/* "artrack lsit": a mistyped command, not a new tracker to create */
	if (optind < argc && !path_exists(argv[optind]) && !strpbrk(argv[optind], "./") && near_command(argv[optind]))
		return unknown_command(argv[optind]);
	struct ar_buf bundled = {0};
	if (optind < argc) {
		ui.path = argv[optind];
	} else {
		/* The bundled example belongs to the installation, not to the
		 * officer: show it read-only so nobody edits /usr/share by accident. */
		const char *dir = getenv("ARTRACK_DATADIR");
		ar_buf_adds(&bundled, dir && *dir ? dir : ARTRACK_DATADIR);
		ar_buf_adds(&bundled, "/" BUNDLED_TRACKER);
		if (!(dir && *dir) && access(bundled.data, R_OK) != 0) {
			/* Not installed yet: a program run from its build tree finds
			 * the example in the source tree. */
			ar_buf_reset(&bundled);
			ar_buf_adds(&bundled, ARTRACK_SRCDATADIR "/" BUNDLED_TRACKER);
		}
		ui.path = bundled.data;
		ui.read_only = true;
		ui.bundled = true;
	}
	int status = ar_ui_run(&ui);
	ar_buf_free(&bundled);
	return status;
}

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
	{"check", cmd_check},
	{"list", cmd_list},
	{"show", cmd_show},
	{"fmt", cmd_fmt},
	{"import", cmd_import},
	{"export", cmd_export},
	{"stats", cmd_stats},
	{"merge", cmd_merge},
	{"diff", cmd_diff},
	{"new", cmd_new},
	{"add-meeting", cmd_add_meeting},
	{"add-item", cmd_add_item},
	{"set", cmd_set},
	{"add-update", cmd_add_update},
	{"rm", cmd_rm},
};

/* "; did you mean list?" into near for word, or nothing when no command is near. */
static void suggest_command(struct ar_buf *near, const char *word)
{
	enum { COMMAND_COUNT = sizeof commands / sizeof commands[0] };
	const char *names[COMMAND_COUNT];
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		names[i] = commands[i].name;
	ar_buf_adds(near, "");
	ar_choice_suggest(near, names, COMMAND_COUNT, word, strlen(word));
}

/* Whether word is near enough a command's name to be a typo of it. */
static bool near_command(const char *word)
{
	struct ar_buf near = {0};
	suggest_command(&near, word);
	bool near_one = near.len > 0;
	ar_buf_free(&near);
	return near_one;
}

/* "unknown command 'lsit'; did you mean list?" */
static int unknown_command(const char *word)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(word, commands[i].name) == 0)
			return usage_error("'%s' is a command: put it first and its options after it (artrack %s OPTIONS...)",
			                   word, word);
	struct ar_buf near = {0};
	suggest_command(&near, word);
	usage_error("unknown command '%s'%s", word, near.data);
	ar_buf_free(&near);
	return EXIT_USAGE;
}

/* Out of memory anywhere in a command: a message and status 1, never a
 * bare abort.  Nothing here may allocate. */
static void out_of_memory(size_t requested)
{
	ar_lock_release_from_signal();
	char message[120];
	int n = snprintf(message, sizeof message, "artrack: out of memory (asked for %zu bytes); nothing more done\n",
	                 requested);
	if (n > 0)
		(void)!write(STDERR_FILENO, message, (size_t)n < sizeof message ? (size_t)n : sizeof message - 1);
	_exit(EXIT_DATA);
}

/* The command argv names (none: the terminal UI). */
static int run_command(int argc, char **argv)
{
	if (argc > 1) {
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
			if (strcmp(argv[1], commands[i].name) == 0) {
				ar_text_locale_init(); /* tables and wrapping by display width */
				for (int a = 2; a < argc; a++)
					if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0)
						return print_usage();
				return commands[i].run(argc - 1, argv + 1);
			}
		}
	}
	return run_ui(argc, argv);
}

int ar_cli_main(int argc, char **argv)
{
	ar_set_nomem_handler(out_of_memory);
	/* Messages echo names, queries and values from files: none of them may
	 * act on the terminal, whoever builds the message. */
	FILE *plain_stderr = stderr;
	FILE *inert_stderr = ar_inert_stream(STDERR_FILENO);
	if (inert_stderr)
		stderr = inert_stderr;
	int status = run_command(argc, argv);
	if (inert_stderr) {
		/* closing writes what it still holds and frees its cookie (a leak
		 * for LeakSanitizer otherwise, which fails every ASan run) */
		stderr = plain_stderr;
		fclose(inert_stderr);
	}
	return status;
}
