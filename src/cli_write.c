/* cli_write.c - the write commands of spec section 3: new, add-meeting,
 * add-item, set, add-update, rm.
 *
 * Each one loads the file, makes its changes through an ar_edits (so they
 * are checked exactly as the loader and the terminal UI check them), and
 * only when every change is acceptable saves once, atomically, under the
 * file's lock and never over a file changed meanwhile (rewrite_tracker).
 * A bad argument anywhere changes nothing (exit 2); the data at fault (the
 * file does not load, no such item, the file in use, a failed write) is
 * exit 1.  What changed is printed one line a change, after the save. */
#include "config.h"

#include "cli_internal.h"

#include "artrack/filesafe.h"
#include "artrack/author.h"
#include "artrack/change.h"
#include "artrack/diff.h"
#include "artrack/error.h"
#include "artrack/query.h"
#include "artrack/undo.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum {
	OPT_TODAY = 256,
	OPT_COMMITTEE,
	OPT_TITLE,
	OPT_TOPIC,
	OPT_TEXT,
	OPT_MEETING,
	OPT_KIND,
	OPT_LEAD,
	OPT_STATUS,
	OPT_RESPONSE,
	OPT_DUE,
	OPT_ID,
	OPT_DRY_RUN,
	OPT_DATE,
	OPT_BY,
	OPT_LABEL,
};

/* Every write command's options; each command says which it takes. */
static const struct option write_longopts[] = {
	{"today", required_argument, NULL, OPT_TODAY},
	{"committee", required_argument, NULL, OPT_COMMITTEE},
	{"title", required_argument, NULL, OPT_TITLE},
	{"topic", required_argument, NULL, OPT_TOPIC},
	{"text", required_argument, NULL, OPT_TEXT},
	{"meeting", required_argument, NULL, OPT_MEETING},
	{"kind", required_argument, NULL, OPT_KIND},
	{"lead", required_argument, NULL, OPT_LEAD},
	{"status", required_argument, NULL, OPT_STATUS},
	{"response", required_argument, NULL, OPT_RESPONSE},
	{"due", required_argument, NULL, OPT_DUE},
	{"id", required_argument, NULL, OPT_ID},
	{"dry-run", no_argument, NULL, OPT_DRY_RUN},
	{"date", required_argument, NULL, OPT_DATE},
	{"by", required_argument, NULL, OPT_BY},
	{"label", required_argument, NULL, OPT_LABEL},
	{0}};

/* The bit of write_longopts' option opt in a command's set of options. */
#define TAKES(opt) (1u << ((opt) - OPT_TODAY))

#define MAX_LEADS 64

/* What the write commands' options say. */
struct write_options {
	ar_date today;
	const char *committee, *title;
	const char *topic, *text, *meeting, *kind, *status, *response, *due, *id;
	const char *leads[MAX_LEADS];
	size_t lead_count;
	bool dry_run;
	const char *date, *by, *label;
	bool by_given;
};

/* Parse command's options (shortopts "+" for those whose words after FILE
 * may start with '-'); returns the index of the first operand or -1 after
 * printing a usage error. */
static int parse_write_options(const char *command, int argc, char **argv, unsigned takes,
                               const char *shortopts, struct write_options *o)
{
	memset(o, 0, sizeof *o);
	o->today = ar_date_today();
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, shortopts, write_longopts, NULL)) != -1) {
		if (c >= OPT_TODAY && !(takes & TAKES(c)))
			return usage_error("%s: unknown option '%s'", command, argv[optind - 1]), -1;
		switch (c) {
		case OPT_TODAY:
			if (!parse_today(optarg, &o->today))
				return usage_error("%s: --today: '%s' is not a date (YYYY-MM-DD)", command, optarg), -1;
			break;
		case OPT_COMMITTEE: o->committee = optarg; break;
		case OPT_TITLE: o->title = optarg; break;
		case OPT_TOPIC: o->topic = optarg; break;
		case OPT_TEXT: o->text = optarg; break;
		case OPT_MEETING: o->meeting = optarg; break;
		case OPT_KIND: o->kind = optarg; break;
		case OPT_STATUS: o->status = optarg; break;
		case OPT_RESPONSE: o->response = optarg; break;
		case OPT_DUE: o->due = optarg; break;
		case OPT_ID: o->id = optarg; break;
		case 'n':
		case OPT_DRY_RUN: o->dry_run = true; break;
		case OPT_DATE: o->date = optarg; break;
		case OPT_BY: o->by = optarg; o->by_given = true; break;
		case OPT_LABEL: o->label = optarg; break;
		case OPT_LEAD:
			if (!optarg[strspn(optarg, " \t")])
				return usage_error("%s: --lead needs a name", command), -1;
			if (o->lead_count == MAX_LEADS)
				return usage_error("%s: more than %d --lead options", command, MAX_LEADS), -1;
			o->leads[o->lead_count++] = optarg;
			break;
		case ':':
			return usage_error("%s: option '%s' needs a value", command, argv[optind - 1]), -1;
		default:
			if (optopt && optopt < 256)
				return usage_error("%s: unknown option '-%c'", command, optopt), -1;
			return usage_error("%s: unknown option '%s'", command, argv[optind - 1]), -1;
		}
	}
	return optind;
}

