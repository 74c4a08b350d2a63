/* map.h: a string-keyed hash map (open addressing, linear probing).
 *
 * The map owns copies of its keys (a short one in its slot, so a key pointer is valid only until
 * the map changes); values belong to the caller, who frees them before or after dl_map_free
 * (dl_map_each visits them all).
 */
#ifndef DDLINT_MAP_H
#define DDLINT_MAP_H

#include <stddef.h>

/* Keys shorter than this are kept in their slot (most column and table names): no allocation. */
#define DL_MAP_SMALL_KEY 24

typedef struct dl_map_slot {
	char *key; /* NULL for an empty slot; a short key points into small */
	void *value;
	char small[DL_MAP_SMALL_KEY];
} dl_map_slot;

typedef struct dl_map {
	dl_map_slot *slots;
	size_t cap;   /* power of two, or 0 */
	size_t count;
} dl_map;

#define DL_MAP_INIT { NULL, 0, 0 }

void *dl_map_get(const dl_map *map, const char *key);
/* Stores VALUE under KEY and returns the value it replaces (NULL if none). */
void *dl_map_put(dl_map *map, const char *key, void *value);
/* Removes KEY and returns its value (NULL if absent). */
void *dl_map_remove(dl_map *map, const char *key);
void dl_map_each(const dl_map *map, void (*fn)(const char *key, void *value, void *ud), void *ud);
void dl_map_free(dl_map *map);

#endif
