#!/usr/bin/env bash
# Runs Vigil's benchmarks in release mode, each against a baseline measured
# in the same invocation, and rewrites their sections of BENCHMARKS.md with
# the machine, the date, the commands and the figures:
#
# - storage: the stores against the sqlite3 and psql tools ("Storage");
# - https: HTTPS telemetry into a release `vigil serve`, driven by wrk, against
#   the store's batch insert of the same readings ("HTTPS ingest").
# - monitoring: ingest with live evaluation on and off, and alert latency from
#   a device's 204 to the SSE event ("Live evaluation and alert latency");
# - webhooks: webhook relay deliveries/s to 10 loopback endpoints beside the
#   ingest load, and what they cost it ("Webhook relay");
# - mqtt: MQTT telemetry into a release `vigil serve` against Debian's mosquitto,
#   both driven by vigil-bench's own load generator ("MQTT ingest");
#   VIGIL_BENCH_MQTT_SECONDS (each run, 30) and VIGIL_BENCH_MQTT_IDLE (idle
#   connections, 10000) size it.
# - dashboard: the worklist of a clinician with 500 patients and a patient page
#   over 30 days of one-a-minute readings of five vitals, against /health/live
#   fetched the same way ("Dashboard pages").
# - simulator: `vigil simulate --dry-run`'s message rate (the simulator alone)
#   against what a release `vigil serve` absorbs from `vigil simulate` over
#   HTTPS ("Simulator against Vigil"); VIGIL_BENCH_SIMULATOR_SECONDS (each
#   run, 30) sizes it.
# - news2: NEWS2 scoring of generated observation sets against the plain
#   Python scorer Benchmarks/news2-baseline/news2.py ("NEWS2 scoring"); runs by
#   default or when VIGIL_BENCH_SUITES names news2; VIGIL_BENCH_NEWS2_COUNT
#   (1000000) and VIGIL_BENCH_NEWS2_RUNS (5) size it.
#
#   scripts/benchmark.sh
#
# Installs sqlite3, PostgreSQL, wrk and mosquitto when missing (as root, from
# Debian's packages), starts a throw-away PostgreSQL cluster with fsync on and
# stops it on exit. Smaller runs for trying the script out (their figures are
# not comparable with the targets; do not commit them):
#
#   VIGIL_BENCH_ROWS=100000 VIGIL_BENCH_DAYS=3 VIGIL_BENCH_HTTPS_SECONDS=5 \
#   VIGIL_BENCH_MQTT_SECONDS=5 VIGIL_BENCH_MQTT_IDLE=2000 VIGIL_BENCH_SIMULATOR_SECONDS=5 \
#   scripts/benchmark.sh
#
# Other knobs: VIGIL_BENCH_SUITES ("storage https mqtt monitoring webhooks dashboard simulator"; name one to run only it),
# VIGIL_BENCH_BATCH (1000), VIGIL_BENCH_INSERT_RUNS (3), VIGIL_BENCH_RUNS
# (bucket runs, 5), VIGIL_BENCH_HTTPS_SECONDS (each wrk run, 30).
#
# BENCHMARKS.md keeps other sections: only the text between a suite's
# `<!-- storage:begin -->` and `<!-- storage:end -->` (or `https:`, `mqtt:`, `simulator:`, …)
# markers is replaced; a section without markers yet is appended (the whole
# file is written when there is none).
set -euo pipefail
cd "$(dirname "$0")/.."

rows="${VIGIL_BENCH_ROWS:-1000000}"
batch="${VIGIL_BENCH_BATCH:-1000}"
days="${VIGIL_BENCH_DAYS:-30}"
runs="${VIGIL_BENCH_RUNS:-5}"
insert_runs="${VIGIL_BENCH_INSERT_RUNS:-3}"
https_seconds="${VIGIL_BENCH_HTTPS_SECONDS:-30}"
mqtt_seconds="${VIGIL_BENCH_MQTT_SECONDS:-30}"
mqtt_idle="${VIGIL_BENCH_MQTT_IDLE:-10000}"
monitoring_seconds="${VIGIL_BENCH_MONITORING_SECONDS:-30}"
webhooks_seconds="${VIGIL_BENCH_WEBHOOKS_SECONDS:-30}"
simulator_seconds="${VIGIL_BENCH_SIMULATOR_SECONDS:-30}"
suites="${VIGIL_BENCH_SUITES:-storage https mqtt monitoring webhooks dashboard simulator}"
output="BENCHMARKS.md"

# Whether the suite named $1 is to run.
want() { [[ " $suites " == *" $1 "* ]]; }
# news2 (NEWS2 scoring, its own block at the end): wanted by default or when
# named; taken out of $suites so that the other suites' checks never see it.
if [[ -z "${VIGIL_BENCH_SUITES:-}" ]] || want news2; then news2_wanted=yes; else news2_wanted=no; fi
suites=$(for suite in $suites; do [[ $suite == news2 ]] || printf '%s ' "$suite"; done)
for suite in $suites; do
    case $suite in
        storage | https | mqtt | monitoring | webhooks | dashboard | simulator) ;;
        *) echo "benchmark: unknown suite $suite" >&2; exit 1 ;;
    esac