/* An item id argument: a positive whole number, else a usage error (-1). */
static long parse_id(const char *command, const char *text)
{
	char *end;
	errno = 0;
	long id = strtol(text, &end, 10);
	if (errno || *end || end == text || id <= 0 || text[0] == '+' || text[0] == ' ') {
		usage_error("%s: '%s' is not an item id (a positive whole number)", command, text);
		return -1;
	}
	return id;
}

/* A tracker being changed by one command. */
struct edit_session {
	struct ar_tracker *tracker;
	struct ar_edits *edits;
	struct ar_load_info info;
};

/* Load path and start editing it; 0 or the exit status. */
static int open_for_edit(const char *path, struct edit_session *s)
{
	s->edits = NULL;
	int status = load_tracker(path, &s->tracker, &s->info);
	if (status == 0)
		s->edits = ar_edits_new(s->tracker);
	return status;
}

static void close_edit(struct edit_session *s)
{
	ar_edits_free(s->edits);
	ar_tracker_free(s->tracker);
}

/* Save (unless nothing changed or dry_run), then print the change lines;
 * frees the edits and the tracker.  Returns the exit status. */
static int finish_edit(const char *path, struct edit_session *s, const struct ar_buf *lines, bool dry_run)
{
	int status = 0;
	if (!dry_run && ar_edits_is_dirty(s->edits))
		status = rewrite_tracker(path, s->tracker, &s->info, "not changed", false);
	if (status == 0)
		status = write_stdout(lines);
	close_edit(s);
	return status;
}

/* Abandon an edit refused for err: print why, free, exit status for rc. */
static int refuse_edit(const char *command, const char *what, enum ar_rc rc, const struct ar_error *err,
                       struct edit_session *s)
{
	if (what)
		fprintf(stderr, "artrack: %s: %s: %s\n", command, what, err->message);
	else
		fprintf(stderr, "artrack: %s: %s\n", command, err->message);
	close_edit(s);
	return rc == AR_EDATA ? EXIT_DATA : EXIT_USAGE;
}

/* ---- new ---- */

int cmd_new(int argc, char **argv)
{
	struct write_options o;
	int first = parse_write_options("new", argc, argv, TAKES(OPT_COMMITTEE) | TAKES(OPT_TITLE) | TAKES(OPT_TODAY),
	                                ":", &o);
	if (first < 0)
		return EXIT_USAGE;
	if (argc - first != 1)
		return usage_error("new: give one FILE");
	const char *path = argv[first];
	struct stat st;
	if (lstat(path, &st) == 0) {
		fprintf(stderr, "artrack: %s already exists; not replaced (artrack new makes a new file)\n", path);
		return EXIT_DATA;
	}
	struct ar_tracker *tracker = ar_tracker_new();
	tracker->committee = ar_tracker_strdup(tracker, o.committee && *o.committee ? o.committee : NULL);
	tracker->title = ar_tracker_strdup(tracker, o.title && *o.title ? o.title : NULL);
	int status = rewrite_tracker(path, tracker, NULL, "not created", false);
	ar_tracker_free(tracker);
	if (status == 0) {
		printf("%s: created\n", path);
		status = finish_output(0);
	}
	return status;
}

/* ---- add-meeting ---- */

