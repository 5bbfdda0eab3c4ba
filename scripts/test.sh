#!/usr/bin/env bash
# The whole test suite: lint, unit specs, then the e2e suites on SQLite, then the same e2e suites
# on MySQL/MariaDB (TEST_MYSQL_URL, default root@127.0.0.1:3306) when one answers.
# REQUIRE_MYSQL=1 turns a missing MySQL/MariaDB into a failure instead of a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

npm run lint --silent
npm run build --silent
npx jest -c jest.config.js --json --outputFile="$results/unit.json" "$@"
echo "== service tier (services on in-memory SQLite, node --test)"
npm run test:service --silent
echo "== e2e on SQLite"
TEST_DB=sqlite npx jest -c test/jest-e2e.config.js --json --outputFile="$results/e2e-sqlite.json" "$@"

if node scripts/mysql-reachable.js; then
  echo "== e2e on MySQL/MariaDB (${TEST_MYSQL_URL:-mysql://root@127.0.0.1:3306/test})"
  TEST_DB=mysql npx jest -c test/jest-e2e.config.js --json --outputFile="$results/e2e-mysql.json" "$@"
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

# Several instances on a three-node Galera cluster behind HAProxy (test/cluster/): the suite starts
# and stops the cluster itself with scripts/cluster.sh. REQUIRE_CLUSTER=1 (CI) makes a machine that
# cannot run it a failure; elsewhere the suite is skipped with a banner.
echo "== e2e on a Galera cluster (three nodes, three instances, HAProxy)"
npx jest -c test/jest-cluster.config.js --json --outputFile="$results/e2e-cluster.json" "$@"

# One closing line over every run.
node -e '
const fs = require("fs"), path = require("path");
let passed = 0, failed = 0, skipped = 0;
for (const f of fs.readdirSync(process.argv[1])) {
  const r = JSON.parse(fs.readFileSync(path.join(process.argv[1], f), "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$results"
