/* layout-fixture.c - see layout-fixture.h. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout-fixture.h"
#include "artrack/alloc.h"
#include "artrack/layout.h"
#include "artrack/yamlio.h"

struct ar_tracker *load(const char *yaml)
{
	struct ar_tracker *t = NULL;
	struct ar_diags d = {0};
	if (ar_load_buffer(yaml, strlen(yaml), &t, &d) != AR_OK)
		fail_msg("did not load: %s at %d:%d\n%s", d.count ? d.items[0].message : "?",
		         d.count ? d.items[0].line : 0, d.count ? d.items[0].column : 0, yaml);
	ar_diags_free(&d);
	return t;
}

char *saved(const struct ar_tracker *t)
{
	struct ar_buf b = {0};
	struct ar_error err;
	assert_int_equal(ar_save_buffer(t, &b, &err), AR_OK);
	return ar_buf_steal(&b, NULL);
}

char *canonical(const struct ar_tracker *t)
{
	struct ar_buf b = {0};
	struct ar_error err;
	assert_int_equal(ar_layout_write_canonical(t, &b, &err), AR_OK);
	return ar_buf_steal(&b, NULL);
}

char *replaced(const char *original, const char *from, const char *with)
{
	const char *at = strstr(original, from);
	if (!at)
		fail_msg("'%s' not in the original", from);
	size_t n = strlen(original) - strlen(from) + strlen(with) + 1;
	char *out = malloc(n);
	snprintf(out, n, "%.*s%s%s", (int)(at - original), original, with, at + strlen(from));
	return out;
}
