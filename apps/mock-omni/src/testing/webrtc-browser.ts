/**
 * What a headless Chromium needs to hold a real WebRTC call with the mock on loopback (`--media webrtc`). Shared by
 * the mock's own browser test and by anyone driving a browser against the mock (the agent console's tests do). Plain
 * data: no browser library is imported.
 *
 * @module
 */

/** Where Chromium is: `CHROMIUM_PATH` (the variable `.ci/run` exports), else Debian's path. */
export function chromiumPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.CHROMIUM_PATH ?? env.OMNIKIT_CHROMIUM ?? '/usr/bin/chromium';
}

/** The message a suite fails with when Chromium is missing: browsers are installed, never downloaded. */
export function missingChromiumMessage(path: string, suite: string): string {
  return (
    `Chromium is required for ${suite} and was not found at ${path}: install it ` +
    '(apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH to its path. It is never downloaded.'
  );
}

export const WEBRTC_CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  // getUserMedia answers at once with a generated microphone: the phone must send audio too.
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  // Both ends are on 127.0.0.1: Chromium leaves loopback out of ICE without this.
  '--allow-loopback-in-peer-connection',
  // The mock's WebRTC peer (werift) cannot resolve mDNS-obfuscated host candidates.
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  // The bridge call's audio element plays without waiting for a click.
  '--autoplay-policy=no-user-gesture-required',
  // This machine's network is closed: no background calls home, no component updates.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
