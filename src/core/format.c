/* format.c - the command line's outputs: list formats, show, stats, export. */
#include "config.h"

#include "artrack/format.h"
#include "artrack/date.h"
#include "artrack/stats.h"
#include "artrack/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ar_list_format_names[AR_LIST_FORMAT_COUNT] = {"table", "tsv", "csv", "json"};
#define AR_EXPORT_NAME(e, name, description) name,
const char *const ar_export_format_names[AR_EXPORT_FORMAT_COUNT] = {AR_EXPORT_FORMATS(AR_EXPORT_NAME)};
#undef AR_EXPORT_NAME
#define AR_EXPORT_DESCRIPTION(e, name, description) description,
const char *const ar_export_format_descriptions[AR_EXPORT_FORMAT_COUNT] = {AR_EXPORT_FORMATS(AR_EXPORT_DESCRIPTION)};
#undef AR_EXPORT_DESCRIPTION

void ar_format_names_join(struct ar_buf *out, const char *const *names, int count, const char *sep)
{
	ar_buf_adds(out, "");
	for (int i = 0; i < count; i++) {
		if (i)
			ar_buf_adds(out, sep);
		ar_buf_adds(out, names[i]);
	}
}

void ar_export_formats_synopsis_roff(struct ar_buf *out)
{
	ar_buf_adds(out, ".BR ");
	ar_format_names_join(out, ar_export_format_names, AR_EXPORT_FORMAT_COUNT, " | ");
	ar_buf_addc(out, '\n');
}

void ar_export_formats_roff(struct ar_buf *out)
{
	for (int f = 0; f < AR_EXPORT_FORMAT_COUNT; f++)
		ar_buf_addf(out, ".TP\n.B %s\n%s.\n", ar_export_format_names[f], ar_export_format_descriptions[f]);
}

static const char *str_or_empty(const char *s)
{
	return s ? s : "";
}

static const char *meeting_title(const struct ar_tracker *tracker, ar_date date)
{
	const struct ar_meeting *m = date ? ar_tracker_find_meeting(tracker, date) : NULL;
	return m && m->title ? m->title : "";
}

static const char *response_name(const struct ar_item *item)
{
	return item->response == AR_RESPONSE_NONE ? "" : ar_response_names[item->response];
}

static const char *rag_name(const struct ar_item *item)
{
	return item->rag > AR_RAG_NONE && item->rag < AR_RAG_COUNT ? ar_rag_names[item->rag] : "";
}

static void add_leads(struct ar_buf *out, const struct ar_item *item, const char *sep)
{
	for (size_t i = 0; i < item->lead_count; i++) {
		if (i)
			ar_buf_adds(out, sep);
		ar_buf_adds(out, item->leads[i]);
	}
}

/* ---- tsv: one line an item, so tabs and line breaks inside a field become spaces ---- */

static void tsv_field(struct ar_buf *out, const char *s)
{
	struct ar_buf inert = {0};
	s = str_or_empty(s);
	ar_text_inert(s, strlen(s), &inert);
	for (const char *p = inert.data; *p; p++)
		ar_buf_addc(out, (*p == '\t' || *p == '\n') ? ' ' : *p);
	ar_buf_free(&inert);
}

/* ---- csv: RFC 4180 ---- */

/* Whether a spreadsheet would take a cell starting with c as a formula
 * (OWASP's list for CSV injection: =, +, -, @, tab, carriage return). */
static bool starts_formula(char c)
{
	return c && strchr("=+-@\t\r", c) != NULL;
}

/* One cell: controls inert, a cell a spreadsheet would run as a formula
 * (=HYPERLINK(...) in a topic) made text by a leading apostrophe, as OWASP
 * advises, and quoted where RFC 4180 needs it. */
static void csv_field(struct ar_buf *out, const char *s)
{
	struct ar_buf cell = {0};
	s = str_or_empty(s);
	ar_text_inert(s, strlen(s), &cell);
	bool formula = starts_formula(cell.data[0]);
	s = cell.data;
	if (!formula && !strpbrk(s, ",\"\r\n") && s[0] != ' ' && (s[0] == '\0' || s[strlen(s) - 1] != ' ')) {
		ar_buf_adds(out, s);
		ar_buf_free(&cell);
		return;
	}
	ar_buf_addc(out, '"');
	if (formula)
		ar_buf_addc(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			ar_buf_addc(out, '"');
		/* RFC 4180 line breaks are CRLF, inside quoted fields too. */
		if (*s == '\n')
			ar_buf_addc(out, '\r');
		ar_buf_addc(out, *s);
	}
	ar_buf_addc(out, '"');
	ar_buf_free(&cell);
}

static void csv_leads(struct ar_buf *out, const struct ar_item *item)
{
	struct ar_buf leads = {0};
	add_leads(&leads, item, "; ");
	csv_field(out, leads.data);
	ar_buf_free(&leads);
}

/* ---- escaping, for json and html ---- */

