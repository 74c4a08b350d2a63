/* migset.h: migration sets as their tools see them.
 *
 * A migration set is the directory a migration tool applies, file after file, to one database.
 * This module finds the sets among the files to lint, detects the tool from the layout (or
 * takes the one given), orders each set as the tool does, pairs up and down migrations, and
 * says how the tool runs each file: which byte ranges are applied (up) or only linted (down),
 * and whether each runs inside a transaction.
 */
#ifndef DDLINT_MIGSET_H
#define DDLINT_MIGSET_H

#include "ddlint/paths.h"
#include "ddlint/source.h"
#include "ddlint/state.h"

#include <stdbool.h>
#include <stddef.h>

#define DL_TOOL_LIST(X) \
	X(AUTO, "auto") \
	X(PLAIN, "plain") \
	X(FLYWAY, "flyway") \
	X(PRISMA, "prisma") \
	X(GOLANG_MIGRATE, "golang-migrate") \
	X(GOOSE, "goose") \
	X(SQL_MIGRATE, "sql-migrate") \
	X(DBMATE, "dbmate") \
	X(DIESEL, "diesel") \
	X(SQLX, "sqlx") \
	X(LIQUIBASE, "liquibase") \
	X(SQITCH, "sqitch") \
	X(TERN, "tern")

typedef enum dl_tool {
#define X(id, name) DL_TOOL_##id,
	DL_TOOL_LIST(X)
#undef X
	DL_TOOL_COUNT
} dl_tool;

const char *dl_tool_name(dl_tool tool);
/* Returns 0 and sets *OUT, or -1 for an unknown name. */
int dl_tool_parse(const char *name, dl_tool *out);
/* Who runs a migration, for messages: the tool's name, or "the migration tool" for plain
 * files (run in a transaction with --assume-in-transaction). */
const char *dl_tool_runner(dl_tool tool);
/* "auto, plain, flyway, ..." for messages. */
const char *dl_tool_names(void);

typedef enum dl_role {
	DL_ROLE_UP,         /* applied to the schema */
	DL_ROLE_DOWN,       /* down, undo or revert: linted against the schema after its up */
	DL_ROLE_REPEATABLE, /* Flyway R__: applied after the versioned ones */
	DL_ROLE_VERIFY,     /* sqitch verify: linted, not applied */
} dl_role;

typedef struct dl_migration {
	char *path;          /* owned */
	char *version;       /* owned: what the tool orders by ("" when it has none) */
	dl_role role;
	bool no_transaction; /* the tool's per-file setting says so (.sql.conf, metadata.toml) */
	bool flyway_mixed;   /* Flyway's mixed=true: a script with any statement that cannot run
	                        in a transaction runs without one */
	bool pairs_down;     /* the layout keeps down migrations in files of their own ... */
	bool has_down;       /* ... and this up migration has one */
	bool undoes_prev;    /* a down migration of the up migration just before it in the set */
	bool report;         /* findings are reported (false: only the schema state is built) */
	bool new_deploy;     /* starts a deploy (false: ships with the migration before it) */
	bool schema_dump;    /* the --schema dump the sets start from, not a migration */
	bool deployed;       /* before --deploy-from's version: in production already (trace
	                        --rows fills the tables as they are after it) */
} dl_migration;

typedef struct dl_migset {
	char *root;          /* owned: the directory the tool reads, as first named */
	char *key;           /* owned: its device and inode, which identify the set */
	dl_tool tool;        /* never DL_TOOL_AUTO */
	const char *evidence; /* static: why the tool was assumed (its config file, naming ...) */
	dl_migration *items; /* in the order the tool applies them */
	size_t count, cap;
} dl_migset;

typedef struct dl_migset_list {
	dl_migset *items;
	size_t count, cap;
} dl_migset_list;

/* Groups FILES into sets (by the directory the tool keeps them in: a Prisma or Diesel
 * migration directory belongs to its parent; sqitch deploy/revert/verify to the project) and
 * orders each one. TOOL forces the tool (DL_TOOL_AUTO: detected per set). With ONE_SET
 * non-NULL, every file belongs to the one set rooted there. Every migration starts with
 * report and new_deploy true. The caller frees OUT with dl_migset_list_free. */
void dl_migsets_build(const dl_path_list *files, dl_tool tool, const char *one_set,
	dl_migset_list *out);
void dl_migset_list_free(dl_migset_list *list);

/* Orders SET again for TOOL (DL_TOOL_AUTO: detected), e.g. the tool of its config file. */
void dl_migset_set_tool(dl_migset *set, dl_tool tool);

/* When Flyway runs a script without its transaction. */
typedef enum dl_auto_wrap {
	DL_AUTO_WRAP_NO,   /* never: the wrap is as given */
	DL_AUTO_WRAP_ALL,  /* when every statement in it cannot run in a transaction */
	DL_AUTO_WRAP_ANY,  /* when any statement in it cannot (mixed=true) */
} dl_auto_wrap;

/* A byte range of a file that the tool runs as one unit. */
typedef struct dl_section {
	size_t start, end;   /* [start, end) of the file; starts at a line start */
	bool apply;          /* up: applied to the schema; false: down, linted only */
	dl_wrap wrap;
	dl_auto_wrap auto_wrap;   /* Flyway drops the transaction by the statements in it */
} dl_section;

typedef struct dl_section_list {
	dl_section *items;   /* in file order, not overlapping */
	size_t count, cap;
	dl_tool tool;        /* the tool that runs the file (markers in the file can name it) */
	bool has_down_section; /* goose, sql-migrate, dbmate: the file has a down section */
	bool pairs_down;     /* the file's format has down sections */
} dl_section_list;

/* How the tool of set TOOL runs migration M, whose text is SRC. ASSUME_IN_TRANSACTION wraps
 * files of tools that have no rule of their own (plain). */
void dl_migration_sections(const dl_source *src, dl_tool tool, const dl_migration *m,
	bool assume_in_transaction, dl_section_list *out);
void dl_section_list_free(dl_section_list *list);

/* How to run a statement outside a transaction with TOOL (for help texts). */
const char *dl_tool_no_transaction_hint(dl_tool tool);

#endif
