/**
 * The bridge leg: the call Omni places to an agent's extension at campaign login and keeps up for the whole session
 * (customer calls are bridged into it). It is an ordinary sip.js `Inviter` on the user agent of the connection that
 * registered the extension, sent to the registered Contact with the AOR in To.
 *
 * States: `up` (answered and ACKed, media flowing both ways), `held` (the mock re-INVITEd with a sendonly offer: the
 * phone hears hold), `ended` (a BYE either way, or the phone's socket closed). `hold()`/`unhold()` run one at a time
 * (sip.js refuses overlapping re-INVITEs) and are no-ops when already in the asked state.
 *
 * @module
 */

import { randomUUID } from 'node:crypto';
import { type Core, Inviter, SessionState, type URI, type UserAgent } from 'sip.js';
import { type BridgeMedia, isBridgeMedia } from './bridge-media.js';
import type { FakeMediaOptions } from './fake-session-description-handler.js';
import { SipBridgeError } from './sip-bridge-error.js';
import { sdpRefusalOf } from './webrtc-sdp-problem.js';

/** The leg's state, as described above. */
export type BridgeLegState = 'up' | 'held' | 'ended';

/** Who ended the leg: the phone (BYE from the phone), the mock (`hangup()`), or the network. */
export type BridgeEndReason = 'phone-hangup' | 'server-hangup' | 'connection-lost' | 'session-error';

/** The part of a phone connection a leg needs. */
export interface BridgeConnection {
  readonly id: string;
  onLost(listener: () => void): () => void;
}

export interface BridgeTarget {
  systemId: string;
  extension: string;
  userId: number;
  aor: string;
  contact: URI;
}

export interface PlaceBridgeOptions {
  /** Wall-clock time the phone has to answer before the INVITE is cancelled. */
  answerTimeoutMs: number;
  /** Wall-clock time a hold/unhold re-INVITE may take (default 32 s, SIP's Timer B). */
  reinviteTimeoutMs?: number;
  /** Extra SIP headers on the INVITE (e.g. identifying the campaign). */
  extraHeaders?: string[];
}

export class BridgeLeg {
  readonly id = randomUUID();
  private current: BridgeLegState = 'up';
  private reason: BridgeEndReason | undefined;
  private byPhone = false;
  private byServer = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(reason: BridgeEndReason) => void>();
  private readonly stopWatchingConnection: () => void;

  private constructor(
    private readonly session: Inviter,
    readonly target: BridgeTarget,
    readonly connection: BridgeConnection,
    private readonly reinviteTimeoutMs: number,
  ) {
    session.delegate = {
      onBye: (bye) => {
        this.byPhone = true;
        bye.accept().catch(() => undefined);
      },
    };
    session.stateChange.addListener((state) => {
      if (state !== SessionState.Terminated) return;
      this.end(this.byPhone ? 'phone-hangup' : this.byServer ? 'server-hangup' : 'session-error');
    });
    this.stopWatchingConnection = connection.onLost(() => this.end('connection-lost'));
  }

