import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { reservePort } from '../../src/cli/reserve-port.js';
import { freePort } from '../support/free-port.js';

const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
});

/** Connects and stays connected, as a client waiting for an answer does. */
function lingeringClient(port: number): Promise<{ closedByServer: Promise<boolean> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      resolve({ closedByServer: new Promise((done) => socket.once('close', () => done(true))) });
    });
    socket.once('error', reject);
    sockets.push(socket);
  });
}

describe('reservePort: holding the port before the database is opened', () => {
  it('releases the port even while a client that connected in the meantime stays connected', async () => {
    const port = await freePort();
    const held = await reservePort('127.0.0.1', port);
    expect(held.ok).toBe(true);
    if (!held.ok) return;
    const client = await lingeringClient(port);
    // It used to wait for that client forever (net.Server#close waits for its connections), so
    // the mock never started while a health poller was connected.
    await held.release();
    expect(await client.closedByServer).toBe(true);
    const again = await reservePort('127.0.0.1', port);
    expect(again.ok).toBe(true);
    if (again.ok) await again.release();
  });

  it('refuses a port that is in use, in one sentence naming the remedy', async () => {
    const port = await freePort();
    const first = await reservePort('127.0.0.1', port);
    const second = await reservePort('127.0.0.1', port);
    expect(second).toEqual({
      ok: false,
      problem: `port ${port} is already in use on 127.0.0.1: stop what listens on 127.0.0.1:${port}, or pick another --port (0 picks a free one)`,
    });
    if (first.ok) await first.release();
  });
});
