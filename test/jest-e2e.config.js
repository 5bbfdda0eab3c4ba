/**
 * E2E suites: each boots the compiled app (dist/) as its own process on a fresh database and
 * talks to it over HTTP only. TEST_DB=sqlite|mysql picks the database.
 */
module.exports = {
  rootDir: '..',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', isolatedModules: true }] },
  testEnvironment: 'node',
  testTimeout: 60000,
  maxWorkers: 2,
  // A suite whose app failed to start must not hold the run open on a leftover socket.
  forceExit: true,
};
