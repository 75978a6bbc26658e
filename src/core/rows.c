/* rows.c - item rows, count rows, history and record lines. */
#include "config.h"

#include "artrack/rows.h"
#include "artrack/actions.h"
#include "artrack/compare.h"
#include "artrack/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The shortest spellings the filter still takes for each value (unique
 * prefixes; a test checks each matches back), for a narrow pane. */
const char *const ar_status_short_names[AR_STATUS_COUNT] = {
	[AR_STATUS_OPEN] = "open",
	[AR_STATUS_IN_PROGRESS] = "in-prog",
	[AR_STATUS_COMPLETED] = "completed",
	[AR_STATUS_CLOSED] = "closed",
};

const char *const ar_response_short_names[AR_RESPONSE_COUNT] = {
	[AR_RESPONSE_NONE] = "",
	[AR_RESPONSE_PENDING] = "pending",
	[AR_RESPONSE_ACCEPTED] = "accepted",
	[AR_RESPONSE_PARTIALLY_ACCEPTED] = "partial",
	[AR_RESPONSE_REJECTED] = "rejected",
	[AR_RESPONSE_NOTED] = "noted",
};

const struct ar_item_mark ar_item_marks[] = {
	{ "A R", "in the K column: an action, a recommendation (kind:act, kind:rec)" },
	{ "open in-prog completed closed",
	  "the status, in the words the filter takes (status:prog); wide panes spell them out (in-progress)" },
	{ "pending accepted partial rejected noted",
	  "a recommendation's response, likewise (response:partial is partially-accepted); blank for an action" },
	{ "!", "before a due date: overdue, due before today and not completed or closed (is:overdue)" },
	{ "pending!", "a response overdue: pending more than response_days (56) after the meeting (is:response-overdue)" },
	{ "R A G", "in the G column, in its colour: the RAG rating red, amber, green (rag:red); blank for none" },
	{ "+N", "after a lead: N more leads; the lead shown is the one the filter picked out (lead:omid)" },
	{ "Meeting Updated", "date columns, shown when the sort is by them (S, R) or the pane is wide" },
	{ "Text", "the start of the action or recommendation itself; Enter shows all of it" },
	{ "underlined", "what the filter's words matched, in Items, History and the Editor pane" },
};
const size_t ar_item_mark_count = sizeof ar_item_marks / sizeof ar_item_marks[0];

void ar_item_marks_roff(struct ar_buf *out)
{
	ar_buf_adds(out, ".SS In the Items pane\n");
	for (size_t i = 0; i < ar_item_mark_count; i++) {
		ar_buf_adds(out, ".TP\n\\fB");
		ar_roff_text(out, ar_item_marks[i].mark);
		ar_buf_adds(out, "\\fR\n");
		ar_roff_text(out, ar_item_marks[i].meaning);
		ar_buf_adds(out, ".\n");
	}
}

enum ar_role ar_status_role(enum ar_item_status status)
{
	return status == AR_STATUS_COMPLETED || status == AR_STATUS_CLOSED ? AR_ROLE_COMPLETED : AR_ROLE_NORMAL;
}

enum ar_role ar_response_role(enum ar_response response)
{
	if (response == AR_RESPONSE_REJECTED)
		return AR_ROLE_REJECTED;
	if (response == AR_RESPONSE_ACCEPTED || response == AR_RESPONSE_PARTIALLY_ACCEPTED)
		return AR_ROLE_ACCEPTED;
	return AR_ROLE_NORMAL;
}

enum ar_role ar_rag_role(enum ar_rag rag)
{
	switch (rag) {
	case AR_RAG_RED: return AR_ROLE_RAG_RED;
	case AR_RAG_AMBER: return AR_ROLE_RAG_AMBER;
	case AR_RAG_GREEN: return AR_ROLE_RAG_GREEN;
	case AR_RAG_NONE:
	case AR_RAG_COUNT: break;
	}
	return AR_ROLE_NORMAL;
}

/* Column widths: the words at their longest ("in-progress",
 * "partially-accepted", their short forms "completed", "accepted"), a due
 * date with its mark ("!2024-04", "!2024-04-17"), a date. */
enum { STATUS_FULL_W = 11, STATUS_SHORT_W = 9, RESPONSE_FULL_W = 18, RESPONSE_SHORT_W = 8, DUE_MONTH_W = 8,
       DUE_DAY_W = 11, DATE_W = 10 };
/* How the room after the fixed columns is shared: leads get a column from
 * LEADS_FROM columns of room, a fifth of it between LEADS_MIN_W and
 * LEADS_MAX_W; below that, from LEADS_NARROW_FROM (the Items pane at 80
 * columns), a LEADS_NARROW_W column that leaves the text its first 15
 * (TEXT_FIRST_W) columns and takes the topic's place where both do not
 * fit; the topic a third of the rest between TOPIC_MIN_W and
 * TOPIC_MAX_W; the text all that is left, when that is at least TEXT_MIN_W.
 * Full words, and the Meeting and Updated columns when the sort is not by
 * them, need WORDS_FROM and DATES_FROM columns of room. */
