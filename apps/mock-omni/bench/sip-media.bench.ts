/**
 * Real-media bench (`--media webrtc`). The SIP edge with werift media runs in a CHILD process, so its CPU is
 * measured alone; this process holds the phones: sip.js agents whose media is a werift peer too
 * (test/sip/support/werift-phone-media.ts), each sending Opus like a microphone.
 *
 *   1. first RTP after the INVITE, over sequential bridge calls (the customer side plays at once):
 *      INVITE → first Opus packet at the phone, and INVITE → first phone packet at the mock;
 *   2. N concurrent calls playing both ways for a while: the mock's CPU (user + system, % of one
 *      core, and per call), and the packets each side counted.
 *
 * Run: cd apps/mock-omni && npm run bench:sip-media Options: --calls N (20 sequential), --concurrent N (10), --seconds
 * S (10).
 *
 * @module
 */

import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BridgeLeg } from '../src/sip/bridge-leg.js';
import { createStaticSipAccounts } from '../src/sip/sip-accounts.js';
import { attachSipEdge } from '../src/sip/sip-edge.js';
import { createWebrtcSessionDescriptionHandlerFactory } from '../src/sip/webrtc-session-description-handler.js';
import { installWebSocketGlobal, RawAgent } from '../test/sip/support/sipjs-agent.js';
import { createWeriftPhoneMediaFactory, type WeriftPhoneMedia } from '../test/sip/support/werift-phone-media.js';

const FIRST_EXTENSION = 3000;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const CALLS = option('calls', 20);
const CONCURRENT = option('concurrent', 10);
const SECONDS = option('seconds', 10);
const PHONES = Math.max(CONCURRENT, 1);

interface LegReport {
  packetsSent: number;
  packetsReceived: number;
  startedAt: number;
  firstPacketReceivedAt: number | null;
}

type Request =
  | { id: number; cmd: 'bridge'; extension: string }
  | { id: number; cmd: 'hangup'; extension: string }
  | { id: number; cmd: 'report' }
  | { id: number; cmd: 'cpu' }
  | { id: number; cmd: 'stop' };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

