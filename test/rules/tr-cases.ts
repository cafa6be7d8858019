/**
 * The TR test cases as data: each changes a minimal valid message (builders.ts) and states the exact
 * findings the whole rule set must give (code -> locations). A case with no findings must pass. The
 * engine test reads this list to prove that every TR rule has a failing and a passing case for every
 * standard and message it applies to.
 */
import type { MessageNumber, StandardId } from '../../src/standard/model.js';
import {
  aangevraagdProduct,
  BSN_2,
  contact,
  DAGTEKENING_PATH as DAG,
  list,
  node,
  nieuwProduct,
  prestatie,
  PRODUCTS,
  toegewezenProduct,
  type Node,
} from './builders.js';

export interface RuleCase {
  /** The TR code this case is about. */
  readonly rule: string;
  readonly number: MessageNumber;
  /** Default: both standards (the test skips a standard the rule does not apply to only if listed here). */
  readonly standards?: readonly StandardId[];
  readonly title: string;
  readonly change: (bericht: Node, standard: StandardId) => void;
  /** Exactly the findings expected from all rules together; `{}` means the message passes. */
  readonly findings: Readonly<Record<string, readonly string[]>>;
  /**
   * Run only `rule`, for a shape no schema-valid message can have (e.g. two Antwoord classes), which the
   * other rules are not meant to see.
   */
  readonly isolated?: boolean;
}

const TP = '/Bericht/Client/ToegewezenProducten/ToegewezenProduct';
const CONTACT = '/Bericht/Client/Contactgegevens/Contact';
const RELATIE = '/Bericht/Client/Relaties/Relatie';
const START = '/Bericht/Client/StartProducten/StartProduct';
const STOP = '/Bericht/Client/StopProducten/StopProduct';
const AP = '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct';
const VERZOEK = '/Bericht/Client/Verzoek';
const NP = `${VERZOEK}/NieuweProducten/NieuwProduct`;
const DECL = '/Bericht/Declaratie';
const PRESTATIE = `${DECL}/Clienten/Client[1]/Prestaties/Prestatie`;
const ANTWOORD_325 = '/Bericht/DeclaratieAntwoord';
const PRESTATIE_325 = `${ANTWOORD_325}/Clienten/Client[1]/Prestaties/Prestatie`;

const telefoon = (): Node => ({ Telefoon01: { Telefoonnummer: '0201234567', Landnummer: '0031' } });

function relatie(nummer: string, geboortedatum?: string): Node {
  return {
    Nummer: nummer,
    Soort: '10',
    ...(geboortedatum === undefined ? {} : { Geboortedatum: { Datum: geboortedatum } }),
    Naam: { Geslachtsnaam: { Achternaam: 'Test' }, NaamGebruik: '1' },
    Contact: { Soort: '02', Telefoon: telefoon() },
  };
}

function addRelaties(m: Node, ...relaties: Node[]): void {
  const client = node(m, 'Client');
  // Relaties sits before Contactgegevens in the XSD; key order does not matter to the rules.
  client.Relaties = { Relatie: relaties };
}

function credit(standard: StandardId, nummer: string, vorig: string, bedrag: number): Node {
  const p = prestatie(standard, nummer, bedrag, 'C');
  (p.ProductReferentie as Node).VorigReferentieNummer = vorig;
  return p;
}

function setTotaal(m: Node, bedrag: number, dc: 'D' | 'C' = 'D'): void {
  node(m, 'Declaratie').TotaalIngediendBedrag = { TotaalBedrag: bedrag, DebetCredit: dc };
}

function setDagtekening(m: Node, date: string): void {
  node(m, 'Header/BerichtIdentificatie').Dagtekening = date;
}

/** A second ToegewezenProduct of another category, so only the change under test can make them clash. */
function otherToewijzing(standard: StandardId, nummer: string): Node {
  const tp = toegewezenProduct(standard, nummer);
  tp.Product = { Categorie: PRODUCTS[standard].otherCategory };
  delete tp.Omvang;
  return tp;
}

