import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real webhook receiver on 127.0.0.1:0 for the tests: records every request, answers as told. */
export interface ReceivedRequest {
  id: string;
  timestamp: string;
  signature: string | undefined;
  contentType: string | undefined;
  body: string;
  /** Wall ms when it arrived. */
  at: number;
  /** How many times this id had arrived before (0 on the first). */
  nth: number;
}

export interface Answer {
  status: number;
  body?: string;
  /** Wall ms to wait before answering. */
  delayMs?: number;
}

export interface Receiver {
  url: string;
  received: ReceivedRequest[];
  /** Requests being handled right now, by the `call` key of their payload (0 when none). */
  maxConcurrentPerCall: Map<number, number>;
  close(): Promise<void>;
}

export async function startReceiver(
  answer: (r: ReceivedRequest) => Answer = () => ({ status: 200 }),
): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const seen = new Map<string, number>();
  const active = new Map<number, number>();
  const maxConcurrentPerCall = new Map<number, number>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = String(req.headers['x-omni-notification-id'] ?? '');
      const nth = seen.get(id) ?? 0;
      seen.set(id, nth + 1);
      const r: ReceivedRequest = {
        id,
        timestamp: String(req.headers['x-omni-timestamp'] ?? ''),
        signature: req.headers['x-omni-signature'] as string | undefined,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
        nth,
      };
      received.push(r);
      let call = 0;
      try {
        const payload = (JSON.parse(r.body) as { payload?: { call_id?: number } }).payload;
        call = payload?.call_id ?? 0;
      } catch {}
      const now = (active.get(call) ?? 0) + 1;
      active.set(call, now);
      maxConcurrentPerCall.set(call, Math.max(now, maxConcurrentPerCall.get(call) ?? 0));
      const a = answer(r);
      const reply = () => {
        active.set(call, (active.get(call) ?? 1) - 1);
        if (res.destroyed) return;
        res.writeHead(a.status, { 'content-type': 'text/plain' });
        res.end(a.body ?? (a.status < 300 ? 'ok' : 'nope'));
      };
      if (a.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          reply();
        }, a.delayMs);
        timers.add(t);
      } else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/omni`,
    received,
    maxConcurrentPerCall,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
