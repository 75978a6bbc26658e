/* gen-man-keys.c - print the generated pieces of artrack(1) as roff, from
 * the tables the program itself uses, so page and program cannot drift:
 * with no argument the key list (the action table the `?` help screen
 * shows, and what the Items pane's marks mean), with `export-synopsis` or `export-formats` the export formats
 * (format.h's table).  The build puts them in place of the @KEYS@,
 * @EXPORT_SYNOPSIS@ and @EXPORT_FORMATS@ lines of man/artrack.1.in. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "artrack/actions.h"
#include "artrack/alloc.h"
#include "artrack/format.h"
#include "artrack/rows.h"

int main(int argc, char **argv)
{
	struct ar_buf roff = { 0 };
	const char *piece = argc > 1 ? argv[1] : "keys";
	if (strcmp(piece, "keys") == 0) {
		ar_actions_roff(&roff);
		ar_item_marks_roff(&roff);
	} else if (strcmp(piece, "export-synopsis") == 0) {
		ar_export_formats_synopsis_roff(&roff);
	} else if (strcmp(piece, "export-formats") == 0) {
		ar_export_formats_roff(&roff);
	} else {
		fprintf(stderr, "gen-man-keys: unknown piece '%s' (keys, export-synopsis, export-formats)\n", piece);
		return 2;
	}
	int ok = fwrite(roff.data, 1, roff.len, stdout) == roff.len && fflush(stdout) == 0;
	ar_buf_free(&roff);
	if (!ok) {
		perror("gen-man-keys");
		return 1;
	}
	return 0;
}
