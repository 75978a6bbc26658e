/* fuzz.h - what the libFuzzer targets share: the entry point's prototype
 * and the invariant check.
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

/* One input: every target defines this, libFuzzer or replay.c calls it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