done

scripts/install-test-dependencies.sh
# Installs Debian's package $1, which provides the command $1, when it is missing.
install_missing() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "benchmark: $1 is missing; install it (apt-get install $1) or run as root" >&2
        exit 1
    fi
    echo "Installing $1" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$1" >/dev/null
}
if want https || want monitoring || want webhooks; then install_missing wrk; fi
if want mqtt; then install_missing mosquitto; fi
tools=(sqlite3)
if want storage; then tools+=(psql); fi
if want https || want monitoring || want webhooks; then tools+=(wrk); fi
if want mqtt; then tools+=(mosquitto); fi
for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "benchmark: $tool is not on PATH" >&2; exit 1; }
done

swift build -c release --product vigil-bench
if want https || want mqtt || want monitoring || want webhooks || want dashboard || want simulator; then
    swift build -c release --product vigil
fi
bin="$(swift build -c release --show-bin-path)"
bench="$bin/vigil-bench"

results=$(mktemp -d "${TMPDIR:-/tmp}/vigil-benchmark.XXXXXXXX")
unset VIGIL_TEST_POSTGRES_DIR
cleanup() {
    if [[ -n "${VIGIL_TEST_POSTGRES_DIR:-}" ]]; then scripts/postgres-test-cluster.sh stop || true; fi
    rm -rf "$results"
}
trap cleanup EXIT

# Runs a vigil-bench command line ($2) and keeps its output in $results/$1.out.
run_bench() {
    local name=$1 command=$2
    echo "== $command" >&2
    # Word splitting is wanted: the commands hold no quoted arguments.
    # shellcheck disable=SC2086
    "$bench" ${command#vigil-bench } | tee "$results/$name.out"
}

if want storage; then
    load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
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
        run_bench "storage-$index" "$command"
    done
    table=$("$bench" report "$results"/storage-*.out)
fi

if want https; then
    https_command="vigil-bench https-ingest --vigil $bin/vigil --duration $https_seconds --connections 16 --devices 1000 --readings-per-request 100"
    https_load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
    run_bench https "$https_command"
    https_table=$("$bench" report "$results/https.out")
fi

if want mqtt; then
    mqtt_command="vigil-bench mqtt ingest --vigil $bin/vigil --duration $mqtt_seconds --devices 1000 --idle-connections $mqtt_idle --window 10"
    mqtt_load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
    run_bench mqtt "$mqtt_command"
    mqtt_load_at_end=$(cut -d' ' -f1-3 /proc/loadavg)
    mqtt_table=$("$bench" mqtt report "$results/mqtt.out")
fi

if want monitoring; then
    monitoring_command="vigil-bench monitoring --vigil $bin/vigil --duration $monitoring_seconds --rounds 2 --alert-patients 1000 --alert-duration 60"
    monitoring_load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
    run_bench monitoring "$monitoring_command"
    monitoring_table=$("$bench" report "$results/monitoring.out")
fi

if want dashboard; then
    dashboard_command="vigil-bench dashboard --vigil $bin/vigil --patients 500 --days 30 --requests 200"
    dashboard_load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
    run_bench dashboard "$dashboard_command"
    dashboard_table=$("$bench" report "$results/dashboard.out")
fi

if want webhooks; then
    webhooks_command="vigil-bench webhooks --vigil $bin/vigil --duration $webhooks_seconds --rounds 3 --endpoints 10 --backlog 40000"
    webhooks_load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
    run_bench webhooks "$webhooks_command"
    webhooks_table=$("$bench" report "$results/webhooks.out")
fi

if want simulator; then
    simulator_command="vigil-bench simulator --vigil $bin/vigil --seconds $simulator_seconds --devices 200 --connections 32 --batch 1 --seed 2026"
    simulator_load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
    run_bench simulator "$simulator_command"
    simulator_load_at_end=$(cut -d' ' -f1-3 /proc/loadavg)
    simulator_table=$("$bench" report "$results/simulator.out")
fi

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
if want storage; then
    postgres_version=$(psql -X -A -t -d "$VIGIL_TEST_POSTGRES_URL" -c 'SHOW server_version' | cut -d' ' -f1)
    psql_version=$(psql --version | awk '{ print $3 }')
fi
temp_filesystem=$(df -T "${TMPDIR:-/tmp}" | awk 'NR == 2 { print $2 " (" $1 ")" }')
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git --no-optional-locks status --porcelain 2>/dev/null)" ]]; then revision="$revision with uncommitted changes"; fi
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# Replaces the text between `<!-- $1:begin -->` and `<!-- $1:end -->` in
# BENCHMARKS.md with $2 (which holds the markers); appends $2 when the file
# has no such markers, and writes the whole file when there is none.
write_section() {
    local name=$1 section=$2
    local section_file="$results/section-$name.md"
    printf '%s\n' "$section" >"$section_file"
    if [[ -f "$output" ]] && grep -q "<!-- $name:begin -->" "$output" && grep -q "<!-- $name:end -->" "$output"; then
        awk -v section_file="$section_file" -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" '
            index($0, begin) { while ((getline line < section_file) > 0) print line; skipping = 1; next }
            index($0, end) { skipping = 0; next }
            !skipping { print }
        ' "$output" >"$results/BENCHMARKS.md"
        cp "$results/BENCHMARKS.md" "$output"
    elif [[ -f "$output" ]]; then
        printf '\n%s\n' "$section" >>"$output"
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
    echo "benchmark: wrote the $name section of $output" >&2
}

