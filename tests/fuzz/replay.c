/* replay.c - runs a fuzz target over saved inputs, without libFuzzer, so
 * `make check` replays every corpus with any C compiler.
 *
 * Usage: PROGRAM [FOLDER-OR-FILE...]; with no argument, the target's own
 * corpus $top_srcdir/tests/fuzz/corpus/FUZZ_CORPUS.  Prints TAP: a plan,
 * then one "ok" line per input (in name order, so runs are repeatable).  An
 * input that breaks an invariant aborts the program after its name was
 * printed, which the TAP driver reports as an error.
 */
#include "config.h"

#include "fuzz.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "artrack/alloc.h"
#include "artrack/filesafe.h"

#ifndef FUZZ_CORPUS
#error "FUZZ_CORPUS must name the target's corpus folder"
#endif

struct paths {
	char **items;
	size_t count;
};

static void paths_add(struct paths *p, const char *path)
{
	p->items = ar_xreallocarray(p->items, p->count + 1, sizeof *p->items);
	p->items[p->count++] = ar_xstrdup(path);
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add path, or every regular file in it if it is a folder; false if unreadable. */
static bool collect(struct paths *p, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		printf("Bail out! %s: %s\n", path, strerror(errno));
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		paths_add(p, path);
		return true;
	}
	DIR *dir = opendir(path);
	if (!dir) {
		printf("Bail out! %s: %s\n", path, strerror(errno));
		return false;
	}
	size_t first = p->count;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		struct ar_buf full = {0};
		ar_buf_addf(&full, "%s/%s", path, e->d_name);
		if (stat(full.data, &st) == 0 && S_ISREG(st.st_mode))
			paths_add(p, full.data);
		ar_buf_free(&full);
	}
	closedir(dir);
	qsort(p->items + first, p->count - first, sizeof *p->items, path_cmp);
	return true;
}

int main(int argc, char **argv)
{
	struct paths inputs = {0};
	bool ok = true;
	if (argc > 1) {
		for (int i = 1; i < argc && ok; i++)
			ok = collect(&inputs, argv[i]);
	} else {
		const char *top = getenv("top_srcdir");
		struct ar_buf dir = {0};
		ar_buf_addf(&dir, "%s/tests/fuzz/corpus/%s", top ? top : ".", FUZZ_CORPUS);
		ok = collect(&inputs, dir.data);
		ar_buf_free(&dir);
	}
	if (ok && inputs.count == 0) {
		printf("Bail out! no inputs to replay\n");
		ok = false;
	}
	if (ok) {
		printf("1..%zu\n", inputs.count);
		fflush(stdout);
	}
	int failed = 0;
	for (size_t i = 0; ok && i < inputs.count; i++) {
		struct ar_buf data = {0};
		/* The name first, so a crash's report follows the input's name. */
		printf("# %s\n", inputs.items[i]);
		fflush(stdout);
		if (ar_read_file(inputs.items[i], &data) != 0) {
			printf("not ok %zu - %s: %s\n", i + 1, inputs.items[i], strerror(errno));
			failed++;
		} else {
			LLVMFuzzerTestOneInput((const uint8_t *)(data.data ? data.data : ""), data.len);
			printf("ok %zu - %s\n", i + 1, strrchr(inputs.items[i], '/') ? strrchr(inputs.items[i], '/') + 1
			                                                             : inputs.items[i]);
		}
		fflush(stdout);
		ar_buf_free(&data);
	}
	for (size_t i = 0; i < inputs.count; i++)
		free(inputs.items[i]);
	free(inputs.items);
	return ok && !failed ? 0 : 1;
}
