import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  canonicalJson,
  chainEvent,
  decodeSegment,
  encodeSegment,
} from '../../src/archive/chain.js';
import { rawKey, segmentFirstSeq, segmentKey } from '../../src/archive/keys.js';

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined members and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: undefined, b: true } })).toBe(
      '{"a":{"b":true,"d":[1,"x",null]},"b":1}',
    );
  });

  it('refuses values that are not plain JSON', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson({ b: 1n })).toThrow(TypeError);
  });
});

describe('event hash', () => {
  // A fixed vector, recomputed independently (Python: json.dumps(sort_keys=True, separators=(',', ':'),
  // ensure_ascii=False) over the event without `hash`, then SHA-256). If this changes, every archived
  // chain stops verifying: the format is frozen.
  it('matches the frozen reference vector', () => {
    const event = chainEvent(
      {
        at: '2025-03-01T10:00:00.000Z',
        type: 'message.received',
        subject: 'msg-1',
        actor: '12345678',
        data: { retourcode: '0001', rules: ['TR301', 'CD055'], nested: { b: 1, a: 'é' } },
      },
      1,
      GENESIS_HASH,
    );
    expect(event.hash).toBe('338e6569951e31dbec955ebd9755f63d765bfe03d49f2d1607b4e0e8081b4c2c');
    expect(canonicalJson(event)).toBe(
      '{"actor":"12345678","at":"2025-03-01T10:00:00.000Z","data":{"nested":{"a":"é","b":1},' +
        '"retourcode":"0001","rules":["TR301","CD055"]},' +
        '"hash":"338e6569951e31dbec955ebd9755f63d765bfe03d49f2d1607b4e0e8081b4c2c",' +
        `"prevHash":"${GENESIS_HASH}","seq":1,"subject":"msg-1","type":"message.received"}`,
    );
  });

  it('does not depend on the order the caller wrote the fields in', () => {
    const a = chainEvent({ type: 't', at: '2025-03-01T10:00:00Z', data: { x: 1, y: 2 } }, 1, GENESIS_HASH);
    const b = chainEvent({ data: { y: 2, x: 1 }, at: '2025-03-01T10:00:00Z', type: 't' }, 1, GENESIS_HASH);
    expect(a.hash).toBe(b.hash);
  });
});

describe('segments', () => {
  it('round-trip through their encoding, one line per event', () => {
    const first = chainEvent({ at: '2025-03-01T10:00:00Z', type: 'a' }, 1, GENESIS_HASH);
    const second = chainEvent({ at: '2025-03-01T10:00:01Z', type: 'b' }, 2, first.hash);
    const bytes = encodeSegment([first, second]);
    expect(new TextDecoder().decode(bytes).split('\n')).toHaveLength(3);
    expect(decodeSegment(bytes)).toEqual([
      { ok: true, event: first },
      { ok: true, event: second },
    ]);
  });

  it('report a line with an extra member, or bytes that are not UTF-8', () => {
    const event = chainEvent({ at: '2025-03-01T10:00:00Z', type: 'a' }, 1, GENESIS_HASH);
    const smuggled = new TextEncoder().encode(`${canonicalJson({ ...event, bsn: 'x' })}\n`);
    expect(decodeSegment(smuggled)?.[0]?.ok).toBe(false);
    expect(decodeSegment(new Uint8Array([0xff, 0xfe]))).toBeUndefined();
  });
});

describe('key layout', () => {
  it('fans raw keys out by the first hash bytes and pads segment keys to sort in chain order', () => {
    expect(rawKey('ab'.repeat(32))).toBe(`raw/ab/ab/${'ab'.repeat(32)}`);
    expect(segmentKey(1001)).toBe('audit/segments/0000000000001001.jsonl');
    expect(segmentFirstSeq(segmentKey(1001))).toBe(1001);
    expect(segmentFirstSeq('audit/segments/../x.jsonl')).toBeUndefined();
    expect(segmentKey(2) < segmentKey(10)).toBe(true);
  });
});
