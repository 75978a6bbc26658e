/* fuzz-docx.c - libFuzzer target for the Word document importer
 * (ar_import_docx, import.h): the zip package, its XML, the table walk.
 *
 * Invariants: an input that imports gives a tracker whose canonical YAML
 * loads and saves to the very same bytes, and ar_import_yaml (which picks
 * the reader by content) writes exactly that; one that does not says why
 * and leaves no tracker; warnings carry no line (they name their table and
 * row in the message).  Parts are capped at 1 MB so a bomb is cheap.
 *
 * An input that is not a zip is taken as word/document.xml and packed
 * (stored, so its bytes reach the XML walk as they are): most mutations of
 * a real package only break its checksums, so this is how the walk over
 * tables, cells and runs gets fuzzed.
 */
#include "config.h"

#include "fuzz.h"

#include <string.h>
#include <zip.h>

#include "artrack/alloc.h"
#include "artrack/import.h"
#include "artrack/yamlio.h"

#define FUZZ_PART_MAX ((size_t)1 << 20)

/* A package holding xml[0..size) as word/document.xml, in out. */
static void pack_document(const uint8_t *xml, size_t size, struct ar_buf *out)
{
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
	FUZZ_CHECK(src != NULL, "zip_source_buffer_create");
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	FUZZ_CHECK(za != NULL, "zip_open_from_source");
	zip_source_t *part = zip_source_buffer(za, xml, size, 0);
	zip_int64_t index = zip_file_add(za, "word/document.xml", part, 0);
	FUZZ_CHECK(index >= 0, "zip_file_add");
	zip_set_file_compression(za, (zip_uint64_t)index, ZIP_CM_STORE, 0);
	FUZZ_CHECK(zip_close(za) == 0, "zip_close");
	FUZZ_CHECK(zip_source_open(src) == 0, "zip_source_open");
	zip_source_seek(src, 0, SEEK_END);
	zip_int64_t n = zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	char *bytes = ar_xmalloc(n > 0 ? (size_t)n : 1);
	FUZZ_CHECK(zip_source_read(src, bytes, (zip_uint64_t)n) == n, "zip_source_read");
	ar_buf_add(out, bytes, (size_t)n);
	free(bytes);
	zip_source_close(src);
	zip_source_free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ar_buf packed = {0};
	if (!ar_import_is_zip((const char *)data, size)) {
		pack_document(data, size, &packed);
		data = (const uint8_t *)packed.data;
		size = packed.len;
	}
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
		ar_buf_free(&packed);
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
	ar_buf_free(&packed);
	return 0;
}