/* Append s with each ASCII character that has an entry in special written
 * as that, and each character that would act on a terminal or a reader
 * (ar_char_is_control(), U+2028, U+2029, a byte that is not UTF-8) written
 * by control. */
static void escape_text(struct ar_buf *out, const char *s, const char *const special[128],
                        void (*control)(struct ar_buf *out, uint32_t cp, const char *bytes, size_t len))
{
	s = str_or_empty(s);
	for (size_t i = 0, len = strlen(s); i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 128 && special[c]) {
			ar_buf_adds(out, special[c]);
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = ar_utf8_decode(s + i, len - i, &cp);
		if (ar_char_is_control(cp) || cp == 0x2028 || cp == 0x2029 || (cp == AR_REPLACEMENT_CHAR && n == 1))
			control(out, cp, s + i, n);
		else
			ar_buf_add(out, s + i, n);
		i += n;
	}
}

/* ---- json ---- */

/* Every control as \u, C1 and bidirectional ones too (a pipe into a
 * terminal must not act on them), and U+2028/U+2029, which JavaScript
 * strings cannot hold raw. */
static void json_control(struct ar_buf *out, uint32_t cp, const char *bytes, size_t len)
{
	(void)bytes, (void)len;
	ar_buf_addf(out, "\\u%04x", (unsigned)cp);
}

void ar_json_string(struct ar_buf *out, const char *s)
{
	static const char *const special[128] = {
		['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\r'] = "\\r", ['\t'] = "\\t",
	};
	ar_buf_addc(out, '"');
	escape_text(out, s, special, json_control);
	ar_buf_addc(out, '"');
}

/* Append s as a JSON string, or null when s is NULL. */
void ar_json_optional_string(struct ar_buf *out, const char *s)
{
	if (s)
		ar_json_string(out, s);
	else
		ar_buf_adds(out, "null");
}

/* Append date as a JSON string, or null for no date. */
void ar_json_date(struct ar_buf *out, ar_date date)
{
	char d[AR_DATE_TEXT_MAX];
	if (date)
		ar_json_string(out, ar_date_format(date, d));
	else
		ar_buf_adds(out, "null");
}

/* Append one update as a JSON object (date, by, label, text). */
void ar_json_update(struct ar_buf *out, const struct ar_update *u)
{
	ar_buf_adds(out, "{\"date\": ");
	ar_json_date(out, u->date);
	ar_buf_adds(out, ", \"by\": ");
	ar_json_optional_string(out, u->by);
	ar_buf_adds(out, ", \"label\": ");
	ar_json_optional_string(out, u->label);
	ar_buf_adds(out, ", \"text\": ");
	ar_json_optional_string(out, u->text);
	ar_buf_addc(out, '}');
}

static void json_item(struct ar_buf *out, const struct ar_tracker *tracker, const struct ar_item *item)
{
	ar_buf_addf(out, "{\"id\": %ld, \"meeting\": ", item->id);
	ar_json_date(out, item->meeting);
	ar_buf_adds(out, ", \"meeting_title\": ");
	const struct ar_meeting *m = item->meeting ? ar_tracker_find_meeting(tracker, item->meeting) : NULL;
	ar_json_optional_string(out, m ? m->title : NULL);
	ar_buf_adds(out, ", \"topic\": ");
	ar_json_optional_string(out, item->topic);
	ar_buf_adds(out, ", \"kind\": ");
	ar_json_string(out, ar_kind_names[item->kind]);
	ar_buf_adds(out, ", \"text\": ");
	ar_json_optional_string(out, item->text);
	ar_buf_adds(out, ", \"leads\": [");
	for (size_t i = 0; i < item->lead_count; i++) {
		if (i)
			ar_buf_adds(out, ", ");
		ar_json_string(out, item->leads[i]);
	}
	ar_buf_adds(out, "], \"status\": ");
	ar_json_string(out, ar_status_names[item->status]);
	ar_buf_adds(out, ", \"response\": ");
	ar_json_optional_string(out, item->response == AR_RESPONSE_NONE ? NULL : ar_response_names[item->response]);
	ar_buf_adds(out, ", \"due\": ");
	ar_json_date(out, item->due);
	ar_buf_adds(out, ", \"responded\": ");
	ar_json_date(out, item->responded);
	ar_buf_adds(out, ", \"response_due\": ");
	ar_json_date(out, ar_item_response_deadline(item, ar_tracker_response_days(tracker)));
	ar_buf_adds(out, ", \"rag\": ");
	ar_json_optional_string(out, *rag_name(item) ? rag_name(item) : NULL);
	ar_buf_adds(out, ", \"closed_on\": ");
	ar_json_date(out, item->closed_on);
	ar_buf_adds(out, ", \"updated\": ");
	ar_json_date(out, ar_item_updated(item));
	ar_buf_adds(out, ", \"updates\": [");
	for (size_t i = 0; i < item->update_count; i++) {
		if (i)
			ar_buf_adds(out, ", ");
		ar_json_update(out, &item->updates[i]);
	}
	ar_buf_adds(out, "]}");
}

