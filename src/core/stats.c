/* stats.c - the counts model, its text for the command line, and bars. */
#include "config.h"

#include "artrack/stats.h"
#include "artrack/date.h"
#include "artrack/format.h"
#include "artrack/rows.h"
#include "artrack/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const section_titles[AR_STATS_SECTION_COUNT] = {
	[AR_STATS_STATUS] = "By status",
	[AR_STATS_RESPONSE] = "By response (recommendations)",
	[AR_STATS_KIND] = "By kind",
	[AR_STATS_RESPONSE_DUE] = "Responses",  /* the days allowed are added */
	[AR_STATS_RAG] = "By RAG rating",
	[AR_STATS_MEETING] = "By meeting",
	[AR_STATS_LEAD] = "By lead",
};

static struct ar_stats_row *section_rows(struct ar_stats *out, enum ar_stats_section_id id, size_t count)
{
	struct ar_stats_section *sec = &out->sections[id];
	sec->title = section_titles[id];
	sec->rows = ar_arena_alloc(out->arena, (count ? count : 1) * sizeof *sec->rows);
	sec->count = count;
	return sec->rows;
}

struct dated {
	ar_date date;
	size_t index;
};

static int dated_cmp(const void *a, const void *b)
{
	const struct dated *x = a, *y = b;
	return (x->date > y->date) - (x->date < y->date);
}

static int label_width(const char *label)
{
	return ar_text_width(label, strlen(label));
}

static int digits(size_t n)
{
	int d = 1;
	for (; n >= 10; n /= 10)
		d++;
	return d;
}

void ar_stats_build(struct ar_stats *out, const struct ar_tracker *tracker, const struct ar_view_counts *counts,
                    size_t total)
{
	ar_stats_free(out);
	out->arena = ar_arena_new();
	out->shown = counts->matching;
	out->total = total;

	struct ar_stats_row *r = section_rows(out, AR_STATS_STATUS, AR_STATUS_COUNT);
	for (int s = 0; s < AR_STATUS_COUNT; s++)
		r[s] = (struct ar_stats_row){ar_status_names[s], counts->per_status[s], ar_status_role(s)};
	r = section_rows(out, AR_STATS_RESPONSE, AR_RESPONSE_COUNT - AR_RESPONSE_PENDING);
	for (int s = AR_RESPONSE_PENDING; s < AR_RESPONSE_COUNT; s++)
		r[s - AR_RESPONSE_PENDING] = (struct ar_stats_row){ar_response_names[s], counts->per_response[s],
		                                                   ar_response_role(s)};
	r = section_rows(out, AR_STATS_KIND, AR_KIND_COUNT);
	for (int k = 0; k < AR_KIND_COUNT; k++)
		r[k] = (struct ar_stats_row){ar_kind_names[k], counts->per_kind[k], AR_ROLE_NORMAL};

	r = section_rows(out, AR_STATS_RESPONSE_DUE, 2);
	r[0] = (struct ar_stats_row){"awaiting a response", counts->awaiting_response, AR_ROLE_NORMAL};
	r[1] = (struct ar_stats_row){"response overdue", counts->response_overdue, AR_ROLE_OVERDUE};
	char title[64];
	snprintf(title, sizeof title, "Responses (due %d days after the meeting)", ar_tracker_response_days(tracker));
	out->sections[AR_STATS_RESPONSE_DUE].title = ar_arena_strdup(out->arena, title);
	r = section_rows(out, AR_STATS_RAG, AR_RAG_COUNT);
	for (int g = AR_RAG_NONE + 1; g < AR_RAG_COUNT; g++)
		r[g - 1] = (struct ar_stats_row){ar_rag_names[g], counts->per_rag[g], ar_rag_role(g)};
	r[AR_RAG_COUNT - 1] = (struct ar_stats_row){"none", counts->per_rag[AR_RAG_NONE], AR_ROLE_NORMAL};

	/* Meetings by date, whatever order the file keeps them in. */
	size_t mc = tracker->meeting_count;
	struct dated *order = ar_xmalloc((mc ? mc : 1) * sizeof *order);
	for (size_t m = 0; m < mc; m++)
		order[m] = (struct dated){tracker->meetings[m].date, m};
	qsort(order, mc, sizeof *order, dated_cmp);
	r = section_rows(out, AR_STATS_MEETING, mc + (counts->no_meeting ? 1 : 0));
	struct ar_buf label = {0};
	char d[AR_DATE_TEXT_MAX];
	for (size_t m = 0; m < mc; m++) {
		const struct ar_meeting *meeting = &tracker->meetings[order[m].index];
		ar_buf_reset(&label);
		ar_buf_adds(&label, ar_date_format(meeting->date, d));
		if (meeting->title && *meeting->title) {
			ar_buf_addc(&label, ' ');
			ar_buf_adds(&label, meeting->title);
		}
		r[m] = (struct ar_stats_row){ar_arena_strndup(out->arena, label.data, label.len),
		                             counts->per_meeting[order[m].index], AR_ROLE_NORMAL};
	}
	if (counts->no_meeting)
		r[mc] = (struct ar_stats_row){"(no meeting)", counts->no_meeting, AR_ROLE_NORMAL};
	ar_buf_free(&label);
	free(order);

	r = section_rows(out, AR_STATS_LEAD, counts->lead_count);
	for (size_t l = 0; l < counts->lead_count; l++)
		r[l] = (struct ar_stats_row){counts->per_lead[l].name, counts->per_lead[l].count, AR_ROLE_NORMAL};

	out->count_width = 1;
	for (int s = 0; s < AR_STATS_SECTION_COUNT; s++) {
		struct ar_stats_section *sec = &out->sections[s];
		for (size_t i = 0; i < sec->count; i++) {
			if (sec->rows[i].count > sec->max)
				sec->max = sec->rows[i].count;
			int w = label_width(sec->rows[i].label);
			if (w > out->label_width)
				out->label_width = w;
		}
		if (digits(sec->max) > out->count_width)
			out->count_width = digits(sec->max);
	}
}

