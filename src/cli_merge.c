/* cli_merge.c - `artrack merge` and `artrack diff` (spec section 3): sharing
 * one tracker through git. */
#include "config.h"

#include "cli_internal.h"

#include "artrack/conflict.h"
#include "artrack/diff.h"
#include "artrack/error.h"
#include "artrack/filesafe.h"
#include "artrack/load_many.h"
#include "artrack/lock.h"
#include "artrack/merge.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_FORMAT = 256, OPT_QUIET, OPT_OUTPUT, OPT_MARKER_SIZE, OPT_PATH };

/* getopt_long over argv (argv[0] the command's name); returns the index of
 * the first operand, or -1 after printing a usage error.  Options may come
 * after operands (diff OLD NEW --quiet), as git's own tools allow. */
static int parse(int argc, char **argv, const char *shortopts, const struct option *longopts,
                 int (*take)(void *ctx, int opt, const char *arg), void *ctx)
{
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == ':') {
			usage_error("%s: option '%s' needs a value", argv[0], argv[optind - 1]);
			return -1;
		}
		if (c == '?') {
			if (optopt && optopt < 256)
				usage_error("%s: unknown option '-%c'", argv[0], optopt);
			else
				usage_error("%s: unknown option '%s'", argv[0], argv[optind - 1]);
			return -1;
		}
		if (take(ctx, c, optarg) != 0)
			return -1;
	}
	return optind;
}

/* "-" is standard input, like "git show HEAD~1:t.yaml | artrack diff - t.yaml". */
static const char *stdin_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "/dev/stdin" : path;
}

/* Load count files at once, printing every problem; 0 or the exit status
 * (then every tracker is freed and NULL, and failed[i], if given, says
 * which did not load). */
static int load_all(char **paths, size_t count, struct ar_tracker **trackers, bool *failed)
{
	const char *names[3];
	struct ar_diags diags[3] = {{0}};
	enum ar_rc rcs[3];
	for (size_t i = 0; i < count; i++)
		names[i] = stdin_name(paths[i]);
	ar_load_files(names, count, trackers, diags, rcs);
	int status = 0;
	for (size_t i = 0; i < count; i++) {
		bool bad = report_load(names[i], rcs[i], &diags[i]) != 0;
		if (failed)
			failed[i] = bad;
		if (bad)
			status = EXIT_DATA;
	}
	for (size_t i = 0; status && i < count; i++) {
		ar_tracker_free(trackers[i]);
		trackers[i] = NULL;
	}
	return status;
}

/* ---- diff ---- */

struct diff_options {
	int format;
	bool quiet;
};

static int diff_option(void *ctx, int opt, const char *arg)
{
	struct diff_options *o = ctx;
	if (opt == 'q' || opt == OPT_QUIET) {
		o->quiet = true;
		return 0;
	}
	for (int f = 0; f < AR_DIFF_FORMAT_COUNT; f++)
		if (strcmp(arg, ar_diff_format_names[f]) == 0) {
			o->format = f;
			return 0;
		}
	usage_error("diff: --format must be text, markdown or json, not '%s'", arg);
	return -1;
}

/* `artrack diff [--format F] [--quiet] OLD NEW`: 0 whether or not they
 * differ; with --quiet nothing is printed and 1 means they differ. */
int cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"quiet", no_argument, NULL, OPT_QUIET},
		{0}};
	struct diff_options o = {.format = AR_DIFF_TEXT};
	int first = parse(argc, argv, ":q", longopts, diff_option, &o);
	if (first < 0)
		return EXIT_USAGE;
	if (argc - first != 2)
		return usage_error("diff: give OLD and NEW (two tracker files)");
	struct ar_tracker *side[2] = {0};
	int status = load_all(argv + first, 2, side, NULL);
	if (status)
		return status;
	struct ar_tracker *old = side[0], *new = side[1];
	struct ar_diff diff = {0};
	ar_diff_trackers(old, new, &diff);
	if (o.quiet) {
		status = diff.count ? 1 : 0;
	} else {
		struct ar_buf out = {0};
		ar_diff_format(&out, &diff, (enum ar_diff_format)o.format);
		status = write_stdout(&out);
		ar_buf_free(&out);
	}
	ar_diff_free(&diff);
	ar_tracker_free(old);
	ar_tracker_free(new);
	return status;
}

/* ---- merge ---- */

struct merge_options {
	const char *output;
	const char *path;                  /* git's %P: the file's name in the work tree */
	const char *labels[3];             /* -L, as git merge-file: ours, base, theirs */
	int label_count;
	struct ar_conflict_markers markers;
};

/* --marker-size N (git's %L): a whole number of at least 7, the least a
 * reader takes for a marker. */
static int marker_size(const char *arg, size_t *size)
{
	char *end;
	errno = 0;
	long n = strtol(arg, &end, 10);
	if (errno || *end || end == arg || !isdigit((unsigned char)arg[0]) || n < AR_CONFLICT_MARKER_LEN ||
	    n > AR_CONFLICT_MARKER_MAX)
		return usage_error("merge: --marker-size must be a whole number from %d to %d (git's %%L), not '%s'",
		                   AR_CONFLICT_MARKER_LEN, AR_CONFLICT_MARKER_MAX, arg);
	*size = (size_t)n;
	return 0;
}

static int merge_option(void *ctx, int opt, const char *arg)
{
	struct merge_options *o = ctx;
	switch (opt) {
	case 'o':
	case OPT_OUTPUT:
		o->output = arg;
		return 0;
	case OPT_MARKER_SIZE:
		return marker_size(arg, &o->markers.size);
	case OPT_PATH:
		if (!*arg)
			return usage_error("merge: --path needs the file's name (git's %%P), not ''");
		o->path = arg;
		return 0;
	default: /* 'L' */
		if (strpbrk(arg, "\r\n"))
			return usage_error("merge: a -L label is one line, not '%s'", arg);
		if (o->label_count == 3)
			return usage_error("merge: -L at most three times (ours, base, theirs), not a fourth '%s'", arg);
		o->labels[o->label_count++] = arg;
		return 0;
	}
}

