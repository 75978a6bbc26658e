/* test-extedit.c - the external editor: command splitting, running without a
 * shell, the update template, and the edit-as-YAML retry loop, driven by
 * scripted editors (small shell scripts used as $VISUAL). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "artrack/alloc.h"
#include "artrack/change.h"
#include "artrack/extedit.h"
#include "artrack/item_lines.h"
#include "artrack/undo.h"
#include "artrack/yamlio.h"
#include "layout-fixture.h"

static char dir[64];        /* scripts live in dir/"with space"/ to test quoting */
static char scripts[128];

/* Write an executable script; returns its path (static buffer per call site). */
static void write_script(const char *name, const char *body, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", scripts, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "#!/bin/sh\n%s", body);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(chmod(path, 0755), 0);
}

static int group_setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/artrack-ed.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(scripts, sizeof scripts, "%s/with space", dir);
	if (mkdir(scripts, 0755) != 0)
		return -1;
	setenv("TMPDIR", dir, 1);
	return 0;
}

static int group_teardown(void **state)
{
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static size_t count_tmp_files(void)
{
	char cmd[200];
	snprintf(cmd, sizeof cmd, "ls '%s' | grep -c '^artrack-' || true", dir);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	unsigned long n = 0;
	assert_int_equal(fscanf(p, "%lu", &n), 1);
	pclose(p);
	return n;
}

/* ---- the command ---- */

static void expect_split(const char *command, const char *const *want, size_t want_count)
{
	char **argv;
	size_t argc;
	struct ar_error err;
	assert_int_equal(ar_command_split(command, &argv, &argc, &err), AR_OK);
	assert_int_equal(argc, want_count);
	for (size_t i = 0; i < want_count; i++)
		assert_string_equal(argv[i], want[i]);
	assert_null(argv[argc]);
	ar_argv_free(argv);
}

static void test_command_split(void **state)
{
	expect_split("vim", (const char *[]){"vim"}, 1);
	expect_split("  code --wait  ", (const char *[]){"code", "--wait"}, 2);
	expect_split("'my editor' -f \"a b\" c\\ d", (const char *[]){"my editor", "-f", "a b", "c d"}, 4);
	expect_split("e \"x\\\"y\" 'it'\"'\"'s'", (const char *[]){"e", "x\"y", "it's"}, 3);
	expect_split("a '' \"\"", (const char *[]){"a", "", ""}, 3);
	expect_split("\"a\\b\" 'c\\d'", (const char *[]){"a\\b", "c\\d"}, 2);
	expect_split("emacs -nw +1:1 $HOME ~/x *", (const char *[]){"emacs", "-nw", "+1:1", "$HOME", "~/x", "*"}, 6);
	expect_split("", NULL, 0);

	char **argv;
	size_t argc;
	struct ar_error err;
	assert_int_equal(ar_command_split("vim 'unterminated", &argv, &argc, &err), AR_EUSAGE);
	assert_null(argv);
	assert_non_null(strstr(err.message, "unterminated ' quote"));
	assert_int_equal(ar_command_split("vim \"unterminated", &argv, &argc, &err), AR_EUSAGE);
	assert_int_equal(ar_command_split("vim trailing\\", &argv, &argc, &err), AR_EUSAGE);
	assert_non_null(strstr(err.message, "backslash"));
}

static void test_command_choice(void **state)
{
	char *old_path = ar_xstrdup(getenv("PATH"));
	setenv("VISUAL", "nano -w", 1);
	setenv("EDITOR", "ed", 1);
	char *c = ar_extedit_command();
	assert_string_equal(c, "nano -w");
	free(c);
	setenv("VISUAL", "", 1);
	c = ar_extedit_command();
	assert_string_equal(c, "ed");
	free(c);
	unsetenv("VISUAL");
	unsetenv("EDITOR");
	setenv("PATH", scripts, 1);
	c = ar_extedit_command();
	assert_string_equal(c, "vi");
	free(c);
	char path[256];
	write_script("editor", "exit 0\n", path, sizeof path);
	c = ar_extedit_command();
	assert_string_equal(c, "editor");
	free(c);
	unlink(path);
	setenv("PATH", old_path, 1);
	free(old_path);
}

/* ---- running it ---- */

static void test_run_failures(void **state)
{
	struct ar_error err;
	char file[200];
	snprintf(file, sizeof file, "%s/plain.txt", dir);
	assert_int_equal(ar_extedit_run("", file, &err), AR_EUSAGE);
	assert_int_equal(ar_extedit_run("  ", file, &err), AR_EUSAGE);
	assert_int_equal(ar_extedit_run("artrack-no-such-editor --flag", file, &err), AR_EIO);
	assert_string_equal(err.message, "cannot run the editor artrack-no-such-editor: No such file or directory");

	char path[256], cmd[300];
	write_script("fail.sh", "exit 3\n", path, sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	assert_int_equal(ar_extedit_run(cmd, file, &err), AR_EIO);
	assert_non_null(strstr(err.message, "exited with status 3"));
	write_script("killed.sh", "kill -TERM $$\n", path, sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	assert_int_equal(ar_extedit_run(cmd, file, &err), AR_EIO);
	assert_non_null(strstr(err.message, "signal 15"));
}

static volatile sig_atomic_t signals_noted;

static void note_signal(int sig)
{
	(void)sig;
	signals_noted++;
}

static void test_run_arguments_and_signals(void **state)
{
	/* The file comes last, after the command's own arguments; Ctrl-C meant
	 * for the editor (here: sent to artrack by the script) does not stop
	 * artrack. */
	char path[256], cmd[400], file[200];
	write_script("args.sh", "kill -INT $PPID\nprintf '%s|%s|%s' \"$1\" \"$2\" \"$#\" > \"$3\"\n", path, sizeof path);
	snprintf(file, sizeof file, "%s/args.txt", dir);
	snprintf(cmd, sizeof cmd, "sh '%s' \"two words\" it\\'s", path);
	struct ar_error err;
	assert_int_equal(ar_extedit_run(cmd, file, &err), AR_OK);
	struct sigaction now;
	sigaction(SIGINT, NULL, &now);
	assert_true(now.sa_handler == SIG_DFL); /* restored (main() made it the default) */
	/* Whatever it was, it is restored: here a handler of the caller's. */
	struct sigaction mine = {.sa_handler = note_signal};
	sigemptyset(&mine.sa_mask);
	assert_int_equal(sigaction(SIGINT, &mine, NULL), 0);
	assert_int_equal(ar_extedit_run(cmd, file, &err), AR_OK);
	sigaction(SIGINT, NULL, &now);
	assert_true(now.sa_handler == note_signal);
	assert_int_equal(signals_noted, 0); /* the editor's Ctrl-C was not artrack's */
	signal(SIGINT, SIG_DFL);
	FILE *fp = fopen(file, "r");
	assert_non_null(fp);
	char got[100] = "";
	assert_non_null(fgets(got, sizeof got, fp));
	fclose(fp);
	assert_string_equal(got, "two words|it's|3");
}

/* ---- updates ---- */

static struct ar_item *make_item(struct ar_tracker *t)
{
	struct ar_item *it = ar_item_new(t, 21);
	ar_item_set_topic(t, it, "Healthy weight – officers’ plan");
	return it;
}

static void test_update_template(void **state)
{
	struct ar_tracker *t = ar_tracker_new();
	struct ar_buf b = {0};
	ar_update_template(make_item(t), 0, 20230921, "Omid Nouri", &b);
	assert_string_equal(b.data,
	                    "\n\n"
	                    "Date: 2023-09-21\n"
	                    "By: Omid Nouri\n"
	                    "Label: \n"
	                    "# ------------------------ >8 ------------------------\n"
	                    "# Do not change or remove the line above: everything below it is ignored.\n"
	                    "# Add an update to item 21: Healthy weight – officers’ plan\n"
	                    "# Write the update above the line; an empty message cancels.\n"
	                    "# Date:, By: and Label: below the text are the update's date (empty: none),\n"
	                    "# author and label (Update, Response, ...): change them as you need.\n");
	ar_buf_reset(&b);
	struct ar_item *long_one = ar_item_new(t, 7);
	ar_item_set_text(t, long_one, "A text with no topic\nthat goes on for much longer than sixty columns would allow");
	ar_update_template(long_one, 2, AR_DATE_NONE, NULL, &b);
	assert_non_null(strstr(b.data, "\n\nDate: \nBy: \nLabel: \n# ---"));
	assert_non_null(strstr(b.data, "# Add an update to item 7: A text with no topic that goes on for much longer than sixty…\n"
	                               "# The same update goes to the 2 other tagged items too, as one step.\n"));
	ar_buf_free(&b);
	ar_tracker_free(t);
}

/* The Date:, By: and Label: lines under the text are read back, not kept in it. */
static void test_update_trailers(void **state)
{
	const char *in = "The ICB accepts.\n\nDate: 2023-12-14\nby:  Jo Officer \nLabel: Response\n" AR_EXTEDIT_CUT_LINE "\n# notes\n";
	char *out;
	struct ar_update_fields f = {0};
	struct ar_diags d = {0};
	assert_int_equal(ar_update_parse(in, strlen(in), &out, &f, &d), AR_OK);
	assert_string_equal(out, "The ICB accepts.");
	assert_true(f.date_given && f.by_given && f.label_given);
	assert_int_equal(f.date, 20231214);
	assert_string_equal(f.by, "Jo Officer");
	assert_string_equal(f.label, "Response");
	free(out);
	ar_update_fields_free(&f);

	/* Emptied lines mean none; lines left out keep the defaults (not given). */
	in = "Text\n\nDate:\nLabel:\n";
	assert_int_equal(ar_update_parse(in, strlen(in), &out, &f, &d), AR_OK);
	assert_string_equal(out, "Text");
	assert_true(f.date_given && !f.by_given && f.label_given);
	assert_int_equal(f.date, AR_DATE_NONE);
	assert_null(f.label);
	free(out);
	ar_update_fields_free(&f);

	/* Only a paragraph of its own is trailers: "Date: ..." inside the text stays. */
	in = "Met on\nDate: 2023-12-01 as agreed\n";
	assert_int_equal(ar_update_parse(in, strlen(in), &out, &f, &d), AR_OK);
	assert_string_equal(out, "Met on\nDate: 2023-12-01 as agreed");
	assert_false(f.date_given);
	free(out);
	ar_update_fields_free(&f);

	/* Nothing but the trailers: no text, so cancelled. */
	in = "\n\nDate: 2023-12-14\nBy: Jo\nLabel: \n" AR_EXTEDIT_CUT_LINE "\n";
	assert_int_equal(ar_update_parse(in, strlen(in), &out, &f, &d), AR_OK);
	assert_null(out);
	ar_update_fields_free(&f);

	/* A bad date says where. */
	in = "Text\n\nDate: 2023-02-30\n";
	assert_int_equal(ar_update_parse(in, strlen(in), &out, &f, &d), AR_EDATA);
	assert_null(out);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].column, 7);
	assert_string_equal(d.items[0].message, "Date: '2023-02-30' is not a date (YYYY-MM-DD, or empty for none)");
	ar_diags_free(&d);
	ar_update_fields_free(&f);
}

static void expect_text(const char *in, const char *want)
{
	char *out;
	struct ar_diags d = {0};
	assert_int_equal(ar_update_text(in, strlen(in), &out, &d), AR_OK);
	if (want) {
		assert_non_null(out);
		assert_string_equal(out, want);
	} else {
		assert_null(out);
	}
	assert_int_equal(d.count, 0);
	free(out);
}

static void test_update_text(void **state)
{
	const char *cut = "\n" AR_EXTEDIT_CUT_LINE "\n# Add an update\n# The text stands above the line\n";
	expect_text(cut, NULL);
	expect_text("", NULL);
	expect_text("  \n\t\n", NULL);
	expect_text("  \nLine one  \n\n\nLine two\t\n\n" AR_EXTEDIT_CUT_LINE "\n# notes\n", "Line one\n\n\nLine two");
	expect_text("a\r\nb\r\n" AR_EXTEDIT_CUT_LINE "\r\n# notes\r\n", "a\nb");
	expect_text("  indented stays\n", "  indented stays");
	/* An officer's own '#' lines are text: only the cut line ends it. */
	expect_text("#1 priority: the ICB\n# of 3\n\n" AR_EXTEDIT_CUT_LINE "\n# notes\n", "#1 priority: the ICB\n# of 3");
	expect_text("’ – é 日本\n#x\nend", "’ – é 日本\n#x\nend");
	/* A cut line the editor removed: then nothing is cut. */
	expect_text("text\n# Add an update to item 21\n", "text\n# Add an update to item 21");

	char *out = (char *)1;
	struct ar_diags d = {0};
	const char *bad = "ok\nbad \xe9 x\n";
	assert_int_equal(ar_update_text(bad, strlen(bad), &out, &d), AR_EDATA);
	assert_null(out);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].column, 5);
	ar_diags_free(&d);
}

