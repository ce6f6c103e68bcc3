/**
 * A proxy that cannot start changes no file: a busy port, an address that is not this machine's, a `--record` or a
 * `--report` it cannot write — each refuses the start and leaves both files byte for byte as they were (or absent
 * as they were), the port free again; a refused second proxy does not touch a running one's recording.
 *
 * @module
 */

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRecordingLine } from '@omnikit/contracts/drift';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';
import { freePort } from '../support/free-port.js';
import { type ScriptedOmni, startScriptedOmni } from '../support/scripted-omni.js';
import { until } from '../support/until.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-refused-'));
const OLD_RECORDING = '{"v":1,"seq":1,"kept":"from yesterday"}\n';
const OLD_REPORT = '# yesterday’s drift report\n\nkeep me\n';
let omni: ScriptedOmni;
let busy: Server;
let busyPort: number;
const proxies: RunningProxy[] = [];

beforeAll(async () => {
  omni = await startScriptedOmni(() => ({ status: 200, body: { users: [] } }));
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});

afterEach(async () => {
  for (const proxy of proxies.splice(0)) await proxy.close();
});

afterAll(async () => {
  await new Promise<void>((resolve) => busy.close(() => resolve()));
  await omni?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh pair of files with yesterday's contents, in a directory of their own. */
function keptFiles(name: string): { record: string; report: string; folder: string } {
  const folder = join(dir, name);
  mkdirSync(folder);
  const record = join(folder, 'keep.jsonl');
  const report = join(folder, 'keep.md');
  writeFileSync(record, OLD_RECORDING);
  writeFileSync(report, OLD_REPORT);
  return { record, report, folder };
}

async function refusal(start: Promise<RunningProxy>): Promise<NodeJS.ErrnoException> {
  const error = await start.then(
    (proxy) => {
      proxies.push(proxy);
      throw new Error(`the proxy started at ${proxy.url}`);
    },
    (e: unknown) => e as NodeJS.ErrnoException,
  );
  return error;
}

describe('a proxy that cannot start', () => {
  it('on a busy port leaves --record and --report as they were', async () => {
    const { record, report } = keptFiles('busy');
    const error = await refusal(
      startProxy({ target: new URL(omni.url), port: busyPort, record, report, say: () => {} }),
    );
    expect(error.code).toBe('EADDRINUSE');
    expect(readFileSync(record, 'utf8')).toBe(OLD_RECORDING);
    expect(readFileSync(report, 'utf8')).toBe(OLD_REPORT);
  });

  it('on a busy port creates neither file when they are absent', async () => {
    const folder = join(dir, 'busy-absent');
    mkdirSync(folder);
    const record = join(folder, 'new.jsonl');
    const report = join(folder, 'new.json');
    const error = await refusal(
      startProxy({ target: new URL(omni.url), port: busyPort, record, report, say: () => {} }),
    );
    expect(error.code).toBe('EADDRINUSE');
    expect(existsSync(record)).toBe(false);
    expect(existsSync(report)).toBe(false);
  });

  // An address of a private range no interface here has: binding it fails with EADDRNOTAVAIL.
  const foreign = '10.255.255.1';
  const local = Object.values(networkInterfaces()).some((list) => list?.some((a) => a.address === foreign));
  it.skipIf(local)('on an address that is not this machine’s leaves --record and --report as they were', async () => {
    const { record, report } = keptFiles('no-such-address');
    const error = await refusal(
      startProxy({ target: new URL(omni.url), port: 0, host: foreign, record, report, say: () => {} }),
    );
    expect(error.code).toBe('EADDRNOTAVAIL');
    expect(readFileSync(record, 'utf8')).toBe(OLD_RECORDING);
    expect(readFileSync(report, 'utf8')).toBe(OLD_REPORT);
  });

  it('when --record cannot be opened writes no report and frees the port', async () => {
    const { folder, report } = keptFiles('record-unwritable');
    const port = await freePort();
    const error = await refusal(
      startProxy({
        target: new URL(omni.url),
        port,
        record: join(folder, 'missing', 'r.jsonl'),
        report,
        say: () => {},
      }),
    );
    expect(error.code).toBe('ENOENT');
    expect(readFileSync(report, 'utf8')).toBe(OLD_REPORT);
    // The port was let go: a proxy starts on it now.
    const again = await startProxy({ target: new URL(omni.url), port, say: () => {} });
    proxies.push(again);
    expect(again.port).toBe(port);
  });

  it('when --report cannot be written leaves --record as it was, or absent', async () => {
    const { folder, record } = keptFiles('report-unwritable');
    const report = join(folder, 'missing', 'drift.md');
    const kept = await refusal(startProxy({ target: new URL(omni.url), port: 0, record, report, say: () => {} }));
    expect(kept.code).toBe('ENOENT');
    expect(readFileSync(record, 'utf8')).toBe(OLD_RECORDING);
    const fresh = join(folder, 'fresh.jsonl');
    const absent = await refusal(
      startProxy({ target: new URL(omni.url), port: 0, record: fresh, report, say: () => {} }),
    );
    expect(absent.code).toBe('ENOENT');
    expect(existsSync(fresh)).toBe(false);
  });

  it('does not touch the recording of the proxy running on its port', async () => {
    const folder = join(dir, 'live');
    mkdirSync(folder);
    const record = join(folder, 'live.jsonl');
    const report = join(folder, 'live.json');
    const live = await startProxy({ target: new URL(omni.url), port: 0, record, report, say: () => {} });
    proxies.push(live);
    await fetch(`${live.url}/omni/users`, { headers: { Authorization: 'Key=k' } }).then((r) => r.text());
    await live.settled();
    const recorded = readFileSync(record, 'utf8');
    expect(recorded.trim().split('\n')).toHaveLength(1);
    await until('the first report write', () => JSON.parse(readFileSync(report, 'utf8')).summary.exchanges === 1);
    const reported = readFileSync(report, 'utf8');

    const error = await refusal(
      startProxy({ target: new URL(omni.url), port: live.port, record, report, say: () => {} }),
    );
    expect(error.code).toBe('EADDRINUSE');
    expect(readFileSync(record, 'utf8')).toBe(recorded);
    expect(readFileSync(report, 'utf8')).toBe(reported);

    // The running proxy goes on recording after the line it had.
    await fetch(`${live.url}/omni/users`, { headers: { Authorization: 'Key=k' } }).then((r) => r.text());
    await live.settled();
    const lines = readFileSync(record, 'utf8').trim().split('\n').map(parseRecordingLine);
    expect(lines.map((l) => l.seq)).toEqual([1, 2]);
  });
});

describe('a proxy that starts', () => {
  it('replaces an existing recording and writes the report at start, as documented', async () => {
    const { record, report } = keptFiles('started');
    const proxy = await startProxy({ target: new URL(omni.url), port: 0, record, report, say: () => {} });
    proxies.push(proxy);
    expect(readFileSync(record, 'utf8')).toBe('');
    expect(readFileSync(report, 'utf8')).toContain('drift: 0 documented, 0 inferred');
    await fetch(`${proxy.url}/omni/users`, { headers: { Authorization: 'Key=k' } }).then((r) => r.text());
    await proxy.settled();
    const lines = readFileSync(record, 'utf8').trim().split('\n').map(parseRecordingLine);
    expect(lines.map((l) => [l.seq, l.route_id])).toEqual([[1, 'listUsers']]);
  });
});