int cmd_add_meeting(int argc, char **argv)
{
	struct write_options o;
	int first = parse_write_options("add-meeting", argc, argv, TAKES(OPT_TODAY), ":", &o);
	if (first < 0)
		return EXIT_USAGE;
	if (argc - first < 2 || argc - first > 3)
		return usage_error("add-meeting: give FILE, DATE and optionally TITLE");
	const char *path = argv[first], *text = argv[first + 1], *title = argc - first == 3 ? argv[first + 2] : NULL;
	ar_date date;
	if (!ar_date_parse(text, strlen(text), false, &date))
		return usage_error("add-meeting: '%s' is not a date (YYYY-MM-DD)", text);
	struct edit_session session;
	int status = open_for_edit(path, &session);
	struct ar_edits *edits = session.edits;
	if (status)
		return status;
	struct ar_error err = {0};
	enum ar_rc rc = ar_edits_add_meeting(edits, date, title, &err);
	if (rc != AR_OK)
		return refuse_edit("add-meeting", NULL, rc, &err, &session);
	struct ar_buf lines = {0};
	ar_buf_addf(&lines, "meeting %s added\n", text);
	status = finish_edit(path, &session, &lines, false);
	ar_buf_free(&lines);
	return status;
}

/* ---- add-item ---- */

/* One field of a new item from an option, through the same edit as `set`. */
static enum ar_rc set_option(struct ar_edits *edits, long id, enum ar_item_key key, const char *value,
                             struct ar_error *err)
{
	return value ? ar_edits_set_field(edits, id, key, value, err) : AR_OK;
}

int cmd_add_item(int argc, char **argv)
{
	struct write_options o;
	int first = parse_write_options("add-item", argc, argv,
	                                TAKES(OPT_TOPIC) | TAKES(OPT_TEXT) | TAKES(OPT_MEETING) | TAKES(OPT_KIND) |
	                                TAKES(OPT_LEAD) | TAKES(OPT_STATUS) | TAKES(OPT_RESPONSE) | TAKES(OPT_DUE) |
	                                TAKES(OPT_ID) | TAKES(OPT_TODAY), ":", &o);
	if (first < 0)
		return EXIT_USAGE;
	if (argc - first != 1)
		return usage_error("add-item: give one FILE (and the item as options: --topic TOPIC ...)");
	if (!(o.topic && *o.topic) && !(o.text && *o.text))
		return usage_error("add-item: give --topic TOPIC (or --text TEXT): an item needs one");
	long id = 0;
	if (o.id && (id = parse_id("add-item: --id", o.id)) < 0)
		return EXIT_USAGE;
	const char *path = argv[first];
	struct edit_session session;
	int status = open_for_edit(path, &session);
	struct ar_tracker *tracker = session.tracker;
	struct ar_edits *edits = session.edits;
	if (status)
		return status;
	/* Without --kind, a response makes it a recommendation. */
	enum ar_kind kind = o.response ? AR_KIND_RECOMMENDATION : AR_KIND_ACTION;
	struct ar_item *item = ar_item_new_next(tracker, AR_DATE_NONE, kind);
	if (id)
		item->id = id;
	ar_item_set_topic(tracker, item, o.topic && *o.topic ? o.topic : NULL);
	ar_item_set_text(tracker, item, o.text && *o.text ? o.text : NULL);
	ar_item_set_leads(tracker, item, o.leads, o.lead_count);
	char label[64];
	snprintf(label, sizeof label, "add item %ld", item->id);
	struct ar_error err = {0};
	ar_edits_begin(edits, label);
	enum ar_rc rc = ar_edits_insert_item(edits, tracker->item_count, item, &err);
	if (rc == AR_OK)
		rc = set_option(edits, item->id, AR_ITEM_KEY_KIND, o.kind, &err);
	if (rc == AR_OK)
		rc = set_option(edits, item->id, AR_ITEM_KEY_RESPONSE, o.response, &err);
	if (rc == AR_OK)
		rc = set_option(edits, item->id, AR_ITEM_KEY_STATUS, o.status, &err);
	if (rc == AR_OK)
		rc = set_option(edits, item->id, AR_ITEM_KEY_DUE, o.due, &err);
	if (rc == AR_OK)
		rc = set_option(edits, item->id, AR_ITEM_KEY_MEETING, o.meeting, &err);
	if (rc != AR_OK) {
		ar_edits_cancel(edits);
		/* every refusal here is the command line's: the id, a value */
		return refuse_edit("add-item", NULL, AR_EUSAGE, &err, &session);
	}
	ar_edits_end(edits);
	struct ar_buf lines = {0};
	ar_buf_addf(&lines, "%ld\n", item->id);
	status = finish_edit(path, &session, &lines, false);
	ar_buf_free(&lines);
	return status;
}

/* ---- set ---- */

/* A query matching every id a tracker can hold (the loader takes ids of at
 * most 15 digits): what set's refusal of an empty QUERY offers instead. */
