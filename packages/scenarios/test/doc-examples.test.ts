/**
 * Every public export of the scenarios package has an `@example` that typechecks as printed.
 *
 * @module
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeDocExamples } from '../../../test-support/doc-examples.js';

describeDocExamples({
  dir: join(dirname(fileURLToPath(import.meta.url)), '..'),
  name: '@omnikit/scenarios',
  entries: ['index.ts'],
  mustFind: ['defineScenario', 'runScenario', 'startMockOmni', 'library', 'step', 'check'],
});
