#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need, then runs them.
# README.md and .ci/run call exactly this script.
set -euo pipefail
cd "$(dirname "$0")"

# System packages the suite needs (Debian). Each part of the suite adds its own here.
SYSTEM_PACKAGES=(
    chromium  # browser tests of the web app (tests/web/test_web_browser.py), driven by Playwright
    postgresql  # PostgreSQL store tests (issue 5): tests/postgres_server.py starts a throw-away server
)
missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

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