#define EVERY_ITEM_QUERY "id:1-999999999999999"

int cmd_set(int argc, char **argv)
{
	struct write_options o;
	int first = parse_write_options("set", argc, argv, TAKES(OPT_DRY_RUN) | TAKES(OPT_TODAY), "+:n", &o);
	if (first < 0)
		return EXIT_USAGE;
	if (argc - first < 3)
		return usage_error("set: give FILE, QUERY and at least one FIELD=VALUE");
	const char *path = argv[first], *query = argv[first + 1];
	/* An empty query matches everything, as in list; here an unset "$Q"
	 * would change the whole tracker, so every item must be asked for. */
	struct ar_query *parsed = NULL;
	struct ar_error err = {0};
	bool empty = ar_query_parse(query, &parsed, &err) == AR_OK && ar_query_is_empty(parsed);
	ar_query_free(parsed);
	if (empty)
		return usage_error("set: QUERY '%s' is empty, which would change every item; "
		                   "to change every item, give the query " EVERY_ITEM_QUERY, query);
	size_t count = (size_t)(argc - first - 2);
	struct ar_assignment *assignments = ar_xcalloc(count, sizeof *assignments);
	err = (struct ar_error){0};
	for (size_t i = 0; i < count; i++) {
		if (ar_assignment_parse(argv[first + 2 + (int)i], &assignments[i], &err) != AR_OK) {
			free(assignments);
			return usage_error("set: %s", err.message);
		}
	}
	struct edit_session session;
	int status = open_for_edit(path, &session);
	struct ar_tracker *tracker = session.tracker;
	struct ar_edits *edits = session.edits;
	if (status) {
		free(assignments);
		return status;
	}
	/* response=acc on a pending one dates responded, status=closed closed_on */
	ar_edits_set_today(edits, o.today);
	struct ar_view *view = make_view(tracker, o.today, NULL, 0, NULL);
	if (ar_view_set_query(view, query, &err) != AR_OK) {
		usage_error("set: bad query '%s': %s", query, err.message);
		ar_view_free(view);
		free(assignments);
		close_edit(&session);
		return EXIT_USAGE;
	}
	size_t matched = ar_view_count(view);
	long *ids = ar_xcalloc(matched ? matched : 1, sizeof *ids);
	const struct ar_item **before = ar_xcalloc(matched ? matched : 1, sizeof *before);
	for (size_t i = 0; i < matched; i++) {
		ids[i] = ar_view_id(view, i);
		before[i] = ar_view_item(view, i);
	}
	ar_view_free(view);
	char label[96];
	snprintf(label, sizeof label, "set on %zu item%s", matched, matched == 1 ? "" : "s");
	long failed = 0;
	enum ar_rc rc = ar_edits_assign_items(edits, ids, matched, assignments, count, label, &err, &failed);
	struct ar_buf lines = {0};
	if (rc == AR_OK) {
		struct ar_diff diff = {0};
		for (size_t i = 0; i < matched; i++)
			ar_diff_items(tracker, before[i], ar_tracker_find_item(tracker, ids[i]), &diff);
		ar_diff_format(&lines, &diff, AR_DIFF_TEXT);
		ar_diff_free(&diff);
		if (!matched)
			fprintf(stderr, "artrack: set: no item matches '%s'; %s not changed\n", query, path);
	}
	free(ids);
	free(before);
	free(assignments);
	if (rc != AR_OK) {
		char what[32];
		snprintf(what, sizeof what, "item %ld", failed);
		ar_buf_free(&lines);
		return refuse_edit("set", what, AR_EUSAGE, &err, &session);
	}
	status = finish_edit(path, &session, &lines, o.dry_run);
	ar_buf_free(&lines);
	if (o.dry_run && matched)
		fprintf(stderr, "artrack: set: --dry-run: %s not changed\n", path);
	return status;
}

/* ---- add-update ---- */

/* The most add-update reads from standard input. */
#define UPDATE_MAX_BYTES (16 << 20)

