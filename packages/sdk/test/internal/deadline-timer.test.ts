import { describe, expect, it } from 'vitest';
import { createDeadlineTimer } from '../../src/internal/deadline-timer.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createDeadlineTimer', () => {
  it('fires each deadline once, after its own delay, and never a removed one', async () => {
    const timer = createDeadlineTimer();
    const fired: string[] = [];
    const start = Date.now();
    const at: Record<string, number> = {};
    const mark = (name: string) => () => {
      fired.push(name);
      at[name] = Date.now() - start;
    };
    timer.add(60, mark('60'));
    const cancel = timer.add(30, mark('30-cancelled'));
    timer.add(20, mark('20'));
    timer.add(40, mark('40'));
    cancel();
    await wait(120);
    expect(fired).toEqual(['20', '40', '60']);
    expect(at['20']).toBeGreaterThanOrEqual(19);
    expect(at['40']).toBeGreaterThanOrEqual(39);
    expect(at['60']).toBeGreaterThanOrEqual(59);
  });

  it('re-arms for a shorter deadline added after a longer one', async () => {
    const timer = createDeadlineTimer();
    const fired: string[] = [];
    timer.add(10_000, () => fired.push('long'));
    timer.add(10, () => fired.push('short'));
    await wait(40);
    expect(fired).toEqual(['short']);
  });

  it('keeps working after it has gone idle', async () => {
    const timer = createDeadlineTimer();
    const fired: number[] = [];
    timer.add(5, () => fired.push(1));
    await wait(20);
    timer.add(5, () => fired.push(2));
    await wait(20);
    expect(fired).toEqual([1, 2]);
  });
});
