/* util.c: allocation helpers and severity names. */
#include "ddlint/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dl_out_of_memory(void)
{
	fputs("ddlint: out of memory\n", stderr);
	abort();
}

void *dl_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		dl_out_of_memory();
	return p;
}

void *dl_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		dl_out_of_memory();
	return p;
}

void *dl_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		dl_out_of_memory();
	return p;
}

char *dl_xstrdup(const char *s)
{
	return dl_xstrndup(s, strlen(s));
}

char *dl_xstrndup(const char *s, size_t n)
{
	char *p = dl_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static const char *const severity_names[] = { "info", "warning", "error" };

const char *dl_severity_name(dl_severity sev)
{
	return severity_names[sev];
}

int dl_severity_parse(const char *name, dl_severity *out)
{
	for (size_t i = 0; i < DL_ARRAY_LEN(severity_names); i++) {
		if (strcmp(name, severity_names[i]) == 0) {
			*out = (dl_severity)i;
			return 0;
		}
	}
	return -1;
}
