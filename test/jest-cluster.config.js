/**
 * The several-instances suite (test/cluster/): it starts a three-node Galera cluster, Redis, three
 * instances and HAProxy with scripts/cluster.sh, so it runs on its own, after the e2e runs.
 */
const e2e = require('./jest-e2e.config');

module.exports = { ...e2e, testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'], testTimeout: 120000, maxWorkers: 1 };
