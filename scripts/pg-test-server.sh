#!/usr/bin/env bash
# Throwaway PostgreSQL 15 server for tests.
#
#   scripts/pg-test-server.sh start <dir>   # prints postgres://fuju@127.0.0.1:<port>/fuju
#   scripts/pg-test-server.sh stop  <dir>
#
# Layout inside <dir>: data/ (cluster), sock/ (unix socket), log (server log),
# port (TCP port of the running server).
#
# `start` prints exactly one line on stdout (the connection URL); every other
# message goes to stderr. It is idempotent-ish: if the server in <dir> is
# already running it just prints its URL again; an existing, stopped cluster is
# restarted. `stop` on a directory with no running server is a no-op.
#
# Run as root (CI): missing server binaries are installed with apt-get
# (package postgresql-15), and the server runs as the `postgres` system user
# (or a system user `fuju-ci`, created on demand), because initdb refuses root.
# Run as a normal user: the server runs as that user; nothing is installed.
#
# Environment:
#   PG_BINDIR   server binaries (default /usr/lib/postgresql/15/bin)
#
# On failure: non-zero exit and a final one-line "pg-test-server: error: ..." on stderr.

set -Eeuo pipefail

PROG=pg-test-server
PG_BINDIR=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
PG_DB=fuju
PG_USER=fuju

# Keep stdout for the URL only; everything else goes to stderr.
exec 3>&1 1>&2

log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
# die exits with status 3 so that the ERR trap of a calling shell (die may run
# inside a command substitution) does not print a second message.
die() {
	trap - ERR
	printf '%s: error: %s\n' "$PROG" "$*" >&2
	exit 3
}
on_err() {
	local rc=$1 line=$2 cmd=$3
	trap - ERR
	[ "$rc" -eq 3 ] && exit 3
	printf '%s: error: unexpected failure (exit %s) at line %s: %s\n' "$PROG" "$rc" "$line" "$cmd" >&2
	exit "$rc"
}
trap 'on_err $? $LINENO "$BASH_COMMAND"' ERR

usage() { die "usage: $0 start|stop <dir>"; }

[ $# -eq 2 ] || usage
cmd=$1
dir=$2
case $cmd in start | stop) ;; *) usage ;; esac
[ -n "$dir" ] || usage

case $dir in
*[[:space:]]*) die "directory must not contain whitespace: '$dir'" ;;
esac