int cmd_add_update(int argc, char **argv)
{
	struct write_options o;
	int first = parse_write_options("add-update", argc, argv,
	                                TAKES(OPT_DATE) | TAKES(OPT_BY) | TAKES(OPT_LABEL) | TAKES(OPT_TODAY), ":", &o);
	if (first < 0)
		return EXIT_USAGE;
	if (argc - first != 3)
		return usage_error("add-update: give FILE, ID and TEXT (or - to read it from standard input)");
	const char *path = argv[first];
	long id = parse_id("add-update", argv[first + 1]);
	if (id < 0)
		return EXIT_USAGE;
	struct ar_update update = {.date = o.today, .label = o.label && *o.label ? o.label : NULL};
	if (o.date && !ar_date_parse(o.date, strlen(o.date), false, &update.date))
		return usage_error("add-update: --date: '%s' is not a date (YYYY-MM-DD)", o.date);
	struct ar_buf text = {0}, by = {0};
	const char *source = argv[first + 2];
	if (strcmp(source, "-") == 0) {
		/* An update is a few paragraphs: /dev/zero on stdin is not one. */
		if (ar_read_file_max("-", UPDATE_MAX_BYTES, &text) != 0) {
			if (errno == EFBIG)
				fprintf(stderr, "artrack: add-update: standard input: more than %d MB, too long for an "
				        "update; nothing added\n", UPDATE_MAX_BYTES >> 20);
			else
				fprintf(stderr, "artrack: add-update: standard input: %s\n", strerror(errno));
			ar_buf_free(&text);
			return EXIT_DATA;
		}
		while (text.len && (text.data[text.len - 1] == '\n' || text.data[text.len - 1] == '\r'))
			text.data[--text.len] = '\0';
	} else {
		ar_buf_adds(&text, source);
	}
	if (!text.len || !text.data[strspn(text.data, " \t\r\n")]) {
		ar_buf_free(&text);
		return usage_error("add-update: the update's text is empty");
	}
	if (text.len != strlen(text.data)) {
		ar_buf_free(&text);
		return usage_error("add-update: the update's text holds a NUL byte");
	}
	update.text = text.data;
	if (o.by_given)
		ar_buf_adds(&by, o.by);
	else
		ar_default_author(&by);
	update.by = by.len ? by.data : NULL;
	struct edit_session session;
	int status = open_for_edit(path, &session);
	struct ar_edits *edits = session.edits;
	struct ar_error err = {0};
	enum ar_rc rc = status ? AR_OK : ar_edits_add_update(edits, id, &update, &err);
	ar_buf_free(&text);
	ar_buf_free(&by);
	if (status)
		return status;
	if (rc != AR_OK)
		return refuse_edit("add-update", path, rc, &err, &session);
	struct ar_buf lines = {0};
	char date[AR_DATE_TEXT_MAX];
	ar_buf_addf(&lines, "%ld: update added (%s)\n", id, update.date ? ar_date_format(update.date, date) : "undated");
	status = finish_edit(path, &session, &lines, false);
	ar_buf_free(&lines);
	return status;
}

/* ---- rm ---- */

int cmd_rm(int argc, char **argv)
{
	struct write_options o;
	int first = parse_write_options("rm", argc, argv, TAKES(OPT_TODAY), "+:", &o);
	if (first < 0)
		return EXIT_USAGE;
	if (argc - first < 2)
		return usage_error("rm: give FILE and at least one ID");
	const char *path = argv[first];
	size_t count = (size_t)(argc - first - 1);
	long *ids = ar_xcalloc(count, sizeof *ids);
	for (size_t i = 0; i < count; i++) {
		if ((ids[i] = parse_id("rm", argv[first + 1 + (int)i])) < 0) {
			free(ids);
			return EXIT_USAGE;
		}
	}
	struct edit_session session;
	int status = open_for_edit(path, &session);
	struct ar_edits *edits = session.edits;
	if (status) {
		free(ids);
		return status;
	}
	struct ar_error err = {0};
	struct ar_buf lines = {0};
	enum ar_rc rc = AR_OK;
	ar_edits_begin(edits, "remove items");
	for (size_t i = 0; i < count && rc == AR_OK; i++) {
		bool earlier = false; /* an id named twice is removed once */
		for (size_t k = 0; k < i; k++)
			earlier |= ids[k] == ids[i];
		if (earlier)
			continue;
		rc = ar_edits_remove_item(edits, ids[i], &err);
		if (rc == AR_OK)
			ar_buf_addf(&lines, "%ld: removed\n", ids[i]);
	}
	free(ids);
	if (rc != AR_OK) {
		ar_edits_cancel(edits);
		ar_buf_free(&lines);
		return refuse_edit("rm", path, rc, &err, &session);
	}
	ar_edits_end(edits);
	status = finish_edit(path, &session, &lines, false);
	ar_buf_free(&lines);
	return status;
}