enum { LEADS_FROM = 36, LEADS_MIN_W = 10, LEADS_MAX_W = 32, LEADS_NARROW_FROM = 24, LEADS_NARROW_W = 8,
       TEXT_FIRST_W = 15, TOPIC_MIN_W = 8, TOPIC_MAX_W = 30, TEXT_MIN_W = 8, WORDS_FROM = 100, DATES_FROM = 130 };

static int shown_width(const struct ar_item_columns *c)
{
	int w = 0, n = 0;
	const int cols[] = { c->id, c->kind, c->status, c->response, c->rag, c->due, c->meeting, c->updated, c->leads,
	                     c->topic };
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		if (cols[i] > 0) {
			w += cols[i];
			n++;
		}
	return w + n; /* each followed by a blank; the text comes last */
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void ar_item_columns_fit(struct ar_item_columns *cols, const struct ar_item_layout *layout)
{
	int digits = 1;
	for (long n = layout->max_id; n >= 10; n /= 10)
		digits++;
	int width = layout->width;
	*cols = (struct ar_item_columns){
		.id = digits < 2 ? 2 : digits,
		.kind = 1,
		.status = STATUS_SHORT_W,
		.response = RESPONSE_SHORT_W,
		.rag = 1,
		.due = layout->day_dues ? DUE_DAY_W : DUE_MONTH_W,
		.meeting = layout->sort == AR_SORT_MEETING ? DATE_W : 0,
		.updated = layout->sort == AR_SORT_UPDATED ? DATE_W : 0,
	};
	int room = width - shown_width(cols);
	if (room >= WORDS_FROM) {
		cols->full_words = true;
		cols->status = STATUS_FULL_W;
		cols->response = RESPONSE_FULL_W;
		room -= STATUS_FULL_W - STATUS_SHORT_W + RESPONSE_FULL_W - RESPONSE_SHORT_W;
	}
	if (room >= DATES_FROM) {
		int *dates[] = { &cols->meeting, &cols->updated };
		for (size_t i = 0; i < 2; i++)
			if (!*dates[i]) {
				*dates[i] = DATE_W;
				room -= DATE_W + 1;
			}
	}
	if (room >= LEADS_FROM) {
		cols->leads = clamp(room / 5, LEADS_MIN_W, LEADS_MAX_W);
		room -= cols->leads + 1;
	}
	int text_min = TEXT_MIN_W;
	if (!cols->leads && room >= LEADS_NARROW_FROM) {
		cols->leads = LEADS_NARROW_W;
		room -= cols->leads + 1;
		text_min = TEXT_FIRST_W; /* the SEND items differ only there */
	}
	/* A pane too narrow for the rest keeps the text: the due date, then
	 * the response, the rating and the status make way. */
	int *drop[] = { &cols->due, &cols->response, &cols->rag, &cols->status };
	for (size_t i = 0; i < sizeof drop / sizeof drop[0] && room < TEXT_MIN_W; i++) {
		room += *drop[i] + 1;
		*drop[i] = 0;
	}
	if (room < TOPIC_MIN_W + 1 + text_min) {
		cols->text = room > 0 ? room : 0; /* no topic column: what the item says comes first */
		return;
	}
	cols->topic = clamp((room - 1) / 3, TOPIC_MIN_W, TOPIC_MAX_W);
	cols->text = room - cols->topic - 1;
}

void ar_item_columns_layout(struct ar_item_columns *cols, int width, long max_id)
{
	ar_item_columns_fit(cols, &(struct ar_item_layout){ .width = width, .max_id = max_id, .day_dues = true,
	                                                     .sort = AR_SORT_ID });
}

/* Put text in a column of width w at *x, then step past it and its blank. */
static void column(struct ar_screen *screen, int *x, int y, int w, const char *text, enum ar_role role,
                   unsigned attrs, bool right)
{
	if (w <= 0)
		return;
	int tw = ar_text_width(text, strlen(text));
	int pad = right && tw < w ? w - tw : 0;
	ar_screen_puts(screen, *x + pad, y, w - pad, text, role, attrs);
	*x += w + 1;
}

void ar_item_header_draw(struct ar_screen *screen, int x, int y, const struct ar_item_columns *cols,
                         enum ar_role role, unsigned attrs)
{
	int total = shown_width(cols) + cols->text;
	ar_screen_fill(screen, x, y, total, 1, " ", role, attrs);
	column(screen, &x, y, cols->id, "#", role, attrs, true);
	column(screen, &x, y, cols->kind, "K", role, attrs, false);
	column(screen, &x, y, cols->status, "Status", role, attrs, false);
	column(screen, &x, y, cols->response, "Response", role, attrs, false);
	column(screen, &x, y, cols->rag, "G", role, attrs, false);
	column(screen, &x, y, cols->due, "Due", role, attrs, false);
	column(screen, &x, y, cols->meeting, "Meeting", role, attrs, false);
	column(screen, &x, y, cols->updated, "Updated", role, attrs, false);
	column(screen, &x, y, cols->leads, "Leads", role, attrs, false);
	column(screen, &x, y, cols->topic, "Topic", role, attrs, false);
	column(screen, &x, y, cols->text, "Text", role, attrs, false);
}

/* Mark the query's matches in s[0..len), drawn from x in w columns, so the
 * officer sees why an item is shown. */
static void highlight(struct ar_screen *screen, int x, int y, int w, const char *s, size_t len,
                      const struct ar_query *query, enum ar_query_place place)
{
	size_t n, at = 0;
	while ((at = ar_query_find(query, place, s, len, at, &n)) != SIZE_MAX && n > 0) {
		int col = ar_text_width(s, at), mw = ar_text_width(s + at, n);
		if (col >= w)
			break;
		ar_screen_add_attrs(screen, x + col, y, col + mw > w ? w - col : mw, AR_ATTR_UNDERLINE | AR_ATTR_BOLD);
		at += n;
	}
}

/* Put s[0..len) in a column of width w at *x, its matches marked. */
static void text_column(struct ar_screen *screen, int *x, int y, int w, const char *s, size_t len,
                        enum ar_role role, unsigned attrs, const struct ar_query *query, enum ar_query_place place)
{
	if (w <= 0)
		return;
	ar_screen_put(screen, *x, y, w, s, len, role, attrs);
	highlight(screen, *x, y, w, s, len, query, place);
	*x += w + 1;
}

/* The lead to show: the first the query picked out (lead:omid), else the
 * first; *others gets how many more there are. */
static const char *lead_shown(const struct ar_item *item, const struct ar_query *query, size_t *others)
{
	*others = item->lead_count > 1 ? item->lead_count - 1 : 0;
	if (!item->lead_count)
		return "";
	for (size_t i = 0; query && i < item->lead_count; i++)
		if (ar_query_find(query, AR_QUERY_IN_LEAD, item->leads[i], strlen(item->leads[i]), 0, NULL) != SIZE_MAX)
			return item->leads[i];
	return item->leads[0];
}

static void leads_column(struct ar_screen *screen, int *x, int y, int w, const struct ar_item *item,
                         const struct ar_item_row_context *ctx, unsigned attrs)
{
	if (w <= 0)
		return;
	size_t others;
	const char *lead = lead_shown(item, ctx->query, &others);
	/* "+2" after the name, never cut: the name gives way. */
	char more[32] = "";
	int mw = others ? snprintf(more, sizeof more, " +%zu", others) : 0;
	int name_w = w - mw > 1 ? w - mw : w;
	int used = ar_screen_put(screen, *x, y, name_w, lead, strlen(lead), AR_ROLE_NORMAL, attrs);
	highlight(screen, *x, y, name_w, lead, strlen(lead), ctx->query, AR_QUERY_IN_LEAD);
	if (mw && used + mw <= w)
		ar_screen_puts(screen, *x + used, y, mw, more, AR_ROLE_LABEL, attrs);
	*x += w + 1;
}

void ar_item_row_draw(struct ar_screen *screen, int x, int y, const struct ar_item_columns *cols,
                      const struct ar_item *item, const struct ar_item_row_context *ctx, unsigned attrs)
{
	ar_screen_fill(screen, x, y, shown_width(cols) + cols->text, 1, " ", AR_ROLE_NORMAL, attrs);
	char buf[64], date[AR_DATE_TEXT_MAX];
	snprintf(buf, sizeof buf, "%ld", item->id);
	column(screen, &x, y, cols->id, buf, AR_ROLE_NORMAL, attrs, true);
	column(screen, &x, y, cols->kind, item->kind == AR_KIND_RECOMMENDATION ? "R" : "A", AR_ROLE_LABEL, attrs, false);

	enum ar_role done_role = ar_status_role(item->status);
	const char *const *status_words = cols->full_words ? ar_status_names : ar_status_short_names;
	const char *const *response_words = cols->full_words ? ar_response_names : ar_response_short_names;
	column(screen, &x, y, cols->status, status_words[item->status], done_role, attrs, false);
	/* A response overdue (is:response-overdue) is marked after its word. */
	bool late = ar_item_is_response_overdue(item, ctx->response_days ? ctx->response_days : AR_RESPONSE_DAYS_DEFAULT,
	                                        ctx->today);
	snprintf(buf, sizeof buf, "%s%s", response_words[item->response], late ? "!" : "");
	column(screen, &x, y, cols->response, buf, late ? AR_ROLE_OVERDUE : ar_response_role(item->response), attrs,
	       false);
	/* The rating as its letter, so it reads without colour (NO_COLOR). */
	static const char *const rag_letters[AR_RAG_COUNT] = {"", "R", "A", "G"};
	column(screen, &x, y, cols->rag, rag_letters[item->rag < AR_RAG_COUNT ? item->rag : AR_RAG_NONE],
	       ar_rag_role(item->rag), attrs, false);

	bool overdue = ar_item_is_overdue(item, ctx->today);
	snprintf(buf, sizeof buf, "%s%s", overdue ? "!" : " ", ar_date_format(item->due, date));
	column(screen, &x, y, cols->due, buf, overdue ? AR_ROLE_OVERDUE : AR_ROLE_NORMAL, attrs, false);
	column(screen, &x, y, cols->meeting, ar_date_format(item->meeting, date), AR_ROLE_NORMAL, attrs, false);
	column(screen, &x, y, cols->updated, ar_date_format(ar_item_updated(item), date), AR_ROLE_NORMAL, attrs, false);
	leads_column(screen, &x, y, cols->leads, item, ctx, attrs);

	const char *topic = item->topic ? item->topic : "";
	text_column(screen, &x, y, cols->topic, topic, strlen(topic), done_role, attrs, ctx->query, AR_QUERY_IN_TOPIC);
	/* An item with only a topic (the spec asks for a topic or a text) shows
	 * it where its text would be when there is no topic column. */
	bool topic_instead = !item->text && !cols->topic && item->topic;
	const char *text = item->text ? item->text : topic_instead ? item->topic : "";
	text_column(screen, &x, y, cols->text, text, strlen(text), done_role, attrs, ctx->query,
	            topic_instead ? AR_QUERY_IN_TOPIC : AR_QUERY_IN_TEXT);
}

void ar_count_row_draw(struct ar_screen *screen, int x, int y, int width, const char *label, size_t count,
                       enum ar_role role, unsigned attrs)
{
	if (width <= 0)
		return;
	char num[32];
	int nw = snprintf(num, sizeof num, "%zu", count);
	ar_screen_fill(screen, x, y, width, 1, " ", role, attrs);
	if (nw + 2 <= width) {
		ar_screen_puts(screen, x, y, width - nw - 1, label, role, attrs);
		ar_screen_puts(screen, x + width - nw, y, nw, num, role, attrs);
	} else {
		ar_screen_puts(screen, x, y, width, label, role, attrs);
	}
}

/* ---- lines ---- */

static void lines_reset(struct ar_lines *out)
{
	out->count = 0;
	if (out->arena)
		ar_arena_free(out->arena);
	out->arena = ar_arena_new();
}

static struct ar_line *line_add(struct ar_lines *out, const char *text, size_t len, int indent, enum ar_role role,
                                int field, int index)
{
	AR_GROW(out->items, out->capacity, out->count + 1, 32);
	struct ar_line *line = &out->items[out->count++];
	*line = (struct ar_line){ NULL, AR_ROLE_LABEL, text, len, indent, role, field, index, false };
	return line;
}

/* A composed string kept in the lines' arena. */
static const char *keep(struct ar_lines *out, struct ar_buf *buf)
{
	const char *s = ar_arena_strndup(out->arena, buf->data ? buf->data : "", buf->len);
	ar_buf_reset(buf);
	return s;
}

/* Lines of text wrapped to width - indent; the first gets label and first. */
static void wrapped_lines(struct ar_lines *out, const char *label, const char *text, int indent, int width,
                          enum ar_role role, int field, int index)
{
	struct ar_wrapped wrapped = { 0 };
	size_t len = strlen(text);
	ar_text_wrap(text, len, width - indent, &wrapped);
	if (wrapped.count == 0) {
		struct ar_line *line = line_add(out, "", 0, indent, role, field, index);
		line->label = label;
		line->first = true;
	}
	for (size_t i = 0; i < wrapped.count; i++) {
		struct ar_line *line = line_add(out, text + wrapped.lines[i].start, wrapped.lines[i].len, indent, role,
		                                field, index);
		if (i == 0) {
			line->label = label;
			line->first = true;
		}
	}
	ar_wrapped_free(&wrapped);
}

/* "2. 2023-09-21 · Response · Omid Nouri": every update numbered as `show`
 * numbers it (so an unlabelled one and one labelled "Update" read alike),
 * leaving out what is absent, "Update" when all is. */
static void update_header(struct ar_buf *buf, const struct ar_update *u, size_t number)
{
	char date[AR_DATE_TEXT_MAX];
	const char *parts[3] = { u->date ? ar_date_format(u->date, date) : NULL, u->label, u->by };
	bool any = false;
	ar_buf_addf(buf, "%zu. ", number);
	for (int i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (any)
			ar_buf_adds(buf, " \xc2\xb7 ");
		ar_buf_adds(buf, parts[i]);
		any = true;
	}
	if (!any)
		ar_buf_adds(buf, "Update");
}

static void update_lines(struct ar_lines *out, const struct ar_item *item, int indent, int width,
                         const char *label)
{
	struct ar_buf buf = { 0 };
	for (size_t i = 0; i < item->update_count; i++) {
		const struct ar_update *u = &item->updates[i];
		if (i > 0)
			line_add(out, "", 0, indent, AR_ROLE_NORMAL, AR_ITEM_KEY_UPDATES, (int)i);
		update_header(&buf, u, i + 1);
		const char *header = keep(out, &buf);
		struct ar_line *line = line_add(out, header, strlen(header), indent, AR_ROLE_HEADER, AR_ITEM_KEY_UPDATES,
		                                (int)i);
		line->first = true;
		line->label = i == 0 ? label : NULL;
		size_t text_start = out->count;
		wrapped_lines(out, NULL, u->text ? u->text : "", indent + 2, width, AR_ROLE_NORMAL, AR_ITEM_KEY_UPDATES,
		              (int)i);
		out->items[text_start].first = false; /* the header starts the update */
	}
	ar_buf_free(&buf);
}

void ar_history_lines(struct ar_lines *out, const struct ar_item *item, int width)
{
	lines_reset(out);
	if (!item)
		return;
	if (item->update_count == 0) {
		const char *none = "No updates yet.";
		line_add(out, none, strlen(none), 0, AR_ROLE_LABEL, AR_LINE_FIELD_NONE, -1);
		return;
	}
	update_lines(out, item, 0, width, NULL);
}

enum { LABEL_W = 10 };

static void field_value(struct ar_lines *out, int field, const char *value, int width, enum ar_role role)
{
	const char *label = ar_item_key_names[field];
	if (!value || !*value) {
		struct ar_line *line = line_add(out, "\xe2\x80\x94", 3, LABEL_W, AR_ROLE_LABEL, field, -1);
		line->label = label;
		line->first = true;
		return;
	}
	wrapped_lines(out, label, value, LABEL_W, width, role, field, -1);
}

/* One line for an unknown key: its value when it is a scalar. */
static void extra_line(struct ar_lines *out, const struct ar_extra *extra, int index, int width)
{
	const char *value = extra->value && extra->value->type == AR_NODE_SCALAR ? extra->value->as.scalar.value
	                                                                        : "(kept as written)";
	const char *label = ar_arena_strdup(out->arena, extra->key);
	wrapped_lines(out, label, value ? value : "", LABEL_W, width, AR_ROLE_NORMAL, AR_LINE_FIELD_EXTRA, index);
}

void ar_record_lines(struct ar_lines *out, const struct ar_tracker *tracker, const struct ar_item *item, int width)
{
	lines_reset(out);
	if (!item)
		return;
	struct ar_buf buf = { 0 };
	char date[AR_DATE_TEXT_MAX];
	for (int key = 0; key < AR_ITEM_KEY_COUNT; key++) {
		enum ar_role role = AR_ROLE_NORMAL;
		switch ((enum ar_item_key)key) {
		case AR_ITEM_KEY_ID:
			ar_buf_addf(&buf, "%ld", item->id);
			field_value(out, key, keep(out, &buf), width, role);
			break;
		case AR_ITEM_KEY_MEETING:
			if (item->meeting) {
				const struct ar_meeting *m = tracker ? ar_tracker_find_meeting(tracker, item->meeting) : NULL;
				ar_buf_adds(&buf, ar_date_format(item->meeting, date));
				if (m && m->title)
					ar_buf_addf(&buf, " \xc2\xb7 %s", m->title);
			}
			field_value(out, key, keep(out, &buf), width, role);
			break;
		case AR_ITEM_KEY_TOPIC:
			field_value(out, key, item->topic, width, role);
			break;
		case AR_ITEM_KEY_KIND:
			field_value(out, key, ar_kind_names[item->kind], width, role);
			break;
		case AR_ITEM_KEY_TEXT:
			field_value(out, key, item->text, width, role);
			break;
		case AR_ITEM_KEY_LEADS:
			if (item->lead_count == 0)
				field_value(out, key, NULL, width, role);
			for (size_t i = 0; i < item->lead_count; i++)
				wrapped_lines(out, i == 0 ? ar_item_key_names[key] : NULL, item->leads[i], LABEL_W, width, role,
				              key, (int)i);
			break;
		case AR_ITEM_KEY_STATUS:
			field_value(out, key, ar_status_names[item->status], width, ar_status_role(item->status));
			break;
		case AR_ITEM_KEY_RESPONSE:
			field_value(out, key, ar_response_names[item->response], width, ar_response_role(item->response));
			break;
		case AR_ITEM_KEY_DUE:
			/* Lines borrow their text: the date goes in the lines' arena. */
			ar_buf_adds(&buf, ar_date_format(item->due, date));
			field_value(out, key, keep(out, &buf), width, role);
			break;
		case AR_ITEM_KEY_RESPONDED:
			/* Only a recommendation has a response to date. */
			if (item->kind != AR_KIND_RECOMMENDATION)
				break;
			ar_buf_adds(&buf, ar_date_format(item->responded, date));
			field_value(out, key, keep(out, &buf), width, role);
			break;
		case AR_ITEM_KEY_RAG:
			field_value(out, key, ar_rag_names[item->rag < AR_RAG_COUNT ? item->rag : AR_RAG_NONE], width, role);
			break;
		case AR_ITEM_KEY_CLOSED_ON:
			ar_buf_adds(&buf, ar_date_format(item->closed_on, date));
			field_value(out, key, keep(out, &buf), width, role);
			break;
		case AR_ITEM_KEY_UPDATES:
			if (item->update_count == 0)
				field_value(out, key, NULL, width, role);
			else
				update_lines(out, item, LABEL_W, width, ar_item_key_names[key]);
			break;
		case AR_ITEM_KEY_COUNT:
			break;
		}
	}
	for (size_t i = 0; i < item->extras.count; i++)
		extra_line(out, &item->extras.items[i], (int)i, width);
	ar_buf_free(&buf);
}

void ar_help_lines(struct ar_lines *out, int width)
{
	lines_reset(out);
	struct ar_buf keys = { 0 };
	int keys_width = 0;
	for (int a = 1; a < AR_ACTION_COUNT; a++) {
		ar_buf_reset(&keys);
		ar_action_keys((enum ar_action)a, &keys);
		int w = ar_text_width(keys.data, keys.len);
		if (w > keys_width)
			keys_width = w;
	}
	for (int m = 0; m < AR_MODE_COUNT; m++)
		for (size_t i = 0; i < ar_mode_infos[m].count; i++) {
			ar_buf_reset(&keys);
			ar_mode_op_keys((enum ar_mode)m, ar_mode_infos[m].keys[i].op, &keys);
			int w = ar_text_width(keys.data, keys.len);
			if (w > keys_width)
				keys_width = w;
		}
	if (keys_width > width / 3)
		keys_width = width / 3;
	int indent = 2 + keys_width + 2;
	for (int g = 0; g < AR_GROUP_COUNT; g++) {
		if (g > 0)
			line_add(out, "", 0, 0, AR_ROLE_NORMAL, AR_LINE_FIELD_NONE, -1);
		const char *title = ar_action_group_titles[g];
		line_add(out, title, strlen(title), 0, AR_ROLE_HEADER, AR_LINE_FIELD_NONE, -1)->first = true;
		for (int a = 1; a < AR_ACTION_COUNT; a++) {
			if (ar_action_infos[a].group != (enum ar_action_group)g)
				continue;
			ar_buf_reset(&keys);
			ar_buf_adds(&keys, "  ");
			ar_action_keys((enum ar_action)a, &keys);
			size_t first = out->count;
			wrapped_lines(out, keep(out, &keys), ar_action_infos[a].help, indent, width, AR_ROLE_NORMAL,
			              AR_LINE_FIELD_NONE, a);
			out->items[first].label_role = AR_ROLE_KEY;
		}
	}
	/* What the Items pane's marks mean. */
	line_add(out, "", 0, 0, AR_ROLE_NORMAL, AR_LINE_FIELD_NONE, -1);
	const char *marks = "In the Items pane";
	line_add(out, marks, strlen(marks), 0, AR_ROLE_HEADER, AR_LINE_FIELD_NONE, -1)->first = true;
	for (size_t i = 0; i < ar_item_mark_count; i++) {
		ar_buf_reset(&keys);
		ar_buf_addf(&keys, "  %s", ar_item_marks[i].mark);
		bool own_line = ar_text_width(keys.data, keys.len) > indent - 1;
		if (own_line) /* a long mark on its own line, the meaning below it */
			line_add(out, keep(out, &keys), keys.len, 0, AR_ROLE_KEY, AR_LINE_FIELD_NONE, -1)->first = true;
		size_t first = out->count;
		wrapped_lines(out, own_line ? NULL : keep(out, &keys), ar_item_marks[i].meaning, indent, width,
		              AR_ROLE_NORMAL, AR_LINE_FIELD_NONE, -1);
		out->items[first].label_role = AR_ROLE_KEY;
	}
	/* Then the input modes' keys, from their tables. */
	for (int m = 0; m < AR_MODE_COUNT; m++) {
		const struct ar_mode_info *info = &ar_mode_infos[m];
		line_add(out, "", 0, 0, AR_ROLE_NORMAL, AR_LINE_FIELD_NONE, -1);
		line_add(out, info->title, strlen(info->title), 0, AR_ROLE_HEADER, AR_LINE_FIELD_NONE, -1)->first = true;
		if (info->note)
			wrapped_lines(out, NULL, info->note, 2, width, AR_ROLE_NORMAL, AR_LINE_FIELD_NONE, -1);
		for (size_t i = 0; i < info->count; i++) {
			if (!info->keys[i].help)
				continue;
			ar_buf_reset(&keys);
			ar_buf_adds(&keys, "  ");
			ar_mode_op_keys((enum ar_mode)m, info->keys[i].op, &keys);
			size_t first = out->count;
			wrapped_lines(out, keep(out, &keys), info->keys[i].help, indent, width, AR_ROLE_NORMAL,
			              AR_LINE_FIELD_NONE, -1);
			out->items[first].label_role = AR_ROLE_KEY;
		}
	}
	ar_buf_free(&keys);
}

/* Which of the query's terms search a line's text: none for headers and
 * for fields no term reads. */
static bool line_place(const struct ar_line *line, enum ar_query_place *place)
{
	if (line->role == AR_ROLE_HEADER)
		return false;
	switch (line->field) {
	case AR_ITEM_KEY_TOPIC: *place = AR_QUERY_IN_TOPIC; return true;
	case AR_ITEM_KEY_TEXT: *place = AR_QUERY_IN_TEXT; return true;
	case AR_ITEM_KEY_LEADS: *place = AR_QUERY_IN_LEAD; return true;
	case AR_ITEM_KEY_UPDATES:
	case AR_ITEM_KEY_MEETING: *place = AR_QUERY_IN_OTHER; return true;
	default: return false;
	}
}

void ar_line_draw(struct ar_screen *screen, int x, int y, int width, const struct ar_line *line, unsigned attrs,
                  const struct ar_query *query)
{
	ar_screen_fill(screen, x, y, width, 1, " ", AR_ROLE_NORMAL, attrs);
	if (line->label)
		ar_screen_puts(screen, x, y, line->indent - 1 < width ? line->indent - 1 : width, line->label,
		               line->label_role, attrs);
	if (line->indent >= width)
		return;
	ar_screen_put(screen, x + line->indent, y, width - line->indent, line->text, line->len, line->role, attrs);
	enum ar_query_place place;
	if (query && line_place(line, &place))
		highlight(screen, x + line->indent, y, width - line->indent, line->text, line->len, query, place);
}

void ar_lines_free(struct ar_lines *out)
{
	free(out->items);
	if (out->arena)
		ar_arena_free(out->arena);
	*out = (struct ar_lines){ 0 };
}

/* ---- both sides of a conflict ---- */

/* The updates of item, as the History pane shows them, each one the other
 * side lacks (added, removed or changed there) marked in its header. */
static void side_updates(struct ar_lines *out, const struct ar_item *item, const struct ar_item *other, int width)
{
	if (item->update_count == 0) {
		line_add(out, "No updates.", 11, 2, AR_ROLE_LABEL, AR_LINE_FIELD_NONE, -1);
		return;
	}
	long *match = ar_xcalloc(item->update_count, sizeof *match);
	if (other)
		ar_updates_match(item->updates, item->update_count, other->updates, other->update_count, match);
	else
		for (size_t i = 0; i < item->update_count; i++)
			match[i] = -1;
	size_t first = out->count;
	update_lines(out, item, 2, width, NULL);
	struct ar_buf buf = { 0 };
	for (size_t i = first; i < out->count; i++) {
		struct ar_line *line = &out->items[i];
		if (line->role != AR_ROLE_HEADER || line->index < 0 || match[line->index] >= 0)
			continue;
		ar_buf_add(&buf, line->text, line->len);
		ar_buf_adds(&buf, "  [differs]");
		line->len = buf.len;
		line->text = keep(out, &buf);
		line->role = AR_ROLE_ERROR;
	}
	ar_buf_free(&buf);
	free(match);
}

/* An unknown key's value to wrap: the scalar; or NULL when it is a list
 * or mapping kept as written, whose lines are added as the file has them. */
static const char *extra_value(struct ar_lines *out, const struct ar_extras *extras, const char *key)
{
	const struct ar_extra *e = extras ? ar_extras_find(extras, key) : NULL;
	const struct ar_node *v = e ? e->value : NULL;
	if (!v)
		return "";
	if (v->type == AR_NODE_SCALAR)
		return v->as.scalar.value ? v->as.scalar.value : "";
	if (v->type != AR_NODE_RAW)
		return "(a list or mapping)";
	const char *at = v->as.raw.bytes, *end = at + v->as.raw.length;
	for (bool first = true; at < end; first = false) {
		const char *nl = memchr(at, '\n', (size_t)(end - at));
		const char *stop = nl ? nl : end;
		/* lines after the first stand at their own indentation: keep
		 * what is beyond the first line's column */
		for (int skip = first ? 0 : v->as.raw.column; skip > 0 && at < stop && *at == ' '; skip--)
			at++;
		size_t len = (size_t)(stop - at);
		if (len && at[len - 1] == '\r')
			len--;
		line_add(out, ar_arena_strndup(out->arena, at, len), len, 2, AR_ROLE_NORMAL, AR_LINE_FIELD_NONE, -1);
		at = stop + 1;
	}
	return NULL;
}

/* One side's value at the place, wrapped, after its label. */
static void side_lines(struct ar_lines *out, const struct ar_side *side, const struct ar_side *other, long id,
                       ar_date meeting, const char *field, int width)
{
	struct ar_buf buf = { 0 };
	char date[AR_DATE_TEXT_MAX];
	struct ar_line *head = line_add(out, side->label, strlen(side->label), 0, AR_ROLE_HEADER, AR_LINE_FIELD_NONE,
	                                -1);
	head->first = true;
	const char *value = NULL;
	if (id) {
		const struct ar_item *item = ar_tracker_find_item(side->tracker, id);
		const struct ar_item *their = ar_tracker_find_item(other->tracker, id);
		if (!item) {
			ar_buf_addf(&buf, "(no item %ld on this side)", id);
			value = keep(out, &buf);
		} else if (!field) {
			struct ar_lines record = { 0 };
			/* as the Editor pane lays it out: field names at the left */
			ar_record_lines(&record, side->tracker, item, width);
			for (size_t i = 0; i < record.count; i++) {
				struct ar_line *line = line_add(out, "", 0, 0, AR_ROLE_NORMAL, 0, -1);
				*line = record.items[i];
				line->text = ar_arena_strndup(out->arena, line->text, line->len);
				line->label = line->label ? ar_arena_strdup(out->arena, line->label) : NULL;
			}
			ar_lines_free(&record);
		} else if (strcmp(field, "updates") == 0) {
			side_updates(out, item, their, width);
		} else {
			ar_buf_adds(&buf, "");
			bool known = false;
			for (size_t f = 0; f < ar_item_field_count; f++)
				if (strcmp(ar_item_fields[f].name, field) == 0) {
					ar_item_fields[f].show(&buf, item);
					known = true;
				}
			value = known ? keep(out, &buf) : extra_value(out, &item->extras, field);
		}
	} else if (meeting != AR_DATE_NONE) {
		const struct ar_meeting *m = ar_tracker_find_meeting(side->tracker, meeting);
		if (!m) {
			ar_buf_addf(&buf, "(no meeting %s on this side)", ar_date_format(meeting, date));
			value = keep(out, &buf);
		} else if (!field) {
			ar_buf_addf(&buf, "%s%s%s", ar_date_format(meeting, date), m->title ? " \xc2\xb7 " : "",
			            m->title ? m->title : "");
			value = keep(out, &buf);
		} else {
			value = strcmp(field, "title") == 0 ? (m->title ? m->title : "") : extra_value(out, &m->extras, field);
		}
	} else {
		bool known = false;
		ar_buf_adds(&buf, "");
		for (size_t f = 0; f < ar_tracker_field_count; f++)
			if (strcmp(ar_tracker_fields[f].name, field) == 0) {
				ar_tracker_fields[f].show(&buf, side->tracker);
				known = true;
			}
		value = known ? keep(out, &buf) : extra_value(out, &side->tracker->extras, field);
	}
	if (value && *value)
		wrapped_lines(out, NULL, value, 2, width, AR_ROLE_NORMAL, AR_LINE_FIELD_NONE, -1);
	else if (value)
		line_add(out, "(none)", 6, 2, AR_ROLE_LABEL, AR_LINE_FIELD_NONE, -1);
	ar_buf_free(&buf);
}

void ar_sides_lines(struct ar_lines *out, const struct ar_side sides[2], long id, ar_date meeting, const char *field,
                    int width)
{
	lines_reset(out);
	side_lines(out, &sides[0], &sides[1], id, meeting, field, width);
	line_add(out, "", 0, 0, AR_ROLE_NORMAL, AR_LINE_FIELD_NONE, -1);
	side_lines(out, &sides[1], &sides[0], id, meeting, field, width);
}
