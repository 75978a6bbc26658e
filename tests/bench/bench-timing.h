/* bench-timing.h - what both benchmarks time with: a monotonic clock in
 * milliseconds and the median of a run's figures.  Header-only, as each
 * benchmark is one program of one file. */
#ifndef ARTRACK_BENCH_TIMING_H
#define ARTRACK_BENCH_TIMING_H

#include <stdlib.h>
#include <time.h>

static inline double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline int double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The median of v[0..n), sorting v. */
static inline double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, double_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#endif
