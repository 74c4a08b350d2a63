/* trace-disagrees: the server locked or changed a table other than the lock model says
 * (reported by `ddlint trace`). */
#include "ddlint/registry.h"

static const char doc[] =
	"Reported by `ddlint trace`, which runs the migrations on a real PostgreSQL server and\n"
	"reads, for every statement, the locks its session holds (`pg_locks`, before the\n"
	"transaction ends), whether each table's relfilenode changed (a rewrite), whether an index\n"
	"was built and how many sequential scans ran: one of them differs from what ddlint's lock\n"
	"model (docs/lock-model.md) says for the statement, on its table, on the other relations the\n"
	"model names (a foreign key's referenced table, a partition), or on a table the model names\n"
	"no lock on that the statement locked so that it blocks writes.\n"
	"\n"
	"The finding shows the model's lock and effect and, as `measured`, the server's. Either the\n"
	"schema holds an object the model could not see (a trigger, a rule, a function that does\n"
	"more than its name, an inherited table), and the server's answer is the one to plan the\n"
	"deploy with, or ddlint's model has a defect: please report it with the statement.\n"
	"\n"
	"Tables created earlier in the same migration are left out: a lock on them blocks no one.\n"
	"A statement that cannot run in a transaction block (CREATE INDEX CONCURRENTLY ...) is run\n"
	"while a second session holds ACCESS EXCLUSIVE on its table: the lock it waits for there is\n"
	"the one compared. Data changes (INSERT, UPDATE, DELETE, SELECT) scan as their plan decides:\n"
	"only their locks are compared.\n";

const dl_rule dl_rule_trace_disagrees = {
	.id = "trace-disagrees",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "The server took another lock or had another effect than the lock model says "
		"(ddlint trace)",
	.doc = doc,
	.bad_example = "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
		"CREATE FUNCTION lock_users() RETURNS trigger LANGUAGE plpgsql AS\n"
		"$$BEGIN LOCK TABLE users IN ACCESS EXCLUSIVE MODE; RETURN NEW; END$$;\n"
		"CREATE TABLE audit (id bigint);\n"
		"CREATE TRIGGER audit_lock BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION lock_users();\n"
		"-- a later migration: the trigger locks users, which the model cannot see\n"
		"INSERT INTO audit VALUES (1);",
	.good_example = "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
		"ALTER TABLE users ADD COLUMN nickname text;",
	.check = NULL,
	.trace_only = true,
};
