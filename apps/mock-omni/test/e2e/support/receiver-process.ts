import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A delivery as the receiver process saw it. */
export interface Delivery {
  id: string;
  timestamp: string;
  signatureValid: boolean;
  contentType: string;
  body: string;
  /** What the receiver answered. */
  status: number;
  /** Wall ms when it arrived. */
  at: number;
}

export interface ReceiverRule {
  type?: string;
  call_state?: string;
  /** Fail the first n attempts of each matching notification, or all of them. */
  fail: number | 'always';
  status?: number;
}

/** The webhook receiver in its own process (webhook-receiver.mjs), driven over IPC. */
export class ReceiverProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(secret: string, path = '/hooks/omni'): Promise<ReceiverProcess> {
    const script = fileURLToPath(new URL('./webhook-receiver.mjs', import.meta.url));
    const child = fork(script, [secret], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`the receiver exited with ${code}`)));
    });
    return new ReceiverProcess(child, `http://127.0.0.1:${port}${path}`);
  }

  private ask<T>(message: unknown): Promise<T> {
    return new Promise((resolve) => {
      this.child.once('message', (m) => resolve(m as T));
      this.child.send(message as string);
    });
  }

  /** How to answer from now on: failing rules, and a delay before every answer (wall ms). */
  async rules(rules: ReceiverRule[], delayMs = 0): Promise<void> {
    await this.ask({ rules, delayMs });
  }

  async received(): Promise<Delivery[]> {
    return (await this.ask<{ received: Delivery[] }>('received')).received;
  }

  /** Waits until `check` holds for what arrived (polling), or throws after `ms`. */
  async until(what: string, check: (received: Delivery[]) => boolean, ms = 5_000): Promise<Delivery[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const got = await this.received();
      if (check(got)) return got;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${got.length} received)`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Asks the receiver to exit; one that has not within 5 s (a wedged socket) is killed. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      this.child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      this.child.send('exit');
    });
  }
}
