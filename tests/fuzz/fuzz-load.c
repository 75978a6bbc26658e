/* fuzz-load.c - libFuzzer target for the YAML loader (yamlio.h).
 *
 * Invariants: a file that loads saves, with nothing edited, to the bytes
 * read, and to a canonical form that loads again
 * and saves to the very same bytes, and each item's YAML for $EDITOR reads
 * back as the same item; a file that does not load says why, with at least
 * one message and no negative position.  Read from a stream (as files are),
 * the bytes give the same answer, and the hash of what was read is the hash
 * of the bytes.  No text output (show, every list and export format but
 * docx) holds a byte that acts on a terminal.
 */
#include "config.h"

#include "fuzz.h"

#include <stdbool.h>
#include <string.h>

#include "artrack/format.h"
#include "artrack/hash.h"
#include "artrack/view.h"
#include "artrack/yamlio.h"

/* Items whose single-item YAML is round-tripped per input (it costs a parse each). */
#define ITEMS_CHECKED 8

static void check_failure(enum ar_rc rc, const struct ar_tracker *tracker, const struct ar_diags *diags, size_t size)
{
	FUZZ_CHECK(rc == AR_EDATA, "rc %d", (int)rc);
	FUZZ_CHECK(tracker == NULL, "a tracker with a failure");
	FUZZ_CHECK(diags->count > 0, "failed without a message");
	for (size_t i = 0; i < diags->count; i++) {
		const struct ar_error *e = &diags->items[i];
		FUZZ_CHECK(e->line >= 0 && e->column >= 0, "position %d:%d: %s", e->line, e->column, e->message);
		FUZZ_CHECK((size_t)e->line <= size + 1 && (size_t)e->column <= size + 1,
		           "position %d:%d past the input's %zu bytes: %s", e->line, e->column, size, e->message);
		FUZZ_CHECK(e->message[0] != '\0', "empty message at %d:%d", e->line, e->column);
	}
}

/* Each item's own YAML (what the editor round shows) reads back as an item
 * that writes the same YAML. */
static void check_items(struct ar_tracker *tracker)
{
	for (size_t i = 0; i < tracker->item_count && i < ITEMS_CHECKED; i++) {
		const struct ar_item *item = tracker->items[i];
		struct ar_buf yaml = {0}, again = {0};
		struct ar_error err = {0};
		FUZZ_CHECK(ar_item_to_yaml(tracker, item, &yaml, &err) == AR_OK, "item %ld to YAML: %s", item->id,
		           err.message);
		struct ar_item *back = NULL;
		struct ar_diags diags = {0};
		enum ar_rc rc = ar_item_from_yaml(tracker, yaml.data, yaml.len, item->id, &back, &diags);
		FUZZ_CHECK(rc == AR_OK, "item %ld's own YAML does not read back (%s at %d:%d):\n%s", item->id,
		           diags.count ? diags.items[0].message : "no message", diags.count ? diags.items[0].line : 0,
		           diags.count ? diags.items[0].column : 0, yaml.data);
		FUZZ_CHECK(ar_item_to_yaml(tracker, back, &again, &err) == AR_OK, "item %ld again: %s", item->id,
		           err.message);
		FUZZ_CHECK(again.len == yaml.len && memcmp(again.data, yaml.data, yaml.len) == 0,
		           "item %ld's YAML changed on a round trip:\n%s---\n%s", item->id, yaml.data, again.data);
		ar_diags_free(&diags);
		ar_buf_free(&yaml);
		ar_buf_free(&again);
	}
}

/* ar_load_stream on the same bytes gives what ar_load_buffer gave
 * (saved as `saved` when it loaded). */
static void check_stream(const uint8_t *data, size_t size, enum ar_rc rc, const struct ar_diags *diags,
                         const struct ar_buf *saved)
{
	FILE *stream = size ? fmemopen((void *)data, size, "rb") : NULL;
	if (!stream)
		return;
	struct ar_tracker *tracker = NULL;
	struct ar_diags got = {0};
	struct ar_load_info info = {0};
	enum ar_rc stream_rc = ar_load_stream(stream, &tracker, &got, &info);
	fclose(stream);
	FUZZ_CHECK(stream_rc == rc, "from a stream rc %d, from memory %d", (int)stream_rc, (int)rc);
	FUZZ_CHECK(got.count == diags->count, "from a stream %zu problems, from memory %zu", got.count, diags->count);
	for (size_t i = 0; i < got.count; i++) {
		const struct ar_error *a = &got.items[i], *b = &diags->items[i];
		FUZZ_CHECK(a->line == b->line && a->column == b->column && strcmp(a->message, b->message) == 0,
		           "problem %zu from a stream %d:%d: %s, from memory %d:%d: %s", i, a->line, a->column, a->message,
		           b->line, b->column, b->message);
	}
	if (rc == AR_OK) {
		struct ar_buf again = {0};
		struct ar_error err = {0};
		FUZZ_CHECK(ar_save_buffer(tracker, &again, &err) == AR_OK, "save: %s", err.message);
		FUZZ_CHECK(again.len == saved->len && memcmp(again.data, saved->data, saved->len) == 0,
		           "loaded from a stream, saves otherwise");
		FUZZ_CHECK(info.size == size, "read %llu of %zu bytes", (unsigned long long)info.size, size);
		FUZZ_CHECK(info.hash == ar_hash64(AR_HASH_INIT, data, size), "the hash is not the bytes' hash");
		ar_buf_free(&again);
	}
	ar_tracker_free(tracker);
	ar_diags_free(&got);
}

