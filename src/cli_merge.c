/* cli_merge.c - `artrack diff` (spec section 3): sharing
 * one tracker through git. */
#include "config.h"

#include "cli_internal.h"

#include "artrack/diff.h"
#include "artrack/error.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

enum { OPT_FORMAT = 256, OPT_QUIET, OPT_OUTPUT };

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
	struct ar_tracker *old = NULL, *new = NULL;
	int status = load_tracker(stdin_name(argv[first]), &old, NULL);
	int status_new = load_tracker(stdin_name(argv[first + 1]), &new, NULL);
	if (status || status_new) {
		ar_tracker_free(old);
		ar_tracker_free(new);
		return EXIT_DATA;
	}
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
