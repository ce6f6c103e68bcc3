import { describe, expect, it } from 'vitest';
import { loadRecording, RecordingError } from '../../src/replay/load-recording.js';
import { jsonLines, recording } from '../support/recording-lines.js';

const good = recording([
  { method: 'GET', path: '/omni/users', answer: { users: [] } },
  { method: 'GET', path: '/omni/campaigns', answer: { campaigns: [] } },
]);

describe('loadRecording', () => {
  it('reads every line in order, blank lines skipped', () => {
    const text = jsonLines(good).replace('\n', '\n\n');
    expect(loadRecording(text, 'r.jsonl').map((l) => l.request.path)).toEqual(['/omni/users', '/omni/campaigns']);
  });

  it('refuses a line that is not JSON, naming its line number', () => {
    const text = `${JSON.stringify(good[0])}\n{"v":1,\n`;
    expect(() => loadRecording(text, 'r.jsonl')).toThrow(RecordingError);
    expect(() => loadRecording(text, 'r.jsonl')).toThrow(/^r\.jsonl:2: not JSON \(.+\); a recording is JSON Lines$/);
  });

  it('refuses a line that is not a recording line, naming its line number and the field', () => {
    const bad = { ...good[1], request: { ...good[1]?.request, path: 'omni/campaigns' } };
    const text = jsonLines([good[0], bad]);
    expect(() => loadRecording(text, 'r.jsonl')).toThrow(/^r\.jsonl:2: not a recording line \(request\.path: .+\)$/);
    expect(() => loadRecording(jsonLines([{ ...good[0], v: 2 }]), 'r.jsonl')).toThrow(/^r\.jsonl:1: .*\bv: /);
  });

  it('refuses a file with no REST exchange to serve', () => {
    expect(() => loadRecording('', 'empty.jsonl')).toThrow('empty.jsonl: holds no REST exchange');
    const notification = { ...good[0], kind: 'notification' };
    expect(() => loadRecording(jsonLines([notification]), 'n.jsonl')).toThrow('n.jsonl: holds no REST exchange');
  });
});
