// Jest with ts-jest in transpile-only mode (isolatedModules in tsconfig.json) (`npm test` type-checks the whole project with tsc first). It emits the
// decorator metadata type-graphql needs, and under module "node16" keeps `import()` native for the ESM-only packages.

// Tests run in a zone behind UTC (the workers inherit it), so that a date or timestamp read as local time shows up.
process.env.TZ = 'America/Los_Angeles';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/prisma'],
  testMatch: ['**/__tests__/**/*.spec.ts', '**/test/integration/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  testTimeout: 30_000,
  // Jest's default on 2 cores is one worker, running the files one after another; much of a file's time is spent
  // waiting (on the commands it spawns, on sockets, on timers), which a second worker fills.
  maxWorkers: 2,
};
