/**
 * Minimal valid messages in the canonical JSON form (the `Bericht` object), one per heen message and
 * standard, for the CD/CS rule tests. Each passes every CD/CS rule and validates against the project's
 * XSDs (checked in cdcs.test.ts); a test copies one, edits the few elements its rule is about and expects
 * exactly that rule to fail. All persons are invented; the BSN is a test number that passes the elfproef.
 */
import type { MessageNumber, StandardId } from '../../src/standard/model.js';
import { m301 } from '../../src/standard/messages/m301.js';
import { m305 } from '../../src/standard/messages/m305.js';
import { m307 } from '../../src/standard/messages/m307.js';
import { m315 } from '../../src/standard/messages/m315.js';
import { m317 } from '../../src/standard/messages/m317.js';
import { m319 } from '../../src/standard/messages/m319.js';
import { m323 } from '../../src/standard/messages/m323.js';
import { m325 } from '../../src/standard/messages/m325.js';

/** A mutable JSON element, so tests can edit a copy in place. */
export interface Node {
  [name: string]: Value;
}
export type Value = string | number | Node | Node[] | string[];

/** The heen messages the CD/CS rules apply to. */
export type BuiltMessage = '301' | '305' | '307' | '315' | '317' | '319' | '323' | '325';

export const BUILT_MESSAGES: readonly BuiltMessage[] = [
  '301',
  '305',
  '307',
  '315',
  '317',
  '319',
  '323',
  '325',
];

/** A test BSN (the 9999xxxxx range) that passes the elfproef. */
export const BSN = '999900006';

const GEMEENTE = '0384';
const AANBIEDER = '42420001';
export const DAGTEKENING = '2026-04-10';

/** Product categories differ per standard (iWmo 01-18, iJw 31-55); codes are free text of at most 5. */
const CATEGORIE: Record<StandardId, string> = { iwmo: '02', ijw: '45' };
const PRODUCT_CODE: Record<StandardId, string> = { iwmo: '02A01', ijw: '45A01' };

const DEFS = { m301, m305, m307, m315, m317, m319, m323, m325 };

export function messageName(number: MessageNumber, standard: StandardId): string {
  return `${standard === 'iwmo' ? 'WMO' : 'JW'}${number}`;
}

function header(number: BuiltMessage, standard: StandardId, from: string, to: string): Node {
  return {
    BerichtCode: DEFS[`m${number}`].berichtCode[standard],
    BerichtVersie: 3,
    BerichtSubversie: 2,
    Afzender: from,
    Ontvanger: to,
    BerichtIdentificatie: { Identificatie: `TEST${number}000001`.slice(0, 12), Dagtekening: DAGTEKENING },
    XsdVersie: { BasisschemaXsdVersie: '1.0.0', BerichtXsdVersie: '1.0.0' },
  };
}

export function product(standard: StandardId): Node {
  return { Categorie: CATEGORIE[standard], Code: PRODUCT_CODE[standard] };
}

/** Two hours per week. */
export function omvang(): Node {
  return { Volume: 2, Eenheid: '04', Frequentie: '2' };
}

function naam(): Node {
  return { Geslachtsnaam: { Achternaam: 'Proefpersoon' }, NaamGebruik: '1' };
}

/** A Dutch address (LandCode NL) with Huisnummer and a well-formed Postcode. */
export function adres(): Node {
  return {
    Huis: { Huisnummer: 1 },
    Postcode: '1234AB',
    Straatnaam: 'Proefstraat',
    Plaatsnaam: 'Proefdorp',
    LandCode: 'NL',
  };
}

/** A Relatie of the 301, for the rules that also look at the Relatie's Naam, Geboortedatum and Contact. */
export function relatie(): Node {
  return {
    Nummer: '1',
    Soort: '10',
    Geboortedatum: { Datum: '1980-06-15' },
    Naam: { Geslachtsnaam: { Achternaam: 'Proefouder' }, NaamGebruik: '1' },
    Contact: { Soort: '01', Adres: adres() },
  };
}

function client301(standard: StandardId): Node {
  return {
    Bsn: BSN,
    Geboortedatum: { Datum: '2010-02-14' },
    Geslacht: '1',
    Naam: naam(),
    Contactgegevens: { Contact: [{ Soort: '01', Adres: adres() }] },
    ToegewezenProducten: {
      ToegewezenProduct: [
        {
          ToewijzingNummer: '1001',
          Product: product(standard),
          Toewijzingsdatum: '2026-04-01',
          Toewijzingstijd: '12:00:00',
          Ingangsdatum: '2026-04-01',
          Einddatum: '2026-12-31',
          Omvang: omvang(),
        },
      ],
    },
  };
}

function verkorteNaam(): Node {
  return { Geslachtsnaam: { Achternaam: 'Proefpersoon' } };
}

function client305(standard: StandardId): Node {
  return {
    Bsn: BSN,
    Geboortedatum: { Datum: '2010-02-14' },
    Geslacht: '1',
    Naam: verkorteNaam(),
    StartProducten: {
      StartProduct: [
        {
          ToewijzingNummer: '1001',
          Product: product(standard),
          ToewijzingIngangsdatum: '2026-04-01',
          Begindatum: '2026-04-01',
          StatusAanlevering: '1',
        },
      ],
    },
  };
}

function client307(standard: StandardId): Node {
  return {
    Bsn: BSN,
    Geboortedatum: { Datum: '2010-02-14' },
    Geslacht: '1',
    Naam: verkorteNaam(),
    StopProducten: {
      StopProduct: [
        {
          ToewijzingNummer: '1001',
          Product: product(standard),
          ToewijzingIngangsdatum: '2026-04-01',
          Begindatum: '2026-04-01',
          RedenBeeindiging: '02',
          Einddatum: '2026-04-08',
          StatusAanlevering: '1',
        },
      ],
    },
  };
}

