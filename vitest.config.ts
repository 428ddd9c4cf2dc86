import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs pure logic and components in happy-dom; `browser` drives real Chromium
// (playwright-core, Debian's /usr/bin/chromium) against the built dist/dropcart.js on local pages.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // 2 cores: one Chromium per file, two files at a time.
          maxWorkers: 2,
          // Vitest 4 requires a distinct group for projects with their own maxWorkers: browser tests run after unit.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
