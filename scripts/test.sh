#!/usr/bin/env bash
# The whole test suite: unit specs, then the e2e suites on SQLite, then the same e2e suites on
# MySQL/MariaDB (TEST_MYSQL_URL, default root@127.0.0.1:3306) when one answers.
# REQUIRE_MYSQL=1 turns a missing MySQL/MariaDB into a failure instead of a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run lint --silent
npm run build --silent
npx jest -c jest.config.js "$@"
echo "== e2e on SQLite"
TEST_DB=sqlite npx jest -c test/jest-e2e.config.js "$@"

if node scripts/mysql-reachable.js; then
  echo "== e2e on MySQL/MariaDB (${TEST_MYSQL_URL:-mysql://root@127.0.0.1:3306/test})"
  TEST_DB=mysql npx jest -c test/jest-e2e.config.js "$@"
elif [ "${REQUIRE_MYSQL:-0}" = "1" ]; then
  echo "!! MySQL/MariaDB is required (REQUIRE_MYSQL=1) but not reachable" >&2
  exit 1
else
  cat >&2 <<'BANNER'

  ##########################################################################
  ##  SKIPPED: the e2e suite on MySQL/MariaDB. No server answered at       ##
  ##  TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306/test).           ##
  ##  Only SQLite was tested.                                              ##
  ##########################################################################

BANNER
fi
