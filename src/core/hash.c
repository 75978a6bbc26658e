/* hash.c - a 64-bit multiply-mix hash, eight bytes a step.
 *
 * Not cryptographic: it only has to notice that a file's bytes changed,
 * and it must keep up with reading a 170 MB tracker. */
#include "config.h"

#include "artrack/hash.h"

#include <string.h>

#define PRIME1 UINT64_C(0x9e3779b97f4a7c15)
#define PRIME2 UINT64_C(0xc2b2ae3d27d4eb4f)

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v * PRIME2;
	h = (h << 31) | (h >> 33);
	return h * PRIME1;
}

uint64_t ar_hash64(uint64_t state, const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = state;
	while (len >= 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		h = mix(h, v);
		p += 8;
		len -= 8;
	}
	if (len) {
		uint64_t v = 0;
		memcpy(&v, p, len);
		h = mix(h, v ^ ((uint64_t)len << 56));
	}
	return h;
}