/* ---- table: aligned columns for people ---- */

/* Columns s takes as a table cell shows it (controls as stand-ins). */
static size_t text_columns(const char *s)
{
	struct ar_buf scratch = {0};
	s = str_or_empty(s);
	size_t w = (size_t)ar_text_shown(s, strlen(s), -1, &scratch);
	ar_buf_free(&scratch);
	return w;
}

/* Append s as a terminal shows it (controls inert, line breaks as spaces),
 * cut to at most max columns with an ellipsis (max 0: no cut), padded with
 * spaces to pad columns. */
static void table_cell(struct ar_buf *out, const char *s, size_t max, size_t pad)
{
	s = str_or_empty(s);
	size_t used = (size_t)ar_text_shown(s, strlen(s), max ? (int)max : -1, out);
	for (; used < pad; used++)
		ar_buf_addc(out, ' ');
}

enum { TABLE_COLUMNS = 8, COL_RESPONSE = 4, COL_LEADS = 6, COL_TOPIC = 7 };

/* Fit the columns (natural widths w) to width: the fixed ones keep theirs
 * where they can, the leads get what the topics leave them, at most a
 * third of the room when both want more.  Tight terminals get one blank
 * between columns and a cut response ("partially-…").  Sets max[c] to the
 * columns a cell may take (0: no limit) and returns the blank's width. */
static size_t table_fit(size_t w[TABLE_COLUMNS], size_t max[TABLE_COLUMNS], size_t width)
{
	enum { LEADS_MIN = 8, TOPIC_MIN = 16, RESPONSE_CUT = 10 };
	size_t sep = 2, fixed = 0;
	for (int c = 0; c < COL_LEADS; c++)
		fixed += w[c];
	size_t want = LEADS_MIN + TOPIC_MIN;
	if (fixed + (TABLE_COLUMNS - 1) * sep + want > width)
		sep = 1;
	if (fixed + (TABLE_COLUMNS - 1) * sep + want > width && w[COL_RESPONSE] > RESPONSE_CUT) {
		fixed -= w[COL_RESPONSE] - RESPONSE_CUT;
		w[COL_RESPONSE] = max[COL_RESPONSE] = RESPONSE_CUT;
	}
	size_t used = fixed + (TABLE_COLUMNS - 1) * sep;
	size_t rest = width > used + 2 ? width - used : 2;
	size_t leads = w[COL_LEADS], topic = w[COL_TOPIC];
	if (leads + topic > rest) {
		size_t third = rest / 3 > 1 ? rest / 3 : 1;
		leads = topic < rest - third ? rest - topic : third;
		if (leads > w[COL_LEADS])
			leads = w[COL_LEADS];
		topic = rest - leads;
	}
	w[COL_LEADS] = max[COL_LEADS] = leads ? leads : 1;
	max[COL_TOPIC] = topic ? topic : 1;
	return sep;
}

static void format_table(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view, int width)
{
	static const char *const headings[TABLE_COLUMNS] = {"ID", "MEETING", "KIND", "STATUS", "RESPONSE", "DUE",
		                                             "LEADS", "TOPIC"};
	size_t n = ar_view_count(view);
	size_t w[TABLE_COLUMNS], max[TABLE_COLUMNS] = {0};
	for (int c = 0; c < TABLE_COLUMNS; c++)
		w[c] = strlen(headings[c]);
	char buf[32], d[AR_DATE_TEXT_MAX];
	struct ar_buf leads = {0};
	for (size_t r = 0; r < n; r++) {
		const struct ar_item *it = ar_view_item(view, r);
		size_t lens[TABLE_COLUMNS] = {
			(size_t)snprintf(buf, sizeof buf, "%ld", it->id), it->meeting ? 10u : 0u, 3,
			strlen(ar_status_names[it->status]), strlen(response_name(it)), strlen(ar_date_format(it->due, d)), 0, 0};
		ar_buf_reset(&leads);
		add_leads(&leads, it, "; ");
		lens[COL_LEADS] = text_columns(leads.data);
		if (width > 0) /* only a terminal's table is fitted, so only it needs the topics' widths */
			lens[COL_TOPIC] = text_columns(it->topic ? it->topic : it->text);
		for (int c = 0; c < TABLE_COLUMNS; c++)
			if (lens[c] > w[c])
				w[c] = lens[c];
	}
	size_t sep = width > 0 ? table_fit(w, max, (size_t)width) : 2;
	struct ar_buf line = {0};
	for (size_t r = 0; r <= n; r++) {
		const struct ar_item *it = r ? ar_view_item(view, r - 1) : NULL;
		const char *const *cells = headings;
		const char *item_cells[TABLE_COLUMNS];
		char due[AR_DATE_TEXT_MAX];
		if (it) {
			ar_buf_reset(&leads);
			add_leads(&leads, it, "; ");
			snprintf(buf, sizeof buf, "%ld", it->id);
			const char *row[TABLE_COLUMNS] = {buf, ar_date_format(it->meeting, d),
				it->kind == AR_KIND_ACTION ? "act" : "rec", ar_status_names[it->status], response_name(it),
				ar_date_format(it->due, due), leads.data, it->topic ? it->topic : it->text};
			memcpy(item_cells, row, sizeof row);
			cells = item_cells;
		}
		ar_buf_reset(&line);
		for (int c = 0; c < TABLE_COLUMNS; c++)
			table_cell(&line, cells[c], max[c], c == COL_TOPIC ? 0 : w[c] + sep);
		/* No trailing blanks on a line. */
		while (line.len && line.data[line.len - 1] == ' ')
			line.len--;
		/* Past the narrowest fit, a terminal's lines are cut rather than wrapped. */
		ar_text_shown(line.data, line.len, width > 0 ? width : -1, out);
		ar_buf_addc(out, '\n');
	}
	ar_buf_free(&line);
	ar_buf_free(&leads);
}

