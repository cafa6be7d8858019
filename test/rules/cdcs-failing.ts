/**
 * Per CD/CS rule, edits of a minimal valid message that make exactly that rule fail (CD077 and CD078 only
 * together), with the locations the official XSLT reports.
 */
import { at } from './cdcs-builders.js';
import {
  TP,
  AP,
  TW,
  NP,
  C1,
  C2,
  R1,
  P323,
  P325,
  tp,
  ap,
  tw,
  np,
  contact1,
  p323,
  p325,
  verwijzer,
  put,
  addRelatie,
  addTijdelijkAdres,
  addBudget,
  toBudget,
  type FailingCase,
} from './cdcs-cases.js';

export const failing: readonly FailingCase[] = [
  // CD005
  {
    rule: 'CD005',
    message: '301',
    title: 'Postcode without LandCode',
    edit: (b) => delete at(contact1(b), 'Adres').LandCode,
    locations: [`${C1}/Adres/Postcode`],
  },
  {
    rule: 'CD005',
    message: '301',
    title: 'LandCode without Postcode, on the Contact of a Relatie',
    edit: (b) => {
      const contact = at(addRelatie(b), 'Contact');
      contact.Soort = '02';
      contact.Adres = { Huis: { Huisnummer: 7 }, Plaatsnaam: 'Brussel', LandCode: 'BE' };
    },
    locations: [`${R1}/Contact/Adres/LandCode`],
  },
  // CD007
  {
    rule: 'CD007',
    message: '301',
    title: 'Vorm 1 (tolk taal) without Taal',
    edit: (b) => put(at(b, 'Client'), 'Communicatie', { Vorm: '1' }, 'Contactgegevens'),
    locations: ['/Bericht/Client/Communicatie/Vorm'],
  },
  {
    rule: 'CD007',
    message: '301',
    title: 'Taal with Vorm 2',
    edit: (b) => put(at(b, 'Client'), 'Communicatie', { Vorm: '2', Taal: 'Zweeds' }, 'Contactgegevens'),
    locations: ['/Bericht/Client/Communicatie/Vorm', '/Bericht/Client/Communicatie/Taal'],
  },
  // CD009
  {
    rule: 'CD009',
    message: '301',
    title: 'Periode on a BRP-adres',
    edit: (b) => (contact1(b).Periode = { Begindatum: '2026-01-01' }),
    locations: [`${C1}/Soort`, `${C1}/Periode`],
  },
  // CD025
  {
    rule: 'CD025',
    message: '301',
    title: 'LandCode NL without Huis',
    edit: (b) => delete at(contact1(b), 'Adres').Huis,
    locations: [`${C1}/Adres/LandCode`],
  },
  // CD034
  {
    rule: 'CD034',
    message: '301',
    title: 'verblijfadres without Postcode',
    edit: (b) => {
      contact1(b).Soort = '03';
      contact1(b).Adres = { Huis: { Huisnummer: 1 }, Plaatsnaam: 'Proefdorp' };
    },
    locations: [`${C1}/Soort`],
  },
  // CD041
  {
    rule: 'CD041',
    message: '301',
    title: 'ToegewezenProduct with Code, no Omvang',
    edit: (b) => delete tp(b).Omvang,
    locations: [`${TP}/Product/Code`],
  },
  {
    rule: 'CD041',
    message: '315',
    title: 'AangevraagdProduct with Code, no Omvang',
    edit: (b) => delete ap(b).Omvang,
    locations: [`${AP}/Product/Code`],
  },
  {
    rule: 'CD041',
    message: '317',
    title: 'NieuwProduct with Code, no Omvang',
    edit: (b) => delete np(b).Omvang,
    locations: [`${NP}/Product/Code`],
  },
  // CD043
  {
    rule: 'CD043',
    message: '315',
    title: 'BeschikkingNummer without BeschikkingIngangsdatum',
    edit: (b) => put(ap(b), 'BeschikkingNummer', '4711', 'Product'),
    locations: [`${AP}/BeschikkingNummer`],
  },
  {
    rule: 'CD043',
    message: '315',
    title: 'BeschikkingIngangsdatum without BeschikkingNummer',
    edit: (b) => put(ap(b), 'BeschikkingIngangsdatum', '2026-03-01', 'ToewijzingIngangsdatum'),
    locations: [`${AP}/BeschikkingIngangsdatum`],
  },
  // CD060
  {
    rule: 'CD060',
    message: '323',
    title: 'credit without VorigReferentieNummer',
    edit: (b) => (at(p323(b), 'IngediendBedrag').DebetCredit = 'C'),
    locations: [`${P323}/IngediendBedrag/DebetCredit`],
  },
  {
    rule: 'CD060',
    message: '323',
    title: 'debit with VorigReferentieNummer',
    edit: (b) => (at(p323(b), 'ProductReferentie').VorigReferentieNummer = 'PR-0000'),
    locations: [`${P323}/ProductReferentie/VorigReferentieNummer`, `${P323}/IngediendBedrag/DebetCredit`],
  },
  {
    rule: 'CD060',
    message: '325',
    title: 'credit without VorigReferentieNummer in the answer',
    edit: (b) => (at(p325(b), 'IngediendBedrag').DebetCredit = 'C'),
    locations: [`${P325}/IngediendBedrag/DebetCredit`],
  },
  // CD066, CD067, CD068
  {
    rule: 'CD066',
    message: '315',
    title: 'huisarts with ZorgverlenerCode and Naam',
    edit: (b) => (ap(b).Verwijzer = { Type: '02', Naam: 'Huisartsenpraktijk', ZorgverlenerCode: '01234567' }),
    locations: [`${AP}/Verwijzer/Type`, `${AP}/Verwijzer/Naam`, `${AP}/Verwijzer/ZorgverlenerCode`],
  },
  {
    rule: 'CD067',
    message: '315',
    title: 'jeugdarts without ZorgverlenerCode and Naam',
    edit: (b) => (ap(b).Verwijzer = { Type: '03' }),
    locations: [`${AP}/Verwijzer/Type`],
  },
  {
    rule: 'CD068',
    message: '315',
    title: 'gemeente with ZorgverlenerCode',
    edit: (b) => (verwijzer(b).ZorgverlenerCode = '01234567'),
    locations: [`${AP}/Verwijzer/Type`, `${AP}/Verwijzer/ZorgverlenerCode`],
  },
  // CD075
  ...(
    [
      ['301', TP, tp, 'Einddatum'],
      ['315', AP, ap, 'ToewijzingEinddatum'],
      ['317', TW, tw, 'Einddatum'],
      ['317', NP, np, 'Einddatum'],
    ] as const
  ).map(([message, path, find, end]): FailingCase => ({
    rule: 'CD075',
    message,
    title: `Budget without ${end} (${path.split('/').at(-1) ?? ''})`,
    edit: (b) => {
      toBudget(find(b));
      delete find(b)[end];
    },
    locations: [`${path}/Budget`],
  })),
  // CD076
  ...(
    [
      ['301', TP, tp, 'Einddatum'],
      ['315', AP, ap, 'ToewijzingEinddatum'],
      ['317', TW, tw, 'Einddatum'],
      ['317', NP, np, 'Einddatum'],
    ] as const
  ).map(([message, path, find, end]): FailingCase => ({
    rule: 'CD076',
    message,
    title: `Frequentie 2 without ${end} (${path.split('/').at(-1) ?? ''})`,
    edit: (b) => delete find(b)[end],
    locations: [`${path}/Omvang/Frequentie`],
  })),
  // CD077 and CD078
  ...(
    [
      ['301', TP, tp],
      ['315', AP, ap],
      ['317', TW, tw],
      ['317', NP, np],
    ] as const
  ).flatMap(([message, path, find]): FailingCase[] =>
    ['CD077', 'CD078'].map((rule) => ({
      rule,
      message,
      title: `Omvang and Budget (${path.split('/').at(-1) ?? ''})`,
      edit: (b) => addBudget(find(b)),
      locations: [`${path}/Omvang`, `${path}/Budget`],
      together: { [rule === 'CD077' ? 'CD078' : 'CD077']: [`${path}/Omvang`, `${path}/Budget`] },
    })),
  ),
  // CD079
  ...(
    [
      ['301', TP, tp],
      ['315', AP, ap],
      ['317', NP, np],
    ] as const
  ).map(([message, path, find]): FailingCase => ({
    rule: 'CD079',
    message,
    title: `neither Product nor Budget (${path.split('/').at(-1) ?? ''})`,
    edit: (b) => {
      delete find(b).Product;
      delete find(b).Omvang;
    },
    locations: [path],
  })),
  // CD080, CD095, CD096
  {
    rule: 'CD080',
    message: '301',
    title: 'Omvang without Code, Einddatum in 2026',
    edit: (b) => delete at(tp(b), 'Product').Code,
    locations: [`${TP}/Einddatum`, `${TP}/Omvang`],
  },
  {
    rule: 'CD080',
    message: '301',
    title: 'Omvang without Code, no Einddatum',
    edit: (b) => {
      delete at(tp(b), 'Product').Code;
      delete tp(b).Einddatum;
      at(tp(b), 'Omvang').Frequentie = '4';
    },
    locations: [`${TP}/Omvang`],
  },
  {
    rule: 'CD095',
    message: '315',
    title: 'Omvang without Code',
    edit: (b) => delete at(ap(b), 'Product').Code,
    locations: [`${AP}/ToewijzingEinddatum`, `${AP}/Omvang`],
  },
  {
    rule: 'CD096',
    message: '317',
    title: 'Omvang without Code',
    edit: (b) => delete at(np(b), 'Product').Code,
    locations: [`${NP}/Einddatum`, `${NP}/Omvang`],
  },
  // CD085, CD086
  {
    rule: 'CD085',
    message: '319',
    title: 'afgewezen without reden',
    edit: (b) => delete at(b, 'Antwoord').RedenAfwijzingVerzoek,
    locations: ['/Bericht/Antwoord/VerzoekAntwoord'],
  },
  {
    rule: 'CD086',
    message: '319',
    title: 'in onderzoek with reden',
    edit: (b) => (at(b, 'Antwoord').VerzoekAntwoord = '2'),
    locations: ['/Bericht/Antwoord/VerzoekAntwoord', '/Bericht/Antwoord/RedenAfwijzingVerzoek'],
  },
  // CD087
  {
    rule: 'CD087',
    message: '323',
    title: 'hours without ProductTarief',
    edit: (b) => delete p323(b).ProductTarief,
    locations: [`${P323}/Eenheid`],
  },
  {
    rule: 'CD087',
    message: '323',
    title: "euro's with ProductTarief",
    edit: (b) => {
      p323(b).Eenheid = '83';
      p323(b).GeleverdVolume = 5000;
    },
    locations: [`${P323}/Eenheid`, `${P323}/ProductTarief`],
  },
  // CS002 in every message with a Bsn
  ...(
    [
      ['301', '/Bericht/Client/Bsn', 'Client'],
      ['305', '/Bericht/Client/Bsn', 'Client'],
      ['307', '/Bericht/Client/Bsn', 'Client'],
      ['315', '/Bericht/Client/Bsn', 'Client'],
      ['317', '/Bericht/Client/Bsn', 'Client'],
      ['323', '/Bericht/Declaratie/Clienten/Client[1]/Bsn', 'Declaratie.Clienten.Client.0'],
      ['325', '/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Bsn', 'DeclaratieAntwoord.Clienten.Client.0'],
    ] as const
  ).map(([message, path, client]): FailingCase => ({
    rule: 'CS002',
    message,
    title: 'Bsn 123456789',
    edit: (b) => (at(b, client).Bsn = '123456789'),
    locations: [path],
  })),
  // CS003
  {
    rule: 'CS003',
    message: '301',
    title: 'Einddatum before Ingangsdatum',
    edit: (b) => (tp(b).Einddatum = '2026-03-31'),
    locations: [`${TP}/Ingangsdatum`, `${TP}/Einddatum`],
  },
  {
    rule: 'CS003',
    message: '301',
    title: 'tijdelijk adres ending before it begins',
    edit: (b) => addTijdelijkAdres(b, { Begindatum: '2026-06-01', Einddatum: '2026-05-31' }),
    locations: [`${C2}/Periode/Begindatum`, `${C2}/Periode/Einddatum`],
  },
  {
    rule: 'CS003',
    message: '301',
    title: 'tijdelijk adres with an Einddatum but no Begindatum (as the XSLT)',
    edit: (b) => addTijdelijkAdres(b, { Einddatum: '2026-05-31' }),
    locations: [`${C2}/Periode/Einddatum`],
  },
  {
    rule: 'CS003',
    message: '301',
    title: 'Periode of a Relatie/Contact ending before it begins',
    edit: (b) => {
      const contact = at(addRelatie(b), 'Contact');
      contact.Soort = '04';
      contact.Periode = { Begindatum: '2026-06-01', Einddatum: '2026-05-01' };
    },
    locations: [`${R1}/Contact/Periode/Begindatum`, `${R1}/Contact/Periode/Einddatum`],
  },
  {
    rule: 'CS003',
    message: '315',
    title: 'ToewijzingEinddatum before ToewijzingIngangsdatum',
    edit: (b) => (ap(b).ToewijzingEinddatum = '2026-04-30'),
    locations: [`${AP}/ToewijzingIngangsdatum`, `${AP}/ToewijzingEinddatum`],
  },
  {
    rule: 'CS003',
    message: '317',
    title: 'Einddatum before GewensteIngangsdatum in TeWijzigenProduct and NieuwProduct',
    edit: (b) => {
      tw(b).Einddatum = '2026-04-30';
      np(b).Einddatum = '2026-04-30';
    },
    locations: [
      `${TW}/GewensteIngangsdatum`,
      `${TW}/Einddatum`,
      `${NP}/GewensteIngangsdatum`,
      `${NP}/Einddatum`,
    ],
  },
  // CS050
  {
    rule: 'CS050',
    message: '301',
    title: 'NaamGebruik 2 without Partnernaam',
    edit: (b) => (at(b, 'Client.Naam').NaamGebruik = '2'),
    locations: ['/Bericht/Client/Naam/NaamGebruik'],
  },
  {
    rule: 'CS050',
    message: '301',
    title: 'NaamGebruik 5 with Partnernaam',
    edit: (b) => {
      put(at(b, 'Client.Naam'), 'Partnernaam', { Achternaam: 'Proefpartner' }, 'NaamGebruik');
      at(b, 'Client.Naam').NaamGebruik = '5';
    },
    locations: ['/Bericht/Client/Naam/Partnernaam', '/Bericht/Client/Naam/NaamGebruik'],
  },
  {
    rule: 'CS050',
    message: '301',
    title: 'NaamGebruik 3 without Partnernaam, on a Relatie',
    edit: (b) => (at(addRelatie(b), 'Naam').NaamGebruik = '3'),
    locations: [`${R1}/Naam/NaamGebruik`],
  },
  {
    rule: 'CS050',
    message: '301',
    standards: ['iwmo'],
    title: 'NaamGebruik 6 without Partnernaam (the iWmo XSLT accepts only 1)',
    edit: (b) => (at(b, 'Client.Naam').NaamGebruik = '6'),
    locations: ['/Bericht/Client/Naam/NaamGebruik'],
  },
  // CS058
  {
    rule: 'CS058',
    message: '305',
    title: 'StatusAanlevering 2 (gewijzigd)',
    edit: (b) => (at(b, 'Client.StartProducten.StartProduct.0').StatusAanlevering = '2'),
    locations: ['/Bericht/Client/StartProducten/StartProduct[1]/StatusAanlevering'],
  },
  {
    rule: 'CS058',
    message: '307',
    title: 'StatusAanlevering 9 (niet van toepassing)',
    edit: (b) => (at(b, 'Client.StopProducten.StopProduct.0').StatusAanlevering = '9'),
    locations: ['/Bericht/Client/StopProducten/StopProduct[1]/StatusAanlevering'],
  },
  // CS089
  {
    rule: 'CS089',
    message: '301',
    title: 'Dutch Postcode with a space',
    edit: (b) => (at(contact1(b), 'Adres').Postcode = '1234 AB'),
    locations: [`${C1}/Adres/Postcode`, `${C1}/Adres/LandCode`],
  },
  {
    rule: 'CS089',
    message: '301',
    title: 'Dutch Postcode starting with 0',
    edit: (b) => (at(contact1(b), 'Adres').Postcode = '0234AB'),
    locations: [`${C1}/Adres/Postcode`, `${C1}/Adres/LandCode`],
  },
  // CS100
  {
    rule: 'CS100',
    message: '323',
    title: 'DeclaratiePeriode in 2020',
    edit: (b) =>
      (at(b, 'Declaratie').DeclaratiePeriode = { Begindatum: '2020-12-01', Einddatum: '2020-12-31' }),
    locations: ['/Bericht/Declaratie/DeclaratiePeriode/Begindatum'],
  },
  {
    rule: 'CS100',
    message: '323',
    title: 'ProductPeriode in 2020',
    edit: (b) => (p323(b).ProductPeriode = { Begindatum: '2020-12-01', Einddatum: '2020-12-31' }),
    locations: [`${P323}/ProductPeriode/Begindatum`],
  },
  // CS139 in every message with a Geboortedatum
  ...(['301', '305', '307', '315'] as const).flatMap((message): FailingCase[] => [
    {
      rule: 'CS139',
      message,
      title: 'DatumGebruik 1 with a day other than 01',
      edit: (b) => (at(b, 'Client').Geboortedatum = { Datum: '2010-02-14', DatumGebruik: '1' }),
      locations: ['/Bericht/Client/Geboortedatum/Datum', '/Bericht/Client/Geboortedatum/DatumGebruik'],
    },
  ]),
  {
    rule: 'CS139',
    message: '301',
    title: 'DatumGebruik 2 with a month other than 01',
    edit: (b) => (at(b, 'Client').Geboortedatum = { Datum: '2010-02-01', DatumGebruik: '2' }),
    locations: ['/Bericht/Client/Geboortedatum/Datum', '/Bericht/Client/Geboortedatum/DatumGebruik'],
  },
  {
    rule: 'CS139',
    message: '301',
    title: 'DatumGebruik 3 with a date other than 1900-01-01, on a Relatie',
    edit: (b) => (addRelatie(b).Geboortedatum = { Datum: '1980-01-01', DatumGebruik: '3' }),
    locations: [`${R1}/Geboortedatum/Datum`, `${R1}/Geboortedatum/DatumGebruik`],
  },
  // CS318
  {
    rule: 'CS318',
    message: '301',
    title: 'client with NaamGebruik 6',
    edit: (b) => (at(b, 'Client.Naam').NaamGebruik = '6'),
    locations: ['/Bericht/Client/Naam/NaamGebruik'],
  },
  // CS325
  {
    rule: 'CS325',
    message: '323',
    title: 'Prestatie amount 0 credit',
    edit: (b) => {
      at(p323(b), 'ProductReferentie').VorigReferentieNummer = 'PR-0000';
      p323(b).IngediendBedrag = { Bedrag: 0, DebetCredit: 'C' };
    },
    locations: [`${P323}/IngediendBedrag/Bedrag`, `${P323}/IngediendBedrag/DebetCredit`],
  },
  {
    rule: 'CS325',
    message: '323',
    title: 'TotaalIngediendBedrag 0 credit',
    edit: (b) => (at(b, 'Declaratie').TotaalIngediendBedrag = { TotaalBedrag: 0, DebetCredit: 'C' }),
    locations: [
      '/Bericht/Declaratie/TotaalIngediendBedrag/TotaalBedrag',
      '/Bericht/Declaratie/TotaalIngediendBedrag/DebetCredit',
    ],
  },
  {
    rule: 'CS325',
    message: '325',
    title: 'TotaalToegekendBedrag 0 credit',
    edit: (b) => (at(b, 'DeclaratieAntwoord.TotaalToegekendBedrag').DebetCredit = 'C'),
    locations: [
      '/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag',
      '/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag/DebetCredit',
    ],
  },
  // CS335, CS336
  {
    rule: 'CS335',
    message: '301',
    title: 'RedenWijziging 13 with Einddatum after Ingangsdatum',
    edit: (b) => put(tp(b), 'RedenWijziging', '13', 'Omvang'),
    locations: [`${TP}/Ingangsdatum`, `${TP}/Einddatum`],
  },
  {
    rule: 'CS336',
    message: '301',
    title: 'RedenWijziging 01',
    edit: (b) => put(tp(b), 'RedenWijziging', '01', 'Omvang'),
    locations: [`${TP}/RedenWijziging`],
  },
  // CS337
  {
    rule: 'CS337',
    message: '323',
    title: 'ProductPeriode over two months',
    edit: (b) => (p323(b).ProductPeriode = { Begindatum: '2026-03-01', Einddatum: '2026-04-15' }),
    locations: [`${P323}/ProductPeriode/Begindatum`, `${P323}/ProductPeriode/Einddatum`],
  },
  {
    rule: 'CS337',
    message: '323',
    title: 'ProductPeriode over the same month of two years',
    edit: (b) => (p323(b).ProductPeriode = { Begindatum: '2025-03-01', Einddatum: '2026-03-31' }),
    locations: [`${P323}/ProductPeriode/Begindatum`, `${P323}/ProductPeriode/Einddatum`],
  },
  // CS338, CS343
  ...(
    [
      ['301', TP, tp],
      ['317', TW, tw],
      ['317', NP, np],
    ] as const
  ).map(([message, path, find]): FailingCase => ({
    rule: 'CS338',
    message,
    title: `etmaal per dag (${path.split('/').at(-1) ?? ''})`,
    edit: (b) => (find(b).Omvang = { Volume: 1, Eenheid: '14', Frequentie: '1' }),
    locations: [`${path}/Einddatum`, `${path}/Omvang/Eenheid`, `${path}/Omvang/Frequentie`],
  })),
  {
    rule: 'CS343',
    message: '315',
    title: "euro's per dag",
    edit: (b) => (ap(b).Omvang = { Volume: 100, Eenheid: '83', Frequentie: '1' }),
    locations: [`${AP}/ToewijzingEinddatum`, `${AP}/Omvang/Eenheid`, `${AP}/Omvang/Frequentie`],
  },
  // CS339
  {
    rule: 'CS339',
    message: '323',
    title: "euro's with IngediendBedrag other than GeleverdVolume",
    edit: (b) => {
      p323(b).Eenheid = '83';
      delete p323(b).ProductTarief;
    },
    locations: [`${P323}/GeleverdVolume`, `${P323}/IngediendBedrag/Bedrag`],
  },
  // CS340
  {
    rule: 'CS340',
    message: '323',
    title: 'DeclaratiePeriode one day short',
    edit: (b) => (at(b, 'Declaratie.DeclaratiePeriode').Einddatum = '2026-03-30'),
    locations: [
      '/Bericht/Declaratie/DeclaratiePeriode/Begindatum',
      '/Bericht/Declaratie/DeclaratiePeriode/Einddatum',
    ],
  },
  {
    rule: 'CS340',
    message: '323',
    title: 'a month from the 15th: only the Begindatum is wrong',
    edit: (b) =>
      (at(b, 'Declaratie').DeclaratiePeriode = { Begindatum: '2026-03-15', Einddatum: '2026-04-14' }),
    locations: ['/Bericht/Declaratie/DeclaratiePeriode/Begindatum'],
  },
  {
    rule: 'CS340',
    message: '323',
    title: 'February of a leap year ending on the 28th',
    edit: (b) =>
      (at(b, 'Declaratie').DeclaratiePeriode = { Begindatum: '2024-02-01', Einddatum: '2024-02-28' }),
    locations: [
      '/Bericht/Declaratie/DeclaratiePeriode/Begindatum',
      '/Bericht/Declaratie/DeclaratiePeriode/Einddatum',
    ],
  },
  {
    rule: 'CS340',
    message: '323',
    title: 'February 2100 ending on the 28th (the XSLT takes 2100 for a leap year)',
    edit: (b) =>
      (at(b, 'Declaratie').DeclaratiePeriode = { Begindatum: '2100-02-01', Einddatum: '2100-02-28' }),
    locations: [
      '/Bericht/Declaratie/DeclaratiePeriode/Begindatum',
      '/Bericht/Declaratie/DeclaratiePeriode/Einddatum',
    ],
  },
];