case $dir in /*) ;; *) dir="$PWD/$dir" ;; esac

data="$dir/data"
sock="$dir/sock"
logfile="$dir/log"
portfile="$dir/port"

is_root() { [ "$(id -u)" -eq 0 ]; }

# run_as <user> <cmd...>: run a command as <user> (no-op switch when we already are that user).
# fd 3 (our real stdout) is closed for the child: a daemon inheriting it would
# keep `url=$(pg-test-server.sh start ...)` waiting forever.
run_as() {
	local user=$1
	shift
	if [ "$(id -un)" = "$user" ]; then
		"$@" 3>&-
	elif command -v runuser >/dev/null 2>&1; then
		runuser -u "$user" -- "$@" 3>&-
	elif command -v setpriv >/dev/null 2>&1; then
		setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups -- "$@" 3>&-
	else
		die "cannot switch to user '$user': neither runuser nor setpriv is available"
	fi
}

have_binaries() {
	local b
	for b in initdb postgres pg_ctl; do
		[ -x "$PG_BINDIR/$b" ] || return 1
	done
}

# Names of PostgreSQL 15 clusters reported online by pg_lsclusters (Debian's postgresql-common).
online_clusters() {
	command -v pg_lsclusters >/dev/null 2>&1 || return 0
	pg_lsclusters --no-header 2>/dev/null | awk '$1 == "15" && $4 == "online" { print $2 }' || true
}

install_server() {
	is_root || die "PostgreSQL 15 server binaries not found in $PG_BINDIR (install package postgresql-15, or set PG_BINDIR)"
	command -v apt-get >/dev/null 2>&1 || die "PostgreSQL 15 server binaries not found in $PG_BINDIR and apt-get is unavailable"
	local before
	before=$(online_clusters | sort | tr '\n' ' ')
	log "PostgreSQL 15 server not found in $PG_BINDIR; installing postgresql-15 with apt-get"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q -o DPkg::Lock::Timeout=300 >&2 ||
		die "apt-get update failed"
	apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 postgresql-15 >&2 ||
		die "apt-get install postgresql-15 failed"
	# The Debian package may create and start a default cluster (15/main). We do
	# not use it: stop whatever the installation itself brought online.
	local c
	for c in $(online_clusters); do
		case " $before " in *" $c "*) continue ;; esac
		log "stopping default cluster 15/$c started by the package installation (not used)"
		pg_ctlcluster 15 "$c" stop >&2 || log "warning: could not stop cluster 15/$c; ignoring it"
	done
	have_binaries || die "postgresql-15 installed but initdb/postgres/pg_ctl are still missing from $PG_BINDIR"
}

# The non-root user that owns and runs the cluster.
server_user() {
	if ! is_root; then
		id -un
	elif id -u postgres >/dev/null 2>&1; then
		echo postgres
	else
		if ! id -u fuju-ci >/dev/null 2>&1; then
			log "creating system user fuju-ci"
			useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin fuju-ci >&2 ||
				die "could not create system user fuju-ci"
		fi
		echo fuju-ci
	fi
}

free_port() {
	command -v python3 >/dev/null 2>&1 || die "python3 is required to pick a free TCP port"
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pick_locale() {
	if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
		echo C.UTF-8
	else
		echo C
	fi
}

is_running() { # as $user
	[ -f "$data/PG_VERSION" ] && run_as "$user" "$PG_BINDIR/pg_ctl" -D "$data" status >/dev/null 2>&1
}

show_log_tail() {
	if [ -s "$logfile" ]; then
		log "last lines of $logfile:"
		tail -n 20 "$logfile" | sed 's/^/    /' >&2 || true
	fi
}

psql_as() { # psql_as <port> <sql...>
	local port=$1 psql=$PG_BINDIR/psql
	shift
	[ -x "$psql" ] || psql=$(command -v psql) || die "psql not found"
	run_as "$user" "$psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U "$PG_USER" -d postgres -At "$@"
}

do_stop() {
	if [ ! -f "$data/PG_VERSION" ]; then
		log "no cluster in $dir; nothing to stop"
		return 0
	fi
	have_binaries || die "PostgreSQL 15 server binaries not found in $PG_BINDIR; cannot stop server in $dir"
	user=$(stat -c %U "$data")
	if ! is_running; then
		log "server in $dir is not running"
		rm -f "$portfile"
		return 0
	fi
	cd "$dir"
	run_as "$user" "$PG_BINDIR/pg_ctl" -D "$data" -m fast -w -t 60 stop >&2 ||
		die "pg_ctl stop failed for $data"
	rm -f "$portfile"
	log "stopped server in $dir"
}

do_start() {
	have_binaries || install_server

	# Unix socket paths are limited to ~107 bytes ("/sock/.s.PGSQL.<port>" is appended).
	[ ${#dir} -le 80 ] || die "directory path too long for a unix socket (max 80 bytes): $dir"
	mkdir -p "$dir" || die "cannot create directory $dir"
	dir=$(cd "$dir" && pwd -P)
	data="$dir/data" sock="$dir/sock" logfile="$dir/log" portfile="$dir/port"
	[ ${#sock} -le 90 ] || die "directory path too long for a unix socket: $dir"

	user=$(server_user)
	if is_root; then
		chown "$user": "$dir" || die "cannot chown $dir to $user"
		[ ! -e "$data" ] || chown -R "$user": "$data" "$sock" "$logfile" "$portfile" 2>/dev/null || true
		run_as "$user" test -w "$dir" -a -x "$dir" ||
			die "user $user cannot access $dir (a parent directory is probably not traversable; use e.g. mktemp -d)"
	fi
	# Run the server tools from a directory the server user can enter.
	cd "$dir"
	run_as "$user" mkdir -p "$sock"

	if is_running && [ -s "$portfile" ]; then
		local port
		port=$(cat "$portfile")
		log "server in $dir already running on port $port"
		ensure_db "$port"
		echo "postgres://$PG_USER@127.0.0.1:$port/$PG_DB" >&3
		return 0
	fi

	if [ ! -f "$data/PG_VERSION" ]; then
		[ ! -e "$data" ] || rm -rf "$data"
		local loc
		loc=$(pick_locale)
		log "initdb $data (locale $loc, as $user)"
		if ! run_as "$user" "$PG_BINDIR/initdb" -D "$data" -A trust -U "$PG_USER" \
			--encoding=UTF8 --locale="$loc" >"$dir/initdb.log" 2>&1; then
			if [ "$loc" != C ]; then
				log "initdb with locale $loc failed; retrying with --locale=C"
				rm -rf "$data"
				run_as "$user" "$PG_BINDIR/initdb" -D "$data" -A trust -U "$PG_USER" \
					--encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
					{ sed 's/^/    /' "$dir/initdb.log" >&2; die "initdb failed (see $dir/initdb.log)"; }
			else
				sed 's/^/    /' "$dir/initdb.log" >&2
				die "initdb failed (see $dir/initdb.log)"
			fi
		fi
	fi

	# A free port can be taken by someone else between probing and binding: retry a few times.
	local port attempt
	for attempt in 1 2 3; do
		port=$(free_port)
		log "starting PostgreSQL on 127.0.0.1:$port (attempt $attempt, log $logfile)"
		if run_as "$user" "$PG_BINDIR/pg_ctl" -D "$data" -l "$logfile" -w -t 30 start \
			-o "-c listen_addresses=127.0.0.1 -p $port -k $sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2; then
			echo "$port" >"$portfile"
			ensure_db "$port"
			echo "postgres://$PG_USER@127.0.0.1:$port/$PG_DB" >&3
			return 0
		fi
		if is_running; then
			# pg_ctl gave up waiting but the server is (still) coming up: do not leave it behind.
			run_as "$user" "$PG_BINDIR/pg_ctl" -D "$data" -m immediate -w stop >&2 || true
		fi
		grep -qiE 'could not (bind|create listen socket)|address already in use' "$logfile" 2>/dev/null || break
	done
	show_log_tail
	die "PostgreSQL failed to start (see $logfile)"
}

ensure_db() {
	local port=$1 exists
	exists=$(psql_as "$port" -c "select 1 from pg_database where datname = '$PG_DB'") ||
		{ show_log_tail; die "cannot connect to the server on port $port"; }
	if [ "$exists" != 1 ]; then
		psql_as "$port" -c "create database $PG_DB" >&2 || die "could not create database $PG_DB"
		log "created database $PG_DB"
	fi
}

case $cmd in
start) do_start ;;
stop) do_stop ;;
esac
