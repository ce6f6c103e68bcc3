import { defaultServerConditions } from 'vite';
import type { ViteUserConfig } from 'vitest/config';

/**
 * Shared vitest settings: workspace packages resolve to their TypeScript source through the
 * `@omnikit/source` export condition, so tests never need a build of their dependencies.
 * Every package writes a JSON report that the root `scripts/run-tests.mjs` sums up.
 *
 * Test files run one at a time: many start servers, browsers or child processes, and on two
 * cores files racing each other made wall-clock assertions (webhook timeouts, SIP answer times)
 * flaky. The in-process majority is fast enough that this costs well under a minute.
 */
export function omnikitVitest(test: ViteUserConfig['test']): ViteUserConfig {
  return {
    resolve: { conditions: ['@omnikit/source', 'module', 'import', 'default'] },
    ssr: { resolve: { conditions: ['@omnikit/source', ...defaultServerConditions] } },
    test: {
      include: ['test/**/*.test.ts'],
      reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
      testTimeout: 20_000,
      hookTimeout: 30_000,
      fileParallelism: false,
      ...test,
    },
  };
}
