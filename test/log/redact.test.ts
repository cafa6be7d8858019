import { describe, expect, it } from 'vitest';
import { redact, REDACTED, scrubText } from '../../src/log/redact.js';

describe('log redaction', () => {
  it('drops fields that carry personal data, whatever their nesting or case', () => {
    const out = redact({
      messageId: 'abc',
      Bsn: '999900006',
      client: { naam: 'x' },
      nested: [{ Geboortedatum: { Datum: '2010-02-14' }, Postcode: '1234AB', verdict: 'accepted' }],
    });
    expect(out).toEqual({
      messageId: 'abc',
      Bsn: REDACTED,
      client: REDACTED,
      nested: [{ Geboortedatum: REDACTED, Postcode: REDACTED, verdict: 'accepted' }],
    });
  });

  it('scrubs BSN-like digit runs and dates from free text, keeps short numbers', () => {
    expect(scrubText('bsn 999900006 in bericht 436, born 2010-02-14 or 14-02-2010')).toBe(
      `bsn ${REDACTED} in bericht 436, born ${REDACTED} or ${REDACTED}`,
    );
  });

  it('keeps error codes and scrubs error messages', () => {
    const error = Object.assign(new Error('value 999900006 refused'), { code: 'X1' });
    expect(redact({ error })).toEqual({
      error: { name: 'Error', message: `value ${REDACTED} refused`, code: 'X1' },
    });
  });

  it('treats large integers as possible BSNs and survives cycles', () => {
    const cyclic: Record<string, unknown> = { n: 999900006, small: 42 };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ n: REDACTED, small: 42, self: '[cycle]' });
  });
});
