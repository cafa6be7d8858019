import { describe, expect, it } from 'vitest';
import { canSee, canSubmit, type Principal } from '../../src/routing/access.js';

const operator: Principal = { kind: 'operator', label: 'ops' };
const gemeente: Principal = { kind: 'party', code: '0363', label: 'regie-0363' };
const otherGemeente: Principal = { kind: 'party', code: '0599', label: 'regie-0599' };
const aanbieder: Principal = { kind: 'partner', code: '87654321', label: 'zorg-bv' };

/** Header codes as stored: a retour keeps its heen's order, so 302 reads like the 301 it answers. */
const messages = {
  '301 from 0363': { afzender: '0363', ontvanger: '87654321' },
  '302 answering it': { afzender: '0363', ontvanger: '87654321' },
  '305 to 0363': { afzender: '87654321', ontvanger: '0363' },
  '305 to 0599': { afzender: '87654321', ontvanger: '0599' },
  '301 between others': { afzender: '0599', ontvanger: '11112222' },
  'unreadable from 0363': { afzender: null, ontvanger: null, submittedBy: '0363' },
  'unreadable, submitter unknown': { afzender: null, ontvanger: null },
} as const;

const MATRIX: Record<keyof typeof messages, [operator: boolean, g: boolean, other: boolean, a: boolean]> = {
  '301 from 0363': [true, true, false, true],
  '302 answering it': [true, true, false, true],
  '305 to 0363': [true, true, false, true],
  '305 to 0599': [true, false, true, true],
  '301 between others': [true, false, true, false],
  'unreadable from 0363': [true, true, false, false],
  'unreadable, submitter unknown': [true, false, false, false],
};

describe('canSee', () => {
  it.each(Object.entries(MATRIX))('%s', (name, expected) => {
    const message = messages[name as keyof typeof messages];
    expect([operator, gemeente, otherGemeente, aanbieder].map((p) => canSee(p, message))).toEqual(expected);
  });
});

describe('canSubmit', () => {
  it('lets a party send only as itself, outbound', () => {
    expect(canSubmit(gemeente, { direction: 'outbound', sender: '0363' })).toBe(true);
    expect(canSubmit(gemeente, { direction: 'outbound', sender: '0599' })).toBe(false);
    expect(canSubmit(gemeente, { direction: 'inbound', sender: '0363' })).toBe(false);
  });

  it('lets a partner deliver only as itself, inbound', () => {
    expect(canSubmit(aanbieder, { direction: 'inbound', sender: '87654321' })).toBe(true);
    expect(canSubmit(aanbieder, { direction: 'inbound', sender: '11112222' })).toBe(false);
    expect(canSubmit(aanbieder, { direction: 'outbound', sender: '87654321' })).toBe(false);
  });

  it('lets the operator submit nothing', () => {
    expect(canSubmit(operator, { direction: 'outbound', sender: '0363' })).toBe(false);
    expect(canSubmit(operator, { direction: 'inbound', sender: '87654321' })).toBe(false);
  });
});