// ---------------------------------------------------------------- server (child) side
async function runServer(): Promise<void> {
  const users = Array.from({ length: PHONES }, (_, i) => ({
    systemId: 'bench',
    extension: String(FIRST_EXTENSION + i),
    userId: i + 1,
    webrtcPassword: `pw${FIRST_EXTENSION + i}`,
  }));
  const http = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const edge = attachSipEdge(http, {
    accounts: createStaticSipAccounts(users),
    mediaFactory: createWebrtcSessionDescriptionHandlerFactory(),
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const legs = new Map<string, BridgeLeg>();
  const send = (message: object) => process.send?.(message);
  process.on('message', async (message: Request) => {
    switch (message.cmd) {
      case 'bridge': {
        try {
          const leg = await edge.bridge('bench', message.extension, { answerTimeoutMs: 10_000 });
          // The customer is on the line from the start: the voice plays as soon as DTLS is up.
          leg.media?.setAudioSource(() => true);
          legs.set(message.extension, leg);
          send({ id: message.id, ok: true });
        } catch (error) {
          send({ id: message.id, error: String(error) });
        }
        return;
      }
      case 'hangup': {
        const leg = legs.get(message.extension);
        legs.delete(message.extension);
        await leg?.hangup();
        send({ id: message.id, ok: true });
        return;
      }
      case 'report': {
        const report: Record<string, LegReport> = {};
        for (const [extension, leg] of legs) {
          const stats = leg.media?.stats();
          if (stats) report[extension] = stats;
        }
        send({ id: message.id, report });
        return;
      }
      case 'cpu':
        send({ id: message.id, cpu: process.cpuUsage(), at: performance.now() });
        return;
      case 'stop':
        await edge.close();
        http.closeAllConnections();
        // Answer before exiting: the parent awaits this reply.
        send({ id: message.id, stopped: true });
        http.close(() => process.exit(0));
        return;
    }
  });
  send({ ready: (http.address() as AddressInfo).port });
}

// ---------------------------------------------------------------- load (parent) side
class ServerProcess {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Record<string, unknown>) => void>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: Record<string, unknown>) => {
      const id = message.id;
      if (typeof id !== 'number') return;
      this.pending.get(id)?.(message);
      this.pending.delete(id);
    });
  }

  ask<T extends Record<string, unknown>>(request: WithoutId<Request>): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (reply) => resolve(reply as T));
      this.child.send({ ...request, id });
    });
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${label}: n=${sorted.length} p50=${percentile(sorted, 50).toFixed(0)} ms p99=${percentile(sorted, 99).toFixed(0)} ms max=${(sorted.at(-1) ?? Number.NaN).toFixed(0)} ms`;
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function runBench(): Promise<void> {
  console.log(
    `SIP media bench (--media webrtc): ${CALLS} sequential calls, then ${CONCURRENT} concurrent for ${SECONDS} s`,
  );
  installWebSocketGlobal();
  const child = fork(fileURLToPath(import.meta.url), ['--server', '--concurrent', String(PHONES)], {
    execArgv: ['--conditions=@omnikit/source', '--import', 'tsx'],
  });
  const port = await new Promise<number>((resolve) =>
    child.on('message', (message: { ready?: number }) => {
      if (message.ready) resolve(message.ready);
    }),
  );
  const server = new ServerProcess(child);
  const url = `ws://127.0.0.1:${port}/ws`;

  const medias: WeriftPhoneMedia[][] = [];
  const phones: RawAgent[] = [];
  for (let i = 0; i < PHONES; i += 1) {
    const created: WeriftPhoneMedia[] = [];
    medias.push(created);
    const extension = String(FIRST_EXTENSION + i);
    const phone = new RawAgent({
      url,
      extension,
      password: `pw${extension}`,
      mediaFactory: createWeriftPhoneMediaFactory(created),
    });
    await phone.start();
    const status = await phone.register();
    if (status !== 200) throw new Error(`phone ${extension} could not register: ${status}`);
    phones.push(phone);
  }
  console.log(`${phones.length} phones registered`);

  // 1. First RTP after the INVITE, one call at a time.
  const atPhone: number[] = [];
  const atMock: number[] = [];
  const extension = String(FIRST_EXTENSION);
  const created = medias[0] ?? [];
  for (let i = 0; i < CALLS; i += 1) {
    const before = created.length;
    const started = Date.now();
    const placed = await server.ask<{ ok?: boolean; error?: string }>({ cmd: 'bridge', extension });
    if (!placed.ok) throw new Error(`bridge call ${i + 1} failed: ${placed.error}`);
    const media = created[before];
    if (!media) throw new Error('the phone created no media for the call');
    await until('the first RTP at the phone', () => media.firstPacketAt !== undefined);
    atPhone.push((media.firstPacketAt ?? Number.NaN) - started);
    await until('the first RTP at the mock', () => media.packetsSent > 0);
    let leg: LegReport | undefined;
    for (let tries = 0; tries < 200; tries += 1) {
      leg = (await server.ask<{ report: Record<string, LegReport> }>({ cmd: 'report' })).report[extension];
      if (leg?.firstPacketReceivedAt) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    if (leg?.firstPacketReceivedAt) atMock.push(leg.firstPacketReceivedAt - leg.startedAt);
    await server.ask({ cmd: 'hangup', extension });
    if ((i + 1) % 5 === 0) console.log(`  ${i + 1}/${CALLS} calls`);
  }
  console.log(summary('INVITE → first Opus packet at the phone', atPhone));
  console.log(summary('INVITE offer → first phone packet at the mock', atMock));

  // 2. N concurrent calls, both ways, for SECONDS: the mock's CPU.
  const extensions = phones.map((_, i) => String(FIRST_EXTENSION + i)).slice(0, CONCURRENT);
  await Promise.all(
    extensions.map(async (ext) => {
      const placed = await server.ask<{ ok?: boolean; error?: string }>({ cmd: 'bridge', extension: ext });
      if (!placed.ok) throw new Error(`bridge call to ${ext} failed: ${placed.error}`);
    }),
  );
  await new Promise((r) => setTimeout(r, 1_500));
  const before = await server.ask<{ cpu: NodeJS.CpuUsage; at: number }>({ cmd: 'cpu' });
  const counted = (await server.ask<{ report: Record<string, LegReport> }>({ cmd: 'report' })).report;
  for (let s = 1; s <= SECONDS; s += 1) {
    await new Promise((r) => setTimeout(r, 1_000));
    if (s % 5 === 0) console.log(`  ${s}/${SECONDS} s with ${CONCURRENT} calls`);
  }
  const after = await server.ask<{ cpu: NodeJS.CpuUsage; at: number }>({ cmd: 'cpu' });
  const report = (await server.ask<{ report: Record<string, LegReport> }>({ cmd: 'report' })).report;
  const cpuMs = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1000;
  const wallMs = after.at - before.at;
  const share = (cpuMs / wallMs) * 100;
  let sent = 0;
  let received = 0;
  for (const ext of extensions) {
    sent += (report[ext]?.packetsSent ?? 0) - (counted[ext]?.packetsSent ?? 0);
    received += (report[ext]?.packetsReceived ?? 0) - (counted[ext]?.packetsReceived ?? 0);
  }
  const perSecond = (n: number) => n / (wallMs / 1000);
  console.log(
    `${CONCURRENT} concurrent calls: mock CPU ${share.toFixed(1)}% of one core (${(share / CONCURRENT).toFixed(2)}% per call); ` +
      `mock sent ${perSecond(sent).toFixed(0)} pkt/s (${(perSecond(sent) / CONCURRENT).toFixed(1)} per call, 50 expected), ` +
      `received ${perSecond(received).toFixed(0)} pkt/s`,
  );
  const healthy = perSecond(sent) / CONCURRENT > 45 && perSecond(received) / CONCURRENT > 45;
  console.log(
    healthy ? 'media flowed at full rate on every call' : 'MISSED: some calls did not carry 50 packets/s each way',
  );

  await Promise.all(extensions.map((ext) => server.ask({ cmd: 'hangup', extension: ext })));
  for (const phone of phones) await phone.stop();
  await server.ask({ cmd: 'stop' });
  process.exit(healthy ? 0 : 1);
}

if (process.argv.includes('--server')) await runServer();
else await runBench();
