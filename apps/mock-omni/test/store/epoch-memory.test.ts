/**
 * Memory kept beside a table: bounded (past its limit it starts again) and forgotten as soon as the connection's
 * write epoch moves.
 *
 * @module
 */

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EpochMemory } from '../../src/store/epoch-memory.js';
import { writeEpochOf } from '../../src/store/write-epoch.js';

describe('epoch memory', () => {
  it('answers what was kept until the epoch moves, then nothing', () => {
    const sqlite = new Database(':memory:');
    const epoch = writeEpochOf(sqlite);
    const memory = new EpochMemory<number>(epoch, 10);
    expect(memory.set('1/1', 5)).toBe(5);
    expect(memory.get('1/1')).toBe(5);
    expect(memory.has('1/1')).toBe(true);
    epoch.bump();
    expect(memory.get('1/1')).toBeUndefined();
    expect([...memory.keys()]).toEqual([]);
    memory.set('1/2', 6);
    expect(memory.get('1/2')).toBe(6);
    memory.delete('1/2');
    expect(memory.has('1/2')).toBe(false);
    sqlite.close();
  });

  it('starts again past its limit, keeping the entry that went past it', () => {
    const memory = new EpochMemory<number>({ value: 0, bump() {} }, 3);
    for (let i = 1; i <= 3; i++) memory.set(`k${i}`, i);
    memory.set('k4', 4);
    expect([...memory.keys()]).toEqual(['k4']);
  });
});