  /**
   * Sends the INVITE; resolves with the leg once the phone answered (200 OK, ACK sent), rejects
   * with a {@link SipBridgeError} on a failure answer, no answer in time, or a lost connection.
   */
  static place(
    userAgent: UserAgent,
    connection: BridgeConnection,
    target: BridgeTarget,
    options: PlaceBridgeOptions,
  ): Promise<BridgeLeg> {
    const mediaOptions: FakeMediaOptions = { hold: false };
    const inviter = new Inviter(userAgent, target.contact, {
      params: { toUri: target.aor, fromDisplayName: 'Omni' },
      extraHeaders: options.extraHeaders ?? [],
      sessionDescriptionHandlerOptions: mediaOptions,
    });
    return new Promise<BridgeLeg>((resolve, reject) => {
      let settled = false;
      let failure: SipBridgeError | undefined;
      const settle = (error: SipBridgeError | undefined, leg?: BridgeLeg) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stopWatching();
        if (leg) resolve(leg);
        else reject(error ?? new SipBridgeError('CONNECTION_LOST', 'the bridge call ended before it was answered'));
      };
      const timer = setTimeout(() => {
        settle(
          new SipBridgeError(
            'NO_ANSWER',
            `extension ${target.extension} did not answer the bridge call within ${options.answerTimeoutMs} ms`,
          ),
        );
        // A late 200 after the CANCEL is ACKed and hung up by sip.js itself.
        inviter.cancel().catch(() => undefined);
      }, options.answerTimeoutMs);
      const stopWatching = connection.onLost(() =>
        settle(new SipBridgeError('CONNECTION_LOST', `extension ${target.extension}’s phone disconnected`)),
      );
      inviter.stateChange.addListener((state) => {
        if (state === SessionState.Established) {
          if (settled) {
            inviter.bye().catch(() => undefined);
            return;
          }
          settle(undefined, new BridgeLeg(inviter, target, connection, options.reinviteTimeoutMs ?? 32_000));
        } else if (state === SessionState.Terminated) {
          // sip.js terminates the session before it calls the request delegate with the failure
          // answer: settle once that has run. A session that ends with a dialog but never established
          // was answered (200) with a description sip.js could not use: it ACKed and hung up.
          queueMicrotask(() => settle(failure ?? (inviter.dialog ? badAnswer(inviter, target) : undefined)));
        }
      });
      /** A final answer other than 2xx (3xx: a redirect the mock does not follow); settled once sip.js has ended. */
      const refused = (how: 'redirected' | 'refused', response: Core.IncomingResponse) => {
        const { statusCode, reasonPhrase } = response.message;
        failure = new SipBridgeError(
          'REJECTED',
          `extension ${target.extension} ${how} the bridge call: ${statusCode} ${reasonPhrase}`,
          statusCode,
        );
      };
      inviter
        .invite({
          requestDelegate: {
            onRedirect: (response: Core.IncomingResponse) => refused('redirected', response),
            onReject: (response: Core.IncomingResponse) => refused('refused', response),
          },
        })
        .catch((error: unknown) =>
          settle(
            new SipBridgeError(
              'CONNECTION_LOST',
              `the bridge INVITE could not be sent: ${error instanceof Error ? error.message : String(error)}`,
            ),
          ),
        );
    });
  }

  get state(): BridgeLegState {
    return this.current;
  }

  get endReason(): BridgeEndReason | undefined {
    return this.reason;
  }

  /** The leg's real media (`--media webrtc`); undefined with fake media. */
  get media(): BridgeMedia | undefined {
    const handler = this.session.sessionDescriptionHandler;
    return isBridgeMedia(handler) ? handler : undefined;
  }

  /** The SIP Call-ID of the leg's dialog. */
  get sipCallId(): string {
    return this.session.request.callId;
  }

  /** Puts the phone on hold (re-INVITE with a sendonly offer). */
  hold(): Promise<void> {
    return this.enqueue(() => this.reinvite(true));
  }

  /** Takes the phone off hold (re-INVITE with a sendrecv offer). */
  unhold(): Promise<void> {
    return this.enqueue(() => this.reinvite(false));
  }

  /** Hangs the leg up from the mock's side (BYE). */
  async hangup(): Promise<void> {
    if (this.current === 'ended') return;
    this.byServer = true;
    try {
      await this.session.bye();
    } catch {
      // The dialog is already gone (a crossing BYE or a dead socket): the leg ends either way.
    }
    this.end('server-hangup');
  }

  /** Calls `listener` once when the leg ends; returns an unsubscribe function. */
  onEnded(listener: (reason: BridgeEndReason) => void): () => void {
    if (this.reason !== undefined) {
      listener(this.reason);
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private reinvite(hold: boolean): Promise<void> {
    if (this.current === 'ended') return Promise.reject(this.endedError());
    if ((this.current === 'held') === hold) return Promise.resolve();
    const mediaOptions: FakeMediaOptions = { hold };
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stopListening();
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(
        () =>
          finish(new SipBridgeError('TIMEOUT', `the phone did not answer the ${hold ? 'hold' : 'unhold'} re-INVITE`)),
        this.reinviteTimeoutMs,
      );
      const stopListening = this.onEnded(() => finish(this.endedError()));
      this.session
        .invite({
          sessionDescriptionHandlerOptions: mediaOptions,
          requestDelegate: {
            onAccept: () => {
              if (this.current !== 'ended') this.current = hold ? 'held' : 'up';
              finish();
            },
            onReject: (response: Core.IncomingResponse) => {
              const { statusCode, reasonPhrase } = response.message;
              finish(
                new SipBridgeError(
                  'REJECTED',
                  `the phone refused the re-INVITE: ${statusCode} ${reasonPhrase}`,
                  statusCode,
                ),
              );
            },
          },
        })
        .catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
    });
  }

  private endedError(): SipBridgeError {
    return new SipBridgeError(
      'ENDED',
      `the bridge leg to extension ${this.target.extension} has ended (${this.reason})`,
    );
  }

  private end(reason: BridgeEndReason): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.current = 'ended';
    this.stopWatchingConnection();
    for (const listener of this.listeners) listener(reason);
    this.listeners.clear();
  }
}

/** Why a 200 OK to the bridge INVITE could not be used: an SDP that is not WebRTC's, or no audio description at all. */
function badAnswer(inviter: Inviter, target: BridgeTarget): SipBridgeError {
  const refusal = sdpRefusalOf(inviter.sessionDescriptionHandler);
  if (refusal !== undefined)
    return new SipBridgeError(
      'NOT_WEBRTC',
      `extension ${target.extension} answered the bridge call with an SDP a WebRTC extension does not accept ` +
        `(${refusal}): the mock sent ACK and BYE (Reason 488)`,
      undefined,
      refusal,
    );
  return new SipBridgeError(
    'BAD_ANSWER',
    `extension ${target.extension} answered the bridge call without a usable audio description`,
  );
}
