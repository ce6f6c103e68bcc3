import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describePublishedPackage } from '../../../test-support/published-package.js';

describePublishedPackage({
  dir: join(dirname(fileURLToPath(import.meta.url)), '..'),
  // An app: no module entry to import or require, only the bin.
  requires: {},
  // The web app, built by vite, which the server serves.
  ships: ['dist/web'],
  bundles: ['dist/web'],
});
