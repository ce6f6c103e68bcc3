/**
 * Where `omni-mock cluster`'s HAProxy sends a request, against where the mock reads its system: real HAProxy on a free
 * loopback port in front of three workers that are a few lines of Node answering 200 (which one answered is HAProxy's
 * `X-Omni-Worker`). The cluster's own placement (`bucketOfKey`, `bucketOwners`) must be HAProxy's, key for key: the
 * advice on systems a change of `--workers` left behind rests on it. A SIP WebSocket names its system by its path (or
 * `auth-key` on `/ws`) and never by `Authorization`, which the mock's SIP edge does not read: HAProxy must not route it
 * by that header either.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketOfKey, bucketOwners } from '../../src/cluster/bucket-owners.js';
import { runClusterCommand } from '../../src/cluster/cluster-command.js';
import { DEMO_SYSTEM_KEY } from '../../src/engine/systems/demo-data.js';
import { writeFakeClusterWorker } from '../support/fake-cluster-worker.js';
import { INSTALLED_HAPROXY } from '../support/installed-haproxy.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-cluster-routing-'));
const FAKE_WORKER = writeFakeClusterWorker(dir, 60_000);

const WORKERS = 3;
const owners = bucketOwners(WORKERS);
const ownerOf = (key: string) => `worker-${owners[bucketOfKey(key)]}`;

describe.skipIf(INSTALLED_HAPROXY === undefined)('omni-mock cluster: routing (skipped without HAProxy)', () => {
  let url = '';
  let stop: (signal: string) => void = () => {};
  let code: Promise<number>;

  beforeAll(async () => {
    const out: string[] = [];
    code = runClusterCommand(['--workers', String(WORKERS), '--port', '0', '--dir', join(dir, 'data')], {
      out: (l) => out.push(...l.split('\n')),
      err: (l) => out.push(l),
      stopped: new Promise<string>((r) => {
        stop = r;
      }),
      workerCommand: { command: process.execPath, args: [FAKE_WORKER] },
    });
    for (let i = 0; i < 200 && !url; i++, await new Promise((r) => setTimeout(r, 50)))
      url = /listening on (http:\/\/\S+)/.exec(out.join('\n'))?.[1] ?? '';
    if (!url) throw new Error(`the cluster did not start:\n${out.join('\n')}`);
  }, 30_000);

  afterAll(async () => {
    stop('SIGTERM');
    expect(await code).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  /** The worker HAProxy sent the request to. */
  async function worker(path: string, headers: Record<string, string> = {}): Promise<string | null> {
    const res = await fetch(url + path, { headers });
    await res.text();
    return res.headers.get('x-omni-worker');
  }

  /** Two keys on different workers, neither on omni-demo-key's. */
  function twoKeys(): [string, string] {
    const demo = ownerOf(DEMO_SYSTEM_KEY);
    const keys = Array.from({ length: 60 }, (_, i) => `routing-key-${i}`).filter((k) => ownerOf(k) !== demo);
    const a = keys[0] ?? '';
    const b = keys.find((k) => ownerOf(k) !== ownerOf(a)) ?? '';
    return [a, b];
  }

  it("HAProxy's placement of a key is the cluster's own (xxh32, bucket, owner), key for key", async () => {
    const keys = Array.from({ length: 150 }, (_, i) => `placement-${i}-${'x'.repeat(i % 23)}`);
    const got = await Promise.all(keys.map((k) => worker('/health', { Authorization: `Key=${k}` })));
    expect(got).toEqual(keys.map(ownerOf));
    expect(new Set(got).size).toBe(WORKERS);
  });

  it('a SIP WebSocket goes by its path, not by an Authorization header the mock does not read there', async () => {
    const [a, b] = twoKeys();
    expect(ownerOf(a)).not.toBe(ownerOf(b));
    expect(await worker(`/ws/${a}`, { Authorization: `Key=${b}` })).toBe(ownerOf(a));
    expect(await worker(`/ws?auth-key=${a}`, { Authorization: `Key=${b}` })).toBe(ownerOf(a));
    // `/ws` alone is the default system's, whatever the header says: the worker of omni-demo-key.
    expect(await worker('/ws', { Authorization: `Key=${b}` })).toBe(ownerOf(DEMO_SYSTEM_KEY));
    // REST reads the header first, as the mock does.
    expect(await worker(`/omni/campaigns?auth-key=${a}`, { Authorization: `Key=${b}` })).toBe(ownerOf(b));
  });
});