void ar_stats_free(struct ar_stats *out)
{
	if (out->arena)
		ar_arena_free(out->arena);
	memset(out, 0, sizeof *out);
}

void ar_stats_text(struct ar_buf *out, const struct ar_stats *stats)
{
	ar_buf_addf(out, "Items: %zu of %zu\n", stats->shown, stats->total);
	for (int s = 0; s < AR_STATS_SECTION_COUNT; s++) {
		const struct ar_stats_section *sec = &stats->sections[s];
		int lw = 0;
		for (size_t i = 0; i < sec->count; i++) {
			int w = label_width(sec->rows[i].label);
			if (w > lw)
				lw = w;
		}
		int dw = digits(sec->max);
		ar_buf_addf(out, "\n%s:\n", sec->title);
		for (size_t i = 0; i < sec->count; i++) {
			const struct ar_stats_row *row = &sec->rows[i];
			ar_buf_adds(out, "  ");
			int w = ar_text_shown(row->label, strlen(row->label), -1, out);
			ar_buf_addf(out, "%*s  %*zu\n", lw - w, "", dw, row->count);
		}
	}
}

int ar_stats_bar(struct ar_buf *out, size_t count, size_t max, int width, bool unicode)
{
	if (width <= 0 || max == 0 || count == 0)
		return 0;
	if (count > max)
		count = max;
	int steps = unicode ? 8 : 1;
	unsigned long long full = (unsigned long long)width * (unsigned long long)steps;
	unsigned long long n = ((unsigned long long)count * full + max / 2) / max;
	if (n == 0)
		n = 1; /* never hide that there are some */
	int cells = 0;
	for (unsigned long long i = 0; i < n / steps; i++, cells++)
		ar_buf_adds(out, unicode ? "\xe2\x96\x88" : "#");
	if (n % steps) {
		/* U+2589..U+258F: seven eighths down to one eighth. */
		char part[4] = {'\xe2', '\x96', (char)(0x88 + (8 - (int)(n % steps))), '\0'};
		ar_buf_adds(out, part);
		cells++;
	}
	return cells;
}

size_t ar_stats_line_count(const struct ar_stats *stats)
{
	size_t n = 1; /* "N of M items" */
	for (int s = 0; s < AR_STATS_SECTION_COUNT; s++)
		n += 2 + stats->sections[s].count; /* blank, heading, rows */
	return n;
}

/* What line i of the pane is: the summary (*sec < 0), a blank (*row == -2),
 * a section's heading (*row == -1) or one of its rows. */
static void line_at(const struct ar_stats *stats, size_t i, int *sec, long *row)
{
	*sec = -1, *row = -1;
	if (i == 0)
		return;
	i--;
	for (int s = 0; s < AR_STATS_SECTION_COUNT; s++) {
		size_t n = 2 + stats->sections[s].count;
		if (i < n) {
			*sec = s;
			*row = (long)i - 2;
			if (i == 0)
				*row = -2;
			return;
		}
		i -= n;
	}
	*sec = AR_STATS_SECTION_COUNT; /* past the end */
}

