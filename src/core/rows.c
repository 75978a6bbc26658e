/* rows.c - item rows, count rows, history and record lines. */
#include "config.h"

#include "artrack/rows.h"
#include "artrack/actions.h"
#include "artrack/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ar_status_short_names[AR_STATUS_COUNT] = {
	[AR_STATUS_OPEN] = "open",
	[AR_STATUS_IN_PROGRESS] = "in-prog",
	[AR_STATUS_COMPLETED] = "done",
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

/* Widths of the fixed columns at their fullest. */
/* Leads get a column only once the topic has TOPIC_ROOMY_W columns; the
 * others go only when it would have fewer than TOPIC_MIN_W. */
enum { STATUS_W = 7, RESPONSE_W = 8, DUE_W = 11, LEADS_MAX_W = 18, LEADS_MIN_W = 8, TOPIC_MIN_W = 12,
       TOPIC_ROOMY_W = 24 };

static int shown_width(const struct ar_item_columns *c)
{
	int w = 0, n = 0;
	const int cols[] = { c->id, c->kind, c->status, c->response, c->due, c->leads };
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		if (cols[i] > 0) {
			w += cols[i];
			n++;
		}
	return w + n; /* each followed by a blank */
}

void ar_item_columns_layout(struct ar_item_columns *cols, int width, long max_id)
{
	int digits = 1;
	for (long n = max_id; n >= 10; n /= 10)
		digits++;
	*cols = (struct ar_item_columns){
		.id = digits < 2 ? 2 : digits,
		.kind = 1,
		.status = STATUS_W,
		.response = RESPONSE_W,
		.due = DUE_W,
		.leads = 0,
	};
	int spare = width - shown_width(cols) - TOPIC_ROOMY_W;
	if (spare >= LEADS_MIN_W + 1)
		cols->leads = spare - 1 > LEADS_MAX_W ? LEADS_MAX_W : spare - 1;
	int *drop[] = { &cols->due, &cols->response, &cols->status };
	for (size_t i = 0; i < sizeof drop / sizeof drop[0] && width - shown_width(cols) < TOPIC_MIN_W; i++)
		*drop[i] = 0;
	cols->topic = width - shown_width(cols);
	if (cols->topic < 0)
		cols->topic = 0;
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
	int total = shown_width(cols) + cols->topic;
	ar_screen_fill(screen, x, y, total, 1, " ", role, attrs);
	column(screen, &x, y, cols->id, "#", role, attrs, true);
	column(screen, &x, y, cols->kind, "K", role, attrs, false);
	column(screen, &x, y, cols->status, "Status", role, attrs, false);
	column(screen, &x, y, cols->response, "Response", role, attrs, false);
	column(screen, &x, y, cols->due, "Due", role, attrs, false);
	column(screen, &x, y, cols->leads, "Leads", role, attrs, false);
	column(screen, &x, y, cols->topic, "Topic", role, attrs, false);
}

/* The topic, or else the first line of the text. */
static void item_topic(const struct ar_item *item, const char **text, size_t *len)
{
	const char *s = item->topic ? item->topic : item->text ? item->text : "";
	*text = s;
	*len = item->topic ? strlen(s) : strcspn(s, "\n");
}

void ar_item_row_draw(struct ar_screen *screen, int x, int y, const struct ar_item_columns *cols,
                      const struct ar_item *item, ar_date today, unsigned attrs)
{
	ar_screen_fill(screen, x, y, shown_width(cols) + cols->topic, 1, " ", AR_ROLE_NORMAL, attrs);
	char buf[64];
	snprintf(buf, sizeof buf, "%ld", item->id);
	column(screen, &x, y, cols->id, buf, AR_ROLE_NORMAL, attrs, true);
	column(screen, &x, y, cols->kind, item->kind == AR_KIND_RECOMMENDATION ? "R" : "A", AR_ROLE_LABEL, attrs, false);

	enum ar_role done_role = ar_status_role(item->status);
	column(screen, &x, y, cols->status, ar_status_short_names[item->status], done_role, attrs, false);
	column(screen, &x, y, cols->response, ar_response_short_names[item->response],
	       ar_response_role(item->response), attrs, false);

	char date[AR_DATE_TEXT_MAX];
	bool overdue = ar_item_is_overdue(item, today);
	snprintf(buf, sizeof buf, "%s%s", overdue ? "!" : " ", ar_date_format(item->due, date));
	column(screen, &x, y, cols->due, buf, overdue ? AR_ROLE_OVERDUE : AR_ROLE_NORMAL, attrs, false);

	if (cols->leads > 0) {
		struct ar_buf leads = { 0 };
		ar_buf_add(&leads, "", 0);
		if (item->lead_count > 0) {
			/* The count of other leads goes first so a cut name never hides it. */
			if (item->lead_count > 1)
				ar_buf_addf(&leads, "+%zu ", item->lead_count - 1);
			ar_buf_adds(&leads, item->leads[0]);
		}
		column(screen, &x, y, cols->leads, leads.data, AR_ROLE_NORMAL, attrs, false);
		ar_buf_free(&leads);
	}

	const char *topic;
	size_t topic_len;
	item_topic(item, &topic, &topic_len);
	if (cols->topic > 0)
		ar_screen_put(screen, x, y, cols->topic, topic, topic_len, done_role, attrs);
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

/* "2023-09-21 · Response · Omid Nouri", leaving out what is absent. */
static void update_header(struct ar_buf *buf, const struct ar_update *u, size_t number)
{
	char date[AR_DATE_TEXT_MAX];
	const char *parts[3] = { u->date ? ar_date_format(u->date, date) : NULL, u->label, u->by };
	bool any = false;
	for (int i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (any)
			ar_buf_adds(buf, " \xc2\xb7 ");
		ar_buf_adds(buf, parts[i]);
		any = true;
	}
	if (!any)
		ar_buf_addf(buf, "Update %zu", number);
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

void ar_line_draw(struct ar_screen *screen, int x, int y, int width, const struct ar_line *line, unsigned attrs)
{
	ar_screen_fill(screen, x, y, width, 1, " ", AR_ROLE_NORMAL, attrs);
	if (line->label)
		ar_screen_puts(screen, x, y, line->indent - 1 < width ? line->indent - 1 : width, line->label,
		               line->label_role, attrs);
	if (line->indent < width)
		ar_screen_put(screen, x + line->indent, y, width - line->indent, line->text, line->len, line->role, attrs);
}

void ar_lines_free(struct ar_lines *out)
{
	free(out->items);
	if (out->arena)
		ar_arena_free(out->arena);
	*out = (struct ar_lines){ 0 };
}
