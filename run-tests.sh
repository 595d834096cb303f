#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need, then runs them.
# README.md and .ci/run call exactly this script.
set -euo pipefail
cd "$(dirname "$0")"

# System packages needed by other parts of the suite go here (apt-get install -y ...).

python -m pip install --quiet --disable-pip-version-check -e '.[test]'

set +e
python -m pytest -q tests "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "run-tests.sh: pytest collected no tests; that must never happen (check tests/)." >&2
    exit 1
fi
exit "$status"