static void test_compose_update_with_scripted_editor(void **state)
{
	struct ar_tracker *t = ar_tracker_new();
	struct ar_item *item = make_item(t);
	char text[200], path[256], cmd[500];
	snprintf(text, sizeof text, "%s/text one.txt", scripts);
	FILE *fp = fopen(text, "w");
	assert_non_null(fp);
	fputs("Officer’s update – agreed.   \n\nSecond paragraph.\n", fp);
	fclose(fp);
	/* Like most editors: write a new file and rename it over the old. */
	write_script("prepend.sh", "f=$2\n{ cat \"$1\"; cat \"$f\"; } > \"$f.new\" && mv \"$f.new\" \"$f\"\n", path,
	             sizeof path);
	snprintf(cmd, sizeof cmd, "sh '%s' '%s'", path, text);
	char *out;
	struct ar_error err;
	assert_int_equal(ar_compose_update(cmd, item, 20230921, "Omid Nouri", &out, &err), AR_OK);
	assert_non_null(out);
	assert_string_equal(out, "Officer’s update – agreed.\n\nSecond paragraph.");
	free(out);
	assert_int_equal(count_tmp_files(), 0);

	/* Leaving the template as it is cancels. */
	write_script("keep.sh", "exit 0\n", path, sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	out = (char *)1;
	assert_int_equal(ar_compose_update(cmd, item, 20230921, NULL, &out, &err), AR_OK);
	assert_null(out);

	/* $VISUAL is used when no command is given. */
	snprintf(cmd, sizeof cmd, "sh '%s/prepend.sh' '%s'", scripts, text);
	setenv("VISUAL", cmd, 1);
	assert_int_equal(ar_compose_update(NULL, item, 20230921, NULL, &out, &err), AR_OK);
	assert_non_null(out);
	assert_string_equal(out, "Officer’s update – agreed.\n\nSecond paragraph.");
	free(out);
	unsetenv("VISUAL");

	/* A failing editor: nothing is added, and it says why. */
	write_script("quit.sh", "exit 1\n", path, sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	out = (char *)1;
	assert_int_equal(ar_compose_update(cmd, item, 20230921, NULL, &out, &err), AR_EIO);
	assert_null(out);
	assert_non_null(strstr(err.message, "exited with status 1"));
	assert_int_equal(count_tmp_files(), 0);
	ar_tracker_free(t);
}

static void test_update_retry_keeps_text(void **state)
{
	struct ar_tracker *t = ar_tracker_new();
	struct ar_item *item = make_item(t);
	struct ar_extedit_session s;
	struct ar_error err;
	assert_int_equal(ar_update_edit_start(&s, item, 0, 20230921, NULL, &err), AR_OK);
	char path[256], cmd[300];
	write_script("latin1.sh", "printf 'caf\\351 au lait\\n' > \"$1.new\"; cat \"$1\" >> \"$1.new\"; mv \"$1.new\" \"$1\"\n",
	             path, sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	assert_int_equal(ar_extedit_session_run(&s, cmd, &err), AR_OK);
	char *out;
	struct ar_diags d = {0};
	assert_int_equal(ar_update_edit_result(&s, &out, NULL, &d), AR_EDATA);
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].column, 4);
	assert_int_equal(ar_extedit_session_retry(&s, &d, &err), AR_OK);
	ar_diags_free(&d);

	/* The file now starts with the problem, then the user's text intact. */
	struct ar_buf b = {0};
	FILE *fp = fopen(s.path, "r");
	assert_non_null(fp);
	char line[300];
	while (fgets(line, sizeof line, fp))
		ar_buf_adds(&b, line);
	fclose(fp);
	/* The text stays on top, as it was; the problem goes below the cut line. */
	assert_memory_equal(b.data, "caf\xe9 au lait\n\n\nDate: 2023-09-21\n", strlen("caf\xe9 au lait\n\n\nDate: 2023-09-21\n"));
	assert_non_null(strstr(b.data, "Label: \n" AR_EXTEDIT_CUT_LINE "\n"));
	assert_non_null(strstr(b.data, "# line 1, column 4: this is not UTF-8 text (byte 0xE9; it looks like Latin-1 "
	                               "or Windows-1252); save it as UTF-8"));

	/* Fixed in the editor: the notes go, the text is used. */
	write_script("fix.sh", "LC_ALL=C sed 's/caf\\xe9/caf\\xc3\\xa9/' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n",
	             path, sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	assert_int_equal(ar_extedit_session_run(&s, cmd, &err), AR_OK);
	assert_int_equal(ar_update_edit_result(&s, &out, NULL, &d), AR_OK);
	assert_string_equal(out, "café au lait");
	free(out);
	ar_buf_free(&b);
	ar_extedit_session_close(&s);
	ar_extedit_session_close(&s); /* twice is harmless */
	assert_int_equal(count_tmp_files(), 0);
	ar_tracker_free(t);
}

/* ---- a whole item as YAML ---- */

static const char tracker_yaml[] =
	"artrack: 1\n"
	"meetings:\n"
	"  - date: 2022-11-24\n"
	"    title: 24 November 2022 Meeting\n"
	"items:\n"
	"  - id: 21\n"
	"    meeting: 2022-11-24\n"
	"    topic: Healthy weight\n"
	"    kind: recommendation\n"
	"    text: Officers’ text – here\n"
	"    status: open\n"
	"    response: rejected\n";

/* The 1-based line of the file text holding needle, or 0. */
static int line_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle);
	if (!at)
		return 0;
	int line = 1;
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

static void test_item_yaml_loop(void **state)
{
	struct ar_tracker *t;
	struct ar_diags d = {0};
	assert_int_equal(ar_load_buffer(tracker_yaml, strlen(tracker_yaml), &t, &d), AR_OK);
	const struct ar_item *item = ar_tracker_find_item(t, 21);
	struct ar_extedit_session s;
	struct ar_error err;
	assert_int_equal(ar_item_edit_start(&s, t, item, &err), AR_OK);
	assert_int_equal(strncmp(s.text.data, "# Item 21 as YAML", 17), 0);
	assert_non_null(strstr(s.text.data, "status: open\n"));

	/* A mistake. */
	char path[256], cmd[300];
	write_script("done.sh", "sed 's/status: open/status: done/' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n", path,
	             sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	assert_int_equal(ar_extedit_session_run(&s, cmd, &err), AR_OK);
	struct ar_item *value = (struct ar_item *)1;
	assert_int_equal(ar_item_edit_result(&s, t, 21, &value, &d), AR_EDATA);
	assert_null(value);
	assert_true(d.count >= 1);
	/* The line is the file's, as the user saw it in the editor. */
	assert_int_equal(d.items[0].line, line_of(s.text.data, "status: done"));
	assert_non_null(strstr(d.items[0].message, "done"));

	/* Edit again: problems on top, the text as the user left it. */
	assert_int_equal(ar_extedit_session_retry(&s, &d, &err), AR_OK);
	char expect[400];
	snprintf(expect, sizeof expect, "# line %d, column %d: ", line_of(s.text.data, "status: done"),
	         d.items[0].column);
	assert_non_null(strstr(s.text.data, expect));
	assert_non_null(strstr(s.text.data, "status: done\n"));
	assert_null(strstr(s.text.data, "# Item 21 as YAML")); /* the old notes made way */
	ar_diags_free(&d);

	/* Fixed: a new value, the notes ignored. */
	write_script("fixed.sh", "sed 's/status: done/status: completed/' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n",
	             path, sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	assert_int_equal(ar_extedit_session_run(&s, cmd, &err), AR_OK);
	assert_int_equal(ar_item_edit_result(&s, t, 21, &value, &d), AR_OK);
	assert_non_null(value);
	assert_int_equal(value->status, AR_STATUS_COMPLETED);
	assert_int_equal(value->id, 21);
	assert_string_equal(value->text, "Officers’ text – here");
	assert_int_equal(value->response, AR_RESPONSE_REJECTED);
	ar_extedit_session_close(&s);

	/* Emptying the file cancels. */
	assert_int_equal(ar_item_edit_start(&s, t, item, &err), AR_OK);
	write_script("empty.sh", ": > \"$1\"\n", path, sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	assert_int_equal(ar_extedit_session_run(&s, cmd, &err), AR_OK);
	assert_int_equal(ar_item_edit_result(&s, t, 21, &value, &d), AR_OK);
	assert_null(value);
	assert_int_equal(d.count, 0);
	ar_extedit_session_close(&s);
	assert_int_equal(count_tmp_files(), 0);
	ar_tracker_free(t);
}

/* Notes an item is opened with (a merge conflict's other side) stand in
 * the '#' lines, stay there on a retry with the line numbers still right,
 * and are never read as the item. */
static void test_item_notes_kept_on_retry(void **state)
{
	struct ar_tracker *t;
	struct ar_diags d = {0};
	assert_int_equal(ar_load_buffer(tracker_yaml, strlen(tracker_yaml), &t, &d), AR_OK);
	struct ar_extedit_session s;
	struct ar_error err;
	assert_int_equal(ar_item_edit_start_noted(&s, t, ar_tracker_find_item(t, 21), "Theirs:\n\nid: 21\nstatus: closed\n",
	                                          &err), AR_OK);
	assert_non_null(strstr(s.text.data, "cancels.  Comments below are kept as you leave them.\n# Theirs:\n#\n"
	                                    "# id: 21\n# status: closed\n\nid: 21\n"));
	char path[256], cmd[300];
	write_script("done.sh", "sed 's/^status: open/status: done/' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n", path,
	             sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	assert_int_equal(ar_extedit_session_run(&s, cmd, &err), AR_OK);
	struct ar_item *value = NULL;
	assert_int_equal(ar_item_edit_result(&s, t, 21, &value, &d), AR_EDATA);
	assert_int_equal(ar_extedit_session_retry(&s, &d, &err), AR_OK);
	char expect[400];
	snprintf(expect, sizeof expect, "# line %d, column %d: ", line_of(s.text.data, "status: done"), d.items[0].column);
	assert_non_null(strstr(s.text.data, expect));
	assert_non_null(strstr(s.text.data, "#\n# Theirs:\n#\n# id: 21\n# status: closed\n\nid: 21\n"));
	ar_diags_free(&d);
	write_script("fixed.sh", "sed 's/^status: done/status: completed/' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n",
	             path, sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	assert_int_equal(ar_extedit_session_run(&s, cmd, &err), AR_OK);
	assert_int_equal(ar_item_edit_result(&s, t, 21, &value, &d), AR_OK);
	assert_non_null(value);
	assert_int_equal(value->status, AR_STATUS_COMPLETED);
	ar_extedit_session_close(&s);
	ar_diags_free(&d);
	ar_tracker_free(t);
}

/* A commented tracker, indented by hand: a comment at column 0 inside an
 * item (a line commented out), comments before items, keys and updates
 * and at the ends of lines. */
static const char commented_yaml[] =
	"artrack: 1\n"
	"meetings:\n"
	"  - date: 2023-09-21\n"
	"items:\n"
	"    # first item\n"
	"    - id: 1\n"
	"      topic: Training\n"
	"      kind: action\n"
	"      status: open\n"
	"\n"
	"    # the big one\n"
	"    - id: 2\n"
	"      meeting: 2023-09-21   # autumn\n"
	"      kind: recommendation\n"
	"      text: >\n"
	"        Specified roles are filled\n"
	"        within the ICB.\n"
	"#      status: completed\n"
	"      status: in-progress\n"
	"      updates:\n"
	"        # the first response\n"
	"        - date: 2023-09-21\n"
	"          text: \"Recruited\"   # per ICB\n"
	"      x-rating: {rag: amber}   # not artrack's\n"
	"# end\n";

/* One round of E on item id with the editor script body; the new value
 * applied as one step (AR_OK when the editor made one). */
static void edit_round(struct ar_tracker *t, struct ar_edits *e, long id, const char *script, char **shown)
{
	struct ar_extedit_session s;
	struct ar_error err;
	struct ar_diags d = {0};
	char path[256], cmd[300];
	assert_int_equal(ar_item_edit_start(&s, t, ar_tracker_find_item(t, id), &err), AR_OK);
	if (shown) {
		size_t len;
		const char *body = ar_extedit_session_body(&s, &len);
		*shown = ar_xstrndup(body, len);
	}
	write_script("round.sh", script, path, sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	assert_int_equal(ar_extedit_session_run(&s, cmd, &err), AR_OK);
	struct ar_item *value = NULL;
	assert_int_equal(ar_item_edit_result(&s, t, id, &value, &d), AR_OK);
	assert_non_null(value);
	assert_int_equal(ar_edits_replace_item(e, id, value, &err), AR_OK);
	ar_extedit_session_close(&s);
}

static void assert_saved(const struct ar_tracker *t, const char *want)
{
	char *got = saved(t);
	if (strcmp(got, want) != 0)
		fail_msg("saved:\n%s\nwanted:\n%s", got, want);
	free(got);
}

/* E shows the item's comments where they stand; a comment added there is
 * saved next to the same key, one deleted goes, the others stay byte for
 * byte, and the rest of the file is as it was. */
static void test_item_comments_in_the_editor(void **state)
{
	(void)state;
	struct ar_tracker *t;
	struct ar_diags d = {0};
	assert_int_equal(ar_load_buffer(commented_yaml, strlen(commented_yaml), &t, &d), AR_OK);
	struct ar_edits *e = ar_edits_new(t);
	char *shown = NULL;

	/* left as shown: no change at all */
	edit_round(t, e, 2, "true\n", &shown);
	assert_string_equal(shown, "\n\n"
	                           "# the big one\n"
	                           "id: 2\n"
	                           "meeting: 2023-09-21   # autumn\n"
	                           "kind: recommendation\n"
	                           "text: >\n"
	                           "  Specified roles are filled\n"
	                           "  within the ICB.\n"
	                           "#      status: completed\n"
	                           "status: in-progress\n"
	                           "updates:\n"
	                           "  # the first response\n"
	                           "  - date: 2023-09-21\n"
	                           "    text: \"Recruited\"   # per ICB\n"
	                           "x-rating: {rag: amber}   # not artrack's\n");
	free(shown);
	assert_false(ar_edits_can_undo(e));

	/* a comment added before status, the one after the update's text
	 * removed: only those lines differ */
	edit_round(t, e, 2, "sed -e 's/^status: in-progress$/# ask the ICB in May\\nstatus: in-progress/' "
	                    "-e 's/   # per ICB$//' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n", NULL);
	assert_true(ar_edits_can_undo(e));
	char *want1a = replaced(commented_yaml, "      status: in-progress\n",
	                        "      # ask the ICB in May\n      status: in-progress\n");
	char *want1 = replaced(want1a, "          text: \"Recruited\"   # per ICB\n", "          text: \"Recruited\"\n");
	assert_saved(t, want1);

	/* the next E shows the comment added; a value and a comment before
	 * the item changed there */
	edit_round(t, e, 2, "sed -e 's/^status: in-progress$/status: completed/' -e 's/^# the big one$/# the big one, "
	                    "done/' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n", &shown);
	assert_non_null(strstr(shown, "# ask the ICB in May\nstatus: in-progress\n"));
	free(shown);
	char *want2a = replaced(want1, "    # the big one\n", "    # the big one, done\n");
	char *want2 = replaced(want2a, "      status: in-progress\n", "      status: completed\n");
	assert_saved(t, want2);

	/* an edit after E (a field, renumbered too) keeps what E wrote */
	struct ar_error err;
	assert_int_equal(ar_edits_set_field(e, 2, AR_ITEM_KEY_TOPIC, "Workforce", &err), AR_OK);
	struct ar_item *renumbered = ar_item_clone(t, ar_tracker_find_item(t, 2));
	renumbered->id = 5;
	assert_int_equal(ar_edits_replace_item(e, 2, renumbered, &err), AR_OK);
	struct ar_buf b = {0};
	assert_int_equal(ar_save_buffer(t, &b, &err), AR_OK);
	const char *at = strstr(want2, "    # the big one, done\n");
	struct ar_buf w3 = {0};
	ar_buf_add(&w3, want2, (size_t)(at - want2));
	ar_buf_adds(&w3, "    # the big one, done\n"
	                 "    - id: 5\n"
	                 "      meeting: 2023-09-21   # autumn\n"
	                 "      topic: Workforce\n");
	ar_buf_adds(&w3, strstr(want2, "      kind: recommendation\n"));
	assert_string_equal(b.data, w3.data);
	ar_buf_free(&b);
	ar_buf_free(&w3);
	free(want1a);
	free(want1);
	free(want2a);
	free(want2);

	/* undone, every step: the file's bytes */
	while (ar_edits_undo(e, NULL))
		;
	assert_saved(t, commented_yaml);
	ar_edits_free(e);
	ar_tracker_free(t);
}

/* A new item (A, C) keeps the comments written for it, at the file's
 * indentation; in a CRLF file the lines an E wrote end in CR LF too. */
static void test_new_item_and_crlf_comments(void **state)
{
	(void)state;
	struct ar_tracker *t;
	struct ar_diags d = {0};
	assert_int_equal(ar_load_buffer(commented_yaml, strlen(commented_yaml), &t, &d), AR_OK);
	struct ar_edits *e = ar_edits_new(t);
	struct ar_item *start = ar_item_new_next(t, AR_DATE_NONE, AR_KIND_ACTION);
	ar_item_set_topic(t, start, "Three");
	struct ar_extedit_session s;
	struct ar_error err;
	char path[256], cmd[300];
	assert_int_equal(ar_item_edit_start(&s, t, start, &err), AR_OK);
	write_script("new.sh", "sed -e 's/^id: 3$/# added at the meeting\\nid: 3/' -e 's/^status: open$/status: open   # for now/' "
	             "\"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n", path, sizeof path);
	snprintf(cmd, sizeof cmd, "'%s'", path);
	assert_int_equal(ar_extedit_session_run(&s, cmd, &err), AR_OK);
	struct ar_item *value = NULL;
	assert_int_equal(ar_item_edit_result(&s, t, 3, &value, &d), AR_OK);
	assert_non_null(value);
	assert_int_equal(ar_edits_insert_item(e, t->item_count, value, &err), AR_OK);
	ar_extedit_session_close(&s);
	char *want = replaced(commented_yaml, "# end\n", "    # added at the meeting\n    - id: 3\n      topic: Three\n"
	                      "      kind: action\n      status: open   # for now\n# end\n");
	assert_saved(t, want);
	free(want);
	ar_edits_free(e);
	ar_tracker_free(t);

	/* in a tracker made here (no file read yet) too */
	t = ar_tracker_new();
	e = ar_edits_new(t);
	static const char lines[] = "# the first\nid: 1\ntopic: One   # so far\nkind: action\nstatus: open\n";
	assert_int_equal(ar_item_from_yaml(t, lines, strlen(lines), 1, &value, &d), AR_OK);
	value->lines = ar_item_lines_new(t, lines, strlen(lines), value);
	assert_int_equal(ar_edits_insert_item(e, 0, value, &err), AR_OK);
	assert_saved(t, "artrack: 1\nitems:\n# the first\n- id: 1\n  topic: One   # so far\n  kind: action\n  status: open\n");
	ar_edits_free(e);
	ar_tracker_free(t);

	/* CRLF: shown without CRs, saved with them, new lines too */
	struct ar_buf crlf = {0};
	for (const char *p = commented_yaml; *p; p++) {
		if (*p == '\n')
			ar_buf_addc(&crlf, '\r');
		ar_buf_addc(&crlf, *p);
	}
	assert_int_equal(ar_load_buffer(crlf.data, crlf.len, &t, &d), AR_OK);
	e = ar_edits_new(t);
	char *shown = NULL;
	edit_round(t, e, 1, "sed -e 's/^kind: action$/# an action\\nkind: action/' \"$1\" > \"$1.new\" && "
	                    "mv \"$1.new\" \"$1\"\n", &shown);
	assert_null(strchr(shown, '\r'));
	free(shown);
	want = replaced(crlf.data, "      kind: action\r\n", "      # an action\r\n      kind: action\r\n");
	assert_saved(t, want);
	free(want);
	ar_buf_free(&crlf);
	ar_edits_free(e);
	ar_tracker_free(t);
}

/* A test must not depend on what its caller left behind: make check run
 * from a shell that ignores SIGINT (bash -c "trap '' INT; ...", nohup, some
 * CI runners) or blocks signals.  Every signal the editor rounds touch
 * starts at its default, none blocked. */
static void reset_signals(void)
{
	static const int reset[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU};
	for (size_t i = 0; i < sizeof reset / sizeof reset[0]; i++)
		signal(reset[i], SIG_DFL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

int main(void)
{
	reset_signals();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_command_split),
		cmocka_unit_test(test_command_choice),
		cmocka_unit_test(test_run_failures),
		cmocka_unit_test(test_run_arguments_and_signals),
		cmocka_unit_test(test_update_template),
		cmocka_unit_test(test_update_trailers),
		cmocka_unit_test(test_update_text),
		cmocka_unit_test(test_compose_update_with_scripted_editor),
		cmocka_unit_test(test_update_retry_keeps_text),
		cmocka_unit_test(test_item_yaml_loop),
		cmocka_unit_test(test_item_notes_kept_on_retry),
		cmocka_unit_test(test_item_comments_in_the_editor),
		cmocka_unit_test(test_new_item_and_crlf_comments),
	};
	return cmocka_run_group_tests_name("editor", tests, group_setup, group_teardown);
}
