/* cli_pending.c - placeholders until the UI, file-safety and import modules land. */
#include "config.h"

#include <stdio.h>

#include "cli_hooks.h"

int ar_cli_run_ui(const struct ar_cli_ui_options *options)
{
	fprintf(stderr, "artrack: the terminal UI is not built yet\n");
	return 1;
}

enum ar_rc ar_cli_write_tracker_file(const char *path, const struct ar_tracker *tracker,
                                     const struct ar_load_info *info, struct ar_error *err)
{
	ar_error_set(err, 0, 0, "%s: saving is not built yet", path);
	return AR_EIO;
}

enum ar_rc ar_cli_write_bytes_file(const char *path, const char *data, size_t len, struct ar_error *err)
{
	ar_error_set(err, 0, 0, "%s: writing is not built yet", path);
	return AR_EIO;
}

enum ar_rc ar_cli_import(const char *text, size_t len, struct ar_buf *yaml, struct ar_diags *warnings,
                         struct ar_error *err)
{
	ar_error_set(err, 0, 0, "import is not built yet");
	return AR_EDATA;
}
