/* map.c: string-keyed hash map with linear probing and backward-shift deletion. */
#include "ddlint/map.h"
#include "ddlint/common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static size_t find_slot(const dl_map *map, const char *key)
{
	size_t mask = map->cap - 1;
	size_t i = hash_key(key) & mask;
	while (map->slots[i].key && strcmp(map->slots[i].key, key) != 0)
		i = (i + 1) & mask;
	return i;
}

/* Moves the entry of slot FROM into the empty slot TO (a short key moves with it). */
static void move_slot(dl_map_slot *to, dl_map_slot *from)
{
	*to = *from;
	if (from->key == from->small)
		to->key = to->small;
	from->key = NULL;
}

static void set_key(dl_map_slot *slot, const char *key)
{
	size_t n = strlen(key);
	if (n < sizeof(slot->small)) {
		memcpy(slot->small, key, n + 1);
		slot->key = slot->small;
	} else {
		slot->key = dl_xstrndup(key, n);
	}
}

static void free_key(dl_map_slot *slot)
{
	if (slot->key != slot->small)
		free(slot->key);
	slot->key = NULL;
}

static void grow(dl_map *map)
{
	dl_map old = *map;
	map->cap = old.cap ? old.cap * 2 : 16;
	map->slots = dl_xcalloc(map->cap, sizeof(dl_map_slot));
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			move_slot(&map->slots[find_slot(map, old.slots[i].key)], &old.slots[i]);
	free(old.slots);
}

void *dl_map_get(const dl_map *map, const char *key)
{
	if (!map->cap)
		return NULL;
	size_t i = find_slot(map, key);
	return map->slots[i].key ? map->slots[i].value : NULL;
}

void *dl_map_put(dl_map *map, const char *key, void *value)
{
	if ((map->count + 1) * 4 > map->cap * 3)
		grow(map);
	size_t i = find_slot(map, key);
	if (map->slots[i].key) {
		void *old = map->slots[i].value;
		map->slots[i].value = value;
		return old;
	}
	set_key(&map->slots[i], key);
	map->slots[i].value = value;
	map->count++;
	return NULL;
}

void *dl_map_remove(dl_map *map, const char *key)
{
	if (!map->cap)
		return NULL;
	size_t mask = map->cap - 1;
	size_t i = find_slot(map, key);
	if (!map->slots[i].key)
		return NULL;
	void *value = map->slots[i].value;
	free_key(&map->slots[i]);
	map->count--;
	/* Shift later members of the probe run back so lookups never stop early. */
	for (size_t j = (i + 1) & mask; map->slots[j].key; j = (j + 1) & mask) {
		size_t home = hash_key(map->slots[j].key) & mask;
		int moves = (j > i) ? (home <= i || home > j) : (home <= i && home > j);
		if (moves) {
			move_slot(&map->slots[i], &map->slots[j]);
			i = j;
		}
	}
	return value;
}

void dl_map_each(const dl_map *map, void (*fn)(const char *key, void *value, void *ud), void *ud)
{
	for (size_t i = 0; i < map->cap; i++)
		if (map->slots[i].key)
			fn(map->slots[i].key, map->slots[i].value, ud);
}

void dl_map_free(dl_map *map)
{
	for (size_t i = 0; i < map->cap; i++)
		if (map->slots[i].key)
			free_key(&map->slots[i]);
	free(map->slots);
	map->slots = NULL;
	map->cap = map->count = 0;
}
