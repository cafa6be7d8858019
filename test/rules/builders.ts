/**
 * Minimal messages in canonical JSON form, one per heen message (and the 325) for both standards, that
 * pass every level-2 rule; tests change one thing and expect exactly one finding. Values are invented test
 * data (BSN 999900006 and 999900018 are test numbers that pass the elfproef).
 *
 * `node(message, 'Client/ToegewezenProducten/ToegewezenProduct[2]')` reaches into a message with the same
 * location syntax the rules report (1-based indexes on repeated elements), so tests read like the findings.
 */
import type { MessageNumber, StandardId } from '../../src/standard/model.js';
import type { JsonElement, RuleContext } from '../../src/rules/types.js';

export type Node = { [name: string]: unknown };

export const BSN = '999900006';
export const BSN_2 = '999900018';
export const DAGTEKENING = '2026-04-01';

interface Products {
  /** A plain product category, a second one, and (iWmo only) a hulpmiddelen category. */
  readonly category: string;
  readonly otherCategory: string;
  readonly code: string;
  readonly otherCode: string;
}

export const PRODUCTS: Readonly<Record<StandardId, Products>> = {
  iwmo: { category: '02', otherCategory: '07', code: '02A01', otherCode: '02A02' },
  ijw: { category: '45', otherCategory: '41', code: '45A01', otherCode: '45A02' },
};

const BERICHT_CODES: Readonly<Record<StandardId, Partial<Record<MessageNumber, string>>>> = {
  iwmo: {
    '301': '414',
    '305': '418',
    '307': '420',
    '315': '444',
    '317': '480',
    '319': '482',
    '323': '484',
    '325': '485',
  },
  ijw: {
    '301': '436',
    '305': '438',
    '307': '440',
    '315': '446',
    '317': '486',
    '319': '488',
    '323': '490',
    '325': '491',
  },
};

const GEMEENTE = '0384';
const AGB = '12345678';
const FROM_GEMEENTE: readonly MessageNumber[] = ['301', '319', '325'];

function header(standard: StandardId, number: MessageNumber, dagtekening = DAGTEKENING): Node {
  const fromGemeente = FROM_GEMEENTE.includes(number);
  return {
    BerichtCode: BERICHT_CODES[standard][number],
    BerichtVersie: 3,
    BerichtSubversie: 2,
    Afzender: fromGemeente ? GEMEENTE : AGB,
    Ontvanger: fromGemeente ? AGB : GEMEENTE,
    BerichtIdentificatie: { Identificatie: 'TEST0001', Dagtekening: dagtekening },
    XsdVersie: { BasisschemaXsdVersie: '1.0.0', BerichtXsdVersie: '1.0.0' },
  };
}

const geboortedatum = (): Node => ({ Datum: '2010-02-14' });
const verkorteNaam = (): Node => ({ Geslachtsnaam: { Achternaam: 'Test' } });
const omvang = (): Node => ({ Volume: 4, Eenheid: '04', Frequentie: '2' });

export function product(standard: StandardId, which: 'code' | 'otherCode' = 'code'): Node {
  const p = PRODUCTS[standard];
  return { Categorie: p.category, Code: p[which] };
}

export function contact(soort = '01'): Node {
  return { Soort: soort, Adres: { Huis: { Huisnummer: 1 }, Postcode: '1234AB', LandCode: 'NL' } };
}

export function toegewezenProduct(standard: StandardId, toewijzingNummer = '100001'): Node {
  return {
    ToewijzingNummer: toewijzingNummer,
    Product: product(standard),
    Toewijzingsdatum: '2026-03-30',
    Toewijzingstijd: '12:00:00',
    Ingangsdatum: '2026-04-01',
    Einddatum: '2026-12-31',
    Omvang: omvang(),
  };
}

export function aangevraagdProduct(standard: StandardId, referentie = 'REF-1'): Node {
  return {
    ReferentieAanbieder: referentie,
    Product: product(standard),
    ToewijzingIngangsdatum: '2026-05-01',
    ToewijzingEinddatum: '2026-12-31',
    Omvang: omvang(),
    Verwijzer: { Type: '01' },
  };
}

export function nieuwProduct(standard: StandardId): Node {
  return {
    Product: product(standard),
    GewensteIngangsdatum: '2026-05-01',
    Einddatum: '2026-12-31',
    Omvang: omvang(),
  };
}

export function prestatie(
  standard: StandardId,
  referentieNummer = 'RN001',
  bedrag = 12000,
  dc: 'D' | 'C' = 'D',
): Node {
  const p = PRODUCTS[standard];
  return {
    ProductReferentie: { ReferentieNummer: referentieNummer },
    ToewijzingNummer: '100001',
    ProductCategorie: p.category,
    ProductCode: p.code,
    ProductPeriode: { Begindatum: '2026-03-01', Einddatum: '2026-03-31' },
    GeleverdVolume: 4,
    Eenheid: '04',
    ProductTarief: bedrag / 4,
    IngediendBedrag: { Bedrag: bedrag, DebetCredit: dc },
  };
}