export const TR_CASES: readonly RuleCase[] = [
  // TR002 ------------------------------------------------------------------------------------------
  ...(['301', '305', '307', '315'] as const).flatMap((number): RuleCase[] => [
    {
      rule: 'TR002',
      number,
      title: 'Geboortedatum 120 years and one day before the Dagtekening',
      change: (m) => (node(m, 'Client/Geboortedatum').Datum = '1906-03-31'),
      findings: { TR002: [DAG, '/Bericht/Client/Geboortedatum/Datum'] },
    },
    {
      rule: 'TR002',
      number,
      title: 'Geboortedatum exactly 120 years before the Dagtekening',
      change: (m) => (node(m, 'Client/Geboortedatum').Datum = '1906-04-01'),
      findings: {},
    },
    {
      rule: 'TR002',
      number,
      title: 'unknown Geboortedatum (1900-01-01 with DatumGebruik 3)',
      change: (m) => (node(m, 'Client').Geboortedatum = { Datum: '1900-01-01', DatumGebruik: '3' }),
      findings: {},
    },
  ]),
  {
    rule: 'TR002',
    number: '301',
    title: 'a Relatie born more than 120 years ago (the XSLT checks every Geboortedatum)',
    change: (m) => addRelaties(m, relatie('1', '1900-02-01')),
    findings: { TR002: [DAG, `${RELATIE}[1]/Geboortedatum/Datum`] },
  },

  // TR006 ------------------------------------------------------------------------------------------
  {
    rule: 'TR006',
    number: '301',
    title: 'Contact with Huis but without Postcode and without Telefoon',
    change: (m) =>
      (list(m, 'Client/Contactgegevens/Contact')[0] = { Soort: '02', Adres: { Huis: { Huisnummer: 1 } } }),
    findings: { TR006: [`${CONTACT}[1]`] },
  },
  {
    rule: 'TR006',
    number: '301',
    title: 'Contact with only a Telefoon',
    change: (m) => (list(m, 'Client/Contactgegevens/Contact')[0] = { Soort: '02', Telefoon: telefoon() }),
    findings: {},
  },
  {
    rule: 'TR006',
    number: '301',
    title: 'the Contact of a Relatie without Telefoon, Huis or Postcode',
    change: (m) => {
      const r = relatie('1');
      r.Contact = { Soort: '02' };
      addRelaties(m, relatie('2'), r);
    },
    findings: { TR006: [`${RELATIE}[2]/Contact`] },
  },

  // TR018 ------------------------------------------------------------------------------------------
  {
    rule: 'TR018',
    number: '307',
    title: 'StopProduct Einddatum before its Begindatum',
    change: (m) => (node(m, 'Client/StopProducten/StopProduct[1]').Einddatum = '2026-03-14'),
    findings: { TR018: [`${STOP}[1]/Begindatum`, `${STOP}[1]/Einddatum`] },
  },
  {
    rule: 'TR018',
    number: '307',
    title: 'StopProduct Einddatum equal to its Begindatum',
    change: (m) => (node(m, 'Client/StopProducten/StopProduct[1]').Einddatum = '2026-03-15'),
    findings: {},
  },

  // TR061 ------------------------------------------------------------------------------------------
  {
    rule: 'TR061',
    number: '301',
    title: 'only a tijdelijk verblijfadres (Soort 04)',
    change: (m) => (node(m, 'Client/Contactgegevens').Contact = [contact('04')]),
    findings: { TR061: [`${CONTACT}[1]`] },
  },
  {
    rule: 'TR061',
    number: '301',
    title: 'a correspondentie-adres (Soort 02) next to a tijdelijk verblijfadres',
    change: (m) => (node(m, 'Client/Contactgegevens').Contact = [contact('04'), contact('02')]),
    findings: {},
  },

  // TR101 ------------------------------------------------------------------------------------------
  {
    rule: 'TR101',
    number: '301',
    title: 'two ToegewezenProducten with the same ToewijzingNummer',
    change: (m, s) =>
      list(m, 'Client/ToegewezenProducten/ToegewezenProduct').push(otherToewijzing(s, '100001')),
    findings: { TR101: [`${TP}[1]`, `${TP}[2]`] },
  },
  {
    rule: 'TR101',
    number: '301',
    title: 'two Contacts of the same Soort, two Relaties with the same Nummer',
    change: (m) => {
      list(m, 'Client/Contactgegevens/Contact').push(contact('01'));
      addRelaties(m, relatie('7'), relatie('8'), relatie('7'));
    },
    findings: { TR101: [`${RELATIE}[1]`, `${RELATIE}[3]`, `${CONTACT}[1]`, `${CONTACT}[2]`] },
  },
  {
    rule: 'TR101',
    number: '301',
    title: 'two ToegewezenProducten with different ToewijzingNummers',
    change: (m, s) =>
      list(m, 'Client/ToegewezenProducten/ToegewezenProduct').push(otherToewijzing(s, '100002')),
    findings: {},
  },
  {
    rule: 'TR101',
    number: '305',
    title: 'the same StartProduct twice',
    change: (m) => {
      const starts = list(m, 'Client/StartProducten/StartProduct');
      starts.push(structuredClone(node(m, 'Client/StartProducten/StartProduct[1]')));
    },
    findings: { TR101: [`${START}[1]`, `${START}[2]`] },
  },
  {
    rule: 'TR101',
    number: '305',
    title:
      'taakgericht: two starts without ToewijzingNummer and Product on the same Begindatum (absent = absent)',
    change: (m) => {
      const bare = { Begindatum: '2026-03-15', StatusAanlevering: '1' };
      node(m, 'Client/StartProducten').StartProduct = [bare, { ...bare }];
    },
    findings: { TR101: [`${START}[1]`, `${START}[2]`] },
  },
  {
    rule: 'TR101',
    number: '305',
    title: 'two StartProducten differing only in Begindatum',
    change: (m) => {
      const starts = list(m, 'Client/StartProducten/StartProduct');
      starts.push({ ...structuredClone(starts[0]), Begindatum: '2026-03-16' });
    },
    findings: {},
  },
  {
    rule: 'TR101',
    number: '307',
    title: 'the same StopProduct twice',
    change: (m) => {
      const stops = list(m, 'Client/StopProducten/StopProduct');
      stops.push(structuredClone(node(m, 'Client/StopProducten/StopProduct[1]')));
    },
    findings: { TR101: [`${STOP}[1]`, `${STOP}[2]`] },
  },
  {
    rule: 'TR101',
    number: '307',
    title: 'two StopProducten differing only in RedenBeeindiging (part of the key since 3.2)',
    change: (m) => {
      const stops = list(m, 'Client/StopProducten/StopProduct');
      stops.push({ ...structuredClone(stops[0]), RedenBeeindiging: '20' });
    },
    findings: {},
  },
  {
    rule: 'TR101',
    number: '315',
    title: 'two AangevraagdProducten with the same ReferentieAanbieder (TR383 fails with it: same key)',
    change: (m, s) => {
      const ap = aangevraagdProduct(s, 'REF-1');
      ap.Product = { Categorie: PRODUCTS[s].otherCategory };
      delete ap.Omvang;
      list(m, 'Client/AangevraagdeProducten/AangevraagdProduct').push(ap);
    },
    findings: {
      TR101: [`${AP}[1]`, `${AP}[2]`],
      TR383: [`${AP}[1]/ReferentieAanbieder`, `${AP}[2]/ReferentieAanbieder`],
    },
  },
  {
    rule: 'TR101',
    number: '315',
    title: 'two AangevraagdProducten with their own ReferentieAanbieder',
    change: (m, s) => {
      const ap = aangevraagdProduct(s, 'REF-9');
      ap.Product = { Categorie: PRODUCTS[s].otherCategory };
      delete ap.Omvang;
      list(m, 'Client/AangevraagdeProducten/AangevraagdProduct').push(ap);
    },
    findings: {},
  },
  {
    rule: 'TR101',
    number: '317',
    title: 'the same OngewijzigdProduct twice, the same TeWijzigenProduct twice',
    change: (m) => {
      list(m, 'Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct').push({ ToewijzingNummer: '100001' });
      const teWijzigen = { ToewijzingNummer: '100002', GewensteIngangsdatum: '2026-05-01' };
      node(m, 'Client/Verzoek').TeWijzigenProducten = { TeWijzigenProduct: [teWijzigen, { ...teWijzigen }] };
    },
    findings: {
      TR101: [
        `${VERZOEK}/OngewijzigdeProducten/OngewijzigdProduct[1]`,
        `${VERZOEK}/OngewijzigdeProducten/OngewijzigdProduct[2]`,
        `${VERZOEK}/TeWijzigenProducten/TeWijzigenProduct[1]`,
        `${VERZOEK}/TeWijzigenProducten/TeWijzigenProduct[2]`,
      ],
    },
  },
  {
    rule: 'TR101',
    number: '317',
    standards: ['iwmo'],
    title: 'the same NieuwProduct twice (a hulpmiddel, so TR410 allows the overlap)',
    change: (m) => {
      const np = nieuwProduct('iwmo');
      np.Product = { Categorie: '12', Code: '12A01' };
      node(m, 'Client/Verzoek/NieuweProducten').NieuwProduct = [np, structuredClone(np)];
    },
    findings: { TR101: [`${NP}[1]`, `${NP}[2]`] },
  },
  {
    rule: 'TR101',
    number: '317',
    title: 'OngewijzigdProducten with different ToewijzingNummers',
    change: (m) =>
      list(m, 'Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct').push({ ToewijzingNummer: '2' }),
    findings: {},
  },
  {
    rule: 'TR101',
    number: '319',
    isolated: true,
    title: 'two equal Antwoord classes (not schema-valid: only the key is exercised)',
    change: (m) => (m.Antwoord = [node(m, 'Antwoord'), { ...node(m, 'Antwoord') }]),
    findings: { TR101: ['/Bericht/Antwoord[1]', '/Bericht/Antwoord[2]'] },
  },
  {
    rule: 'TR101',
    number: '319',
    isolated: true,
    title: 'two Antwoord classes differing in VerzoekAntwoord (part of the key)',
    change: (m) =>
      (m.Antwoord = [node(m, 'Antwoord'), { ReferentieAanbieder: 'REF-1', VerzoekAntwoord: '2' }]),
    findings: {},
  },
  {
    rule: 'TR101',
    number: '319',
    title: 'a single Antwoord',
    change: () => undefined,
    findings: {},
  },
  {
    rule: 'TR101',
    number: '323',
    title: 'two Prestaties with the same ProductReferentie',
    change: (m, s) => {
      const second = prestatie(s, 'RN001');
      (second.ProductPeriode as Node).Einddatum = '2026-03-15';
      list(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie').push(second);
      setTotaal(m, 24000);
    },
    findings: { TR101: [`${PRESTATIE}[1]`, `${PRESTATIE}[2]`] },
  },
  {
    rule: 'TR101',
    number: '323',
    title: 'two Clients with the same Bsn',
    change: (m, s) => {
      list(m, 'Declaratie/Clienten/Client').push({
        Bsn: node(m, 'Declaratie/Clienten/Client[1]').Bsn,
        Prestaties: { Prestatie: [prestatie(s, 'RN002', 4000)] },
      });
      setTotaal(m, 16000);
    },
    findings: { TR101: [`${DECL}/Clienten/Client[1]`, `${DECL}/Clienten/Client[2]`] },
  },
  {
    rule: 'TR101',
    number: '323',
    title: 'the same ReferentieNummer under two different clients (siblings only; TR314 is level 3)',
    change: (m, s) => {
      list(m, 'Declaratie/Clienten/Client').push({
        Bsn: BSN_2,
        Prestaties: { Prestatie: [prestatie(s, 'RN001')] },
      });
      setTotaal(m, 24000);
    },
    findings: {},
  },
  {
    rule: 'TR101',
    number: '325',
    title: 'two Prestaties with the same ProductReferentie',
    change: (m) => {
      const prestaties = list(m, 'DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie');
      prestaties.push(
        structuredClone(node(m, 'DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[1]')),
      );
      node(m, 'DeclaratieAntwoord').TotaalIngediendBedrag = { TotaalBedrag: 36000, DebetCredit: 'D' };
    },
    findings: { TR101: [`${PRESTATIE_325}[1]`, `${PRESTATIE_325}[2]`] },
  },
  {
    rule: 'TR101',
    number: '325',
    title: 'two Prestaties with different ProductReferenties',
    change: (m, s) => {
      const second = { ...prestatie(s, 'RN003'), RetourCodes: { RetourCode: ['9338'] } };
      list(m, 'DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie').push(second);
      node(m, 'DeclaratieAntwoord').TotaalIngediendBedrag = { TotaalBedrag: 36000, DebetCredit: 'D' };
    },
    findings: {},
  },

  // TR134 ------------------------------------------------------------------------------------------
  {
    rule: 'TR134',
    number: '301',
    title: 'Toewijzingsdatum after the Dagtekening',
    change: (m) =>
      (node(m, 'Client/ToegewezenProducten/ToegewezenProduct[1]').Toewijzingsdatum = '2026-04-02'),
    findings: { TR134: [DAG, `${TP}[1]/Toewijzingsdatum`] },
  },
  {
    rule: 'TR134',
    number: '301',
    title: 'Toewijzingsdatum on the Dagtekening',
    change: (m) =>
      (node(m, 'Client/ToegewezenProducten/ToegewezenProduct[1]').Toewijzingsdatum = '2026-04-01'),
    findings: {},
  },
  {
    rule: 'TR134',
    number: '301',
    title: 'a Relatie born after the Dagtekening',
    change: (m) => addRelaties(m, relatie('1', '2026-05-01')),
    findings: { TR134: [DAG, `${RELATIE}[1]/Geboortedatum/Datum`] },
  },
  {
    rule: 'TR134',
    number: '305',
    title: 'StartProduct Begindatum after the Dagtekening',
    change: (m) => (node(m, 'Client/StartProducten/StartProduct[1]').Begindatum = '2026-04-02'),
    findings: { TR134: [DAG, `${START}[1]/Begindatum`] },
  },
  {
    rule: 'TR134',
    number: '305',
    title: 'StartProduct Begindatum on the Dagtekening',
    change: (m) => (node(m, 'Client/StartProducten/StartProduct[1]').Begindatum = '2026-04-01'),
    findings: {},
  },
  {
    rule: 'TR134',
    number: '307',
    title: 'StopProduct Einddatum after the Dagtekening',
    change: (m) => (node(m, 'Client/StopProducten/StopProduct[1]').Einddatum = '2026-04-02'),
    findings: { TR134: [DAG, `${STOP}[1]/Einddatum`] },
  },
  {
    rule: 'TR134',
    number: '307',
    title: 'StopProduct Einddatum on the Dagtekening',
    change: (m) => (node(m, 'Client/StopProducten/StopProduct[1]').Einddatum = '2026-04-01'),
    findings: {},
  },
  {
    rule: 'TR134',
    number: '315',
    title: 'Geboortedatum after the Dagtekening',
    change: (m) => (node(m, 'Client/Geboortedatum').Datum = '2026-04-02'),
    findings: { TR134: [DAG, '/Bericht/Client/Geboortedatum/Datum'] },
  },
  {
    rule: 'TR134',
    number: '315',
    title: 'Geboortedatum on the Dagtekening',
    change: (m) => (node(m, 'Client/Geboortedatum').Datum = '2026-04-01'),
    findings: {},
  },
  {
    rule: 'TR134',
    number: '323',
    title: 'periods starting after the Dagtekening (they end after it too, so TR137 joins)',
    change: (m) => setDagtekening(m, '2026-02-28'),
    findings: {
      TR134: [DAG, `${DECL}/DeclaratiePeriode/Begindatum`, `${PRESTATIE}[1]/ProductPeriode/Begindatum`],
      TR137: [DAG, `${DECL}/DeclaratiePeriode/Einddatum`, `${PRESTATIE}[1]/ProductPeriode/Einddatum`],
    },
  },
  {
    rule: 'TR134',
    number: '323',
    title: 'periods ending on the Dagtekening',
    change: (m) => setDagtekening(m, '2026-03-31'),
    findings: {},
  },
  {
    rule: 'TR134',
    number: '325',
    title: 'ProductPeriode starting after the Dagtekening (it ends after it too, so TR137 joins)',
    change: (m) => setDagtekening(m, '2026-02-28'),
    findings: {
      TR134: [DAG, `${PRESTATIE_325}[1]/ProductPeriode/Begindatum`],
      TR137: [DAG, `${PRESTATIE_325}[1]/ProductPeriode/Einddatum`],
    },
  },
  {
    rule: 'TR134',
    number: '325',
    title: 'ProductPeriode ending on the Dagtekening',
    change: (m) => setDagtekening(m, '2026-03-31'),
    findings: {},
  },
  {
    rule: 'TR134',
    number: '305',
    isolated: true,
    title: 'a date that does not exist (the XSD rejects it first; checked here as well)',
    change: (m) => (node(m, 'Client/StartProducten/StartProduct[1]').Begindatum = '2026-02-29'),
    findings: { TR134: [DAG, `${START}[1]/Begindatum`] },
  },

  // TR137 ------------------------------------------------------------------------------------------
  {
    rule: 'TR137',
    number: '323',
    title: 'ProductPeriode Einddatum before its Begindatum',
    change: (m) =>
      (node(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]').ProductPeriode = {
        Begindatum: '2026-03-15',
        Einddatum: '2026-03-10',
      }),
    findings: {
      TR137: [`${PRESTATIE}[1]/ProductPeriode/Begindatum`, `${PRESTATIE}[1]/ProductPeriode/Einddatum`],
    },
  },
  {
    rule: 'TR137',
    number: '323',
    title: 'periods ending after the Dagtekening',
    change: (m) => setDagtekening(m, '2026-03-30'),
    findings: {
      TR137: [DAG, `${DECL}/DeclaratiePeriode/Einddatum`, `${PRESTATIE}[1]/ProductPeriode/Einddatum`],
    },
  },
  {
    rule: 'TR137',
    number: '323',
    title: 'a one-day ProductPeriode',
    change: (m) =>
      (node(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]').ProductPeriode = {
        Begindatum: '2026-03-10',
        Einddatum: '2026-03-10',
      }),
    findings: {},
  },
  {
    rule: 'TR137',
    number: '325',
    title: 'ProductPeriode ending after the Dagtekening',
    change: (m) => setDagtekening(m, '2026-03-15'),
    findings: { TR137: [DAG, `${PRESTATIE_325}[1]/ProductPeriode/Einddatum`] },
  },
  {
    rule: 'TR137',
    number: '325',
    title: 'ProductPeriode Einddatum before its Begindatum',
    change: (m) =>
      (node(m, 'DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[1]').ProductPeriode = {
        Begindatum: '2026-03-15',
        Einddatum: '2026-03-10',
      }),
    findings: {
      TR137: [
        `${PRESTATIE_325}[1]/ProductPeriode/Begindatum`,
        `${PRESTATIE_325}[1]/ProductPeriode/Einddatum`,
      ],
    },
  },
  {
    rule: 'TR137',
    number: '325',
    title: 'ProductPeriode ending on the Dagtekening',
    change: (m) => setDagtekening(m, '2026-03-31'),
    findings: {},
  },

  // TR302 ------------------------------------------------------------------------------------------
  ...overlapCases(),

  // TR315 ------------------------------------------------------------------------------------------
  {
    rule: 'TR315',
    number: '323',
    title: 'two credits with the same VorigReferentieNummer',
    change: (m, s) => {
      list(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie').push(
        credit(s, 'RN010', 'RN900', 4000),
        credit(s, 'RN011', 'RN900', 4000),
      );
      setTotaal(m, 4000);
    },
    findings: {
      TR315: [
        `${PRESTATIE}[2]/ProductReferentie/VorigReferentieNummer`,
        `${PRESTATIE}[3]/ProductReferentie/VorigReferentieNummer`,
      ],
    },
  },
  {
    rule: 'TR315',
    number: '323',
    title: 'the same VorigReferentieNummer under two clients',
    change: (m, s) => {
      list(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie').push(credit(s, 'RN010', 'RN900', 4000));
      list(m, 'Declaratie/Clienten/Client').push({
        Bsn: BSN_2,
        Prestaties: { Prestatie: [credit(s, 'RN011', 'RN900', 4000)] },
      });
      setTotaal(m, 4000);
    },
    findings: {
      TR315: [
        `${PRESTATIE}[2]/ProductReferentie/VorigReferentieNummer`,
        `${DECL}/Clienten/Client[2]/Prestaties/Prestatie[1]/ProductReferentie/VorigReferentieNummer`,
      ],
    },
  },
  {
    rule: 'TR315',
    number: '323',
    title: 'two credits of different Prestaties',
    change: (m, s) => {
      list(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie').push(
        credit(s, 'RN010', 'RN900', 4000),
        credit(s, 'RN011', 'RN901', 4000),
      );
      setTotaal(m, 4000);
    },
    findings: {},
  },

  // TR316 ------------------------------------------------------------------------------------------
  {
    rule: 'TR316',
    number: '323',
    title: 'a credit of the debit in the same message',
    change: (m, s) => {
      list(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie').push(credit(s, 'RN010', 'RN001', 4000));
      setTotaal(m, 8000);
    },
    findings: {
      TR316: [
        `${PRESTATIE}[1]/ProductReferentie/ReferentieNummer`,
        `${PRESTATIE}[2]/ProductReferentie/VorigReferentieNummer`,
      ],
    },
  },
  {
    rule: 'TR316',
    number: '323',
    title: 'the credit before the debit it credits',
    change: (m, s) => {
      const prestaties = list(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie');
      prestaties.unshift(credit(s, 'RN010', 'RN001', 4000));
      setTotaal(m, 8000);
    },
    findings: {
      TR316: [
        `${PRESTATIE}[1]/ProductReferentie/VorigReferentieNummer`,
        `${PRESTATIE}[2]/ProductReferentie/ReferentieNummer`,
      ],
    },
  },
  {
    rule: 'TR316',
    number: '323',
    title: 'a credit referring to itself',
    change: (m, s) => {
      list(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie').push(credit(s, 'RN010', 'RN010', 4000));
      setTotaal(m, 8000);
    },
    findings: {
      TR316: [
        `${PRESTATIE}[2]/ProductReferentie/ReferentieNummer`,
        `${PRESTATIE}[2]/ProductReferentie/VorigReferentieNummer`,
      ],
    },
  },
  {
    rule: 'TR316',
    number: '323',
    title: 'a credit of a debit sent earlier',
    change: (m, s) => {
      list(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie').push(credit(s, 'RN010', 'RN900', 4000));
      setTotaal(m, 8000);
    },
    findings: {},
  },

  // TR319 ------------------------------------------------------------------------------------------
  {
    rule: 'TR319',
    number: '323',
    title: 'a ProductPeriode after the DeclaratiePeriode',
    change: (m) => {
      setDagtekening(m, '2026-05-01');
      node(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]').ProductPeriode = {
        Begindatum: '2026-04-01',
        Einddatum: '2026-04-30',
      };
    },
    findings: {
      TR319: [
        `${DECL}/DeclaratiePeriode/Einddatum`,
        `${PRESTATIE}[1]/ProductPeriode/Begindatum`,
        `${PRESTATIE}[1]/ProductPeriode/Einddatum`,
      ],
    },
  },
  {
    rule: 'TR319',
    number: '323',
    title: 'a ProductPeriode in an earlier month',
    change: (m) =>
      (node(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]').ProductPeriode = {
        Begindatum: '2026-02-01',
        Einddatum: '2026-02-28',
      }),
    findings: {},
  },

  // TR335 ------------------------------------------------------------------------------------------
  {
    rule: 'TR335',
    number: '323',
    title: 'a ProductPeriode ending more than 60 months before the DeclaratieDagtekening',
    change: (m) =>
      (node(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]').ProductPeriode = {
        Begindatum: '2021-03-01',
        Einddatum: '2021-03-31',
      }),
    findings: { TR335: [`${DECL}/DeclaratieDagtekening`, `${PRESTATIE}[1]/ProductPeriode/Einddatum`] },
  },
  {
    rule: 'TR335',
    number: '323',
    title: 'a ProductPeriode ending exactly 60 months before the DeclaratieDagtekening',
    change: (m) => {
      node(m, 'Declaratie').DeclaratieDagtekening = '2026-03-31';
      node(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]').ProductPeriode = {
        Begindatum: '2021-03-01',
        Einddatum: '2021-03-31',
      };
    },
    findings: {},
  },

  // TR342 ------------------------------------------------------------------------------------------
  {
    rule: 'TR342',
    number: '325',
    title: 'TotaalToegekendBedrag that the rejected Prestaties do not explain',
    change: (m) =>
      (node(m, 'DeclaratieAntwoord').TotaalToegekendBedrag = { TotaalBedrag: 10000, DebetCredit: 'D' }),
    findings: { TR342: [`${ANTWOORD_325}/TotaalIngediendBedrag`, `${ANTWOORD_325}/TotaalToegekendBedrag`] },
  },
  {
    rule: 'TR342',
    number: '325',
    title: 'a rejected DeclaratieAntwoord that grants an amount',
    change: (m) => (node(m, 'DeclaratieAntwoord/RetourCodes').RetourCode = ['9333']),
    findings: { TR342: [`${ANTWOORD_325}/TotaalToegekendBedrag`] },
  },
  {
    rule: 'TR342',
    number: '325',
    title: 'a rejected DeclaratieAntwoord granting 0',
    change: (m) => {
      const antwoord = node(m, 'DeclaratieAntwoord');
      antwoord.TotaalToegekendBedrag = { TotaalBedrag: 0, DebetCredit: 'D' };
      delete antwoord.Clienten;
      antwoord.RetourCodes = { RetourCode: ['9333'] };
    },
    findings: {},
  },
  {
    rule: 'TR342',
    number: '325',
    title: 'a fully granted declaratie (8001, no Prestaties)',
    change: (m) => {
      const antwoord = node(m, 'DeclaratieAntwoord');
      antwoord.TotaalToegekendBedrag = { TotaalBedrag: 24000, DebetCredit: 'D' };
      delete antwoord.Clienten;
      antwoord.RetourCodes = { RetourCode: ['8001'] };
    },
    findings: {},
  },
  {
    rule: 'TR342',
    number: '325',
    title: 'credit totals explained by a rejected credit Prestatie',
    change: (m, s) => {
      const antwoord = node(m, 'DeclaratieAntwoord');
      antwoord.TotaalIngediendBedrag = { TotaalBedrag: 20000, DebetCredit: 'C' };
      antwoord.TotaalToegekendBedrag = { TotaalBedrag: 16000, DebetCredit: 'C' };
      node(m, 'DeclaratieAntwoord/Clienten/Client[1]/Prestaties').Prestatie = [
        { ...credit(s, 'RN005', 'RN004', 4000), RetourCodes: { RetourCode: ['8017'] } },
      ];
    },
    findings: {},
  },

  // TR352 / TR353 ----------------------------------------------------------------------------------
  {
    rule: 'TR352',
    number: '317',
    title: 'only NieuweProducten',
    change: (m) => delete node(m, 'Client/Verzoek').OngewijzigdeProducten,
    findings: { TR352: [VERZOEK] },
  },
  {
    rule: 'TR352',
    number: '317',
    title: 'only a TeWijzigenProduct',
    change: (m) => {
      const verzoek = node(m, 'Client/Verzoek');
      delete verzoek.OngewijzigdeProducten;
      delete verzoek.NieuweProducten;
      verzoek.TeWijzigenProducten = {
        TeWijzigenProduct: [
          { ToewijzingNummer: '100001', GewensteIngangsdatum: '2026-05-01', Einddatum: '2026-12-31' },
        ],
      };
    },
    findings: {},
  },
  {
    rule: 'TR353',
    number: '317',
    title: 'only OngewijzigdeProducten',
    change: (m) => delete node(m, 'Client/Verzoek').NieuweProducten,
    findings: { TR353: [VERZOEK] },
  },
  {
    rule: 'TR353',
    number: '317',
    title: 'an OngewijzigdProduct and a NieuwProduct',
    change: () => undefined,
    findings: {},
  },

  // TR358 ------------------------------------------------------------------------------------------
  {
    rule: 'TR358',
    number: '323',
    title: 'TotaalIngediendBedrag different from the sum',
    change: (m) => setTotaal(m, 11000),
    findings: {
      TR358: [
        `${DECL}/TotaalIngediendBedrag/TotaalBedrag`,
        `${DECL}/TotaalIngediendBedrag/DebetCredit`,
        `${PRESTATIE}[1]/IngediendBedrag`,
      ],
    },
  },
  {
    rule: 'TR358',
    number: '323',
    title: 'the right amount with the wrong sign',
    change: (m) => setTotaal(m, 12000, 'C'),
    findings: {
      TR358: [
        `${DECL}/TotaalIngediendBedrag/TotaalBedrag`,
        `${DECL}/TotaalIngediendBedrag/DebetCredit`,
        `${PRESTATIE}[1]/IngediendBedrag`,
      ],
    },
  },
  {
    rule: 'TR358',
    number: '323',
    title: 'a net credit declared as credit',
    change: (m, s) => {
      node(m, 'Declaratie/Clienten/Client[1]/Prestaties').Prestatie = [credit(s, 'RN010', 'RN900', 4000)];
      setTotaal(m, 4000, 'C');
    },
    findings: {},
  },

  // TR377 / TR409 (iJw only) -----------------------------------------------------------------------
  {
    rule: 'TR377',
    number: '319',
    standards: ['ijw'],
    title: 'afgewezen on the woonplaatsbeginsel without the class Woonplaatsbeginsel',
    change: (m) => (node(m, 'Antwoord').RedenAfwijzingVerzoek = '8'),
    findings: { TR377: ['/Bericht/Antwoord/RedenAfwijzingVerzoek'] },
  },
  {
    rule: 'TR377',
    number: '319',
    standards: ['ijw'],
    title: 'afgewezen on the woonplaatsbeginsel naming the gemeente',
    change: (m) =>
      Object.assign(node(m, 'Antwoord'), {
        RedenAfwijzingVerzoek: '8',
        Woonplaatsbeginsel: { Gemeente: '0363' },
      }),
    findings: {},
  },
  {
    rule: 'TR377',
    number: '319',
    standards: ['iwmo'],
    title: 'iWmo has no Woonplaatsbeginsel: reden 8 alone passes',
    change: (m) => (node(m, 'Antwoord').RedenAfwijzingVerzoek = '8'),
    findings: {},
  },
  {
    rule: 'TR409',
    number: '319',
    standards: ['ijw'],
    title: 'Woonplaatsbeginsel with another RedenAfwijzingVerzoek',
    change: (m) => (node(m, 'Antwoord').Woonplaatsbeginsel = { Gemeente: '0363' }),
    findings: { TR409: ['/Bericht/Antwoord/RedenAfwijzingVerzoek', '/Bericht/Antwoord/Woonplaatsbeginsel'] },
  },
  {
    rule: 'TR409',
    number: '319',
    standards: ['ijw'],
    title: 'Woonplaatsbeginsel on an answer "in onderzoek" (no reden counts as not 8)',
    change: (m) => {
      const antwoord = node(m, 'Antwoord');
      antwoord.VerzoekAntwoord = '2';
      delete antwoord.RedenAfwijzingVerzoek;
      antwoord.Woonplaatsbeginsel = { Gemeente: '0363' };
    },
    findings: { TR409: ['/Bericht/Antwoord/Woonplaatsbeginsel'] },
  },
  {
    rule: 'TR409',
    number: '319',
    standards: ['ijw'],
    title: 'no Woonplaatsbeginsel with another reden',
    change: () => undefined,
    findings: {},
  },

  // TR380 ------------------------------------------------------------------------------------------
  {
    rule: 'TR380',
    number: '317',
    title: 'GewensteIngangsdatum on the Dagtekening',
    change: (m) =>
      (node(m, 'Client/Verzoek/NieuweProducten/NieuwProduct[1]').GewensteIngangsdatum = '2026-04-01'),
    findings: { TR380: [DAG, `${NP}[1]/GewensteIngangsdatum`] },
  },
  {
    rule: 'TR380',
    number: '317',
    title: 'GewensteIngangsdatum the day after the Dagtekening',
    change: (m) =>
      (node(m, 'Client/Verzoek/NieuweProducten/NieuwProduct[1]').GewensteIngangsdatum = '2026-04-02'),
    findings: {},
  },

  // TR383 ------------------------------------------------------------------------------------------
  {
    rule: 'TR383',
    number: '315',
    title: 'three AangevraagdProducten sharing one ReferentieAanbieder (TR101 fails with it: same key)',
    change: (m, s) => {
      const products = list(m, 'Client/AangevraagdeProducten/AangevraagdProduct');
      for (const [i, category] of [PRODUCTS[s].otherCategory, PRODUCTS[s].category].entries()) {
        const ap = aangevraagdProduct(s, 'REF-1');
        ap.Product = { Categorie: category };
        if (i === 1)
          Object.assign(ap, { ToewijzingIngangsdatum: '2027-01-01', ToewijzingEinddatum: '2027-06-30' });
        delete ap.Omvang;
        products.push(ap);
      }
    },
    findings: {
      TR101: [`${AP}[1]`, `${AP}[2]`, `${AP}[3]`],
      TR383: [`${AP}[1]/ReferentieAanbieder`, `${AP}[2]/ReferentieAanbieder`, `${AP}[3]/ReferentieAanbieder`],
    },
  },
  {
    rule: 'TR383',
    number: '315',
    title: 'each AangevraagdProduct its own ReferentieAanbieder',
    change: (m, s) => {
      const ap = aangevraagdProduct(s, 'REF-2');
      ap.ToewijzingIngangsdatum = '2027-01-01';
      ap.ToewijzingEinddatum = '2027-06-30';
      list(m, 'Client/AangevraagdeProducten/AangevraagdProduct').push(ap);
    },
    findings: {},
  },

  // TR416 ------------------------------------------------------------------------------------------
  {
    rule: 'TR416',
    number: '323',
    title: 'two debits for the same period, product and toewijzing',
    change: (m, s) => {
      list(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie').push(prestatie(s, 'RN002'));
      setTotaal(m, 24000);
    },
    findings: { TR416: [`${PRESTATIE}[1]`, `${PRESTATIE}[2]`] },
  },
  {
    rule: 'TR416',
    number: '323',
    title: 'a debit and a credit of the same key',
    change: (m, s) => {
      list(m, 'Declaratie/Clienten/Client[1]/Prestaties/Prestatie').push(credit(s, 'RN002', 'RN900', 12000));
      setTotaal(m, 0);
    },
    findings: {},
  },
  {
    rule: 'TR416',
    number: '323',
    title: 'the same debit key under two clients (compared per client, as the XSLT does)',
    change: (m, s) => {
      list(m, 'Declaratie/Clienten/Client').push({
        Bsn: BSN_2,
        Prestaties: { Prestatie: [prestatie(s, 'RN002')] },
      });
      setTotaal(m, 24000);
    },
    findings: {},
  },
];

/** TR302 (301), TR386 (315), TR410 (317): the same overlap logic on three classes. */
function overlapCases(): RuleCase[] {
  interface Target {
    readonly rule: string;
    readonly number: MessageNumber;
    readonly path: string;
    readonly location: string;
    readonly make: (standard: StandardId) => Node;
    readonly start: string;
    readonly end: string;
  }
  const targets: readonly Target[] = [
    {
      rule: 'TR302',
      number: '301',
      path: 'Client/ToegewezenProducten/ToegewezenProduct',
      location: TP,
      make: (s) => toegewezenProduct(s, '100002'),
      start: 'Ingangsdatum',
      end: 'Einddatum',
    },
    {
      rule: 'TR386',
      number: '315',
      path: 'Client/AangevraagdeProducten/AangevraagdProduct',
      location: AP,
      make: (s) => aangevraagdProduct(s, 'REF-2'),
      start: 'ToewijzingIngangsdatum',
      end: 'ToewijzingEinddatum',
    },
    {
      rule: 'TR410',
      number: '317',
      path: 'Client/Verzoek/NieuweProducten/NieuwProduct',
      location: NP,
      make: (s) => nieuwProduct(s),
      start: 'GewensteIngangsdatum',
      end: 'Einddatum',
    },
  ];
  return targets.flatMap((t): RuleCase[] => {
    const second = (s: StandardId, start: string, end: string, changeProduct?: (p: Node) => void): Node => {
      const p = t.make(s);
      p[t.start] = start;
      p[t.end] = end;
      changeProduct?.(p);
      return p;
    };
    const add = (m: Node, p: Node): void => void list(m, t.path).push(p);
    const pair = [`${t.location}[1]`, `${t.location}[2]`];
    const categoryOnly = (s: StandardId) => (p: Node) => {
      p.Product = { Categorie: PRODUCTS[s].category };
      delete p.Omvang;
    };
    const cases: RuleCase[] = [
      {
        rule: t.rule,
        number: t.number,
        title: 'the same product twice with overlapping periods',
        change: (m, s) => add(m, second(s, '2026-06-01', '2027-03-31')),
        findings: { [t.rule]: pair },
      },
      {
        rule: t.rule,
        number: t.number,
        title: 'the same product twice, the second starting the day after the first ends',
        change: (m, s) => add(m, second(s, '2027-01-01', '2027-03-31')),
        findings: {},
      },
      {
        rule: t.rule,
        number: t.number,
        title: 'overlap at category level: one of the two has no ProductCode',
        change: (m, s) => add(m, second(s, '2026-06-01', '2026-09-30', categoryOnly(s))),
        findings: { [t.rule]: pair },
      },
      {
        rule: t.rule,
        number: t.number,
        title: 'two different ProductCodes of one category may overlap',
        change: (m, s) =>
          add(
            m,
            second(
              s,
              '2026-06-01',
              '2026-09-30',
              (p) => (p.Product = { Categorie: PRODUCTS[s].category, Code: PRODUCTS[s].otherCode }),
            ),
          ),
        findings: {},
      },
      {
        rule: t.rule,
        number: t.number,
        title: 'without any Product (a budget) it may overlap nothing',
        change: (m, s) =>
          add(
            m,
            second(s, '2026-06-01', '2026-09-30', (p) => {
              delete p.Product;
              delete p.Omvang;
              p.Budget = 100000;
            }),
          ),
        findings: { [t.rule]: pair },
      },
      {
        rule: t.rule,
        number: t.number,
        standards: ['iwmo'],
        title: 'iWmo: hulpmiddelen (category 12) may overlap',
        change: (m) => {
          const hulpmiddel = (p: Node): void => void (p.Product = { Categorie: '12', Code: '12A01' });
          hulpmiddel(node(m, `${t.path}[1]`));
          add(m, second('iwmo', '2026-06-01', '2027-03-31', hulpmiddel));
        },
        findings: {},
      },
      {
        rule: t.rule,
        number: t.number,
        standards: ['ijw'],
        isolated: true,
        title: 'iJw: no hulpmiddelen exception (category 12 is no iJw category; only the logic is exercised)',
        change: (m) => {
          const hulpmiddel = (p: Node): void => void (p.Product = { Categorie: '12', Code: '12A01' });
          hulpmiddel(node(m, `${t.path}[1]`));
          add(m, second('ijw', '2026-06-01', '2027-03-31', hulpmiddel));
        },
        findings: { [t.rule]: pair },
      },
    ];
    if (t.rule === 'TR302') {
      cases.push({
        rule: t.rule,
        number: t.number,
        title: 'a deleted toewijzing (RedenWijziging 13, Einddatum = Ingangsdatum) overlaps nothing',
        change: (m, s) => add(m, { ...second(s, '2026-06-01', '2026-06-01'), RedenWijziging: '13' }),
        findings: {},
      });
    }
    return cases;
  });
}
