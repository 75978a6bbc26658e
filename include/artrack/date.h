/* date.h - the calendar dates of a tracker.
 *
 * A date is an int: yyyymmdd, with dd == 0 for a month-precision date
 * ("2024-04", allowed for due dates), and 0 for "no date".  Ordering the ints
 * orders the dates, and a month sorts before the days in it.
 */
#ifndef ARTRACK_DATE_H
#define ARTRACK_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef int ar_date;

#define AR_DATE_NONE 0
#define AR_DATE_TEXT_MAX 11 /* "YYYY-MM-DD" and its NUL */

/* Parse "YYYY-MM-DD" (or "YYYY-MM" when allow_month) exactly, rejecting
 * impossible days such as 2023-02-30. */
bool ar_date_parse(const char *text, size_t len, bool allow_month, ar_date *out);

/* Write date as "YYYY-MM-DD" or "YYYY-MM" into buf; "" for AR_DATE_NONE. */
const char *ar_date_format(ar_date date, char buf[AR_DATE_TEXT_MAX]);

/* Whether year-month-day is a real calendar day (day 0 allowed if allow_month). */
bool ar_date_valid(int year, int month, int day, bool allow_month);

/* Days in month (1-12) of year. */
int ar_date_days_in_month(int year, int month);

/* A month-precision date as the last day of its month ("due in April" is
 * due by 30 April); any other date as itself. */
ar_date ar_date_month_end(ar_date date);

/* The day days after date (a full date; days may be negative). */
ar_date ar_date_add_days(ar_date date, int days);

/* Days from 1970-01-01 to year-month-day of the proleptic Gregorian
 * calendar (negative before; timegm() is neither C nor POSIX). */
long ar_days_from_civil(int year, int month, int day);

/* Today's local date. */
ar_date ar_date_today(void);

static inline int ar_date_year(ar_date d) { return d / 10000; }
static inline int ar_date_month(ar_date d) { return d / 100 % 100; }
static inline int ar_date_day(ar_date d) { return d % 100; }
static inline ar_date ar_date_make(int y, int m, int d) { return y * 10000 + m * 100 + d; }

#endif