/* No ESC, other C0 control but tab and line feed (CR only before LF), DEL,
 * C1 control or bidirectional override in out. */
static void check_inert(const struct ar_buf *out, const char *what)
{
	const unsigned char *u = (const unsigned char *)(out->data ? out->data : "");
	for (size_t i = 0; i < out->len; i++) {
		unsigned char c = u[i];
		bool crlf = c == '\r' && i + 1 < out->len && u[i + 1] == '\n';
		FUZZ_CHECK(!(c < 0x20 && c != '\n' && c != '\t' && !crlf) && c != 0x7f, "%s: byte 0x%02x at %zu", what, c, i);
		FUZZ_CHECK(!(c == 0xc2 && i + 1 < out->len && u[i + 1] >= 0x80 && u[i + 1] < 0xa0), "%s: C1 control at %zu",
		           what, i);
		FUZZ_CHECK(!(c == 0xe2 && i + 2 < out->len && ((u[i + 1] == 0x80 && u[i + 2] >= 0xaa && u[i + 2] <= 0xae) ||
		                                             (u[i + 1] == 0x81 && u[i + 2] >= 0xa6 && u[i + 2] <= 0xa9))),
		           "%s: bidirectional control at %zu", what, i);
	}
}

static void check_outputs(const struct ar_tracker *tracker)
{
	struct ar_view *view = ar_view_new(tracker, 20240101);
	struct ar_buf out = {0};
	for (int f = 0; f < AR_LIST_FORMAT_COUNT; f++) {
		ar_buf_reset(&out);
		ar_format_list(&out, tracker, view, (enum ar_list_format)f, f == AR_LIST_TABLE ? 80 : 0);
		check_inert(&out, ar_list_format_names[f]);
	}
	for (int f = 0; f < AR_EXPORT_FORMAT_COUNT; f++) {
		if (f == AR_EXPORT_DOCX)
			continue; /* a zip, not text */
		ar_buf_reset(&out);
		ar_format_export(&out, tracker, view, (enum ar_export_format)f);
		check_inert(&out, ar_export_format_names[f]);
	}
	for (size_t i = 0; i < tracker->item_count && i < ITEMS_CHECKED; i++) {
		ar_buf_reset(&out);
		ar_format_item(&out, tracker, tracker->items[i], i & 1 ? 80 : 0);
		check_inert(&out, "show");
	}
	ar_buf_free(&out);
	ar_view_free(view);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ar_tracker *tracker = NULL;
	struct ar_diags diags = {0};
	enum ar_rc rc = ar_load_buffer((const char *)data, size, &tracker, &diags);
	if (rc != AR_OK) {
		check_failure(rc, tracker, &diags, size);
		check_stream(data, size, rc, &diags, NULL);
		ar_diags_free(&diags);
		return 0;
	}
	FUZZ_CHECK(tracker != NULL, "AR_OK without a tracker");
	/* nothing edited: a save gives back the bytes read, comments and all,
	 * flow style too */
	struct ar_buf as_read = {0};
	struct ar_error err = {0};
	FUZZ_CHECK(ar_save_buffer(tracker, &as_read, &err) == AR_OK, "save: %s", err.message);
	FUZZ_CHECK(as_read.len == size && (!size || memcmp(as_read.data, data, size) == 0),
	           "a save with nothing edited changed the file:\n%.*s", (int)as_read.len, as_read.data);
	ar_buf_free(&as_read);
	struct ar_buf saved = {0};
	fuzz_check_saved_form(tracker, "loaded", &saved);
	check_items(tracker);
	check_outputs(tracker);
	check_stream(data, size, AR_OK, &diags, &saved);

	ar_buf_free(&saved);
	ar_diags_free(&diags);
	ar_tracker_free(tracker);
	return 0;
}
