/* test_migset.c: migration sets (grouping, tool detection, order, roles, down pairing,
 * per-file settings) and the sections a tool runs a file as (markers, transactions). */
#include "ddlint/migset.h"

#include "tests.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- a temporary directory tree ---- */

static char root[64];

static void make_root(void)
{
	strcpy(root, "/tmp/ddlint-migset-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_root(void)
{
	nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Writes TEXT to ROOT/REL, creating its directories. */
static void put(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void no_error(void *ud, const char *path, const char *message)
{
	(void)ud;
	ck_abort_msg("%s: %s", path, message);
}

/* Builds the sets of everything under ROOT (as a directory argument would). */
static void build(dl_tool tool, dl_migset_list *sets)
{
	dl_path_list files = { NULL, 0, 0 };
	dl_paths_expand(root, &files, no_error, NULL);
	dl_migsets_build(&files, tool, NULL, sets);
	dl_path_list_free(&files);
}

/* The path of M relative to ROOT. */
static const char *rel(const dl_migration *m)
{
	size_t n = strlen(root);
	ck_assert(strncmp(m->path, root, n) == 0 && m->path[n] == '/');
	return m->path + n + 1;
}

/* Checks SET's order: NAMES are the relative paths, in order. */
static void order_is(const dl_migset *set, const char *const *names, size_t n)
{
	for (size_t i = 0; i < set->count && i < n; i++)
		ck_assert_msg(strcmp(rel(&set->items[i]), names[i]) == 0, "item %zu is %s, expected %s",
			i, rel(&set->items[i]), names[i]);
	ck_assert_uint_eq(set->count, n);
}

#define ORDER_IS(set, ...) do { \
	static const char *const names_[] = { __VA_ARGS__ }; \
	order_is(set, names_, sizeof(names_) / sizeof(names_[0])); \
} while (0)

/* ---- tool names ---- */

START_TEST(test_tool_names)
{
	for (int i = 0; i < DL_TOOL_COUNT; i++) {
		dl_tool t;
		ck_assert_int_eq(dl_tool_parse(dl_tool_name((dl_tool)i), &t), 0);
		ck_assert_int_eq(t, i);
		ck_assert_ptr_nonnull(strstr(dl_tool_names(), dl_tool_name((dl_tool)i)));
		ck_assert_ptr_nonnull(dl_tool_no_transaction_hint((dl_tool)i));
	}
	dl_tool t = DL_TOOL_FLYWAY;
	ck_assert_int_eq(dl_tool_parse("bogus", &t), -1);
	ck_assert_int_eq(dl_tool_parse("Flyway", &t), -1);
	ck_assert_int_eq(dl_tool_parse("", &t), -1);
	ck_assert_int_eq(t, DL_TOOL_FLYWAY);
	ck_assert_str_eq(dl_tool_name(DL_TOOL_GOLANG_MIGRATE), "golang-migrate");
}
END_TEST

/* ---- sets and order ---- */

START_TEST(test_flyway_order_and_roles)
{
	make_root();
	const char *names[] = { "V10__j.sql", "V2__h.sql", "U2__h.sql", "V1.10__d.sql",
		"V1.2__c.sql", "V1_1__b.sql", "V1__a.sql", "R__views.sql", "R__alpha.sql",
		"V2024_01_15__k.sql", "afterMigrate.sql" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		put(names[i], "SELECT 1;\n");
	put("V2__h.sql.conf", "# script configuration\nexecuteInTransaction=false\n");
	put("V10__j.sql.conf", "executeInTransaction=true\n");
	dl_migset_list sets;
	build(DL_TOOL_AUTO, &sets);
	ck_assert_uint_eq(sets.count, 1);
	dl_migset *set = &sets.items[0];
	ck_assert_str_eq(set->root, root);
	ck_assert_int_eq(set->tool, DL_TOOL_FLYWAY);
	ORDER_IS(set, "V1__a.sql", "V1_1__b.sql", "V1.2__c.sql", "V1.10__d.sql", "V2__h.sql",
		"U2__h.sql", "V10__j.sql", "V2024_01_15__k.sql", "R__alpha.sql", "R__views.sql",
		"afterMigrate.sql");
	static const char *const versions[] = { "1", "1.1", "1.2", "1.10", "2", "2", "10",
		"2024.01.15", "", "", "" };
	static const dl_role roles[] = { DL_ROLE_UP, DL_ROLE_UP, DL_ROLE_UP, DL_ROLE_UP, DL_ROLE_UP,
		DL_ROLE_DOWN, DL_ROLE_UP, DL_ROLE_UP, DL_ROLE_REPEATABLE, DL_ROLE_REPEATABLE,
		DL_ROLE_UP };
	for (size_t i = 0; i < set->count; i++) {
		const dl_migration *m = &set->items[i];
		ck_assert_msg(strcmp(m->version, versions[i]) == 0, "%s: version %s", rel(m), m->version);
		ck_assert_msg(m->role == roles[i], "%s: role %d", rel(m), m->role);
		ck_assert(m->report && m->new_deploy);
		ck_assert(!m->pairs_down); /* undo scripts are optional in Flyway */
		ck_assert_msg(m->no_transaction == (i == 4), "%s: no_transaction", rel(m));
	}
	dl_migset_list_free(&sets);
	remove_root();
}
END_TEST

START_TEST(test_prisma_and_diesel_directories)
{
	make_root();
	put("prisma/migrations/20240201000000_b/migration.sql", "SELECT 2;\n");
	put("prisma/migrations/20240101000000_a/migration.sql", "SELECT 1;\n");
	put("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
	put("diesel/migrations/2024-02-01-000000_b/up.sql", "SELECT 2;\n");
	put("diesel/migrations/2024-02-01-000000_b/down.sql", "SELECT 2;\n");
	put("diesel/migrations/2024-02-01-000000_b/metadata.toml", "run_in_transaction = false\n");
	put("diesel/migrations/2024-01-01-000000_a/up.sql", "SELECT 1;\n");
	put("diesel/migrations/2024-01-01-000000_a/down.sql", "SELECT 1;\n");
	put("diesel/migrations/00000000000000_diesel_initial_setup/up.sql", "SELECT 0;\n");
	put("diesel/migrations/00000000000000_diesel_initial_setup/down.sql", "SELECT 0;\n");
	dl_migset_list sets;
	build(DL_TOOL_AUTO, &sets);
	ck_assert_uint_eq(sets.count, 2);
	/* sets are sorted by root: diesel/ before prisma/ */
	dl_migset *diesel = &sets.items[0], *prisma = &sets.items[1];
	ck_assert(strstr(diesel->root, "/diesel/migrations") && !strstr(diesel->root, "_"));
	ck_assert(strstr(prisma->root, "/prisma/migrations"));
	ck_assert_int_eq(diesel->tool, DL_TOOL_DIESEL);
	ck_assert_int_eq(prisma->tool, DL_TOOL_PRISMA);
	ORDER_IS(prisma, "prisma/migrations/20240101000000_a/migration.sql",
		"prisma/migrations/20240201000000_b/migration.sql");
	ck_assert_str_eq(prisma->items[0].version, "20240101000000");
	ck_assert_int_eq(prisma->items[0].role, DL_ROLE_UP);
	ck_assert(!prisma->items[0].pairs_down);
	ORDER_IS(diesel, "diesel/migrations/00000000000000_diesel_initial_setup/up.sql",
		"diesel/migrations/00000000000000_diesel_initial_setup/down.sql",
		"diesel/migrations/2024-01-01-000000_a/up.sql",
		"diesel/migrations/2024-01-01-000000_a/down.sql",
		"diesel/migrations/2024-02-01-000000_b/up.sql",
		"diesel/migrations/2024-02-01-000000_b/down.sql");
	for (size_t i = 0; i < diesel->count; i++) {
		const dl_migration *m = &diesel->items[i];
		ck_assert_int_eq(m->role, i % 2 ? DL_ROLE_DOWN : DL_ROLE_UP);
		if (m->role == DL_ROLE_UP)
			ck_assert(m->pairs_down && m->has_down);
		/* metadata.toml applies to the up and the down migration */
		ck_assert_msg(m->no_transaction == (i >= 4), "%s", rel(m));
	}
	dl_migset_list_free(&sets);
	remove_root();
}
END_TEST

START_TEST(test_golang_migrate_pairs)
{
	make_root();
	put("10_c.up.sql", "SELECT 1;\n");
	put("2_b.down.sql", "SELECT 1;\n");
	put("2_b.up.sql", "SELECT 1;\n");
	put("1_a.up.sql", "SELECT 1;\n");
	put("1_a.down.sql", "SELECT 1;\n");
	dl_migset_list sets;
	build(DL_TOOL_AUTO, &sets);
	ck_assert_uint_eq(sets.count, 1);
	dl_migset *set = &sets.items[0];
	ck_assert_int_eq(set->tool, DL_TOOL_GOLANG_MIGRATE);
	ORDER_IS(set, "1_a.up.sql", "1_a.down.sql", "2_b.up.sql", "2_b.down.sql", "10_c.up.sql");
	static const dl_role roles[] = { DL_ROLE_UP, DL_ROLE_DOWN, DL_ROLE_UP, DL_ROLE_DOWN,
		DL_ROLE_UP };
	static const char *const versions[] = { "1", "1", "2", "2", "10" };
	for (size_t i = 0; i < set->count; i++) {
		ck_assert_int_eq(set->items[i].role, roles[i]);
		ck_assert_str_eq(set->items[i].version, versions[i]);
	}
	ck_assert(set->items[0].pairs_down && set->items[0].has_down);
	ck_assert(set->items[2].pairs_down && set->items[2].has_down);
	ck_assert(set->items[4].pairs_down && !set->items[4].has_down);
	dl_migset_list_free(&sets);
	remove_root();
}
END_TEST

START_TEST(test_sqitch_plan_order)
{
	make_root();
	put("sqitch.plan", "%syntax-version=1.0.0\n%project=flipr\n\n"
		"users 2024-01-10T10:00:00Z A <a@example.com> # users\n"
		"alter_users [users] 2024-01-11T10:00:00Z A <a@example.com> # widen\n"
		"@v1.0 2024-01-12T10:00:00Z A <a@example.com> # tag\n"
		"\n"
		"flips [users alter_users] 2024-01-13T10:00:00Z A <a@example.com> # flips\n");
	put("sqitch.conf", "[core]\n\tengine = pg\n");
	put("deploy/users.sql", "SELECT 1;\n");
	put("deploy/alter_users.sql", "SELECT 1;\n");
	put("deploy/flips.sql", "SELECT 1;\n");
	put("deploy/unplanned.sql", "SELECT 1;\n");
	put("revert/users.sql", "SELECT 1;\n");
	put("revert/alter_users.sql", "SELECT 1;\n");
	put("verify/users.sql", "SELECT 1;\n");
	put("verify/flips.sql", "SELECT 1;\n");
	dl_migset_list sets;
	build(DL_TOOL_AUTO, &sets);
	ck_assert_uint_eq(sets.count, 1);
	dl_migset *set = &sets.items[0];
	ck_assert_str_eq(set->root, root);
	ck_assert_int_eq(set->tool, DL_TOOL_SQITCH);
	ORDER_IS(set, "deploy/users.sql", "revert/users.sql", "verify/users.sql",
		"deploy/alter_users.sql", "revert/alter_users.sql", "deploy/flips.sql",
		"verify/flips.sql", "deploy/unplanned.sql");
	static const dl_role roles[] = { DL_ROLE_UP, DL_ROLE_DOWN, DL_ROLE_VERIFY, DL_ROLE_UP,
		DL_ROLE_DOWN, DL_ROLE_UP, DL_ROLE_VERIFY, DL_ROLE_UP };
	for (size_t i = 0; i < set->count; i++)
		ck_assert_msg(set->items[i].role == roles[i], "%s", rel(&set->items[i]));
	dl_migset_list_free(&sets);
	remove_root();
}
END_TEST

START_TEST(test_sqitch_dirs_without_plan)
{
	/* deploy/ without sqitch.plan is an ordinary directory of its own */
	make_root();
	put("deploy/b.sql", "SELECT 1;\n");
	put("deploy/a.sql", "SELECT 1;\n");
	dl_migset_list sets;
	build(DL_TOOL_AUTO, &sets);
	ck_assert_uint_eq(sets.count, 1);
	ck_assert(strstr(sets.items[0].root, "/deploy"));
	ck_assert_int_eq(sets.items[0].tool, DL_TOOL_PLAIN);
	ORDER_IS(&sets.items[0], "deploy/a.sql", "deploy/b.sql");
	dl_migset_list_free(&sets);
	remove_root();
}
END_TEST

START_TEST(test_sqlx_forced)
{
	make_root();
	put("20240102000000_b.up.sql", "SELECT 1;\n");
	put("20240102000000_b.down.sql", "SELECT 1;\n");
	put("20240101000000_a.sql", "SELECT 1;\n");
	put("20240103000000_c.sql", "-- no-transaction\nSELECT 1;\n");
	dl_migset_list sets;
	build(DL_TOOL_SQLX, &sets);
	ck_assert_uint_eq(sets.count, 1);
	dl_migset *set = &sets.items[0];
	ck_assert_int_eq(set->tool, DL_TOOL_SQLX);
	ORDER_IS(set, "20240101000000_a.sql", "20240102000000_b.up.sql", "20240102000000_b.down.sql",
		"20240103000000_c.sql");
	ck_assert_int_eq(set->items[2].role, DL_ROLE_DOWN);
	ck_assert(set->items[1].pairs_down && set->items[1].has_down);
	ck_assert_str_eq(set->items[0].version, "20240101000000");
	dl_migset_list_free(&sets);
	remove_root();
}
END_TEST

START_TEST(test_plain_and_forced_tool)
{
	make_root();
	put("002_b.sql", "SELECT 1;\n");
	put("010_c.sql", "SELECT 1;\n");
	put("001_a.sql", "SELECT 1;\n");
	put("sub/003_d.sql", "SELECT 1;\n");
	dl_migset_list sets;
	build(DL_TOOL_AUTO, &sets);
	/* a directory is a set of its own */
	ck_assert_uint_eq(sets.count, 2);
	ck_assert_int_eq(sets.items[0].tool, DL_TOOL_PLAIN);
	ORDER_IS(&sets.items[0], "001_a.sql", "002_b.sql", "010_c.sql");
	ck_assert_str_eq(sets.items[0].items[0].version, "001");
	ORDER_IS(&sets.items[1], "sub/003_d.sql");
	dl_migset_list_free(&sets);

	/* --tool goose: the same grouping, the tool as given */
	build(DL_TOOL_GOOSE, &sets);
	ck_assert_uint_eq(sets.count, 2);
	ck_assert_int_eq(sets.items[0].tool, DL_TOOL_GOOSE);
	ck_assert_int_eq(sets.items[1].tool, DL_TOOL_GOOSE);
	dl_migset_list_free(&sets);

	/* --migrations DIR: everything is one set rooted there */
	dl_path_list files = { NULL, 0, 0 };
	dl_paths_expand(root, &files, no_error, NULL);
	dl_migsets_build(&files, DL_TOOL_AUTO, root, &sets);
	dl_path_list_free(&files);
	ck_assert_uint_eq(sets.count, 1);
	ck_assert_str_eq(sets.items[0].root, root);
	ORDER_IS(&sets.items[0], "001_a.sql", "002_b.sql", "010_c.sql", "sub/003_d.sql");
	dl_migset_list_free(&sets);
	remove_root();
}
END_TEST

START_TEST(test_standard_input_and_empty)
{
	dl_path_list files = { NULL, 0, 0 };
	dl_path_list_push(&files, strdup("-"));
	dl_migset_list sets;
	dl_migsets_build(&files, DL_TOOL_AUTO, NULL, &sets);
	ck_assert_uint_eq(sets.count, 1);
	ck_assert_str_eq(sets.items[0].root, "-");
	ck_assert_int_eq(sets.items[0].tool, DL_TOOL_PLAIN);
	ck_assert_uint_eq(sets.items[0].count, 1);
	dl_migset_list_free(&sets);
	dl_path_list_free(&files);

	dl_path_list none = { NULL, 0, 0 };
	dl_migsets_build(&none, DL_TOOL_AUTO, NULL, &sets);
	ck_assert_uint_eq(sets.count, 0);
	dl_migset_list_free(&sets);
}
END_TEST

/* ---- sections ---- */

static dl_source src_of(const char *text)
{
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, "m.sql", text, strlen(text), &err), 0);
	dl_buf_free(&err);
	return src;
}

/* The sections of TEXT for migration M of a set run by TOOL. */
static void sections_of(const char *text, dl_tool tool, const dl_migration *m, bool assume,
	dl_section_list *out)
{
	dl_source src = src_of(text);
	dl_migration_sections(&src, tool, m, assume, out);
	/* in file order, not overlapping, each starting at a line start */
	for (size_t i = 0; i < out->count; i++) {
		const dl_section *s = &out->items[i];
		ck_assert(s->start <= s->end && s->end <= src.len);
		ck_assert(s->start == 0 || text[s->start - 1] == '\n' || text[s->start - 1] == '\r');
		if (i > 0)
			ck_assert(out->items[i - 1].end <= s->start);
	}
	dl_source_free(&src);
}

static const dl_migration up_file = { .path = "m.sql", .version = "", .role = DL_ROLE_UP,
	.report = true, .new_deploy = true };

/* Offset of the line that starts with PREFIX in TEXT. */
static size_t line_at(const char *text, const char *prefix)
{
	const char *p = strstr(text, prefix);
	ck_assert_ptr_nonnull(p);
	ck_assert(p == text || p[-1] == '\n' || p[-1] == '\r');
	return (size_t)(p - text);
}

/* Tools only from their evidence: a home-made migrator's <n>/up.sql is not Diesel's
 * <version>_<name>, and a directory with diesel.toml above it is Diesel whatever the names. */
START_TEST(test_tool_evidence)
{
	make_root();
	put("migrations/frontend/1528395877/up.sql", "SELECT 1;\n");
	put("migrations/frontend/1528395877/down.sql", "SELECT 1;\n");
	put("migrations/frontend/1528395878/up.sql", "SELECT 1;\n");
	dl_migset_list sets;
	build(DL_TOOL_AUTO, &sets);
	ck_assert_uint_eq(sets.count, 1);
	ck_assert_int_eq(sets.items[0].tool, DL_TOOL_PLAIN);
	ck_assert_ptr_nonnull(strstr(sets.items[0].evidence, "no migration tool"));
	ORDER_IS(&sets.items[0], "migrations/frontend/1528395877/up.sql",
		"migrations/frontend/1528395877/down.sql", "migrations/frontend/1528395878/up.sql");
	/* down.sql is still the down migration of its up.sql */
	ck_assert_int_eq(sets.items[0].items[1].role, DL_ROLE_DOWN);
	ck_assert(sets.items[0].items[1].undoes_prev);
	ck_assert(!sets.items[0].items[2].undoes_prev);
	dl_migset_list_free(&sets);

	put("diesel.toml", "[print_schema]\n");
	build(DL_TOOL_AUTO, &sets);
	ck_assert_int_eq(sets.items[0].tool, DL_TOOL_DIESEL);
	ck_assert_str_eq(sets.items[0].evidence, "diesel.toml");
	dl_migset_list_free(&sets);
	remove_root();

	make_root();
	put("migrations/2024-01-20-120000_create_posts/up.sql", "SELECT 1;\n");
	build(DL_TOOL_AUTO, &sets);
	ck_assert_int_eq(sets.items[0].tool, DL_TOOL_DIESEL);
	dl_migset_list_free(&sets);
	remove_root();

	/* markers of the first files name the tool of a set without other evidence */
	make_root();
	put("db/001_create_users.sql", "CREATE TABLE users (id bigint);\n"
		"---- create above / drop below ----\nDROP TABLE users;\n");
	put("db/002_users_name.sql", "ALTER TABLE users ADD COLUMN name text;\n");
	build(DL_TOOL_AUTO, &sets);
	ck_assert_int_eq(sets.items[0].tool, DL_TOOL_TERN);
	dl_migset_list_free(&sets);
	put("db/tern.conf", "[database]\n");
	put("db/001_create_users.sql", "CREATE TABLE users (id bigint);\n");
	build(DL_TOOL_AUTO, &sets);
	ck_assert_int_eq(sets.items[0].tool, DL_TOOL_TERN);
	ck_assert_str_eq(sets.items[0].evidence, "tern.conf");
	dl_migset_list_free(&sets);
	remove_root();
}
END_TEST

START_TEST(test_tern_sections)
{
	const char *text =
		"CREATE TABLE users (id bigint);\n"
		"\n"
		"---- create above / drop below ----\n"
		"---- tern: disable-tx ----\n"
		"DROP TABLE users;\n";
	dl_section_list list;
	sections_of(text, DL_TOOL_TERN, &up_file, false, &list);
	ck_assert_int_eq(list.tool, DL_TOOL_TERN);
	ck_assert_uint_eq(list.count, 2);
	ck_assert(list.items[0].apply);
	ck_assert_uint_eq(list.items[0].end, line_at(text, "---- create above"));
	ck_assert_int_eq(list.items[0].wrap, DL_WRAP_TRANSACTION);
	/* the down part is linted, not applied; its own disable-tx line applies to it only */
	ck_assert(!list.items[1].apply);
	ck_assert_int_eq(list.items[1].wrap, DL_WRAP_NONE);
	ck_assert(list.has_down_section && list.pairs_down);
	dl_section_list_free(&list);

	/* a file of a tern set without the line is all up, in a transaction; disable-tx must be
	 * a line of its own */
	sections_of("CREATE INDEX CONCURRENTLY i ON t (a); -- ---- tern: disable-tx ----\n",
		DL_TOOL_TERN, &up_file, false, &list);
	ck_assert_int_eq(list.tool, DL_TOOL_TERN);
	ck_assert_uint_eq(list.count, 1);
	ck_assert(list.items[0].apply);
	ck_assert_int_eq(list.items[0].wrap, DL_WRAP_TRANSACTION);
	dl_section_list_free(&list);
	sections_of("---- tern: disable-tx ----\nCREATE INDEX CONCURRENTLY i ON t (a);\n",
		DL_TOOL_PLAIN, &up_file, false, &list);
	ck_assert_int_eq(list.tool, DL_TOOL_TERN);
	ck_assert_int_eq(list.items[0].wrap, DL_WRAP_NONE);
	dl_section_list_free(&list);
}
END_TEST

START_TEST(test_goose_sections)
{
	const char *text =
		"-- adds orders\n"
		"-- +goose Up\n"
		"CREATE TABLE orders (id bigint);\n"
		"-- +goose StatementBegin\n"
		"CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;\n"
		"-- +goose StatementEnd\n"
		"\n"
		"-- +goose Down\n"
		"DROP TABLE orders;\n";
	dl_section_list list;
	sections_of(text, DL_TOOL_PLAIN, &up_file, false, &list);
	ck_assert_int_eq(list.tool, DL_TOOL_GOOSE);
	ck_assert_uint_eq(list.count, 2);
	/* the text before the first marker goes with the up section */
	ck_assert_uint_eq(list.items[0].start, 0);
	ck_assert_uint_eq(list.items[0].end, line_at(text, "-- +goose Down"));
	ck_assert(list.items[0].apply);
	ck_assert_int_eq(list.items[0].wrap, DL_WRAP_TRANSACTION);
	ck_assert_uint_eq(list.items[1].start, line_at(text, "-- +goose Down"));
	ck_assert_uint_eq(list.items[1].end, strlen(text));
	ck_assert(!list.items[1].apply);
	ck_assert_int_eq(list.items[1].wrap, DL_WRAP_TRANSACTION);
	ck_assert(list.has_down_section && list.pairs_down);
	dl_section_list_free(&list);

	/* NO TRANSACTION (anywhere in the file) applies to every section */
	sections_of("-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- +goose Down\n"
		"DROP INDEX CONCURRENTLY i;\n-- +goose NO TRANSACTION\n", DL_TOOL_PLAIN, &up_file, true,
		&list);
	ck_assert_uint_eq(list.count, 2);
	ck_assert_int_eq(list.items[0].wrap, DL_WRAP_NONE);
	ck_assert_int_eq(list.items[1].wrap, DL_WRAP_NONE);
	dl_section_list_free(&list);

	/* only an up section: no down section (missing-down-migration's case) */
	sections_of("-- +goose Up\r\nCREATE TABLE t (id bigint);\r\n", DL_TOOL_GOOSE, &up_file,
		false, &list);
	ck_assert_int_eq(list.tool, DL_TOOL_GOOSE);
	ck_assert_uint_eq(list.count, 1);
	ck_assert(list.items[0].apply && !list.has_down_section && list.pairs_down);
	dl_section_list_free(&list);
}
END_TEST

START_TEST(test_sql_migrate_sections)
{
	const char *text =
		"-- +migrate Up notransaction\n"
		"CREATE INDEX CONCURRENTLY i ON t (a);\n"
		"-- +migrate Down\n"
		"DROP INDEX CONCURRENTLY i;\n";
	dl_section_list list;
	sections_of(text, DL_TOOL_PLAIN, &up_file, false, &list);
	ck_assert_int_eq(list.tool, DL_TOOL_SQL_MIGRATE);
	ck_assert_uint_eq(list.count, 2);
	ck_assert(list.items[0].apply);
	ck_assert_int_eq(list.items[0].wrap, DL_WRAP_NONE);
	ck_assert(!list.items[1].apply);
	ck_assert_int_eq(list.items[1].wrap, DL_WRAP_TRANSACTION);
	ck_assert_uint_eq(list.items[1].start, line_at(text, "-- +migrate Down"));
	ck_assert(list.has_down_section);
	dl_section_list_free(&list);
}
END_TEST

START_TEST(test_dbmate_sections)
{
	const char *text =
		"-- migrate:up\n"
		"CREATE INDEX CONCURRENTLY i ON t (a);\n"
		"\n"
		"-- migrate:down transaction:false\n"
		"DROP INDEX CONCURRENTLY i;\n";
	dl_section_list list;
	sections_of(text, DL_TOOL_PLAIN, &up_file, false, &list);
	ck_assert_int_eq(list.tool, DL_TOOL_DBMATE);
	ck_assert_uint_eq(list.count, 2);
	ck_assert(list.items[0].apply);
	ck_assert_int_eq(list.items[0].wrap, DL_WRAP_TRANSACTION);
	ck_assert(!list.items[1].apply);
	ck_assert_int_eq(list.items[1].wrap, DL_WRAP_NONE);
	dl_section_list_free(&list);
}
END_TEST

START_TEST(test_liquibase_changesets)
{
	const char *text =
		"--liquibase formatted sql\n"
		"\n"
		"--changeset alice:1\n"
		"CREATE TABLE users (id bigint);\n"
		"--rollback DROP TABLE users;\n"
		"\n"
		"--changeset alice:2 runInTransaction:false\n"
		"CREATE INDEX CONCURRENTLY users_id_idx ON users (id);\n"
		"--rollback DROP INDEX CONCURRENTLY users_id_idx;\n"
		"\n"
		"-- changeset bob:3 labels:x\n"
		"ALTER TABLE users ADD COLUMN a text;\n";
	dl_section_list list;
	sections_of(text, DL_TOOL_PLAIN, &up_file, false, &list);
	ck_assert_int_eq(list.tool, DL_TOOL_LIQUIBASE);
	ck_assert_uint_eq(list.count, 3);
	ck_assert_uint_le(list.items[0].start, line_at(text, "--changeset alice:1"));
	ck_assert_uint_eq(list.items[0].end, line_at(text, "--changeset alice:2"));
	ck_assert_uint_eq(list.items[1].end, line_at(text, "-- changeset bob:3"));
	ck_assert_uint_eq(list.items[2].end, strlen(text));
	static const dl_wrap wraps[] = { DL_WRAP_TRANSACTION, DL_WRAP_NONE, DL_WRAP_TRANSACTION };
	for (size_t i = 0; i < 3; i++) {
		ck_assert(list.items[i].apply); /* rollback lines are comments, not down sections */
		ck_assert_int_eq(list.items[i].wrap, wraps[i]);
	}
	ck_assert(!list.pairs_down && !list.has_down_section);
	dl_section_list_free(&list);

	/* --changeset without the formatted-sql header is a comment */
	sections_of("--changeset alice:1\nSELECT 1;\n", DL_TOOL_PLAIN, &up_file, true, &list);
	ck_assert_int_eq(list.tool, DL_TOOL_PLAIN);
	ck_assert_uint_eq(list.count, 1);
	ck_assert_int_eq(list.items[0].wrap, DL_WRAP_TRANSACTION);
	dl_section_list_free(&list);
}
END_TEST

START_TEST(test_markers_in_a_down_file)
{
	/* a file the layout makes a down migration is linted only, whatever its markers say */
	dl_migration down = up_file;
	down.role = DL_ROLE_DOWN;
	dl_section_list list;
	sections_of("-- +goose Up\nSELECT 1;\n", DL_TOOL_GOLANG_MIGRATE, &down, false, &list);
	ck_assert_uint_eq(list.count, 1);
	ck_assert(!list.items[0].apply);
	dl_section_list_free(&list);
}
END_TEST

START_TEST(test_markers_ignored_by_file_tools)
{
	/* Flyway, Prisma, Diesel and sqitch run the file as it is: a goose marker is a comment */
	const dl_tool tools[] = { DL_TOOL_FLYWAY, DL_TOOL_PRISMA, DL_TOOL_DIESEL, DL_TOOL_SQITCH };
	const char *const paths[] = { "V1__a.sql", "m/20240101000000_a/migration.sql",
		"m/2024-01-01-000000_a/up.sql", "deploy/a.sql" };
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		dl_migration m = up_file;
		m.path = (char *)paths[i];
		dl_section_list list;
		sections_of("-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n", tools[i], &m,
			false, &list);
		ck_assert_int_eq(list.tool, tools[i]);
		ck_assert_uint_eq(list.count, 1);
		ck_assert(list.items[0].apply);
		ck_assert_uint_eq(list.items[0].start, 0);
		dl_section_list_free(&list);
	}
}
END_TEST

START_TEST(test_whole_file_wraps)
{
	const char *sql = "SELECT 1;\nSELECT 2;\n";
	dl_migration flat = up_file, no_txn = up_file, mixed = up_file, prisma = up_file,
		diesel = up_file, diesel_no_txn = up_file;
	no_txn.no_transaction = true;
	mixed.flyway_mixed = true;
	prisma.path = "migrations/20240101000000_a/migration.sql";
	diesel.path = "migrations/2024-01-01-000000_a/up.sql";
	diesel_no_txn.path = diesel.path;
	diesel_no_txn.no_transaction = true;
	struct {
		dl_tool tool;
		const dl_migration *m;
		bool assume;
		dl_tool runs_as;
		dl_wrap wrap;
		dl_auto_wrap auto_wrap;
	} cases[] = {
		{ DL_TOOL_PLAIN, &flat, false, DL_TOOL_PLAIN, DL_WRAP_NONE, DL_AUTO_WRAP_NO },
		{ DL_TOOL_PLAIN, &flat, true, DL_TOOL_PLAIN, DL_WRAP_TRANSACTION, DL_AUTO_WRAP_NO },
		{ DL_TOOL_FLYWAY, &flat, false, DL_TOOL_FLYWAY, DL_WRAP_TRANSACTION, DL_AUTO_WRAP_ALL },
		{ DL_TOOL_FLYWAY, &mixed, false, DL_TOOL_FLYWAY, DL_WRAP_TRANSACTION, DL_AUTO_WRAP_ANY },
		{ DL_TOOL_FLYWAY, &no_txn, false, DL_TOOL_FLYWAY, DL_WRAP_NONE, DL_AUTO_WRAP_NO },
		{ DL_TOOL_PRISMA, &prisma, false, DL_TOOL_PRISMA, DL_WRAP_IMPLICIT, DL_AUTO_WRAP_NO },
		{ DL_TOOL_GOLANG_MIGRATE, &flat, false, DL_TOOL_GOLANG_MIGRATE, DL_WRAP_IMPLICIT,
			DL_AUTO_WRAP_NO },
		{ DL_TOOL_DIESEL, &diesel, false, DL_TOOL_DIESEL, DL_WRAP_TRANSACTION, DL_AUTO_WRAP_NO },
		{ DL_TOOL_DIESEL, &diesel_no_txn, false, DL_TOOL_DIESEL, DL_WRAP_NONE, DL_AUTO_WRAP_NO },
		{ DL_TOOL_SQLX, &flat, false, DL_TOOL_SQLX, DL_WRAP_TRANSACTION, DL_AUTO_WRAP_NO },
		{ DL_TOOL_SQITCH, &flat, true, DL_TOOL_SQITCH, DL_WRAP_NONE, DL_AUTO_WRAP_NO },
		/* --assume-in-transaction is for tools without a rule of their own */
		{ DL_TOOL_PRISMA, &prisma, true, DL_TOOL_PRISMA, DL_WRAP_IMPLICIT, DL_AUTO_WRAP_NO },
		/* a flat file among Prisma or Diesel migration directories is a plain file */
		{ DL_TOOL_PRISMA, &flat, false, DL_TOOL_PLAIN, DL_WRAP_NONE, DL_AUTO_WRAP_NO },
		{ DL_TOOL_DIESEL, &flat, true, DL_TOOL_PLAIN, DL_WRAP_TRANSACTION, DL_AUTO_WRAP_NO },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dl_section_list list;
		sections_of(sql, cases[i].tool, cases[i].m, cases[i].assume, &list);
		ck_assert_uint_eq(list.count, 1);
		ck_assert_int_eq(list.tool, cases[i].runs_as);
		ck_assert_uint_eq(list.items[0].start, 0);
		ck_assert_uint_eq(list.items[0].end, strlen(sql));
		ck_assert(list.items[0].apply);
		ck_assert_msg(list.items[0].wrap == cases[i].wrap, "case %zu: wrap %d", i,
			list.items[0].wrap);
		ck_assert_msg(list.items[0].auto_wrap == cases[i].auto_wrap, "case %zu: auto_wrap %d", i,
			list.items[0].auto_wrap);
		ck_assert(!list.has_down_section);
		dl_section_list_free(&list);
	}
}
END_TEST

START_TEST(test_roles_apply)
{
	const dl_role roles[] = { DL_ROLE_UP, DL_ROLE_DOWN, DL_ROLE_REPEATABLE, DL_ROLE_VERIFY };
	const bool apply[] = { true, false, true, false };
	for (size_t i = 0; i < 4; i++) {
		dl_migration m = up_file;
		m.role = roles[i];
		dl_section_list list;
		sections_of("SELECT 1;\n", DL_TOOL_FLYWAY, &m, false, &list);
		ck_assert_uint_eq(list.count, 1);
		ck_assert_int_eq(list.items[0].apply, apply[i]);
		dl_section_list_free(&list);
	}
}
END_TEST

START_TEST(test_sqlx_no_transaction)
{
	dl_section_list list;
	sections_of("-- no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);\n", DL_TOOL_SQLX,
		&up_file, false, &list);
	ck_assert_int_eq(list.items[0].wrap, DL_WRAP_NONE);
	dl_section_list_free(&list);
	/* only as the first line */
	sections_of("SELECT 1;\n-- no-transaction\n", DL_TOOL_SQLX, &up_file, false, &list);
	ck_assert_int_eq(list.items[0].wrap, DL_WRAP_TRANSACTION);
	dl_section_list_free(&list);
}
END_TEST

Suite *suite_migset(void)
{
	Suite *s = suite_create("migset");
	TCase *tc = tcase_create("sets");
	tcase_add_test(tc, test_tool_names);
	tcase_add_test(tc, test_flyway_order_and_roles);
	tcase_add_test(tc, test_prisma_and_diesel_directories);
	tcase_add_test(tc, test_golang_migrate_pairs);
	tcase_add_test(tc, test_sqitch_plan_order);
	tcase_add_test(tc, test_sqitch_dirs_without_plan);
	tcase_add_test(tc, test_sqlx_forced);
	tcase_add_test(tc, test_plain_and_forced_tool);
	tcase_add_test(tc, test_standard_input_and_empty);
	tcase_add_test(tc, test_tool_evidence);
	suite_add_tcase(s, tc);
	TCase *sections = tcase_create("sections");
	tcase_add_test(sections, test_goose_sections);
	tcase_add_test(sections, test_sql_migrate_sections);
	tcase_add_test(sections, test_dbmate_sections);
	tcase_add_test(sections, test_liquibase_changesets);
	tcase_add_test(sections, test_markers_in_a_down_file);
	tcase_add_test(sections, test_markers_ignored_by_file_tools);
	tcase_add_test(sections, test_whole_file_wraps);
	tcase_add_test(sections, test_roles_apply);
	tcase_add_test(sections, test_sqlx_no_transaction);
	tcase_add_test(sections, test_tern_sections);
	suite_add_tcase(s, sections);
	return s;
}