if want storage; then
storage_section=$(cat <<EOF
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
    write_section storage "$storage_section"
fi

if want https; then
    # `wrk --version` prints its usage too and exits with status 1.
    wrk_version=$( (wrk --version 2>&1 || true) | head -n 1 | awk '{ print $2 }')
    libssl_version=$(dpkg-query -W -f='${Version}' libssl3 2>/dev/null || echo unknown)
    # The command as a reader would type it from the repository.
    https_command_shown=${https_command//"$bin"/.build/release}
    https_section=$(cat <<EOF
<!-- https:begin -->
## HTTPS ingest

Written by \`scripts/benchmark.sh\` on $date (revision $revision). A release
\`vigil serve\` on its embedded SQLite database (WAL, \`synchronous=FULL\`, the
default) receives SAS-authenticated telemetry over TLS from \`wrk\` on the same
machine; the sustained rate is compared with the store's batch insert of the
same readings, measured in the same invocation.

### Results

$https_table

### Command

\`scripts/benchmark.sh\` built \`swift build -c release --product vigil-bench\` and
\`swift build -c release --product vigil\`, and ran:

\`\`\`
$https_command_shown
\`\`\`

### Machine

| | |
|---|---|
| CPU | $cpu |
| Cores (nproc) | $(nproc), shared by \`vigil serve\` and \`wrk\` |
| Memory | $memory |
| OS | $os, Linux $kernel |
| Swift | $swift_version |
| SQLite | the system library, libsqlite3-0 $sqlite_library |
| Load generator | wrk $wrk_version (Debian's package, with OpenSSL libssl3 $libssl_version) |
| Temporary folder (Vigil's data folder, baseline databases) | $temp_filesystem |
| Load average (1, 5, 15 min) when the benchmark started | $https_load_at_start |

### Method

- **Server.** \`vigil serve --data-dir <new folder> --http-port <free port> --https-port <free port> --mqtt-port <free port> --http-host 127.0.0.1\`,
  the release build, started by \`vigil-bench\` with \`VIGIL_BOOTSTRAP_ADMIN_PASSWORD\`
  and no other \`VIGIL_*\` setting: SQLite with \`synchronous=FULL\`, and the
  default group-commit limits, rate limit (100 messages/s per device, burst
  200) and log level. TLS uses the self-signed CA and server certificate Vigil
  generates; \`wrk\` does not verify certificates, so it needs no CA.
- **Devices.** 1,000 devices spread over 100 patients, created through the
  REST API as an administrator would (\`POST /api/v1/auth/login\`,
  \`POST /api/v1/patients\`, \`POST /api/v1/devices\`). Each device's SAS token is
  computed once from the connection string Vigil returned, as the IoT Hub SDKs
  do, and is valid for the whole benchmark. Provisioning is not timed.
- **Load.** \`wrk -t2 -c16 -d${https_seconds}s --latency --timeout 10s\` with a Lua
  script that \`vigil-bench\` generates: requests go round the 1,000 devices
  (\`POST /devices/{id}/messages/events?api-version=2021-04-12\` with the device's
  \`Authorization\` token and \`Content-Type: application/json\`), the two threads
  starting half-way round from each other, so that each device stays far
  below its rate limit. The script counts 204 and other answers in wrk's
  \`response\` hook and prints requests, answers, errors and latency percentiles
  (\`latency:percentile()\`) in \`done\`. Latency is wrk's: from writing a request
  to reading its whole answer, on kept-alive TLS connections.
- **Bodies.** One fixed body per device, sent again on each of its turns,
  without \`messageId\` (so Vigil stores every send and records no message id).
  The sustained run sends the native form with 100 readings (heart rate, SpO₂,
  respiratory rate and body temperature in turn), each with its own \`time\`,
  distinct and within the hour before the run; the single-reading runs send
  the flat form \`{"heartRate": N}\`, measured at the receive time. Values are
  those of stable patients (each scoring 0 or 1 in NEWS2), so few alerts are
  raised and ingest, not alerting, is measured. Before the runs, Vigil's own
  \`DeviceMessageParser\` must accept every reading of every body.
- **Runs, in order, on one server.** Sustained ingest with 100 readings per
  request; single-reading requests as fast as the 16 connections get answers
  (the maximum); short paced calibration runs; single-reading requests paced
  to about half the maximum. Pacing uses wrk's \`delay()\` hook: each connection
  waits before each request (whole milliseconds, alternated to average a
  fraction), a delay computed from the maximum run and corrected by the
  calibration runs (until one lands within 5% of the target, at most three)
  so that delay plus latency gives half the maximum rate.
  This is closed-loop: a connection sends its next request only after the
  previous answer, so while the server stalls, the requests a device would
  have sent meanwhile are not sent late but not at all, and their queueing
  delay is missing from the percentiles (coordinated omission). The p99 at
  half the maximum is therefore a lower bound on what devices sending on a
  fixed schedule would see. Latency also depends on what else the machine runs: the
  two cores are shared by Vigil, wrk and any other process, and a busy
  neighbour preempts the single SQLite writer, so read the percentiles with
  the load average above.
- **Baseline.** After the server has stopped, the readings of the sustained
  run's acknowledged requests (the same values, read from the same bodies by
  \`DeviceMessageParser\`, in the order they were sent) are inserted through
  \`store.readings.insert\` into a fresh \`SQLiteStore\` with the same migrations
  and settings (WAL, \`synchronous=FULL\`): once with one request's readings per
  transaction (batches of 100) and once in batches of 1,000, each timed from
  opening the database to closing it. The target is checked against batches
  of 1,000, the stricter. The baseline does no TLS, HTTP, SAS verification,
  JSON parsing or validation, and does not share the two cores with a load
  generator.
- **Durability.** Every run must be answered 204 throughout, with no socket
  errors or timeouts, or the benchmark fails. After the runs Vigil is stopped
  with SIGTERM, and \`sqlite3\` counts in its database file the device readings
  received during each run (leaving out the NEWS2 scores Vigil derives and
  stores as readings without a device): each count must be at least the
  run's 204-acknowledged requests times its readings per request, and the
  quarantine must be empty.
<!-- https:end -->
EOF
)
    write_section https "$https_section"
fi

if want mqtt; then
    mosquitto_version=$(dpkg-query -W -f='${Version}' mosquitto 2>/dev/null || echo unknown)
    libssl_version=$(dpkg-query -W -f='${Version}' libssl3 2>/dev/null || echo unknown)
    # The version Package.resolved pins for the package identity $1.
    resolved() { grep -A6 "\"identity\" : \"$1\"" Package.resolved | grep -m 1 '"version"' | cut -d'"' -f4; }
    mqtt_command_shown=${mqtt_command//"$bin"/.build/release}
    mqtt_section=$(cat <<EOF
<!-- mqtt:begin -->
## MQTT ingest

Written by \`scripts/benchmark.sh\` on $date (revision $revision). A release
\`vigil serve\` on its embedded SQLite database (WAL, \`synchronous=FULL\`, the
default) receives QoS 1 telemetry over MQTT 3.1.1 and TLS from SAS-authenticated
devices, and Debian's \`mosquitto\` broker (no persistence, no authentication)
receives the same from the same load generator in the same invocation.
Targets (issue 8): at least 0.25× mosquitto's QoS 1 rate; at most 3× its
memory per idle TLS connection; the publish-to-commit latency at half of
Vigil's maximum rate is reported without a bound.

### Results

$mqtt_table

### Command

\`scripts/benchmark.sh\` built \`swift build -c release --product vigil-bench\` and
\`swift build -c release --product vigil\`, and ran:

\`\`\`
$mqtt_command_shown
\`\`\`

### Machine

| | |
|---|---|
| CPU | $cpu |
| Cores (nproc) | $(nproc), shared by the broker under test and the load generator |
| Memory | $memory |
| OS | $os, Linux $kernel |
| Swift | $swift_version |
| SQLite | the system library, libsqlite3-0 $sqlite_library |
| Baseline | mosquitto $mosquitto_version (Debian's package, with OpenSSL libssl3 $libssl_version) |
| Load generator | \`vigil-bench\` (release): SwiftNIO $(resolved swift-nio), SwiftNIO SSL $(resolved swift-nio-ssl) (BoringSSL), Vigil's \`MQTTEncoder\`/\`MQTTDecoder\` |
| Temporary folder (Vigil's data folder, mosquitto's configuration) | $temp_filesystem |
| Load average (1, 5, 15 min) when the benchmark started / ended | $mqtt_load_at_start / $mqtt_load_at_end |

### Method

- **Vigil.** \`vigil serve --data-dir <new folder> --http-port <free port> --https-port <free port> --mqtt-port <free port> --http-host 127.0.0.1\`,
  the release build, started by \`vigil-bench\` with \`VIGIL_BOOTSTRAP_ADMIN_PASSWORD\`
  and no other \`VIGIL_*\` setting: SQLite with \`synchronous=FULL\`, live
  evaluation (NEWS2, rules) on, and the default group-commit limits, rate limit
  (100 messages/s per device, burst 200) and log level. Its MQTT port is read
  from its log. It PUBACKs a message only after the ingest writer committed it.
- **mosquitto.** \`mosquitto -c mosquitto.conf\` with one listener on
  127.0.0.1 and a free port, \`persistence false\`, \`allow_anonymous true\`,
  \`connection_messages false\`, errors and warnings logged only, and \`user root\`
  (so that it can read the key in Vigil's private data folder). It accepts
  the devices' user names and passwords without checking them and stores
  nothing; no client subscribes, so a publish costs it decoding and a PUBACK.
- **Transport.** TLS for both, on the loopback interface: mosquitto's listener
  presents the certificate and key Vigil generated for itself (ECDSA P-256,
  \`tls/server.pem\`, \`tls/server-key.pem\`), so both do the same handshake;
  both negotiate TLS 1.3. The load generator does not verify the certificate
  (as \`wrk\` in the HTTPS section does not).
- **Devices.** $(thousands "$mqtt_idle") devices spread over 100 patients, created through
  Vigil's REST API (\`POST /api/v1/patients\`, \`POST /api/v1/devices\`, eight
  requests at a time), each with a SAS token computed from the connection
  string Vigil returned; not timed. Each connection is one device, as on IoT Hub:
  client id = device id, user name \`localhost/{deviceId}/?api-version=2021-04-12\`,
  password = SAS token, clean session, keep-alive 0 (no pings while idle);
  telemetry to \`devices/{deviceId}/messages/events/\`. mosquitto gets exactly
  the same CONNECT and PUBLISH packets. Each device sends one fixed flat body
  \`{"heartRate": N}\` (55 to 95, seeded), without a message id, so Vigil stores
  every publish; Vigil's own \`DeviceMessageParser\` must read each body into
  exactly one reading beforehand.
- **Load generator.** Part of \`vigil-bench\` (\`MQTTLoadGenerator\`): SwiftNIO
  with one event loop per core, NIOSSL, and Vigil's MQTT codec; one channel per
  device, connected 100 at a time. While running, each connection keeps up to
  10 QoS 1 publishes awaiting PUBACK, writes are flushed once per read
  batch, and the time from a publish to its PUBACK is recorded for every
  message. Its own CPU time and the broker's (\`/proc/<pid>/stat\`) are sampled at
  the start and end of each run; the table gives them as cores busy on average.
- **Memory per idle connection** (first, on fresh connections: mosquitto, then
  Vigil). \`VmRSS\` of the broker's process (\`/proc/<pid>/status\`) just before
  the first connection, then with all $(thousands "$mqtt_idle") devices connected over TLS,
  accepted (CONNACK 0) and idle for 3 s; (after − before) ÷ connections. Then
  all disconnect. Vigil's "before" follows the provisioning of the devices
  through its API; mosquitto's is a fresh process. \`vigil-bench\` raises its
  open-file limit (\`RLIMIT_NOFILE\`, inherited by both brokers) to fit every
  connection.
- **Maximum rate** (1,000 devices: Vigil, then mosquitto, each right after
  connecting). For $mqtt_seconds s every connection publishes as fast as PUBACKs
  come back (10 outstanding), but at most 80 messages/s per device (a token
  bucket of 10 in the generator), so that no device exceeds Vigil's rate
  limit, which disconnects it; the checks say how much of this ceiling
  mosquitto's run used. The rate is the PUBACKs received during the
  $mqtt_seconds s ÷ $mqtt_seconds; publishes still outstanding at the end are awaited (for
  durability) but not counted.
- **Latency at half of Vigil's maximum** (right after each broker's maximum
  run, on the same connections). Open loop: every connection publishes on its
  own fixed schedule (1,000 schedules of half the rate ÷ 1,000 each, spread
  evenly), whatever the answers; a publish falling due while 10 are
  outstanding waits for a PUBACK, and its latency counts from when it fell
  due, so a stall is not hidden (no coordinated omission). mosquitto runs at
  the same rate. Latency is from writing the PUBLISH (when it fell due) to
  reading its PUBACK; Vigil PUBACKs only after the SQLite commit, so this is
  publish-to-commit as a device sees it. The two cores are shared by the
  broker, the generator and any other process: read the percentiles with the
  load average above.
- **Durability.** Every publish of every run must be PUBACKed, within 60 s of
  the run's end, with no connection refused or dropped, or the benchmark fails.
  After the runs Vigil is stopped with SIGTERM, and \`sqlite3\` counts in its
  database file the device readings received during each Vigil run (leaving out
  the NEWS2 scores Vigil derives and stores as readings without a device): each
  count must be at least the run's PUBACKs, and the quarantine must be empty.
<!-- mqtt:end -->
EOF
)
    write_section mqtt "$mqtt_section"
fi

if want monitoring; then
    monitoring_section=$(cat <<EOF
<!-- monitoring:begin -->
## Live evaluation and alert latency

Written by \`scripts/benchmark.sh\` on $date (revision $revision). Targets
(issue 4): live evaluation costs at most 10 % of ingest throughput; from a
device's 204 to the alert event reaching a subscribed client, p99 under 50 ms
with 1,000 patients sending one reading a second each.

### Results

$monitoring_table

### Command

\`\`\`
${monitoring_command//"$bin"/.build/release}
\`\`\`

Machine: as in the HTTPS ingest section (\`vigil serve\`, its load generators
and the subscriber share the $(nproc) cores). Load average (1, 5, 15 min) when
the benchmark started: $monitoring_load_at_start.

### Method

- **Evaluation cost.** The sustained run of the HTTPS ingest benchmark (1,000
  devices over 100 patients, 100 readings per request, \`wrk -t2 -c16\`, ${monitoring_seconds} s)
  against a fresh release \`vigil serve\` per run: once as shipped (live
  evaluation on: NEWS2, rules, baselines and alerts for every patient whose
  readings were committed), once with \`--no-live-evaluation\`; two rounds,
  the second in the opposite order; medians compared. Each run is checked for
  durability (every acknowledged reading stored, nothing quarantined), and to
  have stored NEWS2 scores (on) or none (off).
- **Alert latency.** A fresh server; 1,000 patients with one device each,
  provisioned through the REST API; the administrator subscribes to
  \`GET /api/v1/events\` (AsyncHTTPClient, plain HTTP on loopback). Each device
  sends one reading a second over HTTPS (AsyncHTTPClient, SAS token), on a
  fixed schedule (open loop), the devices' phases spread evenly over the
  second: \`{"readings":[{"type":"heartRate","value":135,"time":…}]}\`, a pulse
  scoring 3, so every reading creates or updates the patient's NEWS2 alert
  (\`alert.created\` once, then \`alert.updated\`). Each reading is matched with
  its event by patient and the alert's \`lastFiredAt\` (the reading's time);
  latency is from the device receiving its 204 to the subscriber receiving the
  event (an event arriving first counts as 0 ms). Readings whose event never
  arrives (within 3 s of the end) are counted as missing; the target requires
  none and no failed sends. Live evaluation coalesces a patient's readings
  that arrive while the patient is being evaluated, so under overload events
  go missing rather than queueing without bound.
<!-- monitoring:end -->
EOF
)
    write_section monitoring "$monitoring_section"
fi

if want dashboard; then
    dashboard_section=$(cat <<EOF
<!-- dashboard:begin -->
## Dashboard pages

Written by \`scripts/benchmark.sh\` on $date (revision $revision). Targets
(issue 5): the worklist of a clinician with 500 patients, server time p95 under
50 ms; a patient page with 30 days of one reading a minute of five vital types,
p95 under 100 ms and under 300 KB.

### Results

$dashboard_table

### Command

\`\`\`
${dashboard_command//"$bin"/.build/release}
\`\`\`

Machine: as in the HTTPS ingest section (\`vigil serve\` and the client share
the $(nproc) cores). Load average (1, 5, 15 min) when the benchmark started:
$dashboard_load_at_start.

### Method

- A fresh release \`vigil serve\` (SQLite, live evaluation on). Through the
  REST API: a clinician, 500 patients with a device each, all on the
  clinician's care team; each device sends one message of five vitals over
  HTTPS (so every row has latest values and a NEWS2 total). The first patient's
  device then sends 30 days (less an hour) of one reading a minute of heart
  rate, SpO2, respiration rate, temperature and blood pressure, 200 minutes
  per message (about 216,000 readings).
- The clinician signs in through \`/dashboard/signin\` (CSRF cookie and
  field, then the session cookie). Each page is fetched once to warm up, then
  200 times one after another on one keep-alive connection (AsyncHTTPClient,
  plain HTTP on loopback); the time is from sending the request to reading
  the last byte, so it bounds the server time from above. The worklist must
  list all 500 patients; every request must answer 200.
- Page weight: the HTML plus the stylesheet and script it loads
  (\`/dashboard/static/\`); the charts are inline SVG, nothing else is loaded.
- Baseline: \`GET /health/live\`, fetched the same way in the same run: the
  cost of any request through the same server, client and connection.
<!-- dashboard:end -->
EOF
)
    write_section dashboard "$dashboard_section"
fi

if want webhooks; then
    webhooks_section=$(cat <<EOF
<!-- webhooks:begin -->
## Webhook relay

Written by \`scripts/benchmark.sh\` on $date (revision $revision). Target
(issue 6): at least 2,000 deliveries a second to 10 loopback endpoints while
the HTTPS ingest benchmark's load runs, reducing its throughput by at most 15 %.

### Results

$webhooks_table

### Command

\`\`\`
${webhooks_command//"$bin"/.build/release}
\`\`\`

Machine: as in the HTTPS ingest section; \`vigil serve\`, \`wrk\` and the
receiver share the $(nproc) cores. Load average (1, 5, 15 min) when the
benchmark started: $webhooks_load_at_start.

### Method

- **Receiver.** \`vigil-bench\` listens on 10 loopback ports with SwiftNIO,
  one per endpoint (as 10 hospital systems would have 10 hosts), answers every
  request 204 at once, and counts requests and distinct \`webhook-id\`s per
  endpoint.
- **Backlog.** Before each run, 40,000 messages that Vigil refuses (a heart
  rate of 900/min) are sent through the HTTPS device endpoint, 64 at a time
  (so that they are queued faster than the relay drains them); each is
  quarantined and writes a \`device.quarantine\` event. With webhooks, 10
  endpoints (plain \`http\` to loopback, allowed by
  \`--webhooks-allow-insecure-loopback\`) subscribe to \`device.quarantine\`,
  so each event makes 10 deliveries. The measured ingest load itself writes no
  events, so what is compared is the relay draining a backlog beside the
  ingest, not the cost of writing events.
- **Runs.** The sustained HTTPS ingest run (as in the evaluation cost above)
  with and without webhook endpoints, fresh server each, three rounds in
  alternating order; deliveries/s is the receiver's count over the run ÷ its
  length (median of the runs with webhooks); the cost compares the median
  ingest rates. Three rounds, not two: on this machine one run's ingest rate
  differs from the next by up to 15 % with nothing changed (two-round runs of
  the same relay code gave costs of 8.0 % and 16.3 %), and the median of three
  is steadier. Each run with webhooks must end with deliveries still pending
  (the relay had work throughout), and no endpoint may receive a
  \`webhook-id\` twice.
<!-- webhooks:end -->
EOF
)
    write_section webhooks "$webhooks_section"
fi

if want simulator; then
    simulator_section=$(cat <<EOF
<!-- simulator:begin -->
## Simulator against Vigil

Written by \`scripts/benchmark.sh\` on $date (revision $revision). Target
(issue 7): the simulator alone generates at least 5× the load Vigil can
absorb, so it is never the bottleneck of another benchmark. Both numbers come
from the same invocation: the release \`vigil simulate\` generating messages
without sending them, and a fresh release \`vigil serve\` absorbing the same
messages from \`vigil simulate\` over HTTPS.

### Results

$simulator_table

### Command

\`scripts/benchmark.sh\` built \`swift build -c release --product vigil-bench\` and
\`swift build -c release --product vigil\`, and ran:

\`\`\`
${simulator_command//"$bin"/.build/release}
\`\`\`

### Machine

| | |
|---|---|
| CPU | $cpu |
| Cores (nproc) | $(nproc), shared by \`vigil serve\` and \`vigil simulate\` in the absorption run |
| Memory | $memory |
| OS | $os, Linux $kernel |
| Swift | $swift_version |
| SQLite | the system library, libsqlite3-0 $sqlite_library |
| Temporary folder (Vigil's data folder) | $temp_filesystem |
| Load average (1, 5, 15 min) when the benchmark started / ended | $simulator_load_at_start / $simulator_load_at_end |

### Method

- **Messages.** Both runs start the release \`vigil simulate\` as a child
  process with the same load-generator flags: \`--devices 200 --seed 2026
  --batch 1 --connections 32 --bad-readings 0.02 --duration $simulator_seconds
  --rate 1000000000 --json\`. The target rate cannot be reached, so each run
  goes as fast as it can for $simulator_seconds s with at most 32 messages in flight.
  Messages go round the 200 devices (the device kinds of the simulator's
  patient profiles), each with one measurement of its device's vitals in the
  native form and a unique \`messageId\`; 2 % carry one deliberately bad
  reading (the simulator's default), exactly as \`vigil simulate\` sends them
  to a server. Rates are those of the JSON summary: acknowledged messages ÷
  the run's wall-clock seconds (until the last answer), and valid readings ÷
  the same seconds.
- **Generation (the simulator alone).** \`vigil simulate --dry-run\`: the same
  plan, message building and bookkeeping (tally, latency samples, progress
  line), with a sender that accepts each message without sending it. No
  server runs meanwhile.
- **Absorption (Vigil).** Then a fresh \`vigil serve --data-dir <new folder>
  --http-port <free port> --https-port <free port> --mqtt-port <free port>
  --http-host 127.0.0.1\`, the release build, with
  \`VIGIL_BOOTSTRAP_ADMIN_PASSWORD\` and no other \`VIGIL_*\` setting (SQLite
  with \`synchronous=FULL\`, live evaluation on, the default group-commit
  limits, and the rate limit of 100 messages/s per device, which 200 devices
  stay under below 20,000 messages/s). \`vigil simulate --protocol https\`
  enrols the 200 devices through the REST API (not timed: the run's clock
  starts with the first message), then sends over TLS with SAS tokens to
  \`POST /devices/{id}/messages/events\` on at most 32 kept-alive connections
  (AsyncHTTPClient, verifying Vigil's CA); Vigil answers 204 only after the
  readings are committed. \`vigil simulate\` and \`vigil serve\` share the
  $(nproc) cores, so the absorbed rate is what Vigil takes while its load
  generator runs beside it; the server's CPU time (\`/proc/<pid>/stat\`)
  while \`vigil simulate\` ran (enrolment included) is reported as cores busy.
  The absorbed rate is thus what Vigil takes from its own simulator (whose
  HTTPS client and TLS compete for the same cores), not necessarily its
  ceiling with a lighter client: the HTTPS ingest section measures that with
  \`wrk\`. A server far below $(nproc) cores busy means the load run was bound by
  the client or by commit latency (Vigil acknowledges only after fsync), not
  by the server's CPU.
- **Ratio.** Generated messages/s ÷ absorbed messages/s (the readings/s ratio
  beside it); the target is met at 5× or more.
- **Checks.** Every message of both runs must be acknowledged (in the
  absorption run: answered 204, none throttled, refused or failed), or the
  benchmark fails. After the absorption run Vigil is stopped with SIGTERM, and
  \`sqlite3\` counts in its database file the device readings received during
  the run, which must be at least the valid readings acknowledged, and the
  quarantine entries, which must be at least the bad readings injected.
<!-- simulator:end -->
EOF
)
    write_section simulator "$simulator_section"
fi

# ---- news2: NEWS2 scoring against plain Python (its own block) ----------
if [[ $news2_wanted == yes ]]; then
    command -v python3 >/dev/null 2>&1 || { echo "benchmark: python3 is not on PATH" >&2; exit 1; }
    news2_count="${VIGIL_BENCH_NEWS2_COUNT:-1000000}"
    news2_runs="${VIGIL_BENCH_NEWS2_RUNS:-5}"
    news2_command="vigil-bench news2 --count $news2_count --seed 2026 --runs $news2_runs"
    news2_load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
    run_bench news2 "$news2_command"
    # The JSON line's figures as shell assignments (python3 is the baseline's interpreter anyway).
    news2_figures=$(grep '^{' "$results/news2.out" | tail -n 1 | python3 -c '
import json, shlex, sys
r = json.load(sys.stdin)
def secs(v):
    return "%.3f s" % v if v < 10 else "%.1f s" % v
figures = {
    "n2_swift": "%s median, %s best of %d runs (%s sets/s)" % (
        secs(r["swiftMedianSeconds"]), secs(r["swiftBestSeconds"]), r["swiftRuns"],
        format(round(r["swiftSetsPerSecond"]), ",")),
    "n2_python": "%s, one run (%s sets/s)" % (secs(r["pythonSeconds"]), format(round(r["pythonSetsPerSecond"]), ",")),
    "n2_ratio": "%.1f×" % r["ratio"],
    "n2_met": "yes" if r["targetMet"] else "**no**",
    "n2_checksum": r["checksum"],
    "n2_total_sum": format(r["totalSum"], ","),
    "n2_partial": format(r["partial"], ","),
    "n2_python_version": r["python"],
}
for name, value in figures.items():
    print("%s=%s" % (name, shlex.quote(value)))
')
    eval "$news2_figures"
    news2_section=$(cat <<EOF
<!-- news2:begin -->
## NEWS2 scoring

Written by \`scripts/benchmark.sh\` on $date (revision $revision). Vigil's
\`NEWS2Calculator.score(_:)\` (VigilAnalytics) scores $(thousands "$news2_count") generated observation
sets; \`Benchmarks/news2-baseline/news2.py\`, a straightforward Python
implementation of the same chart, scores the same sets in the same invocation.
Target (issue 4): Swift at least 100× faster.

### Results

| Benchmark | Vigil (Swift) | Baseline (same run) | Ratio | Target | Met |
|---|---|---|---|---|---|
| NEWS2 scoring of $(thousands "$news2_count") observation sets (seed 2026) | NEWS2Calculator.score(_:): $n2_swift | $n2_python_version news2.py: $n2_python | $n2_ratio (Python time ÷ Swift median time) | ≥ 100× | $n2_met |

Checks: both sides give checksum \`$n2_checksum\`, sum of totals $n2_total_sum
and $n2_partial partial scores (every Swift run the same); the benchmark fails
otherwise. For 1,000,000 sets from seed 2026 the expected checksum is
\`0x2593704f747040d9\` (\`Benchmarks/news2-baseline/README.md\`).

### Command

\`scripts/benchmark.sh\` built \`swift build -c release --product vigil-bench\` and ran,
from the repository's root:

\`\`\`
$news2_command
\`\`\`

### Machine

The Storage section's machine table describes the machine when the script
runs every suite; for this run:

| | |
|---|---|
| CPU | $cpu |
| Cores (nproc) | $(nproc) |
| OS | $os, Linux $kernel |
| Swift | $swift_version |
| Python (baseline) | $n2_python_version (\`python3\` on PATH) |
| Load average (1, 5, 15 min) when the benchmark started | $news2_load_at_start |

### Method

- **Sets.** SplitMix64 from seed 2026, thirteen draws per set, as documented in
  \`Benchmarks/news2-baseline/README.md\`. Both sides generate the sets in
  chunks of 100,000, untimed, and time only the scoring of each chunk (the full
  score: sub-scores, total, risk level, missing and assumed parameters) with
  the checksum update.
- **Swift.** \`NEWS2Scoring.scoreGeneratedSets\` in \`vigil-bench\` (release
  build): a tight loop inside a function over an array of \`NEWS2Sample\`, one
  \`NEWS2Calculator\` per scale; \`score(_:)\` does not allocate. $news2_runs timed
  runs, each over all sets; the table gives the median and the best.
- **Python.** \`python3 Benchmarks/news2-baseline/news2.py --count $news2_count --seed 2026\`,
  run once, after the Swift runs; its own \`time.perf_counter()\` scoring time
  (interpreter start-up and generation excluded), read from its JSON line.
- **Ratio.** Python's scoring time ÷ Swift's median scoring time.
<!-- news2:end -->
EOF
)
    write_section news2 "$news2_section"
fi