function client315(standard: StandardId): Node {
  return {
    Bsn: BSN,
    Geboortedatum: { Datum: '2010-02-14' },
    Geslacht: '1',
    Naam: verkorteNaam(),
    AangevraagdeProducten: {
      AangevraagdProduct: [
        {
          ReferentieAanbieder: 'VOT-0001',
          Product: product(standard),
          ToewijzingIngangsdatum: '2026-05-01',
          ToewijzingEinddatum: '2026-12-31',
          Omvang: omvang(),
          Verwijzer: { Type: '01', Naam: 'Gemeente Proefdorp' },
        },
      ],
    },
  };
}

function client317(standard: StandardId): Node {
  return {
    Bsn: BSN,
    Verzoek: {
      ReferentieAanbieder: 'VOW-0001',
      RedenVerzoek: '1',
      TeWijzigenProducten: {
        TeWijzigenProduct: [
          {
            ToewijzingNummer: '1001',
            GewensteIngangsdatum: '2026-05-01',
            Einddatum: '2026-12-31',
            Omvang: omvang(),
          },
        ],
      },
      NieuweProducten: {
        NieuwProduct: [
          {
            Product: product(standard),
            GewensteIngangsdatum: '2026-05-01',
            Einddatum: '2026-12-31',
            Omvang: omvang(),
          },
        ],
      },
    },
  };
}

/** A debit Prestatie for March 2026: two hours at 25 euro. */
export function prestatie(standard: StandardId): Node {
  return {
    ProductReferentie: { ReferentieNummer: 'PR-0001' },
    ToewijzingNummer: '1001',
    ProductCategorie: CATEGORIE[standard],
    ProductCode: PRODUCT_CODE[standard],
    ProductPeriode: { Begindatum: '2026-03-01', Einddatum: '2026-03-31' },
    GeleverdVolume: 2,
    Eenheid: '04',
    ProductTarief: 2500,
    IngediendBedrag: { Bedrag: 5000, DebetCredit: 'D' },
  };
}

function declaratie(standard: StandardId): Node {
  return {
    DeclaratieNummer: 'DECL0001',
    DeclaratiePeriode: { Begindatum: '2026-03-01', Einddatum: '2026-03-31' },
    DeclaratieDagtekening: DAGTEKENING,
    TotaalIngediendBedrag: { TotaalBedrag: 5000, DebetCredit: 'D' },
    Clienten: { Client: [{ Bsn: BSN, Prestaties: { Prestatie: [prestatie(standard)] } }] },
  };
}

/** The answer to `declaratie`: its one Prestatie rejected (9338, no toewijzing), so nothing is granted. */
function declaratieAntwoord(standard: StandardId): Node {
  return {
    DeclaratieNummer: 'DECL0001',
    TotaalIngediendBedrag: { TotaalBedrag: 5000, DebetCredit: 'D' },
    TotaalToegekendBedrag: { TotaalBedrag: 0, DebetCredit: 'D' },
    Clienten: {
      Client: [
        {
          Bsn: BSN,
          Prestaties: { Prestatie: [{ ...prestatie(standard), RetourCodes: { RetourCode: ['9338'] } }] },
          RetourCodes: { RetourCode: ['0200'] },
        },
      ],
    },
    RetourCodes: { RetourCode: ['0200'] },
  };
}

/** A fresh, independent `Bericht` of the given message and standard. */
export function bericht(number: BuiltMessage, standard: StandardId): Node {
  switch (number) {
    case '301':
      return { Header: header(number, standard, GEMEENTE, AANBIEDER), Client: client301(standard) };
    case '305':
      return { Header: header(number, standard, AANBIEDER, GEMEENTE), Client: client305(standard) };
    case '307':
      return { Header: header(number, standard, AANBIEDER, GEMEENTE), Client: client307(standard) };
    case '315':
      return { Header: header(number, standard, AANBIEDER, GEMEENTE), Client: client315(standard) };
    case '317':
      return { Header: header(number, standard, AANBIEDER, GEMEENTE), Client: client317(standard) };
    case '319':
      return {
        Header: header(number, standard, GEMEENTE, AANBIEDER),
        Antwoord: { ReferentieAanbieder: 'VOT-0001', VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '4' },
      };
    case '323':
      return { Header: header(number, standard, AANBIEDER, GEMEENTE), Declaratie: declaratie(standard) };
    case '325':
      return {
        Header: {
          ...header(number, standard, GEMEENTE, AANBIEDER),
          DeclaratieIdentificatie: { Identificatie: 'TEST32300001', Dagtekening: DAGTEKENING },
          XsdVersieDeclaratie: { BasisschemaXsdVersie: '1.0.0', BerichtXsdVersie: '1.0.0' },
          RetourCodes: { RetourCode: ['0200'] },
        },
        DeclaratieAntwoord: declaratieAntwoord(standard),
      };
  }
}

/**
 * The element at a dotted path in a message (`Client.ToegewezenProducten.ToegewezenProduct.0`, numbers
 * index arrays), for editing; throws when the path does not lead to an element, so a test cannot edit
 * thin air and pass by accident.
 */
export function at(root: Node, path: string): Node {
  let current: Value = root;
  for (const step of path.split('.')) {
    const next: Value | undefined = Array.isArray(current)
      ? (current as Value[])[Number(step)]
      : typeof current === 'object'
        ? current[step]
        : undefined;
    if (next === undefined) throw new Error(`no element at ${path} (stopped at ${step})`);
    current = next;
  }
  if (typeof current !== 'object' || Array.isArray(current)) throw new Error(`${path} is not an element`);
  return current;
}
