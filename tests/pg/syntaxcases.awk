# syntaxcases.awk: splits the syntax catalogue (testdata/syntax/NN.sql) into one file per case.
#
# usage: awk -v out=DIR -f tests/pg/syntaxcases.awk testdata/syntax/16.sql ...
# Writes DIR/NAME.sql (the case's statement, notes dropped) and DIR/index.tsv (one line a case:
# NAME, the major version the case needs, i.e. its file's name, and the statement's first line).
# The format (see testdata/syntax/README.md): a case starts at a line `-- case: NAME` (NAME
# kebab-case, unique across the files), then optional `-- note: ...` lines, then one statement
# ending with `;`. Lines before the first case (a file header), and blank and comment lines
# after a statement (up to the next case), are ignored. A format error is reported on standard error and the exit status is 2.
function fail(msg) {
	printf "syntaxcases: %s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	bad = 1
}
function finish() {
	if (name == "")
		return
	# drop trailing blank and comment lines (a comment between cases belongs to no case)
	n = split(body, lines, "\n")
	while (n > 0 && (lines[n] ~ /^[ \t]*$/ || lines[n] ~ /^[ \t]*--/))
		n--
	body = ""
	for (i = 1; i <= n; i++)
		body = body lines[i] (i < n ? "\n" : "")
	sub(/[ \t]+$/, "", body)
	if (body == "")
		fail("case " name " has no statement")
	else if (body !~ /;$/)
		fail("case " name ": the statement does not end with ;")
	printf "%s\n", body > (out "/" name ".sql")
	close(out "/" name ".sql")
	first = body
	sub(/\n.*/, "", first)
	printf "%s\t%s\t%s\n", name, since, first > (out "/index.tsv")
	name = ""
}
FNR == 1 {
	finish()
	since = FILENAME
	sub(/.*\//, "", since)
	sub(/\.sql$/, "", since)
	if (since !~ /^[0-9]+$/)
		fail("the file name must be the major version, like 16.sql")
}
/^-- case:/ {
	finish()
	name = $0
	sub(/^-- case:[ \t]*/, "", name)
	sub(/[ \t]+$/, "", name)
	if (name !~ /^[a-z0-9]+(-[a-z0-9]+)*$/)
		fail("case name '" name "' is not kebab-case")
	if (name in seen)
		fail("case " name " is also at " seen[name])
	seen[name] = FILENAME ":" FNR
	body = ""
	innotes = 1
	next
}
name == "" { next }
innotes && /^-- note:/ { next }
innotes && /^[ \t]*$/ { next }
{
	innotes = 0
	body = body $0 "\n"
}
END {
	finish()
	if (bad)
		exit 2
}
