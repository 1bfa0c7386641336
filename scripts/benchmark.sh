#!/usr/bin/env bash
# Runs Vigil's storage benchmarks in release mode, each against a baseline
# measured in the same invocation (the sqlite3 and psql tools), and rewrites
# the "Storage" section of BENCHMARKS.md with the machine, the date, the
# commands and the figures.
#
#   scripts/benchmark.sh
#
# Installs sqlite3 and PostgreSQL when missing (as root, from Debian's
# packages), starts a throw-away PostgreSQL cluster with fsync on and stops it
# on exit. Smaller runs for trying the script out (their figures are not
# comparable with the targets; do not commit them):
#
#   VIGIL_BENCH_ROWS=100000 VIGIL_BENCH_DAYS=3 scripts/benchmark.sh
#
# Other knobs: VIGIL_BENCH_BATCH (1000), VIGIL_BENCH_INSERT_RUNS (3),
# VIGIL_BENCH_RUNS (bucket runs, 5).
#
# BENCHMARKS.md keeps other sections: only the text between the
# `<!-- storage:begin -->` and `<!-- storage:end -->` markers is replaced
# (the whole file is written when it has no such markers yet).
set -euo pipefail
cd "$(dirname "$0")/.."

rows="${VIGIL_BENCH_ROWS:-1000000}"
batch="${VIGIL_BENCH_BATCH:-1000}"
days="${VIGIL_BENCH_DAYS:-30}"
runs="${VIGIL_BENCH_RUNS:-5}"
insert_runs="${VIGIL_BENCH_INSERT_RUNS:-3}"
output="BENCHMARKS.md"

scripts/install-test-dependencies.sh
for tool in sqlite3 psql; do
    command -v "$tool" >/dev/null 2>&1 || { echo "benchmark: $tool is not on PATH" >&2; exit 1; }
done

swift build -c release --product vigil-bench
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
bench="$(swift build -c release --show-bin-path)/vigil-bench"

results=$(mktemp -d "${TMPDIR:-/tmp}/vigil-benchmark.XXXXXXXX")
unset VIGIL_TEST_POSTGRES_DIR
cleanup() {
    if [[ -n "${VIGIL_TEST_POSTGRES_DIR:-}" ]]; then scripts/postgres-test-cluster.sh stop || true; fi
    rm -rf "$results"
}
trap cleanup EXIT
cluster_environment=$(VIGIL_TEST_POSTGRES_FSYNC=on scripts/postgres-test-cluster.sh start)
eval "$cluster_environment"
export VIGIL_TEST_POSTGRES_URL VIGIL_TEST_POSTGRES_DIR

