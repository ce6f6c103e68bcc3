/**
 * The browser side of the media test: bundled with esbuild (sip.js 0.21 and the sdk's OmniPhone, straight from their
 * sources) and loaded into a page served by the test. The test drives it through `window.omniTest`: start the phone,
 * then read what the page hears — WebRTC statistics of the bridge call and the RMS level of its remote audio measured
 * by a WebAudio AnalyserNode. It runs in Chromium, never in Node.
 *
 * @module
 */

import { OmniPhone } from '../../../../packages/sdk/src/phone/index.js';

export interface PageInboundStats {
  /** Whether the bridge call is up. */
  bridgeUp: boolean;
  held: boolean;
  packetsReceived: number;
  bytesReceived: number;
  totalAudioEnergy: number;
  audioLevel: number;
  packetsSent: number;
  codec: string;
}

export interface PageApi {
  start(server: string, extension: string, password: string): Promise<void>;
  stats(): Promise<PageInboundStats>;
  /** RMS (0..1) of the remote audio over `ms` milliseconds of analyser frames (max of the frames). */
  level(ms: number): Promise<number>;
  events(): string[];
  stop(): Promise<void>;
}

const events: string[] = [];
let phone: OmniPhone | undefined;
let analyser: AnalyserNode | undefined;
const audio = document.createElement('audio');
audio.autoplay = true;
document.body.append(audio);

function peerConnection(): RTCPeerConnection | undefined {
  const handler = phone?.mediaHandler as { peerConnection?: RTCPeerConnection } | undefined;
  return handler?.peerConnection;
}

function connectAnalyser(): AnalyserNode | undefined {
  if (analyser) return analyser;
  const stream = audio.srcObject;
  if (!(stream instanceof MediaStream) || stream.getAudioTracks().length === 0) return undefined;
  const context = new AudioContext();
  const node = context.createAnalyser();
  node.fftSize = 2048;
  context.createMediaStreamSource(stream).connect(node);
  void context.resume();
  analyser = node;
  return node;
}

const api: PageApi = {
  async start(server, extension, password) {
    phone = new OmniPhone({ server, extension, password, iceServers: [], remoteAudio: audio });
    phone.on('registered', () => events.push('registered'));
    phone.on('bridgeUp', ({ held }) => events.push(`bridgeUp:${held ? 'held' : 'live'}`));
    phone.on('bridgeDown', ({ by }) => events.push(`bridgeDown:${by}`));
    phone.on('hold', ({ held }) => events.push(`hold:${held}`));
    phone.on('error', (error) => events.push(`error:${error.code}:${error.message}`));
    await phone.start();
  },
  async stats() {
    const out: PageInboundStats = {
      bridgeUp: phone?.bridge?.status === 'up',
      held: phone?.bridge?.held ?? false,
      packetsReceived: 0,
      bytesReceived: 0,
      totalAudioEnergy: 0,
      audioLevel: 0,
      packetsSent: 0,
      codec: '',
    };
    const pc = peerConnection();
    if (!pc) return out;
    const report = await pc.getStats();
    const codecs = new Map<string, string>();
    report.forEach((entry: { type: string; id: string; mimeType?: string }) => {
      if (entry.type === 'codec' && entry.mimeType) codecs.set(entry.id, entry.mimeType);
    });
    report.forEach((entry: Record<string, unknown>) => {
      if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
        out.packetsReceived += Number(entry.packetsReceived ?? 0);
        out.bytesReceived += Number(entry.bytesReceived ?? 0);
        out.totalAudioEnergy += Number(entry.totalAudioEnergy ?? 0);
        out.audioLevel = Math.max(out.audioLevel, Number(entry.audioLevel ?? 0));
        out.codec = codecs.get(String(entry.codecId)) ?? out.codec;
      }
      if (entry.type === 'outbound-rtp' && entry.kind === 'audio') out.packetsSent += Number(entry.packetsSent ?? 0);
    });
    return out;
  },
  async level(ms) {
    const node = connectAnalyser();
    if (!node) return 0;
    const samples = new Float32Array(node.fftSize);
    let loudest = 0;
    const until = performance.now() + ms;
    while (performance.now() < until) {
      node.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      loudest = Math.max(loudest, Math.sqrt(sum / samples.length));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return loudest;
  },
  events: () => [...events],
  async stop() {
    await phone?.stop();
  },
};

(window as unknown as { omniTest: PageApi }).omniTest = api;
