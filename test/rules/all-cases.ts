/**
 * Every TR, CD and CS rule case of the rule tests as one flat list, one entry per case and standard, each
 * with a builder for its edited message and the rule codes the whole rule set must report on it. The
 * fixture generator (scripts/generate-rule-fixtures.ts) turns these into XML files, so the case files stay
 * the one place where a rule's failing and passing messages are written; this module only reads them, plus
 * a few documented changes (ADJUSTMENTS) that make a CD/CS case a clean whole message.
 */
import type { JsonElement } from '../../src/rules/types.js';
import { allRules } from '../../src/rules/engine.js';
import type { MessageNumber, StandardId } from '../../src/standard/model.js';
import { STANDARDS } from '../../src/standard/model.js';
import { build } from './builders.js';
import { at, bericht, messageName, type Node as CdcsNode } from './cdcs-builders.js';
import { contact1, p323, type Case } from './cdcs-cases.js';
import { failing } from './cdcs-failing.js';
import { passing } from './cdcs-passing.js';
import { TR_CASES } from './tr-cases.js';

export interface StandardCase {
  readonly rule: string;
  readonly standard: StandardId;
  readonly number: MessageNumber;
  /** `WMO301`, `JW323`, ... */
  readonly messageName: string;
  readonly title: string;
  /** Whether the case makes its own rule fail. */
  readonly outcome: 'fail' | 'pass';
  /**
   * The codes every level-2 rule together reports, in code order; empty for a message that passes them all.
   * The TR cases state these themselves. The CD/CS cases state only the CD/CS codes (cdcs.test.ts runs no
   * TR rule), so here they also claim that no TR rule fails; test/rules/fixtures.test.ts checks that claim
   * through the command line.
   */
  readonly codes: readonly string[];
  /**
   * An `isolated` TR case: its codes cover its own rule only, as it is a shape no schema-valid message can
   * have and runs against that rule alone.
   */
  readonly ownRuleOnly: boolean;
  /** A fresh `Bericht` with the case's edit applied. */
  readonly build: () => JsonElement;
}

function ruleStandards(code: string): readonly StandardId[] {
  const rule = allRules.find((candidate) => candidate.code === code);
  if (rule === undefined) throw new Error(`a case names ${code}, which is not in the rule set`);
  return rule.standards;
}

const sortCodes = (codes: Iterable<string>): string[] => [...codes].sort();

/**
 * The TR cases. tr.test.ts runs a case in every standard it lists (default both); a standard the rule does
 * not apply to is left out here, since a fixture there would say nothing about the rule.
 */
function trCases(): StandardCase[] {
  return TR_CASES.flatMap((testCase) =>
    (testCase.standards ?? STANDARDS)
      .filter((standard) => ruleStandards(testCase.rule).includes(standard))
      .map((standard): StandardCase => ({
        rule: testCase.rule,
        standard,
        number: testCase.number,
        messageName: messageName(testCase.number, standard),
        title: testCase.title,
        outcome: testCase.rule in testCase.findings ? 'fail' : 'pass',
        codes: sortCodes(Object.keys(testCase.findings)),
        ownRuleOnly: testCase.isolated === true,
        build: () => {
          const message = build(standard, testCase.number);
          testCase.change(message, standard);
          return message as JsonElement;
        },
      })),
  );
}

/**
 * A change on top of a CD/CS case for its fixture file. cdcs.test.ts runs the CD/CS cases against the CD/CS
 * rules only and never through the XSD, and some of them also break a TR rule or the XSD, so as a whole
 * message they would not fail (or pass) their own rule alone. The change keeps the TR rule quiet (or makes
 * the message XSD-valid) without touching what the case is about; where no such change exists,
 * `alsoFails` names the TR codes the file is expected to carry as well. The fixture test checks each
 * result through the command line, so a change that broke the case would show there.
 */
interface FixtureAdjustment {
  readonly rule: string;
  /** The case's title, which identifies it together with `rule`. */
  readonly title: string;
  /** What the change is and which TR rule it keeps quiet; appended to the fixture's title. */
  readonly note: string;
  readonly edit?: (message: CdcsNode) => void;
  readonly alsoFails?: readonly string[];
}

/** TR006: a Contact needs a Telefoon or both Huis and Postcode; these cases leave out Huis or Postcode. */
const telefoon = (): CdcsNode => ({ Telefoon01: { Telefoonnummer: '0201234567', Landnummer: '0031' } });
const addTelefoon = (message: CdcsNode): void => void (contact1(message).Telefoon = telefoon());

/** TR319: a ProductPeriode may not end after the DeclaratiePeriode; these cases move only the latter. */
const productPeriodeInDeclaratiePeriode = (message: CdcsNode): void => {
  p323(message).ProductPeriode = { ...at(message, 'Declaratie.DeclaratiePeriode') };
};

/**
 * TR358: TotaalIngediendBedrag is the net sum of the Prestaties, and TR342 its counterpart in the 325;
 * these cases turn the one Prestatie into a credit.
 */
const creditTotaal = (path: string) => (message: CdcsNode) => {
  at(message, path).TotaalIngediendBedrag = { TotaalBedrag: 5000, DebetCredit: 'C' };
};

