/* initcmd.c: `ddlint init`, a starter .ddlint.yaml for the layout found (see initcmd.h). */
#include "ddlint/initcmd.h"

#include "ddlint/common.h"
#include "ddlint/config.h"
#include "ddlint/migset.h"
#include "ddlint/paths.h"
#include "ddlint/run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>


/* The root of SET as written in the config and messages: without a leading "./". */
static const char *shown_root(const dl_migset *set)
{
	return strncmp(set->root, "./", 2) == 0 ? set->root + 2 : set->root;
}

/* Whether SET of SETS is a migration directory init may name: with the tool given, any;
 * else one whose tool was detected, or any when none was (plain SQL files only). */
static bool is_candidate(const dl_migset_list *sets, const dl_migset *set, bool tool_given)
{
	if (tool_given || set->tool != DL_TOOL_PLAIN)
		return true;
	for (size_t i = 0; i < sets->count; i++)
		if (sets->items[i].tool != DL_TOOL_PLAIN)
			return false;
	return true;
}

/* Whether SETS holds more than one candidate: then init does not pick one, it lists them on
 * standard error and asks for --migrations. */
static bool several_sets(const dl_migset_list *sets, bool tool_given)
{
	size_t n = 0;
	for (size_t i = 0; i < sets->count; i++)
		n += is_candidate(sets, &sets->items[i], tool_given);
	if (n < 2)
		return false;
	fprintf(stderr, "ddlint: %zu migration directories found; .ddlint.yaml names the one "
		"`ddlint` lints with no path:\n", n);
	for (size_t i = 0; i < sets->count; i++)
		if (is_candidate(sets, &sets->items[i], tool_given))
			fprintf(stderr, "  %s (%s, %zu file%s)\n", shown_root(&sets->items[i]),
				dl_tool_name(sets->items[i].tool), sets->items[i].count,
				sets->items[i].count == 1 ? "" : "s");
	fputs("Run `ddlint init --migrations DIR` with one of them; the others are linted by "
		"naming them (`ddlint DIR`). Nothing written.\n", stderr);
	return true;
}

/* `ddlint init [--tool NAME] [--migrations DIR]`: writes a starter .ddlint.yaml for the
 * layout found below the working directory; never overwrites one. */
int dl_init_main(int argc, char **argv)
{
	const char *tool = NULL, *migrations = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--tool") == 0 && i + 1 < argc)
			tool = argv[++i];
		else if (strcmp(argv[i], "--migrations") == 0 && i + 1 < argc)
			migrations = argv[++i];
		else
			return dl_usage_error("init takes --tool NAME and --migrations DIR, not '%s'", argv[i]);
	}
	dl_tool parsed;
	if (tool && dl_tool_parse(tool, &parsed) != 0)
		return dl_usage_error("unknown tool '%s'", tool);
	/* the migration set below the working directory */
	dl_path_list files = { NULL, 0, 0 };
	dl_migset_list sets = { NULL, 0, 0 };
	dl_paths_expand(migrations ? migrations : ".", &files, dl_ignore_path_error, NULL);
	dl_migsets_build(&files, tool ? parsed : DL_TOOL_AUTO, migrations, &sets);
	const dl_migset *best = NULL;
	if (!migrations && several_sets(&sets, tool != NULL)) {
		dl_migset_list_free(&sets);
		dl_path_list_free(&files);
		return DL_EXIT_ERROR;
	}
	for (size_t i = 0; i < sets.count; i++)
		if (is_candidate(&sets, &sets.items[i], tool != NULL) &&
			(!best || sets.items[i].count > best->count))
			best = &sets.items[i];
	const char *found_tool = tool ? tool : best ? dl_tool_name(best->tool) : NULL;
	const char *found_dir = migrations ? migrations : best ? best->root : NULL;
	if (found_dir && strncmp(found_dir, "./", 2) == 0)
		found_dir += 2;
	int rc = DL_EXIT_CLEAN;
	int fd = open(DL_CONFIG_NAME, O_WRONLY | O_CREAT | O_EXCL, 0666);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out) {
		fprintf(stderr, "ddlint: cannot create %s: %s\n", DL_CONFIG_NAME, strerror(errno));
		rc = DL_EXIT_ERROR;
	} else {
		if (dl_config_write_starter(out, found_tool, found_dir) != 0)
			rc = DL_EXIT_ERROR;
		if (fclose(out) != 0)
			rc = DL_EXIT_ERROR;
		if (rc == DL_EXIT_CLEAN)
			printf("wrote %s (tool: %s, migrations: %s)\n", DL_CONFIG_NAME,
				found_tool ? found_tool : "auto", found_dir ? found_dir : "not set");
		else
			fprintf(stderr, "ddlint: writing %s failed\n", DL_CONFIG_NAME);
	}
	if (fd >= 0 && !out)
		close(fd);
	dl_migset_list_free(&sets);
	dl_path_list_free(&files);
	return rc;
}