void ar_format_list(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view,
                    enum ar_list_format format, int width)
{
	size_t n = ar_view_count(view);
	char d[AR_DATE_TEXT_MAX];
	switch (format) {
	case AR_LIST_TABLE:
		format_table(out, tracker, view, width);
		break;
	case AR_LIST_TSV:
		ar_buf_adds(out, "id\tmeeting\tkind\tstatus\tresponse\tdue\tleads\ttopic\n");
		for (size_t r = 0; r < n; r++) {
			const struct ar_item *it = ar_view_item(view, r);
			ar_buf_addf(out, "%ld\t", it->id);
			ar_buf_adds(out, ar_date_format(it->meeting, d));
			ar_buf_addf(out, "\t%s\t%s\t%s\t", ar_kind_names[it->kind], ar_status_names[it->status],
			            response_name(it));
			ar_buf_adds(out, ar_date_format(it->due, d));
			ar_buf_addc(out, '\t');
			struct ar_buf leads = {0};
			add_leads(&leads, it, "; ");
			tsv_field(out, leads.data);
			ar_buf_free(&leads);
			ar_buf_addc(out, '\t');
			tsv_field(out, it->topic);
			ar_buf_addc(out, '\n');
		}
		break;
	case AR_LIST_CSV:
		/* tsv's columns, then the ones spec section 3 leaves to csv and json */
		ar_buf_adds(out, "id,meeting,kind,status,response,due,leads,topic,responded,rag,closed_on\r\n");
		for (size_t r = 0; r < n; r++) {
			const struct ar_item *it = ar_view_item(view, r);
			ar_buf_addf(out, "%ld,%s,%s,%s,%s,", it->id, ar_date_format(it->meeting, d),
			            ar_kind_names[it->kind], ar_status_names[it->status], response_name(it));
			ar_buf_adds(out, ar_date_format(it->due, d));
			ar_buf_addc(out, ',');
			csv_leads(out, it);
			ar_buf_addc(out, ',');
			csv_field(out, it->topic);
			ar_buf_addf(out, ",%s,", ar_date_format(it->responded, d));
			ar_buf_addf(out, "%s,", rag_name(it));
			ar_buf_adds(out, ar_date_format(it->closed_on, d));
			ar_buf_adds(out, "\r\n");
		}
		break;
	case AR_LIST_JSON:
		ar_buf_adds(out, "[");
		for (size_t r = 0; r < n; r++) {
			ar_buf_adds(out, r ? ",\n  " : "\n  ");
			json_item(out, tracker, ar_view_item(view, r));
		}
		ar_buf_adds(out, n ? "\n]\n" : "]\n");
		break;
	case AR_LIST_FORMAT_COUNT:
		break;
	}
}

/* ---- show ---- */

/* Append text with indent before each line, word-wrapped to width columns
 * in all (0: not wrapped). */
static void add_indented(struct ar_buf *out, const char *text, const char *indent, int width)
{
	const char *p = str_or_empty(text);
	int room = width - (int)strlen(indent);
	if (width > 0 && room >= 20) {
		struct ar_wrapped lines = {0};
		ar_text_wrap(p, strlen(p), room, &lines);
		for (size_t i = 0; i < lines.count; i++) {
			if (lines.lines[i].len)
				ar_buf_adds(out, indent);
			ar_buf_add(out, p + lines.lines[i].start, lines.lines[i].len);
			ar_buf_addc(out, '\n');
		}
		ar_wrapped_free(&lines);
		return;
	}
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len)
			ar_buf_adds(out, indent);
		ar_buf_add(out, p, len);
		ar_buf_addc(out, '\n');
		p += len + (nl ? 1 : 0);
	}
}

