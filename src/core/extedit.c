/* extedit.c - running $VISUAL/$EDITOR on a temporary file, the update
 * template, and the edit-validate-retry loop for a whole item as YAML. */
#include "config.h"

#include "artrack/extedit.h"
#include "artrack/alloc.h"
#include "artrack/filesafe.h"
#include "artrack/item_lines.h"
#include "artrack/text.h"
#include "artrack/yamlio.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the command ---- */

static bool on_path(const char *name)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		return false;
	struct ar_buf full = {0};
	bool found = false;
	for (const char *p = path; !found;) {
		const char *end = strchr(p, ':');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		ar_buf_reset(&full);
		if (n)
			ar_buf_add(&full, p, n);
		else
			ar_buf_adds(&full, "."); /* an empty entry is the current folder */
		ar_buf_addc(&full, '/');
		ar_buf_adds(&full, name);
		found = access(full.data, X_OK) == 0;
		if (!end)
			break;
		p = end + 1;
	}
	ar_buf_free(&full);
	return found;
}

char *ar_extedit_command(void)
{
	const char *names[] = {"VISUAL", "EDITOR"};
	for (size_t i = 0; i < 2; i++) {
		const char *v = getenv(names[i]);
		if (v && *v)
			return ar_xstrdup(v);
	}
	return ar_xstrdup(on_path("editor") ? "editor" : "vi");
}

void ar_argv_free(char **argv)
{
	if (!argv)
		return;
	for (char **a = argv; *a; a++)
		free(*a);
	free(argv);
}

enum ar_rc ar_command_split(const char *command, char ***argv, size_t *argc, struct ar_error *err)
{
	size_t count = 0, cap = 4;
	char **words = ar_xreallocarray(NULL, cap, sizeof *words);
	struct ar_buf word = {0};
	bool in_word = false;
	const char *p = command;
	while (*p) {
		char c = *p;
		if (c == ' ' || c == '\t' || c == '\n') {
			if (in_word) {
				AR_GROW(words, cap, count + 2, 4);
				words[count++] = ar_buf_steal(&word, NULL);
				in_word = false;
			}
			p++;
			continue;
		}
		in_word = true;
		if (c == '\'') {
			const char *close = strchr(p + 1, '\'');
			if (!close) {
				ar_error_set(err, 0, 0, "the editor command has an unterminated ' quote: %s", command);
				goto fail;
			}
			ar_buf_add(&word, p + 1, (size_t)(close - p - 1));
			p = close + 1;
		} else if (c == '"') {
			p++;
			/* As in the shell: inside double quotes a backslash escapes only
			 * " \ $ ` and a line break. */
			while (*p && *p != '"') {
				if (*p == '\\' && p[1] && strchr("\"\\$`\n", p[1])) {
					if (p[1] != '\n')
						ar_buf_addc(&word, p[1]);
					p += 2;
				} else {
					ar_buf_addc(&word, *p++);
				}
			}
			if (!*p) {
				ar_error_set(err, 0, 0, "the editor command has an unterminated \" quote: %s", command);
				goto fail;
			}
			ar_buf_add(&word, "", 0); /* "" is an empty word, not no word */
			p++;
		} else if (c == '\\') {
			if (!p[1]) {
				ar_error_set(err, 0, 0, "the editor command ends with a backslash: %s", command);
				goto fail;
			}
			if (p[1] != '\n')
				ar_buf_addc(&word, p[1]);
			p += 2;
		} else {
			ar_buf_addc(&word, c);
			p++;
		}
	}
	if (in_word) {
		AR_GROW(words, cap, count + 2, 4);
		words[count++] = ar_buf_steal(&word, NULL);
	}
	words[count] = NULL;
	*argv = words;
	*argc = count;
	return AR_OK;
fail:
	ar_buf_free(&word);
	words[count] = NULL;
	ar_argv_free(words);
	*argv = NULL;
	*argc = 0;
	return AR_EUSAGE;
}

/* ---- running it ---- */

/* The child: default signals, nothing blocked, then the editor.  On failure
 * errno goes up the close-on-exec pipe so the parent can say why. */
