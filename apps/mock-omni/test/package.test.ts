import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describePublishedPackage } from '../../../test-support/published-package.js';

describePublishedPackage({
  dir: join(dirname(fileURLToPath(import.meta.url)), '..'),
  requires: { '.': 'createMockOmni', './testing': 'chromiumPath' },
  // The migrations the store applies at start.
  ships: ['drizzle'],
  loadedOtherwise: {
    'swagger-ui-dist': 'src/http/docs-routes.ts (its assets folder, by require.resolve)',
    uplot: 'src/main.ts (its script and style inlined into simulate reports, by require.resolve)',
  },
});