function body(standard: StandardId, number: MessageNumber): Node {
  switch (number) {
    case '301':
      return {
        Client: {
          Bsn: BSN,
          Geboortedatum: geboortedatum(),
          Geslacht: '1',
          Naam: { Geslachtsnaam: { Achternaam: 'Test' }, NaamGebruik: '1' },
          Contactgegevens: { Contact: [contact()] },
          ToegewezenProducten: { ToegewezenProduct: [toegewezenProduct(standard)] },
        },
      };
    case '305':
      return {
        Client: {
          Bsn: BSN,
          Geboortedatum: geboortedatum(),
          Geslacht: '1',
          Naam: verkorteNaam(),
          StartProducten: {
            StartProduct: [
              {
                ToewijzingNummer: '100001',
                Product: product(standard),
                ToewijzingIngangsdatum: '2026-03-01',
                Begindatum: '2026-03-15',
                StatusAanlevering: '1',
              },
            ],
          },
        },
      };
    case '307':
      return {
        Client: {
          Bsn: BSN,
          Geboortedatum: geboortedatum(),
          Geslacht: '1',
          Naam: verkorteNaam(),
          StopProducten: {
            StopProduct: [
              {
                ToewijzingNummer: '100001',
                Product: product(standard),
                ToewijzingIngangsdatum: '2026-03-01',
                Begindatum: '2026-03-15',
                RedenBeeindiging: '02',
                Einddatum: '2026-03-31',
                StatusAanlevering: '1',
              },
            ],
          },
        },
      };
    case '315':
      return {
        Client: {
          Bsn: BSN,
          Geboortedatum: geboortedatum(),
          Geslacht: '1',
          Naam: verkorteNaam(),
          AangevraagdeProducten: { AangevraagdProduct: [aangevraagdProduct(standard)] },
        },
      };
    case '317':
      return {
        Client: {
          Bsn: BSN,
          Verzoek: {
            ReferentieAanbieder: 'REF-2',
            RedenVerzoek: '1',
            OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: '100001' }] },
            NieuweProducten: { NieuwProduct: [nieuwProduct(standard)] },
          },
        },
      };
    case '319':
      return { Antwoord: { ReferentieAanbieder: 'REF-1', VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '4' } };
    case '323':
      return {
        Declaratie: {
          DeclaratieNummer: 'DN001',
          DeclaratiePeriode: { Begindatum: '2026-03-01', Einddatum: '2026-03-31' },
          DeclaratieDagtekening: '2026-04-01',
          TotaalIngediendBedrag: { TotaalBedrag: 12000, DebetCredit: 'D' },
          Clienten: { Client: [{ Bsn: BSN, Prestaties: { Prestatie: [prestatie(standard)] } }] },
        },
      };
    case '325':
      return {
        DeclaratieAntwoord: {
          DeclaratieNummer: 'DN001',
          TotaalIngediendBedrag: { TotaalBedrag: 24000, DebetCredit: 'D' },
          TotaalToegekendBedrag: { TotaalBedrag: 12000, DebetCredit: 'D' },
          Clienten: {
            Client: [
              {
                Bsn: BSN,
                Prestaties: {
                  Prestatie: [{ ...prestatie(standard, 'RN002'), RetourCodes: { RetourCode: ['9339'] } }],
                },
                RetourCodes: { RetourCode: ['0200'] },
              },
            ],
          },
          RetourCodes: { RetourCode: ['0200'] },
        },
      };
    default:
      throw new Error(`no builder for ${number}`);
  }
}

/** The heen messages (and the 325) that carry level-2 rules. */
export const RULE_MESSAGES: readonly MessageNumber[] = [
  '301',
  '305',
  '307',
  '315',
  '317',
  '319',
  '323',
  '325',
];

/** A fresh minimal valid `Bericht` of `number` in `standard`. */
export function build(standard: StandardId, number: MessageNumber): Node {
  const bericht: Node = { Header: header(standard, number), ...body(standard, number) };
  if (number === '325') {
    Object.assign(bericht.Header as Node, {
      DeclaratieIdentificatie: { Identificatie: 'TEST0000', Dagtekening: '2026-04-01' },
      XsdVersieDeclaratie: { BasisschemaXsdVersie: '1.0.0', BerichtXsdVersie: '1.0.0' },
      RetourCodes: { RetourCode: ['0200'] },
    });
    ((bericht.Header as Node).BerichtIdentificatie as Node).Dagtekening = '2026-04-10';
  }
  return bericht;
}

const STEP = /^([^[\]]+)(?:\[(\d+)\])?$/;

/**
 * The element at `path` (`Client/ToegewezenProducten/ToegewezenProduct[2]`, 1-based); a step without index
 * on an array takes its first item. Throws when the path does not exist, so a test cannot silently miss.
 */
export function node(root: Node, path: string): Node {
  let current: unknown = root;
  for (const step of path.split('/').filter((s) => s !== '')) {
    const match = STEP.exec(step);
    if (match === null || typeof current !== 'object' || current === null)
      throw new Error(`bad step ${step}`);
    const [, name = '', index] = match;
    let next: unknown = (current as Node)[name];
    if (Array.isArray(next)) next = next[index === undefined ? 0 : Number(index) - 1];
    if (next === undefined) throw new Error(`no ${step} in ${path}`);
    current = next;
  }
  return current as Node;
}

/** The array of repeated elements at `path` (`Client/ToegewezenProducten/ToegewezenProduct`). */
export function list(root: Node, path: string): Node[] {
  const slash = path.lastIndexOf('/');
  const parent = slash < 0 ? root : node(root, path.slice(0, slash));
  const value = parent[path.slice(slash + 1)];
  if (!Array.isArray(value)) throw new Error(`${path} is not a repeated element`);
  return value as Node[];
}

export function context(standard: StandardId, number: MessageNumber, bericht: Node): RuleContext {
  const prefix = standard === 'iwmo' ? 'WMO' : 'JW';
  return { standard, number, messageName: `${prefix}${number}`, bericht: bericht as JsonElement };
}

/** Location of the header Dagtekening, which many date rules report next to the date itself. */
export const DAGTEKENING_PATH = '/Bericht/Header/BerichtIdentificatie/Dagtekening';
