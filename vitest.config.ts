import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts'],
    // Generous: a busy two-core machine runs two files at once, each with its own database and
    // real peers (radclient, snmpd, FreeRADIUS); a limit hit there says nothing about the code.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own embedded database; two cores on CI.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    pool: 'forks',
  },
});
