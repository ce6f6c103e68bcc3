import { describe, expect, it } from 'vitest';
import { signalExitCode, stopOnSignals } from '../../src/cli/stop-on-signals.js';

describe('stopOnSignals', () => {
  const harness = () => {
    const listeners = new Map<string, (signal: NodeJS.Signals) => void>();
    const events: string[] = [];
    const stop = stopOnSignals({
      graceful: async (signal) => {
        events.push(`graceful ${signal}`);
      },
      quitting: (signal) => events.push(`quitting ${signal}`),
      on: (signal, listener) => listeners.set(signal, listener),
      exit: (code) => events.push(`exit ${code}`),
    });
    const send = (signal: NodeJS.Signals) => listeners.get(signal)?.(signal);
    return { stop, send, events };
  };

  it('starts the graceful stop at the first signal, and quits at once with the shell code at the second', () => {
    const h = harness();
    h.send('SIGINT');
    expect(h.events).toEqual(['graceful SIGINT']);
    h.send('SIGINT');
    expect(h.events).toEqual(['graceful SIGINT', 'quitting SIGINT', 'exit 130']);
    h.send('SIGTERM');
    expect(h.events.slice(-2)).toEqual(['quitting SIGTERM', 'exit 143']);
  });

  it('counts a signal kept while starting (the returned stop) as the first', () => {
    const h = harness();
    h.stop('SIGTERM');
    h.send('SIGINT');
    expect(h.events).toEqual(['graceful SIGTERM', 'quitting SIGINT', 'exit 130']);
  });

  it('listens for the signals it is given instead (the cluster adds SIGHUP, a closed terminal)', () => {
    const listened: string[] = [];
    const events: string[] = [];
    stopOnSignals({
      graceful: async (signal) => {
        events.push(`graceful ${signal}`);
      },
      quitting: (signal) => events.push(`quitting ${signal}`),
      on: (signal, listener) => {
        listened.push(signal);
        if (signal === 'SIGHUP') listener(signal);
      },
      exit: (code) => events.push(`exit ${code}`),
      signals: ['SIGINT', 'SIGTERM', 'SIGHUP'],
    });
    expect(listened).toEqual(['SIGINT', 'SIGTERM', 'SIGHUP']);
    expect(events).toEqual(['graceful SIGHUP']);
  });

  it('gives the codes shells report', () => {
    expect(signalExitCode('SIGINT')).toBe(130);
    expect(signalExitCode('SIGTERM')).toBe(143);
  });
});
