/* date.c - parsing and formatting calendar dates. */
#include "config.h"

#include "artrack/date.h"

#include <time.h>

int ar_date_days_in_month(int year, int month)
{
	static const int days_in_month[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days_in_month[month - 1];
}

ar_date ar_date_month_end(ar_date date)
{
	if (date == AR_DATE_NONE || ar_date_day(date) != 0)
		return date;
	return date + ar_date_days_in_month(ar_date_year(date), ar_date_month(date));
}

bool ar_date_valid(int year, int month, int day, bool allow_month)
{
	if (year < 1 || year > 9999 || month < 1 || month > 12)
		return false;
	if (day == 0)
		return allow_month;
	return day >= 1 && day <= ar_date_days_in_month(year, month);
}

static bool digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool ar_date_parse(const char *text, size_t len, bool allow_month, ar_date *out)
{
	int y, m, d = 0;
	if (len != 10 && !(allow_month && len == 7))
		return false;
	if (!digits(text, 4, &y) || text[4] != '-' || !digits(text + 5, 2, &m))
		return false;
	if (len == 10 && (text[7] != '-' || !digits(text + 8, 2, &d)))
		return false;
	if (!ar_date_valid(y, m, d, allow_month))
		return false;
	*out = ar_date_make(y, m, d);
	return true;
}

const char *ar_date_format(ar_date date, char buf[AR_DATE_TEXT_MAX])
{
	/* Written by hand: the values are known to be in range, and snprintf's
	 * truncation warnings cannot see that. */
	unsigned y = (unsigned)ar_date_year(date) % 10000, m = (unsigned)ar_date_month(date) % 100,
	         d = (unsigned)ar_date_day(date) % 100;
	if (date <= AR_DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '\0';
	if (d) {
		buf[7] = '-';
		buf[8] = (char)('0' + d / 10);
		buf[9] = (char)('0' + d % 10);
		buf[10] = '\0';
	}
	return buf;
}

/* Days since 1 March of year 0 of the proleptic Gregorian calendar, and
 * back (Howard Hinnant's days_from_civil / civil_from_days). */
static long day_number(int y, int m, int d)
{
	return ar_days_from_civil(y, m, d) + 719468;
}

long ar_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static ar_date from_day_number(long z)
{
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	return ar_date_make((int)(y + (m <= 2)), m, d);
}

ar_date ar_date_add_days(ar_date date, int days)
{
	if (date == AR_DATE_NONE)
		return AR_DATE_NONE;
	date = ar_date_month_end(date);
	return from_day_number(day_number(ar_date_year(date), ar_date_month(date), ar_date_day(date)) + days);
}

ar_date ar_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return AR_DATE_NONE;
	return ar_date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
