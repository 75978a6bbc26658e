/* hash.h - a fast non-cryptographic 64-bit hash of bytes, usable in pieces.
 *
 * Used to notice that a file changed on disk since it was read: the loader
 * hashes the bytes as it reads them and the saver hashes the file again
 * before writing over it.
 */
#ifndef ARTRACK_HASH_H
#define ARTRACK_HASH_H

#include <stddef.h>
#include <stdint.h>

#define AR_HASH_INIT UINT64_C(0x6a09e667f3bcc908)

/* Continue the hash state over data[0..len).  Hashing a buffer in pieces
 * gives the same result as hashing it whole only if every piece but the
 * last is a multiple of 8 bytes long. */
uint64_t ar_hash64(uint64_t state, const void *data, size_t len);

#endif
