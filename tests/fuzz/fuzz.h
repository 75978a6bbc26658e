/* fuzz.h - what the libFuzzer targets share: the entry point's prototype,
 * the invariant check and the saved-form invariant (fuzz-common.c).
 *
 * A broken invariant aborts, which libFuzzer reports as a crash (saving the
 * input) and which the corpus replay in `make check` reports as a failure.
 */
#ifndef ARTRACK_FUZZ_H
#define ARTRACK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct ar_buf;
struct ar_tracker;

/* One input: every target defines this, libFuzzer or replay.c calls it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Append tracker's canonical YAML to saved and check that it loads (same
 * numbers of items and meetings) and saves to the very same bytes; what
 * names the tracker in a failure's message. */
void fuzz_check_saved_form(const struct ar_tracker *tracker, const char *what, struct ar_buf *saved);

#define FUZZ_CHECK(cond, ...)                                                                  \
	do {                                                                                       \
		if (!(cond)) {                                                                         \
			fprintf(stderr, "%s:%d: invariant failed: %s\n  ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                                      \
			fputc('\n', stderr);                                                               \
			abort();                                                                           \
		}                                                                                      \
	} while (0)

#endif
