/**
 * Every public export of the sdk has an `@example` that typechecks as printed.
 *
 * @module
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeDocExamples } from '../../../test-support/doc-examples.js';

describeDocExamples({
  dir: join(dirname(fileURLToPath(import.meta.url)), '..'),
  name: '@omnikit/sdk',
  entries: ['index.ts', 'node/index.ts'],
  mustFind: ['OmniClient', 'AgentSession', 'OmniPhone', 'toNodeListener', 'CallsMethods'],
});
