import type { Page } from 'playwright-core';

/** What the page reports about the focused element. */
export interface FocusInfo {
  tag: string;
  name: string;
  outlineStyle: string;
  outlineWidth: number;
  boxShadow: string;
}

export function focused(page: Page): Promise<FocusInfo | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const input = el as HTMLInputElement;
    const labelled = el.getAttribute('aria-label') ?? input.labels?.[0]?.textContent ?? el.textContent ?? '';
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      name: labelled.replace(/\s+/g, ' ').trim(),
      outlineStyle: style.outlineStyle,
      outlineWidth: Number.parseFloat(style.outlineWidth) || 0,
      boxShadow: style.boxShadow,
    };
  });
}

/**
 * Presses Tab (only the keyboard) until the focused element's name matches, as a keyboard user
 * would, and checks the focus is visible there. Fails when `max` presses never reach it.
 */
export async function tabTo(page: Page, name: RegExp, max = 80): Promise<FocusInfo> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const info = await focused(page);
    if (info && name.test(info.name)) {
      const visible = (info.outlineStyle !== 'none' && info.outlineWidth > 0) || info.boxShadow !== 'none';
      if (!visible) throw new Error(`focus on "${info.name}" is not visible (no outline or shadow)`);
      return info;
    }
    seen.push(info ? `${info.tag}:${info.name}` : 'body');
  }
  throw new Error(`Tab never reached ${name} in ${max} presses; focus went: ${seen.join(' → ')}`);
}

/** Waits until the element with `data-testid` shows text matching `text`. */
export async function waitForText(page: Page, testId: string, text: RegExp, timeout = 15_000): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
}

/** Starts summing every layout shift from now on (input-driven ones included: the strict reading). */
export async function watchLayoutShift(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __shift: { total: number; entries: string[] } };
    w.__shift = { total: 0, entries: [] };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as {
        value: number;
        sources?: { node?: Node | null }[];
      }[]) {
        w.__shift.total += entry.value;
        const nodes = (entry.sources ?? []).map((s) =>
          s.node instanceof Element ? `${s.node.tagName}.${s.node.className}`.slice(0, 80) : String(s.node),
        );
        w.__shift.entries.push(`${entry.value.toFixed(4)} ${nodes.join(', ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: false });
  });
}

export function layoutShift(page: Page): Promise<{ total: number; entries: string[] }> {
  return page.evaluate(() => (window as unknown as { __shift: { total: number; entries: string[] } }).__shift);
}

export interface InboundAudio {
  packetsReceived: number;
  bytesReceived: number;
  totalAudioEnergy: number;
  codec: string;
}

/** The bridge call's inbound RTP as Chromium's WebRTC statistics count it. */
export function inboundAudio(page: Page): Promise<InboundAudio> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __omnikitPeers: RTCPeerConnection[] }).__omnikitPeers ?? [];
    const out = { packetsReceived: 0, bytesReceived: 0, totalAudioEnergy: 0, codec: '' };
    for (const pc of peers) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((entry: Record<string, unknown>) => {
        if (entry.type !== 'inbound-rtp' || entry.kind !== 'audio') return;
        out.packetsReceived += Number(entry.packetsReceived ?? 0);
        out.bytesReceived += Number(entry.bytesReceived ?? 0);
        out.totalAudioEnergy += Number(entry.totalAudioEnergy ?? 0);
        const codec = report.get(String(entry.codecId)) as { mimeType?: string } | undefined;
        if (codec?.mimeType) out.codec = codec.mimeType;
      });
    }
    return out;
  });
}

/** RMS level (0..1) of what the phone's audio element receives, measured for `ms` with WebAudio. */
export function audioLevel(page: Page, ms: number): Promise<number> {
  return page.evaluate(async (duration) => {
    const el = document.querySelector('[data-testid="phone-audio"]') as HTMLAudioElement | null;
    const stream = el?.srcObject;
    if (!(stream instanceof MediaStream)) return -1;
    const context = new AudioContext();
    await context.resume();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(stream).connect(analyser);
    const data = new Float32Array(analyser.fftSize);
    let peak = 0;
    const end = performance.now() + duration;
    while (performance.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      analyser.getFloatTimeDomainData(data);
      let sum = 0;
      for (const v of data) sum += v * v;
      peak = Math.max(peak, Math.sqrt(sum / data.length));
    }
    await context.close();
    return peak;
  }, ms);
}

/** Polls `probe` (wall clock) until `ok`, else fails naming what it waited for. */
export async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Text that leaves the page's one type scale: a heading not in the body's font family (a monospace
 * heading, say), or visible text whose size is none of the theme's (Mantine's `--mantine-font-size-*`
 * and `--mantine-h1…h6-font-size`). Each is named with its tag, size, family and first words.
 */
export function typeScaleOutliers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    const probe = document.createElement('div');
    document.body.append(probe);
    const px = (value: string) => {
      probe.style.fontSize = value;
      return getComputedStyle(probe).fontSize;
    };
    const names = ['xs', 'sm', 'md', 'lg', 'xl'].map((s) => `--mantine-font-size-${s}`);
    for (let h = 1; h <= 6; h++) names.push(`--mantine-h${h}-font-size`);
    const scale = new Set(
      names
        .map((n) => root.getPropertyValue(n).trim())
        .filter(Boolean)
        .map(px),
    );
    probe.remove();
    const body = getComputedStyle(document.body).fontFamily;
    const out: string[] = [];
    const describe = (el: Element, style: CSSStyleDeclaration) =>
      `${el.tagName.toLowerCase()} ${style.fontSize} ${style.fontFamily.slice(0, 40)} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.closest('svg, canvas, [aria-hidden="true"]') || !el.checkVisibility()) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
      if (!ownText) continue;
      const style = getComputedStyle(el);
      const heading = /^H[1-6]$/.test(el.tagName) || el.getAttribute('role') === 'heading';
      if (heading && (style.fontFamily !== body || /mono/i.test(style.fontFamily)))
        out.push(`heading font: ${describe(el, style)}`);
      else if (!scale.has(style.fontSize)) out.push(`off the scale: ${describe(el, style)}`);
    }
    return out;
  });
}