/* path as one shell word (quoted when it needs to be), for a command the
 * officer may paste. */
static void shell_word(struct ar_buf *out, const char *path)
{
	if (*path && strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/+-=:,@%") == strlen(path)) {
		ar_buf_adds(out, path);
		return;
	}
	ar_buf_addc(out, '\'');
	for (const char *p = path; *p; p++)
		if (*p == '\'')
			ar_buf_adds(out, "'\\''");
		else
			ar_buf_addc(out, *p);
	ar_buf_addc(out, '\'');
}

/* Whether path is the temporary file git hands a merge driver as %A
 * (".merge_file_XXXXXX" in the work tree's top folder). */
static bool git_temporary(const char *path)
{
	const char *base = strrchr(path, '/');
	return strncmp(base ? base + 1 : path, ".merge_file_", 12) == 0;
}

/* `artrack merge [--marker-size N] [--path P] [-L OURS [-L BASE [-L
 * THEIRS]]] BASE OURS THEIRS [-o OUT]`, git's merge driver: 0 clean, 1
 * conflicts (marked in the file) or a side that does not load (nothing
 * written). */
int cmd_merge(int argc, char **argv)
{
	static const struct option longopts[] = {{"output", required_argument, NULL, OPT_OUTPUT},
	                                         {"marker-size", required_argument, NULL, OPT_MARKER_SIZE},
	                                         {"path", required_argument, NULL, OPT_PATH},
	                                         {0}};
	struct merge_options o = {.labels = {"ours", NULL, "theirs"}};
	int first = parse(argc, argv, ":o:L:", longopts, merge_option, &o);
	if (first < 0)
		return EXIT_USAGE;
	if (argc - first != 3)
		return usage_error("merge: give BASE, OURS and THEIRS (as git's %%O %%A %%B)");
	o.markers.ours = o.labels[0];
	o.markers.theirs = o.label_count == 3 ? o.labels[2] : "theirs";
	const char *output = o.output;
	const char *target = output ? output : argv[first + 1];
	/* what the officer knows the file as: git's %P, not its temporary OURS */
	const char *name = o.path && !output ? o.path : target;
	/* as the write commands: not over a file another artrack has open or
	 * whose journal holds unsaved edits (git's %A is a temporary file with
	 * neither) */
	struct ar_lock *lock = NULL;
	if (strcmp(target, "-") != 0) {
		int refused = lock_to_write(target, "not merged", &lock);
		if (refused)
			return refused;
	}
	struct ar_tracker *side[3] = {0};
	bool failed[3];
	int status = load_all(argv + first, 3, side, failed);
	if (status) {
		ar_lock_release(lock);
		/* git names the sides by temporary files: say which is which */
		static const char *const roles[3] = {"the base", "ours", "theirs"};
		for (int i = 0; i < 3; i++)
			if (failed[i])
				fprintf(stderr, "artrack: %s: %s (%s) does not load\n", name, roles[i], argv[first + i]);
		fprintf(stderr, "artrack: not merged: %s is unchanged\n", name);
		return status;
	}
	struct ar_merge merge;
	ar_merge_trackers(side[0], side[1], side[2], &merge);
	for (size_t i = 0; i < merge.notes.count; i++)
		fprintf(stderr, "artrack: %s: %s\n", name, merge.notes.items[i].message);
	struct ar_buf text = {0};
	struct ar_error err = {0};
	enum ar_rc rc = ar_merge_write(&merge, &o.markers, &text, &err);
	if (rc == AR_OK) {
		/* No FILE~: git holds every version, and a backup of its
		 * temporary file would be left in the work tree. */
		struct ar_write_options options = {.no_backup = true};
		if (strcmp(target, "-") == 0)
			status = write_stdout(&text);
		else if ((rc = ar_file_write_atomic(target, text.data ? text.data : "", text.len, &options, &err)) != AR_OK)
			status = EXIT_DATA;
	} else {
		status = EXIT_DATA;
	}
	if (rc != AR_OK)
		fprintf(stderr, "artrack: %s\n", err.message);
	for (size_t i = 0; i < merge.conflict_count && status == 0; i++) {
		struct ar_buf line = {0};
		ar_merge_describe(&merge, &merge.conflicts[i], &line);
		fprintf(stderr, "artrack: %s: conflict: %s\n", name, line.data);
		ar_buf_free(&line);
	}
	if (status == 0 && merge.conflict_count && git_temporary(name)) {
		/* git renames its temporary over the tracker once we exit: naming
		 * the temporary would send the officer to a file that is gone */
		fprintf(stderr, "artrack: %s: %zu conflict%s marked; resolve them (open the tracker in artrack, "
		        "or by hand) and commit; give the driver --path %%P to have the tracker named here\n",
		        name, merge.conflict_count, merge.conflict_count == 1 ? "" : "s");
		status = EXIT_DATA;
	} else if (status == 0 && merge.conflict_count) {
		struct ar_buf word = {0};
		shell_word(&word, name);
		fprintf(stderr, "artrack: %s: %zu conflict%s marked; resolve them (artrack %s, or by hand) and commit\n",
		        name, merge.conflict_count, merge.conflict_count == 1 ? "" : "s", word.data);
		ar_buf_free(&word);
		status = EXIT_DATA;
	}
	ar_lock_release(lock);
	ar_buf_free(&text);
	ar_merge_free(&merge);
	return status;
}
