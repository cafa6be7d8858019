import { describe, expect, it } from 'vitest';
import type { JsonElement } from '../../src/rules/types.js';
import { atRoot, child, children, descend, has, int, leaf, text, values } from '../../src/rules/walk.js';

const bericht: JsonElement = {
  Header: { BerichtIdentificatie: { Identificatie: 'X1', Dagtekening: '2026-04-01' }, BerichtVersie: 3 },
  Client: {
    Bsn: '999900006',
    ToegewezenProducten: {
      ToegewezenProduct: [
        { ToewijzingNummer: '1', Product: { Categorie: '45', Code: '45A01' } },
        { ToewijzingNummer: '2' },
      ],
    },
    Contactgegevens: { Contact: [{ Soort: '01' }] },
  },
  DeclaratieAntwoord: { RetourCodes: { RetourCode: ['0200', '8001'] } },
};

const root = atRoot(bericht);

describe('locations', () => {
  it('start at /Bericht and use local names', () => {
    expect(child(root, 'Header')?.path).toBe('/Bericht/Header');
    expect(leaf(child(root, 'Client')!, 'Bsn')).toBe('/Bericht/Client/Bsn');
  });

  it('index every element that may repeat, 1-based, even when it occurs once', () => {
    expect(descend(root, 'Client', 'ToegewezenProducten', 'ToegewezenProduct').map((n) => n.path)).toEqual([
      '/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]',
      '/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]',
    ]);
    expect(descend(root, 'Client', 'Contactgegevens', 'Contact').map((n) => n.path)).toEqual([
      '/Bericht/Client/Contactgegevens/Contact[1]',
    ]);
  });

  it('fan out through repeats and stop at absent elements', () => {
    expect(
      descend(root, 'Client', 'ToegewezenProducten', 'ToegewezenProduct', 'Product').map((n) => n.path),
    ).toEqual(['/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Product']);
    expect(descend(root, 'Client', 'Relaties', 'Relatie')).toEqual([]);
    expect(children(root, 'Antwoord')).toEqual([]);
  });
});

describe('values', () => {
  it('reads strings, integers as strings, and nested paths', () => {
    const header = child(root, 'Header')!.el;
    expect(text(header, 'BerichtIdentificatie', 'Dagtekening')).toBe('2026-04-01');
    expect(text(header, 'BerichtVersie')).toBe('3');
    expect(int(header, 'BerichtVersie')).toBe(3);
    expect(text(header, 'BerichtIdentificatie', 'Nope')).toBeUndefined();
    expect(text(header, 'BerichtIdentificatie')).toBeUndefined();
    expect(int(header, 'BerichtIdentificatie', 'Identificatie')).toBeUndefined();
  });

  it('tells presence and reads repeated simple values', () => {
    const client = child(root, 'Client')!.el;
    expect(has(client, 'Bsn')).toBe(true);
    expect(has(client, 'Relaties')).toBe(false);
    const codes = descend(root, 'DeclaratieAntwoord', 'RetourCodes')[0]!.el;
    expect(values(codes, 'RetourCode')).toEqual(['0200', '8001']);
    expect(values({ RetourCode: '0001' }, 'RetourCode')).toEqual(['0001']);
  });
});
