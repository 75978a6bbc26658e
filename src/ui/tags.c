/* tags.c - the tagged items (tags.h): a set of ids by open addressing, with
 * the count of existing tagged items kept per tracker generation. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tags.h"

struct ui_tags {
	long *ids;               /* 0 = empty, -1 = removed (ids are positive) */
	size_t slots, used;      /* used counts ids and removed marks */
	size_t count;            /* ids in the set */
	/* tags_count's answer for the tracker at generation */
	const struct ar_tracker *tracker;
	uint64_t generation;
	size_t existing;
	bool existing_known;
};

static size_t slot_of(long id, size_t slots)
{
	return (size_t)(((uint64_t)id * UINT64_C(0x9e3779b97f4a7c15)) >> 20) & (slots - 1);
}

static struct ui_tags *tags_of(struct ui *ui)
{
	if (!ui->tags)
		ui->tags = ar_xcalloc(1, sizeof *ui->tags);
	return ui->tags;
}

static long *find_slot(const struct ui_tags *t, long id)
{
	if (!t->slots)
		return NULL;
	for (size_t s = slot_of(id, t->slots);; s = (s + 1) & (t->slots - 1)) {
		if (t->ids[s] == id)
			return &t->ids[s];
		if (t->ids[s] == 0)
			return NULL;
	}
}

static void insert(struct ui_tags *t, long id);

static void grow(struct ui_tags *t)
{
	struct ui_tags old = *t;
	t->slots = old.slots ? old.slots * 2 : 64;
	while (t->slots < old.count * 4)
		t->slots *= 2;
	t->ids = ar_xcalloc(t->slots, sizeof *t->ids);
	t->used = t->count = 0;
	for (size_t i = 0; i < old.slots; i++)
		if (old.ids[i] > 0)
			insert(t, old.ids[i]);
	free(old.ids);
}

static void insert(struct ui_tags *t, long id)
{
	if ((t->used + 1) * 2 > t->slots)
		grow(t);
	size_t s = slot_of(id, t->slots);
	while (t->ids[s] > 0)
		s = (s + 1) & (t->slots - 1);
	if (t->ids[s] == 0)
		t->used++;
	t->ids[s] = id;
	t->count++;
}

bool tags_has(const struct ui *ui, long id)
{
	return ui->tags && find_slot(ui->tags, id) != NULL;
}

bool tags_toggle(struct ui *ui, long id)
{
	struct ui_tags *t = tags_of(ui);
	t->existing_known = false;
	long *slot = find_slot(t, id);
	if (slot) {
		*slot = -1;
		t->count--;
		return false;
	}
	insert(t, id);
	return true;
}

size_t tags_all_shown(struct ui *ui)
{
	struct ui_tags *t = tags_of(ui);
	size_t shown = ar_view_count(ui->view);
	bool all = shown > 0;
	for (size_t row = 0; row < shown && all; row++)
		all = find_slot(t, ar_view_id(ui->view, row)) != NULL;
	if (all) {
		tags_clear(ui);
		return 0;
	}
	t->existing_known = false;
	for (size_t row = 0; row < shown; row++) {
		long id = ar_view_id(ui->view, row);
		if (!find_slot(t, id))
			insert(t, id);
	}
	return tags_count(ui);
}

size_t tags_count(struct ui *ui)
{
	struct ui_tags *t = ui->tags;
	if (!t || t->count == 0)
		return 0;
	if (t->existing_known && t->tracker == ui->tracker && t->generation == ui->tracker->generation)
		return t->existing;
	size_t n = 0;
	for (size_t i = 0; i < t->slots; i++)
		if (t->ids[i] > 0 && ar_tracker_find_index(ui->tracker, t->ids[i]) >= 0)
			n++;
	t->existing = n;
	t->tracker = ui->tracker;
	t->generation = ui->tracker->generation;
	t->existing_known = true;
	return n;
}

long *tags_ids(struct ui *ui, size_t *count)
{
	size_t n = 0;
	long *ids = ar_xmalloc((tags_count(ui) + 1) * sizeof *ids);
	for (size_t i = 0; ui->tags && ui->tags->count && i < ui->tracker->item_count; i++)
		if (find_slot(ui->tags, ui->tracker->items[i]->id))
			ids[n++] = ui->tracker->items[i]->id;
	*count = n;
	return ids;
}

long *tags_targets(struct ui *ui, size_t *count)
{
	long *ids = tags_ids(ui, count);
	if (*count)
		return ids;
	const struct ar_item *item = ui_selected_item_or_say(ui);
	if (item) {
		ids[0] = item->id;
		*count = 1;
	}
	return ids;
}

void tags_clear(struct ui *ui)
{
	struct ui_tags *t = ui->tags;
	if (!t)
		return;
	if (t->slots)
		memset(t->ids, 0, t->slots * sizeof *t->ids);
	t->used = t->count = 0;
	t->existing_known = false;
}

void tags_free(struct ui *ui)
{
	if (!ui->tags)
		return;
	free(ui->tags->ids);
	free(ui->tags);
	ui->tags = NULL;
}
