/* gen-man-keys.c - print the key list of artrack(1) as roff, from the same
 * action table the `?` help screen shows, so the two cannot drift.  The
 * build puts it in place of the @KEYS@ line of man/artrack.1.in. */
#include "config.h"

#include <stdio.h>

#include "artrack/actions.h"
#include "artrack/alloc.h"

int main(void)
{
	struct ar_buf roff = { 0 };
	ar_actions_roff(&roff);
	int ok = fwrite(roff.data, 1, roff.len, stdout) == roff.len && fflush(stdout) == 0;
	ar_buf_free(&roff);
	if (!ok) {
		perror("gen-man-keys");
		return 1;
	}
	return 0;
}
