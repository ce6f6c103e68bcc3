/**
 * The nesting scan that runs before a body is parsed: exact about strings, linear, no recursion.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from '../../src/http/json-depth.js';

const deeper = (text: string, limit: number) => jsonNestsDeeperThan(new TextEncoder().encode(text), limit);

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects together, against the limit exactly', () => {
    expect(deeper('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(deeper('{"a":[{"b":[]}]}', 3)).toBe(true);
    expect(deeper('[[],[],[[]]]', 3)).toBe(false);
    expect(deeper('[[],[],[[[]]]]', 3)).toBe(true);
    expect(deeper('1', 0)).toBe(false);
    expect(deeper('[]', 0)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes and escaped backslashes included', () => {
    expect(deeper('["[[[[{{{{"]', 1)).toBe(false);
    expect(deeper('["\\"[[[["]', 1)).toBe(false);
    // An escaped backslash does not escape the quote after it: the string ends there.
    expect(deeper('["\\\\", [[[]]]]', 3)).toBe(true);
    expect(deeper('["\\\\\\"[[[["]', 1)).toBe(false);
    expect(deeper('{"k[[[":"v]]]]]]", "x":[[]]}', 3)).toBe(false);
    expect(deeper('{"k]]]]":"v", "x":[[[]]]}', 3)).toBe(true);
  });

  it('reads UTF-8 bytes exactly (no ASCII byte inside a multi-byte character)', () => {
    expect(deeper('["ʕ•ᴥ•ʔ 💥 [[[[", [["ж"]]]', 3)).toBe(false);
    expect(deeper('["ʕ•ᴥ•ʔ 💥 [[[[", [[["ж"]]]]', 3)).toBe(true);
  });

  it('answers for text that is not JSON (the parse reports it) and never throws', () => {
    expect(deeper('[[[[[', 3)).toBe(true);
    expect(deeper('"unterminated [[[[[', 3)).toBe(false);
    expect(deeper(']]]]][[[', 2)).toBe(false);
    expect(deeper('', 0)).toBe(false);
  });

  it('takes a million levels without recursion', () => {
    const levels = 1_000_000;
    expect(deeper(`${'['.repeat(levels)}${']'.repeat(levels)}`, levels - 1)).toBe(true);
    expect(deeper(`${'['.repeat(levels)}${']'.repeat(levels)}`, levels)).toBe(false);
  });
});
