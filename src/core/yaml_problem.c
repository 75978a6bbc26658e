/* yaml_problem.c - libyaml's errors in words the officer can act on. */
#include "config.h"

#include "artrack/yaml_problem.h"
#include "artrack/text.h"

#include <limits.h>
#include <string.h>

/* libyaml's limit on a key written without '?' (YAML 1.2 section 7.4.2). */
#define SIMPLE_KEY_MAX 1024

/* The bytes libyaml read around the bad one, and where they start in the
 * input. */
static enum ar_encoding_guess guess_read_bytes(const yaml_parser_t *p)
{
	const unsigned char *start = p->raw_buffer.start, *at = p->raw_buffer.pointer, *last = p->raw_buffer.last;
	if (!start || !at || !last || at < start || last < at)
		return AR_ENCODING_UNKNOWN;
	/* p->offset is the input offset of the raw buffer's pointer. */
	size_t before = (size_t)(at - start);
	size_t first = p->offset >= before ? p->offset - before : 0;
	return ar_encoding_guess(start, (size_t)(last - start), first);
}

static void reader_message(const yaml_parser_t *p, struct ar_buf *out)
{
	const char *what = p->problem ? p->problem : "cannot read the file";
	if (strstr(what, "UTF-8")) {
		/* Not UTF-8.  problem_value is the byte where libyaml noticed
		 * (for "Caf\xE9 " the space after it; -1 when the file ends
		 * inside a sequence); the raw buffer still starts at the bad
		 * sequence, so name its first byte. */
		int byte = p->problem_value;
		if (p->raw_buffer.pointer && p->raw_buffer.pointer < p->raw_buffer.last)
			byte = *p->raw_buffer.pointer;
		ar_not_utf8_advice(out, "this file", guess_read_bytes(p), byte, true);
		return;
	}
	if (strstr(what, "control characters") && p->problem_value == 0) {
		enum ar_encoding_guess guess = guess_read_bytes(p);
		if (guess == AR_ENCODING_UTF16LE || guess == AR_ENCODING_UTF16BE) {
			ar_not_utf8_advice(out, "this file", guess, -1, true);
			return;
		}
		ar_buf_adds(out, "this file holds a NUL byte (U+0000), so it is not a text file");
		return;
	}
	if (strstr(what, "control characters") && p->problem_value > 0) {
		ar_buf_addf(out, "control character U+%04X is not allowed in YAML: remove it, or write it as an "
		            "escape in a double-quoted string (\"\\x%02X\")", (unsigned)p->problem_value,
		            (unsigned)p->problem_value);
		return;
	}
	if (p->problem_value < 0)
		ar_buf_adds(out, what);
	else
		ar_buf_addf(out, "%s (U+%04X)", what, (unsigned)p->problem_value);
}

/* libyaml gives up on a key at 1024 characters with the words it uses for
 * a missing ':'. */
static bool key_too_long(const yaml_parser_t *p)
{
	return p->context && strcmp(p->context, "while scanning a simple key") == 0 && p->problem &&
	       strcmp(p->problem, "could not find expected ':'") == 0 &&
	       p->problem_mark.line == p->context_mark.line &&
	       p->problem_mark.index > p->context_mark.index + SIMPLE_KEY_MAX;
}

const yaml_mark_t *ar_yaml_problem_message(const yaml_parser_t *p, struct ar_buf *out)
{
	if (p->error == YAML_READER_ERROR) {
		reader_message(p, out);
		return NULL;
	}
	const char *what = p->problem ? p->problem : "cannot parse YAML";
	if (key_too_long(p)) {
		ar_buf_addf(out, "no ':' within %d characters of the start of this key (YAML's limit for a key): "
		            "shorten the key, or if this is text, put it after a key (text: |- and the text on the "
		            "lines below)", SIMPLE_KEY_MAX);
		return &p->context_mark;
	}
	if (p->context && strcmp(p->context, "while scanning a simple key") == 0 && p->problem &&
	    strcmp(p->problem, "could not find expected ':'") == 0) {
		/* libyaml notices on the line after; the fault is the key itself
		 * ("status open" for "status: open"), so that is where to point. */
		ar_buf_adds(out, "could not find expected ':' after this key (write KEY: VALUE)");
		return &p->context_mark;
	}
	if (p->context)
		ar_buf_addf(out, "%s (%s at line %d)", what, p->context,
		            p->context_mark.line >= INT_MAX ? INT_MAX : (int)p->context_mark.line + 1);
	else
		ar_buf_adds(out, what);
	return &p->problem_mark;
}
