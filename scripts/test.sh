#!/usr/bin/env bash
# Runs Vigil's whole test suite:
#   1. Swift unit, contract and end-to-end tests, on SQLite and on a throw-away
#      PostgreSQL cluster this script starts and stops;
#   2. interoperability tests in Python against a real `vigil serve`
#      (Tests/Interop, in a virtual environment under .build/).
# Installs what the tests need when it is missing (as root, from Debian's
# packages and PyPI). With CI=true a skipped PostgreSQL or interop suite fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-dependencies.sh

eval "$(scripts/postgres-test-cluster.sh start)"
trap 'scripts/postgres-test-cluster.sh stop' EXIT
export VIGIL_TEST_POSTGRES_URL VIGIL_TEST_POSTGRES_DIR

swift build --build-tests
swift test --skip-build

venv=.build/interop-venv
if [ ! -x "$venv/bin/pytest" ] || ! cmp -s Tests/Interop/requirements.txt "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/Interop/requirements.txt
  cp Tests/Interop/requirements.txt "$venv/requirements.txt"
fi
"$venv/bin/pytest" -p no:cacheprovider -q Tests/Interop
