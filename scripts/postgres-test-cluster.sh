#!/usr/bin/env bash
# Starts and stops a throw-away PostgreSQL cluster for Vigil's tests and benchmarks.
#
#   eval "$(scripts/postgres-test-cluster.sh start)"   # exports VIGIL_TEST_POSTGRES_URL and _DIR
#   swift test
#   scripts/postgres-test-cluster.sh stop                # stops it and deletes its folder
#
# `start` creates a cluster with initdb in a new temporary folder, trusts
# connections from the loopback address and the folder's unix socket only,
# listens on 127.0.0.1 on a free port, and prints `export` lines for the caller
# to eval. It runs the server as the `postgres` user when started as root (the
# server refuses to run as root) and as the current user otherwise. When the
# PostgreSQL binaries are missing and the script runs as root, it installs them
# with apt-get.
#
# Environment:
#   VIGIL_TEST_POSTGRES_FSYNC  `on` (default: realistic numbers for benchmarks)
#                              or `off` (faster tests; a crash loses the cluster,
#                              which is thrown away anyway).
#   VIGIL_TEST_POSTGRES_DIR    the folder `stop` removes (printed by `start`).
#
# Quiet on success: `start` prints only the export lines; errors go to stderr.
# When `start` fails it prints `false`, so that `eval "$(… start)"` fails too
# (an eval of nothing would succeed and hide the failure).
set -euo pipefail

readonly marker_name=".vigil-test-cluster"
mode=""

fail() {
    echo "postgres-test-cluster: $*" >&2
    exit 1
}

usage() {
    echo "usage: $0 start|stop" >&2
    exit 2
}

# Prints the newest PostgreSQL server binary folder (Debian layout), or nothing.
find_bin_dir() {
    local newest=""
    if [[ -d /usr/lib/postgresql ]]; then
        newest=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null |
            grep -E '^[0-9]+(\.[0-9]+)?$' | sort -V | tail -n 1 || true)
    fi
    if [[ -n "$newest" && -x "/usr/lib/postgresql/$newest/bin/initdb" && -x "/usr/lib/postgresql/$newest/bin/pg_ctl" ]]; then
        echo "/usr/lib/postgresql/$newest/bin"
    fi
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Runs a command as the user that owns the cluster.
as_owner() {
    if is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Prints a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        if python3 - <<'EOF' 2>/dev/null; then return 0; fi
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
    fi
    local port attempt
    for attempt in $(seq 1 200); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    fail "found no free TCP port"
}

install_postgres() {
    is_root || fail "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install the 'postgresql' package (apt-get install postgresql) or run this script as root"
    command -v apt-get >/dev/null 2>&1 || fail "PostgreSQL server binaries not found and apt-get is not available"
    local log
    log=$(mktemp)
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        rm -f "$log"
        fail "apt-get install postgresql failed"
    fi
    rm -f "$log"
}

start() {
    local bin_dir
    bin_dir=$(find_bin_dir)
    if [[ -z "$bin_dir" ]]; then
        install_postgres
        bin_dir=$(find_bin_dir)
        [[ -n "$bin_dir" ]] || fail "PostgreSQL installed, but no server binaries under /usr/lib/postgresql/*/bin"
    fi
    if is_root; then
        id postgres >/dev/null 2>&1 || fail "running as root needs a 'postgres' user to run the server as"
    fi

    local fsync="${VIGIL_TEST_POSTGRES_FSYNC:-on}"
    [[ "$fsync" == "on" || "$fsync" == "off" ]] || fail "VIGIL_TEST_POSTGRES_FSYNC must be 'on' or 'off'"

    local dir
    dir=$(mktemp -d "${TMPDIR:-/tmp}/vigil-postgres.XXXXXXXX")
    cluster_dir="$dir"
    cluster_bin_dir="$bin_dir"
    touch "$dir/$marker_name"
    if is_root; then chown -R postgres: "$dir"; fi
    # The server user may not be able to read the caller's working directory.
    cd "$dir"

    local data="$dir/data" log="$dir/server.log"
    if ! as_owner "$bin_dir/initdb" -D "$data" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=trust >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        fail "initdb failed"
    fi

    # Only the socket in the cluster folder and the IPv4 loopback address are trusted.
    as_owner tee "$data/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF

    local port attempt started=false
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        as_owner tee "$data/postgresql.auto.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = $fsync
max_connections = 300
shared_buffers = '256MB'
EOF
        if as_owner "$bin_dir/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null 2>&1; then
            started=true
            break
        fi
        # Another process may have taken the port between choosing and binding it.
        grep -q "could not bind\|could not create listen socket" "$log" 2>/dev/null || break
    done
    if [[ "$started" != true ]]; then
        tail -n 20 "$log" >&2 2>/dev/null || true
        fail "the server did not start"
    fi

    cluster_dir=""
    printf 'export VIGIL_TEST_POSTGRES_URL=%q\n' "postgres://postgres@127.0.0.1:$port/postgres"
    printf 'export VIGIL_TEST_POSTGRES_DIR=%q\n' "$dir"
}

stop() {
    local dir="${VIGIL_TEST_POSTGRES_DIR:-}"
    [[ -n "$dir" ]] || fail "VIGIL_TEST_POSTGRES_DIR is not set (eval the output of 'start' first)"
    [[ -d "$dir" ]] || fail "no cluster folder at $dir"
    # Never delete a folder this script did not create.
    [[ -f "$dir/$marker_name" ]] || fail "$dir is not a cluster folder made by this script"

    local bin_dir
    bin_dir=$(find_bin_dir)
    [[ -n "$bin_dir" ]] || fail "PostgreSQL server binaries not found"
    cd "$dir"
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        if ! as_owner "$bin_dir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1; then
            as_owner "$bin_dir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 ||
                fail "could not stop the server in $dir"
        fi
    fi
    cd /
    rm -rf "$dir"
}

# On a failed start: remove the half-made cluster and make the caller's eval fail.
cluster_dir=""
cluster_bin_dir=""
on_exit() {
    local status=$?
    if [[ "$mode" == start && $status -ne 0 ]]; then
        if [[ -n "$cluster_dir" && -d "$cluster_dir" ]]; then
            cd /
            if [[ -f "$cluster_dir/data/postmaster.pid" ]]; then
                as_owner "$cluster_bin_dir/pg_ctl" -D "$cluster_dir/data" -m immediate stop >/dev/null 2>&1 || true
            fi
            rm -rf "$cluster_dir"
        fi
        echo false
    fi
}
trap on_exit EXIT

[[ $# -eq 1 ]] || usage
mode="$1"
case "$1" in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
