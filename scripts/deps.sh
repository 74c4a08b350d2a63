#!/bin/sh
# deps.sh: make sure the Debian packages ddlint builds with are installed; `deps.sh pg` also
# the PostgreSQL server the lock-model tests run (tests/pg).
# Installs them with apt-get when run as root; otherwise prints the command and exits 2.
set -u

missing=""
need() { # package, file that proves it is installed
	[ -e "$2" ] || missing="$missing $1"
}
need gcc /usr/bin/gcc
need make /usr/bin/make
need pkg-config /usr/bin/pkg-config
need libpg-query-dev /usr/include/pg_query.h
need postgresql-server-dev-15 /usr/include/postgresql/15/server/postgres.h
need libjansson-dev /usr/include/jansson.h
need libpq-dev /usr/include/postgresql/libpq-fe.h
# the library directory of this architecture (Debian multiarch: x86_64-linux-gnu,
# aarch64-linux-gnu, ...)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch 2>/dev/null)
need libmimalloc-dev "/usr/lib/${multiarch:-$(uname -m)-linux-gnu}/libmimalloc.so"
need libyaml-dev /usr/include/yaml.h
need libprotobuf-c-dev /usr/include/protobuf-c/protobuf-c.h
need check /usr/include/check.h
need libpq-dev /usr/include/postgresql/libpq-fe.h
if [ "${1:-}" = pg ]; then
	need postgresql-15 /usr/lib/postgresql/15/bin/postgres
fi

[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
	echo "ddlint: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 && $cmd >&2 && exit 0
	echo "ddlint: '$cmd' failed" >&2
	exit 2
fi
echo "ddlint: missing Debian packages:$missing" >&2
echo "install them with:  sudo apt-get update && sudo $cmd" >&2
exit 2
