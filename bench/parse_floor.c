/* parse_floor: libpg_query's raw parse of each file and nothing else, the floor under any
 * linter built on libpg_query. Reads the paths, one per line, from standard input. */
#include <pg_query.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char path[8192];
	long files = 0, statements = 0, failed = 0;
	while (fgets(path, sizeof(path), stdin)) {
		path[strcspn(path, "\n")] = '\0';
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		long len = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
		char *sql = len >= 0 && len < (1L << 34) ? malloc((size_t)len + 1) : NULL;
		if (!sql) { /* a directory or an unreadable file */
			fclose(f);
			continue;
		}
		rewind(f);
		size_t got = fread(sql, 1, (size_t)len, f);
		sql[got] = '\0';
		fclose(f);
		PgQuerySplitResult r = pg_query_split_with_parser(sql);
		if (r.error)
			failed++;
		else
			statements += r.n_stmts;
		pg_query_free_split_result(r);
		free(sql);
		files++;
	}
	printf("files %ld statements %ld files-that-do-not-parse %ld\n", files, statements, failed);
	return 0;
}
