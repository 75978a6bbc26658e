/* query-fixture.c - the trackers the query and view tests run against. */
#include "config.h"

#include "query-fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artrack/alloc.h"
#include "artrack/query.h"

uint64_t fixture_random(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

struct sample {
	long id;
	ar_date meeting;
	const char *topic;
	enum ar_kind kind;
	const char *text;
	const char *leads[3];
	enum ar_item_status status;
	enum ar_response response;
	ar_date due;
	struct ar_update updates[3];
	enum ar_rag rag;
	ar_date responded, closed_on;
};

/* Each item exists to answer some query forms; the comments say which. */
static const struct sample samples[] = {
	/* No meeting; completed, so its past due is not overdue. */
	{1, 0, "Dentistry", AR_KIND_ACTION, "Write to NHS England about dental access.", {"Omid Nouri"},
	 AR_STATUS_COMPLETED, AR_RESPONSE_NONE, 20230101,
	 {{.date = 20230110, .by = "Omid Nouri", .label = "Update", .text = "Letter sent."}}, AR_RAG_NONE, 0, 0},
	/* A month-precision due in the future; two leads; an update with a date. */
	{2, 20220714, "Primary Care", AR_KIND_RECOMMENDATION, "Specified roles are filled within the ICB.",
	 {"Julie Dandridge", "Daniel Leveson"}, AR_STATUS_IN_PROGRESS, AR_RESPONSE_ACCEPTED, 20240400,
	 {{.date = 20230921, .by = "Omid Nouri", .label = "Initial response",
	   .text = "The ICB have managed to recruit a lead for the healthy weight programme."}},
	 AR_RAG_AMBER, 20220901, 0},
	/* Rejected, overdue by a day date, no updates. */
	{3, 20221124, "Healthy Weight", AR_KIND_RECOMMENDATION, "Adopt a healthy weight strategy \xe2\x80\x93 soon\xe2\x80\xa6",
	 {"Derys Pragnell"}, AR_STATUS_OPEN, AR_RESPONSE_REJECTED, 20230630, {{0}}, AR_RAG_RED, 20230115, 0},
	/* Latin-1 and Latin Extended-A letters; closed, so not overdue. */
	{4, 20221124, "Caf\xc3\xa9 \xc3\x89lan", AR_KIND_ACTION, "\xc3\x89" "COLE visit to \xc5\x81\xc3\xb3" "d\xc5\xba",
	 {"Zo\xc3\xab B\xc3\xa9rub\xc3\xa9"}, AR_STATUS_CLOSED, AR_RESPONSE_NONE, 20230500, {{0}}, AR_RAG_NONE, 0,
	 20230520},
	/* Due "2023-09", overdue from October; updates out of date order. */
	{5, 20230921, "SEND", AR_KIND_RECOMMENDATION, "Children\xe2\x80\x99s services to publish a plan.",
	 {"Derys Pragnell", "Ansaf Azhar"}, AR_STATUS_OPEN, AR_RESPONSE_PARTIALLY_ACCEPTED, 20230900,
	 {{.date = 20230901, .text = "A plan is in draft."}, {.date = 20230201, .text = "Work has begun."}},
	 AR_RAG_NONE, 0, 0},
	/* No topic, no leads, no due; a literal "frobnicate:" in the text. */
	{6, 20230921, NULL, AR_KIND_ACTION, "Ask why frobnicate: appears in the minutes.", {NULL},
	 AR_STATUS_IN_PROGRESS, AR_RESPONSE_NONE, 0, {{.text = "Undated note about WOLVERCOTE."}}, AR_RAG_NONE, 0, 0},
	/* Pending, due later in October (not yet overdue on 2023-10-01); awaits
	 * its response, due 56 days after 2023-09-21: by 2023-11-16. */
	{7, 20230921, "Mental Health", AR_KIND_RECOMMENDATION, "Crisis line hours.", {"NHS England"},
	 AR_STATUS_OPEN, AR_RESPONSE_PENDING, 20231015, {{0}}, AR_RAG_NONE, 0, 0},
	/* A two-digit id, noted, due on the first of a month. */
	{12, 20220714, "Primary Care", AR_KIND_RECOMMENDATION, "Extended access hubs.", {"Julie Dandridge"},
	 AR_STATUS_CLOSED, AR_RESPONSE_NOTED, 20230801, {{.date = 20221201, .text = "Hubs open."}}, AR_RAG_GREEN,
	 20220801, 20230915},
};

struct ar_tracker *sample_tracker(void)
{
	struct ar_tracker *t = ar_tracker_new();
	ar_tracker_add_meeting(t, 20220714, "14 July 2022 Meeting");
	ar_tracker_add_meeting(t, 20221124, "24 November 2022 Meeting");
	ar_tracker_add_meeting(t, 20230921, "21 September 2023 Meeting");
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		const struct sample *s = &samples[i];
		struct ar_item *item = ar_item_new(t, s->id);
		item->meeting = s->meeting;
		item->kind = s->kind;
		item->status = s->status;
		item->response = s->response;
		item->due = s->due;
		item->rag = s->rag;
		item->responded = s->responded;
		item->closed_on = s->closed_on;
		ar_item_set_topic(t, item, s->topic);
		ar_item_set_text(t, item, s->text);
		size_t leads = 0;
		while (leads < 3 && s->leads[leads])
			leads++;
		ar_item_set_leads(t, item, s->leads, leads);
		size_t updates = 0;
		while (updates < 3 && s->updates[updates].text)
			updates++;
		ar_item_set_updates(t, item, s->updates, updates);
		ar_tracker_append_item(t, item);
	}
	return t;
}