static void format_item(struct ar_buf *out, const struct ar_tracker *tracker, const struct ar_item *item, int width)
{
	char d[AR_DATE_TEXT_MAX];
	ar_buf_addf(out, "Item %ld: %s\n", item->id, str_or_empty(item->topic));
	ar_buf_addf(out, "  kind:      %s\n", ar_kind_names[item->kind]);
	ar_buf_addf(out, "  status:    %s\n", ar_status_names[item->status]);
	if (item->response != AR_RESPONSE_NONE) {
		ar_buf_addf(out, "  response:  %s", ar_response_names[item->response]);
		ar_date deadline = ar_item_response_deadline(item, ar_tracker_response_days(tracker));
		if (deadline)
			ar_buf_addf(out, " (due by %s)", ar_date_format(deadline, d));
		ar_buf_addc(out, '\n');
	}
	if (item->responded && item->kind == AR_KIND_RECOMMENDATION)
		ar_buf_addf(out, "  responded: %s\n", ar_date_format(item->responded, d));
	if (*rag_name(item))
		ar_buf_addf(out, "  rag:       %s\n", rag_name(item));
	if (item->closed_on)
		ar_buf_addf(out, "  closed on: %s\n", ar_date_format(item->closed_on, d));
	if (item->meeting) {
		ar_buf_addf(out, "  meeting:   %s", ar_date_format(item->meeting, d));
		const char *title = meeting_title(tracker, item->meeting);
		if (*title)
			ar_buf_addf(out, " (%s)", title);
		ar_buf_addc(out, '\n');
	} else {
		ar_buf_adds(out, "  meeting:   none\n");
	}
	ar_buf_adds(out, "  leads:     ");
	add_leads(out, item, "; ");
	ar_buf_addc(out, '\n');
	if (item->due)
		ar_buf_addf(out, "  due:       %s\n", ar_date_format(item->due, d));
	if (item->text) {
		ar_buf_addc(out, '\n');
		add_indented(out, item->text, "  ", width);
	}
	ar_buf_addf(out, "\nHistory: %zu update%s\n", item->update_count, item->update_count == 1 ? "" : "s");
	for (size_t i = 0; i < item->update_count; i++) {
		const struct ar_update *u = &item->updates[i];
		ar_buf_addf(out, "\n%zu.", i + 1);
		if (u->date)
			ar_buf_addf(out, " %s", ar_date_format(u->date, d));
		if (u->label)
			ar_buf_addf(out, " %s", u->label);
		if (u->by)
			ar_buf_addf(out, " (%s)", u->by);
		ar_buf_addc(out, '\n');
		add_indented(out, u->text, "  ", width);
	}
}

void ar_format_item(struct ar_buf *out, const struct ar_tracker *tracker, const struct ar_item *item, int width)
{
	/* Laid out first, then every control in it made inert: the layout has
	 * none of its own but line breaks. */
	struct ar_buf text = {0};
	format_item(&text, tracker, item, width);
	ar_text_inert(text.data, text.len, out);
	ar_buf_free(&text);
}

/* ---- stats ---- */

void ar_format_stats(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view)
{
	struct ar_stats stats = {0};
	ar_stats_build(&stats, tracker, ar_view_counts(view), ar_view_total(view));
	ar_stats_text(out, &stats);
	ar_stats_free(&stats);
}

/* ---- export ---- */

/* Controls as character references to their visible pictures (ESC as
 * &#x241B; ␛), so neither a browser nor a terminal showing the file acts on
 * them; line and paragraph separators are only text in HTML. */
static void html_control(struct ar_buf *out, uint32_t cp, const char *bytes, size_t len)
{
	if (cp < 0x20)
		ar_buf_addf(out, "&#x%X;", 0x2400 + (unsigned)cp);
	else if (cp == 0x7f)
		ar_buf_adds(out, "&#x2421;");
	else if (cp == 0x2028 || cp == 0x2029)
		ar_buf_add(out, bytes, len);
	else
		ar_buf_adds(out, "&#xFFFD;");
}

