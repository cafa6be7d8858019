import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The conformance suite validates thousands of documents; two workers match the machine's two cores.
    maxWorkers: 2,
  },
});
