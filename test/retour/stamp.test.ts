/** IdentificatieRetour and DagtekeningRetour: the generator and the Amsterdam calendar date. */
import { describe, expect, it } from 'vitest';
import { amsterdamDate } from '../../src/retour/dagtekening.js';
import { createIdentificatieGenerator } from '../../src/retour/identificatie.js';
import { fixedBuilder, fixture, load } from './support.js';
import { MessageValidator } from '../../src/validation/validator.js';
import { RetourBuilder } from '../../src/retour/builder.js';

describe('amsterdamDate', () => {
  const cases: [string, string][] = [
    ['2026-06-30T21:59:59Z', '2026-06-30'], // 23:59:59 CEST
    ['2026-06-30T22:00:00Z', '2026-07-01'], // midnight CEST: UTC still says 30 June
    ['2026-12-31T22:59:59Z', '2026-12-31'], // 23:59:59 CET
    ['2026-12-31T23:00:00Z', '2027-01-01'], // midnight CET: a new year in Amsterdam only
    ['2026-03-29T00:30:00Z', '2026-03-29'], // the night clocks go forward
    ['2026-10-24T22:30:00Z', '2026-10-25'], // the night clocks go back
  ];
  for (const [instant, date] of cases) {
    it(`${instant} is ${date} in Amsterdam`, () => {
      expect(amsterdamDate(new Date(instant))).toBe(date);
    });
  }
});

describe('createIdentificatieGenerator', () => {
  it('makes 12-character base36 ids, fitting LDT_IdentificatieBericht', () => {
    const next = createIdentificatieGenerator();
    for (let i = 0; i < 100; i++) expect(next()).toMatch(/^[0-9a-z]{12}$/);
  });

  it('is time-ordered and never repeats, also many ids in one millisecond and a clock set back', () => {
    let clock = Date.parse('2026-11-20T12:00:00Z');
    const next = createIdentificatieGenerator({ now: () => clock });
    const ids: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      if (i % 10_000 === 0) clock += 1;
      if (i === 25_000) clock -= 60_000; // NTP step back: ids must keep increasing
      ids.push(next());
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('borrows the next millisecond when one millisecond runs out of tails', () => {
    const next = createIdentificatieGenerator({ now: () => 1_000, random: (max) => max - 2 });
    const ids = [next(), next(), next()];
    expect(ids[0]?.slice(0, 8)).toBe((1_000).toString(36).padStart(8, '0'));
    expect(ids[1]?.slice(0, 8)).toBe(ids[0]?.slice(0, 8));
    expect(ids[2]?.slice(0, 8)).toBe((1_001).toString(36).padStart(8, '0'));
    expect([...ids].sort()).toEqual(ids);
  });

  it('starts the random tail at a random point, so two generators rarely meet', () => {
    const a = createIdentificatieGenerator({ now: () => 5 });
    const b = createIdentificatieGenerator({ now: () => 5 });
    const tails = new Set(
      Array.from({ length: 20 }, () => createIdentificatieGenerator({ now: () => 5 })().slice(8)),
    );
    expect(a()).not.toBe(b());
    expect(tails.size).toBeGreaterThan(15);
  });
});

describe('the builder uses its injected clock and generator', () => {
  it('writes them into the retour header; the default generator also fits the schema', () => {
    const validator = new MessageValidator();
    try {
      const heen = load(validator, fixture('ijw-3.2/valid/JW305.xml'));
      const retour = fixedBuilder({ id: 'X', now: new Date('2026-06-30T22:15:00Z') }).build(heen);
      expect(retour.json.Bericht.Header).toMatchObject({
        IdentificatieRetour: 'X',
        DagtekeningRetour: '2026-07-01',
      });
      const ids = new RetourBuilder();
      const first = ids.build(heen).json.Bericht.Header as Record<string, unknown>;
      const second = ids.build(heen).json.Bericht.Header as Record<string, unknown>;
      expect(first.IdentificatieRetour).toMatch(/^[0-9a-z]{12}$/);
      expect(second.IdentificatieRetour).not.toBe(first.IdentificatieRetour);
      expect(first.DagtekeningRetour).toBe(amsterdamDate(new Date()));
      expect(validator.validate(Buffer.from(retour.xml), 'JW306').verdict).toBe('accepted');
    } finally {
      validator.dispose();
    }
  });
});