static const char *const vocabulary[] = {
	"health", "healthy", "weight", "care", "primary", "board", "visit", "visiting", "services",
	"children", "children\xe2\x80\x99s", "dental", "access", "plan", "review", "update", "report",
	"caf\xc3\xa9", "\xc3\x89" "cole", "\xc5\x81\xc3\xb3" "d\xc5\xba", "r\xc3\xa9sum\xc3\xa9", "na\xc3\xafve",
	"HEALTH", "Care", "\xe2\x80\x93", "\xe2\x80\xa6", "the", "a", "of", "and", "to", "in",
	"ICB", "NHS", "2023", "hub", "crisis", "line", "mental", "SEND", "strategy", "wolvercote",
};
static const char *const lead_pool[] = {
	"Derys Pragnell", "Omid Nouri", "Julie Dandridge", "Daniel Leveson", "Ansaf Azhar",
	"Zo\xc3\xab B\xc3\xa9rub\xc3\xa9", "NHS England", "\xc5\x81ukasz Nowak",
};

static void random_words(struct ar_buf *b, uint64_t *rng, size_t words)
{
	ar_buf_reset(b);
	for (size_t i = 0; i < words; i++) {
		if (i)
			ar_buf_addc(b, fixture_random(rng) % 9 ? ' ' : '\n');
		ar_buf_adds(b, vocabulary[fixture_random(rng) % (sizeof vocabulary / sizeof vocabulary[0])]);
	}
}

struct ar_tracker *random_tracker(size_t count, uint64_t seed)
{
	static const ar_date meetings[] = {20220714, 20221124, 20230321, 20230921, 20240111};
	static const ar_date dues[] = {0, 0, 20230900, 20231015, 20240400, 20221231, 20230101};
	uint64_t rng = seed;
	struct ar_tracker *t = ar_tracker_new();
	struct ar_buf b = {0};
	for (size_t m = 0; m < sizeof meetings / sizeof meetings[0]; m++) {
		char title[40];
		snprintf(title, sizeof title, "Meeting %zu of the board", m + 1);
		ar_tracker_add_meeting(t, meetings[m], title);
	}
	for (size_t i = 0; i < count; i++) {
		struct ar_item *item = ar_item_new(t, (long)i + 1);
		uint64_t r = fixture_random(&rng);
		item->meeting = r % 7 < 5 ? meetings[r % 7] : AR_DATE_NONE;
		item->kind = (enum ar_kind)(r >> 8 & 1);
		item->status = (enum ar_item_status)(r >> 9 & 3);
		item->response = item->kind == AR_KIND_ACTION ? AR_RESPONSE_NONE
		                 : (enum ar_response)(1 + (r >> 11) % 5);
		item->due = dues[(r >> 14) % 7];
		/* From bits no other field uses, so the rest stays as it was. */
		item->rag = (enum ar_rag)(r >> 26 & 3);
		if (item->response > AR_RESPONSE_PENDING && (r >> 28 & 1))
			item->responded = dues[3 + (r >> 29) % 4];
		if (item->status == AR_STATUS_CLOSED && (r >> 31 & 1))
			item->closed_on = dues[2 + (r >> 32) % 5];
		random_words(&b, &rng, 1 + fixture_random(&rng) % 3);
		ar_item_set_topic(t, item, (r >> 17) % 8 ? b.data : NULL);
		random_words(&b, &rng, 5 + fixture_random(&rng) % 40);
		ar_item_set_text(t, item, b.data);
		const char *leads[3];
		size_t nl = (r >> 20) % 4;
		for (size_t l = 0; l < nl; l++)
			leads[l] = lead_pool[fixture_random(&rng) % (sizeof lead_pool / sizeof lead_pool[0])];
		ar_item_set_leads(t, item, leads, nl);
		size_t nu = (r >> 23) % 4;
		for (size_t u = 0; u < nu; u++) {
			random_words(&b, &rng, 3 + fixture_random(&rng) % 30);
			struct ar_update up = {.date = (fixture_random(&rng) % 3) ? 20230101 + (int)(u * 100) : 0,
			                       .text = b.data};
			ar_item_add_update(t, item, &up);
		}
		ar_tracker_append_item(t, item);
	}
	ar_buf_free(&b);
	return t;
}

static void add_id(struct ar_buf *b, long id)
{
	if (b->len)
		ar_buf_addc(b, ',');
	ar_buf_addf(b, "%ld", id);
}

char *matching_ids(const struct ar_tracker *tracker, const char *text, ar_date today)
{
	struct ar_query *q;
	struct ar_error err;
	if (ar_query_parse(text, &q, &err) != AR_OK)
		return ar_xstrdup("ERROR");
	struct ar_buf b = {0};
	ar_buf_adds(&b, "");
	for (size_t i = 0; i < tracker->item_count; i++)
		if (ar_query_matches(q, tracker, tracker->items[i], today))
			add_id(&b, tracker->items[i]->id);
	ar_query_free(q);
	return ar_buf_steal(&b, NULL);
}

char *view_ids(struct ar_view *view)
{
	struct ar_buf b = {0};
	ar_buf_adds(&b, "");
	size_t n = ar_view_count(view);
	for (size_t r = 0; r < n; r++)
		add_id(&b, ar_view_id(view, r));
	return ar_buf_steal(&b, NULL);
}
