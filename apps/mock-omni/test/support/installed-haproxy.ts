/**
 * The HAProxy the cluster's tests run, found as `omni-mock cluster` finds it (PATH, then the usual directories);
 * undefined on a machine without one, where those tests are skipped (apt-get install haproxy, brew install haproxy).
 *
 * @module
 */

import { findHaproxy } from '../../src/cluster/find-haproxy.js';

const found = findHaproxy({ given: undefined, path: process.env.PATH });

export const INSTALLED_HAPROXY: string | undefined = 'path' in found ? found.path : undefined;
