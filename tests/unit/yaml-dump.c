/* yaml-dump.c - load a tracker file and write its canonical YAML to stdout.
 *
 * A test helper (not installed): the YAML readers test saves its tricky
 * strings with it, independently of the command line.  Problems go to
 * stderr as FILE:LINE:COLUMN: error: MESSAGE; exit 1 on any.
 */
#include "config.h"

#include <stdio.h>

#include "artrack/yamlio.h"
#include "artrack/layout.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: yaml-dump FILE\n");
		return 2;
	}
	const char *path = argv[argc - 1];
	struct ar_tracker *tracker = NULL;
	struct ar_diags diags = {0};
	enum ar_rc rc = ar_load_file(path, &tracker, &diags, NULL);
	for (size_t i = 0; i < diags.count; i++)
		fprintf(stderr, "%s:%d:%d: error: %s\n", path, diags.items[i].line, diags.items[i].column,
		        diags.items[i].message);
	ar_diags_free(&diags);
	if (rc != AR_OK)
		return 1;
	struct ar_error err;
	struct ar_buf yaml = {0};
	if (ar_layout_write_canonical(tracker, &yaml, &err) != AR_OK ||
	    fwrite(yaml.data, 1, yaml.len, stdout) != yaml.len) {
		fprintf(stderr, "yaml-dump: %s\n", err.message);
		rc = AR_EIO;
	}
	ar_buf_free(&yaml);
	ar_tracker_free(tracker);
	return rc == AR_OK ? 0 : 1;
}
