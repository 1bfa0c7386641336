#!/usr/bin/env bash
# Runs Vigil's whole test suite: Swift unit, contract and end-to-end tests on
# SQLite and on a throw-away PostgreSQL cluster that this script starts and
# stops. Installs what the tests need when it is missing (as root, from
# Debian's packages). With CI=true a skipped PostgreSQL suite fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-dependencies.sh

eval "$(scripts/postgres-test-cluster.sh start)"
trap 'scripts/postgres-test-cluster.sh stop' EXIT
export VIGIL_TEST_POSTGRES_URL VIGIL_TEST_POSTGRES_DIR

swift build --build-tests
swift test --skip-build
