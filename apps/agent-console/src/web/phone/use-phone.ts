/**
 * The agent's softphone in this tab, registered with the settings the backend hands out (B.11).
 *
 * States: `off` (never started, or the agent unregistered it) → `registering` (connecting and
 * REGISTERing) → `registered`. A dropped WebSocket makes it `reconnecting` (OmniPhone retries and
 * registers again → `registered`); a refused or failed start makes it `failed` with the reason.
 * The bridge call Omni places at campaign login rides on top: `none` → `up` (held or not) → `none`.
 *
 * A reload of the page drops the registration and the bridge call, as in Omni's own webphone (A.8):
 * the page remembers in sessionStorage that its phone was registered, says so after a reload, and
 * registers again at once.
 *
 * The WebRTC session's expiry is the agent token's (A.8): read with the settings at registration, then
 * kept current from the event stream's `token` (the backend renews the token when Omni expires or revokes it).
 *
 * @module
 */

import { OmniPhone } from '@omnikit/sdk';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleTarget, PhoneSettings } from '../../shared/console-schemas.js';
import { errorText } from '../api/console-api-error.js';
import type { ConsoleClient } from '../api/console-client.js';
import { phoneMediaWords } from './phone-media-words.js';

/** Where the phone's registration stands (the module's first paragraph says how it moves). */
export type PhoneStatus = 'off' | 'registering' | 'registered' | 'reconnecting' | 'failed';

export interface PhoneState {
  status: PhoneStatus;
  extension: string | null;
  expiresAt: string | null;
  bridge: 'none' | 'up';
  held: boolean;
  error: string | null;
  /** This page load followed a reload that dropped a registered phone. */
  reloaded: boolean;
}

export interface Phone {
  state: PhoneState;
  register(): Promise<void>;
  unregister(): Promise<void>;
  /**
   * The backend's word that the agent's token changed (renewed, or handed over by a sign-in elsewhere): the
   * WebRTC session now ends at `expiresAt`. Kept only once the phone has its settings (an expiry is shown).
   */
  tokenChanged(expiresAt: string): void;
}

const REMEMBER_KEY = 'omnikit-console.phone-registered';

function readRemembered(): boolean {
  try {
    return sessionStorage.getItem(REMEMBER_KEY) === '1';
  } catch {
    return false;
  }
}

function remember(registered: boolean): void {
  try {
    if (registered) sessionStorage.setItem(REMEMBER_KEY, '1');
    else sessionStorage.removeItem(REMEMBER_KEY);
  } catch {
    // Storage can be disabled; the reload notice is then the only thing lost.
  }
}

export function usePhone(
  client: ConsoleClient,
  target: ConsoleTarget,
  audio: RefObject<HTMLAudioElement | null>,
): Phone {
  const [state, setState] = useState<PhoneState>(() => ({
    status: 'off',
    extension: null,
    expiresAt: null,
    bridge: 'none',
    held: false,
    error: null,
    reloaded: readRemembered(),
  }));
  const phoneRef = useRef<OmniPhone | null>(null);
  const patch = useCallback((next: Partial<PhoneState>) => setState((s) => ({ ...s, ...next })), []);

  const attach = useCallback(
    (phone: OmniPhone, settings: PhoneSettings) => {
      phone.on('registered', () => {
        remember(true);
        patch({ status: 'registered', error: null });
      });
      phone.on('unregistered', ({ reason }) => {
        if (reason === 'stopped') return;
        patch({
          status: 'reconnecting',
          error:
            reason === 'connection-lost'
              ? 'The phone lost its connection to Omni. Reconnecting…'
              : 'Omni did not renew the phone’s registration. Reconnecting…',
        });
      });
      phone.on('bridgeUp', ({ held }) => patch({ bridge: 'up', held }));
      phone.on('bridgeDown', () => patch({ bridge: 'none', held: false }));
      phone.on('hold', ({ held }) => patch({ held }));
      phone.on('error', (error) => {
        if (error.code === 'REGISTRATION_REJECTED')
          patch({ status: 'failed', error: `Omni refused the phone’s registration (${error.message}).` });
        else if (error.code === 'MEDIA') patch({ error: phoneMediaWords(error.message) });
      });
      patch({ extension: settings.extension, expiresAt: settings.expires_at });
    },
    [patch],
  );

  const register = useCallback(async () => {
    if (phoneRef.current) return;
    patch({ status: 'registering', error: null });
    try {
      const settings = await client.call('getPhone');
      const phone = new OmniPhone({
        server: settings.server,
        extension: settings.extension,
        password: settings.password,
        displayName: settings.user_name,
        // The mock is on loopback; a real Omni's media needs the browser's default STUN servers.
        ...(target === 'mock' ? { iceServers: [] } : {}),
        ...(audio.current ? { remoteAudio: audio.current } : {}),
        reconnect: true,
      });
      phoneRef.current = phone;
      attach(phone, settings);
      await phone.start();
    } catch (error) {
      const phone = phoneRef.current;
      phoneRef.current = null;
      await phone?.stop().catch(() => undefined);
      patch({
        status: 'failed',
        bridge: 'none',
        error: `The phone could not register: ${errorText(error)}`,
      });
    }
  }, [attach, audio, client, patch, target]);

  const unregister = useCallback(async () => {
    const phone = phoneRef.current;
    phoneRef.current = null;
    remember(false);
    await phone?.stop().catch(() => undefined);
    patch({ status: 'off', bridge: 'none', held: false, error: null, reloaded: false });
  }, [patch]);

  // Register as soon as the console opens (and again after a reload), and let go of the
  // registration when the tab goes away.
  useEffect(() => {
    void register();
    const leave = () => {
      void phoneRef.current?.stop();
    };
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      const phone = phoneRef.current;
      phoneRef.current = null;
      void phone?.stop();
    };
  }, [register]);

  const tokenChanged = useCallback(
    (expiresAt: string) =>
      setState((s) => (s.expiresAt === null || s.expiresAt === expiresAt ? s : { ...s, expiresAt })),
    [],
  );

  return { state, register, unregister, tokenChanged };
}