void ar_stats_draw_line(struct ar_screen *screen, int x, int y, int width, const struct ar_stats *stats,
                        size_t line, bool unicode)
{
	if (width <= 0)
		return;
	int sec;
	long row;
	line_at(stats, line, &sec, &row);
	if (sec >= AR_STATS_SECTION_COUNT || row == -2)
		return;
	struct ar_buf buf = {0};
	if (sec < 0) {
		ar_buf_addf(&buf, "%zu of %zu items", stats->shown, stats->total);
		ar_screen_puts(screen, x, y, width, buf.data, AR_ROLE_LABEL, 0);
	} else if (row == -1) {
		ar_screen_puts(screen, x, y, width, stats->sections[sec].title, AR_ROLE_HEADER, 0);
	} else {
		const struct ar_stats_section *s = &stats->sections[sec];
		const struct ar_stats_row *r = &s->rows[row];
		int lw = stats->label_width < width / 2 ? stats->label_width : width / 2, dw = stats->count_width;
		int bar_x = 2 + lw + 1 + dw + 1, bar_w = width - bar_x;
		ar_screen_puts(screen, x + 2, y, lw < width - 2 ? lw : width - 2, r->label, AR_ROLE_NORMAL, 0);
		ar_buf_addf(&buf, "%*zu", dw, r->count);
		if (2 + lw + 1 < width)
			ar_screen_puts(screen, x + 2 + lw + 1, y, width - (2 + lw + 1), buf.data, AR_ROLE_NORMAL, 0);
		ar_buf_reset(&buf);
		if (bar_w > 0 && ar_stats_bar(&buf, r->count, s->max, bar_w, unicode) > 0)
			ar_screen_puts(screen, x + bar_x, y, bar_w, buf.data, r->role, 0);
	}
	ar_buf_free(&buf);
}

void ar_stats_draw(struct ar_screen *screen, int x, int y, int width, int height, const struct ar_stats *stats,
                   size_t first, bool unicode)
{
	if (width <= 0 || height <= 0)
		return;
	ar_screen_fill(screen, x, y, width, height, " ", AR_ROLE_NORMAL, 0);
	for (int line = 0; line < height; line++)
		ar_stats_draw_line(screen, x, y + line, width, stats, first + (size_t)line, unicode);
}

/* Bar colours by what a row means, readable printed in grey too. */
static const char *svg_fill(enum ar_role role)
{
	switch (role) {
	case AR_ROLE_COMPLETED: return "#7f7f7f";
	case AR_ROLE_REJECTED: return "#b3261e";
	case AR_ROLE_ACCEPTED: return "#2e7d32";
	/* RAG as the export's labels show it */
	case AR_ROLE_RAG_RED: return "#d4351c";
	case AR_ROLE_RAG_AMBER: return "#ffbf47";
	case AR_ROLE_RAG_GREEN: return "#00703c";
	default: return "#1f5fa8";
	}
}

void ar_stats_svg(struct ar_buf *out, const struct ar_stats_section *section, const char *id)
{
	enum { ROW_H = 20, TOP = 24, LABEL_W = 150, BAR_W = 240, COUNT_W = 50 };
	int width = LABEL_W + BAR_W + COUNT_W, height = TOP + ROW_H * (int)section->count + 4;
	ar_buf_addf(out, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	                 "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s\" "
	                 "font-family=\"sans-serif\" font-size=\"13\">\n<title id=\"%s\">",
	            width, height, width, height, id, id);
	ar_html_text(out, section->title);
	ar_buf_adds(out, "</title>\n<text x=\"0\" y=\"15\" font-weight=\"bold\">");
	ar_html_text(out, section->title);
	ar_buf_adds(out, "</text>\n");
	for (size_t i = 0; i < section->count; i++) {
		const struct ar_stats_row *r = &section->rows[i];
		int y = TOP + ROW_H * (int)i;
		size_t bar = section->max ? (r->count * BAR_W + section->max / 2) / section->max : 0;
		if (r->count && !bar)
			bar = 1; /* some are never none */
		ar_buf_addf(out, "<text x=\"0\" y=\"%d\">", y + 14);
		ar_html_text(out, r->label);
		ar_buf_adds(out, "</text>");
		if (bar)
			ar_buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%zu\" height=\"14\" fill=\"%s\"/>", LABEL_W,
			            y + 3, bar, svg_fill(r->role));
		ar_buf_addf(out, "<text x=\"%zu\" y=\"%d\">%zu</text>\n", LABEL_W + bar + 6, y + 14, r->count);
	}
	ar_buf_adds(out, "</svg></figure>\n");
}