void ar_html_text(struct ar_buf *out, const char *s)
{
	static const char *const special[128] = {
		['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;", ['"'] = "&quot;", ['\t'] = "\t", ['\n'] = "\n",
	};
	escape_text(out, s, special, html_control);
}

/* Paragraphs (blank-line separated) as <p>, single line breaks as <br>. */
static void html_paragraphs(struct ar_buf *out, const char *s)
{
	const char *p = str_or_empty(s);
	while (*p) {
		while (*p == '\n')
			p++;
		if (!*p)
			break;
		const char *end = strstr(p, "\n\n");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		ar_buf_adds(out, "<p>");
		struct ar_buf para = {0};
		ar_buf_add(&para, p, len);
		for (char *line = para.data, *nl; line; line = nl) {
			nl = strchr(line, '\n');
			if (nl)
				*nl++ = '\0';
			ar_html_text(out, line);
			if (nl)
				ar_buf_adds(out, "<br>");
		}
		ar_buf_free(&para);
		ar_buf_adds(out, "</p>");
		p += len;
	}
}

static void update_heading(struct ar_buf *out, const struct ar_update *u)
{
	char d[AR_DATE_TEXT_MAX];
	bool any = false;
	if (u->date) {
		ar_buf_adds(out, ar_date_format(u->date, d));
		any = true;
	}
	if (u->label) {
		ar_buf_adds(out, any ? " " : "");
		ar_buf_adds(out, u->label);
		any = true;
	}
	if (u->by) {
		ar_buf_adds(out, any ? " (" : "(");
		ar_buf_adds(out, u->by);
		ar_buf_adds(out, ")");
	}
}

/* A paper's Status column: the status, then the response (after
 * after_status), then the due date, the response's date, the RAG rating and
 * the sign-off (each after between); html marks the rating for colour. */
static void add_state(struct ar_buf *out, const struct ar_item *it, const char *after_status, const char *between,
                      bool html)
{
	char d[AR_DATE_TEXT_MAX];
	ar_buf_adds(out, ar_status_names[it->status]);
	if (it->response != AR_RESPONSE_NONE)
		ar_buf_addf(out, "%s%s", after_status, ar_response_names[it->response]);
	if (it->due)
		ar_buf_addf(out, "%sdue %s", between, ar_date_format(it->due, d));
	if (it->responded && it->kind == AR_KIND_RECOMMENDATION)
		ar_buf_addf(out, "%sresponded %s", between, ar_date_format(it->responded, d));
	if (*rag_name(it) && html)
		ar_buf_addf(out, "%s<span class=\"rag rag-%s\">RAG %s</span>", between, rag_name(it), rag_name(it));
	else if (*rag_name(it))
		ar_buf_addf(out, "%sRAG %s", between, rag_name(it));
	if (it->closed_on)
		ar_buf_addf(out, "%ssigned off %s", between, ar_date_format(it->closed_on, d));
}

/* Append s escaped for a Markdown table cell (line breaks as <br>). */
void ar_markdown_cell(struct ar_buf *out, const char *s)
{
	struct ar_buf inert = {0};
	s = str_or_empty(s);
	ar_text_inert(s, strlen(s), &inert);
	for (s = inert.data; *s; s++) {
		switch (*s) {
		case '|': ar_buf_adds(out, "\\|"); break;
		case '\n': ar_buf_adds(out, "<br>"); break;
		case '<': ar_buf_adds(out, "&lt;"); break;
		case '&': ar_buf_adds(out, "&amp;"); break;
		default: ar_buf_addc(out, *s);
		}
	}
	ar_buf_free(&inert);
}

static void markdown_updates(struct ar_buf *out, const struct ar_item *it)
{
	for (size_t i = 0; i < it->update_count; i++) {
		const struct ar_update *u = &it->updates[i];
		struct ar_buf h = {0};
		update_heading(&h, u);
		if (i)
			ar_buf_adds(out, "<br><br>");
		if (h.len) {
			ar_buf_adds(out, "**");
			ar_markdown_cell(out, h.data);
			ar_buf_adds(out, ":** ");
		}
		ar_buf_free(&h);
		ar_markdown_cell(out, u->text);
	}
}

void ar_export_heading_text(struct ar_buf *heading, const struct ar_tracker *tracker, ar_date meeting)
{
	char d[AR_DATE_TEXT_MAX];
	const char *title = meeting_title(tracker, meeting);
	if (!meeting)
		ar_buf_adds(heading, "No meeting");
	else if (*title)
		ar_buf_adds(heading, title);
	else
		ar_buf_adds(heading, ar_date_format(meeting, d));
}

/* A row of the view and the meeting it is grouped under. */
struct grouped_row {
	ar_date meeting;
	size_t row;
};

static int compare_ascending(const void *a, const void *b)
{
	const struct grouped_row *x = a, *y = b;
	/* No meeting (0) last; rows in the view's order within a meeting. */
	if (x->meeting != y->meeting)
		return !x->meeting ? 1 : !y->meeting ? -1 : x->meeting < y->meeting ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int compare_descending(const void *a, const void *b)
{
	const struct grouped_row *x = a, *y = b;
	if (x->meeting != y->meeting && x->meeting && y->meeting)
		return x->meeting > y->meeting ? -1 : 1;
	return compare_ascending(a, b);
}

void ar_export_by_meeting(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view,
                          const struct ar_export_writer *writer, void *ctx)
{
	size_t n = ar_view_count(view);
	struct grouped_row *rows = ar_xreallocarray(NULL, n ? n : 1, sizeof *rows);
	for (size_t r = 0; r < n; r++)
		rows[r] = (struct grouped_row){ar_view_item(view, r)->meeting, r};
	bool descending = false;
	bool by_meeting_descending = ar_view_sort_key(view, &descending) == AR_SORT_MEETING && descending;
	qsort(rows, n, sizeof *rows, by_meeting_descending ? compare_descending : compare_ascending);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || rows[i].meeting != rows[i - 1].meeting) {
			if (i && writer->group_end)
				writer->group_end(out, ctx);
			writer->group_start(out, tracker, rows[i].meeting, i == 0, ctx);
		}
		writer->item(out, tracker, ar_view_item(view, rows[i].row), ctx);
	}
	if (n && writer->group_end)
		writer->group_end(out, ctx);
	free(rows);
}