commands=(
    "vigil-bench store-insert --backend sqlite --rows $rows --batch $batch --runs $insert_runs"
    "vigil-bench store-insert --backend postgres --rows $rows --batch $batch --runs $insert_runs"
    "vigil-bench buckets --days $days --runs $runs"
)
index=0
for command in "${commands[@]}"; do
    index=$((index + 1))
    echo "== $command" >&2
    # Word splitting is wanted: the commands above hold no quoted arguments.
    # shellcheck disable=SC2086
    "$bench" ${command#vigil-bench } | tee "$results/$index.out"
done

table=$("$bench" report "$results"/*.out)

# 1000000 as 1,000,000.
thousands() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

# The machine.
cpu=$(grep -m 1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
memory=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release && echo "$PRETTY_NAME")
kernel=$(uname -r)
swift_version=$(swift --version 2>/dev/null | grep -m 1 -o 'Swift version [^ ]*' || swift --version 2>&1 | head -n 1)
sqlite_version=$(sqlite3 --version | cut -d' ' -f1)
sqlite_library=$(dpkg-query -W -f='${Version}' libsqlite3-0 2>/dev/null || echo unknown)
postgres_version=$(psql -X -A -t -d "$VIGIL_TEST_POSTGRES_URL" -c 'SHOW server_version' | cut -d' ' -f1)
psql_version=$(psql --version | awk '{ print $3 }')
temp_filesystem=$(df -T "${TMPDIR:-/tmp}" | awk 'NR == 2 { print $2 " (" $1 ")" }')
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git --no-optional-locks status --porcelain 2>/dev/null)" ]]; then revision="$revision with uncommitted changes"; fi
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)

section=$(cat <<EOF
<!-- storage:begin -->
## Storage

Written by \`scripts/benchmark.sh\` on $date (revision $revision). Each row
compares a Vigil store with a baseline measured in the same invocation on the
same machine; the ratio and target are in the last columns.

### Results

$table

### Commands

\`scripts/benchmark.sh\` built \`swift build -c release --product vigil-bench\`,
started a throw-away PostgreSQL cluster (\`scripts/postgres-test-cluster.sh start\`,
fsync on) and ran:

\`\`\`
$(printf '%s\n' "${commands[@]}")
\`\`\`

### Machine

| | |
|---|---|
| CPU | $cpu |
| Cores (nproc) | $(nproc) |
| Memory | $memory |
| OS | $os, Linux $kernel |
| Swift | $swift_version |
| SQLite | sqlite3 tool $sqlite_version; the store links the system library (libsqlite3-0 $sqlite_library), as the tool does |
| PostgreSQL server / psql | $postgres_version / $psql_version |
| Temporary folder (databases, baseline files) | $temp_filesystem |
| Load average (1, 5, 15 min) when the benchmarks started | $load_at_start |

### Method

- **Insert, SQLite.** $(thousands "$rows") generated readings (100 patients, six kinds of
  home device, messages spread over 30 days, seeded so every run is the same)
  in batches of $(thousands "$batch"), one transaction per batch, the schema's indexes in
  place, WAL and \`synchronous=FULL\`. The store inserts through
  \`store.readings.insert\` on \`SQLiteStore\`; the baseline is the \`sqlite3\`
  tool reading a script (written beforehand, untimed) of
  \`BEGIN; INSERT INTO readings (…) VALUES (…),(…),…; COMMIT;\` per batch into
  a database migrated by the store. Both are timed wall-clock from opening the
  database to closing it; both databases are then checked to hold the same rows.
  Runs: $insert_runs, each on fresh databases, alternating which side goes first;
  the table gives the median run (rows/s at the median time) and the best.
- **Insert, PostgreSQL.** The same rows and batches through
  \`store.readings.insert\` on \`PostgresStore\` into a fresh database, against
  \`psql -c "COPY readings (…) FROM STDIN"\` loading all rows at once into
  another fresh database with the same migrations; timed wall-clock from
  connecting to disconnecting; both databases checked to hold the same rows;
  runs: $insert_runs, as for SQLite.
- **Hourly buckets, SQLite.** One patient's heart rate once a second for $days
  day$([[ $days == 1 ]] || echo s), inserted beforehand (untimed). \`store.readings.buckets(of:type:from:to:width: .hour)\`
  against \`sqlite3 file "SELECT (measured_at / 3600000) * 3600000 AS start, min(value), max(value), avg(value), count(*) … GROUP BY 1 ORDER BY 1" > /dev/null\`
  on the same file. Each side runs once untimed (both must return one bucket per
  hour, with the same starts and counts), then is timed $runs times, alternating; the
  table gives median and best. The tool's time includes starting the process
  and opening the file.
<!-- storage:end -->
EOF
)

if [[ -f "$output" ]] && grep -q '<!-- storage:begin -->' "$output" && grep -q '<!-- storage:end -->' "$output"; then
    section_file="$results/section.md"
    printf '%s\n' "$section" >"$section_file"
    awk -v section_file="$section_file" '
        /<!-- storage:begin -->/ { while ((getline line < section_file) > 0) print line; skipping = 1; next }
        /<!-- storage:end -->/ { skipping = 0; next }
        !skipping { print }
    ' "$output" >"$results/BENCHMARKS.md"
    cp "$results/BENCHMARKS.md" "$output"
else
    cat >"$output" <<EOF
# Vigil benchmarks

Every benchmark compares Vigil with a baseline measured in the same invocation
on the same machine, so that the ratio, not the absolute figure, is what
carries from one machine to another. Each section names the script that writes
it and the exact commands; rerun the script rather than editing its section.

$section
EOF
fi
echo "benchmark: wrote $output" >&2
