/* load_many.c - several loads on threads of their own (see load_many.h). */
#include "config.h"

#include "artrack/load_many.h"

#include "artrack/yamlio.h"

#include <pthread.h>
#include <stdbool.h>

#define MAX_FILES 8

struct job {
	const char *path;
	struct ar_tracker **tracker;
	struct ar_diags *diags;
	enum ar_rc *rc;
};

static void *run(void *arg)
{
	struct job *j = arg;
	*j->rc = ar_load_file(j->path, j->tracker, j->diags, NULL);
	return NULL;
}

/* Load each file, at once (see load_many.h). */
void ar_load_files(const char *const *paths, size_t count, struct ar_tracker **trackers, struct ar_diags *diags,
                   enum ar_rc *rcs)
{
	struct job jobs[MAX_FILES];
	pthread_t threads[MAX_FILES];
	bool started[MAX_FILES] = {false};
	if (count > MAX_FILES)
		count = MAX_FILES;
	for (size_t i = 0; i < count; i++) {
		jobs[i] = (struct job){.path = paths[i], .tracker = &trackers[i], .diags = &diags[i], .rc = &rcs[i]};
		/* The last one runs here, on the calling thread. */
		if (i + 1 < count)
			started[i] = pthread_create(&threads[i], NULL, run, &jobs[i]) == 0;
	}
	for (size_t i = 0; i < count; i++)
		if (!started[i])
			run(&jobs[i]);
	for (size_t i = 0; i < count; i++)
		if (started[i])
			pthread_join(threads[i], NULL);
}