static void export_csv(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view)
{
	char d[AR_DATE_TEXT_MAX];
	ar_buf_adds(out, "id,meeting,meeting_title,kind,topic,text,leads,status,response,due,responded,rag,closed_on,"
	                 "updated,updates\r\n");
	for (size_t r = 0, n = ar_view_count(view); r < n; r++) {
		const struct ar_item *it = ar_view_item(view, r);
		ar_buf_addf(out, "%ld,%s,", it->id, ar_date_format(it->meeting, d));
		csv_field(out, meeting_title(tracker, it->meeting));
		ar_buf_addf(out, ",%s,", ar_kind_names[it->kind]);
		csv_field(out, it->topic);
		ar_buf_addc(out, ',');
		csv_field(out, it->text);
		ar_buf_addc(out, ',');
		csv_leads(out, it);
		ar_buf_addf(out, ",%s,%s,", ar_status_names[it->status], response_name(it));
		ar_buf_adds(out, ar_date_format(it->due, d));
		ar_buf_addf(out, ",%s,", ar_date_format(it->responded, d));
		ar_buf_addf(out, "%s,", rag_name(it));
		ar_buf_adds(out, ar_date_format(it->closed_on, d));
		ar_buf_addc(out, ',');
		ar_buf_adds(out, ar_date_format(ar_item_updated(it), d));
		ar_buf_addc(out, ',');
		struct ar_buf updates = {0};
		for (size_t i = 0; i < it->update_count; i++) {
			if (i)
				ar_buf_adds(&updates, "\n\n");
			size_t before = updates.len;
			update_heading(&updates, &it->updates[i]);
			if (updates.len != before)
				ar_buf_adds(&updates, ": ");
			ar_buf_adds(&updates, it->updates[i].text);
		}
		csv_field(out, updates.data);
		ar_buf_free(&updates);
		ar_buf_adds(out, "\r\n");
	}
}

static void markdown_group_start(struct ar_buf *out, const struct ar_tracker *tracker, ar_date meeting, bool first,
                                 void *ctx)
{
	(void)ctx;
	struct ar_buf h = {0};
	ar_export_heading_text(&h, tracker, meeting);
	ar_buf_adds(out, first ? "## " : "\n## ");
	ar_markdown_cell(out, h.data);
	ar_buf_free(&h);
	ar_buf_adds(out, "\n\n| Item | Topic | Action/Recommendation | Lead | Status | Progress update |\n"
	                 "|---|---|---|---|---|---|\n");
}

static void markdown_item(struct ar_buf *out, const struct ar_tracker *tracker, const struct ar_item *it, void *ctx)
{
	(void)tracker;
	(void)ctx;
	ar_buf_addf(out, "| %ld | ", it->id);
	ar_markdown_cell(out, it->topic);
	ar_buf_adds(out, " | ");
	if (it->kind == AR_KIND_RECOMMENDATION)
		ar_buf_adds(out, "**Recommendation:** ");
	ar_markdown_cell(out, it->text);
	ar_buf_adds(out, " | ");
	struct ar_buf leads = {0};
	add_leads(&leads, it, "; ");
	ar_markdown_cell(out, leads.data);
	ar_buf_free(&leads);
	ar_buf_adds(out, " | ");
	add_state(out, it, ", ", "; ", false);
	ar_buf_adds(out, " | ");
	markdown_updates(out, it);
	ar_buf_adds(out, " |\n");
}

static void export_markdown(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view)
{
	char d[AR_DATE_TEXT_MAX];
	ar_buf_adds(out, "# ");
	ar_markdown_cell(out, tracker->title ? tracker->title : "Action and Recommendation Tracker");
	ar_buf_adds(out, "\n\n");
	if (tracker->committee || tracker->as_of) {
		ar_markdown_cell(out, tracker->committee);
		if (tracker->committee && tracker->as_of)
			ar_buf_adds(out, ", ");
		ar_buf_adds(out, ar_date_format(tracker->as_of, d));
		ar_buf_adds(out, "\n\n");
	}
	static const struct ar_export_writer writer = {
		.group_start = markdown_group_start,
		.item = markdown_item,
	};
	ar_export_by_meeting(out, tracker, view, &writer, NULL);
}

static void html_group_start(struct ar_buf *out, const struct ar_tracker *tracker, ar_date meeting, bool first,
                             void *ctx)
{
	(void)first;
	(void)ctx;
	struct ar_buf h = {0};
	ar_export_heading_text(&h, tracker, meeting);
	ar_buf_adds(out, "<h2>");
	ar_html_text(out, h.data);
	ar_buf_adds(out, "</h2>\n<table>\n<thead><tr><th>Item</th><th>Topic</th><th>Action/Recommendation</th>"
	                 "<th>Lead</th><th>Status</th><th>Progress update</th></tr></thead>\n<tbody>\n");
	ar_buf_free(&h);
}

