import { describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../../src/routing/router.js';
import type { RoutingTable } from '../../src/routing/table.js';
import type { MessageNumber, StandardId } from '../../src/standard/model.js';
import { AANBIEDER, aanbiederSide, GEMEENTE, gemeenteSide, parse } from './tables.js';

/**
 * Every message as it appears on the wire between gemeente 0363 and aanbieder 87654321: the header as
 * FACTS §1 prescribes (a retour keeps its heen's Afzender/Ontvanger), and who really sends it to whom.
 */
const WIRE: readonly {
  number: MessageNumber;
  afzender: string;
  ontvanger: string;
  from: string;
  to: string;
}[] = [
  { number: '301', afzender: GEMEENTE, ontvanger: AANBIEDER, from: GEMEENTE, to: AANBIEDER },
  { number: '302', afzender: GEMEENTE, ontvanger: AANBIEDER, from: AANBIEDER, to: GEMEENTE },
  { number: '305', afzender: AANBIEDER, ontvanger: GEMEENTE, from: AANBIEDER, to: GEMEENTE },
  { number: '306', afzender: AANBIEDER, ontvanger: GEMEENTE, from: GEMEENTE, to: AANBIEDER },
  { number: '307', afzender: AANBIEDER, ontvanger: GEMEENTE, from: AANBIEDER, to: GEMEENTE },
  { number: '308', afzender: AANBIEDER, ontvanger: GEMEENTE, from: GEMEENTE, to: AANBIEDER },
  { number: '315', afzender: AANBIEDER, ontvanger: GEMEENTE, from: AANBIEDER, to: GEMEENTE },
  { number: '316', afzender: AANBIEDER, ontvanger: GEMEENTE, from: GEMEENTE, to: AANBIEDER },
  { number: '317', afzender: AANBIEDER, ontvanger: GEMEENTE, from: AANBIEDER, to: GEMEENTE },
  { number: '318', afzender: AANBIEDER, ontvanger: GEMEENTE, from: GEMEENTE, to: AANBIEDER },
  { number: '319', afzender: GEMEENTE, ontvanger: AANBIEDER, from: GEMEENTE, to: AANBIEDER },
  { number: '320', afzender: GEMEENTE, ontvanger: AANBIEDER, from: AANBIEDER, to: GEMEENTE },
  { number: '323', afzender: AANBIEDER, ontvanger: GEMEENTE, from: AANBIEDER, to: GEMEENTE },
  { number: '325', afzender: GEMEENTE, ontvanger: AANBIEDER, from: GEMEENTE, to: AANBIEDER },
];

const SIDES: readonly { we: string; partner: string; router: Router }[] = [
  { we: GEMEENTE, partner: AANBIEDER, router: createRouter(parse(gemeenteSide())) },
  { we: AANBIEDER, partner: GEMEENTE, router: createRouter(parse(aanbiederSide())) },
];

const CASES = (['iwmo', 'ijw'] as const).flatMap((standard) =>
  WIRE.flatMap((wire) => SIDES.map((side) => ({ standard, wire, side }))),
);

describe('every message, both standards, both sides', () => {
  it.each(CASES)('$standard $wire.number with us = $side.we', ({ standard, wire, side }) => {
    const message = { standard, number: wire.number, afzender: wire.afzender, ontvanger: wire.ontvanger };
    const inbound = side.router.routeInbound(message);
    const outbound = side.router.routeOutbound(message);
    if (wire.to === side.we) {
      // It comes to us: inbound to our party's back-office; we would never send it.
      expect(inbound).toMatchObject({ kind: 'ours', party: { code: side.we }, sender: side.partner });
      expect(inbound.kind === 'ours' && inbound.partner?.code).toBe(side.partner);
      expect(inbound.kind === 'ours' && inbound.backOffice.length).toBe(1);
      expect(outbound).toMatchObject({ kind: 'unroutable', reason: 'not-ours' });
    } else {
      // We send it: outbound to the partner's channel endpoint; it is not addressed to us.
      expect(outbound).toMatchObject({
        kind: 'partner',
        party: { code: side.we },
        partner: { code: side.partner },
      });
      expect(inbound).toMatchObject({ kind: 'unroutable', reason: 'not-ours' });
    }
  });
});

describe('routeInbound', () => {
  it('gives the back-office destinations of the receiving party', () => {
    const route = SIDES[0]!.router.routeInbound({
      standard: 'ijw',
      number: '305',
      afzender: AANBIEDER,
      ontvanger: GEMEENTE,
    });
    expect(route).toMatchObject({ kind: 'ours', backOffice: [{ kind: 'queue', name: 'backoffice.0363' }] });
  });

  it('sends a message to every destination that selects it, by number and standard', () => {
    const table = gemeenteSide();
    const party = (table as { parties: Record<string, unknown>[] }).parties[0]!;
    party.backOffice = [
      { kind: 'queue', name: 'wmo.regie', messages: 'all', standards: ['iwmo'] },
      { kind: 'queue', name: 'jeugd.regie', messages: 'all', standards: ['ijw'] },
      { kind: 'webhook', url: 'https://declaraties.example/in', messages: ['323'] },
    ];
    const router = createRouter(parse(table));
    const names = (standard: StandardId, number: MessageNumber): string[] => {
      const route = router.routeInbound({ standard, number, afzender: AANBIEDER, ontvanger: GEMEENTE });
      if (route.kind !== 'ours') throw new Error(route.detail);
      return route.backOffice.map((d) => (d.kind === 'queue' ? d.name : d.url));
    };
    expect(names('iwmo', '305')).toEqual(['wmo.regie']);
    expect(names('ijw', '305')).toEqual(['jeugd.regie']);
    expect(names('ijw', '323')).toEqual(['jeugd.regie', 'https://declaraties.example/in']);
  });

  it('routes a heen message from a sender that is not a configured partner, without a partner', () => {
    const route = SIDES[0]!.router.routeInbound({
      standard: 'iwmo',
      number: '315',
      afzender: '11112222',
      ontvanger: GEMEENTE,
    });
    expect(route).toMatchObject({ kind: 'ours', sender: '11112222', partner: undefined });
  });

  it('refuses a receiver we do not represent', () => {
    const route = SIDES[0]!.router.routeInbound({
      standard: 'iwmo',
      number: '305',
      afzender: AANBIEDER,
      ontvanger: '0599',
    });
    expect(route).toEqual({
      kind: 'unroutable',
      reason: 'not-ours',
      detail: '305 is for 0599, not a party this gateway represents',
    });
  });

  it('refuses a retour whose header names our party only as the (heen) Ontvanger', () => {
    // A 302 with header Afzender 0599 / Ontvanger 87654321 answers gemeente 0599's 301, not us.
    const route = SIDES[0]!.router.routeInbound({
      standard: 'iwmo',
      number: '302',
      afzender: '0599',
      ontvanger: AANBIEDER,
    });
    expect(route).toMatchObject({ kind: 'unroutable', reason: 'not-ours' });
  });

  it('refuses a standard the party does not use', () => {
    const table = gemeenteSide();
    (table as { parties: Record<string, unknown>[] }).parties[0]!.standards = ['iwmo'];
    const route = createRouter(parse(table)).routeInbound({
      standard: 'ijw',
      number: '305',
      afzender: AANBIEDER,
      ontvanger: GEMEENTE,
    });
    expect(route).toMatchObject({ kind: 'unroutable', reason: 'standard-not-used' });
  });

  it('refuses codes that do not fit the message (a gemeentecode where an AGB code belongs)', () => {
    const route = SIDES[0]!.router.routeInbound({
      standard: 'iwmo',
      number: '305',
      afzender: '0599',
      ontvanger: GEMEENTE,
    });
    expect(route).toMatchObject({ kind: 'unroutable', reason: 'invalid-party-code' });
  });

  it('refuses an unknown message number', () => {
    const route = SIDES[0]!.router.routeInbound({
      standard: 'iwmo',
      number: '324' as MessageNumber,
      afzender: AANBIEDER,
      ontvanger: GEMEENTE,
    });
    expect(route).toMatchObject({ kind: 'unroutable', reason: 'unknown-message' });
  });

  it('reports a party without a destination rather than dropping (tables built outside parseRoutingTable)', () => {
    const table = parse(gemeenteSide());
    const bare: RoutingTable = { ...table, parties: [{ ...table.parties[0]!, backOffice: [] }] };
    const route = createRouter(bare).routeInbound({
      standard: 'iwmo',
      number: '305',
      afzender: AANBIEDER,
      ontvanger: GEMEENTE,
    });
    expect(route).toMatchObject({ kind: 'unroutable', reason: 'no-back-office' });
  });
});

describe('routeOutbound', () => {
  it('gives the partner and its channel endpoint, overrides included', () => {
    const route = SIDES[1]!.router.routeOutbound({
      standard: 'ijw',
      number: '305',
      afzender: AANBIEDER,
      ontvanger: GEMEENTE,
    });
    expect(route).toMatchObject({
      kind: 'partner',
      partner: { code: GEMEENTE },
      endpoint: { kind: 'http', url: 'https://gateway.amsterdam.example/berichten', maxAttempts: 7 },
    });
  });

  it('sends a retour back to the sender of the heen', () => {
    // We are 0363 and answer the aanbieder's 315 with a 316; its header still reads Afzender = AGB.
    const route = SIDES[0]!.router.routeOutbound({
      standard: 'ijw',
      number: '316',
      afzender: AANBIEDER,
      ontvanger: GEMEENTE,
    });
    expect(route).toMatchObject({ kind: 'partner', party: { code: GEMEENTE }, partner: { code: AANBIEDER } });
  });

  it('refuses a sender that is not one of our parties', () => {
    const route = SIDES[0]!.router.routeOutbound({
      standard: 'iwmo',
      number: '301',
      afzender: '0599',
      ontvanger: AANBIEDER,
    });
    expect(route).toMatchObject({ kind: 'unroutable', reason: 'not-ours' });
  });

  it('refuses a receiver that is not a configured partner', () => {
    const route = SIDES[0]!.router.routeOutbound({
      standard: 'iwmo',
      number: '301',
      afzender: GEMEENTE,
      ontvanger: '11112222',
    });
    expect(route).toEqual({
      kind: 'unroutable',
      reason: 'unknown-partner',
      detail: '301 is for 11112222, which is not a configured partner',
    });
  });

  it('refuses a standard the party or the partner does not use', () => {
    const table = gemeenteSide() as {
      parties: Record<string, unknown>[];
      partners: Record<string, unknown>[];
    };
    table.partners[0]!.standards = ['iwmo'];
    const router = createRouter(parse(table));
    const message = { number: '301', afzender: GEMEENTE, ontvanger: AANBIEDER } as const;
    expect(router.routeOutbound({ ...message, standard: 'iwmo' })).toMatchObject({ kind: 'partner' });
    expect(router.routeOutbound({ ...message, standard: 'ijw' })).toMatchObject({
      kind: 'unroutable',
      reason: 'partner-standard-not-used',
    });

    table.parties[0]!.standards = ['ijw'];
    table.partners[0]!.standards = ['iwmo', 'ijw'];
    expect(createRouter(parse(table)).routeOutbound({ ...message, standard: 'iwmo' })).toMatchObject({
      kind: 'unroutable',
      reason: 'standard-not-used',
    });
  });
});
