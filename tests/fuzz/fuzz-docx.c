/* fuzz-docx.c - libFuzzer target for the Word document importer
 * (ar_import_docx, import.h): the zip package, its XML, the table walk.
 *
 * Invariants: an input that imports gives a tracker whose canonical YAML
 * loads and saves to the very same bytes, and ar_import_yaml (which picks
 * the reader by content) writes exactly that; one that does not says why
 * and leaves no tracker; warnings carry no line (they name their table and
 * row in the message).  Parts are capped at 1 MB so a bomb is cheap.
 */
#include "config.h"

#include "fuzz.h"

#include <string.h>

#include "artrack/import.h"
#include "artrack/yamlio.h"

#define FUZZ_PART_MAX ((size_t)1 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *bytes = (const char *)data;
	struct ar_tracker *tracker = NULL;
	struct ar_diags warnings = {0};
	struct ar_error err = {0};
	enum ar_rc rc = ar_import_docx(bytes, size, FUZZ_PART_MAX, &tracker, &warnings, &err);
	for (size_t i = 0; i < warnings.count; i++) {
		const struct ar_error *e = &warnings.items[i];
		FUZZ_CHECK(e->message[0] != '\0', "an empty warning");
		FUZZ_CHECK(e->line == 0 && e->column == 0, "a warning at %d:%d: %s", e->line, e->column, e->message);
	}
	if (rc != AR_OK) {
		FUZZ_CHECK(rc == AR_EDATA, "rc %d", (int)rc);
		FUZZ_CHECK(tracker == NULL, "a tracker with a failure");
		FUZZ_CHECK(err.message[0] != '\0', "failed without a message");
		FUZZ_CHECK(warnings.count == 0, "warnings from a failed import");
		ar_diags_free(&warnings);
		return 0;
	}
	FUZZ_CHECK(tracker != NULL, "AR_OK without a tracker");
	struct ar_buf first = {0};
	fuzz_check_saved_form(tracker, "imported", &first);
	{
		/* the default limit is larger, so the same input imports the same way */
		struct ar_buf yaml = {0};
		struct ar_diags yaml_warnings = {0};
		FUZZ_CHECK(ar_import_yaml(bytes, size, &yaml, &yaml_warnings, &err) == AR_OK, "ar_import_yaml: %s",
		           err.message);
		FUZZ_CHECK(yaml.len == first.len && memcmp(yaml.data, first.data, first.len) == 0,
		           "ar_import_yaml wrote other bytes than import + save");
		ar_buf_free(&yaml);
		ar_diags_free(&yaml_warnings);
	}
	ar_buf_free(&first);
	ar_diags_free(&warnings);
	ar_tracker_free(tracker);
	return 0;
}
