/* gen-tracker.c - write a large, realistic, deterministic tracker for the
 * benchmark: `gen-tracker [-s SEED] COUNT [OUT]`.
 *
 * The same COUNT and SEED always give the same bytes.  Items look like a
 * committee's: a topic from a pool, multi-paragraph text with ’ – … in it,
 * one to three leads from a pool of names (some with accents), several
 * dated updates each, due dates by month or by day, about a fifth of a
 * meeting's worth of items per meeting.  About 1 item in 2000 mentions
 * "Wolvercote" (the benchmark's rare word); "health visiting" is common.
 * About 1,770 bytes an item, so 100,000 items make about 177 MB.  The
 * output is in the canonical form the saver writes.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t next_random(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static unsigned pick(unsigned n)
{
	return (unsigned)(next_random() % n);
}

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const topics[] = {
	"Primary Care", "Oxfordshire Healthy Weight", "Dentistry Provision in Oxfordshire",
	"Access and Waiting Times", "Local Area Partnership SEND", "Health and Wellbeing Strategy",
	"Serious Adult Mental Health", "SCAS Improvement Programme Update", "Committee Work Programming",
	"Integrated Improvement Programme", "Children\xe2\x80\x99s Community Services", "Health Visiting",
	"Pharmacy Closures", "Urgent and Emergency Care", "Community Hospitals", "Maternity Services",
	"Adult Social Care Workforce", "Carers\xe2\x80\x99 Strategy", "Hospital Discharge", "Cancer Waiting Times",
};

static const char *const first_names[] = {
	"Derys", "Omid", "Julie", "Daniel", "Karen", "Tom", "Titus", "Lisa", "Danielle", "Stephen",
	"Hugh", "David", "Anne", "Rachel", "Zo\xc3\xab", "Si\xc3\xa2n", "\xc5\x81ukasz", "Ren\xc3\xa9" "e",
	"Ansaf", "Priya", "Bogdan", "Fran\xc3\xa7oise", "Ai\xc5\xa1" "e", "Niamh",
};
static const char *const last_names[] = {
	"Pragnell", "Nouri", "Dandridge", "Leveson", "Fuller", "Hudson", "Burwell", "Briggs", "Chulan",
	"Chandler", "O\xe2\x80\x99Keefe", "Munday", "Coyle", "Corser", "B\xc3\xa9rub\xc3\xa9", "Nowak",
	"Azhar", "Okafor", "Stevenson", "M\xc3\xbcller",
};

static const char *const openers[] = {
	"The committee", "The ICB", "Officers", "The Council", "The provider", "The Trust", "Partners",
	"The working group", "The service", "The Director of Public Health", "Members", "The lead officer",
};
static const char *const verbs[] = {
	"will review", "have agreed to publish", "are working to improve", "will report back on",
	"have commissioned", "are consulting on", "will write to the committee about", "continue to monitor",
	"have begun to address", "will bring a paper on", "have set out plans for", "are reviewing",
};
static const char *const objects[] = {
	"access to NHS dental care", "waiting times for elective surgery", "the health visiting service",
	"support for families of children living with excess weight", "the all age healthy weight service",
	"recruitment to specified roles within primary care", "the local area partnership\xe2\x80\x99s SEND plan",
	"discharge arrangements from community hospitals", "the workforce strategy for adult social care",
	"community mental health provision", "the pharmacy needs assessment", "ambulance response times",
	"the estates strategy for GP surgeries", "outcomes for looked after children",
	"the carers\xe2\x80\x99 support offer", "data sharing between partners", "the winter plan",
	"patient transport services", "the flexible commissioning pilot", "the integrated care strategy",
};
static const char *const tails[] = {
	"by the end of the financial year", "in the next municipal year", "before the next meeting",
	"with the relevant partners", "as part of the wider programme", "subject to funding",
	"in line with national guidance", "following the consultation", "across Oxfordshire",
	"with particular attention to rural areas", "and will keep members informed",
	"once the Health Needs Assessment (HNA) is complete", "where the evidence supports it",
};
static const char *const asides[] = {
	" \xe2\x80\x93 a point members raised twice", " \xe2\x80\x93 see the annex", "",
	"", "", "", " (18 practices in Oxfordshire)", " \xe2\x80\x93 roughly 3,000 sessions",
};

static void put_sentence(FILE *out)
{
	fputs(openers[pick(COUNT_OF(openers))], out);
	fputc(' ', out);
	fputs(verbs[pick(COUNT_OF(verbs))], out);
	fputc(' ', out);
	fputs(objects[pick(COUNT_OF(objects))], out);
	fputc(' ', out);
	fputs(tails[pick(COUNT_OF(tails))], out);
	fputs(asides[pick(COUNT_OF(asides))], out);
	fputs(pick(12) == 0 ? "\xe2\x80\xa6" : ".", out);
}

/* A paragraph of one to three sentences, on one line. */
static void put_paragraph(FILE *out)
{
	unsigned n = 1 + pick(3);
	for (unsigned i = 0; i < n; i++) {
		if (i)
			fputc(' ', out);
		put_sentence(out);
	}
}

/* A text key after prefix: one paragraph plain, several as a literal block
 * whose lines are indented by indent spaces. */
static void put_text(FILE *out, const char *prefix, int indent, unsigned paragraphs, bool rare)
{
	if (paragraphs == 1 && !rare) {
		fprintf(out, "%stext: ", prefix);
		put_paragraph(out);
		fputc('\n', out);
		return;
	}
	fprintf(out, "%stext: |-\n", prefix);
	for (unsigned p = 0; p < paragraphs; p++) {
		if (p)
			fputc('\n', out);
		fprintf(out, "%*s", indent, "");
		put_paragraph(out);
		fputc('\n', out);
	}
	if (rare)
		fprintf(out, "\n%*sA site visit to Wolvercote is planned.\n", indent, "");
}