const ADJUSTMENTS: readonly FixtureAdjustment[] = [
  {
    rule: 'CD005',
    title: 'LandCode without Postcode, on the Contact of a Relatie',
    note: 'a Telefoon on the Contact, for TR006',
    edit: (message) => {
      at(message, 'Client.Relaties.Relatie.0.Contact').Telefoon = telefoon();
    },
  },
  ...(
    [
      ['CD005', 'address without Postcode and LandCode'],
      ['CD025', 'LandCode NL without Huis'],
      ['CD025', 'foreign address without Huis'],
      ['CD034', 'verblijfadres without Postcode'],
      ['CD034', 'correspondentie-adres without Postcode'],
    ] as const
  ).map(([rule, title]) => ({ rule, title, note: 'with a Telefoon, for TR006', edit: addTelefoon })),
  ...(
    [
      ['CD060', 'credit without VorigReferentieNummer', 'Declaratie'],
      ['CD060', 'credit with VorigReferentieNummer', 'Declaratie'],
      ['CD060', 'credit without VorigReferentieNummer in the answer', 'DeclaratieAntwoord'],
      ['CD060', 'credit with VorigReferentieNummer in the answer', 'DeclaratieAntwoord'],
    ] as const
  ).map(([rule, title, path]) => ({
    rule,
    title,
    note: `TotaalIngediendBedrag credit too, for ${path === 'Declaratie' ? 'TR358' : 'TR342'}`,
    edit: creditTotaal(path),
  })),
  {
    rule: 'CS100',
    title: 'DeclaratiePeriode in 2020',
    note: 'the ProductPeriode in it and a DeclaratieDagtekening within 5 years, for TR319 and TR335',
    edit: (message) => {
      productPeriodeInDeclaratiePeriode(message);
      at(message, 'Declaratie').DeclaratieDagtekening = '2025-12-01';
    },
  },
  {
    rule: 'CS100',
    title: 'ProductPeriode in 2020',
    note: 'a DeclaratieDagtekening within 5 years of it, for TR335',
    edit: (message) => void (at(message, 'Declaratie').DeclaratieDagtekening = '2025-12-01'),
  },
  {
    rule: 'CS100',
    title: 'periods from 2021-01-01',
    note: 'a DeclaratieDagtekening within 5 years of them, for TR335',
    edit: (message) => void (at(message, 'Declaratie').DeclaratieDagtekening = '2021-02-01'),
  },
  {
    rule: 'CS325',
    title: 'Prestatie amount 0 credit',
    note: 'TotaalIngediendBedrag 0 too, for TR358',
    edit: (message) => {
      at(message, 'Declaratie').TotaalIngediendBedrag = { TotaalBedrag: 0, DebetCredit: 'D' };
    },
  },
  {
    rule: 'CS325',
    title: 'TotaalIngediendBedrag 0 credit',
    note: 'the Prestatie 0 too, for TR358',
    edit: (message) => void (p323(message).IngediendBedrag = { Bedrag: 0, DebetCredit: 'D' }),
  },
  {
    rule: 'CS337',
    title: 'ProductPeriode over two months',
    note: 'February and March rather than March and April, for TR137 and TR319',
    edit: (message) =>
      void (p323(message).ProductPeriode = { Begindatum: '2026-02-01', Einddatum: '2026-03-31' }),
  },
  ...(
    [
      'DeclaratiePeriode one day short',
      'February of a leap year ending on the 28th',
      'February of a common year',
      'February of a leap year',
      'December, across the year end',
    ] as const
  ).map((title) => ({
    rule: 'CS340',
    title,
    note: 'the ProductPeriode in the DeclaratiePeriode, for TR319',
    edit: productPeriodeInDeclaratiePeriode,
  })),
  {
    rule: 'CS340',
    title: 'a month from the 15th: only the Begindatum is wrong',
    note: 'a Dagtekening after the period, for TR137',
    edit: (message) => void (at(message, 'Header.BerichtIdentificatie').Dagtekening = '2026-04-15'),
  },
  {
    // Keeping TR134 and TR137 quiet would take a Dagtekening in 2100; the other CS340 cases fail it alone.
    rule: 'CS340',
    title: 'February 2100 ending on the 28th (the XSLT takes 2100 for a leap year)',
    note: 'a period after the Dagtekening, so TR134 and TR137 fail too',
    alsoFails: ['TR134', 'TR137'],
  },
];

/** The CD/CS cases; as in cdcs.test.ts a case runs in the standards it names, else in its rule's. */
function cdcsCases(): StandardCase[] {
  const used = new Set<FixtureAdjustment>();
  const expand = (testCase: Case, outcome: 'fail' | 'pass', codes: readonly string[]): StandardCase[] => {
    const adjustment = ADJUSTMENTS.find((a) => a.rule === testCase.rule && a.title === testCase.title);
    if (adjustment !== undefined) used.add(adjustment);
    return (testCase.standards ?? ruleStandards(testCase.rule)).map((standard) => ({
      rule: testCase.rule,
      standard,
      number: testCase.message,
      messageName: messageName(testCase.message, standard),
      title: adjustment === undefined ? testCase.title : `${testCase.title} (${adjustment.note})`,
      outcome,
      codes: sortCodes([...codes, ...(adjustment?.alsoFails ?? [])]),
      ownRuleOnly: false,
      build: () => {
        const message = bericht(testCase.message, standard);
        testCase.edit(message, standard);
        adjustment?.edit?.(message);
        // The builders' elements also admit RetourCode's string arrays, which JsonElement spells differently.
        return message as unknown as JsonElement;
      },
    }));
  };
  const cases = [
    ...failing.flatMap((testCase) =>
      expand(testCase, 'fail', [testCase.rule, ...Object.keys(testCase.together ?? {})]),
    ),
    ...passing.flatMap((testCase) => expand(testCase, 'pass', [])),
  ];
  // A renamed or removed case would otherwise leave its adjustment behind without a word.
  const unused = ADJUSTMENTS.filter((a) => !used.has(a)).map((a) => `${a.rule}: ${a.title}`);
  if (unused.length > 0) throw new Error(`fixture adjustments without their case: ${unused.join('; ')}`);
  return cases;
}

/** Every rule case in both standards, TR cases first, each list in its file's order. */
export function allStandardCases(): StandardCase[] {
  return [...trCases(), ...cdcsCases()];
}
