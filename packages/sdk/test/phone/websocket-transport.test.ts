import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { Core, TransportState } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type WebSocket as ServerSocket, WebSocket, WebSocketServer } from 'ws';
import { type WebSocketConstructor, WebSocketTransport } from '../../src/phone/websocket-transport.js';

// Compile-time: both the browsers' WebSocket (DOM lib) and Node's `ws` fit the phone's constructor type.
const browserWebSocket: WebSocketConstructor | undefined = (globalThis as { WebSocket?: typeof globalThis.WebSocket })
  .WebSocket;
const nodeWebSocket: WebSocketConstructor = WebSocket;

const logger = (() => {
  const factory = new Core.LoggerFactory();
  factory.builtinEnabled = false;
  return factory.getLogger('test');
})();

describe('WebSocketTransport', () => {
  let http: Server;
  let wss: WebSocketServer;
  let url: string;
  let serverSockets: ServerSocket[];
  let received: string[];

  beforeEach(async () => {
    http = createServer();
    serverSockets = [];
    received = [];
    wss = new WebSocketServer({ server: http, handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false) });
    wss.on('connection', (socket) => {
      serverSockets.push(socket);
      socket.on('message', (data) => received.push(data.toString()));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws`;
  });
  afterEach(async () => {
    for (const socket of serverSockets) socket.terminate();
    wss.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  const transport = (extra: { keepAliveIntervalMs?: number; connectionTimeoutMs?: number; server?: string } = {}) =>
    new WebSocketTransport(logger, { server: url, WebSocket: nodeWebSocket, ...extra });

  it('is typed for browsers and Node alike', () => {
    expect(typeof nodeWebSocket).toBe('function');
    // Node 20 has no global WebSocket; browsers (and Node ≥ 22) do.
    expect(browserWebSocket === undefined || typeof browserWebSocket === 'function').toBe(true);
  });

  it('walks Disconnected → Connecting → Connected → Disconnecting → Disconnected', async () => {
    const t = transport();
    const states: TransportState[] = [];
    const disconnects: (Error | undefined)[] = [];
    let connects = 0;
    t.stateChange.addListener((state) => states.push(state));
    t.onConnect = () => {
      connects += 1;
    };
    t.onDisconnect = (error) => disconnects.push(error);
    expect(t.protocol).toBe('WS');
    await t.connect();
    expect(t.isConnected()).toBe(true);
    await t.connect();
    await t.disconnect();
    expect(states).toEqual([
      TransportState.Connecting,
      TransportState.Connected,
      TransportState.Disconnecting,
      TransportState.Disconnected,
    ]);
    expect(connects).toBe(1);
    expect(disconnects).toEqual([undefined]);
    await expect(t.send('x')).rejects.toThrow(/not connected/);
  });

  it('reports a connection the server drops with an error, and connects again', async () => {
    const t = transport();
    const disconnects: (Error | undefined)[] = [];
    t.onDisconnect = (error) => disconnects.push(error);
    await t.connect();
    serverSockets[0]?.terminate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(t.state).toBe(TransportState.Disconnected);
    expect(disconnects).toHaveLength(1);
    expect(disconnects[0]?.message).toMatch(/closed/);
    await t.connect();
    expect(serverSockets).toHaveLength(2);
    await t.disconnect();
  });

  it('hands sip.js one message per task, each after the previous one’s microtasks', async () => {
    const t = transport();
    const log: string[] = [];
    t.onMessage = (message) => {
      log.push(message);
      queueMicrotask(() => log.push(`after ${message}`));
    };
    await t.connect();
    const socket = serverSockets[0];
    socket?.send('SIP/2.0 200 A');
    socket?.send('SIP/2.0 200 B');
    socket?.send('\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log).toEqual(['SIP/2.0 200 A', 'after SIP/2.0 200 A', 'SIP/2.0 200 B', 'after SIP/2.0 200 B']);
    await t.disconnect();
  });

  it('sends text frames and CRLF keep-alives', async () => {
    const t = transport({ keepAliveIntervalMs: 20 });
    await t.connect();
    await t.send('OPTIONS sip:x SIP/2.0\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 70));
    await t.disconnect();
    expect(received[0]).toBe('OPTIONS sip:x SIP/2.0\r\n\r\n');
    expect(received.slice(1).length).toBeGreaterThanOrEqual(2);
    expect(new Set(received.slice(1))).toEqual(new Set(['\r\n\r\n']));
    const count = received.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toHaveLength(count);
  });

  it('gives up on a handshake that never completes', async () => {
    // Reads and ignores the upgrade request: never answers it.
    const silent = createTcpServer((socket) => {
      socket.on('error', () => undefined);
      socket.resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const t = transport({ server: `ws://127.0.0.1:${port}/ws`, connectionTimeoutMs: 100 });
      await expect(t.connect()).rejects.toThrow(/within the timeout/);
      expect(t.state).toBe(TransportState.Disconnected);
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('refuses a server URL that is not ws(s)://', () => {
    expect(() => transport({ server: 'http://127.0.0.1/ws' })).toThrow(/ws:\/\/ or wss:\/\//);
    expect(new WebSocketTransport(logger, { server: 'wss://example.com/ws', WebSocket: nodeWebSocket }).protocol).toBe(
      'WSS',
    );
  });
});
