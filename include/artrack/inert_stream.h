/* inert_stream.h - a stdio stream that cannot send terminal codes.
 *
 * Messages echo file names, queries and values from the file ("'\e]0;x\a'
 * is not one of ..."), and standard error is usually a terminal.  The
 * command line replaces stderr with this stream once, at start, so every
 * message anyone writes is shown inert (ar_text_inert(): ^[ for ESC, U+FFFD
 * for C1 and bidirectional controls), however it was built.
 *
 * Ownership: the FILE is the caller's (fclose() it, or let exit() flush
 * it); fd stays open and is not closed by it.  Writing allocates nothing,
 * so an out-of-memory handler may still print through it.
 */
#ifndef ARTRACK_INERT_STREAM_H
#define ARTRACK_INERT_STREAM_H

#include <stdio.h>

/* A line-buffered stream writing to fd with every control character made
 * inert (line breaks and tabs kept).  NULL (errno set) when the C library
 * cannot make one. */
FILE *ar_inert_stream(int fd);

#endif