static void put_name(FILE *out, unsigned which)
{
	fprintf(out, "%s %s", first_names[which % COUNT_OF(first_names)],
	        last_names[which / COUNT_OF(first_names) % COUNT_OF(last_names)]);
}

static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"};

/* Day number (days since 2000-01-01, any calendar-ish scheme) to y, m, d. */
static void civil(long days, int *y, int *m, int *d)
{
	/* Howard Hinnant's days_from_civil inverse, shifted to 1970. */
	days += 10957 + 719468;
	long era = days / 146097;
	long doe = days - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static void put_date(FILE *out, long days)
{
	int y, m, d;
	civil(days, &y, &m, &d);
	fprintf(out, "%04d-%02d-%02d", y, m, d);
}

int main(int argc, char **argv)
{
	uint64_t seed = 2023;
	int arg = 1;
	if (arg + 1 < argc && strcmp(argv[arg], "-s") == 0) {
		seed = strtoull(argv[arg + 1], NULL, 10);
		arg += 2;
	}
	if (arg >= argc || arg + 2 < argc) {
		fprintf(stderr, "usage: gen-tracker [-s SEED] COUNT [OUT]\n");
		return 2;
	}
	long count = strtol(argv[arg], NULL, 10);
	if (count < 1) {
		fprintf(stderr, "gen-tracker: COUNT must be a positive number\n");
		return 2;
	}
	FILE *out = stdout;
	if (arg + 1 < argc && !(out = fopen(argv[arg + 1], "w"))) {
		fprintf(stderr, "gen-tracker: %s: %s\n", argv[arg + 1], strerror(errno));
		return 1;
	}
	static char buffer[1 << 16];
	setvbuf(out, buffer, _IOFBF, sizeof buffer);
	rng_state = seed;

	/* A meeting every three weeks or so, from 2010, one per 400 items. */
	long meetings = count / 400 + 3;
	long *meeting_day = malloc((size_t)meetings * sizeof *meeting_day);
	long day = 3666; /* 2010-01-14 */
	for (long i = 0; i < meetings; i++) {
		meeting_day[i] = day;
		day += 14 + pick(21);
	}
	fprintf(out, "artrack: 1\ncommittee: Synthetic Scrutiny Committee\n"
	             "title: Generated Action and Recommendation Tracker (%ld items, seed %llu)\nas_of: ",
	        count, (unsigned long long)seed);
	put_date(out, day + 30);
	fputs("\nmeetings:\n", out);
	for (long i = 0; i < meetings; i++) {
		int y, m, d;
		civil(meeting_day[i], &y, &m, &d);
		fputs("- date: ", out);
		put_date(out, meeting_day[i]);
		fprintf(out, "\n  title: %d %s %d Meeting\n", d, months[m - 1], y);
	}
	fputs("items:\n", out);
	for (long id = 1; id <= count; id++) {
		/* The first 1% have no meeting; the rest go to meetings in order. */
		long mi = id <= count / 100 ? -1 : (id - 1) * meetings / count;
		long base = mi >= 0 ? meeting_day[mi] : 3600;
		fprintf(out, "- id: %ld\n", id);
		if (mi >= 0) {
			fputs("  meeting: ", out);
			put_date(out, base);
			fputc('\n', out);
		}
		bool rec = pick(100) < 55;
		fprintf(out, "  topic: %s\n  kind: %s\n", topics[pick(COUNT_OF(topics))], rec ? "recommendation" : "action");
		put_text(out, "  ", 4, 2 + pick(2), false);
		unsigned leads = pick(10) == 0 ? 0 : 1 + pick(3);
		if (leads) {
			fputs("  leads:\n", out);
			for (unsigned l = 0; l < leads; l++) {
				fputs("  - ", out);
				put_name(out, pick(80));
				fputc('\n', out);
			}
		}
		unsigned s = pick(100);
		fprintf(out, "  status: %s\n", s < 35 ? "open" : s < 70 ? "in-progress" : s < 90 ? "completed" : "closed");
		if (rec) {
			unsigned r = pick(100);
			fprintf(out, "  response: %s\n", r < 30 ? "pending" : r < 70 ? "accepted" : r < 80 ? "partially-accepted"
			                                                 : r < 90 ? "rejected" : "noted");
		}
		unsigned due = pick(10);
		if (due < 4) {
			int y, m, d;
			civil(base + 60 + pick(500), &y, &m, &d);
			if (due < 2)
				fprintf(out, "  due: %04d-%02d\n", y, m);
			else
				fprintf(out, "  due: %04d-%02d-%02d\n", y, m, d);
		}
		unsigned updates = 1 + pick(4);
		bool rare = pick(2000) == 0;
		fputs("  updates:\n", out);
		long when = base;
		for (unsigned u = 0; u < updates; u++) {
			when += 20 + pick(90);
			const char *key = "  - ";
			if (pick(10)) {
				fputs("  - date: ", out);
				put_date(out, when);
				fputc('\n', out);
				key = "    ";
			}
			if (pick(2)) {
				fputs(key, out);
				fputs("by: ", out);
				put_name(out, pick(80));
				fputc('\n', out);
				key = "    ";
			}
			unsigned label = pick(6);
			if (label < 3) {
				fputs(key, out);
				fprintf(out, "label: %s\n", label == 0 ? "Initial response" : label == 1 ? "Update" : "Response");
				key = "    ";
			}
			put_text(out, key, 6, 1 + pick(2), rare && u == updates - 1);
		}
	}
	free(meeting_day);
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
		fprintf(stderr, "gen-tracker: write failed: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
