/** Per CD/CS rule, near misses: edits that exercise the rule's condition and must pass every CD/CS rule. */
import { at, omvang, type Node } from './cdcs-builders.js';
import {
  tp,
  ap,
  tw,
  np,
  contact1,
  p323,
  p325,
  put,
  addRelatie,
  addTijdelijkAdres,
  toBudget,
  type Case,
} from './cdcs-cases.js';

export const passing: readonly Case[] = [
  {
    rule: 'CD005',
    message: '301',
    title: 'foreign address with Postcode and LandCode',
    edit: (b) => {
      at(contact1(b), 'Adres').Postcode = '1000';
      at(contact1(b), 'Adres').LandCode = 'BE';
    },
  },
  {
    rule: 'CD005',
    message: '301',
    title: 'address without Postcode and LandCode',
    edit: (b) => {
      contact1(b).Soort = '02';
      contact1(b).Adres = { Plaatsnaam: 'Proefdorp' };
    },
  },
  {
    rule: 'CD007',
    message: '301',
    title: 'Vorm 1 with Taal',
    edit: (b) => put(at(b, 'Client'), 'Communicatie', { Vorm: '1', Taal: 'Zweeds' }, 'Contactgegevens'),
  },
  {
    rule: 'CD007',
    message: '301',
    title: 'Vorm 2 without Taal',
    edit: (b) => put(at(b, 'Client'), 'Communicatie', { Vorm: '2' }, 'Contactgegevens'),
  },
  {
    rule: 'CD009',
    message: '301',
    title: 'Periode on a tijdelijk verblijfadres',
    edit: (b) => addTijdelijkAdres(b, { Begindatum: '2026-05-01', Einddatum: '2026-06-30' }),
  },
  {
    rule: 'CD025',
    message: '301',
    title: 'foreign address without Huis',
    edit: (b) => (contact1(b).Adres = { Postcode: '1000', Plaatsnaam: 'Brussel', LandCode: 'BE' }),
  },
  {
    rule: 'CD034',
    message: '301',
    title: 'correspondentie-adres without Postcode',
    edit: (b) => {
      contact1(b).Soort = '02';
      contact1(b).Adres = { Huis: { Huisnummer: 1 }, Plaatsnaam: 'Proefdorp' };
    },
  },
  {
    rule: 'CD041',
    message: '301',
    title: 'neither Code nor Omvang',
    edit: (b) => {
      delete tp(b).Omvang;
      delete at(tp(b), 'Product').Code;
    },
  },
  {
    rule: 'CD041',
    message: '317',
    title: 'TeWijzigenProduct without Omvang (it has no Product)',
    edit: (b) => delete tw(b).Omvang,
  },
  {
    rule: 'CD043',
    message: '315',
    title: 'BeschikkingNummer with BeschikkingIngangsdatum',
    edit: (b) => {
      put(ap(b), 'BeschikkingNummer', '4711', 'Product');
      put(ap(b), 'BeschikkingIngangsdatum', '2026-03-01', 'ToewijzingIngangsdatum');
    },
  },
  {
    rule: 'CD060',
    message: '323',
    title: 'credit with VorigReferentieNummer',
    edit: (b) => {
      at(p323(b), 'ProductReferentie').VorigReferentieNummer = 'PR-0000';
      at(p323(b), 'IngediendBedrag').DebetCredit = 'C';
    },
  },
  {
    rule: 'CD060',
    message: '325',
    title: 'credit with VorigReferentieNummer in the answer',
    edit: (b) => {
      at(p325(b), 'ProductReferentie').VorigReferentieNummer = 'PR-0000';
      at(p325(b), 'IngediendBedrag').DebetCredit = 'C';
    },
  },
  {
    rule: 'CD066',
    message: '315',
    title: 'huisarts with ZorgverlenerCode only',
    edit: (b) => (ap(b).Verwijzer = { Type: '02', ZorgverlenerCode: '01234567' }),
  },
  {
    rule: 'CD067',
    message: '315',
    title: 'jeugdarts with Naam only',
    edit: (b) => (ap(b).Verwijzer = { Type: '03', Naam: 'Jeugdarts' }),
  },
  {
    rule: 'CD068',
    message: '315',
    title: 'medisch specialist with ZorgverlenerCode',
    edit: (b) => (ap(b).Verwijzer = { Type: '05', ZorgverlenerCode: '01234567' }),
  },
  {
    rule: 'CD068',
    message: '315',
    title: 'zelfverwijzer without ZorgverlenerCode',
    edit: (b) => (ap(b).Verwijzer = { Type: '06' }),
  },
  ...(['301', '315', '317'] as const).flatMap((message): Case[] => [
    {
      rule: 'CD075',
      message,
      title: 'Budget with an end date',
      edit: (b) => toBudget(message === '301' ? tp(b) : message === '315' ? ap(b) : np(b)),
    },
    {
      rule: 'CD076',
      message,
      title: 'Frequentie 4 (per maand) without an end date',
      edit: (b) => {
        const node = message === '301' ? tp(b) : message === '315' ? ap(b) : tw(b);
        delete node[message === '315' ? 'ToewijzingEinddatum' : 'Einddatum'];
        at(node, 'Omvang').Frequentie = '4';
      },
    },
    {
      rule: 'CD077',
      message,
      title: 'Budget without Omvang',
      edit: (b) => toBudget(message === '301' ? tp(b) : message === '315' ? ap(b) : tw(b)),
    },
    {
      rule: 'CD078',
      message,
      title: 'Omvang without Budget',
      edit: (b) => ((message === '301' ? tp(b) : message === '315' ? ap(b) : tw(b)).Omvang = omvang()),
    },
    {
      rule: 'CD079',
      message,
      title: 'no Product but a Budget',
      edit: (b) => {
        const node = message === '301' ? tp(b) : message === '315' ? ap(b) : np(b);
        toBudget(node);
        delete node.Product;
      },
    },
  ]),
  {
    rule: 'CD080',
    message: '301',
    title: 'Omvang without Code, ended before 2021',
    edit: (b) => {
      delete at(tp(b), 'Product').Code;
      Object.assign(tp(b), {
        Toewijzingsdatum: '2020-06-01',
        Ingangsdatum: '2020-06-01',
        Einddatum: '2020-12-31',
      });
    },
  },
  {
    rule: 'CD085',
    message: '319',
    title: 'afgewezen with reden',
    edit: (b) => (at(b, 'Antwoord').RedenAfwijzingVerzoek = '1'),
  },
  {
    rule: 'CD086',
    message: '319',
    title: 'in onderzoek without reden',
    edit: (b) => {
      at(b, 'Antwoord').VerzoekAntwoord = '2';
      delete at(b, 'Antwoord').RedenAfwijzingVerzoek;
    },
  },
  {
    rule: 'CD087',
    message: '323',
    title: "euro's without ProductTarief",
    edit: (b) => {
      p323(b).Eenheid = '83';
      p323(b).GeleverdVolume = 5000;
      delete p323(b).ProductTarief;
    },
  },
  {
    rule: 'CD095',
    message: '315',
    title: 'Omvang without Code, ended before 2021',
    edit: (b) => {
      delete at(ap(b), 'Product').Code;
      Object.assign(ap(b), { ToewijzingIngangsdatum: '2020-06-01', ToewijzingEinddatum: '2020-12-31' });
    },
  },
  {
    rule: 'CD096',
    message: '317',
    title: 'no Code and no Omvang but a Budget',
    edit: (b) => toBudget(np(b)),
  },
  ...(['301', '305', '307', '315', '317', '323', '325'] as const).flatMap((message): Case[] =>
    ['000000000', '123456782'].map((bsn) => ({
      rule: 'CS002',
      message,
      title: `Bsn ${bsn}${bsn === '000000000' ? ' (weighted sum 0, as the XSLT)' : ''}`,
      edit: (b: Node) => {
        const path =
          message === '323'
            ? 'Declaratie.Clienten.Client.0'
            : message === '325'
              ? 'DeclaratieAntwoord.Clienten.Client.0'
              : 'Client';
        at(b, path).Bsn = bsn;
      },
    })),
  ),
  {
    rule: 'CS003',
    message: '301',
    title: 'Einddatum on the Ingangsdatum, and a tijdelijk adres with only a Begindatum',
    edit: (b) => {
      tp(b).Einddatum = '2026-04-01';
      addTijdelijkAdres(b, { Begindatum: '2026-05-01' });
    },
  },
  {
    rule: 'CS003',
    message: '315',
    title: 'one-day period',
    edit: (b) => (ap(b).ToewijzingEinddatum = '2026-05-01'),
  },
  {
    rule: 'CS003',
    message: '317',
    title: 'one-day periods',
    edit: (b) => {
      tw(b).Einddatum = '2026-05-01';
      np(b).Einddatum = '2026-05-01';
    },
  },
  {
    rule: 'CS050',
    message: '301',
    title: 'NaamGebruik 4 with Partnernaam',
    edit: (b) => {
      put(at(b, 'Client.Naam'), 'Partnernaam', { Achternaam: 'Proefpartner' }, 'NaamGebruik');
      at(b, 'Client.Naam').NaamGebruik = '4';
    },
  },
  {
    rule: 'CS050',
    message: '301',
    standards: ['ijw'],
    title: 'NaamGebruik 6 without Partnernaam on a Relatie (iJw accepts 1 or 6; CS318 is for the client)',
    edit: (b) => (at(addRelatie(b), 'Naam').NaamGebruik = '6'),
  },
  {
    rule: 'CS318',
    message: '301',
    title: 'Relatie with NaamGebruik 6',
    edit: (b) => (at(addRelatie(b), 'Naam').NaamGebruik = '6'),
  },
  {
    rule: 'CS058',
    message: '305',
    title: 'StatusAanlevering 3',
    edit: (b) => (at(b, 'Client.StartProducten.StartProduct.0').StatusAanlevering = '3'),
  },
  {
    rule: 'CS058',
    message: '307',
    title: 'StatusAanlevering 3',
    edit: (b) => (at(b, 'Client.StopProducten.StopProduct.0').StatusAanlevering = '3'),
  },
  {
    rule: 'CS089',
    message: '301',
    title: 'Dutch Postcode in lower case (the XSLT accepts either case)',
    edit: (b) => (at(contact1(b), 'Adres').Postcode = '1234ab'),
  },
  {
    rule: 'CS100',
    message: '323',
    title: 'periods from 2021-01-01',
    edit: (b) => {
      at(b, 'Declaratie').DeclaratiePeriode = { Begindatum: '2021-01-01', Einddatum: '2021-01-31' };
      p323(b).ProductPeriode = { Begindatum: '2021-01-01', Einddatum: '2021-01-31' };
    },
  },
  ...(['301', '305', '307', '315'] as const).flatMap((message): Case[] =>
    (
      [
        ['2010-02-01', '1'],
        ['2010-01-01', '2'],
        ['1900-01-01', '3'],
      ] as const
    ).map(([Datum, DatumGebruik]) => ({
      rule: 'CS139',
      message,
      title: `DatumGebruik ${DatumGebruik} with ${Datum}`,
      edit: (b: Node) => (at(b, 'Client').Geboortedatum = { Datum, DatumGebruik }),
    })),
  ),
  {
    rule: 'CS325',
    message: '323',
    title: 'amounts of 0 debit',
    edit: (b) => {
      at(b, 'Declaratie').TotaalIngediendBedrag = { TotaalBedrag: 0, DebetCredit: 'D' };
      p323(b).IngediendBedrag = { Bedrag: 0, DebetCredit: 'D' };
    },
  },
  {
    rule: 'CS325',
    message: '325',
    title: 'TotaalToegekendBedrag 0 debit',
    edit: (b) => (at(b, 'DeclaratieAntwoord.TotaalToegekendBedrag').TotaalBedrag = 0),
  },
  {
    rule: 'CS335',
    message: '301',
    title: 'RedenWijziging 13 with Einddatum = Ingangsdatum',
    edit: (b) => {
      tp(b).Einddatum = '2026-04-01';
      put(tp(b), 'RedenWijziging', '13', 'Omvang');
    },
  },
  {
    rule: 'CS335',
    message: '301',
    title: 'RedenWijziging 13 without Einddatum (the XSLT compares only two dates)',
    edit: (b) => {
      delete tp(b).Einddatum;
      at(tp(b), 'Omvang').Frequentie = '4';
      put(tp(b), 'RedenWijziging', '13', 'Omvang');
    },
  },
  {
    rule: 'CS336',
    message: '301',
    title: 'RedenWijziging 14',
    edit: (b) => put(tp(b), 'RedenWijziging', '14', 'Omvang'),
  },
  {
    rule: 'CS337',
    message: '323',
    title: 'ProductPeriode within one month',
    edit: (b) => (p323(b).ProductPeriode = { Begindatum: '2026-03-10', Einddatum: '2026-03-20' }),
  },
  {
    rule: 'CS338',
    message: '301',
    title: 'etmaal per dag, ended before 2021',
    edit: (b) => {
      Object.assign(tp(b), {
        Toewijzingsdatum: '2020-06-01',
        Ingangsdatum: '2020-06-01',
        Einddatum: '2020-12-31',
      });
      tp(b).Omvang = { Volume: 1, Eenheid: '14', Frequentie: '1' };
    },
  },
  {
    rule: 'CS338',
    message: '317',
    title: 'dagdeel per maand',
    edit: (b) => {
      tw(b).Omvang = { Volume: 4, Eenheid: '16', Frequentie: '4' };
      np(b).Omvang = { Volume: 1, Eenheid: '84', Frequentie: '6' };
    },
  },
  {
    rule: 'CS343',
    message: '315',
    title: "euro's in total",
    edit: (b) => (ap(b).Omvang = { Volume: 100, Eenheid: '83', Frequentie: '6' }),
  },
  {
    rule: 'CS339',
    message: '323',
    title: "euro's with IngediendBedrag equal to GeleverdVolume",
    edit: (b) => {
      p323(b).Eenheid = '83';
      p323(b).GeleverdVolume = 5000;
      delete p323(b).ProductTarief;
    },
  },
  {
    rule: 'CS340',
    message: '323',
    title: 'February of a common year',
    edit: (b) =>
      (at(b, 'Declaratie').DeclaratiePeriode = { Begindatum: '2026-02-01', Einddatum: '2026-02-28' }),
  },
  {
    rule: 'CS340',
    message: '323',
    title: 'February of a leap year',
    edit: (b) =>
      (at(b, 'Declaratie').DeclaratiePeriode = { Begindatum: '2024-02-01', Einddatum: '2024-02-29' }),
  },
  {
    rule: 'CS340',
    message: '323',
    title: 'December, across the year end',
    edit: (b) =>
      (at(b, 'Declaratie').DeclaratiePeriode = { Begindatum: '2025-12-01', Einddatum: '2025-12-31' }),
  },
];
