import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describePublishedPackage } from '../../../test-support/published-package.js';

describePublishedPackage({
  dir: join(dirname(fileURLToPath(import.meta.url)), '..'),
  requires: {
    '.': 'routes',
    './control': 'controlRoutes',
    './sdp': 'sdpDirection',
    './host': 'hostOfHeader',
    './variants': 'VARIATION_AXES',
    './drift': 'checkExchange',
    './messaging': 'messagingRoutes',
  },
});
