import { defaultServerConditions } from 'vite';
import type { ViteUserConfig } from 'vitest/config';

/**
 * Shared vitest settings: workspace packages resolve to their TypeScript source through the
 * `@omnikit/source` export condition, so tests never need a build of their dependencies.
 * Every package writes a JSON report that the root `scripts/run-tests.mjs` sums up.
 */
export function omnikitVitest(extra: ViteUserConfig['test'] & { serial?: boolean }): ViteUserConfig {
  const { serial, ...test } = extra;
  return {
    resolve: { conditions: ['@omnikit/source', 'module', 'import', 'default'] },
    ssr: { resolve: { conditions: ['@omnikit/source', ...defaultServerConditions] } },
    test: {
      include: ['test/**/*.test.ts'],
      reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
      testTimeout: 20_000,
      passWithNoTests: true,
      hookTimeout: 30_000,
      ...(serial ? { fileParallelism: false, maxWorkers: 1 } : {}),
      ...test,
    },
  };
}