static void exec_child(char **argv, int report)
{
	static const int reset[] = {SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGCHLD, SIGHUP,
	                            SIGTERM, SIGWINCH};
	struct sigaction dfl;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	for (size_t i = 0; i < sizeof reset / sizeof reset[0]; i++)
		sigaction(reset[i], &dfl, NULL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execvp(argv[0], argv);
	int e = errno;
	ssize_t ignored = write(report, &e, sizeof e);
	(void)ignored;
	_exit(127);
}

enum ar_rc ar_extedit_run(const char *command, const char *file, struct ar_error *err)
{
	char **argv;
	size_t argc;
	enum ar_rc rc = ar_command_split(command, &argv, &argc, err);
	if (rc != AR_OK)
		return rc;
	if (argc == 0) {
		ar_argv_free(argv);
		ar_error_set(err, 0, 0, "the editor command is empty");
		return AR_EUSAGE;
	}
	argv = ar_xreallocarray(argv, argc + 2, sizeof *argv);
	argv[argc] = ar_xstrdup(file);
	argv[argc + 1] = NULL;

	int report[2];
	if (pipe(report) != 0) {
		ar_error_set(err, 0, 0, "cannot run the editor %s: %s", argv[0], strerror(errno));
		ar_argv_free(argv);
		return AR_EIO;
	}
	fcntl(report[0], F_SETFD, FD_CLOEXEC);
	fcntl(report[1], F_SETFD, FD_CLOEXEC);

	/* The editor owns the terminal meanwhile: Ctrl-C is for it, not us.
	 * SIGCHLD must not be ignored, or waitpid could not see it exit. */
	struct sigaction ign, dfl, old_int, old_quit, old_chld;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	dfl = ign;
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	sigaction(SIGCHLD, &dfl, &old_chld);

	rc = AR_EIO;
	pid_t pid = fork();
	if (pid < 0) {
		ar_error_set(err, 0, 0, "cannot run the editor %s: %s", argv[0], strerror(errno));
		close(report[0]);
		close(report[1]);
		goto out;
	}
	if (pid == 0) {
		close(report[0]);
		exec_child(argv, report[1]);
	}
	close(report[1]);
	int child_errno = 0;
	ssize_t n;
	do
		n = read(report[0], &child_errno, sizeof child_errno);
	while (n < 0 && errno == EINTR);
	close(report[0]);
	int status;
	pid_t got;
	do
		got = waitpid(pid, &status, 0);
	while (got < 0 && errno == EINTR);
	if (n == (ssize_t)sizeof child_errno) {
		ar_error_set(err, 0, 0, "cannot run the editor %s: %s", argv[0], strerror(child_errno));
	} else if (got < 0) {
		ar_error_set(err, 0, 0, "lost track of the editor %s: %s", argv[0], strerror(errno));
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		rc = AR_OK;
	} else if (WIFEXITED(status)) {
		ar_error_set(err, 0, 0, "the editor %s exited with status %d; nothing was changed", argv[0],
		             WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		ar_error_set(err, 0, 0, "the editor %s was stopped by signal %d (%s); nothing was changed", argv[0],
		             WTERMSIG(status), strsignal(WTERMSIG(status)));
	} else {
		ar_error_set(err, 0, 0, "the editor %s ended abnormally; nothing was changed", argv[0]);
	}
out:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGCHLD, &old_chld, NULL);
	ar_argv_free(argv);
	return rc;
}

/* ---- sessions ---- */

enum ar_rc ar_extedit_session_open(struct ar_extedit_session *s, const char *name, const char *suffix,
                                const char *text, size_t len, struct ar_error *err)
{
	memset(s, 0, sizeof *s);
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	struct ar_buf path = {0};
	ar_buf_addf(&path, "%s/artrack-%s-XXXXXX%s", dir, name, suffix);
	int fd = mkstemps(path.data, (int)strlen(suffix));
	if (fd < 0) {
		ar_error_set(err, 0, 0, "cannot create a temporary file in %s: %s", dir, strerror(errno));
		ar_buf_free(&path);
		return AR_EIO;
	}
	s->path = ar_buf_steal(&path, NULL);
	if (ar_write_all(fd, text, len) != 0 || close(fd) != 0) {
		ar_error_set(err, 0, 0, "cannot write %s: %s", s->path, strerror(errno));
		close(fd);
		ar_extedit_session_close(s);
		return AR_EIO;
	}
	ar_buf_add(&s->text, text, len);
	s->notes_below = ar_extedit_text_length(text, len) < len;
	return AR_OK;
}

/* How many lines at the start of text start with '#'. */
static int count_header(const char *text, size_t len, size_t *body)
{
	int lines = 0;
	size_t pos = 0;
	while (pos < len && text[pos] == '#') {
		const char *nl = memchr(text + pos, '\n', len - pos);
		pos = nl ? (size_t)(nl - text) + 1 : len;
		lines++;
	}
	if (body)
		*body = pos;
	return lines;
}

enum ar_rc ar_extedit_session_run(struct ar_extedit_session *s, const char *command, struct ar_error *err)
{
	char *chosen = command ? NULL : ar_extedit_command();
	enum ar_rc rc = ar_extedit_run(command ? command : chosen, s->path, err);
	free(chosen);
	if (rc != AR_OK)
		return rc;
	/* Read by name: many editors save by writing a new file and renaming. */
	struct ar_buf text = {0};
	if (ar_read_file(s->path, &text) != 0) {
		ar_error_set(err, 0, 0, "cannot read back %s: %s", s->path, strerror(errno));
		ar_buf_free(&text);
		return AR_EIO;
	}
	ar_buf_free(&s->text);
	s->text = text;
	s->header_lines = s->notes_below ? 0 : count_header(s->text.data, s->text.len, NULL);
	return AR_OK;
}

const char *ar_extedit_session_body(const struct ar_extedit_session *s, size_t *len)
{
	size_t body;
	const char *text = s->text.data ? s->text.data : "";
	count_header(text, s->text.len, &body);
	*len = s->text.len - body;
	return text + body;
}

enum ar_rc ar_extedit_session_retry(struct ar_extedit_session *s, const struct ar_diags *problems,
                                 struct ar_error *err)
{
	struct ar_buf out = {0};
	int header = 0;
	if (s->notes_below) {
		/* Plain text: the text stays where it was (so line numbers hold),
		 * the problems go below the cut line. */
		const char *text = s->text.data ? s->text.data : "";
		size_t text_len = ar_extedit_text_length(text, s->text.len);
		ar_buf_add(&out, text, text_len);
		if (text_len == s->text.len)
			ar_buf_adds(&out, "\n");
		struct ar_buf notes = {0};
		ar_buf_adds(&notes, "artrack could not use the text above; fix what is listed here and save,\n"
		                    "or leave no text to cancel.");
		for (size_t i = 0; i < problems->count; i++) {
			const struct ar_error *p = &problems->items[i];
			ar_buf_adds(&notes, "\n");
			if (p->line > 0)
				ar_buf_addf(&notes, "line %d, column %d: ", p->line, p->column);
			for (const char *m = p->message; *m; m++)
				ar_buf_addc(&notes, *m == '\n' ? ' ' : *m);
		}
		ar_extedit_add_notes(&out, notes.data);
		ar_buf_free(&notes);
		goto write;
	}
	size_t body_len;
	const char *body = ar_extedit_session_body(s, &body_len);
	/* The notes: a first line, one line a problem, a blank '#' line, then
	 * the notes the item was opened with, again. */
	header = (int)problems->count + 2;
	for (const char *c = s->notes; c && *c; c++)
		header += *c == '\n';
	ar_buf_adds(&out, "# artrack could not use this; fix what is listed below and save, or empty the file to cancel.\n");
	for (size_t i = 0; i < problems->count; i++) {
		const struct ar_error *p = &problems->items[i];
		ar_buf_adds(&out, "# ");
		if (p->line > 0)
			ar_buf_addf(&out, "line %d, column %d: ", p->line - s->header_lines + header, p->column);
		/* One line a problem, whatever the message holds. */
		for (const char *m = p->message; *m; m++)
			ar_buf_addc(&out, *m == '\n' ? ' ' : *m);
		ar_buf_addc(&out, '\n');
	}
	ar_buf_adds(&out, "#\n");
	if (s->notes)
		ar_buf_adds(&out, s->notes);
	ar_buf_add(&out, body, body_len);

write:;
	int fd;
	do
		fd = open(s->path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	enum ar_rc rc = AR_OK;
	if (fd < 0 || ar_write_all(fd, out.data, out.len) != 0 || close(fd) != 0) {
		ar_error_set(err, 0, 0, "cannot write %s: %s", s->path, strerror(errno));
		rc = AR_EIO;
	} else {
		ar_buf_free(&s->text);
		s->text = out;
		s->header_lines = header;
		memset(&out, 0, sizeof out);
	}
	ar_buf_free(&out);
	return rc;
}

void ar_extedit_session_close(struct ar_extedit_session *s)
{
	if (s->path)
		unlink(s->path);
	free(s->path);
	free(s->shown);
	free(s->notes);
	ar_buf_free(&s->text);
	memset(s, 0, sizeof *s);
}

/* ---- updates ---- */

/* What the item is called in a one-line note: its topic, else the start of
 * its text, on one line and not too long. */
static void item_title(const struct ar_item *item, struct ar_buf *out)
{
	const char *s = item->topic ? item->topic : item->text ? item->text : "";
	size_t len = strlen(s);
	size_t fit = ar_text_fit(s, len, 60, NULL);
	for (size_t i = 0; i < fit; i++)
		ar_buf_addc(out, (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') ? ' ' : s[i]);
	if (fit < len)
		ar_buf_adds(out, "…");
}

void ar_extedit_add_notes(struct ar_buf *out, const char *notes)
{
	ar_buf_adds(out, AR_EXTEDIT_CUT_LINE "\n");
	ar_buf_adds(out, "# Do not change or remove the line above: everything below it is ignored.\n");
	for (const char *p = notes; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		ar_buf_adds(out, "# ");
		ar_buf_add(out, p, n);
		ar_buf_addc(out, '\n');
		p += n + (nl ? 1 : 0);
	}
}

size_t ar_extedit_text_length(const char *text, size_t len)
{
	static const char cut[] = AR_EXTEDIT_CUT_LINE;
	size_t cut_len = sizeof cut - 1;
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t n = end - pos;
		if (n && text[end - 1] == '\r')
			n--;
		if (n == cut_len && memcmp(text + pos, cut, cut_len) == 0)
			return pos;
		pos = nl ? end + 1 : len;
	}
	return len;
}

void ar_update_template(const struct ar_item *item, size_t others, ar_date date, const char *by, struct ar_buf *out)
{
	char day[AR_DATE_TEXT_MAX];
	struct ar_buf notes = {0};
	ar_buf_addf(&notes, "Add an update to item %ld: ", item->id);
	item_title(item, &notes);
	ar_buf_adds(&notes, "\n");
	if (others)
		ar_buf_addf(&notes, "The same update goes to the %zu other tagged item%s too, as one step.\n", others,
		            others == 1 ? "" : "s");
	ar_buf_adds(&notes, "Write the update above the line; an empty message cancels.\n"
	                    "Date:, By: and Label: below the text are the update's date (empty: none),\n"
	                    "author and label (Update, Response, ...): change them as you need.");
	ar_buf_addf(out, "\n\nDate: %s\nBy: %s\nLabel: \n", ar_date_format(date, day), by ? by : "");
	ar_extedit_add_notes(out, notes.data);
	ar_buf_free(&notes);
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* The field a trailer line of an update names (0 date, 1 by, 2 label), or -1. */
static int trailer_field(const char *s, size_t n, size_t *value)
{
	static const char *const names[] = {"date:", "by:", "label:"};
	for (int f = 0; f < 3; f++) {
		size_t k = strlen(names[f]);
		if (n >= k && strncasecmp(s, names[f], k) == 0) {
			*value = k;
			return f;
		}
	}
	return -1;
}

/* Read the Date:/By:/Label: lines that end text[0..*len) (its last
 * paragraph, when every line of it is one) into fields, and cut them off. */
static void take_trailers(const char *text, size_t *len, struct ar_update_fields *fields, struct ar_diags *diags)
{
	/* lines, from the end */
	size_t end = *len;
	while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r' || text[end - 1] == ' ' || text[end - 1] == '\t'))
		end--;
	size_t start = end, cut = end;
	bool any = false;
	while (start > 0) {
		size_t line = start;
		while (line > 0 && text[line - 1] != '\n')
			line--;
		size_t value;
		if (trailer_field(text + line, start - line, &value) < 0) {
			/* the block must stand alone: a blank line or nothing above it */
			if (!blank(text + line, start - line))
				return;
			break;
		}
		any = true;
		cut = line;
		start = line > 0 ? line - 1 : 0;
		if (line == 0)
			break;
	}
	if (!any)
		return;
	int line_no = 1;
	for (size_t i = 0; i < cut; i++)
		line_no += text[i] == '\n';
	for (size_t pos = cut; pos < end; line_no++) {
		const char *nl = memchr(text + pos, '\n', end - pos);
		size_t stop = nl ? (size_t)(nl - text) : end;
		size_t value = 0;
		int f = trailer_field(text + pos, stop - pos, &value);
		size_t v = pos + value, w = stop;
		while (v < w && (text[v] == ' ' || text[v] == '\t'))
			v++;
		while (w > v && (text[w - 1] == ' ' || text[w - 1] == '\t' || text[w - 1] == '\r'))
			w--;
		if (f == 0) {
			fields->date_given = true;
			fields->date = AR_DATE_NONE;
			if (w > v && !ar_date_parse(text + v, w - v, false, &fields->date))
				ar_diags_add(diags, line_no, (int)(v - pos) + 1, "Date: '%.*s' is not a date (YYYY-MM-DD, or empty "
				             "for none)", (int)(w - v), text + v);
		} else {
			char **slot = f == 1 ? &fields->by : &fields->label;
			free(*slot);
			*slot = w > v ? ar_xstrndup(text + v, w - v) : NULL;
			if (f == 1)
				fields->by_given = true;
			else
				fields->label_given = true;
		}
		pos = nl ? stop + 1 : end;
	}
	*len = cut;
}

void ar_update_fields_free(struct ar_update_fields *fields)
{
	free(fields->by);
	free(fields->label);
	memset(fields, 0, sizeof *fields);
}

enum ar_rc ar_update_text(const char *text, size_t len, char **out, struct ar_diags *diags)
{
	struct ar_update_fields fields = {0};
	enum ar_rc rc = ar_update_parse(text, len, out, &fields, diags);
	ar_update_fields_free(&fields);
	return rc;
}

enum ar_rc ar_update_parse(const char *text, size_t len, char **out, struct ar_update_fields *fields,
                           struct ar_diags *diags)
{
	*out = NULL;
	struct ar_update_fields ignored = {0};
	if (!fields)
		fields = &ignored;
	/* Valid UTF-8 first: the saver cannot write anything else, and the user
	 * should fix their text rather than lose a character to U+FFFD. */
	struct ar_error bad;
	if (ar_utf8_refuse(text, len, "this", false, &bad)) {
		ar_diags_add_error(diags, &bad);
		return AR_EDATA;
	}

	len = ar_extedit_text_length(text, len);
	size_t problems = diags ? diags->count : 0;
	take_trailers(text, &len, fields, diags);
	if (diags && diags->count > problems) {
		ar_update_fields_free(&ignored);
		return AR_EDATA;
	}
	struct ar_buf result = {0};
	size_t pending_blank = 0; /* blank lines held back until text follows */
	bool started = false;
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		const char *s = text + pos;
		size_t n = end - pos;
		pos = nl ? end + 1 : len;
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
			n--;
		if (blank(s, n)) {
			if (started)
				pending_blank++;
			continue;
		}
		if (started)
			for (size_t i = 0; i <= pending_blank; i++)
				ar_buf_addc(&result, '\n');
		pending_blank = 0;
		ar_buf_add(&result, s, n);
		started = true;
	}
	if (started)
		*out = ar_buf_steal(&result, NULL);
	ar_buf_free(&result);
	ar_update_fields_free(&ignored);
	return AR_OK;
}

enum ar_rc ar_update_edit_start(struct ar_extedit_session *s, const struct ar_item *item, size_t others, ar_date date,
                                const char *by, struct ar_error *err)
{
	struct ar_buf tmpl = {0};
	ar_update_template(item, others, date, by, &tmpl);
	char name[32];
	snprintf(name, sizeof name, "update-%ld", item->id);
	enum ar_rc rc = ar_extedit_session_open(s, name, ".txt", tmpl.data, tmpl.len, err);
	ar_buf_free(&tmpl);
	return rc;
}

enum ar_rc ar_update_edit_result(const struct ar_extedit_session *s, char **out, struct ar_update_fields *fields,
                                 struct ar_diags *diags)
{
	return ar_update_parse(s->text.data ? s->text.data : "", s->text.len, out, fields, diags);
}

enum ar_rc ar_compose_update(const char *command, const struct ar_item *item, ar_date date, const char *by,
                             char **out, struct ar_error *err)
{
	*out = NULL;
	struct ar_extedit_session s;
	enum ar_rc rc = ar_update_edit_start(&s, item, 0, date, by, err);
	if (rc != AR_OK)
		return rc;
	rc = ar_extedit_session_run(&s, command, err);
	if (rc == AR_OK) {
		struct ar_diags diags = {0};
		rc = ar_update_edit_result(&s, out, NULL, &diags);
		if (rc != AR_OK)
			ar_error_set(err, diags.items[0].line, diags.items[0].column, "%s", diags.items[0].message);
		ar_diags_free(&diags);
	}
	ar_extedit_session_close(&s);
	return rc;
}

/* ---- a whole item ---- */

enum ar_rc ar_item_edit_start(struct ar_extedit_session *s, const struct ar_tracker *tracker,
                              const struct ar_item *item, struct ar_error *err)
{
	return ar_item_edit_start_noted(s, tracker, item, NULL, err);
}

enum ar_rc ar_item_edit_start_noted(struct ar_extedit_session *s, const struct ar_tracker *tracker,
                                    const struct ar_item *item, const char *notes, struct ar_error *err)
{
	struct ar_buf text = {0};
	ar_buf_addf(&text, "# Item %ld as YAML: edit it, then save and quit.  These '#' lines at the top are\n"
	                   "# ignored; an empty file cancels.  Comments below are kept as you leave them.\n",
	            item->id);
	struct ar_buf noted = {0};
	for (const char *line = notes; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		ar_buf_addf(&noted, "#%s%.*s\n", len ? " " : "", (int)len, line);
		line += len + (nl != NULL);
	}
	ar_buf_add(&text, noted.data ? noted.data : "", noted.len);
	struct ar_buf yaml = {0};
	enum ar_rc rc = ar_item_to_yaml_kept(tracker, item, &yaml, err);
	/* a blank line below the notes, so that a comment the item starts with
	 * (or one the officer writes above its first key) is not taken for one */
	ar_buf_addc(&text, '\n');
	ar_buf_add(&text, yaml.data ? yaml.data : "", yaml.len);
	if (rc == AR_OK) {
		char name[32];
		snprintf(name, sizeof name, "item-%ld", item->id);
		rc = ar_extedit_session_open(s, name, ".yaml", text.data, text.len, err);
	}
	if (rc == AR_OK) {
		s->spaced = true;
		s->shown = ar_buf_steal(&yaml, NULL);
		s->notes = noted.len ? ar_buf_steal(&noted, NULL) : NULL;
	}
	ar_buf_free(&noted);
	ar_buf_free(&yaml);
	ar_buf_free(&text);
	return rc;
}

enum ar_rc ar_item_edit_result(const struct ar_extedit_session *s, struct ar_tracker *tracker, long replacing_id,
                               struct ar_item **out, struct ar_diags *diags)
{
	*out = NULL;
	size_t len;
	const char *body = ar_extedit_session_body(s, &len);
	/* Only whitespace and comments left: the user emptied it. */
	bool empty = true;
	for (size_t pos = 0; pos < len && empty;) {
		const char *nl = memchr(body + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - body) : len;
		size_t i = pos;
		while (i < end && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r'))
			i++;
		if (i < end && body[i] != '#')
			empty = false;
		pos = nl ? end + 1 : len;
	}
	if (empty)
		return AR_OK;
	/* The whole file, notes included (they are YAML comments), so every line
	 * number - also those inside messages - is a line of the file the
	 * officer edited. */
	enum ar_rc rc = ar_item_from_yaml(tracker, s->text.data, s->text.len, replacing_id, out, diags);
	if (rc != AR_OK || !*out)
		return rc;
	if (s->spaced && len && body[0] == '\n') {
		body++;
		len--;
	}
	const struct ar_item *was = ar_tracker_find_item(tracker, replacing_id);
	if (was && s->shown && strlen(s->shown) == len && memcmp(s->shown, body, len) == 0)
		(*out)->lines = was->lines; /* left as shown: nothing new to keep */
	else
		(*out)->lines = ar_item_lines_new(tracker, body, len, *out);
	return rc;
}
