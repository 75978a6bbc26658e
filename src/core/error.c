/* error.c - error values and diagnostic lists. */
#include "config.h"

#include "artrack/error.h"
#include "artrack/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void error_vset(struct ar_error *err, int line, int column, const char *fmt, va_list ap)
{
	err->line = line;
	err->column = column;
	vsnprintf(err->message, sizeof err->message, fmt, ap);
}

void ar_error_set(struct ar_error *err, int line, int column, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	error_vset(err, line, column, fmt, ap);
	va_end(ap);
}

void ar_error_clear(struct ar_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

static struct ar_error *diags_push(struct ar_diags *diags)
{
	AR_GROW(diags->items, diags->capacity, diags->count + 1, 8);
	return &diags->items[diags->count++];
}

void ar_diags_add(struct ar_diags *diags, int line, int column, const char *fmt, ...)
{
	if (!diags)
		return;
	va_list ap;
	va_start(ap, fmt);
	error_vset(diags_push(diags), line, column, fmt, ap);
	va_end(ap);
}

void ar_diags_add_error(struct ar_diags *diags, const struct ar_error *err)
{
	if (diags)
		*diags_push(diags) = *err;
}

void ar_diags_sort(struct ar_diags *diags)
{
	/* Insertion sort: stable, and diagnostic lists are short. */
	for (size_t i = 1; i < diags->count; i++) {
		struct ar_error e = diags->items[i];
		size_t j = i;
		while (j > 0 && (diags->items[j - 1].line > e.line ||
		                 (diags->items[j - 1].line == e.line && diags->items[j - 1].column > e.column))) {
			diags->items[j] = diags->items[j - 1];
			j--;
		}
		diags->items[j] = e;
	}
}

void ar_diags_format(struct ar_buf *out, const char *file, const struct ar_diags *diags, const char *severity)
{
	for (size_t i = 0; i < diags->count; i++) {
		const struct ar_error *e = &diags->items[i];
		if (e->line > 0)
			ar_buf_addf(out, "%s:%d:%d: %s: %s\n", file, e->line, e->column > 0 ? e->column : 1, severity,
			            e->message);
		else
			ar_buf_addf(out, "%s: %s: %s\n", file, severity, e->message);
	}
}

void ar_diags_free(struct ar_diags *diags)
{
	free(diags->items);
	diags->items = NULL;
	diags->count = diags->capacity = 0;
}
