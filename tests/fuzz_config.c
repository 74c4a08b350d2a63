/* fuzz_config.c: libFuzzer target over .ddlint.yaml and its glob patterns. The first byte of
 * the input picks what the rest is:
 *   even: a configuration file, loaded with dl_config_load (from a memory file); when it loads,
 *         a few paths are matched against its exclude and overrides patterns, and the message
 *         of one that does not load must name the file;
 *   odd:  a glob pattern and a path, separated by the first newline, matched with
 *         dl_config_glob_match and, when the pattern has few stars (the backtracking matcher
 *         is exponential in them), with the backtracking matcher ddlint used before: both
 *         must agree.
 * `make fuzz-config` builds it with clang, AddressSanitizer and UndefinedBehaviorSanitizer;
 * -timeout catches a slow match or load.
 *
 * The Makefile compiles every .c file in tests/ into the unit-test binary too; there the
 * entry point is not defined (DL_FUZZ_MAIN is only set for the fuzz build), so it does not
 * clash with fuzz_lint.c's.
 */
#include "ddlint/buf.h"
#include "ddlint/config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int dl_fuzz_config_one(const uint8_t *data, size_t size);

/* ---- the reference: the recursive backtracking matcher of before, semantics for semantics */

static int ref_class(const char *p, char c, size_t *len)
{
	const char *q = p + 1;
	int negate = *q == '!' || *q == '^';
	if (negate)
		q++;
	const char *first = q;
	int hit = 0;
	for (; *q && (*q != ']' || q == first); q++) {
		unsigned char lo = (unsigned char)*q, hi = lo;
		if (q[1] == '-' && q[2] && q[2] != ']') {
			hi = (unsigned char)q[2];
			q += 2;
		}
		if ((unsigned char)c >= lo && (unsigned char)c <= hi)
			hit = 1;
	}
	if (*q != ']')
		return -1;
	*len = (size_t)(q + 1 - p);
	return c != '\0' && c != '/' && hit != negate;
}

static int ref_at(const char *pat, const char *p, const char *s)
{
	while (*p) {
		if (p[0] == '*' && p[1] == '*' && (p == pat || p[-1] == '/') &&
			(p[2] == '/' || p[2] == '\0')) {
			if (p[2] == '\0')
				return 1;
			p += 3;
			for (;;) {
				if (ref_at(pat, p, s))
					return 1;
				if (!(s = strchr(s, '/')))
					return 0;
				s++;
			}
		}
		size_t len;
		int m;
		switch (*p) {
		case '*':
			while (*p == '*')
				p++;
			for (;; s++) {
				if (ref_at(pat, p, s))
					return 1;
				if (*s == '\0' || *s == '/')
					return 0;
			}
		case '?':
			if (*s == '\0' || *s == '/')
				return 0;
			p++;
			s++;
			continue;
		case '[':
			if ((m = ref_class(p, *s, &len)) == 0)
				return 0;
			if (m > 0) {
				p += len;
				s++;
				continue;
			}
			break;
		case '\\':
			if (p[1])
				p++;
			break;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *s == '\0';
}

static int ref_match(const char *pattern, const char *path)
{
	if (ref_at(pattern, pattern, path))
		return 1;
	char *copy = strdup(path);
	int hit = 0;
	for (char *slash = strchr(copy, '/'); slash && !hit; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		hit = ref_at(pattern, pattern, copy);
		*slash = '/';
	}
	free(copy);
	return hit;
}

static void fuzz_glob(const char *text)
{
	const char *nl = strchr(text, '\n');
	size_t plen = nl ? (size_t)(nl - text) : strlen(text);
	char *pattern = strndup(text, plen);
	const char *path = nl ? nl + 1 : "";
	int got = dl_config_glob_match(pattern, path);
	size_t stars = 0;
	for (const char *p = pattern; *p; p++)
		stars += *p == '*';
	if (stars <= 6 && plen <= 64 && strlen(path) <= 64) {
		int want = ref_match(pattern, path);
		if (got != want) {
			fprintf(stderr, "fuzz_config: glob \"%s\" on \"%s\": %d, the reference says %d\n",
				pattern, path, got, want);
			abort();
		}
	}
	free(pattern);
}

static const char *const paths[] = { "V1__init.sql", "db/migration/V2__a.sql",
	"legacy/old/V0.sql", "a/b/c/d/e/f/g.sql", "../outside.sql", "/abs/x.sql" };

static void fuzz_config(const uint8_t *data, size_t size)
{
	int fd = memfd_create("ddlint.yaml", MFD_CLOEXEC);
	if (fd < 0)
		return;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return;
	}
	char name[64];
	snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
	dl_config cfg;
	dl_buf err = DL_BUF_INIT;
	if (dl_config_load(&cfg, name, &err) == 0) {
		if (err.len) {
			fprintf(stderr, "fuzz_config: loaded with a message: %s\n", err.ptr);
			abort();
		}
		for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			dl_config_layer layer;
			(void)dl_config_excluded(&cfg, paths[i]);
			dl_config_layer_for(&cfg, paths[i], &layer);
		}
	} else if (strncmp(err.ptr, name, strlen(name)) != 0) {
		fprintf(stderr, "fuzz_config: the error does not name the file: %s\n", err.ptr);
		abort();
	}
	dl_config_free(&cfg);
	dl_buf_free(&err);
	close(fd);
}

int dl_fuzz_config_one(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] & 1) {
		char *text = strndup((const char *)data + 1, size - 1); /* up to a NUL byte */
		fuzz_glob(text);
		free(text);
	} else {
		fuzz_config(data + 1, size - 1);
	}
	return 0;
}

#ifdef DL_FUZZ_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return dl_fuzz_config_one(data, size);
}
#endif