static void html_item(struct ar_buf *out, const struct ar_tracker *tracker, const struct ar_item *it, void *ctx)
{
	(void)tracker;
	(void)ctx;
	ar_buf_addf(out, "<tr id=\"item-%ld\"><td>%ld</td><td>", it->id, it->id);
	ar_html_text(out, it->topic);
	ar_buf_adds(out, "</td><td>");
	if (it->kind == AR_KIND_RECOMMENDATION)
		ar_buf_adds(out, "<p><strong>Recommendation:</strong></p>");
	html_paragraphs(out, it->text);
	ar_buf_adds(out, "</td><td>");
	for (size_t i = 0; i < it->lead_count; i++) {
		if (i)
			ar_buf_adds(out, "<br>");
		ar_html_text(out, it->leads[i]);
	}
	ar_buf_adds(out, "</td><td class=\"status\">");
	add_state(out, it, "<br>", "<br>", true);
	ar_buf_adds(out, "</td><td>");
	for (size_t i = 0; i < it->update_count; i++) {
		struct ar_buf h = {0};
		update_heading(&h, &it->updates[i]);
		if (h.len) {
			ar_buf_adds(out, "<p><strong>");
			ar_html_text(out, h.data);
			ar_buf_adds(out, "</strong></p>");
		}
		ar_buf_free(&h);
		html_paragraphs(out, it->updates[i].text);
	}
	ar_buf_adds(out, "</td></tr>\n");
}

static void html_group_end(struct ar_buf *out, void *ctx)
{
	(void)ctx;
	ar_buf_adds(out, "</tbody>\n</table>\n");
}

/* The picture a committee asks for first: the exported items by status and
 * by response (and by RAG rating once any is rated), as inline SVG bars. */
static void html_charts(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view)
{
	struct ar_stats stats = {0};
	const struct ar_view_counts *counts = ar_view_counts(view);
	ar_stats_build(&stats, tracker, counts, ar_view_total(view));
	ar_buf_addf(out, "<div class=\"charts\">\n");
	ar_stats_svg(out, &stats.sections[AR_STATS_STATUS], "chart-status");
	if (counts->per_kind[AR_KIND_RECOMMENDATION])
		ar_stats_svg(out, &stats.sections[AR_STATS_RESPONSE], "chart-response");
	if (counts->per_rag[AR_RAG_NONE] < counts->matching)
		ar_stats_svg(out, &stats.sections[AR_STATS_RAG], "chart-rag");
	ar_buf_adds(out, "</div>\n");
	ar_stats_free(&stats);
}

static void export_html(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view)
{
	char d[AR_DATE_TEXT_MAX];
	const char *title = tracker->title ? tracker->title : "Action and Recommendation Tracker";
	ar_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	ar_html_text(out, title);
	ar_buf_adds(out, "</title>\n<style>\n"
	                 "table { border-collapse: collapse; width: 100%; }\n"
	                 "th, td { border: 1px solid #444; padding: 0.3em; vertical-align: top; text-align: left; }\n"
	                 "td p { margin: 0 0 0.5em 0; }\n"
	                 "td.status { white-space: nowrap; }\n"
	                 ".charts { display: flex; flex-wrap: wrap; gap: 1em 3em; margin: 0 0 1em 0; }\n"
	                 ".charts figure { margin: 0; }\n"
	                 ".rag { padding: 0 0.3em; font-weight: bold; }\n"
	                 ".rag-red { background: #d4351c; color: #fff; }\n"
	                 ".rag-amber { background: #ffbf47; color: #000; }\n"
	                 ".rag-green { background: #00703c; color: #fff; }\n"
	                 "</style>\n</head>\n<body>\n<h1>");
	ar_html_text(out, title);
	ar_buf_adds(out, "</h1>\n");
	if (tracker->committee || tracker->as_of) {
		ar_buf_adds(out, "<p>");
		ar_html_text(out, tracker->committee);
		if (tracker->committee && tracker->as_of)
			ar_buf_adds(out, ", ");
		ar_buf_adds(out, ar_date_format(tracker->as_of, d));
		ar_buf_adds(out, "</p>\n");
	}
	html_charts(out, tracker, view);
	static const struct ar_export_writer writer = {
		.group_start = html_group_start,
		.item = html_item,
		.group_end = html_group_end,
	};
	ar_export_by_meeting(out, tracker, view, &writer, NULL);
	ar_buf_adds(out, "</body>\n</html>\n");
}

void ar_format_export(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view,
                      enum ar_export_format format)
{
	switch (format) {
	case AR_EXPORT_CSV: export_csv(out, tracker, view); break;
	case AR_EXPORT_MARKDOWN: export_markdown(out, tracker, view); break;
	case AR_EXPORT_HTML: export_html(out, tracker, view); break;
	case AR_EXPORT_DOCX: ar_export_docx(out, tracker, view); break;
	case AR_EXPORT_FORMAT_COUNT: break;
	}
}
