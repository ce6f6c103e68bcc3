/**
 * The peers bench's tables: medians of the rounds, cores busy from CPU seconds, throughput per core, every
 * ratio divided by the first server's (the mock), failures summed rather than hidden in a median.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { type LoadSample, median, peerTables, routeMedians } from '../../../bench/peers/peer-report.js';

const sample = (rps: number, cpuSeconds: number, failed = 0): LoadSample => ({
  rps,
  p50: rps / 1000,
  p99: rps / 100,
  cpuSeconds,
  seconds: 2,
  failed,
});

describe('median', () => {
  it('takes the middle value, the upper of two middles, and 0 of none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([])).toBe(0);
  });
});

describe('routeMedians', () => {
  it('divides CPU seconds by the load’s seconds for cores and takes each round’s own req/s per core', () => {
    const m = routeMedians([sample(10_000, 1.8), sample(12_000, 2), sample(9_000, 2.4, 3)]);
    expect(m.rps).toBe(10_000);
    expect(m.cores).toBeCloseTo(1);
    // Per round: 10,000/0.9, 12,000/1, 9,000/1.2 → 11,111, 12,000, 7,500: the median is 11,111.
    expect(m.rpsPerCore).toBeCloseTo(11_111.1, 0);
    expect(m.failed).toBe(3);
  });
});

describe('peerTables', () => {
  it('prints each route’s servers with their ratios to the first, then start-up and memory', () => {
    const lines = peerTables(
      [
        {
          name: 'mock',
          startupMs: 400,
          peakRssBytes: 100 * 2 ** 20,
          loads: new Map([['GET /omni/users', [sample(20_000, 2)]]]),
        },
        {
          name: 'WireMock',
          startupMs: 1_600,
          peakRssBytes: 350 * 2 ** 20,
          loads: new Map([['GET /omni/users', [sample(30_000, 6)]]]),
        },
      ],
      ['GET /omni/users'],
    );
    expect(lines).toEqual([
      '| route | server | req/s | × mock | p50 ms | p99 ms | cores busy | req/s per core | × mock | failed |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| GET /omni/users | mock | 20,000 | 1.00× | 20 | 200 | 1.00 | 20,000 | 1.00× | 0 |',
      '| GET /omni/users | WireMock | 30,000 | 1.50× | 30 | 300 | 3.00 | 10,000 | 0.50× | 0 |',
      '',
      '| server | start-up to first answer | × mock | peak RSS under load | × mock |',
      '| --- | ---: | ---: | ---: | ---: |',
      '| mock | 400 ms | 1.00× | 100 MiB | 1.00× |',
      '| WireMock | 1,600 ms | 4.00× | 350 MiB | 3.50× |',
    ]);
  });
});
