/* fuzz-import.c - libFuzzer target for the paper-table importer (import.h).
 *
 * Invariants: an input that imports gives a tracker whose canonical YAML
 * loads and saves to the very same bytes, which is also what
 * ar_import_yaml writes; one that does not says why; warnings never carry a
 * negative position.
 */
#include "config.h"

#include "fuzz.h"

#include <string.h>

#include "artrack/import.h"
#include "artrack/yamlio.h"

static void check_warnings(const struct ar_diags *warnings, size_t size)
{
	for (size_t i = 0; i < warnings->count; i++) {
		const struct ar_error *e = &warnings->items[i];
		FUZZ_CHECK(e->line >= 0 && e->column >= 0, "warning at %d:%d: %s", e->line, e->column, e->message);
		FUZZ_CHECK((size_t)e->line <= size + 1, "warning on line %d of %zu bytes: %s", e->line, size, e->message);
		FUZZ_CHECK(e->message[0] != '\0', "empty warning at %d:%d", e->line, e->column);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct ar_tracker *tracker = NULL;
	struct ar_diags warnings = {0};
	struct ar_error err = {0};
	enum ar_rc rc = ar_import_text(text, size, &tracker, &warnings, &err);
	check_warnings(&warnings, size);
	if (rc != AR_OK) {
		FUZZ_CHECK(rc == AR_EDATA, "rc %d", (int)rc);
		FUZZ_CHECK(tracker == NULL, "a tracker with a failure");
		FUZZ_CHECK(err.message[0] != '\0', "failed without a message");
		ar_diags_free(&warnings);
		return 0;
	}
	FUZZ_CHECK(tracker != NULL, "AR_OK without a tracker");
	struct ar_buf first = {0}, yaml = {0};
	fuzz_check_saved_form(tracker, "imported", &first);

	struct ar_diags yaml_warnings = {0};
	FUZZ_CHECK(ar_import_yaml(text, size, &yaml, &yaml_warnings, &err) == AR_OK, "ar_import_yaml: %s", err.message);
	FUZZ_CHECK(yaml.len == first.len && memcmp(yaml.data, first.data, first.len) == 0,
	           "ar_import_yaml wrote other bytes than import + save");
	FUZZ_CHECK(yaml_warnings.count == warnings.count, "warnings %zu then %zu", warnings.count, yaml_warnings.count);

	ar_buf_free(&first);
	ar_buf_free(&yaml);
	ar_diags_free(&warnings);
	ar_diags_free(&yaml_warnings);
	ar_tracker_free(tracker);
	return 0;
}
