/**
 * Two projects: `unit` (pure logic, next to the code) and `integration` (the app over HTTP and the
 * database, under test/). Integration tests use the Postgres at DATABASE_URL and the Redis at
 * REDIS_URL when set (CI sets both), else embedded PGlite and the inline queue.
 */
const moduleNameMapper = {
  '^@ringlypro/(core|tenancy|telephony|voice|booking|billing|messaging)$': '<rootDir>/libs/$1/src',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] };
const common = { rootDir: __dirname, setupFiles: ['reflect-metadata'], moduleFileExtensions: ['ts', 'js', 'json'], testEnvironment: 'node', moduleNameMapper, transform };

module.exports = {
  maxWorkers: 2,
  // Integration suites boot the app and hash passwords; 60 s bounds a hang without hiding slowness.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
